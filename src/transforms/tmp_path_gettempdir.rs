//! ## Source: fixed names under the temporary directory
//! A name fixed in advance is as predictable under the directory that
//! `tempfile.gettempdir()` returns (or `$TMPDIR`) as under a `/tmp`
//! literal: `os.path.join(tempfile.gettempdir(), "cfg.json")`,
//! `tempfile.gettempdir() + "/x.lock"`, `f"{tempfile.gettempdir()}/x"`,
//! `Path(tempfile.gettempdir()) / "x"`. The temporary directory may be
//! spelled `tempfile.gettempdir()`, `tempfile.gettempdirb()` (with byte
//! names), `tempfile.tempdir`, `os.environ["TMPDIR"]`,
//! `os.environ.get("TMPDIR", "/tmp")`, `os.getenv("TMP")` (`TMPDIR`,
//! `TEMP`, `TMP`, with no default or a temporary one), wrapped in
//! `os.path.realpath()`/`abspath()`/`normpath()`, `str()` or `Path()`, or
//! bound to a name first (`tmp = tempfile.gettempdir()`, bound once) and
//! joined later.
//!
//! They are TMP002 findings, not a code of their own: the problem
//! (CWE-377, a name known in advance in a directory everybody can write
//! to), the fixes and their safety are the literals', a function's
//! `"/tmp/a"` and `os.path.join(tempfile.gettempdir(), "b")` are rewritten
//! together, into one fresh directory, and `# noqa: TMP002` (or `S108`)
//! covers both.
//!
//! Only a name known in advance is reported: its first component must be
//! written out (`os.path.join(tempfile.gettempdir(), name)`,
//! `f"{tempfile.gettempdir()}/job_{n}.log"` and glob patterns are not
//! reported), and so is not the directory itself, nor a path handed to a
//! `dir=` argument (`tempfile.mkstemp(dir=…)`, `mkdtemp(dir=…)`,
//! `NamedTemporaryFile(dir=…)`: their names are unpredictable), nor a name
//! joined onto a `tempfile.mkdtemp()` result, nor a value a mock returns
//! (`MagicMock(return_value=…)`, `patch(…, side_effect=…)`). Where a
//! function puts a fixed name under the directory, the directory spelled on
//! its own in that function (`tmp = tempfile.gettempdir()`,
//! `os.listdir(tempfile.gettempdir())`) is reported with it and rewritten
//! onto the same new directory, as a `"/tmp"` literal would be.

use rustc_hash::FxHashMap as HashMap;

use ruff_diagnostics::Edit;
use ruff_python_ast::{
    Expr, ExprBinOp, ExprCall, FStringPart, InterpolatedStringElement, Operator,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::Checker;
use crate::semantic::{ScopeId, ScopeKind};
use crate::transforms::hardcoded_tmp_path::{
    Base, Found, PathSource, PathSourceInfo, PredictablePath, Rewrite,
};

pub(crate) const SOURCE: PathSourceInfo = PathSourceInfo {
    // `gettempdir` is in `gettempdirb` too; `.tempdir` (not
    // `tempfile.tempdir`: the one-pass search reports `tempfile`, another
    // transform's needle, at that place); then the variables that
    // `gettempdir()` reads.
    needles: &[
        "gettempdir",
        ".tempdir",
        "TMPDIR",
        "\"TMP\"",
        "'TMP'",
        "\"TEMP\"",
        "'TEMP'",
    ],
    file: include_str!("tmp_path_gettempdir.rs"),
};

pub(crate) fn new<'a>() -> Box<dyn PathSource<'a> + 'a> {
    Box::new(TempDirNames::default())
}

