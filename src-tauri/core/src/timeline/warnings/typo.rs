//! A written year that the dates around it contradict the way a typist's
//! slip would: "invaded Afghanistan in October 2011" in a passage whose
//! every other date is 2001 or 2002.

use super::clause::{opens_a_span, Around};
use super::years::{published_end, span_within, typo_between, written_year, year_of};
use super::{evidence_date, Article, ChronologyWarning, Evidence, TypoKind, WarningKind};
use crate::timeline::EventDraft;

/// Dated events looked at on each side of the year.
const SIDE: usize = 3;
/// The passage: this many paragraphs either side, and this many code points.
const PARAGRAPHS: usize = 2;
const REACH: usize = 1500;
/// The dates around agree on a year when each is within this many years of it...
const AGREE: i32 = 1;
/// ...and contradict the written year when each is at least this far from it.
const APART: i32 = 3;

pub fn check(a: &Article, i: usize) -> Option<ChronologyWarning> {
    let d = &a.drafts[i];
    if d.event_name {
        return None;
    }
    let y = written_year(&d.exact, &d.value)?;
    // A date from the published year on is the present or the future, which
    // `after_publication` judges; unless it is after publication already.
    if a.published.is_some_and(|p| y > p.year || (y == p.year && span_within(&d.value, 1.0).is_some_and(|(s, _)| s < published_end(&p)))) {
        return None;
    }
    // A year the article writes again is one it means.
    if a.drafts.iter().enumerate().any(|(j, e)| j != i && written_year(&e.exact, &e.value) == Some(y)) {
        return None;
    }
    let around = Around::new(a.chars, d.start, d.end);
    // "since 1840", "the warmest since 1880", "his 1995 book": a start, an
    // end or a thing named by its year, not a point of the story.
    if around.lead().is_some_and(opens_a_span) || around.modifies_a_noun() {
        return None;
    }
    let here = a.paragraph(d.start);
    let near = |e: &EventDraft| a.paragraph(e.start).abs_diff(here) <= PARAGRAPHS && e.start.abs_diff(d.start) <= REACH;
    let dated = |e: &&EventDraft| year_of(&e.value).is_some() && e.value_end.is_none();
    let before: Vec<&EventDraft> = a.drafts[..i].iter().rev().filter(dated).take_while(|e| near(e)).take(SIDE).collect();
    let after: Vec<&EventDraft> = a.drafts[i + 1..].iter().filter(dated).take_while(|e| near(e)).take(SIDE).collect();
    if before.is_empty() || after.is_empty() || before.len() + after.len() < 3 {
        return None;
    }
    let years: Vec<i32> = before.iter().chain(&after).filter_map(|e| year_of(&e.value)).collect();
    if years.iter().any(|n| (n - y).abs() < APART) {
        return None;
    }
    // The year the passage agrees on, one slip away from the written one.
    let (meant, typo) = years
        .iter()
        .filter_map(|&m| typo_between(y, m).map(|t| (m, t)))
        .filter(|(m, _)| years.iter().all(|n| (n - m).abs() <= AGREE))
        .max_by_key(|(m, _)| years.iter().filter(|n| *n == m).count())?;
    let mut dates: Vec<&EventDraft> = before.into_iter().rev().chain(after).collect();
    dates.sort_by_key(|e| e.start);
    let lo = years.iter().min().copied().unwrap_or(meant);
    let hi = years.iter().max().copied().unwrap_or(meant);
    let range = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
    Some(ChronologyWarning {
        kind: WarningKind::LikelyTypo,
        message: format!("{y} looks like a slip for {meant} ({}): the dates around it are all {range}", slip(typo)),
        evidence: Evidence {
            intended: Some(meant.to_string()),
            typo: Some(typo),
            dates: dates.into_iter().map(evidence_date).collect(),
            ..Evidence::default()
        },
        mark: None,
    })
}

fn slip(t: TypoKind) -> &'static str {
    match t {
        TypoKind::Decade => "a decade off",
        TypoKind::Digit => "one digit off",
        TypoKind::Transposition => "two digits swapped",
    }
}
