//! The public command line: exit codes, dry runs, diffs that apply, walks,
//! bad input that is reported and never lost.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use assert_cmd::prelude::*;

const INSECURE: &str = "import os\nimport tempfile\n\n\ndef f():\n    name = tempfile.mktemp()\n    with open(name, \"w\") as fh:\n        fh.write(\"x\")\n    os.remove(name)\n";

/// A mktemp() path returned before anything creates it: only an unsafe fix.
const ESCAPING: &str =
    "import tempfile\n\ndef f():\n    path = tempfile.mktemp()\n    return path\n";

fn tempsafe(dir: &Path) -> Command {
    let mut cmd = Command::new(common::tempsafe());
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `tempsafe check --output-format json FILE` in `dir`, which must find
/// something: the file's findings, and the report for messages.
fn json_findings(dir: &Path, file: &str) -> (Vec<serde_json::Value>, String) {
    let (code, out, _) = stdout(tempsafe(dir).args(["check", "--output-format", "json", file]));
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap().clone();
    (findings, out)
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "clean.py",
        b"import tempfile\nwith tempfile.TemporaryDirectory() as d:\n    print(d)\n",
    );
    tempsafe(dir.path())
        .args(["check", "clean.py"])
        .assert()
        .code(0);
    write(dir.path(), "bad.py", INSECURE.as_bytes());
    tempsafe(dir.path()).args(["check", "."]).assert().code(1);
    tempsafe(dir.path())
        .args(["fix", "--dry-run", "."])
        .assert()
        .code(1);
    tempsafe(dir.path())
        .args(["check", "--select", "NOPE"])
        .assert()
        .code(2);
    tempsafe(dir.path())
        .args(["check", "missing.py"])
        .assert()
        .code(2);
    // After fixing, nothing is left: exit 0.
    tempsafe(dir.path()).args(["fix", "."]).assert().code(0);
    tempsafe(dir.path()).args(["check", "."]).assert().code(0);
}

#[test]
fn select_and_ignore_take_aliases() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE.as_bytes());
    for code in ["TMP001", "S306", "B306", "CSP-D504", "mktemp-call", "TMP"] {
        tempsafe(dir.path())
            .args(["check", "--select", code])
            .assert()
            .code(1);
    }
    tempsafe(dir.path())
        .args(["check", "--ignore", "S306"])
        .assert()
        .code(0);
}

#[test]
fn ruff_file_ignore_suppresses_by_code_or_name() {
    let dir = tempfile::tempdir().unwrap();
    for directive in [
        "# ruff: file-ignore[S306]",
        "# ruff: file-ignore[suspicious-mktemp-usage]",
    ] {
        write(
            dir.path(),
            "bad.py",
            format!("{directive}\n{INSECURE}").as_bytes(),
        );
        tempsafe(dir.path()).args(["check", "."]).assert().code(0);
    }
    write(
        dir.path(),
        "bad.py",
        format!("# ruff: file-ignore[hardcoded-temp-file]\n{INSECURE}").as_bytes(),
    );
    tempsafe(dir.path()).args(["check", "."]).assert().code(1);
}

#[test]
fn dry_run_writes_nothing_and_its_diff_applies_with_git() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/a.py", INSECURE.as_bytes());
    let crlf = INSECURE.replace('\n', "\r\n");
    write(dir.path(), "pkg/b.py", crlf.as_bytes());
    let (code, diff, _) = stdout(tempsafe(dir.path()).args(["fix", "--dry-run", "pkg"]));
    assert_eq!(code, 1);
    assert!(
        diff.contains("--- a/pkg/a.py") && diff.contains("+++ b/pkg/b.py"),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("pkg/a.py")).unwrap(),
        INSECURE
    );

    // The diff applied by git equals what `fix` writes, byte for byte.
    let applied = tempfile::tempdir().unwrap();
    common::copy_tree(dir.path(), applied.path());
    common::git_apply(applied.path(), &diff, false);
    tempsafe(dir.path()).args(["fix", "pkg"]).assert().code(0);
    for name in ["pkg/a.py", "pkg/b.py"] {
        assert_eq!(
            fs::read(applied.path().join(name)).unwrap(),
            fs::read(dir.path().join(name)).unwrap(),
            "{name}"
        );
    }
    // TMP001 makes the file with mkstemp; TMP003 then removes it in a finally.
    let fixed = fs::read_to_string(dir.path().join("pkg/b.py")).unwrap();
    assert!(
        fixed.contains("mkstemp()\r\n    try:\r\n        os.close(fd)\r\n"),
        "{fixed:?}"
    );
    assert!(
        fixed.contains("    finally:\r\n        if os.path.exists(name):\r\n"),
        "{fixed:?}"
    );
}

