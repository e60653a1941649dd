//! Archive packages: an E-ARK SIP 2.1 inside a BagIt 1.0 bag, zipped, signed once with minisign
//! over `tagmanifest-sha256.txt` (shared/docs/ARCHIVE.md §1–6).
//!
//! Streaming: the package is never held in memory. Every content byte is read once from the
//! content store and hashed once while it is written into a stored (not deflated) zip entry;
//! the digest also proves the stored content is intact. Only the metadata files, which are small,
//! are built in memory. The zip is written under a temporary name and renamed when complete.
//!
//! The package is written in named steps, each in its own module: `selection` (which records),
//! `stream` (the zip and the content files), `premis` and `mets` (provenance and structure),
//! `records` (descriptive metadata) and `bagit` (manifests and the signature); `xml` holds what
//! the XML writers share. `write_package` below runs the steps in package order.

mod bagit;
mod mets;
mod premis;
mod records;
mod selection;
mod stream;
mod xml;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use kirjuri_plan::ClassCode;
use kirjuri_registry::{Case, Document, Registry, RegistryError, RegistryResult};
use kirjuri_store::{AuditEvent, StoreError};
use serde::Serialize;
use zip::write::SimpleFileOptions;

use crate::keys::SigningKey;
use mets::RootFiles;
use stream::{Package, WriteBehind};
use xml::FileRef;

pub use bagit::bagit_path;

const RECORDS_XSD: &str = include_str!("../../assets/kirjuri-records.xsd");
const README: &str = include_str!("../../assets/README.txt");

/// Record kind of a completed export: the archive transfers the annual report counts.
pub const EXPORT: &str = "archive_export";

/// A completed export, kept in the store.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ExportRecord {
    pub summary: ExportSummary,
    pub exported_at: DateTime<Utc>,
    pub exported_by: String,
    pub file_name: String,
}

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// Cases by diary number or id; all their documents.
    pub cases: Vec<String>,
    /// Every document in this class (and below).
    pub class: Option<ClassCode>,
    /// Only permanently kept records.
    pub permanent_only: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ExportSummary {
    pub objid: String,
    pub cases: usize,
    pub documents: usize,
    pub content_files: usize,
    pub payload_files: usize,
    pub payload_bytes: u64,
    pub key_id: String,
}

fn io_err(path: &Path, error: impl std::fmt::Display) -> RegistryError {
    RegistryError::Store(StoreError::Io {
        path: path.display().to_string(),
        source: io::Error::other(error.to_string()),
    })
}

/// How far an export has got, for a page that shows a long export's progress: the content
/// files and bytes to write and those written so far. Atomics, so another thread reads them
/// while the export runs; the export only counts, it never waits for a reader.
#[derive(Debug, Default)]
pub struct ExportProgress {
    pub files_total: AtomicUsize,
    pub files_done: AtomicUsize,
    pub bytes_total: AtomicU64,
    pub bytes_done: AtomicU64,
}

impl ExportProgress {
    /// Files and bytes written so far and in all: `(files_done, files_total, bytes_done, bytes_total)`.
    pub fn snapshot(&self) -> (usize, usize, u64, u64) {
        (
            self.files_done.load(Ordering::Relaxed),
            self.files_total.load(Ordering::Relaxed),
            self.bytes_done.load(Ordering::Relaxed),
            self.bytes_total.load(Ordering::Relaxed),
        )
    }
}

/// Exports the selected records as a signed package at `out`.
pub fn export(
    registry: &Registry<'_>,
    request: &ExportRequest,
    organisation: &str,
    key: &SigningKey,
    out: &Path,
    at: DateTime<Utc>,
    actor: &str,
) -> RegistryResult<ExportSummary> {
    export_with_progress(
        registry,
        request,
        organisation,
        key,
        out,
        at,
        actor,
        &ExportProgress::default(),
    )
}

