//! A rule-based temporal tagger: finds dates, times, durations and sets in
//! English prose and normalizes them to TIMEX3 values.
//!
//! Text is tokenized once; at each token the pattern modules propose a match
//! and the longest wins. Deictic expressions resolve against the published
//! date, anaphoric ones against the narrative's last date, bare months and
//! weekdays by the tense of their clause.
//!
//! Text and a reference date (the day the text was published) in,
//! expressions out; [`TimexValue`] says what a value means:
//!
//! ```
//! use chrono::NaiveDate;
//! use sidenote_timex::{tag, TimexKind, TimexValue};
//!
//! let text = "The bridge opened in June 2001. Two years later it closed, and it reopened last Friday.";
//! let published = NaiveDate::from_ymd_opt(2011, 9, 14);
//! let found: Vec<(&str, TimexKind, String)> =
//!     tag(text, published).into_iter().map(|t| (&text[t.start..t.end], t.kind, t.value)).collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("June 2001", TimexKind::Date, "2001-06".to_string()),
//!         ("Two years later", TimexKind::Date, "2003".to_string()),
//!         ("last Friday", TimexKind::Date, "2011-09-09".to_string()),
//!     ]
//! );
//!
//! let friday = TimexValue::parse("2011-09-09");
//! assert_eq!(friday.label(), "9 September 2011");
//! assert!(TimexValue::parse("2001-06").sort_key() < friday.sort_key());
//! assert_eq!(TimexValue::parse("-0498").label(), "499 BC");
//! ```
//!
//! (`start` and `end` count Unicode code points; the example's text is ASCII,
//! so they index its bytes too.)

mod backrefs;
mod calendar;
mod clock;
mod durations;
mod eras;
mod holidays;
pub mod lexicon;
pub mod named;
mod named_hits;
mod narrative;
mod not_dates;
mod ordinal_day;
pub mod partial_date;
mod parts;
mod periods;
mod ranges;
pub mod reference;
mod relative;
mod scan;
mod seasons;
mod tokens;
mod vague;
pub mod value;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use partial_date::{BadDate, PartialDate};
pub use reference::{Gran, Reference, Tense};
use scan::{Ctx, Cur, Hit, Pattern};
pub use value::{year_label, DateParts, Precision, SortKey, Span, TimexSummary, TimexValue};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Hash)]
#[ts(export)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "DATE" => TimexKind::Date,
            "TIME" => TimexKind::Time,
            "DURATION" => TimexKind::Duration,
            "SET" => TimexKind::Set,
            _ => return None,
        })
    }
}

/// One temporal expression: `[start, end)` in Unicode code points of the text.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TimexKind,
    /// TIMEX3 value: `2001-09-11`, `2001-06`, `199`, `2001-Q3`, `P10Y`, `PRESENT_REF`...
    pub value: String,
    /// The other end of a range ("from 2003 to 2006": `2006` on the `2003` expression).
    pub value_end: Option<String>,
    /// This expression is the far end of the range the previous one opened.
    pub range_end: bool,
    /// A named event whose name is no temporal expression ("World War II",
    /// "the fall of the Berlin Wall"): TIMEX3 does not mark it, but its date
    /// places it on the timeline. `sidenote dates` leaves it out.
    #[serde(skip)]
    #[ts(skip)]
    pub event_name: bool,
}

/// Tags `text`, resolving relative expressions against `reference` (the
/// published date) when given.
pub fn tag(text: &str, reference: Option<NaiveDate>) -> Vec<Timex> {
    tag_with(text, reference.map(Reference::day))
}

/// Reads the tense of the clause around spans of one text, with the same
/// cues the tagger resolves bare months and weekdays by.
pub struct TenseReader<'a> {
    toks: Vec<tokens::Tok<'a>>,
    /// Tokens whose lower-case form is in `arena` (their `lower` is empty here).
    pending: Vec<tokens::Pending>,
    arena: String,
}

