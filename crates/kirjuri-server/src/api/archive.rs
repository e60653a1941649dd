//! The archive list and signed archive packages (export streamed as a zip; verification).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::body::{limited_body, spool_path};
use crate::api::{ApiResult, actor_of, blocking, class_param, helsinki_today};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::users::Permission;

/// One line of the archive list (arkistoluettelo): a series of one class and year.
#[derive(Serialize, ToSchema)]
pub struct ArchiveListEntryAnswer {
    #[schema(pattern = r"^[0-9]{2}( [0-9]{2})*$")]
    pub class: String,
    /// The class's title in the plan in force (empty when the plan no longer has the class).
    pub class_title: String,
    /// The series: the record type id.
    pub series: String,
    /// The record type's name.
    pub series_name: String,
    pub year: i32,
    pub records: u64,
    pub electronic: u64,
    pub paper: u64,
    /// Paper storage places of the series (archive room, shelf, box).
    pub paper_locations: Vec<String>,
    #[schema(pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$")]
    pub first_diary_number: String,
    #[schema(pattern = r"^[^/]+/[0-9]+/[0-9]{2}(\.[0-9]{2})*/[0-9]{4}$")]
    pub last_diary_number: String,
    /// The day the last secrecy in the series ends (salassapito päättyy); none when no
    /// record of the series is secret or no end day is known yet.
    pub secrecy_ends_on: Option<chrono::NaiveDate>,
    /// Secret records of the series whose start event is not recorded yet.
    pub secrecy_open: u64,
}

impl From<&kirjuri_archive::ArchiveListEntry> for ArchiveListEntryAnswer {
    fn from(e: &kirjuri_archive::ArchiveListEntry) -> Self {
        ArchiveListEntryAnswer {
            class: e.class.to_string(),
            class_title: e.class_title.clone(),
            series: e.series.clone(),
            series_name: e.series_name.clone(),
            year: e.year,
            records: e.records,
            electronic: e.electronic,
            paper: e.paper,
            paper_locations: e.paper_locations.clone(),
            first_diary_number: e.first_diary_number.clone(),
            last_diary_number: e.last_diary_number.clone(),
            secrecy_ends_on: e.secrecy_ends_on,
            secrecy_open: e.secrecy_open,
        }
    }
}

/// The formats of the archive list.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // a schema only: the handler reads the format as text
pub enum ArchiveListFormat {
    Json,
    Csv,
    Html,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArchiveListQuery {
    /// `json` (default), `csv` or `html`.
    #[param(value_type = Option<ArchiveListFormat>, inline)]
    format: Option<String>,
}

#[utoipa::path(get, path = "/archive/list", tag = "archive", params(ArchiveListQuery),
    responses((status = 200, description = "The archive list (arkistoluettelo) of permanently kept records by class, series and year",
        content((Vec<ArchiveListEntryAnswer> = "application/json"), (String = "text/csv"), (String = "text/html")))))]
