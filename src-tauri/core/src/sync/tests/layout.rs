//! The two ways rows become a document — a new document made in one batch,
//! a document that exists brought up to date record by record — say the
//! same, and bringing a document up to date with what it already says
//! changes nothing.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ROOT};

use super::*;
use crate::sync::docs::{read_notes, write_highlight, write_notes};

/// An article with every kind of record its document holds: highlights with
/// and without notes and tags, one in the trash, a note on the whole article
/// and a hidden paragraph.
fn annotated() -> (Library, String) {
    let mut lib = Library::open_in_memory().unwrap();
    let article = import(&mut lib, TEXTS[0]);
    let first = highlight(&mut lib, &article, 4, 20, "Kept in the log book.");
    highlight(&mut lib, &article, 44, 60, "");
    let gone = highlight(&mut lib, &article, 62, 80, "About the lamp.");
    lib.delete_highlight(&gone).unwrap();
    let patch = HighlightPatch { tags: Some(vec!["Ships".into(), "lamps".into()]), ..Default::default() };
    lib.update_highlight(&first, &patch).unwrap();
    lib.add_article_note(&article, "Read for the chapter on coasts.").unwrap();
    // The last paragraph: it holds no highlight.
    let text = lib.article(&article).unwrap().text;
    let last = crate::import::paragraph_ranges(&text).last().unwrap().start;
    lib.hide_paragraphs(&article, &[last]).unwrap();
    (lib, article)
}

#[test]
fn a_document_made_in_one_batch_reads_as_one_brought_up_to_date_record_by_record() {
    let (mut lib, article) = annotated();
    let notes = lib.with_sync_log(|log| log.notes(&article)).unwrap();
    assert_eq!(notes.highlights.len(), 3);
    assert_eq!(notes.article_notes.len(), 1);
    assert_eq!(notes.hidden.len(), 1);

    let mut batch = AutoCommit::new();
    write_notes(&mut batch, &notes).unwrap();
    batch.commit();
    // A document that already holds something takes the record-by-record way.
    let mut by_record = AutoCommit::new();
    by_record.put(ROOT, "x/unrelated", 1).unwrap();
    by_record.commit();
    write_notes(&mut by_record, &notes).unwrap();
    by_record.commit();

    assert_eq!(read_notes(&batch, &article).unwrap(), notes);
    assert_eq!(read_notes(&by_record, &article).unwrap(), notes);
}

#[test]
fn writing_what_a_document_already_says_changes_nothing_and_an_edit_changes_only_its_field() {
    let (mut lib, article) = annotated();
    let notes = lib.with_sync_log(|log| log.notes(&article)).unwrap();
    let mut doc = AutoCommit::new();
    write_notes(&mut doc, &notes).unwrap();
    doc.commit();

    write_notes(&mut doc, &notes).unwrap();
    assert!(doc.commit().is_none(), "the same rows again made a change");
    write_highlight(&mut doc, &notes.highlights[0]).unwrap();
    assert!(doc.commit().is_none(), "the same highlight again made a change");

    let mut edited = notes.clone();
    edited.highlights[0].highlight.note.push_str(" Twice.");
    edited.highlights[0].highlight.tags.retain(|t| t == "lamps");
    write_highlight(&mut doc, &edited.highlights[0]).unwrap();
    doc.commit().expect("an edit makes a change");
    let ops = doc.get_last_local_change().unwrap().len();
    // " Twice." is seven characters spliced in; one tag deleted: no field
    // but those was written again.
    assert_eq!(ops, 8, "operations in the edit");
    assert_eq!(read_notes(&doc, &article).unwrap(), edited);
}
