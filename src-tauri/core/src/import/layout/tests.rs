use super::*;

fn check(input: &str) -> (String, String) {
    let (text, html) = layout(input);
    if let Some(v) = contract_violation(&text, &html) {
        panic!("contract broken for {input:?}: {v}\nhtml: {html}");
    }
    (text, html)
}

#[test]
fn whitespace_collapses_across_inline_elements() {
    let (text, html) = check("<p>  The <em>quick</em>\n\n  <strong> brown </strong>fox<br>jumps </p>");
    assert_eq!(text, "The quick brown fox jumps");
    assert_eq!(html, "<p data-o=\"0\">The <em>quick</em> <strong>brown</strong> fox jumps</p>");
}

#[test]
fn nested_structures_get_offsets_on_text_blocks_only() {
    let (text, html) = check(
        "<h1>Heading</h1><ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>\
         <blockquote><p>said</p>loose</blockquote><table><tr><td>a</td><td></td><th>b &amp; c</th></tr></table>",
    );
    assert_eq!(text, "Heading\n\none\n\ninner\n\ntwo\n\nsaid\n\nloose\n\na\n\nb & c");
    assert!(html.contains("<li><p data-o=\"9\">one</p><ul><li data-o=\"14\">inner</li></ul></li>"), "{html}");
    assert!(html.contains("<td></td>"));
    assert!(html.contains("<th data-o=\"42\">b &amp; c</th>"), "{html}");
}

#[test]
fn pre_keeps_lines_and_folds_blank_ones() {
    let (text, _) = check("<p>before</p><pre>fn main() {\n\n\n    go();\n}\n\n</pre>");
    assert_eq!(text, "before\n\nfn main() {\n    go();\n}");
}

#[test]
fn unknown_markup_is_dropped_and_attributes_escaped() {
    let (text, html) = check(
        "<div><span class=x>Loose <a href=\"https://e.test/?a=1&amp;b=&quot;2&quot;\" onclick=\"x()\">link</a></span></div>\
         <p><img src=\"https://e.test/i.png\" alt=\"pic\"></p><p><img src=\"data:x\"></p>",
    );
    assert_eq!(text, "Loose link");
    assert!(html.contains("href=\"https://e.test/?a=1&amp;b=&quot;2&quot;\""), "{html}");
    assert!(!html.contains("onclick") && !html.contains("class") && !html.contains("data:x"));
    assert!(html.contains("<p><img src=\"https://e.test/i.png\" alt=\"pic\"></p>"), "{html}");
}

#[test]
fn script_and_relative_urls_are_not_written_even_without_the_sanitizer() {
    // Disguised schemes from the XSS corpus (tests/security/xss-vectors.txt).
    let hrefs = [
        "JAVASCRIPT:x()",
        " javascript:x()",
        "\tjavascript:x()",
        "java\tscript:x()",
        "java\nscript:x()",
        "\u{e}javascript:x()",
        "data:text/html,x",
        "vbs\tcript:x",
        "livescript:x",
        "file:///etc/passwd",
        "tauri://localhost/",
        "ipc://localhost/x",
        "blob:https://e.test/u",
        "about:blank",
        "//e.test/",
        "/relative",
    ];
    for href in hrefs {
        let (_, html) = check(&format!("<p><a href=\"{}\">link</a><img src=\"{}\"></p>", href.replace('"', "&quot;"), href));
        assert!(!html.contains("href=") && !html.contains("src="), "{href:?} was written: {html}");
    }
    let (_, html) = check("<p><a href=\"mailto:a@e.test\">m</a> <img src=\"mailto:a@e.test\"><img src=\"https://e.test/i.png\"></p>");
    assert!(
        html.contains("href=\"mailto:a@e.test\"") && html.contains("src=\"https://e.test/i.png\"") && !html.contains("src=\"mailto"),
        "{html}"
    );
}

proptest::proptest! {
    #[test]
    fn direct_paragraph_layout_equals_the_general_one(paragraphs in proptest::collection::vec("[a-zé😀&<>\"' \t\u{a0}\u{2003}]{0,12}", 0..6)) {
        let mut html = String::new();
        for p in &paragraphs {
            html.push_str("<p>");
            escape_text(p, &mut html);
            html.push_str("</p>");
        }
        proptest::prop_assert_eq!(layout_paragraphs(&paragraphs), layout(&html));
    }
}

#[test]
fn property_offsets_hold_for_generated_documents() {
    // A small deterministic generator of awkward documents: multi-byte
    // characters, entities, nested inline markup, empty elements and
    // whitespace in every position.
    let pieces = [
        "é",
        " ",
        "\n",
        "<em>",
        "</em>",
        "<b> ",
        " </b>",
        "&amp;",
        "&lt;",
        "😀",
        "<br>",
        "word",
        "\t",
        "<a href=\"https://x.test/\">",
        "</a>",
        "<code>",
        "</code>",
        "ß",
        "\u{a0}",
        "<span></span>",
    ];
    let wrappers = [("<p>", "</p>"), ("<li>", "</li>"), ("<h2>", "</h2>"), ("<blockquote>", "</blockquote>"), ("<td>", "</td>")];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..300 {
        let mut doc = String::new();
        for _ in 0..1 + next(6) {
            let (open, close) = wrappers[next(wrappers.len())];
            doc.push_str(open);
            for _ in 0..next(14) {
                doc.push_str(pieces[next(pieces.len())]);
            }
            doc.push_str(close);
            if next(3) == 0 {
                doc.push_str(pieces[next(pieces.len())]);
            }
        }
        check(&doc);
    }
}
