//! Reading a CSV sheet by header name, every problem named by file, line and column (the
//! style of `kirjuri-incidents`' register import).

use chrono::NaiveDate;

/// The rows of one CSV file with its headers (lower-cased).
pub(crate) struct Sheet {
    file: String,
    headers: Vec<String>,
    pub(crate) rows: Vec<(u64, csv::StringRecord)>,
}

impl Sheet {
    /// Reads `text`; `required` columns must be present, `optional` ones may be, any other
    /// column is refused (a misspelt header would otherwise drop its data silently).
    pub(crate) fn read(file: &str, text: &str, required: &[&str], optional: &[&str]) -> Result<Sheet, Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
            Err(error) => return Err(vec![format!("{file}:1: {error}")]),
        };
        let mut errors: Vec<String> = required
            .iter()
            .filter(|r| !headers.iter().any(|h| h == *r))
            .map(|r| format!("{file}:1: missing column `{r}`"))
            .collect();
        let expected: Vec<&str> = required.iter().chain(optional).copied().collect();
        errors.extend(
            headers
                .iter()
                .filter(|h| !expected.contains(&h.as_str()))
                .map(|h| format!("{file}:1: unknown column `{h}`, expected: {}", expected.join(", "))),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => rows.push((record.position().map_or(0, |p| p.line()), record)),
                Err(error) => errors.push(format!("{file}:{}: {error}", error.position().map_or(0, |p| p.line()))),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Sheet {
            file: file.to_owned(),
            headers,
            rows,
        })
    }

    pub(crate) fn cell<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .trim()
    }

    pub(crate) fn fail(&self, line: u64, column: &str, message: impl std::fmt::Display) -> String {
        format!("{}:{line}: column `{column}`: {message}", self.file)
    }
}

/// A date as the city's systems write it: `2026-03-15` or `15.3.2026`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| format!("`{text}` is not a date (2026-03-15 or 15.3.2026)"))
}
