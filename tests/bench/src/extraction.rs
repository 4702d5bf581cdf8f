//! Extraction and import: our pipeline against Readability.js (jsdom) and
//! trafilatura on the 65 pages of the Readability corpus, plus the import
//! budget of < 50 ms per MB on a large page and a 3 MB plain-text book.

use std::path::{Path, PathBuf};

use sidenote_core::import::{load_bytes, Format};
use sidenote_core::Library;

use crate::peers::{quote, Peer};
use crate::row::{skipped, Better, Row};
use crate::timing::{passes_for, time_ms, MB};
use crate::{scorers, BenchError, Config};

const GROUP: &str = "Import";

pub struct Page {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn corpus(cfg: &Config) -> Option<PathBuf> {
    let dir = cfg.shared.as_ref()?.join("corpus/readability");
    dir.is_dir().then_some(dir)
}

pub fn load_pages(dir: &Path) -> Result<Vec<Page>, BenchError> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| BenchError::io(dir, e))? {
        let folder = entry.map_err(|e| BenchError::io(dir, e))?.path();
        let source = folder.join("source.html");
        if source.is_file() {
            let bytes = std::fs::read(&source).map_err(|e| BenchError::io(&source, e))?;
            pages.push(Page { name: folder.file_name().unwrap_or_default().to_string_lossy().into_owned(), bytes });
        }
    }
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(pages)
}

pub fn run(cfg: &Config, book: Option<&str>) -> Result<Vec<Row>, BenchError> {
    let mut rows = Vec::new();
    let Some(dir) = corpus(cfg) else {
        let reason = "../shared/corpus/readability is absent";
        rows.push(skipped(GROUP, "Extraction throughput (65 pages)", "MB/s", Some("faster than peers"), reason));
        rows.push(skipped(GROUP, "Extraction quality, mean F1 (65 pages)", "F1", Some(">= Readability.js"), reason));
        rows.push(skipped(GROUP, "Import time per MB (65 pages)", "ms/MB", Some("< 50 ms/MB"), reason));
        if let Some(book) = book {
            rows.push(import_book(book)?);
        }
        return Ok(rows);
    };
    let pages = load_pages(&dir)?;
    let total: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let mb = total as f64 / MB;
    let n = pages.len();
    eprintln!("  {n} pages, {mb:.1} MB");

    // Ours: decode, extract, sanitize, lay out (what import does before storing).
    let mut failed = 0;
    let (passes, secs) = passes_for(cfg.min_time(), || -> Result<(), BenchError> {
        failed = 0;
        for p in &pages {
            if load_bytes(&p.name, p.bytes.clone(), Format::Html).is_err() {
                failed += 1;
            }
        }
        Ok(())
    })?;
    let ours = mb * passes as f64 / secs;
    let failed_note = if failed > 0 { format!("{failed} pages refused as article-less (still timed)") } else { String::new() };
    let peers = [Peer::node(cfg, "Readability.js", "@mozilla/readability"), Peer::python(cfg, "trafilatura", "trafilatura")];
    let scripts = [("readability_bench.mjs", "readability_extract.mjs"), ("trafilatura_bench.py", "trafilatura_extract.py")];
    let name = format!("Extraction throughput ({n} pages, {mb:.1} MB)");
    for (peer, (bench, _)) in peers.iter().zip(scripts) {
        let theirs = peer.seconds_per_pass(bench, &[&dir.display().to_string()], cfg.min_seconds).map(|s| mb / s);
        let row = Row::new(GROUP, &name, "MB/s").info(ours, Better::Higher).peer(peer.name, theirs.as_ref().ok().copied());
        let met = row.ratio.map(|r| r > 1.0);
        rows.push(
            row.budget_text(&format!("faster than {}", peer.name), met)
                .note(theirs.err().map(|e| format!("skipped: {e}")).unwrap_or_default())
                .note("single thread, warm, startup excluded; ours = decode + extract + sanitize + layout")
                .note(&failed_note),
        );
    }
    rows.extend(quality(cfg, &dir, &peers, &scripts));
    rows.push(import_pages(&pages)?);
    if let Some(large) = pages.iter().max_by_key(|p| p.bytes.len()).filter(|p| p.bytes.len() >= 1 << 20) {
        rows.push(import_one(
            &large.name,
            &large.bytes,
            Format::Html,
            &format!("Import a large page ({}, {:.1} MB)", large.name, large.bytes.len() as f64 / MB),
        )?);
    }
    if let Some(book) = book {
        rows.push(import_book(book)?);
    }
    Ok(rows)
}

