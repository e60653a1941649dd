//! `kirjuri request disclose|fee|transfer …`: the disclosure record of a document request
//! (Publicity Act 621/1999): documents disclosed or refused, fees (§34), transfer (§15). The
//! rules are `kirjuri_requests::disclosure`'s; the operator reads city-wide, named by
//! `KIRJURI_ACTOR`, so a case's access list still applies to the documents named.

use chrono::NaiveDate;
use clap::Args;
use kirjuri_registry::{Reader, Registry};
use kirjuri_requests::{Delivery, DisclosureOutcome, InfoRequest, NewDisclosure, NewFee, Requests};

use crate::data::cli_actor;
use crate::exit::{CmdResult, bad_input};
use crate::registry_cmd::registry_failure;

/// One document disclosed, disclosed in part or refused.
#[derive(Args, Debug)]
pub struct DiscloseArgs {
    /// The request (a document request).
    pub id: String,
    /// The registry document's id.
    #[arg(long)]
    pub document: String,
    /// disclosed, partial or refused.
    #[arg(long, default_value = "disclosed")]
    pub outcome: String,
    /// For partial: which parts were withheld ("sivut 3–4, henkilötunnukset").
    #[arg(long)]
    pub withheld: Option<String>,
    /// A secrecy ground by key or citation (repeatable).
    #[arg(long)]
    pub ground: Vec<String>,
    /// A ground outside the secrecy-grounds list, as free text.
    #[arg(long)]
    pub other_ground: Option<String>,
}

/// A fee charged under §34.
#[derive(Args, Debug)]
pub struct FeeArgs {
    pub id: String,
    /// Euro cents (1200 = 12,00 €).
    #[arg(long, allow_hyphen_values = true)]
    pub cents: i64,
    /// What the fee is for.
    #[arg(long)]
    pub basis: String,
    /// copy; oral, on-site and email are free (§34) and refused.
    #[arg(long, default_value = "copy")]
    pub delivery: String,
    /// The day charged, YYYY-MM-DD (default today).
    #[arg(long)]
    pub on: Option<String>,
}

/// The transfer to another authority (§15).
#[derive(Args, Debug)]
pub struct TransferArgs {
    pub id: String,
    /// The day of the transfer, YYYY-MM-DD.
    #[arg(long)]
    pub on: String,
    /// The receiving authority.
    #[arg(long)]
    pub to: String,
}

fn day(flag: &str, text: &str) -> Result<NaiveDate, crate::exit::Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad_input(format!("{flag} `{text}` is not a date (YYYY-MM-DD)")))
}

fn operator() -> Reader {
    Reader::city_wide(cli_actor(None).name)
}

pub fn disclose(registry: &Registry<'_>, args: DiscloseArgs) -> CmdResult {
    let new = NewDisclosure {
        document_id: args.document,
        outcome: DisclosureOutcome::parse(&args.outcome).map_err(bad_input)?,
        withheld: args.withheld,
        grounds: args.ground,
        other_ground: args.other_ground,
    };
    let stored = Requests { registry }
        .record_disclosure(&args.id, &new, &operator(), &cli_actor(None))
        .map_err(registry_failure)?;
    println!("{} disclosure recorded", stored.id);
    print_disclosure(&stored);
    Ok(())
}

pub fn fee(registry: &Registry<'_>, args: FeeArgs) -> CmdResult {
    let new = NewFee {
        amount_cents: args.cents,
        basis: args.basis,
        delivery: Delivery::parse(&args.delivery).map_err(bad_input)?,
        on: args.on.as_deref().map(|on| day("--on", on)).transpose()?,
    };
    let stored = Requests { registry }
        .record_fee(&args.id, &new, &operator(), &cli_actor(None))
        .map_err(registry_failure)?;
    println!("{} fee recorded", stored.id);
    print_disclosure(&stored);
    Ok(())
}

pub fn transfer(registry: &Registry<'_>, args: TransferArgs) -> CmdResult {
    let on = day("--on", &args.on)?;
    let stored = Requests { registry }
        .record_transfer(&args.id, on, &args.to, &operator(), &cli_actor(None))
        .map_err(registry_failure)?;
    println!("{} transferred; state {}, decided {on}", stored.id, stored.state.key());
    print_disclosure(&stored);
    Ok(())
}

/// The record as `request show` prints it (document ids, grounds by citation and key).
pub fn print_disclosure(request: &InfoRequest) {
    for document in &request.disclosure.documents {
        let grounds: Vec<String> = document
            .grounds
            .iter()
            .map(|key| match kirjuri_plan::secrecy_grounds::by_key(key) {
                Some(ground) => format!("{} ({key})", ground.citation),
                None => key.clone(),
            })
            .chain(document.other_ground.iter().map(|g| format!("other: {g}")))
            .collect();
        println!(
            "  document      {} {} on {}{}{}",
            document.document_id,
            document.outcome.key(),
            document.on,
            document
                .withheld
                .as_deref()
                .map(|w| format!("; withheld: {w}"))
                .unwrap_or_default(),
            if grounds.is_empty() {
                String::new()
            } else {
                format!("; grounds: {}", grounds.join(", "))
            }
        );
    }
    for fee in &request.disclosure.fees {
        println!(
            "  fee           {}.{:02} EUR on {} ({}): {}",
            fee.amount_cents / 100,
            fee.amount_cents % 100,
            fee.on,
            fee.delivery.key(),
            fee.basis
        );
    }
    if let Some(transfer) = &request.disclosure.transfer {
        println!("  transferred   {} to {}", transfer.on, transfer.authority);
    }
}
