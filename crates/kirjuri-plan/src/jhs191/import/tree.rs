//! The element tree the JHS 191 import reads: which elements are JHS 191's, which are Kirjuri's
//! `Laajennos` content and which belong to someone else — decided by namespace URI and local
//! name through quick-xml's `NsReader`, never by the prefix a file happens to use.
//!
//! `<tos:Luokka xmlns:tos="…">`, `<Luokka xmlns="…">` and `<k:Luokka xmlns:k="…">` with the
//! JHS 191 URI are the same element; `<x:Luokka xmlns:x="urn:other">` is not a JHS element at
//! all. Escapes, entities and character references are resolved by quick-xml here, so readers
//! of the tree see plain text.
//!
//! Memory stays proportional to the file: the tree keeps only what the import can read. An
//! element of another namespace is checked for well-formedness and counted, then dropped with
//! everything inside it; where JHS 191 allows no such element it leaves a short report
//! ([`Misplaced`], the first [`MAX_LISTED_MISPLACED`] of them). Attributes of other namespaces
//! are dropped, a namespace URI is held once however many elements use it, an element's path is
//! built from its steps only when a message needs it, and long names and URIs are shortened in
//! paths and messages. Elements and attributes together, the text kept and the length of a
//! namespace URI are capped; going over a cap is an error that names the line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use quick_xml::NsReader;
use quick_xml::escape::{EscapeError, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};

use crate::jhs191::{KIRJURI_NS, TOS_NS};

/// Most elements and attributes a file may hold together; a TOS of a large city has a few
/// thousand elements with a handful of attributes each.
const MAX_ITEMS: usize = 500_000;
/// Most text (element text and attribute values) kept from a file, in bytes; the API takes
/// plan files of at most 32 MiB.
const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;
/// Deepest element nesting accepted (actions may nest; 64 is far beyond any real plan).
const MAX_DEPTH: usize = 64;
/// Misplaced elements of other namespaces reported one by one; the rest are only counted.
pub(super) const MAX_LISTED_MISPLACED: usize = 50;
/// Longest namespace URI accepted, in bytes; real ones are under a hundred.
const MAX_URI_BYTES: usize = 2048;
/// Longest name or namespace URI shown in full in a path or a message, in characters.
const MAX_SHOWN_CHARS: usize = 80;

/// `text` as a path or a message shows it: in full up to [`MAX_SHOWN_CHARS`] characters,
/// otherwise its beginning and `…` (a namespace URI may be a megabyte long).
pub(super) fn shortened(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
    }
}

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
    /// Any other namespace URI, held once per file however many names use it.
    Other(OtherUri),
}

/// A namespace URI other than JHS 191's and Kirjuri's, interned by the parse that met it:
/// every use of one URI within a file shares one copy and one number, so comparing and hashing
/// cost the number, not the URI.
#[derive(Debug, Clone)]
pub(super) struct OtherUri {
    /// Position in the parse's table; equal URIs of one file have equal numbers.
    number: usize,
    uri: Rc<str>,
}

impl PartialEq for OtherUri {
    fn eq(&self, other: &OtherUri) -> bool {
        self.number == other.number
    }
}

impl Eq for OtherUri {}

impl std::hash::Hash for OtherUri {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.number.hash(state);
    }
}

impl Namespace {
    /// The namespace URI; `None` for unqualified names.
    pub(super) fn uri(&self) -> Option<&str> {
        match self {
            Namespace::Tos => Some(TOS_NS),
            Namespace::Kirjuri => Some(KIRJURI_NS),
            Namespace::Unqualified => None,
            Namespace::Other(other) => Some(&other.uri),
        }
    }
}

/// An attribute the import may read: unprefixed, or in its element's own namespace.
#[derive(Debug)]
struct Attribute {
    local_name: String,
    value: String,
}

/// One step of an element's path, `Luokka[3]`, after the steps of its ancestors. Children
/// share their parent's steps, so a path costs one step per element however deep it lies.
#[derive(Debug)]
struct PathStep {
    parent: Option<Rc<PathStep>>,
    segment: Box<str>,
}

