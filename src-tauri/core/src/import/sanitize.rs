//! The allowlist every imported HTML passes through, before the layout or (a
//! web page's article) inside it.
//!
//! Kept: headings, paragraphs, lists, blockquotes, figures with captions,
//! tables, code/pre, emphasis, and links whose scheme is http, https or mailto.
//! Dropped with their content: scripts, styles, forms and their controls,
//! iframes, objects, embeds, SVG/MathML, templates. Event handlers and every
//! other attribute are dropped; `javascript:` and `data:` URLs never survive.
//!
//! Images: remote `http(s)` images are KEPT as links to the remote file (not
//! stored locally), with `referrerpolicy="no-referrer"` and lazy loading, so an
//! article reads with its figures when online and degrades to captions/alt
//! text offline. `data:` images and relative sources with no known base URL
//! are dropped.
//!
//! Two paths apply these rules, from the one list below: `ammonia` for HTML
//! given as a string ([`sanitize`], [`sanitize_laid_out`]), and the layout
//! of a page's article ([`super::layout::layout_untrusted_marked`]), which
//! applies them to the tree the clean-up already parsed ([`verdict`],
//! [`allowed_attribute`], [`SET_ATTRIBUTES`]) instead of serializing it for
//! `ammonia` to parse again. A differential test holds the two equal.

use std::cell::RefCell;
use std::collections::HashMap;

use ammonia::{Builder, UrlRelative};
use dom_query::{NodeData, NodeRef};

pub(super) const TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
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
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "small",
    "cite",
    "q",
    "abbr",
    "del",
    "ins",
    "kbd",
    "var",
    "a",
    "img",
    "div",
    "section",
    "article",
    "span",
];

/// Dropped together with everything inside them.
pub(super) const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "form", "button", "select", "textarea", "iframe", "object", "embed", "svg", "math",
    "canvas", "audio", "video", "input", "label", "option",
];

/// Sanitizes `html`. Relative links and images are dropped (resolving them
/// against `base`, the page's address, is not done yet).
pub fn sanitize(html: &str, base: Option<&str>) -> String {
    // Relative addresses cannot be followed from the library, so they go.
    let _ = base;
    // One builder per thread: making its sets of names cost more than
    // cleaning a short removed block (a page sanitizes dozens).
    thread_local! {
        static BUILDER: Builder<'static> = builder();
    }
    BUILDER.with(|b| b.clean(html).to_string())
}

/// Sanitizes HTML that claims to be laid out already (an article body from
/// the sync folder): the same allowlist, plus the layout's offset attributes
/// (`data-o`, `data-to`), which the offsets contract then checks against the
/// text, and the stored forms of images (`import::images`): `data-image` (a
/// SHA-256, the image itself comes checked from the folder), `data-remote`
/// (a web address), `data-failed` (the reason, as text) and the size.
pub fn sanitize_laid_out(html: &str) -> String {
    let mut b = builder();
    b.add_generic_attributes(["data-o", "data-to"])
        .add_tag_attributes("img", ["data-image", "data-remote", "data-failed", "width", "height"])
        .attribute_filter(|element, attribute, value| {
            let keep = match (element, attribute) {
                ("img", "data-image") => value.len() == 64 && value.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)),
                ("img", "data-remote") => value.starts_with("https://") || value.starts_with("http://"),
                ("img", "width" | "height") => !value.is_empty() && value.len() <= 6 && value.bytes().all(|c| c.is_ascii_digit()),
                _ => true,
            };
            keep.then_some(value.into())
        });
    b.clean(html).to_string()
}

/// The attributes kept per element; every other attribute is dropped.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("img", &["src", "alt", "title"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan"]),
    ("ol", &["start"]),
    ("abbr", &["title"]),
];

/// The schemes a kept address may use; relative addresses are dropped.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Attributes every such element gets, whatever it held:
/// (element, attribute, value). A link opens nothing of ours.
pub(super) const SET_ATTRIBUTES: &[(&str, &str, &str)] =
    &[("a", "rel", "noopener noreferrer"), ("img", "referrerpolicy", "no-referrer"), ("img", "loading", "lazy")];

fn builder() -> Builder<'static> {
    let mut b = Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .link_rel(None)
        .strip_comments(true);
    for (tag, attributes) in TAG_ATTRIBUTES {
        b.add_tag_attributes(tag, attributes.iter().copied());
    }
    for (tag, attribute, value) in SET_ATTRIBUTES {
        if (*tag, *attribute) == ("a", "rel") {
            // ammonia sets a link's `rel` itself (and refuses it set otherwise).
            b.link_rel(Some(value));
        } else {
            b.set_tag_attribute_value(tag, attribute, value);
        }
    }
    b.url_relative(UrlRelative::Deny);
    b
}

/// What the sanitizer does with a node of a parsed tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Kept (an element: with its allowed attributes only).
    Keep,
    /// The element goes, its content stays in its place.
    Unwrap,
    /// Gone with everything inside it (comments, scripts, forms…).
    Drop,
}

