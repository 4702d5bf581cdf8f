//! Books and images (`0008_books.sql`): the images stored with an article
//! (content-addressed, shared between articles), a book's table of contents
//! and details, and where the reader left each article.
//!
//! Images and contents are written with the article, in its transaction, and
//! are derived from its import: they are not changes of their own. The
//! reading position is the reader's place, not their data: it is kept per
//! library and not handed to the change sink.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_rfc3339, Change, Library, Tx};
use crate::error::{Error, Result};
use crate::import::images::{self, ImageData, ImgTag};
use crate::import::Attachments;

/// The setting that turns saving images off (`false`): images stay links.
pub const SAVE_IMAGES: &str = "saveImages";
use crate::model::{BookDetails, TocEntry};

/// An image as the reader is served it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// A book's contents and details; empty and `None` for an article.
pub(super) fn book_of(conn: &Connection, id: &str) -> Result<(Vec<TocEntry>, Option<BookDetails>)> {
    let row: Option<(String, String)> =
        conn.query_row("SELECT toc, details FROM books WHERE article_id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let Some((toc, details)) = row else { return Ok((Vec::new(), None)) };
    let toc = serde_json::from_str(&toc).map_err(|e| Error::Invalid(format!("the book's stored contents could not be read: {e}")))?;
    let details =
        serde_json::from_str(&details).map_err(|e| Error::Invalid(format!("the book's stored details could not be read: {e}")))?;
    Ok((toc, Some(details)))
}

/// Everything stored with an article besides its text: a book's contents
/// and details, and its images with their bytes (for the sync folder).
pub(super) fn attachments_of(conn: &Connection, id: &str) -> Result<Attachments> {
    let (toc, book) = book_of(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.hash, i.mime, i.width, i.height, i.bytes, a.source FROM article_images a JOIN images i ON i.hash = a.hash
         WHERE a.article_id = ?1 ORDER BY i.hash",
    )?;
    let rows = stmt.query_map([id], |r| {
        let mime: String = r.get(1)?;
        Ok(ImageData {
            hash: r.get(0)?,
            mime: images::known_mime(&mime),
            width: r.get(2)?,
            height: r.get(3)?,
            bytes: r.get(4)?,
            source: r.get(5)?,
        })
    })?;
    let images = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Attachments { toc, book, images })
}

/// An article's HTML made again from its source (re-decoding) names its web
/// images by address: each takes its saved form again when the library holds
/// the image from that address, else it is shown as not saved (with "Load
/// from <site>"), unless saving is off and images are links by choice.
pub(super) fn keep_saved_images(conn: &Connection, article_id: &str, html: &str) -> Result<String> {
    keep_saved_images_or(conn, article_id, html, &|_| None)
}

/// [`keep_saved_images`], with the reason an image was not saved when
/// `why_not` knows it (a fetch just tried) instead of the general one.
pub(super) fn keep_saved_images_or(
    conn: &Connection,
    article_id: &str,
    html: &str,
    why_not: &dyn Fn(&str) -> Option<String>,
) -> Result<String> {
    if !html.contains("<img") {
        return Ok(html.to_owned());
    }
    let setting: Option<String> = conn.query_row("SELECT value FROM settings WHERE key = ?1", [SAVE_IMAGES], |r| r.get(0)).optional()?;
    let saving = setting.as_deref().map(str::trim) != Some("false");
    let mut stmt = conn.prepare_cached(
        "SELECT a.source, i.hash, i.width, i.height FROM article_images a JOIN images i ON i.hash = a.hash
         WHERE a.article_id = ?1 AND a.source IS NOT NULL",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        // Only what the tag needs: its hash and size.
        let image = ImageData { hash: r.get(1)?, mime: "", width: r.get(2)?, height: r.get(3)?, bytes: Vec::new(), source: None };
        Ok((r.get::<_, String>(0)?, image))
    })?;
    let saved = rows.collect::<rusqlite::Result<std::collections::HashMap<String, ImageData>>>()?;
    Ok(images::rewrite(html, |tag| {
        let src = tag.get("src")?;
        match saved.get(src) {
            Some(image) => Some(ImgTag::saved(image, tag.get("alt"), tag.get("title"), Some(src))),
            None if saving => {
                let reason = why_not(src).unwrap_or_else(|| "it was not saved with the article".to_owned());
                Some(ImgTag::failed(Some(src), &reason, tag.get("alt"), tag.get("title")))
            }
            None => None,
        }
    }))
}

