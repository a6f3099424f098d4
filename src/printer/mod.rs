//! Everything tempsafe prints: findings and diffs on stdout, errors and the
//! summary on stderr. Nothing else in the crate prints; [`stream`] is the
//! one place that writes, and says what a closed pipe means.
//!
//! Each file's report is rendered by the worker that checked it
//! ([`render`], which chooses among the formats), then printed in path
//! order by the [`Reporter`], which also counts for the summaries.

pub(crate) mod color;
mod concise;
mod diff;
mod full;
mod github;
mod json;
mod json_edits;
mod markdown;
pub(crate) mod messages;
mod progress;
pub mod reasons;
mod reporter;
pub(crate) mod sarif;
pub(crate) mod stream;
mod summary;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::engine::SourceError;
use crate::runner::{FileReport, Mode, Outcome};
use crate::source::FileError;

pub use diff::unified_diff;
pub(crate) use progress::Progress;
pub(crate) use reporter::Reporter;
pub(crate) use summary::Totals;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// Rendered findings with a source snippet.
    Text,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    /// A machine-readable report of every file with findings.
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// A per-repository summary for a pull-request body.
    Markdown,
}

impl OutputFormat {
    /// Formats that are one document, put together once every file is in.
    fn is_document(self) -> bool {
        matches!(self, OutputFormat::Sarif | OutputFormat::Markdown)
    }
}

/// Printing options.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrintOptions {
    pub(crate) format: OutputFormat,
    pub(crate) color: bool,
    pub(crate) statistics: bool,
    /// List the fixes per file at the end (`--show-fixes`).
    pub(crate) show_fixes: bool,
    pub(crate) mode: Mode,
}

/// The code and name under which a file that cannot be parsed is reported:
/// a finding (Ruff's `invalid-syntax`), not an error of the run.
const INVALID_SYNTAX: (&str, &str) = ("TMP000", "invalid-syntax");

/// The path as the user should see it: relative to the working directory.
pub(crate) fn display_path(path: &Path) -> String {
    static CWD: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    let relative = CWD
        .get_or_init(|| std::env::current_dir().ok())
        .as_ref()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy();
    // Only on Windows is a backslash a separator; elsewhere it is part of a name.
    let text = if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// Why a finding has no fix, or why its fix is unsafe, in words: the one
/// place the printer reads a finding's reason.
fn reason_text(d: &Diagnostic) -> Option<String> {
    reasons::note(d)
}

/// What is kept of one file once its output is rendered: the text to print
/// and the counts. Its source is gone, so memory stays flat however many
/// files have findings.
#[derive(Debug)]
pub(crate) struct Rendered {
    /// Index of the root the file was found under.
    root: usize,
    /// Findings, diff or JSON entry, for stdout.
    stdout: String,
    /// Errors, skips and warnings, for stderr.
    stderr: String,
    /// The encoding `stdout` is written in, when not UTF-8: a diff of a
    /// file in a legacy encoding carries that file's own bytes.
    stdout_encoding: Option<&'static encoding_rs::Encoding>,
    tally: summary::FileTally,
}

/// Renders one file's report: what it prints and what it counts.
pub(crate) fn render(report: &FileReport, options: PrintOptions) -> Rendered {
    let path = display_path(&report.path);
    let stdout = match options.format {
        // Skipped and failed files are in the report too.
        OutputFormat::Json => json::file(&path, report, options.mode),
        OutputFormat::Sarif => sarif::file(report, options.mode),
        OutputFormat::Markdown => markdown::file(report, &path, options.mode),
        OutputFormat::Text | OutputFormat::Concise | OutputFormat::Github => {
            text(report, &path, options)
        }
    };
    let stdout_encoding = match (&report.outcome, options.mode, options.format) {
        (Outcome::Findings { fixed: Some(f), .. }, Mode::Fix { dry_run: true }, format)
            if format != OutputFormat::Json =>
        {
            f.encoding
        }
        _ => None,
    };
    Rendered {
        root: report.root,
        stdout,
        stderr: messages::file(report, &path),
        stdout_encoding,
        tally: summary::FileTally::new(report, &path, options.mode),
    }
}

/// A file's part of the line formats (text, concise, github): its diff
/// under `--diff`, else its findings (after a written fix, those left).
fn text(report: &FileReport, path: &str, options: PrintOptions) -> String {
    match &report.outcome {
        Outcome::Error(FileError::Source(SourceError::Syntax {
            line,
            column,
            message,
        })) => {
            let at = (*line, *column);
            match options.format {
                OutputFormat::Github => github::invalid_syntax(path, at, message),
                OutputFormat::Concise => concise::invalid_syntax(path, at, message),
                _ => full::invalid_syntax(path, at, message),
            }
        }
        Outcome::Findings {
            source,
            findings,
            fixed,
        } => match (options.mode, fixed) {
            (Mode::Fix { dry_run: true }, Some(fixed)) if options.color => {
                color::diff(&unified_diff(path, source, &fixed.source))
            }
            (Mode::Fix { dry_run: true }, Some(fixed)) => unified_diff(path, source, &fixed.source),
            (Mode::Fix { dry_run: true }, None) => String::new(),
            (Mode::Fix { dry_run: false }, Some(fixed)) if fixed.write_error.is_none() => {
                findings_text(path, &fixed.source, fixed.remaining.iter(), options)
            }
            _ => findings_text(path, source, findings.iter().map(|(d, _)| d), options),
        },
        Outcome::Clean | Outcome::Skipped(_) | Outcome::Error(_) => String::new(),
    }
}

/// Findings in one of the line formats.
fn findings_text<'d>(
    path: &str,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    options: PrintOptions,
) -> String {
    match options.format {
        OutputFormat::Concise => concise::findings(path, source, diagnostics),
        OutputFormat::Github => github::findings(path, source, diagnostics),
        _ => full::findings(path, source, diagnostics, options.color),
    }
}
