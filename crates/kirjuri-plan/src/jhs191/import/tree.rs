//! The element tree the JHS 191 import reads: which elements are JHS 191's, which are Kirjuri's
//! `Laajennos` content and which belong to someone else — decided by namespace URI and local
//! name through quick-xml's `NsReader`, never by the prefix a file happens to use.
//!
//! `<tos:Luokka xmlns:tos="…">`, `<Luokka xmlns="…">` and `<k:Luokka xmlns:k="…">` with the
//! JHS 191 URI are the same element; `<x:Luokka xmlns:x="urn:other">` is not a JHS element at
//! all. Escapes, entities and character references are resolved by quick-xml here, so readers
//! of the tree see plain text.

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::escape::{EscapeError, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};

use crate::jhs191::{KIRJURI_NS, TOS_NS};

/// Most elements a file may hold; a TOS of a large city has a few thousand.
const MAX_ELEMENTS: usize = 500_000;
/// Deepest element nesting accepted (actions may nest; 64 is far beyond any real plan).
const MAX_DEPTH: usize = 64;

/// The namespace an element or attribute name resolves to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(super) enum Namespace {
    /// JHS 191 TOS ([`TOS_NS`]).
    Tos,
    /// Kirjuri's `Laajennos` content ([`KIRJURI_NS`]).
    Kirjuri,
    /// No namespace: an unprefixed element with no default namespace in scope, or an
    /// unprefixed attribute.
    #[default]
    Unqualified,
    /// Any other namespace URI.
    Other(String),
}

impl Namespace {
    fn from_uri(uri: &str) -> Namespace {
        match uri {
            TOS_NS => Namespace::Tos,
            KIRJURI_NS => Namespace::Kirjuri,
            other => Namespace::Other(other.to_owned()),
        }
    }

    /// The namespace URI; `None` for unqualified names.
    pub(super) fn uri(&self) -> Option<&str> {
        match self {
            Namespace::Tos => Some(TOS_NS),
            Namespace::Kirjuri => Some(KIRJURI_NS),
            Namespace::Unqualified => None,
            Namespace::Other(uri) => Some(uri),
        }
    }
}

/// An attribute, its name resolved (an unprefixed attribute is [`Namespace::Unqualified`]).
#[derive(Debug)]
struct Attribute {
    namespace: Namespace,
    local_name: String,
    value: String,
}

/// An element of the parsed document, with its line and its path for findings.
///
/// `child`, `children_named` and `child_text` look only at children in the JHS 191
/// namespace; Kirjuri's extension content is reached through `kirjuri_extension` and
/// `kirjuri_children`. Elements in any other namespace are kept in the tree (so they can be
/// reported) but none of these lookups returns them.
#[derive(Debug, Default)]
pub(super) struct Element {
    pub(super) namespace: Namespace,
    pub(super) local_name: String,
    /// The name as the file writes it, prefix included, for messages.
    pub(super) written_name: String,
    /// 1-based line of the start tag's `<`.
    pub(super) line: usize,
    attributes: Vec<Attribute>,
    pub(super) text: String,
    pub(super) children: Vec<Element>,
    /// `/Tos[1]/Luokka[3]/…`: local names for JHS and Kirjuri elements, so the path does not
    /// depend on the prefixes; `Q{uri}name` (XPath 3.1) for elements of other namespaces.
    pub(super) path: String,
}

impl Element {
    /// True when this is the element `local_name` of JHS 191.
    pub(super) fn is_tos(&self, local_name: &str) -> bool {
        self.namespace == Namespace::Tos && self.local_name == local_name
    }

    fn is_kirjuri(&self, local_name: &str) -> bool {
        self.namespace == Namespace::Kirjuri && self.local_name == local_name
    }

