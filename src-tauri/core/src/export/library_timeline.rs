//! The library's timeline (a filter of it, as the Timeline tab shows it)
//! exported as TimelineJS JSON, CSV, or one standalone HTML page drawn by us
//! (inline CSS, no script, nothing loaded from outside). Deterministic: the
//! same library and filter give the same bytes.

use std::fmt::Write;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::readwise_csv::field;
use crate::error::{Error, Result};
use crate::import::blocks::escape_html;
use crate::timeline::{DisagreementVerdict, LibraryEvent, LibraryTimeline};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum TimelineExportFormat {
    /// TimelineJS's JSON: a slide per event, grouped by article.
    Timelinejs,
    /// `date,precision,label,quote,article,article_id,start,end,disagreement`.
    Csv,
    /// One page, readable without a script.
    Html,
}

impl TimelineExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            TimelineExportFormat::Timelinejs => "json",
            TimelineExportFormat::Csv => "csv",
            TimelineExportFormat::Html => "html",
        }
    }
}

impl FromStr for TimelineExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "timelinejs" | "timelinejs-json" | "json" => Ok(TimelineExportFormat::Timelinejs),
            "csv" => Ok(TimelineExportFormat::Csv),
            "html" => Ok(TimelineExportFormat::Html),
            other => Err(Error::Invalid(format!("“{other}” is not a timeline export format: use timelinejs, csv or html"))),
        }
    }
}

pub fn render(t: &LibraryTimeline, format: TimelineExportFormat) -> Result<String> {
    match format {
        TimelineExportFormat::Timelinejs => timelinejs(t),
        TimelineExportFormat::Csv => Ok(csv(t)),
        TimelineExportFormat::Html => Ok(html(t)),
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html(s, &mut out);
    out
}

/// The disagreement an event belongs to, in words ("October 2011 in “Notes…”").
fn disagreement_of(t: &LibraryTimeline, e: &LibraryEvent) -> Option<String> {
    let d = t.disagreements.iter().find(|d| d.events.iter().any(|x| x.event.id == e.event.id))?;
    let others: Vec<String> =
        d.events.iter().filter(|x| x.event.id != e.event.id).map(|x| format!("{} in “{}”", x.event.date.label, x.article_title)).collect();
    let verdict = match &d.verdict {
        Some(DisagreementVerdict::Dismissed) => " (dismissed)",
        Some(DisagreementVerdict::Right { event_id }) if *event_id == e.event.id => " (marked right)",
        Some(DisagreementVerdict::Right { .. }) => " (another date marked right)",
        None => "",
    };
    Some(format!("other articles say {}{verdict}", others.join(", ")))
}

pub const CSV_HEADER: [&str; 9] = ["date", "precision", "label", "quote", "article", "article_id", "start", "end", "disagreement"];

fn csv(t: &LibraryTimeline) -> String {
    let mut out = String::new();
    let row = |out: &mut String, fields: &[&str]| {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(out, f);
        }
        out.push_str("\r\n");
    };
    row(&mut out, &CSV_HEADER);
    for e in &t.events {
        let v = e.event.timex();
        let disagreement = disagreement_of(t, e).unwrap_or_default();
        row(
            &mut out,
            &[
                &v.iso(),
                v.precision().map_or("unknown", |p| p.as_str()),
                &e.event.label,
                &e.event.exact,
                &e.article_title,
                &e.event.article_id,
                &e.event.start.to_string(),
                &e.event.end.to_string(),
                &disagreement,
            ],
        );
    }
    out
}

