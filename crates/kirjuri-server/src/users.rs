//! Users, roles and API tokens, stored as records of the store. Passwords are argon2 hashes;
//! tokens are 256-bit random values of which only the SHA-256 is stored, and they can be
//! revoked. Nothing here ever logs a password or a token.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Utc};
use kirjuri_store::{AuditEvent, IndexKey, Store, StoreError, StoreResult, reject, sha256_hex};
use rand::RngCore;
use serde::{Deserialize, Serialize};

pub const USER: &str = "user";
pub const TOKEN: &str = "token";

/// Roles (DOMAIN.md §1): what a person does decides what they may see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Department staff: public documents only.
    Staff,
    /// Registry office (kirjaamo).
    Registrar,
    /// Archivist (arkistonhoitaja).
    Archivist,
    /// Data-protection officer (tietosuojavastaava).
    PrivacyOfficer,
    /// Read-only, including the audit trail.
    Auditor,
    Admin,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Staff,
        Role::Registrar,
        Role::Archivist,
        Role::PrivacyOfficer,
        Role::Auditor,
        Role::Admin,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Registrar => "registrar",
            Role::Archivist => "archivist",
            Role::PrivacyOfficer => "privacy-officer",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Role, String> {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.key() == text.trim())
            .ok_or_else(|| {
                let allowed: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
                format!("unknown role `{text}`, expected one of: {}", allowed.join(", "))
            })
    }
}

/// Everything a caller can be allowed or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    ReadPlan,
    ReadCases,
    WriteCases,
    ReadPublicDocuments,
    ReadRestrictedDocuments,
    WriteDocuments,
    ManageHolds,
    ReadAudit,
    ManageUsers,
    ComputeDeadlines,
    /// Take a backup of the running service's data folder.
    Backup,
    ReadRequests,
    WriteRequests,
    ReadIncidents,
    WriteIncidents,
    ReadRetention,
    ReadReports,
    /// The register of processing activities and processor agreements.
    ReadRegisters,
    /// Create and edit entries of the register of processing and processor agreements.
    WriteRegisters,
    /// Write management's assessments into the annual report.
    WriteReports,
    /// Propose, approve, cancel and execute disposal; place and lift legal holds.
    ManageDisposal,
    /// Export signed archive packages (they hold restricted records).
    ExportArchive,
    /// Check an archive package.
    VerifyArchive,
    /// Erase a record outside the retention schedule (a GDPR erasure decision, a record
    /// registered by mistake).
    EraseRecords,
    /// Import a plan version and approve one (it decides the retention of new records).
    ManagePlan,
    /// The training register (names of people: personal data) and the control events.
    ReadGovernance,
    /// Add and edit the training register and the control events.
    WriteGovernance,
    /// Manage webhook endpoints and read their delivery logs (admin only: an endpoint sends
    /// the service's events out of it).
    ManageWebhooks,
    /// The contract register (sopimusrekisteri): counterparties, owners, value bands and
    /// notice days of every department. The archivist (contracts are records under the plan)
    /// and the auditor (Local Government Act 410/2015 §122: the audit covers the city's
    /// contracts) read it; staff do not — value bands and counterparties of every department
    /// are not every employee's business.
    ReadContracts,
    /// Add, change and import contracts and record notice: the registry office (kirjaamo)
    /// keeps the register, the privacy officer owns the processor side (GDPR Art 28) and the
    /// admin everything.
    WriteContracts,
}

/// Whether a role's rights reach every department (registry office, archivist, privacy
/// officer, auditor, admin); `staff` reach only their own departments.
pub fn is_city_wide(role: Role) -> bool {
    role != Role::Staff
}

/// The reader a user is: their name and the reach of their right to restricted records.
pub fn reader_for(name: &str, role: Role, departments: &[String]) -> kirjuri_registry::Reader {
    use kirjuri_registry::{Reader, RestrictedReach};
    if !allows(role, Permission::ReadRestrictedDocuments) {
        return Reader::public_only(name);
    }
    if is_city_wide(role) {
        return Reader::city_wide(name);
    }
    let departments: Vec<String> = departments
        .iter()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .collect();
    Reader {
        name: name.to_owned(),
        restricted: if departments.is_empty() {
            RestrictedReach::Nowhere
        } else {
            RestrictedReach::Departments(departments)
        },
    }
}

