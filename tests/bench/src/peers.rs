//! Peers run in their own processes: a Node script (Readability.js with
//! jsdom, chrono-node) or a Python one (trafilatura) loads the inputs, warms
//! up, times only its per-input loop, and prints `{"passes": n, "seconds": s}`
//! (some also `"cpu_seconds"`, the process's CPU time over the same passes).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Config;

pub struct Peer {
    pub name: &'static str,
    program: Result<(PathBuf, PathBuf), String>,
}

impl Peer {
    /// A Node peer whose scripts live in the peers folder (with its node_modules).
    pub fn node(cfg: &Config, name: &'static str, package: &str) -> Peer {
        let dir = &cfg.peers;
        let program = if !dir.join("node_modules").join(package).exists() {
            Err(format!("{package} is not installed in {} (run scripts/bench.sh)", dir.display()))
        } else {
            which("node").ok_or_else(|| "node is not on PATH".to_owned()).map(|node| (node, dir.clone()))
        };
        Peer { name, program }
    }

    /// A Python peer run with the bench venv's interpreter.
    pub fn python(cfg: &Config, name: &'static str, module: &str) -> Peer {
        let program = match &cfg.python {
            Some(py) if py.exists() => Ok((py.clone(), cfg.peers.clone())),
            Some(py) => Err(format!("{} does not exist (run scripts/bench.sh)", py.display())),
            None => Err(format!("no Python with {module} given (--python; scripts/bench.sh makes one)")),
        };
        Peer { name, program }
    }

    /// The shell command line that runs `script` with `args` (for the scorers' `--cmd`).
    pub fn command_line(&self, script: &str, args: &str) -> Result<String, String> {
        let (program, dir) = self.program.as_ref().map_err(Clone::clone)?;
        Ok(format!("{} {} {args}", quote(program), quote(&dir.join(script))))
    }

    /// Runs a timing script; returns seconds per pass over its input.
    pub fn seconds_per_pass(&self, script: &str, args: &[&str], min_seconds: f64) -> Result<f64, String> {
        self.timing(script, args, min_seconds).map(|t| t.seconds)
    }

    /// Runs a timing script; returns seconds per pass, and the CPU seconds
    /// per pass when the script reports them (`cpu_seconds`).
    pub fn timing(&self, script: &str, args: &[&str], min_seconds: f64) -> Result<PeerTiming, String> {
        let (program, dir) = self.program.as_ref().map_err(Clone::clone)?;
        eprintln!("  {}: {script} {}", self.name, args.join(" "));
        let out = Command::new(program)
            .arg(dir.join(script))
            .args(args)
            .arg(format!("{min_seconds}"))
            .output()
            .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
            return Err(format!("{script} failed: {}", last.trim()));
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line = stdout.lines().rev().find(|l| l.trim_start().starts_with('{')).unwrap_or("");
        let v: serde_json::Value = serde_json::from_str(line).map_err(|_| format!("{script} printed no timing: {stdout:?}"))?;
        match (v["passes"].as_f64(), v["seconds"].as_f64()) {
            (Some(p), Some(s)) if p > 0.0 && s > 0.0 => {
                Ok(PeerTiming { seconds: s / p, cpu_seconds: v["cpu_seconds"].as_f64().filter(|c| *c > 0.0).map(|c| c / p) })
            }
            _ => Err(format!("{script} printed an unusable timing: {line}")),
        }
    }
}

/// Seconds per pass of a peer's timing script.
pub struct PeerTiming {
    pub seconds: f64,
    /// The CPU time of the same passes: on a shared machine, the work done
    /// apart from the wait for a core.
    pub cpu_seconds: Option<f64>,
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(program)).find(|p| p.is_file()))
}

/// Single-quotes a path for `sh`.
pub fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}
