//! Property tests: random articles, random highlights, random edits.

use proptest::prelude::*;

use super::*;

/// Invented words, so random articles read like prose without repeating
/// long phrases by chance.
const WORDS: &[&str] = &[
    "amber",
    "bristle",
    "cobalt",
    "drizzle",
    "ember",
    "fathom",
    "gable",
    "hollow",
    "inkwell",
    "juniper",
    "kettle",
    "lantern",
    "meadow",
    "nimbus",
    "orchid",
    "pebble",
    "quarry",
    "rafter",
    "saffron",
    "thimble",
    "umber",
    "velvet",
    "willow",
    "yarrow",
    "zephyr",
    "anvil",
    "barley",
    "cinder",
    "dapple",
    "eddy",
    "furrow",
    "gossamer",
    "heron",
    "isle",
    "jostle",
    "kelp",
    "loom",
    "marsh",
    "nettle",
    "oxbow",
    "parsnip",
    "quill",
    "russet",
    "sorrel",
    "tussock",
    "upland",
    "vellum",
    "wicket",
    "yew",
    "zinnia",
    "café",
    "naïve",
    "🙂",
    "東京",
    "𝔣𝔬𝔵",
];

fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec((proptest::sample::select(WORDS), 0u8..12), 40..160).prop_map(|words| {
        let mut s = String::new();
        for (i, (w, sep)) in words.into_iter().enumerate() {
            if i > 0 {
                s.push_str(match sep {
                    0 => "\n\n",
                    1 => ", ",
                    _ => " ",
                });
            }
            s.push_str(w);
        }
        s
    })
}

fn phrase() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 1..6).prop_map(|w| format!(" {} ", w.join(" ")))
}

/// Splices `insert` in place of code points `start..end` of `s`.
fn splice(s: &str, start: usize, end: usize, insert: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out: String = chars[..start].iter().collect();
    out.push_str(insert);
    out.extend(&chars[end..]);
    out
}

