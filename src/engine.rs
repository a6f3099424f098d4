//! Checking and fixing one source text: parse, visit, filter suppressed
//! findings, apply fixes and re-parse until nothing is left to fix.

use std::collections::BTreeMap;

use ruff_diagnostics::Applicability;
use ruff_python_ast::ModModule;
use ruff_python_parser::{Parsed, parse_module};
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, FixStatus};
use crate::fix::apply_fixes;
use crate::settings::Settings;
use crate::suppression::Suppressions;
use crate::transforms::{Rule, mktemp_call};

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

/// Parses once; a file with a syntax error is an error, located.
fn parse_valid(source: &str) -> Result<Parsed<ModModule>, SourceError> {
    let parsed =
        ruff_python_parser::parse_unchecked_source(source, ruff_python_ast::PySourceType::Python);
    match syntax_error(source, &parsed) {
        Some(error) => Err(error),
        None => Ok(parsed),
    }
}

/// Findings in `source`, suppressed ones left out.
pub fn check_source(source: &str, settings: &Settings) -> Result<Vec<Diagnostic>, SourceError> {
    let parsed = parse_valid(source)?;
    Ok(check_parsed(source, &parsed, settings))
}

fn check_parsed(source: &str, parsed: &Parsed<ModModule>, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = Checker::new(source, parsed, settings).run();
    if diagnostics.is_empty() {
        return diagnostics;
    }
    let suppressions = Suppressions::new(source, parsed.tokens());
    diagnostics.retain(|d| !suppressions.is_suppressed(d.rule, d.start(), d.stmt_start));
    diagnostics.sort_by_key(|d| (d.range.start(), d.rule));
    if let Some(known) = &settings.baseline {
        crate::baseline::drop_known(source, &mut diagnostics, known);
    }
    diagnostics
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
    let parsed = parse_valid(source)?;
    let original = check_parsed(source, &parsed, settings);
    let mut current = source.to_string();
    let mut diagnostics = original.clone();
    let mut fixed: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut converged = false;
    for _ in 0..MAX_ROUNDS {
        let applicable = diagnostics
            .iter()
            .filter(|d| fix_status(d, settings) == FixStatus::Fixed)
            .filter_map(|d| d.fix.as_ref().map(|f| (d.rule, f)));
        let applied = apply_fixes(&current, applicable);
        if applied.rules.is_empty() {
            converged = true;
            break;
        }
        let parsed = parse_module(&applied.source);
        let Ok(parsed) = parsed else {
            let mut rules: Vec<&str> = applied.rules.iter().map(|r| r.code()).collect();
            rules.sort_unstable();
            rules.dedup();
            let message = parsed
                .err()
                .map(|e| e.error.to_string())
                .unwrap_or_default();
            return Err(SourceError::FixBrokeSyntax {
                rules: rules.join(", "),
                message,
            });
        };
        for rule in &applied.rules {
            *fixed.entry(*rule).or_default() += 1;
        }
        current = applied.source;
        diagnostics = check_parsed(&current, &parsed, settings);
    }
    if current != source
        && let Some(cleaned) = mktemp_call::remove_unused_imports(&parsed, source, &current)
        && let Ok(parsed) = parse_module(&cleaned)
    {
        diagnostics = check_parsed(&cleaned, &parsed, settings);
        current = cleaned;
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
