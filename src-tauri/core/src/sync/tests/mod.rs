//! Sync between libraries through a folder, as devices would: each library
//! is a device, a temporary folder is the sync folder.

use std::io::Write;
use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::export::{collect, render, ExportFormat};
use crate::highlight::{Color, HighlightPatch, NewHighlight};
use crate::import::extract_str;
use crate::model::SourceKind;
use crate::store::NewArticle;
use crate::timeline::{DisagreementVerdict, WarningMark};

const TEXTS: [&str; 3] = [
    "The lighthouse keeper wrote every evening.\n\nIn 1911 the lamp was replaced by an electric one.\n\nThe old lens went to a museum in the capital.",
    "Our village council met on 3 March 1952.\n\nThey voted to pave the road to the mill.\n\nThe mill closed four years later.",
    "A letter from the front arrived in June 1916.\n\nIt spoke of rain and of mud.\n\nNobody in the family read it aloud.",
];

/// Dated articles: one whose text dates a thing after its publication (a
/// chronology warning), and two that date the same invasion ten years apart
/// (a disagreement between articles).
pub(super) const DATED: [(&str, &str); 3] = [
    ("The ferry company was founded in 1998. The harbour wall collapsed in March 2016, and the quay was rebuilt.", "2012-05-01"),
    (
        "The ferry kept running all autumn. In October 2001, the United States invaded Afghanistan. Prices at the market doubled.",
        "2004-05-01",
    ),
    ("Grain was short. When the United States invaded Afghanistan in October 2011, the border closed for a week.", "2013-02-01"),
];

pub(super) fn device(folder: &Path, name: &str) -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    enable(&mut lib, folder, Some(name)).unwrap();
    lib
}

pub(super) fn import_dated(lib: &mut Library, (text, published): (&str, &str)) -> String {
    let mut extracted = extract_str(text, crate::import::Format::Text, "test").unwrap();
    extracted.published = Some(published.parse().unwrap());
    let new = NewArticle { extracted, source_kind: SourceKind::Text, source_url: None, raw: None, encoding: None };
    lib.insert_article(new).unwrap().summary.id
}

pub(super) fn import(lib: &mut Library, text: &str) -> String {
    let new = NewArticle {
        extracted: extract_str(text, crate::import::Format::Text, "test").unwrap(),
        source_kind: SourceKind::Text,
        source_url: None,
        raw: None,
        encoding: None,
    };
    lib.insert_article(new).unwrap().summary.id
}

fn highlight(lib: &mut Library, article: &str, start: u32, end: u32, note: &str) -> String {
    let new = NewHighlight { article_id: article.into(), start, end, color: Color::Yellow, note: note.into(), tags: vec!["Ships".into()] };
    lib.create_highlight(&new).unwrap().id
}

fn note(lib: &mut Library, id: &str, text: &str) {
    lib.update_highlight(id, &HighlightPatch { note: Some(text.into()), ..Default::default() }).unwrap();
}

pub(super) fn export(lib: &mut Library) -> String {
    render(&collect(lib, &[]).unwrap(), ExportFormat::Json).unwrap()
}

pub(super) fn sync_all(libs: &mut [&mut Library]) {
    for _ in 0..2 {
        for lib in libs.iter_mut() {
            round(lib).unwrap();
        }
    }
}

#[test]
fn an_article_with_highlights_notes_and_tags_reaches_another_device_with_the_same_ids() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "desk"), device(folder.path(), "laptop"));
    let article = import(&mut a, TEXTS[0]);
    let h = highlight(&mut a, &article, 4, 21, "who kept it");
    let sent = round(&mut a).unwrap();
    assert!(sent.sent >= 2, "{sent:?}");
    let got = round(&mut b).unwrap();
    assert_eq!((got.received, got.articles, got.highlights, got.waiting), (sent.sent, 1, 1, 0), "{got:?}");
    let copy = b.highlight(&h).unwrap();
    assert_eq!(
        (copy.article_id.as_str(), copy.note.as_str(), copy.tags.clone()),
        (article.as_str(), "who kept it", vec!["Ships".to_owned()])
    );
    assert_eq!(b.article(&article).unwrap().text, a.article(&article).unwrap().text);
    assert_eq!(export(&mut a), export(&mut b));
    // Nothing new: a round changes nothing.
    let again = round(&mut b).unwrap();
    assert_eq!((again.sent, again.received, again.articles, again.highlights), (0, 0, 0, 0));
    let status = status(&b).unwrap();
    assert_eq!(status.devices.len(), 1);
    assert_eq!(status.devices[0].name, "desk");
}

