//! Exporting an article's notes (highlights, their colors, tags and notes) to
//! Markdown, W3C Web Annotation JSON, Readwise CSV and printable HTML, and its
//! event timeline to CSV and TimelineJS JSON. Importing notes back is
//! `notes_import`; the W3C model both use is `w3c`.
//!
//! Every format is deterministic: the same library gives byte-identical output
//! (articles and highlights are sorted, and no export-time clock is written),
//! so re-exporting into a notes vault changes only what changed.
//!
//! `ArticleNotes` carries the article's stored events too: the timeline
//! formats show the visible ones as the sidebar does, and the JSON export
//! keeps the user's own events, edits and hidden flags as `describing`
//! annotations so a restore brings them back.

pub mod html;
pub mod images;
pub mod library_timeline;
pub mod markdown;
pub mod obsidian;
pub mod output;
pub mod readwise_csv;
pub mod timeline_csv;
pub mod timeline_json;
pub mod w3c_json;

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::highlight::Highlight;
use crate::model::{Article, ArticleNote, ListQuery, SortKey, TocEntry};
use crate::store::Library;
use crate::timeline::{date_order, TimelineEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ExportFormat {
    /// Markdown with YAML front matter (Obsidian, Logseq).
    #[serde(rename = "md")]
    Md,
    /// A W3C Web Annotation collection that also holds what a full restore needs.
    #[serde(rename = "json")]
    Json,
    /// Readwise's CSV import columns.
    #[serde(rename = "csv")]
    Csv,
    /// One self-contained, printable page.
    #[serde(rename = "html")]
    Html,
    /// The event timeline as CSV (date, precision, label, quote, article).
    #[serde(rename = "timeline-csv")]
    TimelineCsv,
    /// The event timeline as TimelineJS JSON.
    #[serde(rename = "timeline-json")]
    TimelineJson,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Md,
        ExportFormat::Json,
        ExportFormat::Csv,
        ExportFormat::Html,
        ExportFormat::TimelineCsv,
        ExportFormat::TimelineJson,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
            ExportFormat::TimelineCsv => "timeline-csv",
            ExportFormat::TimelineJson => "timeline-json",
        }
    }

    /// File name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::TimelineCsv => "csv",
            ExportFormat::TimelineJson => "json",
            other => other.as_str(),
        }
    }

    /// The file name of a whole-library export written into a folder.
    pub fn library_file_name(self) -> String {
        match self {
            ExportFormat::TimelineCsv | ExportFormat::TimelineJson => format!("sidenote-timeline.{}", self.extension()),
            _ => format!("sidenote-notes.{}", self.extension()),
        }
    }

    /// Markdown and HTML can be split into one file per article.
    pub fn splits_per_article(self) -> bool {
        matches!(self, ExportFormat::Md | ExportFormat::Html)
    }
}

impl FromStr for ExportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(ExportFormat::Md),
            "json" => Ok(ExportFormat::Json),
            "csv" | "readwise" => Ok(ExportFormat::Csv),
            "html" => Ok(ExportFormat::Html),
            "timeline-csv" => Ok(ExportFormat::TimelineCsv),
            "timeline-json" | "timelinejs" => Ok(ExportFormat::TimelineJson),
            _ => Err(Error::Invalid(format!("unknown export format {s:?}; use md, json, csv, html, timeline-csv or timeline-json"))),
        }
    }
}

/// An article with everything the exports show of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleNotes {
    pub article: Article,
    /// Anchored highlights in text order, then orphaned ones.
    pub highlights: Vec<Highlight>,
    /// Notes on the whole article, oldest first.
    pub article_notes: Vec<ArticleNote>,
    /// Every stored event (hidden ones too), in order of mention.
    pub events: Vec<TimelineEvent>,
    /// The saved pictures its highlights hold (Markdown and HTML show them).
    pub images: Vec<images::NoteImage>,
}

impl ArticleNotes {
    /// The union of the highlights' tags, sorted case-insensitively.
    pub fn tags(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for tag in self.highlights.iter().flat_map(|h| &h.tags) {
            if !all.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                all.push(tag.clone());
            }
        }
        all.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
        all
    }

    /// The chapter an anchored highlight is in: the last top-level entry of
    /// the article's contents that starts at or before it (books list
    /// chapters at the contents' shallowest level). `None` for an article
    /// without contents, an orphaned highlight, or one before the first
    /// chapter (front matter).
    pub fn chapter_of(&self, h: &Highlight) -> Option<&TocEntry> {
        let toc = &self.article.toc;
        let top = toc.iter().map(|e| e.level).min()?;
        if h.orphaned {
            return None;
        }
        toc.iter().filter(|e| e.level == top).take_while(|e| e.start <= h.start).last()
    }

    /// The events the timeline sidebar shows, in its date order (hidden ones
    /// left out).
    pub fn timeline(&self) -> Vec<&TimelineEvent> {
        let mut shown: Vec<&TimelineEvent> = self.events.iter().filter(|e| !e.hidden).collect();
        shown.sort_by(|a, b| date_order(a, b));
        shown
    }
}

