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

use super::clutter::{text_reason, Shape};
use super::clutter_words::{lexicon, Kind, Lexicon};
use crate::model::RemovalReason as Reason;

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
    /// A date printed near the title ("Updated: 3 May 2021").
    pub published: Option<crate::PartialDate>,
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

/// Below this many words, prose after the densest run is kept.
const SHORT_TEXT_WORDS: usize = 150;

pub fn strip_boilerplate(units: Vec<Unit>) -> Found {
    let units = join_fragments(units.into_iter().filter(|u| !u.text.is_empty()).collect());
    if units.is_empty() {
        return Found::default();
    }
    let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
    let scores: Vec<f64> = features.iter().map(Features::score).collect();
    let Some(best) = densest_segment(&scores) else {
        // Text with no prose at all (a list, a poem) is kept whole rather than lost.
        return keep_whole(units);
    };
    // The story under the headline the page's title repeats, unless the
    // text's prose is elsewhere.
    let headline = headline_line(&units, &features, &scores);
    let after_headline = headline.and_then(|h| {
        let (a, b) = densest_segment(&scores[h + 1..])?;
        let (a, b) = (a + h + 1, b + h + 1);
        let sum = |(a, b): (usize, usize)| scores[a..=b].iter().sum::<f64>();
        (sum((a, b)) >= 40.0_f64.min(sum(best)) || sum((a, b)) >= 0.3 * sum(best)).then_some((a, b))
    });
    let (mut start, mut end) = after_headline.unwrap_or(best);
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
    let (title_at, title) = match headline.filter(|_| after_headline.is_some()) {
        Some(h) => (Some(h), units[h].text.clone()),
        None => find_title(&units, &features, start),
    };
    // "By Jane Roe" above the article, else the bio line closing it.
    let byline = (title_at.map_or(0, |t| t + 1)..start)
        .find(|&i| is_byline(&units[i].text))
        .map(|i| units[i].text.trim_start_matches("By ").trim_start_matches("by ").to_owned())
        .or_else(|| (start..=end).rev().take(3).find(|&i| features[i].bio).and_then(|i| super::bio::bio_name(&units[i].text)));
    if features[start..=end].iter().all(Features::is_furniture) {
        return keep_whole(units);
    }
    // A dateline between the title and the article's first lines.
    let from = title_at.map_or(start.saturating_sub(4), |t| t + 1).min(start);
    let published =
        (from..=(start + 1).min(end)).filter(|&i| features[i].words <= 15).find_map(|i| super::dateline::find_date(&units[i].text));
    // Moved out rather than copied: a book is megabytes of paragraphs.
    let paragraphs =
        units.into_iter().zip(features).take(end + 1).skip(start).filter(|(_, f)| !f.is_furniture()).map(|(u, _)| u.text).collect();
    Found { title, byline, published, paragraphs }
}

/// A sentence copied from a page with inline formulas comes out one symbol a
/// line ("When", "a", "≠", "0", ", there are two solutions to", ...): runs of
/// such fragments are joined back into the sentence they came from.
fn join_fragments(units: Vec<Unit>) -> Vec<Unit> {
    let tiny = |u: &Unit| u.text.chars().count() <= 3;
    // A fragment, or text that goes on a sentence (lower case, punctuation,
    // the TeX source some pages copy along with a formula).
    let continues =
        |u: &Unit| tiny(u) || u.text.starts_with(|c: char| c.is_lowercase() || matches!(c, ',' | ';' | ':' | '.' | ')' | '{' | '\\'));
    if !units.windows(4).any(|w| w.iter().filter(|u| tiny(u)).count() >= 3) {
        return units;
    }
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let mut j = i + 1;
        while j < units.len() && continues(&units[j]) {
            j += 1;
        }
        let run = &units[i + 1..j];
        if run.len() >= 4 && run.iter().filter(|u| tiny(u)).count() * 2 >= run.len() {
            let text = units[i..j].iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join(" ");
            out.push(Unit { text, blank_after: true });
            i = j;
        } else {
            out.push(units[i].clone());
            i += 1;
        }
    }
    out
}

