//! The package: `META-INF/container.xml` names the package document (OPF),
//! whose metadata, manifest and spine describe the book.

use std::collections::HashMap;

use roxmltree::{Document, Node, ParsingOptions};

use super::archive::{resolve, Archive};
use crate::error::{Error, Result};
use crate::model::{BookDetails, Creator};

/// One manifest item.
#[derive(Debug, Clone)]
pub struct Item {
    /// The entry name in the zip (resolved and percent-decoded).
    pub path: String,
    pub media_type: String,
    pub fallback: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SpineRef {
    pub idref: String,
    pub linear: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    pub details: BookDetails,
}

#[derive(Debug, Clone)]
pub struct Package {
    pub metadata: Metadata,
    pub manifest: HashMap<String, Item>,
    pub spine: Vec<SpineRef>,
    /// The EPUB 3 navigation document and the EPUB 2 NCX (entry names).
    pub nav: Option<String>,
    pub ncx: Option<String>,
}

const OPF_NS: &str = "http://www.idpf.org/2007/opf";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// Parses XML leniently enough for books in the wild (a DOCTYPE is allowed).
pub fn parse_xml<'a>(text: &'a str, what: &str, file: &str) -> Result<Document<'a>> {
    let options = ParsingOptions { allow_dtd: true, ..Default::default() };
    Document::parse_with_options(text, options)
        .map_err(|e| Error::Unreadable { path: what.to_owned(), reason: format!("the book's {file} is not well-formed XML ({e})") })
}

/// Decodes an XML file's bytes (UTF-8, or UTF-16 with a byte order mark).
pub fn xml_text(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let (enc, _) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_8, 0));
        return enc.decode(bytes).0.into_owned();
    }
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes));
    text.into_owned()
}

/// Finds and reads the package document.
pub fn read_package(archive: &mut Archive, what: &str) -> Result<Package> {
    let bad = |reason: &str| Error::Unreadable { path: what.to_owned(), reason: reason.to_owned() };
    let container =
        archive.read("META-INF/container.xml")?.ok_or_else(|| bad("this is not an EPUB book: it has no META-INF/container.xml"))?;
    let container = xml_text(&container);
    let doc = parse_xml(&container, what, "META-INF/container.xml")?;
    let rootfiles: Vec<Node> = doc.descendants().filter(|n| n.has_tag_name("rootfile")).collect();
    let chosen = rootfiles
        .iter()
        .find(|n| n.attribute("media-type").is_some_and(|m| m.trim() == "application/oebps-package+xml"))
        .or(rootfiles.first())
        .and_then(|n| n.attribute("full-path"))
        .ok_or_else(|| bad("this is not an EPUB book: its META-INF/container.xml names no package document"))?;
    let path = resolve("", chosen).map(|(p, _)| p).ok_or_else(|| bad("the book's package document has an invalid name"))?;
    let bytes = archive
        .read(&path)?
        .ok_or_else(|| Error::Unreadable { path: what.to_owned(), reason: format!("the book's package document {path} is missing") })?;
    let text = xml_text(&bytes);
    parse_package(&text, &path, what)
}

fn parse_package(text: &str, path: &str, what: &str) -> Result<Package> {
    let doc = parse_xml(text, what, path)?;
    let root = doc.root_element();
    if root.tag_name().name() != "package" {
        return Err(Error::Unreadable { path: what.to_owned(), reason: format!("the book's {path} is not a package document") });
    }
    let metadata = child(root, "metadata").map(|m| read_metadata(m)).unwrap_or_default();
    let mut manifest = HashMap::new();
    let mut nav = None;
    if let Some(m) = child(root, "manifest") {
        for item in m.children().filter(|n| n.has_tag_name("item")) {
            let (Some(id), Some(href)) = (item.attribute("id"), item.attribute("href")) else { continue };
            let Some((item_path, _)) = resolve(path, href) else { continue };
            if item.attribute("properties").unwrap_or("").split_whitespace().any(|p| p == "nav") {
                nav = Some(item_path.clone());
            }
            let media_type = item.attribute("media-type").unwrap_or("").trim().to_ascii_lowercase();
            let fallback = item.attribute("fallback").map(str::to_owned);
            manifest.entry(id.to_owned()).or_insert(Item { path: item_path, media_type, fallback });
        }
    }
    let mut spine = Vec::new();
    let mut ncx = None;
    if let Some(s) = child(root, "spine") {
        ncx = s.attribute("toc").and_then(|id| manifest.get(id)).map(|i| i.path.clone());
        for r in s.children().filter(|n| n.has_tag_name("itemref")) {
            let Some(idref) = r.attribute("idref") else { continue };
            spine.push(SpineRef { idref: idref.to_owned(), linear: r.attribute("linear").map(str::trim) != Some("no") });
        }
    }
    if ncx.is_none() {
        ncx = manifest.values().find(|i| i.media_type == "application/x-dtbncx+xml").map(|i| i.path.clone());
    }
    Ok(Package { metadata, manifest, spine, nav, ncx })
}