/// The names bound to the temporary directory, and the paths found
/// through them.
#[derive(Default)]
struct TempDirNames<'a> {
    /// `tmp = tempfile.gettempdir()`: per owning scope and name.
    names: HashMap<(ScopeId, &'a str), Bound>,
    /// The paths found through a name: the name must be bound only once.
    through_names: HashMap<TextRange, (ScopeId, &'a str)>,
    /// Where a fixed name is put under the directory, and in which scope.
    named: Vec<(TextRange, ScopeId)>,
    /// The directory spelled on its own (`tempfile.gettempdir()` called),
    /// and the scope: kept where that scope puts a fixed name under it.
    alone: HashMap<TextRange, ScopeId>,
}

/// What a name bound to the temporary directory holds.
#[derive(Debug, Clone)]
struct Bound {
    shown: &'static str,
    bytes: bool,
    /// A `pathlib.Path` (`base = Path(tempfile.gettempdir())`).
    is_path: bool,
    /// The value it was bound to.
    value: TextRange,
    /// The function whose fix rewrites the value itself (it spells the
    /// directory on its own there): uses there follow the name.
    rewritten_in: Option<ScopeId>,
}

/// The temporary directory, as one expression spells it.
#[derive(Debug, Clone)]
struct TempDir<'a> {
    /// `tempfile.gettempdir()`, `$TMPDIR`: how the finding shows it.
    shown: &'static str,
    bytes: bool,
    /// What a new directory replaces: the innermost spelling
    /// (`tempfile.gettempdir()` in `Path(tempfile.gettempdir())`), or the
    /// name bound to it.
    range: TextRange,
    /// `Path` as written around it, when the expression is a
    /// `pathlib.Path` (`Path(tempfile.gettempdir())`).
    path_call: Option<&'a str>,
    /// A name bound to a `pathlib.Path` of it: the name's replacement must
    /// be a `Path` too.
    named_path: bool,
    /// Through a name: its owner and the value it was bound to.
    via: Option<(ScopeId, &'a str, TextRange)>,
    /// A name whose value (this range) the same fix is to rewrite: it is
    /// left as it is when that value is rewritten.
    follows: Option<TextRange>,
}

impl<'a> TempDirNames<'a> {
    /// The temporary directory, if `expr` spells it.
    fn temp_dir(&self, checker: &Checker<'a>, expr: &'a Expr) -> Option<TempDir<'a>> {
        let plain = |shown, bytes| TempDir {
            shown,
            bytes,
            range: expr.range(),
            path_call: None,
            named_path: false,
            via: None,
            follows: None,
        };
        match expr {
            Expr::Call(call) => {
                // Most calls are something else: look at the name first.
                let callee = match call.func.as_ref() {
                    Expr::Name(name) => name.id.as_str(),
                    Expr::Attribute(attr) => attr.attr.id.as_str(),
                    _ => return None,
                };
                if !matches!(
                    callee,
                    "gettempdir"
                        | "gettempdirb"
                        | "get"
                        | "getenv"
                        | "realpath"
                        | "abspath"
                        | "normpath"
                        | "str"
                        | "fspath"
                        | "Path"
                        | "PurePath"
                        | "PosixPath"
                ) {
                    return None;
                }
                let qualified = checker.semantic.qualified_name(checker.scope, &call.func)?;
                let arguments = &call.arguments;
                let only = match (arguments.args.as_ref(), arguments.keywords.is_empty()) {
                    ([only], true) if !only.is_starred_expr() => Some(only),
                    _ => None,
                };
                match qualified.as_slice() {
                    // Ex) tempfile.gettempdir()
                    ["tempfile", "gettempdir"] if arguments.is_empty() => {
                        Some(plain("tempfile.gettempdir()", false))
                    }
                    // Ex) tempfile.gettempdirb()
                    ["tempfile", "gettempdirb"] if arguments.is_empty() => {
                        Some(plain("tempfile.gettempdirb()", true))
                    }
                    // Ex) os.environ.get("TMPDIR", "/tmp"), os.getenv("TMP")
                    ["os", "environ", "get"] | ["os", "getenv"] => {
                        self.environment(checker, call).map(|shown| plain(shown, false))
                    }
                    // Ex) os.path.realpath(tempfile.gettempdir())
                    ["os", "path", "realpath" | "abspath" | "normpath"]
                    | ["builtins", "str"]
                    | ["os", "fspath"] => {
                        let inner = self.temp_dir(checker, only?)?;
                        Some(TempDir {
                            path_call: None,
                            named_path: false,
                            ..inner
                        })
                    }
                    // Ex) Path(tempfile.gettempdir())
                    ["pathlib", "Path" | "PurePath" | "PosixPath"] => {
                        let inner = self.temp_dir(checker, only?)?;
                        if inner.bytes || inner.path_call.is_some() || inner.named_path {
                            return None;
                        }
                        Some(TempDir {
                            path_call: Some(&checker.source[call.func.range()]),
                            ..inner
                        })
                    }
                    _ => None,
                }
            }
            // Ex) os.environ["TMPDIR"]
            Expr::Subscript(subscript) => {
                let name = environment_name(&subscript.slice)?;
                let environ = checker
                    .semantic
                    .qualified_name(checker.scope, &subscript.value)?;
                (environ.as_slice() == ["os", "environ"]).then(|| plain(name, false))
            }
            // Ex) tempfile.tempdir
            Expr::Attribute(_) => {
                let qualified = checker.semantic.qualified_name(checker.scope, expr)?;
                (qualified.as_slice() == ["tempfile", "tempdir"])
                    .then(|| plain("tempfile.tempdir", false))
            }
            // Ex) tmp = tempfile.gettempdir() ... os.path.join(tmp, "x")
            Expr::Name(name) => {
                let id = name.id.as_str();
                // Ex) from tempfile import tempdir
                if id == "tempdir"
                    && checker
                        .semantic
                        .qualified_name(checker.scope, expr)
                        .as_deref()
                        == Some(&["tempfile", "tempdir"])
                {
                    return Some(plain("tempfile.tempdir", false));
                }
                if self.names.is_empty() {
                    return None;
                }
                let owner = checker.semantic.owner(checker.scope, id)?;
                let bound = self.names.get(&(owner, id))?;
                Some(TempDir {
                    shown: bound.shown,
                    bytes: bound.bytes,
                    range: name.range,
                    path_call: None,
                    named_path: bound.is_path,
                    via: Some((owner, id, bound.value)),
                    follows: (bound.rewritten_in == Some(checker.scope)).then_some(bound.value),
                })
            }
            _ => None,
        }
    }

    /// `os.environ.get("TMPDIR")` and `os.getenv("TMPDIR", "/tmp")`: the
    /// variable, shown as `$TMPDIR`. A default must be a temporary
    /// directory too.
    fn environment(&self, checker: &Checker<'a>, call: &'a ExprCall) -> Option<&'static str> {
        let arguments = &call.arguments;
        if !arguments.keywords.is_empty() {
            return None;
        }
        let (name, default) = match arguments.args.as_ref() {
            [name] => (name, None),
            [name, default] => (name, Some(default)),
            _ => return None,
        };
        let shown = environment_name(name)?;
        let default_ok = match default {
            None => true,
            Some(Expr::StringLiteral(s)) => checker.settings.tmp_dir_of(s.value.to_str()).is_some(),
            Some(default) => self.temp_dir(checker, default).is_some_and(|d| !d.bytes),
        };
        default_ok.then_some(shown)
    }

    /// Reports a path whose static part under the temporary directory is
    /// `rest`.
    #[allow(clippy::too_many_arguments)]
    fn found(
        &mut self,
        checker: &Checker<'a>,
        dir: TempDir<'a>,
        range: TextRange,
        up: usize,
        rest: String,
        dynamic: bool,
        shape: Shape,
    ) -> Option<Found> {
        let first_component = match rest.find('/') {
            Some(end) => &rest[..end],
            None if !dynamic => rest.as_str(),
            // Ex) f"{tempfile.gettempdir()}/job_{n}.log": not known in advance.
            None => return None,
        };
        // Ex) os.path.join(tempfile.gettempdir(), "salt-debug-*.log"): a pattern.
        if first_component.is_empty()
            || first_component.contains(['*', '?', '['])
            || matches!(first_component, "." | "..")
        {
            return None;
        }
        if in_dir_argument(checker, up, range) || mocked(checker, up, range) {
            return None;
        }
        let first_component = first_component.to_string();
        self.named.push((range, checker.scope));
        let mut claims = Vec::new();
        if let Some((owner, name, value)) = dir.via {
            claims.push(value);
            self.through_names.insert(range, (owner, name));
        }
        let shown = format!(
            "{}/{rest}{}",
            dir.shown,
            if dynamic { "…" } else { "" }
        );
        let path_call = match (dir.path_call, dir.named_path) {
            (Some(call), _) => Some(call.to_string()),
            (None, true) => path_spelling(checker),
            (None, false) => None,
        };
        let rewrite = Rewriting {
            range,
            dir: dir.range,
            follows: dir.follows,
            bytes: dir.bytes,
            named_path: dir.named_path,
            path_call,
            shape,
            root: first_component.clone(),
        };
        Some(Found {
            up,
            path: PredictablePath {
                range,
                claims,
                shown,
                rest,
                dynamic,
                first_component: Some(first_component),
                written: None,
                rewrite: Some(Box::new(rewrite)),
            },
        })
    }

    /// Ex) os.path.join(tempfile.gettempdir(), "cfg.json")
    fn join(&mut self, checker: &Checker<'a>, call: &'a ExprCall) -> Option<Found> {
        let arguments = &call.arguments;
        if !arguments.keywords.is_empty() || arguments.args.iter().any(Expr::is_starred_expr) {
            return None;
        }
        let (first, names) = arguments.args.split_first()?;
        let dir = self.temp_dir(checker, first)?;
        let mut parts = Vec::new();
        for name in names {
            let value = match name {
                Expr::StringLiteral(s) if !dir.bytes && !s.value.is_implicit_concatenated() => {
                    s.value.to_str().to_string()
                }
                Expr::BytesLiteral(b) if dir.bytes && !b.value.is_implicit_concatenated() => {
                    String::from_utf8(b.value.bytes().collect()).ok()?
                }
                _ => break,
            };
            // Ex) os.path.join(tmp, "/etc/x") is "/etc/x".
            if value.starts_with('/') {
                return None;
            }
            parts.push(value);
        }
        let first_name = names.first()?;
        let dynamic = parts.len() < names.len();
        // Ex) os.path.join(tmp, "work", name): "work" is a whole name.
        let rest = parts.join("/") + if dynamic { "/" } else { "" };
        let shape = Shape::Join {
            through: TextRange::new(first.start(), first_name.end()),
            first_name: parts.first()?.trim_end_matches('/').to_string(),
            whole: names.len() == 1,
        };
        self.found(checker, dir, call.range(), 0, rest, dynamic, shape)
    }

    /// Ex) tempfile.gettempdir() + "/x.lock" (at the string), and
    /// tempfile.gettempdirb() + b"/x.lock" (at the call).
    fn concat(
        &mut self,
        checker: &Checker<'a>,
        op: &'a ExprBinOp,
        dir: TempDir<'a>,
        up: usize,
    ) -> Option<Found> {
        if op.op != Operator::Add {
            return None;
        }
        let (value, implicit) = match op.right.as_ref() {
            Expr::StringLiteral(s) if !dir.bytes => {
                (s.value.to_str().to_string(), s.value.is_implicit_concatenated())
            }
            Expr::BytesLiteral(b) if dir.bytes => (
                String::from_utf8(b.value.bytes().collect()).ok()?,
                b.value.is_implicit_concatenated(),
            ),
            _ => return None,
        };
        // Ex) tempfile.gettempdir() + "x": a name beside the directory.
        let rest = value.strip_prefix('/')?.trim_start_matches('/').to_string();
        let text = &checker.source[op.right.range()];
        let open = text.find(['"', '\''])? + 1;
        let body = &text[open..];
        let shape = if implicit || text.contains('\\') || !body.starts_with('/') {
            Shape::Unwritable
        } else {
            Shape::Concat {
                left: op.left.range(),
                literal: op.right.range(),
                open: text[..open].to_string(),
            }
        };
        self.found(checker, dir, op.range, up, rest, false, shape)
    }

    /// Ex) f"{tempfile.gettempdir()}/x"
    fn fstring(&mut self, checker: &Checker<'a>, expr: &'a Expr) -> Option<Found> {
        let Expr::FString(fstring) = expr else {
            return None;
        };
        let [FStringPart::FString(part)] = fstring.value.as_slice() else {
            return None;
        };
        let mut elements = part.elements.iter();
        let Some(InterpolatedStringElement::Interpolation(field)) = elements.next() else {
            return None;
        };
        let Some(InterpolatedStringElement::Literal(literal)) = elements.next() else {
            return None;
        };
        if field.debug_text.is_some() || field.format_spec.is_some() {
            return None;
        }
        let dir = self.temp_dir(checker, &field.expression)?;
        if dir.bytes {
            return None;
        }
        let value = literal.value.as_ref();
        let rest = value.strip_prefix('/')?.trim_start_matches('/').to_string();
        let dynamic = elements.next().is_some();
        // The text must be the value (no escapes, no `{{`) to be cut.
        let shape = if &checker.source[literal.range()] == value {
            Shape::FString {
                field: field.range(),
                literal: literal.range(),
                last: !dynamic,
            }
        } else {
            Shape::Unwritable
        };
        self.found(checker, dir, expr.range(), 0, rest, dynamic, shape)
    }

    /// Ex) Path(tempfile.gettempdir()) / "x" / "y" (at the string "x").
    fn divided(
        &mut self,
        checker: &Checker<'a>,
        op: &'a ExprBinOp,
        dir: TempDir<'a>,
    ) -> Option<Found> {
        if op.op != Operator::Div || (dir.path_call.is_none() && !dir.named_path) {
            return None;
        }
        let name = |expr: &Expr| match expr {
            Expr::StringLiteral(s) if !s.value.is_implicit_concatenated() => {
                let value = s.value.to_str();
                // Ex) Path(tmp) / "/etc": an absolute name replaces the path.
                (!value.starts_with('/')).then(|| value.to_string())
            }
            _ => None,
        };
        let mut parts = vec![name(&op.right)?];
        let mut range = op.range;
        let mut up = 1;
        // Ex) Path(tmp) / "a" / "b": the expressions around the string
        // are [..., outer, inner, "a"].
        let ancestors = &checker.exprs[..checker.exprs.len().saturating_sub(2)];
        for outer in ancestors.iter().rev() {
            let Expr::BinOp(outer) = outer else {
                break;
            };
            if outer.op != Operator::Div || outer.left.range() != range {
                break;
            }
            let Some(part) = name(&outer.right) else {
                break;
            };
            parts.push(part);
            range = outer.range;
            up += 1;
        }
        let shape = Shape::Divided {
            left: op.left.range(),
            first_name: op.right.range(),
            whole: parts.len() == 1,
        };
        let rest = parts.join("/");
        self.found(checker, dir, range, up, rest, false, shape)
    }
}

