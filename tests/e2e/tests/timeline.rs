//! The event timeline in the real app: the sample article's events in date
//! order, a click scrolls to the passage, and the user adds an event.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::App;
use thirtyfour::prelude::By;

#[tokio::test(flavor = "multi_thread")]
async fn sample_timeline_lists_events_in_order_and_jumps_to_passages() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&dir.path().join("library")).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample").await;
    app.driver.find(By::Css(".library-table tbody tr .row-title")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return Number(document.querySelector('.reader-timeline').dataset.events) >= 5", "the timeline").await;

    // The sample's dated facts, in chronological order, at their precision.
    let dates = app.js("return Array.from(document.querySelectorAll('.timeline-event .timeline-date')).map(e => e.textContent)").await;
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    let expected = ["1455", "11 March 1702", "1896", "March 1989", "August 1991"];
    let positions: Vec<usize> =
        expected.iter().map(|d| dates.iter().position(|x| x == d).unwrap_or_else(|| panic!("{d} missing from {dates:?}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "not in date order: {dates:?}");
    let years = app.js("return Array.from(document.querySelectorAll('.timeline-year')).map(e => e.textContent)").await;
    assert!(years.as_array().unwrap().iter().any(|y| y == "1702"));
    app.screenshot("20-timeline").await;
    // The other two themes, the dock open.
    for theme in ["dark", "sepia"] {
        app.click(&format!("[data-theme-choice='{theme}']")).await;
        app.wait_for_js(&format!("return document.documentElement.dataset.theme === '{theme}'"), theme).await;
        app.screenshot(&format!("20-timeline-{theme}")).await;
    }
    app.click("[data-theme-choice='light']").await;
    app.wait_for_js("return document.documentElement.dataset.theme === 'light'", "light").await;
    // The dock sits beside the scrolling page, not over it (issue 24: drawn
    // over it, it cost scroll frames), and just left of the article column.
    let geometry = app
        .js("const d = document.querySelector('.reader-timeline').getBoundingClientRect(), \
                s = document.querySelector('.reader-scroll').getBoundingClientRect(), \
                c = document.querySelector('.reader-column').getBoundingClientRect(); \
             return [d.left, d.right, d.width, s.left, c.left, c.right, window.innerWidth];")
        .await;
    let g: Vec<f64> = serde_json::from_value(geometry).unwrap();
    let (dock_right, dock_width, scroll_left, column_left, column_right, window) = (g[1], g[2], g[3], g[4], g[5], g[6]);
    assert!(dock_width > 100.0, "the dock is shown beside the column: {g:?}");
    assert!(dock_right <= scroll_left + 0.5, "the dock overlaps the scroller: {g:?}");
    assert!(column_left - dock_right > 16.0 && column_left - dock_right < 48.0, "a gap between the dock and the column: {g:?}");
    // The column stays centred in the window (the scroll bar aside).
    assert!((column_left - (window - column_right)).abs() < 24.0, "the column is off centre: {g:?}");
    // Wheels turned over the dock's empty part below the list scroll the article.
    let before = app.js("return document.querySelector('.reader-scroll').scrollTop").await.as_f64().unwrap();
    app.js("const d = document.querySelector('.reader-timeline-dock'); \
         d.dispatchEvent(new WheelEvent('wheel', { deltaY: 300, bubbles: true })); return true")
        .await;
    app.wait_for_js(&format!("return document.querySelector('.reader-scroll').scrollTop > {before}"), "the article scrolled").await;

    // Clicking an event brings its passage into view.
    app.js("document.querySelector('.reader-scroll').scrollTop = 0; return true").await;
    // (A script click: the sidebar scrolls inside a sticky column, which
    // WebKitWebDriver reports as not interactable for pointer clicks.)
    app.js("document.querySelector(\".timeline-event[data-value='1991-08'] .timeline-main\").click(); return true").await;
    app.wait_for_js(
        "const r = Array.from(document.querySelectorAll('#article-body p')).find(p => p.textContent.includes('August 1991')).getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
        "the passage in the viewport",
    )
    .await;
    app.screenshot("21-timeline-jump").await;

    // The period filter offers the decades present, earliest first, and shows one.
    let periods = app.js("return Array.from(document.querySelectorAll('.timeline-tools select option')).map(o => o.textContent)").await;
    assert_eq!(periods, serde_json::json!(["All periods", "1450s", "1700s", "1890s", "1980s", "1990s"]));
    app.js(
        "const s = document.querySelector('.timeline-tools select'); s.value = '1980s'; s.dispatchEvent(new Event('change')); return true",
    )
    .await;
    let dates = app.js("return Array.from(document.querySelectorAll('.timeline-event .timeline-date')).map(e => e.textContent)").await;
    assert_eq!(dates, serde_json::json!(["March 1989"]));
    app.screenshot("22-timeline-period").await;
    app.js("const s = document.querySelector('.timeline-tools select'); s.value = ''; s.dispatchEvent(new Event('change')); return true")
        .await;

    // Order of mention instead of date order.
    app.js("document.querySelector('.timeline-order').click(); return true").await;
    assert_eq!(app.js("return document.querySelectorAll('.timeline-year').length").await, 0);
    app.quit().await;
}
