//! # hardcoded-tmp-path (TMP002)
//!
//! Aliases: B108 (Bandit), S108 (Ruff), CWE-377.
//!
//! ## What it does
//! Finds paths under `/tmp`, `/var/tmp` and `/dev/shm` (plus `tmp-dirs`
//! from the configuration) whose name is known in advance and that reach
//! the file system: `open`, `pathlib.Path` and its methods, `os.*`,
//! `os.path.*`, `shutil.*`, `sqlite3.connect`, `sock.bind`, directly or
//! through a variable, an `os.path.join("/tmp", …)`, a `%`/`.format`/`+`
//! built string. Paths that never reach the file system (log and print
//! messages, docstrings, help text, values only compared) are not
//! reported. Where the paths come from is listed under each "Source"
//! below; the fixes and their safety are the same for all of them, and
//! all the paths of a function are rewritten together, whichever source
//! found them.
//!
//! ## Why is this bad?
//! Everybody can write to these directories. A path known in advance can be
//! created first by another local user — as a symbolic link to a file of
//! yours, or as a directory they control — and your program then writes
//! where they chose, or reads what they wrote (CWE-377).
//!
//! ## Example
//! ```python
//! def generate():
//!     test_dir = Path("/tmp/test_nginx")
//!     test_dir.mkdir(exist_ok=True)
//!     render(test_dir / "nginx.conf")
//! ```
//!
//! ## Use instead
//! ```python
//! def generate():
//!     temp_dir = tempfile.mkdtemp(prefix="test_nginx_")
//!     test_dir = Path(temp_dir)
//!     try:
//!         test_dir.mkdir(exist_ok=True)
//!         render(test_dir / "nginx.conf")
//!     finally:
//!         shutil.rmtree(temp_dir, ignore_errors=True)
//! ```
//! The new path is unpredictable and keeps the old name for debugging:
//! a directory `/tmp/test_nginx` becomes `mkdtemp(prefix="test_nginx_")` (a
//! now-failing `mkdir` of it goes), a file `/tmp/cfg.json` created by the
//! function becomes `mkstemp(prefix="cfg_", suffix=".json")`, anything else
//! moves into a fresh `mkdtemp()` directory under its old name. Every path
//! under the temporary directory in the function is rewritten consistently
//! (a literal used several times is bound once; `/tmp/x/y` stays inside
//! `/tmp/x`); f-strings keep their fields. What the function created is
//! removed in a `finally`. In a pytest test the `tmp_path` fixture is used
//! instead; in a unittest `TestCase`, `mkdtemp()` with
//! `self.addCleanup(shutil.rmtree, …, ignore_errors=True)`. A path that a
//! `TestCase`'s `setUp`, tests and `tearDown` share (one writes what another
//! reads or removes) moves into one directory made in `setUp` on
//! `self.temp_dir`: the runner calls them in turn for each test and runs
//! the cleanup after `tearDown`. Only when every copy of the path in the
//! module is in that class (or in another class rewritten the same way),
//! never in `setUpClass` or the class body; all its copies in the class are
//! rewritten, command arguments and compared strings too.
//!
//! ## Fix safety
//! - Safe in tests (pytest functions, unittest methods) when every use of
//!   the paths is known, and in other functions when, in addition, the
//!   function removes what it created: the path was scratch space.
//! - Unsafe when the function leaves the path behind (another program may
//!   expect it there), hands it to code tempsafe cannot see, or compares it
//!   with the same literal elsewhere.
//! - A path shared by a `TestCase`'s methods is safe under the same rules;
//!   unsafe when a copy of it stays in a string that is not a path (a
//!   message).
//! - Module-level constants, class attributes and parameter defaults are
//!   reported without a fix: they are often paths on another host (a deploy
//!   tool's `DEFAULT_TEMP_DIR = "/tmp"`) or shared with other programs by
//!   design.
//!
//! ## References
//! - <https://cwe.mitre.org/data/definitions/377.html>
//! - <https://docs.python.org/3/library/tempfile.html>

use std::collections::{BTreeMap, HashMap};

use ruff_diagnostics::Edit;
use ruff_python_ast::{Expr, ExprCall, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_python_ast::token::TokenKind;
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::{Checker, FunctionContext, PathUse, WatchId};
use crate::diagnostic::Diagnostic;
use crate::edits::delete_statement;
use crate::fix_builder::{BuiltFix, FixBuilder, Safety};
use crate::importer::stands_alone;
use crate::path_use::{self, UseKind};
use crate::reason::{NoFix, UnsafeBecause};
use crate::semantic::{MODULE_SCOPE, ScopeId, ScopeKind};
use crate::summary::{Arg, CallSite, Target};
use crate::transforms::{PATH_SOURCES, Rule, RuleInfo, Transform, new_path_sources};
use crate::test_lifetime::{TestKind, add_fixture_parameter, test_kind};
use crate::wrap::{CleanupLine, wrap_with};

/// A source of predictable paths, registered with one line in
/// `path_sources!` (`src/transforms/mod.rs`): its file defines `SOURCE`
/// and `new()`, which makes its [`PathSource`].
pub(crate) struct PathSourceInfo {
    /// What a file must contain for the source to find anything (any one
    /// needle; `{tmp}` as in [`RuleInfo::needle_groups`]). TMP002 runs on a
    /// file holding a needle of any source.
    pub needles: &'static [&'static str],
    /// The source's file, whose `//!` comment follows TMP002's own in its
    /// documentation.
    pub file: &'static str,
}

/// What a source of predictable paths sees of the walk: the events it
/// needs, each with a default that finds nothing. A source reports each
/// path it finds as a [`PredictablePath`]; the planner below decides on all
/// the paths of a function together, whichever source found them.
pub(crate) trait PathSource<'a> {
    /// A string or f-string literal.
    fn string(&mut self, _checker: &Checker<'a>, _string: &'a Expr) -> Option<Found> {
        None
    }

    /// A call, after its callee and arguments were visited (`qualified`
    /// as in [`Transform::call`]).
    fn call(
        &mut self,
        _checker: &Checker<'a>,
        _call: &'a ExprCall,
        _qualified: Option<&[&'a str]>,
    ) -> Option<Found> {
        None
    }

    /// `targets = value` (or `with value as target`), after both were visited.
    fn assignment(&mut self, _checker: &Checker<'a>, _value: &'a Expr, _targets: &'a [Expr]) {}

    /// At the end of the module: whether a path this source found still
    /// stands, now that the whole module is known.
    fn keep(&self, _checker: &Checker<'a>, _path: &PredictablePath) -> bool {
        true
    }
}

/// A path a source found during an event.
pub(crate) struct Found {
    /// Which expression the path is: 0 for the event's own (the string, the
    /// call), 1 for the one around it, and so on. Where the path goes is
    /// classified from there.
    pub up: usize,
    pub path: PredictablePath,
}

/// A path whose name is known in advance, in a directory everybody can
/// write to: what a source found, in the terms the planner decides in.
pub(crate) struct PredictablePath {
    /// The expression that stands for the path.
    pub range: TextRange,
    /// Other code the path is made from (a temporary directory bound to a
    /// name earlier): another source's path inside it is part of this one.
    pub claims: Vec<TextRange>,
    /// The path as the finding shows it. Two static paths that show the
    /// same are the same path.
    pub shown: String,
    /// What follows the temporary directory, up to the first part not
    /// known in advance, without the leading `/` (`cfg.json`,
    /// `work/sub.txt`, `job_` for `f"/tmp/job_{n}.log"`).
    pub rest: String,
    /// The path goes on after `rest` with parts known only at run time
    /// (an f-string's fields).
    pub dynamic: bool,
    /// The first component under the temporary directory, when it is
    /// known in advance (`work` for `/tmp/work/sub.txt`).
    pub first_component: Option<String>,
    /// The path's own text in the file (`/tmp/cfg.json`), if it is written
    /// out: where the same text stands elsewhere (a message, a comparison,
    /// another function), the same path is used there.
    pub written: Option<String>,
    /// How the path is rewritten onto a new base; `None` when tempsafe
    /// cannot rewrite it (escapes, raw or byte strings).
    pub rewrite: Option<Box<dyn Rewrite>>,
}

/// How one predictable path is written onto each [`Base`].
pub(crate) trait Rewrite {
    /// Whether the rewritten path calls `os` (`os.path.join(temp_dir, …)`):
    /// `os` must then be imported under its own name.
    fn needs_os(&self, base: &Base) -> bool;

    /// The edit that puts the path onto `base`, `os` written as the file
    /// writes it; `None` when the path cannot go there (a
    /// [`Base::Root`] it is not under).
    /// `follow`: the fix rewrites the value of [`Rewrite::follows`] too,
    /// so a name bound to it can stay.
    fn rewrite(&self, base: &Base, os: &str, source: &str, follow: bool) -> Option<Edit>;

    /// The value of the name the path goes through (`tmp` in
    /// `os.path.join(tmp, "x")` after `tmp = tempfile.gettempdir()`), when
    /// the fix is expected to rewrite that value as well.
    fn follows(&self) -> Option<TextRange> {
        None
    }
}

/// A temporary path found during the visit.
struct Candidate<'a> {
    path: PredictablePath,
    /// The source that found it (its index in [`PATH_SOURCES`]).
    source: usize,
    scope: ScopeId,
    stmt_start: TextSize,
    function: Option<FunctionContext<'a>>,
    /// Where the path (or the path built from it) goes.
    kind: UseKind,
    /// The call an unknown use hands it to, for the summaries.
    site: Option<CallSite>,
    /// The variable it is assigned to, if any.
    watch: Option<WatchId>,
    /// In a parameter default (evaluated once, at definition).
    in_default: bool,
    /// Handed to a call together with a fixed file name (`LogFile("test.log",
    /// "/tmp")`): the callee may make that name inside it.
    beside_a_name: bool,
    /// The keyword it is handed to a call with (`Config(logfile="/tmp/x")`).
    keyword: Option<&'a str>,
}

