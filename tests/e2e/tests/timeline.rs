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
