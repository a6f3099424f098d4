//! Wrapping the rest of a block in `try: … finally:`, or in a `with`
//! statement, without changing a byte that should not change: each wrapped
//! line gains one indent unit of the file's own style (spaces or tabs),
//! except lines that continue a multi-line string; blank lines stay as they
//! are; line endings are kept.

use ruff_diagnostics::Edit;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_python_codegen::Stylist;
use ruff_source_file::{LineRanges, UniversalNewlines};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::importer::stands_alone;
use crate::semantic::{ScopeId, Semantic};

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
    wrap_with(source, tokens, stylist, body, from, &[], cleanup, &[])
}

/// Like [`wrap_rest_of_block`], with `prelude` statements added before the
/// `try:` and `inner` edits (single-line replacements or whole-line
/// deletions inside the wrapped statements) applied to the wrapped text.
#[allow(clippy::too_many_arguments)]
pub fn wrap_with(
    source: &str,
    tokens: &Tokens,
    stylist: &Stylist,
    body: &[Stmt],
    from: usize,
    prelude: &[String],
    cleanup: &[CleanupLine],
    inner: &[Edit],
) -> Option<Edit> {
    let frame = Frame::TryFinally { prelude, cleanup };
    wrap_block(source, tokens, stylist, body, from, frame, inner)
}

/// An edit that puts `body[from..]` inside `header`, a `with …:` statement
/// (without indentation or line ending; continuation lines inside its
/// brackets are written as given), re-indented exactly as
/// [`wrap_with`] re-indents a `try:` body and with the same `inner` edits.
/// The header replaces nothing: an inner edit deletes the lines it takes
/// the place of.
///
/// Ex) a block that owns a temporary directory, on Python 3.10+:
/// `with tempfile.TemporaryDirectory(prefix="x_", ignore_cleanup_errors=True) as d:`
/// where the 3.9 form is `d = tempfile.mkdtemp(prefix="x_")` before
/// `try:` and `shutil.rmtree(d, ignore_errors=True)` in `finally:`.
/// `None` when the statements do not sit on lines of their own.
pub fn wrap_in_with(
    source: &str,
    tokens: &Tokens,
    stylist: &Stylist,
    body: &[Stmt],
    from: usize,
    header: &str,
    inner: &[Edit],
) -> Option<Edit> {
    wrap_block(
        source,
        tokens,
        stylist,
        body,
        from,
        Frame::With { header },
        inner,
    )
}

/// Whether `with tempfile.TemporaryDirectory(..., ignore_cleanup_errors=True)`
/// may own a directory that `stmts` use, in place of `mkdtemp()` and
/// `shutil.rmtree(d, ignore_errors=True)` in `finally:`. The two remove
/// alike what the program made with its own permissions. They part on
/// entries that `rmtree` cannot remove: CPython's cleanup resets their
/// permissions and retries, and raises when the reset is refused (an entry
/// of another user; CPython gh-135812), and before 3.12.2, 3.11.8 and
/// 3.10.14 the reset followed symbolic links (CVE-2023-6597). Such entries
/// come from permissions or owners changed, copied or extracted, from
/// entries moved in, and from other programs: statements that call any of
/// those (at any depth, by name, whatever the argument) keep `try:`.
pub fn temporary_directory_fits<'a>(
    semantic: &Semantic<'a>,
    scope: ScopeId,
    stmts: &'a [Stmt],
) -> bool {
    let mut finder = PermissionChanges {
        semantic,
        scope,
        found: false,
    };
    finder.visit_body(stmts);
    !finder.found
}

/// Finds calls that may leave entries [`temporary_directory_fits`] is
/// about.
struct PermissionChanges<'s, 'a> {
    semantic: &'s Semantic<'a>,
    scope: ScopeId,
    found: bool,
}

impl<'a> Visitor<'a> for PermissionChanges<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            let qualified = self.semantic.qualified_name(self.scope, &call.func);
            self.found |= changes_permissions(qualified.as_deref(), call);
        }
        if !self.found {
            visitor::walk_expr(self, expr);
        }
    }
}

