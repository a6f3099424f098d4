//! The real-corpus invariants over the Python standard library: no panic,
//! every fixed file parses (with python3's `ast`), a second run is a no-op,
//! the file's shape (line endings, BOM, final newline) is kept.
//! Larger corpora (../shared/corpus) run from `scripts/corpus-check.sh`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use tempsafe::discover::{WalkOptions, discover};
use tempsafe::source::decode;
use tempsafe::{Settings, SourceError, fix_source};

fn stdlib() -> PathBuf {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .expect("python3 runs");
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

#[test]
fn stdlib_fixes_parse_and_are_idempotent() {
    let root = stdlib();
    let (files, _) = discover(std::slice::from_ref(&root), &WalkOptions::default());
    assert!(files.len() > 500, "found only {} stdlib files", files.len());
    let settings = Settings::new(Settings::default().rules, true);
    let mut fixed_files = Vec::new();
    let mut findings = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        if settings.active_rules(&bytes).is_empty() {
            continue;
        }
        let Ok(source) = decode(&bytes) else { continue };
        // A file that does not parse (Python 2 test data) is left alone; any
        // other error (a fix that broke the syntax) fails the test.
        let fixed = match fix_source(source, &settings) {
            Ok(fixed) => fixed,
            Err(SourceError::Syntax { .. }) => continue,
            Err(error) => panic!("{}: {error}", path.display()),
        };
        findings += fixed.findings.len();
        if fixed.source == source {
            continue;
        }
        let name = path.display().to_string();
        assert!(fixed.converged, "{name}: did not converge");
        common::assert_lossless_shape(source, &fixed.source, &name);
        let again = fix_source(&fixed.source, &settings).expect("fixed file parses");
        assert_eq!(again.source, fixed.source, "{name}: second run changed it");
        let created = common::created_findings(source, &fixed.source, &settings);
        assert!(
            created.is_empty(),
            "{name}: fixes left findings: {created:?}"
        );
        fixed_files.push((name, fixed.source));
    }
    assert!(findings >= 10, "only {findings} findings in the stdlib");
    assert!(!fixed_files.is_empty(), "nothing in the stdlib was fixed");
    common::assert_python_parses(&fixed_files);
}

#[test]
fn stdlib_dry_run_through_the_cli_does_not_panic() {
    let out = Command::new(common::tempsafe())
        .args(["fix", "--dry-run", "--unsafe-fixes"])
        .arg(stdlib())
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(1 | 2)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty(), "no diff");
}
