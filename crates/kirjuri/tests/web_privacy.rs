//! The privacy officer's web pages end to end against the real binary with demo data, over
//! HTTP: a breach registered, assessed and notified with its 72-hour clock and draft; a register
//! entry and a processor agreement created and edited, with the completeness check; the annual
//! report's assessment written and the report downloaded; a log investigation run from a
//! request. Refused forms come back (400) with the input kept and the field named; roles
//! without the right get 403 and no navigation link.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post as post, session_cookie, start_server_with};

/// GETs a page as a signed-in user: status, headers we check and body.
fn get(agent: &ureq::Agent, base: &str, cookie: &str, path: &str) -> (u16, String, String) {
    let mut response = agent
        .get(&format!("{base}{path}"))
        .header("cookie", cookie)
        .call()
        .unwrap();
    let disposition = response
        .headers()
        .get("content-disposition")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), disposition, body(&mut response))
}

/// A moment as a `datetime-local` field holds it, `minutes` from now in Helsinki time.
fn local_moment(minutes: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(minutes))
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

#[test]
fn the_privacy_officer_works_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");

    // Registering an incident: without a title the form comes back with what was typed.
    let (status, _, list) = get(&agent, base, &cookie, "/ui/incidents");
    assert_eq!(status, 200);
    assert!(list.contains("Kirjaa tietoturvapoikkeama"), "{list}");
    let csrf = csrf_of(&list);
    let aware = local_moment(-60);
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/incidents",
        &[
            ("csrf", &csrf),
            ("title", " "),
            ("aware_at", &aware),
            ("description", "Kirje meni väärään osoitteeseen"),
            ("breach", "true"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("missing_title") && refused.contains("id=\"title-error\""),
        "{refused}"
    );
    assert!(
        refused.contains("Kirje meni väärään osoitteeseen") && refused.contains(&aware),
        "input kept"
    );
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/incidents",
        &[("csrf", &csrf), ("title", "Väärä vastaanottaja"), ("aware_at", "eilen")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"aware_at-error\"") && refused.contains("Väärä vastaanottaja"),
        "{refused}"
    );

    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/incidents",
        &[
            ("csrf", &csrf),
            ("title", "Väärä vastaanottaja"),
            ("aware_at", &aware),
            ("severity", "high"),
            ("breach", "true"),
        ],
    );
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/ui/incidents/") && location.contains("done=registered"),
        "{location}"
    );
    let incident = location
        .trim_start_matches("/ui/incidents/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (status, _, page) = get(&agent, base, &cookie, &location);
    assert_eq!(status, 200);
    assert!(page.contains("Poikkeama kirjattu diaarinumerolla"), "{page}");
    // The Art 33 clock: its own box with the due moment and the time left in words, live.
    assert!(
        page.contains("Ilmoitus tietosuojavaltuutetulle (GDPR 33 art., 72 h)"),
        "{page}"
    );
    assert!(
        page.contains("jäljellä 2 vrk 22 h") || page.contains("jäljellä 2 vrk 23 h"),
        "{page}"
    );
    assert!(
        page.contains("data-due=\"") && page.contains("/static/privacy-clock.js"),
        "{page}"
    );
    // A link made by someone else shows no message.
    let (_, _, bare) = get(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}?done=registered&proof=00"),
    );
    assert!(!bare.contains("Poikkeama kirjattu"), "no message without the proof");
    let (status, _, script) = get(&agent, base, &cookie, "/static/privacy-clock.js");
    assert_eq!(status, 200);
    assert!(script.contains("data-due"), "{script}");

    // The risk assessment: a risk without its rationale is refused beside the field, input kept.
    let csrf = csrf_of(&page);
    let path = format!("/ui/incidents/{incident}/assessment");
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &path,
        &[
            ("csrf", &csrf),
            ("risk", "high"),
            ("rationale", ""),
            ("people", "12"),
            ("types", "confidentiality"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("rationale_required") && refused.contains("id=\"rationale-error\""),
        "{refused}"
    );
    assert!(refused.contains("value=\"12\""), "the count is kept");
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &path,
        &[
            ("csrf", &csrf),
            ("risk", "high"),
            ("rationale", "x"),
            ("people", "kaksitoista"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"people-error\"") && refused.contains("kaksitoista"),
        "{refused}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &path,
        &[
            ("csrf", &csrf),
            ("risk", "high"),
            ("rationale", "Terveystietoja ja henkilötunnuksia"),
            ("people", "12"),
            ("types", "confidentiality"),
            ("data_categories", "terveystiedot\nyhteystiedot"),
            ("identity_codes", "true"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(
        page.contains("Riskiarvio tallennettu.") && page.contains("Korkea riski"),
        "{page}"
    );
    assert!(
        page.contains("terveystiedot, yhteystiedot") && page.contains("Luottamuksellisuus"),
        "{page}"
    );

    // A notification recorded with its day and reference: in time.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/notifications"),
        &[
            ("csrf", &csrf),
            ("phase", "preliminary"),
            ("sent_at", &local_moment(0)),
            ("reference", "TSV/123/2026"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(
        page.contains("Ilmoitus kirjattu.") && page.contains("TSV/123/2026") && page.contains("Ajallaan"),
        "{page}"
    );
    assert!(page.contains("Tehty ajallaan"), "the 72-hour clock is met: {page}");
    // A supplementary notice to the data subjects before any... a subjects' notice is recorded too.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/notifications"),
        &[
            ("csrf", &csrf),
            ("phase", "subjects-informed"),
            ("sent_at", &local_moment(0)),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Ilmoitus rekisteröidyille"), "{page}");

    // The draft, shown on the page and downloaded as a file.
    assert!(
        page.contains("Ilmoitusluonnos") && page.contains("Breach notification draft"),
        "{page}"
    );
    let (status, disposition, draft) = get(&agent, base, &cookie, &format!("/ui/incidents/{incident}/draft.md"));
    assert_eq!(status, 200);
    assert!(
        disposition.starts_with("attachment; filename=\"ilmoitusluonnos-"),
        "{disposition}"
    );
    assert!(draft.contains("Väärä vastaanottaja"), "{draft}");

    // A transition, with the new state in words.
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/transition"),
        &[("csrf", &csrf), ("state", "containment")],
    );
    assert_eq!(status, 303);
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Poikkeaman tila on nyt Rajaaminen."), "{page}");
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/transition"),
        &[("csrf", &csrf), ("state", "closed")],
    );
    assert_eq!(status, 400, "containment cannot close at once");
    assert!(
        refused.contains("Tähän tilaan ei voi siirtyä nykyisestä tilasta.") && refused.contains("id=\"state-error\""),
        "{refused}"
    );
    // A form without the session's token is refused.
    let (status, _, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/breach"),
        &[("csrf", "wrong")],
    );
    assert_eq!(status, 403);

    // The register of processing: a new entry with a bad id comes back, the name kept.
    let (status, _, new) = get(&agent, base, &cookie, "/ui/registers/new");
    assert_eq!(status, 200);
    let csrf = csrf_of(&new);
    let entry = [
        ("csrf", csrf.as_str()),
        ("name", "Kuntalaispalaute"),
        ("department", "keskushallinto"),
        ("controller", "Laitilan kaupunki, kirjaamo@laitila.fi"),
        ("dpo_contact", "tietosuojavastaava@laitila.fi"),
        ("purposes", "palautteen käsittely"),
        ("subject_categories", "kuntalaiset"),
        ("data_categories", "yhteystiedot\npalautteen sisältö"),
        ("recipients", "ei luovutuksia"),
        ("transfers", "ei siirtoja"),
        ("erasure_classes", "00 01 01"),
        ("active", "true"),
    ];
    let mut bad = entry.to_vec();
    bad.push(("id", "Palaute 2026"));
    let (status, _, refused) = post(&agent, base, &cookie, "/ui/registers/new", &bad);
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"id-error\"") && refused.contains("Kuntalaispalaute"),
        "{refused}"
    );
    let mut bad = entry.to_vec();
    bad.push(("id", "palaute-2026"));
    bad[10] = ("erasure_classes", "seitsemän");
    let (status, _, refused) = post(&agent, base, &cookie, "/ui/registers/new", &bad);
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"erasure_classes-error\"") && refused.contains("seitsemän"),
        "{refused}"
    );
    let mut good = entry.to_vec();
    good.push(("id", "palaute-2026"));
    let (status, location, _) = post(&agent, base, &cookie, "/ui/registers/new", &good);
    assert_eq!(status, 303, "{location}");
    let (_, _, registers) = get(&agent, base, &cookie, &location);
    assert!(
        registers.contains("Käsittelytoimi lisätty selosteeseen") && registers.contains("Kuntalaispalaute"),
        "{registers}"
    );
    // The completeness check names what it lacks (no security measures: point g).
    assert!(
        registers.contains("g) tekniset ja organisatoriset turvatoimet"),
        "{registers}"
    );
    let (status, _, again) = post(&agent, base, &cookie, "/ui/registers/new", &good);
    assert_eq!(status, 400, "the id is taken");
    assert!(again.contains("id_taken"), "{again}");
    let (status, _, edit) = get(&agent, base, &cookie, "/ui/registers/palaute-2026");
    assert_eq!(status, 200);
    assert!(
        edit.contains("Muokkaa käsittelytointa") && edit.contains("palautteen sisältö"),
        "{edit}"
    );
    let mut changed = entry.to_vec();
    changed.push(("security_measures", "käyttöoikeudet roolin mukaan, lokitus"));
    let (status, location, _) = post(&agent, base, &cookie, "/ui/registers/palaute-2026", &changed);
    assert_eq!(status, 303);
    let (_, _, registers) = get(&agent, base, &cookie, &location);
    assert!(
        registers.contains("Käsittelytoimen muutokset tallennettu"),
        "{registers}"
    );

    // A processor agreement: ending before it starts is refused beside the field.
    let (_, _, new) = get(&agent, base, &cookie, "/ui/processors/new");
    assert!(new.contains("palaute-2026"), "the entries to cover are offered: {new}");
    let agreement = [
        ("csrf", csrf.as_str()),
        ("id", "palautepalvelu-oy"),
        ("processor", "Palautepalvelu Oy"),
        ("state", "active"),
        ("starts_on", "2026-01-01"),
        ("registers", "palaute-2026"),
        ("covers", "security"),
        ("covers", "audits"),
    ];
    let mut bad = agreement.to_vec();
    bad.push(("ends_on", "2025-12-31"));
    let (status, _, refused) = post(&agent, base, &cookie, "/ui/processors/new", &bad);
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"ends_on-error\"") && refused.contains("Palautepalvelu Oy"),
        "{refused}"
    );
    let (status, location, _) = post(&agent, base, &cookie, "/ui/processors/new", &agreement);
    assert_eq!(status, 303, "{location}");
    let (_, _, registers) = get(&agent, base, &cookie, &location);
    assert!(
        registers.contains("Käsittelijäsopimus lisätty") && registers.contains("puuttuu 10 / 12"),
        "{registers}"
    );
    let mut edited = agreement.to_vec();
    edited.push(("covers", "confidentiality"));
    let (status, location, _) = post(&agent, base, &cookie, "/ui/processors/palautepalvelu-oy", &edited);
    assert_eq!(status, 303);
    let (_, _, registers) = get(&agent, base, &cookie, &location);
    assert!(
        registers.contains("Käsittelijäsopimuksen muutokset tallennettu") && registers.contains("puuttuu 9 / 12"),
        "{registers}"
    );

    // The annual report: an empty assessment is refused at its chapter; a written one shows.
    let (status, _, report) = get(&agent, base, &cookie, "/ui/report?year=2026");
    assert_eq!(status, 200);
    assert!(
        report.contains("Tietotilinpäätös 2026") && report.contains("Arvio ja kehittämiskohteet"),
        "{report}"
    );
    let csrf = csrf_of(&report);
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        "/ui/report",
        &[
            ("csrf", &csrf),
            ("year", "2026"),
            ("chapter", "security"),
            ("text", "  "),
        ],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"text-security-error\""), "{refused}");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/report",
        &[
            ("csrf", &csrf),
            ("year", "2026"),
            ("chapter", "security"),
            ("text", "Loukkaukset ilmoitettiin ajallaan."),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, report) = get(&agent, base, &cookie, &location);
    assert!(
        report.contains("Arvio tallennettu lukuun") && report.contains("Loukkaukset ilmoitettiin ajallaan."),
        "{report}"
    );
    let (status, disposition, markdown) = get(&agent, base, &cookie, "/ui/report?year=2026&format=md&lang=fi");
    assert_eq!(status, 200);
    assert_eq!(disposition, "attachment; filename=\"tietotilinpaatos-2026.md\"");
    assert!(markdown.contains("Loukkaukset ilmoitettiin ajallaan."), "{markdown}");
    let (status, _, csv) = get(&agent, base, &cookie, "/ui/report?year=2026&format=csv&lang=en");
    assert_eq!(status, 200);
    assert!(!csv.is_empty());

    // A log investigation from a log-investigation request's page.
    let (_, _, queue) = get(&agent, base, &cookie, "/ui/requests");
    let csrf = csrf_of(&queue);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .format("%Y-%m-%d")
        .to_string();
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/requests",
        &[
            ("csrf", &csrf),
            ("kind", "log-investigation"),
            ("received", &today),
            ("requester", "Maija Meikäläinen"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let request = location
        .trim_start_matches("/ui/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(
        page.contains("Lokitietojen tarkastus") && page.contains("value=\"Maija Meikäläinen\""),
        "{page}"
    );
    let path = format!("/ui/requests/{request}/log-investigation");
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &path,
        &[("csrf", &csrf), ("subject", ""), ("from", "2026-01-01")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"subject-error\"") && refused.contains("value=\"2026-01-01\""),
        "{refused}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &path,
        &[
            ("csrf", &csrf),
            ("subject", "Maija Meikäläinen"),
            ("from", "2026-01-01"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    assert!(location.contains("done=log-report."), "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(
        page.contains("Lokiselvitys tehty") && page.contains("/ui/documents/"),
        "{page}"
    );
    assert!(
        page.contains("Rekisteröidyn tietoja käsitelty"),
        "the number of reads found: {page}"
    );
    // The register entry's changes show in words on the audit trail.
    let (_, _, audit) = get(&agent, base, &cookie, "/ui/audit?action=registers.");
    assert!(
        audit.contains("Käsittelytoimen lisäys selosteeseen") && audit.contains("Käsittelytoimen muutos"),
        "{audit}"
    );
    // Another kind of request has no log investigation.
    let (status, _, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/requests",
        &[
            ("csrf", &csrf),
            ("kind", "gdpr-access"),
            ("received", &today),
            ("requester", "Matti"),
        ],
    );
    assert_eq!(status, 303);
}

#[test]
fn roles_without_the_right_see_no_privacy_pages() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();

    // The registrar: no incidents, registers or report, and no links to them.
    let cookie = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    for path in [
        "/ui/incidents",
        "/ui/registers",
        "/ui/registers/new",
        "/ui/processors/new",
        "/ui/report",
    ] {
        let (status, _, _) = get(&agent, base, &cookie, path);
        assert_eq!(status, 403, "{path}");
    }
    let (_, _, front) = get(&agent, base, &cookie, "/");
    assert!(
        !front.contains("href=\"/ui/registers\"") && !front.contains("href=\"/ui/report\""),
        "{front}"
    );

    // The auditor reads, but writes nothing: no forms, and a posted one is refused.
    let cookie = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, _, registers) = get(&agent, base, &cookie, "/ui/registers");
    assert_eq!(status, 200);
    assert!(!registers.contains("Lisää käsittelytoimi"), "{registers}");
    let (status, _, _) = get(&agent, base, &cookie, "/ui/registers/new");
    assert_eq!(status, 403);
    let (status, _, report) = get(&agent, base, &cookie, "/ui/report");
    assert_eq!(status, 200);
    assert!(!report.contains("Tallenna arvio"), "{report}");
    let csrf = csrf_of(&report);
    let (status, _, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/report",
        &[
            ("csrf", &csrf),
            ("year", "2026"),
            ("chapter", "security"),
            ("text", "x"),
        ],
    );
    assert_eq!(status, 403);
    let (status, _, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/registers/new",
        &[("csrf", &csrf), ("id", "x"), ("name", "x")],
    );
    assert_eq!(status, 403);
    let (status, _, incidents) = get(&agent, base, &cookie, "/ui/incidents");
    assert_eq!(status, 200);
    assert!(!incidents.contains("Kirjaa tietoturvapoikkeama"), "{incidents}");
}

/// A case under litigation is held from its own page, whatever its records' retention: the
/// privacy officer (who has no retention list) places a hold on the whole case and lifts it;
/// a user without the right has no such form and is refused.
#[test]
fn a_legal_hold_is_placed_and_lifted_on_a_case_page() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let officer = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (status, _, page) = get(&agent, base, &officer, "/ui/cases/case-1");
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/ui/cases/case-1/holds\""), "{page}");
    let csrf = csrf_of(&page);
    let (status, location, _) = post(
        &agent,
        base,
        &officer,
        "/ui/cases/case-1/holds",
        &[("csrf", &csrf), ("reason", "Oikeudenkäynti vireillä")],
    );
    assert_eq!(status, 303);
    let (_, _, page) = get(&agent, base, &officer, &location);
    assert!(page.contains("Säilytysesto hold-1 asetettu"), "{page}");
    assert!(page.contains("Oikeudenkäynti vireillä"));
    assert!(page.contains("action=\"/ui/cases/case-1/holds/lift\""));
    // The hold keeps the case's records out of disposal: the API says so for the archivist.
    let (status, _, _) = post(
        &agent,
        base,
        &officer,
        "/ui/cases/case-1/holds/lift",
        &[("csrf", &csrf), ("hold", "hold-1"), ("reason", "")],
    );
    assert_eq!(status, 400, "lifting needs a reason");
    let (status, location, _) = post(
        &agent,
        base,
        &officer,
        "/ui/cases/case-1/holds/lift",
        &[("csrf", &csrf), ("hold", "hold-1"), ("reason", "Asia sovittu")],
    );
    assert_eq!(status, 303);
    let (_, _, page) = get(&agent, base, &officer, &location);
    assert!(page.contains("Säilytysesto hold-1 poistettu"), "{page}");
    assert!(!page.contains("action=\"/ui/cases/case-1/holds/lift\""));

    let registrar = session_cookie(&agent, base, "kirjaaja", "demo-kirjaaja-2026");
    let (_, _, page) = get(&agent, base, &registrar, "/ui/cases/case-1");
    assert!(!page.contains("/holds\""), "no hold form without the right");
    let (status, _, _) = post(
        &agent,
        base,
        &registrar,
        "/ui/cases/case-1/holds",
        &[("csrf", &csrf_of(&page)), ("reason", "x")],
    );
    assert_eq!(status, 403);
}

