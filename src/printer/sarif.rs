//! SARIF 2.1.0 for code scanning (GitHub's `upload-sarif`): one run, every
//! transform as a rule with its `explain` text, results with locations
//! relative to the repository root, fingerprints that survive line shifts,
//! and the safe fixes as artifact changes.
//!
//! A SARIF log is one document, so each file's results are rendered as JSON
//! lines by the worker that checked it and put together at the end.

use std::path::{Path, PathBuf};

use ruff_diagnostics::Applicability;
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextSize};
use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::engine::SourceError;
use crate::fingerprint::{Fingerprinter, line_at};
use crate::runner::{FileReport, Mode, Outcome};
use crate::source::FileError;
use crate::transforms::Rule;

use super::INVALID_SYNTAX;

/// The key of our fingerprints in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "tempsafe/v1";

/// The folder results are relative to: the repository holding the working
/// directory (the nearest folder with `.git`), else the working directory.
fn repository_root() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let cwd = std::env::current_dir().unwrap_or_default();
        cwd.ancestors()
            .find(|d| d.join(".git").exists())
            .map(Path::to_path_buf)
            .unwrap_or(cwd)
    })
}

/// A path as a URI reference: `/` separators, everything but unreserved
/// characters percent-encoded.
fn uri_path(path: &str) -> String {
    let mut out = String::new();
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The artifact location of `path`: relative to `%SRCROOT%` when inside the
/// repository, an absolute `file://` URI otherwise.
fn artifact_location(path: &Path) -> Value {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match absolute.strip_prefix(repository_root()) {
        Ok(relative) => json!({
            "uri": uri_path(&relative.to_string_lossy()),
            "uriBaseId": "%SRCROOT%",
        }),
        Err(_) => json!({ "uri": format!("file://{}", uri_path(&absolute.to_string_lossy())) }),
    }
}

/// The path fingerprints are computed from: relative to the repository.
pub(crate) fn fingerprint_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .strip_prefix(repository_root())
        .unwrap_or(&absolute)
        .to_string_lossy()
        .replace('\\', "/")
}

fn region(index: &LineIndex, source: &str, start: TextSize, end: TextSize) -> Value {
    let s = index.line_column(start, source);
    let e = index.line_column(end, source);
    json!({
        "startLine": s.line.get(),
        "startColumn": s.column.get(),
        "endLine": e.line.get(),
        "endColumn": e.column.get(),
    })
}

fn rule_index(code: &str) -> usize {
    if code == INVALID_SYNTAX.0 {
        return Rule::ALL.len();
    }
    Rule::ALL.iter().position(|r| r.code() == code).unwrap_or(0)
}

/// One file's part of the log: its results, one JSON object a line. After
/// a written fix, the findings left in the fixed text.
pub(super) fn file(report: &FileReport, mode: Mode) -> String {
    match &report.outcome {
        Outcome::Error(FileError::Source(SourceError::Syntax {
            line,
            column,
            message,
        })) => invalid_syntax(&report.path, (*line, *column), message),
        Outcome::Findings {
            fixed: Some(fixed), ..
        } if mode == (Mode::Fix { dry_run: false }) && fixed.write_error.is_none() => {
            results(&report.path, &fixed.source, fixed.remaining.iter())
        }
        Outcome::Findings {
            source, findings, ..
        } => results(&report.path, source, findings.iter().map(|(d, _)| d)),
        _ => String::new(),
    }
}

