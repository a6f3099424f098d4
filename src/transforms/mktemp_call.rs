//! # mktemp-call (TMP001)
//!
//! Aliases: CSP-D504, B306 (Bandit), S306 (Ruff), CWE-377.
//!
//! ## What it does
//! Finds calls to `tempfile.mktemp()` in every import form (`import tempfile`,
//! `import tempfile as tf`, `from tempfile import mktemp [as m]`,
//! `from tempfile import *`) and to Python 2's `os.tempnam()` / `os.tmpnam()`.
//!
//! ## Why is this bad?
//! `mktemp()` returns a name that does not exist yet and creates nothing.
//! Between that moment and the moment the program creates the file, another
//! local user can create it first — typically as a symbolic link to a file of
//! yours, which your program then overwrites (a TOCTOU race). The function
//! has been deprecated since Python 2.3.
//!
//! ## Example
//! ```python
//! import tempfile
//!
//! name = tempfile.mktemp(suffix=".txt")
//! with open(name, "w") as f:
//!     f.write("data")
//! ```
//!
//! ## Use instead
//! The fix follows how the path is used afterwards in its scope:
//! ```python
//! import os
//! import tempfile
//!
//! # used as a file: create it atomically, close the descriptor
//! fd, name = tempfile.mkstemp(suffix=".txt")
//! os.close(fd)
//! with open(name, "w") as f:
//!     f.write("data")
//!
//! # used as a directory (`os.mkdir(name)`): create it atomically, the mkdir goes
//! name = tempfile.mkdtemp()
//!
//! # must not exist yet (`sock.bind`, `os.mkfifo`, `os.symlink` destination,
//! # `shutil.copytree` destination, an existence check first): a fresh private
//! # directory with the name inside it
//! name = os.path.join(tempfile.mkdtemp(), "tmp.sock")
//!
//! # opened at once: `open(tempfile.mktemp(), "w")` becomes
//! f = tempfile.NamedTemporaryFile("w", delete=False)
//! ```
//! `suffix`, `prefix` and `dir` carry over, positional or keyword.
//!
//! ## Fix safety
//! - Safe when every use before the path is created is known (string
//!   operations, existence checks, removal) and the creation always runs
//!   after the assignment: the program sees the same file system states, now
//!   without the race.
//! - The fresh private directory (`os.path.join(tempfile.mkdtemp(), "tmp")`)
//!   is offered only where the program removes the path: its directory is
//!   removed right there too (after an `if os.path.exists(name):` that
//!   guards the removal). Where nothing removes the path, every run would
//!   leave a directory behind: no fix.
//! - In a unittest method (of a class whose bases, followed through the
//!   package, end in `TestCase`), what the test makes dies when it ends:
//!   the fresh directory is removed by `self.addCleanup(shutil.rmtree, …,
//!   ignore_errors=True)`, on every path. This also fixes, safely, a name
//!   handed at once to the code under test (`LockedFD(mktemp())`: a
//!   directory made just before the statement), a name the test only hands
//!   on (a test is the whole program, run by one user: only the directory
//!   part of the name changes), and `self.x = mktemp()` in `setUp` or a
//!   test, unless the class takes the name apart (`basename(self.x)`,
//!   `self.x.startswith(…)`, `self.x[…]`): then the random name is the
//!   point, and there is no fix.
//! - Unsafe when the path is handed to code tempsafe cannot see before it is
//!   created, or when `os.mkdir(name, mode)` loses its mode to `mkdtemp()`'s
//!   `0o700`. A name that is only returned (`path = mktemp(); return path`)
//!   gets `mkstemp()` as an unsafe fix: callers then find an empty file
//!   there, which one that expects nothing there yet would trip over.
//! - No fix when `*args`/`**kwargs` hide the arguments, when `mktemp` is
//!   rebound in the same scope, when the variable is bound again before the
//!   path is created, when only the basename is used (a name reservation),
//!   when the result is passed on directly (`run(tempfile.mktemp())`), or
//!   when a needed name (`os`, `tempfile`) is bound to something else or
//!   already used in the file without an import tempsafe can see.
//! - Not a finding: a *probe*, a name first created by `os.symlink`/`os.link`
//!   (destination), `os.mkfifo` or `os.mknod`, with only known uses
//!   before, where no fix can remove a fresh directory: those calls fail
//!   on an existing name, so nothing planted there is followed, and a
//!   fresh directory would only be left behind. Where the program removes
//!   the name, the fresh-directory fix is offered as usual.
//! - `tempfile.mktemp()` as a statement of its own (a lint fixture) is
//!   reported with no fix: nothing uses the name.
//! - Comments inside the replaced call move to their own lines above the
//!   statement; a line whose finding is suppressed is never changed.
//!
//! ## References
//! - <https://docs.python.org/3/library/tempfile.html#tempfile.mktemp>
//! - <https://cwe.mitre.org/data/definitions/377.html>

use ruff_diagnostics::Edit;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::{Checker, FunctionContext, PathUse, Watch, WatchId};
use crate::diagnostic::Diagnostic;
use crate::edits::{delete_statement, statement_after};
use crate::fix_builder::{BuiltFix, FixBuilder, Safety};
use crate::path_use::{DirCreation, UseKind};
use crate::reason::{NoFix, UnsafeBecause};
use crate::semantic::{BindingKind, ScopeId};
use crate::transforms::{Rule, RuleInfo, Transform};

/// Which insecure function was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    Mktemp,
    Tempnam,
    Tmpnam,
}

