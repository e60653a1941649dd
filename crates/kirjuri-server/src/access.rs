//! The access-rights report (käyttöoikeusraportti): per user their role, departments, reach and
//! explicit grants (cases whose access list names them), and per restricted class of the plan
//! in force who may read its records — the city-wide roles, the department-scoped users (in
//! cases of their departments), and the named people of cases with an access list. The
//! Information Management Act (906/2019) asks that access rights follow tasks; this is how the
//! organisation sees and reviews them. Read from the stored users, plan and cases; changes
//! nothing. Rendered as JSON, CSV or HTML for the API and `kirjuri access report`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kirjuri_plan::PublicityClass;
use kirjuri_registry::{CASE, Case, Registry, RestrictedReach};
use kirjuri_store::{Store, StoreResult};
use serde::Serialize;

use crate::users::{Permission, Role, User, allows, reader_for};

/// The whole report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AccessReport {
    pub organisation: String,
    pub generated_at: DateTime<Utc>,
    /// The plan version whose classes are listed.
    pub plan_version: u32,
    pub users: Vec<UserAccess>,
    pub restricted_classes: Vec<ClassAccess>,
}

/// One user's rights.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserAccess {
    pub name: String,
    /// Role key (`staff`, `registrar`, `archivist`, `privacy-officer`, `auditor`, `admin`).
    pub role: String,
    pub departments: Vec<String>,
    /// `local` or `oidc`.
    pub sign_in: String,
    pub disabled: bool,
    /// How far the right to restricted records reaches: `city-wide`, `departments` (their
    /// own) or `public-only`.
    pub reach: String,
    /// Cases whose explicit access list names the user (diary numbers).
    pub grants: Vec<String>,
}

/// Who may read the records of one restricted class.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClassAccess {
    pub class: String,
    pub title: String,
    /// Publicity class key of the class's handling process (`non-public` for a request or
    /// incident class the plan calls public: such cases are restricted by default).
    pub publicity: String,
    /// Information-request or incident class: handled by the city-wide roles only.
    pub city_wide_process: bool,
    /// Users whose role reaches every department.
    pub city_wide: Vec<String>,
    /// Department-scoped users, each for the cases of their own departments.
    pub by_department: Vec<DepartmentReaders>,
    /// Cases of the class with an explicit access list: only these people read them.
    pub access_lists: Vec<CaseAccessList>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DepartmentReaders {
    pub department: String,
    pub users: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseAccessList {
    pub diary_number: String,
    pub users: Vec<String>,
}

fn reach_key(reach: &RestrictedReach) -> &'static str {
    match reach {
        RestrictedReach::Nowhere => "public-only",
        RestrictedReach::Departments(_) => "departments",
        RestrictedReach::CityWide => "city-wide",
    }
}

/// Builds the report from the stored users and cases and the plan in force.
pub fn report(store: &Store, registry: &Registry<'_>, organisation: &str) -> StoreResult<AccessReport> {
    let mut users = store.list::<User>(crate::users::USER)?;
    users.sort_by(|a, b| a.name.cmp(&b.name));
    let cases = store.list::<Case>(CASE)?;
    let listed: Vec<&Case> = cases.iter().filter(|c| !c.access.is_empty()).collect();
    let grants_of = |name: &str| -> Vec<String> {
        listed
            .iter()
            .filter(|c| c.access.iter().any(|n| n.trim().eq_ignore_ascii_case(name)))
            .map(|c| c.diary_number.to_string())
            .collect()
    };
    let user_rows: Vec<UserAccess> = users
        .iter()
        .map(|user| UserAccess {
            name: user.name.clone(),
            role: user.role.key().to_owned(),
            departments: user.departments.clone(),
            sign_in: user.sign_in.key().to_owned(),
            disabled: user.disabled,
            reach: reach_key(&reader_for(&user.name, user.role, &user.departments).restricted).to_owned(),
            grants: grants_of(&user.name),
        })
        .collect();

    let active: Vec<&User> = users
        .iter()
        .filter(|u| !u.disabled && allows(u.role, Permission::ReadRestrictedDocuments))
        .collect();
    let city_wide: Vec<String> = active
        .iter()
        .filter(|u| crate::users::is_city_wide(u.role))
        .map(|u| u.name.clone())
        .collect();
    let mut by_department: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for user in active.iter().filter(|u| u.role == Role::Staff) {
        for department in &user.departments {
            by_department
                .entry(department.trim().to_lowercase())
                .or_default()
                .push(user.name.clone());
        }
    }
    let by_department: Vec<DepartmentReaders> = by_department
        .into_iter()
        .map(|(department, users)| DepartmentReaders { department, users })
        .collect();

    let plan = registry.plans.current();
    let mut classes = Vec::new();
    if let Some(plan) = plan {
        for class in plan.classes.values() {
            let Some(publicity) = class.process.as_ref().and_then(|p| p.restriction.publicity) else {
                continue;
            };
            // Request and incident classes are restricted whatever the plan says, and no
            // department reach covers their cases.
            let city_wide_process = kirjuri_registry::is_city_wide_process_class(&class.code);
            if publicity == PublicityClass::Public && !city_wide_process {
                continue;
            }
            classes.push(ClassAccess {
                class: class.code.spaced(),
                title: class.title.clone(),
                publicity: if publicity == PublicityClass::Public {
                    PublicityClass::NonPublic.key().to_owned()
                } else {
                    publicity.key().to_owned()
                },
                city_wide_process,
                city_wide: city_wide.clone(),
                by_department: if city_wide_process {
                    Vec::new()
                } else {
                    by_department.clone()
                },
                access_lists: listed
                    .iter()
                    .filter(|c| c.class == class.code)
                    .map(|c| CaseAccessList {
                        diary_number: c.diary_number.to_string(),
                        users: c.access.clone(),
                    })
                    .collect(),
            });
        }
    }
    Ok(AccessReport {
        organisation: organisation.to_owned(),
        generated_at: Utc::now(),
        plan_version: plan.map_or(0, |p| p.meta.version),
        users: user_rows,
        restricted_classes: classes,
    })
}