fn changes_permissions(qualified: Option<&[&str]>, call: &ExprCall) -> bool {
    match qualified {
        // Other programs: their entries may belong to another user.
        Some(
            ["subprocess", ..]
            | [
                "asyncio",
                "create_subprocess_exec" | "create_subprocess_shell",
            ]
            | ["os", "system" | "popen" | "fork" | "forkpty"],
        ) => return true,
        Some(["os", function])
            if ["spawn", "exec", "posix_spawn"]
                .iter()
                .any(|p| function.starts_with(p)) =>
        {
            return true;
        }
        // Moved in, or copied with their permissions.
        Some(
            ["os", "rename" | "renames" | "replace"]
            | [
                "shutil",
                "move" | "copytree" | "copystat" | "copymode" | "unpack_archive",
            ],
        ) => return true,
        _ => {}
    }
    let method = match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
        _ => None,
    };
    match qualified.and_then(|q| q.last().copied()).or(method) {
        // os.chmod, Path.chmod, shutil.chown, os.umask, TarFile.extractall, ...
        Some(
            "chmod" | "lchmod" | "fchmod" | "chown" | "lchown" | "fchown" | "chflags" | "lchflags"
            | "umask" | "extract" | "extractall" | "rename",
        ) => true,
        // os.mkdir(p, 0o500), Path.mkdir(0o500), mode=...
        Some("mkdir" | "makedirs") => {
            let mode_at = if qualified.is_some_and(|q| q.first() == Some(&"os")) {
                1
            } else {
                0
            };
            call.arguments
                .find_argument_value("mode", mode_at)
                .is_some()
        }
        _ => false,
    }
}

/// What goes around the re-indented statements.
#[derive(Clone, Copy)]
enum Frame<'a> {
    /// `prelude` lines, `try:`, the statements, `finally:` and `cleanup`.
    TryFinally {
        prelude: &'a [String],
        cleanup: &'a [CleanupLine],
    },
    /// `header` (a `with …:` line), the statements.
    With { header: &'a str },
}

