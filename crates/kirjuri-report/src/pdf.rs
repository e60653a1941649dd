//! The report as a tagged PDF/A-2a document (ISO 19005-2, level A: every text is Unicode and
//! the logical structure is tagged, so the archived report can be searched and read out by a
//! screen reader: headings, paragraphs and tables of header and data cells; chart drawings,
//! rules and page numbers are artifacts, the chart's numbers follow as a tagged table): the
//! report is itself a record to keep (Archives Act 831/1994 §8; the archive's formats, Arkistolaitos 2017, name PDF/A). Drawn with
//! krilla (maintained, used by Typst) and its PDF/A validation, with the DejaVu Sans fonts
//! bundled in `fonts/` (free licence in `fonts/LICENSE-DejaVu.txt`), so a fresh machine needs
//! nothing installed.
//!
//! The same content as the HTML: cover, contents (with links), the summary of key figures,
//! each chapter on a new page with its table, charts (bars and lines drawn with the path API,
//! series told apart by form and named in a legend, the numbers in a table below) and
//! management's assessment; A4 pages numbered "Sivu 3 / 12"; every heading a bookmark.
//!
//! Layout happens in two passes: the content is first laid out into pages of drawing
//! operations (so the total page count and each chapter's page are known), then drawn.

use kirjuri_words::Lang;
use kirjuri_words::report::{self as r, fill};
use krilla::Document;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};

use crate::charts::{Chart, ChartKind, charts};
use crate::compute::{Figure, Report, Table};
use crate::render::{
    cell_text, change, compiled_on, empty_chapter_note, empty_text, is_number, key_figures, note, number, status_text,
    title,
};

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 62.0;
const RIGHT: f32 = PAGE_W - 56.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = PAGE_H - 72.0;
/// Width of each number column of a figure table.
const NUMBER_COL: f32 = 58.0;

/// What a text is in the document's logical structure (the tag tree of the tagged PDF).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Role {
    /// A paragraph of body text (one line of it).
    #[default]
    Para,
    /// A heading of `level` (1 chapter, 2 section).
    Heading(u16),
    /// A cell of table `table`, row `row` (0 is the heading row), column `col`.
    Cell {
        table: usize,
        row: usize,
        col: usize,
        header: bool,
    },
    /// Not part of the content: chart labels (the chart's numbers follow as a table).
    Artifact,
}

/// One drawing operation on a page, in points from the top left.
#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        text: String,
        role: Role,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        dashed: bool,
    },
    /// A light grey grid line of a chart.
    Grid {
        x1: f32,
        y: f32,
        x2: f32,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        style: Bar,
    },
    Dot {
        x: f32,
        y: f32,
        square: bool,
    },
    /// A link to the page of outline entry `target`.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: usize,
    },
}

/// How a bar is filled: the first series solid, the second striped (never colour alone).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bar {
    Solid,
    Striped,
}

/// Text measuring with the bundled fonts.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new() -> Result<Metrics, String> {
        let parse = |data: &'static [u8]| ttf_parser::Face::parse(data, 0).map_err(|e| format!("pdf font: {e}"));
        Ok(Metrics {
            regular: parse(REGULAR)?,
            bold: parse(BOLD)?,
        })
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0.0, f32::from)
            })
            .sum();
        units / f32::from(face.units_per_em()) * size
    }

    /// `text` broken into lines no wider than `width`, at spaces.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) > width && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

impl Metrics {
    /// As [`Metrics::wrap`], but a word wider than the line is broken between characters.
    fn wrap_hard(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for line in self.wrap(text, size, bold, width) {
            if self.width(&line, size, bold) <= width {
                lines.push(line);
                continue;
            }
            let mut part = String::new();
            for c in line.chars() {
                part.push(c);
                if self.width(&part, size, bold) > width && part.chars().count() > 1 {
                    part.pop();
                    lines.push(std::mem::take(&mut part));
                    part.push(c);
                }
            }
            if !part.is_empty() {
                lines.push(part);
            }
        }
        lines
    }
}

/// A heading that becomes a bookmark: its text, page and height on the page.
struct Heading {
    text: String,
    page: usize,
    y: f32,
}

