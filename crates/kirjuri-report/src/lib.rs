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
pub mod stored;

pub use compute::{Assessment, Cell, Chapter, DeadlineRow, Figure, Label, Report, Table, chapter_title, compute};
pub use html::to_html;
pub use render::{Rendering, ReportFormat, parse_lang, render, to_csv, to_markdown};
pub use stored::{APPROVAL, Approval, SNAPSHOT, Snapshot, TARGET, Target, TargetStatus};

/// Record kind of management's assessment texts, one per year and chapter.
pub const ASSESSMENT: &str = "report_assessment";

/// The chapters of the report in the order of the Data Protection Ombudsman's guide (DOMAIN.md
/// §9.1): 3.1 scope, 3.2 information resources, 3.3 procedures, 3.4 security, 3.5 monitoring,
/// 3.6 data subjects' rights, records management (kept after 3.6) and 4 assessment and
/// development targets. The one list: the report's chapters, the chapters an assessment text
/// or a development target may belong to (the CLI's `report-text --chapter`, the API and the
/// report page's forms) all follow it. Assessments stored under the older keys (resources,
/// rights, security, records) keep their keys.
pub const CHAPTERS: &[&str] = &[
    "scope",
    "resources",
    "procedures",
    "security",
    "monitoring",
    "rights",
    "records",
    "development",
];
