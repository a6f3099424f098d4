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

/// Every text parses with Python's own `ast` (one python3 for all of them).
pub fn assert_python_parses(sources: &[(String, String)]) {
    if sources.is_empty() {
        return;
    }
    let script = "import ast, json, sys\nbad = []\nfor name, src in json.load(sys.stdin):\n    try:\n        ast.parse(src.lstrip('\\ufeff'))\n    except SyntaxError as e:\n        bad.append(f'{name}: {e}')\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n";
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
        "fixed code does not parse with python3:\n{}",
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
