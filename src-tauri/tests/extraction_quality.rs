//! Article-extraction quality on the shared corpora (Readability pages, news
//! pages, copied page text), with the shared scorer. Each test skips (with a
//! message) when `<workspace>/../shared` is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::path::Path;
use std::process::Command;

#[test]
fn readability_corpus_mean_f1_is_at_least_0_95() {
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
    assert!(f1 >= 0.95, "mean F1 {f1} is below 0.95:\n{stdout}");
}

/// Runs the shared scorer in `--snippets` mode on the news corpus; `None` when
/// the corpus or the scorer is absent.
fn news_pooled() -> Option<(f64, f64, f64, String)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let corpus = shared.join("corpus/news");
    let scorer = shared.join("tools/extract_eval.py");
    if !corpus.is_dir() || !scorer.is_file() {
        eprintln!("SKIPPED: {} is absent; news extraction quality not measured", corpus.display());
        return None;
    }
    let cmd = format!("{} extract {{file}} --json", env!("CARGO_BIN_EXE_sidenote"));
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--snippets")
        .arg(&corpus)
        .arg("--cmd")
        .arg(&cmd)
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let pooled = stdout
        .lines()
        .find(|l| l.starts_with("pooled"))
        .unwrap_or_else(|| panic!("no pooled line in scorer output:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    let figure = |key: &str| -> f64 {
        pooled
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {pooled}"))
    };
    println!("{pooled}");
    Some((figure("precision"), figure("recall"), figure("f1"), stdout))
}

#[test]
fn news_corpus_pooled_f1_is_at_least_0_88() {
    let Some((precision, recall, f1, stdout)) = news_pooled() else { return };
    // The floor is the (#22) CI floor; measured values are in docs/quality.md.
    assert!(f1 >= 0.88, "pooled F1 {f1} (P {precision}, R {recall}) is below 0.88:\n{stdout}");
}

#[test]
fn copied_page_text_mean_f1_is_at_least_0_88() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let corpus = shared.join("corpus/readability");
    let scorer = shared.join("tools/extract_eval.py");
    if !corpus.is_dir() || !scorer.is_file() {
        eprintln!("SKIPPED: {} is absent; copied-text extraction quality not measured", shared.display());
        return;
    }
    let cmd = format!("{} extract {{file}} --json", env!("CARGO_BIN_EXE_sidenote"));
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--pages")
        .arg(&corpus)
        .arg("--source")
        .arg("source.txt")
        .arg("--cmd")
        .arg(&cmd)
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let f1: f64 = last
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("mean_f1="))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no mean_f1 in scorer output:\n{stdout}"));
    println!("{last}");
    assert!(f1 >= 0.88, "copied-text mean F1 {f1} is below 0.88:\n{stdout}");
}
