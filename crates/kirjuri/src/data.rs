//! The data folder: opening the store, first-time set-up with the embedded sample plan,
//! today's date in Europe/Helsinki and durable file writes.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use kirjuri_plan::{Plan, has_errors};
use kirjuri_registry::{Actor, PlanCatalog, RegistryConfig, is_valid_prefix};
use kirjuri_store::Store;
use serde::{Deserialize, Serialize};

use crate::exit::{Failure, bad_input, failed};

include!(concat!(env!("OUT_DIR"), "/embedded_plan.rs"));

/// Today's date in Europe/Helsinki, where every day-based rule is counted.
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

/// Opens the store of a data folder that must already hold a database (for commands that only
/// read or maintain one: check, backup, search, reindex).
pub fn open_existing_store(data: &Path) -> Result<Store, Failure> {
    if !data.join("db").exists() {
        return Err(bad_input(format!("{} holds no Kirjuri database", data.display())));
    }
    open_store(data)
}

/// Opens the store of a data folder, creating the folder when it does not exist.
pub fn open_store(data: &Path) -> Result<Store, Failure> {
    std::fs::create_dir_all(data).map_err(|e| failed(format!("cannot create data folder {}: {e}", data.display())))?;
    let reserve = disk_reserve_setting()?;
    let store = Store::open(data).map_err(failed)?;
    store.disk_reserve().set(reserve);
    Ok(store)
}

/// `KIRJURI_DISK_RESERVE_BYTES`: the free space on the data folder's disk below which writes
/// are refused; unset, max(64 MiB, 1 % of the disk) (see `kirjuri_store::DiskReserve`).
fn disk_reserve_setting() -> Result<Option<u64>, Failure> {
    match std::env::var("KIRJURI_DISK_RESERVE_BYTES") {
        Ok(text) => text.trim().parse::<u64>().map(Some).map_err(|_| {
            bad_input(format!(
                "KIRJURI_DISK_RESERVE_BYTES: expected a whole number of bytes, got `{text}`"
            ))
        }),
        Err(_) => Ok(None),
    }
}

/// The sample plan compiled into the binary.
pub fn embedded_plan() -> Result<Plan, Failure> {
    let loaded = kirjuri_plan::sample::load();
    match loaded.plan {
        Some(plan) if !has_errors(&loaded.findings) => Ok(plan),
        _ => Err(failed(
            "the embedded sample plan does not validate; run `kirjuri plan check`",
        )),
    }
}

/// On an empty data folder, stores the embedded sample plan as version 1.
pub fn ensure_plan(store: &Store) -> Result<(), Failure> {
    let versions = store.plan_versions().map_err(failed)?;
    if versions.is_empty() {
        versions.add(embedded_plan()?).map_err(failed)?;
    }
    Ok(())
}

/// Writes a file durably: temporary file in the same folder, fsync, rename, fsync the folder.
pub fn write_file_durably(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| bad_input(format!("{}: not a file name", path.display())))?;
    let temporary = folder.join(format!(".{}.tmp-{}", file_name.to_string_lossy(), std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        std::fs::File::open(&folder)?.sync_all()
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(format!("cannot write {}: {e}", path.display()))
    })
}

/// Settings of a data folder, kept in `<data>/config.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Organisation (rekisterinpitäjä / viranomainen).
    pub organisation: String,
    /// Diary-number prefix, e.g. `LAI`.
    pub diary_prefix: String,
    /// Department (toimiala) used when a command does not name one.
    pub default_department: String,
    /// Sign-in through the organisation's OpenID provider (Microsoft Entra ID); see
    /// deploy/OPERATIONS.md. Without it, only local accounts sign in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc: Option<kirjuri_server::oidc::OidcConfig>,
    /// Publicity Act requests: `decision_target_days` (the internal target of the authority's
    /// decision after a referral, §14(3); default 14), `appeal_court` and `appeal_court_sv` (the
    /// administrative court named in the appeal instructions, §33; default Turun
    /// hallinto-oikeus / Åbo förvaltningsdomstol).
    #[serde(default)]
    pub publicity: kirjuri_requests::PublicitySettings,
    /// The mail server of the reminders (the daily digest, the breach-clock mails); without
    /// `[smtp]` no reminder is mailed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<kirjuri_notify::SmtpConfig>,
    /// The service as its users reach it: `public_url` (default `http://127.0.0.1:8080`) starts the
    /// calendar feed's address and the links in mails and feeds.
    #[serde(default)]
    pub service: ServiceSettings,
}

