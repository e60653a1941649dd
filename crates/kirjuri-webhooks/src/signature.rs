//! The signature of a delivery, and how a receiver checks it.
//!
//! Each POST carries `Kirjuri-Timestamp: <Unix seconds>` and
//! `Kirjuri-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, the secret being
//! the endpoint's secret exactly as shown at creation or rotation (its UTF-8 bytes are the key).
//! A receiver:
//! 1. reads the raw body bytes (before any JSON parsing);
//! 2. computes the HMAC over `"<Kirjuri-Timestamp>.<body>"` and compares it with every `v1=`
//!    value of the header in constant time (a list `v1=a,v1=b` is allowed for future rotation
//!    overlap);
//! 3. rejects a timestamp more than [`SIGNATURE_TOLERANCE_SECS`] (5 minutes) from its own
//!    clock: an old, validly signed request replayed later is refused;
//! 4. de-duplicates by `Kirjuri-Event-Id` (delivery is at-least-once).
//!
//! [`verify`] does exactly this, for receivers written in Rust and for our tests.

use hmac::{KeyInit, Mac};

/// How far a delivery's timestamp may be from the receiver's clock.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 5 * 60;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length, so this never fails.
    let mut mac = match HmacSha256::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable_key(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

#[cold]
fn unreachable_key() -> HmacSha256 {
    // HMAC accepts keys of every length (RFC 2104 §2); this fallback only satisfies the types.
    #[allow(clippy::expect_used)]
    HmacSha256::new_from_slice(b"-").expect("HMAC accepts any key length")
}

/// The hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    mac(secret, timestamp, body)
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `Kirjuri-Signature` header value: `v1=<hex>`.
pub fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("v1={}", sign(secret, timestamp, body))
}

/// Why a receiver refuses a delivery.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("Kirjuri-Timestamp is not a whole number of seconds")]
    BadTimestamp,
    #[error("Kirjuri-Timestamp is {0} s away from now (more than 5 minutes: a replay?)")]
    Stale(i64),
    #[error("Kirjuri-Signature has no v1= value")]
    NoSignature,
    #[error("Kirjuri-Signature does not match the body")]
    Mismatch,
}

/// Checks a delivery as a receiver must: the timestamp within 5 minutes of `now_unix`, and a
/// `v1=` signature equal (in constant time) to the HMAC of `"<timestamp>.<body>"`.
pub fn verify(
    secret: &str,
    timestamp_header: &str,
    signature_header: &str,
    body: &[u8],
    now_unix: i64,
) -> Result<(), VerifyError> {
    let timestamp: i64 = timestamp_header.trim().parse().map_err(|_| VerifyError::BadTimestamp)?;
    let skew = now_unix.saturating_sub(timestamp);
    if skew.abs() > SIGNATURE_TOLERANCE_SECS {
        return Err(VerifyError::Stale(skew));
    }
    let candidates: Vec<Vec<u8>> = signature_header
        .split(',')
        .filter_map(|part| part.trim().strip_prefix("v1="))
        .filter_map(decode_hex)
        .collect();
    if candidates.is_empty() {
        return Err(VerifyError::NoSignature);
    }
    let matches = candidates
        .iter()
        .any(|candidate| mac(secret, timestamp, body).verify_slice(candidate).is_ok());
    if matches { Ok(()) } else { Err(VerifyError::Mismatch) }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// 2026-12-01T08:00:00Z, a delivery signed then and checked 10 s later: accepted.
    #[test]
    fn a_fresh_signed_delivery_is_accepted() {
        let at = 1_796_112_000; // 2026-12-01T08:00:00Z
        let body = br#"{"id":"17-abcdef0123456789","type":"case.transition"}"#;
        let header = signature_header(SECRET, at, body);
        assert!(header.starts_with("v1="));
        assert_eq!(verify(SECRET, &at.to_string(), &header, body, at + 10), Ok(()));
    }

    /// A tampered body, a tampered signature, or another secret: refused as a mismatch.
    #[test]
    fn a_tampered_signature_or_body_is_rejected() {
        let at = 1_796_112_000; // 2026-12-01T08:00:00Z
        let body = br#"{"id":"17-abcdef0123456789","type":"case.transition"}"#;
        let header = signature_header(SECRET, at, body);
        let mut flipped = header.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        let flipped = String::from_utf8(flipped).unwrap_or_default();
        assert_eq!(
            verify(SECRET, &at.to_string(), &flipped, body, at),
            Err(VerifyError::Mismatch)
        );
        let other_body = br#"{"id":"17-abcdef0123456789","type":"case.open"}"#;
        assert_eq!(
            verify(SECRET, &at.to_string(), &header, other_body, at),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            verify("whsec_other", &at.to_string(), &header, body, at),
            Err(VerifyError::Mismatch)
        );
        // The timestamp is signed too: a moved timestamp does not match.
        assert_eq!(
            verify(SECRET, &(at + 1).to_string(), &header, body, at),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, &at.to_string(), "v0=abc", body, at),
            Err(VerifyError::NoSignature)
        );
    }

    /// Replay: signed at 2026-12-01T08:00:00Z, presented at 08:05:01 (301 s later, over the
    /// 5-minute tolerance): refused even though the signature is valid; at 08:05:00 accepted.
    #[test]
    fn a_timestamp_older_than_five_minutes_is_a_replay() {
        let at = 1_796_112_000;
        let body = b"{}";
        let header = signature_header(SECRET, at, body);
        assert_eq!(verify(SECRET, &at.to_string(), &header, body, at + 300), Ok(()));
        assert_eq!(
            verify(SECRET, &at.to_string(), &header, body, at + 301),
            Err(VerifyError::Stale(301))
        );
        assert_eq!(
            verify(SECRET, "yesterday", &header, body, at),
            Err(VerifyError::BadTimestamp)
        );
    }

    /// RFC 4231 test case 2 ("Jefe"), so the construction is the standard HMAC-SHA256.
    #[test]
    fn the_mac_is_standard_hmac_sha256() {
        let mut mac = HmacSha256::new_from_slice(b"Jefe").unwrap_or_else(|_| unreachable_key());
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
