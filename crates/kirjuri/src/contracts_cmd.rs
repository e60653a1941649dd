//! `kirjuri contract …`: the contract register (sopimusrekisteri) from the command line —
//! import from CSV, add or change one, record a notice, and the lists that need attention.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kirjuri_contracts::{
    Contract, ContractState, NoticePeriod, Renewal, Save, ValueBand, expired_still_active, import_contracts,
    load_contract, load_contracts, notice_within, parse_contracts, processors_lacking_contract, record_notice,
    save_contract, without_owner,
};

use crate::data::{cli_actor, open_store, today};
use crate::exit::{CmdResult, Failure, bad_input, failed};
use crate::registry_cmd::registry_failure;

#[derive(Subcommand, Debug)]
pub enum ContractCommand {
    /// Import contracts from CSV (all or nothing; errors name the file, line and column).
    Import { file: PathBuf },
    /// Add a contract.
    Add(ContractArgs),
    /// Change a contract: every field is given again, as for `add`.
    Set(ContractArgs),
    /// Record the day notice was given (by either party).
    Notice {
        id: String,
        #[arg(long)]
        given_on: String,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Contracts; with a filter only those that need attention.
    List {
        /// Notice days (the last day to give notice) within DAYS from today.
        #[arg(long, value_name = "DAYS")]
        notice_within: Option<u32>,
        /// Active or draft contracts that name no owner or no department.
        #[arg(long)]
        without_owner: bool,
        /// Contracts marked active although they have ended.
        #[arg(long)]
        expired: bool,
        /// Processors (of the processor agreements and the register of processing) with no
        /// active contract.
        #[arg(long)]
        processors_without_contract: bool,
        /// Count as if today were this day (YYYY-MM-DD).
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// The fields of one contract, as flags.
#[derive(Args, Debug)]
pub struct ContractArgs {
    #[arg(long)]
    id: String,
    #[arg(long)]
    title: String,
    #[arg(long)]
    counterparty: String,
    /// The counterparty's business id (Y-tunnus), e.g. 0201256-6.
    #[arg(long)]
    business_id: Option<String>,
    /// The named person responsible (sopimusvastaava).
    #[arg(long, default_value = "")]
    owner: String,
    #[arg(long, default_value = "")]
    department: String,
    #[arg(long)]
    starts_on: Option<String>,
    /// The end of the first term.
    #[arg(long)]
    ends_on: Option<String>,
    /// `fixed`, `automatic:<months>` or `until-notice`.
    #[arg(long, default_value = "fixed")]
    renewal: String,
    /// The notice period: `3m` (months) or `90d` (days).
    #[arg(long)]
    notice: Option<String>,
    #[arg(long)]
    notice_given_on: Option<String>,
    #[arg(long)]
    review_due: Option<String>,
    /// under-10k, 10k-60k, 60k-250k, over-250k or unknown.
    #[arg(long, default_value = "unknown")]
    value_band: String,
    /// The other party processes personal data for the city (GDPR Art 28).
    #[arg(long)]
    personal_data: bool,
    /// The id of its processor agreement.
    #[arg(long)]
    processor_agreement: Option<String>,
    /// The id of the contract document in the registry.
    #[arg(long)]
    document: Option<String>,
    /// draft, active, ended or terminated.
    #[arg(long, default_value = "active")]
    state: String,
}

impl ContractArgs {
    fn contract(self) -> Result<Contract, Failure> {
        let day = |flag: &str, text: Option<String>| text.map(|t| parse_date(flag, &t)).transpose();
        Ok(Contract {
            id: self.id,
            title: self.title,
            counterparty: self.counterparty,
            business_id: self.business_id,
            owner: self.owner,
            department: self.department,
            starts_on: day("--starts-on", self.starts_on)?,
            ends_on: day("--ends-on", self.ends_on)?,
            renewal: Renewal::parse(&self.renewal).map_err(|e| bad_input(format!("--renewal: {e}")))?,
            notice: self
                .notice
                .map(|n| NoticePeriod::parse(&n))
                .transpose()
                .map_err(|e| bad_input(format!("--notice: {e}")))?,
            notice_given_on: day("--notice-given-on", self.notice_given_on)?,
            review_due: day("--review-due", self.review_due)?,
            value_band: ValueBand::parse(&self.value_band).map_err(|e| bad_input(format!("--value-band: {e}")))?,
            personal_data: self.personal_data,
            processor_agreement: self.processor_agreement,
            document: self.document,
            state: ContractState::parse(&self.state).map_err(|e| bad_input(format!("--state: {e}")))?,
        })
    }
}

fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    kirjuri_sheet::parse_date(text).map_err(|e| bad_input(format!("{flag}: {e}")))
}

fn print_json(value: &impl serde::Serialize) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(failed)?);
    Ok(())
}

