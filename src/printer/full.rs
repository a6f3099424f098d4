//! `--output-format text` (the default): each finding with its source
//! lines, the span labelled with the fix or why there is none, and help.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

use crate::diagnostic::Diagnostic;

use super::{INVALID_SYNTAX, concise, reason_text};

/// The findings of one file.
pub(super) fn findings<'d>(
    path: &str,
    source: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    color: bool,
) -> String {
    let mut out = String::new();
    let index = LineIndex::from_source_text(source);
    for diagnostic in diagnostics {
        let location = index.line_column(diagnostic.start(), source);
        let head = concise::head(path, &location, diagnostic);
        let first_line = location
            .line
            .to_zero_indexed()
            .saturating_sub(Window::CONTEXT);
        let _ = writeln!(
            out,
            "{}",
            render_snippet(path, source, diagnostic, &head, color, (&index, first_line))
        );
    }
    out
}

/// A file that does not parse, as one finding without a fix.
pub(super) fn invalid_syntax(path: &str, (line, column): (usize, usize), message: &str) -> String {
    let (code, name) = INVALID_SYNTAX;
    format!(
        "{path}:{line}:{column}: {code} {name}: {message}\n  help: tempsafe parses Python 3; the file is reported and left as it is\n"
    )
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
    let reason = reason_text(diagnostic);
    let reason = reason.as_deref();
    let label = match (&diagnostic.fix_title, reason) {
        (Some(title), _) => title.clone(),
        (None, Some(note)) => format!("no fix: {note}"),
        (None, None) => "no fix".to_string(),
    };
    let mut help = Vec::new();
    if let (Some(_), Some(note)) = (&diagnostic.fix_title, reason) {
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
