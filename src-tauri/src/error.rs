//! The error a Tauri command returns: the core's error in its tagged form
//! (`{ "kind": "...", "message": "..." }`), which the UI switches on.

use serde::Serialize;
use sidenote_core::{Error, ErrorPayload};

#[derive(Debug, thiserror::Error, Serialize)]
#[error("{}", .0.message)]
#[serde(transparent)]
pub struct CommandError(pub ErrorPayload);

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        tracing::warn!(error = %e, "command failed");
        CommandError(e.payload())
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
