//! The one place where sanitized HTML becomes the stored pair: normalized plain
//! text and HTML whose text blocks carry `data-o`.
//!
//! Contract with the reader: blocks are separated by "\n\n" in the text; each
//! block element that holds text carries `data-o`, the code-point offset of its
//! first character; the text nodes inside it concatenate to exactly its slice
//! of the text. To make that hold, the HTML is re-serialized from scratch:
//! - whitespace is collapsed (and trimmed) inside every block, in the stored
//!   HTML text nodes as well as in the text, so both read the same;
//! - `<br>` counts as ordinary whitespace (one space), never as "\n";
//! - `<pre>` keeps its line breaks verbatim, except that blank lines are folded
//!   to one "\n" so that "\n\n" only ever separates blocks;
//! - loose inline content next to blocks (e.g. text directly in a `<li>` that
//!   also holds a nested list) is wrapped in a `<p>` so it gets an offset.
//!
//! Only the tags and attributes listed here are written, whatever the input held.

use std::borrow::Cow;
use std::fmt::Write;

use dom_query::{Document, NodeData, NodeRef};

use super::sanitize;

mod untrusted;

use untrusted::{kept_text, kids, pre_start};
pub use untrusted::{layout_untrusted, layout_untrusted_marked};

/// Elements that start a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "hr",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "address",
    "details",
    "summary",
];

/// Block elements written out under their own name; the others (div, section…)
/// vanish and their content is laid out in their place.
const KEPT_BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
];

/// Inline elements written out under their own name; other inline elements
/// (span, font…) are transparent.
const KEPT_INLINE: &[&str] =
    &["a", "em", "strong", "b", "i", "u", "s", "code", "sub", "sup", "mark", "small", "cite", "q", "abbr", "del", "ins", "kbd", "var"];

/// Attributes kept per element (values are re-escaped).
fn kept_attributes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["href", "title", "rel"],
        "img" => &["src", "alt", "title", "referrerpolicy", "loading"],
        "td" | "th" => &["colspan", "rowspan"],
        "ol" => &["start"],
        "abbr" => &["title"],
        _ => &[],
    }
}

/// Lays out sanitized HTML; returns (text, html).
pub fn layout(sanitized: &str) -> (String, String) {
    let (text, html, _) = layout_marked(sanitized);
    (text, html)
}

/// [`layout`] for HTML holding marker paragraphs where the clean-up removed
/// blocks ([`super::clutter`]): markers are left out, and each one's number is
/// returned with the offset a block put back there would start at.
pub fn layout_marked(sanitized: &str) -> (String, String, Vec<(usize, usize)>) {
    let doc = Document::from(sanitized);
    let mut out = Out::default();
    if let Some(body) = doc.body() {
        out.block_children(&body);
    }
    (out.text, out.html, out.markers)
}

/// Addresses a book's importer gives its internal anchors and links before
/// sanitizing (absolute `https` URLs on the reserved `.invalid` domain, so the
/// sanitizer keeps them as it keeps any web link). Only [`layout_book`] reads
/// them: an empty link to `ANCHOR_PREFIX{n}` marks anchor `n` (an `id` in the
/// book) and is not written; a link to `LINK_PREFIX{n}` is written as
/// `<a data-to="n">`, which the book importer then points at anchor `n`'s
/// text offset. In any other article they are ordinary (dead) web links.
pub const ANCHOR_PREFIX: &str = "https://sidenote.invalid/anchor/";
pub const LINK_PREFIX: &str = "https://sidenote.invalid/link/";

/// [`layout`] for a book: also returns where each anchor landed, as
/// (anchor number, code-point offset of the text that follows it).
pub fn layout_book(sanitized: &str) -> (String, String, Vec<(u32, usize)>) {
    let doc = Document::from(sanitized);
    let mut out = Out { book: true, ..Out::default() };
    if let Some(body) = doc.body() {
        out.block_children(&body);
    }
    (out.text, out.html, out.anchors)
}

#[derive(Default)]
struct Out {
    text: String,
    html: String,
    /// Length of `text` in code points.
    chars: usize,
    /// Internal anchors and links are read (see [`layout_book`]).
    book: bool,
    /// The tree is not sanitized (see [`layout_untrusted_marked`]).
    untrusted: bool,
    /// How many more times the old path parsed such a tree (see [`pre_start`]).
    reparses: u8,
    anchors: Vec<(u32, usize)>,
    /// (marker number, offset of the block that follows it).
    markers: Vec<(usize, usize)>,
}

impl Out {
    /// Lays out the children of a block: runs of inline content become
    /// paragraphs, block children are laid out in turn.
    fn block_children(&mut self, parent: &NodeRef) {
        let mut run: Vec<NodeRef> = Vec::new();
        for child in kids(parent, self.untrusted) {
            if is_block(&child) {
                self.inline_run(&run, "p");
                run.clear();
                self.block(&child);
            } else {
                run.push(child);
            }
        }
        self.inline_run(&run, "p");
    }

