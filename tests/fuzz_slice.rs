//! CI's slice of the mutation fuzzer (issue 8): `scripts/fuzz.py` with a
//! fixed seed and a small count, against this build's binary. Every mutant
//! of the transform cases and the runnable programs must pass every check
//! (no crash, outputs compile, a second run changes nothing, the dry-run
//! patch equals the fix, no fix creates a finding, comments and suppressed
//! lines survive).

use std::process::Command;

/// Mutants in the slice: 300 took 9 s with the debug binary on 2 cores;
/// 600 took 61 s with other work on the machine and today's failures
/// (each confirmed and saved), so 300 keeps the slice under a minute.
const COUNT: &str = "300";

#[test]
fn fixed_seed_fuzz_slice_finds_nothing() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/fuzz.py"))
        .args(["--seed", "1", "--count", COUNT, "--jobs", "1"])
        .args([
            "--minimize-seconds",
            "0",
            "--bin",
            env!("CARGO_BIN_EXE_tempsafe"),
        ])
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the fuzz slice found failures (saved under {}):\n{}{}",
        out.keep().display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
