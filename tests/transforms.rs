//! The spec by example: every case file under `transforms/<name>/` is
//! checked with its transform, fixed (safe, then unsafe; then the same
//! under all transforms at once) and snapshotted under `snapshots/`.
//!
//! # Expectation lines
//!
//! A case file holds several cases: top-level functions, classes or
//! statements. One comment line above each case says what it expects, and
//! the harness checks it against the findings of the folder's transform in
//! that case: the lines from the expectation line to the next one (or to
//! the end of the file).
//!
//! ```text
//! expectation := "# ok"                                 no finding
//!              | "# expect: " finding (", " finding)*  these findings, in order
//! finding     := code " " status
//! code        := "TMP" three digits                     e.g. TMP001
//! status      := "safe" | "display-only"               the fix's applicability
//!              | "unsafe" [reason] | "no-fix" [reason]
//! reason      := "(" id ")"                             e.g. no-fix(rebound)
//! id          := one or more of a-z, 0-9, "-"
//! ```
//!
//! A line may end with what it expects from a target version on
//! (`; py310+: TMP003 safe`, or `; py310+: ok`), for a file that names
//! several targets (`# target-versions: unknown py39 py310 py312`, run
//! once per target, a snapshot section each).
//!
//! Examples: `# ok`, `# expect: TMP001 safe`,
//! `# expect: TMP002 unsafe, TMP002 unsafe`, `# expect: TMP003 no-fix`.
//! A reason id is checked only when it is written.
//!
//! - An expectation line starts in column 0 and ends at the line end. A
//!   column-0 comment whose first word is `ok` or `expect` must follow the
//!   grammar (a typo fails rather than silently checking nothing).
//! - Findings count by the line they start on, in source order.
//! - Lines under no expectation line (the file's header: an explaining
//!   comment, a `# target-version:` line, imports) must hold no finding.
//! - `# expect above: …` (or `# ok above`), allowed only as a file's first
//!   expectation line, covers the lines above it instead: for a case that
//!   has to start on line 1 (a finding on the first line of a BOM file).
//! - A file that tempsafe skips (`# tempsafe: skip-file`, `@generated`)
//!   reports nothing, so all its cases are `# ok`.
//!
//! A case that differs from its line fails with the file, the expectation
//! line, what it expects and what tempsafe found; every case file must
//! have at least one expectation line.
//!
//! # Snapshot sections
//!
//! `--- findings ---` lists the folder transform's findings; then
//! `--- fix (safe) ---`, `--- fix (unsafe) ---`,
//! `--- fix (all transforms, safe) ---` and
//! `--- fix (all transforms, unsafe) ---` each show a diff, or
//! `(no change)` when the file stays as it is, or `(same as <section>)`
//! when the result equals that of an earlier section that shows the diff.
//!
//! # Invariants asserted on every case and every run
//!
//! The result parses (with Python's own `compile()` too), fixing
//! converges, a second run changes nothing, line endings, BOM and final
//! newline are kept, every fix has a title, and under all transforms at
//! once no fix leaves a finding that it created
//! ([`common::created_findings`]).

mod common;

use std::fmt::Write as _;
use std::path::Path;

use ruff_diagnostics::Applicability;
use tempsafe::printer::unified_diff;
use tempsafe::runner::{Mode, Outcome, process_source};
use tempsafe::settings::PythonVersion;
use tempsafe::{Diagnostic, Rule, Settings, check_source, fix_source};

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

/// The settings every run of a case uses, for one of its targets.
fn settings_for(target: Option<PythonVersion>, rules: Vec<Rule>, unsafe_fixes: bool) -> Settings {
    let mut settings = Settings::new(rules, unsafe_fixes);
    settings.target_version = target;
    settings
}

