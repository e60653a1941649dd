//! GDPR-only request commands (kept beside `requests_cmd`): the identity check of GDPR 12(6).

use kirjuri_requests::Requests;
use kirjuri_requests::gdpr::{IdentityMethod, IdentityResult};

use crate::data::cli_actor;
use crate::exit::{CmdResult, bad_input};
use crate::registry_cmd::registry_failure;

/// `request verify-identity`: records how the identity was checked (the use-case
/// `Requests::verify_identity`) and prints the record.
pub fn verify_identity(
    requests: &Requests<'_>,
    id: &str,
    (method, result): (&str, &str),
    note: Option<&str>,
) -> CmdResult {
    let method = IdentityMethod::parse(method).map_err(bad_input)?;
    let result = IdentityResult::parse(result).map_err(bad_input)?;
    let stored = requests
        .verify_identity(id, method, result, note, &cli_actor(None))
        .map_err(registry_failure)?;
    for check in &stored.identity_verifications {
        println!(
            "{}  identity {} by {} ({}) at {}{}",
            stored.id,
            check.result.key(),
            check.method.key(),
            check.checked_by,
            check
                .checked_at
                .with_timezone(&chrono_tz::Europe::Helsinki)
                .format("%Y-%m-%d %H:%M"),
            check.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default()
        );
    }
    Ok(())
}
