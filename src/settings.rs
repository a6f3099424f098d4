//! What a run does: which transforms are on and which fixes may be applied.

use aho_corasick::AhoCorasick;

use crate::transforms::{Rule, RuleSet};

/// The resolved settings of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Enabled transforms, in code order.
    pub rules: Vec<Rule>,
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Directories whose hardcoded paths TMP002 reports.
    pub tmp_dirs: Vec<String>,
    /// The oldest Python the code must run on (`target-version`, else
    /// inferred from `requires-python`); None when unknown. Fixes may use
    /// idioms only from versions this is at least.
    pub target_version: Option<PythonVersion>,
    /// `--baseline`: fingerprints of this file's known findings, left out.
    pub baseline: Option<std::sync::Arc<std::collections::HashSet<String>>>,
    prefilter: Prefilter,
}

/// A Python version, `major.minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PythonVersion {
    pub major: u8,
    pub minor: u8,
}

impl PythonVersion {
    pub const fn new(major: u8, minor: u8) -> Self {
        Self { major, minor }
    }

    /// A `target-version` value: `py312`, `py27`.
    pub fn from_target(text: &str) -> Option<Self> {
        let digits = text.strip_prefix("py")?;
        let (major, minor) = digits.split_at_checked(1)?;
        Some(Self::new(major.parse().ok()?, minor.parse().ok()?))
    }

    /// The oldest version a `requires-python` specifier allows (`>=3.9,<4`
    /// gives 3.9), None if it cannot be parsed or allows none we know.
    pub fn from_requires_python(spec: &str) -> Option<Self> {
        use std::str::FromStr;
        let specifiers = pep440_rs::VersionSpecifiers::from_str(spec).ok()?;
        let candidates = std::iter::once(Self::new(2, 7)).chain((0..=20).map(|m| Self::new(3, m)));
        candidates.into_iter().find(|v| {
            // A minor version is allowed when any of its releases is
            // (`>=3.8.1` still targets 3.8).
            (0..=30u64).any(|patch| {
                let version =
                    pep440_rs::Version::new([u64::from(v.major), u64::from(v.minor), patch]);
                specifiers.contains(&version)
            })
        })
    }
}

impl std::fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "py{}{}", self.major, self.minor)
    }
}

/// One layer of rule selection (a configuration, then the command line):
/// `select` replaces what the layers before chose, `extend-select` adds,
/// `ignore` removes. `ALL` stands for every transform.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

#[derive(Debug, Clone)]
enum Searcher {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

/// Needles shorter than this are looked for one by one, and only when the
/// rest of their transform's needles are there: in the one-pass search they
/// would shorten the SIMD fingerprint and flood it with false candidates.
const SHORT_NEEDLE: usize = 4;

/// The byte search that decides which transforms can find anything in a
/// file, before it is parsed.
#[derive(Debug, Clone)]
struct Prefilter {
    needles: Vec<String>,
    /// One pass over the file for the needles that are not short; pattern
    /// `i` of the searcher is needle `long[i]`.
    searcher: Option<Searcher>,
    long: Vec<usize>,
    long_mask: u64,
    /// Per enabled rule, its needle groups as indices into the needles;
    /// groups with a short needle last.
    groups: Vec<(Rule, Vec<Vec<usize>>)>,
}

impl Prefilter {
    fn new(rules: &[Rule], tmp_dirs: &[String]) -> Self {
        let mut needles: Vec<String> = Vec::new();
        let mut index = |needle: String| match needles.iter().position(|n| *n == needle) {
            Some(i) => i,
            None => {
                needles.push(needle);
                needles.len() - 1
            }
        };
        let groups = rules
            .iter()
            .map(|&rule| {
                let groups = rule
                    .needle_groups()
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .flat_map(|needle| match *needle {
                                "{tmp}" => tmp_dirs
                                    .iter()
                                    .flat_map(|d| [format!("\"{d}"), format!("'{d}")])
                                    .collect::<Vec<_>>(),
                                other => vec![other.to_string()],
                            })
                            .map(&mut index)
                            .collect()
                    })
                    .collect();
                (rule, groups)
            })
            .collect();
        assert!(needles.len() <= 64, "the prefilter keeps needles in a u64");
        let long: Vec<usize> = (0..needles.len())
            .filter(|&i| needles[i].len() >= SHORT_NEEDLE)
            .collect();
        let long_mask = long.iter().fold(0, |mask, &i| mask | 1 << i);
        let mut groups: Vec<(Rule, Vec<Vec<usize>>)> = groups;
        for (_, rule_groups) in &mut groups {
            rule_groups.sort_by_key(|group| group.iter().any(|&i| long_mask & (1 << i) == 0));
        }
        let patterns: Vec<&str> = long.iter().map(|&i| needles[i].as_str()).collect();
        // Teddy (SIMD) when the CPU has it, an automaton otherwise.
        let packed = aho_corasick::packed::Config::new()
            .builder()
            .extend(&patterns)
            .build();
        let searcher = match packed {
            Some(packed) => Some(Searcher::Packed(packed)),
            None => AhoCorasick::new(&patterns).ok().map(Searcher::Automaton),
        };
        Self {
            needles,
            searcher,
            long,
            long_mask,
            groups,
        }
    }

    fn active(&self, source: &[u8]) -> RuleSet {
        let mut found: u64 = 0;
        let mut note =
            |pattern: aho_corasick::PatternID| found |= 1 << self.long[pattern.as_usize()];
        match &self.searcher {
            Some(Searcher::Packed(searcher)) => {
                searcher
                    .find_iter(source)
                    .for_each(|hit| note(hit.pattern()));
            }
            Some(Searcher::Automaton(searcher)) => {
                searcher
                    .find_iter(source)
                    .for_each(|hit| note(hit.pattern()));
            }
            None => {}
        }
        let mut searched = self.long_mask;
        let mut has = |i: usize| {
            if searched & (1 << i) == 0 {
                searched |= 1 << i;
                if memchr::memmem::find(source, self.needles[i].as_bytes()).is_some() {
                    found |= 1 << i;
                }
            }
            found & (1 << i) != 0
        };
        self.groups
            .iter()
            .filter(|(_, groups)| groups.iter().all(|group| group.iter().any(|&i| has(i))))
            .map(|(rule, _)| *rule)
            .collect()
    }
}

