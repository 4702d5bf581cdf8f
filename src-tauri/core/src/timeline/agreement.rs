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
use crate::timex::lexicon;

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
pub(crate) struct Reading {
    /// The named event's key or the participants (a set: "A wrote to B"
    /// and "B wrote to A" are in one bucket), sorted and joined.
    pub bucket: String,
    pub kind: Option<GroupKind>,
    /// Stems of the other content words.
    pub action: BTreeSet<String>,
}

/// The version of [`read_label`]'s rules: the stored readings are made
/// again when it changes.
pub(crate) const READING_VERSION: i64 = 1;

/// What grouping needs of one event: its article, its span in years and
/// what its label says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub article: &'a str,
    pub from: f64,
    pub to: f64,
    pub reading: &'a Reading,
}

impl Item<'_> {
    fn mid(&self) -> f64 {
        (self.from + self.to) / 2.0
    }
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
    "mid",
    "th",
    "st",
    "nd",
    "rd",
];

/// A stop word, or a calendar name from the tagger's lexicon: a month in
/// its full or short form, a weekday only by its full name ("sun", "wed"
/// and "sat" are words of their own). "mid" ("mid-2010") is in `STOP`.
fn is_stop(lower: &str) -> bool {
    STOP.contains(&lower) || lexicon::month(lower).is_some() || lexicon::weekday_name(lower).is_some()
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

pub(crate) fn read_label(label: &str) -> Reading {
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

/// The groups of events that name the same thing, with at least two
/// articles in each; whether or not they disagree.
pub fn groups(events: &[LibraryEvent]) -> Vec<Group> {
    let readings: Vec<Reading> = events.iter().map(|e| read_label(&e.event.label)).collect();
    let items: Vec<Item> =
        events.iter().zip(&readings).map(|(e, reading)| Item { article: &e.event.article_id, from: e.from, to: e.to, reading }).collect();
    group_items(&items)
}

/// [`groups`] over readings already made (the stored ones). Events are
/// linked when they are in one bucket, within the window of years, and
/// name the same thing; a group is the events linked to each other, and
/// disagrees when two of its linked events of different articles do not
/// overlap. Linear after sorting: within a list of events that all match
/// each other, linking neighbours links the same groups as linking every
/// pair in the window, and a sliding minimum and maximum says whether any
/// event in an event's window can fail to overlap it.
pub(crate) fn group_items(items: &[Item]) -> Vec<Group> {
    let mut buckets: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.reading.kind.is_some() {
            buckets.entry(it.reading.bucket.as_str()).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut flagged = vec![false; items.len()];
    let by_mid = |list: &mut Vec<usize>| list.sort_by(|&a, &b| items[a].mid().total_cmp(&items[b].mid()).then(a.cmp(&b)));
    for members in buckets.values() {
        // Events that share an action word all match each other.
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut bare = Vec::new();
        for &i in members {
            if items[i].reading.action.is_empty() {
                bare.push(i); // a named event by itself: matches all of its bucket
            }
            for w in &items[i].reading.action {
                by_word.entry(w.as_str()).or_default().push(i);
            }
        }
        for mut list in by_word.into_values() {
            by_mid(&mut list);
            for pair in list.windows(2) {
                if items[pair[1]].mid() - items[pair[0]].mid() <= WINDOW_YEARS {
                    union(&mut parent, pair[0], pair[1]);
                }
            }
            flag_disagreeing(items, &list, &list, &mut flagged);
        }
        if !bare.is_empty() {
            // A bare name matches every event of its bucket in the window:
            // bare names link to each other, every other event to the
            // nearest bare name on either side (those further away in its
            // window are linked to the nearest already).
            by_mid(&mut bare);
            for pair in bare.windows(2) {
                if items[pair[1]].mid() - items[pair[0]].mid() <= WINDOW_YEARS {
                    union(&mut parent, pair[0], pair[1]);
                }
            }
            let mut all = members.clone();
            by_mid(&mut all);
            for &i in &all {
                let m = items[i].mid();
                let after = bare.partition_point(|&b| items[b].mid() < m);
                for &b in bare[after.saturating_sub(1)..].iter().take(2) {
                    if (items[b].mid() - m).abs() <= WINDOW_YEARS {
                        union(&mut parent, i, b);
                    }
                }
            }
            // Every link has a bare end: looking from those finds them all.
            flag_disagreeing(items, &bare, &all, &mut flagged);
        }
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.reading.kind.is_some() {
            let root = find(&mut parent, i);
            components.entry(root).or_default().push(i);
        }
    }
    let mut out: Vec<Group> = components
        .into_values()
        .filter(|m| m.iter().any(|&i| items[i].article != items[m[0]].article))
        .map(|mut members| {
            members.sort_unstable();
            let r = items[members[0]].reading;
            // Stable while the group keeps its words: the bucket and the
            // action words all its events share.
            let shared =
                members.iter().skip(1).fold(r.action.clone(), |acc, &i| acc.intersection(&items[i].reading.action).cloned().collect());
            let key = format!("{}|{}", r.bucket, shared.into_iter().collect::<Vec<_>>().join(" "));
            let disagree = members.iter().any(|&i| flagged[i]);
            Group { key, kind: r.kind.unwrap_or(GroupKind::Action), members, disagree }
        })
        .collect();
    out.sort_by(|a, b| a.members[0].cmp(&b.members[0]));
    out
}

/// Marks each event of `from` (sorted by mid) that is linked to an event
/// of `to` (sorted by mid, all matching it) of another article whose span
/// does not overlap its own. The window's latest start and earliest end,
/// kept by sliding, rule out almost every event without a look at its
/// neighbours.
fn flag_disagreeing(items: &[Item], from: &[usize], to: &[usize], flagged: &mut [bool]) {
    use std::collections::VecDeque;
    let (mut lo, mut hi) = (0, 0);
    let mut latest_start: VecDeque<usize> = VecDeque::new(); // positions in `to`, their `from` falling
    let mut earliest_end: VecDeque<usize> = VecDeque::new(); // positions in `to`, their `to` rising
    for &i in from {
        let e = &items[i];
        let m = e.mid();
        while hi < to.len() && items[to[hi]].mid() - m <= WINDOW_YEARS {
            let f = items[to[hi]].from;
            while latest_start.back().is_some_and(|&k| items[to[k]].from <= f) {
                latest_start.pop_back();
            }
            latest_start.push_back(hi);
            let t = items[to[hi]].to;
            while earliest_end.back().is_some_and(|&k| items[to[k]].to >= t) {
                earliest_end.pop_back();
            }
            earliest_end.push_back(hi);
            hi += 1;
        }
        while lo < hi && m - items[to[lo]].mid() > WINDOW_YEARS {
            lo += 1;
        }
        while latest_start.front().is_some_and(|&k| k < lo) {
            latest_start.pop_front();
        }
        while earliest_end.front().is_some_and(|&k| k < lo) {
            earliest_end.pop_front();
        }
        let (Some(&ls), Some(&ee)) = (latest_start.front(), earliest_end.front()) else { continue };
        if items[to[ls]].from < e.to && items[to[ee]].to > e.from {
            continue; // everything in the window overlaps this event
        }
        let apart = |j: usize| items[j].article != e.article && (items[j].from >= e.to || items[j].to <= e.from);
        if to[lo..hi].iter().any(|&j| apart(j)) {
            flagged[i] = true;
        }
    }
}

/// The groups of `events` (the whole library) whose articles disagree,
/// each with the indices of its events.
pub fn disagreeing_groups(events: &[LibraryEvent]) -> Vec<Group> {
    groups(events).into_iter().filter(|g| g.disagree).collect()
}

fn union(parent: &mut [usize], i: usize, j: usize) {
    let (ri, rj) = (find(parent, i), find(parent, j));
    parent[ri.max(rj)] = ri.min(rj);
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

    #[test]
    fn who_did_it_to_whom_is_one_set_of_participants() {
        // "Ostmere sent envoys to Pellanor" and "Pellanor sent envoys to
        // Ostmere" name the same exchange, in either order.
        let events = [ev("a", "1871-04", "Ostmere sent envoys to Pellanor"), ev("b", "1874-04", "Pellanor sent envoys to Ostmere")];
        let found = groups(&events);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].disagree, "April 1871 and April 1874 do not overlap");
        let mut reversed = events.clone();
        reversed.reverse();
        assert_eq!(groups(&reversed)[0].key, found[0].key, "the order of the names does not change the group");
        assert_eq!(found[0].key, "action:ostmere pellanor|envo sent");
        let third_party = [ev("a", "1871-04", "Ostmere sent envoys to Pellanor"), ev("b", "1874-04", "Pellanor sent envoys to Quessary")];
        assert!(groups(&third_party).is_empty(), "another pair of countries is another exchange");
    }

    /// The grouping as first written: every pair of events in a bucket's
    /// window compared. The linear one must give the same groups.
    fn pairwise(events: &[LibraryEvent]) -> Vec<(String, Vec<usize>, bool)> {
        let r: Vec<Reading> = events.iter().map(|e| read_label(&e.event.label)).collect();
        let same = |a: &Reading, b: &Reading| match a.kind {
            Some(GroupKind::Named) => a.action.is_empty() || b.action.is_empty() || !a.action.is_disjoint(&b.action),
            _ => !a.action.is_disjoint(&b.action),
        };
        let n = events.len();
        let mut parent: Vec<usize> = (0..n).collect();
        let mut flagged = vec![false; n];
        let mid = |e: &LibraryEvent| (e.from + e.to) / 2.0;
        for i in 0..n {
            for j in i + 1..n {
                if r[i].kind.is_none() || r[i].bucket != r[j].bucket || (mid(&events[i]) - mid(&events[j])).abs() > WINDOW_YEARS {
                    continue;
                }
                if same(&r[i], &r[j]) || same(&r[j], &r[i]) {
                    union(&mut parent, i, j);
                    let overlap = events[i].from < events[j].to && events[j].from < events[i].to;
                    if events[i].event.article_id != events[j].event.article_id && !overlap {
                        flagged[i] = true;
                    }
                }
            }
        }
        let mut comps: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in (0..n).filter(|&i| r[i].kind.is_some()) {
            let root = find(&mut parent, i);
            comps.entry(root).or_default().push(i);
        }
        let mut out: Vec<(String, Vec<usize>, bool)> = comps
            .into_values()
            .filter(|m| m.iter().any(|&i| events[i].event.article_id != events[m[0]].event.article_id))
            .map(|m| {
                let shared = m.iter().skip(1).fold(r[m[0]].action.clone(), |acc, &i| acc.intersection(&r[i].action).cloned().collect());
                let key = format!("{}|{}", r[m[0]].bucket, shared.into_iter().collect::<Vec<_>>().join(" "));
                let disagree = m.iter().any(|&i| flagged[i]);
                (key, m, disagree)
            })
            .collect();
        out.sort_by(|a, b| a.1[0].cmp(&b.1[0]));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn linear_grouping_matches_comparing_every_pair(
            picks in proptest::collection::vec((0usize..4, 0usize..3, 0usize..6, 0usize..40, 0usize..3, 0usize..5), 1..40)
        ) {
            const NAMES: &[&str] = &["Ostmere", "Pellanor", "Quessary"];
            const DEEDS: &[&str] = &["sent envoys to", "closed the border with", "signed a treaty with", "sent a treaty to", "", ""];
            let events: Vec<LibraryEvent> = picks
                .iter()
                .map(|&(article, who, deed, year, precision, named)| {
                    let y = 1900 + year * 3;
                    let value = match precision { 0 => format!("{y}"), 1 => format!("{y}-05"), _ => format!("{y}-05-0{}", 1 + year % 9) };
                    let label = if named == 0 {
                        format!("World War II {}", if deed < 4 { "ended" } else { "" })
                    } else if DEEDS[deed].is_empty() {
                        format!("{} held talks", NAMES[who])
                    } else {
                        format!("{} {} {}", NAMES[who], DEEDS[deed], NAMES[(who + 1) % 3])
                    };
                    ev(&format!("article-{article}"), &value, &label)
                })
                .collect();
            let linear: Vec<(String, Vec<usize>, bool)> = groups(&events).into_iter().map(|g| (g.key, g.members, g.disagree)).collect();
            proptest::prop_assert_eq!(linear, pairwise(&events));
        }
    }
}