/// The pages being laid out.
struct Layout {
    metrics: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
    headings: Vec<Heading>,
    /// The role of the texts laid out now.
    role: Role,
    /// Tables laid out so far (each table's cells carry its number).
    tables: usize,
}

impl Layout {
    fn new() -> Result<Layout, String> {
        Ok(Layout {
            metrics: Metrics::new()?,
            pages: vec![Vec::new()],
            y: TOP,
            headings: Vec::new(),
            role: Role::Para,
            tables: 0,
        })
    }

    fn page(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn push(&mut self, op: Op) {
        self.page().push(op);
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        let role = self.role;
        self.push(Op::Text {
            x,
            y,
            size,
            bold,
            grey: false,
            text: text.to_owned(),
            role,
        });
    }

    fn grey_at(&mut self, x: f32, y: f32, size: f32, text: &str) {
        let role = self.role;
        self.push(Op::Text {
            x,
            y,
            size,
            bold: false,
            grey: true,
            text: text.to_owned(),
            role,
        });
    }

    /// Starts a new table: the texts laid out next are its cells.
    fn start_table(&mut self) -> usize {
        self.tables += 1;
        self.tables
    }

    fn right_at(&mut self, right: f32, y: f32, size: f32, bold: bool, text: &str) {
        let x = right - self.metrics.width(text, size, bold);
        self.text_at(x, y, size, bold, text);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            dashed: false,
        });
    }

    /// A paragraph wrapped to the text width.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        let lines = self.metrics.wrap(text, size, bold, RIGHT - LEFT);
        for line in lines {
            self.room(size * 1.45);
            self.y += size * 1.45;
            self.text_at(LEFT, self.y, size, bold, &line);
        }
        self.y += size * 0.6;
    }

    /// A chapter heading (a bookmark) at the top of a new page.
    fn chapter_heading(&mut self, text: &str) {
        self.new_page();
        self.heading(text, 17.0);
    }

    fn heading(&mut self, text: &str, size: f32) {
        self.room(size * 3.0);
        self.y += size * 1.3;
        let page = self.pages.len() - 1;
        self.headings.push(Heading {
            text: text.to_owned(),
            page,
            y: self.y - size,
        });
        let before = std::mem::replace(&mut self.role, Role::Heading(if size > 14.0 { 1 } else { 2 }));
        self.text_at(LEFT, self.y, size, true, text);
        self.role = before;
        self.y += size * 0.35;
        if size > 14.0 {
            self.line(LEFT, self.y, RIGHT, self.y, 1.2);
        }
        self.y += size * 0.8;
    }

    /// A table: a header row, then rows of a label (wrapped, with an optional grey note)
    /// and right-aligned numbers in columns of `NUMBER_COL`.
    fn table(&mut self, header: &[String], rows: &[(String, Option<String>, Vec<String>)]) {
        let columns = header.len().saturating_sub(1);
        let size = 9.0;
        // A column is wide enough for its heading (a chart's series name may be long).
        let column = header
            .iter()
            .skip(1)
            .map(|h| self.metrics.width(h, size, true) + 12.0)
            .fold(NUMBER_COL, f32::max);
        let label_w = RIGHT - LEFT - column * columns as f32 - 8.0;
        let table = self.start_table();
        let before = self.role;
        let head = |layout: &mut Layout| {
            layout.room(size * 3.0);
            layout.y += size * 1.4;
            let y = layout.y;
            for (i, text) in header.iter().enumerate() {
                layout.role = Role::Cell {
                    table,
                    row: 0,
                    col: i,
                    header: true,
                };
                if i == 0 {
                    layout.text_at(LEFT + 2.0, y, size, true, text);
                } else {
                    layout.right_at(RIGHT - column * (columns - i) as f32 - 2.0, y, size, true, text);
                }
            }
            layout.y += size * 0.55;
            layout.line(LEFT, layout.y, RIGHT, layout.y, 1.0);
        };
        head(self);
        for (r, (label, row_note, values)) in rows.iter().enumerate() {
            let cell = |col: usize| Role::Cell {
                table,
                row: r + 1,
                col,
                header: false,
            };
            let lines = self.metrics.wrap(label, size, false, label_w);
            let note_lines = row_note
                .as_deref()
                .map(|n| self.metrics.wrap(n, size - 1.5, false, label_w))
                .unwrap_or_default();
            let height = size * 1.4 * lines.len() as f32 + (size - 1.5) * 1.35 * note_lines.len() as f32 + 4.0;
            if self.y + height > BOTTOM {
                self.new_page();
                head(self);
            }
            let top = self.y;
            for (i, line) in lines.iter().enumerate() {
                self.y += size * 1.4;
                self.role = cell(0);
                self.text_at(LEFT + 2.0, self.y, size, false, line);
                if i == 0 {
                    for (c, value) in values.iter().enumerate() {
                        self.role = cell(c + 1);
                        self.right_at(
                            RIGHT - column * (columns - 1 - c) as f32 - 2.0,
                            self.y,
                            size,
                            false,
                            value,
                        );
                    }
                }
            }
            self.role = cell(0);
            for line in &note_lines {
                self.y += (size - 1.5) * 1.35;
                self.grey_at(LEFT + 8.0, self.y, size - 1.5, line);
            }
            self.y = top + height;
            self.push(Op::Line {
                x1: LEFT,
                y1: self.y,
                x2: RIGHT,
                y2: self.y,
                width: 0.4,
                dashed: false,
            });
        }
        self.role = before;
        self.y += 10.0;
    }

    /// A list of a chapter: its caption as a heading (a bookmark), then column headings and
    /// rows in columns of equal width, each cell wrapped, numbers right-aligned; an empty list
    /// shows its `empty` text.
    fn list(&mut self, table: &Table, lang: Lang) {
        self.heading(table.caption.in_lang(lang), 11.0);
        if let Some(empty) = empty_text(table, lang) {
            self.paragraph(empty, 9.5, false);
            return;
        }
        let size = 8.5;
        let header: Vec<String> = table.columns.iter().map(|c| c.in_lang(lang).to_owned()).collect();
        let body: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| row.iter().map(|c| cell_text(lang, c)).collect())
            .collect();
        let widths = self.column_widths(&header, &body, size);
        let numeric: Vec<bool> = (0..widths.len())
            .map(|i| table.rows.first().and_then(|row| row.get(i)).is_some_and(is_number))
            .collect();
        let table = self.start_table();
        let before = self.role;
        let row_of = |layout: &mut Layout, cells: &[String], row: usize| {
            let bold = row == 0;
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&widths)
                .map(|(text, width)| layout.metrics.wrap_hard(text, size, bold, width - 6.0))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = size * 1.4 * lines as f32 + 4.0;
            layout.room(height);
            let top = layout.y;
            for (c, cell_lines) in wrapped.iter().enumerate() {
                let x = LEFT + widths[..c].iter().sum::<f32>();
                let width = widths[c];
                layout.role = Role::Cell {
                    table,
                    row,
                    col: c,
                    header: row == 0,
                };
                for (l, line) in cell_lines.iter().enumerate() {
                    let y = top + size * 1.4 * (l as f32 + 1.0);
                    if numeric.get(c).copied().unwrap_or(false) {
                        layout.right_at(x + width - 3.0, y, size, bold, line);
                    } else {
                        layout.text_at(x + 2.0, y, size, bold, line);
                    }
                }
            }
            layout.y = top + height;
            layout.line(LEFT, layout.y, RIGHT, layout.y, if bold { 1.0 } else { 0.4 });
        };
        row_of(self, &header, 0);
        for (r, cells) in body.iter().enumerate() {
            if self.y + size * 1.4 + 4.0 > BOTTOM {
                self.new_page();
                row_of(self, &header, 0);
            }
            row_of(self, cells, r + 1);
        }
        self.role = before;
        self.y += 10.0;
    }

    /// Column widths of a list: each column's share of the text width follows its widest text
    /// (a long text counted as at most 170 points, so it wraps), never below 56 points.
    fn column_widths(&self, header: &[String], body: &[Vec<String>], size: f32) -> Vec<f32> {
        let cells = |i: usize| body.iter().filter_map(move |row| row.get(i));
        let natural: Vec<f32> = header
            .iter()
            .enumerate()
            .map(|(i, head)| {
                let widest = cells(i)
                    .map(|text| self.metrics.width(text, size, false))
                    .fold(self.metrics.width(head, size, true), f32::max);
                widest.clamp(56.0, 170.0) + 8.0
            })
            .collect();
        // Each column at least as wide as its longest word, so that a word is broken only
        // when the page cannot hold the words side by side ("Vastuutaho", not "Vastuuta|ho").
        let longest_word = |text: &str, bold: bool| {
            text.split_whitespace()
                .map(|word| self.metrics.width(word, size, bold))
                .fold(0.0, f32::max)
        };
        let least: Vec<f32> = header
            .iter()
            .enumerate()
            .map(|(i, head)| {
                cells(i)
                    .map(|text| longest_word(text, false))
                    .fold(longest_word(head, true), f32::max)
                    + 8.0
            })
            .collect();
        let page = RIGHT - LEFT;
        let least_total: f32 = least.iter().sum();
        if least_total >= page {
            return least.iter().map(|w| w / least_total * page).collect();
        }
        // What is left goes to the columns by how much more than their longest word they want.
        let wants: Vec<f32> = natural.iter().zip(&least).map(|(n, l)| (n - l).max(0.0)).collect();
        let wants_total: f32 = wants.iter().sum();
        let left_over = page - least_total;
        least
            .iter()
            .zip(&wants)
            .map(|(l, w)| {
                if wants_total > 0.0 {
                    l + w / wants_total * left_over
                } else {
                    l + left_over / least.len().max(1) as f32
                }
            })
            .collect()
    }

    /// A chart drawn with lines and bars, its legend and then its numbers as a table.
    fn chart(&mut self, chart: &Chart, lang: Lang) {
        let height = 150.0;
        self.room(height + 60.0);
        self.y += 12.0;
        let caption = self.metrics.wrap(&chart.title, 10.0, true, RIGHT - LEFT);
        for line in caption {
            self.y += 13.0;
            self.text_at(LEFT, self.y, 10.0, true, &line);
        }
        self.y += 8.0;
        // The drawing's labels are not read out: its numbers follow as a table.
        let before = std::mem::replace(&mut self.role, Role::Artifact);
        let (left, top, width) = (LEFT + 26.0, self.y, RIGHT - LEFT - 30.0);
        let max = chart.max() as f32;
        let n = chart.categories.len().max(1) as f32;
        let slot = width / n;
        let y_of = |v: f64| top + height - (v as f32) / max * height;
        for tick in [0.0, f64::from(max) / 2.0, f64::from(max)] {
            let y = y_of(tick);
            self.push(Op::Grid {
                x1: left,
                y,
                x2: left + width,
            });
            self.right_at(left - 4.0, y + 3.0, 7.0, false, &number(lang, Some(tick)));
        }
        self.line(left, top + height, left + width, top + height, 0.8);
        let every = if chart.categories.len() > 12 { 3 } else { 1 };
        for (i, category) in chart.categories.iter().enumerate() {
            if i % every == 0 {
                let w = self.metrics.width(category, 7.0, false);
                self.text_at(
                    left + slot * (i as f32 + 0.5) - w / 2.0,
                    top + height + 10.0,
                    7.0,
                    false,
                    category,
                );
            }
        }
        match chart.kind {
            ChartKind::Lines => {
                for (s, series) in chart.series.iter().enumerate() {
                    let points: Vec<(f32, f32)> = series
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (left + slot * (i as f32 + 0.5), y_of(*v)))
                        .collect();
                    for pair in points.windows(2) {
                        self.push(Op::Line {
                            x1: pair[0].0,
                            y1: pair[0].1,
                            x2: pair[1].0,
                            y2: pair[1].1,
                            width: 1.3,
                            dashed: s > 0,
                        });
                    }
                    for (x, y) in points {
                        self.push(Op::Dot { x, y, square: s > 0 });
                    }
                }
            }
            ChartKind::Columns => {
                let k = chart.series.len().max(1) as f32;
                let bar = slot * 0.7 / k;
                for (s, series) in chart.series.iter().enumerate() {
                    for (i, v) in series.values.iter().enumerate() {
                        let x = left + slot * i as f32 + slot * 0.15 + bar * s as f32;
                        let y = y_of(*v);
                        let style = if s == 0 { Bar::Solid } else { Bar::Striped };
                        self.push(Op::Rect {
                            x,
                            y,
                            w: bar,
                            h: top + height - y,
                            style,
                        });
                        if chart.categories.len() <= 12 {
                            let text = number(lang, Some(*v));
                            let w = self.metrics.width(&text, 7.0, false);
                            self.text_at(x + bar / 2.0 - w / 2.0, y - 3.0, 7.0, false, &text);
                        }
                    }
                }
            }
        }
        self.y = top + height + 26.0;
        let mut x = left;
        for (s, series) in chart.series.iter().enumerate() {
            match chart.kind {
                ChartKind::Lines => self.push(Op::Line {
                    x1: x,
                    y1: self.y - 3.0,
                    x2: x + 20.0,
                    y2: self.y - 3.0,
                    width: 1.3,
                    dashed: s > 0,
                }),
                ChartKind::Columns => {
                    let style = if s == 0 { Bar::Solid } else { Bar::Striped };
                    self.push(Op::Rect {
                        x,
                        y: self.y - 8.0,
                        w: 10.0,
                        h: 8.0,
                        style,
                    });
                }
            }
            let text = format!("{} ({})", series.name, chart.form(lang, s));
            self.text_at(x + 24.0, self.y, 8.0, false, &text);
            x += 24.0 + self.metrics.width(&text, 8.0, false) + 18.0;
        }
        self.y += 8.0;
        self.role = before;
        let mut header = vec![chart.category_heading.clone()];
        header.extend(chart.series.iter().map(|s| s.name.clone()));
        let rows: Vec<(String, Option<String>, Vec<String>)> = chart
            .categories
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let values = chart
                    .series
                    .iter()
                    .map(|s| number(lang, s.values.get(i).copied()))
                    .collect();
                (category.clone(), None, values)
            })
            .collect();
        self.room(40.0);
        self.grey_at(LEFT, self.y + 12.0, 8.0, lang.t(r::CHART_TEXT));
        self.y += 16.0;
        self.table(&header, &rows);
    }
}

