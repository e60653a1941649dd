//! JHS 191 TOS XML (namespace `http://skeemat.jhs-suositukset.fi/tos/2015/01/15`), the format
//! Finnish TOS tools exchange (DOMAIN.md §2.8).
//!
//! Export writes the strict official schema (`Skeema_TOS_kooste.xsd`): one `Luokka` per class
//! with a handling process, phases and actions as nested `Toimenpidetiedot`, record types as
//! `Asiakirjatieto`. What the standard has no element for — classes without a process, the
//! plan's state and rounding rule, personal-data codes 4–5, the personal identity code flag,
//! the secret parts of a partly secret record, storage details — travels in `Laajennos`
//! extension elements in Kirjuri's own namespace, so export then import gives the same plan.
//!
//! Import accepts the relaxed variants other tools write (missing process, publicity or
//! retention elements, nested actions, legacy spellings, foreign `Laajennos`) and reports
//! what is missing or wrong as findings that carry the element's path; it never panics.
//! Elements are told apart by namespace URI and local name, never by prefix: any prefix or a
//! default namespace reads the same, and an element of another namespace is not a JHS 191 one.
//!
//! This module answers "what is JHS 191 to Kirjuri": the namespaces and shared constants, and
//! the public entry points re-exported from [`export`](self::export()) (writing, `export.rs`)
//! and [`import`](self::import()) (tolerant reading with findings, `import.rs`, over the
//! namespace-aware element tree of `import/tree.rs`).

mod export;
mod import;

pub use export::{ExportError, ExportOptions, Exported, export, state_code};
pub use import::{Imported, import};

/// The JHS 191 TOS namespace.
pub const TOS_NS: &str = "http://skeemat.jhs-suositukset.fi/tos/2015/01/15";
/// Kirjuri's namespace for `Laajennos` extension content.
pub const KIRJURI_NS: &str = "urn:kirjuri:jhs191-laajennos:1";
/// Separator for several secrecy grounds or systems in one text element (project decision).
const LIST_SEPARATOR: &str = "; ";
