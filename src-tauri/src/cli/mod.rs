//! The headless command line. Each subcommand opens the library, calls the
//! core, prints the result, and exits non-zero with a one-line message on failure.

mod articles;
mod backups;
mod browser;
mod dates;
mod events;
mod export;
mod highlights;
mod open;
mod sync;
mod timeline;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sidenote_core::{ErrorDetail, ErrorPayload, Library};

#[derive(Debug, Parser)]
#[command(name = "sidenote", version, about = "Read articles closely: highlights, margin notes and an event timeline.")]
#[command(
    long_about = "Run with no subcommand to open the app (with FILEs, import and open them). Subcommands work headless, with no display."
)]
#[command(subcommand_precedence_over_arg = true)]
pub struct Args {
    /// Folder holding the library (library.sqlite3). Default: the platform data folder.
    #[arg(long, global = true, env = "SIDENOTE_LIBRARY", value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Files to import and open in the app (what "Open with Sidenote" passes).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app at a passage: sidenote://open/ARTICLE_ID#h=HIGHLIGHT_ID (or #o=OFFSET), as exports and "Copy link to highlight" write them.
    Open(open::OpenArgs),
    /// Import files (.txt, .md, .html, .epub books) or standard input (`-`) into the library; prints each new id.
    Import(articles::ImportArgs),
    /// List the articles in the library.
    List(articles::ListArgs),
    /// Show an article's metadata and plain text.
    Show(articles::ShowArgs),
    /// Run the importer's extraction on a file and print the result without storing it.
    Extract(articles::ExtractArgs),
    /// Highlight a quote in an article; prints the new highlight's id.
    Highlight(highlights::HighlightArgs),
    /// List an article's highlights, or the whole library's.
    Highlights(highlights::HighlightsArgs),
    /// Set (or clear, with "") a highlight's note.
    Note(highlights::NoteArgs),
    /// Delete a highlight.
    Unhighlight(highlights::UnhighlightArgs),
    /// Print the temporal expressions of a file (TIMEX3 values), offsets in code points.
    Dates(dates::DatesArgs),
    /// The timeline of an article (by id) or of a file: dated events, labels and warnings.
    Events(events::EventsArgs),
    /// The events of the whole library (or of a tag, a search, a date range) in date order, and where articles disagree.
    Timeline(timeline::TimelineArgs),
    /// Export notes as md, json, csv or html, or the timeline as timeline-csv or timeline-json (to standard output, a file, or a folder).
    Export(export::ExportArgs),
    /// Import notes from a Sidenote JSON export (full restore), Hypothesis annotations (JSON), an Omnivore export (zip), a Readwise CSV or a Kindle "My Clippings.txt"; the format is read from the content.
    ImportNotes(export::ImportNotesArgs),
    /// Back up the library now (into <library>/backups/); prints the backup's path.
    Backup,
    /// List the library's backups, newest first: time, reason, size, counts, name.
    Backups(backups::BackupsArgs),
    /// Replace the library with a backup (the newest by default); the current library is kept as a backup first.
    Restore(backups::RestoreArgs),
    /// Check the library file for damage (SQLite's integrity check); prints "ok" or the problems.
    Check,
    /// Move a damaged library file aside (as library.sqlite3.corrupt-<time>) and start an empty library.
    StartFresh,
    /// Let the browser extension reach this Sidenote: write per-user native-messaging manifests for Firefox, Chromium and Chrome, and say where.
    BrowserSetup(browser::BrowserSetupArgs),
    /// Sync with other devices through a folder (--folder DIR sets it and syncs; alone, one round; --off stops; `status` lists devices).
    Sync(sync::SyncArgs),
    /// Testing aid: write highlights (and notes) in a loop, printing each acknowledged write.
    #[command(hide = true)]
    DebugBurst(backups::BurstArgs),
}