#[test]
fn arrivals_change_when_another_device_writes_and_a_round_names_the_articles_it_changed() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "desk"), device(folder.path(), "laptop"));
    round(&mut a).unwrap();
    round(&mut b).unwrap();
    let before = arrivals(&b).unwrap().unwrap();
    // b's own writes are not arrivals.
    let own = import(&mut b, TEXTS[1]);
    round(&mut b).unwrap();
    assert_eq!(arrivals(&b).unwrap(), Some(before));
    let article = import(&mut a, TEXTS[0]);
    highlight(&mut a, &article, 4, 21, "who kept it");
    // a's round sends its article and brings b's.
    assert_eq!(round(&mut a).unwrap().changed, vec![own]);
    assert_ne!(arrivals(&b).unwrap(), Some(before));
    let got = round(&mut b).unwrap();
    assert_eq!(got.changed, vec![article.clone()]);
    assert!(round(&mut a).unwrap().changed.is_empty());
    disable(&mut b).unwrap();
    assert_eq!(arrivals(&b).unwrap(), None);
}

#[test]
fn arrivals_see_a_new_log_once_it_is_whole_without_reading_what_devices_say() {
    let folder = tempfile::tempdir().unwrap();
    let (me, other) = ("6f1c2a9e-0b7d-4e21-9c3a-5d8e7f6a1b20", "0a4b5c6d-7e8f-4a0b-8c1d-2e3f4a5b6c7d");
    for d in [me, other] {
        std::fs::create_dir_all(folder.path().join(d).join("blobs")).unwrap();
    }
    let dir = folder.path().join(other);
    std::fs::write(dir.join("changes.log"), b"old changes").unwrap();
    // What the device says of itself is damaged: arrivals do not depend on it.
    std::fs::write(dir.join("device.json"), b"{ not json").unwrap();
    let before = folder::arrivals(folder.path(), me);
    assert_eq!(folder::arrivals(folder.path(), me), before, "the same folder gives the same fingerprint");
    // A compacted log still being written is not an arrival yet...
    std::fs::write(dir.join(".changes.1.log.tmp"), b"a snapshot, half written").unwrap();
    assert_eq!(folder::arrivals(folder.path(), me), before);
    // ...once renamed it is, though no device file names it yet.
    std::fs::rename(dir.join(".changes.1.log.tmp"), dir.join("changes.1.log")).unwrap();
    let renamed = folder::arrivals(folder.path(), me);
    assert_ne!(renamed, before);
    // This device's own writes are not arrivals.
    std::fs::write(folder.path().join(me).join("changes.log"), b"mine").unwrap();
    assert_eq!(folder::arrivals(folder.path(), me), renamed);
}

#[test]
fn a_library_that_starts_to_sync_sends_what_it_already_holds() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Library::open_in_memory().unwrap();
    let article = import(&mut a, TEXTS[1]);
    let h = highlight(&mut a, &article, 0, 11, "before sync");
    enable(&mut a, folder.path(), Some("old")).unwrap();
    let mut b = device(folder.path(), "new");
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(b.highlight(&h).unwrap().note, "before sync");
    assert_eq!(export(&mut a), export(&mut b));
}