/// GDPR Art 33(1), EDPB Guidelines 9/2022, on the incident page: detected Mon 2.3.2026 09:00
/// Helsinki, found to be a breach with awareness of personal data at Thu 5.3.2026 14:00 → the
/// page shows the 72 hours due Sun 8.3.2026 14.00 (Helsinki time, no weekend roll) with the time
/// left or how late in words, and the moment they run from; the API answers the same. A moment
/// before detection comes back 400 with the field named and the input kept; a correction needs
/// its reason.
#[test]
fn the_incident_page_shows_the_breach_awareness_and_its_72_hours() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (_, _, list) = get(&agent, base, &cookie, "/ui/incidents");
    let csrf = csrf_of(&list);
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/incidents",
        &[
            ("csrf", &csrf),
            ("title", "Tiedostopalvelimen murto"),
            ("aware_at", "2026-03-02T09:00"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let incident = location
        .trim_start_matches("/ui/incidents/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, _, page) = get(&agent, base, &cookie, &format!("/ui/incidents/{incident}"));
    assert!(page.contains("id=\"breach_aware_at\""), "{page}");
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/breach"),
        &[("csrf", &csrf), ("breach_aware_at", "2026-03-01T12:00")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"breach_aware_at-error\"") && refused.contains("value=\"2026-03-01T12:00\""),
        "{refused}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/breach"),
        &[("csrf", &csrf), ("breach_aware_at", "2026-03-05T14:00")],
    );
    assert_eq!(status, 303);
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("72 tunnin määräaika on käynnissä"), "{page}");
    assert!(page.contains("Määräaika: 8.3.2026 klo 14.00"), "{page}");
    assert!(page.contains("72 tuntia kulkee hetkestä 5.3.2026 klo 14.00"), "{page}");
    assert!(page.contains("Tieto henkilötietojen vaarantumisesta"), "{page}");
    // Today is past Sun 8.3.2026 14.00: late, said in words, not colour alone.
    assert!(page.contains("myöhässä "), "{page}");
    assert!(!page.contains("Määräaika: 5.3.2026 klo 09.00"), "{page}");

    // A correction without a reason comes back with the field named.
    let (status, _, refused) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/breach-awareness"),
        &[
            ("csrf", &csrf),
            ("breach_aware_at", "2026-03-05T13:00"),
            ("reason", " "),
        ],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"reason-error\""), "{refused}");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/breach-awareness"),
        &[
            ("csrf", &csrf),
            ("breach_aware_at", "2026-03-05T13:00"),
            ("reason", "lokin aikaleima tarkentui"),
        ],
    );
    assert_eq!(status, 303);
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Määräaika: 8.3.2026 klo 13.00"), "{page}");
    assert!(
        page.contains("Aiemmat tietoon tulon hetket") && page.contains("lokin aikaleima tarkentui"),
        "{page}"
    );

    // The API answers the same moment and due instant.
    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let mut response = agent
        .get(&format!("{base}/api/v1/incidents/{incident}"))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    assert_eq!(answer["breach"]["personal_data_aware_at"], "2026-03-05T11:00:00Z");
    let due: Vec<&str> = answer["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "ombudsman-72h" && c["cancelled"].is_null())
        .map(|c| c["due"].as_str().unwrap())
        .collect();
    assert_eq!(due, ["2026-03-08T11:00:00Z"]);
}

