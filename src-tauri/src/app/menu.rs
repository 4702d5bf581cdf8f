//! The native menu bar. Each item's id is sent to the UI as a `menu` event,
//! which runs the same action as the matching button or shortcut.

use sidenote_core::store::SAVE_IMAGES;
use tauri::menu::{
    AboutMetadataBuilder, CheckMenuItem, CheckMenuItemBuilder, MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder,
};
use tauri::{App, AppHandle, Emitter, Manager};

use super::AppState;

/// The File menu's check item for the library's "saveImages" setting.
const SAVE_IMAGES_ITEM: &str = "save-images";

pub fn install(app: &mut App) -> tauri::Result<()> {
    let item = |id: &str, label: &str, accel: Option<&str>| {
        let b = MenuItemBuilder::with_id(id, label);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };
    let saving = app.state::<AppState>().library().ok().and_then(|lib| lib.saves_images().ok()).unwrap_or(true);
    let save_images = CheckMenuItemBuilder::with_id(SAVE_IMAGES_ITEM, "Save Images with New Articles").checked(saving).build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("import", "Import…", Some("CmdOrCtrl+O"))?)
        .item(&item("open-url", "Open URL…", Some("CmdOrCtrl+L"))?)
        .item(&item("paste-article", "New Article from Clipboard", Some("CmdOrCtrl+Shift+V"))?)
        .item(&save_images)
        .separator()
        .item(&item("export", "Export…", Some("CmdOrCtrl+E"))?)
        .item(&item("import-notes", "Import Notes…", None)?)
        .item(&item("restore-backup", "Restore from Backup…", None)?)
        .item(&item("sync", "Sync…", None)?)
        .separator()
        .item(&item("show-library", "Library", Some("CmdOrCtrl+1"))?)
        .item(&item("show-highlights", "Highlights", Some("CmdOrCtrl+2"))?)
        .item(&item("show-timeline", "Timeline", Some("CmdOrCtrl+3"))?)
        .separator()
        .item(&PredefinedMenuItem::close_window(app, Some("Close Window"))?)
        .item(&PredefinedMenuItem::quit(app, Some("Quit Sidenote"))?)
        .build()?;
    // Undo/Redo are our own items: in a note editor they undo typing, in the
    // reader they undo highlight and note changes (the UI decides).
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo", Some("CmdOrCtrl+Z"))?)
        .item(&item("redo", "Redo", Some("CmdOrCtrl+Shift+Z"))?)
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .separator()
        .item(&item("find", "Find in Library", Some("CmdOrCtrl+F"))?)
        .item(&item("edit-metadata", "Edit Article Details…", None)?)
        .build()?;
    let theme = SubmenuBuilder::new(app, "Theme")
        .item(&item("theme-light", "Light", None)?)
        .item(&item("theme-sepia", "Sepia", None)?)
        .item(&item("theme-dark", "Dark", None)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&theme)
        .separator()
        .item(&item("font-larger", "Larger Text", Some("CmdOrCtrl+="))?)
        .item(&item("font-smaller", "Smaller Text", Some("CmdOrCtrl+-"))?)
        .item(&item("font-reset", "Actual Size", Some("CmdOrCtrl+0"))?)
        .separator()
        .item(&item("toggle-timeline", "Show or Hide Timeline", Some("CmdOrCtrl+Shift+T"))?)
        .build()?;
    let about = AboutMetadataBuilder::new()
        .name(Some("Sidenote"))
        .version(Some(env!("CARGO_PKG_VERSION")))
        .comments(Some("Read articles closely."))
        .license(Some("MIT"))
        .build();
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("shortcuts", "Keyboard Shortcuts", Some("F1"))?)
        .separator()
        .item(&PredefinedMenuItem::about(app, Some("About Sidenote"), Some(about))?)
        .build()?;
    let menu = MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()?;
    app.set_menu(menu)?;
    app.on_menu_event(move |app, event| {
        let id = event.id().as_ref().to_owned();
        if id == SAVE_IMAGES_ITEM {
            save_images_toggled(app, &save_images);
        }
        if let Err(e) = app.emit("menu", id) {
            tracing::warn!(error = %e, "menu event not delivered");
        }
    });
    Ok(())
}

/// The check item was clicked (it has toggled itself): the setting follows
/// it, and on failure the item goes back to what the library says.
fn save_images_toggled(app: &AppHandle, item: &CheckMenuItem<tauri::Wry>) {
    let on = item.is_checked().unwrap_or(true);
    let state = app.state::<AppState>();
    let saved = state.library().map_err(|e| e.0.message).and_then(|mut lib| {
        lib.set_setting(SAVE_IMAGES, &serde_json::json!(on)).map_err(|e| e.to_string())?;
        lib.saves_images().map_err(|e| e.to_string())
    });
    match saved {
        Ok(now) if now == on => {}
        Ok(now) => {
            let _ = item.set_checked(now);
        }
        Err(message) => {
            tracing::warn!(%message, "the image-saving setting could not be saved");
            let _ = item.set_checked(!on);
        }
    }
}
