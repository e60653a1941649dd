//! Rendering the report: a self-contained printable HTML page (Finnish, or English) with SVG
//! charts and no external assets; Markdown; CSV with every number. Text is escaped by
//! `html-escape`, never by hand.

use html_escape::encode_text as esc;

use crate::compute::{Figure, Report};

fn number(value: Option<f64>) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
    }
}

fn change(figure: &Figure) -> String {
    match figure.change() {
        None => "—".to_owned(),
        Some(c) if c > 0.0 => format!("+{}", number(Some(c))),
        Some(c) => number(Some(c)),
    }
}

fn label(figure: &Figure, english: bool) -> &str {
    if english { &figure.en } else { &figure.fi }
}

/// Notes are written "suomeksi / in English"; each output shows its own language.
fn note(figure: &Figure, english: bool) -> Option<&str> {
    let text = figure.note.as_deref()?;
    Some(match text.split_once(" / ") {
        Some((finnish, english_text)) => {
            if english {
                english_text
            } else {
                finnish
            }
        }
        None => text,
    })
}

/// A format of the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
    Csv,
}

impl ReportFormat {
    /// `html`, `md` (or `markdown`), `json` or `csv`.
    pub fn parse(text: &str) -> Result<ReportFormat, String> {
        match text.trim() {
            "html" => Ok(ReportFormat::Html),
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "json" => Ok(ReportFormat::Json),
            "csv" => Ok(ReportFormat::Csv),
            other => Err(format!("format `{other}`, expected html, md, json or csv")),
        }
    }

    /// The media type of a rendering in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Markdown => "text/markdown; charset=utf-8",
            ReportFormat::Json => "application/json",
            ReportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// A report rendered in one format and language.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub media_type: &'static str,
    pub text: String,
}

/// Renders a report in `format`, in English or Finnish (`lang`: `fi` or `en`).
pub fn render(report: &Report, format: ReportFormat, lang: &str) -> Result<Rendering, String> {
    let english = match lang.trim() {
        "fi" => false,
        "en" => true,
        other => return Err(format!("lang `{other}`, expected fi or en")),
    };
    let text = match format {
        ReportFormat::Html => to_html(report, english),
        ReportFormat::Markdown => to_markdown(report, english),
        ReportFormat::Json => serde_json::to_string_pretty(report).map_err(|e| e.to_string())?,
        ReportFormat::Csv => to_csv(report)?,
    };
    Ok(Rendering {
        media_type: format.media_type(),
        text,
    })
}

/// Every number as CSV: chapter, key, labels, value, previous, change, note.
pub fn to_csv(report: &Report) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "year", "chapter", "key", "label_fi", "label_en", "value", "previous", "change", "note",
        ])
        .map_err(|e| e.to_string())?;
    for chapter in &report.chapters {
        for figure in &chapter.figures {
            let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            writer
                .write_record([
                    report.year.to_string(),
                    chapter.key.clone(),
                    figure.key.clone(),
                    figure.fi.clone(),
                    figure.en.clone(),
                    opt(figure.value),
                    opt(figure.previous),
                    opt(figure.change()),
                    figure.note.clone().unwrap_or_default(),
                ])
                .map_err(|e| e.to_string())?;
        }
    }
    for (month, count) in report.requests_per_month.iter().enumerate() {
        writer
            .write_record([
                report.year.to_string(),
                "rights".to_owned(),
                format!("requests_month_{:02}", month + 1),
                format!("Pyynnöt kuukausi {}", month + 1),
                format!("Requests, month {}", month + 1),
                count.to_string(),
                report.requests_per_month_previous[month].to_string(),
                String::new(),
                String::new(),
            ])
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(writer.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

pub fn to_markdown(report: &Report, english: bool) -> String {
    let mut out = if english {
        format!("# Data-governance report {} — {}\n\n", report.year, report.organisation)
    } else {
        format!("# Tietotilinpäätös {} — {}\n\n", report.year, report.organisation)
    };
    let (this, previous, delta) = (
        report.year.to_string(),
        (report.year - 1).to_string(),
        if english { "change" } else { "muutos" },
    );
    for chapter in &report.chapters {
        out.push_str(&format!("## {}\n\n", if english { &chapter.en } else { &chapter.fi }));
        out.push_str(&format!("| | {this} | {previous} | {delta} |\n|---|---:|---:|---:|\n"));
        for figure in &chapter.figures {
            let note = note(figure, english).map(|n| format!(" ({n})")).unwrap_or_default();
            out.push_str(&format!(
                "| {}{note} | {} | {} | {} |\n",
                label(figure, english),
                number(figure.value),
                number(figure.previous),
                change(figure)
            ));
        }
        let heading = if english {
            "Assessment and development targets"
        } else {
            "Arvio ja kehittämiskohteet"
        };
        let text = chapter.assessment.as_deref().unwrap_or(if english {
            "(not written yet)"
        } else {
            "(ei vielä kirjoitettu)"
        });
        out.push_str(&format!("\n**{heading}:** {text}\n\n"));
    }
    out
}

/// A bar chart as inline SVG: labels, values, an optional second series.
fn bars(
    title: &str,
    labels: &[String],
    values: &[f64],
    previous: Option<&[f64]>,
    max_hint: Option<f64>,
    unit: &str,
) -> String {
    let width = 640.0;
    let height = 220.0;
    let left = 40.0;
    let bottom = 30.0;
    let plot_h = height - bottom - 30.0;
    let max = values
        .iter()
        .chain(previous.unwrap_or(&[]).iter())
        .copied()
        .fold(max_hint.unwrap_or(0.0), f64::max)
        .max(1.0);
    let slot = (width - left) / labels.len().max(1) as f64;
    let mut svg = format!(
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = esc(title)
    );
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"#333\"/>",
        y = height - bottom
    ));
    for (i, label) in labels.iter().enumerate() {
        let x = left + i as f64 * slot;
        let bar_w = if previous.is_some() { slot * 0.38 } else { slot * 0.7 };
        if let Some(previous) = previous {
            let h = previous[i] / max * plot_h;
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" fill=\"#bbb\"/>",
                x + slot * 0.08,
                height - bottom - h
            ));
        }
        let h = values[i] / max * plot_h;
        let bx = if previous.is_some() {
            x + slot * 0.5
        } else {
            x + slot * 0.15
        };
        svg.push_str(&format!(
            "<rect x=\"{bx:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" fill=\"#1f5a96\"/>",
            height - bottom - h
        ));
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            bx + bar_w / 2.0,
            height - bottom - h - 3.0,
            esc(&format!("{}{unit}", number(Some(values[i]))))
        ));
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x + slot / 2.0,
            height - 10.0,
            esc(label)
        ));
    }
    svg.push_str("</svg>");
    svg.push_str(&format!("<figcaption>{}</figcaption></figure>", esc(title)));
    svg
}

