//! The words around a date that make a warning legitimate or not: the
//! preposition that introduces it, the noun a bare year modifies, and the
//! words of its clause.

use super::super::label::sentence_bounds;

/// A word of the text, lowercased, with its code point span.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub capitalized: bool,
}

/// The words of `chars[s..e]` (letters, digits and inner apostrophes or hyphens).
pub fn words(chars: &[char], s: usize, e: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut k = s;
    while k < e {
        if chars[k].is_alphanumeric() {
            let start = k;
            while k < e
                && (chars[k].is_alphanumeric() || (matches!(chars[k], '\'' | '’' | '-') && k + 1 < e && chars[k + 1].is_alphanumeric()))
            {
                k += 1;
            }
            let w: String = chars[start..k].iter().collect();
            out.push(Word { start, end: k, capitalized: w.chars().next().is_some_and(char::is_uppercase), lower: w.to_lowercase() });
        } else {
            k += 1;
        }
    }
    out
}

/// The date at `[start, end)` in its sentence.
pub struct Around {
    /// The sentence's words before the date, nearest last.
    pub before: Vec<Word>,
    /// The sentence's words after the date.
    pub after: Vec<Word>,
    /// How many of `before` (the last ones) and of `after` (the first ones)
    /// are in the date's own clause: up to a comma, a semicolon, a colon, a
    /// dash, a bracket or a quotation mark.
    clause_before: usize,
    clause_after: usize,
    /// The characters between the date and the next word (",", " ", "–").
    pub gap_after: String,
}

fn breaks_clause(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”' | '«' | '»')
}

impl Around {
    pub fn new(chars: &[char], start: usize, end: usize) -> Self {
        let (s, e) = sentence_bounds(chars, start.min(chars.len()), end.min(chars.len()));
        let before = words(chars, s, start);
        let after = words(chars, end, e);
        let gap_end = after.first().map_or(e, |w| w.start);
        let clause_start = (s..start).rev().find(|&k| breaks_clause(chars[k])).map_or(s, |k| k + 1);
        let clause_end = (end..e).find(|&k| breaks_clause(chars[k])).unwrap_or(e);
        let clause_before = before.iter().filter(|w| w.start >= clause_start).count();
        let clause_after = after.iter().filter(|w| w.end <= clause_end).count();
        Around { before, after, clause_before, clause_after, gap_after: chars[end..gap_end].iter().collect() }
    }

    /// The date's own clause looks ahead: a plan, an aim, a forecast, a
    /// term, a delay in it, or a modal or condition before the date.
    pub fn clause_looks_ahead(&self) -> bool {
        let before = &self.before[self.before.len() - self.clause_before..];
        let after = &self.after[..self.clause_after];
        before.iter().any(|w| looks_ahead(&w.lower) || modal_or_condition(&w.lower)) || after.iter().any(|w| looks_ahead(&w.lower))
    }

    /// The word right before the date, skipping modifiers of the date itself
    /// ("by the end of 2030", "until early 2024").
    pub fn lead(&self) -> Option<&str> {
        let skip = [
            "the",
            "end",
            "of",
            "early",
            "late",
            "mid",
            "middle",
            "beginning",
            "start",
            "half",
            "first",
            "second",
            "spring",
            "summer",
            "fall",
            "autumn",
            "winter",
            "at",
            "least",
        ];
        self.before.iter().rev().map(|w| w.lower.as_str()).find(|w| !skip.contains(w))
    }

    /// The word right before the date, as written.
    pub fn previous(&self) -> Option<&str> {
        self.before.last().map(|w| w.lower.as_str())
    }

    /// The date runs straight into a word: "the 2020 Sentra", "its 2025
    /// bonds", "2030 target". A year used this way names a thing (a model, a
    /// bond, a season, a goal), not when something happened.
    pub fn modifies_a_noun(&self) -> bool {
        let Some(next) = self.after.first() else { return false };
        if !self.gap_after.chars().all(|c| c == ' ' || c == '\u{a0}') || next.lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        let determiner = self.previous().is_some_and(|w| {
            matches!(
                w,
                "a" | "an"
                    | "the"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
                    | "that"
                    | "whose"
                    | "next"
                    | "upcoming"
            ) || w.ends_with("'s")
                || w.ends_with("’s")
        });
        determiner && !NOT_NOUNS.contains(&next.lower.as_str())
    }
}

/// Words that follow a year without it modifying them.
const NOT_NOUNS: &[&str] = &[
    "and", "or", "to", "in", "on", "at", "by", "for", "from", "of", "with", "when", "while", "after", "before", "as", "is", "was", "were",
    "are", "has", "had", "have", "will", "would", "the", "a", "an", "that", "which", "who", "he", "she", "it", "they", "we", "i", "you",
    "there", "but", "until", "through", "since", "then",
];

/// Words of a clause that make a date after publication legitimate even
/// when the clause is told in the past: plans, aims, forecasts, schedules,
/// terms that run out (a maturity, a lease), delays.
fn looks_ahead(w: &str) -> bool {
    const STEMS: &[&str] = &[
        "plan",
        "goal",
        "target",
        "aim",
        "forecast",
        "predict",
        "projected",
        "projection",
        "expect",
        "estimat",
        "anticipat",
        "schedul",
        "slated",
        "deadline",
        "pledg",
        "promis",
        "vow",
        "commit",
        "intend",
        "intent",
        "hope",
        "propos",
        "budget",
        "matur",
        "expir",
        "bond",
        "lease",
        "contract",
        "outlook",
        "horizon",
        "vision",
        "roadmap",
        "strateg",
        "agenda",
        "postpon",
        "delay",
        "resched",
        "extend",
        "extension",
        "model",
        "season",
        "edition",
        "futur",
        "ambition",
        "objective",
        "pathway",
        "scenario",
        "aspir",
        "envisag",
        "foresee",
        "seek",
        "sought",
        "want",
        "wish",
        "upcoming",
    ];
    matches!(w, "due" | "next" | "coming") || STEMS.iter().any(|s| w.starts_with(s))
}

/// A modal or a condition: what follows it in the clause is not told as done.
pub fn modal_or_condition(w: &str) -> bool {
    matches!(w, "would" | "could" | "might" | "may" | "should" | "must" | "shall" | "will" | "if" | "unless" | "whether")
}

/// A preposition before a date that makes it a deadline or a horizon
/// ("by 2030", "until April 2024", "through 2023", "beyond 2050"), not the
/// time something was done.
pub fn deadline(lead: &str) -> bool {
    matches!(lead, "by" | "until" | "till" | "through" | "thru" | "beyond" | "toward" | "towards" | "into" | "before" | "to")
}

/// Words for what a period brought, which "for" dates as done ("profit
/// growth for 2015", "the results for 2019"), not as a purpose.
pub fn results_word(w: &str) -> bool {
    const STEMS: &[&str] =
        &["profit", "growth", "result", "revenue", "earning", "sale", "loss", "income", "figure", "turnover", "dividend", "return"];
    STEMS.iter().any(|s| w.starts_with(s))
}

/// Words that make a far year legitimate history: where it is a start, an
/// end or a comparison rather than a point of the story ("since 1840",
/// "the warmest since 1880", "as early as 1920", "founded in 1930").
pub fn opens_a_span(lead: &str) -> bool {
    matches!(
        lead,
        "since"
            | "until"
            | "till"
            | "from"
            | "between"
            | "through"
            | "by"
            | "before"
            | "after"
            | "to"
            | "than"
            | "ago"
            | "circa"
            | "c"
            | "around"
            | "about"
    )
}
