//! Saving images against the test site on 127.0.0.1 (never the internet).

use std::time::Duration;

use sidenote_fuzz_checks::epub_builder::image_site::{ImageSite, CAPTION, MANY};

use super::*;
use crate::import::{contract_violation, fetch_url_blocking, FetchLimits};
use crate::model::Outcome;
use crate::store::Library;

/// The defaults, with a timeout shorter than the slow image's wait.
fn limits() -> ImageLimits {
    ImageLimits { timeout: Duration::from_secs(1), ..ImageLimits::default() }
}

fn page(site: &ImageSite, path: &str) -> Loaded {
    fetch_url_blocking(&site.url(path), &FetchLimits::default()).unwrap().load().unwrap()
}

#[test]
fn each_kind_of_picture_is_saved_or_explained() {
    let site = ImageSite::start();
    let mut loaded = page(&site, "/article");
    let text_before = loaded.extracted.text.clone();
    save_web_images_blocking(&mut loaded, &limits());
    let html = loaded.extracted.html.clone();
    assert_eq!(loaded.extracted.text, text_before, "the text does not change");
    assert_eq!(contract_violation(&loaded.extracted.text, &html), None);
    let tags = images::img_tags(&html);
    let alt = |a: &str| tags.iter().find(|t| t.get("alt") == Some(a)).unwrap_or_else(|| panic!("no image {a:?} in {html}"));
    let saved = |a: &str| {
        let t = alt(a);
        let hash = t.get("data-image").unwrap_or_else(|| panic!("{a:?} not saved: {:?}", t.get("data-failed")));
        let image = loaded.attachments.images.iter().find(|i| i.hash == hash).expect("stored with the article");
        assert_eq!(t.get("width"), Some(image.width.to_string().as_str()));
        assert_eq!(t.get("src"), None, "nothing is fetched when reading");
        image.clone()
    };
    let failed = |a: &str| alt(a).get("data-failed").unwrap_or_else(|| panic!("{a:?} was saved")).to_owned();

    let plain = saved("The harbour wall at low tide");
    assert_eq!((plain.mime, plain.width, plain.height), ("image/png", 320, 200));
    assert_eq!(alt("The harbour wall at low tide").get("data-remote"), Some(site.url("/img/plain.png").as_str()));
    let lazy = saved("The lamp room at night");
    assert_eq!((lazy.width, lazy.height), (240, 160), "the data-src image, not the placeholder pixel");
    let wide = saved("The pier from the hill");
    assert_eq!((wide.width, wide.height), (800, 200), "the widest srcset candidate");
    let chart = saved("Catch by year");
    assert_eq!((chart.mime, chart.width, chart.height), ("image/svg+xml", 120, 60));
    let svg = String::from_utf8(chart.bytes.clone()).unwrap();
    assert!(!svg.contains("script") && !svg.contains("onload") && !svg.contains("alert"), "{svg}");
    assert!(svg.contains("<rect"), "{svg}");

    assert!(failed("The full panorama").contains("larger than 10 MB"), "{}", failed("The full panorama"));
    assert!(failed("The mason at work").contains("did not send an image"));
    assert_eq!(failed("The opening day"), "the server did not send it within 1 second");
    assert_eq!(tags.len(), 7, "{html}");
    assert_eq!(loaded.attachments.images.len(), 4);

    let requested = site.requested();
    assert!(!requested.iter().any(|p| p == "/img/small.png"), "only the chosen srcset candidate is fetched: {requested:?}");
    assert_eq!(requested.iter().filter(|p| *p == "/img/plain.png").count(), 1, "each image once");
    // Captions stay captions.
    assert!(html.contains("<figcaption"), "{html}");
    assert!(loaded.extracted.text.contains(CAPTION));

    // Stored with the article and served from the library.
    let mut lib = Library::open_in_memory().unwrap();
    let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("duplicate") };
    let read = lib.article(&article.summary.id).unwrap();
    assert_eq!(read.html, html);
    // The captions' dates (1923, 1930) are not events; the prose's are.
    lib.refresh_events(&article.summary.id).unwrap();
    let years: Vec<String> = lib.events(&article.summary.id).unwrap().into_iter().map(|e| e.value[..4].to_owned()).collect();
    assert!(years.contains(&"1921".to_owned()) && years.contains(&"1968".to_owned()), "{years:?}");
    assert!(!years.iter().any(|y| y == "1923" || y == "1930"), "caption dates became events: {years:?}");
    // Read again with another encoding, the saved images stay saved.
    let again = lib.redecode(&article.summary.id, "windows-1252").unwrap().article.html;
    assert_eq!(again.matches("data-image=").count(), 4, "{again}");
    assert_eq!(again.matches("data-failed=\"it was not saved with the article\"").count(), 3, "{again}");
    assert!(!again.contains(" src="), "{again}");
    for image in [&plain, &lazy, &wide, &chart] {
        let stored = lib.image(&image.hash).unwrap().expect("in the library");
        assert_eq!((stored.mime.as_str(), stored.bytes.len()), (image.mime, image.bytes.len()));
    }
}

