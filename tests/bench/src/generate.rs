//! Generates a synthetic library straight into the schema, in one transaction
//! with prepared statements on a connection of its own (the store API writes
//! one highlight per transaction, far too slow for a million, and keeps its
//! connection to itself). The store creates the schema; rows are what the
//! store itself would write: text and HTML from the importers' block
//! renderer, content hashes, word counts, and quote selectors from the
//! anchoring code.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use sidenote_core::anchor::Text;
use sidenote_core::import::blocks::{self, Block};
use sidenote_core::model::word_count;
use sidenote_core::store::{content_hash, migrations::SCHEMA_VERSION};
use sidenote_core::Library;

use crate::synth::{Rng, Vocabulary};
use crate::BenchError;

/// Bump when the generator changes what it writes, so cached libraries are rebuilt.
const GENERATOR_VERSION: u32 = 1;
const COLORS: [&str; 5] = ["yellow", "green", "blue", "pink", "purple"];
const TAGS: usize = 40;

pub struct Spec {
    pub articles: usize,
    pub highlights: usize,
    pub seed: u64,
}

impl Spec {
    /// The vocabulary every generated library of this seed uses (queries are drawn from it).
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::new(20_000, &mut Rng::new(self.seed))
    }

    /// The cached file for this spec under `work`; keyed on the schema and generator versions.
    pub fn cache_path(&self, work: &Path) -> PathBuf {
        work.join(format!("library-s{SCHEMA_VERSION}-g{GENERATOR_VERSION}-{}a-{}h-{}.sqlite3", self.articles, self.highlights, self.seed))
    }
}

/// The cached library for `spec`, generating it first if needed. Returns its path.
pub fn cached(spec: &Spec, work: &Path) -> Result<PathBuf, BenchError> {
    let path = spec.cache_path(work);
    if path.exists() {
        eprintln!("  using the cached library {}", path.display());
        return Ok(path);
    }
    std::fs::create_dir_all(work).map_err(|e| BenchError::io(work, e))?;
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let start = std::time::Instant::now();
    generate(spec, &partial)?;
    std::fs::rename(&partial, &path).map_err(|e| BenchError::io(&path, e))?;
    eprintln!("  generated {} in {:.1} s", path.display(), start.elapsed().as_secs_f64());
    Ok(path)
}

fn generate(spec: &Spec, path: &Path) -> Result<(), BenchError> {
    let vocab = spec.vocabulary();
    let mut rng = Rng::new(spec.seed ^ 0x5eed);
    // The store makes the schema, then the rows go in through a connection of our own.
    drop(Library::open_file(path)?);
    let mut conn = Connection::open(path)?;
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;")?;
    let tag_names: Vec<String> = (0..TAGS).map(|i| format!("{}-{i}", vocab.word(200 + i))).collect();
    let tx = conn.transaction()?;
    {
        let mut tag_stmt = tx.prepare("INSERT INTO tags (id, name) VALUES (?1, ?2)")?;
        for (i, name) in tag_names.iter().enumerate() {
            tag_stmt.execute(params![i as i64 + 1, name])?;
        }
        let mut art = tx.prepare(
            "INSERT INTO articles (id, title, byline, site, source_url, source_kind, published, published_precision,
                imported_at, lang, dir, html, text, word_count, content_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, 'html', ?6, 'day', ?7, 'en', 'ltr', ?8, ?9, ?10, ?11)",
        )?;
        let mut hl = tx.prepare(
            "INSERT INTO highlights (id, article_id, start, end, exact, prefix, suffix, color, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?;
        let mut hl_tag = tx.prepare("INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) VALUES (?1, ?2)")?;
        let day0 = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        for a in 0..spec.articles {
            let paragraphs: Vec<Block> = (0..rng.range(4, 16)).map(|_| Block::paragraph(vocab.paragraph(&mut rng))).collect();
            let (text, html) = blocks::render(&paragraphs);
            let id = rng.uuid();
            // Imports spread over six years, in insertion order.
            let imported = day0 + chrono::Duration::minutes((a * 6 * 365 * 24 * 60 / spec.articles.max(1)) as i64);
            let site = format!("{}.example", vocab.word(300 + rng.range(0, 200)));
            art.execute(params![
                id,
                vocab.title(&mut rng, 3, 9),
                vocab.title(&mut rng, 2, 4),
                site,
                format!("https://{site}/{}", rng.uuid()),
                format!("{}-{:02}-{:02}", rng.range(1990, 2026), rng.range(1, 13), rng.range(1, 29)),
                imported.and_hms_opt(8, 0, 0).unwrap_or_default().and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                html,
                text,
                word_count(&text),
                content_hash(&text),
            ])?;
            let count = per_article(spec, a);
            let sentences = sentence_spans(&text);
            let anchor = Text::new(&text);
            for _ in 0..count {
                let first = rng.range(0, sentences.len());
                let last = (first + rng.range(0, 2)).min(sentences.len() - 1);
                let (start, end) = (sentences[first].0, sentences[last].1);
                let sel = anchor.describe(start as u32, end as u32)?;
                let note = if rng.chance(0.3) { vocab.sentence(&mut rng, 6, 30) } else { String::new() };
                let created = imported + chrono::Duration::minutes(rng.range(0, 60 * 24 * 30) as i64);
                let created = created.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
                let hid = rng.uuid();
                let q = &sel.quote;
                hl.execute(params![
                    hid,
                    id,
                    start as i64,
                    end as i64,
                    q.exact,
                    q.prefix,
                    q.suffix,
                    COLORS[rng.range(0, COLORS.len())],
                    note,
                    created.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                ])?;
                if rng.chance(0.15) {
                    for _ in 0..rng.range(1, 3) {
                        hl_tag.execute(params![hid, rng.range(1, TAGS + 1) as i64])?;
                    }
                }
            }
            if a % 1000 == 999 {
                eprintln!("  generated {} of {} articles", a + 1, spec.articles);
            }
        }
    }
    tx.commit()?;
    // One self-contained file: fold the WAL in before the file is copied around.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Highlights of article `a`: the total spread evenly, exactly `spec.highlights` in all.
fn per_article(spec: &Spec, a: usize) -> usize {
    let share = |i: usize| i * spec.highlights / spec.articles.max(1);
    share(a + 1) - share(a)
}

/// `(start, end)` of each sentence (ASCII text: byte offsets are code-point offsets).
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            spans.push((start, i + 1));
            start = i + 1;
            while text[start..].starts_with(char::is_whitespace) {
                start += 1;
            }
        }
    }
    if spans.is_empty() {
        spans.push((0, text.len()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_library_is_valid_for_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let spec = Spec { articles: 5, highlights: 37, seed: 9 };
        let path = cached(&spec, dir.path()).unwrap();
        let lib = Library::open_file(&path).unwrap();
        let articles = lib.list_articles(&Default::default()).unwrap();
        assert_eq!(articles.len(), 5);
        assert_eq!(articles.iter().map(|a| a.highlight_count).sum::<u32>(), 37);
        for a in &articles {
            let article = lib.article(&a.id).unwrap();
            for h in lib.article_highlights(&a.id).unwrap() {
                let exact: String = article.text.chars().skip(h.start as usize).take((h.end - h.start) as usize).collect();
                assert_eq!(exact, h.exact);
                assert!(h.exact.ends_with('.'));
            }
        }
        assert!(spec.cache_path(dir.path()).exists());
    }
}
