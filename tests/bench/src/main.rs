//! `sidenote-bench`: measures Sidenote against the budgets of issue #9 and,
//! where a peer runs on the same input, against the peer. Prints one JSON line
//! per table row on stdout (progress on stderr); `scripts/bench.sh` installs
//! the peers, runs this and the app benchmarks, and prints the table.
//!
//! Usage: sidenote-bench [--only extract,news,timex,library,timeline,export,images,books] [--shared DIR]
//!        [--peers DIR] [--python PATH] [--sidenote BIN] [--work DIR] [--min-seconds S]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod books;
mod export;
mod extraction;
mod generate;
mod images;
mod library;
mod library_timeline;
mod news;
mod peers;
mod row;
mod scorers;
mod sync;
mod synth;
mod tagging;
mod timeline_windows;
mod timing;

use std::path::{Path, PathBuf};
use std::time::Duration;

use row::skipped;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    Core(#[from] sidenote_core::Error),
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{0}")]
    Usage(String),
}

impl BenchError {
    pub fn io(path: &Path, source: std::io::Error) -> BenchError {
        BenchError::Io { path: path.display().to_string(), source }
    }
}

pub struct Config {
    /// The shared corpora and scorers (`../shared`), when present.
    pub shared: Option<PathBuf>,
    /// `bench/peers`: the peers' scripts and their node_modules.
    pub peers: PathBuf,
    /// A Python with trafilatura installed.
    pub python: Option<PathBuf>,
    /// The release `sidenote` binary the scorers run.
    pub sidenote: Option<PathBuf>,
    /// Where generated libraries and inputs are cached.
    pub work: PathBuf,
    /// Each throughput is timed over at least this long.
    pub min_seconds: f64,
    pub only: Vec<String>,
}

impl Config {
    fn from_args(args: &[String]) -> Result<Config, BenchError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
        let mut cfg = Config {
            shared: Some(root.join("../shared")),
            peers: root.join("bench/peers"),
            python: Some(target.join("bench/venv/bin/python")),
            sidenote: Some(target.join("release/sidenote")),
            work: target.join("bench"),
            min_seconds: 2.0,
            only: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().cloned().ok_or_else(|| BenchError::Usage(format!("{flag} needs a value")));
            match flag.as_str() {
                "--only" => cfg.only = value()?.split(',').map(str::to_owned).collect(),
                "--shared" => cfg.shared = Some(PathBuf::from(value()?)),
                "--peers" => cfg.peers = PathBuf::from(value()?),
                "--python" => cfg.python = Some(PathBuf::from(value()?)),
                "--sidenote" => cfg.sidenote = Some(PathBuf::from(value()?)),
                "--work" => cfg.work = PathBuf::from(value()?),
                "--min-seconds" => {
                    cfg.min_seconds = value()?.parse().map_err(|_| BenchError::Usage("--min-seconds takes a number".into()))?
                }
                other => return Err(BenchError::Usage(format!("unknown argument {other}; see the usage in src/main.rs"))),
            }
        }
        cfg.shared = cfg.shared.filter(|s| s.is_dir());
        cfg.sidenote = cfg.sidenote.filter(|s| s.is_file());
        Ok(cfg)
    }

    fn wants(&self, section: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == section)
    }

    pub fn min_time(&self) -> Duration {
        Duration::from_secs_f64(self.min_seconds.max(0.0))
    }
}

fn emit_all(rows: Result<Vec<row::Row>, BenchError>, group: &str, section: &str) {
    match rows {
        Ok(rows) => rows.iter().for_each(row::Row::emit),
        Err(e) => skipped(group, section, "", None, &format!("failed: {e}")).emit(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match Config::from_args(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sidenote-bench: {e}");
            std::process::exit(2);
        }
    };
    if cfg.shared.is_none() {
        eprintln!("sidenote-bench: ../shared is absent; the corpus rows are skipped");
    }
    let docs = match tagging::corpus(&cfg).map(|d| tagging::load(&d)) {
        Some(Ok(docs)) => docs,
        Some(Err(e)) => {
            eprintln!("sidenote-bench: cannot read the TimeBank corpus: {e}");
            Vec::new()
        }
        None => Vec::new(),
    };
    let book = (!docs.is_empty()).then(|| tagging::book(&docs, tagging::BOOK_BYTES));
    if cfg.wants("extract") {
        eprintln!("== extraction and import");
        emit_all(extraction::run(&cfg, book.as_deref()), "Import", "extraction");
    }
    if cfg.wants("news") {
        eprintln!("== extraction on news pages");
        emit_all(news::run(&cfg), "Import", "news extraction");
    }
    if cfg.wants("timex") {
        eprintln!("== temporal tagging");
        emit_all(tagging::run(&cfg, &docs, book.as_deref().unwrap_or_default()), "Temporal tagging", "tagging");
    }
    if cfg.wants("library") {
        eprintln!("== library at scale");
        emit_all(library::run(&cfg), "Library", "library at scale");
    }
    if cfg.wants("timeline") {
        eprintln!("== library timeline at scale");
        emit_all(library_timeline::run(&cfg), "Library timeline", "library timeline");
    }
    if cfg.wants("books") {
        eprintln!("== books");
        match book.as_deref() {
            Some(book) => emit_all(books::run(book), "Import", "books"),
            None => {
                row::skipped("Import", "Import an EPUB book (1.5 MB of text)", "ms", Some("< 1000 ms"), "the TimeBank corpus is absent")
                    .emit()
            }
        }
    }
    if cfg.wants("images") {
        eprintln!("== images saved with articles");
        emit_all(images::run(&cfg), "Images saved with articles", "images");
    }
    if cfg.wants("sync") {
        eprintln!("== sync");
        emit_all(sync::run(&cfg), "Sync", "sync");
    }
    if cfg.wants("export") {
        eprintln!("== export");
        emit_all(export::run(&cfg), "Export", "export");
    }
}
