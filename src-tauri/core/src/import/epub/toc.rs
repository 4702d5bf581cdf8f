//! A book's own table of contents: the EPUB 3 navigation document's `toc`
//! nav, or else the EPUB 2 NCX's navMap, as a flat list with levels.

use dom_query::{Document, NodeRef};

use super::archive::resolve;
use super::package::{parse_xml, xml_text};
use crate::error::Result;

/// One entry, pointing at a file of the book and maybe a fragment in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavPoint {
    pub title: String,
    pub level: u8,
    pub path: Option<String>,
    pub fragment: Option<String>,
}

/// Deepest level kept (deeper entries are rare and crowd the panel).
const MAX_LEVEL: u8 = 6;

/// The `toc` nav of an EPUB 3 navigation document at `path`.
pub fn from_nav(xhtml: &[u8], path: &str) -> Vec<NavPoint> {
    let text = super::content::xhtml_as_html(&xml_text(xhtml));
    let doc = Document::from(text.as_str());
    let navs: Vec<NodeRef> = doc.select("nav").nodes().to_vec();
    let toc = navs
        .iter()
        .find(|n| n.attr("epub:type").is_some_and(|t| t.split_whitespace().any(|t| t == "toc")))
        .or_else(|| navs.iter().find(|n| n.attr("role").as_deref() == Some("doc-toc")))
        .or(navs.first());
    let mut out = Vec::new();
    if let Some(nav) = toc {
        if let Some(list) = nav.children().into_iter().find(|c| matches!(tag(c).as_str(), "ol" | "ul")) {
            walk_list(&list, 1, path, &mut out);
        }
    }
    out
}

fn tag(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

fn walk_list(list: &NodeRef, level: u8, base: &str, out: &mut Vec<NavPoint>) {
    for li in list.children().into_iter().filter(|c| tag(c) == "li") {
        let label = li.children().into_iter().find(|c| matches!(tag(c).as_str(), "a" | "span"));
        let nested = li.children().into_iter().find(|c| matches!(tag(c).as_str(), "ol" | "ul"));
        // A heading `span` with its entries nested under it lifts them a level
        // when it has no text; otherwise it is an entry of its own, pointing
        // where its first child entry does.
        let title = label.as_ref().map(|l| l.text().split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
        let target = label.as_ref().and_then(|l| l.attr("href")).and_then(|h| resolve(base, &h));
        if title.is_empty() && target.is_none() {
            if let Some(n) = &nested {
                walk_list(n, level, base, out);
            }
            continue;
        }
        let at = out.len();
        if level <= MAX_LEVEL {
            let (path, fragment) = target.map_or((None, None), |(p, f)| (Some(p), f));
            out.push(NavPoint { title, level, path, fragment });
        }
        if let Some(n) = &nested {
            walk_list(n, level + 1, base, out);
            // An entry without a target of its own starts where its first child does.
            if out.get(at).is_some_and(|e| e.path.is_none()) {
                if let Some(first) = out[at + 1..].iter().find(|e| e.path.is_some()).cloned() {
                    out[at].path = first.path;
                    out[at].fragment = first.fragment;
                }
            }
        }
    }
}

/// The navMap of an EPUB 2 NCX at `path`.
pub fn from_ncx(bytes: &[u8], path: &str, what: &str) -> Result<Vec<NavPoint>> {
    let text = xml_text(bytes);
    let doc = parse_xml(&text, what, path)?;
    let mut out = Vec::new();
    if let Some(map) = doc.descendants().find(|n| n.has_tag_name("navMap") || n.tag_name().name() == "navMap") {
        walk_points(map, 1, path, &mut out);
    }
    Ok(out)
}

fn walk_points(parent: roxmltree::Node<'_, '_>, level: u8, base: &str, out: &mut Vec<NavPoint>) {
    for point in parent.children().filter(|n| n.is_element() && n.tag_name().name() == "navPoint") {
        let title = point
            .children()
            .find(|n| n.tag_name().name() == "navLabel")
            .map(|l| l.descendants().filter_map(|t| if t.is_text() { t.text() } else { None }).collect::<String>())
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let target =
            point.children().find(|n| n.tag_name().name() == "content").and_then(|c| c.attribute("src")).and_then(|s| resolve(base, s));
        if level <= MAX_LEVEL && !title.is_empty() {
            let (path, fragment) = target.map_or((None, None), |(p, f)| (Some(p), f));
            out.push(NavPoint { title, level, path, fragment });
        }
        walk_points(point, level + 1, base, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nav_lists_nest_and_heading_spans_take_their_first_child() {
        let nav = br#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="landmarks"><ol><li><a href="c1.xhtml">Start</a></li></ol></nav>
<nav epub:type="toc"><h1>Contents</h1><ol>
 <li><a href="Text/c1.xhtml">One <em>Tide</em></a><ol><li><a href="Text/c1.xhtml#s2">Ebb</a></li></ol></li>
 <li><span>Part Two</span><ol><li><a href="Text/c2.xhtml">Two</a></li></ol></li>
 <li><span></span><ol><li><a href="Text/c3.xhtml">Three</a></li></ol></li>
</ol></nav></body></html>"#;
        let points = from_nav(nav, "OEBPS/nav.xhtml");
        let got: Vec<(&str, u8, Option<&str>, Option<&str>)> =
            points.iter().map(|p| (p.title.as_str(), p.level, p.path.as_deref(), p.fragment.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("One Tide", 1, Some("OEBPS/Text/c1.xhtml"), None),
                ("Ebb", 2, Some("OEBPS/Text/c1.xhtml"), Some("s2")),
                ("Part Two", 1, Some("OEBPS/Text/c2.xhtml"), None),
                ("Two", 2, Some("OEBPS/Text/c2.xhtml"), None),
                ("Three", 1, Some("OEBPS/Text/c3.xhtml"), None),
            ]
        );
    }

    #[test]
    fn ncx_nav_points_nest() {
        let ncx = br#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
<navPoint id="a" playOrder="1"><navLabel><text>First</text></navLabel><content src="ch1.html"/>
 <navPoint id="b" playOrder="2"><navLabel><text>Inner</text></navLabel><content src="ch1.html#x%20y"/></navPoint></navPoint>
<navPoint id="c" playOrder="3"><navLabel><text>Second</text></navLabel><content src="ch2.html"/></navPoint>
</navMap></ncx>"#;
        let points = from_ncx(ncx, "OPS/toc.ncx", "b.epub").unwrap();
        let got: Vec<(&str, u8, Option<&str>)> = points.iter().map(|p| (p.title.as_str(), p.level, p.fragment.as_deref())).collect();
        assert_eq!(got, [("First", 1, None), ("Inner", 2, Some("x y")), ("Second", 1, None)]);
        assert_eq!(points[0].path.as_deref(), Some("OPS/ch1.html"));
    }
}
