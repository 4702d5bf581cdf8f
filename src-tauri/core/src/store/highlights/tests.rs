//! Store tests for highlights, with our own sentences.

use super::*;
use crate::model::{Extracted, SourceKind};
use crate::store::NewArticle;

const LIGHTHOUSE: &str = "The lighthouse keeper rowed to the mainland once a week.\n\n\
He bought lamp oil, flour and a newspaper, and he read the newspaper slowly over seven evenings.\n\n\
When the lamp failed in the storm of 1911 he lit a fire on the gallery instead.";

fn library_with(title: &str, text: &str) -> (Library, String) {
    let mut lib = Library::open_in_memory().unwrap();
    let id = add(&mut lib, title, text);
    (lib, id)
}

fn add(lib: &mut Library, title: &str, text: &str) -> String {
    let a = lib
        .insert_article(NewArticle {
            extracted: Extracted { title: title.into(), text: text.into(), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap();
    a.summary.id
}

fn quote(lib: &mut Library, article: &str, q: &str) -> Highlight {
    lib.create_highlight_from_quote(article, q, None, Color::Yellow, "", &[]).unwrap()
}

#[test]
fn create_from_a_position_stores_both_selectors() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let start = LIGHTHOUSE.find("lamp oil").unwrap() as u32; // ASCII text: bytes = code points
    let h = lib
        .create_highlight(&NewHighlight {
            article_id: article.clone(),
            start,
            end: start + 8,
            color: Color::Green,
            note: "*fuel*".into(),
            tags: vec!["supplies".into(), "Supplies".into(), "trade".into()],
        })
        .unwrap();
    assert_eq!(h.exact, "lamp oil");
    assert_eq!(h.prefix, "ainland once a week.\n\nHe bought ");
    assert!(h.suffix.starts_with(", flour and a newspaper"));
    assert_eq!((h.color, h.note.as_str(), h.orphaned), (Color::Green, "*fuel*", false));
    assert_eq!(h.tags, vec!["supplies", "trade"]);
    assert_eq!(lib.highlight(&h.id).unwrap(), h);
    assert_eq!(lib.article(&article).unwrap().summary.highlight_count, 1);
}

#[test]
fn bad_spans_and_unknown_articles_write_nothing() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let len = LIGHTHOUSE.chars().count() as u32;
    for (start, end) in [(5, 5), (9, 4), (len - 2, len + 1)] {
        let new = NewHighlight { article_id: article.clone(), start, end, color: Color::Yellow, note: String::new(), tags: vec![] };
        assert_eq!(lib.create_highlight(&new).unwrap_err().kind(), crate::ErrorKind::Invalid);
    }
    let new = NewHighlight { article_id: "nope".into(), start: 0, end: 3, color: Color::Yellow, note: String::new(), tags: vec![] };
    assert_eq!(lib.create_highlight(&new).unwrap_err().kind(), crate::ErrorKind::NotFound);
    let count: i64 = lib.conn().query_row("SELECT count(*) FROM highlights", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0);
}

#[test]
fn create_from_a_quote_needs_an_occurrence_when_ambiguous() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let err = lib.create_highlight_from_quote(&article, "newspaper", None, Color::Blue, "", &[]).unwrap_err();
    assert!(err.to_string().contains("occurs 2 times"), "{err}");
    let second = lib.create_highlight_from_quote(&article, "newspaper", Some(2), Color::Blue, "", &[]).unwrap();
    assert_eq!(second.start as usize, LIGHTHOUSE.rfind("newspaper").unwrap());
    let err = lib.create_highlight_from_quote(&article, "lantern", None, Color::Blue, "", &[]).unwrap_err();
    assert!(err.to_string().contains("does not occur"), "{err}");
}

#[test]
fn update_changes_only_what_the_patch_names() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let h = lib.create_highlight_from_quote(&article, "storm of 1911", None, Color::Pink, "first", &["weather".into()]).unwrap();
    let u = lib.update_highlight(&h.id, &HighlightPatch { note: Some("A **big** storm".into()), ..Default::default() }).unwrap();
    assert_eq!((u.note.as_str(), u.color, u.tags.clone()), ("A **big** storm", Color::Pink, vec!["weather".to_owned()]));
    let u = lib.update_highlight(&h.id, &HighlightPatch { color: Some(Color::Purple), tags: Some(vec![]), ..Default::default() }).unwrap();
    assert_eq!((u.color, u.tags.len()), (Color::Purple, 0));
    assert!(lib.highlight_tags().unwrap().is_empty(), "unused tags are dropped");
    assert!(u.updated_at >= h.updated_at);
    let err = lib.update_highlight("missing", &HighlightPatch::default()).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::NotFound);
}

