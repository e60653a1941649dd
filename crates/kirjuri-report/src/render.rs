//! Rendering the report: a self-contained printable HTML document (`html`, built with maud,
//! charts as inline SVG), a PDF/A document (`pdf`), Markdown, JSON and CSV, in Finnish,
//! Swedish or English. Every label comes from the catalogue (`kirjuri_words::report`); no
//! text is escaped by hand.

use kirjuri_words::Lang;
use kirjuri_words::report::{self as r, fill};

use crate::compute::{Cell, Chapter, Figure, Report, Table};

/// A number as a person in `lang` reads it: whole numbers without decimals, others with one
/// (a decimal comma in Finnish and Swedish); "—" for a figure that does not exist.
pub fn number(lang: Lang, value: Option<f64>) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) => plain(lang, v),
    }
}

fn plain(lang: Lang, v: f64) -> String {
    let text = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    if lang == Lang::En { text } else { text.replace('.', ",") }
}

/// The change from the previous year with its sign; empty when either year has no number (a
/// year with no data has no change, not +100 %).
pub fn change(lang: Lang, figure: &Figure) -> String {
    match figure.change() {
        None => String::new(),
        Some(c) if c > 0.0 => format!("+{}", plain(lang, c)),
        Some(0.0) => "±0".to_owned(),
        Some(c) => format!("−{}", plain(lang, -c)),
    }
}

/// The keys of the figures on the summary page, in order: the ones a board member asks about.
pub const KEY_FIGURES: &[&str] = &[
    "registers",
    "processors_without_agreement",
    "decided",
    "open_at_year_end",
    "on_time_moved_pct",
    "lead_time_median_days",
    "incidents",
    "breaches",
    "notified_late",
    "cases_opened",
    "documents_registered",
    "records_destroyed",
    "archive_packages",
];

/// The summary's figures, in [`KEY_FIGURES`] order (those the report has).
pub fn key_figures(report: &Report) -> Vec<&Figure> {
    KEY_FIGURES
        .iter()
        .filter_map(|key| {
            report
                .chapters
                .iter()
                .flat_map(|c| c.figures.iter())
                .find(|f| f.key == *key)
        })
        .collect()
}

/// The note of a figure in `lang`.
pub fn note(figure: &Figure, lang: Lang) -> Option<&str> {
    figure.note.as_ref().map(|n| n.in_lang(lang))
}

/// The report's title with its year ("Tietotilinpäätös 2026").
pub fn title(report: &Report, lang: Lang) -> String {
    fill(lang.t(r::TITLE_YEAR), &[&report.year.to_string()])
}

/// The day the report was compiled, in Helsinki, as `lang` writes a date.
pub fn compiled_on(report: &Report, lang: Lang) -> String {
    let day = report
        .generated_at
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    match lang {
        Lang::En => day.format("%-d %B %Y").to_string(),
        Lang::Fi | Lang::Sv => day.format("%-d.%-m.%Y").to_string(),
    }
}

/// A table cell as a person in `lang` reads it.
pub fn cell_text(lang: Lang, cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Word(label) => label.in_lang(lang).to_owned(),
        Cell::Number(value) => number(lang, Some(*value)),
    }
}

/// Whether a cell holds a number (right-aligned in a table).
pub fn is_number(cell: &Cell) -> bool {
    matches!(cell, Cell::Number(_))
}

/// The text shown instead of an empty table, if the table has one.
pub fn empty_text(table: &Table, lang: Lang) -> Option<&str> {
    if table.rows.is_empty() {
        table.empty.as_ref().map(|e| e.in_lang(lang))
    } else {
        None
    }
}

/// The note of a chapter with neither figures nor an assessment: how to write one.
pub fn empty_chapter_note(report: &Report, chapter: &Chapter, lang: Lang) -> Option<String> {
    chapter
        .lacks_content()
        .then(|| fill(lang.t(r::EMPTY_CHAPTER), &[&report.year.to_string(), &chapter.key]))
}

/// The cover's status: "Luonnos (ei hyväksytty)", or "Hyväksytty: Kaupunginhallitus
/// 16.3.2027 § 45" once approved.
pub fn status_text(report: &Report, lang: Lang) -> String {
    match &report.approval {
        None => lang.t(r::STATUS_DRAFT).to_owned(),
        Some(approval) => {
            let day = match lang {
                Lang::En => approval.decided_on.format("%-d %B %Y").to_string(),
                Lang::Fi | Lang::Sv => approval.decided_on.format("%-d.%-m.%Y").to_string(),
            };
            fill(lang.t(r::STATUS_APPROVED), &[&approval.body, &day, &approval.decision])
        }
    }
}

