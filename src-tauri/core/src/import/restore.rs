//! Putting a removed block back into an article: the block's text goes in at
//! its place with the blank-line separator, its HTML goes in before the block
//! that followed it, and every `data-o` after it moves by what was inserted,
//! so the offsets contract ([`super::layout`]) still holds.

use dom_query::{Document, NodeRef};

use super::layout::contract_violation;
use crate::error::{Error, Result};

/// One splice of an article's text: at `at` (code points), `removed` code
/// points were replaced by `inserted` ones. Offsets before `at` keep their
/// place; offsets at or after `at + removed` move by `inserted - removed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEdit {
    pub at: u32,
    pub removed: u32,
    pub inserted: u32,
}

impl TextEdit {
    /// Where an offset of the old text is in the new one (none inside the
    /// replaced span).
    pub fn map(&self, offset: u32) -> Option<u32> {
        if offset < self.at || (offset == self.at && self.removed > 0) {
            return (offset <= self.at).then_some(offset);
        }
        let end = self.at + self.removed;
        (offset >= end).then(|| offset - self.removed + self.inserted)
    }

    /// How far offsets after the edit move.
    pub fn shift(&self) -> i64 {
        i64::from(self.inserted) - i64::from(self.removed)
    }
}

/// The article's text and HTML with the block (laid out on its own, offsets
/// from 0) put back at `at`: the offset of the block it stood before, or past
/// the end when it followed the last one.
pub fn splice_block(text: &str, html: &str, at: u32, block_text: &str, block_html: &str) -> Result<(String, String, TextEdit)> {
    let chars = text.chars().count() as u32;
    let len = block_text.chars().count() as u32;
    if len == 0 {
        return Err(Error::Invalid("the removed block has no text".into()));
    }
    let (new_text, block_at, edit) = if text.is_empty() {
        (block_text.to_owned(), 0, TextEdit { at: 0, removed: 0, inserted: len })
    } else if at >= chars {
        (format!("{text}\n\n{block_text}"), chars + 2, TextEdit { at: chars, removed: 0, inserted: len + 2 })
    } else {
        let byte = text.char_indices().nth(at as usize).map_or(text.len(), |(b, _)| b);
        if !(at == 0 || text[..byte].ends_with("\n\n")) {
            return Err(Error::Invalid(format!("offset {at} is not the start of a paragraph of this article")));
        }
        (format!("{}{block_text}\n\n{}", &text[..byte], &text[byte..]), at, TextEdit { at, removed: 0, inserted: len + 2 })
    };
    let doc = Document::from(html);
    let body = doc.body().ok_or_else(|| Error::Invalid("the article's HTML has no body".into()))?;
    // Move every block at or after the insertion point.
    let mut before: Option<NodeRef> = None;
    for node in body.descendants_it().filter(|n| n.is_element() && n.has_attr("data-o")).collect::<Vec<_>>() {
        let Some(o) = node.attr("data-o").and_then(|v| v.parse::<u32>().ok()) else { continue };
        if o >= block_at && !text.is_empty() && at < chars {
            if o == block_at && before.is_none() {
                before = Some(node);
            }
            node.set_attr("data-o", &(o + edit.inserted).to_string());
        }
    }
    let shifted = shift_offsets(block_html, block_at)?;
    match before.map(|n| outermost_start(&body, n)) {
        Some(anchor) => anchor.before_html(shifted),
        None => body.append_html(shifted),
    }
    let new_html = body.inner_html().to_string();
    if let Some(v) = contract_violation(&new_text, &new_html) {
        return Err(Error::Invalid(format!("putting the block back would break the article's offsets ({v})")));
    }
    Ok((new_text, new_html, edit))
}

