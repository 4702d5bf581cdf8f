//! `sidenote open URL` and `sidenote export --format obsidian`, run as a user
//! would: the real binary on temporary libraries with a text of our own.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

mod common;

use common::{fails, library_with, ok, sidenote};

const FIXTURE: &str = "The lighthouse keeper wrote the weather down at six each morning.\n\n\
In the storm of 1953 the log ran to four pages, and the lamp never went out.\n";

fn setup() -> (tempfile::TempDir, std::path::PathBuf, String, String) {
    let (dir, library, id) = library_with("keeper.txt", FIXTURE);
    let highlight = ok(&library, &["highlight", &id, "--quote", "the lamp never went out", "--note", "Four pages!"]).trim().to_owned();
    (dir, library, id, highlight)
}

#[test]
fn open_checks_links_against_the_library() {
    let (_dir, library, id, highlight) = setup();
    // --check prints where a link leads, ids completed from unique prefixes.
    let url = format!("sidenote://open/{}#h={}", &id[..8], &highlight[..8]);
    let passage: serde_json::Value = serde_json::from_str(&ok(&library, &["open", "--check", &url])).unwrap();
    assert_eq!(passage, serde_json::json!({ "articleId": id, "highlightId": highlight }));
    let passage: serde_json::Value =
        serde_json::from_str(&ok(&library, &["open", "--check", &format!("sidenote://open/{id}#o=70")])).unwrap();
    assert_eq!(passage, serde_json::json!({ "articleId": id, "offset": 70 }));

    // Malformed links and unknown ids: one clear line each, exit status 1.
    let unknown_article = "sidenote://open/00000000-0000-4000-8000-000000000000";
    for (url, says) in [
        ("https://example.org/x", "does not start with sidenote://"),
        ("sidenote://open/", "article id is missing"),
        ("sidenote://open/abc#o=many", "not a whole number"),
        (unknown_article, "article not found"),
        (&format!("sidenote://open/{id}#h=00000000-dead-4000-8000-000000000000") as &str, "highlight"),
        (&format!("sidenote://open/{id}#o=999999") as &str, "past the end"),
    ] {
        let err = fails(&library, &["open", "--check", url]);
        assert!(err.to_lowercase().contains(says), "{url}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    // Without --check and without a display, opening the app says so instead of crashing.
    let out = sidenote(&library, &["open", &format!("sidenote://open/{id}#h={highlight}")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no display"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn exports_carry_the_links_that_open_reads() {
    let (_dir, library, id, highlight) = setup();
    let link = format!("sidenote://open/{id}#h={highlight}");
    for format in ["md", "html", "csv"] {
        let out = ok(&library, &["export", "--format", format]);
        assert!(out.contains(&link), "{format}: {out}");
    }
    ok(&library, &["open", "--check", &link]);
}

#[test]
fn obsidian_vault_round_trip_keeps_the_users_writing() {
    let (dir, library, id, highlight) = setup();
    let vault = dir.path().join("My Vault");
    let out = |library: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&ok(library, &["export", "--format", "obsidian", "--out", vault.to_str().unwrap()])).unwrap()
    };
    let first = out(&library);
    assert_eq!(first["written"].as_array().unwrap().len(), 1, "{first}");
    let name = first["written"][0].as_str().unwrap().to_owned();
    assert_eq!(name, "The lighthouse keeper wrote the weather down at.md", "named after the title");
    let path = vault.join(&name);
    let note = std::fs::read_to_string(&path).unwrap();
    assert!(note.contains(&format!("^sn-{highlight}\n")), "{note}");
    assert!(note.contains(&format!("[Open in Sidenote](sidenote://open/{id}#h={highlight})")), "{note}");

    // The user writes below the section; a re-export is byte-identical.
    let edited = format!("{note}\n## Mine\n\nStorms of the 1950s: see [[Coast log]].\n");
    std::fs::write(&path, &edited).unwrap();
    let second = out(&library);
    assert_eq!(second["unchanged"], serde_json::json!([name]), "{second}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);

    // A changed note rewrites Sidenote's section only.
    ok(&library, &["note", &highlight, "Four pages, in pencil."]);
    let third = out(&library);
    assert_eq!(third["written"], serde_json::json!([name]), "{third}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Four pages, in pencil.") && text.ends_with("## Mine\n\nStorms of the 1950s: see [[Coast log]].\n"), "{text}");

    // --out is required; an unknown format names obsidian among the choices.
    assert!(fails(&library, &["export", "--format", "obsidian"]).contains("--out VAULT_DIR"));
    assert!(fails(&library, &["export", "--format", "notion"]).contains("obsidian"));
}
