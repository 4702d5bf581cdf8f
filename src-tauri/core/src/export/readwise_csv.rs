//! Readwise's CSV import columns: `Highlight,Title,Author,URL,Note,Location,Date`,
//! quoted per RFC 4180 (CRLF line ends; fields with a comma, quote or line
//! break are quoted, quotes doubled), so notes with newlines survive.
//!
//! Location holds the highlight's `sidenote://` link back to its passage.
//! Readwise has no color column. Tags travel the Readwise way, as a first note
//! line of `.tag` words (spaces in a tag become `_`).

use super::ArticleNotes;

pub const HEADER: [&str; 7] = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"];

pub fn render(notes: &[ArticleNotes]) -> String {
    let mut out = String::new();
    row(&mut out, &HEADER);
    for n in notes {
        let s = &n.article.summary;
        for h in &n.highlights {
            let note = note_with_tags(&h.note, &h.tags);
            // The link back to the passage, which Readwise shows as the highlight's place.
            let location = crate::links::highlight_link(&h.article_id, &h.id);
            let date = readwise_date(&h.created_at);
            row(
                &mut out,
                &[&h.exact, &s.title, s.byline.as_deref().unwrap_or(""), s.source_url.as_deref().unwrap_or(""), &note, &location, &date],
            );
        }
    }
    out
}

/// The note as Readwise reads it: `.tag` words on the first line, then the note.
pub fn note_with_tags(note: &str, tags: &[String]) -> String {
    if tags.is_empty() {
        return note.to_owned();
    }
    let line = tags.iter().map(|t| format!(".{}", t.split_whitespace().collect::<Vec<_>>().join("_"))).collect::<Vec<_>>().join(" ");
    if note.is_empty() {
        line
    } else {
        format!("{line}\n{note}")
    }
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), the form Readwise documents; a stored value
/// that does not parse is passed through.
fn readwise_date(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

fn row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

pub fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}
