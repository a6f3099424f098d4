//! Everything tempsafe prints: findings and diffs on stdout, errors and the
//! summary on stderr. Nothing else in the crate prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, FixStatus};
use crate::runner::{FileReport, Mode, Outcome};
use crate::transforms::Rule;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Rendered findings with a source snippet.
    Text,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    /// A machine-readable report of every file with findings.
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

/// Printing options.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    pub format: OutputFormat,
    pub color: bool,
    pub statistics: bool,
    pub mode: Mode,
}

/// The path as the user should see it: relative to the working directory.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// Counts behind the summary and the exit code.
#[derive(Debug, Default, Serialize)]
pub struct Totals {
    pub files: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    pub fixable: usize,
    pub unsafe_fixable: usize,
    pub fixed: usize,
    pub files_changed: usize,
    pub remaining: usize,
    pub skipped: usize,
    pub errors: usize,
    pub not_converged: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut t = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for report in reports {
            match &report.outcome {
                Outcome::Clean => {}
                Outcome::Skipped(_) => t.skipped += 1,
                Outcome::Error(_) => t.errors += 1,
                Outcome::Findings {
                    findings, fixed, ..
                } => {
                    t.files_with_findings += 1;
                    t.findings += findings.len();
                    for (_, status) in findings {
                        match status {
                            FixStatus::Fixed => t.fixable += 1,
                            FixStatus::UnsafeFixAvailable => t.unsafe_fixable += 1,
                            _ => {}
                        }
                    }
                    if let Some(fixed) = fixed {
                        if fixed.write_error.is_some() {
                            t.errors += 1;
                        } else {
                            t.files_changed += 1;
                            t.fixed += fixed.counts.values().sum::<usize>();
                            t.remaining += fixed.remaining.len();
                        }
                        if !fixed.converged {
                            t.not_converged += 1;
                        }
                    } else {
                        t.remaining += findings.len();
                    }
                }
            }
        }
        t
    }
}

/// Prints the reports: findings or diffs to stdout, problems to stderr.
pub fn print_reports(reports: &[FileReport], options: PrintOptions) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    if options.format == OutputFormat::Json {
        serde_json::to_writer_pretty(&mut out, &json_report(reports, options.mode))?;
        writeln!(out)?;
    }
    for report in reports {
        let path = display_path(&report.path);
        match &report.outcome {
            Outcome::Clean => {}
            Outcome::Skipped(reason) => writeln!(err, "skipped: {path}: {reason}")?,
            Outcome::Error(e) => {
                writeln!(err, "error: {path}: {e}")?;
                writeln!(err, "  help: {}", e.help())?;
            }
            Outcome::Findings {
                source,
                findings,
                fixed,
            } => {
                if let Some(fixed) = fixed {
                    if let Some(e) = &fixed.write_error {
                        writeln!(err, "error: {path}: {e}")?;
                        writeln!(err, "  help: {}", e.help())?;
                    }
                    if !fixed.converged {
                        writeln!(
                            err,
                            "warning: {path}: fixes did not converge; some are left undone"
                        )?;
                    }
                }
                if options.format == OutputFormat::Json {
                    continue;
                }
                match (options.mode, fixed) {
                    (Mode::Fix { dry_run: true }, Some(fixed)) => {
                        out.write_all(unified_diff(&path, source, &fixed.source).as_bytes())?;
                    }
                    (Mode::Fix { dry_run: true }, None) => {}
                    (Mode::Fix { dry_run: false }, Some(fixed)) if fixed.write_error.is_none() => {
                        print_findings(
                            &mut out,
                            &path,
                            &fixed.source,
                            fixed.remaining.iter(),
                            options,
                        )?;
                    }
                    _ => print_findings(
                        &mut out,
                        &path,
                        source,
                        findings.iter().map(|(d, _)| d),
                        options,
                    )?,
                }
            }
        }
    }
    out.flush()?;
    let totals = Totals::of(reports);
    if options.statistics {
        print_statistics(&mut err, reports)?;
    }
    writeln!(err, "{}", summary(&totals, options.mode))?;
    Ok(())
}

