//! Turning files, pasted text and pages into articles.
//!
//! Every importer ends in the same pair the library stores: normalized plain
//! text and sanitized HTML whose blocks carry their text offsets (`blocks`).

mod bio;
pub mod blocks;
mod boilerplate;
mod clutter;
mod clutter_words;
mod dateline;
mod decode;
pub mod epub;
mod fetch;
mod folder;
mod hidden;
mod html;
pub mod images;
mod layout;
mod mathml;
pub mod published;
mod redecode;
mod region;
mod responsive;
mod restore;
mod sanitize;
mod svg;
mod text;
mod web_images;

use std::path::Path;

pub use fetch::{fetch_url, fetch_url_blocking, parse_web_address, FetchLimits, Fetched, USER_AGENT};
pub use folder::expand_paths;
pub use hidden::{paragraph_ranges, HiddenRange};
pub use html::{parse_date, MAX_REMOVED_BLOCKS, MAX_REMOVED_CHARS};
pub use layout::contract_violation;
pub use redecode::{read_again, SourceInfo};
pub use restore::{splice_block, TextEdit};
pub use sanitize::{sanitize, sanitize_laid_out};
pub use web_images::{fetch_images_in, fetch_one_image, save_web_images, save_web_images_blocking, FetchedImages, ImageLimits};

use crate::error::{Error, FormatDetail, Result};
use crate::model::{BookDetails, Extracted, SourceKind, TocEntry};
use images::ImageData;

/// The largest source accepted, in bytes.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Epub,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "epub" => Some(Format::Epub),
            _ => None,
        }
    }

    pub fn source_kind(self) -> SourceKind {
        match self {
            Format::Text => SourceKind::Text,
            Format::Markdown => SourceKind::Markdown,
            Format::Html => SourceKind::Html,
            Format::Epub => SourceKind::Epub,
        }
    }
}

/// Image bytes from outside (another device's sync folder) as an import
/// keeps them: a raster type as it is, anything else as an SVG drawing
/// rewritten by the importer's allowlist (so its hash may change).
pub fn checked_image(bytes: Vec<u8>, source: Option<String>) -> std::result::Result<images::ImageData, &'static str> {
    if images::sniff(&bytes).is_some() {
        return images::ImageData::from_bytes(bytes, source).ok_or("the image could not be read");
    }
    svg::stored(&bytes, source)
}

/// What an import brings besides its text: a book's table of contents and
/// details, and the images to store with the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachments {
    pub toc: Vec<TocEntry>,
    pub book: Option<BookDetails>,
    pub images: Vec<ImageData>,
}

/// A source read and extracted, not yet stored.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub extracted: Extracted,
    pub kind: SourceKind,
    pub source_url: Option<String>,
    pub raw: Vec<u8>,
    pub encoding: String,
    pub attachments: Attachments,
}

/// Reads and extracts a file, refusing what it cannot import with a message
/// that says why.
pub fn load_file(path: &Path) -> Result<Loaded> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::Unreadable { path: shown.clone(), reason: e.to_string() })?;
    if meta.is_dir() {
        return Err(Error::Unsupported { what: shown, detail: FormatDetail::detected("folder", "it is a folder, not a file") });
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let limit = if Format::from_extension(ext) == Some(Format::Epub) { epub::MAX_EPUB_BYTES } else { MAX_BYTES };
    if meta.len() > limit {
        return Err(Error::TooLarge { what: shown, size: meta.len(), limit });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Unreadable { path: shown.clone(), reason: e.to_string() })?;
    let format = match Format::from_extension(ext) {
        Some(f) => f,
        None if ext.is_empty() => sniff(&bytes).ok_or_else(|| unsupported(&shown, &bytes, ext))?,
        None => return Err(unsupported(&shown, &bytes, ext)),
    };
    load_bytes(&shown, bytes, format)
}

/// Extracts an article from bytes already in memory (`what` names the source in messages).
pub fn load_bytes(what: &str, bytes: Vec<u8>, format: Format) -> Result<Loaded> {
    load_source(Source { what, bytes, format, url: None, http_charset: None })
}