/// A figure as a table row: label, note, this year, the previous year, the change.
fn figure_row(lang: Lang, figure: &Figure) -> (String, Option<String>, Vec<String>) {
    (
        figure.label.in_lang(lang).to_owned(),
        note(figure, lang).map(str::to_owned),
        vec![
            number(lang, figure.value),
            number(lang, figure.previous),
            change(lang, figure),
        ],
    )
}

fn figure_header(report: &Report, lang: Lang) -> Vec<String> {
    vec![
        lang.t(r::FIGURE).to_owned(),
        report.year.to_string(),
        (report.year - 1).to_string(),
        lang.t(r::CHANGE).to_owned(),
    ]
}

/// The cover: organisation, title, subtitle, year and the day compiled.
fn cover(layout: &mut Layout, report: &Report, lang: Lang) {
    layout.y = 300.0;
    let organisation = report.organisation.to_uppercase();
    layout.text_at(LEFT, layout.y, 12.0, false, &organisation);
    layout.y += 40.0;
    let heading = title(report, lang);
    layout.headings.push(Heading {
        text: heading.clone(),
        page: 0,
        y: TOP,
    });
    layout.text_at(LEFT, layout.y, 30.0, true, &heading);
    layout.y += 16.0;
    layout.paragraph(lang.t(r::SUBTITLE), 13.0, false);
    layout.y += 50.0;
    for (label, value) in [
        (lang.t(r::REPORT_YEAR), report.year.to_string()),
        (lang.t(r::COMPUTED_ON), compiled_on(report, lang)),
        (lang.t(r::STATUS), status_text(report, lang)),
    ] {
        layout.text_at(LEFT, layout.y, 10.0, true, label);
        layout.text_at(LEFT + 130.0, layout.y, 10.0, false, &value);
        layout.y += 16.0;
    }
}