impl Function {
    fn display(self) -> &'static str {
        match self {
            Function::Mktemp => "tempfile.mktemp()",
            Function::Tempnam => "os.tempnam()",
            Function::Tmpnam => "os.tmpnam()",
        }
    }
}

/// Where the call sits.
#[derive(Debug)]
enum Context<'a> {
    /// Ex) name = tempfile.mktemp(); a = b = tempfile.mktemp()
    Assign {
        stmt: &'a Stmt,
        targets: Vec<&'a str>,
        watches: Vec<WatchId>,
    },
    /// Ex) self.sock = tempfile.mktemp() — its uses are spread over the
    /// class, so only a unittest method, where the test's end removes it,
    /// gets a fix.
    SelfAttribute { stmt: &'a Stmt, attribute: &'a str },
    /// Ex) open(tempfile.mktemp(), "w")
    OpenArgument { open: &'a ExprCall },
    /// Ex) lock = LockedFD(tempfile.mktemp()): evaluated once each time
    /// its simple statement runs, so a directory made just before the
    /// statement can hold the name.
    PassedOn { stmt: &'a Stmt },
    /// Ex) tempfile.mktemp() as a statement of its own.
    Discarded,
    /// Anything else: returned, passed on, stored on an attribute.
    Other,
    /// The called name is an insecure import that the same scope rebinds.
    Rebound,
}

/// A call found during the visit, decided on once all uses are known.
#[derive(Debug)]
pub struct Candidate<'a> {
    call: &'a ExprCall,
    function: Function,
    scope: ScopeId,
    stmt_start: TextSize,
    context: Context<'a>,
    /// The function the call is in: in a unittest method, a fresh
    /// directory is removed when the test ends.
    enclosing: Option<FunctionContext<'a>>,
}

pub const RULE: RuleInfo = RuleInfo {
    code: "TMP001",
    name: "mktemp-call",
    aliases: &["CSP-D504", "B306", "S306", "CWE-377", "suspicious-mktemp-usage", "mktemp_q"],
    // Names resolve through imports only, so `tempfile.mktemp` needs
    // `tempfile` in the file: a method named `mktemp` (Twisted's
    // `TestCase.mktemp`) alone is not parsed.
    needle_groups: &[
        &["mktemp", "tempnam", "tmpnam"],
        &["tempfile", "tempnam", "tmpnam"],
    ],
    file: include_str!("mktemp_call.rs"),
};

pub(crate) fn new<'a>() -> Box<dyn Transform<'a> + 'a> {
    Box::new(MktempCall::default())
}

/// The calls found, decided on once all uses are known.
#[derive(Default)]
struct MktempCall<'a> {
    candidates: Vec<Candidate<'a>>,
}

impl<'a> Transform<'a> for MktempCall<'a> {
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
        candidates
            .iter()
            .filter_map(|c| decide(checker, c))
            .collect()
    }
}

