//! The command line: arguments, and the run they ask for.

use std::io::Read;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{ConfigError, Overrides, Resolver};
use crate::discover::{WalkOptions, walk};
use crate::printer::stream::{self, Results};
use crate::printer::{self, OutputFormat, PrintOptions, Progress, Reporter, Totals, messages};
use crate::runner::{self, FileReport, Job, Mode, Outcome};
use crate::settings::{PythonVersion, Settings};
use crate::source::{decode_any, encode};
use crate::transforms::Rule;

/// The exit codes, as `--help` and the README show them (one test each).
pub const EXIT_CODES: &str = "\
Exit codes:
  0  no findings (check), or none left after fixing (fix); always with --exit-zero
  1  findings remain, a file does not parse (TMP000) or could not be read or
     written, --diff/--dry-run has findings, or --exit-non-zero-on-fix fixed any
  2  usage or configuration error, a path that does not exist, or an internal error";

/// Finds insecure temporary-file code in Python and rewrites it into safe
/// `tempfile` idioms.
#[derive(Debug, Parser)]
#[command(name = "tempsafe", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Report findings (exit 1 if any).
    Check {
        #[command(flatten)]
        args: RunArgs,
        /// Print the diff of what `fix` would change and write nothing.
        #[arg(long)]
        diff: bool,
    },
    /// Apply fixes in place; with --dry-run, print the unified diff instead.
    Fix {
        #[command(flatten)]
        args: RunArgs,
        /// Print the diff of what would change and write nothing.
        #[arg(long, alias = "diff")]
        dry_run: bool,
    },
    /// Print a transform's documentation.
    Explain {
        /// A code (TMP001), name (mktemp-call) or alias (S306, B306, CSP-D504).
        code: String,
    },
    /// List the transforms.
    Rules,
}

/// Options shared by `check` and `fix`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Files or directories to process (default `.`; `-` reads standard
    /// input, as does `--stdin-filename` without paths).
    pub(crate) paths: Vec<PathBuf>,
    /// Also apply unsafe fixes (valid code whose behaviour may differ).
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Only these transforms (codes, names, aliases, code prefixes or ALL),
    /// replacing the configuration's `select`.
    #[arg(long, value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Add these transforms to those selected.
    #[arg(long, value_delimiter = ',')]
    pub(crate) extend_select: Vec<String>,
    /// Leave out these transforms.
    #[arg(long, value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Leave out paths matching this glob (repeatable).
    #[arg(long)]
    pub(crate) exclude: Vec<String>,
    /// Leave out these too (repeatable; added to `exclude`).
    #[arg(long)]
    pub(crate) extend_exclude: Vec<String>,
    /// Exclude files named on the command line too (for pre-commit).
    #[arg(long)]
    pub(crate) force_exclude: bool,
    /// Use this configuration file for every file (no discovery).
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// The oldest Python the code runs on (`py38`, `py312`); overrides the
    /// configuration and `requires-python`.
    #[arg(long, value_parser = parse_target_version)]
    pub(crate) target_version: Option<PythonVersion>,
    /// Do not respect .gitignore and similar files.
    #[arg(long)]
    pub(crate) no_ignore: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) output_format: OutputFormat,
    /// Print counts per transform and fix status instead of the findings.
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Exit 0 even when findings remain (errors still exit 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Exit 1 when any fix was applied, even if nothing is left.
    #[arg(long)]
    pub(crate) exit_non_zero_on_fix: bool,
    /// List the fixes per file at the end (stderr).
    #[arg(long)]
    pub(crate) show_fixes: bool,
    /// Report and fix only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the findings of today in this file (for --baseline) and exit 0.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Add `# noqa: CODE` (and ` -- REASON`) to every finding left; exit 0.
    #[arg(long, value_name = "REASON", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub(crate) add_noqa: Option<String>,
    /// Write results to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub(crate) output_file: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub(crate) threads: Option<usize>,
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: Color,
    /// The file name to report for source read from standard input.
    #[arg(long)]
    pub(crate) stdin_filename: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check { args, diff } => run_files(
            &args,
            if diff {
                Mode::Fix { dry_run: true }
            } else {
                Mode::Check
            },
        ),
        Command::Fix { args, dry_run } => run_files(&args, Mode::Fix { dry_run }),
        Command::Explain { code } => match Rule::from_code(&code) {
            Some(rule) => messages::print_explain(rule).map_or(2, |()| 0),
            None => error(
                &format!("unknown transform `{code}`"),
                "`tempsafe rules` lists them",
            ),
        },
        Command::Rules => messages::print_rules().map_or(2, |()| 0),
    }
}