/// The results of one file, one JSON object a line.
fn results<'d>(
    path: &Path,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) -> String {
    let index = LineIndex::from_source_text(source);
    let location = artifact_location(path);
    let fingerprint_path = fingerprint_path(path);
    let mut fingerprints = Fingerprinter::new(&fingerprint_path);
    let mut out = String::new();
    for d in diagnostics {
        let code = d.rule.code();
        let fingerprint = fingerprints.next(code, line_at(source, d.start().to_usize()));
        let mut result = json!({
            "ruleId": code,
            "ruleIndex": rule_index(code),
            "level": level(d.rule),
            "message": { "text": format!("{}.", d.message.trim_end_matches('.')) },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": region(&index, source, d.start(), d.end()),
                }
            }],
            "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
        });
        if let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| f.applicability() == Applicability::Safe)
        {
            let replacements: Vec<Value> = fix
                .edits()
                .iter()
                .map(|edit| {
                    json!({
                        "deletedRegion": region(&index, source, edit.start(), edit.end()),
                        "insertedContent": { "text": edit.content().unwrap_or_default() },
                    })
                })
                .collect();
            result["fixes"] = json!([{
                "description": { "text": d.fix_title.clone().unwrap_or_else(|| "Apply the fix".to_string()) },
                "artifactChanges": [{ "artifactLocation": location, "replacements": replacements }],
            }]);
        }
        out.push_str(&result.to_string());
        out.push('\n');
    }
    out
}

/// The result for a file that does not parse.
fn invalid_syntax(path: &Path, (line, column): (usize, usize), message: &str) -> String {
    let result = json!({
        "ruleId": INVALID_SYNTAX.0,
        "ruleIndex": rule_index(INVALID_SYNTAX.0),
        "level": "error",
        "message": { "text": format!("The file does not parse as Python 3: {}.", message.trim_end_matches('.')) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(path),
                "region": { "startLine": line, "startColumn": column },
            }
        }],
        "partialFingerprints": {
            FINGERPRINT_KEY: Fingerprinter::new(&fingerprint_path(path)).next(INVALID_SYNTAX.0, ""),
        },
    });
    format!("{result}\n")
}

fn level(rule: Rule) -> &'static str {
    match rule {
        Rule::MktempCall => "error",
        _ => "warning",
    }
}

/// The CWE each transform is about, and GitHub's `security-severity`.
fn security(rule: Rule) -> (&'static str, &'static str) {
    match rule {
        Rule::MktempCall => ("377", "7.0"),
        Rule::HardcodedTmpPath => ("377", "5.5"),
        Rule::TempWithoutCleanup => ("459", "3.0"),
        Rule::PermissiveTempPermissions => ("732", "6.5"),
    }
}

/// `mktemp-call` → `MktempCall`: SARIF's friendly rule name.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rules() -> Vec<Value> {
    let mut rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|&rule| {
            let (cwe, severity) = security(rule);
            let doc = rule.doc();
            json!({
                "id": rule.code(),
                "name": pascal(rule.name()),
                "shortDescription": { "text": format!("{}: {}.", rule.code(), rule.name()) },
                "fullDescription": { "text": super::markdown::what_it_finds(rule) },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(rule) },
                "properties": {
                    "tags": ["security", format!("external/cwe/cwe-{cwe}")],
                    "security-severity": severity,
                    "precision": "high",
                    "problem.severity": level(rule),
                    "aliases": rule.aliases(),
                },
            })
        })
        .collect();
    let text = "A file that does not parse as Python 3 is reported and left as it is.";
    rules.push(json!({
        "id": INVALID_SYNTAX.0,
        "name": pascal(INVALID_SYNTAX.1),
        "shortDescription": { "text": "The file does not parse as Python 3." },
        "fullDescription": { "text": text },
        "help": { "text": text, "markdown": text },
        "defaultConfiguration": { "level": "error" },
        "properties": { "tags": ["correctness"], "precision": "very-high" },
    }));
    rules
}

/// The whole log from the files' result lines.
pub(super) fn document(fragments: &[String]) -> String {
    let results: Vec<Value> = fragments
        .iter()
        .flat_map(|f| f.lines())
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let root = repository_root().to_string_lossy().to_string();
    let root_uri = format!("file://{}/", uri_path(root.trim_end_matches('/')));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "tempsafe",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://pypi.org/project/tempsafe/",
                    "rules": rules(),
                }
            },
            "invocations": [{ "executionSuccessful": true }],
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root_uri } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
