//! How tempsafe fits the tools Python teams already use: exit codes and
//! flags as in Ruff, per-file configuration, SARIF, campaigns, pre-commit.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

const INSECURE: &str = "import os\nimport tempfile\n\n\ndef f():\n    name = tempfile.mktemp()\n    with open(name, \"w\") as fh:\n        fh.write(\"x\")\n    os.remove(name)\n";

/// A finding `fix` leaves (its only fix is unsafe): the path escapes into a call.
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
    assert_eq!(
        code(dir.path(), &["check", "--target-version", "3.12", "."]),
        2
    );
    assert_eq!(
        code(dir.path(), &["check", "--target-version", "py312", "."]),
        1
    );
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

// ---- configuration per file ----

/// Two repositories in one folder, each with its own configuration, and a
/// third with none: each file is checked as its own repository says.
#[test]
fn nested_configurations_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a/pyproject.toml",
        "[tool.tempsafe]\nignore = [\"TMP001\"]\n",
    );
    write(dir.path(), "a/m.py", INSECURE);
    write(dir.path(), "b/tempsafe.toml", "select = [\"TMP002\"]\n");
    write(dir.path(), "b/m.py", INSECURE);
    write(dir.path(), "c/pyproject.toml", "[project]\nname = \"c\"\n");
    write(dir.path(), "c/m.py", INSECURE);
    // A nested project inside a: its own table wins for its files.
    write(
        dir.path(),
        "a/sub/pyproject.toml",
        "[tool]\ntempsafe = { select = [\"ALL\"] }\n",
    );
    write(dir.path(), "a/sub/m.py", INSECURE);
    let (status, out, err) =
        run(tempsafe(dir.path()).args(["check", "--output-format", "concise", "."]));
    assert_eq!(status, 1, "{err}");
    assert!(!out.lines().any(|l| l.starts_with("a/m.py")), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("b/m.py")), "{out}");
    assert!(out.contains("c/m.py:6:12: TMP001"), "{out}");
    assert!(out.contains("a/sub/m.py:6:12: TMP001"), "{out}");
    // --config: one file for all, no discovery.
    write(dir.path(), "only2.toml", "select = [\"TMP002\"]\n");
    let (status, _, _) = run(tempsafe(dir.path()).args(["check", "--config", "only2.toml", "."]));
    assert_eq!(status, 0);
    // --extend-select on the command line adds to a's configuration.
    let (_, out, _) = run(tempsafe(dir.path()).args([
        "check",
        "--output-format",
        "concise",
        "--extend-select",
        "TMP001",
        "a/m.py",
    ]));
    assert!(out.contains("a/m.py:6:12: TMP001"), "{out}");
}

#[test]
fn per_file_ignores_and_extend_select() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nselect = [\"TMP002\"]\nextend-select = [\"TMP001\"]\n\n[tool.tempsafe.per-file-ignores]\n\"tests/**\" = [\"TMP001\"]\n\"conftest.py\" = [\"ALL\"]\n",
    );
    write(dir.path(), "src/m.py", INSECURE);
    write(dir.path(), "tests/test_m.py", INSECURE);
    write(dir.path(), "pkg/conftest.py", INSECURE);
    let (_, out, _) = run(tempsafe(dir.path()).args(["check", "--output-format", "concise", "."]));
    assert!(out.contains("src/m.py:6:12: TMP001"), "{out}");
    assert!(!out.contains("tests/test_m.py"), "{out}");
    assert!(!out.contains("conftest.py"), "{out}");
}

#[test]
fn exclude_extend_exclude_and_force_exclude_with_named_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nexclude = [\"vendored\"]\nextend-exclude = [\"gen/*.py\"]\n",
    );
    write(dir.path(), "vendored/lib/m.py", INSECURE);
    write(dir.path(), "gen/m.py", INSECURE);
    write(dir.path(), "src/m.py", INSECURE);
    let (_, out, _) = run(tempsafe(dir.path()).args(["check", "--output-format", "concise", "."]));
    assert!(out.contains("src/m.py"), "{out}");
    assert!(!out.contains("vendored"), "{out}");
    assert!(!out.contains("gen/"), "{out}");
    // Named files are checked unless --force-exclude (what pre-commit passes).
    assert_eq!(
        code(dir.path(), &["check", "vendored/lib/m.py", "gen/m.py"]),
        1
    );
    assert_eq!(
        code(
            dir.path(),
            &["check", "--force-exclude", "vendored/lib/m.py", "gen/m.py"]
        ),
        0
    );
    // ... or force-exclude in the configuration.
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nexclude = [\"vendored\"]\nforce-exclude = true\n",
    );
    assert_eq!(code(dir.path(), &["check", "vendored/lib/m.py"]), 0);
}

