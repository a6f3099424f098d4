//! The transforms: one file each, holding its documentation (the `//!`
//! comment that `tempsafe explain` prints), its detection and its fix.
//!
//! A transform plugs in at one point: a line in [`transforms!`] below. Its
//! file defines `RULE` (code, name, aliases, prefilter needles, docs) and
//! `new()`, which makes its [`Transform`]: the events it handles (calls,
//! strings, assignments) and its own state, decided on in `finish` once the
//! whole module has been visited. The [`Checker`] holds only general facts.

use ruff_python_ast::{Expr, ExprCall};

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use hardcoded_tmp_path::{PathSource, PathSourceInfo};

/// What a transform sees of the walk. Every event has a default that does
/// nothing: a transform overrides the ones it handles.
pub(crate) trait Transform<'a> {
    /// A call, after its callee and arguments were visited; `qualified` is
    /// the callee resolved through the imports (`["tempfile", "mktemp"]`).
    fn call(
        &mut self,
        _checker: &mut Checker<'a>,
        _call: &'a ExprCall,
        _qualified: Option<&[&'a str]>,
    ) {
    }

    /// A string or f-string literal.
    fn string(&mut self, _checker: &mut Checker<'a>, _string: &'a Expr) {}

    /// `targets = value`, or `with value as target`, after both were visited.
    fn assignment(&mut self, _checker: &mut Checker<'a>, _value: &'a Expr, _targets: &'a [Expr]) {}

    /// The end of the module: every use is known; decide the findings.
    fn finish(&mut self, checker: &Checker<'a>) -> Vec<Diagnostic>;
}

/// A transform's identity: stable code, kebab-case name, the codes other
/// tools use for the same problem (honoured in suppressions and `--select`),
/// the prefilter's needles and the documentation.
pub struct RuleInfo {
    /// The stable code, e.g. `TMP001`. Codes are never renumbered.
    pub code: &'static str,
    /// The kebab-case name, after the pattern it flags.
    pub name: &'static str,
    /// Codes of other tools that mean the same finding.
    pub aliases: &'static [&'static str],
    /// What a file must contain for this transform to have anything to
    /// find (the prefilter): at least one needle of every group. `{tmp}`
    /// stands for each temporary directory right after a quote (`"/tmp`).
    pub needle_groups: &'static [&'static [&'static str]],
    /// The transform's source file, whose `//!` comment is its documentation.
    pub file: &'static str,
}

/// Registers the transforms: each line names the [`Rule`] variant and the
/// module (`src/transforms/<module>.rs`) that defines `RULE` and `new()`.
macro_rules! transforms {
    ($($variant:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A transform's identity, in code order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// Every transform, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The transform's code, name, needles and docs.
            pub fn info(self) -> &'static RuleInfo {
                match self {
                    $(Rule::$variant => &$module::RULE,)*
                }
            }

            /// A fresh instance of the transform, for one module.
            pub(crate) fn new_transform<'a>(self) -> Box<dyn Transform<'a> + 'a> {
                match self {
                    $(Rule::$variant => $module::new(),)*
                }
            }
        }
    };
}

transforms! {
    MktempCall => mktemp_call,
    HardcodedTmpPath => hardcoded_tmp_path,
    TempWithoutCleanup => temp_without_cleanup,
    PermissiveTempPermissions => permissive_temp_permissions,
}

/// Registers TMP002's sources of predictable paths: each line names the
/// module (`src/transforms/<module>.rs`) that defines `SOURCE` (needles,
/// docs) and `new()`, which makes its [`PathSource`].
macro_rules! path_sources {
    ($($module:ident,)*) => {
        $(pub(crate) mod $module;)*

        /// TMP002's sources of predictable paths, in registration order.
        pub(crate) const PATH_SOURCES: &[&PathSourceInfo] = &[$(&$module::SOURCE,)*];

        /// A fresh instance of every source, for one module.
        pub(crate) fn new_path_sources<'a>() -> Vec<Box<dyn PathSource<'a> + 'a>> {
            vec![$($module::new(),)*]
        }
    };
}

path_sources! {
    tmp_path_literal,
    tmp_path_gettempdir,
}

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

impl Rule {
    /// The stable code, e.g. `TMP001`.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Codes of other tools that mean the same finding.
    pub fn aliases(self) -> &'static [&'static str] {
        self.info().aliases
    }

    /// The prefilter's needle groups (see [`RuleInfo::needle_groups`]).
    pub fn needle_groups(self) -> &'static [&'static [&'static str]] {
        self.info().needle_groups
    }

    /// The documentation: the transform file's `//!` comment, then (for
    /// TMP002) each path source's.
    pub fn doc(self) -> String {
        let sources: &[&PathSourceInfo] = match self {
            Rule::HardcodedTmpPath => PATH_SOURCES,
            _ => &[],
        };
        std::iter::once(self.info().file)
            .chain(sources.iter().map(|source| source.file))
            .map(|file| {
                file.lines()
                    .map_while(|line| line.strip_prefix("//!"))
                    .map(|line| line.strip_prefix(' ').unwrap_or(line))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
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
