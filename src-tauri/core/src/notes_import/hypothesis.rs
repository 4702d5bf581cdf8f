//! Importing Hypothesis annotations: the JSON its API's search gives
//! (`{"total": …, "rows": [...]}`), the file its "Export annotations" writes
//! (`{"export_date": …, "annotations": [...]}`), or a plain list of them.
//! Each annotation names the page (`uri`, `document.title`), its note
//! (`text`, Markdown), its `tags`, when it was made (`created`, `updated`),
//! and the passage (`target[].selector`: TextQuoteSelector, with
//! TextPositionSelector and RangeSelector that only Hypothesis's own page
//! can use).
//!
//! Annotations go to the library's article from the same address, placed
//! there by our own anchoring (quote and context, then the position as a
//! hint, then approximate matching); one that cannot be placed is kept as an
//! orphan of the article, never dropped. When the library has no such
//! article, they go to an article made of their quotes. A page note (an
//! annotation on no passage) becomes a note on the article. A reply is added
//! to the note of the annotation it answers. Each record keeps an id made
//! from its Hypothesis id, so importing the same file again adds nothing.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::quotes::{self, Source};
use super::NotesImportReport;
use crate::anchor::{Selector, Text, TextPosition, TextQuote};
use crate::error::{Error, Result};
use crate::highlight::{normalize_tags, Color, Highlight};
use crate::ids::stable_id;
use crate::import::blocks::collapse_whitespace;
use crate::model::ArticleNote;
use crate::store::{now_rfc3339, Library, Tx};

/// Whether a JSON file is Hypothesis's rather than our own export: it
/// speaks of annotated pages (`uri`) and not of Sidenote's articles.
pub fn looks_like_hypothesis(input: &str) -> bool {
    let head: String = input.chars().take(64 * 1024).collect();
    let ours = head.contains("\"sidenote:formatVersion\"") || head.contains("\"sidenote:articles\"");
    // An API answer with no rows names no page, but its `rows` are Hypothesis's.
    !ours && (head.contains("\"uri\"") || head.contains("\"export_userid\"") || head.contains("\"rows\""))
}

#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    updated: Option<String>,
    uri: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    target: Vec<Target>,
    #[serde(default)]
    document: Option<Document>,
    /// The thread above a reply: the annotation it answers comes first.
    #[serde(default)]
    references: Vec<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    user_info: Option<UserInfo>,
}