    fn block(&mut self, node: &NodeRef) {
        let tag = name(node);
        if tag == "hr" {
            self.html.push_str("<hr>");
            return;
        }
        if tag == "pre" {
            self.pre(node);
            return;
        }
        let kept = KEPT_BLOCKS.contains(&tag);
        let children = kids(node, self.untrusted);
        if !children.iter().any(is_block) {
            if kept {
                self.leaf(tag, node, &children);
            } else {
                self.inline_run(&children, "p");
            }
            return;
        }
        if kept {
            open_tag(tag, node, None, self.untrusted, &mut self.html);
        }
        self.block_children(node);
        if kept {
            self.html.push_str(&format!("</{tag}>"));
        }
    }

    /// A block holding only inline content.
    fn leaf(&mut self, tag: &str, node: &NodeRef, children: &[NodeRef]) {
        let inline = render_inline(children, self.book, self.untrusted, self.reparses);
        if self.marker(&inline.text) {
            return;
        }
        if inline.text.is_empty() {
            self.place_anchors(&inline, None);
            // Cells and figures keep their place even without text; nothing else does.
            if matches!(tag, "td" | "th") || inline.has_media {
                open_tag(tag, node, None, self.untrusted, &mut self.html);
                self.html.push_str(&inline.html);
                self.html.push_str(&format!("</{tag}>"));
            }
            return;
        }
        let offset = self.push_text(&inline.text);
        self.place_anchors(&inline, Some(offset));
        open_tag(tag, node, Some(offset), self.untrusted, &mut self.html);
        self.html.push_str(&inline.html);
        self.html.push_str(&format!("</{tag}>"));
    }

    fn inline_run(&mut self, run: &[NodeRef], wrapper: &str) {
        if run.is_empty() {
            return;
        }
        let inline = render_inline(run, self.book, self.untrusted, self.reparses);
        if self.marker(&inline.text) {
            return;
        }
        if inline.text.is_empty() {
            self.place_anchors(&inline, None);
        }
        if inline.text.is_empty() && !inline.has_media {
            return;
        }
        if inline.text.is_empty() {
            self.html.push_str(&format!("<{wrapper}>{}</{wrapper}>", inline.html));
            return;
        }
        let offset = self.push_text(&inline.text);
        self.place_anchors(&inline, Some(offset));
        self.html.push_str(&format!("<{wrapper} data-o=\"{offset}\">{}</{wrapper}>", inline.html));
    }

    fn pre(&mut self, node: &NodeRef) {
        let raw = if self.untrusted {
            let mut kept = String::new();
            kept_text(node, self.reparses, &mut kept);
            kept
        } else {
            node.text().to_string()
        };
        let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
        let mut lines: Vec<&str> = Vec::new();
        for line in raw.split('\n') {
            let line = line.trim_end();
            if !(line.is_empty() && lines.last().is_none_or(|l| l.is_empty())) {
                lines.push(line);
            }
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let lines: Vec<&str> = lines.into_iter().filter(|l| !l.is_empty()).collect();
        let body = lines.join("\n");
        if body.trim().is_empty() {
            return;
        }
        let offset = self.push_text(&body);
        self.html.push_str(&format!("<pre data-o=\"{offset}\">"));
        escape_text(&body, &mut self.html);
        self.html.push_str("</pre>");
    }

    /// Records the anchors met in `inline`, a block starting at `offset` (none:
    /// a block without text, whose anchors point at the text that follows).
    fn place_anchors(&mut self, inline: &Inline, offset: Option<usize>) {
        let next = offset.unwrap_or(if self.text.is_empty() { 0 } else { self.chars + 2 });
        self.anchors.extend(inline.anchors.iter().map(|(n, rel)| (*n, next + if offset.is_some() { *rel } else { 0 })));
    }

    /// Records a marker paragraph (and lays nothing out for it).
    fn marker(&mut self, text: &str) -> bool {
        let Some(n) = super::clutter::marker_number(text) else {
            return false;
        };
        let at = if self.text.is_empty() { 0 } else { self.chars + 2 };
        self.markers.push((n, at));
        true
    }

    /// Appends a block's text (with the separator) and returns its offset.
    fn push_text(&mut self, block: &str) -> usize {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
            self.chars += 2;
        }
        let offset = self.chars;
        self.text.push_str(block);
        self.chars += block.chars().count();
        offset
    }
}

