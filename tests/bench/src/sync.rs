//! Sync (#18) at scale: a library of 1,000 articles and 100,000 highlights
//! sent to an empty device through a folder; the overhead of recording one
//! highlight (sync off and on, same run); a round with one incoming change;
//! the folder's size per highlight and the receiving round's peak memory.

use std::path::Path;

use sidenote_core::sync;
use sidenote_core::{Color, Library, ListQuery, NewHighlight};

use crate::generate::{cached, Spec};
use crate::row::{Better, Row};
use crate::synth::Rng;
use crate::timing::{median, percentile, time_ms};
use crate::{BenchError, Config};

const GROUP: &str = "Sync (1,000 articles, 100,000 highlights)";

fn fresh_copy(from: &Path, to: &Path) -> Result<(), BenchError> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).map_err(|e| BenchError::io(to, e))?;
    Ok(())
}

fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                folder_bytes(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

/// Peak resident memory since the last reset (VmHWM), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak_rss() {
    // Linux: writing 5 resets VmHWM to the current RSS.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Times of `n` saves in `off` (a library that does not sync) and `on` (the
/// same library, syncing), taken in turns so that the load of the machine
/// weighs on both alike. Each save is in a random article opened first as the
/// reader opens one: `Library::warm_sync`, which the app runs on a thread of
/// its own as the article opens (untimed here; its median is returned).
fn save_times(off: &mut Library, on: &mut Library, n: usize) -> Result<(Vec<f64>, Vec<f64>, f64), BenchError> {
    let ids: Vec<String> = on.list_articles(&ListQuery::default())?.into_iter().map(|a| a.id).collect();
    let mut rng = Rng::new(9);
    let (mut off_times, mut on_times, mut warm_times) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n + 20 {
        let article = &ids[rng.range(0, ids.len())];
        let len = on.article(article)?.text.chars().count();
        let start = rng.range(0, len - 40) as u32;
        let new =
            NewHighlight { article_id: article.clone(), start, end: start + 30, color: Color::Blue, note: String::new(), tags: vec![] };
        off.warm_sync(article)?;
        let (saved, off_ms) = time_ms(|| off.create_highlight(&new));
        saved?;
        let (warmed, warm_ms) = time_ms(|| on.warm_sync(article));
        warmed?;
        let (saved, on_ms) = time_ms(|| on.create_highlight(&new));
        saved?;
        if i >= 20 {
            off_times.push(off_ms);
            on_times.push(on_ms);
            warm_times.push(warm_ms);
        }
    }
    Ok((off_times, on_times, median(&warm_times)))
}

pub fn run(cfg: &Config) -> Result<Vec<Row>, BenchError> {
    let spec = Spec { articles: 1_000, highlights: 100_000, seed: 18 };
    let cache = cached(&spec, &cfg.work)?;
    let work = cfg.work.join("sync-run");
    let _ = std::fs::remove_dir_all(&work);
    let folder = work.join("folder");
    std::fs::create_dir_all(&folder).map_err(|e| BenchError::io(&folder, e))?;
    let (a_path, b_path, c_path) = (work.join("a.sqlite3"), work.join("b.sqlite3"), work.join("c.sqlite3"));
    fresh_copy(&cache, &a_path)?;
    fresh_copy(&cache, &c_path)?;
    let mut rows = Vec::new();

    let mut a = Library::open_file(&a_path)?;
    let (enabled, enable_ms) = time_ms(|| sync::enable(&mut a, &folder, Some("a")));
    enabled?;
    let (sent, send_ms) = time_ms(|| sync::round(&mut a));
    let sent = sent?;

    // Recording overhead: the same saves in a copy that does not sync and in
    // the library that does, in turns.
    let mut c = Library::open_file(&c_path)?;
    let (off, on, warm_ms) = save_times(&mut c, &mut a, 300)?;
    drop(c);
    let (off99, on99) = (percentile(&off, 99.0), percentile(&on, 99.0));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?").to_owned();
    rows.push(
        Row::new(GROUP, "Save one highlight: recording overhead p99 (sync on minus off)", "ms")
            .ours(on99 - off99, Better::Lower, Some(2.0))
            .note(format!(
                "300 saves each, in turns, in an article opened first (its document loaded ahead, median {warm_ms:.1} ms, off the UI's path); p99 off {off99:.2} ms, on {on99:.2} ms; medians {:.2} / {:.2} ms; load average {load}",
                median(&off),
                median(&on)
            )),
    );

    // First sync into an empty device.
    let mut b = Library::open_file(&b_path)?;
    sync::enable(&mut b, &folder, Some("b"))?;
    reset_peak_rss();
    let (got, receive_ms) = time_ms(|| sync::round(&mut b));
    let got = got?;
    let peak = peak_rss_mb();
    let highlights = 100_000;
    rows.push(
        Row::new(GROUP, "First sync into an empty device", "s")
            .ours((enable_ms + send_ms + receive_ms) / 1e3, Better::Lower, Some(60.0))
            .note(format!(
                "recording the existing library {:.1} s, sending {:.1} s ({} changes), receiving and rebuilding {:.1} s ({} articles, {} highlights, {} waiting)",
                enable_ms / 1e3,
                send_ms / 1e3,
                sent.sent,
                receive_ms / 1e3,
                got.articles,
                got.highlights,
                got.waiting
            )),
    );
    rows.push(
        Row::new(GROUP, "Sync folder size per highlight", "bytes")
            .ours(folder_bytes(&folder) as f64 / highlights as f64, Better::Lower, Some(2048.0))
            .note(format!("logs and compressed article blobs of both devices, {:.1} MB", folder_bytes(&folder) as f64 / 1e6)),
    );
    if let Some(mb) = peak {
        rows.push(
            Row::new(GROUP, "Peak memory of the receiving round", "MB")
                .ours(mb, Better::Lower, Some(200.0))
                .note("VmHWM of the bench process, reset before the round (includes the sender's library, still open)".to_owned()),
        );
    }

    // One incoming change. The saves of the overhead measure above are
    // carried to the other device first, untimed: else the first of these
    // rounds would receive those 300 changes too.
    sync::round(&mut a)?;
    sync::round(&mut b)?;
    let mut times = Vec::new();
    let first = a.list_articles(&ListQuery::default())?.into_iter().map(|x| x.id).next().unwrap_or_default();
    for i in 0..10u32 {
        let start = 50 + i * 40;
        let new = NewHighlight { article_id: first.clone(), start, end: start + 20, color: Color::Pink, note: String::new(), tags: vec![] };
        a.create_highlight(&new)?;
        sync::round(&mut a)?;
        let (r, ms) = time_ms(|| sync::round(&mut b));
        r?;
        times.push(ms);
    }
    rows.push(
        Row::new(GROUP, "A round with one incoming change (median of 10)", "ms")
            .ours(median(&times), Better::Lower, Some(200.0))
            .note(format!("max {:.0} ms", percentile(&times, 100.0))),
    );
    Ok(rows)
}
