//! Reading a zip archive someone else made, safely: its entries are never
//! written to disk (so no name can reach outside a folder), names that try
//! to (`../x`, `/etc/x`) are refused anyway, and what is read is bounded:
//! the number of entries, each entry's size, the total, and how much an
//! entry may expand (a zip bomb expands a few kilobytes into gigabytes).
//! Sizes are enforced on the bytes actually inflated, not on what the
//! archive's directory claims.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::{Error, Result};

/// Entries an archive may hold.
pub const MAX_ENTRIES: usize = 200_000;
/// The largest entry read, inflated (a saved page; the article importer's own limit is lower).
pub const MAX_ENTRY: u64 = 64 * 1024 * 1024;
/// All entries read together, inflated.
pub const MAX_TOTAL: u64 = 2 * 1024 * 1024 * 1024;
/// How many times its compressed size an entry over `RATIO_FROM` may inflate to.
pub const MAX_RATIO: u64 = 200;
const RATIO_FROM: u64 = 1024 * 1024;

/// A file of the archive: its index and its name with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub index: usize,
    pub name: String,
}

pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    what: String,
    read: u64,
}

/// Whether an entry is packaging rather than content: folders, and what a
/// Mac adds when it zips (`__MACOSX/`, `._name` resource forks, `.DS_Store`).
fn is_packaging(name: &str) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    name.ends_with('/') || name.starts_with("__MACOSX/") || name.contains("/__MACOSX/") || last.starts_with("._") || last == ".DS_Store"
}

fn broken(what: &str, e: zip::result::ZipError) -> Error {
    Error::Invalid(format!("{what}: a damaged zip archive ({e})"))
}

impl<'a> Archive<'a> {
    /// Opens the archive and lists its content files; `refused` gets the
    /// names that point outside the archive.
    pub fn open(bytes: &'a [u8], what: &str, refused: &mut Vec<String>) -> Result<(Self, Vec<Entry>)> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Invalid(format!("{what}: not a readable zip archive ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Error::TooLarge { what: format!("{what} (entries)"), size: zip.len() as u64, limit: MAX_ENTRIES as u64 });
        }
        let mut archive = Archive { zip, what: what.to_owned(), read: 0 };
        let mut entries = Vec::new();
        for index in 0..archive.zip.len() {
            let file = archive.zip.by_index(index).map_err(|e| broken(what, e))?;
            let Ok(raw) = file.name() else {
                refused.push(format!("entry {}", index + 1));
                continue;
            };
            let name = raw.replace('\\', "/");
            if is_packaging(&name) || file.is_dir() {
                continue;
            }
            if file.enclosed_name().is_none() || name.split('/').any(|part| part == "..") {
                refused.push(name);
                continue;
            }
            entries.push(Entry { index, name: name.trim_start_matches("./").to_owned() });
        }
        Ok((archive, entries))
    }

    /// The entry's bytes, within the limits.
    pub fn read(&mut self, entry: &Entry) -> Result<Vec<u8>> {
        let what = format!("{}: {}", self.what, entry.name);
        let file = self.zip.by_index(entry.index).map_err(|e| Error::Invalid(format!("{what}: cannot be read ({e})")))?;
        let compressed = file.compressed_size().max(1);
        let allowed_by_ratio = if file.size() > RATIO_FROM { compressed.saturating_mul(MAX_RATIO).max(RATIO_FROM) } else { MAX_ENTRY };
        let limit = MAX_ENTRY.min(allowed_by_ratio).min(MAX_TOTAL.saturating_sub(self.read));
        let mut out = Vec::with_capacity(file.size().min(limit) as usize);
        file.take(limit + 1).read_to_end(&mut out).map_err(|e| Error::Invalid(format!("{what}: cannot be read ({e})")))?;
        let size = out.len() as u64;
        if size > limit {
            if limit == allowed_by_ratio && allowed_by_ratio < MAX_ENTRY.min(MAX_TOTAL.saturating_sub(self.read)) {
                // Far more than its compressed size promises: refused as a zip bomb.
                return Err(Error::Invalid(format!(
                    "{what}: inflates to over {MAX_RATIO} times its compressed size ({compressed} bytes), which no real export does"
                )));
            }
            return Err(Error::TooLarge { what, size, limit });
        }
        self.read += size;
        Ok(out)
    }
}
