//! `sync`: sync the library with other devices through a folder that a
//! file-sync tool keeps (docs/sync.md).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use sidenote_core::sync::{self, SyncReport, SyncStatus};
use sidenote_core::Library;

use super::{print_json, CliResult};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    /// Sync through this folder (kept by Syncthing, Nextcloud, Dropbox or a network share): makes this
    /// device's subfolder in it, then runs a round. Later rounds (`sidenote sync`) use it again.
    #[arg(long, value_name = "DIR", conflicts_with = "off")]
    folder: Option<PathBuf>,
    /// This device's name, as the other devices list it (default: the host name).
    #[arg(long, value_name = "NAME", conflicts_with = "off")]
    name: Option<String>,
    /// Stop syncing this library (the folder's files stay; `--folder` starts again).
    #[arg(long)]
    off: bool,
    /// Print the round's counts as JSON: device, sent, received, articles, highlights, waiting.
    #[arg(long)]
    pub(super) json: bool,
    #[command(subcommand)]
    pub(super) command: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// This device, the folder, and the other devices seen with their names and last change times.
    Status {
        #[arg(long)]
        json: bool,
    },
}

impl SyncArgs {
    pub(super) fn wants_json(&self) -> bool {
        self.json || matches!(self.command, Some(SyncCommand::Status { json: true }))
    }
}

pub fn sync(lib: &mut Library, args: SyncArgs) -> CliResult {
    if let Some(SyncCommand::Status { json }) = args.command {
        let status = sync::status(lib)?;
        return if json { print_json(&status) } else { print_status(&status) };
    }
    if args.off {
        sync::disable(lib)?;
        println!("sync is off; the files in the sync folder stay");
        return Ok(());
    }
    if let Some(folder) = &args.folder {
        sync::enable(lib, folder, args.name.as_deref())?;
    } else if let Some(name) = &args.name {
        lib.sync_set_name(name)?;
    }
    let report = sync::round(lib)?;
    for problem in &report.problems {
        eprintln!("sidenote: skipped {problem}");
    }
    if args.json {
        print_json(&report)
    } else {
        print_report(&report)
    }
}

fn print_report(r: &SyncReport) -> CliResult {
    println!(
        "sent {} changes, received {}; {} articles and {} highlights updated; {} files waiting",
        r.sent, r.received, r.articles, r.highlights, r.waiting
    );
    Ok(())
}

fn print_status(s: &SyncStatus) -> CliResult {
    let name = s.name.as_deref().unwrap_or("");
    let device = s.device.as_deref().unwrap_or("-");
    match &s.folder {
        Some(folder) => println!("syncing through {folder} as \"{name}\" ({device})"),
        None => println!("not syncing (sidenote sync --folder DIR starts)"),
    }
    if let Some(at) = &s.last_round_at {
        println!("last round: {at}{}", s.last_error.as_ref().map(|e| format!(" (failed: {e})")).unwrap_or_default());
    }
    if s.devices.is_empty() {
        println!("no other devices seen yet");
    }
    for d in &s.devices {
        println!("{}\t{}\tlast change {}", d.name, d.device, d.last_change_at.as_deref().unwrap_or("never"));
    }
    Ok(())
}
