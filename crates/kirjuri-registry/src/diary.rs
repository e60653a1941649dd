//! Diary numbers (diaarinumero): `PREFIX/N/CLASS.WITH.DOTS/YEAR`, e.g. `LAI/123/00.01.00/2024`
//! (DOMAIN.md §4.1). The running number is per organisation per year, shared by every
//! department's registration point; it is never reused.

use std::fmt;

use kirjuri_plan::ClassCode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DiaryNumber {
    pub prefix: String,
    pub number: u64,
    pub class: ClassCode,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not a diary number (PREFIX/N/CLASS/YEAR, e.g. LAI/123/00.01.00/2024): {why}")]
pub struct DiaryNumberError {
    pub given: String,
    pub why: String,
}

impl DiaryNumber {
    pub fn parse(text: &str) -> Result<DiaryNumber, DiaryNumberError> {
        let fail = |why: String| DiaryNumberError {
            given: text.to_owned(),
            why,
        };
        let parts: Vec<&str> = text.trim().split('/').collect();
        let [prefix, number, class, year] = parts.as_slice() else {
            return Err(fail(format!("it has {} parts separated by `/`, not 4", parts.len())));
        };
        if !is_valid_prefix(prefix) {
            return Err(fail(format!("prefix `{prefix}` must be 1-10 letters A-Z")));
        }
        let number: u64 = number
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| fail(format!("`{number}` is not a running number")))?;
        let class = ClassCode::parse(class).map_err(|e| fail(e.to_string()))?;
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .ok_or_else(|| fail(format!("`{year}` is not a year")))?;
        Ok(DiaryNumber {
            prefix: (*prefix).to_owned(),
            number,
            class,
            year,
        })
    }
}

/// An organisation prefix: 1-10 ASCII capital letters.
pub fn is_valid_prefix(prefix: &str) -> bool {
    (1..=10).contains(&prefix.len()) && prefix.bytes().all(|b| b.is_ascii_uppercase())
}

impl fmt::Display for DiaryNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/{}",
            self.prefix,
            self.number,
            self.class.dotted(),
            self.year
        )
    }
}

impl Serialize for DiaryNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for DiaryNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DiaryNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_formats() {
        let diary = DiaryNumber::parse("LAI/123/00.01.00/2024").unwrap();
        assert_eq!(diary.number, 123);
        assert_eq!(diary.to_string(), "LAI/123/00.01.00/2024");
        assert_eq!(
            DiaryNumber::parse("KA/19119/07.01.01.03.01/2022")
                .unwrap()
                .class
                .depth(),
            5
        );
        let spaced = DiaryNumber::parse("LAI/7/07 00 03/2026").unwrap();
        assert_eq!(spaced.to_string(), "LAI/7/07.00.03/2026", "one canonical form");
    }

    #[test]
    fn errors_name_the_part() {
        assert!(
            DiaryNumber::parse("LAI/0/07.00/2024")
                .unwrap_err()
                .to_string()
                .contains("`0` is not a running number")
        );
        assert!(
            DiaryNumber::parse("lai/1/07.00/2024")
                .unwrap_err()
                .to_string()
                .contains("prefix")
        );
        assert!(
            DiaryNumber::parse("LAI/1/07.00")
                .unwrap_err()
                .to_string()
                .contains("3 parts")
        );
        assert!(
            DiaryNumber::parse("LAI/1/7.00/2024")
                .unwrap_err()
                .to_string()
                .contains("group `7`")
        );
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = DiaryNumber::parse(&text);
        }
    }
}
