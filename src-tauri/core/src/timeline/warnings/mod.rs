//! Chronology warnings: a claim that a date in the text is probably wrong,
//! with its reason and the evidence for it. Three reasons only, each a
//! mistake a writer makes and a reader can check:
//!
//! - `after_publication`: told as done, in the past tense, yet dated after
//!   the article was published, with nothing in the clause that makes a
//!   future date legitimate (a plan, a target, a maturity, a model year,
//!   "by", "until"...). The evidence is the published date and the word the
//!   tense was read from.
//! - `likely_typo`: a written year one typist's slip away (a digit, a decade,
//!   two digits swapped) from the year every date around it agrees on, and
//!   named nowhere else in the article. The evidence is the year meant and
//!   the dates around it.
//! - `two_dates`: one named event given two dates. The evidence is the
//!   other date.
//!
//! A year merely far from the dates around it is history, not a mistake.

mod after_publication;
mod clause;
mod two_dates;
mod typo;
mod years;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::EventDraft;
use crate::timex::{TenseReader, TimexValue};
use crate::PartialDate;

/// Why a date looks wrong.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Told as done, but dated after the article was published.
    AfterPublication,
    /// A year a typist's slip away from the year the dates around it agree on.
    LikelyTypo,
    /// One named event given two dates.
    TwoDates,
}

impl WarningKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::AfterPublication => "after_publication",
            WarningKind::LikelyTypo => "likely_typo",
            WarningKind::TwoDates => "two_dates",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "after_publication" => WarningKind::AfterPublication,
            "likely_typo" => WarningKind::LikelyTypo,
            "two_dates" => WarningKind::TwoDates,
            _ => return None,
        })
    }
}

/// How a mistyped year differs from the one meant.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TypoKind {
    /// The tens digit one off: 2011 for 2001.
    Decade,
    /// One other digit: 2007 for 2001.
    Digit,
    /// Two neighbouring digits swapped: 2010 for 2001.
    Transposition,
}

/// A date of the text given as evidence, with where it is.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceDate {
    /// TIMEX3 value.
    pub value: String,
    /// How people read it ("October 2001"), so that the UI never reads a value.
    #[serde(default)]
    pub label: String,
    /// The words of the text that give it.
    pub quote: String,
    /// Code points of the article text.
    pub start: u32,
    pub end: u32,
}

/// What a warning rests on. Each kind fills the fields it needs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The article's published date (`after_publication`).
    #[serde(default)]
    pub published: Option<String>,
    /// The words of the clause that tell it as done ("invaded").
    #[serde(default)]
    pub words: Vec<String>,
    /// The year the writer probably meant (`likely_typo`).
    #[serde(default)]
    pub intended: Option<String>,
    #[serde(default)]
    pub typo: Option<TypoKind>,
    /// The dates around it (`likely_typo`) or the other date given (`two_dates`).
    #[serde(default)]
    pub dates: Vec<EvidenceDate>,
}

/// The reader's verdict on a warning, kept in the library.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum WarningMark {
    /// Not a mistake: the sidebar stops showing it.
    Dismissed,
    /// A real error in the text: kept, and shown in the exports.
    Error,
}

impl WarningMark {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningMark::Dismissed => "dismissed",
            WarningMark::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "dismissed" => WarningMark::Dismissed,
            "error" => WarningMark::Error,
            _ => return None,
        })
    }
}

/// A chronology warning on one event.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ChronologyWarning {
    pub kind: WarningKind,
    /// One sentence for the reader, evidence included.
    pub message: String,
    pub evidence: Evidence,
    /// The reader's verdict, when they gave one (never stored with the event:
    /// it comes from the library's marks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mark: Option<WarningMark>,
}

/// Reads warnings stored by any version: warnings stored before they had a
/// reason and evidence (plain sentences) are dropped; the next extraction
/// gives the event its warnings again.
pub fn parse_stored(json: &str) -> Vec<ChronologyWarning> {
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(json) else { return Vec::new() };
    let mut warnings: Vec<ChronologyWarning> = items.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect();
    // Kept before dates had labels: label them now.
    for d in warnings.iter_mut().flat_map(|w| w.evidence.dates.iter_mut()).filter(|d| d.label.is_empty()) {
        d.label = TimexValue::parse(&d.value).label();
    }
    warnings
}

/// What every rule reads about the article: its characters, the tense of
/// its clauses, and its published date.
pub(super) struct Article<'a> {
    pub chars: &'a [char],
    pub tenses: &'a TenseReader<'a>,
    pub published: Option<PartialDate>,
    pub drafts: &'a [EventDraft],
    /// Where each paragraph after the first begins (after a run of line breaks).
    paragraph_starts: Vec<usize>,
}

impl<'a> Article<'a> {
    fn new(chars: &'a [char], tenses: &'a TenseReader, published: Option<PartialDate>, drafts: &'a [EventDraft]) -> Self {
        let paragraph_starts = (1..chars.len()).filter(|&k| chars[k - 1] == '\n' && chars[k] != '\n').collect();
        Article { chars, tenses, published, drafts, paragraph_starts }
    }

    /// The paragraph holding code point `at`, counted from 0.
    pub fn paragraph(&self, at: usize) -> usize {
        self.paragraph_starts.partition_point(|&s| s <= at)
    }
}

/// Gives each event its warnings. `names` are the named events found in the
/// text ("the Orange Revolution"), including those the timeline leaves out
/// because a written date beside them stands for them.
pub fn annotate(chars: &[char], tenses: &TenseReader, drafts: &mut [EventDraft], names: &[EventDraft], published: Option<PartialDate>) {
    let found: Vec<(usize, ChronologyWarning)> = {
        let article = Article::new(chars, tenses, published, drafts);
        let mut found = Vec::new();
        for i in 0..drafts.len() {
            if let Some(w) = after_publication::check(&article, i) {
                found.push((i, w));
            }
            if let Some(w) = typo::check(&article, i) {
                found.push((i, w));
            }
        }
        found.extend(two_dates::check(&article, names));
        found
    };
    for (i, w) in found {
        if !drafts[i].warnings.iter().any(|x| x.kind == w.kind) {
            drafts[i].warnings.push(w);
        }
    }
}

fn evidence_date(d: &EventDraft) -> EvidenceDate {
    EvidenceDate {
        value: d.value.clone(),
        label: TimexValue::parse(&d.value).label(),
        quote: d.exact.clone(),
        start: d.start as u32,
        end: d.end as u32,
    }
}