/// Inline content with whitespace collapsed across element boundaries.
#[derive(Default)]
struct Inline {
    text: String,
    html: String,
    pending_space: bool,
    has_media: bool,
    /// Reading a book's anchors and links (see [`layout_book`]).
    book: bool,
    /// The tree is not sanitized (see [`layout_untrusted_marked`]).
    untrusted: bool,
    /// See [`Out::reparses`].
    reparses: u8,
    /// Anchors met, with the code points of `text` before them.
    anchors: Vec<(u32, usize)>,
}

fn render_inline(nodes: &[NodeRef], book: bool, untrusted: bool, reparses: u8) -> Inline {
    let mut inline = Inline { book, untrusted, reparses, ..Inline::default() };
    for node in nodes {
        inline_node(node, &mut inline);
    }
    inline
}

fn inline_node(node: &NodeRef, out: &mut Inline) {
    // A text node is read in place, not copied out first.
    let text = node.query_or(false, |n| match &n.data {
        NodeData::Text { contents } => {
            inline_text(contents, out);
            true
        }
        _ => false,
    });
    if text {
        return;
    }
    if !node.is_element() {
        return;
    }
    let tag = name(node);
    match tag {
        "br" | "wbr" => out.pending_space = !out.text.is_empty() && !out.text.ends_with(' '),
        "a" if out.book && book_link(node, out) => {}
        "img" => {
            let remote = |s: &str| s.starts_with("https://") || s.starts_with("http://");
            if node.attr("src").is_some_and(|s| remote(&s) && (!out.untrusted || sanitize::allowed_attribute("img", "src", &s))) {
                open_tag("img", node, None, out.untrusted, &mut out.html);
                out.has_media = true;
            }
        }
        t if KEPT_INLINE.contains(&t) => {
            // A pending space goes before the element, not inside it.
            if out.pending_space {
                out.text.push(' ');
                out.html.push(' ');
                out.pending_space = false;
            }
            open_tag(t, node, None, out.untrusted, &mut out.html);
            for child in kids(node, out.untrusted) {
                inline_node(&child, out);
            }
            out.html.push_str(&format!("</{t}>"));
        }
        _ => {
            let pre = out.untrusted && tag == "pre";
            for (i, child) in kids(node, out.untrusted).into_iter().enumerate() {
                let start = pre
                    && i == 0
                    && child.query_or(false, |n| match &n.data {
                        NodeData::Text { contents } => {
                            inline_text(pre_start(node, &child, contents, out.reparses), out);
                            true
                        }
                        _ => false,
                    });
                if !start {
                    inline_node(&child, out);
                }
            }
        }
    }
}

/// Appends a text node's words: whitespace (`char::is_whitespace`) becomes a
/// pending space, written only before the next word. A word at a time, not
/// a character at a time.
fn inline_text(contents: &str, out: &mut Inline) {
    // The byte after the last word written.
    let mut end = 0;
    for word in crate::words::words(contents) {
        let start = word.as_ptr() as usize - contents.as_ptr() as usize;
        if start > end {
            out.pending_space = !out.text.is_empty() && !out.text.ends_with(' ');
        }
        if out.pending_space {
            out.text.push(' ');
            out.html.push(' ');
            out.pending_space = false;
        }
        out.text.push_str(word);
        escape_text(word, &mut out.html);
        end = start + word.len();
    }
    if end < contents.len() {
        out.pending_space = !out.text.is_empty() && !out.text.ends_with(' ');
    }
}

/// A book's anchor (recorded, not written) or internal link (written with
/// `data-to`); false for any other link.
fn book_link(node: &NodeRef, out: &mut Inline) -> bool {
    let Some(href) = node.attr("href") else { return false };
    if let Some(n) = href.strip_prefix(ANCHOR_PREFIX).and_then(|n| n.parse::<u32>().ok()) {
        let before = out.text.chars().count() + usize::from(out.pending_space);
        out.anchors.push((n, before));
        for child in kids(node, out.untrusted) {
            inline_node(&child, out);
        }
        return true;
    }
    let Some(n) = href.strip_prefix(LINK_PREFIX).and_then(|n| n.parse::<u32>().ok()) else { return false };
    if out.pending_space {
        out.text.push(' ');
        out.html.push(' ');
        out.pending_space = false;
    }
    let _ = write!(out.html, "<a data-to=\"{n}\">");
    for child in kids(node, out.untrusted) {
        inline_node(&child, out);
    }
    out.html.push_str("</a>");
    true
}

fn is_block(node: &NodeRef) -> bool {
    BLOCKS.contains(&name(node))
}

