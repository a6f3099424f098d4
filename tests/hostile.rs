//! Hostile input through the CLI: a file too deep to analyse gets an error
//! of its own and the run goes on with every other file.

mod common;

use std::process::Command;

#[test]
fn deep_nesting_is_an_error_for_that_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let head = "import tempfile\np = tempfile.mktemp()\n";
    let files = [
        (
            "lists.py",
            format!("{head}x = {}{}\n", "[".repeat(30_000), "]".repeat(30_000)),
        ),
        (
            "sum.py",
            format!("{head}x = {}\n", vec!["\"a\""; 30_000].join(" + ")),
        ),
        // As deep as CPython still compiles: analysed as usual.
        (
            "deep_ok.py",
            format!("{head}x = {}\n", vec!["a"; 2_900].join(" + ")),
        ),
        (
            "nots_ok.py",
            format!("{head}x = {}a\n", "not ".repeat(2_900)),
        ),
        ("plain.py", head.to_string()),
    ];
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    for threads in ["1", "2"] {
        let out = Command::new(common::tempsafe())
            .args(["check", "--output-format", "concise", "-j", threads])
            .arg(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{:?}\n{stderr}",
            out.status
        );
        for deep in ["lists.py", "sum.py"] {
            assert!(
                stderr
                    .lines()
                    .any(|l| l.contains(deep) && l.contains("nested too deeply")),
                "{deep}: {stderr}"
            );
        }
        for ok in ["deep_ok.py", "nots_ok.py", "plain.py"] {
            assert!(
                stdout
                    .lines()
                    .any(|l| l.contains(ok) && l.contains("TMP001")),
                "{ok}: {stdout}\n{stderr}"
            );
        }
    }
}

/// Suppressions are a contract: another transform's fix may not change a
/// line whose finding is suppressed, nor come between a suppressing
/// comment and its statement.
#[test]
fn suppressed_lines_survive_every_fix() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        "import os\n\n\ndef f():\n    os.chmod(\"/tmp/fuzz.sock\", 0o666)  # noqa: S108\n",
        "import os, tempfile\n\n\ndef g():\n    fd, p = tempfile.mkstemp()  # noqa: S306\n    # ignore\n    os.chmod(p, 0o777)\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        let path = dir.path().join(format!("c{i}.py"));
        std::fs::write(&path, text).unwrap();
        Command::new(common::tempsafe())
            .args(["fix", "--unsafe-fixes"])
            .arg(&path)
            .output()
            .unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        for line in text
            .lines()
            .filter(|l| l.contains("noqa") || l.contains("# ignore"))
        {
            assert!(after.contains(line), "{line:?} changed:\n{after}");
        }
        assert!(
            after.contains("    # ignore\n    os.chmod") || i == 0,
            "{after}"
        );
    }
}

/// A PEP 263 coding line is a comment on line 1 or 2, whatever the line
/// endings: `encoding: str` in a later line of a lone-CR file is not one.
#[test]
fn coding_lines_end_at_a_lone_cr() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cr.py");
    std::fs::write(
        &path,
        "#\rdef f(\r    encoding: str = 'x',\r):\r    return encoding\r",
    )
    .unwrap();
    let out = Command::new(common::tempsafe())
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
