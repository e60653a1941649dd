//! What makes the zip a BagIt 1.0 bag, and how is it signed? The payload manifest, `bagit.txt`,
//! `bag-info.txt`, the public key, the tag manifest and its minisign signature, and the
//! RFC 8493 path encoding the manifests use.

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use kirjuri_registry::RegistryResult;

use super::io_err;
use super::stream::Package;
use crate::keys::SigningKey;

/// Until a BagIt profile is published at a URL, its identifier is a URN (ARCHIVE.md §2.3).
const BAGIT_PROFILE: &str = "urn:kirjuri:bagit-profile:1";

/// The payload a bag holds: the `Payload-Oxum` of `bag-info.txt`.
pub(super) struct Payload {
    pub(super) files: usize,
    pub(super) bytes: u64,
}

/// Writes the tag files after the payload: the payload manifest, `bagit.txt`, `bag-info.txt`
/// and the public key, then the tag manifest over them and its signature.
pub(super) fn write_tag_files<W: Write + io::Seek>(
    package: &mut Package<'_, W>,
    organisation: &str,
    key: &SigningKey,
    created: &str,
    at: DateTime<Utc>,
) -> RegistryResult<Payload> {
    let objid = package.objid.clone();
    let out = package.out;
    let mut manifest = String::new();
    let mut payload_bytes = 0u64;
    for entry in &package.entries {
        manifest.push_str(&format!("{}  {}\n", entry.sha256, bagit_path(&entry.path)));
        payload_bytes += entry.size;
    }
    let payload_files = package.entries.len();
    let bagit_txt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    let bag_info = format!(
        "Source-Organization: {organisation}\nBagging-Date: {}\nPayload-Oxum: {payload_bytes}.{payload_files}\nExternal-Identifier: {objid}\nBagIt-Profile-Identifier: {BAGIT_PROFILE}\nKirjuri-Signing-Key-Id: {}\nKirjuri-Version: {}\n",
        at.format("%Y-%m-%d"),
        key.key_id,
        env!("CARGO_PKG_VERSION")
    );
    let public_key = key.public.to_box().map_err(|e| io_err(out, e))?.into_string();
    let mut tag_manifest = String::new();
    for (name, bytes) in [
        ("bagit.txt", bagit_txt.as_bytes()),
        ("bag-info.txt", bag_info.as_bytes()),
        ("manifest-sha256.txt", manifest.as_bytes()),
        ("minisign.pub", public_key.as_bytes()),
    ] {
        let (sha256, _) = package.add(name, bytes)?;
        tag_manifest.push_str(&format!("{sha256}  {name}\n"));
    }
    package.add("tagmanifest-sha256.txt", tag_manifest.as_bytes())?;
    let trusted = format!("Kirjuri archive export {objid} {created} key {}", key.key_id);
    let signature = minisign::sign(
        Some(&key.public),
        &key.secret,
        io::Cursor::new(tag_manifest.as_bytes()),
        Some(&trusted),
        Some("Kirjuri archive package signature"),
    )
    .map_err(|e| io_err(out, e))?;
    package.add("tagmanifest-sha256.txt.minisig", signature.to_string().as_bytes())?;
    Ok(Payload {
        files: payload_files,
        bytes: payload_bytes,
    })
}

/// RFC 8493: only CR, LF and % are percent-encoded in manifest paths.
pub fn bagit_path(path: &str) -> String {
    path.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}
