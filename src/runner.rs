//! Running check or fix over many files: in parallel, one file at a time in
//! memory, results in path order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, FixStatus};
use crate::engine::{check_source, fix_source, fix_status};
use crate::settings::Settings;
use crate::source::{FileError, decode, read_into, skip_marker};
use crate::transforms::Rule;
use crate::writer::write_atomically;

/// What to do with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    /// Apply fixes; with `dry_run`, compute the diff and write nothing.
    Fix {
        dry_run: bool,
    },
}

/// What happened to one file.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing to find (most files: the prefilter rules them out).
    Clean,
    /// Skipped on purpose, with the reason.
    Skipped(&'static str),
    /// Findings, each with its status, and the source they point into.
    Findings {
        source: Arc<str>,
        findings: Vec<(Diagnostic, FixStatus)>,
        /// For `fix`: the fixed text (None when nothing changed).
        fixed: Option<FixedFile>,
    },
    Error(FileError),
}

/// A file that fixes changed.
#[derive(Debug)]
pub struct FixedFile {
    pub source: Arc<str>,
    /// Fixes applied per rule.
    pub counts: BTreeMap<Rule, usize>,
    /// Findings left in the fixed text.
    pub remaining: Vec<Diagnostic>,
    pub converged: bool,
    /// Set when writing was attempted and failed.
    pub write_error: Option<FileError>,
}

/// One file's report.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    /// Index of the root (command-line path) the file was found under.
    pub root: usize,
    pub outcome: Outcome,
}

/// A file to process, with the root it belongs to.
#[derive(Debug, Clone)]
pub struct Job {
    pub path: PathBuf,
    pub root: usize,
}

/// Processes `jobs` on all threads, each with its root's settings; reports
/// come back in input order. `progress` is ticked once per file.
pub fn run(
    jobs: &[Job],
    settings: &[Settings],
    mode: Mode,
    progress: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    jobs.par_iter()
        .map(|job| {
            let outcome = process_file(&job.path, &settings[job.root], mode);
            progress();
            FileReport {
                path: job.path.clone(),
                root: job.root,
                outcome,
            }
        })
        .collect()
}

/// Processes one file. A bug in tempsafe that panics on one file is
/// reported for that file; the run goes on.
pub fn process_file(path: &Path, settings: &Settings, mode: Mode) -> Outcome {
    std::panic::catch_unwind(|| process_file_inner(path, settings, mode)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(ToString::to_string))
            .unwrap_or_default();
        Outcome::Error(FileError::Internal(message))
    })
}

thread_local! {
    /// The file being read, per worker thread.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A buffer of this size or less is kept for the next file.
const KEPT_BUFFER: usize = 4 * 1024 * 1024;

fn process_file_inner(path: &Path, settings: &Settings, mode: Mode) -> Outcome {
    BUFFER.with(|buffer| {
        // Unwinding from a panic drops the borrow: the next file can use it.
        let bytes = &mut *buffer.borrow_mut();
        let outcome = process_bytes(path, bytes, settings, mode);
        if bytes.capacity() > KEPT_BUFFER {
            *bytes = Vec::new();
        }
        outcome
    })
}

fn process_bytes(path: &Path, bytes: &mut Vec<u8>, settings: &Settings, mode: Mode) -> Outcome {
    if let Err(e) = read_into(path, bytes) {
        return Outcome::Error(e);
    }
    let bytes = &bytes[..];
    if settings.active_rules(bytes).is_empty() {
        return Outcome::Clean;
    }
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(e) => return Outcome::Error(e),
    };
    let outcome = process_source(text, settings, mode);
    match (mode, outcome) {
        (
            Mode::Fix { dry_run: false },
            Outcome::Findings {
                source,
                findings,
                fixed: Some(mut fixed),
            },
        ) => {
            if let Err(e) = write_atomically(path, bytes, fixed.source.as_bytes()) {
                fixed.write_error = Some(e);
            }
            Outcome::Findings {
                source,
                findings,
                fixed: Some(fixed),
            }
        }
        (_, outcome) => outcome,
    }
}

/// Checks or fixes one source text (no file system access).
pub fn process_source(text: &str, settings: &Settings, mode: Mode) -> Outcome {
    if let Some(reason) = skip_marker(text) {
        return Outcome::Skipped(reason);
    }
    match mode {
        Mode::Check => match check_source(text, settings) {
            Ok(diagnostics) if diagnostics.is_empty() => Outcome::Clean,
            Ok(diagnostics) => Outcome::Findings {
                source: Arc::from(text),
                findings: diagnostics
                    .into_iter()
                    .map(|d| {
                        let status = fix_status(&d, settings);
                        (d, status)
                    })
                    .collect(),
                fixed: None,
            },
            Err(e) => Outcome::Error(e.into()),
        },
        Mode::Fix { .. } => match fix_source(text, settings) {
            Ok(result) if result.findings.is_empty() => Outcome::Clean,
            Ok(result) => {
                let changed = result.source != text;
                Outcome::Findings {
                    source: Arc::from(text),
                    findings: result.findings,
                    fixed: changed.then(|| FixedFile {
                        source: Arc::from(result.source),
                        counts: result.fixed,
                        remaining: result.remaining,
                        converged: result.converged,
                        write_error: None,
                    }),
                }
            }
            Err(e) => Outcome::Error(e.into()),
        },
    }
}
