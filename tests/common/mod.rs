//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The path of the built `tempsafe` binary.
pub fn tempsafe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tempsafe"))
}

/// Fixing keeps the file's shape: line endings, BOM, final newline.
pub fn assert_lossless_shape(before: &str, after: &str, name: &str) {
    assert_eq!(
        before.starts_with('\u{feff}'),
        after.starts_with('\u{feff}'),
        "{name}: BOM changed"
    );
    assert_eq!(
        before.ends_with('\n'),
        after.ends_with('\n'),
        "{name}: final newline changed"
    );
    let crlf_only = |s: &str| s.contains("\r\n") && !s.replace("\r\n", "").contains('\n');
    if crlf_only(before) {
        assert!(
            crlf_only(after),
            "{name}: a bare LF was added to a CRLF file"
        );
    }
}

/// Every text is accepted by CPython's `compile()` (one python3 for all of
/// them): stricter than parsing, it refuses inconsistent tabs and spaces
/// and nesting too deep for the interpreter.
pub fn assert_python_parses(sources: &[(String, String)]) {
    if sources.is_empty() {
        return;
    }
    let script = "import ast, json, sys\nbad = []\nfor name, src in json.load(sys.stdin):\n    try:\n        compile(src.lstrip('\\ufeff'), name, 'exec', dont_inherit=True)\n    except (SyntaxError, RecursionError, MemoryError) as e:\n        bad.append(f'{name}: {e}')\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let payload = serde_json::to_vec(sources).unwrap();
    child.stdin.take().unwrap().write_all(&payload).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "fixed code is refused by python3:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// Copies a directory tree (files only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Findings of `after` that `before` did not have: what a fix created.
/// Findings are matched by code and flagged text, since lines move.
///
/// One kind is carried over, not created: a `mktemp()` name that the
/// program did not remove, or removed only when nothing failed, becomes a
/// `mkstemp()`/`mkdtemp()` object that it still treats so (a TMP003
/// finding left unfixed). The original leaked the same file under a random
/// name; at most one such finding is excused per TMP001 finding of
/// `before`.
pub fn created_findings(before: &str, after: &str, settings: &tempsafe::Settings) -> Vec<String> {
    let findings = |source: &str| tempsafe::check_source(source, settings).unwrap_or_default();
    let key = |source: &str, d: &tempsafe::Diagnostic| {
        let text = &source[d.range.start().to_usize()..d.range.end().to_usize()];
        format!("{} `{text}`", d.rule.code())
    };
    let old = findings(before);
    let mut carried_over = old
        .iter()
        .filter(|d| d.rule == tempsafe::Rule::MktempCall)
        .count();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for d in &old {
        *counts.entry(key(before, d)).or_default() += 1;
    }
    let mut created = Vec::new();
    for d in findings(after) {
        let k = key(after, &d);
        if let Some(n) = counts.get_mut(&k).filter(|n| **n > 0) {
            *n -= 1;
            continue;
        }
        // Left after fixing: no fix, or one this run may not apply.
        if d.rule == tempsafe::Rule::TempWithoutCleanup && carried_over > 0 {
            carried_over -= 1;
            continue;
        }
        created.push(k);
    }
    created
}

/// Applies `patch` with `git apply` in `dir` (`--check`: only whether it
/// applies); fails the test with git's message when it does not.
pub fn git_apply(dir: &Path, patch: impl AsRef<[u8]>, check_only: bool) {
    std::fs::write(dir.join("change.patch"), patch).unwrap();
    let mut args = vec!["apply", "--whitespace=nowarn", "change.patch"];
    if check_only {
        args.insert(1, "--check");
    }
    let git = Command::new("git")
        .args(&args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        git.status.success(),
        "{}",
        String::from_utf8_lossy(&git.stderr)
    );
}
