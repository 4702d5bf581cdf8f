//! Tauri commands for an article's event timeline.

use sidenote_core::export::library_timeline::TimelineExportFormat;
use sidenote_core::timeline::{
    self, DisagreementVerdict, OverviewClaims, TimelineDensity, TimelineEvent as Event, TimelineFilter, TimelineWindow, WarningKind,
    WarningMark, WindowMarks,
};
use tauri::State;

use super::AppState;
use crate::error::CommandResult;

/// The article's events in the timeline's date order: the UI shows them as
/// they come (and sorts only by position for the order of the text).
#[tauri::command(async)]
pub fn list_events(state: State<'_, AppState>, article_id: String) -> CommandResult<Vec<Event>> {
    extract_unlocked(&state, &article_id, true)?;
    let mut events = state.library()?.events(&article_id)?;
    timeline::in_date_order(&mut events);
    Ok(events)
}

/// Makes the article's timeline if it has none current, holding the
/// library's lock only to read its text and to store its events: a book's
/// first extraction takes seconds, and opening another article or saving a
/// highlight or an image must not wait for it. An article whose text
/// changes meanwhile is extracted again when next asked for; one deleted
/// meanwhile is an error only when `must_exist`.
fn extract_unlocked(state: &AppState, article_id: &str, must_exist: bool) -> CommandResult<()> {
    let job = match state.library()?.events_job(article_id) {
        Err(sidenote_core::Error::NotFound { .. }) if !must_exist => return Ok(()),
        job => job?,
    };
    if let Some(job) = job {
        let done = job.run();
        state.library()?.store_events(done)?;
    }
    Ok(())
}

/// Adds an event on the selected passage; `date` is natural language ("June 2001").
#[tauri::command(async)]
pub fn add_event(
    state: State<'_, AppState>,
    article_id: String,
    start: u32,
    end: u32,
    date: String,
    label: Option<String>,
) -> CommandResult<Event> {
    Ok(state.library()?.add_event(&article_id, start, end, &date, label.as_deref())?)
}

#[tauri::command(async)]
pub fn update_event(state: State<'_, AppState>, id: String, date: Option<String>, label: Option<String>) -> CommandResult<Event> {
    Ok(state.library()?.update_event(&id, date.as_deref(), label.as_deref())?)
}

#[tauri::command(async)]
pub fn set_event_hidden(state: State<'_, AppState>, id: String, hidden: bool) -> CommandResult<Event> {
    Ok(state.library()?.set_event_hidden(&id, hidden)?)
}

/// Dismisses a chronology warning, marks it as a real error in the text, or
/// (with no mark) takes the verdict back.
#[tauri::command(async)]
pub fn mark_warning(state: State<'_, AppState>, id: String, kind: WarningKind, mark: Option<WarningMark>) -> CommandResult<Event> {
    Ok(state.library()?.mark_warning(&id, kind, mark)?)
}

/// The filter's timeline as the Timeline tab opens it: how many events and
/// articles, from when to when, and where articles disagree (the events
/// themselves come a window at a time).
#[tauri::command(async)]
pub fn timeline_overview(state: State<'_, AppState>, filter: TimelineFilter) -> CommandResult<OverviewClaims> {
    Ok(state.library()?.timeline_overview_so_far(&filter)?.into())
}

/// Makes the timelines that are missing (never made, or made by an older
/// extractor) for about `budget_ms`, one article at a time outside the
/// library's lock, and says how many it made and how many are still
/// missing: the Timeline tab calls it until none are, showing its progress
/// and what is ready.
#[tauri::command(async)]
pub fn make_timelines(state: State<'_, AppState>, budget_ms: u32) -> CommandResult<(u32, u32)> {
    let started = std::time::Instant::now();
    let budget = std::time::Duration::from_millis(u64::from(budget_ms.clamp(50, 10_000)));
    let missing = state.library()?.missing_timelines()?;
    let mut made = 0;
    for id in &missing {
        if started.elapsed() >= budget {
            break;
        }
        extract_unlocked(&state, id, false)?;
        made += 1;
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((count(made), count(missing.len() - made)))
}

/// How many of the filter's events fall in each of `buckets` equal slices
/// of the years `from..=to`: the overview strip and the crowded zoom levels.
#[tauri::command(async)]
pub fn timeline_density(
    state: State<'_, AppState>,
    filter: TimelineFilter,
    from: f64,
    to: f64,
    buckets: u32,
) -> CommandResult<TimelineDensity> {
    Ok(state.library()?.timeline_density(&filter, from, to, buckets)?)
}

/// One page of the filter's events that reach into the years `from..to`, in
/// date order, with how many there are in all.
#[tauri::command(async)]
pub fn timeline_window(
    state: State<'_, AppState>,
    filter: TimelineFilter,
    from: f64,
    to: f64,
    offset: u32,
    limit: u32,
) -> CommandResult<TimelineWindow> {
    Ok(state.library()?.timeline_window(&filter, from, to, offset, limit)?)
}

/// The reader's verdict on a disagreement between articles: one event marked
/// right, the flag dismissed, or (with none) the verdict taken back.
#[tauri::command(async)]
pub fn set_disagreement_verdict(state: State<'_, AppState>, key: String, verdict: Option<DisagreementVerdict>) -> CommandResult<()> {
    Ok(state.library()?.set_disagreement_verdict(&key, verdict.as_ref())?)
}

/// Writes the library's timeline (as filtered) to `path` as TimelineJS JSON, CSV or a standalone HTML page.
#[tauri::command(async)]
pub fn export_library_timeline(
    state: State<'_, AppState>,
    filter: TimelineFilter,
    format: TimelineExportFormat,
    path: String,
) -> CommandResult<()> {
    let t = state.library()?.library_timeline(&filter)?;
    Ok(sidenote_core::export::output::write_library_timeline(&t, format, std::path::Path::new(&path))?)
}

/// [`timeline_window`] in the compact form the Timeline tab draws (only
/// what a frame needs of each event).
#[tauri::command(async)]
pub fn timeline_marks(
    state: State<'_, AppState>,
    filter: TimelineFilter,
    from: f64,
    to: f64,
    offset: u32,
    limit: u32,
) -> CommandResult<WindowMarks> {
    Ok(state.library()?.timeline_window(&filter, from, to, offset, limit)?.into())
}
