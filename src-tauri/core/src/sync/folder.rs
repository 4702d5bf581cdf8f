//! The sync folder, kept by a file-sync tool (Syncthing, Nextcloud, a network
//! share). Each device writes only inside `<folder>/<device id>/`:
//! `changes.log` (chunks appended, see `chunks`; after a compaction
//! `changes.<n>.log`, which starts with a snapshot of every document),
//! `device.json` (its name, when it last wrote a change and which log is
//! current), `blobs/<hash>.z` (article bodies,
//! zlib-compressed JSON, with a book's contents and the hashes of the
//! article's images) and `images/<hash>` (an image's bytes, named by their
//! SHA-256), each written under a temporary name then renamed. No file
//! is written by two devices, so the sync tool never makes conflict copies.
//! Everything read from the folder is untrusted: sizes are limited, chunks
//! checksummed, blobs verified by hash and sanitized again.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::images::ImageData;
use crate::import::Attachments;
use crate::model::{BookDetails, TocEntry};
use crate::store::{content_hash, ReplicaBody};

pub const LOG: &str = "changes.log";
const DEVICE_FILE: &str = "device.json";
const BLOBS: &str = "blobs";
const IMAGES: &str = "images";
/// Read of one device's log per round, at most (the rest waits for the next).
const MAX_READ: u64 = 64 << 20;
const MAX_DEVICE_FILE: u64 = 64 << 10;
/// A compressed body, and the body it inflates to, at most.
const MAX_BLOB: u64 = 64 << 20;
const MAX_BODY: u64 = 128 << 20;
/// One image, and the images one body may name, at most.
const MAX_IMAGE: u64 = 32 << 20;
const MAX_IMAGES: usize = 10_000;

fn io(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// What a device says of itself in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct DeviceFile {
    pub device: String,
    pub name: String,
    pub last_change_at: Option<String>,
    /// The log being written: 0 is `changes.log`, n is `changes.<n>.log`
    /// (absent from device files written before logs were compacted).
    #[serde(default)]
    pub log: u32,
}

/// The file name of a device's log of that generation.
pub fn log_name(generation: u32) -> String {
    if generation == 0 {
        LOG.to_owned()
    } else {
        format!("changes.{generation}.log")
    }
}

/// The size of a device's log of that generation (0 when there is none).
pub fn log_size(folder: &Path, device: &str, generation: u32) -> u64 {
    fs::metadata(device_dir(folder, device).join(log_name(generation))).map_or(0, |m| m.len())
}

/// A device id as a folder name: a UUID, nothing else.
pub fn is_device_id(name: &str) -> bool {
    uuid::Uuid::parse_str(name).is_ok_and(|u| u.hyphenated().to_string() == name)
}

pub fn device_dir(folder: &Path, device: &str) -> PathBuf {
    folder.join(device)
}

/// Makes this device's subfolder.
pub fn create_device_dir(folder: &Path, device: &str) -> Result<()> {
    if !folder.is_dir() {
        return Err(Error::Invalid(format!("the sync folder {} does not exist or is not a folder", folder.display())));
    }
    let dir = device_dir(folder, device);
    fs::create_dir_all(dir.join(BLOBS)).map_err(io(format!("cannot make the device folder {}", dir.display())))
}

/// The other devices' ids, sorted.
pub fn other_devices(folder: &Path, me: &str) -> Result<Vec<String>> {
    let entries = fs::read_dir(folder).map_err(io(format!("cannot read the sync folder {}", folder.display())))?;
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n != me && is_device_id(n))
        .collect();
    out.sort();
    Ok(out)
}