#[test]
fn stdin_filename_resolves_configuration_and_exclusion() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "repo/pyproject.toml",
        "[tool.tempsafe]\nignore = [\"TMP001\"]\nexclude = [\"skip\"]\n",
    );
    let stdin = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::from_std(tempsafe(dir.path()));
        let out = cmd.args(args).write_stdin(INSECURE).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    // Without `-`: --stdin-filename alone reads standard input.
    assert_eq!(stdin(&["check", "--stdin-filename", "other/x.py"]).0, 1);
    assert_eq!(stdin(&["check", "--stdin-filename", "repo/x.py"]).0, 0);
    assert_eq!(stdin(&["check", "-", "--stdin-filename", "repo/x.py"]).0, 0);
    // Excluded under force-exclude: fix passes the source through.
    let (status, out) = stdin(&[
        "fix",
        "--force-exclude",
        "--stdin-filename",
        "repo/skip/x.py",
        "--select",
        "ALL",
    ]);
    assert_eq!(status, 0);
    assert_eq!(out, INSECURE);
}

#[test]
fn configuration_errors_name_the_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nper-file-ignore = {}\n",
    );
    write(dir.path(), "m.py", INSECURE);
    let (status, _, err) = run(tempsafe(dir.path()).args(["check", "."]));
    assert_eq!(status, 2);
    assert!(
        err.contains("pyproject.toml: unknown key `per-file-ignore` in [tool.tempsafe]; did you mean `per-file-ignores`?"),
        "{err}"
    );
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nselect = \"TMP001\"\n",
    );
    let (_, _, err) = run(tempsafe(dir.path()).args(["check", "."]));
    assert!(
        err.contains("[tool.tempsafe] `select` must be a list of strings"),
        "{err}"
    );
    // `ALL` is known, on the command line too.
    fs::remove_file(dir.path().join("pyproject.toml")).unwrap();
    assert_eq!(code(dir.path(), &["check", "--select", "ALL", "."]), 1);
    assert_eq!(code(dir.path(), &["check", "--ignore", "ALL", "."]), 0);
}

// ---- SARIF ----

/// The SARIF validator (`@microsoft/sarif-multitool` from npm), installed
/// once per target directory; None when npm cannot install it.
fn sarif_multitool() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-tools");
    let bin = dir.join("node_modules/.bin/sarif-multitool");
    if !bin.exists() {
        fs::create_dir_all(&dir).ok()?;
        let installed = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg("@microsoft/sarif-multitool")
            .status()
            .ok()?;
        if !installed.success() {
            return None;
        }
    }
    bin.exists().then_some(bin)
}

fn sarif_of(dir: &Path, args: &[&str]) -> serde_json::Value {
    let (_, out, err) = run(tempsafe(dir).args(args));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"))
}

#[test]
fn sarif_has_rules_fingerprints_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "src/bad.py", INSECURE);
    write(dir.path(), "src/nofix.py", NO_FIX);
    write(
        dir.path(),
        "py2.py",
        "import tempfile\nprint tempfile.mktemp()\n",
    );
    let log = sarif_of(dir.path(), &["check", "--output-format", "sarif", "."]);
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let tmp001 = &rules[0];
    assert_eq!(tmp001["id"], "TMP001");
    assert_eq!(tmp001["name"], "MktempCall");
    assert!(tmp001["help"]["text"].as_str().unwrap().contains("mkstemp"));
    assert_eq!(tmp001["properties"]["tags"][1], "external/cwe/cwe-377");
    assert!(tmp001["properties"]["security-severity"].is_string());
    let results = run0["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["py2.py", "src/bad.py", "src/nofix.py"]);
    assert_eq!(results[0]["ruleId"], "TMP000");
    // The safe fix is there as an artifact change; no fix, no `fixes`.
    let change = &results[1]["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "src/bad.py");
    let inserted: String = change["replacements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["insertedContent"]["text"].as_str().unwrap())
        .collect();
    assert!(inserted.contains("mkstemp"), "{change}");
    assert!(results[2].get("fixes").is_none());
    // Fingerprints survive lines added above the finding; run from a subfolder,
    // paths stay relative to the repository root.
    let before = results[1]["partialFingerprints"].clone();
    write(
        dir.path(),
        "src/bad.py",
        &format!("# a new header\n\n{INSECURE}"),
    );
    let log = sarif_of(
        &dir.path().join("src"),
        &["check", "--output-format", "sarif", "bad.py"],
    );
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["partialFingerprints"], before);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        8
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/bad.py"
    );
}