impl<'a> TempDirNames<'a> {
    /// The call being visited, if it spells the directory on its own in a
    /// function (`tempfile.gettempdir()`, `os.environ.get("TMPDIR")`): a
    /// path that stands with the function's fixed names, if it has any.
    fn alone(&mut self, checker: &Checker<'a>) -> Option<Found> {
        if checker.semantic.scopes[checker.scope].kind != ScopeKind::Function {
            return None;
        }
        let expr = *checker.exprs.last()?;
        let dir = self.temp_dir(checker, expr)?;
        // Ex) os.path.realpath(tempfile.gettempdir()): the outermost call
        // that still spells the directory is where it goes.
        let mut up = 0;
        let mut outer = expr.range();
        for parent in checker.exprs.iter().rev().skip(1) {
            match self.temp_dir(checker, parent) {
                Some(wrapping) if wrapping.range == dir.range => {
                    up += 1;
                    outer = parent.range();
                }
                _ => break,
            }
        }
        if dir.via.is_some() || in_dir_argument(checker, up, outer) {
            return None;
        }
        // Ex) f"{tempfile.gettempdir()}/x", found before its fields are
        // visited: the directory is part of it.
        if self.named.iter().any(|(named, _)| named.contains_range(dir.range)) {
            return None;
        }
        // Ex) os.path.realpath(tempfile.gettempdir()): found at the inner call.
        if self.alone.insert(dir.range, checker.scope).is_some() {
            return None;
        }
        let rewrite = Rewriting {
            range: dir.range,
            dir: dir.range,
            follows: None,
            bytes: dir.bytes,
            named_path: false,
            path_call: None,
            shape: Shape::Alone,
            root: String::new(),
        };
        Some(Found {
            up,
            path: PredictablePath {
                range: dir.range,
                claims: Vec::new(),
                shown: dir.shown.to_string(),
                rest: String::new(),
                dynamic: false,
                first_component: None,
                written: None,
                rewrite: Some(Box::new(rewrite)),
            },
        })
    }
}

