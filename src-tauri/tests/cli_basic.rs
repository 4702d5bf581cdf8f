//! The headless CLI, run as a user would: the real binary on a temporary library.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{command, failed, ok, sidenote, succeeded};

/// A failure reported in one line; returns it.
fn err(out: &Output) -> String {
    let stderr = failed(out);
    assert_eq!(stderr.trim_end().lines().count(), 1, "one-line error expected: {stderr}");
    stderr
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn article_count(library: &Path) -> usize {
    let out = ok(library, &["list", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().len()
}

#[test]
fn import_list_show_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = write(
        tmp.path(),
        "orchard.md",
        b"# Winter Pruning\n\nCut back the apple trees in February, before the sap rises.\n\nLeave the pear trees until summer.\n",
    );
    let id = ok(&lib, &["import", file.to_str().unwrap()]).trim().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert!(lib.join("library.sqlite3").exists());

    let list: serde_json::Value = serde_json::from_str(&ok(&lib, &["list", "--json"])).unwrap();
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["title"], "Winter Pruning");
    assert_eq!(list[0]["wordCount"], 17);

    let shown = ok(&lib, &["show", &id[..8]]);
    assert!(shown.starts_with("Winter Pruning\n"));
    assert!(shown.contains("Cut back the apple trees in February, before the sap rises.\n\nLeave the pear trees until summer."));
    let json: serde_json::Value = serde_json::from_str(&ok(&lib, &["show", &id, "--json"])).unwrap();
    assert_eq!(json["text"], "Cut back the apple trees in February, before the sap rises.\n\nLeave the pear trees until summer.");
    assert!(json["html"].as_str().unwrap().contains("data-o=\"61\""));

    // The same content again is not stored twice.
    let again = sidenote(&lib, &["import", file.to_str().unwrap()]);
    assert_eq!(succeeded(&again).trim(), id);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in the library"));
    assert_eq!(article_count(&lib), 1);
}

#[test]
fn import_json_and_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let mut child =
        command(&lib).args(["import", "-", "--json"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"Canal Locks\n\nA lock lifts a boat from one level of water to the next.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let record: serde_json::Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(record["title"], "Canal Locks");
    assert_eq!(record["sourceKind"], "text");
    assert_eq!(record["text"], "A lock lifts a boat from one level of water to the next.");
}

#[test]
fn library_from_environment_variable() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("from-env");
    let file = write(tmp.path(), "a.txt", b"Field Notes\n\nThe heron waited at the edge of the reeds for most of an hour.\n");
    let out = Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .env("SIDENOTE_LIBRARY", &lib)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    succeeded(&out);
    assert!(lib.join("library.sqlite3").exists());
}

#[test]
fn bad_input_gets_one_clear_line_and_stores_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let empty = write(tmp.path(), "empty.txt", b"");
    let blank = write(tmp.path(), "blank.txt", b"  \n\n \t\n");
    let pdf = write(tmp.path(), "paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    let binary = write(tmp.path(), "blob.txt", b"abc\0\0\0\x01\x02def");
    let big = tmp.path().join("huge.txt");
    std::fs::File::create(&big).unwrap().set_len(51 * 1024 * 1024).unwrap();

    assert!(err(&sidenote(&lib, &["import", empty.to_str().unwrap()])).contains("is empty"));
    assert!(err(&sidenote(&lib, &["import", blank.to_str().unwrap()])).contains("is empty"));
    assert!(err(&sidenote(&lib, &["import", pdf.to_str().unwrap()])).contains("unsupported file type"));
    assert!(err(&sidenote(&lib, &["import", binary.to_str().unwrap()])).contains("binary"));
    assert!(err(&sidenote(&lib, &["import", big.to_str().unwrap()])).contains("too large"));
    assert!(err(&sidenote(&lib, &["import", "/no/such/file.txt"])).contains("No such file"));
    assert!(err(&sidenote(&lib, &["show", "ffffffff"])).contains("not found"));
    assert_eq!(article_count(&lib), 0);
}

#[test]
fn extract_prints_without_storing() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = write(tmp.path(), "page.txt", b"Tide Tables\n\nHigh water comes about fifty minutes later each day.\n");
    let out: serde_json::Value = serde_json::from_str(&ok(&lib, &["extract", file.to_str().unwrap(), "--json"])).unwrap();
    for key in ["title", "byline", "site", "published", "lang", "text", "html"] {
        assert!(out.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(out["title"], "Tide Tables");
    assert_eq!(out["text"], "High water comes about fifty minutes later each day.");
    assert!(!lib.exists(), "extract must not create a library");
}

/// The canonical document, when ../shared is present beside the checkout.
#[test]
fn canonical_seed_imports() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds/000_d75f1f55d4eada39.txt");
    if !seed.exists() {
        eprintln!("skipping canonical_seed_imports: {} is absent (../shared is not beside this checkout)", seed.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let id = ok(&lib, &["import", seed.to_str().unwrap()]).trim().to_owned();
    let shown: serde_json::Value = serde_json::from_str(&ok(&lib, &["show", &id, "--json"])).unwrap();
    let text = shown["text"].as_str().unwrap();
    assert!(text.contains("Bush and then-President Vladimir Putin met for the first time in Ljubljana"));
}

#[test]
fn subcommands_win_over_file_arguments_and_no_display_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = write(tmp.path(), "dune.txt", b"Dunes\n\nMarram grass holds the sand together against the wind.\n");
    // `--library DIR import FILE` is the import subcommand, not two files to open.
    let id = ok(&lib, &["import", file.to_str().unwrap()]);
    assert_eq!(id.trim().len(), 36);
    // With no subcommand and no display, the app refuses in one line instead of crashing.
    let out = command(&lib).arg(&file).env_remove("WAYLAND_DISPLAY").output().unwrap();
    assert!(err(&out).contains("no display"));
}

#[test]
fn a_reader_closing_the_output_early_stops_the_command_quietly() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let text = "In June 2001 the ferry sailed from the northern port. ".repeat(20_000);
    let file = write(tmp.path(), "long.txt", text.as_bytes());
    // Like `sidenote dates long.txt --json | head -c 100`.
    let mut child = command(&tmp.path().join("lib"))
        .args(["dates", file.to_str().unwrap(), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // dropped: the pipe closes
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.trim().is_empty(), "nothing to say about a closed pipe: {stderr}");
}
