//! `fetch_url` against a tiny HTTP server started by the test on 127.0.0.1
//! (never the internet).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use sidenote_core::import::{fetch_url_blocking, FetchLimits};
use sidenote_core::Outcome;
use sidenote_core::{ErrorKind, Library, SourceKind};

const ARTICLE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Night Ferry</title></head><body>\
    <nav><a href=\"/\">Home</a></nav><article><h1>Night Ferry</h1>\
    <p>The last ferry of the night leaves the harbour at eleven, carrying a handful of tired workers home across the dark water.</p>\
    <p>Its captain has made the crossing for thirty years and says she still watches the lights of the town shrink behind her.</p>\
    <p>On stormy evenings the crossing is cancelled, and the passengers wait in the small cafe by the pier until morning comes.</p>\
    </article></body></html>";

/// Serves each connection with `respond(path)` -> raw HTTP response bytes.
fn serve(respond: fn(&str, u16) -> Vec<u8>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || handle(stream, respond, port));
        }
    });
    port
}

fn handle(mut stream: TcpStream, respond: fn(&str, u16) -> Vec<u8>, port: u16) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if line.to_ascii_lowercase().starts_with("user-agent:") {
            user_agent = line;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    if path == "/ua" {
        let _ = stream.write_all(&response("200 OK", "text/plain", user_agent.as_bytes()));
        return;
    }
    let _ = stream.write_all(&respond(&path, port));
}

fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())
            .into_bytes();
    out.extend_from_slice(body);
    out
}

fn routes(path: &str, port: u16) -> Vec<u8> {
    match path {
        "/article" => response("200 OK", "text/html; charset=utf-8", ARTICLE.as_bytes()),
        "/moved" => {
            format!("HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:{port}/article\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .into_bytes()
        }
        "/loop-a" => "HTTP/1.1 302 Found\r\nLocation: /loop-b\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".as_bytes().to_vec(),
        "/loop-b" => "HTTP/1.1 302 Found\r\nLocation: /loop-a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".as_bytes().to_vec(),
        "/missing" => response("404 Not Found", "text/html", b"<p>gone</p>"),
        "/broken" => response("500 Internal Server Error", "text/html", b"<p>oops</p>"),
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            response("200 OK", "text/html", ARTICLE.as_bytes())
        }
        "/huge" => response("200 OK", "text/html", &vec![b'a'; 64 * 1024]),
        "/huge-unannounced" => {
            let mut out = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n".to_vec();
            out.extend(vec![b'a'; 64 * 1024]);
            out
        }
        "/image" => response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        "/pdf" => response("200 OK", "application/pdf", b"%PDF-1.4"),
        "/cp1251" => {
            let (body, _, _) = encoding_rs::WINDOWS_1251.encode(
                "<html><body><article><h1>Дождь</h1><p>Вчера вечером в городе прошёл сильный дождь, и многие улицы оказались затоплены водой.</p>\
                 <p>Жители говорят, что такого не было уже много лет, а городские службы работали всю ночь без отдыха.</p></article></body></html>",
            );
            response("200 OK", "text/html; charset=windows-1251", &body)
        }
        _ => response("404 Not Found", "text/plain", b"no route"),
    }
}

fn limits() -> FetchLimits {
    FetchLimits { timeout: Duration::from_secs(1), max_redirects: 5, max_bytes: 16 * 1024 }
}

fn url(port: u16, path: &str) -> String {
    format!("http://127.0.0.1:{port}{path}")
}

#[test]
fn success_follows_redirects_and_stores_once() {
    let port = serve(routes);
    let fetched = fetch_url_blocking(&url(port, "/moved"), &limits()).unwrap();
    assert_eq!(fetched.final_url, url(port, "/article"));
    let loaded = fetched.load().unwrap();
    assert_eq!(loaded.kind, SourceKind::Url);
    assert_eq!(loaded.extracted.title, "Night Ferry");
    assert!(loaded.extracted.text.starts_with("The last ferry of the night"));
    let mut lib = Library::open_in_memory().unwrap();
    let Outcome::Imported(first) = lib.import_loaded(loaded).unwrap() else { panic!("expected a new article") };
    assert_eq!(first.summary.source_url.as_deref(), Some(url(port, "/moved").as_str()));
    let again = fetch_url_blocking(&url(port, "/moved"), &limits()).unwrap().load().unwrap();
    match lib.import_loaded(again).unwrap() {
        Outcome::Duplicate(existing) => assert_eq!(existing.id, first.summary.id),
        Outcome::Imported(_) => panic!("imported a duplicate"),
    }
    assert_eq!(lib.article_count().unwrap(), 1);
}

#[test]
fn user_agent_names_the_app() {
    let port = serve(routes);
    let fetched = fetch_url_blocking(&url(port, "/ua"), &limits()).unwrap();
    let ua = String::from_utf8(fetched.bytes).unwrap();
    assert!(ua.contains("Sidenote/"), "{ua}");
}

#[test]
fn http_charset_decodes_the_page() {
    let port = serve(routes);
    let loaded = fetch_url_blocking(&url(port, "/cp1251"), &limits()).unwrap().load().unwrap();
    assert_eq!(loaded.encoding, "windows-1251");
    assert!(loaded.extracted.text.contains("сильный дождь"));
}

fn failure(path: &str) -> sidenote_core::Error {
    let port = serve(routes);
    fetch_url_blocking(&url(port, path), &limits()).expect_err("must fail")
}

#[test]
fn http_errors_name_the_status() {
    let e = failure("/missing");
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(e.to_string().contains("404 Not Found"), "{e}");
    assert!(failure("/broken").to_string().contains("500 Internal Server Error"));
}

#[test]
fn redirect_loops_are_stopped() {
    let e = failure("/loop-a");
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(e.to_string().contains("redirect"), "{e}");
}

#[test]
fn slow_servers_time_out() {
    let e = failure("/slow");
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(e.to_string().contains("did not answer within 1 seconds"), "{e}");
}

#[test]
fn oversized_bodies_are_refused_with_or_without_a_length() {
    assert_eq!(failure("/huge").kind(), ErrorKind::TooLarge);
    assert_eq!(failure("/huge-unannounced").kind(), ErrorKind::TooLarge);
}

#[test]
fn wrong_content_types_are_refused() {
    let e = failure("/image");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    assert!(e.to_string().contains("image/png"), "{e}");
    assert!(failure("/pdf").to_string().contains("PDF"));
}

#[test]
fn unreachable_hosts_and_bad_addresses() {
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = fetch_url_blocking(&url(port, "/"), &limits()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(e.to_string().contains("could not be reached"), "{e}");
    assert!(fetch_url_blocking("ftp://example.test/x", &limits()).unwrap_err().to_string().contains("only http and https"));
    assert!(fetch_url_blocking("not a url", &limits()).unwrap_err().to_string().contains("not a web address"));
}
