//! Reading contracts from CSV, as exported from the city's earlier contract tool: one row per
//! contract, columns by name (any order), dates as `2026-03-15` or `15.3.2026`, lists
//! separated by `;`. Every bad cell is reported by file, line and column; nothing is returned
//! unless the whole file is good.

use chrono::NaiveDate;

use crate::contract::{Contract, ContractState, NoticePeriod, Renewal, ValueBand};

/// The columns; `id`, `title` and `counterparty` must have a value, the others may be empty
/// (and the optional ones left out).
pub const COLUMNS: &[&str] = &[
    "id",
    "title",
    "counterparty",
    "business_id",
    "owner",
    "department",
    "starts_on",
    "ends_on",
    "renewal",
    "notice",
    "notice_given_on",
    "review_due",
    "value_band",
    "personal_data",
    "processor_agreement",
    "document",
    "state",
];

/// Columns a file may leave out.
const OPTIONAL: &[&str] = &[
    "business_id",
    "notice_given_on",
    "review_due",
    "value_band",
    "processor_agreement",
    "document",
];

/// Parses a contracts CSV; every problem is reported, nothing is half-read.
pub fn parse_contracts(file: &str, text: &str) -> Result<Vec<Contract>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(error) => return Err(vec![format!("{file}:1: {error}")]),
    };
    let mut errors: Vec<String> = COLUMNS
        .iter()
        .filter(|c| !OPTIONAL.contains(c) && !headers.iter().any(|h| h == *c))
        .map(|c| format!("{file}:1: missing column `{c}`"))
        .collect();
    errors.extend(
        headers
            .iter()
            .filter(|h| !COLUMNS.contains(&h.as_str()))
            .map(|h| format!("{file}:1: unknown column `{h}`, expected: {}", COLUMNS.join(", "))),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut contracts = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                errors.push(format!("{file}:{}: {error}", error.position().map_or(0, |p| p.line())));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |column: &str| {
            headers
                .iter()
                .position(|h| h == column)
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        let mut fail =
            |column: &str, message: String| errors.push(format!("{file}:{line}: column `{column}`: {message}"));
        match row(&cell) {
            Ok(contract) => contracts.push(contract),
            Err(problems) => {
                for (column, message) in problems {
                    fail(column, message);
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for contract in &contracts {
        if !seen.insert(contract.id.clone()) {
            errors.push(format!("{file}: column `id`: `{}` appears twice", contract.id));
        }
    }
    if errors.is_empty() { Ok(contracts) } else { Err(errors) }
}

/// One row as a contract, or every problem in it by column.
fn row<'c>(cell: &dyn Fn(&str) -> &'c str) -> Result<Contract, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut date = |column: &'static str| match date_cell(cell(column)) {
        Ok(day) => day,
        Err(message) => {
            problems.push((column, message));
            None
        }
    };
    let starts_on = date("starts_on");
    let ends_on = date("ends_on");
    let notice_given_on = date("notice_given_on");
    let review_due = date("review_due");
    let renewal = take(&mut problems, "renewal", Renewal::parse(or(cell("renewal"), "fixed")));
    let notice = match cell("notice").trim() {
        "" => None,
        text => take(&mut problems, "notice", NoticePeriod::parse(text)),
    };
    let value_band = take(&mut problems, "value_band", ValueBand::parse(cell("value_band")));
    let state = take(
        &mut problems,
        "state",
        ContractState::parse(or(cell("state"), "active")),
    );
    let personal_data = take(&mut problems, "personal_data", bool_cell(cell("personal_data")));
    let optional = |column: &str| Some(cell(column).trim().to_owned()).filter(|v| !v.is_empty());
    let contract = Contract {
        id: cell("id").trim().to_owned(),
        title: cell("title").trim().to_owned(),
        counterparty: cell("counterparty").trim().to_owned(),
        business_id: optional("business_id"),
        owner: cell("owner").trim().to_owned(),
        department: cell("department").trim().to_owned(),
        starts_on,
        ends_on,
        renewal: renewal.unwrap_or(Renewal::Fixed),
        notice,
        notice_given_on,
        review_due,
        value_band: value_band.unwrap_or_default(),
        personal_data: personal_data.unwrap_or(false),
        processor_agreement: optional("processor_agreement"),
        document: optional("document"),
        state: state.unwrap_or(ContractState::Active),
    };
    if let Err((column, message)) = contract.check() {
        problems.push((column, message));
    }
    if problems.is_empty() {
        Ok(contract)
    } else {
        Err(problems)
    }
}

/// A cell's value, or its problem noted by column.
fn take<T>(problems: &mut Vec<(&'static str, String)>, column: &'static str, result: Result<T, String>) -> Option<T> {
    result.map_err(|message| problems.push((column, message))).ok()
}

fn or<'a>(text: &'a str, default: &'a str) -> &'a str {
    if text.trim().is_empty() { default } else { text }
}

fn bool_cell(cell: &str) -> Result<bool, String> {
    match cell.trim().to_lowercase().as_str() {
        "" | "no" | "false" | "ei" | "0" => Ok(false),
        "yes" | "true" | "kyllä" | "kylla" | "1" => Ok(true),
        other => Err(format!("`{other}` is not yes/no")),
    }
}

/// A day as `2026-03-15` or `15.3.2026`; empty is none.
pub fn date_cell(cell: &str) -> Result<Option<NaiveDate>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(cell, "%d.%m.%Y"))
        .map(Some)
        .map_err(|_| format!("`{cell}` is not a date (2026-03-15 or 15.3.2026)"))
}