#[test]
fn gitignore_is_respected_but_explicit_files_are_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", b"ignored/\n");
    write(dir.path(), "ignored/a.py", INSECURE.as_bytes());
    write(dir.path(), ".venv/lib/b.py", INSECURE.as_bytes());
    write(dir.path(), "env/pyvenv.cfg", b"home = /usr\n");
    write(dir.path(), "env/lib/c.py", INSECURE.as_bytes());
    tempsafe(dir.path()).args(["check", "."]).assert().code(0);
    tempsafe(dir.path())
        .args(["check", "ignored/a.py"])
        .assert()
        .code(1);
    tempsafe(dir.path())
        .args(["check", "--no-ignore", "."])
        .assert()
        .code(1);
    write(dir.path(), "src/d.py", INSECURE.as_bytes());
    tempsafe(dir.path())
        .args(["check", "--exclude", "src", "."])
        .assert()
        .code(0);
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.py", INSECURE.as_bytes());
    write(
        dir.path(),
        "py2.py",
        b"import tempfile\nprint tempfile.mktemp()\n",
    );
    write(dir.path(), "binary.py", b"tempfile.mktemp\x00\x01\x02");
    write(
        dir.path(),
        "latin1.py",
        // No coding line: not UTF-8 (tests/io.rs fixes latin-1 with one).
        b"import tempfile\nx = '\xe9'\ny = tempfile.mktemp()\n",
    );
    let before: Vec<Vec<u8>> = ["py2.py", "binary.py", "latin1.py"]
        .iter()
        .map(|n| fs::read(dir.path().join(n)).unwrap())
        .collect();
    // Reported and left as they are: findings (exit 1), not a failed run.
    let (code, out, err) = stdout(tempsafe(dir.path()).args(["fix", "."]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("py2.py:2:7: TMP000 invalid-syntax"), "{out}");
    assert!(err.contains("binary.py: binary file"), "{err}");
    assert!(
        err.contains("latin1.py: not valid UTF-8 (first bad byte on line 2)"),
        "{err}"
    );
    assert!(err.contains("help: "), "{err}");
    // The good file was fixed, the bad ones are untouched.
    assert!(
        fs::read_to_string(dir.path().join("good.py"))
            .unwrap()
            .contains("mkstemp")
    );
    for (name, bytes) in ["py2.py", "binary.py", "latin1.py"].iter().zip(before) {
        assert_eq!(fs::read(dir.path().join(name)).unwrap(), bytes, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn links_and_read_only_files_are_not_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "target.py", INSECURE.as_bytes());
    std::os::unix::fs::symlink("target.py", dir.path().join("link.py")).unwrap();
    // Not written: the finding is left (exit 1), the run did not fail.
    let (code, _, err) = stdout(tempsafe(dir.path()).args(["fix", "link.py"]));
    assert_eq!(code, 1);
    assert!(err.contains("link.py: is a symbolic link"), "{err}");
    assert!(
        dir.path()
            .join("link.py")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("target.py")).unwrap(),
        INSECURE
    );

    write(dir.path(), "ro.py", INSECURE.as_bytes());
    let ro = dir.path().join("ro.py");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = stdout(tempsafe(dir.path()).args(["fix", "ro.py"]));
    assert_eq!(code, 1);
    assert!(err.contains("ro.py: is read-only"), "{err}");
    assert_eq!(fs::read_to_string(&ro).unwrap(), INSECURE);
}

#[cfg(unix)]
#[test]
fn fixing_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "script.py", INSECURE.as_bytes());
    let path = dir.path().join("script.py");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o751)).unwrap();
    tempsafe(dir.path())
        .args(["fix", "script.py"])
        .assert()
        .code(0);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o751
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left next to it");
}

#[test]
fn generated_and_skip_file_markers_skip_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "gen.py",
        format!("# @generated\n{INSECURE}").as_bytes(),
    );
    let (code, _, err) = stdout(tempsafe(dir.path()).args(["check", "."]));
    assert_eq!(code, 0);
    assert!(
        err.contains("skipped: gen.py: @generated") && err.contains("1 skipped"),
        "{err}"
    );
}

