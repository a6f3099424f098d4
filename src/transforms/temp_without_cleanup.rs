//! # temp-without-cleanup (TMP003)
//!
//! Aliases: CWE-459.
//!
//! ## What it does
//! Finds temporary files and directories that the scope creating them never
//! removes, or removes only when no exception interrupts it:
//! `tempfile.mkdtemp()`, `tempfile.mkstemp()` (path never removed, descriptor
//! never used or closed), `tempfile.NamedTemporaryFile(delete=False)` never
//! unlinked, `tempfile.TemporaryDirectory()` never cleaned up, and a unittest
//! `setUp` that stores a temporary directory on `self` with no `tearDown` or
//! `addCleanup` removing it.
//!
//! Not reported: an object made with `dir=` inside a directory that is
//! removed on every path, so that it goes with the directory. The directory
//! is a local one removed in a `finally` or by a registered cleanup
//! (`self.addCleanup(shutil.rmtree, d)`, `atexit.register`,
//! `stack.callback`, `weakref.finalize`, or a lambda handed to one of them),
//! one that a function of the module returns after registering its removal
//! (`clone_path = self._setup_clone()`), or `self.x` that the class, or a
//! base class defined in the same module, removes (`rmtree(self.x)` in
//! `tearDown`, `tearDownClass`, `teardown_method`, `close`, `cleanup`,
//! `__exit__`; `self.addCleanup(shutil.rmtree, self.x)` in `setUp`), when
//! the methods that do it run (each override calls `super()`), no other
//! method stores another value there, and no base class the module does not
//! define comes first. Paths made from it count too: `os.path.join(self.x,
//! ...)`, and the `path` of an object made from one (`self.repo =
//! Repo.init(self.repo_path)`; `self.repo.path`).
//!
//! A name assigned more than once is judged per assignment: its uses up
//! to the next plain assignment of the name in the same block are its own
//! (one in a branch may be skipped, so later uses still count). The fix
//! needs only that the block it wraps does not assign the name again.
//!
//! ## Why is this bad?
//! Temporary files outlive the program: they fill the disk of long-running
//! hosts and containers, and they keep whatever data was written to them
//! readable on disk long after it was needed (CWE-459).
//!
//! ## Example
//! ```python
//! def build():
//!     work = tempfile.mkdtemp(prefix="build_")
//!     run_build(os.path.join(work, "out"))
//!     return collect(work)
//! ```
//!
//! ## Use instead
//! ```python
//! def build():
//!     work = tempfile.mkdtemp(prefix="build_")
//!     try:
//!         run_build(os.path.join(work, "out"))
//!         return collect(work)
//!     finally:
//!         shutil.rmtree(work, ignore_errors=True)
//! ```
//! The rest of the block that created the object is wrapped in
//! `try: … finally:` (or, for newer targets, put in a `with` statement: see
//! "Target version"), re-indented in the file's own style (multi-line strings
//! untouched). A `return` of a value computed from the temporary object stays
//! correct: the `finally` runs after the value is computed. Removal code that
//! already exists later in the block is kept; the added cleanup never fails
//! when it already ran (`ignore_errors=True`, an existence check,
//! `TemporaryDirectory.cleanup()` is idempotent). An unused `mkstemp()`
//! descriptor is closed right away. In a unittest `setUp`,
//! `self.addCleanup(shutil.rmtree, self.x, ignore_errors=True)` follows the
//! assignment. A block that deletes the variable (`del d`) gets no
//! `try`/`finally`: the `finally` could not name it any more.
//!
//! Test lifetime: in a unittest method (a class whose bases, followed
//! through the package, end in `TestCase`), a directory or `mkstemp()` file
//! that is handed on (to the objects under test, returned by a helper,
//! stored on `self`) dies with the test, so
//! `self.addCleanup(shutil.rmtree, d, ignore_errors=True)` right after it
//! is made is safe; a file is removed only if it is still there
//! (`self.addCleanup(lambda: os.path.exists(p) and os.remove(p))`), since the
//! test may remove it itself. In a pytest test (a `test*` function, or a
//! method of a `Test*` class with no base, in a module importing pytest)
//! the same removal is registered with `request.addfinalizer(lambda: ...)`,
//! a `request` parameter added; no fix when the test reads another
//! `request` or its parameters take defaults. With `dir=` there is no fix: that directory
//! is most often cleaned by code tempsafe did not see, and what is made in
//! it is where other code looks. Outside tests a value handed on gets no
//! fix; an object that stores the path on a field its methods write under
//! is followed, and when the object itself outlives the call (stored,
//! returned, bound to a name), so does the path: no `finally` removes it
//! under the object.
//!
//! ## Target version
//! The oldest Python the code runs on (`target-version`, else inferred from
//! `requires-python`) chooses the idiom:
//!
//! - **3.10+**: `d = tempfile.mkdtemp(...)` becomes
//!   `with tempfile.TemporaryDirectory(..., ignore_cleanup_errors=True) as d:`
//!   with the same suffix, prefix and dir arguments, the rest of the block
//!   inside it re-indented exactly as the `try` body would be. It keeps what
//!   the `try`/`finally` did: the directory is removed on every way out of
//!   the block (`return`, an exception, `break`, `continue`, a generator
//!   closed early), removal errors are ignored, and `d` is the same path
//!   string (`__enter__` returns the name); a `del d` in the block does not
//!   matter to it. The two cleanups differ only on entries that `rmtree`
//!   cannot remove: CPython's cleanup resets their permissions and retries,
//!   and raises when the reset is refused (an entry owned by another user,
//!   CPython gh-135812), where `rmtree(..., ignore_errors=True)` left them
//!   silently; on older patch releases that reset followed symbolic links
//!   (CVE-2023-6597). A block that may make such entries keeps the
//!   `try`/`finally` form: one that changes permissions or owners (`chmod`,
//!   `chown`, `umask`, `mkdir` with a mode), copies or extracts trees
//!   (`copytree`, `copystat`, `extractall`, `unpack_archive`), moves entries
//!   (`rename`, `replace`, `shutil.move`) or runs another program
//!   (`subprocess`, `os.system`, `os.exec*`, `os.spawn*`, `os.fork`).
//! - **3.12+**: `f = tempfile.NamedTemporaryFile(..., delete=False)` becomes
//!   `with tempfile.NamedTemporaryFile(..., delete_on_close=False) as f:`.
//!   Inside the block the file can be closed and reopened by name, as with
//!   `delete=False`; leaving the block closes and removes it (a file already
//!   removed is no error), where the `finally` closed it and removed it if
//!   it existed. It may also remove the file where that `finally` left it
//!   behind (closing it failed; the path became a dangling symbolic link). A call
//!   with `**options` or its own `delete_on_close` keeps the `try` form.
//! - **Older, or unknown**: the `try`/`finally` forms, which run on every
//!   Python 3. An unknown target is taken as old on purpose: the seed guide
//!   prefers context managers where they fit, but `ignore_cleanup_errors`
//!   is a `TypeError` before 3.10 and `delete_on_close` before 3.12, and a
//!   fix must not break code on an interpreter the project still supports.
//!   Say `target-version = "py310"` (or `requires-python = ">=3.10"`) to
//!   get the `with` forms.
//!
//! On every target, a creating line that carries a suppression comment is
//! not rewritten into a `with` line (the `try` form leaves it as it is);
//! `mkstemp()` keeps its form; and `with NamedTemporaryFile(delete=False) as
//! f:` whose file is used after the block is reported without a fix, since
//! the 3.12 form would remove the file where the `with` ends, before that
//! use.
//!
//! ## Fix safety
//! Safe: the object does not escape its scope (it is not returned, yielded,
//! stored on an object or a global (`global` and `nonlocal` names
//! included), passed to code tempsafe cannot see, or
//! used after the block that created it), so nothing can use it once the
//! block is left. An object that escapes is reported without a fix: the
//! code it escapes to decides when it is no longer needed. One stored on
//! `self` that a method ending the object's life (`close`, `cleanup`,
//! `__exit__`, `__del__`, `tearDown`) removes is not reported: the object
//! owns it. A `mkdtemp()` directory bound to a module-level name once lives
//! as long as the process: it gets `atexit.register(shutil.rmtree, NAME,
//! ignore_errors=True)` after the assignment, safe in a test module (named
//! `test_*.py`, `*_test.py`, `conftest.py`, or defining a test), unsafe
//! elsewhere (`may-be-output`: it may be left for someone on purpose); one
//! the module removes (`tearDownModule`, `atexit`) is not reported. Other
//! module-level objects are reported without a fix, and so is one made in a
//! class body (a class attribute, which methods read after the body ends).
//! The `with` forms have the
//! applicability the `try` form would have (unsafe with a `dir` argument).
//!
//! ## References
//! - <https://docs.python.org/3/library/tempfile.html>
//! - <https://cwe.mitre.org/data/definitions/459.html>

