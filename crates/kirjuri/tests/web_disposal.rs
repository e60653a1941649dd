//! The archivists' retention and disposal pages end to end against the real binary with demo
//! data, over HTTP (the same journey runs in Chromium in `tests/browser/journeys/disposal.mjs`):
//! the dues by a day; a legal hold placed (a reason is required) keeps a record out of a
//! proposal and is lifted; a proposal of chosen records; an item removed with a reason; the
//! proposer's own approval refused in words and a second archivist's accepted; execution asks
//! for a confirmation; paper confirmed by hand with its method; the destruction list downloaded
//! as CSV; a role without the right refused and shown no link.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{agent, body, csrf_of, form_post as post, page_get as get, session_cookie, start_server_with};

#[test]
fn archivists_propose_review_approve_execute_and_list_a_disposal() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(&dir.path().join("data"), &["--demo"], &[]);
    let base = server.base.as_str();
    let agent = agent();
    let proposer = session_cookie(&agent, base, "arkistonhoitaja", "demo-arkistonhoitaja-2026");
    let second = session_cookie(&agent, base, "arkistosihteeri", "demo-arkistosihteeri-2026");

    // The dues of today: the demo's paper invoice binders of 2017, with where they are kept.
    let (status, dues) = get(&agent, base, &proposer, "/ui/retention");
    assert_eq!(status, 200);
    assert!(dues.contains("Ostolaskut 2017, mappi 1"), "{dues}");
    assert!(dues.contains("Paperi: Arkisto A, hylly 2, laatikko 2017-1"), "{dues}");
    assert!(
        dues.contains("href=\"/ui/disposal\""),
        "the navigation links the disposal page"
    );
    // A day before any retention ended: nothing is due; an unreadable day is refused by name.
    let (_, early) = get(&agent, base, &proposer, "/ui/retention?on=2023-12-31");
    assert!(early.contains("Yhdenkään tallenteen säilytysaika ei pääty"), "{early}");
    let (status, bad_day) = get(&agent, base, &proposer, "/ui/retention?on=31.13.2026");
    assert_eq!(status, 400);
    assert!(
        bad_day.contains("bad_date") && bad_day.contains("href=\"#on\""),
        "{bad_day}"
    );
    let csrf = csrf_of(&dues);

    // A legal hold needs a reason: refused with the field named and the record kept chosen.
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/retention/holds",
        &[
            ("csrf", &csrf),
            ("document", "doc-11"),
            ("target", "document"),
            ("reason", " "),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("href=\"#hold-reason\"") && refused.contains("reason_required"),
        "{refused}"
    );
    assert!(
        refused.contains("<option value=\"doc-11\" selected>"),
        "the record stays chosen"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &proposer,
        "/ui/retention/holds",
        &[
            ("csrf", &csrf),
            ("document", "doc-11"),
            ("target", "document"),
            ("reason", "Oikeudenkäynti vireillä"),
        ],
    );
    assert_eq!(status, 303, "a hold is placed");
    let (_, held) = get(&agent, base, &proposer, &location);
    assert!(held.contains("Säilytysesto hold-1 asetettu"), "{held}");
    assert!(held.contains("Oikeudenkäynti vireillä"), "the hold's reason is shown");
    // A held record cannot be proposed: the use-case refuses it, the page says so.
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/proposals",
        &[("csrf", &csrf), ("scope", "chosen"), ("documents", "doc-11")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("not_eligible") && refused.contains("säilytysestossa"),
        "{refused}"
    );
    // Nothing chosen: refused, naming the table.
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/proposals",
        &[("csrf", &csrf), ("scope", "chosen")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("documents_required") && refused.contains("href=\"#documents\""),
        "{refused}"
    );
    // Lifting needs a reason too; with one, the hold is lifted.
    let lift = [
        ("csrf", csrf.as_str()),
        ("hold", "hold-1"),
        ("target", "document"),
        ("document", "doc-11"),
        ("reason", ""),
    ];
    let (status, _, refused) = post(&agent, base, &proposer, "/ui/retention/holds/lift", &lift);
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"lift-reason\"") && refused.contains("reason_required"),
        "{refused}"
    );
    let mut lift = lift;
    lift[4].1 = "Oikeudenkäynti päättyi";
    let (status, location, _) = post(&agent, base, &proposer, "/ui/retention/holds/lift", &lift);
    assert_eq!(status, 303);
    assert!(
        get(&agent, base, &proposer, &location)
            .1
            .contains("Säilytysesto hold-1 poistettu")
    );

    // A proposal of three chosen records.
    let (status, location, _) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/proposals",
        &[
            ("csrf", &csrf),
            ("on", "2026-11-30"),
            ("scope", "chosen"),
            ("documents", "doc-8"),
            ("documents", "doc-9"),
            ("documents", "doc-10"),
        ],
    );
    assert_eq!(status, 303, "{location}");
    assert!(location.starts_with("/ui/disposal/disp-1?done=proposed"), "{location}");
    let (_, proposal) = get(&agent, base, &proposer, &location);
    assert!(proposal.contains("Hävitysesitys tehty (3 tallennetta)"), "{proposal}");
    assert!(
        proposal.contains("Esittäjä") && proposal.contains("arkistonhoitaja"),
        "who proposed"
    );
    assert!(
        proposal.contains("Teit tämän esityksen itse"),
        "the proposer is told before trying"
    );
    assert!(!proposal.contains("mappi 4"), "only the chosen records");

    // Review: removing an item needs a reason; with one it returns to normal keeping.
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/disp-1/remove",
        &[("csrf", &csrf), ("document", "doc-10"), ("reason", "")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("id=\"remove-reason\"") && refused.contains("href=\"#remove-reason\""),
        "{refused}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/disp-1/remove",
        &[
            ("csrf", &csrf),
            ("document", "doc-10"),
            ("reason", "Tarvitaan tilintarkastukseen"),
        ],
    );
    assert_eq!(status, 303);
    let (_, reviewed) = get(&agent, base, &proposer, &location);
    assert!(reviewed.contains("Tallenne poistettu esityksestä"), "{reviewed}");
    assert!(reviewed.contains("Tarvitaan tilintarkastukseen"), "the reason is shown");

    // Four eyes: the proposer's own approval is refused in words.
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/disp-1/approve",
        &[("csrf", &csrf)],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("Et voi hyväksyä omaa hävitysesitystäsi") && refused.contains("own_proposal"),
        "{refused}"
    );
    // Executing before approval is refused too.
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/disp-1/execute",
        &[("csrf", &csrf), ("confirm", "yes")],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("not_approved"), "{refused}");

    // The second archivist approves.
    let (_, page) = get(&agent, base, &second, "/ui/disposal/disp-1");
    let csrf2 = csrf_of(&page);
    assert!(!page.contains("Teit tämän esityksen itse"));
    let (status, location, _) = post(
        &agent,
        base,
        &second,
        "/ui/disposal/disp-1/approve",
        &[("csrf", &csrf2)],
    );
    assert_eq!(status, 303);
    let (_, approved) = get(&agent, base, &second, &location);
    assert!(approved.contains("Hävitysesitys hyväksytty"), "{approved}");
    assert!(approved.contains("arkistosihteeri"), "who approved");

    // Execution asks for a confirmation naming the proposal; then the paper records wait.
    let (status, _, refused) = post(
        &agent,
        base,
        &second,
        "/ui/disposal/disp-1/execute",
        &[("csrf", &csrf2)],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("href=\"#confirm\"") && refused.contains("confirm_required"),
        "{refused}"
    );
    let (status, location, _) = post(
        &agent,
        base,
        &second,
        "/ui/disposal/disp-1/execute",
        &[("csrf", &csrf2), ("confirm", "yes")],
    );
    assert_eq!(status, 303);
    let (_, executed) = get(&agent, base, &second, &location);
    assert!(
        executed.contains("Hävittäminen ajettu: hävitetty 0, paperin vahvistusta odottaa 2"),
        "{executed}"
    );

    // Paper: the method is required; confirmed, the destruction record is written.
    let (status, _, refused) = post(
        &agent,
        base,
        &second,
        "/ui/disposal/disp-1/confirm-paper",
        &[("csrf", &csrf2), ("document", "doc-8"), ("method", "")],
    );
    assert_eq!(status, 400);
    assert!(
        refused.contains("href=\"#paper-method\"") && refused.contains("method_required"),
        "{refused}"
    );
    for document in ["doc-8", "doc-9"] {
        let (status, location, _) = post(
            &agent,
            base,
            &second,
            "/ui/disposal/disp-1/confirm-paper",
            &[("csrf", &csrf2), ("document", document), ("method", "Tietosuojajäte")],
        );
        assert_eq!(status, 303, "{document}");
        assert!(
            get(&agent, base, &second, &location)
                .1
                .contains("Paperitallenteen hävittäminen vahvistettu")
        );
    }
    let (_, done) = get(&agent, base, &second, "/ui/disposal/disp-1");
    assert!(
        done.contains("Hävitetty") && done.contains("destruction-list"),
        "{done}"
    );

    // The destruction list downloads as a CSV file.
    let mut response = agent
        .get(&format!("{base}/ui/disposal/disp-1/destruction-list"))
        .header("cookie", &second)
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let disposition = response
        .headers()
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment") && disposition.contains("havitysluettelo-disp1.csv"));
    let csv = body(&mut response);
    assert!(csv.starts_with("id,document,case,diary_number"), "{csv}");
    assert!(
        csv.contains("Ostolaskut 2017, mappi 1") && csv.contains("paper: Tietosuojajäte"),
        "{csv}"
    );
    assert!(!csv.contains("mappi 3"), "the removed record was not destroyed");
    // The destroyed records are no longer due.
    assert!(!get(&agent, base, &second, "/ui/retention").1.contains("mappi 1<"));

    // Every due record at once, then cancelled with a reason: the records return to the dues.
    let (status, location, _) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/proposals",
        &[("csrf", &csrf), ("scope", "all")],
    );
    assert_eq!(status, 303);
    assert!(location.starts_with("/ui/disposal/disp-2?done=proposed"), "{location}");
    let (_, all) = get(&agent, base, &proposer, &location);
    assert!(
        all.contains("mappi 3") && all.contains("mappi 8"),
        "the removed record is due again: {all}"
    );
    let (status, _, refused) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/disp-2/cancel",
        &[("csrf", &csrf), ("reason", "")],
    );
    assert_eq!(status, 400);
    assert!(refused.contains("href=\"#cancel-reason\""), "{refused}");
    let (status, location, _) = post(
        &agent,
        base,
        &proposer,
        "/ui/disposal/disp-2/cancel",
        &[("csrf", &csrf), ("reason", "Arkistolaitoksen ohje muuttui")],
    );
    assert_eq!(status, 303);
    let (_, cancelled) = get(&agent, base, &proposer, &location);
    assert!(cancelled.contains("Hävitysesitys peruttu") && cancelled.contains("Arkistolaitoksen ohje muuttui"));
    let (_, list) = get(&agent, base, &proposer, "/ui/disposal");
    assert!(list.contains("Peruttu") && list.contains("Hävitetty"), "{list}");

    // An auditor reads the pages but may not change anything; staff are refused and see no link.
    let auditor = session_cookie(&agent, base, "tarkastaja", "demo-tarkastaja-2026");
    let (status, list) = get(&agent, base, &auditor, "/ui/disposal/disp-1");
    assert_eq!(status, 200);
    assert!(!list.contains("/ui/disposal/disp-1/remove") && !list.contains("id=\"propose\""));
    let auditor_csrf = csrf_of(&list);
    let (status, _, _) = post(
        &agent,
        base,
        &auditor,
        "/ui/disposal/proposals",
        &[("csrf", &auditor_csrf), ("scope", "all")],
    );
    assert_eq!(status, 403);
    let (status, _, _) = post(
        &agent,
        base,
        &auditor,
        "/ui/retention/holds",
        &[("csrf", &auditor_csrf), ("document", "doc-12"), ("reason", "x")],
    );
    assert_eq!(status, 403);
    let staff = session_cookie(&agent, base, "tyontekija", "demo-tyontekija-2026");
    for path in [
        "/ui/retention",
        "/ui/disposal",
        "/ui/disposal/disp-1",
        "/ui/disposal/destruction-list",
    ] {
        assert_eq!(get(&agent, base, &staff, path).0, 403, "{path}");
    }
    let (_, front) = get(&agent, base, &staff, "/");
    assert!(!front.contains("href=\"/ui/disposal\"") && !front.contains("href=\"/ui/retention\""));
    // A forged form (no CSRF token) is refused.
    let (status, _, _) = post(
        &agent,
        base,
        &second,
        "/ui/disposal/disp-1/cancel",
        &[("csrf", "x"), ("reason", "r")],
    );
    assert_eq!(status, 403);
}
