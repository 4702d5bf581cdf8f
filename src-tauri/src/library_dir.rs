//! Which library folder a run uses, and whether the app has it open: shared
//! by the app (`app/`) and the command line (`cli/`), below both.

use std::path::{Path, PathBuf};

use sidenote_core::{store, Result};

/// The file the running app listens on, inside the library folder (see
/// `app/single_instance.rs`): one app per library, and a way for the command
/// line to tell that the app has the library open.
pub const INSTANCE_SOCKET: &str = ".sidenote-instance.sock";

/// The folder given by `--library` (or `SIDENOTE_LIBRARY`), else the platform's data folder.
pub fn resolve(library: Option<&Path>) -> Result<PathBuf> {
    match library {
        Some(dir) => Ok(dir.to_owned()),
        None => store::default_library_dir(),
    }
}

pub fn instance_socket(dir: &Path) -> PathBuf {
    dir.join(INSTANCE_SOCKET)
}

/// True when a Sidenote app is running on the library in `dir` (something answers on its socket).
#[cfg(unix)]
pub fn in_use_by_app(dir: &Path) -> bool {
    std::os::unix::net::UnixStream::connect(instance_socket(dir)).is_ok()
}

#[cfg(not(unix))]
pub fn in_use_by_app(_dir: &Path) -> bool {
    false
}