use ruff_diagnostics::Edit;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprCall, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::ast_util::enclosing_body;
use crate::checker::{Checker, FunctionContext, PathUse, WatchId};
use crate::diagnostic::Diagnostic;
use crate::edits::statement_after;
use crate::fix_builder::{BuiltFix, FixBuilder, Safety};
use crate::importer::stands_alone;
use crate::path_use::UseKind;
use crate::reason::{NoFix, UnsafeBecause};
use crate::summary::Arg;
use crate::test_lifetime::{TestKind, add_fixture_parameter, test_kind};
use crate::semantic::{MODULE_SCOPE, ScopeId, ScopeKind};
use crate::transforms::{Rule, RuleInfo, Transform};
use crate::wrap::{CleanupLine, temporary_directory_fits, wrap_in_with, wrap_rest_of_block};

/// What was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Created {
    /// `tempfile.mkdtemp()`: a directory path.
    Directory,
    /// `tempfile.mkstemp()`: a descriptor and a file path.
    FileAndDescriptor,
    /// `tempfile.NamedTemporaryFile(delete=False)`: a file object.
    NamedFile,
    /// `tempfile.TemporaryDirectory()` outside `with`: an object.
    DirectoryObject,
}

impl Created {
    fn display(self) -> &'static str {
        match self {
            Created::Directory => "tempfile.mkdtemp()",
            Created::FileAndDescriptor => "tempfile.mkstemp()",
            Created::NamedFile => "tempfile.NamedTemporaryFile(delete=False)",
            Created::DirectoryObject => "tempfile.TemporaryDirectory()",
        }
    }
}

#[derive(Debug)]
enum Context<'a> {
    /// Ex) d = tempfile.mkdtemp(); fd, path = tempfile.mkstemp()
    Local {
        stmt: &'a Stmt,
        /// The path (or object) name and its watch.
        name: &'a str,
        watch: WatchId,
        /// For mkstemp: the descriptor's name and watch.
        descriptor: Option<(&'a str, TextRange, WatchId)>,
    },
    /// Ex) self.test_dir = tempfile.mkdtemp() in `setUp`
    SetUp {
        stmt: &'a Stmt,
        attribute: &'a str,
        function: FunctionContext<'a>,
    },
    /// Ex) with tempfile.NamedTemporaryFile(delete=False) as f:
    WithItem { watch: WatchId },
    /// Ex) WORK_DIR = tempfile.mkdtemp() at module level: lives as long as
    /// the process.
    ModuleDirectory {
        stmt: &'a Stmt,
        name: &'a str,
        watch: WatchId,
    },
    /// Anything else at module level: reported, never fixed.
    Module,
    /// In a class body: a class attribute, read by methods (`self.x`)
    /// after the body ends; reported, never fixed.
    Class,
}

/// A creation found during the visit.
#[derive(Debug)]
pub struct Candidate<'a> {
    call: &'a ExprCall,
    created: Created,
    scope: ScopeId,
    /// The function (and class) the creation is in.
    function: Option<FunctionContext<'a>>,
    stmt_start: TextSize,
    context: Context<'a>,
}

pub const RULE: RuleInfo = RuleInfo {
    code: "TMP003",
    name: "temp-without-cleanup",
    aliases: &["CWE-459"],
    needle_groups: &[
        &[
            "mkdtemp",
            "mkstemp",
            "NamedTemporaryFile",
            "TemporaryDirectory",
        ],
        &["tempfile"],
    ],
    file: include_str!("temp_without_cleanup.rs"),
};

pub(crate) fn new<'a>() -> Box<dyn Transform<'a> + 'a> {
    Box::new(TempWithoutCleanup::default())
}

/// The creations found, decided on once all uses are known.
#[derive(Default)]
struct TempWithoutCleanup<'a> {
    candidates: Vec<Candidate<'a>>,
}

impl<'a> Transform<'a> for TempWithoutCleanup<'a> {
    fn call(
        &mut self,
        checker: &mut Checker<'a>,
        call: &'a ExprCall,
        qualified: Option<&[&'a str]>,
    ) {
        visit_call(&mut self.candidates, checker, call, qualified);
    }

    fn finish(&mut self, checker: &Checker<'a>) -> Vec<Diagnostic> {
        let candidates = std::mem::take(&mut self.candidates);
        let cleaned = Cleaned {
            checker,
            locals: cleaned_directories(checker, &candidates),
            candidates: &candidates,
        };
        candidates
            .iter()
            .filter(|c| !inside_a_cleaned_directory(&cleaned, c))
            .filter_map(|c| decide(checker, c))
            .collect()
    }
}

/// The temporary directories of each scope that the program removes on
/// every path (a `finally`, `addCleanup`, `atexit`), by `(scope, name)`.
fn cleaned_directories<'a>(
    checker: &Checker,
    candidates: &[Candidate<'a>],
) -> Vec<(ScopeId, &'a str)> {
    candidates
        .iter()
        .filter(|c| matches!(c.created, Created::Directory))
        .filter_map(|c| match c.context {
            Context::Local { name, watch, .. } if life(checker, watch, None).cleaned_safely => {
                Some((c.scope, name))
            }
            _ => None,
        })
        .collect()
}

/// Ex) clone_path = mkdtemp(); self.addCleanup(shutil.rmtree, clone_path);
/// fd, p = mkstemp(dir=clone_path): the file goes with its directory.
fn inside_a_cleaned_directory<'a>(cleaned: &Cleaned<'_, 'a>, candidate: &Candidate<'a>) -> bool {
    let Some(dir) = dir_argument(candidate) else {
        return false;
    };
    // An unused mkstemp() descriptor still leaks.
    if let Context::Local {
        descriptor: Some((_, _, fd)),
        ..
    } = candidate.context
        && cleaned.checker.uses_with_derived(fd).is_empty()
    {
        return false;
    }
    cleaned.inside(candidate, dir, 0)
}

fn visit_call<'a>(
    candidates: &mut Vec<Candidate<'a>>,
    checker: &mut Checker<'a>,
    call: &'a ExprCall,
    qualified: Option<&[&str]>,
) {
    let created = match qualified {
        Some(["tempfile", "mkdtemp"]) => Created::Directory,
        Some(["tempfile", "mkstemp"]) => Created::FileAndDescriptor,
        Some(["tempfile", "NamedTemporaryFile"])
            if matches!(
                call.arguments.find_keyword("delete").map(|k| &k.value),
                Some(Expr::BooleanLiteral(b)) if !b.value
            ) =>
        {
            Created::NamedFile
        }
        Some(["tempfile", "TemporaryDirectory"]) => Created::DirectoryObject,
        _ => return,
    };
    let Some(stmt) = checker.current_stmt() else {
        return;
    };
    if checker.parent_expr().is_some() {
        // Returned, passed on, or part of a larger expression: the code
        // around it owns the object.
        return;
    }
    let scope_kind = checker.semantic.scopes[checker.scope].kind;
    let context = match stmt {
        Stmt::With(with) => {
            let Some(item) = with
                .items
                .iter()
                .find(|i| i.context_expr.range() == call.range())
            else {
                return;
            };
            // `with TemporaryDirectory() as d:` cleans up; a NamedTemporaryFile
            // with delete=False does not.
            if created != Created::NamedFile {
                return;
            }
            match item.optional_vars.as_deref() {
                Some(Expr::Name(name)) => Context::WithItem {
                    watch: checker.watch(name.id.as_str()),
                },
                _ => return,
            }
        }
        Stmt::Assign(assign) if assign.value.range() == call.range() => {
            match (assign.targets.as_slice(), created) {
                ([Expr::Name(name)], Created::Directory) if scope_kind == ScopeKind::Module => {
                    Context::ModuleDirectory {
                        stmt,
                        name: name.id.as_str(),
                        watch: checker.watch(name.id.as_str()),
                    }
                }
                (_, _) if scope_kind == ScopeKind::Module => Context::Module,
                (_, _) if scope_kind == ScopeKind::Class => Context::Class,
                // Ex) fd, path = tempfile.mkstemp()
                ([Expr::Tuple(tuple)], Created::FileAndDescriptor) => match tuple.elts.as_slice() {
                    [Expr::Name(fd), Expr::Name(path)] => Context::Local {
                        stmt,
                        name: path.id.as_str(),
                        watch: checker.watch(path.id.as_str()),
                        descriptor: Some((fd.id.as_str(), fd.range, checker.watch(fd.id.as_str()))),
                    },
                    _ => return,
                },
                (
                    [Expr::Name(name)],
                    Created::Directory | Created::NamedFile | Created::DirectoryObject,
                ) => Context::Local {
                    stmt,
                    name: name.id.as_str(),
                    watch: checker.watch(name.id.as_str()),
                    descriptor: None,
                },
                // Ex) self.test_dir = tempfile.mkdtemp() in setUp
                ([Expr::Attribute(attr)], Created::Directory | Created::DirectoryObject) => {
                    match (checker.function, attr.value.as_ref()) {
                        (Some(function), Expr::Name(owner))
                            if function.def.name.id.as_str() == "setUp"
                                && owner.id.as_str() == "self"
                                && function.class.is_some() =>
                        {
                            Context::SetUp {
                                stmt,
                                attribute: attr.attr.id.as_str(),
                                function,
                            }
                        }
                        _ => return,
                    }
                }
                _ => return,
            }
        }
        _ => return,
    };
    candidates.push(Candidate {
        call,
        created,
        scope: checker.scope,
        function: checker.function,
        stmt_start: stmt.start(),
        context,
    });
}