pub(super) fn position_of(conn: &Connection, id: &str) -> Result<Option<u32>> {
    Ok(conn.query_row("SELECT position FROM reading_positions WHERE article_id = ?1", [id], |r| r.get(0)).optional()?)
}

impl Tx<'_> {
    /// Stores what came with a new article: its images and a book's contents.
    pub(crate) fn add_attachments(&mut self, article_id: &str, attachments: &Attachments) -> Result<()> {
        let mut image =
            self.conn.prepare_cached("INSERT OR IGNORE INTO images (hash, mime, width, height, bytes) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let mut link = self.conn.prepare_cached("INSERT OR IGNORE INTO article_images (article_id, hash, source) VALUES (?1, ?2, ?3)")?;
        for i in &attachments.images {
            image.execute(params![i.hash, i.mime, i.width, i.height, i.bytes])?;
            link.execute(params![article_id, i.hash, i.source])?;
        }
        if let Some(details) = &attachments.book {
            let toc = serde_json::to_string(&attachments.toc).map_err(|e| Error::Invalid(e.to_string()))?;
            let details = serde_json::to_string(details).map_err(|e| Error::Invalid(e.to_string()))?;
            self.conn.execute("INSERT INTO books (article_id, toc, details) VALUES (?1, ?2, ?3)", params![article_id, toc, details])?;
        }
        Ok(())
    }
}

impl Library {
    /// Stores an image fetched on request ("Load from <site>") for an
    /// article's placeholders: each `<img>` of the article not saved from
    /// `remote` becomes saved; the text is unchanged. Refused when the
    /// article names no such image (the reader fetches nothing else).
    pub fn store_requested_image(&mut self, article_id: &str, remote: &str, image: &ImageData) -> Result<()> {
        self.write(|tx| {
            let html: Option<(String, String, String)> = tx
                .conn
                .query_row("SELECT text, html, content_hash FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let (text, html, hash) = html.ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })?;
            let mut found = false;
            let html = images::rewrite(&html, |tag| {
                (tag.get("data-failed").is_some() && tag.get("data-remote") == Some(remote)).then(|| {
                    found = true;
                    ImgTag::saved(image, tag.get("alt"), tag.get("title"), Some(remote))
                })
            });
            if !found {
                return Err(Error::NotFound { what: "image", id: remote.to_owned() });
            }
            let attachments = Attachments { images: vec![image.clone()], ..Attachments::default() };
            tx.add_attachments(article_id, &attachments)?;
            tx.conn.execute("UPDATE articles SET html = ?2 WHERE id = ?1", params![article_id, html])?;
            tx.record(Change::ArticleTextReplaced { id: article_id, text: &text, html: &html, content_hash: &hash, encoding: None })
        })
    }

    /// Whether imports save a web article's images (the "saveImages"
    /// setting; on unless turned off).
    pub fn saves_images(&self) -> Result<bool> {
        Ok(self.setting(SAVE_IMAGES)?.and_then(|v| v.as_bool()).unwrap_or(true))
    }

    /// An image stored with any article, by its SHA-256 (hex, lower case).
    pub fn image(&self, hash: &str) -> Result<Option<StoredImage>> {
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        Ok(self
            .conn()
            .query_row("SELECT mime, bytes FROM images WHERE hash = ?1", [hash.to_ascii_lowercase()], |r| {
                Ok(StoredImage { mime: r.get(0)?, bytes: r.get(1)? })
            })
            .optional()?)
    }

    /// Remembers where the reader is in an article (a code-point offset of
    /// its text, clamped to the text's length), with the length for the
    /// library's progress. Refused for an unknown article.
    pub fn set_reading_position(&mut self, article_id: &str, position: u32) -> Result<()> {
        self.write(|tx| {
            let length: Option<u32> = tx
                .conn
                .query_row("SELECT length(text) FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| r.get(0))
                .optional()?;
            let length = length.ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })?;
            tx.conn.execute(
                "INSERT INTO reading_positions (article_id, position, length, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (article_id) DO UPDATE SET
                     position = excluded.position, length = excluded.length, updated_at = excluded.updated_at",
                params![article_id, position.min(length), length, now_rfc3339()],
            )?;
            Ok(())
        })
    }