/// Steps a path shows in full; a deeper path shows its first [`FIRST_STEPS_SHOWN`] steps, `…`
/// and its last steps, so every path stays short whatever the nesting.
const MAX_STEPS_SHOWN: usize = 16;
const FIRST_STEPS_SHOWN: usize = 4;

/// `/Tos[1]/Luokka[3]/…` for the steps ending in `last`.
fn render_path(last: Option<&PathStep>) -> String {
    let mut segments = Vec::new();
    let mut step = last;
    while let Some(current) = step {
        segments.push(&*current.segment);
        step = current.parent.as_deref();
    }
    segments.reverse();
    if segments.len() > MAX_STEPS_SHOWN {
        let last_shown = MAX_STEPS_SHOWN - FIRST_STEPS_SHOWN - 1;
        segments.drain(FIRST_STEPS_SHOWN..segments.len() - last_shown);
        segments.insert(FIRST_STEPS_SHOWN, "…");
    }
    let mut path = String::new();
    for segment in segments {
        path.push('/');
        path.push_str(segment);
    }
    path
}

/// An element of the parsed document, with its line and its path for findings.
///
/// `child`, `children_named` and `child_text` look only at children in the JHS 191
/// namespace; Kirjuri's extension content is reached through `kirjuri_extension` and
/// `kirjuri_children`. Elements of any other namespace are not in the tree: the misplaced
/// ones are in [`Document::misplaced`].
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
    /// The last step of the path; `None` for the document itself.
    path: Option<Rc<PathStep>>,
}

impl Element {
    /// `/Tos[1]/Luokka[3]/…`: local names for JHS and Kirjuri elements, so the path does not
    /// depend on the prefixes; `Q{uri}name` (XPath 3.1) for elements of other namespaces.
    pub(super) fn path(&self) -> String {
        render_path(self.path.as_deref())
    }

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
    /// on a JHS element); an attribute of another namespace (`x:id`) is not it (and is not
    /// kept at all).
    pub(super) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.local_name == name)
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
}

/// An element outside the JHS 191 namespace where the schema allows only JHS 191 elements,
/// that is anywhere below JHS 191 elements but inside `Laajennos` (whose content belongs to
/// whoever wrote it). The import ignores it; its own content is not searched.
#[derive(Debug)]
pub(super) struct Misplaced {
    /// The name as the file writes it, shortened when long.
    pub(super) written_name: String,
    pub(super) line: usize,
    pub(super) namespace: Namespace,
    pub(super) path: String,
}

/// A parsed document.
#[derive(Debug)]
pub(super) struct Document {
    pub(super) root: Element,
    /// The root element is `Tos` in no namespace: the file declares no namespace, and its
    /// unqualified elements are read as JHS 191 (an older, tolerated variant).
    pub(super) unqualified: bool,
    /// The first [`MAX_LISTED_MISPLACED`] misplaced elements of other namespaces, in document
    /// order.
    pub(super) misplaced: Vec<Misplaced>,
    /// How many more misplaced elements there are.
    pub(super) unlisted_misplaced: usize,
}

/// Why the text is not well-formed (namespace-well-formed) XML, or too large, and on which line.
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

/// What the import reads below an open element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// A JHS 191 element: its JHS 191 children are kept; any other child is misplaced.
    Jhs,
    /// `Laajennos`: its Kirjuri children are kept; other children belong to their writer.
    Extension,
    /// Kirjuri extension content: its Kirjuri children are kept.
    Kirjuri,
    /// Nothing below is kept (an element of another namespace, or one the import never reads).
    Ignored,
}

impl Reading {
    /// What becomes of a child in `namespace` named `local_name`: `None` when it is dropped.
    fn of_child(self, namespace: &Namespace, local_name: &str) -> Option<Reading> {
        match (self, namespace) {
            (Reading::Jhs, Namespace::Tos) if local_name == "Laajennos" => Some(Reading::Extension),
            (Reading::Jhs, Namespace::Tos) => Some(Reading::Jhs),
            (Reading::Extension | Reading::Kirjuri, Namespace::Kirjuri) => Some(Reading::Kirjuri),
            _ => None,
        }
    }
}

