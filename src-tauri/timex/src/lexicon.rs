//! Words the tagger knows: month and weekday names, number words, units,
//! seasons and the cues it reads tense from.

/// The months' full names, January first: the one list every rule that
/// names months reads (the timeline's filters included).
pub const MONTH_NAMES: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// The short forms a month is written in, with the month's number ("may"
/// is its own full name).
const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The weekdays' full names, Monday first (ISO order).
pub const WEEKDAY_NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The short forms a weekday is written in, with its ISO number.
const WEEKDAY_ABBREVIATIONS: [(&str, u32); 7] = [("mon", 1), ("tues", 2), ("wed", 3), ("thurs", 4), ("fri", 5), ("sat", 6), ("sun", 7)];

/// A month's number from its full name or a short form (lowercased).
pub fn month(w: &str) -> Option<u32> {
    month_name(w).or_else(|| month_abbreviation(w))
}

/// A month's number from its full name only ("march", not "mar").
pub fn month_name(w: &str) -> Option<u32> {
    MONTH_NAMES.iter().position(|m| *m == w).map(|k| k as u32 + 1)
}

/// A month's number from a short form only ("sept", "dec"; never "may").
pub fn month_abbreviation(w: &str) -> Option<u32> {
    MONTH_ABBREVIATIONS.iter().find(|(a, _)| *a == w).map(|(_, n)| *n)
}

/// Full month names that are also ordinary words: only taken as months when
/// capitalised and in a date-like context.
pub fn month_is_ambiguous(w: &str) -> bool {
    matches!(w, "may" | "march" | "mar" | "jan" | "dec" | "jun" | "aug" | "sep")
}

/// ISO weekday number, Monday = 1, from a full name or a short form.
pub fn weekday(w: &str) -> Option<u32> {
    weekday_name(w).or_else(|| WEEKDAY_ABBREVIATIONS.iter().find(|(a, _)| *a == w).map(|(_, n)| *n))
}

/// ISO weekday number from a full name only ("sunday", not "sun": the short
/// forms are ordinary words too).
pub fn weekday_name(w: &str) -> Option<u32> {
    WEEKDAY_NAMES.iter().position(|d| *d == w).map(|k| k as u32 + 1)
}

pub fn weekday_plural(w: &str) -> Option<u32> {
    w.strip_suffix('s').and_then(|s| if s.len() > 5 { weekday(s) } else { None })
}

/// Cardinal number words up to the hundreds ("twenty four" is handled by the caller).
pub fn cardinal(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" | "an" | "single" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// A word that names a time by itself: a month, a weekday, a unit of time
/// or a part of the day.
pub fn time_word(w: &str) -> bool {
    month(w).is_some() || weekday(w).is_some() || Unit::parse(w).is_some() || day_part(w).is_some()
}

/// Words that open a noun phrase as "the" does ("the past years", "its
/// past years").
pub fn determiner(w: &str) -> bool {
    matches!(w, "the" | "its" | "their" | "his" | "her" | "our" | "your" | "my" | "these" | "those")
}

/// Vague quantities: the number is unknown (`X` in TIMEX3).
pub fn vague_quantity(w: &str) -> bool {
    matches!(w, "several" | "few" | "some" | "many" | "numerous" | "various" | "multiple")
}

pub fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "sixth" | "6th" => 6,
        "seventh" | "7th" => 7,
        "eighth" | "8th" => 8,
        "ninth" | "9th" => 9,
        "tenth" | "10th" => 10,
        "eleventh" | "11th" => 11,
        "twelfth" | "12th" => 12,
        "thirteenth" | "13th" => 13,
        "fourteenth" | "14th" => 14,
        "fifteenth" | "15th" => 15,
        "sixteenth" | "16th" => 16,
        "seventeenth" | "17th" => 17,
        "eighteenth" | "18th" => 18,
        "nineteenth" | "19th" => 19,
        "twentieth" | "20th" => 20,
        "twenty-first" | "21st" => 21,
        _ => return None,
    })
}

