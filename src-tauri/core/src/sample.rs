//! The built-in sample article shown on a first run, so the app never opens
//! empty (the store adds it: `Library::ensure_sample`).

use crate::error::Result;
use crate::import::{extract_str, Format};
use crate::model::Extracted;

/// Our own short guide to the app, with a few dated facts for the timeline.
pub const WELCOME_MARKDOWN: &str = include_str!("sample/welcome.md");

/// The sample article, extracted as an import of its Markdown would be.
pub fn welcome() -> Result<Extracted> {
    let mut extracted = extract_str(WELCOME_MARKDOWN, Format::Markdown, "the sample article")?;
    extracted.byline = Some("The Sidenote team".into());
    extracted.site = Some("Sidenote".into());
    extracted.lang = Some("en".into());
    Ok(extracted)
}
