//! Told as done, yet dated after the article was published.

use super::clause::{deadline, modal_or_condition, results_word, Around};
use super::years::{published_end, span_within, written_year};
use super::{Article, ChronologyWarning, Evidence, WarningKind};
use crate::timex::{Tense, TenseCue, TimexValue};

/// How long after publication (in years) a date in the same year is taken
/// for an update of the page rather than a mistake.
const UPDATE_GRACE: f64 = 0.25;

/// Event `i` is told in the past tense, its year is written in the text (a
/// relative date such as "tomorrow" or a holiday resolves after publication
/// by design), it starts after the published date, and nothing in its clause
/// looks ahead.
pub fn check(a: &Article, i: usize) -> Option<ChronologyWarning> {
    let d = &a.drafts[i];
    let p = a.published?;
    written_year(&d.exact, &d.value)?;
    let (start, _) = span_within(&d.value, 1.0)?;
    if start < published_end(&p) - 1e-9 {
        return None;
    }
    // Weeks or a few months later in the published year: a page updated after
    // the date its metadata gives, more likely than a mistake (a typist's
    // slip changes the year).
    if start.floor() as i32 == p.year && start < published_end(&p) + UPDATE_GRACE {
        return None;
    }
    let (tense, cue) = a.tenses.tense_with_cue(d.start, d.end);
    let cue = cue.filter(|_| tense == Tense::Past)?;
    let around = Around::new(a.chars, d.start, d.end);
    // "2024 may set new records": a modal between the date and the verb the
    // tense was read from governs that verb.
    if cue.start >= d.end && around.after.iter().take_while(|w| w.end <= cue.start).any(|w| modal_or_condition(&w.lower)) {
        return None;
    }
    // The preposition before "the 2016 election" governs the election, not the year.
    let lead = if around.modifies_a_noun() { None } else { around.lead() };
    if names_a_model_or_term(&around, start, p.year)
        || lead.is_some_and(|l| horizon(l, &cue))
        || purpose(&around, lead, start, p.year)
        || around.clause_looks_ahead()
    {
        return None;
    }
    let published = p.to_string();
    Some(ChronologyWarning {
        kind: WarningKind::AfterPublication,
        message: format!(
            "Told as done (“{}”) but dated after the article was published ({})",
            cue.word,
            TimexValue::parse(&published).label()
        ),
        evidence: Evidence { published: Some(published), words: vec![cue.word], ..Evidence::default() },
        mark: None,
    })
}

/// A year naming a thing rather than dating an act: a model ("the 2020
/// Sentra", "Audi's 2021 Q5"), sold a year or two ahead of its year; or a
/// year before a noun that runs into the future ("its 2025 bonds", "the 2030
/// target"), which the clause test catches. A past event named by a year
/// further ahead ("prior to the 2026 election") is still a claim.
fn names_a_model_or_term(around: &Around, start: f64, published_year: i32) -> bool {
    around.modifies_a_noun() && around.after.first().is_some_and(|w| w.capitalized) && (start as i32) <= published_year + 2
}

/// "revealed the A4 for 2020", "the best drives for 2020": what a thing is
/// for, in a year or two ahead; not what a year brought ("profit growth for
/// 2015").
fn purpose(around: &Around, lead: Option<&str>, start: f64, published_year: i32) -> bool {
    lead == Some("for")
        && (start as i32) <= published_year + 2
        && !around.before.iter().rev().skip(1).take(3).any(|w| results_word(&w.lower))
}

/// "until 2047", "through 2023", "into 2030": a state that lasts into the
/// future. "by 2030" too, unless the clause says it was done by then ("by
/// 2025 the gap had grown"): only a report ("said it would ... by 2030")
/// keeps it a horizon.
fn horizon(lead: &str, cue: &TenseCue) -> bool {
    if lead == "by" {
        return cue.reporting;
    }
    deadline(lead)
}
