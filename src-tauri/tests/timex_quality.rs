//! Temporal-tagger quality on the shared TimeBank corpus (news, with its
//! published dates) and the shared half of WikiWars (history, in narrative
//! mode: no published date), with the shared scorer run over `sidenote
//! dates`. Skips (with a message) when `<workspace>/../shared` or python3 is
//! absent.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::path::Path;
use std::process::Command;

/// Floors below the targets in docs/quality.md, so that a real regression
/// fails CI. The value floor is the 80 the issue asks for (the tagger measures
/// more, see docs/quality.md).
const MIN_VALUE_F1: f64 = 80.0;
const MIN_RELAXED_F1: f64 = 90.0;

/// WikiWars in narrative mode: the floor issue 21 asks CI to hold (the
/// tagger measures more, see docs/quality.md).
const MIN_NARRATIVE_VALUE_F1: f64 = 80.0;

fn score(line: &str, key: &str) -> Option<f64> {
    line.split_whitespace().find_map(|kv| kv.strip_prefix(key)).and_then(|v| v.parse().ok())
}

/// Runs the shared scorer with `args` over the built CLI (`cmd`); the
/// scorer's output and its (value, relaxed) F1, or `None` when the corpus,
/// the scorer or python3 is absent (said on stderr).
fn run_scorer(corpus: &str, args: &[&str], cmd: &str) -> Option<(String, f64, f64)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let corpus = shared.join(corpus);
    let scorer = shared.join("tools/timex_eval.py");
    if !corpus.is_dir() || !scorer.is_file() {
        eprintln!("SKIPPED: {} is absent; temporal tagging quality not measured", corpus.display());
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: python3 is not installed; temporal tagging quality not measured");
        return None;
    }
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--corpus")
        .arg(&corpus)
        .args(args)
        .arg("--cmd")
        .arg(cmd)
        .arg("--show-errors")
        .arg("30")
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let last = stdout.lines().last().unwrap_or_default();
    let (Some(value_f1), Some(relaxed_f1)) = (score(last, "value_f1="), score(last, "relaxed_f1=")) else {
        panic!("no scores in the scorer's output:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    };
    println!("{last}");
    assert!(stdout.contains("command failures 0"), "the CLI failed on some documents:\n{stdout}");
    Some((stdout, value_f1, relaxed_f1))
}

#[test]
fn wikiwars_in_narrative_mode_stays_above_its_floor() {
    // No published date: `sidenote dates FILE --json` is narrative mode.
    let cmd = format!("{} dates {{file}} --json", env!("CARGO_BIN_EXE_sidenote"));
    let Some((stdout, value_f1, _)) = run_scorer("corpus/wikiwars", &["--format", "timex2", "--narrative"], &cmd) else { return };
    assert!(value_f1 >= MIN_NARRATIVE_VALUE_F1, "WikiWars value F1 {value_f1} is below {MIN_NARRATIVE_VALUE_F1}:\n{stdout}");
}

#[test]
fn timebank_value_and_relaxed_f1_stay_above_their_floors() {
    let cmd = format!("{} dates {{file}} --published {{dct}} --json", env!("CARGO_BIN_EXE_sidenote"));
    let Some((stdout, value_f1, relaxed_f1)) = run_scorer("corpus/timebank", &[], &cmd) else { return };
    assert!(value_f1 >= MIN_VALUE_F1, "value F1 {value_f1} is below {MIN_VALUE_F1}:\n{stdout}");
    assert!(relaxed_f1 >= MIN_RELAXED_F1, "relaxed F1 {relaxed_f1} is below {MIN_RELAXED_F1}:\n{stdout}");
}