fn print_findings<'d>(
    out: &mut impl Write,
    path: &str,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    options: PrintOptions,
) -> io::Result<()> {
    let index = LineIndex::from_source_text(source);
    for diagnostic in diagnostics {
        let location = index.line_column(diagnostic.start(), source);
        let fixable = if diagnostic.fix.is_some() { "[*] " } else { "" };
        let head = format!(
            "{path}:{}:{}: {} {fixable}{}",
            location.line,
            location.column,
            diagnostic.rule.code(),
            diagnostic.message
        );
        if options.format == OutputFormat::Concise {
            writeln!(out, "{head}")?;
            continue;
        }
        if options.format == OutputFormat::Github {
            let end = index.line_column(diagnostic.end(), source);
            writeln!(
                out,
                "::warning title=tempsafe {code},file={path},line={},col={},endLine={},endColumn={}::{code} {}",
                location.line,
                location.column,
                end.line,
                end.column,
                diagnostic.message.replace('%', "%25").replace('\n', "%0A"),
                code = diagnostic.rule.code(),
            )?;
            continue;
        }
        let first_line = location
            .line
            .to_zero_indexed()
            .saturating_sub(Window::CONTEXT);
        writeln!(
            out,
            "{}",
            render_snippet(
                path,
                source,
                diagnostic,
                &head,
                options.color,
                (&index, first_line)
            )
        )?;
    }
    Ok(())
}

/// A finding rendered by miette: header, snippet with a label, help.
fn render_snippet(
    path: &str,
    source: &str,
    diagnostic: &Diagnostic,
    head: &str,
    color: bool,
    (index, first_line): (&LineIndex, usize),
) -> String {
    let label = match (&diagnostic.fix_title, &diagnostic.note) {
        (Some(title), _) => title.clone(),
        (None, Some(note)) => format!("no fix: {note}"),
        (None, None) => "no fix".to_string(),
    };
    let mut help = Vec::new();
    if let (Some(_), Some(note)) = (&diagnostic.fix_title, &diagnostic.note) {
        help.push(format!("unsafe fix: {note} (apply with --unsafe-fixes)"));
    }
    help.push(format!(
        "run `tempsafe explain {}` for details",
        diagnostic.rule.code()
    ));
    let span = SourceSpan::new(
        diagnostic.start().to_usize().into(),
        diagnostic.range.len().to_usize(),
    );
    let report = miette::MietteDiagnostic::new(head.to_string())
        .with_labels([LabeledSpan::new_primary_with_span(Some(label), span)])
        .with_help(help.join("\n"));
    let report = miette::Report::new(report)
        .with_source_code(Window::around(path, source, diagnostic, index, first_line));
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut rendered = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    if handler
        .render_report(&mut rendered, report.as_ref())
        .is_err()
    {
        return head.to_string();
    }
    rendered
}

/// The lines around a finding, standing for the whole file: miette counts
/// lines from the start of the source it is given, so handing it the whole
/// file for every finding is quadratic on large files.
struct Window {
    name: String,
    text: String,
    /// Byte offset of `text` in the file.
    offset: usize,
    /// Zero-based line number of `text`'s first line in the file.
    first_line: usize,
}

impl Window {
    const CONTEXT: usize = 3;