/// Day of month written as an ordinal with digits ("11th", "2nd").
pub fn day_ordinal(w: &str) -> Option<u32> {
    let digits = w.strip_suffix("st").or_else(|| w.strip_suffix("nd")).or_else(|| w.strip_suffix("rd")).or_else(|| w.strip_suffix("th"))?;
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Calendar units, as the TIMEX3 letter and whether it is a time (PT...) unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub fn parse(w: &str) -> Option<Unit> {
        Some(match w {
            "second" | "seconds" | "sec" | "secs" => Unit::Second,
            "minute" | "minutes" | "min" | "mins" => Unit::Minute,
            "hour" | "hours" | "hr" | "hrs" => Unit::Hour,
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            "quarter" | "quarters" => Unit::Quarter,
            "year" | "years" => Unit::Year,
            "decade" | "decades" => Unit::Decade,
            "century" | "centuries" => Unit::Century,
            _ => return None,
        })
    }

    pub fn is_plural(w: &str) -> bool {
        w.ends_with('s') || w == "centuries"
    }

    /// The TIMEX3 duration of `n` units (`None` = unknown number). A half
    /// is written in the next smaller unit: "2 1/2 years" is `P2Y6M`.
    pub fn duration(self, n: Option<f64>) -> String {
        if let Some(v) = n.filter(|v| v.fract() == 0.5) {
            let whole = v.trunc() as i64;
            let half = match self {
                Unit::Year => Some(format!("P{whole}Y6M")),
                Unit::Day => Some(format!("P{whole}DT12H")),
                Unit::Hour => Some(format!("PT{whole}H30M")),
                Unit::Minute => Some(format!("PT{whole}M30S")),
                _ => None,
            };
            if let Some(h) = half {
                return h.replace("P0Y", "P").replace("P0DT", "PT").replace("PT0H", "PT").replace("PT0M", "PT");
            }
        }
        let num = |k: f64| match n {
            Some(v) => {
                let x = v * k;
                if x.fract() == 0.0 {
                    format!("{}", x as i64)
                } else {
                    format!("{x}")
                }
            }
            None => "X".to_string(),
        };
        match self {
            Unit::Second => format!("PT{}S", num(1.0)),
            Unit::Minute => format!("PT{}M", num(1.0)),
            Unit::Hour => format!("PT{}H", num(1.0)),
            Unit::Day => format!("P{}D", num(1.0)),
            Unit::Week => format!("P{}W", num(1.0)),
            Unit::Month => format!("P{}M", num(1.0)),
            Unit::Quarter => format!("P{}Q", num(1.0)),
            Unit::Year => format!("P{}Y", num(1.0)),
            Unit::Decade => {
                if n.is_some() {
                    format!("P{}Y", num(10.0))
                } else {
                    "PXDE".into()
                }
            }
            Unit::Century => {
                if n.is_some() {
                    format!("P{}Y", num(100.0))
                } else {
                    "PXCE".into()
                }
            }
        }
    }
}

/// Season codes of TIMEX3 and the month each one starts in (northern hemisphere).
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

pub fn season_start_month(code: &str) -> u32 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// Parts of a day: TIMEX3 code.
pub fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" | "overnight" => "TNI",
        _ => return None,
    })
}

/// Function words that may follow a time expression in a sentence.
pub fn follows_a_time(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "after"
            | "before"
            | "until"
            | "till"
            | "through"
            | "during"
            | "since"
            | "into"
            | "over"
            | "when"
            | "while"
            | "as"
            | "if"
            | "because"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "than"
            | "then"
            | "so"
            | "that"
            | "which"
            | "who"
            | "where"
            | "although"
            | "though"
            | "unless"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "all"
            | "both"
            | "each"
            | "every"
            | "no"
            | "many"
            | "most"
            | "several"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "also"
            | "again"
            | "already"
            | "alone"
            | "ago"
            | "only"
            | "just"
            | "even"
            | "still"
            | "too"
            | "ahead"
            | "began"
            | "saw"
            | "brought"
            | "begins"
            | "brings"
            | "sees"
            | "comes"
            | "came"
            | "ends"
    )
}

