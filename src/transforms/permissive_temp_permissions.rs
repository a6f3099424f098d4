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
//! `os.umask(…)` in test code that saves the umask and restores it (in the
//! same function, `old = os.umask(0)` … `os.umask(old)` or
//! `self.addCleanup(os.umask, old)`, or in the class, `self.old =
//! os.umask(…)` in `setUp` and `os.umask(self.old)` in `tearDown`) is not
//! reported: there the mask is the fixture under test (a test of the modes a
//! shared repository gets under `umask 0`), and `0o077` would change what
//! the test checks.
//!
//! ## Fix safety
//! Safe for a mode that makes a private temporary path executable for its
//! owner and lets no one else write to it (`0o755`, `0o711`), on a path
//! that the function itself created, in test code, when nothing there reads
//! modes back or acts for another user: `fd, path = tempfile.mkstemp()`, `with
//! tempfile.NamedTemporaryFile() as f: path = f.name`, `d =
//! tempfile.mkdtemp()` and the paths inside it (`os.path.join(d, "x")`,
//! `Path(d) / "x"`), every binding of the name being one of these. A test's
//! own processes (the subprocess that runs a filter script made executable
//! with `0o755`) run as the same user, and no other user was meant to get at
//! a private temporary file, so the owner bits are all it needs. Test code
//! is everything in a test module: one that defines a class whose base ends
//! in `TestCase` (or is such a class of the module), or that imports
//! `pytest` and defines a `test_*` function, a `Test*` class or a fixture;
//! its helpers and fixtures run in the test process too.
//!
//! Unsafe otherwise: the program may share the file with another user on
//! purpose (a socket for a service running as someone else, a directory
//! handed to a build user), `sharing-intended`; also in test code whose
//! class or function changes owners or users (`os.chown`, `os.setuid`,
//! `subprocess.run(…, user=…)`, `sudo`). In test code the test may set the
//! mode on purpose, `mode-under-test`: when its class or function reads
//! modes back (`os.stat`, `stat.S_IMODE`, `os.access`, `Path.stat()`), or
//! the mode is more than "executable" (`0o644`, `0o666`, `0o777`: a test
//! of how the code treats a world-readable key or a world-writable
//! directory).
//!
//! ## References
//! - <https://cwe.mitre.org/data/definitions/732.html>
//! - <https://docs.python.org/3/library/tempfile.html#tempfile.mkstemp>

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ruff_diagnostics::Edit;
use ruff_python_ast::{Expr, ExprCall, Number, Operator, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix_builder::{FixBuilder, Safety};
use crate::reason::{NoFix, UnsafeBecause};
use crate::semantic::{MODULE_SCOPE, ScopeId};
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
    /// The path is a private temporary file or directory this scope created,
    /// if the names it is read from (listed) hold nothing else.
    private: Option<Vec<Name<'a>>>,
    /// The module-level statement the call is in (a function or a class).
    unit: Option<usize>,
    /// The class of the method the call is in (known by where it starts).
    class: Option<TextSize>,
}

/// `self.<name>` in the methods of one class (known by where it starts).
type Attribute<'a> = (TextSize, &'a str);