impl<'a> TempDirNames<'a> {
    /// Whether the fixed name found at `range` stands once the module is
    /// known: a name it goes through is bound only once.
    fn stands(&self, checker: &Checker<'a>, range: TextRange) -> bool {
        let Some(&(owner, name)) = self.through_names.get(&range) else {
            return true;
        };
        // Ex) tmp = tempfile.gettempdir(); if x: tmp = other: which one a
        // use sees is not known.
        checker.semantic.scopes[owner]
            .bindings
            .get(name)
            .is_some_and(|bindings| bindings.len() == 1)
    }
}

/// `"TMPDIR"` (or another variable `tempfile.gettempdir()` reads) as a
/// string literal: the variable, as the finding shows it.
fn environment_name(expr: &Expr) -> Option<&'static str> {
    let Expr::StringLiteral(s) = expr else {
        return None;
    };
    match s.value.to_str() {
        "TMPDIR" => Some("$TMPDIR"),
        "TEMP" => Some("$TEMP"),
        "TMP" => Some("$TMP"),
        _ => None,
    }
}

/// Whether the path at `up` levels above the event is the value of a
/// `dir=` argument (`tempfile.mkstemp(dir=…)`): the names made there are
/// not predictable.
fn in_dir_argument(checker: &Checker, up: usize, range: TextRange) -> bool {
    keyword_of(checker, up, range).is_some_and(|k| k == "dir")
}

