//! What do the package's XML files share? `FileRef`, a file as METS and PREMIS describe it, and
//! the small quick-xml helpers every metadata file is written with (declaration, indentation,
//! text elements, the final newline).

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// A file as METS and PREMIS describe it.
#[derive(Clone)]
pub(super) struct FileRef {
    pub(super) id: String,
    pub(super) href: String,
    pub(super) mime: String,
    pub(super) size: u64,
    pub(super) sha256: String,
    pub(super) created: String,
}

pub(super) type XmlWriter = Writer<Vec<u8>>;

pub(super) fn xml_start() -> XmlWriter {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    writer
}

pub(super) fn text(writer: &mut XmlWriter, name: &str, value: &str) -> io::Result<()> {
    writer.create_element(name).write_text_content(BytesText::new(value))?;
    Ok(())
}

pub(super) fn finish(writer: XmlWriter) -> Vec<u8> {
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    bytes
}
