//! Markdown for notes vaults (Obsidian, Logseq): YAML front matter, then each
//! highlight as a blockquote in text order with its color and tags, the note
//! below it, then the article's timeline as a list in date order.

use std::fmt::Write;

use super::timeline_dates::place_range;
use super::ArticleNotes;
use crate::highlight::Highlight;

/// Several articles in one document, separated by a horizontal rule.
pub fn render_all(notes: &[ArticleNotes]) -> String {
    notes.iter().map(render).collect::<Vec<_>>().join("\n---\n\n")
}

pub fn render(n: &ArticleNotes) -> String {
    let s = &n.article.summary;
    let mut out = String::from("---\n");
    field(&mut out, "title", Some(&s.title));
    field(&mut out, "author", s.byline.as_deref());
    field(&mut out, "site", s.site.as_deref());
    field(&mut out, "url", s.source_url.as_deref());
    field(&mut out, "published", s.published.map(|p| p.to_string()).as_deref());
    field(&mut out, "imported", Some(&s.imported_at));
    let tags = n.tags();
    if tags.is_empty() {
        out.push_str("tags: []\n");
    } else {
        out.push_str("tags:\n");
        for t in &tags {
            let _ = writeln!(out, "  - {}", yaml_string(t));
        }
    }
    field(&mut out, "sidenote-id", Some(&s.id));
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {}\n", inline(&s.title));
    let (anchored, orphaned): (Vec<&Highlight>, Vec<&Highlight>) = n.highlights.iter().partition(|h| !h.orphaned);
    if anchored.is_empty() && orphaned.is_empty() {
        out.push_str("*No highlights.*\n");
    }
    for h in anchored {
        highlight(&mut out, h);
    }
    if !orphaned.is_empty() {
        out.push_str("## Highlights that lost their place\n\n");
        for h in orphaned {
            highlight(&mut out, h);
        }
    }
    timeline(&mut out, n);
    out
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
        let date = place_range(&e.value, e.value_end.as_deref()).map(|p| p.display).unwrap_or_else(|| e.value.clone());
        let _ = writeln!(out, "- **{}** — {}", inline(&date), inline(&e.label));
    }
    out.push('\n');
}

fn highlight(out: &mut String, h: &Highlight) {
    for line in h.exact.split('\n') {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {}", inline(line));
        }
    }
    out.push('\n');
    let _ = write!(out, "*{}*", h.color);
    for t in &h.tags {
        // A vault tag cannot hold spaces.
        let _ = write!(out, " #{}", t.split_whitespace().collect::<Vec<_>>().join("-"));
    }
    out.push('\n');
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
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}