/// A JSON call to the API with a bearer token: status and answer.
fn api(agent: &ureq::Agent, base: &str, token: &str, path: &str, sent: serde_json::Value) -> (u16, serde_json::Value) {
    let mut response = agent
        .post(&format!("{base}/api/v1{path}"))
        .header("authorization", &format!("Bearer {token}"))
        .content_type("application/json")
        .send(sent.to_string().as_str())
        .unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&body(&mut response)).unwrap())
}

/// GDPR Art 12(4) over HTTP: received Fri 31.1.2025 → one-month day Fri 28.2.2025; extended on
/// 20.2.2025; a refusal sent on 3.3.2025 is late. The API answer warns naming 28.2.2025 and a
/// refusal without the complaint-rights confirmation is a 400 naming `complaint_rights_told`; on
/// the page the refusal without the box ticked comes back 400 with the error beside the box, and
/// the late refusal is shown in words with the one-month day.
#[test]
fn a_late_gdpr_refusal_is_warned_in_the_api_and_shown_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let extended_request = |requester: &str| {
        let (status, created) = api(
            &agent,
            base,
            &token,
            "/requests",
            serde_json::json!({ "kind": "gdpr-access", "received": "2025-01-31", "requester": requester }),
        );
        assert_eq!(status, 201, "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let path = format!("/requests/{id}/transition");
        let (status, _) = api(
            &agent,
            base,
            &token,
            &path,
            serde_json::json!({ "state": "in-progress" }),
        );
        assert_eq!(status, 200);
        let (status, extended) = api(
            &agent,
            base,
            &token,
            &path,
            serde_json::json!({ "state": "extended", "reason": "laaja", "told_on": "2025-02-20" }),
        );
        assert_eq!(status, 200, "{extended}");
        id
    };

    // The API: refused without the confirmation, then late with the warning.
    let first = extended_request("Matti Virtanen");
    let path = format!("/requests/{first}/transition");
    let refusal = serde_json::json!({ "state": "refused", "legal_basis": ["GDPR 12(5)"], "told_on": "2025-03-03" });
    let (status, refused) = api(&agent, base, &token, &path, refusal.clone());
    assert_eq!(status, 400);
    assert_eq!(refused["code"], "complaint_rights_required");
    assert!(
        refused["detail"].to_string().contains("complaint_rights_told"),
        "{refused}"
    );
    let mut confirmed = refusal;
    confirmed["complaint_rights_told"] = serde_json::json!(true);
    let (status, answer) = api(&agent, base, &token, &path, confirmed);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["gdpr_refusal"]["one_month_day"], "2025-02-28");
    assert_eq!(answer["gdpr_refusal"]["late"], true);
    assert!(
        answer["warnings"][0].as_str().unwrap().contains("by 2025-02-28"),
        "{answer}"
    );

    // The page: the box is required; the late refusal is said in words.
    let second = extended_request("Maija Meikäläinen");
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (_, _, page) = get(&agent, base, &cookie, &format!("/ui/requests/{second}"));
    assert!(page.contains("name=\"complaint_rights_told\""), "{page}");
    let csrf = csrf_of(&page);
    let form = [
        ("csrf", csrf.as_str()),
        ("state", "refused"),
        ("legal_basis", "GDPR 12(5)"),
        ("told_on", "2025-03-03"),
    ];
    let target = format!("/ui/requests/{second}/transition");
    let (status, _, refused) = post(&agent, base, &cookie, &target, &form);
    assert_eq!(status, 400);
    assert!(refused.contains("id=\"complaint_rights_told-error\""), "{refused}");
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &target,
        &[&form[..], &[("complaint_rights_told", "true")]].concat(),
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Epääminen oli myöhässä"), "{page}");
    assert!(page.contains("viimeistään 28.2.2025"), "{page}");
    assert!(page.contains("Lähetetty 3.3.2025"), "{page}");
}