impl<'a> TenseReader<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut arena = String::new();
        let (toks, pending) = tokens::scan(text, &mut arena);
        TenseReader { toks, pending, arena }
    }

    /// The tense around `[start, end)`, in Unicode code points of the text.
    pub fn tense(&self, start: usize, end: usize) -> Tense {
        self.tense_with_cue(start, end).0
    }

    /// The tense around `[start, end)` and the word that set it ("invaded",
    /// "will", "said"), as the evidence for a chronology warning.
    pub fn tense_with_cue(&self, start: usize, end: usize) -> (Tense, Option<TenseCue>) {
        let a = self.toks.partition_point(|t| t.end <= start);
        let b = self.toks.partition_point(|t| t.start < end).max(a + 1);
        if a >= self.toks.len() {
            return (Tense::Unknown, None);
        }
        // The reader looks at most `reference::TENSE_REACH` tokens either
        // side: a window that wide, with the lower-case forms filled in, reads
        // the same tense as the whole text.
        let lo = a.saturating_sub(reference::TENSE_REACH);
        let hi = (b.min(self.toks.len()) + reference::TENSE_REACH).min(self.toks.len());
        let mut window: Vec<tokens::Tok> = self.toks[lo..hi].to_vec();
        let first = self.pending.partition_point(|p| p.tok < lo);
        for p in self.pending[first..].iter().take_while(|p| p.tok < hi) {
            window[p.tok - lo].lower = &self.arena[p.start..p.end];
        }
        let (tense, cue) = reference::tense_and_cue(&window, a - lo, b.min(self.toks.len()) - lo);
        let cue = cue.and_then(|k| window.get(k)).map(|t| TenseCue {
            start: t.start,
            end: t.end,
            word: t.text.to_owned(),
            reporting: lexicon::reporting_verb(t.lower),
        });
        (tense, cue)
    }
}

/// The word a clause's tense was read from, in code points of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenseCue {
    pub start: usize,
    pub end: usize,
    pub word: String,
    /// A verb of saying ("said", "announced"): it dates the telling.
    pub reporting: bool,
}

/// The named events' own pattern: it starts on the event's first word.
const NAMED: &[Pattern] = &[(named_hits::named_event, 0, lexicon::starts::ANY), (holidays::holiday, 1, lexicon::starts::CAP)];

/// Every pattern, by module (a flat loop over these is much cheaper than
/// a chain of iterators, which each step walks through).
const GROUPS: [&[Pattern]; 12] = [
    calendar::PATTERNS,
    eras::PATTERNS,
    ranges::PATTERNS,
    narrative::PATTERNS,
    periods::PATTERNS,
    relative::PATTERNS,
    durations::PATTERNS,
    vague::PATTERNS,
    clock::PATTERNS,
    ordinal_day::PATTERNS,
    backrefs::PATTERNS,
    NAMED,
];

fn patterns() -> impl Iterator<Item = &'static Pattern> {
    GROUPS.iter().flat_map(|g| g.iter())
}

/// A date that leaves the quarter a results story is about in view:
/// the closing day of that quarter ("the quarter ended Sept. 30"), an
/// earlier quarter for contrast ("after a flat second quarter, sales rose"),
/// or the same quarter a year back, compared with ("the 1988 period").
fn keeps_quarter_in_view(ctx: &Ctx, s: usize, h: &Hit) -> bool {
    let (Some(q), Some(a)) = (ctx.quarter_in_view(), h.anchor) else { return false };
    let before = |words: &[&str], n: usize| ctx.toks[s.saturating_sub(n)..s].iter().any(|t| words.contains(&t.lower));
    let year_back = ctx.reported_quarter_in_view().and_then(|r| r.shift(-1, Gran::Year)).is_some_and(|b| b == a);
    before(&["ended", "ending"], 1)
        || (a.gran == Gran::Quarter && a.date < q.date && (year_back || before(&["after", "following", "since"], 3)))
}

