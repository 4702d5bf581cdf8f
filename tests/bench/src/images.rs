//! Images saved with web articles: what each saved image costs the library
//! file, against the image files themselves (the peer: the bytes as they
//! were downloaded). The page comes from the image test site on 127.0.0.1.

use std::path::Path;

use sidenote_core::import::{fetch_url_blocking, save_web_images_blocking, FetchLimits, ImageLimits};
use sidenote_core::Library;
use sidenote_epub_builder::image_site::ImageSite;

use crate::row::{Better, Row};
use crate::{BenchError, Config};

const GROUP: &str = "Images saved with articles";

pub fn run(cfg: &Config) -> Result<Vec<Row>, BenchError> {
    let site = ImageSite::start();
    std::fs::create_dir_all(&cfg.work).map_err(|e| BenchError::io(&cfg.work, e))?;
    // The same page stored twice: its pictures as links, then saved.
    let (linked, _, _) = library_bytes(cfg, &site, false)?;
    let (saved, count, raw) = library_bytes(cfg, &site, true)?;
    if count == 0 {
        return Err(BenchError::Usage("no image was saved from the test page".into()));
    }
    let per_image = (saved as f64 - linked as f64) / count as f64;
    let raw_per_image = raw as f64 / count as f64;
    Ok(vec![Row::new(GROUP, "Library size per saved image", "bytes")
        .info(per_image, Better::Lower)
        .peer("the image files", Some(raw_per_image))
        .note(format!(
            "{count} photo-like 400×300 PNGs of one page: the library file with them saved minus with them as links; {:.0} bytes of overhead per image",
            per_image - raw_per_image
        ))])
}

/// The library file's size with the test site's gallery page imported, and how many images were saved with their total bytes.
fn library_bytes(cfg: &Config, site: &ImageSite, save: bool) -> Result<(u64, usize, u64), BenchError> {
    let dir = cfg.work.join(if save { "images-saved" } else { "images-linked" });
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| BenchError::io(&dir, e))?;
    let mut loaded = fetch_url_blocking(&site.url("/gallery"), &FetchLimits::default())?.load()?;
    if save {
        save_web_images_blocking(&mut loaded, &ImageLimits::default());
    }
    let count = loaded.attachments.images.len();
    let raw = loaded.attachments.images.iter().map(|i| i.bytes.len() as u64).sum();
    {
        let mut lib = Library::open_dir(&dir)?;
        lib.import_loaded(loaded)?;
    }
    Ok((file_bytes(&dir)?, count, raw))
}

fn file_bytes(dir: &Path) -> Result<u64, BenchError> {
    let mut total = 0;
    for suffix in ["", "-wal"] {
        let path = dir.join(format!("library.sqlite3{suffix}"));
        if let Ok(meta) = std::fs::metadata(&path) {
            total += meta.len();
        }
    }
    Ok(total)
}
