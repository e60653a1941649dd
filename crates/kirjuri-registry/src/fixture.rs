//! The one test fixture of the domain crates: a store in a temporary folder with the sample
//! plan of `retention-rules/` as version 1, the plan catalogue built as the application layer
//! builds it, and the registry over them. Behind the `fixture` feature, which only
//! dev-dependencies turn on.

#![allow(clippy::expect_used)] // a fixture that cannot be set up is a failed test

use kirjuri_store::Store;

use crate::registry::{PlanCatalog, Registry, RegistryConfig};

/// A registry on a fresh store (organisation prefix `LAI`, department `hallintotoimi`).
pub struct Fixture {
    pub store: Store,
    pub plans: PlanCatalog,
    pub config: RegistryConfig,
    // Dropped last: the store closes before its folder goes.
    dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(dir.path()).expect("a new store");
        let versions = store.plan_versions().expect("plan versions");
        let plan = kirjuri_plan::sample::load().plan.expect("the sample plan loads");
        let version = versions.add(plan).expect("the sample plan is stored");
        let plans = PlanCatalog {
            versions: versions
                .all()
                .expect("plan versions read back")
                .into_iter()
                .map(|p| (p.meta.version, p))
                .collect(),
            in_force: version,
        };
        Fixture {
            store,
            plans,
            config: RegistryConfig {
                prefix: "LAI".to_owned(),
                default_department: "hallintotoimi".to_owned(),
            },
            dir,
        }
    }

    pub fn registry(&self) -> Registry<'_> {
        Registry {
            store: &self.store,
            plans: &self.plans,
            config: &self.config,
        }
    }

    /// The data folder.
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Default for Fixture {
    fn default() -> Fixture {
        Fixture::new()
    }
}
