//! Images saved with an article: what an image is (its type and size, read
//! from its first bytes), and the pass that rewrites the `<img>` tags of a
//! laid-out article once its images are known.
//!
//! The stored forms of an image (the reader's contract, see
//! `ui/src/reader/images.ts`):
//! - saved: `<img data-image="SHA-256" width="W" height="H" alt="…">`, plus
//!   `data-remote="URL"` when it came from the web; the reader shows it from
//!   the library through the app's own `sidenote-img:` protocol;
//! - not saved: `<img data-remote="URL" data-failed="why" alt="…">`, shown as
//!   a quiet placeholder with its alt text, the reason and "Load from <site>";
//! - linked (saving turned off): `<img src="https://…">` as before.
//!
//! Only raster types browsers show (PNG, JPEG, GIF, WebP, AVIF) and SVG
//! written anew by [`super::svg`] are ever stored.

use crate::digest::sha256_hex;

/// An image to store, content-addressed by the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageData {
    pub hash: String,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    /// Where it came from: a web address, or the file's name in a book.
    pub source: Option<String>,
}

impl ImageData {
    /// `bytes` as an image, if they are one of the types we keep.
    pub fn from_bytes(bytes: Vec<u8>, source: Option<String>) -> Option<ImageData> {
        let (mime, width, height) = sniff(&bytes)?;
        Some(ImageData { hash: sha256_hex(&bytes), mime, width, height, bytes, source })
    }

    /// A sanitized SVG drawing (see [`super::svg`]) of a known size.
    pub fn svg(clean: String, (width, height): (u32, u32), source: Option<String>) -> ImageData {
        let bytes = clean.into_bytes();
        ImageData { hash: sha256_hex(&bytes), mime: "image/svg+xml", width, height, bytes, source }
    }
}

/// The types an image is ever stored as, by name (`ImageData::mime` is
/// static); a name not among them reads as a generic binary type.
pub fn known_mime(name: &str) -> &'static str {
    ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/svg+xml"]
        .into_iter()
        .find(|m| *m == name)
        .unwrap_or("application/octet-stream")
}

/// Type and pixel size of raster image bytes.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, u32, u32)> {
    let mime = match bytes {
        [0x89, b'P', b'N', b'G', ..] => "image/png",
        [0xff, 0xd8, 0xff, ..] => "image/jpeg",
        [b'G', b'I', b'F', b'8', ..] => "image/gif",
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => "image/webp",
        [_, _, _, _, b'f', b't', b'y', b'p', b'a', b'v', b'i', b'f', ..] => "image/avif",
        _ => return None,
    };
    let size = imagesize::blob_size(bytes).ok()?;
    let (w, h) = (u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?);
    (w > 0 && h > 0).then_some((mime, w, h))
}

/// One `<img>` tag of laid-out HTML, its attributes unescaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImgTag {
    pub attrs: Vec<(String, String)>,
}

impl ImgTag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Writes the tag with `attrs` (values escaped).
    pub fn write(attrs: &[(&str, &str)]) -> String {
        let mut out = String::from("<img");
        for (name, value) in attrs {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            for c in value.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        out.push('>');
        out
    }

    /// The tag for an image saved in the library.
    pub fn saved(image: &ImageData, alt: Option<&str>, title: Option<&str>, remote: Option<&str>) -> String {
        let (w, h) = (image.width.to_string(), image.height.to_string());
        let mut attrs: Vec<(&str, &str)> = vec![("data-image", &image.hash), ("width", &w), ("height", &h)];
        if let Some(r) = remote {
            attrs.push(("data-remote", r));
        }
        attrs.extend(alt.map(|a| ("alt", a)));
        attrs.extend(title.map(|t| ("title", t)));
        Self::write(&attrs)
    }

    /// The tag for an image that could not be saved, and why.
    pub fn failed(remote: Option<&str>, reason: &str, alt: Option<&str>, title: Option<&str>) -> String {
        let mut attrs: Vec<(&str, &str)> = remote.map(|r| ("data-remote", r)).into_iter().collect();
        attrs.push(("data-failed", reason));
        attrs.extend(alt.map(|a| ("alt", a)));
        attrs.extend(title.map(|t| ("title", t)));
        Self::write(&attrs)
    }
}

/// Every `<img>` tag in laid-out HTML, in order.
pub fn img_tags(html: &str) -> Vec<ImgTag> {
    let mut out = Vec::new();
    rewrite(html, |tag| {
        out.push(tag.clone());
        None
    });
    out
}

/// Rewrites each `<img …>` tag the layout wrote: `f` returns the new tag, or
/// `None` to keep it. Only tags are touched (the layout escapes `<` in text,
/// so `<img` can only start a tag), so the text and its offsets are unchanged.
pub fn rewrite(html: &str, mut f: impl FnMut(&ImgTag) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let Some(len) = rest[start..].find('>') else { break };
        let tag_text = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        let tag = parse_tag(tag_text);
        match f(&tag) {
            Some(new) => out.push_str(&new),
            None => out.push_str(tag_text),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Attributes of a tag written by the layout (`name="escaped"`).
fn parse_tag(tag: &str) -> ImgTag {
    let mut attrs = Vec::new();
    let mut rest = tag.trim_start_matches("<img").trim_end_matches('>');
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_owned();
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        let value = after[..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        attrs.push((name, value));
        rest = &after[end + 1..];
    }
    ImgTag { attrs }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 PNG of our own (one grey pixel row repeated).
    pub(crate) fn tiny_png() -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
        png
    }

    #[test]
    fn raster_types_and_sizes_are_read_from_the_first_bytes() {
        assert_eq!(sniff(&tiny_png()), Some(("image/png", 3, 2)));
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        assert_eq!(sniff(b"GIF89a\x05\x00\x04\x00\x00\x00\x00"), Some(("image/gif", 5, 4)));
    }

    #[test]
    fn img_tags_are_rewritten_and_text_is_left_alone() {
        let html = r#"<p data-o="0">a &lt;img b</p><p><img src="https://e.test/a.png?x=1&amp;y=2" alt="A &quot;sea&quot;"></p>"#;
        let tags = img_tags(html);
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].get("src"), Some("https://e.test/a.png?x=1&y=2"));
        assert_eq!(tags[0].get("alt"), Some("A \"sea\""));
        let out = rewrite(html, |t| Some(ImgTag::failed(t.get("src"), "the server answered 404", t.get("alt"), None)));
        assert_eq!(
            out,
            r#"<p data-o="0">a &lt;img b</p><p><img data-remote="https://e.test/a.png?x=1&amp;y=2" data-failed="the server answered 404" alt="A &quot;sea&quot;"></p>"#
        );
    }
}