fn visit_call<'a>(
    candidates: &mut Vec<Candidate<'a>>,
    checker: &mut Checker<'a>,
    call: &'a ExprCall,
    qualified: Option<&[&str]>,
) {
    let function = match qualified {
        Some(["tempfile", "mktemp"]) => Function::Mktemp,
        Some(["os", "tempnam"]) => Function::Tempnam,
        Some(["os", "tmpnam"]) => Function::Tmpnam,
        Some(_) => return,
        None => {
            // Ex) from tempfile import mktemp; ...; mktemp = other
            if let Some(function) = rebound_function(checker, call) {
                candidates.push(Candidate {
                    call,
                    function,
                    scope: checker.scope,
                    stmt_start: checker.current_stmt().map_or(call.start(), Ranged::start),
                    context: Context::Rebound,
                    enclosing: checker.function,
                });
            }
            return;
        }
    };
    let stmt = checker.current_stmt();
    let context = match (checker.parent_expr(), stmt) {
        (None, Some(Stmt::Assign(assign))) if assign.value.range() == call.range() => {
            let targets: Option<Vec<&str>> = assign
                .targets
                .iter()
                .map(|t| match t {
                    Expr::Name(name) => Some(name.id.as_str()),
                    _ => None,
                })
                .collect();
            let stmt = stmt.unwrap_or_else(|| unreachable!());
            match (targets, &assign.targets[..]) {
                (Some(targets), _) => Context::Assign {
                    stmt,
                    watches: targets.iter().map(|t| checker.watch(t)).collect(),
                    targets,
                },
                (None, [Expr::Attribute(target)])
                    if matches!(target.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self") =>
                {
                    Context::SelfAttribute {
                        stmt,
                        attribute: target.attr.id.as_str(),
                    }
                }
                (None, _) => Context::Other,
            }
        }
        (Some(Expr::Call(open)), _)
            if open.arguments.args.first().map(Ranged::range) == Some(call.range())
                && matches!(
                    checker
                        .semantic
                        .qualified_name(checker.scope, &open.func)
                        .as_deref(),
                    Some(["builtins" | "io", "open"])
                ) =>
        {
            Context::OpenArgument { open }
        }
        (None, Some(Stmt::Expr(statement))) if statement.value.range() == call.range() => {
            Context::Discarded
        }
        (Some(Expr::Call(parent)), Some(stmt))
            if is_argument(parent, call)
                && !takes_name_apart(checker, parent)
                && evaluated_once_per_statement(checker, stmt) =>
        {
            Context::PassedOn { stmt }
        }
        _ => Context::Other,
    };
    candidates.push(Candidate {
        call,
        function,
        scope: checker.scope,
        stmt_start: stmt.map_or(call.start(), Ranged::start),
        context,
        enclosing: checker.function,
    });
}

/// Ex) LockedFD(tempfile.mktemp()), f(path=tempfile.mktemp())
fn is_argument(parent: &ExprCall, call: &ExprCall) -> bool {
    let arguments = &parent.arguments;
    arguments.args.iter().any(|a| a.range() == call.range())
        || arguments
            .keywords
            .iter()
            .any(|k| k.arg.is_some() && k.value.range() == call.range())
}

/// Ex) os.path.basename(tempfile.mktemp()): the random name is the point.
fn takes_name_apart(checker: &Checker, parent: &ExprCall) -> bool {
    let func = &checker.source[parent.func.range()];
    let last = func.rsplit('.').next().unwrap_or(func);
    matches!(last, "basename" | "split" | "splitext" | "len" | "str" | "print")
}

/// Whether the call being visited runs exactly once each time `stmt` runs:
/// `stmt` is a simple statement on its own line, and no lambda,
/// comprehension, conditional expression or `and`/`or` lies between them.
fn evaluated_once_per_statement(checker: &Checker, stmt: &Stmt) -> bool {
    let simple = matches!(
        stmt,
        Stmt::Expr(_) | Stmt::Assign(_) | Stmt::AnnAssign(_) | Stmt::AugAssign(_)
    );
    let line_start = checker.source[..stmt.start().to_usize()]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let own_line = checker.source[line_start..stmt.start().to_usize()]
        .chars()
        .all(|c| c == ' ' || c == '\t');
    let plain_ancestors = checker.exprs.iter().all(|e| {
        !matches!(
            e,
            Expr::Lambda(_)
                | Expr::ListComp(_)
                | Expr::SetComp(_)
                | Expr::DictComp(_)
                | Expr::Generator(_)
                | Expr::If(_)
                | Expr::BoolOp(_)
                | Expr::Named(_)
                | Expr::Await(_)
                | Expr::Yield(_)
                | Expr::YieldFrom(_)
        )
    });
    simple && own_line && plain_ancestors
}

/// The insecure function a call may mean when its name is bound both to
/// the import and to something else in one scope.
fn rebound_function(checker: &Checker, call: &ExprCall) -> Option<Function> {
    let (head, attr) = match call.func.as_ref() {
        Expr::Name(name) => (name.id.as_str(), None),
        Expr::Attribute(attribute) => match attribute.value.as_ref() {
            Expr::Name(name) => (name.id.as_str(), Some(attribute.attr.id.as_str())),
            _ => return None,
        },
        _ => return None,
    };
    let bindings = checker.semantic.ambiguous_bindings(checker.scope, head)?;
    bindings.iter().find_map(|b| match (b.kind, attr) {
        (
            BindingKind::FromImport {
                module: "tempfile",
                member: "mktemp",
            },
            None,
        ) => Some(Function::Mktemp),
        (
            BindingKind::FromImport {
                module: "os",
                member: "tempnam",
            },
            None,
        ) => Some(Function::Tempnam),
        (BindingKind::Import { module: "tempfile" }, Some("mktemp")) => Some(Function::Mktemp),
        (BindingKind::Import { module: "os" }, Some("tempnam")) => Some(Function::Tempnam),
        (BindingKind::Import { module: "os" }, Some("tmpnam")) => Some(Function::Tmpnam),
        _ => None,
    })
}

/// Decides the fix for a call, now that all uses are known.
/// `None` for a probe no fix can clean up after: not a finding.
fn decide(checker: &Checker, candidate: &Candidate) -> Option<Diagnostic> {
    let mut diagnostic = Diagnostic::new(
        Rule::MktempCall,
        format!(
            "`{}` returns a path that another process can create first",
            candidate.function.display()
        ),
        candidate.call.range(),
        candidate.stmt_start,
    );
    let built = shape(checker, candidate).and_then(|shape| build(checker, candidate, shape));
    // Ex) link = mktemp(dir=d); os.symlink(src, link): the call fails on
    // an existing name, so nobody can plant anything there; a fresh
    // directory nothing removes would only be left behind.
    if built.is_err() && exclusive_probe(checker, candidate) {
        return None;
    }
    diagnostic.set_fix(built);
    Some(diagnostic)
}

/// Whether the name is first created by a call that fails when the name
/// exists and follows no link (`os.symlink`/`os.link` destination,
/// `os.mkfifo`, `os.mknod`), with only
/// known, non-creating uses before it.
fn exclusive_probe(checker: &Checker, candidate: &Candidate) -> bool {
    let Context::Assign { watches, .. } = &candidate.context else {
        return false;
    };
    let mut uses: Vec<&PathUse> = watches
        .iter()
        .flat_map(|&id| checker.watches[id].uses.iter())
        .collect();
    uses.sort_by_key(|u| u.range.start());
    let Some(first) = uses.iter().position(|u| u.kind.creates()) else {
        return false;
    };
    let known_before = uses[..first].iter().all(|u| known_not_creating(u));
    known_before
        && uses[first].kind == UseKind::CreateExclusive
        && probe_call(checker, candidate.scope, uses[first].range)
}

/// A use in the function itself that creates nothing and hands the path to
/// no code tempsafe cannot see.
fn known_not_creating(u: &PathUse) -> bool {
    !u.nested
        && matches!(
            u.kind,
            UseKind::Neutral
                | UseKind::Derived
                | UseKind::Inside
                | UseKind::Inspect
                | UseKind::Remove { .. }
        )
}

/// Whether the call taking the argument at `range` is a probe call.
fn probe_call(checker: &Checker, scope: ScopeId, range: TextRange) -> bool {
    struct Finder<'c, 'a> {
        checker: &'c Checker<'a>,
        scope: ScopeId,
        range: TextRange,
        found: bool,
    }
    impl<'b> Visitor<'b> for Finder<'_, '_> {
        fn visit_expr(&mut self, expr: &'b Expr) {
            if self.found || !expr.range().contains_range(self.range) {
                return;
            }
            if let Expr::Call(call) = expr
                && (call.arguments.args.iter().any(|a| a.range() == self.range)
                    || call
                        .arguments
                        .keywords
                        .iter()
                        .any(|k| k.value.range() == self.range))
            {
                let qualified = self.checker.semantic.qualified_name(self.scope, &call.func);
                self.found = matches!(
                    qualified.as_deref(),
                    Some(["os", "symlink" | "link" | "mkfifo" | "mknod"])
                );
                return;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder {
        checker,
        scope,
        range,
        found: false,
    };
    finder.visit_body(&checker.parsed.syntax().body);
    finder.found
}

/// What the fix does, decided from the facts about the value.
#[derive(Debug)]
enum Shape<'a> {
    /// Ex) name = mktemp(); open(name, "w")
    ///  -> fd, name = mkstemp(); os.close(fd); open(name, "w")
    File { safety: Safety },
    /// Ex) name = mktemp(); os.mkdir(name)  ->  name = mkdtemp()
    Directory {
        dir: DirCreation,
        safety: Safety,
    },
    /// Ex) name = mktemp(); sock.bind(name); ...; os.remove(name)
    ///  -> name = os.path.join(mkdtemp(), "tmp"); ...; os.remove(name)
    ///     shutil.rmtree(os.path.dirname(name), ignore_errors=True)
    FreshDirectory {
        /// The statements removing the path: the directory goes after each.
        removals: Vec<TextRange>,
        /// In a unittest method: `self.addCleanup()` removes the directory
        /// when the test ends, on every path, instead.
        test_cleanup: bool,
        safety: Safety,
    },
    /// Ex) open(mktemp(), "w")  ->  NamedTemporaryFile("w", delete=False)
    OpenedAtOnce { open: &'a ExprCall },
    /// Ex) in a unittest method, lock = LockedFD(mktemp())
    ///  -> tmp_dir = mkdtemp(); self.addCleanup(shutil.rmtree, tmp_dir, ...)
    ///     lock = LockedFD(os.path.join(tmp_dir, "tmp"))
    DirectoryBefore { stmt: &'a Stmt },
}

/// Maps what is known about the call and its uses to a [`Shape`].
fn shape<'a>(checker: &Checker, candidate: &Candidate<'a>) -> Result<Shape<'a>, NoFix> {
    let call = candidate.call;
    if matches!(candidate.context, Context::Rebound) {
        return Err(NoFix::CalleeAmbiguous);
    }
    NameArgs::of(call, candidate.function)?;
    // A rebinding later in the scope makes the call's target uncertain.
    if checker
        .semantic
        .qualified_name(candidate.scope, &call.func)
        .is_none()
    {
        return Err(NoFix::CalleeRebound);
    }
    match &candidate.context {
        Context::OpenArgument { open } => Ok(Shape::OpenedAtOnce { open }),
        Context::Assign {
            stmt,
            targets,
            watches,
        } => assigned_shape(checker, candidate, stmt, targets, watches),
        Context::Rebound => unreachable!("handled above"),
        Context::SelfAttribute { attribute, .. } => attribute_shape(checker, candidate, attribute),
        // Ex) LockedFD(tempfile.mktemp()) in a test: the code under test
        // gets a name nobody else can create, removed when the test ends.
        Context::PassedOn { stmt } if in_test(checker, candidate) => {
            Ok(Shape::DirectoryBefore { stmt })
        }
        // Ex) run(tempfile.mktemp()): no name is left to remove a fresh
        // directory by.
        Context::Other | Context::PassedOn { .. } => Err(NoFix::ResultPassedOn),
        // Ex) tempfile.mktemp()  # intentionally trigger the linter
        Context::Discarded => Err(NoFix::ResultDiscarded),
    }
}

/// Ex) self.sock = tempfile.mktemp() in a unittest `setUp` or test: the
/// fresh-directory form, its directory removed when the test ends. The
/// attribute's uses are read over the class by name (a field-name
/// approximation): one that takes the name apart (`basename`, `split`,
/// `startswith`) means the random name is the point, so no fix.
fn attribute_shape<'a>(
    checker: &Checker,
    candidate: &Candidate<'a>,
    attribute: &str,
) -> Result<Shape<'a>, NoFix> {
    if let Context::SelfAttribute { stmt, .. } = candidate.context
        && written_next(checker, candidate.scope, stmt, attribute)
    {
        return Ok(Shape::File {
            safety: Safety::Safe,
        });
    }
    if !in_test(checker, candidate) {
        return Err(NoFix::ResultPassedOn);
    }
    let class = candidate
        .enclosing
        .and_then(|f| f.class)
        .ok_or(NoFix::ResultPassedOn)?;
    if crate::test_lifetime::name_taken_apart(checker, class, attribute) {
        return Err(NoFix::NameOnly);
    }
    Ok(Shape::FreshDirectory {
        removals: Vec::new(),
        test_cleanup: true,
        safety: Safety::Safe,
    })
}

/// Ex) self.configfile = mktemp(); f = open(self.configfile, "w"): the
/// next statement creates the file, before anything else can see the
/// name, so a file that `mkstemp()` made already changes nothing, whatever
/// the class does with the name afterwards.
fn written_next(checker: &Checker, scope: ScopeId, stmt: &Stmt, attribute: &str) -> bool {
    let Some(body) = crate::ast_util::enclosing_body(checker.parsed.syntax(), stmt.range()) else {
        return false;
    };
    let Some(next) = body
        .iter()
        .position(|s| s.range() == stmt.range())
        .and_then(|i| body.get(i + 1))
    else {
        return false;
    };
    let value = match next {
        Stmt::Assign(assign) => &*assign.value,
        Stmt::Expr(expr) => &*expr.value,
        Stmt::With(with) => match with.items.first() {
            Some(item) => &item.context_expr,
            None => return false,
        },
        _ => return false,
    };
    let Expr::Call(open) = value else {
        return false;
    };
    let is_open = matches!(
        checker.semantic.qualified_name(scope, &open.func).as_deref(),
        Some(["builtins" | "io", "open"])
    );
    let on_attribute = matches!(open.arguments.args.first(), Some(Expr::Attribute(a))
        if a.attr.id.as_str() == attribute
            && matches!(a.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self"));
    let writes = matches!(crate::path_use::argument(open, 1, "mode"),
        Some(Expr::StringLiteral(mode))
            if mode.value.to_str().starts_with(['w', 'a']) && !mode.value.to_str().contains('x'));
    // Nothing else runs first: the other arguments are plain values.
    let plain = open.arguments.args.iter().skip(1).chain(open.arguments.keywords.iter().map(|k| &k.value)).all(|a| {
        matches!(a, Expr::StringLiteral(_) | Expr::NumberLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) | Expr::Name(_))
    });
    is_open && on_attribute && writes && plain && open.arguments.args.len() <= 8
}

/// Ex) name = tempfile.mktemp() — the shape follows the uses of `name`.
fn assigned_shape<'a>(
    checker: &Checker,
    candidate: &Candidate<'a>,
    stmt: &Stmt,
    targets: &[&str],
    watch_ids: &[WatchId],
) -> Result<Shape<'a>, NoFix> {
    let single_binding = targets.iter().all(|t| {
        checker.semantic.scopes[candidate.scope]
            .bindings
            .get(t)
            .is_some_and(|b| b.len() == 1)
    });
    let watches: Vec<&Watch> = watch_ids.iter().map(|&id| &checker.watches[id]).collect();
    let mut uses: Vec<(&PathUse, &Watch)> = watches
        .iter()
        .flat_map(|w| w.uses.iter().map(move |u| (u, *w)))
        .collect();
    uses.sort_by_key(|(u, _)| u.range.start());
    let first_create = uses.iter().position(|(u, _)| u.kind.creates());
    let before = &uses[..first_create.unwrap_or(uses.len())];
    let untouched_before = before.iter().all(|(u, _)| {
        !u.nested
            && matches!(
                u.kind,
                UseKind::Neutral | UseKind::Derived | UseKind::Inside
            )
    });
    let known_before = before.iter().all(|(u, _)| known_not_creating(u));
    // A removal in a nested function would leave the fresh directory behind.
    let removed_elsewhere = uses
        .iter()
        .any(|(u, _)| u.nested && matches!(u.kind, UseKind::Remove { .. }));
    // Ex) name = mktemp(); return os.path.basename(name) — the random name is
    // the point; a fresh directory would keep its location random, not its name.
    let name_used = uses.iter().any(|(u, _)| u.kind == UseKind::NameOnly);
    if first_create.is_none() && name_used {
        return Err(NoFix::NameOnly);
    }
    // Ex) def scratch(): path = mktemp(); return path — a helper making
    // names. The caller gets a file that exists already.
    let only_returned = uses
        .first()
        .is_some_and(|(u, _)| u.kind == UseKind::Returned && !u.nested);
    if first_create.is_none() && only_returned {
        if !single_binding {
            return Err(NoFix::VariableRebound);
        }
        return Ok(Shape::File {
            safety: Safety::Unsafe(UnsafeBecause::NameReturned),
        });
    }
    let Some((first_use, first_watch)) = first_create.map(|i| uses[i]) else {
        if !single_binding {
            return Err(NoFix::VariableRebound);
        }
        // Ex) a test hands the name to the code under test, which creates
        // it: the test is the whole program, run by one user, and the
        // directory lives until the test ends, so only the directory part
        // of the name changes.
        let safety = if in_test(checker, candidate) {
            Safety::Safe
        } else {
            Safety::Unsafe(UnsafeBecause::NotCreatedHere)
        };
        return fresh_directory(checker, candidate, &uses, candidate.call.end(), safety);
    };
    // Another binding between this statement and the first use: that use
    // may be of the other value.
    let rebound_before_use = !single_binding
        && targets.iter().any(|t| {
            checker.semantic.scopes[candidate.scope]
                .bindings
                .get(t)
                .is_some_and(|bs| {
                    bs.iter().any(|b| {
                        b.range.start() > stmt.end() && b.range.start() < first_use.range.start()
                    })
                })
        });
    if rebound_before_use {
        return Err(NoFix::VariableRebound);
    }
    let always = first_use.always_runs_after(first_watch);
    let created_at = first_use.range.start();
    match first_use.kind {
        // Ex) name = mktemp(); open(name, "w")
        UseKind::CreateFile if untouched_before && always => Ok(Shape::File {
            safety: Safety::Safe,
        }),
        // Ex) name = mktemp(); os.mkdir(name)
        UseKind::CreateDir(dir)
            if untouched_before && always && (dir.stmt.is_some() || dir.exist_ok) =>
        {
            // mkdtemp() creates the directory with mode 0o700.
            let safety = if dir.has_mode && !dir.exist_ok {
                Safety::Unsafe(UnsafeBecause::MkdirModeDropped)
            } else {
                Safety::Safe
            };
            Ok(Shape::Directory { dir, safety })
        }
        _ if !single_binding => Err(NoFix::VariableRebound),
        _ if known_before && (!removed_elsewhere || in_test(checker, candidate)) => {
            fresh_directory(checker, candidate, &uses, created_at, Safety::Safe)
        }
        _ => fresh_directory(
            checker,
            candidate,
            &uses,
            created_at,
            Safety::Unsafe(UnsafeBecause::HandedOnBeforeCreation),
        ),
    }
}