fn wrap_block(
    source: &str,
    tokens: &Tokens,
    stylist: &Stylist,
    body: &[Stmt],
    from: usize,
    frame: Frame,
    inner: &[Edit],
) -> Option<Edit> {
    let first = body.get(from)?;
    let last = body.last()?;
    if !stands_alone(source, first) || !stands_alone(source, last) {
        return None;
    }
    let start = source.line_start(first.start());
    // Ex) `\` alone on the line above: the statement's logical line starts
    // there, and a `try:` put between the two would join them.
    if source[..start.to_usize()]
        .trim_end_matches(['\n', '\r'])
        .ends_with('\\')
    {
        return None;
    }
    let indent = &source[TextRange::new(start, first.start())];
    let end = source.full_line_end(last.end());
    let range = TextRange::new(start, end);
    if inner.iter().any(|e| !range.contains_range(e.range())) {
        return None;
    }
    let mut sorted: Vec<&Edit> = inner.iter().collect();
    sorted.sort_by_key(|e| e.start());
    if sorted.windows(2).any(|w| w[0].end() > w[1].start()) {
        return None;
    }
    let line_ending = stylist.line_ending().as_str();
    let protected = string_continuations(tokens, range);
    let text = &source[range];
    // Which lines gain an indent unit: not blank, not inside a string.
    let mut lines: Vec<(TextSize, &str, bool)> = Vec::new();
    let mut offset = start;
    for line in text.universal_newlines() {
        let line = line.as_full_str();
        let inside_string = protected
            .iter()
            .any(|p| p.start() < offset && offset < p.end());
        lines.push((offset, line, !inside_string && !line.trim().is_empty()));
        offset += TextSize::of(line);
    }
    let unit = block_unit(
        indent,
        stylist.indentation().as_str(),
        lines.iter().filter(|l| l.2).map(|l| l.1),
    )?;

    let mut out = String::with_capacity(range.len().to_usize() + 128);
    match frame {
        Frame::TryFinally { prelude, .. } => {
            for line in prelude {
                out.push_str(indent);
                out.push_str(line);
                out.push_str(line_ending);
            }
            out.push_str(indent);
            out.push_str("try:");
        }
        Frame::With { header } => {
            out.push_str(indent);
            out.push_str(header);
        }
    }
    out.push_str(line_ending);
    let body_start = out.len();
    // Where an indent unit went in, as offsets into the original text: after
    // the block's own indentation (so a block indented with a tab keeps its
    // tab first), or at the start of a line that does not begin with it.
    let mut indented: Vec<TextSize> = Vec::new();
    for &(offset, line, indents) in &lines {
        if !indents {
            out.push_str(line);
            continue;
        }
        let prefix = if line.starts_with(indent) { indent } else { "" };
        out.push_str(prefix);
        out.push_str(unit);
        out.push_str(&line[prefix.len()..]);
        indented.push(offset + TextSize::of(prefix));
    }
    // Inner edits, last first, at their offsets in the re-indented text. An
    // edit from a line's start goes before its new indent, so a deleted line
    // takes its indent with it; one from the statement's start goes after.
    let unit_len = unit.len();
    let shifted = |at: TextSize| {
        body_start + (at - start).to_usize() + unit_len * indented.partition_point(|&p| p <= at)
    };
    let mut last_first: Vec<&Edit> = inner.iter().collect();
    last_first.sort_by_key(|e| std::cmp::Reverse(e.start()));
    for edit in last_first {
        out.replace_range(
            shifted(edit.start())..shifted(edit.end()),
            edit.content().unwrap_or_default(),
        );
    }
    // Inner edits that delete every wrapped statement leave `try:` empty.
    let deleted = |stmt: &Stmt| {
        inner.iter().any(|e| {
            e.content().is_none_or(str::is_empty) && e.range().contains_range(stmt.range())
        })
    };
    if body[from..].iter().all(deleted) {
        out.insert_str(body_start, &format!("{indent}{unit}pass{line_ending}"));
    }
    let Frame::TryFinally { cleanup, .. } = frame else {
        return Some(Edit::range_replacement(out, range));
    };
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

/// The indent unit that the wrapped lines gain after the block's
/// indentation `indent`. CPython compares indentation twice, with tabs as 8
/// columns and as 1, and refuses code where the two disagree (`TabError`):
/// the unit must move every wrapped line by the same amount under both. With
/// no tab after the block's indentation any unit does; a tab further in only
/// stays aligned behind a tab that starts at a tab stop. `None`: no unit
/// keeps the block consistent.
fn block_unit<'s>(
    indent: &str,
    file_unit: &'s str,
    lines: impl Iterator<Item = &'s str>,
) -> Option<&'s str> {
    let mut tab_inside = false;
    for line in lines {
        let rest = line.strip_prefix(indent).unwrap_or(line);
        let leading = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
        tab_inside |= leading.contains('\t');
    }
    if !tab_inside {
        // The file's unit is taken from its first indented line, which may
        // begin with a `\` continuation: then four spaces.
        let plain = !file_unit.is_empty() && file_unit.bytes().all(|b| b == b' ' || b == b'\t');
        return Some(if plain { file_unit } else { "    " });
    }
    crate::indentation::columns(indent)
        .0
        .is_multiple_of(8)
        .then_some("\t")
}

