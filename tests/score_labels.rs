//! scripts/score-labels.py (issue 10's scoring of a run against the labelled
//! corpus) on a tiny fake report: the figures, the lists, `--check`'s exit
//! code, and that corpus/labels-A.tsv itself reads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn data() -> PathBuf {
    repo().join("tests/data/score-labels")
}

fn score(report: &Path, labels: &Path, extra: &[&str]) -> Output {
    Command::new("python3")
        .arg(repo().join("scripts/score-labels.py"))
        .arg(report)
        .arg(labels)
        .arg("--root")
        .arg(data())
        .args(extra)
        .output()
        .expect("python3 runs")
}

fn figures(report: &str) -> Value {
    let out = score(
        &data().join(report),
        &data().join("labels.tsv"),
        &["--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON figures")
}

/// `path:line code` of every item of a list in the figures.
fn places(figures: &Value, list: &str) -> Vec<String> {
    figures[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}:{} {}",
                i["path"].as_str().unwrap(),
                i["line"],
                i["code"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn figures_of_a_run_that_misses_the_targets() {
    let f = figures("report-before.json");
    assert_eq!(f["reported"], 6);
    assert_eq!(f["true_reported"], 3);
    // Unlabelled findings count as not true.
    assert_eq!(f["precision"], 0.5);
    assert_eq!(f["precision_of_labelled"], 0.6);
    assert_eq!(f["safe_fix_recall"], 0.3333);
    assert_eq!(f["unsafe_fix_coverage"], 0.3333);
    // Two findings on one line are told apart by their snippet.
    assert_eq!(
        places(&f, "fixes_on_fp_or_unfixable"),
        ["pkg-1.0/a.py:5 TMP002", "pkg-1.0/a.py:6 TMP002"]
    );
    assert_eq!(f["fixes_on_fp_or_unfixable"][0]["snippet"], "\"/tmp/b\"");
    assert_eq!(
        places(&f, "lost_true_findings"),
        ["pkg-1.0/gone.py:1 TMP001"]
    );
    assert_eq!(places(&f, "unlabelled_findings"), ["pkg-1.0/a.py:7 TMP001"]);
    assert_eq!(
        places(&f, "bad_fixes_still_offered"),
        ["pkg-1.0/a.py:3 TMP001"]
    );
    assert_eq!(f["targets_missed"].as_array().unwrap().len(), 4);
}

#[test]
fn figures_of_a_run_that_meets_the_targets() {
    let f = figures("report-after.json");
    assert_eq!(f["precision"], 1.0);
    assert_eq!(f["safe_fix_recall"], 0.6667);
    assert_eq!(f["fp_dismissed"], 2);
    // gone.py has no source: its finding is found again by its line.
    assert_eq!(f["matched_by_line_only"], 1);
    assert_eq!(f["targets_missed"], Value::Array(vec![]));
}

#[test]
fn check_fails_only_when_a_target_is_missed() {
    let labels = data().join("labels.tsv");
    let before = score(&data().join("report-before.json"), &labels, &["--check"]);
    assert_eq!(before.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&before.stdout).contains("targets: MISSED"));
    let after = score(&data().join("report-after.json"), &labels, &["--check"]);
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&after.stdout)
    );
}

#[test]
fn corpus_labels_read_and_every_row_is_counted() {
    for (file, at_least) in [
        ("corpus/labels-A.tsv", 156),
        ("corpus/labels-unseen.tsv", 220),
    ] {
        every_row_is_counted(file, at_least);
    }
}

fn every_row_is_counted(file: &str, at_least: usize) {
    let labels = repo().join(file);
    let rows = std::fs::read_to_string(&labels)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .count()
        - 1;
    let empty =
        std::env::temp_dir().join(format!("score-labels-empty-{}.json", std::process::id()));
    std::fs::write(&empty, r#"{"files": []}"#).unwrap();
    let out = score(&empty, &labels, &["--json"]);
    std::fs::remove_file(&empty).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Nothing reported: every true row is lost and every fp row dismissed.
    let lost = f["lost_true_findings"].as_array().unwrap().len();
    assert_eq!(lost + f["fp_dismissed"].as_u64().unwrap() as usize, rows);
    assert!(rows >= at_least, "{file} has {rows} rows");
}
