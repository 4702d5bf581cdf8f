//! The library at scale: 10,000 articles and 1,000,000 highlights. Opening
//! the library view, full-text search, saving one highlight, bytes per highlight.

use std::path::Path;

use sidenote_core::{Color, HighlightFilter, Library, ListQuery, NewHighlight, SortKey};

use crate::generate::{cached, Spec};
use crate::row::{Better, Row};
use crate::synth::{Rng, Vocabulary};
use crate::timing::{median, percentile, time_ms};
use crate::{BenchError, Config};

const GROUP: &str = "Library (10,000 articles, 1,000,000 highlights)";

pub fn run(cfg: &Config) -> Result<Vec<Row>, BenchError> {
    let spec = Spec { articles: 10_000, highlights: 1_000_000, seed: 2026 };
    let cache = cached(&spec, &cfg.work)?;
    // Measure a copy: saving highlights must not change the cached library.
    let path = cfg.work.join("library-run.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(&cache, &path).map_err(|e| BenchError::io(&path, e))?;
    let vocab = spec.vocabulary();
    let mut rows = vec![open_library_view(&path)?];
    let lib = Library::open_file(&path)?;
    rows.extend(search(&lib, &vocab)?);
    rows.push(storage(&lib, spec.highlights)?);
    drop(lib);
    rows.push(save_highlight(&path, &vocab)?);
    Ok(rows)
}

/// The page the library view asks for (one more row than it shows tells
/// whether more follow), newest first or best match first for a search.
fn view_page(search: &str) -> ListQuery {
    let sort = if search.is_empty() { SortKey::Imported } else { SortKey::Relevance };
    ListQuery { search: search.to_owned(), sort, descending: true, limit: Some(PAGE + 1), offset: None }
}

/// The library view's rows per page (ui/src/views/library.ts `PAGE`).
const PAGE: u32 = 200;

/// What the library view does when it appears: open the file, read the first
/// page of articles and count them all.
fn open_library_view(path: &Path) -> Result<Row, BenchError> {
    let mut times = Vec::new();
    let mut listed = (0, 0);
    for _ in 0..7 {
        let (result, ms) = time_ms(|| -> Result<(usize, u64), BenchError> {
            let lib = Library::open_file(path)?;
            let query = view_page("");
            Ok((lib.list_articles(&query)?.len(), lib.count_articles(&query)?))
        });
        listed = result?;
        times.push(ms);
    }
    let all = time_ms(|| Library::open_file(path).and_then(|lib| lib.list_articles(&ListQuery::default()))).1;
    Ok(Row::new(GROUP, "Open the library view (first page and the total)", "ms").ours(median(&times), Better::Lower, Some(200.0)).note(
        format!(
        "median of 7 fresh opens, {} rows with highlight counts of {} counted, file in the OS cache; listing all {} at once: {all:.0} ms",
        listed.0, listed.1, listed.1
    ),
    ))
}

/// Queries a reader would type: single words across the frequency range
/// (log-uniform ranks 50..20,000), word prefixes and two-word queries.
pub fn queries(vocab: &Vocabulary) -> Vec<String> {
    let mut rng = Rng::new(77);
    let mut rank = || {
        let x = rng.unit();
        ((50f64).ln() + x * ((vocab.len() as f64).ln() - (50f64).ln())).exp() as usize
    };
    let mut out = Vec::new();
    for _ in 0..20 {
        out.push(vocab.word(rank()).to_owned());
    }
    for _ in 0..5 {
        let w = vocab.word(rank());
        out.push(w.chars().take(4.min(w.len())).collect());
    }
    for _ in 0..5 {
        out.push(format!("{} {}", vocab.word(rank()), vocab.word(rank())));
    }
    out
}

fn search(lib: &Library, vocab: &Vocabulary) -> Result<Vec<Row>, BenchError> {
    let qs = queries(vocab);
    let mut article_ms = Vec::new();
    // The two parts of article_ms, and every match listed in import order as the view asked before pages.
    let (mut page_ms, mut count_ms, mut unpaged_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut highlight_ms = Vec::new();
    let (mut article_hits, mut highlight_hits) = (Vec::new(), Vec::new());
    for round in 0..4 {
        for q in &qs {
            // What the view waits for: the best-match page and the total, one after the other (one library connection).
            let query = view_page(q);
            let (page, page_time) = time_ms(|| lib.list_articles(&query));
            page?;
            let (found, count_time) = time_ms(|| lib.count_articles(&query));
            let n = found?;
            let ms = page_time + count_time;
            let (unpaged, unpaged_time) = time_ms(|| lib.list_articles(&ListQuery { search: q.clone(), ..Default::default() }));
            unpaged?;
            let (hfound, hms) = time_ms(|| {
                // The Highlights view asks for a page: the newest 200, plus one
                // that tells whether there are more.
                lib.list_highlights(&HighlightFilter { search: q.clone(), include_orphans: true, limit: Some(201), ..Default::default() })
            });
            let hn = hfound?.len();
            // Round 0 warms SQLite's cache.
            if round > 0 {
                article_ms.push(ms);
                page_ms.push(page_time);
                count_ms.push(count_time);
                unpaged_ms.push(unpaged_time);
                highlight_ms.push(hms);
            } else {
                article_hits.push(n as f64);
                highlight_hits.push(hn as f64);
            }
        }
    }
    let describe =
        |hits: &[f64]| format!("{} queries x 3 rounds, median {} results, max {}", qs.len(), median(hits), percentile(hits, 100.0));
    Ok(vec![
        Row::new(GROUP, "Full-text search p95: articles (library search)", "ms")
            .ours(percentile(&article_ms, 95.0), Better::Lower, Some(20.0))
            .note(format!(
                "{}; best match first (bm25), a page of at most 201 and the total counted apart, as the library view asks \
                 (p95 page {:.1} ms, count {:.1} ms; every match in import order, as before pages: {:.1} ms)",
                describe(&article_hits),
                percentile(&page_ms, 95.0),
                percentile(&count_ms, 95.0),
                percentile(&unpaged_ms, 95.0)
            )),
        Row::new(GROUP, "Full-text search p95: highlights and notes", "ms")
            .ours(percentile(&highlight_ms, 95.0), Better::Lower, Some(20.0))
            .note(format!("{}; a page of at most 201, as the Highlights view asks", describe(&highlight_hits))),
    ])
}

/// Saves highlights one by one as the reader does (one transaction each).
fn save_highlight(path: &Path, vocab: &Vocabulary) -> Result<Row, BenchError> {
    let mut lib = Library::open_file(path)?;
    let ids: Vec<String> = lib.list_articles(&ListQuery::default())?.into_iter().map(|a| a.id).collect();
    let mut rng = Rng::new(5);
    let mut times = Vec::new();
    for i in 0..520 {
        let article = &ids[rng.range(0, ids.len())];
        let len = lib.article(article)?.text.len() as u32;
        let start = rng.range(0, len as usize - 40) as u32;
        let new = NewHighlight {
            article_id: article.clone(),
            start,
            end: start + 30,
            color: Color::Green,
            note: if i % 3 == 0 { vocab.sentence(&mut rng, 5, 20) } else { String::new() },
            tags: if i % 5 == 0 { vec!["bench".into()] } else { vec![] },
        };
        let (saved, ms) = time_ms(|| lib.create_highlight(&new));
        saved?;
        if i >= 20 {
            times.push(ms);
        }
    }
    Ok(Row::new(GROUP, "Save one highlight (own transaction) p99", "ms")
        .ours(percentile(&times, 99.0), Better::Lower, Some(5.0))
        .note(format!("500 saves via Library::create_highlight, median {:.2} ms, WAL + synchronous=NORMAL", median(&times))))
}

/// Bytes the highlights take: their table, indexes, tag links and FTS index.
fn storage(lib: &Library, highlights: usize) -> Result<Row, BenchError> {
    // The store keeps its connection to itself: these statistics read the file through one of their own.
    let conn = rusqlite::Connection::open_with_flags(lib.path(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let pages: rusqlite::Result<i64> =
        conn.query_row("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'highlight%' OR name LIKE 'sqlite_autoindex_highlight%'", [], |r| {
            r.get(0)
        });
    let file = std::fs::metadata(lib.path()).map(|m| m.len()).unwrap_or(0);
    let (quote, noted): (f64, f64) =
        conn.query_row("SELECT avg(length(exact)), avg(note != '') FROM highlights", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let row = Row::new(GROUP, "Database size per highlight", "bytes");
    Ok(match pages {
        Ok(bytes) => row.info(bytes as f64 / highlights as f64, Better::Lower).note(format!(
            "highlights table, its indexes, tag links and FTS index (dbstat); mean quote {quote:.0} chars, {:.0}% with a note; whole file {:.0} MB",
            noted * 100.0,
            file as f64 / 1e6
        )),
        Err(e) => row.info(file as f64 / highlights as f64, Better::Lower).note(format!("whole file / highlights (dbstat unavailable: {e})")),
    })
}
