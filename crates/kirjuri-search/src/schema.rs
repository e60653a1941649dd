//! The index schema: which fields an index document has, how each is analysed and stored, and
//! how values are written into them (the access principals, the class facet, the day of a
//! date). Shared by indexing (`index`) and querying (`query`), so both sides agree.

use chrono::NaiveDate;
use kirjuri_plan::ClassCode;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

use crate::analysis::{ENGLISH, FINNISH, SWEDISH};

/// Principal of public records; restricted ones carry `restricted`.
pub(crate) const PUBLIC: &str = "public";
/// Restricted, readable by a city-wide reach (not on a case with an access list).
pub(crate) const RESTRICTED: &str = "restricted";
/// Restricted, readable by a department reach: `department:<name, lower case>`.
pub(crate) const DEPARTMENT: &str = "department:";
/// Readable by a named user of a case's access list: `user:<name, lower case>`.
pub(crate) const USER: &str = "user:";

/// The access principals of a record in a case: who may see it, as terms of the `access`
/// field. The same rule as `Registry::sees_document`: public when the document and the case
/// are public and the case has no access list; else the case's access list alone when it has
/// one; else a city-wide reach, and the case's department unless the case is of a process
/// handled city-wide (requests, incidents). A case stored before cases had a
/// publicity class counts as restricted here (the index does not read the plan): its public
/// documents are found only by readers whose right covers the case.
pub(crate) fn access_principals(document_public: bool, case: Option<&kirjuri_registry::Case>) -> Vec<String> {
    let Some(case) = case else {
        // A document without its case (never stored so): readable city-wide only.
        return vec![RESTRICTED.to_owned()];
    };
    if !case.access.is_empty() {
        return case
            .access
            .iter()
            .map(|name| format!("{USER}{}", name.trim().to_lowercase()))
            .collect();
    }
    let case_public = case.publicity == Some(kirjuri_plan::PublicityClass::Public);
    if document_public && case_public {
        return vec![PUBLIC.to_owned()];
    }
    if case.handled_city_wide() {
        // An information request or an incident: no department reach covers it.
        return vec![RESTRICTED.to_owned()];
    }
    vec![
        RESTRICTED.to_owned(),
        format!("{DEPARTMENT}{}", case.department.trim().to_lowercase()),
    ]
}

/// The `access` terms a reader's query may match.
pub(crate) fn reader_principals(reader: &kirjuri_registry::Reader) -> Vec<String> {
    use kirjuri_registry::RestrictedReach;
    let mut principals = vec![
        PUBLIC.to_owned(),
        format!("{USER}{}", reader.name.trim().to_lowercase()),
    ];
    match &reader.restricted {
        RestrictedReach::Nowhere => {}
        RestrictedReach::Departments(departments) => principals.extend(
            departments
                .iter()
                .map(|d| format!("{DEPARTMENT}{}", d.trim().to_lowercase())),
        ),
        RestrictedReach::CityWide => principals.push(RESTRICTED.to_owned()),
    }
    principals
}

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) title: Field,
    /// The text of Finnish documents (and of any language without its own analysis).
    pub(crate) body: Field,
    /// Swedish and English documents, with their Snowball stemmers.
    pub(crate) body_sv: Field,
    pub(crate) body_en: Field,
    pub(crate) diary: Field,
    pub(crate) class: Field,
    pub(crate) record_type: Field,
    pub(crate) publicity: Field,
    pub(crate) access: Field,
    pub(crate) parties: Field,
    pub(crate) created: Field,
    /// The state of the document's case (JHS 191 key, e.g. `vireilla`).
    pub(crate) case_state: Field,
    /// ISO 639-1 language of the document (`fi`, `sv`, `en`, ...).
    pub(crate) language: Field,
}

fn stemmed(tokenizer: &str) -> TextOptions {
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored()
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let finnish = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FINNISH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", finnish.clone()),
        body: builder.add_text_field("body_fi", finnish.clone()),
        body_sv: builder.add_text_field("body_sv", stemmed(SWEDISH)),
        body_en: builder.add_text_field("body_en", stemmed(ENGLISH)),
        diary: builder.add_text_field("diary", STRING | STORED),
        class: builder.add_facet_field("class", FacetOptions::default()),
        record_type: builder.add_text_field("record_type", STRING | STORED),
        publicity: builder.add_text_field("publicity", STRING | STORED),
        access: builder.add_text_field("access", STRING | STORED),
        parties: builder.add_text_field("parties", finnish),
        created: builder.add_date_field("created", INDEXED | FAST | STORED),
        case_state: builder.add_text_field("case_state", STRING | STORED),
        language: builder.add_text_field("language", STRING | STORED),
    };
    (builder.build(), fields)
}

/// `07 00 03` as the facet `/07/00/03`, so a filter on `/07` matches everything under it.
pub(crate) fn class_facet(class: &ClassCode) -> Facet {
    let path: String = class.groups().iter().map(|g| format!("/{g:02}")).collect();
    Facet::from(path.as_str())
}

/// Midnight UTC of a day as a tantivy date. tantivy keeps nanoseconds in an i64, so days are
/// clamped to 1700-01-01 ..= 2262-01-01 (a filter date beyond them selects the same records).
pub(crate) fn day_start(day: NaiveDate) -> tantivy::DateTime {
    let earliest = NaiveDate::from_ymd_opt(1700, 1, 1).unwrap_or(NaiveDate::MIN);
    let latest = NaiveDate::from_ymd_opt(2262, 1, 1).unwrap_or(NaiveDate::MAX);
    let day = day.clamp(earliest, latest);
    tantivy::DateTime::from_timestamp_secs(day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp()))
}
