//! One content document of a book (XHTML) to HTML the sanitizer and layout
//! take like any page's, with the book's own references made absolute
//! (see `layout::layout_book`): ids become anchors, links inside the book
//! become internal links, images from the package become numbered images,
//! inline SVG becomes a sanitized image (its words a paragraph), MathML its
//! text, ruby its base text. Nothing here is trusted: the sanitizer and the
//! layout still decide what is written.

use std::collections::HashMap;

use dom_query::{Document, NodeRef};

use super::archive::resolve;
use crate::import::images::ImageData;
use crate::import::layout::{ANCHOR_PREFIX, LINK_PREFIX};
use crate::import::{mathml, svg};

/// The address a numbered image gets until its stored form replaces it.
pub const IMAGE_PREFIX: &str = "https://sidenote.invalid/image/";

/// Elements dropped with their content: nothing a reader reads is in them.
const DROPPED: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "embed",
    "audio",
    "video",
    "canvas",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "rt",
    "rp",
    "link",
    "meta",
    "title",
    "epub:case",
];

/// Elements kept with their names (the sanitizer still filters them).
const VOID: &[&str] = &["br", "hr", "img", "wbr"];

/// What the documents of one book share while they are converted.
#[derive(Default)]
pub struct Book {
    /// Anchor number by (file, id); id "" is the start of a file.
    anchors: HashMap<(String, String), u32>,
    /// Files whose links are followed (the spine's documents).
    pub documents: std::collections::HashSet<String>,
    /// Image number by file name; the images themselves.
    image_numbers: HashMap<String, u32>,
    pub images: Vec<ImageRequest>,
    /// Votes for the book's direction from its documents' `dir`.
    pub rtl_votes: i32,
}

/// An image a document refers to: a file of the book, or a drawing made here.
pub enum ImageRequest {
    File(String),
    Made(ImageData),
}

impl Book {
    pub fn anchor(&mut self, file: &str, id: &str) -> u32 {
        let next = self.anchors.len() as u32;
        *self.anchors.entry((file.to_owned(), id.to_owned())).or_insert(next)
    }

    /// Anchor number → (file, id), for resolving.
    pub fn anchor_keys(&self) -> Vec<(u32, &str, &str)> {
        self.anchors.iter().map(|((f, i), n)| (*n, f.as_str(), i.as_str())).collect()
    }

    fn image_file(&mut self, path: &str) -> u32 {
        if let Some(n) = self.image_numbers.get(path) {
            return *n;
        }
        let n = self.images.len() as u32;
        self.images.push(ImageRequest::File(path.to_owned()));
        self.image_numbers.insert(path.to_owned(), n);
        n
    }

    fn image_made(&mut self, image: ImageData) -> u32 {
        let n = self.images.len() as u32;
        self.images.push(ImageRequest::Made(image));
        n
    }
}

/// A converted document: its HTML and the first heading's text.
pub struct Converted {
    pub html: String,
    pub first_heading: Option<String>,
}

/// XHTML read by an HTML parser: `<a id="x"/>` would open a link that swallows
/// the rest of the page, so self-closed elements other than void ones are
/// closed explicitly first (outside comments, CDATA and attribute values).
pub fn xhtml_as_html(xhtml: &str) -> String {
    let bytes = xhtml.as_bytes();
    let mut out = String::with_capacity(xhtml.len() + 256);
    let mut i = 0;
    let mut copied = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| p + i) {
        if xhtml[lt..].starts_with("<!--") {
            i = xhtml[lt..].find("-->").map_or(bytes.len(), |e| lt + e + 3);
            continue;
        }
        if xhtml[lt..].starts_with("<![CDATA[") {
            i = xhtml[lt..].find("]]>").map_or(bytes.len(), |e| lt + e + 3);
            continue;
        }
        // Find the tag's end, skipping quoted attribute values.
        let mut j = lt + 1;
        let mut quote = 0u8;
        while j < bytes.len() {
            let b = bytes[j];
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
            } else if b == b'"' || b == b'\'' {
                quote = b;
            } else if b == b'>' {
                break;
            }
            j += 1;
        }
        if j >= bytes.len() {
            break;
        }
        let tag = &xhtml[lt + 1..j];
        if tag.ends_with('/') && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            let name: String = tag.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
            if !VOID.contains(&name.to_ascii_lowercase().as_str()) {
                out.push_str(&xhtml[copied..lt]);
                out.push('<');
                out.push_str(tag[..tag.len() - 1].trim_end());
                out.push_str("></");
                out.push_str(&name);
                out.push('>');
                copied = j + 1;
            }
        }
        i = j + 1;
    }
    out.push_str(&xhtml[copied..]);
    out
}

