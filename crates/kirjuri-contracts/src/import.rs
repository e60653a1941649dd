//! Reading contracts from CSV, as exported from the city's earlier contract tool: one row per
//! contract, columns by name (any order), dates as `2026-03-15` or `15.3.2026`, lists
//! separated by `;`. Every bad cell is reported by file, line and column; nothing is returned
//! unless the whole file is good.

use kirjuri_sheet::Sheet;

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
    let required: Vec<&str> = COLUMNS.iter().copied().filter(|c| !OPTIONAL.contains(c)).collect();
    let sheet = Sheet::read(file, text, &required, OPTIONAL)?;
    let mut errors = Vec::new();
    let mut contracts = Vec::new();
    for (line, record) in &sheet.rows {
        match row(&|column| sheet.cell(record, column)) {
            Ok(contract) => contracts.push((*line, contract)),
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|(column, message)| sheet.fail(*line, column, message)),
            ),
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (line, contract) in &contracts {
        if !seen.insert(contract.id.clone()) {
            errors.push(sheet.fail(*line, "id", format!("`{}` appears twice", contract.id)));
        }
    }
    if errors.is_empty() {
        Ok(contracts.into_iter().map(|(_, contract)| contract).collect())
    } else {
        Err(errors)
    }
}

/// One row as a contract, or every problem in it by column.
fn row<'c>(cell: &dyn Fn(&str) -> &'c str) -> Result<Contract, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut date = |column: &'static str| match kirjuri_sheet::optional_date(cell(column)) {
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
    let personal_data = take(
        &mut problems,
        "personal_data",
        kirjuri_sheet::yes_no(cell("personal_data")),
    );
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