/// An element whose end tag has not been read yet.
struct OpenElement {
    /// Empty for an element that is dropped at its end.
    element: Element,
    reading: Reading,
    /// Whether the element joins its parent at its end (false: it is dropped).
    kept: bool,
    /// Children read so far per (namespace, local name), for the `[n]` of their paths.
    children_seen: HashMap<(Namespace, String), usize>,
}

/// The counts every file is held to: elements and attributes, and bytes of text kept.
struct Budget {
    items: usize,
    text_bytes: usize,
}

impl Budget {
    fn take_item(&mut self, line: usize) -> Result<(), XmlError> {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return Err(XmlError {
                line,
                message: format!("the file is too large: more than {MAX_ITEMS} elements and attributes"),
            });
        }
        Ok(())
    }

    fn take_text(&mut self, bytes: usize, line: usize) -> Result<(), XmlError> {
        self.text_bytes += bytes;
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(XmlError {
                line,
                message: format!("the file is too large: more than {} MiB of text", MAX_TEXT_BYTES >> 20),
            });
        }
        Ok(())
    }
}

/// The namespace URIs of other namespaces met so far, each held once and numbered.
#[derive(Default)]
struct Interned {
    numbers: HashMap<Rc<str>, usize>,
    /// The URI interned last: files use one or two foreign namespaces, so most lookups end
    /// here with a comparison instead of a hash.
    last: Option<OtherUri>,
}

impl Interned {
    fn namespace(&mut self, uri: &str) -> Namespace {
        match uri {
            TOS_NS => return Namespace::Tos,
            KIRJURI_NS => return Namespace::Kirjuri,
            _ => {}
        }
        if let Some(last) = &self.last
            && &*last.uri == uri
        {
            return Namespace::Other(last.clone());
        }
        let other = match self.numbers.get_key_value(uri) {
            Some((held, number)) => OtherUri {
                number: *number,
                uri: Rc::clone(held),
            },
            None => {
                let held: Rc<str> = Rc::from(uri);
                let number = self.numbers.len();
                self.numbers.insert(Rc::clone(&held), number);
                OtherUri { number, uri: held }
            }
        };
        self.last = Some(other.clone());
        Namespace::Other(other)
    }
}

