//! The shell's memory between commands.
//!
//! Opening a long article builds its answer in memory (the text, the HTML,
//! 2,000 highlights as JSON: several MB) and frees it once sent; glibc keeps
//! what was freed in its arenas, one per thread that ever allocated, so the
//! shell held ~14 MiB more than the minimal window long after the open
//! (issue 24, "Cold start and memory taken apart"). Two remedies, both only
//! where the allocator is glibc's:
//! - at most two arenas for the app (the command threads share them: they
//!   seldom run at once, and an arena per thread is what kept the memory);
//! - once no command has run for a moment, what is free is given back
//!   (`malloc_trim`), on a thread of its own so no command waits for it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use tauri::ipc::Invoke;
use tauri::Runtime;

/// How long the app must be without commands before memory is given back:
/// longer than the gaps inside one open (its commands come within ~100 ms).
const QUIET: Duration = Duration::from_millis(1500);

/// Times memory was given back (the tests read it).
static TRIMS: AtomicUsize = AtomicUsize::new(0);

/// Limits the allocator's arenas; call before the app starts its threads.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; called before the
    // app's threads exist, and any value is safe for it.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Wraps the app's command handler: after each command, memory is given
/// back once the app has been quiet.
pub fn trimming<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    let trimmer = start(QUIET);
    move |invoke: Invoke<R>| {
        trimmer.poke();
        handler(invoke)
    }
}

struct Trimmer {
    /// When the last command ran; none once memory was given back.
    last: Mutex<Option<Instant>>,
    wake: Condvar,
    quiet: Duration,
}

/// A trimmer with its own thread (the app makes one, with its command handler).
fn start(quiet: Duration) -> &'static Trimmer {
    let trimmer: &'static Trimmer = Box::leak(Box::new(Trimmer { last: Mutex::new(None), wake: Condvar::new(), quiet }));
    let spawned = std::thread::Builder::new().name("memory-trim".into()).spawn(move || trimmer.run());
    if let Err(e) = spawned {
        // Nothing lost but the trimming.
        tracing::warn!(error = %e, "no thread to give memory back on");
    }
    trimmer
}

impl Trimmer {
    fn poke(&self) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
        self.wake.notify_one();
    }

    fn run(&self) {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match *last {
                None => last = self.wake.wait(last).unwrap_or_else(|p| p.into_inner()),
                Some(at) if at.elapsed() >= self.quiet => {
                    *last = None;
                    drop(last);
                    give_back();
                    last = self.last.lock().unwrap_or_else(|p| p.into_inner());
                }
                Some(at) => {
                    let left = self.quiet.saturating_sub(at.elapsed());
                    last = self.wake.wait_timeout(last, left).unwrap_or_else(|p| p.into_inner()).0;
                }
            }
        }
    }
}

fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the heap to the system;
    // it takes the allocator's own locks.
    unsafe {
        libc::malloc_trim(0);
    }
    TRIMS.fetch_add(1, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for_trims(from: usize, wanted: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(10);
        while TRIMS.load(Ordering::Relaxed) < from + wanted && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        TRIMS.load(Ordering::Relaxed) - from
    }

    #[test]
    fn memory_is_given_back_once_after_a_burst_of_commands_and_again_after_the_next() {
        let trimmer = start(Duration::from_millis(200));
        let before = TRIMS.load(Ordering::Relaxed);
        // A burst: each poke within the quiet time of the last.
        for _ in 0..5 {
            trimmer.poke();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(wait_for_trims(before, 1), 1);
        // Nothing more until the next command.
        std::thread::sleep(Duration::from_millis(400));
        assert_eq!(TRIMS.load(Ordering::Relaxed) - before, 1);
        trimmer.poke();
        assert_eq!(wait_for_trims(before, 2), 2);
    }
}
