//! Reading the CSV files people bring from other systems (the register of processing, processor
//! agreements, the training roster, contracts): columns by header name in any order, every
//! problem named by file, line and column, nothing returned unless the header is right.
//!
//! Owns the reading of a sheet and its common cell forms (dates as the city's systems write them,
//! yes/no, `;`-separated lists). Must never: decide what a row means or store anything (the
//! importing crate does both, all or nothing).

use chrono::NaiveDate;

/// The rows of one CSV file with its headers (lower-cased); each row with its line number.
pub struct Sheet {
    file: String,
    headers: Vec<String>,
    pub rows: Vec<(u64, csv::StringRecord)>,
}

impl Sheet {
    /// Reads `text`; `required` columns must be present, `optional` ones may be, any other
    /// column is refused (a misspelt header would otherwise drop its data silently).
    pub fn read(file: &str, text: &str, required: &[&str], optional: &[&str]) -> Result<Sheet, Vec<String>> {
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
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
        let mut lines = LineCounter::new(text);
        for record in reader.records() {
            match record {
                Ok(record) => rows.push((lines.line_at(record.position()), record)),
                Err(error) => errors.push(format!("{file}:{}: {error}", lines.line_at(error.position()))),
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

    pub fn cell<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .trim()
    }

    pub fn fail(&self, line: u64, column: &str, message: impl std::fmt::Display) -> String {
        format!("{}:{line}: column `{column}`: {message}", self.file)
    }
}

/// The line (from 1) of the byte where a record starts, counting `\n`, `\r\n` and a lone `\r`
/// as one line end each, as the reader splits records. The csv crate's own line count is
/// not used: after a blank `\r\n` line followed by `\n` it names line 1 for the next record
/// (found by fuzzing, 2026-12-01), so an error would point at the header; its byte position
/// is that of the skipped blank lines.
///
/// Records come in order, so the count goes on from the previous record's start: one pass
/// over the text in all (counting from the start for each record made a 14,000-row import
/// take minutes).
struct LineCounter<'t> {
    text: &'t [u8],
    /// The byte up to which line ends are counted, and how many lines start before it.
    at: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return 1;
        };
        let mut end = usize::try_from(position.byte()).map_or(self.text.len(), |b| b.min(self.text.len()));
        // The reader skips blank lines but gives the position where they begin: a record never
        // starts with a line end, so step over them.
        while matches!(self.text.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        if end < self.at {
            // Out of order (never seen): count again from the start.
            self.at = 0;
            self.line = 1;
        }
        let ends = (self.at..end)
            .filter(|&i| match self.text[i] {
                b'\n' => true,
                b'\r' => self.text.get(i + 1) != Some(&b'\n') || i + 1 == end,
                _ => false,
            })
            .count();
        self.at = end;
        self.line += ends as u64;
        self.line
    }
}

/// A date as the city's systems write it: `2026-03-15` or `15.3.2026`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| format!("`{text}` is not a date (2026-03-15 or 15.3.2026)"))
}

/// A day, or none when the cell is empty (see [`parse_date`]).
pub fn optional_date(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_date(text).map(Some)
}

/// Yes or no, in English or Finnish; empty is no.
pub fn yes_no(cell: &str) -> Result<bool, String> {
    match cell.trim().to_lowercase().as_str() {
        "" | "no" | "false" | "ei" | "0" => Ok(false),
        "yes" | "true" | "kyllä" | "kylla" | "1" => Ok(true),
        other => Err(format!("`{other}` is not yes/no")),
    }
}

/// A `;`-separated list, its items trimmed, empty items left out.
pub fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (2026-12-01): a header ending in `\r\n` followed by a blank `\r\n`
    /// line and an `\n` put the first row at "line 1" (the csv crate's count), so its errors
    /// named the header line. The row is on line 4 of the file.
    #[test]
    fn rows_after_mixed_blank_lines_keep_their_line() {
        let text = "id,name,when\r\n\r\n\n1,Matti,15.3.2026\n2,Liisa,\r3,Pekka,\n";
        let Ok(sheet) = Sheet::read("a.csv", text, &["id", "name"], &["when"]) else {
            panic!("a readable sheet")
        };
        let lines: Vec<u64> = sheet.rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [4, 5, 6]);
    }

    #[test]
    fn headers_are_checked_and_problems_named() {
        let errors = Sheet::read("a.csv", "id,nimi\n1,x\n", &["id", "name"], &[])
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors,
            [
                "a.csv:1: missing column `name`",
                "a.csv:1: unknown column `nimi`, expected: id, name",
            ]
        );
        let sheet = Sheet::read(
            "b.csv",
            "\u{feff}ID, Name ,when\n1, Matti ,15.3.2026\n",
            &["id", "name"],
            &["when"],
        );
        let Ok(sheet) = sheet else { panic!("a good sheet") };
        let (line, record) = &sheet.rows[0];
        assert_eq!((*line, sheet.cell(record, "name")), (2, "Matti"));
        assert_eq!(
            parse_date(sheet.cell(record, "when")),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default())
        );
        assert_eq!(sheet.fail(*line, "when", "bad"), "b.csv:2: column `when`: bad");
    }

    #[test]
    fn cells() {
        assert_eq!(optional_date(" "), Ok(None));
        assert!(parse_date("31.2.2026").is_err());
        assert_eq!(yes_no("Kyllä"), Ok(true));
        assert!(yes_no("maybe").is_err());
        assert_eq!(list(" a; ;b "), ["a", "b"]);
    }
}
