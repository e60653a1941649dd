//! The application layer: each use-case that more than one front end runs, put together once.
//!
//! [`App`] holds the opened store, the registry settings, the search handle and the plan
//! catalogue, and offers the use-cases that orchestrate several domain crates: executing a
//! disposal or an erasure and then purging the destroyed text from OCR records and the search
//! index, an audited search, an OCR pass followed by an index catch-up, and the plan in force
//! chosen by date at each use (a version approved for a later day takes effect on that day
//! without a restart), registering a document with its content, and importing and approving
//! plan versions, and receiving a request with the requester's own words (the public e-service:
//! the request, then its text as the case's request document). The CLI, the HTTP API and the web UI parse their input, call these and
//! render the answer; none of them repeats the sequence.
//!
//! Owns no rules of its own: each rule stays in its domain crate (disposal in
//! `kirjuri-archive`, access inside the query in `kirjuri-search`, …); this crate only decides
//! the order of the calls. It must never know HTTP, clap, terminals or how an answer is shown,
//! and it never decides who may do what (the caller checks the role first and passes the actor).

mod plan;
mod registration;
mod report;
pub use report::{NewTarget, TargetChange};
mod retention;
mod search;

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use chrono::NaiveDate;
use kirjuri_archive::erasure::Erasure;
use kirjuri_archive::{DestructionRecord, ExecutionReport, disposal};
use kirjuri_registry::{Actor, PlanCatalog, Registry, RegistryConfig, RegistryError};
use kirjuri_search::SearchError;
use kirjuri_store::{Store, StoreError};

pub use plan::{ImportedPlan, PlanSource};
pub use registration::{Registration, Upload};
pub use retention::HIDDEN_TITLE;
pub use search::{FilterInput, MAX_QUERY_CHARS, Search};