/// A fingerprint of what the other devices have written (the names, sizes
/// and times of the entries of their folders, no file read): it changes when
/// something arrives, so a watcher can poll it cheaply. Files still being
/// written (a leading dot: see `write_atomically`) count once renamed. Also
/// changes when the folder cannot be read.
pub fn arrivals(folder: &Path, me: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match other_devices(folder, me) {
        Ok(devices) => {
            for d in devices {
                let Ok(entries) = fs::read_dir(device_dir(folder, &d)) else {
                    (&d, "unreadable").hash(&mut h);
                    continue;
                };
                let mut seen: Vec<(String, u64, Option<std::time::SystemTime>)> = entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| Some((e.file_name().into_string().ok()?, e.metadata().ok()?)))
                    .filter(|(name, _)| !name.starts_with('.'))
                    .map(|(name, m)| (name, m.len(), m.modified().ok()))
                    .collect();
                // Listing order is the file system's: sorted, the fingerprint is not.
                seen.sort();
                (&d, seen).hash(&mut h);
            }
        }
        Err(e) => e.to_string().hash(&mut h),
    }
    h.finish()
}

/// Appends chunks to this device's log and flushes them to disk.
pub fn append(folder: &Path, device: &str, generation: u32, bytes: &[u8]) -> Result<()> {
    let path = device_dir(folder, device).join(log_name(generation));
    let mut f = OpenOptions::new().create(true).append(true).open(&path).map_err(io(format!("cannot open {}", path.display())))?;
    f.write_all(bytes).map_err(io(format!("cannot write {}", path.display())))?;
    f.sync_data().map_err(io(format!("cannot write {}", path.display())))
}

/// Writes `bytes` to `path` through a temporary name, so a reader never sees half of it.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let mut f = File::create(&tmp).map_err(io(format!("cannot write {}", tmp.display())))?;
    f.write_all(bytes).and_then(|()| f.sync_data()).map_err(io(format!("cannot write {}", tmp.display())))?;
    fs::rename(&tmp, path).map_err(io(format!("cannot write {}", path.display())))
}

pub fn write_device_file(folder: &Path, d: &DeviceFile) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(d).map_err(|e| Error::Invalid(e.to_string()))?;
    write_atomically(&device_dir(folder, &d.device).join(DEVICE_FILE), &bytes)
}

/// What a device says of itself; `None` when its file is missing, too large or not readable.
pub fn read_device_file(folder: &Path, device: &str) -> Option<DeviceFile> {
    let bytes = read_limited(&device_dir(folder, device).join(DEVICE_FILE), MAX_DEVICE_FILE).ok()??;
    let mut d: DeviceFile = serde_json::from_slice(&bytes).ok()?;
    d.name = d.name.chars().filter(|c| !c.is_control()).take(100).collect();
    (d.device == device).then_some(d)
}

/// The whole file if it is at most `limit` bytes (`None` when it is larger).
fn read_limited(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    let f = File::open(path).map_err(io(format!("cannot read {}", path.display())))?;
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes).map_err(io(format!("cannot read {}", path.display())))?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The bytes of a device's log of that generation from `offset` (up to a
/// limit); None when there is no such file (yet).
pub fn read_log(folder: &Path, device: &str, generation: u32, offset: u64) -> Result<Option<Vec<u8>>> {
    let path = device_dir(folder, device).join(log_name(generation));
    let mut f = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(format!("cannot read {}", path.display()))(e)),
    };
    f.seek(SeekFrom::Start(offset)).map_err(io(format!("cannot read {}", path.display())))?;
    let mut bytes = Vec::new();
    f.take(MAX_READ).read_to_end(&mut bytes).map_err(io(format!("cannot read {}", path.display())))?;
    Ok(Some(bytes))
}

/// A new log being written under a temporary name: it appears whole, once
/// `finish` renames it, or not at all.
pub struct NewLog {
    tmp: PathBuf,
    path: PathBuf,
    file: std::io::BufWriter<File>,
}

impl NewLog {
    pub fn create(folder: &Path, device: &str, generation: u32) -> Result<NewLog> {
        let path = device_dir(folder, device).join(log_name(generation));
        let tmp = path.with_file_name(format!(".{}.tmp", log_name(generation)));
        let file = File::create(&tmp).map_err(io(format!("cannot write {}", tmp.display())))?;
        Ok(NewLog { tmp, path, file: std::io::BufWriter::new(file) })
    }

