//! Temporal tagging: our tagger against chrono-node on the TimeBank text and on
//! a 3 MB book made of it; value F1 from the shared TempEval-3 scorer.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sidenote_core::timex;

use crate::peers::{quote, Peer};
use crate::row::{skipped, Better, Row};
use crate::timing::{passes_for, MB};
use crate::{scorers, BenchError, Config};

const GROUP: &str = "Temporal tagging";
pub const BOOK_BYTES: usize = 3 * 1024 * 1024;

pub struct Doc {
    pub name: String,
    pub dct: Option<NaiveDate>,
    pub text: String,
}

pub fn corpus(cfg: &Config) -> Option<PathBuf> {
    let dir = cfg.shared.as_ref()?.join("corpus/timebank");
    dir.is_dir().then_some(dir)
}

/// Every `.tml` file under `dir`, as the scorer reads it: the text between
/// `<TEXT>` tags with the markup removed, and the creation date.
pub fn load(dir: &Path) -> Result<Vec<Doc>, BenchError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| BenchError::io(&d, e))? {
            let path = entry.map_err(|e| BenchError::io(&d, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "tml") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut docs = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(&path).map_err(|e| BenchError::io(&path, e))?;
        if let Some(doc) = parse_tml(&raw) {
            let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            docs.push(Doc { name, ..doc });
        }
    }
    Ok(docs)
}

fn parse_tml(raw: &str) -> Option<Doc> {
    let dct = raw.find("<DCT>").and_then(|i| {
        let rest = &raw[i..];
        let v = rest.find("value=\"")? + 7;
        NaiveDate::parse_from_str(rest.get(v..v + 10)?, "%Y-%m-%d").ok()
    });
    let body_start = raw.find("<TEXT>")? + "<TEXT>".len();
    let body_end = raw.rfind("</TEXT>")?;
    let mut text = String::new();
    let mut rest = raw.get(body_start..body_end)?;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>')? + open;
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    Some(Doc { name: String::new(), dct, text })
}

/// A book-sized text: the corpus's documents one after another (repeated if
/// needed) until it holds at least `bytes`.
pub fn book(docs: &[Doc], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64 * 1024);
    while out.len() < bytes && !docs.is_empty() {
        for d in docs {
            out.push_str(d.text.trim());
            out.push_str("\n\n");
            if out.len() >= bytes {
                break;
            }
        }
    }
    out
}

pub fn run(cfg: &Config, docs: &[Doc], book_text: &str) -> Result<Vec<Row>, BenchError> {
    let mut rows = Vec::new();
    let Some(dir) = corpus(cfg) else {
        for name in ["Tagging throughput, TimeBank", "Tagging throughput, 3 MB book"] {
            rows.push(skipped(GROUP, name, "MB/s", Some(">= 15 MB/s"), "../shared/corpus/timebank is absent"));
        }
        rows.push(skipped(GROUP, "Value F1, TimeBank", "F1", Some(">= 85"), "../shared/corpus/timebank is absent"));
        return Ok(rows);
    };
    std::fs::create_dir_all(&cfg.work).map_err(|e| BenchError::io(&cfg.work, e))?;
    // The peer reads exactly the texts we tag.
    let docs_file = cfg.work.join("timebank-docs.json");
    let json: Vec<serde_json::Value> =
        docs.iter().map(|d| serde_json::json!({"name": d.name, "dct": d.dct.map(|x| x.to_string()), "text": d.text})).collect();
    std::fs::write(&docs_file, serde_json::to_string(&json).unwrap_or_default()).map_err(|e| BenchError::io(&docs_file, e))?;
    let book_file = cfg.work.join("book.txt");
    std::fs::write(&book_file, book_text).map_err(|e| BenchError::io(&book_file, e))?;
    let book_dct = NaiveDate::from_ymd_opt(2011, 9, 15);
    let book_json = cfg.work.join("book.json");
    let one = serde_json::json!([{"name": "book", "dct": book_dct.map(|d| d.to_string()), "text": book_text}]);
    std::fs::write(&book_json, one.to_string()).map_err(|e| BenchError::io(&book_json, e))?;

    let chrono = Peer::node(cfg, "chrono-node", "chrono-node");
    let corpus_mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / MB;
    let (passes, secs) = passes_for(cfg.min_time(), || -> Result<(), BenchError> {
        for d in docs {
            std::hint::black_box(timex::tag(&d.text, d.dct));
        }
        Ok(())
    })?;
    let theirs = chrono.seconds_per_pass("chrono_bench.mjs", &[&docs_file.display().to_string()], cfg.min_seconds);
    rows.push(throughput(
        &format!("Tagging throughput, TimeBank ({} docs, {corpus_mb:.1} MB)", docs.len()),
        corpus_mb * passes as f64 / secs,
        corpus_mb,
        theirs,
        chrono.name,
    ));

    let book_mb = book_text.len() as f64 / MB;
    let (passes, secs) = passes_for(cfg.min_time(), || -> Result<(), BenchError> {
        std::hint::black_box(timex::tag(book_text, book_dct));
        Ok(())
    })?;
    let theirs = chrono.seconds_per_pass("chrono_bench.mjs", &[&book_json.display().to_string()], cfg.min_seconds);
    rows.push(throughput(
        &format!("Tagging throughput, book ({book_mb:.1} MB, one call)"),
        book_mb * passes as f64 / secs,
        book_mb,
        theirs,
        chrono.name,
    ));

    rows.extend(quality(cfg, &dir, &chrono));
    Ok(rows)
}

