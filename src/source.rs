//! Reading a file into text without ever losing a byte: binary, undecodable,
//! huge, unreadable and non-regular files become clear errors instead.
//! UTF-8 is the fast path; a PEP 263 coding line naming another encoding is
//! decoded with encoding_rs and written back in that encoding.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::Encoding;

/// Files larger than this are reported, not read.
pub(crate) const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// Why a file was not processed or not written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("cannot read: {0}")]
    Read(String),
    #[error("binary file (contains NUL bytes)")]
    Binary,
    #[error("not valid UTF-8 (first bad byte on line {line})")]
    NotUtf8 { line: usize },
    #[error("no such file or directory")]
    NotFound,
    #[error("not a regular file ({0}); not read")]
    NotRegular(&'static str),
    #[error("unsupported encoding ({0})")]
    UnsupportedEncoding(String),
    #[error("not valid {encoding} (the encoding its coding line names)")]
    BadEncoding { encoding: &'static str },
    #[error("line {line} of the fix cannot be encoded in {encoding}; not fixed")]
    Unencodable { encoding: &'static str, line: usize },
    #[error("cannot walk: {0}")]
    Walk(String),
    #[error("too large ({size} bytes; the limit is {MAX_FILE_SIZE})")]
    TooLarge { size: u64 },
    #[error("{0}")]
    Source(#[from] crate::engine::SourceError),
    #[error("is a symbolic link; not rewritten")]
    Symlink,
    #[error("has {0} hard links; not rewritten (the other names would keep the old code)")]
    HardLinks(u64),
    #[error("cannot keep its owner and group ({0}); not rewritten")]
    Owner(String),
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
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            FileError::Read(_) => "unreadable",
            FileError::Binary => "binary",
            FileError::NotUtf8 { .. } => "not UTF-8",
            FileError::NotFound => "not found",
            FileError::NotRegular(_) => "not a regular file",
            FileError::UnsupportedEncoding(_) | FileError::BadEncoding { .. } => {
                "unsupported encoding"
            }
            FileError::Unencodable { .. } => "fix not encodable",
            FileError::Walk(_) => "not walkable",
            FileError::TooLarge { .. } => "too large",
            FileError::Source(crate::engine::SourceError::Syntax { .. }) => "syntax error",
            FileError::Source(crate::engine::SourceError::TooDeep) => "nested too deeply",
            FileError::Source(_) => "fix broke syntax",
            FileError::Symlink => "symbolic link",
            FileError::HardLinks(_) => "hard links",
            FileError::Owner(_) => "owner not kept",
            FileError::ReadOnly => "read-only",
            FileError::Changed => "changed while running",
            FileError::Write(_) => "not writable",
            FileError::Internal(_) => "internal error",
        }
    }

    /// What the user can do about it (empty when the message says it all).
    pub(crate) fn help(&self) -> &'static str {
        match self {
            FileError::Read(_) => "check that the file exists and is readable",
            FileError::Binary => "binary files are never touched",
            FileError::NotUtf8 { .. } => {
                "tempsafe reads UTF-8, or the encoding a `# -*- coding: ... -*-` line names; add one, convert the file or exclude it with --exclude"
            }
            FileError::NotFound | FileError::NotRegular(_) | FileError::Walk(_) => "",
            FileError::UnsupportedEncoding(_) | FileError::BadEncoding { .. } => {
                "tempsafe reads UTF-8 and the ASCII-compatible encodings of PEP 263 coding lines; convert the file or exclude it with --exclude"
            }
            FileError::Unencodable { .. } => {
                "the fix needs characters the file's encoding lacks; fix this file by hand"
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
            FileError::HardLinks(_) => {
                "remove the other links, or fix a copy and move it over each name"
            }
            FileError::Owner(_) => "run tempsafe as the file's owner, or as root",
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
pub(crate) fn read_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), FileError> {
    use std::io::Read;
    bytes.clear();
    let mut file = open_for_reading(path)?;
    let metadata = file
        .metadata()
        .map_err(|e| FileError::Read(e.to_string()))?;
    if !metadata.is_file() {
        return Err(FileError::NotRegular(file_kind(&metadata.file_type())));
    }
    let size = metadata.len();
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

/// Opens `path` for reading without ever blocking: a FIFO swapped in after
/// the walk opens at once (and is then refused as not regular) instead of
/// waiting for a writer.
fn open_for_reading(path: &Path) -> Result<std::fs::File, FileError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            return FileError::NotFound;
        }
        // A socket cannot be opened at all (ENXIO): say what it is.
        match std::fs::symlink_metadata(path) {
            Ok(m) if !m.is_file() && !m.is_dir() && !m.file_type().is_symlink() => {
                FileError::NotRegular(file_kind(&m.file_type()))
            }
            _ => FileError::Read(e.to_string()),
        }
    })
}

/// What a file that is not a regular file is, for messages.
pub(crate) fn file_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_char_device() {
            return "character device";
        }
        if file_type.is_block_device() {
            return "block device";
        }
    }
    if file_type.is_dir() {
        return "directory";
    }
    if file_type.is_symlink() {
        return "symbolic link";
    }
    "special file"
}

/// A file's text and the encoding to write it back in.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    /// `None` for UTF-8 (the bytes are the text); otherwise the encoding
    /// that the file's PEP 263 coding line names.
    pub(crate) encoding: Option<&'static Encoding>,
}