/// The role matrix: one place decides every permission. Reading restricted records and
/// writing are further limited by the reader's reach (`reader_for`): `staff` only in their own
/// departments, and a case with an explicit access list only for the people it names.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    let everyone = matches!(
        permission,
        ReadPlan | ReadCases | ReadPublicDocuments | ComputeDeadlines
    );
    if everyone || role == Role::Admin {
        return true;
    }
    match role {
        // In their own departments only (the reach of `reader_for`).
        Role::Staff => matches!(permission, ReadRestrictedDocuments | WriteCases | WriteDocuments),
        Role::Registrar => matches!(
            permission,
            WriteCases
                | ReadRestrictedDocuments
                | WriteDocuments
                | ReadRequests
                | WriteRequests
                | ReadContracts
                | WriteContracts
        ),
        Role::Archivist => matches!(
            permission,
            ReadRestrictedDocuments
                | ManageHolds
                | ReadRetention
                | ReadReports
                | ManageDisposal
                | ExportArchive
                | VerifyArchive
                | ManagePlan
                | ReadContracts
        ),
        Role::PrivacyOfficer => matches!(
            permission,
            WriteCases
                | ReadRestrictedDocuments
                | WriteDocuments
                | ReadAudit
                | ReadRequests
                | WriteRequests
                | ReadIncidents
                | WriteIncidents
                | ReadReports
                | WriteReports
                | ReadRegisters
                | WriteRegisters
                | ReadGovernance
                | WriteGovernance
                | ManageHolds
                | EraseRecords
                | ReadContracts
                | WriteContracts
        ),
        // Read-only, including the audit trail.
        Role::Auditor => matches!(
            permission,
            ReadRestrictedDocuments
                | ReadAudit
                | ReadRequests
                | ReadIncidents
                | ReadRetention
                | ReadReports
                | ReadRegisters
                | ReadGovernance
                | VerifyArchive
                | ReadContracts
        ),
        Role::Admin => true,
    }
}

/// A stored user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// argon2 PHC string; never serialised to clients.
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub disabled: bool,
    /// Departments (toimialat) the user works for: a `staff` user reads restricted records and
    /// registers only in these. OpenID Connect sign-in sets them from the groups claim; the
    /// admin sets them for a local user.
    #[serde(default)]
    pub departments: Vec<String>,
    /// How the user signs in; users stored before this field sign in locally.
    #[serde(default)]
    pub sign_in: SignInMethod,
    /// Where reminders are mailed (the daily digest, breach-clock alerts); none: no mail.
    /// Checked by [`checked_email`] (one `@`, no spaces or line breaks: no header injection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The language of the user's mail; users stored before this field get Finnish.
    #[serde(default = "default_language", with = "lang_code")]
    pub language: Lang,
}

pub use kirjuri_words::Lang;

fn default_language() -> Lang {
    Lang::Fi
}

/// A language stored as its code (`fi`, `sv`, `en`); an unknown code reads as Finnish.
mod lang_code {
    use kirjuri_words::Lang;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(lang: &Lang, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(lang.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(Lang::parse(&code).unwrap_or(Lang::Fi))
    }
}

/// An e-mail address as given for a user: trimmed; exactly one `@` with text on both sides, a
/// dot in the domain, no spaces, line breaks or control characters (a line break in an address
/// would let it write mail headers: header injection), at most 254 characters (RFC 5321 §4.5.3).
pub fn checked_email(address: &str) -> StoreResult<String> {
    let address = address.trim();
    let refuse = |why: &str| StoreError::Rejected {
        code: "bad_email",
        message: format!("`email`: {why}"),
    };
    if address.len() > 254 {
        return Err(refuse("at most 254 characters"));
    }
    if address
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"\\".contains(c))
    {
        return Err(refuse("no spaces, line breaks or the characters < > , ; \" \\"));
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(refuse("an address needs exactly one @"));
    };
    if local.is_empty()
        || domain.is_empty()
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return Err(refuse("expected name@domain.example"));
    }
    Ok(address.to_owned())
}

/// A language for mail from its code: `fi`, `sv` or `en`.
pub fn parse_language(code: &str) -> StoreResult<Lang> {
    Lang::parse(code.trim()).ok_or_else(|| StoreError::Rejected {
        code: "bad_language",
        message: format!(
            "`language`: `{}` is not fi, sv or en",
            code.chars().take(16).collect::<String>()
        ),
    })
}

