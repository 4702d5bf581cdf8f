//! Named events with known dates ("9/11", "the fall of the Berlin Wall"),
//! from `data/named_events.tsv`, which ships inside the binary and is meant
//! to be edited by hand.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::reference::{Anchor, Gran};
use super::tokens::{tokenize, Tok, TokKind};

const DATA: &str = include_str!("../data/named_events.tsv");

struct Slot {
    /// Each alternative as a sequence of lowercase tokens.
    alts: Vec<Vec<String>>,
    optional: bool,
}

pub struct NamedEvent {
    slots: Vec<Slot>,
    pub value: String,
    pub value_end: Option<String>,
    pub name: String,
    /// The name itself says when ("9/11", "D-Day"), so TIMEX3 marks it;
    /// otherwise it only names what happened ("World War II").
    pub date_name: bool,
    /// The pattern opens with an optional "the": it is indexed by the word
    /// after it, so that not every "the" of a text tries it.
    lead_the: bool,
}

fn words(s: &str) -> Vec<String> {
    let mut arena = String::new();
    tokenize(s, &mut arena).into_iter().filter(|t| t.text != ".").map(|t| t.lower.to_string()).collect()
}

/// Parses the data file; malformed lines are a programming error caught by the tests.
pub fn parse(data: &str) -> Vec<NamedEvent> {
    let mut out = Vec::new();
    for line in data.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let slots: Vec<Slot> = cols[0]
            .split_whitespace()
            .map(|w| {
                let (w, optional) = match w.strip_suffix('?') {
                    Some(w) => (w, true),
                    None => (w, false),
                };
                let mut alts: Vec<Vec<String>> = w.split('|').map(words).filter(|a| !a.is_empty()).collect();
                alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
                Slot { alts, optional }
            })
            .collect();
        let value_end = Some(cols[2]).filter(|v| *v != "-").map(str::to_string);
        let date_name = cols[4] == "date";
        let lead_the = slots.first().is_some_and(|s| s.optional && s.alts.len() == 1 && s.alts[0] == ["the"]) && slots.len() > 1;
        out.push(NamedEvent { slots, value: cols[1].to_string(), value_end, name: cols[3].to_string(), date_name, lead_the });
    }
    out
}

pub fn events() -> &'static [NamedEvent] {
    &index().events
}

/// The events by the words a match can start with: trying every event at
/// every token was a third of the tagger's time.
struct Index {
    events: Vec<NamedEvent>,
    by_first: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::lexicon::WordHasher>>,
    /// For each first byte of a first word, a bit per word length (capped
    /// at 63): most tokens are ruled out without hashing them.
    starts: [u64; 256],
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let events = parse(DATA);
        let mut by_first: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::lexicon::WordHasher>> = HashMap::default();
        for (n, ev) in events.iter().enumerate() {
            // The first words of each alternative, through optional slots
            // (after a leading "the?", found from the word after it).
            for slot in ev.slots.iter().skip(usize::from(ev.lead_the)) {
                for w in slot.alts.iter().filter_map(|a| a.first()) {
                    let list = by_first.entry(w.clone()).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
                if !slot.optional {
                    break;
                }
            }
        }
        let mut starts = [0u64; 256];
        for w in by_first.keys() {
            starts[usize::from(w.as_bytes()[0])] |= 1 << w.len().min(63);
        }
        Index { events, by_first, starts }
    })
}

/// The events that may match at token `i`, with their line numbers in the file.
fn candidates(toks: &[Tok], i: usize) -> impl Iterator<Item = (usize, &'static NamedEvent)> {
    let idx = index();
    let maybe = |w: &str| w.as_bytes().first().is_some_and(|b| idx.starts[usize::from(*b)] & (1 << w.len().min(63)) != 0);
    let list = toks.get(i).filter(|t| maybe(t.lower)).and_then(|t| idx.by_first.get(t.lower)).map(Vec::as_slice).unwrap_or(&[]);
    list.iter().map(move |&n| (n, &idx.events[n]))
}

