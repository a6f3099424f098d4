//! How a path-valued variable is used: the facts a transform needs to decide
//! whether the object behind the path may already exist when the use runs.

use ruff_python_ast::{Expr, ExprCall, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::semantic::{ScopeId, Semantic};

/// What one use of a path does to (or asks of) the file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UseKind {
    /// Creates or truncates a regular file; an existing file is fine
    /// (`open(p, "w")`, `sqlite3.connect(p)`, `shutil.copy(src, p)`).
    CreateFile,
    /// Creates a directory (`os.mkdir(p)`, `Path(p).mkdir()`).
    CreateDir(DirCreation),
    /// Creates something and fails if the path exists (`sock.bind(p)`,
    /// `os.mkfifo(p)`, `os.symlink(src, p)`, `open(p, "x")`).
    CreateExclusive,
    /// Observes the file system: existence checks, `stat`, reading.
    Inspect,
    /// Another file is moved onto the path (`os.rename(src, p)`,
    /// `os.replace(src, p)`, `shutil.move(src, p)`): from then on the path
    /// holds data the program moved there, not scratch data.
    MovedInto,
    /// The file at the path is moved to another name (`os.replace(p, dst)`,
    /// `shutil.move(p, dst)`): an atomic write put into place, no longer
    /// at the path.
    MovedAway,
    /// Removes the path; `stmt` is set when the call is a statement of its own.
    Remove { stmt: Option<TextRange> },
    /// Never touches the file system: string methods, comparisons, printing.
    Neutral,
    /// Takes the file name itself (`os.path.basename(p)`): the name, not just
    /// the location, matters to the program.
    NameOnly,
    /// Handed to code we cannot see (an unknown callee, a container, an
    /// attribute): anything may happen to the path.
    Unknown,
    /// Returned as it is (`return p`): the caller decides what happens to
    /// it, as with [`UseKind::Unknown`], but nothing has happened to it yet.
    Returned,
    /// Assigned (as is, or a path derived from it) to another name, whose
    /// uses are followed too.
    Derived,
    /// A path derived from it (`os.path.join(p, "x")`) is used in a known
    /// way: something inside the path, not the path itself.
    Inside,
    /// Its removal is registered for later (`self.addCleanup(shutil.rmtree, p)`).
    CleanupRegistered,
}

impl UseKind {
    /// Leaves what this scope can see: anything may happen to the path.
    pub fn escapes(self) -> bool {
        matches!(self, UseKind::Unknown | UseKind::Returned)
    }

    /// Makes something exist at the path.
    pub fn creates(self) -> bool {
        matches!(
            self,
            UseKind::CreateFile
                | UseKind::CreateDir(_)
                | UseKind::CreateExclusive
                | UseKind::MovedInto
        )
    }

    /// Acts on the path itself in the file system: creates, inspects or
    /// removes it.
    pub fn touches_path(self) -> bool {
        self.creates()
            || matches!(
                self,
                UseKind::Inspect | UseKind::Remove { .. } | UseKind::MovedAway
            )
    }

    /// Reaches the file system at all: the path, something inside it, or a
    /// registered removal.
    pub fn reaches_file_system(self) -> bool {
        self.touches_path() || matches!(self, UseKind::Inside | UseKind::CleanupRegistered)
    }
}

/// The details of a directory creation that a fix may drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DirCreation {
    /// The expression statement that does only the creation, if any.
    pub stmt: Option<TextRange>,
    /// A mode was passed: dropping the call would change permissions.
    pub has_mode: bool,
    /// `exist_ok=True`: the call is harmless once the directory exists.
    pub exist_ok: bool,
}

/// Where the path sits in a call's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArgPos<'a> {
    Positional(usize),
    Keyword(&'a str),
}

fn arg_position<'a>(call: &'a ExprCall, range: TextRange) -> Option<ArgPos<'a>> {
    if let Some(i) = call.arguments.args.iter().position(|a| a.range() == range) {
        return Some(ArgPos::Positional(i));
    }
    call.arguments
        .keywords
        .iter()
        .find(|k| k.value.range() == range)
        .and_then(|k| k.arg.as_ref().map(|a| ArgPos::Keyword(a.id.as_str())))
}

/// Positional argument `index` or keyword `name` of a call.
pub fn argument<'a>(call: &'a ExprCall, index: usize, name: &str) -> Option<&'a Expr> {
    call.arguments.find_argument_value(name, index)
}

fn is_pos(pos: ArgPos, index: usize, keywords: &[&str]) -> bool {
    match pos {
        ArgPos::Positional(i) => i == index,
        ArgPos::Keyword(k) => keywords.contains(&k),
    }
}

