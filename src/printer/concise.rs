//! `--output-format concise`: one line per finding,
//! `path:line:col: CODE [*] message` (`[*]`: it has a fix).

use std::fmt::Write as _;

use ruff_source_file::{LineColumn, LineIndex};
use ruff_text_size::Ranged;

use crate::diagnostic::Diagnostic;

use super::INVALID_SYNTAX;

/// A finding's one line (without its newline): also the header of the
/// full format's snippet.
pub(super) fn head(path: &str, location: &LineColumn, diagnostic: &Diagnostic) -> String {
    let fixable = if diagnostic.fix.is_some() { "[*] " } else { "" };
    format!(
        "{path}:{}:{}: {} {fixable}{}",
        location.line,
        location.column,
        diagnostic.rule.code(),
        diagnostic.message
    )
}

/// The findings of one file.
pub(super) fn findings<'d>(
    path: &str,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) -> String {
    let mut out = String::new();
    let index = LineIndex::from_source_text(source);
    for diagnostic in diagnostics {
        let location = index.line_column(diagnostic.start(), source);
        let _ = writeln!(out, "{}", head(path, &location, diagnostic));
    }
    out
}

/// A file that does not parse, as one finding without a fix.
pub(super) fn invalid_syntax(path: &str, (line, column): (usize, usize), message: &str) -> String {
    let (code, name) = INVALID_SYNTAX;
    format!("{path}:{line}:{column}: {code} {name}: {message}\n")
}
