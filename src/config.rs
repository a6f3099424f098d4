//! Configuration as in Ruff: each file takes the nearest `tempsafe.toml`, or
//! `pyproject.toml` with a `[tool.tempsafe]` table, above it, so that a run
//! over a folder of repositories treats each as its owners configured it.
//!
//! ```toml
//! [tool.tempsafe]
//! select = ["TMP001", "TMP003"]    # default: all ("ALL")
//! extend-select = ["TMP004"]
//! ignore = ["TMP004"]
//! per-file-ignores = { "tests/**" = ["TMP002"] }
//! exclude = ["vendored/**"]        # added to the folders always skipped
//! extend-exclude = ["gen/"]
//! force-exclude = false            # also exclude files named on the command line
//! tmp-dirs = ["/scratch"]          # added to /tmp, /var/tmp, /dev/shm
//! unsafe-fixes = false
//! target-version = "py312"         # else inferred from project.requires-python
//! ```
//!
//! Paths in globs are relative to the directory of the file they are in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::settings::{PythonVersion, Selection, Settings};
use crate::transforms::Rule;

/// The `[tool.tempsafe]` table (or a `tempsafe.toml`), as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Glob → codes, in file order.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    pub exclude: Vec<String>,
    pub extend_exclude: Vec<String>,
    pub force_exclude: Option<bool>,
    pub tmp_dirs: Vec<String>,
    pub unsafe_fixes: Option<bool>,
    pub target_version: Option<PythonVersion>,
}

/// The keys a table may have, for errors that suggest the nearest.
pub const KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "tmp-dirs",
    "unsafe-fixes",
    "target-version",
];

/// A configuration that could not be read: the file, the key, what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// A project: the directory of its configuration file and what it says.
#[derive(Debug, Clone)]
pub struct Project {
    /// Globs and paths in the configuration are relative to this directory.
    pub dir: PathBuf,
    /// The file the configuration came from (None: defaults).
    pub file: Option<PathBuf>,
    pub config: Config,
    /// `project.requires-python` of the project's `pyproject.toml`.
    pub requires_python: Option<String>,
    /// A `pyproject.toml` without our table, taken for its
    /// `requires-python` only (where no configuration is above it).
    pub python_only: bool,
}

fn err(path: &Path, message: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        message,
    }
}

/// Edit distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate nearest to `word`, if near enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn strings(
    path: &Path,
    table: &str,
    key: &str,
    value: &toml::Value,
) -> Result<Vec<String>, ConfigError> {
    let list = value
        .as_array()
        .ok_or_else(|| err(path, format!("{table} `{key}` must be a list of strings")))?;
    list.iter()
        .map(|v| {
            v.as_str().map(str::to_string).ok_or_else(|| {
                err(
                    path,
                    format!("{table} `{key}` must be a list of strings, not {v}"),
                )
            })
        })
        .collect()
}

fn boolean(path: &Path, table: &str, key: &str, value: &toml::Value) -> Result<bool, ConfigError> {
    value.as_bool().ok_or_else(|| {
        err(
            path,
            format!("{table} `{key}` must be true or false, not {value}"),
        )
    })
}

/// Checks that every code names a transform (or is `ALL`).
fn codes(path: &Path, table: &str, key: &str, codes: &[String]) -> Result<(), ConfigError> {
    for code in codes {
        if !code.eq_ignore_ascii_case("ALL") && Rule::from_code(code).is_none() {
            let known = Rule::ALL.iter().map(|r| r.code()).chain(["ALL"]);
            let hint = nearest(code, known)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| "; `tempsafe rules` lists them".to_string());
            return Err(err(
                path,
                format!("{table} `{key}`: unknown transform `{code}`{hint}"),
            ));
        }
    }
    Ok(())
}

