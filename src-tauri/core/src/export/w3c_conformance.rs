//! The W3C export checked against each requirement ("MUST") of the Web
//! Annotation Data Model that applies to what we write, restated in our own
//! words, over exports of our fixture, of a library filled by importers, and
//! of an empty library.

use serde_json::Value;

use super::fixtures::notes;
use super::{collect, render, ExportFormat};
use crate::notes_import::import_notes_str;
use crate::store::Library;

const ANNO: &str = "http://www.w3.org/ns/anno.jsonld";
/// The motivations the model defines (a body's purpose is one of them too).
const MOTIVATIONS: &[&str] = &[
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

/// An IRI: a scheme, a colon, something after it, and no spaces.
fn is_iri(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    !rest.is_empty()
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !s.contains(char::is_whitespace)
}

/// An `urn:uuid:` IRI holds a well-formed UUID.
fn check_urn_uuid(v: &Value, what: &str) {
    if let Some(id) = v.as_str().and_then(|s| s.strip_prefix("urn:uuid:")) {
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{what}: {v} is not a UUID URN");
    }
}

/// One or more types, `kind` among them.
fn has_type(v: &Value, kind: &str) -> bool {
    match &v["type"] {
        Value::String(s) => s == kind,
        Value::Array(a) => a.iter().any(|t| t == kind),
        _ => false,
    }
}

/// A time in xsd:dateTime with the UTC zone written as `Z`.
fn check_time(v: &Value, what: &str) {
    if v.is_null() {
        return;
    }
    let s = v.as_str().unwrap_or_else(|| panic!("{what}: a time must be a string"));
    assert!(s.ends_with('Z'), "{what}: {s} is not in UTC written as Z");
    assert!(chrono::DateTime::parse_from_rfc3339(s).is_ok(), "{what}: {s} is not an xsd:dateTime");
}

fn check_selector(s: &Value, what: &str) {
    match s["type"].as_str() {
        Some("TextQuoteSelector") => {
            // Exactly one `exact`; `prefix` and `suffix` at most one each.
            assert!(s["exact"].is_string(), "{what}: a TextQuoteSelector without exactly one exact");
            for k in ["prefix", "suffix"] {
                assert!(s[k].is_null() || s[k].is_string(), "{what}: {k} must be one string");
            }
        }
        Some("TextPositionSelector") => {
            // Exactly one start and one end, non-negative integers, start <= end.
            let (a, b) = (s["start"].as_u64(), s["end"].as_u64());
            assert!(a.is_some() && b.is_some(), "{what}: a TextPositionSelector needs a non-negative start and end: {s}");
            assert!(a <= b, "{what}: start after end: {s}");
        }
        other => panic!("{what}: a selector of unknown type {other:?}"),
    }
}

fn check_annotation(a: &Value, index: usize) {
    let what = format!("annotation {index}");
    // Exactly one IRI identifying it.
    assert!(is_iri(&a["id"]), "{what}: no single IRI id: {}", a["id"]);
    check_urn_uuid(&a["id"], &what);
    // One or more types, Annotation among them.
    assert!(has_type(a, "Annotation"), "{what}: not typed Annotation");
    // Motivations are of the model's list.
    if let Some(m) = a.get("motivation") {
        let list: Vec<&Value> = m.as_array().map_or_else(|| vec![m], |l| l.iter().collect());
        for m in list {
            assert!(m.as_str().is_some_and(|m| MOTIVATIONS.contains(&m)), "{what}: motivation {m} is not the model's");
        }
    }
    check_time(&a["created"], &what);
    check_time(&a["modified"], &what);
    // Bodies: a TextualBody has exactly one value, a string; a purpose is a motivation.
    let bodies: Vec<&Value> = match &a["body"] {
        Value::Null => Vec::new(),
        Value::Array(l) => l.iter().collect(),
        one => vec![one],
    };
    for b in bodies {
        if has_type(b, "TextualBody") {
            assert!(b["value"].is_string(), "{what}: a TextualBody without exactly one value");
        }
        if let Some(p) = b.get("purpose") {
            assert!(p.as_str().is_some_and(|p| MOTIVATIONS.contains(&p)), "{what}: purpose {p} is not a motivation");
        }
        if let Some(f) = b.get("format") {
            assert!(f.is_string(), "{what}: a format is one media type");
        }
    }
    // One or more targets: each an IRI, or a SpecificResource with exactly one source.
    let targets: Vec<&Value> = match &a["target"] {
        Value::Null => panic!("{what}: no target"),
        Value::Array(l) => l.iter().collect(),
        one => vec![one],
    };
    assert!(!targets.is_empty(), "{what}: no target");
    for t in targets {
        if t.is_string() {
            assert!(is_iri(t), "{what}: target {t} is not an IRI");
            check_urn_uuid(t, &what);
            continue;
        }
        assert!(is_iri(&t["source"]), "{what}: a specific resource needs exactly one source IRI: {t}");
        check_urn_uuid(&t["source"], &what);
        let selectors: Vec<&Value> = match &t["selector"] {
            Value::Null => Vec::new(),
            Value::Array(l) => l.iter().collect(),
            one => vec![one],
        };
        for s in selectors {
            check_selector(s, &what);
        }
    }
}

/// Every requirement on the collection, its page and their annotations.
fn check_document(json: &str) -> usize {
    let v: Value = serde_json::from_str(json).expect("JSON");
    // The context: one or more values, the model's among them (first, as advised).
    match &v["@context"] {
        Value::String(s) => assert_eq!(s, ANNO),
        Value::Array(l) => assert_eq!(l[0], ANNO, "the Web Annotation context comes first"),
        other => panic!("no @context: {other}"),
    }
    // The collection: exactly one IRI id, typed AnnotationCollection.
    assert!(is_iri(&v["id"]), "the collection needs exactly one IRI id: {}", v["id"]);
    check_urn_uuid(&v["id"], "collection");
    assert!(has_type(&v, "AnnotationCollection"));
    let total = v["total"].as_u64().expect("total is a non-negative integer") as usize;
    if total == 0 {
        assert!(v["first"].is_null(), "no page when there is nothing to page");
        return 0;
    }
    // With annotations, a first page; ours is embedded, with exactly one IRI id.
    let page = &v["first"];
    assert!(is_iri(&page["id"]), "the page needs exactly one IRI id");
    check_urn_uuid(&page["id"], "page");
    assert_ne!(page["id"], v["id"], "the page is not the collection");
    assert!(has_type(page, "AnnotationPage"));
    // A page names the collection it is part of, by its IRI.
    assert_eq!(page["partOf"], v["id"]);
    assert_eq!(page["startIndex"], 0);
    // Its items: a list of one or more annotations.
    let items = page["items"].as_array().expect("the page's items are a list");
    assert!(!items.is_empty());
    assert_eq!(items.len(), total, "total counts the annotations");
    // The one page is also the last one.
    assert_eq!(v["last"], page["id"]);
    let mut ids = std::collections::HashSet::new();
    for (i, a) in items.iter().enumerate() {
        check_annotation(a, i);
        assert!(ids.insert(a["id"].as_str().unwrap().to_owned()), "annotation ids are distinct");
    }
    total
}

#[test]
fn the_fixture_export_meets_every_requirement() {
    let json = render(&notes(), ExportFormat::Json).unwrap();
    assert_eq!(check_document(&json), 9);
}

#[test]
fn an_imported_library_and_an_empty_one_export_conforming_documents() {
    let mut lib = Library::open_in_memory().unwrap();
    assert_eq!(check_document(&render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap()), 0);
    let clippings = include_str!("../notes_import/testdata/my_clippings.txt");
    import_notes_str(&mut lib, clippings, "My Clippings.txt").unwrap();
    let hypothesis = r#"{"total": 2, "rows": [
        {"id": "hA1", "uri": "https://example.org/tides", "created": "2025-03-01T10:00:00.000000+01:00",
         "updated": "2025-03-01T10:00:00.000000+01:00", "text": "A page note.", "tags": [], "target": [{"source": "https://example.org/tides"}],
         "document": {"title": ["Tides"]}},
        {"id": "hA2", "uri": "https://example.org/tides", "created": "2025-03-01T11:00:00.000000+00:00", "text": "", "tags": ["sea"],
         "target": [{"source": "https://example.org/tides", "selector": [{"type": "TextQuoteSelector", "exact": "high water"}]}],
         "document": {"title": ["Tides"]}}]}"#;
    import_notes_str(&mut lib, hypothesis, "h.json").unwrap();
    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    let total = check_document(&json);
    assert!(total >= 8, "six Kindle highlights, one Hypothesis highlight and its page note: {total}");
    // The same library exports the same ids.
    let again = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    assert_eq!(json, again);
}
