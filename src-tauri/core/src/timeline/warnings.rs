//! Chronology warnings: dates that do not fit the story the article tells.

use super::order::year_span;
use super::EventDraft;
use crate::timex::{Tense, TenseReader};
use crate::PartialDate;

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn describe(p: &PartialDate) -> String {
    match p.month {
        Some(m) => format!("{} {}", MONTHS[(m - 1) as usize], p.year),
        None => p.year.to_string(),
    }
}

pub fn annotate(text: &str, drafts: &mut [EventDraft], published: Option<PartialDate>) {
    // 1. Told in the past tense, yet dated after the article was published.
    if let Some(p) = published {
        let published_end = match (p.month, p.day) {
            (Some(m), Some(d)) => p.year as f64 + (m as f64 - 1.0) / 12.0 + d as f64 / 365.25,
            (Some(m), None) => p.year as f64 + m as f64 / 12.0,
            _ => p.year as f64 + 1.0,
        };
        // The tagger's own reading of the clause's tense, so that one mechanism decides.
        let tenses = TenseReader::new(text);
        for d in drafts.iter_mut() {
            if let Some((start, _)) = year_span(&d.value) {
                if start >= published_end - 1e-9 && tenses.tense(d.start, d.end) == Tense::Past {
                    d.warnings.push(format!("told in the past tense but dated after the article was published ({})", describe(&p)));
                }
            }
        }
    }
    // 2. A clear outlier among the dates around it in the narrative (not a
    //    named event: its date comes from the named-events file, not from a
    //    year the writer could have mistyped).
    let mids: Vec<Option<f64>> = drafts.iter().map(|d| year_span(&d.value).map(|(s, e)| (s + e) / 2.0)).collect();
    for i in 0..drafts.len() {
        let Some(here) = mids[i].filter(|_| !drafts[i].event_name) else { continue };
        let neighbours: Vec<f64> = (i.saturating_sub(3)..(i + 4).min(drafts.len())).filter(|&j| j != i).filter_map(|j| mids[j]).collect();
        if neighbours.len() < 3 {
            continue;
        }
        let (lo, hi) = neighbours.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &y| (lo.min(y), hi.max(y)));
        let spread = hi - lo;
        let distance = if here < lo {
            lo - here
        } else if here > hi {
            here - hi
        } else {
            0.0
        };
        if distance >= 5.0 && distance > 2.0 * spread.max(1.0) {
            drafts[i].warnings.push(format!("far from the dates around it ({:.0}–{:.0}); check the year", lo.floor(), hi.floor()));
        }
    }
    // 3. One named day ("9/11", "Sept. 11": a day named without its year) given
    //    two different dates.
    let named: Vec<(String, String)> = drafts.iter().map(|d| (normalize(&d.exact), d.value.clone())).collect();
    for i in 0..drafts.len() {
        let (name, value) = &named[i];
        if !names_a_day_without_year(name) {
            continue;
        }
        if let Some((_, other)) = named.iter().find(|(n, v)| n == name && v != value) {
            drafts[i].warnings.push(format!("“{}” is also dated {} in this article", drafts[i].exact, other));
        }
    }
}

fn names_a_day_without_year(s: &str) -> bool {
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let has_year = s.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 4);
    has_digit && !has_year
}

fn normalize(s: &str) -> String {
    s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}
