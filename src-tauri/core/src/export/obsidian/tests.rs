use std::path::Path;

use super::*;
use crate::export::collect;
use crate::model::{Extracted, SourceKind};
use crate::store::NewArticle;
use crate::Color;

const TEXT: &str = "The ferry stopped running in the spring of 1962.\n\nIslanders rowed to the mainland for flour and letters.";

fn library() -> (Library, String) {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib
        .insert_article(NewArticle {
            extracted: Extracted { title: "The Last Ferry".into(), text: TEXT.into(), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: Some("https://ferry.example/1962".into()),
            raw: None,
            encoding: None,
        })
        .unwrap();
    let id = a.summary.id;
    lib.create_highlight_from_quote(&id, "rowed to the mainland", None, Color::Green, "By *hand*.", &["island life".into()]).unwrap();
    lib.create_highlight_from_quote(&id, "The ferry stopped running", None, Color::Yellow, "", &[]).unwrap();
    (lib, id)
}

fn export(lib: &mut Library, dir: &Path) -> VaultReport {
    let notes = collect(lib, &[]).unwrap();
    export_vault(lib, &notes, dir).unwrap()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The .md files in the folder, sorted.
fn notes_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_note_per_article_with_properties_block_ids_and_links() {
    let (mut lib, id) = library();
    let vault = tempfile::tempdir().unwrap();
    let report = export(&mut lib, vault.path());
    // The sample article is not in this library: exactly our article's note.
    assert_eq!(report.written, vec!["The Last Ferry.md".to_owned()]);
    let text = read(vault.path(), "The Last Ferry.md");
    assert!(text.starts_with("---\ntitle: \"The Last Ferry\"\n"), "{text}");
    assert!(text.contains(&format!("sidenote-id: \"{id}\"\nsidenote-link: \"sidenote://open/{id}\"\n")), "{text}");
    assert!(text.contains("tags:\n  - \"island-life\"\n---\n"), "{text}");
    for h in lib.article_highlights(&id).unwrap() {
        let block = format!("\n^sn-{}\n", h.id);
        assert!(text.contains(&block), "block id of {}: {text}", h.exact);
        assert!(text.contains(&format!("[Open in Sidenote](sidenote://open/{id}#h={})", h.id)), "{text}");
    }
    // Text order, each quote followed by its block id.
    let first = text.find("> The ferry stopped running").unwrap();
    let second = text.find("> rowed to the mainland").unwrap();
    assert!(first < second);
    assert!(text[second..].starts_with("> rowed to the mainland\n\n^sn-"), "{text}");
    assert!(text.contains("*green* #island-life · [Open in Sidenote]"), "{text}");
    assert!(text.contains("By *hand*.\n"), "the note is the reader's Markdown, as written");
    assert!(text.trim_end().ends_with(CLOSING));
}

#[test]
fn re_export_keeps_the_users_writing_and_changes_nothing_else() {
    let (mut lib, id) = library();
    let vault = tempfile::tempdir().unwrap();
    export(&mut lib, vault.path());
    let path = vault.path().join("The Last Ferry.md");
    let exported = std::fs::read_to_string(&path).unwrap();
    // The user adds a property, a paragraph above the section and one below.
    let edited = exported
        .replacen("---\n\n", "---\n\nMy thoughts before: compare with the 1958 timetable.\n\n", 1)
        // Obsidian's property editor adds new properties at the end.
        .replacen("  - \"island-life\"\n---\n", "  - \"island-life\"\nstatus: reading\nrating: 4\n---\n", 1)
        + "\n## My own notes\n\nSee [[Island economy]].\n";
    std::fs::write(&path, &edited).unwrap();
    // A second export changes nothing: byte-identical, not even rewritten.
    let report = export(&mut lib, vault.path());
    assert_eq!(report.unchanged, vec!["The Last Ferry.md".to_owned()], "{report:?}");
    assert!(report.written.is_empty());
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(kept.contains("status: reading\nrating: 4\n"), "{kept}");
    assert!(kept.contains("\nMy thoughts before: compare with the 1958 timetable.\n\n%% sidenote:begin"), "{kept}");
    assert!(kept.ends_with("%% sidenote:end %%\n\n## My own notes\n\nSee [[Island economy]].\n"), "{kept}");

    // A change in the library rewrites the section only.
    let h = lib.article_highlights(&id).unwrap().into_iter().find(|h| h.exact == "The ferry stopped running").unwrap();
    lib.update_highlight(&h.id, &crate::HighlightPatch { note: Some("Why then?".into()), ..Default::default() }).unwrap();
    lib.create_highlight_from_quote(&id, "flour and letters", None, Color::Pink, "", &[]).unwrap();
    let report = export(&mut lib, vault.path());
    assert_eq!(report.written, vec!["The Last Ferry.md".to_owned()]);
    let updated = std::fs::read_to_string(&path).unwrap();
    assert!(updated.contains("Why then?") && updated.contains("> flour and letters"), "{updated}");
    assert!(updated.contains(&format!("^sn-{}\n", h.id)), "the block id is the same: {updated}");
    let outside = |t: &str| {
        let (start, end) = (t.find(OPENING_TAG).unwrap(), t.find(CLOSING).unwrap() + CLOSING.len());
        (t[..start].replace(&t[t.find("title:").unwrap()..t.find("status:").unwrap()], ""), t[end..].to_owned())
    };
    assert_eq!(outside(&updated), outside(&kept), "the user's text around the section is byte for byte the same");
    // And again: idempotent.
    let again = export(&mut lib, vault.path());
    assert!(again.written.is_empty() && again.unchanged.len() == 1, "{again:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), updated);
}

#[test]
fn a_new_title_renames_the_note_keeping_its_writing_links_and_old_name() {
    let (mut lib, id) = library();
    let vault = tempfile::tempdir().unwrap();
    export(&mut lib, vault.path());
    let old = vault.path().join("The Last Ferry.md");
    std::fs::write(&old, std::fs::read_to_string(&old).unwrap() + "\nMy paragraph.\n").unwrap();
    let before = std::fs::read_to_string(&old).unwrap();
    lib.update_article_metadata(&id, "The Ferry: 1962 / Last Crossing", None, None).unwrap();
    let report = export(&mut lib, vault.path());
    let new_name = "The Ferry 1962 Last Crossing.md";
    assert_eq!(report.renamed, vec![Renamed { from: "The Last Ferry.md".into(), to: new_name.into() }]);
    assert_eq!(notes_in(vault.path()), vec![new_name.to_owned()], "moved, not copied");
    let text = read(vault.path(), new_name);
    assert!(text.ends_with("%% sidenote:end %%\n\nMy paragraph.\n"), "{text}");
    assert!(text.contains("aliases:\n  - \"The Last Ferry\"\n"), "the old title stays findable: {text}");
    // Every block id and link is made of ids: the same before and after.
    let ids = |t: &str| t.lines().filter(|l| l.starts_with("^sn-") || l.contains("sidenote://")).map(str::to_owned).collect::<Vec<_>>();
    let (old_ids, new_ids) = (ids(&before), ids(&text));
    assert!(!old_ids.is_empty());
    assert_eq!(
        old_ids.iter().filter(|l| !l.starts_with("sidenote-link")).count(),
        new_ids.iter().filter(|l| !l.starts_with("sidenote-link")).count()
    );
    for line in old_ids.iter().filter(|l| l.starts_with("^sn-")) {
        assert!(new_ids.contains(line), "{line} survives the rename");
    }
    // Stable afterwards.
    assert!(export(&mut lib, vault.path()).renamed.is_empty());
}

#[test]
fn names_are_safe_on_every_os_and_never_leave_the_vault() {
    for (title, name) in [
        ("../../etc/passwd", "etc passwd.md"),
        ("..", "Untitled.md"),
        ("/absolute/path", "absolute path.md"),
        ("C:\\Windows\\win.ini", "C Windows win.ini.md"),
        ("What? *Really* <now>|\"quoted\"", "What Really now quoted.md"),
        ("CON", "CON_.md"),
        ("com3.txt", "com3.txt_.md"),
        ("Trailing dots...", "Trailing dots.md"),
        (".hidden", "hidden.md"),
        ("tab\tand\nnewline", "tab and newline.md"),
        ("[[link]] #tag ^block", "link tag block.md"),
        ("", "Untitled.md"),
    ] {
        assert_eq!(note_file_name(title), name, "{title:?}");
    }
    let long = note_file_name(&"é".repeat(300));
    assert_eq!(long.chars().count(), MAX_NAME_CHARS + 3);

    // Traversal titles in a real export: every note lands directly in the vault.
    let mut lib = Library::open_in_memory().unwrap();
    for title in ["../../escape", "..", "sub/dir/name", "/tmp/abs", "..\\..\\win"] {
        lib.insert_article(NewArticle {
            extracted: Extracted { title: title.into(), text: format!("Text of {title}."), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap();
    }
    let outer = tempfile::tempdir().unwrap();
    let vault = outer.path().join("vault");
    let report = export(&mut lib, &vault);
    assert_eq!(report.written.len(), 5, "{report:?}");
    assert_eq!(notes_in(&vault).len(), 5);
    let everything: Vec<_> = walk(outer.path());
    assert!(everything.iter().all(|p| p.parent() == Some(vault.as_path()) || *p == vault), "{everything:?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn two_articles_with_one_title_get_two_notes() {
    let (mut lib, _) = library();
    lib.insert_article(NewArticle {
        extracted: Extracted {
            title: "The Last Ferry".into(),
            text: "Another text entirely.".into(),
            html: String::new(),
            ..Default::default()
        },
        source_kind: SourceKind::Text,
        source_url: None,
        raw: None,
        encoding: None,
    })
    .unwrap();
    let vault = tempfile::tempdir().unwrap();
    export(&mut lib, vault.path());
    let names = notes_in(vault.path());
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"The Last Ferry.md".to_owned()));
    assert!(names.iter().any(|n| n.starts_with("The Last Ferry (") && n.ends_with(").md")), "{names:?}");
    // Stable: a re-export keeps each note with its article.
    let again = export(&mut lib, vault.path());
    assert_eq!(again.unchanged.len(), 2, "{again:?}");
}

#[test]
fn a_file_that_is_not_ours_or_a_link_is_never_overwritten() {
    let (mut lib, _) = library();
    let vault = tempfile::tempdir().unwrap();
    // The user's own note with the title's name: kept, ours goes beside it.
    std::fs::write(vault.path().join("The Last Ferry.md"), "My own note about ferries.\n").unwrap();
    let report = export(&mut lib, vault.path());
    assert_eq!(read(vault.path(), "The Last Ferry.md"), "My own note about ferries.\n");
    assert_eq!(report.written.len(), 1);
    assert!(report.written[0].starts_with("The Last Ferry ("), "{report:?}");

    // A symbolic link where the note is recorded: reported, never written through.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("secret.md");
        std::fs::write(&target, "outside").unwrap();
        let ours = vault.path().join(&report.written[0]);
        std::fs::remove_file(&ours).unwrap();
        std::os::unix::fs::symlink(&target, &ours).unwrap();
        let report = export(&mut lib, vault.path());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "outside");
        assert!(std::fs::symlink_metadata(&ours).unwrap().file_type().is_symlink(), "the link itself is left as it is");
        // The note goes to a name of its own instead.
        let id = lib.list_articles(&Default::default()).unwrap()[0].id.clone();
        assert_eq!(report.written, vec![format!("The Last Ferry ({id}).md")], "{report:?}");
    }
}

#[test]
fn a_section_with_its_end_marker_deleted_is_left_alone() {
    let (mut lib, _) = library();
    let vault = tempfile::tempdir().unwrap();
    export(&mut lib, vault.path());
    let path = vault.path().join("The Last Ferry.md");
    let damaged = std::fs::read_to_string(&path).unwrap().replace(CLOSING, "") + "\nMy text after.\n";
    std::fs::write(&path, &damaged).unwrap();
    let report = export(&mut lib, vault.path());
    assert_eq!(report.skipped.len(), 1, "{report:?}");
    assert!(report.skipped[0].reason.contains("sidenote:end"), "{report:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged, "nothing of the user's is lost");
}

#[test]
fn a_note_whose_markers_were_deleted_keeps_everything_and_gets_a_new_section() {
    let (mut lib, _) = library();
    let n = &collect(&mut lib, &[]).unwrap()[0];
    let merged = merge("My own page with no markers.\n", n).unwrap();
    assert!(merged.contains("---\nMy own page with no markers.\n%% sidenote:begin"), "{merged}");
    // Quoted property values written by hand read back (aliases in both list forms).
    let by_hand = "---\ntitle: 'Old: name'\naliases: [\"First\", Second]\ncustom: \"x\"\n---\nbody\n";
    let merged = merge(by_hand, n).unwrap();
    assert!(merged.contains("aliases:\n  - \"First\"\n  - \"Second\"\n  - \"Old: name\"\n"), "{merged}");
    assert!(merged.contains("custom: \"x\"\n---\nbody\n%% sidenote:begin"), "{merged}");
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Notes made of the pieces that matter to the merge, in any order.
    fn note() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "---\n",
            "---\r\n",
            "title: \"Old\"\n",
            "aliases: [A, 'B']\n",
            "aliases:\n",
            "  - \"C\"\n",
            "status: done\n",
            "# comment\n",
            "  indented\n",
            "%% sidenote:begin %%\n",
            "%% sidenote:end %%\n",
            "My words.\n",
            "\n",
            "no newline",
            "é北\r\n",
        ]);
        prop::collection::vec(pieces, 0..14).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn merging_twice_changes_nothing_and_keeps_the_text_after_the_section(old in note()) {
            let (mut lib, _) = library();
            let n = &collect(&mut lib, &[]).unwrap()[0];
            if let Ok(updated) = merge(&old, n) {
                prop_assert_eq!(merge(&updated, n).unwrap(), updated.clone(), "idempotent");
                // What followed Sidenote's section is still there, at the end.
                let (_, body) = split_front_matter(&old);
                if let Section::Found { after, .. } = find_section(body) {
                    prop_assert!(updated.ends_with(after), "{:?} lost {:?}", updated, after);
                }
            }
        }
    }
}
