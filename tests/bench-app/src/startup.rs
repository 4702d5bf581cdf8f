//! `BENCH_APP_ONLY=start`: cold start and memory alone, each taken apart
//! (issue 24). Cold start: the shell's own marks (`SIDENOTE_STARTUP_MARKS`,
//! src-tauri/src/startup_marks.rs) and the page's (navigation timing, the
//! UI's start marks) on one clock with the process start the launch wrapper
//! records, beside the minimal window's page phases. Memory: each process's
//! PSS split by what its mappings are (malloc heap, anonymous memory such as
//! the JavaScript heap, shared-memory buffers, libraries, other files), and
//! the reader with parts of it left out by a stylesheet set before the open.
//! Progress and figures go to stderr; nothing is printed as a row.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::error::BenchError;
use crate::launch::{LaunchDirs, Session};
use crate::report::median;
use crate::scenario;

/// The page's own phases, read with WebDriver once it is interactive: time
/// origin, navigation timing and the UI's start marks, as wall-clock ms.
const PAGE_PHASES: &str = r#"
const o = performance.timeOrigin;
const out = { "page-origin": o };
const nav = performance.getEntriesByType("navigation")[0];
if (nav) {
  for (const k of ["responseEnd", "domInteractive", "domContentLoadedEventEnd", "loadEventEnd"]) if (nav[k] > 0) out["nav:" + k] = o + nav[k];
}
for (const e of performance.getEntriesByType("mark")) out[e.name] = o + e.startTime;
for (const e of performance.getEntriesByType("paint")) out["paint:" + e.name] = o + e.startTime;
return out;"#;

/// Every phase of one launch, as ms after the process start, in time order.
pub async fn phases(s: &Session, xdg: &Path) -> Result<Vec<(String, f64)>, BenchError> {
    let mut out: Vec<(String, f64)> = Vec::new();
    if let Ok(text) = std::fs::read_to_string(crate::launch::marks_path(xdg)) {
        for line in text.lines() {
            let mut parts = line.split_whitespace();
            if let (Some(name), Some(Ok(nanos))) = (parts.next(), parts.next().map(str::parse::<f64>)) {
                out.push((format!("shell:{name}"), nanos / 1e6 - s.spawned_at_ms));
            }
        }
    }
    if let Value::Object(page) = s.js(PAGE_PHASES).await? {
        for (name, at) in page {
            if let Some(at) = at.as_f64() {
                out.push((name, at - s.spawned_at_ms));
            }
        }
    }
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    Ok(out)
}

/// Prints each phase's median over the launches, in time order.
pub fn print_medians(who: &str, launches: &[Vec<(String, f64)>]) {
    let mut by_name: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for launch in launches {
        for (name, at) in launch {
            by_name.entry(name).or_default().push(*at);
        }
    }
    let mut rows: Vec<(&str, f64, usize)> = by_name.iter().map(|(n, v)| (*n, median(v), v.len())).collect();
    rows.sort_by(|a, b| a.1.total_cmp(&b.1));
    eprintln!("start-phases {who}: median ms after the process start, over {} launches", launches.len());
    let mut prev = 0.0;
    for (name, at, n) in rows {
        eprintln!(
            "start-phases {who}:   {at:7.1}  (+{:6.1})  {name}{}",
            at - prev,
            if n < launches.len() { " (not in every launch)" } else { "" }
        );
        prev = at;
    }
}

/// What a process's mappings are, summed by kind (PSS KiB), from /proc/<pid>/smaps.
pub fn smaps_kinds(pid: u32) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps")) else { return out };
    let mut kind = String::new();
    for line in text.lines() {
        let first = line.split_whitespace().next().unwrap_or("");
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            let path = line.split_whitespace().nth(5).unwrap_or("");
            kind = if path.is_empty() {
                "anonymous (JS heap, bmalloc, stacks, GL)".to_owned()
            } else if path.starts_with('[') {
                path.to_owned()
            } else if path.starts_with("/memfd:") || path.starts_with("/dev/shm") || path.starts_with("/SYSV") {
                "shared memory (buffers)".to_owned()
            } else if path.contains(".so") {
                "libraries".to_owned()
            } else if path.starts_with("/dev/") {
                path.to_owned()
            } else {
                format!("file {}", path.rsplit('/').next().unwrap_or(path))
            };
        } else if let Some(v) = line.strip_prefix("Pss:") {
            *out.entry(kind.clone()).or_default() += v.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
        }
    }
    out
}

