//! What changed in the library, as values: every change to the reader's data
//! is applied by one store function, inside its transaction, and that
//! function hands a [`Change`] to the library's [`ChangeSink`] before the
//! transaction commits. This is the seam the sync of libraries between
//! machines plugs into: a recorder that turns each change into its own
//! operations (an Automerge document's, say) gets every change exactly once,
//! knows whether it was committed or rolled back, and can refuse one (its
//! error rolls the whole transaction back).
//!
//! Only the reader's own data makes changes. What the store derives from it
//! is not a change of its own: re-anchoring highlights and events to a new
//! text, re-extracting the timeline, full-text rows and kept counts all follow
//! from the change they come from, and a replica applying that change through
//! the same store function derives them the same way.

use serde::Serialize;

use crate::error::Result;
use crate::highlight::{Color, Highlight};
use crate::model::{ArticleNote, NewEvent, SourceKind};
use crate::timeline::ChronologyWarning;
use crate::PartialDate;

use super::SyncLog;

/// One change to the reader's data, with the ids it touches and the values it
/// sets. Borrowed from the store function that applies it: a recorder that
/// keeps changes copies what it needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Change<'a> {
    /// An article entered the library (an import, the sample, or a notes file).
    ArticleAdded {
        id: &'a str,
        title: &'a str,
        byline: Option<&'a str>,
        site: Option<&'a str>,
        source_url: Option<&'a str>,
        source_kind: SourceKind,
        published: Option<PartialDate>,
        imported_at: &'a str,
        lang: Option<&'a str>,
        dir: Option<&'a str>,
        text: &'a str,
        html: &'a str,
        content_hash: &'a str,
    },
    /// The article's text was replaced (read again with another encoding,
    /// clippings appended). Its highlights, events and hidden paragraphs
    /// were carried over to the new text in the same transaction.
    ArticleTextReplaced {
        id: &'a str,
        text: &'a str,
        html: &'a str,
        content_hash: &'a str,
        encoding: Option<&'a str>,
    },
    /// The article's details: all four as they now are.
    ArticleMetadataEdited {
        id: &'a str,
        title: &'a str,
        byline: Option<&'a str>,
        site: Option<&'a str>,
        published: Option<PartialDate>,
    },
    /// Moved to the trash.
    ArticleDeleted {
        id: &'a str,
        deleted_at: &'a str,
    },
    /// A note on the whole article was written (by the reader, or imported).
    ArticleNoteAdded {
        note: &'a ArticleNote,
    },
    /// The article note's text as it now is.
    ArticleNoteEdited {
        id: &'a str,
        note: &'a str,
        updated_at: &'a str,
    },
    /// Moved to the trash.
    ArticleNoteDeleted {
        id: &'a str,
        deleted_at: &'a str,
    },
    /// Taken out of the trash (undo).
    ArticleNoteRestored {
        id: &'a str,
    },
    /// A highlight was made (by the reader, or imported from a notes file).
    HighlightCreated {
        highlight: &'a Highlight,
    },
    HighlightRecoloured {
        id: &'a str,
        color: Color,
        updated_at: &'a str,
    },
    HighlightNoteChanged {
        id: &'a str,
        note: &'a str,
        updated_at: &'a str,
    },
    /// The highlight's whole set of tags, as it now is.
    HighlightTagged {
        id: &'a str,
        tags: &'a [String],
        updated_at: &'a str,
    },
    /// Moved to the trash.
    HighlightDeleted {
        id: &'a str,
        deleted_at: &'a str,
    },
    /// Taken out of the trash (undo).
    HighlightRestored {
        id: &'a str,
    },
    /// The reader placed a highlight (an orphan, typically) on a new span.
    HighlightReattached {
        id: &'a str,
        start: u32,
        end: u32,
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
        updated_at: &'a str,
    },
    /// A paragraph was marked "not part of the article".
    ParagraphHidden {
        article_id: &'a str,
        start: u32,
        end: u32,
    },
    ParagraphShown {
        article_id: &'a str,
        start: u32,
    },
    /// The reader's own event, or one restored from a notes file.
    EventAdded {
        event: &'a NewEvent,
    },
    /// The event's date and label as they now are (a new date clears its warnings).
    EventEdited {
        id: &'a str,
        value: &'a str,
        value_end: Option<&'a str>,
        label: &'a str,
        updated_at: &'a str,
    },
    EventHidden {
        id: &'a str,
        hidden: bool,
        updated_at: &'a str,
    },
    /// The reader's verdict on a chronology warning (`warning.mark`:
    /// dismissed, or a real error in the text; none when taken back). It
    /// belongs to the event's span and the warning's kind, not to the
    /// event's id, which re-extraction renews.
    WarningMarked {
        article_id: &'a str,
        start: u32,
        end: u32,
        exact: &'a str,
        warning: &'a ChronologyWarning,
    },
    /// The reader's verdict on a disagreement between articles, given,
    /// changed or taken back: the group's key (derived from the events'
    /// content, the same on every device); the row says what it now is.
    DisagreementVerdictSet {
        key: &'a str,
    },
    SettingChanged {
        key: &'a str,
        value: &'a serde_json::Value,
    },
}

