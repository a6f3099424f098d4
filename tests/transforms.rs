//! The spec by example: every case under `transforms/<name>/` is checked,
//! fixed (safe, then unsafe) and snapshotted, and the invariants are
//! asserted on each: the result parses (with Python's own `ast` too),
//! fixing converges, a second run changes nothing, line endings, BOM and
//! final newline are kept, every fix has a title, and under all transforms
//! at once no fix leaves a finding that it created.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use tempsafe::printer::unified_diff;
use tempsafe::runner::{Mode, Outcome, process_source};
use tempsafe::settings::PythonVersion;
use tempsafe::{Rule, Settings, check_source, fix_source};

/// The transform a case folder belongs to (`transforms/<name>/`).
fn rule_of(path: &Path) -> Rule {
    let folder = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    Rule::from_code(folder).unwrap_or_else(|| panic!("no transform named {folder}"))
}

/// A case's target Python: a `# target-version: py312` line among its
/// first five non-blank lines, whatever their line ending (none: unknown,
/// as for a project that does not say).
fn target_version(source: &str) -> Option<PythonVersion> {
    let lines = source.split(['\n', '\r']).filter(|l| !l.trim().is_empty());
    lines.take(5).find_map(|line| {
        let value = line.trim().strip_prefix("# target-version:")?.trim();
        Some(PythonVersion::from_target(value).unwrap_or_else(|| panic!("bad header: {line}")))
    })
}

/// [`Settings::new`] for the case's target.
fn settings_for(source: &str, rules: Vec<Rule>, unsafe_fixes: bool) -> Settings {
    let mut settings = Settings::new(rules, unsafe_fixes);
    settings.target_version = target_version(source);
    settings
}

fn render(path: &Path, source: &str, python_outputs: &mut Vec<(String, String)>) -> String {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let rules = vec![rule_of(path)];
    let settings = settings_for(source, rules.clone(), false);
    if let Outcome::Skipped(reason) = process_source(source, &settings, Mode::Check) {
        return format!("skipped: {reason}\n");
    }
    let mut out = String::from("--- findings ---\n");
    let diagnostics = check_source(source, &settings).expect("case parses");
    let index = ruff_source_file::LineIndex::from_source_text(source);
    for d in &diagnostics {
        let at = index.line_column(d.range.start(), source);
        let applicability = match d.applicability() {
            Some(a) => format!("{a:?}").to_lowercase(),
            None => "no fix".to_string(),
        };
        writeln!(
            out,
            "{}:{} {} [{applicability}] {}",
            at.line,
            at.column,
            d.rule.code(),
            d.message
        )
        .unwrap();
        if let Some(title) = &d.fix_title {
            writeln!(out, "    fix: {title}").unwrap();
        }
        if let Some(note) = &d.note {
            writeln!(out, "    note: {note}").unwrap();
        }
        assert!(
            d.fix.is_none() || d.fix_title.is_some(),
            "{name}: a fix without a title"
        );
    }
    for (label, unsafe_fixes) in [("safe", false), ("unsafe", true)] {
        let settings = settings_for(source, rules.clone(), unsafe_fixes);
        let fixed = fix_source(source, &settings).expect("fixing never breaks a case");
        assert!(fixed.converged, "{name}: {label} fixes did not converge");
        common::assert_lossless_shape(source, &fixed.source, &name);
        let again = fix_source(&fixed.source, &settings).expect("fixed source parses");
        assert_eq!(
            again.source, fixed.source,
            "{name}: a second {label} run changed the file"
        );
        writeln!(out, "--- fix ({label}) ---").unwrap();
        if fixed.source == source {
            out.push_str("(no change)\n");
        } else {
            out.push_str(&unified_diff(&name, source, &fixed.source));
            python_outputs.push((format!("{name} ({label})"), fixed.source.clone()));
        }
    }
    // Under every transform at once, no fix leaves a finding behind that it
    // created itself (one transform's output reported by another).
    for unsafe_fixes in [false, true] {
        let settings = settings_for(source, Settings::default().rules, unsafe_fixes);
        let fixed = fix_source(source, &settings).expect("fixing never breaks a case");
        let created = common::created_findings(source, &fixed.source, &settings);
        assert!(
            created.is_empty(),
            "{name}: fixes (unsafe: {unsafe_fixes}) under all transforms left findings they created: {created:?}\n{}",
            fixed.source
        );
        python_outputs.push((
            format!("{name} (all, unsafe: {unsafe_fixes})"),
            fixed.source,
        ));
    }
    out
}

#[test]
fn transform_cases() {
    let mut python_outputs = Vec::new();
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../transforms", "*/*.py", |path| {
            let bytes = std::fs::read(path).unwrap();
            let source = String::from_utf8(bytes).unwrap();
            insta::assert_snapshot!(render(path, &source, &mut python_outputs));
        });
    });
    common::assert_python_parses(&python_outputs);
}
