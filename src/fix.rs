//! Applying fixes to a source text, as Ruff does: sorted by their first
//! edit, left to right, skipping a fix that overlaps one already applied.
//! Identical edits (the same `import os` requested by two fixes) count once.

use rustc_hash::FxHashSet as HashSet;

use ruff_diagnostics::{Edit, Fix};
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{ModModule, Stmt};
use ruff_python_parser::Parsed;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::delete_statement;
use crate::fix_builder::ImportRemoval;
use crate::transforms::Rule;

/// The result of one round of fixing.
pub struct Applied {
    pub source: String,
    /// The rules whose fixes were applied, one entry per fix.
    pub rules: Vec<Rule>,
    /// The positions (in the order given) of the fixes applied.
    pub indices: Vec<usize>,
}

/// Applies as many of `fixes` as do not overlap; the others are left for
/// the next round.
pub fn apply_fixes<'a>(source: &str, fixes: impl IntoIterator<Item = (Rule, &'a Fix)>) -> Applied {
    let mut fixes: Vec<(usize, (Rule, &Fix))> = fixes.into_iter().enumerate().collect();
    fixes.sort_by_key(|(_, (rule, fix))| (fix.min_start(), *rule));
    let mut output = String::with_capacity(source.len() + 256);
    let mut last_pos: Option<TextSize> = None;
    let mut applied: HashSet<&Edit> = HashSet::default();
    let mut rules = Vec::new();
    let mut indices = Vec::new();
    for (index, (rule, fix)) in fixes {
        let edits: Vec<&Edit> = fix
            .edits()
            .iter()
            .filter(|edit| !applied.contains(edit))
            .collect();
        // A fix whose own edits overlap is a bug in its transform: skip it.
        if edits.windows(2).any(|w| w[0].end() > w[1].start()) {
            continue;
        }
        let Some(first) = edits.first() else {
            // Every edit was already made by another fix.
            rules.push(rule);
            indices.push(index);
            continue;
        };
        if last_pos.is_some_and(|last| last >= first.start()) {
            continue;
        }
        for edit in edits {
            let from = last_pos.unwrap_or_default();
            output.push_str(&source[from.to_usize()..edit.start().to_usize()]);
            output.push_str(edit.content().unwrap_or_default());
            last_pos = Some(edit.end());
            applied.insert(edit);
        }
        rules.push(rule);
        indices.push(index);
    }
    output.push_str(&source[last_pos.unwrap_or_default().to_usize()..]);
    Applied {
        source: output,
        rules,
        indices,
    }
}

/// Removes each `from module import member` that `removals` name and that
/// nothing in `source` (the text after a round of fixes) uses any more.
pub fn remove_unused_imports(
    parsed: &Parsed<ModModule>,
    source: &str,
    removals: &[&ImportRemoval],
) -> Option<String> {
    if removals.is_empty() {
        return None;
    }
    let uses = |name: &str| {
        parsed
            .tokens()
            .iter()
            .filter(|t| t.kind() == TokenKind::Name && &source[t.range()] == name)
            .count()
    };
    let mut edits = Vec::new();
    let mut stack: Vec<&[Stmt]> = vec![&parsed.syntax().body];
    while let Some(body) = stack.pop() {
        for stmt in body {
            stack.extend(crate::ast_util::bodies(stmt));
            let Stmt::ImportFrom(import) = stmt else {
                continue;
            };
            let Some(module) = import.module.as_ref().filter(|_| import.level == 0) else {
                continue;
            };
            let unused: Vec<usize> = import
                .names
                .iter()
                .enumerate()
                .filter(|(_, alias)| {
                    let name = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    removals.iter().any(|r| {
                        r.module == module.id.as_str()
                            && r.member == alias.name.id.as_str()
                            && r.name == name
                    }) && uses(name) == 1 // The import itself.
                })
                .map(|(i, _)| i)
                .collect();
            if unused.len() == import.names.len() {
                edits.push(delete_statement(source, parsed, stmt.range()));
            } else {
                for i in unused {
                    let names = &import.names;
                    let range = if i + 1 < names.len() {
                        TextRange::new(names[i].start(), names[i + 1].start())
                    } else {
                        TextRange::new(names[i - 1].end(), names[i].end())
                    };
                    edits.push(Edit::range_deletion(range));
                }
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(Ranged::start);
    let mut out = String::with_capacity(source.len());
    let mut last = 0;
    for edit in &edits {
        if edit.start().to_usize() < last {
            continue;
        }
        out.push_str(&source[last..edit.start().to_usize()]);
        out.push_str(edit.content().unwrap_or_default());
        last = edit.end().to_usize();
    }
    out.push_str(&source[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_text_size::TextRange;

    fn replace(start: u32, end: u32, text: &str) -> Edit {
        Edit::range_replacement(text.to_string(), TextRange::new(start.into(), end.into()))
    }

    #[test]
    fn overlapping_fix_waits_and_identical_edits_count_once() {
        let source = "abcdefghij";
        let import = Edit::insertion("X".to_string(), TextSize::from(0));
        let a = Fix::safe_edits(import.clone(), [replace(2, 4, "CD")]);
        let b = Fix::safe_edits(import, [replace(6, 7, "G")]);
        let c = Fix::safe_edit(replace(3, 5, "??"));
        let applied = apply_fixes(
            source,
            [
                (Rule::MktempCall, &a),
                (Rule::MktempCall, &b),
                (Rule::MktempCall, &c),
            ],
        );
        assert_eq!(applied.source, "XabCDefGhij");
        assert_eq!(applied.rules.len(), 2);
    }
}
