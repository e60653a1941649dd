//! `kirjuri archive verify`: everything ARCHIVE.md §9 asks of our own verifier, which the public
//! E-ARK validator does not check — full BagIt validation (Payload-Oxum, every digest
//! recomputed, no missing or unlisted files, tag manifest), the minisign signature with its key
//! id against bag-info, the single payload folder, and for the root METS and every
//! representation METS: targets exist, SIZE and CHECKSUM match, IDs unique and references
//! resolve, every div labelled, no orphan payload files. Each problem names the file.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use kirjuri_store::hex;
use minisign::{PublicKey, SignatureBox};
use quick_xml::events::Event;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The metadata files the checks parse are kept in memory up to this size each; every other
/// entry, and whatever a kept file holds beyond this, is only hashed while it is read. 16 MiB
/// of METS describes tens of thousands of files.
const MAX_METADATA_FILE: usize = 16 * 1024 * 1024;
/// All kept metadata files together (issue 14: a 2 MB upload of compressible entries once
/// took the server to 2.4 GB).
const MAX_METADATA_TOTAL: usize = 48 * 1024 * 1024;
/// The buffer each entry is hashed through.
const READ_BUFFER: usize = 256 * 1024;

/// Whether the checks parse this bag path: the BagIt tag files, the signature and its key,
/// the root METS and each representation's METS. Payload files are only ever hashed.
fn is_metadata_file(bag_path: &str) -> bool {
    const TAG_FILES: [&str; 6] = [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha256.txt.minisig",
        "minisign.pub",
    ];
    if TAG_FILES.contains(&bag_path) {
        return true;
    }
    // data/<package>/METS.xml or data/<package>/representations/<rep>/METS.xml
    let parts: Vec<&str> = bag_path.split('/').collect();
    matches!(
        parts.as_slice(),
        ["data", _, "METS.xml"] | ["data", _, "representations", _, "METS.xml"]
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub bag: Option<String>,
    pub files: usize,
    pub payload_bytes: u64,
    pub key_id: Option<String>,
    /// Where the key came from: `given` or `package` (which proves integrity only).
    pub key_source: Option<String>,
    pub trusted_comment: Option<String>,
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

struct Contents {
    root: String,
    /// bag path → (sha256, size)
    digests: BTreeMap<String, (String, u64)>,
    /// small files kept for parsing
    small: BTreeMap<String, Vec<u8>>,
}

/// Most entries a package may hold: the zip library keeps the whole central directory in
/// memory, several hundred bytes per entry.
const MAX_ENTRIES: u64 = 100_000;
/// Largest central directory a package may declare.
const MAX_CENTRAL_DIRECTORY: u64 = 32 * 1024 * 1024;
/// The rule for how much a package may unpack to: at most this many times its own size...
const MAX_EXPANSION: u64 = 100;
/// ...plus this, so that a small package of deflated metadata is never refused. Our packages
/// store content as it is and deflate only the metadata, so a real one unpacks to little more
/// than its size; a zip bomb unpacks to a thousand times its size. Without the cap a 1 MB upload
/// whose entries all pointed at one 1 GiB stream had the server hash 20 GiB (issue 17).
const EXPANSION_ALLOWANCE: u64 = 1024 * 1024;

/// How many bytes a package of `package_size` bytes may unpack to (see [`MAX_EXPANSION`]).
fn unpack_limit(package_size: u64) -> u64 {
    package_size
        .saturating_mul(MAX_EXPANSION)
        .saturating_add(EXPANSION_ALLOWANCE)
}

/// Checks the zip's layout before any entry is decompressed: every entry must own its bytes
/// (its local header and data overlap no other entry's — a bomb points many entries at one
/// stream), and the uncompressed sizes the entries declare must together stay within
/// [`unpack_limit`]. Each problem says why the package is refused.
fn check_layout<R: Read + io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    path: &Path,
    limit: u64,
    problems: &mut Vec<String>,
) {
    // (local header offset, end of data, entry name)
    let mut spans: Vec<(u64, u64, String)> = Vec::with_capacity(archive.len());
    let mut declared = 0u64;
    for index in 0..archive.len() {
        // An entry whose local header cannot be read is reported when it is read below.
        let Ok(entry) = archive.by_index_raw(index) else {
            continue;
        };
        declared = declared.saturating_add(entry.size());
        let start = entry.header_start();
        let data_start = entry.data_start().unwrap_or(start);
        let end = data_start
            .saturating_add(entry.compressed_size())
            .max(start.saturating_add(1));
        spans.push((
            start,
            end,
            entry
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| format!("entry {index}")),
        ));
    }
    spans.sort_unstable_by_key(|(start, _, _)| *start);
    let mut overlaps = 0usize;
    let mut first = None;
    let mut furthest: Option<(u64, &str)> = None;
    for (start, end, name) in &spans {
        if let Some((previous_end, previous)) = furthest {
            if *start < previous_end {
                overlaps += 1;
                first.get_or_insert_with(|| (previous.to_owned(), name.clone(), *start));
            }
            if *end > previous_end {
                furthest = Some((*end, name));
            }
        } else {
            furthest = Some((*end, name));
        }
    }
    if let Some((previous, name, at)) = first {
        problems.push(format!(
            "{}: {overlaps} zip entries overlap others (the first: `{name}` at byte {at} lies within \
             `{previous}`); each entry must have its own bytes, so the package is refused unread",
            path.display()
        ));
    }
    if declared > limit {
        problems.push(format!(
            "{}: its entries declare {declared} bytes uncompressed, more than {MAX_EXPANSION} times \
             the package's size plus {EXPANSION_ALLOWANCE} bytes ({limit} bytes); the package is \
             refused unread",
            path.display()
        ));
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).map_or(0, |b| {
        let mut array = [0u8; 8];
        array.copy_from_slice(b);
        u64::from_le_bytes(array)
    })
}

