//! The admin sets where a user's reminders are mailed and in which language on the user's
//! page (the same use-case as `PUT /api/v1/users/{name}/contact` and `kirjuri user contact`):
//! the demo's address is shown, an address with a line break (header injection) comes back 400
//! with the input kept and the error at the field, a good one is saved with a proven message.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with};

#[test]
fn the_admin_sets_a_users_mail_address_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let admin = session_cookie(&agent, base, "admin", "a long admin passphrase");

    let (status, page) = get(&agent, base, &admin, "/ui/admin/users/kirjaaja");
    assert_eq!(status, 200);
    assert!(page.contains("Muistutukset sähköpostiin"), "{page}");
    assert!(page.contains("kirjaaja@kirjuri.invalid"), "the demo's address");
    let csrf = csrf_of(&page);

    let (status, _, refused) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/kirjaaja/contact",
        &[
            ("csrf", &csrf),
            ("email", "kirjaaja@laitila.fi\r\nBcc: all@x.fi"),
            ("language", "en"),
        ],
    );
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("id=\"email-error\""), "{refused}");
    assert!(refused.contains("Bcc: all@x.fi"), "the input is kept");

    let (status, location, _) = post(
        &agent,
        base,
        &admin,
        "/ui/admin/users/kirjaaja/contact",
        &[
            ("csrf", &csrf),
            ("email", "kirjaamo@laitila.invalid"),
            ("language", "en"),
        ],
    );
    assert_eq!(status, 303);
    let (_, page) = get(&agent, base, &admin, &location);
    assert!(page.contains("Muistutusasetukset tallennettu."), "{page}");
    assert!(page.contains("kirjaamo@laitila.invalid"));
    assert!(page.contains("<option value=\"en\" selected>"), "{page}");
}
