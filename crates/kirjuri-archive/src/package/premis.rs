//! What does the package say about provenance? The PREMIS 3 documents: the representation's
//! (one object per record file, its ingestion and the digest calculation) and the package's
//! (the transfer and the signing, with their agents).

use std::io;

use super::xml::{FileRef, XmlWriter, finish, text, xml_start};

const PREMIS_NS: &str = "http://www.loc.gov/premis/v3";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// `representations/rep1/metadata/preservation/premis.xml`: the record files, when each was
/// registered, and the digests computed while the package was written.
pub(super) fn representation_premis(file_list: &[FileRef], created: &str) -> io::Result<Vec<u8>> {
    premis_document(|w| {
        premis_file_objects(w, file_list)?;
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
}

/// `metadata/preservation/premis.xml` of the package: the transfer and the signature.
pub(super) fn package_premis(
    objid: &str,
    organisation: &str,
    created: &str,
    documents: usize,
    content_files: usize,
    key_id: &str,
) -> io::Result<Vec<u8>> {
    premis_document(|w| {
        premis_event(
            w,
            "export",
            "transfer",
            created,
            &format!("archive export {objid}: {documents} records, {content_files} files"),
            "kirjuri",
            &[],
        )?;
        premis_event(
            w,
            "signing",
            "digital signature generation",
            created,
            &format!("minisign (Ed25519) over tagmanifest-sha256.txt with key {key_id}"),
            "signing-key",
            &[],
        )?;
        premis_agent(w, "kirjuri", "Kirjuri", "software", env!("CARGO_PKG_VERSION"))?;
        premis_agent(
            w,
            "signing-key",
            &format!("minisign key {key_id}"),
            "software",
            organisation,
        )
    })
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
