//! What does the package say about the records themselves? The descriptive metadata:
//! `records.xml` (classes, case files and records in the SÄHKE2 model, valid against the shipped
//! `kirjuri-records.xsd`) and the Dublin Core summary `dc.xml`.

use std::collections::BTreeMap;
use std::io;

use kirjuri_plan::{ClassCode, RetentionPeriod};
use kirjuri_registry::{Case, Document, RetentionStatus};

use super::xml::{FileRef, XmlWriter, finish, text, xml_start};

const RECORDS_NS: &str = "urn:kirjuri:records:1";
/// SÄHKE2 writes permanent retention as 999999 years.
const PERMANENT_YEARS: i64 = 999_999;

pub(super) fn records_xml(
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
                        record_element(w, case, document, files.get(&document.id))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(finish(writer))
}

fn record_element(w: &mut XmlWriter, case: &Case, document: &Document, file: Option<&FileRef>) -> io::Result<()> {
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
                // The citation as written; a ground of the controlled list also by its key.
                match kirjuri_plan::secrecy_grounds::parse(reason) {
                    Ok(ground) => w
                        .create_element("k:SecurityReason")
                        .with_attribute(("key", ground.key))
                        .write_text_content(quick_xml::events::BytesText::new(reason))
                        .map(|_| ())?,
                    Err(_) => text(w, "k:SecurityReason", reason)?,
                }
            }
            if let Some(start) = document.restriction.secrecy_start
                && document.restriction.publicity.is_some_and(|p| p.requires_secrecy())
            {
                text(w, "k:SecurityPeriodStart", start.finnish())?;
            }
            // When the secrecy ends and by which rule (Publicity Act §31, DOMAIN.md §3.1).
            if let Some(end) = document.secrecy_end(case) {
                if let Some(day) = end.ends_on() {
                    text(w, "k:SecurityPeriodEnd", &day.to_string())?;
                }
                text(w, "k:SecurityPeriodRule", &end.describe_en())?;
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

pub(super) fn dublin_core(
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