fn throughput(name: &str, ours: f64, mb: f64, theirs: Result<f64, String>, peer: &str) -> Row {
    let peer_mbs = theirs.as_ref().ok().map(|s| mb / s);
    let row = Row::new(GROUP, name, "MB/s").info(ours, Better::Higher).peer(peer, peer_mbs);
    // Issue #21: at least 15 MB/s single-threaded, and no slower than the peer.
    let met = ours >= 15.0 && row.ratio.is_none_or(|r| r >= 1.0);
    row.budget_text(&format!(">= 15 MB/s and >= {peer}"), Some(met))
        .note(theirs.err().map(|e| format!("peer skipped: {e}")).unwrap_or_default())
        .note("single thread, warm, startup excluded; chrono-node: parse(text, dct)")
}

fn quality(cfg: &Config, dir: &Path, chrono: &Peer) -> Vec<Row> {
    let scorer = cfg.shared.as_ref().map(|s| s.join("tools/timex_eval.py")).filter(|p| p.is_file());
    let (Some(scorer), Some(bin)) = (scorer, cfg.sidenote.as_ref()) else {
        return vec![skipped(GROUP, "Value F1, TimeBank", "F1", Some(">= 85"), "no scorer or no sidenote binary")];
    };
    let ours = match scorers::run(&scorer, "--corpus", dir, &format!("{} dates {{file}} --published {{dct}} --json", quote(bin))) {
        Ok(o) => o,
        Err(e) => return vec![skipped(GROUP, "Value F1, TimeBank", "F1", Some(">= 85"), &e)],
    };
    let theirs = chrono.command_line("chrono_dates.mjs", "{file} {dct}").and_then(|cmd| scorers::run(&scorer, "--corpus", dir, &cmd));
    [("value_f1", "Value F1, TimeBank", 85.0), ("relaxed_f1", "Relaxed F1, TimeBank", 92.0)]
        .into_iter()
        .map(|(key, name, budget)| {
            let value = ours.get(key).copied().unwrap_or(f64::NAN);
            let peer = theirs.as_ref().ok().and_then(|t| t.get(key).copied());
            Row::new(GROUP, name, "F1")
                .ours(value, Better::Higher, Some(budget))
                .peer(chrono.name, peer)
                .note(theirs.as_ref().err().map(|e| format!("peer skipped: {e}")).unwrap_or_default())
                .note("TempEval-3 style, shared/tools/timex_eval.py; chrono-node through bench/peers/chrono_dates.mjs")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tml_text_and_creation_date_as_the_scorer_reads_them() {
        let raw = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-08-07\">08/07/1998</TIMEX3></DCT>\
                   <TEXT>The mill <EVENT eid=\"e1\">closed</EVENT> <TIMEX3 tid=\"t1\">last week</TIMEX3> &amp; more.</TEXT></TimeML>";
        let doc = parse_tml(raw).unwrap();
        assert_eq!(doc.text, "The mill closed last week & more.");
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(1998, 8, 7));
    }

    #[test]
    fn book_repeats_documents_up_to_the_size() {
        let docs = vec![Doc { name: "a".into(), dct: None, text: "Ten words of text here.".into() }];
        let b = book(&docs, 100);
        assert!(b.len() >= 100 && b.len() < 130, "{}", b.len());
        assert!(b.starts_with("Ten words of text here.\n\nTen"));
    }
}
