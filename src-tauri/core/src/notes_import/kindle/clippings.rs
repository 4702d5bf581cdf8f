//! Reading a Kindle `My Clippings.txt`: records separated by a line of ten
//! `=`, each a title line `Title (Author)`, a metadata line such as
//! `- Your Highlight on page 12 | Location 170-172 | Added on Monday, 3 March
//! 2025 10:11:12`, a blank line and the clipped text.
//!
//! The metadata line is worded by the device's language and firmware
//! (`- Highlight Loc. 5444-45 | Added on …` on a Kindle 1, `- 26ページ|位置No.
//! 295-296のハイライト |作成日: …` in Japanese, `– Ваш выделенный отрывок в
//! месте 2147–2148 | Добавлено: …` in Russian), so it is read by the words of
//! `words` wherever they stand rather than by one pattern per language: its
//! kind, its page (PDFs have only that), its location, and its date (`date`).
//!
//! Reading never fails as a whole: a record that cannot be read is reported
//! with its line number and the rest of the file is read. Files may start
//! with a byte order mark (Kindles also put one before titles) or with a
//! separator, and use CRLF or LF line ends.

use chrono::NaiveDateTime;

use super::date;
use super::words::{ADDED, BOOKMARK, HIGHLIGHT, LOCATION, NOTE, PAGE_AFTER_NUMBER, PAGE_BEFORE_NUMBER};

pub const SEPARATOR: &str = "==========";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipKind {
    Highlight,
    Note,
    Bookmark,
}

/// One record of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Clipping {
    /// 1-based number of the record in the file.
    pub record: usize,
    /// The line of its metadata (kind, location, date).
    pub line: usize,
    pub title: String,
    pub author: Option<String>,
    pub kind: ClipKind,
    /// The page as printed (a number, or roman numerals in front matter).
    pub page: Option<String>,
    /// Start and end location (equal for a single one).
    pub location: Option<(u32, u32)>,
    pub added: Option<NaiveDateTime>,
    pub text: String,
}

/// A line of the file that was not read as it should have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub reason: String,
    /// The record was left out (otherwise it was read, with this caveat).
    pub skipped: bool,
}

/// What the file holds: its records, and the lines that could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub clippings: Vec<Clipping>,
    pub problems: Vec<Problem>,
}

fn clean(line: &str) -> &str {
    line.trim_start_matches('\u{feff}')
}

fn is_separator(line: &str) -> bool {
    clean(line).trim() == SEPARATOR
}

/// Whether a metadata line opens here: a dash (Russian Kindles write an en
/// dash) and something after it.
fn is_meta_line(line: &str) -> bool {
    let t = clean(line).trim_start();
    t.starts_with(['-', '–', '—']) && t.chars().count() > 2
}

/// True when the input has the shape of a clippings file: a separator line,
/// and a record whose second line is a metadata line. A separator may come
/// first, and so may a byte order mark.
pub fn looks_like_clippings(input: &str) -> bool {
    let mut lines = input.lines().map(clean);
    let mut seen_separator = false;
    let mut title = false;
    for line in lines.by_ref().take(400) {
        if is_separator(line) {
            seen_separator = true;
            title = false;
        } else if title {
            if is_meta_line(line) {
                return seen_separator || input.lines().any(is_separator);
            }
            title = false;
        } else if !line.trim().is_empty() {
            title = true;
        }
    }
    false
}

/// Every record of the file, bookmarks included, and what could not be read.
pub fn parse(input: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut record: Vec<(usize, &str)> = Vec::new();
    let mut number = 0;
    let lines = input.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    for (i, line) in lines.enumerate() {
        if is_separator(line) {
            if has_content(&record) {
                number += 1;
                parse_record(&record, number, &mut parsed);
            }
            record.clear();
        } else {
            record.push((i + 1, line));
        }
    }
    // A last record without its closing separator still counts.
    if has_content(&record) {
        number += 1;
        parse_record(&record, number, &mut parsed);
    }
    parsed
}

fn has_content(record: &[(usize, &str)]) -> bool {
    record.iter().any(|(_, l)| !clean(l).trim().is_empty())
}

