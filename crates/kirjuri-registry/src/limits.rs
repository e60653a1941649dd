//! Longest free text the registry accepts, per kind of field, checked where the use-case
//! lives so that the command line, the API, the web UI and the demo loader all refuse the
//! same input (code `too_long`, naming the field and the limit). Lengths count characters
//! (Unicode scalar values), not bytes.
//!
//! Project decision: the limits are generous for real records and small enough that one
//! record cannot carry a megabyte of text into every listing, index and report.

use crate::registry::{NewDocument, OpenCase, RegistryError, RegistryResult};

/// Titles of cases, documents and incidents.
pub const TITLE: usize = 500;
/// A party's name (asianosainen), a requester or reporter, a department, unit or assignee.
pub const NAME: usize = 200;
/// Reasons, rationales, descriptions and other free text.
pub const TEXT: usize = 4_000;
/// A stored file's name.
pub const FILE_NAME: usize = 255;
/// Items of a list field (parties, secrecy grounds, legal bases).
pub const ITEMS: usize = 100;

/// Characters no field may hold: control characters (in free text of [`TEXT`] size, line
/// breaks and tabs are allowed) and invisible formatting characters such as the Unicode
/// text-direction controls, which make a name or a file name read differently from what it is
/// (`e\u{202E}gpj.exe`). One rule for the registry and the plan: [`kirjuri_plan::text`].
fn is_refused_char(c: char, multi_line: bool) -> bool {
    kirjuri_plan::text::is_refused_char(c, multi_line)
}

/// Refuses `value` when it has more than `max` characters, or a control character or a
/// text-direction override (line breaks and tabs are allowed in free text of [`TEXT`] size).
pub fn check_length(field: &str, value: &str, max: usize) -> RegistryResult<()> {
    // Counting stops one past the limit, so a huge value costs no more than a legal one.
    let length = value.chars().take(max + 1).count();
    if length > max {
        return Err(RegistryError::Invalid {
            code: "too_long",
            message: format!("{field}: longer than {max} characters (the limit)"),
        });
    }
    let multi_line = max >= TEXT;
    if value.chars().any(|c| is_refused_char(c, multi_line)) {
        return Err(RegistryError::Invalid {
            code: "bad_characters",
            message: format!("{field}: control characters and text-direction overrides are not allowed"),
        });
    }
    Ok(())
}

/// [`check_length`] for an optional value.
pub fn check_optional(field: &str, value: Option<&str>, max: usize) -> RegistryResult<()> {
    value.map_or(Ok(()), |value| check_length(field, value, max))
}

/// [`check_length`] for every item of a list (the field is named with the item's position);
/// a list of more than [`ITEMS`] items is refused.
pub fn check_each(field: &str, values: &[String], max: usize) -> RegistryResult<()> {
    if values.len() > ITEMS {
        return Err(RegistryError::Invalid {
            code: "too_many",
            message: format!("{field}: more than {ITEMS} items (the limit)"),
        });
    }
    for (position, value) in values.iter().enumerate() {
        check_length(&format!("{field}[{position}]"), value, max)?;
    }
    Ok(())
}

/// Refuses a file name that is empty after trimming, too long, or holds a control character
/// (NUL, line breaks, …): such a name cannot be written into a download's header.
pub fn check_file_name(file_name: &str) -> RegistryResult<()> {
    check_length("file_name", file_name, FILE_NAME).map_err(|error| match error {
        RegistryError::Invalid {
            code: "bad_characters", ..
        } => RegistryError::Invalid {
            code: "bad_file_name",
            message: "file_name: control characters and text-direction overrides are not allowed".to_owned(),
        },
        other => other,
    })?;
    if file_name.chars().any(char::is_control) {
        return Err(RegistryError::Invalid {
            code: "bad_file_name",
            message: "file_name: control characters are not allowed".to_owned(),
        });
    }
    if file_name.trim().is_empty() {
        return Err(RegistryError::Invalid {
            code: "bad_file_name",
            message: "file_name: must not be empty".to_owned(),
        });
    }
    Ok(())
}

