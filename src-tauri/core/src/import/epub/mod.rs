//! EPUB 2 and 3 books to articles: the book becomes one article whose
//! chapters are sections of its text, with a table of contents of offsets.
//!
//! - Reading order is the spine's: its linear items, then the non-linear
//!   ones (notes, answers, pages a link leads to) after the main text, so
//!   that links into them still land somewhere.
//! - Chapter titles come from the EPUB 3 navigation document, else the EPUB 2
//!   NCX, else each document's first heading.
//! - Every document goes through the same sanitizer and layout as a web page;
//!   ids and links inside the book survive as anchors and internal links that
//!   point at text offsets (`data-to`), unique within the article whatever
//!   ids the documents repeat.
//! - Images of the package are stored in the library (content-addressed);
//!   SVG is rewritten by an allowlist, MathML becomes its text.
//! - A book is refused, with nothing stored, when it is not a zip, has no
//!   container or package, its spine names missing files, its content is
//!   encrypted (DRM; font obfuscation is not DRM and is fine), its zip holds
//!   names outside the book or is a zip bomb, or it has no text at all (an
//!   image-only comic is refused with that reason rather than stored as an
//!   article nobody can highlight).

mod archive;
pub mod content;
mod encryption;
pub(crate) mod package;
mod toc;

use std::collections::HashMap;

use archive::Archive;
pub use archive::ArchiveLimits;
use content::{Book, ImageRequest, IMAGE_PREFIX};

use super::images::{self, ImageData, ImgTag};
use super::layout::layout_book;
use super::sanitize::sanitize;
use super::{Attachments, Loaded};
use crate::error::{Error, FormatDetail, Result};
use crate::model::{Extracted, SourceKind, TocEntry};

/// The largest book file accepted, in bytes (books carry their images).
pub const MAX_EPUB_BYTES: u64 = 200 * 1024 * 1024;
/// Images kept from one book, and their total size.
const MAX_IMAGES: usize = 3_000;
const MAX_IMAGE_BYTES: u64 = 300 * 1024 * 1024;

/// Reads a book. `what` names it in messages.
pub fn load_epub(what: &str, bytes: Vec<u8>) -> Result<Loaded> {
    load_epub_with(what, bytes, &ArchiveLimits::default())
}

