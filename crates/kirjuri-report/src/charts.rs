//! The report's charts, as one model drawn twice: as inline SVG in the HTML (built with maud)
//! and with the PDF library's path API. Each series is told apart by its form (solid or dashed
//! line, plain or hatched bar) and named in a legend, never by colour alone; each chart comes
//! with its numbers as a table (WCAG 2.1 1.1.1, 1.4.1).

use kirjuri_words::Lang;
use kirjuri_words::report::{self as r, fill};
use maud::{Markup, html};

use crate::compute::{Report, severity_of_key};

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// One line per series over the categories (months).
    Lines,
    /// Columns side by side per category.
    Columns,
}

/// One series of a chart; its position in the chart decides its form (solid, dashed or
/// hatched), which the legend names.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// A chart: a title, a description, categories along the axis and the series.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The id its elements are named by (`chart-requests`).
    pub id: &'static str,
    /// The chapter it belongs to.
    pub chapter: &'static str,
    pub kind: ChartKind,
    pub title: String,
    /// A sentence that says what the chart shows, for screen readers.
    pub desc: String,
    /// The heading of the category column of the table.
    pub category_heading: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

impl Chart {
    /// The scale's top: the largest value and a little room above it for the value labels,
    /// a whole number, at least 1.
    pub fn max(&self) -> f64 {
        let largest = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(1.0, f64::max);
        (largest * 1.15).ceil()
    }

    /// The form of series `index` in `lang` ("solid line", "hatched bar").
    pub fn form(&self, lang: Lang, index: usize) -> &'static str {
        match (self.kind, index) {
            (ChartKind::Lines, 0) => lang.t(r::LEGEND_SOLID),
            (ChartKind::Lines, _) => lang.t(r::LEGEND_DASHED),
            (ChartKind::Columns, 0) => lang.t(r::LEGEND_PLAIN),
            (ChartKind::Columns, _) => lang.t(r::LEGEND_HATCHED),
        }
    }
}

/// Month labels over the previous and this year (`tammi 25` … `joulu 26`), or this year
/// alone when the previous year has no data.
fn months(report: &Report, lang: Lang, two_years: bool) -> Vec<String> {
    let years: Vec<i32> = if two_years {
        vec![report.year - 1, report.year]
    } else {
        vec![report.year]
    };
    years
        .into_iter()
        .flat_map(|year| (1..=12).map(move |m| (year, m)))
        .map(|(year, m)| format!("{} {:02}", r::month(lang, m), year.rem_euclid(100)))
        .collect()
}

fn over_two_years(report: &Report, previous: &[u64; 12], this: &[u64; 12]) -> Vec<f64> {
    let mut values: Vec<f64> = Vec::with_capacity(24);
    if report.previous_year_has_data {
        values.extend(previous.iter().map(|v| *v as f64));
    }
    values.extend(this.iter().map(|v| *v as f64));
    values
}