    /// Where the reader left an article, if anywhere.
    pub fn reading_position(&self, article_id: &str) -> Result<Option<u32>> {
        position_of(self.conn(), article_id)
    }
}

#[cfg(test)]
mod tests {
    use sidenote_fuzz_checks::epub_builder::{sample_book, Chapter, EpubBook};

    use crate::error::ErrorKind;
    use crate::import::{load_bytes, Format};
    use crate::model::{Outcome, SourceKind};
    use crate::store::Library;

    fn import_book(lib: &mut Library, book: EpubBook) -> crate::model::Article {
        let loaded = load_bytes("salt.epub", book.build(), Format::Epub).unwrap();
        match lib.import_loaded(loaded).unwrap() {
            Outcome::Imported(a) => *a,
            Outcome::Duplicate(d) => panic!("duplicate of {}", d.id),
        }
    }

    fn image_hashes(html: &str) -> Vec<String> {
        html.match_indices("data-image=\"").map(|(i, m)| html[i + m.len()..][..64].to_owned()).collect()
    }

    #[test]
    fn a_book_is_stored_with_its_contents_details_and_images() {
        let mut lib = Library::open_in_memory().unwrap();
        let book = import_book(&mut lib, sample_book(3));
        let read = lib.article(&book.summary.id).unwrap();
        assert_eq!(read.summary.source_kind, SourceKind::Epub, "read back as a book");
        assert_eq!(read.toc.len(), 4);
        assert_eq!(read.toc, book.toc, "the contents as imported");
        assert_eq!(read.book.as_ref().and_then(|b| b.creators.first()).map(|c| c.name.as_str()), Some("Ada Wren"));
        let listed = lib.list_articles(&Default::default()).unwrap();
        assert_eq!(listed.iter().find(|a| a.id == read.summary.id).map(|a| a.source_kind), Some(SourceKind::Epub));
        // Its image is in the library, under the hash the HTML names.
        let hashes = image_hashes(&read.html);
        assert_eq!(hashes.len(), 1, "{}", read.html);
        let image = lib.image(&hashes[0]).unwrap().expect("the image is stored");
        assert_eq!(image.mime, "image/png");
        assert!(image.bytes.starts_with(b"\x89PNG"));
        assert_eq!(lib.image(&"0".repeat(64)).unwrap(), None);
        assert_eq!(lib.image("../../etc/passwd").unwrap(), None, "only hashes are looked up");
        // A book's source is not kept, so it cannot be re-decoded.
        assert!(!lib.source_info(&read.summary.id).unwrap().can_redecode);
        assert_eq!(lib.redecode(&read.summary.id, "windows-1252").unwrap_err().kind(), ErrorKind::Invalid);
        // The same book again is a duplicate, and stores nothing more.
        let again = load_bytes("salt copy.epub", sample_book(3).build(), Format::Epub).unwrap();
        assert!(matches!(lib.import_loaded(again).unwrap(), Outcome::Duplicate(_)));
    }

    #[test]
    fn an_image_goes_with_the_last_article_holding_it() {
        let mut lib = Library::open_in_memory().unwrap();
        let three = import_book(&mut lib, sample_book(3));
        let afterword = "<h1>Afterword</h1><p>The wall still stands, and children walk along its top.</p>";
        let two = import_book(&mut lib, sample_book(2).chapter(Chapter::new("text/after.xhtml", "Afterword", afterword)));
        let hash = image_hashes(&three.html).remove(0);
        assert_eq!(image_hashes(&two.html), std::slice::from_ref(&hash), "the same picture, stored once");
        let count = |lib: &Library| -> i64 { lib.conn().query_row("SELECT count(*) FROM images", [], |r| r.get(0)).unwrap() };
        assert_eq!(count(&lib), 1);
        lib.conn().execute("DELETE FROM articles WHERE id = ?1", [&three.summary.id]).unwrap();
        assert!(lib.image(&hash).unwrap().is_some(), "the other book still holds it");
        lib.conn().execute("DELETE FROM articles WHERE id = ?1", [&two.summary.id]).unwrap();
        assert_eq!(count(&lib), 0);
        let books: i64 = lib.conn().query_row("SELECT count(*) FROM books", [], |r| r.get(0)).unwrap();
        assert_eq!(books, 0, "the contents go with their book");
    }

