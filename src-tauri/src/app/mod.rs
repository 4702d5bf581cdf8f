//! The desktop app: window, menus, state and the command handlers.

mod article_note_commands;
mod boot;
mod commands;
mod deliveries;
mod export_commands;
mod highlight_commands;
mod image_protocol;
mod import_commands;
mod ipc_log;
mod links;
mod memory;
mod menu;
mod opening;
mod recovery_commands;
mod single_instance;
mod state;
mod sync_commands;
mod timeline_commands;
mod vault_sync;
mod window_fit;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use tauri::{Manager, RunEvent};
use tauri_plugin_window_state::StateFlags;

pub use state::AppState;

use crate::startup_marks::{mark, mark_once};

static PAGE_STARTED: AtomicBool = AtomicBool::new(false);
static PAGE_FINISHED: AtomicBool = AtomicBool::new(false);

/// Asks the app running on the library in `dir` to show an article (in
/// front, or leaving the focus where it is); false when no app runs there.
pub fn show_article_in_running_app(dir: &Path, article_id: &str, in_front: bool) -> bool {
    single_instance::show_article(dir, article_id, !in_front)
}

/// Splits the launch arguments into files and a `sidenote://` link (the
/// desktop entry passes URLs with `%U`: a local file may come as a
/// `file://` URL, which becomes its path).
pub fn launch_arguments(args: Vec<PathBuf>) -> (Vec<PathBuf>, Option<String>) {
    let mut files = Vec::new();
    let mut link = None;
    for arg in args {
        match arg.to_str() {
            Some(s) if sidenote_core::links::is_link(s) => link = Some(s.to_owned()),
            Some(s) if s.starts_with("file://") => match tauri::Url::parse(s).ok().and_then(|u| u.to_file_path().ok()) {
                Some(path) => files.push(path),
                None => files.push(arg),
            },
            _ => files.push(arg),
        }
    }
    (files, link)
}

/// The main window (`create: false` in tauri.conf.json): made here so that
/// the launch's answers go with it (see `boot`).
fn create_main_window(app: &tauri::App) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == "main").cloned() else {
        return Err(tauri::Error::WindowNotFound);
    };
    let mut builder = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
    let answers = boot::gather(&app.state::<AppState>()).map(|b| boot::script(&b));
    mark("boot-gathered");
    match answers {
        Some(Ok(script)) => builder = builder.initialization_script(script),
        // The page asks over IPC instead: slower, same result.
        Some(Err(e)) => tracing::warn!(error = %e, "the launch's answers could not be written for the page"),
        None => {}
    }
    builder.build()?;
    Ok(())
}

