//! Turning what the user dropped or selected into the files to import: a folder
//! gives its .html/.htm/.xhtml/.txt/.md files (one level of subfolders deep), and
//! a page saved as "Web page, complete" (`Story.html` beside `Story_files/`)
//! counts once, through its main file, whichever of the two was dropped.

use std::path::{Path, PathBuf};

use super::Format;

/// Suffixes browsers give the folder of a saved page's resources.
const RESOURCE_SUFFIXES: &[&str] = &["_files", "-Dateien", "_fichiers", "_archivos", "-bestanden", "_file"];

/// Expands folders into the importable files they hold; files pass through (so
/// unsupported ones still get their own error). The order is stable.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
        } else if let Some(main) = main_file_of_resources(path) {
            out.push(main);
        } else {
            collect(path, 1, &mut out);
        }
    }
    out.dedup();
    out
}

fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable folder is reported as a path that fails to load.
        out.push(dir.to_owned());
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            if depth > 0 && main_file_of_resources(&path).is_none() {
                collect(&path, depth - 1, out);
            }
        } else if path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).is_some() {
            out.push(path);
        }
    }
}

/// For `Story_files/`, the `Story.html` (or .htm) beside it.
fn main_file_of_resources(dir: &Path) -> Option<PathBuf> {
    let name = dir.file_name()?.to_str()?;
    let stem = RESOURCE_SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    ["html", "htm", "xhtml"].iter().map(|ext| dir.with_file_name(format!("{stem}.{ext}"))).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_and_saved_pages_count_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("Story.html"), "<p>x</p>").unwrap();
        std::fs::create_dir(root.join("Story_files")).unwrap();
        std::fs::write(root.join("Story_files/frame.html"), "<p>ad</p>").unwrap();
        std::fs::write(root.join("Story_files/style.css"), "p{}").unwrap();
        std::fs::write(root.join("notes.md"), "# n").unwrap();
        std::fs::write(root.join("photo.jpg"), [0xff, 0xd8, 0xff]).unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::create_dir(root.join("more")).unwrap();
        std::fs::write(root.join("more/a.txt"), "a").unwrap();
        let files = expand_paths(&[root.to_owned()]);
        assert_eq!(files, vec![root.join("Story.html"), root.join("more/a.txt"), root.join("notes.md")]);
        // Dropping the resources folder itself imports the page.
        assert_eq!(expand_paths(&[root.join("Story_files")]), vec![root.join("Story.html")]);
        // Files are passed through untouched, supported or not.
        assert_eq!(expand_paths(&[root.join("photo.jpg")]), vec![root.join("photo.jpg")]);
    }
}