/// NIS2 on the incident page (Cybersecurity Act 124/2025 §11, opt-in): an incident detected Mon
/// 9.11.2026 15:00 found significant Tue 10.11.2026 08:00 → early warning due 11.11.2026 08.00 and
/// notification due 13.11.2026 08.00 (Helsinki time, in the clocks table); the notification sent
/// Thu 12.11.2026 → final report due Sat 12.12.2026 with the rolled day Mon 14.12.2026 said too.
#[test]
fn the_incident_page_shows_the_nis2_clocks_from_the_finding_of_significance() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (_, _, list) = get(&agent, base, &cookie, "/ui/incidents");
    let csrf = csrf_of(&list);
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/incidents",
        &[
            ("csrf", &csrf),
            ("title", "Vesilaitoksen ohjausjärjestelmän häiriö"),
            ("aware_at", "2026-11-09T15:00"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let incident = location
        .trim_start_matches("/ui/incidents/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/nis2"),
        &[("csrf", &csrf), ("significant_at", "2026-11-10T08:00")],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Todettu merkittäväksi NIS2-poikkeamaksi"), "{page}");
    assert!(page.contains("10.11.2026 klo 08.00"), "{page}");
    assert!(
        page.contains("11.11.2026 klo 08.00") && page.contains("13.11.2026 klo 08.00"),
        "{page}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/notifications"),
        &[
            ("csrf", &csrf),
            ("phase", "notification"),
            ("sent_at", "2026-11-12T10:00"),
            ("reference", "NCSC-FI/2026/77"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(
        page.contains("12.12.2026 (hälytys määräpäivänä; viikonlopun tai pyhän vuoksi viimeistään 14.12.2026)"),
        "{page}"
    );
}

/// NIS2 on the new-incident form and the authority's request on the incident page (124/2025 §11,
/// NIS2 Art 23(4)(c)): registered with NIS2 on, detected 9.11.2026 15:00, found significant
/// 10.11.2026 08:00 → early warning due 11.11.2026 08.00; NCSC-FI asks on 20.11.2026 for an
/// intermediate report by 27.11.2026 → the request in words and its clock in the table; a bad day
/// comes back 400 with the input kept and the error at the field.
#[test]
fn a_nis2_incident_registered_with_its_finding_and_the_authoritys_request() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (_, _, list) = get(&agent, base, &cookie, "/ui/incidents");
    let csrf = csrf_of(&list);
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        "/ui/incidents",
        &[
            ("csrf", &csrf),
            ("title", "Kaukolämmön ohjausjärjestelmän häiriö"),
            ("aware_at", "2026-11-09T15:00"),
            ("nis2", "true"),
            ("nis2_significant_at", "2026-11-10T08:00"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let incident = location
        .trim_start_matches("/ui/incidents/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("10.11.2026 klo 08.00"), "{page}");
    assert!(page.contains("11.11.2026 klo 08.00"), "{page}");
    assert!(page.contains("NIS2-raportit"), "{page}");
    let (status, _, page) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/nis2-request"),
        &[
            ("csrf", &csrf),
            ("asked_on", "2026-11-20"),
            ("due_on", "2026-11-19"),
            ("what", "Tilannepäivitys"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        page.contains("Tilannepäivitys") && page.contains("due_on-error"),
        "{page}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &cookie,
        &format!("/ui/incidents/{incident}/nis2-request"),
        &[
            ("csrf", &csrf),
            ("asked_on", "2026-11-20"),
            ("due_on", "2026-11-27"),
            ("what", "Tilannepäivitys: vaikutus kaukolämmön jakeluun"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, &location);
    assert!(page.contains("Väliraporttipyyntö kirjattu"), "{page}");
    assert!(page.contains("20.11.2026") && page.contains("27.11.2026"), "{page}");
    assert!(page.contains("NIS2-väliraportti (viranomaisen pyyntö)"), "{page}");
    assert!(page.contains("vaikutus kaukolämmön jakeluun"), "{page}");
}

/// GDPR 12(6) in the API and on the page: a GDPR access request received Mon 2.3.2026, in
/// identity check; moving to in-progress before the identity is verified is refused (400
/// `identity_not_verified`); verified by strong electronic identification (Suomi.fi) → the check
/// in the API answer and in words on the request page; then in-progress is allowed.
#[test]
fn a_gdpr_identity_check_is_recorded_and_needed_before_handling() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (status, created) = api(
        &agent,
        base,
        &token,
        "/requests",
        serde_json::json!({ "kind": "gdpr-access", "received": "2026-03-02", "requester": "Maija Meikäläinen" }),
    );
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("/requests/{id}/transition");
    let (status, _) = api(
        &agent,
        base,
        &token,
        &path,
        serde_json::json!({ "state": "identity-check" }),
    );
    assert_eq!(status, 200);
    let (status, refused) = api(
        &agent,
        base,
        &token,
        &path,
        serde_json::json!({ "state": "in-progress" }),
    );
    assert_eq!(status, 400, "{refused}");
    assert_eq!(refused["code"], "identity_not_verified");
    let (status, verified) = api(
        &agent,
        base,
        &token,
        &format!("/requests/{id}/identity-verifications"),
        serde_json::json!({ "method": "strong-electronic", "result": "verified" }),
    );
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["identity_verifications"][0]["method"], "strong-electronic");
    assert_eq!(verified["identity_verifications"][0]["result"], "verified");
    assert_eq!(
        verified["identity_verifications"][0]["checked_by"],
        "tietosuojavastaava"
    );
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (_, _, page) = get(&agent, base, &cookie, &format!("/ui/requests/{id}"));
    assert!(page.contains("Vahva sähköinen tunnistus (Suomi.fi)"), "{page}");
    assert!(page.contains("Henkilöllisyys varmistettu"), "{page}");
    let (status, moved) = api(
        &agent,
        base,
        &token,
        &path,
        serde_json::json!({ "state": "in-progress" }),
    );
    assert_eq!(status, 200, "{moved}");
}

/// GDPR Art 30 with Art 5(2) accountability: every change of a register entry keeps the earlier
/// version. The demo loads hr as it stood on 1.1.2025 (00:00 Finnish time, 31.12.2024 22:00
/// UTC) and its privacy notice (Art 13/14) from 1.2.2026; deactivating it on the page adds a
/// third version by the privacy officer, and the entry's page and the API list all three with
/// what changed, in words.
#[test]
fn a_register_entry_keeps_its_dated_versions_on_the_page_and_in_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let cookie = session_cookie(&agent, base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let (status, _, page) = get(&agent, base, &cookie, "/ui/registers/hr");
    assert_eq!(status, 200);
    assert!(page.contains("Muutoshistoria"), "{page}");
    assert!(
        page.contains("1.1.2025 klo 00.00") && page.contains("ensimmäinen kirjattu tila"),
        "{page}"
    );
    assert!(
        page.contains("1.2.2026 klo 00.00")
            && page.contains(
                "Tietosuojaseloste rekisteröidyille (linkki tai viite, 13/14 art.); Tietosuojaseloste julkaistu"
            ),
        "{page}"
    );
    let csrf = csrf_of(&page);
    // The entry as the demo has it, with "in use" unticked: a deactivation.
    let fields = [
        ("csrf", csrf.as_str()),
        ("name", "Henkilöstöhallinnon rekisteri"),
        ("controller", "Laitilan kaupunki / kaupunginhallitus"),
        ("department", "hallintotoimi"),
        ("dpo_contact", "tietosuojavastaava@laitila.fi"),
        ("purposes", "palvelussuhteen hoitaminen\npalkanmaksu"),
        ("subject_categories", "työntekijät\nviranhaltijat"),
        (
            "data_categories",
            "yhteystiedot\nhenkilötunnus\npalkkatiedot\nterveystiedot",
        ),
        ("special_categories", "true"),
        ("recipients", "Keva\nVerohallinto\ntyöterveyshuolto"),
        ("transfers", "ei siirtoja"),
        ("erasure_classes", "01 01 02\n01 02 01"),
        ("security_measures", "pääsynhallinta;lokitus"),
        ("legal_basis", "6(1)(b) ja (c)"),
        ("dpia", ""),
        ("systems", "Populus"),
        ("processors", "Populus Palvelut Oy"),
        (
            "privacy_notice",
            "Henkilöstön tietosuojaseloste, intranet / HR-ohjeet 3.2",
        ),
        ("privacy_notice_published", "2026-02-01"),
    ];
    // A publication day that is no day comes back 400 with the field named and the input kept.
    let mut bad = fields.to_vec();
    bad.retain(|(name, _)| *name != "privacy_notice_published");
    bad.push(("privacy_notice_published", "helmikuussa"));
    let (status, _, refused) = post(&agent, base, &cookie, "/ui/registers/hr", &bad);
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"privacy_notice_published-error\"") && refused.contains("helmikuussa"),
        "{refused}"
    );
    let (status, location, _) = post(&agent, base, &cookie, "/ui/registers/hr", &fields);
    assert_eq!(status, 303, "{location}");
    let (_, _, page) = get(&agent, base, &cookie, "/ui/registers/hr");
    let history = page.split("id=\"versions\"").nth(1).unwrap();
    let newest = history.split("<tr>").nth(2).unwrap();
    assert!(
        newest.contains("tietosuojavastaava") && newest.contains("Käytössä") && !newest.contains("Tietosuojaseloste"),
        "only the deactivation changed: {newest}"
    );

    // An agreement's page lists its versions too: kas-2 as loaded from 1.1.2025.
    let (status, _, agreement) = get(&agent, base, &cookie, "/ui/processors/kas-2");
    assert_eq!(status, 200);
    let history = agreement.split("id=\"versions\"").nth(1).unwrap();
    assert!(
        history.contains("1.1.2025 klo 00.00") && history.contains("ensimmäinen kirjattu tila"),
        "{history}"
    );

    let token = common::token(base, "tietosuojavastaava", "demo-tietosuojavastaava-2026");
    let mut response = agent
        .get(&format!("{base}/api/v1/processors/kas-2/versions"))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let versions: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    assert_eq!(versions["versions"][0]["record"]["processor"], "Populus Palvelut Oy");
    assert_eq!(versions["versions"][0]["valid_from"], "2024-12-31T22:00:00Z");
    let mut response = agent
        .get(&format!("{base}/api/v1/registers/hr/versions"))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let versions: serde_json::Value = serde_json::from_str(&body(&mut response)).unwrap();
    let versions = versions["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 3, "{versions:?}");
    assert_eq!(
        versions[0]["valid_from"], "2024-12-31T22:00:00Z",
        "1.1.2025 00:00 Helsinki"
    );
    assert_eq!(versions[0]["record"]["privacy_notice"], "");
    assert_eq!(
        versions[1]["valid_from"], "2026-01-31T22:00:00Z",
        "1.2.2026 00:00 Helsinki"
    );
    assert_eq!(
        versions[1]["changed"],
        serde_json::json!(["privacy_notice", "privacy_notice_published"])
    );
    assert_eq!(versions[2]["changed"], serde_json::json!(["active"]));
    assert_eq!(versions[2]["by"], "tietosuojavastaava");
    assert_eq!(versions[2]["record"]["active"], false);
    let missing = agent
        .get(&format!("{base}/api/v1/registers/ei-ole/versions"))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
}
