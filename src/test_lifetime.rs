//! Test lifetime: what a unittest or pytest test makes dies when the test
//! ends, so a cleanup registered with `self.addCleanup()` (or pytest's
//! `request.addfinalizer()`) keeps the test's behaviour and leaves nothing
//! behind.
//!
//! A class is a `TestCase` when one of its bases, as written, ends in
//! `TestCase` (`unittest.TestCase`, `IsolatedAsyncioTestCase`, Twisted's
//! `TestCase`), or is a class of the package that is one: defined in the
//! same module or imported from another of the package's modules, followed
//! to [`MAX_DEPTH`] levels. A base that cannot be resolved is not a
//! `TestCase`: no cleanup is registered on a guess.

use std::path::Path;

use ruff_diagnostics::Edit;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt, StmtClassDef};
use ruff_text_size::{Ranged, TextSize};

use crate::checker::{Checker, FunctionContext};
use crate::module_parts::ModuleParts;
use crate::reason::NoFix;
use crate::semantic::{BindingKind, MODULE_SCOPE};

/// How many classes deep bases are followed.
const MAX_DEPTH: usize = 4;

/// Whether `function` is an instance method of a unittest `TestCase`
/// through which `self.addCleanup(...)` registers a cleanup that runs when
/// the test ends. Dunder methods are left out: `__init__` runs when the
/// suite is loaded, not in a test.
pub(crate) fn unittest_method(checker: &Checker, function: FunctionContext) -> bool {
    let def = function.def;
    let name = def.name.id.as_str();
    if name.starts_with("__")
        || def.decorator_list.iter().any(|d| {
            matches!(&d.expression, Expr::Name(n)
                if matches!(n.id.as_str(), "staticmethod" | "classmethod" | "property"))
        })
    {
        return false;
    }
    let first_is_self = def
        .parameters
        .posonlyargs
        .iter()
        .chain(&def.parameters.args)
        .next()
        .is_some_and(|p| p.parameter.name.id.as_str() == "self");
    first_is_self
        && function
            .class
            .is_some_and(|class| is_test_case(checker, class, 0))
}

/// Whether `class`, defined in the file being checked, is a `TestCase`.
fn is_test_case(checker: &Checker, class: &StmtClassDef, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    class.bases().iter().any(|base| {
        let written = &checker.source[base.range()];
        if names_test_case(written) {
            return true;
        }
        let Expr::Name(name) = base else {
            return false;
        };
        let id = name.id.as_str();
        // Ex) class Base(unittest.TestCase) ...; class Tests(Base) in one module.
        if let Some(local) = module_class(checker, id) {
            return !std::ptr::eq(local, class) && is_test_case(checker, local, depth + 1);
        }
        // Ex) from .lib import TestBase
        let Some(path) = checker.file_path() else {
            return false;
        };
        let Some(binding) = checker.semantic.only_binding(MODULE_SCOPE, id) else {
            return false;
        };
        let Some((level, module, member)) = binding.kind.imported_from() else {
            return false;
        };
        imported_is_test_case(path, level, module, member, depth + 1)
    })
}

/// `TestCase`, `unittest.TestCase`, `ZODB.tests.util.TestCase`.
fn names_test_case(written: &str) -> bool {
    written
        .rsplit('.')
        .next()
        .is_some_and(|last| last.ends_with("TestCase"))
}

/// The module-level class of the file being checked named `name`, when it
/// is bound once.
fn module_class<'a>(checker: &Checker<'a>, name: &str) -> Option<&'a StmtClassDef> {
    if checker.semantic.scopes[MODULE_SCOPE]
        .bindings
        .get(name)
        .is_none_or(|b| b.len() != 1)
    {
        return None;
    }
    checker
        .parsed
        .syntax()
        .body
        .iter()
        .find_map(|stmt| match stmt {
            Stmt::ClassDef(class) if class.name.id.as_str() == name => Some(class),
            _ => None,
        })
}

/// Whether `member` of the package's module `module` (imported from the
/// file at `from`) is a `TestCase`.
fn imported_is_test_case(
    from: &Path,
    level: u32,
    module: &str,
    member: &str,
    depth: usize,
) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let Some(file) = crate::package::module_file(from, level, module) else {
        return false;
    };
    let Some(parts) = crate::summary::module(&file) else {
        return false;
    };
    summarized_is_test_case(&parts, member, depth)
}

/// Whether the class `name` of another module of the package is a
/// `TestCase`.
fn summarized_is_test_case(parts: &ModuleParts, name: &str, depth: usize) -> bool {
    if depth > MAX_DEPTH || name.contains('.') {
        return false;
    }
    let Some(summaries) = parts.part(name) else {
        return false;
    };
    if let Some(bases) = summaries.bases.get(name) {
        return bases
            .iter()
            .any(|base| names_test_case(base) || summarized_is_test_case(parts, base, depth + 1));
    }
    // Ex) a package __init__ re-exporting `from .case import TestBase`.
    let (Some((level, module, member)), Some(path)) =
        (summaries.imports.get(name), summaries.path.as_deref())
    else {
        return false;
    };
    imported_is_test_case(path, *level, module, member, depth + 1)
}

