//! `dates`: the temporal expressions of a file, as the tagger finds them.

use clap::Args;
use sidenote_core::timex::{self, Reference};
use sidenote_core::PartialDate;

use super::{print_json, read_input, CliResult};

#[derive(Debug, Args)]
pub struct DatesArgs {
    /// File to tag, read as given (no cleaning); `-` reads standard input.
    file: String,
    /// Published date (YYYY, YYYY-MM or YYYY-MM-DD) that anchors "last year", "Friday"...
    /// Without it the text is read in narrative mode: relative dates count from
    /// the text's own dates, never from today's.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(serde::Serialize)]
struct Expression<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_end: Option<&'a str>,
}

pub fn dates(a: DatesArgs) -> CliResult {
    let bytes = read_input(&a.file)?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", a.file))?;
    let reference = match a.published.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(Reference::from_partial(&p.parse::<PartialDate>()?)),
        None => None,
    };
    // Named events that are no temporal expressions ("World War II") date
    // the timeline's events but are not TIMEX3 expressions.
    let found: Vec<_> = timex::tag_with(&text, reference).into_iter().filter(|t| !t.event_name).collect();
    if a.json {
        let expressions: Vec<Expression> = found
            .iter()
            .map(|t| Expression {
                start: t.start,
                end: t.end,
                text: &t.text,
                kind: t.kind.as_str(),
                value: &t.value,
                value_end: t.value_end.as_deref(),
            })
            .collect();
        return print_json(&serde_json::json!({ "expressions": expressions }));
    }
    for t in &found {
        let range = t.value_end.as_deref().map(|e| format!(" – {e}")).unwrap_or_default();
        println!("{}\t{}\t{}{}\t{}", t.start, t.kind.as_str(), t.value, range, t.text);
    }
    Ok(())
}
