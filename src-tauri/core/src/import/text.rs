//! Plain text and Markdown to articles. Both end in HTML that goes through the
//! same sanitizer and layout as web pages, so every article has one shape.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::blocks::{collapse_whitespace, first_words};
use super::boilerplate::{strip_boilerplate, Unit};
use super::layout::{layout, layout_paragraphs};
use super::sanitize::sanitize;
use crate::model::Extracted;
use crate::words::words;

/// Paragraphs from blank lines (or single lines where each line is clearly a
/// paragraph), site furniture removed, a title from the first short line.
pub fn extract_plain(input: &str) -> Extracted {
    let normalized = if input.contains('\r') { Cow::Owned(input.replace("\r\n", "\n").replace('\r', "\n")) } else { Cow::Borrowed(input) };
    let units: Vec<Unit> = split_blank_lines(&normalized).flat_map(split_chunk).collect();
    let article = strip_boilerplate(units);
    let (text, html) = layout_paragraphs(&article.paragraphs);
    Extracted { title: article.title, byline: article.byline, published: article.published, text, html, ..Default::default() }
}

/// A chunk between blank lines is one paragraph, unless its lines are each a
/// paragraph of their own: long lines, lines that each end a sentence, or short
/// label-like lines (menus, buttons) that must be judged one by one.
fn split_chunk(chunk: &str) -> Vec<Unit> {
    let lines: Vec<&str> = chunk.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return Vec::new();
    }
    // Most chunks are one line: the tests below only matter for several.
    let long = || lines.iter().all(|l| l.chars().count() > 100);
    let sentences = || lines.len() >= 3 && lines.iter().all(|l| l.ends_with(['.', '!', '?', '"', '”', ':']));
    let labels = || lines.len() >= 2 && lines.iter().all(|l| words(l).nth(6).is_none());
    if lines.len() > 1 && (long() || sentences() || labels()) {
        let last = lines.len() - 1;
        lines.iter().enumerate().map(|(i, l)| Unit { text: collapse_whitespace(l), blank_after: i == last }).collect()
    } else {
        // The chunk's words are its lines' words, in order.
        vec![Unit { text: collapse_whitespace(chunk), blank_after: true }]
    }
}

/// `s.split("\n\n")`, finding line breaks with a byte search rather than a
/// substring search (a book has tens of thousands of paragraphs).
fn split_blank_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut start = Some(0);
    let mut from = 0;
    std::iter::from_fn(move || {
        let begin = start?;
        while let Some(i) = s[from..].find('\n').map(|i| from + i) {
            from = i + 1;
            if s.as_bytes().get(i + 1) == Some(&b'\n') {
                from = i + 2;
                start = Some(from);
                return Some(&s[begin..i]);
            }
        }
        start = None;
        Some(&s[begin..])
    })
}

/// CommonMark to the stored shape; the first level-1 heading (or a heading that
/// opens the document) is the title and is not repeated in the body. Inline
/// emphasis, code and links survive (through the sanitizer's allowlist).
pub fn extract_markdown(input: &str) -> Extracted {
    let events: Vec<Event> = Parser::new(input).collect();
    let headings: Vec<(usize, usize, HeadingLevel)> = heading_spans(&events);
    let title_span = headings
        .iter()
        .find(|(_, _, level)| *level == HeadingLevel::H1)
        .or_else(|| headings.first().filter(|(start, _, _)| *start == 0))
        .map(|(s, e, _)| (*s, *e));
    let title = title_span.map(|(s, e)| plain_text(&events[s..=e])).unwrap_or_default();
    let body: Vec<Event> =
        events.into_iter().enumerate().filter(|(i, _)| title_span.is_none_or(|(s, e)| *i < s || *i > e)).map(|(_, ev)| ev).collect();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, body.into_iter());
    let (text, html) = layout(&sanitize(&html, None));
    let title = if title.is_empty() { first_words(&text) } else { title };
    Extracted { title, text, html, ..Default::default() }
}