/// Bytes and what is known about them.
pub struct Source<'a> {
    /// Names the source in messages.
    pub what: &'a str,
    pub bytes: Vec<u8>,
    pub format: Format,
    /// The address the bytes came from (resolves links, hints the encoding).
    pub url: Option<&'a str>,
    pub http_charset: Option<&'a str>,
}

pub fn load_source(source: Source<'_>) -> Result<Loaded> {
    let Source { what, bytes, format, url, http_charset } = source;
    if format == Format::Epub || (binary_kind(&bytes) == Some(EPUB_KIND)) {
        let mut loaded = epub::load_epub(what, bytes)?;
        loaded.source_url = url.map(str::to_owned);
        return Ok(loaded);
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Error::TooLarge { what: what.into(), size: bytes.len() as u64, limit: MAX_BYTES });
    }
    if let Some(kind) = binary_kind(&bytes) {
        return Err(Error::Unsupported { what: what.into(), detail: binary_refusal(kind) });
    }
    let hints = decode::Hints { is_html: format == Format::Html, http_charset, url };
    let (decoded, encoding) = decode::decode(&bytes, hints).map_err(|reason| Error::Unreadable { path: what.into(), reason })?;
    if decoded.trim().is_empty() {
        return Err(Error::Empty { what: what.into() });
    }
    let extracted = extract_with_url(&decoded, format, url, what)?;
    Ok(Loaded {
        extracted,
        kind: format.source_kind(),
        source_url: url.map(str::to_owned),
        raw: bytes,
        encoding,
        attachments: Attachments::default(),
    })
}

/// Extracts pasted plain text.
pub fn load_pasted(text: &str) -> Result<Loaded> {
    let mut loaded = load_bytes("the pasted text", text.as_bytes().to_vec(), Format::Text)?;
    loaded.kind = SourceKind::Paste;
    Ok(loaded)
}

/// Extracts a paste: the clipboard's HTML when present (and holding text), else its text.
pub fn load_pasted_rich(html: Option<&str>, text: &str) -> Result<Loaded> {
    if let Some(html) = html.filter(|h| !h.trim().is_empty()) {
        if let Ok(mut loaded) = load_bytes("the pasted text", html.as_bytes().to_vec(), Format::Html) {
            loaded.kind = SourceKind::Paste;
            return Ok(loaded);
        }
    }
    load_pasted(text)
}

/// Runs extraction on decoded text without storing anything.
pub fn extract_str(decoded: &str, format: Format, what: &str) -> Result<Extracted> {
    extract_with_url(decoded, format, None, what)
}

/// As [`extract_str`], for a source whose address is known.
pub fn extract_with_url(decoded: &str, format: Format, url: Option<&str>, what: &str) -> Result<Extracted> {
    // NUL characters go: an HTML parser drops them from text, so a plain-text
    // article keeping one in its text would hold it in the text but not in the
    // reader's DOM, and every offset after it would be off by one. (A UTF-16
    // file is how a NUL gets past the binary-file check.)
    let without_nul;
    let decoded = if decoded.contains('\0') {
        without_nul = decoded.replace('\0', "");
        without_nul.as_str()
    } else {
        decoded
    };
    let extracted = match format {
        Format::Text => text::extract_plain(decoded),
        Format::Markdown => text::extract_markdown(decoded),
        Format::Html => html::extract_html(decoded, url, what)?,
        Format::Epub => {
            return Err(Error::Unsupported { what: what.into(), detail: "an EPUB book is read from its file, not from text".into() })
        }
    };
    if extracted.text.trim().is_empty() {
        return Err(Error::NoArticle { what: what.into(), reason: "no article text was found in it".into() });
    }
    Ok(extracted)
}

pub(crate) fn sniff(bytes: &[u8]) -> Option<Format> {
    match binary_kind(bytes) {
        Some(EPUB_KIND) => return Some(Format::Epub),
        Some(_) => return None,
        None => {}
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") || head.contains("<body") {
        Some(Format::Html)
    } else {
        Some(Format::Text)
    }
}

const EPUB_KIND: &str = "EPUB e-book";

