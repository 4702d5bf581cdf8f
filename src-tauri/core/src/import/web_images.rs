//! Saving a web article's images with it at import: each distinct http(s)
//! image of the laid-out HTML is fetched once, a few at a time, within the
//! import's limits; what arrives is checked to be an image from its bytes
//! (SVG rewritten by [`super::svg`]) and stored content-addressed with the
//! article. Each `<img>` then takes its stored form (see [`super::images`]):
//! saved, or not saved with the reason in words. Nothing here fails the
//! import: an image that cannot be saved becomes a placeholder.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::stream::{self, StreamExt};

use super::images::{self, ImageData, ImgTag};
use super::{Loaded, USER_AGENT};

/// How much an import may fetch for one article's images.
#[derive(Debug, Clone)]
pub struct ImageLimits {
    /// Distinct images saved per article; the rest become placeholders.
    pub max_images: usize,
    pub max_image_bytes: u64,
    pub max_article_bytes: u64,
    /// For each image: connecting, redirects and reading the body.
    pub timeout: Duration,
    pub max_redirects: usize,
    /// Downloads running at once.
    pub in_flight: usize,
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits {
            max_images: 60,
            max_image_bytes: 10 * 1024 * 1024,
            max_article_bytes: 40 * 1024 * 1024,
            timeout: Duration::from_secs(20),
            max_redirects: 5,
            in_flight: 4,
        }
    }
}

/// What fetching each image address of a piece of HTML gave: the image, or
/// why it could not be saved (in words).
pub type FetchedImages = HashMap<String, Result<ImageData, String>>;

/// Fetches every distinct http(s) image of `html` once, within `limits`
/// (the first [`ImageLimits::max_images`]; the rest are refused with a reason).
pub async fn fetch_images_in(html: &str, limits: &ImageLimits) -> FetchedImages {
    let mut addresses: Vec<String> = Vec::new();
    for tag in images::img_tags(html) {
        if let Some(src) = tag.get("src").filter(|s| is_web(s)) {
            if !addresses.iter().any(|a| a == src) {
                addresses.push(src.to_owned());
            }
        }
    }
    let mut results = FetchedImages::new();
    if addresses.is_empty() {
        return results;
    }
    let over = addresses.split_off(addresses.len().min(limits.max_images));
    for address in over {
        results.insert(address, Err(format!("only the first {} images of an article are saved", limits.max_images)));
    }
    match client(limits) {
        Ok(client) => {
            let total = AtomicU64::new(0);
            let fetched: Vec<(String, Result<ImageData, String>)> = stream::iter(addresses)
                .map(|address| {
                    let (client, total) = (&client, &total);
                    async move {
                        let got = fetch_image(client, &address, limits, total).await;
                        (address, got)
                    }
                })
                .buffer_unordered(limits.in_flight.max(1))
                .collect()
                .await;
            results.extend(fetched);
        }
        Err(reason) => results.extend(addresses.into_iter().map(|a| (a, Err(reason.clone())))),
    }
    results
}

/// Fetches and stores the images of `loaded`'s HTML, rewriting each tag.
pub async fn save_web_images(loaded: &mut Loaded, limits: &ImageLimits) {
    let results = fetch_images_in(&loaded.extracted.html, limits).await;
    if results.is_empty() {
        return;
    }
    let mut kept: Vec<ImageData> = Vec::new();
    loaded.extracted.html = images::rewrite(&loaded.extracted.html, |tag| {
        let src = tag.get("src")?;
        match results.get(src)? {
            Ok(image) => {
                if !kept.iter().any(|k| k.hash == image.hash) {
                    kept.push(image.clone());
                }
                Some(ImgTag::saved(image, tag.get("alt"), tag.get("title"), Some(src)))
            }
            Err(reason) => Some(ImgTag::failed(Some(src), reason, tag.get("alt"), tag.get("title"))),
        }
    });
    for image in kept {
        if !loaded.attachments.images.iter().any(|k| k.hash == image.hash) {
            loaded.attachments.images.push(image);
        }
    }
}