/// A name in the scope that binds it.
type Name<'a> = (ScopeId, &'a str);

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
    temp_names: HashSet<Name<'a>>,
    /// Attributes of `self` set to a temporary path, and those set to
    /// anything else somewhere in the class.
    temp_attributes: HashSet<Attribute<'a>>,
    other_attributes: HashSet<Attribute<'a>>,
    /// Scopes that create temporary files or use temporary paths.
    temp_scopes: HashSet<ScopeId>,
    /// How many times each name was bound to a private temporary path (a
    /// `mkstemp()` file, a `mkdtemp()` directory or a path inside one), and
    /// the names bound to anything else somewhere.
    private_names: HashMap<Name<'a>, usize>,
    other_names: HashSet<Name<'a>>,
    /// Where the umask was saved (`old = os.umask(0)`, `self.old =
    /// os.umask(0o022)`) and where a saved one is set again
    /// (`os.umask(old)`, `self.addCleanup(os.umask, old)`).
    saved_masks: HashSet<Name<'a>>,
    restored_masks: HashSet<Name<'a>>,
    saved_mask_attributes: HashSet<Attribute<'a>>,
    restored_mask_attributes: HashSet<Attribute<'a>>,
    /// Module-level statements that read modes back (`os.stat`, `S_IMODE`).
    mode_readers: HashSet<usize>,
    /// Module-level statements that act for other users (`os.chown`,
    /// `os.setuid`, `subprocess.run(…, user=…)`, `"sudo"`).
    other_users: HashSet<usize>,
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
        self.note_test_facts(checker, call, qualified);
        if let Some(candidate) = self.permissive_mode(checker, call, qualified) {
            self.candidates.push(candidate);
        }
    }

    fn string(&mut self, checker: &mut Checker<'a>, string: &'a Expr) {
        // Ex) subprocess.run(["sudo", "-u", "nobody", script])
        if let Expr::StringLiteral(s) = string {
            let text = s.value.to_str();
            let command = text.split_whitespace().next().unwrap_or("");
            if matches!(command, "sudo" | "su" | "runuser" | "gosu" | "doas" | "setpriv")
                && let Some(unit) = unit_of(checker, string.start())
            {
                self.other_users.insert(unit);
            }
        }
    }

    fn assignment(&mut self, checker: &mut Checker<'a>, value: &'a Expr, targets: &'a [Expr]) {
        let qualified = match value {
            Expr::Call(call) => checker.semantic.qualified_name(checker.scope, &call.func),
            _ => None,
        };
        let mkstemp = matches!(qualified.as_deref(), Some(["tempfile", "mkstemp"]));
        let umask = matches!(qualified.as_deref(), Some(["os", "umask"]));
        for target in targets {
            match target {
                Expr::Name(name) => {
                    let name = (checker.scope, name.id.as_str());
                    if umask {
                        // Ex) old = os.umask(0)
                        self.saved_masks.insert(name);
                    }
                    if self.private_path(checker, value).is_some() {
                        *self.private_names.entry(name).or_default() += 1;
                    } else {
                        self.other_names.insert(name);
                    }
                    if self.is_temp_path(checker, value) {
                        self.temp_names.insert(name);
                        self.temp_scopes.insert(checker.scope);
                    }
                }
                // Ex) self.root = tempfile.mkdtemp()
                Expr::Attribute(_) => {
                    if let Some(attribute) = self_attribute(checker, target) {
                        if umask {
                            // Ex) self.orig_umask = os.umask(0o022)
                            self.saved_mask_attributes.insert(attribute);
                        }
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
                            Expr::Name(path) => {
                                let name = (checker.scope, path.id.as_str());
                                if temp {
                                    self.temp_names.insert(name);
                                    self.temp_scopes.insert(checker.scope);
                                    *self.private_names.entry(name).or_default() += 1;
                                } else {
                                    self.other_names.insert(name);
                                }
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
        let test_module = is_test_module(checker);
        candidates
            .into_iter()
            .filter(|c| !c.is_mask || self.temp_scopes.contains(&c.scope))
            .filter(|c| {
                c.attribute.is_none_or(|a| {
                    self.temp_attributes.contains(&a) && !self.other_attributes.contains(&a)
                })
            })
            .filter(|c| !(c.is_mask && test_module && self.restores_mask(c)))
            .map(|c| {
                let safety = self.safety(checker, &c, test_module);
                decide(checker, c, safety)
            })
            .collect()
    }
}

/// How far a test module's mode change may be trusted, decided before the
/// fix is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    /// Ex) def test_filter(self):
    ///         fd, path = tempfile.mkstemp(); os.chmod(path, 0o755)
    /// A private file of the test's own: owner bits are enough.
    OwnPrivateFile,
    /// Ex) def test_mode(self):
    ///         ...; os.chmod(path, 0o755); self.assertEqual(S_IMODE(os.stat(path).st_mode), ...)
    /// Ex) def test_rejects_world_writable(self):
    ///         ...; os.chmod(path, 0o666); self.assertRaises(InsecureFile, load, path)
    /// The test may set the mode on purpose.
    ModeUnderTest,
    /// Anything else: sharing may be intended.
    Unknown,
}

impl<'a> PermissiveTempPermissions<'a> {
    /// Facts about the test code a call shows: saved and restored umasks,
    /// modes read back, other users acted for.
    fn note_test_facts(
        &mut self,
        checker: &Checker<'a>,
        call: &'a ExprCall,
        qualified: Option<&[&'a str]>,
    ) {
        let unit = || unit_of(checker, call.start());
        match qualified {
            // Ex) os.umask(old), os.umask(self.orig_umask)
            Some(["os", "umask"]) => {
                if let Some(mask) = call.arguments.find_argument_value("mask", 0) {
                    self.note_restored_mask(checker, mask);
                }
            }
            // Ex) self.addCleanup(os.umask, old)
            _ if call.arguments.args.len() >= 2
                && matches!(
                    checker
                        .semantic
                        .qualified_name(checker.scope, &call.arguments.args[0])
                        .as_deref(),
                    Some(["os", "umask"])
                ) =>
            {
                self.note_restored_mask(checker, &call.arguments.args[1]);
            }
            Some(
                ["os", "stat" | "lstat" | "fstat" | "access"]
                | ["stat", "S_IMODE" | "filemode"]
                | ["os", "path", "getmode"],
            ) => {
                if let Some(unit) = unit() {
                    self.mode_readers.insert(unit);
                }
            }
            Some(
                ["os" | "shutil", "chown" | "lchown" | "fchown"]
                | [
                    "os",
                    "setuid" | "seteuid" | "setreuid" | "setresuid" | "setgid" | "setegid"
                    | "setregid" | "setresgid" | "initgroups" | "setgroups",
                ],
            ) => {
                if let Some(unit) = unit() {
                    self.other_users.insert(unit);
                }
            }
            // Ex) subprocess.run(cmd, user="nobody")
            Some(["subprocess", ..])
                if call.arguments.keywords.iter().any(|k| {
                    k.arg.as_ref().is_some_and(|a| {
                        matches!(a.as_str(), "user" | "group" | "extra_groups")
                    })
                }) =>
            {
                if let Some(unit) = unit() {
                    self.other_users.insert(unit);
                }
            }
            // Ex) Path(p).stat().st_mode
            None if matches!(call.func.as_ref(), Expr::Attribute(attr)
                if matches!(attr.attr.id.as_str(), "stat" | "lstat")) =>
            {
                if let Some(unit) = unit() {
                    self.mode_readers.insert(unit);
                }
            }
            _ => {}
        }
    }

    fn note_restored_mask(&mut self, checker: &Checker<'a>, mask: &'a Expr) {
        match mask {
            Expr::Name(name) => {
                let id = name.id.as_str();
                if let Some(owner) = checker.semantic.owner(checker.scope, id) {
                    self.restored_masks.insert((owner, id));
                }
            }
            Expr::Attribute(_) => {
                if let Some(attribute) = self_attribute(checker, mask) {
                    self.restored_mask_attributes.insert(attribute);
                }
            }
            _ => {}
        }
    }

    /// Whether the umask a candidate sets is saved and set back: in its
    /// own function, or by its class (`setUp` / `tearDown`).
    fn restores_mask(&self, candidate: &Candidate) -> bool {
        self.saved_masks
            .iter()
            .any(|name| name.0 == candidate.scope && self.restored_masks.contains(name))
            || candidate.class.is_some_and(|class| {
                self.saved_mask_attributes.iter().any(|attribute| {
                    attribute.0 == class && self.restored_mask_attributes.contains(attribute)
                })
            })
    }

    /// How far the mode change can be trusted to need only the owner bits.
    fn safety(&self, checker: &Checker<'a>, candidate: &Candidate, test_module: bool) -> Trust {
        let private = candidate.private.as_ref().is_some_and(|names| {
            names.iter().all(|name| {
                let bindings = checker.semantic.scopes[name.0]
                    .bindings
                    .get(name.1)
                    .map_or(0, Vec::len);
                !self.other_names.contains(name)
                    && self.private_names.get(name).copied() == Some(bindings)
            })
        });
        if candidate.is_mask || !private || !test_module {
            return Trust::Unknown;
        }
        let Some(unit) = candidate.unit else {
            return Trust::Unknown;
        };
        // Ex) 0o755, 0o711: the owner may run it, nobody else may write.
        let executable = candidate.value & 0o7000 == 0
            && candidate.value & 0o100 != 0
            && candidate.value & 0o022 == 0;
        if self.other_users.contains(&unit) {
            Trust::Unknown
        } else if self.mode_readers.contains(&unit) || !executable {
            Trust::ModeUnderTest
        } else {
            Trust::OwnPrivateFile
        }
    }

    /// The names a private temporary path is read from, if it is one: a
    /// file or directory `tempfile` created here with owner-only modes, or a
    /// path inside such a directory.
    fn private_path(&self, checker: &Checker<'a>, expr: &'a Expr) -> Option<Vec<Name<'a>>> {
        match expr {
            Expr::Call(call) => match checker
                .semantic
                .qualified_name(checker.scope, &call.func)
                .as_deref()
            {
                // Ex) tempfile.mkdtemp(), tempfile.NamedTemporaryFile()
                Some(["tempfile", "mkdtemp" | "NamedTemporaryFile" | "TemporaryDirectory"]) => {
                    Some(Vec::new())
                }
                // Ex) os.path.join(d, "sub", "x"), but not os.path.join(d, "/etc")
                Some(["os", "path", "join"]) => {
                    let (first, rest) = call.arguments.args.split_first()?;
                    rest.iter()
                        .all(stays_inside)
                        .then(|| self.private_path(checker, first))?
                }
                Some(
                    ["os", "path", "abspath" | "realpath"] | ["pathlib", "Path"] | ["builtins", "str"],
                ) if call.arguments.args.len() == 1 => {
                    self.private_path(checker, &call.arguments.args[0])
                }
                _ => None,
            },
            // Ex) tempfile.mkstemp()[1]
            Expr::Subscript(subscript) => {
                let Expr::Call(call) = subscript.value.as_ref() else {
                    return None;
                };
                let mkstemp = matches!(
                    checker
                        .semantic
                        .qualified_name(checker.scope, &call.func)
                        .as_deref(),
                    Some(["tempfile", "mkstemp"])
                );
                let second = matches!(subscript.slice.as_ref(), Expr::NumberLiteral(n)
                    if matches!(&n.value, Number::Int(i) if i.as_u8() == Some(1)));
                (mkstemp && second).then(Vec::new)
            }
            // Ex) Path(d) / "x"
            Expr::BinOp(op) if op.op == Operator::Div && stays_inside(&op.right) => {
                self.private_path(checker, &op.left)
            }
            // Ex) f.name for `with tempfile.NamedTemporaryFile() as f`
            Expr::Attribute(attr) if attr.attr.id.as_str() == "name" => {
                self.private_path(checker, &attr.value)
            }
            // A name of this scope: one it bound itself.
            Expr::Name(name) => {
                let name = (checker.scope, name.id.as_str());
                (checker.semantic.owner(checker.scope, name.1) == Some(checker.scope)
                    && self.private_names.contains_key(&name)
                    && !self.other_names.contains(&name))
                .then(|| vec![name])
            }
            _ => None,
        }
    }

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
            // Ex) tempfile.mkstemp()[1]
            Expr::Subscript(subscript) => matches!(subscript.value.as_ref(), Expr::Call(call)
                if matches!(checker.semantic.qualified_name(checker.scope, &call.func).as_deref(),
                    Some(["tempfile", "mkstemp"]))),
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
    let private = if is_mask {
        None
    } else {
        path.and_then(|path| self.private_path(checker, path))
    };
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
        private,
        unit: unit_of(checker, call.start()),
        class: checker.function.and_then(|f| f.class).map(Ranged::start),
    })
    }

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

/// The module-level statement (a function, a class) that `offset` is in.
fn unit_of(checker: &Checker, offset: TextSize) -> Option<usize> {
    let body = &checker.parsed.syntax().body;
    let index = body.partition_point(|stmt| stmt.end() <= offset);
    body.get(index)
        .is_some_and(|stmt| stmt.range().contains(offset))
        .then_some(index)
}

/// Whether joining `part` onto a directory stays inside it: not an
/// absolute path, no `..`.
fn stays_inside(part: &Expr) -> bool {
    match part {
        Expr::StringLiteral(s) => {
            let text = s.value.to_str();
            !text.starts_with(['/', '\\']) && !text.split(['/', '\\']).any(|c| c == "..")
        }
        Expr::FString(_) | Expr::Name(_) | Expr::Attribute(_) => true,
        _ => false,
    }
}

/// Whether the module holds tests, so that all of its code (tests, their
/// helpers, fixtures) runs in a test process: a module-level class whose
/// base ends in `TestCase` or is such a class of the module; or, in a module
/// importing `pytest`, a `test_*` function, a `Test*` class or a fixture.
fn is_test_module(checker: &Checker) -> bool {
    let body = &checker.parsed.syntax().body;
    let mut test_classes: HashSet<&str> = HashSet::default();
    loop {
        let known = test_classes.len();
        for stmt in body {
            let Stmt::ClassDef(class) = stmt else {
                continue;
            };
            let is_test = class.bases().iter().any(|base| {
                let text = &checker.source[base.range()];
                let last = text.rsplit('.').next().unwrap_or(text);
                last.ends_with("TestCase") || test_classes.contains(last)
            });
            if is_test {
                test_classes.insert(class.name.id.as_str());
            }
        }
        if test_classes.len() == known {
            break;
        }
    }
    if !test_classes.is_empty() {
        return true;
    }
    crate::test_lifetime::imports_pytest(checker)
        && body.iter().any(|stmt| match stmt {
            Stmt::FunctionDef(function) => {
                function.name.id.as_str().starts_with("test") || is_fixture(checker, function)
            }
            Stmt::ClassDef(class) => class.name.id.as_str().starts_with("Test"),
            _ => false,
        })
}

/// `@pytest.fixture` or `@pytest.fixture(...)`.
fn is_fixture(checker: &Checker, function: &StmtFunctionDef) -> bool {
    function.decorator_list.iter().any(|decorator| {
        let expr = match &decorator.expression {
            Expr::Call(call) => call.func.as_ref(),
            expr => expr,
        };
        matches!(
            checker.semantic.qualified_name(MODULE_SCOPE, expr).as_deref(),
            Some(["pytest", "fixture" | "yield_fixture"])
        )
    })
}

/// The finding for a permissive mode (a mask only where the scope creates
/// temporary files).
fn decide(checker: &Checker, candidate: Candidate, trust: Trust) -> Diagnostic {
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
    let safety = match trust {
        Trust::OwnPrivateFile => Safety::Safe,
        Trust::ModeUnderTest => Safety::Unsafe(UnsafeBecause::ModeUnderTest),
        Trust::Unknown => Safety::Unsafe(UnsafeBecause::SharingIntended),
    };
    // Ex) shared.chmod(0o1777): a directory like /tmp, made on purpose (a
    // test of how code treats one); no owner-only mode keeps that.
    if !candidate.is_mask && candidate.value & 0o1002 == 0o1002 {
        diagnostic.drop_fix(NoFix::StickySharedDirectory);
        return diagnostic;
    }
    let mut fix = FixBuilder::new(checker, candidate.scope);
    fix.push(Edit::range_replacement(replacement, candidate.range));
    diagnostic.set_fix(fix.finish(safety, title));
    diagnostic
}