/// Why a use-case did not complete.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A domain rule refused the input, or a record was not found.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The search index failed, or a query did not parse (`SearchError::Query`).
    #[error(transparent)]
    Search(#[from] SearchError),
    /// No approved plan version is in force on the day.
    #[error("no approved plan version is in force on {0}; see the plan versions")]
    NoPlanInForce(NaiveDate),
    /// A plan to import, or a version to approve, has errors; nothing was stored.
    #[error("{message}")]
    PlanErrors {
        message: String,
        findings: Vec<kirjuri_plan::Finding>,
    },
    /// The plan version cannot change so (it is already approved, or was added concurrently).
    #[error("{0}")]
    PlanConflict(String),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        AppError::Registry(RegistryError::from(error))
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// The catalogue decoded for one day and one state of the stored plan versions.
struct CachedPlans {
    day: NaiveDate,
    fingerprint: u32,
    catalog: Arc<PlanCatalog>,
}

/// An opened data folder and everything the use-cases need from it.
pub struct App {
    store: Store,
    config: RegistryConfig,
    organisation: String,
    /// Opened at first use, so commands that never search do not open the index.
    search: OnceLock<Search>,
    plans: Mutex<Option<CachedPlans>>,
}

impl App {
    /// The application over an opened store. The search index (`<data>/index/`) is opened,
    /// or created, at its first use.
    pub fn new(store: Store, config: RegistryConfig, organisation: &str) -> App {
        App {
            store,
            config,
            organisation: organisation.to_owned(),
            search: OnceLock::new(),
            plans: Mutex::new(None),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn config(&self) -> &RegistryConfig {
        &self.config
    }

    /// The organisation (rekisterinpitäjä) named in notifications, reports and packages.
    pub fn organisation(&self) -> &str {
        &self.organisation
    }

    /// The search index, opened (or created) at the first call.
    pub fn search_index(&self) -> AppResult<&Search> {
        if let Some(search) = self.search.get() {
            return Ok(search);
        }
        let opened = Search::open(&self.store.root().join("index"))?;
        // Two threads may open it at once; the first one stored wins, the other is dropped.
        Ok(self.search.get_or_init(|| opened))
    }

    pub fn root(&self) -> &Path {
        self.store.root()
    }

    /// Every plan version and the one in force today (Europe/Helsinki), chosen at each call:
    /// a version approved for a later day takes effect on that day, and one approved while
    /// the service runs at once, without a restart. Decoded again only when the day or the
    /// stored versions change.
    pub fn plans(&self) -> AppResult<Arc<PlanCatalog>> {
        self.plans_on(kirjuri_registry::helsinki_date(chrono::Utc::now()))
    }

    /// The plan catalogue as it stands on `day`.
    pub fn plans_on(&self, day: NaiveDate) -> AppResult<Arc<PlanCatalog>> {
        let versions = self.store.plan_versions()?;
        let fingerprint = versions.fingerprint()?;
        let mut cached = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(plans) = cached.as_ref()
            && plans.day == day
            && plans.fingerprint == fingerprint
        {
            return Ok(plans.catalog.clone());
        }
        let in_force = versions.in_force(day)?.ok_or(AppError::NoPlanInForce(day))?;
        let catalog = Arc::new(PlanCatalog {
            versions: versions.all()?.into_iter().map(|p| (p.meta.version, p)).collect(),
            in_force: in_force.meta.version,
        });
        *cached = Some(CachedPlans {
            day,
            fingerprint,
            catalog: catalog.clone(),
        });
        Ok(catalog)
    }

    /// Runs `work` with a registry over the plan in force today.
    pub fn with_registry<T>(&self, work: impl FnOnce(&Registry<'_>) -> T) -> AppResult<T> {
        let plans = self.plans()?;
        let registry = Registry {
            store: &self.store,
            plans: &plans,
            config: &self.config,
        };
        Ok(work(&registry))
    }

    /// Receives a request with the requester's own words (the public e-service): registers the
    /// request (its case and legal clock) and files the words as the request document of its
    /// case (record type of the request kind), read and indexed as any registration.
    pub fn receive_request(
        &self,
        request: &kirjuri_requests::NewRequest,
        words: Upload<'_>,
        title: &str,
        actor: &Actor,
    ) -> AppResult<kirjuri_requests::InfoRequest> {
        let stored =
            self.with_registry(|registry| kirjuri_requests::Requests { registry }.new_request(request, actor))??;
        let document = kirjuri_registry::NewDocument::new(
            Some(request.kind.registration().1.to_owned()),
            kirjuri_registry::Direction::Incoming,
            title,
        )
        .dated(Some(stored.received_on));
        self.register_document(&stored.case_id, &document, Some(words), actor)?;
        Ok(stored)
    }

    /// Executes an approved disposal proposal (or resumes a failed run), then removes what it
    /// destroyed from the OCR records and the search index files before returning.
    pub fn execute_disposal(&self, proposal: &str, actor: &Actor) -> AppResult<ExecutionReport> {
        let report = disposal::execute(&self.store, proposal, actor)?;
        if report.destroyed > 0 {
            self.purge_destroyed(&report.content_destroyed)?;
        }
        Ok(report)
    }

    /// Erases a document outside the retention schedule (poistaminen), then removes its OCR
    /// text and its text in the search index files before returning.
    pub fn erase(&self, erasure: &Erasure<'_>, actor: &Actor) -> AppResult<DestructionRecord> {
        let record = kirjuri_archive::erasure::erase(&self.store, erasure, actor)?;
        self.purge_destroyed(record.sha256.as_slice())?;
        Ok(record)
    }

    /// After records were destroyed: their OCR records and text go, then each destroyed
    /// content file that no document and no OCR record refers to any more (the same bytes may be
    /// another record's content, or a scan's recognised text), then the index catches up (a
    /// catch-up that removes records rewrites the segments that held them).
    pub(crate) fn purge_destroyed(&self, content: &[String]) -> AppResult<()> {
        kirjuri_search::ocr::forget_unreferenced(&self.store)?;
        if !content.is_empty() {
            let ocr_references = kirjuri_search::ocr::content_references(&self.store)?;
            for digest in content.iter().filter_map(|d| kirjuri_store::Sha256Hex::parse(d).ok()) {
                let documents = self
                    .store
                    .scan_index("content", digest.as_str(), kirjuri_registry::DOCUMENT)?;
                if documents.is_empty() && !ocr_references.contains(&digest) {
                    self.store.blobs().remove(&digest)?;
                }
            }
        }
        self.search_index()?.catch_up(&self.store)?;
        Ok(())
    }
}
