//! A short label for an event: the clause its date belongs to, without the
//! date itself ("In June 2001, Bush and Putin met in Ljubljana" → "Bush and
//! Putin met in Ljubljana").

const MAX_LABEL: usize = 90;

/// The sentence around code points `start..end` of `text`, as (start, end) code points.
pub(super) fn sentence_bounds(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let is_break = |i: usize| -> bool {
        let c = chars[i];
        if c == '\n' {
            return true;
        }
        if c == '.' && i > 0 && chars[i - 1].is_uppercase() && (i < 2 || !chars[i - 2].is_alphabetic()) {
            // An initial or an abbreviation such as "U.S." or "J. Smith".
            return false;
        }
        if matches!(c, '.' | '!' | '?') {
            // "Sept. 11", "U.S. forces": a full stop followed by a lowercase word
            // or a digit does not end the sentence.
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let spaced = chars.get(i + 1).is_some_and(|c| c.is_whitespace());
            return spaced && next.is_none_or(|c| c.is_uppercase() || matches!(c, '“' | '"'));
        }
        false
    };
    let mut s = start;
    while s > 0 && !is_break(s - 1) {
        s -= 1;
    }
    let mut e = end;
    while e < chars.len() && !is_break(e) {
        e += 1;
    }
    if e < chars.len() && chars[e] != '\n' {
        e += 1; // keep the sentence's own full stop
    }
    (s, e)
}

const LEAD_WORDS: &[&str] = &[
    "in", "on", "by", "since", "during", "from", "until", "after", "before", "then", "of", "at", "and", "but", "when", "that", "around",
    "about", "circa", "c",
];

/// The label of the event dated by the expression at `start..end`. A named
/// event (`event_name`: "World War II", not a date) stays in its label: it
/// says what happened, and is often a clause's subject ("after World War II
/// ended"), which dropping it would leave broken.
pub fn label_for(text: &str, start: usize, end: usize, event_name: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = sentence_bounds(&chars, start.min(chars.len()), end.min(chars.len()));
    let before: String = chars[s..start].iter().collect();
    let after: String = chars[end..e].iter().collect();
    // A date introduced by a preposition ("in June 2001") is dropped from the
    // label; one that is part of the clause ("the Sept. 11 attack occurred")
    // stays in it.
    let previous_word = before.split_whitespace().last().unwrap_or("").to_lowercase();
    let adverbial = before.trim().is_empty() || LEAD_WORDS.contains(&previous_word.trim_matches(|c: char| !c.is_alphanumeric()));
    let exact: String = chars[start..end].iter().collect();
    if !adverbial && !event_name {
        let sentence = format!("{before}{exact}{after}");
        return finish(sentence.trim().trim_end_matches(['.', ' ']));
    }
    // The clause holding the date: cut the sentence at clause breaks around it.
    let before = before.rsplit_once(';').map_or(before.as_str(), |(_, b)| b);
    let after = after.split_once(';').map_or(after.as_str(), |(a, _)| a);
    if event_name {
        // The name's own clause, with the name and its preposition.
        let before = own_clause_before(before, |clause| format!("{clause}{exact}").split_whitespace().count() >= MIN_CLAUSE_WORDS);
        let after = own_clause_after(after, &format!("{before}{exact}"));
        let clause = format!("{before}{exact}{after}");
        return finish(clause.trim().trim_end_matches(['.', ' ', ',']));
    }
    let before = strip_trailing_lead(
        own_clause_before(before, |clause| strip_trailing_lead(clause).split_whitespace().count() >= MIN_CLAUSE_WORDS).trim_end(),
    );
    let after = own_clause_after(after, &before);
    let comma_after = after.trim_start().starts_with(',');
    let after = after.trim_start_matches([',', ' ']).trim_end_matches(['.', ' ', ',']);
    let label = if before.trim().is_empty() || before.trim_end().ends_with(',') && after.len() > 12 {
        after.to_owned()
    } else if after.is_empty() {
        before.trim().trim_end_matches(',').to_owned()
    } else {
        let joint = if comma_after { ", " } else { " " };
        format!("{}{joint}{}", before.trim().trim_end_matches(','), after)
    };
    if label.split_whitespace().next().is_none() {
        return shorten(&capitalize(&exact));
    }
    finish(&label)
}