/// The contents page, written after the chapters so their pages are known.
fn contents(layout: &Layout, lang: Lang, entries: &[(String, usize, usize)]) -> Vec<Op> {
    let mut ops = vec![Op::Text {
        x: LEFT,
        y: TOP + 22.0,
        size: 17.0,
        bold: true,
        grey: false,
        text: lang.t(r::CONTENTS).to_owned(),
        role: Role::Heading(1),
    }];
    let mut y = TOP + 60.0;
    for (text, page, heading) in entries {
        let number = (page + 1).to_string();
        ops.push(Op::Text {
            x: LEFT,
            y,
            size: 11.0,
            bold: false,
            grey: false,
            text: text.clone(),
            role: Role::Para,
        });
        let w = layout.metrics.width(&number, 11.0, false);
        ops.push(Op::Text {
            x: RIGHT - w,
            y,
            size: 11.0,
            bold: false,
            grey: false,
            text: number,
            role: Role::Para,
        });
        ops.push(Op::Link {
            x: LEFT,
            y: y - 11.0,
            w: RIGHT - LEFT,
            h: 15.0,
            target: *heading,
        });
        y += 22.0;
    }
    ops
}

/// Lays the report out into pages of operations; the second page is the contents.
fn lay_out(report: &Report, lang: Lang) -> Result<Layout, String> {
    let mut layout = Layout::new()?;
    cover(&mut layout, report, lang);
    // The contents page is filled in once the chapters are laid out.
    layout.new_page();
    let contents_index = layout.pages.len() - 1;
    let contents_heading = layout.headings.len();
    layout.headings.push(Heading {
        text: lang.t(r::CONTENTS).to_owned(),
        page: contents_index,
        y: TOP,
    });
    let mut entries = Vec::new();
    let summary_title = format!("1 {}", lang.t(r::SUMMARY));
    layout.chapter_heading(&summary_title);
    entries.push((summary_title, layout.pages.len() - 1, layout.headings.len() - 1));
    layout.paragraph(lang.t(r::SUMMARY_INTRO), 9.5, false);
    let header = figure_header(report, lang);
    let rows: Vec<_> = key_figures(report).into_iter().map(|f| figure_row(lang, f)).collect();
    layout.table(&header, &rows);
    let charts = charts(report, lang);
    for chapter in &report.chapters {
        let heading = chapter.title.in_lang(lang).to_owned();
        layout.chapter_heading(&heading);
        entries.push((heading, layout.pages.len() - 1, layout.headings.len() - 1));
        if let Some(note) = empty_chapter_note(report, chapter, lang) {
            layout.paragraph(&note, 10.0, true);
        }
        if !chapter.figures.is_empty() {
            let rows: Vec<_> = chapter.figures.iter().map(|f| figure_row(lang, f)).collect();
            layout.table(&header, &rows);
        }
        for table in &chapter.tables {
            layout.list(table, lang);
        }
        for chart in charts.iter().filter(|c| c.chapter == chapter.key) {
            layout.chart(chart, lang);
        }
        layout.heading(lang.t(r::ASSESSMENT), 12.0);
        layout.paragraph(
            chapter.assessment.as_deref().unwrap_or(lang.t(r::NOT_WRITTEN)),
            10.0,
            false,
        );
    }
    let ops = contents(&layout, lang, &entries);
    layout.pages[contents_index] = ops;
    let _ = contents_heading;
    Ok(layout)
}

