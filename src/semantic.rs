//! A small semantic model: scopes, the names they bind, and what a name
//! refers to. Only imports are tracked in detail; every other binding is
//! "something else", which is all a transform needs to refuse a fix.

use rustc_hash::FxHashMap as HashMap;

use ruff_python_ast::{Expr, ExprAttribute, ExprName};
use ruff_text_size::TextRange;

/// Index of a [`Scope`] in [`Semantic::scopes`].
pub type ScopeId = usize;

/// The module scope is always the first.
pub const MODULE_SCOPE: ScopeId = 0;

/// What kind of block opened a scope; class scopes are skipped by lookups
/// from nested functions, as in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    /// A comprehension or generator expression: runs where it stands.
    Comprehension,
}

/// What a name was bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingKind<'a> {
    /// `import os`, `import os.path` (binds `os` to module `os`), `import a.b as c`.
    Import { module: &'a str },
    /// `from tempfile import mktemp [as m]`.
    FromImport { module: &'a str, member: &'a str },
    /// `from .m import f` (`level` dots; `module` is `None` for `from . import m`).
    RelativeImport {
        level: u32,
        module: Option<&'a str>,
        member: &'a str,
    },
    /// Assignment, parameter, `def`, `class`, loop target, ...
    Other,
}

impl<'a> BindingKind<'a> {
    /// For `from m import f` and `from ..m import f`: the level (0 for an
    /// absolute import), the module and the member.
    pub fn imported_from(self) -> Option<(u32, &'a str, &'a str)> {
        match self {
            BindingKind::FromImport { module, member } => Some((0, module, member)),
            BindingKind::RelativeImport {
                level,
                module: Some(module),
                member,
            } => Some((level, module, member)),
            _ => None,
        }
    }
}

/// One binding of a name in a scope.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub kind: BindingKind<'a>,
    /// The statement (or node) that made the binding.
    pub range: TextRange,
}

/// A function, class or module scope.
#[derive(Debug)]
pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    pub bindings: HashMap<&'a str, Vec<Binding<'a>>>,
    /// Names declared `global` or `nonlocal` here: they bind elsewhere.
    pub declared_elsewhere: Vec<&'a str>,
    /// Modules star-imported into this scope (`from tempfile import *`).
    pub star_imports: Vec<&'a str>,
}

/// What a name refers to at a given point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved<'a> {
    /// Not bound anywhere visible: a builtin, or a `NameError`.
    Unbound,
    Import {
        module: &'a str,
    },
    FromImport {
        module: &'a str,
        member: &'a str,
    },
    /// Bound to something we do not model.
    Other,
    /// Bound several ways in the same scope (an import and then a rebinding):
    /// we cannot know which one a use sees.
    Ambiguous,
}

/// Public names of the modules whose star imports we model.
fn star_exports(module: &str) -> &'static [&'static str] {
    match module {
        "tempfile" => &[
            "NamedTemporaryFile",
            "TemporaryFile",
            "SpooledTemporaryFile",
            "TemporaryDirectory",
            "mkstemp",
            "mkdtemp",
            "mktemp",
            "gettempdir",
            "gettempprefix",
            "tempdir",
        ],
        "os" => &[
            "tempnam", "tmpnam", "close", "remove", "unlink", "mkdir", "makedirs",
        ],
        _ => &[],
    }
}

/// All scopes of one module.
#[derive(Debug)]
pub struct Semantic<'a> {
    pub scopes: Vec<Scope<'a>>,
    /// Where each module is imported, and under which name: a fix asks
    /// "how do I write `tempfile` here?" once per fix, so this must not scan
    /// every binding of the module.
    imports: HashMap<&'a str, Vec<(ScopeId, &'a str)>>,
    /// The same for `from module import member`.
    from_imports: HashMap<(&'a str, &'a str), Vec<(ScopeId, &'a str)>>,
    /// Names read where no scope in reach binds them (a builtin, a star
    /// import, a `NameError`): an import a fix adds would give them a new
    /// meaning.
    pub unresolved: rustc_hash::FxHashSet<&'a str>,
    /// The file the module was read from: imports of the package's own
    /// modules resolve from it.
    pub path: Option<&'a std::path::Path>,
}