/// Whether the call is in a unittest method, where `self.addCleanup()`
/// removes what the test made when it ends.
fn in_test(checker: &Checker, candidate: &Candidate) -> bool {
    candidate
        .enclosing
        .is_some_and(|function| crate::test_lifetime::unittest_method(checker, function))
}

/// The fresh-directory shape, with its directory removed wherever the
/// program removes the path after `created_at` (an earlier removal, "make
/// sure it is gone", must not take the fresh directory with it), or in a
/// unittest method when the test ends. Elsewhere, where the program never
/// removes the path, every run would leave a directory behind: no fix.
fn fresh_directory<'a>(
    checker: &Checker,
    candidate: &Candidate,
    uses: &[(&PathUse, &Watch)],
    created_at: TextSize,
    safety: Safety,
) -> Result<Shape<'a>, NoFix> {
    if in_test(checker, candidate) {
        return Ok(Shape::FreshDirectory {
            removals: Vec::new(),
            test_cleanup: true,
            safety,
        });
    }
    let removals: Vec<TextRange> = uses
        .iter()
        .filter(|(u, _)| u.range.start() > created_at)
        .filter_map(|(u, _)| match u.kind {
            UseKind::Remove { stmt: Some(stmt) } if !u.nested => Some(stmt),
            _ => None,
        })
        .collect();
    if removals.is_empty() {
        return Err(NoFix::NeverRemoved);
    }
    Ok(Shape::FreshDirectory {
        removals,
        test_cleanup: false,
        safety,
    })
}

