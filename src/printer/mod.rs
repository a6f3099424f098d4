//! Everything tempsafe prints: findings and diffs on stdout, errors and the
//! summary on stderr. Nothing else in the crate prints.

pub mod color;
mod json_edits;
pub mod markdown;
pub mod reasons;
pub mod sarif;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, FixStatus};
use crate::engine::SourceError;
use crate::runner::{FileReport, Mode, Outcome};
use crate::source::FileError;
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
pub struct PrintOptions {
    pub format: OutputFormat,
    pub color: bool,
    pub statistics: bool,
    /// List the fixes per file at the end (`--show-fixes`).
    pub show_fixes: bool,
    pub mode: Mode,
}

/// The code and name under which a file that cannot be parsed is reported:
/// a finding (Ruff's `invalid-syntax`), not an error of the run.
pub const INVALID_SYNTAX: (&str, &str) = ("TMP000", "invalid-syntax");

/// The path as the user should see it: relative to the working directory.
pub fn display_path(path: &Path) -> String {
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
    /// Errors that are tempsafe's own (a panic, a fix that broke the
    /// syntax): exit code 2.
    pub internal_errors: usize,
    pub not_converged: usize,
    /// Fixable findings in files that were not written (read-only, changed
    /// on disk, …): not fixed, whatever the fixes were.
    #[serde(skip)]
    pub not_written: usize,
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

/// What is kept of one file once its output is rendered: the text to print
/// and the counts. Its source is gone, so memory stays flat however many
/// files have findings.
#[derive(Debug)]
pub struct Rendered {
    /// Index of the root the file was found under.
    pub root: usize,
    /// Findings, diff or JSON entry, for stdout.
    pub stdout: String,
    /// Errors, skips and warnings, for stderr.
    pub stderr: String,
    /// The encoding `stdout` is written in, when not UTF-8: a diff of a
    /// file in a legacy encoding carries that file's own bytes.
    pub stdout_encoding: Option<&'static encoding_rs::Encoding>,
    pub tally: FileTally,
}

/// The counts of one file, for the summaries.
#[derive(Debug)]
pub struct FileTally {
    outcome: TallyOutcome,
    findings: Vec<TalliedFinding>,
    /// The file as displayed, and its fixes per rule (applied, or that
    /// would be): what `--show-fixes` lists.
    path: String,
    fixes: Vec<(Rule, usize)>,
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

/// Renders one file's report: what it prints and what it counts.
pub fn render(report: &FileReport, options: PrintOptions) -> Rendered {
    let mut stdout = String::new();
    let mut stderr = String::new();
    let path = display_path(&report.path);
    let mut fixes = Vec::new();
    let outcome = match &report.outcome {
        Outcome::Clean => TallyOutcome::Clean,
        Outcome::Skipped(reason) => {
            let _ = writeln!(stderr, "skipped: {path}: {reason}");
            TallyOutcome::Skipped(reason)
        }
        Outcome::Error(FileError::Source(SourceError::Syntax {
            line,
            column,
            message,
        })) => {
            stdout = match options.format {
                OutputFormat::Sarif => {
                    sarif::invalid_syntax(&report.path, (*line, *column), message)
                }
                OutputFormat::Markdown => {
                    markdown::invalid_syntax(report.root, &path, (*line, *column), message)
                }
                _ => render_invalid_syntax(&path, (*line, *column), message, options),
            };
            TallyOutcome::InvalidSyntax
        }
        Outcome::Error(e) => {
            write_error(&mut stderr, &path, e);
            TallyOutcome::Failed(e.kind())
        }
        Outcome::Findings {
            source,
            findings,
            fixed,
        } => {
            if let Some(fixed) = fixed {
                if let Some(e) = &fixed.write_error {
                    write_error(&mut stderr, &path, e);
                }
                if !fixed.converged {
                    let _ = writeln!(
                        stderr,
                        "warning: {path}: fixes did not converge; some are left undone"
                    );
                }
            }
            stdout = match (options.mode, fixed) {
                _ if options.format == OutputFormat::Json => String::new(),
                (Mode::Fix { dry_run: false }, Some(fixed))
                    if options.format == OutputFormat::Sarif && fixed.write_error.is_none() =>
                {
                    sarif::results(&report.path, &fixed.source, fixed.remaining.iter())
                }
                _ if options.format == OutputFormat::Sarif => {
                    sarif::results(&report.path, source, findings.iter().map(|(d, _)| d))
                }
                (mode, fixed) if options.format == OutputFormat::Markdown => {
                    let written = fixed
                        .as_ref()
                        .filter(|f| {
                            mode == (Mode::Fix { dry_run: false }) && f.write_error.is_none()
                        })
                        .map(|f| (&*f.source, f.remaining.as_slice()));
                    markdown::file_items(report.root, &path, source, findings, written)
                }
                (Mode::Fix { dry_run: true }, Some(fixed)) if options.color => {
                    color::diff(&unified_diff(&path, source, &fixed.source))
                }
                (Mode::Fix { dry_run: true }, Some(fixed)) => {
                    unified_diff(&path, source, &fixed.source)
                }
                (Mode::Fix { dry_run: true }, None) => String::new(),
                (Mode::Fix { dry_run: false }, Some(fixed)) if fixed.write_error.is_none() => {
                    render_findings(&path, &fixed.source, fixed.remaining.iter(), options)
                }
                _ => render_findings(&path, source, findings.iter().map(|(d, _)| d), options),
            };
            fixes = match fixed {
                Some(fixed) if options.mode != Mode::Check => {
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
            TallyOutcome::Findings {
                fixed: fixed.as_ref().map(|fixed| TalliedFix {
                    applied: fixed.counts.values().sum(),
                    remaining: fixed.remaining.len(),
                    converged: fixed.converged,
                    write_error: fixed.write_error.as_ref().map(FileError::kind),
                }),
            }
        }
    };
    if options.format == OutputFormat::Json {
        // Skipped and failed files are in the report too.
        stdout = json_file(&path, report, options.mode);
    }
    let findings = match &report.outcome {
        Outcome::Findings { findings, .. } => findings
            .iter()
            .map(|(d, status)| TalliedFinding {
                rule: d.rule,
                status: *status,
                no_fix: matches!(status, FixStatus::NoFix | FixStatus::DisplayOnly)
                    .then(|| d.no_fix.as_ref().map(|r| r.id()))
                    .flatten(),
                reason: reasons::reason_id(d),
            })
            .collect(),
        _ => Vec::new(),
    };
    let stdout_encoding = match (&report.outcome, options.mode, options.format) {
        (Outcome::Findings { fixed: Some(f), .. }, Mode::Fix { dry_run: true }, f2)
            if f2 != OutputFormat::Json =>
        {
            f.encoding
        }
        _ => None,
    };
    Rendered {
        root: report.root,
        stdout,
        stderr,
        stdout_encoding,
        tally: FileTally {
            outcome,
            findings,
            path,
            fixes,
        },
    }
}

/// A file that does not parse, as one finding without a fix.
fn render_invalid_syntax(
    path: &str,
    (line, column): (usize, usize),
    message: &str,
    options: PrintOptions,
) -> String {
    let (code, name) = INVALID_SYNTAX;
    match options.format {
        OutputFormat::Github => format!(
            "::error title=tempsafe {code},file={},line={line},col={column}::{code} {}\n",
            github_property(path),
            github_message(&format!("invalid syntax: {message}")),
        ),
        OutputFormat::Concise => format!("{path}:{line}:{column}: {code} {name}: {message}\n"),
        _ => format!(
            "{path}:{line}:{column}: {code} {name}: {message}\n  help: tempsafe parses Python 3; the file is reported and left as it is\n"
        ),
    }
}

/// A value in a GitHub workflow command's properties: `%`, CR, LF, `:` and
/// `,` would end or split it.
pub fn github_property(value: &str) -> String {
    github_message(value)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A GitHub workflow command's message: `%`, CR and LF escaped.
pub fn github_message(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `error: PATH: MESSAGE` and, where there is one, the help line below.
fn write_error(stderr: &mut String, path: &str, e: &FileError) {
    let _ = writeln!(stderr, "error: {path}: {e}");
    if !e.help().is_empty() {
        let _ = writeln!(stderr, "  help: {}", e.help());
    }
}

/// Prints rendered files as they come, in order, and the summaries at the
/// end. Keeps counts only.
pub struct Reporter {
    options: PrintOptions,
    out: io::BufWriter<Box<dyn Write + Send>>,
    totals: Totals,
    statistics: BTreeMap<(Rule, FixStatus, Option<&'static str>), usize>,
    /// Files that do not parse (TMP000), for the statistics.
    invalid_syntax: usize,
    /// Per file with fixes, its fixes per rule: `--show-fixes`.
    fixes: Vec<(String, Vec<(Rule, usize)>)>,
    roots: Vec<RootTally>,
    json_files: usize,
    /// Each file's part of a document format (SARIF), in path order.
    fragments: Vec<String>,
    /// The first failure to print (a closed pipe): printing stops, the run
    /// goes on (fixes are still written) and ends with exit code 2.
    failed: Option<io::Error>,
}

impl Reporter {
    pub fn new(options: PrintOptions, roots: usize) -> Self {
        Self::with_output(options, roots, Box::new(io::stdout()))
    }

    /// A reporter that writes results to `out` (`-o FILE`) instead of stdout.
    pub fn with_output(options: PrintOptions, roots: usize, out: Box<dyn Write + Send>) -> Self {
        Self {
            options,
            out: io::BufWriter::new(out),
            totals: Totals::default(),
            statistics: BTreeMap::new(),
            invalid_syntax: 0,
            fixes: Vec::new(),
            roots: (0..roots).map(|_| RootTally::default()).collect(),
            json_files: 0,
            fragments: Vec::new(),
            failed: None,
        }
    }

    /// Prints one file's output and counts it.
    pub fn add(&mut self, rendered: Rendered) {
        self.count(&rendered);
        if self.failed.is_none()
            && let Err(e) = self.print(&rendered)
        {
            self.failed = Some(e);
        }
    }

    /// Counts one file without printing it.
    pub fn count(&mut self, rendered: &Rendered) {
        self.totals.add(&rendered.tally);
        if matches!(rendered.tally.outcome, TallyOutcome::InvalidSyntax) {
            self.invalid_syntax += 1;
        }
        if self.options.show_fixes && !rendered.tally.fixes.is_empty() {
            self.fixes
                .push((rendered.tally.path.clone(), rendered.tally.fixes.clone()));
        }
        for finding in &rendered.tally.findings {
            *self
                .statistics
                .entry((finding.rule, finding.status, finding.reason))
                .or_default() += 1;
        }
        if let Some(root) = self.roots.get_mut(rendered.root) {
            root.add(&rendered.tally, self.options.mode);
        }
    }

    fn print(&mut self, rendered: &Rendered) -> io::Result<()> {
        if !rendered.stderr.is_empty() {
            io::stderr().lock().write_all(rendered.stderr.as_bytes())?;
        }
        // With --statistics the counts are the whole report (as in Ruff).
        if rendered.stdout.is_empty() || self.options.statistics {
            return Ok(());
        }
        if self.options.format.is_document() {
            self.fragments.push(rendered.stdout.clone());
            return Ok(());
        }
        if self.options.format == OutputFormat::Json {
            let separator = if self.json_files == 0 {
                "{\n  \"files\": [\n"
            } else {
                ",\n"
            };
            self.out.write_all(separator.as_bytes())?;
            self.json_files += 1;
        }
        match rendered.stdout_encoding {
            Some(encoding) => self.out.write_all(&encoding.encode(&rendered.stdout).0),
            None => self.out.write_all(rendered.stdout.as_bytes()),
        }
    }

    /// The totals so far.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Ends the output: the JSON summary, statistics, the summary line, and
    /// with several roots one line per root (named by `root_names`).
    pub fn finish(mut self, root_names: &[String]) -> io::Result<Totals> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let statistics: Vec<StatisticsRow> = self.statistics_rows();
        if self.options.statistics && self.options.format == OutputFormat::Json {
            let text = serde_json::to_string_pretty(&statistics)?;
            writeln!(self.out, "{text}")?;
        } else if self.options.format == OutputFormat::Json {
            let head = if self.json_files == 0 {
                "{\n  \"files\": [],\n"
            } else {
                "\n  ],\n"
            };
            let summary = serde_json::to_string_pretty(&self.totals)?.replace('\n', "\n  ");
            write!(self.out, "{head}  \"summary\": {summary}\n}}\n")?;
        } else if self.options.format == OutputFormat::Sarif && !self.options.statistics {
            self.out
                .write_all(sarif::document(&self.fragments).as_bytes())?;
        } else if self.options.format == OutputFormat::Markdown && !self.options.statistics {
            let text = markdown::document(&self.fragments, root_names, self.options.mode);
            self.out.write_all(text.as_bytes())?;
        } else if self.options.statistics {
            for row in &statistics {
                let status = match row.reason {
                    Some(reason) => format!("{} ({reason})", row.fix_status),
                    None => row.fix_status.clone(),
                };
                writeln!(
                    self.out,
                    "{:>6}  {:<7} {:<22} {status}",
                    row.count, row.code, row.name
                )?;
            }
        }
        self.out.flush()?;
        let mut err = io::stderr().lock();
        if self.options.show_fixes {
            write_fixes(&mut err, &self.fixes, self.options.mode)?;
        }
        writeln!(err, "{}", summary(&self.totals, self.options.mode))?;
        if root_names.len() > 1 {
            writeln!(err, "Per root:")?;
            for (name, root) in root_names.iter().zip(&self.roots) {
                writeln!(err, "  {name}: {}", root.line(self.options.mode))?;
            }
        }
        Ok(self.totals)
    }

    /// One row per code and fix status, in code order.
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
                fix_status: serde_json::to_value(status.reported(self.options.mode))
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                reason: *reason,
                fixable: *status == FixStatus::Fixed,
            });
        }
        rows
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
fn write_fixes(
    err: &mut impl Write,
    fixes: &[(String, Vec<(Rule, usize)>)],
    mode: Mode,
) -> io::Result<()> {
    if fixes.is_empty() {
        return Ok(());
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
    writeln!(err, "{head} {total} {}:", plural(total, "issue", "issues"))?;
    for (path, rules) in fixes {
        writeln!(err, "- {path}:")?;
        for (rule, n) in rules {
            writeln!(err, "    {n} \u{d7} {} ({})", rule.code(), rule.name())?;
        }
    }
    writeln!(err)
}

fn render_findings<'d>(
    path: &str,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    options: PrintOptions,
) -> String {
    let mut out = String::new();
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
            let _ = writeln!(out, "{head}");
            continue;
        }
        if options.format == OutputFormat::Github {
            let end = index.line_column(diagnostic.end(), source);
            let _ = writeln!(
                out,
                "::warning title=tempsafe {code},file={},line={},col={},endLine={},endColumn={}::{code} {}",
                github_property(path),
                location.line,
                location.column,
                end.line,
                end.column,
                github_message(&diagnostic.message),
                code = diagnostic.rule.code(),
            );
            continue;
        }
        let first_line = location
            .line
            .to_zero_indexed()
            .saturating_sub(Window::CONTEXT);
        let _ = writeln!(
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
        );
    }
    out
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
    let note = reasons::note(diagnostic);
    let label = match (&diagnostic.fix_title, &note) {
        (Some(title), _) => title.clone(),
        (None, Some(note)) => format!("no fix: {note}"),
        (None, None) => "no fix".to_string(),
    };
    let mut help = Vec::new();
    if let (Some(_), Some(note)) = (&diagnostic.fix_title, &note) {
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
    use similar::{DiffOp, DiffTag};
    // An absolute path loses its leading `/`: `patch -p1` from `/` applies it.
    let path = path.trim_start_matches('/');
    let old_lines = lines(old);
    let new_lines = lines(new);
    // Patience anchors on unique lines: near-linear on code with many small
    // changes, where plain Myers is quadratic. The deadline bounds the rest.
    // (similar's `TextDiff` also compacts the hunks, which is quadratic in
    // their number: a generated file with 30,000 fixes took minutes.)
    let mut capture = similar::algorithms::Capture::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let Ok(()) = similar::algorithms::patience::diff_deadline(
        &mut capture,
        &old_lines,
        0..old_lines.len(),
        &new_lines,
        0..new_lines.len(),
        Some(deadline),
    );
    let groups = similar::group_diff_ops(merge_runs(capture.into_ops()), 3);
    if groups.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "--- {}\n+++ {}\n",
        header_name("a/", path),
        header_name("b/", path)
    );
    for group in &groups {
        let (first, last) = (group[0], group[group.len() - 1]);
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            HunkRange(first.old_range().start, last.old_range().end),
            HunkRange(first.new_range().start, last.new_range().end),
        );
        for op in group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let (removed, added) = match tag {
                DiffTag::Equal => (&old_lines[old_range], &[][..]),
                DiffTag::Delete => (&old_lines[old_range], &[][..]),
                DiffTag::Insert => (&[][..], &new_lines[new_range]),
                DiffTag::Replace => (&old_lines[old_range], &new_lines[new_range]),
            };
            let sign = if matches!(op, DiffOp::Equal { .. }) {
                ' '
            } else {
                '-'
            };
            for (sign, line) in removed
                .iter()
                .map(|line| (sign, line))
                .chain(added.iter().map(|line| ('+', line)))
            {
                out.push(sign);
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// A file name in a `---`/`+++` line, as git writes it: in double quotes
/// with C escapes (prefix inside) when it holds a quote, a backslash or a
/// control character; followed by a tab when it holds a space, so that
/// `patch` takes the whole name.
fn header_name(prefix: &str, path: &str) -> String {
    let needs_quotes = path
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_ascii_control());
    if !needs_quotes {
        let tab = if path.contains(' ') { "\t" } else { "" };
        return format!("{prefix}{path}{tab}");
    }
    let mut quoted = format!("\"{prefix}");
    for c in path.chars() {
        match c {
            '\x07' => quoted.push_str("\\a"),
            '\x08' => quoted.push_str("\\b"),
            '\t' => quoted.push_str("\\t"),
            '\n' => quoted.push_str("\\n"),
            '\x0b' => quoted.push_str("\\v"),
            '\x0c' => quoted.push_str("\\f"),
            '\r' => quoted.push_str("\\r"),
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_ascii_control() => {
                let _ = write!(quoted, "\\{:03o}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Joins adjacent ops of the same kind: patience emits one unchanged run
/// per anchor (hunks are only split at one long run), and a change may come
/// as an insert then a replace; as one change it prints all `-` lines
/// before all `+` lines.
fn merge_runs(ops: Vec<similar::DiffOp>) -> Vec<similar::DiffOp> {
    use similar::DiffOp;
    let mut merged: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        let Some(last) = merged.last_mut() else {
            merged.push(op);
            continue;
        };
        let both_equal = matches!(last, DiffOp::Equal { .. }) && matches!(op, DiffOp::Equal { .. });
        let both_changes =
            !matches!(last, DiffOp::Equal { .. }) && !matches!(op, DiffOp::Equal { .. });
        if !(both_equal || both_changes) {
            merged.push(op);
            continue;
        }
        let (old, new) = (last.old_range(), last.new_range());
        let (old_end, new_end) = (op.old_range().end, op.new_range().end);
        *last = match (both_equal, old_end - old.start, new_end - new.start) {
            (true, len, _) => DiffOp::Equal {
                old_index: old.start,
                new_index: new.start,
                len,
            },
            (false, old_len, 0) => DiffOp::Delete {
                old_index: old.start,
                old_len,
                new_index: new.start,
            },
            (false, 0, new_len) => DiffOp::Insert {
                old_index: old.start,
                new_index: new.start,
                new_len,
            },
            (false, old_len, new_len) => DiffOp::Replace {
                old_index: old.start,
                old_len,
                new_index: new.start,
                new_len,
            },
        };
    }
    merged
}

/// The lines of `text` as git and `patch` see them: each ends with `\n`
/// (a lone `\r` is part of the line, so a file with old Mac line endings is
/// one line, and its patch still applies).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A hunk's line range as unified diffs write it: `start,len`, just `start`
/// for one line, and the line before for an empty range.
struct HunkRange(usize, usize);

impl std::fmt::Display for HunkRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.1 - self.0;
        match len {
            1 => write!(f, "{}", self.0 + 1),
            0 => write!(f, "{},0", self.0),
            _ => write!(f, "{},{}", self.0 + 1, len),
        }
    }
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

/// One file's entry in the JSON report, indented to sit in its `files` list.
fn json_file(path: &str, report: &FileReport, mode: Mode) -> String {
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
                        note: reasons::note(d),
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

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn diff_hunks_with_context_and_headers() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 2\n", "line two\n")
            .replace("line 15\n", "");
        assert_eq!(
            unified_diff("/abs/m.py", &old, &new),
            "--- a/abs/m.py\n+++ b/abs/m.py\n\
             @@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n\
             @@ -12,7 +12,6 @@\n line 12\n line 13\n line 14\n-line 15\n line 16\n line 17\n line 18\n"
        );
        assert_eq!(unified_diff("m.py", &old, &old), "");
    }

    #[test]
    fn diff_marks_a_missing_final_newline_and_keeps_crlf() {
        assert_eq!(
            unified_diff("m.py", "a\r\nb", "a\r\nc\r\n"),
            "--- a/m.py\n+++ b/m.py\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\r\n"
        );
        assert_eq!(
            unified_diff("m.py", "", "x\n"),
            "--- a/m.py\n+++ b/m.py\n@@ -0,0 +1 @@\n+x\n"
        );
        // Lone-CR line endings: one line to git and `patch`, as in the file.
        assert_eq!(
            unified_diff("m.py", "a\rb\r", "a\rc\r"),
            "--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-a\rb\r\n\\ No newline at end of file\n+a\rc\r\n\\ No newline at end of file\n"
        );
    }

    /// Many separate changes, each its own hunk (patience emits one
    /// unchanged run per anchor line: they must be joined).
    #[test]
    fn diff_of_many_changes_has_one_hunk_each() {
        let old: String = (0..5_000).map(|i| format!("x{i} = {i}\n")).collect();
        let new: String = (0..5_000)
            .map(|i| match i % 10 {
                0 => format!("x{i} = -{i}\n"),
                _ => format!("x{i} = {i}\n"),
            })
            .collect();
        let diff = unified_diff("m.py", &old, &new);
        assert_eq!(diff.matches("\n@@ ").count(), 500);
        assert!(
            diff.contains("@@ -8,7 +8,7 @@\n x7 = 7\n x8 = 8\n x9 = 9\n-x10 = 10\n+x10 = -10\n")
        );
    }
}