/// Whether the path at `up` levels above the event is a value a mock
/// returns (`MagicMock(return_value=…)`, `patch(…, side_effect=…)`): a
/// stand-in that nothing creates.
fn mocked(checker: &Checker, up: usize, range: TextRange) -> bool {
    keyword_of(checker, up, range).is_some_and(|k| k == "return_value" || k == "side_effect")
}

/// The keyword whose value is the path at `up` levels above the event.
fn keyword_of<'c>(checker: &'c Checker, up: usize, range: TextRange) -> Option<&'c str> {
    let parent = checker
        .exprs
        .len()
        .checked_sub(up + 2)
        .and_then(|i| checker.exprs.get(i))?;
    let Expr::Call(call) = parent else {
        return None;
    };
    call.arguments
        .keywords
        .iter()
        .find(|k| k.value.range() == range)
        .and_then(|k| k.arg.as_ref())
        .map(|a| a.id.as_str())
}

/// How `pathlib.Path` is written in the current scope, if it can be.
fn path_spelling(checker: &Checker) -> Option<String> {
    let semantic = &checker.semantic;
    if let Some(name) = semantic.member_alias(checker.scope, "pathlib", "Path") {
        return Some(name.to_string());
    }
    semantic
        .module_alias(checker.scope, "pathlib")
        .map(|module| format!("{module}.Path"))
}

