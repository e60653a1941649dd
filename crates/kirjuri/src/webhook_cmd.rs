//! `kirjuri webhook …`: webhook endpoints from the command line (on a stopped service's data
//! folder) — list, add (the secret is printed this once) and an endpoint's delivery log. The
//! rules live in `kirjuri-webhooks`; this only parses, calls and prints.

use std::path::Path;

use clap::Subcommand;

use crate::data::{cli_actor, open_store};
use crate::exit::{CmdResult, bad_input, failed};

#[derive(Subcommand, Debug)]
pub enum WebhookCommand {
    /// Endpoints (never their secrets).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add an endpoint; its secret is printed once.
    Add {
        /// An absolute http or https URL.
        #[arg(long)]
        url: String,
        /// Event types, comma-separated (e.g. request.transition,incident.breach); `all` for
        /// every type.
        #[arg(long, value_delimiter = ',')]
        events: Vec<String>,
        /// Add it disabled (nothing is sent until it is enabled).
        #[arg(long)]
        disabled: bool,
    },
    /// An endpoint's delivery attempts, newest first.
    Deliveries {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

fn webhook_failure(error: kirjuri_webhooks::WebhookError) -> crate::exit::Failure {
    match error {
        kirjuri_webhooks::WebhookError::Store(error) => failed(error),
        other => bad_input(other),
    }
}

pub fn webhook(data: &Path, command: WebhookCommand) -> CmdResult {
    let store = open_store(data)?;
    match command {
        WebhookCommand::List { json } => {
            let endpoints = kirjuri_webhooks::list(&store).map_err(webhook_failure)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&endpoints).map_err(failed)?);
            } else {
                for e in &endpoints {
                    println!(
                        "{}  {}  {}  {}  delivered through {}{}",
                        e.id,
                        if e.enabled { "enabled" } else { "disabled" },
                        e.url,
                        e.events.join(","),
                        e.delivered_through,
                        if e.failing_attempts > 0 {
                            format!(", {} failed attempts", e.failing_attempts)
                        } else {
                            String::new()
                        }
                    );
                }
            }
        }
        WebhookCommand::Add { url, events, disabled } => {
            let events = if events.iter().any(|e| e == "all") {
                kirjuri_webhooks::EVENT_TYPES.iter().map(|t| (*t).to_owned()).collect()
            } else {
                events
            };
            let new = kirjuri_webhooks::NewEndpoint {
                url,
                events,
                enabled: !disabled,
                from_start: false,
            };
            let actor = cli_actor(None);
            let created = kirjuri_webhooks::create(&store, &new, &actor.name, actor.at).map_err(webhook_failure)?;
            println!("added {} ({})", created.endpoint.id, created.endpoint.url);
            println!("  secret (shown once): {}", created.secret.expose());
        }
        WebhookCommand::Deliveries { id, json } => {
            let log = kirjuri_webhooks::deliveries(&store, &id).map_err(webhook_failure)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&log).map_err(failed)?);
            } else {
                for d in &log {
                    println!(
                        "{}  {}  {}  attempt {}  {}  {} ms",
                        d.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        d.event_id,
                        d.event_type,
                        d.attempt,
                        match (&d.status, &d.error) {
                            (Some(status), None) => status.to_string(),
                            (Some(status), Some(error)) => format!("{status} {error}"),
                            (None, Some(error)) => error.clone(),
                            (None, None) => String::new(),
                        },
                        d.duration_ms
                    );
                }
            }
        }
    }
    Ok(())
}
