//! Anchoring highlights to an article's plain text with W3C Web Annotation
//! selectors, and finding them again after the text changes.
//!
//! A highlight is stored as both a TextPositionSelector (start/end in Unicode
//! code points of the text) and a TextQuoteSelector (the exact text plus up to
//! 32 code points of context either side). Re-anchoring tries, in order:
//! 1. the stored position, if the text there is still the quote;
//! 2. an exact search for the quote, preferring the occurrence whose context
//!    agrees and which lies nearest the old position;
//! 3. an approximate search (bit-parallel edit distance) scored on quote,
//!    prefix, suffix and distance from the old position;
//!
//! and otherwise reports the highlight as an orphan, which the caller keeps.

mod fuzzy;
mod myers;

use serde::{Deserialize, Serialize};

use crate::error::{Candidate, Error, Result, MAX_CANDIDATES};

/// Code points of context kept either side of the quote.
pub const CONTEXT_LEN: usize = 32;

/// W3C TextQuoteSelector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// W3C TextPositionSelector, in code points of the article text; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPosition {
    pub start: u32,
    pub end: u32,
}

/// Both selectors of one highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub position: TextPosition,
    pub quote: TextQuote,
}

/// How a highlight was found in the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AnchorMethod {
    /// The text at the stored position is still the quote.
    Position,
    /// The exact quote was found elsewhere.
    Quote,
    /// An approximate match of the quote was found.
    Fuzzy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchored {
    pub position: TextPosition,
    pub method: AnchorMethod,
}

/// An article text split into code points once, for anchoring many highlights.
pub struct Text<'a> {
    text: &'a str,
    chars: Vec<char>,
    /// Byte offset of each code point, and of the end: maps string search
    /// results back to code points without recounting.
    bytes: Vec<u32>,
}

/// Both selectors for `start..end` of `text`, read in one pass that stops at
/// the end of the suffix. For a single highlight: [`Text`] builds two tables
/// of the whole text (8 MB for a 1 MB article) to answer many questions.
pub fn describe_span(text: &str, start: u32, end: u32) -> Result<Selector> {
    let (s, e) = (start as usize, end as usize);
    let wanted = [s.saturating_sub(CONTEXT_LEN), s, e, e.saturating_add(CONTEXT_LEN)];
    let mut bytes = [None::<usize>; 4];
    let mut seen = 0usize;
    for (i, (b, _)) in text.char_indices().enumerate() {
        for (slot, &w) in bytes.iter_mut().zip(&wanted) {
            if w == i {
                *slot = Some(b);
            }
        }
        seen = i + 1;
        if i >= wanted[3] {
            break;
        }
    }
    let complete = seen <= wanted[3];
    if s >= e || (complete && e > seen) {
        let len = if complete { seen } else { text.chars().count() };
        check_span(start, end, len)?;
    }
    // Positions at or past the end of the text.
    let [b0, b1, b2, b3] = bytes.map(|b| b.unwrap_or(text.len()));
    selector(start, end, text[b1..b2].to_owned(), text[b0..b1].to_owned(), text[b2..b3].to_owned())
}

fn check_span(start: u32, end: u32, len: usize) -> Result<()> {
    if start >= end || end as usize > len {
        return Err(Error::Invalid(format!("the selection {start}..{end} is not a non-empty span of the article's {len} characters")));
    }
    Ok(())
}

fn selector(start: u32, end: u32, exact: String, prefix: String, suffix: String) -> Result<Selector> {
    if exact.trim().is_empty() {
        return Err(Error::Invalid("the selection holds only blank space".into()));
    }
    Ok(Selector { position: TextPosition { start, end }, quote: TextQuote { exact, prefix, suffix } })
}

/// Code points either side of the old position searched first for the quote.
const NEAR: usize = 4096;

