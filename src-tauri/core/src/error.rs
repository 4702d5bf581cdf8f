//! The core's one error type, and the tagged form it takes when it crosses to the UI.

use serde::Serialize;
use ts_rs::TS;

/// Every failure the core can report. Messages are written for the person using
/// the app: they name the file or record and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{what}: unsupported file type ({detail})")]
    Unsupported { what: String, detail: String },
    #[error("{what} is empty: there is no text to import")]
    Empty { what: String },
    #[error("{what} is too large ({size} bytes); the limit is {limit} bytes")]
    TooLarge { what: String, size: u64, limit: u64 },
    #[error("{what}: {reason}")]
    NoArticle { what: String, reason: String },
    #[error("{what}: {reason}")]
    Fetch { what: String, reason: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },
    #[error("the library at {path} was written by a newer Sidenote (schema {found}, this build knows {known}); nothing was changed")]
    NewerLibrary { path: String, found: i64, known: i64 },
    #[error("library database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The error as the UI receives it: `kind` is a stable tag the TypeScript side
/// switches on; `message` is ready to show.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
}

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
    NewerLibrary,
    Database,
    Io,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Unreadable { .. } => ErrorKind::Unreadable,
            Error::Unsupported { .. } => ErrorKind::Unsupported,
            Error::Empty { .. } => ErrorKind::Empty,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::NoArticle { .. } => ErrorKind::NoArticle,
            Error::Fetch { .. } => ErrorKind::Fetch,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::NewerLibrary { .. } => ErrorKind::NewerLibrary,
            Error::Database(_) => ErrorKind::Database,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { kind: self.kind(), message: self.to_string() }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}
