//! `events`: an article's timeline (from the library by id, or from a file).

use std::path::Path;

use clap::Args;
use sidenote_core::timeline::{self, sort_key, ChronologyWarning, EventDraft, TimelineEvent};
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
    json: bool,
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
        Some(p) => Some(p.parse::<PartialDate>().map_err(|e| e.to_string())?),
        None => None,
    };
    let mut rows: Vec<Row> = if Path::new(&a.target).is_file() {
        let loaded = import::load_file(Path::new(&a.target)).map_err(|e| e.to_string())?;
        let published = published.or(loaded.extracted.published);
        timeline::extract(&loaded.extracted.text, published).into_iter().map(Row::from).collect()
    } else {
        let dir = super::resolve_library_dir(library_dir)?;
        let mut lib = Library::open_dir(&dir).map_err(|e| e.to_string())?;
        let id = lib.resolve_article_id(&a.target).map_err(|e| e.to_string())?;
        if let Some(p) = published {
            // A different published date changes what relative dates mean: extract afresh.
            let article = lib.article(&id).map_err(|e| e.to_string())?;
            timeline::extract(&article.text, Some(p)).into_iter().map(Row::from).collect()
        } else {
            lib.events(&id).map_err(|e| e.to_string())?.into_iter().filter(|e| !e.hidden).map(Row::from).collect()
        }
    };
    rows.sort_by(|x, y| {
        sort_key(&x.value).partial_cmp(&sort_key(&y.value)).unwrap_or(std::cmp::Ordering::Equal).then(x.start.cmp(&y.start))
    });
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
