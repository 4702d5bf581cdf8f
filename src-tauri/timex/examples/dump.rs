//! Prints every expression the tagger finds in a set of texts, one line each,
//! for diffing the tagger's output before and after a change that should not
//! alter it (`cargo run --release -p sidenote-timex --example dump -- PATH...`).
//! A `.tml` file is tagged with its creation date and again without one, a
//! WikiWars `.xml` file without one, and a `.txt` file both without a date
//! and as published on 2011-09-15.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a measuring tool: a panic with its message is the report")]

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p).expect("folder").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for e in entries {
            walk(&e, out);
        }
    } else if p.extension().is_some_and(|x| x == "tml" || x == "xml" || x == "txt") {
        out.push(p.to_owned());
    }
}

/// The text inside `<TEXT>` without markup, entities unescaped.
fn text_of(raw: &str) -> Option<String> {
    let mut rest = &raw[raw.find("<TEXT>")? + 6..raw.rfind("</TEXT>")?];
    let mut text = String::new();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[rest[open..].find('>')? + open + 1..];
    }
    text.push_str(rest);
    Some(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"))
}

fn dct_of(raw: &str) -> Option<NaiveDate> {
    let rest = &raw[raw.find("<DCT>")?..];
    let v = rest.find("value=\"")? + 7;
    NaiveDate::parse_from_str(rest.get(v..v + 10)?, "%Y-%m-%d").ok()
}

fn main() {
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        walk(Path::new(&a), &mut paths);
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    for p in paths {
        let raw = std::fs::read_to_string(&p).unwrap_or_default();
        let runs: Vec<(String, Option<NaiveDate>)> = match p.extension().and_then(|x| x.to_str()) {
            Some("tml") => text_of(&raw).map(|t| vec![(t.clone(), dct_of(&raw)), (t, None)]).unwrap_or_default(),
            Some("xml") => text_of(&raw).map(|t| vec![(t, None)]).unwrap_or_default(),
            _ => vec![(raw.clone(), None), (raw, NaiveDate::from_ymd_opt(2011, 9, 15))],
        };
        for (text, dct) in runs {
            for t in sidenote_timex::tag(&text, dct) {
                let end = t.value_end.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{}\t{:?}\t{}\t{}\t{}\t{:?}\t{}\t{end}\t{}\t{}",
                    p.display(),
                    dct,
                    t.start,
                    t.end,
                    t.text,
                    t.kind,
                    t.value,
                    t.range_end,
                    t.event_name
                )
                .expect("stdout");
            }
        }
    }
}
