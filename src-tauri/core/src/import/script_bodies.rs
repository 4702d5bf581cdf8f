//! Empties the bodies of a page's scripts and style sheets before it is
//! parsed. They are two fifths of a news page's characters, the parser reads
//! them a line at a time into text nodes, and nothing reads them: the
//! main-content extraction removes every script and style element before it
//! looks at the page, and our own readers skip their text. JSON-LD scripts
//! (the article's metadata) are kept whole.
//!
//! Only what the HTML tokenizer itself would read as a script's or style
//! sheet's body is taken out, so the page parses to the same tree less those
//! text nodes. The scan follows the tokenizer's states that matter (comments,
//! tags and their quoted attribute values, raw-text and RCDATA elements, SVG
//! and MathML) and, at anything it does not follow exactly (a script holding
//! `<!--`, an HTML tag inside SVG, a frameset, `<plaintext>`...), leaves the
//! rest of the page as it is.

use std::borrow::Cow;

/// Elements whose body the tokenizer reads as plain text up to their end tag
/// (raw text and RCDATA), kept as they are.
const KEPT_TEXT: &[&str] = &["title", "textarea", "xmp", "iframe", "noembed", "noframes"];

/// HTML start tags that end SVG or MathML content (the HTML standard's list);
/// met inside it, the scan stops.
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// SVG and MathML elements whose content is read as HTML.
const INTEGRATION_POINTS: &[&str] = &["foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"];

/// Start tags allowed inside a `<select>` without stopping the scan.
const IN_SELECT: &[&str] = &["option", "optgroup", "script", "hr"];

/// The page with its scripts' and style sheets' bodies emptied.
pub fn empty_script_bodies(page: &str) -> Cow<'_, str> {
    let mut scan = Scan { page: page.as_bytes(), out: String::new(), copied: 0, foreign: Vec::new(), in_select: false };
    scan.run();
    if scan.copied == 0 {
        return Cow::Borrowed(page);
    }
    scan.out.push_str(&page[scan.copied..]);
    Cow::Owned(scan.out)
}

struct Scan<'p> {
    page: &'p [u8],
    /// The page up to `copied`, less the bodies taken out.
    out: String,
    copied: usize,
    /// Open SVG/MathML elements (empty in HTML content).
    foreign: Vec<String>,
    in_select: bool,
}

/// A tag as read: its name (lower case), whether it closes itself, where its
/// name starts and the byte after its `>`.
struct Tag {
    name: String,
    self_closing: bool,
    start: usize,
    end: usize,
}

impl Tag {
    /// Its text names JSON (a JSON-LD script, whatever the case of its type).
    fn names_json(&self, page: &[u8]) -> bool {
        page[self.start..self.end].windows(4).any(|w| w.eq_ignore_ascii_case(b"json"))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

impl Scan<'_> {
    /// Scans the page up to its end or to the first thing it does not follow.
    fn run(&mut self) {
        let page = self.page;
        let mut at = 0;
        while let Some(lt) = memchr::memchr(b'<', &page[at..]).map(|i| at + i) {
            let Some(next) = self.markup(lt) else { return };
            at = next;
        }
    }

    /// Reads the markup starting with the `<` at `lt`; returns where to go on
    /// (None: stop following the page).
    fn markup(&mut self, lt: usize) -> Option<usize> {
        let page = self.page;
        let rest = &page[lt + 1..];
        if rest.starts_with(b"!--") {
            return comment_end(page, lt + 4);
        }
        if rest.starts_with(b"![CDATA[") && !self.foreign.is_empty() {
            return None;
        }
        match rest.first() {
            // A doctype or a bogus comment: up to the first `>`.
            Some(b'!' | b'?') => memchr::memchr(b'>', rest).map(|i| lt + 1 + i + 1),
            Some(b'/') => match rest.get(1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = read_tag(page, lt + 2)?;
                    self.end_tag(&tag.name)?;
                    Some(tag.end)
                }
                Some(b'>') => Some(lt + 3),
                Some(_) => memchr::memchr(b'>', rest).map(|i| lt + 1 + i + 1),
                None => None,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = read_tag(page, lt + 1)?;
                self.start_tag(&tag)
            }
            _ => Some(lt + 1),
        }
    }