/// A format of the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Pdf,
    Markdown,
    Json,
    Csv,
}

impl ReportFormat {
    /// `html`, `pdf`, `md` (or `markdown`), `json` or `csv`.
    pub fn parse(text: &str) -> Result<ReportFormat, String> {
        match text.trim() {
            "html" => Ok(ReportFormat::Html),
            "pdf" => Ok(ReportFormat::Pdf),
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "json" => Ok(ReportFormat::Json),
            "csv" => Ok(ReportFormat::Csv),
            other => Err(format!("format `{other}`, expected html, pdf, md, json or csv")),
        }
    }

    /// The media type of a rendering in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Pdf => "application/pdf",
            ReportFormat::Markdown => "text/markdown; charset=utf-8",
            ReportFormat::Json => "application/json",
            ReportFormat::Csv => "text/csv; charset=utf-8",
        }
    }

    /// The file extension of a rendering in this format.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Markdown => "md",
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
        }
    }
}

/// A report rendered in one format and language.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub media_type: &'static str,
    /// The document: UTF-8 text, except for a PDF.
    pub body: Vec<u8>,
}

/// The language of a code (`fi`, `sv`, `en`), or the error that names the parameter.
pub fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::parse(code.trim()).ok_or_else(|| format!("lang `{code}`, expected fi, sv or en"))
}

/// Renders a report in `format` and `lang` (`fi`, `sv` or `en`).
pub fn render(report: &Report, format: ReportFormat, lang: &str) -> Result<Rendering, String> {
    let lang = parse_lang(lang)?;
    let body = match format {
        ReportFormat::Html => crate::html::to_html(report, lang).into_bytes(),
        ReportFormat::Pdf => crate::pdf::to_pdf(report, lang)?,
        ReportFormat::Markdown => to_markdown(report, lang).into_bytes(),
        ReportFormat::Json => serde_json::to_string_pretty(report)
            .map_err(|e| e.to_string())?
            .into_bytes(),
        ReportFormat::Csv => to_csv(report)?.into_bytes(),
    };
    Ok(Rendering {
        media_type: format.media_type(),
        body,
    })
}

