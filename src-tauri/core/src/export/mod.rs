//! Exporting an article's notes (highlights, their colors, tags and notes) to
//! Markdown, W3C Web Annotation JSON, Readwise CSV and printable HTML, and
//! importing notes back (`restore`, `readwise`).
//!
//! Every format is deterministic: the same library gives byte-identical output
//! (articles and highlights are sorted, and no export-time clock is written),
//! so re-exporting into a notes vault changes only what changed.
//!
//! Extension point: the event timeline is not stored yet. When it lands,
//! `ArticleNotes` gains the article's events and each format renders them
//! (Markdown as a list, JSON as `describing` annotations, plus the two
//! timeline-only formats in `ExportFormat`).

pub mod html;
pub mod markdown;
pub mod output;
pub mod readwise_csv;
pub mod readwise_import;
pub mod restore;
pub mod w3c_json;

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::highlight::Highlight;
use crate::model::{Article, ListQuery, SortKey};
use crate::store::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Markdown with YAML front matter (Obsidian, Logseq).
    Md,
    /// A W3C Web Annotation collection that also holds what a full restore needs.
    Json,
    /// Readwise's CSV import columns.
    Csv,
    /// One self-contained, printable page.
    Html,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [ExportFormat::Md, ExportFormat::Json, ExportFormat::Csv, ExportFormat::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }

    /// File name extension (also the CLI's name for the format).
    pub fn extension(self) -> &'static str {
        self.as_str()
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
            _ => Err(Error::Invalid(format!("unknown export format {s:?}; use md, json, csv or html"))),
        }
    }
}

/// An article with everything the exports show of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleNotes {
    pub article: Article,
    /// Anchored highlights in text order, then orphaned ones.
    pub highlights: Vec<Highlight>,
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
}

/// Gathers the notes of `ids` (full ids or unique prefixes), or of the whole
/// library when `ids` is empty, in a stable order: import time, then id.
pub fn collect(lib: &Library, ids: &[String]) -> Result<Vec<ArticleNotes>> {
    let mut article_ids: Vec<String> = if ids.is_empty() {
        let query = ListQuery { sort: SortKey::Imported, ..Default::default() };
        lib.list_articles(&query)?.into_iter().map(|a| a.id).collect()
    } else {
        ids.iter().map(|id| lib.resolve_article_id(id)).collect::<Result<_>>()?
    };
    let mut seen = std::collections::HashSet::new();
    article_ids.retain(|id| seen.insert(id.clone()));
    let mut out = Vec::with_capacity(article_ids.len());
    for id in article_ids {
        let article = lib.article(&id)?;
        let highlights = lib.highlights_for_export(&id)?;
        out.push(ArticleNotes { article, highlights });
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
    })
}

/// The export as files for a folder: one per article for Markdown and HTML
/// (named by `file_name`), a single `sidenote-notes.EXT` otherwise.
pub fn render_files(notes: &[ArticleNotes], format: ExportFormat) -> Result<Vec<(String, String)>> {
    if !format.splits_per_article() {
        return Ok(vec![(format!("sidenote-notes.{}", format.extension()), render(notes, format)?)]);
    }
    notes
        .iter()
        .map(|n| Ok((file_name(&n.article, format), render(std::slice::from_ref(n), format)?)))
        .collect()
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
mod golden_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod restore_tests;