/// Verbs whose past form is irregular, enough to read the tense of news prose.
pub fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "had" | "did" | "said" | "met" | "got" | "took" | "made" | "went" | "came" | "saw"
            | "told" | "gave" | "began" | "became" | "fell" | "rose" | "led" | "left" | "held" | "sold"
            | "paid" | "won" | "lost" | "found" | "thought" | "brought" | "bought" | "struck" | "fled"
            | "shot" | "sent" | "spent" | "built" | "felt" | "kept" | "knew" | "grew" | "threw" | "wrote"
            | "spoke" | "broke" | "chose" | "drove" | "flew" | "ran" | "sat" | "stood" | "understood"
            | "meant" | "ate" | "fought" | "taught" | "caught" | "sought" | "swore" | "wore" | "hung"
            | "stole" | "slept" | "dealt" | "heard" | "froze" | "forgot" | "arose" | "overtook" | "undertook"
            | "withdrew" | "forbade" | "beat" | "bore" | "sank" | "sang" | "rang" | "drew" | "hid" | "bit"
            | "set" | "ago" | "yesterday" | "earlier" | "previously"
            // Regular pasts too short for the "-ed" test ("need", "shed" are not pasts).
            | "died" | "sued" | "tied" | "lied" | "owed" | "used" | "eyed" | "dyed"
    )
}

pub fn future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "shall"
            | "tomorrow"
            | "upcoming"
            | "planned"
            | "planning"
            | "preparing"
            | "scheduled"
            | "expected"
            | "expects"
            | "plans"
            | "due"
            | "intends"
            | "aims"
    )
}

/// Verbs in the present that schedule an event: "the strike begins in January".
pub fn scheduled_present(w: &str) -> bool {
    matches!(
        w,
        "begins"
            | "starts"
            | "opens"
            | "reopens"
            | "resumes"
            | "expires"
            | "convenes"
            | "departs"
            | "takes"
            | "kicks"
            | "goes"
            | "closes"
            | "ends"
            | "concludes"
    )
}

/// Verbs whose "to"-infinitive happened when they did ("managed to
/// escape", "began to fall"), unlike a plan or a decision ("agreed to buy").
pub fn implicative(w: &str) -> bool {
    matches!(
        w,
        "managed"
            | "tried"
            | "failed"
            | "began"
            | "started"
            | "continued"
            | "ceased"
            | "used"
            | "happened"
            | "seemed"
            | "appeared"
            | "came"
            | "went"
            | "got"
            | "helped"
            | "attempted"
            | "struggled"
            | "rushed"
            | "hurried"
            | "refused"
            | "declined"
            | "forgot"
            | "neglected"
            | "dared"
            | "proved"
            | "turned"
    )
}

/// Verbs that move a deadline later: "postponed until Tuesday" is ahead.
pub fn postponement(w: &str) -> bool {
    matches!(
        w,
        "postponed"
            | "postpone"
            | "postpones"
            | "delayed"
            | "delay"
            | "delays"
            | "extended"
            | "extend"
            | "extends"
            | "deferred"
            | "defer"
            | "adjourned"
            | "adjourn"
    )
}

/// Words ending in -ed that are not past tenses.
pub fn false_past(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "red"
            | "bed"
            | "speed"
            | "seed"
            | "feed"
            | "hundred"
            | "indeed"
            | "shed"
            | "united"
            | "limited"
            | "based"
            | "related"
            | "proposed"
            | "so-called"
            | "armed"
            | "detailed"
            | "advanced"
            | "concerned"
    )
}

