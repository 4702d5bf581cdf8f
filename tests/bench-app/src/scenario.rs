//! What one WebDriver launch measures, through page JavaScript and the
//! UI's User Timing entries (ui/src/lib/perf.ts): time to the interactive
//! mark, opening the big article, adding highlights, laying out the margin
//! notes, and scrolling.

use std::time::Duration;

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::error::BenchError;
use crate::launch::Session;

/// Shared helpers for the asynchronous page scripts.
const PRELUDE: &str = r##"
const done = arguments[arguments.length - 1];
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const latest = (name) => performance.getEntriesByName(name, "measure")[0] || null;
// Resolves once a User Timing entry of that name exists (without polling).
const until = (name, type) => new Promise((resolve) => {
  if (performance.getEntriesByName(name, type).length) return resolve();
  const obs = new PerformanceObserver(() => {
    if (performance.getEntriesByName(name, type).length) { obs.disconnect(); resolve(); }
  });
  obs.observe({ entryTypes: [type] });
});
// Records each frame's main-thread work: from the start of its
// requestAnimationFrame callbacks to the task that runs once the frame's
// style, layout and paint are done.
function recordFrames() {
  const frames = [];
  let on = true;
  let open = null;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (open) { open.end = performance.now(); frames.push(open); open = null; }
  };
  const tick = (ts) => {
    if (!on) return;
    open = { ts, start: performance.now() };
    channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { frames, stop: () => { on = false; } };
}
// The first text node over 80 characters in `blocks`, searching from
// `fraction` of the way down, scrolled to the centre and left two frames to
// settle (null if there is none).
async function centredTextAt(blocks, fraction) {
  let text = null;
  for (let i = Math.floor(blocks.length * fraction); i < blocks.length && !text; i++) {
    for (const n of blocks[i].childNodes) if (n.nodeType === 3 && n.data.length > 80) { text = n; break; }
  }
  if (!text) return null;
  text.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
  await frame(); await frame(); await sleep(50);
  return text;
}
"##;

pub(crate) fn script(body: &str) -> String {
    format!("{PRELUDE}\n(async () => {{ {body} }})().catch((e) => done({{ error: String(e && e.stack || e) }}));")
}

pub(crate) fn check(v: Value, what: &str) -> Result<Value, BenchError> {
    match v.get("error") {
        Some(e) => Err(BenchError::Page(format!("{what}: {e}"))),
        None => Ok(v),
    }
}

