//! Where the reader's scroll frames go (issue 24): in the same app session,
//! the same scroll again with one thing the reader draws beyond the marks
//! turned off by an injected stylesheet, each against a control scroll with
//! nothing off run in the same place in the sequence. Information rows, no
//! budget: what each part costs goes into docs/benchmarks.md.

use crate::error::BenchError;
use crate::launch::Session;
use crate::report::{median, percentile, Row};
use crate::scenario::{self, Scrolled};

/// What is turned off, and the CSS that does it. The first is the control.
pub const VARIANTS: &[(&str, &str)] = &[
    ("Scroll bisect: nothing off (control)", ""),
    ("Scroll bisect: margin note cards hidden", ".reader-margin { visibility: hidden !important; }"),
    (
        "Scroll bisect: reading font and hyphenation off (system serif, as the baseline)",
        ".article-body { font-family: serif !important; font-optical-sizing: none !important;
           hyphens: manual !important; -webkit-hyphens: manual !important; }",
    ),
    ("Scroll bisect: timeline dock hidden", ".reader-timeline-dock { visibility: hidden !important; }"),
    // What about the dock costs: its own scroller (a second scrolling layer beside the article's), or its contents.
    (
        "Scroll bisect: timeline dock without a scroller of its own",
        ".reader-timeline { overflow: visible !important; max-height: none !important; }",
    ),
    ("Scroll bisect: timeline dock's list hidden", ".reader-timeline-dock .timeline-list { display: none !important; }"),
    // The article's scroller as a layout and paint boundary (its size comes from the grid, not its content).
    ("Scroll bisect: the article's scroller contained (contain: strict)", ".reader-scroll { contain: strict; }"),
    // The first rows' trend: the same control at the end of the sequence.
    ("Scroll bisect: nothing off (control, again at the end)", ""),
];

/// Scrolls the reader once per variant (in order), with its stylesheet in place.
pub async fn run(app: &Session, frames: usize) -> Result<Vec<Scrolled>, BenchError> {
    let mut out = Vec::with_capacity(VARIANTS.len());
    for (_, css) in VARIANTS {
        set_style(app, css).await?;
        out.push(scenario::scroll(app, ".reader-scroll", frames, 40).await?);
    }
    set_style(app, "").await?;
    Ok(out)
}

async fn set_style(app: &Session, css: &str) -> Result<(), BenchError> {
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
let st = document.getElementById("bench-bisect");
if (!st) {{ st = document.createElement("style"); st.id = "bench-bisect"; document.head.appendChild(st); }}
st.textContent = {css:?};
void document.body.offsetHeight;
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done({{}}), 100)));"#
    );
    app.js_async(&script).await.map(|_| ())
}

/// One row per variant: late frames over all runs, with the p95 interval and work.
pub fn rows(runs: &[Vec<Scrolled>]) -> Vec<Row> {
    if runs.is_empty() {
        return VARIANTS.iter().map(|(name, _)| Row::skipped(name, "frames", "information only", "BENCH_APP_BISECT=0")).collect();
    }
    let control_late = late_of(runs, 0);
    VARIANTS
        .iter()
        .enumerate()
        .map(|(k, (name, _))| {
            let intervals: Vec<f64> = runs.iter().filter_map(|r| r.get(k)).flat_map(|s| s.interval_ms.iter().copied()).collect();
            let work: Vec<f64> = runs.iter().filter_map(|r| r.get(k)).flat_map(|s| s.work_ms.iter().copied()).collect();
            let late = late_of(runs, k);
            Row {
                name,
                ours: Some(late),
                unit: "frames",
                budget: "information only",
                met: None,
                peer: (k > 0).then_some("nothing off, same sessions"),
                peer_value: (k > 0).then_some(control_late),
                ratio: None,
                note: format!(
                    "frames over 25 ms of {} intervals; interval p50 {:.1} / p95 {:.1} ms; main-thread work p95 {:.1} ms",
                    intervals.len(),
                    median(&intervals),
                    percentile(&intervals, 95.0),
                    percentile(&work, 95.0)
                ),
            }
        })
        .collect()
}

fn late_of(runs: &[Vec<Scrolled>], k: usize) -> f64 {
    runs.iter().filter_map(|r| r.get(k)).flat_map(|s| s.interval_ms.iter()).filter(|&&d| d > 25.0).count() as f64
}