/// Modifiers that belong to a date's span but not to its value: "early",
/// "the end of", "mid-".
fn modifier_len(toks: &[tokens::Tok], i: usize) -> usize {
    let mut c = Cur::new(toks, i);
    let _ = c.eat_seq(&["the", "end", "of"])
        || c.eat_seq(&["the", "rest", "of"])
        || c.eat_seq(&["ca", "."])
        || c.eat_seq(&["c", "."])
        || c.eat("circa")
        || c.eat_seq(&["the", "beginning", "of"])
        || c.eat_seq(&["the", "start", "of"])
        || c.eat_seq(&["the", "middle", "of"])
        || c.eat_seq(&["end", "of"])
        || c.eat_seq(&["the", "early"])
        || c.eat_seq(&["the", "late"])
        || c.eat_seq(&["the", "mid"])
        || c.eat_any(&["early", "late", "mid", "end"]).is_some();
    if c.j > i {
        c.eat_hyphen();
        c.eat("in");
    }
    c.j - i
}

/// The longest match of any pattern at token `i`.
fn best_hit(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for (p, ..) in patterns() {
        if let Some(h) = p(ctx, i) {
            if h.end > i && best.as_ref().is_none_or(|b| h.end > b.end) {
                best = Some(h);
            }
        }
    }
    best
}

/// The longest match at token `i` of the patterns that can start on a
/// token of its `kinds` (`lexicon::starts`) and whose lead reaches the
/// first anchoring token, `ahead` tokens on.
fn best_hit_within(ctx: &Ctx, i: usize, ahead: usize, kinds: u16) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for group in GROUPS {
        for (p, lead, starts) in group {
            if ahead > *lead || kinds & starts == 0 {
                continue;
            }
            if let Some(h) = p(ctx, i) {
                if h.end > i && best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        }
    }
    best
}

/// For each token, how many tokens on the next anchoring token is (a
/// number, a time word: `lexicon::anchors_an_expression`, or the first word
/// of a named event); `usize::MAX` when there is none.
fn anchor_distances(toks: &[tokens::Tok], named: &[named::Found]) -> Vec<(usize, bool)> {
    let mut ahead = vec![(usize::MAX, false); toks.len()];
    let mut next = usize::MAX;
    let mut f = named.len();
    for k in (0..toks.len()).rev() {
        while f > 0 && named[f - 1].start >= k {
            f -= 1;
            next = next.min(named[f].start);
        }
        let anchor = lexicon::anchors_an_expression(&toks[k]);
        if anchor {
            next = k;
        }
        ahead[k] = (next.saturating_sub(k), anchor);
    }
    ahead
}

/// The longest lead of any pattern, and the longest modifier before a date
/// ("the end of", "early in"): beyond both, no expression can start.
const MAX_LEAD: usize = 5;
const MAX_MODIFIER: usize = 5;

pub fn tag_with(text: &str, reference: Option<Reference>) -> Vec<Timex> {
    tag_gated(text, reference, true)
}

