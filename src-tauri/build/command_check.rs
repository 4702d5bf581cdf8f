//! Checks that the UI's command wrappers (`ui/src/api.ts`) call exactly the
//! commands the app registers (`generate_handler![...]` in src/app/mod.rs),
//! each with the arguments its Rust function takes. Run by build.rs, so a
//! command added, renamed or given a new argument on one side only fails the
//! build with the fix, instead of failing at run time in the UI.
//!
//! Plain text scanning, no parser crates: the two files are ours and keep a
//! simple shape (`call<T>("name", { a, b })` on the TypeScript side).

use std::collections::{BTreeMap, BTreeSet};

/// A registered command: `module::name` from the handler list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub module: String,
    pub name: String,
}

/// The `module::name` paths inside `generate_handler![...]`.
pub fn registered_commands(handlers_source: &str) -> Result<Vec<Registered>, String> {
    let start = handlers_source.find("generate_handler![").ok_or("no generate_handler! list")?;
    let list = &handlers_source[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').ok_or("unterminated generate_handler! list")?];
    let commands: Vec<Registered> = list
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| match path.rsplit_once("::") {
            Some((module, name)) => Registered { module: module.rsplit("::").next().unwrap_or(module).to_owned(), name: name.to_owned() },
            None => Registered { module: String::new(), name: path.to_owned() },
        })
        .collect();
    if commands.is_empty() {
        return Err("no commands in the generate_handler! list".into());
    }
    Ok(commands)
}

/// The arguments the UI must pass to command `name` defined in `source`: its
/// parameters minus the ones Tauri fills in itself (state, app handle,
/// window), in camelCase as Tauri expects them.
pub fn command_arguments(source: &str, name: &str) -> Result<BTreeSet<String>, String> {
    let at = [format!("fn {name}("), format!("fn {name}<")]
        .iter()
        .find_map(|pattern| source.find(pattern.as_str()))
        .ok_or_else(|| format!("no `fn {name}` found"))?;
    let after = &source[at..];
    let open = after.find('(').ok_or_else(|| format!("`fn {name}` has no parameter list"))?;
    let params = balanced(&after[open..], '(', ')').ok_or_else(|| format!("`fn {name}`: unbalanced parameter list"))?;
    const FILLED_BY_TAURI: [&str; 5] = ["State<", "AppHandle", "Window", "Webview", "tauri::ipc::Request"];
    Ok(split_top_level(params)
        .into_iter()
        .filter_map(|param| param.split_once(':'))
        .filter(|(_, ty)| !FILLED_BY_TAURI.iter().any(|t| ty.contains(t)))
        .map(|(name, _)| camel_case(name.trim().trim_start_matches("mut ").trim()))
        .collect())
}

/// Every `call<T>("name", { args })` in the UI's wrappers: name → argument keys.
pub fn ui_calls(api_source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let code = without_comments(api_source);
    let api_source = code.as_str();
    let mut calls = BTreeMap::new();
    let mut rest = api_source;
    while let Some(at) = rest.find("call") {
        let before = api_source.len() - rest.len() + at;
        rest = &rest[at + "call".len()..];
        // Only the identifier `call`, not `recall` or `callback`.
        let prev = api_source[..before].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let mut s = rest.trim_start();
        if s.starts_with('<') {
            let generic = balanced(s, '<', '>').ok_or("unbalanced type arguments after `call`")?;
            s = s[generic.len() + 2..].trim_start();
        }
        let Some(s) = s.strip_prefix('(') else { continue };
        let Some(s) = s.trim_start().strip_prefix('"') else { continue };
        let name = &s[..s.find('"').ok_or("unterminated command name")?];
        let s = s[name.len() + 1..].trim_start();
        let mut keys = BTreeSet::new();
        if let Some(s) = s.strip_prefix(',') {
            let s = s.trim_start();
            if s.starts_with('{') {
                let object = balanced(s, '{', '}').ok_or_else(|| format!("{name}: unbalanced argument object"))?;
                for entry in split_top_level(object) {
                    let key = entry.split(':').next().unwrap_or("").trim();
                    if !key.is_empty() {
                        keys.insert(key.to_owned());
                    }
                }
            } else {
                return Err(format!("{name}: pass the arguments as an object literal, e.g. call(\"{name}\", {{ id }})"));
            }
        }
        if calls.insert(name.to_owned(), keys).is_some() {
            return Err(format!("{name} is wrapped twice in ui/src/api.ts"));
        }
    }
    Ok(calls)
}

/// Compares the registered commands (with their sources, by module) with the UI's calls.
pub fn check(registered: &[Registered], source_of: impl Fn(&str) -> Result<String, String>, api_source: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let calls = match ui_calls(api_source) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    for r in registered {
        let Some(keys) = calls.get(&r.name) else {
            problems.push(format!("`{}` is registered but ui/src/api.ts has no call(\"{}\", ...) for it", r.name, r.name));
            continue;
        };
        let wanted = source_of(&r.module).and_then(|source| command_arguments(&source, &r.name));
        match wanted {
            Ok(wanted) if &wanted != keys => problems.push(format!(
                "`{}` takes {:?} but ui/src/api.ts passes {:?}",
                r.name,
                wanted.iter().collect::<Vec<_>>(),
                keys.iter().collect::<Vec<_>>()
            )),
            Ok(_) => {}
            Err(e) => problems.push(format!("`{}` in src/app/{}.rs: {e}", r.name, r.module)),
        }
    }
    for name in calls.keys() {
        if !registered.iter().any(|r| &r.name == name) {
            problems.push(format!("ui/src/api.ts calls `{name}`, which the app does not register in generate_handler!"));
        }
    }
    problems
}

/// TypeScript source with its comments blanked out (strings kept as they
/// are), so that an example in a comment is not taken for a call.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'/') => {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
                out.push(' ');
            }
            None => {
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// The text between `open` at the start of `s` and its matching `close`.
fn balanced(s: &str, open: char, close: char) -> Option<&str> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(&s[open.len_utf8()..i]);
            }
        }
    }
    None
}

/// Splits on commas outside any brackets.
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut from) = (Vec::new(), 0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '<' | '[' | '{' => depth += 1,
            ')' | '>' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(s[from..i].trim());
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s[from..].trim());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
