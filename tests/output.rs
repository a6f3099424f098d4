//! Where results go when their reader stops reading: a closed pipe ends
//! the output, not the run (see "Exit codes" in the README), and a
//! results file that cannot be written is an error of the run.

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// A safe fix, shown in a diff, that leaves nothing behind.
const FIXABLE: &str = "\n\ndef f():\n    name = tempfile.mktemp()\n    with open(name, \"w\") as fh:\n        fh.write(\"x\")\n    os.remove(name)\n";

/// Findings per file with fixes.
const PER_FILE: usize = 4;

/// A finding without a fix: `fix` leaves it, so the exit code is 1.
const UNFIXABLE: &str = "import tempfile\n\nNAME = tempfile.mktemp()\n";

/// Files enough that each output (the concise one is the smallest, 160
/// KB) is far larger than a pipe's buffer (64 KiB on Linux) plus what the
/// reader took: the writer must meet the closed end.
const FILES: usize = 400;

/// A file with `PER_FILE` fixable findings.
fn fixable_file() -> String {
    format!("import os\nimport tempfile\n{}", FIXABLE.repeat(PER_FILE))
}

/// `FILES` files with fixable findings, and one with a finding without a
/// fix.
fn tree(dir: &Path) {
    for i in 0..FILES {
        fs::write(dir.join(format!("m{i:03}.py")), fixable_file()).unwrap();
    }
    fs::write(dir.join("zz_left.py"), UNFIXABLE).unwrap();
}

/// Runs tempsafe in `dir` with stdout on a pipe whose read end is closed
/// after `lines` lines (0: at once, before tempsafe writes anything);
/// returns the exit code and stderr.
fn run_closing_stdout(dir: &Path, args: &[&str], lines: usize) -> (Option<i32>, String) {
    let mut child = Command::new(common::tempsafe())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    if lines > 0 {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        for _ in 0..lines {
            line.clear();
            reader.read_line(&mut line).unwrap();
            assert!(!line.is_empty(), "the output ended before line {lines}");
        }
        drop(reader);
    } else {
        drop(stdout);
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Nothing on stderr says that the reader went away.
fn assert_quiet_about_the_pipe(stderr: &str) {
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("pipe"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn check_into_a_closed_pipe_keeps_its_exit_code_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let summary = format!(
        "Found {} issues in {} files",
        FILES * PER_FILE + 1,
        FILES + 1
    );
    for format in ["text", "concise", "json", "github"] {
        for lines in [0, 1] {
            let (code, stderr) = run_closing_stdout(
                dir.path(),
                &["check", ".", "--output-format", format],
                lines,
            );
            // The same as a run read to the end: findings, so 1.
            assert_eq!(code, Some(1), "{format} {lines}: {stderr}");
            assert!(stderr.contains(&summary), "{format} {lines}: {stderr}");
            assert_quiet_about_the_pipe(&stderr);
        }
    }
    // --exit-zero still means 0.
    let (code, stderr) = run_closing_stdout(dir.path(), &["check", ".", "--exit-zero"], 1);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_diff_into_a_closed_pipe_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    for args in [["fix", "--diff"], ["check", "--diff"]] {
        // `head -1` of a patch.
        let (code, stderr) = run_closing_stdout(dir.path(), &args, 1);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "Would fix {} issues in {FILES} files",
                FILES * PER_FILE
            )),
            "{args:?}: {stderr}"
        );
        assert_quiet_about_the_pipe(&stderr);
    }
    for i in 0..FILES {
        let name = format!("m{i:03}.py");
        assert_eq!(
            fs::read_to_string(dir.path().join(&name)).unwrap(),
            fixable_file(),
            "{name}"
        );
    }
}

/// `tempsafe fix . | head -1`: every file is still fixed, as by a run
/// whose output was read to the end.
#[test]
fn fix_into_a_closed_pipe_writes_every_file() {
    let expected = tempfile::tempdir().unwrap();
    tree(expected.path());
    let full = Command::new(common::tempsafe())
        .args(["fix", "."])
        .current_dir(expected.path())
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(1));
    for lines in [0, 1] {
        let dir = tempfile::tempdir().unwrap();
        tree(dir.path());
        // JSON: every file's entry, with its edits (the text output after
        // a fix lists only what is left: too short to meet the closed end).
        let (code, stderr) =
            run_closing_stdout(dir.path(), &["fix", ".", "--output-format", "json"], lines);
        assert_eq!(code, Some(1), "{lines}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "Fixed {} issues in {FILES} files; 1 without a fix",
                FILES * PER_FILE
            )),
            "{lines}: {stderr}"
        );
        assert_quiet_about_the_pipe(&stderr);
        for i in 0..FILES {
            let name = format!("m{i:03}.py");
            assert_eq!(
                fs::read(dir.path().join(&name)).unwrap(),
                fs::read(expected.path().join(&name)).unwrap(),
                "{lines}: {name}"
            );
        }
        // Nothing half done: a second run has nothing to fix.
        let again = Command::new(common::tempsafe())
            .args(["fix", "--diff", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(again.stdout.is_empty(), "{lines}");
    }
}

/// A closed stderr is as quiet, and changes nothing either.
#[test]
fn a_closed_stderr_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let mut child = Command::new(common::tempsafe())
        .args(["fix", "."])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
    let check = Command::new(common::tempsafe())
        .args(["check", "--statistics", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "     1  TMP001  mktemp-call            no-fix (never-removed)\n"
    );
}

/// A results file that cannot be written (a full disk) is an error of the
/// run, said on stderr: exit 2.
#[cfg(target_os = "linux")]
#[test]
fn results_that_cannot_be_written_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    for args in [
        &["check", ".", "-o", "/dev/full"][..],
        &["fix", "--diff", ".", "-o", "/dev/full"][..],
    ] {
        let out = Command::new(common::tempsafe())
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr
                .contains("error: cannot write the results to /dev/full: No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

/// `explain` and `rules` into a closed pipe: exit 0, nothing said.
#[test]
fn explain_and_rules_into_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["explain", "TMP001"][..], &["rules"][..]] {
        let (code, stderr) = run_closing_stdout(dir.path(), args, 0);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