impl Default for Semantic<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Semantic<'a> {
    pub fn new() -> Self {
        Self {
            scopes: vec![Scope {
                kind: ScopeKind::Module,
                parent: None,
                bindings: HashMap::default(),
                declared_elsewhere: Vec::new(),
                star_imports: Vec::new(),
            }],
            imports: HashMap::default(),
            from_imports: HashMap::default(),
            unresolved: rustc_hash::FxHashSet::default(),
            path: None,
        }
    }

    /// Opens a child scope and returns its id.
    pub fn push_scope(&mut self, kind: ScopeKind, parent: ScopeId) -> ScopeId {
        self.scopes.push(Scope {
            kind,
            parent: Some(parent),
            bindings: HashMap::default(),
            declared_elsewhere: Vec::new(),
            star_imports: Vec::new(),
        });
        self.scopes.len() - 1
    }

    /// Records a binding of `name` in `scope` (or in the module, for a name
    /// declared `global` there).
    pub fn bind(&mut self, scope: ScopeId, name: &'a str, binding: Binding<'a>) {
        let target = if self.scopes[scope].declared_elsewhere.contains(&name) {
            MODULE_SCOPE
        } else {
            scope
        };
        self.scopes[target]
            .bindings
            .entry(name)
            .or_default()
            .push(binding);
        match binding.kind {
            BindingKind::Import { module } => {
                self.imports.entry(module).or_default().push((target, name));
            }
            BindingKind::FromImport { module, member } => {
                self.from_imports
                    .entry((module, member))
                    .or_default()
                    .push((target, name));
            }
            BindingKind::Other | BindingKind::RelativeImport { .. } => {}
        }
    }

    /// Whether `ancestor` is `scope` or one of its enclosing scopes.
    fn encloses(&self, ancestor: ScopeId, mut scope: ScopeId) -> bool {
        loop {
            if scope == ancestor {
                return true;
            }
            match self.scopes[scope].parent {
                Some(parent) => scope = parent,
                None => return false,
            }
        }
    }

    /// The scope that owns `name` as seen from `scope`, following Python's
    /// rules: local, enclosing functions (not classes), module.
    pub fn owner(&self, scope: ScopeId, name: &str) -> Option<ScopeId> {
        let mut current = Some(scope);
        let mut first = true;
        while let Some(id) = current {
            let s = &self.scopes[id];
            if s.declared_elsewhere.contains(&name) {
                // `global x` sends us to the module; `nonlocal x` to a parent.
                current = s.parent;
                first = false;
                continue;
            }
            let visible = first || s.kind != ScopeKind::Class;
            if visible && s.bindings.contains_key(name) {
                return Some(id);
            }
            if visible && s.kind == ScopeKind::Module && self.star_binds(id, name) {
                return Some(id);
            }
            first = false;
            current = s.parent;
        }
        None
    }

    fn star_binds(&self, scope: ScopeId, name: &str) -> bool {
        self.scopes[scope]
            .star_imports
            .iter()
            .any(|module| star_exports(module).contains(&name))
    }

    /// What `name` refers to from `scope`.
    pub fn resolve_name(&self, scope: ScopeId, name: &str) -> Resolved<'a> {
        let Some(owner) = self.owner(scope, name) else {
            return Resolved::Unbound;
        };
        let s = &self.scopes[owner];
        let Some(bindings) = s.bindings.get(name) else {
            // Only a star import binds it.
            let module = s
                .star_imports
                .iter()
                .find(|module| star_exports(module).contains(&name))
                .copied()
                .unwrap_or_default();
            return match star_exports(module).iter().find(|n| **n == name) {
                Some(member) => Resolved::FromImport { module, member },
                None => Resolved::Other,
            };
        };
        let first = bindings[0].kind;
        if bindings.iter().any(|b| b.kind != first) {
            return Resolved::Ambiguous;
        }
        match first {
            BindingKind::Import { module } => Resolved::Import { module },
            BindingKind::FromImport { module, member } => Resolved::FromImport { module, member },
            BindingKind::Other | BindingKind::RelativeImport { .. } => Resolved::Other,
        }
    }

    /// The dotted path an expression refers to, e.g. `["os", "path", "join"]`
    /// for `os.path.join` after `import os`, or `["builtins", "open"]` for an
    /// unbound `open`. `None` for anything not made of names and attributes.
    pub fn qualified_name(&self, scope: ScopeId, expr: &'a Expr) -> Option<Vec<&'a str>> {
        // Most calls are on locals (`self.x()`): resolve the root name before
        // allocating anything.
        let mut root = expr;
        let mut depth = 0;
        while let Expr::Attribute(ExprAttribute { value, .. }) = root {
            root = value;
            depth += 1;
        }
        let Expr::Name(ExprName { id, .. }) = root else {
            return None;
        };
        let id = id.as_str();
        let mut path: Vec<&'a str> = match self.resolve_name(scope, id) {
            Resolved::Import { module } => module.split('.').collect(),
            Resolved::FromImport { module, member } => {
                let mut p: Vec<&'a str> = module.split('.').collect();
                p.push(member);
                p
            }
            Resolved::Unbound => vec!["builtins", id],
            Resolved::Other | Resolved::Ambiguous => return None,
        };
        let start = path.len();
        path.resize(start + depth, "");
        let mut current = expr;
        for slot in path[start..].iter_mut().rev() {
            let Expr::Attribute(ExprAttribute { value, attr, .. }) = current else {
                break;
            };
            *slot = attr.id.as_str();
            current = value;
        }
        Some(path)
    }

    /// The binding of `name` in `scope` itself, when there is exactly one.
    pub fn only_binding(&self, scope: ScopeId, name: &str) -> Option<&Binding<'a>> {
        match self.scopes[scope].bindings.get(name).map(Vec::as_slice) {
            Some([binding]) => Some(binding),
            _ => None,
        }
    }

    /// The bindings of `name` seen from `scope` when they disagree (an
    /// import rebound in the same scope).
    pub fn ambiguous_bindings(&self, scope: ScopeId, name: &str) -> Option<&[Binding<'a>]> {
        if self.resolve_name(scope, name) != Resolved::Ambiguous {
            return None;
        }
        let owner = self.owner(scope, name)?;
        self.scopes[owner].bindings.get(name).map(Vec::as_slice)
    }

    /// Whether `inner` runs where it stands inside `outer`: the scopes
    /// between them are all comprehensions.
    pub fn runs_inline(&self, mut inner: ScopeId, outer: ScopeId) -> bool {
        while inner != outer {
            let scope = &self.scopes[inner];
            if scope.kind != ScopeKind::Comprehension {
                return false;
            }
            let Some(parent) = scope.parent else {
                return false;
            };
            inner = parent;
        }
        true
    }

    /// Whether `name` is free to be bound at module level and seen from
    /// `scope` without shadowing anything.
    pub fn is_free(&self, scope: ScopeId, name: &str) -> bool {
        self.owner(scope, name).is_none() && self.owner(MODULE_SCOPE, name).is_none()
    }

    /// A name visible from `scope` that refers to `module` itself.
    pub fn module_alias(&self, scope: ScopeId, module: &str) -> Option<&'a str> {
        self.imports.get(module)?.iter().find_map(|&(owner, name)| {
            (self.encloses(owner, scope)
                && self.resolve_name(scope, name) == (Resolved::Import { module }))
            .then_some(name)
        })
    }

    /// A name visible from `scope` that refers to `module.member`.
    pub fn member_alias(&self, scope: ScopeId, module: &str, member: &str) -> Option<&'a str> {
        let imported = self.from_imports.get(&(module, member)).and_then(|found| {
            found.iter().find_map(|&(owner, name)| {
                (self.encloses(owner, scope)
                    && self.resolve_name(scope, name) == (Resolved::FromImport { module, member }))
                .then_some(name)
            })
        });
        imported.or_else(|| {
            // Ex) from tempfile import *
            let mut current = Some(scope);
            while let Some(id) = current {
                if self.scopes[id].star_imports.contains(&module)
                    && self.resolve_name(scope, member) == (Resolved::FromImport { module, member })
                {
                    return star_exports(module).iter().find(|n| **n == member).copied();
                }
                current = self.scopes[id].parent;
            }
            None
        })
    }
}
