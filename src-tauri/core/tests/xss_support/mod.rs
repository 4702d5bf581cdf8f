//! The XSS corpus (tests/security/xss-vectors.txt) and the checker every
//! stored article must pass.

#![allow(dead_code)]

// The corpus reader is shared with the e2e tests (tests/e2e/tests/xss.rs).
mod corpus;

use dom_query::{Document, NodeRef};

pub use corpus::{load_vectors, Vector};

/// Paragraphs of our own, numbered so that every article's text is unique
/// (the library refuses duplicates).
pub fn paragraphs(tag: &str) -> [String; 4] {
    [
        format!("Specimen {tag} opens with a walk along the old canal, where the towpath runs between willows and a row of moored boats."),
        format!(
            "The lock keeper of specimen {tag} keeps a ledger of every boat that passes, written in pencil in a book with a green cover."
        ),
        format!("In winter the canal of specimen {tag} freezes at the edges, and the boats stay tied up until the thaw comes in March."),
        format!("Specimen {tag} ends at the basin, where the warehouses have become flats and a cafe sells tea to walkers."),
    ]
}

/// The vectors embedded in an article: three paragraphs, the vectors, a
/// closing paragraph (so that a vector that swallows the rest of the page still
/// leaves an article behind).
pub fn article_body(tag: &str, payloads: &[&str]) -> String {
    let [a, b, c, d] = paragraphs(tag);
    let mut body = format!("<article><h1>Canal notes {tag}</h1><p>{a}</p><p>{b}</p><p>{c}</p>");
    // Each vector twice: as a block between prose (long enough that the
    // readability pass keeps it) and inside a sentence.
    for (i, p) in payloads.iter().enumerate() {
        body.push_str(&format!(
            "<div><p>Vector {i} of specimen {tag} comes next, set among ordinary sentences so that the page reads as an article.</p>{p}\
             <p>After vector {i} the towpath goes on past the lock, the mill and the old brewery yard.</p></div>\
             <p>Inside a sentence, vector {i} sits here: {p} and the sentence closes after it.</p>"
        ));
    }
    body.push_str(&format!("<p>{d}</p></article>"));
    body
}

pub fn article_page(tag: &str, payloads: &[&str]) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Canal notes {tag}</title></head><body>{}</body></html>",
        article_body(tag, payloads)
    )
}

// Elements the reader may receive: what the layout writes, plus the wrappers
// an HTML parser adds around a fragment (one list with the fuzz checks).
use sidenote_fuzz_checks::ALLOWED_TAGS as ALLOWED_ELEMENTS;

/// Named separately so a failure says exactly what got through.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "template",
    "noscript",
    "portal",
    "video",
    "audio",
    "source",
    "picture",
    "animate",
    "set",
    "use",
    "foreignobject",
    "annotation-xml",
    "isindex",
    "keygen",
    "details",
    "dialog",
    "marquee",
    "xmp",
    "plaintext",
    "title",
    "bgsound",
    "area",
    "map",
];

fn allowed_attribute(tag: &str, attr: &str) -> bool {
    if attr == "data-o" {
        return true;
    }
    match tag {
        "a" => matches!(attr, "href" | "title" | "rel"),
        // The stored forms of images (import/images.rs): saved, or not saved and why.
        "img" => matches!(
            attr,
            "src" | "alt" | "title" | "referrerpolicy" | "loading" | "data-image" | "data-remote" | "data-failed" | "width" | "height"
        ),
        "td" | "th" => matches!(attr, "colspan" | "rowspan"),
        "ol" => attr == "start",
        "abbr" => attr == "title",
        _ => false,
    }
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "data-remote",
    "cite",
    "action",
    "formaction",
    "background",
    "poster",
    "srcset",
    "data",
    "xlink:href",
    "ping",
    "lowsrc",
    "dynsrc",
];

/// What a browser would see as the scheme: control characters and whitespace
/// are ignored by URL parsing, case does not matter.
fn browser_scheme(value: &str) -> Option<String> {
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    let colon = squeezed.find(':')?;
    let scheme = &squeezed[..colon];
    (!scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))).then(|| scheme.to_owned())
}

/// Every rule the stored HTML must keep; returns the violations found.
pub fn violations(html: &str) -> Vec<String> {
    let doc = Document::fragment(html);
    let mut found = Vec::new();
    for node in doc.root().descendants() {
        if node.is_element() {
            check_element(&node, &mut found);
        }
    }
    found
}

