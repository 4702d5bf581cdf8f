//! What the app shows of sync: the header's indicator (one [`SyncPhase`])
//! and the Sync dialog (the status, the last round's result in words).

use serde::Serialize;
use ts_rs::TS;

use super::{SyncReport, SyncStatus};

/// The header indicator's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum SyncPhase {
    /// The library does not sync.
    Off,
    /// A round is running.
    Syncing,
    /// The last round went through and nothing waits.
    Synced,
    /// The last round went through, but files of other devices are still
    /// arriving (or were refused): they are read again next round.
    Waiting,
    /// The last round failed (the reason is in [`LastRound::error`]).
    Error,
}

/// The last round this app ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LastRound {
    /// When it ended (RFC 3339).
    pub at: String,
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub received: u64,
    #[ts(type = "number")]
    pub articles: u64,
    #[ts(type = "number")]
    pub highlights: u64,
    #[ts(type = "number")]
    pub waiting: u64,
    /// Why files were skipped, in words.
    pub problems: Vec<String>,
    /// Why the round failed, in words.
    pub error: Option<String>,
}

impl LastRound {
    /// A round that ended now.
    pub fn ended_now(result: &Result<SyncReport, String>) -> Self {
        Self::from_result(crate::store::now_rfc3339(), result)
    }

    pub fn from_result(at: String, result: &Result<SyncReport, String>) -> Self {
        match result {
            Ok(r) => LastRound {
                at,
                sent: r.sent,
                received: r.received,
                articles: r.articles,
                highlights: r.highlights,
                waiting: r.waiting,
                problems: r.problems.clone(),
                error: None,
            },
            Err(e) => {
                LastRound { at, sent: 0, received: 0, articles: 0, highlights: 0, waiting: 0, problems: Vec::new(), error: Some(e.clone()) }
            }
        }
    }
}

/// The Sync dialog's and indicator's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SyncOverview {
    pub phase: SyncPhase,
    pub status: SyncStatus,
    /// The last round this app ran (none yet since it started).
    pub last: Option<LastRound>,
}

/// The indicator's state: off without a folder; syncing while a round runs;
/// otherwise what the last round said, or, before this app ran one, the
/// error the library remembers from the last round anyone ran.
pub fn overview(status: SyncStatus, running: bool, last: Option<LastRound>) -> SyncOverview {
    let phase = if !status.syncing {
        SyncPhase::Off
    } else if running {
        SyncPhase::Syncing
    } else {
        match &last {
            Some(l) if l.error.is_some() => SyncPhase::Error,
            Some(l) if l.waiting > 0 => SyncPhase::Waiting,
            Some(_) => SyncPhase::Synced,
            None if status.last_error.is_some() => SyncPhase::Error,
            None => SyncPhase::Synced,
        }
    };
    SyncOverview { phase, status, last }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(syncing: bool, last_error: Option<&str>) -> SyncStatus {
        SyncStatus {
            syncing,
            folder: syncing.then(|| "/tmp/shared".into()),
            device: Some("d1".into()),
            name: Some("desk".into()),
            last_round_at: None,
            last_error: last_error.map(str::to_owned),
            devices: Vec::new(),
        }
    }

    fn round(waiting: u64, error: Option<&str>) -> LastRound {
        let result = match error {
            Some(e) => Err(e.to_owned()),
            None => Ok(SyncReport { waiting, received: 3, ..Default::default() }),
        };
        LastRound::from_result("2026-01-02T03:04:05Z".into(), &result)
    }

    #[test]
    fn phases_follow_the_folder_the_running_round_and_the_last_result() {
        assert_eq!(overview(status(false, None), true, Some(round(0, None))).phase, SyncPhase::Off);
        assert_eq!(overview(status(true, None), true, Some(round(0, Some("disk full")))).phase, SyncPhase::Syncing);
        assert_eq!(overview(status(true, None), false, Some(round(0, None))).phase, SyncPhase::Synced);
        assert_eq!(overview(status(true, None), false, Some(round(2, None))).phase, SyncPhase::Waiting);
        assert_eq!(overview(status(true, None), false, Some(round(0, Some("disk full")))).phase, SyncPhase::Error);
        // Before this app ran a round, the library's remembered failure shows.
        assert_eq!(overview(status(true, Some("folder gone")), false, None).phase, SyncPhase::Error);
        assert_eq!(overview(status(true, None), false, None).phase, SyncPhase::Synced);
        // A successful round clears the remembered failure.
        assert_eq!(overview(status(true, Some("folder gone")), false, Some(round(0, None))).phase, SyncPhase::Synced);
    }

    #[test]
    fn a_failed_round_keeps_its_reason_and_counts_nothing() {
        let l = round(0, Some("the sync folder /x cannot be used: No such file or directory"));
        assert_eq!(l.error.as_deref(), Some("the sync folder /x cannot be used: No such file or directory"));
        assert_eq!((l.sent, l.received, l.waiting), (0, 0, 0));
        assert_eq!(round(1, None).received, 3);
    }
}