/// Turns a shape into edits.
fn build(checker: &Checker, candidate: &Candidate, shape: Shape) -> Result<BuiltFix, NoFix> {
    let args = NameArgs::of(candidate.call, candidate.function)?;
    let mut fix = FixBuilder::new(checker, candidate.scope);
    // Ex) from tempfile import mktemp: unused once every call is replaced.
    if let Expr::Name(callee) = candidate.call.func.as_ref() {
        let (module, member) = match candidate.function {
            Function::Mktemp => ("tempfile", "mktemp"),
            Function::Tempnam => ("os", "tempnam"),
            Function::Tmpnam => ("os", "tmpnam"),
        };
        fix.remove_import_if_unused(module, member, callee.id.as_str());
    }
    match shape {
        Shape::OpenedAtOnce { open } => named_temporary_file(checker, fix, open, &args),
        Shape::DirectoryBefore { stmt } => {
            let os = fix.module("os")?;
            let shutil = fix.module("shutil")?;
            let function = fix.member("tempfile", "mkdtemp")?;
            let dir = checker.fresh_name(candidate.scope, "tmp_dir");
            let keywords = args.keywords(checker.source, false).join(", ");
            let line_start = checker.source[..stmt.start().to_usize()]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let indent = &checker.source[line_start..stmt.start().to_usize()];
            let newline = checker.stylist.line_ending().as_str();
            fix.push(Edit::insertion(
                format!(
                    "{dir} = {function}({keywords}){newline}{indent}\
                     self.addCleanup({shutil}.rmtree, {dir}, ignore_errors=True){newline}{indent}"
                ),
                stmt.start(),
            ));
            let basename = basename(checker, &args);
            fix.push(Edit::range_replacement(
                format!("{os}.path.join({dir}, {basename})"),
                candidate.call.range(),
            ));
            let safety = match args.dir {
                Some(dir) if !dir.is_none_literal_expr() => {
                    Safety::Unsafe(UnsafeBecause::FreshDirectoryInProgramDir)
                }
                _ => Safety::Safe,
            };
            fix.finish(
                safety,
                "Put the path in a fresh directory from `tempfile.mkdtemp()`",
            )
        }
        Shape::File { safety } => {
            let (stmt, targets): (&Stmt, Vec<String>) = match &candidate.context {
                Context::Assign { stmt, targets, .. } => {
                    (stmt, targets.iter().map(ToString::to_string).collect())
                }
                Context::SelfAttribute { stmt, attribute } => (stmt, vec![format!("self.{attribute}")]),
                _ => return Err(NoFix::NotAnAssignment),
            };
            let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
            mkstemp(checker, &mut fix, candidate, stmt, &targets, &args)?;
            fix.finish(
                safety,
                "Create the file with `tempfile.mkstemp()` and close its descriptor",
            )
        }
        Shape::Directory { dir, safety } => {
            let function = fix.member("tempfile", "mkdtemp")?;
            fix.extend(replace_callee(
                checker.source,
                candidate.call,
                candidate.function,
                &args,
                &function,
            ));
            if !dir.exist_ok
                && let Some(stmt) = dir.stmt
            {
                fix.push(delete_statement(checker.source, checker.parsed, stmt));
            }
            fix.finish(safety, "Create the directory with `tempfile.mkdtemp()`")
        }
        Shape::FreshDirectory {
            removals,
            test_cleanup,
            safety,
        } => {
            let (stmt, name) = match &candidate.context {
                Context::Assign { stmt, targets, .. } => (*stmt, targets[0].to_string()),
                Context::SelfAttribute { stmt, attribute } => (*stmt, format!("self.{attribute}")),
                _ => return Err(NoFix::NotAnAssignment),
            };
            private_directory(checker, &mut fix, candidate.call, &args)?;
            // Ex) mktemp(dir=link_dir) for an atomic symlink: the fresh
            // directory would stay in the program's own directory after the
            // rename.
            let safety = match args.dir {
                Some(dir) if !dir.is_none_literal_expr() && safety == Safety::Safe => {
                    Safety::Unsafe(UnsafeBecause::FreshDirectoryInProgramDir)
                }
                _ => safety,
            };
            let shutil = fix.module("shutil")?;
            let os = fix.module("os")?;
            if test_cleanup {
                let line = format!(
                    "self.addCleanup({shutil}.rmtree, {os}.path.dirname({name}), ignore_errors=True)"
                );
                fix.push(statement_after(
                    checker.source,
                    &checker.stylist,
                    stmt.range(),
                    &line,
                ));
            }
            let line = format!("{shutil}.rmtree({os}.path.dirname({name}), ignore_errors=True)");
            for removal in removals {
                let after = outside_existence_checks(checker, removal, &name);
                fix.push(statement_after(
                    checker.source,
                    &checker.stylist,
                    after,
                    &line,
                ));
            }
            fix.finish(
                safety,
                "Put the path in a fresh directory from `tempfile.mkdtemp()`",
            )
        }
    }
}

