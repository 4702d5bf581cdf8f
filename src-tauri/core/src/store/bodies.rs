//! An article's text and HTML (its body) being replaced, and everything
//! anchored to the old text following it to the new one.

use rusqlite::params;

use super::articles::{content_hash, current_text};
use super::{events, hidden, highlights, Change, Tx};
use crate::error::{Error, Result};
use crate::highlight::ReanchorReport;
use crate::model::word_count;

impl Tx<'_> {
    /// Text replaced: the article now reads `text` (laid out as `html`). Its
    /// highlights are anchored again (by position, quote, then approximate
    /// match; what cannot be placed is kept as an orphan), and so are the
    /// reader's own events; the extracted timeline is dropped to be made
    /// again from the new text, and hidden paragraphs stay hidden where the
    /// new text still has them.
    pub(crate) fn replace_text(&mut self, id: &str, text: &str, html: &str, encoding: Option<&str>) -> Result<ReanchorReport> {
        if text.trim().is_empty() {
            return Err(Error::Empty { what: "the article".into() });
        }
        let old = current_text(self.conn, id)?;
        let hash = content_hash(text);
        self.conn.execute(
            "UPDATE articles SET text = ?2, html = ?3, word_count = ?4, content_hash = ?5, encoding = coalesce(?6, encoding)
             WHERE id = ?1",
            params![id, text, html, word_count(text), hash, encoding],
        )?;
        let report = highlights::reanchor(self.conn, id, text)?;
        events::follow_text(self.conn, id, text)?;
        hidden::follow_text(self.conn, id, &old, text)?;
        self.record(Change::ArticleTextReplaced { id, text, html, content_hash: &hash, encoding })?;
        Ok(report)
    }
}
