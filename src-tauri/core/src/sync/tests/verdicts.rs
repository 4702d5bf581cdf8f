//! The reader's verdicts travel: on chronology warnings (in the article's
//! document) and on disagreements between articles (in the catalogue, by
//! the group's key).

use super::{device, export, import_dated, sync_all, DATED};
use crate::sync::docs::{self, article_doc, CATALOGUE};
use crate::sync::recorder::{load, Recorder};
use crate::sync::*;
use crate::timeline::{DisagreementVerdict, WarningKind, WarningMark};

fn late_event(lib: &mut Library, article: &str) -> crate::timeline::TimelineEvent {
    lib.events(article).unwrap().into_iter().find(|e| e.value == "2016-03").expect("the text dates the wall's collapse")
}

fn mark_of(lib: &mut Library, article: &str) -> Option<WarningMark> {
    let ev = late_event(lib, article);
    ev.warnings.iter().find(|w| w.kind == WarningKind::AfterPublication).and_then(|w| w.mark)
}

#[test]
fn a_warning_verdict_reaches_the_other_device_and_taking_it_back_too() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import_dated(&mut a, DATED[0]);
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(mark_of(&mut b, &article), None);
    let late = late_event(&mut a, &article);
    a.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Error)).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(mark_of(&mut b, &article), Some(WarningMark::Error));
    assert_eq!(b.warning_marks(&article).unwrap(), a.warning_marks(&article).unwrap());
    // Changed on b, taken back on a afterwards: each reaches the other.
    let late = late_event(&mut b, &article);
    b.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Dismissed)).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(mark_of(&mut a, &article), Some(WarningMark::Dismissed));
    a.mark_warning(&late.id, WarningKind::AfterPublication, None).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(mark_of(&mut b, &article), None);
    assert!(b.warning_marks(&article).unwrap().is_empty());
    assert_eq!(export(&mut a), export(&mut b));
}

#[test]
fn concurrent_warning_verdicts_end_the_same_on_both_devices() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import_dated(&mut a, DATED[0]);
    sync_all(&mut [&mut a, &mut b]);
    let late = late_event(&mut a, &article);
    // The same event on both (its id comes from the article, text and span).
    assert_eq!(late_event(&mut b, &article).id, late.id);
    a.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Error)).unwrap();
    b.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Dismissed)).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    let (on_a, on_b) = (mark_of(&mut a, &article), mark_of(&mut b, &article));
    assert!(on_a.is_some(), "one of the two verdicts stays");
    assert_eq!(on_a, on_b);
}

/// The disagreement the two invasion articles make, as `lib` shows it.
fn disagreement(lib: &mut Library) -> crate::timeline::Disagreement {
    let mut found = lib.library_timeline(&Default::default()).unwrap().disagreements;
    assert_eq!(found.len(), 1, "{found:#?}");
    found.remove(0)
}

#[test]
fn a_disagreement_verdict_travels_by_the_groups_key() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let right = import_dated(&mut a, DATED[1]);
    // The other article is imported on the other device.
    let wrong = import_dated(&mut b, DATED[2]);
    sync_all(&mut [&mut a, &mut b]);
    let on_a = disagreement(&mut a);
    let event = on_a.events.iter().find(|e| e.event.article_id == right).unwrap().event.id.clone();
    a.set_disagreement_verdict(&on_a.key, Some(&DisagreementVerdict::Right { event_id: event.clone() })).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    let on_b = disagreement(&mut b);
    assert_eq!(on_b.key, on_a.key);
    assert_eq!(on_b.verdict, Some(DisagreementVerdict::Right { event_id: event }));
    assert!(on_b.events.iter().any(|e| e.event.article_id == wrong));
    // Dismissed on b, then taken back on a.
    b.set_disagreement_verdict(&on_b.key, Some(&DisagreementVerdict::Dismissed)).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(disagreement(&mut a).verdict, Some(DisagreementVerdict::Dismissed));
    a.set_disagreement_verdict(&on_a.key, None).unwrap();
    let report = round(&mut a).unwrap();
    assert!(!report.verdicts, "a's own change is not news to a");
    let report = round(&mut b).unwrap();
    assert!(report.verdicts, "{report:?}");
    assert_eq!(disagreement(&mut b).verdict, None);
    assert!(b.disagreement_verdicts().unwrap().is_empty());
}

