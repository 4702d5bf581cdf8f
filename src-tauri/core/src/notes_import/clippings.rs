//! Reading a Kindle `My Clippings.txt`: records separated by a line of ten
//! `=`, each a title line `Title (Author)`, a metadata line such as
//! `- Your Highlight on page 12 | Location 170-172 | Added on Monday, 3 March
//! 2025 10:11:12`, a blank line and the clipped text.
//!
//! The metadata line is localized by the device; it is read by keywords
//! (English, German, French, Spanish and Italian) rather than by one fixed
//! pattern, since devices and firmware versions word it differently. Files
//! may start with a byte order mark (Kindles also put one before titles)
//! and use CRLF or LF line ends.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};

pub const SEPARATOR: &str = "==========";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipKind {
    Highlight,
    Note,
    Bookmark,
}

/// One record of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clipping {
    /// 1-based record number and the line its title is on, for messages.
    pub record: usize,
    pub line: usize,
    pub title: String,
    pub author: Option<String>,
    pub kind: ClipKind,
    pub page: Option<String>,
    /// Kindle locations `start..=end` (equal for a note or bookmark).
    pub location: Option<(u32, u32)>,
    pub added: Option<NaiveDateTime>,
    pub text: String,
}

const BOOKMARK_WORDS: [&str; 5] = ["bookmark", "lesezeichen", "signet", "marcador", "segnalibro"];
const HIGHLIGHT_WORDS: [&str; 6] = ["highlight", "markierung", "surlignement", "subrayado", "evidenziazione", "clip"];
const NOTE_WORDS: [&str; 3] = ["note", "notiz", "nota"];
const LOCATION_WORDS: [&str; 7] = ["location", "loc.", "position", "emplacement", "posición", "posicion", "posizione"];
const PAGE_WORDS: [&str; 4] = ["page", "seite", "página", "pagina"];
const ADDED_WORDS: [&str; 6] = ["added on", "hinzugefügt am", "ajouté le", "añadido el", "aggiunto il", "aggiunto in data"];

/// English, German, French, Spanish and Italian month names (and English
/// abbreviations), lower case, with their month numbers.
#[rustfmt::skip]
const MONTH_NAMES: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("mai", 5), ("juni", 6), ("juli", 7),
    ("oktober", 10), ("dezember", 12),
    ("janvier", 1), ("février", 2), ("mars", 3), ("avril", 4), ("juin", 6), ("juillet", 7), ("août", 8),
    ("septembre", 9), ("octobre", 10), ("novembre", 11), ("décembre", 12),
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12),
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
];

/// True when the input has the shape of a clippings file: a separator line,
/// and a metadata line (`- ...|...`) as the second line of the first record.
pub fn looks_like_clippings(input: &str) -> bool {
    let mut lines = input.trim_start_matches('\u{feff}').lines().map(|l| l.trim_start_matches('\u{feff}').trim());
    let has_separator = input.lines().any(|l| l.trim() == SEPARATOR);
    let first_record_meta = lines.find(|l| !l.is_empty()).is_some() && lines.next().is_some_and(|l| l.starts_with('-'));
    has_separator && first_record_meta
}

/// Every record of the file, bookmarks included; the first malformed record
/// is an error naming its number and line.
pub fn parse(input: &str, what: &str) -> Result<Vec<Clipping>> {
    let mut out = Vec::new();
    let mut record: Vec<(usize, &str)> = Vec::new();
    let mut number = 0;
    let lines = input.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    for (i, line) in lines.enumerate() {
        if line.trim_start_matches('\u{feff}').trim() == SEPARATOR {
            number += 1;
            if let Some(c) = parse_record(&record, number, what)? {
                out.push(c);
            }
            record.clear();
        } else {
            record.push((i + 1, line));
        }
    }
    // A last record without its closing separator still counts when it is whole.
    if record.iter().any(|(_, l)| !l.trim_start_matches('\u{feff}').trim().is_empty()) {
        number += 1;
        if let Some(c) = parse_record(&record, number, what)? {
            out.push(c);
        }
    }
    Ok(out)
}

