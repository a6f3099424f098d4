//! `--output-format markdown`: a summary per repository (command-line
//! root) fit for a pull-request body: what was fixed and why, what is left
//! and why, with each transform's `explain` text folded in.
//!
//! Each file's part is rendered by its worker as JSON lines; the summary
//! is put together once every file is in.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::engine::SourceError;
use crate::runner::{FileReport, Mode, Outcome};
use crate::source::FileError;
use crate::transforms::Rule;

use super::{INVALID_SYNTAX, reason_text};

/// One line of a file's part.
#[derive(Debug, Serialize, Deserialize)]
struct Item {
    root: usize,
    /// Fixed (or fixable, under `check` and `--diff`), or left.
    fixed: bool,
    code: String,
    path: String,
    line: usize,
    column: usize,
    message: String,
    /// Why it is left: no fix and why, or an unsafe fix.
    why: Option<String>,
}

/// One item as its JSON line.
fn line(item: &Item) -> String {
    serde_json::to_string(item).unwrap_or_default() + "\n"
}

/// The first paragraph of a transform's "What it does", in one line.
pub(super) fn what_it_finds(rule: Rule) -> String {
    let doc = rule.doc();
    let paragraph: Vec<&str> = doc
        .lines()
        .skip_while(|l| !l.starts_with("## What it does"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    if paragraph.is_empty() {
        return rule.summary();
    }
    paragraph.join(" ")
}

fn rule_of(code: &str) -> Option<Rule> {
    Rule::ALL.iter().copied().find(|r| r.code() == code)
}

fn name_of(code: &str) -> &'static str {
    rule_of(code).map_or(INVALID_SYNTAX.1, Rule::name)
}

/// A cell or list item: no line breaks, no table pipes.
fn cell(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('|', "\\|")
}

/// The summary of every root, from the files' JSON lines.
pub(super) fn document(fragments: &[String], root_names: &[String], mode: Mode) -> String {
    let items: Vec<Item> = fragments
        .iter()
        .flat_map(|f| f.lines())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let roots = root_names.len().max(1);
    let mut out = String::new();
    for root in 0..roots {
        let name = root_names.get(root).map_or(".", String::as_str);
        // Files named one by one (no folder roots) make one summary.
        let mine: Vec<&Item> = items
            .iter()
            .filter(|i| roots == 1 || i.root == root)
            .collect();
        render_root(&mut out, name, &mine, mode, roots > 1);
    }
    out
}

fn render_root(out: &mut String, name: &str, items: &[&Item], mode: Mode, named: bool) {
    let (fixed, left): (Vec<&Item>, Vec<&Item>) = items.iter().partition(|i| i.fixed);
    let verb = match mode {
        Mode::Fix { dry_run: false } => "fixed",
        Mode::Fix { dry_run: true } => "would be fixed",
        Mode::Check => "fixable",
    };
    let title = if named {
        format!("## tempsafe: `{name}`")
    } else {
        "## tempsafe: insecure temporary files".to_string()
    };
    let _ = writeln!(out, "{title}\n");
    if items.is_empty() {
        let _ = writeln!(out, "No insecure temporary-file code found.\n");
        return;
    }
    let files: std::collections::BTreeSet<&str> = fixed.iter().map(|i| i.path.as_str()).collect();
    let _ = writeln!(
        out,
        "**{} {verb}** in {} {}, **{} left** for review.\n",
        fixed.len(),
        files.len(),
        if files.len() == 1 { "file" } else { "files" },
        left.len()
    );
    let mut codes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for item in items {
        let entry = codes.entry(item.code.as_str()).or_default();
        if item.fixed {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let _ = writeln!(
        out,
        "| transform | {verb} | left | what it finds |\n|---|---:|---:|---|"
    );
    for (code, (f, l)) in &codes {
        let summary = rule_of(code).map_or_else(
            || "a file that does not parse as Python 3 (left as it is)".to_string(),
            what_it_finds,
        );
        let _ = writeln!(
            out,
            "| `{code}` {} | {f} | {l} | {} |",
            name_of(code),
            cell(&summary)
        );
    }
    out.push('\n');
    if !fixed.is_empty() {
        let _ = writeln!(out, "<details><summary>{} {verb}</summary>\n", fixed.len());
        for item in &fixed {
            let _ = writeln!(
                out,
                "- `{}:{}:{}` `{}` {}",
                item.path,
                item.line,
                item.column,
                item.code,
                cell(&item.message)
            );
        }
        let _ = writeln!(out, "\n</details>\n");
    }
    if !left.is_empty() {
        let _ = writeln!(out, "### Left for review\n");
        for item in &left {
            let why = item.why.as_deref().unwrap_or("no fix");
            let _ = writeln!(
                out,
                "- `{}:{}:{}` `{}` {}: {}",
                item.path,
                item.line,
                item.column,
                item.code,
                cell(&item.message),
                cell(why)
            );
        }
        out.push('\n');
    }
    for code in codes.keys() {
        if let Some(rule) = rule_of(code) {
            let _ = writeln!(
                out,
                "<details><summary>Why <code>{code}</code> {}? (<code>tempsafe explain {code}</code>)</summary>\n\n{}\n\n</details>\n",
                rule.name(),
                rule.doc()
            );
        }
    }
}

/// One file's part of the summary (`path` as displayed): JSON lines.
pub(super) fn file(report: &FileReport, path: &str, mode: Mode) -> String {
    match &report.outcome {
        Outcome::Error(FileError::Source(SourceError::Syntax {
            line,
            column,
            message,
        })) => invalid_syntax(report.root, path, (*line, *column), message),
        Outcome::Findings {
            source,
            findings,
            fixed,
        } => {
            let written = fixed
                .as_ref()
                .filter(|f| mode == (Mode::Fix { dry_run: false }) && f.write_error.is_none())
                .map(|f| (&*f.source, f.remaining.as_slice()));
            file_items(report.root, path, source, findings, written)
        }
        _ => String::new(),
    }
}

/// A file's part: its findings (fixed or not), and for a written fix the
/// findings left in the fixed text (`fixed`: that text and those).
fn file_items(
    root: usize,
    path: &str,
    source: &str,
    findings: &[(crate::Diagnostic, crate::FixStatus)],
    fixed: Option<(&str, &[crate::Diagnostic])>,
) -> String {
    use crate::FixStatus;
    use ruff_text_size::Ranged;
    let item = |source: &str,
                index: &ruff_source_file::LineIndex,
                d: &crate::Diagnostic,
                done: bool,
                status| {
        let at = index.line_column(d.start(), source);
        let why = match status {
            FixStatus::UnsafeFixAvailable => Some(format!(
                "unsafe fix available (--unsafe-fixes){}",
                reason_text(d).map(|n| format!(": {n}")).unwrap_or_default()
            )),
            FixStatus::Fixed => None,
            _ => Some(format!(
                "no fix: {}",
                reason_text(d).unwrap_or_else(|| "none known".to_string())
            )),
        };
        line(&Item {
            root,
            fixed: done,
            code: d.rule.code().to_string(),
            path: path.to_string(),
            line: at.line.get(),
            column: at.column.get(),
            message: d.message.clone(),
            why: if done { None } else { why },
        })
    };
    let index = ruff_source_file::LineIndex::from_source_text(source);
    let mut out = String::new();
    match fixed {
        Some((fixed_source, remaining)) => {
            for (d, _) in findings.iter().filter(|(_, s)| *s == FixStatus::Fixed) {
                out.push_str(&item(source, &index, d, true, FixStatus::Fixed));
            }
            let index = ruff_source_file::LineIndex::from_source_text(fixed_source);
            for d in remaining {
                let status = crate::engine::fix_status(d, &crate::Settings::default());
                out.push_str(&item(fixed_source, &index, d, false, status));
            }
        }
        None => {
            for (d, status) in findings {
                out.push_str(&item(
                    source,
                    &index,
                    d,
                    *status == FixStatus::Fixed,
                    *status,
                ));
            }
        }
    }
    out
}

/// The part of a file that does not parse.
fn invalid_syntax(
    root: usize,
    path: &str,
    (line_no, column): (usize, usize),
    message: &str,
) -> String {
    line(&Item {
        root,
        fixed: false,
        code: INVALID_SYNTAX.0.to_string(),
        path: path.to_string(),
        line: line_no,
        column,
        message: format!("does not parse: {message}"),
        why: Some("left as it is: tempsafe parses Python 3".to_string()),
    })
}