/// A case's target Pythons, from a header among its first five non-blank
/// lines (whatever their line ending): `# target-version: py312` for one,
/// `# target-versions: unknown py39 py310` to run the same cases for each
/// (`unknown`: a project that does not say). None: unknown only.
fn targets(source: &str) -> Vec<Option<PythonVersion>> {
    let parse = |value: &str| match value {
        "unknown" => None,
        _ => {
            Some(PythonVersion::from_target(value).unwrap_or_else(|| panic!("bad target: {value}")))
        }
    };
    let lines = source.split(['\n', '\r']).filter(|l| !l.trim().is_empty());
    lines
        .take(5)
        .find_map(|line| {
            let line = line.trim();
            if let Some(values) = line.strip_prefix("# target-versions:") {
                return Some(values.split_whitespace().map(parse).collect());
            }
            let value = line.strip_prefix("# target-version:")?.trim();
            Some(vec![parse(value)])
        })
        .unwrap_or_else(|| vec![None])
}

/// What a finding's fix is, as an expectation line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Safe,
    Unsafe,
    DisplayOnly,
    NoFix,
}

impl Status {
    fn of(applicability: Option<Applicability>) -> Self {
        match applicability {
            Some(Applicability::Safe) => Self::Safe,
            Some(Applicability::Unsafe) => Self::Unsafe,
            Some(Applicability::DisplayOnly) => Self::DisplayOnly,
            None => Self::NoFix,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
            Self::DisplayOnly => "display-only",
            Self::NoFix => "no-fix",
        }
    }

    fn from_word(word: &str) -> Option<Self> {
        [Self::Safe, Self::Unsafe, Self::DisplayOnly, Self::NoFix]
            .into_iter()
            .find(|s| s.word() == word)
    }

    /// Only a missing or an unsafe fix has a reason.
    fn has_reason(self) -> bool {
        matches!(self, Self::Unsafe | Self::NoFix)
    }
}

/// One finding: as an expectation line names it, or as tempsafe reported
/// it (then `reason` is the reason id, if the build gives one).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    code: String,
    status: Status,
    reason: Option<String>,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.status.word())?;
        if let Some(reason) = &self.reason {
            write!(f, "({reason})")?;
        }
        Ok(())
    }
}

/// The reason id of a finding without a fix or with an unsafe one: a
/// `no-fix(<id>)` or `unsafe(<id>)` line is checked against it.
fn reason_id(diagnostic: &Diagnostic) -> Option<String> {
    tempsafe::printer::reasons::reason_id(diagnostic).map(str::to_string)
}

/// A finding tempsafe reported, with where it starts (1-based).
#[derive(Debug, Clone)]
struct Reported {
    line: usize,
    column: usize,
    finding: Finding,
}

/// One expectation line of a case file.
#[derive(Debug, PartialEq, Eq)]
struct Expectation {
    /// 1-based line of the comment.
    line: usize,
    text: String,
    /// `# expect above:`: covers the lines above it, not below.
    above: bool,
    findings: Vec<Finding>,
    /// `…; py310+: …`: what the case expects from that target on.
    from: FromTarget,
}

/// What a case expects from each target version on.
type FromTarget = Vec<(PythonVersion, Vec<Finding>)>;

impl Expectation {
    /// The findings expected under `target`.
    fn for_target(&self, target: Option<PythonVersion>) -> &[Finding] {
        self.from
            .iter()
            .rev()
            .find(|(version, _)| target.is_some_and(|t| t >= *version))
            .map_or(&self.findings, |(_, findings)| findings)
    }
}

/// Splits `# expect: …; py310+: …` into the line's own expectation and
/// what it expects from each target on (`ok` or findings).
fn split_targets(text: &str) -> Result<(&str, FromTarget), String> {
    let mut parts = text.split("; ");
    let own = parts.next().unwrap_or(text);
    let mut from = Vec::new();
    for part in parts {
        let Some((target, list)) = part.split_once("+: ") else {
            return Err(format!(
                "`{part}`: write `pyXY+: <findings>` or `pyXY+: ok`"
            ));
        };
        let Some(version) = PythonVersion::from_target(target) else {
            return Err(format!("`{target}` is not a target like py310"));
        };
        let findings = match list {
            "ok" => Vec::new(),
            _ => parse_expectation_body(&format!("expect: {list}"))?.1,
        };
        from.push((version, findings));
    }
    Ok((own, from))
}