    /// The first JHS 191 child `local_name`.
    pub(super) fn child(&self, local_name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is_tos(local_name))
    }

    /// Every JHS 191 child `local_name`, in document order.
    pub(super) fn children_named<'a>(&'a self, local_name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.is_tos(local_name))
    }

    /// The trimmed text of the JHS 191 child `local_name`; `None` when missing or blank.
    pub(super) fn child_text(&self, local_name: &str) -> Option<String> {
        self.child(local_name)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    /// The attribute `name`, unprefixed or in this element's own namespace (`id` and `tos:id`
    /// on a JHS element); an attribute of another namespace (`x:id`) is not it.
    pub(super) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.local_name == name && (a.namespace == Namespace::Unqualified || a.namespace == self.namespace))
            .map(|a| a.value.as_str())
    }

    /// Kirjuri's extension element `local_name` below this element's `Laajennos` children.
    pub(super) fn kirjuri_extension(&self, local_name: &str) -> Option<&Element> {
        self.children_named("Laajennos")
            .flat_map(|l| l.children.iter())
            .find(|c| c.is_kirjuri(local_name))
    }

    /// Every Kirjuri child `local_name` of this (Kirjuri extension) element.
    pub(super) fn kirjuri_children<'a>(&'a self, local_name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.is_kirjuri(local_name))
    }

    /// Elements outside the JHS 191 namespace placed where the schema allows only JHS 191
    /// elements, that is anywhere but inside `Laajennos` (whose content belongs to whoever
    /// wrote it). The import ignores them; their own content is not searched.
    pub(super) fn misplaced_foreign_elements(&self) -> Vec<&Element> {
        let mut found = Vec::new();
        self.collect_misplaced_foreign(&mut found);
        found
    }

    fn collect_misplaced_foreign<'a>(&'a self, found: &mut Vec<&'a Element>) {
        if self.namespace != Namespace::Tos || self.local_name == "Laajennos" {
            return;
        }
        for child in &self.children {
            if child.namespace == Namespace::Tos {
                child.collect_misplaced_foreign(found);
            } else {
                found.push(child);
            }
        }
    }
}

/// A parsed document.
#[derive(Debug)]
pub(super) struct Document {
    pub(super) root: Element,
    /// The root element is `Tos` in no namespace: the file declares no namespace, and its
    /// unqualified elements are read as JHS 191 (an older, tolerated variant).
    pub(super) unqualified: bool,
}

/// Why the text is not well-formed (namespace-well-formed) XML, and on which line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct XmlError {
    pub(super) line: usize,
    pub(super) message: String,
}

/// Turns byte positions into 1-based line numbers, counting each newline once while the
/// positions move forward.
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, position: u64) -> usize {
        let target = usize::try_from(position).unwrap_or(usize::MAX).min(self.text.len());
        if target < self.counted_to {
            self.counted_to = 0;
            self.line = 1;
        }
        self.line += self.text[self.counted_to..target]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.counted_to = target;
        self.line
    }
}

/// An element whose end tag has not been read yet.
struct OpenElement {
    element: Element,
    /// Children read so far per (namespace, local name), for the `[n]` of their paths.
    children_seen: HashMap<(Namespace, String), usize>,
}

impl OpenElement {
    fn new(element: Element) -> OpenElement {
        OpenElement {
            element,
            children_seen: HashMap::new(),
        }
    }
}

/// Reads `xml` into an element tree.
pub(super) fn parse(xml: &str) -> Result<Document, XmlError> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut lines = LineCounter {
        text: xml.as_bytes(),
        counted_to: 0,
        line: 1,
    };
    // The bottom of the stack stands for the document; the root element becomes its child.
    let mut stack = vec![OpenElement::new(Element::default())];
    let mut element_count = 0usize;
    let mut unqualified_document = false;
    loop {
        // With trim_text off, every event starts where the previous one ended: a start tag's `<`.
        let event_start = reader.buffer_position();
        let event = reader.read_event().map_err(|e| XmlError {
            line: lines.line_at(reader.error_position()),
            message: e.to_string(),
        })?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                element_count += 1;
                if element_count > MAX_ELEMENTS || stack.len() > MAX_DEPTH {
                    return Err(XmlError {
                        line: lines.line_at(reader.buffer_position()),
                        message: "the file is too large or too deeply nested".to_owned(),
                    });
                }
                let line = lines.line_at(event_start);
                let is_root = stack.len() == 1 && stack[0].element.children.is_empty();
                let (mut namespace, local_name) = resolve_name(&reader, start.name(), true, line)?;
                if is_root {
                    unqualified_document = namespace == Namespace::Unqualified && local_name == "Tos";
                }
                if unqualified_document && namespace == Namespace::Unqualified {
                    namespace = Namespace::Tos;
                }
                let attributes = read_attributes(&reader, start, line)?;
                let Some(parent) = stack.last_mut() else { break };
                let seen = parent
                    .children_seen
                    .entry((namespace.clone(), local_name.clone()))
                    .or_default();
                *seen += 1;
                let segment = match namespace {
                    Namespace::Tos | Namespace::Kirjuri => local_name.clone(),
                    Namespace::Unqualified => format!("Q{{}}{local_name}"),
                    Namespace::Other(ref uri) => format!("Q{{{uri}}}{local_name}"),
                };
                let element = Element {
                    path: format!("{}/{segment}[{seen}]", parent.element.path),
                    namespace,
                    local_name,
                    written_name: start.name().as_ref().to_owned(),
                    line,
                    attributes,
                    ..Element::default()
                };
                if matches!(event, Event::Empty(_)) {
                    parent.element.children.push(element);
                } else {
                    stack.push(OpenElement::new(element));
                }
            }
            Event::End(_) => {
                let Some(closed) = stack.pop() else { break };
                match stack.last_mut() {
                    Some(parent) => parent.element.children.push(closed.element),
                    None => {
                        return Err(XmlError {
                            line: lines.line_at(reader.buffer_position()),
                            message: "unbalanced end tag".to_owned(),
                        });
                    }
                }
            }
            Event::Text(text) => {
                if let Some(open) = stack.last_mut() {
                    open.element.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(cdata) => {
                if let Some(open) = stack.last_mut() {
                    open.element.text.push_str(&cdata.into_inner());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(character)) => character.to_string(),
                    Ok(None) => match resolve_predefined_entity(&reference) {
                        Some(replacement) => replacement.to_owned(),
                        None => {
                            let range = usize::try_from(event_start).unwrap_or(usize::MAX)
                                ..usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                            return Err(XmlError {
                                line: lines.line_at(event_start),
                                message: EscapeError::UnrecognizedEntity(range, reference.to_string()).to_string(),
                            });
                        }
                    },
                    Err(error) => {
                        return Err(XmlError {
                            line: lines.line_at(event_start),
                            message: error.to_string(),
                        });
                    }
                };
                if let Some(open) = stack.last_mut() {
                    open.element.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlError {
            line: xml.lines().count(),
            message: "the document ends before all elements are closed".to_owned(),
        });
    }
    let document = stack.pop().map(|open| open.element).unwrap_or_default();
    let Some(root) = document.children.into_iter().next() else {
        return Err(XmlError {
            line: 1,
            message: "the document has no root element".to_owned(),
        });
    };
    Ok(Document {
        root,
        unqualified: unqualified_document,
    })
}

