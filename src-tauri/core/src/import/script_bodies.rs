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
//! and MathML, a script's escaped parts) and, at anything it does not follow
//! exactly (an HTML tag inside SVG, a frameset, `<plaintext>`...), leaves the
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
    foreign: Vec<Name>,
    in_select: bool,
}

/// A tag as read: its name, whether it closes itself, where its name starts
/// and the byte after its `>`.
struct Tag {
    name: Name,
    self_closing: bool,
    start: usize,
    end: usize,
}

/// A tag name in lower case, kept in place (a page has thousands of tags);
/// empty for a name longer than any the scan compares or not ASCII.
#[derive(Clone, Copy)]
struct Name {
    bytes: [u8; 24],
    len: usize,
}

impl Name {
    fn of(raw: &[u8]) -> Name {
        let mut name = Name { bytes: [0; 24], len: 0 };
        if raw.len() <= name.bytes.len() && raw.is_ascii() {
            name.bytes[..raw.len()].copy_from_slice(raw);
            name.bytes[..raw.len()].make_ascii_lowercase();
            name.len = raw.len();
        }
        name
    }

    fn as_str(&self) -> &str {
        // ASCII by construction.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
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
                    self.end_tag(tag.name.as_str())?;
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
        let open = self.foreign.iter().rposition(|n| n.as_str() == name)?;
        self.foreign.truncate(open);
        Some(())
    }

    fn start_tag(&mut self, tag: &Tag) -> Option<usize> {
        let name = tag.name.as_str();
        if !self.foreign.is_empty() {
            let at_integration_point = self.foreign.last().is_some_and(|n| INTEGRATION_POINTS.contains(&n.as_str()));
            // (A name the scan does not keep could not be matched to its end tag.)
            if at_integration_point || BREAKOUT.contains(&name) || name.is_empty() {
                return None;
            }
            if !tag.self_closing {
                self.foreign.push(tag.name);
            }
            return Some(tag.end);
        }
        if self.in_select && !IN_SELECT.contains(&name) {
            return None;
        }
        match name {
            "svg" | "math" => {
                if !tag.self_closing {
                    self.foreign.push(tag.name);
                }
                Some(tag.end)
            }
            "select" => {
                self.in_select = true;
                Some(tag.end)
            }
            "plaintext" | "frameset" => None,
            "script" => {
                let close = script_end(self.page, tag.end)?;
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
    let name = Name::of(&page[from..i]);
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
    tag_at(page, from, true, name)
}

/// Where the next `<name` (or `</name`, `closing`) followed by a space, `/` or
/// `>` begins, from `from` on; the name in any case.
fn tag_at(page: &[u8], from: usize, closing: bool, name: &str) -> Option<usize> {
    let open: &[u8] = if closing { b"</" } else { b"<" };
    let mut at = from;
    loop {
        let lt = at + memchr::memmem::find(&page[at..], open)?;
        let name_at = lt + open.len();
        let after = name_at + name.len();
        let named = page.get(name_at..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named && page.get(after).is_some_and(|&b| is_space(b) || b == b'/' || b == b'>') {
            return Some(lt);
        }
        at = lt + 1;
    }
}

/// Where the end tag closing a script body that starts at `from` begins,
/// through the tokenizer's escaped states: after `<!--` (until `-->`), a
/// `<script>` opens a part whose `</script>` does not close the body but only
/// that part.
fn script_end(page: &[u8], from: usize) -> Option<usize> {
    let find = |at: usize, what: &[u8]| memchr::memmem::find(&page[at..], what).map(|i| at + i);
    let mut at = from;
    loop {
        let close = end_tag_at(page, at, "script")?;
        // Plain script data: the first `</script>` closes it.
        let Some(escape) = find(at, b"<!--").filter(|&e| e < close) else { return Some(close) };
        // Escaped: its dashes can end at once (`<!-->`).
        at = escape + 2;
        loop {
            let close = end_tag_at(page, at, "script")?;
            let dashes = find(at, b"-->").unwrap_or(usize::MAX);
            let nested = tag_at(page, at, false, "script").unwrap_or(usize::MAX);
            if close < dashes && close < nested {
                return Some(close);
            }
            if dashes < nested {
                at = dashes + 3;
                break;
            }
            // Double-escaped: up to `-->` (script data again) or `</script>`
            // (escaped again).
            at = nested + "<script".len();
            let dashes = find(at, b"-->").unwrap_or(usize::MAX);
            let inner_close = end_tag_at(page, at, "script").unwrap_or(usize::MAX);
            if dashes == usize::MAX && inner_close == usize::MAX {
                return None;
            }
            if dashes < inner_close {
                at = dashes + 3;
                break;
            }
            at = inner_close + "</script".len();
        }
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
    fn a_script_body_ends_where_the_tokenizer_ends_it() {
        // After `<!--`, a nested `<script>`'s end tag does not close the body.
        let page = "<script><!-- document.write('<script>x</script>'); --></script><p>kept</p>";
        assert_eq!(emptied(page), "<script></script><p>kept</p>");
        // Without the nested script, the first end tag closes it, even before `-->`.
        assert_eq!(emptied("<script><!-- a </script><p>kept --></p>"), "<script></script><p>kept --></p>");
        assert_eq!(emptied("<script><!--></script><p>kept</p>"), "<script></script><p>kept</p>");
        // A nested script still open when the comment ends: script data again.
        assert_eq!(emptied("<script><!-- <script> --> a </script><p>kept</p>"), "<script></script><p>kept</p>");
        let doc = |p: &str| {
            let d = dom_query::Document::from(p);
            d.select("script").remove();
            d.html().to_string()
        };
        for page in [
            "<script><!-- <script> </script> still script --></script><p>kept</p>",
            "<script>if (a <!--b) x; <script> </script> y --> z</script><p>kept</p>",
            "<script><!-- <SCRIPT> </Script > --> </script><p>kept</p>",
        ] {
            assert_eq!(doc(&emptied(page)), doc(page), "{page}");
        }
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