/// [`export`], counting the content files and bytes written into `progress` as it goes.
#[allow(clippy::too_many_arguments)] // the export's own arguments and the progress it reports to
pub fn export_with_progress(
    registry: &Registry<'_>,
    request: &ExportRequest,
    organisation: &str,
    key: &SigningKey,
    out: &Path,
    at: DateTime<Utc>,
    actor: &str,
    progress: &ExportProgress,
) -> RegistryResult<ExportSummary> {
    let documents = selection::selected_documents(registry, request)?;
    let store = registry.store;
    let cases = selection::cases_of(registry, &documents)?;
    let titles = selection::class_titles(registry);
    let objid = format!("kirjuri-{}", uuid::Uuid::new_v4());
    let created = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let zip_time = zip::DateTime::from_date_and_time(
        u16::try_from(at.year()).unwrap_or(1980),
        u8::try_from(at.month()).unwrap_or(1),
        u8::try_from(at.day()).unwrap_or(1),
        u8::try_from(at.hour()).unwrap_or(0),
        u8::try_from(at.minute()).unwrap_or(0),
        u8::try_from(at.second()).unwrap_or(0),
    )
    .unwrap_or_default();

    let temporary = out.with_extension("partial");
    let file = File::create(&temporary).map_err(|e| io_err(&temporary, e))?;
    // Write-behind: a helper flushes what has been written so far every quarter second, so the
    // disk writes while the readers hash, and the final fsync has little left to do.
    let write_behind = WriteBehind::start(file.try_clone().map_err(|e| io_err(&temporary, e))?);
    let mut package = Package {
        zip: zip::ZipWriter::new(BufWriter::with_capacity(1 << 20, file)),
        objid: objid.clone(),
        entries: Vec::new(),
        out,
        progress,
        stored: SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true)
            .last_modified_time(zip_time),
        deflated: SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip_time),
    };
    let contents = Contents {
        documents: &documents,
        cases: &cases,
        titles: &titles,
        organisation,
        key,
        created: &created,
        at,
    };
    let result = write_package(&mut package, registry, &contents);
    let finished = result.and_then(|summary| {
        package
            .zip
            .finish()
            .map(|writer| (summary, writer))
            .map_err(|e| io_err(out, e))
    });
    let (summary, writer) = match finished {
        Ok(done) => done,
        Err(error) => {
            let _ = std::fs::remove_file(&temporary);
            return Err(error);
        }
    };
    let file = writer.into_inner().map_err(|e| io_err(out, e.into_error()))?;
    write_behind.stop();
    file.sync_all().map_err(|e| io_err(&temporary, e))?;
    std::fs::rename(&temporary, out).map_err(|e| io_err(out, e))?;
    // The export time is the caller's (the package's own timestamps use it too).
    let exported_at = at;
    let record = ExportRecord {
        summary: summary.clone(),
        exported_at,
        exported_by: actor.to_owned(),
        file_name: out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    // The audit entry names every document the package holds, so a log investigation of a
    // person finds the exports that carried their records.
    let document_ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    store.transact(|tx| {
        let day = exported_at.format("%Y-%m-%d").to_string();
        tx.put(
            EXPORT,
            &record.summary.objid,
            &record,
            &[kirjuri_store::IndexKey::new("exported", day)],
        )?;
        tx.audit(
            &AuditEvent::new(exported_at, actor, "archive.export")
                .target(EXPORT, &record.summary.objid)
                .detail(serde_json::json!({
                    "documents": summary.documents, "files": summary.content_files,
                    "bytes": summary.payload_bytes, "key_id": summary.key_id,
                    "document_ids": document_ids,
                })),
        )
    })?;
    Ok(summary)
}

/// What the package's steps share: what it holds, who made it and when.
struct Contents<'a> {
    documents: &'a [Document],
    cases: &'a BTreeMap<String, Case>,
    titles: &'a BTreeMap<ClassCode, String>,
    organisation: &'a str,
    key: &'a SigningKey,
    created: &'a str,
    at: DateTime<Utc>,
}

/// Writes the whole package in its steps, in package order (every entry's place in the zip and
/// in the manifests follows from this order).
fn write_package<W: Write + io::Seek>(
    package: &mut Package<'_, W>,
    registry: &Registry<'_>,
    contents: &Contents<'_>,
) -> RegistryResult<ExportSummary> {
    let Contents {
        documents,
        cases,
        organisation,
        key,
        created,
        at,
        ..
    } = *contents;
    let rep = format!("data/{}/representations/rep1", package.objid);
    // 1. Record files, streamed from the content store.
    let files = stream::write_content_files(package, registry, documents, &rep)?;
    let file_list: Vec<FileRef> = files.values().cloned().collect();
    // 2. Representation PREMIS and METS.
    let rep_mets = write_representation_metadata(package, &rep, &file_list, created)?;
    // 3. Descriptive and preservation metadata, documentation, schemas, then the root METS.
    write_package_metadata(package, contents, &files, file_list.len(), rep_mets)?;
    // 4. BagIt tag files, the public key, the tag manifest and its signature.
    let payload = bagit::write_tag_files(package, organisation, key, created, at)?;
    Ok(ExportSummary {
        objid: package.objid.clone(),
        cases: cases.len(),
        documents: documents.len(),
        content_files: file_list.len(),
        payload_files: payload.files,
        payload_bytes: payload.bytes,
        key_id: key.key_id.clone(),
    })
}

