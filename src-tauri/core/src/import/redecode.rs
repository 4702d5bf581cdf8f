//! Re-decoding a stored article's source bytes with an encoding the user picks,
//! for when the guess was wrong (mojibake).

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{decode, extract_with_url, Format};
use crate::error::{Error, Result};
use crate::model::{word_count, Article, SourceKind};
use crate::store::Library;

/// What the reader's "Text encoding" control needs to know about a source.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceInfo {
    /// The encoding the text was decoded with (WHATWG name), when known.
    pub encoding: Option<String>,
    /// Whether the original bytes were kept, so the text can be decoded again.
    pub can_redecode: bool,
}

impl Library {
    pub fn source_info(&self, article_id: &str) -> Result<SourceInfo> {
        self.conn()
            .query_row("SELECT encoding, raw IS NOT NULL FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| {
                Ok(SourceInfo { encoding: r.get(0)?, can_redecode: r.get(1)? })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })
    }

    /// Decodes the article's kept source bytes as `encoding` (a WHATWG label such
    /// as "windows-1251") and re-extracts it. Refused, with nothing changed, when
    /// the source was not kept, the label is unknown, the bytes do not decode,
    /// or highlights already point into the current text.
    pub fn redecode(&mut self, article_id: &str, encoding: &str) -> Result<Article> {
        let row: Option<(Option<Vec<u8>>, String, Option<String>)> = self
            .conn()
            .query_row("SELECT raw, source_kind, source_url FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (raw, kind, url) = row.ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })?;
        let raw = raw.ok_or_else(|| Error::Invalid("this article's source bytes were not kept, so it cannot be re-decoded".into()))?;
        let highlights: i64 =
            self.conn()
                .query_row("SELECT count(*) FROM highlights WHERE article_id = ?1 AND deleted_at IS NULL", [article_id], |r| r.get(0))?;
        if highlights > 0 {
            return Err(Error::Invalid(format!(
                "this article has {highlights} highlight(s) that point into its current text; remove them before re-decoding"
            )));
        }
        let format = match SourceKind::parse(&kind) {
            Some(SourceKind::Html | SourceKind::Url) => Format::Html,
            Some(SourceKind::Markdown | SourceKind::Sample) => Format::Markdown,
            _ => Format::Text,
        };
        let what = "the article";
        let (decoded, used) =
            decode::decode_with_label(&raw, encoding).map_err(|reason| Error::Unreadable { path: what.into(), reason })?;
        let e = extract_with_url(&decoded, format, url.as_deref(), what)?;
        let hash = crate::store::content_hash(&e.text);
        let title = if e.title.trim().is_empty() { "Untitled".to_owned() } else { e.title.clone() };
        self.write(|tx| {
            tx.execute("DELETE FROM hidden_ranges WHERE article_id = ?1", [article_id])?;
            tx.execute(
                "UPDATE articles SET title = ?2, byline = ?3, site = ?4, html = ?5, text = ?6, word_count = ?7,
                     content_hash = ?8, encoding = ?9 WHERE id = ?1",
                params![article_id, title, e.byline, e.site, e.html, e.text, word_count(&e.text), hash, used],
            )?;
            Ok(())
        })?;
        // What the clean-up took out of the text as now decoded.
        self.set_removed_blocks(article_id, &e.removed)?;
        self.article(article_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{load_bytes, Outcome};

    #[test]
    fn redecoding_fixes_a_wrong_guess_and_refuses_bad_labels() {
        let source = "Заметки\n\nВчера вечером в городе прошёл сильный дождь, и многие улицы оказались затоплены.";
        let (koi, _, _) = encoding_rs::KOI8_R.encode(source);
        let mut lib = Library::open_in_memory().unwrap();
        let Outcome::Imported(article) = lib.import_loaded(load_bytes("f.txt", koi.into_owned(), Format::Text).unwrap()).unwrap() else {
            panic!("not imported")
        };
        let id = article.summary.id.clone();
        let before = lib.source_info(&id).unwrap();
        assert!(before.can_redecode);
        assert_ne!(before.encoding.as_deref(), Some("KOI8-R"));
        let fixed = lib.redecode(&id, "koi8-r").unwrap();
        assert_eq!(lib.source_info(&id).unwrap().encoding.as_deref(), Some("KOI8-R"));
        assert_eq!(fixed.summary.title, "Заметки");
        assert!(fixed.text.starts_with("Вчера вечером"));
        let enc: String = lib.conn().query_row("SELECT encoding FROM articles WHERE id = ?1", [&id], |r| r.get(0)).unwrap();
        assert_eq!(enc, "KOI8-R");
        let err = lib.redecode(&id, "no-such-encoding").unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Unreadable);
        assert_eq!(lib.article(&id).unwrap().text, fixed.text);
    }
}
