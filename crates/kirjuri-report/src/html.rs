//! The report as one self-contained, print-ready HTML document built with maud (which escapes
//! every text): a cover, the contents, a one-page summary of the key figures with their
//! change, then the chapters with their tables, charts (inline SVG) and management's
//! assessment. Printed, each chapter starts on a new A4 page with the page number below.

use kirjuri_words::Lang;
use kirjuri_words::report::{self as r, fill};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::charts::{charts, svg};
use crate::compute::{Figure, Report, Table};
use crate::render::{
    cell_text, change, compiled_on, empty_chapter_note, empty_text, is_number, key_figures, note, number, status_text,
    title,
};

/// The print styles: A4 pages, margins, page breaks before chapters and the page number in
/// the bottom margin.
const STYLE: &str = r#"
@page { size: A4; margin: 20mm 18mm 22mm 18mm; @bottom-center { content: counter(page); font: 9pt "DejaVu Sans", sans-serif; } }
@page :first { @bottom-center { content: none; } }
html { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; line-height: 1.4; }
body { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
.cover { min-height: 90vh; display: flex; flex-direction: column; justify-content: center; }
.cover .organisation { font-size: 1.2rem; letter-spacing: .04em; text-transform: uppercase; }
.cover h1 { font-size: 2.4rem; margin: .5rem 0; }
.cover .subtitle { font-size: 1.1rem; max-width: 32rem; }
.cover dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin-top: 3rem; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0; }
nav.contents ol { padding-left: 1.4rem; }
nav.contents a { color: inherit; }
h2 { font-size: 1.45rem; border-bottom: 2px solid #1b1b1b; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-size: .85em; color: #444; padding: .2rem 0; }
th, td { border-bottom: 1px solid #bbb; padding: .22rem .4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; }
tbody th { font-weight: normal; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.note { display: block; color: #555; font-size: .85em; }
figure.chart { margin: 1rem 0 1.5rem; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; font-family: inherit; }
figcaption { font-weight: bold; margin: .3rem 0; }
table.chart-data { font-size: .85em; }
.summary-intro { color: #333; }
.empty-chapter { border-left: 4px solid #1b1b1b; padding: .3rem .6rem; font-style: italic; }
.status { font-weight: bold; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .cover { min-height: 240mm; break-after: page; }
  nav.contents { break-after: page; }
  section.chapter { break-before: page; }
  h2, h3, figcaption { break-after: avoid; }
  tr { break-inside: avoid; }
  a { text-decoration: none; }
}
"#;

/// The report as a complete HTML document in `lang`.
pub fn to_html(report: &Report, lang: Lang) -> String {
    let doc_title = title(report, lang);
    let charts = charts(report, lang);
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (doc_title) " — " (report.organisation) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (cover(report, lang))
                (contents(report, lang))
                main {
                    (summary(report, lang))
                    @for chapter in &report.chapters {
                        section.chapter id=(format!("chapter-{}", chapter.key)) aria-labelledby=(format!("h-{}", chapter.key)) {
                            h2 id=(format!("h-{}", chapter.key)) { (chapter.title.in_lang(lang)) }
                            @if let Some(note) = empty_chapter_note(report, chapter, lang) {
                                p.empty-chapter { (note) }
                            }
                            @if !chapter.figures.is_empty() {
                                (figures_table(report, lang, &chapter.figures))
                            }
                            @for table in &chapter.tables {
                                (list_table(table, lang))
                            }
                            @for chart in charts.iter().filter(|c| c.chapter == chapter.key) {
                                (svg(chart, lang))
                            }
                            h3 { (lang.t(r::ASSESSMENT)) }
                            p { (chapter.assessment.as_deref().unwrap_or(lang.t(r::NOT_WRITTEN))) }
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

fn cover(report: &Report, lang: Lang) -> Markup {
    html! {
        header.cover {
            p.organisation { (report.organisation) }
            h1 { (title(report, lang)) }
            p.subtitle { (lang.t(r::SUBTITLE)) }
            dl {
                dt { (lang.t(r::REPORT_YEAR)) } dd { (report.year) }
                dt { (lang.t(r::COMPUTED_ON)) } dd { (compiled_on(report, lang)) }
                dt { (lang.t(r::STATUS)) } dd.status { (status_text(report, lang)) }
            }
        }
    }
}

fn contents(report: &Report, lang: Lang) -> Markup {
    html! {
        nav.contents aria-labelledby="contents-heading" {
            h2 #contents-heading { (lang.t(r::CONTENTS)) }
            ol {
                li { a href="#summary" { (lang.t(r::SUMMARY)) } }
                @for chapter in &report.chapters {
                    li { a href=(format!("#chapter-{}", chapter.key)) { (chapter.title.in_lang(lang)) } }
                }
            }
        }
    }
}

fn summary(report: &Report, lang: Lang) -> Markup {
    let figures: Vec<Figure> = key_figures(report).into_iter().cloned().collect();
    html! {
        section.chapter #summary aria-labelledby="h-summary" {
            h2 #h-summary { "1 " (lang.t(r::SUMMARY)) }
            p.summary-intro { (lang.t(r::SUMMARY_INTRO)) }
            (figures_table(report, lang, &figures))
        }
    }
}

/// A table of figures: the label (and note), this year, the previous year ("—" when there is
/// no number) and the change (empty then).
fn figures_table(report: &Report, lang: Lang, figures: &[Figure]) -> Markup {
    html! {
        table {
            thead { tr {
                th scope="col" { (lang.t(r::FIGURE)) }
                th.n scope="col" { (report.year) }
                th.n scope="col" { (report.year - 1) }
                th.n scope="col" { (lang.t(r::CHANGE)) }
            } }
            tbody {
                @for figure in figures {
                    tr {
                        th scope="row" {
                            (figure.label.in_lang(lang))
                            @if let Some(note) = note(figure, lang) { span.note { (note) } }
                        }
                        td.n { (number(lang, figure.value)) }
                        td.n { (number(lang, figure.previous)) }
                        td.n { (change(lang, figure)) }
                    }
                }
            }
        }
    }
}

/// A list of a chapter (registers in scope, development targets ...): a caption, column
/// headings, a header cell per row (the first cell), numbers right-aligned; an empty list
/// shows its `empty` text instead.
fn list_table(table: &Table, lang: Lang) -> Markup {
    html! {
        @if let Some(empty) = empty_text(table, lang) {
            h3 { (table.caption.in_lang(lang)) }
            p.empty-table { (empty) }
        } @else {
            table.list id=(format!("table-{}", table.key)) {
                caption { strong { (table.caption.in_lang(lang)) } }
                thead { tr {
                    @for (i, column) in table.columns.iter().enumerate() {
                        @let numeric = table.rows.first().and_then(|row| row.get(i)).is_some_and(is_number);
                        th.n[numeric] scope="col" { (column.in_lang(lang)) }
                    }
                } }
                tbody {
                    @for row in &table.rows {
                        tr {
                            @for (i, cell) in row.iter().enumerate() {
                                @if i == 0 {
                                    th scope="row" { (cell_text(lang, cell)) }
                                } @else {
                                    td.n[is_number(cell)] { (cell_text(lang, cell)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page-number template of the printed report ("Sivu {} / {}"), for the PDF.
pub fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    fill(lang.t(r::PAGE_OF), &[&page.to_string(), &pages.to_string()])
}
