//! `kirjuri training …` and `kirjuri control …` end to end with the real binary on a temporary
//! data folder: an import refused as a whole with its errors by file, line and column, then
//! imported; coverage for a year counted by the domain's rule; a completion and a control
//! added; the controls of a year counted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use common::{json, kirjuri};

const ROSTER: &str = "id,name,user,department,group,from,until\n\
h1,Maija Meikäläinen,maija@laitila.fi,sivistystoimi,henkilöstö,1.1.2020,\n\
h2,Matti Virtanen,,sivistystoimi,staff,2021-03-01,30.6.2026\n\
l1,Liisa Valtuutettu,,sivistystoimi,luottamushenkilö,,\n";
const TRAININGS: &str = "key,name,topic,validity_years\nperus,Tietosuojan perusteet,tietosuoja,3\n";

#[test]
fn training_and_controls_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let roster = write("roster.csv", ROSTER);
    let trainings = write("trainings.csv", TRAININGS);

    // All or nothing: a bad date on line 3 refuses the whole import, nothing stored.
    let bad = write(
        "completions.csv",
        "person,training,completed_on\nh1,perus,10.2.2024\nh2,perus,31.2.2026\n",
    );
    let run = kirjuri(
        &data,
        &[
            "training",
            "import",
            "--roster",
            &roster,
            "--trainings",
            &trainings,
            "--completions",
            &bad,
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("completions.csv:3: column `completed_on`: `31.2.2026` is not a date"),
        "{}",
        run.stderr
    );
    let listed = json(&data, &["training", "list", "--json"]);
    assert_eq!(listed["people"].as_array().unwrap().len(), 0, "nothing stored");

    let good = write(
        "completions.csv",
        "person,training,completed_on\nh1,perus,10.2.2024\nh2,perus,2026-03-01\n",
    );
    let run = kirjuri(
        &data,
        &[
            "training",
            "import",
            "--roster",
            &roster,
            "--trainings",
            &trainings,
            "--completions",
            &good,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("imported 3 people, 1 trainings and 2 completions"),
        "{}",
        run.stdout
    );

    // Coverage rule, 2026 counted as of 31.12.2026 when asked after it (the test may run
    // in 2026: then the running year's today applies, so ask for a closed year instead).
    // 2025: h1 (10.2.2024, validity 3: valid 2024–2026) trained; h2 on the roster, not yet
    // trained; l1 elected, untrained.
    let coverage = json(&data, &["training", "coverage", "--year", "2025", "--json"]);
    assert_eq!(coverage["counted_on"], "2025-12-31");
    let rows = coverage["rows"].as_array().unwrap();
    assert_eq!(rows[0]["group"], "staff");
    assert_eq!(
        (rows[0]["people"].as_u64(), rows[0]["trained"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(rows[1]["group"], "elected");
    assert_eq!(
        (rows[1]["people"].as_u64(), rows[1]["trained"].as_u64()),
        (Some(1), Some(0))
    );
    // 2027: h2 left on 30.6.2026; h1's 2024 completion has run out.
    let coverage = json(&data, &["training", "coverage", "--year", "2027", "--json"]);
    let rows = coverage["rows"].as_array().unwrap();
    assert_eq!(
        (rows[0]["people"].as_u64(), rows[0]["trained"].as_u64()),
        (Some(1), Some(0))
    );

    // A completion by hand: l1 on 5.11.2025 counts in 2025.
    let run = kirjuri(
        &data,
        &[
            "training",
            "add",
            "--person",
            "l1",
            "--training",
            "perus",
            "--on",
            "5.11.2025",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let coverage = json(&data, &["training", "coverage", "--year", "2025", "--json"]);
    assert_eq!(coverage["rows"][1]["trained"].as_u64(), Some(1));
    let run = kirjuri(
        &data,
        &[
            "training",
            "add",
            "--person",
            "nobody",
            "--training",
            "perus",
            "--on",
            "5.11.2025",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("is not on the roster"), "{}", run.stderr);

    // Controls: deviations need findings; counted by the day performed.
    let run = kirjuri(
        &data,
        &[
            "control",
            "add",
            "--kind",
            "access-review",
            "--system",
            "Kirjuri",
            "--on",
            "2025-12-31",
            "--by",
            "Sari Laine",
            "--result",
            "deviations",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("findings"), "{}", run.stderr);
    for (kind, on, result, findings) in [
        ("access-review", "2025-12-31", "deviations", "kaksi vanhaa tunnusta"),
        ("restore-test", "1.1.2026", "ok", ""),
        ("log-review", "2025-01-01", "failed", "loki puuttui"),
    ] {
        let run = kirjuri(
            &data,
            &[
                "control",
                "add",
                "--kind",
                kind,
                "--system",
                "Kirjuri",
                "--on",
                on,
                "--by",
                "Sari Laine",
                "--result",
                result,
                "--findings",
                findings,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.all());
    }
    // controls_in 2025: the access review of 31.12.2025 and the log review of 1.1.2025; the
    // restore test of 1.1.2026 belongs to 2026.
    let controls = json(&data, &["control", "list", "--year", "2025", "--json"]);
    let counts = controls["counts"].as_array().unwrap();
    assert_eq!(counts[0]["kind"], "access-review");
    assert_eq!(counts[0]["deviations"].as_u64(), Some(1));
    assert_eq!(counts[1]["ok"].as_u64(), Some(0));
    assert_eq!(counts[2]["failed"].as_u64(), Some(1));
    assert_eq!(controls["events"].as_array().unwrap().len(), 2);
}