impl<'a> Text<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        Text { text, chars: text.chars().collect(), bytes }
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// Builds both selectors for `start..end`, refusing an empty or out-of-range span.
    pub fn describe(&self, start: u32, end: u32) -> Result<Selector> {
        let (s, e) = (start as usize, end as usize);
        check_span(start, end, self.len())?;
        selector(
            start,
            end,
            self.slice(s, e),
            self.slice(s.saturating_sub(CONTEXT_LEN), s),
            self.slice(e, (e + CONTEXT_LEN).min(self.len())),
        )
    }

    /// Code-point start offsets of every occurrence of `needle`, in text order
    /// (overlapping occurrences included).
    pub fn occurrences(&self, needle: &str) -> Vec<usize> {
        self.occurrences_between(needle, 0, self.len())
    }

    /// Occurrences of `needle` lying wholly inside code points `from..to`.
    fn occurrences_between(&self, needle: &str, from: usize, to: usize) -> Vec<usize> {
        let mut found = Vec::new();
        if needle.is_empty() || from >= to {
            return found;
        }
        let (lo, hi) = (self.bytes[from] as usize, self.bytes[to] as usize);
        let haystack = &self.text[lo..hi];
        let mut at = 0usize;
        while let Some(rel) = haystack[at..].find(needle) {
            let byte = (lo + at + rel) as u32;
            // Matches start on character boundaries, so the search is exact.
            if let Ok(index) = self.bytes.binary_search(&byte) {
                found.push(index);
            }
            // Step one character forward so overlapping occurrences are found too.
            at += rel + haystack[at + rel..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }

    /// Where the `occurrence`-th (1-based) copy of `quote` lies. Without an
    /// occurrence the quote must be unique. Errors say how many copies exist.
    pub fn locate_quote(&self, quote: &str, occurrence: Option<u32>) -> Result<TextPosition> {
        if quote.trim().is_empty() {
            return Err(Error::Invalid("the quote is empty".into()));
        }
        let found = self.occurrences(quote);
        let len = quote.chars().count();
        let pick = match (found.len(), occurrence) {
            (0, _) => return Err(Error::Invalid(format!("the quote {quote:?} does not occur in the article"))),
            (_, Some(0)) => return Err(Error::Invalid("occurrences are counted from 1".into())),
            (n, Some(k)) if k as usize > n => {
                return Err(Error::Invalid(format!(
                    "the quote {quote:?} occurs {n} time{} in the article; occurrence {k} does not exist",
                    if n == 1 { "" } else { "s" }
                )))
            }
            (_, Some(k)) => found[k as usize - 1],
            (1, None) => found[0],
            (n, None) => {
                return Err(Error::Ambiguous {
                    what: "quote",
                    given: quote.to_owned(),
                    candidates: found.iter().take(MAX_CANDIDATES).enumerate().map(|(i, &at)| self.occurrence(i + 1, at, len)).collect(),
                    reason: format!("the quote {quote:?} occurs {n} times in the article; choose an occurrence from 1 to {n}"),
                })
            }
        };
        Ok(TextPosition { start: pick as u32, end: (pick + len) as u32 })
    }

    /// The `number`-th occurrence of a quote at `at`, labelled with the words
    /// around it so a person can tell the copies apart.
    fn occurrence(&self, number: usize, at: usize, len: usize) -> Candidate {
        const AROUND: usize = 30;
        let flat = |from: usize, to: usize| self.slice(from, to).split_whitespace().collect::<Vec<_>>().join(" ");
        let end = at + len;
        let (from, to) = (at.saturating_sub(AROUND), (end + AROUND).min(self.len()));
        let label = format!(
            "{}{} [{}] {}{}",
            if from > 0 { "…" } else { "" },
            flat(from, at),
            flat(at, end),
            flat(end, to),
            if to < self.len() { "…" } else { "" }
        );
        Candidate { id: number.to_string(), label: label.trim().to_owned() }
    }

    /// Finds `selector` in this text, or `None` when it is orphaned.
    pub fn anchor(&self, selector: &Selector) -> Option<Anchored> {
        self.anchor_near(selector, selector.position.start as usize)
    }

    /// Anchors many selectors on this text, in their order. Edits move runs of
    /// text together, so highlights are visited in their old text order and
    /// each is first looked for where the previous one's move would put it.
    pub fn anchor_all(&self, selectors: &[Selector]) -> Vec<Option<Anchored>> {
        let mut order: Vec<usize> = (0..selectors.len()).collect();
        order.sort_by_key(|&i| selectors[i].position.start);
        let mut results = vec![None; selectors.len()];
        let mut shift = 0i64;
        for i in order {
            let old = selectors[i].position.start as i64;
            let expected = (old + shift).clamp(0, self.len() as i64) as usize;
            results[i] = self.anchor_near(&selectors[i], expected);
            if let Some(a) = results[i] {
                shift = a.position.start as i64 - old;
            }
        }
        results
    }

    /// Like `anchor`, with `expected` the likeliest new start of the passage.
    pub fn anchor_near(&self, selector: &Selector, expected: usize) -> Option<Anchored> {
        let quote: Vec<char> = selector.quote.exact.chars().collect();
        if quote.is_empty() {
            return None;
        }
        let (s, e) = (selector.position.start as usize, selector.position.end as usize);
        if s < e && e <= self.len() && self.chars[s..e] == quote[..] {
            return Some(Anchored { position: selector.position, method: AnchorMethod::Position });
        }
        let at_expected = expected + quote.len() <= self.len() && self.chars[expected..expected + quote.len()] == quote[..];
        let found = if at_expected { Some(expected) } else { self.exact_with_context(selector, quote.len(), expected) };
        if let Some(start) = found {
            let position = TextPosition { start: start as u32, end: (start + quote.len()) as u32 };
            return Some(Anchored { position, method: AnchorMethod::Quote });
        }
        let (start, end) = fuzzy::find(self, selector, &quote, expected)?;
        // A context-poor exact copy can still win the approximate search.
        let method = if self.chars[start..end] == quote[..] { AnchorMethod::Quote } else { AnchorMethod::Fuzzy };
        Some(Anchored { position: TextPosition { start: start as u32, end: end as u32 }, method })
    }

    /// The exact occurrence whose surroundings agree best with the stored
    /// context (ties: nearest the old position). An occurrence whose context
    /// agrees on less than half its length is left to the approximate search, where it competes
    /// with edited copies of the passage that still sit in the right context.
    fn exact_with_context(&self, selector: &Selector, len: usize, hint: usize) -> Option<usize> {
        let prefix: Vec<char> = selector.quote.prefix.chars().collect();
        let suffix: Vec<char> = selector.quote.suffix.chars().collect();
        let available = prefix.len() + suffix.len();
        let agreement = |start: usize| common_suffix(&prefix, &self.chars[..start]) + common_prefix(&suffix, &self.chars[start + len..]);
        let nearest = |found: Vec<usize>, enough: usize| {
            found
                .into_iter()
                .map(|start| (start, agreement(start)))
                .filter(|&(_, agree)| agree >= enough)
                .max_by_key(|&(start, agree)| (agree, std::cmp::Reverse(start.abs_diff(hint))))
                .map(|(start, _)| start)
        };
        // Usually the passage is near where it was with its context intact.
        let window = (hint.saturating_sub(NEAR), (hint + len + NEAR).min(self.len()));
        nearest(self.occurrences_between(&selector.quote.exact, window.0, window.1), available)
            .or_else(|| nearest(self.occurrences(&selector.quote.exact), available.div_ceil(2)))
    }
}

/// How many characters at the end of `a` equal those at the end of `b`.
fn common_suffix(a: &[char], b: &[char]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// How many characters at the start of `a` equal those at the start of `b`.
fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
