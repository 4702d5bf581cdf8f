//! The blocks the extractor took out of each article (table `removed_blocks`),
//! listed for the reader's "Show what was removed" view and put back one at a
//! time through [`Tx::replace_text`], which carries highlights, events and
//! hidden paragraphs over to the longer text.
//!
//! The blocks are what the importer made of the page, like the article's
//! text: stored with it and replaced when the source is read again. Putting
//! one back is a change of the article's text, recorded as such.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Library, Tx};
use crate::error::{Error, Result};
use crate::import::{splice_block, FetchedImages, MAX_REMOVED_BLOCKS, MAX_REMOVED_CHARS};
use crate::model::{Article, RemovalReason, RemovedBlock};

/// A removed block as stored: `seq` names it within its article.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StoredRemovedBlock {
    pub seq: u32,
    pub at: u32,
    pub reason: RemovalReason,
    pub text: String,
    pub html: String,
}

/// Replaces an article's removed blocks with `blocks` (in page order, within the limits).
pub(super) fn set(conn: &Connection, article_id: &str, blocks: &[RemovedBlock]) -> Result<()> {
    conn.execute("DELETE FROM removed_blocks WHERE article_id = ?1", [article_id])?;
    let kept = blocks.iter().filter(|b| !b.text.is_empty() && b.text.chars().count() <= MAX_REMOVED_CHARS).take(MAX_REMOVED_BLOCKS);
    for (seq, b) in kept.enumerate() {
        conn.execute(
            "INSERT INTO removed_blocks (article_id, seq, at, reason, text, html) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![article_id, seq as u32, b.at, b.reason.as_str(), b.text, b.html],
        )?;
    }
    Ok(())
}

