//! The Finnish, Swedish and English analysis: which analyzer turns a text field's words into
//! index terms, on the document side and on the query side. Voikko lemmas and compound parts
//! for Finnish (Snowball for words Voikko does not know, and without Voikko), Snowball stems
//! for Swedish and English; no ASCII folding. Also answers which Finnish analysis this process
//! uses (`analysis`) and the tag an index records it under.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
    TokenizerManager,
};

use crate::voikko::Voikko;

/// The analyzer of Finnish text fields.
pub const FINNISH: &str = "kirjuri_fi";

/// Analyzers of the Swedish and English bodies.
pub(crate) const SWEDISH: &str = "kirjuri_sv";
pub(crate) const ENGLISH: &str = "kirjuri_en";

fn snowball() -> TextAnalyzer {
    snowball_for(Language::Finnish)
}

fn snowball_for(language: Language) -> TextAnalyzer {
    // No AsciiFoldingFilter before the stemmer: its rules depend on ä, ö and å.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .build()
}

/// Registers the Swedish and English analyzers (the same on both sides of a search).
pub(crate) fn register_other_languages(manager: &TokenizerManager) {
    manager.register(SWEDISH, snowball_for(Language::Swedish));
    manager.register(ENGLISH, snowball_for(Language::English));
}

/// Which Finnish analysis is in use, said once at start-up and in `kirjuri search --json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub enum Analysis {
    /// Voikko lemmas and compound parts; Snowball for words Voikko does not know.
    Voikko,
    /// Snowball stems only, with the reason Voikko is not in use.
    Snowball(String),
}

/// Finnish words to index terms. With Voikko, the document side indexes every base form and
/// compound part at the word's position, and the query side looks up one base form per word,
/// so `sopimus` finds `hankintasopimuksen`. Without Voikko, or for a word it does not know,
/// the Snowball stem is used on both sides.
///
/// Indexing speed lives here: the terms of each word form are computed once per tokenizer (one
/// per indexing thread, so no lock) and kept under both the form as written and its lower-case
/// form, so most words cost one hash lookup and no allocation; the token stream copies each
/// term into one reused token.
#[derive(Clone)]
struct FinnishTokenizer {
    voikko: Option<Arc<Voikko>>,
    query_side: bool,
    fallback: TextAnalyzer,
    /// Word form (as written, and lower-cased) to its entry in `terms`.
    cache: rustc_hash::FxHashMap<Box<str>, u32>,
    /// The index terms of each cached word form.
    terms: Vec<Box<[String]>>,
    /// The words of the text being tokenized: byte offsets and entry in `terms` (reused).
    words: Vec<(usize, usize, u32)>,
    lower: String,
}

const TOKEN_CACHE_LIMIT: usize = 100_000;
/// Longer words are not indexed (tantivy's `RemoveLongFilter` limit of the Snowball path).
const LONGEST_WORD: usize = 60;

impl FinnishTokenizer {
    fn new(voikko: Option<Arc<Voikko>>, query_side: bool) -> FinnishTokenizer {
        FinnishTokenizer {
            voikko,
            query_side,
            fallback: snowball(),
            cache: rustc_hash::FxHashMap::default(),
            terms: Vec::new(),
            words: Vec::new(),
            lower: String::new(),
        }
    }

    /// The entry of a word form, analysing it on the first sight.
    fn entry(&mut self, word: &str) -> u32 {
        if let Some(&entry) = self.cache.get(word) {
            return entry;
        }
        self.lower.clear();
        if word.is_ascii() {
            self.lower.push_str(word);
            self.lower.make_ascii_lowercase();
        } else {
            self.lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let entry = match self.cache.get(self.lower.as_str()) {
            Some(&entry) => entry,
            None => {
                let mut terms = self.voikko.as_ref().map(|v| v.terms(&self.lower)).unwrap_or_default();
                if self.query_side {
                    terms.truncate(1);
                }
                if terms.is_empty() {
                    let mut stemmed = self.fallback.token_stream(&self.lower);
                    if stemmed.advance() {
                        terms.push(stemmed.token().text.clone());
                    }
                }
                let entry = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
                self.terms.push(terms.into_boxed_slice());
                self.cache.insert(self.lower.as_str().into(), entry);
                entry
            }
        };
        if word != self.lower {
            self.cache.insert(word.into(), entry);
        }
        entry
    }
}

/// Letters and digits make words (as tantivy's `SimpleTokenizer`), with ASCII and the Finnish
/// and Swedish letters answered without the Unicode tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, 'ä' | 'ö' | 'å' | 'Ä' | 'Ö' | 'Å') || c.is_alphanumeric()
    }
}

/// The tokens of one text: each word's terms at the word's position, copied one at a time
/// into the same token.
struct FinnishTokenStream<'a> {
    words: &'a [(usize, usize, u32)],
    terms: &'a [Box<[String]>],
    /// Next word, and next term of the current word.
    word: usize,
    term: usize,
    token: Token,
}

