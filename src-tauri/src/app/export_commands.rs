//! Tauri commands of the Export and Import-notes dialogs. An empty `ids`
//! list means the whole library.

use sidenote_core::export::images::ExportImages;
use sidenote_core::export::{self, ExportFormat};
use sidenote_core::notes_import::{self, NotesImportReport};
use tauri::State;

use super::AppState;
use crate::error::CommandResult;

/// The export as one document, for the dialog's preview and "Copy as Markdown".
#[tauri::command(async)]
pub fn export_preview(state: State<'_, AppState>, ids: Vec<String>, format: ExportFormat) -> CommandResult<String> {
    let notes = export::collect(&mut *state.library()?, &ids)?;
    Ok(export::render(&notes, format)?)
}

/// Writes the export to a file, or into a folder (one file per article for
/// Markdown and HTML, whose pictures are copied into an `images` folder
/// beside them or linked, as `images` says; copied when not given);
/// returns the paths written.
#[tauri::command(async)]
pub fn export_to_path(
    state: State<'_, AppState>,
    ids: Vec<String>,
    format: ExportFormat,
    path: String,
    images: Option<ExportImages>,
) -> CommandResult<Vec<String>> {
    let notes = export::collect_with(&mut *state.library()?, &ids, images.unwrap_or_default())?;
    let written = export::output::write_export(&notes, format, std::path::Path::new(&path))?;
    Ok(written.into_iter().map(|p| p.display().to_string()).collect())
}

/// Imports a notes file of any format `import-notes` reads (recognised by content), all or nothing.
#[tauri::command(async)]
pub fn import_notes(state: State<'_, AppState>, path: String) -> CommandResult<NotesImportReport> {
    let mut lib = state.library()?;
    Ok(notes_import::import_notes_file(&mut lib, std::path::Path::new(&path))?)
}
