//! Copies the WAL's pages back into the library file on a thread of its
//! own, off the writer's path.
//!
//! SQLite's automatic checkpoint runs inside the COMMIT that crosses its
//! threshold: one save in a few hundred then waits for the copy and its
//! fsyncs (tens of milliseconds on a large library), which is what a save's
//! p99 measured. The library's connection turns it off, and this thread
//! checkpoints from its own connection a moment after writes stop (or at
//! the latest [`MAX_DELAY`] into a long run of them). A PASSIVE checkpoint
//! neither waits for nor blocks the writer or readers, so saving never
//! waits for it; backups read a consistent snapshot either way, and a
//! restore drops the library, which stops this thread and closes its
//! connection before the file is replaced.

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

/// How long writes must pause before the pages are copied back.
const QUIET: Duration = Duration::from_millis(150);
/// The longest a run of writes goes without a checkpoint.
const MAX_DELAY: Duration = Duration::from_secs(1);

#[derive(Default)]
struct State {
    /// Commits since the last checkpoint began.
    pending: u64,
    last_commit: Option<Instant>,
    stop: bool,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

pub(super) struct Checkpointer {
    shared: Shared,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the library at `path`, or `None` when a second
    /// connection or the thread cannot be had (the library's connection
    /// then keeps SQLite's automatic checkpoint).
    pub(super) fn start(path: &Path) -> Option<Checkpointer> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        // This connection never writes rows: it must not checkpoint on its own either.
        conn.pragma_update(None, "wal_autocheckpoint", 0).ok()?;
        let shared: Shared = Arc::default();
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new().name("sidenote-checkpoint".into()).spawn(move || run(&conn, &theirs)).ok()?;
        Some(Checkpointer { shared, thread: Some(thread) })
    }

    /// Called after every commit.
    pub(super) fn committed(&self) {
        let (state, wake) = &*self.shared;
        let mut s = lock(state);
        s.pending += 1;
        s.last_commit = Some(Instant::now());
        wake.notify_one();
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (state, wake) = &*self.shared;
        lock(state).stop = true;
        wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // The state is counters and a flag: still meaningful after a panic.
    state.lock().unwrap_or_else(|p| p.into_inner())
}

fn run(conn: &Connection, shared: &Shared) {
    let (state, wake) = &**shared;
    let mut s = lock(state);
    loop {
        while s.pending == 0 && !s.stop {
            s = wake.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        if s.stop {
            // Closing the library's own connection checkpoints what is left.
            return;
        }
        let first = Instant::now();
        // Let a burst of writes finish, but not forever.
        loop {
            let since = s.last_commit.map_or(QUIET, |t| t.elapsed());
            if s.stop || since >= QUIET || first.elapsed() >= MAX_DELAY {
                break;
            }
            s = wake.wait_timeout(s, QUIET - since).unwrap_or_else(|p| p.into_inner()).0;
        }
        if s.stop {
            return;
        }
        s.pending = 0;
        drop(s);
        // Busy (another process is checkpointing) or failed: the pages stay
        // in the WAL, which is as durable, and the next commit tries again.
        let outcome = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(0));
        if let Err(e) = outcome {
            tracing::debug!(error = %e, "checkpoint skipped");
        }
        s = lock(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of `t` in the library file alone, as a copy without its WAL reads them.
    fn rows_in_main_file(path: &Path) -> i64 {
        let copy = path.with_extension("copy");
        std::fs::copy(path, &copy).unwrap();
        let conn = Connection::open(&copy).unwrap();
        let rows = conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap_or(0);
        drop(conn);
        std::fs::remove_file(&copy).unwrap();
        rows
    }

    /// A library-like writer at `path`: WAL, automatic checkpoint off, one table.
    fn writer(path: &Path) -> Connection {
        let writer = Connection::open(path).unwrap();
        let _: String = writer.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
        writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        writer.execute_batch("CREATE TABLE t (x TEXT)").unwrap();
        writer
    }

    #[test]
    fn writes_reach_the_library_file_after_a_pause_without_the_writer_checkpointing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        let writer = writer(&path);
        let checkpointer = Checkpointer::start(&path).expect("a second connection");
        for i in 0..50 {
            writer.execute("INSERT INTO t VALUES (?1)", [format!("row {i}")]).unwrap();
            checkpointer.committed();
        }
        // Without the checkpointer every row would stay in the WAL until the
        // writer closed; with it they reach the file soon after writes stop.
        let deadline = Instant::now() + Duration::from_secs(20);
        while rows_in_main_file(&path) < 50 && Instant::now() < deadline {
            std::thread::sleep(QUIET);
        }
        assert_eq!(rows_in_main_file(&path), 50, "the checkpointer copied the WAL back");
        drop(checkpointer);
        writer.execute("INSERT INTO t VALUES ('after')", []).unwrap();
        let rows: i64 = writer.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 51, "the writer goes on after the checkpointer stops");
    }

    #[test]
    fn without_it_the_writes_stay_in_the_wal() {
        // The control for the test above: autocheckpoint off and no thread.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        let writer = writer(&path);
        for i in 0..50 {
            writer.execute("INSERT INTO t VALUES (?1)", [format!("row {i}")]).unwrap();
        }
        std::thread::sleep(QUIET * 3);
        assert_eq!(rows_in_main_file(&path), 0);
    }
}