/// Sets where a user's reminders are mailed and in which language, audited as `user.contact`
/// with both before and after. `email: None` keeps the address, `Some("")` removes it; the
/// provider's users may have theirs set here too (sign-in fills it only while it is empty).
pub fn set_contact(
    store: &Store,
    name: &str,
    email: Option<&str>,
    language: Option<Lang>,
    actor: &str,
) -> StoreResult<UserView> {
    let email = match email.map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(address) => Some(Some(checked_email(address)?)),
    };
    let now = Utc::now();
    store.transact(|tx| {
        let Some(mut user) = tx.get::<User>(USER, name)? else {
            return reject("not_found", format!("user `{name}`"));
        };
        let before = serde_json::json!({"email": user.email, "language": user.language.code()});
        if let Some(email) = &email {
            user.email = email.clone();
        }
        if let Some(language) = language {
            user.language = language;
        }
        tx.put(USER, name, &user, &[IndexKey::new("role", user.role.key())])?;
        tx.audit(
            &AuditEvent::new(now, actor, "user.contact")
                .target(USER, name)
                .detail(serde_json::json!({
                    "before": before,
                    "after": {"email": user.email, "language": user.language.code()},
                })),
        )?;
        Ok(UserView::from(&user))
    })
}

/// The stored user `name`, if any (for the reminder scheduler: address and language).
pub fn get_user(store: &Store, name: &str) -> StoreResult<Option<User>> {
    store.get::<User>(USER, name)
}

/// Every stored user (the reminder scheduler mails those with an address).
pub fn all_users(store: &Store) -> StoreResult<Vec<User>> {
    store.list::<User>(USER)
}

/// How a user signs in: with a local password, or through the organisation's OpenID provider
/// (the account is then known by the provider's issuer and subject, never by a password).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "kebab-case")]
pub enum SignInMethod {
    #[default]
    Local,
    Oidc {
        issuer: String,
        subject: String,
    },
}

impl SignInMethod {
    pub fn key(&self) -> &'static str {
        match self {
            SignInMethod::Local => "local",
            SignInMethod::Oidc { .. } => "oidc",
        }
    }
}

/// What clients may see of a user.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub disabled: bool,
    pub departments: Vec<String>,
    /// `local` or `oidc`.
    pub sign_in: &'static str,
    /// Where reminders are mailed, if anywhere.
    pub email: Option<String>,
    /// The language of the user's mail: `fi`, `sv` or `en`.
    pub language: &'static str,
}

