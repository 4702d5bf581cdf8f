//! Round trip: a random library, exported to JSON and imported into an empty
//! library, gives back the same articles and highlights (and the same export).

use proptest::prelude::*;

use super::restore::restore_json;
use super::*;
use crate::highlight::{Color, HighlightPatch, NewHighlight};
use crate::model::{Extracted, SourceKind};
use crate::store::NewArticle;

const WORDS: [&str; 8] = ["tide", "gull", "harbour", "élan", "rope", "mist", "北", "net"];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 3..12).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
struct Spec {
    paragraphs: Vec<String>,
    /// (start fraction, length, color, note, tags)
    highlights: Vec<(u8, u8, usize, String, Vec<String>)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let h = (any::<u8>(), 1u8..20, 0usize..5, "[a-z \n*,\"]{0,12}", prop::collection::vec("[a-z]{1,6}( [a-z]{1,4})?", 0..3));
    (prop::collection::vec(paragraph(), 1..4), prop::collection::vec(h, 0..6)).prop_map(|(paragraphs, highlights)| Spec { paragraphs, highlights })
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
            let new = NewHighlight { article_id: article.summary.id.clone(), start, end, color: Color::ALL[*color], note: note.clone(), tags: tags.clone() };
            // Blank spans are refused by design; the property is about what was stored.
            if let Ok(h) = lib.create_highlight(&new) {
                lib.update_highlight(&h.id, &HighlightPatch::default()).unwrap();
            }
        }
    }
    lib
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn json_export_restores_into_an_empty_library(specs in prop::collection::vec(spec(), 1..4)) {
        let lib = build(&specs);
        let before = collect(&lib, &[]).unwrap();
        let json = render(&before, ExportFormat::Json).unwrap();
        let mut fresh = Library::open_in_memory().unwrap();
        let report = restore_json(&mut fresh, &json, "export.json").unwrap();
        prop_assert_eq!(report.articles_added as usize, before.len());
        let after = collect(&fresh, &[]).unwrap();
        prop_assert_eq!(&after, &before);
        prop_assert_eq!(render(&after, ExportFormat::Json).unwrap(), json.clone());
        // A second import adds nothing.
        let again = restore_json(&mut fresh, &json, "export.json").unwrap();
        prop_assert_eq!(again.articles_added + again.highlights_added, 0);
        prop_assert_eq!(collect(&fresh, &[]).unwrap(), before);
    }
}