#[test]
fn delete_is_soft_and_restore_undoes_it() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let h = lib.create_highlight_from_quote(&article, "seven evenings", None, Color::Yellow, "slow reader", &["habits".into()]).unwrap();
    lib.delete_highlight(&h.id).unwrap();
    assert!(lib.article_highlights(&article).unwrap().is_empty());
    assert_eq!(lib.highlight(&h.id).unwrap_err().kind(), crate::ErrorKind::NotFound);
    assert_eq!(lib.delete_highlight(&h.id).unwrap_err().kind(), crate::ErrorKind::NotFound);
    assert_eq!(lib.highlight_tags().unwrap(), Vec::<String>::new());
    let back = lib.restore_highlight(&h.id).unwrap();
    assert_eq!(back, h, "the note and tags come back unchanged");
    assert_eq!(lib.highlight_tags().unwrap(), vec!["habits"]);
}

#[test]
fn an_articles_highlights_come_in_text_order() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let late = quote(&mut lib, &article, "gallery");
    let early = quote(&mut lib, &article, "rowed to the mainland");
    let nested = quote(&mut lib, &article, "rowed");
    let ids: Vec<String> = lib.article_highlights(&article).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(ids, vec![nested.id, early.id, late.id]);
}

#[test]
fn library_view_filters_by_color_tag_article_date_and_words() {
    let mut lib = Library::open_in_memory().unwrap();
    let keeper = add(&mut lib, "Keeper", LIGHTHOUSE);
    let bakery = add(&mut lib, "Bakery", "The baker rose at four to light the ovens. Rye loaves sold out before noon.");
    let a = lib.create_highlight_from_quote(&keeper, "lamp oil", None, Color::Yellow, "bought weekly", &["supplies".into()]).unwrap();
    let b = lib.create_highlight_from_quote(&bakery, "Rye loaves", None, Color::Green, "", &["Supplies".into(), "bread".into()]).unwrap();
    let c = lib.create_highlight_from_quote(&keeper, "storm", None, Color::Blue, "the great gale", &[]).unwrap();
    let ids = |f: HighlightFilter| -> Vec<String> { lib.list_highlights(&f).unwrap().into_iter().map(|h| h.highlight.id).collect() };
    let all = HighlightFilter { include_orphans: true, ..Default::default() };
    assert_eq!(ids(all.clone()), vec![c.id.clone(), b.id.clone(), a.id.clone()], "newest first");
    assert_eq!(ids(HighlightFilter { colors: vec![Color::Green, Color::Blue], ..all.clone() }), vec![c.id.clone(), b.id.clone()]);
    assert_eq!(ids(HighlightFilter { tag: Some("SUPPLIES".into()), ..all.clone() }), vec![b.id.clone(), a.id.clone()]);
    assert_eq!(ids(HighlightFilter { article_id: Some(bakery.clone()), ..all.clone() }), vec![b.id.clone()]);
    // A page holds the newest matches, in order, with their tags.
    assert_eq!(ids(HighlightFilter { limit: Some(2), ..all.clone() }), vec![c.id.clone(), b.id.clone()]);
    assert_eq!(ids(HighlightFilter { limit: Some(1), tag: Some("supplies".into()), ..all.clone() }), vec![b.id.clone()]);
    let page = lib.list_highlights(&HighlightFilter { limit: Some(2), search: "loaves lamp".into(), ..all.clone() }).unwrap();
    assert!(page.is_empty(), "both words must match one highlight");
    let page = lib.list_highlights(&HighlightFilter { limit: Some(5), colors: vec![Color::Green], ..all.clone() }).unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].highlight.tags, vec!["bread", "supplies"]);
    assert!(ids(HighlightFilter { limit: Some(0), ..all.clone() }).is_empty());
    // Search covers quotes and notes, by word prefix, ignoring FTS syntax.
    assert_eq!(ids(HighlightFilter { search: "gale".into(), ..all.clone() }), vec![c.id.clone()]);
    assert_eq!(ids(HighlightFilter { search: "loa".into(), ..all.clone() }), vec![b.id.clone()]);
    assert_eq!(ids(HighlightFilter { search: "oil \"OR*".into(), ..all.clone() }), Vec::<String>::new());
    let today = a.created_at[..10].to_owned();
    assert_eq!(ids(HighlightFilter { from: Some(today.clone()), to: Some(today), ..all.clone() }).len(), 3);
    assert!(ids(HighlightFilter { to: Some("2001-01-01".into()), ..all.clone() }).is_empty());
    let err = lib.list_highlights(&HighlightFilter { from: Some("last week".into()), ..all.clone() }).unwrap_err();
    assert!(err.to_string().contains("YYYY-MM-DD"));
    let listed = lib.list_highlights(&HighlightFilter { article_id: Some(keeper), ..all }).unwrap();
    assert!(listed.iter().all(|h| h.article_title == "Keeper"));
    // Editing a note updates the search index.
    lib.update_highlight(&a.id, &HighlightPatch { note: Some("paraffin".into()), ..Default::default() }).unwrap();
    let found = lib.list_highlights(&HighlightFilter { search: "paraffin".into(), ..Default::default() }).unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn reanchoring_moves_edits_and_orphans_but_never_deletes() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let same = quote(&mut lib, &article, "The lighthouse keeper");
    let moved = quote(&mut lib, &article, "lamp oil, flour");
    let edited = quote(&mut lib, &article, "he lit a fire on the gallery instead");
    let lost = quote(&mut lib, &article, "read the newspaper slowly over seven evenings");
    let deleted = quote(&mut lib, &article, "rowed to the mainland");
    lib.delete_highlight(&deleted.id).unwrap();

    let new_text = LIGHTHOUSE
        .replace("once a week.", "once a week, weather permitting.")
        .replace(", and he read the newspaper slowly over seven evenings", "")
        .replace("he lit a fire on the gallery", "he lit a bonfire on the gallery");
    let report = lib.write(|tx| tx.replace_text(&article, &new_text, "", None)).unwrap();
    assert_eq!(report, ReanchorReport { unchanged: 1, moved: 1, fuzzy: 1, orphaned: 1 }, "the trashed one is not counted");

    let text = Text::new(&new_text);
    let at = |h: &Highlight| text.slice(h.start as usize, h.end as usize);
    assert_eq!(at(&lib.highlight(&same.id).unwrap()), "The lighthouse keeper");
    let m = lib.highlight(&moved.id).unwrap();
    assert_eq!((at(&m).as_str(), m.start), ("lamp oil, flour", moved.start + 20));
    let e = lib.highlight(&edited.id).unwrap();
    assert_eq!((at(&e).as_str(), e.exact.as_str()), ("he lit a bonfire on the gallery instead", "he lit a bonfire on the gallery instead"));
    let orphans = lib.orphaned_highlights(&article).unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!((orphans[0].id.as_str(), orphans[0].exact.as_str()), (lost.id.as_str(), lost.exact.as_str()));
    assert!(lib.article_highlights(&article).unwrap().iter().all(|h| h.id != lost.id));
    // The deleted highlight was re-anchored too, so restoring it lands right.
    let r = lib.restore_highlight(&deleted.id).unwrap();
    assert_eq!(at(&r), "rowed to the mainland");

    // Re-attach the orphan to a new selection of the new text.
    let start = new_text.find("bought").unwrap() as u32;
    let re = lib.reattach_highlight(&lost.id, start, start + 6).unwrap();
    assert_eq!((re.exact.as_str(), re.orphaned), ("bought", false));
    assert!(lib.orphaned_highlights(&article).unwrap().is_empty());
}

