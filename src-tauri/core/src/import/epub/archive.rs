//! The zip container of an EPUB, read with our own limits.
//!
//! A book is a stranger's zip file, so before anything is decompressed the
//! central directory is checked: the number of entries, every entry's name
//! (no absolute names, no `..` that would climb out of the book), the total
//! uncompressed size and each large entry's compression ratio (zip bombs).
//! Entries are then read on demand, never past the size the directory gave.
//!
//! Names are UTF-8 when their bytes are valid UTF-8, with or without the zip's
//! UTF-8 flag: EPUB requires UTF-8 names and many tools (Info-ZIP among them)
//! write them without the flag, which a reader following the zip rule would
//! decode as CP437 (`一.xhtml` becomes `Σ╕Ç.xhtml` and no longer matches the
//! manifest).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::error::{Error, Result};

/// Limits on what a book's zip may hold.
#[derive(Debug, Clone)]
pub struct ArchiveLimits {
    pub max_entries: usize,
    /// Sum of the uncompressed sizes of every entry.
    pub max_total: u64,
    /// One entry, uncompressed.
    pub max_entry: u64,
    /// Uncompressed / compressed size, checked for entries over `ratio_floor` bytes.
    pub max_ratio: u64,
    pub ratio_floor: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_entries: 10_000,
            max_total: 1024 * 1024 * 1024,
            max_entry: 128 * 1024 * 1024,
            max_ratio: 200,
            ratio_floor: 1024 * 1024,
        }
    }
}

pub struct Archive {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    /// Entry index by its name (UTF-8, `/` separators, as in the zip).
    names: HashMap<String, usize>,
    what: String,
}

impl Archive {
    /// Opens `bytes` as a zip and checks its directory against `limits`.
    pub fn open(what: &str, bytes: Vec<u8>, limits: &ArchiveLimits) -> Result<Archive> {
        let bad = |reason: String| Error::Unreadable { path: what.to_owned(), reason };
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad(format!("this is not an EPUB book: it is not a readable zip archive ({e})")))?;
        if zip.len() > limits.max_entries {
            return Err(bad(format!(
                "the book holds {} files, more than the {} a book may hold; it was not imported",
                zip.len(),
                limits.max_entries
            )));
        }
        let mut names = HashMap::new();
        let mut total: u64 = 0;
        for index in 0..zip.len() {
            let entry = zip.by_index_raw(index).map_err(|e| bad(format!("the book's zip directory is damaged ({e})")))?;
            let name = match std::str::from_utf8(entry.name_raw()) {
                Ok(utf8) => utf8.to_owned(),
                Err(_) => entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned()),
            };
            check_name(&name)
                .map_err(|why| bad(format!("the book holds a file named \"{}\" {why}; it was not imported", name.escape_debug())))?;
            if entry.is_dir() {
                continue;
            }
            let size = entry.size();
            if size > limits.max_entry {
                return Err(Error::TooLarge { what: format!("{what} ({name} uncompressed)"), size, limit: limits.max_entry });
            }
            total = total.saturating_add(size);
            if total > limits.max_total {
                return Err(Error::TooLarge { what: format!("{what} (uncompressed)"), size: total, limit: limits.max_total });
            }
            let compressed = entry.compressed_size().max(1);
            if size > limits.ratio_floor && size / compressed > limits.max_ratio {
                return Err(bad(format!(
                    "the book's file {name} would grow {}-fold when unpacked, which only a zip bomb does; it was not imported",
                    size / compressed
                )));
            }
            names.entry(name).or_insert(index);
        }
        Ok(Archive { zip, names, what: what.to_owned() })
    }

    pub fn contains(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The bytes of entry `name`; `None` when the book has no such file.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(&index) = self.names.get(name) else {
            return Ok(None);
        };
        let what = &self.what;
        let bad = |reason: String| Error::Unreadable { path: what.clone(), reason };
        let entry = self.zip.by_index(index).map_err(|e| bad(format!("the book's file {name} cannot be read ({e})")))?;
        if entry.encrypted() {
            return Err(bad(format!("the book's file {name} is encrypted with a password")));
        }
        let declared = entry.size();
        let mut out = Vec::with_capacity(declared.min(16 * 1024 * 1024) as usize);
        // Never more than the directory declared (it was checked against the limits).
        entry.take(declared + 1).read_to_end(&mut out).map_err(|e| bad(format!("the book's file {name} is damaged ({e})")))?;
        if out.len() as u64 > declared {
            return Err(bad(format!("the book's file {name} is larger than its zip directory says; it was not imported")));
        }
        Ok(Some(out))
    }
}

/// Why a name may not be in a book, if it may not.
fn check_name(name: &str) -> std::result::Result<(), &'static str> {
    if name.starts_with('/') || name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':') {
        return Err("with an absolute path");
    }
    if name.contains('\0') {
        return Err("with a NUL character");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Err("that points outside the book (\"..\")");
    }
    Ok(())
}

/// Resolves `href` (percent-encoded, relative to the file `base`) to an entry
/// name; `None` for remote or unresolvable references and for those that climb
/// out of the book. The fragment, if any, is returned apart.
pub fn resolve(base: &str, href: &str) -> Option<(String, Option<String>)> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    // A scheme (http:, data:, javascript:, urn:…) means it is not a file of the book.
    if let Some(colon) = path.find(':') {
        if path[..colon].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) && colon > 0 {
            return None;
        }
    }
    if path.is_empty() {
        return Some((base.to_owned(), fragment));
    }
    let decoded = decode(path);
    let mut parts: Vec<&str> = if decoded.starts_with('/') { Vec::new() } else { base.split('/').collect() };
    if !decoded.starts_with('/') {
        parts.pop(); // the base file's own name
    }
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some((parts.join("/"), fragment))
}

/// Percent-decodes (as UTF-8, lossily).
pub fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_against_their_file_and_are_percent_decoded() {
        assert_eq!(resolve("OEBPS/text/ch1.xhtml", "ch2.xhtml#n3"), Some(("OEBPS/text/ch2.xhtml".into(), Some("n3".into()))));
        assert_eq!(resolve("OEBPS/text/ch1.xhtml", "../images/a%20b.png"), Some(("OEBPS/images/a b.png".into(), None)));
        assert_eq!(resolve("OEBPS/text/ch1.xhtml", "#top"), Some(("OEBPS/text/ch1.xhtml".into(), Some("top".into()))));
        assert_eq!(resolve("OPS/xhtml/a.xhtml", "%E4%B8%80.xhtml"), Some(("OPS/xhtml/一.xhtml".into(), None)));
        assert_eq!(resolve("a.xhtml", "../../etc/passwd"), None);
        for remote in ["https://example.test/x.png", "data:image/png;base64,AA", "javascript:alert(1)", "mailto:a@b.test"] {
            assert_eq!(resolve("OEBPS/a.xhtml", remote), None, "{remote}");
        }
    }

    #[test]
    fn names_that_leave_the_book_are_refused() {
        assert!(check_name("OEBPS/ch1.xhtml").is_ok());
        assert!(check_name("OPS/xhtml/一.xhtml").is_ok());
        for bad in ["/etc/passwd", "\\windows\\x", "C:/x", "OEBPS/../../x", "a\\..\\b", "x\0y"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
