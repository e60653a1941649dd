//! Archive packages: an E-ARK SIP 2.1 inside a BagIt 1.0 bag, zipped, signed once with minisign
//! over `tagmanifest-sha256.txt` (shared/docs/ARCHIVE.md §1–6).
//!
//! Streaming: the package is never held in memory. Every content byte is read once from the
//! content store and hashed once while it is written into a stored (not deflated) zip entry;
//! the digest also proves the stored content is intact. Only the metadata files, which are small,
//! are built in memory. The zip is written under a temporary name and renamed when complete.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use kirjuri_plan::{ClassCode, RetentionPeriod};
use kirjuri_registry::{CASE, Case, DOCUMENT, Document, Registry, RegistryError, RegistryResult, RetentionStatus};
use kirjuri_store::{AuditEvent, StoreError, hex};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::keys::SigningKey;

const PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
const METS_NS: &str = "http://www.loc.gov/METS/";
const CSIP_NS: &str = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
const SIP_NS: &str = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const PREMIS_NS: &str = "http://www.loc.gov/premis/v3";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const RECORDS_NS: &str = "urn:kirjuri:records:1";
const CONTENT_INFORMATION: &str = "Kirjuri records (SÄHKE2 model)";
/// Until a BagIt profile is published at a URL, its identifier is a URN (ARCHIVE.md §2.3).
const BAGIT_PROFILE: &str = "urn:kirjuri:bagit-profile:1";
const RECORDS_XSD: &str = include_str!("../assets/kirjuri-records.xsd");
const README: &str = include_str!("../assets/README.txt");
/// SÄHKE2 writes permanent retention as 999999 years.
const PERMANENT_YEARS: i64 = 999_999;

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

/// A thread that calls `fdatasync` on the package file while it is being written.
struct WriteBehind {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl WriteBehind {
    fn start(file: File) -> WriteBehind {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("package-write-behind".to_owned())
            .spawn(move || {
                while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(250));
                    // Errors show at the final sync_all, which must succeed.
                    let _ = file.sync_data();
                }
            })
            .ok();
        WriteBehind { stop, thread }
    }

    fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        self.halt();
    }
}

/// Reader threads that read and hash content files while the writer zips.
const READERS: usize = 2;

/// What a reader thread hands to the zip writer.
enum Chunk {
    /// The next content file begins (its index in the list of documents with content).
    Start(usize),
    Bytes(Vec<u8>),
    /// The file ended: its digest and size as read.
    End {
        sha256: String,
        size: u64,
    },
}

/// Reads until the buffer is full or the source ends.
fn read_full(source: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

struct Entry {
    /// Path relative to the bag root (`data/<OBJID>/…` for payload).
    path: String,
    sha256: String,
    size: u64,
}

/// Writes into the zip while hashing and counting.
struct Hashing<'a, W: Write> {
    inner: &'a mut W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.size += written as u64;
        Ok(written)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn io_err(path: &Path, error: impl std::fmt::Display) -> RegistryError {
    RegistryError::Store(StoreError::Io {
        path: path.display().to_string(),
        source: io::Error::other(error.to_string()),
    })
}

fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('.');
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

struct Package<'a, W: Write + io::Seek> {
    zip: zip::ZipWriter<W>,
    objid: String,
    entries: Vec<Entry>,
    out: &'a Path,
    stored: SimpleFileOptions,
    deflated: SimpleFileOptions,
}

impl<W: Write + io::Seek> Package<'_, W> {
    /// Adds a file under the bag root; payload paths start with `data/`.
    fn add(&mut self, bag_path: &str, bytes: &[u8]) -> RegistryResult<(String, u64)> {
        let name = format!("{}/{bag_path}", self.objid);
        self.zip
            .start_file(name, self.deflated)
            .map_err(|e| io_err(self.out, e))?;
        let mut hashing = Hashing {
            inner: &mut self.zip,
            hasher: Sha256::new(),
            size: 0,
        };
        hashing.write_all(bytes).map_err(|e| io_err(self.out, e))?;
        let sha256 = hex(&hashing.hasher.finalize());
        let size = hashing.size;
        if bag_path.starts_with("data/") {
            self.entries.push(Entry {
                path: bag_path.to_owned(),
                sha256: sha256.clone(),
                size,
            });
        }
        Ok((sha256, size))
    }
}

/// A file as METS and PREMIS describe it.
#[derive(Clone)]
struct FileRef {
    id: String,
    href: String,
    mime: String,
    size: u64,
    sha256: String,
    created: String,
}

type XmlWriter = Writer<Vec<u8>>;

fn xml_start() -> XmlWriter {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    writer
}

fn text(writer: &mut XmlWriter, name: &str, value: &str) -> io::Result<()> {
    writer.create_element(name).write_text_content(BytesText::new(value))?;
    Ok(())
}

