//! How tempsafe fits the tools Python teams already use: exit codes and
//! flags as in Ruff, per-file configuration, SARIF, campaigns, pre-commit.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

const INSECURE: &str = "import os\nimport tempfile\n\n\ndef f():\n    name = tempfile.mktemp()\n    with open(name, \"w\") as fh:\n        fh.write(\"x\")\n    os.remove(name)\n";

/// A finding that has no fix: only `os.path.basename` of the path is used.
const NO_FIX: &str = "import os\nimport tempfile\n\nprint(os.path.basename(tempfile.mktemp()))\n";

const CLEAN: &str = "import tempfile\nwith tempfile.TemporaryDirectory() as d:\n    print(d)\n";

fn tempsafe(dir: &Path) -> Command {
    let mut cmd = Command::new(common::tempsafe());
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn code(dir: &Path, args: &[&str]) -> i32 {
    let (code, out, err) = run(tempsafe(dir).args(args));
    eprintln!("tempsafe {args:?} -> {code}\n{out}\n{err}");
    code
}

// ---- exit codes: one test per row of the table ----

#[test]
fn exit_0_when_nothing_is_left() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.py", CLEAN);
    assert_eq!(code(dir.path(), &["check", "."]), 0);
    write(dir.path(), "bad.py", INSECURE);
    // fix leaves nothing: 0.
    assert_eq!(code(dir.path(), &["fix", "."]), 0);
    write(dir.path(), "nofix.py", NO_FIX);
    // --exit-zero: 0 whatever is left, for check, fix and --diff.
    assert_eq!(code(dir.path(), &["check", "--exit-zero", "."]), 0);
    assert_eq!(code(dir.path(), &["fix", "--exit-zero", "."]), 0);
    assert_eq!(
        code(dir.path(), &["check", "--diff", "--exit-zero", "."]),
        0
    );
}

#[test]
fn exit_1_when_findings_remain() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE);
    assert_eq!(code(dir.path(), &["check", "."]), 1);
    // --diff on check and fix, and fix --dry-run: 1, nothing written.
    assert_eq!(code(dir.path(), &["check", "--diff", "."]), 1);
    assert_eq!(code(dir.path(), &["fix", "--diff", "."]), 1);
    assert_eq!(code(dir.path(), &["fix", "--dry-run", "."]), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("bad.py")).unwrap(),
        INSECURE
    );
    // --exit-non-zero-on-fix: 1 when it fixed anything, even if nothing is left.
    assert_eq!(code(dir.path(), &["fix", "--exit-non-zero-on-fix", "."]), 1);
    assert_eq!(code(dir.path(), &["check", "."]), 0);
    // A finding without a fix stays: fix exits 1.
    write(dir.path(), "nofix.py", NO_FIX);
    assert_eq!(code(dir.path(), &["fix", "."]), 1);
}

#[test]
fn exit_1_for_a_file_that_does_not_parse_or_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "py2.py",
        "import tempfile\nprint tempfile.mktemp()\n",
    );
    let (status, out, _) =
        run(tempsafe(dir.path()).args(["check", "--output-format", "concise", "."]));
    assert_eq!(status, 1);
    assert!(
        out.starts_with("py2.py:2:7: TMP000 invalid-syntax: "),
        "{out}"
    );
    let (_, out, _) = run(tempsafe(dir.path()).args(["check", "--output-format", "json", "."]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["files"][0]["findings"][0]["code"], "TMP000");
    assert_eq!(report["files"][0]["findings"][0]["name"], "invalid-syntax");
    fs::remove_file(dir.path().join("py2.py")).unwrap();
    fs::write(dir.path().join("bin.py"), b"tempfile.mktemp\x00").unwrap();
    assert_eq!(code(dir.path(), &["check", "."]), 1);
}

#[test]
fn exit_2_for_usage_configuration_and_missing_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE);
    assert_eq!(code(dir.path(), &["check", "--no-such-flag"]), 2);
    assert_eq!(code(dir.path(), &["check", "--select", "NOPE"]), 2);
    assert_eq!(code(dir.path(), &["check", "missing.py"]), 2);
    // --exit-zero does not hide an error.
    assert_eq!(code(dir.path(), &["check", "--exit-zero", "missing.py"]), 2);
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nselcet = []\n",
    );
    assert_eq!(code(dir.path(), &["check", "."]), 2);
}

#[test]
fn exit_code_table_is_in_help_and_readme() {
    let dir = tempfile::tempdir().unwrap();
    let (_, help, _) = run(tempsafe(dir.path()).arg("--help"));
    assert!(help.contains(tempsafe::cli::EXIT_CODES), "{help}");
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for row in ["| 0 |", "| 1 |", "| 2 |"] {
        assert!(readme.contains(row), "README has no exit-code row {row}");
    }
}

#[test]
fn output_file_show_fixes_and_json_statistics() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE);
    let (status, out, _) = run(tempsafe(dir.path()).args([
        "check",
        "--output-format",
        "concise",
        "-o",
        "report.txt",
        ".",
    ]));
    assert_eq!(status, 1);
    assert_eq!(out, "");
    let report = fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(report.starts_with("bad.py:6:12: TMP001"), "{report}");

    let (_, out, _) =
        run(tempsafe(dir.path()).args(["check", "--statistics", "--output-format", "json", "."]));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["code"], "TMP001");
    assert_eq!(rows[0]["count"], 1);
    assert_eq!(rows[0]["fixable"], true);

    let (_, _, err) = run(tempsafe(dir.path()).args(["fix", "--show-fixes", "."]));
    assert!(
        err.contains("- bad.py:\n    1 × TMP001 (mktemp-call)\n"),
        "{err}"
    );
}
