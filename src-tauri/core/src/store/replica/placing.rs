//! Where a synced record lands on the text a device has: a highlight or an
//! event made on this text stays where it was while it still quotes it;
//! one made on another text is found again as re-anchoring finds it, so
//! every device makes the same rows from the same documents.

use super::{words_hash, ReplicaEvent, ReplicaHidden, ReplicaHighlight};
use crate::anchor::{Selector, Text, TextPosition, TextQuote};
use crate::import::paragraph_ranges;

fn selector(start: u32, end: u32, exact: &str, prefix: &str, suffix: &str) -> Selector {
    Selector {
        position: TextPosition { start, end },
        quote: TextQuote { exact: exact.to_owned(), prefix: prefix.to_owned(), suffix: suffix.to_owned() },
    }
}

/// Where each of `spans` (a selector, the hash of the text it was made on,
/// and whether it is an orphan there) is on `text` (hash `hash`): the same
/// span when it was made on this text and still quotes it (or is an orphan
/// of it); otherwise found again as re-anchoring finds it, all of them
/// together in their order (`None`: an orphan).
fn place_all(text: &Text<'_>, hash: &str, spans: &[(Selector, &str, bool)]) -> Vec<Option<Selector>> {
    let mut out: Vec<Option<Option<Selector>>> = spans
        .iter()
        .map(|(s, anchored_to, orphaned)| {
            if *anchored_to != hash {
                return None;
            }
            if *orphaned {
                return Some(None);
            }
            let (start, end) = (s.position.start as usize, s.position.end as usize);
            (start < end && end <= text.len() && text.slice(start, end) == s.quote.exact).then(|| Some(s.clone()))
        })
        .collect();
    let lost: Vec<usize> = (0..spans.len()).filter(|&i| out[i].is_none()).collect();
    let selectors: Vec<Selector> = lost.iter().map(|&i| spans[i].0.clone()).collect();
    for (i, found) in lost.into_iter().zip(text.anchor_all(&selectors)) {
        out[i] = Some(found.and_then(|a| text.describe(a.position.start, a.position.end).ok()));
    }
    out.into_iter().map(Option::flatten).collect()
}

/// A synced record with a span: what placing reads and sets. Highlights and
/// events keep the same span fields under different names of their own.
trait Placed: Clone {
    fn id(&self) -> &str;
    /// The span's selector, the hash of the text it was made on, and whether
    /// it is an orphan there.
    fn span(&self) -> (Selector, &str, bool);
    /// Puts the record on the text `hash` at `found` (`None`: an orphan).
    fn set_place(&mut self, hash: &str, found: Option<Selector>);
}

impl Placed for ReplicaHighlight {
    fn id(&self) -> &str {
        &self.highlight.id
    }

    fn span(&self) -> (Selector, &str, bool) {
        let h = &self.highlight;
        (selector(h.start, h.end, &h.exact, &h.prefix, &h.suffix), &self.anchored_to, h.orphaned)
    }

    fn set_place(&mut self, hash: &str, found: Option<Selector>) {
        hash.clone_into(&mut self.anchored_to);
        let h = &mut self.highlight;
        h.orphaned = found.is_none();
        if let Some(s) = found {
            (h.start, h.end) = (s.position.start, s.position.end);
            (h.exact, h.prefix, h.suffix) = (s.quote.exact, s.quote.prefix, s.quote.suffix);
        }
    }
}

impl Placed for ReplicaEvent {
    fn id(&self) -> &str {
        &self.event.id
    }

    fn span(&self) -> (Selector, &str, bool) {
        let e = &self.event;
        (selector(e.start, e.end, &e.exact, &e.prefix, &e.suffix), &self.anchored_to, e.orphaned)
    }

    fn set_place(&mut self, hash: &str, found: Option<Selector>) {
        hash.clone_into(&mut self.anchored_to);
        let e = &mut self.event;
        e.orphaned = found.is_none();
        if let Some(s) = found {
            (e.start, e.end) = (s.position.start, s.position.end);
            (e.exact, e.prefix, e.suffix) = (s.quote.exact, s.quote.prefix, s.quote.suffix);
        }
    }
}

/// `wanted` as placed on `text` (hash `hash`), by id.
fn place<T: Placed>(text: &Text<'_>, hash: &str, wanted: &[T]) -> Vec<T> {
    let mut wanted: Vec<T> = wanted.to_vec();
    wanted.sort_by(|a, b| a.id().cmp(b.id()));
    let placed = {
        let spans: Vec<(Selector, &str, bool)> = wanted.iter().map(Placed::span).collect();
        place_all(text, hash, &spans)
    };
    for (w, found) in wanted.iter_mut().zip(placed) {
        w.set_place(hash, found);
    }
    wanted
}

/// The highlights as they are placed on `text` (hash `hash`), by id.
pub fn place_highlights(text: &Text<'_>, hash: &str, wanted: &[ReplicaHighlight]) -> Vec<ReplicaHighlight> {
    place(text, hash, wanted)
}

/// The events as they are placed on `text` (hash `hash`), by id.
pub fn place_events(text: &Text<'_>, hash: &str, wanted: &[ReplicaEvent]) -> Vec<ReplicaEvent> {
    place(text, hash, wanted)
}

/// The hidden paragraphs as they are placed on `text` (hash `hash`): a
/// paragraph hidden in another text stays hidden where this one has a
/// paragraph of the same words (the nearest to where it was), as hiding
/// follows a new text. Sorted by start, one per paragraph.
pub fn place_hidden(text: &str, hash: &str, wanted: &[ReplicaHidden]) -> Vec<ReplicaHidden> {
    let paragraphs = paragraph_ranges(text);
    let chars: Vec<char> = text.chars().collect();
    let words_of = |start: u32, end: u32| words_hash(&chars[start as usize..end as usize].iter().collect::<String>());
    let mut out: Vec<ReplicaHidden> = Vec::new();
    for w in wanted {
        let found = if w.anchored_to == hash {
            paragraphs.iter().find(|p| p.start == w.start && p.end == w.end)
        } else {
            paragraphs.iter().filter(|p| words_of(p.start, p.end) == w.words).min_by_key(|p| p.start.abs_diff(w.start))
        };
        if let Some(p) = found {
            if !out.iter().any(|o| o.start == p.start) {
                out.push(ReplicaHidden { start: p.start, end: p.end, anchored_to: hash.to_owned(), words: words_of(p.start, p.end) });
            }
        }
    }
    out.sort_by_key(|h| h.start);
    out
}
