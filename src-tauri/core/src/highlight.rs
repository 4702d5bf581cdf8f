//! Highlight records as the UI and the CLI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The five highlight colors (the store's CHECK constraint lists the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
}

impl Color {
    pub const ALL: [Color; 5] = [Color::Yellow, Color::Green, Color::Blue, Color::Pink, Color::Purple];

    pub fn as_str(self) -> &'static str {
        match self {
            Color::Yellow => "yellow",
            Color::Green => "green",
            Color::Blue => "blue",
            Color::Pink => "pink",
            Color::Purple => "purple",
        }
    }
}

impl std::str::FromStr for Color {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Color::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::Invalid(format!("unknown color {s:?}; use yellow, green, blue, pink or purple")))
    }
}

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One highlight: where it is (code points of the article text), what it
/// quotes, and what the reader added to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Highlight {
    pub id: String,
    pub article_id: String,
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub color: Color,
    /// Markdown.
    pub note: String,
    /// Sorted, case-insensitively unique.
    pub tags: Vec<String>,
    /// The text changed and the passage could not be found again; `start`/`end`
    /// are where it used to be.
    pub orphaned: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// A highlight in the library-wide view, with the article it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LibraryHighlight {
    #[serde(flatten)]
    pub highlight: Highlight,
    pub article_title: String,
}

/// A highlight to create on a span of an article's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct NewHighlight {
    pub article_id: String,
    /// Code points of the article text; `end` is exclusive.
    pub start: u32,
    pub end: u32,
    #[serde(default)]
    pub color: Color,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A change to a highlight; fields left out stay as they are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HighlightPatch {
    #[serde(default)]
    #[ts(optional)]
    pub color: Option<Color>,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
    /// Replaces the whole set of tags.
    #[serde(default)]
    #[ts(optional)]
    pub tags: Option<Vec<String>>,
}

/// Filters of the library-wide Highlights view; empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HighlightFilter {
    /// Any of these colors.
    #[serde(default)]
    pub colors: Vec<Color>,
    #[serde(default)]
    #[ts(optional)]
    pub tag: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub article_id: Option<String>,
    /// Created on or after this day (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Created on or before this day (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Full-text search over quotes and notes.
    #[serde(default)]
    pub search: String,
    /// Include orphaned highlights (they are listed by default too).
    #[serde(default = "yes")]
    pub include_orphans: bool,
    /// At most this many, the newest (a page of the Highlights view); all when absent.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

fn yes() -> bool {
    true
}

/// What re-anchoring an article's highlights to a new text did to those the
/// reader has (highlights in the trash move too, but are not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReanchorReport {
    /// Still at the same position.
    pub unchanged: u32,
    /// Same quote, found elsewhere.
    pub moved: u32,
    /// Found by approximate matching; the quote now holds the new text.
    pub fuzzy: u32,
    /// Not found; kept and flagged.
    pub orphaned: u32,
}

/// Trims tags, drops empty ones and case-insensitive duplicates, sorts them.
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > 100 {
            return Err(Error::Invalid(format!("the tag {tag:?} is too long (100 characters at most)")));
        }
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    out.sort_by_key(|t| t.to_lowercase());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colors_parse_case_insensitively_and_reject_others() {
        assert_eq!("Pink".parse::<Color>().unwrap(), Color::Pink);
        assert_eq!(" purple ".parse::<Color>().unwrap(), Color::Purple);
        let err = "orange".parse::<Color>().unwrap_err().to_string();
        assert!(err.contains("yellow, green, blue, pink or purple"), "{err}");
        assert_eq!(serde_json::to_string(&Color::Green).unwrap(), "\"green\"");
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_sorted() {
        let tags = normalize_tags(&["  sea  birds ".into(), "".into(), "Maps".into(), "maps".into(), "archive".into()]).unwrap();
        assert_eq!(tags, vec!["archive", "Maps", "sea birds"]);
        assert!(normalize_tags(&["x".repeat(101)]).is_err());
    }

    #[test]
    fn a_filter_from_the_ui_may_leave_everything_out() {
        let f: HighlightFilter = serde_json::from_str("{}").unwrap();
        assert!(f.colors.is_empty() && f.tag.is_none() && f.search.is_empty());
        assert!(f.include_orphans);
    }
}
