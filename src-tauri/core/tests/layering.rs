//! The core's structure, checked on its source (`src/`):
//! - the store owns every table: no SQL, and no `rusqlite`, in product code
//!   outside `store/` (the error enum may wrap SQLite's error), and
//!   `impl Library` only in `store/`;
//! - no import circles: between the core's top-level modules, and between
//!   the files of one folder;
//! - one convention for out-of-line unit tests: a module's are child modules
//!   in its own folder (`foo/tests.rs`), never a `foo_tests.rs` sibling or a
//!   `#[path]`.
//!
//! Test code (`#[cfg(test)]` items and the modules they declare) may do as
//! it likes. String literals are where SQL is looked for, so prose in
//! comments and messages is never taken for it.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One source file: its module path and what it holds outside test code.
struct Source {
    file: String,
    module: Vec<String>,
    /// The code with comments removed and string literals blanked (same length).
    code: String,
    /// String literals outside test code.
    strings: Vec<String>,
    /// Modules this file declares with `#[cfg(test)] mod name;`.
    test_children: Vec<String>,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `store/highlights/tests.rs` -> [store, highlights, tests]; `mod.rs` and `lib.rs` name their folder.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// Splits Rust source into code (comments gone, string contents blanked)
/// and its string literals.
fn lex(text: &str) -> (String, Vec<(usize, String)>) {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut i = 0;
    let blank = |code: &mut String, n: usize| code.extend(std::iter::repeat_n(' ', n));
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                code.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    blank(&mut code, 2);
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    blank(&mut code, 2);
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    code.push(if chars[i] == '\n' { '\n' } else { ' ' });
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || (next == Some('#') && raw_string_start(&chars, i + 1)))
            && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let start = i + 2 + hashes;
            let mut j = start;
            while j < chars.len() && !(chars[j] == '"' && chars[j + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes) {
                j += 1;
            }
            strings.push((i, chars[start..j].iter().collect()));
            blank(&mut code, j + 1 + hashes - i);
            i = j + 1 + hashes;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            strings.push((i, chars[i + 1..j.min(chars.len())].iter().collect()));
            blank(&mut code, j + 1 - i);
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '"'); otherwise a lifetime.
            let len = if next == Some('\\') {
                chars[i + 2..].iter().position(|&q| q == '\'').map(|p| p + 3)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(3)
            } else {
                None
            };
            match len {
                Some(n) => {
                    blank(&mut code, n);
                    i += n;
                }
                None => {
                    code.push(c);
                    i += 1;
                }
            }
        } else {
            code.push(c);
            i += 1;
        }
    }
    (code, strings)
}

fn raw_string_start(chars: &[char], from: usize) -> bool {
    chars[from..].iter().find(|&&c| c != '#') == Some(&'"')
}

/// The byte ranges of `#[cfg(test)]` items in `code`, and the modules such
/// items declare without a body.
fn test_items(code: &str) -> (Vec<(usize, usize)>, Vec<String>) {
    let bytes = code.as_bytes();
    let mut ranges = Vec::new();
    let mut children = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]").map(|p| p + from) {
        let mut depth = 0i32;
        let mut end = at + "#[cfg(test)]".len();
        // The item ends at its first `;` outside brackets, or with the block it opens.
        while end < bytes.len() {
            match bytes[end] {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b';' if depth == 0 => break,
                b'{' if depth == 0 => {
                    let mut braces = 0;
                    while end < bytes.len() {
                        match bytes[end] {
                            b'{' => braces += 1,
                            b'}' => {
                                braces -= 1;
                                if braces == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        end += 1;
                    }
                    break;
                }
                _ => {}
            }
            end += 1;
        }
        let item = &code[at..end.min(code.len())];
        if let Some(name) = item.split_whitespace().skip_while(|w| *w != "mod").nth(1) {
            if item.trim_end().ends_with(name) || !item.contains('{') {
                children.push(name.trim_end_matches(';').to_owned());
            }
        }
        ranges.push((at, end + 1));
        from = end.min(code.len());
    }
    (ranges, children)
}