fn list(conn: &Connection, article_id: &str) -> Result<Vec<StoredRemovedBlock>> {
    let mut stmt = conn.prepare("SELECT seq, at, reason, text, html FROM removed_blocks WHERE article_id = ?1 ORDER BY at, seq")?;
    let rows = stmt.query_map([article_id], |r| {
        let reason: String = r.get(2)?;
        Ok(StoredRemovedBlock {
            seq: r.get(0)?,
            at: r.get(1)?,
            reason: RemovalReason::parse(&reason).unwrap_or(RemovalReason::Widget),
            text: r.get(3)?,
            html: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Tx<'_> {
    /// Removed block `seq` put back into its article at its place: the text
    /// is replaced (highlights, events and hidden paragraphs follow it), the
    /// block leaves the list, and the blocks after it move with the text.
    /// `fetched`: the block's pictures, fetched just now when the library
    /// saves images; they are stored with the article and shown saved, and
    /// the ones that failed say why.
    fn restore_removed_block(&mut self, article_id: &str, seq: u32, fetched: &FetchedImages) -> Result<()> {
        let (text, html): (String, String) = self
            .conn
            .query_row("SELECT text, html FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound { what: "article", id: article_id.to_owned() },
                e => e.into(),
            })?;
        let block = list(self.conn, article_id)?
            .into_iter()
            .find(|b| b.seq == seq)
            .ok_or_else(|| Error::NotFound { what: "removed block", id: format!("{article_id}/{seq}") })?;
        // The block's pictures were not fetched at import (see
        // `Library::restore_removed_block_with_images`): those fetched now are
        // stored; the others come back as placeholders (or links, with saving off).
        let images: Vec<_> = fetched.values().filter_map(|r| r.as_ref().ok()).cloned().collect();
        if !images.is_empty() {
            self.add_attachments(article_id, &crate::import::Attachments { images, ..Default::default() })?;
        }
        let why_not = |src: &str| fetched.get(src).and_then(|r| r.as_ref().err()).cloned();
        let block_html = super::books::keep_saved_images_or(self.conn, article_id, &block.html, &why_not)?;
        let (text, html, edit) = splice_block(&text, &html, block.at, &block.text, &block_html)?;
        self.replace_text(article_id, &text, &html, None)?;
        self.conn.execute("DELETE FROM removed_blocks WHERE article_id = ?1 AND seq = ?2", params![article_id, seq])?;
        // Blocks after it, and those that stood just after it in the page,
        // move with the text; those before it stay.
        self.conn.execute(
            "UPDATE removed_blocks SET at = at + ?3 WHERE article_id = ?1 AND (at > ?2 OR (at = ?2 AND seq > ?4))",
            params![article_id, block.at, edit.shift(), seq],
        )?;
        Ok(())
    }
}

impl Library {
    /// The blocks taken out of an article at import, in page order.
    pub fn removed_blocks(&self, article_id: &str) -> Result<Vec<StoredRemovedBlock>> {
        self.article(article_id)?;
        list(self.conn(), article_id)
    }

    /// Puts removed block `seq` back into its article at its place. Highlights,
    /// hidden paragraphs and events move with the text; the other removed
    /// blocks keep their places relative to it.
    pub fn restore_removed_block(&mut self, article_id: &str, seq: u32) -> Result<Article> {
        self.restore_removed_block_with_images(article_id, seq, &FetchedImages::new())
    }

    /// [`Library::restore_removed_block`] with the block's pictures fetched
    /// by the caller ([`crate::import::fetch_images_in`] over the block's
    /// HTML, outside any transaction). Images are fetched when a block is put
    /// back rather than at import: removed blocks are mostly teasers, ads and
    /// related-story thumbnails nobody asked for, and fetching them all would
    /// spend the import's limits and the library's space on them, and tell
    /// more sites that the page was read; putting one back is the reader
    /// asking for it, and it should then look as it did on the page.
    pub fn restore_removed_block_with_images(&mut self, article_id: &str, seq: u32, fetched: &FetchedImages) -> Result<Article> {
        self.write(|tx| tx.restore_removed_block(article_id, seq, fetched))?;
        self.article(article_id)
    }
}

#[cfg(test)]
mod tests {
    use crate::highlight::NewHighlight;
    use crate::import::{contract_violation, load_bytes, Format};
    use crate::model::Outcome;
    use crate::store::Library;

    /// A page of our own: a story with a teaser, a photo credit and a
    /// newsletter prompt inside its box.
    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>The Lamp Room | Harbour Gazette</title></head><body>
        <article><h1>The Lamp Room</h1>
        <p>Every evening since the spring of 1887 the keepers of the old harbour have climbed the stone stairs to light the lamps above the pier.</p>
        <p>Read more: <a href="https://gazette.test/storm">The storm that closed the pier</a></p>
        <p>The youngest keeper, who joined in March 2019, says the work is quieter than people imagine and that the gulls complain the most.</p>
        <p>The harbour at dusk. Photo: Jon Doe</p>
        <p>On clear nights the beam reaches the islands, where the fishing boats use it to find the channel that wrecked so many ships.</p>
        <p>Sign up for our newsletter to get every story from the harbour in your inbox.</p>
        <p>The council has promised to keep the lamps lit through the winter of 2030, whatever the cost of the oil.</p>
        </article></body></html>"#;

    fn imported() -> (Library, String) {
        let mut lib = Library::open_in_memory().unwrap();
        let loaded = load_bytes("lamp.html", PAGE.as_bytes().to_vec(), Format::Html).unwrap();
        let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
        (lib, article.summary.id)
    }

    fn offset(text: &str, needle: &str) -> u32 {
        text[..text.find(needle).unwrap()].chars().count() as u32
    }

    #[test]
    fn removed_blocks_are_stored_at_import_in_page_order() {
        let (lib, id) = imported();
        let blocks = lib.removed_blocks(&id).unwrap();
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Read more: The storm that closed the pier",
                "The harbour at dusk. Photo: Jon Doe",
                "Sign up for our newsletter to get every story from the harbour in your inbox."
            ]
        );
        let text = lib.article(&id).unwrap().text;
        assert!(texts.iter().all(|t| !text.contains(t)));
        // Each stands before the paragraph that followed it on the page.
        assert_eq!(blocks[0].at, offset(&text, "The youngest keeper"));
        assert_eq!(blocks[2].at, offset(&text, "The council"));
        assert!(blocks[0].html.contains("<a href=\"https://gazette.test/storm\""), "{}", blocks[0].html);
    }

    #[test]
    fn a_restored_block_goes_back_in_place_and_what_follows_moves_with_the_text() {
        let (mut lib, id) = imported();
        let before = lib.article(&id).unwrap();
        // A highlight and a hidden paragraph after the first removed block, a
        // user event after it too.
        let (hs, he) = (
            offset(&before.text, "quieter than"),
            offset(&before.text, "quieter than") + "quieter than people imagine".chars().count() as u32,
        );
        let h = lib
            .create_highlight(&NewHighlight {
                article_id: id.clone(),
                start: hs,
                end: he,
                color: Default::default(),
                note: "n".into(),
                tags: vec![],
            })
            .unwrap();
        let beam = offset(&before.text, "On clear nights");
        lib.hide_paragraphs(&id, &[beam]).unwrap();
        let council = offset(&before.text, "The council");
        let mine = lib.add_event(&id, council, council + 11, "winter 2030", Some("Lamps lit")).unwrap();
        assert!(lib.events(&id).unwrap().iter().any(|e| e.value.starts_with("1887")));

        let teaser = lib.removed_blocks(&id).unwrap()[0].clone();
        let after = lib.restore_removed_block(&id, teaser.seq).unwrap();
        let shift = teaser.text.chars().count() as u32 + 2;
        assert!(
            after.text.contains("above the pier.\n\nRead more: The storm that closed the pier\n\nThe youngest keeper"),
            "{}",
            after.text
        );
        assert_eq!(contract_violation(&after.text, &after.html), None);
        let moved = lib.highlight(&h.id).unwrap();
        assert_eq!((moved.start, moved.end), (hs + shift, he + shift));
        let chars: Vec<char> = after.text.chars().collect();
        assert_eq!(chars[moved.start as usize..moved.end as usize].iter().collect::<String>(), "quieter than people imagine");
        assert_eq!(lib.hidden_ranges(&id).unwrap()[0].start, beam + shift);
        let events = lib.events(&id).unwrap();
        let kept = events.iter().find(|e| e.id == mine.id).unwrap();
        assert_eq!(kept.start, council + shift);
        assert!(events.iter().any(|e| e.value == "2019-03"), "extracted events are made again: {events:?}");

        // The other blocks still go back at their places, and the list shrinks.
        let rest = lib.removed_blocks(&id).unwrap();
        assert_eq!(rest.len(), 2);
        for b in rest {
            let a = lib.restore_removed_block(&id, b.seq).unwrap();
            assert_eq!(contract_violation(&a.text, &a.html), None);
        }
        let all = lib.article(&id).unwrap().text;
        assert!(all.contains("Photo: Jon Doe\n\nOn clear nights") && all.ends_with("in your inbox.\n\nThe council has promised to keep the lamps lit through the winter of 2030, whatever the cost of the oil."), "{all}");
        assert!(lib.removed_blocks(&id).unwrap().is_empty());
    }

    #[test]
    fn unknown_blocks_and_articles_are_refused() {
        let (mut lib, id) = imported();
        assert_eq!(lib.restore_removed_block(&id, 99).unwrap_err().kind(), crate::error::ErrorKind::NotFound);
        assert_eq!(lib.restore_removed_block("no-such-article", 0).unwrap_err().kind(), crate::error::ErrorKind::NotFound);
        assert_eq!(lib.removed_blocks(&id).unwrap().len(), 3);
    }

    #[test]
    fn a_block_put_back_brings_its_pictures_fetched_then() {
        use crate::import::{fetch_images_in, images, ImageLimits};
        use sidenote_fuzz_checks::epub_builder::image_site::ImageSite;

        let site = ImageSite::start();
        let page = PAGE
            .replace("<p>Read more:", &format!("<p><img src=\"{}\" alt=\"The storm at the pier\"> Read more:", site.url("/img/plain.png")))
            .replace(
                "<p>The harbour at dusk.",
                &format!("<p><img src=\"{}\" alt=\"Dusk over the pier\"> The harbour at dusk.", site.url("/img/broken.png")),
            );
        let mut lib = Library::open_in_memory().unwrap();
        let loaded = load_bytes("lamp.html", page.into_bytes(), Format::Html).unwrap();
        let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
        let id = article.summary.id;
        let blocks = lib.removed_blocks(&id).unwrap();
        let block =
            |needle: &str| blocks.iter().find(|b| b.text.contains(needle)).unwrap_or_else(|| panic!("{needle}: {blocks:?}")).clone();
        let (teaser, caption) = (block("Read more"), block("Photo: Jon Doe"));
        assert!(teaser.html.contains("/img/plain.png"), "{}", teaser.html);
        assert!(site.requested().iter().all(|r| !r.contains("/img/")), "nothing fetched for removed blocks at import");

        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let fetched = runtime.block_on(fetch_images_in(&teaser.html, &ImageLimits::default()));
        let restored = lib.restore_removed_block_with_images(&id, teaser.seq, &fetched).unwrap();
        let tags = images::img_tags(&restored.html);
        let storm = tags.iter().find(|t| t.get("alt") == Some("The storm at the pier")).expect("the teaser's picture is back");
        let hash = storm.get("data-image").unwrap_or_else(|| panic!("not saved: {:?}", storm.get("data-failed")));
        assert_eq!(storm.get("width"), Some("320"));
        let stored = lib.image(hash).unwrap().expect("stored in the library");
        assert!(!stored.bytes.is_empty());
        assert_eq!(contract_violation(&restored.text, &restored.html), None);

        // A picture that cannot be saved says why (from the fetch just tried).
        let fetched = runtime.block_on(fetch_images_in(&caption.html, &ImageLimits::default()));
        let restored = lib.restore_removed_block_with_images(&id, caption.seq, &fetched).unwrap();
        let tags = images::img_tags(&restored.html);
        let dusk = tags.iter().find(|t| t.get("alt") == Some("Dusk over the pier")).expect("the caption's picture is back");
        assert!(dusk.get("data-failed").is_some_and(|r| r.contains("did not send an image")), "{:?}", dusk.get("data-failed"));
        // Still saved after another text change.
        let tags = images::img_tags(&lib.article(&id).unwrap().html);
        assert!(tags.iter().any(|t| t.get("alt") == Some("The storm at the pier") && t.get("data-image") == Some(hash)));
    }
}
