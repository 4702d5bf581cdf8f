//! Tauri commands: read the arguments, call the core, map the error.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use sidenote_core::links::Passage;
use sidenote_core::{Article, ArticleSummary, ImportReport, LibraryInfo, ListQuery, PartialDate};
use tauri::{AppHandle, Manager, State};

use super::AppState;
use crate::error::CommandResult;

#[tauri::command(async)]
pub fn library_info(state: State<'_, AppState>) -> CommandResult<LibraryInfo> {
    let lib = state.library()?;
    Ok(LibraryInfo { path: lib.path().display().to_string(), article_count: lib.article_count()? })
}

#[tauri::command(async)]
pub fn list_articles(state: State<'_, AppState>, query: ListQuery) -> CommandResult<Vec<ArticleSummary>> {
    static ANSWERED: AtomicBool = AtomicBool::new(false);
    let rows = state.library()?.list_articles(&query)?;
    crate::startup_marks::mark_once(&ANSWERED, "articles-listed");
    Ok(rows)
}

/// How many articles the library view's query matches in all (its page aside).
#[tauri::command(async)]
pub fn count_articles(state: State<'_, AppState>, query: ListQuery) -> CommandResult<u64> {
    Ok(state.library()?.count_articles(&query)?)
}

/// The reader opens an article with this: once it has its text, the sync
/// recorder loads the article's document on a thread of its own, so that the
/// first highlight saved there does not wait for it.
#[tauri::command(async)]
pub fn get_article(app: AppHandle, state: State<'_, AppState>, id: String) -> CommandResult<Article> {
    let (article, syncing) = {
        let lib = state.library()?;
        (lib.article(&id)?, lib.is_syncing())
    };
    if syncing {
        std::thread::spawn(move || {
            let state = app.state::<AppState>();
            let warmed = state.library().map(|mut lib| lib.warm_sync(&id));
            if let Ok(Err(e)) = warmed {
                tracing::warn!(error = %e, "the article's sync document could not be loaded ahead");
            }
        });
    }
    Ok(article)
}

/// Imports each file in turn; one failure never stops the rest.
#[tauri::command(async)]
pub fn import_files(state: State<'_, AppState>, paths: Vec<String>) -> CommandResult<Vec<ImportReport>> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    Ok(super::opening::import_paths(&state, &paths, true))
}

/// Files imported at launch (command line, "Open with"), once: the UI opens the first.
#[tauri::command(async)]
pub fn take_pending_opens(state: State<'_, AppState>) -> Vec<ImportReport> {
    state.take_pending_opens()
}

/// The page has bound its event listeners: the hand-offs that arrived before
/// (files from a second launch, a link, an article from the browser), once,
/// oldest first; later ones come as events (`deliveries.rs`).
#[tauri::command(async)]
pub fn ui_listening(state: State<'_, AppState>) -> Vec<super::deliveries::Delivery> {
    state.deliveries().start_listening()
}

/// The passage a `sidenote://` link passed at launch leads to, once; an
/// error when the link is malformed or names nothing in this library.
#[tauri::command(async)]
pub fn take_pending_link(state: State<'_, AppState>) -> CommandResult<Option<Passage>> {
    state.take_pending_link().transpose().map_err(crate::error::CommandError)
}

#[tauri::command(async)]
pub fn delete_article(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.library()?.delete_article(&id)?)
}

#[tauri::command(async)]
pub fn update_article_metadata(
    state: State<'_, AppState>,
    id: String,
    title: String,
    byline: Option<String>,
    published: Option<String>,
) -> CommandResult<Article> {
    let published = match published.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(p.parse::<PartialDate>().map_err(sidenote_core::Error::from)?),
        None => None,
    };
    Ok(state.library()?.update_article_metadata(&id, &title, byline.as_deref(), published)?)
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<serde_json::Map<String, serde_json::Value>> {
    static ANSWERED: AtomicBool = AtomicBool::new(false);
    let settings = state.library()?.all_settings()?;
    crate::startup_marks::mark_once(&ANSWERED, "settings-read");
    Ok(settings)
}

/// Remembers where the reader is in an article (a code-point offset of its text).
#[tauri::command(async)]
pub fn set_reading_position(state: State<'_, AppState>, id: String, position: u32) -> CommandResult<()> {
    Ok(state.library()?.set_reading_position(&id, position)?)
}

#[tauri::command(async)]
pub fn set_setting(state: State<'_, AppState>, key: String, value: serde_json::Value) -> CommandResult<()> {
    Ok(state.library()?.set_setting(&key, &value)?)
}
