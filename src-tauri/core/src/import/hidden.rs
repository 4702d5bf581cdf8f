//! Paragraphs the user marked "not part of the article" are stored as ranges
//! of the article's text (see `store::hidden`); here, what a paragraph is.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A hidden paragraph: `[start, end)` in code points of the article's text.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct HiddenRange {
    pub start: u32,
    pub end: u32,
}

/// The paragraphs (blocks separated by "\n\n", as `blocks` joins them) of
/// `text`, as ranges.
pub fn paragraph_ranges(text: &str) -> Vec<HiddenRange> {
    let mut ranges = Vec::new();
    let mut offset = 0u32;
    for block in text.split("\n\n") {
        let len = block.chars().count() as u32;
        if len > 0 {
            ranges.push(HiddenRange { start: offset, end: offset + len });
        }
        offset += len + 2;
    }
    ranges
}
