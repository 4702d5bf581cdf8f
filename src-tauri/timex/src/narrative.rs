//! Narrative mode: a text with no published date (a history, a chapter of a
//! book) is read as a reader reads it, each relative expression against the
//! narrative's own dates. Which dates move the narrative, and which are
//! background that a reader does not take as the time the story is at.

use chrono::Datelike;

use super::reference::{tense_around, Anchor, Tense};
use super::tokens::{Tok, TokKind};

/// The years written in a text as four digits (1000–2099, not a quantity:
/// not before a noun such as "troops"), by token: the look-ahead that tells
/// an excursion from a move of the narrative.
pub fn written_years(toks: &[Tok]) -> Vec<(usize, i32)> {
    toks.iter()
        .enumerate()
        .filter(|(k, t)| {
            t.kind == TokKind::Num
                && t.text.len() == 4
                && t.num().is_some_and(|n| (1000..2100).contains(&n))
                && toks.get(k + 1).is_none_or(|n| n.kind != TokKind::Word || n.is_capitalized() || !n.lower.ends_with('s'))
        })
        .filter_map(|(k, t)| Some((k, t.num()? as i32)))
        .collect()
}

/// A year far from the narrative's (more than `EXCURSION` years) that the
/// text leaves again at once: the next year it writes is nearer the
/// narrative's than this one ("An NSA history declassified in 2005 showed
/// that no attack took place on 4 August": August is still 1964's).
pub fn excursion(a: Anchor, in_force: Option<Anchor>, years: &[(usize, i32)], end: usize) -> bool {
    const EXCURSION: i32 = 4;
    let Some(f) = in_force else { return false };
    let (y, fy) = (a.date.year(), f.date.year());
    if (y - fy).abs() <= EXCURSION {
        return false;
    }
    let next = years.get(years.partition_point(|(k, _)| *k < end)).map(|(_, n)| *n);
    next.is_none_or(|n| (n - fy).abs() < (n - y).abs())
}

/// A date that the narrative passes by without moving to it: the far end of
/// a span ("lasted until February 1945"), a plan ahead of the story, or a
/// date in a relative clause in the past perfect ("forces that had invaded
/// Burma in late 1943"), a flashback to before the story's time.
pub fn background(toks: &[Tok], s: usize, e: usize) -> bool {
    let before = |k: usize| s.checked_sub(k).map(|p| toks[p].lower).unwrap_or("");
    let sentence = toks[s].sentence;
    // Skip the modifiers of the date itself ("until late 1943").
    let mut k = 1;
    while matches!(before(k), "early" | "late" | "mid" | "-" | "the" | "end" | "of" | "middle" | "beginning" | "start") {
        k += 1;
    }
    if matches!(before(k), "until" | "till" | "through") {
        return true;
    }
    // A plan told in the past looks ahead of the story ("a campaign planned
    // for 1976", "a withdrawal expected in late 2008").
    if tense_around(toks, s, e) == Tense::Future {
        return true;
    }
    // The clause the date is in, back to a comma or the sentence start.
    let clause: Vec<usize> = (s.saturating_sub(14)..s)
        .rev()
        .take_while(|&p| toks[p].sentence == sentence && !matches!(toks[p].text, "," | ";" | ":" | "(" | ")"))
        .collect();
    clause.iter().any(|&p| {
        matches!(toks[p].lower, "who" | "which" | "that" | "whose") && (p + 1..s).any(|q| toks[q].lower == "had" || toks[q].lower == "'d")
    })
}

#[cfg(test)]
mod tests {
    /// The values tagged in `text` with no published date (narrative mode).
    fn values(text: &str) -> Vec<String> {
        crate::tag(text, None).into_iter().map(|t| t.value).collect()
    }

    #[test]
    fn a_bare_month_takes_the_year_in_force() {
        assert_eq!(
            values("The siege began in March 1702. In May the walls fell, and on June 3 the town surrendered."),
            ["1702-03", "1702-05", "1702-06-03"]
        );
        // Nothing resolves against today's date.
        assert_eq!(values("The walls fell in May."), ["XXXX-05"]);
    }

    #[test]
    fn a_story_told_forward_moves_into_the_next_year() {
        assert_eq!(values("The treaty was signed in November 1805. In January the armies moved again."), ["1805-11", "1806-01"]);
        // A month a little earlier stays in the year: a thread told alongside.
        assert_eq!(values("The fleet sailed in May 1702. Its sister ships had left in February."), ["1702-05", "1702-02"]);
    }

    #[test]
    fn dates_the_narrative_only_passes_by_do_not_move_it() {
        // The far end of a span.
        assert_eq!(
            values("In 1718 the duke took the city. The truce lasted until March 1720. In June he marched north."),
            ["1718", "1720-03", "1718-06"]
        );
        // A flashback in a relative clause.
        assert_eq!(
            values("In 1744 the army entered the valley, where troops that had crossed it in 1741 were camped. In July the siege began."),
            ["1744", "1741", "1744-07"]
        );
        // A plan told in the past.
        assert_eq!(
            values("In 1812 the army crossed the river. A second campaign was planned for 1815. In June the army rested."),
            ["1812", "1815", "1812-06"]
        );
    }

    #[test]
    fn an_excursion_far_from_the_narrative_does_not_move_it() {
        let text = "The siege began in May 1683. A history printed in 1910 tells how in July the walls were breached. \
                    The city was relieved in September 1683.";
        assert_eq!(values(text), ["1683-05", "1910", "1683-07", "1683-09"]);
        // A move that the text stays in is the narrative's.
        let text = "The siege began in May 1683. The town was rebuilt in 1710, and in July a new wall rose. In 1712 it was done.";
        assert_eq!(values(text), ["1683-05", "1710", "1710-07", "1712"]);
    }
}
