//! The Timeline tab over a library of 10,000 articles and 500,000 events
//! (issue 20's budgets): the first frame after the click, and the frames of
//! zooming from centuries to days, panning and zooming out again.
//!
//! The library is the one `sidenote-bench --only timeline` generates and
//! leaves in its work folder (`target/bench/library-timeline.sqlite3`, or
//! `BENCH_APP_TIMELINE_LIBRARY`): generating it takes minutes, so it is
//! made once by that bench, which `scripts/bench.sh` runs first.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sidenote_core::timeline::TimelineFilter;
use sidenote_core::Library;

use crate::error::BenchError;
use crate::launch::{LaunchDirs, Session};
use crate::report::{median, percentile};
use crate::scenario::{self, check, num, script};

/// What one visit of the tab measured.
pub struct TimelineVisit {
    /// Click → the first frame with the window's data, painted (the tab's own measure).
    pub first_ms: f64,
    /// Main-thread work of each frame while zooming and panning.
    pub frame_work_ms: Vec<f64>,
    /// The tab's own drawing per frame (`timeline-frame`).
    pub draw_ms: Vec<f64>,
}

pub struct TimelineSamples {
    pub events: u64,
    pub articles: u64,
    pub visits: Vec<TimelineVisit>,
}

/// The generated library, if there is one.
pub fn source() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BENCH_APP_TIMELINE_LIBRARY") {
        return Some(PathBuf::from(p));
    }
    Some(crate::binaries::target_dir().join("bench/library-timeline.sqlite3")).filter(|p| p.is_file())
}

/// A copy of `source` as a library folder, opened once through the store
/// first: migrated, its day's backup made and its groups brought up to date,
/// as a library someone has used before is when the app starts.
/// Gives back how many events and articles the timeline has.
pub fn prepare(source: &Path, dir: &Path) -> Result<(u64, u64), BenchError> {
    std::fs::create_dir_all(dir).map_err(BenchError::io("create the timeline library folder"))?;
    std::fs::copy(source, dir.join("library.sqlite3")).map_err(BenchError::io("copy the timeline library"))?;
    let mut lib = Library::open_dir(dir)?;
    let o = lib.timeline_overview(&TimelineFilter::default())?;
    Ok((u64::from(o.total), u64::from(o.articles)))
}

/// Where the zoom frames go (`BENCH_APP_TIMELINE_BISECT=1`): the same visit
/// with one part of the page around the canvases changed by an injected
/// stylesheet, each after a control visit with nothing changed. Printed,
/// not rows: what each part costs goes into docs/benchmarks.md.
const BISECT: &[(&str, &str)] = &[
    ("the event list hidden", ".tl-list { display: none !important; }"),
    ("the overview strip hidden", ".tl-overview-wrap { display: none !important; }"),
    ("the toolbar hidden", ".tl-toolbar { display: none !important; }"),
    ("the disagreements panel hidden", ".tl-disagreements { display: none !important; }"),
    ("the chart's canvas in a layer of its own", ".tl-canvas, .tl-overview { will-change: transform; }"),
    ("the chart's paint contained", ".tl-chart, .tl-overview-wrap { contain: strict; }"),
];

/// Opens the tab `visits` times (back to the library list in between), each
/// time zooming in from the whole span, panning and zooming out.
pub async fn measure(app: &Session, visits: usize) -> Result<Vec<TimelineVisit>, BenchError> {
    scenario::wait_interactive(app).await?;
    let mut out = Vec::new();
    for _ in 0..visits {
        out.push(visit(app, "").await?);
    }
    if std::env::var("BENCH_APP_TIMELINE_PROBE").is_ok_and(|v| v == "1") {
        probe(app).await?;
    }
    if std::env::var("BENCH_APP_TIMELINE_BISECT").is_ok_and(|v| v == "1") {
        for (name, css) in BISECT {
            let control = visit(app, "").await?;
            let changed = visit(app, css).await?;
            let p = |v: &TimelineVisit| (median(&v.frame_work_ms), percentile(&v.frame_work_ms, 95.0), percentile(&v.draw_ms, 95.0));
            let (c, x) = (p(&control), p(&changed));
            eprintln!(
                "bench-app: timeline bisect, {name}: frame work p50/p95 {:.1}/{:.1} ms (drawing p95 {:.1}) against the control's {:.1}/{:.1} ({:.1})",
                x.0, x.1, x.2, c.0, c.1, c.2
            );
        }
    }
    Ok(out)
}

