//! Each rule in our own sentences, both ways: the mistake it must catch and
//! the legitimate text it must leave alone.

use super::super::extract;
use super::{TypoKind, WarningKind};
use crate::PartialDate;

fn date(s: &str) -> Option<PartialDate> {
    Some(s.parse().unwrap())
}

/// The kinds of warning on the event quoting `quote`.
fn kinds(text: &str, published: Option<PartialDate>, quote: &str) -> Vec<WarningKind> {
    let drafts = extract(text, published);
    let d = drafts.iter().find(|d| d.exact == quote).unwrap_or_else(|| panic!("no event {quote:?} in {drafts:?}"));
    d.warnings.iter().map(|w| w.kind).collect()
}

fn quiet(text: &str, published: Option<PartialDate>) {
    let drafts = extract(text, published);
    let warned: Vec<_> = drafts.iter().filter(|d| !d.warnings.is_empty()).collect();
    assert!(warned.is_empty(), "{warned:#?}");
}

#[test]
#[ignore = "debugging aid"]
fn debug_sentence() {
    let text = std::env::var("CHRONO_TEXT").unwrap();
    let published = std::env::var("CHRONO_PUB").ok().and_then(|p| p.parse().ok());
    for d in extract(&text, published) {
        println!("{} {:?} {:?}", d.value, d.exact, d.warnings);
    }
}
