//! Markdown for notes vaults (Obsidian, Logseq): YAML front matter, then each
//! highlight as a blockquote in text order with its color and tags, the note
//! below it, then the article's timeline as a list in date order.

use std::fmt::Write;

use super::ArticleNotes;
use crate::highlight::Highlight;

/// Several articles in one document, separated by a horizontal rule.
pub fn render_all(notes: &[ArticleNotes]) -> String {
    // Room for the quotes and notes with their markup, so the buffer seldom grows.
    let size: usize = notes.iter().flat_map(|n| &n.highlights).map(|h| h.exact.len() + h.note.len() + 64).sum();
    let mut out = String::with_capacity(size + notes.len() * 512);
    for (i, n) in notes.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        render_into(&mut out, n);
    }
    out
}

/// `render_all`, written article by article through one reused buffer.
pub fn write_all(notes: &[ArticleNotes], w: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut buf = String::new();
    for (i, n) in notes.iter().enumerate() {
        buf.clear();
        if i > 0 {
            buf.push_str("\n---\n\n");
        }
        render_into(&mut buf, n);
        w.write_all(buf.as_bytes())?;
    }
    Ok(())
}

pub fn render(n: &ArticleNotes) -> String {
    let mut out = String::new();
    render_into(&mut out, n);
    out
}

fn render_into(out: &mut String, n: &ArticleNotes) {
    let s = &n.article.summary;
    out.push_str("---\n");
    field(out, "title", Some(&s.title));
    field(out, "author", s.byline.as_deref());
    field(out, "site", s.site.as_deref());
    field(out, "url", s.source_url.as_deref());
    field(out, "published", s.published.map(|p| p.to_string()).as_deref());
    field(out, "imported", Some(&s.imported_at));
    let tags = n.tags();
    if tags.is_empty() {
        out.push_str("tags: []\n");
    } else {
        out.push_str("tags:\n");
        for t in &tags {
            let _ = writeln!(out, "  - {}", yaml_string(t));
        }
    }
    field(out, "sidenote-id", Some(&s.id));
    out.push_str("---\n\n# ");
    inline_into(out, &s.title);
    out.push_str("\n\n");
    // Notes on the whole article (a Hypothesis page note, an Omnivore
    // item's note) come first, as written: they are the reader's Markdown.
    for note in &n.article_notes {
        let _ = writeln!(out, "{}\n", note.note.trim_end());
    }
    if n.highlights.is_empty() {
        out.push_str("*No highlights.*\n");
    }
    // A book's highlights go under their chapters' headings.
    let mut chapter = None;
    for h in n.highlights.iter().filter(|h| !h.orphaned) {
        let now = n.chapter_of(h);
        if let Some(c) = now.filter(|_| now != chapter) {
            out.push_str("## ");
            inline_into(out, &c.title);
            out.push_str("\n\n");
        }
        chapter = now;
        highlight(out, h, &n.images);
    }
    if n.highlights.iter().any(|h| h.orphaned) {
        out.push_str("## Highlights that lost their place\n\n");
        for h in n.highlights.iter().filter(|h| h.orphaned) {
            highlight(out, h, &n.images);
        }
    }
    timeline(out, n);
}

/// The events the sidebar shows, as "- **Spring 1987** — label".
fn timeline(out: &mut String, n: &ArticleNotes) {
    let events = n.timeline();
    if events.is_empty() {
        return;
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str("## Timeline\n\n");
    for e in events {
        let _ = writeln!(out, "- **{}** — {}", inline(&e.date.label), inline(&e.label));
        for w in e.confirmed_errors() {
            let _ = writeln!(out, "  - *Error in the text:* {}", inline(&w.message));
        }
    }
    out.push('\n');
}

fn highlight(out: &mut String, h: &Highlight, images: &[super::images::NoteImage]) {
    for line in h.exact.split('\n') {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            inline_into(out, line);
            out.push('\n');
        }
    }
    for image in images.iter().filter(|i| i.highlight_id == h.id) {
        out.push_str(">\n> ![");
        inline_into(out, &image.alt);
        // An address in angle brackets may hold spaces and parentheses.
        let _ = writeln!(out, "](<{}>)", image.src.replace(['<', '>', '\n'], ""));
    }
    out.push_str("\n*");
    out.push_str(h.color.as_str());
    out.push('*');
    for t in &h.tags {
        // A vault tag cannot hold spaces.
        out.push_str(" #");
        for (i, word) in t.split_whitespace().enumerate() {
            if i > 0 {
                out.push('-');
            }
            out.push_str(word);
        }
    }
    // Back to the passage in Sidenote (the OS hands the link to the app).
    let _ = writeln!(out, " · [Open in Sidenote]({})", crate::links::highlight_link(&h.article_id, &h.id));
    let note = h.note.trim();
    if !note.is_empty() {
        out.push('\n');
        out.push_str(note);
        out.push('\n');
    }
    out.push('\n');
}

fn field(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = writeln!(out, "{key}: {}", yaml_string(v));
    }
}

/// A double-quoted YAML scalar: always quoted, so values like `no`, `2010`
/// or `: x` keep their meaning as text.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain text made inert in Markdown: characters that would start emphasis,
/// links, code, HTML or a heading are backslash-escaped.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    inline_into(&mut out, s);
    out
}

/// `inline`, appended to `out`. Every character it escapes is ASCII, so the
/// text is copied in runs between them.
fn inline_into(out: &mut String, s: &str) {
    if let Some(c @ ('#' | '-' | '+')) = s.chars().next() {
        out.push('\\');
        out.push(c);
        return inline_rest(out, &s[1..]);
    }
    inline_rest(out, s)
}

fn inline_rest(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        if matches!(b, b'\\' | b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'>' | b'|') {
            out.push_str(&s[from..i]);
            out.push('\\');
            from = i;
        }
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The character-by-character definition `inline` copies in runs.
    fn inline_by_char(s: &str) -> String {
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') || (i == 0 && matches!(c, '#' | '-' | '+')) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn inline_escapes_as_defined(s in "[-#+*_`\\[\\]<>|\\\\a é北]{0,12}") {
            prop_assert_eq!(super::inline(&s), inline_by_char(&s));
        }
    }
}
