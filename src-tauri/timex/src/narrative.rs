//! Narrative mode: a text with no published date (a history, a chapter of a
//! book) is read as a reader reads it, each relative expression against the
//! narrative's own dates. Which dates move the narrative, and which are
//! background that a reader does not take as the time the story is at.

use super::tokens::Tok;

/// A date that the narrative passes by without moving to it: the far end of
/// a span ("lasted until February 1945"), or a date in a relative clause in
/// the past perfect ("forces that had invaded Burma in late 1943"), a
/// flashback to before the story's time.
pub fn background(toks: &[Tok], s: usize) -> bool {
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
    }
}