impl Candidate<'_> {
    fn range(&self) -> TextRange {
        self.path.range
    }
}

/// Every source's needles, in one group: any one of them will do.
const NEEDLES: [&str; needle_count(PATH_SOURCES)] = all_needles(PATH_SOURCES);

const fn needle_count(sources: &[&PathSourceInfo]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < sources.len() {
        count += sources[i].needles.len();
        i += 1;
    }
    count
}

const fn all_needles<const N: usize>(sources: &[&PathSourceInfo]) -> [&'static str; N] {
    let mut all = [""; N];
    let (mut i, mut k) = (0, 0);
    while i < sources.len() {
        let mut j = 0;
        while j < sources[i].needles.len() {
            all[k] = sources[i].needles[j];
            j += 1;
            k += 1;
        }
        i += 1;
    }
    all
}

pub const RULE: RuleInfo = RuleInfo {
    code: "TMP002",
    name: "hardcoded-tmp-path",
    aliases: &["B108", "S108", "hardcoded-temp-file", "hardcoded_tmp_directory"],
    needle_groups: &[&NEEDLES],
    file: include_str!("hardcoded_tmp_path.rs"),
};

pub(crate) fn new<'a>() -> Box<dyn Transform<'a> + 'a> {
    Box::new(HardcodedTmpPath {
        sources: new_path_sources(),
        candidates: Vec::new(),
        bound: HashMap::new(),
    })
}

/// The sources, and the paths they found, decided on one function at a
/// time at the end.
struct HardcodedTmpPath<'a> {
    sources: Vec<Box<dyn PathSource<'a> + 'a>>,
    candidates: Vec<Candidate<'a>>,
    /// The watch of each name a path is bound to, by the name's start: two
    /// sources finding paths in one value (`"/tmp"` and `$TMPDIR` in
    /// `d = os.environ.get("TMPDIR", "/tmp")`) share the name's uses.
    bound: HashMap<TextSize, WatchId>,
}

impl<'a> Transform<'a> for HardcodedTmpPath<'a> {
    fn string(&mut self, checker: &mut Checker<'a>, string: &'a Expr) {
        for i in 0..self.sources.len() {
            if let Some(found) = self.sources[i].string(checker, string) {
                self.add(checker, i, found);
            }
        }
    }

    fn call(
        &mut self,
        checker: &mut Checker<'a>,
        call: &'a ExprCall,
        qualified: Option<&[&'a str]>,
    ) {
        for i in 0..self.sources.len() {
            if let Some(found) = self.sources[i].call(checker, call, qualified) {
                self.add(checker, i, found);
            }
        }
    }

    fn assignment(&mut self, checker: &mut Checker<'a>, value: &'a Expr, targets: &'a [Expr]) {
        for source in &mut self.sources {
            source.assignment(checker, value, targets);
        }
    }

    fn finish(&mut self, checker: &Checker<'a>) -> Vec<Diagnostic> {
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.retain(|c| self.sources[c.source].keep(checker, &c.path));
        let candidates = outermost(candidates);
        decide_all(checker, &candidates)
    }
}

impl<'a> HardcodedTmpPath<'a> {
    /// Records a path a source found: where it goes, what it is bound to.
    fn add(&mut self, checker: &mut Checker<'a>, source: usize, found: Found) {
        let Some(depth) = checker.exprs.len().checked_sub(found.up) else {
            return;
        };
        let stmt = checker.current_stmt();
        let kind = path_use::classify(
            &checker.semantic,
            checker.scope,
            &checker.exprs[..depth],
            stmt,
            checker.source,
        );
        // Ex) self.log = "/tmp/x.log" in a method: the field's uses in the class.
        let site = checker.handoff_at(kind, depth).or_else(|| {
            (kind == UseKind::Unknown)
                .then(|| checker.field_store(checker.exprs[depth - 1].range()))
                .flatten()
        });
        let beside_a_name = beside_a_file_name(checker, &checker.exprs[..depth]);
        let keyword = match checker.exprs[..depth] {
            [.., Expr::Call(call), top] => call
                .arguments
                .keywords
                .iter()
                .find(|k| k.value.range() == top.range())
                .and_then(|k| k.arg.as_ref())
                .map(|arg| arg.id.as_str()),
            _ => None,
        };
        let watch = match (kind, stmt) {
            (UseKind::Derived, Some(Stmt::Assign(assign))) => match assign.targets.as_slice() {
                [Expr::Name(name)] => Some(
                    *self
                        .bound
                        .entry(name.start())
                        .or_insert_with(|| checker.watch(name.id.as_str())),
                ),
                _ => None,
            },
            _ => None,
        };
        let range = found.path.range;
        self.candidates.push(Candidate {
            path: found.path,
            source,
            scope: checker.scope,
            stmt_start: stmt.map_or(range.start(), Ranged::start),
            function: checker.function,
            kind,
            site,
            watch,
            in_default: matches!(stmt, Some(Stmt::FunctionDef(_))),
            beside_a_name,
            keyword,
        });
    }
}

/// Drops a path that lies inside a path another source found (the `"/tmp"`
/// default of `os.environ.get("TMPDIR", "/tmp")` when that is joined with
/// a name): the outer path is the one rewritten.
fn outermost(candidates: Vec<Candidate>) -> Vec<Candidate> {
    if candidates.iter().all(|c| c.source == candidates[0].source) {
        return candidates;
    }
    let inside_another = |c: &Candidate| {
        candidates.iter().any(|outer| {
            outer.source != c.source
                && std::iter::once(&outer.path.range)
                    .chain(&outer.path.claims)
                    .any(|r| r.contains_range(c.range()))
        })
    };
    let keep: Vec<bool> = candidates.iter().map(|c| !inside_another(c)).collect();
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect()
}

/// Decides every temporary path found, one function at a time.
fn decide_all<'a>(checker: &Checker<'a>, candidates: &[Candidate<'a>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if candidates.is_empty() {
        return out;
    }
    // Where each candidate stands, for "is this path also used elsewhere?".
    let mut placed: Vec<(TextRange, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.range(), i))
        .collect();
    placed.sort_by_key(|(range, _)| range.start());
    let elsewhere = Elsewhere {
        occurrences: occurrences(checker, candidates),
        placed,
        unwritten: candidates
            .iter()
            .filter(|c| c.path.written.is_none())
            .collect(),
        all: candidates,
    };
    // Paths a unittest class's fixture methods and tests share are decided
    // for the whole class; the rest one function at a time.
    let mut claimed = vec![false; candidates.len()];
    for group in test_class_groups(checker, &elsewhere) {
        for &i in &group.members {
            claimed[i] = true;
        }
        out.extend(decide_test_class(checker, &elsewhere, &group));
    }
    let mut by_scope: BTreeMap<ScopeId, Vec<&Candidate>> = BTreeMap::new();
    for (candidate, claimed) in candidates.iter().zip(&claimed) {
        if !claimed {
            by_scope.entry(candidate.scope).or_default().push(candidate);
        }
    }
    for (scope, group) in by_scope {
        let diagnostics = decide_scope(checker, scope, &group, &elsewhere);
        out.extend(diagnostics);
    }
    // Suppressed paths are findings too: the engine leaves them out of the
    // report and keeps every other fix off their lines.
    for candidate in candidates {
        let (start, stmt) = (candidate.range().start(), candidate.stmt_start);
        if checker
            .suppressions
            .is_suppressed(Rule::HardcodedTmpPath, start, stmt)
        {
            out.push(diagnostic(candidate));
        }
    }
    out
}