pub fn load_epub_with(what: &str, bytes: Vec<u8>, limits: &ArchiveLimits) -> Result<Loaded> {
    if bytes.len() as u64 > MAX_EPUB_BYTES {
        return Err(Error::TooLarge { what: what.into(), size: bytes.len() as u64, limit: MAX_EPUB_BYTES });
    }
    let mut archive = Archive::open(what, bytes, limits)?;
    let package = package::read_package(&mut archive, what)?;
    if let Some(xml) = archive.read("META-INF/encryption.xml")? {
        encryption::check(&xml, &package, what)?;
    }
    // The spine in reading order: linear items, then the others.
    let mut order: Vec<(&package::SpineRef, &package::Item)> = Vec::new();
    for linear in [true, false] {
        for r in package.spine.iter().filter(|r| r.linear == linear) {
            let item = package.manifest.get(&r.idref).ok_or_else(|| Error::Unreadable {
                path: what.into(),
                reason: format!("the book's spine names \"{}\", which its manifest does not list; it was not imported", r.idref),
            })?;
            order.push((r, readable(item, &package.manifest)));
        }
    }
    if order.is_empty() {
        return Err(Error::Unreadable { path: what.into(), reason: "the book's spine is empty: it has no pages to read".into() });
    }
    for (_, item) in &order {
        if !archive.contains(&item.path) {
            return Err(Error::Unreadable {
                path: what.into(),
                reason: format!("the book's spine names {}, which is not in the book; it was not imported", item.path),
            });
        }
    }
    let mut book = Book::default();
    book.documents.extend(order.iter().filter(|(_, i)| is_document(&i.media_type)).map(|(_, i)| i.path.clone()));
    let mut html = String::new();
    let mut first_headings: Vec<(String, Option<String>)> = Vec::new();
    let mut image_pages = 0usize;
    let mut seen = std::collections::HashSet::new();
    for (_, item) in &order {
        if !seen.insert(item.path.clone()) {
            continue;
        }
        let bytes = archive.read(&item.path)?.unwrap_or_default();
        let converted = if is_document(&item.media_type) {
            content::convert(&package::xml_text(&bytes), &item.path, &mut book)
        } else if item.media_type == "image/svg+xml" {
            // An SVG page: converted as a document holding that drawing.
            let svg = package::xml_text(&bytes);
            let start = svg.find("<svg").unwrap_or(0);
            content::convert(&format!("<html><body>{}</body></html>", &svg[start..]), &item.path, &mut book)
        } else if item.media_type.starts_with("image/") {
            image_pages += 1;
            let page = format!("<html><body><p><img src=\"{}\"/></p></body></html>", item.path.rsplit('/').next().unwrap_or(""));
            content::convert(&page, &item.path, &mut book)
        } else {
            continue;
        };
        first_headings.push((item.path.clone(), converted.first_heading));
        html.push_str(&converted.html);
    }
    let (text, laid_out, placed) = layout_book(&sanitize(&html, None));
    if text.trim().is_empty() {
        let pages = order.len();
        let reason = if book.images.is_empty() && image_pages == 0 {
            "the book has no text to read".to_owned()
        } else {
            format!(
                "the book has no text to read: its {pages} pages are pictures (a comic or a scanned book); Sidenote reads books with text"
            )
        };
        return Err(Error::NoArticle { what: what.into(), reason });
    }
    // Where each anchor landed; an id that left no trace points at its file's start.
    let landed: HashMap<u32, usize> = placed.into_iter().collect();
    let keys = book.anchor_keys();
    let file_start: HashMap<&str, usize> =
        keys.iter().filter(|(_, _, id)| id.is_empty()).filter_map(|(n, f, _)| landed.get(n).map(|o| (*f, *o))).collect();
    let offset_of: HashMap<u32, usize> =
        keys.iter().filter_map(|(n, f, _)| landed.get(n).or_else(|| file_start.get(f)).map(|o| (*n, *o))).collect();
    let laid_out = point_links(&laid_out, &offset_of);
    let (laid_out, stored_images) = store_images(&laid_out, &book.images, &mut archive, &package)?;
    // The contents: the book's own, else each document's first heading.
    let anchor_of = |path: &str, fragment: &str| -> Option<u32> {
        keys.iter().find(|(_, f, id)| *f == path && *id == fragment).and_then(|(n, _, _)| offset_of.get(n)).map(|o| *o as u32)
    };
    let mut points = Vec::new();
    if let Some(nav) = package.nav.clone() {
        if let Some(bytes) = archive.read(&nav)? {
            points = toc::from_nav(&bytes, &nav);
        }
    }
    if points.is_empty() {
        if let Some(ncx) = package.ncx.clone() {
            if let Some(bytes) = archive.read(&ncx)? {
                points = toc::from_ncx(&bytes, &ncx, what).unwrap_or_default();
            }
        }
    }
    let mut toc: Vec<TocEntry> = points
        .iter()
        .filter_map(|p| {
            let path = p.path.as_deref()?;
            let start = p.fragment.as_deref().and_then(|f| anchor_of(path, f)).or_else(|| anchor_of(path, ""))?;
            let title = if p.title.is_empty() { first_headings.iter().find(|(f, _)| f == path)?.1.clone()? } else { p.title.clone() };
            Some(TocEntry { title, level: p.level, start })
        })
        .collect();
    if toc.is_empty() {
        toc = first_headings
            .iter()
            .filter_map(|(path, heading)| Some(TocEntry { title: heading.clone()?, level: 1, start: anchor_of(path, "")? }))
            .collect();
    }
    let meta = package.metadata;
    let details = meta.details;
    let lang = meta.language.clone();
    let rtl = book.rtl_votes > 0 || (book.rtl_votes == 0 && lang.as_deref().is_some_and(rtl_language));
    let title = meta
        .title
        .or_else(|| first_headings.iter().find_map(|(_, h)| h.clone()))
        .unwrap_or_else(|| what.rsplit('/').next().unwrap_or(what).trim_end_matches(".epub").to_owned());
    let extracted = Extracted {
        title,
        byline: details.byline(),
        site: details.publisher.clone(),
        published: meta.date.as_deref().and_then(super::parse_date),
        lang,
        dir: Some(if rtl { "rtl" } else { "ltr" }.to_owned()),
        text,
        html: laid_out,
        // A book is taken whole: the web page clean-up leaves nothing out of it.
        removed: Vec::new(),
    };
    Ok(Loaded {
        extracted,
        kind: SourceKind::Epub,
        source_url: None,
        raw: Vec::new(),
        encoding: "UTF-8".into(),
        attachments: Attachments { toc, book: Some(details), images: stored_images },
    })
}

