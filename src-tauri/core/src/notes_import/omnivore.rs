//! Importing an Omnivore export: the zip its export job wrote, holding
//! `metadata_<from>_to_<to>.json` (each saved item's id, slug, title, author,
//! URL, labels and dates), `content/<slug>.html` (the saved page, when the
//! item had one) and `highlights/<slug>.md` (the item's highlights as
//! Markdown quotes, each followed by its labels as `#words` and its note).
//! The files may sit in a folder inside the zip, and a zip made on a Mac
//! carries `__MACOSX/` entries, which are passed over.
//!
//! An item with saved text becomes an article through the normal import
//! (extraction, sanitizer), with Omnivore's title, author and published
//! date; its highlights are placed in it by our anchoring (orphans are kept).
//! An item with highlights but no saved text gets an article made of its
//! quotes; one with neither gets an article holding its description (or its
//! address) so that its details are kept. An item already in the library
//! (same address or same text) gets only the highlights it lacks. Labels
//! become tags on the item's highlights, or, on an item without highlights,
//! a note on the article. Highlights keep ids made from the item's id and
//! their quote, so importing the same export again adds nothing.

mod archive;

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::quotes::{self, Source};
use super::NotesImportReport;
use crate::anchor::{Selector, Text, TextPosition, TextQuote};
use crate::error::{Error, Result};
use crate::highlight::{normalize_tags, Color, Highlight};
use crate::ids::stable_id;
use crate::import::blocks::{collapse_whitespace, Block};
use crate::import::{self, Format, Loaded};
use crate::model::ArticleNote;
use crate::store::{now_rfc3339, Library, NewArticle, Stamp, Tx};
use crate::PartialDate;

use archive::{Archive, Entry};
pub use archive::{MAX_ENTRIES, MAX_ENTRY, MAX_RATIO, MAX_TOTAL};

/// A zip archive's first bytes (a local file header, or the end record of an empty one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// An item of `metadata_*.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    #[serde(default)]
    id: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    url: Option<String>,
    /// Names; some exports write `{ "name": … }` objects.
    #[serde(default)]
    labels: Option<Vec<Value>>,
    #[serde(default)]
    saved_at: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
}

/// A highlight of `highlights/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdHighlight {
    pub quote: String,
    pub labels: Vec<String>,
    pub note: String,
}

/// What a highlights file holds: its highlights, and the notes written
/// before the first of them (Omnivore writes a note on the whole item as
/// its bare text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MdNotes {
    pub highlights: Vec<MdHighlight>,
    pub page_notes: Vec<String>,
}

/// Reads a highlights file: each highlight opens with a `>` quote (its
/// paragraph breaks written as `> ` lines, its other lines possibly without
/// the `>`), then, after a blank line, an optional line of `#label` words,
/// then the note's paragraphs until the next quote. Paragraphs before the
/// first quote are notes on the item.
pub fn parse_highlights(md: &str) -> MdNotes {
    let md = md.replace("\r\n", "\n");
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in md.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let mut out: Vec<MdHighlight> = Vec::new();
    let mut note: Vec<String> = Vec::new();
    let mut page_notes: Vec<String> = Vec::new();
    let flush = |out: &mut Vec<MdHighlight>, note: &mut Vec<String>| {
        if let Some(last) = out.last_mut() {
            last.note = note.join("\n\n").trim().to_owned();
        }
        note.clear();
    };
    for p in paragraphs {
        if p[0].trim_start().starts_with('>') {
            flush(&mut out, &mut note);
            let lines: Vec<&str> =
                p.iter().map(|l| l.trim_start().strip_prefix('>').map_or(*l, |rest| rest.strip_prefix(' ').unwrap_or(rest))).collect();
            let quote = lines.join("\n").trim().to_owned();
            out.push(MdHighlight { quote, labels: Vec::new(), note: String::new() });
        } else if out.last().is_some_and(|h| h.labels.is_empty()) && note.is_empty() && is_label_line(&p) {
            let labels = p.iter().flat_map(|l| l.split_whitespace()).map(|w| w.trim_start_matches('#').to_owned()).collect();
            if let Some(last) = out.last_mut() {
                last.labels = labels;
            }
        } else if !out.is_empty() {
            note.push(p.join("\n"));
        } else {
            page_notes.push(p.join("\n").trim().to_owned());
        }
    }
    flush(&mut out, &mut note);
    // An empty quote keeps its note as a note on the item.
    for h in out.iter().filter(|h| h.quote.trim().is_empty() && !h.note.is_empty()) {
        page_notes.push(h.note.clone());
    }
    out.retain(|h| !h.quote.trim().is_empty());
    MdNotes { highlights: out, page_notes }
}