/// What the uses say about the object's life.
struct Life {
    /// Removed in a `finally`, or its removal registered (`addCleanup`).
    cleaned_safely: bool,
    /// Removed somewhere, but not in a `finally`.
    removed: bool,
    /// Leaves the scope or the block: returned, stored, passed on, nested.
    escapes: bool,
    /// Another file is moved onto the path: it then holds the program's data.
    moved_into: bool,
    /// The file is renamed into place (`os.replace(tmp, final)`).
    moved_away: bool,
}

/// `until`: where the name is bound again; later uses are of another value.
fn life(checker: &Checker, watch: WatchId, until: Option<TextSize>) -> Life {
    let owner = &checker.watches[watch];
    let mut uses: Vec<&PathUse> = checker.uses_with_derived(watch);
    if let Some(until) = until {
        uses.retain(|u| u.range.start() < until);
    }
    let in_finally = |u: &PathUse| {
        u.blocks
            .iter()
            .any(|b| b.kind == crate::checker::BlockKind::Finally)
    };
    Life {
        cleaned_safely: uses.iter().any(|u| {
            u.kind == UseKind::CleanupRegistered
                || (matches!(u.kind, UseKind::Remove { .. }) && in_finally(u))
        }),
        removed: uses
            .iter()
            .any(|u| matches!(u.kind, UseKind::Remove { .. })),
        escapes: uses
            .iter()
            .any(|u| u.nested || u.kind.escapes() || !u.blocks.starts_with(&owner.blocks)),
        moved_into: uses.iter().any(|u| u.kind == UseKind::MovedInto),
        // On the normal path, not only in an `except` that undoes a rename.
        moved_away: uses
            .iter()
            .any(|u| u.kind == UseKind::MovedAway && u.always_runs_after(owner)),
    }
}

/// Ex) try: write(fd) / except BaseException: os.unlink(name); raise /
/// else: os.replace(name, final) — an atomic write: an error removes the
/// file and re-raises, success moves it into place; nothing is left on any
/// path. The move is a statement of the `else` block, or of the block
/// holding the `try`, after it.
fn removed_or_moved_on_every_path(checker: &Checker, stmt: &Stmt, watch: WatchId) -> bool {
    let uses = checker.uses_with_derived(watch);
    let inside = |kind: fn(&UseKind) -> bool, range: TextRange| {
        uses.iter()
            .any(|u| !u.nested && kind(&u.kind) && range.contains_range(u.range))
    };
    let is_remove = |k: &UseKind| matches!(k, UseKind::Remove { .. });
    let is_move = |k: &UseKind| *k == UseKind::MovedAway;
    // A statement of its own: not under an `if` or a loop.
    let moved_by = |stmts: &[Stmt]| {
        stmts
            .iter()
            .any(|s| matches!(s, Stmt::Expr(_) | Stmt::With(_)) && inside(is_move, s.range()))
    };
    let Some(block) = enclosing_body(checker.parsed.syntax(), stmt.range()) else {
        return false;
    };
    block.iter().enumerate().any(|(i, next)| {
        let Stmt::Try(t) = next else {
            return false;
        };
        if t.start() < stmt.end() || t.is_star {
            return false;
        }
        let catch_all = t.handlers.iter().any(|handler| {
            let ruff_python_ast::ExceptHandler::ExceptHandler(h) = handler;
            let all = match h.type_.as_deref() {
                None => true,
                Some(Expr::Name(name)) => name.id.as_str() == "BaseException",
                _ => false,
            };
            all && matches!(h.body.last(), Some(Stmt::Raise(r)) if r.exc.is_none())
                && inside(is_remove, h.range)
        });
        catch_all && (moved_by(&t.orelse) || moved_by(&block[i + 1..]))
    })
}

/// Ex) fd, name = mkstemp(); os.close(fd); os.remove(name): the file is
/// gone before anything else runs; what follows uses only its name
/// (dulwich's backup slot for a rename), not this temporary file. The
/// statements between make no other use of it: only `os.close(fd)`, which
/// is required when there is a descriptor.
fn removed_at_once(
    checker: &Checker,
    scope: ScopeId,
    stmt: &Stmt,
    watch: WatchId,
    fd: Option<&str>,
) -> bool {
    let Some(body) = enclosing_body(checker.parsed.syntax(), stmt.range()) else {
        return false;
    };
    let Some(at) = body.iter().position(|s| s.range() == stmt.range()) else {
        return false;
    };
    let owner = &checker.watches[watch];
    let uses = checker.uses_with_derived(watch);
    let mut closed = false;
    for next in &body[at + 1..] {
        let Stmt::Expr(ruff_python_ast::StmtExpr { value, .. }) = next else {
            return false;
        };
        let Expr::Call(call) = value.as_ref() else {
            return false;
        };
        let uses_here: Vec<_> = uses
            .iter()
            .filter(|u| next.range().contains_range(u.range))
            .collect();
        // A removal written here (`os.remove(name)`), not one a helper's
        // summary reports: a helper may remove only on some of its paths.
        if let [only] = uses_here.as_slice() {
            let removal = checker
                .semantic
                .qualified_name(scope, &call.func)
                .and_then(|q| crate::path_use::by_position(&q.join("."), &Arg::Positional(0)));
            return matches!(removal, Some(UseKind::Remove { .. }))
                && matches!(call.arguments.args.first(), Some(arg) if arg.range() == only.range)
                && matches!(only.kind, UseKind::Remove { .. })
                && only.always_runs_after(owner)
                && (fd.is_none() || closed);
        }
        let closes_fd = fd.is_some_and(|fd| {
            checker
                .semantic
                .qualified_name(scope, &call.func)
                .is_some_and(|q| q == ["os", "close"])
                && matches!(call.arguments.args.as_ref(), [Expr::Name(n)] if n.id.as_str() == fd)
        });
        if !uses_here.is_empty() || !closes_fd {
            return false;
        }
        closed = true;
    }
    false
}

fn diagnostic(candidate: &Candidate, what: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::TempWithoutCleanup,
        format!("`{}` {what}", candidate.created.display()),
        candidate.call.range(),
        candidate.stmt_start,
    )
}

fn decide(checker: &Checker, candidate: &Candidate) -> Option<Diagnostic> {
    match &candidate.context {
        Context::Module => {
            let mut d = diagnostic(candidate, "is created at module level and never removed");
            d.no_fix = Some(NoFix::ModuleLevel);
            Some(d)
        }
        Context::ModuleDirectory { stmt, name, watch } => {
            module_directory(checker, candidate, stmt, name, *watch)
        }
        Context::Class => {
            let mut d = diagnostic(candidate, "is a class attribute and never removed");
            d.no_fix = Some(NoFix::ClassBodyAttribute);
            Some(d)
        }
        Context::WithItem { watch } => {
            let life = life(checker, *watch, None);
            if life.removed || life.cleaned_safely || life.escapes {
                return None;
            }
            let mut d = diagnostic(candidate, "leaves its file behind: nothing removes it");
            d.no_fix = Some(NoFix::NamedFileKept);
            Some(d)
        }
        Context::SetUp {
            stmt,
            attribute,
            function,
        } => set_up(checker, candidate, stmt, attribute, *function),
        Context::Local {
            stmt,
            name,
            watch,
            descriptor,
        } => local(checker, candidate, stmt, name, *watch, *descriptor),
    }
}

