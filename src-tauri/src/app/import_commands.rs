//! Tauri commands for importing by address, pasting, re-decoding and hiding
//! paragraphs.

use sidenote_core::import::{self, FetchLimits, HiddenRange, ImageLimits, SourceInfo};
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
    // The page's images are fetched before the library is locked, a few at a time.
    let loaded = match loaded {
        Ok(mut l) => {
            if state.library()?.saves_images()? {
                import::save_web_images(&mut l, &ImageLimits::default()).await;
            }
            Ok(l)
        }
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
        Ok(mut l) => {
            if state.library()?.saves_images()? {
                import::save_web_images_blocking(&mut l, &ImageLimits::default());
            }
            state.library()?.import_loaded(l)
        }
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

/// Fetches one image an article could not save at import ("Load from
/// <site>") and stores it with the article; only an address the article's
/// placeholders name is fetched. Returns the article as it now is.
#[tauri::command]
pub async fn load_image(state: State<'_, AppState>, id: String, url: String) -> CommandResult<Article> {
    let named = state.library()?.article(&id)?.html.contains(&format!("data-remote=\"{}\"", escape_attr(&url)));
    if !named {
        return Err(sidenote_core::Error::NotFound { what: "image", id: url }.into());
    }
    let image = import::fetch_one_image(&url, &ImageLimits::default())
        .await
        .map_err(|reason| sidenote_core::Error::Fetch { what: url.clone(), reason })?;
    let mut lib = state.library()?;
    lib.store_requested_image(&id, &url, &image)?;
    Ok(lib.article(&id)?)
}

/// An attribute value as the importer writes it.
fn escape_attr(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Puts a removed block back into the article at its place; returns the
/// article as it now is. The block's pictures are fetched first (when the
/// library saves images), with the import's limits and without holding the
/// library, so the block looks as it did on the page.
#[tauri::command]
pub async fn restore_removed_block(state: State<'_, AppState>, id: String, seq: u32) -> CommandResult<Article> {
    let (block, saving) = {
        let lib = state.library()?;
        let block = lib.removed_blocks(&id)?.into_iter().find(|b| b.seq == seq).map(|b| b.html);
        (block, lib.saves_images()?)
    };
    let fetched = match block {
        Some(html) if saving => import::fetch_images_in(&html, &ImageLimits::default()).await,
        _ => import::FetchedImages::new(),
    };
    Ok(state.library()?.restore_removed_block_with_images(&id, seq, &fetched)?)
}
