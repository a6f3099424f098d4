//! Checking and fixing one source text: parse, visit, filter suppressed
//! findings, apply fixes and re-parse until nothing is left to fix.

use std::collections::BTreeMap;
use std::path::Path;

use ruff_diagnostics::{Applicability, Fix};
use ruff_python_ast::ModModule;
use ruff_python_parser::{Parsed, parse_module};
use ruff_source_file::{LineIndex, LineRanges};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, FixStatus};
use crate::edits::keep_comments;
use crate::fix::{apply_fixes, remove_unused_imports};
use crate::fix_builder::ImportRemoval;
use crate::reason::NoFix;
use crate::settings::Settings;
use crate::suppression::Suppressions;
use crate::transforms::Rule;

/// How many rounds of fixing before giving up on convergence.
const MAX_ROUNDS: usize = 50;

/// Why a source text could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("syntax error at {line}:{column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "the fixes of {rules} produced invalid syntax ({message}); the file was left as it was"
    )]
    FixBrokeSyntax { rules: String, message: String },
    #[error(
        "nested too deeply to analyse (more than {} brackets or {} levels of statements and expressions); CPython refuses it too",
        crate::nesting::MAX_BRACKETS,
        crate::nesting::MAX_DEPTH
    )]
    TooDeep,
}

fn syntax_error(source: &str, parsed: &Parsed<ModModule>) -> Option<SourceError> {
    let error = parsed.errors().first()?;
    let index = LineIndex::from_source_text(source);
    let location = index.line_column(error.location.start(), source);
    Some(SourceError::Syntax {
        line: location.line.get(),
        column: location.column.get(),
        message: error.error.to_string(),
    })
}

/// The message CPython gives for [`crate::indentation::tab_error`].
const TAB_ERROR: &str = "inconsistent use of tabs and spaces in indentation";

/// Parses once; a file with a syntax error, or with indentation that
/// CPython refuses, is an error, located.
fn parse_valid(source: &str) -> Result<Parsed<ModModule>, SourceError> {
    if crate::nesting::too_many_brackets(source) {
        return Err(SourceError::TooDeep);
    }
    let parsed =
        ruff_python_parser::parse_unchecked_source(source, ruff_python_ast::PySourceType::Python);
    if crate::nesting::too_deep(parsed.syntax()) {
        // Dropping the tree recurses once per level too: leave it.
        std::mem::forget(parsed);
        return Err(SourceError::TooDeep);
    }
    if let Some(error) = syntax_error(source, &parsed) {
        return Err(error);
    }
    if let Some(at) = crate::indentation::tab_error(source, parsed.tokens()) {
        let index = LineIndex::from_source_text(source);
        let location = index.line_column(at, source);
        return Err(SourceError::Syntax {
            line: location.line.get(),
            column: location.column.get(),
            message: TAB_ERROR.to_string(),
        });
    }
    Ok(parsed)
}

/// The summaries of a module's functions (see [`crate::summary`]); `None`
/// when it does not parse.
pub fn summarize_source(source: &str, path: &Path) -> Option<crate::summary::ModuleSummaries> {
    let parsed = parse_valid(source).ok()?;
    let suppressions = Suppressions::new(source, parsed.tokens());
    let settings = Settings::default();
    Some(
        Checker::new(source, &parsed, &settings, &suppressions)
            .at_path(Some(path))
            .summaries(),
    )
}

/// Findings in `source`, suppressed ones left out. Parsing and checking
/// recurse once per level of nesting: call it on a thread with a deep stack
/// (the CLI's workers have 256 MiB) for files that nest thousands deep.
pub fn check_source(source: &str, settings: &Settings) -> Result<Vec<Diagnostic>, SourceError> {
    check_source_at(source, settings, None)
}

/// [`check_source`] for the file at `path`: calls into the file's package
/// are followed through the package's own modules.
pub fn check_source_at(
    source: &str,
    settings: &Settings,
    path: Option<&Path>,
) -> Result<Vec<Diagnostic>, SourceError> {
    let parsed = parse_valid(source)?;
    Ok(check_parsed(source, &parsed, settings, path))
}

fn check_parsed(
    source: &str,
    parsed: &Parsed<ModModule>,
    settings: &Settings,
    path: Option<&Path>,
) -> Vec<Diagnostic> {
    let suppressions = Suppressions::new(source, parsed.tokens());
    let diagnostics = Checker::new(source, parsed, settings, &suppressions)
        .at_path(path)
        .run();
    if diagnostics.is_empty() {
        return diagnostics;
    }
    let (suppressed, mut diagnostics): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
        .into_iter()
        .partition(|d| suppressions.is_suppressed(d.rule, d.start(), d.stmt_start));
    for d in &mut diagnostics {
        // Lossless: a comment inside replaced code survives the fix.
        if let Some(fix) = d.fix.take() {
            d.fix = keep_comments(source, parsed, d.stmt_start, fix);
            if d.fix.is_none() {
                d.drop_fix(NoFix::DropsComment);
            }
        }
    }
    // Suppressions are a contract: no fix may change a suppressed line.
    for d in &mut diagnostics {
        if d.fix
            .as_ref()
            .is_some_and(|fix| changes_a_suppressed_line(source, fix, &suppressed))
        {
            d.drop_fix(NoFix::ChangesSuppressedLine);
        }
    }
    diagnostics.sort_by_key(|d| (d.range.start(), d.rule));
    if let Some(known) = &settings.baseline {
        crate::baseline::drop_known(source, &mut diagnostics, known);
    }
    diagnostics
}

