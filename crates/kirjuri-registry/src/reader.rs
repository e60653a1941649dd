//! Who reads: the person a list or a view is made for, and how far their right to restricted
//! records reaches. The caller (the server's role matrix, the CLI's operator) decides a
//! reader's reach; the registry applies it inside every read and list made for a person, so a
//! restricted case's title, parties and restricted documents never leave the registry for a
//! reader without the right.

use serde::Serialize;

use crate::case::Case;

/// How far a reader's right to restricted (non-public) records reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reach", content = "departments")]
pub enum RestrictedReach {
    /// Public records only.
    Nowhere,
    /// Restricted records of cases owned by these departments (toimialat).
    Departments(Vec<String>),
    /// Every department's restricted records (registry office, archivist, privacy officer,
    /// auditor, admin).
    CityWide,
}

/// The person a view or a list is made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reader {
    pub name: String,
    pub restricted: RestrictedReach,
}

impl Reader {
    /// A reader with the right to every restricted record (the operator at the command line).
    pub fn city_wide(name: impl Into<String>) -> Reader {
        Reader {
            name: name.into(),
            restricted: RestrictedReach::CityWide,
        }
    }

    /// A reader of public records only.
    pub fn public_only(name: impl Into<String>) -> Reader {
        Reader {
            name: name.into(),
            restricted: RestrictedReach::Nowhere,
        }
    }

    /// Whether the reader's right to restricted records covers this case (its restricted
    /// documents, and its title and parties when the case itself is restricted). A case with
    /// an explicit access list is covered for the people it names and no one else, whatever
    /// their role: an HR case is for the named people only.
    pub fn covers(&self, case: &Case) -> bool {
        if !case.access.is_empty() {
            return case.access.iter().any(|name| same_name(name, &self.name));
        }
        if case.handled_city_wide() {
            return self.restricted == RestrictedReach::CityWide;
        }
        self.reaches(&case.department)
    }

    /// Whether the reader may write in an existing case (register a document, move it, change
    /// its access list): a case with an access list only for the people on it; a case of a
    /// process handled city-wide (requests, incidents) only for a city-wide reach; any other
    /// case within the reader's reach of departments. The role's permission is checked apart.
    pub fn may_write_in(&self, case: &Case) -> bool {
        if !case.access.is_empty() {
            return self.covers(case);
        }
        if case.handled_city_wide() {
            return self.restricted == RestrictedReach::CityWide;
        }
        self.reaches(&case.department)
    }

    /// Whether the reader's reach (by role and department) includes `department`; also the
    /// reach of their writes (a department-scoped user registers only in their departments).
    pub fn reaches(&self, department: &str) -> bool {
        match &self.restricted {
            RestrictedReach::Nowhere => false,
            RestrictedReach::Departments(departments) => departments.iter().any(|d| same_department(d, department)),
            RestrictedReach::CityWide => true,
        }
    }

    /// Whether the reader may see restricted records anywhere at all.
    pub fn reads_restricted_somewhere(&self) -> bool {
        !matches!(self.restricted, RestrictedReach::Nowhere)
    }
}

/// A case as one reader may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    /// The case, masked (`Case::masked`) when `masked` is true.
    pub case: Case,
    /// The reader sees the public title instead of the title, and no parties.
    pub masked: bool,
}

/// Department names (toimialat) compare without case and surrounding space: they come from the
/// configuration, the identity provider's group mapping and registration forms.
pub fn same_department(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// User names on access lists compare as sign-in does.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}