fn parse_record(lines: &[(usize, &str)], number: usize, what: &str) -> Result<Option<Clipping>> {
    let mut rest = lines.iter().skip_while(|(_, l)| l.trim_start_matches('\u{feff}').trim().is_empty());
    let Some(&(line, title_line)) = rest.next() else {
        return Ok(None); // an empty record, as between two separators
    };
    let err = |reason: String| Error::Invalid(format!("{what}: record {number} (line {line}): {reason}"));
    let (title, author) = split_title(title_line.trim_start_matches('\u{feff}').trim());
    if title.is_empty() {
        return Err(err("the title line is empty".into()));
    }
    let Some(&(meta_line, meta)) = rest.next() else {
        return Err(err(
            "the record ends after its title; a line such as “- Your Highlight at location 12-14 | Added on …” should follow".into()
        ));
    };
    let m = parse_metadata(meta).map_err(|reason| Error::Invalid(format!("{what}: record {number} (line {meta_line}): {reason}")))?;
    let body: Vec<&str> = rest.map(|(_, l)| *l).collect();
    let text = body.join("\n").trim().to_owned();
    Ok(Some(Clipping { record: number, line, title, author, kind: m.kind, page: m.page, location: m.location, added: m.added, text }))
}

/// `Title (Author)`: the author is the last parenthesized group, when the line ends with one.
fn split_title(line: &str) -> (String, Option<String>) {
    if let Some(inner) = line.strip_suffix(')') {
        let mut depth = 0usize;
        for (i, c) in inner.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' if depth > 0 => depth -= 1,
                '(' => {
                    let (title, author) = (inner[..i].trim(), inner[i + 1..].trim());
                    if !title.is_empty() && !author.is_empty() {
                        return (title.to_owned(), Some(author.to_owned()));
                    }
                    break;
                }
                _ => {}
            }
        }
    }
    (line.to_owned(), None)
}

#[derive(Debug)]
struct Metadata {
    kind: ClipKind,
    page: Option<String>,
    location: Option<(u32, u32)>,
    added: Option<NaiveDateTime>,
}

fn parse_metadata(line: &str) -> std::result::Result<Metadata, String> {
    let trimmed = line.trim();
    let Some(body) = trimmed.strip_prefix('-') else {
        return Err(format!("expected a line starting with “- ” (kind, location, date), found {trimmed:?}"));
    };
    let segments: Vec<String> = body.split('|').map(|s| s.trim().to_lowercase()).collect();
    let first = &segments[0];
    let kind = if BOOKMARK_WORDS.iter().any(|w| first.contains(w)) {
        ClipKind::Bookmark
    } else if HIGHLIGHT_WORDS.iter().any(|w| first.contains(w)) {
        ClipKind::Highlight
    } else if NOTE_WORDS.iter().any(|w| first.contains(w)) {
        ClipKind::Note
    } else {
        return Err(format!(
            "{trimmed:?} is not a highlight, note or bookmark line Sidenote reads (English, German, French, Spanish or Italian Kindles)"
        ));
    };
    let mut page = None;
    let mut location = None;
    let mut added = None;
    for seg in &segments {
        if let Some(rest) = after_keyword(seg, &ADDED_WORDS) {
            added = Some(parse_added(rest).ok_or_else(|| format!("cannot read the date {:?}", rest.trim()))?);
            continue;
        }
        if let Some(rest) = after_keyword(seg, &LOCATION_WORDS) {
            location = Some(parse_range(rest).ok_or_else(|| format!("cannot read the location in {seg:?}"))?);
        }
        if let Some(rest) = after_keyword(seg, &PAGE_WORDS) {
            page = rest.split_whitespace().next().map(|p| p.trim_end_matches([',', '.']).to_owned());
        }
    }
    if location.is_none() && page.is_none() {
        return Err(format!("{trimmed:?} names neither a location nor a page"));
    }
    Ok(Metadata { kind, page, location, added })
}

