//! Writing a fixed file without ever losing the original: refuse links,
//! hard-linked and read-only files, refuse a file that changed since it was
//! read, write an owner-only temporary sibling, keep owner, group and
//! permissions, fsync, rename over. Temporary siblings that an interrupted
//! run left behind are recognised by their name and removed by a later run.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::source::FileError;

/// What a temporary sibling's name holds between the file's name and the
/// writer's PID: `.NAME.tempsafe-PID-XXXXXX`.
const MARK: &[u8] = b".tempsafe-";

/// Random characters at the end of a temporary sibling's name.
const RANDOM_LEN: usize = 6;

/// Replaces `path`'s content, which was `original` when read, by `content`.
pub fn write_atomically(path: &Path, original: &[u8], content: &[u8]) -> Result<(), FileError> {
    let write_error = |e: std::io::Error| FileError::Write(e.to_string());
    let link = fs::symlink_metadata(path).map_err(write_error)?;
    if link.file_type().is_symlink() {
        return Err(FileError::Symlink);
    }
    // Swapped for a FIFO since it was read: reading it again would block.
    if !link.is_file() {
        return Err(FileError::Changed);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // A rename gives this name new content; the other names would keep
        // the old, insecure code.
        if link.nlink() > 1 {
            return Err(FileError::HardLinks(link.nlink()));
        }
    }
    if link.permissions().readonly() {
        return Err(FileError::ReadOnly);
    }
    let now = fs::read(path).map_err(write_error)?;
    if now != original {
        return Err(FileError::Changed);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or(OsStr::new("file"));
    // Created owner-only (0600) and exclusively: the new content is never
    // readable by others, whatever the umask, before the original mode is set.
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(name))
        .rand_bytes(RANDOM_LEN)
        .tempfile_in(dir)
        .map_err(write_error)?;
    temp.write_all(content).map_err(write_error)?;
    keep_owner(temp.as_file(), &link)?;
    // After the owner: changing it clears set-user-ID and set-group-ID bits.
    temp.as_file()
        .set_permissions(link.permissions())
        .map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    // On failure the returned error holds the temporary file; dropping it
    // removes it.
    temp.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// Gives the temporary file the original's owner and group where they
/// differ; when that is not permitted the file must not be replaced.
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> Result<(), FileError> {
    use std::os::unix::fs::MetadataExt;
    let now = file
        .metadata()
        .map_err(|e| FileError::Write(e.to_string()))?;
    let uid = (now.uid() != original.uid()).then(|| original.uid());
    let gid = (now.gid() != original.gid()).then(|| original.gid());
    if uid.is_none() && gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, uid, gid)
        .map_err(|e| FileError::Owner(format!("owner {}:{}: {e}", original.uid(), original.gid())))
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) -> Result<(), FileError> {
    Ok(())
}

/// `.NAME.tempsafe-PID-`: the name of a temporary sibling of `name` written
/// by this process, without its random end.
fn temp_prefix(name: &OsStr) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(format!(".tempsafe-{}-", std::process::id()));
    prefix
}

