//! Deterministic synthetic prose for the generated libraries: a made-up
//! vocabulary with a Zipf-like word distribution (so full-text search sees
//! common, middling and rare words as in real text), sentences and paragraphs.

/// SplitMix64: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (`hi > lo`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A random RFC 4122 version-4 UUID string, like the store's ids.
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        let hex = format!("{a:016x}{b:016x}");
        format!("{}-{}-4{}-{:x}{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], 8 + (b >> 62), &hex[17..20], &hex[20..32])
    }
}

const ONSETS: &[&str] =
    &["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "w", "z"];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "s", "l", "m", "nd", "st", "t"];

pub struct Vocabulary {
    words: Vec<String>,
    /// Cumulative Zipf weights, for sampling by binary search.
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub fn new(size: usize, rng: &mut Rng) -> Vocabulary {
        let mut words = Vec::with_capacity(size);
        let mut seen = std::collections::HashSet::new();
        while words.len() < size {
            // Frequent words are short, as in real languages.
            let syllables = 1 + (words.len() + 1).ilog10().min(3) as usize / 2 + rng.range(0, 2);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.range(0, ONSETS.len())]);
                w.push_str(VOWELS[rng.range(0, VOWELS.len())]);
                w.push_str(CODAS[rng.range(0, CODAS.len())]);
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..size)
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    /// The word of frequency rank `rank` (0 = most common).
    pub fn word(&self, rank: usize) -> &str {
        &self.words[rank.min(self.words.len() - 1)]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        self.word(i)
    }

    /// A sentence of `min..max` words, capitalized, ending in a full stop.
    pub fn sentence(&self, rng: &mut Rng, min: usize, max: usize) -> String {
        let n = rng.range(min, max);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(if rng.chance(0.06) { ',' } else { ' ' });
                if s.ends_with(',') {
                    s.push(' ');
                }
            }
            let w = self.sample(rng);
            if i == 0 {
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    pub fn paragraph(&self, rng: &mut Rng) -> String {
        let n = rng.range(3, 8);
        (0..n).map(|_| self.sentence(rng, 8, 26)).collect::<Vec<_>>().join(" ")
    }

    /// A few capitalized words (titles, names).
    pub fn title(&self, rng: &mut Rng, min: usize, max: usize) -> String {
        let s = self.sentence(rng, min, max);
        s.trim_end_matches('.').replace(',', "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text_and_common_words_dominate() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let va = Vocabulary::new(2000, &mut a);
        let vb = Vocabulary::new(2000, &mut b);
        assert_eq!(va.paragraph(&mut a), vb.paragraph(&mut b));
        let mut rng = Rng::new(1);
        let draws: Vec<&str> = (0..20_000).map(|_| va.sample(&mut rng)).collect();
        let top = draws.iter().filter(|w| **w == va.word(0)).count();
        let rare = draws.iter().filter(|w| **w == va.word(1500)).count();
        assert!(top > 50 * rare.max(1), "top {top} rare {rare}");
    }

    #[test]
    fn uuids_look_like_version_4() {
        let id = Rng::new(3).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
    }
}
