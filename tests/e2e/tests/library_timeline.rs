//! The Timeline tab in the real app: the library's events on one axis,
//! filtered by tag, zoomed from centuries to days, a click that lands on
//! the event's passage (and Back that returns to the same view), and a
//! disagreement between two articles settled with "Mark right"; and a
//! library too crowded to draw each event, drawn as counts until zoomed in,
//! its list a page at a time.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::Path;

use common::{cli, App};

const HARBOUR: &str = "A harbour town at war\n\n\
The ferry kept running all autumn. In October 2001, the United States invaded Afghanistan. \
Prices at the market doubled by the spring. The harbour wall had been rebuilt in 1994, after the storm of 1993.\n";

const STEPPE: &str = "Notes from the steppe\n\n\
Grain was short. When the United States invaded Afghanistan in October 2011, the border closed for a week. \
The railway to the coast was finished in 1998.\n";

const DIARY: &str = "A September diary\n\n\
On 3 September 2001, the school term began in the valley. \
On 9 September 2001, the mountain road reopened after the rockfall. \
On 11 September 2001, the evening ferry was cancelled without a word. \
On 12 September 2001, the radio station played no music at all. \
On 14 September 2001, the mayor called a meeting in the town hall. \
On 20 September 2001, the first snow fell on the pass. \
In 1987, the old mill by the river closed for good. \
In 1962, the valley got its first telephone line.\n";

