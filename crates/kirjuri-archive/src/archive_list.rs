//! The electronic archive list (sähköinen arkistoluettelo) of permanently kept records, by
//! class, series (record type) and year, as CSV, JSON and HTML.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{CASE, Case, DOCUMENT, Document, RetentionStatus};
use kirjuri_store::{Store, StoreResult};
use serde::Serialize;

/// One line of the archive list: a series of one class and year.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveListEntry {
    pub class: ClassCode,
    pub class_title: String,
    pub series: String,
    pub series_name: String,
    pub year: i32,
    pub records: u64,
    pub electronic: u64,
    pub paper: u64,
    /// Paper storage places of the series (archive room, shelf, box).
    pub paper_locations: Vec<String>,
    pub first_diary_number: String,
    pub last_diary_number: String,
    /// The day the last secrecy in the series ends (salassapito päättyy), by
    /// `Document::secrecy_end`; `None` when no record of the series is secret or no end day
    /// is known yet.
    pub secrecy_ends_on: Option<NaiveDate>,
    /// Secret records of the series whose secrecy end is not known yet (start event not
    /// recorded).
    pub secrecy_open: u64,
}

/// Builds the list from every permanently kept document.
pub fn archive_list(store: &Store, class_titles: &BTreeMap<ClassCode, String>) -> StoreResult<Vec<ArchiveListEntry>> {
    let mut groups: BTreeMap<(ClassCode, String, i32), ArchiveListEntry> = BTreeMap::new();
    let cases: BTreeMap<String, Case> = store
        .list::<Case>(CASE)?
        .into_iter()
        .map(|case| (case.id.clone(), case))
        .collect();
    for document in store.list::<Document>(DOCUMENT)? {
        if document.retention_status != RetentionStatus::Permanent {
            continue;
        }
        let key = (
            document.class.clone(),
            document.record_type.clone(),
            document.created_on.year(),
        );
        let entry = groups.entry(key).or_insert_with(|| ArchiveListEntry {
            class: document.class.clone(),
            class_title: class_titles.get(&document.class).cloned().unwrap_or_default(),
            series: document.record_type.clone(),
            series_name: document.record_type_name.clone(),
            year: document.created_on.year(),
            records: 0,
            electronic: 0,
            paper: 0,
            paper_locations: Vec::new(),
            first_diary_number: document.diary_number.to_string(),
            last_diary_number: document.diary_number.to_string(),
            secrecy_ends_on: None,
            secrecy_open: 0,
        });
        entry.records += 1;
        if let Some(end) = cases.get(&document.case_id).and_then(|case| document.secrecy_end(case)) {
            match end.ends_on() {
                Some(day) => entry.secrecy_ends_on = entry.secrecy_ends_on.max(Some(day)),
                None => entry.secrecy_open += 1,
            }
        }
        match &document.physical {
            Some(paper) => {
                entry.paper += 1;
                let place = [
                    Some(paper.archive_room.clone()),
                    paper.shelf.clone().map(|s| format!("hylly {s}")),
                    paper.box_label.clone().map(|b| format!("laatikko {b}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                if !entry.paper_locations.contains(&place) {
                    entry.paper_locations.push(place);
                }
            }
            None => entry.electronic += 1,
        }
        let diary = document.diary_number.to_string();
        let number = document.diary_number.number;
        let parse = |d: &str| d.split('/').nth(1).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
        if number < parse(&entry.first_diary_number) {
            entry.first_diary_number = diary.clone();
        }
        if number > parse(&entry.last_diary_number) {
            entry.last_diary_number = diary;
        }
    }
    Ok(groups.into_values().collect())
}

pub fn to_csv(entries: &[ArchiveListEntry]) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "class",
            "class_title",
            "series",
            "series_name",
            "year",
            "records",
            "electronic",
            "paper",
            "paper_locations",
            "first_diary_number",
            "last_diary_number",
            "secrecy_ends_on",
            "secrecy_open",
        ])
        .map_err(|e| e.to_string())?;
    use kirjuri_registry::limits::spreadsheet_safe as safe;
    for entry in entries {
        // Plan texts and typed paper locations stay text in a spreadsheet.
        writer
            .write_record([
                entry.class.spaced(),
                safe(&entry.class_title),
                safe(&entry.series),
                safe(&entry.series_name),
                entry.year.to_string(),
                entry.records.to_string(),
                entry.electronic.to_string(),
                entry.paper.to_string(),
                safe(&entry.paper_locations.join("; ")),
                safe(&entry.first_diary_number),
                safe(&entry.last_diary_number),
                entry.secrecy_ends_on.map(|d| d.to_string()).unwrap_or_default(),
                entry.secrecy_open.to_string(),
            ])
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(writer.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// The secrecy column: the last end day (Finnish form), and how many ends wait for an event.
fn secrecy_cell(entry: &ArchiveListEntry) -> String {
    let day = entry.secrecy_ends_on.map(kirjuri_plan::secrecy::finnish_day);
    match (day, entry.secrecy_open) {
        (None, 0) => "–".to_owned(),
        (Some(day), 0) => day,
        (Some(day), open) => format!("{day}; {open} odottaa tapahtumaa / awaiting the event"),
        (None, open) => format!("{open} odottaa tapahtumaa / awaiting the event"),
    }
}

/// The print styles of the archive list.
const STYLE: &str = "body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}@media print{body{margin:0}}";

/// A self-contained, printable HTML page (Finnish headings with English glosses), built with
/// maud, which escapes every text (plan titles, typed paper locations, the organisation).
pub fn to_html(entries: &[ArchiveListEntry], organisation: &str, generated: &str) -> String {
    use maud::{DOCTYPE, PreEscaped, html};
    let markup = html! {
        (DOCTYPE)
        html lang="fi" {
            head {
                meta charset="utf-8";
                title { "Arkistoluettelo" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Arkistoluettelo " small { "/ Archive list" } }
                p { (organisation) " — pysyvästi säilytettävät asiakirjat / permanently kept records. Laadittu / generated " (generated) "." }
                table {
                    thead { tr {
                        th { "Luokka / Class" } th { "Sarja / Series" } th { "Vuosi / Year" }
                        th { "Asiakirjoja / Records" } th { "Sähköisiä / Electronic" } th { "Paperisia / Paper" }
                        th { "Säilytyspaikka / Location" } th { "Diaarinumerot / Diary numbers" }
                        th { "Salassapito päättyy / Secrecy ends" }
                    } }
                    tbody {
                        @for entry in entries {
                            tr {
                                td { (entry.class.spaced()) " " (entry.class_title) }
                                td { (entry.series_name) }
                                td { (entry.year) }
                                td.n { (entry.records) }
                                td.n { (entry.electronic) }
                                td.n { (entry.paper) }
                                td { (entry.paper_locations.join("; ")) }
                                td { (entry.first_diary_number) " – " (entry.last_diary_number) }
                                td { (secrecy_cell(entry)) }
                            }
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A series name and a paper location typed with markup and an ampersand, and an
    /// organisation name like it, come out as text (issue 23: maud escapes, no hand escaping).
    #[test]
    fn the_html_list_escapes_every_text() {
        let entry = ArchiveListEntry {
            class: ClassCode::parse("02 01 00").unwrap(),
            class_title: "Valtuusto & hallitus".to_owned(),
            series: "s1".to_owned(),
            series_name: "Pöytäkirjat <script>alert(1)</script>".to_owned(),
            year: 2026,
            records: 3,
            electronic: 2,
            paper: 1,
            paper_locations: vec!["Arkisto <b>A</b> & hylly 3".to_owned()],
            first_diary_number: "LAI/1/2026".to_owned(),
            last_diary_number: "LAI/9/2026".to_owned(),
            secrecy_ends_on: None,
            secrecy_open: 0,
        };
        let html = to_html(&[entry], "Laitila & <i>Co</i>", "2026-12-01");
        assert!(
            !html.contains("<script") && !html.contains("<b>") && !html.contains("<i>"),
            "{html}"
        );
        assert!(
            html.contains("Pöytäkirjat &lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("Arkisto &lt;b&gt;A&lt;/b&gt; &amp; hylly 3"), "{html}");
        assert!(html.contains("Laitila &amp; &lt;i&gt;Co&lt;/i&gt;"), "{html}");
        assert!(html.contains("<td>02 01 00 Valtuusto &amp; hallitus</td>"), "{html}");
        assert!(html.contains("<td class=\"n\">3</td>"), "{html}");
    }
}
