//! A long article in the real app: the reader shows its first screens at once
//! and lays the rest out over the next frames (reader/progressiveLayout.ts).
//! Jumps further down (the previous-highlight key, a timeline event, the End
//! key) must still land on their passage, and once everything is laid out
//! every margin note sits beside its passage.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{cli, App};
use thirtyfour::prelude::*;

const FAR_QUOTE: &str = "the keeper trimmed the wick a final time";
const FAR_NOTE: &str = "Where the log ends.";

/// About 230,000 characters of our own prose, varied so no paragraph repeats,
/// with a dated event near the start and one near the end.
fn long_text() -> String {
    let subjects = [
        "The harbour master",
        "A clerk at the customs house",
        "The pilot on duty",
        "An old net mender",
        "The ferry captain",
        "A visiting surveyor",
    ];
    let verbs = ["counted", "recorded", "argued about", "watched", "measured", "wrote down"];
    let objects = [
        "the boats that came in on the tide",
        "the weight of the morning catch",
        "the height of the spring water",
        "the repairs to the eastern pier",
        "the price of salt and rope",
        "the lamps along the quay",
    ];
    let weather = [
        "under a low grey sky",
        "in a sharp wind from the north",
        "while rain swept the slipway",
        "on a mild and windless day",
        "as fog rolled over the moorings",
        "in bright and cold sunshine",
    ];
    let mut out = String::from("The Harbour Log\n\n");
    for i in 0..330 {
        let mut para = String::new();
        for j in 0..6 {
            let k = i * 7 + j * 3;
            para.push_str(&format!(
                "{} {} {} {} on day {} of the record, entry {}. ",
                subjects[k % 6],
                verbs[(k / 2) % 6],
                objects[(k / 3) % 6],
                weather[(i + j) % 6],
                i + 1,
                j + 1
            ));
        }
        if i == 3 {
            para.push_str("The new lighthouse was first lit in March 1851, and the whole town came to see it. ");
        }
        if i == 320 {
            para.push_str("The lighthouse was closed for good in October 1932, after the last storm of the season. ");
        }
        if i == 326 {
            para.push_str(&format!("On the last page {FAR_QUOTE} and closed the book. "));
        }
        out.push_str(para.trim_end());
        out.push_str("\n\n");
    }
    out
}

async fn open_article(app: &App) {
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the article in the library").await;
    app.js("performance.clearMarks('sidenote:open-laid-out'); return true").await;
    app.click(".library-table tbody tr .row-title").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
}

async fn wait_laid_out(app: &App) {
    app.wait_for_js(
        "return performance.getEntriesByName('sidenote:open-laid-out', 'mark').length > 0 && !document.querySelector('#article-body > [data-pending]')",
        "the whole article laid out",
    )
    .await;
}

