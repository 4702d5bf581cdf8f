//! Tauri commands for notes on a whole article (a Hypothesis page note, an
//! Omnivore item's note, or the reader's own remark on the piece). Each
//! command that changes something commits its own transaction.

use sidenote_core::ArticleNote;
use tauri::State;

use super::AppState;
use crate::error::CommandResult;

/// The article's notes, oldest first.
#[tauri::command(async)]
pub fn list_article_notes(state: State<'_, AppState>, article_id: String) -> CommandResult<Vec<ArticleNote>> {
    Ok(state.library()?.article_notes(&article_id)?)
}

#[tauri::command(async)]
pub fn add_article_note(state: State<'_, AppState>, article_id: String, note: String) -> CommandResult<ArticleNote> {
    Ok(state.library()?.add_article_note(&article_id, &note)?)
}

#[tauri::command(async)]
pub fn update_article_note(state: State<'_, AppState>, id: String, note: String) -> CommandResult<ArticleNote> {
    Ok(state.library()?.update_article_note(&id, &note)?)
}

/// Moves the note to the trash (the UI offers Undo).
#[tauri::command(async)]
pub fn delete_article_note(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.library()?.delete_article_note(&id)?)
}

#[tauri::command(async)]
pub fn restore_article_note(state: State<'_, AppState>, id: String) -> CommandResult<ArticleNote> {
    Ok(state.library()?.restore_article_note(&id)?)
}
