//! The annual data-governance report (tietotilinpäätös, DOMAIN.md §9): information resources,
//! data subjects' rights, security, and records management, each figure beside the previous
//! year's; management's assessment per chapter; output as HTML (with SVG charts), Markdown,
//! JSON and CSV.
//!
//! Reads the store and never writes to it (the assessment texts are stored by the caller).
//! A figure that cannot be computed carries the reason instead of a zero.

pub mod compute;
pub mod render;

pub use compute::{Assessment, Chapter, Figure, Report, compute};
pub use render::{Rendering, ReportFormat, render, to_csv, to_html, to_markdown};

/// Record kind of management's assessment texts, one per year and chapter.
pub const ASSESSMENT: &str = "report_assessment";

/// The chapters an assessment text belongs to, in report order.
pub const CHAPTERS: &[&str] = &["resources", "rights", "security", "records"];
