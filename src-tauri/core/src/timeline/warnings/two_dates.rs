//! One named event given two dates: a day named without its year ("9/11",
//! "Sept. 11") resolved to two different days, or a named event with a
//! known date ("the Orange Revolution", 2004–2005) given a year outside it
//! right beside its name ("the Orange Revolution of 2007").

use super::years::{written_year, year_of};
use super::{evidence_date, Article, ChronologyWarning, Evidence, WarningKind};
use crate::timeline::EventDraft;

pub fn check(a: &Article) -> Vec<(usize, ChronologyWarning)> {
    let mut out = Vec::new();
    same_day_name(a, &mut out);
    named_event_year(a, &mut out);
    out
}

fn same_day_name(a: &Article, out: &mut Vec<(usize, ChronologyWarning)>) {
    let names: Vec<String> = a.drafts.iter().map(|d| normalize(&d.exact)).collect();
    for (i, d) in a.drafts.iter().enumerate() {
        if !names_a_day_without_year(&names[i]) {
            continue;
        }
        let others: Vec<&EventDraft> =
            a.drafts.iter().enumerate().filter(|(j, e)| names[*j] == names[i] && e.value != d.value).map(|(_, e)| e).collect();
        if let Some(first) = others.first() {
            out.push((
                i,
                ChronologyWarning {
                    kind: WarningKind::TwoDates,
                    message: format!("“{}” is dated {} here but {} elsewhere in this article", d.exact, d.value, first.value),
                    evidence: Evidence { dates: others.into_iter().map(evidence_date).collect(), ..Evidence::default() },
                    mark: None,
                },
            ));
        }
    }
}

/// A written year right beside a named event's name ("the Orange Revolution
/// of 2007", "the 2007 Orange Revolution", "World War II, in 1950") outside
/// the dates the name stands for.
fn named_event_year(a: &Article, out: &mut Vec<(usize, ChronologyWarning)>) {
    for (n, name) in a.drafts.iter().enumerate().filter(|(_, d)| d.event_name) {
        let (Some(from), to) = (year_of(&name.value), name.value_end.as_deref().and_then(year_of)) else { continue };
        let to = to.unwrap_or(from);
        let beside = |j: usize| {
            let e = &a.drafts[j];
            let gap: String = if e.start >= name.end {
                a.chars[name.end..e.start].iter().collect()
            } else if e.end <= name.start {
                a.chars[e.end..name.start].iter().collect()
            } else {
                return false;
            };
            let gap = gap.trim().trim_matches(',').trim().to_lowercase();
            matches!(gap.as_str(), "" | "of" | "in")
        };
        for j in [n.wrapping_sub(1), n + 1].into_iter().filter(|&j| j < a.drafts.len() && beside(j)) {
            let e = &a.drafts[j];
            let Some(y) = written_year(&e.exact, &e.value) else { continue };
            if y < from || y > to {
                let known = if from == to { from.to_string() } else { format!("{from}–{to}") };
                out.push((
                    j,
                    ChronologyWarning {
                        kind: WarningKind::TwoDates,
                        message: format!("“{}” is dated {known}, not {y}", name.exact),
                        evidence: Evidence { dates: vec![evidence_date(name)], ..Evidence::default() },
                        mark: None,
                    },
                ));
            }
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
