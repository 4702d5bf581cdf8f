//! A history article of our own in the real app: a war told with BC years,
//! centuries and dates that chain from one another ("the following year",
//! "the next spring", "that same day"), imported without a published date,
//! so the timeline reads it in narrative mode.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{import_fixture, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_war_narrative_with_bc_dates_gets_its_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir_all(&library).unwrap();
    import_fixture(&library, "salt-cities.txt");
    let app = App::launch(&library).await;
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('.library-table tbody tr .row-title')).some(t => t.textContent.includes('Salt Cities'))",
        "the imported history",
    )
    .await;
    app.js(
        "Array.from(document.querySelectorAll('.library-table tbody tr .row-title')).find(t => t.textContent.includes('Salt Cities')).click(); return true",
    )
    .await;
    app.wait_for_js("return Number(document.querySelector('.reader-timeline')?.dataset.events) >= 13", "the history's timeline").await;

    // Every dated event, in date order, as a reader dates it: the chained
    // ones from the dates before them, the BC years as BC years.
    let dates = app.js("return Array.from(document.querySelectorAll('.timeline-event .timeline-date')).map(e => e.textContent)").await;
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    let expected = [
        "the 400s BC",
        "312 BC",
        "Spring 310 BC",
        "Autumn 310 BC",
        "309 BC",
        "307 BC",
        "the 200s BC",
        "241 BC",
        "Spring 240 BC",
        "14 June 240 BC",
        "14 June 240 BC",
        "the 1700s",
        "the 1920s",
    ];
    assert_eq!(dates, expected);
    // What each event is: the clause the date belongs to.
    let labels = app.js("return Array.from(document.querySelectorAll('.timeline-event .timeline-label')).map(e => e.textContent)").await;
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    assert!(labels[4].contains("starving city opened its gates"), "{labels:?}");
    assert!(labels[10].contains("admiral died"), "{labels:?}");
    // No warnings: a century that sets the scene is no mistyped year.
    assert_eq!(app.js("return document.querySelectorAll('.timeline-event .timeline-warning').length").await, 0);
    app.screenshot("30-history-timeline").await;
    // The end of the list: the second war and the modern dates.
    app.js("const e = document.querySelectorAll('.timeline-event'); e[e.length - 1].scrollIntoView({block: 'end'}); return true").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot("31-history-timeline-end").await;

    // The period filter offers the BC decades present.
    let periods = app.js("return Array.from(document.querySelectorAll('.timeline-tools select option')).map(o => o.textContent)").await;
    let periods: Vec<String> = serde_json::from_value(periods).unwrap();
    assert!(periods.iter().any(|p| p == "310s BC") && periods.iter().any(|p| p == "240s BC"), "{periods:?}");
    app.quit().await;
}