fn file_element(writer: &mut XmlWriter, file: &FileRef, use_flocat: bool) -> io::Result<()> {
    let size = file.size.to_string();
    let element = writer
        .create_element("mets:file")
        .with_attribute(("ID", file.id.as_str()))
        .with_attribute(("MIMETYPE", file.mime.as_str()))
        .with_attribute(("SIZE", size.as_str()))
        .with_attribute(("CREATED", file.created.as_str()))
        .with_attribute(("CHECKSUM", file.sha256.as_str()))
        .with_attribute(("CHECKSUMTYPE", "SHA-256"));
    if use_flocat {
        element.write_inner_content(|w| {
            w.create_element("mets:FLocat")
                .with_attribute(("LOCTYPE", "URL"))
                .with_attribute(("xlink:type", "simple"))
                .with_attribute(("xlink:href", file.href.as_str()))
                .write_empty()?;
            Ok(())
        })?;
    } else {
        element.write_empty()?;
    }
    Ok(())
}

fn md_ref(writer: &mut XmlWriter, file: &FileRef, mdtype: &str, other: Option<&str>) -> io::Result<()> {
    let size = file.size.to_string();
    let mut element = writer
        .create_element("mets:mdRef")
        .with_attribute(("LOCTYPE", "URL"))
        .with_attribute(("xlink:type", "simple"))
        .with_attribute(("xlink:href", file.href.as_str()))
        .with_attribute(("MDTYPE", mdtype));
    if let Some(other) = other {
        element = element.with_attribute(("OTHERMDTYPE", other));
    }
    element
        .with_attribute(("MIMETYPE", file.mime.as_str()))
        .with_attribute(("SIZE", size.as_str()))
        .with_attribute(("CREATED", file.created.as_str()))
        .with_attribute(("CHECKSUM", file.sha256.as_str()))
        .with_attribute(("CHECKSUMTYPE", "SHA-256"))
        .write_empty()?;
    Ok(())
}

/// The administrative section with one PREMIS provenance reference.
fn provenance_section(writer: &mut XmlWriter, id: &str, premis: &FileRef) -> io::Result<()> {
    writer.create_element("mets:amdSec").write_inner_content(|w| {
        w.create_element("mets:digiprovMD")
            .with_attribute(("ID", id))
            .with_attribute(("STATUS", "CURRENT"))
            .write_inner_content(|w| md_ref(w, premis, "PREMIS", None))?;
        Ok(())
    })?;
    Ok(())
}

fn mets_root<'w>(writer: &'w mut XmlWriter, objid: &str, label: &str) -> quick_xml::writer::ElementWriter<'w, Vec<u8>> {
    writer
        .create_element("mets:mets")
        .with_attribute(("xmlns:mets", METS_NS))
        .with_attribute(("xmlns:csip", CSIP_NS))
        .with_attribute(("xmlns:sip", SIP_NS))
        .with_attribute(("xmlns:xlink", XLINK_NS))
        .with_attribute(("OBJID", objid))
        .with_attribute(("LABEL", label))
        .with_attribute(("TYPE", "Mixed"))
        .with_attribute(("csip:CONTENTINFORMATIONTYPE", "OTHER"))
        .with_attribute(("csip:OTHERCONTENTINFORMATIONTYPE", CONTENT_INFORMATION))
        .with_attribute(("PROFILE", PROFILE))
}

