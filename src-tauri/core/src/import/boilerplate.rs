//! Finding the article inside text copied from a web page: menus, sign-up
//! boxes, donation appeals and footers around it are dropped.
//!
//! The features are general, never tied to a site:
//! - prose looks like prose: long lines of many words that end like sentences;
//!   site furniture is short labels ("Share", "Monthly", "Continue");
//! - calls to action have a vocabulary (subscribe, newsletter, donate, privacy
//!   policy, "read more", "a message from" …);
//! - the article is the densest run of prose (a maximum-sum segment over
//!   per-paragraph scores);
//! - once the article has ended (an author's bio line, or a call to action
//!   followed by only a short tail), what follows is not the article even when
//!   it is written as prose, as donation appeals are;
//! - the title is a short heading-like line just before the body, preferably one
//!   the page's first line (the browser title) repeats.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// One line or paragraph of the source, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    /// A blank line follows (the unit ended a chunk).
    pub blank_after: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    pub title: String,
    pub byline: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Phrases of calls to action and site furniture (matched lower-cased).
const CALL_TO_ACTION: &[&str] = &[
    "subscribe",
    "subscription",
    "subscriber",
    "newsletter",
    "sign up",
    "sign in",
    "log in",
    "login",
    "donate",
    "donation",
    "support us",
    "support today",
    "your support",
    "contribution",
    "privacy policy",
    "terms of service",
    "terms of use",
    "cookie",
    "advertisement",
    "advertise",
    "read more",
    "share this",
    "follow us",
    "click here",
    "remind me",
    "all rights reserved",
    "©",
    "mailbox",
    "inbox",
    "a message from",
    "dear reader",
    "membership",
    "become a member",
    "not ready to",
    "skip to",
    "related articles",
    "recommended for you",
    "email address",
    "password",
    "continue reading",
    "download the app",
    "sponsored",
    "unsubscribe",
    "never miss",
    "mailing list",
    "get the latest",
    "most popular",
    "trending",
    "you may also like",
];

/// Whole lines that are buttons or menu entries.
const LABELS: &[&str] = &[
    "once",
    "monthly",
    "annual",
    "yearly",
    "continue",
    "share",
    "tweet",
    "email",
    "more",
    "save",
    "print",
    "close",
    "menu",
    "search",
    "home",
    "next",
    "previous",
    "comments",
    "reply",
    "preview",
    "go",
    "or",
    "ok",
    "cancel",
    "advertisement",
    "ad",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
];

/// Job words of an author's bio line ("Jane Roe is a reporter for …").
const BIO_ROLES: &[&str] = &[
    "editor",
    "writer",
    "reporter",
    "correspondent",
    "columnist",
    "journalist",
    "author",
    "professor",
    "fellow",
    "contributor",
    "analyst",
    "director",
    "researcher",
    "lecturer",
    "producer",
    "critic",
    "novelist",
    "historian",
];

/// Below this many words, prose after the densest run is kept.
const SHORT_TEXT_WORDS: usize = 150;

pub fn strip_boilerplate(units: Vec<Unit>) -> Found {
    let units: Vec<Unit> = units.into_iter().filter(|u| !u.text.is_empty()).collect();
    if units.is_empty() {
        return Found::default();
    }
    let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
    let scores: Vec<f64> = features.iter().map(Features::score).collect();
    let Some((mut start, mut end)) = densest_segment(&scores) else {
        // Text with no prose at all (a list, a poem) is kept whole rather than lost.
        return keep_whole(units);
    };
    // Short sentences just before the dense run are the article's opening, not
    // furniture: never lose a real sentence for being brief.
    while start > 0 && features[start - 1].is_short_prose() && !is_byline(&units[start - 1].text) {
        start -= 1;
    }
    // An author's bio right after the body belongs to the article.
    if features.get(end + 1).is_some_and(|f| f.bio) {
        end += 1;
    }
    end = article_end(&units, &features, start, end);
    // In a note-sized text one call to action can outweigh the prose after it;
    // a full paragraph of prose is never lost there (the reader can hide it).
    if features.iter().map(|f| f.words).sum::<usize>() < SHORT_TEXT_WORDS {
        if let Some(last_prose) = (end + 1..features.len()).rev().find(|&i| features[i].score() > 0.0) {
            end = last_prose;
        }
    }
    let (title_at, title) = find_title(&units, &features, start);
    let byline = (title_at.map_or(0, |t| t + 1)..start)
        .find(|&i| is_byline(&units[i].text))
        .map(|i| units[i].text.trim_start_matches("By ").trim_start_matches("by ").to_owned());
    if features[start..=end].iter().all(Features::is_furniture) {
        return keep_whole(units);
    }
    // Moved out rather than copied: a book is megabytes of paragraphs.
    let paragraphs =
        units.into_iter().zip(features).take(end + 1).skip(start).filter(|(_, f)| !f.is_furniture()).map(|(u, _)| u.text).collect();
    Found { title, byline, paragraphs }
}