    fn end_tag(&mut self, name: &str) -> Option<()> {
        if self.foreign.is_empty() {
            if name == "select" {
                self.in_select = false;
            }
            return Some(());
        }
        // An HTML end tag inside SVG or MathML is not followed.
        if name == "p" || name == "br" {
            return None;
        }
        let open = self.foreign.iter().rposition(|n| n == name)?;
        self.foreign.truncate(open);
        Some(())
    }

    fn start_tag(&mut self, tag: &Tag) -> Option<usize> {
        let name = tag.name.as_str();
        if !self.foreign.is_empty() {
            let at_integration_point = self.foreign.last().is_some_and(|n| INTEGRATION_POINTS.contains(&n.as_str()));
            if at_integration_point || BREAKOUT.contains(&name) {
                return None;
            }
            if !tag.self_closing {
                self.foreign.push(tag.name.clone());
            }
            return Some(tag.end);
        }
        if self.in_select && !IN_SELECT.contains(&name) {
            return None;
        }
        match name {
            "svg" | "math" => {
                if !tag.self_closing {
                    self.foreign.push(tag.name.clone());
                }
                Some(tag.end)
            }
            "select" => {
                self.in_select = true;
                Some(tag.end)
            }
            "plaintext" | "frameset" => None,
            "script" => {
                let close = end_tag_at(self.page, tag.end, "script")?;
                // `<!--` switches the tokenizer to the escaped states, where
                // a nested `<script>` changes which end tag closes the body.
                if memchr::memmem::find(&self.page[tag.end..close], b"<!--").is_some() {
                    return None;
                }
                if !tag.names_json(self.page) {
                    self.take_out(tag.end, close);
                }
                Some(close)
            }
            "style" => {
                let close = end_tag_at(self.page, tag.end, "style")?;
                self.take_out(tag.end, close);
                Some(close)
            }
            _ if KEPT_TEXT.contains(&name) => end_tag_at(self.page, tag.end, name),
            _ => Some(tag.end),
        }
    }

    /// Leaves bytes `from..to` out of the copy.
    fn take_out(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        let page = self.page;
        // Both ends sit next to ASCII markup, so they are character boundaries.
        self.out.push_str(std::str::from_utf8(&page[self.copied..from]).unwrap_or_default());
        self.copied = to;
    }
}

/// Where a comment whose text starts at `from` (after `<!--`) ends.
fn comment_end(page: &[u8], from: usize) -> Option<usize> {
    let rest = &page[from..];
    // `<!-->` and `<!--->` end at once.
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let close = memchr::memmem::find(rest, b"-->")?;
    // `--!>` also ends a comment: not followed.
    if memchr::memmem::find(&rest[..close], b"--!>").is_some() {
        return None;
    }
    Some(from + close + 3)
}