/// Verbs of saying: in news they date the report, not what is reported.
pub fn reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "announced"
            | "announces"
            | "reported"
            | "reports"
            | "stated"
            | "noted"
            | "explained"
            | "according"
            | "confirmed"
            | "disclosed"
            | "declared"
            | "insisted"
    )
}

/// Nouns for a class of people or things, or an age, that make "today's"
/// mean the present age ("today's youth", "today's computers").
pub fn generic_class(w: &str) -> bool {
    matches!(
        w,
        "world"
            | "youth"
            | "society"
            | "generation"
            | "generations"
            | "children"
            | "kids"
            | "young"
            | "teenagers"
            | "teens"
            | "students"
            | "parents"
            | "families"
            | "women"
            | "men"
            | "people"
            | "economy"
            | "culture"
            | "technology"
            | "computers"
            | "cars"
            | "standards"
            | "politics"
            | "media"
            | "consumers"
            | "workers"
            | "america"
            | "americans"
            | "europe"
            | "china"
            | "russia"
            | "youngsters"
    )
}

/// Makes of car a model year names ("a 1987 Chevrolet"); not those that are
/// also common names of other things (Jaguar, Lincoln, Mercury).
pub fn car_make(w: &str) -> bool {
    matches!(
        w,
        "chevrolet"
            | "chevy"
            | "ford"
            | "toyota"
            | "honda"
            | "nissan"
            | "dodge"
            | "buick"
            | "cadillac"
            | "pontiac"
            | "oldsmobile"
            | "chrysler"
            | "plymouth"
            | "jeep"
            | "volkswagen"
            | "vw"
            | "bmw"
            | "mercedes"
            | "mercedes-benz"
            | "audi"
            | "volvo"
            | "mazda"
            | "subaru"
            | "hyundai"
            | "kia"
            | "lexus"
            | "acura"
            | "infiniti"
            | "mitsubishi"
            | "porsche"
            | "ferrari"
            | "tesla"
            | "saab"
            | "gmc"
    )
}

/// A hasher for short words (FNV-1a): the anchor set is probed once per
/// token, where the standard SipHash cost more than the lookup itself.
#[derive(Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type WordSet = std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<WordHasher>>;

/// Every word that anchors an expression: the names of months, weekdays,
/// units, seasons and parts of the day with their abbreviations and plurals,
/// ordinals, and the words that name or point at a time by themselves. The
/// test `every_time_word_of_the_lexicon_anchors` checks the list against the
/// lexicon's own words.
const ANCHOR_WORDS: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sept",
    "sep",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "monday",
    "mon",
    "tuesday",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
    "second",
    "seconds",
    "sec",
    "secs",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "mornings",
    "afternoons",
    "evenings",
    "nights",
    "first",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
    "now",
    "currently",
    "nowadays",
    "recently",
    "lately",
    "present",
    "past",
    "future",
    "current",
    "recent",
    "term",
    "moment",
    "date",
    "then",
    "last",
    "weekend",
    "fiscal",
    "noon",
    "midnight",
    "midday",
    "daily",
    "nightly",
    "weekly",
    "monthly",
    "yearly",
    "annually",
    "hourly",
    "biweekly",
    "while",
    "time",
    "period",
    "stretch",
    "spell",
    "half",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "christmas",
    "thanksgiving",
    "easter",
    "halloween",
    "new",
    "independence",
    "valentine",
    "veterans",
    "labor",
    "memorial",
    "election",
    // Years in words: "nineteen ninety-four", "two thousand".
    "thousand",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

fn anchor_words() -> &'static WordSet {
    static SET: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| ANCHOR_WORDS.iter().copied().collect())
}