fn string_literal(expr: Option<&Expr>) -> Option<&str> {
    match expr {
        Some(Expr::StringLiteral(s)) => Some(s.value.to_str()),
        _ => None,
    }
}

fn is_true(expr: Option<&Expr>) -> bool {
    matches!(expr, Some(Expr::BooleanLiteral(b)) if b.value)
}

/// How an `open`-style mode string treats a missing or existing file.
fn kind_of_mode(mode: &str) -> UseKind {
    if mode.contains('x') {
        UseKind::CreateExclusive
    } else if mode.contains('w') || mode.contains('a') {
        UseKind::CreateFile
    } else {
        UseKind::Inspect
    }
}

/// The statement that is exactly `call`, if the call stands alone.
fn own_statement(stmt: Option<&Stmt>, call: &ExprCall) -> Option<TextRange> {
    match stmt {
        Some(Stmt::Expr(s)) if s.value.range() == call.range() => Some(s.range),
        _ => None,
    }
}

/// The outermost expression of `exprs` that the innermost one reaches only
/// through path and string derivations (`"at %s" % p`, `str(p)`): the value
/// that carries the path on. With `same_path_only`, through other forms of
/// the same path alone (`abspath(p)`, `str(p)`), not through new paths made
/// from it (`os.path.join(p, "x")`).
pub fn derived_top<'a>(
    semantic: &Semantic,
    scope: ScopeId,
    exprs: &[&'a Expr],
    same_path_only: bool,
) -> Option<&'a Expr> {
    let (mut current, mut ancestors) = exprs.split_last()?;
    while let Some((parent, up)) = ancestors.split_last() {
        match derivation(semantic, scope, parent, current, up.last().copied()) {
            None => break,
            Some(Derivation::NewPath) if same_path_only => break,
            Some(_) => {}
        }
        current = parent;
        ancestors = up;
    }
    Some(current)
}

/// Classifies the use of the name at the top of `exprs` (its ancestors
/// below it), inside statement `stmt`. A path derived from the name
/// (`os.path.join(p, "x")`, `Path(p) / "x"`, `p + ".bak"`, `f.name`) is
/// followed up to where it is used.
pub fn classify<'a>(
    semantic: &Semantic<'a>,
    scope: ScopeId,
    exprs: &[&'a Expr],
    stmt: Option<&'a Stmt>,
    source: &str,
) -> UseKind {
    let Some(Derived {
        top: current,
        ancestors,
        shape,
    }) = derive(semantic, scope, exprs, source)
    else {
        return UseKind::Unknown;
    };
    let kind = classify_expr(semantic, scope, current, ancestors, stmt, source);
    // Ex) self.addCleanup(lambda: shutil.rmtree(d)): the removal is registered.
    if matches!(kind, UseKind::Remove { .. }) && in_registered_lambda(semantic, scope, ancestors) {
        return UseKind::CleanupRegistered;
    }
    seen_from(kind, shape)
}

/// What a use of a path computed from a name (of shape `shape`) is for the
/// name itself.
pub fn seen_from(kind: UseKind, shape: Shape) -> UseKind {
    match (kind, shape) {
        // A derived string only printed or compared is still not a file.
        (UseKind::Unknown | UseKind::Derived | UseKind::Neutral | UseKind::NameOnly, _) => kind,
        (_, Shape::Same) => kind,
        // Ex) return os.path.join(p, "x"): what comes of the path is unknown.
        // Ex) open(p + ".lock", "w"): a file next to the path, not in it;
        // what that means for the path itself is unknown.
        (UseKind::Returned, _) | (_, Shape::Beside) => UseKind::Unknown,
        (_, Shape::Inside) => UseKind::Inside,
    }
}

/// How a path computed from a name relates to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The same path in another form (`str(p)`, `os.path.abspath(p)`).
    Same,
    /// Something inside it (`os.path.join(p, "x")`, `p / "x"`, `p + "/x"`).
    Inside,
    /// Something beside it (`p + ".bak"`, `f"{p}.lock"`).
    Beside,
}

impl Shape {
    /// How a path computed from one computed from a name relates to the name.
    pub fn then(self, next: Shape) -> Shape {
        match (self, next) {
            (Shape::Beside, _) | (_, Shape::Beside) => Shape::Beside,
            (Shape::Inside, _) | (_, Shape::Inside) => Shape::Inside,
            _ => Shape::Same,
        }
    }
}

/// The largest expression among `exprs` computed from the name at their top.
struct Derived<'e, 'a> {
    top: &'a Expr,
    /// What holds `top`, innermost last.
    ancestors: &'e [&'a Expr],
    shape: Shape,
}