/// Reads a tag whose name starts at `from`, as the tokenizer does (quoted
/// attribute values may hold `>`). None: the page ends inside it.
fn read_tag(page: &[u8], from: usize) -> Option<Tag> {
    let mut i = from;
    while i < page.len() && !is_space(page[i]) && page[i] != b'/' && page[i] != b'>' {
        i += 1;
    }
    let name = String::from_utf8_lossy(&page[from..i]).to_ascii_lowercase();
    let mut self_closing = false;
    loop {
        // Before an attribute's name.
        while i < page.len() && is_space(page[i]) {
            i += 1;
        }
        match *page.get(i)? {
            b'>' => break,
            b'/' => {
                i += 1;
                if page.get(i) == Some(&b'>') {
                    self_closing = true;
                    break;
                }
                continue;
            }
            _ => {}
        }
        // The name (a first `=` belongs to it).
        i += 1;
        while i < page.len() && !is_space(page[i]) && !matches!(page[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < page.len() && is_space(page[i]) {
            i += 1;
        }
        if page.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < page.len() && is_space(page[i]) {
            i += 1;
        }
        match *page.get(i)? {
            quote @ (b'"' | b'\'') => {
                i += 1 + memchr::memchr(quote, &page[i + 1..])? + 1;
            }
            b'>' => break,
            _ => {
                while i < page.len() && !is_space(page[i]) && page[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
    Some(Tag { name, self_closing, start: from, end: i + 1 })
}

/// Where the end tag `</name` that closes a raw-text body starting at `from`
/// begins.
fn end_tag_at(page: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = at + memchr::memmem::find(&page[at..], b"</")?;
        let after = lt + 2 + name.len();
        let named = page.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named && page.get(after).is_some_and(|&b| is_space(b) || b == b'/' || b == b'>') {
            return Some(lt);
        }
        at = lt + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emptied(page: &str) -> String {
        empty_script_bodies(page).into_owned()
    }

    #[test]
    fn script_and_style_bodies_go_and_json_ld_stays() {
        let page = "<html><head><style>p { color: red }</style>\
            <script type=\"application/ld+json\">{\"headline\": \"Tides\"}</script>\
            <SCRIPT src=x />var a = 1 < 2;</SCRIPT ></head><body><p>Tides</p><script>x()</script></body></html>";
        assert_eq!(
            emptied(page),
            "<html><head><style></style>\
            <script type=\"application/ld+json\">{\"headline\": \"Tides\"}</script>\
            <SCRIPT src=x /></SCRIPT ></head><body><p>Tides</p><script></script></body></html>"
        );
    }

    #[test]
    fn what_only_looks_like_a_script_stays() {
        for page in [
            // In a comment, an attribute value, a title, a textarea.
            "<!-- <script>a</script> --><p>kept</p>",
            "<p title=\"<script>\">kept</p><p>and this</p>",
            "<title><script>kept</script></title>",
            "<textarea><style>kept</style></textarea>",
            "<p data-x='a > b <script>'>kept</p>",
            // A script tag name that is longer.
            "<scripts>kept</scripts>",
        ] {
            assert_eq!(emptied(page), page, "{page}");
        }
    }

    #[test]
    fn what_the_scan_does_not_follow_is_left_as_it_is() {
        for page in [
            // Escaped script states.
            "<script><!-- document.write('<script>x</script>') --></script><style>s</style>",
            // Inside SVG, a style is SVG's and an HTML tag ends the SVG.
            "<svg><style>.a{}</style><p>x</p></svg><style>s</style>",
            "<svg><title><style>s</style></title></svg><style>s</style>",
            "<frameset><script>x</script>",
            "<plaintext><script>x</script>",
            "<select><style>x</style></select><style>s</style>",
            // A comment closed by `--!>`.
            "<!-- a --!> <script>x</script>",
            // A page that ends inside a tag or a script.
            "<p title=\"open",
            "<script>never closed",
        ] {
            assert_eq!(emptied(page), page, "{page}");
        }
        // SVG's own style is kept; the HTML style after the SVG goes.
        assert_eq!(
            emptied("<svg><style>.a{}</style><path/></svg><style>s</style>"),
            "<svg><style>.a{}</style><path/></svg><style></style>"
        );
    }

    #[test]
    fn the_extracted_page_is_the_same_with_and_without_the_bodies() {
        let page = "<html><head><title>Harbour lights</title><style>.x{}</style><script>var s = '<p>not text</p>';</script></head>\
            <body><article><h1>Harbour lights</h1><p>Every evening the keepers of the old harbour climb the stone stairs to light the lamps, \
            a ritual that has not changed in two hundred years.</p><script>track()</script><p>The youngest keeper says the work is \
            quieter than people imagine, and that the gulls complain about the light.</p></article></body></html>";
        let a = dom_query::Document::from(page);
        let b = dom_query::Document::from(emptied(page).as_str());
        a.select("script, style").remove();
        b.select("script, style").remove();
        assert_eq!(a.html(), b.html());
    }
}