/// A token every expression holds at least one of: a number, or a word that
/// names a time or points at one. The scanner tries its patterns only within
/// a few tokens before such a token, which spares most of a text; the tests
/// tag every sentence with and without this gate (`tests::values`).
pub fn anchors_an_expression(t: &crate::tokens::Tok) -> bool {
    use crate::tokens::TokKind;
    match t.kind {
        TokKind::Num => return true,
        TokKind::Punct => return false,
        TokKind::Word => {}
    }
    let w = t.lower.strip_suffix("'s").unwrap_or(t.lower);
    // "Q3", "H1", "FY2022": parts and years written short.
    let b = w.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'q' | b'h' | b'f') && b.iter().any(u8::is_ascii_digit) {
        return true;
    }
    // No time word is longer ("independence"), and only one is shorter
    // than three letters: most words are ruled out by their length alone.
    if w.len() < 3 || w.len() > 12 {
        return w == "hr";
    }
    anchor_words().contains(w)
}

/// The kinds of token a pattern's match can start on, as bits: each pattern
/// lists its own (`scan::Pattern`), and the scanner tries only the patterns
/// that can start on the token at hand.
pub mod starts {
    use crate::tokens::{Tok, TokKind};

    /// A number.
    pub const NUM: u16 = 1;
    /// A word that anchors an expression (`anchors_an_expression`).
    pub const TIME: u16 = 2;
    pub const THE: u16 = 4;
    /// A function word that opens an expression: "this", "last", "every", "about"...
    pub const FUNC: u16 = 8;
    /// A number word or a vague quantity ("a", "two", "several").
    pub const QTY: u16 = 16;
    /// A capitalised word (holidays, "FY 2022").
    pub const CAP: u16 = 32;
    /// A hyphen or an apostrophe ("-year", "'90s").
    pub const MARK: u16 = 64;
    pub const ANY: u16 = u16::MAX;

    /// The kinds of token `t` is; `anchor` is whether it anchors an expression.
    pub fn of(t: &Tok, anchor: bool) -> u16 {
        let w = t.lower;
        let mut k = 0;
        match t.kind {
            TokKind::Num => return NUM,
            TokKind::Punct => return if matches!(t.text, "-" | "‑" | "–" | "'" | "’") { MARK } else { 0 },
            TokKind::Word => {}
        }
        if anchor {
            k |= TIME;
        }
        if w == "the" {
            k |= THE;
        }
        if super::cardinal(w).is_some() || super::vague_quantity(w) {
            k |= QTY;
        }
        if t.is_capitalized() {
            k |= CAP;
        }
        if matches!(
            w,
            "this"
                | "that"
                | "last"
                | "next"
                | "past"
                | "coming"
                | "current"
                | "previous"
                | "prior"
                | "preceding"
                | "following"
                | "latest"
                | "same"
                | "its"
                | "their"
                | "his"
                | "her"
                | "these"
                | "early"
                | "late"
                | "earlier"
                | "later"
                | "final"
                | "initial"
                | "mid"
                | "comparable"
                | "corresponding"
                | "right"
                | "then"
                | "recent"
                | "fiscal"
                | "every"
                | "each"
                | "per"
                | "once"
                | "twice"
                | "about"
                | "nearly"
                | "almost"
                | "roughly"
                | "more"
                | "less"
                | "over"
                | "just"
                | "only"
                | "for"
                | "at"
                | "in"
                | "some"
                | "first"
        ) {
            k |= FUNC;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_time_word_of_the_lexicon_anchors() {
        // Every quoted word of this file that the lexicon reads as a month,
        // a weekday, a unit, a season, a part of the day or an ordinal.
        let source = include_str!("lexicon.rs");
        let words =
            source.split('"').skip(1).step_by(2).filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        let mut checked = 0;
        for w in words {
            let known = month(w).is_some()
                || weekday(w).is_some()
                || weekday_plural(w).is_some()
                || Unit::parse(w).is_some()
                || season(w).is_some()
                || day_part(w).is_some()
                || w.strip_suffix('s').and_then(day_part).is_some()
                || ordinal(w).is_some();
            if known {
                checked += 1;
                assert!(anchor_words().contains(w), "{w} is a time word but does not anchor an expression");
            }
        }
        assert!(checked > 100, "only {checked} words checked");
    }
}
