//! The core's one error type, and the tagged form it takes when it crosses to
//! the UI and to programs (`sidenote ... --json`): `{ kind, message, data }`,
//! where `data` is there for the kinds a caller acts on rather than only shows.

use serde::Serialize;
use ts_rs::TS;

/// Every failure the core can report. Messages are written for the person using
/// the app: they name the file or record and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    /// A file or page of a kind Sidenote cannot read.
    #[error("{what}: unsupported file type ({detail})")]
    Unsupported { what: String, detail: FormatDetail },
    #[error("{what} is empty: there is no text to import")]
    Empty { what: String },
    #[error("{what} is too large ({size} bytes); the limit is {limit} bytes")]
    TooLarge { what: String, size: u64, limit: u64 },
    #[error("{what}: {reason}")]
    NoArticle { what: String, reason: String },
    #[error("{what}: {reason}")]
    Fetch { what: String, reason: String },
    /// Input that is malformed or out of range: the message says what to change.
    #[error("{0}")]
    Invalid(String),
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },
    /// The record to be made is already there (`id`): offer it instead.
    #[error("{reason}")]
    AlreadyExists { what: &'static str, id: String, title: Option<String>, reason: String },
    /// An id prefix (or a quote) that matches more than one record: ask which.
    #[error("{reason}")]
    Ambiguous { what: &'static str, given: String, candidates: Vec<Candidate>, reason: String },
    /// The change contradicts the records named by `ids` (say, hiding a
    /// paragraph that holds highlights): resolve them first.
    #[error("{reason}")]
    Conflict { what: &'static str, ids: Vec<String>, reason: String },
    #[error("the library at {path} was written by a newer Sidenote (schema {found}, this build knows {known}); nothing was changed")]
    NewerLibrary { path: String, found: i64, known: i64 },
    /// A file (a notes export) in a newer version of its format than this build reads.
    #[error("{what} was written by a newer Sidenote (format {found}, this build reads {supported}); nothing was imported")]
    NewerFormat { what: String, found: i64, supported: i64 },
    #[error("the library file {path} is damaged or is not a Sidenote library ({reason}); it was left as it is")]
    Corrupt { path: String, reason: String },
    #[error("the library is read-only ({0}); nothing was saved. Check the permissions of the library folder, then try again")]
    ReadOnly(String),
    #[error("the disk holding the library is full ({0}); nothing was saved. Free some space, then try again")]
    DiskFull(String),
    #[error("the library is busy in another Sidenote window or command ({0}); nothing was saved. Try again in a moment")]
    Busy(String),
    #[error("library database error: {0}")]
    Database(rusqlite::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a source cannot be imported: what it turned out to be, when that is
/// known ("PDF document", "image/png"), and the explanation shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatDetail {
    pub detected: Option<String>,
    pub explanation: String,
}

impl FormatDetail {
    pub fn detected(detected: impl Into<String>, explanation: impl Into<String>) -> Self {
        FormatDetail { detected: Some(detected.into()), explanation: explanation.into() }
    }
}

impl From<&str> for FormatDetail {
    fn from(explanation: &str) -> Self {
        FormatDetail { detected: None, explanation: explanation.to_owned() }
    }
}

impl From<String> for FormatDetail {
    fn from(explanation: String) -> Self {
        FormatDetail { detected: None, explanation }
    }
}

impl std::fmt::Display for FormatDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explanation)
    }
}

/// One of the records an ambiguous id prefix (or quote) matched.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The full id (for a quote: the occurrence number, counted from 1).
    pub id: String,
    /// What a person recognises it by: a title, a quote, the text around it.
    pub label: String,
}

impl Candidate {
    /// A candidate whose label is `label` on one line, cut to 80 characters.
    pub fn new(id: impl Into<String>, label: &str) -> Self {
        const MAX: usize = 80;
        let flat = label.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = if flat.chars().count() > MAX { format!("{}…", flat.chars().take(MAX - 1).collect::<String>()) } else { flat };
        Candidate { id: id.into(), label }
    }
}

/// The error as the UI receives it: `kind` is a stable tag the TypeScript side
/// switches on, `message` is ready to show, and the kinds a caller can act on
/// carry `data` (a discriminated union on `kind` in TypeScript).
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ErrorPayload {
    #[serde(flatten)]
    #[ts(flatten)]
    pub detail: ErrorDetail,
    pub message: String,
}

