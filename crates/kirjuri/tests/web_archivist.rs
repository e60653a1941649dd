//! The archivists' web pages end to end against the real binary with demo data, over HTTP
//! (the same tasks run in Chromium in `tests/browser/journeys/plan.mjs` and `archive.mjs`): the
//! plan browsed as a tree, searched and opened at a class whose record types are in words; a
//! JHS 191 file refused with its findings and nothing stored, then imported with its warning
//! shown, and approved (a bad day refused on the form, the approver recorded); the archive
//! list; an export job started, its progress page, the package downloaded and audited; the
//! package verified by upload, intact and broken; and the refusals of the roles without the
//! rights.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{
    agent, body, csrf_of, form_post as post, page_get as get, repo_root, session_cookie, start_server_with, token,
};

fn location_of(response: &ureq::http::Response<ureq::Body>) -> String {
    response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// POSTs a multipart form with the CSRF token and one file field: status, `Location` and body.
fn upload(
    agent: &ureq::Agent,
    base: &str,
    cookie: &str,
    path: &str,
    csrf: &str,
    field: &str,
    file: Option<(&str, &[u8])>,
) -> (u16, String, String) {
    let boundary = "kirjurirajaus7f3a";
    let mut multipart: Vec<u8> = Vec::new();
    multipart.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").as_bytes(),
    );
    let (name, bytes) = file.unwrap_or(("", b""));
    multipart.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    multipart.extend_from_slice(bytes);
    multipart.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut response = agent
        .post(&format!("{base}{path}"))
        .header("cookie", cookie)
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .send(&multipart[..])
        .unwrap();
    let location = location_of(&response);
    (response.status().as_u16(), location, body(&mut response))
}

fn sample_plan() -> String {
    std::fs::read_to_string(repo_root().join("fixtures/plan/sample-plan-jhs191.xml")).unwrap()
}

