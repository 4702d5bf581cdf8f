//! Article-extraction quality on the shared Readability corpus, with the shared
//! scorer. Skips (with a message) when `<workspace>/../shared` is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::path::Path;
use std::process::Command;

#[test]
fn readability_corpus_mean_f1_is_at_least_0_93() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let corpus = shared.join("corpus/readability");
    let scorer = shared.join("tools/extract_eval.py");
    if !corpus.is_dir() || !scorer.is_file() {
        eprintln!("SKIPPED: {} is absent; extraction quality not measured", shared.display());
        return;
    }
    let cmd = format!("{} extract {{file}} --json", env!("CARGO_BIN_EXE_sidenote"));
    let out =
        Command::new("python3").arg(&scorer).arg("--pages").arg(&corpus).arg("--cmd").arg(&cmd).output().expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let f1: f64 = last
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("mean_f1="))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no mean_f1 in scorer output:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    println!("{last}");
    assert!(f1 >= 0.93, "mean F1 {f1} is below 0.93:\n{stdout}");
}