/// The shared temporary directories of Unix systems.
pub const DEFAULT_TMP_DIRS: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

impl Default for Settings {
    fn default() -> Self {
        Self::new(Rule::ALL.to_vec(), false)
    }
}

impl Settings {
    pub fn new(rules: Vec<Rule>, unsafe_fixes: bool) -> Self {
        Self::with_tmp_dirs(
            rules,
            unsafe_fixes,
            DEFAULT_TMP_DIRS.iter().map(|d| d.to_string()).collect(),
        )
    }

    /// Settings with extra temporary directories (`tmp-dirs` in the config).
    pub fn with_tmp_dirs(mut rules: Vec<Rule>, unsafe_fixes: bool, tmp_dirs: Vec<String>) -> Self {
        rules.sort();
        rules.dedup();
        let prefilter = Prefilter::new(&rules, &tmp_dirs);
        Self {
            rules,
            unsafe_fixes,
            tmp_dirs,
            target_version: None,
            baseline: None,
            prefilter,
        }
    }

    /// The same settings with other transforms (per-file ignores).
    pub fn with_rules(&self, rules: Vec<Rule>) -> Self {
        let mut settings = Self::with_tmp_dirs(rules, self.unsafe_fixes, self.tmp_dirs.clone());
        settings.target_version = self.target_version;
        settings.baseline = self.baseline.clone();
        settings
    }

    /// Whether fixes may use what Python `major.minor` brought: only when
    /// the target is known to be at least that.
    pub fn targets_at_least(&self, major: u8, minor: u8) -> bool {
        self.target_version
            .is_some_and(|v| v >= PythonVersion::new(major, minor))
    }

