//! The words of page furniture, per language, as data (`core/data/boilerplate/`,
//! described in its README): teaser lead-ins, widget labels, prompts, credits,
//! datelines, notices, reading times, bylines and bio roles. All languages are
//! searched at once, in one trie, on the lower-cased text of a block.

use std::sync::LazyLock;

/// The files, compiled in. A new language is one more line here and a file.
const FILES: &[(&str, &str)] = &[
    ("common", include_str!("../../data/boilerplate/common.txt")),
    ("en", include_str!("../../data/boilerplate/en.txt")),
    ("de", include_str!("../../data/boilerplate/de.txt")),
    ("es", include_str!("../../data/boilerplate/es.txt")),
    ("fr", include_str!("../../data/boilerplate/fr.txt")),
    ("it", include_str!("../../data/boilerplate/it.txt")),
    ("pt", include_str!("../../data/boilerplate/pt.txt")),
    ("pl", include_str!("../../data/boilerplate/pl.txt")),
    ("nl", include_str!("../../data/boilerplate/nl.txt")),
    ("cs", include_str!("../../data/boilerplate/cs.txt")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    LeadIn,
    Label,
    Prompt,
    Credit,
    Dateline,
    Notice,
    Reading,
    Byline,
    BioRole,
    BioVerb,
    End,
    Agency,
}

impl Kind {
    fn from_section(name: &str) -> Option<Kind> {
        Some(match name {
            "lead-in" => Kind::LeadIn,
            "label" => Kind::Label,
            "prompt" => Kind::Prompt,
            "credit" => Kind::Credit,
            "dateline" => Kind::Dateline,
            "notice" => Kind::Notice,
            "reading" => Kind::Reading,
            "byline" => Kind::Byline,
            "bio-role" => Kind::BioRole,
            "bio-verb" => Kind::BioVerb,
            "end" => Kind::End,
            "agency" => Kind::Agency,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
struct Phrase {
    kind: Kind,
    /// Matches longer words starting with the phrase (written `word*`).
    prefix: bool,
}

/// A phrase found in a text: its kind and byte range in the lower-cased text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Find {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

pub struct Lexicon {
    phrases: Vec<Phrase>,
    trie: Trie,
    pub months: Months,
}

/// The phrases' bytes as a trie, walked only from where a word may start:
/// a phrase counts only there, and most of a block's bytes are inside words.
/// (An Aho–Corasick automaton read every byte of every block searched; its
/// DFA form was slower still, its table falling out of cache.)
struct Trie {
    /// The node each first byte leads to (0: no phrase starts with it).
    root: [u32; 256],
    /// Per node (node 0 is the root): its edges and the phrases ending there,
    /// as ranges of `edges` and `ends`.
    nodes: Vec<TrieNode>,
    edges: Vec<(u8, u32)>,
    ends: Vec<u32>,
    /// The edges of nodes with many, by byte (the first letters of a word
    /// fan out to dozens; a list would be read through at every word).
    tables: Vec<[u32; 256]>,
}

/// More edges than this and a node's edges are also kept as a table.
const LISTED_EDGES: usize = 8;

#[derive(Clone, Copy, Default)]
struct TrieNode {
    edges: (u32, u32),
    ends: (u32, u32),
    /// Its index in `tables`, if it has one.
    table: Option<u32>,
}

impl Trie {
    fn new(patterns: &[String]) -> Trie {
        // Built as nested maps, then laid out flat.
        #[derive(Default)]
        struct Building {
            children: std::collections::BTreeMap<u8, usize>,
            ends: Vec<u32>,
        }
        let mut built = vec![Building::default()];
        for (id, pattern) in patterns.iter().enumerate() {
            let mut at = 0;
            for &b in pattern.as_bytes() {
                at = match built[at].children.get(&b) {
                    Some(&next) => next,
                    None => {
                        built.push(Building::default());
                        let next = built.len() - 1;
                        built[at].children.insert(b, next);
                        next
                    }
                };
            }
            built[at].ends.push(id as u32);
        }
        let mut trie =
            Trie { root: [0; 256], nodes: Vec::with_capacity(built.len()), edges: Vec::new(), ends: Vec::new(), tables: Vec::new() };
        for node in &built {
            let edges = (trie.edges.len() as u32, node.children.len() as u32);
            trie.edges.extend(node.children.iter().map(|(b, n)| (*b, *n as u32)));
            let ends = (trie.ends.len() as u32, node.ends.len() as u32);
            trie.ends.extend(&node.ends);
            let table = (node.children.len() > LISTED_EDGES).then(|| {
                let mut table = [0; 256];
                for (b, n) in &node.children {
                    table[usize::from(*b)] = *n as u32;
                }
                trie.tables.push(table);
                trie.tables.len() as u32 - 1
            });
            trie.nodes.push(TrieNode { edges, ends, table });
        }
        for (b, n) in &built[0].children {
            trie.root[usize::from(*b)] = *n as u32;
        }
        trie
    }

    /// Calls `found(phrase, end)` for every phrase that `bytes` holds
    /// starting at `start`.
    fn starting_at(&self, bytes: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let Some(&first) = bytes.get(start) else { return };
        let (mut node, mut at) = (self.root[usize::from(first)], start + 1);
        while node != 0 {
            let n = self.nodes[node as usize];
            for &id in &self.ends[n.ends.0 as usize..(n.ends.0 + n.ends.1) as usize] {
                found(id as usize, at);
            }
            let Some(&b) = bytes.get(at) else { return };
            node = match n.table {
                Some(t) => self.tables[t as usize][usize::from(b)],
                None => {
                    let edges = &self.edges[n.edges.0 as usize..(n.edges.0 + n.edges.1) as usize];
                    edges.iter().find(|(e, _)| *e == b).map_or(0, |(_, next)| *next)
                }
            };
            at += 1;
        }
    }
}

/// A data file that does not parse: only possible through an edit of the data,
/// which the unit tests catch.
#[derive(Debug)]
pub struct BadData(pub String);

/// Month names (lower case) and their numbers, from the `[months]` sections.
pub type Months = std::collections::HashMap<String, u32>;

/// What the data files hold: phrases with their patterns, and month names.
struct Parsed {
    phrases: Vec<Phrase>,
    patterns: Vec<String>,
    months: Months,
}

fn parse(files: &[(&str, &str)]) -> Result<Parsed, BadData> {
    let mut out = Parsed { phrases: Vec::new(), patterns: Vec::new(), months: Months::new() };
    for (file, body) in files {
        let mut kind = None;
        // Inside [months]: how many month lines were read.
        let mut month: Option<u32> = None;
        let twelve = |month: Option<u32>, n: usize| match month {
            Some(m) if m != 12 => Err(BadData(format!("{file}.txt:{n}: [months] needs twelve lines"))),
            _ => Ok(()),
        };
        for (n, line) in body.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                twelve(month, n + 1)?;
                month = (section == "months").then_some(0);
                kind = match month {
                    Some(_) => None,
                    None => Some(
                        Kind::from_section(section).ok_or_else(|| BadData(format!("{file}.txt:{}: unknown section [{section}]", n + 1)))?,
                    ),
                };
                continue;
            }
            if line.to_lowercase() != line {
                return Err(BadData(format!("{file}.txt:{}: {line:?} is not in lower case", n + 1)));
            }
            if let Some(m) = month.as_mut() {
                *m += 1;
                if *m > 12 {
                    return Err(BadData(format!("{file}.txt:{}: [months] needs twelve lines", n + 1)));
                }
                for name in line.split_whitespace() {
                    out.months.insert(name.to_owned(), *m);
                }
                continue;
            }
            let kind = kind.ok_or_else(|| BadData(format!("{file}.txt:{}: a phrase before any section", n + 1)))?;
            let (text, prefix) = match line.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (line, false),
            };
            if text.is_empty() {
                return Err(BadData(format!("{file}.txt:{}: an empty phrase", n + 1)));
            }
            // The same word in several languages is one phrase.
            if !out.phrases.iter().zip(&out.patterns).any(|(p, t)| p.kind == kind && p.prefix == prefix && t == text) {
                out.phrases.push(Phrase { kind, prefix });
                out.patterns.push(text.to_owned());
            }
        }
        twelve(month, body.lines().count())?;
    }
    Ok(out)
}

fn build(files: &[(&str, &str)]) -> Result<Lexicon, BadData> {
    let Parsed { phrases, patterns, months } = parse(files)?;
    Ok(Lexicon { phrases, trie: Trie::new(&patterns), months })
}

static LEXICON: LazyLock<Option<Lexicon>> = LazyLock::new(|| match build(FILES) {
    Ok(l) => Some(l),
    Err(e) => {
        tracing::error!(error = %e.0, "the boilerplate word lists do not parse; page furniture is not recognised by its words");
        None
    }
});

/// The compiled word lists (`None` only if a data file is broken).
pub fn lexicon() -> Option<&'static Lexicon> {
    LEXICON.as_ref()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

impl Lexicon {
    /// Every phrase found in `lower` (already lower-cased) as whole words.
    /// (In no particular order: every caller counts or compares them.)
    pub fn finds(&self, lower: &str) -> Vec<Find> {
        let mut out = Vec::new();
        let bytes = lower.as_bytes();
        // Whether the character before the one at hand is part of a word.
        let (mut in_word, mut next) = (false, 0);
        while next < bytes.len() {
            let start = next;
            // ASCII read as bytes, other characters decoded.
            let b = bytes[start];
            let word = if b < 0x80 {
                next += 1;
                b.is_ascii_alphanumeric() || b == b'\''
            } else {
                let c = lower[start..].chars().next().unwrap_or(' ');
                next += c.len_utf8();
                is_word_char(c)
            };
            if !in_word && self.trie.root[usize::from(b)] != 0 {
                self.trie.starting_at(bytes, start, |id, end| {
                    let phrase = &self.phrases[id];
                    let after_ok = phrase.prefix || !lower[end..].chars().next().is_some_and(is_word_char);
                    // A phrase ending in punctuation ("fot.") has its own boundary.
                    let pattern_end_is_word = lower[..end].chars().next_back().is_some_and(is_word_char);
                    if after_ok || !pattern_end_is_word {
                        let end = if phrase.prefix { word_end(lower, end) } else { end };
                        out.push(Find { kind: phrase.kind, start, end });
                    }
                });
            }
            in_word = word;
        }
        out
    }

    /// The end of the longest phrase of `kind` that opens `lower`, after any
    /// opening punctuation.
    pub fn opening(&self, lower: &str, kind: Kind) -> Option<usize> {
        opening_in(&self.finds(lower), lower, kind)
    }

    /// Whether `lower` is nothing but a phrase of `kind` (punctuation aside).
    pub fn is_whole(&self, lower: &str, kind: Kind) -> bool {
        self.is_whole_any(lower, &[kind])
    }

    /// Whether `lower` is nothing but a phrase of one of `kinds` (one search
    /// for them all).
    pub fn is_whole_any(&self, lower: &str, kinds: &[Kind]) -> bool {
        let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            return false;
        }
        let finds = self.finds(core);
        kinds.iter().any(|kind| opening_in(&finds, core, *kind) == Some(core.len()))
    }

    /// How many phrases of `kind` occur in `lower`.
    pub fn count(&self, lower: &str, kind: Kind) -> usize {
        self.finds(lower).iter().filter(|f| f.kind == kind).count()
    }
}

/// [`Lexicon::opening`] from the phrases already found in `lower` (a block
/// is searched once for all the questions asked of it).
pub fn opening_in(finds: &[Find], lower: &str, kind: Kind) -> Option<usize> {
    let skip = lower.len() - lower.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    finds.iter().filter(|f| f.kind == kind && f.start == skip).map(|f| f.end).max()
}

fn word_end(s: &str, from: usize) -> usize {
    s[from..].char_indices().find(|(_, c)| !is_word_char(*c)).map_or(s.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses_and_has_every_section_it_should() {
        let lexicon = build(FILES).unwrap();
        assert!(lexicon.phrases.len() > 400, "{}", lexicon.phrases.len());
        for (file, body) in FILES.iter().filter(|(f, _)| *f != "common") {
            let phrases = parse(&[(file, body)]).unwrap().phrases;
            for kind in [
                Kind::LeadIn,
                Kind::Label,
                Kind::Prompt,
                Kind::Credit,
                Kind::Dateline,
                Kind::Notice,
                Kind::Byline,
                Kind::BioRole,
                Kind::BioVerb,
                Kind::End,
            ] {
                assert!(phrases.iter().any(|p| p.kind == kind), "{file}.txt has no {kind:?} phrases");
            }
        }
    }

    /// The trie finds exactly what a search of every byte finds (an
    /// Aho–Corasick automaton over the same phrases, all overlapping matches,
    /// kept where they start and end a word as `finds` asks).
    #[test]
    fn the_trie_finds_what_a_search_of_every_byte_finds() {
        use aho_corasick::AhoCorasick;
        let lex = lexicon().unwrap();
        let patterns = parse(FILES).unwrap().patterns;
        let every_byte = AhoCorasick::new(&patterns).unwrap();
        let reference = |lower: &str| {
            let mut out = Vec::new();
            for m in every_byte.find_overlapping_iter(lower) {
                let phrase = &lex.phrases[m.pattern().as_usize()];
                let before_ok = !lower[..m.start()].chars().next_back().is_some_and(is_word_char);
                let after_ok = phrase.prefix || !lower[m.end()..].chars().next().is_some_and(is_word_char);
                let pattern_end_is_word = lower[..m.end()].chars().next_back().is_some_and(is_word_char);
                if before_ok && (after_ok || !pattern_end_is_word) {
                    let end = if phrase.prefix { word_end(lower, m.end()) } else { m.end() };
                    out.push((m.start(), end, format!("{:?}", phrase.kind)));
                }
            }
            out.sort();
            out
        };
        let trie = |lower: &str| {
            let mut out: Vec<_> = lex.finds(lower).into_iter().map(|f| (f.start, f.end, format!("{:?}", f.kind))).collect();
            out.sort();
            out
        };
        let mut texts: Vec<String> = vec![
            "read more: the harbour reopens, photo: jane roe (reuters/dpa) — sign up for our newsletter".into(),
            "» czytaj też « zapraszamy do subskrypcji kanału; fot. ana ruiz / fuente: archivo".into(),
            "l'article, aktualisiert: 3. mai 2021 — lea también: el faro; veja também".into(),
            "roadside adverbs and ads, ad-free, 'quoted' words, ünïcödé wörds ©2021 all rights reserved.".into(),
        ];
        // Every phrase alone, inside a word, at a word's start and end, twice
        // in a row, and after punctuation.
        for p in &patterns {
            for text in [
                p.clone(),
                format!("x{p}"),
                format!("{p}x"),
                format!(" {p} "),
                format!("({p}):"),
                format!("{p}{p}"),
                format!("a {p}s, {p}"),
            ] {
                texts.push(text);
            }
        }
        for text in &texts {
            assert_eq!(trie(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn bad_data_is_reported_with_its_line() {
        let err = |body: &str| build(&[("xx", body)]).err().map(|e| e.0).unwrap_or_default();
        assert!(err("[nonsense]\nword").contains("xx.txt:1"));
        assert!(err("word").contains("before any section"));
        assert!(err("[label]\nShare").contains("lower case"));
        assert!(err("[months]\njan\nfeb").contains("twelve"));
        assert!(err("[label]\n*").contains("empty phrase"));
    }

    #[test]
    fn months_are_read_in_every_language() {
        let lex = lexicon().unwrap();
        for (name, n) in [("january", 1), ("mayo", 5), ("juin", 6), ("września", 9), ("dez", 12), ("května", 5)] {
            assert_eq!(lex.months.get(name), Some(&n), "{name}");
        }
    }

    #[test]
    fn phrases_match_whole_words_only_unless_marked_as_stems() {
        let lex = lexicon().unwrap();
        assert_eq!(lex.opening("read more: the harbour reopens", Kind::LeadIn), Some(9));
        // "ad" is a label, but not inside "adverb" or "road".
        assert!(lex.is_whole("ad", Kind::Label));
        assert!(!lex.finds("the road and an adverb").iter().any(|f| f.kind == Kind::Label));
        // Polish inflection: the stem matches its endings.
        let f = lex.finds("zapraszamy do subskrypcji kanału");
        assert!(f.iter().any(|f| f.kind == Kind::Prompt && &"zapraszamy do subskrypcji kanału"[f.start..f.end] == "subskrypcji"), "{f:?}");
        assert!(lex.is_whole("» czytaj też «", Kind::LeadIn));
        assert_eq!(lex.count("foto: ana ruiz / fuente: archivo", Kind::Credit), 3);
    }
}