impl ErrorPayload {
    pub fn kind(&self) -> ErrorKind {
        self.detail.kind()
    }
}

/// The kind of an error, with the data of the kinds that have some
/// (inlined into `ErrorPayload` on the TypeScript side).
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[serde(tag = "kind", content = "data")]
pub enum ErrorDetail {
    Unreadable,
    Unsupported(UnsupportedFormat),
    Empty,
    TooLarge(SizeLimit),
    NoArticle,
    Fetch,
    Invalid,
    NotFound(MissingRecord),
    AlreadyExists(ExistingRecord),
    Ambiguous(AmbiguousMatch),
    Conflict(ConflictingRecords),
    NewerLibrary(FormatVersions),
    NewerFormat(FormatVersions),
    Corrupt,
    ReadOnly,
    DiskFull,
    Busy,
    Database,
    Io,
}

/// `Unsupported`: what the source turned out to be, when known.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct UnsupportedFormat {
    pub what: String,
    pub detected: Option<String>,
}

/// `TooLarge`: sizes in bytes.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SizeLimit {
    pub what: String,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub limit: u64,
}

/// `NotFound`: the kind of record ("article", "highlight", ...) and the id asked for.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MissingRecord {
    pub what: String,
    pub id: String,
}

/// `AlreadyExists`: the record that is already there.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ExistingRecord {
    pub what: String,
    pub id: String,
    pub title: Option<String>,
}

/// `Ambiguous`: what was given and everything it matched.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AmbiguousMatch {
    pub what: String,
    pub given: String,
    pub candidates: Vec<Candidate>,
}

/// `Conflict`: the records in the way.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConflictingRecords {
    pub what: String,
    pub ids: Vec<String>,
}

/// `NewerLibrary`, `NewerFormat`: the version found and the newest this build reads.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FormatVersions {
    #[ts(type = "number")]
    pub found: i64,
    #[ts(type = "number")]
    pub supported: i64,
}

/// The bare kind, for matching in Rust and as a TypeScript union of the tags.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
pub enum ErrorKind {
    Unreadable,
    Unsupported,
    Empty,
    TooLarge,
    NoArticle,
    Fetch,
    Invalid,
    NotFound,
    AlreadyExists,
    Ambiguous,
    Conflict,
    NewerLibrary,
    NewerFormat,
    Corrupt,
    ReadOnly,
    DiskFull,
    Busy,
    Database,
    Io,
}