fn fill_of(grey: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        ..Default::default()
    }
}

fn blue() -> Fill {
    Fill {
        paint: rgb::Color::new(0x1f, 0x4e, 0x79).into(),
        opacity: NormalizedF32::ONE,
        ..Default::default()
    }
}

fn stroke(width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: rgb::Color::new(0x1b, 0x1b, 0x1b).into(),
        width,
        dash: dashed.then(|| StrokeDash {
            array: vec![4.0, 2.5],
            offset: 0.0,
        }),
        ..Default::default()
    }
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    builder.push_rect(Rect::from_xywh(x, y, w.max(0.01), h.max(0.01))?);
    builder.finish()
}

fn line_path(x1: f32, y1: f32, x2: f32, y2: f32) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    builder.move_to(x1, y1);
    builder.line_to(x2, y2);
    builder.finish()
}

/// Draws one operation on a page's surface.
fn draw(surface: &mut krilla::surface::Surface<'_>, op: &Op, regular: &Font, bold: &Font) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold: is_bold,
            grey,
            text,
            ..
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill_of(if *grey { 0x55 } else { 0x1b })));
            let font = if *is_bold { bold } else { regular };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            dashed,
        } => {
            if let Some(path) = line_path(*x1, *y1, *x2, *y2) {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*width, *dashed)));
                surface.draw_path(&path);
            }
        }
        Op::Rect { x, y, w, h, style } => {
            if let Some(path) = rect_path(*x, *y, *w, *h) {
                surface.set_fill(Some(if *style == Bar::Solid { blue() } else { fill_of(0xff) }));
                surface.set_stroke(Some(stroke(0.6, false)));
                surface.draw_path(&path);
            }
            if *style == Bar::Striped {
                // Horizontal stripes every 2.5 points: the second series is told apart by
                // its pattern, not only by colour.
                let mut stripe = y + 1.5;
                while stripe < y + h {
                    if let Some(path) = line_path(*x, stripe, x + w, stripe) {
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(0.8, false)));
                        surface.draw_path(&path);
                    }
                    stripe += 2.5;
                }
            }
        }
        Op::Dot { x, y, square } => {
            let path = if *square {
                rect_path(x - 2.0, y - 2.0, 4.0, 4.0)
            } else {
                // A diamond marks the first series' points (a square the second's).
                let mut builder = PathBuilder::new();
                builder.move_to(*x, y - 2.6);
                builder.line_to(x + 2.6, *y);
                builder.line_to(*x, y + 2.6);
                builder.line_to(x - 2.6, *y);
                builder.close();
                builder.finish()
            };
            if let Some(path) = path {
                surface.set_fill(Some(fill_of(if *square { 0xff } else { 0x1b })));
                surface.set_stroke(Some(stroke(0.8, false)));
                surface.draw_path(&path);
            }
        }
        Op::Grid { x1, y, x2 } => {
            if let Some(path) = line_path(*x1, *y, *x2, *y) {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(0xbb, 0xbb, 0xbb).into(),
                    width: 0.4,
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Link { .. } => {}
    }
}