/// Ranges of strings in `range` that may span lines: plain string tokens
/// and whole f-/t-strings (a line inside one that starts with `{` or with the
/// closing quotes is part of the string's value too).
fn string_continuations(tokens: &Tokens, range: TextRange) -> Vec<TextRange> {
    let mut ranges = Vec::new();
    let mut open: Vec<TextSize> = Vec::new();
    for token in tokens.in_range(range) {
        match token.kind() {
            TokenKind::String => ranges.push(token.range()),
            TokenKind::FStringStart | TokenKind::TStringStart => open.push(token.start()),
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                if let Some(start) = open.pop()
                    && open.is_empty()
                {
                    ranges.push(TextRange::new(start, token.end()));
                }
            }
            _ => {}
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    /// [`wrap_with`] on the body of the first function in `source`.
    fn wrap_first_function(
        source: &str,
        from: usize,
        prelude: &[String],
        cleanup: &[CleanupLine],
        inner: &[Edit],
    ) -> Option<Edit> {
        let parsed = parse_module(source).unwrap();
        let stylist = Stylist::from_tokens(parsed.tokens(), source);
        let ruff_python_ast::Stmt::FunctionDef(f) = &parsed.syntax().body[0] else {
            panic!("the first statement is not a function")
        };
        wrap_with(
            source,
            parsed.tokens(),
            &stylist,
            &f.body,
            from,
            prelude,
            cleanup,
            inner,
        )
    }

    fn wrap(source: &str, from: usize) -> String {
        let edit =
            wrap_first_function(source, from, &[], &[(0, "cleanup()".to_string())], &[]).unwrap();
        let mut out = source.to_string();
        out.replace_range(
            edit.range().start().to_usize()..edit.range().end().to_usize(),
            edit.content().unwrap(),
        );
        assert!(parse_module(&out).is_ok(), "{out}");
        out
    }

    #[test]
    fn keeps_multiline_fstrings() {
        let source = "def f(port):\n    a = 1\n    text = f\"\"\"\n{port // 2} x\n  y {a}\n\"\"\"\n    return text\n";
        assert_eq!(
            wrap(source, 1),
            "def f(port):\n    a = 1\n    try:\n        text = f\"\"\"\n{port // 2} x\n  y {a}\n\"\"\"\n        return text\n    finally:\n        cleanup()\n"
        );
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
    fn prelude_and_inner_edits() {
        let source = "def f():\n    a = \"/tmp/x\"\n    os.mkdir(a)\n    g(a)\n";
        let literal = TextRange::new(17.into(), 25.into());
        assert_eq!(&source[literal], "\"/tmp/x\"");
        let mkdir_line = TextRange::new(26.into(), 42.into());
        assert_eq!(&source[mkdir_line], "    os.mkdir(a)\n");
        let edit = wrap_first_function(
            source,
            0,
            &["d = make()".to_string()],
            &[(0, "clean(d)".to_string())],
            &[
                Edit::range_replacement("d".to_string(), literal),
                Edit::range_deletion(mkdir_line),
            ],
        )
        .unwrap();
        let mut out = source.to_string();
        out.replace_range(
            edit.range().start().to_usize()..edit.range().end().to_usize(),
            edit.content().unwrap(),
        );
        assert_eq!(
            out,
            "def f():\n    d = make()\n    try:\n        a = d\n        g(a)\n    finally:\n        clean(d)\n"
        );
    }

    #[test]
    fn block_indented_with_a_tab_and_spaces_keeps_the_tab_first() {
        // The file's unit is four spaces (from `g`); the block's own
        // indentation starts with a tab, which must stay in front.
        let source = "def g():\n    pass\nif x:\n\tdef f():\n\t    a = 1\n\t    b(a)\n";
        let parsed = parse_module(source).unwrap();
        let stylist = Stylist::from_tokens(parsed.tokens(), source);
        let ruff_python_ast::Stmt::If(i) = &parsed.syntax().body[1] else {
            panic!()
        };
        let ruff_python_ast::Stmt::FunctionDef(f) = &i.body[0] else {
            panic!()
        };
        let edit = wrap_rest_of_block(
            source,
            parsed.tokens(),
            &stylist,
            &f.body,
            1,
            &[(0, "c()".to_string())],
        )
        .unwrap();
        assert_eq!(
            edit.content().unwrap(),
            "\t    try:\n\t        b(a)\n\t    finally:\n\t        c()\n"
        );
    }

    #[test]
    fn a_tab_inside_the_block_needs_a_tab_unit() {
        assert_eq!(
            block_unit("    ", "    ", ["    x\n"].into_iter()),
            Some("    ")
        );
        assert_eq!(
            block_unit("\t", "    ", ["\t\tx\n"].into_iter()),
            Some("\t")
        );
        // Behind four spaces a tab cannot move every line alike.
        assert_eq!(block_unit("    ", "    ", ["    \tx\n"].into_iter()), None);
    }

    #[test]
    fn no_wrap_after_a_backslash_continuation() {
        let source = "def f():\n    a = 1\n    \\\n    b = 2\n";
        assert!(wrap_first_function(source, 1, &[], &[], &[]).is_none());
    }

    #[test]
    fn bare_cr_line_endings() {
        assert_eq!(
            wrap("def f():\r    a = 1\r    b = 2\r    return a\r", 1),
            "def f():\r    a = 1\r    try:\r        b = 2\r        return a\r    finally:\r        cleanup()\r"
        );
    }

    #[test]
    fn every_statement_deleted_leaves_pass() {
        let source = "def f():\n    a = 1\n    os.mkdir(a)\n";
        let mkdir_line = TextRange::new(19.into(), 35.into());
        assert_eq!(&source[mkdir_line], "    os.mkdir(a)\n");
        let edit = wrap_first_function(
            source,
            1,
            &[],
            &[(0, "clean()".to_string())],
            &[Edit::range_deletion(mkdir_line)],
        )
        .unwrap();
        assert_eq!(
            edit.content().unwrap(),
            "    try:\n        pass\n    finally:\n        clean()\n"
        );
    }

    /// [`wrap_in_with`] on the body of the first function, applied.
    fn with_block(source: &str, from: usize, header: &str, inner: &[Edit]) -> String {
        let parsed = parse_module(source).unwrap();
        let stylist = Stylist::from_tokens(parsed.tokens(), source);
        let ruff_python_ast::Stmt::FunctionDef(f) = &parsed.syntax().body[0] else {
            panic!("the first statement is not a function")
        };
        let edit = wrap_in_with(
            source,
            parsed.tokens(),
            &stylist,
            &f.body,
            from,
            header,
            inner,
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

    /// The lines of the first statement of the first function, newline included.
    fn first_statement_lines(source: &str) -> TextRange {
        let parsed = parse_module(source).unwrap();
        let ruff_python_ast::Stmt::FunctionDef(f) = &parsed.syntax().body[0] else {
            panic!("the first statement is not a function")
        };
        TextRange::new(
            source.line_start(f.body[0].start()),
            source.full_line_end(f.body[0].end()),
        )
    }

    #[test]
    fn with_header_in_place_of_a_deleted_statement() {
        // TMP003's shape: the creation statement becomes the `with` line,
        // the comment below it moves into the block.
        let source =
            "def f():\n    d = make()  # why\n    # about g\n    g(d)\n\n    return h(d)\n";
        let delete = Edit::range_deletion(first_statement_lines(source));
        assert_eq!(
            with_block(source, 0, "with make() as d:  # why", &[delete]),
            "def f():\n    with make() as d:  # why\n        # about g\n        g(d)\n\n        return h(d)\n"
        );
    }

    #[test]
    fn with_header_spanning_lines_and_inner_replacements() {
        // TMP002's shape: the header comes first, a literal is replaced.
        let source = "def f():\n    a = \"/tmp/x\"\n    g(a)\n";
        let literal = TextRange::new(17.into(), 25.into());
        assert_eq!(&source[literal], "\"/tmp/x\"");
        assert_eq!(
            with_block(
                source,
                0,
                "with make(\n        \"x_\",  # kept\n    ) as d:",
                &[Edit::range_replacement("d".to_string(), literal)]
            ),
            "def f():\n    with make(\n        \"x_\",  # kept\n    ) as d:\n        a = d\n        g(a)\n"
        );
    }

    #[test]
    fn with_block_keeps_strings_tabs_crlf_and_no_final_newline() {
        let source = "def f():\r\n\td = make()\r\n\ts = \"\"\"\r\n\tkept\r\n\"\"\"\r\n\treturn s";
        let delete = Edit::range_deletion(first_statement_lines(source));
        assert_eq!(
            with_block(source, 0, "with make() as d:", &[delete]),
            "def f():\r\n\twith make() as d:\r\n\t\ts = \"\"\"\r\n\tkept\r\n\"\"\"\r\n\t\treturn s"
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