/// Where the library hands its changes. `record` is called inside the
/// transaction that applies the change, after the change is applied, with
/// `log`: the transaction's reads of what a recorder needs to know about the
/// change (the article a highlight belongs to, an event as it now is) and the
/// sync log it appends its own record to, so that the record commits or rolls
/// back with the rows. An error from it rolls the transaction back and
/// reaches the caller. Once the transaction ends, `committed` or
/// `rolled_back` says what became of the changes recorded since the last
/// call of either.
pub trait ChangeSink: Send {
    fn record(&mut self, change: &Change<'_>, log: &mut SyncLog<'_>) -> Result<()>;

    /// The reader opened this article: a sink may get ready for changes to it
    /// (the sync recorder loads the article's document, so that the first
    /// save there does not wait for it). Reads only.
    fn warm(&mut self, _article_id: &str, _log: &SyncLog<'_>) -> Result<()> {
        Ok(())
    }

    fn committed(&mut self) {}

    fn rolled_back(&mut self) {}

    /// Whether this sink keeps a record for sync. A library that syncs
    /// refuses to change anything through one that does not (its changes
    /// would never reach the other devices).
    fn records(&self) -> bool {
        true
    }
}

/// The default sink: a library that records nothing.
#[derive(Debug, Default)]
pub struct NoSink;

impl ChangeSink for NoSink {
    fn record(&mut self, _change: &Change<'_>, _log: &mut SyncLog<'_>) -> Result<()> {
        Ok(())
    }

    fn records(&self) -> bool {
        false
    }
}

/// Two sinks hearing the same changes, in order: the library has one sink
/// slot, and the sync recorder and the app's own listeners (the Obsidian
/// vault) each need to hear every change. An error from the first stops the
/// change before the second hears it.
pub struct PairedSinks {
    first: Box<dyn ChangeSink>,
    second: Box<dyn ChangeSink>,
}

impl PairedSinks {
    pub fn new(first: Box<dyn ChangeSink>, second: Box<dyn ChangeSink>) -> Self {
        Self { first, second }
    }
}

impl ChangeSink for PairedSinks {
    fn record(&mut self, change: &Change<'_>, log: &mut SyncLog<'_>) -> Result<()> {
        self.first.record(change, log)?;
        self.second.record(change, log)
    }

    fn warm(&mut self, article_id: &str, log: &SyncLog<'_>) -> Result<()> {
        self.first.warm(article_id, log)?;
        self.second.warm(article_id, log)
    }

    fn committed(&mut self) {
        self.first.committed();
        self.second.committed();
    }

    fn rolled_back(&mut self) {
        self.first.rolled_back();
        self.second.rolled_back();
    }

    fn records(&self) -> bool {
        self.first.records() || self.second.records()
    }
}
