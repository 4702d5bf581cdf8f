//! Anchoring examples with our own sentences.

use super::*;

const ORCHARD: &str = "The orchard behind the school had eleven pear trees. \
Every spring the caretaker pruned them with a saw that was older than he was.\n\n\
In autumn the pupils picked the pears and sold them at the gate to pay for a new piano.";

fn select(text: &Text<'_>, quote: &str) -> Selector {
    let at = text.locate_quote(quote, None).unwrap();
    text.describe(at.start, at.end).unwrap()
}

fn anchored_text(text: &Text<'_>, a: &Anchored) -> String {
    text.slice(a.position.start as usize, a.position.end as usize)
}

#[test]
fn describe_keeps_thirty_two_code_points_of_context() {
    let text = Text::new(ORCHARD);
    let sel = select(&text, "pruned them");
    assert_eq!(sel.quote.exact, "pruned them");
    assert_eq!(sel.quote.prefix.chars().count(), CONTEXT_LEN);
    assert!(ORCHARD.contains(&format!("{}pruned them{}", sel.quote.prefix, sel.quote.suffix)));
    assert_eq!(sel.quote.suffix, " with a saw that was older than ");
    // At the very start there is no prefix.
    let first = text.describe(0, 3).unwrap();
    assert_eq!(first.quote.exact, "The");
    assert_eq!(first.quote.prefix, "");
}

#[test]
fn offsets_count_code_points_not_bytes_or_utf16_units() {
    let s = "🍐🍐 ripe pears, café prices";
    let text = Text::new(s);
    let at = text.locate_quote("ripe", None).unwrap();
    assert_eq!((at.start, at.end), (3, 7));
    let sel = text.describe(at.start, at.end).unwrap();
    assert_eq!(sel.quote.prefix, "🍐🍐 ");
    assert_eq!(text.locate_quote("prices", None).unwrap().start, 20);
}

#[test]
fn describe_refuses_bad_spans() {
    let text = Text::new("A short line.");
    assert!(text.describe(3, 3).is_err());
    assert!(text.describe(5, 2).is_err());
    assert!(text.describe(0, 14).is_err());
    assert!(text.describe(1, 2).is_err(), "a lone space is not a highlight");
}

#[test]
fn locating_a_quote_reports_missing_and_ambiguous_quotes() {
    let text = Text::new(ORCHARD);
    let err = text.locate_quote("plum", None).unwrap_err().to_string();
    assert!(err.contains("does not occur"), "{err}");
    let err = text.locate_quote("the p", None).unwrap_err();
    assert!(err.to_string().contains("occurs 2 times"), "{err}");
    // Each copy is a candidate, numbered as --occurrence counts, with the words around it.
    let crate::Error::Ambiguous { what, candidates, .. } = &err else { panic!("not ambiguous: {err}") };
    assert_eq!(*what, "quote");
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    for c in candidates {
        assert!(c.label.contains("[the p]"), "{c:?}");
    }
    assert_ne!(candidates[0].label, candidates[1].label);
    let second = text.locate_quote("the p", Some(2)).unwrap();
    assert_eq!(text.slice(second.start as usize, second.start as usize + 12), "the pears an");
    let err = text.locate_quote("the p", Some(3)).unwrap_err().to_string();
    assert!(err.contains("occurrence 3 does not exist"), "{err}");
    assert!(text.locate_quote("the p", Some(0)).is_err());
    assert!(text.locate_quote("  ", None).is_err());
}

#[test]
fn overlapping_occurrences_are_all_found() {
    let text = Text::new("aaaa 🙂🙂🙂");
    assert_eq!(text.occurrences("aa"), vec![0, 1, 2]);
    assert_eq!(text.occurrences("🙂🙂"), vec![5, 6]);
}

#[test]
fn unchanged_text_anchors_by_position() {
    let text = Text::new(ORCHARD);
    let sel = select(&text, "eleven pear trees");
    let a = text.anchor(&sel).unwrap();
    assert_eq!(a.method, AnchorMethod::Position);
    assert_eq!(a.position, sel.position);
}

#[test]
fn inserted_text_before_shifts_the_highlight() {
    let old = Text::new(ORCHARD);
    let sel = select(&old, "sold them at the gate");
    let edited = format!("A note from the archivist 📜.\n\n{ORCHARD}");
    let new = Text::new(&edited);
    let a = new.anchor(&sel).unwrap();
    assert_eq!(a.method, AnchorMethod::Quote);
    assert_eq!(a.position.start, sel.position.start + 30);
    assert_eq!(anchored_text(&new, &a), "sold them at the gate");
}

#[test]
fn a_repeated_quote_is_told_apart_by_its_context() {
    let s = "The blue door opened onto the yard. Years later the blue door was painted green.";
    let old = Text::new(s);
    let second = old.locate_quote("blue door", Some(2)).unwrap();
    let sel = old.describe(second.start, second.end).unwrap();
    // Shift everything so the stored position is stale.
    let edited = format!("Preface. {s}");
    let new = Text::new(&edited);
    let a = new.anchor(&sel).unwrap();
    assert_eq!(a.position.start, second.start + 9);
}

