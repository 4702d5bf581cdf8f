//! What a second launch or the browser hands the running app (files, a
//! link, an article to show), delivered to the page once it listens.
//!
//! An event emitted before the page has bound its listeners reaches no one:
//! at launch they are bound after the first frame (~0.1–0.5 s after the
//! process starts, `ui/src/main.ts`), and again after a reload. A hand-off
//! arriving then (a second file opened right after the first) used to import
//! the file and never show it. Until the page says it listens
//! (`ui_listening`), hand-offs wait here, in order, and the page takes them
//! with that call; after it, they are emitted as before.

use std::sync::Mutex;

use serde::Serialize;
use sidenote_core::links::Passage;
use sidenote_core::ImportReport;

/// One hand-off for the page, as the event it would have been.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "payload", rename_all = "kebab-case")]
pub enum Delivery {
    /// `opened-files`: files imported (or found), the first to be opened.
    OpenedFiles(Vec<ImportReport>),
    /// `open-passage`: a `sidenote://` link's passage.
    OpenPassage(Passage),
    /// `link-refused`: why a link leads nowhere, in words.
    LinkRefused(String),
    /// `open-article`: an article saved from the browser, to show.
    OpenArticle(String),
}

impl Delivery {
    /// The event's name, as the page listens for it.
    pub fn event(&self) -> &'static str {
        match self {
            Delivery::OpenedFiles(_) => "opened-files",
            Delivery::OpenPassage(_) => super::opening::OPEN_PASSAGE_EVENT,
            Delivery::LinkRefused(_) => super::links::LINK_REFUSED_EVENT,
            Delivery::OpenArticle(_) => "open-article",
        }
    }
}

/// Hand-offs kept at most while no page listens (one that never does, such
/// as the recovery screen's, must not gather them without end): the oldest go.
const KEPT: usize = 64;

#[derive(Debug, Default)]
struct Inner {
    listening: bool,
    waiting: Vec<Delivery>,
}

/// The hand-offs the page has not been able to hear yet.
#[derive(Debug, Default)]
pub struct Deliveries(Mutex<Inner>);

impl Deliveries {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends `delivery` with `emit` when the page listens, or keeps it for
    /// [`Deliveries::start_listening`]. The decision and the send happen
    /// under one lock, so a hand-off can neither be sent before the page
    /// listens nor kept after it has taken what waited.
    pub fn deliver(&self, delivery: Delivery, emit: impl FnOnce(&Delivery)) {
        let mut inner = self.inner();
        if inner.listening {
            emit(&delivery);
        } else {
            if inner.waiting.len() == KEPT {
                inner.waiting.remove(0);
            }
            inner.waiting.push(delivery);
        }
    }

    /// The page has bound its listeners: what waited, oldest first; later
    /// hand-offs are emitted.
    pub fn start_listening(&self) -> Vec<Delivery> {
        let mut inner = self.inner();
        inner.listening = true;
        std::mem::take(&mut inner.waiting)
    }

    /// A page is loading (a launch or a reload): its listeners are not bound yet.
    pub fn stop_listening(&self) {
        self.inner().listening = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> Delivery {
        Delivery::OpenArticle(id.to_owned())
    }

    #[test]
    fn hand_offs_before_the_page_listens_wait_in_order_and_are_taken_once() {
        let d = Deliveries::default();
        let mut sent = Vec::new();
        d.deliver(article("a"), |x| sent.push(x.clone()));
        d.deliver(Delivery::LinkRefused("no such article".into()), |x| sent.push(x.clone()));
        assert!(sent.is_empty(), "nothing may be emitted before the page listens");
        assert_eq!(d.start_listening(), vec![article("a"), Delivery::LinkRefused("no such article".into())]);
        assert_eq!(d.start_listening(), Vec::new(), "taken once");
    }

    #[test]
    fn hand_offs_after_the_page_listens_are_emitted_and_not_kept() {
        let d = Deliveries::default();
        assert!(d.start_listening().is_empty());
        let mut sent = Vec::new();
        d.deliver(article("b"), |x| sent.push(x.clone()));
        assert_eq!(sent, vec![article("b")]);
        assert!(d.start_listening().is_empty());
    }

    #[test]
    fn a_reload_keeps_hand_offs_again_until_its_page_listens() {
        let d = Deliveries::default();
        d.start_listening();
        d.stop_listening();
        let mut sent = Vec::new();
        d.deliver(article("c"), |x| sent.push(x.clone()));
        assert!(sent.is_empty());
        assert_eq!(d.start_listening(), vec![article("c")]);
    }

    #[test]
    fn a_page_that_never_listens_keeps_only_the_latest_hand_offs() {
        let d = Deliveries::default();
        for n in 0..KEPT + 10 {
            d.deliver(article(&n.to_string()), |_| panic!("not listening"));
        }
        let kept = d.start_listening();
        assert_eq!(kept.len(), KEPT);
        assert_eq!(kept.first(), Some(&article("10")));
        assert_eq!(kept.last(), Some(&article(&(KEPT + 9).to_string())));
    }

    #[test]
    fn deliveries_reach_the_page_as_their_events_name_and_payload() {
        let json = serde_json::to_value(article("d")).expect("serializes");
        assert_eq!(json, serde_json::json!({ "kind": "open-article", "payload": "d" }));
        assert_eq!(article("d").event(), "open-article");
        assert_eq!(Delivery::LinkRefused(String::new()).event(), "link-refused");
        assert_eq!(Delivery::OpenedFiles(Vec::new()).event(), "opened-files");
        let kinds = serde_json::to_value(Delivery::OpenedFiles(Vec::new())).expect("serializes");
        assert_eq!(kinds["kind"], "opened-files", "the kind is the event's name");
    }
}
