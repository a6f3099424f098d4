//! The counts of a run and what is printed from them: the summary line,
//! one line per root, `--statistics` and `--show-fixes`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::FixStatus;
use crate::engine::SourceError;
use crate::runner::{FileReport, Mode, Outcome};
use crate::source::FileError;
use crate::transforms::Rule;

use super::INVALID_SYNTAX;

/// Counts behind the summary and the exit code.
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct Totals {
    pub(crate) files: usize,
    pub(crate) files_with_findings: usize,
    pub(crate) findings: usize,
    pub(crate) fixable: usize,
    pub(crate) unsafe_fixable: usize,
    pub(crate) fixed: usize,
    pub(crate) files_changed: usize,
    pub(crate) remaining: usize,
    pub(crate) skipped: usize,
    pub(crate) errors: usize,
    /// Errors that are tempsafe's own (a panic, a fix that broke the
    /// syntax): exit code 2.
    pub(crate) internal_errors: usize,
    pub(crate) not_converged: usize,
    /// Fixable findings in files that were not written (read-only, changed
    /// on disk, …): not fixed, whatever the fixes were.
    #[serde(skip)]
    pub(crate) not_written: usize,
    /// Modules of the package read only for their function summaries
    /// (beyond the files the prefilter passed).
    pub(crate) modules_summarized: usize,
}

impl Totals {
    fn add(&mut self, tally: &FileTally) {
        self.files += 1;
        match &tally.outcome {
            TallyOutcome::Clean => {}
            TallyOutcome::Skipped(_) => self.skipped += 1,
            TallyOutcome::Failed(kind) => {
                self.errors += 1;
                if is_internal(kind) {
                    self.internal_errors += 1;
                }
            }
            TallyOutcome::InvalidSyntax => {
                self.files_with_findings += 1;
                self.findings += 1;
                self.remaining += 1;
            }
            TallyOutcome::Findings { fixed } => {
                self.files_with_findings += 1;
                self.findings += tally.findings.len();
                for finding in &tally.findings {
                    match finding.status {
                        FixStatus::Fixed => self.fixable += 1,
                        FixStatus::UnsafeFixAvailable => self.unsafe_fixable += 1,
                        _ => {}
                    }
                }
                match fixed {
                    Some(fixed) => {
                        if fixed.write_error.is_some() {
                            self.errors += 1;
                            self.not_written += tally
                                .findings
                                .iter()
                                .filter(|f| f.status == FixStatus::Fixed)
                                .count();
                        } else {
                            self.files_changed += 1;
                            self.fixed += fixed.applied;
                            self.remaining += fixed.remaining;
                        }
                        if !fixed.converged {
                            self.not_converged += 1;
                        }
                    }
                    None => self.remaining += tally.findings.len(),
                }
            }
        }
    }
}

/// The counts of one file, for the summaries.
#[derive(Debug)]
pub(crate) struct FileTally {
    outcome: TallyOutcome,
    findings: Vec<TalliedFinding>,
    /// The file as displayed, and its fixes per rule (applied, or that
    /// would be): what `--show-fixes` lists.
    path: String,
    fixes: Vec<(Rule, usize)>,
}

impl FileTally {
    /// What one file's report adds to the counts (`path` as displayed).
    pub(super) fn new(report: &FileReport, path: &str, mode: Mode) -> Self {
        let outcome = match &report.outcome {
            Outcome::Clean => TallyOutcome::Clean,
            Outcome::Skipped(reason) => TallyOutcome::Skipped(reason),
            Outcome::Error(FileError::Source(SourceError::Syntax { .. })) => {
                TallyOutcome::InvalidSyntax
            }
            Outcome::Error(e) => TallyOutcome::Failed(e.kind()),
            Outcome::Findings { fixed, .. } => TallyOutcome::Findings {
                fixed: fixed.as_ref().map(|fixed| TalliedFix {
                    applied: fixed.counts.values().sum(),
                    remaining: fixed.remaining.len(),
                    converged: fixed.converged,
                    write_error: fixed.write_error.as_ref().map(FileError::kind),
                }),
            },
        };
        let (findings, fixes) = match &report.outcome {
            Outcome::Findings {
                findings, fixed, ..
            } => {
                let tallied = findings
                    .iter()
                    .map(|(d, status)| TalliedFinding {
                        rule: d.rule,
                        status: *status,
                        no_fix: matches!(status, FixStatus::NoFix | FixStatus::DisplayOnly)
                            .then(|| d.no_fix.as_ref().map(|r| r.id()))
                            .flatten(),
                        reason: super::reasons::reason_id(d),
                    })
                    .collect();
                let fixes = match fixed {
                    Some(fixed) if mode != Mode::Check => {
                        fixed.counts.iter().map(|(r, n)| (*r, *n)).collect()
                    }
                    _ => {
                        let mut counts: BTreeMap<Rule, usize> = BTreeMap::new();
                        for (d, _) in findings.iter().filter(|(_, s)| *s == FixStatus::Fixed) {
                            *counts.entry(d.rule).or_default() += 1;
                        }
                        counts.into_iter().collect()
                    }
                };
                (tallied, fixes)
            }
            _ => (Vec::new(), Vec::new()),
        };
        Self {
            outcome,
            findings,
            path: path.to_string(),
            fixes,
        }
    }
}