/// Everything kept; a short first line is the title.
fn keep_whole(units: Vec<Unit>) -> Found {
    let mut paragraphs: Vec<String> = units.into_iter().map(|u| u.text).collect();
    let title = match paragraphs.first() {
        Some(first) if paragraphs.len() > 1 && first.chars().count() <= 120 && !first.ends_with('.') => paragraphs.remove(0),
        Some(first) => super::blocks::first_words(first),
        None => String::new(),
    };
    Found { title, byline: None, published: None, paragraphs }
}

#[derive(Debug, Clone)]
struct Features {
    /// Words, counting CJK text (written without spaces) two characters a word.
    words: usize,
    sentence_end: bool,
    calls_to_action: usize,
    label: bool,
    /// A credit, dateline or widget label from the word lists.
    light: bool,
    bio: bool,
    /// A teaser for another story: a summary ending in "More…" / "Read more".
    teaser: bool,
    /// A list item ("* ...", "+ ...", "1. ...") of a few words.
    list_item: bool,
    /// A line that closes an article ("13 Comments", "Leave a reply").
    end_marker: bool,
}

impl Features {
    fn of(text: &str) -> Features {
        let words = effective_words(text);
        let lex = lexicon();
        // The word lists of every language: furniture a long paragraph never is.
        let shape = (words <= 80).then(|| Shape::from_text(text.to_owned(), 0.0));
        let furniture = match (lex, &shape) {
            (Some(lex), Some(shape)) => text_reason(lex, shape),
            _ => None,
        };
        // Prompts, notices and teasers weigh like calls to action; credits,
        // datelines and labels are dropped but do not split an article.
        let strong = matches!(furniture, Some(Reason::Prompt | Reason::Notice | Reason::Related));
        let light = furniture.is_some() && !strong;
        let calls_to_action = calls_to_action(text).max(usize::from(strong));
        let lower = shape.as_ref().map(|s| s.lower()).unwrap_or("");
        let label = words <= 3 && LABELS.contains(&text.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric()));
        let sentence_end =
            text.trim_end().ends_with(['.', '!', '?', '"', '”', '’', ')', '…', ':', '。', '！', '？', '」', '』', '）', '》']);
        let bio = words <= 40 && sentence_end && super::bio::bio_name(text).is_some();
        let teaser = words >= 5 && lex.is_some_and(|l| ends_with_read_more(l, lower));
        let list_item = words >= 3 && is_list_item(text);
        let end_marker = words <= 6 && lex.is_some_and(|l| is_end_marker(l, lower));
        Features { words, sentence_end, calls_to_action, label, light, bio, teaser, list_item, end_marker }
    }

    /// Positive for prose, negative for furniture.
    fn score(&self) -> f64 {
        let w = self.words as f64;
        let cta = self.calls_to_action as f64;
        if self.label {
            return -6.0;
        }
        if self.teaser {
            return -3.0 - 0.5 * w;
        }
        if self.light {
            return -2.0;
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
        if self.list_item {
            // Items of a list inside the article: they must not split it.
            return 0.2 * w;
        }
        if self.sentence_end {
            -1.0
        } else {
            -3.0
        }
    }

    /// A complete sentence of a few words with nothing of a call to action.
    fn is_short_prose(&self) -> bool {
        self.sentence_end && self.words >= 5 && self.calls_to_action == 0 && !self.label && !self.light && !self.bio && !self.teaser
    }

    /// Furniture dropped even inside the article: labels, teasers and short calls to action.
    fn is_furniture(&self) -> bool {
        self.label || self.light || self.teaser || (self.calls_to_action > 0 && self.words <= 15)
    }
}

/// Words, with CJK text (no spaces between words) counted two characters a word.
fn effective_words(text: &str) -> usize {
    let spaced = crate::words::count(text);
    if text.is_ascii() {
        return spaced;
    }
    let cjk = text.chars().filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)).count();
    spaced + cjk / 2
}

/// "… the storm season begins. Read more" / "… in Villa Park. Mehr…": a summary
/// whose last words are a read-more label.
fn ends_with_read_more(lex: &Lexicon, lower: &str) -> bool {
    let core = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    let closer = &lower[core.len()..];
    let words: Vec<&str> = core.split_whitespace().collect();
    (1..=3.min(words.len().saturating_sub(1))).any(|k| {
        let tail = words[words.len() - k..].join(" ");
        let before = words[words.len() - k - 1];
        let marked = closer.contains(['…', '»', '›', '>']) || closer.contains("...") || before.ends_with(['.', '!', '?', '|', '…']);
        marked && (lex.is_whole(&tail, Kind::LeadIn) || (k == 1 && lex.is_whole(&tail, Kind::Label)))
    })
}

fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with(['*', '+', '-', '•', '–', '·', '▪']) {
        return t.chars().nth(1).is_some_and(char::is_whitespace);
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits) && t[digits..].starts_with(['.', ')']) && t[digits + 1..].starts_with(' ')
}

/// "13 Comments", "Leave a reply", "Posted in News": a short line opening with
/// an end phrase, digits aside. (Not "Related": pages set related boxes inside
/// their articles too.)
fn is_end_marker(lex: &Lexicon, lower: &str) -> bool {
    let without_digits: String = lower.chars().filter(|c| !c.is_ascii_digit()).collect();
    lex.opening(&crate::words::collapse(&without_digits), Kind::End).is_some()
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
    // "13 Comments", "Related": what follows is not the article.
    let mut before = 0usize;
    for i in start..=end {
        if i > start && features[i].end_marker && (before >= 150 || before * 10 >= total * 3) {
            return last_kept(features, start, i - 1);
        }
        before += features[i].words;
    }
    // Counted in prose: teaser headlines after the box are not the article.
    let prose = |f: &Features| if f.score() > 0.0 { f.words } else { 0 };
    let total: usize = features[start..=end].iter().map(prose).sum();
    let mut before = 0usize;
    for i in start..=end {
        let f = &features[i];
        if i > start && f.calls_to_action > 0 && f.words < 40 && !units[i].text.is_empty() {
            let after: usize = features[i..=end].iter().map(prose).sum();
            if before * 2 > total && after * 10 < total * 3 {
                return last_kept(features, start, i - 1);
            }
        }
        before += prose(f);
    }
    end
}

fn last_kept(features: &[Features], start: usize, mut i: usize) -> usize {
    while i > start && features[i].is_furniture() {
        i -= 1;
    }
    i
}

/// A heading-like line that the text's first line (a copied page's browser
/// title) repeats: the headline, above the story. Of several (a teaser for
/// the story, the story itself), the one followed most closely by prose.
fn headline_line(units: &[Unit], features: &[Features], scores: &[f64]) -> Option<usize> {
    let first = units.first()?.text.to_lowercase();
    let at: Vec<usize> = (1..units.len())
        .filter(|&i| {
            let (t, f) = (&units[i].text, &features[i]);
            f.words >= 2
                && f.words <= 30
                && t.chars().count() >= 12
                && !t.ends_with('.')
                && f.calls_to_action == 0
                && first.contains(&t.to_lowercase())
        })
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for (k, &h) in at.iter().enumerate() {
        let until = at.get(k + 1).copied().unwrap_or(units.len());
        let near: f64 = scores[h + 1..until.min(h + 26)].iter().map(|s| s.max(0.0)).sum();
        if near >= 40.0 && best.is_none_or(|(b, _)| near > b) {
            best = Some((near, h));
        }
    }
    best.map(|(_, h)| h)
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
            && !f.light
            && !t.ends_with('.')
            && !is_byline(t)
            && t.chars().any(char::is_alphabetic)
    };
    // The headline, as the browser title on the first line repeats it.
    let first_line = units[0].text.to_lowercase();
    let repeated = (1..start)
        .rev()
        .find(|&i| heading_like(i) && units[i].text.split_whitespace().count() >= 2 && first_line.contains(&units[i].text.to_lowercase()));
    if let Some(i) = repeated {
        return (Some(i), units[i].text.clone());
    }
    // A browser title with the site's name: cleaned as a page's <title> is.
    if start > 0 && heading_like(0) && has_title_separator(&units[0].text) {
        return (Some(0), document_title(&units[0].text));
    }
    // Else the nearest heading-like line above the article that is more than a label.
    let window: Vec<usize> = (start.saturating_sub(40)..start).rev().filter(|&i| heading_like(i)).take(6).collect();
    if let Some(&i) = window.iter().find(|&&i| features[i].words >= 3).or(window.first()) {
        return (Some(i), units[i].text.clone());
    }
    (None, super::blocks::first_words(&units[start].text))
}

