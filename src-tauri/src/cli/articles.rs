//! `import`, `list`, `show`, `extract`.

use std::path::Path;

use clap::Args;
use sidenote_core::import::{self, Format};
use sidenote_core::Outcome;
use sidenote_core::{Library, ListQuery, SortKey};

use super::{print_json, read_input, CliError, CliResult};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files, folders or http(s) addresses to import; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Format of standard input: text, markdown or html.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    stdin_format: String,
    /// Print the stored record(s) as JSON instead of the ids.
    #[arg(long)]
    pub(super) json: bool,
    /// Seconds to wait for each of a web page's images before leaving it
    /// out (images are saved unless the library's "saveImages" setting is off).
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    image_timeout: f64,
    /// Keep web pages' images as links to their sources for this import
    /// (nothing is fetched), whatever the library's setting.
    #[arg(long)]
    no_images: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long)]
    pub(super) json: bool,
    /// Only articles matching these words (full-text search).
    #[arg(long, value_name = "WORDS", default_value = "")]
    search: String,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id (or a unique prefix of it).
    id: String,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// File to extract; `-` reads standard input.
    file: String,
    /// Format of standard input: text, markdown or html.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    stdin_format: String,
    #[arg(long)]
    pub(super) json: bool,
}

fn parse_format(s: &str) -> CliResult<Format> {
    Format::from_extension(match s {
        "text" => "txt",
        "markdown" => "md",
        other => other,
    })
    .ok_or_else(|| format!("unknown format {s:?}; use text, markdown or html").into())
}

fn load(arg: &str, stdin_format: &str) -> CliResult<import::Loaded> {
    if arg.starts_with("http://") || arg.starts_with("https://") {
        let fetched = import::fetch_url_blocking(arg, &import::FetchLimits::default())?;
        return Ok(fetched.load()?);
    }
    if arg == "-" {
        let bytes = read_input(arg)?;
        Ok(import::load_bytes("standard input", bytes, parse_format(stdin_format)?)?)
    } else {
        Ok(import::load_file(Path::new(arg))?)
    }
}

/// Folders become the importable files inside them; URLs and `-` pass through.
fn expand(files: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        if f != "-" && Path::new(f).is_dir() {
            let found = import::expand_paths(&[f.into()]);
            if found.is_empty() {
                out.push(f.clone());
            }
            out.extend(found.into_iter().map(|p| p.display().to_string()));
        } else {
            out.push(f.clone());
        }
    }
    out
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
fn progress(done: usize, total: usize) {
    use std::io::{IsTerminal, Write};
    if total < 2 || !std::io::stderr().is_terminal() {
        return;
    }
    let width = 30;
    let filled = done * width / total;
    eprint!("\r[{}{}] {done}/{total}", "#".repeat(filled), " ".repeat(width - filled));
    if done == total {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
}

pub fn import(lib: &mut Library, args: ImportArgs) -> CliResult {
    let mut failures = 0usize;
    let mut records = Vec::new();
    let files = expand(&args.files);
    let save_images = !args.no_images && lib.saves_images()?;
    if !(args.image_timeout > 0.0 && args.image_timeout <= 3600.0) {
        return Err("--image-timeout takes a number of seconds between 0 and 3600".into());
    }
    let limits = import::ImageLimits { timeout: std::time::Duration::from_secs_f64(args.image_timeout), ..Default::default() };
    for (n, file) in files.iter().enumerate() {
        progress(n, files.len());
        let outcome = load(file, &args.stdin_format).and_then(|mut l| {
            if save_images {
                import::save_web_images_blocking(&mut l, &limits);
            }
            Ok(lib.import_loaded(l)?)
        });
        match outcome {
            Ok(Outcome::Imported(article)) => {
                if args.json {
                    records.push(serde_json::to_value(&*article)?);
                } else {
                    println!("{}", article.summary.id);
                }
            }
            Ok(Outcome::Duplicate(existing)) => {
                eprintln!("sidenote: {file}: already in the library as \"{}\" ({})", existing.title, existing.id);
                if args.json {
                    let article = lib.article(&existing.id)?;
                    records.push(serde_json::to_value(&article)?);
                } else {
                    println!("{}", existing.id);
                }
            }
            // A lone file's failure is the command's one-line error.
            Err(e) if files.len() == 1 => return Err(e),
            Err(e) => {
                failures += 1;
                eprintln!("sidenote: {}", e.message());
            }
        }
    }
    progress(files.len(), files.len());
    if args.json {
        match records.len() {
            0 => {}
            1 if files.len() == 1 => print_json(&records[0])?,
            _ => print_json(&records)?,
        }
    }
    match failures {
        0 => Ok(()),
        // Each failure was printed above; the records that were imported, too.
        n => Err(CliError::Reported(format!("{n} of {} files could not be imported", files.len()))),
    }
}

pub fn list(lib: &mut Library, args: ListArgs) -> CliResult {
    let query = ListQuery { search: args.search, sort: SortKey::Imported, descending: true, ..Default::default() };
    let articles = lib.list_articles(&query)?;
    if args.json {
        return print_json(&articles);
    }
    for a in &articles {
        let published = a.published.map(|p| p.to_string()).unwrap_or_else(|| "-".into());
        println!("{}  {:<10}  {:>6} words  {:>3} highlights  {}", &a.id[..8], published, a.word_count, a.highlight_count, a.title);
    }
    Ok(())
}

pub fn show(lib: &mut Library, args: ShowArgs) -> CliResult {
    let id = lib.resolve_article_id(&args.id)?;
    let article = lib.article(&id)?;
    if args.json {
        return print_json(&article);
    }
    let s = &article.summary;
    println!("{}", s.title);
    for (label, value) in [
        ("id", Some(s.id.clone())),
        ("byline", s.byline.clone()),
        ("site", s.site.clone()),
        ("url", s.source_url.clone()),
        ("published", s.published.map(|p| p.to_string())),
        ("imported", Some(s.imported_at.clone())),
        ("words", Some(s.word_count.to_string())),
    ] {
        if let Some(v) = value {
            println!("{label:>10}: {v}");
        }
    }
    println!();
    println!("{}", article.text);
    Ok(())
}

pub fn extract(args: ExtractArgs) -> CliResult {
    let loaded = load(&args.file, &args.stdin_format)?;
    let e = &loaded.extracted;
    if args.json {
        return print_json(&serde_json::json!({
            "title": e.title,
            "byline": e.byline,
            "site": e.site,
            "published": e.published.map(|p| p.to_string()),
            "lang": e.lang,
            "dir": e.dir,
            "text": e.text,
            "html": e.html,
            "encoding": loaded.encoding,
            "removed": e.removed,
        }));
    }
    println!("{}", e.title);
    if let Some(b) = &e.byline {
        println!("by {b}");
    }
    println!();
    println!("{}", e.text);
    Ok(())
}
