//! Backups, restore and damaged libraries, on real files in a temporary folder.

use super::*;
use crate::highlight::{Color, HighlightPatch};
use crate::model::{Extracted, SourceKind};
use crate::store::recovery::{restore_backup, start_fresh};
use crate::store::{Library, NewArticle, LIBRARY_FILE};
use crate::ErrorKind;

const HARBOUR: &str = "The harbour master counted the boats every evening at six.\n\n\
On foggy nights he rang the bell twice, and the fishermen answered with their horns.";

fn add_article(lib: &mut Library) -> String {
    lib.insert_article(NewArticle {
        extracted: Extracted { title: "Harbour".into(), text: HARBOUR.into(), html: String::new(), ..Default::default() },
        source_kind: SourceKind::Text,
        source_url: None,
        raw: None,
        encoding: None,
    })
    .unwrap()
    .summary
    .id
}

fn highlight(lib: &mut Library, article: &str, quote: &str) -> String {
    lib.create_highlight_from_quote(article, quote, None, Color::Blue, "", &[]).unwrap().id
}

fn live_highlights(lib: &Library) -> i64 {
    lib.conn().query_row("SELECT count(*) FROM highlights WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap()
}

/// Renames a backup so that it looks `hours` old.
fn age_backup(b: &BackupInfo, hours: i64) {
    let old = chrono::Utc::now() - chrono::TimeDelta::hours(hours);
    let name = format!("{PREFIX}{}-{}{SUFFIX}", old.format(STAMP_FORMAT), b.reason);
    std::fs::rename(&b.path, Path::new(&b.path).with_file_name(name)).unwrap();
}

#[test]
fn a_backup_is_a_consistent_copy_listed_with_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    highlight(&mut lib, &article, "counted the boats");
    highlight(&mut lib, &article, "rang the bell twice");
    let path = lib.backup_now().unwrap();
    // Written after the backup: not in it.
    highlight(&mut lib, &article, "answered with their horns");

    let listed = list_backups(dir.path()).unwrap();
    assert_eq!(listed.len(), 1);
    let b = &listed[0];
    assert_eq!(Path::new(&b.path), path);
    assert_eq!(b.reason, "manual");
    assert_eq!((b.article_count, b.highlight_count), (Some(1), Some(2)));
    assert!(b.size > 0 && b.size == std::fs::metadata(&path).unwrap().len());
    let age = chrono::Utc::now().signed_duration_since(chrono::DateTime::parse_from_rfc3339(&b.created_at).unwrap());
    assert!(age.num_seconds().abs() < 60, "created_at {} is now", b.created_at);
    // A self-contained file: no WAL beside it, and whole.
    assert!(!Path::new(&format!("{}-wal", b.path)).exists());
    let copy = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn only_the_newest_backups_are_kept_and_unfinished_ones_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open_dir(dir.path()).unwrap();
    let mut made = Vec::new();
    for _ in 0..KEEP_BACKUPS + 3 {
        made.push(lib.backup_now().unwrap());
        std::thread::sleep(Duration::from_millis(3)); // distinct millisecond stamps
    }
    let fresh_partial = backups_dir(dir.path()).join(".library-x.1.partial");
    std::fs::write(&fresh_partial, b"half a backup").unwrap();
    let listed: Vec<PathBuf> = list_backups(dir.path()).unwrap().into_iter().map(|b| PathBuf::from(b.path)).collect();
    let newest: Vec<PathBuf> = made.iter().rev().take(KEEP_BACKUPS).cloned().collect();
    assert_eq!(listed, newest, "newest first, the three oldest deleted");
    assert!(!made[0].exists());
    // A young unfinished backup may still be being written: it stays; one
    // left by a crash hours ago is cleared away.
    let stale_partial = backups_dir(dir.path()).join(".library-y.2.partial");
    std::fs::write(&stale_partial, b"left by a crash").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&stale_partial).unwrap().set_modified(two_hours_ago).unwrap();
    lib.backup_now().unwrap();
    assert!(fresh_partial.exists());
    assert!(!stale_partial.exists());
}