/// [`save_web_images`] for callers that are not async: runs on a private
/// runtime in its own thread, so it also works when called from inside
/// another runtime (a Tauri command).
pub fn save_web_images_blocking(loaded: &mut Loaded, limits: &ImageLimits) {
    if !images::img_tags(&loaded.extracted.html).iter().any(|t| t.get("src").is_some_and(is_web)) {
        return;
    }
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(runtime) => runtime.block_on(save_web_images(loaded, limits)),
            Err(e) => tracing::warn!(error = %e, "no network runtime: images are left as links"),
        });
        if worker.join().is_err() {
            tracing::warn!("saving images stopped unexpectedly: images are left as links");
        }
    });
}

/// One image fetched on its own, for "Load from <site>" in the reader.
pub async fn fetch_one_image(address: &str, limits: &ImageLimits) -> Result<ImageData, String> {
    if !is_web(address) {
        return Err("only images at http and https addresses can be loaded".into());
    }
    let client = client(limits)?;
    fetch_image(&client, address, limits, &AtomicU64::new(0)).await
}

fn is_web(src: &str) -> bool {
    url::Url::parse(src).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

fn client(limits: &ImageLimits) -> Result<reqwest::Client, String> {
    // Several callers may race to install it; any installed provider will do.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let max_redirects = limits.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= max_redirects {
            attempt.error("too many redirects")
        } else if !matches!(attempt.url().scheme(), "http" | "https") {
            attempt.error("redirected away from the web")
        } else {
            attempt.follow()
        }
    });
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .redirect(policy)
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
        .build()
        .map_err(|e| format!("the HTTP client could not start ({e})"))
}

/// Downloads one image within the limits; `total` counts the article's bytes.
async fn fetch_image(client: &reqwest::Client, address: &str, limits: &ImageLimits, total: &AtomicU64) -> Result<ImageData, String> {
    let mut counted = 0u64;
    let result = download(client, address, limits, total, &mut counted).await;
    if result.is_err() {
        // A failed download does not use up the article's allowance.
        total.fetch_sub(counted, Ordering::Relaxed);
    }
    result
}

async fn download(
    client: &reqwest::Client,
    address: &str,
    limits: &ImageLimits,
    total: &AtomicU64,
    counted: &mut u64,
) -> Result<ImageData, String> {
    let seconds = limits.timeout.as_secs_f64().round().max(1.0);
    let unit = if seconds == 1.0 { "second" } else { "seconds" };
    let describe = |e: reqwest::Error| -> String {
        if e.is_timeout() {
            format!("the server did not send it within {seconds:.0} {unit}")
        } else if e.is_redirect() {
            "its address redirects too often or away from the web".into()
        } else if e.is_connect() {
            "the server could not be reached".into()
        } else {
            "the download failed".into()
        }
    };
    let mut response = client.get(address).send().await.map_err(describe)?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the server answered {} {}", status.as_u16(), status.canonical_reason().unwrap_or("error")));
    }
    let too_big = || format!("it is larger than {}, the most saved for one image", megabytes(limits.max_image_bytes));
    if response.content_length().is_some_and(|len| len > limits.max_image_bytes) {
        return Err(too_big());
    }
    let svg_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("image/svg+xml"));
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe)? {
        if (bytes.len() + chunk.len()) as u64 > limits.max_image_bytes {
            return Err(too_big());
        }
        let len = chunk.len() as u64;
        *counted += len;
        if total.fetch_add(len, Ordering::Relaxed) + len > limits.max_article_bytes {
            return Err(format!("the article's images together are larger than {}", megabytes(limits.max_article_bytes)));
        }
        bytes.extend_from_slice(&chunk);
    }
    let source = Some(address.to_owned());
    if svg_type || looks_like_svg(&bytes) {
        return super::svg::stored(&bytes, source).map_err(str::to_owned);
    }
    ImageData::from_bytes(bytes, source).ok_or_else(|| "the address did not send an image Sidenote can show".into())
}

/// SVG served under another type: XML whose first element is `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<svg") || head.starts_with("<?xml") || head.starts_with("<!--") || head.starts_with("<!doctype svg"))
        && head.contains("<svg")
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1024 * 1024))
}

#[cfg(test)]
mod tests;
