//! SVG is never stored as it came: an allowlist serializer writes a new
//! drawing from a book's (or page's) SVG with only shapes, text, gradients
//! and their presentation attributes. No script, no event handlers, no
//! `foreignObject`, no styles, no links or references outside the drawing
//! (only `#id` references and embedded raster `data:` images survive).

use std::fmt::Write;

use dom_query::NodeRef;

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "pattern",
    "image",
    "marker",
];

const ATTRIBUTES: &[&str] = &[
    "id",
    "d",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "width",
    "height",
    "viewbox",
    "preserveaspectratio",
    "points",
    "transform",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "stroke-opacity",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "word-spacing",
    "dx",
    "dy",
    "rotate",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientunits",
    "gradienttransform",
    "spreadmethod",
    "clip-path",
    "clip-rule",
    "mask",
    "patternunits",
    "patterntransform",
    "markerwidth",
    "markerheight",
    "refx",
    "refy",
    "orient",
    "marker-start",
    "marker-mid",
    "marker-end",
    "visibility",
    "display",
    "textlength",
    "lengthadjust",
];

fn local(node: &NodeRef) -> String {
    let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
    name.rsplit(':').next().unwrap_or("").to_owned()
}

/// A clean SVG document from an `<svg>` element; `None` if nothing drawable is left.
pub fn sanitize(svg: &NodeRef) -> Option<String> {
    let mut out = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attributes(svg, "svg", &mut out);
    out.push('>');
    let before = out.len();
    for child in svg.children() {
        element(&child, &mut out);
    }
    if out.len() == before {
        return None;
    }
    out.push_str("</svg>");
    Some(out)
}

fn element(node: &NodeRef, out: &mut String) {
    if node.is_text() {
        escape(&node.text(), out);
        return;
    }
    if !node.is_element() {
        return;
    }
    let name = local(node);
    if !ELEMENTS.contains(&name.as_str()) {
        return;
    }
    // Written with SVG's own capitals.
    let written = match name.as_str() {
        "lineargradient" => "linearGradient",
        "radialgradient" => "radialGradient",
        "clippath" => "clipPath",
        other => other,
    };
    if name == "image" && !safe_image(node) {
        return;
    }
    if name == "use" && !internal_href(node) {
        return;
    }
    out.push('<');
    out.push_str(written);
    attributes(node, &name, out);
    if matches!(name.as_str(), "image" | "use") {
        if let Some(href) = href_of(node) {
            out.push_str(" href=\"");
            escape(&href, out);
            out.push('"');
        }
    }
    out.push('>');
    for child in node.children() {
        element(&child, out);
    }
    let _ = write!(out, "</{written}>");
}

fn href_of(node: &NodeRef) -> Option<String> {
    node.attr("href").or_else(|| node.attr("xlink:href")).map(|h| h.trim().to_string())
}

