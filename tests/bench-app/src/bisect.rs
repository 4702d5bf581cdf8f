//! Where the reader's scroll frames go (issue 24): in the same app session,
//! the same scroll again with one thing the reader draws beyond the marks
//! turned off by an injected stylesheet, each against a control scroll with
//! nothing off run in the same place in the sequence. Information rows, no
//! budget: what each part costs goes into docs/benchmarks.md.

use crate::error::BenchError;
use crate::launch::Session;
use crate::report::{median, percentile, Row};
use crate::scenario::{self, Scrolled};

/// The reader's scroller, which the variants scroll unless they make the page the document's.
const READER: &str = ".reader-scroll";

/// The reader's page made the document's: the window scrolls, the top bar
/// sticks, the dock is fixed beside the column, no grid around the article.
macro_rules! document_css {
    () => {
        "html, body, #app, .main, .view.reader-view { height: auto !important; overflow: visible !important; min-height: 0 !important; }
         .view.reader-view { display: block !important; }
         .reader-view > .reader-scroll { height: auto !important; overflow: visible !important; }
         .topbar { position: sticky; top: 0; z-index: 20; }
         .reader-timeline-dock { position: fixed !important; top: 48px; left: 0; z-index: 2; }
         .reader-view .reader-grid { padding-left: var(--space-5) !important; }
         .reader-view .reader-column { margin: 0 auto !important; }
        "
    };
}
const DOCUMENT: &str = document_css!();

/// What is turned off, the CSS that does it, and what is scrolled. The first is the control.
pub const VARIANTS: &[(&str, &str, &str)] = &[
    ("Scroll bisect: nothing off (control)", "", READER),
    ("Scroll bisect: margin note cards hidden", ".reader-margin { visibility: hidden !important; }", READER),
    (
        "Scroll bisect: reading font and hyphenation off (system serif, as the baseline)",
        ".article-body { font-family: serif !important; font-optical-sizing: none !important;
           hyphens: manual !important; -webkit-hyphens: manual !important; }",
        READER,
    ),
    ("Scroll bisect: timeline dock hidden", ".reader-timeline-dock { visibility: hidden !important; }", READER),
    // The minimal window drops several times more frames scrolling the same
    // page inside an element than scrolling the document: the reader's page
    // made the document's, the window scrolled (as reader.css may do it: a
    // block, the top bar sticky, the dock fixed), then with parts of it off.
    ("Scroll bisect: the reader scrolled as the document", DOCUMENT, "html"),
    (
        "Scroll bisect: as the document, the top bar not sticky",
        concat!(document_css!(), ".topbar { position: static !important; }"),
        "html",
    ),
    // Does each scrolled frame repaint the whole window? Then what lies
    // outside the scroller costs too (the dock did), and so would the top bar.
    ("Scroll bisect: top bar hidden", ".topbar { visibility: hidden !important; }", READER),
    // The scroller in a compositing layer of its own, so that its frames need not repaint the rest.
    (
        "Scroll bisect: the article's scroller in a layer of its own (will-change: transform)",
        ".reader-scroll { will-change: transform; }",
        READER,
    ),
    (
        "Scroll bisect: the article's scroller marked as scrolling (will-change: scroll-position)",
        ".reader-scroll { will-change: scroll-position; }",
        READER,
    ),
    // The first rows' trend: the same control at the end of the sequence.
    ("Scroll bisect: nothing off (control, again at the end)", "", READER),
];

/// Scrolls the reader once per variant (in order), with its stylesheet in place.
pub async fn run(app: &Session, frames: usize) -> Result<Vec<Scrolled>, BenchError> {
    let mut out = Vec::with_capacity(VARIANTS.len());
    for (_, css, scroller) in VARIANTS {
        set_style(app, css).await?;
        out.push(scenario::scroll(app, scroller, frames, 40).await?);
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
        return VARIANTS.iter().map(|(name, _, _)| Row::skipped(name, "frames", "information only", "BENCH_APP_BISECT=0")).collect();
    }
    let control_late = late_of(runs, 0);
    VARIANTS
        .iter()
        .enumerate()
        .map(|(k, (name, _, _))| {
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
