//! The article's one-parse path ([`layout::layout_untrusted_marked`]: the
//! sanitizer's allowlist applied on the clean-up's own tree) against the path
//! it replaced, kept as the oracle: the HTML serialized, cleaned by `ammonia`,
//! parsed again by the layout.

use std::collections::BTreeSet;

use dom_query::Document;
use proptest::prelude::*;

use crate::import::html::oracle;
use crate::import::layout::{self, contract_violation};
use crate::import::sanitize::{self, sanitize};
use crate::import::{load_bytes, Format};

/// The payloads of the XSS corpus (`tests/security/xss-vectors.txt`: one
/// "family<TAB>payload" a line), with its character tokens written out and
/// its trap server's address made an unreachable one.
fn xss_payloads() -> Vec<String> {
    let corpus = include_str!("../../../../../../tests/security/xss-vectors.txt");
    let tokens = [
        ("{NUL}", "\0"),
        ("{TAB}", "\t"),
        ("{LF}", "\n"),
        ("{CR}", "\r"),
        ("{FF}", "\u{c}"),
        ("{TRAP}", "https://xss.invalid"),
        ("{TRAPHOST}", "xss.invalid"),
    ];
    corpus
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, payload)| tokens.iter().fold(payload.to_owned(), |p, (token, c)| p.replace(token, c)))
        .collect()
}

/// Every element, attribute and address in laid-out `html` that the
/// sanitizer's allowlist (or the layout's own offset attribute) does not
/// allow; empty when it holds only what `ammonia` lets through.
fn outside_the_allowlist(html: &str) -> Vec<String> {
    let doc = Document::fragment(html);
    let mut found = Vec::new();
    for node in doc.html_root().descendants_it() {
        let Some(name) = node.qual_name_ref().map(|q| q.local.to_string()) else { continue };
        if sanitize::element_verdict(&name) != sanitize::Verdict::Keep {
            found.push(format!("element <{name}>"));
        }
        for attribute in node.attrs() {
            let (a, value) = (attribute.name.local.to_string(), attribute.value.to_string());
            let set = sanitize::SET_ATTRIBUTES.iter().any(|(t, s, v)| *t == name && *s == a && *v == value);
            if !(set || a == "data-o" || sanitize::allowed_attribute(&name, &a, &value)) {
                found.push(format!("<{name} {a}={value:?}>"));
            }
        }
    }
    if !doc.select("[href], [src]").nodes().iter().all(|n| {
        let url = n.attr("href").or_else(|| n.attr("src")).unwrap_or_default();
        url::Url::parse(&url).is_ok_and(|u| ["http", "https", "mailto"].contains(&u.scheme()))
    }) {
        found.push("an address with another scheme".into());
    }
    found
}

/// Whether a tree serialized as `once` reads the same after the old path's
/// two parses (`ammonia`'s, then the layout's): misnested tags the parser
/// moved (out of a table, a list item out of another) parse differently a
/// second time, and there the old path laid out the second parse's tree.
fn stable(once: &str) -> bool {
    let twice = super::parse_as_ammonia(once).html_root().inner_html().to_string();
    let thrice = Document::from(twice.as_str()).body().map(|b| b.inner_html().to_string()).unwrap_or_default();
    once == twice && twice == thrice
}

/// The checks every input passes: nothing outside the allowlist, the
/// offsets contract, and, where the old path's parses read the same tree
/// as the first one, the same text as the oracle. Returns the inputs (as
/// a fragment, as a document) whose HTML was compared and differs.
fn check(input: &str) -> Vec<String> {
    // The clean-up's tree is parsed with scripting off (a `<noscript>`'s
    // content is markup), `ammonia` parses with scripting on (it is text):
    // on the old path an unclosed `<noscript>` hid the rest of a document
    // from the layout, or `</noscript>` in an attribute ended it early; and
    // no end tag closes `<plaintext>`. The one-parse path reads the tree
    // the clean-up judged.
    let lower = input.to_ascii_lowercase();
    let scripting_alike = !lower.contains("<noscript") && !lower.contains("<plaintext");
    let as_fragment = super::parse_as_ammonia(input).html_root().inner_html().to_string();
    let fragment = Some((layout::layout_untrusted(input), oracle::layout(input), stable(&as_fragment), "fragment"));
    let document = Document::from(input).body().map(|body| {
        let (text, html, _) = layout::layout_untrusted_marked(&body);
        let serialized = body.inner_html().to_string();
        let (old_text, old_html, _) = layout::layout_marked(&sanitize(&serialized, None));
        ((text, html), (old_text, old_html), scripting_alike && stable(&serialized), "document")
    });
    let mut differing = Vec::new();
    for ((text, html), (old_text, old_html), compare, form) in fragment.into_iter().chain(document) {
        let outside = outside_the_allowlist(&html);
        assert!(outside.is_empty(), "{outside:?} written for {input:?}: {html}");
        assert_eq!(contract_violation(&text, &html), None, "{input:?}: {html}");
        if compare {
            assert_eq!(text, old_text, "text differs from the oracle's for {input:?} ({form})\nnew: {html}\nold: {old_html}");
            if html != old_html {
                differing.push(format!("{input:?} ({form})\nnew: {html}\nold: {old_html}"));
            }
        }
    }
    differing
}

