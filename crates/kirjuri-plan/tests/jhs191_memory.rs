//! The JHS 191 import keeps its memory proportional to the file, whatever the file holds.
//!
//! A security test sent a 1.16 MB plan whose `xmlns:x` URI was 1 MiB long and whose
//! `TosTiedot` carried 10,000 attributes in that namespace: the reader copied the URI into
//! every attribute and every element path, some 5,000 times the body. These tests build such
//! files and measure the bytes the import allocates with a counting global allocator (counted
//! per thread, so the tests may run side by side).
//!
//! The allocator also refuses any allocation that would take the whole process past
//! [`CEILING`]: on a regression the test binary then aborts ("memory allocation … failed")
//! instead of taking the machine down.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use kirjuri_plan::jhs191::{self, TOS_NS};

/// Most bytes the whole test process may hold at once.
const CEILING: usize = 1 << 30;

static PROCESS_LIVE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Bytes this thread allocated and has not freed (negative when it frees another's).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The highest `LIVE` since the last [`measure`] began.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(change: isize) {
    // try_with: the thread-locals may be gone while a thread ends.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + change;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

struct Counting;

// SAFETY: every call is passed on to the system allocator unchanged, or refused with a null
// pointer (which GlobalAlloc allows); the counters only observe sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if PROCESS_LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size() > CEILING {
            PROCESS_LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's layout is passed on as it came.
        let pointer = unsafe { System.alloc(layout) };
        if pointer.is_null() {
            PROCESS_LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        } else {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the pointer came from `alloc` or `realloc` above with this layout.
        unsafe { System.dealloc(pointer, layout) };
        PROCESS_LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let growth = new_size.saturating_sub(layout.size());
        if PROCESS_LIVE.fetch_add(growth, Ordering::Relaxed) + growth > CEILING {
            PROCESS_LIVE.fetch_sub(growth, Ordering::Relaxed);
            return std::ptr::null_mut();
        }
        // SAFETY: the pointer came from this allocator with `layout`; new_size is the caller's.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if moved.is_null() {
            PROCESS_LIVE.fetch_sub(growth, Ordering::Relaxed);
        } else {
            PROCESS_LIVE.fetch_sub(layout.size().saturating_sub(new_size), Ordering::Relaxed);
            count(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work` and returns its result and the most bytes it held at once on this thread.
fn measure<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    let result = work();
    let peak = PEAK.with(Cell::get);
    (result, usize::try_from(peak - start).unwrap_or(0))
}

const MIB: usize = 1024 * 1024;
/// The longest namespace URI the import accepts, in bytes.
const LONGEST_URI: usize = 2048;

/// `xmlns:x="urn:aaaa…"` with a URI of `length` bytes.
fn long_namespace(length: usize) -> String {
    format!(r#"xmlns:x="urn:{}""#, "a".repeat(length - 4))
}

/// Imports `xml` and asserts the import held at most `factor` times the file's size.
fn assert_import_bounded(what: &str, xml: &str, factor: usize) -> jhs191::Imported {
    let (imported, peak) = measure(|| jhs191::import("plan.xml", xml));
    assert!(
        peak <= factor * xml.len(),
        "{what}: the import of {} bytes held {peak} bytes at once ({}x; at most {factor}x allowed)",
        xml.len(),
        peak / xml.len().max(1)
    );
    imported
}

fn texts(imported: &jhs191::Imported) -> Vec<String> {
    imported.findings.iter().map(ToString::to_string).collect()
}

#[test]
fn the_reported_attack_a_megabyte_namespace_on_ten_thousand_attributes_is_refused_small() {
    let attributes: String = (0..10_000).map(|n| format!(r#" x:a{n}="""#)).collect();
    let xml = format!(
        "<Tos xmlns=\"{TOS_NS}\"\n {}><TosTiedot{attributes}/></Tos>",
        long_namespace(MIB)
    );
    assert!(xml.len() > MIB + 100_000, "the body of the report: {} bytes", xml.len());
    let imported = assert_import_bounded("the reported attack", &xml, 3);
    assert!(imported.plan.is_none());
    let texts = texts(&imported);
    assert_eq!(texts.len(), 1, "{texts:#?}");
    assert!(
        texts[0].starts_with(
            "plan.xml:1: error: not well-formed XML: the namespace URI declared by `xmlns:x` is longer than"
        ),
        "{texts:#?}"
    );
}

#[test]
fn the_attack_with_a_namespace_under_the_limit_keeps_no_foreign_attribute() {
    // 100,000 attributes in a 2 KiB namespace: the old reader held 2 KiB per attribute.
    let attributes: String = (0..100_000).map(|n| format!(r#" x:a{n}="""#)).collect();
    let xml = format!(
        r#"<Tos xmlns="{TOS_NS}" {}><TosTiedot{attributes}/></Tos>"#,
        long_namespace(LONGEST_URI)
    );
    // quick-xml's duplicate-attribute check holds a key range and a hash per attribute.
    let imported = assert_import_bounded("attributes", &xml, 4);
    // Refused for what it lacks (no name, no classes), not for its size.
    assert!(kirjuri_plan::has_errors(&imported.findings));
    let texts = texts(&imported);
    assert!(texts.iter().any(|m| m.contains("no Luokka")), "{texts:#?}");
}

#[test]
fn fifty_thousand_elements_in_a_long_namespace_stay_small() {
    let elements = "<x:Luokka/>".repeat(50_000);
    let xml = format!(
        r#"<Tos xmlns="{TOS_NS}" {}>{elements}</Tos>"#,
        long_namespace(LONGEST_URI)
    );
    let imported = assert_import_bounded("elements", &xml, 3);
    let foreign: Vec<String> = texts(&imported)
        .into_iter()
        .filter(|f| f.contains("other namespaces") || f.contains("is ignored"))
        .collect();
    assert_eq!(foreign.len(), 51, "fifty listed, the rest summed up: {foreign:#?}");
    assert!(foreign[50].contains("49950 more elements"), "{}", foreign[50]);
    assert!(
        foreign[0].len() < 500,
        "a long URI is shortened in messages and paths: {}",
        foreign[0]
    );
    assert!(
        foreign[0].contains("Q{urn:aaaa") && foreign[0].contains('…'),
        "{}",
        foreign[0]
    );
}

#[test]
fn deep_long_names_over_many_foreign_children_stay_small() {
    // Every ancestor's name is in every child's path: 60 levels of 1,000-character names
    // over 100,000 foreign children.
    let names: Vec<String> = (0..60).map(|n| format!("N{n}{}", "N".repeat(1_000))).collect();
    let open: String = names.iter().map(|n| format!("<{n}>")).collect();
    let close: String = names.iter().rev().map(|n| format!("</{n}>")).collect();
    let children = "<x:e/>".repeat(100_000);
    let xml = format!(r#"<Tos xmlns="{TOS_NS}" xmlns:x="urn:x">{open}{children}{close}</Tos>"#);
    assert_import_bounded("deep paths", &xml, 3);
}

#[test]
fn a_long_reason_inherited_by_many_short_record_types_is_refused_small() {
    // Every Asiakirjatieto without its own Sailytysaikatiedot gets a copy of the process's
    // retention reason: 2 MiB times 2,000 record types.
    let reason = "r".repeat(2 * MIB);
    let records = "<Asiakirjatieto/>".repeat(2_000);
    let xml = format!(
        r#"<Tos xmlns="{TOS_NS}"><TosTiedot><Nimeke><NimekeTeksti>TOS</NimekeTeksti></Nimeke></TosTiedot>
<Luokka><Luokitustunnus>01</Luokitustunnus><Nimeke><NimekeTeksti>Hallinto</NimekeTeksti></Nimeke>
<KasittelyprosessiTiedot><Sailytysaikatiedot><SailytysajanPituusArvo>10</SailytysajanPituusArvo>
<SailytysajanPerusteTeksti>{reason}</SailytysajanPerusteTeksti></Sailytysaikatiedot>
<Toimenpidetiedot><ToimenpideluokkaTeksti>Valmistelu</ToimenpideluokkaTeksti>{records}</Toimenpidetiedot>
</KasittelyprosessiTiedot></Luokka></Tos>"#
    );
    let imported = assert_import_bounded("inherited text", &xml, 20);
    let texts = texts(&imported);
    assert!(kirjuri_plan::has_errors(&imported.findings));
    assert!(
        texts.iter().any(|t| t.contains("inherit more than")),
        "{:#?}",
        &texts[..texts.len().min(5)]
    );
    assert!(
        texts.len() <= 2 * kirjuri_plan::findings::MAX_LISTED_FINDINGS + 2,
        "{}",
        texts.len()
    );
}