    /// Settings from layers of selection (see [`Selection`]); an unknown
    /// code is returned as the error.
    pub fn resolve(
        layers: &[Selection],
        unsafe_fixes: bool,
        extra_tmp_dirs: &[String],
        target_version: Option<PythonVersion>,
    ) -> Result<Self, String> {
        let matches = |rule: Rule, codes: &[String]| {
            codes
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case("ALL") || rule.matches(c))
        };
        let mut on: Vec<Rule> = Rule::ALL.to_vec();
        for layer in layers {
            let codes = layer.select.iter().flatten();
            for code in codes.chain(&layer.extend_select).chain(&layer.ignore) {
                if !code.trim().eq_ignore_ascii_case("ALL") && Rule::from_code(code).is_none() {
                    return Err(code.clone());
                }
            }
            if let Some(select) = &layer.select {
                on = Rule::ALL
                    .iter()
                    .copied()
                    .filter(|r| matches(*r, select))
                    .collect();
            }
            on.extend(
                Rule::ALL
                    .iter()
                    .copied()
                    .filter(|r| matches(*r, &layer.extend_select)),
            );
            on.retain(|r| !matches(*r, &layer.ignore));
        }
        let mut settings =
            Self::from_selection_with_tmp_dirs(&[], &[], unsafe_fixes, extra_tmp_dirs)?;
        settings = settings.with_rules(on);
        settings.target_version = target_version;
        Ok(settings)
    }

    /// The temporary directory `path` starts with (`/tmp` for `/tmp/x`, not
    /// for `/tmpfoo`).
    pub fn tmp_dir_of<'s>(&'s self, path: &str) -> Option<&'s str> {
        self.tmp_dirs
            .iter()
            .map(|d| d.trim_end_matches('/'))
            .find(|d| {
                path.strip_prefix(d)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    }

    /// Resolves `--select` / `--ignore` lists (codes, names, aliases or code
    /// prefixes). An empty select means all transforms.
    pub fn from_selection(
        select: &[String],
        ignore: &[String],
        unsafe_fixes: bool,
    ) -> Result<Self, String> {
        Self::from_selection_with_tmp_dirs(select, ignore, unsafe_fixes, &[])
    }

    /// Like [`Settings::from_selection`], with `extra_tmp_dirs` added to the
    /// default temporary directories.
    pub fn from_selection_with_tmp_dirs(
        select: &[String],
        ignore: &[String],
        unsafe_fixes: bool,
        extra_tmp_dirs: &[String],
    ) -> Result<Self, String> {
        for code in select.iter().chain(ignore) {
            if Rule::from_code(code).is_none() {
                return Err(code.clone());
            }
        }
        let rules = Rule::ALL
            .iter()
            .copied()
            .filter(|r| select.is_empty() || select.iter().any(|c| r.matches(c)))
            .filter(|r| !ignore.iter().any(|c| r.matches(c)))
            .collect();
        let mut tmp_dirs: Vec<String> = DEFAULT_TMP_DIRS.iter().map(|d| d.to_string()).collect();
        for dir in extra_tmp_dirs {
            if !tmp_dirs.contains(dir) {
                tmp_dirs.push(dir.clone());
            }
        }
        Ok(Self::with_tmp_dirs(rules, unsafe_fixes, tmp_dirs))
    }

    /// The enabled transforms that may find something in `source`: those
    /// whose needles it contains. A file with none is never parsed.
    pub fn active_rules(&self, source: &[u8]) -> RuleSet {
        self.prefilter.active(source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn active(source: &str) -> Vec<&'static str> {
        let rules = Settings::default().active_rules(source.as_bytes());
        Rule::ALL
            .iter()
            .filter(|r| rules.contains(**r))
            .map(|r| r.code())
            .collect()
    }

    #[test]
    fn prefilter_needs_every_group_of_a_transform() {
        assert_eq!(active("x = 1\n"), Vec::<&str>::new());
        assert_eq!(active("name = tempfile.mktemp()\n"), ["TMP001"]);
        assert_eq!(active("name = os.tmpnam()\n"), ["TMP001"]);
        // Only an import can make `mktemp` or `mkdtemp` tempfile's.
        assert_eq!(active("name = self.mktemp()\n"), Vec::<&str>::new());
        assert_eq!(active("d = helpers.mkdtemp()\n"), Vec::<&str>::new());
        assert_eq!(
            active("from tempfile import *\nd = mkdtemp()\n"),
            ["TMP003"]
        );
        // A tmp path only after a quote: not `/tmp` inside a longer path.
        assert_eq!(active("p = 'a/tmp/b'\n"), Vec::<&str>::new());
        assert_eq!(active("p = \"/var/tmp/x\"\n"), ["TMP002"]);
        assert_eq!(active("fd, p = tempfile.mkstemp()\n"), ["TMP003"]);
        // TMP004: a short mode needle counts only with a temporary token.
        assert_eq!(active("os.open(p, 0, 0o777)\n"), Vec::<&str>::new());
        assert_eq!(
            active("import tempfile\nos.open(p, 0, 0o777)\n"),
            ["TMP004"]
        );
        assert_eq!(active("import tempfile\nmode = S_IRWXO\n"), ["TMP004"]);
        assert_eq!(active("os.chmod('/tmp/x', 0o777)\n"), ["TMP002", "TMP004"]);
    }

    #[test]
    fn prefilter_follows_configured_tmp_dirs() {
        let settings =
            Settings::from_selection_with_tmp_dirs(&[], &[], false, &["/scratch".to_string()])
                .unwrap();
        let rules = settings.active_rules(b"p = '/scratch/out'\n");
        assert!(rules.contains(Rule::HardcodedTmpPath));
        assert!(!rules.contains(Rule::MktempCall));
    }
}
