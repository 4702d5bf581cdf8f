//! The checks the fuzz targets in `fuzz/` run on every input, kept here so the
//! stable test `tests/fuzz_regressions.rs` replays saved inputs through exactly
//! the same code (`cargo test` needs no nightly and no cargo-fuzz).
//!
//! Each function takes the raw bytes libFuzzer produces, runs one untrusted
//! input path and panics (through `assert!`) when an invariant of that path
//! does not hold; an `Err` from the code under test is an accepted outcome.
//! A crate of its own, used only by the fuzz targets and that test, so none
//! of it ships in the app; it reaches the core through its public API only.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "fuzz invariants: a panic is how a fuzzer reports a finding")]

/// EPUBs built by the tests (its own crate, so the end-to-end tests can use it without the core).
pub use sidenote_epub_builder as epub_builder;

use chrono::NaiveDate;
use dom_query::Document;

use sidenote_core::anchor::{AnchorMethod, Text, CONTEXT_LEN};
use sidenote_core::import::{self, Format, Source};
use sidenote_core::notes_import::{hypothesis, import_notes_bytes, kindle, readwise_csv, sidenote_json, NotesImportReport};
use sidenote_core::timex::{self, Gran, Reference, TenseReader};
use sidenote_core::{HighlightFilter, Library};

/// A check: takes the fuzzer's bytes, panics on a broken invariant.
pub type Check = fn(&[u8]);

/// The targets, by the name of their fuzz target and regression folder.
pub const TARGETS: &[(&str, Check)] = &[
    ("html_import", html_import),
    ("text_import", text_import),
    ("timex_tag", timex_tag),
    ("anchoring", anchoring),
    ("notes_json", notes_json),
    ("notes_csv", notes_csv),
    ("notes_kindle", notes_kindle),
    ("notes_hypothesis", notes_hypothesis),
    ("notes_omnivore", notes_omnivore),
    ("epub_import", epub_import),
    ("passage_link", passage_link),
    ("vault_note", vault_note),
];

/// The HTML importer (decoding, Readability extraction, sanitizer, layout).
/// The first byte picks whether the page has an address (which resolves
/// relative links) and an HTTP charset; the rest is the page's bytes.
pub fn html_import(data: &[u8]) {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let url = (flags & 1 == 1).then_some("https://fuzz.test/dir/page.html");
    let http_charset = match flags >> 1 & 3 {
        1 => Some("utf-8"),
        2 => Some("windows-1252"),
        3 => Some("shift_jis"),
        _ => None,
    };
    let source = Source { what: "fuzz.html", bytes: bytes.to_vec(), format: Format::Html, url, http_charset };
    if let Ok(loaded) = import::load_source(source) {
        check_extracted(&loaded.extracted);
        assert!(!loaded.extracted.title.contains('\n'), "the title spans lines: {:?}", loaded.extracted.title);
    }
}

/// The EPUB importer (zip with its limits, package, contents, sanitizer,
/// layout, images): the bytes are the book. A book it accepts keeps the
/// layout contract, its contents point inside its text in reading order,
/// and every image its HTML names is among those it stores.
pub fn epub_import(data: &[u8]) {
    let Ok(loaded) = import::load_bytes("fuzz.epub", data.to_vec(), Format::Epub) else {
        return;
    };
    check_extracted(&loaded.extracted);
    let chars = loaded.extracted.text.chars().count() as u32;
    for entry in &loaded.attachments.toc {
        assert!(entry.start <= chars, "a contents entry past the text: {entry:?}");
    }
    let html = &loaded.extracted.html;
    for (i, m) in html.match_indices("data-image=\"") {
        let hash = html[i + m.len()..].split('"').next().unwrap_or("");
        assert!(loaded.attachments.images.iter().any(|im| im.hash == hash), "image {hash} is named but not stored");
    }
    for image in &loaded.attachments.images {
        assert!(
            !image.mime.contains("svg") || !String::from_utf8_lossy(&image.bytes).to_ascii_lowercase().contains("<script"),
            "a stored SVG holds a script"
        );
    }
}

/// The plain-text and Markdown importers and the paste path. The first byte
/// picks which; the rest is the file's bytes.
pub fn text_import(data: &[u8]) {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let result = match flags % 4 {
        0 => import::load_bytes("fuzz.txt", bytes.to_vec(), Format::Text),
        1 => import::load_bytes("fuzz.md", bytes.to_vec(), Format::Markdown),
        2 => import::load_pasted(&String::from_utf8_lossy(bytes)),
        _ => {
            // A rich paste: HTML and its plain text, split at the first NUL.
            let s = String::from_utf8_lossy(bytes);
            let (html, text) = s.split_once('\0').unwrap_or((&s, ""));
            import::load_pasted_rich(Some(html), text)
        }
    };
    if let Ok(loaded) = result {
        check_extracted(&loaded.extracted);
    }
}

