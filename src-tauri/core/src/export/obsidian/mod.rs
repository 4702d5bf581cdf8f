//! An Obsidian vault kept in step with the library: one note per article,
//! named after its title, with YAML front matter (properties) and Sidenote's
//! own section between two Obsidian comments:
//!
//! ```text
//! %% sidenote:begin … %%
//! # Title …  each highlight as a quote with its block id ^sn-HIGHLIGHT_ID,
//!            its color, tags, sidenote:// link and note
//! %% sidenote:end %%
//! ```
//!
//! A re-export rewrites only that section and Sidenote's own properties:
//! whatever the user wrote above or below it, and properties of their own,
//! are kept byte for byte. Block ids and links are made from ids, so they
//! survive any edit; a changed title renames the note (the library records
//! which file belongs to which article) and keeps the old title as an alias.
//! Nothing is ever written outside the vault folder: names are sanitized for
//! every OS, and a symbolic link in the vault is never written through.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::markdown::{inline, yaml_string};
use super::ArticleNotes;
use crate::error::{Error, Result};
use crate::highlight::Highlight;
use crate::links;
use crate::store::Library;

const OPENING: &str = "%% sidenote:begin — Sidenote rewrites this section at each export; write your own notes above or below it %%";
const OPENING_TAG: &str = "%% sidenote:begin";
const CLOSING: &str = "%% sidenote:end %%";
/// Properties Sidenote writes; any other property in a note is the user's.
const OWN_KEYS: [&str; 10] = ["title", "aliases", "author", "site", "url", "published", "imported", "tags", "sidenote-id", "sidenote-link"];
/// Long titles make long names; 100 characters keep well inside every file system's limit.
const MAX_NAME_CHARS: usize = 100;

/// What an export into a vault folder did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VaultReport {
    /// The vault folder (absolute).
    pub folder: String,
    /// Notes created or changed.
    pub written: Vec<String>,
    /// Notes already up to date (left untouched, even their modification time).
    pub unchanged: Vec<String>,
    /// Notes renamed after their article's title changed.
    pub renamed: Vec<Renamed>,
    /// Notes left alone, and why.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Renamed {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// Writes (or updates) one note per article of `notes` in the folder `dir`,
/// creating the folder if needed, and records which file is whose.
pub fn export_vault(lib: &mut Library, notes: &[ArticleNotes], dir: &Path) -> Result<VaultReport> {
    let io = |e: std::io::Error| Error::Unreadable { path: dir.display().to_string(), reason: e.to_string() };
    std::fs::create_dir_all(dir).map_err(io)?;
    let vault = dir.canonicalize().map_err(io)?;
    if !vault.is_dir() {
        return Err(Error::Invalid(format!("{} is not a folder", vault.display())));
    }
    let key = vault.display().to_string();
    let recorded: HashMap<String, String> = lib.vault_files(&key)?.into_iter().collect();
    // Names other articles hold (compared without case: macOS and Windows ignore it).
    let mut taken: HashMap<String, String> = recorded.iter().map(|(a, f)| (f.to_lowercase(), a.clone())).collect();
    let mut report = VaultReport { folder: key.clone(), ..VaultReport::default() };
    let mut record = Vec::new();
    for n in notes {
        let id = &n.article.summary.id;
        match export_note(&vault, n, recorded.get(id), &mut taken, &mut report) {
            Ok(Some(file)) => record.push((id.clone(), file)),
            Ok(None) => {}
            Err(reason) => report
                .skipped
                .push(Skipped { file: recorded.get(id).cloned().unwrap_or_else(|| note_file_name(&n.article.summary.title)), reason }),
        }
    }
    lib.record_vault_files(&key, &record)?;
    Ok(report)
}

