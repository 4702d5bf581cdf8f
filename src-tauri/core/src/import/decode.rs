//! Bytes to text: a byte-order mark first, then (for HTML) the charset the HTTP
//! response or the page declares, then strict UTF-8, then a statistical guess
//! (`chardetng`, hinted by the address's top-level domain) decoded with
//! `encoding_rs`.

use encoding_rs::Encoding;

/// What is known about the bytes besides the bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    pub is_html: bool,
    /// `charset` of the HTTP `Content-Type`.
    pub http_charset: Option<&'a str>,
    /// The page's address, whose top-level domain steers the guess.
    pub url: Option<&'a str>,
}

/// Decodes `bytes`, returning the text and the name of the encoding used.
pub fn decode(bytes: &[u8], hints: Hints<'_>) -> Result<(String, String), String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("the text is not valid {} despite its byte-order mark", enc.name()));
        }
        return Ok((text.into_owned(), enc.name().to_owned()));
    }
    if hints.is_html {
        let declared = hints.http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes())).or_else(|| declared_charset(bytes));
        if let Some(enc) = declared {
            // A page that declares UTF-16 but has no BOM is really ASCII-compatible (WHATWG rule).
            let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { enc };
            // A page saved to disk is often re-encoded as UTF-8 but keeps its
            // old declaration. Text in a legacy encoding is almost never also
            // valid UTF-8 once it holds a few multi-byte sequences.
            if enc != encoding_rs::UTF_8 && looks_like_utf8(bytes) {
                if let Ok(text) = std::str::from_utf8(bytes) {
                    return Ok((text.to_owned(), "UTF-8".to_owned()));
                }
            }
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok((text.into_owned(), enc.name().to_owned()));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8".to_owned()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = hints.url.and_then(top_level_domain);
    let enc = detector.guess(tld.as_deref().map(str::as_bytes), chardetng::Utf8Detection::Deny);
    decode_as(bytes, enc)
}

/// Valid UTF-8 with at least a few multi-byte characters in it.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.chars().filter(|c| c.len_utf8() > 1).nth(7).is_some(),
        Err(_) => false,
    }
}

/// Decodes with an encoding the user chose (by its WHATWG label).
pub fn decode_with_label(bytes: &[u8], label: &str) -> Result<(String, String), String> {
    let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| format!("\"{label}\" is not an encoding this app knows"))?;
    let bytes = match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    };
    decode_as(bytes, enc)
}

fn decode_as(bytes: &[u8], enc: &'static Encoding) -> Result<(String, String), String> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!("the bytes are not valid text (tried {}); the file may be binary or damaged", enc.name()));
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

/// `ru` for `https://news.example.ru/a`; none for addresses without a host.
fn top_level_domain(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    let tld = host.rsplit('.').next()?;
    (tld.chars().all(|c| c.is_ascii_alphabetic()) && !tld.is_empty()).then(|| tld.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_hints() -> Hints<'static> {
        Hints::default()
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("héllo".as_bytes(), text_hints()).unwrap(), ("héllo".into(), "UTF-8".into()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("plain".as_bytes());
        assert_eq!(decode(&bom, text_hints()).unwrap().0, "plain");
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Ünï".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, text_hints()).unwrap(), ("Ünï".into(), "UTF-16LE".into()));
    }

    #[test]
    fn declared_charsets_win_for_html_and_http_beats_meta() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("<meta charset=\"windows-1251\"><p>Привет, мир</p>");
        let (text, enc) = decode(&cp1251, Hints { is_html: true, ..Default::default() }).unwrap();
        assert!(text.contains("Привет, мир"));
        assert_eq!(enc, "windows-1251");
        let (koi, _, _) = encoding_rs::KOI8_R.encode("<meta charset=\"windows-1251\"><p>Привет</p>");
        let (text, enc) = decode(&koi, Hints { is_html: true, http_charset: Some("koi8-r"), url: None }).unwrap();
        assert!(text.contains("Привет"));
        assert_eq!(enc, "KOI8-R");
    }

    #[test]
    fn a_utf8_page_with_a_stale_legacy_declaration_reads_as_utf8() {
        let page = "<meta charset=\"gb2312\"><p>港口的灯塔在黄昏时亮起，渔船依靠它找到回家的航道。</p>";
        let (text, enc) = decode(page.as_bytes(), Hints { is_html: true, ..Default::default() }).unwrap();
        assert_eq!((text.as_str(), enc.as_str()), (page, "UTF-8"));
        // A real GB2312 page still reads as declared.
        let (gb, _, _) = encoding_rs::GBK.encode(page);
        let (text, enc) = decode(&gb, Hints { is_html: true, ..Default::default() }).unwrap();
        assert!(text.contains("港口的灯塔"), "{text}");
        assert_eq!(enc, "GBK");
    }

    // Fixtures: our own sentences, encoded here.
    const RUSSIAN: &str = "Вчера вечером в городе прошёл сильный дождь, и многие улицы оказались затоплены. \
        Жители говорят, что такого не было уже много лет, а городские службы работали всю ночь.";

    #[test]
    fn windows_1251_russian_is_guessed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
        let (text, enc) = decode(&bytes, text_hints()).unwrap();
        assert_eq!(enc, "windows-1251");
        assert_eq!(text, RUSSIAN);
    }

    #[test]
    fn koi8_r_is_guessed_with_a_ru_address() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        let (text, enc) = decode(&bytes, Hints { url: Some("https://gazeta.example.ru/news/1"), ..Default::default() }).unwrap();
        // KOI8-U is a superset of KOI8-R and decodes Russian identically.
        assert!(enc.starts_with("KOI8"), "{enc}");
        assert_eq!(text, RUSSIAN);
    }

    #[test]
    fn windows_1252_western_text_is_guessed() {
        let source = "Le café était fermé, mais la boulangère nous a offert des croissants très chauds. \
            Über die Brücke gingen wir später zurück, müde und glücklich.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(source);
        let (text, enc) = decode(&bytes, text_hints()).unwrap();
        assert_eq!(enc, "windows-1252");
        assert_eq!(text, source);
    }

    #[test]
    fn shift_jis_japanese_is_guessed() {
        let source = "昨日の夜、町では強い雨が降りました。多くの道が水につかり、住民は朝まで片付けをしていました。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(source);
        let (text, enc) = decode(&bytes, text_hints()).unwrap();
        assert_eq!(enc, "Shift_JIS");
        assert_eq!(text, source);
    }

    #[test]
    fn user_chosen_encoding_and_unknown_labels() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        assert_eq!(decode_with_label(&bytes, "koi8-r").unwrap().0, RUSSIAN);
        assert_ne!(decode_with_label(&bytes, "windows-1251").unwrap().0, RUSSIAN);
        assert!(decode_with_label(&bytes, "klingon-8").unwrap_err().contains("klingon-8"));
        // Invalid UTF-8 chosen explicitly is refused, not silently replaced.
        assert!(decode_with_label(&[0xC3, 0x28, 0xA0], "utf-8").is_err());
    }

    #[test]
    fn tld_is_read_from_the_address() {
        assert_eq!(top_level_domain("https://news.example.ru/a").as_deref(), Some("ru"));
        assert_eq!(top_level_domain("http://127.0.0.1:8080/").as_deref(), None);
    }
}