/// What every importer must hand the library: text with something in it, and
/// HTML that keeps the offsets contract and holds nothing that can run.
fn check_extracted(e: &sidenote_core::Extracted) {
    assert!(!e.text.trim().is_empty(), "an import succeeded with no text");
    if let Some(v) = import::contract_violation(&e.text, &e.html) {
        panic!("offsets contract broken: {v}\ntext: {:?}\nhtml: {}", e.text, e.html);
    }
    check_inert_html(&e.html);
}

/// Tags and attributes the layout may write (see `import/layout.rs`), plus
/// the wrappers an HTML parser adds around a fragment. The XSS corpus tests
/// hold stored HTML to the same list.
pub const ALLOWED_TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "hr",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "code",
    "sub",
    "sup",
    "mark",
    "small",
    "cite",
    "q",
    "abbr",
    "del",
    "ins",
    "kbd",
    "var",
    "img",
];
/// `data-to` (a link inside a book, to a text offset) and the saved-image
/// attributes (`data-image`, a SHA-256; `data-remote`, `data-failed`,
/// `width`, `height`) are the importer's own, checked below.
pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "data-o",
    "href",
    "title",
    "rel",
    "src",
    "alt",
    "referrerpolicy",
    "loading",
    "colspan",
    "rowspan",
    "start",
    "data-to",
    "data-image",
    "data-remote",
    "data-failed",
    "width",
    "height",
];

fn check_inert_html(html: &str) {
    let lower = html.to_ascii_lowercase();
    for banned in ["<script", "<iframe", "<object", "<embed", "<svg", "<math", "<style", "<form", "<base", "<meta"] {
        assert!(!lower.contains(banned), "{banned} in stored HTML: {html}");
    }
    let doc = Document::from(html);
    for node in doc.select("*").nodes() {
        let tag = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        assert!(ALLOWED_TAGS.contains(&tag.as_str()), "<{tag}> in stored HTML: {html}");
        for attr in node.attrs() {
            let name = attr.name.local.to_ascii_lowercase().to_string();
            assert!(!name.starts_with("on"), "event handler {name} in stored HTML: {html}");
            assert!(ALLOWED_ATTRIBUTES.contains(&name.as_str()), "attribute {name} in stored HTML: {html}");
            let value: &str = &attr.value;
            match name.as_str() {
                "data-to" | "width" | "height" => assert!(value.parse::<u32>().is_ok(), "{name}={value:?} in stored HTML: {html}"),
                "data-image" => assert!(
                    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()),
                    "data-image={value:?} in stored HTML: {html}"
                ),
                _ => {}
            }
            if name == "href" || name == "src" || name == "data-remote" {
                let scheme = url::Url::parse(&attr.value).map(|u| u.scheme().to_owned());
                assert!(matches!(scheme.as_deref(), Ok("http" | "https" | "mailto")), "{name}={:?} in stored HTML: {html}", &*attr.value);
            }
        }
    }
}

/// The temporal tagger. Two leading bytes give the published date (days after
/// 1950-01-01) and a third its precision; the rest is the text.
pub fn timex_tag(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let days = u16::from_le_bytes([data[0], data[1]]) as i64;
    let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
    let reference = match data[2] % 4 {
        0 => None,
        1 => Some(Reference { date, precision: Gran::Day }),
        2 => Some(Reference { date, precision: Gran::Month }),
        _ => Some(Reference { date, precision: Gran::Year }),
    };
    let text = String::from_utf8_lossy(&data[3..]);
    let chars: Vec<char> = text.chars().collect();
    let found = timex::tag_with(&text, reference);
    let tenses = TenseReader::new(&text);
    let mut last_end = 0;
    for (k, t) in found.iter().enumerate() {
        assert!(t.start < t.end && t.end <= chars.len(), "span {}..{} of a {}-character text", t.start, t.end, chars.len());
        let got: String = chars[t.start..t.end].iter().collect();
        assert_eq!(got, t.text, "the span's text is not the text at its offsets");
        assert!(
            t.start >= last_end,
            "expression {k} ({}..{}) overlaps or precedes the one before (ends {last_end}): {found:?}",
            t.start,
            t.end
        );
        assert!(!t.value.is_empty(), "empty value for {:?}", t.text);
        assert!(!t.range_end || (k > 0 && found[k - 1].value_end.is_some()), "a range end without a range start");
        last_end = t.end;
        let _ = tenses.tense(t.start, t.end);
    }
}

/// Reads a little-endian u16 from the front of `data`, advancing it.
fn take_u16(data: &mut &[u8]) -> usize {
    let v = match data {
        [a, b, ..] => u16::from_le_bytes([*a, *b]) as usize,
        [a] => *a as usize,
        [] => 0,
    };
    *data = &data[data.len().min(2)..];
    v
}

