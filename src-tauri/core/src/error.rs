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
    Corrupt,
    ReadOnly,
    DiskFull,
    Busy,
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
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::ReadOnly(_) => ErrorKind::ReadOnly,
            Error::DiskFull(_) => ErrorKind::DiskFull,
            Error::Busy(_) => ErrorKind::Busy,
            Error::Database(_) => ErrorKind::Database,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { kind: self.kind(), message: self.to_string() }
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
}

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