/// Token index after `i` skipping glued periods ("Sept." → "Sept").
fn next_word(toks: &[Tok], mut j: usize) -> usize {
    while toks.get(j).is_some_and(|t| t.kind == TokKind::Punct && t.text == "." && !t.space_before) {
        j += 1;
    }
    j
}

impl NamedEvent {
    /// The token index just past a match starting at `i`.
    pub fn match_at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let mut j = i;
        let mut matched_any = false;
        for slot in &self.slots {
            let mut hit = None;
            for alt in &slot.alts {
                let mut k = j;
                let ok = alt.iter().all(|w| {
                    let ok = toks.get(k).is_some_and(|t| t.lower == *w);
                    if ok {
                        k = next_word(toks, k + 1);
                    }
                    ok
                });
                if ok {
                    hit = Some(k);
                    break;
                }
            }
            match hit {
                Some(k) => {
                    j = k;
                    matched_any = true;
                }
                None if slot.optional => {}
                None => return None,
            }
        }
        // Do not end on a skipped period that belongs to the sentence.
        while j > i + 1 && toks[j - 1].text == "." {
            j -= 1;
        }
        matched_any.then_some(j)
    }

    pub fn anchor(&self) -> Option<Anchor> {
        // A year before the common era is written with a minus ("-0489").
        let (sign, rest) = match self.value.strip_prefix('-') {
            Some(r) => (-1, r),
            None => (1, self.value.as_str()),
        };
        let mut parts: Vec<i32> = rest.split('-').filter_map(|p| p.parse().ok()).collect();
        if let Some(y) = parts.first_mut() {
            *y *= sign;
        }
        match parts.as_slice() {
            [y] => Anchor::year(*y),
            [y, m] => Anchor::month(*y, *m as u32),
            [y, m, d] => Anchor::day(*y, *m as u32, *d as u32),
            _ => None,
        }
    }
}

/// A named event found in the text: tokens `[start, end)`.
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub event: &'static NamedEvent,
}

/// Every match of every named event, by start token (and at one token in
/// the order of the file), found once per text.
pub fn find_all(toks: &[Tok]) -> Vec<Found> {
    let mut out: Vec<(usize, Found)> = Vec::new();
    for start in 0..toks.len() {
        for (n, event) in candidates(toks, start) {
            if let Some(end) = event.match_at(toks, start) {
                out.push((n, Found { start, end, event }));
            }
            // The same event with the "the" before it.
            if event.lead_the {
                let mut p = start;
                while p > 0 && toks[p - 1].text == "." && toks[p - 1].kind == TokKind::Punct && !toks[p - 1].space_before {
                    p -= 1;
                }
                if p > 0 && toks[p - 1].lower == "the" {
                    if let Some(end) = event.match_at(toks, p - 1) {
                        out.push((n, Found { start: p - 1, end, event }));
                    }
                }
            }
        }
    }
    out.sort_by_key(|(n, f)| (f.start, *n));
    out.into_iter().map(|(_, f)| f).collect()
}

/// The named events `text` mentions, as (start, end) code points and the
/// event: the file's index alone, without the rest of the tagger (the
/// library timeline reads every event's label this way).
pub fn mentioned_in(text: &str) -> Vec<(usize, usize, &'static NamedEvent)> {
    let mut arena = String::new();
    let toks = tokenize(text, &mut arena);
    find_all(&toks).into_iter().map(|f| (toks[f.start].start, toks[f.end - 1].end, f.event)).collect()
}