/// The `suffix`, `prefix` and `dir` arguments of the call.
struct NameArgs<'a> {
    suffix: Option<&'a Expr>,
    prefix: Option<&'a Expr>,
    dir: Option<&'a Expr>,
}

impl<'a> NameArgs<'a> {
    fn of(call: &'a ExprCall, function: Function) -> Result<Self, NoFix> {
        let arguments = &call.arguments;
        if arguments.args.iter().any(Expr::is_starred_expr)
            || arguments.keywords.iter().any(|k| k.arg.is_none())
        {
            return Err(NoFix::ArgumentsUnpacked);
        }
        // mktemp(suffix, prefix, dir); tempnam(dir, prefix); tmpnam()
        let names: &[&str] = match function {
            Function::Mktemp => &["suffix", "prefix", "dir"],
            Function::Tempnam => &["dir", "prefix"],
            Function::Tmpnam => &[],
        };
        let known = |k: &str| names.contains(&k);
        if arguments.args.len() > names.len()
            || arguments
                .keywords
                .iter()
                .any(|k| k.arg.as_ref().is_some_and(|a| !known(a.id.as_str())))
        {
            return Err(NoFix::UnknownArguments);
        }
        let find = |name: &str| {
            let position = names.iter().position(|n| *n == name)?;
            arguments.find_argument_value(name, position)
        };
        Ok(Self {
            suffix: find("suffix"),
            prefix: find("prefix"),
            dir: find("dir"),
        })
    }