/// Everything kept; a short first line is the title.
fn keep_whole(units: Vec<Unit>) -> Found {
    let mut paragraphs: Vec<String> = units.into_iter().map(|u| u.text).collect();
    let title = match paragraphs.first() {
        Some(first) if paragraphs.len() > 1 && first.chars().count() <= 120 && !first.ends_with('.') => paragraphs.remove(0),
        Some(first) => super::blocks::first_words(first),
        None => String::new(),
    };
    Found { title, byline: None, paragraphs }
}

#[derive(Debug, Clone)]
struct Features {
    words: usize,
    sentence_end: bool,
    calls_to_action: usize,
    label: bool,
    bio: bool,
}

impl Features {
    fn of(text: &str) -> Features {
        let words = crate::words::count(text);
        let calls_to_action = calls_to_action(text);
        let label = words <= 3 && LABELS.contains(&text.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric()));
        let sentence_end = text.trim_end().ends_with(['.', '!', '?', '"', '”', '’', ')', '…', ':']);
        let bio = words <= 40 && sentence_end && is_bio(text);
        Features { words, sentence_end, calls_to_action, label, bio }
    }

    /// Positive for prose, negative for furniture.
    fn score(&self) -> f64 {
        let w = self.words as f64;
        let cta = self.calls_to_action as f64;
        if self.label {
            return -6.0;
        }
        if self.calls_to_action > 0 && self.words < 40 {
            return -12.0 - 6.0 * cta;
        }
        if self.words >= 12 && self.sentence_end {
            return w - 15.0 * cta;
        }
        if self.words >= 25 {
            return w * 0.5 - 15.0 * cta;
        }
        if self.sentence_end {
            -1.0
        } else {
            -3.0
        }
    }

    /// A complete sentence of a few words with nothing of a call to action.
    fn is_short_prose(&self) -> bool {
        self.sentence_end && self.words >= 5 && self.calls_to_action == 0 && !self.label && !self.bio
    }

    /// Furniture dropped even inside the article: labels and short calls to action.
    fn is_furniture(&self) -> bool {
        self.label || (self.calls_to_action > 0 && self.words <= 15)
    }
}

/// The phrases of [`CALL_TO_ACTION`] as one automaton: a book has tens of
/// thousands of paragraphs, and searching each for every phrase in turn was a
/// fifth of its import time.
#[allow(clippy::expect_used, reason = "the phrases are fixed literals; a unit test builds the automaton")]
static CALL_TO_ACTION_MATCHER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::builder().ascii_case_insensitive(true).build(CALL_TO_ACTION).expect("the phrases are valid patterns"));

// Each phrase found is one bit of a u64.
const _: () = assert!(CALL_TO_ACTION.len() <= 64);

/// How many different phrases of [`CALL_TO_ACTION`] the lower-cased text contains.
fn calls_to_action(text: &str) -> usize {
    // ASCII text is matched as it is (ignoring ASCII case is lower-casing it);
    // other text is lower-cased first, as a few letters lower-case to ASCII
    // (the Kelvin sign to "k").
    let lower;
    let haystack = if text.is_ascii() {
        text
    } else {
        lower = text.to_lowercase();
        lower.as_str()
    };
    let mut found = 0u64;
    for m in CALL_TO_ACTION_MATCHER.find_overlapping_iter(haystack) {
        found |= 1 << m.pattern().as_usize();
    }
    found.count_ones() as usize
}

fn is_bio(text: &str) -> bool {
    // ASCII lower-casing keeps every byte where it was, so `at` is a position
    // in `text` too (full lower-casing lengthens some letters, and slicing the
    // text at its positions panicked).
    let ascii_lower = text.to_ascii_lowercase();
    let Some(at) = ascii_lower.find(" is ").or_else(|| ascii_lower.find(" was ")) else {
        return false;
    };
    // The subject is a name: two to five capitalized words.
    let subject: Vec<&str> = text[..at].split_whitespace().collect();
    let name_like = (2..=5).contains(&subject.len())
        && subject.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(*w, "de" | "van" | "von"));
    let rest = text[at..].to_lowercase();
    name_like && BIO_ROLES.iter().any(|r| rest.contains(r))
}

fn is_byline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (text.starts_with("By ") || text.starts_with("by ")) && (2..=8).contains(&words)
}

/// The maximum-sum run of scores (inclusive bounds), if any run is positive.
fn densest_segment(scores: &[f64]) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = (f64::MIN, (0, 0));
    let (mut sum, mut from) = (0.0, 0);
    for (i, s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            from = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_range = (from, i);
        }
    }
    (best > 0.0).then_some(best_range)
}