impl ErrorDetail {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ErrorDetail::Unreadable => ErrorKind::Unreadable,
            ErrorDetail::Unsupported(_) => ErrorKind::Unsupported,
            ErrorDetail::Empty => ErrorKind::Empty,
            ErrorDetail::TooLarge(_) => ErrorKind::TooLarge,
            ErrorDetail::NoArticle => ErrorKind::NoArticle,
            ErrorDetail::Fetch => ErrorKind::Fetch,
            ErrorDetail::Invalid => ErrorKind::Invalid,
            ErrorDetail::NotFound(_) => ErrorKind::NotFound,
            ErrorDetail::AlreadyExists(_) => ErrorKind::AlreadyExists,
            ErrorDetail::Ambiguous(_) => ErrorKind::Ambiguous,
            ErrorDetail::Conflict(_) => ErrorKind::Conflict,
            ErrorDetail::NewerLibrary(_) => ErrorKind::NewerLibrary,
            ErrorDetail::NewerFormat(_) => ErrorKind::NewerFormat,
            ErrorDetail::Corrupt => ErrorKind::Corrupt,
            ErrorDetail::ReadOnly => ErrorKind::ReadOnly,
            ErrorDetail::DiskFull => ErrorKind::DiskFull,
            ErrorDetail::Busy => ErrorKind::Busy,
            ErrorDetail::Database => ErrorKind::Database,
            ErrorDetail::Io => ErrorKind::Io,
        }
    }
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        self.detail().kind()
    }

    /// The kind with its data, as callers receive it.
    pub fn detail(&self) -> ErrorDetail {
        match self {
            Error::Unreadable { .. } => ErrorDetail::Unreadable,
            Error::Unsupported { what, detail } => {
                ErrorDetail::Unsupported(UnsupportedFormat { what: what.clone(), detected: detail.detected.clone() })
            }
            Error::Empty { .. } => ErrorDetail::Empty,
            Error::TooLarge { what, size, limit } => ErrorDetail::TooLarge(SizeLimit { what: what.clone(), size: *size, limit: *limit }),
            Error::NoArticle { .. } => ErrorDetail::NoArticle,
            Error::Fetch { .. } => ErrorDetail::Fetch,
            Error::Invalid(_) => ErrorDetail::Invalid,
            Error::NotFound { what, id } => ErrorDetail::NotFound(MissingRecord { what: (*what).to_owned(), id: id.clone() }),
            Error::AlreadyExists { what, id, title, .. } => {
                ErrorDetail::AlreadyExists(ExistingRecord { what: (*what).to_owned(), id: id.clone(), title: title.clone() })
            }
            Error::Ambiguous { what, given, candidates, .. } => {
                ErrorDetail::Ambiguous(AmbiguousMatch { what: (*what).to_owned(), given: given.clone(), candidates: candidates.clone() })
            }
            Error::Conflict { what, ids, .. } => ErrorDetail::Conflict(ConflictingRecords { what: (*what).to_owned(), ids: ids.clone() }),
            Error::NewerLibrary { found, known, .. } => ErrorDetail::NewerLibrary(FormatVersions { found: *found, supported: *known }),
            Error::NewerFormat { found, supported, .. } => {
                ErrorDetail::NewerFormat(FormatVersions { found: *found, supported: *supported })
            }
            Error::Corrupt { .. } => ErrorDetail::Corrupt,
            Error::ReadOnly(_) => ErrorDetail::ReadOnly,
            Error::DiskFull(_) => ErrorDetail::DiskFull,
            Error::Busy(_) => ErrorDetail::Busy,
            Error::Database(_) => ErrorDetail::Database,
            Error::Io { .. } => ErrorDetail::Io,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { detail: self.detail(), message: self.to_string() }
    }

    /// True for failures that may pass if the same write is tried again later
    /// (space freed, permissions fixed, the other writer done).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::ReadOnly(_) | Error::DiskFull(_) | Error::Busy(_))
    }

    /// Names the library file in a damaged- or unreadable-file error that
    /// SQLite raised without knowing which file it was.
    pub fn at_path(self, path: &std::path::Path) -> Self {
        match self {
            Error::Corrupt { path: p, reason } if p.is_empty() => Error::Corrupt { path: path.display().to_string(), reason },
            Error::Unreadable { path: p, reason } if p.is_empty() => Error::Unreadable { path: path.display().to_string(), reason },
            other => other,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// An id prefix that matches several records of kind `what`. `candidates`
    /// holds at most [`MAX_CANDIDATES`] of them; one more means there are more.
    pub fn ambiguous_id(what: &'static str, given: &str, mut candidates: Vec<Candidate>) -> Self {
        let count = if candidates.len() > MAX_CANDIDATES {
            candidates.truncate(MAX_CANDIDATES);
            format!("more than {MAX_CANDIDATES} {what}s")
        } else {
            format!("{} {what}s", candidates.len())
        };
        let reason = format!("{what} id prefix {given:?} is ambiguous (it matches {count}); give more characters");
        Error::Ambiguous { what, given: given.to_owned(), candidates, reason }
    }
}

/// The most candidates an ambiguous id or quote lists (the message still counts them all).
pub const MAX_CANDIDATES: usize = 20;

impl From<sidenote_timex::BadDate> for Error {
    fn from(e: sidenote_timex::BadDate) -> Self {
        Error::Invalid(e.to_string())
    }
}

/// SQLite's result codes sorted into the kinds a person can act on: a full
/// disk, a read-only file, a busy library, a damaged file. The rest stay
/// `Database`. A damaged file found here has no path yet; `Library::open_file`
/// fills it in.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let Some(code) = e.sqlite_error_code() else {
            return Error::Database(e);
        };
        let detail = e.to_string();
        match code {
            C::DiskFull => Error::DiskFull(detail),
            C::ReadOnly => Error::ReadOnly(detail),
            C::DatabaseBusy | C::DatabaseLocked => Error::Busy(detail),
            C::DatabaseCorrupt | C::NotADatabase => Error::Corrupt { path: String::new(), reason: detail },
            C::CannotOpen => Error::Unreadable {
                path: String::new(),
                reason: format!(
                    "the library file cannot be opened ({detail}); check that its folder exists and that you may read and write it"
                ),
            },
            _ => Error::Database(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite_error(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    fn json(e: &Error) -> serde_json::Value {
        serde_json::to_value(e.payload()).unwrap()
    }

    /// One error of every kind, so a new variant without a test fails to compile here.
    fn one_of_each() -> Vec<Error> {
        let io = || std::io::Error::other("boom");
        let all = vec![
            Error::Unreadable { path: "a.txt".into(), reason: "permission denied".into() },
            Error::Unsupported { what: "a.pdf".into(), detail: FormatDetail::detected("PDF document", "PDFs cannot be imported yet") },
            Error::Empty { what: "a.txt".into() },
            Error::TooLarge { what: "big.html".into(), size: 90_000_000, limit: 50_000_000 },
            Error::NoArticle { what: "a.html".into(), reason: "no text".into() },
            Error::Fetch { what: "http://127.0.0.1/".into(), reason: "refused".into() },
            Error::Invalid("the title cannot be empty".into()),
            Error::NotFound { what: "article", id: "abc".into() },
            Error::AlreadyExists { what: "article", id: "abc".into(), title: Some("Harbour notes".into()), reason: "already there".into() },
            Error::ambiguous_id("article", "ab", vec![Candidate::new("ab1", "One"), Candidate::new("ab2", "Two")]),
            Error::Conflict { what: "highlight", ids: vec!["h1".into()], reason: "the paragraph holds a highlight".into() },
            Error::NewerLibrary { path: "/l".into(), found: 9, known: 4 },
            Error::NewerFormat { what: "notes.json".into(), found: 3, supported: 2 },
            Error::Corrupt { path: "/l".into(), reason: "bad page".into() },
            Error::ReadOnly("ro".into()),
            Error::DiskFull("full".into()),
            Error::Busy("locked".into()),
            Error::Database(rusqlite::Error::InvalidQuery),
            Error::io("cannot write", io()),
        ];
        for e in &all {
            // Exhaustive: adding a variant means adding it above.
            match e {
                Error::Unreadable { .. }
                | Error::Unsupported { .. }
                | Error::Empty { .. }
                | Error::TooLarge { .. }
                | Error::NoArticle { .. }
                | Error::Fetch { .. }
                | Error::Invalid(_)
                | Error::NotFound { .. }
                | Error::AlreadyExists { .. }
                | Error::Ambiguous { .. }
                | Error::Conflict { .. }
                | Error::NewerLibrary { .. }
                | Error::NewerFormat { .. }
                | Error::Corrupt { .. }
                | Error::ReadOnly(_)
                | Error::DiskFull(_)
                | Error::Busy(_)
                | Error::Database(_)
                | Error::Io { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_payload_is_kind_message_and_data_where_there_is_some() {
        let all = one_of_each();
        let mut kinds = std::collections::BTreeSet::new();
        for e in &all {
            let v = json(e);
            let object = v.as_object().unwrap();
            // The payload's tag is the bare kind's name, as ErrorKind serializes it.
            assert_eq!(v["kind"], serde_json::to_value(e.kind()).unwrap(), "{v}");
            assert_eq!(v["message"], e.to_string());
            let keys: Vec<&str> = object.keys().map(String::as_str).collect();
            let has_data = object.contains_key("data");
            assert!(keys.iter().all(|k| ["kind", "message", "data"].contains(k)), "{v}");
            assert_eq!(has_data, !matches!(e.detail(), d if serde_json::to_value(&d).unwrap().get("data").is_none()));
            kinds.insert(v["kind"].as_str().unwrap().to_owned());
        }
        assert_eq!(kinds.len(), all.len(), "every kind has its own tag");
    }

    #[test]
    fn the_kinds_a_caller_acts_on_carry_their_data() {
        let data = |e: Error| json(&e)["data"].clone();
        assert_eq!(
            data(Error::AlreadyExists { what: "article", id: "a1".into(), title: Some("Harbour notes".into()), reason: "x".into() }),
            serde_json::json!({ "what": "article", "id": "a1", "title": "Harbour notes" })
        );
        let ambiguous =
            Error::ambiguous_id("highlight", "7f", vec![Candidate::new("7fa", "the ferry"), Candidate::new("7fb", "the   island\nshore")]);
        assert_eq!(ambiguous.to_string(), "highlight id prefix \"7f\" is ambiguous (it matches 2 highlights); give more characters");
        assert_eq!(
            data(ambiguous),
            serde_json::json!({ "what": "highlight", "given": "7f", "candidates": [
                { "id": "7fa", "label": "the ferry" }, { "id": "7fb", "label": "the island shore" }
            ] })
        );
        assert_eq!(
            data(Error::Unsupported { what: "scan.pdf".into(), detail: FormatDetail::detected("PDF document", "no PDFs") }),
            serde_json::json!({ "what": "scan.pdf", "detected": "PDF document" })
        );
        assert_eq!(
            data(Error::Unsupported { what: "notes.xml".into(), detail: "expected JSON or CSV".into() }),
            serde_json::json!({ "what": "notes.xml", "detected": null })
        );
        assert_eq!(
            data(Error::TooLarge { what: "big.html".into(), size: 90_000_000, limit: 50_000_000 }),
            serde_json::json!({ "what": "big.html", "size": 90_000_000u64, "limit": 50_000_000u64 })
        );
        assert_eq!(
            data(Error::NewerFormat { what: "notes.json".into(), found: 3, supported: 2 }),
            serde_json::json!({ "found": 3, "supported": 2 })
        );
        assert_eq!(data(Error::NewerLibrary { path: "/l".into(), found: 9, known: 4 }), serde_json::json!({ "found": 9, "supported": 4 }));
        assert_eq!(
            data(Error::Conflict { what: "highlight", ids: vec!["h1".into(), "h2".into()], reason: "x".into() }),
            serde_json::json!({ "what": "highlight", "ids": ["h1", "h2"] })
        );
        assert_eq!(data(Error::NotFound { what: "article", id: "zz".into() }), serde_json::json!({ "what": "article", "id": "zz" }));
        assert_eq!(json(&Error::Busy("locked".into())).get("data"), None);
    }

    #[test]
    fn an_ambiguous_prefix_with_more_matches_than_listed_says_so() {
        let many: Vec<Candidate> = (0..=MAX_CANDIDATES).map(|i| Candidate::new(format!("a{i}"), "t")).collect();
        let e = Error::ambiguous_id("article", "a", many);
        assert!(e.to_string().contains("more than 20 articles"), "{e}");
        let Error::Ambiguous { candidates, .. } = e else { panic!("not ambiguous") };
        assert_eq!(candidates.len(), MAX_CANDIDATES);
        let long = Candidate::new("x", &"word ".repeat(40));
        assert_eq!(long.label.chars().count(), 80);
        assert!(long.label.ends_with('…'));
    }

    #[test]
    fn the_typescript_type_is_a_union_discriminated_by_kind() {
        let ts = ErrorPayload::decl(&ts_rs::Config::default());
        assert!(ts.starts_with("type ErrorPayload = { message: string, } & ("), "{ts}");
        assert!(ts.contains(r#"{ "kind": "AlreadyExists", "data": ExistingRecord }"#), "{ts}");
        assert!(ts.contains(r#"{ "kind": "Busy" }"#), "{ts}");
    }

    #[test]
    fn sqlite_codes_map_to_kinds_a_person_can_act_on() {
        use rusqlite::ffi;
        assert_eq!(Error::from(sqlite_error(ffi::SQLITE_FULL)).kind(), ErrorKind::DiskFull);
        assert_eq!(Error::from(sqlite_error(ffi::SQLITE_READONLY)).kind(), ErrorKind::ReadOnly);
        assert_eq!(Error::from(sqlite_error(ffi::SQLITE_BUSY)).kind(), ErrorKind::Busy);
        assert_eq!(Error::from(sqlite_error(ffi::SQLITE_CORRUPT)).kind(), ErrorKind::Corrupt);
        assert_eq!(Error::from(sqlite_error(ffi::SQLITE_NOTADB)).kind(), ErrorKind::Corrupt);
        assert_eq!(Error::from(sqlite_error(ffi::SQLITE_CONSTRAINT)).kind(), ErrorKind::Database);
        assert!(Error::from(sqlite_error(ffi::SQLITE_FULL)).is_retryable());
        assert!(!Error::from(sqlite_error(ffi::SQLITE_CORRUPT)).is_retryable());
        assert!(Error::from(sqlite_error(ffi::SQLITE_FULL)).to_string().contains("disk holding the library is full"));
    }
}