#[test]
fn the_archivist_browses_imports_and_approves_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "arkistonhoitaja", "demo-arkistonhoitaja-2026");

    // The plan in force as a tree of classes; the search narrows it to the class of a record type.
    let (status, plan) = get(&agent, base, &cookie, "/ui/plan");
    assert_eq!(status, 200);
    assert!(plan.contains("<ul class=\"tree\">"), "{plan}");
    assert!(plan.contains("href=\"/ui/plan/classes/07.00.03\""), "{plan}");
    assert!(
        plan.contains("Hallintojohtaja") && plan.contains("1.1.2025"),
        "approver and first day"
    );
    let (_, found) = get(&agent, base, &cookie, "/ui/plan?q=oikaisupyynt%C3%B6");
    assert!(found.contains("href=\"/ui/plan/classes/07.00.03\""), "{found}");
    assert!(
        !found.contains("href=\"/ui/plan/classes/00.01.00\""),
        "the search narrows the list"
    );
    let (_, none) = get(&agent, base, &cookie, "/ui/plan?q=zzzz");
    assert!(none.contains("Hakuehtoa vastaavia luokkia ei löytynyt."), "{none}");

    // A class: its record types with retention, trigger, publicity, secrecy ground and personal
    // data in words, never keys.
    let (status, class) = get(&agent, base, &cookie, "/ui/plan/classes/07.00.03");
    assert_eq!(status, 200);
    for words in [
        "Tarkastuspyyntö (GDPR 15)",
        "10 vuotta",
        "Asian lopullinen ratkaisu",
        "Salassa pidettävä",
        // Issue 20: the ground by its name and citation; private life runs from the death.
        "Elintavat, perhe-elämä ja muut henkilökohtaiset olot",
        "JulkL 24 § 1 mom. 32 k.",
        "100 vuotta, jos kuolinpäivä ei ole tiedossa",
        "Sisältää henkilötietoja",
        "Vireilletulo",
    ] {
        assert!(class.contains(words), "{words}: {class}");
    }
    for key in [
        ">case-decision<",
        ">secret<",
        ">personal<",
        ">vireilletulo<",
        "julkl-24-1-32",
    ] {
        assert!(!class.contains(key), "{key} is a machine key");
    }
    let (_, english) = get(
        &agent,
        base,
        &format!("{cookie}; kirjuri_lang=en"),
        "/ui/plan/classes/07.00.03",
    );
    assert!(
        english.contains("Final decision of the case")
            && english.contains("Personal data")
            && english.contains("Lifestyle, family life and other personal circumstances"),
        "{english}"
    );
    assert_eq!(get(&agent, base, &cookie, "/ui/plan/classes/99.99").0, 404);

    // Import: no file, then a broken file, are refused on the form; nothing is stored.
    let (_, versions) = get(&agent, base, &cookie, "/ui/plan/versions");
    assert!(versions.contains("<td>Hyväksytty</td>"), "{versions}");
    let csrf = csrf_of(&versions);
    let (status, _, refused) = upload(&agent, base, &cookie, "/ui/plan/versions", &csrf, "file", None);
    assert_eq!(status, 400);
    assert!(refused.contains("Valitse tuotava JHS 191 XML -tiedosto.") && refused.contains("id=\"file-error\""));
    let broken = b"<?xml version=\"1.0\"?>\n<Tos>\n  <TosTiedot>\n</Tos>\n";
    let (status, _, refused) = upload(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions",
        &csrf,
        "file",
        Some(("rikki.xml", broken)),
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("Mitään ei tallennettu") && refused.contains("invalid_plan"),
        "{refused}"
    );
    assert!(
        refused.contains("rikki.xml, rivi 4") && refused.contains("<strong>Virhe</strong>"),
        "{refused}"
    );
    assert!(!refused.contains("href=\"/ui/plan/versions/2\""), "nothing was stored");

    // A good file with an element of another namespace: stored as draft 2, the warning shown.
    let xml = sample_plan()
        .replacen(
            "<tos:TosVersio>1</tos:TosVersio>",
            "<tos:TosVersio>1</tos:TosVersio><x:Huom xmlns:x=\"urn:example\">kokeilu</x:Huom>",
            1,
        )
        .replacen("Laitilan kaupungin tiedonohjaussuunnitelma", "Testiversio 2027", 1);
    let (status, location, _) = upload(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions",
        &csrf,
        "file",
        Some(("uusi.xml", xml.as_bytes())),
    );
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/ui/plan/versions/2?done=imported&proof="),
        "{location}"
    );
    let (_, imported) = get(&agent, base, &cookie, &location);
    assert!(imported.contains("Tiedosto tuotiin luonnosversioksi 2."), "{imported}");
    assert!(
        imported.contains("<strong>Varoitus</strong>") && imported.contains("urn:example"),
        "{imported}"
    );
    assert!(imported.contains("Testiversio 2027") && imported.contains("<dd>Luonnos</dd>"));
    // A link without this session's proof shows no message.
    let (_, forged) = get(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions/2?done=imported&proof=00000000000000000000000000000000",
    );
    assert!(!forged.contains("Tiedosto tuotiin"));
    // The draft can be browsed before it is approved.
    let (_, draft) = get(&agent, base, &cookie, "/ui/plan?version=2");
    assert!(
        draft.contains("Näytät versiota 2") && draft.contains("Testiversio 2027"),
        "{draft}"
    );

    // Approval: a day in the past and an empty day are refused on the form with the input kept.
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions/2/approve",
        &[("csrf", &csrf), ("valid_from", "2020-01-01")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("bad_valid_from")
            && refused.contains("value=\"2020-01-01\"")
            && refused.contains("id=\"valid_from-error\""),
        "{refused}"
    );
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions/2/approve",
        &[("csrf", &csrf), ("valid_from", "")],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("Anna voimaantulopäivä"), "{refused}");
    let (status, _, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions/2/approve",
        &[("csrf", "wrong"), ("valid_from", "2030-01-01")],
    );
    assert_eq!(status, 403, "a form without the session's token");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions/2/approve",
        &[("csrf", &csrf), ("valid_from", "2030-01-01")],
    );
    assert_eq!(status, 303);
    let (_, approved) = get(&agent, base, &cookie, &location);
    assert!(
        approved.contains("Versio 2 hyväksyttiin. Se on voimassa 1.1.2030 alkaen."),
        "{location}: {approved}"
    );
    assert!(approved.contains("Tämä versio on hyväksytty.") && !approved.contains("id=\"approve\""));
    let (_, versions) = get(&agent, base, &cookie, "/ui/plan/versions");
    assert!(
        versions.contains("<td data-value>arkistonhoitaja</td>") && versions.contains("<td>1.1.2030</td>"),
        "{versions}"
    );
    // Approved twice: refused with the conflict named beside the day.
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/plan/versions/2/approve",
        &[("csrf", &csrf), ("valid_from", "2031-01-01")],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("(koodi <code>conflict</code>)"), "{refused}");

    // Every role reads the plan; only the archivist and the admin import or approve.
    let staff = session_cookie(&agent, base, "tyontekija", "demo-tyontekija-2026");
    let (status, plan) = get(&agent, base, &staff, "/ui/plan/versions");
    assert_eq!(status, 200);
    assert!(!plan.contains("id=\"import\""), "no import form without the right");
    let staff_csrf = csrf_of(&plan);
    let (status, _, _) = post(
        &agent,
        base,
        &staff,
        "/ui/plan/versions/1/approve",
        &[("csrf", &staff_csrf), ("valid_from", "2032-01-01")],
    );
    assert_eq!(status, 403);
    let (status, _, _) = upload(
        &agent,
        base,
        &staff,
        "/ui/plan/versions",
        &staff_csrf,
        "file",
        Some(("uusi.xml", xml.as_bytes())),
    );
    assert_eq!(status, 403);
}