/// One article's note; the file name it now has, or None when it was skipped (reported).
fn export_note(
    vault: &Path,
    n: &ArticleNotes,
    recorded: Option<&String>,
    taken: &mut HashMap<String, String>,
    report: &mut VaultReport,
) -> std::result::Result<Option<String>, String> {
    let id = &n.article.summary.id;
    // The note this article already has, if it is still there.
    let current = recorded.filter(|f| matches!(kind(&vault.join(f)), Kind::File));
    let name = choose_name(vault, n, current.map(String::as_str), taken);
    taken.insert(name.to_lowercase(), id.clone());
    let path = vault.join(&name);
    let old_text = match current {
        Some(old) if *old != name => {
            if matches!(kind(&path), Kind::Missing) || old.to_lowercase() == name.to_lowercase() {
                std::fs::rename(vault.join(old), &path).map_err(|e| format!("could not rename {old} to {name}: {e}"))?;
                report.renamed.push(Renamed { from: old.clone(), to: name.clone() });
            }
            read_note(&path)?
        }
        _ => read_note(&path)?,
    };
    let text = match &old_text {
        Some(old) => merge(old, n)?,
        None => fresh(n),
    };
    if old_text.as_deref() == Some(text.as_str()) {
        report.unchanged.push(name.clone());
    } else {
        write_atomically(vault, &name, &text).map_err(|e| format!("could not write {name}: {e}"))?;
        report.written.push(name.clone());
    }
    Ok(Some(name))
}

enum Kind {
    Missing,
    File,
    /// A symbolic link, a folder or anything else we never write through.
    Other,
}

fn kind(path: &Path) -> Kind {
    match std::fs::symlink_metadata(path) {
        Err(_) => Kind::Missing,
        Ok(m) if m.file_type().is_file() => Kind::File,
        Ok(_) => Kind::Other,
    }
}

fn read_note(path: &Path) -> std::result::Result<Option<String>, String> {
    let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    match kind(path) {
        Kind::Missing => Ok(None),
        Kind::Other => Err(format!("{name} is not a plain file (a link or a folder); Sidenote does not write through it")),
        Kind::File => std::fs::read_to_string(path).map(Some).map_err(|e| format!("could not read {name}: {e}")),
    }
}

/// The article's note name: its title, or, when another article's note (or a
/// file that is not this article's) has that name, the title with the id's start.
fn choose_name(vault: &Path, n: &ArticleNotes, current: Option<&str>, taken: &HashMap<String, String>) -> String {
    let id = &n.article.summary.id;
    let plain = note_file_name(&n.article.summary.title);
    let stem = plain.trim_end_matches(".md");
    let short: String = id.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
    let candidates = [plain.clone(), format!("{stem} ({short}).md"), format!("{stem} ({id}).md")];
    let free = |name: &String| {
        if current.is_some_and(|c| c.to_lowercase() == name.to_lowercase()) {
            return true;
        }
        if taken.get(&name.to_lowercase()).is_some_and(|owner| owner != id) {
            return false;
        }
        match kind(&vault.join(name)) {
            Kind::Missing => true,
            // A note of this article whose record was lost (a restored library) is adopted.
            Kind::File => std::fs::read_to_string(vault.join(name)).is_ok_and(|t| own_id(&t).as_deref() == Some(id.as_str())),
            Kind::Other => false,
        }
    };
    candidates.iter().find(|c| free(c)).cloned().unwrap_or_else(|| candidates[2].clone())
}

/// A note's file name from a title, safe on every OS and inside Obsidian links:
/// no path separators, no characters Windows or Obsidian refuse (`\ / : * ? " < > | # ^ [ ]`),
/// no control characters, no leading dot (hidden, or `..`), no trailing dot or
/// space (Windows drops them), no reserved device name (CON, NUL, COM1…), at
/// most 100 characters.
pub fn note_file_name(title: &str) -> String {
    let mut name = String::new();
    for c in title.chars() {
        let c = if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '^' | '[' | ']') {
            ' '
        } else {
            c
        };
        if c.is_whitespace() {
            if !name.is_empty() && !name.ends_with(' ') {
                name.push(' ');
            }
        } else {
            name.push(c);
        }
    }
    let mut name: String = name.trim_start_matches(['.', ' ']).chars().take(MAX_NAME_CHARS).collect();
    while name.ends_with(['.', ' ']) {
        name.pop();
    }
    if name.is_empty() {
        name = "Untitled".to_owned();
    }
    let device = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((device.starts_with("COM") || device.starts_with("LPT")) && device.len() == 4 && device.as_bytes()[3].is_ascii_digit());
    if reserved {
        name.push('_');
    }
    format!("{name}.md")
}