/// Microsoft's validator with GitHub's code-scanning rules reports no error
/// and no warning. Skipped only when npm cannot install the validator.
#[test]
fn sarif_passes_the_sarif_multitool_with_github_rules() {
    let Some(validator) = sarif_multitool() else {
        eprintln!("skipped: npm could not install @microsoft/sarif-multitool");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "src/bad.py", INSECURE);
    write(dir.path(), "src/a b,c.py", NO_FIX);
    write(
        dir.path(),
        "py2.py",
        "import tempfile\nprint tempfile.mktemp()\n",
    );
    write(
        dir.path(),
        "esc.py",
        "import tempfile\n\ndef f():\n    return tempfile.mktemp()\n",
    );
    let (_, out, _) = run(tempsafe(dir.path()).args([
        "check",
        "--output-format",
        "sarif",
        "-o",
        "out.sarif",
        ".",
    ]));
    assert_eq!(out, "");
    // The npm shim runs the tool through a shell: `;` must be quoted.
    let status = Command::new(&validator)
        .current_dir(dir.path())
        .args([
            "validate",
            "out.sarif",
            "--rule-kind",
            "\"Gh;Sarif\"",
            "--level",
            "\"Error;Warning\"",
            "-o",
            "validation.sarif",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let validation: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("validation.sarif")).unwrap())
            .unwrap();
    let problems: Vec<String> = validation["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] != "note" && r["level"] != "none")
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

// ---- campaigns: JSON edits, markdown summary, the campaign scripts ----

fn repo_file(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Files of several shapes: two rounds of fixes, CRLF, a BOM, an unsafe fix,
/// one without a fix.
fn campaign_sources(dir: &Path) {
    write(dir, "a.py", INSECURE);
    write(dir, "crlf.py", &INSECURE.replace('\n', "\r\n"));
    write(dir, "bom.py", &format!("\u{feff}{INSECURE}"));
    write(
        dir,
        "pkg/esc.py",
        "import tempfile\n\ndef f():\n    path = tempfile.mktemp()\n    return path\n",
    );
    write(dir, "pkg/nofix.py", NO_FIX);
    write(
        dir,
        "pkg/dir.py",
        "import os\nimport tempfile\n\nd = tempfile.mktemp(prefix='x')\nos.mkdir(d)\nprint('/tmp/cache')\n",
    );
}

#[test]
fn json_edits_applied_by_the_script_give_what_fix_writes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    campaign_sources(a.path());
    campaign_sources(b.path());
    let (_, report, _) =
        run(tempsafe(a.path()).args(["fix", "--diff", "--output-format", "json", "."]));
    fs::write(a.path().join("report.json"), &report).unwrap();
    let value: serde_json::Value = serde_json::from_str(&report).unwrap();
    // Each finding with a fix carries its edits, in Ruff's shape.
    let edit = &value["files"][0]["findings"][0]["fix"]["edits"][0];
    assert!(
        edit["location"]["row"].is_u64() && edit["content"].is_string(),
        "{report}"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/apply-json-edits.py");
    let status = Command::new("python3")
        .current_dir(a.path())
        .arg(&script)
        .arg("report.json")
        .status()
        .unwrap();
    assert!(status.success());
    run(tempsafe(b.path()).arg("fix"));
    for name in [
        "a.py",
        "crlf.py",
        "bom.py",
        "pkg/esc.py",
        "pkg/nofix.py",
        "pkg/dir.py",
    ] {
        let (x, y) = (
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap(),
        );
        assert_eq!(
            String::from_utf8_lossy(&x),
            String::from_utf8_lossy(&y),
            "{name}"
        );
    }
    assert_ne!(fs::read_to_string(b.path().join("a.py")).unwrap(), INSECURE);
}

#[test]
fn markdown_summary_per_repository() {
    let dir = tempfile::tempdir().unwrap();
    campaign_sources(&dir.path().join("one"));
    write(dir.path(), "two/clean.py", CLEAN);
    let (status, out, _) =
        run(tempsafe(dir.path()).args(["fix", "--output-format", "markdown", "one", "two"]));
    assert_eq!(status, 1);
    assert!(out.contains("## tempsafe: `one`"), "{out}");
    assert!(
        out.contains("## tempsafe: `two`\n\nNo insecure temporary-file code found."),
        "{out}"
    );
    assert!(out.contains("| `TMP001` mktemp-call |"), "{out}");
    assert!(out.contains("### Left for review"), "{out}");
    assert!(out.contains("`one/pkg/nofix.py:4:24` `TMP001`"), "{out}");
    assert!(
        out.contains("unsafe fix available (--unsafe-fixes)"),
        "{out}"
    );
    assert!(
        out.contains("<details><summary>Why <code>TMP001</code>"),
        "{out}"
    );
}

/// The campaign script, run as multi-gitter or turbolift would in each of
/// three local repositories: commit when it exits 0 and changed something.
#[cfg(unix)]
#[test]
fn campaign_script_on_local_git_repositories() {
    let work = tempfile::tempdir().unwrap();
    let summaries = work.path().join("summaries");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("campaign/tempsafe-campaign.sh");
    let bin_dir = common::tempsafe().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let repos = ["org/fixable", "org/nofix", "org/clean"];
    write(work.path(), "org/fixable/app.py", INSECURE);
    write(work.path(), "org/nofix/app.py", NO_FIX);
    write(work.path(), "org/clean/app.py", CLEAN);
    for repo in repos {
        let dir = work.path().join(repo);
        git(&dir, &["init", "-q"]);
        git(&dir, &["add", "."]);
        git(&dir, &["commit", "-qm", "init"]);
        let status = Command::new("sh")
            .arg(&script)
            .current_dir(&dir)
            .env("PATH", &path)
            .env("TEMPSAFE_SUMMARY_DIR", &summaries)
            .env("REPOSITORY", repo)
            .status()
            .unwrap();
        assert!(status.success(), "{repo}");
        if !git(&dir, &["status", "--porcelain"]).is_empty() {
            git(&dir, &["commit", "-qam", "Fix insecure temporary files"]);
        }
    }
    let commits = |repo: &str| git(&work.path().join(repo), &["rev-list", "--count", "HEAD"]);
    assert_eq!(commits("org/fixable").trim(), "2");
    assert_eq!(commits("org/nofix").trim(), "1");
    assert_eq!(commits("org/clean").trim(), "1");
    let summary = |name: &str| fs::read_to_string(summaries.join(name)).unwrap();
    assert!(
        summary("org_fixable.md").contains("**1 fixed** in 1 file, **0 left**"),
        "{}",
        summary("org_fixable.md")
    );
    assert!(summary("org_nofix.md").contains("### Left for review"));
    assert!(summary("org_clean.md").contains("No insecure temporary-file code found."));

    // The CI matrix's tempsafe step, run the same way.
    let workflow = repo_file("campaign/ci-matrix.yml");
    let step = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("- run: tempsafe "))
        .unwrap();
    write(work.path(), "matrix/app.py", INSECURE);
    let status = Command::new("sh")
        .args(["-c", &format!("tempsafe {step}")])
        .current_dir(work.path().join("matrix"))
        .env("PATH", &path)
        .env("RUNNER_TEMP", work.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        fs::read_to_string(work.path().join("tempsafe.md"))
            .unwrap()
            .contains("fixed")
    );
}

#[test]
fn readme_shows_the_tested_files() {
    let readme = repo_file("README.md");
    for file in [
        "campaign/tempsafe-campaign.sh",
        "campaign/ci-matrix.yml",
        "campaign/pr-bodies.sh",
        "campaign/code-scanning.yml",
        ".pre-commit-hooks.yaml",
    ] {
        assert!(
            readme.contains(&repo_file(file)),
            "README does not show {file} as it is"
        );
    }
}

// ---- pre-commit ----

/// A `pre-commit` to run: on the PATH, else installed with pip into a
/// virtualenv once per target directory; None when pip cannot install it.
fn pre_commit() -> Option<std::path::PathBuf> {
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some("pre-commit".into());
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-venv");
    let bin = venv.join("bin/pre-commit");
    if !bin.exists() {
        let made = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&venv)
            .status()
            .ok()?;
        let pip = Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "pre-commit"])
            .status()
            .ok()?;
        if !made.success() || !pip.success() {
            return None;
        }
    }
    bin.exists().then_some(bin)
}

