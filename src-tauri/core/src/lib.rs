//! Sidenote's domain logic, free of any GUI: the library store, importers,
//! anchoring of highlights, the temporal tagger and event timeline, and export.
//! The Tauri shell and the CLI in `src-tauri/src` only translate to and from it.

pub mod anchor;
pub mod error;
pub mod export;
/// The invariants the fuzz targets check (`fuzz/`), shared with the stable
/// replay of their saved inputs (`tests/fuzz_regressions.rs`). Not API.
#[doc(hidden)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "fuzz invariants: a panic is how a fuzzer reports a finding")]
pub mod fuzz_checks;
pub mod highlight;
pub mod import;
pub mod model;
pub mod sample;
pub mod store;
pub mod timeline;
/// The temporal tagger, its own crate (`src-tauri/timex`).
pub use sidenote_timex as timex;
mod words;

pub use error::{Candidate, Error, ErrorDetail, ErrorKind, ErrorPayload, Result};
pub use highlight::{Color, Highlight, HighlightFilter, HighlightPatch, LibraryHighlight, NewHighlight, ReanchorReport};
pub use model::{Article, ArticleSummary, Extracted, ImportReport, LibraryInfo, ListQuery, SortKey, SourceKind};
pub use sidenote_timex::PartialDate;
pub use store::{Library, NewArticle};
