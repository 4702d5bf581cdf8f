//! The one way an article's text changes after import: [`replace_article_text`].
//! Everything that points into the text moves with it in the same
//! transaction: highlights are re-anchored (position first, then quote, then
//! fuzzy; never deleted), hidden paragraphs and the user's own or edited
//! events move by the edit (or are found again by their quote), and extracted
//! events are made again from the new text.

use rusqlite::{params, OptionalExtension, Transaction};

use super::events::setting_key;
use super::highlights::reanchor_highlights;
use super::{content_hash, Library};
use crate::anchor::{Selector, Text, TextPosition, TextQuote};
use crate::error::{Error, Result};
use crate::highlight::ReanchorReport;
use crate::import::{contract_violation, TextEdit};
use crate::model::word_count;

/// Stores `text` and `html` as the article's and moves what points into the
/// text. `edit` says where the change is when it is one splice (offsets after
/// it move exactly); without it, highlights and events are found by their
/// quotes and hidden paragraphs are shown again. Refused, with nothing
/// changed, when the HTML's offsets do not match the text.
pub fn replace_article_text(
    tx: &Transaction<'_>,
    article_id: &str,
    text: &str,
    html: &str,
    edit: Option<TextEdit>,
) -> Result<ReanchorReport> {
    let exists: Option<i64> =
        tx.query_row("SELECT 1 FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| r.get(0)).optional()?;
    if exists.is_none() {
        return Err(Error::NotFound { what: "article", id: article_id.to_owned() });
    }
    if let Some(v) = contract_violation(text, html) {
        return Err(Error::Invalid(format!("the new text and HTML of the article do not match ({v})")));
    }
    if let Some(e) = edit {
        // Moved first, so that re-anchoring finds them by position.
        let from = e.at + e.removed;
        tx.execute(
            "UPDATE highlights SET start = start + ?3, end = end + ?3 WHERE article_id = ?1 AND start >= ?2",
            params![article_id, from, e.shift()],
        )?;
        // A hidden paragraph the edit cut into is shown again.
        tx.execute("DELETE FROM hidden_ranges WHERE article_id = ?1 AND start < ?3 AND end > ?2", params![article_id, e.at, from])?;
        // Their start is the key: taken out and put back moved, since moving
        // them in place could collide with a row not yet moved.
        let mut stmt = tx.prepare("SELECT start, end FROM hidden_ranges WHERE article_id = ?1 AND start >= ?2")?;
        let after: Vec<(i64, i64)> =
            stmt.query_map(params![article_id, from], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        tx.execute("DELETE FROM hidden_ranges WHERE article_id = ?1 AND start >= ?2", params![article_id, from])?;
        for (start, end) in after {
            tx.execute(
                "INSERT INTO hidden_ranges (article_id, start, end) VALUES (?1, ?2, ?3)",
                params![article_id, start + e.shift(), end + e.shift()],
            )?;
        }
    } else {
        tx.execute("DELETE FROM hidden_ranges WHERE article_id = ?1", [article_id])?;
    }
    let report = reanchor_highlights(tx, article_id, text)?;
    move_kept_events(tx, article_id, text, edit)?;
    tx.execute(
        "UPDATE articles SET text = ?2, html = ?3, word_count = ?4, content_hash = ?5 WHERE id = ?1",
        params![article_id, text, html, word_count(text), content_hash(text)],
    )?;
    Ok(report)
}

/// Extracted events nobody touched go (they are made again from the new
/// text); the user's own, edited or hidden ones move with the text.
fn move_kept_events(tx: &Transaction<'_>, article_id: &str, text: &str, edit: Option<TextEdit>) -> Result<()> {
    tx.execute("DELETE FROM events WHERE article_id = ?1 AND origin = 'extracted' AND user_edited = 0 AND hidden = 0", [article_id])?;
    tx.execute("DELETE FROM settings WHERE key = ?1", [setting_key(article_id)])?;
    let mut stmt = tx.prepare("SELECT id, start, end, exact, prefix, suffix FROM events WHERE article_id = ?1")?;
    let kept: Vec<(String, u32, u32, String, String, String)> = stmt
        .query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let new_text = Text::new(text);
    let selectors: Vec<Selector> = kept
        .iter()
        .map(|(_, start, end, exact, prefix, suffix)| {
            let moved = |o: u32| edit.and_then(|e| e.map(o)).unwrap_or(o);
            Selector {
                position: TextPosition { start: moved(*start), end: moved(*end) },
                quote: TextQuote { exact: exact.clone(), prefix: prefix.clone(), suffix: suffix.clone() },
            }
        })
        .collect();
    for ((id, ..), found) in kept.iter().zip(new_text.anchor_all(&selectors)) {
        match found.and_then(|a| new_text.describe(a.position.start, a.position.end).ok()) {
            Some(fresh) => {
                let (p, q) = (fresh.position, &fresh.quote);
                tx.execute(
                    "UPDATE events SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0 WHERE id = ?1",
                    params![id, p.start, p.end, q.exact, q.prefix, q.suffix],
                )?;
            }
            None => {
                tx.execute("UPDATE events SET orphaned = 1 WHERE id = ?1", [id])?;
            }
        }
    }
    Ok(())
}

impl Library {
    /// [`replace_article_text`] in its own transaction, then the article's
    /// events extracted again from the new text.
    pub fn replace_article_text(&mut self, article_id: &str, text: &str, html: &str, edit: Option<TextEdit>) -> Result<ReanchorReport> {
        let report = self.write(|tx| replace_article_text(tx, article_id, text, html, edit))?;
        self.refresh_events(article_id)?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use crate::highlight::NewHighlight;
    use crate::import::{layout_for_tests, load_bytes, Format, Outcome, TextEdit};
    use crate::store::Library;

    fn imported(text: &str) -> (Library, String) {
        let mut lib = Library::open_in_memory().unwrap();
        let Outcome::Imported(a) = lib.import_loaded(load_bytes("t.txt", text.as_bytes().to_vec(), Format::Text).unwrap()).unwrap() else {
            panic!("not imported")
        };
        (lib, a.summary.id)
    }

    #[test]
    fn without_an_edit_highlights_are_found_by_quote_and_bad_html_changes_nothing() {
        let (mut lib, id) = imported("Notes\n\nThe first lamp was lit in 1887 by the keeper.\n\nThe second lamp came a year later.");
        let text = lib.article(&id).unwrap().text;
        let at = text.find("second lamp").unwrap() as u32;
        let h = lib
            .create_highlight(&NewHighlight {
                article_id: id.clone(),
                start: at,
                end: at + 11,
                color: Default::default(),
                note: String::new(),
                tags: vec![],
            })
            .unwrap();
        lib.hide_paragraphs(&id, &[0]).unwrap();
        let new_text = "A new opening paragraph about the pier.\n\nThe second lamp came a year later.";
        let (t, html) = layout_for_tests(&["A new opening paragraph about the pier.", "The second lamp came a year later."]);
        assert_eq!(t, new_text);
        // HTML that does not match the text is refused before anything moves.
        assert!(lib.replace_article_text(&id, new_text, "<p data-o=\"0\">Something else</p>", None).is_err());
        assert_eq!(lib.highlight(&h.id).unwrap().start, at);
        let report = lib.replace_article_text(&id, new_text, &html, None).unwrap();
        assert_eq!(report.moved, 1);
        let moved = lib.highlight(&h.id).unwrap();
        assert_eq!(&new_text[moved.start as usize..moved.end as usize], "second lamp");
        assert!(lib.hidden_ranges(&id).unwrap().is_empty(), "hidden paragraphs are shown again after a rewrite");
        assert_eq!(lib.article(&id).unwrap().text, new_text);
    }

    #[test]
    fn a_splice_moves_hidden_paragraphs_after_it_and_shows_one_it_cut() {
        let (mut lib, id) = imported("Notes\n\nAlpha paragraph here.\n\nBeta paragraph here.\n\nGamma paragraph here.");
        let text = lib.article(&id).unwrap().text;
        let beta = text.find("Beta").unwrap() as u32;
        let gamma = text.find("Gamma").unwrap() as u32;
        lib.hide_paragraphs(&id, &[beta, gamma]).unwrap();
        // "Beta paragraph" becomes "Beta text paragraph": an edit inside the
        // hidden Beta paragraph.
        let new_text = text.replacen("Beta paragraph", "Beta text paragraph", 1);
        let paragraphs: Vec<&str> = new_text.split("\n\n").collect();
        let (_, html) = layout_for_tests(&paragraphs);
        let edit = TextEdit { at: beta + 5, removed: 0, inserted: 5 };
        lib.replace_article_text(&id, &new_text, &html, Some(edit)).unwrap();
        // Beta was cut into, so it is shown again; Gamma moved with the text.
        let hidden = lib.hidden_ranges(&id).unwrap();
        let gamma_len = "Gamma paragraph here.".chars().count() as u32;
        assert_eq!(hidden, [crate::import::HiddenRange { start: gamma + 5, end: gamma + 5 + gamma_len }]);
    }
}