#[test]
fn the_first_recording_is_loaded_from_the_snapshot_only_and_dropped_once_sent() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Library::open_in_memory().unwrap();
    let article = import(&mut a, TEXTS[2]);
    let h = highlight(&mut a, &article, 0, 8, "kept");
    enable(&mut a, folder.path(), Some("a")).unwrap();
    let doc = docs::article_doc(&article);
    // The snapshot holds the recording: loading reads no change, but the
    // change still waits to be sent.
    let stored = a.sync_doc(&doc).unwrap();
    assert!(stored.snapshot.is_some() && stored.changes.is_empty(), "{} rows loaded", stored.changes.len());
    let rows = |lib: &Library| lib.sync_unsent(0, usize::MAX).unwrap().iter().filter(|c| c.doc_id == doc).count();
    assert_eq!(rows(&a), 1);
    // A save after the snapshot is loaded on top of it.
    note(&mut a, &h, "kept, then edited");
    assert_eq!(a.sync_doc(&doc).unwrap().changes.len(), 1);
    assert_eq!(rows(&a), 2);
    // Once in the folder, the held change is dropped; the other stays until
    // the document is compacted again.
    round(&mut a).unwrap();
    assert_eq!(rows(&a), 1);
    assert_eq!(a.sync_doc(&doc).unwrap().changes.len(), 1);
    let mut b = device(folder.path(), "b");
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(b.highlight(&h).unwrap().note, "kept, then edited");
    assert_eq!(export(&mut a), export(&mut b));
}

#[test]
fn concurrent_edits_to_one_note_keep_both() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import(&mut a, TEXTS[0]);
    let h = highlight(&mut a, &article, 4, 21, "The keeper wrote.");
    sync_all(&mut [&mut a, &mut b]);
    note(&mut a, &h, "Early: The keeper wrote.");
    note(&mut b, &h, "The keeper wrote. Every evening.");
    sync_all(&mut [&mut a, &mut b]);
    let merged = a.highlight(&h).unwrap().note;
    assert_eq!(merged, "Early: The keeper wrote. Every evening.");
    assert_eq!(b.highlight(&h).unwrap().note, merged);
    assert_eq!(export(&mut a), export(&mut b));
}

#[test]
fn a_note_edited_while_its_highlight_is_deleted_elsewhere_stays_in_the_trash_with_the_edit() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import(&mut a, TEXTS[2]);
    let h = highlight(&mut a, &article, 0, 8, "first thought");
    sync_all(&mut [&mut a, &mut b]);
    a.delete_highlight(&h).unwrap();
    note(&mut b, &h, "first thought, and a second one");
    sync_all(&mut [&mut a, &mut b]);
    for lib in [&mut a, &mut b] {
        assert!(lib.article_highlights(&article).unwrap().is_empty(), "deleted wins on the page");
    }
    // Recoverable on either device, with the edit made meanwhile.
    let restored = b.restore_highlight(&h).unwrap();
    assert_eq!(restored.note, "first thought, and a second one");
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(a.article_highlights(&article).unwrap().len(), 1);
    assert_eq!(export(&mut a), export(&mut b));
}

#[test]
fn notes_on_a_whole_article_and_event_edits_reach_the_other_device() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import(&mut a, TEXTS[1]);
    let n = a.add_article_note(&article, "Council minutes").unwrap();
    let events = a.events(&article).unwrap();
    let first = events.first().expect("the text has dates").id.clone();
    a.update_event(&first, None, Some("The council meets")).unwrap();
    let last = events.last().unwrap().id.clone();
    a.set_event_hidden(&last, true).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(b.article_notes(&article).unwrap()[0].note, "Council minutes");
    b.events(&article).unwrap(); // the timeline is made when first asked for
    assert_eq!(b.event(&first).unwrap().label, "The council meets");
    assert!(b.event(&last).unwrap().hidden);
    // Shown again and the note edited on the other device: both come back.
    b.set_event_hidden(&last, false).unwrap();
    b.update_article_note(&n.id, "Council minutes, 1952").unwrap();
    sync_all(&mut [&mut a, &mut b]);
    a.events(&article).unwrap();
    assert!(!a.event(&last).unwrap().hidden);
    assert_eq!(a.article_notes(&article).unwrap()[0].note, "Council minutes, 1952");
    assert_eq!(export(&mut a), export(&mut b));
}