/// Writes through a temporary file in the vault and renames it over the
/// note, so Obsidian (or a crash) never sees half a note.
fn write_atomically(vault: &Path, name: &str, text: &str) -> std::io::Result<()> {
    let tmp: PathBuf = vault.join(format!(".{name}.sidenote-tmp"));
    let _ = std::fs::remove_file(&tmp);
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let written = file.write_all(text.as_bytes()).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, vault.join(name))) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// A new note: Sidenote's properties, then its section.
pub fn fresh(n: &ArticleNotes) -> String {
    let mut out = String::new();
    front_matter(&mut out, n, &[], &[], &[]);
    out.push('\n');
    section(&mut out, n);
    out
}

/// An existing note brought up to date: the user's text around the section
/// and their own properties are kept as they are.
pub fn merge(old: &str, n: &ArticleNotes) -> std::result::Result<String, String> {
    let (properties, body) = split_front_matter(old);
    let entries = properties.map(entries).unwrap_or_default();
    let mut user: Vec<&str> = Vec::new();
    let mut leading: Vec<&str> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    let mut old_title = None;
    for (key, entry) in &entries {
        match key.as_str() {
            "aliases" => aliases.extend(list_items(entry)),
            "title" => old_title = entry.split_once(':').map(|(_, v)| unquote(v.trim())),
            k if OWN_KEYS.contains(&k) => {}
            // Lines before the first property (comments) stay first.
            "" => leading.push(entry),
            _ => user.push(entry),
        }
    }
    // The old title stays findable (Obsidian's quick switcher and link suggestions read aliases).
    if let Some(t) = old_title.filter(|t| !t.is_empty() && *t != n.article.summary.title) {
        if !aliases.contains(&t) {
            aliases.push(t);
        }
    }
    let (before, after) = match find_section(body) {
        Section::Found { before, after } => (before, after),
        // The markers were deleted: everything there is the user's; a new section goes after it.
        Section::Missing => (body, ""),
        Section::Unclosed => {
            return Err(format!(
                "its \"{CLOSING}\" line is missing, so Sidenote cannot tell its section from your text; put the line back after the section"
            ));
        }
    };
    let mut out = String::with_capacity(old.len() + 256);
    front_matter(&mut out, n, &aliases, &leading, &user);
    out.push_str(before);
    if !before.is_empty() && !before.ends_with('\n') {
        out.push('\n');
    }
    section(&mut out, n);
    out.push_str(after);
    Ok(out)
}

fn front_matter(out: &mut String, n: &ArticleNotes, aliases: &[String], leading: &[&str], user: &[&str]) {
    let s = &n.article.summary;
    out.push_str("---\n");
    // Lines of the user's before any property stay before ours, or they would join our first one.
    for entry in leading {
        out.push_str(entry);
    }
    let mut field = |key: &str, value: Option<&str>| {
        if let Some(v) = value {
            let _ = writeln!(out, "{key}: {}", yaml_string(v));
        }
    };
    field("title", Some(&s.title));
    field("author", s.byline.as_deref());
    field("site", s.site.as_deref());
    field("url", s.source_url.as_deref());
    field("published", s.published.map(|p| p.to_string()).as_deref());
    field("imported", Some(&s.imported_at));
    field("sidenote-id", Some(&s.id));
    field("sidenote-link", Some(&links::Passage { article_id: s.id.clone(), highlight_id: None, offset: None }.url()));
    list(out, "aliases", aliases);
    // Obsidian tags hold no spaces.
    let tags: Vec<String> = n.tags().iter().map(|t| t.split_whitespace().collect::<Vec<_>>().join("-")).collect();
    list(out, "tags", &tags);
    for entry in user {
        out.push_str(entry);
    }
    out.push_str("---\n");
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    for item in items {
        let _ = writeln!(out, "  - {}", yaml_string(item));
    }
}