/// What a candidate's uses add up to.
struct Reach {
    /// Reaches the file system through a known call.
    file_system: bool,
    /// Only neutral uses (messages, comparisons): not reported.
    neutral_only: bool,
    /// Handed to unknown code, returned, stored, or used in a nested function.
    unknown: bool,
    /// Removed by the function (`os.remove`, `shutil.rmtree`, `p.unlink()`).
    removed: bool,
    /// Stored on `self`: the uses are the class's, in other methods too.
    stored: bool,
    /// Handed to a call of the package whose summary is known and complete
    /// (nothing unknown): the summary says what is made in it.
    followed: bool,
    uses: Vec<UseKind>,
}

fn reach(checker: &Checker, candidate: &Candidate) -> Reach {
    // Each use, whether it leaves the block the path was bound in, and
    // whether it is in a nested function (which may run at any time).
    let mut uses: Vec<(UseKind, bool, bool)> = Vec::new();
    // Ex) helper("/tmp/x"): what the helper does with it, if it is known.
    let summarized = candidate
        .site
        .as_ref()
        .and_then(|site| checker.resolve_site(site));
    let followed = summarized
        .as_ref()
        .is_some_and(|kinds| !kinds.iter().any(|k| k.escapes()));
    match summarized {
        Some(kinds) => uses.extend(kinds.into_iter().map(|k| (k, false, false))),
        None if candidate.kind != UseKind::Derived => uses.push((candidate.kind, false, false)),
        None => {}
    }
    if let Some(watch) = candidate.watch {
        let owner = &checker.watches[watch];
        let seen = checker.uses_with_derived(watch);
        if seen.is_empty() {
            // Ex) a class attribute or a constant: used where tempsafe cannot see.
            uses.push((UseKind::Unknown, true, true));
        }
        uses.extend(seen.into_iter().map(|u: &PathUse| {
            (
                u.kind,
                u.nested || !u.blocks.starts_with(&owner.blocks),
                u.nested,
            )
        }));
    }
    for read in read_back(checker, candidate) {
        uses.extend(
            checker
                .uses_with_derived(read)
                .into_iter()
                .map(|u| (u.kind, u.nested, u.nested)),
        );
    }
    Reach {
        file_system: uses.iter().any(|(k, _, _)| k.reaches_file_system()),
        // Ex) if nt: t = os.environ["TEMP"] else: t = "/tmp"; os.symlink(t, link):
        // only text work, after the branch too.
        neutral_only: uses.iter().all(|(k, _, nested)| {
            !nested && matches!(k, UseKind::Neutral | UseKind::NameOnly)
        }),
        unknown: uses.iter().any(|(k, escapes, _)| *escapes || k.escapes()),
        removed: uses
            .iter()
            .any(|(k, _, _)| matches!(k, UseKind::Remove { .. } | UseKind::CleanupRegistered)),
        stored: candidate
            .site
            .as_ref()
            .is_some_and(|site| matches!(site.target, Target::Field(_))),
        followed,
        uses: uses.into_iter().map(|(k, _, _)| k).collect(),
    }
}

/// Ex) DummyPConfig(options, stdout_logfile="/tmp/p.log"); ...; logfile =
/// process.config.stdout_logfile; open(logfile, "w+"): the path handed to
/// a call under a keyword, read back later in the function under that name
/// (bound once): the read's uses are the path's too.
fn read_back(checker: &Checker, candidate: &Candidate) -> Vec<WatchId> {
    let mut keywords: Vec<(&str, TextSize)> = Vec::new();
    if let Some(keyword) = candidate.keyword {
        keywords.push((keyword, candidate.range().start()));
    }
    if let Some(watch) = candidate.watch {
        for u in checker.uses_with_derived(watch) {
            if let Some(CallSite {
                arg: Arg::Keyword(keyword),
                ..
            }) = &u.site
            {
                keywords.push((keyword.as_str(), u.range.start()));
            }
        }
    }
    let bindings = &checker.semantic.scopes[candidate.scope].bindings;
    checker
        .read_back
        .iter()
        .filter(|read| {
            read.scope == candidate.scope
                && keywords
                    .iter()
                    .any(|&(keyword, at)| keyword == read.attribute && at < read.bound)
                && bindings.values().all(|b| {
                    !b.iter().any(|b| b.range.start() == read.bound) || b.len() == 1
                })
        })
        .map(|read| read.watch)
        .collect()
}

/// Ex) subprocess.run(cmd, cwd="/tmp"), mkstemp(dir="/tmp"): the shared
/// directory itself, with no name fixed in advance under it. A predictable
/// name is what can be taken first; a bare directory only is a finding when
/// the program makes a fixed name inside it (`os.path.join("/tmp", "x")`),
/// or hands it to code it cannot follow together with a fixed name
/// (`LogFile("test.log", "/tmp")`).
fn bare_directory_only(candidate: &Candidate, reach: &Reach) -> bool {
    candidate.path.rest.is_empty()
        && !candidate.path.dynamic
        && (!candidate.beside_a_name || reach.followed)
        // A path built from it (`os.path.join(d, "x")`), used or bound.
        && !reach
            .uses
            .iter()
            .any(|k| matches!(k, UseKind::Inside | UseKind::Derived))
}

/// Whether the expression on top of `exprs` is an argument of a call that
/// also gets a plain file name (a string literal without `/`). Not for
/// tempfile's own functions: their `prefix`/`suffix` frame a random name
/// (`mkdtemp(prefix="x-", dir="/tmp")`), they fix no name.
fn beside_a_file_name(checker: &Checker, exprs: &[&Expr]) -> bool {
    let [.., Expr::Call(call), top] = exprs else {
        return false;
    };
    if checker
        .semantic
        .qualified_name(checker.scope, &call.func)
        .is_some_and(|q| q.first() == Some(&"tempfile"))
    {
        return false;
    }
    call.arguments
        .args
        .iter()
        .chain(call.arguments.keywords.iter().map(|k| &k.value))
        .any(|arg| {
            !std::ptr::eq(arg, *top)
                && matches!(arg, Expr::StringLiteral(s)
                    if !s.value.to_str().is_empty() && !s.value.to_str().contains('/'))
        })
}

fn diagnostic(candidate: &Candidate) -> Diagnostic {
    Diagnostic::new(
        Rule::HardcodedTmpPath,
        format!(
            "`{}` is a predictable path in a directory everybody can write to",
            candidate.path.shown
        ),
        candidate.range(),
        candidate.stmt_start,
    )
}

/// Where each path (the static start of each literal) is written in the
/// file, found in one pass for all of them.
fn occurrences<'c>(checker: &Checker, candidates: &'c [Candidate]) -> HashMap<&'c str, Vec<TextSize>> {
    let source = checker.source;
    let mut heads: Vec<&str> = candidates
        .iter()
        .filter(|c| !c.path.rest.is_empty())
        .filter_map(|c| c.path.written.as_deref())
        .collect();
    heads.sort_unstable();
    heads.dedup();
    let mut found: HashMap<&str, Vec<TextSize>> = HashMap::new();
    if heads.is_empty() {
        // Nothing to look for: no pass over the file.
        return found;
    }
    let Ok(searcher) = aho_corasick::AhoCorasick::new(&heads) else {
        return found;
    };
    for hit in searcher.find_overlapping_iter(source) {
        // `/tmp/work` is not written in `/tmp/work2` or `/tmp/work.log`.
        let next = source.as_bytes().get(hit.end()).copied().unwrap_or(b' ');
        if next.is_ascii_alphanumeric() || matches!(next, b'_' | b'.' | b'-') {
            continue;
        }
        // Ex) `# before running: mkdir /tmp/x`: a comment does nothing.
        let start = TextSize::try_from(hit.start()).unwrap_or_default();
        if in_comment(checker, start) {
            continue;
        }
        found
            .entry(heads[hit.pattern().as_usize()])
            .or_default()
            .push(start);
    }
    found
}

/// Whether `at` is inside a comment.
fn in_comment(checker: &Checker, at: TextSize) -> bool {
    let tokens = checker.parsed.tokens();
    let i = tokens.partition_point(|t| t.start() <= at);
    i > 0 && {
        let token = &tokens[i - 1];
        token.kind() == TokenKind::Comment && token.range().contains(at)
    }
}

