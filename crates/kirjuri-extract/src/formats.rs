//! One function per format. Each returns the text or a reason users can read.

use std::io::{Cursor, Read};

use mail_parser::MimeHeaders as _;
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::{Extraction, MAX_EMAIL_DEPTH, MAX_MEMBER_BYTES, MAX_TEXT_BYTES, Method};

pub fn plain(bytes: &[u8]) -> String {
    // The common case (valid UTF-8) is checked by the fast validator; only invalid text takes
    // the lossy path, with U+FFFD for each bad sequence.
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

pub fn markdown(bytes: &[u8]) -> String {
    use pulldown_cmark::{Event as Md, Parser, TagEnd};
    let source = String::from_utf8_lossy(bytes);
    let mut text = String::new();
    for event in Parser::new(&source) {
        match event {
            Md::Text(t) | Md::Code(t) => text.push_str(&t),
            Md::SoftBreak | Md::HardBreak => text.push(' '),
            Md::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => text.push('\n'),
            Md::End(TagEnd::TableCell) => text.push('\t'),
            _ => {}
        }
    }
    text
}

pub fn html(bytes: &[u8]) -> Result<String, String> {
    html2text::config::plain()
        .string_from_read(bytes, 100_000)
        .map_err(|e| format!("HTML: {e}"))
}

pub fn pdf(bytes: &[u8]) -> Result<String, String> {
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| format!("PDF: {e}"))
}

/// One member of a zip container, read up to [`MAX_MEMBER_BYTES`] whatever its header claims.
fn zip_member(bytes: &[u8], name: &str, format: &str) -> Result<Vec<u8>, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("{format}: not a valid package ({e})"))?;
    let member = archive
        .by_name(name)
        .map_err(|_| format!("{format}: the package has no {name}"))?;
    let mut out = Vec::new();
    member
        .take(MAX_MEMBER_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{format}: {name}: {e}"))?;
    if out.len() as u64 > MAX_MEMBER_BYTES {
        return Err(format!(
            "{format}: {name} unpacks to more than {} MiB",
            MAX_MEMBER_BYTES / 1024 / 1024
        ));
    }
    Ok(out)
}

/// Text of an office XML part: the character data inside `text_element`s (all character
/// data when it is empty), a new line after each `paragraph` element, a tab for `tab` and a
/// space for `space`.
fn xml_text(xml: &[u8], text_element: &str, paragraphs: &[&str], tab: &str, space: &str) -> Result<String, String> {
    let xml = String::from_utf8_lossy(xml);
    let mut reader = Reader::from_str(&xml);
    let mut text = String::new();
    let mut depth_in_text = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML at byte {}: {e}", reader.buffer_position()))?;
        let inside = depth_in_text > 0 || text_element.is_empty();
        match event {
            Event::Start(e) if e.name().as_ref() == text_element => depth_in_text += 1,
            Event::Empty(e) => {
                let qualified = e.name();
                let name: &str = qualified.as_ref();
                if name == tab {
                    text.push('\t');
                } else if name == space {
                    text.push(' ');
                } else if paragraphs.contains(&name) {
                    text.push('\n');
                }
            }
            Event::End(e) => {
                let qualified = e.name();
                let name: &str = qualified.as_ref();
                if name == text_element && depth_in_text > 0 {
                    depth_in_text -= 1;
                }
                if paragraphs.contains(&name) {
                    text.push('\n');
                }
            }
            Event::Text(t) if inside => text.push_str(&t.xml10_content()),
            Event::CData(t) if inside => text.push_str(&t.into_inner()),
            Event::GeneralRef(reference) if inside => match reference.resolve_char_ref() {
                Ok(Some(ch)) => text.push(ch),
                _ => text.push_str(&quick_xml::escape::unescape(&format!("&{};", &*reference)).unwrap_or_default()),
            },
            Event::Eof => break,
            _ => {}
        }
        if text.len() > MAX_TEXT_BYTES {
            break;
        }
    }
    Ok(text)
}

pub fn docx(bytes: &[u8]) -> Result<String, String> {
    let xml = zip_member(bytes, "word/document.xml", "DOCX")?;
    xml_text(&xml, "w:t", &["w:p"], "w:tab", "w:br").map_err(|e| format!("DOCX: {e}"))
}

pub fn odt(bytes: &[u8]) -> Result<String, String> {
    let xml = zip_member(bytes, "content.xml", "ODT")?;
    // ODT keeps text directly in text:p / text:h; every character datum of the body counts.
    xml_text(&xml, "", &["text:p", "text:h"], "text:tab", "text:s").map_err(|e| format!("ODT: {e}"))
}

/// Subject, sender, body and the text of every attachment (followed [`MAX_EMAIL_DEPTH`] deep).
pub fn email(bytes: &[u8], depth: usize) -> Extraction {
    let Some(message) = mail_parser::MessageParser::default().parse(bytes) else {
        return Extraction::Failed {
            reason: "e-mail: not a readable message".to_owned(),
        };
    };
    let mut text = String::new();
    if let Some(subject) = message.subject() {
        text.push_str(subject);
        text.push('\n');
    }
    if let Some(from) = message.from().and_then(|a| a.first()) {
        if let Some(name) = from.name() {
            text.push_str(name);
            text.push(' ');
        }
        if let Some(address) = from.address() {
            text.push_str(address);
        }
        text.push('\n');
    }
    let mut position = 0;
    while let Some(body) = message.body_text(position) {
        text.push_str(&body);
        text.push('\n');
        position += 1;
    }
    if depth < MAX_EMAIL_DEPTH {
        for attachment in message.attachments() {
            let name = attachment.attachment_name().unwrap_or("liite").to_owned();
            let media_type = attachment
                .content_type()
                .map(|c| match c.subtype() {
                    Some(sub) => format!("{}/{}", c.ctype(), sub),
                    None => c.ctype().to_owned(),
                })
                .unwrap_or_default();
            // An attachment without text (scanned, unreadable) leaves the message's own text.
            if let Extraction::Text { text: inner, .. } =
                crate::extract_at_depth(attachment.contents(), &media_type, &name, depth + 1)
            {
                text.push_str(&name);
                text.push('\n');
                text.push_str(&inner);
                text.push('\n');
            }
            if text.len() > MAX_TEXT_BYTES {
                break;
            }
        }
    }
    Extraction::Text {
        method: Method::Email,
        text,
    }
}