#[test]
fn the_archivist_exports_downloads_and_verifies_a_package() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "arkistonhoitaja", "demo-arkistonhoitaja-2026");

    // The archive list of permanently kept records.
    let (status, archive) = get(&agent, base, &cookie, "/ui/archive");
    assert_eq!(status, 200);
    assert!(
        archive.contains("Arkistoluettelo") && archive.contains("LAI/"),
        "{archive}"
    );
    assert!(archive.contains("Et ole aloittanut vientejä"), "{archive}");
    // The list as a CSV file to keep or hand over.
    let mut csv = agent
        .get(&format!("{base}/ui/archive/list?format=csv"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(csv.status().as_u16(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(body(&mut csv).contains("LAI/"));
    let csrf = csrf_of(&archive);

    // Nothing chosen, or a class that is not a code: refused on the form with the input kept.
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/archive/exports",
        &[("csrf", &csrf), ("class", ""), ("cases", "")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("Valitse, mitä viedään") && refused.contains("id=\"permanent-error\""),
        "{refused}"
    );
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/archive/exports",
        &[("csrf", &csrf), ("class", "tiedonhallinta"), ("cases", "")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"class-error\"") && refused.contains("value=\"tiedonhallinta\""),
        "{refused}"
    );

    // The export starts as a job; its page shows the progress, then the package to download.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/archive/exports",
        &[("csrf", &csrf), ("permanent", "true"), ("class", ""), ("cases", "")],
    );
    assert_eq!(status, 303);
    assert!(location.starts_with("/ui/archive/exports/") && location.contains("?done=started&proof="));
    let job = location.split('?').next().unwrap().to_owned();
    let (_, started) = get(&agent, base, &cookie, &location);
    assert!(started.contains("Vienti aloitettiin.") && started.contains("<progress id=\"export-progress\""));
    let mut page = started;
    for _ in 0..120 {
        if page.contains(">Valmis<") || page.contains(">Epäonnistui<") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
        page = get(&agent, base, &cookie, &job).1;
    }
    assert!(page.contains("<strong id=\"export-state\">Valmis</strong>"), "{page}");
    assert!(
        page.contains("Lataa paketti") && page.contains("pysyvästi säilytettävät"),
        "{page}"
    );
    let (_, archive) = get(&agent, base, &cookie, "/ui/archive");
    assert!(
        archive.contains(&format!("href=\"{job}\"")),
        "the job is listed: {archive}"
    );

    let mut response = agent
        .get(&format!("{base}{job}/package"))
        .header("cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"kirjuri-")
    );
    let package = response.body_mut().read_to_vec().unwrap();
    assert!(package.starts_with(b"PK"));

    // The export is audited as the API's is.
    let admin = token(base, "admin", "a long admin passphrase");
    let mut audit = agent
        .get(&format!("{base}/api/v1/audit?action=archive.export"))
        .header("authorization", format!("Bearer {admin}"))
        .call()
        .unwrap();
    let audit = body(&mut audit);
    assert!(
        audit.contains("archive.export") && audit.contains("arkistonhoitaja"),
        "{audit}"
    );

    // Verification by upload: the package is intact; a changed byte breaks it.
    let (status, _, verified) = upload(
        &agent,
        base,
        &cookie,
        "/ui/archive/verify",
        &csrf,
        "package",
        Some(("paketti.zip", &package)),
    );
    assert_eq!(status, 200);
    assert!(verified.contains("Paketti on eheä"), "{verified}");
    assert!(verified.contains("organisaation oma avain"), "{verified}");
    // A byte of the first member's content changed (after its local header: 30 bytes, then
    // the name and the extra field), never a byte no digest covers such as a header's time.
    let mut broken = package.clone();
    let name_length = usize::from(u16::from_le_bytes([broken[26], broken[27]]));
    let extra_length = usize::from(u16::from_le_bytes([broken[28], broken[29]]));
    let content = 30 + name_length + extra_length;
    broken[content + 2] ^= 0x55;
    let (status, _, verified) = upload(
        &agent,
        base,
        &cookie,
        "/ui/archive/verify",
        &csrf,
        "package",
        Some(("rikki.zip", &broken)),
    );
    assert_eq!(status, 200);
    assert!(verified.contains("Paketti EI ole eheä"), "{verified}");
    assert!(
        !verified.contains("blobs/tmp"),
        "the server's spool path is not shown: {verified}"
    );
    let (status, _, refused) = upload(&agent, base, &cookie, "/ui/archive/verify", &csrf, "package", None);
    assert_eq!(status, 400);
    assert!(refused.contains("Valitse tarkistettava paketti") && refused.contains("id=\"package-error\""));

    // Another person sees neither the job nor its package; the registrar has no archive page.
    let admin_cookie = session_cookie(&agent, base, "admin", "a long admin passphrase");
    assert_eq!(get(&agent, base, &admin_cookie, &job).0, 404);
    assert_eq!(get(&agent, base, &admin_cookie, &format!("{job}/package")).0, 404);
    let registrar = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let (status, front) = get(&agent, base, &registrar, "/");
    assert_eq!(status, 200);
    assert!(
        !front.contains("href=\"/ui/archive\""),
        "no archive link without the right"
    );
    assert_eq!(get(&agent, base, &registrar, "/ui/archive").0, 403);
    assert_eq!(get(&agent, base, &registrar, "/ui/archive/list?format=csv").0, 403);
    let registrar_csrf = csrf_of(&front);
    let (status, _, _) = post(
        &agent,
        base,
        &registrar,
        "/ui/archive/exports",
        &[("csrf", &registrar_csrf), ("permanent", "true")],
    );
    assert_eq!(status, 403);
    assert_eq!(get(&agent, base, &registrar, &job).0, 403);
}
