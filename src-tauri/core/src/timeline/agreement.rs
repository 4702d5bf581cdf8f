//! Which events of different articles name the same thing, and whether
//! their dates agree. Two events name the same thing when their labels
//! name the same event from the named-events file, or the same participants
//! (the capitalised words: "United States", "Afghanistan") doing the same
//! action (a shared content word: "invaded", "invasion"), within a window
//! of years. Their dates disagree when their spans do not overlap: "2001"
//! and "October 2001" agree, "October 2001" and "October 2011" do not.

use std::collections::{BTreeSet, HashMap};

use super::library::{GroupKind, LibraryEvent};
use crate::timex;

/// Events more than this many years apart are about different things even
/// when their labels match ("elections were held" every few years).
const WINDOW_YEARS: f64 = 25.0;

/// Letters of a word that stand for it: "invaded", "invasion" and
/// "invaders" share "inva"; cheap, and the participants must match as well.
const STEM: usize = 4;

/// A set of events that name the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub kind: GroupKind,
    /// Indices into the events given to [`groups`], in their order.
    pub members: Vec<usize>,
    /// Two events of different articles that match directly have dates that do not overlap.
    pub disagree: bool,
}

/// What an event's label says, reduced to what matching needs.
#[derive(Debug, Clone, PartialEq, Default)]
struct Reading {
    /// The named event's key or the participants, sorted and joined.
    bucket: String,
    kind: Option<GroupKind>,
    /// Stems of the other content words.
    action: BTreeSet<String>,
}

/// Words that carry no action or participant: function words, the
/// calendar's own words, reporting verbs.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "ago",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "early",
    "earlier",
    "end",
    "even",
    "ever",
    "first",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "late",
    "later",
    "like",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "never",
    "new",
    "next",
    "no",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "decade",
    "century",
    "today",
    "yesterday",
    "tomorrow",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mid",
    "th",
    "st",
    "nd",
    "rd",
];

fn is_stop(lower: &str) -> bool {
    STOP.contains(&lower)
}

