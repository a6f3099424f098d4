//! Edits that several transforms make: statements added after a statement,
//! a statement removed, a fresh name, a fix from a list of edits.

use ruff_diagnostics::{Applicability, Edit, Fix};
use ruff_python_ast::ModModule;
use ruff_python_codegen::Stylist;
use ruff_python_parser::Parsed;
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::importer::stands_alone;

/// A fix of `edits` (none: no fix).
pub fn fix_from(mut edits: Vec<Edit>, applicability: Applicability) -> Option<Fix> {
    // The same import requested twice is made once.
    edits.sort_by(|a, b| (a.start(), a.end(), a.content()).cmp(&(b.start(), b.end(), b.content())));
    edits.dedup();
    if edits.is_empty() {
        return None;
    }
    let first = edits.remove(0);
    Some(Fix::applicable_edits(first, edits, applicability))
}

/// A name not used anywhere in the module, starting from `base`.
pub fn fresh_name(identifiers: &rustc_hash::FxHashSet<&str>, base: &str) -> String {
    if !identifiers.contains(base) {
        return base.to_string();
    }
    (1..)
        .map(|i| format!("{base}{i}"))
        .find(|n| !identifiers.contains(n.as_str()))
        .unwrap_or_else(|| unreachable!())
}

/// An edit that adds statements (one per line of `text`) right after the
/// statement at `range`, on lines of their own with its indentation, or
/// after a `;` when the statement shares its line.
pub fn statement_after(source: &str, stylist: &Stylist, range: TextRange, text: &str) -> Edit {
    let line_ending = stylist.line_ending().as_str();
    if !stands_alone(source, &range) {
        let inline: Vec<&str> = text.lines().collect();
        return Edit::insertion(format!("; {}", inline.join("; ")), range.end());
    }
    let line_start = source.line_start(range.start());
    let indent = &source[TextRange::new(line_start, range.start())];
    let end = source.full_line_end(range.end());
    let at_eof_without_newline =
        end == range.end() || !source[..end.to_usize()].ends_with(['\n', '\r']);
    let mut content = String::new();
    if at_eof_without_newline {
        content.push_str(line_ending);
    }
    let lines: Vec<String> = text.lines().map(|l| format!("{indent}{l}")).collect();
    content.push_str(&lines.join(line_ending));
    if !at_eof_without_newline {
        content.push_str(line_ending);
    }
    Edit::insertion(content, end)
}

/// An edit removing the statement at `range`: its whole line when it stands
/// alone (a trailing comment stays where it was), `pass` when it is the only
/// statement of its block or shares its line.
pub fn delete_statement(source: &str, parsed: &Parsed<ModModule>, range: TextRange) -> Edit {
    let only_in_block = crate::ast_util::is_only_statement_in_block(parsed.syntax(), range);
    if only_in_block || !stands_alone(source, &range) {
        return Edit::range_replacement("pass".to_string(), range);
    }
    let line_start = source.line_start(range.start());
    let line_end = source.line_end(range.end());
    let after = &source[TextRange::new(range.end(), line_end)];
    if let Some(comment) = after.find('#') {
        let comment_start = range.end() + TextSize::try_from(comment).unwrap_or_default();
        return Edit::range_deletion(TextRange::new(range.start(), comment_start));
    }
    Edit::range_deletion(TextRange::new(
        line_start,
        source.full_line_end(range.end()),
    ))
}