fn decide_scope(
    checker: &Checker,
    scope: ScopeId,
    group: &[&Candidate],
    elsewhere: &Elsewhere,
) -> Vec<Diagnostic> {
    // Suppressed paths stay as they are: the rest is rewritten without them
    // if they name other paths, or not at all.
    let (suppressed, group): (Vec<&Candidate>, Vec<&Candidate>) = group.iter().partition(|c| {
        checker
            .suppressions
            .is_suppressed(Rule::HardcodedTmpPath, c.range().start(), c.stmt_start)
    });
    let group = &group[..];
    let reaches: Vec<Reach> = group.iter().map(|c| reach(checker, c)).collect();
    let reported: Vec<usize> = (0..group.len())
        .filter(|&i| !reaches[i].neutral_only && !bare_directory_only(group[i], &reaches[i]))
        .collect();
    if reported.is_empty() {
        return Vec::new();
    }
    let mut diagnostics: Vec<Diagnostic> = reported.iter().map(|&i| diagnostic(group[i])).collect();
    let kind = checker.semantic.scopes[scope].kind;
    let no_fix = if scope == MODULE_SCOPE || kind == ScopeKind::Module {
        Some(NoFix::ModuleConstant)
    } else if kind == ScopeKind::Class {
        Some(NoFix::ClassAttribute)
    } else if reported.iter().any(|&i| group[i].in_default) {
        Some(NoFix::ParameterDefault)
    } else if !reported.iter().any(|&i| reaches[i].file_system) {
        Some(NoFix::PassedOn)
    } else if reported.iter().any(|&i| reaches[i].unknown) && checker.patches_code(scope) {
        // Ex) with patch.dict(filestate.__salt__, {...}): filestate.serialize("/tmp")
        // — the summaries describe the unpatched code; what the patched
        // code does with the path is not known.
        Some(NoFix::PassedOn)
    } else if group.iter().any(|c| c.path.rewrite.is_none()) {
        Some(NoFix::ComplexString)
    } else if reported
        .iter()
        .any(|&i| reaches[i].uses.contains(&UseKind::MovedInto))
    {
        // Ex) shutil.move("/etc/mtab", "/tmp/mtab"): a directory removed at
        // the end of the function would take the moved file with it.
        Some(NoFix::MovedInto)
    } else if reported
        .iter()
        .any(|&i| elsewhere.used_by_another_scope(checker, group[i], scope))
    {
        // Ex) setUp writes /tmp/state, tearDown reads it: one fresh
        // directory per function would break the hand-over. Two tests that
        // each make the path hand nothing over.
        Some(NoFix::SharedWithAnotherFunction)
    } else {
        None
    };
    if let Some(reason) = no_fix {
        for d in &mut diagnostics {
            d.no_fix = Some(reason.clone());
        }
        return diagnostics;
    }
    let Some(function) = group[0].function else {
        return diagnostics;
    };
    let shares_a_suppressed_path = suppressed.iter().any(|s| {
        let component = &s.path.first_component;
        component.is_none() || group.iter().any(|c| c.path.first_component == *component)
    });
    if shares_a_suppressed_path {
        for d in &mut diagnostics {
            d.no_fix = Some(NoFix::SharesSuppressedPath);
        }
        return diagnostics;
    }
    // Rewrite the paths that reach the file system; messages stay as they are.
    let rewritten: Vec<&Candidate> = reported.iter().map(|&i| group[i]).collect();
    let rewritten_reaches: Vec<&Reach> = reported.iter().map(|&i| &reaches[i]).collect();
    // The same path also written somewhere left alone: a comparison, a
    // message, a shell command, another function, a module constant.
    let also_left_alone = rewritten
        .iter()
        .any(|c| elsewhere.also_left_alone(checker, c, &rewritten));
    let built = decide_plan(
        checker,
        function,
        &rewritten,
        &rewritten_reaches,
        also_left_alone,
    )
    .and_then(|plan| build_plan(checker, scope, function, &rewritten, plan));
    for d in &mut diagnostics {
        d.set_fix(built.clone());
    }
    diagnostics
}

/// Where else in the module the paths are used: the text of written-out
/// paths, and every path found.
struct Elsewhere<'c, 'a> {
    /// Where each written-out path stands in the file.
    occurrences: HashMap<&'c str, Vec<TextSize>>,
    /// Each candidate's range and index in `all`, by start.
    placed: Vec<(TextRange, usize)>,
    /// The paths not written out (a name joined onto `gettempdir()`): the
    /// text search cannot see them.
    unwritten: Vec<&'c Candidate<'a>>,
    all: &'c [Candidate<'a>],
}

impl<'c> Elsewhere<'c, '_> {
    /// The paths `candidate` is compared with one by one: every path when
    /// it is not written out, else those not written out (the text search
    /// finds the rest).
    fn compared(&self, candidate: &Candidate) -> Vec<&'c Candidate<'_>> {
        if candidate.path.written.is_none() {
            self.all.iter().collect()
        } else {
            self.unwritten.clone()
        }
    }

    /// Whether the path of `candidate` is also written in a path that another
    /// scope uses (not just in a comment or a message), other than a test
    /// that makes it by itself when `candidate`'s test does too.
    fn used_by_another_scope(&self, checker: &Checker, candidate: &Candidate, scope: ScopeId) -> bool {
        let alone = self.made_alone_in(checker, scope, &candidate.path);
        let shares = |other: &Candidate| {
            other.scope != scope && !(alone && self.made_alone_in(checker, other.scope, &candidate.path))
        };
        self.written_at(candidate, |at| {
            let i = self.placed.partition_point(|(range, _)| range.start() <= at);
            i > 0 && {
                let (range, other) = self.placed[i - 1];
                range.contains(at) && shares(&self.all[other])
            }
        }) || self
            .compared(candidate)
            .iter()
            .any(|other| same_path(&candidate.path, &other.path) && shares(other))
    }

    /// Whether `scope` is a test that makes `path` itself (see [`made_alone`]).
    fn made_alone_in(&self, checker: &Checker, scope: ScopeId, path: &PredictablePath) -> bool {
        self.all.iter().any(|c| {
            c.scope == scope
                && (same_path(path, &c.path) || same_path(&c.path, path))
                && made_alone(checker, c, &reach(checker, c))
        })
    }

    /// Whether the path of `candidate` also stands somewhere that is not
    /// rewritten: a comparison, a message, a shell command, another
    /// function, a module constant. Another test that makes the path by
    /// itself does not count when `candidate`'s test does too: what it
    /// does with its copy is its own.
    fn also_left_alone(&self, checker: &Checker, candidate: &Candidate, rewritten: &[&Candidate]) -> bool {
        let scope = candidate.scope;
        let alone = self.made_alone_in(checker, scope, &candidate.path);
        let own = |other: &Candidate| {
            other.scope != scope && alone && self.made_alone_in(checker, other.scope, &candidate.path)
        };
        self.written_at(candidate, |at| {
            !rewritten.iter().any(|r| r.range().contains(at)) && {
                let i = self.placed.partition_point(|(range, _)| range.start() <= at);
                !(i > 0 && {
                    let (range, other) = self.placed[i - 1];
                    range.contains(at) && own(&self.all[other])
                })
            }
        }) || self.compared(candidate).iter().any(|other| {
            !rewritten
                .iter()
                .any(|r| r.range().contains_range(other.range()))
                && same_path(&candidate.path, &other.path)
                && !own(other)
        })
    }

    /// Whether the text of `candidate`'s path stands somewhere that `at`
    /// accepts (given where the text starts).
    fn written_at(&self, candidate: &Candidate, mut at: impl FnMut(TextSize) -> bool) -> bool {
        let Some(written) = candidate.path.written.as_deref() else {
            return false;
        };
        !candidate.path.rest.is_empty()
            && self
                .occurrences
                .get(written)
                .is_some_and(|found| found.iter().any(|&start| at(start)))
    }
}

/// A unittest class whose `setUp`, tests and `tearDown` share paths (one
/// writes what another reads or removes). The runner calls them in turn
/// for each test, then the cleanups `addCleanup` registered: together they
/// are one test's life, so one fresh directory made in `setUp` can stand
/// for `/tmp` in all of them.
struct TestClassGroup<'a> {
    class: &'a StmtClassDef,
    set_up: &'a StmtFunctionDef,
    /// Every candidate of the shared paths in the class's methods (by index
    /// in [`Elsewhere::all`]), reported or not: all are rewritten.
    members: Vec<usize>,
    /// The text of a path also stands in the class where no candidate is
    /// (a message): it stays as it is.
    left_alone: bool,
}

