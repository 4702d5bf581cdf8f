//! The change seam: every change to the reader's data reaches the library's
//! sink once, inside its transaction, with the ids and values it sets; what
//! is rolled back is reported as such; derived data (extracted events,
//! re-anchoring) records nothing of its own; a sink can refuse a change.
//! A recorder as the sync of libraries will plug in, on a scripted session.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use sidenote_core::export::{collect, render, ExportFormat};
use sidenote_core::import::{load_bytes, Format};
use sidenote_core::notes_import::import_notes_str;
use sidenote_core::store::{PairedSinks, SyncLog};
use sidenote_core::{Change, ChangeSink, Color, HighlightPatch, Library, NewHighlight, Outcome};

/// Keeps the changes of committed transactions, as JSON; drops rolled-back ones.
#[derive(Default)]
struct Recorder {
    committed: Arc<Mutex<Vec<Value>>>,
    pending: Vec<Value>,
    /// A kind of change this recorder refuses (as a sync recorder might when its log is full).
    refuse: Option<&'static str>,
}

impl ChangeSink for Recorder {
    fn record(&mut self, change: &Change<'_>, _log: &mut SyncLog<'_>) -> sidenote_core::Result<()> {
        let value = serde_json::to_value(change).expect("a change is JSON");
        if self.refuse.is_some_and(|kind| value["change"] == kind) {
            return Err(sidenote_core::Error::Invalid("the recorder refused the change".into()));
        }
        self.pending.push(value);
        Ok(())
    }

    fn committed(&mut self) {
        self.committed.lock().unwrap().append(&mut self.pending);
    }

    fn rolled_back(&mut self) {
        self.pending.clear();
    }
}

fn record(lib: &mut Library) -> Arc<Mutex<Vec<Value>>> {
    let recorder = Recorder::default();
    let log = recorder.committed.clone();
    lib.set_change_sink(Box::new(recorder));
    log
}

fn take(log: &Arc<Mutex<Vec<Value>>>) -> Vec<Value> {
    std::mem::take(&mut *log.lock().unwrap())
}

fn kinds(changes: &[Value]) -> Vec<&str> {
    changes.iter().map(|c| c["change"].as_str().unwrap()).collect()
}

const TEXT: &str = "Harbour notes\n\nThe pier was rebuilt in 1887 after a winter storm had carried most of it away.\n\n\
                    Visitors still climb to the lighthouse gallery to look down on the rebuilt pier, as they did in 1999.\n\n\
                    The ferry service returned in 1923 and ran twice a day until the war began.";

