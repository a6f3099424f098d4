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
//! `try: … finally:`, re-indented in the file's own style (multi-line strings
//! untouched). A `return` of a value computed from the temporary object stays
//! correct: the `finally` runs after the value is computed. Removal code that
//! already exists later in the block is kept; the added cleanup never fails
//! when it already ran (`ignore_errors=True`, an existence check,
//! `TemporaryDirectory.cleanup()` is idempotent). An unused `mkstemp()`
//! descriptor is closed right away. In a unittest `setUp`,
//! `self.addCleanup(shutil.rmtree, self.x, ignore_errors=True)` follows the
//! assignment.
//!
//! ## Fix safety
//! Safe: the object does not escape its scope (it is not returned, yielded,
//! stored on an object or a global, passed to code tempsafe cannot see, or
//! used after the block that created it), so nothing can use it once the
//! block is left. An object that escapes is reported without a fix: the
//! code it escapes to decides when it is no longer needed. A module-level
//! object is reported without a fix too.
//!
//! ## References
//! - <https://docs.python.org/3/library/tempfile.html>
//! - <https://cwe.mitre.org/data/definitions/459.html>

use ruff_diagnostics::Edit;
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::ast_util::enclosing_body;
use crate::checker::{Checker, FunctionContext, PathUse, WatchId};
use crate::diagnostic::Diagnostic;
use crate::edits::statement_after;
use crate::fix_builder::{FixBuilder, Safety};
use crate::path_use::UseKind;
use crate::reason::{NoFix, UnsafeBecause};
use crate::semantic::{ScopeId, ScopeKind};
use crate::transforms::{Rule, RuleInfo, Transform};
use crate::wrap::{CleanupLine, wrap_rest_of_block};

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
    /// At module level: reported, never fixed.
    Module,
}

/// A creation found during the visit.
#[derive(Debug)]
pub struct Candidate<'a> {
    call: &'a ExprCall,
    created: Created,
    scope: ScopeId,
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
    let in_module = checker.semantic.scopes[checker.scope].kind == ScopeKind::Module;
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
                (_, _) if in_module => Context::Module,
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
}

fn life(checker: &Checker, watch: WatchId) -> Life {
    let owner = &checker.watches[watch];
    let uses: Vec<&PathUse> = checker.uses_with_derived(watch);
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
    }
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
        Context::WithItem { watch } => {
            let life = life(checker, *watch);
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
    let life = life(checker, watch);
    // An unused mkstemp() descriptor: leaked even when the path is cleaned.
    let unused_fd =
        descriptor.filter(|(_, _, fd_watch)| checker.uses_with_derived(*fd_watch).is_empty());
    if (life.cleaned_safely || (life.removed && life.escapes)) && unused_fd.is_none() {
        return None;
    }
    let what = if life.cleaned_safely || (life.removed && life.escapes) {
        "returns a file descriptor that is never closed"
    } else if life.removed {
        "is removed only if no exception is raised first"
    } else {
        "is never removed"
    };
    let mut d = diagnostic(candidate, what);
    // The cleanup names the variable: it must still mean this object at the end.
    let rebound = [Some(name), descriptor.map(|(fd, _, _)| fd)]
        .into_iter()
        .flatten()
        .any(|n| {
            checker.semantic.scopes[candidate.scope]
                .bindings
                .get(n)
                .is_some_and(|b| b.len() > 1)
        });
    if rebound {
        d.no_fix = Some(NoFix::VariableRebound);
        return Some(d);
    }
    if life.escapes && unused_fd.is_none() {
        d.no_fix = Some(NoFix::Escapes);
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
        Ok(fix) if only_close => {
            d.set_fix(fix.finish(Safety::Safe, "Close the unused file descriptor"));
        }
        Ok(fix) => {
            // Ex) mkstemp(dir=objects_dir): created where other code looks,
            // possibly after the block the fix ends with.
            let chosen_dir = dir_argument(candidate).is_some();
            let safety = if chosen_dir {
                Safety::Unsafe(UnsafeBecause::CreatedInProgramDir)
            } else {
                Safety::Safe
            };
            d.set_fix(fix.finish(safety, "Remove it in a `finally` block"));
        }
        Err(reason) => d.drop_fix(reason),
    }
    Some(d)
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
) -> Result<FixBuilder<'c, 'a>, NoFix> {
    let mut fix = FixBuilder::new(checker, candidate.scope);
    let mut edits = Vec::new();
    let mut module = |module: &str| fix.module(module);
    if let Some((fd, fd_range, _)) = unused_fd {
        let os = module("os")?;
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
    if needs_cleanup {
        let cleanup: Vec<CleanupLine> = match candidate.created {
            Created::Directory => {
                let shutil = module("shutil")?;
                vec![(0, format!("{shutil}.rmtree({name}, ignore_errors=True)"))]
            }
            Created::FileAndDescriptor => {
                let os = module("os")?;
                vec![
                    (0, format!("if {os}.path.exists({name}):")),
                    (1, format!("{os}.remove({name})")),
                ]
            }
            Created::NamedFile => {
                let os = module("os")?;
                vec![
                    (0, format!("{name}.close()")),
                    (0, format!("if {os}.path.exists({name}.name):")),
                    (1, format!("{os}.remove({name}.name)")),
                ]
            }
            Created::DirectoryObject => vec![(0, format!("{name}.cleanup()"))],
        };
        let body = enclosing_body(checker.parsed.syntax(), stmt.range())
            .ok_or(NoFix::BlockNotFound)?;
        let index = body
            .iter()
            .position(|s| s.range() == stmt.range())
            .ok_or(NoFix::BlockNotFound)?;
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
    Ok(fix)
}

/// Ex) self.test_dir = tempfile.mkdtemp() in setUp, with no tearDown
/// removing it -> self.addCleanup(shutil.rmtree, self.test_dir, ignore_errors=True)
fn set_up(
    checker: &Checker,
    candidate: &Candidate,
    stmt: &Stmt,
    attribute: &str,
    function: FunctionContext,
) -> Option<Diagnostic> {
    let class = function.class?;
    let class_text = &checker.source[class.range()];
    let needle = format!("self.{attribute}");
    let removed = class_text.lines().any(|line| {
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
    });
    if removed {
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
