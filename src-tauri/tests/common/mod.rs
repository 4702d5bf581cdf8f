//! Runs the real `sidenote` binary for the CLI integration tests, as a user
//! would: `sidenote --library DIR ...` on a temporary library.

// Every tests/*.rs file compiles this module on its own and uses only part of
// it: the rest would be reported as dead code once per file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `sidenote --library DIR`. Only DIR counts (the caller's SIDENOTE_LIBRARY is
/// removed), the subcommands run headless (no DISPLAY) and read no input.
pub fn command(library: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sidenote"));
    c.arg("--library").arg(library).env_remove("SIDENOTE_LIBRARY").env_remove("DISPLAY").stdin(Stdio::null());
    c
}

/// Runs `sidenote --library DIR ARGS` and returns what it did.
pub fn sidenote(library: &Path, args: &[&str]) -> Output {
    command(library).args(args).output().expect("the sidenote binary runs")
}

/// Asserts that a run succeeded; returns its standard output.
pub fn succeeded(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}\n{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

/// Asserts that a run failed; returns its standard error.
pub fn failed(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure, got: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `sidenote --library DIR ARGS`, which must succeed; returns its output.
pub fn ok(library: &Path, args: &[&str]) -> String {
    let out = sidenote(library, args);
    assert!(out.status.success(), "sidenote {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs `sidenote --library DIR ARGS`, which must fail; returns its message.
pub fn fails(library: &Path, args: &[&str]) -> String {
    let out = sidenote(library, args);
    assert!(!out.status.success(), "sidenote {args:?} should fail but printed {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh library (`library` in a temporary folder) holding one text file
/// of the test's own, written as `file_name` and imported through the CLI.
/// Returns (temp dir, library dir, article id).
pub fn library_with(file_name: &str, text: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(file_name);
    std::fs::write(&file, text).expect("write fixture");
    let library = dir.path().join("library");
    let id = ok(&library, &["import", file.to_str().expect("utf-8 path")]).trim().to_owned();
    (dir, library, id)
}