fn parse_record(lines: &[(usize, &str)], number: usize, out: &mut Parsed) {
    let mut rest = lines.iter().skip_while(|(_, l)| clean(l).trim().is_empty());
    let Some(&(title_line, title_text)) = rest.next() else { return };
    let skip = |out: &mut Parsed, line: usize, reason: String| out.problems.push(Problem { line, reason, skipped: true });
    if is_meta_line(title_text) {
        skip(out, title_line, "a clipping without its title line (the book's title should come first)".into());
        return;
    }
    let (title, author) = split_title(clean(title_text));
    let Some(&(meta_line, meta)) = rest.next() else {
        skip(out, title_line, format!("“{}” is followed by no kind, location and date line", clip(clean(title_text))));
        return;
    };
    if !is_meta_line(meta) {
        skip(out, meta_line, format!("not a clipping's kind, location and date line: “{}”", clip(clean(meta).trim())));
        return;
    }
    let m = match parse_metadata(meta) {
        Ok(m) => m,
        Err(reason) => {
            skip(out, meta_line, reason);
            return;
        }
    };
    let body: Vec<&str> = rest.map(|(_, l)| *l).collect();
    let text = body.join("\n").trim().to_owned();
    if let Some(warning) = m.warning {
        out.problems.push(Problem { line: meta_line, reason: warning, skipped: false });
    }
    // A line naming no kind is read by its shape: no text is a bookmark, a
    // range of locations a highlight, one location with words a note.
    let kind = m.kind.unwrap_or(if text.is_empty() {
        ClipKind::Bookmark
    } else if m.location.is_some_and(|(s, e)| e > s) {
        ClipKind::Highlight
    } else {
        ClipKind::Note
    });
    out.clippings.push(Clipping {
        record: number,
        line: meta_line,
        title,
        author,
        kind,
        page: m.page,
        location: m.location,
        added: m.added,
        text,
    });
}

/// The start of a long line, for a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// `Title (Author)`: the author is the last parenthesized group (ASCII or
/// full-width brackets), when the line ends with one. A line that ends in two
/// spaces has no author: that is how a Kindle writes a book without one, so
/// a subtitle in brackets stays part of the title.
pub fn split_title(raw: &str) -> (String, Option<String>) {
    if raw.ends_with("  ") {
        return (raw.trim().to_owned(), None);
    }
    let line = raw.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        let Some(inner) = line.strip_suffix(close) else { continue };
        let mut depth = 0usize;
        for (i, c) in inner.char_indices().rev() {
            if c == close {
                depth += 1;
            } else if c == open && depth > 0 {
                depth -= 1;
            } else if c == open {
                let (title, author) = (inner[..i].trim(), inner[i + c.len_utf8()..].trim());
                if !title.is_empty() && !author.is_empty() {
                    return (title.to_owned(), Some(author.to_owned()));
                }
                break;
            }
        }
    }
    (line.to_owned(), None)
}

#[derive(Debug, PartialEq)]
struct Metadata {
    kind: Option<ClipKind>,
    page: Option<String>,
    location: Option<(u32, u32)>,
    added: Option<NaiveDateTime>,
    /// Read, but with a caveat (a date that could not be read).
    warning: Option<String>,
}

fn parse_metadata(line: &str) -> Result<Metadata, String> {
    let trimmed = clean(line).trim();
    let body = trimmed.trim_start_matches(['-', '–', '—']).trim();
    let segments: Vec<String> = body.split(['|', '｜']).map(|s| s.trim().to_lowercase()).collect();
    // The date: the segment opened by "Added on" (in any language), else a
    // last segment that reads as a date.
    let mut date_at = segments.iter().position(|s| ADDED.iter().any(|w| s.contains(w)));
    let mut added = None;
    let mut warning = None;
    match date_at {
        Some(i) => {
            let seg = &segments[i];
            let after = ADDED.iter().filter_map(|w| seg.find(w).map(|at| &seg[at + w.len()..])).next().unwrap_or(seg);
            added = date::parse(after);
            if added.is_none() {
                let shown = after.trim().trim_start_matches([':', '：']).trim();
                warning = Some(format!("the date “{shown}” could not be read; the clipping is dated by the import"));
            }
        }
        None if segments.len() > 1 => {
            if let Some(d) = segments.last().and_then(|s| date::parse(s)) {
                added = Some(d);
                date_at = Some(segments.len() - 1);
            }
        }
        None => {}
    }
    let place: Vec<&str> = segments.iter().enumerate().filter(|(i, _)| Some(*i) != date_at).map(|(_, s)| s.as_str()).collect();
    let joined = place.join(" | ");
    let has = |words: &[&str]| words.iter().any(|w| joined.contains(w));
    let kind = if has(BOOKMARK) {
        Some(ClipKind::Bookmark)
    } else if has(HIGHLIGHT) {
        Some(ClipKind::Highlight)
    } else if has(NOTE) {
        Some(ClipKind::Note)
    } else {
        None
    };
    let mut location = None;
    let mut page = None;
    for seg in &place {
        if location.is_none() {
            location = after_any(seg, LOCATION).and_then(read_range);
        }
        if page.is_none() {
            page = page_in(seg);
        }
    }
    if location.is_none() && page.is_none() {
        // A line whose place words are unknown: one number (or range) is its location.
        let ranges: Vec<(u32, u32)> = place.iter().flat_map(|s| all_ranges(s)).collect();
        match ranges.as_slice() {
            [one] => location = Some(*one),
            _ => return Err(format!("“{}” names neither a location nor a page Sidenote can read", clip(trimmed))),
        }
    }
    if kind.is_none() && location.is_none() {
        return Err(format!("“{}” is not a highlight, note or bookmark line Sidenote can read", clip(trimmed)));
    }
    Ok(Metadata { kind, page, location, added, warning })
}