#[test]
fn a_library_in_use_is_backed_up_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open_dir(dir.path()).unwrap());
    assert!(list_backups(dir.path()).unwrap().is_empty(), "a brand-new library is not backed up");
    drop(Library::open_dir(dir.path()).unwrap());
    let first = list_backups(dir.path()).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].reason, "daily");
    drop(Library::open_dir(dir.path()).unwrap());
    assert_eq!(list_backups(dir.path()).unwrap().len(), 1, "not again the same day");

    age_backup(&first[0], 25);
    assert!(daily_backup_due(dir.path()));
    drop(Library::open_dir(dir.path()).unwrap());
    let after = list_backups(dir.path()).unwrap();
    assert_eq!(after.len(), 2);
    assert!(!daily_backup_due(dir.path()));
}

#[test]
fn the_days_backup_can_be_written_after_the_library_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    drop(lib);
    let (mut lib, due) = Library::open_dir_backup_deferred(dir.path()).unwrap();
    let due = due.expect("a library in use with no backup is due one");
    assert!(list_backups(dir.path()).unwrap().is_empty(), "nothing written before `write`");
    // The app goes on writing while the backup waits, then is written from
    // its own connection while the library stays open.
    highlight(&mut lib, &article, "counted the boats");
    due.write();
    let made = list_backups(dir.path()).unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].reason, "daily");
    assert_eq!(made[0].article_count, Some(1));
    assert_eq!(made[0].highlight_count, Some(1), "the copy holds what was written before it");
    assert_eq!(live_highlights(&lib), 1);
    let (_lib, again) = Library::open_dir_backup_deferred(dir.path()).unwrap();
    assert!(again.is_none(), "not again the same day");
}

#[test]
fn restore_brings_back_the_backup_and_keeps_the_replaced_library() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    let kept = highlight(&mut lib, &article, "counted the boats");
    let backup = lib.backup_now().unwrap();
    let later = highlight(&mut lib, &article, "rang the bell twice");
    lib.update_highlight(&kept, &HighlightPatch { note: Some("edited after the backup".into()), ..Default::default() }).unwrap();
    drop(lib);

    let report = restore_backup(dir.path(), None).unwrap();
    assert_eq!(Path::new(&report.restored.path), backup);
    let lib = Library::open_dir(dir.path()).unwrap();
    assert_eq!(live_highlights(&lib), 1);
    assert_eq!(lib.article_highlights(&article).unwrap()[0].note, "");

    // The library that was replaced is itself a backup, with the later work in it.
    let previous = report.previous_kept_as.expect("the replaced library is kept");
    assert!(previous.contains("pre-restore"), "{previous}");
    let old = Library::open_file(Path::new(&previous)).unwrap();
    assert_eq!(live_highlights(&old), 2);
    assert!(old.article_highlights(&article).unwrap().iter().any(|h| h.id == later));
}

#[test]
fn restoring_the_oldest_of_a_full_set_of_backups_works() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open_dir(dir.path()).unwrap();
    for _ in 0..KEEP_BACKUPS {
        lib.backup_now().unwrap();
        std::thread::sleep(Duration::from_millis(3));
    }
    drop(lib);
    let oldest = list_backups(dir.path()).unwrap().pop().unwrap();
    let report = restore_backup(dir.path(), Some(&oldest.name)).unwrap();
    assert_eq!(report.restored.name, oldest.name);
    assert_eq!(list_backups(dir.path()).unwrap().len(), KEEP_BACKUPS);
}

#[test]
fn a_damaged_library_is_reported_left_alone_and_can_be_replaced_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    highlight(&mut lib, &article, "counted the boats");
    lib.backup_now().unwrap();
    drop(lib);
    let file = dir.path().join(LIBRARY_FILE);
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("{LIBRARY_FILE}{companion}")));
    }
    std::fs::write(&file, b"this is a shopping list, not a database: eggs, rope, lamp oil").unwrap();
    let damaged = std::fs::read(&file).unwrap();

    for _ in 0..2 {
        let err = Library::open_dir(dir.path()).err().expect("a damaged library must not open");
        assert_eq!(err.kind(), ErrorKind::Corrupt);
        assert!(err.to_string().contains(&file.display().to_string()), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), damaged, "the bad file is never rewritten");
    }

    let report = restore_backup(dir.path(), None).unwrap();
    let aside = PathBuf::from(report.previous_kept_as.unwrap());
    assert!(aside.file_name().unwrap().to_str().unwrap().starts_with("library.sqlite3.corrupt-"));
    assert_eq!(std::fs::read(&aside).unwrap(), damaged, "the damaged file is kept, moved aside");
    let lib = Library::open_dir(dir.path()).unwrap();
    assert_eq!(live_highlights(&lib), 1);
}