/// `[service]` of `config.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSettings {
    /// The address users reach the service at (behind the city's proxy: its https address).
    #[serde(default = "default_public_url")]
    pub public_url: String,
}

fn default_public_url() -> String {
    kirjuri_server::calendar::DEFAULT_PUBLIC_URL.to_owned()
}

impl Default for ServiceSettings {
    fn default() -> Self {
        ServiceSettings {
            public_url: default_public_url(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            organisation: "Laitilan kaupunki".to_owned(),
            diary_prefix: "LAI".to_owned(),
            default_department: "hallintotoimi".to_owned(),
            oidc: None,
            publicity: kirjuri_requests::PublicitySettings::default(),
            smtp: None,
            service: ServiceSettings::default(),
        }
    }
}

/// Reads `<data>/config.toml`, writing the defaults on first use.
pub fn load_config(data: &Path) -> Result<Config, Failure> {
    let path = data.join("config.toml");
    if !path.exists() {
        std::fs::create_dir_all(data)
            .map_err(|e| failed(format!("cannot create data folder {}: {e}", data.display())))?;
        let text = toml::to_string(&Config::default()).map_err(failed)?;
        write_file_durably(&path, format!("# Kirjuri data-folder settings\n{text}").as_bytes())?;
    }
    let text = std::fs::read_to_string(&path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
            .unwrap_or(1);
        bad_input(format!("{}:{line}: {}", path.display(), e.message()))
    })?;
    if let Some(smtp) = &config.smtp {
        smtp.check()
            .map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
    }
    if !is_valid_prefix(&config.diary_prefix) {
        return Err(bad_input(format!(
            "{}: diary_prefix `{}` must be 1-10 capital letters",
            path.display(),
            config.diary_prefix
        )));
    }
    Ok(config)
}

impl Config {
    pub fn registry(&self) -> RegistryConfig {
        RegistryConfig {
            prefix: self.diary_prefix.clone(),
            default_department: self.default_department.clone(),
        }
    }
}

/// Every plan version and the one in force today.
pub fn plan_catalog(store: &Store) -> Result<PlanCatalog, Failure> {
    ensure_plan(store)?;
    let versions = store.plan_versions().map_err(failed)?;
    let in_force = versions
        .in_force(today())
        .map_err(failed)?
        .ok_or_else(|| failed("no approved plan version is in force today; see `kirjuri plan versions`"))?;
    let all = versions
        .all()
        .map_err(failed)?
        .into_iter()
        .map(|p| (p.meta.version, p))
        .collect();
    Ok(PlanCatalog {
        versions: all,
        in_force: in_force.meta.version,
    })
}

/// The application layer over a data folder (its settings, the plan set up on first use):
/// the use-cases that the CLI shares with the service.
pub fn open_app(data: &Path) -> Result<kirjuri_app::App, Failure> {
    let config = load_config(data)?;
    let store = open_store(data)?;
    ensure_plan(&store)?;
    Ok(kirjuri_app::App::new(store, config.registry(), &config.organisation))
}

/// The application layer over a data folder that must already hold a database.
pub fn open_existing_app(data: &Path) -> Result<kirjuri_app::App, Failure> {
    open_existing_store(data)?;
    open_app(data)
}

/// A use-case's failure as the command line reports it: a refused input exits 2, a query that
/// does not parse too, anything else 1.
pub fn app_failure(error: kirjuri_app::AppError) -> Failure {
    match error {
        kirjuri_app::AppError::Registry(error) => crate::registry_cmd::registry_failure(error),
        kirjuri_app::AppError::Search(kirjuri_search::SearchError::Query(error)) => {
            bad_input(format!("query: {error}"))
        }
        other => failed(other),
    }
}

/// The acting user of a command-line call: `KIRJURI_ACTOR`, else `cli:<login name>`.
pub fn cli_actor(purpose: Option<&str>) -> Actor {
    let name = std::env::var("KIRJURI_ACTOR")
        .ok()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| {
            format!(
                "cli:{}",
                std::env::var("USER").unwrap_or_else(|_| "operator".to_owned())
            )
        });
    Actor {
        name,
        at: chrono::Utc::now(),
        purpose: purpose.map(str::to_owned),
    }
}