/// The classes whose shared paths can move into one directory of their
/// own: every copy of the paths in the module is in the class (or in
/// another such class, which gets its own), in methods that run within one
/// test's life (not `setUpClass`, not the class body), and the class has a
/// `setUp` to make the directory in.
fn test_class_groups<'a>(checker: &Checker<'a>, elsewhere: &Elsewhere<'_, 'a>) -> Vec<TestClassGroup<'a>> {
    let all = elsewhere.all;
    let classes = module_classes(checker);
    let class_of = |c: &Candidate| classes.iter().position(|k| k.range().contains_range(c.range()));
    let related = |a: &Candidate, b: &Candidate| same_path(&a.path, &b.path) || same_path(&b.path, &a.path);
    // One cluster per path a class shares (with the paths under it): each
    // is decided by itself, then a class's clusters share one directory.
    let mut clusters: Vec<(usize, Vec<usize>)> = Vec::new();
    for (index, _) in classes.iter().enumerate() {
        let inside: Vec<usize> = (0..all.len())
            .filter(|&i| class_of(&all[i]) == Some(index))
            .collect();
        let mut taken = vec![false; all.len()];
        for &s in &inside {
            let c = &all[s];
            if taken[s] || c.path.rest.is_empty() || !elsewhere.used_by_another_scope(checker, c, c.scope) {
                continue;
            }
            // Ex) /tmp/x and /tmp/x/y: one cluster, grown until it holds
            // every candidate related to one of its own.
            let mut members = vec![s];
            taken[s] = true;
            let mut grown = true;
            while grown {
                grown = false;
                for &i in &inside {
                    if !taken[i] && members.iter().any(|&m| related(&all[m], &all[i])) {
                        members.push(i);
                        taken[i] = true;
                        grown = true;
                    }
                }
            }
            members.sort_unstable();
            clusters.push((index, members));
        }
    }
    let cluster_of = |i: usize| clusters.iter().position(|(_, members)| members.contains(&i));
    let mut eligible: Vec<Option<(&'a StmtFunctionDef, bool)>> = clusters
        .iter()
        .map(|(index, members)| shared_in_one_test(checker, classes[*index], members, all))
        .collect();
    // Where each copy of the paths stands: in its own cluster, in another
    // class's cluster (which must itself stay eligible: that class takes
    // its copies along), or elsewhere (the cluster is not rewritten).
    let mut depends: Vec<Vec<usize>> = vec![Vec::new(); clusters.len()];
    for (k, (index, members)) in clusters.iter().enumerate() {
        let Some((_, left_alone)) = &mut eligible[k] else {
            continue;
        };
        let class_range = classes[*index].range();
        let mut outside = false;
        for &m in members {
            elsewhere.written_at(&all[m], |at| {
                let i = elsewhere.placed.partition_point(|(range, _)| range.start() <= at);
                let holder = (i > 0)
                    .then(|| elsewhere.placed[i - 1])
                    .filter(|(range, _)| range.contains(at))
                    .map(|(_, other)| other);
                match holder {
                    Some(other) => match cluster_of(other) {
                        Some(j) if j == k => {}
                        Some(j) if clusters[j].0 != *index => depends[k].push(j),
                        _ => outside = true,
                    },
                    // Ex) a message naming the path, in the class.
                    None if class_range.contains(at) => *left_alone = true,
                    None => outside = true,
                }
                false
            });
            // A path not written out is compared one by one.
            outside |= elsewhere
                .unwritten
                .iter()
                .any(|u| !std::ptr::eq(*u, &all[m]) && related(u, &all[m]));
        }
        if outside {
            eligible[k] = None;
        }
    }
    loop {
        let gone: Vec<usize> = (0..clusters.len())
            .filter(|&k| eligible[k].is_some() && depends[k].iter().any(|&j| eligible[j].is_none()))
            .collect();
        if gone.is_empty() {
            break;
        }
        for k in gone {
            eligible[k] = None;
        }
    }
    let mut groups: Vec<TestClassGroup<'a>> = Vec::new();
    for ((index, members), decided) in clusters.into_iter().zip(eligible) {
        let Some((set_up, left_alone)) = decided else {
            continue;
        };
        match groups.iter_mut().find(|g| std::ptr::eq(g.class, classes[index])) {
            Some(group) => {
                group.members.extend(members);
                group.left_alone |= left_alone;
            }
            None => groups.push(TestClassGroup {
                class: classes[index],
                set_up,
                members,
                left_alone,
            }),
        }
    }
    groups
}

/// The class's `setUp`, and whether a copy of the paths is left alone,
/// when the paths in `members` can move into one directory per test.
fn shared_in_one_test<'a>(
    checker: &Checker<'a>,
    class: &'a StmtClassDef,
    members: &[usize],
    all: &[Candidate<'a>],
) -> Option<(&'a StmtFunctionDef, bool)> {
    if members.is_empty() {
        return None;
    }
    // The last `def setUp` is the one the class has.
    let set_up = class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .filter(|f| f.name.id.as_str() == "setUp")
        .last()
        .filter(|f| !f.is_async)?;
    let in_test = |def| crate::test_lifetime::unittest_method(checker, FunctionContext { def, class: Some(class) });
    if !in_test(set_up) || has_a_subclass(checker, class) {
        return None;
    }
    let mut left_alone = false;
    let mut reaches_file_system = false;
    // Each member's method, and whether the member makes its path (or
    // hands it to code that may).
    let mut made: Vec<(&StmtFunctionDef, usize, bool)> = Vec::new();
    for &m in members {
        let c = &all[m];
        let method = class
            .body
            .iter()
            .filter_map(Stmt::as_function_def_stmt)
            .find(|f| f.range().contains_range(c.range()))?;
        if !in_test(method) || c.in_default || c.path.written.is_none() {
            return None;
        }
        if !self_reaches(checker, c.scope, checker.function_scopes.get(&method.start())?) {
            return None;
        }
        if checker
            .suppressions
            .is_suppressed(Rule::HardcodedTmpPath, c.range().start(), c.stmt_start)
        {
            return None;
        }
        let reach = reach(checker, c);
        let reported = !reach.neutral_only && !bare_directory_only(c, &reach);
        if reach.uses.contains(&UseKind::MovedInto)
            || (reported && reach.unknown && checker.patches_code(c.scope))
        {
            return None;
        }
        match (&c.path.rewrite, reported) {
            (None, true) => return None,
            (None, false) => left_alone = true,
            _ => {}
        }
        reaches_file_system |= reported && reach.file_system;
        made.push((method, m, makes_it(&reach) || reach.unknown));
    }
    // Ex) test_1 writes the path, test_2 only reads it: test_2 depends on
    // what test_1 left, and a directory per test would break it. Each path
    // a test uses must be made by that test or by setUp, that very path
    // (setUp making `/tmp/d` does not make `/tmp/d/f`); tearDown runs after
    // the test, in the same life.
    let equal = |a: usize, b: usize| same_path(&all[a].path, &all[b].path) && same_path(&all[b].path, &all[a].path);
    let made_in = |def: &StmtFunctionDef, m: usize| {
        made.iter()
            .any(|&(f, other, makes)| makes && std::ptr::eq(f, def) && equal(m, other))
    };
    let each_makes = made.iter().all(|&(f, m, _)| {
        f.name.id.as_str() == "tearDown" || made_in(f, m) || made_in(set_up, m)
    });
    // Ex) glob.glob("/tmp/part*.log"), os.listdir("/tmp"), f"/tmp/{name}"
    // elsewhere in the class: they may name the same files, and would not
    // move with them.
    let class_range = class.range();
    let may_name_them = all.iter().enumerate().any(|(i, c)| {
        !members.contains(&i)
            && class_range.contains_range(c.range())
            && (names_unknown(&c.path)
                || c.path.rest.trim_end_matches('/').is_empty()
                || c.path.rest.contains(['*', '?', '[']))
    });
    (reaches_file_system && each_makes && !may_name_them).then_some((set_up, left_alone))
}

/// Whether a class of the module derives from `class`, directly or through
/// others (mixins included): its inherited tests would run with a setUp
/// that may not make the directory, and a rewritten subclass would use the
/// same attribute.
fn has_a_subclass(checker: &Checker, class: &StmtClassDef) -> bool {
    let classes = module_classes(checker);
    let mut derived: Vec<&str> = vec![class.name.id.as_str()];
    let mut grown = true;
    while grown {
        grown = false;
        for c in &classes {
            let name = c.name.id.as_str();
            if derived.contains(&name) {
                continue;
            }
            let from_derived = c.bases().iter().any(|b| {
                checker.source[b.range()]
                    .rsplit('.')
                    .next()
                    .is_some_and(|base| derived.contains(&base))
            });
            if from_derived {
                derived.push(name);
                grown = true;
            }
        }
    }
    derived.len() > 1
}

/// The classes defined at the module's top level.
fn module_classes<'a>(checker: &Checker<'a>) -> Vec<&'a StmtClassDef> {
    checker
        .parsed
        .syntax()
        .body
        .iter()
        .filter_map(Stmt::as_class_def_stmt)
        .collect()
}

/// Whether every base of `class` is the standard library's `TestCase` (as
/// written: `unittest.TestCase`, `TestCase`, `IsolatedAsyncioTestCase`).
fn plain_test_case(checker: &Checker, class: &StmtClassDef) -> bool {
    class.bases().iter().all(|b| {
        matches!(
            checker.source[b.range()].rsplit('.').next(),
            Some("TestCase" | "IsolatedAsyncioTestCase")
        )
    })
}

