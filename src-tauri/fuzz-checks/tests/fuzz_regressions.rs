//! Replays saved fuzz inputs on stable Rust, through the same checks the fuzz
//! targets run (`sidenote_fuzz_checks`): the seed corpus of each target
//! (`fuzz/seeds/<target>/`) and every input a fuzzing run found a bug with,
//! minimized (`tests/fuzz-regressions/<target>/`). See docs/security.md,
//! "Fuzzing".
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::path::{Path, PathBuf};

use sidenote_fuzz_checks::TARGETS;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8]), files: &[PathBuf]) {
    for file in files {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: {} fails its check", file.display());
        }
    }
}

#[test]
fn every_target_has_seeds_and_they_pass() {
    for (target, check) in TARGETS {
        let seeds = inputs(&repo().join("fuzz/seeds").join(target));
        assert!(!seeds.is_empty(), "{target} has no seed inputs in fuzz/seeds/{target}");
        replay(target, *check, &seeds);
    }
}

#[test]
fn inputs_that_found_bugs_stay_fixed() {
    let root = repo().join("tests/fuzz-regressions");
    for (target, check) in TARGETS {
        replay(target, *check, &inputs(&root.join(target)));
    }
    // A folder named after no target would be silently skipped.
    for dir in std::fs::read_dir(&root).unwrap() {
        let name = dir.unwrap().file_name().into_string().unwrap();
        assert!(name.starts_with('.') || name == "README.md" || TARGETS.iter().any(|(t, _)| *t == name), "unknown target folder {name}");
    }
}

/// The EPUB target's seeds are books the builder makes (a zip is hard for a
/// fuzzer to find on its own): EPUB 3 and 2, a right-to-left book, and a
/// bomb. Kept in step with the builder: `SIDENOTE_WRITE_SEEDS=1` rewrites them.
#[test]
fn epub_seeds_are_the_builders_books() {
    use sidenote_fuzz_checks::epub_builder::{sample_book, EpubBook};
    let dir = repo().join("fuzz/seeds/epub_import");
    let mut rtl = EpubBook::new(3, "رحلة الملح");
    rtl.language = "ar".into();
    rtl.dir = Some("rtl".into());
    let rtl = rtl.chapter(sidenote_fuzz_checks::epub_builder::Chapter::new(
        "text/one.xhtml",
        "الفصل الأول",
        "<h1>الفصل الأول</h1><p>خرج المد عند الفجر، ونامت القوارب على الطين.</p>",
    ));
    let mut bomb = sample_book(3);
    bomb.extra_entries.push((b"OEBPS/zeros.bin".to_vec(), vec![0; 2_000_000]));
    let books = [
        ("epub3.epub", sample_book(3).build()),
        ("epub2.epub", sample_book(2).build()),
        ("rtl.epub", rtl.build()),
        ("ratio_bomb.epub", bomb.build()),
    ];
    if std::env::var_os("SIDENOTE_WRITE_SEEDS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &books {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    // Compared by what the importer reads from them, not byte for byte: the
    // deflate backend (flate2's, chosen by feature unification) may change the bytes.
    let read = |bytes: Vec<u8>| match sidenote_core::import::load_bytes("seed.epub", bytes, sidenote_core::import::Format::Epub) {
        Ok(l) => Ok((l.extracted.title, l.extracted.text, l.attachments.toc.len())),
        Err(e) => Err(e.kind()),
    };
    for (name, bytes) in &books {
        let kept = std::fs::read(dir.join(name)).unwrap_or_default();
        assert!(
            read(kept) == read(bytes.clone()),
            "fuzz/seeds/epub_import/{name} is not the builder's book; run with SIDENOTE_WRITE_SEEDS=1"
        );
    }
}
