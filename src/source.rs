//! Reading a file into text without ever losing a byte: binary, undecodable,
//! huge and unreadable files become clear errors instead.

use std::path::Path;

/// Files larger than this are reported, not read.
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// Why a file was not processed or not written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("cannot read: {0}")]
    Read(String),
    #[error("binary file (contains NUL bytes)")]
    Binary,
    #[error("not valid UTF-8 (first bad byte on line {line})")]
    NotUtf8 { line: usize },
    #[error("too large ({size} bytes; the limit is {MAX_FILE_SIZE})")]
    TooLarge { size: u64 },
    #[error("{0}")]
    Source(#[from] crate::engine::SourceError),
    #[error("is a symbolic link; not rewritten")]
    Symlink,
    #[error("is read-only; not rewritten")]
    ReadOnly,
    #[error("changed on disk while tempsafe was working; not overwritten")]
    Changed,
    #[error("cannot write: {0}")]
    Write(String),
    #[error("internal error in tempsafe: {0}; the file was left as it was")]
    Internal(String),
}

impl FileError {
    /// A short name for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            FileError::Read(_) => "unreadable",
            FileError::Binary => "binary",
            FileError::NotUtf8 { .. } => "not UTF-8",
            FileError::TooLarge { .. } => "too large",
            FileError::Source(crate::engine::SourceError::Syntax { .. }) => "syntax error",
            FileError::Source(crate::engine::SourceError::TooDeep) => "nested too deeply",
            FileError::Source(_) => "fix broke syntax",
            FileError::Symlink => "symbolic link",
            FileError::ReadOnly => "read-only",
            FileError::Changed => "changed while running",
            FileError::Write(_) => "not writable",
            FileError::Internal(_) => "internal error",
        }
    }

    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            FileError::Read(_) => "check that the file exists and is readable",
            FileError::Binary => "binary files are never touched",
            FileError::NotUtf8 { .. } => {
                "tempsafe reads UTF-8 only; convert the file or exclude it with --exclude"
            }
            FileError::TooLarge { .. } => "exclude the file with --exclude",
            FileError::Source(crate::engine::SourceError::Syntax { .. }) => {
                "tempsafe parses Python 3; Python 2 files are reported and left as they are"
            }
            FileError::Source(crate::engine::SourceError::TooDeep) => {
                "generated code this deep cannot run either; exclude the file with --exclude"
            }
            FileError::Source(_) => "please report this as a bug in tempsafe, with the file",
            FileError::Symlink => "run tempsafe on the file the link points to",
            FileError::ReadOnly => "make the file writable to let tempsafe fix it",
            FileError::Changed => "run tempsafe again once nothing else writes the file",
            FileError::Write(_) => "check the permissions of the file and its directory",
            FileError::Internal(_) => "please report this as a bug in tempsafe, with the file",
        }
    }
}

/// Reads a file into `bytes` (cleared first), with the size check done
/// first (on the open file: one path lookup per file). Reusing one buffer
/// per thread spares an allocation and its page faults per file.
pub fn read_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), FileError> {
    use std::io::Read;
    bytes.clear();
    let mut file = std::fs::File::open(path).map_err(|e| FileError::Read(e.to_string()))?;
    let size = file
        .metadata()
        .map_err(|e| FileError::Read(e.to_string()))?
        .len();
    if size > MAX_FILE_SIZE {
        return Err(FileError::TooLarge { size });
    }
    bytes.reserve(usize::try_from(size).unwrap_or_default() + 1);
    // Read at most one byte past the limit: a file growing meanwhile stays bounded.
    file.by_ref()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(bytes)
        .map_err(|e| FileError::Read(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(FileError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(())
}

/// The text of a file's bytes: UTF-8 (with or without BOM, which is kept).
pub fn decode(bytes: &[u8]) -> Result<&str, FileError> {
    if memchr::memchr(0, bytes).is_some() {
        return Err(FileError::Binary);
    }
    std::str::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        line: 1 + memchr::memchr_iter(b'\n', &bytes[..e.valid_up_to()]).count(),
    })
}

/// Why a file is skipped on purpose.
pub fn skip_marker(text: &str) -> Option<&'static str> {
    for (marker, reason) in [
        ("tempsafe: skip-file", "`# tempsafe: skip-file`"),
        ("@generated", "@generated"),
    ] {
        for at in memchr::memmem::find_iter(text.as_bytes(), marker) {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].trim_start().starts_with('#') {
                return Some(reason);
            }
        }
    }
    None
}
