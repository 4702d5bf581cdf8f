//! Sync survives SIGKILL: writers and sync rounds of two devices are killed
//! at random moments, repeatedly; afterwards every acknowledged write is on
//! both devices and their exports are identical.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use common::{command, library_with, ok};

const FIXTURE: &str = "The ferry crossed the strait twice a day.\n\n\
In storms the captain waited in the harbour, and the passengers played cards in the waiting room.\n";

/// A small pseudo-random sequence seeded from the clock (printed, to replay a failure).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn spawn(library: &Path, args: &[&str]) -> Child {
    command(library).args(args).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("spawn sidenote")
}

/// Kills the process (by its own PID) after `ms`; returns the lines it printed.
fn kill_after(mut child: Child, ms: u64) -> Vec<String> {
    std::thread::sleep(Duration::from_millis(ms));
    let _ = child.kill();
    let _ = child.wait();
    let out = child.stdout.take().unwrap();
    BufReader::new(out).lines().map_while(Result::ok).collect()
}

#[test]
fn rounds_killed_at_random_moments_lose_nothing_acknowledged_and_then_converge() {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("seed {seed}");
    let mut rng = Rng(seed);
    let (dir, desk, article) = library_with("ferry.txt", FIXTURE);
    let laptop = dir.path().join("laptop");
    let folder = dir.path().join("Sync");
    std::fs::create_dir(&folder).unwrap();
    ok(&desk, &["sync", "--folder", folder.to_str().unwrap()]);
    ok(&laptop, &["sync", "--folder", folder.to_str().unwrap()]);

    let mut acked = Vec::new();
    for round in 0..6 {
        let writer = spawn(&desk, &["debug-burst", &article, "--notes", "--tag", &format!("r{round}"), "--count", "40"]);
        for line in kill_after(writer, 100 + rng.below(400)) {
            if let ["h", id] = line.split(' ').collect::<Vec<_>>().as_slice() {
                acked.push((*id).to_owned());
            }
        }
        kill_after(spawn(&desk, &["sync"]), rng.below(300));
        kill_after(spawn(&laptop, &["sync"]), rng.below(300));
    }
    assert!(!acked.is_empty(), "the writers acknowledged nothing (seed {seed})");
    for _ in 0..2 {
        ok(&desk, &["sync"]);
        ok(&laptop, &["sync"]);
    }
    let on_laptop = ok(&laptop, &["highlights", &article, "--json"]);
    for id in &acked {
        assert!(on_laptop.contains(id.as_str()), "acknowledged highlight {id} missing on the other device (seed {seed})");
    }
    assert_eq!(ok(&desk, &["export", "--format", "json"]), ok(&laptop, &["export", "--format", "json"]), "seed {seed}");
    assert_eq!(ok(&laptop, &["check"]).trim(), "ok");
}
