//! `kirjuri retention due`, `kirjuri disposal …`, `kirjuri archive list`: the archivist's desk.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use kirjuri_archive::{archive_list, disposal};
use kirjuri_plan::ClassCode;

use crate::data::{cli_actor, load_config, open_store, plan_catalog, today, write_file_durably};
use crate::exit::{CmdResult, Failure, bad_input, failed};
use crate::registry_cmd::registry_failure;

fn print_json(value: &impl serde::Serialize) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(failed)?);
    Ok(())
}

fn class_arg(class: Option<String>) -> Result<Option<ClassCode>, Failure> {
    class
        .map(|c| ClassCode::parse(&c))
        .transpose()
        .map_err(|e| bad_input(format!("--class: {e}")))
}

fn day_arg(on: Option<String>) -> Result<NaiveDate, Failure> {
    match on {
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| bad_input(format!("--on `{text}` is not a date (YYYY-MM-DD)"))),
        None => Ok(today()),
    }
}

#[derive(Subcommand, Debug)]
pub enum RetentionCommand {
    /// Records whose retention has ended on a day (default today): a range scan by end date.
    Due {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn retention(data: &Path, command: RetentionCommand) -> CmdResult {
    let app = crate::data::open_app(data)?;
    app.plans().map_err(crate::data::app_failure)?;
    match command {
        RetentionCommand::Due { on, class, json } => {
            let day = day_arg(on)?;
            let class = class_arg(class)?;
            let started = std::time::Instant::now();
            let items = app
                .retention_due(
                    day,
                    class.as_ref(),
                    &kirjuri_registry::Reader::city_wide(cli_actor(None).name),
                    &cli_actor(None),
                )
                .map_err(crate::data::app_failure)?;
            let elapsed = started.elapsed();
            if json {
                return print_json(&items);
            }
            for item in &items {
                let mark = if !item.holds.is_empty() {
                    format!("  HOLD {}", item.holds.join("; "))
                } else if let Some(proposal) = &item.in_proposal {
                    format!("  in {proposal}")
                } else {
                    String::new()
                };
                let paper = item
                    .paper
                    .as_ref()
                    .map(|p| format!("  [paper: {}]", p.archive_room))
                    .unwrap_or_default();
                println!(
                    "{:<10} {} {:<26} {:<24} {}{paper}{mark}",
                    item.document, item.retention_end, item.diary_number, item.record_type, item.title
                );
            }
            let eligible = items.iter().filter(|i| i.is_eligible()).count();
            eprintln!(
                "{} records due on {day} ({eligible} eligible, {} held); listed in {:.1} ms",
                items.len(),
                items.iter().filter(|i| !i.holds.is_empty()).count(),
                elapsed.as_secs_f64() * 1000.0
            );
            Ok(())
        }
    }
}

fn print_proposal(proposal: &disposal::Proposal) {
    println!(
        "{}  {:?}  due on {}{}",
        proposal.id,
        proposal.state,
        proposal.due_on,
        proposal
            .class
            .as_ref()
            .map(|c| format!(", class {c}"))
            .unwrap_or_default()
    );
    println!(
        "  proposed  {} {}",
        proposal.proposed_by,
        proposal.proposed_at.format("%Y-%m-%d %H:%M")
    );
    if let Some(by) = &proposal.approved_by {
        println!("  approved  {by}");
    }
    for item in &proposal.items {
        let paper = item
            .paper
            .as_ref()
            .map(|p| {
                format!(
                    " [paper: {}{}]",
                    p.archive_room,
                    p.box_label.as_deref().map(|b| format!(", box {b}")).unwrap_or_default()
                )
            })
            .unwrap_or_default();
        println!(
            "  {:<10} {:<28} {:<26} {}{paper}{}",
            item.document,
            format!("{:?}", item.state),
            item.diary_number,
            item.title,
            item.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default()
        );
    }
}

#[derive(Subcommand, Debug)]
pub enum DisposalCommand {
    /// Build a disposal proposal (hävitysesitys) from the eligible due records.
    Propose {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Take a record out of a proposal before execution.
    Remove {
        id: String,
        #[arg(long)]
        doc: String,
        #[arg(long)]
        reason: String,
    },
    /// Approve (an archivist other than the proposer).
    Approve { id: String },
    /// Cancel or reject a proposal; its records return to normal life.
    Cancel {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Execute an approved proposal (or resume a failed run).
    Execute {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Confirm that a paper record was destroyed by hand.
    ConfirmPaper {
        id: String,
        #[arg(long)]
        doc: String,
        #[arg(long)]
        method: String,
    },
    /// The electronic destruction list of a proposal (or all) as CSV or JSON.
    Export {
        id: Option<String>,
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn disposal_cmd(data: &Path, command: DisposalCommand) -> CmdResult {
    let app = crate::data::open_app(data)?;
    app.plans().map_err(crate::data::app_failure)?;
    let store = app.store().clone();
    let actor = cli_actor(None);
    let result = match command {
        DisposalCommand::Propose { on, class, json } => {
            let proposal = disposal::propose(&store, day_arg(on)?, class_arg(class)?.as_ref(), &actor)
                .map_err(registry_failure)?;
            if json {
                return print_json(&proposal);
            }
            print_proposal(&proposal);
            return Ok(());
        }
        DisposalCommand::Show { id, json } => {
            let reader = kirjuri_registry::Reader::city_wide(actor.name.clone());
            let proposal = app
                .disposal_proposal(&id, &reader, &actor)
                .map_err(crate::data::app_failure)?;
            if json {
                return print_json(&proposal);
            }
            print_proposal(&proposal);
            return Ok(());
        }
        DisposalCommand::List { json } => {
            let reader = kirjuri_registry::Reader::city_wide(actor.name.clone());
            let proposals = app
                .disposal_proposals(&reader, &actor)
                .map_err(crate::data::app_failure)?;
            if json {
                return print_json(&proposals);
            }
            for proposal in proposals {
                println!(
                    "{:<8} {:<16} due on {}  {} items  proposed by {}",
                    proposal.id,
                    format!("{:?}", proposal.state),
                    proposal.due_on,
                    proposal.items.len(),
                    proposal.proposed_by
                );
            }
            return Ok(());
        }
        DisposalCommand::Remove { id, doc, reason } => {
            disposal::remove_item(&store, &id, &doc, &reason, &actor).map(|p| (p, false))
        }
        DisposalCommand::Approve { id } => disposal::approve(&store, &id, &actor).map(|p| (p, false)),
        DisposalCommand::Cancel { id, reason } => disposal::cancel(&store, &id, &reason, &actor).map(|p| (p, false)),
        DisposalCommand::Execute { id, json } => {
            // Executes, then purges destroyed text from OCR records and the index files.
            let report = app.execute_disposal(&id, &actor).map_err(crate::data::app_failure)?;
            if json {
                return print_json(&report);
            }
            print_proposal(&report.proposal);
            println!(
                "destroyed {}, paper awaiting confirmation {}, kept for a hold {}, not yet due {}, failed {}",
                report.destroyed,
                report.awaiting_paper,
                report.kept_for_hold.len(),
                report.not_yet_due.len(),
                report.failed.len()
            );
            for (document, end) in &report.not_yet_due {
                println!("  not yet due {document} (ends {end}): kept; execute again on or after that day");
            }
            for (document, error) in &report.failed {
                println!("  failed {document}: {error}");
            }
            return if report.failed.is_empty() {
                Ok(())
            } else {
                Err(Failure::Reported(1))
            };
        }
        DisposalCommand::ConfirmPaper { id, doc, method } => {
            // The same use-case as the API and the page: confirms, then purges any scanned content.
            let proposal = app
                .confirm_paper_destruction(&id, &doc, &method, &actor)
                .map_err(crate::data::app_failure)?;
            Ok((proposal, false))
        }
        DisposalCommand::Export { id, format, out } => {
            let records = disposal::destruction_records(&store, id.as_deref()).map_err(registry_failure)?;
            let text = match format.as_str() {
                "csv" => disposal::destruction_csv(&records).map_err(failed)?,
                "json" => serde_json::to_string_pretty(&records).map_err(failed)?,
                other => return Err(bad_input(format!("--format `{other}`, expected csv or json"))),
            };
            return match out {
                Some(path) => write_file_durably(&path, text.as_bytes()),
                None => {
                    print!("{text}");
                    Ok(())
                }
            };
        }
    };
    let (proposal, json) = result.map_err(registry_failure)?;
    if json {
        return print_json(&proposal);
    }
    print_proposal(&proposal);
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Create the organisation's signing key pair in the data folder (secret key owner-only).
    Init,
    /// Print the public key (minisign format) for archives to verify packages with.
    ExportPublic,
}

pub fn keys(data: &Path, command: KeysCommand) -> CmdResult {
    match command {
        KeysCommand::Init => {
            let id = kirjuri_archive::keys::init(data).map_err(bad_input)?;
            println!(
                "created signing key {id} in {}",
                kirjuri_archive::keys::folder(data).display()
            );
            eprintln!(
                "publish the public key (kirjuri keys export-public) to the archive that will verify your packages"
            );
            Ok(())
        }
        KeysCommand::ExportPublic => {
            print!("{}", kirjuri_archive::keys::public_text(data).map_err(bad_input)?);
            Ok(())
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ArchiveCommand {
    /// Export a signed archive package: E-ARK SIP 2.1 in a BagIt 1.0 bag, zipped.
    Export {
        #[arg(long)]
        out: PathBuf,
        /// A case (diary number or id) with all its records; repeat for several.
        #[arg(long = "case")]
        cases: Vec<String>,
        #[arg(long)]
        class: Option<String>,
        /// Only permanently kept records.
        #[arg(long)]
        permanent: bool,
        #[arg(long)]
        json: bool,
    },
    /// Verify a package: every digest, the signature, the structure; names each problem.
    Verify {
        file: PathBuf,
        /// The trusted public key (received out of band); default: the package's own.
        #[arg(long)]
        key: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Record the result in the data folder (audited) when the package was made there: the
        /// annual report counts the transfers whose verification passed.
        #[arg(long)]
        record: bool,
    },
    /// The archive list of permanently kept records by class, series and year.
    List {
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn archive(data: &Path, command: ArchiveCommand) -> CmdResult {
    if let ArchiveCommand::Verify {
        file,
        key,
        json,
        record,
    } = &command
    {
        let recorded = if *record { Some(data) } else { None };
        return verify(file, key.as_deref(), *json, recorded);
    }
    let config = load_config(data)?;
    let store = open_store(data)?;
    let plans = plan_catalog(&store)?;
    match command {
        ArchiveCommand::Verify { .. } => Ok(()),
        ArchiveCommand::Export {
            out,
            cases,
            class,
            permanent,
            json,
        } => {
            let key = kirjuri_archive::keys::load(data).map_err(bad_input)?;
            let request = kirjuri_archive::package::ExportRequest {
                cases,
                class: class_arg(class)?,
                permanent_only: permanent,
            };
            let registry_config = config.registry();
            let registry = kirjuri_registry::Registry {
                store: &store,
                plans: &plans,
                config: &registry_config,
            };
            let actor = cli_actor(None);
            let started = std::time::Instant::now();
            let summary = kirjuri_archive::package::export(
                &registry,
                &request,
                &config.organisation,
                &key,
                &out,
                chrono::Utc::now(),
                &actor.name,
            )
            .map_err(registry_failure)?;
            if json {
                return print_json(&summary);
            }
            println!("{}", out.display());
            eprintln!(
                "package {}: {} cases, {} records, {} files, {} payload bytes, signed with key {} in {:.2} s",
                summary.objid,
                summary.cases,
                summary.documents,
                summary.content_files,
                summary.payload_bytes,
                summary.key_id,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        ArchiveCommand::List { format, out } => {
            let titles = plans
                .current()
                .map(|p| {
                    p.classes
                        .iter()
                        .map(|(code, class)| (code.clone(), class.title.clone()))
                        .collect()
                })
                .unwrap_or_default();
            let entries = archive_list(&store, &titles).map_err(failed)?;
            let text = match format.as_str() {
                "csv" => kirjuri_archive::archive_list::to_csv(&entries).map_err(failed)?,
                "json" => serde_json::to_string_pretty(&entries).map_err(failed)?,
                "html" => kirjuri_archive::archive_list::to_html(&entries, &config.organisation, &today().to_string()),
                other => return Err(bad_input(format!("--format `{other}`, expected csv, json or html"))),
            };
            match out {
                Some(path) => write_file_durably(&path, text.as_bytes()),
                None => {
                    print!("{text}");
                    Ok(())
                }
            }
        }
    }
}

/// Checks a package; with `record` (the data folder), a package made there has the result
/// recorded, audited, for the annual report's verified transfers.
fn verify(file: &Path, key: Option<&Path>, json: bool, record: Option<&Path>) -> CmdResult {
    if !file.is_file() {
        return Err(bad_input(format!("{}: no such package", file.display())));
    }
    let trusted = match key {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
            Some(kirjuri_archive::keys::read_public(&text).map_err(|e| bad_input(format!("{}: {e}", path.display())))?)
        }
        None => None,
    };
    let report = kirjuri_archive::verify::verify(file, trusted.as_ref())
        .map_err(|e| failed(format!("{}: {e}", file.display())))?;
    if let Some(data) = record {
        let store = open_store(data)?;
        let recorded = kirjuri_archive::record_verification(&store, &report, &cli_actor(None))
            .map_err(|e| failed(e.to_string()))?;
        match recorded {
            Some(verification) => eprintln!("recorded as {}", verification.id),
            None => eprintln!("not a package made in this data folder: the result is not recorded"),
        }
    }
    if json {
        print_json(&report)?;
    } else {
        for problem in &report.problems {
            println!("FAIL {}", crate::exit::in_cli_terms(problem));
        }
        println!(
            "{}: {} ({} files, {} payload bytes; key {} from {})",
            file.display(),
            if report.ok() { "valid" } else { "INVALID" },
            report.files,
            report.payload_bytes,
            report.key_id.as_deref().unwrap_or("—"),
            report.key_source.as_deref().unwrap_or("—")
        );
    }
    if report.ok() { Ok(()) } else { Err(Failure::Reported(1)) }
}
