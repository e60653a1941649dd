//! A small binding of libvoikko's C API, loaded at run time (Debian `libvoikko1` + `voikko-fi`).
//!
//! Loaded with `dlopen` rather than linked, so Kirjuri builds and runs without Voikko and falls
//! back to the Snowball stemmer; the `voikko-rs` crate is GPL-3.0, which is why this is ours.
//! Only morphological analysis is used: the base form (BASEFORM) and compound parts (WORDBASES).
#![allow(unsafe_code)] // FFI: every unsafe block is a call into libvoikko with its documented contract

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char, c_void};
use std::sync::Mutex;

type InitFn = unsafe extern "C" fn(*mut *const c_char, *const c_char, *const c_char) -> *mut c_void;
type AnalyzeFn = unsafe extern "C" fn(*mut c_void, *const c_char) -> *mut *mut c_void;
type FreeAnalysisFn = unsafe extern "C" fn(*mut *mut c_void);
type ValueFn = unsafe extern "C" fn(*const c_void, *const c_char) -> *mut c_char;
type FreeValueFn = unsafe extern "C" fn(*mut c_char);

/// A Voikko handle for Finnish. libvoikko handles are not thread-safe, so calls are serialised;
/// analyses are cached because municipal text repeats its words.
pub struct Voikko {
    handle: Mutex<Handle>,
    cache: Mutex<HashMap<String, Vec<String>>>,
    analyze: AnalyzeFn,
    free_analysis: FreeAnalysisFn,
    value: ValueFn,
    free_value: FreeValueFn,
    // Keeps the library mapped while the function pointers above are used.
    _library: libloading::Library,
}

struct Handle(*mut c_void);
// SAFETY: the handle is only used while holding the mutex, one thread at a time.
unsafe impl Send for Handle {}

const CACHE_LIMIT: usize = 200_000;

impl Voikko {
    /// Loads libvoikko and its Finnish dictionary; the error says what is missing.
    pub fn load() -> Result<Voikko, String> {
        // SAFETY: loading a shared library runs its initialisers; libvoikko's are plain C.
        let library = unsafe { libloading::Library::new("libvoikko.so.1") }
            .map_err(|e| format!("libvoikko not found ({e}); install the Debian packages libvoikko1 and voikko-fi"))?;
        // SAFETY: the symbol types match voikko.h of libvoikko 4.x.
        let (init, analyze, free_analysis, value, free_value) = unsafe {
            (
                *library.get::<InitFn>(b"voikkoInit\0").map_err(|e| e.to_string())?,
                *library
                    .get::<AnalyzeFn>(b"voikkoAnalyzeWordCstr\0")
                    .map_err(|e| e.to_string())?,
                *library
                    .get::<FreeAnalysisFn>(b"voikko_free_mor_analysis\0")
                    .map_err(|e| e.to_string())?,
                *library
                    .get::<ValueFn>(b"voikko_mor_analysis_value_cstr\0")
                    .map_err(|e| e.to_string())?,
                *library
                    .get::<FreeValueFn>(b"voikko_free_mor_analysis_value_cstr\0")
                    .map_err(|e| e.to_string())?,
            )
        };
        let mut error: *const c_char = std::ptr::null();
        // SAFETY: valid out-pointer and NUL-terminated language code; a null path means the
        // default dictionary locations.
        let handle = unsafe { init(&mut error, c"fi".as_ptr(), std::ptr::null()) };
        if handle.is_null() {
            let reason = if error.is_null() {
                "unknown error".to_owned()
            } else {
                // SAFETY: libvoikko returns a static NUL-terminated message.
                unsafe { CStr::from_ptr(error) }.to_string_lossy().into_owned()
            };
            return Err(format!(
                "libvoikko found but the Finnish dictionary did not load ({reason}); install voikko-fi"
            ));
        }
        Ok(Voikko {
            handle: Mutex::new(Handle(handle)),
            cache: Mutex::new(HashMap::new()),
            analyze,
            free_analysis,
            value,
            free_value,
            _library: library,
        })
    }

