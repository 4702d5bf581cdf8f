//! Importing a Readwise CSV (`Highlight,Title,Author,URL,Note,Location,Date`).
//! Rows are grouped by title and URL. A group goes to the library article with
//! that URL (or, without a URL, that title) when every quote of the group is
//! in its text; otherwise a new article is made of the group's quotes, one
//! block each. A highlight already on the same span is skipped, so importing
//! the same file twice adds nothing.

use super::{quotes, NotesImportReport};
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::highlight::{normalize_tags, Color, Highlight};
use crate::import::blocks::{collapse_whitespace, Block, BlockKind};
use crate::store::{new_id, now_rfc3339, Library, Tx};

const COLUMNS: [&str; 7] = ["highlight", "title", "author", "url", "note", "location", "date"];

pub fn looks_like_header(line: &str) -> bool {
    line.split(',').next().is_some_and(|f| f.trim().trim_matches('"').eq_ignore_ascii_case("highlight"))
}

/// One data row, with the line it starts on (for errors).
struct Row {
    line: usize,
    highlight: String,
    title: String,
    author: String,
    url: String,
    note: String,
    date: String,
}

pub fn import_csv(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let rows = parse_rows(input, what)?;
    let mut groups: Vec<(String, String, Vec<&Row>)> = Vec::new();
    for row in &rows {
        match groups.iter_mut().find(|(t, u, _)| *t == row.title && *u == row.url) {
            Some((_, _, members)) => members.push(row),
            None => groups.push((row.title.clone(), row.url.clone(), vec![row])),
        }
    }
    lib.write(|tx| {
        let mut report = NotesImportReport::new("csv");
        for (title, url, members) in groups {
            let (article_id, text) = match matching_article(tx, &title, &url, &members)? {
                Some(found) => {
                    report.articles_matched += 1;
                    found
                }
                None => {
                    report.articles_added += 1;
                    create_article(tx, &title, &url, &members)?
                }
            };
            let text = Text::new(&text);
            for row in members {
                let at = locate(&text, &row.highlight)
                    .ok_or_else(|| Error::Invalid(format!("{what}: line {}: the highlight is not in the article's text", row.line)))?;
                if tx.highlight_on(&article_id, at.0, at.1)? {
                    report.highlights_skipped += 1;
                    continue;
                }
                let selector = text.describe(at.0, at.1).map_err(|e| Error::Invalid(format!("{what}: line {}: {e}", row.line)))?;
                let (note, tags) = split_tags(&row.note);
                let tags = normalize_tags(&tags).map_err(|e| Error::Invalid(format!("{what}: line {}: {e}", row.line)))?;
                let created = parse_date(&row.date).unwrap_or_else(now_rfc3339);
                let q = selector.quote;
                tx.add_highlight(Highlight {
                    id: new_id(),
                    article_id: article_id.clone(),
                    start: at.0,
                    end: at.1,
                    exact: q.exact,
                    prefix: q.prefix,
                    suffix: q.suffix,
                    color: Color::Yellow,
                    note,
                    tags,
                    orphaned: false,
                    created_at: created.clone(),
                    updated_at: created,
                })?;
                report.highlights_added += 1;
            }
        }
        Ok(report)
    })
}

/// Where the quote is: verbatim first, else with its whitespace collapsed (as
/// an article made from quotes stores it).
fn locate(text: &Text<'_>, quote: &str) -> Option<(u32, u32)> {
    for q in [quote.to_owned(), collapse_whitespace(quote)] {
        if let Some(&start) = text.occurrences(&q).first() {
            let len = q.chars().count();
            if len > 0 {
                return Some((start as u32, (start + len) as u32));
            }
        }
    }
    None
}

/// The oldest article with the group's URL (or, without one, its title) whose
/// text holds every quote of the group. Not just the oldest: two groups whose
/// titles differ only in case (or that share a URL) make two articles, and a
/// second import must find each group's own again.
fn matching_article(tx: &Tx<'_>, title: &str, url: &str, rows: &[&Row]) -> Result<Option<(String, String)>> {
    let candidates = if url.is_empty() { tx.articles_titled(article_title(title))? } else { tx.articles_from(url)? };
    Ok(candidates.into_iter().find(|(_, text)| {
        let t = Text::new(text);
        rows.iter().all(|r| locate(&t, &r.highlight).is_some())
    }))
}

/// The title an article made for a group gets (and is found again by).
fn article_title(title: &str) -> &str {
    if title.trim().is_empty() {
        "Untitled"
    } else {
        title.trim()
    }
}

