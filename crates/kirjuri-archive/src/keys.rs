//! The organisation's signing key (minisign, Ed25519) in `<data>/keys/`: the secret key file is
//! readable by its owner only; the public key is what archives receive out of band.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey};

pub const SECRET_FILE: &str = "minisign.key";
pub const PUBLIC_FILE: &str = "minisign.pub";

/// A loaded signing key.
pub struct SigningKey {
    pub secret: SecretKey,
    pub public: PublicKey,
    /// 16 upper-case hex digits, as `minisign` prints it.
    pub key_id: String,
}

#[derive(Debug)]
pub struct KeyError(pub String);

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The key id of a public key: its 8 key-number bytes read little-endian, upper-case hex.
pub fn key_id(public: &PublicKey) -> Result<String, KeyError> {
    let text = public.to_box().map_err(|e| KeyError(e.to_string()))?.into_string();
    // The first line reads `untrusted comment: minisign public key: <KEYID>`.
    text.lines()
        .next()
        .and_then(|line| line.rsplit(' ').next())
        .map(str::to_owned)
        .filter(|id| id.len() == 16)
        .ok_or_else(|| KeyError("cannot read the key id of the public key".to_owned()))
}

pub fn folder(data: &Path) -> PathBuf {
    data.join("keys")
}

/// Creates the key pair; refuses to overwrite an existing one.
pub fn init(data: &Path) -> Result<String, KeyError> {
    let dir = folder(data);
    let secret_path = dir.join(SECRET_FILE);
    if secret_path.exists() {
        return Err(KeyError(format!(
            "{} already exists; keys are never overwritten",
            secret_path.display()
        )));
    }
    fs::create_dir_all(&dir).map_err(|e| KeyError(format!("{}: {e}", dir.display())))?;
    let pair = KeyPair::generate_unencrypted_keypair().map_err(|e| KeyError(e.to_string()))?;
    let id = key_id(&pair.pk)?;
    // The secret key is stored unencrypted (the service signs unattended), owner-readable only.
    let secret_text = format!(
        "untrusted comment: Kirjuri signing key {id} (unencrypted; readable by the service user only)\n{}\n",
        BASE64.encode(pair.sk.to_bytes())
    );
    let public_text = pair.pk.to_box().map_err(|e| KeyError(e.to_string()))?.into_string();
    write_private(&secret_path, secret_text.as_bytes())?;
    let public_path = dir.join(PUBLIC_FILE);
    fs::write(&public_path, public_text).map_err(|e| KeyError(format!("{}: {e}", public_path.display())))?;
    Ok(id)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| KeyError(format!("{}: {e}", path.display())))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| KeyError(format!("{}: {e}", path.display())))
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    fs::write(path, bytes).map_err(|e| KeyError(format!("{}: {e}", path.display())))
}

/// Loads the key pair of a data folder.
pub fn load(data: &Path) -> Result<SigningKey, KeyError> {
    let dir = folder(data);
    let secret_path = dir.join(SECRET_FILE);
    let secret_text = fs::read_to_string(&secret_path).map_err(|e| {
        KeyError(format!(
            "{}: {e} (create the key pair with `kirjuri keys init`)",
            secret_path.display()
        ))
    })?;
    let encoded = secret_text
        .lines()
        .nth(1)
        .ok_or_else(|| KeyError(format!("{}: line 2 (the key) is missing", secret_path.display())))?;
    let bytes = BASE64
        .decode(encoded.trim())
        .map_err(|e| KeyError(format!("{}: line 2: {e}", secret_path.display())))?;
    let secret = SecretKey::from_bytes(&bytes).map_err(|e| KeyError(format!("{}: {e}", secret_path.display())))?;
    let public = PublicKey::from_secret_key(&secret).map_err(|e| KeyError(e.to_string()))?;
    let key_id = key_id(&public)?;
    Ok(SigningKey { secret, public, key_id })
}

/// The public key in minisign's file format.
pub fn public_text(data: &Path) -> Result<String, KeyError> {
    let path = folder(data).join(PUBLIC_FILE);
    fs::read_to_string(&path).map_err(|e| {
        KeyError(format!(
            "{}: {e} (create the key pair with `kirjuri keys init`)",
            path.display()
        ))
    })
}

/// Reads a public key file (minisign format).
pub fn read_public(text: &str) -> Result<PublicKey, KeyError> {
    PublicKeyBox::from_string(text)
        .and_then(PublicKeyBox::into_public_key)
        .map_err(|e| KeyError(format!("not a minisign public key: {e}")))
}
