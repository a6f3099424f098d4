//! What a run does: which transforms are on and which fixes may be applied.

use aho_corasick::AhoCorasick;

use crate::transforms::Rule;

/// The resolved settings of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Enabled transforms, in code order.
    pub rules: Vec<Rule>,
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Directories whose hardcoded paths TMP002 reports.
    pub tmp_dirs: Vec<String>,
    prefilter: Option<AhoCorasick>,
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
        let mut needles: Vec<&str> = rules.iter().flat_map(|r| r.needles()).copied().collect();
        if rules.contains(&Rule::HardcodedTmpPath)
            || rules.contains(&Rule::PermissiveTempPermissions)
        {
            needles.extend(tmp_dirs.iter().map(String::as_str));
        }
        let prefilter = AhoCorasick::new(needles).ok();
        Self {
            rules,
            unsafe_fixes,
            tmp_dirs,
            prefilter,
        }
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

    pub fn is_enabled(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }

    /// Whether a file may hold anything to find: it contains one of the
    /// enabled transforms' needles. Files that do not are never parsed.
    pub fn may_match(&self, source: &[u8]) -> bool {
        self.prefilter
            .as_ref()
            .is_some_and(|ac| !self.rules.is_empty() && ac.is_match(source))
    }
}
