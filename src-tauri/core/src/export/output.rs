//! Writing an export to disk: a file, or one file per article into a folder.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{render, render_files, ArticleNotes, ExportFormat};
use crate::error::{Error, Result};

/// Writes the export to `path`: into it when it is an existing folder (one
/// file per article for Markdown and HTML), else as that file. Returns the
/// files written.
pub fn write_export(notes: &[ArticleNotes], format: ExportFormat, path: &Path) -> Result<Vec<PathBuf>> {
    let mut written = write_text(notes, format, path)?;
    if matches!(format, ExportFormat::Md | ExportFormat::Html) {
        let beside = if path.is_dir() { path } else { path.parent().unwrap_or(Path::new(".")) };
        written.extend(write_images(notes, &beside.join(super::images::FOLDER))?);
    }
    Ok(written)
}

/// The pictures copied for the highlights, once each (names are
/// content-addressed: a file already there is the same picture).
fn write_images(notes: &[ArticleNotes], folder: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, bytes) in notes.iter().flat_map(|n| &n.images).filter_map(|i| i.file.as_ref()) {
        let file = folder.join(name);
        if written.contains(&file) {
            continue;
        }
        std::fs::create_dir_all(folder).map_err(|e| Error::io(format!("cannot create {}", folder.display()), e))?;
        if !file.exists() {
            write_atomically(&file, |w| w.write_all(bytes))?;
        }
        written.push(file);
    }
    Ok(written)
}

fn write_text(notes: &[ArticleNotes], format: ExportFormat, path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_dir() {
        let files = render_files(notes, format)?;
        let mut written = Vec::with_capacity(files.len());
        for (name, text) in files {
            let file = path.join(name);
            write_atomically(&file, |w| w.write_all(text.as_bytes()))?;
            written.push(file);
        }
        Ok(written)
    } else if format == ExportFormat::Json {
        // Streamed: a whole library's JSON is over 100 MB.
        write_atomically(path, |w| super::w3c_json::write(notes, w))?;
        Ok(vec![path.to_owned()])
    } else if format == ExportFormat::Md {
        write_atomically(path, |w| super::markdown::write_all(notes, w))?;
        Ok(vec![path.to_owned()])
    } else {
        let text = render(notes, format)?;
        write_atomically(path, |w| w.write_all(text.as_bytes()))?;
        Ok(vec![path.to_owned()])
    }
}

/// Writes the library's timeline (as filtered) to `path` in `format`.
pub fn write_library_timeline(
    t: &crate::timeline::LibraryTimeline,
    format: super::library_timeline::TimelineExportFormat,
    path: &Path,
) -> Result<()> {
    let text = super::library_timeline::render(t, format)?;
    write_atomically(path, |w| w.write_all(text.as_bytes()))
}

/// Writes through a temporary file in the same folder, so an interrupted
/// export never leaves a half-written file where the old one was.
fn write_atomically(path: &Path, fill: impl FnOnce(&mut BufWriter<std::fs::File>) -> std::io::Result<()>) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".sidenote-partial");
    let tmp = PathBuf::from(tmp);
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(format!("cannot write {}", tmp.display()), e))?;
    let mut w = BufWriter::with_capacity(1 << 18, file);
    if let Err(e) = fill(&mut w).and_then(|()| w.flush()) {
        drop(w.into_parts()); // closed without another flush
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(format!("cannot write {}", tmp.display()), e));
    }
    drop(w);
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(format!("cannot write {}", path.display()), e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::notes;

    #[test]
    fn a_folder_gets_one_file_per_article_and_a_path_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_export(&notes(), ExportFormat::Md, dir.path()).unwrap();
        assert_eq!(written.len(), 2);
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["beekeeping-in-the-hills-a-light-box-0b5e2c1a.md", "ferry-timetable-5f0d9e88.md"]);
        for format in [ExportFormat::Md, ExportFormat::Json] {
            // The streamed single files hold what `render` makes.
            let file = dir.path().join(format!("all.{}", format.extension()));
            write_export(&notes(), format, &file).unwrap();
            assert_eq!(std::fs::read_to_string(&file).unwrap(), render(&notes(), format).unwrap());
        }
        let file = dir.path().join("all.csv");
        write_export(&notes(), ExportFormat::Csv, &file).unwrap();
        assert!(std::fs::read_to_string(&file).unwrap().starts_with("Highlight,Title,Author,URL,Note,Location,Date\r\n"));
        let missing = dir.path().join("no/such/folder/x.md");
        assert_eq!(write_export(&notes(), ExportFormat::Md, &missing).unwrap_err().kind(), crate::error::ErrorKind::Io);
    }
}
