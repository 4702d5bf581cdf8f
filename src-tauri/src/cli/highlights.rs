//! `highlight`, `highlights`, `note`, `unhighlight`.

use clap::Args;
use sidenote_core::{Color, Highlight, HighlightFilter, HighlightPatch, Library};

use super::{candidates_hint, print_json, CliError, CliResult};

#[derive(Debug, Args)]
pub struct HighlightArgs {
    /// Article id (or a unique prefix of it).
    id: String,
    /// The exact text to highlight, as `sidenote show` prints it.
    #[arg(long, value_name = "TEXT")]
    quote: String,
    /// Which copy of the quote to highlight, counted from 1, when it occurs more than once.
    #[arg(long, value_name = "N")]
    occurrence: Option<u32>,
    /// A note (Markdown) to attach.
    #[arg(long, value_name = "TEXT", default_value = "")]
    note: String,
    /// yellow, green, blue, pink or purple.
    #[arg(long, default_value = "yellow", value_parser = parse_color)]
    color: Color,
    /// A tag; repeat for several.
    #[arg(long = "tag", value_name = "T")]
    tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct HighlightsArgs {
    /// Only this article's highlights (id or unique prefix), in text order; default: the whole library, newest first.
    id: Option<String>,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Highlight id (or a unique prefix of it).
    highlight_id: String,
    /// The note (Markdown); an empty string removes it.
    text: String,
}

#[derive(Debug, Args)]
pub struct UnhighlightArgs {
    /// Highlight id (or a unique prefix of it).
    highlight_id: String,
}

fn parse_color(s: &str) -> Result<Color, String> {
    s.parse().map_err(|e: sidenote_core::Error| e.to_string())
}

pub fn highlight(lib: &mut Library, args: HighlightArgs) -> CliResult {
    let article = lib.resolve_article_id(&args.id)?;
    let created =
        lib.create_highlight_from_quote(&article, &args.quote, args.occurrence, args.color, &args.note, &args.tags).map_err(|e| {
            match candidates_hint(&e, Some("--occurrence N")) {
                Some(hint) => CliError::hinted(e, hint),
                None => e.into(),
            }
        })?;
    println!("{}", created.id);
    Ok(())
}

pub fn highlights(lib: &mut Library, args: HighlightsArgs) -> CliResult {
    match args.id {
        Some(id) => {
            let article = lib.resolve_article_id(&id)?;
            let mut all = lib.article_highlights(&article)?;
            all.extend(lib.orphaned_highlights(&article)?);
            if args.json {
                return print_json(&all);
            }
            for h in &all {
                println!("{}", line(h));
            }
        }
        None => {
            let all = lib.list_highlights(&HighlightFilter { include_orphans: true, ..Default::default() })?;
            if args.json {
                return print_json(&all);
            }
            for h in &all {
                println!("{}  ({})", line(&h.highlight), h.article_title);
            }
        }
    }
    Ok(())
}

/// One highlight as a line: short id, color, span, quote, tags and note.
fn line(h: &Highlight) -> String {
    let mut out = format!("{}  {:<6}  {:>6}-{:<6}  \"{}\"", &h.id[..8.min(h.id.len())], h.color, h.start, h.end, shorten(&h.exact, 60));
    if h.orphaned {
        out.push_str("  [orphaned]");
    }
    if !h.tags.is_empty() {
        out.push_str(&format!("  #{}", h.tags.join(" #")));
    }
    if !h.note.is_empty() {
        out.push_str(&format!("  note: {}", shorten(&h.note, 60)));
    }
    out
}

/// The text on one line, cut to `max` characters.
fn shorten(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max - 1).collect::<String>())
    }
}

pub fn note(lib: &mut Library, args: NoteArgs) -> CliResult {
    let id = lib.resolve_highlight_id(&args.highlight_id)?;
    let patch = HighlightPatch { note: Some(args.text), ..Default::default() };
    lib.update_highlight(&id, &patch)?;
    Ok(())
}

pub fn unhighlight(lib: &mut Library, args: UnhighlightArgs) -> CliResult {
    let id = lib.resolve_highlight_id(&args.highlight_id)?;
    Ok(lib.delete_highlight(&id)?)
}