/// One line, capitalised and shortened.
fn finish(label: &str) -> String {
    shorten(&capitalize(&label.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// Words that open a second main clause after a comma ("…, and the first
/// page went online in 1991"): each clause dates its own event.
const COORDINATORS: &[&str] = &[", and ", ", but ", ", while ", ", whereas ", ", yet "];

/// A clause needs a few words of its own to stand as a label; "…, and again
/// in 2003" does not, and keeps the words before the comma.
const MIN_CLAUSE_WORDS: usize = 3;

/// The text before the date from the last coordinated clause on, when that
/// clause `stands` as a label.
fn own_clause_before(before: &str, stands: impl Fn(&str) -> bool) -> &str {
    let cut = COORDINATORS.iter().filter_map(|c| before.rfind(c).map(|i| i + c.len())).max();
    match cut {
        Some(i) if stands(&before[i..]) => &before[i..],
        _ => before,
    }
}

/// The text after the date up to the next coordinated clause, when the date's
/// own clause (`before`) can stand alone.
fn own_clause_after(after: &str, before: &str) -> String {
    let cut = COORDINATORS.iter().filter_map(|c| after.find(c)).min();
    match cut {
        Some(i) if before.split_whitespace().count() >= MIN_CLAUSE_WORDS => after[..i].to_owned(),
        _ => after.to_owned(),
    }
}

/// Drops the preposition that introduced the date ("… arrested in").
fn strip_trailing_lead(s: &str) -> String {
    let mut out = s.to_owned();
    loop {
        let trimmed = out.trim_end();
        let Some((head, last)) = trimmed.rsplit_once(' ').or(Some(("", trimmed))) else { break };
        if LEAD_WORDS.contains(&last.to_lowercase().as_str()) {
            out = head.to_owned();
        } else {
            break;
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL {
        return s.to_owned();
    }
    // Prefer ending at a clause break, else at a word boundary.
    let head: String = s.chars().take(MAX_LABEL).collect();
    let cut = head.rfind([',', ';', '—']).filter(|&i| i > 40).or_else(|| head.rfind(' ')).unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end_matches([',', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label_of(text: &str, date: &str) -> String {
        let byte = text.find(date).unwrap();
        let start = text[..byte].chars().count();
        label_for(text, start, start + date.chars().count(), false)
    }

    #[test]
    fn drops_the_date_and_its_preposition() {
        let t = "Rain fell all week. In May 1998, the river flooded the lower town. Then it dried up.";
        assert_eq!(label_of(t, "May 1998"), "The river flooded the lower town");
        let t = "The old mill burned down in 1911 and was never rebuilt.";
        assert_eq!(label_of(t, "1911"), "The old mill burned down and was never rebuilt");
    }

    #[test]
    fn abbreviations_do_not_end_the_sentence() {
        let t = "Markets fell. On Sept. 3 2004 the U.S. regulator opened an inquiry into the banks.";
        let l = label_of(t, "Sept. 3 2004");
        assert!(l.starts_with("The U.S. regulator opened an inquiry"), "{l}");
    }

    #[test]
    fn each_coordinated_clause_labels_its_own_date() {
        let t = "The canal was dug by hand in 1793, and the first barge crossed the ridge in April 1799.";
        assert_eq!(label_of(t, "1793"), "The canal was dug by hand");
        assert_eq!(label_of(t, "April 1799"), "The first barge crossed the ridge");
        let t = "The bank failed in 1931, but its depositors were repaid in 1934.";
        assert_eq!(label_of(t, "1931"), "The bank failed");
        assert_eq!(label_of(t, "1934"), "Its depositors were repaid");
    }

    #[test]
    fn a_clause_too_short_to_stand_keeps_its_neighbour() {
        let t = "The council met in May 1950, and again in 1952, to plan the new harbour.";
        assert_eq!(label_of(t, "1952"), "The council met in May 1950, and again, to plan the new harbour");
    }

    #[test]
    fn long_clauses_are_shortened_at_a_break() {
        let t = "In 1850 a small company of surveyors, traders and their families crossed the mountains, reaching the valley after many weeks of hard travel through snow.";
        let l = label_of(t, "1850");
        assert!(l.chars().count() <= MAX_LABEL + 1, "{l}");
        assert!(l.ends_with('…'));
        assert!(l.starts_with("A small company of surveyors"));
    }

    #[test]
    fn a_named_event_stays_in_its_label() {
        let t = "Rain fell all week. The bridge was rebuilt after the Great Flood ended, with stone from the hills.";
        let byte = t.find("the Great Flood").unwrap();
        let start = t[..byte].chars().count();
        let end = start + "the Great Flood".chars().count();
        assert_eq!(label_for(t, start, end, true), "The bridge was rebuilt after the Great Flood ended, with stone from the hills");
        // Only the name's own clause.
        let t = "The river rose in 1910, and after the Great Flood the town moved uphill.";
        let byte = t.find("the Great Flood").unwrap();
        let start = t[..byte].chars().count();
        assert_eq!(label_for(t, start, start + 15, true), "After the Great Flood the town moved uphill");
        // A date in the same place is dropped with its preposition.
        assert_eq!(
            label_of("The bridge was rebuilt after 1911, with stone from the hills.", "1911"),
            "The bridge was rebuilt, with stone from the hills"
        );
    }
}