/// The report as a tagged PDF/A-2a document in `lang`.
pub fn to_pdf(report: &Report, lang: Lang) -> Result<Vec<u8>, String> {
    let layout = lay_out(report, lang)?;
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .finish()
        .map_err(|e| format!("pdf configuration: {e:?}"))?;
    let settings = krilla::SerializeSettings {
        configuration,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    let regular = Font::new(REGULAR.into(), 0).ok_or("pdf: the regular font does not load")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("pdf: the bold font does not load")?;
    let pages = layout.pages.len();
    let mut leaves: Vec<Leaf> = Vec::new();
    for (index, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("pdf: page size")?;
        let mut page = document.start_page_with(settings);
        let mut links = Vec::new();
        for op in ops {
            if let Op::Link { x, y, w, h, target } = op {
                let heading = &layout.headings[*target];
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    let destination = XyzDestination::new(heading.page, Point::from_xy(LEFT, heading.y));
                    links.push(page.add_tagged_annotation(Annotation::new_link(
                        LinkAnnotation::new(rect, Target::Destination(destination.into())),
                        Some(heading.text.clone()),
                    )));
                }
            }
        }
        let mut links = links.into_iter();
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { role, .. } if *role != Role::Artifact => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    draw(&mut surface, op, &regular, &bold);
                    surface.end_tagged();
                    leaves.push(Leaf::Span(*role, id));
                }
                Op::Link { .. } => {
                    if let Some(id) = links.next() {
                        leaves.push(Leaf::Link(id));
                    }
                }
                _ => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Other)));
                    draw(&mut surface, op, &regular, &bold);
                    surface.end_tagged();
                }
            }
        }
        if index > 0 {
            let footer = fill(lang.t(r::PAGE_OF), &[&(index + 1).to_string(), &pages.to_string()]);
            let w = layout.metrics.width(&footer, 8.5, false);
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::PageNumber)));
            draw(
                &mut surface,
                &Op::Text {
                    x: (PAGE_W - w) / 2.0,
                    y: PAGE_H - 36.0,
                    size: 8.5,
                    bold: false,
                    grey: true,
                    text: footer,
                    role: Role::Artifact,
                },
                &regular,
                &bold,
            );
            surface.end_tagged();
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tag_tree(leaves));
    let mut outline = Outline::new();
    for heading in &layout.headings {
        outline.push_child(OutlineNode::new(
            heading.text.clone(),
            XyzDestination::new(heading.page, Point::from_xy(LEFT, heading.y)),
        ));
    }
    document.set_outline(outline);
    document.set_metadata(metadata(report, lang));
    document.finish().map_err(|e| format!("pdf: {e:?}"))
}