fn import(library: &Path, dir: &Path, name: &str, text: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    cli(library, &["import", file.to_str().unwrap()]).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_library_timeline_filters_zooms_opens_passages_and_settles_a_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let harbour = import(&library, dir.path(), "harbour.txt", HARBOUR);
    let steppe = import(&library, dir.path(), "steppe.txt", STEPPE);
    let diary = import(&library, dir.path(), "diary.txt", DIARY);
    cli(&library, &["highlight", &diary, "--quote", "the mountain road reopened", "--tag", "valley"]);

    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 3", "the library").await;
    app.click(".tab[data-tab='timeline']").await;
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'timeline' && document.documentElement.dataset.timelineComplete === 'true'",
        "the timeline with every article's timeline made",
    )
    .await;
    app.wait_for_js("return document.querySelectorAll('.tl-item').length >= 10", "the events listed").await;

    // Everything, in date order, from every article.
    let dates = app.js("return Array.from(document.querySelectorAll('.tl-item-date')).map(e => e.textContent)").await;
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    let pos = |d: &str| dates.iter().position(|x| x == d).unwrap_or_else(|| panic!("{d} missing from {dates:?}"));
    assert!(pos("1962") < pos("1987") && pos("1987") < pos("11 September 2001") && pos("October 2001") < pos("October 2011"), "{dates:?}");
    assert_eq!(
        app.js("const d = document.querySelector('.tl-canvas').dataset; return Number(d.events) + Number(d.clusters) > 0").await,
        true
    );

    // The disagreement: both articles' dates side by side.
    app.wait_for_js("return document.querySelectorAll('.tl-group .tl-claim').length === 2", "the disagreement").await;
    let claims = app.js("return Array.from(document.querySelectorAll('.tl-group .tl-claim-date')).map(e => e.textContent)").await;
    assert_eq!(claims, serde_json::json!(["October 2001", "October 2011"]));
    assert_eq!(app.js("return document.querySelectorAll('.tl-item-flag').length").await, 2);
    app.screenshot("60-library-timeline-disagreement").await;

    // Zoom levels: a thousand years (centuries), the whole span (decades), a few years, days.
    assert_eq!(app.js("return document.querySelector('.library-timeline-view').dataset.unit").await, "decade");
    app.screenshot("61-library-timeline-decades").await;
    app.js("const s = document.getElementById('timeline-zoom'); s.value = '0'; s.dispatchEvent(new Event('input')); return true").await;
    app.wait_for_js("return document.querySelector('.library-timeline-view').dataset.unit === 'century'", "centuries").await;
    app.wait_for_js(
        "const d = document.querySelector('.tl-canvas').dataset; return Number(d.events) + Number(d.clusters) > 0",
        "the events at centuries",
    )
    .await;
    app.screenshot("61a-library-timeline-centuries").await;
    app.js("document.querySelector('.tl-chart').dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true })); return true")
        .await;
    app.js("const c = document.querySelector('.tl-chart'); c.focus(); for (let i = 0; i < 4; i++) c.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true })); return true").await;
    app.wait_for_js(
        "return ['year', 'month'].includes(document.querySelector('.library-timeline-view').dataset.unit)",
        "years after zooming in four times",
    )
    .await;
    app.wait_for_js("return Number(document.querySelector('.tl-canvas').dataset.events) > 0", "events at years").await;
    app.screenshot("61b-library-timeline-years").await;
    // The range slider to days, then centred on the diary's September.
    app.js("const s = document.getElementById('timeline-zoom'); s.value = '930'; s.dispatchEvent(new Event('input')); return true").await;
    app.wait_for_js("return document.querySelector('.library-timeline-view').dataset.unit === 'day'", "days").await;
    // Pan so that September 2001 is in the middle: drag the overview there.
    app.js(
        "const view = document.querySelector('.library-timeline-view');
         const from = Number(view.dataset.from), to = Number(view.dataset.to), span = to - from;
         const target = 2001 + 255 / 365;  // mid-September
         const steps = Math.round((target - (from + span / 2)) / (span * 0.2));
         const c = document.querySelector('.tl-chart');
         for (let i = 0; i < Math.abs(steps); i++) c.dispatchEvent(new KeyboardEvent('keydown', { key: steps > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true }));
         return true",
    )
    .await;
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('.tl-item-date')).some(d => d.textContent === '11 September 2001')",
        "September 2001 in view",
    )
    .await;
    app.screenshot("62-library-timeline-days").await;
    app.js("document.querySelector('.tl-chart').dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true })); return true")
        .await;

    // Filter by tag: only the tagged article's events.
    app.js("const s = document.getElementById('timeline-tag'); s.value = 'valley'; s.dispatchEvent(new Event('change')); return true")
        .await;
    app.wait_for_js(
        "const a = Array.from(document.querySelectorAll('.tl-item-article')).map(e => e.textContent); return a.length === 8 && a.every(t => t === 'A September diary')",
        "only the diary's events",
    )
    .await;
    assert_eq!(app.js("return document.querySelectorAll('.tl-item-hl').length").await, 1, "the highlighted passage is marked");
    app.screenshot("63-library-timeline-tag").await;

    // Click an event: the diary opens at its passage; Back returns to the same view.
    let before = app.js("const v = document.querySelector('.library-timeline-view'); return [v.dataset.from, v.dataset.to]").await;
    app.js("Array.from(document.querySelectorAll('.tl-item')).find(li => li.textContent.includes('first snow')).querySelector('button').click(); return true").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
    app.wait_for_js(
        "const p = Array.from(document.querySelectorAll('#article-body p')).find(p => p.textContent.includes('20 September 2001')); if (!p) return false; const r = p.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
        "the passage in view",
    )
    .await;
    app.wait_for_js("return !!document.querySelector('.passage-flash')", "the passage flashed").await;
    // The reader's timeline dock marks the event's row.
    app.wait_for_js("return !!document.querySelector('.timeline-event.current')", "the event's row marked").await;
    assert_eq!(app.text(".timeline-event.current .timeline-date").await, "20 September 2001");
    assert_eq!(app.text(".back-btn").await.trim(), "Timeline");
    app.screenshot("64-library-timeline-opened-passage").await;
    app.click(".back-btn").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'timeline'", "back on the timeline").await;
    let after = app.js("const v = document.querySelector('.library-timeline-view'); return [v.dataset.from, v.dataset.to]").await;
    assert_eq!(before, after, "the same window");
    assert_eq!(app.js("return document.getElementById('timeline-tag').value").await, "valley", "the same filter");

    // Settle the disagreement: the 2001 article is right.
    app.js("const s = document.getElementById('timeline-tag'); s.value = ''; s.dispatchEvent(new Event('change')); return true").await;
    app.wait_for_js("return document.querySelectorAll('.tl-group .tl-mark-right').length === 2", "the disagreement again").await;
    app.js("document.querySelector('.tl-group .tl-claim .tl-mark-right').click(); return true").await;
    app.wait_for_js("return !!document.querySelector('.tl-claim.right')", "the verdict shown").await;
    assert_eq!(app.js("return document.querySelectorAll('.tl-item-flag').length").await, 0, "a settled disagreement is no longer flagged");
    app.screenshot("65-library-timeline-settled").await;
    // The other two themes.
    for theme in ["dark", "sepia"] {
        app.click(&format!("[data-theme-choice='{theme}']")).await;
        app.wait_for_js(&format!("return document.documentElement.dataset.theme === '{theme}'"), theme).await;
        app.screenshot(&format!("66-library-timeline-{theme}")).await;
    }
    app.click("[data-theme-choice='light']").await;
    let stored: serde_json::Value = serde_json::from_str(&cli(&library, &["timeline", "--json"])).unwrap();
    let group = &stored["disagreements"][0];
    assert_eq!(group["verdict"], "right");
    let right = group["events"].as_array().unwrap().iter().find(|e| e["event_id"] == group["right_event_id"]).unwrap();
    assert_eq!(right["article_id"], harbour.as_str());

    // The export the toolbar offers, through the app's own command (the save dialog is native).
    let page = dir.path().join("timeline.html");
    app.invoke(
        "export_library_timeline",
        serde_json::json!({ "filter": { "tag": "valley" }, "format": "html", "path": page.to_str().unwrap() }),
    )
    .await;
    let page = std::fs::read_to_string(&page).unwrap();
    assert!(page.contains("The first snow fell on the pass") && !page.contains("invaded Afghanistan"), "only the tag's events");

    // Several articles at once: tick two rows in the library, then one action.
    app.click(".tab[data-tab='library']").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'library'", "the library").await;
    app.click(&format!("tr[data-id='{harbour}'] input.row-select")).await;
    app.click(&format!("tr[data-id='{steppe}'] input.row-select")).await;
    app.wait_for_js(
        "const b = document.querySelector('.selection-bar'); return !b.hidden && b.textContent.includes('2 articles selected')",
        "the selection bar",
    )
    .await;
    assert_eq!(app.js("return document.querySelectorAll('.library-table tr.selected').length").await, 2);
    app.screenshot("67-library-two-selected").await;
    app.click("#selection-timeline").await;
    app.wait_for_js(
        "const a = new Set(Array.from(document.querySelectorAll('.tl-item-article')).map(e => e.textContent)); return document.documentElement.dataset.view === 'timeline' && a.size === 2 && a.has('A harbour town at war') && a.has('Notes from the steppe')",
        "only the two chosen articles' events",
    )
    .await;
    app.wait_for_js("return document.querySelectorAll('.tl-group .tl-claim').length === 2", "their disagreement").await;
    app.screenshot("68-library-timeline-two-articles").await;
    app.quit().await;
}

