//! Books and images (`0008_books.sql`): the images stored with an article
//! (content-addressed, shared between articles), a book's table of contents
//! and details, and where the reader left each article.
//!
//! Images and contents are written with the article, in its transaction, and
//! are derived from its import: they are not changes of their own. The
//! reading position is the reader's place, not their data: it is kept per
//! library and not handed to the change sink.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_rfc3339, Library, Tx};
use crate::error::{Error, Result};
use crate::import::Attachments;
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
    /// its text, clamped to the text's length). Refused for an unknown article.
    pub fn set_reading_position(&mut self, article_id: &str, position: u32) -> Result<()> {
        self.write(|tx| {
            let length: Option<u32> = tx
                .conn
                .query_row("SELECT length(text) FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| r.get(0))
                .optional()?;
            let length = length.ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })?;
            tx.conn.execute(
                "INSERT INTO reading_positions (article_id, position, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (article_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at",
                params![article_id, position.min(length), now_rfc3339()],
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
}