/// Where the article really ends inside the densest run: after an author's bio
/// line followed by furniture, or before a call to action that only a short tail
/// of the text follows (a newsletter box, then a donation appeal).
fn article_end(units: &[Unit], features: &[Features], start: usize, end: usize) -> usize {
    let total: usize = features[start..=end].iter().map(|f| f.words).sum();
    for i in start..end {
        let next_is_furniture = features[i + 1..=end.min(i + 2)].iter().any(|f| f.calls_to_action > 0 || f.label);
        if features[i].bio && next_is_furniture && i > start {
            return i;
        }
    }
    let mut before = 0usize;
    for i in start..=end {
        let f = &features[i];
        if i > start && f.calls_to_action > 0 && f.words < 40 && !units[i].text.is_empty() {
            let after: usize = features[i..=end].iter().map(|f| f.words).sum();
            if before * 2 > total && after * 10 < total * 3 {
                return last_kept(features, start, i - 1);
            }
        }
        before += f.words;
    }
    end
}

fn last_kept(features: &[Features], start: usize, mut i: usize) -> usize {
    while i > start && features[i].is_furniture() {
        i -= 1;
    }
    i
}

/// The title: a short heading-like line before the body; one the first line of
/// the page repeats wins.
fn find_title(units: &[Unit], features: &[Features], start: usize) -> (Option<usize>, String) {
    let heading_like = |i: usize| {
        let f = &features[i];
        let t = units[i].text.as_str();
        (1..=25).contains(&f.words)
            && f.calls_to_action == 0
            && !f.label
            && !t.ends_with('.')
            && !is_byline(t)
            && t.chars().any(char::is_alphabetic)
    };
    let window = start.saturating_sub(40)..start;
    let first_line = units[0].text.to_lowercase();
    let repeated = window.clone().rev().find(|&i| {
        i > 0 && heading_like(i) && units[i].text.split_whitespace().count() >= 2 && first_line.contains(&units[i].text.to_lowercase())
    });
    if let Some(i) = repeated {
        return (Some(i), units[i].text.clone());
    }
    if let Some(i) = window.rev().take(4).find(|&i| heading_like(i)) {
        return (Some(i), units[i].text.clone());
    }
    (None, super::blocks::first_words(&units[start].text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(paragraphs: &[&str]) -> Vec<Unit> {
        paragraphs.iter().map(|p| Unit { text: p.to_string(), blank_after: true }).collect()
    }

    const BODY: [&str; 4] = [
        "In the first weeks of the thaw the river rose faster than anyone in the valley had expected, and the ferry stopped running.",
        "Farmers moved their animals to the upper pastures while the council argued about whether to open the old sluice gates.",
        "By the end of the month the water had reached the church steps, and the schoolchildren were sent to the neighbouring town.",
        "When the flood finally receded, it left a line of silt on every wall that the villagers still point out to visitors today.",
    ];

    #[test]
    fn appeal_newsletter_and_buttons_around_an_op_ed_are_dropped() {
        let mut doc = vec!["Back The Valley Post!", "When the River Rose"];
        doc.extend(BODY);
        doc.extend([
            "Jonah Pell is a contributing editor of the Valley Post.",
            "Get our free daily newsletter",
            "Our daily newsletter brings the best of our reporting straight to your inbox every morning before breakfast.",
            "Subscribers agree to the Privacy Policy",
            "A Message from the Valley Post:",
            "Dear readers,",
            "Independent local reporting has never been harder to fund, and the paper has lost most of its advertising this year alone.",
            "If you can, please give a little every month; it takes a minute and keeps our reporters in the valley.",
            "Once",
            "Monthly",
            "Annual",
            "Continue",
            "Remind me later.",
        ]);
        let found = strip_boilerplate(units(&doc));
        assert_eq!(found.title, "When the River Rose");
        assert_eq!(found.paragraphs.first().map(String::as_str), Some(BODY[0]));
        assert_eq!(found.paragraphs.last().map(String::as_str), Some("Jonah Pell is a contributing editor of the Valley Post."));
        assert_eq!(found.paragraphs.len(), 5);
    }

    #[test]
    fn menus_before_and_footer_after_are_dropped_and_the_browser_title_wins() {
        let mut doc = vec![
            "When the River Rose | Valley Post",
            "Home",
            "News",
            "Sport",
            "Subscribe",
            "Sign in",
            "When the River Rose",
            "By Ada Finch",
            "Share",
            "Tweet",
        ];
        doc.extend(BODY);
        doc.extend(["Most popular", "Ten walks for autumn", "The best bakeries in town", "© 2020 Valley Post. All rights reserved."]);
        let found = strip_boilerplate(units(&doc));
        assert_eq!(found.title, "When the River Rose");
        assert_eq!(found.byline.as_deref(), Some("Ada Finch"));
        assert_eq!(found.paragraphs, BODY.map(String::from).to_vec());
    }

    #[test]
    fn a_short_opening_sentence_is_kept() {
        let found = strip_boilerplate(units(&[
            "The ferry to the island ran twice a day in summer.",
            "In winter the ferry ran only on Saturdays, and the islanders stocked up on candles and tea before the storms.",
        ]));
        assert_eq!(found.paragraphs.len(), 2, "{:?}", found.paragraphs);
        assert!(found.paragraphs[0].starts_with("The ferry to the island"));
    }

    #[test]
    fn short_lines_inside_the_article_stay() {
        let doc = [BODY[0], BODY[1], "The aftermath", BODY[2], "“Never again,” she said.", BODY[3]];
        let found = strip_boilerplate(units(&doc));
        assert_eq!(found.paragraphs.len(), 6);
    }

    #[test]
    fn a_short_text_keeps_its_prose_after_a_call_to_action() {
        let doc = vec![
            "Notes on the Canal",
            "The lock keeper opened the upper gates at dawn and the barges moved in one by one.",
            "Subscribe to our newsletter for more stories like this one.",
            "By noon the last barge had cleared the lower gate and the water settled again.",
        ];
        let found = strip_boilerplate(units(&doc));
        assert_eq!(found.title, "Notes on the Canal");
        assert_eq!(found.paragraphs.len(), 2, "{:?}", found.paragraphs);
        assert!(found.paragraphs[0].starts_with("The lock keeper"));
        assert!(found.paragraphs[1].starts_with("By noon"));
    }

    #[test]
    fn a_bio_line_after_letters_that_lengthen_when_lower_cased_is_read_safely() {
        // "Ⱥ" is two bytes and lower-cases to three: positions in the
        // lower-cased text were used to slice the original and panicked.
        assert!(is_bio("ȺȺȺȺȺ Bo is éé writer."));
        assert!(is_bio("Ⱥnna Ⱥrden is a writer and historian based in Oslo."));
        assert!(is_bio("Mara Lind IS a Journalist who covers the coast."));
    }

    /// The definition the matcher replaces: each phrase searched for in turn.
    fn calls_to_action_one_by_one(text: &str) -> usize {
        let lower = text.to_lowercase();
        CALL_TO_ACTION.iter().filter(|p| lower.contains(*p)).count()
    }

    #[test]
    fn phrases_are_counted_once_whatever_their_case_or_overlaps() {
        let cases = [
            ("The tide came in before noon.", 0),
            ("SUBSCRIBE now", 1),
            ("Subscribe, subscribe, subscribe!", 1),
            // "unsubscribe" holds "subscribe"; "subscriber" too.
            ("Unsubscribe from this list", 2),
            ("Every Subscriber gets a tote bag", 2),
            ("Log in or LOGIN or Sign In", 3),
            ("Read More about cookies in our Privacy Policy", 3),
            ("© 2031 The Harbour Gazette. All Rights Reserved.", 2),
            // Lower-cased, the Kelvin sign is a plain "k".
            ("Accept the coo\u{212a}ie jar", 1),
            ("Déjà vu: sign up for the Café newsletter", 2),
            ("", 0),
        ];
        for (text, expected) in cases {
            assert_eq!(calls_to_action(text), expected, "{text:?}");
            assert_eq!(calls_to_action(text), calls_to_action_one_by_one(text), "{text:?}");
        }
    }

    #[test]
    fn every_phrase_is_found_alone_and_all_together() {
        for phrase in CALL_TO_ACTION {
            // Some phrases hold others ("advertisement", "unsubscribe").
            let text = format!("Before {} after", phrase.to_uppercase());
            assert!(calls_to_action(&text) >= 1, "{phrase}");
            assert_eq!(calls_to_action(&text), calls_to_action_one_by_one(&text), "{phrase}");
        }
        assert_eq!(calls_to_action(&CALL_TO_ACTION.join(" ")), calls_to_action_one_by_one(&CALL_TO_ACTION.join(" ")));
    }

    proptest::proptest! {
        #[test]
        fn the_matcher_counts_as_searching_one_by_one(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "sub", "SCRIBE", "scribe", "r", "un", " ", "Log", "in", "box", "mail", "©", "\u{212a}", "coo", "ie", "é", "İ",
            "sign", " up", "Read", " more", "ad", "vertise", "ment", "dear", " reader", ".",
        ]), 0..12)) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(calls_to_action(&text), calls_to_action_one_by_one(&text));
        }
    }

    #[test]
    fn a_list_without_prose_is_kept_whole() {
        let found = strip_boilerplate(units(&["Shopping", "eggs", "flour", "milk"]));
        assert_eq!(found.title, "Shopping");
        assert_eq!(found.paragraphs, vec!["eggs", "flour", "milk"]);
    }
}
