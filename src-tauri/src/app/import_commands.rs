//! Tauri commands for importing by address, pasting, re-decoding and hiding
//! paragraphs.

use sidenote_core::import::{self, FetchLimits, HiddenRange, SourceInfo};
use sidenote_core::store::StoredRemovedBlock;
use sidenote_core::{Article, ImportReport, Redecoded};
use tauri::State;

use super::AppState;
use crate::error::CommandResult;

/// Fetches and imports a page; an address already in the library is offered
/// without downloading it again.
#[tauri::command]
pub async fn import_url(state: State<'_, AppState>, url: String) -> CommandResult<ImportReport> {
    let address = match import::parse_web_address(&url) {
        Ok(a) => a.to_string(),
        Err(e) => return Ok(ImportReport::Failed { source: url, error: e.payload() }),
    };
    let duplicate = state.library()?.find_duplicate("", Some(&address))?;
    if let Some(existing) = duplicate {
        return Ok(ImportReport::Duplicate { source: url, article: existing });
    }
    let loaded = match import::fetch_url(&address, &FetchLimits::default()).await {
        Ok(fetched) => fetched.load(),
        Err(e) => Err(e),
    };
    let outcome = match loaded {
        Ok(l) => state.library()?.import_loaded(l),
        Err(e) => Err(e),
    };
    Ok(ImportReport::from_outcome(url, outcome))
}

/// Imports a paste: the clipboard's HTML when present, else its text.
#[tauri::command(async)]
pub fn import_pasted(state: State<'_, AppState>, html: Option<String>, text: String) -> CommandResult<ImportReport> {
    let outcome = match import::load_pasted_rich(html.as_deref(), &text) {
        Ok(l) => state.library()?.import_loaded(l),
        Err(e) => Err(e),
    };
    Ok(ImportReport::from_outcome("pasted text".into(), outcome))
}

/// The encoding the article was read with, and whether it can be read again.
#[tauri::command(async)]
pub fn article_source(state: State<'_, AppState>, id: String) -> CommandResult<SourceInfo> {
    Ok(state.library()?.source_info(&id)?)
}

/// Reads the article's kept source again as `encoding`; its highlights move
/// to the new text (what cannot be placed is kept as an orphan).
#[tauri::command(async)]
pub fn redecode(state: State<'_, AppState>, id: String, encoding: String) -> CommandResult<Redecoded> {
    Ok(state.library()?.redecode(&id, &encoding)?)
}

#[tauri::command(async)]
pub fn hide_paragraphs(state: State<'_, AppState>, id: String, starts: Vec<u32>) -> CommandResult<Vec<HiddenRange>> {
    Ok(state.library()?.hide_paragraphs(&id, &starts)?)
}

#[tauri::command(async)]
pub fn restore_paragraphs(state: State<'_, AppState>, id: String, starts: Vec<u32>) -> CommandResult<Vec<HiddenRange>> {
    Ok(state.library()?.restore_paragraphs(&id, &starts)?)
}

#[tauri::command(async)]
pub fn hidden_paragraphs(state: State<'_, AppState>, id: String) -> CommandResult<Vec<HiddenRange>> {
    Ok(state.library()?.hidden_ranges(&id)?)
}

/// The blocks the extractor took out of the article, in page order.
#[tauri::command(async)]
pub fn removed_blocks(state: State<'_, AppState>, id: String) -> CommandResult<Vec<StoredRemovedBlock>> {
    Ok(state.library()?.removed_blocks(&id)?)
}

/// Puts a removed block back into the article at its place; returns the article as it now is.
#[tauri::command(async)]
pub fn restore_removed_block(state: State<'_, AppState>, id: String, seq: u32) -> CommandResult<Article> {
    Ok(state.library()?.restore_removed_block(&id, seq)?)
}
