//! Tagging throughput on the TimeBank text and on a 3 MB book made of it, for
//! profiling the tagger alone (`cargo run --release -p sidenote-timex
//! --example throughput [-- DIR [SECONDS]]`). The benchmark of record is
//! `tests/bench` (`sidenote-bench --only timex`), which also runs chrono-node.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a measuring tool: a panic with its message is the report")]

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("corpus folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
}

/// The text between `<TEXT>` tags without markup, and the creation date.
fn load(path: &Path) -> Option<(String, Option<NaiveDate>)> {
    let raw = std::fs::read_to_string(path).ok()?;
    let dct = raw.find("<DCT>").and_then(|i| {
        let rest = &raw[i..];
        let v = rest.find("value=\"")? + 7;
        NaiveDate::parse_from_str(rest.get(v..v + 10)?, "%Y-%m-%d").ok()
    });
    let mut rest = &raw[raw.find("<TEXT>")? + 6..raw.rfind("</TEXT>")?];
    let mut text = String::new();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[rest[open..].find('>')? + open + 1..];
    }
    text.push_str(rest);
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    Some((text, dct))
}

/// Passes over the input for at least `seconds`, or exactly `-seconds`
/// passes when negative (for counting instructions).
fn rate(mb: f64, seconds: f64, mut pass: impl FnMut()) -> f64 {
    pass();
    let start = Instant::now();
    let mut n = 0u32;
    while n == 0 || (seconds > 0.0 && start.elapsed().as_secs_f64() < seconds) || f64::from(n) < -seconds {
        pass();
        n += 1;
    }
    mb * f64::from(n) / start.elapsed().as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/corpus/timebank"));
    let seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    paths.sort();
    let docs: Vec<(String, Option<NaiveDate>)> = paths.iter().filter_map(|p| load(p)).collect();
    let mb = docs.iter().map(|d| d.0.len()).sum::<usize>() as f64 / 1048576.0;
    let mut book = String::new();
    while book.len() < 3 * 1048576 && !docs.is_empty() {
        for d in &docs {
            book.push_str(d.0.trim());
            book.push_str("\n\n");
            if book.len() >= 3 * 1048576 {
                break;
            }
        }
    }
    let book_mb = book.len() as f64 / 1048576.0;
    let dct = NaiveDate::from_ymd_opt(2011, 9, 15);
    let corpus = rate(mb, seconds, || {
        for (text, d) in &docs {
            std::hint::black_box(sidenote_timex::tag(text, *d));
        }
    });
    let whole = rate(book_mb, seconds, || {
        std::hint::black_box(sidenote_timex::tag(&book, dct));
    });
    println!("TimeBank ({} docs, {mb:.2} MB): {corpus:.2} MB/s", docs.len());
    println!("book ({book_mb:.2} MB, one call): {whole:.2} MB/s");
}