/// Whether `self.<attribute>` is taken apart anywhere in `class`: passed to
/// `basename`/`split`/`splitext`, or given a string method or a subscript.
/// Such code needs the random name itself, not only a path nobody else can
/// create.
pub(crate) fn name_taken_apart(checker: &Checker, class: &StmtClassDef, attribute: &str) -> bool {
    struct Finder<'c, 'a> {
        checker: &'c Checker<'a>,
        attribute: &'c str,
        found: bool,
    }
    impl Finder<'_, '_> {
        fn is_attribute(&self, expr: &Expr) -> bool {
            matches!(expr, Expr::Attribute(a)
                if a.attr.id.as_str() == self.attribute
                    && matches!(a.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self"))
        }
    }
    impl<'b> Visitor<'b> for Finder<'_, '_> {
        fn visit_expr(&mut self, expr: &'b Expr) {
            match expr {
                Expr::Call(call) => {
                    let func = &self.checker.source[call.func.range()];
                    let last = func.rsplit('.').next().unwrap_or(func);
                    let splits = matches!(last, "basename" | "split" | "splitext" | "len")
                        && call
                            .arguments
                            .args
                            .first()
                            .is_some_and(|a| self.is_attribute(a));
                    let method = matches!(call.func.as_ref(), Expr::Attribute(m)
                        if self.is_attribute(&m.value));
                    self.found |= splits || method;
                }
                Expr::Subscript(subscript) if self.is_attribute(&subscript.value) => {
                    self.found = true;
                }
                _ => {}
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder {
        checker,
        attribute,
        found: false,
    };
    finder.visit_body(&class.body);
    finder.found
}

/// Whether the module imports pytest (`import pytest`, `from pytest import …`).
pub(crate) fn imports_pytest(checker: &Checker) -> bool {
    checker
        .semantic
        .module_alias(MODULE_SCOPE, "pytest")
        .is_some()
        || checker.semantic.scopes[MODULE_SCOPE]
            .bindings
            .values()
            .flatten()
            .any(|b| {
                matches!(
                    b.kind,
                    BindingKind::FromImport {
                        module: "pytest",
                        ..
                    }
                )
            })
}

/// Which test framework runs the function, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TestKind {
    Pytest,
    Unittest,
    None,
}

/// Which test framework runs `function`: a `test*` function or method
/// that a runner collects (not one nested in another function); pytest
/// when the module imports it.
pub(crate) fn test_kind(checker: &Checker, function: FunctionContext) -> TestKind {
    let name = function.def.name.id.as_str();
    // Ex) def test(): ... inside a test, handed to assertRaises: the test
    // runner never calls it, so it gets no fixture.
    if !name.starts_with("test") || !defined_at_top(checker, function) {
        return TestKind::None;
    }
    match function.class {
        Some(class) => {
            let unittest = class.bases().iter().any(|base| {
                let text = &checker.source[base.range()];
                text.ends_with("TestCase")
            });
            if unittest {
                TestKind::Unittest
            } else if class.name.id.as_str().starts_with("Test")
                // A base tempsafe cannot see may be a `TestCase`, whose
                // tests pytest gives no fixtures.
                && class.bases().iter().all(|b| &checker.source[b.range()] == "object")
                && imports_pytest(checker)
            {
                TestKind::Pytest
            } else {
                TestKind::None
            }
        }
        None if imports_pytest(checker) => TestKind::Pytest,
        None => TestKind::None,
    }
}

/// Whether the function is a statement of the module or of a class that
/// is: one a test runner can collect, not one nested in another function.
fn defined_at_top(checker: &Checker, function: FunctionContext) -> bool {
    let range = function.def.range;
    let module = &checker.parsed.syntax().body;
    match function.class {
        None => module.iter().any(|stmt| stmt.range() == range),
        Some(class) => {
            module.iter().any(|stmt| stmt.range() == class.range)
                && class.body.iter().any(|stmt| stmt.range() == range)
        }
    }
}

/// Adds the pytest fixture `name` (`tmp_path`, `request`) to a test's
/// parameters, unless it is there.
pub(crate) fn add_fixture_parameter(
    source: &str,
    function: FunctionContext,
    name: &str,
) -> Result<Vec<Edit>, NoFix> {
    let parameters = &function.def.parameters;
    let all: Vec<&str> = parameters
        .posonlyargs
        .iter()
        .chain(&parameters.args)
        .chain(&parameters.kwonlyargs)
        .map(|p| p.parameter.name.id.as_str())
        .collect();
    if all.contains(&name) {
        return Ok(Vec::new());
    }
    // Ex) `from flask import request` read in the test: a parameter of the
    // same name would shadow it.
    if names_word(&source[function.def.range()], name) {
        return Err(NoFix::NameTaken {
            name: name.to_string(),
        });
    }
    if parameters.vararg.is_some()
        || parameters.kwarg.is_some()
        || !parameters.kwonlyargs.is_empty()
        || !parameters.posonlyargs.is_empty()
        || parameters.args.iter().any(|p| p.default.is_some())
    {
        return Err(NoFix::TestParametersComplex);
    }
    Ok(vec![match parameters.args.last() {
        Some(last) => Edit::insertion(format!(", {name}"), last.end()),
        None => Edit::insertion(
            name.to_string(),
            parameters.range.start() + TextSize::from(1),
        ),
    }])
}

/// Whether `text` holds `word` as a whole identifier.
fn names_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].ends_with(is_ident) && !text[at + word.len()..].starts_with(is_ident)
    })
}