/// Days of the named events a text mentions, so that a bare "Sept. 11" in it
/// means the event.
pub fn days_mentioned(found: &[Found]) -> Vec<chrono::NaiveDate> {
    let mut days = Vec::new();
    for f in found {
        if let Some(a) = f.event.anchor().filter(|a| a.gran == Gran::Day) {
            if !days.contains(&a.date) {
                days.push(a.date);
            }
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::values;

    #[test]
    fn data_file_parses_completely() {
        let lines = DATA.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        let parsed = parse(DATA);
        assert_eq!(parsed.len(), lines);
        for ev in &parsed {
            assert!(ev.anchor().is_some(), "{} has a bad value {}", ev.name, ev.value);
        }
        for line in DATA.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            assert!(matches!(line.split('\t').nth(4), Some("date" | "event")), "{line}: the fifth column is `date` or `event`");
        }
    }

    #[test]
    fn an_indefinite_article_makes_a_name_generic() {
        assert_eq!(values("The Velvet Revolution ended communist rule.", "2011-09-15"), ["1989-11"]);
        assert!(values("Rulers fear a Velvet Revolution of their own.", "2011-09-15").is_empty());
    }

    #[test]
    fn named_events_keep_their_own_dates() {
        assert_eq!(values("After 9/11, the city rebuilt.", "2011-09-15"), ["2001-09-11"]);
        assert_eq!(values("Memories of the Sept. 11 attacks remain.", "2011-09-15"), ["2001-09-11"]);
        assert_eq!(values("He was in Berlin for the fall of the Berlin Wall.", "2011-09-15"), ["1989-11-09"]);
        // A bare "Sept. 11" in a text about 9/11 is the attack, not this year's date.
        assert_eq!(values("After 9/11 everything changed. Sept. 11 was a turning point.", "2011-09-15"), ["2001-09-11", "2001-09-11"]);
    }

    #[test]
    fn periods_of_history_carry_their_spans() {
        let d = chrono::NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = crate::tag("Trade shrank during the Cold War and after the Battle of Marathon.", d);
        let got: Vec<(&str, &str, Option<&str>)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str(), x.value_end.as_deref())).collect();
        assert_eq!(got, [("the Cold War", "1947", Some("1991")), ("the Battle of Marathon", "-0489", None)]);
        // In a narrative a named period is a comparison: the story stays where it is.
        let t =
            crate::tag("The siege began in May 1683. Like the Thirty Years' War before it, it dragged on. In July the walls fell.", None);
        let values: Vec<&str> = t.iter().map(|x| x.value.as_str()).collect();
        assert_eq!(values, ["1683-05", "1618", "1683-07"]);
    }

    #[test]
    fn only_names_that_say_when_are_temporal_expressions() {
        let d = chrono::NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = crate::tag("Trade grew after World War II and again after 9/11.", d);
        let got: Vec<(&str, &str, bool)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str(), x.event_name)).collect();
        // Both keep their dates for the timeline; only "9/11" is a TIMEX3 expression.
        assert_eq!(got, [("World War II", "1939-09", true), ("9/11", "2001-09-11", false)]);
        let t = crate::tag("Our town was rebuilt after the fall of the Berlin Wall, on the anniversary of D-Day.", d);
        assert_eq!(
            t.iter().map(|x| (x.text.as_str(), x.event_name)).collect::<Vec<_>>(),
            [("the fall of the Berlin Wall", true), ("D-Day", false)]
        );
    }

    #[test]
    fn the_first_word_index_finds_every_event_with_and_without_its_optional_words() {
        for (n, ev) in events().iter().enumerate() {
            // Each event written with the first alternative of every slot,
            // then without its optional slots.
            for keep_optional in [true, false] {
                let words: Vec<String> = ev.slots.iter().filter(|s| keep_optional || !s.optional).map(|s| s.alts[0].join(" ")).collect();
                let mut arena = String::new();
                let text = words.join(" ");
                let toks = tokenize(&text, &mut arena);
                let found = find_all(&toks);
                assert!(found.iter().any(|f| f.start == 0 && std::ptr::eq(f.event, &events()[n])), "{} not found in {:?}", ev.name, words);
            }
        }
    }
}