fn error(message: &str, help: &str) -> i32 {
    messages::print_error(message, help);
    2
}

fn parse_target_version(text: &str) -> Result<PythonVersion, String> {
    PythonVersion::from_target(text).ok_or_else(|| format!("`{text}` is not like py38 or py312"))
}

fn config_error(e: &ConfigError) -> i32 {
    error(
        &e.to_string(),
        "fix the configuration (`tempsafe rules` lists the codes)",
    )
}

/// What the command line adds to every file's configuration.
fn overrides(args: &RunArgs) -> Overrides {
    Overrides {
        select: (!args.select.is_empty()).then(|| args.select.clone()),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        exclude: args.exclude.clone(),
        extend_exclude: args.extend_exclude.clone(),
        force_exclude: args.force_exclude,
        unsafe_fixes: args.unsafe_fixes,
        target_version: args.target_version,
    }
}

fn run_files(args: &RunArgs, mode: Mode) -> i32 {
    let mut resolver = match Resolver::new(overrides(args), args.config.as_deref()) {
        Ok(resolver) => resolver,
        Err(e) => return config_error(&e),
    };
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    if dash || (args.paths.is_empty() && args.stdin_filename.is_some()) {
        if args.paths.len() > 1 {
            return error(
                "`-` (standard input) cannot be combined with other paths",
                "run tempsafe once on standard input and once on the files",
            );
        }
        return run_stdin(args, &mut resolver, mode);
    }
    let roots: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let baseline = match &args.baseline {
        Some(path) => match crate::baseline::Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(e) => return error(&e, "write one with --write-baseline FILE"),
        },
        None => None,
    };
    let mut in_baseline = Vec::new();
    let mut jobs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut walk_failed = false;
    let options = print_options(args, mode);
    let mut reporter = match reporter(args, options, roots.len()) {
        Ok(reporter) => reporter,
        Err(code) => return code,
    };
    for (index, root) in roots.iter().enumerate() {
        if let Err(e) = resolver.load_for_root(root) {
            return config_error(&e);
        }
        let walk_options = WalkOptions {
            exclude: args
                .exclude
                .iter()
                .chain(&args.extend_exclude)
                .cloned()
                .collect(),
            no_ignore: args.no_ignore,
            threads: args.threads.unwrap_or(0),
            clean_stale: mode == (Mode::Fix { dry_run: false }),
        };
        let found = walk(std::slice::from_ref(root), &walk_options);
        for path in &found.removed {
            messages::print_removed(path);
        }
        // Paths that could not be walked count as failed files.
        for e in found.errors {
            walk_failed = true;
            let report = FileReport {
                path: e.path,
                root: index,
                outcome: Outcome::Error(e.error),
            };
            reporter.add(printer::render(&report, options));
        }
        let files = found.files;
        let named = !root.is_dir();
        // A file under two roots is processed once, with the first root.
        let several = roots.len() > 1;
        for path in files {
            if several && !seen.insert(path.clone()) {
                continue;
            }
            match resolver.settings_for(&path, named, root) {
                Ok(Some(settings)) => {
                    let known = baseline
                        .as_ref()
                        .and_then(|b| b.known(&printer::sarif::fingerprint_path(&path)));
                    if let Some(known) = known {
                        in_baseline.push((jobs.len(), known));
                    }
                    jobs.push(Job {
                        path,
                        root: index,
                        settings,
                    });
                }
                Ok(None) => {}
                Err(e) => return config_error(&e),
            }
        }
    }
    let mut settings: Vec<Settings> = resolver.settings().to_vec();
    // A file with known findings gets its own settings that leave them out.
    for (job, known) in in_baseline {
        let mut own = settings[jobs[job].settings].clone();
        own.baseline = Some(known);
        settings.push(own);
        jobs[job].settings = settings.len() - 1;
    }
    if args.write_baseline.is_some() || args.add_noqa.is_some() {
        return adopt(args, &jobs, &settings, walk_failed);
    }
    let progress = Progress::new(jobs.len());
    runner::run(
        &jobs,
        &settings,
        mode,
        args.threads.unwrap_or(0),
        |report| printer::render(&report, options),
        |rendered| {
            progress.tick();
            reporter.add(rendered);
        },
    );
    progress.finish();
    // One line per folder; files named one by one (pre-commit) get none.
    let root_names: Vec<String> = if roots.iter().all(|r| r.is_dir()) {
        roots.iter().map(|r| printer::display_path(r)).collect()
    } else {
        Vec::new()
    };
    match reporter.finish(&root_names) {
        Ok(totals) => exit_code(&totals, args, mode, walk_failed),
        Err(_) => 2,
    }
}