#[test]
fn text_output_has_location_snippet_and_fix_marker() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE.as_bytes());
    let (_, out, err) = stdout(tempsafe(dir.path()).args(["check", "bad.py"]));
    assert!(out.contains("bad.py:6:12: TMP001 [*]"), "{out}");
    assert!(out.contains("name = tempfile.mktemp()"), "{out}");
    assert!(
        out.contains("Create the file with `tempfile.mkstemp()`"),
        "{out}"
    );
    assert!(err.contains("Found 1 issue in 1 file (1 fixable)"), "{err}");
}

#[test]
fn json_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE.as_bytes());
    write(dir.path(), "esc.py", ESCAPING.as_bytes());
    let (_, out, _) =
        stdout(tempsafe(dir.path()).args(["fix", "--dry-run", "--output-format", "json", "."]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "bad.py");
    assert_eq!(files[0]["status"], "would-fix");
    assert_eq!(files[0]["findings"][0]["code"], "TMP001");
    assert_eq!(files[0]["findings"][0]["line"], 6);
    assert_eq!(files[0]["findings"][0]["fix_status"], "fixed");
    assert_eq!(
        files[1]["findings"][0]["fix_status"],
        "unsafe-fix-available"
    );
    assert_eq!(files[1]["findings"][0]["applicability"], "unsafe");
    assert_eq!(report["summary"]["unsafe_fixable"], 1);
    // Reasons carry a stable id beside their sentence.
    let unsafe_finding = &files[1]["findings"][0];
    assert_eq!(unsafe_finding["unsafe_reason"], "name-returned");
    assert!(unsafe_finding.get("no_fix_reason").is_none());

    // `check` fixes nothing, so it never says "fixed".
    let (_, out, _) = stdout(tempsafe(dir.path()).args(["check", "--output-format", "json", "."]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["files"][0]["findings"][0]["fix_status"],
        "safe-fix-available"
    );
}

#[test]
fn no_fix_reasons_have_ids_in_json_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "reserve.py",
        b"import os\nimport tempfile\n\n\ndef reserve():\n    name = tempfile.mktemp()\n    return os.path.basename(name)\n",
    );
    let (_, out, _) = stdout(tempsafe(dir.path()).args(["check", "--output-format", "json", "."]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["fix_status"], "no-fix");
    assert_eq!(finding["no_fix_reason"], "name-only");
    assert!(
        finding["note"]
            .as_str()
            .unwrap()
            .contains("only the name is used")
    );
    let (_, out, _) = stdout(tempsafe(dir.path()).args([
        "check",
        "--statistics",
        "--output-format",
        "json",
        ".",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["reason"], "name-only", "{out}");
}

#[test]
fn unsafe_fixes_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "esc.py", ESCAPING.as_bytes());
    let (code, _, err) = stdout(tempsafe(dir.path()).args(["fix", "."]));
    assert_eq!(code, 1);
    assert!(
        err.contains("Fixed 0 issues in 0 files (1 more with --unsafe-fixes)"),
        "{err}"
    );
    // The returned file is never removed here: TMP003 reports it, as it
    // reported the name the caller got before.
    let (code, _, err) = stdout(tempsafe(dir.path()).args(["fix", "--unsafe-fixes", "."]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Fixed 1 issue in 1 file"), "{err}");
    assert!(
        fs::read_to_string(dir.path().join("esc.py"))
            .unwrap()
            .contains("mkstemp()")
    );
}

#[test]
fn stdin_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = tempsafe(dir.path());
    cmd.args(["fix", "-", "--stdin-filename", "x.py"]);
    let out = assert_cmd::Command::from_std(cmd)
        .write_stdin(INSECURE)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("fd, name = tempfile.mkstemp()"), "{text}");
}

#[test]
fn explain_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(tempsafe(dir.path()).args(["explain", "S306"]));
    assert_eq!(code, 0);
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Fix safety",
        "## References",
    ] {
        assert!(out.contains(heading), "{heading}");
    }
    let (code, out, _) = stdout(tempsafe(dir.path()).arg("rules"));
    assert_eq!(code, 0);
    assert!(out.contains("TMP001") && out.contains("mktemp-call") && out.contains("CSP-D504"));
    tempsafe(dir.path())
        .args(["explain", "X999"])
        .assert()
        .code(2);
}