/// A highlight of `len` code points at a fraction `at` through `text`.
fn highlight(text: &Text<'_>, at: f64, len: usize) -> Option<Selector> {
    let len = len.min(text.len() / 3);
    let start = ((text.len() - len) as f64 * at) as usize;
    text.describe(start as u32, (start + len) as u32).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Text inserted or deleted anywhere outside a highlight moves it by exactly
    /// the change in length before it, and never changes what it covers.
    #[test]
    fn anchors_survive_edits_elsewhere(
        source in article(), at in 0.0..1.0f64, len in 3usize..60,
        edit_at in 0.0..1.0f64, delete in 0usize..40, insert in phrase(),
    ) {
        let old = Text::new(&source);
        let Some(sel) = highlight(&old, at, len) else { return Ok(()) };
        let (s, e) = (sel.position.start as usize, sel.position.end as usize);
        // Pick an edit span entirely before or entirely after the highlight.
        let (edit_start, edit_end) = if edit_at < 0.5 {
            let start = (s as f64 * edit_at * 2.0) as usize;
            (start, (start + delete).min(s))
        } else {
            let start = e + ((old.len() - e) as f64 * (edit_at - 0.5) * 2.0) as usize;
            (start, (start + delete).min(old.len()))
        };
        let edited = splice(&source, edit_start, edit_end, &insert);
        let new = Text::new(&edited);
        let a = new.anchor(&sel).expect("an untouched passage is never orphaned");
        prop_assert_eq!(new.slice(a.position.start as usize, a.position.end as usize), sel.quote.exact.clone());
        let shift = insert.chars().count() as i64 - (edit_end - edit_start) as i64;
        let expected = if edit_end <= s { s as i64 + shift } else { s as i64 };
        if new.occurrences(&sel.quote.exact).len() == 1 {
            prop_assert_eq!(a.position.start as i64, expected);
        }
    }

    /// A few characters changed inside a highlight: it is found where the
    /// edited passage now is, give or take the size of the edit.
    #[test]
    fn edits_inside_a_highlight_reanchor_to_the_edited_passage(
        source in article(), at in 0.0..1.0f64, len in 24usize..80,
        edit_at in 0.0..1.0f64, delete in 0usize..3, insert in "[a-z]{0,3}",
        shift_text in "[0-9]{1,12}\n\n",
    ) {
        let old = Text::new(&source);
        let Some(sel) = highlight(&old, at, len) else { return Ok(()) };
        let (s, e) = (sel.position.start as usize, sel.position.end as usize);
        prop_assume!(e - s >= 24 && delete + insert.len() > 0);
        let edit_start = s + 1 + ((e - s - 4) as f64 * edit_at) as usize;
        let edit_end = (edit_start + delete).min(e - 1);
        // Edit inside, and also move everything by adding text at the very start
        // (digits, so that it cannot pass for part of the quote).
        let inner = splice(&source, edit_start, edit_end, &insert);
        let edited = format!("{shift_text}{inner}");
        let new = Text::new(&edited);
        // In repetitive text an untouched copy of the quote may remain, and is rightly preferred.
        prop_assume!(new.occurrences(&sel.quote.exact).is_empty());
        let a = new.anchor(&sel).expect("a lightly edited passage is found");
        let offset = shift_text.chars().count() as i64;
        let delta = insert.chars().count() as i64 - (edit_end - edit_start) as i64;
        let (want_start, want_end) = (s as i64 + offset, e as i64 + offset + delta);
        // Give or take the size of the edit: text inserted just after the
        // passage's first character may rightly be left out, with that
        // character, when that is the closer match ("cobalt" edited to
        // "cXYZobalt": "obalt" is one edit away, "cXYZobalt" three).
        let slack = 1 + insert.chars().count().max(edit_end - edit_start) as i64;
        prop_assert!((a.position.start as i64 - want_start).abs() <= slack,
            "start {} want {}", a.position.start, want_start);
        prop_assert!((a.position.end as i64 - want_end).abs() <= slack,
            "end {} want {}", a.position.end, want_end);
    }

    /// A highlight whose passage and surroundings were deleted becomes an
    /// orphan rather than latching onto unrelated text.
    #[test]
    fn a_deleted_passage_is_orphaned(source in article(), at in 0.0..1.0f64, len in 30usize..60) {
        let old = Text::new(&source);
        let Some(sel) = highlight(&old, at, len) else { return Ok(()) };
        let (s, e) = (sel.position.start as usize, sel.position.end as usize);
        prop_assume!(e - s >= 30);
        let cut_start = s.saturating_sub(CONTEXT_LEN);
        let cut_end = (e + CONTEXT_LEN).min(old.len());
        let edited = splice(&source, cut_start, cut_end, " ");
        // Only test real deletions: no run of three of the quote's words may
        // survive elsewhere, or a near copy would rightly be found.
        let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>();
        let (quote_words, rest_words) = (words(&sel.quote.exact), words(&edited));
        prop_assume!(quote_words.len() >= 3);
        prop_assume!(!quote_words.windows(3).any(|q| rest_words.windows(3).any(|r| r == q)));
        let new = Text::new(&edited);
        prop_assert_eq!(new.anchor(&sel), None);
    }

    /// Many highlights, several edits between them: `anchor_all` keeps every
    /// highlight on its own text, at its shifted position when that text is unique.
    #[test]
    fn many_highlights_survive_several_edits_between_them(
        source in article(),
        spots in proptest::collection::vec((0.0..1.0f64, 3usize..40), 3..20),
        edits in proptest::collection::vec((0.0..1.0f64, 0usize..30, phrase()), 1..6),
    ) {
        let old = Text::new(&source);
        let selectors: Vec<Selector> = spots.iter().filter_map(|&(at, len)| highlight(&old, at, len)).collect();
        let touches = |start: usize, end: usize| {
            selectors.iter().any(|s| {
                let (hs, he) = (s.position.start as usize, s.position.end as usize);
                // Deleting across, or inserting strictly inside, a highlight touches it.
                start < he && end > hs
            })
        };
        // Keep the edits that touch no highlight and do not overlap each other.
        let mut kept: Vec<(usize, usize, String)> = Vec::new();
        for (at, delete, insert) in edits {
            let start = (at * old.len() as f64) as usize;
            let end = (start + delete).min(old.len());
            let touches = touches(start, end);
            if !touches && kept.iter().all(|(s, e, _)| end < *s || start > *e) {
                kept.push((start, end, insert));
            }
        }
        kept.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
        let mut edited = source.clone();
        for (s, e, insert) in &kept {
            edited = splice(&edited, *s, *e, insert);
        }
        let new = Text::new(&edited);
        for (sel, found) in selectors.iter().zip(new.anchor_all(&selectors)) {
            let a = found.expect("untouched highlights are never orphaned");
            prop_assert_eq!(new.slice(a.position.start as usize, a.position.end as usize), sel.quote.exact.clone());
            let s = sel.position.start as usize;
            let shift: i64 = kept.iter().filter(|(_, e, _)| *e <= s).map(|(st, e, ins)| ins.chars().count() as i64 - (e - st) as i64).sum();
            if new.occurrences(&sel.quote.exact).len() == 1 {
                prop_assert_eq!(a.position.start as i64, s as i64 + shift);
            }
        }
    }
}