fn name(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

/// Converts the document at `path` (its text already decoded).
pub fn convert(xhtml: &str, path: &str, book: &mut Book) -> Converted {
    let html = xhtml_as_html(xhtml);
    let doc = Document::from(html.as_str());
    for sel in ["html", "body"] {
        if let Some(dir) = doc.select(sel).attr("dir") {
            book.rtl_votes += match dir.trim().to_ascii_lowercase().as_str() {
                "rtl" => 1,
                "ltr" => -1,
                _ => 0,
            };
        }
    }
    let mut out = String::with_capacity(html.len());
    // The start of the file is an anchor of its own (chapter links, the contents).
    let start = book.anchor(path, "");
    out.push_str(&format!("<a href=\"{ANCHOR_PREFIX}{start}\"></a>"));
    let mut walker = Walker { path, book, out, first_heading: None };
    if let Some(body) = doc.body() {
        walker.children(&body);
    }
    Converted { html: walker.out, first_heading: walker.first_heading }
}

struct Walker<'a> {
    path: &'a str,
    book: &'a mut Book,
    out: String,
    first_heading: Option<String>,
}

impl Walker<'_> {
    fn children(&mut self, node: &NodeRef) {
        for child in node.children() {
            self.node(&child);
        }
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                c => self.out.push(c),
            }
        }
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        for c in value.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '"' => self.out.push_str("&quot;"),
                '<' => self.out.push_str("&lt;"),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn anchor_for(&mut self, node: &NodeRef) {
        if let Some(id) = node.attr("id").filter(|id| !id.trim().is_empty()) {
            let n = self.book.anchor(self.path, id.trim());
            self.out.push_str(&format!("<a href=\"{ANCHOR_PREFIX}{n}\"></a>"));
        }
    }

    fn node(&mut self, node: &NodeRef) {
        if node.is_text() {
            self.text(&node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        let tag = name(node);
        let epub_type = node.attr("epub:type").map(|t| t.to_string()).unwrap_or_default();
        if DROPPED.contains(&tag.as_str()) || epub_type.split_whitespace().any(|t| t == "pagebreak") {
            self.anchor_for(node);
            return;
        }
        match tag.as_str() {
            "svg" => return self.svg(node),
            "math" => {
                self.anchor_for(node);
                let text = mathml::linearize(node);
                let block = node.attr("display").as_deref() == Some("block");
                if block {
                    self.out.push_str("<p>");
                }
                self.text(&text);
                if block {
                    self.out.push_str("</p>");
                }
                return;
            }
            // An object's content is its fallback (an EPUB quiz's questions as a list).
            "object" => {
                self.children(node);
                return;
            }
            // Written with the prefix, or in the OPS namespace as the default one.
            "epub:switch" | "switch" => {
                // The XHTML fallback of a switch (the cases need markup we do not read).
                for child in node.children().into_iter().filter(|c| matches!(name(c).as_str(), "epub:default" | "default")) {
                    self.children(&child);
                }
                return;
            }
            "img" | "image" => {
                self.anchor_for(node);
                return self.img(node);
            }
            "a" => return self.link(node),
            _ => {}
        }
        if self.first_heading.is_none() && matches!(tag.as_str(), "h1" | "h2" | "h3") {
            let t = node.text().split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                self.first_heading = Some(t);
            }
        }
        if VOID.contains(&tag.as_str()) {
            self.out.push_str(&format!("<{tag}>"));
            return;
        }
        self.out.push('<');
        self.out.push_str(&tag);
        for a in ["colspan", "rowspan", "start", "title"] {
            if let Some(v) = node.attr(a) {
                self.attr(a, &v);
            }
        }
        self.out.push('>');
        self.anchor_for(node);
        self.children(node);
        self.out.push_str(&format!("</{tag}>"));
    }

    fn link(&mut self, node: &NodeRef) {
        self.anchor_for(node);
        let href = node.attr("href").map(|h| h.trim().to_string()).unwrap_or_default();
        let lower = href.to_ascii_lowercase();
        self.out.push_str("<a");
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
            self.attr("href", &href);
        } else if let Some((file, fragment)) = resolve(self.path, &href) {
            if self.book.documents.contains(&file) {
                let n = self.book.anchor(&file, fragment.as_deref().unwrap_or(""));
                self.attr("href", &format!("{LINK_PREFIX}{n}"));
            }
        }
        self.out.push('>');
        self.children(node);
        self.out.push_str("</a>");
    }

    fn img(&mut self, node: &NodeRef) {
        let src =
            node.attr("src").or_else(|| node.attr("href")).or_else(|| node.attr("xlink:href")).map(|s| s.to_string()).unwrap_or_default();
        let Some((file, _)) = resolve(self.path, &src) else { return };
        let n = self.book.image_file(&file);
        self.out.push_str("<img");
        self.attr("src", &format!("{IMAGE_PREFIX}{n}"));
        if let Some(alt) = node.attr("alt") {
            self.attr("alt", &alt);
        }
        if let Some(title) = node.attr("title") {
            self.attr("title", &title);
        }
        self.out.push('>');
    }

    /// Inline SVG: a drawing of only pictures is those pictures; otherwise a
    /// sanitized copy is stored as an image. Its words follow as a paragraph,
    /// and a drawing of only words is that paragraph.
    fn svg(&mut self, node: &NodeRef) {
        self.anchor_for(node);
        let descendants = node.descendants();
        let kinds: Vec<String> =
            descendants.iter().filter(|d| d.is_element()).map(|d| name(d).rsplit(':').next().unwrap_or("").to_owned()).collect();
        let words: Vec<String> = descendants
            .iter()
            .filter(|d| d.is_element() && name(d).ends_with("text") && !d.ancestors(None).iter().any(|a| name(a).ends_with("text")))
            .map(|t| t.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .collect();
        let drawing = kinds.iter().any(|k| !matches!(k.as_str(), "g" | "text" | "tspan" | "style" | "defs" | "title" | "desc" | "image"));
        let pictures: Vec<NodeRef> = descendants.iter().filter(|d| name(d).rsplit(':').next() == Some("image")).cloned().collect();
        if !drawing && !pictures.is_empty() && words.is_empty() {
            for p in &pictures {
                self.img(p);
            }
            return;
        }
        if drawing {
            if let (Some(clean), Some(size)) = (svg::sanitize(node), svg::size(node)) {
                let label = descendants
                    .iter()
                    .find(|d| name(d).rsplit(':').next() == Some("title"))
                    .map(|t| t.text().trim().to_string())
                    .unwrap_or_default();
                let n = self.book.image_made(ImageData::svg(clean, size, Some(format!("{} (drawing)", self.path))));
                self.out.push_str("<img");
                self.attr("src", &format!("{IMAGE_PREFIX}{n}"));
                if !label.is_empty() {
                    self.attr("alt", &label);
                }
                self.out.push('>');
            }
        }
        if !words.is_empty() {
            self.out.push_str("<p>");
            self.text(&words.join(" "));
            self.out.push_str("</p>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_closed_elements_are_closed_but_void_ones_and_comments_stay() {
        assert_eq!(
            xhtml_as_html(r#"<p><a id="n1"/>Text<br/><span class="x" title="a/>b"/></p><!-- <b/> -->"#),
            r#"<p><a id="n1"></a>Text<br/><span class="x" title="a/>b"></span></p><!-- <b/> -->"#
        );
    }

    #[test]
    fn links_anchors_images_math_and_ruby_are_rewritten() {
        let mut book = Book::default();
        book.documents.insert("OEBPS/c1.xhtml".into());
        book.documents.insert("OEBPS/c2.xhtml".into());
        let x = r#"<html xmlns="http://www.w3.org/1999/xhtml" dir="rtl"><head><title>T</title><style>p{}</style></head><body>
<h2 id="top">Tide <em>tables</em></h2><p>See <a href="c2.xhtml#n%201">note</a>, <a href="https://e.test/">web</a>, <a href="../x.xhtml">gone</a>.</p>
<p><img src="img/a%20b.png" alt="Gulls"/> <math><msup><mi>x</mi><mn>2</mn></msup></math> <ruby>漢<rt>かん</rt></ruby></p>
<span epub:type="pagebreak" id="p5" title="5"/><script>alert(1)</script></body></html>"#;
        let c = convert(x, "OEBPS/c1.xhtml", &mut book);
        assert_eq!(c.first_heading.as_deref(), Some("Tide tables"));
        assert!(c.html.contains("<h2><a href=\"https://sidenote.invalid/anchor/1\"></a>Tide <em>tables</em></h2>"), "{}", c.html);
        let n = book.anchor("OEBPS/c2.xhtml", "n 1");
        assert!(c.html.contains(&format!("<a href=\"{LINK_PREFIX}{n}\">note</a>")), "{}", c.html);
        assert!(c.html.contains("<a href=\"https://e.test/\">web</a>") && c.html.contains("<a>gone</a>"), "{}", c.html);
        assert!(c.html.contains(&format!("<img src=\"{IMAGE_PREFIX}0\" alt=\"Gulls\">")), "{}", c.html);
        assert!(c.html.contains("x^2") && c.html.contains("漢") && !c.html.contains("かん"), "{}", c.html);
        assert!(!c.html.contains("alert") && !c.html.contains("p{}") && !c.html.contains(">T<"), "{}", c.html);
        assert!(matches!(&book.images[0], ImageRequest::File(f) if f == "OEBPS/img/a b.png"));
        assert_eq!(book.rtl_votes, 1);
    }

    #[test]
    fn svg_pictures_words_and_drawings() {
        let mut book = Book::default();
        let x = r#"<body><svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 600 800"><image xlink:href="cover.jpg" width="600" height="800"/></svg>
<svg width="300" height="100"><text x="1"><tspan>SOUS LE</tspan> VENT</text></svg>
<svg width="30" height="30"><title>A ring</title><circle r="10"/><script>x()</script></svg></body>"#;
        let c = convert(x, "OPS/p.xhtml", &mut book);
        assert!(c.html.contains(&format!("<img src=\"{IMAGE_PREFIX}0\">")), "{}", c.html);
        assert!(c.html.contains("<p>SOUS LE VENT</p>"), "{}", c.html);
        assert!(c.html.contains(&format!("<img src=\"{IMAGE_PREFIX}1\" alt=\"A ring\">")), "{}", c.html);
        match &book.images[1] {
            ImageRequest::Made(img) => {
                let svg = String::from_utf8(img.bytes.clone()).unwrap();
                assert!(svg.contains("<circle r=\"10\">") && !svg.contains("script"), "{svg}");
                assert_eq!((img.width, img.height, img.mime), (30, 30, "image/svg+xml"));
            }
            ImageRequest::File(_) => panic!("the drawing is made, not read"),
        }
    }
}