/// Why a CLI command failed: printed as one line (or a few) on stderr, and,
/// for a command run with `--json`, also as `{"error": {kind, message, data}}`
/// on stdout so that programs get the kind and its data.
#[derive(Debug)]
pub enum CliError {
    /// A failure from the core, with what the person can do about it (if more than its message says).
    Core { error: sidenote_core::Error, hint: Option<String> },
    /// A failure of the command line itself: a bad flag value, standard
    /// input that is not text, output that could not be written.
    Cli(String),
    /// Already reported piece by piece (a batch import's failures): no JSON
    /// error after the records the command printed.
    Reported(String),
}

impl CliError {
    pub fn hinted(error: sidenote_core::Error, hint: impl Into<String>) -> Self {
        CliError::Core { error, hint: Some(hint.into()) }
    }

    pub fn message(&self) -> String {
        match self {
            CliError::Core { error, hint: Some(hint) } => format!("{error}{hint}"),
            CliError::Core { error, hint: None } => error.to_string(),
            CliError::Cli(m) | CliError::Reported(m) => m.clone(),
        }
    }

    /// The error as `--json` prints it; `None` when it was already reported.
    pub fn payload(&self) -> Option<ErrorPayload> {
        match self {
            CliError::Core { error, .. } => Some(ErrorPayload { detail: error.detail(), message: self.message() }),
            CliError::Cli(message) => Some(ErrorPayload { detail: ErrorDetail::Invalid, message: message.clone() }),
            CliError::Reported(_) => None,
        }
    }
}