/// The report's charts, in order: requests per month over two years, incidents per month
/// over two years, deadline performance by type of request, incidents by severity.
pub fn charts(report: &Report, lang: Lang) -> Vec<Chart> {
    let two = report.previous_year_has_data;
    let span = if two {
        format!("{}–{}", report.year - 1, report.year)
    } else {
        report.year.to_string()
    };
    let month_heading = lang.t(r::MONTH).to_owned();
    let requests = Chart {
        id: "chart-requests",
        chapter: "rights",
        kind: ChartKind::Lines,
        title: format!("{} ({span})", lang.t(r::CHART_REQUESTS_MONTHLY)),
        desc: format!("{} {}", lang.t(r::CHART_REQUESTS_MONTHLY), lang.t(r::CHART_TEXT)),
        category_heading: month_heading.clone(),
        categories: months(report, lang, two),
        series: vec![
            Series {
                name: fill(lang.t(r::SERIES_RECEIVED), &[&span]),
                values: over_two_years(report, &report.requests_per_month_previous, &report.requests_per_month),
            },
            Series {
                name: fill(lang.t(r::SERIES_DECIDED), &[&span]),
                values: over_two_years(report, &report.decided_per_month_previous, &report.decided_per_month),
            },
        ],
    };
    let deadlines = Chart {
        id: "chart-deadlines",
        chapter: "rights",
        kind: ChartKind::Columns,
        title: format!("{} ({})", lang.t(r::CHART_DEADLINES), report.year),
        desc: format!("{} {}", lang.t(r::CHART_DEADLINES), lang.t(r::CHART_TEXT)),
        category_heading: lang.t(r::TYPE_OF_REQUEST).to_owned(),
        categories: report
            .deadlines
            .iter()
            .map(|d| d.label.in_lang(lang).to_owned())
            .collect(),
        series: vec![
            Series {
                name: lang.t(r::ON_TIME).to_owned(),
                values: report.deadlines.iter().map(|d| d.on_time as f64).collect(),
            },
            Series {
                name: lang.t(r::LATE).to_owned(),
                values: report.deadlines.iter().map(|d| d.late as f64).collect(),
            },
        ],
    };
    let incidents = Chart {
        id: "chart-incidents",
        chapter: "security",
        kind: ChartKind::Columns,
        title: format!("{} ({span})", lang.t(r::CHART_INCIDENTS_MONTHLY)),
        desc: format!("{} {}", lang.t(r::CHART_INCIDENTS_MONTHLY), lang.t(r::CHART_TEXT)),
        category_heading: month_heading,
        categories: months(report, lang, two),
        series: vec![Series {
            name: fill(lang.t(r::SERIES_INCIDENTS), &[&span]),
            values: over_two_years(
                report,
                &report.incidents_per_month_previous,
                &report.incidents_per_month,
            ),
        }],
    };
    // In the order of severity (unspecified first, critical last), not of the keys.
    let (names, counts): (Vec<String>, Vec<f64>) = kirjuri_incidents::Severity::ALL
        .iter()
        .filter_map(|severity| {
            let count = report.incidents_by_severity.get(severity.key())?;
            severity_of_key(severity.key()).map(|w| (lang.t(w).to_owned(), *count as f64))
        })
        .unzip();
    let severity = Chart {
        id: "chart-severity",
        chapter: "security",
        kind: ChartKind::Columns,
        title: format!("{} ({})", lang.t(r::CHART_INCIDENTS_BY_SEVERITY), report.year),
        desc: format!("{} {}", lang.t(r::CHART_INCIDENTS_BY_SEVERITY), lang.t(r::CHART_TEXT)),
        category_heading: lang.t(r::SEVERITY).to_owned(),
        categories: names,
        series: vec![Series {
            name: lang.t(r::COUNT).to_owned(),
            values: counts,
        }],
    };
    vec![requests, incidents, deadlines, severity]
}

