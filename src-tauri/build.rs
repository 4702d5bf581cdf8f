//! Build script: Tauri's build step, with an app manifest so that every app
//! command needs an explicit permission (granted to the main window only, in
//! capabilities/main.json).

use std::collections::BTreeSet;

const HANDLERS: &str = "src/app/mod.rs";
const CAPABILITY: &str = "capabilities/main.json";

fn main() {
    println!("cargo:rerun-if-changed={HANDLERS}");
    println!("cargo:rerun-if-changed={CAPABILITY}");
    let commands = registered_commands();
    check_granted(&commands);
    // AppManifest wants a 'static list; the build script runs once, so leaking is fine.
    let leaked: &'static [&'static str] = Vec::leak(commands.into_iter().map(|c| &*String::leak(c)).collect());
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(leaked));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}

/// The command names in the `generate_handler![...]` list of src/app/mod.rs,
/// so that the manifest can never drift from what the app registers.
fn registered_commands() -> Vec<String> {
    let source = std::fs::read_to_string(HANDLERS).unwrap_or_else(|e| panic!("{HANDLERS}: {e}"));
    let start = source.find("generate_handler![").unwrap_or_else(|| panic!("{HANDLERS} has no generate_handler! list"));
    let list = &source[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').unwrap_or_else(|| panic!("unterminated generate_handler! list in {HANDLERS}"))];
    let names: Vec<String> = list
        .split(',')
        .map(|path| path.trim())
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect();
    assert!(!names.is_empty(), "no commands found in {HANDLERS}");
    names
}

/// Fails the build, with the fix, when a registered command has no grant:
/// without one the UI would get "not allowed" at run time.
fn check_granted(commands: &[String]) {
    let capability = std::fs::read_to_string(CAPABILITY).unwrap_or_else(|e| panic!("{CAPABILITY}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&capability).unwrap_or_else(|e| panic!("{CAPABILITY}: {e}"));
    let granted: BTreeSet<&str> = json["permissions"].as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect();
    let missing: Vec<String> =
        commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).filter(|p| !granted.contains(p.as_str())).collect();
    assert!(missing.is_empty(), "{CAPABILITY} does not grant {missing:?}; add them to its \"permissions\"");
    assert!(json.get("remote").is_none(), "{CAPABILITY} must not grant anything to remote URLs");
}
