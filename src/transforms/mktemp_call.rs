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
//! - Comments inside the replaced call move to their own lines above the
//!   statement; a line whose finding is suppressed is never changed.
//!
//! ## References
//! - <https://docs.python.org/3/library/tempfile.html#tempfile.mktemp>
//! - <https://cwe.mitre.org/data/definitions/377.html>

use ruff_diagnostics::{Applicability, Edit};
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::{Expr, ExprCall, ModModule, Stmt};
use ruff_python_parser::{Parsed, parse_module};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::PathUse;
use crate::checker::{Checker, Watch, WatchId};
use crate::diagnostic::Diagnostic;
use crate::edits::{delete_statement, fix_from, statement_after};
use crate::importer::{ImportedName, Importer};
use crate::path_use::UseKind;
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
    /// Ex) open(tempfile.mktemp(), "w")
    OpenArgument { open: &'a ExprCall },
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
}

pub const RULE: RuleInfo = RuleInfo {
    code: "TMP001",
    name: "mktemp-call",
    aliases: &["CSP-D504", "B306", "S306", "CWE-377"],
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
        candidates.iter().map(|c| decide(checker, c)).collect()
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
            match targets {
                Some(targets) => Context::Assign {
                    stmt: stmt.unwrap_or_else(|| unreachable!()),
                    watches: targets.iter().map(|t| checker.watch(t)).collect(),
                    targets,
                },
                None => Context::Other,
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
        _ => Context::Other,
    };
    candidates.push(Candidate {
        call,
        function,
        scope: checker.scope,
        stmt_start: stmt.map_or(call.start(), Ranged::start),
        context,
    });
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
fn decide(checker: &Checker, candidate: &Candidate) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Rule::MktempCall,
        format!(
            "`{}` returns a path that another process can create first",
            candidate.function.display()
        ),
        candidate.call.range(),
        candidate.stmt_start,
    );
    match build_fix(checker, candidate) {
        Ok(planned) => {
            let applicability = planned.applicability;
            diagnostic.fix = fix_from(planned.edits, applicability);
            diagnostic.fix_title = Some(planned.title);
            diagnostic.note = planned.note;
        }
        Err(reason) => diagnostic.note = Some(reason),
    }
    diagnostic
}

/// A fix before it becomes a [`Fix`].
struct Planned {
    edits: Vec<Edit>,
    applicability: Applicability,
    title: String,
    note: Option<String>,
}

/// The `suffix`, `prefix` and `dir` arguments of the call.
struct NameArgs<'a> {
    suffix: Option<&'a Expr>,
    prefix: Option<&'a Expr>,
    dir: Option<&'a Expr>,
}

