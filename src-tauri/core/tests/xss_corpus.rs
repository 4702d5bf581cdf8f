//! Every vector of the XSS corpus, embedded in an article, is imported through
//! every import path (HTML file, Markdown file, paste, URL from a server on
//! 127.0.0.1) and the HTML the library stores is parsed and checked.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod xss_support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use sidenote_core::import::{fetch_url_blocking, load_file, load_pasted_rich, load_source, FetchLimits, Format, Loaded, Source};
use sidenote_core::Outcome;
use sidenote_core::{ErrorKind, Library, Result};
use xss_support::{article_body, article_page, load_vectors, paragraphs, violations, Vector};

const MIN_VECTORS: usize = 200;

fn vectors() -> Vec<Vector> {
    let v = load_vectors("https://xss.invalid", "xss.invalid");
    assert!(v.len() >= MIN_VECTORS, "the corpus holds {} vectors; at least {MIN_VECTORS} are required", v.len());
    v
}

/// Stores `loaded` and returns the HTML the library holds for it.
fn store(lib: &mut Library, loaded: Result<Loaded>, v: &Vector, path: &str) -> std::result::Result<String, ErrorKind> {
    let loaded = loaded.map_err(|e| e.kind())?;
    match lib.import_loaded(loaded) {
        Ok(Outcome::Imported(article)) => Ok(lib.article(&article.summary.id).expect("read back").html),
        Ok(Outcome::Duplicate(_)) => {
            panic!("vector {} ({path}) was taken for a duplicate", v.index)
        }
        Err(e) => Err(e.kind()),
    }
}

/// Tallies and failures over one import path.
#[derive(Default)]
struct Tally {
    stored: usize,
    refused: usize,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, v: &Vector, path: &str, outcome: std::result::Result<String, ErrorKind>) {
        match outcome {
            Ok(html) => {
                self.stored += 1;
                let found = violations(&html);
                if !found.is_empty() {
                    self.failures
                        .push(format!("#{} [{}] via {path}: {found:?}\n  payload: {:?}\n  stored: {html}", v.index, v.family, v.payload));
                }
                // The article's own words must survive around the vector.
                let tag = format!("{path}-{}", v.index);
                if !html.contains(&paragraphs(&tag)[0]) {
                    self.failures.push(format!("#{} [{}] via {path}: the article text was lost: {html}", v.index, v.family));
                }
            }
            // A NUL byte makes the file look binary; refusing it stores nothing.
            Err(ErrorKind::Unsupported) if v.payload.contains('\0') => self.refused += 1,
            Err(kind) => {
                self.failures.push(format!("#{} [{}] via {path}: import failed ({kind:?}) for {:?}", v.index, v.family, v.payload))
            }
        }
    }

    fn finish(self, path: &str, total: usize) {
        eprintln!("{path}: {total} vectors, {} stored and checked, {} refused as binary", self.stored, self.refused);
        assert!(self.failures.is_empty(), "{} vectors got through via {path}:\n{}", self.failures.len(), self.failures.join("\n"));
        assert_eq!(self.stored + self.refused, total);
    }
}

#[test]
fn corpus_covers_the_families() {
    let mut per_family: BTreeMap<String, usize> = BTreeMap::new();
    for v in vectors() {
        *per_family.entry(v.family).or_default() += 1;
    }
    eprintln!("vectors per family: {per_family:?}");
    for family in [
        "script", "handler", "jsurl", "datauri", "vbscript", "svg", "mathml", "srcdoc", "object", "meta", "base", "form", "css", "mxss",
        "entity", "srcset", "xlink", "animate", "clobber",
    ] {
        assert!(per_family.get(family).copied().unwrap_or(0) >= 5, "family {family} has fewer than 5 vectors");
    }
}

#[test]
fn html_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let vectors = vectors();
    let mut tally = Tally::default();
    for v in &vectors {
        let path = dir.path().join(format!("vector-{}.html", v.index));
        std::fs::write(&path, article_page(&format!("file-{}", v.index), &[&v.payload])).unwrap();
        tally.record(v, "file", store(&mut lib, load_file(&path), v, "file"));
    }
    tally.finish("file", vectors.len());
}

