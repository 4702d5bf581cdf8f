//! `sidenote open URL`: a `sidenote://` link, checked against the library
//! (malformed links and unknown ids fail here, with the reason), then opened
//! at its passage: by the app already running on this library, or a new one.

use std::path::Path;

use sidenote_core::links;

use super::{print_json, with_library, CliError, CliResult};

#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// sidenote://open/ARTICLE_ID, with #h=HIGHLIGHT_ID or #o=OFFSET for a passage.
    #[arg(value_name = "URL")]
    pub url: String,
    /// Only check the link and print where it leads (JSON), without opening the app.
    #[arg(long)]
    pub check: bool,
}

pub fn open(library: Option<&Path>, args: OpenArgs) -> CliResult {
    let mut passage = None;
    with_library(library, |lib| {
        passage = Some(links::resolve(lib, &args.url)?);
        Ok(())
    })?;
    let Some(passage) = passage else { return Err("the link was not checked".into()) };
    if args.check {
        return print_json(&passage);
    }
    // The library is closed again: the app opens its own connection.
    if crate::app::run(library, Vec::new(), Some(passage.url())) == std::process::ExitCode::SUCCESS {
        Ok(())
    } else {
        Err(CliError::Reported("the app could not open the link".into()))
    }
}