fn child<'a, 'i>(parent: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    parent.children().find(|n| n.is_element() && n.tag_name().name() == name)
}

fn text_of(node: Node<'_, '_>) -> String {
    let raw: String = node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_metadata(meta: Node<'_, '_>) -> Metadata {
    // EPUB 3 refinements: `<meta refines="#id" property="role">aut</meta>`.
    let mut refines: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for m in meta.descendants().filter(|n| n.has_tag_name("meta")) {
        if let (Some(target), Some(property)) = (m.attribute("refines"), m.attribute("property")) {
            refines.entry(target.trim_start_matches('#').to_owned()).or_default().push((property.to_owned(), text_of(m)));
        }
    }
    let refined = |node: Node<'_, '_>, property: &str| -> Option<String> {
        let id = node.attribute("id")?;
        refines.get(id)?.iter().find(|(p, _)| p == property).map(|(_, v)| v.clone())
    };
    let dc = |name: &'static str| {
        meta.descendants().filter(move |n| n.is_element() && n.tag_name().namespace() == Some(DC_NS) && n.tag_name().name() == name)
    };
    let mut out = Metadata::default();
    // The main title when one is marked, else the first.
    let titles: Vec<Node> = dc("title").filter(|n| !text_of(*n).is_empty()).collect();
    out.title = titles.iter().find(|t| refined(**t, "title-type").as_deref() == Some("main")).or(titles.first()).map(|t| text_of(*t));
    out.language = dc("language").map(text_of).find(|l| !l.is_empty());
    // EPUB 2 may give several dates, one marked as the publication's.
    let dates: Vec<Node> = dc("date").collect();
    out.date = dates
        .iter()
        .find(|d| opf_attr(**d, "event").as_deref() == Some("publication"))
        .or(dates.first())
        .map(|d| text_of(*d))
        .filter(|d| !d.is_empty());
    let d = &mut out.details;
    for (kind, node) in dc("creator").map(|n| ("creator", n)).chain(dc("contributor").map(|n| ("contributor", n))) {
        let name = text_of(node);
        if name.is_empty() {
            continue;
        }
        let role =
            refined(node, "role").or_else(|| opf_attr(node, "role")).map(|r| r.trim().to_ascii_lowercase()).filter(|r| !r.is_empty());
        // A creator without a role is an author; a contributor without one is not.
        let role = role.or_else(|| (kind == "creator").then(|| "aut".to_owned()));
        d.creators.push(Creator { name, role });
    }
    d.publisher = dc("publisher").map(text_of).find(|p| !p.is_empty());
    let identifiers: Vec<Node> = dc("identifier").collect();
    d.identifier = identifiers.iter().map(|n| text_of(*n)).find(|i| !i.is_empty());
    // An identifier is an ISBN when it reads as one with a valid check digit
    // (`urn:isbn:…`, `opf:scheme="ISBN"`, an ONIX identifier-type or bare).
    d.isbn = identifiers.iter().find_map(|n| {
        let value = text_of(*n);
        let bare = value.trim();
        let bare = bare.strip_prefix("urn:isbn:").or_else(|| bare.strip_prefix("isbn:")).unwrap_or(bare);
        isbn(bare)
    });
    d.description = dc("description").map(|n| plain_description(&text_of(n))).find(|t| !t.is_empty());
    d.subjects = dc("subject").map(text_of).filter(|s| !s.is_empty()).collect();
    d.rights = dc("rights").map(text_of).find(|r| !r.is_empty());
    out
}

/// An attribute in the OPF namespace (`opf:role`, `opf:scheme`, `opf:event`), EPUB 2 style.
fn opf_attr(node: Node<'_, '_>, name: &str) -> Option<String> {
    node.attributes().find(|a| a.name() == name && a.namespace() == Some(OPF_NS)).map(|a| a.value().to_owned())
}