/// `pre-commit try-repo` of this checkout on a temporary repository: a
/// staged file with mktemp() fails the hook, the fixed file passes, a file
/// excluded in the configuration is left alone, and the run prints one
/// summary. Skipped only when pip cannot install pre-commit.
#[cfg(unix)]
#[test]
fn pre_commit_hooks_via_try_repo() {
    let Some(pre_commit) = pre_commit() else {
        eprintln!("skipped: pre-commit could not be installed with pip");
        return;
    };
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    write(
        repo.path(),
        "pyproject.toml",
        "[tool.tempsafe]\nexclude = [\"vendored\"]\n",
    );
    write(repo.path(), "bad.py", INSECURE);
    write(repo.path(), "other.py", INSECURE);
    write(repo.path(), "vendored/lib.py", INSECURE);
    git(repo.path(), &["add", "."]);
    let try_repo = |hook: &str| {
        let out = Command::new(&pre_commit)
            .current_dir(repo.path())
            .arg("try-repo")
            .arg(checkout)
            .arg(hook)
            .env("PRE_COMMIT_HOME", home.path())
            // Build the hook's wheel from what `cargo test` compiled.
            .env("CARGO_TARGET_DIR", checkout.join("target"))
            .env("MATURIN_PEP517_ARGS", "--profile dev")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), text)
    };
    let (status, out) = try_repo("tempsafe");
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("bad.py:6:12: TMP001") || out.contains("bad.py:6:12"),
        "{out}"
    );
    assert!(!out.contains("vendored/lib.py"), "{out}");
    assert_eq!(
        out.matches(" files checked").count(),
        1,
        "one summary: {out}"
    );
    // The fix hook rewrites the files (and fails, as pre-commit hooks that
    // change files do); staged again, the check passes.
    let (status, out) = try_repo("tempsafe-fix");
    assert_eq!(status, 1, "{out}");
    assert!(
        fs::read_to_string(repo.path().join("bad.py"))
            .unwrap()
            .contains("mkstemp")
    );
    assert_eq!(
        fs::read_to_string(repo.path().join("vendored/lib.py")).unwrap(),
        INSECURE
    );
    git(repo.path(), &["add", "."]);
    let (status, out) = try_repo("tempsafe");
    assert_eq!(status, 0, "{out}");
}