fn mets_header(writer: &mut XmlWriter, created: &str) -> io::Result<()> {
    writer
        .create_element("mets:metsHdr")
        .with_attribute(("CREATEDATE", created))
        .with_attribute(("LASTMODDATE", created))
        .with_attribute(("RECORDSTATUS", "NEW"))
        .with_attribute(("csip:OAISPACKAGETYPE", "SIP"))
        .write_inner_content(|w| {
            w.create_element("mets:agent")
                .with_attribute(("ROLE", "CREATOR"))
                .with_attribute(("TYPE", "OTHER"))
                .with_attribute(("OTHERTYPE", "SOFTWARE"))
                .write_inner_content(|w| {
                    text(w, "mets:name", "Kirjuri")?;
                    w.create_element("mets:note")
                        .with_attribute(("csip:NOTETYPE", "SOFTWARE VERSION"))
                        .write_text_content(BytesText::new(env!("CARGO_PKG_VERSION")))?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn file_group<'f>(
    writer: &mut XmlWriter,
    id: &str,
    use_: &str,
    files: impl Iterator<Item = &'f FileRef>,
) -> io::Result<()> {
    let files: Vec<&FileRef> = files.collect();
    writer
        .create_element("mets:fileGrp")
        .with_attribute(("ID", id))
        .with_attribute(("USE", use_))
        // Workaround for eark-validator 1.1.3's CSIP63 logic error (ARCHIVE.md §5.2).
        .with_attribute(("csip:CONTENTINFORMATIONTYPE", "OTHER"))
        .with_attribute(("csip:OTHERCONTENTINFORMATIONTYPE", CONTENT_INFORMATION))
        .write_inner_content(|w| {
            for file in &files {
                file_element(w, file, true)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A structMap `div` (every div has a LABEL: eark-validator 1.1.3 crashes without one) that
/// points at one file group.
fn fptr_div(writer: &mut XmlWriter, id: &str, label: &str, file_id: &str) -> io::Result<()> {
    writer
        .create_element("mets:div")
        .with_attribute(("ID", id))
        .with_attribute(("LABEL", label))
        .write_inner_content(|w| {
            w.create_element("mets:fptr")
                .with_attribute(("FILEID", file_id))
                .write_empty()?;
            Ok(())
        })?;
    Ok(())
}

fn finish(writer: XmlWriter) -> Vec<u8> {
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    bytes
}

fn premis_file_objects(writer: &mut XmlWriter, files: &[FileRef]) -> io::Result<()> {
    for file in files {
        writer
            .create_element("premis:object")
            .with_attribute(("xsi:type", "premis:file"))
            .write_inner_content(|w| {
                w.create_element("premis:objectIdentifier").write_inner_content(|w| {
                    text(w, "premis:objectIdentifierType", "local")?;
                    text(w, "premis:objectIdentifierValue", &file.id)
                })?;
                w.create_element("premis:objectCharacteristics")
                    .write_inner_content(|w| {
                        text(w, "premis:compositionLevel", "0")?;
                        w.create_element("premis:fixity").write_inner_content(|w| {
                            text(w, "premis:messageDigestAlgorithm", "SHA-256")?;
                            text(w, "premis:messageDigest", &file.sha256)
                        })?;
                        text(w, "premis:size", &file.size.to_string())?;
                        w.create_element("premis:format").write_inner_content(|w| {
                            w.create_element("premis:formatDesignation")
                                .write_inner_content(|w| text(w, "premis:formatName", &file.mime))?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
    }
    Ok(())
}

fn premis_event(
    writer: &mut XmlWriter,
    id: &str,
    event_type: &str,
    at: &str,
    detail: &str,
    agent: &str,
    objects: &[&str],
) -> io::Result<()> {
    writer.create_element("premis:event").write_inner_content(|w| {
        w.create_element("premis:eventIdentifier").write_inner_content(|w| {
            text(w, "premis:eventIdentifierType", "local")?;
            text(w, "premis:eventIdentifierValue", id)
        })?;
        text(w, "premis:eventType", event_type)?;
        text(w, "premis:eventDateTime", at)?;
        w.create_element("premis:eventDetailInformation")
            .write_inner_content(|w| text(w, "premis:eventDetail", detail))?;
        w.create_element("premis:linkingAgentIdentifier")
            .write_inner_content(|w| {
                text(w, "premis:linkingAgentIdentifierType", "local")?;
                text(w, "premis:linkingAgentIdentifierValue", agent)
            })?;
        for object in objects {
            w.create_element("premis:linkingObjectIdentifier")
                .write_inner_content(|w| {
                    text(w, "premis:linkingObjectIdentifierType", "local")?;
                    text(w, "premis:linkingObjectIdentifierValue", object)
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn premis_agent(writer: &mut XmlWriter, id: &str, name: &str, agent_type: &str, note: &str) -> io::Result<()> {
    writer.create_element("premis:agent").write_inner_content(|w| {
        w.create_element("premis:agentIdentifier").write_inner_content(|w| {
            text(w, "premis:agentIdentifierType", "local")?;
            text(w, "premis:agentIdentifierValue", id)
        })?;
        text(w, "premis:agentName", name)?;
        text(w, "premis:agentType", agent_type)?;
        text(w, "premis:agentNote", note)
    })?;
    Ok(())
}

fn premis_document(body: impl FnOnce(&mut XmlWriter) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let mut writer = xml_start();
    writer
        .create_element("premis:premis")
        .with_attribute(("xmlns:premis", PREMIS_NS))
        .with_attribute(("xmlns:xsi", XSI_NS))
        .with_attribute(("version", "3.0"))
        .write_inner_content(body)?;
    Ok(finish(writer))
}

fn selected_documents(registry: &Registry<'_>, request: &ExportRequest) -> RegistryResult<Vec<Document>> {
    let store = registry.store;
    let mut documents: Vec<Document> = Vec::new();
    if !request.cases.is_empty() {
        for reference in &request.cases {
            let case = registry.find_case(reference)?;
            documents.extend(registry.documents_of_case(&case.id)?);
        }
    } else if let Some(class) = &request.class {
        for id in store.scan_index_prefix("class", &format!("{}.", class.dotted()), DOCUMENT)? {
            if let Some(document) = store.get::<Document>(DOCUMENT, &id)? {
                documents.push(document);
            }
        }
    } else if request.permanent_only {
        documents = store.list::<Document>(DOCUMENT)?;
    } else {
        return Err(RegistryError::Invalid {
            code: "no_selection",
            message: "choose what to export: cases (`case`), a class (`class`) or the permanent records (`permanent`)"
                .to_owned(),
        });
    }
    if request.permanent_only {
        documents.retain(|d| d.retention_status == RetentionStatus::Permanent);
    }
    documents.sort_by_key(|d| {
        (
            d.case_id.clone(),
            d.id.trim_start_matches("doc-").parse::<u64>().unwrap_or(0),
        )
    });
    documents.dedup_by(|a, b| a.id == b.id);
    if documents.is_empty() {
        return Err(RegistryError::Invalid {
            code: "nothing_to_export",
            message: "the selection holds no records".to_owned(),
        });
    }
    Ok(documents)
}

fn records_xml(
    objid: &str,
    organisation: &str,
    created: &str,
    cases: &BTreeMap<String, Case>,
    documents: &[Document],
    files: &BTreeMap<String, FileRef>,
    titles: &BTreeMap<ClassCode, String>,
) -> io::Result<Vec<u8>> {
    let mut writer = xml_start();
    writer
        .create_element("k:Records")
        .with_attribute(("xmlns:k", RECORDS_NS))
        .with_attribute(("objid", objid))
        .with_attribute(("organisation", organisation))
        .with_attribute(("exported", created))
        .write_inner_content(|w| {
            let classes: std::collections::BTreeSet<&ClassCode> = cases.values().map(|c| &c.class).collect();
            for class in classes {
                w.create_element("k:Classification")
                    .with_attribute(("code", class.spaced().as_str()))
                    .with_attribute(("title", titles.get(class).map_or("", String::as_str)))
                    .write_empty()?;
            }
            for case in cases.values() {
                w.create_element("k:CaseFile").write_inner_content(|w| {
                    text(w, "k:NativeId", &case.id)?;
                    text(w, "k:OtherId", &case.diary_number.to_string())?;
                    text(w, "k:Title", &case.title)?;
                    text(w, "k:Function", &case.class.spaced())?;
                    text(w, "k:Created", &case.opened_on.to_string())?;
                    if let Some(decided) = case.decided_on {
                        text(w, "k:Decided", &decided.to_string())?;
                    }
                    text(w, "k:Status", case.state.finnish())?;
                    text(w, "k:Department", &case.department)?;
                    for party in &case.parties {
                        text(w, "k:Party", party)?;
                    }
                    for document in documents.iter().filter(|d| d.case_id == case.id) {
                        record_element(w, document, files.get(&document.id))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(finish(writer))
}

fn record_element(w: &mut XmlWriter, document: &Document, file: Option<&FileRef>) -> io::Result<()> {
    w.create_element("k:Record").write_inner_content(|w| {
        text(w, "k:NativeId", &document.id)?;
        text(w, "k:Title", &document.title)?;
        text(w, "k:Type", &document.record_type_name)?;
        text(w, "k:TypeSpecifier", &document.record_type)?;
        text(w, "k:Created", &document.created_on.to_string())?;
        text(w, "k:Language", &document.language)?;
        text(w, "k:Direction", &format!("{:?}", document.direction).to_lowercase())?;
        w.create_element("k:Restriction").write_inner_content(|w| {
            text(
                w,
                "k:PublicityClass",
                document.restriction.publicity.map_or("", |p| p.finnish()),
            )?;
            if let Some(years) = document.restriction.secrecy_years {
                text(w, "k:SecurityPeriod", &years.to_string())?;
            }
            for reason in &document.restriction.secrecy_reasons {
                text(w, "k:SecurityReason", reason)?;
            }
            text(
                w,
                "k:PersonalData",
                document.restriction.personal_data.map_or("", |p| p.finnish()),
            )
        })?;
        let years = match document.retention.period {
            Some(RetentionPeriod::Years(years)) => i64::from(years),
            _ => PERMANENT_YEARS,
        };
        text(w, "k:RetentionPeriod", &years.to_string())?;
        text(
            w,
            "k:RetentionReason",
            document.retention.reason.as_deref().unwrap_or(""),
        )?;
        if let RetentionStatus::EndsOn(end) = document.retention_status {
            text(w, "k:RetentionPeriodEnd", &end.to_string())?;
        }
        text(w, "k:Status", "valmis")?;
        if let Some(paper) = &document.physical {
            let place = [
                Some(paper.archive_room.clone()),
                paper.shelf.clone(),
                paper.box_label.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ");
            text(w, "k:StorageLocation", &place)?;
        }
        if let Some(file) = file {
            let size = file.size.to_string();
            w.create_element("k:Document")
                .with_attribute(("fileId", file.id.as_str()))
                .with_attribute(("href", format!("representations/rep1/{}", file.href).as_str()))
                .with_attribute(("sha256", file.sha256.as_str()))
                .with_attribute(("size", size.as_str()))
                .with_attribute(("mimeType", file.mime.as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn dublin_core(
    objid: &str,
    organisation: &str,
    created: &str,
    title: &str,
    first: &str,
    last: &str,
) -> io::Result<Vec<u8>> {
    let mut writer = xml_start();
    writer
        .create_element("metadata")
        .with_attribute(("xmlns:dc", "http://purl.org/dc/elements/1.1/"))
        .write_inner_content(|w| {
            text(w, "dc:title", title)?;
            text(w, "dc:identifier", objid)?;
            text(w, "dc:creator", organisation)?;
            text(w, "dc:date", &format!("{first}/{last}"))?;
            text(w, "dc:type", "Collection")?;
            text(w, "dc:description", &format!("Kirjuri archive export, {created}"))
        })?;
    Ok(finish(writer))
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
    let documents = selected_documents(registry, request)?;
    let store = registry.store;
    let mut cases: BTreeMap<String, Case> = BTreeMap::new();
    for document in &documents {
        if !cases.contains_key(&document.case_id)
            && let Some(case) = store.get::<Case>(CASE, &document.case_id)?
        {
            cases.insert(case.id.clone(), case);
        }
    }
    let titles: BTreeMap<ClassCode, String> = registry
        .plans
        .current()
        .map(|p| p.classes.iter().map(|(c, k)| (c.clone(), k.title.clone())).collect())
        .unwrap_or_default();
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
        stored: SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true)
            .last_modified_time(zip_time),
        deflated: SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip_time),
    };
    let result = write_package(
        &mut package,
        registry,
        &documents,
        &cases,
        &titles,
        organisation,
        key,
        &created,
        at,
    );
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

#[allow(clippy::too_many_arguments)]
fn write_package<W: Write + io::Seek>(
    package: &mut Package<'_, W>,
    registry: &Registry<'_>,
    documents: &[Document],
    cases: &BTreeMap<String, Case>,
    titles: &BTreeMap<ClassCode, String>,
    organisation: &str,
    key: &SigningKey,
    created: &str,
    at: DateTime<Utc>,
) -> RegistryResult<ExportSummary> {
    let objid = package.objid.clone();
    let out = package.out;
    let xml_err = |e: io::Error| io_err(out, e);
    let rep = format!("data/{objid}/representations/rep1");

    // 1. Record files. Every byte is read once and hashed once: reader threads read content
    //    files in 1 MiB chunks and hash them, the main thread writes the same chunks into
    //    stored zip entries (CRC32 and write). The bounded channels keep at most a few chunks
    //    per reader in memory, whatever the package size.
    let mut files: BTreeMap<String, FileRef> = BTreeMap::new();
    let with_content: Vec<&Document> = documents.iter().filter(|d| d.content.is_some()).collect();
    let blobs = registry.store.blobs();
    let with_content = &with_content;
    std::thread::scope(|scope| -> RegistryResult<()> {
        // Two reader threads take alternate files (hashing is the costly part and a file is
        // hashed by one thread from start to end); the writer takes the files in order, each
        // from its reader's bounded channel.
        let mut receivers = Vec::with_capacity(READERS);
        let mut readers = Vec::with_capacity(READERS);
        for lane in 0..READERS {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Chunk>(8);
            receivers.push(receiver);
            readers.push(scope.spawn(move || -> RegistryResult<()> {
                for (index, document) in with_content.iter().enumerate().skip(lane).step_by(READERS) {
                    let Some(content) = &document.content else { continue };
                    let mut source = blobs.open_unverified(&content.sha256)?;
                    let mut hasher = Sha256::new();
                    let mut size = 0u64;
                    if sender.send(Chunk::Start(index)).is_err() {
                        return Ok(());
                    }
                    loop {
                        let mut buffer = vec![0u8; 1 << 20];
                        let read = read_full(&mut source, &mut buffer).map_err(|e| io_err(out, e))?;
                        if read == 0 {
                            break;
                        }
                        buffer.truncate(read);
                        hasher.update(&buffer);
                        size += read as u64;
                        if sender.send(Chunk::Bytes(buffer)).is_err() {
                            return Ok(());
                        }
                    }
                    let sha256 = hex(&hasher.finalize());
                    // The digest computed while reading must equal the content address.
                    if sha256 != content.sha256.as_str() {
                        return Err(RegistryError::Store(StoreError::Corrupt {
                            what: format!("content {} of {}", content.sha256, document.id),
                            detail: format!("its bytes hash to {sha256}; nothing was exported"),
                        }));
                    }
                    if sender.send(Chunk::End { sha256, size }).is_err() {
                        return Ok(());
                    }
                }
                Ok(())
            }));
        }
        let mut current: Option<(&Document, String)> = None;
        let mut write_error = None;
        // The chunks in package order: file i comes from reader i % READERS.
        let mut next_file = 0usize;
        let ordered = std::iter::from_fn(|| {
            if next_file >= with_content.len() {
                return None;
            }
            let chunk = receivers[next_file % READERS].recv().ok()?;
            if matches!(chunk, Chunk::End { .. }) {
                next_file += 1;
            }
            Some(chunk)
        });
        for chunk in ordered {
            let step = (|| -> RegistryResult<()> {
                match chunk {
                    Chunk::Start(index) => {
                        let document = with_content[index];
                        let content = document
                            .content
                            .as_ref()
                            .ok_or_else(|| io_err(out, "content vanished"))?;
                        let href = format!("data/{}/{}", document.id, safe_name(&content.file_name));
                        package
                            .zip
                            .start_file(format!("{objid}/{rep}/{href}"), package.stored)
                            .map_err(|e| io_err(out, e))?;
                        current = Some((document, href));
                    }
                    Chunk::Bytes(bytes) => package.zip.write_all(&bytes).map_err(|e| io_err(out, e))?,
                    Chunk::End { sha256, size } => {
                        let (document, href) = current.take().ok_or_else(|| io_err(out, "chunk order"))?;
                        let content = document
                            .content
                            .as_ref()
                            .ok_or_else(|| io_err(out, "content vanished"))?;
                        package.entries.push(Entry {
                            path: format!("{rep}/{href}"),
                            sha256: sha256.clone(),
                            size,
                        });
                        let registered = document.registered_at.to_rfc3339_opts(SecondsFormat::Secs, true);
                        let file = FileRef {
                            id: format!("file-{}", document.id),
                            href,
                            mime: content.media_type.clone(),
                            size,
                            sha256,
                            created: registered,
                        };
                        files.insert(document.id.clone(), file);
                    }
                }
                Ok(())
            })();
            if let Err(error) = step {
                write_error = Some(error);
                break;
            }
        }
        // A reader blocked on a full channel ends when its receiver goes.
        drop(receivers);
        let mut read_result = Ok(());
        for reader in readers {
            let result = reader.join().map_err(|_| io_err(out, "a reader thread panicked"))?;
            if read_result.is_ok() {
                read_result = result;
            }
        }
        if let Some(error) = write_error {
            return Err(error);
        }
        read_result
    })?;
    let file_list: Vec<FileRef> = files.values().cloned().collect();

    // 2. Representation PREMIS and METS.
    let rep_premis = premis_document(|w| {
        premis_file_objects(w, &file_list)?;
        for (n, file) in file_list.iter().enumerate() {
            premis_event(
                w,
                &format!("rep1-ingest-{}", n + 1),
                "ingestion",
                &file.created,
                "registered in Kirjuri with its SHA-256 content address",
                "kirjuri",
                &[file.id.as_str()],
            )?;
        }
        let ids: Vec<&str> = file_list.iter().map(|f| f.id.as_str()).collect();
        premis_event(
            w,
            "rep1-digest",
            "message digest calculation",
            created,
            "SHA-256 computed while the package was written",
            "kirjuri",
            &ids,
        )?;
        premis_agent(w, "kirjuri", "Kirjuri", "software", env!("CARGO_PKG_VERSION"))
    })
    .map_err(xml_err)?;
    let (premis_sha, premis_size) = package.add(&format!("{rep}/metadata/preservation/premis.xml"), &rep_premis)?;
    let rep_premis_ref = FileRef {
        id: "rep1-premis".to_owned(),
        href: "metadata/preservation/premis.xml".to_owned(),
        mime: "application/xml".to_owned(),
        size: premis_size,
        sha256: premis_sha,
        created: created.to_owned(),
    };
    let mut writer = xml_start();
    mets_root(&mut writer, &format!("{objid}-rep1"), "rep1")
        .write_inner_content(|w| {
            mets_header(w, created)?;
            provenance_section(w, "rep1-prov", &rep_premis_ref)?;
            w.create_element("mets:fileSec")
                .with_attribute(("ID", "rep1-fs"))
                .write_inner_content(|w| file_group(w, "rep1-data", "Data", file_list.iter()))?;
            w.create_element("mets:structMap")
                .with_attribute(("ID", "rep1-sm"))
                .with_attribute(("TYPE", "PHYSICAL"))
                .with_attribute(("LABEL", "CSIP"))
                .write_inner_content(|w| {
                    w.create_element("mets:div")
                        .with_attribute(("ID", "rep1-root"))
                        .with_attribute(("LABEL", "rep1"))
                        .write_inner_content(|w| {
                            w.create_element("mets:div")
                                .with_attribute(("ID", "rep1-md"))
                                .with_attribute(("LABEL", "Metadata"))
                                .with_attribute(("ADMID", "rep1-prov"))
                                .write_empty()?;
                            fptr_div(w, "rep1-div-data", "Data", "rep1-data")
                        })?;
                    Ok(())
                })?;
            Ok(())
        })
        .map_err(xml_err)?;
    let (rep_mets_sha, rep_mets_size) = package.add(&format!("{rep}/METS.xml"), &finish(writer))?;

    // 3. Descriptive and preservation metadata, documentation, schemas, then the root METS.
    let records = records_xml(&objid, organisation, created, cases, documents, &files, titles).map_err(xml_err)?;
    let root = format!("data/{objid}");
    let (records_sha, records_size) = package.add(&format!("{root}/metadata/descriptive/records.xml"), &records)?;
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
    let title = format!("{organisation}: {} asiaa, {} asiakirjaa", cases.len(), documents.len());
    let dc = dublin_core(&objid, organisation, created, &title, &first, &last).map_err(xml_err)?;
    let (dc_sha, dc_size) = package.add(&format!("{root}/metadata/descriptive/dc.xml"), &dc)?;
    let package_premis = premis_document(|w| {
        premis_event(
            w,
            "export",
            "transfer",
            created,
            &format!(
                "archive export {objid}: {} records, {} files",
                documents.len(),
                file_list.len()
            ),
            "kirjuri",
            &[],
        )?;
        premis_event(
            w,
            "signing",
            "digital signature generation",
            created,
            &format!("minisign (Ed25519) over tagmanifest-sha256.txt with key {}", key.key_id),
            "signing-key",
            &[],
        )?;
        premis_agent(w, "kirjuri", "Kirjuri", "software", env!("CARGO_PKG_VERSION"))?;
        premis_agent(
            w,
            "signing-key",
            &format!("minisign key {}", key.key_id),
            "software",
            organisation,
        )
    })
    .map_err(xml_err)?;
    let (premis_root_sha, premis_root_size) =
        package.add(&format!("{root}/metadata/preservation/premis.xml"), &package_premis)?;
    let (readme_sha, readme_size) = package.add(&format!("{root}/documentation/README.txt"), README.as_bytes())?;
    let (xsd_sha, xsd_size) = package.add(&format!("{root}/schemas/kirjuri-records.xsd"), RECORDS_XSD.as_bytes())?;
    let file_ref = |id: &str, href: &str, mime: &str, sha256: String, size: u64| FileRef {
        id: id.to_owned(),
        href: href.to_owned(),
        mime: mime.to_owned(),
        size,
        sha256,
        created: created.to_owned(),
    };
    let records_ref = file_ref(
        "md-records",
        "metadata/descriptive/records.xml",
        "application/xml",
        records_sha,
        records_size,
    );
    let dc_ref = file_ref(
        "md-dc",
        "metadata/descriptive/dc.xml",
        "application/xml",
        dc_sha,
        dc_size,
    );
    let premis_ref = file_ref(
        "md-premis",
        "metadata/preservation/premis.xml",
        "application/xml",
        premis_root_sha,
        premis_root_size,
    );
    let readme_ref = file_ref(
        "doc-readme",
        "documentation/README.txt",
        "text/plain",
        readme_sha,
        readme_size,
    );
    let xsd_ref = file_ref(
        "schema-records",
        "schemas/kirjuri-records.xsd",
        "application/xml",
        xsd_sha,
        xsd_size,
    );
    let rep_mets_ref = file_ref(
        "rep1-mets",
        "representations/rep1/METS.xml",
        "application/xml",
        rep_mets_sha,
        rep_mets_size,
    );
    let mut writer = xml_start();
    mets_root(&mut writer, &objid, &title)
        .write_inner_content(|w| {
            mets_header(w, created)?;
            for (id, reference, mdtype, other) in [
                ("dmd-records", &records_ref, "OTHER", Some("KIRJURI-RECORDS")),
                ("dmd-dc", &dc_ref, "DC", None),
            ] {
                w.create_element("mets:dmdSec")
                    .with_attribute(("ID", id))
                    .with_attribute(("CREATED", created))
                    .with_attribute(("STATUS", "CURRENT"))
                    .write_inner_content(|w| md_ref(w, reference, mdtype, other))?;
            }
            provenance_section(w, "prov-package", &premis_ref)?;
            w.create_element("mets:fileSec")
                .with_attribute(("ID", "fs"))
                .write_inner_content(|w| {
                    file_group(w, "grp-doc", "Documentation", std::iter::once(&readme_ref))?;
                    file_group(w, "grp-xsd", "Schemas", std::iter::once(&xsd_ref))?;
                    file_group(w, "grp-rep1", "Representations/rep1", std::iter::once(&rep_mets_ref))
                })?;
            w.create_element("mets:structMap")
                .with_attribute(("ID", "sm"))
                .with_attribute(("TYPE", "PHYSICAL"))
                .with_attribute(("LABEL", "CSIP"))
                .write_inner_content(|w| {
                    w.create_element("mets:div")
                        .with_attribute(("ID", "sm-root"))
                        .with_attribute(("LABEL", objid.as_str()))
                        .write_inner_content(|w| {
                            w.create_element("mets:div")
                                .with_attribute(("ID", "sm-md"))
                                .with_attribute(("LABEL", "Metadata"))
                                .with_attribute(("DMDID", "dmd-records dmd-dc"))
                                .with_attribute(("ADMID", "prov-package"))
                                .write_empty()?;
                            fptr_div(w, "sm-doc", "Documentation", "grp-doc")?;
                            fptr_div(w, "sm-xsd", "Schemas", "grp-xsd")?;
                            w.create_element("mets:div")
                                .with_attribute(("ID", "sm-reps"))
                                .with_attribute(("LABEL", "Representations"))
                                .write_inner_content(|w| {
                                    w.create_element("mets:fptr")
                                        .with_attribute(("FILEID", "grp-rep1"))
                                        .write_empty()?;
                                    w.create_element("mets:div")
                                        .with_attribute(("ID", "sm-rep1"))
                                        .with_attribute(("LABEL", "Representations/rep1"))
                                        .write_inner_content(|w| {
                                            w.create_element("mets:mptr")
                                                .with_attribute(("LOCTYPE", "URL"))
                                                .with_attribute(("xlink:type", "simple"))
                                                .with_attribute(("xlink:title", "grp-rep1"))
                                                .with_attribute(("xlink:href", "representations/rep1/METS.xml"))
                                                .write_empty()?;
                                            Ok(())
                                        })?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
            Ok(())
        })
        .map_err(xml_err)?;
    package.add(&format!("{root}/METS.xml"), &finish(writer))?;

    // 4. BagIt tag files, the public key, the tag manifest and its signature.
    let mut manifest = String::new();
    let mut payload_bytes = 0u64;
    for entry in &package.entries {
        manifest.push_str(&format!("{}  {}\n", entry.sha256, bagit_path(&entry.path)));
        payload_bytes += entry.size;
    }
    let payload_files = package.entries.len();
    let bagit_txt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    let bag_info = format!(
        "Source-Organization: {organisation}\nBagging-Date: {}\nPayload-Oxum: {payload_bytes}.{payload_files}\nExternal-Identifier: {objid}\nBagIt-Profile-Identifier: {BAGIT_PROFILE}\nKirjuri-Signing-Key-Id: {}\nKirjuri-Version: {}\n",
        at.format("%Y-%m-%d"),
        key.key_id,
        env!("CARGO_PKG_VERSION")
    );
    let public_key = key.public.to_box().map_err(|e| io_err(out, e))?.into_string();
    let mut tag_manifest = String::new();
    for (name, bytes) in [
        ("bagit.txt", bagit_txt.as_bytes()),
        ("bag-info.txt", bag_info.as_bytes()),
        ("manifest-sha256.txt", manifest.as_bytes()),
        ("minisign.pub", public_key.as_bytes()),
    ] {
        let (sha256, _) = package.add(name, bytes)?;
        tag_manifest.push_str(&format!("{sha256}  {name}\n"));
    }
    package.add("tagmanifest-sha256.txt", tag_manifest.as_bytes())?;
    let trusted = format!("Kirjuri archive export {objid} {created} key {}", key.key_id);
    let signature = minisign::sign(
        Some(&key.public),
        &key.secret,
        io::Cursor::new(tag_manifest.as_bytes()),
        Some(&trusted),
        Some("Kirjuri archive package signature"),
    )
    .map_err(|e| io_err(out, e))?;
    package.add("tagmanifest-sha256.txt.minisig", signature.to_string().as_bytes())?;
    Ok(ExportSummary {
        objid,
        cases: cases.len(),
        documents: documents.len(),
        content_files: file_list.len(),
        payload_files,
        payload_bytes,
        key_id: key.key_id.clone(),
    })
}

/// RFC 8493: only CR, LF and % are percent-encoded in manifest paths.
pub fn bagit_path(path: &str) -> String {
    path.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}