/// The free-text fields of a new case.
pub(crate) fn check_open_case(request: &OpenCase) -> RegistryResult<()> {
    check_length("title", &request.title, TITLE)?;
    check_each("parties", &request.parties, NAME)?;
    check_optional("department", request.department.as_deref(), NAME)?;
    check_optional("unit", request.unit.as_deref(), NAME)?;
    check_optional("assignee", request.assignee.as_deref(), NAME)?;
    check_optional("public_title", request.public_title.as_deref(), TITLE)?;
    check_each("access", &request.access, NAME)?;
    check_optional(
        "publicity_reason",
        request.publicity.as_ref().and_then(|p| p.reason.as_deref()),
        TEXT,
    )
}

/// The free-text fields of a new document.
pub(crate) fn check_new_document(request: &NewDocument) -> RegistryResult<()> {
    check_length("title", &request.title, TITLE)?;
    check_each("parties", &request.parties, NAME)?;
    check_each("secrecy_reasons", &request.restriction.secrecy_reasons, NAME)?;
    check_optional("override_reason", request.restriction.override_reason.as_deref(), TEXT)?;
    check_length("language", &request.language, 35)?;
    if let Some(physical) = &request.physical {
        check_length("archive_room", &physical.archive_room, NAME)?;
        check_optional("shelf", physical.shelf.as_deref(), NAME)?;
        check_optional("box", physical.box_label.as_deref(), NAME)?;
    }
    Ok(())
}

/// A cell of an exported CSV as a spreadsheet may open it: text that a spreadsheet would run
/// as a formula (`=`, `+`, `-`, `@` first, or a tab or carriage return) gets a leading `'`, so
/// a title typed by anyone stays text in the archivist's spreadsheet.
pub fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_stays_text() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        assert_eq!(spreadsheet_safe("Ostolasku 2018"), "Ostolasku 2018");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn limits_count_characters_and_name_the_field() {
        assert!(check_length("title", &"ä".repeat(TITLE), TITLE).is_ok());
        let Err(RegistryError::Invalid { code, message }) = check_length("title", &"ä".repeat(TITLE + 1), TITLE)
        else {
            panic!("an over-long title is refused");
        };
        assert_eq!(code, "too_long");
        assert!(message.contains("title") && message.contains("500"), "{message}");
        assert!(check_each("parties", &["a".to_owned(), "b".repeat(NAME + 1)], NAME).is_err());
    }

    #[test]
    fn file_names_with_control_characters_are_refused() {
        assert!(check_file_name("pöytäkirja 2026.pdf").is_ok());
        for bad in ["a\0b.txt", "a\nb.txt", "tab\t.txt", "\u{7f}", "  ", "e\u{202E}gpj.exe"] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn control_characters_and_direction_overrides_are_refused() {
        for bad in ["a\0b", "rivi\r\n=HYPERLINK(1)", "a\u{202E}b", "\u{2066}x"] {
            let Err(RegistryError::Invalid { code, message }) = check_length("title", bad, TITLE) else {
                panic!("{bad:?} is refused in a title");
            };
            assert_eq!(code, "bad_characters");
            assert!(message.starts_with("title:"), "{message}");
        }
        assert!(
            check_length("reason", "ensimmäinen rivi\ntoinen\trivi", TEXT).is_ok(),
            "free text has lines"
        );
        assert!(check_length("reason", "a\0b", TEXT).is_err());
        let many: Vec<String> = (0..=ITEMS).map(|n| format!("Osapuoli {n}")).collect();
        assert!(check_each("parties", &many, NAME).is_err(), "more than {ITEMS} parties");
        assert!(check_each("parties", &many[..ITEMS], NAME).is_ok());
    }
}
