//! Pictures in the Markdown and HTML exports: a saved image goes with a
//! highlight whose passage holds it (or whose passage is its figure's
//! caption). Written either as files in an `images/` folder beside the
//! export (content-addressed names, so exports into one folder share them)
//! or as links to where each image came from (a book's images have no such
//! address and are left out then). The W3C JSON, CSV and timeline formats
//! carry no pictures.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::highlight::Highlight;
use crate::import::images;
use crate::store::Library;

/// How an export refers to the pictures its highlights hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ExportImages {
    /// Copied into an `images/` folder beside the export.
    #[default]
    Copy,
    /// Linked to the address each was saved from.
    Link,
}

/// The folder beside an export that holds its pictures.
pub const FOLDER: &str = "images";

/// A picture to show with a highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteImage {
    pub highlight_id: String,
    pub alt: String,
    /// What the export writes: `images/NAME` or the source address.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// For [`ExportImages::Copy`]: the file name under [`FOLDER`] and its bytes.
    pub file: Option<(String, Vec<u8>)>,
}

/// A saved image of an article's HTML and where it stands in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placed {
    hash: String,
    remote: Option<String>,
    alt: String,
    width: u32,
    height: u32,
    /// The code-point offset of the text where it stands.
    at: usize,
    /// Its figure's caption, when it has one: (start, end) in the text.
    caption: Option<(usize, usize)>,
}

/// The saved images of laid-out HTML with their places in the text: text
/// nodes inside a block concatenate to its slice of the text, so counting
/// characters from the last `data-o` gives each image's offset.
fn placed(html: &str) -> Vec<Placed> {
    let captions = crate::import::blocks::caption_ranges(html);
    let mut out: Vec<Placed> = Vec::new();
    let mut figure_from: Option<usize> = None;
    let mut at = 0usize;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            if let Some(i) = tag.find(" data-o=\"") {
                at = tag[i + 9..].split('"').next().and_then(|n| n.parse().ok()).unwrap_or(at);
            }
            if tag.starts_with("<img") {
                if let Some(t) = images::img_tags(tag).into_iter().next() {
                    if let Some(hash) = t.get("data-image") {
                        let size = |name: &str| t.get(name).and_then(|v| v.parse().ok()).unwrap_or(0);
                        out.push(Placed {
                            hash: hash.to_owned(),
                            remote: t.get("data-remote").map(str::to_owned),
                            alt: t.get("alt").unwrap_or("").to_owned(),
                            width: size("width"),
                            height: size("height"),
                            at,
                            caption: None,
                        });
                    }
                }
            } else if tag.starts_with("<figure") && !tag.starts_with("<figcaption") {
                figure_from = Some(out.len());
            } else if tag.starts_with("</figure") {
                figure_from = None;
            } else if tag.starts_with("<figcaption") {
                if let (Some(from), Some(range)) = (figure_from, captions.iter().find(|(s, _)| *s == at)) {
                    out[from..].iter_mut().for_each(|p| p.caption = Some(*range));
                }
            }
            rest = &rest[end..];
        } else if c == '&' {
            // An entity is one character of the text.
            at += 1;
            rest = &rest[rest.find(';').map_or(rest.len(), |e| e + 1)..];
        } else {
            at += 1;
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Whether a highlight holds the picture: its passage covers the picture's
/// place, or overlaps its figure's caption.
fn holds(h: &Highlight, p: &Placed) -> bool {
    let (start, end) = (h.start as usize, h.end as usize);
    let inside = start < p.at && p.at < end;
    let captioned = p.caption.is_some_and(|(cs, ce)| start < ce && cs < end);
    inside || captioned
}

/// The pictures of `highlights` in `html`, in text order, as the export
/// refers to them; image bytes are read from the library for a copy.
pub fn for_highlights(lib: &Library, html: &str, highlights: &[Highlight], mode: ExportImages) -> Result<Vec<NoteImage>> {
    if !html.contains("data-image=") {
        return Ok(Vec::new());
    }
    let placed = placed(html);
    let mut files: HashMap<String, Option<(String, Vec<u8>)>> = HashMap::new();
    let mut out = Vec::new();
    for h in highlights.iter().filter(|h| !h.orphaned) {
        for p in placed.iter().filter(|p| holds(h, p)) {
            let (src, file) = match mode {
                ExportImages::Link => match &p.remote {
                    Some(remote) => (remote.clone(), None),
                    None => continue,
                },
                ExportImages::Copy => {
                    let file = match files.get(&p.hash) {
                        Some(f) => f.clone(),
                        None => {
                            let stored = lib.image(&p.hash)?;
                            let file = stored.map(|s| (format!("{}.{}", &p.hash[..16], extension(&s.mime)), s.bytes));
                            files.insert(p.hash.clone(), file.clone());
                            file
                        }
                    };
                    let Some(file) = file else { continue };
                    (format!("{FOLDER}/{}", file.0), Some(file))
                }
            };
            out.push(NoteImage { highlight_id: h.id.clone(), alt: p.alt.clone(), src, width: p.width, height: p.height, file });
        }
    }
    Ok(out)
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/avif" => "avif",
        "image/svg+xml" => "svg",
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_placed_in_the_text_and_by_their_captions() {
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        let html = format!(
            "<p data-o=\"0\">Gulls &amp; terns.</p><figure><p><img data-image=\"{a}\" width=\"3\" height=\"2\" data-remote=\"https://e.test/a.png\" alt=\"A\"></p>\
             <figcaption data-o=\"18\">The wall.</figcaption></figure><p data-o=\"29\">More <img data-image=\"{b}\" width=\"5\" height=\"4\" alt=\"B\">text.</p>"
        );
        let placed = placed(&html);
        assert_eq!(placed.len(), 2);
        assert_eq!((placed[0].at, placed[0].caption, placed[0].remote.as_deref()), (14, Some((18, 29)), Some("https://e.test/a.png")));
        assert_eq!((placed[1].at, placed[1].caption, placed[1].alt.as_str()), (34, None, "B"));
        let hl = |start: u32, end: u32| Highlight {
            id: "h".into(),
            article_id: "x".into(),
            start,
            end,
            exact: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            color: crate::highlight::Color::Yellow,
            note: String::new(),
            tags: Vec::new(),
            orphaned: false,
            created_at: String::new(),
            updated_at: String::new(),
        };
        assert!(holds(&hl(20, 25), &placed[0]), "a highlight in the caption holds its figure's picture");
        assert!(!holds(&hl(0, 10), &placed[0]));
        assert!(holds(&hl(30, 38), &placed[1]), "a highlight around the picture");
        assert!(!holds(&hl(34, 38), &placed[1]), "one that starts after it does not");
    }
}