impl<'a> PathSource<'a> for TempDirNames<'a> {
    fn string(&mut self, checker: &Checker<'a>, expr: &'a Expr) -> Option<Found> {
        if matches!(expr, Expr::FString(_)) {
            return self.fstring(checker, expr);
        }
        let Some(Expr::BinOp(op)) = checker.parent_expr() else {
            return None;
        };
        if op.right.range() != expr.range() {
            return None;
        }
        let dir = self.temp_dir(checker, &op.left)?;
        match op.op {
            Operator::Add => self.concat(checker, op, dir, 1),
            Operator::Div => self.divided(checker, op, dir),
            _ => None,
        }
    }

    fn call(
        &mut self,
        checker: &Checker<'a>,
        call: &'a ExprCall,
        qualified: Option<&[&'a str]>,
    ) -> Option<Found> {
        match qualified? {
            ["os", "path", "join"] => self.join(checker, call),
            // Byte strings have no event of their own.
            ["tempfile", "gettempdirb"] => {
                if let Some(Expr::BinOp(op)) = checker.parent_expr()
                    && op.left.range() == call.range()
                    && let Some(dir) = self.temp_dir(checker, &op.left)
                    && let Some(found) = self.concat(checker, op, dir, 1)
                {
                    return Some(found);
                }
                self.alone(checker)
            }
            ["tempfile", "gettempdir"] | ["os", "environ", "get"] | ["os", "getenv"] => {
                self.alone(checker)
            }
            _ => None,
        }
    }

    fn assignment(&mut self, checker: &Checker<'a>, value: &'a Expr, targets: &'a [Expr]) {
        let bound = match targets {
            [Expr::Name(_)] => self.temp_dir(checker, value),
            _ => None,
        };
        if bound.is_none() && self.names.is_empty() {
            return;
        }
        for target in targets {
            let Expr::Name(name) = target else {
                continue;
            };
            let id = name.id.as_str();
            let owner = checker.semantic.owner(checker.scope, id).unwrap_or(checker.scope);
            match &bound {
                // Ex) tmp = tempfile.gettempdir()
                Some(dir) => {
                    self.names.insert(
                        (owner, id),
                        Bound {
                            shown: dir.shown,
                            bytes: dir.bytes,
                            is_path: dir.path_call.is_some() || dir.named_path,
                            value: value.range(),
                            rewritten_in: self.alone.get(&dir.range).copied(),
                        },
                    );
                }
                // Ex) tmp = tempfile.mkdtemp(): no longer the temporary directory.
                None => {
                    self.names.remove(&(owner, id));
                }
            }
        }
    }

    fn keep(&self, checker: &Checker<'a>, path: &PredictablePath) -> bool {
        if let Some(scope) = self.alone.get(&path.range) {
            // Ex) os.listdir(tempfile.gettempdir()) where the function also
            // writes gettempdir()/cfg.json: rewritten with it, onto the same
            // fresh directory (like a "/tmp" literal beside "/tmp/cfg.json").
            let inside = |outer: &TextRange| *outer != path.range && outer.contains_range(path.range);
            return self
                .named
                .iter()
                .any(|(named, s)| s == scope && self.stands(checker, *named))
                && !self.named.iter().any(|(named, _)| inside(named))
                && !self.alone.keys().any(inside);
        }
        self.stands(checker, path.range)
    }
}

