//! Applying fixes to a source text, as Ruff does: sorted by their first
//! edit, left to right, skipping a fix that overlaps one already applied.
//! Identical edits (the same `import os` requested by two fixes) count once.

use rustc_hash::FxHashSet as HashSet;

use ruff_diagnostics::{Edit, Fix};
use ruff_text_size::{Ranged, TextSize};

use crate::transforms::Rule;

/// The result of one round of fixing.
pub struct Applied {
    pub source: String,
    /// The rules whose fixes were applied, one entry per fix.
    pub rules: Vec<Rule>,
}

/// Applies as many of `fixes` as do not overlap; the others are left for
/// the next round.
pub fn apply_fixes<'a>(source: &str, fixes: impl IntoIterator<Item = (Rule, &'a Fix)>) -> Applied {
    let mut fixes: Vec<(Rule, &Fix)> = fixes.into_iter().collect();
    fixes.sort_by_key(|(rule, fix)| (fix.min_start(), *rule));
    let mut output = String::with_capacity(source.len() + 256);
    let mut last_pos: Option<TextSize> = None;
    let mut applied: HashSet<&Edit> = HashSet::default();
    let mut rules = Vec::new();
    for (rule, fix) in fixes {
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
    }
    output.push_str(&source[last_pos.unwrap_or_default().to_usize()..]);
    Applied {
        source: output,
        rules,
    }
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
