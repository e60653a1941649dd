//! Which characters a text field may hold: one rule for every text Kirjuri keeps, the plan's
//! (checked by [`crate::validate`]) and the registry's free text (`kirjuri_registry::limits`,
//! which calls [`is_refused_char`]).
//!
//! Refused are control characters, which break XML 1.0 (the archive package's `records.xml`),
//! terminals and CSV, and invisible formatting characters that make a text read differently
//! from what it holds: the bidirectional controls (`e\u{202E}gpj.exe` shows as `exe.jpg…`),
//! zero-width spaces and joiners that split a word invisibly, the byte-order mark, invisible
//! operators, interlinear annotations and the tag characters, which can smuggle invisible ASCII.
//! Allowed stay the zero-width non-joiner and joiner (U+200C, U+200D: needed in some scripts
//! and emoji) and the soft hyphen (U+00AD: common in text pasted from word processors).

use std::borrow::Cow;

/// True when `c` may not stand in a text field. `multi_line` fields (descriptions, reasons)
/// may hold line breaks and tabs; single-line ones (names, titles, codes) may not.
pub fn is_refused_char(c: char, multi_line: bool) -> bool {
    let line_break_or_tab = matches!(c, '\n' | '\r' | '\t');
    (c.is_control() && !(multi_line && line_break_or_tab)) || is_invisible_format(c)
}

/// Invisible formatting characters (Unicode category Cf) that change how a text reads.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        // Bidirectional controls: the Arabic letter mark, the left-to-right and right-to-left
        // marks, embeddings, overrides and isolates.
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        // Zero-width space, word joiner and invisible operators, byte-order mark.
        | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        // Interlinear annotation anchors and the tag characters.
        | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}'
    )
}

/// The first character of `value` that [`is_refused_char`] refuses, with its 1-based position
/// counted in characters.
pub fn first_refused_char(value: &str, multi_line: bool) -> Option<(usize, char)> {
    value
        .chars()
        .enumerate()
        .find(|(_, c)| is_refused_char(*c, multi_line))
        .map(|(index, c)| (index + 1, c))
}

/// `value` with each refused character (as in a single-line field) written as `\u{…}`, for a
/// message that must name a value that may hold one.
pub fn escaped(value: &str) -> Cow<'_, str> {
    if first_refused_char(value, false).is_none() {
        return Cow::Borrowed(value);
    }
    let mut shown = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if is_refused_char(c, false) {
            shown.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_invisible_formatting_characters_are_refused() {
        for refused in [
            '\0',
            '\u{1}',
            '\u{1B}',
            '\u{7F}',
            '\u{85}',
            '\u{202E}',
            '\u{2066}',
            '\u{200E}',
            '\u{061C}',
            '\u{200B}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{E0041}',
        ] {
            assert!(is_refused_char(refused, true), "{:04X}", u32::from(refused));
        }
        for allowed in [
            'a', 'ä', 'Ö', ' ', '\u{A0}', '\u{200D}', '\u{200C}', '\u{AD}', '€', '😀',
        ] {
            assert!(!is_refused_char(allowed, false), "{:04X}", u32::from(allowed));
        }
    }

    #[test]
    fn line_breaks_and_tabs_only_in_multi_line_text() {
        for c in ['\n', '\r', '\t'] {
            assert!(is_refused_char(c, false));
            assert!(!is_refused_char(c, true));
        }
        assert_eq!(first_refused_char("rivi\ntoinen", false), Some((5, '\n')));
        assert_eq!(first_refused_char("rivi\ntoinen", true), None);
        assert_eq!(first_refused_char("Hallinto\u{202E}", true), Some((9, '\u{202E}')));
    }

    #[test]
    fn escaped_writes_refused_characters_as_code_points() {
        assert_eq!(escaped("päätös"), "päätös");
        assert_eq!(escaped("a\u{1B}[31mb\n"), "a\\u{001B}[31mb\\u{000A}");
    }
}