fn local(
    checker: &Checker,
    candidate: &Candidate,
    stmt: &Stmt,
    name: &str,
    watch: WatchId,
    descriptor: Option<(&str, TextRange, WatchId)>,
) -> Option<Diagnostic> {
    // Ex) path, path = mkstemp(): one name for the descriptor and the path;
    // no cleanup can name both.
    if descriptor.is_some_and(|(fd, _, _)| fd == name) {
        let mut d = diagnostic(candidate, "is never removed");
        d.no_fix = Some(NoFix::VariableRebound);
        return Some(d);
    }
    if removed_at_once(checker, candidate.scope, stmt, watch, descriptor.map(|(fd, _, _)| fd)) {
        return None;
    }
    let rebinding = next_binding(checker, candidate.scope, name, stmt);
    let life = life(checker, watch, rebinding.and_then(|r| r.until));
    // An unused mkstemp() descriptor: leaked even when the path is cleaned.
    let unused_fd = descriptor.filter(|(fd, _, fd_watch)| {
        let until = next_binding(checker, candidate.scope, fd, stmt).and_then(|r| r.until);
        checker
            .uses_with_derived(*fd_watch)
            .iter()
            .all(|u| until.is_some_and(|until| u.range.start() >= until))
    });
    if (life.cleaned_safely || (life.removed && life.escapes)) && unused_fd.is_none() {
        return None;
    }
    // Ex) fd, tmp = mkstemp(dir=d); ...; os.replace(tmp, final): an atomic
    // write, renamed into place; nothing is left at the temporary name.
    if life.moved_away && unused_fd.is_none() {
        return None;
    }
    if unused_fd.is_none() && removed_or_moved_on_every_path(checker, stmt, watch) {
        return None;
    }
    let what = if life.cleaned_safely || (life.removed && life.escapes) {
        "returns a file descriptor that is never closed"
    } else if life.removed {
        "is removed only if no exception is raised first"
    } else if life.escapes && unused_fd.is_some() {
        "is never removed, and its file descriptor is never closed"
    } else {
        "is never removed"
    };
    let mut d = diagnostic(candidate, what);
    // The cleanup names the variable (and an unused descriptor's close
    // names that): it must still mean this object at the end of the block.
    let block_end = enclosing_body(checker.parsed.syntax(), stmt.range())
        .and_then(|body| body.last())
        .map_or(stmt.end(), Ranged::end);
    let rebound = [Some(name), unused_fd.map(|(fd, _, _)| fd)]
        .into_iter()
        .flatten()
        .any(|n| {
            next_binding(checker, candidate.scope, n, stmt)
                .is_some_and(|r| r.start < block_end)
        });
    if rebound {
        d.no_fix = Some(NoFix::VariableRebound);
        return Some(d);
    }
    // Ex) global CACHE; CACHE = mkdtemp(): other code reads it later.
    let declared = &checker.semantic.scopes[candidate.scope].declared_elsewhere;
    if declared.contains(&name) {
        d.no_fix = Some(NoFix::DeclaredElsewhere {
            name: name.to_string(),
        });
        return Some(d);
    }
    if life.escapes && unused_fd.is_none() && owned_by_the_object(checker, candidate, watch) {
        return None;
    }
    if life.escapes && unused_fd.is_none() {
        // Ex) a test hands the directory to the objects it tests: they die
        // when the test ends, so removing it then keeps the test's behaviour.
        let function = candidate.function;
        if function.is_some_and(|f| crate::test_lifetime::unittest_method(checker, f)) {
            d.set_fix(test_cleanup(checker, candidate, stmt, name, Runner::Unittest));
        } else if let Some(function) = function
            && test_kind(checker, function) == TestKind::Pytest
        {
            d.set_fix(test_cleanup(
                checker,
                candidate,
                stmt,
                name,
                Runner::Pytest(function),
            ));
        } else {
            d.no_fix = Some(NoFix::Escapes);
        }
        return Some(d);
    }
    let only_close = life.cleaned_safely || life.escapes;
    if life.moved_into && !only_close {
        // Ex) dulwich's rename dance: os.rename(newname, tmp) parks the
        // user's file there; an error path must not delete it.
        d.no_fix = Some(NoFix::MovedOnto);
        return Some(d);
    }
    match build_local_fix(checker, candidate, stmt, name, &life, unused_fd) {
        // Ex) _, name = mkstemp(); setup_logger(logfile=name): the name goes
        // where tempsafe cannot follow it, so only the descriptor is fixed;
        // the next run reports the file with no fix.
        Ok((fix, _)) if life.escapes && !life.cleaned_safely && !life.removed => {
            d.set_fix(fix.finish(
                Safety::Safe,
                "Close the unused file descriptor (the file escapes: remove it where its user is done)",
            ));
        }
        Ok((fix, _)) if only_close => {
            d.set_fix(fix.finish(Safety::Safe, "Close the unused file descriptor"));
        }
        Ok((fix, form)) => {
            // Ex) mkstemp(dir=objects_dir): created where other code looks,
            // possibly after the block the fix ends with.
            let chosen_dir = dir_argument(candidate).is_some();
            let safety = if chosen_dir {
                Safety::Unsafe(UnsafeBecause::CreatedInProgramDir)
            } else {
                Safety::Safe
            };
            let title = match form {
                    Form::TryFinally => "Remove it in a `finally` block",
                    Form::With if candidate.created == Created::NamedFile => {
                        "Use `with tempfile.NamedTemporaryFile(..., delete_on_close=False)`"
                    }
                    Form::With => {
                        "Use `with tempfile.TemporaryDirectory(..., ignore_cleanup_errors=True)`"
                    }
                };
            d.set_fix(fix.finish(safety, title));
        }
        Err(reason) => d.drop_fix(reason),
    }
    Some(d)
}

/// Which statement makes the rest of the block own the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `try:` … `finally:` with the removal (every target).
    TryFinally,
    /// A `with` statement in place of the creating assignment (3.10+ for
    /// directories, 3.12+ for named files).
    With,
}

/// The `dir` argument of the creating call, unless absent or `None`.
fn dir_argument<'a>(candidate: &Candidate<'a>) -> Option<&'a Expr> {
    let position = match candidate.created {
        // NamedTemporaryFile(mode, buffering, encoding, newline, suffix, prefix, dir, ...)
        Created::NamedFile => 6,
        // mkstemp/mkdtemp/TemporaryDirectory(suffix, prefix, dir, ...)
        _ => 2,
    };
    candidate
        .call
        .arguments
        .find_argument_value("dir", position)
        .filter(|dir| !dir.is_none_literal_expr())
}

fn build_local_fix<'c, 'a>(
    checker: &'c Checker<'a>,
    candidate: &Candidate,
    stmt: &Stmt,
    name: &str,
    life: &Life,
    unused_fd: Option<(&str, TextRange, WatchId)>,
) -> Result<(FixBuilder<'c, 'a>, Form), NoFix> {
    let mut fix = FixBuilder::new(checker, candidate.scope);
    let mut edits = Vec::new();
    if let Some((fd, fd_range, _)) = unused_fd {
        let os = fix.module("os")?;
        // Ex) _, path = mkstemp(): the descriptor needs a name to be closed.
        let fd = if fd == "_" {
            let fresh = checker.fresh_name(candidate.scope, "fd");
            edits.push(Edit::range_replacement(fresh.clone(), fd_range));
            fresh
        } else {
            fd.to_string()
        };
        let line = format!("{os}.close({fd})");
        edits.push(statement_after(
            checker.source,
            &checker.stylist,
            stmt.range(),
            &line,
        ));
    }
    let needs_cleanup = !(life.cleaned_safely || life.escapes);
    // The block the creation stands in, and where.
    let block = || -> Result<(&[Stmt], usize), NoFix> {
        let body = enclosing_body(checker.parsed.syntax(), stmt.range())
            .ok_or(NoFix::BlockNotFound)?;
        let index = body
            .iter()
            .position(|s| s.range() == stmt.range())
            .ok_or(NoFix::BlockNotFound)?;
        Ok((body, index))
    };
    if needs_cleanup && unused_fd.is_none() {
        let (body, index) = block()?;
        if let Some(with) = with_form(checker, candidate, stmt, name, body, index) {
            return Ok((with, Form::With));
        }
        if deletes(&body[index + 1..], name) {
            return Err(NoFix::DeletedInBlock {
                name: name.to_string(),
            });
        }
    }
    if needs_cleanup {
        let cleanup: Vec<CleanupLine> = match candidate.created {
            Created::Directory => {
                let shutil = fix.module("shutil")?;
                vec![(0, format!("{shutil}.rmtree({name}, ignore_errors=True)"))]
            }
            Created::FileAndDescriptor => {
                let os = fix.module("os")?;
                vec![
                    (0, format!("if {os}.path.exists({name}):")),
                    (1, format!("{os}.remove({name})")),
                ]
            }
            Created::NamedFile => {
                let os = fix.module("os")?;
                vec![
                    (0, format!("{name}.close()")),
                    (0, format!("if {os}.path.exists({name}.name):")),
                    (1, format!("{os}.remove({name}.name)")),
                ]
            }
            Created::DirectoryObject => vec![(0, format!("{name}.cleanup()"))],
        };
        let (body, index) = block()?;
        if index + 1 == body.len() {
            return Err(NoFix::UnusedAfterCreation {
                name: name.to_string(),
            });
        }
        let wrap = wrap_rest_of_block(
            checker.source,
            checker.parsed.tokens(),
            &checker.stylist,
            body,
            index + 1,
            &cleanup,
        )
        .ok_or(NoFix::FollowingStatementsShareLines)?;
        edits.push(wrap);
    }
    fix.extend(edits);
    Ok((fix, Form::TryFinally))
}