/// An article made of the group's quotes, one quotation block each.
fn create_article(tx: &mut Tx<'_>, title: &str, url: &str, rows: &[&Row]) -> Result<(String, String)> {
    let mut blocks: Vec<Block> = Vec::new();
    for r in rows {
        let quote = collapse_whitespace(&r.highlight);
        if !blocks.iter().any(|b| b.text == quote) {
            blocks.push(Block { kind: BlockKind::Quote, text: quote });
        }
    }
    let byline = rows.iter().map(|r| r.author.trim()).find(|a| !a.is_empty()).map(str::to_owned);
    let source = quotes::Source {
        title: article_title(title).to_owned(),
        byline,
        url: (!url.is_empty()).then(|| url.to_owned()),
        ..Default::default()
    };
    quotes::add_quotes_article(tx, &source, &blocks)
}

/// Readwise's inline tags: a first note line made only of `.tag` words.
fn split_tags(note: &str) -> (String, Vec<String>) {
    let (first, rest) = note.split_once('\n').unwrap_or((note, ""));
    let words: Vec<&str> = first.split_whitespace().collect();
    if !words.is_empty() && words.iter().all(|w| w.len() > 1 && w.starts_with('.')) {
        (rest.to_owned(), words.iter().map(|w| w[1..].to_owned()).collect())
    } else {
        (note.to_owned(), Vec::new())
    }
}

fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let fmt = |d: chrono::NaiveDateTime| d.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(fmt(d.naive_utc()));
    }
    if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        return Some(fmt(d));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(fmt)
}

/// Parses RFC 4180 CSV (quoted fields may hold commas, doubled quotes and
/// line breaks; LF or CRLF line ends) into rows, naming the line of any error.
fn parse_rows(input: &str, what: &str) -> Result<Vec<Row>> {
    let records = parse_csv(input).map_err(|(line, reason)| Error::Invalid(format!("{what}: line {line}: {reason}")))?;
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(Error::Empty { what: what.to_owned() });
    };
    let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| header.iter().position(|h| h.trim().eq_ignore_ascii_case(c))).collect();
    if index[0].is_none() {
        return Err(Error::Invalid(format!("{what}: line 1: no Highlight column")));
    }
    let mut rows = Vec::new();
    for (line, fields) in records {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != header.len() {
            return Err(Error::Invalid(format!("{what}: line {line}: {} fields where the header has {}", fields.len(), header.len())));
        }
        let get = |i: usize| index[i].map(|k| fields[k].clone()).unwrap_or_default();
        let highlight = get(0);
        if highlight.trim().is_empty() {
            return Err(Error::Invalid(format!("{what}: line {line}: the Highlight column is empty")));
        }
        rows.push(Row {
            line,
            highlight,
            title: get(1).trim().to_owned(),
            author: get(2),
            url: get(3).trim().to_owned(),
            note: get(4),
            date: get(6),
        });
    }
    if rows.is_empty() {
        return Err(Error::Empty { what: what.to_owned() });
    }
    Ok(rows)
}

/// A CSV record and the line it starts on.
type Record = (usize, Vec<String>);

/// Records with the line each starts on; an error is (line, reason).
fn parse_csv(input: &str) -> std::result::Result<Vec<Record>, (usize, String)> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = input.chars().peekable();
    let (mut line, mut record_line) = (1usize, 1usize);
    let mut quoted_start: Option<usize> = None;
    let mut any = false;
    while let Some(c) = chars.next() {
        if let Some(start) = quoted_start {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted_start = None;
                    if !matches!(chars.peek(), None | Some(',' | '\r' | '\n')) {
                        return Err((line, format!("text after the closing quote of a field opened on line {start}")));
                    }
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                // Inside a quoted field CRLF is kept as LF, as notes are stored.
                '\r' if chars.peek() == Some(&'\n') => {}
                c => field.push(c),
            }
            continue;
        }
        any = true;
        match c {
            '"' if field.is_empty() => quoted_start = Some(line),
            '"' => return Err((line, "a quote inside an unquoted field".into())),
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                fields.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut fields)));
                line += 1;
                record_line = line;
                any = false;
            }
            c => field.push(c),
        }
    }
    if let Some(start) = quoted_start {
        return Err((start, "a quoted field is never closed".into()));
    }
    if any || !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((record_line, fields));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_keep_commas_quotes_and_line_breaks() {
        let input = "a,b\r\n\"x, y\",\"she said \"\"no\"\"\r\nthen left\"\r\nplain,\r\n";
        let rows = parse_csv(input).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], (2, vec!["x, y".to_owned(), "she said \"no\"\nthen left".to_owned()]));
        assert_eq!(rows[2], (4, vec!["plain".to_owned(), String::new()]));
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        let err = parse_csv("a,b\nc,\"open\nstill open").unwrap_err();
        assert_eq!(err.0, 2);
        assert!(err.1.contains("never closed"));
    }

    #[test]
    fn dot_words_on_the_first_note_line_are_tags() {
        assert_eq!(
            split_tags(".maps .sea_birds\nCheck the tide table."),
            ("Check the tide table.".to_owned(), vec!["maps".to_owned(), "sea_birds".to_owned()])
        );
        assert_eq!(split_tags("Not. tags here"), ("Not. tags here".to_owned(), vec![]));
    }
}