    #[test]
    fn an_image_loaded_on_request_replaces_its_placeholders() {
        use crate::import::images::{self, ImageData, ImgTag};
        let page = "<html><body><article><h1>Gulls</h1><p>The gulls nest on the old wall every spring, and the children count them from the pier.</p>\
            <p><img src=\"https://pictures.test/gull.png\" alt=\"A gull\"></p><p>Nobody knows how many there were before the wall was built in 1921.</p></article></body></html>";
        let mut loaded = load_bytes("gulls.html", page.as_bytes().to_vec(), Format::Html).unwrap();
        loaded.extracted.html = images::rewrite(&loaded.extracted.html, |t| {
            Some(ImgTag::failed(t.get("src"), "the server could not be reached", t.get("alt"), None))
        });
        let mut lib = Library::open_in_memory().unwrap();
        assert!(lib.saves_images().unwrap(), "on by default");
        lib.set_setting(super::SAVE_IMAGES, &serde_json::json!(false)).unwrap();
        assert!(!lib.saves_images().unwrap());
        let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("duplicate") };
        let id = article.summary.id;
        let picture = ImageData::from_bytes(sidenote_fuzz_checks::epub_builder::picture_png(12, 8), None).unwrap();
        let err = lib.store_requested_image(&id, "https://elsewhere.test/x.png", &picture).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "only images the article names");
        lib.store_requested_image(&id, "https://pictures.test/gull.png", &picture).unwrap();
        let read = lib.article(&id).unwrap();
        assert_eq!(read.text, article.text, "the text is unchanged");
        assert!(read.html.contains(&format!("data-image=\"{}\" width=\"12\" height=\"8\"", picture.hash)), "{}", read.html);
        assert!(!read.html.contains("data-failed"), "{}", read.html);
        assert!(lib.image(&picture.hash).unwrap().is_some());
        assert_eq!(lib.store_requested_image(&id, "https://pictures.test/gull.png", &picture).unwrap_err().kind(), ErrorKind::NotFound);
    }

    #[test]
    fn the_reading_position_is_remembered_and_kept_inside_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let id = {
            let mut lib = Library::open_dir(dir.path()).unwrap();
            let book = import_book(&mut lib, sample_book(3));
            assert_eq!(book.position, None);
            lib.set_reading_position(&book.summary.id, 120).unwrap();
            book.summary.id
        };
        let mut lib = Library::open_dir(dir.path()).unwrap();
        assert_eq!(lib.article(&id).unwrap().position, Some(120), "restored after reopening");
        lib.set_reading_position(&id, u32::MAX).unwrap();
        let length = lib.article(&id).unwrap().text.chars().count() as u32;
        assert_eq!(lib.reading_position(&id).unwrap(), Some(length), "clamped to the text");
        assert_eq!(lib.set_reading_position("no-such-article", 3).unwrap_err().kind(), ErrorKind::NotFound);
    }

    #[test]
    fn the_library_lists_how_far_each_article_has_been_read() {
        let mut lib = Library::open_in_memory().unwrap();
        let book = import_book(&mut lib, sample_book(4));
        let id = book.summary.id.clone();
        let progress = |lib: &Library| lib.list_articles(&Default::default()).unwrap()[0].progress;
        assert_eq!(progress(&lib), None, "not opened yet");
        assert_eq!(book.summary.progress, None);
        let length = book.text.chars().count() as u32;
        lib.set_reading_position(&id, length / 4).unwrap();
        let quarter = progress(&lib).unwrap();
        assert!((quarter - f64::from(length / 4) / f64::from(length)).abs() < 1e-9, "{quarter}");
        assert_eq!(lib.article(&id).unwrap().summary.progress, Some(quarter), "the article's own summary agrees");
        lib.set_reading_position(&id, length).unwrap();
        assert_eq!(progress(&lib), Some(1.0), "at the end");
    }
}
