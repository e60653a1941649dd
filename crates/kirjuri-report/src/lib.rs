//! The annual data-governance report (tietotilinpäätös, DOMAIN.md §9): information resources,
//! data subjects' rights, security, and records management, each figure beside the previous
//! year's; management's assessment per chapter; output as print-ready HTML (maud, SVG charts),
//! PDF/A (krilla), Markdown, JSON and CSV, in Finnish, Swedish or English with the labels of
//! the shared catalogue (`kirjuri_words::report`).
//!
//! Reads the store and never writes to it (the assessment texts are stored by the caller).
//! A figure that cannot be computed carries the reason instead of a zero; a previous year with
//! no data at all shows "—", never 0.

pub mod charts;
pub mod compute;
pub mod html;
pub mod pdf;
pub mod render;

pub use compute::{Assessment, Cell, Chapter, DeadlineRow, Figure, Label, Report, Table, compute};
pub use html::to_html;
pub use render::{Rendering, ReportFormat, parse_lang, render, to_csv, to_markdown};

/// Record kind of management's assessment texts, one per year and chapter.
pub const ASSESSMENT: &str = "report_assessment";

/// The chapters an assessment text belongs to, in report order.
pub const CHAPTERS: &[&str] = &["resources", "procedures", "rights", "security", "records"];