/// `--write-baseline` and `--add-noqa`: record or mark the findings of
/// today, so that checks from now on fail only on new ones. Exit 0 unless
/// something could not be done.
fn adopt(args: &RunArgs, jobs: &[Job], settings: &[Settings], walk_failed: bool) -> i32 {
    use crate::baseline::{Baseline, Entry, fingerprints};
    let reason = args.add_noqa.as_deref();
    let mut baseline = Baseline {
        version: 1,
        ..Baseline::default()
    };
    let (mut found, mut marked, mut files, mut failed) = (0, 0, 0, walk_failed);
    runner::run(
        jobs,
        settings,
        Mode::Check,
        args.threads.unwrap_or(0),
        |report| {
            let Outcome::Findings {
                source, findings, ..
            } = &report.outcome
            else {
                return (report.path, Vec::new(), None);
            };
            let diagnostics: Vec<_> = findings.iter().map(|(d, _)| d.clone()).collect();
            let index = ruff_source_file::LineIndex::from_source_text(source);
            let entries: Vec<Entry> = fingerprints(source, &diagnostics)
                .into_iter()
                .zip(&diagnostics)
                .map(|(fingerprint, d)| Entry {
                    code: d.rule.code().to_string(),
                    fingerprint,
                    line: index
                        .line_column(ruff_text_size::Ranged::start(d), source)
                        .line
                        .get(),
                })
                .collect();
            let mut written = None;
            if reason.is_some()
                && let (Some(new), added) = crate::noqa::add_noqa(source, &diagnostics, reason)
            {
                let result = crate::writer::write_atomically(
                    &report.path,
                    source.as_bytes(),
                    new.as_bytes(),
                );
                written = Some(result.map(|()| added).map_err(|e| e.to_string()));
            }
            (report.path, entries, written)
        },
        |(path, entries, written)| {
            found += entries.len();
            match written {
                Some(Ok(added)) => {
                    marked += added;
                    files += 1;
                }
                Some(Err(e)) => {
                    failed = true;
                    messages::print_file_error(&path, &e);
                }
                None => {}
            }
            if !entries.is_empty() {
                baseline
                    .files
                    .insert(printer::sarif::fingerprint_path(&path), entries);
            }
        },
    );
    if let Some(path) = &args.write_baseline {
        if let Err(e) = baseline.save(path) {
            return error(&e, "check the --write-baseline path");
        }
        messages::print_baseline_written(found, path);
    }
    if reason.is_some() {
        messages::print_noqa_added(marked, files);
    }
    i32::from(failed)
}

/// The reporter, writing to `-o FILE` if given.
fn reporter(args: &RunArgs, options: PrintOptions, roots: usize) -> Result<Reporter, i32> {
    let Some(path) = &args.output_file else {
        return Ok(Reporter::new(options, roots));
    };
    match std::fs::File::create(path) {
        Ok(file) => Ok(Reporter::with_output(
            options,
            roots,
            Results::to(Box::new(file), path.display().to_string()),
        )),
        Err(e) => Err(error(
            &format!("cannot write {}: {e}", path.display()),
            "check the --output-file path",
        )),
    }
}

fn print_options(args: &RunArgs, mode: Mode) -> PrintOptions {
    PrintOptions {
        format: args.output_format,
        color: use_color(args.color, args.output_file.is_some()),
        statistics: args.statistics,
        show_fixes: args.show_fixes,
        mode,
    }
}

