//! `--output-format github`: GitHub Actions workflow commands, which
//! annotate the pull request (`::warning` per finding, `::error` for a
//! file that does not parse).

use std::fmt::Write as _;

use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

use crate::diagnostic::Diagnostic;

use super::INVALID_SYNTAX;

/// The findings of one file, one command each.
pub(super) fn findings<'d>(
    path: &str,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) -> String {
    let mut out = String::new();
    let index = LineIndex::from_source_text(source);
    for diagnostic in diagnostics {
        let location = index.line_column(diagnostic.start(), source);
        let end = index.line_column(diagnostic.end(), source);
        let _ = writeln!(
            out,
            "::warning title=tempsafe {code},file={},line={},col={},endLine={},endColumn={}::{code} {}",
            property(path),
            location.line,
            location.column,
            end.line,
            end.column,
            message(&diagnostic.message),
            code = diagnostic.rule.code(),
        );
    }
    out
}

/// A file that does not parse, as one error.
pub(super) fn invalid_syntax(path: &str, (line, column): (usize, usize), text: &str) -> String {
    let code = INVALID_SYNTAX.0;
    format!(
        "::error title=tempsafe {code},file={},line={line},col={column}::{code} {}\n",
        property(path),
        message(&format!("invalid syntax: {text}")),
    )
}

/// A value in a workflow command's properties: `%`, CR, LF, `:` and `,`
/// would end or split it.
fn property(value: &str) -> String {
    message(value).replace(':', "%3A").replace(',', "%2C")
}

/// A workflow command's message: `%`, CR and LF escaped.
fn message(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