/// One article of 2,100 dated sentences, seven a year from 1700: more than
/// the chart draws one by one at the whole span.
fn ledger() -> String {
    const WHAT: &[&str] = &[
        "the miller ground the spring barley",
        "the weir was cleared of branches",
        "a new millstone came by cart",
        "the sluice gate was mended",
        "the granary roof was tarred",
        "the eel traps were set below the race",
        "the wheel was stopped for the frost",
    ];
    let mut text = String::from("The ledger of Ashby mill\n\n");
    for year in 1700..2000 {
        for (k, what) in WHAT.iter().enumerate() {
            let month = ["March", "April", "May", "June", "July", "August", "October"][k];
            text.push_str(&format!("In {month} {year}, {what}. "));
        }
        text.push('\n');
    }
    text
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crowded_library_timeline_draws_counts_until_zoomed_in_and_lists_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    import(&library, dir.path(), "ledger.txt", &ledger());
    import(&library, dir.path(), "diary.txt", DIARY);

    // What the store holds, from the CLI: more events than the chart draws one by one.
    let stored: serde_json::Value = serde_json::from_str(&cli(&library, &["timeline", "--json"])).unwrap();
    let stored = stored["events"].as_array().unwrap().len();
    assert!(stored > 2000, "{stored} events");
    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 2", "the library").await;
    app.click(".tab[data-tab='timeline']").await;
    app.wait_for_js("return !!document.documentElement.dataset.timelineReady", "the timeline").await;
    let view = "document.querySelector('.library-timeline-view')";
    // Every event of the whole span is too many to draw: counts per slice, and the list's first page.
    app.wait_for_js(
        &format!("return {view}.dataset.crowded === 'true' && Number(document.querySelector('.tl-canvas').dataset.bars) > 20"),
        "counts",
    )
    .await;
    assert_eq!(app.js("return document.querySelector('.tl-canvas').dataset.events").await, "0");
    app.wait_for_js("return document.querySelectorAll('.tl-item').length === 200", "the list's first page").await;
    let more = app.text(".tl-more button").await;
    assert!(more.starts_with("Show 200 more of "), "{more}");
    let summary = app.text(".tl-summary").await;
    let thousands = format!("{},{:03}", stored / 1000, stored % 1000);
    assert_eq!(summary, format!("{thousands} events from 2 articles"), "the overview counts every event");
    app.screenshot("69-library-timeline-crowded").await;
    app.click(".tl-more button").await;
    app.wait_for_js("return document.querySelectorAll('.tl-item').length === 400", "the second page").await;
    let dates = app.js("return Array.from(document.querySelectorAll('.tl-item-date')).map(e => e.textContent)").await;
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    // The pages join in date order: the ledger's first years first.
    assert!(dates.first().is_some_and(|d| d.ends_with("1700")), "{dates:?}");
    let year = |d: &String| d.rsplit(' ').next().and_then(|y| y.parse::<i32>().ok()).unwrap();
    assert!(dates.windows(2).all(|p| year(&p[0]) <= year(&p[1])), "{dates:?}");

    // Zoomed in, the window holds few enough to draw each; the list follows.
    app.js("const c = document.querySelector('.tl-chart'); c.focus(); for (let i = 0; i < 4; i++) c.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true })); return true").await;
    app.wait_for_js(
        &format!("const d = document.querySelector('.tl-canvas').dataset; return {view}.dataset.crowded === 'false' && Number(d.events) + Number(d.clusters) > 0"),
        "events drawn",
    )
    .await;
    app.wait_for_js(
        &format!("const v = {view}; const items = Array.from(document.querySelectorAll('.tl-item')); return items.length > 0 && items.length <= 200 && Number(v.dataset.from) > 1750"),
        "the list of the window",
    )
    .await;
    app.screenshot("69a-library-timeline-zoomed-in").await;
    // A click on an event drawn on the chart (the canvas is hit-tested): closer in, where
    // the ledger's months stand apart, move the pointer over the chart until its tooltip
    // names one event, then click there.
    app.js("const c = document.querySelector('.tl-chart'); for (let i = 0; i < 3; i++) c.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true })); return true").await;
    app.wait_for_js("return Number(document.querySelector('.tl-canvas').dataset.events) > 3", "single events on the chart").await;
    let clicked = app
        .js("const c = document.querySelector('.tl-chart'); const r = c.getBoundingClientRect();
             const at = (type, x, y) => c.dispatchEvent(new PointerEvent(type, { clientX: r.left + x, clientY: r.top + y, button: 0, pointerId: 1, bubbles: true }));
             for (let y = 30; y < r.height; y += 3) for (let x = 160; x < r.width; x += 2) {
               at('pointermove', x, y);
               if (c.title && !c.title.includes('click to zoom in')) { const t = c.title; at('pointerdown', x, y); at('pointerup', x, y); return t; }
             }
             return null")
        .await;
    let clicked = clicked.as_str().map(str::to_owned).expect("an event on the chart");
    assert!(clicked.contains("The ledger of Ashby mill"), "{clicked}");
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
    app.wait_for_js("return !!document.querySelector('.passage-flash')", "the passage flashed").await;
    // The reader's timeline dock builds only the rows near its view: the
    // event's row, far down the ledger's, is built, marked and scrolled into it.
    app.wait_for_js(
        "const row = document.querySelector('.timeline-event.current'), d = document.querySelector('.reader-timeline');
         if (!row) return false;
         const r = row.getBoundingClientRect(), v = d.getBoundingClientRect();
         return d.scrollTop > 0 && r.top >= v.top && r.bottom <= v.bottom + 1;",
        "the event's row in the dock's view",
    )
    .await;
    let row = app.js("const row = document.querySelector('.timeline-event.current'); return [row.querySelector('.timeline-date').textContent, row.querySelector('.timeline-label').textContent]").await;
    let row: Vec<String> = serde_json::from_value(row).unwrap();
    assert!(clicked.contains(&row[0]) && clicked.contains(&row[1]), "the clicked event's row: {row:?} for {clicked}");
    let built = app.js("return document.querySelectorAll('.timeline-event').length").await.as_u64().unwrap();
    assert!(built < 200, "{built} of the ledger's 2,100 rows built");
    app.screenshot("69b-library-timeline-event-in-dock").await;
    app.quit().await;
}