#[test]
fn the_xss_corpus_lays_out_as_through_ammonia() {
    let vectors = xss_payloads();
    assert!(vectors.len() > 100, "the corpus is read");
    let mut differing = Vec::new();
    for payload in &vectors {
        // Each alone, and inside an article's paragraph and list.
        for input in [payload.clone(), format!("<p>Before {payload} after.</p><ul><li>{payload}</li></ul>")] {
            differing.extend(check(&input));
        }
    }
    assert!(differing.is_empty(), "HTML differs from the oracle's for {differing:#?}");
}

#[test]
fn elements_off_both_lists_lose_their_content_as_ammonia_decides() {
    // Names on neither list: `ammonia` unwraps most, but drops with their
    // content those named like SVG or MathML elements.
    for name in ["header", "nav", "font", "center", "x-card", "text", "g", "mi", "title", "desc", "view", "set"] {
        let input = format!("<p>kept <{name}>inner words</{name}> end</p>");
        check(&input);
        let through_ammonia = sanitize(&input, None).contains("inner");
        assert_eq!(layout::layout_untrusted(&input).0.contains("inner"), through_ammonia, "{name}");
    }
    assert_eq!(sanitize::element_verdict("nav"), sanitize::Verdict::Unwrap);
    assert_eq!(sanitize::element_verdict("script"), sanitize::Verdict::Drop);
    assert_eq!(sanitize::element_verdict("p"), sanitize::Verdict::Keep);
}

#[test]
fn links_and_images_keep_only_allowed_addresses_and_get_the_set_attributes() {
    let input = "<p><a href=\"https://e.test/a\" rel=\"opener\" target=\"_top\" title=\"t\">one</a> \
                 <a href=\" JavaScript:x()\">two</a> <a href=\"/rel\">three</a> <a href=\"mailto:a@e.test\">four</a> \
                 <img src=\"https://e.test/i.png\" loading=\"eager\" referrerpolicy=\"unsafe-url\" alt=\"i\" onerror=\"x()\"> \
                 <img src=\"mailto:a@e.test\"><img src=\"http://\"></p>";
    assert_eq!(check(input), Vec::<String>::new(), "the HTML is the oracle's");
    let (_, html) = layout::layout_untrusted(input);
    assert!(html.contains("<a href=\"https://e.test/a\" title=\"t\" rel=\"noopener noreferrer\">one</a>"), "{html}");
    assert!(html.contains("<a rel=\"noopener noreferrer\">two</a>"), "{html}");
    assert!(html.contains("<img src=\"https://e.test/i.png\" alt=\"i\" referrerpolicy=\"no-referrer\" loading=\"lazy\">"), "{html}");
    assert_eq!(html.matches("<img").count(), 1, "{html}");
}