pub fn contract(data: &Path, command: ContractCommand) -> CmdResult {
    let store = open_store(data)?;
    let actor = cli_actor(None).name;
    match command {
        ContractCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| bad_input(format!("{}: {e}", file.display())))?;
            let name = file.display().to_string();
            let contracts = match parse_contracts(&name, &text) {
                Ok(contracts) => contracts,
                Err(errors) => {
                    for error in &errors {
                        eprintln!("error: {error}");
                    }
                    return Err(Failure::Reported(2));
                }
            };
            let count = import_contracts(&store, &contracts, &actor, &name).map_err(registry_failure)?;
            println!("imported {count} contracts");
            Ok(())
        }
        ContractCommand::Add(args) => {
            let saved = save_contract(&store, &args.contract()?, Save::Create, &actor).map_err(registry_failure)?;
            println!("{}", saved.id);
            Ok(())
        }
        ContractCommand::Set(args) => {
            let saved = save_contract(&store, &args.contract()?, Save::Update, &actor).map_err(registry_failure)?;
            println!("{}", saved.id);
            Ok(())
        }
        ContractCommand::Notice { id, given_on } => {
            let day = parse_date("--given-on", &given_on)?;
            let saved = record_notice(&store, &id, day, &actor).map_err(registry_failure)?;
            match saved.ends() {
                Some(end) => println!("{id}: notice given {given_on}; the contract ends {end}"),
                None => println!("{id}: notice given {given_on}"),
            }
            Ok(())
        }
        ContractCommand::Show { id, json } => {
            let contract = found(load_contract(&store, &id).map_err(failed)?, &id)?;
            if json {
                return print_json(&contract);
            }
            show(&contract, today());
            Ok(())
        }
        ContractCommand::List {
            notice_within: within,
            without_owner: no_owner,
            expired,
            processors_without_contract: processors,
            on,
            json,
        } => {
            let day = on.map(|d| parse_date("--on", &d)).transpose()?.unwrap_or_else(today);
            let contracts = load_contracts(&store).map_err(failed)?;
            if processors {
                let missing = processors_lacking_contract(&store).map_err(failed)?;
                if json {
                    return print_json(&missing);
                }
                for name in &missing {
                    println!("{name}: no active contract");
                }
                eprintln!("{} processors without a contract", missing.len());
                return Ok(());
            }
            let list: Vec<(&Contract, String)> = if let Some(days) = within {
                notice_within(&contracts, day, days)
                    .into_iter()
                    .map(|(c, notice)| (c, notice_text(notice.last_day, notice.moved_to, notice.term_end)))
                    .collect()
            } else if no_owner {
                without_owner(&contracts)
                    .into_iter()
                    .map(|c| (c, "no owner".to_owned()))
                    .collect()
            } else if expired {
                expired_still_active(&contracts, day)
                    .into_iter()
                    .map(|(c, end)| (c, format!("ended {end}, still marked active")))
                    .collect()
            } else {
                contracts.iter().map(|c| (c, state_text(c, day))).collect()
            };
            if json {
                return print_json(&list.iter().map(|(c, _)| c).collect::<Vec<_>>());
            }
            for (contract, note) in &list {
                println!(
                    "{:<18} {:<36} {:<24} {:<20} {}",
                    contract.id,
                    contract.title,
                    contract.counterparty,
                    if contract.owner.is_empty() {
                        "—"
                    } else {
                        &contract.owner
                    },
                    note
                );
            }
            eprintln!("{} contracts", list.len());
            Ok(())
        }
    }
}

fn found(contract: Option<Contract>, id: &str) -> Result<Contract, Failure> {
    contract.ok_or_else(|| bad_input(format!("contract {id} not found")))
}

/// "notice by 2027-02-06 (moved 2027-02-08) for the term ending 2027-03-06".
fn notice_text(last_day: NaiveDate, moved_to: NaiveDate, term_end: NaiveDate) -> String {
    let moved = if moved_to == last_day {
        String::new()
    } else {
        format!(" (moved {moved_to})")
    };
    format!("notice by {last_day}{moved} for the term ending {term_end}")
}

fn state_text(contract: &Contract, day: NaiveDate) -> String {
    match (contract.notice_day(day), contract.ends()) {
        (Some(notice), _) => notice_text(notice.last_day, notice.moved_to, notice.term_end),
        (None, Some(end)) => format!("{} until {end}", contract.state.key()),
        (None, None) => contract.state.key().to_owned(),
    }
}

fn show(contract: &Contract, day: NaiveDate) {
    let or_dash = |value: Option<String>| value.unwrap_or_else(|| "—".to_owned());
    println!("{}  {}", contract.id, contract.title);
    println!(
        "  counterparty   {}{}",
        contract.counterparty,
        contract
            .business_id
            .as_ref()
            .map_or(String::new(), |id| format!(" ({id})"))
    );
    println!(
        "  owner          {} / {}",
        or_dash(Some(contract.owner.clone()).filter(|o| !o.is_empty())),
        or_dash(Some(contract.department.clone()).filter(|d| !d.is_empty()))
    );
    println!(
        "  term           {} – {}; renewal {}; notice {}",
        or_dash(contract.starts_on.map(|d| d.to_string())),
        or_dash(contract.ends_on.map(|d| d.to_string())),
        contract.renewal.key(),
        or_dash(contract.notice.map(|n| n.key()))
    );
    println!("  state          {}", state_text(contract, day));
    if let Some(given) = contract.notice_given_on {
        println!("  notice given   {given}");
    }
    println!(
        "  review due     {}",
        or_dash(contract.review_due.map(|d| d.to_string()))
    );
    println!("  value band     {}", contract.value_band.key());
    println!(
        "  personal data  {}{}",
        if contract.personal_data { "yes" } else { "no" },
        contract
            .processor_agreement
            .as_ref()
            .map_or(String::new(), |a| format!("; processor agreement {a}"))
    );
    println!("  document       {}", or_dash(contract.document.clone()));
}
