//! The approximate stage of re-anchoring: candidates from a bit-parallel
//! search for the quote, scored like Hypothesis does on how well the quote,
//! the prefix and the suffix match and how far the candidate lies from where
//! the highlight used to be.

use super::myers::{best_prefix_match, Pattern};
use super::{Selector, Text, CONTEXT_LEN};

// Weights of the parts of a candidate's score.
const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;

/// Candidates kept after pruning; only the fewest-error ones get scored in full.
const KEEP: usize = 48;

/// How far either side of a candidate's end and start other ends and starts
/// are tried (an insertion or deletion at the quote's edge moves them).
const EDGE_REACH: usize = 256;

struct Candidate {
    end: usize,
    errors: usize,
}

struct Patterns {
    quote: Pattern,
    quote_rev: Pattern,
    prefix_rev: Pattern,
    suffix: Pattern,
}

/// Best approximate match of the quote, as a code-point span, if one is good
/// enough to trust (see `acceptable`).
pub fn find(text: &Text<'_>, selector: &Selector, quote: &[char], expected: usize) -> Option<(usize, usize)> {
    let m = quote.len();
    let rev: Vec<char> = quote.iter().rev().copied().collect();
    let prefix_rev: Vec<char> = selector.quote.prefix.chars().rev().collect();
    let suffix: Vec<char> = selector.quote.suffix.chars().collect();
    let patterns = Patterns {
        quote: Pattern::new(quote),
        quote_rev: Pattern::new(&rev),
        prefix_rev: Pattern::new(&prefix_rev),
        suffix: Pattern::new(&suffix),
    };
    let hint = expected.min(text.len());
    let max_errors = m / 2;
    // Edits usually move a passage only a little: look near its old place
    // first, and through the whole text only if nothing good is there.
    let reach = 4 * m + 2000;
    let window = (hint.saturating_sub(reach), (hint + m + reach).min(text.len()));
    let near = best_in(text, &patterns, window, max_errors, hint);
    if near.is_some() || window == (0, text.len()) {
        return near;
    }
    best_in(text, &patterns, (0, text.len()), max_errors, hint)
}

fn best_in(text: &Text<'_>, p: &Patterns, (lo, hi): (usize, usize), max_errors: usize, hint: usize) -> Option<(usize, usize)> {
    let chars = text.chars();
    let m = p.quote.len() as f64;
    // A context counts by its length, as in `evidence` below: near an edge of
    // the text it is short, and a character of it must not outweigh a
    // character of the quote.
    let (prefix_weight, suffix_weight) = (PREFIX_WEIGHT * share(&p.prefix_rev), SUFFIX_WEIGHT * share(&p.suffix));
    // Distance of the best match ending after each character of the window.
    let mut dist: Vec<u32> = Vec::with_capacity(hi - lo);
    p.quote.scan(chars[lo..hi].iter().copied(), false, |_, d| {
        dist.push(d as u32);
        true
    });
    let mut best: Option<(f64, usize, usize)> = None;
    for c in candidates(&dist, max_errors) {
        // The end: near the candidate's, where quote and suffix agree best.
        let reach = (2 * c.errors + 8).min(EDGE_REACH);
        let Some((end, suffix_score, _)) = (c.end.saturating_sub(reach).max(1)..=(c.end + reach).min(dist.len()))
            .filter(|&e| dist[e - 1] as usize <= max_errors)
            .map(|e| {
                let suffix = context_score(&p.suffix, chars[lo + e..].iter().copied());
                let score = QUOTE_WEIGHT * (1.0 - dist[e - 1] as f64 / m) + suffix_weight * suffix;
                (lo + e, suffix, score)
            })
            .reduce(|a, b| if b.2 > a.2 { b } else { a })
        else {
            continue;
        };
        // The start: where quote and prefix agree best, given that end.
        let Some((start, errors, prefix_score, _)) = starts(&p.quote_rev, chars, end, max_errors)
            .into_iter()
            .map(|(start, errors)| {
                let prefix = context_score(&p.prefix_rev, chars[..start].iter().rev().copied());
                let score = QUOTE_WEIGHT * (1.0 - errors as f64 / m) + prefix_weight * prefix;
                (start, errors, prefix, score)
            })
            // Starts come nearest the end first: on a tie, the longer match
            // keeps text inserted at the passage's edge inside the highlight.
            .reduce(|a, b| if b.3 >= a.3 { b } else { a })
        else {
            continue;
        };
        // Context evidence counts by length: a 3-character prefix (a highlight
        // near the start of the text) proves less than a full one.
        // An empty context (the highlight was at an edge of the text) counts
        // only when the candidate is at the same edge.
        let evidence_of = |context: &Pattern, score: f64, at_edge: bool| match context.len() {
            0 if at_edge => CONTEXT_LEN as f64,
            n => score * n as f64,
        };
        let evidence = (evidence_of(&p.prefix_rev, prefix_score, start == 0) + evidence_of(&p.suffix, suffix_score, end == chars.len()))
            / (2 * CONTEXT_LEN) as f64;
        if !acceptable(p.quote.len(), errors, evidence) {
            continue;
        }
        let distance = start.abs_diff(hint) as f64 / chars.len().max(1) as f64;
        let score = QUOTE_WEIGHT * (1.0 - errors as f64 / m)
            + prefix_weight * prefix_score
            + suffix_weight * suffix_score
            + POSITION_WEIGHT * (1.0 - distance);
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, start, end));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// Whether a match is trustworthy, given how much of the stored context agrees
/// (`ctx`, 0 to 1). The more of the quote differs, the more context must
/// agree: an exact copy or a one-in-eight difference needs none; up to a
/// quarter, half the context; up to half, three quarters. A wrongly attached
/// highlight is worse than an orphan, which the reader can re-attach.
fn acceptable(len: usize, errors: usize, ctx: f64) -> bool {
    errors * 8 <= len || (errors * 4 <= len && ctx >= 0.5) || (errors * 2 <= len && ctx >= 0.75)
}