/// How the path is written around the temporary directory, for a
/// [`Base::Root`]: what to cut so that the new directory stands for
/// `<temporary directory>/<first name>`.
#[derive(Debug)]
enum Shape {
    /// Ex) os.path.join(tmp, "work", x) -> os.path.join(temp_dir, x);
    /// os.path.join(tmp, "work") -> temp_dir
    Join {
        /// From the directory to the first name.
        through: TextRange,
        first_name: String,
        whole: bool,
    },
    /// Ex) tmp + "/work/x" -> temp_dir + "/x"; tmp + "/work" -> temp_dir
    Concat {
        left: TextRange,
        literal: TextRange,
        /// The literal's prefix and quote.
        open: String,
    },
    /// Ex) f"{tmp}/work/{x}" -> f"{temp_dir}/{x}"; f"{tmp}/work" -> temp_dir
    FString {
        field: TextRange,
        literal: TextRange,
        /// The literal is the f-string's last element.
        last: bool,
    },
    /// Ex) Path(tmp) / "work" / "x" -> Path(temp_dir) / "x"
    Divided {
        left: TextRange,
        first_name: TextRange,
        whole: bool,
    },
    /// Escapes or implicit concatenation: not cut.
    Unwritable,
    /// The directory on its own: only ever replaced whole.
    Alone,
}

/// How a path under the temporary directory is rewritten.
#[derive(Debug)]
struct Rewriting {
    /// The whole path.
    range: TextRange,
    /// The temporary directory in it.
    dir: TextRange,
    /// The directory is a name whose value (this range) the same fix is to
    /// rewrite: a new directory leaves it as it is.
    follows: Option<TextRange>,
    bytes: bool,
    /// The directory is a name bound to a `pathlib.Path`.
    named_path: bool,
    /// `Path` as it can be written here, when the path is a `pathlib.Path`.
    path_call: Option<String>,
    shape: Shape,
    /// The first name under the directory.
    root: String,
}

impl Rewriting {
    /// The path's value on a new variable: a `Path` for a `Path`, bytes
    /// for bytes.
    fn value(&self, var: &str, os: &str) -> Option<String> {
        if matches!(self.shape, Shape::Divided { .. }) {
            return Some(format!("{}({var})", self.path_call.as_ref()?));
        }
        Some(self.bytes_or_str(var, os))
    }

    fn bytes_or_str(&self, var: &str, os: &str) -> String {
        if self.bytes {
            format!("{os}.fsencode({var})")
        } else {
            var.to_string()
        }
    }

    /// The directory replaced by `var`, or by pytest's `tmp_path`.
    fn directory(&self, var: &str, tmp_path: bool, os: &str) -> Option<String> {
        let in_fstring = matches!(self.shape, Shape::FString { .. });
        Some(match (tmp_path, in_fstring) {
            // Ex) f"{tmp_path}/x"
            (_, true) => var.to_string(),
            (true, false) if self.named_path => var.to_string(),
            (true, false) if self.bytes => format!("{os}.fsencode({var})"),
            (true, false) => format!("str({var})"),
            (false, false) if self.named_path => format!("{}({var})", self.path_call.as_ref()?),
            (false, false) => self.bytes_or_str(var, os),
        })
    }

