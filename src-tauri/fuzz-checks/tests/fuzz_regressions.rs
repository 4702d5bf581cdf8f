//! Replays saved fuzz inputs on stable Rust, through the same checks the fuzz
//! targets run (`sidenote_fuzz_checks`): the seed corpus of each target
//! (`fuzz/seeds/<target>/`) and every input a fuzzing run found a bug with,
//! minimized (`tests/fuzz-regressions/<target>/`). See docs/security.md,
//! "Fuzzing".
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::path::{Path, PathBuf};

use sidenote_fuzz_checks::TARGETS;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8]), files: &[PathBuf]) {
    for file in files {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: {} fails its check", file.display());
        }
    }
}

#[test]
fn every_target_has_seeds_and_they_pass() {
    for (target, check) in TARGETS {
        let seeds = inputs(&repo().join("fuzz/seeds").join(target));
        assert!(!seeds.is_empty(), "{target} has no seed inputs in fuzz/seeds/{target}");
        replay(target, *check, &seeds);
    }
}

#[test]
fn inputs_that_found_bugs_stay_fixed() {
    let root = repo().join("tests/fuzz-regressions");
    for (target, check) in TARGETS {
        replay(target, *check, &inputs(&root.join(target)));
    }
    // A folder named after no target would be silently skipped.
    for dir in std::fs::read_dir(&root).unwrap() {
        let name = dir.unwrap().file_name().into_string().unwrap();
        assert!(name.starts_with('.') || name == "README.md" || TARGETS.iter().any(|(t, _)| *t == name), "unknown target folder {name}");
    }
}