#[test]
fn many_roots_each_with_its_own_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let leaky = b"import tempfile\n\n\ndef f():\n    d = tempfile.mkdtemp()\n    print(d)\n";
    // repo1 only wants TMP001; repo2 excludes its vendored code.
    write(
        dir.path(),
        "repo1/pyproject.toml",
        b"[tool.tempsafe]\nselect = [\"TMP001\"]\n",
    );
    write(dir.path(), "repo1/a.py", INSECURE.as_bytes());
    write(dir.path(), "repo1/b.py", leaky);
    write(
        dir.path(),
        "repo2/pyproject.toml",
        b"[tool.tempsafe]\nexclude = [\"vendored\"]\n",
    );
    write(dir.path(), "repo2/c.py", leaky);
    write(dir.path(), "repo2/vendored/d.py", INSECURE.as_bytes());
    write(dir.path(), "repo2/.gitignore", b"ignored.py\n");
    write(dir.path(), "repo2/ignored.py", INSECURE.as_bytes());
    write(
        dir.path(),
        "repo2/gen.py",
        format!("# @generated\n{INSECURE}").as_bytes(),
    );
    let (code, diff, err) =
        stdout(tempsafe(dir.path()).args(["fix", "--dry-run", "repo1", "repo2"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        diff.contains("a/repo1/a.py") && diff.contains("a/repo2/c.py"),
        "{diff}"
    );
    assert!(
        !diff.contains("repo1/b.py"),
        "TMP003 is not selected in repo1:\n{diff}"
    );
    assert!(
        !diff.contains("vendored") && !diff.contains("ignored.py"),
        "{diff}"
    );
    assert!(err.contains("Per root:"), "{err}");
    assert!(
        err.contains("  repo1: 2 files, 1 found, 1 fixable (1 TMP001)"),
        "{err}"
    );
    assert!(
        err.contains("  repo2: 2 files, 1 found, 1 fixable (1 TMP003), 1 skipped (1 @generated)"),
        "{err}"
    );

    write(
        dir.path(),
        "repo3/pyproject.toml",
        b"[tool.tempsafe]\nselcet = [\"TMP001\"]\n",
    );
    let (code, _, err) = stdout(tempsafe(dir.path()).args(["check", "repo3"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown key `selcet`"), "{err}");
}

#[test]
fn statistics_count_per_transform_and_status() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE.as_bytes());
    write(dir.path(), "esc.py", ESCAPING.as_bytes());
    // As in Ruff: the statistics replace the findings on stdout.
    let (_, out, _) = stdout(tempsafe(dir.path()).args(["check", "--statistics", "."]));
    assert!(
        out.contains("1  TMP001  mktemp-call            safe-fix-available"),
        "{out}"
    );
    assert!(
        out.contains("1  TMP001  mktemp-call            unsafe-fix-available (name-returned)"),
        "{out}"
    );
}

#[test]
fn functions_a_test_class_patches_in_set_up_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/__init__.py", b"");
    write(
        dir.path(),
        "pkg/client.py",
        b"import subprocess\n\n\nclass Vendor:\n    def run_command(self, host, key_filename=None):\n        args = [\"ssh\"]\n        if key_filename:\n            args.extend([\"-i\", str(key_filename)])\n        return subprocess.Popen([*args, host])\n",
    );
    write(
        dir.path(),
        "tests/test_client.py",
        b"import unittest\n\nimport pkg.client\nfrom pkg.client import Vendor\n\n\nclass Patched(unittest.TestCase):\n    def setUp(self):\n        pkg.client.subprocess.Popen = object\n\n    def test_key(self):\n        Vendor().run_command(\"h\", key_filename=\"/tmp/id_rsa\")\n\n\nclass NotPatched(unittest.TestCase):\n    def test_key(self):\n        Vendor().run_command(\"h\", key_filename=\"/tmp/id_rsa\")\n",
    );
    let (findings, out) = json_findings(dir.path(), "tests/test_client.py");
    // Only the test that runs the real `subprocess.Popen` (`ssh -i` reads
    // the key) is reported.
    assert_eq!(findings.len(), 1, "{out}");
    assert_eq!(findings[0]["line"], 17, "{out}");
}

#[test]
fn aliases_in_a_compat_module_are_the_functions_they_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/__init__.py", b"");
    write(
        dir.path(),
        "pkg/compat.py",
        b"import os\nimport shutil as sh\nimport sys\n\nrmtree = sh.rmtree  # old name\nreplace = os.replace\nrename = os.rename\n\nif sys.platform == \"win32\":\n    rename = sh.move\n",
    );
    write(
        dir.path(),
        "pkg/job.py",
        b"import tempfile\n\nfrom pkg.compat import rename, replace\nfrom .compat import rmtree\n\n\ndef removed(data):\n    d = tempfile.mkdtemp()\n    with open(d + \"/x\", \"w\") as f:\n        f.write(data)\n    rmtree(d)\n\n\ndef moved_into_place(final):\n    d = tempfile.mkdtemp()\n    with open(d + \"/x\", \"w\") as f:\n        f.write(\"x\")\n    replace(d, final)\n\n\ndef bound_twice(final):\n    d = tempfile.mkdtemp()\n    with open(d + \"/x\", \"w\") as f:\n        f.write(\"x\")\n    rename(d, final)\n",
    );
    let (findings, out) = json_findings(dir.path(), "pkg/job.py");
    let seen: Vec<(u64, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["fix_status"].as_str().unwrap(),
            )
        })
        .collect();
    // `rmtree` is shutil.rmtree: removed, only not on an error (a safe fix);
    // `replace` is os.replace: moved into place, nothing left behind;
    // `rename` is bound twice in compat.py: not followed.
    assert_eq!(seen, [(8, "safe-fix-available"), (22, "no-fix")], "{out}");
}