/// " | ", " - ", " – ", " — ", " :: " between a headline and a site's name.
fn has_title_separator(line: &str) -> bool {
    [" | ", " - ", " – ", " — ", " :: ", " » ", " · "].iter().any(|sep| line.contains(sep))
}

/// A browser title without the site's name, by the rules used for a web page's `<title>`.
fn document_title(line: &str) -> String {
    let mut escaped = String::new();
    super::blocks::escape_html(line, &mut escaped);
    match dom_smoothie::Readability::new(format!("<html><head><title>{escaped}</title></head><body></body></html>"), None, None) {
        Ok(r) => crate::words::collapse(&r.get_article_title()),
        Err(_) => line.to_owned(),
    }
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
        let is_bio = |t: &str| crate::import::bio::bio_name(t).is_some();
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
    fn the_story_under_the_repeated_headline_wins_over_teasers_and_comments() {
        let mut doc = vec![
            "Harbour lights return to the old pier | Valley Post",
            "Home",
            "News",
            "Ferry timetable changes for the winter season",
            "The ferry company has published its winter timetable, with fewer crossings on weekdays and none on Sundays. Mehr…",
            "Harbour lights return to the old pier",
            "By Ada Finch",
        ];
        doc.extend(BODY);
        doc.extend([
            "Ada Finch is a reporter for the Valley Post.",
            "There are 3 comments",
            "Tom Reed",
            "March 10, 2021 at 9:14 AM",
            "I grew up by that pier and remember the lamps being switched off in the eighties; it is wonderful to see them lit again.",
            "Reply",
        ]);
        let found = strip_boilerplate(units(&doc));
        assert_eq!(found.title, "Harbour lights return to the old pier");
        assert_eq!(found.byline.as_deref(), Some("Ada Finch"));
        assert_eq!(found.paragraphs.first().map(String::as_str), Some(BODY[0]));
        assert_eq!(found.paragraphs.last().map(String::as_str), Some("Ada Finch is a reporter for the Valley Post."));
    }

    #[test]
    fn a_bio_line_names_the_author_and_browser_titles_lose_the_site_name() {
        let mut doc = vec!["When the River Rose Again | The Valley Post and Gazette Online", "Menu"];
        doc.extend(BODY);
        doc.push("Jonah Pell is a contributing editor of the Valley Post.");
        let found = strip_boilerplate(units(&doc));
        assert_eq!(found.byline.as_deref(), Some("Jonah Pell"));
        assert_eq!(found.title, "When the River Rose Again");
    }

    #[test]
    fn teasers_ending_in_read_more_and_cjk_prose_are_told_apart() {
        let lex = lexicon().unwrap();
        assert!(ends_with_read_more(lex, "the council will vote on the new harbour budget next week. read more"));
        assert!(ends_with_read_more(lex, "der stadtrat stimmt nächste woche über den haushalt ab. mehr…"));
        assert!(!ends_with_read_more(lex, "they wanted fish, bread and more."));
        // Chinese is written without spaces: its words are counted by characters.
        let cjk = Features::of("港口的灯塔在黄昏时亮起，渔船依靠它找到回家的航道，老人们说这盏灯已经照亮了一百多年。");
        assert!(cjk.words >= 12 && cjk.score() > 0.0, "{cjk:?}");
    }

    #[test]
    fn sentences_broken_at_every_symbol_are_joined() {
        let doc = ["When", "n", ">", "1", ", the series", "x", "+", "y", "converges", "and the sum is", "s", "."];
        let joined = join_fragments(units(&doc));
        assert_eq!(joined.len(), 1, "{joined:?}");
        assert_eq!(joined[0].text, "When n > 1 , the series x + y converges and the sum is s .");
        // A list of short words is not a broken sentence.
        let list = units(&["Shopping", "eggs", "flour", "milk", "bread"]);
        assert_eq!(join_fragments(list.clone()), list);
    }

    #[test]
    fn a_list_without_prose_is_kept_whole() {
        let found = strip_boilerplate(units(&["Shopping", "eggs", "flour", "milk"]));
        assert_eq!(found.title, "Shopping");
        assert_eq!(found.paragraphs, vec!["eggs", "flour", "milk"]);
    }
}
