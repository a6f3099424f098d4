//! # permissive-temp-permissions (TMP004)
//!
//! Aliases: CWE-732.
//!
//! ## What it does
//! Finds temporary files and directories given permissions for the group or
//! for others: `os.chmod(temp, 0o777)`, `0o666`, `stat.S_IRWXO`-style modes,
//! `os.mkdir(temp, 0o777)`, `os.makedirs(temp, mode=0o777)`,
//! `os.open(temp, flags, 0o666)`, `Path(temp).chmod(…)` / `.mkdir(mode=…)` /
//! `.touch(mode=…)`, and `os.umask(0)` (any mask that lets others write) in a
//! function that creates temporary files. A temporary path is one under
//! `/tmp` (and the other temporary directories), one returned by `tempfile`,
//! a variable holding either, or an attribute of `self` that the class's
//! methods set only to one (`self.root = tempfile.mkdtemp()` in `setUp`,
//! `os.chmod(self.root, 0o777)` in a test).
//!
//! ## Why is this bad?
//! `tempfile` creates files with mode `0o600` and directories with `0o700`
//! for a reason: other local users must not read what is written there, nor
//! write into it. Widening the mode undoes that protection (CWE-732).
//!
//! ## Example
//! ```python
//! work = tempfile.mkdtemp()
//! os.chmod(work, 0o777)
//! ```
//!
//! ## Use instead
//! ```python
//! work = tempfile.mkdtemp()
//! os.chmod(work, 0o700)
//! ```
//! The mode keeps its owner bits and loses the group and other bits
//! (`0o777` → `0o700`, `0o666` → `0o600`, `0o755` → `0o700`); a mask becomes
//! `0o077`.
//!
//! ## Fix safety
//! Always unsafe: the program may share the file with another user on
//! purpose (a socket for a service running as someone else, a directory
//! handed to a build user).
//!
//! ## References
//! - <https://cwe.mitre.org/data/definitions/732.html>
//! - <https://docs.python.org/3/library/tempfile.html#tempfile.mkstemp>

use rustc_hash::FxHashSet as HashSet;

use ruff_diagnostics::Edit;
use ruff_python_ast::{Expr, ExprCall, Number, Operator};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix_builder::{FixBuilder, Safety};
use crate::reason::UnsafeBecause;
use crate::semantic::ScopeId;
use crate::transforms::{Rule, RuleInfo, Transform};

/// A mode or mask found during the visit.
#[derive(Debug)]
pub struct Candidate<'a> {
    /// The mode (or mask) expression.
    range: TextRange,
    value: u32,
    /// The mode as written.
    text: String,
    is_mask: bool,
    scope: ScopeId,
    stmt_start: TextSize,
    call: &'static str,
    /// Given to `self.<attribute>`, not yet known to be temporary: decided
    /// once every method of the class was seen.
    attribute: Option<Attribute<'a>>,
}

/// `self.<name>` in the methods of one class (known by where it starts).
type Attribute<'a> = (TextSize, &'a str);

pub const RULE: RuleInfo = RuleInfo {
    code: "TMP004",
    name: "permissive-temp-permissions",
    aliases: &["CWE-732"],
    // A mode written as an octal literal or stat constant, or a chmod/umask
    // call; and a temporary path.
    needle_groups: &[&["chmod", "umask", "0o", "S_I"], &["tempfile", "{tmp}"]],
    file: include_str!("permissive_temp_permissions.rs"),
};

pub(crate) fn new<'a>() -> Box<dyn Transform<'a> + 'a> {
    Box::new(PermissiveTempPermissions::default())
}

/// The modes found, and which names and scopes hold temporary paths.
#[derive(Default)]
struct PermissiveTempPermissions<'a> {
    candidates: Vec<Candidate<'a>>,
    /// Names holding a temporary path (or a tempfile object), per owning scope.
    temp_names: HashSet<(ScopeId, &'a str)>,
    /// Attributes of `self` set to a temporary path, and those set to
    /// anything else somewhere in the class.
    temp_attributes: HashSet<Attribute<'a>>,
    other_attributes: HashSet<Attribute<'a>>,
    /// Scopes that create temporary files or use temporary paths.
    temp_scopes: HashSet<ScopeId>,
}

