//! The annual report (tietotilinpäätös) as the council gets it (issue 23): the PDF/A from the
//! API and from the CLI of a demo store, read back as text, and the Swedish HTML in Swedish.

mod common;

use common::{agent, kirjuri, start_server_with, token};

fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let text = pdf_extract::extract_text_from_mem(bytes).unwrap_or_else(|e| panic!("the PDF text: {e}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The demo's 2026 report (the demo's records are dated in the autumn of 2026) downloads as
/// `application/pdf` with the Finnish title, chapters and page numbers; the CLI writes the same
/// to a file and refuses to print a PDF to the terminal.
#[test]
fn the_2026_report_of_the_demo_downloads_as_pdf_from_the_api_and_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server_with(dir.path(), &["--demo"], &[]);
    let auth = format!(
        "Bearer {}",
        token(&server.base, "tietosuojavastaava", "demo-tietosuojavastaava-2026")
    );
    let agent = agent();
    let mut response = agent
        .get(&format!("{}/api/v1/reports/2026?format=pdf&lang=fi", server.base))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = response
        .body_mut()
        .with_config()
        .limit(20_000_000)
        .read_to_vec()
        .unwrap();
    let text = pdf_text(&bytes);
    for expected in [
        "Tietotilinpäätös 2026",
        "Sisällys",
        "Keskeiset tunnusluvut",
        "Tietoturvallisuus ja poikkeamat",
        "Sivu 2 /",
        "LAITILAN KAUPUNKI",
        "– vakavuus: korkea",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }

    // Swedish: the same report, every label in Swedish.
    let mut response = agent
        .get(&format!("{}/api/v1/reports/2026?format=html&lang=sv", server.base))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let html = response.body_mut().read_to_string().unwrap();
    assert!(
        html.contains("<html lang=\"sv\">") && html.contains("Informationsbokslut 2026"),
        "{html}"
    );
    for english in [
        ">Received",
        "severity:",
        "risk: none",
        ">medium<",
        ">critical<",
        "Contents",
    ] {
        assert!(!html.contains(english), "{english} in the Swedish report");
    }
    // A language the report does not speak is named.
    let response = agent
        .get(&format!("{}/api/v1/reports/2026?format=pdf&lang=de", server.base))
        .header("authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    drop(server);

    let out = dir.path().join("tietotilinpaatos-2026.pdf");
    let run = kirjuri(
        dir.path(),
        &[
            "report",
            "--year",
            "2026",
            "--format",
            "pdf",
            "--lang",
            "sv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let text = pdf_text(&std::fs::read(&out).unwrap());
    assert!(
        text.contains("Informationsbokslut 2026") && text.contains("Sida 3 av"),
        "{text}"
    );
    let run = kirjuri(dir.path(), &["report", "--year", "2026", "--format", "pdf"]);
    assert_ne!(run.code, 0, "a PDF is not printed to the terminal");
    assert!(run.stderr.contains("--out"), "{}", run.all());
}
