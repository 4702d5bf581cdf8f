//! Extraction on news pages: the 287 pages of `../shared/corpus/news` scored
//! with trafilatura's own snippet measure (pooled precision, recall, F1), and
//! throughput over the same pages, with trafilatura beside us.

use std::path::{Path, PathBuf};

use sidenote_core::import::{load_bytes, Format};

use crate::extraction::{load_pages, Page};
use crate::peers::{quote, Peer};
use crate::row::{skipped, Better, Row};
use crate::timing::{passes_for, thread_cpu_ms, MB};
use crate::{scorers, BenchError, Config};

const GROUP: &str = "Import";

fn corpus(cfg: &Config) -> Option<PathBuf> {
    let dir = cfg.shared.as_ref()?.join("corpus/news");
    dir.is_dir().then_some(dir)
}

/// The quality rows' names and budgets: (scorer key, row name, budget, unit floor).
const QUALITY: [(&str, &str, &str, f64); 3] = [
    ("f1", "News extraction, pooled F1", ">= 0.93 and >= trafilatura", 0.93),
    ("precision", "News extraction, pooled precision", ">= 0.90", 0.90),
    ("recall", "News extraction, pooled recall", ">= 0.95", 0.95),
];

pub fn run(cfg: &Config) -> Result<Vec<Row>, BenchError> {
    let Some(dir) = corpus(cfg) else {
        let reason = "../shared/corpus/news is absent";
        let mut rows = vec![skipped(GROUP, "News extraction throughput (287 pages)", "MB/s", Some(">= 5x trafilatura"), reason)];
        rows.extend(QUALITY.iter().map(|(_, name, budget, _)| skipped(GROUP, name, "", Some(budget), reason)));
        return Ok(rows);
    };
    let pages = load_pages(&dir)?;
    let mut rows = vec![throughput(cfg, &dir, &pages)?];
    rows.extend(quality(cfg, &dir, pages.len()));
    Ok(rows)
}

fn throughput(cfg: &Config, dir: &Path, pages: &[Page]) -> Result<Row, BenchError> {
    let mb = pages.iter().map(|p| p.bytes.len()).sum::<usize>() as f64 / MB;
    let mut refused = 0;
    // The CPU time of the timed passes (the first call is the warm-up).
    let (mut calls, mut cpu_start) = (0, None);
    let (passes, secs) = passes_for(cfg.min_time(), || -> Result<(), BenchError> {
        calls += 1;
        if calls == 2 {
            cpu_start = thread_cpu_ms();
        }
        refused = 0;
        for p in pages {
            if load_bytes(&p.name, p.bytes.clone(), Format::Html).is_err() {
                refused += 1;
            }
        }
        Ok(())
    })?;
    let ours_cpu = cpu_start.zip(thread_cpu_ms()).map(|(a, b)| mb * passes as f64 / ((b - a) / 1e3));
    let ours = mb * passes as f64 / secs;
    let peer = Peer::python(cfg, "trafilatura", "trafilatura");
    let timing = peer.timing("trafilatura_bench.py", &[&dir.display().to_string()], cfg.min_seconds);
    let theirs = timing.as_ref().map(|t| mb / t.seconds).map_err(Clone::clone);
    let theirs_cpu = timing.as_ref().ok().and_then(|t| t.cpu_seconds).map(|c| mb / c);
    let name = format!("News extraction throughput ({} pages, {mb:.1} MB)", pages.len());
    let row = Row::new(GROUP, &name, "MB/s").info(ours, Better::Higher).peer(peer.name, theirs.as_ref().ok().copied());
    let met = row.ratio.map(|r| r >= 5.0);
    Ok(row
        .budget_text(">= 5x trafilatura", met)
        .note(theirs.err().map(|e| format!("skipped: {e}")).unwrap_or_default())
        .note(cpu_note(ours_cpu, theirs_cpu))
        .note("single thread, warm, startup excluded; ours = decode + extract + clean-up + sanitize + layout")
        .note(if refused > 0 { format!("{refused} pages refused as article-less (still timed)") } else { String::new() }))
}

/// Throughput by CPU time, both sides: on a machine shared with other work
/// the wall-clock figures mostly measure the wait for a core.
fn cpu_note(ours: Option<f64>, theirs: Option<f64>) -> String {
    match (ours, theirs) {
        (Some(o), Some(t)) => format!("by CPU time: ours {o:.1} MB/s, trafilatura {t:.2} MB/s ({:.2}x)", o / t),
        (Some(o), None) => format!("by CPU time: ours {o:.1} MB/s"),
        _ => String::new(),
    }
}

fn quality(cfg: &Config, dir: &Path, n: usize) -> Vec<Row> {
    let scorer = cfg.shared.as_ref().map(|s| s.join("tools/extract_eval.py")).filter(|p| p.is_file());
    let (Some(scorer), Some(bin)) = (scorer, cfg.sidenote.as_ref()) else {
        return QUALITY
            .iter()
            .map(|(_, name, budget, _)| skipped(GROUP, name, "", Some(budget), "no scorer or no sidenote binary"))
            .collect();
    };
    let ours = scorers::run_pooled(&scorer, "--snippets", dir, &format!("{} extract {{file}} --json", quote(bin)));
    let peer = Peer::python(cfg, "trafilatura", "trafilatura");
    let theirs =
        peer.command_line("trafilatura_extract.py", "{file}").and_then(|cmd| scorers::run_pooled(&scorer, "--snippets", dir, &cmd));
    let ours = match ours {
        Ok(o) => o,
        Err(e) => return QUALITY.iter().map(|(_, name, budget, _)| skipped(GROUP, name, "", Some(budget), &e)).collect(),
    };
    QUALITY
        .iter()
        .map(|(key, name, budget, floor)| {
            let value = ours.get(*key).copied().unwrap_or(f64::NAN);
            let peer_value = theirs.as_ref().ok().and_then(|t| t.get(*key).copied());
            let met = match (*key, peer_value) {
                ("f1", Some(p)) => value >= *floor && value >= p,
                _ => value >= *floor,
            };
            let mut row = Row::new(GROUP, &format!("{name} ({n} pages)"), "").info(value, Better::Higher).peer(peer.name, peer_value);
            row = row.budget_text(budget, Some(met));
            if let Err(e) = &theirs {
                row = row.note(format!("skipped: {e}"));
            }
            row.note("trafilatura's snippet measure (pooled over pages), shared/tools/extract_eval.py --snippets")
        })
        .collect()
}