    /// The lines from `first_line` (zero-based) to CONTEXT lines past the finding.
    fn around(
        path: &str,
        source: &str,
        diagnostic: &Diagnostic,
        index: &LineIndex,
        first_line: usize,
    ) -> Self {
        let from = index
            .line_starts()
            .get(first_line)
            .map_or(0, |start| start.to_usize());
        let mut to = diagnostic.end().to_usize();
        for _ in 0..=Self::CONTEXT {
            match source[to..].find('\n') {
                Some(i) => to += i + 1,
                None => {
                    to = source.len();
                    break;
                }
            }
        }
        Self {
            name: path.to_string(),
            text: source[from..to].to_string(),
            offset: from,
            first_line,
        }
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.offset).into(), span.len());
        let contents = self.text.as_str().read_span(&local, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + self.offset).into(),
                contents.span().len(),
            ),
            contents.line() + self.first_line,
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// A unified diff that `git apply` and `patch -p1` accept.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    // An absolute path loses its leading `/`: `patch -p1` from `/` applies it.
    let path = path.trim_start_matches('/');
    // Patience anchors on unique lines: near-linear on code with many small
    // changes, where plain Myers is quadratic. The deadline bounds the rest.
    similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .deadline(std::time::Instant::now() + std::time::Duration::from_secs(2))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
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
            let mut s = format!(
                "{verb} {} {} in {} {}",
                t.fixable,
                plural(t.fixable, "issue", "issues"),
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

/// One line per root (command-line path): found, fixed per transform, left
/// unfixed and why, skipped and why, failed and why.
pub fn print_root_summaries(
    reports: &[FileReport],
    roots: &[String],
    mode: Mode,
) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(err, "Per root:")?;
    for (index, root) in roots.iter().enumerate() {
        let mine: Vec<&FileReport> = reports.iter().filter(|r| r.root == index).collect();
        let mut found = 0;
        let mut fixed: BTreeMap<&str, usize> = BTreeMap::new();
        let mut left: BTreeMap<String, usize> = BTreeMap::new();
        let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
        let mut failed: BTreeMap<&str, usize> = BTreeMap::new();
        for report in &mine {
            match &report.outcome {
                Outcome::Clean => {}
                Outcome::Skipped(reason) => *skipped.entry(reason).or_default() += 1,
                Outcome::Error(e) => *failed.entry(e.kind()).or_default() += 1,
                Outcome::Findings {
                    findings, fixed: f, ..
                } => {
                    if let Some(e) = f.as_ref().and_then(|f| f.write_error.as_ref()) {
                        *failed.entry(e.kind()).or_default() += 1;
                    }
                    for (d, status) in findings {
                        found += 1;
                        match status {
                            FixStatus::Fixed if mode != Mode::Check => {
                                *fixed.entry(d.rule.code()).or_default() += 1;
                            }
                            FixStatus::Fixed => {
                                *left.entry("fixable".to_string()).or_default() += 1
                            }
                            FixStatus::UnsafeFixAvailable => {
                                *left.entry("unsafe fix available".to_string()).or_default() += 1;
                            }
                            _ => {
                                let why = d.note.clone().unwrap_or_else(|| "no fix".to_string());
                                *left.entry(format!("no fix: {why}")).or_default() += 1;
                            }
                        }
                    }
                }
            }
        }
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
        let fixed_total: usize = fixed.values().sum();
        let left_total: usize = left.values().sum();
        let verb = match mode {
            Mode::Fix { dry_run: false } => "fixed",
            _ => "fixable",
        };
        let mut line = format!("  {root}: {} files, {found} found", mine.len());
        if mode != Mode::Check {
            let _ = write!(line, ", {fixed_total} {verb}");
            if !fixed.is_empty() {
                let _ = write!(line, " ({})", short(&fixed));
            }
        }
        if left_total > 0 {
            let _ = write!(line, ", {left_total} left ({})", list(&left));
        }
        if !skipped.is_empty() {
            let _ = write!(
                line,
                ", {} skipped ({})",
                skipped.values().sum::<usize>(),
                short(&skipped)
            );
        }
        if !failed.is_empty() {
            let _ = write!(
                line,
                ", {} failed ({})",
                failed.values().sum::<usize>(),
                short(&failed)
            );
        }
        writeln!(err, "{line}")?;
    }
    Ok(())
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}

fn print_statistics(err: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let mut counts: BTreeMap<(Rule, FixStatus), usize> = BTreeMap::new();
    for report in reports {
        if let Outcome::Findings { findings, .. } = &report.outcome {
            for (d, status) in findings {
                *counts.entry((d.rule, *status)).or_default() += 1;
            }
        }
    }
    for ((rule, status), n) in counts {
        let status = serde_json::to_value(status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            err,
            "{n:>6}  {:<7} {:<22} {status}",
            rule.code(),
            rule.name()
        )?;
    }
    Ok(())
}

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
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    summary: Totals,
}

fn json_report(reports: &[FileReport], mode: Mode) -> JsonReport<'_> {
    let files = reports
        .iter()
        .filter_map(|report| {
            let path = display_path(&report.path);
            let (status, reason, findings) = match &report.outcome {
                Outcome::Clean => return None,
                Outcome::Skipped(reason) => ("skipped", Some(reason.to_string()), Vec::new()),
                Outcome::Error(e) => ("error", Some(e.to_string()), Vec::new()),
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
                                fix_status: *status,
                                applicability: d.applicability().map(|a| match a {
                                    ruff_diagnostics::Applicability::Safe => "safe",
                                    ruff_diagnostics::Applicability::Unsafe => "unsafe",
                                    ruff_diagnostics::Applicability::DisplayOnly => "display-only",
                                }),
                                fix_title: d.fix_title.as_deref(),
                                note: d.note.as_deref(),
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
                    (status, reason, findings)
                }
            };
            Some(JsonFile {
                path,
                status,
                reason,
                findings,
            })
        })
        .collect();
    JsonReport {
        files,
        summary: Totals::of(reports),
    }
}
