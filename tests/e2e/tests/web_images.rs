//! A web article's images in the real app, offline: imported from the test
//! site on 127.0.0.1 with the CLI, then read with the site gone. Every saved
//! image is drawn from the library; the rest are quiet placeholders with their
//! alt text and reason; "Load from <site>" (the site back) fetches one image
//! once, stores it, and shows it from the library.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{cli, App};
use sidenote_epub_builder::image_site::{ImageSite, CAPTION};

#[tokio::test(flavor = "multi_thread")]
async fn saved_images_show_offline_and_the_rest_are_placeholders() {
    let site = ImageSite::start();
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    cli(&library, &["import", &site.url("/article"), "--image-timeout", "1"]);
    site.set_offline(true);
    let fetched_at_import = site.requested().len();

    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 1", "the article in the library").await;
    app.js(
        "Array.from(document.querySelectorAll('.library-table tbody tr .row-title')).find(t => t.textContent.includes('The Harbour Wall')).click(); return true",
    )
    .await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
    // Bring every picture into view once, so lazy images load.
    app.js("const s = document.querySelector('.reader-scroll'); s.scrollTop = s.scrollHeight; return true").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.js("document.querySelector('.reader-scroll').scrollTop = 0; return true").await;
    app.wait_for_js(
        "const imgs = Array.from(document.querySelectorAll('#article-body img'));
         return imgs.length === 4 && imgs.every(i => i.src.includes('sidenote-img') && i.complete && i.naturalWidth > 0)",
        "the four saved images drawn from the library",
    )
    .await;
    let sizes = app.js("return Array.from(document.querySelectorAll('#article-body img')).map(i => i.alt + ' ' + i.naturalWidth + 'x' + i.naturalHeight)").await;
    let sizes: Vec<String> = serde_json::from_value(sizes).unwrap();
    assert_eq!(
        sizes,
        [
            "The harbour wall at low tide 320x200",
            "The lamp room at night 240x160",
            "The pier from the hill 800x200",
            "Catch by year 120x60"
        ]
    );
    assert_eq!(app.text("#article-body figcaption").await, CAPTION);
    let placeholders = app.js("return Array.from(document.querySelectorAll('#article-body .image-missing')).map(p => p.textContent)").await;
    let placeholders: Vec<String> = serde_json::from_value(placeholders).unwrap();
    assert_eq!(placeholders.len(), 3, "{placeholders:?}");
    assert!(placeholders[0].starts_with("The full panorama") && placeholders[0].contains("larger than 10 MB"), "{placeholders:?}");
    assert!(placeholders[1].contains("The mason at work") && placeholders[1].contains("did not send an image"), "{placeholders:?}");
    assert!(placeholders[2].contains("The opening day") && placeholders[2].contains("within 1 second"), "{placeholders:?}");
    assert!(placeholders.iter().all(|p| p.ends_with("Load from 127.0.0.1")), "{placeholders:?}");
    assert_eq!(site.requested().len(), fetched_at_import, "reading fetched nothing: {:?}", site.requested());
    let remote = app.js("return performance.getEntriesByType('resource').filter(e => e.name.includes('127.0.0.1')).length").await;
    assert_eq!(remote, 0, "nothing is fetched from the web");
    app.screenshot("web-images-01-saved").await;

    app.js(
        "const p = Array.from(document.querySelectorAll('#article-body .image-missing'))[0]; p.scrollIntoView({ block: 'center' }); return true",
    )
    .await;
    app.screenshot("web-images-02-placeholders").await;

    // Back online, "Load from 127.0.0.1" on the opening day: fetched once by
    // the app (it takes the slow server's seconds), stored, shown from the library.
    site.set_offline(false);
    app.js(
        "Array.from(document.querySelectorAll('#article-body .image-missing')).find(p => p.textContent.includes('The opening day')).querySelector('.image-load').click(); return true",
    )
    .await;
    app.wait_for_js(
        "const img = Array.from(document.querySelectorAll('#article-body img')).find(i => i.alt === 'The opening day');
         return !!img && img.src.includes('sidenote-img') && img.complete && img.naturalWidth === 30",
        "the loaded image from the library",
    )
    .await;
    assert_eq!(site.requested().iter().filter(|p| *p == "/img/slow.png").count(), 2, "once at import, once on request");
    app.screenshot("web-images-03-loaded").await;

    // The Export dialog offers the pictures' choice for Markdown and HTML only.
    app.js("document.querySelector('.export-notes').click(); return true").await;
    app.wait_for_js(
        "return !!document.getElementById('export-images') && !document.getElementById('export-images').closest('label').hidden",
        "the Pictures choice",
    )
    .await;
    app.screenshot("web-images-04-export-dialog").await;
    app.js("const s = document.getElementById('export-format'); s.value = 'csv'; s.dispatchEvent(new Event('change')); return null").await;
    assert_eq!(app.js("return document.getElementById('export-images').closest('label').hidden").await, true, "no pictures in CSV");
    app.driver.action_chain().send_keys(thirtyfour::Key::Escape).perform().await.unwrap();

    // Stored: after a restart, with the site gone again, it is still there.
    site.set_offline(true);
    app.quit().await;
    let app = App::launch(&library).await;
    if app.js("return document.documentElement.dataset.view").await != "reader" {
        app.js(
            "Array.from(document.querySelectorAll('.library-table tbody tr .row-title')).find(t => t.textContent.includes('The Harbour Wall')).click(); return true",
        )
        .await;
    }
    app.wait_for_js(
        "const imgs = Array.from(document.querySelectorAll('#article-body img'));
         return imgs.length === 5 && document.querySelectorAll('#article-body .image-missing').length === 2",
        "five saved images and two placeholders after a restart",
    )
    .await;
    app.quit().await;
}
