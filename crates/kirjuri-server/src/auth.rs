//! Who is asking: the bearer token or the browser session of a request, resolved to a user and
//! role before any handler runs. Principals come only from the credentials, never from request
//! parameters. A request authenticated by the session cookie that changes anything must carry
//! the session's CSRF token in `X-CSRF-Token`.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

use crate::AppState;
use crate::error::ApiError;
use crate::session::{self, COOKIE, CSRF_HEADER, Session};
use crate::users::{Permission, Role, allows, user_for_token};

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    pub name: String,
    pub role: Role,
    /// Purpose of use (käyttötarkoitus) from the `X-Purpose` header, recorded with audited reads.
    pub purpose: Option<String>,
    /// Signed in through the browser session, not a bearer token: a restricted document is
    /// then read only with a purpose (the web UI asks it on `/ui/documents/{id}/open`).
    pub via_session: bool,
    /// The departments (toimialat) the user works for: the reach of a department-scoped role.
    pub departments: Vec<String>,
}

impl Principal {
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if allows(self.role, permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The reader this caller is: how far their right to restricted records reaches — every
    /// department for the city-wide roles, their own departments for `staff`.
    pub fn reader(&self) -> kirjuri_registry::Reader {
        crate::users::reader_for(&self.name, self.role, &self.departments)
    }

    /// Whether the caller may write (open a case, register a document, move a case, change
    /// its access list) in `department`: a city-wide role everywhere, `staff` in their own
    /// departments. The permission itself is checked separately.
    /// Whether the caller may write in this existing case (`Reader::may_write_in`): refused
    /// with `outside_department` for another department or a request or incident case, and
    /// `not_on_access_list` for a case whose access list does not name the caller.
    pub fn require_writes_in_case(&self, case: &kirjuri_registry::Case) -> Result<(), ApiError> {
        let reader = self.reader();
        if reader.may_write_in(case) {
            return Ok(());
        }
        if !case.access.is_empty() {
            return Err(ApiError::NotOnAccessList);
        }
        if case.handled_city_wide() {
            return Err(ApiError::OutsideDepartment(
                "information-request and incident cases are handled by the city-wide roles".to_owned(),
            ));
        }
        self.require_writes_in(&case.department)
    }

    /// Information-request and incident cases are opened by the city-wide roles only (their
    /// services open them; a department's staff may not, as they may not read them).
    pub fn require_opens_in_class(&self, class: &kirjuri_plan::ClassCode) -> Result<(), ApiError> {
        if kirjuri_registry::is_city_wide_process_class(class) && !crate::users::is_city_wide(self.role) {
            return Err(ApiError::OutsideDepartment(
                "information-request and incident cases are handled by the city-wide roles".to_owned(),
            ));
        }
        Ok(())
    }

    pub fn require_writes_in(&self, department: &str) -> Result<(), ApiError> {
        if self.reader().reaches(department) {
            Ok(())
        } else {
            Err(ApiError::OutsideDepartment(format!(
                "department `{department}` is not among your departments ({})",
                if self.departments.is_empty() {
                    "none".to_owned()
                } else {
                    self.departments.join(", ")
                }
            )))
        }
    }

    pub fn may(&self, permission: Permission) -> bool {
        allows(self.role, permission)
    }
}

/// The browser session of a request, if its cookie names a live one.
pub async fn session_of(parts: &Parts, state: &AppState) -> Result<Option<Session>, ApiError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(id) = jar.get(COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    let store = state.store.clone();
    Ok(tokio::task::spawn_blocking(move || session::find(&store, &id))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??)
}

/// Longest purpose of use, in characters.
pub const MAX_PURPOSE_CHARS: usize = 500;

/// The purpose of use from `X-Purpose`. HTTP header values are bytes, so three spellings of
/// UTF-8 text are accepted: percent-encoded (`asian%20k%C3%A4sittely`), RFC 8187
/// (`UTF-8''asian%20k%C3%A4sittely`) and raw UTF-8 bytes. Anything else is refused (400
/// `bad_purpose`) rather than recorded as no purpose.
fn purpose_of(parts: &Parts) -> Result<Option<String>, ApiError> {
    let Some(value) = parts.headers.get("x-purpose") else {
        return Ok(None);
    };
    let purpose = decode_header_text(value.as_bytes()).ok_or_else(|| ApiError::BadRequest {
        code: "bad_purpose",
        message: "X-Purpose: not UTF-8 text (send it percent-encoded, as UTF-8'' with percent-encoding, \
                  or as UTF-8 bytes)"
            .to_owned(),
    })?;
    let purpose = purpose.trim();
    // The same characters as in every other field: no control characters, no text-direction
    // overrides or isolates.
    if let Err(kirjuri_registry::RegistryError::Invalid {
        code: "bad_characters", ..
    }) = kirjuri_registry::limits::check_length("X-Purpose", purpose, MAX_PURPOSE_CHARS)
    {
        return Err(ApiError::BadRequest {
            code: "bad_purpose",
            message: "X-Purpose: control characters and text-direction overrides are not allowed".to_owned(),
        });
    }
    let length = purpose.chars().count();
    if length > MAX_PURPOSE_CHARS {
        return Err(ApiError::BadRequest {
            code: "too_long",
            message: format!("X-Purpose: {length} characters, at most {MAX_PURPOSE_CHARS} allowed"),
        });
    }
    Ok((!purpose.is_empty()).then(|| purpose.to_owned()))
}

/// Header bytes as text: `UTF-8''` + percent-encoding (RFC 8187, charset case-insensitive),
/// else percent-decoded when every `%` starts a valid escape, else the bytes as UTF-8.
fn decode_header_text(bytes: &[u8]) -> Option<String> {
    let trimmed = bytes.trim_ascii();
    if trimmed.len() >= 7 && trimmed[..7].eq_ignore_ascii_case(b"utf-8''") {
        return String::from_utf8(percent_decode(&trimmed[7..])?).ok();
    }
    // Valid escapes are decoded, and what they decode to must be UTF-8 (`a%C0%AEb` is not
    // taken literally); a `%` that starts no escape is a plain percent sign.
    if trimmed.contains(&b'%')
        && let Some(decoded) = percent_decode(trimmed)
    {
        return String::from_utf8(decoded).ok();
    }
    String::from_utf8(trimmed.to_vec()).ok()
}

/// Percent-decoding (`+` stays a plus); `None` when a `%` is not followed by two hex digits.
fn percent_decode(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = tail.get(..2)?;
            let text = std::str::from_utf8(hex).ok()?;
            decoded.push(u8::from_str_radix(text, 16).ok()?);
            rest = &tail[2..];
        } else {
            decoded.push(byte);
            rest = tail;
        }
    }
    Some(decoded)
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // A bad purpose is refused after the credentials: without them the answer is 401.
        let purpose = purpose_of(parts);
        if let Some(header) = parts.headers.get(AUTHORIZATION) {
            let token = header
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or(ApiError::Unauthorized)?
                .to_owned();
            let store = state.store.clone();
            let user = tokio::task::spawn_blocking(move || user_for_token(&store, &token))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))??
                .ok_or(ApiError::Unauthorized)?;
            return Ok(Principal {
                name: user.name,
                role: user.role,
                purpose: purpose?,
                via_session: false,
                departments: user.departments,
            });
        }
        let session = session_of(parts, state).await?.ok_or(ApiError::Unauthorized)?;
        if !parts.method.is_safe() {
            let presented = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !session::csrf_matches(&session, presented) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Principal {
            name: session.user.name,
            role: session.user.role,
            purpose: purpose?,
            via_session: true,
            departments: session.user.departments,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test

    use super::*;

    fn purpose(value: &[u8]) -> Result<Option<String>, ApiError> {
        let request = axum::http::Request::builder()
            .header("x-purpose", axum::http::HeaderValue::from_bytes(value).unwrap())
            .body(())
            .unwrap();
        purpose_of(&request.into_parts().0)
    }

    #[test]
    fn purposes_in_utf8_are_read_in_all_three_spellings() {
        for spelling in [
            "asian%20k%C3%A4sittely".as_bytes(),
            "UTF-8''asian%20k%C3%A4sittely".as_bytes(),
            "utf-8''asian%20k%C3%A4sittely".as_bytes(),
            "asian käsittely".as_bytes(),
        ] {
            assert_eq!(purpose(spelling).unwrap().as_deref(), Some("asian käsittely"));
        }
        assert_eq!(purpose(b"100% varma").unwrap().as_deref(), Some("100% varma"));
        assert_eq!(purpose(b"a+b").unwrap().as_deref(), Some("a+b"));
        for refused in [&b"a%C0%AEb"[..], "a\u{202e}b".as_bytes(), b"rivi%0Arivi"] {
            assert!(purpose(refused).is_err(), "{:?}", String::from_utf8_lossy(refused));
        }
        assert!(purpose(b"  ").unwrap().is_none());
        assert!(matches!(
            purpose(b"k\xe4sittely"),
            Err(ApiError::BadRequest {
                code: "bad_purpose",
                ..
            })
        ));
        assert!(matches!(
            purpose(b"a%00b"),
            Err(ApiError::BadRequest {
                code: "bad_purpose",
                ..
            })
        ));
        let long = "a".repeat(MAX_PURPOSE_CHARS + 1);
        assert!(matches!(
            purpose(long.as_bytes()),
            Err(ApiError::BadRequest { code: "too_long", .. })
        ));
    }
}