/// A valid ISBN-10 or ISBN-13 (checksum checked), digits only.
pub fn isbn(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let ok = match digits.len() {
        13 if digits.chars().all(|c| c.is_ascii_digit()) => {
            let sum: u32 = digits.chars().enumerate().map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 1 } else { 3 }).sum();
            sum.is_multiple_of(10) && (digits.starts_with("978") || digits.starts_with("979"))
        }
        10 if digits[..9].chars().all(|c| c.is_ascii_digit())
            && digits[9..].chars().all(|c| c.is_ascii_digit() || c == 'X' || c == 'x') =>
        {
            let sum: u32 = digits
                .chars()
                .enumerate()
                .map(|(i, c)| (10 - i as u32) * if c == 'X' || c == 'x' { 10 } else { c.to_digit(10).unwrap_or(0) })
                .sum();
            sum.is_multiple_of(11)
        }
        _ => false,
    };
    ok.then(|| digits.to_ascii_uppercase())
}

/// A description may hold (escaped) HTML: keep its text.
fn plain_description(s: &str) -> String {
    if !s.contains('<') {
        return s.to_owned();
    }
    let doc = dom_query::Document::from(s);
    doc.select("body").text().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbns_are_checked() {
        assert_eq!(isbn("978-0-306-40615-7").as_deref(), Some("9780306406157"));
        assert_eq!(isbn("0-306-40615-2").as_deref(), Some("0306406152"));
        assert_eq!(isbn("978-0-306-40615-8"), None);
        assert_eq!(isbn("urn:uuid:1234"), None);
    }

    #[test]
    fn epub2_and_epub3_metadata_give_roles_dates_and_identifiers() {
        let opf = r##"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title id="sub">A Subtitle</dc:title><meta refines="#sub" property="title-type">subtitle</meta>
  <dc:title id="t">The   Salt Roads</dc:title><meta refines="#t" property="title-type">main</meta>
  <dc:creator id="c1">Ada Wren</dc:creator><meta refines="#c1" property="role" scheme="marc:relators">aut</meta>
  <dc:creator id="c2">Tom Hale</dc:creator><meta refines="#c2" property="role">ill</meta>
  <dc:creator opf:role="edt">Mina Ro</dc:creator>
  <dc:identifier id="id">urn:isbn:978-0-306-40615-7</dc:identifier>
  <dc:date opf:event="creation">2001</dc:date><dc:date opf:event="publication">1999-05-02</dc:date>
  <dc:language>en-GB</dc:language><dc:publisher>Harbour Press</dc:publisher>
  <dc:description>&lt;p&gt;Salt &lt;b&gt;and&lt;/b&gt; roads.&lt;/p&gt;</dc:description>
 </metadata>
 <manifest>
  <item id="n" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>
  <item id="x" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
  <item id="c" href="Text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
 </manifest>
 <spine toc="x" page-progression-direction="rtl"><itemref idref="c"/><itemref idref="n" linear="no"/></spine>
</package>"##;
        let p = parse_package(opf, "OEBPS/content.opf", "b.epub").unwrap();
        assert_eq!(p.metadata.title.as_deref(), Some("The Salt Roads"));
        assert_eq!(p.metadata.date.as_deref(), Some("1999-05-02"));
        assert_eq!(p.metadata.language.as_deref(), Some("en-GB"));
        let d = &p.metadata.details;
        let creators: Vec<(&str, Option<&str>)> = d.creators.iter().map(|c| (c.name.as_str(), c.role.as_deref())).collect();
        assert_eq!(creators, [("Ada Wren", Some("aut")), ("Tom Hale", Some("ill")), ("Mina Ro", Some("edt"))]);
        assert_eq!(d.isbn.as_deref(), Some("9780306406157"));
        assert_eq!(d.publisher.as_deref(), Some("Harbour Press"));
        assert_eq!(d.description.as_deref(), Some("Salt and roads."));
        assert_eq!(p.manifest["c"].path, "OEBPS/Text/chapter 1.xhtml");
        assert_eq!(p.nav.as_deref(), Some("OEBPS/nav.xhtml"));
        assert_eq!(p.ncx.as_deref(), Some("OEBPS/toc.ncx"));
        assert_eq!(p.spine.iter().map(|s| s.linear).collect::<Vec<_>>(), [true, false]);
    }
}
