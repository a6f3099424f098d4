//! Writing a fixed file without ever losing the original: refuse links and
//! read-only files, refuse a file that changed since it was read, write a
//! temporary sibling, fsync, keep the permissions, rename over.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::source::FileError;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path`'s content, which was `original` when read, by `content`.
pub fn write_atomically(path: &Path, original: &[u8], content: &[u8]) -> Result<(), FileError> {
    let link = fs::symlink_metadata(path).map_err(|e| FileError::Write(e.to_string()))?;
    if link.file_type().is_symlink() {
        return Err(FileError::Symlink);
    }
    if link.permissions().readonly() {
        return Err(FileError::ReadOnly);
    }
    let now = fs::read(path).map_err(|e| FileError::Write(e.to_string()))?;
    if now != original {
        return Err(FileError::Changed);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(
        ".{name}.tempsafe-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file: File = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(content)?;
        file.set_permissions(link.permissions())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        FileError::Write(e.to_string())
    })
}