fn sources() -> Vec<Source> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut all: Vec<Source> = files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let relative = path.strip_prefix(&root).unwrap();
            let (code, strings) = lex(&text);
            let (ranges, test_children) = test_items(&code);
            let in_test = |at: usize| ranges.iter().any(|(s, e)| (*s..*e).contains(&at));
            // Byte offsets of `code` match char offsets of the text only for ASCII; map through chars.
            let char_to_byte: Vec<usize> = code.char_indices().map(|(b, _)| b).collect();
            let strings = strings.into_iter().filter(|(at, _)| !in_test(char_to_byte[*at])).map(|(_, s)| s).collect();
            let mut kept = code.clone();
            for (s, e) in ranges.iter().rev() {
                let (s, e) = (*s, (*e).min(kept.len()));
                kept.replace_range(s..e, &" ".repeat(e - s));
            }
            Source { file: relative.to_string_lossy().into_owned(), module: module_of(relative), code: kept, strings, test_children }
        })
        .collect();
    // Modules declared under #[cfg(test)], and everything inside them, are test code.
    let mut test_modules: Vec<Vec<String>> =
        all.iter().flat_map(|s| s.test_children.iter().map(|c| [s.module.clone(), vec![c.clone()]].concat())).collect();
    test_modules.sort();
    all.retain(|s| !test_modules.iter().any(|t| s.module.starts_with(t)));
    all
}

/// Statement and clause keywords of SQL, as our SQL spells them (upper case).
const SQL_WORDS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "PRAGMA", "REPLACE", "FROM", "INTO", "WHERE", "VALUES", "JOIN",
    "SET", "TABLE", "ORDER", "GROUP", "LIMIT", "EXISTS", "COLLATE", "BEGIN", "COMMIT", "ROLLBACK",
];
const STATEMENTS: &[&str] = &["SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "PRAGMA", "REPLACE", "WITH", "BEGIN"];

/// A literal that reads as SQL: one starting with a statement keyword, or
/// holding two of SQL's keywords, written in capitals as SQL is.
fn is_sql(literal: &str) -> bool {
    let words: Vec<&str> = literal.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').filter(|w| !w.is_empty()).collect();
    let starts = words.first().is_some_and(|w| STATEMENTS.contains(w)) && words.len() > 1;
    let distinct: BTreeSet<&&str> = words.iter().filter(|w| SQL_WORDS.contains(w)).collect();
    starts || distinct.len() >= 2
}

#[test]
fn sql_is_told_from_prose() {
    for sql in [
        "SELECT id FROM articles",
        "INSERT INTO tags (name) VALUES (?1)",
        "UPDATE highlights SET note = ?2 WHERE id = ?1",
        "DELETE FROM events WHERE article_id = ?1",
        "PRAGMA user_version",
        "AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)",
        "coalesce(a.site, '') COLLATE NOCASE ORDER BY x",
    ] {
        assert!(is_sql(sql), "{sql}");
    }
    for prose in [
        "Select text and press E to add an event",
        "the SELECT key",
        "delete them before hiding it",
        "{what}: the highlight is not in the article's text",
        "PAST_REF",
        "Set",
    ] {
        assert!(!is_sql(prose), "{prose}");
    }
}

#[test]
fn the_lexer_sees_code_comments_and_strings_apart() {
    let (code, strings) =
        lex("let a = '\"'; // SELECT x FROM y\nlet b = r#\"UPDATE \"t\" SET\"#; /* FROM /* WHERE */ */ f('x', \"q\\\"\");");
    assert_eq!(strings.into_iter().map(|(_, s)| s).collect::<Vec<_>>(), ["UPDATE \"t\" SET", "q\\\""]);
    assert!(!code.contains("SELECT") && !code.contains("WHERE") && code.contains("let b") && code.contains("f("), "{code}");
    let (ranges, children) =
        test_items("fn a() {}\n#[cfg(test)]\nmod tests;\n#[cfg(test)]\nmod inline {\n    fn b() { x(); }\n}\nfn c() {}");
    assert_eq!(children, ["tests"]);
    assert_eq!(ranges.len(), 2);
}

#[test]
fn the_store_owns_every_table() {
    let mut found = Vec::new();
    for s in sources().iter().filter(|s| s.module.first().map(String::as_str) != Some("store")) {
        for literal in s.strings.iter().filter(|l| is_sql(l)) {
            found.push(format!("{}: SQL {literal:?}", s.file));
        }
        if s.file != "error.rs" && s.code.contains("rusqlite") {
            found.push(format!("{}: uses rusqlite", s.file));
        }
        if s.code.contains("impl Library") {
            found.push(format!("{}: extends Library (impl Library belongs in store/)", s.file));
        }
    }
    assert!(found.is_empty(), "outside store/:\n{}", found.join("\n"));
}

/// The modules `code` (of the file at `module`) refers to, as full module paths.
fn references(module: &[String], code: &str, known: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let is_dir = |m: &[String]| known.iter().any(|k| k.len() > m.len() && k.starts_with(m));
    // `super` in a folder's mod.rs is that folder's parent.
    let own_parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    let mut out = BTreeSet::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", own_parent)] {
        let mut from = 0;
        while let Some(at) = code[from..].find(prefix).map(|p| p + from) {
            from = at + prefix.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            for path in use_paths(&code[from..]) {
                // The longest known module the path names.
                let mut full = base.clone();
                let mut best = None;
                for seg in path {
                    full.push(seg);
                    if known.contains(&full) {
                        best = Some(full.clone());
                    }
                }
                if let Some(target) = best {
                    out.insert(target);
                }
            }
        }
    }
    out.retain(|t| t.as_slice() != module && !(is_dir(module) && t.starts_with(module)));
    out
}

