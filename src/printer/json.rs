//! `--output-format json`: per file, every finding with its code,
//! location, fix status, applicability, fix title, the reason where there
//! is one, and its fix as edits; for `fix` and `--diff` also the edits of
//! the whole file; at the end the totals.
//!
//! Each file's entry is rendered by its worker; [`start_entry`] and
//! [`end`] put the entries together into one document.

use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;
use serde::Serialize;

use crate::diagnostic::FixStatus;
use crate::engine::SourceError;
use crate::runner::{FileReport, Mode, Outcome};
use crate::source::FileError;

use super::summary::Totals;
use super::{INVALID_SYNTAX, json_edits, reason_text};

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    name: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fix_status: FixStatus,
    applicability: Option<&'static str>,
    fix_title: Option<&'a str>,
    note: Option<String>,
    /// Why there is no fix: a stable id (see `tempsafe explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    no_fix_reason: Option<&'static str>,
    /// Why the fix is unsafe: a stable id.
    #[serde(skip_serializing_if = "Option::is_none")]
    unsafe_reason: Option<&'static str>,
    /// The finding's own fix, as edits of the original file.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<json_edits::JsonFix>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    findings: Vec<JsonFinding<'a>>,
    /// For `fix` and `--diff`: the edits that turn the file into exactly
    /// what `fix` writes.
    #[serde(skip_serializing_if = "Option::is_none")]
    edits: Option<Vec<json_edits::JsonEdit>>,
}

/// One file's entry in the JSON report, indented to sit in its `files` list
/// (empty for a file without findings, errors or skips).
pub(super) fn file(path: &str, report: &FileReport, mode: Mode) -> String {
    let (status, reason, findings, edits) = match &report.outcome {
        Outcome::Clean => return String::new(),
        Outcome::Skipped(reason) => ("skipped", Some(reason.to_string()), Vec::new(), None),
        Outcome::Error(FileError::Source(SourceError::Syntax {
            line,
            column,
            message,
        })) => {
            let finding = JsonFinding {
                code: INVALID_SYNTAX.0,
                name: INVALID_SYNTAX.1,
                message,
                line: *line,
                column: *column,
                end_line: *line,
                end_column: *column,
                fix_status: FixStatus::NoFix,
                applicability: None,
                fix_title: None,
                note: Some("the file does not parse as Python 3".to_string()),
                no_fix_reason: Some("invalid-syntax"),
                unsafe_reason: None,
                fix: None,
            };
            ("findings", None, vec![finding], None)
        }
        Outcome::Error(e) => ("error", Some(e.to_string()), Vec::new(), None),
        Outcome::Findings {
            source,
            findings,
            fixed,
        } => {
            let index = LineIndex::from_source_text(source);
            let findings = findings
                .iter()
                .map(|(d, status)| {
                    let start = index.line_column(d.start(), source);
                    let end = index.line_column(d.end(), source);
                    JsonFinding {
                        code: d.rule.code(),
                        name: d.rule.name(),
                        message: &d.message,
                        line: start.line.get(),
                        column: start.column.get(),
                        end_line: end.line.get(),
                        end_column: end.column.get(),
                        fix_status: status.reported(mode),
                        applicability: d.applicability().map(|a| match a {
                            ruff_diagnostics::Applicability::Safe => "safe",
                            ruff_diagnostics::Applicability::Unsafe => "unsafe",
                            ruff_diagnostics::Applicability::DisplayOnly => "display-only",
                        }),
                        fix_title: d.fix_title.as_deref(),
                        note: reason_text(d),
                        no_fix_reason: d.no_fix.as_ref().map(|r| r.id()),
                        unsafe_reason: d.unsafe_because.as_ref().map(|r| r.id()),
                        fix: d
                            .fix
                            .as_ref()
                            .map(|f| json_edits::fix(f, d.fix_title.as_deref(), source, &index)),
                    }
                })
                .collect();
            let status = match (mode, fixed) {
                (Mode::Check, _) | (_, None) => "findings",
                (_, Some(f)) if f.write_error.is_some() => "error",
                (Mode::Fix { dry_run: true }, Some(_)) => "would-fix",
                (Mode::Fix { dry_run: false }, Some(_)) => "fixed",
            };
            let reason = fixed
                .as_ref()
                .and_then(|f| f.write_error.as_ref().map(ToString::to_string));
            let edits = fixed
                .as_ref()
                .filter(|_| mode != Mode::Check)
                .map(|f| json_edits::file_edits(source, &f.source));
            (status, reason, findings, edits)
        }
    };
    let file = JsonFile {
        path: path.to_string(),
        status,
        reason,
        findings,
        edits,
    };
    // JSON strings escape their newlines: indenting every line is safe.
    let text = serde_json::to_string_pretty(&file).unwrap_or_default();
    format!("    {}", text.replace('\n', "\n    "))
}

/// What comes before the entry of file number `files_so_far` (from 0).
pub(super) fn start_entry(files_so_far: usize) -> &'static str {
    if files_so_far == 0 {
        "{\n  \"files\": [\n"
    } else {
        ",\n"
    }
}

/// The end of the document after `files` entries: the totals.
pub(super) fn end(files: usize, totals: &Totals) -> serde_json::Result<String> {
    let head = if files == 0 {
        "{\n  \"files\": [],\n"
    } else {
        "\n  ],\n"
    };
    let totals = Totals {
        modules_summarized: crate::summary::MODULES_PARSED
            .load(std::sync::atomic::Ordering::Relaxed),
        ..totals.clone()
    };
    let summary = serde_json::to_string_pretty(&totals)?.replace('\n', "\n  ");
    Ok(format!("{head}  \"summary\": {summary}\n}}\n"))
}
