//! End to end with a real sync tool: two Syncthing instances on 127.0.0.1
//! only (no discovery, relays or NAT traversal; static addresses), each
//! keeping one device's sync folder, and two libraries synced by the real
//! `sidenote sync` through them. A highlight with a note made on one side
//! appears on the other, and concurrent edits of its note merge.
//!
//! Needs the `syncthing` package (scripts/setup.sh installs it). Without it
//! the test says so and passes, unless SIDENOTE_REQUIRE_SYNCTHING=1 (what
//! scripts/test-all.sh sets) makes that a failure.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::{library_with, ok};

const FIXTURE: &str = "The cable car to the summit opened in 1926.\n\n\
On windy days it stopped halfway, and the passengers sang to pass the time.\n";

fn syncthing_available() -> bool {
    Command::new("syncthing").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Instance {
    home: PathBuf,
    folder: PathBuf,
    id: String,
    port: u16,
    gui: u16,
    key: String,
    child: Option<Child>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill(); // by its own PID: only what this test started
            let _ = c.wait();
        }
    }
}

fn instance(root: &Path, name: &str) -> Instance {
    let home = root.join(format!("st-{name}"));
    let folder = root.join(format!("folder-{name}"));
    std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
    let gen =
        Command::new("syncthing").arg("generate").arg(format!("--home={}", home.display())).arg("--no-default-folder").output().unwrap();
    assert!(gen.status.success(), "syncthing generate: {}", String::from_utf8_lossy(&gen.stderr));
    let id = Command::new("syncthing").arg("serve").arg(format!("--home={}", home.display())).arg("--device-id").output().unwrap();
    let id = String::from_utf8(id.stdout).unwrap().trim().to_owned();
    assert_eq!(id.len(), 63, "a device id, got {id:?}");
    Instance { home, folder, id, port: free_port(), gui: free_port(), key: format!("key-{name}-{}", std::process::id()), child: None }
}

/// `dials`: whether this instance connects to the other (one side dials, so
/// the two never race to open two connections at once).
fn write_config(me: &Instance, other: &Instance, dials: bool) {
    let other_address = if dials { format!("tcp://127.0.0.1:{}", other.port) } else { "dynamic".to_owned() };
    let config = format!(
        r#"<configuration version="36">
    <folder id="sn" label="sn" path="{path}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me_id}"></device>
        <device id="{other_id}"></device>
        <minDiskFree unit="%">0</minDiskFree>
    </folder>
    <device id="{me_id}" name="me" compression="metadata" introducer="false"><address>dynamic</address></device>
    <device id="{other_id}" name="other" compression="metadata" introducer="false"><address>{other_address}</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:{gui}</address><apikey>{key}</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <reconnectionIntervalS>2</reconnectionIntervalS>
    </options>
</configuration>
"#,
        path = me.folder.display(),
        me_id = me.id,
        other_id = other.id,
        gui = me.gui,
        key = me.key,
        port = me.port,
    );
    std::fs::write(me.home.join("config.xml"), config).unwrap();
}

fn start(me: &mut Instance) {
    let log = std::fs::File::create(me.home.join("serve.log")).unwrap();
    let child = Command::new("syncthing")
        .arg("serve")
        .arg(format!("--home={}", me.home.display()))
        .args(["--no-browser", "--no-restart"])
        .env("STNOUPGRADE", "1")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    me.child = Some(child);
}

/// Asks the instance to scan its folder now (its REST API, on loopback); errors are ignored (it may be starting).
fn scan(me: &Instance) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", me.gui)) else { return };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!(
        "POST /rest/db/scan?folder=sn HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        me.key
    );
    let _ = s.write_all(request.as_bytes());
    let _ = s.read_to_end(&mut Vec::new());
}

fn notes(library: &Path, article: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&ok(library, &["highlights", article, "--json"])).unwrap();
    v.as_array().unwrap().iter().map(|h| h["note"].as_str().unwrap().to_owned()).collect()
}

/// Runs sync rounds on both sides (scanning after each) until `done`, for at most a minute.
fn until(a: (&Path, &Instance), b: (&Path, &Instance), what: &str, mut done: impl FnMut() -> bool) {
    let began = Instant::now();
    loop {
        for (lib, st) in [a, b] {
            ok(lib, &["sync"]);
            scan(st);
        }
        if done() {
            eprintln!("{what}: {:.1} s", began.elapsed().as_secs_f64());
            return;
        }
        let logs: Vec<String> = [a.1, b.1].iter().map(|s| std::fs::read_to_string(s.home.join("serve.log")).unwrap_or_default()).collect();
        assert!(began.elapsed() < Duration::from_secs(60), "{what}: not within a minute; Syncthing said:\n{}", logs.join("\n----\n"));
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn two_libraries_sync_through_two_syncthing_instances_on_loopback() {
    if !syncthing_available() {
        assert!(std::env::var("SIDENOTE_REQUIRE_SYNCTHING").is_err(), "syncthing is not installed (scripts/setup.sh installs it)");
        eprintln!("skipped: syncthing is not installed (scripts/setup.sh installs it)");
        return;
    }
    let (dir, desk, article) = library_with("cable.txt", FIXTURE);
    let laptop = dir.path().join("laptop");
    let (mut sa, mut sb) = (instance(dir.path(), "a"), instance(dir.path(), "b"));
    write_config(&sa, &sb, true);
    write_config(&sb, &sa, false);
    start(&mut sa);
    start(&mut sb);

    let id = ok(&desk, &["highlight", &article, "--quote", "the passengers sang", "--note", "songs on the line"]);
    let id = id.trim().to_owned();
    ok(&desk, &["sync", "--folder", sa.folder.to_str().unwrap(), "--name", "desk"]);
    ok(&laptop, &["sync", "--folder", sb.folder.to_str().unwrap(), "--name", "laptop"]);
    until((&desk, &sa), (&laptop, &sb), "the highlight reached the laptop", || {
        ok(&laptop, &["list"]).contains(&article[..8]) && notes(&laptop, &article) == ["songs on the line"]
    });

    // Both edit the note before the other's edit arrives: both are kept.
    ok(&desk, &["note", &id, "Old songs on the line"]);
    ok(&laptop, &["note", &id, "songs on the line, in two voices"]);
    let merged = "Old songs on the line, in two voices";
    until((&desk, &sa), (&laptop, &sb), "the concurrent edits merged", || {
        notes(&desk, &article) == [merged] && notes(&laptop, &article) == [merged]
    });
    assert_eq!(ok(&desk, &["export", "--format", "json"]), ok(&laptop, &["export", "--format", "json"]));
    // Each device wrote only its own subfolder: Syncthing made no conflict copies.
    let conflicts: Vec<_> =
        walk(&sa.folder).into_iter().chain(walk(&sb.folder)).filter(|p| p.to_string_lossy().contains("sync-conflict")).collect();
    assert!(conflicts.is_empty(), "{conflicts:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