    /// Keyword arguments for a `tempfile` function, from source text.
    fn keywords(&self, source: &str, with_suffix: bool) -> Vec<String> {
        let mut out = Vec::new();
        if with_suffix && let Some(suffix) = self.suffix {
            out.push(format!("suffix={}", &source[suffix.range()]));
        }
        if let Some(prefix) = self.prefix {
            out.push(format!("prefix={}", &source[prefix.range()]));
        }
        if let Some(dir) = self.dir {
            out.push(format!("dir={}", &source[dir.range()]));
        }
        out
    }
}

/// Ex) `if os.path.isfile(p): os.remove(p)`: the directory goes after the
/// `if`, so it is removed also when the file was never made.
fn outside_existence_checks(checker: &Checker, removal: TextRange, name: &str) -> TextRange {
    let mut at = removal;
    while let Some(Stmt::If(parent)) =
        crate::ast_util::parent_statement(checker.parsed.syntax(), at)
    {
        // Only a test of the path alone: `if flag and exists(p)` may hold
        // when `p` was never bound.
        let tests_the_path = parent.elif_else_clauses.is_empty()
            && parent.body.len() == 1
            && matches!(&*parent.test, Expr::Call(test)
                if test.arguments.keywords.is_empty()
                    && matches!(&test.arguments.args[..], [Expr::Name(arg)] if arg.id.as_str() == name));
        if !tests_the_path {
            break;
        }
        at = parent.range();
    }
    at
}

/// `fd, name = tempfile.mkstemp(...)` followed by `os.close(fd)`.
fn mkstemp(
    checker: &Checker,
    fix: &mut FixBuilder,
    candidate: &Candidate,
    stmt: &Stmt,
    targets: &[&str],
    args: &NameArgs,
) -> Result<(), NoFix> {
    let call = candidate.call;
    let function = fix.member("tempfile", "mkstemp")?;
    let os = fix.module("os")?;
    let fd = checker.fresh_name(candidate.scope, "fd");
    // Ex) a = b = mktemp()  ->  fd, a = mkstemp(); os.close(fd); b = a
    let Stmt::Assign(assign) = stmt else {
        return Err(NoFix::NotAnAssignment);
    };
    let first = targets[0];
    let targets_range = TextRange::new(
        stmt.start(),
        assign.targets.last().map_or(stmt.start(), Ranged::end),
    );
    fix.push(Edit::range_replacement(
        format!("{fd}, {first}"),
        targets_range,
    ));
    fix.extend(replace_callee(
        checker.source,
        call,
        candidate.function,
        args,
        &function,
    ));
    let mut after = vec![format!("{os}.close({fd})")];
    after.extend(targets[1..].iter().map(|t| format!("{t} = {first}")));
    fix.push(statement_after(
        checker.source,
        &checker.stylist,
        stmt.range(),
        &after.join("\n"),
    ));
    Ok(())
}

