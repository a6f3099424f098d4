//! Running check or fix over many files: in parallel, a bounded window of
//! files in memory, results in path order as they come.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use crate::diagnostic::{Diagnostic, FixStatus};
use crate::engine::{check_source_at, fix_source_at, fix_status};
use crate::settings::Settings;
use encoding_rs::Encoding;

use crate::source::{FileError, check_encoding, decode_any, encode, read_into, skip_marker};
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
    pub(crate) source: Arc<str>,
    /// Fixes applied per rule.
    pub(crate) counts: BTreeMap<Rule, usize>,
    /// Findings left in the fixed text.
    pub(crate) remaining: Vec<Diagnostic>,
    pub(crate) converged: bool,
    /// Set when writing was attempted and failed.
    pub(crate) write_error: Option<FileError>,
    /// The file's encoding when it is not UTF-8: what is written, and the
    /// diff, are `source` in this encoding.
    pub(crate) encoding: Option<&'static Encoding>,
}

/// One file's report.
#[derive(Debug)]
pub(crate) struct FileReport {
    pub(crate) path: PathBuf,
    /// Index of the root (command-line path) the file was found under.
    pub(crate) root: usize,
    pub(crate) outcome: Outcome,
}

/// A file to process, with the root it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub(crate) path: PathBuf,
    pub(crate) root: usize,
    /// Index of the settings to process it with (its own configuration).
    pub(crate) settings: usize,
}

/// How many files may be in flight or waiting for their turn to be
/// consumed. Bounds memory however many files a run has, and lets fast
/// workers run ahead of one slow file.
const WINDOW: usize = 1024;

/// The stack of a worker thread. Parsing and visiting recurse once per
/// level of nesting; [`crate::nesting`] bounds the levels, this bounds the
/// stack they need (address space only: untouched pages cost nothing).
const WORKER_STACK: usize = 256 << 20;

/// Processes `jobs` on `threads` worker threads (0: one per core), each job
/// with its own settings. `finish` turns each report into what is kept
/// of it; `consume` gets those in job order, as soon as all before them are
/// done.
pub(crate) fn run<T: Send>(
    jobs: &[Job],
    settings: &[Settings],
    mode: Mode,
    threads: usize,
    finish: impl Fn(FileReport) -> T + Sync,
    consume: impl FnMut(T) + Send,
) {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, jobs.len().max(1));
    let next_job = AtomicUsize::new(0);
    let order = Mutex::new(InOrder {
        waiting: BTreeMap::new(),
        next: 0,
        sleepers: 0,
        consume,
        panic: None,
    });
    let moved = Condvar::new();
    let work = || {
        loop {
            let i = next_job.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let mut state = order.lock().unwrap_or_else(|e| e.into_inner());
            while i >= state.next + WINDOW {
                state.sleepers += 1;
                state = moved.wait(state).unwrap_or_else(|e| e.into_inner());
                state.sleepers -= 1;
            }
            drop(state);
            let report = FileReport {
                path: job.path.clone(),
                root: job.root,
                outcome: process_file(&job.path, &settings[job.settings], mode),
            };
            let kept = finish_guarded(&finish, report);
            let mut state = order.lock().unwrap_or_else(|e| e.into_inner());
            if state.deliver(i, kept) && state.sleepers > 0 {
                moved.notify_all();
            }
        }
    };
    std::thread::scope(|scope| {
        // Every worker, the first one too, runs with a stack deep enough for
        // the deepest file the nesting limits let through.
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, work)
            })
            .collect();
        if workers.iter().any(Result::is_err) {
            work(); // no thread could be made: do the work here
        }
    });
    let state = order.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(panic) = state.panic {
        std::panic::resume_unwind(panic);
    }
}

/// Results waiting for those before them.
struct InOrder<T, C> {
    waiting: BTreeMap<usize, T>,
    /// The index `consume` gets next.
    next: usize,
    /// Workers waiting for the window to move.
    sleepers: usize,
    consume: C,
    /// A panic of `consume`, raised again once every worker is done: a
    /// worker must never wait on a result that will not come.
    panic: Option<Box<dyn std::any::Any + Send>>,
}

impl<T, C: FnMut(T)> InOrder<T, C> {
    /// Takes result `i` and consumes all that are now in order; true if
    /// the window moved.
    fn deliver(&mut self, i: usize, kept: T) -> bool {
        self.waiting.insert(i, kept);
        let before = self.next;
        while let Some(kept) = self.waiting.remove(&self.next) {
            self.next += 1;
            if self.panic.is_none() {
                let consume = &mut self.consume;
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| consume(kept)));
                self.panic = result.err();
            }
        }
        self.next != before
    }
}

/// `finish(report)`; should it panic, the file is reported as an internal
/// error instead.
fn finish_guarded<T>(finish: &impl Fn(FileReport) -> T, report: FileReport) -> T {
    let (path, root) = (report.path.clone(), report.root);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| finish(report))).unwrap_or_else(
        |panic| {
            finish(FileReport {
                path,
                root,
                outcome: Outcome::Error(FileError::Internal(panic_message(&*panic))),
            })
        },
    )
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(ToString::to_string))
        .unwrap_or_default()
}

