//! A tiny web site on 127.0.0.1 for the image-saving tests: an article whose
//! pictures are plain, lazy-loaded, `srcset`-only, inside `<picture>`,
//! oversized, SVG with a script, broken (not an image), slow, and a page with
//! too many of them. Our own sentences and pictures made by [`picture_png`].
//! Each request is logged, so tests can tell what was fetched.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use crate::{grain_png, picture_png};

/// How long `/img/slow.png` waits before answering.
pub const SLOW: Duration = Duration::from_secs(4);
/// The size `/img/huge.png` claims (and sends, if read): 11 MiB.
pub const HUGE_BYTES: usize = 11 * 1024 * 1024;
/// Images on `/many`.
pub const MANY: usize = 70;
/// Photo-like pictures (400×300 with grain) on `/gallery`.
pub const GALLERY: usize = 20;

/// The article's sentences, for tests to find in the reader.
pub const FIRST_SENTENCE: &str = "The harbour wall was rebuilt after the storm of 1921, stone by stone, by the men who fished beside it.";
pub const CAPTION: &str = "The new wall in the spring of 1923, seen from the lighthouse.";

/// A running site; its server thread lives as long as the test process.
pub struct ImageSite {
    pub port: u16,
    log: Arc<Mutex<Vec<String>>>,
    offline: Arc<AtomicBool>,
}

impl ImageSite {
    pub fn start() -> ImageSite {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let offline = Arc::new(AtomicBool::new(false));
        let (shared, off) = (log.clone(), offline.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = shared.clone();
                if off.load(Ordering::SeqCst) {
                    // Offline: the request is noted and the connection dropped unanswered.
                    log.lock().unwrap().push("(offline)".into());
                    continue;
                }
                thread::spawn(move || handle(stream, port, &log));
            }
        });
        ImageSite { port, log, offline }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Offline, every connection is dropped unanswered (and logged as `(offline)`).
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// Makes the gallery's pictures now, so that serving them later costs
    /// the site nothing: a benchmark of the app's save then measures the app,
    /// not this process encoding PNGs on the same cores.
    pub fn make_gallery_pictures(&self) {
        for n in 1..=GALLERY as u32 {
            gallery_picture(n);
        }
    }

    /// The paths requested so far, in order.
    pub fn requested(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// Photo `n` of the gallery, made once per process.
fn gallery_picture(n: u32) -> Arc<Vec<u8>> {
    static MADE: OnceLock<Mutex<HashMap<u32, Arc<Vec<u8>>>>> = OnceLock::new();
    let made = MADE.get_or_init(Mutex::default);
    if let Some(png) = made.lock().unwrap().get(&n) {
        return Arc::clone(png);
    }
    let png = Arc::new(grain_png(400, 300, n));
    made.lock().unwrap().insert(n, Arc::clone(&png));
    png
}

fn handle(mut stream: TcpStream, port: u16, log: &Mutex<Vec<String>>) {
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
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    log.lock().unwrap().push(path.clone());
    let _ = match path.as_str() {
        "/article" => stream.write_all(&response("200 OK", "text/html; charset=utf-8", article(port).as_bytes())),
        "/many" => stream.write_all(&response("200 OK", "text/html; charset=utf-8", many("/img/many-", MANY).as_bytes())),
        "/gallery" => stream.write_all(&response("200 OK", "text/html; charset=utf-8", many("/img/photo-", GALLERY).as_bytes())),
        "/img/plain.png" => stream.write_all(&response("200 OK", "image/png", &picture_png(320, 200))),
        "/img/lazy.png" => stream.write_all(&response("200 OK", "image/png", &picture_png(240, 160))),
        "/img/wide.png" => stream.write_all(&response("200 OK", "image/png", &picture_png(800, 200))),
        "/img/small.png" => stream.write_all(&response("200 OK", "image/png", &picture_png(40, 10))),
        // Served as "binary": the type is read from the bytes.
        "/img/chart" => stream.write_all(&response("200 OK", "application/octet-stream", CHART_SVG.as_bytes())),
        "/img/broken.png" => stream.write_all(&response("200 OK", "image/png", b"<html><body>Not here any more</body></html>")),
        "/img/huge.png" => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {HUGE_BYTES}\r\nConnection: close\r\n\r\n");
            let mut body = picture_png(8, 8);
            body.resize(64 * 1024, 0);
            stream.write_all(head.as_bytes()).and_then(|()| (0..HUGE_BYTES / body.len()).try_for_each(|_| stream.write_all(&body)))
        }
        "/img/slow.png" => {
            thread::sleep(SLOW);
            stream.write_all(&response("200 OK", "image/png", &picture_png(30, 30)))
        }
        p if p.starts_with("/img/photo-") => {
            let n: u32 = p.trim_start_matches("/img/photo-").trim_end_matches(".png").parse().unwrap_or(1);
            stream.write_all(&response("200 OK", "image/png", &gallery_picture(n)))
        }
        p if p.starts_with("/img/many-") => {
            let n: u32 = p.trim_start_matches("/img/many-").trim_end_matches(".png").parse().unwrap_or(1);
            stream.write_all(&response("200 OK", "image/png", &picture_png(10 + n, 10)))
        }
        _ => stream.write_all(&response("404 Not Found", "text/plain", b"nothing here")),
    };
}

fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())
            .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A bar chart with a script and an event handler that must never run.
const CHART_SVG: &str = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" onload="alert('svg')"><script>alert('chart')</script><rect x="10" y="20" width="20" height="40" fill="#3a6ea5"/><rect x="50" y="5" width="20" height="55" fill="#3a6ea5"/><text x="78" y="50" font-size="12">Fish</text></svg>"##;

/// The article: one picture of each kind between paragraphs of prose.
fn article(port: u16) -> String {
    let base = format!("http://127.0.0.1:{port}");
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Harbour Wall</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>The Harbour Wall</h1>
<p>{FIRST_SENTENCE} Nobody in the village had built anything so large before, and the work took two full summers.</p>
<figure><img src="{base}/img/plain.png" alt="The harbour wall at low tide" width="320" height="200"><figcaption>{CAPTION}</figcaption></figure>
<p>The mason who led the work kept a notebook of every course of stone, and his daughter gave it to the museum in 1968.</p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy.png" class="lazyload" alt="The lamp room at night"></p>
<p>Visitors still walk along the top of the wall on summer evenings, when the light stays late over the water.</p>
<p><img srcset="/img/small.png 400w, /img/wide.png 1600w" alt="The pier from the hill"></p>
<p>A chart of the catch in the years after the wall was finished shows the harbour busier than it had ever been.</p>
<figure><img src="/img/chart" alt="Catch by year"><figcaption>Landings rose each year until 1930.</figcaption></figure>
<p>Some pictures of the building were lost: a glass plate broke, a print was too large to keep, and one server never answered.</p>
<p><img src="/img/huge.png" alt="The full panorama"></p>
<p><img src="/img/broken.png" alt="The mason at work"></p>
<p><img src="/img/slow.png" alt="The opening day"></p>
<p>The wall has stood through every winter since, and the fishing boats still shelter behind it when the wind turns east.</p>
</article></body></html>"#
    )
}

/// A page holding `count` pictures named `prefix`N`.png`.
fn many(prefix: &str, count: usize) -> String {
    let mut out = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Every Boat in the Harbour</title></head><body><article><h1>Every Boat in the Harbour</h1>\
         <p>Each boat that sheltered behind the wall that winter was photographed by the harbour master, who kept the prints in a drawer.</p>",
    );
    for n in 1..=count {
        out.push_str(&format!("<p>Boat number {n} was painted blue and white. <img src=\"{prefix}{n}.png\" alt=\"Boat {n}\"></p>"));
    }
    out.push_str("</article></body></html>");
    out
}
