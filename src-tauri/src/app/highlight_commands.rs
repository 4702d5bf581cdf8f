//! Tauri commands for highlights and margin notes. Positions are code points
//! of the article text (the UI converts from UTF-16). Each command that
//! changes something commits its own transaction before it returns.

use sidenote_core::{Highlight, HighlightFilter, HighlightPatch, LibraryHighlight, NewHighlight};
use tauri::State;

use super::AppState;
use crate::error::CommandResult;

/// An article's anchored highlights, in text order.
#[tauri::command(async)]
pub fn list_article_highlights(state: State<'_, AppState>, article_id: String) -> CommandResult<Vec<Highlight>> {
    Ok(state.library()?.article_highlights(&article_id)?)
}

/// An article's highlights that lost their place when its text changed.
#[tauri::command(async)]
pub fn list_orphaned_highlights(state: State<'_, AppState>, article_id: String) -> CommandResult<Vec<Highlight>> {
    Ok(state.library()?.orphaned_highlights(&article_id)?)
}

#[tauri::command(async)]
pub fn create_highlight(state: State<'_, AppState>, highlight: NewHighlight) -> CommandResult<Highlight> {
    Ok(state.library()?.create_highlight(&highlight)?)
}

/// Changes color, note and/or tags (fields left out stay as they are).
#[tauri::command(async)]
pub fn update_highlight(state: State<'_, AppState>, id: String, patch: HighlightPatch) -> CommandResult<Highlight> {
    Ok(state.library()?.update_highlight(&id, &patch)?)
}

#[tauri::command(async)]
pub fn delete_highlight(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.library()?.delete_highlight(&id)?)
}

/// Undoes `delete_highlight`.
#[tauri::command(async)]
pub fn restore_highlight(state: State<'_, AppState>, id: String) -> CommandResult<Highlight> {
    Ok(state.library()?.restore_highlight(&id)?)
}

/// The library-wide Highlights view: filters and full-text search.
#[tauri::command(async)]
pub fn search_highlights(state: State<'_, AppState>, filter: HighlightFilter) -> CommandResult<Vec<LibraryHighlight>> {
    Ok(state.library()?.list_highlights(&filter)?)
}

/// Attaches a highlight (an orphan, usually) to a new selection.
#[tauri::command(async)]
pub fn reattach_highlight(state: State<'_, AppState>, id: String, start: u32, end: u32) -> CommandResult<Highlight> {
    Ok(state.library()?.reattach_highlight(&id, start, end)?)
}

/// Every tag in use, for completion.
#[tauri::command(async)]
pub fn list_highlight_tags(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    Ok(state.library()?.highlight_tags()?)
}