/// The lines of `source` as Python reads them (`\r\n`, `\r` or `\n` end a
/// line), without a BOM.
fn python_lines(source: &str) -> Vec<&str> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = Vec::new();
    let mut rest = source;
    while !rest.is_empty() {
        match rest.find(['\r', '\n']) {
            Some(end) => {
                lines.push(&rest[..end]);
                let len = if rest[end..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = &rest[end + len..];
            }
            None => {
                lines.push(rest);
                rest = "";
            }
        }
    }
    lines
}

/// Parses one line: `None` when it is no expectation line, else the
/// expectation (`above`, findings) or why it does not follow the grammar.
fn parse_expectation(line: &str) -> Option<Result<(bool, Vec<Finding>), String>> {
    let rest = line.strip_prefix("# ")?;
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if !matches!(&rest[..word_end], "ok" | "expect") {
        return None;
    }
    Some(parse_expectation_body(rest))
}

fn parse_expectation_body(rest: &str) -> Result<(bool, Vec<Finding>), String> {
    match rest {
        "ok" => return Ok((false, Vec::new())),
        "ok above" => return Ok((true, Vec::new())),
        _ => {}
    }
    let (above, list) = if let Some(list) = rest.strip_prefix("expect: ") {
        (false, list)
    } else if let Some(list) = rest.strip_prefix("expect above: ") {
        (true, list)
    } else {
        return Err("write `# ok` or `# expect: <code> <status>, …`".to_string());
    };
    let findings = list
        .split(',')
        .map(|item| parse_finding(item.trim()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((above, findings))
}

fn parse_finding(item: &str) -> Result<Finding, String> {
    let Some((code, status)) = item.split_once(' ') else {
        return Err(format!("`{item}`: write `<code> <status>`"));
    };
    let well_formed_code =
        code.len() == 6 && code.starts_with("TMP") && code[3..].bytes().all(|b| b.is_ascii_digit());
    if !well_formed_code {
        return Err(format!("`{code}` is not a code like TMP001"));
    }
    let (word, reason) = match status.split_once('(') {
        Some((word, id)) => {
            let Some(id) = id.strip_suffix(')') else {
                return Err(format!("`{status}`: a reason id ends with `)`"));
            };
            let well_formed_id = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !well_formed_id {
                return Err(format!("`{id}` is not a reason id (a-z, 0-9, -)"));
            }
            (word, Some(id.to_string()))
        }
        None => (status, None),
    };
    let Some(status) = Status::from_word(word) else {
        return Err(format!(
            "`{word}` is not a status (safe, unsafe, display-only, no-fix)"
        ));
    };
    if reason.is_some() && !status.has_reason() {
        return Err(format!("`{item}`: only unsafe and no-fix take a reason"));
    }
    Ok(Finding {
        code: code.to_string(),
        status,
        reason,
    })
}

/// Every expectation line of a case file, or the grammar errors.
fn expectations(name: &str, source: &str) -> Result<Vec<Expectation>, Vec<String>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (index, text) in python_lines(source).into_iter().enumerate() {
        let line = index + 1;
        // Only an expectation line may carry per-target parts.
        if parse_expectation(text).is_none() {
            continue;
        }
        let (own, from) = match split_targets(text) {
            Ok(split) => split,
            Err(why) => {
                errors.push(format!("{name}:{line}: `{text}`: {why}"));
                continue;
            }
        };
        match parse_expectation(own) {
            None => {}
            Some(Err(why)) => errors.push(format!("{name}:{line}: `{text}`: {why}")),
            Some(Ok((above, findings))) => {
                if above && !found.is_empty() {
                    errors.push(format!(
                        "{name}:{line}: `{text}`: only a file's first expectation line may look above"
                    ));
                }
                found.push(Expectation {
                    line,
                    text: text.to_string(),
                    above,
                    findings,
                    from,
                });
            }
        }
    }
    if found.is_empty() && errors.is_empty() {
        errors.push(format!(
            "{name}: no expectation line (`# ok` or `# expect: …`) above any case"
        ));
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Checks the findings of a case file against its expectation lines; one
/// message per case that differs (empty: all as expected).
fn check_cases(name: &str, source: &str, reported: &[Reported]) -> Vec<String> {
    check_cases_for(name, source, reported, None)
}

/// [`check_cases`] for a run of the case under `target`.
fn check_cases_for(
    name: &str,
    source: &str,
    reported: &[Reported],
    target: Option<PythonVersion>,
) -> Vec<String> {
    let expectations = match expectations(name, source) {
        Ok(expectations) => expectations,
        Err(errors) => return errors,
    };
    let mut reported = reported.to_vec();
    reported.sort_by_key(|r| (r.line, r.column));
    // The case of a line: the last expectation line above it, or the first
    // one when it looks above and the line is before it.
    let case_of = |line: usize| -> Option<usize> {
        match expectations.iter().rposition(|e| e.line < line) {
            Some(i) if !expectations[i].above => Some(i),
            Some(_) => None,
            None => (expectations[0].above && line < expectations[0].line).then_some(0),
        }
    };
    let mut per_case = vec![Vec::new(); expectations.len()];
    let mut errors = Vec::new();
    for r in &reported {
        match case_of(r.line) {
            Some(i) => per_case[i].push(r),
            None => errors.push(format!(
                "{name}:{}:{}: `{}` is reported under no expectation line",
                r.line, r.column, r.finding
            )),
        }
    }
    let on = match target {
        Some(t) => format!(" (target {t})"),
        None if expectations.iter().any(|e| !e.from.is_empty()) => " (target unknown)".into(),
        None => String::new(),
    };
    for (expectation, got) in expectations.iter().zip(&per_case) {
        let wanted = expectation.for_target(target);
        let matches = wanted.len() == got.len()
            && wanted.iter().zip(got).all(|(want, r)| {
                want.code == r.finding.code
                    && want.status == r.finding.status
                    && (want.reason.is_none() || want.reason == r.finding.reason)
            });
        if matches {
            continue;
        }
        let got_text = if got.is_empty() {
            "no finding".to_string()
        } else {
            got.iter()
                .map(|r| format!("{} at {}:{}", r.finding, r.line, r.column))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut message = format!(
            "{name}:{}{on}: the case expects `{}`, got {got_text}",
            expectation.line, expectation.text
        );
        let wants_reason = wanted.iter().any(|f| f.reason.is_some());
        if wants_reason && got.iter().any(|r| r.finding.reason.is_none()) {
            message.push_str(" (this build reports no reason id for some of them)");
        }
        errors.push(message);
    }
    errors
}

/// The findings of `diagnostics` as the harness compares them.
fn reported(source: &str, diagnostics: &[Diagnostic]) -> Vec<Reported> {
    let index = ruff_source_file::LineIndex::from_source_text(source);
    diagnostics
        .iter()
        .map(|d| {
            let at = index.line_column(d.range.start(), source);
            Reported {
                line: at.line.get(),
                column: at.column.get(),
                finding: Finding {
                    code: d.rule.code().to_string(),
                    status: Status::of(d.applicability()),
                    reason: reason_id(d),
                },
            }
        })
        .collect()
}

/// Fixes `source` and asserts the invariants every run must keep.
fn fixed(source: &str, settings: &Settings, name: &str, label: &str) -> String {
    let fixed = fix_source(source, settings).expect("fixing never breaks a case");
    assert!(fixed.converged, "{name}: {label} fixes did not converge");
    common::assert_lossless_shape(source, &fixed.source, name);
    let again = fix_source(&fixed.source, settings).expect("fixed source parses");
    assert_eq!(
        again.source, fixed.source,
        "{name}: a second {label} run changed the file"
    );
    fixed.source
}

/// The snapshot of one case file, a section per target when it names
/// several; adds the case mismatches to `failures`.
fn render(
    path: &Path,
    source: &str,
    python_outputs: &mut Vec<(String, String)>,
    failures: &mut Vec<String>,
) -> String {
    let targets = targets(source);
    if let [target] = targets[..] {
        return render_for(path, source, target, python_outputs, failures);
    }
    let mut out = String::new();
    for target in targets {
        let shown = target.map_or("unknown".to_string(), |t| t.to_string());
        writeln!(out, "=== target {shown} ===").unwrap();
        out.push_str(&render_for(path, source, target, python_outputs, failures));
    }
    out
}

/// The snapshot of one case file for one target.
fn render_for(
    path: &Path,
    source: &str,
    target: Option<PythonVersion>,
    python_outputs: &mut Vec<(String, String)>,
    failures: &mut Vec<String>,
) -> String {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let folder = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    let case_file = format!("transforms/{folder}/{name}");
    let own = vec![rule_of(path)];
    let all = Settings::default().rules;
    if let Outcome::Skipped(reason) = process_source(
        source,
        &settings_for(target, own.clone(), false),
        Mode::Check,
    ) {
        failures.extend(check_cases_for(&case_file, source, &[], target));
        return format!("skipped: {reason}\n");
    }
    let mut out = String::from("--- findings ---\n");
    let mut diagnostics =
        check_source(source, &settings_for(target, own.clone(), false)).expect("case parses");
    diagnostics.sort_by_key(|d| d.range.start());
    let reported = reported(source, &diagnostics);
    failures.extend(check_cases_for(&case_file, source, &reported, target));
    for (d, r) in diagnostics.iter().zip(&reported) {
        let applicability = match d.applicability() {
            Some(a) => format!("{a:?}").to_lowercase(),
            None => "no fix".to_string(),
        };
        writeln!(
            out,
            "{}:{} {} [{applicability}] {}",
            r.line,
            r.column,
            d.rule.code(),
            d.message
        )
        .unwrap();
        if let Some(title) = &d.fix_title {
            writeln!(out, "    fix: {title}").unwrap();
        }
        if let Some(note) = &tempsafe::printer::reasons::note(d) {
            let id = tempsafe::printer::reasons::reason_id(d).unwrap_or_default();
            writeln!(out, "    note ({id}): {note}").unwrap();
        }
        assert!(
            d.fix.is_none() || d.fix_title.is_some(),
            "{name}: a fix without a title"
        );
    }
    let runs = [
        ("safe", &own, false),
        ("unsafe", &own, true),
        ("all transforms, safe", &all, false),
        ("all transforms, unsafe", &all, true),
    ];
    let mut results: Vec<(&str, String)> = Vec::new();
    for (label, rules, unsafe_fixes) in runs {
        let settings = settings_for(target, rules.clone(), unsafe_fixes);
        let result = fixed(source, &settings, &name, label);
        if rules.len() > 1 {
            // Under every transform at once, no fix leaves a finding behind
            // that it created itself (one transform's output reported by
            // another).
            let created = common::created_findings(source, &result, &settings);
            assert!(
                created.is_empty(),
                "{name}: fixes ({label}) left findings they created: {created:?}\n{result}"
            );
        }
        writeln!(out, "--- fix ({label}) ---").unwrap();
        if result == source {
            out.push_str("(no change)\n");
        } else if let Some((earlier, _)) = results.iter().find(|(_, r)| *r == result) {
            writeln!(out, "(same as {earlier})").unwrap();
        } else {
            out.push_str(&unified_diff(&name, source, &result));
            let shown = target.map_or(String::new(), |t| format!(", {t}"));
            python_outputs.push((format!("{name} ({label}{shown})"), result.clone()));
        }
        results.push((label, result));
    }
    out
}

#[test]
fn transform_cases() {
    let mut python_outputs = Vec::new();
    let mut failures = Vec::new();
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../transforms", "*/*.py", |path| {
            let bytes = std::fs::read(path).unwrap();
            let source = String::from_utf8(bytes).unwrap();
            insta::assert_snapshot!(render(path, &source, &mut python_outputs, &mut failures));
        });
    });
    assert!(
        failures.is_empty(),
        "cases that differ from their expectation lines:\n{}",
        failures.join("\n")
    );
    common::assert_python_parses(&python_outputs);
}

// The expectation grammar and its checks, on small inputs.

fn finding(code: &str, status: Status, reason: Option<&str>) -> Finding {
    Finding {
        code: code.to_string(),
        status,
        reason: reason.map(str::to_string),
    }
}

fn at(line: usize, code: &str, status: Status, reason: Option<&str>) -> Reported {
    Reported {
        line,
        column: 5,
        finding: finding(code, status, reason),
    }
}

#[test]
fn expectation_grammar_accepts_its_forms() {
    use Status::*;
    let cases = [
        ("# ok", false, vec![]),
        ("# ok above", true, vec![]),
        (
            "# expect: TMP001 safe",
            false,
            vec![finding("TMP001", Safe, None)],
        ),
        (
            "# expect: TMP002 unsafe, TMP002 unsafe",
            false,
            vec![
                finding("TMP002", Unsafe, None),
                finding("TMP002", Unsafe, None),
            ],
        ),
        (
            "# expect: TMP003 no-fix(rebound),TMP004 display-only",
            false,
            vec![
                finding("TMP003", NoFix, Some("rebound")),
                finding("TMP004", DisplayOnly, None),
            ],
        ),
        (
            "# expect above: TMP001 unsafe(path-escapes-2)",
            true,
            vec![finding("TMP001", Unsafe, Some("path-escapes-2"))],
        ),
    ];
    for (line, above, findings) in cases {
        assert_eq!(
            parse_expectation(line),
            Some(Ok((above, findings))),
            "{line}"
        );
    }
}

#[test]
fn expectation_grammar_ignores_other_comments() {
    for line in [
        "# target-version: py312",
        "# okay, this is prose",
        "# expected output follows",
        "    # ok",
        "#ok",
        "x = 1  # ok",
    ] {
        assert_eq!(parse_expectation(line), None, "{line}");
    }
}

#[test]
fn expectation_grammar_refuses_typos() {
    for line in [
        "# ok TMP001",
        "# ok, no finding",
        "# expect TMP001 safe",
        "# expect:",
        "# expect: TMP001",
        "# expect: TMP1 safe",
        "# expect: S108 safe",
        "# expect: TMP001 fixed",
        "# expect: TMP001 no fix",
        "# expect: TMP001 safe(rebound)",
        "# expect: TMP001 no-fix(Rebound)",
        "# expect: TMP001 no-fix()",
        "# expect: TMP001 no-fix(rebound",
        "# expect: TMP001 safe,",
    ] {
        assert!(
            matches!(parse_expectation(line), Some(Err(_))),
            "{line}: {:?}",
            parse_expectation(line)
        );
    }
}

#[test]
fn python_lines_end_at_every_line_ending_and_skip_the_bom() {
    assert_eq!(
        python_lines("\u{feff}# ok\ra = 1\r\n\nb"),
        ["# ok", "a = 1", "", "b"]
    );
    assert_eq!(python_lines("x\n"), ["x"]);
}

const TWO_CASES: &str = "import tempfile\n\n# ok\ndef f():\n    pass\n\n# expect: TMP001 safe, TMP001 no-fix\ndef g():\n    a = tempfile.mktemp()\n    b = tempfile.mktemp()\n";

#[test]
fn cases_as_expected_pass() {
    let reported = [
        at(9, "TMP001", Status::Safe, None),
        at(10, "TMP001", Status::NoFix, Some("rebound")),
    ];
    assert_eq!(
        check_cases("t.py", TWO_CASES, &reported),
        Vec::<String>::new()
    );
}

#[test]
fn a_differing_case_names_file_line_expected_and_got() {
    let reported = [
        at(5, "TMP002", Status::Unsafe, None),
        at(9, "TMP001", Status::Safe, None),
    ];
    assert_eq!(
        check_cases("t.py", TWO_CASES, &reported),
        [
            "t.py:3: the case expects `# ok`, got TMP002 unsafe at 5:5",
            "t.py:7: the case expects `# expect: TMP001 safe, TMP001 no-fix`, got TMP001 safe at 9:5",
        ]
    );
}

#[test]
fn order_status_and_code_are_all_checked() {
    for reported in [
        [
            at(9, "TMP001", Status::NoFix, None),
            at(10, "TMP001", Status::Safe, None),
        ],
        [
            at(9, "TMP001", Status::Safe, None),
            at(10, "TMP001", Status::Unsafe, None),
        ],
        [
            at(9, "TMP001", Status::Safe, None),
            at(10, "TMP003", Status::NoFix, None),
        ],
    ] {
        assert_eq!(check_cases("t.py", TWO_CASES, &reported).len(), 1);
    }
}

#[test]
fn a_reason_id_is_checked_only_when_written() {
    let source = "# expect: TMP001 no-fix(rebound)\nx = tempfile.mktemp()\n# expect: TMP001 no-fix\ny = tempfile.mktemp()\n";
    let ok = [
        at(2, "TMP001", Status::NoFix, Some("rebound")),
        at(4, "TMP001", Status::NoFix, Some("anything")),
    ];
    assert!(check_cases("t.py", source, &ok).is_empty());
    let other_id = [
        at(2, "TMP001", Status::NoFix, Some("escapes")),
        at(4, "TMP001", Status::NoFix, None),
    ];
    assert_eq!(
        check_cases("t.py", source, &other_id),
        [
            "t.py:1: the case expects `# expect: TMP001 no-fix(rebound)`, got TMP001 no-fix(escapes) at 2:5"
        ]
    );
    let no_id = [
        at(2, "TMP001", Status::NoFix, None),
        at(4, "TMP001", Status::NoFix, None),
    ];
    assert_eq!(
        check_cases("t.py", source, &no_id),
        [
            "t.py:1: the case expects `# expect: TMP001 no-fix(rebound)`, got TMP001 no-fix at 2:5 (this build reports no reason id for some of them)"
        ]
    );
}

#[test]
fn findings_under_no_expectation_line_fail() {
    let source = "x = tempfile.mktemp()\n# ok\ny = 1\n";
    assert_eq!(
        check_cases("t.py", source, &[at(1, "TMP001", Status::Safe, None)]),
        ["t.py:1:5: `TMP001 safe` is reported under no expectation line"]
    );
}

#[test]
fn a_file_without_expectation_lines_fails() {
    assert_eq!(
        check_cases("t.py", "x = 1\n", &[]),
        ["t.py: no expectation line (`# ok` or `# expect: …`) above any case"]
    );
}

#[test]
fn a_typo_in_an_expectation_line_fails_the_file() {
    let source = "# expect: TMP001 fixed\nx = tempfile.mktemp()\n";
    let errors = check_cases("t.py", source, &[at(2, "TMP001", Status::Safe, None)]);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("t.py:1: `# expect: TMP001 fixed`: "),
        "{errors:?}"
    );
}

#[test]
fn looking_above_covers_the_lines_before_the_first_expectation_line() {
    let source = "\u{feff}x = tempfile.mktemp()\r# expect above: TMP001 no-fix\r# ok\ry = 1\r";
    assert!(check_cases("t.py", source, &[at(1, "TMP001", Status::NoFix, None)]).is_empty());
    assert_eq!(
        check_cases("t.py", source, &[at(1, "TMP001", Status::Safe, None)]),
        ["t.py:2: the case expects `# expect above: TMP001 no-fix`, got TMP001 safe at 1:5"]
    );
    // Only the first expectation line may look above.
    let late = "# ok\nx = 1\n# ok above\n";
    assert_eq!(
        check_cases("t.py", late, &[]),
        ["t.py:3: `# ok above`: only a file's first expectation line may look above"]
    );
}

#[test]
fn a_line_can_expect_otherwise_from_a_target_on() {
    let source =
        "# target-versions: unknown py310\n# expect: TMP003 no-fix; py310+: TMP003 safe\nx = 1\n";
    assert_eq!(targets(source), [None, PythonVersion::from_target("py310")]);
    let no_fix = [at(3, "TMP003", Status::NoFix, None)];
    let safe = [at(3, "TMP003", Status::Safe, None)];
    let py39 = PythonVersion::from_target("py39");
    let py312 = PythonVersion::from_target("py312");
    assert!(check_cases_for("t.py", source, &no_fix, None).is_empty());
    assert!(check_cases_for("t.py", source, &no_fix, py39).is_empty());
    assert!(check_cases_for("t.py", source, &safe, py312).is_empty());
    let errors = check_cases_for("t.py", source, &no_fix, py312);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("(target"), "{errors:?}");
    let typo = "# expect: TMP003 no-fix; py310: TMP003 safe\nx = 1\n";
    assert_eq!(check_cases("t.py", typo, &no_fix).len(), 1);
}