impl Config {
    /// Reads a table; `table` names it in errors (`[tool.tempsafe]`).
    pub fn from_table(path: &Path, table: &str, t: &toml::Table) -> Result<Self, ConfigError> {
        let mut config = Config::default();
        for (key, value) in t {
            match key.as_str() {
                "select" => config.select = Some(strings(path, table, key, value)?),
                "extend-select" => config.extend_select = strings(path, table, key, value)?,
                "ignore" => config.ignore = strings(path, table, key, value)?,
                "exclude" => config.exclude = strings(path, table, key, value)?,
                "extend-exclude" => config.extend_exclude = strings(path, table, key, value)?,
                "tmp-dirs" => config.tmp_dirs = strings(path, table, key, value)?,
                "force-exclude" => config.force_exclude = Some(boolean(path, table, key, value)?),
                "unsafe-fixes" => config.unsafe_fixes = Some(boolean(path, table, key, value)?),
                "target-version" => {
                    let text = value.as_str().unwrap_or_default();
                    config.target_version =
                        Some(PythonVersion::from_target(text).ok_or_else(|| {
                            err(
                                path,
                                format!("{table} `{key}` must be like \"py312\", not {value}"),
                            )
                        })?);
                }
                "per-file-ignores" => {
                    let map = value.as_table().ok_or_else(|| {
                        err(
                            path,
                            format!("{table} `{key}` must be a table of glob = [codes]"),
                        )
                    })?;
                    for (glob, list) in map {
                        let list = strings(path, table, &format!("{key}.\"{glob}\""), list)?;
                        codes(path, table, key, &list)?;
                        config.per_file_ignores.push((glob.clone(), list));
                    }
                }
                other => {
                    let hint = nearest(other, KEYS.iter().copied())
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_else(|| format!("; the keys are {}", KEYS.join(", ")));
                    return Err(err(path, format!("unknown key `{other}` in {table}{hint}")));
                }
            }
        }
        codes(
            path,
            table,
            "select",
            config.select.as_deref().unwrap_or_default(),
        )?;
        codes(path, table, "extend-select", &config.extend_select)?;
        codes(path, table, "ignore", &config.ignore)?;
        Ok(config)
    }
}

fn parse(path: &Path) -> Result<toml::Table, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| err(path, format!("cannot read: {e}")))?;
    text.parse::<toml::Table>()
        .map_err(|e| err(path, format!("invalid TOML: {}", e.message())))
}

fn requires_python(pyproject: &toml::Table) -> Option<String> {
    pyproject
        .get("project")?
        .get("requires-python")?
        .as_str()
        .map(str::to_string)
}

/// The project a configuration file defines (`--config PATH`): a
/// `pyproject.toml` (its `[tool.tempsafe]`, which may be missing) or a
/// `tempsafe.toml` (the whole file).
pub fn load(path: &Path) -> Result<Project, ConfigError> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let table = parse(&path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let (config, requires) = if is_pyproject {
        let config = match table.get("tool").and_then(|t| t.get("tempsafe")) {
            Some(toml::Value::Table(t)) => Config::from_table(&path, "[tool.tempsafe]", t)?,
            Some(_) => return Err(err(&path, "`tool.tempsafe` must be a table".to_string())),
            None => Config::default(),
        };
        (config, requires_python(&table))
    } else {
        let config = Config::from_table(&path, "tempsafe.toml", &table)?;
        // A tempsafe.toml beside a pyproject.toml takes its requires-python.
        let beside = dir.join("pyproject.toml");
        let requires = beside
            .is_file()
            .then(|| parse(&beside).ok())
            .flatten()
            .and_then(|t| requires_python(&t));
        (config, requires)
    };
    Ok(Project {
        dir,
        file: Some(path),
        config,
        requires_python: requires,
        python_only: false,
    })
}

/// `project.requires-python` of `dir`'s own `pyproject.toml`.
fn requires_python_in(dir: &Path) -> Option<String> {
    let pyproject = dir.join("pyproject.toml");
    if !pyproject.is_file() {
        return None;
    }
    requires_python(&parse(&pyproject).ok()?)
}

