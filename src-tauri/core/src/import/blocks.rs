//! The block model every importer ends in, and its rendering to the stored pair
//! (plain text, HTML with `data-o` offsets).
//!
//! Contract with the reader (see `ui/src/reader/offsets.ts`): blocks are
//! separated by "\n\n" in the text; each rendered block element carries
//! `data-o`, the code-point offset of its first character; the text nodes inside
//! it concatenate to exactly its slice of the text.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    Quote,
    ListItem,
    Preformatted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block { kind: BlockKind::Paragraph, text: text.into() }
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    crate::words::collapse(s)
}

/// A stand-in title: the first words of the text.
pub fn first_words(text: &str) -> String {
    text.split_whitespace().take(8).collect::<Vec<_>>().join(" ")
}

/// The text ranges (code points, end exclusive) of an article's captions
/// (`figcaption`, table `caption`) in its laid-out HTML: each runs from its
/// `data-o` to the next block's after the caption closes (or the end).
pub fn caption_ranges(html: &str) -> Vec<(usize, usize)> {
    let offset_at = |from: &str| -> Option<usize> {
        let at = from.find(" data-o=\"")?;
        let rest = &from[at + 9..];
        rest[..rest.find('"')?].parse().ok()
    };
    let mut out = Vec::new();
    let mut rest = html;
    loop {
        let fig = rest.find("<figcaption").map(|i| (i, "</figcaption>"));
        let table = rest.find("<caption").map(|i| (i, "</caption>"));
        let Some((at, close)) = [fig, table].into_iter().flatten().min_by_key(|(i, _)| *i) else { break };
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let start = offset_at(&rest[at..tag_end]);
        let after = rest[at..].find(close).map_or(rest.len(), |e| at + e + close.len());
        rest = &rest[after..];
        if let Some(start) = start {
            out.push((start, offset_at(rest).unwrap_or(usize::MAX)));
        }
    }
    out
}

pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Renders blocks to (text, html). Empty blocks are dropped.
pub fn render(blocks: &[Block]) -> (String, String) {
    let mut text = String::new();
    let mut html = String::new();
    let mut offset = 0usize; // code points
    let mut in_list = false;
    for block in blocks.iter().filter(|b| !b.text.trim().is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
            offset += 2;
        }
        let is_item = block.kind == BlockKind::ListItem;
        if is_item && !in_list {
            html.push_str("<ul>");
        } else if !is_item && in_list {
            html.push_str("</ul>");
        }
        in_list = is_item;
        let tag = match block.kind {
            BlockKind::Paragraph => "p".to_owned(),
            BlockKind::Heading(level) => format!("h{}", level.clamp(2, 6)),
            BlockKind::Quote => "blockquote".to_owned(),
            BlockKind::ListItem => "li".to_owned(),
            BlockKind::Preformatted => "pre".to_owned(),
        };
        html.push_str(&format!("<{tag} data-o=\"{offset}\">"));
        escape_html(&block.text, &mut html);
        html.push_str(&format!("</{tag}>"));
        text.push_str(&block.text);
        offset += block.text.chars().count();
    }
    if in_list {
        html.push_str("</ul>");
    }
    (text, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_each_block_in_code_points() {
        let blocks = vec![
            Block { kind: BlockKind::Heading(2), text: "Über".into() },
            Block::paragraph("a < b & c"),
            Block { kind: BlockKind::ListItem, text: "one".into() },
            Block { kind: BlockKind::ListItem, text: "two".into() },
            Block::paragraph("   "),
            Block::paragraph("end"),
        ];
        let (text, html) = render(&blocks);
        assert_eq!(text, "Über\n\na < b & c\n\none\n\ntwo\n\nend");
        assert_eq!(
            html,
            "<h2 data-o=\"0\">Über</h2><p data-o=\"6\">a &lt; b &amp; c</p><ul><li data-o=\"17\">one</li><li data-o=\"22\">two</li></ul><p data-o=\"27\">end</p>"
        );
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[17..20].iter().collect::<String>(), "one");
        assert_eq!(chars[27..].iter().collect::<String>(), "end");
    }

    #[test]
    fn caption_ranges_run_to_the_next_block() {
        let html = r#"<p data-o="0">Prose.</p><figure><img data-image="x"><figcaption data-o="8">A <em>wall</em>, 1923.</figcaption></figure><p data-o="25">More.</p><table><caption data-o="32">Catch</caption><tr><td data-o="39">9</td></tr></table><figure><figcaption data-o="42">Last</figcaption></figure>"#;
        assert_eq!(caption_ranges(html), [(8, 25), (32, 39), (42, usize::MAX)]);
        assert_eq!(caption_ranges("<p data-o=\"0\">none</p>"), []);
    }
}