pub async fn archive_list(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<ArchiveListQuery>,
) -> ApiResult<Response> {
    principal.require(Permission::ReadRetention)?;
    let format = query.format.unwrap_or_else(|| "json".to_owned());
    if !matches!(format.as_str(), "json" | "csv" | "html") {
        return Err(ApiError::bad_request(format!(
            "format `{format}`, expected json, csv or html"
        )));
    }
    let organisation = state.organisation.to_string();
    blocking(&state, move |registry| {
        let entries = archive_list_as(registry)?;
        Ok(match format.as_str() {
            "csv" => (
                [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
                kirjuri_archive::archive_list::to_csv(&entries).map_err(ApiError::Internal)?,
            )
                .into_response(),
            "html" => (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                kirjuri_archive::archive_list::to_html(&entries, &organisation, &helsinki_today().to_string()),
            )
                .into_response(),
            _ => axum::Json(crate::api::shapes::answers::<_, ArchiveListEntryAnswer>(&entries)).into_response(),
        })
    })
    .await
}

/// The archive list with the class titles of the plan in force: the use-case of the API and the
/// web page.
pub(crate) fn archive_list_as(
    registry: &kirjuri_registry::Registry<'_>,
) -> ApiResult<Vec<kirjuri_archive::ArchiveListEntry>> {
    let titles = registry
        .plans
        .current()
        .map(|p| p.classes.iter().map(|(c, k)| (c.clone(), k.title.clone())).collect())
        .unwrap_or_default();
    Ok(kirjuri_archive::archive_list(registry.store, &titles)?)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExportBody {
    /// Cases by diary number or id (all their documents).
    #[serde(default)]
    cases: Vec<String>,
    /// Every document of this class and below (when no cases are given), e.g. `07` or
    /// `07 00 03` (`07.00.03`).
    #[schema(pattern = r"^[0-9]{2}((\.[0-9]{2}){0,5}|( [0-9]{2}){0,5})$", example = "00 02")]
    class: Option<String>,
    /// Only permanently kept records.
    #[serde(default)]
    permanent: bool,
}

/// Exports a signed archive package (E-ARK SIP in a BagIt bag, zipped, minisign signature)
/// and streams it back. The export is audited.
#[utoipa::path(post, path = "/archive/exports", tag = "archive", request_body = ExportBody,
    responses((status = 200, description = "The package", content_type = "application/zip", body = Vec<u8>)))]
pub async fn export(
    State(state): State<AppState>,
    principal: Principal,
    Json(body): Json<ExportBody>,
) -> ApiResult<Response> {
    principal.require(Permission::ExportArchive)?;
    let request = export_request(body.cases, body.class.as_deref(), body.permanent)?;
    let path = spool_path(&state, "export")?;
    let organisation = state.organisation.to_string();
    let actor = principal.name.clone();
    let out = path.clone();
    let exported = blocking(&state, move |registry| {
        let progress = kirjuri_archive::package::ExportProgress::default();
        export_as(registry, &request, &organisation, &actor, &out, &progress)
    })
    .await?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .len();
    let _ = tokio::fs::remove_file(&path).await;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_LENGTH, size.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.zip\"", exported.objid),
            ),
        ],
        Body::from_stream(tokio_util::io::ReaderStream::new(file)),
    )
        .into_response())
}

/// What to export, checked: cases, a class (and below), or the permanent records; at least one.
pub(crate) fn export_request(
    cases: Vec<String>,
    class: Option<&str>,
    permanent: bool,
) -> ApiResult<kirjuri_archive::package::ExportRequest> {
    let request = kirjuri_archive::package::ExportRequest {
        class: class_param(class)?,
        cases,
        permanent_only: permanent,
    };
    if request.cases.is_empty() && request.class.is_none() && !request.permanent_only {
        return Err(ApiError::bad_request(
            "say what to export: cases, a class, or permanent: true",
        ));
    }
    Ok(request)
}

/// The export use-case of the API and the web page: the organisation's signing key, the
/// signed package written at `out` (nothing left there when it fails), the export recorded and
/// audited (`archive.export`) by `kirjuri_archive`; `progress` counts what is written.
pub(crate) fn export_as(
    registry: &kirjuri_registry::Registry<'_>,
    request: &kirjuri_archive::package::ExportRequest,
    organisation: &str,
    actor: &str,
    out: &std::path::Path,
    progress: &kirjuri_archive::package::ExportProgress,
) -> ApiResult<kirjuri_archive::package::ExportSummary> {
    let key = kirjuri_archive::keys::load(registry.store.root()).map_err(|e| ApiError::Conflict {
        code: "no_signing_key",
        message: e.to_string(),
    })?;
    let result = kirjuri_archive::package::export_with_progress(
        registry,
        request,
        organisation,
        &key,
        out,
        chrono::Utc::now(),
        actor,
        progress,
    );
    if result.is_err() {
        let _ = std::fs::remove_file(out);
    }
    Ok(result?)
}