fn timelinejs(t: &LibraryTimeline) -> Result<String> {
    let date = |p: crate::timex::DateParts| {
        let mut d = serde_json::json!({ "year": p.year });
        for (k, v) in [("month", p.month), ("day", p.day), ("hour", p.hour), ("minute", p.minute)] {
            if let Some(v) = v {
                d[k] = v.into();
            }
        }
        d
    };
    let events: Vec<serde_json::Value> = t
        .events
        .iter()
        .filter_map(|e| {
            let (first, last) = e.event.timex().endpoints()?;
            let mut text = format!("<blockquote>{}</blockquote>", esc(&e.event.exact));
            if let Some(d) = disagreement_of(t, e) {
                let _ = write!(text, "<p><strong>Articles disagree:</strong> {}</p>", esc(&d));
            }
            let mut slide = serde_json::json!({
                "start_date": date(first),
                "display_date": e.event.date.label,
                "text": { "headline": esc(&e.event.label), "text": text },
                "group": esc(&e.article_title),
                "unique_id": format!("event-{}", e.event.id),
            });
            if last != first {
                slide["end_date"] = date(last);
            }
            Some(slide)
        })
        .collect();
    let doc = serde_json::json!({
        "title": { "text": { "headline": "Sidenote: the library's timeline", "text": format!("{} events from {} articles", t.events.len(), t.articles.len()) } },
        "events": events,
    });
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| Error::Invalid(format!("cannot encode the timeline: {e}")))?;
    text.push('\n');
    Ok(text)
}

const STYLE: &str = "body{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222;background:#fbfaf7}\
h1{font-size:1.7em;margin:0 0 .2em}.meta{color:#555;margin:0 0 2em}\
h2{font:600 1.05em system-ui,sans-serif;margin:2em 0 .6em;padding-bottom:.2em;border-bottom:1px solid #ddd}\
ol{list-style:none;margin:0;padding:0 0 0 1.2em;border-left:2px solid #cfc9bd}\
li{position:relative;margin:0 0 1em}li::before{content:'';position:absolute;left:-1.62em;top:.45em;width:.6em;height:.6em;border-radius:50%;background:#1f3a5f}\
.date{font:600 .9em system-ui,sans-serif;color:#1f3a5f}.article{color:#666;font-size:.9em}\
blockquote{margin:.2em 0;padding-left:.7em;border-left:3px solid #e3dfd6;color:#444}\
.disagree{color:#b42318;font:.9em system-ui,sans-serif}\
.group{border:1px solid #e3dfd6;border-radius:8px;padding:.6em 1em;margin:0 0 1em;background:#fff}\
.claims{display:flex;gap:1em;flex-wrap:wrap}.claim{flex:1 1 14em}.right{font-weight:600}\
@media (prefers-color-scheme:dark){body{background:#16181c;color:#e4e6ea}.meta,.article{color:#a3a9b3}\
.date{color:#8fb4e8}li::before{background:#8fb4e8}blockquote{color:#cfd3da;border-color:#333}.group{background:#1e2127;border-color:#333}}\
@media print{body{background:none;margin:0;max-width:none}li{break-inside:avoid}}";