/// The largest entry count and central-directory size that any end-of-central-directory
/// record in the file's tail declares (zip64 records included), read before the zip library
/// parses the directory into memory. Every candidate counts, so a decoy record cannot hide a
/// larger one.
fn declared_directory(file: &mut File) -> io::Result<(u64, u64)> {
    use std::io::{Seek, SeekFrom};
    const EOCD: &[u8] = b"PK\x05\x06";
    const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
    const ZIP64_EOCD: &[u8] = b"PK\x06\x06";
    let length = file.seek(SeekFrom::End(0))?;
    let tail_length = length.min(22 + 65_535);
    file.seek(SeekFrom::Start(length - tail_length))?;
    let mut tail = Vec::new();
    file.by_ref().take(tail_length).read_to_end(&mut tail)?;
    let (mut entries, mut directory) = (0u64, 0u64);
    for at in (0..tail.len().saturating_sub(21)).filter(|&at| tail[at..].starts_with(EOCD)) {
        entries = entries.max(u16_at(&tail, at + 10));
        directory = directory.max(u32_at(&tail, at + 12));
        let Some(locator) = at.checked_sub(20).filter(|&l| tail[l..].starts_with(ZIP64_LOCATOR)) else {
            continue;
        };
        let zip64_offset = u64_at(&tail, locator + 8);
        if zip64_offset.saturating_add(56) > length {
            continue;
        }
        let mut record = [0u8; 56];
        file.seek(SeekFrom::Start(zip64_offset))?;
        file.read_exact(&mut record)?;
        if record.starts_with(ZIP64_EOCD) {
            entries = entries.max(u64_at(&record, 32));
            directory = directory.max(u64_at(&record, 40));
        }
    }
    file.seek(SeekFrom::Start(0))?;
    Ok((entries, directory))
}