/// Ends (exclusive, relative to the window) where the distance falls to a
/// local minimum of at most `max_errors`, fewest errors first.
fn candidates(dist: &[u32], max_errors: usize) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = Vec::new();
    let mut prev = u32::MAX;
    let mut pending: Option<Candidate> = None;
    for (i, &d) in dist.iter().enumerate() {
        if d < prev && d as usize <= max_errors {
            pending = Some(Candidate { end: i + 1, errors: d as usize });
        } else if d > prev {
            found.extend(pending.take());
            if found.len() > 4 * KEEP {
                found.sort_by_key(|c| c.errors);
                found.truncate(KEEP);
            }
        }
        prev = d;
    }
    found.extend(pending);
    found.sort_by_key(|c| c.errors);
    found.truncate(KEEP);
    found
}

/// Possible starts of a match ending at `end`, with the quote's distance to
/// the text between: the reversed quote scanned leftwards from `end`, anchored
/// there, gives the distance for every length at once. Only lengths within
/// `EDGE_REACH` of the best one and at most `max_errors` are kept.
fn starts(quote_rev: &Pattern, chars: &[char], end: usize, max_errors: usize) -> Vec<(usize, usize)> {
    let m = quote_rev.len();
    let mut by_len: Vec<(usize, usize)> = Vec::new(); // (length, distance)
    quote_rev.scan(chars[..end].iter().rev().copied().take(m + max_errors + 1), true, |i, d| {
        by_len.push((i + 1, d));
        true
    });
    let Some(&(best_len, _)) = by_len.iter().min_by_key(|&&(len, d)| (d, len.abs_diff(m))) else {
        return Vec::new();
    };
    by_len.into_iter().filter(|&(len, d)| d <= max_errors && len.abs_diff(best_len) <= EDGE_REACH).map(|(len, d)| (end - len, d)).collect()
}

/// How much of a full context `context` is (0 to 1).
fn share(context: &Pattern) -> f64 {
    context.len().min(CONTEXT_LEN) as f64 / CONTEXT_LEN as f64
}

/// 1 when the context is found intact next to the candidate, falling towards
/// 0 with each edit. An empty context tells candidates nothing apart: 1.
fn context_score(context: &Pattern, beside: impl Iterator<Item = char>) -> f64 {
    if context.is_empty() {
        return 1.0;
    }
    let d = best_prefix_match(context, beside).map_or(context.len(), |(d, _)| d);
    1.0 - d.min(context.len()) as f64 / context.len() as f64
}