#[test]
fn documents_with_many_changes_are_compacted_into_snapshots_and_lose_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import(&mut a, TEXTS[0]);
    let h = highlight(&mut a, &article, 4, 21, "");
    for i in 0..40 {
        note(&mut a, &h, &format!("draft {i}"));
    }
    let doc = docs::article_doc(&article);
    assert!(a.sync_doc(&doc).unwrap().changes.len() > 40);
    round(&mut a).unwrap();
    let stored = a.sync_doc(&doc).unwrap();
    assert!(stored.snapshot.is_some() && stored.changes.is_empty(), "{} rows left", stored.changes.len());
    // A change made after the snapshot, and one device that reads it all.
    note(&mut a, &h, "final");
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(b.highlight(&h).unwrap().note, "final");
    assert!(b.sync_doc(&doc).unwrap().snapshot.is_some(), "the receiver compacts too");
    note(&mut b, &h, "final, from b");
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!(a.highlight(&h).unwrap().note, "final, from b");
    assert_eq!(export(&mut a), export(&mut b));
}

fn other_device(folder: &Path) -> std::path::PathBuf {
    let dir = folder.join(uuid::Uuid::new_v4().hyphenated().to_string());
    std::fs::create_dir_all(dir.join("blobs")).unwrap();
    dir
}

#[test]
fn damaged_or_hostile_log_files_change_nothing_and_wait() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "a");
    let before = export(&mut a);
    let good = chunks::encode("catalogue", b"not an automerge change");
    let mut bad_crc = chunks::encode("catalogue", b"x");
    let last = bad_crc.len() - 1;
    bad_crc[last] ^= 1;
    let mut oversized = chunks::encode("catalogue", b"x");
    oversized[4..8].copy_from_slice(&(chunks::MAX_PAYLOAD as u32 + 1).to_le_bytes());
    let truncated = chunks::encode("article:abc", &[1; 40])[..30].to_vec();
    for file in [good.clone(), bad_crc, oversized, truncated, b"<script>alert(1)</script>".to_vec()] {
        std::fs::write(other_device(folder.path()).join(folder::LOG), file).unwrap();
    }
    // Not a device folder at all: not read.
    std::fs::create_dir_all(folder.path().join("..")).unwrap();
    std::fs::create_dir_all(folder.path().join("not-a-device")).unwrap();
    std::fs::write(folder.path().join("not-a-device").join(folder::LOG), &good).unwrap();
    let report = round(&mut a).unwrap();
    assert_eq!((report.received, report.articles, report.waiting), (0, 0, 5), "{report:?}");
    assert_eq!(export(&mut a), before);
}

fn write_blob_raw(path: &Path, json: &serde_json::Value) {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(json.to_string().as_bytes()).unwrap();
    std::fs::write(path, z.finish().unwrap()).unwrap();
}

