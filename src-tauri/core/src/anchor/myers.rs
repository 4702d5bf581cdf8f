//! Bit-parallel approximate string matching (Myers 1999, in the block form
//! Hyyrö describes): one text character advances a whole column of the
//! edit-distance table, 64 pattern characters per machine word.
//!
//! The scan reports, for every text position, the edit distance of the best
//! match of the *whole* pattern ending there. Two modes:
//! - free start: the match may begin anywhere in the text (search);
//! - anchored: the match must begin at the first text character (used to find
//!   where a match that ends at a known position starts, and to score context).

use std::collections::HashMap;

const WORD: usize = 64;

/// A pattern prepared for scanning: for each character it contains, the bit
/// mask of the pattern positions holding it, split into 64-bit blocks.
pub struct Pattern {
    len: usize,
    blocks: usize,
    peq: HashMap<char, Vec<u64>>,
    zero: Vec<u64>,
}

impl Pattern {
    pub fn new(chars: &[char]) -> Self {
        let blocks = chars.len().div_ceil(WORD).max(1);
        let mut peq: HashMap<char, Vec<u64>> = HashMap::new();
        for (i, &c) in chars.iter().enumerate() {
            peq.entry(c).or_insert_with(|| vec![0; blocks])[i / WORD] |= 1u64 << (i % WORD);
        }
        Pattern { len: chars.len(), blocks, peq, zero: vec![0; blocks] }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Scans `text` (any iterator of characters) and calls `visit(i, d)` after
    /// character `i` with `d`, the edit distance of the best match of the
    /// pattern ending just after it. `visit` returns `false` to stop early.
    pub fn scan(&self, text: impl Iterator<Item = char>, anchored: bool, mut visit: impl FnMut(usize, usize) -> bool) {
        if self.len == 0 {
            return;
        }
        let last = self.blocks - 1;
        let high = 1u64 << ((self.len - 1) % WORD);
        // Bits of the last block beyond the pattern are ignored: only `high` is read.
        let mut pv = vec![u64::MAX; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = self.len;
        // Row 0 of the table: 0 everywhere when the match may start anywhere,
        // the column index when it must start at the first character.
        let row0: i8 = if anchored { 1 } else { 0 };
        for (i, c) in text.enumerate() {
            let eqs = self.peq.get(&c).unwrap_or(&self.zero);
            let mut carry = row0;
            for b in 0..self.blocks {
                let top = if b == last { high } else { 1u64 << (WORD - 1) };
                carry = advance(&mut pv[b], &mut mv[b], eqs[b], carry, top);
            }
            score = (score as isize + carry as isize) as usize;
            if !visit(i, score) {
                return;
            }
        }
    }
}

/// Advances one block of the column by one text character. `hin` is the
/// horizontal delta entering the block from above (-1, 0 or +1); returns the
/// delta leaving it at bit `top`.
#[inline]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i8, top: u64) -> i8 {
    let (p, m) = (*pv, *mv);
    let mut eq = eq;
    let xv = eq | m;
    if hin < 0 {
        eq |= 1;
    }
    let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let hout = if ph & top != 0 {
        1
    } else if mh & top != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    if hin < 0 {
        mh |= 1;
    } else if hin > 0 {
        ph |= 1;
    }
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// The smallest edit distance between `pattern` and a stretch of `text` that
/// starts at its first character (a prefix of `text`), with that stretch's
/// length; `None` when either is empty. Ties prefer the shorter stretch.
pub fn best_prefix_match(pattern: &Pattern, text: impl Iterator<Item = char>) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let limit = pattern.len() * 2 + 1;
    pattern.scan(text, true, |i, d| {
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, i + 1));
        }
        i + 1 < limit && d > 0
    });
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Textbook dynamic programme: best distance of the pattern ending after each text char.
    fn naive(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
        let m = pattern.len();
        let mut prev: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &t) in text.iter().enumerate() {
            let mut cur = vec![if anchored { j + 1 } else { 0 }; m + 1];
            for i in 1..=m {
                let sub = prev[i - 1] + usize::from(pattern[i - 1] != t);
                cur[i] = sub.min(prev[i] + 1).min(cur[i - 1] + 1);
            }
            out.push(cur[m]);
            prev = cur;
        }
        out
    }

    fn scan_all(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
        let mut out = Vec::new();
        Pattern::new(pattern).scan(text.iter().copied(), anchored, |_, d| {
            out.push(d);
            true
        });
        out
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_a_word_with_one_typo() {
        let text = chars("the lighthouse keeper wrote in his logbook every night");
        let pattern = chars("logbok");
        let d = scan_all(&pattern, &text, false);
        let end_of_logbook = text.iter().collect::<String>().find("logbook").unwrap() + 7;
        assert_eq!(d[end_of_logbook - 1], 1);
        assert_eq!(d.iter().min(), Some(&1), "no exact match anywhere");
        assert!(d[..end_of_logbook - 7].iter().all(|&x| x >= 3), "nothing close before the word");
    }

    #[test]
    fn long_patterns_span_several_blocks() {
        let sentence = "Walnut trees lined the lane to the mill, and every autumn the children gathered the fallen nuts in sacks. ";
        let text = chars(&sentence.repeat(3));
        let mut pattern = chars(&sentence.repeat(2));
        pattern[70] = 'X';
        pattern.remove(150);
        assert!(pattern.len() > 3 * 64);
        assert_eq!(scan_all(&pattern, &text, false), naive(&pattern, &text, false));
        assert_eq!(scan_all(&pattern, &text, true), naive(&pattern, &text, true));
    }

    #[test]
    fn best_prefix_match_measures_context() {
        let p = Pattern::new(&chars("evening tide"));
        assert_eq!(best_prefix_match(&p, "evening tide rose".chars()), Some((0, 12)));
        assert_eq!(best_prefix_match(&p, "evenin tide rose".chars()), Some((1, 11)));
        assert_eq!(best_prefix_match(&Pattern::new(&[]), "abc".chars()), None);
    }

    proptest! {
        #[test]
        fn agrees_with_the_textbook_algorithm(
            pattern in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'é', '🙂']), 1..150),
            text in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'é', '🙂', ' ']), 0..300),
            anchored in any::<bool>(),
        ) {
            prop_assert_eq!(scan_all(&pattern, &text, anchored), naive(&pattern, &text, anchored));
        }
    }
}