/// A path segment: `Luokka[3]` for JHS and Kirjuri elements, `Q{uri}name[n]` otherwise;
/// long names and URIs shortened.
fn segment(namespace: &Namespace, local_name: &str, position: usize) -> String {
    let name = shortened(local_name);
    match namespace {
        Namespace::Tos | Namespace::Kirjuri => format!("{name}[{position}]"),
        Namespace::Unqualified => format!("Q{{}}{name}[{position}]"),
        Namespace::Other(other) => format!("Q{{{}}}{name}[{position}]", shortened(&other.uri)),
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
    let mut stack = vec![OpenElement {
        element: Element::default(),
        reading: Reading::Jhs,
        kept: true,
        children_seen: HashMap::new(),
    }];
    let mut budget = Budget {
        items: 0,
        text_bytes: 0,
    };
    let mut interned = Interned::default();
    let mut misplaced = Vec::new();
    let mut unlisted_misplaced = 0usize;
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
                let line = lines.line_at(event_start);
                budget.take_item(line)?;
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError {
                        line,
                        message: format!("the file is nested more than {MAX_DEPTH} elements deep"),
                    });
                }
                let is_root = stack.len() == 1;
                if is_root && !stack[0].element.children.is_empty() {
                    return Err(XmlError {
                        line,
                        message: format!(
                            "a second root element `{}` after the root element `{}`; a document has one root",
                            shortened(start.name().as_ref()),
                            shortened(&stack[0].element.children[0].written_name)
                        ),
                    });
                }
                let (resolved, local_name) = resolve_name(&reader, start.name(), true, line)?;
                let mut namespace = match resolved {
                    Some(uri) => interned.namespace(uri),
                    None => Namespace::Unqualified,
                };
                if is_root {
                    unqualified_document = namespace == Namespace::Unqualified && local_name == "Tos";
                }
                if unqualified_document && namespace == Namespace::Unqualified {
                    namespace = Namespace::Tos;
                }
                let Some(parent) = stack.last_mut() else { break };
                let reading = if is_root {
                    Some(
                        Reading::Jhs
                            .of_child(&namespace, local_name)
                            .unwrap_or(Reading::Ignored),
                    )
                } else {
                    parent.reading.of_child(&namespace, local_name)
                };
                let keeps_attributes = reading.is_some_and(|r| r != Reading::Ignored);
                let attributes = read_attributes(&reader, start, &namespace, keeps_attributes, line, &mut budget)?;
                let position = if parent.reading == Reading::Ignored {
                    0
                } else {
                    let seen = parent
                        .children_seen
                        .entry((namespace.clone(), local_name.to_owned()))
                        .or_default();
                    *seen += 1;
                    *seen
                };
                let open = match reading {
                    Some(reading) => {
                        let step = PathStep {
                            parent: parent.element.path.clone(),
                            segment: segment(&namespace, local_name, position).into_boxed_str(),
                        };
                        OpenElement {
                            element: Element {
                                namespace,
                                local_name: local_name.to_owned(),
                                written_name: start.name().as_ref().to_owned(),
                                line,
                                attributes,
                                path: Some(Rc::new(step)),
                                ..Element::default()
                            },
                            reading,
                            kept: true,
                            children_seen: HashMap::new(),
                        }
                    }
                    None => {
                        if parent.reading == Reading::Jhs {
                            if misplaced.len() < MAX_LISTED_MISPLACED {
                                let path = format!(
                                    "{}/{}",
                                    parent.element.path(),
                                    segment(&namespace, local_name, position)
                                );
                                misplaced.push(Misplaced {
                                    written_name: shortened(start.name().as_ref()).into_owned(),
                                    line,
                                    namespace,
                                    path,
                                });
                            } else {
                                unlisted_misplaced += 1;
                            }
                        }
                        OpenElement {
                            element: Element::default(),
                            reading: Reading::Ignored,
                            kept: false,
                            children_seen: HashMap::new(),
                        }
                    }
                };
                if matches!(event, Event::Empty(_)) {
                    if open.kept {
                        parent.element.children.push(open.element);
                    }
                } else {
                    stack.push(open);
                }
            }
            Event::End(_) => {
                let Some(closed) = stack.pop() else { break };
                match stack.last_mut() {
                    Some(parent) => {
                        if closed.kept {
                            parent.element.children.push(closed.element);
                        }
                    }
                    None => {
                        return Err(XmlError {
                            line: lines.line_at(reader.buffer_position()),
                            message: "unbalanced end tag".to_owned(),
                        });
                    }
                }
            }
            Event::Text(text) => {
                let content = text.xml10_content();
                keep_text(&mut stack, &content, lines.line_at(event_start), &mut budget)?;
            }
            Event::CData(cdata) => {
                let content = cdata.into_inner();
                keep_text(&mut stack, &content, lines.line_at(event_start), &mut budget)?;
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
                keep_text(&mut stack, &resolved, lines.line_at(event_start), &mut budget)?;
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
        misplaced,
        unlisted_misplaced,
    })
}

/// Adds text to the open element when the import reads it; text outside the root element
/// must be white space.
fn keep_text(stack: &mut [OpenElement], text: &str, line: usize, budget: &mut Budget) -> Result<(), XmlError> {
    let outside_root = stack.len() == 1;
    let Some(open) = stack.last_mut() else { return Ok(()) };
    if outside_root {
        let Some(first) = text.find(|c: char| !(c.is_whitespace() || c == '\u{FEFF}')) else {
            return Ok(());
        };
        return Err(XmlError {
            line: line + text[..first].matches('\n').count(),
            message: "text outside the root element".to_owned(),
        });
    }
    if open.kept && open.reading != Reading::Ignored {
        budget.take_text(text.len(), line)?;
        open.element.text.push_str(text);
    }
    Ok(())
}