pub fn to_html(report: &Report, english: bool) -> String {
    let t = |fi: &'static str, en: &'static str| if english { en } else { fi };
    let mut html = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>\nbody{{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}}\ntable{{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}}th,td{{border-bottom:1px solid #ccc;padding:.25rem .4rem;text-align:left}}td.n,th.n{{text-align:right}}\n.note{{color:#666;font-size:.85em}}figure{{margin:1rem 0}}figcaption{{font-size:.9em;color:#444}}\n@media print{{body{{margin:0;max-width:none}}h2{{page-break-after:avoid}}table{{page-break-inside:avoid}}}}\n</style></head><body>\n",
        if english { "en" } else { "fi" },
        esc(&format!(
            "{} {}",
            t("Tietotilinpäätös", "Data-governance report"),
            report.year
        ))
    );
    html.push_str(&format!(
        "<h1>{} {}</h1>\n<p>{} · {} {}</p>\n",
        t("Tietotilinpäätös", "Data-governance report"),
        report.year,
        esc(&report.organisation),
        t("laadittu", "generated"),
        esc(&report
            .generated_at
            .with_timezone(&chrono_tz::Europe::Helsinki)
            .format("%Y-%m-%d %H:%M")
            .to_string())
    ));
    let months: Vec<String> = (1..=12).map(|m| m.to_string()).collect();
    let current: Vec<f64> = report.requests_per_month.iter().map(|v| *v as f64).collect();
    let previous: Vec<f64> = report.requests_per_month_previous.iter().map(|v| *v as f64).collect();
    for chapter in &report.chapters {
        html.push_str(&format!(
            "<h2>{}</h2>\n",
            esc(if english { &chapter.en } else { &chapter.fi })
        ));
        html.push_str(&format!(
            "<table><thead><tr><th></th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
            report.year,
            report.year - 1,
            t("muutos", "change")
        ));
        for figure in &chapter.figures {
            let note = note(figure, english)
                .map(|n| format!("<br><span class=\"note\">{}</span>", esc(n)))
                .unwrap_or_default();
            html.push_str(&format!(
                "<tr><td>{}{note}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                esc(label(figure, english)),
                number(figure.value),
                number(figure.previous),
                change(figure)
            ));
        }
        html.push_str("</tbody></table>\n");
        if chapter.key == "rights" {
            html.push_str(&bars(
                t(
                    "Vastaanotetut pyynnöt kuukausittain (harmaa: edellinen vuosi)",
                    "Requests received per month (grey: previous year)",
                ),
                &months,
                &current,
                Some(&previous),
                None,
                "",
            ));
            let on_time: Vec<(String, f64)> = chapter
                .figures
                .iter()
                .filter(|f| f.key.starts_with("on_time_"))
                .map(|f| {
                    (
                        if f.key.ends_with("statutory_pct") {
                            t("lakisääteinen", "statutory")
                        } else {
                            t("siirtynyt", "moved")
                        }
                        .to_owned(),
                        f.value.unwrap_or(0.0),
                    )
                })
                .collect();
            let (labels, values): (Vec<String>, Vec<f64>) = on_time.into_iter().unzip();
            html.push_str(&bars(
                t("Määräajassa ratkaistut (%)", "Decided on time (%)"),
                &labels,
                &values,
                None,
                Some(100.0),
                " %",
            ));
        }
        if chapter.key == "security" {
            let (labels, values): (Vec<String>, Vec<f64>) = report
                .incidents_by_severity
                .iter()
                .map(|(k, v)| (k.clone(), *v as f64))
                .unzip();
            html.push_str(&bars(
                t("Poikkeamat vakavuuden mukaan", "Incidents by severity"),
                &labels,
                &values,
                None,
                None,
                "",
            ));
        }
        html.push_str(&format!(
            "<h3>{}</h3>\n<p>{}</p>\n",
            t("Arvio ja kehittämiskohteet", "Assessment and development targets"),
            esc(chapter
                .assessment
                .as_deref()
                .unwrap_or(t("(ei vielä kirjoitettu)", "(not written yet)")))
        ));
    }
    html.push_str("</body></html>\n");
    html
}
