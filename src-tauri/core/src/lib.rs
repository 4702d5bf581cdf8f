//! Sidenote's domain logic, free of any GUI: the library store, importers,
//! anchoring of highlights, the temporal tagger and event timeline, and
//! export and import of notes. The Tauri shell and the CLI in `src-tauri/src`
//! only translate to and from it.
//!
//! Layers, each using only those below it: `store` (the one owner of the
//! library's tables) over `import`, `timeline`, `anchor`, `model`; `export`
//! and `notes_import` over the store and `w3c` (the Web Annotation model
//! both use).

pub mod anchor;
mod digest;
pub mod error;
pub mod export;
pub mod highlight;
pub mod ids;
pub mod import;
pub mod links;
pub mod model;
pub mod notes_import;
pub mod sample;
pub mod store;
pub mod sync;
pub mod timeline;
/// The temporal tagger, its own crate (`src-tauri/timex`).
pub use sidenote_timex as timex;
pub mod w3c;
mod words;

pub use error::{Candidate, Error, ErrorDetail, ErrorKind, ErrorPayload, Result};
pub use highlight::{Color, Highlight, HighlightFilter, HighlightPatch, LibraryHighlight, NewHighlight, ReanchorReport};
pub use model::{
    Article, ArticleNote, ArticleSummary, Extracted, ImportReport, LibraryInfo, ListQuery, Outcome, Redecoded, SortKey, SourceKind,
};
pub use sidenote_timex::PartialDate;
pub use store::{Change, ChangeSink, Library, NewArticle};