/// Opens the app on `library`, importing and showing `files` (from the command
/// line or a file manager's "Open with"). If an app is already running on the
/// same library, the files go to it and this process exits.
pub fn run(library: Option<&Path>, files: Vec<PathBuf>, link: Option<String>) -> ExitCode {
    memory::limit_arenas();
    let files: Vec<PathBuf> = files.into_iter().map(|f| std::path::absolute(&f).unwrap_or(f)).collect();
    let dir = crate::library_dir::resolve(library).map_err(|e| e.payload());
    // An app already running on the library takes the files or link (no display needed for that).
    if let Ok(dir) = &dir {
        if single_instance::forward_to_running(dir, &files, link.as_deref()) {
            return ExitCode::SUCCESS;
        }
    }
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("sidenote: no display to open the app on; run it from a desktop session, or use a subcommand (sidenote --help)");
        return ExitCode::FAILURE;
    }
    mark("instance-checked");
    let state = AppState::open(dir.clone());
    mark("library-ready");
    state.queue_opens(opening::import_paths(&state, &files, false));
    if let Some(link) = &link {
        state.queue_link(link);
    }
    let listen_dir = dir.clone().ok();
    mark("builder-start");
    let built = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(links::navigation_guard())
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        )
        .manage(state)
        .register_uri_scheme_protocol(image_protocol::SCHEME, image_protocol::serve)
        .setup(move |app| {
            mark("setup-start");
            create_main_window(app)?;
            mark("window-created");
            menu::install(app)?;
            mark("menu-installed");
            vault_sync::start(app.handle());
            sync_commands::start(app.handle());
            write_daily_backup_later(app.state::<AppState>().take_due_backup());
            // After the window-state plugin restored the last size and place.
            if let Some(window) = app.get_webview_window("main") {
                // The smallest size tauri.conf.json allows the window.
                let config = app.config().app.windows.iter().find(|w| w.label == "main");
                let min = config.map_or((0.0, 0.0), |w| (w.min_width.unwrap_or(0.0), w.min_height.unwrap_or(0.0)));
                window_fit::fit_to_screen(&window, min);
            }
            if let Some(dir) = &listen_dir {
                let handle = app.handle().clone();
                single_instance::listen(dir, move |handoff| opening::open_forwarded(&handle, handoff));
            }
            mark("setup-end");
            Ok(())
        })
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => {
                // A launch or a reload: hand-offs wait until this page listens.
                webview.state::<AppState>().deliveries().stop_listening();
                mark_once(&PAGE_STARTED, "page-load-started");
            }
            tauri::webview::PageLoadEvent::Finished => mark_once(&PAGE_FINISHED, "page-load-finished"),
        })
        // Every command is counted when SIDENOTE_IPC_LOG is set (security tests).
        // The names must match the app manifest in build.rs (it reads this list).
        .invoke_handler(memory::trimming(ipc_log::counting(tauri::generate_handler![
            commands::library_info,
            commands::list_articles,
            commands::count_articles,
            commands::get_article,
            commands::import_files,
            commands::delete_article,
            commands::update_article_metadata,
            commands::get_settings,
            commands::set_setting,
            commands::set_reading_position,
            commands::take_pending_opens,
            commands::ui_listening,
            commands::take_pending_link,
            highlight_commands::list_article_highlights,
            highlight_commands::list_orphaned_highlights,
            highlight_commands::create_highlight,
            highlight_commands::update_highlight,
            highlight_commands::delete_highlight,
            highlight_commands::restore_highlight,
            highlight_commands::search_highlights,
            highlight_commands::reattach_highlight,
            highlight_commands::list_highlight_tags,
            article_note_commands::list_article_notes,
            article_note_commands::add_article_note,
            article_note_commands::update_article_note,
            article_note_commands::delete_article_note,
            article_note_commands::restore_article_note,
            export_commands::export_preview,
            export_commands::export_to_path,
            export_commands::import_notes,
            vault_sync::set_obsidian_vault,
            sync_commands::sync_overview,
            sync_commands::choose_sync_folder,
            sync_commands::rename_sync_device,
            sync_commands::sync_now,
            sync_commands::stop_sync,
            links::open_external,
            recovery_commands::library_status,
            recovery_commands::list_backups,
            recovery_commands::backup_now,
            recovery_commands::restore_backup,
            recovery_commands::start_fresh_library,
            timeline_commands::list_events,
            timeline_commands::add_event,
            timeline_commands::update_event,
            timeline_commands::set_event_hidden,
            timeline_commands::mark_warning,
            timeline_commands::timeline_overview,
            timeline_commands::timeline_density,
            timeline_commands::timeline_window,
            timeline_commands::timeline_marks,
            timeline_commands::make_timelines,
            timeline_commands::set_disagreement_verdict,
            timeline_commands::export_library_timeline,
            import_commands::import_url,
            import_commands::import_pasted,
            import_commands::redecode,
            import_commands::article_source,
            import_commands::hide_paragraphs,
            import_commands::restore_paragraphs,
            import_commands::hidden_paragraphs,
            import_commands::removed_blocks,
            import_commands::restore_removed_block,
            import_commands::load_image,
        ])))
        .build(tauri::generate_context!());
    mark("app-built");
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            eprintln!("sidenote: the app could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cleanup_dir = dir.ok();
    app.run(move |_, event| {
        if let RunEvent::Ready = event {
            mark("event-loop-ready");
        }
        if let RunEvent::Exit = event {
            if let Some(dir) = &cleanup_dir {
                single_instance::cleanup(dir);
            }
        }
    });
    ExitCode::SUCCESS
}

/// How long after launch the day's backup is written: past the first
/// window, the library's rows and the first article a person opens.
const DAILY_BACKUP_DELAY: std::time::Duration = std::time::Duration::from_secs(10);

/// Writes the day's backup on a thread of its own, after the app is up
/// (issue 24: written before the window, it delayed every first launch of a
/// day by the copy of the whole file). An app closed sooner writes it on its
/// next launch, as it is still due then.
fn write_daily_backup_later(due: Option<sidenote_core::store::DueBackup>) {
    let Some(due) = due else { return };
    let spawned = std::thread::Builder::new().name("daily-backup".into()).spawn(move || {
        std::thread::sleep(DAILY_BACKUP_DELAY);
        due.write();
    });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "the daily backup could not be started");
    }
}