/// The PID in a temporary sibling's name, if `name` is one:
/// `.NAME.tempsafe-PID-XXXXXX` with a non-empty NAME and exactly six
/// alphanumeric random characters.
fn temp_file_pid(name: &OsStr) -> Option<u32> {
    let bytes = name.as_encoded_bytes();
    let rest = bytes.strip_prefix(b".")?;
    let at = memchr::memmem::rfind(rest, MARK)?;
    if at == 0 {
        return None;
    }
    let tail = &rest[at + MARK.len()..];
    let dash = memchr::memchr(b'-', tail)?;
    let (pid, random) = (&tail[..dash], &tail[dash + 1..]);
    if pid.is_empty()
        || !pid.iter().all(u8::is_ascii_digit)
        || random.len() != RANDOM_LEN
        || !random.iter().all(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    std::str::from_utf8(pid).ok()?.parse().ok()
}

/// True if `name` has the pattern of the temporary siblings that
/// [`write_atomically`] makes.
pub fn is_temp_file_name(name: &OsStr) -> bool {
    temp_file_pid(name).is_some()
}

/// True if `name` is the name of a sibling of `file_name` that
/// [`write_atomically`] makes.
pub fn is_temp_sibling_of(name: &OsStr, file_name: &OsStr) -> bool {
    temp_file_pid(name).is_some()
        && name
            .as_encoded_bytes()
            .strip_prefix(b".")
            .and_then(|rest| rest.strip_prefix(file_name.as_encoded_bytes()))
            .is_some_and(|rest| rest.starts_with(MARK))
}

/// Removes `path` if it is a temporary sibling (by its name) that no
/// running process will finish: its writer is gone, or a process that
/// started after the file was last written holds the PID now. True if it
/// was removed. A file of a tempsafe still running is never touched.
pub fn remove_if_stale(path: &Path) -> bool {
    let Some(pid) = path.file_name().and_then(temp_file_pid) else {
        return false;
    };
    let Ok(metadata) = fs::symlink_metadata(path) else {
        return false;
    };
    if !metadata.is_file() {
        return false;
    }
    let Ok(written) = metadata.modified() else {
        return false;
    };
    let stale = match process_start(pid) {
        Liveness::Gone => true,
        Liveness::StartedAt(start) => written < start,
        Liveness::Unknown => false,
    };
    stale && fs::remove_file(path).is_ok()
}

enum Liveness {
    Gone,
    /// No later than the process really started.
    StartedAt(std::time::SystemTime),
    /// No way to tell on this system.
    Unknown,
}

/// Whether process `pid` runs and since when, from Linux's /proc.
fn process_start(pid: u32) -> Liveness {
    use std::time::{Duration, UNIX_EPOCH};
    if !Path::new("/proc/self/stat").exists() {
        return Liveness::Unknown;
    }
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return Liveness::Gone;
    };
    // Field 22, start time in clock ticks after boot; the command name
    // (field 2, in parentheses) may hold spaces, so count after its end.
    let ticks = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(19))
        .and_then(|t| t.parse::<u64>().ok());
    let boot = fs::read_to_string("/proc/stat").ok().and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("btime "))
            .and_then(|t| t.trim().parse::<u64>().ok())
    });
    let (Some(ticks), Some(boot)) = (ticks, boot) else {
        return Liveness::Unknown;
    };
    // /proc counts in USER_HZ, 100 on every Linux architecture's ABI. The
    // boot time is whole seconds, rounded down: the start found is never
    // later than the real one, so a running writer's file is never stale.
    let start = Duration::from_secs(boot) + Duration::from_millis(ticks * 10);
    Liveness::StartedAt(UNIX_EPOCH + start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_exactly() {
        let pid = |s: &str| temp_file_pid(OsStr::new(s));
        assert_eq!(pid(".m.py.tempsafe-123-aB3xYz"), Some(123));
        assert_eq!(pid(".a.tempsafe-b.py.tempsafe-9-abcdef"), Some(9));
        for other in [
            "m.py.tempsafe-123-aB3xYz",
            "..tempsafe-123-aB3xYz",
            ".m.py.tempsafe-123-aB3xY",
            ".m.py.tempsafe-123-aB3xYz7",
            ".m.py.tempsafe--aB3xYz",
            ".m.py.tempsafe-12a-aB3xYz",
            ".m.py.tempsafe-123-aB3x.z",
            ".m.py",
        ] {
            assert_eq!(pid(other), None, "{other}");
        }
        let prefix = temp_prefix(OsStr::new("m.py"));
        let name = format!("{}abcdef", prefix.to_string_lossy());
        assert_eq!(pid(&name), Some(std::process::id()));
        assert!(is_temp_sibling_of(OsStr::new(&name), OsStr::new("m.py")));
        assert!(!is_temp_sibling_of(OsStr::new(&name), OsStr::new("m")));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_running_process_started_before_now() {
        let Liveness::StartedAt(start) = process_start(std::process::id()) else {
            panic!("this process must be running");
        };
        assert!(start <= std::time::SystemTime::now());
    }
}