/// The configuration file of `dir` itself, if it has one: `tempsafe.toml`
/// first, then a `pyproject.toml` that has a `[tool.tempsafe]` table.
fn config_in(dir: &Path) -> Result<Option<Project>, ConfigError> {
    let own = dir.join("tempsafe.toml");
    if own.is_file() {
        return load(&own).map(Some);
    }
    let pyproject = dir.join("pyproject.toml");
    if !pyproject.is_file() {
        return Ok(None);
    }
    // Only our table is ours; skip the parse for the many that lack it.
    let text = std::fs::read_to_string(&pyproject).unwrap_or_default();
    if !text.contains("tempsafe") {
        return Ok(None);
    }
    let table = parse(&pyproject)?;
    if table.get("tool").and_then(|t| t.get("tempsafe")).is_none() {
        return Ok(None);
    }
    load(&pyproject).map(Some)
}

/// The nearest configuration above `path` (a file or directory), with the
/// file it came from: what `path` is checked with. The [`Resolver`] finds
/// them per file for a run; this one-file form is for the tests.
#[cfg(test)]
fn find_config(path: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
    let start = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let start = if start.is_dir() {
        start
    } else {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    for dir in start.ancestors() {
        if let Some(project) = config_in(dir)? {
            return Ok(project.file.clone().map(|f| (f, project.config)));
        }
    }
    Ok(None)
}

/// What the command line adds to every project's configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub exclude: Vec<String>,
    pub extend_exclude: Vec<String>,
    pub force_exclude: bool,
    pub unsafe_fixes: bool,
    pub target_version: Option<PythonVersion>,
}

/// Globs of one project, compiled.
#[derive(Debug)]
struct Globs {
    /// Patterns with a `/`, anchored at the project directory.
    anchored: GlobSet,
    /// Patterns without one, matched against each file or folder name.
    names: GlobSet,
}

impl Globs {
    fn new(dir: &Path, patterns: &[String], file: &Path) -> Result<Self, ConfigError> {
        let mut anchored = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        for pattern in patterns {
            let bad = |e: globset::Error| err(file, format!("invalid glob `{pattern}`: {e}"));
            let trimmed = pattern.trim_end_matches('/');
            if trimmed.contains('/') {
                let relative = trimmed.trim_start_matches("./").trim_start_matches('/');
                let full = dir.join(relative).to_string_lossy().replace('\\', "/");
                anchored.add(Glob::new(&full).map_err(bad)?);
            } else {
                names.add(Glob::new(trimmed).map_err(bad)?);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| err(file, e.to_string()));
        Ok(Self {
            anchored: build(anchored)?,
            names: build(names)?,
        })
    }

    fn is_match(&self, path: &Path) -> bool {
        self.anchored.is_match(path)
            || path
                .file_name()
                .is_some_and(|name| self.names.is_match(Path::new(name)))
    }
}

/// A project with its compiled globs and settings.
#[derive(Debug)]
struct Resolved {
    project: Project,
    exclude: Globs,
    force_exclude: bool,
    per_file: Vec<(Globs, Vec<String>)>,
    /// The project's settings, then one per combination of per-file
    /// ignores that a file needed: index into [`Resolver::settings`].
    base: usize,
    variants: HashMap<Vec<usize>, usize>,
}

/// Finds each file's project and settings, caching per directory.
pub struct Resolver {
    overrides: Overrides,
    /// `--exclude`/`--extend-exclude`, anchored at the working directory.
    cli_exclude: Globs,
    /// `--config PATH`: every file uses it.
    fixed: Option<usize>,
    projects: Vec<Resolved>,
    /// Directory → the project that holds it.
    /// Keys are the paths' bytes: hashing a `Path` parses its components.
    dirs: HashMap<std::ffi::OsString, usize>,
    settings: Vec<Settings>,
    /// (project, boundary, directory) → whether an exclude pattern matches
    /// the directory or one of its parents below the boundary: the files
    /// of one directory share the answer.
    excluded_dirs: HashMap<(usize, std::ffi::OsString, std::ffi::OsString), bool>,
}

impl Resolver {
    /// A resolver; with `config`, every file uses that file's configuration.
    pub fn new(overrides: Overrides, config: Option<&Path>) -> Result<Self, ConfigError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let patterns: Vec<String> = overrides
            .exclude
            .iter()
            .chain(&overrides.extend_exclude)
            .cloned()
            .collect();
        let cli_exclude = Globs::new(&cwd, &patterns, Path::new("--exclude"))?;
        let mut resolver = Self {
            cli_exclude,
            overrides,
            fixed: None,
            projects: Vec::new(),
            dirs: HashMap::new(),
            settings: Vec::new(),
            excluded_dirs: HashMap::new(),
        };
        if let Some(path) = config {
            let project = load(path)?;
            resolver.fixed = Some(resolver.add(project)?);
        }
        Ok(resolver)
    }

