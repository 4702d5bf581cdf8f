//! Plain text and Markdown to articles.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::blocks::{collapse_whitespace, render, Block, BlockKind};
use crate::model::Extracted;

/// Paragraphs from blank lines; a title from the first short line.
pub fn extract_plain(input: &str) -> Extracted {
    let normalized = input.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs: Vec<String> = normalized
        .split("\n\n")
        .flat_map(split_paragraph)
        .map(|p| collapse_whitespace(&p))
        .filter(|p| !p.is_empty())
        .collect();
    let title = take_title(&mut paragraphs);
    let blocks: Vec<Block> = paragraphs.into_iter().map(Block::paragraph).collect();
    let (text, html) = render(&blocks);
    Extracted { title, text, html, ..Default::default() }
}

/// A chunk between blank lines is one paragraph, unless its lines are each long
/// sentences (a file with one paragraph per line), in which case each line is one.
fn split_paragraph(chunk: &str) -> Vec<String> {
    let lines: Vec<&str> = chunk.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let long = lines.iter().all(|l| l.chars().count() > 100);
    let sentences = lines.len() >= 3 && lines.iter().all(|l| l.ends_with(['.', '!', '?', '"', '”', ':']));
    let each_line_is_paragraph = lines.len() > 1 && (long || sentences);
    if each_line_is_paragraph {
        lines.into_iter().map(str::to_owned).collect()
    } else {
        vec![lines.join(" ")]
    }
}

fn take_title(paragraphs: &mut Vec<String>) -> String {
    match paragraphs.first() {
        Some(first) if first.chars().count() <= 120 && !first.ends_with('.') && paragraphs.len() > 1 => {
            paragraphs.remove(0)
        }
        Some(first) => first.split_whitespace().take(8).collect::<Vec<_>>().join(" "),
        None => String::new(),
    }
}

/// CommonMark to blocks; the first level-1 heading (or the first heading) is the title.
pub fn extract_markdown(input: &str) -> Extracted {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<(BlockKind, String)> = None;
    let mut quote_depth = 0usize;
    let mut title: Option<String> = None;
    for event in Parser::new(input) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                current = Some((BlockKind::Heading(n), String::new()));
            }
            Event::Start(Tag::Paragraph) => {
                if current.is_none() {
                    let kind = if quote_depth > 0 { BlockKind::Quote } else { BlockKind::Paragraph };
                    current = Some((kind, String::new()));
                }
            }
            Event::Start(Tag::Item) => current = Some((BlockKind::ListItem, String::new())),
            Event::Start(Tag::CodeBlock(_)) => current = Some((BlockKind::Preformatted, String::new())),
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf)) = current.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buf)) = current.as_mut() {
                    buf.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) | Event::End(TagEnd::CodeBlock) => {
                if let Some((kind, buf)) = current.take() {
                    let text = collapse_whitespace(&buf);
                    if title.is_none() && kind == BlockKind::Heading(1) {
                        title = Some(text);
                    } else {
                        blocks.push(Block { kind, text });
                    }
                }
            }
            _ => {}
        }
    }
    let title = title.unwrap_or_else(|| {
        match blocks.iter().position(|b| matches!(b.kind, BlockKind::Heading(_))) {
            Some(0) => blocks.remove(0).text,
            _ => blocks.first().map(|b| b.text.split_whitespace().take(8).collect::<Vec<_>>().join(" ")).unwrap_or_default(),
        }
    });
    let (text, html) = render(&blocks);
    Extracted { title, text, html, ..Default::default() }
}

/// Minimal HTML handling: the page's text, paragraph by paragraph.
pub fn extract_html_basic(input: &str) -> Extracted {
    let title = input
        .find("<title>")
        .and_then(|s| input[s + 7..].find("</title>").map(|e| collapse_whitespace(&input[s + 7..s + 7 + e])))
        .unwrap_or_default();
    let cleaned = ammonia::Builder::empty().clean(&input.replace("</p>", "\n\n</p>")).to_string();
    let mut extracted = extract_plain(&cleaned.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
    if !title.is_empty() {
        extracted.title = title;
    }
    extracted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_title_and_paragraphs() {
        let e = extract_plain("A Walk by the Canal\n\nWe set out early, before the boats.\nThe towpath was muddy.\n\nBy noon we reached the lock.\n");
        assert_eq!(e.title, "A Walk by the Canal");
        assert_eq!(e.text, "We set out early, before the boats. The towpath was muddy.\n\nBy noon we reached the lock.");
    }

    #[test]
    fn one_paragraph_per_line_files() {
        let e = extract_plain("Title line\n\nFirst sentence of one paragraph ends here.\nSecond paragraph sits on its own line.\nA third one closes the file.\n");
        assert_eq!(e.text, "First sentence of one paragraph ends here.\n\nSecond paragraph sits on its own line.\n\nA third one closes the file.");
    }

    #[test]
    fn markdown_heading_is_title_and_blocks_keep_kinds() {
        let e = extract_markdown("# Field Guide\n\nIntro with *emphasis*.\n\n## Part one\n\n- alpha\n- beta\n\n> quoted line\n");
        assert_eq!(e.title, "Field Guide");
        assert_eq!(e.text, "Intro with emphasis.\n\nPart one\n\nalpha\n\nbeta\n\nquoted line");
        assert!(e.html.contains("<h2 data-o=\"22\">Part one</h2>"));
        assert!(e.html.contains("<blockquote data-o="));
    }
}