/// Checks a package at `path` against the organisation's own public key (the package's own
/// key when the organisation has none): the use-case of the API and the web page. The result
/// of checking a package made here is recorded, audited, for the annual report's verified
/// transfers (`kirjuri_archive::record_verification`).
pub(crate) fn verify_package(
    registry: &kirjuri_registry::Registry<'_>,
    path: &std::path::Path,
    actor: &kirjuri_registry::Actor,
) -> ApiResult<kirjuri_archive::verify::VerifyReport> {
    let trusted = kirjuri_archive::keys::public_text(registry.store.root())
        .ok()
        .and_then(|text| kirjuri_archive::keys::read_public(&text).ok());
    let report = kirjuri_archive::verify::verify(path, trusted.as_ref())
        .map_err(|e| ApiError::bad_request(format!("package: {e}")))?;
    kirjuri_archive::record_verification(registry.store, &report, actor)?;
    Ok(report)
}

/// Checks an uploaded package: every digest, the structure and the signature against the
/// organisation's own public key.
#[utoipa::path(post, path = "/archive/verify", tag = "archive",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The package (a zip file)"),
    responses((status = 200, description = "The report; `problems` is empty when the package is intact", body = VerifyAnswer)))]
pub async fn verify(
    State(state): State<AppState>,
    principal: Principal,
    request: Request,
) -> ApiResult<Json<VerifyAnswer>> {
    principal.require(Permission::VerifyArchive)?;
    let actor = actor_of(&principal);
    let path = spool_path(&state, "verify")?;
    let mut reader = limited_body(request, crate::MAX_UPLOAD_BYTES);
    let spooled = path.clone();
    blocking(&state, move |registry| {
        let result = (|| -> ApiResult<VerifyAnswer> {
            let mut file = std::fs::File::create(&spooled).map_err(|e| ApiError::Internal(e.to_string()))?;
            if let Err(error) = std::io::copy(&mut reader, &mut file) {
                return Err(reader.error().unwrap_or_else(|| ApiError::Internal(error.to_string())));
            }
            let report = verify_package(registry, &spooled, &actor)?;
            Ok(VerifyAnswer::from(&report))
        })();
        let _ = std::fs::remove_file(&spooled);
        result.map(Json)
    })
    .await
}

/// What the verification of a package found.
#[derive(Serialize, ToSchema)]
pub struct VerifyReportAnswer {
    /// The bag's root folder (the package id), when the zip could be read.
    pub bag: Option<String>,
    /// Files in the package.
    pub files: usize,
    /// Bytes of payload.
    pub payload_bytes: u64,
    /// Id of the key the signature was checked with.
    pub key_id: Option<String>,
    /// Where the key came from: `given` (the organisation's own key) or `package` (the
    /// package's own key, which proves integrity only, not origin).
    #[schema(pattern = "^(given|package( .*)?)$")]
    pub key_source: Option<String>,
    /// The signature's trusted comment.
    pub trusted_comment: Option<String>,
    /// Everything wrong with the package; empty when it is intact.
    pub problems: Vec<String>,
}

/// The verification of an archive package.
#[derive(Serialize, ToSchema)]
pub struct VerifyAnswer {
    /// True when the report found no problem.
    pub ok: bool,
    pub report: VerifyReportAnswer,
}

impl From<&kirjuri_archive::verify::VerifyReport> for VerifyAnswer {
    fn from(r: &kirjuri_archive::verify::VerifyReport) -> Self {
        VerifyAnswer {
            ok: r.ok(),
            report: VerifyReportAnswer {
                bag: r.bag.clone(),
                files: r.files,
                payload_bytes: r.payload_bytes,
                key_id: r.key_id.clone(),
                key_source: r.key_source.clone(),
                trusted_comment: r.trusted_comment.clone(),
                problems: r.problems.clone(),
            },
        }
    }
}