#[test]
fn replacing_the_text_of_an_unknown_article_fails_cleanly() {
    let mut lib = Library::open_in_memory().unwrap();
    assert_eq!(lib.write(|tx| tx.replace_text("ghost", "text", "", None)).unwrap_err().kind(), crate::ErrorKind::NotFound);
}

#[test]
fn ids_resolve_from_unique_prefixes() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let h = quote(&mut lib, &article, "flour");
    assert_eq!(lib.resolve_highlight_id(&h.id[..8]).unwrap(), h.id);
    assert_eq!(lib.resolve_highlight_id("zzzz").unwrap_err().kind(), crate::ErrorKind::NotFound);
    assert!(lib.resolve_highlight_id(" ").is_err());
}

#[test]
fn an_ambiguous_highlight_prefix_lists_the_quotes_it_matches() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    // 17 ids over 16 first characters: two share one.
    let letters = LIGHTHOUSE.chars().enumerate().filter(|(_, c)| c.is_alphanumeric()).map(|(i, _)| i as u32);
    let words: Vec<(u32, u32)> = letters.take(17).map(|i| (i, i + 1)).collect();
    let made: Vec<Highlight> = words
        .iter()
        .map(|&(start, end)| {
            let new = NewHighlight { article_id: article.clone(), start, end, color: Color::Yellow, note: String::new(), tags: vec![] };
            lib.create_highlight(&new).unwrap()
        })
        .collect();
    let first = |h: &Highlight| h.id[..1].to_owned();
    let prefix = made.iter().map(first).find(|p| made.iter().filter(|h| h.id.starts_with(p.as_str())).count() > 1).unwrap();
    let err = lib.resolve_highlight_id(&prefix).unwrap_err();
    let crate::Error::Ambiguous { what, candidates, .. } = &err else { panic!("not ambiguous: {err}") };
    assert_eq!(*what, "highlight");
    for c in candidates {
        let h = made.iter().find(|h| h.id == c.id).unwrap();
        assert!(h.id.starts_with(&prefix));
        assert_eq!(c.label, h.exact.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    assert_eq!(candidates.len(), made.iter().filter(|h| h.id.starts_with(&prefix)).count());
}

#[test]
fn unused_tag_names_are_dropped_through_the_tag_index() {
    let (mut lib, a) = library_with("Tags", "Bees dance to tell the hive where flowers are. Wasps do not.");
    let bees = lib.create_highlight_from_quote(&a, "Bees dance", None, Color::Yellow, "", &["insects".into(), "dance".into()]).unwrap();
    lib.create_highlight_from_quote(&a, "Wasps", None, Color::Blue, "", &["insects".into()]).unwrap();
    lib.update_highlight(&bees.id, &HighlightPatch { tags: Some(vec![]), ..Default::default() }).unwrap();
    let names: Vec<String> = {
        let mut stmt = lib.conn().prepare("SELECT name FROM tags ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(names, ["insects"], "'dance' is unused now; 'insects' still tags the wasps");
    let mut stmt = lib
        .conn()
        .prepare("EXPLAIN QUERY PLAN DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM highlight_tags ht WHERE ht.tag_id = tags.id)")
        .unwrap();
    let plan: Vec<String> = stmt.query_map([], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
    assert!(plan.join("\n").contains("highlight_tags_tag"), "{plan:?}");
}

/// Every article's kept count against a count of its live highlights.
fn counts_match(lib: &Library) {
    let mut stmt = lib
        .conn()
        .prepare(
            "SELECT a.id, coalesce((SELECT live_highlights FROM article_counts c WHERE c.article_id = a.id), 0),
                    (SELECT count(*) FROM highlights h WHERE h.article_id = a.id AND h.deleted_at IS NULL)
             FROM articles a",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))).unwrap();
    for row in rows {
        let (id, kept, counted) = row.unwrap();
        assert_eq!(kept, counted, "article {id}");
    }
}

#[test]
fn kept_highlight_counts_follow_every_change() {
    let (mut lib, keeper) = library_with("Keeper", LIGHTHOUSE);
    let other = add(&mut lib, "Mill", "The miller ground oats by the river until the wheel broke in the spring flood.");
    let a = quote(&mut lib, &keeper, "lamp oil");
    let b = quote(&mut lib, &keeper, "the storm of 1911");
    let c = quote(&mut lib, &other, "the wheel broke");
    counts_match(&lib);
    assert_eq!(lib.article(&keeper).unwrap().summary.highlight_count, 2);

    lib.delete_highlight(&a.id).unwrap();
    counts_match(&lib);
    assert_eq!(lib.article(&keeper).unwrap().summary.highlight_count, 1);
    // Deleting twice or editing a trashed highlight's colour changes nothing.
    assert!(lib.delete_highlight(&a.id).is_err());
    lib.update_highlight(&b.id, &HighlightPatch { color: Some(Color::Blue), ..Default::default() }).unwrap();
    counts_match(&lib);

    lib.restore_highlight(&a.id).unwrap();
    counts_match(&lib);
    assert_eq!(lib.article(&keeper).unwrap().summary.highlight_count, 2);

    // Re-anchoring against new text (some highlights orphaned) keeps them counted.
    let other_text = "An entirely different text about the lamp oil and nothing else.";
    lib.write(|tx| tx.replace_text(&keeper, other_text, "", None)).unwrap();
    counts_match(&lib);

    // Trashing an article leaves its rows; removing it for good cascades.
    lib.delete_article(&other).unwrap();
    counts_match(&lib);
    lib.conn().execute("DELETE FROM articles WHERE id = ?1", [&other]).unwrap();
    counts_match(&lib);
    let left: i64 = lib.conn().query_row("SELECT count(*) FROM article_counts WHERE article_id = ?1", [&other], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    assert!(lib.highlight(&c.id).is_err());
}

#[test]
fn a_page_of_the_highlights_view_stops_at_its_last_row() {
    let lib = Library::open_in_memory().unwrap();
    let plan = |f: &HighlightFilter| {
        let (sql, args) = super::library_highlights_query(f).unwrap();
        let mut stmt = lib.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>()
    };
    let page = HighlightFilter { limit: Some(201), include_orphans: true, ..Default::default() };
    // Searching: the full-text index in rowid order, no sort of all matches.
    let searched = plan(&HighlightFilter { search: "lamp".into(), ..page.clone() });
    assert!(searched[0].starts_with("SCAN f VIRTUAL TABLE"), "{searched:?}");
    assert!(!searched.iter().any(|l| l.contains("TEMP B-TREE")), "{searched:?}");
    // Filtering by colour: the highlights newest first, no sort.
    let coloured = plan(&HighlightFilter { colors: vec![Color::Green], ..page.clone() });
    assert!(coloured[0].starts_with("SCAN h"), "{coloured:?}");
    assert!(!coloured.iter().any(|l| l.contains("TEMP B-TREE")), "{coloured:?}");
    // One article's highlights still come from its index.
    let one = plan(&HighlightFilter { article_id: Some("some-article".into()), ..page });
    assert!(one.iter().any(|l| l.contains("SEARCH h USING INDEX")), "{one:?}");
}

#[test]
fn a_passage_not_in_the_text_is_kept_as_an_orphan_with_its_note() {
    let (mut lib, article) = library_with("Keeper", LIGHTHOUSE);
    let quote = TextQuote { exact: "A caption under a photograph".into(), prefix: "Figure 1. ".into(), suffix: " (archive)".into() };
    let h = lib.create_orphaned_highlight(&article, &quote, Color::Blue, "check the caption").unwrap();
    assert!(h.orphaned);
    assert_eq!((h.exact.as_str(), h.prefix.as_str(), h.suffix.as_str()), ("A caption under a photograph", "Figure 1. ", " (archive)"));
    assert_eq!((h.note.as_str(), h.color), ("check the caption", Color::Blue));
    assert!(lib.article_highlights(&article).unwrap().is_empty(), "an orphan is not drawn in the text");
    assert_eq!(lib.orphaned_highlights(&article).unwrap(), vec![h.clone()]);
    // Attached to a real span later, it keeps its note.
    let start = LIGHTHOUSE.find("lamp oil").unwrap() as u32;
    let placed = lib.reattach_highlight(&h.id, start, start + 8).unwrap();
    assert!(!placed.orphaned);
    assert_eq!((placed.exact.as_str(), placed.note.as_str()), ("lamp oil", "check the caption"));
    // Blank passages and unknown articles are refused, writing nothing.
    let blank = TextQuote { exact: " \n ".into(), prefix: String::new(), suffix: String::new() };
    assert_eq!(lib.create_orphaned_highlight(&article, &blank, Color::Yellow, "").unwrap_err().kind(), crate::ErrorKind::Invalid);
    assert_eq!(lib.create_orphaned_highlight("no-such-article", &quote, Color::Yellow, "").unwrap_err().kind(), crate::ErrorKind::NotFound);
    assert_eq!(lib.orphaned_highlights(&article).unwrap().len(), 0);
}
