//! The one visitor: walks a module once, builds the [`Semantic`] model as it
//! goes, records how watched variables are used, and calls the transforms.
//! Function bodies are visited after the module body (as Ruff does), so that
//! every module-level import is known when a function is looked at.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    ExceptHandler, Expr, ExprContext, ModModule, Parameters, Stmt, StmtClassDef, StmtFunctionDef,
};
use ruff_python_codegen::Stylist;
use ruff_python_parser::Parsed;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::diagnostic::Diagnostic;
use crate::path_use::{self, UseKind};
use crate::semantic::{Binding, BindingKind, MODULE_SCOPE, ScopeId, ScopeKind, Semantic};
use crate::settings::Settings;
use crate::suppression::Suppressions;
use crate::transforms::{Rule, RuleSet, Transform};

/// How a block relates to the statements around it: does entering it
/// guarantee that its first statement runs?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `with` bodies: always entered.
    Always,
    /// `finally` clauses: always run, even on exceptions.
    Finally,
    /// A `try` body: entered, but may be left early by an exception.
    TryBody,
    /// `if`, loops, `except`, `else`, `match` cases: maybe never entered.
    Conditional,
}

/// One enclosing block of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: TextSize,
}

/// A variable whose uses a transform wants to see.
#[derive(Debug)]
pub struct Watch {
    /// The scope that owns the variable.
    pub scope: ScopeId,
    /// The blocks around the binding statement.
    pub blocks: Vec<Block>,
    /// Every use after the binding, in visit order.
    pub uses: Vec<PathUse>,
    /// The watch this one was derived from (`q = os.path.join(p, "x")`).
    pub parent: Option<WatchId>,
    /// The watches derived from this one.
    pub children: Vec<WatchId>,
}

/// One use of a watched variable.
#[derive(Debug, Clone)]
pub struct PathUse {
    pub range: TextRange,
    pub kind: UseKind,
    /// The use sits in a function nested in the owning scope: it may run at
    /// any time.
    pub nested: bool,
    /// The blocks around the use (in the owning scope).
    pub blocks: Vec<Block>,
}

impl PathUse {
    /// Whether this use runs whenever `watch`'s binding statement ran
    /// (ignoring exceptions): it is not inside a branch or loop that the
    /// binding is not also inside.
    pub fn always_runs_after(&self, watch: &Watch) -> bool {
        !self.nested
            && self.blocks.len() >= watch.blocks.len()
            && self.blocks[..watch.blocks.len()] == watch.blocks[..]
            && self.blocks[watch.blocks.len()..]
                .iter()
                .all(|b| b.kind != BlockKind::Conditional)
    }
}

/// A function being visited, and the class it is a method of.
#[derive(Debug, Clone, Copy)]
pub struct FunctionContext<'a> {
    pub def: &'a StmtFunctionDef,
    pub class: Option<&'a StmtClassDef>,
}

/// Index of a [`Watch`].
pub type WatchId = usize;

/// The visitor state shared with the transforms.
pub struct Checker<'a> {
    pub source: &'a str,
    pub parsed: &'a Parsed<ModModule>,
    pub stylist: Stylist<'a>,
    pub settings: &'a Settings,
    /// The file's suppression comments: a fix leaves suppressed lines alone.
    pub suppressions: &'a Suppressions<'a>,
    /// The transforms that run on this file (enabled, and not ruled out by
    /// the prefilter).
    pub rules: RuleSet,
    pub semantic: Semantic<'a>,
    pub scope: ScopeId,
    /// Expression ancestors of the node being visited (innermost last).
    pub exprs: Vec<&'a Expr>,
    /// Statement ancestors of the node being visited (innermost last).
    pub stmts: Vec<&'a Stmt>,
    pub blocks: Vec<Block>,
    identifiers: std::cell::OnceCell<HashSet<&'a str>>,
    /// New names the fixes of this run introduce, per scope: two fixes in
    /// one function applied in the same round must not pick the same one.
    fresh_names: std::cell::RefCell<HashSet<(ScopeId, String)>>,
    pub watches: Vec<Watch>,
    watched_names: HashMap<&'a str, Vec<WatchId>>,
    deferred: Vec<(ScopeId, FunctionContext<'a>)>,
    classes: Vec<&'a StmtClassDef>,
    /// The function whose body is being visited (None at module level).
    pub function: Option<FunctionContext<'a>>,
    /// The transforms that run, each with its own state. Taken out while an
    /// event is dispatched, so that each can borrow the checker.
    transforms: Vec<Box<dyn Transform<'a> + 'a>>,
}

