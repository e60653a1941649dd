//! `kirjuri training …` and `kirjuri control …`: the data-protection training record and the
//! security controls performed, over `kirjuri-governance` (the rules and the counting live
//! there; this module reads flags and prints).

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use kirjuri_governance::{
    Completion, ControlEvent, ControlKind, ControlResult, Group, Person, Save, Source, Topic, Training,
};
use kirjuri_store::StoreError;

use crate::data::{cli_actor, open_store, today};
use crate::exit::{CmdResult, Failure, bad_input, failed};

fn print_json(value: &impl serde::Serialize) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(failed)?);
    Ok(())
}

/// A refused change is bad input (exit 2); anything else a failure (exit 1).
fn store_failure(error: StoreError) -> Failure {
    match error {
        StoreError::Rejected { message, .. } => bad_input(message),
        other => failed(other),
    }
}

fn date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    kirjuri_governance::parse_date(text).map_err(|e| bad_input(format!("--{flag}: {e}")))
}

fn read_text(path: &PathBuf) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))
}

#[derive(Subcommand, Debug)]
pub enum TrainingCommand {
    /// Import the HR or learning system's CSV exports, all or nothing. Roster columns: id,
    /// name, department, group (staff/henkilöstö or elected/luottamushenkilö), optional user,
    /// from, until. Trainings: key, name, topic (data-protection/tietosuoja or
    /// information-security/tietoturva), optional validity_years (default 3). Completions:
    /// person, training, completed_on. Dates 2026-03-15 or 15.3.2026.
    Import {
        #[arg(long)]
        roster: Option<PathBuf>,
        #[arg(long)]
        trainings: Option<PathBuf>,
        #[arg(long)]
        completions: Option<PathBuf>,
    },
    /// Record that a person completed a training.
    Add {
        /// The person's roster id.
        #[arg(long)]
        person: String,
        /// The training's key.
        #[arg(long)]
        training: String,
        /// The day it was completed (2026-03-15 or 15.3.2026).
        #[arg(long)]
        on: String,
    },
    /// Add or change a person on the roster.
    Person {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        department: String,
        /// staff or elected.
        #[arg(long, default_value = "staff")]
        group: String,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        until: Option<String>,
        /// Change an existing person instead of adding one.
        #[arg(long)]
        update: bool,
    },
    /// Add a training.
    Course {
        #[arg(long)]
        key: String,
        #[arg(long)]
        name: String,
        /// data-protection or information-security.
        #[arg(long, default_value = "data-protection")]
        topic: String,
        #[arg(long, default_value_t = 3)]
        validity_years: u32,
    },
    /// The roster, the trainings and the completions.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Training coverage per department and group for a year.
    Coverage {
        /// Calendar year (default: this year, counted as of today).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn training(data: &Path, command: TrainingCommand) -> CmdResult {
    let store = open_store(data)?;
    let actor = cli_actor(None).name;
    match command {
        TrainingCommand::Import {
            roster,
            trainings,
            completions,
        } => {
            if roster.is_none() && trainings.is_none() && completions.is_none() {
                return Err(bad_input(
                    "give --roster FILE.csv, --trainings FILE.csv and/or --completions FILE.csv",
                ));
            }
            let read = |path: &Option<PathBuf>| -> Result<Option<(String, String)>, Failure> {
                path.as_ref()
                    .map(|p| Ok((p.display().to_string(), read_text(p)?)))
                    .transpose()
            };
            let (roster, trainings, completions) = (read(&roster)?, read(&trainings)?, read(&completions)?);
            fn pair(f: &Option<(String, String)>) -> Option<(&str, &str)> {
                f.as_ref().map(|(n, t)| (n.as_str(), t.as_str()))
            }
            match kirjuri_governance::import(&store, pair(&roster), pair(&trainings), pair(&completions), &actor) {
                Ok(counts) => {
                    println!(
                        "imported {} people, {} trainings and {} completions",
                        counts.people, counts.trainings, counts.completions
                    );
                    Ok(())
                }
                Err(errors) => {
                    for error in &errors {
                        eprintln!("error: {error}");
                    }
                    Err(Failure::Reported(2))
                }
            }
        }
        TrainingCommand::Add { person, training, on } => {
            let completion = Completion::new(&person, &training, date("on", &on)?, Source::Cli);
            let stored = kirjuri_governance::add_completion(&store, &completion, &actor).map_err(store_failure)?;
            println!(
                "recorded {} completed {} on {}",
                stored.person, stored.training, stored.completed_on
            );
            Ok(())
        }
        TrainingCommand::Person {
            id,
            name,
            department,
            group,
            user,
            from,
            until,
            update,
        } => {
            let person = Person {
                id,
                name,
                user,
                department,
                group: Group::parse(&group).map_err(|e| bad_input(format!("--group: {e}")))?,
                from: from.map(|d| date("from", &d)).transpose()?,
                until: until.map(|d| date("until", &d)).transpose()?,
            };
            let save = if update { Save::Update } else { Save::Create };
            let stored = kirjuri_governance::save_person(&store, &person, save, &actor).map_err(store_failure)?;
            println!("saved {} ({})", stored.id, stored.department);
            Ok(())
        }
        TrainingCommand::Course {
            key,
            name,
            topic,
            validity_years,
        } => {
            let training = Training {
                key,
                name,
                topic: Topic::parse(&topic).map_err(|e| bad_input(format!("--topic: {e}")))?,
                validity_years,
            };
            let stored =
                kirjuri_governance::save_training(&store, &training, Save::Create, &actor).map_err(store_failure)?;
            println!("saved training {}", stored.key);
            Ok(())
        }
        TrainingCommand::List { json } => {
            let people = kirjuri_governance::load_people(&store).map_err(failed)?;
            let trainings = kirjuri_governance::load_trainings(&store).map_err(failed)?;
            let completions = kirjuri_governance::load_completions(&store).map_err(failed)?;
            if json {
                return print_json(&serde_json::json!({
                    "people": people, "trainings": trainings, "completions": completions,
                }));
            }
            let day = |d: Option<NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
            println!("roster ({}):", people.len());
            for p in &people {
                println!(
                    "  {:<10} {:<28} {:<20} {:<8} {} – {}",
                    p.id,
                    p.name,
                    p.department,
                    p.group.key(),
                    day(p.from),
                    day(p.until)
                );
            }
            println!("trainings ({}):", trainings.len());
            for t in &trainings {
                println!(
                    "  {:<12} {:<36} {:<22} {} years",
                    t.key,
                    t.name,
                    t.topic.key(),
                    t.validity_years
                );
            }
            println!("completions ({}):", completions.len());
            for c in &completions {
                println!("  {} {:<10} {}", c.completed_on, c.person, c.training);
            }
            Ok(())
        }
        TrainingCommand::Coverage { year, json } => {
            let year = year.unwrap_or_else(|| today().year());
            let people = kirjuri_governance::load_people(&store).map_err(failed)?;
            let trainings = kirjuri_governance::load_trainings(&store).map_err(failed)?;
            let completions = kirjuri_governance::load_completions(&store).map_err(failed)?;
            let rows = kirjuri_governance::coverage_on(&people, &trainings, &completions, year, today());
            let counted_on = kirjuri_governance::counting_day(year, today());
            if json {
                return print_json(&serde_json::json!({ "year": year, "counted_on": counted_on, "rows": rows }));
            }
            println!("training coverage {year} (roster on {counted_on}):");
            println!(
                "  {:<24} {:<8} {:>6} {:>8} {:>6}",
                "department", "group", "people", "trained", "share"
            );
            for row in &rows {
                let share = (row.trained * 100 + row.people / 2)
                    .checked_div(row.people)
                    .unwrap_or(0);
                println!(
                    "  {:<24} {:<8} {:>6} {:>8} {:>5}%",
                    row.department,
                    row.group.key(),
                    row.people,
                    row.trained,
                    share
                );
            }
            Ok(())
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ControlCommand {
    /// Record a control performed: an access review, a restore test or a log review.
    Add {
        /// access-review, restore-test or log-review.
        #[arg(long)]
        kind: String,
        /// The system or register it concerns.
        #[arg(long)]
        system: String,
        /// The day it was performed (2026-03-15 or 15.3.2026).
        #[arg(long)]
        on: String,
        /// Who performed it.
        #[arg(long)]
        by: String,
        /// ok, deviations or failed.
        #[arg(long)]
        result: String,
        /// What was found (required for deviations and failed).
        #[arg(long, default_value = "")]
        findings: String,
        #[arg(long, default_value = "")]
        follow_up: String,
    },
    /// The controls of a year and their counts per kind and result.
    List {
        /// Calendar year (default: this year).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn control(data: &Path, command: ControlCommand) -> CmdResult {
    let store = open_store(data)?;
    match command {
        ControlCommand::Add {
            kind,
            system,
            on,
            by,
            result,
            findings,
            follow_up,
        } => {
            let event = ControlEvent {
                id: String::new(),
                kind: ControlKind::parse(&kind).map_err(|e| bad_input(format!("--kind: {e}")))?,
                system,
                performed_on: date("on", &on)?,
                performed_by: by,
                result: ControlResult::parse(&result).map_err(|e| bad_input(format!("--result: {e}")))?,
                findings,
                follow_up,
            };
            let stored = kirjuri_governance::save_control(&store, &event, Save::Create, &cli_actor(None).name)
                .map_err(store_failure)?;
            println!(
                "recorded {}: {} of {} on {}, {}",
                stored.id,
                stored.kind.key(),
                stored.system,
                stored.performed_on,
                stored.result.key()
            );
            Ok(())
        }
        ControlCommand::List { year, json } => {
            let year = year.unwrap_or_else(|| today().year());
            let events = kirjuri_governance::load_controls(&store).map_err(failed)?;
            let counts = kirjuri_governance::controls_in(&events, year);
            let of_year: Vec<&ControlEvent> = events.iter().filter(|e| e.performed_on.year() == year).collect();
            if json {
                return print_json(&serde_json::json!({ "year": year, "events": of_year, "counts": counts }));
            }
            println!("controls {year}:");
            for count in &counts {
                println!(
                    "  {:<14} ok {}, deviations {}, failed {}",
                    count.kind.key(),
                    count.ok,
                    count.deviations,
                    count.failed
                );
            }
            for event in &of_year {
                println!(
                    "  {} {:<14} {:<24} {:<10} {}{}",
                    event.performed_on,
                    event.kind.key(),
                    event.system,
                    event.result.key(),
                    event.performed_by,
                    if event.findings.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", event.findings)
                    }
                );
            }
            Ok(())
        }
    }
}
