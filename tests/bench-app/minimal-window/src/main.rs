//! A minimal Tauri 2 app: one window showing a tiny page, no plugins, no
//! commands. The whole-app benchmark measures it in the same run as Sidenote
//! (start-up time and memory) so that Sidenote's figures have a baseline
//! taken on the same machine at the same moment.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the minimal window could not start");
}
