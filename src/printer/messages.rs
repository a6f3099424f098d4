//! What tempsafe says on stderr about the run (errors, skipped files,
//! warnings, notes), and the outputs of `explain` and `rules`.

use std::fmt::Write as _;
use std::path::Path;

use crate::runner::{FileReport, Outcome};
use crate::source::FileError;
use crate::transforms::Rule;

use super::display_path;
use super::stream::{self, OutputFailed};

/// `error: MESSAGE` and the help line below it.
pub(crate) fn error(message: &str, help: &str) -> String {
    format!("error: {message}\n  help: {help}\n")
}

/// Prints [`error`] on stderr.
pub(crate) fn print_error(message: &str, help: &str) {
    stream::stderr(&error(message, help));
}

/// A file that could not be marked or recorded (`--add-noqa`).
pub(crate) fn print_file_error(path: &Path, e: &str) {
    stream::stderr(&format!("error: {}: {e}\n", display_path(path)));
}

/// A temporary file of an interrupted run, removed by this one.
pub(crate) fn print_removed(path: &Path) {
    stream::stderr(&format!(
        "note: removed {}, left by an interrupted run\n",
        display_path(path)
    ));
}

/// `--write-baseline`: how many findings it recorded, and where.
pub(crate) fn print_baseline_written(found: usize, path: &Path) {
    stream::stderr(&format!(
        "Wrote {found} findings to the baseline {}\n",
        path.display()
    ));
}

/// `--add-noqa`: how many directives it added to how many files.
pub(crate) fn print_noqa_added(marked: usize, files: usize) {
    stream::stderr(&format!(
        "Added {marked} noqa directives to {files} files\n"
    ));
}

/// `tempsafe explain CODE`.
pub(crate) fn print_explain(rule: Rule) -> Result<(), OutputFailed> {
    stream::stdout(format!("{}\n", rule.doc()).as_bytes())
}

/// `tempsafe rules`: one line per transform.
pub(crate) fn print_rules() -> Result<(), OutputFailed> {
    let mut out = String::new();
    for rule in Rule::ALL {
        let _ = writeln!(
            out,
            "{}  {:<28} {:<32} {}",
            rule.code(),
            rule.name(),
            rule.aliases().join(", "),
            rule.summary()
        );
    }
    stream::stdout(out.as_bytes())
}

/// What one file's report says on stderr (`path` as displayed): why it
/// was skipped, why it failed or was not written, fixes left undone.
pub(super) fn file(report: &FileReport, path: &str) -> String {
    let mut stderr = String::new();
    match &report.outcome {
        Outcome::Skipped(reason) => {
            let _ = writeln!(stderr, "skipped: {path}: {reason}");
        }
        // A file that does not parse is a finding, printed with the others.
        Outcome::Error(FileError::Source(crate::engine::SourceError::Syntax { .. })) => {}
        Outcome::Error(e) => write_error(&mut stderr, path, e),
        Outcome::Findings {
            fixed: Some(fixed), ..
        } => {
            if let Some(e) = &fixed.write_error {
                write_error(&mut stderr, path, e);
            }
            if !fixed.converged {
                let _ = writeln!(
                    stderr,
                    "warning: {path}: fixes did not converge; some are left undone"
                );
            }
        }
        Outcome::Clean | Outcome::Findings { fixed: None, .. } => {}
    }
    stderr
}

/// `error: PATH: MESSAGE` and, where there is one, the help line below.
fn write_error(stderr: &mut String, path: &str, e: &FileError) {
    let _ = writeln!(stderr, "error: {path}: {e}");
    if !e.help().is_empty() {
        let _ = writeln!(stderr, "  help: {}", e.help());
    }
}
