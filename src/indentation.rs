//! CPython's rule for tabs and spaces in indentation, which ruff's parser
//! does not apply: each logical line's indentation is measured twice, with
//! a tab as 8 columns and as 1, and the two measures must order the lines
//! the same way, or CPython refuses the file with `TabError`.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

/// The columns of the whitespace `indent`: with tabs of 8 and of 1.
pub fn columns(indent: &str) -> (usize, usize) {
    let (mut col, mut alt) = (0, 0);
    for c in indent.chars() {
        match c {
            ' ' => {
                col += 1;
                alt += 1;
            }
            '\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            // A form feed resets the count, as in CPython's tokenizer.
            '\x0c' => (col, alt) = (0, 0),
            _ => break,
        }
    }
    (col, alt)
}

/// The start of the first logical line whose indentation CPython refuses
/// as an inconsistent use of tabs and spaces, if any.
pub fn tab_error(source: &str, tokens: &Tokens) -> Option<TextSize> {
    // A file without tabs in it cannot mix them.
    if !source.contains('\t') {
        return None;
    }
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    let mut line_start = true;
    for token in tokens {
        match token.kind() {
            TokenKind::Newline => {
                line_start = true;
                continue;
            }
            TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::Comment
            | TokenKind::NonLogicalNewline => continue,
            _ if !line_start => continue,
            _ => line_start = false,
        }
        let start = source.line_start(token.start());
        let (col, alt) = columns(&source[TextRange::new(start, token.start())]);
        let &(top, top_alt) = stack.last()?;
        if col > top {
            if alt <= top_alt {
                return Some(start);
            }
            stack.push((col, alt));
            continue;
        }
        while stack.len() > 1 && stack.last().is_some_and(|&(c, _)| col < c) {
            stack.pop();
        }
        if stack.last().is_some_and(|&(c, a)| c == col && a != alt) {
            return Some(start);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(source: &str) -> bool {
        let parsed = ruff_python_parser::parse_module(source).unwrap();
        tab_error(source, parsed.tokens()).is_some()
    }

    #[test]
    fn agrees_with_cpython() {
        // Refused by CPython with TabError: the `try` body measures the same
        // as `try:` with tabs of 8, deeper with tabs of 1.
        let source =
            "if x:\n\tdef f():\n\t    try:\n    \t    a = 1\n\t    finally:\n\t        pass\n";
        assert!(refused(source), "{source:?}");
        for source in [
            "if x:\n\tdef f():\n\t    pass\n",
            "if x:\n\tdef f():\n    \t    pass\n",
            "if x:\n\tdef f():\n\t        pass\n",
            "if x:\n    a = (1,\n\t2)\n",
            "if x:\n\ta = 1\n\n\t# comment\n\tb = 2\n",
            "x = 1\n",
        ] {
            assert!(!refused(source), "{source:?}");
        }
    }
}