/// The `with` form of the fix, where the target version has it and it
/// keeps behaviour (see the module doc); `None`: today's `try`/`finally`.
///
/// Ex) d = tempfile.mkdtemp(prefix="x_") on 3.10+
///     -> with tempfile.TemporaryDirectory(prefix="x_", ignore_cleanup_errors=True) as d:
/// Ex) f = tempfile.NamedTemporaryFile("w", delete=False) on 3.12+
///     -> with tempfile.NamedTemporaryFile("w", delete_on_close=False) as f:
fn with_form<'c, 'a>(
    checker: &'c Checker<'a>,
    candidate: &Candidate,
    stmt: &Stmt,
    name: &str,
    body: &[Stmt],
    index: usize,
) -> Option<FixBuilder<'c, 'a>> {
    let settings = checker.settings;
    let mut fix = FixBuilder::new(checker, candidate.scope);
    let source = checker.source;
    let call = candidate.call;
    match candidate.created {
        Created::Directory if settings.targets_at_least(3, 10) => {}
        Created::NamedFile if settings.targets_at_least(3, 12) => {}
        _ => return None,
    }
    if index + 1 >= body.len() || !stands_alone(source, stmt) {
        return None;
    }
    // The assignment becomes the `with` line: only `name = call` may be
    // there (no parentheses around the call, no `\`, no comment inside).
    let before_call = &source[TextRange::new(stmt.start(), call.start())];
    let assigns_only = before_call
        .strip_prefix(name)
        .and_then(|rest| rest.trim_matches([' ', '\t']).strip_prefix('='))
        .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty());
    if !assigns_only || call.end() != stmt.end() {
        return None;
    }
    // Suppressions are a contract: a suppressed line keeps its text.
    let lines = TextRange::new(source.line_start(stmt.start()), source.line_end(stmt.end()));
    let suppressed = source[lines]
        .match_indices(['\n', '\r'])
        .map(|(at, _)| lines.start() + TextSize::try_from(at + 1).unwrap_or_default())
        .chain([stmt.start()])
        .any(|at| {
            Rule::ALL
                .iter()
                .any(|rule| checker.suppressions.is_suppressed(*rule, at, stmt.start()))
        });
    if suppressed {
        return None;
    }
    let mut header_edits: Vec<(TextRange, String)> = Vec::new();
    match candidate.created {
        Created::Directory => {
            if !temporary_directory_fits(&checker.semantic, candidate.scope, &body[index + 1..]) {
                return None;
            }
            let temporary_directory = fix.member("tempfile", "TemporaryDirectory").ok()?;
            header_edits.push((call.func.range(), temporary_directory));
            // mkdtemp(suffix, prefix, dir) and TemporaryDirectory(suffix,
            // prefix, dir, ignore_cleanup_errors) take the same arguments.
            let option = "ignore_cleanup_errors=True";
            match call.arguments.iter_source_order().last() {
                Some(last) => {
                    header_edits.push((TextRange::empty(last.end()), format!(", {option}")))
                }
                None => header_edits.push((
                    TextRange::empty(call.arguments.l_paren_range().end()),
                    option.to_string(),
                )),
            }
        }
        Created::NamedFile => {
            // Ex) NamedTemporaryFile(**options), or delete_on_close given:
            // the keywords cannot be told apart from here.
            let arguments = &call.arguments;
            if arguments.iter_source_order().any(|a| a.is_variadic())
                || arguments.find_keyword("delete_on_close").is_some()
            {
                return None;
            }
            let delete = arguments.find_keyword("delete")?;
            header_edits.push((delete.range(), "delete_on_close=False".to_string()));
        }
        Created::FileAndDescriptor | Created::DirectoryObject => return None,
    }
    header_edits.push((TextRange::empty(call.end()), format!(" as {name}:")));
    let header = format!(
        "with {}",
        apply(
            source,
            TextRange::new(call.start(), lines.end()),
            &header_edits
        )
    );
    let creation = TextRange::new(lines.start(), source.full_line_end(stmt.end()));
    let wrap = wrap_in_with(
        source,
        checker.parsed.tokens(),
        &checker.stylist,
        body,
        index,
        &header,
        &[Edit::range_deletion(creation)],
    )?;
    fix.push(wrap);
    Some(fix)
}

/// Whether `stmts` delete `name` (`del name`) in their own scope.
fn deletes(stmts: &[Stmt], name: &str) -> bool {
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Finder<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                // Another scope: its `del` is of its own name.
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Delete(delete) => {
                    self.found |= delete.targets.iter().any(|t| names(t, self.name));
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }
    }
    // Ex) del d; del (x, d)
    fn names(target: &Expr, name: &str) -> bool {
        match target {
            Expr::Name(n) => n.id.as_str() == name,
            Expr::Tuple(t) => t.elts.iter().any(|e| names(e, name)),
            Expr::List(l) => l.elts.iter().any(|e| names(e, name)),
            _ => false,
        }
    }
    let mut finder = Finder { name, found: false };
    finder.visit_body(stmts);
    finder.found
}

/// The text of `range` with `edits` (inside it, not overlapping) applied.
fn apply(source: &str, range: TextRange, edits: &[(TextRange, String)]) -> String {
    let mut sorted: Vec<&(TextRange, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| (r.start(), r.end()));
    let mut out = String::new();
    let mut at = range.start();
    for (edit, text) in sorted {
        out.push_str(&source[TextRange::new(at, edit.start())]);
        out.push_str(text);
        at = edit.end();
    }
    out.push_str(&source[TextRange::new(at, range.end())]);
    out
}

/// The test runner whose cleanup a test registers.
#[derive(Clone, Copy)]
enum Runner<'a> {
    /// `self.addCleanup(...)` in a `TestCase` method.
    Unittest,
    /// `request.addfinalizer(...)`, with the `request` fixture added to
    /// the test's parameters.
    Pytest(FunctionContext<'a>),
}

/// Ex) d = tempfile.mkdtemp(); repo = Repo.init(d) in a unittest method
///  -> self.addCleanup(shutil.rmtree, d, ignore_errors=True) after it; in a
/// pytest test -> request.addfinalizer(lambda: shutil.rmtree(d,
/// ignore_errors=True)). A mkstemp() file is removed only if it is still
/// there.
fn test_cleanup(
    checker: &Checker,
    candidate: &Candidate,
    stmt: &Stmt,
    name: &str,
    runner: Runner,
) -> Result<BuiltFix, NoFix> {
    // Ex) mkstemp(dir=self.repo.path): a directory tempsafe did not see
    // cleaned is most often cleaned all the same (by a base class, a
    // fixture); and what is made there is where other code looks.
    if dir_argument(candidate).is_some() {
        return Err(NoFix::Escapes);
    }
    // A lambda reads the name when the test ends: it must be bound once
    // (and pytest's `request` only as the parameter).
    let bindings = &checker.semantic.scopes[candidate.scope].bindings;
    let bound_once = |n: &str| bindings.get(n).is_none_or(|b| b.len() <= 1);
    let pytest = matches!(runner, Runner::Pytest(_));
    if pytest && (!bound_once(name) || !bound_once("request")) {
        return Err(NoFix::Escapes);
    }
    let mut fix = FixBuilder::new(checker, candidate.scope);
    // What `addCleanup` or `addfinalizer` is handed; `addfinalizer` takes
    // no arguments for the callable.
    let removal = match candidate.created {
        Created::Directory => {
            let shutil = fix.module("shutil")?;
            if pytest {
                format!("lambda: {shutil}.rmtree({name}, ignore_errors=True)")
            } else {
                format!("{shutil}.rmtree, {name}, ignore_errors=True")
            }
        }
        // The test may have removed it already (a hook script's `rm`).
        Created::FileAndDescriptor => {
            let os = fix.module("os")?;
            format!("lambda: {os}.path.exists({name}) and {os}.remove({name})")
        }
        _ => return Err(NoFix::Escapes),
    };
    let (line, title) = match runner {
        Runner::Unittest => (
            format!("self.addCleanup({removal})"),
            "Remove it when the test ends with `self.addCleanup()`",
        ),
        Runner::Pytest(function) => {
            fix.extend(add_fixture_parameter(checker.source, function, "request")?);
            (
                format!("request.addfinalizer({removal})"),
                "Remove it when the test ends with `request.addfinalizer()`",
            )
        }
    };
    fix.push(statement_after(
        checker.source,
        &checker.stylist,
        stmt.range(),
        &line,
    ));
    fix.finish(Safety::Safe, title)
}

/// Whether a line of `text` names `self.<attribute>` and removes it or
/// registers its removal (`shutil.rmtree(self.d)`, `remove_dir(self.d)`).
fn removes_attribute(text: &str, attribute: &str) -> bool {
    let needle = format!("self.{attribute}");
    text.lines().any(|line| {
        line.match_indices(&needle).any(|(at, _)| {
            let after = line[at + needle.len()..].chars().next();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        }) && [
            "rmtree",
            "remove",
            "unlink",
            "rmdir",
            "addCleanup",
            ".cleanup(",
            "callback",
        ]
        .iter()
        .any(|word| line.contains(word))
    })
}

