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
