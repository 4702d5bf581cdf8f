//! The chronology-warning harness: real articles from `../shared` (the news
//! and Readability corpora, read in place), their timelines, and typists'
//! mistakes put into them. Used by `chronology_quality.rs`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sidenote_core::timeline::{self, EventDraft};
use sidenote_core::timex::{Tense, TenseReader, TimexValue};
use sidenote_core::{import, PartialDate};

pub struct Page {
    /// `news/<name>` or `readability/<name>`.
    pub name: String,
    pub text: String,
    pub published: Option<PartialDate>,
}

pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Every page of both corpora that imports, extracted once per test binary
/// (two threads: the machine has two cores). `None` when `../shared` is absent.
pub fn corpus() -> Option<&'static [Page]> {
    static PAGES: OnceLock<Option<Vec<Page>>> = OnceLock::new();
    PAGES
        .get_or_init(|| {
            let root = shared().join("corpus");
            let mut files: Vec<(String, PathBuf)> = Vec::new();
            for set in ["news", "readability"] {
                let Ok(dir) = std::fs::read_dir(root.join(set)) else { return None };
                let mut names: Vec<PathBuf> =
                    dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("source.html").is_file()).collect();
                names.sort();
                for p in names {
                    let name = format!("{set}/{}", p.file_name().unwrap_or_default().to_string_lossy());
                    files.push((name, p.join("source.html")));
                }
            }
            let half = files.len() / 2;
            let (a, b) = files.split_at(half);
            let load = |part: &[(String, PathBuf)]| -> Vec<Page> {
                part.iter()
                    .filter_map(|(name, path)| {
                        let loaded = import::load_file(path).ok()?;
                        Some(Page { name: name.clone(), text: loaded.extracted.text, published: loaded.extracted.published })
                    })
                    .collect()
            };
            let mut pages = std::thread::scope(|s| {
                let first = s.spawn(|| load(a));
                let mut second = load(b);
                let mut all = first.join().unwrap_or_default();
                all.append(&mut second);
                all
            });
            pages.sort_by(|x, y| x.name.cmp(&y.name));
            Some(pages)
        })
        .as_deref()
}

/// The warnings of an event, one line each (the harness only needs to know
/// whether there are any and to show them).
pub fn warning_lines(d: &EventDraft) -> Vec<String> {
    d.warnings.iter().map(|w| format!("[{}] {}", w.kind.as_str(), w.message)).collect()
}

pub fn warned(d: &EventDraft) -> bool {
    !d.warnings.is_empty()
}

/// The timelines of many pages, two threads.
pub fn timelines(pages: &[(String, Option<PartialDate>)]) -> Vec<Vec<EventDraft>> {
    let half = pages.len() / 2;
    let (a, b) = pages.split_at(half);
    let run = |part: &[(String, Option<PartialDate>)]| part.iter().map(|(t, p)| timeline::extract(t, *p)).collect::<Vec<_>>();
    std::thread::scope(|s| {
        let first = s.spawn(|| run(a));
        let second = run(b);
        let mut all = first.join().unwrap_or_default();
        all.extend(second);
        all
    })
}

/// A small deterministic generator (splitmix64): the same trials every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// How a typist changes a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Typo {
    /// The tens digit one off: 2001 → 2011.
    Decade,
    /// Any other single digit of the last two: 2001 → 2007, 2001 → 2041.
    Digit,
    /// Two neighbouring digits swapped: 2001 → 2010, 1989 → 1898.
    Transposition,
}

/// What in the text the changed year contradicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Contradiction {
    /// Told as done, in the past tense, but now after the published date.
    AfterPublication,
    /// The passage is about one or two years: at least three other dates,
    /// before and after it, all within a year of the original year (the
    /// seed's "after 9/11 ... October 2011 ... a 2002 decision"); the changed
    /// year is at least three years from every one of them and written
    /// nowhere else in the article.
    Passage,
}

pub fn typos(year: u32) -> Vec<(u32, Typo)> {
    let d = [year / 1000, year / 100 % 10, year / 10 % 10, year % 10];
    let make = |d: [u32; 4]| d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
    let mut out = Vec::new();
    for tens in 0..10 {
        if tens != d[2] {
            let kind = if tens.abs_diff(d[2]) == 1 { Typo::Decade } else { Typo::Digit };
            out.push((make([d[0], d[1], tens, d[3]]), kind));
        }
    }
    for units in 0..10 {
        if units != d[3] {
            out.push((make([d[0], d[1], d[2], units]), Typo::Digit));
        }
    }
    for k in 1..3 {
        if d[k] != d[k + 1] {
            let mut t = d;
            t.swap(k, k + 1);
            out.push((make(t), Typo::Transposition));
        }
    }
    out.retain(|(y, _)| (1000..=2099).contains(y));
    out
}

/// One year changed in one article, and the event that must be flagged.
#[derive(Debug, Clone)]
pub struct Trial {
    pub page: usize,
    /// Code point offset of the year's four digits.
    pub at: usize,
    pub original: u32,
    pub changed: u32,
    pub typo: Typo,
    pub contradiction: Contradiction,
}

impl Trial {
    pub fn text(&self, page: &Page) -> String {
        let mut chars: Vec<char> = page.text.chars().collect();
        for (k, c) in format!("{:04}", self.changed).chars().enumerate() {
            chars[self.at + k] = c;
        }
        chars.into_iter().collect()
    }
}

