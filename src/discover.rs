//! Finding the Python files under the given paths: .gitignore respected,
//! virtualenvs, VCS and build folders skipped, explicit files always taken.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::WalkState;
use ignore::overrides::OverrideBuilder;

use crate::source::{FileError, file_kind};
use crate::writer::{is_temp_file_name, is_temp_sibling_of, remove_if_stale};

/// Folder names never walked into.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    ".eggs",
    "__pycache__",
    "__pypackages__",
    "node_modules",
    "site-packages",
    "build",
    "dist",
    "_build",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "buck-out",
];

/// How to walk.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs of paths to leave out (matched like .gitignore lines).
    pub(crate) exclude: Vec<String>,
    /// Do not read .gitignore and friends.
    pub(crate) no_ignore: bool,
    pub(crate) threads: usize,
    /// Remove the temporary siblings an interrupted `fix` left (see
    /// [`crate::writer::remove_if_stale`]) from the walked directories and
    /// beside the files named.
    pub(crate) clean_stale: bool,
}

/// A path that could not be walked or is not a file to read.
#[derive(Debug)]
pub struct WalkError {
    pub(crate) path: PathBuf,
    pub(crate) error: FileError,
}

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// The Python files, sorted.
    pub(crate) files: Vec<PathBuf>,
    pub(crate) errors: Vec<WalkError>,
    /// Stale temporary files removed (with `clean_stale`).
    pub(crate) removed: Vec<PathBuf>,
}

fn is_python(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("py" | "pyw")
    )
}

fn is_skipped_dir(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    SKIPPED_DIRS.contains(&name) || name.ends_with(".egg-info") || path.join("pyvenv.cfg").is_file()
}

fn push<T>(list: &Mutex<Vec<T>>, item: T) {
    list.lock().unwrap_or_else(|e| e.into_inner()).push(item);
}

/// All Python files under `roots`, sorted, plus the paths that failed.
pub fn discover(roots: &[PathBuf], options: &WalkOptions) -> (Vec<PathBuf>, Vec<WalkError>) {
    let walk = walk(roots, options);
    (walk.files, walk.errors)
}

/// A path named on the command line that is not a directory: a regular
/// file (or a link, which the writer refuses) is taken whatever its name;
/// a FIFO, socket or device is an error and never opened.
fn explicit_file(root: &Path) -> Result<(), FileError> {
    let metadata = root.symlink_metadata().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => FileError::NotFound,
        _ => FileError::Read(e.to_string()),
    })?;
    let target = if metadata.file_type().is_symlink() {
        match root.metadata() {
            Ok(target) => target,
            // A dangling link: reading it reports it.
            Err(_) => return Ok(()),
        }
    } else {
        metadata
    };
    if target.is_file() {
        Ok(())
    } else {
        Err(FileError::NotRegular(file_kind(&target.file_type())))
    }
}

/// Removes the stale temporary siblings of the file `root`. Each directory
/// is listed once per process: a pre-commit hook names thousands of files
/// in the same few directories.
fn clean_beside(root: &Path, removed: &Mutex<Vec<PathBuf>>) {
    static TEMP_FILES: Mutex<Option<HashMap<PathBuf, Vec<PathBuf>>>> = Mutex::new(None);
    let Some(name) = root.file_name() else { return };
    let dir = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut cache = TEMP_FILES.lock().unwrap_or_else(|e| e.into_inner());
    let temp_files = cache
        .get_or_insert_with(HashMap::new)
        .entry(dir.to_path_buf())
        .or_insert_with(|| {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return Vec::new();
            };
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.file_name().is_some_and(is_temp_file_name))
                .collect()
        });
    temp_files.retain(|path| {
        let mine = path
            .file_name()
            .is_some_and(|entry| is_temp_sibling_of(entry, name));
        if mine && remove_if_stale(path) {
            push(removed, path.clone());
            return false;
        }
        true
    });
}

/// All Python files under `roots`, the paths that failed, and the stale
/// temporary files removed.
pub(crate) fn walk(roots: &[PathBuf], options: &WalkOptions) -> Walk {
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let removed = Mutex::new(Vec::new());
    for root in roots {
        if !root.is_dir() {
            match explicit_file(root) {
                Ok(()) => {
                    if options.clean_stale {
                        clean_beside(root, &removed);
                    }
                    push(&files, root.clone());
                }
                Err(error) => push(
                    &errors,
                    WalkError {
                        path: root.clone(),
                        error,
                    },
                ),
            }
            continue;
        }
        let mut overrides = OverrideBuilder::new(root);
        for glob in &options.exclude {
            if let Err(e) = overrides.add(&format!("!{glob}")) {
                push(
                    &errors,
                    WalkError {
                        path: PathBuf::from(glob),
                        error: FileError::Walk(format!("invalid --exclude glob: {e}")),
                    },
                );
            }
        }
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .standard_filters(!options.no_ignore)
            .hidden(false)
            .require_git(false)
            .threads(options.threads)
            .filter_entry(|entry| {
                // The entry's type comes from the directory listing: no stat.
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(entry.depth() > 0 && is_dir && is_skipped_dir(entry.path()))
            });
        if let Ok(overrides) = overrides.build() {
            builder.overrides(overrides);
        }
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) => {
                        let is_file = entry.file_type().is_some_and(|t| t.is_file());
                        if is_file && is_python(entry.path()) {
                            push(&files, entry.into_path());
                        } else if is_file && options.clean_stale && remove_if_stale(entry.path()) {
                            push(&removed, entry.into_path());
                        }
                    }
                    Err(e) => push(
                        &errors,
                        WalkError {
                            path: root.clone(),
                            error: FileError::Walk(e.to_string()),
                        },
                    ),
                }
                WalkState::Continue
            })
        });
    }
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort();
    files.dedup();
    let mut removed = removed.into_inner().unwrap_or_else(|e| e.into_inner());
    removed.sort();
    Walk {
        files,
        errors: errors.into_inner().unwrap_or_else(|e| e.into_inner()),
        removed,
    }
}
