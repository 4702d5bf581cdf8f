//! `META-INF/encryption.xml`: font obfuscation (IDPF's and Adobe's) only
//! scrambles embedded fonts so they cannot be lifted from the book; it is not
//! DRM and a book using it reads normally (we do not use its fonts). Any
//! other encryption of anything but a font is DRM: such a book is refused.

use super::package::{parse_xml, xml_text, Package};
use crate::error::Result;

const OBFUSCATION: &[&str] = &["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"];

pub fn check(xml: &[u8], package: &Package, what: &str) -> Result<()> {
    let text = xml_text(xml);
    let doc = parse_xml(&text, what, "META-INF/encryption.xml")?;
    for data in doc.descendants().filter(|n| n.tag_name().name() == "EncryptedData") {
        let algorithm = data
            .descendants()
            .find(|n| n.tag_name().name() == "EncryptionMethod")
            .and_then(|m| m.attribute("Algorithm"))
            .unwrap_or("")
            .trim();
        if OBFUSCATION.contains(&algorithm) {
            continue;
        }
        let uri = data.descendants().find(|n| n.tag_name().name() == "CipherReference").and_then(|r| r.attribute("URI")).unwrap_or("");
        let path = super::archive::decode(uri.trim().trim_start_matches('/'));
        let is_font = package.manifest.values().any(|i| i.path == path && is_font(&i.media_type))
            || [".otf", ".ttf", ".woff", ".woff2"].iter().any(|ext| path.to_ascii_lowercase().ends_with(ext));
        if !is_font {
            return Err(super::drm_refusal(what));
        }
    }
    Ok(())
}

fn is_font(media_type: &str) -> bool {
    media_type.starts_with("font/") || media_type.contains("font") || media_type == "application/vnd.ms-opentype"
}