#[test]
fn every_change_of_a_session_is_recorded_once_with_its_values() {
    let mut lib = Library::open_in_memory().unwrap();
    let log = record(&mut lib);

    let Outcome::Imported(article) = lib.import_loaded(load_bytes("harbour.txt", TEXT.as_bytes().to_vec(), Format::Text).unwrap()).unwrap()
    else {
        panic!("not imported")
    };
    let id = article.summary.id.clone();
    let cp = |needle: &str| article.text[..article.text.find(needle).unwrap()].chars().count() as u32;
    // Importing the same text again stores nothing, and records nothing.
    lib.import_loaded(load_bytes("again.txt", TEXT.as_bytes().to_vec(), Format::Text).unwrap()).unwrap();
    let added = take(&log);
    assert_eq!(kinds(&added), ["articleAdded"]);
    assert_eq!((&added[0]["id"], &added[0]["title"], &added[0]["sourceKind"]), (&json!(id), &json!("Harbour notes"), &json!("text")));
    assert_eq!(added[0]["text"], json!(article.text));
    assert_eq!(added[0]["contentHash"], json!(article.content_hash));

    // The timeline is derived data: extracting it records nothing.
    let events = lib.events(&id).unwrap();
    assert!(take(&log).is_empty());

    let pier = cp("The pier");
    let h = lib
        .create_highlight(&NewHighlight {
            article_id: id.clone(),
            start: pier,
            end: pier + 8,
            color: Color::Yellow,
            note: String::new(),
            tags: vec![],
        })
        .unwrap();
    let patch =
        HighlightPatch { color: Some(Color::Blue), note: Some("Which storm?".into()), tags: Some(vec!["Storms".into(), " piers ".into()]) };
    lib.update_highlight(&h.id, &patch).unwrap();
    lib.delete_highlight(&h.id).unwrap();
    lib.restore_highlight(&h.id).unwrap();
    lib.restore_highlight(&h.id).unwrap(); // already live: no change
    lib.reattach_highlight(&h.id, pier + 4, pier + 8).unwrap();
    let promo = cp("Visitors");
    lib.hide_paragraphs(&id, &[promo]).unwrap();
    assert!(lib.hide_paragraphs(&id, &[pier]).is_err(), "a paragraph with a highlight is not hidden");
    lib.restore_paragraphs(&id, &[promo, 9999]).unwrap();
    let ferry = cp("The ferry");
    let mine = lib.add_event(&id, ferry, ferry + 9, "spring 1924", Some("Ferries back")).unwrap();
    lib.update_event(&events[0].id, Some("June 1887"), None).unwrap();
    lib.set_event_hidden(&mine.id, true).unwrap();
    lib.set_setting("theme", &json!("sepia")).unwrap();
    lib.update_article_metadata(&id, "Harbour history", Some("A. Keeper"), Some("2010-05-02".parse().unwrap())).unwrap();
    let reread = lib.redecode(&id, "windows-1252").unwrap().article;
    lib.delete_article(&id).unwrap();

    let changes = take(&log);
    assert_eq!(
        kinds(&changes),
        [
            "highlightCreated",
            "highlightRecoloured",
            "highlightNoteChanged",
            "highlightTagged",
            "highlightDeleted",
            "highlightRestored",
            "highlightReattached",
            "paragraphHidden",
            "paragraphShown",
            "eventAdded",
            "eventEdited",
            "eventHidden",
            "settingChanged",
            "articleMetadataEdited",
            "articleTextReplaced",
            "articleDeleted",
        ]
    );
    let by_kind = |kind: &str| changes.iter().find(|c| c["change"] == kind).unwrap();
    let created = &by_kind("highlightCreated")["highlight"];
    assert_eq!(
        (&created["id"], &created["articleId"], &created["exact"], &created["start"]),
        (&json!(h.id), &json!(id), &json!("The pier"), &json!(pier))
    );
    assert_eq!((&by_kind("highlightRecoloured")["id"], &by_kind("highlightRecoloured")["color"]), (&json!(h.id), &json!("blue")));
    assert_eq!(by_kind("highlightNoteChanged")["note"], json!("Which storm?"));
    assert_eq!(by_kind("highlightTagged")["tags"], json!(["piers", "Storms"]), "the tags as stored: trimmed, sorted");
    assert_eq!(by_kind("highlightReattached")["exact"], json!("pier"));
    assert_eq!(by_kind("paragraphHidden"), &json!({"change": "paragraphHidden", "articleId": id, "start": promo, "end": ferry - 2}));
    assert_eq!(by_kind("paragraphShown"), &json!({"change": "paragraphShown", "articleId": id, "start": promo}));
    let event = &by_kind("eventAdded")["event"];
    assert_eq!(
        (&event["id"], &event["origin"], &event["value"], &event["label"]),
        (&json!(mine.id), &json!("user"), &json!("1924-SP"), &json!("Ferries back"))
    );
    assert_eq!((&by_kind("eventEdited")["id"], &by_kind("eventEdited")["value"]), (&json!(events[0].id), &json!("1887-06")));
    assert_eq!((&by_kind("eventHidden")["id"], &by_kind("eventHidden")["hidden"]), (&json!(mine.id), &json!(true)));
    assert_eq!(by_kind("settingChanged"), &json!({"change": "settingChanged", "key": "theme", "value": "sepia"}));
    let edited = by_kind("articleMetadataEdited");
    assert_eq!(
        (&edited["title"], &edited["byline"], &edited["published"]),
        (&json!("Harbour history"), &json!("A. Keeper"), &json!("2010-05-02"))
    );
    let replaced = by_kind("articleTextReplaced");
    assert_eq!((&replaced["id"], &replaced["encoding"]), (&json!(id), &json!("windows-1252")));
    assert_eq!((&replaced["text"], &replaced["html"]), (&json!(reread.text), &json!(reread.html)));
    assert_eq!(by_kind("articleDeleted")["id"], json!(id));
}

#[test]
fn a_notes_import_records_what_it_adds_and_a_refused_one_records_nothing() {
    let mut source = Library::open_in_memory().unwrap();
    let Outcome::Imported(article) = source.import_loaded(load_bytes("h.txt", TEXT.as_bytes().to_vec(), Format::Text).unwrap()).unwrap()
    else {
        panic!("not imported")
    };
    source.create_highlight_from_quote(&article.summary.id, "winter storm", None, Color::Pink, "*cold*", &["weather".into()]).unwrap();
    let ferry = article.text.find("The ferry").unwrap() as u32;
    source.add_event(&article.summary.id, ferry, ferry + 9, "1924", Some("Back again")).unwrap();
    let json = render(&collect(&mut source, &[]).unwrap(), ExportFormat::Json).unwrap();

    let mut lib = Library::open_in_memory().unwrap();
    let log = record(&mut lib);
    let mut broken: Value = serde_json::from_str(&json).unwrap();
    broken["first"]["items"][1]["target"]["selector"][1]["end"] = json!(100_000);
    assert!(import_notes_str(&mut lib, &broken.to_string(), "broken.json").is_err());
    assert!(take(&log).is_empty(), "the article added before the bad annotation was rolled back, and so was its change");

    import_notes_str(&mut lib, &json, "notes.json").unwrap();
    let changes = take(&log);
    assert_eq!(kinds(&changes), ["articleAdded", "highlightCreated", "eventAdded"]);
    assert_eq!(changes[0]["id"], json!(article.summary.id), "restored under its own id");
    assert_eq!(changes[1]["highlight"]["note"], json!("*cold*"));
    assert_eq!(changes[2]["event"]["label"], json!("Back again"));
    import_notes_str(&mut lib, &json, "notes.json").unwrap();
    assert!(take(&log).is_empty(), "the second import adds nothing");

    // Kindle clippings: a book's article, then its text grown by a new clipping.
    let clip = |at: &str, text: &str| {
        format!("Tides (Ada Quill)\n- Your Highlight at location {at} | Added on Monday, 3 March 2025 10:00:00\n\n{text}\n==========\n")
    };
    let first = clip("10-12", "The sea wall held through the winter storms.");
    import_notes_str(&mut lib, &first, "My Clippings.txt").unwrap();
    assert_eq!(kinds(&take(&log)), ["articleAdded", "highlightCreated"]);
    let grown = format!("{first}{}", clip("40-41", "The harbour lights were lit at dusk."));
    import_notes_str(&mut lib, &grown, "My Clippings.txt").unwrap();
    let changes = take(&log);
    assert_eq!(kinds(&changes), ["articleTextReplaced", "highlightCreated"]);
    assert!(changes[0]["text"].as_str().unwrap().ends_with("\n\nThe harbour lights were lit at dusk."));
}

