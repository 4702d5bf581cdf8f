//! Round trip: a random library, exported to JSON and imported into an empty
//! library, gives back the same articles, highlights and timeline (the user's
//! own events, corrections and hidden flags), and the same export.

use proptest::prelude::*;

use super::sidenote_json::restore_json;
use crate::export::w3c_json::is_users;
use crate::export::{collect, render, ArticleNotes, ExportFormat};
use crate::highlight::{Color, HighlightPatch, NewHighlight};
use crate::model::{Extracted, SourceKind};
use crate::store::{Library, NewArticle};

const WORDS: [&str; 10] = ["tide", "gull", "harbour", "élan", "rope", "mist", "北", "net", "1987", "May 2004"];
/// Dates a user may type for an event of their own.
const USER_DATES: [&str; 5] = ["June 2001", "11 September 2001", "spring 1960", "1987", "the 1990s"];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 3..12).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
struct Spec {
    paragraphs: Vec<String>,
    /// (start fraction, length, color, note, tags)
    highlights: Vec<(u8, u8, usize, String, Vec<String>)>,
    /// The user's events: (start fraction, length, date, label, hidden)
    events: Vec<(u8, u8, usize, String, bool)>,
    /// Which extracted events the user hides (bit i: the i-th).
    hide: u8,
}

fn spec() -> impl Strategy<Value = Spec> {
    let h = (any::<u8>(), 1u8..20, 0usize..5, "[a-z \n*,\"]{0,12}", prop::collection::vec("[a-z]{1,6}( [a-z]{1,4})?", 0..3));
    let e = (any::<u8>(), 1u8..12, 0usize..USER_DATES.len(), "[A-Za-z ,\"]{0,10}", any::<bool>());
    (prop::collection::vec(paragraph(), 1..4), prop::collection::vec(h, 0..6), prop::collection::vec(e, 0..4), any::<u8>())
        .prop_map(|(paragraphs, highlights, events, hide)| Spec { paragraphs, highlights, events, hide })
}

fn build(specs: &[Spec]) -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    for (i, s) in specs.iter().enumerate() {
        let text = s.paragraphs.join("\n\n");
        let article = lib
            .insert_article(NewArticle {
                extracted: Extracted { title: format!("Article {i}"), text: text.clone(), html: String::new(), ..Default::default() },
                source_kind: SourceKind::Text,
                source_url: (i % 2 == 0).then(|| format!("https://example.org/{i}")),
                raw: None,
                encoding: None,
            })
            .unwrap();
        let len = text.chars().count() as u32;
        for (frac, span, color, note, tags) in &s.highlights {
            let start = (*frac as u32 * len / 256).min(len - 1);
            let end = (start + *span as u32).min(len);
            let new = NewHighlight {
                article_id: article.summary.id.clone(),
                start,
                end,
                color: Color::ALL[*color],
                note: note.clone(),
                tags: tags.clone(),
            };
            // Blank spans are refused by design; the property is about what was stored.
            if let Ok(h) = lib.create_highlight(&new) {
                // Edited after it was made: its modified date is its own.
                lib.update_highlight(&h.id, &HighlightPatch { note: Some(note.clone()), ..Default::default() }).unwrap();
            }
        }
        let id = &article.summary.id;
        let extracted = lib.events(id).unwrap();
        for (i, e) in extracted.iter().enumerate().take(8) {
            if s.hide & (1 << i) != 0 {
                lib.set_event_hidden(&e.id, true).unwrap();
            }
        }
        for (frac, span, date, label, hidden) in &s.events {
            let start = (*frac as u32 * len / 256).min(len - 1);
            let end = (start + *span as u32).min(len);
            if let Ok(ev) = lib.add_event(id, start, end, USER_DATES[*date], Some(label)) {
                if *hidden {
                    lib.set_event_hidden(&ev.id, true).unwrap();
                }
            }
        }
    }
    lib
}

/// The notes with the ids of untouched extracted events blanked: a restore
/// extracts those again under new ids.
fn comparable(mut notes: Vec<ArticleNotes>) -> Vec<ArticleNotes> {
    for n in &mut notes {
        for e in &mut n.events {
            if !is_users(e) {
                e.id.clear();
            }
        }
        n.events.sort_by(|a, b| (a.start, a.end, &a.origin, &a.value, &a.id).cmp(&(b.start, b.end, &b.origin, &b.value, &b.id)));
    }
    notes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn json_export_restores_into_an_empty_library(specs in prop::collection::vec(spec(), 1..4)) {
        let mut lib = build(&specs);
        let before = collect(&mut lib, &[]).unwrap();
        let json = render(&before, ExportFormat::Json).unwrap();
        let mut fresh = Library::open_in_memory().unwrap();
        let report = restore_json(&mut fresh, &json, "export.json").unwrap();
        prop_assert_eq!(report.articles_added as usize, before.len());
        let users = before.iter().flat_map(|n| &n.events).filter(|e| is_users(e)).count();
        prop_assert_eq!((report.events_added as usize, report.events_skipped), (users, 0));
        let after = collect(&mut fresh, &[]).unwrap();
        prop_assert_eq!(comparable(after.clone()), comparable(before.clone()));
        prop_assert_eq!(render(&after, ExportFormat::Json).unwrap(), json.clone());
        // A second import adds nothing.
        let again = restore_json(&mut fresh, &json, "export.json").unwrap();
        prop_assert_eq!(again.articles_added + again.highlights_added + again.events_added, 0);
        prop_assert_eq!(collect(&mut fresh, &[]).unwrap(), after);
    }
}