/// A tagged piece of content, in reading order.
enum Leaf {
    Span(Role, Identifier),
    Link(Identifier),
}

/// The logical structure of the report (PDF/A-2a): headings, paragraphs, and tables of rows of
/// header and data cells, in reading order; a contents entry's link in a Link element.
fn tag_tree(leaves: Vec<Leaf>) -> TagTree {
    let mut tree = TagTree::new();
    let mut leaves = leaves.into_iter().peekable();
    while let Some(leaf) = leaves.next() {
        match leaf {
            Leaf::Link(id) => {
                let mut group = TagGroup::new(Tag::Link);
                group.push(id);
                tree.push(group);
            }
            Leaf::Span(Role::Heading(level), id) => {
                let level = std::num::NonZeroU16::new(level).unwrap_or(std::num::NonZeroU16::MIN);
                let mut group = TagGroup::new(Tag::Hn(level, None));
                group.push(id);
                tree.push(group);
            }
            Leaf::Span(
                Role::Cell {
                    table,
                    row,
                    col,
                    header,
                },
                id,
            ) => {
                // Every cell of the same table, in order: rows of cells of spans.
                let mut cells: Vec<(usize, usize, bool, Vec<Identifier>)> = vec![(row, col, header, vec![id])];
                while let Some(Leaf::Span(Role::Cell { table: t, .. }, _)) = leaves.peek() {
                    if *t != table {
                        break;
                    }
                    if let Some(Leaf::Span(Role::Cell { row, col, header, .. }, id)) = leaves.next() {
                        match cells.iter_mut().find(|(r, c, _, _)| *r == row && *c == col) {
                            Some(cell) => cell.3.push(id),
                            None => cells.push((row, col, header, vec![id])),
                        }
                    }
                }
                tree.push(table_group(cells));
            }
            Leaf::Span(_, id) => {
                let mut group = TagGroup::new(Tag::P);
                group.push(id);
                tree.push(group);
            }
        }
    }
    tree
}

