//! A device's log in the folder written anew as snapshots once it has grown
//! far beyond what it says: devices part-way through the old log, new
//! devices, and devices that see the new device file before the new log all
//! end with everything, once.

use super::*;
use crate::sync::folder;
use crate::sync::log_compaction::{compact, MIN_LOG_BYTES};

fn edit_note(lib: &mut Library, id: &str, times: usize, from: usize) {
    for i in from..from + times {
        note(lib, id, &format!("The keeper's log, read {i} times."));
    }
}

fn device_dir(folder: &Path, lib: &Library) -> std::path::PathBuf {
    folder.join(lib.sync_config().unwrap().unwrap().device_id)
}

#[test]
fn a_grown_log_is_written_anew_and_readers_old_and_new_end_with_everything() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "desk");
    let mut b = device(folder.path(), "laptop");
    let article = import(&mut a, TEXTS[0]);
    let h = highlight(&mut a, &article, 4, 20, "First reading.");
    sync_all(&mut [&mut a, &mut b]);

    // Every edit of the note is a change in the log; the laptop reads half of them.
    edit_note(&mut a, &h, 60, 0);
    round(&mut a).unwrap();
    round(&mut b).unwrap();
    edit_note(&mut a, &h, 60, 60);
    round(&mut a).unwrap();
    let dir = device_dir(folder.path(), &a);
    let old_size = std::fs::metadata(dir.join(folder::LOG)).unwrap().len();

    let config = a.sync_config().unwrap().unwrap();
    assert!(!compact(&a, &config, MIN_LOG_BYTES).unwrap(), "a small log is left as it is");
    assert!(compact(&a, &config, 0).unwrap(), "a log far beyond its documents is written anew");
    assert!(!dir.join(folder::LOG).exists(), "the old log goes");
    let new_size = std::fs::metadata(dir.join(folder::log_name(1))).unwrap().len();
    assert!(new_size * 2 < old_size, "the new log ({new_size} B) is not much smaller than the old ({old_size} B)");
    assert_eq!(folder::read_device_file(folder.path(), &config.device_id).unwrap().log, 1);

    // The laptop, part-way through the old log, switches to the new one.
    round(&mut b).unwrap();
    assert_eq!(export(&mut b), export(&mut a));
    // A new device reads the snapshots alone.
    let mut c = device(folder.path(), "phone");
    round(&mut c).unwrap();
    assert_eq!(export(&mut c), export(&mut a));
    // Later changes go to the new log and are read from where the readers are.
    edit_note(&mut a, &h, 1, 500);
    round(&mut a).unwrap();
    assert!(!dir.join(folder::LOG).exists(), "nothing is written to the old log again");
    sync_all(&mut [&mut b, &mut c]);
    assert_eq!(export(&mut b), export(&mut a));
    assert_eq!(export(&mut c), export(&mut a));
    assert!(export(&mut b).contains("The keeper's log, read 500 times."));
}

#[test]
fn a_new_log_named_before_it_arrives_waits_and_is_read_from_its_start_once_here() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "desk");
    let mut b = device(folder.path(), "laptop");
    let article = import(&mut a, TEXTS[1]);
    let h = highlight(&mut a, &article, 4, 20, "");
    edit_note(&mut a, &h, 40, 0);
    round(&mut a).unwrap();
    let config = a.sync_config().unwrap().unwrap();
    assert!(compact(&a, &config, 0).unwrap());

    // The device file has arrived; the new log is still on its way.
    let dir = device_dir(folder.path(), &a);
    let new_log = dir.join(folder::log_name(1));
    let away = folder.path().join("log-in-transit");
    std::fs::rename(&new_log, &away).unwrap();
    let report = round(&mut b).unwrap();
    assert_eq!(report.waiting, 1, "{report:?}");
    assert!(b.article(&article).is_err(), "nothing arrived yet");

    std::fs::rename(&away, &new_log).unwrap();
    round(&mut b).unwrap();
    assert_eq!(export(&mut b), export(&mut a));
}

#[test]
fn a_device_that_has_written_no_change_is_known_by_its_name_and_a_rename_arrives() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = device(folder.path(), "desk");
    let mut b = device(folder.path(), "laptop");
    round(&mut b).unwrap();
    assert!(!device_dir(folder.path(), &b).join(folder::LOG).exists(), "the laptop has written no change");
    round(&mut a).unwrap();
    let names = |lib: &Library| status(lib).unwrap().devices.into_iter().map(|d| d.name).collect::<Vec<_>>();
    assert_eq!(names(&a), ["laptop"]);

    enable(&mut b, folder.path(), Some("travel laptop")).unwrap();
    round(&mut b).unwrap();
    let report = round(&mut a).unwrap();
    assert_eq!(report.waiting, 0, "{report:?}");
    assert_eq!(names(&a), ["travel laptop"]);
}
