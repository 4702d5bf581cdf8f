//! The built-in sample article shown on a first run, so the app never opens empty.

use crate::error::Result;
use crate::import::{extract_str, Format};
use crate::model::{Article, SourceKind};
use crate::store::{Library, NewArticle};

/// Our own short guide to the app, with a few dated facts for the timeline.
pub const WELCOME_MARKDOWN: &str = include_str!("sample/welcome.md");

const SEEDED_KEY: &str = "sampleSeeded";

impl Library {
    /// Adds the sample article the first time a library is opened with no
    /// articles. Once seeded it is never re-added, even if the user deletes it.
    pub fn ensure_sample(&mut self) -> Result<Option<Article>> {
        if self.setting(SEEDED_KEY)?.is_some() {
            return Ok(None);
        }
        let mut added = None;
        if self.article_count()? == 0 {
            let mut extracted = extract_str(WELCOME_MARKDOWN, Format::Markdown, "the sample article")?;
            extracted.byline = Some("The Sidenote team".into());
            extracted.site = Some("Sidenote".into());
            extracted.lang = Some("en".into());
            added = Some(self.insert_article(NewArticle {
                extracted,
                source_kind: SourceKind::Sample,
                source_url: None,
                raw: None,
                encoding: None,
            })?);
        }
        self.set_setting(SEEDED_KEY, &serde_json::Value::Bool(true))?;
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_added_once_and_not_after_deletion() {
        let mut lib = Library::open_in_memory().unwrap();
        let sample = lib.ensure_sample().unwrap().expect("first run seeds");
        assert_eq!(sample.summary.title, "Welcome to Sidenote");
        assert_eq!(sample.summary.source_kind, SourceKind::Sample);
        assert!(sample.text.contains("11 March 1702"));
        assert!(lib.ensure_sample().unwrap().is_none());
        lib.delete_article(&sample.summary.id).unwrap();
        assert!(lib.ensure_sample().unwrap().is_none());
        assert_eq!(lib.article_count().unwrap(), 0);
    }
}
