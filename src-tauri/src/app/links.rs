//! Links never navigate the app window: article links open in the system
//! browser, and only for schemes a browser or mail client should handle.

use sidenote_core::{ErrorDetail, ErrorPayload};
use tauri::plugin::{Builder, TauriPlugin};
use tauri::{AppHandle, Emitter, Manager, Runtime, Url};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};

const EXTERNAL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// True for the app's own pages (the embedded UI, or the dev server in `tauri dev`).
fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => true,
        "http" | "https" => matches!(url.host_str(), Some("tauri.localhost")) || (cfg!(dev) && url.host_str() == Some("localhost")),
        "about" => url.as_str() == "about:blank",
        _ => false,
    }
}

/// Cancels every navigation away from the app; web links go to the browser instead.
pub fn navigation_guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            if is_app_url(url) {
                return true;
            }
            let refusal = if EXTERNAL_SCHEMES.contains(&url.scheme()) {
                webview.app_handle().opener().open_url(url.as_str(), None::<&str>).err().map(|e| {
                    tracing::warn!(error = %e, "could not open a link in the browser");
                    format!("The link could not be opened: {e}")
                })
            } else {
                tracing::warn!(scheme = url.scheme(), "blocked a navigation");
                Some(refusal_message(url.scheme()))
            };
            // The UI shows it as a toast, so a refused link never fails silently.
            if let Some(message) = refusal {
                if let Err(e) = webview.app_handle().emit(LINK_REFUSED_EVENT, message) {
                    tracing::warn!(error = %e, "could not report a refused link");
                }
            }
            false
        })
        .build()
}

/// The event the UI listens to, to show why a link did not open.
pub const LINK_REFUSED_EVENT: &str = "link-refused";

fn refusal_message(scheme: &str) -> String {
    format!("Links with the \"{scheme}:\" scheme are not opened; only web and mail links are")
}

pub fn check_external(url: &str) -> Result<Url, ErrorPayload> {
    let parsed =
        Url::parse(url.trim()).map_err(|_| ErrorPayload { detail: ErrorDetail::Invalid, message: format!("not a link: {url}") })?;
    if !EXTERNAL_SCHEMES.contains(&parsed.scheme()) {
        return Err(ErrorPayload { detail: ErrorDetail::Invalid, message: refusal_message(parsed.scheme()) });
    }
    Ok(parsed)
}

/// Opens an article's link in the system browser (or mail client).
#[tauri::command(async)]
pub fn open_external<R: Runtime>(app: AppHandle<R>, url: String) -> CommandResult<()> {
    let url = check_external(&url).map_err(CommandError)?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| CommandError::new(ErrorDetail::Io, format!("the link could not be opened: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_leave_the_app() {
        assert!(check_external("https://example.org/a").is_ok());
        assert!(check_external("mailto:someone@example.org").is_ok());
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "vbscript:x", "tauri://localhost/", "nonsense"] {
            assert!(check_external(bad).is_err(), "{bad} must be refused");
        }
        assert!(is_app_url(&Url::parse("tauri://localhost/index.html").unwrap()));
        assert!(is_app_url(&Url::parse("http://tauri.localhost/").unwrap()));
        assert!(!is_app_url(&Url::parse("https://example.org/").unwrap()));
        assert!(!is_app_url(&Url::parse("file:///tmp/x.html").unwrap()));
    }
}
