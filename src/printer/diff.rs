//! The unified diff of a fix: what `--diff` and `fix --dry-run` print, a
//! patch that `git apply` and `patch -p1` accept.

use std::fmt::Write as _;

/// A unified diff that `git apply` and `patch -p1` accept.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    use similar::{DiffOp, DiffTag};
    // An absolute path loses its leading `/`: `patch -p1` from `/` applies it.
    let path = path.trim_start_matches('/');
    let old_lines = lines(old);
    let new_lines = lines(new);
    // Patience anchors on unique lines: near-linear on code with many small
    // changes, where plain Myers is quadratic. The deadline bounds the rest.
    // (similar's `TextDiff` also compacts the hunks, which is quadratic in
    // their number: a generated file with 30,000 fixes took minutes.)
    let mut capture = similar::algorithms::Capture::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let Ok(()) = similar::algorithms::patience::diff_deadline(
        &mut capture,
        &old_lines,
        0..old_lines.len(),
        &new_lines,
        0..new_lines.len(),
        Some(deadline),
    );
    let groups = similar::group_diff_ops(merge_runs(capture.into_ops()), 3);
    if groups.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "--- {}\n+++ {}\n",
        header_name("a/", path),
        header_name("b/", path)
    );
    for group in &groups {
        let (first, last) = (group[0], group[group.len() - 1]);
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            HunkRange(first.old_range().start, last.old_range().end),
            HunkRange(first.new_range().start, last.new_range().end),
        );
        for op in group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let (removed, added) = match tag {
                DiffTag::Equal => (&old_lines[old_range], &[][..]),
                DiffTag::Delete => (&old_lines[old_range], &[][..]),
                DiffTag::Insert => (&[][..], &new_lines[new_range]),
                DiffTag::Replace => (&old_lines[old_range], &new_lines[new_range]),
            };
            let sign = if matches!(op, DiffOp::Equal { .. }) {
                ' '
            } else {
                '-'
            };
            for (sign, line) in removed
                .iter()
                .map(|line| (sign, line))
                .chain(added.iter().map(|line| ('+', line)))
            {
                out.push(sign);
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// A file name in a `---`/`+++` line, as git writes it: in double quotes
/// with C escapes (prefix inside) when it holds a quote, a backslash or a
/// control character; followed by a tab when it holds a space, so that
/// `patch` takes the whole name.
fn header_name(prefix: &str, path: &str) -> String {
    let needs_quotes = path
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_ascii_control());
    if !needs_quotes {
        let tab = if path.contains(' ') { "\t" } else { "" };
        return format!("{prefix}{path}{tab}");
    }
    let mut quoted = format!("\"{prefix}");
    for c in path.chars() {
        match c {
            '\x07' => quoted.push_str("\\a"),
            '\x08' => quoted.push_str("\\b"),
            '\t' => quoted.push_str("\\t"),
            '\n' => quoted.push_str("\\n"),
            '\x0b' => quoted.push_str("\\v"),
            '\x0c' => quoted.push_str("\\f"),
            '\r' => quoted.push_str("\\r"),
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_ascii_control() => {
                let _ = write!(quoted, "\\{:03o}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Joins adjacent ops of the same kind: patience emits one unchanged run
/// per anchor (hunks are only split at one long run), and a change may come
/// as an insert then a replace; as one change it prints all `-` lines
/// before all `+` lines.
fn merge_runs(ops: Vec<similar::DiffOp>) -> Vec<similar::DiffOp> {
    use similar::DiffOp;
    let mut merged: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        let Some(last) = merged.last_mut() else {
            merged.push(op);
            continue;
        };
        let both_equal = matches!(last, DiffOp::Equal { .. }) && matches!(op, DiffOp::Equal { .. });
        let both_changes =
            !matches!(last, DiffOp::Equal { .. }) && !matches!(op, DiffOp::Equal { .. });
        if !(both_equal || both_changes) {
            merged.push(op);
            continue;
        }
        let (old, new) = (last.old_range(), last.new_range());
        let (old_end, new_end) = (op.old_range().end, op.new_range().end);
        *last = match (both_equal, old_end - old.start, new_end - new.start) {
            (true, len, _) => DiffOp::Equal {
                old_index: old.start,
                new_index: new.start,
                len,
            },
            (false, old_len, 0) => DiffOp::Delete {
                old_index: old.start,
                old_len,
                new_index: new.start,
            },
            (false, 0, new_len) => DiffOp::Insert {
                old_index: old.start,
                new_index: new.start,
                new_len,
            },
            (false, old_len, new_len) => DiffOp::Replace {
                old_index: old.start,
                old_len,
                new_index: new.start,
                new_len,
            },
        };
    }
    merged
}

/// The lines of `text` as git and `patch` see them: each ends with `\n`
/// (a lone `\r` is part of the line, so a file with old Mac line endings is
/// one line, and its patch still applies).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A hunk's line range as unified diffs write it: `start,len`, just `start`
/// for one line, and the line before for an empty range.
struct HunkRange(usize, usize);

impl std::fmt::Display for HunkRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.1 - self.0;
        match len {
            1 => write!(f, "{}", self.0 + 1),
            0 => write!(f, "{},0", self.0),
            _ => write!(f, "{},{}", self.0 + 1, len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn diff_hunks_with_context_and_headers() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 2\n", "line two\n")
            .replace("line 15\n", "");
        assert_eq!(
            unified_diff("/abs/m.py", &old, &new),
            "--- a/abs/m.py\n+++ b/abs/m.py\n\
             @@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n\
             @@ -12,7 +12,6 @@\n line 12\n line 13\n line 14\n-line 15\n line 16\n line 17\n line 18\n"
        );
        assert_eq!(unified_diff("m.py", &old, &old), "");
    }

    #[test]
    fn diff_marks_a_missing_final_newline_and_keeps_crlf() {
        assert_eq!(
            unified_diff("m.py", "a\r\nb", "a\r\nc\r\n"),
            "--- a/m.py\n+++ b/m.py\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\r\n"
        );
        assert_eq!(
            unified_diff("m.py", "", "x\n"),
            "--- a/m.py\n+++ b/m.py\n@@ -0,0 +1 @@\n+x\n"
        );
        // Lone-CR line endings: one line to git and `patch`, as in the file.
        assert_eq!(
            unified_diff("m.py", "a\rb\r", "a\rc\r"),
            "--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-a\rb\r\n\\ No newline at end of file\n+a\rc\r\n\\ No newline at end of file\n"
        );
    }

    /// Many separate changes, each its own hunk (patience emits one
    /// unchanged run per anchor line: they must be joined).
    #[test]
    fn diff_of_many_changes_has_one_hunk_each() {
        let old: String = (0..5_000).map(|i| format!("x{i} = {i}\n")).collect();
        let new: String = (0..5_000)
            .map(|i| match i % 10 {
                0 => format!("x{i} = -{i}\n"),
                _ => format!("x{i} = {i}\n"),
            })
            .collect();
        let diff = unified_diff("m.py", &old, &new);
        assert_eq!(diff.matches("\n@@ ").count(), 500);
        assert!(
            diff.contains("@@ -8,7 +8,7 @@\n x7 = 7\n x8 = 8\n x9 = 9\n-x10 = 10\n+x10 = -10\n")
        );
    }
}
