//! `export` and `import-notes`.

use std::path::PathBuf;

use clap::Args;
use sidenote_core::export::images::ExportImages;
use sidenote_core::export::{self, ExportFormat};
use sidenote_core::notes_import;
use sidenote_core::Library;

use super::{print_json, CliResult};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Articles to export (ids or unique prefixes); default: the whole library.
    ids: Vec<String>,
    /// md, json, csv, html, timeline-csv, timeline-json, or obsidian (a vault folder kept in step: see --out).
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// A file to write, or an existing folder (one file per article for md and html;
    /// sidenote-notes.EXT or sidenote-timeline.EXT otherwise). Default: standard output.
    /// For obsidian, the vault folder (created if missing): one note per article,
    /// updated in place at each export, your own writing around Sidenote's section kept.
    #[arg(long, value_name = "FILE|DIR")]
    out: Option<PathBuf>,
    /// Pictures held by highlights (md and html): `copy` into an images/ folder
    /// beside the export, or `link` to their sources. Standard output always links.
    #[arg(long, value_name = "copy|link", default_value = "copy", value_parser = parse_images)]
    images: ExportImages,
}

fn parse_images(s: &str) -> Result<ExportImages, String> {
    match s {
        "copy" => Ok(ExportImages::Copy),
        "link" => Ok(ExportImages::Link),
        other => Err(format!("unknown value {other:?}; use copy or link")),
    }
}

#[derive(Debug, Args)]
pub struct ImportNotesArgs {
    /// A Sidenote JSON export, a Readwise CSV or a Kindle "My Clippings.txt" (recognised by content).
    file: PathBuf,
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Document(ExportFormat),
    Obsidian,
}

fn parse_format(s: &str) -> Result<Format, String> {
    if s.trim().eq_ignore_ascii_case("obsidian") {
        return Ok(Format::Obsidian);
    }
    s.parse().map(Format::Document).map_err(|e: sidenote_core::Error| format!("{e} (or obsidian, for a vault folder)"))
}

pub fn export(lib: &mut Library, args: ExportArgs) -> CliResult {
    let images = if args.out.is_some() { args.images } else { ExportImages::Link };
    let notes = export::collect_with(lib, &args.ids, images)?;
    let format = match args.format {
        Format::Document(f) => f,
        Format::Obsidian => {
            let Some(dir) = args.out else {
                return Err("--format obsidian writes a vault folder: give it with --out VAULT_DIR".into());
            };
            let report = export::obsidian::export_vault(lib, &notes, &dir)?;
            print_json(&report)?;
            return if report.skipped.is_empty() {
                Ok(())
            } else {
                Err(super::CliError::Reported(format!("{} note(s) were left alone; the report says why", report.skipped.len())))
            };
        }
    };
    match args.out {
        None => {
            let text = export::render(&notes, format)?;
            print!("{text}");
        }
        Some(path) => {
            let written = export::output::write_export(&notes, format, &path)?;
            if path.is_dir() {
                for file in written {
                    println!("{}", file.display());
                }
            }
        }
    }
    Ok(())
}

pub fn import_notes(lib: &mut Library, args: ImportNotesArgs) -> CliResult {
    let report = notes_import::import_notes_file(lib, &args.file)?;
    print_json(&report)
}
