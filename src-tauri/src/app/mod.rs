//! The desktop app: window, menus, state and the command handlers.

mod commands;
mod import_commands;
mod menu;
mod state;

use std::path::Path;
use std::process::ExitCode;

pub use state::AppState;

pub fn run(library: Option<&Path>) -> ExitCode {
    let state = AppState::open(library);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            menu::install(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::library_info,
            commands::list_articles,
            commands::get_article,
            commands::import_files,
            commands::import_text,
            commands::delete_article,
            commands::update_article_metadata,
            commands::get_settings,
            commands::set_setting,
            import_commands::import_url, import_commands::import_pasted, import_commands::redecode, import_commands::hide_paragraphs, import_commands::restore_paragraphs, import_commands::hidden_paragraphs,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sidenote: the app could not start: {e}");
            ExitCode::FAILURE
        }
    }
}
