//! The build-time check that ui/src/api.ts calls exactly the registered
//! commands with their arguments (build/command_check.rs), on small sources of
//! our own: each kind of drift is caught, and the real files agree.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

#[path = "../build/command_check.rs"]
mod command_check;

use command_check::{check, command_arguments, registered_commands, ui_calls};

const HANDLERS: &str = "
    .invoke_handler(ipc_log::counting(tauri::generate_handler![
        shelf::list_books,
        shelf::lend_book,
        links::open_link,
    ]))";

const SHELF: &str = "
#[tauri::command(async)]
pub fn list_books(state: State<'_, AppState>) -> CommandResult<Vec<Book>> { todo() }

#[tauri::command(async)]
pub fn lend_book(state: State<'_, AppState>, book_id: String, due_date: Option<String>, mut copies: Vec<u32>) -> CommandResult<()> { todo() }
";

const LINKS: &str = "
pub fn open_link<R: Runtime>(app: AppHandle<R>, url: String) -> CommandResult<()> { todo() }
";

fn source_of(module: &str) -> Result<String, String> {
    match module {
        "shelf" => Ok(SHELF.into()),
        "links" => Ok(LINKS.into()),
        other => Err(format!("no module {other}")),
    }
}

const GOOD_API: &str = r#"
// Wrappers keep the `call<T>("name", { args })` shape; /* call("not_a_command") */ is a comment.
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> { return invoke(command, args); }
export const api = {
  listBooks: () => call<Book[]>("list_books"),
  lendBook: (bookId: string, due: string | null, copies: number[]) => call<void>("lend_book", { bookId, dueDate: due, copies }),
  openLink: (url: string) => call<Record<string, Array<number>>>("open_link", { url: url || "https://example.org/" }),
};
"#;

#[test]
fn names_and_arguments_are_read_from_both_sides() {
    let registered = registered_commands(HANDLERS).unwrap();
    let names: Vec<(&str, &str)> = registered.iter().map(|r| (r.module.as_str(), r.name.as_str())).collect();
    assert_eq!(names, [("shelf", "list_books"), ("shelf", "lend_book"), ("links", "open_link")]);
    let args: Vec<String> = command_arguments(SHELF, "lend_book").unwrap().into_iter().collect();
    assert_eq!(args, ["bookId", "copies", "dueDate"]);
    assert!(command_arguments(SHELF, "list_books").unwrap().is_empty(), "the state is Tauri's, not the UI's");
    assert_eq!(command_arguments(LINKS, "open_link").unwrap().into_iter().collect::<Vec<_>>(), ["url"]);
    let calls = ui_calls(GOOD_API).unwrap();
    assert_eq!(calls.keys().collect::<Vec<_>>(), ["lend_book", "list_books", "open_link"]);
    assert!(check(&registered, source_of, GOOD_API).is_empty());
}

#[test]
fn every_kind_of_drift_is_reported() {
    let registered = registered_commands(HANDLERS).unwrap();
    let missing = GOOD_API.replace(r#"  listBooks: () => call<Book[]>("list_books"),"#, "");
    assert_eq!(
        check(&registered, source_of, &missing),
        ["`list_books` is registered but ui/src/api.ts has no call(\"list_books\", ...) for it"]
    );

    let extra = GOOD_API.replace("};", "  burn: () => call<void>(\"burn_books\"),\n};");
    assert_eq!(
        check(&registered, source_of, &extra),
        ["ui/src/api.ts calls `burn_books`, which the app does not register in generate_handler!"]
    );

    let renamed = GOOD_API.replace("{ bookId, dueDate: due, copies }", "{ book_id: bookId, dueDate: due, copies }");
    let problems = check(&registered, source_of, &renamed);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("`lend_book` takes [\"bookId\", \"copies\", \"dueDate\"] but ui/src/api.ts passes"), "{problems:?}");

    let twice = GOOD_API.replace("};", "  again: () => call<Book[]>(\"list_books\"),\n};");
    assert_eq!(check(&registered, source_of, &twice), ["list_books is wrapped twice in ui/src/api.ts"]);

    let unknown_module = registered_commands("generate_handler![attic::dust]").unwrap();
    let problems = check(&unknown_module, source_of, r#"call("dust")"#);
    assert_eq!(problems, ["`dust` in src/app/attic.rs: no module attic"]);
}

#[test]
fn the_real_api_matches_the_real_handler_list() {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let registered = registered_commands(&read("src/app/mod.rs")).unwrap();
    assert!(registered.len() > 30);
    let problems =
        check(&registered, |m| std::fs::read_to_string(format!("src/app/{m}.rs")).map_err(|e| e.to_string()), &read("../ui/src/api.ts"));
    assert!(problems.is_empty(), "{problems:?}");
}