/// Reads source from stdin; `fix` writes the fixed source to stdout. The
/// configuration and exclusion come from `--stdin-filename`'s own path.
fn run_stdin(args: &RunArgs, resolver: &mut Resolver, mode: Mode) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        return error(
            &format!("cannot read standard input: {e}"),
            "pass the source on standard input, or name the files",
        );
    }
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"));
    let cwd = std::env::current_dir().unwrap_or_default();
    let settings = match resolver.settings_for(&cwd.join(&path), true, &cwd) {
        Ok(Some(i)) => resolver.settings()[i].clone(),
        Ok(None) => {
            // Excluded (force-exclude): passed through untouched.
            if matches!(mode, Mode::Fix { dry_run: false }) {
                return stream::stdout(&bytes).map_or(2, |()| 0);
            }
            return 0;
        }
        Err(e) => return config_error(&e),
    };
    let settings = &settings;
    let outcome = match decode_any(&bytes) {
        Ok(decoded) => runner::encoded(
            runner::process_source_at(&decoded.text, settings, mode, Some(&cwd.join(&path))),
            decoded.encoding,
        ),
        Err(e) => Outcome::Error(e),
    };
    if let Mode::Fix { dry_run: false } = mode {
        let fixed = match &outcome {
            Outcome::Findings { fixed: Some(f), .. } => match f.encoding {
                Some(encoding) => encode(&f.source, encoding).unwrap_or_else(|_| bytes.clone()),
                None => f.source.as_bytes().to_vec(),
            },
            _ => bytes.clone(),
        };
        if stream::stdout(&fixed).is_err() {
            return 2;
        }
    }
    let rendered = printer::render(
        &FileReport {
            path,
            root: 0,
            outcome,
        },
        print_options(args, mode),
    );
    if matches!(mode, Mode::Fix { dry_run: false }) {
        // Standard output carries the fixed source: only errors and
        // warnings are printed, on stderr.
        // Findings left (a file that does not parse is one) go there too.
        let mut reporter = Reporter::new(print_options(args, mode), 1);
        reporter.add_to_stderr(rendered);
        return exit_code(reporter.totals(), args, mode, false);
    }
    let mut reporter = match reporter(args, print_options(args, mode), 1) {
        Ok(reporter) => reporter,
        Err(code) => return code,
    };
    reporter.add(rendered);
    match reporter.finish(&[]) {
        Ok(totals) => exit_code(&totals, args, mode, false),
        Err(_) => 2,
    }
}

/// Colour for results: `auto` asks the environment (NO_COLOR, FORCE_COLOR,
/// CLICOLOR_FORCE) and whether stdout is a terminal (`-o FILE` is not).
fn use_color(color: Color, to_file: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => printer::color::auto_for_results(to_file),
    }
}

/// The exit code of a run, as [`EXIT_CODES`] lists them. Files that could
/// not be read or written count like findings (Ruff's E902 role): the run
/// did its job and something is left for the user.
fn exit_code(totals: &Totals, args: &RunArgs, mode: Mode, walk_failed: bool) -> i32 {
    if totals.internal_errors > 0 || walk_failed {
        return 2;
    }
    if args.exit_zero {
        return 0;
    }
    let left = match mode {
        Mode::Check | Mode::Fix { dry_run: true } => totals.findings > 0,
        Mode::Fix { dry_run: false } => totals.remaining > 0,
    };
    let fixed = args.exit_non_zero_on_fix && totals.fixed > 0;
    i32::from(left || fixed || totals.errors > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last row of the exit-code table: an internal error is 2, even
    /// under --exit-zero (no file can make tempsafe panic on purpose).
    #[test]
    fn internal_errors_exit_2() {
        let args = match Cli::parse_from(["tempsafe", "check", "--exit-zero"]).command {
            Command::Check { args, .. } => args,
            _ => unreachable!(),
        };
        let totals = Totals {
            internal_errors: 1,
            errors: 1,
            ..Totals::default()
        };
        assert_eq!(exit_code(&totals, &args, Mode::Check, false), 2);
        assert_eq!(exit_code(&Totals::default(), &args, Mode::Check, false), 0);
    }
}