#[test]
fn an_edited_passage_is_found_approximately() {
    let old = Text::new(ORCHARD);
    let sel = select(&old, "pruned them with a saw that was older than he was");
    let edited = ORCHARD.replace("pruned them with a saw that was older", "pruned them with a saw which was older");
    let new = Text::new(&edited);
    let a = new.anchor(&sel).unwrap();
    assert_eq!(a.method, AnchorMethod::Fuzzy);
    assert_eq!(anchored_text(&new, &a), "pruned them with a saw which was older than he was");
}

#[test]
fn a_typo_fix_does_not_jump_to_another_copy_of_the_word() {
    // The highlighted word is corrected in place; an exact copy elsewhere has
    // the wrong context and must lose to the corrected one.
    let s = "At noon the ferry to Bergen left the quay. The timetable for the ferry to Bergen was pinned by the door.";
    let old = Text::new(s);
    let sel = select(&old, "the quay");
    let edited = s.replace("the quay", "the quai");
    let new = Text::new(&edited);
    let a = new.anchor(&sel).unwrap();
    assert_eq!(anchored_text(&new, &a), "the quai");
    let short = old.describe(old.locate_quote("Bergen", Some(1)).unwrap().start, old.locate_quote("Bergen", Some(1)).unwrap().end).unwrap();
    let edited = s.replacen("to Bergen left", "to Bergn left", 1);
    let new = Text::new(&edited);
    let a = new.anchor(&short).unwrap();
    assert_eq!(anchored_text(&new, &a), "Bergn");
}

#[test]
fn a_removed_passage_is_orphaned() {
    let old = Text::new(ORCHARD);
    let sel = select(&old, "to pay for a new piano");
    let edited = ORCHARD.replace(" and sold them at the gate to pay for a new piano", " and ate them.");
    assert!(Text::new(&edited).anchor(&sel).is_none());
}

#[test]
fn a_passage_moved_far_away_is_found_by_the_whole_text_search() {
    let old = Text::new(ORCHARD);
    let sel = select(&old, "the caretaker pruned them with a saw");
    let filler = "Nothing about fruit happens in this long filler sentence. ".repeat(200);
    let edited = format!("{filler}{}", ORCHARD.replace("caretaker pruned", "caretaker carefully pruned"));
    let new = Text::new(&edited);
    let a = new.anchor(&sel).unwrap();
    assert_eq!(a.method, AnchorMethod::Fuzzy);
    assert_eq!(anchored_text(&new, &a), "the caretaker carefully pruned them with a saw");
}

#[test]
fn an_exact_copy_with_foreign_context_still_anchors_when_the_original_is_gone() {
    let s = "Grandmother kept the recipe for quince jelly in a tin box.";
    let old = Text::new(s);
    let sel = select(&old, "quince jelly");
    let edited = "A different story entirely: quince jelly was sold at the fair on Sundays.";
    let new = Text::new(edited);
    let a = new.anchor(&sel).unwrap();
    assert_eq!(a.method, AnchorMethod::Quote);
    assert_eq!(anchored_text(&new, &a), "quince jelly");
}

/// Deterministic pseudo-random numbers (xorshift), so the long test is reproducible.
struct Rand(u64);

impl Rand {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn a_long_article_with_many_highlights_reanchors_quickly_and_correctly() {
    reanchor_scenario(400, 1000);
}

/// The budget article: about 1 MB of text with 2,000 highlights.
/// Slow unoptimised; run with `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn a_one_megabyte_article_with_two_thousand_highlights() {
    reanchor_scenario(1900, 2000);
}