/// Whether `self` in `scope` is the first parameter of the method whose
/// scope is `method`: no function between them binds a `self` of its own.
fn self_reaches(checker: &Checker, scope: ScopeId, method: &ScopeId) -> bool {
    let scopes = &checker.semantic.scopes;
    let mut current = scope;
    while current != *method {
        let here = &scopes[current];
        if here.kind == ScopeKind::Class || here.bindings.contains_key("self") {
            return false;
        }
        match here.parent {
            Some(parent) => current = parent,
            None => return false,
        }
    }
    true
}

/// The findings of one class's shared paths, each with the class's fix.
fn decide_test_class(checker: &Checker, elsewhere: &Elsewhere, group: &TestClassGroup) -> Vec<Diagnostic> {
    let members: Vec<&Candidate> = group.members.iter().map(|&i| &elsewhere.all[i]).collect();
    let built = build_test_class_fix(checker, group, &members);
    members
        .iter()
        .filter(|c| {
            let reach = reach(checker, c);
            !reach.neutral_only && !bare_directory_only(c, &reach)
        })
        .map(|c| {
            let mut d = diagnostic(c);
            d.set_fix(built.clone());
            d
        })
        .collect()
}

/// Ex) setUp: open("/tmp/s.sh", "w"); tearDown: os.remove("/tmp/s.sh")
///  -> setUp: self.temp_dir = tempfile.mkdtemp(prefix="s_");
///     self.addCleanup(shutil.rmtree, self.temp_dir, ignore_errors=True);
///     open(os.path.join(self.temp_dir, "s.sh"), "w"); ...
fn build_test_class_fix(
    checker: &Checker,
    group: &TestClassGroup,
    members: &[&Candidate],
) -> Result<BuiltFix, NoFix> {
    let set_up = group.set_up;
    let scope = *checker
        .function_scopes
        .get(&set_up.start())
        .ok_or(NoFix::NotInFunctionBody)?;
    let function = FunctionContext {
        def: set_up,
        class: Some(group.class),
    };
    // Right before the first statement that uses the paths or calls a
    // method of the class (which may use them): what setUp does first
    // (`super().setUp()`, a fake file system) stays first. With none, at
    // the end, unless setUp may return before it.
    let own_methods: Vec<&str> = group
        .class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .map(|f| f.name.id.as_str())
        .collect();
    let uses_paths = |stmt: &&Stmt| {
        members.iter().any(|c| stmt.range().contains_range(c.range()))
            || own_methods.iter().any(|m| {
                memchr::memmem::find(
                    checker.source[stmt.range()].as_bytes(),
                    format!("self.{m}(").as_bytes(),
                )
                .is_some()
            })
    };
    let first = set_up.body.iter().find(uses_paths);
    let before = match first {
        Some(stmt) => stmt.start(),
        None => set_up.body.last().ok_or(NoFix::NotInFunctionBody)?.end(),
    };
    if first.is_none() && crate::ast_util::contains_return(&set_up.body) {
        return Err(NoFix::NotInFunctionBody);
    }
    let mut fix = FixBuilder::new(checker, scope);
    let tempfile = module_here(&mut fix, checker, scope, function, "tempfile", before)?;
    let shutil = module_here(&mut fix, checker, scope, function, "shutil", before)?;
    let var = format!("self.{}", checker.fresh_name(scope, "temp_dir"));
    let base = Base::Directory(var.clone());
    let os = if members.iter().any(|c| needs_os(&base, c)) {
        let os = module_here(&mut fix, checker, scope, function, "os", before)?;
        if os != "os" {
            return Err(NoFix::OsAliased);
        }
        // Each method writing `os.path.join` must see the module's `os`.
        for c in members.iter().filter(|c| needs_os(&base, c)) {
            let mut current = Some(c.scope);
            while let Some(id) = current
                && checker.semantic.scopes[id].kind != ScopeKind::Class
            {
                if id != scope && checker.semantic.scopes[id].bindings.contains_key("os") {
                    return Err(NoFix::NameTaken { name: os });
                }
                current = checker.semantic.scopes[id].parent;
            }
        }
        os
    } else {
        "os".to_string()
    };
    let components: Vec<Option<&str>> = members.iter().map(|c| c.path.first_component.as_deref()).collect();
    let prefix = components[0]
        .filter(|r| components.iter().all(|c| c == &Some(*r)))
        .map(|r| {
            let quote = checker.stylist.quote().as_char();
            format!("prefix={quote}{}_{quote}", r.split('.').next().unwrap_or(r))
        })
        .unwrap_or_default();
    let prelude = [
        format!("{var} = {tempfile}.mkdtemp({prefix})"),
        format!("self.addCleanup({shutil}.rmtree, {var}, ignore_errors=True)"),
    ];
    match (first, set_up.body.last()) {
        (Some(stmt), _) => fix.push(lines_before(checker, stmt, &prelude)?),
        (None, Some(last)) => fix.push(crate::edits::statement_after(
            checker.source,
            &checker.stylist,
            last.range(),
            &prelude.join("\n"),
        )),
        (None, None) => return Err(NoFix::NotInFunctionBody),
    }
    for c in members.iter().filter(|c| c.path.rewrite.is_some()) {
        fix.push(replacement(&base, c, members, checker.source, &os).ok_or(NoFix::CannotRewriteLiteral)?);
    }
    let safety = if group.left_alone {
        Safety::Unsafe(UnsafeBecause::SamePathLeftAlone)
    } else if !plain_test_case(checker, group.class) {
        // A base defined elsewhere runs a setUp tempsafe does not see, and
        // may use an attribute of the same name.
        Safety::Unsafe(UnsafeBecause::BaseClassNotSeen)
    } else {
        Safety::Safe
    };
    fix.finish(
        safety,
        "Use a `tempfile.mkdtemp()` directory made in `setUp` and removed by `self.addCleanup()`",
    )
}

/// Whether the name under the temporary directory is known only at run
/// time (`f"/tmp/{name}"`, `"/tmp/%s" % name`): it may be any other path.
fn names_unknown(path: &PredictablePath) -> bool {
    path.dynamic || path.rest.contains(['%', '{'])
}

/// Whether `other` is the path of `path` or a path under it (as the text
/// search finds `/tmp/x` in `/tmp/x/y`), compared by what follows the
/// temporary directory.
fn same_path(path: &PredictablePath, other: &PredictablePath) -> bool {
    let rest = path.rest.trim_end_matches('/');
    !rest.is_empty()
        && other
            .rest
            .strip_prefix(rest)
            .is_some_and(|after| after.is_empty() || after.starts_with('/'))
}

/// Whether the path is made where it is used (created, or made inside),
/// rather than only inspected or removed.
fn makes_it(reach: &Reach) -> bool {
    reach
        .uses
        .iter()
        .any(|u| u.creates() || matches!(u, UseKind::Inside))
}

/// Ex) test_write and test_append both open /tmp/log for writing: the
/// runner runs each test by itself (with its own `setUp` and fixtures), and
/// each makes the path, or hands it to code that may, rather than reading
/// what another left behind.
fn made_alone(checker: &Checker, candidate: &Candidate, reach: &Reach) -> bool {
    let collected = candidate.function.is_some_and(|f| {
        test_kind(checker, f) != TestKind::None
            || (f.def.name.id.as_str().starts_with("test")
                && crate::test_lifetime::unittest_method(checker, f))
    });
    collected && (makes_it(reach) || reach.unknown)
}

/// A test by its name (a `test_*` function or a method of a `Test*` class):
/// what it leaves in /tmp is litter, not output.
fn is_test_like(function: FunctionContext) -> bool {
    function.def.name.id.as_str().starts_with("test")
        || function.class.is_some_and(|c| {
            c.name.id.as_str().starts_with("Test") || c.name.id.as_str().ends_with("Test")
        })
}

/// How the rewritten paths are reached, decided before any name is given.
#[derive(Debug)]
enum BaseShape {
    /// Ex) def test_x(): open("/tmp/x", "w")
    ///  -> def test_x(tmp_path): open(str(tmp_path / "x"), "w")
    TmpPath,
    /// Ex) d = Path("/tmp/test_nginx"); d.mkdir()
    ///  -> temp_dir = tempfile.mkdtemp(prefix="test_nginx_"); d = Path(temp_dir)
    /// (the now-failing `mkdir` statements in `drops` go).
    Root { root: String, drops: Vec<TextRange> },
    /// Ex) open("/tmp/cfg.json", "w")
    ///  -> fd, temp_path = tempfile.mkstemp(prefix="cfg_", suffix=".json"); os.close(fd)
    File {
        stem: String,
        extension: Option<String>,
    },
    /// Ex) open("/tmp/a.log", "w"); open("/tmp/b.log", "w")
    ///  -> temp_dir = tempfile.mkdtemp(prefix="a_"); os.path.join(temp_dir, "a.log")
    Directory { prefix: Option<String> },
}