/// The layout of plain paragraphs, written directly: what [`layout`] makes of
/// `<p>…</p>` per paragraph, without building and re-reading a DOM (a 3 MB
/// book is imported several times faster). A property test holds the two equal.
pub fn layout_paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> (String, String) {
    let mut out = Out::default();
    // Room for the text and for the HTML (tags, a few escapes), so that
    // neither is copied again as it grows.
    let bytes: usize = paragraphs.iter().map(|p| p.as_ref().len()).sum();
    out.text.reserve(bytes + 2 * paragraphs.len());
    out.html.reserve(bytes + bytes / 16 + 24 * paragraphs.len());
    for p in paragraphs {
        // Plain-text paragraphs arrive collapsed already.
        let p = p.as_ref();
        let block = if crate::words::is_collapsed(p) { Cow::Borrowed(p) } else { Cow::Owned(crate::words::collapse(p)) };
        if block.is_empty() {
            continue;
        }
        let offset = out.push_text(&block);
        let _ = write!(out.html, "<p data-o=\"{offset}\">");
        escape_text(&block, &mut out.html);
        out.html.push_str("</p>");
    }
    (out.text, out.html)
}

/// The name of an element the layout knows, read in place ("" for any other
/// node): tag names come lower-cased from the parser, so nothing is copied.
fn name(node: &NodeRef) -> &'static str {
    let known = |local: &str| BLOCKS.iter().chain(KEPT_INLINE).chain(&["br", "wbr", "img"]).find(|n| **n == local).copied();
    node.qual_name_ref().and_then(|q| known(&q.local)).unwrap_or("")
}

/// Writes `node`'s start tag with the attributes kept. For an untrusted node
/// (see [`layout_untrusted_marked`]), the sanitizer's rules come first: only
/// the attributes it allows, and those it sets (a link's `rel`, an image's
/// referrer policy and lazy loading) with its values.
fn open_tag(tag: &str, node: &NodeRef, offset: Option<usize>, untrusted: bool, html: &mut String) {
    html.push('<');
    html.push_str(tag);
    if let Some(o) = offset {
        html.push_str(&format!(" data-o=\"{o}\""));
    }
    for attr in kept_attributes(tag) {
        let set = sanitize::SET_ATTRIBUTES.iter().find(|(t, a, _)| untrusted && *t == tag && a == attr);
        let value = match set {
            Some((_, _, value)) => Some(Cow::Borrowed(*value)),
            // The sanitizer's rule holds the layout's own for an address
            // (an image is written only when its `src` reads `http(s)://`),
            // so an untrusted value's address is parsed once.
            None => node
                .attr(attr)
                .filter(|v| if untrusted { sanitize::allowed_attribute(tag, attr, v) } else { safe_url(tag, attr, v) })
                .map(|v| Cow::Owned(v.to_string())),
        };
        if let Some(value) = value {
            html.push_str(&format!(" {attr}=\""));
            escape_attr(&value, html);
            html.push('"');
        }
    }
    html.push('>');
}

/// The schemes a link or image may use. The sanitizer already enforces them;
/// checking again here means the layout alone never writes a script URL,
/// however the value is disguised (case, entities, tabs, control characters:
/// `url` parses the way browsers do).
fn safe_url(tag: &str, attr: &str, value: &str) -> bool {
    let allowed: &[&str] = match (tag, attr) {
        ("a", "href") => &["http", "https", "mailto"],
        ("img", "src") => &["http", "https"],
        _ => return true,
    };
    url::Url::parse(value).is_ok_and(|u| allowed.contains(&u.scheme()))
}

fn escape_char(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        _ => out.push(c),
    }
}

fn escape_text(s: &str, out: &mut String) {
    // Runs without a character to escape are copied whole (the three are
    // ASCII, so a byte found is a whole character).
    let mut rest = s;
    while let Some(i) = memchr::memchr3(b'&', b'<', b'>', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        escape_char(rest.as_bytes()[i] as char, out);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            c => escape_char(c, out),
        }
    }
}

/// Checks the offsets contract; returns the first violation. Used by the tests
/// of every importer and by the fuzz checks.
pub fn contract_violation(text: &str, html: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let doc = Document::from(html);
    let mut slices = Vec::new();
    for node in doc.select("[data-o]").nodes() {
        let offset: usize = match node.attr("data-o").and_then(|o| o.parse().ok()) {
            Some(o) => o,
            None => return Some("data-o is not a number".into()),
        };
        if node.descendants().iter().any(|d| d.is_element() && d.has_attr("data-o")) {
            return Some("a block with data-o is nested in another".into());
        }
        let inner = node.text().to_string();
        let len = inner.chars().count();
        if offset + len > chars.len() {
            return Some(format!("block at {offset} runs past the end of the text"));
        }
        let slice: String = chars[offset..offset + len].iter().collect();
        if slice != inner {
            return Some(format!("block at {offset}: html {inner:?} != text {slice:?}"));
        }
        slices.push(inner);
    }
    if slices.join("\n\n") != text {
        return Some(format!("blocks joined by blank lines do not rebuild the text: {slices:?}"));
    }
    None
}

#[cfg(test)]
mod tests;
