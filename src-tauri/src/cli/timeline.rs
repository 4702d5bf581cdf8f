//! `timeline`: the events of the whole library (or of a filter) in date
//! order, and the groups of events where articles disagree.

use clap::Args;
use sidenote_core::export::library_timeline::{self, TimelineExportFormat};
use sidenote_core::timeline::{Disagreement, DisagreementVerdict, LibraryEvent, TimelineFilter};
use sidenote_core::Library;

use super::{print_json, CliResult};

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only articles with a highlight carrying this tag.
    #[arg(long, value_name = "T")]
    tag: Option<String>,
    /// Only articles matching these words (title, byline, site, text), or events whose label holds them.
    #[arg(long, value_name = "Q")]
    search: Option<String>,
    /// Only events reaching into or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events beginning on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Print the timeline as `timelinejs` (TimelineJS JSON), `csv`, or `html` (a standalone page) instead.
    #[arg(long, value_name = "FORMAT", conflicts_with = "json")]
    export: Option<String>,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(serde::Serialize)]
struct Row<'a> {
    article_id: &'a str,
    article_title: &'a str,
    event_id: &'a str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_end: Option<&'a str>,
    /// "October 2001", "the 1990s".
    date: &'a str,
    label: &'a str,
    quote: &'a str,
    start: u32,
    end: u32,
}

impl<'a> From<&'a LibraryEvent> for Row<'a> {
    fn from(e: &'a LibraryEvent) -> Self {
        let ev = &e.event;
        Row {
            article_id: &ev.article_id,
            article_title: &e.article_title,
            event_id: &ev.id,
            value: &ev.value,
            value_end: ev.value_end.as_deref(),
            date: &ev.date.label,
            label: &ev.label,
            quote: &ev.exact,
            start: ev.start,
            end: ev.end,
        }
    }
}

#[derive(serde::Serialize)]
struct Group<'a> {
    key: &'a str,
    kind: sidenote_core::timeline::GroupKind,
    label: &'a str,
    /// `dismissed`, `right` or null.
    verdict: Option<&'static str>,
    /// The event marked right, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    right_event_id: Option<&'a str>,
    events: Vec<Row<'a>>,
}

impl<'a> From<&'a Disagreement> for Group<'a> {
    fn from(d: &'a Disagreement) -> Self {
        let (verdict, right_event_id) = match &d.verdict {
            None => (None, None),
            Some(DisagreementVerdict::Dismissed) => (Some("dismissed"), None),
            Some(DisagreementVerdict::Right { event_id }) => (Some("right"), Some(event_id.as_str())),
        };
        Group { key: &d.key, kind: d.kind, label: &d.label, verdict, right_event_id, events: d.events.iter().map(Row::from).collect() }
    }
}

pub fn timeline(lib: &mut Library, a: TimelineArgs) -> CliResult {
    let filter = TimelineFilter { tag: a.tag, search: a.search.unwrap_or_default(), article_ids: Vec::new(), from: a.from, to: a.to };
    let format = a.export.as_deref().map(str::parse::<TimelineExportFormat>).transpose()?;
    let t = lib.library_timeline(&filter)?;
    if let Some(format) = format {
        print!("{}", library_timeline::render(&t, format)?);
        return Ok(());
    }
    if a.json {
        let events: Vec<Row> = t.events.iter().map(Row::from).collect();
        let disagreements: Vec<Group> = t.disagreements.iter().map(Group::from).collect();
        return print_json(&serde_json::json!({ "events": events, "disagreements": disagreements }));
    }
    for e in &t.events {
        println!("{:<12} {}  — {}", e.event.value, e.event.label, e.article_title);
    }
    if !t.disagreements.is_empty() {
        println!();
        println!("Articles disagree:");
        for d in &t.disagreements {
            let state = match d.verdict {
                Some(DisagreementVerdict::Dismissed) => " (dismissed)",
                Some(DisagreementVerdict::Right { .. }) => " (settled)",
                None => "",
            };
            println!("  {}{state}", d.label);
            for e in &d.events {
                let right = matches!(&d.verdict, Some(DisagreementVerdict::Right { event_id }) if *event_id == e.event.id);
                println!("    {:<12} {}{}", e.event.value, e.article_title, if right { "  ✓ right" } else { "" });
            }
        }
    }
    Ok(())
}