/// True when the passage containing `text` is inside the reader's viewport.
fn passage_in_view(text: &str) -> String {
    format!(
        "const p = Array.from(document.querySelectorAll('#article-body p')).find(p => p.textContent.includes({text:?}));
         if (!p || !p.getClientRects().length) return false;
         const r = p.getBoundingClientRect(), s = document.querySelector('.reader-scroll').getBoundingClientRect();
         return r.bottom > s.top && r.top < s.bottom;"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn long_article_opens_progressively_and_jumps_land() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let file = dir.path().join("harbour-log.txt");
    std::fs::write(&file, long_text()).unwrap();
    let id = cli(&library, &["import", file.to_str().unwrap()]).trim().to_owned();
    // One highlight with a note near the start, one near the end.
    cli(&library, &["highlight", &id, "--quote", "The new lighthouse was first lit", "--note", "Where the log begins."]);
    cli(&library, &["highlight", &id, "--quote", FAR_QUOTE, "--note", FAR_NOTE, "--color", "blue"]);

    let app = App::launch(&library).await;
    open_article(&app).await;
    let chars = app.js("return document.getElementById('article-body').textContent.length").await.as_u64().unwrap();
    assert!(chars > 200_000, "the article is long enough to be laid out in slices ({chars} characters)");

    // "k" right away: the previous highlight from the top is the last one,
    // far down; it is selected and its passage scrolled into view.
    app.driver.action_chain().send_keys("k").perform().await.unwrap();
    app.wait_for_js(&passage_in_view(FAR_QUOTE), "the last highlight's passage in view").await;
    app.wait_for_js("return !!document.querySelector('mark.hl-selected[data-color=blue]')", "the last highlight selected").await;

    // Once everything is laid out, the far note sits level with its passage.
    wait_laid_out(&app).await;
    assert_eq!(app.js("return document.querySelectorAll('.note-card.unplaced').length").await, 0);
    assert!(app.js("return document.querySelector('.layout-spacer').hidden").await.as_bool().unwrap());
    app.wait_for_js(
        &format!(
            "const card = Array.from(document.querySelectorAll('.note-card')).find(c => c.textContent.includes({FAR_NOTE:?}));
             const mark = document.querySelector('mark.hl[data-color=blue]');
             return !!card && !!mark && Math.abs(card.getBoundingClientRect().top - mark.getBoundingClientRect().top) < 3;"
        ),
        "the far note level with its passage",
    )
    .await;
    app.screenshot("50-long-article-far-note").await;

    // Opened again, a click on the late event in the timeline reaches its passage.
    app.click(".back-btn").await;
    open_article(&app).await;
    app.wait_for_js("return !!document.querySelector(\".timeline-event[data-value='1932-10'] .timeline-main\")", "the late event").await;
    app.js("document.querySelector(\".timeline-event[data-value='1932-10'] .timeline-main\").click(); return true").await;
    app.wait_for_js(&passage_in_view("closed for good in October 1932"), "the late event's passage in view").await;

    // Opened again, End reaches the last paragraph.
    app.click(".back-btn").await;
    open_article(&app).await;
    app.driver.action_chain().send_keys(Key::End).perform().await.unwrap();
    app.wait_for_js(&passage_in_view("day 330 of the record"), "the last paragraph in view").await;
    wait_laid_out(&app).await;
    app.quit().await;
}

/// Many notes down a long article: only the cards near the view are built.
/// Scrolled to the last ones, their cards are built, each level with its
/// passage or stacked just below the card above it, and none overlaps another.
#[tokio::test(flavor = "multi_thread")]
async fn far_note_cards_are_built_when_scrolled_near() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let file = dir.path().join("harbour-log.txt");
    std::fs::write(&file, long_text()).unwrap();
    let id = cli(&library, &["import", file.to_str().unwrap()]).trim().to_owned();
    // Two notes on every fourth paragraph, a line or two apart (so they stack), of one to four sentences.
    let days: Vec<usize> = (1..=330).step_by(4).collect();
    for day in &days {
        for entry in [2, 3] {
            let quote = format!("on day {day} of the record, entry {entry}");
            let note = format!("Remark {day}.{entry}: {}", "the tide table disagrees with the log here. ".repeat(1 + (day + entry) % 4));
            cli(&library, &["highlight", &id, "--quote", &quote, "--note", note.trim_end()]);
        }
    }
    let notes = days.len() as u64 * 2;
    let last = days.last().unwrap();

    let app = App::launch(&library).await;
    open_article(&app).await;
    wait_laid_out(&app).await;
    let has_card = |day: usize| {
        format!("return Array.from(document.querySelectorAll('.note-card')).some(c => c.textContent.includes('Remark {day}.2:'))")
    };
    app.wait_for_js(&has_card(1), "the first note's card").await;
    let built = app.js("return document.querySelectorAll('.note-card').length").await.as_u64().unwrap();
    assert!(built > 0 && built < notes / 4, "only the cards near the view are built ({built} of {notes})");
    assert!(!app.js(&has_card(*last)).await.as_bool().unwrap(), "the last note's card is not built at the top");

    let last_mark = format!(
        "Array.from(document.querySelectorAll('mark.hl')).find(m => m.textContent.includes('on day {last} of the record, entry 2'))"
    );
    app.js(&format!("{last_mark}.scrollIntoView({{ block: 'center' }}); return true")).await;
    app.wait_for_js(&has_card(*last), "the last note's card once scrolled near").await;
    assert!(!app.js(&has_card(1)).await.as_bool().unwrap(), "the first note's card is gone once far");
    // Every card built sits level with its passage or just below the card
    // above it (stacked), never above its passage, and none overlaps another.
    app.wait_for_js(
        "const cards = Array.from(document.querySelectorAll('.note-card')).map(c => [c, c.getBoundingClientRect()]).sort((a, b) => a[1].top - b[1].top);
         if (cards.length < 2) return false;
         return cards.every(([c, r], i) => {
           const mark = document.querySelector(`mark.hl[data-hid='${c.dataset.hid}']`);
           if (!mark) return false;
           const passage = mark.getBoundingClientRect().top;
           const above = i === 0 ? -Infinity : cards[i - 1][1].bottom;
           const level = Math.abs(passage - r.top) < 3;
           const stacked = r.top > passage && r.top - above < 20;
           return r.top >= above && (level || stacked);
         });",
        "the cards level with their passages or stacked, none overlapping",
    )
    .await;
    let stacked = app
        .js("return Array.from(document.querySelectorAll('.note-card')).filter(c => c.getBoundingClientRect().top - document.querySelector(`mark.hl[data-hid='${c.dataset.hid}']`).getBoundingClientRect().top > 3).length")
        .await;
    assert!(stacked.as_u64().unwrap() > 0, "some cards are stacked below their neighbours");
    app.screenshot("51-long-article-notes-scrolled").await;
    app.quit().await;
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The year and month of the dated paragraph `i` of `dated_log`: every other year from 1000.
fn log_date(i: usize) -> (usize, usize) {
    (1000 + 2 * i, i % 12 + 1)
}

/// 500 paragraphs of our own prose, each with one date two years after the
/// last: 500 events, each under its own year with a gap row before it.
fn dated_log() -> String {
    let deeds = ["the weir was cleared", "a new bell was hung", "the bridge was widened", "the granary burned", "the ferry changed hands"];
    let mut out = String::from("The Long Chronicle\n\n");
    for i in 0..500 {
        let (year, month) = log_date(i);
        out.push_str(&format!(
            "Entry {i} of the chronicle. In {} {year}, {} and the clerk of the parish wrote it down with care, as every clerk before him had done in that house.\n\n",
            MONTHS[month - 1],
            deeds[i % deeds.len()]
        ));
    }
    out
}

/// The timeline dock of an article with hundreds of events builds only the
/// rows near its view: far rows are not in the page until the dock is
/// scrolled to them, the last ones come in order, a click on one still
/// reaches its passage, and a row holding focus stays while scrolled away.
#[tokio::test(flavor = "multi_thread")]
async fn timeline_dock_builds_only_the_rows_near_its_view() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let file = dir.path().join("chronicle.txt");
    std::fs::write(&file, dated_log()).unwrap();
    cli(&library, &["import", file.to_str().unwrap()]);
    let value = |i: usize| {
        let (year, month) = log_date(i);
        format!("{year}-{month:02}")
    };

    let app = App::launch(&library).await;
    open_article(&app).await;
    app.wait_for_js("return document.querySelector('.reader-timeline').dataset.events === '500'", "the 500 events").await;
    let dock = "document.querySelector('.reader-timeline')";
    let built = "Array.from(document.querySelectorAll('.timeline-event')).map(e => e.dataset.value)";
    app.wait_for_js(&format!("return {built}[0] === '{}'", value(0)), "the first event's row").await;
    let first: Vec<String> = serde_json::from_value(app.js(&format!("return {built}")).await).unwrap();
    assert!(first.len() > 5 && first.len() < 100, "only the rows near the dock's view are built: {} of 500", first.len());
    assert!(first.iter().all(|v| *v != value(499)), "the last event's row is not built at the top");
    assert!(app.js("return !document.querySelector('.timeline-more')").await.as_bool().unwrap(), "no button for more rows");
    // The list is as tall as all its rows: the dock scrolls over hundreds of them.
    let scroll = app.js(&format!("return [{dock}.scrollHeight, {dock}.clientHeight]")).await;
    let scroll: Vec<f64> = serde_json::from_value(scroll).unwrap();
    assert!(scroll[0] > 500.0 * 40.0 && scroll[1] > 200.0, "the dock's scroll height counts every row: {scroll:?}");
    app.screenshot("52-long-article-dock-top").await;

    // Scrolled to its end, the dock holds the last events, in order, the last one at the bottom.
    app.js(&format!("const d = {dock}; d.scrollTop = d.scrollHeight; return true")).await;
    app.wait_for_js(&format!("return {built}.includes('{}')", value(499)), "the last event's row").await;
    let last: Vec<String> = serde_json::from_value(app.js(&format!("return {built}")).await).unwrap();
    let from = (0..500).position(|i| value(i) == last[0]).expect("a listed event");
    let expected: Vec<String> = (from..500).map(value).collect();
    assert_eq!(last, expected, "the last events, in date order, none missing");
    assert!(last.len() < 100, "{} rows built at the end", last.len());
    assert!(!last.contains(&value(0)), "the first event's row is gone");
    let at_end = app
        .js(&format!(
            "const d = {dock}, list = d.querySelector('.timeline-list'), row = list.lastElementChild;
             const r = row.getBoundingClientRect(), v = d.getBoundingClientRect();
             return [row.dataset.value ?? null, r.top >= v.top && r.bottom <= v.bottom + 1, d.scrollTop + d.clientHeight >= d.scrollHeight - 1];"
        ))
        .await;
    assert_eq!(at_end, serde_json::json!([value(499), true, true]), "the last row ends the list, in the dock's view");
    app.screenshot("53-long-article-dock-end").await;

    // A click on the last event scrolls the article to its passage.
    app.js(&format!("document.querySelector(\".timeline-event[data-value='{}'] .timeline-main\").click(); return true", value(499))).await;
    app.wait_for_js(&passage_in_view("Entry 499 of the chronicle"), "the last event's passage in view").await;
    let current = app.js("return Array.from(document.querySelectorAll('.timeline-event.current')).map(e => e.dataset.value)").await;
    assert_eq!(current, serde_json::json!([value(499)]));

    // A row holding keyboard focus stays built while the dock scrolls far from it.
    app.js(&format!("document.querySelector(\".timeline-event[data-value='{}'] .timeline-main\").focus(); return true", value(497))).await;
    app.js(&format!("{dock}.scrollTop = 0; return true")).await;
    app.wait_for_js(&format!("return {built}[0] === '{}'", value(0)), "the first rows again").await;
    let kept = app
        .js(&format!(
            "const v = {built}; return [v.includes('{}'), v.includes('{}'), document.activeElement.closest('.timeline-event')?.dataset.value ?? null]",
            value(497),
            value(499)
        ))
        .await;
    assert_eq!(kept, serde_json::json!([true, false, value(497)]), "the focused row kept, its neighbours gone");

    // Tab goes from row to row past the rows built at first: each focused
    // row is scrolled into view, and the rows after it are built by then.
    // An event's stops are its button, then its Edit and Hide (made on focus).
    app.js(&format!("document.querySelector(\".timeline-event[data-value='{}'] .timeline-main\").focus(); return true", value(0))).await;
    for _ in 0..3 * 30 {
        app.driver.action_chain().send_keys(Key::Tab).perform().await.unwrap();
    }
    let focused = app.js("const a = document.activeElement; return [a.classList.contains('timeline-main'), a.closest('.timeline-event')?.dataset.value ?? null]").await;
    assert_eq!(focused, serde_json::json!([true, value(30)]), "Tab reached the 31st event's row");
    app.screenshot("54-long-article-dock-keyboard").await;

    // Narrow, the dock is not shown; wide again, back at the place it was,
    // the rows in its view are built: a spacer shows nowhere in it.
    app.js("document.activeElement.blur(); return true").await;
    let wide = app.driver.get_window_rect().await.unwrap();
    app.driver.set_window_rect(0, 0, 900, 760).await.unwrap();
    app.wait_for_js("return getComputedStyle(document.querySelector('.reader-timeline-dock')).display === 'none'", "the dock hidden").await;
    // Listed again while hidden (as told, then by date): built from the top, unmeasured.
    app.js("const o = document.querySelector('.timeline-order'); o.click(); o.click(); return true").await;
    app.driver.set_window_rect(0, 0, wide.width.try_into().unwrap(), wide.height.try_into().unwrap()).await.unwrap();
    app.wait_for_js(
        &format!(
            "const d = {dock}, v = d.getBoundingClientRect();
             if (d.clientHeight < 200 || d.scrollTop < 1000) return false;
             const hits = [];
             for (let y = v.top + 5; y < v.bottom; y += 20) hits.push(document.elementFromPoint(v.left + 70, y));
             return hits.every(e => e && !e.closest('.timeline-spacer')) && hits.some(e => e?.closest('.timeline-event'));"
        ),
        "the dock shown again, its rows in view built",
    )
    .await;
    app.screenshot("55-long-article-dock-wide-again").await;
    app.quit().await;
}