impl From<&User> for UserView {
    fn from(user: &User) -> UserView {
        UserView {
            name: user.name.clone(),
            role: user.role,
            created_at: user.created_at,
            disabled: user.disabled,
            departments: user.departments.clone(),
            sign_in: user.sign_in.key(),
            email: user.email.clone(),
            language: user.language.code(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredToken {
    pub user: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub revoked_at: Option<DateTime<Utc>>,
}

pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A new random secret as URL-safe text (passwords for demo users, API tokens).
pub fn random_secret(length: usize) -> String {
    use rand::distr::{Distribution, slice::Choose};
    // Each character is drawn uniformly from the alphabet (no `byte % 57` bias); the alphabet
    // leaves out look-alikes (0/O, 1/l/I).
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    #[allow(clippy::expect_used)] // a constant, non-empty alphabet
    let uniform = Choose::new(ALPHABET).expect("a non-empty alphabet");
    let mut rng = rand::rng();
    (0..length).map(|_| char::from(*uniform.sample(&mut rng))).collect()
}

pub(crate) fn valid_user_name(name: &str) -> bool {
    (2..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-@".contains(&b))
}

/// Creates a user; the name must be new. Hashing runs here, so call it off the async runtime.
pub fn add_user(store: &Store, name: &str, role: Role, password: &str, actor: &str) -> StoreResult<UserView> {
    add_user_in(store, name, role, &[], password, actor)
}

/// Department names as given for a user: trimmed, empty ones dropped, each once; bounded like
/// any registry text.
fn checked_departments(departments: &[String]) -> StoreResult<Vec<String>> {
    kirjuri_registry::limits::check_each("departments", departments, kirjuri_registry::limits::NAME).map_err(
        |error| match error {
            kirjuri_registry::RegistryError::Invalid { code, message } => StoreError::Rejected { code, message },
            other => StoreError::Conflict(other.to_string()),
        },
    )?;
    let mut list: Vec<String> = Vec::new();
    for department in departments.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
        if !list
            .iter()
            .any(|known| kirjuri_registry::same_department(known, department))
        {
            list.push(department.to_owned());
        }
    }
    Ok(list)
}

/// Sets the departments (toimialat) of a local user, audited as `user.departments` with the
/// list before and after. A user of the OpenID provider gets theirs from the groups claim at
/// every sign-in, so they are refused here.
pub fn set_departments(store: &Store, name: &str, departments: &[String], actor: &str) -> StoreResult<UserView> {
    let departments = checked_departments(departments)?;
    let now = Utc::now();
    store.transact(|tx| {
        let Some(mut user) = tx.get::<User>(USER, name)? else {
            return reject("not_found", format!("user `{name}`"));
        };
        if matches!(user.sign_in, SignInMethod::Oidc { .. }) {
            return reject(
                "managed_by_provider",
                format!("the departments of `{name}` come from the identity provider's groups at sign-in"),
            );
        }
        let before = std::mem::replace(&mut user.departments, departments.clone());
        tx.put(USER, name, &user, &[IndexKey::new("role", user.role.key())])?;
        tx.audit(
            &AuditEvent::new(now, actor, "user.departments")
                .target(USER, name)
                .detail(serde_json::json!({"before": before, "after": user.departments})),
        )?;
        Ok(UserView::from(&user))
    })
}

/// Changes a local user's role, audited as `user.role` with the role before and after. The
/// provider's users get their role from their groups at every sign-in, so they are refused here;
/// so is a change that would leave no enabled admin (`last_admin`).
pub fn set_role(store: &Store, name: &str, role: Role, actor: &str) -> StoreResult<UserView> {
    let now = Utc::now();
    let others = other_admins(store, name)?;
    store.transact(|tx| {
        let mut user = local_user(tx, name)?;
        let before = user.role;
        if before == Role::Admin && role != Role::Admin {
            refuse_last_admin(tx, name, &others)?;
        }
        user.role = role;
        tx.put(USER, name, &user, &[IndexKey::new("role", role.key())])?;
        tx.audit(
            &AuditEvent::new(now, actor, "user.role")
                .target(USER, name)
                .detail(serde_json::json!({"before": before.key(), "after": role.key()})),
        )?;
        Ok(UserView::from(&user))
    })
}

/// Disables a local user (a leaver: no sign-in works) or enables one again, audited as
/// `user.disable` or `user.enable`. Disabling also ends the user's sessions and revokes their
/// API tokens, so enabling them again brings back neither. The last enabled admin cannot be
/// disabled; the provider's users are disabled in the provider.
pub fn set_disabled(store: &Store, name: &str, disabled: bool, actor: &str) -> StoreResult<UserView> {
    let now = Utc::now();
    let others = other_admins(store, name)?;
    let sessions = store.scan_index("user", name, crate::session::SESSION)?;
    let tokens = store.scan_index("user", name, TOKEN)?;
    store.transact(|tx| {
        let mut user = local_user(tx, name)?;
        if disabled && user.role == Role::Admin && !user.disabled {
            refuse_last_admin(tx, name, &others)?;
        }
        user.disabled = disabled;
        tx.put(USER, name, &user, &[IndexKey::new("role", user.role.key())])?;
        let (mut ended, mut revoked, mut feed_revoked) = (0, 0, false);
        if disabled {
            // The calendar feed's secret address goes with the sessions and tokens: enabling
            // the user again does not bring the old address back.
            if tx
                .get::<serde_json::Value>(crate::calendar::CALENDAR_FEED, name)?
                .is_some()
            {
                tx.delete(crate::calendar::CALENDAR_FEED, name)?;
                feed_revoked = true;
            }
            for session in &sessions {
                tx.delete(crate::session::SESSION, session)?;
                ended += 1;
            }
            for digest in &tokens {
                if let Some(mut token) = tx.get::<StoredToken>(TOKEN, digest)?
                    && token.revoked_at.is_none()
                {
                    token.revoked_at = Some(now);
                    tx.put(TOKEN, digest, &token, &[IndexKey::new("user", name)])?;
                    revoked += 1;
                }
            }
        }
        let action = if disabled { "user.disable" } else { "user.enable" };
        tx.audit(
            &AuditEvent::new(now, actor, action)
                .target(USER, name)
                .detail(serde_json::json!({
                    "sessions_ended": ended,
                    "tokens_revoked": revoked,
                    "calendar_feed_revoked": feed_revoked,
                })),
        )?;
        Ok(UserView::from(&user))
    })
}

/// A user the admin manages here: stored, and signing in locally.
fn local_user(tx: &kirjuri_store::Tx<'_>, name: &str) -> kirjuri_store::TxResult<User> {
    let Some(user) = tx.get::<User>(USER, name)? else {
        return reject("not_found", format!("user `{name}`"));
    };
    if matches!(user.sign_in, SignInMethod::Oidc { .. }) {
        return reject(
            "managed_by_provider",
            format!("the role and access of `{name}` come from the identity provider at sign-in"),
        );
    }
    Ok(user)
}

/// The other enabled admins, read before a transaction that may take the role from `name`
/// (the transaction reads each again, so a change between the two is seen).
fn other_admins(store: &Store, name: &str) -> StoreResult<Vec<String>> {
    Ok(store
        .list::<User>(USER)?
        .into_iter()
        .filter(|u| u.name != name && u.role == Role::Admin && !u.disabled)
        .map(|u| u.name)
        .collect())
}

/// Refuses to take the admin role from `name` when no other enabled admin would be left (the
/// service would have nobody to manage its users).
fn refuse_last_admin(tx: &kirjuri_store::Tx<'_>, name: &str, others: &[String]) -> kirjuri_store::TxResult<()> {
    let mut any = false;
    for other in others {
        any |= tx
            .get::<User>(USER, other)?
            .is_some_and(|u| u.role == Role::Admin && !u.disabled);
    }
    if any {
        Ok(())
    } else {
        reject("last_admin", format!("`{name}` is the only enabled admin"))
    }
}

/// The stored user whose name equals `name` ignoring case (user names are unique that way).
pub fn find_user_ignoring_case(store: &Store, name: &str) -> StoreResult<Option<User>> {
    if let Some(user) = store.get::<User>(USER, name)? {
        return Ok(Some(user));
    }
    let wanted = name.trim().to_lowercase();
    Ok(store
        .list::<User>(USER)?
        .into_iter()
        .find(|u| u.name.to_lowercase() == wanted))
}

/// The stored names of the users an access list names (matched ignoring case); a name that is
/// no user is refused (`unknown_user`), so a list never waits for an account created later.
pub fn known_user_names(store: &Store, names: &[String]) -> StoreResult<Vec<String>> {
    let mut known = Vec::with_capacity(names.len());
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        match find_user_ignoring_case(store, name)? {
            Some(user) => known.push(user.name),
            None => {
                return Err(StoreError::Rejected {
                    code: "unknown_user",
                    message: format!("`access`: no user `{}`", name.chars().take(64).collect::<String>()),
                });
            }
        }
    }
    Ok(known)
}

/// Creates a user working for `departments`; the name must be new.
pub fn add_user_in(
    store: &Store,
    name: &str,
    role: Role,
    departments: &[String],
    password: &str,
    actor: &str,
) -> StoreResult<UserView> {
    let departments = checked_departments(departments)?;
    if !valid_user_name(name) {
        return Err(StoreError::Rejected {
            code: "bad_user_name",
            message: format!("user name `{name}` must be 2-64 characters of letters, digits and . _ - @"),
        });
    }
    if password.chars().count() < 12 {
        return Err(StoreError::Rejected {
            code: "weak_password",
            message: "a password needs at least 12 characters".to_owned(),
        });
    }
    let password_hash =
        hash_password(password).map_err(|e| StoreError::Conflict(format!("cannot hash password: {e}")))?;
    let now = Utc::now();
    let user = User {
        name: name.to_owned(),
        role,
        password_hash,
        created_at: now,
        disabled: false,
        departments,
        sign_in: SignInMethod::Local,
        email: None,
        language: Lang::Fi,
    };
    // Unique ignoring case: access lists and the search index name users that way.
    if let Some(existing) = find_user_ignoring_case(store, name)? {
        return Err(StoreError::Rejected {
            code: "user_exists",
            message: format!("user `{}` already exists", existing.name),
        });
    }
    store.transact(|tx| {
        if tx.get::<User>(USER, name)?.is_some() {
            return reject("user_exists", format!("user `{name}` already exists"));
        }
        tx.put(USER, name, &user, &[IndexKey::new("role", role.key())])?;
        tx.audit(
            &AuditEvent::new(now, actor, "user.add")
                .target(USER, name)
                .detail(serde_json::json!({"role": role.key(), "departments": user.departments})),
        )
    })?;
    Ok(UserView::from(&user))
}

pub fn list_users(store: &Store) -> StoreResult<Vec<UserView>> {
    Ok(store.list::<User>(USER)?.iter().map(UserView::from).collect())
}

pub fn has_users(store: &Store) -> StoreResult<bool> {
    Ok(!store.list::<User>(USER)?.is_empty())
}

/// Issues an API token for a user; returns the token text, shown once.
pub fn create_token(store: &Store, user_name: &str, actor: &str) -> StoreResult<String> {
    let token = format!("kirjuri_{}", random_secret(40));
    let digest = sha256_hex(token.as_bytes());
    let now = Utc::now();
    store.transact(|tx| {
        let Some(user) = tx.get::<User>(USER, user_name)? else {
            return reject("not_found", format!("user `{user_name}` not found"));
        };
        if user.disabled {
            return reject("user_disabled", format!("user `{user_name}` is disabled"));
        }
        tx.put(
            TOKEN,
            &digest,
            &StoredToken {
                user: user_name.to_owned(),
                created_at: now,
                revoked_at: None,
            },
            &[IndexKey::new("user", user_name)],
        )?;
        // The audit entry names the token by a prefix of its digest, never the token.
        tx.audit(
            &AuditEvent::new(now, actor, "token.create")
                .target(USER, user_name)
                .detail(serde_json::json!({"token": &digest[..12]})),
        )
    })?;
    Ok(token)
}

/// The tokens issued for a user (revoked ones too), oldest first; only their digests are stored.
pub fn tokens_of(store: &Store, user_name: &str) -> StoreResult<Vec<StoredToken>> {
    let mut tokens = Vec::new();
    for digest in store.scan_index("user", user_name, TOKEN)? {
        tokens.extend(store.get::<StoredToken>(TOKEN, &digest)?);
    }
    tokens.sort_by_key(|t| t.created_at);
    Ok(tokens)
}

/// Revokes every token of a user (`not_found` for no such user).
pub fn revoke_tokens(store: &Store, user_name: &str, actor: &str) -> StoreResult<usize> {
    let digests = store.scan_index("user", user_name, TOKEN)?;
    let now = Utc::now();
    store.transact(|tx| {
        if tx.get::<User>(USER, user_name)?.is_none() {
            return reject("not_found", format!("user `{user_name}`"));
        }
        let mut revoked = 0;
        for digest in &digests {
            if let Some(mut token) = tx.get::<StoredToken>(TOKEN, digest)?
                && token.revoked_at.is_none()
            {
                token.revoked_at = Some(now);
                tx.put(TOKEN, digest, &token, &[IndexKey::new("user", user_name)])?;
                revoked += 1;
            }
        }
        tx.audit(
            &AuditEvent::new(now, actor, "token.revoke")
                .target(USER, user_name)
                .detail(serde_json::json!({"revoked": revoked})),
        )?;
        Ok(revoked)
    })
}

/// The user a bearer token belongs to, if the token is valid.
pub fn user_for_token(store: &Store, token: &str) -> StoreResult<Option<User>> {
    let digest = sha256_hex(token.as_bytes());
    let Some(stored) = store.get::<StoredToken>(TOKEN, &digest)? else {
        return Ok(None);
    };
    if stored.revoked_at.is_some() {
        return Ok(None);
    }
    Ok(store.get::<User>(USER, &stored.user)?.filter(|u| !u.disabled))
}

/// Checks a user name and password (for the browser sign-in and token issuing). A user who
/// signs in through the OpenID provider has no password and is never signed in here.
pub fn authenticate(store: &Store, name: &str, password: &str) -> StoreResult<Option<User>> {
    let Some(user) = store.get::<User>(USER, name)? else {
        // Spend the same effort as a real check, so timing does not reveal which names exist.
        let _ = verify_password(
            password,
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo0NTY3OA",
        );
        return Ok(None);
    };
    let local = user.sign_in == SignInMethod::Local;
    Ok((local && !user.disabled && verify_password(password, &user.password_hash)).then_some(user))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    /// Every character of the alphabet is as likely as any other: with `byte % 57` the first
    /// 28 characters came 25 % more often than the rest.
    #[test]
    fn secrets_draw_each_character_uniformly() {
        let text = super::random_secret(57 * 4000);
        assert_eq!(text.chars().count(), 57 * 4000);
        let mut counts = std::collections::BTreeMap::<char, u32>::new();
        for character in text.chars() {
            *counts.entry(character).or_default() += 1;
        }
        assert_eq!(counts.len(), 57, "every character of the alphabet, no other");
        for (character, count) in counts {
            assert!(
                (3500..=4500).contains(&count),
                "{character}: {count} of an expected 4000"
            );
        }
    }
}
