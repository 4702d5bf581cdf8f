//! The `sidenote-img:` protocol: images stored with articles, served to the
//! reader from the library (`sidenote-img://localhost/<sha-256>` on Linux and
//! macOS, `http://sidenote-img.localhost/<sha-256>` on Windows). Only hashes
//! are looked up, nothing else is reachable through it, and the CSP allows
//! images from it and nowhere the reader could leak to (see tauri.conf.json).

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext};

use super::state::AppState;

pub const SCHEME: &str = "sidenote-img";

pub fn serve<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>) -> Response<Vec<u8>> {
    let hash = request.uri().path().trim_start_matches('/');
    let state = ctx.app_handle().state::<AppState>();
    let found = state.library().ok().and_then(|lib| lib.image(hash).ok().flatten());
    let response = match found {
        Some(image) => Response::builder()
            .header(header::CONTENT_TYPE, image.mime)
            // Content-addressed: the bytes under a hash never change.
            .header(header::CACHE_CONTROL, "public, max-age=31536000, immutable")
            .header("X-Content-Type-Options", "nosniff")
            // An SVG opened on its own runs no script and loads nothing.
            .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
            .body(image.bytes),
        None => {
            Response::builder().status(StatusCode::NOT_FOUND).header(header::CONTENT_TYPE, "text/plain").body(b"no such image".to_vec())
        }
    };
    response.unwrap_or_else(|_| Response::new(Vec::new()))
}