/// The block's own HTML with its offsets moved to start at `by`.
fn shift_offsets(block_html: &str, by: u32) -> Result<String> {
    let doc = Document::from(block_html);
    let body = doc.body().ok_or_else(|| Error::Invalid("the removed block's HTML has no body".into()))?;
    for node in body.descendants_it().filter(|n| n.is_element() && n.has_attr("data-o")).collect::<Vec<_>>() {
        let o: u32 =
            node.attr("data-o").and_then(|v| v.parse().ok()).ok_or_else(|| Error::Invalid("bad offset in a removed block".into()))?;
        node.set_attr("data-o", &(o + by).to_string());
    }
    Ok(body.inner_html().to_string())
}

/// The outermost element that starts with `block` (a list whose first item it
/// is, a quote whose first paragraph it is), below `body`: the block goes back
/// before the whole structure, not inside it.
fn outermost_start<'a>(body: &NodeRef<'a>, block: NodeRef<'a>) -> NodeRef<'a> {
    let mut node = block;
    while let Some(parent) = node.parent() {
        if parent.id == body.id || !parent.is_element() {
            break;
        }
        let first_offset = parent.descendants_it().find(|d| d.is_element() && d.has_attr("data-o"));
        if first_offset.is_none_or(|f| f.id != node.id && !node.descendants_it().any(|d| d.id == f.id)) {
            break;
        }
        node = parent;
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::layout;

    fn article(html: &str) -> (String, String) {
        layout(html)
    }

    #[test]
    fn a_block_goes_back_before_the_paragraph_it_preceded() {
        let (text, html) = article("<p>The pier was rebuilt.</p><ul><li>first item</li><li>second</li></ul><p>The ferry came back.</p>");
        let (btext, bhtml) = article("<p>Photo: Jon Doe</p>");
        let list = text.find("first item").map(|b| text[..b].chars().count() as u32).unwrap();
        let (t, h, edit) = splice_block(&text, &html, list, &btext, &bhtml).unwrap();
        assert_eq!(t, "The pier was rebuilt.\n\nPhoto: Jon Doe\n\nfirst item\n\nsecond\n\nThe ferry came back.");
        assert_eq!(edit, TextEdit { at: list, removed: 0, inserted: 16 });
        // Before the list, not inside it.
        assert!(h.contains("Photo: Jon Doe</p><ul>"), "{h}");
        assert_eq!(contract_violation(&t, &h), None);
        // Offsets after it moved with the text.
        assert_eq!(edit.map(list), Some(list + 16));
        assert_eq!(edit.map(3), Some(3));
    }

    #[test]
    fn at_the_end_at_the_start_and_into_an_empty_article() {
        let (text, html) = article("<p>Only paragraph here.</p>");
        let (btext, bhtml) = article("<p>Read more: the lighthouse</p>");
        let (t, h, _) = splice_block(&text, &html, 9999, &btext, &bhtml).unwrap();
        assert_eq!(t, "Only paragraph here.\n\nRead more: the lighthouse");
        assert_eq!(contract_violation(&t, &h), None);
        let (t, h, edit) = splice_block(&text, &html, 0, &btext, &bhtml).unwrap();
        assert_eq!(t, "Read more: the lighthouse\n\nOnly paragraph here.");
        assert_eq!(edit.at, 0);
        assert_eq!(contract_violation(&t, &h), None);
        let (t, h, _) = splice_block("", "", 0, &btext, &bhtml).unwrap();
        assert_eq!((t.as_str(), contract_violation(&t, &h)), ("Read more: the lighthouse", None));
    }

    #[test]
    fn an_offset_inside_a_paragraph_is_refused() {
        let (text, html) = article("<p>One paragraph.</p><p>Two paragraphs.</p>");
        let (btext, bhtml) = article("<p>Share</p>");
        assert!(splice_block(&text, &html, 3, &btext, &bhtml).is_err());
    }

    #[test]
    fn edits_map_offsets_around_a_replaced_span() {
        let e = TextEdit { at: 10, removed: 4, inserted: 7 };
        assert_eq!((e.map(9), e.map(10), e.map(12), e.map(14), e.map(20)), (Some(9), Some(10), None, Some(17), Some(23)));
        assert_eq!(e.shift(), 3);
    }
}