    /// Index terms of one lower-cased word: the base form of every analysis and, for a compound,
    /// its parts (`hankintasopimuksen` → `hankintasopimus`, `hankinta`, `sopimus`). Empty when
    /// Voikko does not know the word.
    pub fn terms(&self, word: &str) -> Vec<String> {
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(word).cloned()) {
            return hit;
        }
        let terms = self.analyse(word);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(word.to_owned(), terms.clone());
        }
        terms
    }

    fn analyse(&self, word: &str) -> Vec<String> {
        let Ok(c_word) = CString::new(word) else {
            return Vec::new();
        };
        let Ok(handle) = self.handle.lock() else {
            return Vec::new();
        };
        let mut terms: Vec<String> = Vec::new();
        // SAFETY: a live handle under its mutex and a NUL-terminated word; the result is a
        // NULL-terminated array freed below with voikko_free_mor_analysis.
        unsafe {
            let analyses = (self.analyze)(handle.0, c_word.as_ptr());
            if analyses.is_null() {
                return terms;
            }
            let mut i = 0;
            while !(*analyses.add(i)).is_null() {
                let analysis = *analyses.add(i);
                if let Some(base) = self.value_of(analysis, c"BASEFORM") {
                    push_unique(&mut terms, base.to_lowercase());
                }
                if let Some(bases) = self.value_of(analysis, c"WORDBASES") {
                    let parts = compound_parts(&bases);
                    if parts.len() > 1 {
                        for part in parts {
                            push_unique(&mut terms, part);
                        }
                    }
                }
                i += 1;
            }
            (self.free_analysis)(analyses);
        }
        terms
    }

    /// SAFETY: `analysis` is a live analysis from `voikkoAnalyzeWordCstr`.
    unsafe fn value_of(&self, analysis: *mut c_void, key: &CStr) -> Option<String> {
        // SAFETY: per the function contract; the value is copied, then freed by libvoikko.
        unsafe {
            let value = (self.value)(analysis, key.as_ptr());
            if value.is_null() {
                return None;
            }
            let text = CStr::from_ptr(value).to_string_lossy().into_owned();
            (self.free_value)(value);
            Some(text)
        }
    }
}

fn push_unique(terms: &mut Vec<String>, term: String) {
    if !term.is_empty() && !terms.contains(&term) {
        terms.push(term);
    }
}

/// The lower-cased parts of a WORDBASES value such as
/// `+hanki(hankkia)+nta(+ta)+sopimus(sopimus)`: a part whose base starts with `+` is a
/// derivational ending and joins the part before it (`hankinta`); a plain part gives its
/// base (`kaupungin(kaupunki)` → `kaupunki`). A compound of three or more parts also gives
/// its inner compounds, so that `rakennuslupapäätöksen` is found by `rakennuslupa` and by
/// `lupapäätös`: the leading parts as written, the last one in its base form.
pub fn compound_parts(wordbases: &str) -> Vec<String> {
    let mut parts: Vec<(String, String, bool)> = Vec::new(); // (surface, base, derived)
    for piece in wordbases.split('+').filter(|p| !p.is_empty()) {
        let (surface, base) = match piece.split_once('(') {
            Some((surface, rest)) => (surface, rest.trim_end_matches(')')),
            None => (piece, piece),
        };
        if base.is_empty() {
            // `(+ta)` splits into `nta(` and `ta)`: the derivational marker.
            if let Some(last) = parts.last_mut() {
                last.0.push_str(surface);
                last.2 = true;
            }
            continue;
        }
        if piece.ends_with(')') && !piece.contains('(') {
            continue;
        }
        parts.push((surface.to_owned(), base.to_owned(), false));
    }
    let base_of =
        |(surface, base, derived): &(String, String, bool)| if *derived { surface } else { base }.to_lowercase();
    let mut terms: Vec<String> = parts.iter().map(base_of).filter(|p| p.chars().count() > 2).collect();
    if parts.len() >= 3 {
        for start in 0..parts.len() {
            for end in start + 1..parts.len() {
                if start == 0 && end == parts.len() - 1 {
                    continue; // the whole word: its BASEFORM is already a term
                }
                let mut inner: String = parts[start..end].iter().map(|p| p.0.to_lowercase()).collect();
                inner.push_str(&base_of(&parts[end]));
                terms.push(inner);
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::compound_parts;

    #[test]
    fn compound_parts_join_derivations() {
        assert_eq!(
            compound_parts("+hanki(hankkia)+nta(+ta)+sopimus(sopimus)"),
            ["hankinta", "sopimus"]
        );
        assert_eq!(
            compound_parts("+kaupungin(kaupunki)+valtuusto(valtuusto)"),
            ["kaupunki", "valtuusto"]
        );
        assert_eq!(
            compound_parts("+terve(terve)+ys(+ys)+tieto(tieto)"),
            ["terveys", "tieto"]
        );
        assert_eq!(
            compound_parts("+ruoka(ruoka)+palvel(palvella)+u(+u)"),
            ["ruoka", "palvelu"]
        );
        assert_eq!(compound_parts("+sopimus(sopimus)"), ["sopimus"]);
        assert_eq!(
            compound_parts("+rakennus(rakennus)+lupa(lupa)+päätöksen(päätös)"),
            ["rakennus", "lupa", "päätös", "rakennuslupa", "lupapäätös"]
        );
    }
}