/// Processes one file. A bug in tempsafe that panics on one file is
/// reported for that file; the run goes on.
pub(crate) fn process_file(path: &Path, settings: &Settings, mode: Mode) -> Outcome {
    std::panic::catch_unwind(|| process_file_inner(path, settings, mode))
        .unwrap_or_else(|panic| Outcome::Error(FileError::Internal(panic_message(&*panic))))
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
    // Before the prefilter: a UTF-16 file's keywords are not found in its bytes.
    if let Err(e) = check_encoding(bytes) {
        return Outcome::Error(e);
    }
    if settings.active_rules(bytes).is_empty() {
        return Outcome::Clean;
    }
    let decoded = match decode_any(bytes) {
        Ok(decoded) => decoded,
        Err(e) => return Outcome::Error(e),
    };
    let outcome = encoded(
        process_source_at(&decoded.text, settings, mode, Some(path)),
        decoded.encoding,
    );
    match (mode, outcome) {
        (
            Mode::Fix { dry_run: false },
            Outcome::Findings {
                source,
                findings,
                fixed: Some(mut fixed),
            },
        ) => {
            let written = match fixed.encoding {
                None => write_atomically(path, bytes, fixed.source.as_bytes()),
                Some(encoding) => encode(&fixed.source, encoding)
                    .and_then(|content| write_atomically(path, bytes, &content)),
            };
            if let Err(e) = written {
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

/// `outcome` for a source decoded from `encoding` (`None`: UTF-8): a fix
/// that the encoding cannot hold is no fix.
pub(crate) fn encoded(outcome: Outcome, encoding: Option<&'static Encoding>) -> Outcome {
    let Some(encoding) = encoding else {
        return outcome;
    };
    match outcome {
        Outcome::Findings {
            source,
            findings,
            fixed: Some(mut fixed),
        } => {
            if let Err(e) = encode(&fixed.source, encoding) {
                return Outcome::Error(e);
            }
            fixed.encoding = Some(encoding);
            Outcome::Findings {
                source,
                findings,
                fixed: Some(fixed),
            }
        }
        outcome => outcome,
    }
}

/// Checks or fixes one source text (no file system access).
pub fn process_source(text: &str, settings: &Settings, mode: Mode) -> Outcome {
    process_source_at(text, settings, mode, None)
}

/// [`process_source`] for the file at `path`: calls into its package are
/// followed.
pub fn process_source_at(
    text: &str,
    settings: &Settings,
    mode: Mode,
    path: Option<&Path>,
) -> Outcome {
    if let Some(reason) = skip_marker(text) {
        return Outcome::Skipped(reason);
    }
    match mode {
        Mode::Check => match check_source_at(text, settings, path) {
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
        Mode::Fix { .. } => match fix_source_at(text, settings, path) {
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
                        encoding: None,
                    }),
                }
            }
            Err(e) => Outcome::Error(e.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// More files than the window, on more workers than cores: every
    /// report arrives once, in job order.
    #[test]
    fn reports_arrive_in_job_order() {
        let dir = tempfile::tempdir().unwrap();
        let jobs: Vec<Job> = (0..WINDOW * 2 + 7)
            .map(|i| {
                let path = dir.path().join(format!("f{i:05}.py"));
                let text = if i % 97 == 0 {
                    "import tempfile\nname = tempfile.mktemp()\n"
                } else {
                    "x = 1\n"
                };
                std::fs::write(&path, text).unwrap();
                Job {
                    path,
                    root: 0,
                    settings: 0,
                }
            })
            .collect();
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            run(
                &jobs,
                &[Settings::default()],
                Mode::Check,
                threads,
                |report| {
                    (
                        report.path,
                        matches!(report.outcome, Outcome::Findings { .. }),
                    )
                },
                |kept| seen.push(kept),
            );
            let paths: Vec<&PathBuf> = seen.iter().map(|(p, _)| p).collect();
            assert_eq!(paths, jobs.iter().map(|j| &j.path).collect::<Vec<_>>());
            let with_findings = seen.iter().filter(|(_, found)| *found).count();
            assert_eq!(with_findings, jobs.len().div_ceil(97));
        }
    }

    /// A panic while consuming is raised again once the workers are done,
    /// instead of leaving them waiting.
    #[test]
    fn a_panicking_consumer_does_not_hang_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let jobs: Vec<Job> = (0..WINDOW + 10)
            .map(|i| {
                let path = dir.path().join(format!("f{i:05}.py"));
                std::fs::write(&path, "x = 1\n").unwrap();
                Job {
                    path,
                    root: 0,
                    settings: 0,
                }
            })
            .collect();
        let result = std::panic::catch_unwind(|| {
            run(
                &jobs,
                &[Settings::default()],
                Mode::Check,
                2,
                |_| (),
                |()| panic!("consumer bug"),
            );
        });
        assert!(result.is_err());
    }
}
