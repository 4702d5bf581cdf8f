//! The headless command line. Each subcommand opens the library, calls the
//! core, prints the result, and exits non-zero with a one-line message on failure.

mod articles;
mod export;
mod highlights;
mod dates;
mod events;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sidenote_core::{store, Library};

#[derive(Debug, Parser)]
#[command(name = "sidenote", version, about = "Read articles closely: highlights, margin notes and an event timeline.")]
#[command(long_about = "Run with no subcommand to open the app (with FILEs, import and open them). Subcommands work headless, with no display.")]
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
    /// Import files (.txt, .md, .html) or standard input (`-`) into the library; prints each new id.
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
    /// Export notes as md, json, csv or html, or the timeline as timeline-csv or timeline-json (to standard output, a file, or a folder).
    Export(export::ExportArgs),
    /// Import notes from a Sidenote JSON export (full restore), a Readwise CSV or a Kindle "My Clippings.txt".
    ImportNotes(export::ImportNotesArgs),
}

/// Failure of a CLI command: printed as one line on stderr.
pub type CliResult = Result<(), String>;

pub fn run(library: Option<&Path>, command: Command) -> ExitCode {
    let result = match command {
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
        Command::Export(a) => with_library(library, |lib| export::export(lib, a)),
        Command::ImportNotes(a) => with_library(library, |lib| export::import_notes(lib, a)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sidenote: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn resolve_library_dir(library: Option<&Path>) -> Result<PathBuf, String> {
    match library {
        Some(dir) => Ok(dir.to_owned()),
        None => store::default_library_dir().map_err(|e| e.to_string()),
    }
}

fn with_library(library: Option<&Path>, f: impl FnOnce(&mut Library) -> CliResult) -> CliResult {
    let dir = resolve_library_dir(library)?;
    let mut lib = Library::open_dir(&dir).map_err(|e| e.to_string())?;
    f(&mut lib)
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value).map_err(|e| format!("cannot encode JSON: {e}"))?;
    println!("{text}");
    Ok(())
}

/// Reads a file argument, where `-` means standard input.
pub fn read_input(arg: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    if arg == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(arg).map_err(|e| format!("{arg}: {e}"))
    }
}