/// The start of the comment-only lines directly above the line at
/// `line_start` (`line_start` itself when there are none).
fn comment_lines_above(source: &str, line_start: TextSize) -> TextSize {
    let mut start = line_start;
    while start > TextSize::ZERO {
        let before = &source[..start.to_usize()];
        let end = TextSize::of(
            before
                .strip_suffix("\r\n")
                .or_else(|| before.strip_suffix(['\n', '\r']))
                .unwrap_or(before),
        );
        let prev = source.line_start(end);
        if !source[TextRange::new(prev, end)]
            .trim_start()
            .starts_with('#')
        {
            break;
        }
        start = prev;
    }
    start
}

/// Whether an edit of `fix` changes the text of a line that holds a
/// suppressed finding. Moving the line unchanged (re-indented inside a new
/// block) is not a change; adding lines before or after it is not either.
fn changes_a_suppressed_line(source: &str, fix: &Fix, suppressed: &[Diagnostic]) -> bool {
    suppressed.iter().any(|s| {
        let lines = TextRange::new(source.line_start(s.start()), source.line_end(s.end()));
        let text = source[lines].trim_start();
        // The comment lines right above the statement may carry the
        // suppression: nothing may come between them and it.
        let stmt_line = source.line_start(s.stmt_start);
        let comments_start = comment_lines_above(source, stmt_line);
        fix.edits().iter().any(|edit| {
            if comments_start < edit.start() && edit.start() <= stmt_line {
                return true;
            }
            let touches = if edit.range().is_empty() {
                lines.start() < edit.start() && edit.start() < lines.end()
            } else {
                edit.start() < lines.end() && lines.start() < edit.end()
            };
            touches && !edit.content().unwrap_or_default().contains(text)
        })
    })
}

impl Ranged for Diagnostic {
    fn range(&self) -> ruff_text_size::TextRange {
        self.range
    }
}

/// The outcome of fixing one source text.
#[derive(Debug)]
pub struct FixedSource {
    /// The text after every applicable fix.
    pub source: String,
    /// The findings of the original text, each with what became of it.
    pub findings: Vec<(Diagnostic, FixStatus)>,
    /// Findings left in the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Number of fixes applied, per rule.
    pub fixed: BTreeMap<Rule, usize>,
    /// False when fixing stopped after [`MAX_ROUNDS`] with fixes left.
    pub converged: bool,
}

/// The status a finding gets under `settings`.
pub fn fix_status(diagnostic: &Diagnostic, settings: &Settings) -> FixStatus {
    match diagnostic.applicability() {
        None => FixStatus::NoFix,
        Some(Applicability::Safe) => FixStatus::Fixed,
        Some(Applicability::Unsafe) if settings.unsafe_fixes => FixStatus::Fixed,
        Some(Applicability::Unsafe) => FixStatus::UnsafeFixAvailable,
        Some(Applicability::DisplayOnly) => FixStatus::DisplayOnly,
    }
}

/// Applies every applicable fix, re-parsing and re-checking until nothing
/// is left to fix. A round that breaks the syntax reverts the whole file.
pub fn fix_source(source: &str, settings: &Settings) -> Result<FixedSource, SourceError> {
    fix_source_at(source, settings, None)
}

/// [`fix_source`] for the file at `path` (see [`check_source_at`]).
pub fn fix_source_at(
    source: &str,
    settings: &Settings,
    path: Option<&Path>,
) -> Result<FixedSource, SourceError> {
    let parsed = parse_valid(source)?;
    let original = check_parsed(source, &parsed, settings, path);
    let mut current = source.to_string();
    let mut diagnostics = original.clone();
    let mut fixed: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut converged = false;
    for _ in 0..MAX_ROUNDS {
        let applicable: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.fix.is_some() && fix_status(d, settings) == FixStatus::Fixed)
            .collect();
        let applied = apply_fixes(
            &current,
            applicable
                .iter()
                .filter_map(|d| d.fix.as_ref().map(|f| (d.rule, f))),
        );
        if applied.rules.is_empty() {
            converged = true;
            break;
        }
        let removals: Vec<&ImportRemoval> = applied
            .indices
            .iter()
            .flat_map(|&i| &applicable[i].import_removals)
            .collect();
        let parsed = parse_module(&applied.source).map_err(|e| e.error.to_string());
        // The imports the round's fixes stopped using go in the same round.
        let (text, parsed) = match parsed {
            Ok(parsed) => match remove_unused_imports(&parsed, &applied.source, &removals) {
                Some(cleaned) => {
                    let parsed = parse_module(&cleaned).map_err(|e| e.error.to_string());
                    (cleaned, parsed)
                }
                None => (applied.source, Ok(parsed)),
            },
            Err(message) => (applied.source, Err(message)),
        };
        let parsed =
            parsed.and_then(
                |parsed| match crate::indentation::tab_error(&text, parsed.tokens()) {
                    Some(_) => Err(TAB_ERROR.to_string()),
                    None => Ok(parsed),
                },
            );
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(message) => {
                let mut rules: Vec<&str> = applied.rules.iter().map(|r| r.code()).collect();
                rules.sort_unstable();
                rules.dedup();
                return Err(SourceError::FixBrokeSyntax {
                    rules: rules.join(", "),
                    message,
                });
            }
        };
        for rule in &applied.rules {
            *fixed.entry(*rule).or_default() += 1;
        }
        diagnostics = check_parsed(&text, &parsed, settings, path);
        current = text;
    }
    let findings = original
        .into_iter()
        .map(|d| {
            let status = fix_status(&d, settings);
            (d, status)
        })
        .collect();
    Ok(FixedSource {
        source: current,
        findings,
        remaining: diagnostics,
        fixed,
        converged,
    })
}