pub(crate) fn num(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

/// Start-up: process start → the page's `sidenote:interactive` mark, and
/// process start → the page's time origin (when WebKit began loading it).
pub struct Startup {
    pub to_interactive_ms: f64,
    pub to_page_origin_ms: f64,
}

pub async fn wait_interactive(s: &Session) -> Result<Startup, BenchError> {
    let v = s
        .poll(
            "const e = performance.getEntriesByName('sidenote:interactive', 'mark')[0];
             return e ? { origin: performance.timeOrigin, at: e.startTime } : null;",
            "reach its interactive mark",
            Duration::from_secs(30),
        )
        .await?;
    let origin = num(&v, "origin").ok_or_else(|| BenchError::Page("report performance.timeOrigin".into()))?;
    let at = num(&v, "at").unwrap_or(0.0);
    Ok(Startup { to_interactive_ms: origin + at - s.spawned_at_ms, to_page_origin_ms: origin - s.spawned_at_ms })
}

/// The big article opened from the library: the app's own measure from the
/// open action to its first screens drawn and painted (every highlight's
/// marks in the page, the notes beside the shown part placed), then the rest
/// of the article laid out in slices after that paint, checked against the DOM.
pub struct Opened {
    pub ms: f64,
    pub highlights: u64,
    pub notes: u64,
    /// Notes placed when the first screens were painted (most have no card: only those near the view are built).
    pub placed_at_paint: u64,
    /// Open action → the last slice of the article laid out.
    pub laid_out_ms: f64,
    /// Durations of the slices that laid out the rest (each in its own frame).
    pub slices_ms: Vec<f64>,
}

pub async fn open_article(s: &Session, id: &str, want_highlights: usize, want_notes: usize) -> Result<Opened, BenchError> {
    // Every slice's measure (the app keeps only the latest of each name).
    s.driver
        .execute(
            "window.__benchSlices = [];
             new PerformanceObserver((list) => {
               for (const e of list.getEntries()) if (e.name === 'sidenote:layout-slice') window.__benchSlices.push(e.duration);
             }).observe({ entryTypes: ['measure'] });",
            vec![],
        )
        .await?;
    s.driver.find(By::Css(format!("tr[data-id='{id}'] .row-title"))).await?.click().await?;
    // One script that waits inside the page: polling through WebDriver every
    // 25 ms ran scripts on the page's main thread while it was opening.
    let v = check(
        s.js_async(&script(
            "await until('sidenote:open', 'measure');
             const m = performance.getEntriesByName('sidenote:open', 'measure')[0];
             const body = document.getElementById('article-body');
             // Only the cards near the view are built: the margin counts the notes and the placed ones.
             const margin = document.querySelector('.reader-margin');
             const placed = Number(margin.dataset.placed ?? 0);
             // Every phase mark of the open (sidenote:open-*), in time order.
             const phases = {};
             for (const e of performance.getEntriesByType('mark'))
               if (e.name.startsWith('sidenote:open-') && e.name !== 'sidenote:open-start' && e.startTime >= m.startTime)
                 phases[e.name.slice('sidenote:open-'.length)] = Math.round(e.startTime - m.startTime);
             done({ ms: m.duration, highlights: Number(body.dataset.highlights), notes: Number(margin.dataset.notes ?? 0), placed,
                    marks: body.querySelectorAll('mark.hl').length, phases });",
        ))
        .await?,
        "open the article",
    )?;
    let get = |v: &Value, k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    // Every highlight is drawn at the first paint, and at least the notes of
    // the first screens are placed.
    if get(&v, "highlights") != want_highlights as u64
        || get(&v, "notes") != want_notes as u64
        || get(&v, "marks") < get(&v, "highlights")
        || get(&v, "placed") == 0
    {
        return Err(BenchError::Page(format!("draw the first screens (saw {v})")));
    }
    let done = check(
        s.js_async(&script(
            "await until('sidenote:open-laid-out', 'mark');
             const start = performance.getEntriesByName('sidenote:open-start', 'mark')[0];
             const end = performance.getEntriesByName('sidenote:open-laid-out', 'mark')[0];
             const margin = document.querySelector('.reader-margin');
             done({ ms: end.startTime - start.startTime, placed: Number(margin.dataset.placed ?? 0),
                    cards: margin.querySelectorAll('.note-card').length,
                    pending: document.querySelectorAll('#article-body [data-pending]').length,
                    slices: window.__benchSlices });",
        ))
        .await?,
        "lay the whole article out",
    )?;
    // "Everything drawn": every note placed, nothing left pending.
    if get(&done, "placed") != want_notes as u64 || get(&done, "pending") != 0 {
        return Err(BenchError::Page(format!("lay everything out (saw placed {}, pending {})", done["placed"], done["pending"])));
    }
    let slices_ms: Vec<f64> = done["slices"].as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
    eprintln!(
        "bench-app: open took {} ms ({} notes placed at paint); phases since the click (ms): {}; all laid out at {:.0} ms in {} slices",
        v["ms"],
        v["placed"],
        v["phases"],
        num(&done, "ms").unwrap_or(f64::NAN),
        slices_ms.len()
    );
    Ok(Opened {
        ms: num(&v, "ms").unwrap_or(f64::NAN),
        highlights: get(&v, "highlights"),
        notes: get(&v, "notes"),
        placed_at_paint: get(&v, "placed"),
        laid_out_ms: num(&done, "ms").unwrap_or(f64::NAN),
        slices_ms,
    })
}

/// Back to the library, then `id` opened from its row: the app's own measure
/// from the click to its first screens drawn and painted, checked against
/// the page (text shown, the rest still to lay out for a long item), and the
/// time until all of it was laid out. Each wait in the page gives up after
/// 40 s (before WebDriver's 60 s script timeout) naming what it waited for
/// and the open's marks so far, so a slow or stuck open says where it is.
pub async fn open_from_library(s: &Session, id: &str) -> Result<(f64, f64), BenchError> {
    if let Ok(back) = s.driver.find(By::Css(".back-btn")).await {
        if back.is_displayed().await.unwrap_or(false) {
            back.click().await?;
        }
    }
    // The library is back and its rows rendered: polled from here, so no page
    // script waits on it.
    let row = format!("tr[data-id='{id}'] .row-title");
    s.poll(
        &format!("return document.documentElement.dataset.view === 'library' && document.querySelector(\"{row}\") ? true : null"),
        "show the library row",
        Duration::from_secs(30),
    )
    .await?;
    // Clicked inside the page: the library re-renders its rows when it comes
    // back, which can leave a WebDriver handle stale.
    let body = r#"
        const marks = () => performance.getEntriesByType('mark').filter((e) => e.name.startsWith('sidenote:open'))
          .map((e) => e.name.slice(9) + '@' + Math.round(e.startTime)).join(' ');
        const wait = (name, type) => Promise.race([until(name, type), sleep(40000).then(() => {
          throw new Error('waited 40 s for ' + name + '; marks: ' + marks() + '; view ' + document.documentElement.dataset.view);
        })]);
        await frame(); await frame();
        performance.clearMeasures('sidenote:open'); performance.clearMarks('sidenote:open-laid-out');
        const clicked = performance.now();
        document.querySelector("ROW").click();
        await wait('sidenote:open', 'measure');
        const m = performance.getEntriesByName('sidenote:open', 'measure')[0];
        const body = document.getElementById('article-body');
        const shown = body.innerText.length;
        const phases = {};
        for (const e of performance.getEntriesByType('mark'))
          if (e.name.startsWith('sidenote:open-') && e.name !== 'sidenote:open-start' && e.startTime >= m.startTime)
            phases[e.name.slice('sidenote:open-'.length)] = Math.round(e.startTime - m.startTime);
        await wait('sidenote:open-laid-out', 'mark');
        const start = performance.getEntriesByName('sidenote:open-start', 'mark')[0];
        const end = performance.getEntriesByName('sidenote:open-laid-out', 'mark')[0];
        done({ ms: m.duration, click_to_start: start.startTime - clicked, shown, phases, laid: end.startTime - start.startTime,
               pending: body.querySelectorAll('[data-pending]').length });"#
        .replace("ROW", &row);
    let v = check(s.js_async(&script(&body)).await?, &format!("open {id} from the library"))?;
    if v.get("shown").and_then(Value::as_u64).unwrap_or(0) < 1000 || v.get("pending").and_then(Value::as_u64) != Some(0) {
        return Err(BenchError::Page(format!("draw the first screens of {id} (saw {v})")));
    }
    eprintln!(
        "bench-app: opened {id} from the library: {} ms (click to open-start {} ms), phases (ms): {}, all laid out {:.0} ms",
        v["ms"],
        v["click_to_start"],
        v["phases"],
        num(&v, "laid").unwrap_or(f64::NAN)
    );
    Ok((num(&v, "ms").unwrap_or(f64::NAN), num(&v, "laid").unwrap_or(f64::NAN)))
}

/// A page with 20 images imported through File → Open URL, as a user does.
pub struct GallerySave {
    /// Import click → the import answered (the app starts opening the article).
    pub save_ms: f64,
    /// The longest gap between two frames while the save ran.
    pub longest_gap_ms: f64,
    /// The longest gap in the same library left idle for as long, just before.
    pub idle_gap_ms: f64,
    pub frames: u64,
}

/// From the library: the Open URL dialog with `url` typed in, then the
/// Import button clicked inside the page with every frame recorded until the
/// import has answered (`sidenote:open-start`, set when the app starts
/// opening the imported article); the same recording of the idle library
/// beforehand is the comparison. The article is then checked to show its
/// 20 images from the library.
pub async fn import_gallery(s: &Session, url: &str) -> Result<GallerySave, BenchError> {
    if let Ok(back) = s.driver.find(By::Css(".back-btn")).await {
        if back.is_displayed().await.unwrap_or(false) {
            back.click().await?;
        }
    }
    s.poll("return document.documentElement.dataset.view === 'library' ? true : null", "show the library", Duration::from_secs(30)).await?;
    s.driver.find(By::Id("open-url-button")).await?.click().await?;
    s.driver.find(By::Id("url-input")).await?.send_keys(url).await?;
    let body = r#"
        // The longest stretch without a frame, up to `end` (with one frame or
        // none, the wait until the answer is itself the gap).
        const gaps = (frames, end) => { const t = frames.map((f) => f.ts).concat([end]); let g = 0; for (let i = 1; i < t.length; i++) g = Math.max(g, t[i] - t[i - 1]); return g; };
        await frame(); await frame();
        const idle = recordFrames();
        await sleep(1000);
        idle.stop();
        const idleEnd = performance.now();
        performance.clearMarks('sidenote:open-start');
        const rec = recordFrames();
        await frame();
        const clicked = performance.now();
        document.querySelector('.dialog-backdrop[data-dialog="url"] .btn-primary').click();
        await Promise.race([until('sidenote:open-start', 'mark'), sleep(40000).then(() => { throw new Error('the import did not answer in 40 s'); })]);
        const answered = performance.getEntriesByName('sidenote:open-start', 'mark')[0].startTime;
        rec.stop();
        const during = rec.frames.filter((f) => f.ts <= answered + 17);
        done({ save: answered - clicked, gap: gaps(during, answered), idle: gaps(idle.frames, idleEnd), frames: during.length });"#;
    let v = check(s.js_async(&script(body)).await?, "import the page with 20 images")?;
    s.poll(
        "const imgs = Array.from(document.querySelectorAll('#article-body img'));
         return document.documentElement.dataset.view === 'reader' && imgs.length === 20 && imgs.every((i) => i.src.includes('sidenote-img')) ? true : null",
        "show the 20 saved images from the library",
        Duration::from_secs(30),
    )
    .await?;
    eprintln!(
        "bench-app: 20-image page saved in {:.0} ms; longest frame gap {:.0} ms (idle {:.0} ms), {} frames",
        num(&v, "save").unwrap_or(f64::NAN),
        num(&v, "gap").unwrap_or(f64::NAN),
        num(&v, "idle").unwrap_or(f64::NAN),
        v["frames"]
    );
    Ok(GallerySave {
        save_ms: num(&v, "save").unwrap_or(f64::NAN),
        longest_gap_ms: num(&v, "gap").unwrap_or(f64::NAN),
        idle_gap_ms: num(&v, "idle").unwrap_or(f64::NAN),
        frames: v.get("frames").and_then(Value::as_u64).unwrap_or(0),
    })
}

/// Adding one highlight from a selection (key 1), as a user does.
pub struct Added {
    /// Drawing, selecting and placing the toolbar (the UI's measure).
    pub draw_ms: f64,
    /// Main-thread work of the frame that shows it (notes layout, style, layout, paint).
    pub frame_ms: f64,
    /// Key press → that frame done, including the save through IPC and SQLite.
    pub total_ms: f64,
}

pub async fn add_highlight(s: &Session, fraction: f64) -> Result<Added, BenchError> {
    let body = format!(
        r##"
const body = document.getElementById("article-body");
const text = await centredTextAt(body.querySelectorAll("p[data-o]"), {fraction});
if (!text) return done({{ error: "no unhighlighted text" }});
const range = document.createRange();
range.setStart(text, 10);
range.setEnd(text, 60);
getSelection().removeAllRanges();
getSelection().addRange(range);
body.dispatchEvent(new MouseEvent("mouseup", {{ bubbles: true }}));
await sleep(80); // the reader shows its toolbar a task after mouseup
const before = body.dataset.highlights;
const rec = recordFrames();
await frame();
const t0 = performance.now();
body.dispatchEvent(new KeyboardEvent("keydown", {{ key: "1", bubbles: true }}));
while (body.dataset.highlights === before && performance.now() < t0 + 5000) await sleep(1);
for (let i = 0; i < 4; i++) await frame();
await sleep(30);
rec.stop();
const draw = latest("sidenote:highlight-draw");
if (!draw || draw.startTime < t0) return done({{ error: "no highlight was drawn" }});
const drawEnd = draw.startTime + draw.duration;
const next = rec.frames.find((f) => f.start >= drawEnd && f.end);
if (!next) return done({{ error: "no frame after the highlight" }});
done({{ draw: draw.duration, frame: next.end - next.start, total: next.end - t0 }});
"##
    );
    let v = check(s.js_async(&script(&body)).await?, "add a highlight")?;
    Ok(Added {
        draw_ms: num(&v, "draw").unwrap_or(f64::NAN),
        frame_ms: num(&v, "frame").unwrap_or(f64::NAN),
        total_ms: num(&v, "total").unwrap_or(f64::NAN),
    })
}

/// Clicking a highlight that has a note: the notes are laid out again with
/// that note pinned level with its passage. Returns (duration, notes laid out).
pub async fn relayout_notes(s: &Session, fraction: f64) -> Result<(f64, u64), BenchError> {
    let body = format!(
        r##"
const marks = document.querySelectorAll("#article-body mark.hl-has-note");
const mark = marks[Math.floor(marks.length * {fraction})];
if (!mark) return done({{ error: "no highlight with a note" }});
mark.scrollIntoView({{ block: "center", behavior: "instant" }});
await frame(); await frame(); await sleep(50);
getSelection().removeAllRanges();
const t0 = performance.now();
mark.dispatchEvent(new MouseEvent("click", {{ bubbles: true }}));
let e = null;
while (performance.now() < t0 + 5000) {{
  e = latest("sidenote:notes-layout");
  if (e && e.startTime >= t0) break;
  await frame();
}}
if (!e || e.startTime < t0) return done({{ error: "the notes were not laid out" }});
done({{ ms: e.duration, notes: e.detail ? e.detail.notes : null }});
"##
    );
    let v = check(s.js_async(&script(&body)).await?, "lay out the notes")?;
    Ok((num(&v, "ms").unwrap_or(f64::NAN), v.get("notes").and_then(Value::as_u64).unwrap_or(0)))
}

/// Scrolling the reader by `step` px every frame for `frames` frames.
pub struct Scrolled {
    /// Main-thread work per frame.
    pub work_ms: Vec<f64>,
    /// Intervals between consecutive frames (requestAnimationFrame timestamps).
    pub interval_ms: Vec<f64>,
}

/// Scrolls the element matching `scroller` (the reader's scroller in the app).
pub async fn scroll(s: &Session, scroller: &str, frames: usize, step: u32) -> Result<Scrolled, BenchError> {
    let body = format!(
        r##"
const sc = document.querySelector({scroller:?});
sc.scrollTo({{ top: 0, behavior: "instant" }});
await frame(); await frame(); await sleep(100);
const rec = recordFrames();
let y = 0;
const drive = () => {{
  y += {step};
  sc.scrollTo({{ top: y, behavior: "instant" }});
  if (rec.frames.length < {frames}) requestAnimationFrame(drive);
}};
requestAnimationFrame(drive);
while (rec.frames.length < {frames}) await sleep(50);
rec.stop();
if (sc.scrollTop < y / 2) return done({{ error: "the reader did not scroll (scrollTop " + sc.scrollTop + ")" }});
const f = rec.frames.slice(0, {frames});
done({{ work: f.map((x) => x.end - x.start), interval: f.slice(1).map((x, i) => x.ts - f[i].ts) }});
"##
    );
    let v = check(s.js_async(&script(&body)).await?, "scroll")?;
    let list = |k: &str| -> Vec<f64> {
        v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
    };
    Ok(Scrolled { work_ms: list("work"), interval_ms: list("interval") })
}

/// Puts `html` (the same article HTML the reader shows) into the minimal
/// window's page, in a plain column, so its scrolling can be compared;
/// returns how long that took until the next frame was painted (ms): what
/// WebKit alone needs to show this HTML, with no highlights and no app code.
pub async fn show_plain_article(s: &Session, html: &str) -> Result<f64, BenchError> {
    let body = r##"
const html = arguments[0];
const t0 = performance.now();
document.body.style.cssText = "max-width: 42rem; margin: 0 auto; font: 18px/1.6 serif";
document.body.innerHTML = html;
void document.body.offsetHeight;
requestAnimationFrame(() => setTimeout(() => done({ ms: performance.now() - t0 }), 0));
"##;
    let script = format!("const done = arguments[arguments.length - 1];\n{body}");
    let v = s.driver.execute_async(&script, vec![Value::String(html.to_owned())]).await?.json().clone();
    Ok(num(&v, "ms").unwrap_or(f64::NAN))
}

/// Moves the minimal window's page (the article and its marks) into a
/// full-window element that scrolls, as the reader's article does, so the
/// same scroll measures WebKit's cost of scrolling an element rather than
/// the document.
pub async fn into_overflow_scroller(s: &Session) -> Result<(), BenchError> {
    let body = r##"
const sc = document.createElement("div");
sc.id = "bench-scroller";
sc.style.cssText = "position: fixed; inset: 0; overflow-y: auto";
const column = document.createElement("div");
column.style.cssText = "max-width: 42rem; margin: 0 auto";
while (document.body.firstChild) column.appendChild(document.body.firstChild);
sc.appendChild(column);
document.body.style.cssText = "margin: 0; font: 18px/1.6 serif";
document.body.appendChild(sc);
void sc.scrollHeight;
await frame(); await frame();
done({ height: sc.scrollHeight });
"##;
    check(s.js_async(&script(body)).await?, "move the minimal page into a scroller").map(|_| ())
}

/// The peer of adding a highlight: in the minimal window showing the same
/// HTML, wrap 50 characters at `fraction` of the page in a <mark> and measure
/// that DOM change plus the main-thread work of the frame that shows it (the
/// engine's own cost of a one-passage change in a page this long).
pub async fn minimal_wrap(s: &Session, fraction: f64) -> Result<f64, BenchError> {
    let body = format!(
        r##"
const text = await centredTextAt(document.body.querySelectorAll("p"), {fraction});
if (!text) return done({{ error: "no text to wrap" }});
const rec = recordFrames();
await frame();
const t0 = performance.now();
const mark = document.createElement("mark");
mark.style.background = "#fde68a";
const inner = text.splitText(10);
inner.splitText(50);
inner.parentNode.insertBefore(mark, inner);
mark.appendChild(inner);
const changed = performance.now();
for (let i = 0; i < 3; i++) await frame();
await sleep(30);
rec.stop();
const next = rec.frames.find((f) => f.start >= changed && f.end);
if (!next) return done({{ error: "no frame after the change" }});
done({{ ms: changed - t0 + (next.end - next.start) }});
"##
    );
    let v = check(s.js_async(&script(&body)).await?, "wrap a passage in the minimal window")?;
    Ok(num(&v, "ms").unwrap_or(f64::NAN))
}

/// The fair baseline of the reader's highlights (issue 24): in the minimal
/// window showing the same article HTML, the same 2,000 spans wrapped in plain
/// `<mark>` elements in five colours, split at block and text-node edges the
/// way the reader splits them (the importer's `data-o` contract: a block's
/// text nodes concatenate to its slice of the text). No listeners, no notes,
/// no app code. Returns the marks made and the time until they were painted (ms).
pub async fn mark_spans(s: &Session, spans: &[(u32, u32)]) -> Result<(u64, f64), BenchError> {
    let body = r##"
const spans = arguments[0];
const t0 = performance.now();
const style = document.createElement("style");
style.textContent = [0, 1, 2, 3, 4].map((k) =>
  `mark.c${k} { background: ${["#fde68a", "#bbf7d0", "#bfdbfe", "#fbcfe8", "#ddd6fe"][k]}; color: inherit; }`).join("\n");
document.head.appendChild(style);
const blocks = Array.from(document.querySelectorAll("[data-o]"), (el) => ({ el, o: Number(el.dataset.o) }));
let made = 0;
spans.forEach(([start, end], k) => {
  // The last block starting at or before `start`, then every block the span reaches.
  let lo = 0, hi = blocks.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (blocks[mid].o <= start) lo = mid; else hi = mid - 1; }
  for (let i = lo; i < blocks.length && blocks[i].o < end; i++) {
    const walker = document.createTreeWalker(blocks[i].el, NodeFilter.SHOW_TEXT);
    const parts = [];
    let pos = blocks[i].o;
    for (let n = walker.nextNode(); n && pos < end; n = walker.nextNode()) {
      const len = n.data.length, a = Math.max(start, pos), b = Math.min(end, pos + len);
      if (b > a) parts.push([n, a - pos, b - a]);
      pos += len;
    }
    for (const [node, at, len] of parts) {
      const inner = at > 0 ? node.splitText(at) : node;
      if (len < inner.data.length) inner.splitText(len);
      const mark = document.createElement("mark");
      mark.className = "c" + (k % 5);
      inner.parentNode.insertBefore(mark, inner);
      mark.appendChild(inner);
      made++;
    }
  }
});
void document.body.offsetHeight;
requestAnimationFrame(() => setTimeout(() => done({ made, ms: performance.now() - t0 }), 0));
"##;
    let wanted = spans.len() as u64;
    let spans = Value::Array(spans.iter().map(|&(a, b)| serde_json::json!([a, b])).collect());
    let script = format!("const done = arguments[arguments.length - 1];\n{body}");
    let v = check(s.driver.execute_async(&script, vec![spans]).await?.json().clone(), "mark the highlights in the minimal window")?;
    let made = v.get("made").and_then(Value::as_u64).unwrap_or(0);
    // Every span lies in the text, so each makes at least one mark.
    if made < wanted {
        return Err(BenchError::Page(format!("only {made} marks were made in the minimal window")));
    }
    Ok((made, num(&v, "ms").unwrap_or(f64::NAN)))
}