fn heading_spans(events: &[Event]) -> Vec<(usize, usize, HeadingLevel)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, HeadingLevel)> = None;
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => open = Some((i, *level)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level)) = open.take() {
                    spans.push((start, i, level));
                }
            }
            _ => {}
        }
    }
    spans
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for ev in events {
        match ev {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::contract_violation;

    #[test]
    fn plain_text_title_and_paragraphs() {
        let e = extract_plain("A Walk by the Canal\n\nWe set out early, before the boats.\nThe towpath was muddy and slow going.\n\nBy noon we reached the lock, where a keeper waved us through.\n");
        assert_eq!(e.title, "A Walk by the Canal");
        assert_eq!(e.text, "We set out early, before the boats. The towpath was muddy and slow going.\n\nBy noon we reached the lock, where a keeper waved us through.");
        assert_eq!(contract_violation(&e.text, &e.html), None);
    }

    #[test]
    fn one_paragraph_per_line_files() {
        let e = extract_plain("Title line\n\nFirst sentence of one paragraph ends here.\nSecond paragraph sits on its own line.\nA third one closes the file.\n");
        assert_eq!(
            e.text,
            "First sentence of one paragraph ends here.\n\nSecond paragraph sits on its own line.\n\nA third one closes the file."
        );
    }

    proptest::proptest! {
        #[test]
        fn blank_lines_split_as_str_split_does(s in "[ab\n\r ]{0,16}") {
            proptest::prop_assert_eq!(split_blank_lines(&s).collect::<Vec<_>>(), s.split("\n\n").collect::<Vec<_>>());
        }
    }

    #[test]
    fn chunks_of_one_line_each_and_wrapped_chunks() {
        let menu = split_chunk("Home\n  News \nWeather");
        assert_eq!(
            menu.iter().map(|u| (u.text.as_str(), u.blank_after)).collect::<Vec<_>>(),
            [("Home", false), ("News", false), ("Weather", true)]
        );
        let wrapped = split_chunk("The ferry left at dawn and the\n  harbour was\tstill asleep when it\nreached the open sea");
        assert_eq!(
            wrapped,
            [Unit {
                text: "The ferry left at dawn and the harbour was still asleep when it reached the open sea".into(),
                blank_after: true
            }]
        );
        assert!(split_chunk(" \n\t\n").is_empty());
    }

    #[test]
    fn plain_text_markup_characters_are_text() {
        let e = extract_plain("Signs\n\nIf a < b && c > d then <script> is just words here.");
        assert_eq!(e.text, "If a < b && c > d then <script> is just words here.");
        assert!(e.html.contains("&lt;script&gt;"));
        assert_eq!(contract_violation(&e.text, &e.html), None);
    }

    #[test]
    fn markdown_heading_is_title_and_blocks_keep_kinds_and_emphasis() {
        let e = extract_markdown("# Field Guide\n\nIntro with *emphasis* and [a link](https://guide.test/).\n\n## Part one\n\n- alpha\n- beta\n\n> quoted line\n\n```\ncode here\n```\n\n[bad](javascript:alert(1))\n");
        assert_eq!(e.title, "Field Guide");
        assert_eq!(e.text, "Intro with emphasis and a link.\n\nPart one\n\nalpha\n\nbeta\n\nquoted line\n\ncode here\n\nbad");
        assert!(e.html.contains("<h2 data-o=\"33\">Part one</h2>"), "{}", e.html);
        assert!(e.html.contains("<em>emphasis</em>"));
        assert!(e.html.contains("<a href=\"https://guide.test/\" rel=\"noopener noreferrer\">a link</a>"), "{}", e.html);
        assert!(e.html.contains("<blockquote><p data-o="));
        assert!(!e.html.contains("javascript"));
        assert_eq!(contract_violation(&e.text, &e.html), None);
    }
}