#[test]
fn a_blob_must_match_its_hash_and_is_sanitized_again_on_arrival() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import(&mut a, TEXTS[1]);
    round(&mut a).unwrap();
    let stored = a.article(&article).unwrap();
    let blob = folder.path().join(a.sync_config().unwrap().unwrap().device_id).join("blobs").join(format!("{}.z", stored.content_hash));
    assert!(blob.is_file());
    // Another text under this hash: refused, the article waits.
    write_blob_raw(&blob, &serde_json::json!({ "text": "Something else entirely.", "html": "<p>Something else entirely.</p>" }));
    let report = round(&mut b).unwrap();
    assert_eq!((report.articles, report.waiting), (0, 1), "{report:?}");
    assert!(b.article(&article).is_err());
    // Garbage, then an oversized inflation: refused too.
    std::fs::write(&blob, b"not zlib").unwrap();
    assert_eq!(round(&mut b).unwrap().waiting, 1);
    write_blob_raw(&blob, &serde_json::json!({ "text": "x".repeat(1 << 20), "html": "" }));
    assert_eq!(round(&mut b).unwrap().waiting, 1);
    // The right text with a script planted in its HTML: arrives without it.
    let planted = format!("{}<script>alert(1)</script><img src=x onerror=alert(2)>", stored.html);
    write_blob_raw(&blob, &serde_json::json!({ "text": stored.text, "html": planted }));
    let report = round(&mut b).unwrap();
    assert_eq!((report.articles, report.waiting), (1, 0), "{report:?}");
    let copy = b.article(&article).unwrap();
    assert_eq!(copy.text, stored.text);
    assert!(!copy.html.contains("<script") && !copy.html.contains("onerror"), "{}", copy.html);
}

#[test]
fn a_log_still_arriving_is_read_up_to_its_last_whole_chunk_then_finished_later() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    let article = import(&mut a, TEXTS[0]);
    highlight(&mut a, &article, 4, 21, "n");
    let sent = round(&mut a).unwrap().sent;
    let log = folder.path().join(a.sync_config().unwrap().unwrap().device_id).join(folder::LOG);
    let whole = std::fs::read(&log).unwrap();
    std::fs::write(&log, &whole[..whole.len() - 7]).unwrap();
    let first = round(&mut b).unwrap();
    assert_eq!(first.waiting, 1, "{first:?}");
    std::fs::write(&log, &whole).unwrap();
    let second = round(&mut b).unwrap();
    assert_eq!(second.waiting, 0, "{second:?}");
    assert_eq!(first.received + second.received, sent, "{first:?} {second:?}");
    assert_eq!(export(&mut a), export(&mut b));
}

#[derive(Debug, Clone)]
enum Op {
    Import(usize),
    Highlight(usize, u32, u32),
    Recolour(usize, usize),
    Note(usize, String),
    Tag(usize, Vec<&'static str>),
    Delete(usize),
    Hide(usize, usize),
    Show(usize),
    DeleteArticle(usize),
    ArticleNote(usize, String),
    EditArticleNote(usize, String),
    DeleteArticleNote(usize),
    Relabel(usize, usize, String),
    HideEvent(usize, usize, bool),
    /// A setting (a synced one, or this device's own `lastArticle`) given one of a few values.
    Setting(usize, usize),
    /// A verdict on a chronology warning of an event of the library's: taken back, dismissed, a real error.
    MarkWarning(usize, usize),
    /// A verdict on a disagreement between articles: taken back, dismissed, or one event right.
    Verdict(usize, usize),
    Sync,
}

const SETTING_KEYS: [&str; 3] = ["theme", "fontSize", "lastArticle"];

fn setting_value(key: &str, v: usize) -> serde_json::Value {
    match key {
        "theme" => serde_json::json!(["light", "sepia", "dark"][v % 3]),
        "fontSize" => serde_json::json!(16 + v),
        _ => serde_json::json!(format!("article-{v}")),
    }
}

/// The disagreement verdicts a library holds (without their times, which are
/// each device's own clock) and how its timeline shows them.
type Judged = (Vec<(String, Option<crate::store::VerdictEvent>)>, Vec<(String, Option<DisagreementVerdict>)>);

fn verdicts(lib: &mut Library) -> Judged {
    let rows = lib.disagreement_verdicts().unwrap().into_iter().map(|v| (v.key, v.right)).collect();
    let shown = lib.library_timeline(&Default::default()).unwrap().disagreements.into_iter().map(|d| (d.key, d.verdict)).collect();
    (rows, shown)
}

/// The synced settings a library holds.
fn synced_settings(lib: &Library) -> Vec<(String, Option<serde_json::Value>)> {
    crate::store::SYNCED_SETTINGS.iter().map(|k| ((*k).to_owned(), lib.setting(k).unwrap())).collect()
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3 + DATED.len()).prop_map(Op::Import),
        1 => (0..8usize, 0..30u32, 1..12u32).prop_map(|(a, s, l)| Op::Highlight(a, s, l)),
        1 => (0..8usize, 0..5usize).prop_map(|(h, c)| Op::Recolour(h, c)),
        1 => (0..8usize, "[a-z ]{0,8}").prop_map(|(h, s)| Op::Note(h, s)),
        1 => (0..8usize, proptest::sample::subsequence(vec!["war", "Peace", "maps"], 0..3)).prop_map(|(h, t)| Op::Tag(h, t)),
        1 => (0..8usize).prop_map(Op::Delete),
        1 => (0..8usize, 0..3usize).prop_map(|(a, p)| Op::Hide(a, p)),
        1 => (0..8usize).prop_map(Op::Show),
        1 => (0..8usize).prop_map(Op::DeleteArticle),
        1 => (0..8usize, "[a-z]{1,6}").prop_map(|(a, s)| Op::ArticleNote(a, s)),
        1 => (0..8usize, "[a-z ]{1,6}").prop_map(|(a, s)| Op::EditArticleNote(a, s)),
        1 => (0..8usize).prop_map(Op::DeleteArticleNote),
        1 => (0..8usize, 0..3usize, "[a-z]{1,6}").prop_map(|(a, e, s)| Op::Relabel(a, e, s)),
        1 => (0..8usize, 0..3usize, any::<bool>()).prop_map(|(a, e, h)| Op::HideEvent(a, e, h)),
        1 => (0..3usize, 0..3usize).prop_map(|(k, v)| Op::Setting(k, v)),
        3 => (0..8usize, 0..3usize).prop_map(|(e, m)| Op::MarkWarning(e, m)),
        3 => (0..3usize, 0..4usize).prop_map(|(d, v)| Op::Verdict(d, v)),
        2 => Just(Op::Sync),
    ]
}