/// The text after each occurrence of the first of `words` the segment holds,
/// for which `read` gives something.
fn after_any<'a>(seg: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| seg.find(w).map(|at| &seg[at + w.len()..]))
}

/// The page: a number or roman numerals after "page" (in any language), or
/// a number before "ページ" / "页".
fn page_in(seg: &str) -> Option<String> {
    for w in PAGE_BEFORE_NUMBER {
        for (at, _) in seg.match_indices(w) {
            if let Some(p) = page_token(&seg[at + w.len()..]) {
                return Some(p);
            }
        }
    }
    for w in PAGE_AFTER_NUMBER {
        if let Some(at) = seg.find(w) {
            let before = seg[..at].trim_end();
            let digits: String = before.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
            let digits: String = digits.chars().rev().collect();
            if let Some(first) = digits.split('-').find(|d| !d.is_empty()) {
                return Some(first.to_owned());
            }
        }
    }
    None
}

/// A page number (or roman numerals, as front matter is numbered) at the
/// start of `rest`, after spaces.
fn page_token(rest: &str) -> Option<String> {
    let token: String =
        rest.trim_start().chars().take_while(|c| c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'd' | 'm')).collect();
    let is_number = !token.is_empty() && token.chars().all(|c| c.is_ascii_digit());
    let is_roman = !token.is_empty() && token.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'd' | 'm'));
    // Roman numerals must end the word: "page de" is no page.
    let ends_word = rest.trim_start()[token.len()..].chars().next().is_none_or(|c| !c.is_alphabetic());
    ((is_number || is_roman) && ends_word).then_some(token)
}

/// A location or range at the start of `rest`: `170-172`, `5444-45` (the end
/// written short), `2147–2148`, `55 t/m 88`, `#1500-1540`, `172`. Up to a few
/// characters of punctuation may come first (`Loc.`, `No.`, `#`).
fn read_range(rest: &str) -> Option<(u32, u32)> {
    let skip = rest.find(|c: char| c.is_ascii_digit())?;
    if skip > 6 || rest[..skip].chars().any(char::is_alphabetic) {
        return None;
    }
    range_at(&rest[skip..])
}

fn range_at(s: &str) -> Option<(u32, u32)> {
    let start_text: String = s.chars().take_while(char::is_ascii_digit).collect();
    let start: u32 = start_text.parse().ok()?;
    let after = s[start_text.len()..].trim_start();
    let after = ["t/m", "-", "–", "—", "~", "〜"].iter().find_map(|sep| after.strip_prefix(sep)).map(str::trim_start);
    let end_text: String = after.map(|a| a.chars().take_while(char::is_ascii_digit).collect()).unwrap_or_default();
    let end = if end_text.is_empty() {
        start
    } else if end_text.len() < start_text.len() {
        format!("{}{end_text}", &start_text[..start_text.len() - end_text.len()]).parse().ok()?
    } else {
        end_text.parse().ok()?
    };
    (end >= start).then_some((start, end))
}

/// Every number or range in a segment (for a line whose words are unknown).
fn all_ranges(seg: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = seg[at..].find(|c: char| c.is_ascii_digit()) {
        let from = at + i;
        let Some(r) = range_at(&seg[from..]) else { break };
        out.push(r);
        // Past the range just read.
        let len =
            seg[from..].find(|c: char| !(c.is_ascii_digit() || c.is_whitespace() || "-–—~〜t/m".contains(c))).unwrap_or(seg.len() - from);
        at = from + len.max(1);
    }
    out
}

#[cfg(test)]
mod tests;