#[derive(Debug, Default, Deserialize)]
struct Document {
    /// A list in the API's answers; a single string in some exports.
    #[serde(default)]
    title: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct UserInfo {
    #[serde(default)]
    display_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Target {
    #[serde(default)]
    selector: Vec<Value>,
}

/// What a row says of its passage, read from its selectors.
#[derive(Debug, Default)]
struct Passage {
    exact: String,
    prefix: String,
    suffix: String,
    position: Option<(u32, u32)>,
    /// The row has selectors but no quote to place by (a Range or Position
    /// selector alone only works on Hypothesis's copy of the page).
    unplaceable: bool,
}

fn passage_of(row: &Row) -> Option<Passage> {
    let selectors: Vec<&Value> = row.target.iter().flat_map(|t| &t.selector).collect();
    if selectors.is_empty() {
        return None; // a page note
    }
    let mut p = Passage::default();
    for s in selectors {
        let text = |key: &str| s.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
        match s.get("type").and_then(Value::as_str) {
            Some("TextQuoteSelector") => {
                p.exact = text("exact");
                p.prefix = text("prefix");
                p.suffix = text("suffix");
            }
            Some("TextPositionSelector") => {
                let n = |key: &str| s.get(key).and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok());
                if let (Some(a), Some(b)) = (n("start"), n("end")) {
                    p.position = Some((a, b));
                }
            }
            _ => {}
        }
    }
    p.unplaceable = p.exact.trim().is_empty();
    Some(p)
}

fn title_of(row: &Row) -> Option<String> {
    let t = match row.document.as_ref()?.title.as_ref()? {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().find_map(Value::as_str)?.to_owned(),
        _ => return None,
    };
    let t = collapse_whitespace(&t);
    (!t.is_empty()).then_some(t)
}

/// `acct:name@hypothes.is` → `name`; the display name when there is one.
fn author_of(row: &Row) -> String {
    if let Some(name) = row.user_info.as_ref().and_then(|u| u.display_name.as_deref()).filter(|n| !n.trim().is_empty()) {
        return name.trim().to_owned();
    }
    let user = row.user.as_deref().unwrap_or("someone");
    user.trim_start_matches("acct:").split('@').next().unwrap_or(user).to_owned()
}

/// An RFC 3339 time in UTC with milliseconds, as the library stores them.
fn utc(s: Option<&str>) -> Option<String> {
    let d = chrono::DateTime::parse_from_rfc3339(s?.trim()).ok()?;
    Some(d.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// The rows of any of the three shapes, each read on its own so that one
/// malformed row is reported and the others are imported.
fn rows(input: &str, what: &str, report: &mut NotesImportReport) -> Result<Vec<Row>> {
    let value: Value = serde_json::from_str(input).map_err(|e| Error::Invalid(format!("{what}: not a Hypothesis JSON file ({e})")))?;
    let list = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => match map.remove("rows").or_else(|| map.remove("annotations")) {
            Some(Value::Array(items)) => items,
            Some(_) => return Err(Error::Invalid(format!("{what}: its annotations are not a list"))),
            None if map.contains_key("uri") => vec![Value::Object(map)],
            None => return Err(Error::Invalid(format!("{what}: neither a list of annotations nor Hypothesis's rows or export"))),
        },
        _ => return Err(Error::Invalid(format!("{what}: not a Hypothesis JSON file"))),
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        match serde_json::from_value::<Row>(item) {
            Ok(row) if row.id.trim().is_empty() || row.uri.trim().is_empty() => {
                report.skip(format!("annotation {}", i + 1), "it has no id or no page address (uri)")
            }
            Ok(row) => out.push(row),
            Err(e) => report.skip(format!("annotation {}", i + 1), format!("not a Hypothesis annotation ({e})")),
        }
    }
    Ok(out)
}

pub fn import_json(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let mut report = NotesImportReport::new("hypothesis");
    let rows = rows(input, what, &mut report)?;
    if rows.is_empty() {
        return Err(Error::Invalid(format!("{what}: no annotations to import")));
    }
    // Replies join the note of the annotation they answer (the thread's root).
    let mut replies: HashMap<&str, Vec<&Row>> = HashMap::new();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut roots: Vec<&Row> = Vec::new();
    for row in &rows {
        match row.references.first() {
            Some(root) if ids.contains(&root.as_str()) => replies.entry(root.as_str()).or_default().push(row),
            // A reply whose thread is not in the file stands on its own.
            Some(_) | None => roots.push(row),
        }
    }
    // By page, in the order pages first appear.
    let mut pages: Vec<(&str, Vec<&Row>)> = Vec::new();
    // A fragment names a place on the same page.
    let page_of = |uri: &str| uri.split('#').next().unwrap_or(uri).to_owned();
    for row in roots {
        let page = page_of(&row.uri);
        match pages.iter_mut().find(|(uri, _)| page_of(uri) == page) {
            Some((_, members)) => members.push(row),
            None => pages.push((&row.uri, vec![row])),
        }
    }
    lib.write(|tx| {
        for (uri, members) in &pages {
            import_page(tx, uri, members, &replies, &mut report)?;
        }
        Ok(())
    })?;
    Ok(report)
}

/// The note a row brings: its text, then its replies, each with who wrote it.
fn note_of(row: &Row, replies: &HashMap<&str, Vec<&Row>>) -> String {
    let mut note = row.text.trim().to_owned();
    for reply in replies.get(row.id.as_str()).into_iter().flatten() {
        let text = reply.text.trim();
        if text.is_empty() {
            continue;
        }
        if !note.is_empty() {
            note.push_str("\n\n");
        }
        note.push_str(&format!("**Reply from {}:** {text}", author_of(reply)));
    }
    note
}

fn tags_of(row: &Row, at: &str, report: &mut NotesImportReport) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in &row.tags {
        if t.chars().count() > 100 {
            report.warn(
                at.to_owned(),
                format!("the tag “{}…” is longer than 100 characters and was shortened", t.chars().take(20).collect::<String>()),
            );
            tags.push(t.chars().take(100).collect());
        } else {
            tags.push(t.clone());
        }
    }
    normalize_tags(&tags).unwrap_or_default()
}

/// The library's article from `uri`: the same address, or the same one with
/// or without its fragment and trailing slash.
fn article_from(tx: &Tx<'_>, uri: &str) -> Result<Option<(String, String)>> {
    let bare = uri.split('#').next().unwrap_or(uri);
    let variants = [uri.to_owned(), bare.to_owned(), bare.trim_end_matches('/').to_owned(), format!("{}/", bare.trim_end_matches('/'))];
    for v in variants {
        if let Some(found) = tx.articles_from(&v)?.into_iter().next() {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

fn host_of(uri: &str) -> Option<String> {
    url::Url::parse(uri).ok()?.host_str().map(|h| h.trim_start_matches("www.").to_owned())
}

fn import_page(
    tx: &mut Tx<'_>,
    uri: &str,
    rows: &[&Row],
    replies: &HashMap<&str, Vec<&Row>>,
    report: &mut NotesImportReport,
) -> Result<()> {
    let at = |row: &Row| format!("annotation {}", row.id);
    let mut highlights: Vec<(&Row, Passage)> = Vec::new();
    let mut page_notes: Vec<&Row> = Vec::new();
    for row in rows {
        match passage_of(row) {
            None => page_notes.push(row),
            Some(p) if p.unplaceable => {
                // Only Hypothesis's copy of the page can place it: its note is kept on the article.
                report.warn(
                    at(row),
                    "its passage has no quote to find it by (only a Range or Position selector); its note was kept on the article",
                );
                page_notes.push(row);
            }
            Some(p) => highlights.push((row, p)),
        }
    }
    let page_notes: Vec<&Row> = page_notes.into_iter().filter(|r| !note_of(r, replies).is_empty()).collect();
    if highlights.is_empty() && page_notes.is_empty() {
        return Ok(());
    }
    let existing = article_from(tx, uri)?;
    let real = match &existing {
        Some((id, _)) => !tx.is_quote_article(id)?,
        None => false,
    };
    let title = rows.iter().find_map(|r| title_of(r)).unwrap_or_else(|| uri.to_owned());
    let (article_id, text, spans) = if real {
        let (id, text) = existing.clone().unwrap_or_default();
        report.articles_matched += 1;
        (id, text, None)
    } else {
        let source = Source { title, site: host_of(uri), url: Some(uri.to_owned()), ..Default::default() };
        let mut quotes: Vec<String> = highlights.iter().map(|(_, p)| collapse_whitespace(&p.exact)).collect();
        if quotes.is_empty() {
            // Only page notes, on a page the library does not have: an article
            // holding the page's address, for the notes to belong to.
            quotes.push(uri.to_owned());
        }
        let texts: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let placed = quotes::place(tx, &source, existing, &texts)?;
        if placed.created {
            report.articles_added += 1;
        } else {
            report.articles_matched += 1;
        }
        (placed.id, placed.text, Some(placed.spans))
    };
    let body = Text::new(&text);
    for (i, (row, p)) in highlights.iter().enumerate() {
        let id = stable_id(&format!("hypothesis:{}", row.id));
        let created = utc(row.created.as_deref()).unwrap_or_else(now_rfc3339);
        let updated = utc(row.updated.as_deref()).unwrap_or_else(|| created.clone());
        let (start, end, orphaned) = match &spans {
            Some(spans) => (spans[i].0, spans[i].1, false),
            None => {
                let (s, e) = p.position.filter(|(s, e)| s < e).unwrap_or((0, p.exact.chars().count().max(1) as u32));
                let selector = Selector {
                    position: TextPosition { start: s, end: e },
                    quote: TextQuote { exact: p.exact.clone(), prefix: p.prefix.clone(), suffix: p.suffix.clone() },
                };
                match body.anchor(&selector) {
                    Some(a) => (a.position.start, a.position.end, false),
                    None => (s, e, true),
                }
            }
        };
        let (exact, prefix, suffix) = if orphaned {
            (p.exact.clone(), p.prefix.clone(), p.suffix.clone())
        } else {
            let q = body.describe(start, end)?.quote;
            (q.exact, q.prefix, q.suffix)
        };
        let h = Highlight {
            id,
            article_id: article_id.clone(),
            start,
            end,
            exact,
            prefix,
            suffix,
            color: Color::Yellow,
            note: note_of(row, replies),
            tags: tags_of(row, &at(row), report),
            orphaned,
            created_at: created,
            updated_at: updated,
        };
        if tx.add_highlight_if_absent(h)? {
            report.highlights_added += 1;
            if orphaned {
                report.highlights_orphaned += 1;
            }
        } else {
            report.highlights_skipped += 1;
        }
    }
    for row in page_notes {
        let mut note = note_of(row, replies);
        let tags = tags_of(row, &at(row), report);
        if !tags.is_empty() {
            note.push_str(&format!("\n\nTags: {}", tags.join(", ")));
        }
        let created = utc(row.created.as_deref()).unwrap_or_else(now_rfc3339);
        let n = ArticleNote {
            id: stable_id(&format!("hypothesis:{}", row.id)),
            article_id: article_id.clone(),
            note,
            updated_at: utc(row.updated.as_deref()).unwrap_or_else(|| created.clone()),
            created_at: created,
        };
        if tx.add_article_note_if_absent(&n)? {
            report.notes_added += 1;
        } else {
            report.notes_skipped += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
