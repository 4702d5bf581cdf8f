//! Build script: Tauri's build step, with an app manifest so that every app
//! command needs an explicit permission (granted to the main window only, in
//! capabilities/main.json), and a check that the UI's wrappers in
//! ui/src/api.ts call exactly these commands with their arguments.

#[path = "build/command_check.rs"]
mod command_check;

use std::collections::BTreeSet;

const HANDLERS: &str = "src/app/mod.rs";
const CAPABILITY: &str = "capabilities/main.json";
const UI_API: &str = "../ui/src/api.ts";

fn main() {
    println!("cargo:rerun-if-changed={HANDLERS}");
    println!("cargo:rerun-if-changed={CAPABILITY}");
    println!("cargo:rerun-if-changed={UI_API}");
    println!("cargo:rerun-if-changed=build/command_check.rs");
    let registered = command_check::registered_commands(&read(HANDLERS)).unwrap_or_else(|e| panic!("{HANDLERS}: {e}"));
    check_ui_calls(&registered);
    let commands: Vec<String> = registered.into_iter().map(|r| r.name).collect();
    check_granted(&commands);
    // AppManifest wants a 'static list; the build script runs once, so leaking is fine.
    let leaked: &'static [&'static str] = Vec::leak(commands.into_iter().map(|c| &*String::leak(c)).collect());
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(leaked));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Fails the build when ui/src/api.ts and the registered commands disagree
/// (a name or an argument): the UI would otherwise fail at run time.
fn check_ui_calls(registered: &[command_check::Registered]) {
    let mut modules: BTreeSet<&str> = registered.iter().map(|r| r.module.as_str()).collect();
    modules.retain(|m| !m.is_empty());
    for module in &modules {
        println!("cargo:rerun-if-changed=src/app/{module}.rs");
    }
    let source_of = |module: &str| std::fs::read_to_string(format!("src/app/{module}.rs")).map_err(|e| e.to_string());
    let problems = command_check::check(registered, source_of, &read(UI_API));
    assert!(problems.is_empty(), "ui/src/api.ts does not match the app's commands:\n  {}", problems.join("\n  "));
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
