//! The transforms: one file each, holding its documentation (the `//!`
//! comment that `tempsafe explain` prints), its detection and its fix.

pub mod hardcoded_tmp_path;
pub mod mktemp_call;
pub mod permissive_temp_permissions;
pub mod temp_without_cleanup;

/// A set of transforms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleSet(u8);

impl RuleSet {
    pub fn insert(&mut self, rule: Rule) {
        self.0 |= 1 << rule as u8;
    }

    pub fn contains(self, rule: Rule) -> bool {
        self.0 & (1 << rule as u8) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Rule> for RuleSet {
    fn from_iter<I: IntoIterator<Item = Rule>>(iter: I) -> Self {
        let mut set = RuleSet::default();
        for rule in iter {
            set.insert(rule);
        }
        set
    }
}

/// A transform's identity: stable code, kebab-case name, and the codes other
/// tools use for the same problem (honoured in suppressions and `--select`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Rule {
    MktempCall,
    HardcodedTmpPath,
    TempWithoutCleanup,
    PermissiveTempPermissions,
}

impl Rule {
    /// Every transform, in code order.
    pub const ALL: &'static [Rule] = &[
        Rule::MktempCall,
        Rule::HardcodedTmpPath,
        Rule::TempWithoutCleanup,
        Rule::PermissiveTempPermissions,
    ];

    /// The stable code, e.g. `TMP001`. Codes are never renumbered.
    pub fn code(self) -> &'static str {
        match self {
            Rule::MktempCall => "TMP001",
            Rule::HardcodedTmpPath => "TMP002",
            Rule::TempWithoutCleanup => "TMP003",
            Rule::PermissiveTempPermissions => "TMP004",
        }
    }

    /// The kebab-case name, after the pattern it flags.
    pub fn name(self) -> &'static str {
        match self {
            Rule::MktempCall => "mktemp-call",
            Rule::HardcodedTmpPath => "hardcoded-tmp-path",
            Rule::TempWithoutCleanup => "temp-without-cleanup",
            Rule::PermissiveTempPermissions => "permissive-temp-permissions",
        }
    }

    /// Codes of other tools that mean the same finding.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Rule::MktempCall => &["CSP-D504", "B306", "S306", "CWE-377"],
            Rule::HardcodedTmpPath => &["B108", "S108"],
            Rule::TempWithoutCleanup => &["CWE-459"],
            Rule::PermissiveTempPermissions => &["CWE-732"],
        }
    }

    /// What a file must contain for this transform to have anything to
    /// find (the prefilter): at least one needle of every group. `{tmp}`
    /// stands for each temporary directory right after a quote (`"/tmp`).
    pub fn needle_groups(self) -> &'static [&'static [&'static str]] {
        match self {
            // Names resolve through imports only, so `tempfile.mktemp` needs
            // `tempfile` in the file: a method named `mktemp` (Twisted's
            // `TestCase.mktemp`) alone is not parsed.
            Rule::MktempCall => &[
                &["mktemp", "tempnam", "tmpnam"],
                &["tempfile", "tempnam", "tmpnam"],
            ],
            Rule::HardcodedTmpPath => &[&["{tmp}"]],
            Rule::TempWithoutCleanup => &[
                &[
                    "mkdtemp",
                    "mkstemp",
                    "NamedTemporaryFile",
                    "TemporaryDirectory",
                ],
                &["tempfile"],
            ],
            Rule::PermissiveTempPermissions => {
                // A mode written as an octal literal or stat constant, or a
                // chmod/umask call; and a temporary path.
                &[&["chmod", "umask", "0o", "S_I"], &["tempfile", "{tmp}"]]
            }
        }
    }

    /// The documentation: the transform file's `//!` comment.
    pub fn doc(self) -> String {
        let file = match self {
            Rule::MktempCall => include_str!("mktemp_call.rs"),
            Rule::HardcodedTmpPath => include_str!("hardcoded_tmp_path.rs"),
            Rule::TempWithoutCleanup => include_str!("temp_without_cleanup.rs"),
            Rule::PermissiveTempPermissions => include_str!("permissive_temp_permissions.rs"),
        };
        file.lines()
            .map_while(|line| line.strip_prefix("//!"))
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first line of the documentation.
    pub fn summary(self) -> String {
        self.doc()
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .unwrap_or_default()
            .to_string()
    }

    /// Whether `code` names this rule: its own code or name, an alias, or a
    /// prefix of its code (`TMP` selects all), case-insensitively.
    pub fn matches(self, code: &str) -> bool {
        let code = code.trim();
        if code.is_empty() {
            return false;
        }
        let own = self.code();
        own.eq_ignore_ascii_case(code)
            || self.name().eq_ignore_ascii_case(code)
            || (own.len() > code.len() && own[..code.len()].eq_ignore_ascii_case(code))
            || self.aliases().iter().any(|a| a.eq_ignore_ascii_case(code))
    }

    /// Whether `code` names exactly this rule (its code, name or an alias):
    /// what a suppression comment must say.
    pub fn is_named(self, code: &str) -> bool {
        let code = code.trim();
        self.code().eq_ignore_ascii_case(code)
            || self.name().eq_ignore_ascii_case(code)
            || self.aliases().iter().any(|a| a.eq_ignore_ascii_case(code))
    }

    /// Looks a rule up by code, name or alias.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.matches(code))
    }
}