fn check_element(node: &NodeRef, found: &mut Vec<String>) {
    let Some(name) = node.node_name() else { return };
    let tag = name.to_ascii_lowercase();
    if FORBIDDEN_ELEMENTS.contains(&tag.as_str()) {
        found.push(format!("forbidden element <{tag}>"));
    } else if !ALLOWED_ELEMENTS.contains(&tag.as_str()) {
        found.push(format!("element <{tag}> is not on the allowlist"));
    }
    for attr in node.attrs() {
        let attr_name: String = attr.name.local.to_ascii_lowercase().to_string();
        let value: &str = &attr.value;
        if attr_name.starts_with("on") {
            found.push(format!("event handler {attr_name} on <{tag}>"));
        }
        if !allowed_attribute(&tag, &attr_name) {
            found.push(format!("attribute {attr_name} on <{tag}> is not on the allowlist"));
        }
        if matches!(attr_name.as_str(), "data-o" | "width" | "height") && value.parse::<u32>().is_err() {
            found.push(format!("{attr_name} is not a number: {value:?}"));
        }
        if attr_name == "data-image" && !(value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())) {
            found.push(format!("data-image is not a SHA-256: {value:?}"));
        }
        if let Some(scheme) = browser_scheme(value) {
            if matches!(scheme.as_str(), "javascript" | "data" | "vbscript" | "livescript") {
                found.push(format!("{scheme}: URL in {attr_name} on <{tag}>: {value:?}"));
            }
        }
        if URL_ATTRIBUTES.contains(&attr_name.as_str()) {
            match url::Url::parse(value) {
                Ok(u) if matches!(u.scheme(), "http" | "https") || (u.scheme() == "mailto" && attr_name == "href") => {}
                Ok(u) => found.push(format!("{} URL in {attr_name} on <{tag}>: {value:?}", u.scheme())),
                Err(_) => found.push(format!("{attr_name} on <{tag}> is not an absolute URL: {value:?}")),
            }
        }
    }
}

#[test]
fn checker_catches_what_it_must() {
    let bad = [
        "<script>x()</script>",
        "<p onclick=\"x()\">a</p>",
        "<a href=\"java\tscript:x()\">a</a>",
        "<a href=\" JAVASCRIPT:x()\">a</a>",
        "<img src=\"data:image/png,AAAA\">",
        "<a href=\"vbscript:x\">a</a>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<object data=\"x\"></object>",
        "<embed src=\"x\">",
        "<form action=\"https://a.test/\"></form>",
        "<base href=\"https://a.test/\">",
        "<meta http-equiv=\"refresh\" content=\"0\">",
        "<style>p{}</style>",
        "<svg><a href=\"x\">a</a></svg>",
        "<math><mi>x</mi></math>",
        "<p id=\"app\">a</p>",
        "<p style=\"color:red\">a</p>",
        "<a href=\"/relative\">a</a>",
        "<a href=\"file:///etc/passwd\">a</a>",
        "<p data-o=\"x\">a</p>",
        "<img src=\"mailto:a@b.test\">",
        "<img data-image=\"../../etc/passwd\">",
        "<img data-remote=\"javascript:x()\" data-failed=\"x\">",
        "<img width=\"1;x\">",
    ];
    for html in bad {
        assert!(!violations(html).is_empty(), "the checker let {html:?} through");
    }
    let good = "<h2 data-o=\"0\">T</h2><p data-o=\"3\">A <a href=\"https://a.test/\" rel=\"noopener noreferrer\">link</a> and \
                <a href=\"mailto:a@b.test\">mail</a> <img src=\"https://a.test/i.png\" alt=\"\" referrerpolicy=\"no-referrer\" loading=\"lazy\"></p>\
                <table><tr><td colspan=\"2\">c</td></tr></table><ol start=\"3\"><li>x</li></ol><p><abbr title=\"javascript for kids\">JS</abbr></p>\
                <p><img data-image=\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" width=\"3\" height=\"2\" data-remote=\"https://a.test/i.png\" alt=\"\">\
                <img data-remote=\"https://a.test/j.png\" data-failed=\"the server answered 404 Not Found\" alt=\"j\"></p>";
    assert_eq!(violations(good), Vec::<String>::new());
}