    pub fn push(&mut self, bytes: &[u8]) -> Result<()> {
        self.file.write_all(bytes).map_err(io(format!("cannot write {}", self.tmp.display())))
    }

    pub fn finish(self) -> Result<()> {
        let context = format!("cannot write {}", self.tmp.display());
        let file = self.file.into_inner().map_err(|e| Error::Io { context: context.clone(), source: e.into_error() })?;
        file.sync_data().map_err(io(context))?;
        fs::rename(&self.tmp, &self.path).map_err(io(format!("cannot write {}", self.path.display())))
    }
}

/// Removes a log this device wrote before its current one.
pub fn remove_log(folder: &Path, device: &str, generation: u32) -> Result<()> {
    let path = device_dir(folder, device).join(log_name(generation));
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(format!("cannot remove {}", path.display()))(e)),
        _ => Ok(()),
    }
}

fn blob_name(hash: &str) -> String {
    format!("{hash}.z")
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// An article's body as a blob holds it (the fields after `html` are absent
/// from blobs written before books and images synced).
#[derive(Serialize, Deserialize)]
struct BlobJson {
    text: String,
    html: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    toc: Vec<TocEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    book: Option<BookDetails>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    images: Vec<BlobImage>,
}

/// An image the article holds: its file in some device's `images/`.
#[derive(Serialize, Deserialize)]
struct BlobImage {
    hash: String,
    source: Option<String>,
}

/// True when this device has written the body with that hash (so it need
/// not be read from the library again).
pub fn has_blob(folder: &Path, device: &str, hash: &str) -> bool {
    device_dir(folder, device).join(BLOBS).join(blob_name(hash)).exists()
}

/// Writes an article's body into this device's blobs, its images first (a
/// device that finds the body looks for them). The round asks [`has_blob`]
/// first, before reading the body from the library.
pub fn write_blob(folder: &Path, device: &str, hash: &str, body: &ReplicaBody) -> Result<()> {
    let path = device_dir(folder, device).join(BLOBS).join(blob_name(hash));
    let images_dir = device_dir(folder, device).join(IMAGES);
    if !body.attachments.images.is_empty() {
        fs::create_dir_all(&images_dir).map_err(io(format!("cannot make {}", images_dir.display())))?;
    }
    for image in &body.attachments.images {
        let file = images_dir.join(&image.hash);
        if !file.exists() {
            write_atomically(&file, &image.bytes)?;
        }
    }
    let blob = BlobJson {
        text: body.text.clone(),
        html: body.html.clone(),
        toc: body.attachments.toc.clone(),
        book: body.attachments.book.clone(),
        images: body.attachments.images.iter().map(|i| BlobImage { hash: i.hash.clone(), source: i.source.clone() }).collect(),
    };
    let json = serde_json::to_vec(&blob).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&json).map_err(io("cannot compress an article".into()))?;
    write_atomically(&path, &z.finish().map_err(io("cannot compress an article".into()))?)
}

/// What looking for a body in the folder found.
#[derive(Debug)]
pub enum Blob {
    Found(Box<ReplicaBody>),
    /// No device has written it (or one of its images) yet, or it is still arriving.
    Missing,
    /// Every copy is damaged, too large, does not hash to its name, or does
    /// not hold an article this build would import.
    Rejected(String),
}