impl From<sidenote_core::Error> for CliError {
    /// An ambiguous id prefix lists what it matched, so the person can pick.
    fn from(error: sidenote_core::Error) -> Self {
        let hint = candidates_hint(&error, None);
        CliError::Core { error, hint }
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::Cli(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> Self {
        CliError::Cli(message.to_owned())
    }
}

impl From<sidenote_core::timex::BadDate> for CliError {
    fn from(e: sidenote_core::timex::BadDate) -> Self {
        sidenote_core::Error::from(e).into()
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Cli(format!("cannot encode JSON: {e}"))
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Cli(format!("cannot write the output: {e}"))
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl Command {
    /// Whether the command was asked for JSON output (and so gets its error as JSON too).
    fn json(&self) -> bool {
        match self {
            Command::Import(a) => a.json,
            Command::List(a) => a.json,
            Command::Show(a) => a.json,
            Command::Extract(a) => a.json,
            Command::Highlights(a) => a.json,
            Command::Dates(a) => a.json,
            Command::Events(a) => a.json,
            Command::Timeline(a) => a.json,
            Command::Backups(a) => a.json,
            Command::Open(a) => a.check,
            Command::Sync(a) => a.wants_json(),
            // import-notes always prints its report as JSON.
            Command::ImportNotes(_) => true,
            Command::Highlight(_)
            | Command::Note(_)
            | Command::Unhighlight(_)
            | Command::Export(_)
            | Command::Backup
            | Command::Check
            | Command::Restore(_)
            | Command::StartFresh
            | Command::BrowserSetup(_)
            | Command::DebugBurst(_) => false,
        }
    }
}

pub fn run(library: Option<&Path>, command: Command) -> ExitCode {
    let json = command.json();
    let result = match command {
        Command::Open(a) => open::open(library, a),
        Command::Import(a) => with_library(library, |lib| articles::import(lib, a)),
        Command::List(a) => with_library(library, |lib| articles::list(lib, a)),
        Command::Show(a) => with_library(library, |lib| articles::show(lib, a)),
        Command::Extract(a) => articles::extract(a),
        Command::Highlight(a) => with_library(library, |lib| highlights::highlight(lib, a)),
        Command::Highlights(a) => with_library(library, |lib| highlights::highlights(lib, a)),
        Command::Note(a) => with_library(library, |lib| highlights::note(lib, a)),
        Command::Unhighlight(a) => with_library(library, |lib| highlights::unhighlight(lib, a)),
        Command::Dates(a) => dates::dates(a),
        Command::Events(a) => events::events(library, a),
        Command::Timeline(a) => with_library(library, |lib| timeline::timeline(lib, a)),
        Command::Export(a) => with_library(library, |lib| export::export(lib, a)),
        Command::ImportNotes(a) => with_library(library, |lib| export::import_notes(lib, a)),
        Command::Backup => with_library(library, backups::backup),
        Command::Check => with_library(library, backups::check),
        Command::Backups(a) => resolve_library_dir(library).and_then(|dir| backups::backups(&dir, a)),
        Command::Restore(a) => resolve_library_dir(library).and_then(|dir| backups::restore(&dir, a)),
        Command::StartFresh => resolve_library_dir(library).and_then(|dir| backups::start_fresh(&dir)),
        Command::BrowserSetup(a) => browser::browser_setup(library, a),
        Command::DebugBurst(a) => with_library(library, |lib| backups::burst(lib, a)),
        Command::Sync(a) => with_library(library, |lib| sync::sync(lib, a)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sidenote: {}", e.message());
            if let Some(payload) = e.payload().filter(|_| json) {
                // Printing can only fail on a closed pipe, which nobody reads then.
                #[derive(serde::Serialize)]
                struct Failed {
                    error: ErrorPayload,
                }
                let _ = print_json(&Failed { error: payload });
            }
            ExitCode::FAILURE
        }
    }
}

pub fn resolve_library_dir(library: Option<&Path>) -> CliResult<PathBuf> {
    Ok(crate::library_dir::resolve(library)?)
}

fn with_library(library: Option<&Path>, f: impl FnOnce(&mut Library) -> CliResult) -> CliResult {
    let dir = resolve_library_dir(library)?;
    let mut lib = Library::open_dir(&dir).map_err(|e| open_failure(&dir, e))?;
    // A library that syncs records every change for the other devices.
    sidenote_core::sync::attach(&mut lib)?;
    f(&mut lib)
}

/// Why the library did not open, and what the person can do about it.
fn open_failure(dir: &Path, e: sidenote_core::Error) -> CliError {
    use sidenote_core::ErrorKind;
    match e.kind() {
        ErrorKind::Corrupt | ErrorKind::Unreadable => {
            let newest = match sidenote_core::store::backup::list_backups(dir) {
                Ok(all) => match all.first() {
                    Some(b) => format!("the newest backup is {} ({})", b.name, b.created_at),
                    None => "there are no backups of this library".to_owned(),
                },
                Err(e) => format!("the backups could not be listed: {e}"),
            };
            CliError::hinted(
                e,
                format!(
                    "\n  {newest}\n  to restore the newest backup: sidenote restore\n  to start an empty library (the bad file is kept as library.sqlite3.corrupt-<time>): sidenote start-fresh"
                ),
            )
        }
        ErrorKind::NewerLibrary => CliError::hinted(e, "\n  open it with the newer Sidenote that wrote it"),
        _ => e.into(),
    }
}

/// For an id prefix (or quote) that matched several records: the candidates,
/// one per line, after the message.
pub fn candidates_hint(e: &sidenote_core::Error, flag: Option<&str>) -> Option<String> {
    let sidenote_core::Error::Ambiguous { candidates, .. } = e else { return None };
    let mut hint = flag.map(|f| format!(" with {f}")).unwrap_or_default();
    for c in candidates {
        hint.push_str(&format!("\n  {}  {}", c.id, c.label));
    }
    Some(hint)
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value).map_err(|e| format!("cannot encode JSON: {e}"))?;
    println!("{text}");
    Ok(())
}

/// Reads a file argument, where `-` means standard input.
pub fn read_input(arg: &str) -> CliResult<Vec<u8>> {
    use std::io::Read;
    if arg == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(arg).map_err(|e| sidenote_core::Error::Unreadable { path: arg.to_owned(), reason: e.to_string() }.into())
    }
}
