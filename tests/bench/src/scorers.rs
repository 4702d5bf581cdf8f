//! Quality from the shared scorers (`extract_eval.py`, `timex_eval.py`), run
//! with a command template for us and for each peer's adapter script.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// Runs a scorer and returns the `key=value` pairs of its last line.
pub fn run(scorer: &Path, corpus_flag: &str, corpus: &Path, cmd: &str) -> Result<HashMap<String, f64>, String> {
    eprintln!("  scoring: {cmd}");
    let out = Command::new("python3")
        .arg(scorer)
        .arg(corpus_flag)
        .arg(corpus)
        .arg("--cmd")
        .arg(cmd)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("{} failed: {}", scorer.display(), String::from_utf8_lossy(&out.stderr).trim()));
    }
    let figures = last_line_figures(&stdout);
    if figures.is_empty() {
        return Err(format!("{} printed no scores", scorer.display()));
    }
    if let Some(first) = stdout.lines().next() {
        eprintln!("    {first}");
    }
    Ok(figures)
}

/// Runs a scorer in `--snippets` mode and returns the figures of its `pooled` line.
pub fn run_pooled(scorer: &Path, corpus_flag: &str, corpus: &Path, cmd: &str) -> Result<HashMap<String, f64>, String> {
    eprintln!("  scoring (pooled): {cmd}");
    let out = Command::new("python3")
        .arg(scorer)
        .arg(corpus_flag)
        .arg(corpus)
        .arg("--cmd")
        .arg(cmd)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("{} failed: {}", scorer.display(), String::from_utf8_lossy(&out.stderr).trim()));
    }
    let figures = pooled_figures(&stdout);
    if figures.is_empty() {
        return Err(format!("{} printed no pooled scores", scorer.display()));
    }
    Ok(figures)
}

fn pooled_figures(stdout: &str) -> HashMap<String, f64> {
    let line = stdout.lines().find(|l| l.starts_with("pooled")).unwrap_or("");
    line.split_whitespace().filter_map(|kv| kv.split_once('=')).filter_map(|(k, v)| Some((k.to_owned(), v.parse().ok()?))).collect()
}

fn last_line_figures(stdout: &str) -> HashMap<String, f64> {
    let last = stdout.lines().rev().find(|l| l.contains('=')).unwrap_or("");
    last.split_whitespace().filter_map(|kv| kv.split_once('=')).filter_map(|(k, v)| Some((k.to_owned(), v.parse().ok()?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_figures_of_the_last_line() {
        let f = last_line_figures("pages 65  command failures 0\n  worst x\nmean_f1=0.951 mean_precision=0.9 title_acc=nan\n");
        assert_eq!(f.get("mean_f1"), Some(&0.951));
        assert!(f["title_acc"].is_nan());
    }

    #[test]
    fn reads_the_pooled_line() {
        let f = pooled_figures(
            "snippets: with found 1/2\npooled (trafilatura's definition): precision=0.919 recall=0.954 f1=0.936\nmean_f1=0.9\n",
        );
        assert_eq!((f.get("precision"), f.get("f1")), (Some(&0.919), Some(&0.936)));
    }
}