fn tag_gated(text: &str, reference: Option<Reference>, gated: bool) -> Vec<Timex> {
    let mut arena = String::new();
    let toks = tokens::tokenize(text, &mut arena);
    let named = named::find_all(&toks);
    // Ungated (tests only), every pattern is tried at every token.
    let ahead = if gated { anchor_distances(&toks, &named) } else { vec![(0, true); toks.len()] };
    let named_days = named::days_mentioned(&named);
    let years = if reference.is_none() { narrative::written_years(&toks) } else { Vec::new() };
    let mut ctx =
        Ctx { toks: &toks, reference, anchor: None, sentence_year: None, reported_quarter: None, months_span: None, named_days, named };
    // (start token, hit)
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if ahead[i].0 > MAX_LEAD + MAX_MODIFIER {
            i += 1;
            continue;
        }
        let m = modifier_len(&toks, i);
        let at = |k: usize| {
            let (distance, anchor) = ahead.get(k).copied().unwrap_or((usize::MAX, false));
            if distance > MAX_LEAD {
                return None;
            }
            let kinds = if gated { ctx.toks.get(k).map_or(0, |t| lexicon::starts::of(t, anchor)) } else { lexicon::starts::ANY };
            if kinds == 0 {
                return None;
            }
            best_hit_within(&ctx, k, distance, kinds)
        };
        let found = if m > 0 {
            at(i + m).filter(|h| h.kind == TimexKind::Date).map(|h| (i, h)).or_else(|| at(i).map(|h| (i, h)))
        } else {
            at(i).map(|h| (i, h))
        };
        match found {
            // "Kopp's 1987 Chevrolet": a model year names a car, not a time.
            Some((s, h)) if model_year(&toks, s, h.end) => i = h.end,
            // "202-628-8500", "1625 K Street", "a 2080 Ti": numbers that are no years.
            Some((s, h)) if not_dates::not_a_date(&toks, s, h.end, ctx.reference.map(|r| r.date.year())) => i = h.end,
            Some((s, h)) => {
                // "the nine months", "the first six months": a reported span ("the past two months" is not).
                let reported_span = toks[s].lower == "the"
                    && toks.get(s + 1).is_some_and(|t| {
                        matches!(t.lower, "first" | "latest") || lexicon::cardinal(t.lower).is_some() || t.kind == tokens::TokKind::Num
                    });
                // Three months are the quarter itself.
                if h.kind == TimexKind::Duration && reported_span && h.value.starts_with('P') && h.value.ends_with('M') && h.value != "P3M"
                {
                    ctx.months_span = Some(toks[s].sentence);
                }
                // Without a published date, a date the narrative only passes
                // by does not move it.
                // Nor does a named event: "the Cold War" in a history of 1812 is a comparison.
                let passing = ctx.reference.is_none()
                    && (h.event_name
                        || narrative::background(&toks, s, h.end)
                        || h.anchor.is_some_and(|a| h.explicit && narrative::excursion(a, ctx.anchor.map(|x| x.0), &years, h.end)));
                if let Some(a) = h.anchor.filter(|_| !h.anaphoric && !passing && !keeps_quarter_in_view(&ctx, s, &h)) {
                    ctx.anchor = Some((a, toks[s].sentence, h.explicit));
                    ctx.months_span = None;
                    if a.gran == Gran::Quarter && ctx.reference.is_some_and(|r| a.date < r.at(Gran::Quarter).date) {
                        ctx.reported_quarter = Some(a);
                    }
                    if h.explicit && a.gran <= Gran::Year {
                        ctx.sentence_year = Some((a.date.year(), toks[s].sentence, s));
                    }
                }
                i = h.end;
                hits.push((s, h));
            }
            None => i += 1,
        }
    }
    hits.retain(|(s, h)| h.explicit || !(is_title(&toks, *s, h.end) || alone_on_line(text, &toks, *s, h.end)));
    let hits = vague_spans_around_events(&toks, hits);
    let mut hits = attach_times(&ctx, hits);
    date_restated_times(&toks, &mut hits);
    // Tokens know their byte offsets too, so cutting out each expression
    // costs its length, not the text before it (a whole book was quadratic).
    let mut out: Vec<Timex> = hits
        .into_iter()
        .map(|(s, h)| {
            let start = toks[s].start;
            let end = toks[h.end - 1].end;
            let text = text[toks[s].byte..toks[h.end - 1].byte_end()].to_string();
            Timex { start, end, text, kind: h.kind, value: h.value, value_end: h.value_end, range_end: false, event_name: h.event_name }
        })
        .collect();
    link_ranges(&toks, &mut out);
    out
}

/// "ABC's \"This Week\"", "60 Minutes", "VOA Today": a common time word
/// capitalised inside a sentence names a programme or a work, not a time.
fn is_title(toks: &[tokens::Tok], s: usize, e: usize) -> bool {
    let common = |w: &str| {
        let w = scan::strip_possessive(w);
        lexicon::Unit::parse(w).is_some()
            || matches!(
                w,
                "today" | "tonight" | "now" | "tomorrow" | "yesterday" | "daily" | "nightly" | "weekly" | "monthly" | "yearly" | "annually"
            )
    };
    let words = || toks[s..e].iter().filter(|t| t.kind == tokens::TokKind::Word);
    let plain = words().all(|t| common(t.lower) || matches!(t.lower, "this" | "last" | "next" | "the" | "a" | "an"));
    let sentence_start = !toks[..s].iter().rev().take_while(|p| p.sentence == toks[s].sentence).any(|p| p.kind == tokens::TokKind::Word);
    plain && !sentence_start && words().any(|t| common(t.lower) && t.is_capitalized())
}