/// Resolves an element name (`element` true: the default namespace applies) or an attribute
/// name to its namespace and local name; a prefix no `xmlns:` declares is an error, as the
/// Namespaces in XML recommendation makes it.
fn resolve_name(
    reader: &NsReader<&[u8]>,
    name: QName<'_>,
    element: bool,
    line: usize,
) -> Result<(Namespace, String), XmlError> {
    let resolver = reader.resolver();
    let (resolved, local_name) = if element {
        resolver.resolve_element(name)
    } else {
        resolver.resolve_attribute(name)
    };
    let namespace = match resolved {
        ResolveResult::Bound(uri) => Namespace::from_uri(uri.as_ref()),
        ResolveResult::Unbound => Namespace::Unqualified,
        ResolveResult::Unknown(prefix) => {
            return Err(XmlError {
                line,
                message: format!("the namespace prefix `{prefix}` of `{}` is not declared", name.as_ref()),
            });
        }
    };
    Ok((namespace, local_name.as_ref().to_owned()))
}

/// The attributes of the start tag on `line`, namespace declarations left out, values
/// normalised by quick-xml.
fn read_attributes(reader: &NsReader<&[u8]>, start: &BytesStart<'_>, line: usize) -> Result<Vec<Attribute>, XmlError> {
    let located = |error: &dyn std::fmt::Display| XmlError {
        line,
        message: error.to_string(),
    };
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| located(&e))?;
        if attribute.key.as_namespace_binding().is_some() {
            continue;
        }
        let (namespace, local_name) = resolve_name(reader, attribute.key, false, line)?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| located(&e))?
            .into_owned();
        attributes.push(Attribute {
            namespace,
            local_name,
            value,
        });
    }
    Ok(attributes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

    use super::*;

    fn root_of(xml: &str) -> Element {
        parse(xml).unwrap().root
    }

    #[test]
    fn prefix_default_namespace_and_swapped_prefixes_resolve_alike() {
        let prefixed = format!(r#"<tos:Tos xmlns:tos="{TOS_NS}"><tos:Luokka tos:id="a"/></tos:Tos>"#);
        let default = format!(r#"<Tos xmlns="{TOS_NS}"><Luokka id="a"/></Tos>"#);
        let misleading = format!(r#"<k:Tos xmlns:k="{TOS_NS}" xmlns:tos="{KIRJURI_NS}"><k:Luokka k:id="a"/></k:Tos>"#);
        for xml in [prefixed, default, misleading] {
            let root = root_of(&xml);
            assert!(root.is_tos("Tos"), "{xml}");
            let luokka = root.child("Luokka").expect(&xml);
            assert_eq!(luokka.path, "/Tos[1]/Luokka[1]");
            assert_eq!(luokka.attribute("id"), Some("a"), "{xml}");
        }
    }

    #[test]
    fn elements_of_other_namespaces_are_kept_apart() {
        let xml = format!(
            r#"<Tos xmlns="{TOS_NS}" xmlns:x="urn:other" xmlns:k="{KIRJURI_NS}">
  <x:Luokka x:id="foreign"/>
  <Luokka xmlns="urn:other"/>
  <Luokka x:id="foreign" id="own"/>
  <k:Luokka/>
  <Laajennos><x:Suunnitelma/><k:Suunnitelma tila="x"/></Laajennos>
</Tos>"#
        );
        let root = root_of(&xml);
        let jhs: Vec<&str> = root.children_named("Luokka").map(|l| l.path.as_str()).collect();
        assert_eq!(jhs, ["/Tos[1]/Luokka[1]"], "only the JHS 191 Luokka");
        assert_eq!(root.child("Luokka").unwrap().attribute("id"), Some("own"));
        assert_eq!(
            root.kirjuri_extension("Suunnitelma").unwrap().attribute("tila"),
            Some("x")
        );
        let misplaced: Vec<(&str, usize, &str)> = root
            .misplaced_foreign_elements()
            .into_iter()
            .map(|e| (e.written_name.as_str(), e.line, e.path.as_str()))
            .collect();
        assert_eq!(
            misplaced,
            [
                ("x:Luokka", 2, "/Tos[1]/Q{urn:other}Luokka[1]"),
                ("Luokka", 3, "/Tos[1]/Q{urn:other}Luokka[2]"),
                ("k:Luokka", 5, "/Tos[1]/Luokka[1]"),
            ],
            "Laajennos content is nobody's business but its writer's"
        );
    }

    #[test]
    fn a_file_without_namespaces_is_read_as_unqualified_jhs_191() {
        let document = parse("<Tos>\n<Luokka id=\"a\"/>\n</Tos>").unwrap();
        assert!(document.unqualified);
        assert!(document.root.is_tos("Tos"));
        assert_eq!(document.root.child("Luokka").unwrap().line, 2);
        let namespaced = parse(&format!(r#"<Tos xmlns="{TOS_NS}"/>"#)).unwrap();
        assert!(!namespaced.unqualified);
        // Inside a namespaced file an element without a namespace is foreign.
        let mixed = root_of(&format!(r#"<t:Tos xmlns:t="{TOS_NS}"><Luokka/></t:Tos>"#));
        assert!(mixed.child("Luokka").is_none());
        assert_eq!(mixed.misplaced_foreign_elements()[0].path, "/Tos[1]/Q{}Luokka[1]");
    }

    #[test]
    fn text_is_unescaped_by_quick_xml() {
        let root = root_of(
            "<Tos>\n  <Nimeke a=\"&lt;&#228;&gt;\">S&amp;M &#228;&#x00F6; <![CDATA[<raw>]]> &apos;x&quot;</Nimeke>\n</Tos>",
        );
        let nimeke = root.child("Nimeke").unwrap();
        assert_eq!(nimeke.text, "S&M äö <raw> 'x\"");
        assert_eq!(nimeke.attribute("a"), Some("<ä>"));
    }

    #[test]
    fn lines_point_at_the_start_tag() {
        let root = root_of("<?xml version=\"1.0\"?>\n<Tos>\n\n  <Luokka\n    id=\"a\">\n  </Luokka><Luokka/>\n</Tos>");
        let lines: Vec<usize> = root.children_named("Luokka").map(|l| l.line).collect();
        assert_eq!(root.line, 2);
        assert_eq!(lines, [4, 6]);
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let cases = [
            ("<Tos>\n<TosTiedot>\n</Tos>", 3, "TosTiedot"),
            (
                "<Tos>\n\n<k:Luokka/>\n</Tos>",
                3,
                "prefix `k` of `k:Luokka` is not declared",
            ),
            (
                "<Tos>\n<Luokka\n x:id=\"a\"/>\n</Tos>",
                2,
                "prefix `x` of `x:id` is not declared",
            ),
            (
                "<Tos>\n<Nimeke>a &nbsp; b</Nimeke>\n</Tos>",
                2,
                "unrecognized entity `nbsp`",
            ),
            ("<Tos>\n<Nimeke>&#0;</Nimeke>\n</Tos>", 2, "character reference"),
            ("<Tos>\n<Luokka id=\"a\" id=\"b\"/>\n</Tos>", 2, "duplicated"),
            ("<Tos>\n<Luokka>\n", 2, "before all elements are closed"),
            ("<?xml version=\"1.0\"?>\n", 1, "no root element"),
        ];
        for (xml, line, part) in cases {
            let error = parse(xml).expect_err(xml);
            assert_eq!(error.line, line, "{xml}: {error:?}");
            assert!(error.message.contains(part), "{xml}: {error:?}");
        }
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused() {
        let depth = MAX_DEPTH + 2;
        let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let error = parse(&xml).expect_err("too deep");
        assert!(error.message.contains("too deeply nested"), "{error:?}");
    }
}