fn html(t: &LibraryTimeline) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ =
        write!(out, "<title>The library's timeline</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>The library’s timeline</h1>\n");
    let _ = writeln!(out, "<p class=\"meta\">{} events from {} articles</p>", t.events.len(), t.articles.len());
    let open: Vec<_> = t.disagreements.iter().filter(|d| d.verdict != Some(DisagreementVerdict::Dismissed)).collect();
    if !open.is_empty() {
        out.push_str("<h2>Where articles disagree</h2>\n");
        for d in open {
            let _ = write!(out, "<div class=\"group\"><p>{}</p><div class=\"claims\">", esc(&d.label));
            for e in &d.events {
                let right = matches!(&d.verdict, Some(DisagreementVerdict::Right { event_id }) if *event_id == e.event.id);
                let _ = write!(
                    out,
                    "<div class=\"claim\"><div class=\"date{}\">{}{}</div><div class=\"article\">{}</div><blockquote>{}</blockquote></div>",
                    if right { " right" } else { "" },
                    esc(&e.event.date.label),
                    if right { " ✓ marked right" } else { "" },
                    esc(&e.article_title),
                    esc(&e.event.label)
                );
            }
            out.push_str("</div></div>\n");
        }
    }
    // The events under year headings ("1990s" for a decade), in date order.
    let mut heading: Option<String> = None;
    for e in &t.events {
        let h = e.event.date.heading.clone().unwrap_or_else(|| e.event.date.label.clone());
        if heading.as_deref() != Some(h.as_str()) {
            if heading.is_some() {
                out.push_str("</ol>\n");
            }
            let _ = writeln!(out, "<h2>{}</h2>\n<ol>", esc(&h));
            heading = Some(h);
        }
        let _ = write!(
            out,
            "<li><div class=\"date\">{}</div><div>{}</div><div class=\"article\">{}</div><blockquote>{}</blockquote>",
            esc(&e.event.date.label),
            esc(&e.event.label),
            esc(&e.article_title),
            esc(&e.event.exact)
        );
        if let Some(d) = disagreement_of(t, e) {
            let _ = write!(out, "<div class=\"disagree\">⚑ Articles disagree: {}</div>", esc(&d));
        }
        out.push_str("</li>\n");
    }
    if heading.is_some() {
        out.push_str("</ol>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Extracted, SourceKind};
    use crate::store::{Library, NewArticle};
    use crate::timeline::TimelineFilter;

    fn library() -> Library {
        let mut lib = Library::open_in_memory().unwrap();
        for (title, text) in [
            ("Tide <tables> & ports", "In October 2001, the United States invaded Afghanistan. The quay reopened in the 1990s."),
            ("Notes, \"quoted\"", "When the United States invaded Afghanistan in October 2011, the border closed."),
        ] {
            lib.insert_article(NewArticle {
                extracted: Extracted {
                    title: title.into(),
                    text: text.into(),
                    html: format!("<p data-o=\"0\">{text}</p>"),
                    published: Some("2015-01-01".parse().unwrap()),
                    ..Default::default()
                },
                source_kind: SourceKind::Text,
                source_url: None,
                raw: None,
                encoding: None,
            })
            .unwrap();
        }
        lib
    }

    #[test]
    fn three_formats_of_the_filtered_timeline() {
        let mut lib = library();
        let t = lib.library_timeline(&TimelineFilter::default()).unwrap();
        assert_eq!(t.events.len(), 3);

        let csv = render(&t, TimelineExportFormat::Csv).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(lines[1].starts_with("199X,decade,"), "{csv}");
        assert!(
            lines[2].starts_with("2001-10,month,") && lines[2].contains("other articles say October 2011 in “Notes, \"\"quoted\"\"”"),
            "{csv}"
        );
        assert!(lines[3].contains("\"Notes, \"\"quoted\"\"\""), "quoted per RFC 4180: {csv}");

        let json: serde_json::Value = serde_json::from_str(&render(&t, TimelineExportFormat::Timelinejs).unwrap()).unwrap();
        let events = json["events"].as_array().unwrap();
        assert_eq!(events.len(), 3);
        assert_eq!(events[0]["start_date"], serde_json::json!({ "year": 1990 }));
        assert_eq!(events[0]["end_date"], serde_json::json!({ "year": 1999 }));
        assert_eq!(events[1]["start_date"], serde_json::json!({ "year": 2001, "month": 10 }));
        assert_eq!(events[1]["group"], "Tide &lt;tables&gt; &amp; ports");
        assert!(events[1]["text"]["text"].as_str().unwrap().contains("Articles disagree"));

        let page = render(&t, TimelineExportFormat::Html).unwrap();
        assert!(!page.contains("<script"), "no script");
        assert!(!page.contains("<tables>"), "titles escaped");
        assert!(page.contains("Tide &lt;tables&gt; &amp; ports"));
        assert!(page.contains("<h2>Where articles disagree</h2>"));
        let (a, b) = (page.find("<h2>1990s</h2>").unwrap(), page.find("<h2>2011</h2>").unwrap());
        assert!(a < b, "year headings in date order");

        // The filter applies: a date range leaves the others out.
        let narrow = lib.library_timeline(&TimelineFilter { from: Some("2005".into()), ..Default::default() }).unwrap();
        let csv = render(&narrow, TimelineExportFormat::Csv).unwrap();
        assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 2, "{csv}");
        assert!("pdf".parse::<TimelineExportFormat>().is_err());
    }
}