impl<'a> NameArgs<'a> {
    fn of(call: &'a ExprCall, function: Function) -> Result<Self, String> {
        let arguments = &call.arguments;
        if arguments.args.iter().any(Expr::is_starred_expr)
            || arguments.keywords.iter().any(|k| k.arg.is_none())
        {
            return Err("the arguments are passed with `*` or `**`".to_string());
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
            return Err("the call has arguments that `mktemp` does not take".to_string());
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

/// What a fix needs from the checker.
struct FixContext<'c, 'a> {
    checker: &'c Checker<'a>,
    importer: Importer<'c, 'a>,
    scope: ScopeId,
    edits: Vec<Edit>,
}

impl FixContext<'_, '_> {
    fn member(&mut self, module: &str, member: &str) -> Result<String, String> {
        let ImportedName { text, edit } = self.importer.member(self.scope, module, member)?;
        self.edits.extend(edit);
        Ok(text)
    }

    fn module(&mut self, module: &str) -> Result<String, String> {
        let ImportedName { text, edit } = self.importer.module(self.scope, module)?;
        self.edits.extend(edit);
        Ok(text)
    }

    fn source(&self) -> &str {
        self.checker.source
    }
}

fn build_fix(checker: &Checker, candidate: &Candidate) -> Result<Planned, String> {
    let call = candidate.call;
    if matches!(candidate.context, Context::Rebound) {
        return Err("the called name is also bound to something else in this scope".to_string());
    }
    let args = NameArgs::of(call, candidate.function)?;
    // A rebinding later in the scope makes the call's target uncertain.
    if checker
        .semantic
        .qualified_name(candidate.scope, &call.func)
        .is_none()
    {
        return Err("the called name is rebound in this scope".to_string());
    }
    let mut cx = FixContext {
        checker,
        importer: Importer {
            semantic: &checker.semantic,
            parsed: checker.parsed,
            source: checker.source,
            stylist: &checker.stylist,
        },
        scope: candidate.scope,
        edits: Vec::new(),
    };
    match &candidate.context {
        Context::OpenArgument { open } => named_temporary_file(&mut cx, open, &args),
        Context::Assign {
            stmt,
            targets,
            watches,
        } => assigned(&mut cx, candidate, stmt, targets, watches, &args),
        Context::Rebound => unreachable!("handled above"),
        // Ex) run(tempfile.mktemp()): no name is left to remove a fresh
        // directory by.
        Context::Other => Err(
            "the path is used where tempsafe cannot follow it, and a fresh directory for it \
             would be left behind"
                .to_string(),
        ),
    }
}

/// Ex) name = tempfile.mktemp() — the fix follows the uses of `name`.
fn assigned(
    cx: &mut FixContext,
    candidate: &Candidate,
    stmt: &Stmt,
    targets: &[&str],
    watch_ids: &[WatchId],
    args: &NameArgs,
) -> Result<Planned, String> {
    let checker = cx.checker;
    let call = candidate.call;
    let single_binding = targets.iter().all(|t| {
        checker.semantic.scopes[candidate.scope]
            .bindings
            .get(t)
            .is_some_and(|b| b.len() == 1)
    });
    // Which binding a later use means is unclear: only the first use right
    // after this statement (creating the file or directory) can be relied on.
    let rebound = || Err("the variable is assigned more than once in its scope".to_string());
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
    let known_before = before.iter().all(|(u, _)| {
        !u.nested
            && matches!(
                u.kind,
                UseKind::Neutral
                    | UseKind::Derived
                    | UseKind::Inside
                    | UseKind::Inspect
                    | UseKind::Remove { .. }
            )
    });
    // A removal in a nested function would leave the fresh directory behind.
    let removed_elsewhere = uses
        .iter()
        .any(|(u, _)| u.nested && matches!(u.kind, UseKind::Remove { .. }));
    // Ex) name = mktemp(); return os.path.basename(name) — the random name is
    // the point; a fresh directory would keep its location random, not its name.
    let name_used = uses.iter().any(|(u, _)| u.kind == UseKind::NameOnly);
    if first_create.is_none() && name_used {
        return Err(
            "only the name is used (os.path.basename), and nothing here creates the path: \
             reserve a name with mkstemp() or mkdtemp() by hand"
                .to_string(),
        );
    }
    // Ex) def scratch(): path = mktemp(); return path — a helper making
    // names. The caller gets a file that exists already.
    let only_returned = uses
        .first()
        .is_some_and(|(u, _)| u.kind == UseKind::Returned && !u.nested);
    if first_create.is_none() && only_returned {
        if !single_binding {
            return rebound();
        }
        let mut planned = mkstemp(cx, candidate, stmt, targets, args)?;
        planned.applicability = Applicability::Unsafe;
        planned.note = Some(
            "the name is returned: callers now get an existing empty file, and one that \
             expects nothing there yet would fail"
                .to_string(),
        );
        return Ok(planned);
    }
    let Some(first) = first_create.map(|i| uses[i]) else {
        if !single_binding {
            return rebound();
        }
        let planned = private_directory(
            cx,
            call,
            args,
            Applicability::Unsafe,
            Some("nothing in this scope creates the path; it may be used elsewhere".to_string()),
        )?;
        return remove_directory_too(cx, planned, &uses, call.end(), targets[0]);
    };
    let (first_use, first_watch) = first;
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
        return rebound();
    }
    let always = first_use.always_runs_after(first_watch);
    match first_use.kind {
        // Ex) name = mktemp(); open(name, "w")
        UseKind::CreateFile if untouched_before && always => {
            mkstemp(cx, candidate, stmt, targets, args)
        }
        // Ex) name = mktemp(); os.mkdir(name)
        UseKind::CreateDir(dir)
            if untouched_before && always && (dir.stmt.is_some() || dir.exist_ok) =>
        {
            mkdtemp(cx, candidate, dir)
        }
        _ if !single_binding => rebound(),
        _ if known_before && !removed_elsewhere => {
            let planned = private_directory(cx, call, args, Applicability::Safe, None)?;
            remove_directory_too(cx, planned, &uses, first_use.range.start(), targets[0])
        }
        _ => {
            let planned = private_directory(
                cx,
                call,
                args,
                Applicability::Unsafe,
                Some(
                    "the path is handed to code tempsafe cannot see before it is created"
                        .to_string(),
                ),
            )?;
            remove_directory_too(cx, planned, &uses, first_use.range.start(), targets[0])
        }
    }
}

/// The fresh-directory form with its directory removed wherever the
/// program removes the path after `created_at` (an earlier removal, "make
/// sure it is gone", must not take the fresh directory with it). Where the
/// program never removes the path, every run would leave a directory
/// behind: no fix.
fn remove_directory_too(
    cx: &mut FixContext,
    mut planned: Planned,
    uses: &[(&PathUse, &Watch)],
    created_at: TextSize,
    name: &str,
) -> Result<Planned, String> {
    let checker = cx.checker;
    let removals: Vec<TextRange> = uses
        .iter()
        .filter(|(u, _)| u.range.start() > created_at)
        .filter_map(|(u, _)| match u.kind {
            UseKind::Remove { stmt: Some(stmt) } if !u.nested => Some(stmt),
            _ => None,
        })
        .collect();
    if removals.is_empty() {
        return Err(
            "nothing here removes the path: a fresh directory for it would be left behind on \
             every run"
                .to_string(),
        );
    }
    let shutil = cx.module("shutil")?;
    let os = cx.module("os")?;
    let line = format!("{shutil}.rmtree({os}.path.dirname({name}), ignore_errors=True)");
    for removal in removals {
        let after = outside_existence_checks(checker, removal, name);
        cx.edits.push(statement_after(
            checker.source,
            &checker.stylist,
            after,
            &line,
        ));
    }
    planned.edits.append(&mut cx.edits);
    Ok(planned)
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
    cx: &mut FixContext,
    candidate: &Candidate,
    stmt: &Stmt,
    targets: &[&str],
    args: &NameArgs,
) -> Result<Planned, String> {
    let checker = cx.checker;
    let call = candidate.call;
    let function = cx.member("tempfile", "mkstemp")?;
    let os = cx.module("os")?;
    let fd = checker.fresh_name(candidate.scope, "fd");
    // Ex) a = b = mktemp()  ->  fd, a = mkstemp(); os.close(fd); b = a
    let Stmt::Assign(assign) = stmt else {
        return Err("not an assignment".to_string());
    };
    let first = targets[0];
    let targets_range = TextRange::new(
        stmt.start(),
        assign.targets.last().map_or(stmt.start(), Ranged::end),
    );
    cx.edits.push(Edit::range_replacement(
        format!("{fd}, {first}"),
        targets_range,
    ));
    cx.edits.extend(replace_callee(
        cx.source(),
        call,
        candidate.function,
        args,
        &function,
    ));
    let mut after = vec![format!("{os}.close({fd})")];
    after.extend(targets[1..].iter().map(|t| format!("{t} = {first}")));
    cx.edits.push(statement_after(
        checker.source,
        &checker.stylist,
        stmt.range(),
        &after.join("\n"),
    ));
    Ok(Planned {
        edits: std::mem::take(&mut cx.edits),
        applicability: Applicability::Safe,
        title: "Create the file with `tempfile.mkstemp()` and close its descriptor".to_string(),
        note: None,
    })
}

/// `name = tempfile.mkdtemp(...)`; the `os.mkdir(name)` that followed goes.
fn mkdtemp(
    cx: &mut FixContext,
    candidate: &Candidate,
    dir: crate::path_use::DirCreation,
) -> Result<Planned, String> {
    let checker = cx.checker;
    let call = candidate.call;
    let function = cx.member("tempfile", "mkdtemp")?;
    let args = NameArgs::of(call, candidate.function)?;
    cx.edits.extend(replace_callee(
        cx.source(),
        call,
        candidate.function,
        &args,
        &function,
    ));
    if !dir.exist_ok
        && let Some(stmt) = dir.stmt
    {
        cx.edits
            .push(delete_statement(checker.source, checker.parsed, stmt));
    }
    let (applicability, note) = if dir.has_mode && !dir.exist_ok {
        (
            Applicability::Unsafe,
            Some("the mode given to mkdir is dropped: mkdtemp() creates the directory with mode 0o700".to_string()),
        )
    } else {
        (Applicability::Safe, None)
    };
    Ok(Planned {
        edits: std::mem::take(&mut cx.edits),
        applicability,
        title: "Create the directory with `tempfile.mkdtemp()`".to_string(),
        note,
    })
}

/// `os.path.join(tempfile.mkdtemp(...), "tmp<suffix>")`: a path that does not
/// exist yet, inside a directory nobody else can write to.
fn private_directory(
    cx: &mut FixContext,
    call: &ExprCall,
    args: &NameArgs,
    applicability: Applicability,
    note: Option<String>,
) -> Result<Planned, String> {
    let os = cx.module("os")?;
    let function = cx.member("tempfile", "mkdtemp")?;
    let source = cx.source();
    let basename = match args.suffix {
        None => quoted(cx.checker, "tmp"),
        Some(suffix) => match plain_string_literal(source, suffix) {
            Some((quote_len, text)) => {
                format!("{}tmp{}", &text[..quote_len], &text[quote_len..])
            }
            None => format!(
                "{} + {}",
                quoted(cx.checker, "tmp"),
                &source[suffix.range()]
            ),
        },
    };
    let keywords = args.keywords(source, false).join(", ");
    let replacement = format!("{os}.path.join({function}({keywords}), {basename})");
    cx.edits
        .push(Edit::range_replacement(replacement, call.range()));
    // Ex) mktemp(dir=link_dir) for an atomic symlink: the fresh directory
    // would stay in the program's own directory after the rename.
    let (applicability, note) = match args.dir {
        Some(dir) if !dir.is_none_literal_expr() && applicability == Applicability::Safe => (
            Applicability::Unsafe,
            Some(
                "the fresh directory is made in the program's `dir`, where it may stay behind"
                    .to_string(),
            ),
        ),
        _ => (applicability, note),
    };
    Ok(Planned {
        edits: std::mem::take(&mut cx.edits),
        applicability,
        title: "Put the path in a fresh directory from `tempfile.mkdtemp()`".to_string(),
        note,
    })
}

/// Ex) open(tempfile.mktemp(".csv"), "w", newline="")
///  -> tempfile.NamedTemporaryFile("w", newline="", suffix=".csv", delete=False)
fn named_temporary_file(
    cx: &mut FixContext,
    open: &ExprCall,
    args: &NameArgs,
) -> Result<Planned, String> {
    let source = cx.source();
    let arguments = &open.arguments;
    if arguments.args.iter().any(Expr::is_starred_expr)
        || arguments.keywords.iter().any(|k| k.arg.is_none())
    {
        return Err("`open()` gets arguments with `*` or `**`".to_string());
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
        .ok_or("the file is opened for reading, so it must exist already")?;
    let Some((quote_len, mode_text)) = plain_string_literal(source, mode) else {
        return Err("the mode of `open()` is not a string literal".to_string());
    };
    let mode_value = &mode_text[quote_len..mode_text.len() - quote_len];
    if !mode_value.contains(['w', 'a', 'x']) {
        return Err("the file is opened for reading, so it must exist already".to_string());
    }
    // mkstemp() already created the file exclusively; "x" would now fail.
    let mode_text = mode_text.replace('x', "w");
    let mut out = vec![mode_text];
    for (position, name) in OPEN.iter().enumerate().skip(2) {
        if let Some(value) = arguments.find_argument_value(name, position) {
            if matches!(*name, "closefd" | "opener") {
                return Err(format!("`NamedTemporaryFile()` does not take `{name}`"));
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
        return Err("`open()` gets arguments tempsafe does not know".to_string());
    }
    out.extend(args.keywords(source, true));
    out.push("delete=False".to_string());
    let function = cx.member("tempfile", "NamedTemporaryFile")?;
    let has_comment = cx
        .checker
        .parsed
        .tokens()
        .iter()
        .any(|t| t.kind() == TokenKind::Comment && open.range().contains_range(t.range()));
    cx.edits.push(Edit::range_replacement(
        format!("{function}({})", out.join(", ")),
        open.range(),
    ));
    let (applicability, note) = if has_comment {
        (
            Applicability::Unsafe,
            Some("comments inside the `open()` call would be lost".to_string()),
        )
    } else {
        (Applicability::Safe, None)
    };
    Ok(Planned {
        edits: std::mem::take(&mut cx.edits),
        applicability,
        title: "Open the file with `tempfile.NamedTemporaryFile(delete=False)`".to_string(),
        note,
    })
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

/// After fixing: removes `from tempfile import mktemp` (and `from os import
/// tempnam`) when the fixes took away every use the original had. An import
/// that was unused before is left alone.
pub fn remove_unused_imports(
    original: &Parsed<ModModule>,
    original_source: &str,
    fixed: &str,
) -> Option<String> {
    let parsed = parse_module(fixed).ok()?;
    let uses = |tokens: &Tokens, source: &str, name: &str| {
        tokens
            .iter()
            .filter(|t| t.kind() == TokenKind::Name && &source[t.range()] == name)
            .count()
    };
    let mut edits = Vec::new();
    let mut stack: Vec<&[Stmt]> = vec![&parsed.syntax().body];
    while let Some(body) = stack.pop() {
        for stmt in body {
            stack.extend(crate::ast_util::bodies(stmt));
            let Stmt::ImportFrom(import) = stmt else {
                continue;
            };
            let insecure: &[&str] = match import.module.as_ref().map(|m| m.id.as_str()) {
                Some("tempfile") if import.level == 0 => &["mktemp"],
                Some("os") if import.level == 0 => &["tempnam", "tmpnam"],
                _ => continue,
            };
            let unused: Vec<usize> = import
                .names
                .iter()
                .enumerate()
                .filter(|(_, alias)| insecure.contains(&alias.name.id.as_str()))
                .filter(|(_, alias)| {
                    let name = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    // One use is the import itself.
                    uses(parsed.tokens(), fixed, name) == 1
                        && uses(original.tokens(), original_source, name) > 1
                })
                .map(|(i, _)| i)
                .collect();
            if unused.len() == import.names.len() {
                edits.push(delete_statement(fixed, &parsed, stmt.range()));
            } else {
                for i in unused {
                    let names = &import.names;
                    let range = if i + 1 < names.len() {
                        TextRange::new(names[i].start(), names[i + 1].start())
                    } else {
                        TextRange::new(names[i - 1].end(), names[i].end())
                    };
                    edits.push(Edit::range_deletion(range));
                }
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(Ranged::start);
    let mut out = String::with_capacity(fixed.len());
    let mut last = 0;
    for edit in &edits {
        if edit.start().to_usize() < last {
            continue;
        }
        out.push_str(&fixed[last..edit.start().to_usize()]);
        out.push_str(edit.content().unwrap_or_default());
        last = edit.end().to_usize();
    }
    out.push_str(&fixed[last..]);
    Some(out)
}
