//! Class codes (luokitustunnus): sequences of two-digit groups such as `07 00 03`.
//!
//! Project decision (DOMAIN.md §2.2): a code is stored as its groups; either a space or a dot
//! separates groups on input; JHS 191 renders with spaces, diary numbers with dots.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Helsinki's system limits the text form to 16 characters; deeper than that is certainly a typo.
const MAX_GROUPS: usize = 6;

/// A class code (luokitustunnus) of the task classification, e.g. `07 00 03`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClassCode {
    groups: Vec<u8>,
}

/// Why a text is not a class code; the message names the offending group.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassCodeError {
    #[error("class code is empty")]
    Empty,
    #[error("class code `{code}`: group `{group}` is not two decimal digits")]
    BadGroup { code: String, group: String },
    #[error("class code `{code}` mixes space and dot separators")]
    MixedSeparators { code: String },
    #[error("class code `{code}` has more than {MAX_GROUPS} groups")]
    TooDeep { code: String },
}

impl ClassCode {
    /// Parses `07 00 03`, `07.00.03` or `07`; surrounding white space is ignored.
    pub fn parse(text: &str) -> Result<ClassCode, ClassCodeError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(ClassCodeError::Empty);
        }
        let has_dot = trimmed.contains('.');
        let has_space = trimmed.contains(' ');
        if has_dot && has_space {
            return Err(ClassCodeError::MixedSeparators {
                code: trimmed.to_owned(),
            });
        }
        let separator = if has_dot { '.' } else { ' ' };
        let mut groups = Vec::new();
        for group in trimmed.split(separator) {
            let is_two_digits = group.len() == 2 && group.bytes().all(|b| b.is_ascii_digit());
            if !is_two_digits {
                return Err(ClassCodeError::BadGroup {
                    code: trimmed.to_owned(),
                    group: group.to_owned(),
                });
            }
            // INVARIANT: two ASCII digits always parse as u8.
            let value: u8 = group.parse().unwrap_or(0);
            groups.push(value);
        }
        if groups.len() > MAX_GROUPS {
            return Err(ClassCodeError::TooDeep {
                code: trimmed.to_owned(),
            });
        }
        Ok(ClassCode { groups })
    }

    /// The two-digit groups, top level first.
    pub fn groups(&self) -> &[u8] {
        &self.groups
    }

    /// Depth of the code: 1 for a top-level class such as `07`.
    pub fn depth(&self) -> usize {
        self.groups.len()
    }

    /// The top-level class (`07` for `07 00 03`).
    pub fn top_level(&self) -> ClassCode {
        ClassCode {
            groups: self.groups[..1].to_vec(),
        }
    }

    /// The parent class, or `None` for a top-level class.
    pub fn parent(&self) -> Option<ClassCode> {
        if self.groups.len() <= 1 {
            return None;
        }
        Some(ClassCode {
            groups: self.groups[..self.groups.len() - 1].to_vec(),
        })
    }

    /// True when `self` equals `other` or lies below it (`07 00 03` is within `07`).
    pub fn is_within(&self, other: &ClassCode) -> bool {
        self.groups.starts_with(&other.groups)
    }

    /// The dotted form used in diary numbers: `07.00.03`.
    pub fn dotted(&self) -> String {
        self.join(".")
    }

    /// The spaced form used in JHS 191 and in the plan files: `07 00 03`.
    pub fn spaced(&self) -> String {
        self.join(" ")
    }

    fn join(&self, separator: &str) -> String {
        let parts: Vec<String> = self.groups.iter().map(|g| format!("{g:02}")).collect();
        parts.join(separator)
    }
}

impl fmt::Display for ClassCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spaced())
    }
}

impl fmt::Debug for ClassCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClassCode({})", self.spaced())
    }
}

impl std::str::FromStr for ClassCode {
    type Err = ClassCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClassCode::parse(s)
    }
}

impl Serialize for ClassCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.spaced())
    }
}

impl<'de> Deserialize<'de> for ClassCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ClassCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_separators_give_one_canonical_form() {
        let spaced = ClassCode::parse("07 00 03").unwrap();
        let dotted = ClassCode::parse("07.00.03").unwrap();
        assert_eq!(spaced, dotted);
        assert_eq!(spaced.spaced(), "07 00 03");
        assert_eq!(spaced.dotted(), "07.00.03");
    }

    #[test]
    fn bad_group_is_named() {
        let err = ClassCode::parse("07.0.03").unwrap_err();
        assert_eq!(
            err.to_string(),
            "class code `07.0.03`: group `0` is not two decimal digits"
        );
        assert!(matches!(
            ClassCode::parse("07 00.03"),
            Err(ClassCodeError::MixedSeparators { .. })
        ));
        assert!(matches!(ClassCode::parse("  "), Err(ClassCodeError::Empty)));
        assert!(matches!(ClassCode::parse("0a"), Err(ClassCodeError::BadGroup { .. })));
    }

    #[test]
    fn hierarchy() {
        let code = ClassCode::parse("07 00 03").unwrap();
        assert_eq!(code.parent().unwrap().spaced(), "07 00");
        assert_eq!(code.top_level().spaced(), "07");
        assert!(code.is_within(&ClassCode::parse("07").unwrap()));
        assert!(!code.is_within(&ClassCode::parse("07 01").unwrap()));
        assert_eq!(ClassCode::parse("07").unwrap().parent(), None);
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,20}") {
            let _ = ClassCode::parse(&text);
        }

        #[test]
        fn round_trips(groups in proptest::collection::vec(0u8..100, 1..=MAX_GROUPS)) {
            let code = ClassCode { groups };
            prop_assert_eq!(ClassCode::parse(&code.dotted()).unwrap(), code.clone());
            prop_assert_eq!(ClassCode::parse(&code.spaced()).unwrap(), code);
        }
    }
}
