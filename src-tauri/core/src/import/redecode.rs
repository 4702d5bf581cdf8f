//! Reading a stored article's source bytes again with an encoding the user
//! picks, for when the guess was wrong (mojibake). The store keeps the bytes
//! and stores the result (`Library::redecode`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{decode, extract_with_url, Format};
use crate::error::{Error, Result};
use crate::model::{Extracted, SourceKind};

/// What the reader's "Text encoding" control needs to know about a source.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceInfo {
    /// The encoding the text was decoded with (WHATWG name), when known.
    pub encoding: Option<String>,
    /// Whether the original bytes were kept, so the text can be decoded again.
    pub can_redecode: bool,
}

/// Decodes `raw`, the kept source of an article of `kind` (from `url`), as
/// `encoding` (a WHATWG label such as "windows-1251") and extracts the
/// article again. Returns it with the encoding's name. Refused when the label
/// is unknown or the bytes do not decode.
pub fn read_again(raw: &[u8], kind: SourceKind, url: Option<&str>, encoding: &str) -> Result<(Extracted, String)> {
    let format = match kind {
        SourceKind::Html | SourceKind::Url => Format::Html,
        SourceKind::Markdown | SourceKind::Sample => Format::Markdown,
        SourceKind::Text | SourceKind::Paste => Format::Text,
        // A book's text is UTF-8 by rule and its source is not kept.
        SourceKind::Epub => return Err(Error::Invalid("a book's text cannot be read again with another encoding".into())),
    };
    let what = "the article";
    let (decoded, used) = decode::decode_with_label(raw, encoding).map_err(|reason| Error::Unreadable { path: what.into(), reason })?;
    Ok((extract_with_url(&decoded, format, url, what)?, used))
}