/// A bare year between a determiner or a possessive and a make of car
/// ("a 2004 Toyota", "his 1965 Ford Mustang"); "in 1987 Ford cut prices"
/// and "the 1990 Ford earnings" keep their years.
fn model_year(toks: &[tokens::Tok], s: usize, e: usize) -> bool {
    let owner = s.checked_sub(1).map(|p| toks[p].lower).is_some_and(|w| {
        matches!(w, "a" | "the" | "his" | "her" | "their" | "my" | "our" | "your" | "its") || w.ends_with("'s") || w.ends_with("’s")
    });
    let make = owner
        && e == s + 1
        && toks[s].kind == tokens::TokKind::Num
        && toks.get(e).is_some_and(|t| t.is_capitalized() && lexicon::car_make(t.lower));
    // "the 1990 Ford earnings" are the company's: after "the", want a model ("the 1990 Ford Taurus").
    make && (toks[s - 1].lower != "the" || toks.get(e + 1).is_some_and(|t| t.kind == tokens::TokKind::Word && t.is_capitalized()))
}

/// "Monthly" alone on a line is a form's button or a menu item, not prose.
fn alone_on_line(text: &str, toks: &[tokens::Tok], s: usize, e: usize) -> bool {
    let line_break = |t: Option<&tokens::Tok>, a: usize, b: usize| t.is_none() || text.get(a..b).is_some_and(|g| g.contains('\n'));
    let before = s.checked_sub(1).map(|k| &toks[k]);
    let after = toks.get(e);
    line_break(before, before.map_or(0, |t| t.byte_end()), toks[s].byte)
        && line_break(after, toks[e - 1].byte_end(), after.map_or(0, |t| t.byte))
}

/// "the months after 9/11": a vague span next to a dated event is dated at the
/// precision it allows (hours → the day, days and weeks → the month, months → the year).
/// The span never reaches back into the expression before it: in "two days
/// after 9/11" the words belong to the duration, and "9/11" keeps its day.
fn vague_spans_around_events(toks: &[tokens::Tok], hits: Vec<(usize, Hit)>) -> Vec<(usize, Hit)> {
    let mut last_end = 0;
    hits.into_iter()
        .map(|(s, mut h)| {
            let prev_end = std::mem::replace(&mut last_end, h.end);
            let Some(a) = h.anchor.filter(|a| h.explicit && a.gran == Gran::Day) else { return (s, h) };
            if s < prev_end + 2 || !matches!(toks[s - 1].lower, "after" | "before" | "following" | "since") {
                return (s, h);
            }
            let g = match toks[s - 2].lower {
                "hours" => Gran::Day,
                "days" | "weeks" => Gran::Month,
                "months" => Gran::Year,
                _ => return (s, h),
            };
            let mut start = s - 2;
            if start > prev_end && matches!(toks[start - 1].lower, "the" | "initial" | "first" | "few" | "just" | "early") {
                start -= 1;
                if start > prev_end && toks[start - 1].lower == "the" {
                    start -= 1;
                }
            }
            let c = a.coarsen(g);
            h.value = c.value();
            h.anchor = Some(c);
            (start, h)
        })
        .collect()
}

