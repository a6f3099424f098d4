//! A finding: what was found, where, and the fix for it if there is one.

use ruff_diagnostics::{Applicability, Fix};
use ruff_text_size::{TextRange, TextSize};

use crate::fix_builder::ImportRemoval;
use crate::reason::{NoFix, UnsafeBecause};
use crate::transforms::Rule;

/// One finding in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: Rule,
    /// What is wrong, in one sentence.
    pub message: String,
    pub range: TextRange,
    /// Start of the statement holding the finding: suppression comments
    /// may stand on the comment lines directly above it.
    pub stmt_start: TextSize,
    pub fix: Option<Fix>,
    /// What the fix does ("Replace with `tempfile.mkstemp()`").
    pub fix_title: Option<String>,
    /// Why there is no fix.
    pub no_fix: Option<NoFix>,
    /// Why the fix is unsafe.
    pub unsafe_because: Option<UnsafeBecause>,
    /// Imports the fix may leave unused (settled by the engine).
    pub import_removals: Vec<ImportRemoval>,
}

impl Diagnostic {
    pub fn new(rule: Rule, message: String, range: TextRange, stmt_start: TextSize) -> Self {
        Self {
            rule,
            message,
            range,
            stmt_start,
            fix: None,
            fix_title: None,
            no_fix: None,
            unsafe_because: None,
            import_removals: Vec::new(),
        }
    }

    /// The fix's applicability, if there is a fix.
    pub fn applicability(&self) -> Option<Applicability> {
        self.fix.as_ref().map(Fix::applicability)
    }
}

/// What became of a finding in a `fix` run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixStatus {
    /// The fix was applied (or would be, under `--dry-run`).
    Fixed,
    /// A fix exists but is unsafe and `--unsafe-fixes` was not given.
    UnsafeFixAvailable,
    /// A fix exists but is only shown, never applied.
    DisplayOnly,
    /// No fix: `no_fix` says why.
    NoFix,
    /// `check` only: a fix exists and `fix` would apply it. (`check` never
    /// says `fixed`: nothing was fixed.)
    SafeFixAvailable,
}

impl FixStatus {
    /// The status as reported for a run in `mode`.
    pub fn reported(self, mode: crate::runner::Mode) -> FixStatus {
        match (self, mode) {
            (FixStatus::Fixed, crate::runner::Mode::Check) => FixStatus::SafeFixAvailable,
            (status, _) => status,
        }
    }
}