fn read_zip(path: &Path, problems: &mut Vec<String>) -> io::Result<Option<Contents>> {
    let mut file = File::open(path)?;
    let limit = unpack_limit(file.metadata()?.len());
    let (entries, directory) = declared_directory(&mut file)?;
    if entries > MAX_ENTRIES || directory > MAX_CENTRAL_DIRECTORY {
        problems.push(format!(
            "{}: declares {entries} entries in a {directory}-byte central directory; a package may \
             hold at most {MAX_ENTRIES} entries and {MAX_CENTRAL_DIRECTORY} bytes of directory",
            path.display()
        ));
        return Ok(None);
    }
    let mut archive = match zip::ZipArchive::new(BufReader::new(file)) {
        Ok(archive) => archive,
        Err(error) => {
            problems.push(format!("{}: not a readable zip: {error}", path.display()));
            return Ok(None);
        }
    };
    let refusals = problems.len();
    check_layout(&mut archive, path, limit, problems);
    if problems.len() > refusals {
        return Ok(None);
    }
    let mut roots = BTreeSet::new();
    let mut digests = BTreeMap::new();
    let mut small = BTreeMap::new();
    let mut metadata_budget = MAX_METADATA_TOTAL;
    // Bytes actually read, against the same limit: a header that understates its size gets
    // no more than an honest one.
    let mut unpacked = 0u64;
    let mut buffer = vec![0u8; READ_BUFFER];
    for index in 0..archive.len() {
        let mut entry = match archive.by_index(index) {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(format!("zip entry {index}: {error}"));
                continue;
            }
        };
        let Some(name) = entry.enclosed_name() else {
            problems.push(format!("zip entry {index} has an unsafe path"));
            continue;
        };
        let name = name.to_string_lossy().replace('\\', "/");
        if entry.is_dir() {
            continue;
        }
        let Some((root, rest)) = name.split_once('/') else {
            problems.push(format!("`{name}` lies outside the single root folder"));
            continue;
        };
        roots.insert(root.to_owned());
        // The size in the zip is a claim; what is kept is counted while it is read.
        let cap = MAX_METADATA_FILE.min(metadata_budget);
        let mut kept: Option<Vec<u8>> = is_metadata_file(rest).then(Vec::new);
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        loop {
            let read = entry.read(&mut buffer)?;
            if read == 0 {
                break;
            }
            unpacked = unpacked.saturating_add(read as u64);
            if unpacked > limit {
                problems.push(format!(
                    "{}: `{name}` unpacks to more than its header declares, past {limit} bytes \
                     ({MAX_EXPANSION} times the package's size plus {EXPANSION_ALLOWANCE}); reading stopped",
                    path.display()
                ));
                return Ok(None);
            }
            hasher.update(&buffer[..read]);
            size += read as u64;
            if let Some(bytes) = kept.as_mut() {
                if bytes.len() + read > cap {
                    problems.push(format!(
                        "{rest}: larger than the {} bytes this verifier reads of a metadata file",
                        cap
                    ));
                    kept = None;
                } else {
                    bytes.extend_from_slice(&buffer[..read]);
                }
            }
        }
        digests.insert(rest.to_owned(), (hex(&hasher.finalize()), size));
        if let Some(bytes) = kept {
            metadata_budget -= bytes.len();
            small.insert(rest.to_owned(), bytes);
        }
    }
    if roots.len() != 1 {
        problems.push(format!(
            "the zip must hold exactly one root folder (the bag), found {}",
            roots.len()
        ));
        return Ok(None);
    }
    let root = roots.into_iter().next().unwrap_or_default();
    Ok(Some(Contents { root, digests, small }))
}

fn parse_manifest(name: &str, text: &str, problems: &mut Vec<String>) -> BTreeMap<String, String> {
    let mut entries = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((digest, path)) = line.split_once("  ").or_else(|| line.split_once(' ')) else {
            problems.push(format!("{name}:{}: not `<digest>  <path>`", number + 1));
            continue;
        };
        let path = path
            .trim()
            .replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%");
        if let Some(previous) = entries.insert(path.clone(), digest.trim().to_lowercase())
            && previous != digest.trim().to_lowercase()
        {
            problems.push(format!(
                "{name}:{}: {path} is listed twice with different digests",
                number + 1
            ));
        }
    }
    entries
}

