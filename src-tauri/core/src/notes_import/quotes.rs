//! Articles made of quotes, for sources the library does not hold: a Kindle
//! book, a web page annotated in Hypothesis or Readwise but never imported,
//! an Omnivore item whose saved text is not in the export. Each quote is a
//! quotation block of its own, in order, so its highlight sits exactly on
//! it; importing more quotes later appends blocks after the old ones, so no
//! stored offset moves.

use crate::error::Result;
use crate::import::blocks::{render, Block, BlockKind};
use crate::model::{Extracted, SourceKind};
use crate::store::{NewArticle, Stamp, Tx};

/// What an article made for a source is called and where it came from.
#[derive(Debug, Clone, Default)]
pub(super) struct Source {
    pub title: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub published: Option<crate::PartialDate>,
}

/// Adds an article made of quotation blocks: a fresh id, imported now, plain
/// text. Returns its id and text.
pub(super) fn add_quotes_article(tx: &mut Tx<'_>, source: &Source, blocks: &[Block]) -> Result<(String, String)> {
    let (text, html) = render(blocks);
    let extracted = Extracted {
        title: source.title.clone(),
        byline: source.byline.clone(),
        site: source.site.clone(),
        published: source.published,
        text,
        html,
        ..Default::default()
    };
    let new = NewArticle { extracted, source_kind: SourceKind::Text, source_url: source.url.clone(), raw: None, encoding: None };
    let stamp = Stamp::fresh();
    tx.add_article(&new, &stamp)?;
    Ok((stamp.id, new.extracted.text))
}

fn quote_blocks(texts: &[String]) -> Vec<Block> {
    texts.iter().map(|t| Block { kind: BlockKind::Quote, text: t.clone() }).collect()
}

/// Where each quote went: the article (made now, or `existing`), its text,
/// and each quote's span in it.
pub(super) struct Placed {
    pub id: String,
    pub text: String,
    pub spans: Vec<(u32, u32)>,
    pub created: bool,
}

/// Places every quote (whitespace already collapsed, none empty) on a block
/// of `existing`, a quotes article, or of a new one made for `source`: the
/// existing blocks first, in order (each quote takes the first block with
/// its words not taken yet), then new blocks appended after them, the
/// article's text replaced when blocks were added.
pub(super) fn place(tx: &mut Tx<'_>, source: &Source, existing: Option<(String, String)>, quotes: &[&str]) -> Result<Placed> {
    let old: Vec<String> = match &existing {
        Some((_, text)) => text.split("\n\n").map(str::to_owned).collect(),
        None => Vec::new(),
    };
    let mut blocks: Vec<String> = old.clone();
    let mut taken = vec![false; old.len()];
    let mut index_of = Vec::with_capacity(quotes.len());
    for q in quotes {
        match (0..old.len()).find(|&i| !taken[i] && old[i] == *q) {
            Some(i) => {
                taken[i] = true;
                index_of.push(i);
            }
            None => {
                blocks.push((*q).to_owned());
                index_of.push(blocks.len() - 1);
            }
        }
    }
    // Blocks are joined by a blank line (`render`), so each starts two code
    // points after the previous one ends.
    let mut starts = Vec::with_capacity(blocks.len());
    let mut at = 0u32;
    for b in &blocks {
        starts.push(at);
        at += b.chars().count() as u32 + 2;
    }
    let spans = index_of.iter().map(|&i| (starts[i], starts[i] + blocks[i].chars().count() as u32)).collect();
    let grew = blocks.len() > old.len();
    let (id, text, created) = match existing {
        None => {
            let (id, text) = add_quotes_article(tx, source, &quote_blocks(&blocks))?;
            (id, text, true)
        }
        Some((id, old_text)) if !grew => (id, old_text, false),
        Some((id, _)) => {
            // The old blocks render to the same text and HTML, so every stored
            // offset stays where it is; the timeline is made again from the longer text.
            let (text, html) = render(&quote_blocks(&blocks));
            tx.replace_text(&id, &text, &html, None)?;
            (id, text, false)
        }
    };
    Ok(Placed { id, text, spans, created })
}