fn derive<'e, 'a>(
    semantic: &Semantic,
    scope: ScopeId,
    exprs: &'e [&'a Expr],
    source: &str,
) -> Option<Derived<'e, 'a>> {
    let (&(mut current), mut ancestors) = exprs.split_last()?;
    let mut shape = Shape::Same;
    while let Some((parent, up)) = ancestors.split_last() {
        match derivation(semantic, scope, parent, current, up.last().copied()) {
            None => break,
            Some(Derivation::NewPath) if !continues_with_slash(source, parent, current) => {
                shape = Shape::Beside;
            }
            Some(Derivation::NewPath) if shape == Shape::Same => shape = Shape::Inside,
            Some(_) => {}
        }
        current = *parent;
        ancestors = up;
    }
    Some(Derived {
        top: current,
        ancestors,
        shape,
    })
}

/// How the largest expression among `exprs` computed from the name at their
/// top relates to it (`q = os.path.join(p, "x")`: inside `p`).
pub fn derived_shape(semantic: &Semantic, scope: ScopeId, exprs: &[&Expr], source: &str) -> Shape {
    derive(semantic, scope, exprs, source).map_or(Shape::Same, |d| d.shape)
}

/// Whether the innermost lambda among `ancestors` is handed to a call that
/// registers it to run later (`addCleanup`, `stack.callback`,
/// `atexit.register`, `weakref.finalize`).
fn in_registered_lambda(semantic: &Semantic, scope: ScopeId, ancestors: &[&Expr]) -> bool {
    let Some(at) = ancestors.iter().rposition(|e| e.is_lambda_expr()) else {
        return false;
    };
    let (Some(Expr::Call(call)), lambda) = (at.checked_sub(1).map(|i| ancestors[i]), ancestors[at])
    else {
        return false;
    };
    if !call
        .arguments
        .args
        .iter()
        .any(|a| a.range() == lambda.range())
    {
        return false;
    }
    registers(semantic, scope, call)
}

/// Whether `call` registers a callable to run later: `addCleanup`,
/// `stack.callback`, pytest's `config.add_cleanup` and
/// `request.addfinalizer`, `atexit.register`, `weakref.finalize`.
fn registers(semantic: &Semantic, scope: ScopeId, call: &ExprCall) -> bool {
    match semantic.qualified_name(scope, &call.func).as_deref() {
        Some(["atexit", "register"] | ["weakref", "finalize"]) => true,
        _ => matches!(
            call.func.as_ref(),
            Expr::Attribute(attr) if matches!(
                attr.attr.id.as_str(),
                "addCleanup" | "addClassCleanup" | "callback" | "add_cleanup" | "addfinalizer"
            )
        ),
    }
}

/// Ex) config.add_cleanup(partial(rmtree, d, ignore_errors=True)): a
/// removal of the path, bound with `functools.partial` and registered.
fn registered_partial(
    semantic: &Semantic,
    scope: ScopeId,
    call: &ExprCall,
    pos: ArgPos,
    ancestors: &[&Expr],
) -> bool {
    let ArgPos::Positional(at) = pos else {
        return false;
    };
    let Some(position) = at.checked_sub(1) else {
        return false;
    };
    if semantic.qualified_name(scope, &call.func).as_deref() != Some(&["functools", "partial"]) {
        return false;
    }
    let removes = call
        .arguments
        .args
        .first()
        .and_then(|f| semantic.qualified_name(scope, f))
        .and_then(|q| by_position(&q.join("."), &crate::summary::Arg::Positional(position)));
    if !matches!(removes, Some(UseKind::Remove { .. })) {
        return false;
    }
    let Some(Expr::Call(outer)) = ancestors.len().checked_sub(2).map(|i| ancestors[i]) else {
        return false;
    };
    outer
        .arguments
        .args
        .iter()
        .any(|a| a.range() == call.range())
        && registers(semantic, scope, outer)
}

/// Whether the text of `parent` goes on with a path separator right after
/// `child`: `p + "/x"`, `f"{p}/x"` name something inside `p`; `p + ".bak"`,
/// `f"{p}.lock"` something beside it. Joins and `Path / x` are always inside.
fn continues_with_slash(source: &str, parent: &Expr, child: &Expr) -> bool {
    match parent {
        Expr::BinOp(op) if op.op == Operator::Add && op.left.range() == child.range() => {
            let rest = source[op.right.range()].trim_start_matches(['r', 'R', 'u', 'U', 'f', 'F']);
            rest.get(1..).is_some_and(|r| r.starts_with('/'))
        }
        Expr::BinOp(op) if op.op == Operator::Add => false,
        Expr::FString(_) => {
            let after = &source[child.end().to_usize()..parent.end().to_usize()];
            // Skip the end of the replacement field: `!r`, `:fmt`, `}`.
            after
                .find('}')
                .is_some_and(|i| after[i + 1..].starts_with('/'))
        }
        _ => true,
    }
}

