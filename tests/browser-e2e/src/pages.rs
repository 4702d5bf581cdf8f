//! The test pages, our own words, served on 127.0.0.1.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

/// The site around every page: navigation and a footer, no article.
const SHELL_TOP: &str =
    "<header><nav><a href=\"/\">Harbour Weekly</a> <a href=\"/archive\">Archive</a> <a href=\"/subscribe\">Subscribe</a></nav></header>";
const SHELL_BOTTOM: &str =
    "<footer><a href=\"/about\">About us</a> · <a href=\"/contact\">Contact</a> · <a href=\"/privacy\">Privacy</a></footer>";

/// Paragraphs of an article that the page's script builds after load.
pub const FERRY: [&str; 5] = [
    "The night ferry leaves the north quay at eleven, and on calm evenings its lamps can be seen from the lighthouse long after it has rounded the point.",
    "Its captain, Ilse Marrow, has made the crossing more than four thousand times; she keeps the log in green ink and notes the weather before anything else.",
    "In the winter of 1963 the ferry was caught in pack ice for two days, and the passengers played cards in the saloon while the crew cut a channel by hand.",
    "The company plans to replace the old boat next spring with an electric one, which will make the crossing in half the time and without the smell of diesel.",
    "Regular passengers say they will miss the slow hour on deck, when the town falls away behind the wake and nobody is in a hurry to arrive.",
];

pub const LEDGER: [&str; 4] = [
    "The lighthouse keepers of Skerry Point wrote in one ledger for ninety years, and each of them added a line at dusk whatever the weather.",
    "A keeper named Tobias Wend recorded the great storm of 1911 in four words, and the rest of that page is blank but for a drawing of a gull.",
    "Visitors to the museum may now turn the pages themselves, with gloves, on the first Saturday of each month between ten and four.",
    "The last entry, from the night the light was automated, reads simply that the lamp was lit and the keeper went home.",
];

/// A page whose article exists only after its script has run: the HTML the
/// server sends holds the site's navigation and an empty main element.
pub fn built_by_script(title: &str, paragraphs: &[&str]) -> String {
    let paras = serde_json::to_string(paragraphs).unwrap_or_default();
    let heading = serde_json::to_string(title).unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Harbour Weekly</title></head><body>{SHELL_TOP}\
         <main id=\"root\"></main>{SHELL_BOTTOM}<script>\
         window.addEventListener('load', () => setTimeout(() => {{\
           const article = document.createElement('article');\
           const h1 = document.createElement('h1'); h1.textContent = {heading}; article.append(h1);\
           const by = document.createElement('p'); by.className = 'byline'; by.textContent = 'By Agnes Lowry'; article.append(by);\
           for (const text of {paras}) {{ const p = document.createElement('p'); p.textContent = text; article.append(p); }}\
           document.getElementById('root').append(article);\
           document.documentElement.dataset.built = 'yes';\
         }}, 30));\
         </script></body></html>"
    )
}

pub fn no_article() -> String {
    format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Archive | Harbour Weekly</title></head><body>{SHELL_TOP}{SHELL_BOTTOM}</body></html>")
}

/// A long static article of about `bytes` bytes of HTML (the benchmark's 1
/// MB page); each `edition` has its own text, so none is a duplicate of another.
pub fn long_article(bytes: usize, edition: usize) -> String {
    let mut body = String::with_capacity(bytes + 4096);
    body.push_str(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The harbour year | Harbour Weekly</title></head><body>",
    );
    body.push_str(SHELL_TOP);
    body.push_str(&format!("<main><article><h1>The harbour year, edition {edition}</h1><p class=\"byline\">By Agnes Lowry</p>"));
    let mut n = 0usize;
    while body.len() < bytes {
        let a = FERRY[n % FERRY.len()];
        let b = LEDGER[n % LEDGER.len()];
        body.push_str(&format!(
            "<h2>Week {}</h2><p>In week {} of edition {edition} the harbour log notes: {a}</p><p>Entry {}: {b}</p>",
            n + 1,
            n + 1,
            n * 7 + 3
        ));
        n += 1;
    }
    body.push_str("</article></main>");
    body.push_str(SHELL_BOTTOM);
    body.push_str("</body></html>");
    body
}

/// Serves `pages` (path → HTML) on 127.0.0.1; returns the base address.
pub fn serve(pages: HashMap<String, String>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind 127.0.0.1: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let pages = Arc::new(pages);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let pages = pages.clone();
            std::thread::spawn(move || respond(stream, &pages));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn respond(mut stream: TcpStream, pages: &HashMap<String, String>) {
    let Ok(clone) = stream.try_clone() else { return };
    let mut reader = BufReader::new(clone);
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
    let (status, body) = match pages.get(path) {
        Some(p) => ("200 OK", p.as_str()),
        None => ("404 Not Found", "not found"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}
