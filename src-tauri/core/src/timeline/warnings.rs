//! Chronology warnings: dates that do not fit the story the article tells.

use super::EventDraft;
use crate::timex::{year_label, Precision, Tense, TenseReader, TimexValue};
use crate::PartialDate;

/// The published date as the warning names it: "April 2009", "2009".
fn describe(p: &PartialDate) -> String {
    let month = PartialDate { day: None, ..*p };
    TimexValue::parse(&month.to_string()).label()
}

pub fn annotate(text: &str, drafts: &mut [EventDraft], published: Option<PartialDate>) {
    let values: Vec<TimexValue> = drafts.iter().map(|d| TimexValue::parse(&d.value)).collect();
    // 1. Told in the past tense, yet dated after the article was published.
    if let Some(published_last) = published.and_then(|p| TimexValue::parse(&p.to_string()).span()).map(|s| s.last) {
        let described = published.as_ref().map(describe).unwrap_or_default();
        // The tagger's own reading of the clause's tense, so that one mechanism decides.
        let tenses = TenseReader::new(text);
        for (d, value) in drafts.iter_mut().zip(&values) {
            if value.span().is_some_and(|s| s.first > published_last) && tenses.tense(d.start, d.end) == Tense::Past {
                d.warnings.push(format!("told in the past tense but dated after the article was published ({described})"));
            }
        }
    }
    // 2. A clear outlier among the dates around it in the narrative (not a
    //    named event: its date comes from the named-events file, not from a
    //    year the writer could have mistyped; nor a decade or a century,
    //    which sets the scene: "since the 5th century BC, but by 312 BC").
    let mids: Vec<Option<f64>> = values.iter().map(|v| v.years().map(|(s, e)| (s + e) / 2.0)).collect();
    for i in 0..drafts.len() {
        let scene = matches!(values[i].precision(), Some(Precision::Decade | Precision::Century));
        let Some(here) = mids[i].filter(|_| !drafts[i].event_name && !scene) else { continue };
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
            let (lo, hi) = (year_label(lo.floor() as i32), year_label(hi.floor() as i32));
            drafts[i].warnings.push(format!("far from the dates around it ({lo}–{hi}); check the year"));
        }
    }
    // 3. One named day ("9/11", "Sept. 11": a day named without its year) given
    //    two different dates.
    let named: Vec<(String, &TimexValue)> = drafts.iter().zip(&values).map(|(d, v)| (normalize(&d.exact), v)).collect();
    for i in 0..drafts.len() {
        let (name, value) = &named[i];
        if !names_a_day_without_year(name) {
            continue;
        }
        if let Some((_, other)) = named.iter().find(|(n, v)| n == name && v.value() != value.value()) {
            drafts[i].warnings.push(format!("“{}” is also dated {} in this article", drafts[i].exact, other.label()));
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