/// Ex) d = mkdtemp(); self._blob_dir = d in any method, and `close()`
/// runs `remove_committed_dir(self._blob_dir)`: the object owns the
/// directory, and a method that ends its life removes it.
fn owned_by_the_object(checker: &Checker, candidate: &Candidate, watch: WatchId) -> bool {
    let Some(function) = candidate.function else {
        return false;
    };
    let Some(class) = function.class else {
        return false;
    };
    // Ex) self.path = f.name for a NamedTemporaryFile `f`: its file's name.
    let holds = |value: &Expr, used: TextRange| {
        value.range() == used
            || matches!(value, Expr::Attribute(attr)
                if attr.attr.id.as_str() == "name" && attr.value.range() == used)
    };
    let stored: Vec<(&str, TextSize)> = checker
        .uses_with_derived(watch)
        .into_iter()
        .filter_map(|u| match innermost_statement(&function.def.body, u.range)? {
            Stmt::Assign(assign) if holds(&assign.value, u.range) => {
                match assign.targets.as_slice() {
                    [target] => Some((self_attribute(target)?, assign.end())),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    if stored.is_empty() {
        return false;
    }
    // Ex) self.addCleanup(os.remove, self.path) later in the same method.
    let here = function.def.range();
    let removed_here = stored.iter().any(|&(attribute, after)| {
        let rest = TextRange::new(after.min(here.end()), here.end());
        removes_attribute(&checker.source[rest], attribute)
    });
    let methods: Vec<&StmtFunctionDef> = class
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::FunctionDef(def) => Some(def),
            _ => None,
        })
        .collect();
    let removes = |def: &StmtFunctionDef| {
        stored
            .iter()
            .any(|(a, _)| removes_attribute(&checker.source[def.range()], a))
    };
    removed_here
        || methods.iter().any(|def| {
            let name = def.name.id.as_str();
            (TEARDOWNS.contains(&name) || name == "__del__")
                // Ex) def close(self): self._finish(), `_finish` removing it.
                && (removes(def)
                    || methods.iter().any(|other| {
                        calls_own_method(&def.body, other.name.id.as_str()) && removes(other)
                    }))
        })
}

/// Ex) self.test_dir = tempfile.mkdtemp() in setUp, with no tearDown
/// removing it -> self.addCleanup(shutil.rmtree, self.test_dir, ignore_errors=True)
/// Ex) WORK_DIR = tempfile.mkdtemp()
///  -> WORK_DIR = tempfile.mkdtemp()
///     atexit.register(shutil.rmtree, WORK_DIR, ignore_errors=True)
/// Not a finding when the module removes it (`tearDownModule`, a function
/// registered with `atexit`, an `atexit.register(shutil.rmtree, …)`).
fn module_directory(
    checker: &Checker,
    candidate: &Candidate,
    stmt: &Stmt,
    name: &str,
    watch: WatchId,
) -> Option<Diagnostic> {
    let what = "is created at module level and never removed";
    // Bound once, never by a function's `global`: the removal names this
    // directory and no other.
    let scopes = &checker.semantic.scopes;
    let bound_once = scopes[MODULE_SCOPE]
        .bindings
        .get(name)
        .is_some_and(|b| b.len() == 1)
        && !scopes.iter().any(|s| s.declared_elsewhere.contains(&name));
    if !bound_once {
        let mut d = diagnostic(candidate, what);
        d.no_fix = Some(NoFix::ModuleLevel);
        return Some(d);
    }
    let removed = checker
        .uses_with_derived(watch)
        .iter()
        .any(|u| matches!(u.kind, UseKind::Remove { .. } | UseKind::CleanupRegistered));
    if removed {
        return None;
    }
    let mut d = diagnostic(candidate, what);
    let mut fix = FixBuilder::new(checker, MODULE_SCOPE);
    // The process ends the directory's life; in a test module nothing
    // reads it after that. Elsewhere it may be left for a person or
    // another program on purpose.
    let safety = if dir_argument(candidate).is_some() {
        Safety::Unsafe(UnsafeBecause::CreatedInProgramDir)
    } else if !test_module(checker) {
        Safety::Unsafe(UnsafeBecause::MayBeOutput)
    } else if let Some(reason) = other_lives(checker) {
        reason
    } else {
        Safety::Safe
    };
    let built = fix.module("atexit").and_then(|atexit| {
        let shutil = fix.module("shutil")?;
        fix.push(statement_after(
            checker.source,
            &checker.stylist,
            stmt.range(),
            &format!("{atexit}.register({shutil}.rmtree, {name}, ignore_errors=True)"),
        ));
        fix.finish(safety, "Remove it when the process exits, with `atexit.register()`")
    });
    d.set_fix(built);
    Some(d)
}

/// A module of tests: named as pytest collects them (`test_*.py`,
/// `*_test.py`, `conftest.py`), or importing a test framework and
/// defining a test function or class (a benchmark's `class LoadTest` alone
/// does not make one).
fn test_module(checker: &Checker) -> bool {
    let named = checker
        .file_path()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("test_") || n.ends_with("_test.py") || n == "conftest.py");
    let body = &checker.parsed.syntax().body;
    let framework = body.iter().any(|s| match s {
        Stmt::Import(i) => i
            .names
            .iter()
            .any(|a| matches!(a.name.id.as_str(), "unittest" | "pytest")),
        Stmt::ImportFrom(i) => i
            .module
            .as_ref()
            .is_some_and(|m| matches!(m.id.as_str(), "unittest" | "pytest")),
        _ => false,
    });
    named
        || framework
            && body.iter().any(|s| match s {
                Stmt::FunctionDef(f) => f.name.id.as_str().starts_with("test"),
                Stmt::ClassDef(c) => {
                    let n = c.name.id.as_str();
                    n.starts_with("Test") || n.ends_with("Test") || n.ends_with("Tests")
                }
                _ => false,
            })
}

/// Why removing a module-level directory at exit may run too early for
/// code tempsafe does not follow: other exit handlers run after it (they
/// run last registered first), and processes started from the module
/// (`multiprocessing`, process pools with the spawn method) import it
/// again, each making and, at its exit, removing a directory of its own
/// whose files it may have handed to the parent.
fn other_lives(checker: &Checker) -> Option<Safety> {
    // Names the code uses, not words in comments.
    let names = checker.identifiers();
    if names.contains("atexit") {
        return Some(Safety::Unsafe(UnsafeBecause::OtherExitHandlers));
    }
    ["multiprocessing", "billiard", "ProcessPoolExecutor", "fork"]
        .iter()
        .any(|n| names.contains(n))
        .then_some(Safety::Unsafe(UnsafeBecause::ChildProcesses))
}

fn set_up(
    checker: &Checker,
    candidate: &Candidate,
    stmt: &Stmt,
    attribute: &str,
    function: FunctionContext,
) -> Option<Diagnostic> {
    let class = function.class?;
    let class_text = &checker.source[class.range()];
    if removes_attribute(class_text, attribute) {
        return None;
    }
    let mut d = diagnostic(
        candidate,
        "is stored on `self` in `setUp` and never removed",
    );
    let mut fix = FixBuilder::new(checker, candidate.scope);
    let line = match candidate.created {
        Created::DirectoryObject => Ok(format!("self.addCleanup(self.{attribute}.cleanup)")),
        _ => fix.module("shutil").map(|shutil| {
            format!("self.addCleanup({shutil}.rmtree, self.{attribute}, ignore_errors=True)")
        }),
    };
    let built = line.and_then(|line| {
        fix.push(statement_after(
            checker.source,
            &checker.stylist,
            stmt.range(),
            &line,
        ));
        fix.finish(Safety::Safe, "Remove it with `self.addCleanup()`")
    });
    d.set_fix(built);
    Some(d)
}

/// The directories the program removes later, as far as this module shows:
/// a file or directory created inside one goes with it.
struct Cleaned<'c, 'a> {
    checker: &'c Checker<'a>,
    candidates: &'c [Candidate<'a>],
    /// Local temporary directories removed on every path, by `(scope, name)`.
    locals: Vec<(ScopeId, &'a str)>,
}

/// How deep `dir` expressions are followed through names and joins.
const MAX_INSIDE_DEPTH: usize = 6;

/// Methods that end an object's or a test's life, and run its cleanup.
const TEARDOWNS: &[&str] = &[
    "tearDown",
    "tearDownClass",
    "teardown_method",
    "teardown_class",
    "close",
    "cleanup",
    "__exit__",
];

/// Methods that start an object's or a test's life: what they store on
/// `self` is there for every other method.
const SETUPS: &[&str] = &[
    "setUp",
    "setUpClass",
    "setup_method",
    "setup_class",
    "__init__",
    "__enter__",
];

/// The attributes of an object made from a path that name that path
/// (`Repo.init(p).path`).
const PATH_ATTRIBUTES: &[&str] = &["path", "root", "dir", "directory"];

impl<'a> Cleaned<'_, 'a> {
    /// Whether `expr`, the `dir` of `candidate`, is (inside) a directory
    /// that is removed on every path.
    fn inside(&self, candidate: &Candidate<'a>, expr: &'a Expr, depth: usize) -> bool {
        if depth > MAX_INSIDE_DEPTH {
            return false;
        }
        let checker = self.checker;
        let scope = candidate.scope;
        match expr {
            // Ex) d = mkdtemp(); self.addCleanup(shutil.rmtree, d); mkstemp(dir=d)
            // Ex) sub = os.path.join(self.test_dir, "x"); mkstemp(dir=sub)
            Expr::Name(name) => {
                let id = name.id.as_str();
                // The name must mean one value: bound once in its scope.
                let Some(binding) = checker.semantic.only_binding(scope, id) else {
                    return false;
                };
                if self.locals.contains(&(scope, id)) {
                    return true;
                }
                let Some(function) = candidate.function else {
                    return false;
                };
                registered_before(checker, &function.def.body, candidate.stmt_start, id)
                    || assigned_value(&function.def.body, binding.range)
                        .is_some_and(|value| self.inside(candidate, value, depth + 1))
            }
            Expr::Call(call) => {
                match checker.semantic.qualified_name(scope, &call.func).as_deref() {
                    // Ex) os.path.join(self.test_dir, "x"), str(d)
                    Some(
                        ["os", "path", "join" | "abspath" | "realpath" | "normpath"]
                        | ["builtins", "str"]
                        | ["os", "fspath"],
                    ) => call
                        .arguments
                        .args
                        .first()
                        .is_some_and(|first| self.inside(candidate, first, depth + 1)),
                    // Ex) clone_path = self._setup_clone()
                    _ => self.returns_registered_directory(candidate, call),
                }
            }
            // Ex) self.test_dir, self.repo.path
            Expr::Attribute(_) => {
                let Some(function) = candidate.function else {
                    return false;
                };
                let Some(class) = function.class.filter(|_| first_parameter_is_self(function))
                else {
                    return false;
                };
                let facts = class_facts(checker, class);
                match self_attribute(expr) {
                    Some(attribute) => facts.directories.contains(&attribute),
                    None => match expr {
                        Expr::Attribute(attr)
                            if PATH_ATTRIBUTES.contains(&attr.attr.id.as_str()) =>
                        {
                            self_attribute(&attr.value)
                                .is_some_and(|object| facts.objects.contains(&object))
                        }
                        _ => false,
                    },
                }
            }
            _ => false,
        }
    }

    /// Ex) def _setup_clone(self): d = mkdtemp(); self.addCleanup(shutil.rmtree, d);
    /// return d — a function of this module (a method of the class) whose
    /// every `return` gives a directory whose removal it registered.
    fn returns_registered_directory(&self, candidate: &Candidate<'a>, call: &'a ExprCall) -> bool {
        let checker = self.checker;
        let module = &checker.parsed.syntax().body;
        let def = match call.func.as_ref() {
            Expr::Name(name) => module.iter().rev().find_map(|s| match s {
                Stmt::FunctionDef(def) if def.name.id == name.id => Some(def),
                _ => None,
            }),
            callee @ Expr::Attribute(attr) if self_attribute(callee).is_some() => candidate
                .function
                .filter(|f| first_parameter_is_self(*f))
                .and_then(|f| f.class)
                .and_then(|class| {
                    running(&class_chain(checker, class), attr.attr.id.as_str())
                        .first()
                        .copied()
                }),
            _ => None,
        };
        let Some(def) = def else {
            return false;
        };
        let returns = returned_values(&def.body);
        let Some(Some(Expr::Name(first))) = returns.first() else {
            return false;
        };
        let returned = first.id.as_str();
        if !returns
            .iter()
            .all(|r| matches!(r, Some(Expr::Name(n)) if n.id.as_str() == returned))
        {
            return false;
        }
        self.candidates.iter().any(|c| match c.context {
            Context::Local { name, watch, .. }
                if c.created == Created::Directory
                    && name == returned
                    && c.function.is_some_and(|f| std::ptr::eq(f.def, def)) =>
            {
                let owner = &checker.watches[watch];
                let single = checker.semantic.scopes[c.scope]
                    .bindings
                    .get(name)
                    .is_some_and(|b| b.len() == 1);
                single
                    && checker.uses_with_derived(watch).iter().any(|u| {
                        u.kind == UseKind::CleanupRegistered && u.always_runs_after(owner)
                    })
            }
            _ => false,
        })
    }
}