/// Random syllable prose of `paragraph_count` paragraphs with `highlight_count`
/// random highlights; a preface is added, one paragraph removed, and every
/// tenth highlight edited inside; checks every outcome and prints the time.
fn reanchor_scenario(paragraph_count: usize, highlight_count: usize) {
    const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qu", "é", "🌊"];
    let mut rand = Rand(0x5eed_1234_abcd);
    let word = |rand: &mut Rand| (0..2 + rand.below(3)).map(|_| SYLLABLES[rand.below(SYLLABLES.len())]).collect::<String>();
    let paragraphs: Vec<String> = (0..paragraph_count).map(|_| (0..80).map(|_| word(&mut rand)).collect::<Vec<_>>().join(" ")).collect();
    let source = paragraphs.join("\n\n");
    let old = Text::new(&source);
    let selectors: Vec<Selector> = (0..highlight_count)
        .filter_map(|_| {
            let start = rand.below(old.len() - 100);
            old.describe(start as u32, (start + 20 + rand.below(60)) as u32).ok()
        })
        .collect();

    // A preface added, paragraph 200 removed, one character changed in every
    // tenth highlight.
    let removed = paragraphs[200].clone();
    let mut edited_text = format!("A preface written later. {}\n\n", "Ordinary words fill it. ".repeat(200));
    edited_text
        .push_str(&paragraphs.iter().enumerate().filter(|(i, _)| *i != 200).map(|(_, p)| p.as_str()).collect::<Vec<_>>().join("\n\n"));
    let mut changed = Vec::new();
    for (i, sel) in selectors.iter().enumerate().filter(|(i, _)| i % 10 == 0) {
        let exact = &sel.quote.exact;
        if edited_text.matches(exact.as_str()).count() == 1 && !removed.contains(exact.as_str()) {
            let middle = exact.char_indices().nth(exact.chars().count() / 2).map(|(b, _)| b).unwrap();
            let replaced = format!("{}X{}", &exact[..middle], &exact[middle..]);
            edited_text = edited_text.replacen(exact.as_str(), &replaced, 1);
            changed.push((i, replaced, sel.position));
        }
    }
    let new = Text::new(&edited_text);

    let started = std::time::Instant::now();
    let results = new.anchor_all(&selectors);
    let elapsed = started.elapsed();
    println!(
        "re-anchored {} highlights in a {}-code-point ({} byte) article in {:?} ({} changed inside)",
        selectors.len(),
        new.len(),
        edited_text.len(),
        elapsed,
        changed.len()
    );

    // Old span of the removed paragraph, with its separators.
    let removed_start = paragraphs[..200].iter().map(|p| p.chars().count() + 2).sum::<usize>() as u32;
    let removed_end = removed_start + removed.chars().count() as u32;
    let overlaps = |a: TextPosition, s: u32, e: u32| a.start < e && a.end > s;
    let mut orphans = 0;
    for (i, (sel, found)) in selectors.iter().zip(&results).enumerate() {
        let lost_text = overlaps(sel.position, removed_start.saturating_sub(2), removed_end + 2);
        let own_change = changed.iter().find(|(j, _, _)| *j == i);
        let near_change = changed.iter().any(|(j, _, at)| *j != i && overlaps(sel.position, at.start, at.end));
        match found {
            None => {
                orphans += 1;
                assert!(lost_text, "highlight {i} {:?} was lost", sel.quote.exact);
            }
            Some(_) if lost_text => {}
            Some(a) => {
                let got = new.slice(a.position.start as usize, a.position.end as usize);
                match own_change {
                    Some((_, replaced, _)) => assert_eq!(&got, replaced, "edited highlight {i}"),
                    None if near_change => {
                        assert_eq!(got.replacen('X', "", 1), sel.quote.exact, "highlight {i} overlaps an edit")
                    }
                    None => assert_eq!(got, sel.quote.exact, "highlight {i}"),
                }
            }
        }
    }
    assert!(changed.len() >= highlight_count / 20, "the edit touched enough highlights");
    println!("{orphans} orphans (highlights inside the removed paragraph)");
}

#[test]
fn one_span_is_described_as_the_whole_text_table_describes_it() {
    // Multi-byte letters, a short text and every edge: the start, the end,
    // spans within the context length of either end, and invalid spans.
    let source = "Ça va: the 🌊 wave broke on the quay, and ünder it the old nets dried. ".repeat(3);
    let text = Text::new(&source);
    let len = text.len() as u32;
    let mut rand = Rand(0x0dd_5eed);
    let mut spans: Vec<(u32, u32)> =
        vec![(0, 1), (0, len), (len - 1, len), (5, 40), (len - 40, len - 3), (3, 3), (9, 2), (0, len + 1), (len, len + 5), (6, 7)];
    spans.extend((0..300).map(|_| {
        let a = rand.below(len as usize + 3) as u32;
        (a, a + rand.below(70) as u32)
    }));
    for (start, end) in spans {
        let table = text.describe(start, end);
        let one_pass = describe_span(&source, start, end);
        match (&table, &one_pass) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{start}..{end}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{start}..{end}"),
            _ => panic!("{start}..{end}: {table:?} vs {one_pass:?}"),
        }
    }
    assert!(describe_span("", 0, 1).is_err());
}

#[test]
fn a_short_context_at_the_end_does_not_pull_the_match_into_an_insertion() {
    // The passage ends 13 characters before the end of the text, so its
    // suffix is short. A word is inserted in its prefix and another right
    // after the suffix's first character: too little context agrees for the
    // exact copy to be taken at once. Its text is untouched and must still be
    // found as it was, not stretched over the inserted word to reach the
    // rest of the suffix.
    let text = Text::new(ORCHARD);
    let sel = select(&text, " and sold them at the gate to pay for");
    assert_eq!(sel.quote.suffix, " a new piano.");
    let edited = ORCHARD.replace("pupils picked", "pupils  tall  picked").replace("pay for a new", "pay for  dusty a new");
    let new = Text::new(&edited);
    let a = new.anchor(&sel).expect("the untouched passage is found");
    assert_eq!(anchored_text(&new, &a), sel.quote.exact);
}