/// The report as CSV: one table, a `section` column telling user rows from class rows; lists
/// inside a cell are separated by `; `.
pub fn to_csv(report: &AccessReport) -> String {
    let mut out = csv_line(&[
        "section",
        "subject",
        "role_or_publicity",
        "departments",
        "reach",
        "grants_or_readers",
    ]);
    for user in &report.users {
        out.push_str(&csv_line(&[
            "user",
            &user.name,
            &user.role,
            &user.departments.join("; "),
            &if user.disabled {
                format!("{} (disabled)", user.reach)
            } else {
                user.reach.clone()
            },
            &user.grants.join("; "),
        ]));
    }
    for class in &report.restricted_classes {
        let mut readers = vec![format!(
            "city-wide{}: {}",
            if class.city_wide_process {
                " only (requests and incidents)"
            } else {
                ""
            },
            class.city_wide.join(", ")
        )];
        for department in &class.by_department {
            readers.push(format!("{}: {}", department.department, department.users.join(", ")));
        }
        for list in &class.access_lists {
            readers.push(format!("{} only: {}", list.diary_number, list.users.join(", ")));
        }
        out.push_str(&csv_line(&[
            "class",
            &format!("{} {}", class.class, class.title),
            &class.publicity,
            "",
            "",
            &readers.join("; "),
        ]));
    }
    out
}

/// One CSV line (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (`=`,
/// `+`, `-`, `@` first) is prefixed with `'`.
fn csv_line(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|cell| {
            let cell = kirjuri_registry::limits::spreadsheet_safe(cell);
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// The report as a standalone HTML page (Finnish headings with the English term).
pub fn to_html(report: &AccessReport) -> String {
    use maud::{DOCTYPE, html};
    html! {
        (DOCTYPE)
        html lang="fi" {
            head {
                meta charset="utf-8";
                title { "Käyttöoikeusraportti (access-rights report) — " (report.organisation) }
                style { "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}" }
            }
            body {
                h1 { "Käyttöoikeusraportti (access-rights report)" }
                p { (report.organisation) " · " (report.generated_at.format("%Y-%m-%d %H:%M UTC"))
                    " · tiedonohjaussuunnitelma versio " (report.plan_version) }
                h2 { "Käyttäjät (users)" }
                table {
                    tr { th { "Käyttäjä (user)" } th { "Rooli (role)" } th { "Toimialat (departments)" }
                         th { "Ulottuvuus (reach)" } th { "Kirjautuminen (sign-in)" } th { "Nimetyt oikeudet (explicit grants)" } }
                    @for user in &report.users {
                        tr {
                            td { (user.name) @if user.disabled { " (pois käytöstä / disabled)" } }
                            td { (user.role) }
                            td { (user.departments.join(", ")) }
                            td { (user.reach) }
                            td { (user.sign_in) }
                            td { (user.grants.join(", ")) }
                        }
                    }
                }
                h2 { "Salassa pidettävät tehtäväluokat (restricted classes)" }
                table {
                    tr { th { "Luokka (class)" } th { "Julkisuus (publicity)" } th { "Koko kaupunki (city-wide)" }
                         th { "Toimialoittain (by department)" } th { "Käyttöoikeusluettelot (access lists)" } }
                    @for class in &report.restricted_classes {
                        tr {
                            td { (class.class) " " (class.title) }
                            td { (class.publicity) }
                            td { (class.city_wide.join(", ")) }
                            td { @for d in &class.by_department { (d.department) ": " (d.users.join(", ")) br; } }
                            td { @for l in &class.access_lists { (l.diary_number) ": " (l.users.join(", ")) br; } }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

/// Sets a case's explicit access list from user names as given: each must name a user
/// (matched without regard to case; refused with `unknown_user` otherwise) and is stored as
/// that user's name. The one place the API and `kirjuri case access` set a list.
pub fn set_case_access(
    registry: &Registry<'_>,
    reference: &str,
    names: &[String],
    reason: &str,
    actor: &kirjuri_registry::Actor,
) -> kirjuri_registry::RegistryResult<Case> {
    let names = crate::users::known_user_names(registry.store, names)?;
    registry.set_case_access(reference, &names, reason, actor)
}
