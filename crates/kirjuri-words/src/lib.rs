//! The words of Kirjuri in Finnish, Swedish and English: the catalogue machinery ([`Words`],
//! [`Lang`], the [`catalogue!`] macro and the three-language completeness check) that the web
//! UI's message catalogue (`kirjuri-server`'s `ui::messages`) is built with, and the [`report`]
//! part: every label of the annual data-governance report (tietotilinpäätös), so the report
//! and the page that shows it speak with one catalogue (STYLE.md §9).
//!
//! Finnish comes first (the city's majority language), Swedish second (the municipal bilingual
//! norm, Language Act 423/2003 §32 for bilingual municipalities), English third.
//!
//! This crate owns words only. It must never touch storage or HTTP, and never depend on
//! another Kirjuri crate: it sits at the bottom so the report crate and the server can share
//! it.

pub mod report;

/// One name in the three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub fi: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

impl Words {
    pub const fn new(fi: &'static str, sv: &'static str, en: &'static str) -> Words {
        Words { fi, sv, en }
    }

    /// The name in `lang`.
    pub fn in_lang(self, lang: Lang) -> &'static str {
        lang.t(self)
    }
}

/// A language Kirjuri speaks, Finnish first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fi,
    Sv,
    En,
}

impl Lang {
    /// Every language, Finnish first.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The language of a code (`fi`, `sv`, `en`), if it is one.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's code (`fi`, `sv`, `en`), for `<html lang>` and the switcher.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language's own name, as a language switcher offers it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Fi => "Suomeksi",
            Lang::Sv => "På svenska",
            Lang::En => "In English",
        }
    }

    /// A catalogue entry in this language.
    pub fn t(self, words: Words) -> &'static str {
        match self {
            Lang::Fi => words.fi,
            Lang::Sv => words.sv,
            Lang::En => words.en,
        }
    }
}

/// A part of a catalogue: `NAME = "fi", "sv", "en";` lines become `pub const NAME: Words`, and
/// (in the calling crate's tests) `EVERY_ENTRY` lists them all for [`check_complete`].
///
/// `Words` is named as the calling module sees it (each part imports it), so a part written
/// for the server's `ui::messages` compiles unchanged.
#[macro_export]
macro_rules! catalogue {
    ($($name:ident = $fi:literal, $sv:literal, $en:literal;)*) => {
        $(pub const $name: Words = Words::new($fi, $sv, $en);)*
        /// Every entry with its name, for the completeness test.
        #[cfg(test)]
        #[allow(dead_code)]
        pub const EVERY_ENTRY: &[(&str, Words)] = &[$((stringify!($name), $name)),*];
    };
}

/// The problems of catalogue parts: an entry with an empty text in any language, or whose
/// Swedish is just the Finnish (a missing translation). Empty when every entry is complete.
pub fn incomplete(parts: &[&[(&str, Words)]]) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, words) in parts.iter().copied().flatten() {
        for (code, text) in [("fi", words.fi), ("sv", words.sv), ("en", words.en)] {
            if text.trim().is_empty() {
                problems.push(format!("{name}: no {code} text"));
            }
        }
        if words.fi == words.sv {
            problems.push(format!("{name}: the Swedish is the Finnish"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_part_is_in_three_languages() {
        let problems = incomplete(&[report::EVERY_ENTRY]);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn an_untranslated_entry_is_found() {
        let part: &[(&str, Words)] = &[("X", Words::new("Sana", "Sana", "Word"))];
        assert_eq!(incomplete(&[part]), vec!["X: the Swedish is the Finnish".to_owned()]);
    }

    #[test]
    fn a_language_reads_its_own_code() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("de"), None);
    }
}