/// Gives a bare time of day ("T15:00") the day next to it, or the narrative's
/// day, or the published day.
fn attach_times(ctx: &Ctx, hits: Vec<(usize, Hit)>) -> Vec<(usize, Hit)> {
    let toks = ctx.toks;
    let is_day = |h: &Hit| h.anchor.is_some_and(|a| a.gran == Gran::Day) && h.kind == TimexKind::Date && !h.value.contains('T');
    let joiners = |a: usize, b: usize| (a..b).all(|k| matches!(toks[k].lower, "on" | "," | "at" | "of"));
    let mut out: Vec<(usize, Hit)> = Vec::with_capacity(hits.len());
    let mut iter = hits.into_iter().peekable();
    while let Some((s, mut h)) = iter.next() {
        if h.value.starts_with('T') {
            // Followed by a day: "10:30 a.m. Friday".
            if let Some((ns, nh)) = iter.peek() {
                // "8 p.m. tonight", "9 a.m. this morning": the part of the day
                // adds nothing to the clock time but its day.
                let part_of_day = nh.kind == TimexKind::Time
                    && nh.anchor.is_some_and(|a| a.gran == Gran::Day)
                    && nh.value.len() == 13
                    && !nh.value[11..].starts_with(|c: char| c.is_ascii_digit());
                if part_of_day && *ns == h.end {
                    let day = nh.value[..10].to_string();
                    let end = nh.end;
                    h.value = format!("{day}{}", h.value);
                    iter.next();
                    h.end = end;
                    out.push((s, h));
                    continue;
                }
                // "10:35 a.m. (0735 GMT) Friday": a bracketed aside in between
                // dates the time by the day, but parts the two expressions.
                let after = aside_end(toks, h.end);
                if is_day(nh) && *ns >= after && *ns - after <= 2 && joiners(after, *ns) {
                    let day = nh.value.clone();
                    let end = nh.end;
                    h.value = format!("{day}{}", h.value);
                    if after == h.end {
                        iter.next();
                        h.end = end;
                    }
                    out.push((s, h));
                    continue;
                }
            }
            // Preceded by a day: "Friday at 3 p.m.".
            if let Some((_, ph)) = out.last_mut() {
                if is_day(ph) && s - ph.end <= 2 && joiners(ph.end, s) {
                    ph.value = format!("{}{}", ph.value, h.value);
                    ph.kind = TimexKind::Time;
                    ph.end = h.end;
                    continue;
                }
            }
            // A day spelled out in this sentence or the one before dates a
            // time told in the past ("The ferry sank on Feb. 3, 2003. At 4
            // p.m. divers arrived."); otherwise the published day.
            let sentence = toks[s].sentence;
            let story_day = out
                .iter()
                .rev()
                .find(|(_, p)| p.anchor.is_some() && !p.anaphoric)
                .filter(|(ps, p)| p.explicit && p.kind == TimexKind::Date && toks[*ps].sentence + 1 >= sentence)
                .and_then(|(_, p)| p.anchor.filter(|a| a.gran == Gran::Day))
                .filter(|_| ctx.tense(s, h.end) == reference::Tense::Past);
            let day = story_day
                .map(|a| a.value())
                .or_else(|| ctx.reference.filter(|r| r.precision == Gran::Day).map(|r| r.at(Gran::Day).value()));
            h.value = format!("{}{}", day.unwrap_or_else(|| "XXXX-XX-XX".into()), h.value);
        }
        out.push((s, h));
    }
    out
}

/// "at 4 in the morning (4 a.m. EDT Thursday)": a time restated in brackets
/// at the same hour, with its day, is on that day.
fn date_restated_times(toks: &[tokens::Tok], hits: &mut [(usize, Hit)]) {
    for k in 1..hits.len() {
        let (before, after) = hits.split_at_mut(k);
        let ((_, h), (s2, h2)) = (&mut before[k - 1], &after[0]);
        if h.kind != TimexKind::Time || h2.kind != TimexKind::Time || toks.get(h.end).is_none_or(|t| t.text != "(") || *s2 != h.end + 1 {
            continue;
        }
        let (Some((_, clock)), Some((day, clock2))) = (h.value.split_once('T'), h2.value.split_once('T')) else { continue };
        if clock == clock2 && !day.is_empty() && toks.get(h2.end).is_some_and(|t| t.text == ")") {
            h.value = h2.value.clone();
        }
    }
}

/// The token after a short bracketed aside starting at `k` ("(0735 GMT)"), or `k`.
fn aside_end(toks: &[tokens::Tok], k: usize) -> usize {
    if toks.get(k).is_some_and(|t| t.text == "(") {
        if let Some(close) = (k + 1..(k + 6).min(toks.len())).find(|&j| toks[j].text == ")") {
            return close + 1;
        }
    }
    k
}