/// An article's body with this hash, from any device's blobs: inflated within
/// limits, checked against its hash, its HTML sanitized again and checked
/// against its text as any import is.
pub fn find_blob(folder: &Path, hash: &str) -> Result<Blob> {
    if !is_hash(hash) {
        return Ok(Blob::Rejected(format!("{hash:?} is not a content hash")));
    }
    // Listed once for the body and all its images (sorted: the first whole copy wins).
    let devices = other_devices(folder, "")?;
    let mut rejected = None;
    for d in &devices {
        let path = device_dir(folder, d).join(BLOBS).join(blob_name(hash));
        if !path.is_file() {
            continue;
        }
        let blob = match read_blob(&path, hash) {
            Ok(blob) => blob,
            Err(reason) => {
                rejected = Some(format!("{}: {reason}", path.display()));
                continue;
            }
        };
        return Ok(match attach(folder, &devices, blob) {
            Ok(Some(body)) => Blob::Found(Box::new(body)),
            Ok(None) => Blob::Missing,
            Err(reason) => Blob::Rejected(format!("{}: {reason}", path.display())),
        });
    }
    Ok(rejected.map_or(Blob::Missing, Blob::Rejected))
}

/// The body with its images read from the folder; None while one has not arrived.
fn attach(folder: &Path, devices: &[String], blob: BlobJson) -> std::result::Result<Option<ReplicaBody>, String> {
    let mut images = Vec::with_capacity(blob.images.len());
    for image in blob.images {
        match find_image(folder, devices, &image.hash, image.source)? {
            Some(found) => images.push(found),
            None => return Ok(None),
        }
    }
    Ok(Some(ReplicaBody { text: blob.text, html: blob.html, attachments: Attachments { toc: blob.toc, book: blob.book, images } }))
}

/// An image from any device's `images/`: within the size limit, hashing to
/// its name and kept as an import keeps it (an SVG drawing rewritten by the
/// importer's allowlist must come out the same). None when no device has it yet.
fn find_image(folder: &Path, devices: &[String], hash: &str, source: Option<String>) -> std::result::Result<Option<ImageData>, String> {
    if !is_hash(hash) {
        return Err(format!("{hash:?} is not an image hash"));
    }
    let mut rejected = None;
    for d in devices {
        let path = device_dir(folder, d).join(IMAGES).join(hash);
        if !path.is_file() {
            continue;
        }
        let bytes = match read_limited(&path, MAX_IMAGE) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                rejected = Some(format!("the image {hash} is too large"));
                continue;
            }
            Err(e) => {
                rejected = Some(e.to_string());
                continue;
            }
        };
        if crate::digest::sha256_hex(&bytes) != hash {
            // Still arriving, or damaged: another copy may be whole.
            continue;
        }
        match crate::import::checked_image(bytes, source.clone()) {
            Ok(image) if image.hash == hash => return Ok(Some(image)),
            Ok(_) => rejected = Some(format!("the image {hash} is not kept as the importer keeps it")),
            Err(reason) => rejected = Some(format!("the image {hash}: {reason}")),
        }
    }
    rejected.map_or(Ok(None), Err)
}

fn read_blob(path: &Path, hash: &str) -> std::result::Result<BlobJson, String> {
    let compressed = read_limited(path, MAX_BLOB).map_err(|e| e.to_string())?.ok_or("too large")?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..]).take(MAX_BODY + 1).read_to_end(&mut json).map_err(|e| format!("not zlib: {e}"))?;
    if json.len() as u64 > MAX_BODY {
        return Err("inflates beyond the limit".into());
    }
    let mut blob: BlobJson = serde_json::from_slice(&json).map_err(|e| format!("not an article body: {e}"))?;
    if content_hash(&blob.text) != hash {
        return Err("its text does not match its hash".into());
    }
    blob.html = crate::import::sanitize_laid_out(&blob.html);
    if let Some(v) = crate::import::contract_violation(&blob.text, &blob.html) {
        return Err(format!("its HTML does not match its text: {v}"));
    }
    if blob.images.len() > MAX_IMAGES {
        return Err(format!("it names {} images (at most {MAX_IMAGES})", blob.images.len()));
    }
    let length = blob.text.chars().count();
    if let Some(e) = blob.toc.iter().find(|e| e.start as usize > length || !(1..=6).contains(&e.level) || e.title.chars().count() > 1000) {
        return Err(format!("its table of contents has an entry that is not one of its text ({:?} at {})", e.title, e.start));
    }
    Ok(blob)
}