impl<'a> Transform<'a> for PermissiveTempPermissions<'a> {
    fn call(
        &mut self,
        checker: &mut Checker<'a>,
        call: &'a ExprCall,
        qualified: Option<&[&'a str]>,
    ) {
        if let Some(["tempfile", ..]) = qualified {
            self.temp_scopes.insert(checker.scope);
        }
        if let Some(candidate) = self.permissive_mode(checker, call, qualified) {
            self.candidates.push(candidate);
        }
    }

    fn assignment(&mut self, checker: &mut Checker<'a>, value: &'a Expr, targets: &'a [Expr]) {
        let mkstemp = matches!(value, Expr::Call(call)
            if matches!(checker.semantic.qualified_name(checker.scope, &call.func).as_deref(), Some(["tempfile", "mkstemp"])));
        for target in targets {
            match target {
                Expr::Name(name) if self.is_temp_path(checker, value) => {
                    self.temp_names.insert((checker.scope, name.id.as_str()));
                    self.temp_scopes.insert(checker.scope);
                }
                // Ex) self.root = tempfile.mkdtemp()
                Expr::Attribute(_) => {
                    if let Some(attribute) = self_attribute(checker, target) {
                        if self.is_temp_path(checker, value) {
                            self.temp_attributes.insert(attribute);
                            self.temp_scopes.insert(checker.scope);
                        } else {
                            self.other_attributes.insert(attribute);
                        }
                    }
                }
                // Ex) fd, path = tempfile.mkstemp(); fd, self.path = tempfile.mkstemp()
                Expr::Tuple(tuple) => {
                    for (i, element) in tuple.elts.iter().enumerate() {
                        let temp = mkstemp && i == 1;
                        match element {
                            Expr::Name(path) if temp => {
                                self.temp_names.insert((checker.scope, path.id.as_str()));
                                self.temp_scopes.insert(checker.scope);
                            }
                            Expr::Attribute(_) => {
                                if let Some(attribute) = self_attribute(checker, element) {
                                    if temp {
                                        self.temp_attributes.insert(attribute);
                                        self.temp_scopes.insert(checker.scope);
                                    } else {
                                        self.other_attributes.insert(attribute);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn finish(&mut self, checker: &Checker<'a>) -> Vec<Diagnostic> {
        let candidates = std::mem::take(&mut self.candidates);
        candidates
            .into_iter()
            .filter(|c| !c.is_mask || self.temp_scopes.contains(&c.scope))
            .filter(|c| {
                c.attribute.is_none_or(|a| {
                    self.temp_attributes.contains(&a) && !self.other_attributes.contains(&a)
                })
            })
            .map(|c| decide(checker, c))
            .collect()
    }
}

impl<'a> PermissiveTempPermissions<'a> {
    /// Whether an expression is a temporary path: a literal under a
    /// temporary directory, a `tempfile` result, a path built from one, or a
    /// variable holding one.
    fn is_temp_path(&self, checker: &Checker<'a>, expr: &Expr) -> bool {
        match expr {
            Expr::StringLiteral(s) => checker.settings.tmp_dir_of(s.value.to_str()).is_some(),
            Expr::FString(_) => {
                let text = &checker.source[expr.range()];
                let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                let body = body.trim_start_matches(['"', '\'']);
                let head = &body[..body.find(['{', '"', '\'']).unwrap_or(body.len())];
                checker.settings.tmp_dir_of(head).is_some()
            }
            Expr::Call(call) => match checker
                .semantic
                .qualified_name(checker.scope, &call.func)
                .as_deref()
            {
                Some(
                    [
                        "tempfile",
                        "mkdtemp" | "gettempdir" | "mktemp" | "NamedTemporaryFile"
                        | "TemporaryDirectory",
                    ],
                ) => true,
                Some(
                    ["os", "path", "join" | "abspath" | "realpath"]
                    | ["pathlib", "Path"]
                    | ["builtins", "str"],
                ) => call
                    .arguments
                    .args
                    .first()
                    .is_some_and(|a| self.is_temp_path(checker, a)),
                _ => false,
            },
            Expr::BinOp(op) if matches!(op.op, Operator::Div | Operator::Add | Operator::Mod) => {
                self.is_temp_path(checker, &op.left)
            }
            Expr::Attribute(attr) if attr.attr.id.as_str() == "name" => {
                self.is_temp_path(checker, &attr.value)
            }
            Expr::Name(name) => {
                let id = name.id.as_str();
                checker
                    .semantic
                    .owner(checker.scope, id)
                    .is_some_and(|owner| self.temp_names.contains(&(owner, id)))
            }
            _ => false,
        }
    }

    /// A permissive mode given to a call on a temporary path.
    fn permissive_mode(
        &self,
        checker: &Checker<'a>,
        call: &'a ExprCall,
        qualified: Option<&[&str]>,
    ) -> Option<Candidate<'a>> {
    let (path, mode, is_mask, name) = match qualified {
        // Ex) os.chmod(path, 0o777)
        Some(["os", "chmod" | "lchmod"]) => (
            call.arguments.find_argument_value("path", 0),
            call.arguments.find_argument_value("mode", 1),
            false,
            "os.chmod",
        ),
        // Ex) os.makedirs(path, mode=0o777)
        Some(["os", "mkdir" | "makedirs"]) => (
            call.arguments
                .find_argument_value("path", 0)
                .or_else(|| call.arguments.find_argument_value("name", 0)),
            call.arguments.find_argument_value("mode", 1),
            false,
            "os.mkdir",
        ),
        // Ex) os.open(path, os.O_CREAT | os.O_WRONLY, 0o666)
        Some(["os", "open"]) => (
            call.arguments.find_argument_value("path", 0),
            call.arguments.find_argument_value("mode", 2),
            false,
            "os.open",
        ),
        // Ex) os.umask(0)
        Some(["os", "umask"]) => (
            None,
            call.arguments.find_argument_value("mask", 0),
            true,
            "os.umask",
        ),
        _ => match call.func.as_ref() {
            // Ex) Path(tmp).chmod(0o777), p.mkdir(mode=0o777), p.touch(mode=0o666)
            Expr::Attribute(attr) => {
                let mode = match attr.attr.id.as_str() {
                    "chmod" => call.arguments.find_argument_value("mode", 0),
                    "mkdir" | "touch" => call.arguments.find_argument_value("mode", 0),
                    _ => return None,
                };
                (Some(attr.value.as_ref()), mode, false, "chmod")
            }
            _ => return None,
        },
    };
    let mode = mode?;
    // Ex) os.chmod(self.root, 0o777): decided at the end, when every
    // method of the class has said what `self.root` holds.
    let attribute = match path {
        Some(path) if !is_mask && !self.is_temp_path(checker, path) => {
            Some(self.attribute_path(checker, path)?)
        }
        _ => None,
    };
    if !is_mask && path.is_none() {
        return None;
    }
    let value = evaluate_mode(checker, mode)?;
    let text = checker.source[mode.range()].to_string();
    let permissive = if is_mask {
        // A mask that lets others write.
        value & 0o002 == 0
    } else {
        value & 0o077 != 0
    };
    if !permissive {
        return None;
    }
    Some(Candidate {
        range: mode.range(),
        value,
        text,
        is_mask,
        scope: checker.scope,
        stmt_start: checker.current_stmt().map_or(call.start(), Ranged::start),
        call: name,
        attribute,
    })
    }
}

impl<'a> PermissiveTempPermissions<'a> {
    /// The `self` attribute a path is, or is built from (`self.root`,
    /// `Path(self.root) / "x"`, `os.path.join(self.root, "x")`).
    fn attribute_path(&self, checker: &Checker<'a>, expr: &'a Expr) -> Option<Attribute<'a>> {
        match expr {
            Expr::Attribute(_) => self_attribute(checker, expr),
            Expr::Call(call) => match checker
                .semantic
                .qualified_name(checker.scope, &call.func)
                .as_deref()
            {
                Some(
                    ["os", "path", "join" | "abspath" | "realpath"]
                    | ["pathlib", "Path"]
                    | ["builtins", "str"],
                ) => self.attribute_path(checker, call.arguments.args.first()?),
                _ => None,
            },
            Expr::BinOp(op) if matches!(op.op, Operator::Div | Operator::Add | Operator::Mod) => {
                self.attribute_path(checker, &op.left)
            }
            _ => None,
        }
    }
}

/// `self.<name>` in a method (`self` being its first parameter), as the
/// attribute of the method's class.
fn self_attribute<'a>(checker: &Checker<'a>, expr: &'a Expr) -> Option<Attribute<'a>> {
    let Expr::Attribute(attr) = expr else {
        return None;
    };
    let Expr::Name(receiver) = attr.value.as_ref() else {
        return None;
    };
    let function = checker.function?;
    let class = function.class?;
    let parameters = &function.def.parameters;
    let first = parameters.posonlyargs.iter().chain(&parameters.args).next()?;
    // Ex) a @staticmethod has no `self`.
    let decorated_static = function.def.decorator_list.iter().any(|d| {
        matches!(&d.expression, Expr::Name(n) if n.id.as_str() == "staticmethod" || n.id.as_str() == "classmethod")
    });
    (!decorated_static && first.parameter.name.id.as_str() == receiver.id.as_str())
        .then(|| (class.start(), attr.attr.id.as_str()))
}

/// The value of an integer mode: literals, `stat.S_*` constants, `|` and `+`.
fn evaluate_mode(checker: &Checker, expr: &Expr) -> Option<u32> {
    match expr {
        Expr::NumberLiteral(number) => match &number.value {
            Number::Int(int) => int.as_u16().map(u32::from),
            _ => None,
        },
        Expr::BinOp(op) if matches!(op.op, Operator::BitOr | Operator::Add) => {
            Some(evaluate_mode(checker, &op.left)? | evaluate_mode(checker, &op.right)?)
        }
        Expr::Name(_) | Expr::Attribute(_) => {
            match checker
                .semantic
                .qualified_name(checker.scope, expr)
                .as_deref()?
            {
                ["stat", constant] => stat_constant(constant),
                _ => None,
            }
        }
        _ => None,
    }
}

fn stat_constant(name: &str) -> Option<u32> {
    Some(match name {
        "S_IRWXU" => 0o700,
        "S_IRUSR" => 0o400,
        "S_IWUSR" => 0o200,
        "S_IXUSR" => 0o100,
        "S_IRWXG" => 0o070,
        "S_IRGRP" => 0o040,
        "S_IWGRP" => 0o020,
        "S_IXGRP" => 0o010,
        "S_IRWXO" => 0o007,
        "S_IROTH" => 0o004,
        "S_IWOTH" => 0o002,
        "S_IXOTH" => 0o001,
        "S_ISUID" => 0o4000,
        "S_ISGID" => 0o2000,
        "S_ISVTX" => 0o1000,
        _ => return None,
    })
}

/// The finding for a permissive mode (a mask only where the scope creates
/// temporary files).
fn decide(checker: &Checker, candidate: Candidate) -> Diagnostic {
    {
        let (message, new) = if candidate.is_mask {
            (
                format!(
                    "`os.umask({})` lets other users write to the temporary files created here",
                    candidate.text
                ),
                0o077,
            )
        } else {
            (
                format!(
                    "mode `{}` gives other users access to a temporary path (`{}`)",
                    candidate.text, candidate.call
                ),
                candidate.value & !0o077,
            )
        };
        let mut diagnostic = Diagnostic::new(
            Rule::PermissiveTempPermissions,
            message,
            candidate.range,
            candidate.stmt_start,
        );
        let replacement = format!("0o{new:03o}");
        let title = format!("Use `{replacement}` (owner only)");
        let mut fix = FixBuilder::new(checker, candidate.scope);
        fix.push(Edit::range_replacement(replacement, candidate.range));
        diagnostic.set_fix(fix.finish(
            Safety::Unsafe(UnsafeBecause::SharingIntended),
            title,
        ));
        diagnostic
    }
}