fn is_label_line(p: &[&str]) -> bool {
    p.iter().flat_map(|l| l.split_whitespace()).all(|w| w.len() > 1 && w.starts_with('#') && !w[1..].starts_with('#'))
}

/// What the archive holds for one item.
struct Found {
    item: Item,
    /// Which metadata file named it (for messages).
    from: String,
    content: Option<Entry>,
    highlights: Vec<MdHighlight>,
    page_notes: Vec<String>,
}

/// An item ready to be written: its article as loaded from its saved page, if any.
struct Prepared {
    found: Found,
    loaded: Option<Loaded>,
}

pub fn import_zip(lib: &mut Library, bytes: &[u8], what: &str) -> Result<NotesImportReport> {
    let mut report = NotesImportReport::new("omnivore");
    let mut refused = Vec::new();
    let (mut zip, entries) = Archive::open(bytes, what, &mut refused)?;
    for name in refused {
        report.skip(name, "a name that points outside the archive; not read");
    }
    let metadata: Vec<&Entry> = entries.iter().filter(|e| is_metadata(&e.name)).collect();
    if metadata.is_empty() {
        return Err(Error::Unsupported {
            what: what.to_owned(),
            detail: crate::error::FormatDetail::detected(
                "zip",
                "a zip archive, but not an Omnivore export: it has no metadata_*.json file",
            ),
        });
    }
    let by_name: HashMap<&str, &Entry> = entries.iter().map(|e| (e.name.as_str(), e)).collect();
    let mut items: Vec<Found> = Vec::new();
    for m in &metadata {
        let root = m.name.rsplit_once('/').map(|(dir, _)| format!("{dir}/")).unwrap_or_default();
        let raw = zip.read(m)?;
        let list: Vec<Value> =
            serde_json::from_slice(&raw).map_err(|e| Error::Invalid(format!("{what}: {} is not a list of items ({e})", m.name)))?;
        for (i, value) in list.into_iter().enumerate() {
            let at = format!("{} item {}", m.name, i + 1);
            let item: Item = match serde_json::from_value(value) {
                Ok(item) => item,
                Err(e) => {
                    report.skip(at, format!("not an Omnivore item ({e})"));
                    continue;
                }
            };
            if item.id.trim().is_empty() && item.url.as_deref().is_none_or(|u| u.trim().is_empty()) {
                report.skip(at, "an item with neither an id nor an address");
                continue;
            }
            if items.iter().any(|f| f.item.id == item.id && !item.id.is_empty()) {
                continue; // listed by two metadata files
            }
            let slug = item.slug.trim();
            let content =
                (!slug.is_empty()).then(|| by_name.get(format!("{root}content/{slug}.html").as_str()).copied().cloned()).flatten();
            let md = match (!slug.is_empty()).then(|| by_name.get(format!("{root}highlights/{slug}.md").as_str()).copied()).flatten() {
                Some(entry) => parse_highlights(&String::from_utf8_lossy(&zip.read(entry)?)),
                None => MdNotes::default(),
            };
            items.push(Found { item, from: m.name.clone(), content, highlights: md.highlights, page_notes: md.page_notes });
        }
    }
    if items.is_empty() {
        return Err(Error::Invalid(format!("{what}: the Omnivore export lists no items")));
    }
    // Saved pages are extracted before the write begins, so the library is
    // locked only for storing.
    let mut prepared = Vec::with_capacity(items.len());
    for found in items {
        let loaded = match &found.content {
            Some(entry) => {
                let bytes = zip.read(entry)?;
                let source =
                    import::Source { what: &entry.name, bytes, format: Format::Html, url: found.item.url.as_deref(), http_charset: None };
                match import::load_source(source) {
                    Ok(loaded) => Some(loaded),
                    Err(e) => {
                        report.warn(
                            entry.name.clone(),
                            format!("the saved page could not be read ({e}); the item's highlights were kept as quotes"),
                        );
                        None
                    }
                }
            }
            None => None,
        };
        prepared.push(Prepared { found, loaded });
    }
    let total_highlights: usize = prepared.iter().map(|p| p.found.highlights.len()).sum();
    let bare = prepared.iter().filter(|p| p.loaded.is_none() && p.found.highlights.is_empty()).count();
    lib.write(|tx| {
        for p in prepared {
            import_item(tx, p, &mut report)?;
        }
        Ok(())
    })?;
    if total_highlights == 0 {
        report.remark(format!(
            "The export holds no highlights: its {} item{} {} imported with {} details and saved text.",
            report.articles_added + report.articles_matched,
            plural(report.articles_added + report.articles_matched),
            if report.articles_added + report.articles_matched == 1 { "was" } else { "were" },
            if report.articles_added + report.articles_matched == 1 { "its" } else { "their" }
        ));
    }
    if bare > 0 {
        report.remark(format!(
            "{bare} item{} had neither saved text nor highlights; {} article{} {} description or address.",
            plural(bare as u32),
            if bare == 1 { "its" } else { "their" },
            plural(bare as u32),
            if bare == 1 { "holds its" } else { "hold their" }
        ));
    }
    Ok(report)
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn is_metadata(name: &str) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    last.starts_with("metadata") && last.ends_with(".json")
}