/// Whether a statement that runs before the one at `at` on every path
/// registers the removal of the tree at `name`.
///
/// Ex) repo_dir = self.mkdtemp(); self.addCleanup(shutil.rmtree, repo_dir)
fn registered_before(checker: &Checker, body: &[Stmt], at: TextSize, name: &str) -> bool {
    for stmt in body {
        if stmt.start() >= at {
            return false;
        }
        if stmt.range().contains(at) {
            // Only blocks entered whenever the statement runs.
            return match stmt {
                Stmt::With(with) => registered_before(checker, &with.body, at, name),
                Stmt::Try(try_stmt) if try_stmt.body.iter().any(|s| s.range().contains(at)) => {
                    registered_before(checker, &try_stmt.body, at, name)
                }
                _ => false,
            };
        }
        // Ex) self.addCleanup(shutil.rmtree, d), stack.callback(shutil.rmtree, d),
        // atexit.register(shutil.rmtree, d)
        let Stmt::Expr(expr) = stmt else {
            continue;
        };
        let Expr::Call(call) = expr.value.as_ref() else {
            continue;
        };
        let registers = match call.func.as_ref() {
            Expr::Attribute(attr) => matches!(
                attr.attr.id.as_str(),
                "addCleanup" | "addClassCleanup" | "callback" | "register"
            ),
            _ => false,
        };
        if registers
            && let [func, Expr::Name(path), ..] = &call.arguments.args[..]
            && path.id.as_str() == name
            && removes_tree(checker, func)
        {
            return true;
        }
    }
    false
}

/// Whether the method's first parameter is `self`.
fn first_parameter_is_self(function: FunctionContext) -> bool {
    let parameters = &function.def.parameters;
    parameters
        .posonlyargs
        .iter()
        .chain(&parameters.args)
        .next()
        .is_some_and(|p| p.parameter.name.id.as_str() == "self")
}

/// `X` of `self.X`.
fn self_attribute(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Attribute(attr)
            if matches!(attr.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self") =>
        {
            Some(attr.attr.id.as_str())
        }
        _ => None,
    }
}

/// The value assigned by `name = value` whose target is at `target`, in
/// `body` (not in nested functions or classes).
fn assigned_value(body: &[Stmt], target: TextRange) -> Option<&Expr> {
    for stmt in body {
        if !stmt.range().contains_range(target) {
            continue;
        }
        return match stmt {
            Stmt::Assign(assign) => match assign.targets.as_slice() {
                [Expr::Name(name)] if name.range == target => Some(&assign.value),
                _ => None,
            },
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => None,
            _ => crate::ast_util::bodies(stmt)
                .into_iter()
                .find_map(|b| assigned_value(b, target)),
        };
    }
    None
}

/// The innermost statement of `body` that contains `range`.
fn innermost_statement(body: &[Stmt], range: TextRange) -> Option<&Stmt> {
    let stmt = body.iter().find(|s| s.range().contains_range(range))?;
    crate::ast_util::bodies(stmt)
        .into_iter()
        .find_map(|b| innermost_statement(b, range))
        .or(Some(stmt))
}

/// The values of the `return` statements of a function body (its own,
/// not those of nested functions); `None` for a bare `return`.
fn returned_values(body: &[Stmt]) -> Vec<Option<&Expr>> {
    struct Returns<'a> {
        found: Vec<Option<&'a Expr>>,
    }
    impl<'a> Visitor<'a> for Returns<'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Return(ret) => self.found.push(ret.value.as_deref()),
                _ => visitor::walk_stmt(self, stmt),
            }
        }
    }
    let mut returns = Returns { found: Vec::new() };
    returns.visit_body(body);
    returns.found
}

/// A class and the base classes this module defines, in method lookup
/// order (depth first, as Python's MRO for single inheritance). The walk
/// stops at the first base it cannot resolve: that base may define the
/// lifecycle methods of every class after it. A framework base
/// (`unittest.TestCase`, `object`) defines none that matter here.
fn class_chain<'a>(checker: &Checker<'a>, class: &'a StmtClassDef) -> Vec<&'a StmtClassDef> {
    fn walk<'a>(
        checker: &Checker<'a>,
        class: &'a StmtClassDef,
        chain: &mut Vec<&'a StmtClassDef>,
    ) -> bool {
        if chain.iter().any(|c| std::ptr::eq(*c, class)) || chain.len() > 16 {
            return false;
        }
        chain.push(class);
        for base in class.bases() {
            let qualified = checker.semantic.qualified_name(MODULE_SCOPE, base);
            if matches!(
                qualified.as_deref(),
                Some(["unittest", "TestCase"] | ["builtins", "object"])
            ) {
                continue;
            }
            let Expr::Name(name) = base else {
                return false;
            };
            let found = checker.parsed.syntax().body.iter().rev().find_map(|s| match s {
                Stmt::ClassDef(def) if def.name.id == name.id => Some(def),
                _ => None,
            });
            match found {
                Some(base) if walk(checker, base, chain) => {}
                _ => return false,
            }
        }
        true
    }
    let mut chain = Vec::new();
    walk(checker, class, &mut chain);
    chain
}

/// The definitions of method `name` that run when it is called on the
/// first class of `chain`: the first one, and each further one that the
/// one before calls (`super().setUp()`, `Base.setUp(self)`).
fn running<'a>(chain: &[&'a StmtClassDef], name: &str) -> Vec<&'a StmtFunctionDef> {
    let mut out = Vec::new();
    for class in chain {
        let def = class.body.iter().find_map(|s| match s {
            Stmt::FunctionDef(def) if def.name.id.as_str() == name => Some(def),
            _ => None,
        });
        if let Some(def) = def {
            out.push(def);
            if !calls_method(&def.body, name) {
                break;
            }
        }
    }
    out
}

/// Whether `body` calls a method named `name` on something other than
/// `self` (`super().name(...)`, `Base.name(self, ...)`).
fn calls_method(body: &[Stmt], name: &str) -> bool {
    finds_call(body, name, false)
}

/// Whether `body` calls `self.name(...)`.
fn calls_own_method(body: &[Stmt], name: &str) -> bool {
    finds_call(body, name, true)
}

fn finds_call(body: &[Stmt], name: &str, on_self: bool) -> bool {
    struct Finder<'n> {
        name: &'n str,
        on_self: bool,
        found: bool,
    }
    impl<'a> Visitor<'a> for Finder<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr
                && let Expr::Attribute(attr) = call.func.as_ref()
                && attr.attr.id.as_str() == self.name
                && self_attribute(&call.func).is_some() == self.on_self
            {
                self.found = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder {
        name,
        on_self,
        found: false,
    };
    finder.visit_body(body);
    finder.found
}