#[test]
fn markdown_files_with_raw_html() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let vectors = vectors();
    let mut tally = Tally::default();
    for v in &vectors {
        let tag = format!("md-{}", v.index);
        let [a, b, c, d] = paragraphs(&tag);
        // Markdown passes raw HTML blocks and inline HTML through to the sanitizer.
        let md = format!("# Canal notes {tag}\n\n{a}\n\n{b}\n\n{c}\n\n{}\n\nInline: {} here.\n\n{d}\n", v.payload, v.payload);
        let path = dir.path().join(format!("vector-{}.md", v.index));
        std::fs::write(&path, md).unwrap();
        tally.record(v, "md", store(&mut lib, load_file(&path), v, "md"));
    }
    tally.finish("md", vectors.len());
}

/// Web pages whose images take their stored forms (saved, and not saved
/// with a reason), written here without fetching: a hostile address or alt
/// text must stay an inert attribute value in either form.
#[test]
fn web_pages_with_their_images_stored() {
    use sidenote_core::import::images::{rewrite, ImageData, ImgTag};
    let mut lib = Library::open_in_memory().unwrap();
    let vectors = vectors();
    let mut tally = Tally::default();
    let png = sidenote_fuzz_checks::epub_builder::picture_png(4, 3);
    for v in &vectors {
        let page = article_page(&format!("img-{}", v.index), &[&v.payload]);
        let address = format!("https://xss.invalid/page/{}", v.index);
        let loaded =
            load_source(Source { what: "page", bytes: page.into_bytes(), format: Format::Html, url: Some(&address), http_charset: None });
        let loaded = loaded.map(|mut l| {
            let mut n = 0;
            l.extracted.html = rewrite(&l.extracted.html, |tag| {
                n += 1;
                let src = tag.get("src");
                Some(if n % 2 == 0 {
                    ImgTag::failed(src, &format!("it was refused: {}", v.payload), tag.get("alt"), tag.get("title"))
                } else {
                    let image = ImageData::from_bytes(png.clone(), src.map(str::to_owned)).unwrap();
                    l.attachments.images.push(image.clone());
                    ImgTag::saved(&image, tag.get("alt"), tag.get("title"), src)
                })
            });
            l
        });
        tally.record(v, "img", store(&mut lib, loaded, v, "img"));
    }
    tally.finish("img", vectors.len());
}

#[test]
fn pastes() {
    let mut lib = Library::open_in_memory().unwrap();
    let vectors = vectors();
    let mut tally = Tally::default();
    for v in &vectors {
        let tag = format!("paste-{}", v.index);
        let html = format!("<meta charset=\"utf-8\">{}", article_body(&tag, &[&v.payload]));
        let text = paragraphs(&tag).join("\n\n");
        tally.record(v, "paste", store(&mut lib, load_pasted_rich(Some(&html), &text), v, "paste"));
    }
    tally.finish("paste", vectors.len());
}

/// Serves /v/N as the article page of vector N.
fn serve(pages: Arc<Vec<String>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let pages = pages.clone();
            std::thread::spawn(move || respond(stream, &pages));
        }
    });
    port
}

fn respond(mut stream: TcpStream, pages: &[String]) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let page = path.strip_prefix("/v/").and_then(|n| n.parse::<usize>().ok()).and_then(|n| pages.get(n));
    let (status, body) = match page {
        Some(p) => ("200 OK", p.as_bytes()),
        None => ("404 Not Found", &b"no such vector"[..]),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

#[test]
fn urls_from_a_local_server() {
    let vectors = vectors();
    let pages: Vec<String> = vectors.iter().map(|v| article_page(&format!("url-{}", v.index), &[&v.payload])).collect();
    let port = serve(Arc::new(pages));
    let limits = FetchLimits { timeout: Duration::from_secs(10), max_redirects: 2, max_bytes: 1024 * 1024 };
    let mut lib = Library::open_in_memory().unwrap();
    let mut tally = Tally::default();
    for v in &vectors {
        let loaded = fetch_url_blocking(&format!("http://127.0.0.1:{port}/v/{}", v.index), &limits).and_then(|f| f.load());
        tally.record(v, "url", store(&mut lib, loaded, v, "url"));
    }
    tally.finish("url", vectors.len());
}

/// All vectors in one page: interactions between them (an unclosed element
/// swallowing the next vector) are checked too.
#[test]
fn all_vectors_in_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let vectors: Vec<Vector> = vectors().into_iter().filter(|v| !v.payload.contains('\0')).collect();
    let payloads: Vec<&str> = vectors.iter().map(|v| v.payload.as_str()).collect();
    let path = dir.path().join("everything.html");
    std::fs::write(&path, article_page("all", &payloads)).unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let loaded = load_file(&path).expect("the page imports");
    let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("duplicate") };
    let found = violations(&article.html);
    assert!(found.is_empty(), "{found:?}\n{}", article.html);
}
