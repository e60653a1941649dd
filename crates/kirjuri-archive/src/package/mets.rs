//! What does the package's structure say? The METS documents: the representation's
//! (`representations/rep1/METS.xml`, its record files) and the root one (`METS.xml`, the
//! descriptive and preservation metadata, documentation, schemas and the representation),
//! written to the E-ARK CSIP/SIP profile with the workarounds eark-validator needs.

use std::io;

use quick_xml::events::BytesText;

use super::xml::{FileRef, XmlWriter, finish, text, xml_start};

const PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
const METS_NS: &str = "http://www.loc.gov/METS/";
const CSIP_NS: &str = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
const SIP_NS: &str = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const CONTENT_INFORMATION: &str = "Kirjuri records (SÄHKE2 model)";

/// The files the root METS points at, each as written into the package.
pub(super) struct RootFiles {
    pub(super) records: FileRef,
    pub(super) dc: FileRef,
    pub(super) premis: FileRef,
    pub(super) readme: FileRef,
    pub(super) xsd: FileRef,
    pub(super) rep_mets: FileRef,
}

/// `representations/rep1/METS.xml`: the record files and the representation's PREMIS.
pub(super) fn representation_mets(
    objid: &str,
    created: &str,
    rep_premis_ref: &FileRef,
    file_list: &[FileRef],
) -> io::Result<Vec<u8>> {
    let mut writer = xml_start();
    mets_root(&mut writer, &format!("{objid}-rep1"), "rep1").write_inner_content(|w| {
        mets_header(w, created)?;
        provenance_section(w, "rep1-prov", rep_premis_ref)?;
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
    })?;
    Ok(finish(writer))
}

/// The root `METS.xml`: descriptive metadata, package provenance, documentation, schemas and
/// the pointer to the representation's METS.
pub(super) fn package_mets(objid: &str, title: &str, created: &str, files: &RootFiles) -> io::Result<Vec<u8>> {
    let RootFiles {
        records: records_ref,
        dc: dc_ref,
        premis: premis_ref,
        readme: readme_ref,
        xsd: xsd_ref,
        rep_mets: rep_mets_ref,
    } = files;
    let mut writer = xml_start();
    mets_root(&mut writer, objid, title).write_inner_content(|w| {
        mets_header(w, created)?;
        for (id, reference, mdtype, other) in [
            ("dmd-records", records_ref, "OTHER", Some("KIRJURI-RECORDS")),
            ("dmd-dc", dc_ref, "DC", None),
        ] {
            w.create_element("mets:dmdSec")
                .with_attribute(("ID", id))
                .with_attribute(("CREATED", created))
                .with_attribute(("STATUS", "CURRENT"))
                .write_inner_content(|w| md_ref(w, reference, mdtype, other))?;
        }
        provenance_section(w, "prov-package", premis_ref)?;
        w.create_element("mets:fileSec")
            .with_attribute(("ID", "fs"))
            .write_inner_content(|w| {
                file_group(w, "grp-doc", "Documentation", std::iter::once(readme_ref))?;
                file_group(w, "grp-xsd", "Schemas", std::iter::once(xsd_ref))?;
                file_group(w, "grp-rep1", "Representations/rep1", std::iter::once(rep_mets_ref))
            })?;
        w.create_element("mets:structMap")
            .with_attribute(("ID", "sm"))
            .with_attribute(("TYPE", "PHYSICAL"))
            .with_attribute(("LABEL", "CSIP"))
            .write_inner_content(|w| {
                w.create_element("mets:div")
                    .with_attribute(("ID", "sm-root"))
                    .with_attribute(("LABEL", objid))
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
    })?;
    Ok(finish(writer))
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