/// What ends the new temporary object's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lifetime {
    /// pytest removes `tmp_path` itself.
    Fixture,
    /// Ex) self.addCleanup(shutil.rmtree, temp_dir, ignore_errors=True)
    AddCleanup,
    /// Ex) try: ... finally: shutil.rmtree(temp_dir, ignore_errors=True)
    Finally,
    /// The path may outlive the function; the program removes it itself.
    Program,
}

/// The decided fix for one function's paths.
#[derive(Debug)]
struct Plan {
    base: BaseShape,
    lifetime: Lifetime,
    safety: Safety,
}

/// Decides how to rewrite one function's paths, from what is known about
/// their uses (pure: no edits, no names).
fn decide_plan(
    checker: &Checker,
    function: FunctionContext,
    group: &[&Candidate],
    reaches: &[&Reach],
    compared: bool,
) -> Result<Plan, NoFix> {
    let unknown = reaches.iter().any(|r| r.unknown);
    let removed = reaches.iter().any(|r| r.removed);
    let test = test_kind(checker, function);
    // A copy left alone first: nothing makes its comparison hold again.
    let mut safety = if compared {
        Safety::Unsafe(UnsafeBecause::SamePathLeftAlone)
    } else if unknown {
        Safety::Unsafe(UnsafeBecause::HandedOn)
    } else {
        Safety::Safe
    };
    let makes = reaches.iter().copied().any(makes_it);
    let in_test = test != TestKind::None
        || is_test_like(function)
        || crate::test_lifetime::unittest_method(checker, function);
    if !unknown && !makes && !in_test {
        // Ex) os.path.exists("/tmp/.X11-unix/X0"): another program makes
        // the path; a fresh directory would never hold it.
        return Err(NoFix::CreatedElsewhere);
    }
    if !unknown && !makes && group.iter().any(|c| names_unknown(&c.path)) {
        // Ex) a test checking os.path.exists(f"/tmp/{NAME}") that setUp
        // wrote as "/tmp/x.txt": a path not written out hides the copies
        // that make it, and the test does not make it itself.
        return Err(NoFix::CreatedElsewhere);
    }
    if test == TestKind::Pytest {
        return Ok(Plan {
            base: BaseShape::TmpPath,
            lifetime: Lifetime::Fixture,
            safety,
        });
    }
    let unittest =
        test == TestKind::Unittest || crate::test_lifetime::unittest_method(checker, function);
    if reaches.iter().any(|r| r.stored) && !unittest {
        // Ex) self.log = "/tmp/x.log" in __init__: used by other methods
        // after this one returns, and no test ends its life.
        return Err(NoFix::SharedWithAnotherFunction);
    }
    let base = choose_base(group, reaches, unittest)?;
    if unittest {
        if matches!(base, BaseShape::File { .. }) {
            return Err(NoFix::UnittestNeedsDirectory);
        }
        // The test is the whole program and the directory lives until it
        // ends: handing the path on changes only its directory.
        if safety == Safety::Unsafe(UnsafeBecause::HandedOn) {
            safety = Safety::Safe;
        }
        return Ok(Plan {
            base,
            lifetime: Lifetime::AddCleanup,
            safety,
        });
    }
    if !removed && !unknown && !is_test_like(function) {
        // Ex) a report for a person, a file another program reads: written
        // and never read back, it is the function's output. No `finally`
        // may delete it.
        let reads_back = reaches.iter().any(|r| r.uses.contains(&UseKind::Inspect));
        if !reads_back {
            return Err(NoFix::LeftAsOutput);
        }
        safety = Safety::Unsafe(UnsafeBecause::LeftBehind);
    }
    if unknown {
        // It may outlive the function: no cleanup. Unless the program
        // removes what it made, every run would leave a new file or
        // directory behind where it used to reuse one.
        if !removed || matches!(base, BaseShape::Directory { .. }) {
            return Err(NoFix::OutlivesFunction);
        }
        return Ok(Plan {
            base,
            lifetime: Lifetime::Program,
            safety,
        });
    }
    Ok(Plan {
        base,
        lifetime: Lifetime::Finally,
        safety,
    })
}

/// How the rewritten paths are reached, with its names given: what a
/// [`Rewrite`] writes each path onto.
pub(crate) enum Base {
    /// `str(tmp_path)`: pytest's fixture.
    TmpPath,
    /// A directory variable standing for the temporary directory (`/tmp`).
    Directory(String),
    /// A directory variable standing for `/tmp/<root>` itself.
    Root { var: String, root: String },
    /// A file variable standing for the one path.
    File(String),
}

/// Turns a plan into edits: names are resolved first (imports, fresh
/// variables), then the statements are written with them.
fn build_plan(
    checker: &Checker,
    scope: ScopeId,
    function: FunctionContext,
    group: &[&Candidate],
    plan: Plan,
) -> Result<BuiltFix, NoFix> {
    let mut fix = FixBuilder::new(checker, scope);
    let body = &function.def.body;
    let first = group
        .iter()
        .map(|c| c.range().start())
        .min()
        .unwrap_or_default();
    let index = body
        .iter()
        .position(|s| s.range().contains(first))
        .ok_or(NoFix::NotInFunctionBody)?;
    if plan.lifetime == Lifetime::Fixture {
        fix.extend(add_fixture_parameter(checker.source, function, "tmp_path")?);
        let os = if group.iter().any(|c| needs_os(&Base::TmpPath, c)) {
            module_here(&mut fix, checker, scope, function, "os", first)?
        } else {
            "os".to_string()
        };
        for c in group {
            fix.push(
                replacement(&Base::TmpPath, c, group, checker.source, &os)
                    .ok_or(NoFix::CannotRewriteLiteral)?,
            );
        }
        return fix.finish(plan.safety, "Use pytest's `tmp_path` fixture");
    }
    let quote = checker.stylist.quote().as_char();
    let temp_dir = checker.fresh_name(scope, "temp_dir");
    let before = body[index].start();
    let tempfile = module_here(&mut fix, checker, scope, function, "tempfile", before)?;
    let (base, mut prelude, drops) = match plan.base {
        BaseShape::Root { root, drops } => {
            let line = format!("{temp_dir} = {tempfile}.mkdtemp(prefix={quote}{root}_{quote})");
            let base = Base::Root {
                var: temp_dir.clone(),
                root,
            };
            (base, vec![line], drops)
        }
        BaseShape::File { stem, extension } => {
            let temp_path = checker.fresh_name(scope, "temp_path");
            let fd = checker.fresh_name(scope, "fd");
            let suffix = extension
                .map(|e| format!(", suffix={quote}{e}{quote}"))
                .unwrap_or_default();
            let line = format!(
                "{fd}, {temp_path} = {tempfile}.mkstemp(prefix={quote}{stem}_{quote}{suffix})"
            );
            // The descriptor is closed once `os` is resolved, below.
            (Base::File(temp_path), vec![line, fd], Vec::new())
        }
        BaseShape::Directory { prefix } => {
            let prefix = prefix
                .map(|p| format!("prefix={quote}{p}_{quote}"))
                .unwrap_or_default();
            let line = format!("{temp_dir} = {tempfile}.mkdtemp({prefix})");
            (Base::Directory(temp_dir.clone()), vec![line], Vec::new())
        }
        BaseShape::TmpPath => unreachable!("a fixture has no base to name"),
    };
    // A path in a dropped `mkdir` goes with it.
    let rewritten: Vec<&&Candidate> = group
        .iter()
        .filter(|c| !drops.iter().any(|d| d.contains_range(c.range())))
        .collect();
    let joins = rewritten.iter().any(|c| needs_os(&base, c));
    let file = matches!(base, Base::File(_));
    let os = if joins || file {
        module_here(&mut fix, checker, scope, function, "os", before)?
    } else {
        "os".to_string()
    };
    if joins && os != "os" {
        // `os.path.join` is written in the file's own `os`, not an alias.
        return Err(NoFix::OsAliased);
    }
    if file && let Some(fd) = prelude.pop() {
        prelude.push(format!("{os}.close({fd})"));
    }
    let mut inner: Vec<Edit> = Vec::new();
    for c in rewritten {
        inner.push(replacement(&base, c, group, checker.source, &os).ok_or(NoFix::CannotRewriteLiteral)?);
    }
    inner.extend(
        drops
            .iter()
            .map(|&stmt| delete_statement(checker.source, checker.parsed, stmt)),
    );
    let title = match plan.lifetime {
        Lifetime::Fixture => unreachable!("handled above"),
        Lifetime::AddCleanup => {
            let (Base::Directory(var) | Base::Root { var, .. }) = &base else {
                return Err(NoFix::UnittestNeedsDirectory);
            };
            let shutil = module_here(&mut fix, checker, scope, function, "shutil", before)?;
            prelude.push(format!(
                "self.addCleanup({shutil}.rmtree, {var}, ignore_errors=True)"
            ));
            fix.push(lines_before(checker, &body[index], &prelude)?);
            fix.extend(inner);
            "Use a `tempfile.mkdtemp()` directory removed by `self.addCleanup()`"
        }
        Lifetime::Program => {
            // The path is removed where the program removes it; TMP003 then
            // moves that removal into a `finally`, which must be possible
            // here, or the fixed file would keep a new finding.
            let wrappable = || {
                wrap_with(
                    checker.source,
                    checker.parsed.tokens(),
                    &checker.stylist,
                    body,
                    index,
                    &[],
                    &[(0, "pass".to_string())],
                    &[],
                )
                .is_some()
            };
            if !wrappable() {
                return Err(NoFix::FollowingStatementsShareLines);
            }
            fix.push(lines_before(checker, &body[index], &prelude)?);
            fix.extend(inner);
            if file {
                "Use a file from `tempfile.mkstemp()`"
            } else {
                "Use a directory from `tempfile.mkdtemp()`"
            }
        }
        Lifetime::Finally => {
            let cleanup: Vec<CleanupLine> = match &base {
                Base::File(var) => vec![
                    (0, format!("if {os}.path.exists({var}):")),
                    (1, format!("{os}.remove({var})")),
                ],
                Base::Directory(var) | Base::Root { var, .. } => {
                    let shutil = module_here(&mut fix, checker, scope, function, "shutil", before)?;
                    vec![(0, format!("{shutil}.rmtree({var}, ignore_errors=True)"))]
                }
                Base::TmpPath => Vec::new(),
            };
            // Keep a first statement that only names the path outside the try.
            let from = if index + 1 < body.len() && only_names_path(&body[index], group) {
                index + 1
            } else {
                index
            };
            let wrap_range = TextRange::new(
                checker.source.line_start(body[from].start()),
                checker.source.full_line_end(body[body.len() - 1].end()),
            );
            let (inside, outside): (Vec<Edit>, Vec<Edit>) = inner
                .into_iter()
                .partition(|e| wrap_range.contains_range(e.range()));
            let wrap_prelude: &[String] = if from == index { &prelude } else { &[] };
            if from != index {
                fix.push(lines_before(checker, &body[index], &prelude)?);
            }
            fix.extend(outside);
            let wrap = wrap_with(
                checker.source,
                checker.parsed.tokens(),
                &checker.stylist,
                body,
                from,
                wrap_prelude,
                &cleanup,
                &inside,
            )
            .ok_or(NoFix::StatementsShareLines)?;
            fix.push(wrap);
            if file {
                "Use a file from `tempfile.mkstemp()`, removed in a `finally`"
            } else {
                "Use a directory from `tempfile.mkdtemp()`, removed in a `finally`"
            }
        }
    };
    fix.finish(plan.safety, title)
}

