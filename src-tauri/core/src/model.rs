//! The records the library holds, as the UI and the CLI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::timex::TimexKind;
use crate::PartialDate;

/// Where an article came from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    Markdown,
    Html,
    Url,
    Paste,
    Sample,
    /// An EPUB book.
    Epub,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Text => "text",
            SourceKind::Markdown => "markdown",
            SourceKind::Html => "html",
            SourceKind::Url => "url",
            SourceKind::Paste => "paste",
            SourceKind::Sample => "sample",
            SourceKind::Epub => "epub",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "text" => SourceKind::Text,
            "markdown" => SourceKind::Markdown,
            "html" => SourceKind::Html,
            "url" => SourceKind::Url,
            "paste" => SourceKind::Paste,
            "sample" => SourceKind::Sample,
            "epub" => SourceKind::Epub,
            _ => return None,
        })
    }
}

/// One row of the library view.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub source_url: Option<String>,
    pub source_kind: SourceKind,
    /// Partial ISO date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[ts(type = "string | null")]
    pub published: Option<PartialDate>,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub lang: Option<String>,
    pub word_count: u32,
    pub highlight_count: u32,
    /// How far into the text the remembered reading position is, from 0 to
    /// 1; `None` until the article has been read.
    #[serde(default)]
    pub progress: Option<f64>,
}

/// A whole article: its metadata, the sanitized HTML the reader renders and the
/// normalized plain text that every highlight and event offset refers to.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// `ltr` or `rtl` when the source says so.
    pub dir: Option<String>,
    pub content_hash: String,
    /// Sanitized HTML. Every block that holds text carries `data-o`, the offset
    /// (in Unicode code points) of its first character in `text`; the text nodes
    /// inside a block concatenate to exactly its slice of `text`.
    pub html: String,
    pub text: String,
    /// A book's table of contents (empty for an article without chapters).
    #[serde(default)]
    pub toc: Vec<TocEntry>,
    /// What a book's package says about it.
    #[serde(default)]
    pub book: Option<BookDetails>,
    /// Where the reader left it: a code-point offset of `text`.
    #[serde(default)]
    pub position: Option<u32>,
}

/// What the importer makes of a source before it is stored (also what
/// `sidenote extract` prints).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[ts(export)]
pub struct Extracted {
    pub title: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    #[ts(type = "string | null")]
    pub published: Option<PartialDate>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub text: String,
    pub html: String,
    /// Blocks the extractor took out of the article (teasers, captions,
    /// prompts...), each with where it stood, so the reader can put one back.
    #[serde(default)]
    pub removed: Vec<RemovedBlock>,
}

/// Why the extractor took a block out of an article.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum RemovalReason {
    /// A teaser or list of links to other stories.
    Related,
    /// A picture caption or photo credit.
    Caption,
    /// A subscription, newsletter, app or follow prompt.
    Prompt,
    /// A share, print or comment widget, an advertisement label.
    Widget,
    /// A dateline, reading time or agency sign-off.
    Meta,
    /// A copyright notice or disclaimer.
    Notice,
    /// The author's name line.
    Byline,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Related => "related",
            RemovalReason::Caption => "caption",
            RemovalReason::Prompt => "prompt",
            RemovalReason::Widget => "widget",
            RemovalReason::Meta => "meta",
            RemovalReason::Notice => "notice",
            RemovalReason::Byline => "byline",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Related, Self::Caption, Self::Prompt, Self::Widget, Self::Meta, Self::Notice, Self::Byline]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A block taken out at import: its text and sanitized HTML (laid out as an
/// article of its own, `data-o` from 0), and `at`, the offset in the article's
/// text where its first character would stand if it were put back (past the
/// end when it followed the last block).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RemovedBlock {
    pub at: u32,
    pub text: String,
    pub html: String,
    pub reason: RemovalReason,
}

/// Library view ordering.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    #[default]
    Imported,
    Title,
    Site,
    Byline,
    Published,
    Words,
    Highlights,
    /// Best match first (FTS5's bm25, a title match weighing most); without a
    /// search, the newest first.
    Relevance,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    /// Full-text search over title, byline, site and text; empty lists everything.
    #[serde(default)]
    pub search: String,
    #[serde(default)]
    pub sort: SortKey,
    #[serde(default)]
    pub descending: bool,
    /// At most this many rows (a page, as the library view asks); none: all.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Rows skipped before the page.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<u32>,
}

