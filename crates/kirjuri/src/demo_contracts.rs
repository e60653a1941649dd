//! The demo's contract register: `fixtures/demo/contracts.csv` imported as a city would import
//! its earlier tool's export, and two contracts made relative to today so the lists stay true
//! whenever the demo starts: one whose last notice day is within 30 days, and one whose
//! contract document is registered under its plan class (02 07 01 Hankintamenettely, record
//! type `hankintasopimus`). With the CSV's rows a newcomer sees a contract without an owner
//! (`tyoasemat`), one ended but still marked active (`lumityot`), a processor linked to its
//! processor agreement (`vaka-jarjestelma` → `kas-1`), and a processor of the register of
//! processing with no contract (Webropol Oy of `palaute`).

use chrono::{Datelike, Days, Months, NaiveDate};
use kirjuri_contracts::{Contract, ContractState, NoticePeriod, Renewal, Save, ValueBand};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Actor, Direction, NewDocument, OpenCase, Registry};

use crate::exit::{Failure, failed};

const DEMO_CONTRACTS_CSV: &str = include_str!("../../../fixtures/demo/contracts.csv");

/// Loads the contracts; returns how many.
pub fn load(
    app: &kirjuri_app::App,
    registry: &Registry<'_>,
    actor: &Actor,
    today: NaiveDate,
) -> Result<usize, Failure> {
    let store = app.store();
    let imported = kirjuri_contracts::parse_contracts("fixtures/demo/contracts.csv", DEMO_CONTRACTS_CSV)
        .map_err(|errors| failed(errors.join("; ")))?;
    kirjuri_contracts::import_contracts(store, &imported, &actor.name, "fixtures/demo/contracts.csv")
        .map_err(|e| failed(e.to_string()))?;
    let document = contract_document(app, registry, actor)?;
    for contract in [cleaning(today, document), soon(today)] {
        kirjuri_contracts::save_contract(store, &contract, Save::Create, &actor.name)
            .map_err(|e| failed(format!("demo contract {}: {e}", contract.id)))?;
    }
    Ok(imported.len() + 2)
}

/// The cleaning contract's document, registered in a procurement case (02 07 01).
fn contract_document(app: &kirjuri_app::App, registry: &Registry<'_>, actor: &Actor) -> Result<String, Failure> {
    let class = ClassCode::parse("02 07 01").map_err(|e| failed(e.to_string()))?;
    let opened = registry
        .open_case(
            &OpenCase {
                department: Some("tekninen toimi".to_owned()),
                ..OpenCase::new(class, "Toimitilojen siivouspalvelujen hankinta".to_owned())
            },
            actor,
        )
        .map_err(|e| failed(format!("demo contract case: {e}")))?;
    let text = b"Siivouspalvelusopimus: Laitilan kaupunki ja Puhdas Oy, 1.1.2025 alkaen.".to_vec();
    let upload = kirjuri_app::Upload {
        reader: &mut std::io::Cursor::new(text),
        file_name: "siivouspalvelusopimus.txt",
        media_type: "text/plain",
    };
    let new_document = NewDocument {
        parties: vec!["Puhdas Oy".to_owned()],
        ..NewDocument::new(
            Some("hankintasopimus".to_owned()),
            Direction::Outgoing,
            "Siivouspalvelusopimus".to_owned(),
        )
    };
    app.register_document(&opened.id, &new_document, Some(upload), actor)
        .map(|document| document.id)
        .map_err(|e| failed(format!("demo contract document: {e}")))
}

/// Cleaning: renews yearly with three months' notice, its document in the registry; the
/// first term ends at the end of next year, so its notice day is months away.
fn cleaning(today: NaiveDate, document: String) -> Contract {
    let end_of_next_year = NaiveDate::from_ymd_opt(today.year() + 1, 12, 31);
    Contract {
        id: "siivous".to_owned(),
        title: "Toimitilojen siivouspalvelut".to_owned(),
        counterparty: "Puhdas Oy".to_owned(),
        business_id: None,
        owner: "Teemu Tekninen".to_owned(),
        department: "tekninen toimi".to_owned(),
        starts_on: NaiveDate::from_ymd_opt(2025, 1, 1),
        ends_on: end_of_next_year,
        renewal: Renewal::Automatic { months: 12 },
        notice: Some(NoticePeriod::Months(3)),
        notice_given_on: None,
        review_due: None,
        value_band: ValueBand::From60kTo250k,
        personal_data: false,
        processor_agreement: None,
        document: Some(document),
        state: ContractState::Active,
    }
}

/// Copier leasing: one month's notice, its first term ending so that the last day to give
/// notice is 20 days from today (within the "notice within 30 days" list).
fn soon(today: NaiveDate) -> Contract {
    let last_day = today.checked_add_days(Days::new(20)).unwrap_or(today);
    let ends_on = last_day.checked_add_months(Months::new(1));
    Contract {
        id: "monitoimilaitteet".to_owned(),
        title: "Monitoimilaitteiden leasing".to_owned(),
        counterparty: "Kopio Oy".to_owned(),
        business_id: None,
        owner: "Harri Hallinto".to_owned(),
        department: "hallintotoimi".to_owned(),
        starts_on: NaiveDate::from_ymd_opt(2023, 1, 1),
        ends_on,
        renewal: Renewal::Automatic { months: 12 },
        notice: Some(NoticePeriod::Months(1)),
        notice_given_on: None,
        review_due: None,
        value_band: ValueBand::From10kTo60k,
        personal_data: false,
        processor_agreement: None,
        document: None,
        state: ContractState::Active,
    }
}
