//! Bytes to text: BOM, then (for HTML) the declared charset, then strict UTF-8,
//! then a statistical guess.

use encoding_rs::Encoding;

/// Decodes `bytes`, returning the text and the name of the encoding used.
pub fn decode(bytes: &[u8], is_html: bool) -> Result<(String, String), String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("the text is not valid {} despite its byte-order mark", enc.name()));
        }
        return Ok((text.into_owned(), enc.name().to_owned()));
    }
    if is_html {
        if let Some(enc) = declared_charset(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok((text.into_owned(), enc.name().to_owned()));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8".to_owned()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("the bytes could not be decoded as text in any known encoding".into());
    }
    Ok((text.into_owned(), enc.name().to_owned()))
}

/// The charset a page declares in its first 4 KiB (`<meta charset>` or http-equiv).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_declared_charset_and_guess() {
        assert_eq!(decode("héllo".as_bytes(), false).unwrap(), ("héllo".into(), "UTF-8".into()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("plain".as_bytes());
        assert_eq!(decode(&bom, false).unwrap().0, "plain");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("<meta charset=\"windows-1251\"><p>Привет, мир</p>");
        let (text, enc) = decode(&cp1251, true).unwrap();
        assert!(text.contains("Привет, мир"));
        assert_eq!(enc, "windows-1251");
    }
}
