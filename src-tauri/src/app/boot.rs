//! The launch's answers, handed to the page before its scripts run.
//!
//! At launch the UI needs the settings, the files and link it was opened
//! with, and the library view's first page before it can draw anything. Asked
//! over IPC, the answers are ready in the shell within a millisecond but
//! reach the page only after its first style, layout and paint of an empty
//! chrome (issue 24: ~50 ms at every launch, then a second layout and paint
//! for the rows). Given with the window as an initialization script, they are
//! there when the UI's script starts, and the first frame shows the library.
//!
//! The contract with `ui/src/lib/boot.ts`: `window.__SIDENOTE_BOOT__` holds a
//! [`Boot`] (camelCase), set once per window: the script marks the page's
//! session storage, so a reload (after a restore, or a person's Ctrl+R) finds
//! no stale answers and asks over IPC as before. The page takes the object
//! and deletes it. Without it (the library did not open, or the storage was
//! refused) the page asks over IPC.

use serde::Serialize;
use serde_json::{Map, Value};
use sidenote_core::links::Passage;
use sidenote_core::{ArticleSummary, ErrorPayload, ImportReport, Library, ListQuery, SortKey};

use super::AppState;

/// The global the page reads, and the session-storage key that keeps a
/// reload from reading the launch's answers again.
const GLOBAL: &str = "__SIDENOTE_BOOT__";
const USED_KEY: &str = "sidenote:boot-used";

/// Rows on the library view's first page: `PAGE` in `ui/src/views/library.ts`.
const LAUNCH_PAGE: u32 = 200;

/// What the launch would otherwise ask over IPC.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Boot {
    /// `get_settings`.
    settings: Map<String, Value>,
    /// `take_pending_opens`: the files the app was launched with, imported.
    pending_opens: Vec<ImportReport>,
    /// `take_pending_link`: the passage a launch link leads to, or why not.
    pending_link: Option<Passage>,
    pending_link_error: Option<ErrorPayload>,
    /// The library view's first page, when the launch will show the library
    /// (no last article, no files, no link); `null` otherwise.
    first_page: Option<FirstPage>,
}

/// `list_articles` and `count_articles` for the launch's query. The page
/// uses them only if `query` is the one it would ask itself.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FirstPage {
    query: ListQuery,
    rows: Vec<ArticleSummary>,
    total: u64,
}

/// The library view's launch query: no search, newest import first, one row
/// more than a page to tell whether there are more.
fn launch_query() -> ListQuery {
    ListQuery { search: String::new(), sort: SortKey::Imported, descending: true, limit: Some(LAUNCH_PAGE + 1), offset: None }
}

/// Gathers the launch's answers; `None` when the library is not open (the
/// page then asks, and shows why with the ways out). Takes the pending
/// files and link: the page gets them from here or not at all.
pub fn gather(state: &AppState) -> Option<Boot> {
    // One hold of the library for the settings and the page; the launch's
    // files and link are kept outside it and taken while it is held.
    let lib = state.library().ok()?;
    let settings = lib.all_settings().ok()?;
    let pending_opens = state.take_pending_opens();
    let (pending_link, pending_link_error) = match state.take_pending_link() {
        Some(Ok(passage)) => (Some(passage), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    let shows_article = settings.get("lastArticle").is_some_and(Value::is_string);
    let shows_library = !shows_article && pending_opens.is_empty() && pending_link.is_none() && pending_link_error.is_none();
    let first_page = if shows_library { first_page(&lib) } else { None };
    Some(Boot { settings, pending_opens, pending_link, pending_link_error, first_page })
}

fn first_page(lib: &Library) -> Option<FirstPage> {
    let query = launch_query();
    let rows = lib.list_articles(&query).ok()?;
    let total = lib.count_articles(&query).ok()?;
    Some(FirstPage { query, rows, total })
}

/// The initialization script that sets the answers for the first page load.
/// JSON is valid JavaScript, and serde escapes every quote and backslash in
/// the titles it carries, so nothing in them can end the literal.
pub fn script(boot: &Boot) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(boot)?;
    Ok(format!(
        "(function(){{try{{if(window.sessionStorage.getItem(\"{USED_KEY}\"))return;window.sessionStorage.setItem(\"{USED_KEY}\",\"1\");}}catch(e){{return;}}\
         Object.defineProperty(window,\"{GLOBAL}\",{{value:{json},configurable:true,writable:true}});}})();"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(script: &str) -> Value {
        let start = script.find("value:").expect("value") + "value:".len();
        let end = script.rfind(",configurable").expect("end");
        // The only code outside the JSON is ours.
        assert_eq!(&script[end..], ",configurable:true,writable:true});})();");
        serde_json::from_str(&script[start..end]).expect("the answers are JSON")
    }

    #[test]
    fn a_launch_on_the_library_gets_its_settings_and_first_page() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::open(Ok(dir.path().to_path_buf()));
        state.library().expect("open").set_setting("theme", &Value::String("sepia".into())).expect("set");
        let value = parsed(&script(&gather(&state).expect("boot")).expect("script"));
        assert_eq!(value["settings"]["theme"], "sepia");
        assert_eq!(value["pendingOpens"], serde_json::json!([]));
        assert!(value["pendingLink"].is_null() && value["pendingLinkError"].is_null());
        let query = &value["firstPage"]["query"];
        assert_eq!(
            (query["search"].as_str(), query["sort"].as_str(), query["descending"].as_bool()),
            (Some(""), Some("imported"), Some(true))
        );
        assert_eq!(query["limit"], LAUNCH_PAGE + 1);
        // A new library holds the sample article: the row the view lists.
        assert_eq!(value["firstPage"]["total"], 1);
        assert_eq!(value["firstPage"]["rows"].as_array().map(Vec::len), Some(1));
        // Once per window: a reload finds the mark and leaves the global unset.
        let script = script(&gather(&state).expect("boot")).expect("script");
        assert!(script.starts_with("(function(){try{if(window.sessionStorage.getItem(\"sidenote:boot-used\"))return;"));
    }

    #[test]
    fn the_pending_files_and_link_are_taken_once_and_no_page_is_listed_for_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::open(Ok(dir.path().to_path_buf()));
        state.queue_link("sidenote://open/no-such-article");
        let first = gather(&state).expect("boot");
        assert!(first.pending_link.is_none() && first.pending_link_error.is_some(), "{first:?}");
        assert!(first.first_page.is_none(), "the launch shows the link's outcome, not a page");
        let again = gather(&state).expect("boot");
        assert!(again.pending_link_error.is_none() && again.first_page.is_some(), "{again:?}");
        // An article to reopen: the launch shows it, not the library.
        state.library().expect("open").set_setting("lastArticle", &Value::String("some-id".into())).expect("set");
        assert!(gather(&state).expect("boot").first_page.is_none());
    }

    #[test]
    fn no_answers_when_the_library_did_not_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join(sidenote_core::store::LIBRARY_FILE)).expect("blocker");
        let state = AppState::open(Ok(dir.path().to_path_buf()));
        state.queue_opens(Vec::new());
        assert!(gather(&state).is_none(), "the page asks, and shows why");
    }

    #[test]
    fn hostile_text_in_the_answers_stays_inside_its_string() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::open(Ok(dir.path().to_path_buf()));
        let hostile = "\"});alert(1);//\u{2028}</script><script>x()</script>\\";
        state.library().expect("open").set_setting("note", &Value::String(hostile.into())).expect("set");
        let value = parsed(&script(&gather(&state).expect("boot")).expect("script"));
        assert_eq!(value["settings"]["note"], hostile);
    }
}