fn bag_info(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// A file a METS points at, with what it claims about it.
#[derive(Default, Clone)]
struct Target {
    href: String,
    size: Option<String>,
    checksum: Option<String>,
    checksum_type: Option<String>,
    line: usize,
}

/// One METS file's references, for cross-checking.
#[derive(Default)]
struct MetsFacts {
    ids: Vec<String>,
    targets: Vec<Target>,
    references: Vec<(String, String, usize)>,
    unlabelled_divs: Vec<usize>,
}

fn mets_facts(bytes: &[u8]) -> Result<MetsFacts, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut facts = MetsFacts::default();
    let line_at = |position: u64| {
        text.as_bytes()[..usize::try_from(position).unwrap_or(0).min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    };
    loop {
        let position = reader.buffer_position();
        match reader
            .read_event()
            .map_err(|e| format!("line {}: {e}", line_at(reader.error_position())))?
        {
            Event::Start(element) | Event::Empty(element) => {
                let line = line_at(position);
                let local = element.local_name().as_ref().to_owned();
                let mut attributes = BTreeMap::new();
                for attribute in element.attributes().flatten() {
                    let key = attribute.key.as_ref().to_owned();
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    attributes.insert(key, value);
                }
                if let Some(id) = attributes.get("ID") {
                    facts.ids.push(id.clone());
                }
                match local.as_str() {
                    "FLocat" | "mdRef" | "mptr" => {
                        if let Some(href) = attributes.get("xlink:href") {
                            let (size, checksum, kind) = if local == "mdRef" {
                                (
                                    attributes.get("SIZE").cloned(),
                                    attributes.get("CHECKSUM").cloned(),
                                    attributes.get("CHECKSUMTYPE").cloned(),
                                )
                            } else {
                                (None, None, None)
                            };
                            facts.targets.push(Target {
                                href: href.clone(),
                                size,
                                checksum,
                                checksum_type: kind,
                                line,
                            });
                        }
                    }
                    "file" => {
                        // The FLocat that follows carries the href; remember the attributes here.
                        facts.targets.push(Target {
                            href: String::new(),
                            size: attributes.get("SIZE").cloned(),
                            checksum: attributes.get("CHECKSUM").cloned(),
                            checksum_type: Some(attributes.get("CHECKSUMTYPE").cloned().unwrap_or_default()),
                            line,
                        });
                    }
                    "div" => {
                        if !attributes.contains_key("LABEL") {
                            facts.unlabelled_divs.push(line);
                        }
                        for key in ["ADMID", "DMDID"] {
                            if let Some(value) = attributes.get(key) {
                                for reference in value.split_whitespace() {
                                    facts.references.push((key.to_owned(), reference.to_owned(), line));
                                }
                            }
                        }
                    }
                    "fptr" => {
                        if let Some(value) = attributes.get("FILEID") {
                            facts.references.push(("FILEID".to_owned(), value.clone(), line));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Merge each mets:file's attributes with the FLocat href that follows it.
    let mut merged = Vec::new();
    let mut pending: Option<Target> = None;
    for target in facts.targets.drain(..) {
        if target.href.is_empty() {
            pending = Some(target);
        } else if let Some(file) = pending.take() {
            merged.push(Target {
                href: target.href,
                ..file
            });
        } else {
            merged.push(target);
        }
    }
    facts.targets = merged;
    Ok(facts)
}

fn check_mets(
    name: &str,
    base: &str,
    bytes: &[u8],
    digests: &BTreeMap<String, (String, u64)>,
    referenced: &mut HashSet<String>,
    problems: &mut Vec<String>,
) {
    let facts = match mets_facts(bytes) {
        Ok(facts) => facts,
        Err(error) => {
            problems.push(format!("{name}: {error}"));
            return;
        }
    };
    let mut seen = HashSet::new();
    for id in &facts.ids {
        if !seen.insert(id.clone()) {
            problems.push(format!("{name}: ID `{id}` is not unique"));
        }
    }
    for (kind, reference, line) in &facts.references {
        if !seen.contains(reference) {
            problems.push(format!("{name}:{line}: {kind} `{reference}` refers to no element"));
        }
    }
    for line in &facts.unlabelled_divs {
        problems.push(format!("{name}:{line}: a mets:div has no LABEL"));
    }
    for Target {
        href,
        size,
        checksum,
        checksum_type: kind,
        line,
    } in &facts.targets
    {
        let target = format!("{base}{href}");
        let Some((digest, actual_size)) = digests.get(&target) else {
            problems.push(format!("{name}:{line}: `{href}` does not exist in the package"));
            continue;
        };
        referenced.insert(target.clone());
        if let Some(size) = size
            && size != &actual_size.to_string()
        {
            problems.push(format!(
                "{name}:{line}: `{href}` has SIZE {size} but is {actual_size} bytes"
            ));
        }
        if let Some(checksum) = checksum
            && checksum.to_lowercase() != *digest
        {
            problems.push(format!("{name}:{line}: `{href}` CHECKSUM does not match its content"));
        }
        if let Some(kind) = kind
            && kind != "SHA-256"
        {
            problems.push(format!("{name}:{line}: CHECKSUMTYPE `{kind}` is not SHA-256"));
        }
    }
}

/// Verifies a package; `trusted_key` is the key received out of band.
pub fn verify(path: &Path, trusted_key: Option<&PublicKey>) -> io::Result<VerifyReport> {
    let mut problems = Vec::new();
    let mut report = VerifyReport {
        bag: None,
        files: 0,
        payload_bytes: 0,
        key_id: None,
        key_source: None,
        trusted_comment: None,
        problems: Vec::new(),
    };
    let Some(contents) = read_zip(path, &mut problems)? else {
        report.problems = problems;
        return Ok(report);
    };
    report.bag = Some(contents.root.clone());
    report.files = contents.digests.len();
    let small_text = |name: &str| {
        contents
            .small
            .get(name)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };

    // BagIt: declaration, manifests, completeness, Payload-Oxum, tag manifest.
    match small_text("bagit.txt") {
        Some(text) if text.contains("BagIt-Version: 1.0") => {}
        Some(_) => problems.push("bagit.txt: BagIt-Version is not 1.0".to_owned()),
        None => problems.push("bagit.txt is missing".to_owned()),
    }
    let manifest = small_text("manifest-sha256.txt")
        .map(|t| parse_manifest("manifest-sha256.txt", &t, &mut problems))
        .unwrap_or_else(|| {
            problems.push("manifest-sha256.txt is missing".to_owned());
            BTreeMap::new()
        });
    let payload: BTreeMap<&String, &(String, u64)> = contents
        .digests
        .iter()
        .filter(|(p, _)| p.starts_with("data/"))
        .collect();
    for (path, (digest, _)) in &payload {
        match manifest.get(*path) {
            Some(listed) if listed == digest => {}
            Some(_) => problems.push(format!("{path}: its SHA-256 does not match manifest-sha256.txt")),
            None => problems.push(format!("{path}: payload file not listed in manifest-sha256.txt")),
        }
    }
    for listed in manifest.keys() {
        if !contents.digests.contains_key(listed) {
            problems.push(format!("{listed}: listed in manifest-sha256.txt but missing"));
        }
    }
    let payload_bytes: u64 = payload.values().map(|(_, size)| size).sum();
    report.payload_bytes = payload_bytes;
    let info = small_text("bag-info.txt").map(|t| bag_info(&t)).unwrap_or_default();
    let oxum = format!("{payload_bytes}.{}", payload.len());
    match info.get("Payload-Oxum") {
        Some(listed) if *listed == oxum => {}
        Some(listed) => problems.push(format!("bag-info.txt: Payload-Oxum {listed} but the payload is {oxum}")),
        None => problems.push("bag-info.txt: Payload-Oxum is missing".to_owned()),
    }
    match small_text("tagmanifest-sha256.txt") {
        Some(text) => {
            let tags = parse_manifest("tagmanifest-sha256.txt", &text, &mut problems);
            for (name, digest) in &tags {
                match contents.digests.get(name) {
                    Some((actual, _)) if actual == digest => {}
                    Some(_) => problems.push(format!("{name}: does not match tagmanifest-sha256.txt (altered)")),
                    None => problems.push(format!("{name}: listed in tagmanifest-sha256.txt but missing")),
                }
            }
            for required in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
                if !tags.contains_key(required) {
                    problems.push(format!("tagmanifest-sha256.txt does not list {required}"));
                }
            }
        }
        None => problems.push("tagmanifest-sha256.txt is missing".to_owned()),
    }

    // Signature over the tag manifest, with the trusted key (or the package's own, flagged).
    let packaged_key = small_text("minisign.pub").and_then(|t| crate::keys::read_public(&t).ok());
    let (key, source) = match (trusted_key, &packaged_key) {
        (Some(key), _) => (Some(key.clone()), "given"),
        (None, Some(key)) => (Some(key.clone()), "package (proves integrity only, not origin)"),
        (None, None) => (None, ""),
    };
    report.key_source = key.as_ref().map(|_| source.to_owned());
    match (
        key,
        contents.small.get("tagmanifest-sha256.txt"),
        small_text("tagmanifest-sha256.txt.minisig"),
    ) {
        (Some(key), Some(signed), Some(signature_text)) => {
            let id = crate::keys::key_id(&key).ok();
            report.key_id = id.clone();
            if let (Some(id), Some(listed)) = (&id, info.get("Kirjuri-Signing-Key-Id"))
                && id != listed
            {
                problems.push(format!(
                    "bag-info.txt: Kirjuri-Signing-Key-Id {listed} is not the verifying key {id}"
                ));
            }
            match SignatureBox::from_string(&signature_text) {
                Ok(signature) => {
                    report.trusted_comment = signature.trusted_comment().ok();
                    if let Err(error) =
                        minisign::verify(&key, &signature, io::Cursor::new(signed.as_slice()), true, false, false)
                    {
                        problems.push(format!(
                            "tagmanifest-sha256.txt.minisig: signature does not verify: {error}"
                        ));
                    }
                }
                Err(error) => problems.push(format!("tagmanifest-sha256.txt.minisig: {error}")),
            }
        }
        (None, _, _) => problems.push(
            "no public key: give the organisation's public key (`key`), or the package must carry minisign.pub"
                .to_owned(),
        ),
        (_, None, _) => {}
        (_, _, None) => problems.push("tagmanifest-sha256.txt.minisig is missing".to_owned()),
    }

    // The E-ARK package: one folder under data/, named as External-Identifier and OBJID.
    let folders: BTreeSet<&str> = payload
        .keys()
        .filter_map(|p| p.strip_prefix("data/"))
        .filter_map(|p| p.split('/').next())
        .collect();
    if folders.len() != 1 {
        problems.push(format!(
            "data/ must hold exactly one package folder, found {}",
            folders.len()
        ));
    }
    if let Some(folder) = folders.iter().next() {
        if info.get("External-Identifier").is_some_and(|e| e != folder) {
            problems.push(format!(
                "bag-info.txt: External-Identifier is not the package folder `{folder}`"
            ));
        }
        let mut referenced: HashSet<String> = HashSet::new();
        let base = format!("data/{folder}/");
        let root_mets = format!("{base}METS.xml");
        match contents.small.get(&root_mets) {
            Some(bytes) => {
                if !String::from_utf8_lossy(bytes).contains(&format!("OBJID=\"{folder}\"")) {
                    problems.push(format!("{root_mets}: OBJID is not `{folder}`"));
                }
                referenced.insert(root_mets.clone());
                check_mets(
                    &root_mets,
                    &base,
                    bytes,
                    &contents.digests,
                    &mut referenced,
                    &mut problems,
                );
            }
            None => problems.push(format!("{root_mets} is missing")),
        }
        let representation_mets: Vec<String> = contents
            .small
            .keys()
            .filter(|p| p.starts_with(&format!("{base}representations/")) && p.ends_with("/METS.xml"))
            .cloned()
            .collect();
        for mets in representation_mets {
            let rep_base = mets.trim_end_matches("METS.xml").to_owned();
            if let Some(bytes) = contents.small.get(&mets) {
                check_mets(
                    &mets,
                    &rep_base,
                    bytes,
                    &contents.digests,
                    &mut referenced,
                    &mut problems,
                );
            }
        }
        for path in payload.keys() {
            if !referenced.contains(*path) {
                problems.push(format!("{path}: payload file referenced by no METS"));
            }
        }
    }
    report.problems = problems;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn only_named_metadata_files_are_parsed() {
        for kept in [
            "bagit.txt",
            "manifest-sha256.txt",
            "tagmanifest-sha256.txt.minisig",
            "data/pkg/METS.xml",
            "data/pkg/representations/rep1/METS.xml",
        ] {
            assert!(is_metadata_file(kept), "{kept}");
        }
        for hashed in [
            "data/pkg/representations/rep1/data/METS.xml",
            "data/pkg/metadata/descriptive/ead.xml",
            "data/pkg/zeros.bin",
            "other.txt",
        ] {
            assert!(!is_metadata_file(hashed), "{hashed}");
        }
    }

    /// One deflated entry of `size` zeros, written by the zip library.
    fn one_deflated_entry(path: &Path, name: &str, size: usize) {
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(File::create(path).unwrap()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false);
        zip.start_file(name, options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..size / zeros.len() {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap().flush().unwrap();
    }

    /// A zip bomb: the local header and deflate stream of one entry of `size` zeros, then a
    /// central directory of `copies` entries (names of the same length) that all point at it.
    fn overlapping_bomb(path: &Path, size: usize, copies: usize) {
        let name = "bag/data/pkg/zeros-00000.bin";
        one_deflated_entry(path, name, size);
        let bytes = std::fs::read(path).unwrap();
        let eocd = bytes.len() - 22;
        assert!(bytes[eocd..].starts_with(b"PK\x05\x06"), "no comment, no zip64");
        let directory_at = usize::try_from(u32_at(&bytes, eocd + 16)).unwrap();
        let record = &bytes[directory_at..eocd];
        assert!(record.starts_with(b"PK\x01\x02") && u16_at(record, 28) == name.len() as u64);
        let mut out = bytes[..directory_at].to_vec();
        for n in 0..copies {
            let mut copy = record.to_vec();
            copy[46..46 + name.len()].copy_from_slice(format!("bag/data/pkg/zeros-{n:05}.bin").as_bytes());
            out.extend_from_slice(&copy);
        }
        let directory_size = out.len() - directory_at;
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        let count = u16::try_from(copies).unwrap().to_le_bytes();
        out.extend_from_slice(&count);
        out.extend_from_slice(&count);
        out.extend_from_slice(&u32::try_from(directory_size).unwrap().to_le_bytes());
        out.extend_from_slice(&u32::try_from(directory_at).unwrap().to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        std::fs::write(path, out).unwrap();
    }

    #[test]
    fn entries_sharing_one_stream_are_refused_before_any_is_hashed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.zip");
        let (size, copies) = (64 * 1024 * 1024, 100);
        overlapping_bomb(&path, size, copies);
        let package = std::fs::metadata(&path).unwrap().len();
        assert!(package < 200 * 1024, "a small upload ({package} bytes)");

        let report = verify(&path, None).unwrap();
        eprintln!("bomb: {package} bytes, {copies} × {size} bytes declared; {report:?}");
        assert_eq!((report.files, report.payload_bytes), (0, 0), "nothing was hashed");
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.contains(&format!("{} zip entries overlap", copies - 1))
                    && p.contains("each entry must have its own bytes")),
            "{:?}",
            report.problems
        );
    }

    #[test]
    fn a_package_that_unpacks_past_the_cap_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ratio.zip");
        // 8 MiB of zeros deflate to some kilobytes: far past 100 × that plus 1 MiB.
        one_deflated_entry(&path, "bag/data/pkg/zeros.bin", 8 * 1024 * 1024);
        let package = std::fs::metadata(&path).unwrap().len();
        let report = verify(&path, None).unwrap();
        assert_eq!((report.files, report.payload_bytes), (0, 0), "nothing was hashed");
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        assert!(
            report.problems[0].contains(&format!(
                "declare {} bytes uncompressed, more than 100 times the package's size plus 1048576 bytes ({} bytes)",
                8 * 1024 * 1024,
                unpack_limit(package)
            )),
            "{:?}",
            report.problems
        );

        // Within the cap the same kind of entry is read and hashed as before.
        one_deflated_entry(&path, "bag/data/pkg/zeros.bin", 1024 * 1024);
        let report = verify(&path, None).unwrap();
        assert_eq!(report.files, 1, "{:?}", report.problems);
        assert!(
            !report.problems.iter().any(|p| p.contains("refused")),
            "{:?}",
            report.problems
        );
    }

    #[test]
    fn a_package_with_too_many_entries_is_refused_before_its_directory_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.zip");
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(File::create(&path).unwrap()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for n in 0..=MAX_ENTRIES {
            zip.start_file(format!("bag/data/pkg/{n}"), options).unwrap();
        }
        zip.finish().unwrap().flush().unwrap();

        let report = verify(&path, None).unwrap();
        assert_eq!(report.files, 0, "no entry was read");
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        assert!(
            report.problems[0].contains(&format!("declares {} entries", MAX_ENTRIES + 1)),
            "{:?}",
            report.problems
        );
    }
}