/// The re-anchoring matcher. Four u16s (highlight start and length, edit
/// position and deleted length), then the article text and, after the first
/// NUL, the text the edit inserts.
pub fn anchoring(mut data: &[u8]) {
    let (at, len, edit_at, delete) = (take_u16(&mut data), take_u16(&mut data), take_u16(&mut data), take_u16(&mut data));
    let input = String::from_utf8_lossy(data);
    let (source, insert) = input.split_once('\0').unwrap_or((&input, ""));
    let old = Text::new(source);
    let n = old.len();
    if n == 0 {
        return;
    }
    let start = at % n;
    let end = (start + 1 + len % 64).min(n);

    // Quotes and occurrences agree with the text.
    let probe = old.slice(start, end);
    let occurrences = old.occurrences(&probe);
    assert!(occurrences.contains(&start), "the text's own slice is not among its occurrences");
    assert!(occurrences.windows(2).all(|w| w[0] < w[1]), "occurrences out of order");
    for &o in &occurrences {
        assert_eq!(old.slice(o, o + probe.chars().count()), probe);
    }
    if let Ok(p) = old.locate_quote(&probe, Some(1)) {
        assert_eq!(old.slice(p.start as usize, p.end as usize), probe);
    }

    let Ok(sel) = old.describe(start as u32, end as u32) else {
        return;
    };
    let same = old.anchor(&sel).expect("a highlight is found in its own text");
    assert_eq!((same.position, same.method), (sel.position, AnchorMethod::Position));

    // Edit the text and anchor again.
    let edit_start = edit_at % (n + 1);
    let edit_end = (edit_start + delete % 128).min(n);
    let chars = old.chars();
    let mut edited: String = chars[..edit_start].iter().collect();
    edited.push_str(insert);
    edited.extend(&chars[edit_end..]);
    let new = Text::new(&edited);
    let found = new.anchor(&sel);
    if let Some(a) = found {
        check_anchored(&new, &sel.quote.exact, a);
    }
    // An edit clear of the quote and its context never orphans it.
    let untouched = edit_end + CONTEXT_LEN <= start || edit_start >= end + CONTEXT_LEN || (edit_start == edit_end && insert.is_empty());
    if untouched {
        let a = found.unwrap_or_else(|| panic!("a passage the edit did not touch was orphaned: {sel:?}"));
        assert_eq!(new.slice(a.position.start as usize, a.position.end as usize), sel.quote.exact);
    }

    // Several highlights at once, including one quoting the edit's surroundings.
    let mut selectors = vec![sel.clone()];
    if let Ok(other) = old.describe(edit_start.min(n - 1) as u32, (edit_start + 8).min(n) as u32) {
        selectors.push(other);
    }
    for (s, a) in selectors.iter().zip(new.anchor_all(&selectors)) {
        if let Some(a) = a {
            check_anchored(&new, &s.quote.exact, a);
        }
    }
}

fn check_anchored(text: &Text<'_>, exact: &str, a: sidenote_core::anchor::Anchored) {
    let (s, e) = (a.position.start as usize, a.position.end as usize);
    assert!(s < e && e <= text.len(), "anchored to {s}..{e} of a {}-character text", text.len());
    let got = text.slice(s, e);
    match a.method {
        AnchorMethod::Position | AnchorMethod::Quote => {
            assert_eq!(got, exact, "{:?} match is not the quote", a.method)
        }
        AnchorMethod::Fuzzy => assert_ne!(got, exact, "an exact match reported as fuzzy"),
    }
}

/// Sidenote JSON restore.
pub fn notes_json(data: &[u8]) {
    notes(data, |lib, s| sidenote_json::restore_json(lib, s, "fuzz.json"));
}

/// Readwise CSV import.
pub fn notes_csv(data: &[u8]) {
    notes(data, |lib, s| readwise_csv::import_csv(lib, s, "fuzz.csv"));
}

/// Kindle "My Clippings.txt" import.
pub fn notes_kindle(data: &[u8]) {
    notes(data, |lib, s| kindle::import_clippings(lib, s, "fuzz.txt"));
}

/// Hypothesis annotations (JSON).
pub fn notes_hypothesis(data: &[u8]) {
    notes(data, |lib, s| hypothesis::import_json(lib, s, "fuzz.json"));
}

/// An Omnivore export: the bytes are the zip (or anything else, which must
/// be refused with an error, storing nothing).
pub fn notes_omnivore(data: &[u8]) {
    notes_of_bytes(data, |lib, b| import_notes_bytes(lib, b, "fuzz.zip"));
}

