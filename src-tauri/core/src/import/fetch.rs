//! Fetching a page by its address: reqwest over rustls (ring), gzip and
//! brotli, a bounded number of redirects, a timeout, a body-size limit, and a
//! User-Agent that names the app.

use std::time::Duration;

use super::{load_source, Format, Loaded, Source, MAX_BYTES};
use crate::error::{Error, FormatDetail, Result};
use crate::model::SourceKind;

pub const USER_AGENT: &str = concat!("Sidenote/", env!("CARGO_PKG_VERSION"), " (article reader; +https://example.invalid/sidenote)");

#[derive(Debug, Clone)]
pub struct FetchLimits {
    /// For the whole exchange: connecting, redirects and reading the body.
    pub timeout: Duration,
    pub max_redirects: usize,
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits { timeout: Duration::from_secs(30), max_redirects: 10, max_bytes: MAX_BYTES }
    }
}

/// A response body worth extracting.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address as given (what duplicates are matched on).
    pub url: String,
    /// Where the redirects ended.
    pub final_url: String,
    pub bytes: Vec<u8>,
    pub format: Format,
    pub charset: Option<String>,
}

impl Fetched {
    /// Extracts the article; links resolve against the final address.
    pub fn load(self) -> Result<Loaded> {
        let mut loaded = load_source(Source {
            what: &self.url,
            bytes: self.bytes,
            format: self.format,
            url: Some(&self.final_url),
            http_charset: self.charset.as_deref(),
        })?;
        loaded.kind = SourceKind::Url;
        loaded.source_url = Some(self.url);
        Ok(loaded)
    }
}

/// Checks that `url` is an http(s) address and returns it normalized.
pub fn parse_web_address(url: &str) -> Result<url::Url> {
    let fail = |reason: &str| Error::Fetch { what: url.trim().to_owned(), reason: reason.into() };
    let parsed = url::Url::parse(url.trim()).map_err(|_| fail("this is not a web address (it should start with https://)"))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host().is_some() => Ok(parsed),
        _ => Err(fail("only http and https addresses can be imported")),
    }
}

/// Downloads `url`. Every failure is an `Error` that says what went wrong in
/// words: unreachable host, HTTP status, redirect loop, timeout, size, type.
pub async fn fetch_url(url: &str, limits: &FetchLimits) -> Result<Fetched> {
    let parsed = parse_web_address(url)?;
    let shown = parsed.to_string();
    let fail = |reason: String| Error::Fetch { what: shown.clone(), reason };
    // Several callers may race to install it; any installed provider will do.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .redirect(reqwest::redirect::Policy::limited(limits.max_redirects))
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout.min(Duration::from_secs(15)))
        .build()
        .map_err(|e| fail(format!("the HTTP client could not start ({e})")))?;
    let seconds = limits.timeout.as_secs_f64();
    let describe = |e: reqwest::Error| -> Error {
        if e.is_timeout() {
            fail(format!("the server did not answer within {seconds:.0} seconds"))
        } else if e.is_redirect() {
            fail(format!("the page redirects too many times (more than {}); it may be a redirect loop", limits.max_redirects))
        } else if e.is_connect() {
            fail("the server could not be reached (check the address and your connection)".into())
        } else {
            fail(format!("the download failed ({})", root_cause(&e)))
        }
    };
    let mut response = client.get(parsed.clone()).send().await.map_err(describe)?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("error");
        return Err(fail(format!("the server answered {} {reason}", status.as_u16())));
    }
    let final_url = response.url().to_string();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let mime = content_type.split(';').next().unwrap_or("").trim().to_owned();
    let charset =
        content_type.split(';').filter_map(|p| p.trim().strip_prefix("charset=")).map(|c| c.trim_matches(['"', '\'']).to_owned()).next();
    let format = format_for(&mime).map_err(|detail| Error::Unsupported { what: shown.clone(), detail })?;
    if let Some(len) = response.content_length().filter(|len| *len > limits.max_bytes) {
        return Err(Error::TooLarge { what: shown.clone(), size: len, limit: limits.max_bytes });
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe)? {
        if (bytes.len() + chunk.len()) as u64 > limits.max_bytes {
            return Err(Error::TooLarge { what: shown.clone(), size: (bytes.len() + chunk.len()) as u64, limit: limits.max_bytes });
        }
        bytes.extend_from_slice(&chunk);
    }
    let format = match format {
        Some(f) => f,
        None => super::sniff(&bytes).ok_or_else(|| Error::Unsupported {
            what: shown.clone(),
            detail: FormatDetail::detected(
                super::binary_kind(&bytes).unwrap_or("binary"),
                "the address serves a binary file, not a web page",
            ),
        })?,
    };
    Ok(Fetched { url: shown.clone(), final_url, bytes, format, charset })
}

/// Runs [`fetch_url`] on a private runtime, for callers that are not async (the CLI).
pub fn fetch_url_blocking(url: &str, limits: &FetchLimits) -> Result<Fetched> {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| Error::io("cannot start the network runtime", e))?;
    runtime.block_on(fetch_url(url, limits))
}

/// The format for a MIME type; `Ok(None)` means "look at the bytes".
/// A type that is refused names what it is (the detected format).
fn format_for(mime: &str) -> std::result::Result<Option<Format>, FormatDetail> {
    match mime {
        "text/html" | "application/xhtml+xml" => Ok(Some(Format::Html)),
        "text/plain" => Ok(Some(Format::Text)),
        "text/markdown" | "text/x-markdown" => Ok(Some(Format::Markdown)),
        "" | "application/octet-stream" => Ok(None),
        "application/pdf" => Err(FormatDetail::detected("PDF document", "the address serves a PDF document; PDFs cannot be imported yet")),
        "application/epub+zip" => Ok(Some(Format::Epub)),
        other => Err(FormatDetail::detected(other, format!("the address serves \"{other}\", not a web page or text"))),
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