fn quality(cfg: &Config, dir: &Path, peers: &[Peer], scripts: &[(&str, &str)]) -> Vec<Row> {
    let name = "Extraction quality, mean F1 (65 pages)";
    let scorer = cfg.shared.as_ref().map(|s| s.join("tools/extract_eval.py")).filter(|p| p.is_file());
    let (Some(scorer), Some(bin)) = (scorer, cfg.sidenote.as_ref()) else {
        return vec![skipped(GROUP, name, "F1", Some(">= Readability.js"), "no scorer or no sidenote binary")];
    };
    let ours = scorers::run(&scorer, "--pages", dir, &format!("{} extract {{file}} --json", quote(bin)));
    let mut peer_scores = Vec::new();
    for (peer, (_, adapter)) in peers.iter().zip(scripts) {
        let score = peer.command_line(adapter, "{file}").and_then(|cmd| scorers::run(&scorer, "--pages", dir, &cmd));
        peer_scores.push((peer.name, score));
    }
    let readability_f1 = peer_scores.first().and_then(|(_, s)| s.as_ref().ok()).and_then(|s| s.get("mean_f1").copied());
    let mut rows = Vec::new();
    let ours = match ours {
        Ok(o) => o,
        Err(e) => return vec![skipped(GROUP, name, "F1", Some(">= Readability.js"), &e)],
    };
    for (metric, label) in [("mean_f1", name), ("title_acc", "Title accuracy (65 pages)")] {
        let value = ours.get(metric).copied().unwrap_or(f64::NAN);
        for (peer, score) in &peer_scores {
            let theirs = score.as_ref().ok().and_then(|s| s.get(metric).copied()).filter(|v| v.is_finite());
            let mut row = Row::new(GROUP, label, "").info(value, Better::Higher).peer(peer, theirs);
            row = match (metric, readability_f1) {
                ("mean_f1", Some(r)) => {
                    row.budget_text(&format!(">= 0.95 and >= Readability.js ({r:.3})"), Some(value >= 0.95 && value >= r))
                }
                ("mean_f1", None) => row.budget_text(">= 0.95", Some(value >= 0.95)),
                _ => row.budget_text(">= 0.95", Some(value >= 0.95)),
            };
            if let Err(e) = score {
                row = row.note(format!("skipped: {e}"));
            }
            rows.push(row.note("4-word shingle F1 against Readability's expected text, shared/tools/extract_eval.py"));
        }
    }
    rows
}

/// Import of all pages into a fresh library: extract, sanitize, store.
fn import_pages(pages: &[Page]) -> Result<Row, BenchError> {
    let total: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let mut per_mb = Vec::new();
    for _ in 0..3 {
        let dir = tempfile::tempdir().map_err(|e| BenchError::io(Path::new("tmp"), e))?;
        let mut lib = Library::open_dir(dir.path())?;
        let (result, ms) = time_ms(|| -> Result<(), BenchError> {
            for p in pages {
                if let Ok(loaded) = load_bytes(&p.name, p.bytes.clone(), Format::Html) {
                    lib.import_loaded(loaded)?;
                }
            }
            Ok(())
        });
        result?;
        per_mb.push(ms / (total as f64 / MB));
    }
    Ok(Row::new(GROUP, &format!("Import time per MB ({} pages: extract, sanitize, store)", pages.len()), "ms/MB")
        .ours(crate::timing::median(&per_mb), Better::Lower, Some(50.0))
        .note("median of 3 imports into a fresh library file"))
}

fn import_one(what: &str, bytes: &[u8], format: Format, name: &str) -> Result<Row, BenchError> {
    let mut per_mb = Vec::new();
    for _ in 0..5 {
        let dir = tempfile::tempdir().map_err(|e| BenchError::io(Path::new("tmp"), e))?;
        let mut lib = Library::open_dir(dir.path())?;
        let (result, ms) = time_ms(|| -> Result<(), BenchError> {
            lib.import_loaded(load_bytes(what, bytes.to_vec(), format)?)?;
            Ok(())
        });
        result?;
        per_mb.push(ms / (bytes.len() as f64 / MB));
    }
    Ok(Row::new(GROUP, name, "ms/MB")
        .ours(crate::timing::median(&per_mb), Better::Lower, Some(50.0))
        .note("median of 5: decode, extract, sanitize, store"))
}

fn import_book(book: &str) -> Result<Row, BenchError> {
    let name = format!("Import a plain-text book ({:.1} MB)", book.len() as f64 / MB);
    import_one("book.txt", book.as_bytes(), Format::Text, &name)
}