/// Names the kind of a binary file from its first bytes.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") && bytes[..bytes.len().min(100)].windows(20).any(|w| w == b"application/epub+zip") {
        return Some(EPUB_KIND);
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive (or Office document)"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7fELF", "executable"),
        (b"\x1f\x8b", "gzip archive"),
    ];
    if let Some((_, name)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(name);
    }
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs too, but starts with a BOM that the decoder handles.
    let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    (!utf16 && head.contains(&0)).then_some("binary")
}

fn unsupported(what: &str, bytes: &[u8], ext: &str) -> Error {
    let detail = match binary_kind(bytes) {
        Some(kind) => binary_refusal(kind),
        None => {
            FormatDetail::detected(format!(".{ext} file"), format!("\".{ext}\" is not a supported type; use .epub, .txt, .md or .html"))
        }
    };
    Error::Unsupported { what: what.into(), detail }
}

fn binary_refusal(kind: &str) -> FormatDetail {
    FormatDetail::detected(kind, format!("{kind} files cannot be imported yet; use .epub, .txt, .md or .html"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::store::Library;

    #[test]
    fn bad_inputs_get_specific_messages_and_nothing_is_stored() {
        // Looks like a book from its first bytes, but is no zip.
        let mut epub = b"PK\x03\x04".to_vec();
        epub.extend_from_slice(&[0; 26]);
        epub.extend_from_slice(b"mimetypeapplication/epub+zip");
        let cases: [(&[u8], Format, ErrorKind, &str); 5] = [
            (b"%PDF-1.5 ...", Format::Text, ErrorKind::Unsupported, "PDF document"),
            (&epub, Format::Html, ErrorKind::Unreadable, "not a readable zip archive"),
            (b"\x00\x01\x02binary\x00", Format::Text, ErrorKind::Unsupported, "binary"),
            (b"  \n\t ", Format::Text, ErrorKind::Empty, "is empty"),
            (b"<html><body><nav><a href=/a>Home</a></nav></body></html>", Format::Html, ErrorKind::NoArticle, "no article"),
        ];
        let mut lib = Library::open_in_memory().unwrap();
        for (bytes, format, kind, words) in cases {
            let err = load_bytes("input", bytes.to_vec(), format).and_then(|l| lib.import_loaded(l)).unwrap_err();
            assert_eq!(err.kind(), kind, "{err}");
            assert!(err.to_string().contains(words), "{err}");
        }
        assert_eq!(lib.article_count().unwrap(), 0);
    }

    #[test]
    fn a_refused_file_says_what_it_was_found_to_be() {
        let detected = |e: Error| match e {
            Error::Unsupported { detail, .. } => detail.detected,
            other => panic!("not unsupported: {other}"),
        };
        assert_eq!(detected(load_bytes("scan", b"%PDF-1.5 ...".to_vec(), Format::Text).unwrap_err()).as_deref(), Some("PDF document"));
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("notes.docx");
        std::fs::write(&odd, "plain words").unwrap();
        assert_eq!(detected(load_file(&odd).unwrap_err()).as_deref(), Some(".docx file"));
        assert_eq!(detected(load_file(dir.path()).unwrap_err()).as_deref(), Some("folder"));
        let big = dir.path().join("big.txt");
        std::fs::File::create(&big).unwrap().set_len(MAX_BYTES + 1).unwrap();
        match load_file(&big).unwrap_err() {
            Error::TooLarge { size, limit, .. } => assert_eq!((size, limit), (MAX_BYTES + 1, MAX_BYTES)),
            other => panic!("not too large: {other}"),
        }
    }

    #[test]
    fn nul_characters_are_dropped_so_offsets_match_the_html() {
        // Found by fuzzing (text_import): UTF-16 text can hold U+0000, which
        // the HTML parser drops from the stored HTML but the text kept.
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("Tide\0 tables and\0\0 more words".encode_utf16().flat_map(u16::to_le_bytes));
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let e = load_bytes("nul.txt", bytes.clone(), format).unwrap().extracted;
            assert_eq!(e.text, "Tide tables and more words", "{format:?}");
            assert_eq!(layout::contract_violation(&e.text, &e.html), None, "{format:?}");
        }
    }
}