impl TokenStream for FinnishTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(&(from, to, entry)) = self.words.get(self.word) {
            let terms = &self.terms[entry as usize];
            if let Some(term) = terms.get(self.term) {
                self.token.text.clear();
                self.token.text.push_str(term);
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.position = self.word;
                self.token.position_length = 1;
                self.term += 1;
                return true;
            }
            self.word += 1;
            self.term = 0;
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for FinnishTokenizer {
    type TokenStream<'a> = FinnishTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FinnishTokenStream<'a> {
        if self.cache.len() >= TOKEN_CACHE_LIMIT {
            self.cache.clear();
            self.terms.clear();
        }
        let mut words = std::mem::take(&mut self.words);
        words.clear();
        let mut start = None;
        for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (is_word_char(c), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    start = None;
                    if at - from <= LONGEST_WORD {
                        let entry = self.entry(&text[from..at]);
                        words.push((from, at, entry));
                    }
                }
                _ => {}
            }
        }
        self.words = words;
        FinnishTokenStream {
            words: &self.words,
            terms: &self.terms,
            word: 0,
            term: 0,
            token: Token::default(),
        }
    }
}

/// Loads Voikko once per process (the dictionary is large); the reason is kept when it fails.
fn shared_voikko() -> &'static Result<Arc<Voikko>, String> {
    static VOIKKO: OnceLock<Result<Arc<Voikko>, String>> = OnceLock::new();
    VOIKKO.get_or_init(|| {
        if std::env::var_os("KIRJURI_NO_VOIKKO").is_some() {
            return Err("turned off with KIRJURI_NO_VOIKKO".to_owned());
        }
        Voikko::load().map(Arc::new)
    })
}

/// The analysis this process uses.
pub fn analysis() -> Analysis {
    match shared_voikko() {
        Ok(_) => Analysis::Voikko,
        Err(reason) => Analysis::Snowball(reason.clone()),
    }
}

/// What an index was built with: the analysis, and the version of its access terms (`a2`:
/// department, case access list and case publicity). An index built otherwise is rebuilt.
pub(crate) fn analysis_tag() -> &'static str {
    if shared_voikko().is_ok() {
        "voikko/a2"
    } else {
        "snowball/a2"
    }
}

pub(crate) fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
    let voikko = shared_voikko().as_ref().ok().cloned();
    (
        TextAnalyzer::from(FinnishTokenizer::new(voikko.clone(), false)),
        TextAnalyzer::from(FinnishTokenizer::new(voikko, true)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(tokenizer: &mut FinnishTokenizer, text: &str) -> Vec<(usize, String, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.position, t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn words_positions_and_case_forms() {
        // Snowball only (no Voikko handle), so the test is the same on every machine.
        let mut tokenizer = FinnishTokenizer::new(None, false);
        let long = "a".repeat(LONGEST_WORD + 1);
        let text = format!("Päätös, päätöksen {long} 2026 Ärrä-ölö");
        let out = tokens(&mut tokenizer, &text);
        let words: Vec<(usize, &str)> = out.iter().map(|(p, w, _, _)| (*p, w.as_str())).collect();
        // The over-long word is skipped without a position; ä and ö stay in the terms and
        // split no word; a hyphen does.
        assert_eq!(words.len(), 5, "{words:?}");
        assert_eq!(words[0].0, 0);
        assert_eq!(words[2].0, 2, "2026 follows päätöksen");
        assert!(
            words.iter().all(|(_, w)| !w.contains(['A', 'Ä', 'P'])),
            "lower-cased: {words:?}"
        );
        assert!(words[0].1.starts_with("päätö"), "{words:?}");
        assert_eq!(&text[out[0].2..out[0].3], "Päätös");
        assert_eq!((words[3].1, words[4].1), ("är", "ölö"), "Snowball stems, ä and ö kept");
        // The capitalised and the lower-case form share one analysis, and a second text
        // gets the same terms from the cache.
        let again = tokens(&mut tokenizer, "päätös PÄÄTÖS");
        assert_eq!(again[0].1, words[0].1);
        assert_eq!(again[1].1, words[0].1);
        assert_eq!(tokenizer.terms.len(), 5, "one analysis per distinct lower-case word");
    }

    #[test]
    fn the_cache_starts_afresh_at_its_limit() {
        let mut tokenizer = FinnishTokenizer::new(None, true);
        let text: String = (0..TOKEN_CACHE_LIMIT + 10).map(|n| format!("sana{n} ")).collect();
        assert_eq!(tokens(&mut tokenizer, &text).len(), TOKEN_CACHE_LIMIT + 10);
        let out = tokens(&mut tokenizer, "Sopimuksen");
        assert_eq!(out.len(), 1);
        assert_eq!(tokenizer.terms.len(), 1, "cleared before the new text");
    }
}