#[test]
fn a_verdict_on_an_article_that_has_not_arrived_waits_for_it() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let right = import_dated(&mut a, DATED[1]);
    import_dated(&mut a, DATED[2]);
    let d = disagreement(&mut a);
    let event = d.events.iter().find(|e| e.event.article_id == right).unwrap().event.id.clone();
    a.set_disagreement_verdict(&d.key, Some(&DisagreementVerdict::Right { event_id: event.clone() })).unwrap();
    round(&mut a).unwrap();
    // The article's text is held back: b merges the verdict but cannot keep it yet.
    let hash = a.article(&right).unwrap().content_hash;
    let blob = folder.path().join(a.sync_config().unwrap().unwrap().device_id).join("blobs").join(format!("{hash}.z"));
    let aside = folder.path().join("held-back.z");
    std::fs::rename(&blob, &aside).unwrap();
    let first = round(&mut b).unwrap();
    assert_eq!(first.waiting, 1, "{first:?}");
    assert!(b.disagreement_verdicts().unwrap().is_empty());
    std::fs::rename(&aside, &blob).unwrap();
    let second = round(&mut b).unwrap();
    assert_eq!((second.received, second.articles), (0, 1), "{second:?}");
    assert_eq!(disagreement(&mut b).verdict, Some(DisagreementVerdict::Right { event_id: event }));
}

#[test]
fn a_library_syncing_before_verdicts_were_synced_records_them_once() {
    let mut old = Library::open_in_memory().unwrap();
    let article = import_dated(&mut old, DATED[0]);
    import_dated(&mut old, DATED[1]);
    import_dated(&mut old, DATED[2]);
    let late = late_event(&mut old, &article);
    old.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Error)).unwrap();
    let d = disagreement(&mut old);
    old.set_disagreement_verdict(&d.key, Some(&DisagreementVerdict::Dismissed)).unwrap();
    let device_id = "0b7f1c52-3a2e-4f4e-9a51-6e0c2d7f9a10";
    let count = |lib: &Library| lib.sync_unsent(0, usize::MAX).unwrap().len();
    // What a library that already synced lacks: its verdicts in the documents.
    old.with_sync_log(|log| Recorder::new(device_id).record_verdicts_once(log)).unwrap();
    let recorded = count(&old);
    assert_eq!(recorded, 2, "one change to the article's document, one to the catalogue");
    let actor = automerge::ActorId::random();
    let catalogue = load(&old.sync_doc(CATALOGUE).unwrap(), &actor).unwrap();
    let verdicts = docs::read_verdicts(&catalogue).unwrap();
    assert_eq!(verdicts.iter().map(|v| (v.key.as_str(), v.right.is_none())).collect::<Vec<_>>(), [(d.key.as_str(), true)]);
    let notes = docs::read_notes(&load(&old.sync_doc(&article_doc(&article)).unwrap(), &actor).unwrap(), &article).unwrap();
    assert_eq!(notes.marks, old.warning_marks(&article).unwrap());
    // Once only.
    old.with_sync_log(|log| Recorder::new(device_id).record_verdicts_once(log)).unwrap();
    assert_eq!(count(&old), recorded);
}

#[test]
fn verdicts_a_library_held_before_it_synced_reach_a_new_device() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Library::open_in_memory().unwrap();
    let article = import_dated(&mut a, DATED[0]);
    import_dated(&mut a, DATED[1]);
    import_dated(&mut a, DATED[2]);
    let late = late_event(&mut a, &article);
    a.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Dismissed)).unwrap();
    let d = disagreement(&mut a);
    a.set_disagreement_verdict(&d.key, Some(&DisagreementVerdict::Dismissed)).unwrap();
    enable(&mut a, folder.path(), Some("a")).unwrap();
    let mut b = device(folder.path(), "b");
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(mark_of(&mut b, &article), Some(WarningMark::Dismissed));
    assert_eq!(disagreement(&mut b).verdict, Some(DisagreementVerdict::Dismissed));
    assert_eq!(export(&mut a), export(&mut b));
}