pub fn word_count(text: &str) -> u32 {
    crate::words::count_alphanumeric(text) as u32
}

/// The result of importing one source, as the UI's per-file result list shows it.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum ImportReport {
    #[serde(rename_all = "camelCase")]
    Imported { source: String, article: ArticleSummary },
    /// Already in the library: the existing article is offered instead.
    #[serde(rename_all = "camelCase")]
    Duplicate { source: String, article: ArticleSummary },
    #[serde(rename_all = "camelCase")]
    Failed { source: String, error: crate::error::ErrorPayload },
}

impl ImportReport {
    pub fn from_outcome(source: String, outcome: crate::Result<Outcome>) -> Self {
        match outcome {
            Ok(Outcome::Imported(article)) => ImportReport::Imported { source, article: article.summary },
            Ok(Outcome::Duplicate(article)) => ImportReport::Duplicate { source, article: *article },
            Err(e) => ImportReport::Failed { source, error: e.payload() },
        }
    }
}

/// What storing an imported source did (`Library::import_loaded`).
#[derive(Debug, Clone)]
pub enum Outcome {
    Imported(Box<Article>),
    /// The same text (or URL) is already in the library; nothing was stored.
    Duplicate(Box<ArticleSummary>),
}

/// An article read again from its kept source with another encoding
/// (`Library::redecode`), and where its highlights went in the new text.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Redecoded {
    pub article: Article,
    pub highlights: crate::highlight::ReanchorReport,
}

/// A timeline event as the store writes it: found by the extractor, added
/// by the reader, or restored from a notes file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewEvent {
    pub id: String,
    pub article_id: String,
    /// `extracted` or `user`.
    pub origin: String,
    pub kind: TimexKind,
    pub value: String,
    pub value_end: Option<String>,
    pub label: String,
    /// Code points of the article's text, and what is there.
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// As found (the reader's verdicts on them live in `warning_marks`).
    pub warnings: Vec<crate::timeline::ChronologyWarning>,
    pub hidden: bool,
    pub user_edited: bool,
    pub orphaned: bool,
}

/// A note on a whole article rather than on a passage of it (a Hypothesis
/// page note, a Kindle note on no highlight, the reader's own remark).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ArticleNote {
    pub id: String,
    pub article_id: String,
    /// Markdown.
    pub note: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// Where the open library lives.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LibraryInfo {
    pub path: String,
    pub article_count: u64,
}

/// A book's creator or contributor, with the MARC relator code of their role
/// (`aut` author, `ill` illustrator, `edt` editor, `trl` translator…) when known.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Creator {
    pub name: String,
    pub role: Option<String>,
}

/// What a book's package says about it beyond the article's own fields
/// (title, byline, site = publisher, published, lang).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct BookDetails {
    pub creators: Vec<Creator>,
    pub publisher: Option<String>,
    /// The package's first identifier (a URN, an ISBN, a UUID).
    pub identifier: Option<String>,
    /// An ISBN-10 or ISBN-13 with a valid check digit, digits only.
    pub isbn: Option<String>,
    /// Plain text.
    pub description: Option<String>,
    pub subjects: Vec<String>,
    pub rights: Option<String>,
}

impl BookDetails {
    /// The byline: the authors (creators whose role is `aut`), else every creator.
    pub fn byline(&self) -> Option<String> {
        let authors: Vec<&str> = self.creators.iter().filter(|c| c.role.as_deref() == Some("aut")).map(|c| c.name.as_str()).collect();
        let names = if authors.is_empty() { self.creators.iter().map(|c| c.name.as_str()).collect() } else { authors };
        (!names.is_empty()).then(|| names.join(", "))
    }
}

/// One entry of an article's table of contents: a chapter (level 1) or a
/// section within one (2, 3…), starting at `start`, a code-point offset of
/// the article's text.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TocEntry {
    pub title: String,
    pub level: u8,
    pub start: u32,
}

/// The chapter (level-1 entry) holding text offset `offset`: the last one
/// starting at or before it.
pub fn chapter_at(toc: &[TocEntry], offset: u32) -> Option<&TocEntry> {
    toc.iter().filter(|e| e.level == 1 && e.start <= offset).max_by_key(|e| e.start)
}
