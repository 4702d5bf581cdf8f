//! `backup`, `backups`, `restore`, `start-fresh`, and the hidden `debug-burst`
//! the durability tests kill mid-write.

use std::io::Write;
use std::path::Path;

use clap::Args;
use sidenote_core::store::backup::{list_backups, BackupInfo};
use sidenote_core::store::recovery;
use sidenote_core::{Color, HighlightPatch, Library, NewHighlight};

use super::{print_json, CliResult};

#[derive(Debug, Args)]
pub struct BackupsArgs {
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Backup file name, as `sidenote backups` lists it. Default: the newest.
    backup: Option<String>,
}

#[derive(Debug, Args)]
pub struct BurstArgs {
    /// Article id (or unique prefix) to highlight.
    article: String,
    /// How many highlights to write.
    #[arg(long, default_value_t = 100)]
    count: u32,
    /// Also set a note on each highlight right after creating it.
    #[arg(long)]
    notes: bool,
    /// A label put in every note, to tell writers apart.
    #[arg(long, default_value = "burst")]
    tag: String,
}

pub fn backup(lib: &mut Library) -> CliResult {
    let path = lib.backup_now()?;
    println!("{}", path.display());
    Ok(())
}

pub fn check(lib: &mut Library) -> CliResult {
    let problems = lib.integrity_problems()?;
    if problems.is_empty() {
        println!("ok");
        return Ok(());
    }
    for p in &problems {
        println!("{p}");
    }
    Err(format!(
        "the library {} is damaged ({} problems); `sidenote restore` brings back the newest backup",
        lib.path().display(),
        problems.len()
    )
    .into())
}

pub fn backups(dir: &Path, args: BackupsArgs) -> CliResult {
    let all = list_backups(dir)?;
    if args.json {
        return print_json(&all);
    }
    if all.is_empty() {
        println!("no backups yet in {}", sidenote_core::store::backup::backups_dir(dir).display());
    }
    for b in &all {
        println!("{}", line(b));
    }
    Ok(())
}

fn line(b: &BackupInfo) -> String {
    let counts = match (b.article_count, b.highlight_count) {
        (Some(a), Some(h)) => format!("{a} articles, {h} highlights"),
        _ => "unreadable".to_owned(),
    };
    format!("{}  {:<20}  {:>9}  {}  {}", b.created_at, b.reason, human_size(b.size), counts, b.name)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} kB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// Restores a backup, refusing while the app has this library open: the app
/// holds its own view of the data and would keep showing (and saving) it.
pub fn restore(dir: &Path, args: RestoreArgs) -> CliResult {
    if crate::library_dir::in_use_by_app(dir) {
        return Err(format!(
            "the Sidenote app has the library {} open; quit it first, or use File → Restore from Backup… in the app",
            dir.display()
        )
        .into());
    }
    let report = recovery::restore_backup(dir, args.backup.as_deref())?;
    println!("restored {} ({})", report.restored.name, report.restored.created_at);
    if let Some(previous) = report.previous_kept_as {
        println!("the library it replaced is kept as {previous}");
    }
    Ok(())
}

pub fn start_fresh(dir: &Path) -> CliResult {
    if crate::library_dir::in_use_by_app(dir) {
        return Err(format!("the Sidenote app has the library {} open; quit it first", dir.display()).into());
    }
    let (_, aside) = recovery::start_fresh(dir)?;
    match aside {
        Some(path) => println!("started a new library in {}; the old file is kept as {}", dir.display(), path.display()),
        None => println!("started a new library in {}", dir.display()),
    }
    Ok(())
}

/// Writes `count` highlights (and notes), printing `h <id>` / `n <id> <seq>`
/// on stdout, flushed, only after each write has committed: every printed
/// line is a write the library acknowledged.
pub fn burst(lib: &mut Library, args: BurstArgs) -> CliResult {
    let article = lib.resolve_article_id(&args.article)?;
    let text = lib.article(&article)?.text;
    let words = word_spans(&text);
    if words.is_empty() {
        return Err("the article has no words to highlight".into());
    }
    let mut out = std::io::stdout().lock();
    let colors = [Color::Yellow, Color::Green, Color::Blue, Color::Pink, Color::Purple];
    for i in 0..args.count {
        let (start, end) = words[i as usize % words.len()];
        let new = NewHighlight {
            article_id: article.clone(),
            start,
            end,
            color: colors[i as usize % colors.len()],
            note: String::new(),
            tags: vec![],
        };
        let h = lib.create_highlight(&new)?;
        writeln!(out, "h {}", h.id).and_then(|()| out.flush())?;
        if args.notes {
            let patch = HighlightPatch { note: Some(format!("{} note {i}", args.tag)), ..Default::default() };
            lib.update_highlight(&h.id, &patch)?;
            writeln!(out, "n {} {i}", h.id).and_then(|()| out.flush())?;
        }
    }
    Ok(())
}

/// (start, end) of each word, in code points.
fn word_spans(text: &str) -> Vec<(u32, u32)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i as u32),
            (false, Some(s)) => {
                spans.push((s, i as u32));
                start = None;
            }
            _ => {}
        }
    }
    spans
}