/// A Table element of TR rows of TH (the heading row) and TD cells.
fn table_group(mut cells: Vec<(usize, usize, bool, Vec<Identifier>)>) -> TagGroup {
    cells.sort_by_key(|(row, col, _, _)| (*row, *col));
    let mut table = TagGroup::new(Tag::Table);
    let mut current: Option<(usize, TagGroup)> = None;
    for (row, _, header, ids) in cells {
        let mut cell = if header {
            TagGroup::new(Tag::TH(TableHeaderScope::Column))
        } else {
            TagGroup::new(Tag::TD)
        };
        for id in ids {
            cell.push(id);
        }
        match &mut current {
            Some((r, group)) if *r == row => group.push(cell),
            _ => {
                if let Some((_, done)) = current.take() {
                    table.push(done);
                }
                let mut group = TagGroup::new(Tag::TR);
                group.push(cell);
                current = Some((row, group));
            }
        }
    }
    if let Some((_, done)) = current {
        table.push(done);
    }
    table
}

/// The document's metadata: title, language, author (the organisation) and the moment it
/// was compiled, in Helsinki time.
fn metadata(report: &Report, lang: Lang) -> Metadata {
    use chrono::{Datelike, Offset, Timelike};
    let at = report.generated_at.with_timezone(&chrono_tz::Europe::Helsinki);
    let offset_hours = (at.offset().fix().local_minus_utc() / 3600) as i8;
    let date = DateTime::new(u16::try_from(at.year()).unwrap_or(0))
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(offset_hours)
        .utc_offset_minute(0);
    Metadata::new()
        .title(title(report, lang))
        .language(lang.code().to_owned())
        .authors(vec![report.organisation.clone()])
        .creator("Kirjuri".to_owned())
        .creation_date(date)
}
