//! Finding the Python files under the given paths: .gitignore respected,
//! virtualenvs, VCS and build folders skipped, explicit files always taken.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::WalkState;
use ignore::overrides::OverrideBuilder;

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
    pub exclude: Vec<String>,
    /// Do not read .gitignore and friends.
    pub no_ignore: bool,
    pub threads: usize,
}

/// A path that could not be walked.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
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

/// All Python files under `roots`, sorted, plus the paths that failed.
pub fn discover(roots: &[PathBuf], options: &WalkOptions) -> (Vec<PathBuf>, Vec<WalkError>) {
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    for root in roots {
        if !root.is_dir() {
            // An explicit file is always processed (even a link, or no .py).
            if root.symlink_metadata().is_ok() {
                files
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(root.clone());
            } else {
                errors
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(WalkError {
                        path: root.clone(),
                        message: "no such file or directory".to_string(),
                    });
            }
            continue;
        }
        let mut overrides = OverrideBuilder::new(root);
        for glob in &options.exclude {
            if let Err(e) = overrides.add(&format!("!{glob}")) {
                errors
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(WalkError {
                        path: PathBuf::from(glob),
                        message: format!("invalid --exclude glob: {e}"),
                    });
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
                            files
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push(entry.into_path());
                        }
                    }
                    Err(e) => errors
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(WalkError {
                            path: PathBuf::new(),
                            message: e.to_string(),
                        }),
                }
                WalkState::Continue
            })
        });
    }
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort();
    files.dedup();
    (
        files,
        errors.into_inner().unwrap_or_else(|e| e.into_inner()),
    )
}