/// The edit rewriting one path onto `base`.
fn replacement(
    base: &Base,
    candidate: &Candidate,
    group: &[&Candidate],
    source: &str,
    os: &str,
) -> Option<Edit> {
    let rewrite = candidate.path.rewrite.as_ref()?;
    // Ex) tmp = tempfile.gettempdir() left alone (it is only a bare
    // directory elsewhere): the name in the path is replaced instead.
    let follow = rewrite
        .follows()
        .is_some_and(|value| group.iter().any(|c| value.contains_range(c.range())));
    rewrite.rewrite(base, os, source, follow)
}

/// How the fix writes `module`, when the lines it adds before `before`
/// (and its cleanup) can use it: a module the function imports itself must
/// be imported at its top level, before them. Else the new lines would run
/// before the import, or without it (`UnboundLocalError`).
fn module_here(
    fix: &mut FixBuilder,
    checker: &Checker,
    scope: ScopeId,
    function: FunctionContext,
    module: &str,
    before: TextSize,
) -> Result<String, NoFix> {
    let name = fix.module(module)?;
    let imported_first = |binding: &crate::semantic::Binding| {
        binding.range.end() <= before && function.def.body.iter().any(|s| s.range() == binding.range)
    };
    match checker.semantic.scopes[scope].bindings.get(name.as_str()) {
        Some(bindings) if !bindings.iter().all(imported_first) => Err(NoFix::NameTaken { name }),
        _ => Ok(name),
    }
}

/// Whether rewriting `candidate` onto `base` writes `os.…`.
fn needs_os(base: &Base, candidate: &Candidate) -> bool {
    candidate
        .path
        .rewrite
        .as_ref()
        .is_some_and(|r| r.needs_os(base))
}

/// Picks how the paths are rewritten: the directory itself (`/tmp/x` used
/// as a directory), one file (`/tmp/cfg.json` created as a file), or a fresh
/// directory standing for `/tmp`.
fn choose_base(
    group: &[&Candidate],
    reaches: &[&Reach],
    directory_only: bool,
) -> Result<BaseShape, NoFix> {
    let components: Vec<Option<&str>> = group
        .iter()
        .map(|c| c.path.first_component.as_deref())
        .collect();
    let root = components[0].filter(|r| {
        components.iter().all(|c| *c == Some(r))
            && r.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c))
    });
    let exact_root: Vec<usize> = (0..group.len())
        .filter(|&i| {
            !group[i].path.dynamic
                && group[i].path.rest.trim_end_matches('/') == root.unwrap_or("\0")
        })
        .collect();
    let used_as_dir = exact_root.iter().any(|&i| {
        reaches[i]
            .uses
            .iter()
            .any(|k| matches!(k, UseKind::CreateDir(_) | UseKind::Inside))
    }) || group
        .iter()
        .any(|c| root.is_some_and(|r| c.path.rest.len() > r.len() + 1));

    // The directory itself: /tmp/test_nginx -> mkdtemp(prefix="test_nginx_").
    if let Some(root) = root
        && !exact_root.is_empty()
        && used_as_dir
    {
        let mut drops = Vec::new();
        for &i in &exact_root {
            let mut removed = false;
            for kind in &reaches[i].uses {
                match kind {
                    UseKind::Remove { .. } => removed = true,
                    // Ex) if os.path.exists(d): shutil.rmtree(d); os.mkdir(d):
                    // with the mkdir dropped, the removal before it would
                    // remove the new directory.
                    UseKind::CreateDir(dir) if !dir.exist_ok && removed => {
                        return Err(NoFix::RemovedBeforeCreated);
                    }
                    UseKind::CreateDir(dir) if !dir.exist_ok => {
                        drops.push(dir.stmt.ok_or(NoFix::MkdirNotStatement)?);
                    }
                    _ => {}
                }
            }
        }
        return Ok(BaseShape::Root {
            root: root.to_string(),
            drops,
        });
    }

    // One file created by the function: /tmp/cfg.json -> mkstemp(prefix="cfg_", suffix=".json").
    let single_value = group
        .iter()
        .all(|c| !c.path.dynamic && c.path.shown == group[0].path.shown);
    let first_touch = reaches
        .iter()
        .flat_map(|r| r.uses.iter())
        .find(|k| k.touches_path());
    if single_value
        && !directory_only
        && let Some(name) = root
        && matches!(first_touch, Some(UseKind::CreateFile))
    {
        let (stem, extension) = match name.rfind('.') {
            Some(dot) if dot > 0 => (&name[..dot], Some(&name[dot..])),
            _ => (name, None),
        };
        return Ok(BaseShape::File {
            stem: stem.to_string(),
            extension: extension.map(str::to_string),
        });
    }

    // Anything else: a fresh directory standing for /tmp.
    Ok(BaseShape::Directory {
        prefix: root.map(|r| r.split('.').next().unwrap_or(r).to_string()),
    })
}

/// Whether a statement only gives the path a name (`d = Path("/tmp/x")`,
/// `p = os.path.join("/tmp", "x")`): it can stay before the `try`.
fn only_names_path(stmt: &Stmt, group: &[&Candidate]) -> bool {
    let Stmt::Assign(assign) = stmt else {
        return false;
    };
    group
        .iter()
        .any(|c| assign.value.range().contains_range(c.range()))
        && group
            .iter()
            .filter(|c| assign.value.range().contains_range(c.range()))
            .all(|c| c.kind == UseKind::Derived)
}

/// Statements added before `stmt`, at its indentation.
fn lines_before(checker: &Checker, stmt: &Stmt, lines: &[String]) -> Result<Edit, NoFix> {
    if lines.is_empty() {
        return Ok(Edit::insertion(String::new(), stmt.start()));
    }
    if !stands_alone(checker.source, stmt) {
        return Err(NoFix::StatementSharesLine);
    }
    let line_start = checker.source.line_start(stmt.start());
    let indent = &checker.source[TextRange::new(line_start, stmt.start())];
    let line_ending = checker.stylist.line_ending().as_str();
    let text: String = lines
        .iter()
        .map(|l| format!("{indent}{l}{line_ending}"))
        .collect();
    Ok(Edit::insertion(text, line_start))
}