/// Each process of the tree under `pid`: name, PSS, threads, and the kinds
/// of its mappings over 1 MiB.
pub fn print_tree_breakdown(who: &str, pid: u32) -> u64 {
    let mut total = 0;
    for p in crate::procs::tree(pid) {
        let Some(m) = crate::procs::memory_of(p) else { continue };
        total += m.pss_kib;
        let threads = std::fs::read_dir(format!("/proc/{p}/task")).map(|d| d.count()).unwrap_or(0);
        eprintln!("memory {who}: {} PSS {:.1} MiB, {threads} threads", m.name, m.pss_kib as f64 / 1024.0);
        let mut kinds: Vec<(String, u64)> = smaps_kinds(p).into_iter().filter(|(_, k)| *k >= 1024).collect();
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
        for (kind, kib) in kinds {
            eprintln!("memory {who}:     {:7.1} MiB  {kind}", kib as f64 / 1024.0);
        }
    }
    eprintln!("memory {who}: total PSS {:.1} MiB", total as f64 / 1024.0);
    total
}

/// What the reader draws beyond the marks, left out by a stylesheet set
/// before the article opens (so it is never built into boxes). First the control.
pub const MEMORY_VARIANTS: &[(&str, &str)] = &[
    ("nothing left out (control)", ""),
    ("margin note cards not displayed", ".reader-margin { display: none !important; }"),
    ("timeline dock not displayed", ".reader-timeline-dock { display: none !important; }"),
    (
        "cards far from the view skipped (content-visibility: auto)",
        ".note-card { content-visibility: auto; contain-intrinsic-size: auto 60px; }",
    ),
    (
        "cards and article blocks far from the view skipped",
        ".note-card, .article-body > * { content-visibility: auto; contain-intrinsic-size: auto 60px; }",
    ),
    (
        "reading font off (system serif, as the baseline)",
        ".article-body { font-family: serif !important; font-optical-sizing: none !important; hyphens: manual !important; -webkit-hyphens: manual !important; }",
    ),
];

/// The app with the big article open, `css` in place before the open; the
/// page's own counts (elements, marks, canvases) printed beside the memory.
pub async fn variant_memory(
    bin: &Path,
    dirs: &LaunchDirs,
    lib: &crate::library::BenchLibrary,
    name: &str,
    css: &str,
) -> Result<u64, BenchError> {
    let app = Session::start(bin, dirs).await?;
    let measured = async {
        scenario::wait_interactive(&app).await?;
        let style = format!(
            "const st = document.createElement('style'); st.id = 'bench-memory'; st.textContent = {css:?}; document.head.appendChild(st); return null;"
        );
        app.js(&style).await?;
        scenario::open_article(&app, &lib.big_id, crate::library::HIGHLIGHTS, crate::library::NOTES).await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
        let counts = app
            .js(
                "const canv = [...document.querySelectorAll('canvas')];
                 return { elements: document.getElementsByTagName('*').length, marks: document.querySelectorAll('mark').length,
                          cards: document.querySelectorAll('.reader-margin > *').length,
                          canvases: canv.length, canvasPixels: canv.reduce((s, c) => s + c.width * c.height, 0),
                          fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family + ' ' + f.style + ' ' + f.weight).join(', '),
                          images: document.images.length, cv: CSS.supports('content-visibility', 'auto') };",
            )
            .await?;
        eprintln!("memory variant {name}: page {counts}");
        Ok::<_, BenchError>(print_tree_breakdown(&format!("variant {name}"), app.app_pid))
    }
    .await;
    app.quit().await;
    measured
}