/// Pieces of markup: allowed, dropped-with-content and unknown elements,
/// attributes with addresses of every kind, comments, text and entities.
fn piece() -> impl Strategy<Value = String> {
    // Every name the allowlist keeps or drops with its content (a name added
    // to it is generated too), and names on neither list: special elements
    // the sanitizer unwraps, obsolete and invented ones, SVG and MathML names.
    let unlisted = [
        "header", "nav", "aside", "font", "center", "x-box", "text", "g", "mi", "title", "xmp", "main", "details", "summary", "address",
        "marquee", "fieldset", "time", "big", "nobr", "dir", "menu",
    ];
    let tags: Vec<&str> = sanitize::TAGS.iter().chain(sanitize::DROPPED_WITH_CONTENT).chain(&unlisted).copied().collect();
    let attributes = [
        "href",
        "src",
        "onclick",
        "onerror",
        "style",
        "class",
        "id",
        "title",
        "alt",
        "colspan",
        "rowspan",
        "start",
        "rel",
        "target",
        "loading",
        "referrerpolicy",
        "data-o",
        "HREF",
    ];
    let values = [
        "https://e.test/a?b=1&c=2",
        "http://e.test/",
        "mailto:a@e.test",
        "javascript:alert(1)",
        "JaVaScRiPt:x()",
        " javascript:x()",
        "java\tscript:x",
        "data:text/html,x",
        "data:image/png;base64,AAAA",
        "/relative",
        "//e.test/x",
        "page.html",
        "  https://e.test/padded  ",
        "HTTPS://E.TEST/UP",
        "vbscript:x",
        "ftp://e.test/f",
        "#here",
        "",
        "2",
        "x\"y",
        "http://",
    ];
    let texts = ["word", " ", "\n", "\n\n", "\t", "two words", "&amp;", "&lt;b&gt;", "&nbsp;", "é", "😀", "<", ">", "&", "\u{a0}", "5 < 6"];
    let open = (
        proptest::sample::select(tags.clone()),
        proptest::collection::vec((proptest::sample::select(attributes.to_vec()), proptest::sample::select(values.to_vec())), 0..3),
    )
        .prop_map(|(tag, attrs)| {
            let attrs: String = attrs.iter().map(|(a, v)| format!(" {a}=\"{}\"", v.replace('"', "&quot;"))).collect();
            format!("<{tag}{attrs}>")
        });
    prop_oneof![
        4 => open,
        3 => proptest::sample::select(tags).prop_map(|t| format!("</{t}>")),
        4 => proptest::sample::select(texts.to_vec()).prop_map(str::to_owned),
        1 => Just("<!-- a comment <p>x</p> -->".to_owned()),
        1 => Just("<!doctype html>".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn generated_markup_lays_out_as_through_ammonia(pieces in proptest::collection::vec(piece(), 0..40)) {
        let differing = check(&pieces.concat());
        prop_assert!(differing.is_empty(), "{:#?}", differing);
    }
}

/// The pages of the shared corpora extracted both ways: the text must be
/// the same byte for byte, and so (see the list of exceptions printed) the
/// HTML and the removed blocks. Skips, saying so, without `../shared`.
#[test]
fn corpus_pages_extract_as_through_ammonia() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut pages = Vec::new();
    for corpus in ["news", "readability"] {
        let Ok(entries) = std::fs::read_dir(shared.join(corpus)) else {
            eprintln!("skipped: {} is absent", shared.join(corpus).display());
            continue;
        };
        pages.extend(entries.flatten().map(|e| e.path().join("source.html")).filter(|p| p.is_file()));
    }
    pages.sort();
    let (mut html_differs, mut moved) = (BTreeSet::new(), BTreeSet::new());
    for page in &pages {
        let name = page.display().to_string();
        let bytes = std::fs::read(page).expect("a corpus page is readable");
        let new = load_bytes(&name, bytes.clone(), Format::Html).map(|l| l.extracted);
        oracle::ON.with(|on| on.set(true));
        let old = load_bytes(&name, bytes, Format::Html).map(|l| l.extracted);
        oracle::ON.with(|on| on.set(false));
        let (new, old) = match (new, old) {
            (Ok(new), Ok(old)) => (new, old),
            (Err(new), Err(old)) => {
                assert_eq!(new.to_string(), old.to_string(), "{name}");
                continue;
            }
            (new, old) => panic!("{name}: one path refused the page: {:?} / {:?}", new.err(), old.err()),
        };
        assert_eq!(new.text, old.text, "{name}: the text differs");
        assert_eq!((&new.title, &new.byline, &new.published), (&old.title, &old.byline, &old.published), "{name}");
        assert_eq!(contract_violation(&new.text, &new.html), None, "{name}");
        assert!(outside_the_allowlist(&new.html).is_empty(), "{name}: {:?}", outside_the_allowlist(&new.html));
        if new.html != old.html {
            html_differs.insert(name.clone());
        }
        let blocks = |e: &crate::model::Extracted| e.removed.iter().map(|r| (r.text.clone(), r.html.clone())).collect::<Vec<_>>();
        assert_eq!(blocks(&new), blocks(&old), "{name}: the removed blocks differ");
        // Where a removed block stood may differ: the old path's second parse
        // moved a marker left in a table row out before the table (a
        // paragraph cannot stand in a row); it now stays where the block
        // was. Either way it is where a block of the text starts.
        let chars: Vec<char> = new.text.chars().collect();
        for (n, o) in new.removed.iter().zip(&old.removed) {
            let at = n.at as usize;
            let block_start = at == 0 || at == chars.len() + 2 || (2..=chars.len()).contains(&at) && chars[at - 2..at] == ['\n', '\n'];
            assert!(block_start, "{name}: a removed block at {at}");
            if n.at != o.at {
                eprintln!("{name}: {:?} removed at {} (was {})", n.text, n.at, o.at);
                moved.insert(name.clone());
            }
        }
    }
    eprintln!("{} pages compared; HTML differs on {html_differs:#?}; removed blocks stand elsewhere on {moved:#?}", pages.len());
    assert!(html_differs.is_empty());
}
