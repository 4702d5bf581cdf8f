//! The pattern that tags a named event in the text ("9/11", "World War II")
//! with its date from the named-events file. Apart from `named`, which only
//! reads the file and finds the names, so that the scanner can use those
//! finds without importing a pattern.

use super::named::NamedEvent;
use super::scan::{Ctx, Hit};
use super::TimexKind;

pub fn named_event(ctx: &Ctx, i: usize) -> Option<Hit> {
    // "to avoid an Orange Revolution in Russia": an indefinite article makes
    // the name a kind of event, not the dated one.
    if i > 0 && matches!(ctx.toks[i - 1].lower, "a" | "an" | "another") {
        return None;
    }
    let from = ctx.named.partition_point(|m| m.start < i);
    let (end, ev) = ctx.named[from..].iter().take_while(|m| m.start == i).fold(None, |best: Option<(usize, &NamedEvent)>, m| {
        if best.is_none_or(|(e, _)| m.end > e) {
            Some((m.end, m.event))
        } else {
            best
        }
    })?;
    let mut h = Hit::new(end, TimexKind::Date, ev.value.clone()).explicit();
    h.event_name = !ev.date_name;
    h.value_end = ev.value_end.clone();
    h.anchor = ev.anchor();
    Some(h)
}
