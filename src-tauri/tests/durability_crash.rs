//! Crash safety and concurrent writers, with the real binary.
//!
//! `sidenote debug-burst` writes highlights and notes in a loop and prints a
//! line for each write only after its transaction committed. These tests
//! SIGKILL such writers at random moments, reopen the library, check that
//! SQLite finds it whole, and check that every printed (acknowledged) write
//! is there.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::{command, library_with};
use sidenote_core::{Color, HighlightPatch, Library, NewHighlight};

const FIXTURE: &str = "The night train left the valley at ten and climbed through three tunnels.\n\n\
The guard walked the corridor with a lantern, checking tickets and closing the windows against the snow.\n\n\
At the pass the train waited for the plough, and the passengers drank tea from the buffet car.\n";

/// A library holding the fixture article; returns (temp dir, library dir, article id).
fn setup() -> (tempfile::TempDir, PathBuf, String) {
    library_with("train.txt", FIXTURE)
}

/// A writer process and the thread collecting the writes it acknowledged.
struct Writer {
    child: Child,
    acks: JoinHandle<Vec<String>>,
}

fn start_writer(library: &Path, article: &str, tag: &str, count: u32) -> Writer {
    let mut child = command(library)
        // Only errors on stderr, which is searched for lock errors.
        .env("SIDENOTE_LOG", "error")
        .args(["debug-burst", article, "--notes", "--tag", tag, "--count", &count.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn writer");
    let stdout = child.stdout.take().expect("piped stdout");
    let acks = std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect());
    Writer { child, acks }
}

/// What the writers acknowledged: highlight ids, and (id, note text) pairs.
#[derive(Default)]
struct Acked {
    highlights: Vec<String>,
    notes: Vec<(String, String)>,
}

impl Acked {
    fn add(&mut self, tag: &str, lines: Vec<String>) {
        for line in lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["h", id] => self.highlights.push((*id).to_owned()),
                ["n", id, seq] => self.notes.push(((*id).to_owned(), format!("{tag} note {seq}"))),
                _ => panic!("unexpected writer output {line:?}"),
            }
        }
    }
}