#[test]
fn class_attributes_holding_objects_are_followed_across_modules() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/__init__.py", b"");
    write(
        dir.path(),
        "pkg/mock.py",
        b"class MemoryFS:\n    _data = {}\n\n    def get_data(self, fn):\n        return self._data[fn]\n\n\nclass DiskFS:\n    def get_data(self, fn):\n        with open(fn) as f:\n            return f.read()\n\n\nclass MemoryTarget:\n    fs = MemoryFS()\n\n\nclass DiskTarget:\n    fs = DiskFS()\n",
    );
    write(
        dir.path(),
        "pkg/test_mock.py",
        b"from pkg.mock import DiskTarget, MemoryTarget\n\n\ndef test_memory():\n    assert MemoryTarget.fs.get_data(\"/tmp/in-memory\") == b\"\"\n\n\ndef test_disk():\n    assert DiskTarget.fs.get_data(\"/tmp/on-disk\") == \"\"\n",
    );
    let (findings, out) = json_findings(dir.path(), "pkg/test_mock.py");
    // MemoryFS only looks the key up; DiskFS opens the path.
    let lines: Vec<u64> = findings
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [9], "{out}");
}

#[test]
fn github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE.as_bytes());
    let (_, out, _) =
        stdout(tempsafe(dir.path()).args(["check", "--output-format", "github", "bad.py"]));
    assert!(
        out.starts_with("::warning title=tempsafe TMP001,file=bad.py,line=6,col=12,endLine=6,endColumn=29::TMP001 "),
        "{out}"
    );
}

#[test]
fn calls_into_the_package_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/__init__.py", b"");
    write(
        dir.path(),
        "pkg/util.py",
        b"def write_config(path):\n    with open(path, \"w\") as f:\n        f.write(\"x\")\n\n\ndef describe(path):\n    return \"config at %s\" % path\n",
    );
    write(
        dir.path(),
        "pkg/job.py",
        b"import os\nimport tempfile\n\nfrom pkg.util import write_config\nfrom . import util\n\n\ndef run():\n    name = tempfile.mktemp()\n    write_config(name)\n    os.remove(name)\n\n\ndef report():\n    print(util.describe(\"/tmp/report.txt\"))\n",
    );
    let (findings, out) = json_findings(dir.path(), "pkg/job.py");
    // The helper creates the file: mkstemp() is safe. The string only
    // formatted by `util.describe` is not a finding.
    assert_eq!(findings.len(), 1, "{out}");
    assert_eq!(findings[0]["code"], "TMP001");
    assert_eq!(findings[0]["fix_status"], "safe-fix-available", "{out}");
    // From standard input without a file name, a relative import has no
    // package to resolve in: `util.describe` is code tempsafe cannot see.
    let source = fs::read(dir.path().join("pkg/job.py")).unwrap();
    let mut child = tempsafe(dir.path())
        .args(["check", "--output-format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(&source).unwrap();
    let out = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{out}");
}