/// What a class (with its bases in this module) does with the paths it
/// keeps on `self`.
#[derive(Default)]
struct ClassFacts<'a> {
    /// `self.X` that are, or are inside, directories the class removes:
    /// `shutil.rmtree(self.X)` in a teardown method, or
    /// `self.addCleanup(shutil.rmtree, self.X)` in a setup method.
    directories: Vec<&'a str>,
    /// `self.Z` made from such a path (`Repo.init(self.repo_path)`).
    objects: Vec<&'a str>,
}

/// Whether `func`, called on a path, removes the tree: `shutil.rmtree`,
/// or a helper named for it (`rmtree`, `rmtree_ro`, `_rmtree`).
fn removes_tree(checker: &Checker, func: &Expr) -> bool {
    let qualified = checker.semantic.qualified_name(MODULE_SCOPE, func);
    let last = match (qualified.as_deref(), func) {
        (Some(q), _) => q.last().copied(),
        (None, Expr::Name(n)) => Some(n.id.as_str()),
        (None, Expr::Attribute(a)) => Some(a.attr.id.as_str()),
        _ => None,
    };
    last.is_some_and(|l| l == "rmtree" || l.starts_with("rmtree_") || l.ends_with("_rmtree"))
}

fn class_facts<'a>(checker: &Checker<'a>, class: &'a StmtClassDef) -> ClassFacts<'a> {
    struct Calls<'a> {
        found: Vec<&'a ExprCall>,
    }
    impl<'a> Visitor<'a> for Calls<'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                _ => visitor::walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                self.found.push(call);
            }
            visitor::walk_expr(self, expr);
        }
    }
    let calls = |def: &'a StmtFunctionDef| {
        let mut calls = Calls { found: Vec::new() };
        calls.visit_body(&def.body);
        calls.found
    };
    let chain = class_chain(checker, class);
    let mut removed: Vec<&'a str> = Vec::new();
    for name in TEARDOWNS {
        for def in running(&chain, name) {
            // Ex) shutil.rmtree(self.repos_path)
            for call in calls(def) {
                if removes_tree(checker, &call.func)
                    && let Some(attribute) = call.arguments.args.first().and_then(|a| self_attribute(a))
                {
                    removed.push(attribute);
                }
            }
        }
    }
    // What the setup methods that run store on `self`.
    let mut stored: Vec<(&'a str, &'a Expr)> = Vec::new();
    for name in SETUPS {
        for def in running(&chain, name) {
            for call in calls(def) {
                // Ex) self.addCleanup(shutil.rmtree, self.test_dir)
                let registers = matches!(
                    call.func.as_ref(),
                    Expr::Attribute(a) if matches!(
                        a.attr.id.as_str(),
                        "addCleanup" | "addClassCleanup" | "callback"
                    )
                );
                if registers
                    && let [func, path, ..] = &call.arguments.args[..]
                    && removes_tree(checker, func)
                    && let Some(attribute) = self_attribute(path)
                {
                    removed.push(attribute);
                }
            }
            stored.extend(self_assignments(&def.body));
        }
    }
    // Stored anywhere else (a test, a helper, a setup that does not run):
    // the attribute may name another directory when the creation runs.
    let mut elsewhere: Vec<&'a str> = Vec::new();
    for class in &chain {
        for stmt in &class.body {
            if let Stmt::FunctionDef(def) = stmt
                && !SETUPS.contains(&def.name.id.as_str())
            {
                elsewhere.extend(self_assignments(&def.body).into_iter().map(|(a, _)| a));
            }
        }
    }
    for class in &chain {
        for stmt in &class.body {
            if let Stmt::FunctionDef(def) = stmt
                && SETUPS.contains(&def.name.id.as_str())
                && !running(&chain, def.name.id.as_str())
                    .iter()
                    .any(|d| std::ptr::eq(*d, def))
            {
                elsewhere.extend(self_assignments(&def.body).into_iter().map(|(a, _)| a));
            }
        }
    }
    let mut facts = ClassFacts {
        // Stored again after the removal was registered: it may name
        // another directory.
        directories: removed
            .into_iter()
            .filter(|a| !elsewhere.contains(a))
            .filter(|a| stored.iter().filter(|(s, _)| s == a).count() <= 1)
            .collect(),
        objects: Vec::new(),
    };
    // Paths and objects made from those directories, to a fixed point.
    for _ in 0..4 {
        let before = (facts.directories.len(), facts.objects.len());
        for &(attribute, _) in &stored {
            if elsewhere.contains(&attribute)
                || facts.directories.contains(&attribute)
                || facts.objects.contains(&attribute)
            {
                continue;
            }
            let values: Vec<&Expr> = stored
                .iter()
                .filter(|(a, _)| *a == attribute)
                .map(|(_, v)| *v)
                .collect();
            if values
                .iter()
                .all(|v| stored_inside(checker, &facts, v) == Some(true))
            {
                facts.directories.push(attribute);
            } else if values
                .iter()
                .all(|v| stored_inside(checker, &facts, v).is_some())
            {
                facts.objects.push(attribute);
            }
        }
        if before == (facts.directories.len(), facts.objects.len()) {
            break;
        }
    }
    facts
}

/// Every `self.X = value` in `body` (not in nested functions).
fn self_assignments(body: &[Stmt]) -> Vec<(&str, &Expr)> {
    struct Stores<'a> {
        found: Vec<(&'a str, &'a Expr)>,
    }
    impl<'a> Visitor<'a> for Stores<'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Assign(assign) => {
                    for target in &assign.targets {
                        let targets: Vec<&Expr> = match target {
                            Expr::Tuple(t) => t.elts.iter().collect(),
                            Expr::List(l) => l.elts.iter().collect(),
                            other => vec![other],
                        };
                        for target in targets {
                            if let Some(attribute) = self_attribute(target) {
                                self.found.push((attribute, &assign.value));
                            }
                        }
                    }
                }
                Stmt::AnnAssign(assign) => {
                    if let (Some(attribute), Some(value)) =
                        (self_attribute(&assign.target), assign.value.as_deref())
                    {
                        self.found.push((attribute, value));
                    }
                }
                Stmt::AugAssign(assign) => {
                    if let Some(attribute) = self_attribute(&assign.target) {
                        self.found.push((attribute, &assign.value));
                    }
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }
    }
    let mut stores = Stores { found: Vec::new() };
    stores.visit_body(body);
    stores.found
}

/// What a value stored on `self` is, given the class's directories:
/// `Some(true)` a path inside one (`os.path.join(self.test_dir, "repo")`,
/// `mkdtemp(dir=self.test_dir)`), `Some(false)` an object made from such a
/// path (`Repo.init(self.repo_path)`), `None` anything else.
fn stored_inside(checker: &Checker, facts: &ClassFacts, value: &Expr) -> Option<bool> {
    let is_directory = |e: &Expr| self_attribute(e).is_some_and(|a| facts.directories.contains(&a));
    let Expr::Call(call) = value else {
        return is_directory(value).then_some(true);
    };
    let qualified = checker.semantic.qualified_name(MODULE_SCOPE, &call.func);
    match qualified.as_deref() {
        Some(["os", "path", "join" | "abspath" | "realpath" | "normpath"]) => call
            .arguments
            .args
            .first()
            .is_some_and(is_directory)
            .then_some(true),
        Some(["tempfile", "mkdtemp"]) => call
            .arguments
            .find_argument_value("dir", 2)
            .is_some_and(is_directory)
            .then_some(true),
        // Ex) Repo.init(self.repo_path, mkdir=True)
        _ => call
            .arguments
            .args
            .first()
            .is_some_and(is_directory)
            .then_some(false),
    }
}

/// The next binding of a name after a creation.
#[derive(Debug, Clone, Copy)]
struct Rebinding {
    /// Where the new binding's target is.
    start: TextSize,
    /// The end of its assignment: uses from there on are of the new value.
    /// `None` when it is not a plain assignment (a loop target, an
    /// import, an `except` name) in the creation's own block, which runs
    /// whenever the creation did: every later use is still counted, since
    /// a branch that skips the new assignment uses this value.
    until: Option<TextSize>,
}

/// The first binding of `name` in `scope` after the statement `creation`.
///
/// Ex) d = mkdtemp(); ...; d = mkdtemp(): each assignment has its own uses.
fn next_binding(
    checker: &Checker,
    scope: ScopeId,
    name: &str,
    creation: &Stmt,
) -> Option<Rebinding> {
    let after = creation.end();
    let binding = checker.semantic.scopes[scope]
        .bindings
        .get(name)?
        .iter()
        .filter(|b| b.range.start() >= after)
        .min_by_key(|b| b.range.start())?;
    let stmt = innermost_statement(&checker.parsed.syntax().body, binding.range);
    let block = enclosing_body(checker.parsed.syntax(), creation.range()).unwrap_or_default();
    let until = match stmt {
        Some(s @ (Stmt::Assign(_) | Stmt::AnnAssign(_) | Stmt::AugAssign(_)))
            if block.iter().any(|b| b.range() == s.range()) =>
        {
            Some(s.end())
        }
        _ => None,
    };
    Some(Rebinding {
        start: binding.range.start(),
        until,
    })
}