fn first_note(lib: &Library, article: Option<String>) -> Option<crate::model::ArticleNote> {
    lib.article_notes(&article?).ok()?.into_iter().next()
}

fn pick_event(lib: &mut Library, article: Option<String>, i: usize) -> Option<String> {
    let events = lib.events(&article?).ok()?;
    events.get(i % events.len().max(1)).map(|e| e.id.clone())
}

/// Applies `op` to the library as a reader would; refusals (a span over a
/// hidden paragraph, say) are part of the game.
fn apply(lib: &mut Library, op: &Op) {
    let articles: Vec<String> = lib.list_articles(&Default::default()).unwrap().into_iter().map(|a| a.id).collect();
    let highlights: Vec<crate::highlight::Highlight> = articles.iter().flat_map(|a| lib.article_highlights(a).unwrap()).collect();
    let pick_a = |i: usize| articles.get(i % articles.len().max(1)).cloned();
    let pick_h = |i: usize| highlights.get(i % highlights.len().max(1)).map(|h| h.id.clone());
    let _ = match op {
        Op::Import(t) => {
            match TEXTS.get(*t) {
                Some(text) => import(lib, text),
                None => import_dated(lib, DATED[t - TEXTS.len()]),
            };
            Ok(())
        }
        Op::Highlight(a, s, l) => pick_a(*a).map_or(Ok(()), |a| {
            let new = NewHighlight { article_id: a, start: *s, end: s + l, color: Color::Blue, note: String::new(), tags: vec![] };
            lib.create_highlight(&new).map(|_| ())
        }),
        Op::Recolour(h, c) => pick_h(*h).map_or(Ok(()), |h| {
            lib.update_highlight(&h, &HighlightPatch { color: Some(Color::ALL[*c]), ..Default::default() }).map(|_| ())
        }),
        Op::Note(h, s) => pick_h(*h).map_or(Ok(()), |h| {
            let old = lib.highlight(&h).unwrap().note;
            let at = old.len() / 2;
            let new = format!("{}{s}{}", &old[..at], &old[at..]);
            lib.update_highlight(&h, &HighlightPatch { note: Some(new), ..Default::default() }).map(|_| ())
        }),
        Op::Tag(h, t) => pick_h(*h).map_or(Ok(()), |h| {
            let tags = t.iter().map(|s| s.to_string()).collect();
            lib.update_highlight(&h, &HighlightPatch { tags: Some(tags), ..Default::default() }).map(|_| ())
        }),
        Op::Delete(h) => pick_h(*h).map_or(Ok(()), |h| lib.delete_highlight(&h)),
        Op::Hide(a, p) => pick_a(*a).map_or(Ok(()), |a| {
            let text = lib.article(&a).unwrap().text;
            let starts: Vec<u32> = crate::import::paragraph_ranges(&text).iter().map(|r| r.start).collect();
            lib.hide_paragraphs(&a, &[starts[p % starts.len()]]).map(|_| ())
        }),
        Op::Show(a) => pick_a(*a).map_or(Ok(()), |a| {
            let starts: Vec<u32> = lib.hidden_ranges(&a).unwrap().iter().map(|r| r.start).collect();
            lib.restore_paragraphs(&a, &starts).map(|_| ())
        }),
        Op::DeleteArticle(a) => pick_a(*a).map_or(Ok(()), |a| lib.delete_article(&a)),
        Op::ArticleNote(a, s) => pick_a(*a).map_or(Ok(()), |a| lib.add_article_note(&a, s).map(|_| ())),
        Op::EditArticleNote(a, s) => first_note(lib, pick_a(*a)).map_or(Ok(()), |n| {
            let at = n.note.len() / 2;
            lib.update_article_note(&n.id, &format!("{}{s}{}", &n.note[..at], &n.note[at..])).map(|_| ())
        }),
        Op::DeleteArticleNote(a) => first_note(lib, pick_a(*a)).map_or(Ok(()), |n| lib.delete_article_note(&n.id)),
        Op::Relabel(a, e, s) => pick_event(lib, pick_a(*a), *e).map_or(Ok(()), |id| lib.update_event(&id, None, Some(s)).map(|_| ())),
        Op::HideEvent(a, e, h) => pick_event(lib, pick_a(*a), *e).map_or(Ok(()), |id| lib.set_event_hidden(&id, *h).map(|_| ())),
        Op::Setting(k, v) => lib.set_setting(SETTING_KEYS[*k], &setting_value(SETTING_KEYS[*k], *v)),
        Op::MarkWarning(e, m) => {
            let warned: Vec<crate::timeline::TimelineEvent> =
                articles.iter().flat_map(|a| lib.events(a).unwrap_or_default()).filter(|e| !e.warnings.is_empty()).collect();
            warned.get(e % warned.len().max(1)).map_or(Ok(()), |ev| {
                let mark = [None, Some(WarningMark::Dismissed), Some(WarningMark::Error)][*m];
                lib.mark_warning(&ev.id, ev.warnings[0].kind, mark).map(|_| ())
            })
        }
        Op::Verdict(d, v) => {
            let found = lib.library_timeline(&Default::default()).map(|t| t.disagreements).unwrap_or_default();
            found.get(d % found.len().max(1)).map_or(Ok(()), |dis| {
                let verdict = match v {
                    0 => None,
                    1 => Some(DisagreementVerdict::Dismissed),
                    _ => Some(DisagreementVerdict::Right { event_id: dis.events[v % dis.events.len()].event.id.clone() }),
                };
                lib.set_disagreement_verdict(&dis.key, verdict.as_ref())
            })
        }
        Op::Sync => round(lib).map(|_| ()),
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random operations on two or three devices, synced in random orders
    /// along the way: once every device has run its rounds, all exports are
    /// byte-identical.
    #[test]
    fn libraries_converge(n in 2..=3usize, script in proptest::collection::vec((0..3usize, op()), 1..40)) {
        let folder = tempfile::tempdir().unwrap();
        let mut libs: Vec<Library> = (0..n).map(|i| device(folder.path(), &format!("d{i}"))).collect();
        for (who, op) in &script {
            apply(&mut libs[who % n], op);
        }
        for _ in 0..2 {
            for lib in libs.iter_mut() {
                round(lib).unwrap();
            }
        }
        let first = export(&mut libs[0]);
        let settings = synced_settings(&libs[0]);
        let judged = verdicts(&mut libs[0]);
        for lib in libs.iter_mut().skip(1) {
            prop_assert_eq!(&export(lib), &first);
            prop_assert_eq!(&synced_settings(lib), &settings);
            prop_assert_eq!(&verdicts(lib), &judged);
        }
    }
}

#[test]
fn the_readers_settings_travel_and_this_devices_own_stay() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (device(folder.path(), "a"), device(folder.path(), "b"));
    a.set_setting("theme", &serde_json::json!("sepia")).unwrap();
    a.set_setting("fontSize", &serde_json::json!(22)).unwrap();
    a.set_setting("lastArticle", &serde_json::json!("on-a")).unwrap();
    b.set_setting("lastArticle", &serde_json::json!("on-b")).unwrap();
    round(&mut a).unwrap();
    let got = round(&mut b).unwrap();
    assert!(got.settings, "{got:?}");
    assert_eq!(b.setting("theme").unwrap(), Some(serde_json::json!("sepia")));
    assert_eq!(b.setting("fontSize").unwrap(), Some(serde_json::json!(22)));
    assert_eq!(b.setting("lastArticle").unwrap(), Some(serde_json::json!("on-b")));
    // Both change the theme before they sync: both end with the same one.
    a.set_setting("theme", &serde_json::json!("dark")).unwrap();
    b.set_setting("theme", &serde_json::json!("light")).unwrap();
    for _ in 0..2 {
        round(&mut a).unwrap();
        round(&mut b).unwrap();
    }
    assert_eq!(a.setting("theme").unwrap(), b.setting("theme").unwrap());
    assert_eq!(a.setting("lastArticle").unwrap(), Some(serde_json::json!("on-a")));
}