/// `os.path.join(tempfile.mkdtemp(...), "tmp<suffix>")`: a path that does not
/// exist yet, inside a directory nobody else can write to.
fn private_directory(
    checker: &Checker,
    fix: &mut FixBuilder,
    call: &ExprCall,
    args: &NameArgs,
) -> Result<(), NoFix> {
    let os = fix.module("os")?;
    let function = fix.member("tempfile", "mkdtemp")?;
    let source = checker.source;
    let basename = basename(checker, args);
    let keywords = args.keywords(source, false).join(", ");
    let replacement = format!("{os}.path.join({function}({keywords}), {basename})");
    fix.push(Edit::range_replacement(replacement, call.range()));
    Ok(())
}

/// The name inside the fresh directory: `"tmp<suffix>"`.
fn basename(checker: &Checker, args: &NameArgs) -> String {
    let source = checker.source;
    match args.suffix {
        None => quoted(checker, "tmp"),
        Some(suffix) => match plain_string_literal(source, suffix) {
            Some((quote_len, text)) => {
                format!("{}tmp{}", &text[..quote_len], &text[quote_len..])
            }
            None => format!("{} + {}", quoted(checker, "tmp"), &source[suffix.range()]),
        },
    }
}

/// Ex) open(tempfile.mktemp(".csv"), "w", newline="")
///  -> tempfile.NamedTemporaryFile("w", newline="", suffix=".csv", delete=False)
fn named_temporary_file(
    checker: &Checker,
    mut fix: FixBuilder,
    open: &ExprCall,
    args: &NameArgs,
) -> Result<BuiltFix, NoFix> {
    let source = checker.source;
    let arguments = &open.arguments;
    if arguments.args.iter().any(Expr::is_starred_expr)
        || arguments.keywords.iter().any(|k| k.arg.is_none())
    {
        return Err(NoFix::OpenArgumentsUnpacked);
    }
    // open(file, mode, buffering, encoding, errors, newline, closefd, opener)
    const OPEN: [&str; 8] = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let mode = arguments
        .find_argument_value("mode", 1)
        .ok_or(NoFix::OpenedForReading)?;
    let Some((quote_len, mode_text)) = plain_string_literal(source, mode) else {
        return Err(NoFix::OpenModeNotLiteral);
    };
    let mode_value = &mode_text[quote_len..mode_text.len() - quote_len];
    if !mode_value.contains(['w', 'a', 'x']) {
        return Err(NoFix::OpenedForReading);
    }
    // mkstemp() already created the file exclusively; "x" would now fail.
    let mode_text = mode_text.replace('x', "w");
    let mut out = vec![mode_text];
    for (position, name) in OPEN.iter().enumerate().skip(2) {
        if let Some(value) = arguments.find_argument_value(name, position) {
            if matches!(*name, "closefd" | "opener") {
                return Err(NoFix::OpenArgumentUnsupported {
                    name: (*name).to_string(),
                });
            }
            out.push(format!("{name}={}", &source[value.range()]));
        }
    }
    if arguments.args.len() > OPEN.len()
        || arguments.keywords.iter().any(|k| {
            k.arg
                .as_ref()
                .is_some_and(|a| !OPEN.contains(&a.id.as_str()))
        })
    {
        return Err(NoFix::OpenArgumentsUnknown);
    }
    out.extend(args.keywords(source, true));
    out.push("delete=False".to_string());
    let function = fix.member("tempfile", "NamedTemporaryFile")?;
    let has_comment = checker
        .parsed
        .tokens()
        .iter()
        .any(|t| t.kind() == TokenKind::Comment && open.range().contains_range(t.range()));
    fix.push(Edit::range_replacement(
        format!("{function}({})", out.join(", ")),
        open.range(),
    ));
    let safety = if has_comment {
        Safety::Unsafe(UnsafeBecause::OpenCommentsLost)
    } else {
        Safety::Safe
    };
    fix.finish(
        safety,
        "Open the file with `tempfile.NamedTemporaryFile(delete=False)`",
    )
}

/// Edits turning the call into a call of `function` with the same name
/// arguments: only the callee changes for `mktemp` (its suffix, prefix, dir
/// line up with mkstemp's and mkdtemp's), keywords are written for tempnam.
fn replace_callee(
    source: &str,
    call: &ExprCall,
    from: Function,
    args: &NameArgs,
    function: &str,
) -> Vec<Edit> {
    match from {
        Function::Mktemp => vec![Edit::range_replacement(
            function.to_string(),
            call.func.range(),
        )],
        Function::Tempnam | Function::Tmpnam => vec![Edit::range_replacement(
            format!("{function}({})", args.keywords(source, true).join(", ")),
            call.range(),
        )],
    }
}

/// A string literal without prefix or implicit concatenation: returns the
/// length of its quotes and its source text.
fn plain_string_literal<'s>(source: &'s str, expr: &Expr) -> Option<(usize, &'s str)> {
    let Expr::StringLiteral(literal) = expr else {
        return None;
    };
    if literal.value.is_implicit_concatenated() {
        return None;
    }
    let text = &source[literal.range()];
    let quote_len = if text.starts_with("\"\"\"") || text.starts_with("'''") {
        3
    } else if text.starts_with(['"', '\'']) {
        1
    } else {
        return None;
    };
    Some((quote_len, text))
}

/// A string literal in the file's preferred quote.
fn quoted(checker: &Checker, value: &str) -> String {
    let quote = checker.stylist.quote().as_char();
    format!("{quote}{value}{quote}")
}