#[test]
fn a_sink_that_refuses_a_change_rolls_its_transaction_back() {
    let mut lib = Library::open_in_memory().unwrap();
    let Outcome::Imported(article) = lib.import_loaded(load_bytes("h.txt", TEXT.as_bytes().to_vec(), Format::Text).unwrap()).unwrap()
    else {
        panic!("not imported")
    };
    let h = lib.create_highlight_from_quote(&article.summary.id, "winter storm", None, Color::Green, "", &[]).unwrap();
    let refusing = Recorder { refuse: Some("highlightDeleted"), ..Default::default() };
    let log = refusing.committed.clone();
    lib.set_change_sink(Box::new(refusing));
    let err = lib.delete_highlight(&h.id).unwrap_err();
    assert!(err.to_string().contains("refused"), "{err}");
    assert_eq!(lib.highlight(&h.id).unwrap(), h, "the delete was rolled back");
    lib.update_highlight(&h.id, &HighlightPatch { color: Some(Color::Purple), ..Default::default() }).unwrap();
    assert_eq!(kinds(&take(&log)), ["highlightRecoloured"]);
}

#[test]
fn paired_sinks_both_hear_each_change_and_a_refusal_by_the_first_reaches_neither() {
    let mut lib = Library::open_in_memory().unwrap();
    let Outcome::Imported(article) = lib.import_loaded(load_bytes("h.txt", TEXT.as_bytes().to_vec(), Format::Text).unwrap()).unwrap()
    else {
        panic!("not imported")
    };
    let first = Recorder { refuse: Some("highlightDeleted"), ..Default::default() };
    let second = Recorder::default();
    let (first_log, second_log) = (first.committed.clone(), second.committed.clone());
    lib.set_change_sink(Box::new(PairedSinks::new(Box::new(first), Box::new(second))));
    let h = lib.create_highlight_from_quote(&article.summary.id, "winter storm", None, Color::Green, "", &[]).unwrap();
    assert_eq!(kinds(&take(&first_log)), ["highlightCreated"]);
    assert_eq!(kinds(&take(&second_log)), ["highlightCreated"]);
    lib.delete_highlight(&h.id).unwrap_err();
    assert_eq!(lib.highlight(&h.id).unwrap(), h, "the delete was rolled back");
    assert!(take(&first_log).is_empty() && take(&second_log).is_empty(), "a rolled-back change is committed by neither");
}

#[test]
fn a_verdict_on_a_warning_is_a_change_and_re_extraction_records_none() {
    let mut lib = Library::open_in_memory().unwrap();
    let text =
        "Harbour notes\n\nThe ferry company was founded in 1998. The harbour wall collapsed in March 2016, and the quay was rebuilt.";
    let mut loaded = load_bytes("wall.txt", text.as_bytes().to_vec(), Format::Text).unwrap();
    loaded.extracted.published = Some("2012-05-01".parse().unwrap());
    let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
    let id = article.summary.id;
    let log = record(&mut lib);
    let late = lib.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
    assert!(take(&log).is_empty(), "extraction is derived data");
    let kind = late.warnings[0].kind;

    lib.mark_warning(&late.id, kind, Some(sidenote_core::timeline::WarningMark::Error)).unwrap();
    let marked = take(&log);
    assert_eq!(kinds(&marked), ["warningMarked"]);
    let c = &marked[0];
    assert_eq!(
        (&c["articleId"], &c["start"], &c["end"], &c["exact"]),
        (&json!(id), &json!(late.start), &json!(late.end), &json!("March 2016"))
    );
    assert_eq!((&c["warning"]["kind"], &c["warning"]["mark"]), (&json!("after_publication"), &json!("error")));

    lib.refresh_events(&id).unwrap();
    assert!(take(&log).is_empty(), "the verdict outlives re-extraction without a change of its own");
    let late = lib.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
    lib.mark_warning(&late.id, kind, None).unwrap();
    let back = take(&log);
    assert_eq!(kinds(&back), ["warningMarked"]);
    assert!(back[0]["warning"].get("mark").is_none_or(Value::is_null), "taken back: no verdict: {back:?}");
}