/// The words of a label: letters and digits, with dots inside a word
/// dropped ("U.S." is "US") and a possessive "'s" cut.
fn words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))
        .map(|w| {
            let w = w.trim_matches(['.', '\'', '’']);
            let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
            w.replace(['.', '\'', '’'], "")
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn read_label(label: &str) -> Reading {
    // A named event in the label ("after the fall of the Berlin Wall") is
    // what the event is about; the rest of the words say what of it.
    // Only names that are no dates ("World War II", not "9/11"): a date's
    // name already says when, and the tagger dates it from the file.
    let named = timex::named::mentioned_in(label).into_iter().find(|(_, _, e)| !e.date_name);
    let (kind, bucket, rest) = match named {
        Some((start, end, e)) => {
            let chars: Vec<char> = label.chars().collect();
            let rest: String = chars[..start].iter().chain(std::iter::once(&' ')).chain(chars[end..].iter()).collect();
            (GroupKind::Named, format!("named:{}/{}", e.value, e.value_end.as_deref().unwrap_or("")), rest)
        }
        None => (GroupKind::Action, String::new(), label.to_owned()),
    };
    let mut participants = BTreeSet::new();
    let mut action = BTreeSet::new();
    for w in words(&rest) {
        let lower = w.to_lowercase();
        if is_stop(&lower) || w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital {
            participants.insert(lower);
        } else if lower.chars().count() >= 3 {
            action.insert(lower.chars().take(STEM).collect::<String>());
        }
    }
    match kind {
        GroupKind::Named => Reading { bucket, kind: Some(kind), action },
        GroupKind::Action if participants.is_empty() || action.is_empty() => Reading::default(),
        GroupKind::Action => {
            Reading { bucket: format!("action:{}", participants.into_iter().collect::<Vec<_>>().join(" ")), kind: Some(kind), action }
        }
    }
}

/// Two readings in one bucket name the same thing: they share an action
/// word, or one of them is a named event by itself ("World War II", which
/// then matches whatever else is said of it).
fn same_thing(a: &Reading, b: &Reading) -> bool {
    match a.kind {
        Some(GroupKind::Named) => a.action.is_empty() || b.action.is_empty() || !a.action.is_disjoint(&b.action),
        _ => !a.action.is_disjoint(&b.action),
    }
}

fn overlap(a: &LibraryEvent, b: &LibraryEvent) -> bool {
    a.from < b.to && b.from < a.to
}

fn mid(e: &LibraryEvent) -> f64 {
    (e.from + e.to) / 2.0
}

/// The groups of events that name the same thing, with at least two
/// articles in each; whether or not they disagree.
pub fn groups(events: &[LibraryEvent]) -> Vec<Group> {
    let readings: Vec<Reading> = events.iter().map(|e| read_label(&e.event.label)).collect();
    let mut buckets: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in readings.iter().enumerate() {
        if r.kind.is_some() {
            buckets.entry(r.bucket.as_str()).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..events.len()).collect();
    let mut disagreeing_edge = vec![false; events.len()];
    let mut link = |i: usize, j: usize, parent: &mut Vec<usize>| {
        let (ri, rj) = (find(parent, i), find(parent, j));
        parent[ri.max(rj)] = ri.min(rj);
        if events[i].event.article_id != events[j].event.article_id && !overlap(&events[i], &events[j]) {
            disagreeing_edge[i] = true;
            disagreeing_edge[j] = true;
        }
    };
    for members in buckets.values() {
        // Events that share an action word, compared within the window of
        // years: a bucket's events are compared only with those that can
        // match (a common pair of participants has thousands of events).
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut bare = Vec::new();
        for &i in members {
            if readings[i].action.is_empty() {
                bare.push(i); // a named event by itself: matches all of its bucket
            }
            for w in &readings[i].action {
                by_word.entry(w.as_str()).or_default().push(i);
            }
        }
        let mut lists: Vec<Vec<usize>> = by_word.into_values().collect();
        if !bare.is_empty() {
            lists.push(members.clone());
        }
        for mut list in lists {
            list.sort_by(|&a, &b| mid(&events[a]).total_cmp(&mid(&events[b])));
            for (n, &i) in list.iter().enumerate() {
                for &j in &list[n + 1..] {
                    if mid(&events[j]) - mid(&events[i]) > WINDOW_YEARS {
                        break;
                    }
                    if same_thing(&readings[i], &readings[j]) {
                        link(i, j, &mut parent);
                    }
                }
            }
        }
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, r) in readings.iter().enumerate() {
        if r.kind.is_some() {
            let root = find(&mut parent, i);
            components.entry(root).or_default().push(i);
        }
    }
    let mut out: Vec<Group> = components
        .into_values()
        .filter(|m| m.iter().any(|&i| events[i].event.article_id != events[m[0]].event.article_id))
        .map(|members| {
            let r = &readings[members[0]];
            // Stable while the group keeps its words: the bucket and the
            // action words all its events share.
            let shared = members.iter().skip(1).fold(r.action.clone(), |acc, &i| acc.intersection(&readings[i].action).cloned().collect());
            let key = format!("{}|{}", r.bucket, shared.into_iter().collect::<Vec<_>>().join(" "));
            let disagree = members.iter().any(|&i| disagreeing_edge[i]);
            Group { key, kind: r.kind.unwrap_or(GroupKind::Action), members, disagree }
        })
        .collect();
    for g in &mut out {
        g.members.sort_unstable();
    }
    out.sort_by(|a, b| a.members[0].cmp(&b.members[0]));
    out
}

/// The groups of `events` (the whole library) whose articles disagree,
/// each with the indices of its events.
pub fn disagreeing_groups(events: &[LibraryEvent]) -> Vec<Group> {
    groups(events).into_iter().filter(|g| g.disagree).collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{summarize, TimelineEvent};
    use crate::timex::{TimexKind, TimexValue};

    fn ev(article: &str, value: &str, label: &str) -> LibraryEvent {
        let (from, to) = TimexValue::parse(value).years().unwrap();
        LibraryEvent {
            event: TimelineEvent {
                id: format!("{article}-{value}-{label}"),
                article_id: article.into(),
                origin: "extracted".into(),
                kind: TimexKind::Date,
                value: value.into(),
                value_end: None,
                date: summarize(value, None),
                label: label.into(),
                start: 0,
                end: 4,
                exact: value.into(),
                warnings: vec![],
                hidden: false,
                user_edited: false,
                orphaned: false,
            },
            article_title: article.into(),
            from,
            to,
            highlighted: false,
        }
    }

    #[test]
    fn the_same_invasion_dated_ten_years_apart_is_flagged() {
        let events = [
            ev("harbour-notes", "2001-10", "the United States invaded Afghanistan"),
            ev("winter-essay", "2011-10", "When the United States invaded Afghanistan"),
        ];
        let groups = groups(&events);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert!(groups[0].disagree);
        assert_eq!(groups[0].kind, GroupKind::Action);
        assert_eq!(groups[0].members, [0, 1]);
    }

    #[test]
    fn an_invasion_and_the_invaders_are_the_same_action_at_different_precisions() {
        let events = [
            ev("a", "2001", "The invasion of Afghanistan by the United States"),
            ev("b", "2001-10-07", "United States forces invaded Afghanistan"),
        ];
        let groups = groups(&events);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert!(!groups[0].disagree, "a year and a day inside it agree");
    }

    #[test]
    fn different_participants_are_different_events() {
        let events = [ev("a", "2001-10", "the United States invaded Afghanistan"), ev("b", "2003-03", "the United States invaded Iraq")];
        assert!(groups(&events).is_empty());
    }

    #[test]
    fn one_article_contradicting_itself_is_not_a_disagreement_between_articles() {
        let events =
            [ev("a", "2001-10", "the United States invaded Afghanistan"), ev("a", "2011-10", "the United States invaded Afghanistan")];
        assert!(groups(&events).is_empty());
    }

    #[test]
    fn dates_far_apart_are_different_events_with_the_same_words() {
        let events = [ev("a", "1956", "Soviet troops entered Hungary"), ev("b", "1998", "Soviet troops entered Hungary")];
        assert!(groups(&events).is_empty(), "beyond the window of years");
    }

    #[test]
    fn a_named_event_groups_by_its_name_and_the_bare_name_matches_either_end() {
        let events = [ev("a", "1939", "World War II began"), ev("b", "1945", "World War II ended"), ev("c", "1952", "World War II ended")];
        let found = groups(&events);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, GroupKind::Named);
        assert!(found[0].disagree, "1945 and 1952 for its end");
        let only_ends = [ev("a", "1939", "World War II began"), ev("b", "1945", "World War II ended")];
        assert!(groups(&only_ends).is_empty(), "its beginning and its end are different things");
    }

    #[test]
    fn the_group_key_survives_new_ids_and_order() {
        let a =
            [ev("a", "2001-10", "the United States invaded Afghanistan"), ev("b", "2011-10", "United States troops invaded Afghanistan")];
        let mut b = a.clone();
        b.reverse();
        b[0].event.id = "other".into();
        assert_eq!(groups(&a)[0].key, groups(&b)[0].key);
        assert_eq!(groups(&a)[0].key, "action:afghanistan states united|inva");
    }

    #[test]
    fn abbreviations_lose_their_dots() {
        assert_eq!(words("U.S. forces' bases, the Kremlin's reply"), ["US", "forces", "bases", "the", "Kremlin", "reply"]);
    }
}