    /// All settings handed out so far; [`Resolver::settings_for`] indexes it.
    pub fn settings(&self) -> &[Settings] {
        &self.settings
    }

    fn add(&mut self, project: Project) -> Result<usize, ConfigError> {
        let file = project
            .file
            .clone()
            .unwrap_or_else(|| project.dir.join("pyproject.toml"));
        let c = &project.config;
        let o = &self.overrides;
        let exclude: Vec<String> = c.exclude.iter().chain(&c.extend_exclude).cloned().collect();
        let per_file = c
            .per_file_ignores
            .iter()
            .map(|(glob, codes)| {
                Ok((
                    Globs::new(&project.dir, std::slice::from_ref(glob), &file)?,
                    codes.clone(),
                ))
            })
            .collect::<Result<Vec<_>, ConfigError>>()?;
        let target = o.target_version.or(c.target_version).or_else(|| {
            project
                .requires_python
                .as_deref()
                .and_then(PythonVersion::from_requires_python)
        });
        let layers = [
            Selection {
                select: c.select.clone(),
                extend_select: c.extend_select.clone(),
                ignore: c.ignore.clone(),
            },
            Selection {
                select: o.select.clone(),
                extend_select: o.extend_select.clone(),
                ignore: o.ignore.clone(),
            },
        ];
        let mut tmp_dirs = c.tmp_dirs.clone();
        tmp_dirs.dedup();
        let settings = Settings::resolve(
            &layers,
            o.unsafe_fixes || c.unsafe_fixes.unwrap_or(false),
            &tmp_dirs,
            target,
        )
        .map_err(|code| {
            err(
                &file,
                format!("unknown transform `{code}` in --select/--extend-select/--ignore"),
            )
        })?;
        self.settings.push(settings);
        let resolved = Resolved {
            exclude: Globs::new(&project.dir, &exclude, &file)?,
            force_exclude: o.force_exclude || c.force_exclude.unwrap_or(false),
            per_file,
            base: self.settings.len() - 1,
            variants: HashMap::new(),
            project,
        };
        self.projects.push(resolved);
        Ok(self.projects.len() - 1)
    }

    /// The project of the directory `dir` (absolute).
    fn project_of(&mut self, dir: &Path) -> Result<usize, ConfigError> {
        if let Some(fixed) = self.fixed {
            return Ok(fixed);
        }
        if let Some(&i) = self.dirs.get(dir.as_os_str()) {
            return Ok(i);
        }
        let index = match config_in(dir)? {
            Some(project) => self.add(project)?,
            None => match dir.parent() {
                Some(parent) => {
                    let above = self.project_of(parent)?;
                    let unconfigured = {
                        let p = &self.projects[above].project;
                        p.file.is_none() || p.python_only
                    };
                    match unconfigured.then(|| requires_python_in(dir)).flatten() {
                        Some(requires) => self.add(Project {
                            dir: dir.to_path_buf(),
                            file: None,
                            config: Config::default(),
                            requires_python: Some(requires),
                            python_only: true,
                        })?,
                        None => above,
                    }
                }
                // No configuration anywhere: defaults, relative to the top.
                None => {
                    let requires = None;
                    self.add(Project {
                        dir: dir.to_path_buf(),
                        file: None,
                        config: Config::default(),
                        requires_python: requires,
                        python_only: false,
                    })?
                }
            },
        };
        self.dirs.insert(dir.as_os_str().to_owned(), index);
        Ok(index)
    }