/// Every article's visible events in one date order (ties keep the article
/// order), for the timeline formats.
pub fn timeline_rows(notes: &[ArticleNotes]) -> Vec<(&ArticleNotes, &TimelineEvent)> {
    let mut rows: Vec<(usize, &ArticleNotes, &TimelineEvent)> =
        notes.iter().enumerate().flat_map(|(i, n)| n.timeline().into_iter().map(move |e| (i, n, e))).collect();
    rows.sort_by(|a, b| a.2.date.sort_key.cmp(&b.2.date.sort_key).then(a.0.cmp(&b.0)).then_with(|| date_order(a.2, b.2)));
    rows.into_iter().map(|(_, n, e)| (n, e)).collect()
}

/// Gathers the notes of `ids` (full ids or unique prefixes), or of the whole
/// library when `ids` is empty, in a stable order: import time, then id.
/// Takes the library mutably because an article's events are extracted the
/// first time they are asked for (as when the reader opens it).
pub fn collect(lib: &mut Library, ids: &[String]) -> Result<Vec<ArticleNotes>> {
    collect_with(lib, ids, images::ExportImages::Link)
}

/// [`collect`], with the highlights' pictures referred to as `images` says
/// (copied beside the export by [`output::write_export`], or linked).
pub fn collect_with(lib: &mut Library, ids: &[String], images: images::ExportImages) -> Result<Vec<ArticleNotes>> {
    let mut article_ids: Vec<String> = if ids.is_empty() {
        let query = ListQuery { sort: SortKey::Imported, ..Default::default() };
        lib.list_articles(&query)?.into_iter().map(|a| a.id).collect()
    } else {
        ids.iter().map(|id| lib.resolve_article_id(id)).collect::<Result<_>>()?
    };
    let mut seen = std::collections::HashSet::new();
    article_ids.retain(|id| seen.insert(id.clone()));
    // A whole library's tags in one pass; a few articles' with their highlights.
    let mut tags = lib.export_tags(ids.is_empty())?;
    let mut out = Vec::with_capacity(article_ids.len());
    for id in article_ids {
        let article = lib.article(&id)?;
        let highlights = lib.highlights_for_export(&id, &mut tags)?;
        let article_notes = lib.article_notes(&id)?;
        let mut events = lib.events(&id)?;
        events.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
        let pictures = images::for_highlights(lib, &article.html, &highlights, images)?;
        out.push(ArticleNotes { article, highlights, article_notes, events, images: pictures });
    }
    if ids.is_empty() {
        out.sort_by(|a, b| {
            (&a.article.summary.imported_at, &a.article.summary.id).cmp(&(&b.article.summary.imported_at, &b.article.summary.id))
        });
    }
    Ok(out)
}

/// The whole export as one document.
pub fn render(notes: &[ArticleNotes], format: ExportFormat) -> Result<String> {
    Ok(match format {
        ExportFormat::Md => markdown::render_all(notes),
        ExportFormat::Json => w3c_json::render(notes)?,
        ExportFormat::Csv => readwise_csv::render(notes),
        ExportFormat::Html => html::render(notes),
        ExportFormat::TimelineCsv => timeline_csv::render(notes),
        ExportFormat::TimelineJson => timeline_json::render(notes)?,
    })
}

/// The export as files for a folder: one per article for Markdown and HTML
/// (named by `file_name`), a single `sidenote-notes.EXT` (or
/// `sidenote-timeline.EXT`) otherwise.
pub fn render_files(notes: &[ArticleNotes], format: ExportFormat) -> Result<Vec<(String, String)>> {
    if !format.splits_per_article() {
        return Ok(vec![(format.library_file_name(), render(notes, format)?)]);
    }
    notes.iter().map(|n| Ok((file_name(&n.article, format), render(std::slice::from_ref(n), format)?))).collect()
}

/// A stable, portable file name: the title made safe for every file system,
/// then the first 8 characters of the article id, so two articles with the same
/// title never collide and renaming nothing else changes the name.
pub fn file_name(article: &Article, format: ExportFormat) -> String {
    let mut slug = String::new();
    for c in article.summary.title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let short: String = article.summary.id.chars().filter(|c| c.is_ascii_alphanumeric()).take(8).collect();
    if slug.is_empty() {
        format!("{short}.{}", format.extension())
    } else {
        format!("{slug}-{short}.{}", format.extension())
    }
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod w3c_conformance;
