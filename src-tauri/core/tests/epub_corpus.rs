//! EPUB import over the real sample books in `../shared/corpus/epub` (EPUB 3
//! samples, unpacked; packed here as an .epub the way book tools do, with
//! UTF-8 names and no UTF-8 flag). Checks each book's title against the
//! corpus README's table, that a book with text has a contents list whose
//! entries point inside its text in order, and that the words of every
//! linear spine document are in the article. Skips, saying so, when the
//! corpus is absent (it is not part of the repository).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sidenote_core::import::{load_bytes, Format};
use sidenote_core::ErrorKind;
use sidenote_fuzz_checks::epub_builder::ZipOut;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/epub");
    dir.join("README.md").is_file().then_some(dir)
}

/// The folder's files, `mimetype` first and stored, then the rest deflated.
fn pack(book: &Path) -> Vec<u8> {
    let mut files = Vec::new();
    let mut stack = vec![book.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut zip = ZipOut::default();
    zip.add(b"mimetype", &std::fs::read(book.join("mimetype")).unwrap(), false, false);
    for f in files {
        let name = f.strip_prefix(book).unwrap().to_str().unwrap().replace('\\', "/");
        if name != "mimetype" {
            zip.add(name.as_bytes(), &std::fs::read(&f).unwrap(), true, false);
        }
    }
    zip.finish()
}

/// (folder, title, kind) from the README's table.
fn table(readme: &str) -> Vec<(String, String, String)> {
    readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_owned(), cells[2].to_owned(), cells[5].to_owned())
        })
        .collect()
}

/// Character pairs (letters and digits only, lower case, so that it works for
/// languages without spaces) of an XHTML document's body, tags and
/// character references (never letters in these books) dropped.
/// Content no reader shows as text is left out: comments, scripts, styles, ruby
/// readings (the importer keeps the base text), and the `epub:case` branches
/// of an `epub:switch` (the importer reads its default).
fn words(xhtml: &str) -> Vec<String> {
    let mut body = xhtml.find("<body").map_or(xhtml, |i| &xhtml[i..]).to_owned();
    for (open, close) in [
        ("<!--", "-->"),
        ("&#", ";"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<epub:case", "</epub:case>"),
        ("<case", "</case>"),
        ("<rt", "</rt>"),
        ("<rp", "</rp>"),
    ] {
        while let Some(a) = body.find(open) {
            let Some(b) = body[a..].find(close) else { break };
            body.replace_range(a..a + b + close.len(), " ");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    pairs(&text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"))
}

/// Character pairs of plain text, letters and digits only, lower case.
fn pairs(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// The linear spine documents of a book folder (its first rootfile's package).
fn spine_documents(book: &Path) -> Vec<PathBuf> {
    let container = std::fs::read_to_string(book.join("META-INF/container.xml")).unwrap();
    let opf_path = container.split("full-path=\"").nth(1).unwrap().split('"').next().unwrap();
    let opf = std::fs::read_to_string(book.join(opf_path)).unwrap();
    let base = book.join(opf_path).parent().unwrap().to_owned();
    let attr = |tag: &str, name: &str| tag.split(&format!("{name}=\"")).nth(1).map(|v| v.split('"').next().unwrap().to_owned());
    let items: Vec<(String, String, String)> =
        opf.split("<item ").skip(1).filter_map(|t| Some((attr(t, "id")?, attr(t, "href")?, attr(t, "media-type")?))).collect();
    opf.split("<itemref ")
        .skip(1)
        .filter(|t| !t.split('>').next().unwrap().contains("linear=\"no\""))
        .filter_map(|t| attr(t, "idref"))
        .filter_map(|id| items.iter().find(|(i, _, _)| *i == id))
        .filter(|(_, _, mt)| mt == "application/xhtml+xml")
        .map(|(_, href, _)| base.join(percent_decode(href)))
        .collect()
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8().unwrap().into_owned()
}

#[test]
fn sample_books_import_with_titles_contents_and_all_their_text() {
    let Some(dir) = corpus() else {
        eprintln!("SKIPPED: ../shared/corpus/epub is absent; the EPUB corpus test did not run");
        return;
    };
    let rows = table(&std::fs::read_to_string(dir.join("README.md")).unwrap());
    assert!(rows.len() >= 20, "the README's table was read: {} rows", rows.len());
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (folder, title, kind) in rows {
        let book = dir.join(&folder);
        let loaded = load_bytes(&format!("{folder}.epub"), pack(&book), Format::Epub);
        if kind.starts_with("image-only: no text") {
            let err = loaded.expect_err("a book without text is refused");
            assert_eq!(err.kind(), ErrorKind::NoArticle, "{folder}: {err}");
            assert!(err.to_string().contains("pictures"), "{folder}: {err}");
            report.push(format!("{folder}: refused, {err}"));
            continue;
        }
        let loaded = loaded.unwrap_or_else(|e| panic!("{folder}: {e}"));
        let e = &loaded.extracted;
        assert_eq!(e.title, title, "{folder}: the package's title");
        assert_eq!(sidenote_core::import::contract_violation(&e.text, &e.html), None, "{folder}: the layout contract");
        let toc = &loaded.attachments.toc;
        let chars = e.text.chars().count() as u32;
        assert!(!toc.is_empty(), "{folder}: a contents list");
        assert!(toc.iter().all(|t| t.start < chars && !t.title.trim().is_empty()), "{folder}: entries inside the text: {toc:?}");
        assert!(toc.windows(2).all(|w| w[0].start <= w[1].start), "{folder}: entries in reading order: {toc:?}");
        // Every linear document's text is in the article (at least 99% of its
        // character pairs: some are in markup the sanitizer drops).
        let have: HashSet<String> = pairs(&e.text).into_iter().collect();
        let mut total = 0usize;
        let mut found = 0usize;
        for doc in spine_documents(&book) {
            let Ok(xhtml) = std::fs::read_to_string(&doc) else { continue };
            let w = words(&xhtml);
            total += w.len();
            found += w.iter().filter(|w| have.contains(*w)).count();
        }
        let recall = if total == 0 { 1.0 } else { found as f64 / total as f64 };
        if recall < 0.99 {
            failures.push(format!("{folder}: {found} of {total} spine character pairs in the article ({recall:.3})"));
        }
        report.push(format!("{folder}: {chars} characters, {} contents entries, spine text {recall:.3}", toc.len()));
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{failures:#?}");
}
