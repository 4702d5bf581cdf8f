//! `events`: an article's timeline (from the library by id, or from a file).

use std::path::Path;

use clap::Args;
use sidenote_core::timeline::{self, ChronologyWarning, EventDraft, TimelineEvent};
use sidenote_core::timex::TimexValue;
use sidenote_core::{import, Library, PartialDate};

use super::{print_json, CliResult};

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// An article id (or unique prefix) in the library, or a file to import-extract without storing.
    target: String,
    /// Published date (YYYY, YYYY-MM or YYYY-MM-DD); overrides the article's own.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(serde::Serialize)]
struct Row {
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_end: Option<String>,
    label: String,
    quote: String,
    start: usize,
    end: usize,
    /// Each with its kind, a sentence for the reader and the evidence.
    warnings: Vec<ChronologyWarning>,
}

impl From<EventDraft> for Row {
    fn from(d: EventDraft) -> Self {
        Row { value: d.value, value_end: d.value_end, label: d.label, quote: d.exact, start: d.start, end: d.end, warnings: d.warnings }
    }
}

impl From<TimelineEvent> for Row {
    fn from(e: TimelineEvent) -> Self {
        Row {
            value: e.value,
            value_end: e.value_end,
            label: e.label,
            quote: e.exact,
            start: e.start as usize,
            end: e.end as usize,
            warnings: e.warnings,
        }
    }
}

pub fn events(library_dir: Option<&Path>, a: EventsArgs) -> CliResult {
    let published = match a.published.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(p.parse::<PartialDate>()?),
        None => None,
    };
    let mut rows: Vec<Row> = if Path::new(&a.target).is_file() {
        let loaded = import::load_file(Path::new(&a.target))?;
        let published = published.or(loaded.extracted.published);
        timeline::extract_prose(&loaded.extracted.text, published, &import::blocks::caption_ranges(&loaded.extracted.html))
            .into_iter()
            .map(Row::from)
            .collect()
    } else {
        let dir = super::resolve_library_dir(library_dir)?;
        let mut lib = Library::open_dir(&dir)?;
        sidenote_core::sync::attach(&mut lib)?;
        let id = lib.resolve_article_id(&a.target)?;
        if let Some(p) = published {
            // A different published date changes what relative dates mean: extract afresh.
            let article = lib.article(&id)?;
            timeline::extract_prose(&article.text, Some(p), &import::blocks::caption_ranges(&article.html))
                .into_iter()
                .map(Row::from)
                .collect()
        } else {
            lib.events(&id)?.into_iter().filter(|e| !e.hidden).map(Row::from).collect()
        }
    };
    // Date order, as the sidebar shows it (ties in order of mention).
    rows.sort_by_cached_key(|r| (TimexValue::parse_range(&r.value, r.value_end.as_deref()).sort_key(), r.start));
    if a.json {
        return print_json(&serde_json::json!({ "events": rows }));
    }
    for r in &rows {
        let warn = if r.warnings.is_empty() {
            String::new()
        } else {
            format!("  ⚠ {}", r.warnings.iter().map(|w| w.message.as_str()).collect::<Vec<_>>().join("; "))
        };
        println!("{:<12} {}{}", r.value, r.label, warn);
    }
    Ok(())
}