    /// Reads the configuration that governs a command-line path, so that a
    /// broken one is reported even where no file is checked.
    pub fn load_for_root(&mut self, root: &Path) -> Result<(), ConfigError> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let dir = if root.is_dir() {
            root
        } else {
            root.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        self.project_of(&dir).map(|_| ())
    }

    /// Whether `dir` or one of its parents, down to `boundary`, matches an
    /// exclude pattern of project `index` or of the command line.
    fn dir_excluded(&mut self, index: usize, boundary: &Path, dir: &Path) -> bool {
        let force = self.projects[index].force_exclude;
        if !dir.starts_with(boundary) || (dir == boundary && !force) {
            return false;
        }
        let key = (
            index,
            boundary.as_os_str().to_owned(),
            dir.as_os_str().to_owned(),
        );
        if let Some(&known) = self.excluded_dirs.get(&key) {
            return known;
        }
        let excluded = self.projects[index].exclude.is_match(dir)
            || self.cli_exclude.is_match(dir)
            || dir
                .parent()
                .is_some_and(|parent| self.dir_excluded(index, boundary, parent));
        self.excluded_dirs.insert(key, excluded);
        excluded
    }

    /// The index into [`Resolver::settings`] that `file` is processed with,
    /// or None when its project excludes it. `named` says that the file was
    /// given on the command line (excluded only under `force-exclude`);
    /// otherwise `root` is the command-line folder it was found under, and
    /// only the part of its path below that folder is matched.
    pub fn settings_for(
        &mut self,
        file: &Path,
        named: bool,
        root: &Path,
    ) -> Result<Option<usize>, ConfigError> {
        let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let index = self.project_of(&dir)?;
        let force = self.projects[index].force_exclude;
        if force || !named {
            let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            let boundary = if force {
                self.projects[index].project.dir.clone()
            } else {
                root
            };
            let inside = file.starts_with(&boundary) && (file != boundary || force);
            let excluded = inside
                && (self.projects[index].exclude.is_match(&file)
                    || self.cli_exclude.is_match(&file)
                    || self.dir_excluded(index, &boundary, &dir));
            if excluded {
                return Ok(None);
            }
        }
        let project = &mut self.projects[index];
        let ignored: Vec<usize> = project
            .per_file
            .iter()
            .enumerate()
            .filter(|(_, (globs, _))| globs.is_match(&file))
            .map(|(i, _)| i)
            .collect();
        if ignored.is_empty() {
            return Ok(Some(project.base));
        }
        if let Some(&i) = project.variants.get(&ignored) {
            return Ok(Some(i));
        }
        let codes: Vec<String> = ignored
            .iter()
            .flat_map(|&i| project.per_file[i].1.iter().cloned())
            .collect();
        let base = &self.settings[project.base];
        let rules: Vec<Rule> = base
            .rules
            .iter()
            .copied()
            .filter(|r| {
                !codes
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case("ALL") || r.matches(c))
            })
            .collect();
        let variant = base.with_rules(rules);
        self.settings.push(variant);
        let i = self.settings.len() - 1;
        project.variants.insert(ignored, i);
        Ok(Some(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_nearest_table_and_names_file_and_key_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[project]\nname = \"x\"\n\n[tool.tempsafe]\nselect = [\"TMP001\"]\ntmp-dirs = [\"/scratch\"]\nunsafe-fixes = true\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        let (path, config) = find_config(&dir.path().join("pkg")).unwrap().unwrap();
        assert!(path.ends_with("pyproject.toml"));
        assert_eq!(config.select, Some(vec!["TMP001".to_string()]));
        assert_eq!(config.tmp_dirs, vec!["/scratch"]);
        assert_eq!(config.unsafe_fixes, Some(true));

        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.tempsafe]\nselcet = []\n",
        )
        .unwrap();
        let error = find_config(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains(
                "pyproject.toml: unknown key `selcet` in [tool.tempsafe]; did you mean `select`?"
            ),
            "{error}"
        );

        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.tempsafe]\nignore = [\"TMP01\"]\n",
        )
        .unwrap();
        let error = find_config(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains(
                "[tool.tempsafe] `ignore`: unknown transform `TMP01`; did you mean `TMP001`?"
            ),
            "{error}"
        );
    }

    #[test]
    fn an_inline_tool_table_and_tempsafe_toml_count() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool]\ntempsafe = { ignore = [\"TMP002\"] }\n",
        )
        .unwrap();
        let (_, config) = find_config(dir.path()).unwrap().unwrap();
        assert_eq!(config.ignore, vec!["TMP002"]);
        std::fs::write(dir.path().join("tempsafe.toml"), "ignore = [\"TMP003\"]\n").unwrap();
        let (path, config) = find_config(dir.path()).unwrap().unwrap();
        assert!(path.ends_with("tempsafe.toml"));
        assert_eq!(config.ignore, vec!["TMP003"]);
    }

    #[test]
    fn target_version_from_the_key_the_command_line_or_requires_python() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "key/pyproject.toml",
            "[project]\nrequires-python = \">=3.8\"\n[tool.tempsafe]\ntarget-version = \"py312\"\n",
        );
        write(
            "inferred/pyproject.toml",
            "[project]\nrequires-python = \">=3.10, <4\"\n[tool.tempsafe]\nignore = []\n",
        );
        write(
            "plain/pyproject.toml",
            "[project]\nrequires-python = \"~=3.11.2\"\n",
        );
        write("tool/tempsafe.toml", "select = [\"ALL\"]\n");
        write(
            "tool/pyproject.toml",
            "[project]\nrequires-python = \">3.6\"\n",
        );
        write("none/m.py", "");
        let target = |overrides: Overrides, dir_name: &str| {
            let mut resolver = Resolver::new(overrides, None).unwrap();
            let file = dir.path().join(dir_name).join("m.py");
            let i = resolver
                .settings_for(&file, true, dir.path())
                .unwrap()
                .unwrap();
            resolver.settings()[i].target_version.map(|v| v.to_string())
        };
        let v = |s: &str| Some(s.to_string());
        assert_eq!(target(Overrides::default(), "key"), v("py312"));
        assert_eq!(target(Overrides::default(), "inferred"), v("py310"));
        assert_eq!(target(Overrides::default(), "plain"), v("py311"));
        // `>3.6` allows 3.6.1: the code may run on 3.6.
        assert_eq!(target(Overrides::default(), "tool"), v("py36"));
        assert_eq!(target(Overrides::default(), "none"), None);
        let cli = Overrides {
            target_version: PythonVersion::from_target("py39"),
            ..Overrides::default()
        };
        assert_eq!(target(cli, "key"), v("py39"));
        let settings = Settings::default();
        assert!(!settings.targets_at_least(3, 12));

        write("bad/tempsafe.toml", "target-version = \"3.12\"\n");
        let error = find_config(&dir.path().join("bad"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("tempsafe.toml `target-version` must be like \"py312\""),
            "{error}"
        );
    }

    #[test]
    fn nearest_suggests_typos_only() {
        assert_eq!(
            nearest("per-file-ignore", KEYS.iter().copied()),
            Some("per-file-ignores")
        );
        assert_eq!(nearest("zzzzzzzzzzzz", KEYS.iter().copied()), None);
    }
}