async fn visit(app: &Session, css: &str) -> Result<TimelineVisit, BenchError> {
    let body = format!("const css = {css:?};\n")
        + r##"
let st = document.getElementById("bench-bisect");
if (!st) { st = document.createElement("style"); st.id = "bench-bisect"; document.head.appendChild(st); }
st.textContent = css;
const tab = document.querySelector(".tab[data-tab='timeline']");
if (!tab) return done({ error: "no Timeline tab" });
performance.clearMeasures("timeline-first-frame");
const t0 = performance.now();
tab.click();
const deadline = t0 + 40000;
let first = null;
while (!first && performance.now() < deadline) {
  first = performance.getEntriesByName("timeline-first-frame")[0] || null;
  if (!first) await sleep(20);
}
if (!first) return done({ error: "the Timeline tab drew no first frame in 40 s" });
const firstMs = first.startTime + first.duration - t0;
await sleep(400);
// Where the first frame's time went: the tab's own phase measures, from the click.
const phases = performance.getEntriesByType("measure").filter((e) => e.name.startsWith("timeline-phase:"))
  .map((e) => `${e.name.slice(15)} ${(e.startTime - t0).toFixed(0)}+${e.duration.toFixed(1)}`);
performance.clearMeasures();
const chart = document.querySelector(".tl-chart");
const r = chart.getBoundingClientRect();
const wheel = (dx, dy) => chart.dispatchEvent(new WheelEvent("wheel", {
  deltaX: dx, deltaY: dy, clientX: r.left + r.width * 0.6, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
performance.clearMeasures("timeline-frame");
const rec = recordFrames();
// One wheel step a frame: in from centuries to weeks, along, and out again.
const steps = [];
for (let i = 0; i < 70; i++) steps.push([0, -100]);
for (let i = 0; i < 40; i++) steps.push([120, 0]);
for (let i = 0; i < 70; i++) steps.push([0, 100]);
for (const [dx, dy] of steps) { wheel(dx, dy); await frame(); }
await sleep(300);
rec.stop();
const drawEntries = performance.getEntriesByName("timeline-frame");
const draws = drawEntries.map((e) => e.duration);
// Each frame's work outside the tab's drawing (WebKit's style, layout, paint and compositing, and any task run before the frame's end).
const outside = rec.frames.filter((f) => f.end).map((f) => {
  let d = 0;
  for (const e of drawEntries) if (e.startTime >= f.start && e.startTime < f.end) d += e.duration;
  return f.end - f.start - d;
});
const cv = document.querySelector(".tl-canvas"), ov = document.querySelector(".tl-overview");
const sizes = `chart ${cv?.width}x${cv?.height}, strip ${ov?.width}x${ov?.height}`;
document.querySelector(".tab[data-tab='library']").click();
await sleep(300);
done({ first: firstMs, phases, outside, sizes, work: rec.frames.filter((f) => f.end).map((f) => f.end - f.start), draws });
"##;
    let v = check(app.js_async(&script(&body)).await?, "the Timeline tab")?;
    if let Some(p) = v.get("phases").and_then(Value::as_array) {
        let p: Vec<&str> = p.iter().filter_map(Value::as_str).collect();
        eprintln!(
            "bench-app: timeline first frame {:.0} ms; phases (start after the click + duration, ms): {}",
            num(&v, "first").unwrap_or(f64::NAN),
            p.join(", ")
        );
    }
    if std::env::var("BENCH_APP_TIMELINE_SPLIT").is_ok_and(|v| v == "1") {
        let mut o: Vec<f64> =
            v.get("outside").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
        o.sort_by(f64::total_cmp);
        eprintln!(
            "bench-app: timeline frames outside the tab's drawing p50/p95/max {:.1}/{:.1}/{:.1} ms ({})",
            median(&o),
            percentile(&o, 95.0),
            o.last().copied().unwrap_or(f64::NAN),
            v.get("sizes").and_then(Value::as_str).unwrap_or("")
        );
    }
    let list = |k: &str| -> Vec<f64> {
        v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
    };
    Ok(TimelineVisit { first_ms: num(&v, "first").unwrap_or(f64::NAN), frame_work_ms: list("work"), draw_ms: list("draws") })
}

/// Each command the tab calls for its first frame, called once more by
/// itself from the page: its round trip (the core's work, serializing,
/// the IPC and parsing the answer) and the size of the answer as JSON.
async fn ipc_costs(app: &Session) -> Result<(), BenchError> {
    let body = r##"
const invoke = window.__TAURI_INTERNALS__.invoke;
const filter = { tag: null, search: "", articleIds: [], from: null, to: null };
const out = [];
const time = async (name, cmd, args) => {
  const t = performance.now();
  const r = await invoke(cmd, args);
  const ms = performance.now() - t;
  out.push(`${name} ${ms.toFixed(1)} ms, ${(JSON.stringify(r).length / 1024).toFixed(0)} KiB`);
  return r;
};
const o = await time("overview", "timeline_overview", { filter });
const span = o.to - o.from, from = o.from - span / 2, to = o.to + span / 2;
await time("strip (250 slices)", "timeline_density", { filter, from: o.from, to: o.to, buckets: 250 });
await time("window counts (350 slices)", "timeline_density", { filter, from, to, buckets: 350 });
await time("window page of 200", "timeline_window", { filter, from, to, offset: 0, limit: 200 });
await time("window page of 2,000", "timeline_window", { filter, from, to, offset: 0, limit: 2000 });
const y = o.from + span / 2;
await time("one year's events (2,000 max)", "timeline_window", { filter, from: y, to: y + 1, offset: 0, limit: 2000 });
done({ out });
"##;
    let v = check(app.js_async(&script(body)).await?, "the timeline's commands")?;
    if let Some(o) = v.get("out").and_then(Value::as_array) {
        let o: Vec<&str> = o.iter().filter_map(Value::as_str).collect();
        eprintln!("bench-app: timeline commands from the page: {}", o.join("; "));
    }
    Ok(())
}

/// Launches the app on the prepared library and measures it.
pub async fn run(app_bin: &Path, xdg: &Path, dir: &Path, visits: usize) -> Result<Vec<TimelineVisit>, BenchError> {
    let app = Session::start(app_bin, &LaunchDirs { library: Some(dir.to_owned()), xdg: xdg.to_owned() }).await?;
    let mut measured = measure(&app, visits).await;
    if measured.is_ok() {
        if let Err(e) = ipc_costs(&app).await {
            measured = Err(e);
        }
    }
    app.quit().await;
    measured
}

/// What WebKit alone costs a frame here: nothing changed; a canvas the
/// chart's size redrawn, accelerated and kept in memory; a div's text, a
/// range input's value and data attributes changed.
async fn probe(app: &Session) -> Result<(), BenchError> {
    let body = r##"
const out = {};
const run = async (name, n, step) => {
  const rec = recordFrames();
  for (let i = 0; i < n; i++) { step(i); await frame(); }
  await sleep(100);
  rec.stop();
  const w = rec.frames.filter((f) => f.end).map((f) => f.end - f.start).sort((a, b) => a - b);
  out[name] = `${w[Math.floor(w.length / 2)].toFixed(1)}/${w[Math.ceil(w.length * 0.95) - 1].toFixed(1)}`;
};
await run("nothing", 120, () => {});
const host = document.createElement("div");
host.style.cssText = "position:fixed;left:0;top:200px;z-index:99";
document.body.appendChild(host);
// The same drawing on the two kinds of canvas: accelerated (the default) and kept in memory.
const arcs = (ctx, i, onePath) => {
  ctx.clearRect(0, 0, 1174, 168); ctx.fillStyle = "#abc";
  if (onePath) ctx.beginPath();
  for (let k = 0; k < 300; k++) {
    const x = (k * 7 + i) % 1174, y = 20 + (k % 7) * 20;
    if (onePath) { ctx.moveTo(x + 5, y); ctx.arc(x, y, 5, 0, 7); } else { ctx.beginPath(); ctx.arc(x, y, 5, 0, 7); ctx.fill(); ctx.stroke(); }
  }
  if (onePath) { ctx.fill(); ctx.stroke(); }
};
for (const [kind, options] of [["canvas", undefined], ["canvas willReadFrequently", { willReadFrequently: true }]]) {
  const c = document.createElement("canvas"); c.width = 1174; c.height = 168; host.replaceChildren(c);
  const ctx = c.getContext("2d", options);
  await run(`${kind} fillRect`, 120, (i) => { ctx.clearRect(0, 0, 1174, 168); ctx.fillStyle = "#abc"; ctx.fillRect(i, 10, 100, 100); });
  await run(`${kind} 300 arcs`, 120, (i) => arcs(ctx, i, false));
  if (!options) {
    await run("canvas 300 arcs one path", 120, (i) => arcs(ctx, i, true));
    await run("canvas 60 texts", 120, (i) => { ctx.clearRect(0, 0, 1174, 168); ctx.fillStyle = "#333"; for (let k = 0; k < 60; k++) { ctx.font = "12px system-ui"; ctx.fillText("Label " + k, (k * 19 + i) % 1174, 20 + (k % 7) * 20); } });
  }
}
const d = document.createElement("div"); d.style.cssText = "width:1174px;height:168px;background:#eee"; host.replaceChildren(d);
await run("div text", 120, (i) => { d.textContent = "frame " + i; });
const range = document.createElement("input"); range.type = "range"; range.min = "0"; range.max = "1000"; host.replaceChildren(range);
await run("range input value", 120, (i) => { range.value = String((i * 7) % 1000); });
const root = document.querySelector("main") || document.body;
await run("data attributes on the page's main", 120, (i) => { root.dataset.probeFrom = String(i * 1.37); root.dataset.probeTo = String(i * 2.11); });
delete root.dataset.probeFrom; delete root.dataset.probeTo;
host.remove();
done(out);
"##;
    let v = check(app.js_async(&script(body)).await?, "the frame probe")?;
    eprintln!("bench-app: frame probe (work p50/p95 ms): {v}");
    Ok(())
}