/// "from 2003 to 2006", "between June and August", "1998-2001": the first
/// expression carries the range's end.
fn link_ranges(toks: &[tokens::Tok], out: &mut [Timex]) {
    let tok_at = |offset: usize| toks.partition_point(|t| t.start < offset);
    for k in 1..out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        if a.kind != TimexKind::Date || b.kind != TimexKind::Date || a.value_end.is_some() {
            continue;
        }
        let (ia, ib) = (tok_at(a.start), tok_at(b.start));
        let ia_end = tok_at(a.end);
        if ib < ia_end || ib - ia_end != 1 {
            continue;
        }
        let between = toks[ia_end].lower;
        let before = ia.checked_sub(1).map(|k| toks[k].lower).unwrap_or("");
        let ok = match between {
            "to" | "through" | "until" | "till" => before == "from",
            "and" => before == "between",
            "-" | "–" => true,
            _ => false,
        };
        if ok {
            let end_value = b.value.clone();
            out[k - 1].value_end = Some(end_value);
            out[k].range_end = true;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The values tagged in `text` published on `dct` (YYYY-MM-DD). Every
    /// sentence is tagged twice, with the scanner's gate and with every
    /// pattern tried at every token: the gate must change nothing.
    pub fn values(text: &str, dct: &str) -> Vec<String> {
        let d = NaiveDate::parse_from_str(dct, "%Y-%m-%d").expect("test date");
        let got = tag(text, Some(d));
        assert_eq!(got, tag_gated(text, Some(Reference::day(d)), false), "the scan gate changed the output for {text:?}");
        got.into_iter().map(|t| t.value).collect()
    }

    #[test]
    fn the_tense_reader_reads_what_the_whole_text_reads() {
        let mut text = String::new();
        for k in 0..40 {
            text.push_str(&format!(
                "Officials said the ferry, which had been scheduled to sail on Friday number {k}, will now leave in March. \
                 The Mayor Was Angry and he Will Resign; critics had warned of it in the Spring. "
            ));
        }
        let reader = TenseReader::new(&text);
        let mut arena = String::new();
        let toks = tokens::tokenize(&text, &mut arena);
        for (k, t) in toks.iter().enumerate() {
            assert_eq!(reader.tense(t.start, t.end), reference::tense_around(&toks, k, k + 1), "at {:?} ({k})", t.text);
        }
    }

    /// The scan gate on real text: the shared corpora, when present, tag
    /// the same with and without it.
    #[test]
    fn the_scan_gate_changes_no_output_on_the_corpora() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let Ok(dirs) = std::fs::read_dir(root.join("timebank/TimeBank")) else {
            eprintln!("skipped: ../shared/corpus is absent");
            return;
        };
        let mut files: Vec<std::path::PathBuf> = dirs.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.extend(std::fs::read_dir(root.join("wikiwars")).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())));
        let mut tagged = 0;
        for path in files {
            let raw = std::fs::read_to_string(&path).unwrap_or_default();
            let (Some(a), Some(b)) = (raw.find("<TEXT>"), raw.rfind("</TEXT>")) else { continue };
            let mut text = String::new();
            let mut in_tag = false;
            for c in raw[a + 6..b].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            for reference in [None, Some(Reference::day(NaiveDate::from_ymd_opt(1998, 2, 6).expect("date")))] {
                assert_eq!(tag_with(&text, reference), tag_gated(&text, reference, false), "{}", path.display());
            }
            tagged += 1;
        }
        assert!(tagged > 100, "only {tagged} documents");
    }

    #[test]
    fn spans_are_code_points_of_the_text() {
        let text = "Ça a commencé — in June 2001, then ended.";
        let t = tag(text, None);
        assert_eq!(t.len(), 1);
        let got: String = text.chars().skip(t[0].start).take(t[0].end - t[0].start).collect();
        assert_eq!(got, "June 2001");
        assert_eq!(t[0].text, "June 2001");
        assert_eq!(t[0].kind, TimexKind::Date);
    }

    #[test]
    fn expressions_deep_in_a_long_text_keep_their_own_text() {
        let mut text = "Ça a commencé, déjà. ".repeat(3000);
        text.push_str("The talks resumed in June 2001 and again in 2003.");
        let t = tag(&text, None);
        let texts: Vec<&str> = t.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["June 2001", "2003"]);
        for x in &t {
            let got: String = text.chars().skip(x.start).take(x.end - x.start).collect();
            assert_eq!(got, x.text);
        }
    }

    #[test]
    fn ranges_carry_both_ends() {
        let d = NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = tag("The base operated from 2003 to 2006.", d);
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].value.as_str(), t[0].value_end.as_deref()), ("2003", Some("2006")));
        assert!(t[1].range_end);
        let t = tag("It rained between June and August.", d);
        assert_eq!(t[0].value_end.as_deref(), Some("2011-08"));
    }

    #[test]
    fn modifiers_widen_the_span_not_the_value() {
        let d = NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = tag("Talks resumed in early 2004.", d);
        assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("early 2004", "2004"));
    }

    #[test]
    fn vague_spans_next_to_events() {
        assert_eq!(values("In the months after 9/11, ties improved.", "2011-09-15"), ["2001"]);
    }

    #[test]
    fn a_vague_span_does_not_take_words_from_the_expression_before() {
        // Found by fuzzing: "days" was in both "Two days" and "days after 9/11".
        let t = tag("Two days after 9/11 the office closed.", NaiveDate::from_ymd_opt(2011, 9, 15));
        let spans: Vec<(&str, &str)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str())).collect();
        assert_eq!(spans, [("Two days", "P2D"), ("9/11", "2001-09-11")]);
    }

    #[test]
    fn capitalised_rates_inside_a_sentence_are_names() {
        assert!(values("Testers can download Firefox Nightly from the site.", "2015-06-15").is_empty());
        assert_eq!(values("The site is updated daily.", "2015-06-15"), ["P1D"]);
    }

    #[test]
    fn ages_in_decades_are_not_decades() {
        assert!(values("She moved to Paris in her 30s.", "2011-09-15").is_empty());
        assert!(values("He retired in his mid-60s.", "2011-09-15").is_empty());
        assert_eq!(values("Rents rose in the mid-1990s.", "2011-09-15"), ["199"]);
    }

    #[test]
    fn model_years_name_cars() {
        assert!(values("Police found the suspect's 1994 Honda Civic in a field.", "2011-09-15").is_empty());
        assert!(values("She still drives a 1972 Volvo.", "2011-09-15").is_empty());
        assert_eq!(values("In 1994 Honda opened a plant in Ohio.", "2011-09-15"), ["1994"]);
        assert_eq!(values("Analysts cut the 2012 Ford earnings estimate.", "2011-09-15"), ["2012"]);
    }

    #[test]
    fn a_time_told_in_the_past_after_a_spelled_out_day_is_on_that_day() {
        assert_eq!(values("The ferry sank on Feb. 3, 2003. At 4 p.m. divers arrived.", "2004-03-10"), ["2003-02-03", "2003-02-03T16:00"]);
        // Ahead, or after a day not spelled out, the published day.
        assert_eq!(
            values("The ferry sank on Feb. 3, 2003. Divers will arrive at 4 p.m.", "2004-03-10"),
            ["2003-02-03", "2004-03-10T16:00"]
        );
        assert_eq!(values("The ferry sank on Monday. At 4 p.m. divers arrived.", "2004-03-10"), ["2004-03-08", "2004-03-10T16:00"]);
    }

    #[test]
    fn a_clock_time_before_a_part_of_today_is_one_expression() {
        let t = tag("The ferry leaves at 8 p.m. tonight.", NaiveDate::from_ymd_opt(2004, 10, 20));
        let spans: Vec<(&str, &str)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str())).collect();
        assert_eq!(spans, [("8 p.m. tonight", "2004-10-20T20:00")]);
        assert_eq!(values("The ferry left at 9 a.m. this morning.", "2004-10-20"), ["2004-10-20T09:00"]);
    }

    #[test]
    fn anniversaries_and_counts_are_not_dates() {
        assert!(values("They marked the 10th anniversary with a parade.", "2011-09-15").is_empty());
    }
}