type Import = fn(&mut Library, &str) -> sidenote_core::Result<NotesImportReport>;
type ImportBytes = fn(&mut Library, &[u8]) -> sidenote_core::Result<NotesImportReport>;

/// A notes import into an empty library: a refusal stores nothing; a success
/// stores highlights that quote their article exactly, and importing the same
/// file again adds nothing.
fn notes(data: &[u8], import: Import) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    check_notes_import(|lib| import(lib, input));
}

/// As `notes`, for an importer that reads bytes.
fn notes_of_bytes(data: &[u8], import: ImportBytes) {
    check_notes_import(|lib| import(lib, data));
}

fn check_notes_import(import: impl Fn(&mut Library) -> sidenote_core::Result<NotesImportReport>) {
    let mut lib = Library::open_in_memory().expect("in-memory library");
    let first = import(&mut lib);
    if first.is_err() {
        assert_eq!(counts(&mut lib), [0, 0, 0], "a refused import stored something");
        return;
    }
    check_spans(&mut lib);
    let stored = counts(&mut lib);
    let again = import(&mut lib).unwrap_or_else(|e| panic!("the same file imported once, then refused: {e}"));
    assert_eq!(
        (again.articles_added, again.highlights_added, again.notes_added, again.events_added),
        (0, 0, 0, 0),
        "importing the same file twice added more: {again:?}"
    );
    assert_eq!(counts(&mut lib), stored);
    assert!(lib.integrity_problems().unwrap().is_empty());
}

/// Live articles, highlights (orphans included) and timeline events.
fn counts(lib: &mut Library) -> [usize; 3] {
    let articles = lib.list_articles(&Default::default()).unwrap();
    let highlights = lib.list_highlights(&HighlightFilter { include_orphans: true, ..Default::default() }).unwrap().len();
    let events = articles.iter().map(|a| lib.events(&a.id).unwrap().len()).sum();
    [articles.len(), highlights, events]
}

/// Every anchored highlight and event quotes exactly its span of its article.
fn check_spans(lib: &mut Library) {
    for a in lib.list_articles(&Default::default()).unwrap() {
        let chars: Vec<char> = lib.article(&a.id).unwrap().text.chars().collect();
        let spans = lib.article_highlights(&a.id).unwrap().into_iter().map(|h| ("highlight", h.start, h.end, h.exact));
        let events = lib.events(&a.id).unwrap().into_iter().filter(|e| !e.orphaned).map(|e| ("event", e.start, e.end, e.exact));
        for (what, start, end, exact) in spans.chain(events) {
            assert!(start < end && end as usize <= chars.len(), "{what}: span {start}..{end} of {} characters", chars.len());
            let got: String = chars[start as usize..end as usize].iter().collect();
            assert_eq!(got, exact, "{what}: the quote is not the text at {start}..{end}");
        }
    }
}

/// A `sidenote://` link (from an export, a click, the command line): a link
/// that reads is made again the same, and every refusal names the link.
pub fn passage_link(data: &[u8]) {
    let url = String::from_utf8_lossy(data);
    match sidenote_core::links::parse(&url) {
        Ok(passage) => {
            let again = sidenote_core::links::parse(&passage.url()).expect("a link we write reads back");
            assert_eq!(again, passage);
            assert!(passage.article_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "ids cannot hold a path: {passage:?}");
        }
        Err(e) => assert!(e.to_string().contains(url.trim()), "the refusal names the link: {e}"),
    }
}

/// An Obsidian note as the user may have left it: bringing it up to date
/// never panics, keeps the user's text before Sidenote's section, and a
/// second update changes nothing.
pub fn vault_note(data: &[u8]) {
    use sidenote_core::export::{collect, obsidian};
    use sidenote_core::model::{Extracted, SourceKind};
    use sidenote_core::store::NewArticle;
    let old = String::from_utf8_lossy(data);
    let mut lib = Library::open_in_memory().unwrap();
    let text = "The mill wheel turned until the river was diverted in 1931.";
    let article = lib
        .insert_article(NewArticle {
            extracted: Extracted { title: "The Mill".into(), text: text.into(), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap();
    lib.create_highlight_from_quote(&article.summary.id, "the river was diverted", None, sidenote_core::Color::Blue, "Why?", &[]).unwrap();
    let notes = collect(&mut lib, &[]).unwrap();
    let Ok(updated) = obsidian::merge(&old, &notes[0]) else { return };
    assert!(updated.contains("%% sidenote:begin") && updated.contains("%% sidenote:end %%"), "{updated}");
    assert!(updated.contains(&format!("sidenote-id: \"{}\"", article.summary.id)));
    let again = obsidian::merge(&updated, &notes[0]).expect("an updated note updates again");
    assert_eq!(again, updated, "a second update changes nothing");
}