    /// The path with `<directory>/<root>` replaced by `var`.
    fn on_root(&self, var: &str, os: &str, source: &str) -> Option<Edit> {
        match &self.shape {
            Shape::Join {
                through,
                first_name,
                whole,
            } => {
                if first_name != &self.root {
                    return None;
                }
                if *whole {
                    return Some(Edit::range_replacement(self.value(var, os)?, self.range));
                }
                Some(Edit::range_replacement(
                    self.bytes_or_str(var, os),
                    *through,
                ))
            }
            Shape::Concat {
                left,
                literal,
                open,
            } => {
                let text = &source[*literal];
                let body = &text[open.len()..text.len() - 1];
                let after = body
                    .strip_prefix('/')?
                    .strip_prefix(self.root.as_str())?;
                if after.is_empty() {
                    return Some(Edit::range_replacement(self.value(var, os)?, self.range));
                }
                if !after.starts_with('/') {
                    return None;
                }
                // Ex) tmp + "/work/x" -> temp_dir + "/x": cut from the
                // directory to the end of "/work".
                let cut = literal.start() + TextSize::of(open.as_str()) + TextSize::of('/');
                let cut = cut + TextSize::of(self.root.as_str());
                Some(Edit::range_replacement(
                    format!("{} + {open}", self.bytes_or_str(var, os)),
                    TextRange::new(left.start(), cut),
                ))
            }
            Shape::FString {
                field,
                literal,
                last,
            } => {
                let value = &source[*literal];
                let after = value.strip_prefix('/')?.strip_prefix(self.root.as_str())?;
                if after.is_empty() && *last {
                    return Some(Edit::range_replacement(var.to_string(), self.range));
                }
                if !after.starts_with('/') {
                    return None;
                }
                let cut = literal.start() + TextSize::of('/') + TextSize::of(self.root.as_str());
                Some(Edit::range_replacement(
                    format!("{{{var}}}"),
                    TextRange::new(field.start(), cut),
                ))
            }
            Shape::Divided {
                left,
                first_name,
                whole,
            } => {
                let name = &source[*first_name];
                let quote = name.find(['"', '\''])?;
                if name[quote + 1..name.len() - 1] != self.root {
                    return None;
                }
                let value = self.value(var, os)?;
                if *whole {
                    return Some(Edit::range_replacement(value, self.range));
                }
                Some(Edit::range_replacement(
                    value,
                    TextRange::new(left.start(), first_name.end()),
                ))
            }
            Shape::Unwritable | Shape::Alone => None,
        }
    }
}

impl Rewrite for Rewriting {
    fn needs_os(&self, _base: &Base) -> bool {
        self.bytes
    }

    fn follows(&self) -> Option<TextRange> {
        self.follows
    }

    fn rewrite(&self, base: &Base, os: &str, source: &str, follow: bool) -> Option<Edit> {
        if follow && self.follows.is_some() && matches!(base, Base::Directory(_) | Base::TmpPath) {
            // Ex) tmp = temp_dir; os.path.join(tmp, "x") stays.
            return Some(Edit::range_replacement(
                source[self.dir].to_string(),
                self.dir,
            ));
        }
        match base {
            // Ex) os.path.join(tempfile.gettempdir(), "cfg.json") -> temp_path
            Base::File(var) => Some(Edit::range_replacement(self.value(var, os)?, self.range)),
            // Ex) os.path.join(tempfile.gettempdir(), "x") -> os.path.join(temp_dir, "x")
            Base::Directory(var) => Some(Edit::range_replacement(
                self.directory(var, false, os)?,
                self.dir,
            )),
            // Ex) os.path.join(tempfile.gettempdir(), "x") -> os.path.join(str(tmp_path), "x")
            Base::TmpPath => Some(Edit::range_replacement(
                self.directory("tmp_path", true, os)?,
                self.dir,
            )),
            Base::Root { var, root } if *root == self.root => self.on_root(var, os, source),
            Base::Root { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::settings::Settings;
    use crate::transforms::Rule;

    fn checks(source: &str) -> bool {
        Settings::default()
            .active_rules(source.as_bytes())
            .contains(Rule::HardcodedTmpPath)
    }

    #[test]
    fn prefilter_lets_every_spelling_of_the_directory_through() {
        assert!(checks("p = os.path.join(gettempdir(), 'x')\n"));
        assert!(checks("p = tempfile.gettempdirb() + b'/x'\n"));
        assert!(checks("p = os.path.join(tempfile.tempdir, 'x')\n"));
        assert!(checks("p = os.environ['TMPDIR'] + '/x'\n"));
        assert!(checks("p = os.getenv(\"TMP\") + '/x'\n"));
        assert!(checks("p = os.environ.get('TEMP') + '/x'\n"));
        assert!(!checks("p = os.path.join(tempdir, 'x')\n"));
        assert!(!checks("p = os.environ['HOME'] + '/x'\n"));
    }
}