/// The text after the first keyword the segment holds.
fn after_keyword<'a>(seg: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().filter_map(|w| seg.find(w).map(|i| &seg[i + w.len()..])).next()
}

/// `170-172`, `170-72` (the end written short), `170–172` or `172`.
fn parse_range(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches(['.', ':']).trim();
    let token: String = s.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '–')).collect();
    let mut parts = token.split(['-', '–']);
    let start_text = parts.next().filter(|p| !p.is_empty())?;
    let start: u32 = start_text.parse().ok()?;
    let end = match parts.next().filter(|p| !p.is_empty()) {
        None => start,
        Some(e) if e.len() < start_text.len() => format!("{}{e}", &start_text[..start_text.len() - e.len()]).parse().ok()?,
        Some(e) => e.parse().ok()?,
    };
    (end >= start).then_some((start, end))
}

/// A date in any of the supported languages: "Monday, 3 March 2025 10:11:12",
/// "Monday, March 3, 2025 10:11:12 AM", "Montag, 3. März 2025 10:11:12",
/// "lundi 3 mars 2025 10:11:12", "lunes, 3 de marzo de 2025 10:11:12".
fn parse_added(s: &str) -> Option<NaiveDateTime> {
    let (mut year, mut month, mut day) = (None, None, None);
    let (mut hour, mut minute, mut second) = (0u32, 0u32, 0u32);
    let mut pm = None;
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let word = raw.trim_end_matches('.');
        if word.is_empty() {
            continue;
        }
        if word.contains(':') {
            let mut hms = word.split(':').map(|p| p.parse::<u32>().ok());
            hour = hms.next()??;
            minute = hms.next()??;
            second = hms.next().flatten().unwrap_or(0);
        } else if word.chars().all(|c| c.is_ascii_digit()) {
            let n: u32 = word.parse().ok()?;
            if word.len() == 4 {
                year = Some(n as i32);
            } else if day.is_none() && word.len() <= 2 {
                day = Some(n);
            } else {
                return None;
            }
        } else if word == "am" || word == "a.m" {
            pm = Some(false);
        } else if word == "pm" || word == "p.m" {
            pm = Some(true);
        } else if let Some((_, m)) = MONTH_NAMES.iter().find(|(name, _)| *name == word) {
            month = Some(*m);
        }
    }
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)?.and_hms_opt(hour, minute, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, s))
    }

    #[test]
    fn metadata_lines_in_four_languages() {
        let cases = [
            (
                "- Your Highlight on page 12 | Location 170-172 | Added on Monday, 3 March 2025 10:11:12",
                ClipKind::Highlight,
                Some("12"),
                Some((170, 172)),
            ),
            ("- Your Note at location 172 | Added on Monday, March 3, 2025 10:11:12 PM", ClipKind::Note, None, Some((172, 172))),
            (
                "- Your Bookmark on page 5 | Location 80 | Added on Monday, 3 March 2025 10:11:12",
                ClipKind::Bookmark,
                Some("5"),
                Some((80, 80)),
            ),
            (
                "- Ihre Markierung auf Seite 12 | bei Position 170-172 | Hinzugefügt am Montag, 3. März 2025 10:11:12",
                ClipKind::Highlight,
                Some("12"),
                Some((170, 172)),
            ),
            ("- Ihre Notiz bei Position 172 | Hinzugefügt am Montag, 3. März 2025 10:11:12", ClipKind::Note, None, Some((172, 172))),
            (
                "- Votre surlignement sur la page 12 | emplacement 170-172 | Ajouté le lundi 3 mars 2025 10:11:12",
                ClipKind::Highlight,
                Some("12"),
                Some((170, 172)),
            ),
            (
                "- Votre note sur la page 12 | emplacement 172 | Ajouté le lundi 3 mars 2025 10:11:12",
                ClipKind::Note,
                Some("12"),
                Some((172, 172)),
            ),
            (
                "- Tu subrayado en la página 12 | posición 170-172 | Añadido el lunes, 3 de marzo de 2025 10:11:12",
                ClipKind::Highlight,
                Some("12"),
                Some((170, 172)),
            ),
            (
                "- Tu marcador en la página 5 | posición 80 | Añadido el lunes, 3 de marzo de 2025 10:11:12",
                ClipKind::Bookmark,
                Some("5"),
                Some((80, 80)),
            ),
            ("- Highlight Loc. 170-72 | Added on Monday, 3 March 2025 10:11:12", ClipKind::Highlight, None, Some((170, 172))),
        ];
        for (line, kind, page, location) in cases {
            let m = parse_metadata(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!((m.kind, m.page.as_deref(), m.location), (kind, page, location), "{line}");
            let expected_hour = if line.ends_with("PM") { 22 } else { 10 };
            assert_eq!(m.added, at(2025, 3, 3, expected_hour, 11, 12), "{line}");
        }
    }

    #[test]
    fn unknown_or_incomplete_metadata_is_refused() {
        assert!(parse_metadata("Your Highlight on page 3").unwrap_err().contains("starting with"));
        assert!(parse_metadata("- 您在第 12 页的标注 | 添加于 2025年3月3日").unwrap_err().contains("not a highlight, note or bookmark"));
        assert!(parse_metadata("- Your Highlight | Added on Monday, 3 March 2025 10:11:12")
            .unwrap_err()
            .contains("neither a location nor a page"));
        assert!(parse_metadata("- Your Highlight at location 5 | Added on Someday").unwrap_err().contains("cannot read the date"));
        assert!(parse_metadata("- Your Highlight at location 90-80 | Added on Monday, 3 March 2025 10:11:12").is_err());
    }

    #[test]
    fn titles_keep_inner_parentheses_and_authors_with_commas() {
        assert_eq!(split_title("The Salt Road (Vol. 2) (Quill, Ada)"), ("The Salt Road (Vol. 2)".into(), Some("Quill, Ada".into())));
        assert_eq!(split_title("Untitled notes"), ("Untitled notes".into(), None));
        assert_eq!(split_title("(Only parentheses)"), ("(Only parentheses)".into(), None));
    }

    #[test]
    fn records_split_on_the_separator_with_bom_and_crlf() {
        let input = "\u{feff}Lanterns (Ada Quill)\r\n- Your Highlight at location 10-12 | Added on Monday, 3 March 2025 10:11:12\r\n\r\nThe lamps were lit at six.\r\nThen the bells.\r\n==========\r\n\u{feff}Lanterns (Ada Quill)\r\n- Your Bookmark at location 40 | Added on Monday, 3 March 2025 10:12:00\r\n\r\n\r\n==========\r\n";
        assert!(looks_like_clippings(input));
        let clips = parse(input, "c.txt").unwrap();
        assert_eq!(clips.len(), 2);
        assert_eq!((clips[0].title.as_str(), clips[0].author.as_deref()), ("Lanterns", Some("Ada Quill")));
        assert_eq!(clips[0].text, "The lamps were lit at six.\nThen the bells.");
        assert_eq!((clips[1].kind, clips[1].record, clips[1].line), (ClipKind::Bookmark, 2, 7));
        assert!(!looks_like_clippings("Highlight,Title\nx,y\n"));
    }

    #[test]
    fn a_malformed_record_names_its_number_and_line() {
        let input = "Lanterns (Ada Quill)\n- Your Highlight at location 10-12 | Added on Monday, 3 March 2025 10:11:12\n\nA line.\n==========\nLanterns (Ada Quill)\n==========\n";
        let err = parse(input, "c.txt").unwrap_err().to_string();
        assert!(err.starts_with("c.txt: record 2 (line 6): the record ends after its title"), "{err}");
        let input = "Lanterns (Ada Quill)\nYour Highlight at location 10-12\n\nA line.\n==========\n";
        let err = parse(input, "c.txt").unwrap_err().to_string();
        assert!(err.starts_with("c.txt: record 1 (line 2): expected a line starting with"), "{err}");
    }
}