/// The verdict on `node`, as `ammonia` gives it for the same node.
pub(super) fn verdict(node: &NodeRef) -> Verdict {
    enum Kind {
        Text,
        Element,
        Other,
    }
    let kind = node.query_or(Kind::Other, |n| match &n.data {
        NodeData::Text { .. } => Kind::Text,
        NodeData::Element(_) => Kind::Element,
        _ => Kind::Other,
    });
    match kind {
        Kind::Text => Verdict::Keep,
        Kind::Other => Verdict::Drop,
        Kind::Element => node.qual_name_ref().map_or(Verdict::Drop, |name| element_verdict(&name.local)),
    }
}

/// The verdict on an element named `name` (the parser lower-cases names).
pub(super) fn element_verdict(name: &str) -> Verdict {
    // The two lists are disjoint (`ammonia` checks it); the kept names are
    // the common ones.
    if TAGS.contains(&name) {
        Verdict::Keep
    } else if DROPPED_WITH_CONTENT.contains(&name) {
        Verdict::Drop
    } else if unknown_keeps_content(name) {
        Verdict::Unwrap
    } else {
        Verdict::Drop
    }
}

/// Whether `ammonia` keeps the content of an element on neither list: it
/// drops the content of an HTML element named like an SVG or MathML one (its
/// guard against a parser switching namespaces), a list of its own. Asked of
/// `ammonia` once per name and thread rather than copied.
fn unknown_keeps_content(name: &str) -> bool {
    // A page may invent any number of names: past this many, a name is
    // asked again each time rather than remembered.
    const MAX_REMEMBERED: usize = 512;
    thread_local! {
        static KNOWN: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = KNOWN.with(|k| k.borrow().get(name).copied()) {
        return known;
    }
    let keeps = sanitize(&format!("<{name}>probe</{name}>"), None).contains("probe");
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() < MAX_REMEMBERED {
            k.insert(name.to_owned(), keeps);
        }
    });
    keeps
}

/// Whether `ammonia` keeps `attribute="value"` on a kept `tag`: listed for
/// the tag and, for an address, absolute with an allowed scheme (parsed by
/// `url`, as `ammonia` parses it).
pub(super) fn allowed_attribute(tag: &str, attribute: &str, value: &str) -> bool {
    let listed = TAG_ATTRIBUTES.iter().any(|(t, attributes)| *t == tag && attributes.contains(&attribute));
    if listed && matches!(attribute, "href" | "src") {
        return url::Url::parse(value).is_ok_and(|u| URL_SCHEMES.contains(&u.scheme()));
    }
    listed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_markup_is_removed() {
        let dirty = "<p onclick=\"steal()\">Hi <a href=\"javascript:alert(1)\">x</a> <a href=\"https://ok.test/\">ok</a>\
            <a href=\"mailto:me@ok.test\">mail</a></p><script>alert(1)</script><style>p{}</style>\
            <form><p>Sign up now</p><input name=e><button>Go</button></form><iframe src=\"https://x.test\">in</iframe>\
            <object data=\"x\">obj</object><embed src=\"y\"><img src=\"data:image/png;base64,AAAA\"><img src=\"https://i.test/a.png\" onerror=\"x()\">";
        let clean = sanitize(dirty, None);
        for banned in [
            "onclick",
            "javascript:",
            "<script",
            "alert",
            "<style",
            "Sign up",
            "<form",
            "<input",
            "<button",
            "<iframe",
            "<object",
            "obj",
            "<embed",
            "data:",
            "onerror",
        ] {
            assert!(!clean.contains(banned), "{banned} survived in {clean}");
        }
        assert!(clean.contains("href=\"https://ok.test/\""));
        assert!(clean.contains("href=\"mailto:me@ok.test\""));
        assert!(clean.contains("src=\"https://i.test/a.png\""));
        assert!(clean.contains("referrerpolicy=\"no-referrer\""));
    }

    #[test]
    fn relative_urls_are_dropped() {
        let html = "<p><a href=\"/about\">about</a><img src=\"pic.jpg\"></p>";
        let clean = sanitize(html, Some("https://news.test/2020/story.html"));
        assert!(!clean.contains("href=") && !clean.contains("src="), "{clean}");
        assert!(clean.contains("about"));
    }

    #[test]
    fn laid_out_html_keeps_the_stored_forms_of_images_and_nothing_posing_as_them() {
        let hash = "0123456789abcdef".repeat(4);
        let html = format!(
            "<p data-o=\"0\">A wall.</p><img data-image=\"{hash}\" width=\"40\" height=\"20\" alt=\"The wall\">\
             <img data-remote=\"https://pics.test/w.png\" data-failed=\"too large\" alt=\"x\">\
             <img data-image=\"../../etc/passwd\" data-remote=\"javascript:alert(1)\" width=\"1e9px\" onerror=\"x()\">"
        );
        let clean = sanitize_laid_out(&html);
        for kept in [
            format!("data-image=\"{hash}\""),
            "width=\"40\"".into(),
            "data-remote=\"https://pics.test/w.png\"".into(),
            "data-failed=\"too large\"".into(),
        ] {
            assert!(clean.contains(&kept), "{kept} went: {clean}");
        }
        for gone in ["passwd", "javascript:", "1e9px", "onerror"] {
            assert!(!clean.contains(gone), "{gone} stayed: {clean}");
        }
    }
}