/// Sidenote's section, markers included.
fn section(out: &mut String, n: &ArticleNotes) {
    let s = &n.article.summary;
    let _ = writeln!(out, "{OPENING}\n# {}\n", inline(&s.title));
    let _ = write!(out, "[Open in Sidenote]({})", links::Passage { article_id: s.id.clone(), highlight_id: None, offset: None }.url());
    if let Some(url) = s.source_url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
        let _ = write!(out, " · [Original](<{}>)", url.replace(['<', '>', '\n'], ""));
    }
    out.push_str("\n\n");
    for note in &n.article_notes {
        let _ = writeln!(out, "{}\n", note.note.trim_end());
    }
    if n.highlights.is_empty() {
        out.push_str("*No highlights.*\n\n");
    }
    for h in n.highlights.iter().filter(|h| !h.orphaned) {
        highlight(out, h);
    }
    if n.highlights.iter().any(|h| h.orphaned) {
        out.push_str("## Highlights that lost their place\n\n");
        for h in n.highlights.iter().filter(|h| h.orphaned) {
            highlight(out, h);
        }
    }
    let events = n.timeline();
    if !events.is_empty() {
        out.push_str("## Timeline\n\n");
        for e in events {
            let _ = writeln!(out, "- **{}** — {}", inline(&e.date.label), inline(&e.label));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{CLOSING}");
}

/// The quote, then its block id on a line of its own (Obsidian's form for a
/// quote), then color, tags and link, then the note.
fn highlight(out: &mut String, h: &Highlight) {
    for line in h.exact.split('\n') {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {}", inline(line));
        }
    }
    let _ = write!(out, "\n^{}\n\n*{}*", block_id(h), h.color.as_str());
    for t in &h.tags {
        let _ = write!(out, " #{}", t.split_whitespace().collect::<Vec<_>>().join("-"));
    }
    let _ = writeln!(out, " · [Open in Sidenote]({})\n", links::highlight_link(&h.article_id, &h.id));
    let note = h.note.trim();
    if !note.is_empty() {
        let _ = writeln!(out, "{note}\n");
    }
}

/// A highlight's block id: `sn-` and its id (letters, digits and dashes, as Obsidian requires).
pub fn block_id(h: &Highlight) -> String {
    format!("sn-{}", h.id)
}

/// The front matter's lines (each with its line end) and the rest of the note.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return (None, text);
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&rest[..at]), &rest[at + line.len()..]);
        }
        at += line.len();
    }
    (None, text)
}

/// Top-level properties: each key with its lines (continuation lines and list items included).
fn entries(front: &str) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let mut start = 0;
    let mut key: Option<String> = None;
    let mut at = 0;
    for line in front.split_inclusive('\n') {
        let continues = line.starts_with([' ', '\t', '-']) || line.trim().is_empty() || line.starts_with('#');
        if !continues {
            match key.take() {
                Some(k) => out.push((k, &front[start..at])),
                // Lines before the first property (comments, blank lines) are the user's.
                None if at > start => out.push((String::new(), &front[start..at])),
                None => {}
            }
            start = at;
            key = Some(line.split(':').next().unwrap_or("").trim().to_owned());
        }
        at += line.len();
    }
    match key {
        Some(k) => out.push((k, &front[start..])),
        // Lines before any key (comments) are kept as the user's.
        None if !front.is_empty() => out.push((String::new(), front)),
        None => {}
    }
    out
}

/// The items of a property that is a list (block or `[a, b]` form).
fn list_items(entry: &str) -> Vec<String> {
    let (_, value) = entry.split_once(':').unwrap_or(("", ""));
    let inline_list = value.lines().next().unwrap_or("").trim();
    if let Some(inner) = inline_list.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        return inner.split(',').map(|i| unquote(i.trim())).filter(|i| !i.is_empty()).collect();
    }
    value.lines().filter_map(|l| l.trim().strip_prefix('-')).map(|i| unquote(i.trim())).filter(|i| !i.is_empty()).collect()
}

/// A YAML scalar as written by `yaml_string` (or plain, or single-quoted).
fn unquote(v: &str) -> String {
    if let Some(inner) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        return out;
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    v.to_owned()
}

/// The article id a note belongs to (its `sidenote-id` property).
fn own_id(text: &str) -> Option<String> {
    let (front, _) = split_front_matter(text);
    entries(front?).into_iter().find(|(k, _)| k == "sidenote-id").and_then(|(_, e)| e.split_once(':').map(|(_, v)| unquote(v.trim())))
}

enum Section<'a> {
    Found { before: &'a str, after: &'a str },
    Missing,
    Unclosed,
}

fn find_section(body: &str) -> Section<'_> {
    let mut at = 0;
    let mut begin = None;
    for line in body.split_inclusive('\n') {
        match begin {
            None if line.starts_with(OPENING_TAG) => begin = Some(at),
            Some(b) if line.trim_end() == CLOSING => return Section::Found { before: &body[..b], after: &body[at + line.len()..] },
            _ => {}
        }
        at += line.len();
    }
    if begin.is_some() {
        Section::Unclosed
    } else {
        Section::Missing
    }
}

#[cfg(test)]
mod tests;
