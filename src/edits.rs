//! Edits that several transforms make: statements added after a statement,
//! a statement removed, a fix from a list of edits, comments kept.

use ruff_diagnostics::{Applicability, Edit, Fix};
use ruff_python_ast::ModModule;
use ruff_python_ast::token::TokenKind;
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
    // Ex) `\` alone on the line above: deleting the line would leave the
    // continuation dangling.
    let continued = source[..source.line_start(range.start()).to_usize()]
        .trim_end_matches(['\n', '\r'])
        .ends_with('\\');
    if only_in_block || continued || !stands_alone(source, &range) {
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

/// `fix` with the comments it would drop kept: a comment inside a range an
/// edit replaces, and missing from the new text, moves to a line of its own
/// above the statement at `stmt_start`. `None` when there is no such line to
/// put it on (another edit of the fix spans it).
pub fn keep_comments(
    source: &str,
    parsed: &Parsed<ModModule>,
    stmt_start: TextSize,
    fix: Fix,
) -> Option<Fix> {
    let tokens = parsed.tokens();
    let mut dropped: Vec<&str> = Vec::new();
    for edit in fix.edits().iter().filter(|e| !e.range().is_empty()) {
        let content = edit.content().unwrap_or_default();
        dropped.extend(
            tokens
                .in_range(edit.range())
                .iter()
                .filter(|t| t.kind() == TokenKind::Comment)
                .map(|t| &source[t.range()])
                .filter(|c| !content.contains(c)),
        );
    }
    if dropped.is_empty() {
        return Some(fix);
    }
    let at = source.line_start(stmt_start);
    let indent = &source[TextRange::new(at, stmt_start)];
    if !indent.trim().is_empty() {
        return None; // the statement follows another on its line
    }
    let stylist = Stylist::from_tokens(tokens, source);
    let line_ending = stylist.line_ending().as_str();
    let lines: String = dropped
        .iter()
        .map(|c| format!("{indent}{c}{line_ending}"))
        .collect();
    let applicability = fix.applicability();
    let isolation = fix.isolation();
    let mut edits = fix.into_edits();
    if edits
        .iter()
        .any(|e| e.start() < at && at < e.end() || (e.start() == at && !e.range().is_empty()))
    {
        return None;
    }
    // After any lines the fix already adds there, right before the statement.
    match edits
        .iter()
        .position(|e| e.range().is_empty() && e.start() == at)
    {
        Some(i) => {
            let content = format!("{}{lines}", edits[i].content().unwrap_or_default());
            edits[i] = Edit::insertion(content, at);
        }
        None => edits.push(Edit::insertion(lines, at)),
    }
    edits.sort_by_key(Ranged::start);
    let first = edits.remove(0);
    Some(Fix::applicable_edits(first, edits, applicability).isolate(isolation))
}