fn label_names(item: &Item) -> Vec<String> {
    item.labels
        .iter()
        .flatten()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn utc(s: Option<&str>) -> Option<String> {
    let d = chrono::DateTime::parse_from_rfc3339(s?.trim()).ok()?;
    Some(d.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

fn published(item: &Item) -> Option<PartialDate> {
    let s = item.published_at.as_deref()?;
    let day = chrono::DateTime::parse_from_rfc3339(s.trim()).ok()?.date_naive();
    day.format("%Y-%m-%d").to_string().parse().ok()
}

fn host_of(url: Option<&str>) -> Option<String> {
    url::Url::parse(url?).ok()?.host_str().map(|h| h.trim_start_matches("www.").to_owned())
}

fn import_item(tx: &mut Tx<'_>, p: Prepared, report: &mut NotesImportReport) -> Result<()> {
    let Prepared { found, loaded } = p;
    let item = &found.item;
    let url = item.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let title = item.title.as_deref().map(collapse_whitespace).filter(|t| !t.is_empty());
    let labels = label_names(item);
    let key = if item.id.is_empty() { url.unwrap_or_default().to_owned() } else { item.id.clone() };
    let quotes: Vec<String> = found.highlights.iter().map(|h| collapse_whitespace(&h.quote)).collect();
    let existing = match url {
        Some(u) => tx.articles_from(u)?.into_iter().next(),
        None => None,
    };
    // The article: the saved page, the library's own copy, or one made of quotes.
    let (article_id, text, spans) = if let Some(mut loaded) = loaded {
        if let Some(t) = &title {
            loaded.extracted.title = t.clone();
        }
        if let Some(a) = item.author.as_deref().map(collapse_whitespace).filter(|a| !a.is_empty()) {
            loaded.extracted.byline = Some(a);
        }
        loaded.extracted.published = published(item).or(loaded.extracted.published);
        match tx.duplicate_of(&loaded.extracted.text, url)? {
            Some(found) => {
                report.articles_matched += 1;
                (found.0, found.1, None)
            }
            None => {
                let new = NewArticle {
                    extracted: loaded.extracted,
                    source_kind: loaded.kind,
                    source_url: loaded.source_url,
                    raw: Some(loaded.raw),
                    encoding: Some(loaded.encoding),
                };
                let stamp = Stamp { imported_at: utc(item.saved_at.as_deref()).unwrap_or_else(now_rfc3339), ..Stamp::fresh() };
                tx.add_article(&new, &stamp)?;
                report.articles_added += 1;
                (stamp.id, new.extracted.text, None)
            }
        }
    } else if let Some((id, text)) = existing.clone().filter(|(id, _)| tx.is_quote_article(id).is_ok_and(|q| !q)) {
        report.articles_matched += 1;
        (id, text, None)
    } else {
        let source = Source {
            title: title.clone().unwrap_or_else(|| url.unwrap_or("Untitled").to_owned()),
            byline: item.author.as_deref().map(collapse_whitespace).filter(|a| !a.is_empty()),
            site: host_of(url),
            url: url.map(str::to_owned),
            published: published(item),
        };
        let placed = if quotes.is_empty() {
            // Neither saved text nor highlights: the item's description, else its address.
            let blurb = item.description.as_deref().map(collapse_whitespace).filter(|d| !d.is_empty());
            let only = blurb.or_else(|| url.map(str::to_owned)).unwrap_or_else(|| source.title.clone());
            match existing {
                Some((id, text)) => {
                    report.articles_matched += 1;
                    (id, text, Some(Vec::new()))
                }
                None => {
                    let (id, text) = quotes::add_quotes_article(tx, &source, &[Block::paragraph(only)])?;
                    report.articles_added += 1;
                    (id, text, Some(Vec::new()))
                }
            }
        } else {
            let texts: Vec<&str> = quotes.iter().map(String::as_str).collect();
            let placed = quotes::place(tx, &source, existing, &texts)?;
            if placed.created {
                report.articles_added += 1;
            } else {
                report.articles_matched += 1;
            }
            (placed.id, placed.text, Some(placed.spans))
        };
        placed
    };
    let body = Text::new(&text);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, h) in found.highlights.iter().enumerate() {
        let nth = seen.entry(h.quote.as_str()).or_insert(0);
        let id = stable_id(&format!("omnivore:{key}:{}:{nth}", h.quote));
        *nth += 1;
        let (start, end, orphaned) = match &spans {
            Some(spans) => (spans[i].0, spans[i].1, false),
            None => place_quote(&body, &h.quote),
        };
        let (exact, prefix, suffix) = if orphaned {
            (h.quote.clone(), String::new(), String::new())
        } else {
            let q = body.describe(start, end)?.quote;
            (q.exact, q.prefix, q.suffix)
        };
        let mut tags = labels.clone();
        tags.extend(h.labels.iter().cloned());
        let tags: Vec<String> = tags.into_iter().map(|t| t.chars().take(100).collect()).collect();
        let created = utc(item.saved_at.as_deref()).unwrap_or_else(now_rfc3339);
        let highlight = Highlight {
            id,
            article_id: article_id.clone(),
            start,
            end,
            exact,
            prefix,
            suffix,
            color: Color::Yellow,
            note: h.note.clone(),
            tags: normalize_tags(&tags)?,
            orphaned,
            created_at: created.clone(),
            updated_at: created,
        };
        if tx.add_highlight_if_absent(highlight)? {
            report.highlights_added += 1;
            if orphaned {
                report.highlights_orphaned += 1;
                report.warn(found.from.clone(), format!("“{}”: not found in the saved page; kept above the article", short(&h.quote)));
            }
        } else {
            report.highlights_skipped += 1;
        }
    }
    if found.highlights.is_empty() && !labels.is_empty() {
        let words: Vec<String> = labels.iter().map(|l| format!("#{}", l.split_whitespace().collect::<Vec<_>>().join("-"))).collect();
        let created = utc(item.saved_at.as_deref()).unwrap_or_else(now_rfc3339);
        let note = ArticleNote {
            id: stable_id(&format!("omnivore:{key}:labels")),
            article_id: article_id.clone(),
            note: format!("Omnivore labels: {}", words.join(" ")),
            created_at: created.clone(),
            updated_at: created,
        };
        if tx.add_article_note_if_absent(&note)? {
            report.notes_added += 1;
        } else {
            report.notes_skipped += 1;
        }
    }
    for (i, text) in found.page_notes.iter().enumerate() {
        let created = utc(item.saved_at.as_deref()).unwrap_or_else(now_rfc3339);
        let note = ArticleNote {
            id: stable_id(&format!("omnivore:{key}:note:{i}:{text}")),
            article_id: article_id.clone(),
            note: text.clone(),
            created_at: created.clone(),
            updated_at: created,
        };
        if tx.add_article_note_if_absent(&note)? {
            report.notes_added += 1;
        } else {
            report.notes_skipped += 1;
        }
    }
    Ok(())
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Where a quote (which Omnivore gives without context) is in the article:
/// its first exact occurrence, else as written with its whitespace
/// collapsed, else an approximate match; otherwise an orphan at the start.
fn place_quote(body: &Text<'_>, quote: &str) -> (u32, u32, bool) {
    for q in [quote.to_owned(), collapse_whitespace(quote)] {
        let len = q.chars().count();
        if len == 0 {
            continue;
        }
        let selector = Selector {
            position: TextPosition { start: 0, end: len as u32 },
            quote: TextQuote { exact: q, prefix: String::new(), suffix: String::new() },
        };
        if let Some(a) = body.anchor(&selector) {
            return (a.position.start, a.position.end, false);
        }
    }
    (0, quote.chars().count().max(1) as u32, true)
}

#[cfg(test)]
mod tests;
