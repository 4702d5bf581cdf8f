//! Books and saved images travel with their article: the other device gets
//! the book's contents and details and every image, each checked on arrival.

use sidenote_fuzz_checks::epub_builder::{sample_book, Chapter};

use super::*;
use crate::import::{load_bytes, Format};
use crate::model::{Article, Outcome};

const MAP: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#8ab"/><circle cx="10" cy="10" r="6"/></svg>"##;

fn import_book(lib: &mut Library) -> Article {
    let book = sample_book(3)
        .chapter(Chapter::new(
            "text/chapter4.xhtml",
            "Chapter Four: Charts",
            "<h1>Chapter Four: Charts</h1>\n<p>The new wall was drawn on a chart in 1854.</p>\n<figure><img src=\"../images/chart.svg\" alt=\"The chart\"/></figure>",
        ))
        .resource("images/chart.svg", "image/svg+xml", MAP.as_bytes().to_vec());
    match lib.import_loaded(load_bytes("salt.epub", book.build(), Format::Epub).unwrap()).unwrap() {
        Outcome::Imported(a) => *a,
        Outcome::Duplicate(d) => panic!("duplicate of {}", d.id),
    }
}

fn image_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for device in std::fs::read_dir(folder).unwrap().flatten() {
        if let Ok(files) = std::fs::read_dir(device.path().join("images")) {
            out.extend(files.flatten().map(|f| f.path()).filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.')));
        }
    }
    out.sort();
    out
}

#[test]
fn a_book_arrives_with_its_contents_details_and_every_image() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "desk");
    let mut b = device(folder.path(), "laptop");
    let book = import_book(&mut a);
    let stored = a.sync_body(&book.summary.id).unwrap().unwrap().attachments;
    assert_eq!(stored.images.len(), 2, "the gull (PNG) and the chart (SVG)");

    sync_all(&mut [&mut a, &mut b]);
    let there = b.article(&book.summary.id).unwrap();
    assert_eq!(there.summary.source_kind, SourceKind::Epub);
    assert_eq!(there.toc, book.toc);
    assert_eq!(there.book, book.book);
    // Each picture keeps its saved form (the sanitizer on arrival keeps it).
    let saved = |html: &str| html.match_indices("data-image=\"").map(|(i, m)| html[i + m.len()..][..64].to_owned()).collect::<Vec<_>>();
    assert_eq!(saved(&there.html), saved(&book.html));
    assert_eq!(saved(&there.html).len(), 2);
    for image in &stored.images {
        let got = b.image(&image.hash).unwrap().unwrap_or_else(|| panic!("image {} missing on the laptop", image.hash));
        assert_eq!((got.mime.as_str(), got.bytes.as_slice()), (image.mime, image.bytes.as_slice()));
    }
    assert_eq!(image_files(folder.path()).len(), 2, "each image written once");
}

#[test]
fn a_body_waits_for_an_image_still_arriving_and_refuses_one_that_is_not_what_its_name_says() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "desk");
    let book = import_book(&mut a);
    round(&mut a).unwrap();
    let files = image_files(folder.path());
    let whole: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();

    // Half of one image has arrived: the book waits, nothing of it is shown.
    std::fs::write(&files[0], &whole[0][..whole[0].len() / 2]).unwrap();
    let mut b = device(folder.path(), "laptop");
    let report = round(&mut b).unwrap();
    assert!(report.waiting > 0, "{report:?}");
    assert!(b.article(&book.summary.id).is_err(), "a book without its image was shown");

    // The rest arrives: the next round brings the book.
    std::fs::write(&files[0], &whole[0]).unwrap();
    round(&mut b).unwrap();
    assert_eq!(b.article(&book.summary.id).unwrap().toc, book.toc);

    // A third device finds a drawing under the chart's name that the
    // importer would not keep as it is (a script in it): refused, with the reason.
    let svg = files.iter().position(|f| std::fs::read(f).unwrap().starts_with(b"<svg")).expect("the chart's file");
    let hostile = MAP.replace("<circle", "<script>alert(1)</script><circle");
    std::fs::write(&files[svg], &hostile).unwrap();
    let mut c = device(folder.path(), "phone");
    let report = round(&mut c).unwrap();
    assert!(c.article(&book.summary.id).is_err());
    assert!(report.waiting > 0, "{report:?}");
}
