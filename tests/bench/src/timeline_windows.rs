//! The Timeline tab's requests on the 10,000-article library (issue 20),
//! made as the UI makes them (ui/src/timeline/windowing.ts): the overview
//! of the filter, the overview strip's counts, the visible window's events
//! with a margin (or, past 2,000 of them, counts per 6-pixel slice) and the
//! list's first page; then the same window request at each zoom level the
//! axis has. The UI's own drawing is not in these figures.

use sidenote_core::timeline::{TimelineFilter, TimelineWindow};
use sidenote_core::Library;

use crate::row::{Better, Row};
use crate::timing::{median, time_ms};
use crate::BenchError;

/// As the UI: the most events fetched for one window, the list's page,
/// pixels per slice, and the chart's width on a 1280-pixel window.
const FETCH_LIMIT: u32 = 2000;
const LIST_PAGE: u32 = 200;
const SLICE_PX: f64 = 6.0;
const OVERVIEW_SLICE_PX: f64 = 4.0;
const CHART_PX: f64 = 1080.0;
const RUNS: usize = 5;

/// What the UI asks for to show `win` (from, to): the window and half its
/// span on each side, as events when they fit in one fetch, else as counts;
/// a crowded window's list asks for its own first page. Returns the number
/// of events in the range and whether it was drawn as counts.
fn fetch_window(lib: &Library, win: (f64, f64), likely_crowded: bool) -> Result<(u32, bool), BenchError> {
    let filter = TimelineFilter::default();
    let span = win.1 - win.0;
    let range = (win.0 - span / 2.0, win.1 + span / 2.0);
    if !likely_crowded {
        let page: TimelineWindow = lib.timeline_window(&filter, range.0, range.1, 0, FETCH_LIMIT)?;
        if page.total <= FETCH_LIMIT {
            return Ok((page.total, false));
        }
    }
    let slices = (((range.1 - range.0) * CHART_PX / span) / SLICE_PX).round().clamp(1.0, 4096.0) as u32;
    let d = lib.timeline_density(&filter, range.0, range.1, slices)?;
    lib.timeline_window(&filter, win.0, win.1, 0, LIST_PAGE)?;
    Ok((d.counts.iter().sum(), true))
}

pub fn rows(lib: &mut Library, group: &str) -> Result<Vec<Row>, BenchError> {
    let filter = TimelineFilter::default();
    let mut opens = Vec::new();
    let mut overviews = Vec::new();
    let mut strips = Vec::new();
    let mut windows = Vec::new();
    let mut total = 0;
    let mut flagged = 0;
    let mut extent = (0.0, 0.0);
    for _ in 0..RUNS {
        let (open, ms) = time_ms(|| -> Result<(), BenchError> {
            let (o, ms) = time_ms(|| lib.timeline_overview(&filter));
            let o = o?;
            overviews.push(ms);
            total = o.total;
            flagged = o.disagreements.len();
            let (from, to) = (o.from.unwrap_or(0.0), o.to.unwrap_or(1.0));
            // As fitWindow: a margin of 4 % (three times that on the right).
            let margin = ((to - from) * 0.04).max(0.5);
            let bounds = (from - margin, to + 3.0 * margin);
            extent = bounds;
            let (d, ms) = time_ms(|| lib.timeline_density(&filter, bounds.0, bounds.1, ((CHART_PX + 150.0) / OVERVIEW_SLICE_PX) as u32));
            d?;
            strips.push(ms);
            let (w, ms) = time_ms(|| fetch_window(lib, bounds, total > FETCH_LIMIT));
            w?;
            windows.push(ms);
            Ok(())
        });
        open?;
        opens.push(ms);
    }
    let mut rows = vec![
        Row::new(group, "Timeline tab: the first frame's data (overview, strip, window, first list page)", "ms")
            .ours(median(&opens), Better::Lower, Some(300.0))
            .note(format!(
                "median of {RUNS}; {total} events, {flagged} disagreements; overview {:.0} ms, strip counts {:.0} ms, whole-span window as counts + list page {:.0} ms; the UI's drawing comes on top",
                median(&overviews),
                median(&strips),
                median(&windows)
            )),
    ];
    // Zoom levels, each a window centred in the library's span.
    let mid = (extent.0 + extent.1) / 2.0;
    for (name, span) in [
        ("centuries (300 years)", 300.0),
        ("decades (30 years)", 30.0),
        ("years (3 years)", 3.0),
        ("months (60 days)", 60.0 / 365.0),
        ("days (3 days)", 3.0 / 365.0),
    ] {
        let win = (mid - span / 2.0, mid + span / 2.0);
        let mut times = Vec::new();
        let mut got = (0, false);
        for _ in 0..RUNS {
            // The UI guesses "crowded" from the strip's counts; here from the last answer.
            let (r, ms) = time_ms(|| fetch_window(lib, win, got.1));
            got = r?;
            times.push(ms);
        }
        rows.push(
            Row::new(group, &format!("Zoom or pan to a new window at {name}: its data"), "ms").info(median(&times), Better::Lower).note(
                format!(
                    "median of {RUNS}; {} events in the window and its margins, {}; asked once zoom or pan pause (120 ms), off the frame",
                    got.0,
                    if got.1 { "drawn as counts per slice, with the list's first page" } else { "every one fetched and drawn" }
                ),
            ),
        );
    }
    Ok(rows)
}