impl<'a> Checker<'a> {
    pub fn new(
        source: &'a str,
        parsed: &'a Parsed<ModModule>,
        settings: &'a Settings,
        suppressions: &'a Suppressions<'a>,
    ) -> Self {
        Self {
            source,
            parsed,
            stylist: Stylist::from_tokens(parsed.tokens(), source),
            settings,
            suppressions,
            rules: settings.active_rules(source.as_bytes()),
            semantic: Semantic::new(),
            scope: MODULE_SCOPE,
            exprs: Vec::new(),
            stmts: Vec::new(),
            blocks: Vec::new(),
            identifiers: std::cell::OnceCell::new(),
            fresh_names: std::cell::RefCell::default(),
            watches: Vec::new(),
            watched_names: HashMap::default(),
            deferred: Vec::new(),
            classes: Vec::new(),
            function: None,
            transforms: Vec::new(),
        }
    }

    /// Visits the module and runs every enabled transform.
    pub fn run(mut self) -> Vec<Diagnostic> {
        self.transforms = Rule::ALL
            .iter()
            .filter(|rule| self.rules.contains(**rule))
            .map(|rule| rule.new_transform())
            .collect();
        let body = &self.parsed.syntax().body;
        self.visit_body(body);
        while !self.deferred.is_empty() {
            let deferred = std::mem::take(&mut self.deferred);
            for (scope, function) in deferred {
                self.scope = scope;
                self.blocks.clear();
                self.function = Some(function);
                self.visit_body(&function.def.body);
            }
        }
        let mut transforms = std::mem::take(&mut self.transforms);
        transforms
            .iter_mut()
            .flat_map(|transform| transform.finish(&self))
            .collect()
    }

    /// Hands one event to every transform.
    fn dispatch(&mut self, event: impl Fn(&mut dyn Transform<'a>, &mut Self)) {
        let mut transforms = std::mem::take(&mut self.transforms);
        for transform in &mut transforms {
            event(transform.as_mut(), self);
        }
        self.transforms = transforms;
    }

    /// Starts recording the uses of `name`, which the statement being
    /// visited binds in the current scope.
    pub fn watch(&mut self, name: &'a str) -> WatchId {
        self.watch_derived(name, None)
    }

    fn watch_derived(&mut self, name: &'a str, parent: Option<WatchId>) -> WatchId {
        let id = self.watches.len();
        self.watches.push(Watch {
            scope: self.scope,
            blocks: self.blocks.clone(),
            uses: Vec::new(),
            parent,
            children: Vec::new(),
        });
        if let Some(parent) = parent {
            self.watches[parent].children.push(id);
        }
        self.watched_names.entry(name).or_default().push(id);
        id
    }

    /// Every identifier in the module (new names must avoid all of them),
    /// collected from the tokens the first time a fix needs a new name.
    pub fn identifiers(&self) -> &HashSet<&'a str> {
        self.identifiers.get_or_init(|| {
            self.parsed
                .tokens()
                .iter()
                .filter(|t| t.kind() == ruff_python_ast::token::TokenKind::Name)
                .map(|t| &self.source[t.range()])
                .collect()
        })
    }

    /// A name for a new variable in `scope`: used nowhere in the module and
    /// not given to another fix in the same scope.
    pub fn fresh_name(&self, scope: ScopeId, base: &str) -> String {
        let mut given = self.fresh_names.borrow_mut();
        let identifiers = self.identifiers();
        let name = std::iter::once(base.to_string())
            .chain((1..).map(|i| format!("{base}{i}")))
            .find(|n| !identifiers.contains(n.as_str()) && !given.contains(&(scope, n.clone())))
            .unwrap_or_else(|| unreachable!());
        given.insert((scope, name.clone()));
        name
    }