/// Resolves an element name (`element` true: the default namespace applies) or an attribute
/// name to its namespace URI (`None` for no namespace) and local name; a prefix no `xmlns:`
/// declares is an error, as the Namespaces in XML recommendation makes it.
fn resolve_name<'r, 'n>(
    reader: &'r NsReader<&[u8]>,
    name: QName<'n>,
    element: bool,
    line: usize,
) -> Result<(Option<&'r str>, &'n str), XmlError> {
    let resolver = reader.resolver();
    let (resolved, local_name) = if element {
        resolver.resolve_element(name)
    } else {
        resolver.resolve_attribute(name)
    };
    let uri = match resolved {
        ResolveResult::Bound(uri) => Some(uri.into_inner()),
        ResolveResult::Unbound => None,
        ResolveResult::Unknown(prefix) => {
            return Err(XmlError {
                line,
                message: format!(
                    "the namespace prefix `{}` of `{}` is not declared",
                    shortened(&prefix),
                    shortened(name.as_ref())
                ),
            });
        }
    };
    Ok((uri, local_name.into_inner()))
}

/// The attributes of the start tag on `line` the import may read — unprefixed, or in the
/// element's own namespace — when `keep` (an element whose content is kept); each attribute,
/// namespace declarations too, counts toward the file's budget, and every one is checked
/// (declared prefix, well-formed value) whether kept or not.
fn read_attributes(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    element_namespace: &Namespace,
    keep: bool,
    line: usize,
    budget: &mut Budget,
) -> Result<Vec<Attribute>, XmlError> {
    let located = |error: &dyn std::fmt::Display| XmlError {
        line,
        message: error.to_string(),
    };
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| located(&e))?;
        budget.take_item(line)?;
        if attribute.key.as_namespace_binding().is_some() {
            if attribute.value.len() > MAX_URI_BYTES {
                return Err(XmlError {
                    line,
                    message: format!(
                        "the namespace URI declared by `{}` is longer than {MAX_URI_BYTES} bytes",
                        shortened(attribute.key.as_ref())
                    ),
                });
            }
            continue;
        }
        let (uri, local_name) = resolve_name(reader, attribute.key, false, line)?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| located(&e))?;
        let own = match uri {
            None => true,
            Some(uri) => element_namespace.uri() == Some(uri),
        };
        if keep && own {
            budget.take_text(value.len(), line)?;
            attributes.push(Attribute {
                local_name: local_name.to_owned(),
                value: value.into_owned(),
            });
        }
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
            assert_eq!(luokka.path(), "/Tos[1]/Luokka[1]");
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
        let document = parse(&xml).unwrap();
        let root = &document.root;
        let jhs: Vec<String> = root.children_named("Luokka").map(Element::path).collect();
        assert_eq!(jhs, ["/Tos[1]/Luokka[1]"], "only the JHS 191 Luokka");
        assert_eq!(root.child("Luokka").unwrap().attribute("id"), Some("own"));
        assert_eq!(
            root.kirjuri_extension("Suunnitelma").unwrap().attribute("tila"),
            Some("x")
        );
        let misplaced: Vec<(&str, usize, &str)> = document
            .misplaced
            .iter()
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
        assert_eq!(document.unlisted_misplaced, 0);
        assert_eq!(root.children.len(), 2, "foreign elements are not kept in the tree");
    }

    #[test]
    fn foreign_attributes_and_foreign_content_are_not_kept() {
        let xml = format!(
            r#"<Tos xmlns="{TOS_NS}" xmlns:x="urn:other"><Luokka id="a" x:id="b" x:note="c"><x:Extra>text<Nimeke/></x:Extra></Luokka></Tos>"#
        );
        let root = root_of(&xml);
        let luokka = root.child("Luokka").unwrap();
        assert_eq!(luokka.attributes.len(), 1, "{:?}", luokka.attributes);
        assert_eq!(luokka.attribute("id"), Some("a"));
        assert!(luokka.children.is_empty(), "{:?}", luokka.children);
        assert!(luokka.text.is_empty());
    }

    #[test]
    fn a_long_namespace_uri_is_held_once_and_shortened_in_paths() {
        let uri = format!("urn:{}", "a".repeat(MAX_URI_BYTES - 4));
        let xml = format!(r#"<Tos xmlns="{TOS_NS}" xmlns:x="{uri}"><x:A/><x:B/><x:A/></Tos>"#);
        let document = parse(&xml).unwrap();
        let paths: Vec<&str> = document.misplaced.iter().map(|m| m.path.as_str()).collect();
        assert_eq!(paths.len(), 3);
        assert!(paths.iter().all(|p| p.len() < 200), "{paths:?}");
        assert!(paths[2].ends_with("…}A[2]"), "{paths:?}");
        let held: Vec<*const u8> = document
            .misplaced
            .iter()
            .map(|m| match &m.namespace {
                Namespace::Other(other) => other.uri.as_ptr(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(held.windows(2).all(|w| w[0] == w[1]), "one copy of the URI");
    }

    #[test]
    fn a_namespace_uri_longer_than_the_limit_is_refused() {
        let xml = format!("<Tos\n xmlns:x=\"urn:{}\"/>", "a".repeat(MAX_URI_BYTES));
        let error = parse(&xml).expect_err("too long a URI");
        assert_eq!(error.line, 1, "{error:?}");
        assert!(
            error.message.contains("`xmlns:x` is longer than 2048 bytes"),
            "{error:?}"
        );
    }

    #[test]
    fn a_deep_path_shows_its_first_and_last_steps() {
        let depth = 30;
        let xml = format!("<Tos>{}<Leaf/>{}</Tos>", "<A>".repeat(depth), "</A>".repeat(depth));
        let mut element = &root_of(&xml);
        while let Some(child) = element.children.first() {
            element = child;
        }
        assert_eq!(element.local_name, "Leaf");
        let path = element.path();
        assert_eq!(
            path,
            format!(
                "/Tos[1]/A[1]/A[1]/A[1]/…{}/Leaf[1]",
                "/A[1]".repeat(MAX_STEPS_SHOWN - FIRST_STEPS_SHOWN - 2)
            ),
        );
    }

    #[test]
    fn misplaced_elements_beyond_the_listed_ones_are_counted() {
        let xml = format!(
            r#"<Tos xmlns="{TOS_NS}" xmlns:x="urn:x">{}</Tos>"#,
            "<x:e/>".repeat(MAX_LISTED_MISPLACED + 7)
        );
        let document = parse(&xml).unwrap();
        assert_eq!(document.misplaced.len(), MAX_LISTED_MISPLACED);
        assert_eq!(document.unlisted_misplaced, 7);
    }

    #[test]
    fn attributes_count_toward_the_item_cap() {
        let attributes: String = (0..MAX_ITEMS).map(|n| format!(" a{n}=\"\"")).collect();
        let xml = format!("<Tos>\n<TosTiedot{attributes}/></Tos>");
        let error = parse(&xml).expect_err("more than MAX_ITEMS elements and attributes");
        assert_eq!(error.line, 2, "{error:?}");
        assert!(error.message.contains("elements and attributes"), "{error:?}");
    }

    #[test]
    fn a_second_root_element_or_text_after_the_root_is_refused() {
        let cases = [
            (
                format!("<Tos xmlns=\"{TOS_NS}\"/>\n<Tos/>"),
                2,
                "second root element `Tos`",
            ),
            (
                "<Tos>\n</Tos>\n<x:Other xmlns:x=\"urn:x\">a</x:Other>".to_owned(),
                3,
                "second root element `x:Other`",
            ),
            ("<Tos/>\ntrailing".to_owned(), 2, "text outside the root element"),
            ("<Tos/>&amp;".to_owned(), 1, "text outside the root element"),
        ];
        for (xml, line, part) in cases {
            let error = parse(&xml).expect_err(&xml);
            assert_eq!(error.line, line, "{xml}: {error:?}");
            assert!(error.message.contains(part), "{xml}: {error:?}");
        }
        assert!(parse("\u{FEFF}<?xml version=\"1.0\"?>\n<Tos/>\n\n<!-- end -->\n").is_ok());
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
        let mixed = parse(&format!(r#"<t:Tos xmlns:t="{TOS_NS}"><Luokka/></t:Tos>"#)).unwrap();
        assert!(mixed.root.child("Luokka").is_none());
        assert_eq!(mixed.misplaced[0].path, "/Tos[1]/Q{}Luokka[1]");
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
        assert!(error.message.contains("nested more than 64"), "{error:?}");
    }
}