#[test]
fn a_damaged_backup_is_refused_and_the_library_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    highlight(&mut lib, &article, "counted the boats");
    let backup = lib.backup_now().unwrap();
    drop(lib);
    let mut bytes = std::fs::read(&backup).unwrap();
    let page = 4096;
    for b in &mut bytes[page..2 * page] {
        *b = 0x5a; // scribble over the second page
    }
    std::fs::write(&backup, bytes).unwrap();
    let err = restore_backup(dir.path(), None).expect_err("must refuse");
    assert_eq!(err.kind(), ErrorKind::Corrupt, "{err}");
    let lib = Library::open_dir(dir.path()).unwrap();
    assert_eq!(live_highlights(&lib), 1);
    assert_eq!(list_backups(dir.path()).unwrap().iter().filter(|b| b.reason == "pre-restore").count(), 0);
}

#[test]
fn starting_fresh_moves_the_bad_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(LIBRARY_FILE);
    std::fs::write(&file, vec![0xffu8; 9000]).unwrap();
    let (mut lib, aside) = start_fresh(dir.path()).unwrap();
    let aside = aside.expect("moved aside");
    assert_eq!(std::fs::read(&aside).unwrap(), vec![0xffu8; 9000]);
    assert_eq!(lib.article_count().unwrap(), 0);
    add_article(&mut lib);
    assert_eq!(lib.article_count().unwrap(), 1);
}

#[test]
fn a_full_disk_or_a_read_only_library_is_a_clear_error_and_the_write_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    let id = highlight(&mut lib, &article, "counted the boats");
    let note = |text: &str| HighlightPatch { note: Some(text.into()), ..Default::default() };

    // Read-only: query_only makes SQLite refuse writes as a read-only file
    // would (tests run as root, which chmod cannot stop).
    lib.conn().execute_batch("PRAGMA query_only = ON").unwrap();
    let err = lib.update_highlight(&id, &note("a note while read-only")).expect_err("read-only");
    assert_eq!(err.kind(), ErrorKind::ReadOnly, "{err}");
    assert!(err.is_retryable());
    lib.conn().execute_batch("PRAGMA query_only = OFF").unwrap();
    assert_eq!(lib.update_highlight(&id, &note("saved on retry")).unwrap().note, "saved on retry");

    // Disk full: the file may not grow by a single page.
    let pages: i64 = lib.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let _: i64 = lib.conn().query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| r.get(0)).unwrap();
    let long_note = "The fog horn sounded from the point. ".repeat(4000);
    let err = lib.update_highlight(&id, &note(&long_note)).expect_err("no room");
    assert_eq!(err.kind(), ErrorKind::DiskFull, "{err}");
    assert!(err.to_string().contains("Free some space"), "{err}");
    assert_eq!(lib.article_highlights(&article).unwrap()[0].note, "saved on retry", "nothing half-written");
    let _: i64 = lib.conn().query_row("PRAGMA max_page_count = 1073741823", [], |r| r.get(0)).unwrap();
    assert_eq!(lib.update_highlight(&id, &note(&long_note)).unwrap().note, long_note);
}

#[test]
fn a_library_in_a_read_only_file_opens_with_a_clear_error_on_write() {
    // The file itself opened read-only (what a read-only mount gives).
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open_dir(dir.path()).unwrap();
    let article = add_article(&mut lib);
    drop(lib);
    let uri = format!("file:{}?mode=ro", dir.path().join(LIBRARY_FILE).display());
    let mut lib = Library::open_file(Path::new(&uri)).unwrap();
    let err = lib.create_highlight_from_quote(&article, "rang the bell", None, Color::Pink, "", &[]).expect_err("read-only");
    assert_eq!(err.kind(), ErrorKind::ReadOnly, "{err}");
}
