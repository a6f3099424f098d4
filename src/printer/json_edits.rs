//! Edits in the JSON report, in Ruff's shape (`content`, `location`,
//! `end_location`, rows and columns from 1, columns in characters): each
//! finding's own fix, and per changed file the edits that turn it into
//! exactly what `fix` writes (`scripts/apply-json-edits.py` applies them).

use ruff_diagnostics::Fix;
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;
use serde::Serialize;

/// A position: row and column from 1, the column counted in characters.
#[derive(Debug, Serialize)]
pub struct Location {
    pub row: usize,
    pub column: usize,
}

/// Replace the text from `location` up to `end_location` with `content`.
#[derive(Debug, Serialize)]
pub struct JsonEdit {
    pub content: String,
    pub location: Location,
    pub end_location: Location,
}

/// A finding's fix.
#[derive(Debug, Serialize)]
pub struct JsonFix {
    pub applicability: &'static str,
    pub message: Option<String>,
    pub edits: Vec<JsonEdit>,
}

/// A finding's fix with its edits located in `source`.
pub fn fix(fix: &Fix, title: Option<&str>, source: &str, index: &LineIndex) -> JsonFix {
    let at = |offset| {
        let l = index.line_column(offset, source);
        Location {
            row: l.line.get(),
            column: l.column.get(),
        }
    };
    JsonFix {
        applicability: match fix.applicability() {
            ruff_diagnostics::Applicability::Safe => "safe",
            ruff_diagnostics::Applicability::Unsafe => "unsafe",
            ruff_diagnostics::Applicability::DisplayOnly => "display-only",
        },
        message: title.map(str::to_string),
        edits: fix
            .edits()
            .iter()
            .map(|e| JsonEdit {
                content: e.content().unwrap_or_default().to_string(),
                location: at(e.start()),
                end_location: at(e.end()),
            })
            .collect(),
    }
}

/// The lines of `text`, each with its `\n` (a row is what ends in `\n`).
fn rows(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// Whole-line edits that turn `old` into `new`, in order. Rows split at
/// `\n` only, so a script can find them with `str.split`.
pub fn file_edits(old: &str, new: &str) -> Vec<JsonEdit> {
    use similar::{DiffTag, capture_diff_slices_deadline};
    let (old_rows, new_rows) = (rows(old), rows(new));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let ops = capture_diff_slices_deadline(
        similar::Algorithm::Patience,
        &old_rows,
        &new_rows,
        Some(deadline),
    );
    let mut edits: Vec<JsonEdit> = Vec::new();
    let mut last_end: Option<usize> = None;
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let content: String = new_rows[new_range].concat();
        // Adjacent changes (a delete then an insert) become one edit.
        if let Some(last) = edits
            .last_mut()
            .filter(|_| last_end == Some(old_range.start))
        {
            last.content.push_str(&content);
            last.end_location.row = old_range.end + 1;
        } else {
            edits.push(JsonEdit {
                content,
                location: Location {
                    row: old_range.start + 1,
                    column: 1,
                },
                end_location: Location {
                    row: old_range.end + 1,
                    column: 1,
                },
            });
        }
        last_end = Some(old_range.end);
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the apply script does, in Rust: the edits give back `new`.
    fn apply(old: &str, edits: &[JsonEdit]) -> String {
        let rows = rows(old);
        let offset = |row: usize| rows[..(row - 1).min(rows.len())].concat().len();
        let mut out = old.to_string();
        for e in edits.iter().rev() {
            out.replace_range(
                offset(e.location.row)..offset(e.end_location.row),
                &e.content,
            );
        }
        out
    }

    #[test]
    fn file_edits_rebuild_the_new_text() {
        for (old, new) in [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc", "a\nc"),
            ("", "x\n"),
            ("a\n", ""),
            ("a\nb\r\nc\n", "z\na\nb\r\nc\nd"),
        ] {
            assert_eq!(apply(old, &file_edits(old, new)), new, "{old:?} -> {new:?}");
        }
    }
}