// ---- the GitHub Action ----

/// The action's check step as the composite action runs it: annotations
/// that fail the step, or a SARIF file and a passing step, with the output.
#[cfg(unix)]
#[test]
fn action_check_step() {
    let action = repo_file("action.yml");
    assert!(action.contains("using: composite"));
    assert!(
        action.contains("scripts/action-install.sh") && action.contains("scripts/action-check.sh")
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/action-check.sh");
    let bin_dir = common::tempsafe().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/bad.py", INSECURE);
    write(dir.path(), "other/bad.py", INSECURE);
    let step = |format: &str| {
        let out = Command::new("bash")
            .arg(&script)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("TEMPSAFE_SRC", "src")
            .env("TEMPSAFE_OUTPUT_FORMAT", format)
            .env("TEMPSAFE_SARIF_FILE", "out.sarif")
            .env("TEMPSAFE_ARGS", "--select TMP001")
            .env("GITHUB_OUTPUT", dir.path().join("github-output"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (status, out) = step("github");
    assert_eq!(status, 1);
    assert!(
        out.starts_with("::warning title=tempsafe TMP001,file=src/bad.py,line=6"),
        "{out}"
    );
    assert!(!out.contains("other/"), "{out}");
    let (status, _) = step("sarif");
    assert_eq!(status, 0);
    let log: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out.sarif")).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("github-output")).unwrap(),
        "sarif-file=out.sarif\n"
    );
    assert_eq!(step("xml").0, 2);
}

// ---- colour and annotations ----

fn diff_output(dir: &Path, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(common::tempsafe());
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .args(["check", "--diff", "bad.py"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    String::from_utf8_lossy(&cmd.output().unwrap().stdout).into_owned()
}

const RED: &str = "\u{1b}[31m-";

#[test]
fn colour_follows_no_color_force_color_and_clicolor_force() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE);
    // Not a terminal: plain, so `> change.patch` stays a patch.
    assert!(!diff_output(dir.path(), &[]).contains('\u{1b}'));
    assert!(diff_output(dir.path(), &[("FORCE_COLOR", "1")]).contains(RED));
    assert!(diff_output(dir.path(), &[("CLICOLOR_FORCE", "1")]).contains(RED));
    // An empty NO_COLOR is unset; a non-empty one wins.
    assert!(diff_output(dir.path(), &[("NO_COLOR", ""), ("FORCE_COLOR", "1")]).contains(RED));
    assert!(
        !diff_output(dir.path(), &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]).contains('\u{1b}')
    );
    assert!(!diff_output(dir.path(), &[("FORCE_COLOR", "0")]).contains('\u{1b}'));
}

/// On a terminal (a pty from `script`), diffs are coloured unless NO_COLOR
/// is set and not empty.
#[cfg(unix)]
#[test]
fn diffs_are_coloured_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to make a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.py", INSECURE);
    let on_tty = |no_color: &str| {
        let command = format!("{} check --diff bad.py", common::tempsafe().display());
        let out = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .env("TERM", "xterm")
            .env("NO_COLOR", no_color)
            .env_remove("FORCE_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(on_tty("").contains(RED));
    assert!(!on_tty("1").contains(RED));
}

#[test]
fn github_annotations_escape_property_values() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a,b:c%d.py", INSECURE);
    let (_, out, _) = run(tempsafe(dir.path()).args(["check", "--output-format", "github", "."]));
    assert!(
        out.starts_with("::warning title=tempsafe TMP001,file=a%2Cb%3Ac%25d.py,line=6,"),
        "{out}"
    );
}

// ---- adopting step by step ----

#[test]
fn baseline_keeps_old_findings_out_and_survives_line_shifts() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "src/old.py", INSECURE);
    write(
        dir.path(),
        "src/esc.py",
        "import tempfile\n\ndef f():\n    return tempfile.mktemp()\n",
    );
    assert_eq!(
        code(
            dir.path(),
            &["check", "--write-baseline", "baseline.json", "."]
        ),
        0
    );
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["files"]["src/old.py"][0]["code"], "TMP001");
    assert_eq!(
        code(dir.path(), &["check", "--baseline", "baseline.json", "."]),
        0
    );
    // Unrelated lines above move the finding: still known.
    write(
        dir.path(),
        "src/old.py",
        &format!("\"\"\"Docs.\"\"\"\n\n\n{INSECURE}"),
    );
    assert_eq!(
        code(dir.path(), &["check", "--baseline", "baseline.json", "."]),
        0
    );
    // fix leaves the known finding alone too.
    assert_eq!(
        code(dir.path(), &["fix", "--baseline", "baseline.json", "."]),
        0
    );
    assert!(
        fs::read_to_string(dir.path().join("src/old.py"))
            .unwrap()
            .contains("mktemp()")
    );
    // A new finding fails, in a known file and in a new one; only it is fixed.
    let with_new = format!(
        "{}\n\ndef g():\n    n = tempfile.mktemp()\n    open(n, 'w').close()\n",
        fs::read_to_string(dir.path().join("src/old.py")).unwrap()
    );
    write(dir.path(), "src/old.py", &with_new);
    let (status, out, _) = run(tempsafe(dir.path()).args([
        "check",
        "--output-format",
        "concise",
        "--baseline",
        "baseline.json",
        ".",
    ]));
    assert_eq!(status, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    write(dir.path(), "src/new.py", INSECURE);
    assert_eq!(
        code(
            dir.path(),
            &["check", "--baseline", "baseline.json", "src/new.py"]
        ),
        1
    );
}

#[test]
fn add_noqa_marks_what_is_left_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", INSECURE);
    write(
        dir.path(),
        "esc.py",
        "import tempfile\n\ndef f():\n    return tempfile.mktemp()  # keep\n",
    );
    assert_eq!(
        code(dir.path(), &["check", "--add-noqa=legacy, see #12", "."]),
        0
    );
    let esc = fs::read_to_string(dir.path().join("esc.py")).unwrap();
    assert_eq!(
        esc,
        "import tempfile\n\ndef f():\n    return tempfile.mktemp()  # keep  # noqa: TMP001 -- legacy, see  12\n"
    );
    assert_eq!(code(dir.path(), &["check", "."]), 0);
    let a = fs::read_to_string(dir.path().join("a.py")).unwrap();
    // Again: nothing left to mark, nothing changes.
    let (status, _, err) = run(tempsafe(dir.path()).args(["check", "--add-noqa", "."]));
    assert_eq!(status, 0);
    assert!(err.contains("Added 0 noqa directives to 0 files"), "{err}");
    assert_eq!(fs::read_to_string(dir.path().join("esc.py")).unwrap(), esc);
    assert_eq!(fs::read_to_string(dir.path().join("a.py")).unwrap(), a);
}
