//! Test lifetime: what a unittest test makes dies when the test ends, so a
//! cleanup registered with `self.addCleanup()` keeps the test's behaviour
//! and leaves nothing behind.
//!
//! A class is a `TestCase` when one of its bases, as written, ends in
//! `TestCase` (`unittest.TestCase`, `IsolatedAsyncioTestCase`, Twisted's
//! `TestCase`), or is a class of the package that is one: defined in the
//! same module or imported from another of the package's modules, followed
//! to [`MAX_DEPTH`] levels. A base that cannot be resolved is not a
//! `TestCase`: no cleanup is registered on a guess.

use std::path::Path;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt, StmtClassDef};
use ruff_text_size::Ranged;

use crate::checker::{Checker, FunctionContext};
use crate::module_parts::ModuleParts;
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