#[test]
fn exports_copy_or_link_the_pictures_their_highlights_hold() {
    use crate::export::images::ExportImages;
    use crate::export::{collect_with, output::write_export, ExportFormat};
    use crate::highlight::NewHighlight;

    let site = ImageSite::start();
    let mut loaded = page(&site, "/article");
    save_web_images_blocking(&mut loaded, &limits());
    let mut lib = Library::open_in_memory().unwrap();
    let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("duplicate") };
    let id = article.summary.id.clone();
    let at = |needle: &str| article.text[..article.text.find(needle).unwrap()].chars().count() as u32;
    // One highlight in the caption of the first figure, one in prose with no picture.
    let caption = at(CAPTION);
    lib.create_highlight(&NewHighlight {
        article_id: id.clone(),
        start: caption + 4,
        end: caption + 12,
        color: Default::default(),
        note: String::new(),
        tags: vec![],
    })
    .unwrap();
    let prose = at("Visitors still walk");
    lib.create_highlight(&NewHighlight {
        article_id: id.clone(),
        start: prose,
        end: prose + 14,
        color: Default::default(),
        note: String::new(),
        tags: vec![],
    })
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let notes = collect_with(&mut lib, std::slice::from_ref(&id), ExportImages::Copy).unwrap();
    assert_eq!(notes[0].images.len(), 1, "only the figure's picture goes with a highlight");
    let md = dir.path().join("wall.md");
    let written = write_export(&notes, ExportFormat::Md, &md).unwrap();
    let text = std::fs::read_to_string(&md).unwrap();
    let name = notes[0].images[0].file.as_ref().unwrap().0.clone();
    assert!(name.ends_with(".png"), "{name}");
    assert!(text.contains(&format!("> ![The harbour wall at low tide](<images/{name}>)")), "{text}");
    let copied = dir.path().join("images").join(&name);
    assert_eq!(written, [md.clone(), copied.clone()]);
    assert_eq!(crate::import::images::sniff(&std::fs::read(&copied).unwrap()), Some(("image/png", 320, 200)));
    let html_file = dir.path().join("wall.html");
    write_export(&notes, ExportFormat::Html, &html_file).unwrap();
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert!(
        html.contains(&format!("<img src=\"images/{name}\" alt=\"The harbour wall at low tide\" width=\"320\" height=\"200\"")),
        "{html}"
    );

    let linked = collect_with(&mut lib, std::slice::from_ref(&id), ExportImages::Link).unwrap();
    let md = crate::export::render(&linked, ExportFormat::Md).unwrap();
    assert!(md.contains(&format!("![The harbour wall at low tide](<{}>)", site.url("/img/plain.png"))), "{md}");
    assert!(linked[0].images.iter().all(|i| i.file.is_none()));
    // The W3C export is unchanged by pictures.
    let without: Vec<_> = linked
        .iter()
        .cloned()
        .map(|mut n| {
            n.images.clear();
            n
        })
        .collect();
    for format in [ExportFormat::Json, ExportFormat::Csv, ExportFormat::TimelineJson] {
        let plain = crate::export::render(&without, format).unwrap();
        assert_eq!(crate::export::render(&linked, format).unwrap(), plain, "{format:?}");
        assert_eq!(crate::export::render(&notes, format).unwrap(), plain, "{format:?}");
    }
}

#[test]
fn an_article_saves_at_most_its_share_of_images() {
    let site = ImageSite::start();
    let mut loaded = page(&site, "/many");
    let limits = ImageLimits { max_images: 50, ..limits() };
    save_web_images_blocking(&mut loaded, &limits);
    let tags = images::img_tags(&loaded.extracted.html);
    assert_eq!(tags.len(), MANY);
    let saved = tags.iter().filter(|t| t.get("data-image").is_some()).count();
    assert_eq!(saved, 50);
    assert_eq!(loaded.attachments.images.len(), 50);
    let over: Vec<_> = tags.iter().filter_map(|t| t.get("data-failed")).collect();
    assert_eq!(over.len(), MANY - 50);
    assert!(over.iter().all(|r| *r == "only the first 50 images of an article are saved"), "{over:?}");
    assert_eq!(site.requested().iter().filter(|p| p.starts_with("/img/")).count(), 50, "the rest are not fetched");

    // The article's total is a limit too.
    let mut loaded = page(&site, "/many");
    let small = ImageLimits { max_article_bytes: 2000, ..limits };
    save_web_images_blocking(&mut loaded, &small);
    let tags = images::img_tags(&loaded.extracted.html);
    let total: usize = loaded.attachments.images.iter().map(|i| i.bytes.len()).sum();
    assert!(total <= 2000, "{total}");
    assert!(tags.iter().any(|t| t.get("data-failed").is_some_and(|r| r.contains("together are larger than"))));
}

#[test]
fn only_web_addresses_are_fetched_one_at_a_time_on_request() {
    let site = ImageSite::start();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let got = runtime.block_on(fetch_one_image(&site.url("/img/lazy.png"), &limits())).unwrap();
    assert_eq!((got.width, got.height), (240, 160));
    let refused = runtime.block_on(fetch_one_image("file:///etc/passwd", &limits())).unwrap_err();
    assert!(refused.contains("only images at http and https"), "{refused}");
    let missing = runtime.block_on(fetch_one_image(&site.url("/img/nothing.png"), &limits())).unwrap_err();
    assert_eq!(missing, "the server answered 404 Not Found");
}