fn internal_href(node: &NodeRef) -> bool {
    href_of(node).is_some_and(|h| h.starts_with('#') && h[1..].chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

fn safe_image(node: &NodeRef) -> bool {
    let Some(href) = href_of(node) else { return false };
    let lower = href.to_ascii_lowercase();
    ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,", "data:image/webp;base64,"]
        .iter()
        .any(|p| lower.starts_with(p) && href[p.len()..].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
}

fn attributes(node: &NodeRef, element: &str, out: &mut String) {
    for attr in node.attrs() {
        let name = attr.name.local.to_ascii_lowercase();
        if !ATTRIBUTES.contains(&name.as_str()) || (element == "svg" && matches!(name.as_str(), "x" | "y")) {
            continue;
        }
        let value = attr.value.to_string();
        // Paint and reference values may only point inside the drawing.
        let lower = value.to_ascii_lowercase();
        if lower.contains("url(") && !only_internal_urls(&lower) {
            continue;
        }
        if lower.contains("javascript:") || lower.contains("expression(") {
            continue;
        }
        let written = match name.as_str() {
            "viewbox" => "viewBox",
            "preserveaspectratio" => "preserveAspectRatio",
            "gradientunits" => "gradientUnits",
            "gradienttransform" => "gradientTransform",
            "spreadmethod" => "spreadMethod",
            "patternunits" => "patternUnits",
            "patterntransform" => "patternTransform",
            "markerwidth" => "markerWidth",
            "markerheight" => "markerHeight",
            "refx" => "refX",
            "refy" => "refY",
            "textlength" => "textLength",
            "lengthadjust" => "lengthAdjust",
            other => other,
        };
        let _ = write!(out, " {written}=\"");
        escape(&value, out);
        out.push('"');
    }
}

fn only_internal_urls(value: &str) -> bool {
    value.match_indices("url(").all(|(i, _)| value[i + 4..].trim_start_matches(['\'', '"', ' ']).starts_with('#'))
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// An SVG file (a book's, or a page's image) as an image to store: rewritten
/// by [`sanitize`], sized from its attributes (300×150, the browser default,
/// when it has none), or why it cannot be.
pub fn stored(bytes: &[u8], source: Option<String>) -> std::result::Result<super::images::ImageData, &'static str> {
    let text = super::epub::package::xml_text(bytes);
    let doc = dom_query::Document::from(text.as_str());
    let svg = doc.select("svg").nodes().first().cloned().ok_or("the drawing could not be read")?;
    let clean = sanitize(&svg).ok_or("the drawing is empty")?;
    let size = size(&svg).unwrap_or((300, 150));
    Ok(super::images::ImageData::svg(clean, size, source))
}

/// The drawing's size in CSS pixels, from its width and height (px, pt, in,
/// cm, mm) or else its viewBox.
pub fn size(svg: &NodeRef) -> Option<(u32, u32)> {
    let length = |v: Option<String>| -> Option<f64> {
        let v = v?.trim().to_ascii_lowercase();
        let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(v.len()));
        let n: f64 = num.trim().parse().ok()?;
        let factor = match unit {
            "" | "px" => 1.0,
            "pt" => 4.0 / 3.0,
            "in" => 96.0,
            "cm" => 96.0 / 2.54,
            "mm" => 96.0 / 25.4,
            _ => return None,
        };
        Some(n * factor)
    };
    let (w, h) = match (length(svg.attr("width").map(|v| v.to_string())), length(svg.attr("height").map(|v| v.to_string()))) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let vb = svg.attr("viewBox").or_else(|| svg.attr("viewbox"))?.to_string();
            let nums: Vec<f64> = vb.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
            if nums.len() != 4 {
                return None;
            }
            (nums[2], nums[3])
        }
    };
    (w >= 1.0 && h >= 1.0 && w < 100_000.0 && h < 100_000.0).then(|| (w.round() as u32, h.round() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> Option<String> {
        let doc = dom_query::Document::from(format!("<body>{svg}</body>").as_str());
        let node = doc.select("svg").nodes().first().cloned().unwrap();
        sanitize(&node)
    }

    #[test]
    fn scripts_handlers_and_outside_references_are_not_written() {
        let out = clean(
            r##"<svg width="10pt" height="20" onload="x()"><script>alert(1)</script><foreignObject><p>hi</p></foreignObject>
            <rect width="5" height="5" fill="url(#g)" onclick="y()" style="fill:url(https://t.test/)"/>
            <circle r="2" fill="url(https://track.test/x)"/><a href="javascript:x()"><text>link</text></a>
            <use href="https://evil.test/s.svg#a"/><use xlink:href="#ok"/><image href="https://t.test/p.png"/>
            <set attributeName="href" to="javascript:x()"/><animate onbegin="x()"/><text x="1">Salt &amp; tide</text></svg>"##,
        )
        .unwrap();
        for banned in ["script", "onload", "onclick", "foreignObject", "style", "https:", "javascript", "<a", "set", "animate", "<image"] {
            assert!(!out.contains(banned), "{banned} in {out}");
        }
        assert!(out.contains(r#"<rect width="5" height="5" fill="url(#g)">"#), "{out}");
        assert!(out.contains(r##"<use href="#ok">"##), "{out}");
        assert!(out.contains("Salt &amp; tide"), "{out}");
    }

    #[test]
    fn sizes_come_from_units_or_the_view_box() {
        let doc = dom_query::Document::from(r#"<body><svg width="30pt" height="15pt"></svg><svg viewBox="0 0 640 480"></svg></body>"#);
        let svgs = doc.select("svg").nodes().to_vec();
        assert_eq!(size(&svgs[0]), Some((40, 20)));
        assert_eq!(size(&svgs[1]), Some((640, 480)));
    }
}