/// A metadata file written at `created`, as METS and PREMIS describe it.
fn metadata_ref(id: &str, href: &str, mime: &str, (sha256, size): (String, u64), created: &str) -> FileRef {
    FileRef {
        id: id.to_owned(),
        href: href.to_owned(),
        mime: mime.to_owned(),
        size,
        sha256,
        created: created.to_owned(),
    }
}

/// Writes the representation's PREMIS and METS; returns its METS as the root METS points at it.
fn write_representation_metadata<W: Write + io::Seek>(
    package: &mut Package<'_, W>,
    rep: &str,
    file_list: &[FileRef],
    created: &str,
) -> RegistryResult<FileRef> {
    let out = package.out;
    let xml_err = |e: io::Error| io_err(out, e);
    let rep_premis = premis::representation_premis(file_list, created).map_err(xml_err)?;
    let written = package.add(&format!("{rep}/metadata/preservation/premis.xml"), &rep_premis)?;
    let rep_premis_ref = metadata_ref(
        "rep1-premis",
        "metadata/preservation/premis.xml",
        "application/xml",
        written,
        created,
    );
    let objid = package.objid.clone();
    let rep_mets = mets::representation_mets(&objid, created, &rep_premis_ref, file_list).map_err(xml_err)?;
    let written = package.add(&format!("{rep}/METS.xml"), &rep_mets)?;
    Ok(metadata_ref(
        "rep1-mets",
        "representations/rep1/METS.xml",
        "application/xml",
        written,
        created,
    ))
}

/// Writes the package's descriptive metadata (records, Dublin Core), its PREMIS, the
/// documentation and schema, then the root METS over them all.
fn write_package_metadata<W: Write + io::Seek>(
    package: &mut Package<'_, W>,
    contents: &Contents<'_>,
    files: &BTreeMap<String, FileRef>,
    content_files: usize,
    rep_mets: FileRef,
) -> RegistryResult<()> {
    let Contents {
        documents,
        cases,
        titles,
        organisation,
        key,
        created,
        ..
    } = *contents;
    let objid = package.objid.clone();
    let out = package.out;
    let xml_err = |e: io::Error| io_err(out, e);
    let root = format!("data/{objid}");
    let records =
        records::records_xml(&objid, organisation, created, cases, documents, files, titles).map_err(xml_err)?;
    let records_written = package.add(&format!("{root}/metadata/descriptive/records.xml"), &records)?;
    let title = format!("{organisation}: {} asiaa, {} asiakirjaa", cases.len(), documents.len());
    let (first, last) = date_range(documents);
    let dc = records::dublin_core(&objid, organisation, created, &title, &first, &last).map_err(xml_err)?;
    let dc_written = package.add(&format!("{root}/metadata/descriptive/dc.xml"), &dc)?;
    let package_premis = premis::package_premis(
        &objid,
        organisation,
        created,
        documents.len(),
        content_files,
        &key.key_id,
    )
    .map_err(xml_err)?;
    let premis_written = package.add(&format!("{root}/metadata/preservation/premis.xml"), &package_premis)?;
    let readme_written = package.add(&format!("{root}/documentation/README.txt"), README.as_bytes())?;
    let xsd_written = package.add(&format!("{root}/schemas/kirjuri-records.xsd"), RECORDS_XSD.as_bytes())?;
    let root_files = RootFiles {
        records: metadata_ref(
            "md-records",
            "metadata/descriptive/records.xml",
            "application/xml",
            records_written,
            created,
        ),
        dc: metadata_ref(
            "md-dc",
            "metadata/descriptive/dc.xml",
            "application/xml",
            dc_written,
            created,
        ),
        premis: metadata_ref(
            "md-premis",
            "metadata/preservation/premis.xml",
            "application/xml",
            premis_written,
            created,
        ),
        readme: metadata_ref(
            "doc-readme",
            "documentation/README.txt",
            "text/plain",
            readme_written,
            created,
        ),
        xsd: metadata_ref(
            "schema-records",
            "schemas/kirjuri-records.xsd",
            "application/xml",
            xsd_written,
            created,
        ),
        rep_mets,
    };
    let root_mets = mets::package_mets(&objid, &title, created, &root_files).map_err(xml_err)?;
    package.add(&format!("{root}/METS.xml"), &root_mets)?;
    Ok(())
}

/// The first and last creation dates of the records (empty when there are none).
fn date_range(documents: &[Document]) -> (String, String) {
    let first = documents
        .iter()
        .map(|d| d.created_on)
        .min()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let last = documents
        .iter()
        .map(|d| d.created_on)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default();
    (first, last)
}
