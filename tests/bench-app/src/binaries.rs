//! The binaries under test, copied to the benchmark's own folder so that
//! another build in the shared target directory cannot swap them mid-run.
//!
//! `SIDENOTE_BIN` and `SIDENOTE_BENCH_MINIMAL_BIN` name prebuilt binaries;
//! without them both are built here in release mode in ONE cargo call (so
//! Tauri is compiled with the same features for both).

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::BenchError;

pub struct Binaries {
    pub app: PathBuf,
    pub minimal: PathBuf,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Cargo's build folder for this workspace (`CARGO_TARGET_DIR`, relative to
/// the workspace when relative, else `target/`).
pub fn target_dir() -> PathBuf {
    let root = workspace_root();
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    if target.is_absolute() {
        target
    } else {
        root.join(target)
    }
}

pub fn prepare(dest: &Path) -> Result<Binaries, BenchError> {
    let (app, minimal) = match (std::env::var_os("SIDENOTE_BIN"), std::env::var_os("SIDENOTE_BENCH_MINIMAL_BIN")) {
        (Some(a), Some(m)) => (PathBuf::from(a), PathBuf::from(m)),
        _ => build()?,
    };
    let copy = |from: &Path, name: &str| -> Result<PathBuf, BenchError> {
        let to = dest.join(name);
        std::fs::copy(from, &to).map_err(BenchError::io(format!("copy {}", from.display())))?;
        Ok(to)
    };
    Ok(Binaries { app: copy(&app, "sidenote")?, minimal: copy(&minimal, "sidenote-bench-minimal")? })
}

fn build() -> Result<(PathBuf, PathBuf), BenchError> {
    let root = workspace_root();
    if !root.join("ui/dist/index.html").exists() {
        return Err(BenchError::Setup("ui/dist is missing: build the UI first (cd ui && npm ci && npm run build)".into()));
    }
    eprintln!("bench-app: building sidenote and the minimal window (release)…");
    // Cargo's own output goes to stderr: stdout carries only the result rows.
    let stderr = std::io::stderr().as_fd().try_clone_to_owned().map_err(BenchError::io("duplicate stderr"))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["build", "--release", "-p", "sidenote", "-p", "sidenote-bench-minimal"])
        .stdout(Stdio::from(stderr))
        .status()
        .map_err(BenchError::io("run cargo build"))?;
    if !status.success() {
        return Err(BenchError::Setup(format!("cargo build failed ({status})")));
    }
    let target = target_dir();
    Ok((target.join("release/sidenote"), target.join("release/sidenote-bench-minimal")))
}
