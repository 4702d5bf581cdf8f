//! The allowlist every imported HTML passes through before layout.
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

use ammonia::{Builder, UrlRelative};

const TAGS: &[&str] = &[
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
const DROPPED_WITH_CONTENT: &[&str] = &[
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

fn builder() -> Builder<'static> {
    let mut b = Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .add_tag_attributes("a", ["href", "title"])
        .add_tag_attributes("img", ["src", "alt", "title"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("abbr", ["title"])
        .set_tag_attribute_value("img", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value("img", "loading", "lazy");
    b.url_relative(UrlRelative::Deny);
    b
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