#[test]
fn a_library_that_starts_to_sync_sends_its_settings() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Library::open_in_memory().unwrap();
    a.set_setting("timelineOpen", &serde_json::json!(false)).unwrap();
    crate::sync::enable(&mut a, folder.path(), Some("a")).unwrap();
    round(&mut a).unwrap();
    let mut b = device(folder.path(), "b");
    round(&mut b).unwrap();
    assert_eq!(b.setting("timelineOpen").unwrap(), Some(serde_json::json!(false)));
}

#[test]
fn folding_changes_into_a_snapshot_leaves_the_documents_version_and_a_warmed_article_saves() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "a");
    let article = import(&mut a, TEXTS[0]);
    let doc = docs::article_doc(&article);
    a.warm_sync(&article).unwrap();
    let ids: Vec<String> = (0..40).map(|i| highlight(&mut a, &article, i, i + 5, "")).collect();
    for id in &ids {
        note(&mut a, id, "kept");
    }
    let before = (a.sync_doc_version(&doc).unwrap(), a.sync_doc(&doc).unwrap().changes.len());
    round(&mut a).unwrap();
    let after = (a.sync_doc_version(&doc).unwrap(), a.sync_doc(&doc).unwrap().changes.len());
    // Folded: the changes went into the snapshot, the document says the same,
    // so a recorder's loaded copy of it is still good.
    assert!(after.1 < before.1, "{before:?} {after:?}");
    assert_eq!(after.0, before.0);
    highlight(&mut a, &article, 50, 60, "after the fold");
    let mut b = device(folder.path(), "b");
    round(&mut a).unwrap();
    round(&mut b).unwrap();
    assert_eq!(export(&mut a), export(&mut b));
}

mod books;
mod layout;
mod log_compaction;
mod verdicts;