/// Every number as CSV: chapter, key, labels, value, previous, change, note.
pub fn to_csv(report: &Report) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "year", "chapter", "key", "label_fi", "label_sv", "label_en", "value", "previous", "change", "note",
        ])
        .map_err(|e| e.to_string())?;
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for chapter in &report.chapters {
        for figure in &chapter.figures {
            writer
                .write_record([
                    report.year.to_string(),
                    chapter.key.clone(),
                    figure.key.clone(),
                    figure.label.fi.clone(),
                    figure.label.sv.clone(),
                    figure.label.en.clone(),
                    opt(figure.value),
                    opt(figure.previous),
                    // One decimal, as the figures have: no floating-point noise (7.599999999999994).
                    opt(figure.change().map(|c| (c * 10.0).round() / 10.0)),
                    note(figure, Lang::Fi).unwrap_or_default().to_owned(),
                ])
                .map_err(|e| e.to_string())?;
        }
    }
    for chapter in &report.chapters {
        for table in &chapter.tables {
            write_table(&mut writer, report.year, &chapter.key, table)?;
        }
    }
    for (month, count) in report.requests_per_month.iter().enumerate() {
        let previous = report
            .previous_year_has_data
            .then(|| report.requests_per_month_previous[month] as f64);
        writer
            .write_record([
                report.year.to_string(),
                "rights".to_owned(),
                format!("requests_month_{:02}", month + 1),
                format!("Pyynnöt kuukausi {}", month + 1),
                format!("Begäranden månad {}", month + 1),
                format!("Requests, month {}", month + 1),
                count.to_string(),
                opt(previous),
                String::new(),
                String::new(),
            ])
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(writer.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// One CSV row per cell of a table: the key `<table>/<row>/<column>` (from 1), the column's
/// labels, and the cell's value (a number as such, a word in Finnish, a text made safe for
/// spreadsheets); an empty table gives one row `<table>/empty` with its `empty` label as the
/// note.
fn write_table(writer: &mut csv::Writer<Vec<u8>>, year: i32, chapter: &str, table: &Table) -> Result<(), String> {
    if let Some(empty) = empty_text(table, Lang::Fi) {
        return writer
            .write_record([
                year.to_string(),
                chapter.to_owned(),
                // Not the bare table key: a figure may have the same key.
                format!("{}/empty", table.key),
                table.caption.fi.clone(),
                table.caption.sv.clone(),
                table.caption.en.clone(),
                String::new(),
                String::new(),
                String::new(),
                empty.to_owned(),
            ])
            .map_err(|e| e.to_string());
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let column = table.columns.get(c).cloned().unwrap_or_default();
            let value = match cell {
                Cell::Number(v) => v.to_string(),
                // Names and texts from the store: never read as a formula by a spreadsheet.
                other => kirjuri_registry::limits::spreadsheet_safe(&cell_text(Lang::Fi, other)),
            };
            writer
                .write_record([
                    year.to_string(),
                    chapter.to_owned(),
                    format!("{}/{}/{}", table.key, r + 1, c + 1),
                    column.fi,
                    column.sv,
                    column.en,
                    value,
                    String::new(),
                    String::new(),
                    String::new(),
                ])
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// A text as one Markdown table cell: a `|` escaped, line breaks as spaces, and the characters
/// Markdown would read as markup or HTML escaped.
fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A table as Markdown: its caption in bold, then the rows (or its `empty` label).
fn md_table(table: &Table, lang: Lang) -> String {
    let mut out = format!("**{}**\n\n", md_cell(table.caption.in_lang(lang)));
    if let Some(empty) = empty_text(table, lang) {
        out.push_str(&format!("{}\n\n", md_cell(empty)));
        return out;
    }
    let head: Vec<String> = table.columns.iter().map(|c| md_cell(c.in_lang(lang))).collect();
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    let rule: Vec<&str> = table.columns.iter().map(|_| "---").collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| md_cell(&cell_text(lang, c))).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
    out
}

/// The report as Markdown: the title, and each chapter's table and assessment.
pub fn to_markdown(report: &Report, lang: Lang) -> String {
    let mut out = format!(
        "# {} — {}\n\n*{}: {}*\n\n",
        title(report, lang),
        md_cell(&report.organisation),
        lang.t(r::STATUS),
        md_cell(&status_text(report, lang))
    );
    let (this, previous, delta) = (
        report.year.to_string(),
        (report.year - 1).to_string(),
        lang.t(r::CHANGE),
    );
    for chapter in &report.chapters {
        out.push_str(&format!("## {}\n\n", chapter.title.in_lang(lang)));
        if let Some(note) = empty_chapter_note(report, chapter, lang) {
            out.push_str(&format!("*{}*\n\n", md_cell(&note)));
        }
        if !chapter.figures.is_empty() {
            out.push_str(&format!("| | {this} | {previous} | {delta} |\n|---|---:|---:|---:|\n"));
        }
        for figure in &chapter.figures {
            let note = note(figure, lang).map(|n| format!(" ({n})")).unwrap_or_default();
            out.push_str(&format!(
                "| {}{note} | {} | {} | {} |\n",
                figure.label.in_lang(lang),
                number(lang, figure.value),
                number(lang, figure.previous),
                change(lang, figure)
            ));
        }
        out.push('\n');
        for table in &chapter.tables {
            out.push_str(&md_table(table, lang));
        }
        let text = md_cell(chapter.assessment.as_deref().unwrap_or(lang.t(r::NOT_WRITTEN)));
        out.push_str(&format!("**{}:** {text}\n\n", lang.t(r::ASSESSMENT)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::Label;

    fn figure(value: Option<f64>, previous: Option<f64>) -> Figure {
        Figure {
            key: "decided".to_owned(),
            label: Label::from(r::F_DECIDED),
            value,
            previous,
            note: None,
        }
    }

    /// The 2026 report against an empty 2025: "—" and no change, never 0 or +100 %.
    #[test]
    fn no_previous_number_is_a_dash_and_no_change() {
        let against_empty_2025 = figure(Some(6.0), None);
        assert_eq!(number(Lang::Fi, against_empty_2025.previous), "—");
        assert_eq!(change(Lang::Fi, &against_empty_2025), "");
        assert_eq!(change(Lang::Fi, &figure(Some(6.0), Some(1.0))), "+5");
        assert_eq!(change(Lang::Sv, &figure(Some(16.7), Some(20.0))), "−3,3");
        assert_eq!(change(Lang::En, &figure(Some(2.0), Some(2.0))), "±0");
        assert_eq!(number(Lang::En, Some(37.5)), "37.5");
        assert_eq!(number(Lang::Fi, Some(37.5)), "37,5");
    }

    #[test]
    fn every_format_and_language_is_named() {
        assert_eq!(ReportFormat::parse("pdf"), Ok(ReportFormat::Pdf));
        assert_eq!(ReportFormat::Pdf.media_type(), "application/pdf");
        assert!(ReportFormat::parse("docx").unwrap_err().contains("pdf"));
        assert_eq!(parse_lang("sv"), Ok(Lang::Sv));
        assert!(parse_lang("de").unwrap_err().contains("fi, sv or en"));
    }
}