/// Whether a kind of file error is tempsafe's own fault.
fn is_internal(kind: &str) -> bool {
    matches!(kind, "internal error" | "fix broke syntax")
}

#[derive(Debug)]
enum TallyOutcome {
    Clean,
    /// The file does not parse: one finding, without a fix.
    InvalidSyntax,
    Skipped(&'static str),
    /// The kind of error.
    Failed(&'static str),
    Findings {
        fixed: Option<TalliedFix>,
    },
}

#[derive(Debug)]
struct TalliedFinding {
    rule: Rule,
    status: FixStatus,
    /// Why there is no fix (kept only for findings without one): its id.
    no_fix: Option<&'static str>,
    /// The id of the reason for no fix or an unsafe fix, for `--statistics`.
    reason: Option<&'static str>,
}

#[derive(Debug)]
struct TalliedFix {
    applied: usize,
    remaining: usize,
    converged: bool,
    /// The kind of write error, if writing failed.
    write_error: Option<&'static str>,
}

/// The counts of a whole run, file by file.
#[derive(Debug)]
pub(super) struct Counts {
    mode: Mode,
    show_fixes: bool,
    totals: Totals,
    statistics: BTreeMap<(Rule, FixStatus, Option<&'static str>), usize>,
    /// Files that do not parse (TMP000), for the statistics.
    invalid_syntax: usize,
    /// Per file with fixes, its fixes per rule: `--show-fixes`.
    fixes: Vec<(String, Vec<(Rule, usize)>)>,
    roots: Vec<RootTally>,
}

impl Counts {
    /// Counts for a run in `mode` over `roots` command-line roots;
    /// `show_fixes` keeps the fixes per file.
    pub(super) fn new(mode: Mode, show_fixes: bool, roots: usize) -> Self {
        Self {
            mode,
            show_fixes,
            totals: Totals::default(),
            statistics: BTreeMap::new(),
            invalid_syntax: 0,
            fixes: Vec::new(),
            roots: (0..roots).map(|_| RootTally::default()).collect(),
        }
    }

    /// Counts one file, found under root number `root`.
    pub(super) fn add(&mut self, root: usize, tally: &FileTally) {
        self.totals.add(tally);
        if matches!(tally.outcome, TallyOutcome::InvalidSyntax) {
            self.invalid_syntax += 1;
        }
        if self.show_fixes && !tally.fixes.is_empty() {
            self.fixes.push((tally.path.clone(), tally.fixes.clone()));
        }
        for finding in &tally.findings {
            *self
                .statistics
                .entry((finding.rule, finding.status, finding.reason))
                .or_default() += 1;
        }
        if let Some(root) = self.roots.get_mut(root) {
            root.add(tally, self.mode);
        }
    }

    /// The totals so far: what the exit code is decided on.
    pub(super) fn totals(&self) -> &Totals {
        &self.totals
    }

    /// The totals of the whole run.
    pub(super) fn into_totals(self) -> Totals {
        self.totals
    }

    /// `--statistics`: one row per code and fix status, in code order.
    pub(super) fn statistics(&self) -> String {
        let mut out = String::new();
        for row in &self.statistics_rows() {
            let status = match row.reason {
                Some(reason) => format!("{} ({reason})", row.fix_status),
                None => row.fix_status.clone(),
            };
            let _ = writeln!(
                out,
                "{:>6}  {:<7} {:<22} {status}",
                row.count, row.code, row.name
            );
        }
        out
    }

    /// `--statistics --output-format json`.
    pub(super) fn statistics_json(&self) -> serde_json::Result<String> {
        Ok(serde_json::to_string_pretty(&self.statistics_rows())? + "\n")
    }

    fn statistics_rows(&self) -> Vec<StatisticsRow> {
        let mut rows = Vec::new();
        if self.invalid_syntax > 0 {
            rows.push(StatisticsRow {
                code: INVALID_SYNTAX.0,
                name: INVALID_SYNTAX.1,
                count: self.invalid_syntax,
                fix_status: "no-fix".to_string(),
                reason: None,
                fixable: false,
            });
        }
        for ((rule, status, reason), n) in &self.statistics {
            rows.push(StatisticsRow {
                code: rule.code(),
                name: rule.name(),
                count: *n,
                fix_status: serde_json::to_value(status.reported(self.mode))
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                reason: *reason,
                fixable: *status == FixStatus::Fixed,
            });
        }
        rows
    }

    /// The end of stderr: the fixes per file (`--show-fixes`), the summary
    /// line and, with several roots, one line per root (named by
    /// `root_names`).
    pub(super) fn closing(&self, root_names: &[String]) -> String {
        let mut out = String::new();
        if self.show_fixes {
            write_fixes(&mut out, &self.fixes, self.mode);
        }
        let _ = writeln!(out, "{}", summary(&self.totals, self.mode));
        if root_names.len() > 1 {
            let _ = writeln!(out, "Per root:");
            for (name, root) in root_names.iter().zip(&self.roots) {
                let _ = writeln!(out, "  {name}: {}", root.line(self.mode));
            }
        }
        out
    }
}

/// A row of `--statistics`.
#[derive(Serialize)]
struct StatisticsRow {
    code: &'static str,
    name: &'static str,
    count: usize,
    fix_status: String,
    /// The reason id, for findings without a fix or with an unsafe one.
    reason: Option<&'static str>,
    fixable: bool,
}

/// `--show-fixes`: per file, how many fixes of each transform.
fn write_fixes(out: &mut String, fixes: &[(String, Vec<(Rule, usize)>)], mode: Mode) {
    if fixes.is_empty() {
        return;
    }
    let total: usize = fixes
        .iter()
        .flat_map(|(_, f)| f.iter().map(|(_, n)| n))
        .sum();
    let head = match mode {
        Mode::Fix { dry_run: false } => "Fixed",
        Mode::Fix { dry_run: true } => "Would fix",
        Mode::Check => "Fixable",
    };
    let _ = writeln!(out, "{head} {total} {}:", plural(total, "issue", "issues"));
    for (path, rules) in fixes {
        let _ = writeln!(out, "- {path}:");
        for (rule, n) in rules {
            let _ = writeln!(out, "    {n} \u{d7} {} ({})", rule.code(), rule.name());
        }
    }
    out.push('\n');
}

fn summary(t: &Totals, mode: Mode) -> String {
    let mut line = match mode {
        Mode::Check => {
            let mut s = format!(
                "Found {} {} in {} {}",
                t.findings,
                plural(t.findings, "issue", "issues"),
                t.files_with_findings,
                plural(t.files_with_findings, "file", "files"),
            );
            if t.findings > 0 {
                let _ = write!(s, " ({} fixable", t.fixable);
                if t.unsafe_fixable > 0 {
                    let _ = write!(s, ", {} more with --unsafe-fixes", t.unsafe_fixable);
                }
                s.push(')');
            }
            s
        }
        Mode::Fix { dry_run } => {
            let verb = if dry_run { "Would fix" } else { "Fixed" };
            let fixed = if dry_run {
                t.fixable
            } else {
                t.fixable - t.not_written
            };
            let mut s = format!(
                "{verb} {fixed} {} in {} {}",
                plural(fixed, "issue", "issues"),
                t.files_changed,
                plural(t.files_changed, "file", "files"),
            );
            if t.unsafe_fixable > 0 {
                let _ = write!(s, " ({} more with --unsafe-fixes)", t.unsafe_fixable);
            }
            let left = t.findings - t.fixable - t.unsafe_fixable;
            if left > 0 {
                let _ = write!(s, "; {left} without a fix");
            }
            if !dry_run && t.not_written > 0 {
                let _ = write!(s, "; {} in files not written", t.not_written);
            }
            s
        }
    };
    let _ = write!(
        line,
        "; {} {} checked",
        t.files,
        plural(t.files, "file", "files")
    );
    if t.skipped > 0 {
        let _ = write!(line, ", {} skipped", t.skipped);
    }
    if t.errors > 0 {
        let _ = write!(line, ", {} failed", t.errors);
    }
    line
}

/// The counts behind one root's summary line.
#[derive(Debug, Default)]
struct RootTally {
    files: usize,
    found: usize,
    fixed: BTreeMap<&'static str, usize>,
    left: BTreeMap<String, usize>,
    skipped: BTreeMap<&'static str, usize>,
    failed: BTreeMap<&'static str, usize>,
}

impl RootTally {
    fn add(&mut self, tally: &FileTally, mode: Mode) {
        self.files += 1;
        match &tally.outcome {
            TallyOutcome::Clean => {}
            TallyOutcome::InvalidSyntax => {
                self.found += 1;
                *self.left.entry("invalid syntax".to_string()).or_default() += 1;
            }
            TallyOutcome::Skipped(reason) => *self.skipped.entry(reason).or_default() += 1,
            TallyOutcome::Failed(kind) => *self.failed.entry(kind).or_default() += 1,
            TallyOutcome::Findings { fixed } => {
                if let Some(kind) = fixed.as_ref().and_then(|f| f.write_error) {
                    *self.failed.entry(kind).or_default() += 1;
                }
            }
        }
        let not_written = mode == (Mode::Fix { dry_run: false })
            && matches!(&tally.outcome, TallyOutcome::Findings { fixed: Some(f) } if f.write_error.is_some());
        for finding in &tally.findings {
            self.found += 1;
            match finding.status {
                FixStatus::Fixed if not_written => {
                    *self.left.entry("file not written".to_string()).or_default() += 1;
                }
                FixStatus::Fixed if mode != Mode::Check => {
                    *self.fixed.entry(finding.rule.code()).or_default() += 1;
                }
                FixStatus::Fixed => *self.left.entry("fixable".to_string()).or_default() += 1,
                FixStatus::UnsafeFixAvailable => {
                    *self
                        .left
                        .entry("unsafe fix available".to_string())
                        .or_default() += 1;
                }
                _ => {
                    let why = finding.no_fix.unwrap_or("none known");
                    *self.left.entry(format!("no fix: {why}")).or_default() += 1;
                }
            }
        }
    }

    /// Found, fixed per transform, left unfixed and why, skipped and why,
    /// failed and why.
    fn line(&self, mode: Mode) -> String {
        let list = |m: &BTreeMap<String, usize>| {
            let mut items: Vec<(&String, &usize)> = m.iter().collect();
            items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let mut shown: Vec<String> = items
                .iter()
                .take(3)
                .map(|(k, v)| format!("{v} {k}"))
                .collect();
            if items.len() > 3 {
                let rest: usize = items[3..].iter().map(|(_, v)| **v).sum();
                shown.push(format!("{rest} other"));
            }
            shown.join("; ")
        };
        let short = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fixed_total: usize = self.fixed.values().sum();
        let left_total: usize = self.left.values().sum();
        let verb = match mode {
            Mode::Fix { dry_run: false } => "fixed",
            _ => "fixable",
        };
        let mut line = format!("{} files, {} found", self.files, self.found);
        if mode != Mode::Check {
            let _ = write!(line, ", {fixed_total} {verb}");
            if !self.fixed.is_empty() {
                let _ = write!(line, " ({})", short(&self.fixed));
            }
        }
        if left_total > 0 {
            let _ = write!(line, ", {left_total} left ({})", list(&self.left));
        }
        if !self.skipped.is_empty() {
            let _ = write!(
                line,
                ", {} skipped ({})",
                self.skipped.values().sum::<usize>(),
                short(&self.skipped)
            );
        }
        if !self.failed.is_empty() {
            let _ = write!(
                line,
                ", {} failed ({})",
                self.failed.values().sum::<usize>(),
                short(&self.failed)
            );
        }
        line
    }
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}