/// How an expression relates to the path it is computed from.
enum Derivation {
    /// Another path or string: `os.path.join(p, "x")`, `p + ".bak"`.
    NewPath,
    /// The same path in another form: `str(p)`, `Path(p)`, `f.name`.
    SamePath,
}

/// A call that only builds text from its arguments: a URL, a quoted shell
/// word, a joined string. Its result is a new string, nothing is touched.
fn builds_text(semantic: &Semantic, scope: ScopeId, call: &ExprCall) -> bool {
    if let Expr::Attribute(attr) = call.func.as_ref()
        && attr.attr.id.as_str() == "join"
        && matches!(
            attr.value.as_ref(),
            Expr::StringLiteral(_) | Expr::BytesLiteral(_)
        )
    {
        return true;
    }
    matches!(
        semantic.qualified_name(scope, &call.func).as_deref(),
        Some(
            [
                "urllib",
                "parse",
                "urlunsplit" | "urlunparse" | "urljoin" | "quote" | "quote_plus"
            ] | ["shlex", "quote" | "join"]
                | ["builtins", "repr"]
        )
    )
}

/// Whether (and how) `parent` computes a path from `child`.
fn derivation(
    semantic: &Semantic,
    scope: ScopeId,
    parent: &Expr,
    child: &Expr,
    grandparent: Option<&Expr>,
) -> Option<Derivation> {
    let range = child.range();
    match parent {
        // Ex) "/tmp/job_%d.log" % n: the template's own path.
        Expr::BinOp(op)
            if op.op == Operator::Mod
                && op.left.range() == range
                && matches!(child, Expr::StringLiteral(_) | Expr::FString(_)) =>
        {
            Some(Derivation::SamePath)
        }
        // Ex) p + ".bak", "%s/x" % p, Path(p) / "x"
        Expr::BinOp(op) if matches!(op.op, Operator::Add | Operator::Mod | Operator::Div) => {
            Some(Derivation::NewPath)
        }
        // Ex) "%s at %s" % (label, p), urlunsplit(("file", "", p, "", "")),
        // " ".join([cmd, p])
        Expr::Tuple(_) | Expr::List(_) => match grandparent {
            Some(Expr::BinOp(op))
                if op.op == Operator::Mod && op.right.range() == parent.range() =>
            {
                Some(Derivation::NewPath)
            }
            Some(Expr::Call(call)) if builds_text(semantic, scope, call) => {
                Some(Derivation::NewPath)
            }
            _ => None,
        },
        // Ex) urljoin(base, p), shlex.quote(p), "/".join(parts)
        Expr::Call(call) if call.func.range() != range && builds_text(semantic, scope, call) => {
            Some(Derivation::NewPath)
        }
        // Ex) f"{p}/x"
        Expr::FString(_) => Some(Derivation::NewPath),
        // Ex) f.name, td.name
        Expr::Attribute(attr) if attr.attr.id.as_str() == "name" && attr.value.range() == range => {
            Some(Derivation::SamePath)
        }
        // Ex) "/tmp/{}.log".format(x): the attribute, then its call; the
        // template's own path when the template is a literal.
        Expr::Attribute(attr)
            if attr.attr.id.as_str() == "format"
                && attr.value.range() == range
                && matches!(grandparent, Some(Expr::Call(call)) if call.func.range() == attr.range) =>
        {
            Some(if matches!(child, Expr::StringLiteral(_)) {
                Derivation::SamePath
            } else {
                Derivation::NewPath
            })
        }
        Expr::Call(call)
            if call.func.range() == range
                && matches!(child, Expr::Attribute(a) if a.attr.id.as_str() == "format") =>
        {
            Some(match child {
                Expr::Attribute(a) if matches!(a.value.as_ref(), Expr::StringLiteral(_)) => {
                    Derivation::SamePath
                }
                _ => Derivation::NewPath,
            })
        }
        // Ex) os.environ.get("TMPDIR", "/tmp"): the default is the result
        // when the variable is unset.
        Expr::Call(call)
            if call
                .arguments
                .args
                .get(1)
                .or_else(|| call.arguments.find_keyword("default").map(|k| &k.value))
                .is_some_and(|a| a.range() == range)
                && matches!(
                    semantic.qualified_name(scope, &call.func).as_deref(),
                    Some(["os", "getenv"] | ["os", "environ", "get"])
                ) =>
        {
            Some(Derivation::SamePath)
        }
        Expr::Call(call) if call.func.range() != range => {
            if !call
                .arguments
                .args
                .first()
                .is_some_and(|a| a.range() == range)
            {
                return None;
            }
            match semantic.qualified_name(scope, &call.func).as_deref() {
                Some(["os", "path", "join"]) => Some(Derivation::NewPath),
                Some(
                    [
                        "os",
                        "path",
                        "abspath" | "realpath" | "normpath" | "normcase" | "expanduser"
                        | "expandvars" | "relpath",
                    ]
                    | ["builtins", "str" | "format"]
                    | ["os", "fspath" | "fsencode" | "fsdecode"],
                ) => Some(Derivation::SamePath),
                // Path(p).mkdir() is a use of its own, not a derivation.
                Some(["pathlib", "Path" | "PurePath" | "PosixPath"])
                    if !matches!(grandparent, Some(Expr::Attribute(_))) =>
                {
                    Some(Derivation::SamePath)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn classify_expr<'a>(
    semantic: &Semantic<'a>,
    scope: ScopeId,
    current: &'a Expr,
    ancestors: &[&'a Expr],
    stmt: Option<&'a Stmt>,
    source: &str,
) -> UseKind {
    let range = current.range();
    let Some(parent) = ancestors.last() else {
        return classify_in_statement(stmt, range);
    };
    match parent {
        Expr::Call(call) if call.func.range() != range => {
            let Some(pos) = arg_position(call, range) else {
                return UseKind::Unknown;
            };
            classify_argument(semantic, scope, call, pos, ancestors, stmt, source)
        }
        // Ex) p.mkdir() on a Path, td.cleanup(); p.endswith(".txt") on a str.
        Expr::Attribute(attr) => match ancestors.iter().rev().nth(1) {
            Some(Expr::Call(call)) if call.func.range() == parent.range() => {
                path_method(attr.attr.id.as_str(), call, stmt).unwrap_or(UseKind::Neutral)
            }
            _ => UseKind::Unknown,
        },
        Expr::Compare(_) | Expr::BoolOp(_) | Expr::UnaryOp(_) => UseKind::Neutral,
        Expr::If(if_expr) if if_expr.test.range() == range => UseKind::Neutral,
        // Ex) data[p], del cache[p]: a key to look up, not a file. A key
        // stored (`data[p] = v`) may be read back later as a path.
        Expr::Subscript(subscript)
            if subscript.slice.range() == range && !subscript.ctx.is_store() =>
        {
            UseKind::Neutral
        }
        _ if only_compared_display(ancestors) => UseKind::Neutral,
        // Ex) subprocess.run(["tar", "-C", p]): the command sees the path.
        Expr::List(_) | Expr::Tuple(_) => match ancestors.iter().rev().nth(1) {
            Some(Expr::Call(call))
                if call
                    .arguments
                    .args
                    .first()
                    .is_some_and(|a| a.range() == parent.range())
                    && matches!(
                        semantic.qualified_name(scope, &call.func).as_deref(),
                        Some(["subprocess", "run" | "call" | "check_call" | "check_output"])
                    ) =>
            {
                UseKind::Neutral
            }
            _ => UseKind::Unknown,
        },
        _ => UseKind::Unknown,
    }
}

/// Ex) `assert calls == [("/tmp/x", 1)]`, `self.assertEqual(d, {"/tmp/x":
/// b""})`, `m.assert_called_with(["-o", "/tmp/x"])`: the path is in a
/// display that is only compared with another value.
fn only_compared_display(ancestors: &[&Expr]) -> bool {
    let is_display = |e: &Expr| {
        matches!(
            e,
            Expr::List(_) | Expr::Tuple(_) | Expr::Set(_) | Expr::Dict(_)
        )
    };
    let Some(at) = ancestors.iter().rposition(|e| !is_display(e)) else {
        return false;
    };
    let Some(display) = ancestors.get(at + 1) else {
        return false;
    };
    match ancestors[at] {
        Expr::Compare(_) => true,
        Expr::Call(call) => {
            let Expr::Attribute(attr) = call.func.as_ref() else {
                return false;
            };
            let method = attr.attr.id.as_str();
            method.starts_with("assert")
                && callable_index(method).is_none()
                && call
                    .arguments
                    .args
                    .iter()
                    .chain(call.arguments.keywords.iter().map(|k| &k.value))
                    .any(|arg| arg.range() == display.range())
        }
        _ => false,
    }
}

fn classify_in_statement(stmt: Option<&Stmt>, range: TextRange) -> UseKind {
    match stmt {
        // Ex) q = p; q = os.path.join(p, "x"): the new name is followed too.
        Some(Stmt::Assign(s))
            if s.value.range() == range && matches!(s.targets.as_slice(), [Expr::Name(_)]) =>
        {
            UseKind::Derived
        }
        // Ex) q: Final[Path] = Path(p)
        Some(Stmt::AnnAssign(s))
            if s.value.as_deref().is_some_and(|v| v.range() == range)
                && matches!(s.target.as_ref(), Expr::Name(_)) =>
        {
            UseKind::Derived
        }
        // Ex) td = TemporaryDirectory(); with td as d: — leaving the block
        // runs its cleanup.
        Some(Stmt::With(s)) if s.items.iter().any(|i| i.context_expr.range() == range) => {
            UseKind::CleanupRegistered
        }
        // Ex) del p; assert p; if p: ...; bare `p`
        Some(Stmt::Delete(_) | Stmt::Assert(_) | Stmt::Expr(_)) => UseKind::Neutral,
        Some(Stmt::If(s)) if s.test.range() == range => UseKind::Neutral,
        Some(Stmt::Return(s)) if s.value.as_ref().is_some_and(|v| v.range() == range) => {
            UseKind::Returned
        }
        Some(Stmt::While(s)) if s.test.range() == range => UseKind::Neutral,
        _ => UseKind::Unknown,
    }
}

fn classify_argument<'a>(
    semantic: &Semantic<'a>,
    scope: ScopeId,
    call: &'a ExprCall,
    pos: ArgPos,
    ancestors: &[&'a Expr],
    stmt: Option<&'a Stmt>,
    source: &str,
) -> UseKind {
    if registered_partial(semantic, scope, call, pos, ancestors) {
        return UseKind::CleanupRegistered;
    }
    let known = semantic
        .qualified_name(scope, &call.func)
        .and_then(|qualified| classify_function(&qualified, call, pos, ancestors, stmt, source))
        .or_else(|| {
            // Ex) from pkg.compat import remove, where compat.py says
            // `remove = os.remove`.
            let alias = crate::summary::package_alias(semantic, scope, &call.func)?;
            let alias: Vec<&str> = alias.split('.').collect();
            classify_function(&alias, call, pos, ancestors, stmt, source)
        });
    if let Some(kind) = known {
        return kind;
    }
    match call.func.as_ref() {
        Expr::Attribute(attr) => {
            classify_method(attr.attr.id.as_str(), pos).unwrap_or(UseKind::Unknown)
        }
        _ => UseKind::Unknown,
    }
}

/// Functions of the standard library known by their qualified name.
fn classify_function<'a>(
    qualified: &[&str],
    call: &'a ExprCall,
    pos: ArgPos,
    ancestors: &[&'a Expr],
    stmt: Option<&'a Stmt>,
    source: &str,
) -> Option<UseKind> {
    let first = is_pos(
        pos,
        0,
        &["file", "filename", "path", "name", "src", "database"],
    );
    let second = is_pos(pos, 1, &["dst"]);
    let kind = match qualified {
        // Ex) open(p, "w"), io.open(p), gzip.open(p, "wb")
        [
            "builtins" | "io" | "codecs" | "gzip" | "bz2" | "lzma" | "tarfile",
            "open",
        ]
        | ["zipfile", "ZipFile"]
            if first =>
        {
            let mode = argument(call, 1, "mode");
            match (mode, string_literal(mode)) {
                (None, _) => UseKind::Inspect,
                (Some(_), Some(mode)) => kind_of_mode(mode),
                (Some(_), None) => UseKind::Unknown,
            }
        }
        // Ex) os.open(p, os.O_WRONLY | os.O_CREAT)
        ["os", "open"] if first => match argument(call, 1, "flags") {
            Some(flags) => {
                let text = &source[flags.range()];
                if text.contains("O_EXCL") {
                    UseKind::CreateExclusive
                } else if text.contains("O_CREAT") {
                    UseKind::CreateFile
                } else {
                    UseKind::Inspect
                }
            }
            None => UseKind::Unknown,
        },
        ["sqlite3", "connect"] if first && argument(call, usize::MAX, "uri").is_none() => {
            UseKind::CreateFile
        }
        ["os", "mkdir" | "makedirs"] if first => UseKind::CreateDir(DirCreation {
            stmt: own_statement(stmt, call),
            has_mode: argument(call, 1, "mode").is_some(),
            exist_ok: is_true(argument(call, 2, "exist_ok")),
        }),
        ["pathlib", "Path" | "PosixPath" | "WindowsPath" | "PurePath"] if first => {
            classify_path_method(ancestors, stmt)
        }
        ["os", "mkfifo" | "mknod"] if first => UseKind::CreateExclusive,
        ["os", "symlink" | "link"] if second => UseKind::CreateExclusive,
        // Ex) os.symlink("/tmp", link): only the link is made; its target
        // is recorded as text and not touched.
        ["os", "symlink"] if first => UseKind::NameOnly,
        ["os", "rename" | "replace"] | ["shutil", "move"] if second => UseKind::MovedInto,
        ["os", "rename" | "replace"] | ["shutil", "move"] if first => UseKind::MovedAway,
        ["shutil", "copytree"] if second => UseKind::CreateExclusive,
        ["shutil", "copy" | "copy2" | "copyfile"] if second => UseKind::CreateFile,
        ["os", "remove" | "unlink" | "rmdir"] | ["shutil", "rmtree"] if first => UseKind::Remove {
            stmt: own_statement(stmt, call),
        },
        [
            "os",
            "path",
            "exists" | "lexists" | "isfile" | "isdir" | "islink" | "getsize",
        ]
        | ["os", "path", "getmtime" | "getatime" | "getctime"]
        | [
            "os",
            "stat" | "lstat" | "access" | "listdir" | "scandir" | "walk" | "chmod",
        ]
        | ["os", "utime" | "chown" | "readlink"]
        | [
            "shutil",
            "copy" | "copy2" | "copyfile" | "copytree" | "move",
        ]
        | ["os", "rename" | "replace" | "link"] => UseKind::Inspect,
        // Ex) os.path.isabs(p): answers about the text or the file system.
        [
            "os",
            "path",
            "isabs" | "ismount" | "samefile" | "isjunction" | "isreserved" | "isdevdrive",
        ] => UseKind::Inspect,
        ["os", "path", "basename" | "split" | "splitext"] => UseKind::NameOnly,
        // Every other os.path function returns a path: os.path.dirname(p),
        // os.path.join(base, p) (which is p when p is absolute). Unknown
        // unless followed as a derivation above.
        ["atexit", "register"] | ["weakref", "finalize"] => UseKind::CleanupRegistered,
        [
            "builtins",
            "repr" | "len" | "print" | "isinstance" | "hash" | "id",
        ] => UseKind::Neutral,
        // Ex) raise RuntimeError("exists: %s" % p): only a message.
        ["builtins", name] if is_builtin_exception(name) => UseKind::Neutral,
        // String work only: option parsing, quoting, matching, encoding.
        ["getopt", "getopt" | "gnu_getopt"]
        | ["shlex", "quote" | "split" | "join"]
        | ["fnmatch", "fnmatch" | "fnmatchcase" | "filter"]
        | ["json", "dumps"]
        | [
            "re",
            "match" | "fullmatch" | "search" | "sub" | "split" | "findall" | "escape",
        ]
        | ["urllib", "parse", _] => UseKind::Neutral,
        _ => return None,
    };
    Some(kind)
}

/// Whether a builtin name is an exception class (`ValueError`, `OSError`,
/// `UserWarning`): what it is given is a message.
fn is_builtin_exception(name: &str) -> bool {
    name.ends_with("Error")
        || name.ends_with("Exception")
        || name.ends_with("Warning")
        || matches!(name, "KeyboardInterrupt" | "StopIteration" | "SystemExit")
}

/// What a standard function does to the path at `arg` when its position
/// alone decides, no mode or flag argument needed: for a call seen only as
/// a function and a position (`func(*args)` in a retry wrapper that the
/// caller hands `os.remove`).
pub fn by_position(qualified: &str, arg: &crate::summary::Arg) -> Option<UseKind> {
    let pos = match arg {
        crate::summary::Arg::Positional(i) => ArgPos::Positional(*i),
        crate::summary::Arg::Keyword(name) => ArgPos::Keyword(name),
        _ => return None,
    };
    let first = is_pos(pos, 0, &["path", "src"]);
    let second = is_pos(pos, 1, &["dst"]);
    let qualified: Vec<&str> = qualified.split('.').collect();
    let kind = match qualified.as_slice() {
        ["os", "remove" | "unlink" | "rmdir"] | ["shutil", "rmtree"] if first => {
            UseKind::Remove { stmt: None }
        }
        ["os", "rename" | "replace"] | ["shutil", "move"] if second => UseKind::MovedInto,
        ["os", "rename" | "replace"] | ["shutil", "move"] if first => UseKind::MovedAway,
        ["shutil", "copy" | "copy2" | "copyfile"] if second => UseKind::CreateFile,
        ["shutil", "copytree"] if second => UseKind::CreateExclusive,
        ["shutil", "copy" | "copy2" | "copyfile" | "copytree"] if first => UseKind::Inspect,
        [
            "os",
            "path",
            "exists" | "lexists" | "isfile" | "isdir" | "islink" | "getsize",
        ]
        | [
            "os",
            "stat" | "lstat" | "access" | "listdir" | "scandir" | "chmod" | "utime",
        ] => UseKind::Inspect,
        _ => return None,
    };
    Some(kind)
}

/// Method calls recognised by name alone, whatever the receiver.
fn classify_method(method: &str, pos: ArgPos) -> Option<UseKind> {
    let first = is_pos(pos, 0, &["path", "address"]);
    match method {
        // Ex) sock.bind(p), reactor.listenUNIX(p)
        "bind" | "listenUNIX" | "listen_unix" if first => Some(UseKind::CreateExclusive),
        // Ex) sock.connect(p): needs the socket to exist already.
        "connect" | "connectUNIX" if first => Some(UseKind::Inspect),
        // Ex) log.debug("using %s", p)
        "debug" | "info" | "warning" | "warn" | "error" | "exception" | "critical" => {
            Some(UseKind::Neutral)
        }
        // Ex) name.startswith("/tmp/"), text.replace("/tmp", d): string methods.
        "startswith" | "endswith" | "replace" | "split" | "rsplit" | "find" | "rfind" | "index"
        | "count" | "strip" | "lstrip" | "rstrip" | "removeprefix" | "removesuffix"
        | "partition" | "format" => Some(UseKind::Neutral),
        // Ex) data.pop(p), seen.discard(p): a key taken out, nothing kept.
        "pop" | "discard" => Some(UseKind::Neutral),
        // Ex) self.assertRaises(OSError, os.remove, p): the callable gets it.
        _ if callable_index(method)
            .is_some_and(|i| !matches!(pos, ArgPos::Positional(p) if p <= i)) =>
        {
            None
        }
        // Ex) self.assertTrue(os.path.isdir(p)), self.assertEqual(p, q)
        _ if method.starts_with("assert") => Some(UseKind::Neutral),
        // Ex) self.addCleanup(shutil.rmtree, p), stack.callback(os.remove, p)
        "addCleanup" | "callback" | "register" => Some(UseKind::CleanupRegistered),
        _ => None,
    }
}

/// For an assertion method that calls a callable with the arguments after
/// it (`assertRaises(exc, f, *args, **kwargs)`), the callable's position.
pub fn callable_index(method: &str) -> Option<usize> {
    match method {
        "assertRaises" | "assertWarns" => Some(1),
        "assertRaisesRegex" | "assertRaisesRegexp" | "assertWarnsRegex" => Some(2),
        _ => None,
    }
}

/// Ex) Path(p).mkdir(), Path(p).write_text(...), Path(p).exists()
fn classify_path_method<'a>(ancestors: &[&'a Expr], stmt: Option<&'a Stmt>) -> UseKind {
    // ancestors: [..., method call, attribute, Path(...) call]
    let mut up = ancestors.iter().rev();
    let (Some(_path_call), Some(Expr::Attribute(attr)), Some(Expr::Call(method_call))) =
        (up.next(), up.next(), up.next())
    else {
        return UseKind::Unknown;
    };
    if method_call.func.range() != attr.range {
        return UseKind::Unknown;
    }
    path_method(attr.attr.id.as_str(), method_call, stmt).unwrap_or(UseKind::Unknown)
}

/// A `pathlib.Path` method called on the path: `p.mkdir()`, `p.exists()`.
fn path_method(method: &str, call: &ExprCall, stmt: Option<&Stmt>) -> Option<UseKind> {
    Some(match method {
        "mkdir" => UseKind::CreateDir(DirCreation {
            stmt: own_statement(stmt, call),
            has_mode: argument(call, 0, "mode").is_some(),
            exist_ok: is_true(argument(call, 2, "exist_ok")),
        }),
        "write_text" | "write_bytes" | "touch" => UseKind::CreateFile,
        "open" => match argument(call, 0, "mode") {
            None => UseKind::Inspect,
            Some(mode) => string_literal(Some(mode)).map_or(UseKind::Unknown, kind_of_mode),
        },
        "exists" | "is_file" | "is_dir" | "is_symlink" | "stat" | "lstat" | "read_text"
        | "read_bytes" | "iterdir" | "chmod" | "glob" | "rglob" => UseKind::Inspect,
        "unlink" | "rmdir" | "cleanup" => UseKind::Remove {
            stmt: own_statement(stmt, call),
        },
        "symlink_to" | "hardlink_to" => UseKind::CreateExclusive,
        _ => return None,
    })
}
