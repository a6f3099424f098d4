//! Wrapping the rest of a block in `try: … finally:` without changing a
//! byte that should not change: each wrapped line gains one indent unit of
//! the file's own style (spaces or tabs), except lines that continue a
//! multi-line string; blank lines stay as they are; line endings are kept.

use ruff_diagnostics::Edit;
use ruff_python_ast::Stmt;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_codegen::Stylist;
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::importer::stands_alone;

/// A statement of the cleanup, with its nesting depth inside `finally:`.
pub type CleanupLine = (usize, String);

/// An edit that wraps `body[from..]` in `try:` / `finally:` + `cleanup`.
/// `None` when the statements do not sit on lines of their own.
pub fn wrap_rest_of_block(
    source: &str,
    tokens: &Tokens,
    stylist: &Stylist,
    body: &[Stmt],
    from: usize,
    cleanup: &[CleanupLine],
) -> Option<Edit> {
    let first = body.get(from)?;
    let last = body.last()?;
    if !stands_alone(source, first) || !stands_alone(source, last) {
        return None;
    }
    let start = source.line_start(first.start());
    let indent = &source[TextRange::new(start, first.start())];
    let end = source.full_line_end(last.end());
    let range = TextRange::new(start, end);
    let unit = stylist.indentation().as_str();
    let line_ending = stylist.line_ending().as_str();

    let protected = string_continuations(tokens, range);
    let mut out = String::with_capacity(range.len().to_usize() + 128);
    out.push_str(indent);
    out.push_str("try:");
    out.push_str(line_ending);
    let text = &source[range];
    let mut offset = start;
    for line in text.split_inclusive('\n') {
        let inside_string = protected
            .iter()
            .any(|p| p.start() < offset && offset < p.end());
        if !inside_string && !line.trim().is_empty() {
            out.push_str(unit);
        }
        out.push_str(line);
        offset += TextSize::of(line);
    }
    let ends_with_newline = text.ends_with(['\n', '\r']);
    if !ends_with_newline {
        out.push_str(line_ending);
    }
    out.push_str(indent);
    out.push_str("finally:");
    let body_indent = format!("{indent}{unit}");
    for (depth, line) in cleanup {
        out.push_str(line_ending);
        out.push_str(&body_indent);
        for _ in 0..*depth {
            out.push_str(unit);
        }
        out.push_str(line);
    }
    if ends_with_newline {
        out.push_str(line_ending);
    }
    Some(Edit::range_replacement(out, range))
}

/// Ranges of string tokens in `range` that span lines: the line starts
/// strictly inside them belong to the string's value.
fn string_continuations(tokens: &Tokens, range: TextRange) -> Vec<TextRange> {
    tokens
        .in_range(range)
        .iter()
        .filter(|t| {
            matches!(
                t.kind(),
                TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle
            )
        })
        .map(Ranged::range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn wrap(source: &str, from: usize) -> String {
        let parsed = parse_module(source).unwrap();
        let stylist = Stylist::from_tokens(parsed.tokens(), source);
        let ruff_python_ast::Stmt::FunctionDef(f) = &parsed.syntax().body[0] else {
            panic!()
        };
        let edit = wrap_rest_of_block(
            source,
            parsed.tokens(),
            &stylist,
            &f.body,
            from,
            &[(0, "cleanup()".to_string())],
        )
        .unwrap();
        let mut out = source.to_string();
        out.replace_range(
            edit.range().start().to_usize()..edit.range().end().to_usize(),
            edit.content().unwrap(),
        );
        assert!(parse_module(&out).is_ok(), "{out}");
        out
    }

    #[test]
    fn keeps_multiline_strings_and_comments() {
        let source = "def f():\n    a = 1\n    text = \"\"\"\nline\n  indented\n\"\"\"\n\n    # comment\n    if a:\n        g(a,\n          2)  # trailing\n";
        assert_eq!(
            wrap(source, 1),
            "def f():\n    a = 1\n    try:\n        text = \"\"\"\nline\n  indented\n\"\"\"\n\n        # comment\n        if a:\n            g(a,\n              2)  # trailing\n    finally:\n        cleanup()\n"
        );
    }

    #[test]
    fn tabs_crlf_and_no_final_newline() {
        let source = "def f():\r\n\ta = 1\r\n\treturn a";
        assert_eq!(
            wrap(source, 1),
            "def f():\r\n\ta = 1\r\n\ttry:\r\n\t\treturn a\r\n\tfinally:\r\n\t\tcleanup()"
        );
    }
}