/// The text of a file's bytes in the encoding Python would read them with:
/// UTF-8 unless a coding line names another (ASCII-compatible) encoding.
/// UTF-16/32 files (by their BOM) are refused.
pub(crate) fn decode_any(bytes: &[u8]) -> Result<Decoded<'_>, FileError> {
    check_encoding(bytes)?;
    let utf8 = |bytes| {
        decode(bytes).map(|text| Decoded {
            text: Cow::Borrowed(text),
            encoding: None,
        })
    };
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return utf8(bytes);
    }
    let Some(label) = coding_cookie(bytes) else {
        return utf8(bytes);
    };
    let encoding = python_encoding(label)?;
    // Pure ASCII reads the same in every encoding allowed here.
    if encoding == encoding_rs::UTF_8 || bytes.is_ascii() {
        return utf8(bytes);
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(FileError::Binary);
    }
    let bad = || FileError::BadEncoding {
        encoding: encoding.name(),
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(bad)?;
    // Only an encoding that gives back the very same bytes keeps every byte
    // outside the edits identical.
    if encode(&text, encoding).ok().as_deref() != Some(bytes) {
        return Err(bad());
    }
    Ok(Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: Some(encoding),
    })
}

/// `text` in `encoding`; an error names the first line
/// with a character the encoding lacks.
pub fn encode(text: &str, encoding: &'static Encoding) -> Result<Vec<u8>, FileError> {
    let (bytes, _, unmappable) = encoding.encode(text);
    if !unmappable {
        return Ok(bytes.into_owned());
    }
    let mut encoder = encoding.new_encoder();
    let at = text
        .char_indices()
        .find(|&(_, c)| {
            let mut buf = [0u8; 16];
            let mut one = [0u8; 4];
            let (result, _, _) = encoder.encode_from_utf8_without_replacement(
                c.encode_utf8(&mut one),
                &mut buf,
                false,
            );
            matches!(result, encoding_rs::EncoderResult::Unmappable(_))
        })
        .map_or(text.len(), |(i, _)| i);
    Err(FileError::Unencodable {
        encoding: encoding.name(),
        line: 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count(),
    })
}

/// Refuses a file whose byte order mark announces UTF-16 or UTF-32 (four
/// bytes looked at: cheap enough before the prefilter).
pub(crate) fn check_encoding(bytes: &[u8]) -> Result<(), FileError> {
    match wide_bom(bytes) {
        Some(name) => Err(FileError::UnsupportedEncoding(name.to_string())),
        None => Ok(()),
    }
}

/// The encoding a UTF-16 or UTF-32 byte order mark announces.
fn wide_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, 0, 0, ..] => Some("UTF-32 LE"),
        [0, 0, 0xfe, 0xff, ..] => Some("UTF-32 BE"),
        [0xff, 0xfe, ..] => Some("UTF-16 LE"),
        [0xfe, 0xff, ..] => Some("UTF-16 BE"),
        _ => None,
    }
}

/// The encoding named by a PEP 263 coding line: a comment on line 1, or on
/// line 2 below a comment-only or blank line 1, matching
/// `coding[:=]\s*([-\w.]+)`.
fn coding_cookie(bytes: &[u8]) -> Option<&str> {
    let mut rest = bytes;
    for _ in 0..2 {
        // Any line ending ends the line: `\n`, `\r\n` or a lone `\r`.
        let end = memchr::memchr2(b'\n', b'\r', rest).map_or(rest.len(), |i| {
            if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            }
        });
        let (line, after) = rest.split_at(end);
        let trimmed = line.trim_ascii_start();
        if !trimmed.starts_with(b"#") {
            // Only a blank line lets the second line speak.
            if !trimmed.is_empty() {
                return None;
            }
            rest = after;
            continue;
        }
        for at in memchr::memmem::find_iter(line, b"coding") {
            let tail = &line[at + b"coding".len()..];
            let Some(tail) = tail.strip_prefix(b":").or_else(|| tail.strip_prefix(b"=")) else {
                continue;
            };
            let tail = tail.trim_ascii_start();
            let len = tail
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                .count();
            if len > 0 {
                return std::str::from_utf8(&tail[..len]).ok();
            }
        }
        rest = after;
    }
    None
}

/// The encoding_rs encoding for a Python codec name, refusing those that
/// are not ASCII-compatible (Python cannot read its source in them either)
/// or that keep state between characters (no byte-exact round trip).
fn python_encoding(label: &str) -> Result<&'static Encoding, FileError> {
    let name = label.to_ascii_lowercase().replace('_', "-");
    // Python's own names that the WHATWG labels lack or map differently.
    let name = match name.as_str() {
        "utf8" | "utf-8-sig" | "u8" | "ascii" | "us-ascii" | "646" => "utf-8",
        // Latin-1 decodes every byte; windows-1252 (its WHATWG label) round-trips
        // every byte too and agrees on all but 0x80-0x9f, which code never uses.
        "latin-1" | "latin1" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            "windows-1252"
        }
        "cp932" | "ms932" | "sjis" | "shift-jis" | "s-jis" => "shift_jis",
        "eucjp" | "ujis" | "u-jis" => "euc-jp",
        "cp936" | "ms936" | "gb2312" => "gbk",
        "cp950" | "ms950" | "big5-tw" => "big5",
        "cp949" | "ms949" | "uhc" | "euckr" => "euc-kr",
        other => other,
    };
    let name = name
        .strip_prefix("latin-")
        .map(|n| format!("latin{n}"))
        .unwrap_or_else(|| name.to_string());
    let name = name
        .strip_prefix("iso8859-")
        .map_or(name.clone(), |n| format!("iso-8859-{n}"));
    let unsupported = || FileError::UnsupportedEncoding(label.to_string());
    let encoding = Encoding::for_label(name.as_bytes()).ok_or_else(unsupported)?;
    let stateful = encoding == encoding_rs::ISO_2022_JP;
    if !encoding.is_ascii_compatible() || stateful || encoding == encoding_rs::REPLACEMENT {
        return Err(unsupported());
    }
    Ok(encoding)
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
pub(crate) fn skip_marker(text: &str) -> Option<&'static str> {
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