    /// The innermost statement being visited.
    pub fn current_stmt(&self) -> Option<&'a Stmt> {
        self.stmts.last().copied()
    }

    /// The expression directly around the one being visited.
    pub fn parent_expr(&self) -> Option<&'a Expr> {
        self.exprs.iter().rev().nth(1).copied()
    }

    fn bind(&mut self, name: &'a str, kind: BindingKind<'a>, range: TextRange) {
        self.semantic
            .bind(self.scope, name, Binding { kind, range });
    }

    fn bind_parameters(&mut self, parameters: &'a Parameters) {
        for p in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            let name = &p.parameter.name;
            self.bind(name.id.as_str(), BindingKind::Other, name.range);
        }
        for p in [&parameters.vararg, &parameters.kwarg]
            .into_iter()
            .flatten()
        {
            self.bind(p.name.id.as_str(), BindingKind::Other, p.name.range);
        }
    }

    fn bind_imports(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.id.as_str();
                    match &alias.asname {
                        // Ex) import tempfile as tf
                        Some(asname) => self.bind(
                            asname.id.as_str(),
                            BindingKind::Import { module },
                            stmt.range(),
                        ),
                        // Ex) import os.path (binds `os`)
                        None => {
                            let top = module.split('.').next().unwrap_or(module);
                            self.bind(top, BindingKind::Import { module: top }, stmt.range());
                        }
                    }
                }
            }
            Stmt::ImportFrom(import) => {
                let module = match (&import.module, import.level) {
                    (Some(module), 0) => Some(module.id.as_str()),
                    _ => None,
                };
                for alias in &import.names {
                    let member = alias.name.id.as_str();
                    if member == "*" {
                        if let Some(module) = module {
                            self.semantic.scopes[self.scope].star_imports.push(module);
                        }
                        continue;
                    }
                    let name = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    let kind = match module {
                        Some(module) => BindingKind::FromImport { module, member },
                        None => BindingKind::Other,
                    };
                    self.bind(name, kind, stmt.range());
                }
            }
            _ => {}
        }
    }

    fn visit_function(&mut self, function: &'a StmtFunctionDef) {
        for decorator in &function.decorator_list {
            self.visit_decorator(decorator);
        }
        // Defaults and annotations are evaluated in the enclosing scope.
        for p in function
            .parameters
            .posonlyargs
            .iter()
            .chain(&function.parameters.args)
            .chain(&function.parameters.kwonlyargs)
        {
            if let Some(default) = &p.default {
                self.visit_expr(default);
            }
        }
        self.bind(
            function.name.id.as_str(),
            BindingKind::Other,
            function.range,
        );
        let scope = self.semantic.push_scope(ScopeKind::Function, self.scope);
        let outer = std::mem::replace(&mut self.scope, scope);
        self.bind_parameters(&function.parameters);
        self.scope = outer;
        let class = match self.semantic.scopes[outer].kind {
            ScopeKind::Class => self.classes.last().copied(),
            _ => None,
        };
        self.deferred.push((
            scope,
            FunctionContext {
                def: function,
                class,
            },
        ));
    }

    fn visit_class(&mut self, class: &'a StmtClassDef) {
        for decorator in &class.decorator_list {
            self.visit_decorator(decorator);
        }
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        self.bind(class.name.id.as_str(), BindingKind::Other, class.range);
        let scope = self.semantic.push_scope(ScopeKind::Class, self.scope);
        let outer = std::mem::replace(&mut self.scope, scope);
        let blocks = std::mem::take(&mut self.blocks);
        self.classes.push(class);
        self.visit_body(&class.body);
        self.classes.pop();
        self.blocks = blocks;
        self.scope = outer;
    }

    fn visit_block(&mut self, kind: BlockKind, body: &'a [Stmt]) {
        let Some(first) = body.first() else {
            return;
        };
        self.blocks.push(Block {
            kind,
            start: first.start(),
        });
        self.visit_body(body);
        self.blocks.pop();
    }

    fn record_use(&mut self, name: &'a str, range: TextRange) {
        let Some(ids) = self.watched_names.get(name) else {
            return;
        };
        let Some(owner) = self.semantic.owner(self.scope, name) else {
            return;
        };
        let Some(&id) = ids
            .iter()
            .rev()
            .find(|&&id| self.watches[id].scope == owner)
        else {
            return;
        };
        // A use in a comprehension runs in place; one in a nested function
        // or lambda may run at any time.
        let nested = !self.semantic.runs_inline(self.scope, owner);
        let kind = path_use::classify(
            &self.semantic,
            self.scope,
            &self.exprs,
            self.current_stmt(),
            self.source,
        );
        let blocks = if nested {
            Vec::new()
        } else {
            self.blocks.clone()
        };
        self.watches[id].uses.push(PathUse {
            range,
            kind,
            nested,
            blocks,
        });
        // Follow the new name too.
        if kind == UseKind::Derived
            && let Some(Stmt::Assign(assign)) = self.current_stmt()
            && let [Expr::Name(target)] = assign.targets.as_slice()
        {
            self.watch_derived(target.id.as_str(), Some(id));
        }
    }

    /// Every use of `id` and of the names derived from it, in source order.
    pub fn uses_with_derived(&self, id: WatchId) -> Vec<&PathUse> {
        let mut ids = vec![id];
        let mut i = 0;
        while i < ids.len() {
            ids.extend(self.watches[ids[i]].children.iter().copied());
            i += 1;
        }
        let mut uses: Vec<&PathUse> = ids.iter().flat_map(|&i| &self.watches[i].uses).collect();
        uses.sort_by_key(|u| u.range.start());
        uses
    }
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.stmts.push(stmt);
        match stmt {
            Stmt::FunctionDef(function) => self.visit_function(function),
            Stmt::ClassDef(class) => self.visit_class(class),
            Stmt::Import(_) | Stmt::ImportFrom(_) => self.bind_imports(stmt),
            Stmt::Global(global) => {
                for name in &global.names {
                    self.semantic.scopes[self.scope]
                        .declared_elsewhere
                        .push(name.id.as_str());
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.semantic.scopes[self.scope]
                        .declared_elsewhere
                        .push(name.id.as_str());
                }
            }
            Stmt::Assign(assign) => {
                // Python evaluates the value before binding the targets.
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.visit_expr(target);
                }
                self.dispatch(|t, checker| t.assignment(checker, &assign.value, &assign.targets));
            }
            Stmt::If(if_stmt) => {
                self.visit_expr(&if_stmt.test);
                self.visit_block(BlockKind::Conditional, &if_stmt.body);
                for clause in &if_stmt.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.visit_expr(test);
                    }
                    self.visit_block(BlockKind::Conditional, &clause.body);
                }
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.visit_expr(&for_stmt.target);
                self.visit_block(BlockKind::Conditional, &for_stmt.body);
                self.visit_block(BlockKind::Conditional, &for_stmt.orelse);
            }
            Stmt::While(while_stmt) => {
                self.visit_expr(&while_stmt.test);
                self.visit_block(BlockKind::Conditional, &while_stmt.body);
                self.visit_block(BlockKind::Conditional, &while_stmt.orelse);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_with_item(item);
                    if let Some(target) = &item.optional_vars {
                        let targets = std::slice::from_ref(target.as_ref());
                        self.dispatch(|t, checker| {
                            t.assignment(checker, &item.context_expr, targets);
                        });
                    }
                }
                self.visit_block(BlockKind::Always, &with.body);
            }
            Stmt::Try(try_stmt) => {
                self.visit_block(BlockKind::TryBody, &try_stmt.body);
                for handler in &try_stmt.handlers {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(type_) = &handler.type_ {
                        self.visit_expr(type_);
                    }
                    if let Some(name) = &handler.name {
                        self.bind(name.id.as_str(), BindingKind::Other, name.range);
                    }
                    self.visit_block(BlockKind::Conditional, &handler.body);
                }
                self.visit_block(BlockKind::Conditional, &try_stmt.orelse);
                self.visit_block(BlockKind::Finally, &try_stmt.finalbody);
            }
            Stmt::Match(match_stmt) => {
                self.visit_expr(&match_stmt.subject);
                for case in &match_stmt.cases {
                    self.visit_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard);
                    }
                    self.visit_block(BlockKind::Conditional, &case.body);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.stmts.pop();
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.exprs.push(expr);
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                match name.ctx {
                    ExprContext::Store => self.bind(id, BindingKind::Other, name.range),
                    ExprContext::Load => {
                        self.record_use(id, name.range);
                    }
                    _ => {}
                }
            }
            Expr::Call(call) => {
                visitor::walk_expr(self, expr);
                // Resolved once for every transform that looks at calls.
                let qualified = self.semantic.qualified_name(self.scope, &call.func);
                let qualified = qualified.as_deref();
                self.dispatch(|t, checker| t.call(checker, call, qualified));
                self.exprs.pop();
                return;
            }
            Expr::StringLiteral(_) | Expr::FString(_) => {
                self.dispatch(|t, checker| t.string(checker, expr));
            }
            Expr::Lambda(lambda) => {
                let scope = self.semantic.push_scope(ScopeKind::Function, self.scope);
                let outer = std::mem::replace(&mut self.scope, scope);
                if let Some(parameters) = &lambda.parameters {
                    self.bind_parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                self.scope = outer;
                self.exprs.pop();
                return;
            }
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                // Comprehension variables do not leak into the enclosing scope.
                let scope = self
                    .semantic
                    .push_scope(ScopeKind::Comprehension, self.scope);
                let outer = std::mem::replace(&mut self.scope, scope);
                visitor::walk_expr(self, expr);
                self.scope = outer;
                self.exprs.pop();
                return;
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
        self.exprs.pop();
    }
}
