//! `browser-setup`: per-user native-messaging manifests, so that the browser
//! extension reaches a Sidenote run from a source build. The packages install
//! system-wide manifests for /usr/bin/sidenote instead (docs/browser.md).

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliResult;
use crate::browser::manifest::{manifest_file_name, Browser};

#[derive(Debug, Args)]
pub struct BrowserSetupArgs {
    /// Only these browsers (firefox, chromium, chrome); repeat for several. Default: all three.
    #[arg(long = "browser", value_name = "NAME", value_parser = parse_browser)]
    browsers: Vec<Browser>,
    /// Remove the manifests (and the launcher) this command wrote.
    #[arg(long)]
    remove: bool,
}

fn parse_browser(s: &str) -> Result<Browser, String> {
    match s.to_ascii_lowercase().as_str() {
        "firefox" => Ok(Browser::Firefox),
        "chromium" => Ok(Browser::Chromium),
        "chrome" | "google-chrome" => Ok(Browser::Chrome),
        _ => Err(format!("unknown browser {s:?}; use firefox, chromium or chrome")),
    }
}

/// Name of the launcher written into a library folder given with --library:
/// the browser starts it, and it starts this binary on that library.
const LAUNCHER: &str = "sidenote-browser-host";

pub fn browser_setup(library: Option<&Path>, args: BrowserSetupArgs) -> CliResult {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or("HOME is not set: cannot tell where the browsers look")?;
    let browsers = if args.browsers.is_empty() { Browser::ALL.to_vec() } else { args.browsers };
    if args.remove {
        for browser in &browsers {
            let file = browser.user_dir(&home).join(manifest_file_name());
            match std::fs::remove_file(&file) {
                Ok(()) => println!("{}: removed {}", browser.name(), file.display()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => println!("{}: nothing to remove", browser.name()),
                Err(e) => return Err(format!("{}: {e}", file.display()).into()),
            }
        }
        if let Some(dir) = library {
            let _ = std::fs::remove_file(dir.join(LAUNCHER));
        }
        return Ok(());
    }
    let exe = std::env::current_exe().and_then(|p| p.canonicalize()).map_err(|e| format!("cannot find this program's path: {e}"))?;
    // Browsers pass no arguments of ours: a library other than the default
    // needs a launcher that names it.
    let host = match library {
        Some(dir) => write_launcher(dir, &exe)?,
        None => exe,
    };
    for browser in &browsers {
        let dir = browser.user_dir(&home);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let file = dir.join(manifest_file_name());
        std::fs::write(&file, browser.manifest(&host)).map_err(|e| format!("{}: {e}", file.display()))?;
        println!("{}: wrote {}", browser.name(), file.display());
    }
    println!("The extension now reaches {}.", host.display());
    if library.is_some() {
        println!(
            "Pages saved from the browser go to the library in {}.",
            library.map(Path::display).map(|d| d.to_string()).unwrap_or_default()
        );
    }
    println!("Install the extension itself as docs/browser.md describes, then reload it.");
    Ok(())
}

fn write_launcher(dir: &Path, exe: &Path) -> CliResult<PathBuf> {
    let dir = std::path::absolute(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(LAUNCHER);
    let script = format!(
        "#!/bin/sh\n# Written by `sidenote browser-setup`: the browser extension's saves go to this library.\nSIDENOTE_LIBRARY={} exec {} \"$@\"\n",
        sh_quote(&dir.display().to_string()),
        sh_quote(&exe.display().to_string())
    );
    std::fs::write(&path, script).map_err(|e| format!("{}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(path)
}

/// Single-quoted for sh: every character literal, a quote closed and reopened around `\'`.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_spaces_and_quotes() {
        assert_eq!(sh_quote("/home/a b/it's"), r"'/home/a b/it'\''s'");
    }
}