/// The span of a value in fractional years (the tagger's reading of it).
fn year_span(value: &str) -> Option<(f64, f64)> {
    TimexValue::parse(value).years()
}

fn year_of(value: &str) -> Option<u32> {
    let head = value.get(..4)?;
    head.bytes().all(|b| b.is_ascii_digit()).then(|| head.parse().ok()).flatten()
}

/// The code point offset of the only four-digit year written in an event's
/// quote, when it is the event's own year.
fn written_year(text: &[char], d: &EventDraft) -> Option<usize> {
    let year = year_of(&d.value)?;
    let mut found = None;
    let mut k = d.start;
    while k < d.end {
        if text[k].is_ascii_digit() {
            let run = (k..d.end).take_while(|&j| text[j].is_ascii_digit()).count();
            if run == 4 {
                if found.is_some() {
                    return None;
                }
                found = Some(k);
            }
            k += run;
        } else {
            k += 1;
        }
    }
    let at = found?;
    let digits: String = text[at..at + 4].iter().collect();
    (digits.parse::<u32>().ok()? == year).then_some(at)
}

/// The paragraph (between line breaks) holding code point `at`.
fn paragraph(text: &[char], at: usize) -> (usize, usize) {
    let s = (0..at).rev().find(|&k| text[k] == '\n').map_or(0, |k| k + 1);
    let e = (at..text.len()).find(|&k| text[k] == '\n').unwrap_or(text.len());
    (s, e)
}

/// Typists' changes to past-tense years of real articles that contradict
/// what is around them. Every site (a past-tense event whose year is
/// written) gives at most one trial per kind of contradiction and kind of
/// typo, the typo drawn at random among those of its kind.
pub fn trials(pages: &[Page], timelines: &[Vec<EventDraft>], rng: &mut Rng) -> Vec<Trial> {
    const PASSAGE: usize = 700; // code points either side: the passage a reader keeps in mind
    let mut out = Vec::new();
    for (pi, (page, events)) in pages.iter().zip(timelines).enumerate() {
        let chars: Vec<char> = page.text.chars().collect();
        let tenses = TenseReader::new(&page.text);
        let years_named: Vec<u32> = events.iter().filter_map(|e| year_of(&e.value)).collect();
        for d in events {
            if d.event_name || warned(d) || d.value_end.is_some() {
                continue;
            }
            let Some(at) = written_year(&chars, d) else { continue };
            let Some(y) = year_of(&d.value) else { continue };
            if tenses.tense(d.start, d.end) != Tense::Past {
                continue;
            }
            if page.published.is_some_and(|p| y as i32 > p.year) {
                continue;
            }
            let all = typos(y);
            // Told as done but now after publication.
            if let Some(p) = page.published {
                let late: Vec<(u32, Typo)> = all.iter().copied().filter(|(t, _)| *t as i32 > p.year).collect();
                for (changed, typo) in one_of_each_kind(&late, rng) {
                    out.push(Trial { page: pi, at, original: y, changed, typo, contradiction: Contradiction::AfterPublication });
                }
            }
            // Contradicted by the passage's own dates.
            let (ps, pe) = paragraph(&chars, at);
            let around: Vec<f64> = events
                .iter()
                .filter(|e| !std::ptr::eq(*e, d))
                .filter(|e| (e.start + PASSAGE >= at && e.start <= at + PASSAGE) || (e.start >= ps && e.start < pe))
                .filter_map(|e| year_span(&e.value).filter(|(s, e)| e - s <= 1.0 + 1e-9).map(|(s, _)| s.floor()))
                .collect();
            let before = events.iter().filter(|e| e.start < d.start && year_span(&e.value).is_some()).any(|e| e.start + PASSAGE >= at);
            let after = events.iter().filter(|e| e.start > d.end && year_span(&e.value).is_some()).any(|e| e.start <= at + PASSAGE);
            let tight = around.len() >= 3 && before && after && around.iter().all(|a| (a - y as f64).abs() <= 1.0);
            if !tight {
                continue;
            }
            let contradicted: Vec<(u32, Typo)> = all
                .iter()
                .copied()
                .filter(|(t, _)| around.iter().all(|a| (a - *t as f64).abs() >= 3.0))
                .filter(|(t, _)| !years_named.contains(t))
                .filter(|(t, _)| page.published.is_none_or(|p| *t as i32 <= p.year))
                .collect();
            for (changed, typo) in one_of_each_kind(&contradicted, rng) {
                out.push(Trial { page: pi, at, original: y, changed, typo, contradiction: Contradiction::Passage });
            }
        }
    }
    out
}

/// One typo of each kind among `options`, drawn at random.
fn one_of_each_kind(options: &[(u32, Typo)], rng: &mut Rng) -> Vec<(u32, Typo)> {
    [Typo::Decade, Typo::Digit, Typo::Transposition]
        .into_iter()
        .filter_map(|kind| {
            let of_kind: Vec<&(u32, Typo)> = options.iter().filter(|(_, k)| *k == kind).collect();
            (!of_kind.is_empty()).then(|| *of_kind[rng.below(of_kind.len())])
        })
        .collect()
}

/// The event of a changed text that holds the changed year.
pub fn event_at(events: &[EventDraft], at: usize) -> Option<&EventDraft> {
    events.iter().find(|e| e.start <= at && at < e.end)
}
