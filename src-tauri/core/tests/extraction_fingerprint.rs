//! A fingerprint of everything the extractor makes of the shared corpora's
//! pages (`../shared/corpus/{news,readability}`: HTML, and the pasted-text
//! copies where there are any): one line per page with a hash of its title,
//! byline, date, language, text, HTML and removed blocks. Run before and
//! after a change meant to be output-neutral (a speed-up) and compare:
//!
//! `SIDENOTE_FINGERPRINT=/tmp/before.txt cargo test -p sidenote-core --test extraction_fingerprint -- --ignored`
//!
//! Ignored by default: it proves nothing on its own, only the comparison does.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use sidenote_core::import::{load_bytes, Format};

#[test]
#[ignore = "a tool: writes the corpus fingerprint to $SIDENOTE_FINGERPRINT for a before/after comparison"]
fn write_the_corpus_fingerprint() {
    let Some(out) = std::env::var_os("SIDENOTE_FINGERPRINT") else {
        eprintln!("set SIDENOTE_FINGERPRINT to the file to write");
        return;
    };
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut lines = Vec::new();
    for corpus in ["news", "readability"] {
        let Ok(entries) = std::fs::read_dir(shared.join(corpus)) else {
            eprintln!("skipped: ../shared/corpus/{corpus} is absent");
            continue;
        };
        let mut folders: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        for folder in folders {
            for (file, format) in [("source.html", Format::Html), ("source.txt", Format::Text)] {
                let Ok(bytes) = std::fs::read(folder.join(file)) else { continue };
                let name = format!("{corpus}/{}/{file}", folder.file_name().unwrap().to_string_lossy());
                let line = match load_bytes(&name, bytes, format) {
                    Ok(l) => {
                        let mut h = DefaultHasher::new();
                        let json = serde_json::to_string_pretty(&l.extracted).unwrap();
                        json.hash(&mut h);
                        // The whole output of pages whose name contains $SIDENOTE_FINGERPRINT_PAGE, beside the list.
                        if std::env::var("SIDENOTE_FINGERPRINT_PAGE").is_ok_and(|p| !p.is_empty() && name.contains(&p)) {
                            let mut path = std::path::PathBuf::from(&out).into_os_string();
                            path.push(format!(".{}.json", name.replace('/', "_")));
                            std::fs::write(path, &json).unwrap();
                        }
                        format!("{name} {:016x} {} chars, title {:?}", h.finish(), l.extracted.text.chars().count(), l.extracted.title)
                    }
                    Err(e) => format!("{name} refused: {e}"),
                };
                lines.push(line);
            }
        }
    }
    std::fs::write(out, lines.join("\n") + "\n").unwrap();
}