/// The paths a `use` tree or path expression starting at `rest` names:
/// `a::b::C`, `a::{b, c::d}`, `{a, b}`.
fn use_paths(rest: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut items = Vec::new();
        let mut current = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            }
            current.push(c);
        }
        items.push(current);
        return items.iter().flat_map(|i| use_paths(i)).collect();
    }
    let first = ident(rest);
    if first.is_empty() || first == "self" {
        return Vec::new();
    }
    let after = &rest[first.len()..];
    match after.strip_prefix("::") {
        Some(more) => {
            let tails = use_paths(more);
            if tails.is_empty() {
                vec![vec![first]]
            } else {
                tails.into_iter().map(|t| [vec![first.clone()], t].concat()).collect()
            }
        }
        None => vec![vec![first]],
    }
}

/// A cycle in `graph`, if there is one, as the list of its nodes.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            return Some([&path[i..], &[node.to_owned()]].concat());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_circles() {
    let all = sources();
    let known: BTreeSet<Vec<String>> = all.iter().map(|s| s.module.clone()).collect();
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut siblings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &all {
        for target in references(&s.module, &s.code, &known) {
            let (Some(from), Some(to)) = (s.module.first(), target.first()) else { continue };
            if from != to {
                top.entry(from.clone()).or_default().insert(to.clone());
            }
            // Files of one folder (a folder's mod.rs is its parent, not a sibling).
            let folder = &s.module[..s.module.len().saturating_sub(1)];
            let is_mod_rs = all.iter().any(|o| o.module.len() > s.module.len() && o.module.starts_with(&s.module));
            if !is_mod_rs && target.len() == s.module.len() && target.starts_with(folder) {
                siblings.entry(s.module.join("::")).or_default().insert(target.join("::"));
            }
        }
    }
    assert!(top.contains_key("export") && top["export"].contains("store"), "the graph is read: {top:?}");
    if let Some(c) = cycle(&top) {
        panic!("modules import each other in a circle: {}", c.join(" -> "));
    }
    if let Some(c) = cycle(&siblings) {
        panic!("files of one folder import each other in a circle: {}", c.join(" -> "));
    }
}

#[test]
fn out_of_line_tests_live_in_their_modules_folder() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with("_tests.rs"), "{}: a module's tests go in its folder, as <module>/tests.rs", path.display());
        let (code, _) = lex(&std::fs::read_to_string(&path).unwrap());
        assert!(!code.contains("#[path"), "{}: no #[path] modules", path.display());
    }
}