/// The chart's numbers as a table: a row per category, a column per series.
pub fn table(chart: &Chart, lang: Lang) -> Markup {
    html! {
        table.chart-data {
            caption { (lang.t(r::CHART_TEXT)) }
            thead { tr {
                th scope="col" { (chart.category_heading) }
                @for series in &chart.series { th.n scope="col" { (series.name) } }
            } }
            tbody {
                @for (i, category) in chart.categories.iter().enumerate() {
                    tr {
                        th scope="row" { (category) }
                        @for series in &chart.series {
                            td.n { (crate::render::number(lang, series.values.get(i).copied())) }
                        }
                    }
                }
            }
        }
    }
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 44.0;

/// Where the plot area is, in SVG units: left, top, width, height.
pub fn plot_area() -> (f64, f64, f64, f64) {
    (LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM)
}

/// The chart as inline SVG, with `title` and `desc` for assistive technology, a legend that
/// names each series' form, and the numbers as a table after it.
pub fn svg(chart: &Chart, lang: Lang) -> Markup {
    let (left, top, width, height) = plot_area();
    let max = chart.max();
    let n = chart.categories.len().max(1) as f64;
    let slot = width / n;
    let y = |v: f64| top + height - v / max * height;
    let x_mid = |i: usize| left + slot * (i as f64 + 0.5);
    let title_id = format!("{}-title", chart.id);
    let desc_id = format!("{}-desc", chart.id);
    let every = if chart.categories.len() > 12 { 3 } else { 1 };
    let ticks = [0.0, max / 2.0, max];
    html! {
        figure.chart id=(chart.id) {
            figcaption { (chart.title) }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) width="100%" role="img" aria-labelledby=(format!("{title_id} {desc_id}")) {
                title id=(title_id) { (chart.title) }
                desc id=(desc_id) { (chart.desc) }
                defs {
                    pattern id=(format!("{}-hatch", chart.id)) width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                        rect width="6" height="6" fill="#fff" {}
                        line x1="0" y1="0" x2="0" y2="6" stroke="#1b1b1b" stroke-width="3" {}
                    }
                }
                @for tick in ticks {
                    line x1=(left) x2=(left + width) y1=(y(tick)) y2=(y(tick)) stroke="#ccc" stroke-width="0.5" {}
                    text x=(left - 4.0) y=(y(tick) + 3.0) font-size="9" text-anchor="end" { (crate::render::number(lang, Some(tick))) }
                }
                line x1=(left) x2=(left + width) y1=(top + height) y2=(top + height) stroke="#1b1b1b" {}
                @for (i, category) in chart.categories.iter().enumerate() {
                    @if i % every == 0 {
                        text x=(x_mid(i)) y=(top + height + 12.0) font-size="9" text-anchor="middle" { (category) }
                    }
                }
                @match chart.kind {
                    ChartKind::Lines => {
                        @for (s, series) in chart.series.iter().enumerate() {
                            polyline fill="none" stroke="#1b1b1b" stroke-width="1.6"
                                stroke-dasharray=(if s == 0 { "none" } else { "5 3" })
                                points=(series.values.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x_mid(i), y(*v))).collect::<Vec<_>>().join(" ")) {}
                            @for (i, v) in series.values.iter().enumerate() {
                                @if s == 0 {
                                    circle cx=(format!("{:.1}", x_mid(i))) cy=(format!("{:.1}", y(*v))) r="2.2" fill="#1b1b1b" {}
                                } @else {
                                    rect x=(format!("{:.1}", x_mid(i) - 2.0)) y=(format!("{:.1}", y(*v) - 2.0)) width="4" height="4" fill="#fff" stroke="#1b1b1b" {}
                                }
                            }
                        }
                    }
                    ChartKind::Columns => {
                        @let k = chart.series.len().max(1) as f64;
                        @let bar = slot * 0.7 / k;
                        @for (s, series) in chart.series.iter().enumerate() {
                            @for (i, v) in series.values.iter().enumerate() {
                                @let bx = left + slot * i as f64 + slot * 0.15 + bar * s as f64;
                                rect x=(format!("{bx:.1}")) y=(format!("{:.1}", y(*v))) width=(format!("{bar:.1}")) height=(format!("{:.1}", top + height - y(*v)))
                                    fill=(if s == 0 { "#1f4e79".to_owned() } else { format!("url(#{}-hatch)", chart.id) }) stroke="#1b1b1b" stroke-width="0.6" {}
                                @if chart.categories.len() <= 12 {
                                    text x=(format!("{:.1}", bx + bar / 2.0)) y=(format!("{:.1}", y(*v) - 3.0)) font-size="9" text-anchor="middle" { (crate::render::number(lang, Some(*v))) }
                                }
                            }
                        }
                    }
                }
                @for (s, series) in chart.series.iter().enumerate() {
                    @let lx = left + 190.0 * s as f64;
                    @let ly = HEIGHT - 12.0;
                    @match chart.kind {
                        ChartKind::Lines => {
                            line x1=(lx) x2=(lx + 22.0) y1=(ly - 3.0) y2=(ly - 3.0) stroke="#1b1b1b" stroke-width="1.6" stroke-dasharray=(if s == 0 { "none" } else { "5 3" }) {}
                        }
                        ChartKind::Columns => {
                            rect x=(lx) y=(ly - 9.0) width="12" height="9" stroke="#1b1b1b" stroke-width="0.6"
                                fill=(if s == 0 { "#1f4e79".to_owned() } else { format!("url(#{}-hatch)", chart.id) }) {}
                        }
                    }
                    text x=(lx + 26.0) y=(ly) font-size="9" { (series.name) " (" (chart.form(lang, s)) ")" }
                }
            }
            (table(chart, lang))
        }
    }
}
