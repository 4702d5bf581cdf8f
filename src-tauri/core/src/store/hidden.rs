//! The `hidden_ranges` table: paragraphs the reader marked "not part of the
//! article", as ranges of its text. The text itself never changes for it, so
//! highlight and event offsets stay valid; hidden paragraphs leave the
//! timeline (see `events`).

use rusqlite::{params, Connection};

use super::{articles, highlights, Change, Library, Tx};
use crate::error::{Error, Result};
use crate::import::{paragraph_ranges, HiddenRange};

fn ranges(conn: &Connection, article_id: &str) -> Result<Vec<HiddenRange>> {
    let mut stmt = conn.prepare("SELECT start, end FROM hidden_ranges WHERE article_id = ?1 ORDER BY start")?;
    let rows = stmt.query_map([article_id], |r| Ok(HiddenRange { start: r.get(0)?, end: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Part of replacing an article's text: a hidden paragraph stays hidden
/// where the new text has a paragraph with the same words (the nearest one
/// to where it was); one the new text no longer has is shown again.
pub(super) fn follow_text(conn: &Connection, article_id: &str, old_text: &str, new_text: &str) -> Result<()> {
    let hidden = ranges(conn, article_id)?;
    if hidden.is_empty() {
        return Ok(());
    }
    let old: Vec<char> = old_text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let slice = |chars: &[char], r: &HiddenRange| chars.get(r.start as usize..r.end as usize).map(|s| s.iter().collect::<String>());
    let paragraphs = paragraph_ranges(new_text);
    conn.execute("DELETE FROM hidden_ranges WHERE article_id = ?1", [article_id])?;
    for r in hidden {
        let Some(words) = slice(&old, &r) else { continue };
        let found =
            paragraphs.iter().filter(|p| slice(&new, p).as_deref() == Some(words.as_str())).min_by_key(|p| p.start.abs_diff(r.start));
        if let Some(p) = found {
            conn.execute(
                "INSERT OR REPLACE INTO hidden_ranges (article_id, start, end) VALUES (?1, ?2, ?3)",
                params![article_id, p.start, p.end],
            )?;
        }
    }
    Ok(())
}

impl Library {
    /// Hides the paragraphs that start at `starts` (the `data-o` of their
    /// blocks). Every start must be a paragraph's; otherwise nothing changes.
    pub fn hide_paragraphs(&mut self, article_id: &str, starts: &[u32]) -> Result<Vec<HiddenRange>> {
        self.write(|tx| {
            let text = articles::current_text(tx.conn, article_id)?;
            let paragraphs = paragraph_ranges(&text);
            let mut chosen = Vec::new();
            for start in starts {
                let range = paragraphs
                    .iter()
                    .find(|r| r.start == *start)
                    .ok_or_else(|| Error::Invalid(format!("offset {start} is not the start of a paragraph of this article")))?;
                chosen.push(*range);
            }
            // Hiding must not take a reader's highlights out of view.
            for r in &chosen {
                let marked = highlights::ids_overlapping(tx.conn, article_id, r.start, r.end)?;
                if !marked.is_empty() {
                    let reason =
                        format!("the paragraph at offset {} holds {} highlight(s); delete them before hiding it", r.start, marked.len());
                    return Err(Error::Conflict { what: "highlight", ids: marked, reason });
                }
            }
            for r in &chosen {
                tx.hide_paragraph(article_id, *r)?;
            }
            ranges(tx.conn, article_id)
        })
    }

    /// Shows again the hidden paragraphs starting at `starts` (unknown ones are ignored).
    pub fn restore_paragraphs(&mut self, article_id: &str, starts: &[u32]) -> Result<Vec<HiddenRange>> {
        self.write(|tx| {
            articles::current_text(tx.conn, article_id)?;
            for start in starts {
                tx.show_paragraph(article_id, *start)?;
            }
            ranges(tx.conn, article_id)
        })
    }

    pub fn hidden_ranges(&self, article_id: &str) -> Result<Vec<HiddenRange>> {
        ranges(self.conn(), article_id)
    }
}

impl Tx<'_> {
    /// Paragraph hidden.
    fn hide_paragraph(&mut self, article_id: &str, r: HiddenRange) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO hidden_ranges (article_id, start, end) VALUES (?1, ?2, ?3)",
            params![article_id, r.start, r.end],
        )?;
        self.record(Change::ParagraphHidden { article_id, start: r.start, end: r.end })
    }

    /// Paragraph shown again (nothing happens for one that was not hidden).
    fn show_paragraph(&mut self, article_id: &str, start: u32) -> Result<()> {
        let changed = self.conn.execute("DELETE FROM hidden_ranges WHERE article_id = ?1 AND start = ?2", params![article_id, start])?;
        if changed > 0 {
            self.record(Change::ParagraphShown { article_id, start })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{load_bytes, Format};
    use crate::model::Outcome;

    #[test]
    fn hide_and_restore_paragraphs() {
        let mut lib = Library::open_in_memory().unwrap();
        let loaded = load_bytes(
            "t",
            "Title\n\nFirst kept paragraph of the piece.\n\nÜber-short aside.\n\nLast paragraph here.".as_bytes().to_vec(),
            Format::Text,
        )
        .unwrap();
        let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
        let id = article.summary.id;
        let aside = article.text.find("Über").map(|b| article.text[..b].chars().count() as u32).unwrap();
        let hidden = lib.hide_paragraphs(&id, &[aside]).unwrap();
        let expected_end = aside + "Über-short aside.".chars().count() as u32;
        assert_eq!(hidden, vec![HiddenRange { start: aside, end: expected_end }]);
        // A start in the middle of a paragraph is refused and changes nothing.
        assert!(lib.hide_paragraphs(&id, &[0, aside + 1]).is_err());
        assert_eq!(lib.hidden_ranges(&id).unwrap().len(), 1);
        assert!(lib.restore_paragraphs(&id, &[aside]).unwrap().is_empty());
        assert_eq!(lib.hide_paragraphs("no-such-id", &[0]).unwrap_err().kind(), crate::error::ErrorKind::NotFound);
    }

    #[test]
    fn a_paragraph_with_highlights_is_not_hidden_and_hidden_ones_leave_the_timeline() {
        let mut lib = Library::open_in_memory().unwrap();
        let text = "Harbour notes\n\nThe pier was rebuilt in 1887 after a storm.\n\nVisit our harbour shop, opened in 1999.\n\nThe ferry returned in 1923.";
        let loaded = load_bytes("t", text.as_bytes().to_vec(), Format::Text).unwrap();
        let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
        let id = article.summary.id;
        let cp = |needle: &str| article.text[..article.text.find(needle).unwrap()].chars().count() as u32;
        let years = |lib: &mut Library| lib.events(&id).unwrap().iter().map(|e| e.value.clone()).collect::<Vec<_>>();
        assert_eq!(years(&mut lib), ["1887", "1999", "1923"]);

        let promo = cp("Visit our");
        lib.hide_paragraphs(&id, &[promo]).unwrap();
        assert_eq!(years(&mut lib), ["1887", "1923"]);
        lib.restore_paragraphs(&id, &[promo]).unwrap();
        assert_eq!(years(&mut lib), ["1887", "1999", "1923"]);

        let pier = cp("The pier");
        let ferry = cp("The ferry");
        let new = crate::highlight::NewHighlight {
            article_id: id.clone(),
            start: pier + 4,
            end: pier + 8,
            color: Default::default(),
            note: String::new(),
            tags: vec![],
        };
        lib.create_highlight(&new).unwrap();
        let err = lib.hide_paragraphs(&id, &[ferry, pier]).unwrap_err();
        assert!(err.to_string().contains("highlight"), "{err}");
        assert!(lib.hidden_ranges(&id).unwrap().is_empty(), "nothing hidden when one paragraph is refused");
    }
}
