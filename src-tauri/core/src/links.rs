//! Links back to a passage: `sidenote://open/ARTICLE_ID` opens an article,
//! `#h=HIGHLIGHT_ID` lands on one of its highlights and `#o=OFFSET` on a
//! place in its text (an offset in code points, as highlights count). Every
//! export that names a highlight writes its link; the desktop entry, the CLI
//! (`sidenote open URL`) and a running app all read them through `parse`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Library;

pub const SCHEME: &str = "sidenote";
const PREFIX: &str = "sidenote://open/";
/// Ids are UUIDs; a little room for other id shapes, never a path or a query.
const MAX_ID: usize = 128;

/// Where a link lands in its article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Passage {
    pub article_id: String,
    /// A highlight to scroll to and focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub highlight_id: Option<String>,
    /// A place in the text (code points from the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub offset: Option<u32>,
}

impl Passage {
    pub fn url(&self) -> String {
        match (&self.highlight_id, self.offset) {
            (Some(h), _) => highlight_link(&self.article_id, h),
            (None, Some(o)) => offset_link(&self.article_id, o),
            (None, None) => format!("{PREFIX}{}", self.article_id),
        }
    }
}

/// The link to a highlight.
pub fn highlight_link(article_id: &str, highlight_id: &str) -> String {
    format!("{PREFIX}{article_id}#h={highlight_id}")
}

/// The link to a place in an article's text.
pub fn offset_link(article_id: &str, offset: u32) -> String {
    format!("{PREFIX}{article_id}#o={offset}")
}

/// True when `arg` looks meant as a Sidenote link (what the desktop entry
/// passes), so a launch treats it as one rather than as a file name.
pub fn is_link(arg: &str) -> bool {
    arg.trim().get(..SCHEME.len() + 1).is_some_and(|s| s.eq_ignore_ascii_case("sidenote:"))
}

/// Reads a link, saying exactly what is wrong with a malformed one.
pub fn parse(url: &str) -> Result<Passage> {
    let url = url.trim();
    let bad = |why: &str| {
        Error::Invalid(format!("not a Sidenote link ({why}): {url}; links look like {PREFIX}ARTICLE_ID#h=HIGHLIGHT_ID or #o=OFFSET"))
    };
    if !is_link(url) {
        return Err(bad("it does not start with sidenote://"));
    }
    let rest = &url[SCHEME.len() + 1..];
    let Some(rest) = rest.strip_prefix("//open/") else {
        return Err(bad("the only action is open"));
    };
    let (article_id, fragment) = match rest.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (rest, None),
    };
    let article_id = article_id.strip_suffix('/').unwrap_or(article_id);
    check_id(article_id).map_err(|why| bad(&format!("the article id {why}")))?;
    let mut passage = Passage { article_id: article_id.to_owned(), highlight_id: None, offset: None };
    match fragment {
        None | Some("") => {}
        Some(f) => {
            if let Some(h) = f.strip_prefix("h=") {
                check_id(h).map_err(|why| bad(&format!("the highlight id {why}")))?;
                passage.highlight_id = Some(h.to_owned());
            } else if let Some(o) = f.strip_prefix("o=") {
                let offset = o.parse::<u32>().map_err(|_| bad("the offset after #o= is not a whole number"))?;
                passage.offset = Some(offset);
            } else {
                return Err(bad("after # comes h=HIGHLIGHT_ID or o=OFFSET"));
            }
        }
    }
    Ok(passage)
}

fn check_id(id: &str) -> std::result::Result<(), &'static str> {
    if id.is_empty() {
        return Err("is missing");
    }
    if id.len() > MAX_ID || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err("may hold only letters, digits and dashes");
    }
    Ok(())
}

/// Checks a link against the library: the article exists (a unique prefix
/// of its id is accepted and completed), the highlight is one of its own,
/// the offset lies inside its text. Returns the passage with full ids.
pub fn resolve(lib: &Library, url: &str) -> Result<Passage> {
    let mut passage = parse(url)?;
    passage.article_id = lib.resolve_article_id(&passage.article_id)?;
    if let Some(h) = &passage.highlight_id {
        let id = lib.resolve_highlight_id(h)?;
        let highlight = lib.highlight(&id)?;
        if highlight.article_id != passage.article_id {
            return Err(Error::Invalid(format!("highlight {id} belongs to another article than {}", passage.article_id)));
        }
        passage.highlight_id = Some(id);
    }
    if let Some(o) = passage.offset {
        let length = lib.article(&passage.article_id)?.text.chars().count();
        if o as usize > length {
            return Err(Error::Invalid(format!("offset {o} is past the end of the article ({length} characters)")));
        }
    }
    Ok(passage)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0b6f2d0e-4c8e-4f7a-9d4b-2f1e3a5c7d90";
    const H: &str = "7e1d9c3a-2b4f-4e6d-8a0c-5f3b1d9e7a24";

    #[test]
    fn links_read_back_as_what_they_were_made_from() {
        let to_highlight = Passage { article_id: A.into(), highlight_id: Some(H.into()), offset: None };
        assert_eq!(to_highlight.url(), format!("sidenote://open/{A}#h={H}"));
        assert_eq!(parse(&to_highlight.url()).unwrap(), to_highlight);
        let to_offset = Passage { article_id: A.into(), highlight_id: None, offset: Some(1234) };
        assert_eq!(parse(&offset_link(A, 1234)).unwrap(), to_offset);
        let article = Passage { article_id: A.into(), highlight_id: None, offset: None };
        assert_eq!(parse(&format!("sidenote://open/{A}")).unwrap(), article);
        // A trailing slash, an empty fragment, spaces around and an upper-case scheme are all fine.
        assert_eq!(parse(&format!("  SIDENOTE://open/{A}/#  ")).unwrap(), article);
    }

    #[test]
    fn malformed_links_say_what_is_wrong() {
        let cases = [
            ("https://example.org/open/x", "does not start with sidenote://"),
            ("sidenote://show/abc", "the only action is open"),
            ("sidenote://open/", "article id is missing"),
            ("sidenote://open/../../etc/passwd", "letters, digits and dashes"),
            ("sidenote://open/abc?x=1", "letters, digits and dashes"),
            ("sidenote://open/abc#h=", "highlight id is missing"),
            ("sidenote://open/abc#h=a/b", "highlight id may hold"),
            ("sidenote://open/abc#o=-3", "not a whole number"),
            ("sidenote://open/abc#o=twelve", "not a whole number"),
            ("sidenote://open/abc#page=2", "h=HIGHLIGHT_ID or o=OFFSET"),
        ];
        for (url, why) in cases {
            let message = parse(url).unwrap_err().to_string();
            assert!(message.contains(why), "{url}: {message}");
            assert!(message.contains(url.trim()), "{url}: the message names the link: {message}");
        }
        assert!(is_link("sidenote://open/x") && is_link("Sidenote:x") && !is_link("/home/me/sidenote.txt") && !is_link("side"));
    }
}