/// The item itself, or the first in its fallback chain that can be read.
fn readable<'a>(item: &'a package::Item, manifest: &'a HashMap<String, package::Item>) -> &'a package::Item {
    let mut current = item;
    for _ in 0..8 {
        if is_document(&current.media_type) || current.media_type.starts_with("image/") {
            return current;
        }
        match current.fallback.as_ref().and_then(|f| manifest.get(f)) {
            Some(next) => current = next,
            None => break,
        }
    }
    item
}

fn is_document(media_type: &str) -> bool {
    matches!(media_type, "application/xhtml+xml" | "text/html" | "application/xml" | "text/x-oeb1-document" | "application/x-dtbook+xml")
}

/// Languages written right to left.
fn rtl_language(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb" | "syr")
}

/// `<a data-to="N">` (anchor N) becomes `<a data-to="OFFSET">`; a link to an
/// anchor that has no place loses its target.
fn point_links(html: &str, offsets: &HashMap<u32, usize>) -> String {
    const OPEN: &str = "<a data-to=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let end = after.find('"').unwrap_or(0);
        match after[..end].parse::<u32>().ok().and_then(|n| offsets.get(&n)) {
            Some(offset) => out.push_str(&format!("{OPEN}{offset}\"")),
            None => out.push_str("<a"),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Reads the numbered images from the book and writes their stored form.
fn store_images(
    html: &str,
    requests: &[ImageRequest],
    archive: &mut Archive,
    package: &package::Package,
) -> Result<(String, Vec<ImageData>)> {
    let types: HashMap<&str, &str> = package.manifest.values().map(|i| (i.path.as_str(), i.media_type.as_str())).collect();
    let mut made: Vec<Option<std::result::Result<ImageData, &'static str>>> = vec![None; requests.len()];
    let mut total = 0u64;
    let mut kept: Vec<ImageData> = Vec::new();
    let mut get = |n: usize, archive: &mut Archive| -> Result<std::result::Result<ImageData, &'static str>> {
        if let Some(done) = &made[n] {
            return Ok(done.clone());
        }
        let result = match &requests[n] {
            ImageRequest::Made(image) => Ok(image.clone()),
            ImageRequest::File(path) => match archive.read(path)? {
                None => Err("the image is missing from the book"),
                Some(bytes) => read_image(bytes, path, types.get(path.as_str()).copied()),
            },
        };
        let result = result.and_then(|image| {
            total += image.bytes.len() as u64;
            if kept.len() >= MAX_IMAGES || total > MAX_IMAGE_BYTES {
                Err("the book holds more images than Sidenote keeps for one book")
            } else {
                if !kept.iter().any(|k| k.hash == image.hash) {
                    kept.push(image.clone());
                }
                Ok(image)
            }
        });
        made[n] = Some(result.clone());
        Ok(result)
    };
    let mut failure = None;
    let out = images::rewrite(html, |tag| {
        let n: usize = tag.get("src")?.strip_prefix(IMAGE_PREFIX)?.parse().ok()?;
        if n >= requests.len() {
            return Some(String::new());
        }
        match get(n, archive) {
            Ok(Ok(image)) => Some(ImgTag::saved(&image, tag.get("alt"), tag.get("title"), None)),
            Ok(Err(reason)) => Some(ImgTag::failed(None, reason, tag.get("alt"), tag.get("title"))),
            Err(e) => {
                failure.get_or_insert(e);
                Some(String::new())
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    Ok((out, kept))
}

/// A book's image file as a stored image: raster types as they are, SVG rewritten.
fn read_image(bytes: Vec<u8>, path: &str, media_type: Option<&str>) -> std::result::Result<ImageData, &'static str> {
    let looks_svg = media_type == Some("image/svg+xml") || path.to_ascii_lowercase().ends_with(".svg");
    if looks_svg {
        return super::svg::stored(&bytes, Some(path.to_owned()));
    }
    ImageData::from_bytes(bytes, Some(path.to_owned())).ok_or("the image is of a type Sidenote does not show")
}

/// What a refused encrypted book is found to be.
pub(crate) fn drm_refusal(what: &str) -> Error {
    Error::Unsupported {
        what: what.into(),
        detail: FormatDetail::detected("DRM-protected EPUB", "this book is protected by DRM and cannot be imported"),
    }
}

#[cfg(test)]
mod tests;
