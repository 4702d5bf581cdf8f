//! One named event given two dates: a named event with a known date ("the
//! Orange Revolution", 2004–2005) given a year outside it right beside its
//! name ("the Orange Revolution of 2007"). (A day named without its year,
//! "Sept. 11", resolved to two years is no mistake: such days recur.)

use super::years::{written_year, year_of};
use super::{evidence_date, Article, ChronologyWarning, Evidence, WarningKind};
use crate::timeline::EventDraft;

pub fn check(a: &Article, names: &[EventDraft]) -> Vec<(usize, ChronologyWarning)> {
    let mut out = Vec::new();
    for name in names {
        let (Some(from), to) = (year_of(&name.value), name.value_end.as_deref().and_then(year_of)) else { continue };
        let to = to.unwrap_or(from);
        for (j, e) in a.drafts.iter().enumerate().filter(|(_, e)| beside(a, name, e)) {
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
    out
}

/// A year that belongs to a name: "the Orange Revolution of 2007", "the
/// 2007 Orange Revolution", "the Orange Revolution (2007)". Not "in": in
/// "the town remembered World War II in 1950" the year dates the verb.
fn beside(a: &Article, name: &EventDraft, e: &EventDraft) -> bool {
    let gap: String = if e.start >= name.end {
        a.chars[name.end..e.start].iter().collect()
    } else if e.end <= name.start {
        let gap: String = a.chars[e.end..name.start].iter().collect();
        // "the 2007 Orange Revolution": the name's own "the" follows the year.
        gap.trim().strip_prefix("the").map_or(gap.clone(), str::to_owned)
    } else {
        return false;
    };
    let gap = gap.trim().to_lowercase();
    matches!(gap.as_str(), "" | "of" | "(")
}
