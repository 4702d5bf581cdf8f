//! The error a Tauri command returns: the core's error in its tagged form
//! (`{ "kind": "...", "message": "...", "data": ... }`), which the UI switches on.

use serde::Serialize;
use sidenote_core::{Error, ErrorDetail, ErrorPayload};

#[derive(Debug, thiserror::Error, Serialize)]
#[error("{}", .0.message)]
#[serde(transparent)]
pub struct CommandError(pub ErrorPayload);

impl CommandError {
    /// A failure of the shell itself (no core error behind it).
    pub fn new(detail: ErrorDetail, message: impl Into<String>) -> Self {
        CommandError(ErrorPayload { detail, message: message.into() })
    }
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        tracing::warn!(error = %e, "command failed");
        CommandError(e.payload())
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_error_is_the_core_payload_unchanged() {
        let e = Error::TooLarge { what: "big.html".into(), size: 9, limit: 5 };
        let sent = serde_json::to_value(CommandError::from(Error::TooLarge { what: "big.html".into(), size: 9, limit: 5 })).unwrap();
        assert_eq!(sent, serde_json::to_value(e.payload()).unwrap());
        assert_eq!(sent["kind"], "TooLarge");
        assert_eq!(sent["data"], serde_json::json!({ "what": "big.html", "size": 9, "limit": 5 }));
        let own = serde_json::to_value(CommandError::new(ErrorDetail::Busy, "wait")).unwrap();
        assert_eq!(own, serde_json::json!({ "kind": "Busy", "message": "wait" }));
    }
}