/// Reopens the library the way the app and CLI do, and checks it is whole and
/// holds every acknowledged write. Returns how many writes were checked.
fn check_library(library: &Path, acked: &Acked, context: &str) -> usize {
    let _lib = Library::open_dir(library).unwrap_or_else(|e| panic!("{context}: the library does not reopen: {e}"));
    // The rows themselves, read through a connection of our own (the store keeps its one to itself).
    let conn = rusqlite::Connection::open(library.join("library.sqlite3")).expect("open the library file");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check runs");
    assert_eq!(integrity, "ok", "{context}");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("foreign_key_check runs");
    assert_eq!(dangling, 0, "{context}: rows pointing at nothing");
    for id in &acked.highlights {
        let n: i64 =
            conn.query_row("SELECT count(*) FROM highlights WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0)).expect("query");
        assert_eq!(n, 1, "{context}: acknowledged highlight {id} is missing");
    }
    for (id, note) in &acked.notes {
        let stored: String = conn.query_row("SELECT note FROM highlights WHERE id = ?1", [id], |r| r.get(0)).expect("query");
        assert_eq!(&stored, note, "{context}: acknowledged note of {id} is missing");
    }
    acked.highlights.len() + acked.notes.len()
}

/// A small xorshift generator: reproducible from the printed seed, no extra crate.
struct Rng(u64);

impl Rng {
    fn from_time() -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1);
        let seed = std::env::var("SIDENOTE_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(nanos | 1);
        println!("crash test seed: {seed} (set SIDENOTE_CRASH_SEED to repeat)");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_moments() {
    let (_dir, library, article) = setup();
    let mut rng = Rng::from_time();
    let rounds = 60;
    let (mut kills, mut checked) = (0, 0);
    let mut all = Acked::default();
    let started = Instant::now();
    for round in 0..rounds {
        // Two writers at once, each killed at its own random moment (20-400 ms
        // in: during start-up, opening, or the burst itself).
        let tags = [format!("r{round}a"), format!("r{round}b")];
        let mut writers: Vec<Writer> = tags.iter().map(|t| start_writer(&library, &article, t, 100_000)).collect();
        let mut delays: Vec<u64> = (0..writers.len()).map(|_| 20 + rng.below(380)).collect();
        delays.sort_unstable();
        let t0 = Instant::now();
        let mut acked = Acked::default();
        for (w, delay) in writers.iter_mut().zip(&delays) {
            let at = Duration::from_millis(*delay);
            std::thread::sleep(at.saturating_sub(t0.elapsed()));
            // std's kill is SIGKILL on Unix: no destructors, no rollback, no flush.
            w.child.kill().expect("kill writer");
            kills += 1;
        }
        for (w, tag) in writers.into_iter().zip(&tags) {
            let mut child = w.child;
            child.wait().expect("reap writer");
            acked.add(tag, w.acks.join().expect("reader thread"));
        }
        checked += check_library(&library, &acked, &format!("round {round} (kills at {delays:?} ms)"));
        all.highlights.extend(acked.highlights);
        all.notes.extend(acked.notes);
    }
    // Every round's writes are still there at the end, not just the last round's.
    check_library(&library, &all, "after all rounds");
    assert!(checked >= rounds * 2, "the writers must get some writes in before the kills ({checked} checked)");
    let total = Library::open_dir(&library).expect("reopen").list_highlights(&Default::default()).expect("count").len();
    println!(
        "crash test: {rounds} rounds, {kills} SIGKILLs, {checked} acknowledged writes checked, {total} highlights stored, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The (highlight id, note) pairs an in-process writer stored, or its error.
type AppWriterResult = Result<Vec<(String, String)>, String>;

#[test]
fn cli_and_in_process_writers_share_one_library_without_errors_or_losses() {
    let (_dir, library, article) = setup();
    let per_writer = 60u32;
    let cli_tags: Vec<String> = (0..3).map(|i| format!("cli{i}")).collect();
    let cli: Vec<Writer> = cli_tags.iter().map(|t| start_writer(&library, &article, t, per_writer)).collect();

    // In-process writers: each its own connection, as the app holds one.
    let app_writers: Vec<JoinHandle<AppWriterResult>> = (0..2)
        .map(|w| {
            let library = library.clone();
            let article = article.clone();
            std::thread::spawn(move || {
                let mut lib = Library::open_dir(&library).map_err(|e| e.to_string())?;
                let mut done = Vec::new();
                for i in 0..per_writer {
                    let new = NewHighlight {
                        article_id: article.clone(),
                        start: i,
                        end: i + 5,
                        color: Color::Green,
                        note: String::new(),
                        tags: vec![format!("app{w}")],
                    };
                    let h = lib.create_highlight(&new).map_err(|e| e.to_string())?;
                    let note = format!("app{w} note {i}");
                    lib.update_highlight(&h.id, &HighlightPatch { note: Some(note.clone()), ..Default::default() })
                        .map_err(|e| e.to_string())?;
                    done.push((h.id, note));
                }
                Ok(done)
            })
        })
        .collect();

    let mut acked = Acked::default();
    for (w, tag) in cli.into_iter().zip(&cli_tags) {
        let out = w.child.wait_with_output().expect("writer finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "CLI writer {tag} failed: {stderr}");
        assert!(!stderr.contains("locked") && !stderr.contains("busy"), "{stderr}");
        let lines = w.acks.join().expect("reader thread");
        assert_eq!(lines.len(), 2 * per_writer as usize, "{tag} acknowledged every write");
        acked.add(tag, lines);
    }
    for w in app_writers {
        let done = w.join().expect("app writer thread").unwrap_or_else(|e| panic!("an in-process writer failed: {e}"));
        assert_eq!(done.len(), per_writer as usize);
        for (id, note) in done {
            acked.highlights.push(id.clone());
            acked.notes.push((id, note));
        }
    }
    let checked = check_library(&library, &acked, "concurrent writers");
    assert_eq!(checked, 5 * 2 * per_writer as usize);
    println!("concurrent writers: 3 CLI processes + 2 in-process connections, {checked} writes checked");
}
