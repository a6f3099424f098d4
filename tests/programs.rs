//! Behaviour kept: each program under `tests/programs/<transform>/` runs
//! with python3 before and after `tempsafe fix`, with a fresh `$TMPDIR` each
//! time. Safe and unsafe fixes must keep stdout and leave no more entries
//! in `$TMPDIR` than the original did. A program that no
//! fix changes proves nothing, so that fails too. A program marked
//! `# expect-clean-after-fix` leaks into `$TMPDIR` before the fix and must
//! leave it empty after the safe fix. A program with a
//! `# target-version: pyXY` line is fixed for that target and run by an
//! interpreter at least that new (`python3`, else `pythonX.Y` if one runs);
//! with none, its fixed form is only compiled. So is one with a `# requires:
//! <module>` line when python3 cannot import the module (CI installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use tempsafe::settings::PythonVersion;

struct Run {
    stdout: String,
    leftovers: usize,
}

fn run_python(python: &str, program: &Path) -> Run {
    let tmp = tempfile::Builder::new()
        .prefix("ts")
        .tempdir_in("/tmp")
        .unwrap();
    let output = Command::new(python)
        .arg(program)
        .env("TMPDIR", tmp.path())
        .current_dir(program.parent().unwrap())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{} failed:\n{}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        leftovers: std::fs::read_dir(tmp.path()).unwrap().count(),
    }
}

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "py") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The program's `# target-version: pyXY` line, among its first five.
fn target_version(program: &Path) -> Option<PythonVersion> {
    let text = std::fs::read_to_string(program).unwrap();
    text.lines().take(5).find_map(|line| {
        let value = line.trim().strip_prefix("# target-version:")?.trim();
        Some(PythonVersion::from_target(value).expect("a target like py312"))
    })
}

/// Whether `python` imports the module of the program's `# requires:` line
/// (among its first ten), if it has one.
fn requirement_met(program: &Path, python: &str) -> bool {
    let text = std::fs::read_to_string(program).unwrap();
    let Some(module) = text
        .lines()
        .take(10)
        .find_map(|line| line.trim().strip_prefix("# requires:"))
    else {
        return true;
    };
    Command::new(python)
        .args(["-c", &format!("import {}", module.trim())])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The version `python` runs, if it runs.
fn python_version(python: &str) -> Option<PythonVersion> {
    let script = "import sys; print('py%d%d' % sys.version_info[:2])";
    let output = Command::new(python).args(["-c", script]).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    output.status.success().then_some(())?;
    PythonVersion::from_target(text.trim())
}

/// An interpreter at least as new as `target`: python3, else pythonX.Y.
fn interpreter(target: Option<PythonVersion>) -> Option<String> {
    let Some(target) = target else {
        return Some("python3".to_string());
    };
    let named = format!("python{}.{}", target.major, target.minor);
    ["python3".to_string(), named]
        .into_iter()
        .find(|python| python_version(python).is_some_and(|v| v >= target))
}

fn fixed_copy(program: &Path, work: &Path, unsafe_fixes: bool) -> (PathBuf, bool) {
    let copy = work.join(program.file_name().unwrap());
    std::fs::copy(program, &copy).unwrap();
    let mut cmd = Command::new(common::tempsafe());
    cmd.arg("fix").arg(&copy);
    if unsafe_fixes {
        cmd.arg("--unsafe-fixes");
    }
    if let Some(target) = target_version(program) {
        cmd.arg("--target-version").arg(target.to_string());
    }
    let status = cmd.output().unwrap().status;
    assert_ne!(
        status.code(),
        Some(2),
        "tempsafe failed on {}",
        program.display()
    );
    let changed = std::fs::read(&copy).unwrap() != std::fs::read(program).unwrap();
    (copy, changed)
}

#[test]
fn programs_behave_the_same_after_fixing() {
    let programs = programs();
    assert!(programs.len() >= 10, "the programs are missing");
    let mut failures = Vec::new();
    for program in &programs {
        let python =
            interpreter(target_version(program)).filter(|python| requirement_met(program, python));
        let before = match &python {
            Some(python) => run_python(python, program),
            None => Run {
                stdout: String::new(),
                leftovers: 0,
            },
        };
        let mut changed_any = false;
        for unsafe_fixes in [false, true] {
            let work = tempfile::tempdir().unwrap();
            let (copy, changed) = fixed_copy(program, work.path(), unsafe_fixes);
            changed_any |= changed;
            if !changed {
                continue;
            }
            let Some(python) = &python else {
                // No interpreter for the target here: the fixed form can
                // only be compiled, not run.
                let text = std::fs::read_to_string(&copy).unwrap();
                common::assert_python_parses(&[(copy.display().to_string(), text)]);
                continue;
            };
            let after = run_python(python, &copy);
            let label = if unsafe_fixes { "unsafe" } else { "safe" };
            if after.stdout != before.stdout {
                failures.push(format!(
                    "{} ({label}): output changed\n--- before\n{}--- after\n{}--- fixed source\n{}",
                    program.display(),
                    before.stdout,
                    after.stdout,
                    std::fs::read_to_string(&copy).unwrap()
                ));
            }
            let expect_clean = std::fs::read_to_string(program)
                .unwrap()
                .contains("# expect-clean-after-fix");
            if !unsafe_fixes && expect_clean && (before.leftovers == 0 || after.leftovers != 0) {
                failures.push(format!(
                    "{} (safe): expected a leak before ({}) and none after ({})",
                    program.display(),
                    before.leftovers,
                    after.leftovers
                ));
            }
            // Unsafe fixes may change behaviour for unseen callers; they
            // must not leak either.
            if after.leftovers > before.leftovers {
                failures.push(format!(
                    "{} ({label}): {} entries left in $TMPDIR, {} before",
                    program.display(),
                    after.leftovers,
                    before.leftovers
                ));
            }
        }
        if !changed_any {
            failures.push(format!("{}: no fix changed it", program.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
