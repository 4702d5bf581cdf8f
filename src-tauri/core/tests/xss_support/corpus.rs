//! Reading the XSS corpus (tests/security/xss-vectors.txt). Used by the core
//! tests (through xss_support) and by the e2e tests, which include this file
//! with `#[path]`: it needs nothing but std.

#![allow(dead_code)]

use std::path::PathBuf;

/// One vector of the corpus.
#[derive(Debug, Clone)]
pub struct Vector {
    pub index: usize,
    pub family: String,
    pub payload: String,
}

/// The corpus file, found above the including crate: sidenote-core and
/// sidenote-e2e sit two folders below the workspace root, sidenote (the
/// browser host's test) one.
pub fn corpus_path() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let in_root = |root: &std::path::Path| root.join("tests/security/xss-vectors.txt");
    crate_dir.ancestors().map(in_root).find(|p| p.is_file()).unwrap_or_else(|| in_root(&crate_dir.join("../..")))
}

/// Reads the corpus, expanding the character tokens; `trap` replaces {TRAP}
/// (an origin) and `trap_host` replaces {TRAPHOST}.
pub fn load_vectors(trap: &str, trap_host: &str) -> Vec<Vector> {
    let path = corpus_path();
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    raw.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .enumerate()
        .map(|(index, line)| {
            let (family, payload) = line.split_once('\t').unwrap_or_else(|| panic!("line without a family tag: {line}"));
            let payload = payload
                .replace("{NUL}", "\0")
                .replace("{TAB}", "\t")
                .replace("{LF}", "\n")
                .replace("{CR}", "\r")
                .replace("{FF}", "\u{c}")
                .replace("{TRAP}", trap)
                .replace("{TRAPHOST}", trap_host);
            Vector { index, family: family.to_owned(), payload }
        })
        .collect()
}
