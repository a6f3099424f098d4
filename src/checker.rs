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
use crate::path_use::{self, Shape, UseKind};
use crate::semantic::{Binding, BindingKind, MODULE_SCOPE, ScopeId, ScopeKind, Semantic};
use crate::settings::Settings;
use crate::summary::{Arg, CallSite, ModuleSummaries, ParamKind, ParamSummary, Resolver, Target};
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
    /// How this one's path relates to its parent's.
    pub shape: Shape,
}

/// Ex) log = process.config.logfile, after Config(logfile=p) in the same
/// function: a name bound to a value read back under the keyword a path was
/// handed to a call with; most often the same path.
#[derive(Debug, Clone)]
pub struct ReadBack<'a> {
    pub scope: ScopeId,
    pub attribute: &'a str,
    /// Where the name is bound.
    pub bound: TextSize,
    /// The watch following the name.
    pub watch: WatchId,
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
    /// The call an unknown use hands the path to, if a summary may know it.
    pub site: Option<CallSite>,
    /// An attribute of the value is used (`obj.load()`, `obj.name`).
    pub attribute: bool,
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

/// The methods that run before each test of a class (or once before all):
/// what they patch is patched for the tests.
const SET_UP_METHODS: &[&str] = &[
    "setUp",
    "setUpClass",
    "asyncSetUp",
    "setup_method",
    "setup_class",
];

/// The methods that run for an object that is only made and printed,
/// formatted or compared: construction, the text and comparison methods,
/// finalization.
const TEXT_METHODS: &[&str] = &[
    "__new__",
    "__init__",
    "__post_init__",
    "__del__",
    "__repr__",
    "__str__",
    "__format__",
    "__eq__",
    "__ne__",
    "__hash__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__bool__",
    "__len__",
];

/// A parameter watched in summary mode: its name, whether it can be passed
/// by position, and its watch.
type WatchedParameter<'a> = (&'a str, ParamKind, WatchId);

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
    /// The scope of each function, by where its `def` starts.
    pub function_scopes: HashMap<TextSize, ScopeId>,
    classes: Vec<&'a StmtClassDef>,
    /// The function whose body is being visited (None at module level).
    pub function: Option<FunctionContext<'a>>,
    /// The transforms that run, each with its own state. Taken out while an
    /// event is dispatched, so that each can borrow the checker.
    transforms: Vec<Box<dyn Transform<'a> + 'a>>,
    /// The file the source is, when known: imports of the package resolve
    /// from there.
    path: Option<&'a std::path::Path>,
    /// Summary mode: every parameter is watched, for [`Checker::summaries`].
    summarize: bool,
    /// In summary mode: each function's qualified name and parameter watches.
    parameters: Vec<(String, Vec<WatchedParameter<'a>>)>,
    /// Module-level `def` and `class` names (`true` for a class).
    module_defs: HashMap<&'a str, bool>,
    /// Names bound to mock objects (`m = MagicMock()`), per scope.
    mocks: HashSet<(ScopeId, &'a str)>,
    /// Dotted names patched by `mock.patch` in a function scope.
    patched: HashMap<ScopeId, Vec<String>>,
    /// Function scopes that patch anything (`patch`, `patch.object`,
    /// `patch.dict`, `mocker.patch`): the code they call is not the code the
    /// package's summaries describe.
    patching: HashSet<ScopeId>,
    /// The summaries of this module's own functions, made on first need.
    local_summaries: std::cell::OnceCell<ModuleSummaries>,
    /// What resolving each call site gave, so each is resolved once.
    resolved: std::cell::RefCell<HashMap<CallSite, Option<Vec<UseKind>>>>,
    /// The functions of this module that call sites name (`f`, `C.m`,
    /// `.m` for a method of any class, `C.*` for all of a class's methods):
    /// the only ones the local summaries need to visit.
    site_targets: std::cell::RefCell<HashSet<String>>,
    /// Summary mode: the functions to summarize (`None`: all).
    wanted: Option<HashSet<String>>,
    /// In summary mode: each `self.<field>` read in a method (`Class.field`).
    field_uses: HashMap<String, Vec<(UseKind, Option<CallSite>)>>,
    /// The same reads, in the methods that making and printing or comparing
    /// the object runs ([`TEXT_METHODS`]).
    text_field_uses: HashMap<String, Vec<(UseKind, Option<CallSite>)>>,
    /// Classes one of whose [`TEXT_METHODS`] calls another method of the
    /// object or hands `self` on: any of their field reads may run.
    opaque_classes: HashSet<&'a str>,
    /// In summary mode: names bound to a field's path (`fn = self.path`),
    /// whose uses are the field's; whether the read is in a text method.
    field_watches: Vec<(String, &'a str, WatchId, bool)>,
    /// The watches of `*args` and `**kwargs` parameters.
    rest_parameters: HashSet<WatchId>,
    /// The class of objects made here (`c = Client()`, `self.c = Client()`),
    /// by `scope:name` or `Class.field`: their method calls are followed.
    instances: HashMap<String, (Option<std::path::PathBuf>, String)>,
    /// In summary mode: the bases of module-level classes, as written.
    class_bases: HashMap<String, Vec<String>>,
    /// Watches of values that hold a path or a call's result (`expected =
    /// ["-i", p]`, `url = c.get_url(p)`), by the start of the name bound.
    carriers: HashMap<TextSize, WatchId>,
    /// The name each derived watch binds (its start), and the watch it was
    /// derived from: a parameter rebound from itself is still followed.
    derived_targets: HashMap<TextSize, WatchId>,
    /// The keywords paths were handed to calls with, by scope
    /// (`Config(logfile=p)`), for [`ReadBack`].
    passed_keywords: HashSet<(ScopeId, &'a str)>,
    /// The names bound to a value read back under one of those keywords.
    pub read_back: Vec<ReadBack<'a>>,
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
            function_scopes: HashMap::default(),
            classes: Vec::new(),
            function: None,
            transforms: Vec::new(),
            path: None,
            summarize: false,
            parameters: Vec::new(),
            module_defs: HashMap::default(),
            mocks: HashSet::default(),
            patched: HashMap::default(),
            patching: HashSet::default(),
            local_summaries: std::cell::OnceCell::new(),
            resolved: std::cell::RefCell::default(),
            site_targets: std::cell::RefCell::default(),
            wanted: None,
            field_uses: HashMap::default(),
            text_field_uses: HashMap::default(),
            opaque_classes: HashSet::default(),
            field_watches: Vec::new(),
            rest_parameters: HashSet::default(),
            instances: HashMap::default(),
            class_bases: HashMap::default(),
            carriers: HashMap::default(),
            derived_targets: HashMap::default(),
            passed_keywords: HashSet::default(),
            read_back: Vec::new(),
        }
    }

    /// The file the source was read from: package imports resolve from it.
    /// The file being checked, when known.
    pub fn file_path(&self) -> Option<&'a std::path::Path> {
        self.path
    }

    pub fn at_path(mut self, path: Option<&'a std::path::Path>) -> Self {
        self.path = path;
        self.semantic.path = path;
        self
    }

    /// Visits the module with no transform and summarizes its functions:
    /// what each does to each of its parameters.
    pub fn summaries(mut self) -> ModuleSummaries {
        self.summarize_all()
    }

    fn summarize_all(&mut self) -> ModuleSummaries {
        self.summarize = true;
        self.walk();
        let mut out = ModuleSummaries::default();
        for (qualname, params) in &self.parameters {
            let params = params
                .iter()
                .map(|&(name, kind, watch)| {
                    // Ex) def f(p): p = other; open(p, "w") — later uses may
                    // be of another value: what happens to the argument is
                    // not known.
                    // Ex) def f(p): p = "~/" + p — rebound from itself, the
                    // new name is followed as a derived one.
                    let uses = if self.rebound(name, watch) {
                        vec![(UseKind::Unknown, None)]
                    } else {
                        self.summary_uses(watch)
                    };
                    ParamSummary {
                        name: name.to_string(),
                        kind,
                        uses,
                    }
                })
                .collect();
            out.functions.insert(qualname.clone(), params);
        }
        for (qualname, params) in self.generated_inits() {
            out.functions.entry(qualname).or_insert(params);
        }
        // Ex) fn = self.path; open(fn, "w"): the local's uses are the field's.
        for (field, name, watch, text) in std::mem::take(&mut self.field_watches) {
            let uses = if self.rebound(name, watch) {
                vec![(UseKind::Unknown, None)]
            } else {
                self.summary_uses(watch)
            };
            if text {
                self.text_field_uses
                    .entry(field.clone())
                    .or_default()
                    .extend(uses.iter().cloned());
            }
            self.field_uses.entry(field).or_default().extend(uses);
        }
        let fields = std::mem::take(&mut self.field_uses);
        let text_fields = std::mem::take(&mut self.text_field_uses);
        let settled = |fields: HashMap<String, Vec<(UseKind, Option<CallSite>)>>| {
            fields
                .into_iter()
                .map(|(field, uses)| {
                    let uses = uses
                        .into_iter()
                        .flat_map(|(kind, site)| self.settle(kind, site))
                        .collect();
                    (field, uses)
                })
                .collect()
        };
        out.fields = settled(fields);
        out.text_fields = settled(text_fields);
        for (field, uses) in &out.fields {
            let class = field.split('.').next().unwrap_or_default();
            if self.opaque_classes.contains(class) {
                out.text_fields.insert(field.clone(), uses.clone());
            }
        }
        out.path = self.path.map(std::path::Path::to_path_buf);
        out.bases = std::mem::take(&mut self.class_bases);
        // Class attributes holding an object (`Class.field`), not locals.
        out.class_instances = self
            .instances
            .iter()
            .filter(|(key, _)| !key.contains(':'))
            .map(|(key, class)| (key.clone(), class.clone()))
            .collect();
        for (name, bindings) in &self.semantic.scopes[MODULE_SCOPE].bindings {
            let import = match bindings.as_slice() {
                [binding] => match binding.kind {
                    BindingKind::FromImport { module, member } => (0, module, member),
                    BindingKind::RelativeImport {
                        level,
                        module,
                        member,
                    } => (level, module.unwrap_or_default(), member),
                    _ => continue,
                },
                _ => continue,
            };
            out.imports.insert(
                (*name).to_string(),
                (import.0, import.1.to_string(), import.2.to_string()),
            );
        }
        out
    }

    /// Whether `name`, which `watch` follows, is bound again in its scope
    /// to something not computed from itself.
    fn rebound(&self, name: &str, watch: WatchId) -> bool {
        self.semantic.scopes[self.watches[watch].scope]
            .bindings
            .get(name)
            .is_some_and(|b| {
                b.len() > 1
                    && !b[1..]
                        .iter()
                        .all(|b| self.derived_from(b.range.start(), watch))
            })
    }

    /// Summary mode: what happens to the path `watch` holds, from its uses
    /// and those of the names derived from it.
    fn summary_uses(&self, watch: WatchId) -> Vec<(UseKind, Option<CallSite>)> {
        let own = self.watches[watch].shape;
        self.uses_with_shape(watch)
            .into_iter()
            .filter(|(u, _)| u.kind != UseKind::Derived)
            .flat_map(|(u, shape)| {
                // A nested function may run at any time: only what is the
                // same whenever it runs is known.
                let timeless = matches!(u.kind, UseKind::Neutral | UseKind::NameOnly);
                let kind = if u.nested && !timeless {
                    UseKind::Unknown
                } else {
                    u.kind
                };
                let site = u.site.clone().filter(|_| !u.nested);
                let shape = own.then(shape);
                self.settle(kind, site)
                    .into_iter()
                    .map(move |(kind, site)| (path_use::seen_from(kind, shape), site))
            })
            .collect()
    }

    /// Summary mode: the `__init__` that a dataclass, an attrs class or a
    /// `typing.NamedTuple` gets from its fields, for the module-level ones
    /// that do not write their own: each argument is stored on its field.
    fn generated_inits(&self) -> Vec<(String, Vec<ParamSummary>)> {
        let mut inits = Vec::new();
        for stmt in &self.parsed.syntax().body {
            let Stmt::ClassDef(class) = stmt else {
                continue;
            };
            let Some(record) = self.record_class(class) else {
                continue;
            };
            let writes_own = class.body.iter().any(
                |stmt| matches!(stmt, Stmt::FunctionDef(def) if def.name.id.as_str() == "__init__"),
            );
            if writes_own {
                continue;
            }
            let mut params = vec![ParamSummary {
                name: "self".to_string(),
                kind: ParamKind::Positional,
                uses: Vec::new(),
            }];
            for field in record_fields(class, record) {
                // Ex) an InitVar: handed to __post_init__, not stored.
                let uses = match field.stored {
                    Some(stored) => {
                        let target = Target::Field(format!("{}.{stored}", class.name.id));
                        add_target(&mut self.site_targets.borrow_mut(), &target);
                        vec![(UseKind::Unknown, Some(CallSite::to(target)))]
                    }
                    None => vec![(UseKind::Unknown, None)],
                };
                params.push(ParamSummary {
                    name: field.parameter,
                    kind: if field.by_position {
                        ParamKind::Positional
                    } else {
                        ParamKind::KeywordOnly
                    },
                    uses,
                });
            }
            inits.push((format!("{}.__init__", class.name.id), params));
        }
        inits
    }

    /// Whether `class` gets its `__init__` from its fields, and how.
    fn record_class(&self, class: &'a StmtClassDef) -> Option<Record> {
        let qualified = |expr: &'a Expr| self.semantic.qualified_name(MODULE_SCOPE, expr);
        // Other bases may add fields before these: only keywords bind for sure.
        let named_tuple = |base: &'a Expr| {
            qualified(base).is_some_and(|q| matches!(q.as_slice(), ["typing", "NamedTuple"]))
        };
        let plain_bases = class.bases().iter().all(named_tuple);
        if class.bases().iter().any(named_tuple) {
            return Some(Record {
                attrs: false,
                annotated: true,
                by_position: plain_bases,
            });
        }
        class.decorator_list.iter().find_map(|decorator| {
            let (func, keywords) = match &decorator.expression {
                Expr::Call(call) => (&*call.func, &call.arguments.keywords[..]),
                other => (other, &[][..]),
            };
            let flag = |name: &str| {
                keywords.iter().any(|k| {
                    k.arg.as_ref().is_some_and(|a| a.id.as_str() == name)
                        && matches!(k.value, Expr::BooleanLiteral(ref b) if b.value)
                })
            };
            let (attrs, annotated) = match qualified(func)?.as_slice() {
                ["dataclasses", "dataclass"] => (false, true),
                ["attr", "s" | "attrs"] => (true, flag("auto_attribs")),
                ["attr" | "attrs", "define" | "frozen" | "mutable"] => (true, true),
                _ => return None,
            };
            Some(Record {
                attrs,
                annotated,
                by_position: plain_bases && !flag("kw_only"),
            })
        })
    }

    /// Summary mode: a use as a summary keeps it, with what the module's
    /// own values say decided (a summary outlives the module's watches).
    fn settle(&self, kind: UseKind, site: Option<CallSite>) -> Vec<(UseKind, Option<CallSite>)> {
        vec![match site {
            Some(CallSite {
                target: Target::Value(value),
                ..
            }) if kind == UseKind::Unknown => match self.carried_external(value) {
                Some(sites) => {
                    return sites
                        .into_iter()
                        .map(|site| (UseKind::Unknown, Some(site)))
                        .collect();
                }
                None => (self.carried(value, false), None),
            },
            Some(mut site) => {
                if let Some(value) = site.result_of.take() {
                    let result = self.carried(value, false);
                    site.result = Some(result);
                    site.result_only_printed = self.only_printed(value, result);
                }
                (kind, Some(site))
            }
            None => (kind, None),
        }]
    }

    /// Summary mode: the functions outside the package a value holding the
    /// path reaches (`args` in `subprocess.Popen([*args, c])`), when those
    /// are its only uses beyond text work; a caller patching them decides.
    fn carried_external(&self, value: WatchId) -> Option<Vec<CallSite>> {
        let mut sites = Vec::new();
        for u in self.uses_with_derived(value) {
            match (&u.kind, &u.site) {
                _ if u.nested => return None,
                (UseKind::Neutral | UseKind::NameOnly | UseKind::Derived, _) => {}
                (
                    UseKind::Unknown,
                    Some(
                        site @ CallSite {
                            target: Target::External(_),
                            ..
                        },
                    ),
                ) => sites.push(site.clone()),
                _ => return None,
            }
        }
        (!sites.is_empty()).then_some(sites)
    }

    /// Whether the name bound at `start` was derived from `watch` (or from
    /// a name derived from it).
    fn derived_from(&self, start: TextSize, watch: WatchId) -> bool {
        let mut id = self.derived_targets.get(&start).copied();
        while let Some(current) = id {
            if current == watch {
                return true;
            }
            id = self.watches[current].parent;
        }
        false
    }

    /// What the uses of a value holding the path (a container, a call's
    /// result) do to the path: [`UseKind::Neutral`] (or `NameOnly`) when
    /// every use only compares, prints or checks it, else unknown. With
    /// `resolve`, calls it is handed to are answered by their summaries.
    fn carried(&self, value: WatchId, resolve: bool) -> UseKind {
        let uses = self.uses_with_derived(value);
        // A use known to be more than text first: no module is read then.
        let settled = |u: &&&PathUse| u.kind != UseKind::Unknown || u.site.is_none() || !resolve;
        if uses.iter().filter(settled).any(|u| {
            u.nested
                || !matches!(
                    u.kind,
                    UseKind::Neutral | UseKind::NameOnly | UseKind::Derived
                )
        }) {
            return UseKind::Unknown;
        }
        let mut any = false;
        let mut name_only = false;
        for u in uses {
            if u.kind == UseKind::Derived {
                continue;
            }
            any = true;
            if u.nested {
                return UseKind::Unknown;
            }
            let kinds = match (u.kind, &u.site) {
                (UseKind::Unknown, Some(site)) if resolve => self
                    .resolve_site(site)
                    .unwrap_or_else(|| vec![UseKind::Unknown]),
                (kind, _) => vec![kind],
            };
            for kind in kinds {
                match kind {
                    UseKind::Neutral => {}
                    UseKind::NameOnly => name_only = true,
                    _ => return UseKind::Unknown,
                }
            }
        }
        // Never used (or its uses went to another watch of the name).
        if !any {
            UseKind::Unknown
        } else if name_only {
            UseKind::NameOnly
        } else {
            UseKind::Neutral
        }
    }

    /// The watch of the value the current statement binds to one name
    /// (`expected = [...]`, `url = c.get_url(p)`), made on first need.
    fn carrier(&mut self, value: TextRange) -> Option<WatchId> {
        let target = match self.current_stmt()? {
            Stmt::Assign(assign) if assign.value.range().contains_range(value) => {
                match assign.targets.as_slice() {
                    [Expr::Name(target)] => target,
                    _ => return None,
                }
            }
            Stmt::AnnAssign(assign)
                if assign
                    .value
                    .as_ref()
                    .is_some_and(|v| v.range().contains_range(value)) =>
            {
                match assign.target.as_ref() {
                    Expr::Name(target) => target,
                    _ => return None,
                }
            }
            _ => return None,
        };
        if let Some(&id) = self.carriers.get(&target.start()) {
            return Some(id);
        }
        let id = self.watch_derived(target.id.as_str(), None);
        self.carriers.insert(target.start(), id);
        Some(id)
    }

    /// Whether `id` watches a value holding a path rather than the path.
    fn is_carrier(&self, id: WatchId) -> bool {
        let mut id = id;
        while let Some(parent) = self.watches[id].parent {
            id = parent;
        }
        self.carriers.values().any(|&c| c == id)
    }

    /// A use of a value holding a path: only the value itself compared,
    /// printed or checked is neutral (`expected == args`,
    /// `assertEqual(expected, args)`); what a method of it returns is not
    /// known (`cfg.get("path")`), except a statement that adds to it.
    fn carrier_use(&self, kind: UseKind) -> UseKind {
        if !matches!(kind, UseKind::Neutral | UseKind::NameOnly) {
            return kind;
        }
        let Some(Expr::Attribute(attr)) = self.parent_expr() else {
            return kind;
        };
        let adds = matches!(
            attr.attr.id.as_str(),
            "append" | "extend" | "insert" | "add" | "update"
        ) && matches!(self.current_stmt(), Some(Stmt::Expr(stmt))
            if matches!(stmt.value.as_ref(), Expr::Call(call) if call.func.range() == attr.range));
        if adds {
            UseKind::Neutral
        } else {
            UseKind::Unknown
        }
    }

    /// The module-level class whose method is being visited, if any.
    fn method_class(&self) -> Option<&'a StmtClassDef> {
        let function = self.function?;
        let class = function.class?;
        let scope = self.semantic.scopes[self.scope].parent?;
        (self.semantic.scopes[scope].parent == Some(MODULE_SCOPE)).then_some(class)
    }

    /// The class of the method being visited when it is one of
    /// [`TEXT_METHODS`].
    fn text_method_class(&self) -> Option<&'a StmtClassDef> {
        let name = self.function?.def.name.id.as_str();
        TEXT_METHODS
            .contains(&name)
            .then(|| self.method_class())
            .flatten()
    }

    /// How the expression being visited uses the path it holds.
    fn classify_here(&self) -> UseKind {
        path_use::classify(
            &self.semantic,
            self.scope,
            &self.exprs,
            self.current_stmt(),
            self.source,
        )
    }

    /// Summary mode: a read of `self.<field>` in a method, classified.
    fn record_field_use(&mut self, attr: &'a ruff_python_ast::ExprAttribute) {
        let Some(class) = self.method_class() else {
            return;
        };
        let kind = self.classify_here();
        let site = if kind == UseKind::Unknown {
            self.call_site()
        } else {
            None
        };
        // Ex) def __repr__(self): return f"QuoteString({self.obj})" — what
        // `repr()` returns is read by people; no file is made of it.
        let returned = kind == UseKind::Returned
            || site
                .as_ref()
                .is_some_and(|s| s.target == Target::ReturnValue);
        let (kind, site) = if returned && self.function.is_some_and(|f| f.def.name.id == "__repr__")
        {
            (UseKind::Neutral, None)
        } else {
            (kind, site)
        };
        let field = format!("{}.{}", class.name.id, attr.attr.id);
        // Ex) fn = self.path: the new name is followed, its uses are the field's.
        if kind == UseKind::Derived
            && let Some(Stmt::Assign(assign)) = self.current_stmt()
            && let [Expr::Name(target)] = assign.targets.as_slice()
        {
            let shape =
                path_use::derived_shape(&self.semantic, self.scope, &self.exprs, self.source);
            let watch = self.watch_derived(target.id.as_str(), None);
            self.watches[watch].shape = shape;
            let text = self.text_method_class().is_some();
            self.field_watches
                .push((field, target.id.as_str(), watch, text));
            return;
        }
        // Ex) def __repr__(self): return f"<{self.path}>" — what printing
        // or comparing the object runs.
        if self.text_method_class().is_some() {
            let n = self.exprs.len();
            // Ex) self.load() in __init__: that method runs too.
            if n >= 2
                && matches!(self.exprs[n - 2], Expr::Call(call) if call.func.range() == attr.range)
            {
                self.opaque_classes.insert(class.name.id.as_str());
            }
            self.text_field_uses
                .entry(field.clone())
                .or_default()
                .push((kind, site.clone()));
        }
        self.field_uses.entry(field).or_default().push((kind, site));
    }

    /// `self.<field> = p` in a method of a module-level class: the path's
    /// uses are the field's.
    pub fn field_store(&self, range: TextRange) -> Option<CallSite> {
        // Ex) self.path = path; self.path: str = path
        let (target, value) = match self.current_stmt() {
            Some(Stmt::Assign(assign)) => match assign.targets.as_slice() {
                [Expr::Attribute(target)] => (target, &*assign.value),
                _ => return None,
            },
            Some(Stmt::AnnAssign(assign)) => match (&*assign.target, assign.value.as_deref()) {
                (Expr::Attribute(target), Some(value)) => (target, value),
                _ => return None,
            },
            _ => return None,
        };
        if value.range() != range
            || !matches!(target.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self")
        {
            return None;
        }
        let class = self.method_class()?;
        let target = Target::Field(format!("{}.{}", class.name.id, target.attr.id));
        add_target(&mut self.site_targets.borrow_mut(), &target);
        Some(CallSite::to(target))
    }

    /// Whether a call's result bound to a name (`obj = Config(p)`) is only
    /// printed or compared there, no attribute of it used.
    fn only_printed(&self, value: WatchId, result: UseKind) -> bool {
        matches!(result, UseKind::Neutral | UseKind::NameOnly)
            && self
                .uses_with_derived(value)
                .iter()
                .all(|u| !u.attribute && !u.nested)
    }

    /// What handing a path to `site` does to it, from the summaries of this
    /// module and the package's; `None` when that is not known.
    pub fn resolve_site(&self, site: &CallSite) -> Option<Vec<UseKind>> {
        if let Some(known) = self.resolved.borrow().get(site) {
            return known.clone();
        }
        let kinds = match (&site.target, site.result_of) {
            (Target::Value(value), _) => Some(vec![self.carried(*value, true)]),
            // No summary to read: patched, a function whose path position
            // alone decides (a parameter's default `shutil.rmtree`), or unknown.
            (Target::External(name), _) => {
                if crate::summary::is_patched(&site.patched, name) {
                    Some(vec![UseKind::Neutral])
                } else {
                    crate::path_use::by_position(name, &site.arg).map(|kind| vec![kind])
                }
            }
            (_, Some(value)) => {
                let result = self.carried(value, true);
                let site = CallSite {
                    result: Some(result),
                    result_of: None,
                    result_only_printed: self.only_printed(value, result),
                    ..site.clone()
                };
                let local = self.local_summaries.get_or_init(|| self.local_summaries());
                Resolver {
                    local,
                    patched: &site.patched,
                }
                .kinds(&site)
            }
            _ => {
                let local = self.local_summaries.get_or_init(|| self.local_summaries());
                Resolver {
                    local,
                    patched: &site.patched,
                }
                .kinds(site)
            }
        };
        self.resolved
            .borrow_mut()
            .insert(site.clone(), kinds.clone());
        kinds
    }

    /// The summaries of the functions this module's call sites name, and
    /// of the functions those call in turn (a few rounds at most).
    fn local_summaries(&self) -> ModuleSummaries {
        let suppressions = crate::suppression::Suppressions::new(self.source, self.parsed.tokens());
        let mut wanted = self.site_targets.borrow().clone();
        let mut summaries = ModuleSummaries::default();
        for _ in 0..crate::summary::MAX_DEPTH + 2 {
            let mut summarizer =
                Checker::new(self.source, self.parsed, self.settings, &suppressions)
                    .at_path(self.path);
            summarizer.wanted = Some(wanted.clone());
            let before = wanted.len();
            summaries = summarizer.summaries_with_targets(&mut wanted);
            // The functions those call: another round with them too.
            if wanted.len() == before {
                break;
            }
        }
        summaries
    }

    /// [`Checker::summaries`], then the targets its call sites name.
    fn summaries_with_targets(mut self, wanted: &mut HashSet<String>) -> ModuleSummaries {
        let summaries = self.summarize_all();
        wanted.extend(self.site_targets.take());
        summaries
    }

    /// Summary mode: whether the function's body must be visited.
    fn is_wanted(&self, scope: ScopeId, function: FunctionContext<'a>) -> bool {
        let Some(wanted) = &self.wanted else {
            return true;
        };
        let name = function.def.name.id.as_str();
        match (function.class, self.semantic.scopes[scope].parent) {
            (None, Some(MODULE_SCOPE)) => wanted.contains(name),
            (Some(class), Some(parent))
                if self.semantic.scopes[parent].parent == Some(MODULE_SCOPE) =>
            {
                let class = class.name.id.as_str();
                // Where objects get their fields (`self.client = Client()`).
                matches!(name, "__init__" | "setUp" | "setUpClass" | "setup_method")
                    || wanted.contains(&format!("{class}.{name}"))
                    || wanted.contains(&format!(".{name}"))
                    || wanted.contains(&format!("{class}.*"))
            }
            // Nested: visited with the function around it.
            _ => true,
        }
    }

    fn walk(&mut self) {
        let body = &self.parsed.syntax().body;
        self.visit_body(body);
        while !self.deferred.is_empty() {
            let deferred = std::mem::take(&mut self.deferred);
            for (scope, function) in deferred {
                self.scope = scope;
                self.blocks.clear();
                self.function = Some(function);
                if self.summarize {
                    if !self.is_wanted(scope, function) {
                        continue;
                    }
                    self.watch_parameters(scope, function);
                }
                self.visit_body(&function.def.body);
            }
        }
    }

    /// Summary mode: watches the parameters of a module-level function or
    /// of a method of a module-level class.
    fn watch_parameters(&mut self, scope: ScopeId, function: FunctionContext<'a>) {
        let parent = self.semantic.scopes[scope].parent;
        let qualname = match (function.class, parent) {
            (None, Some(MODULE_SCOPE)) => function.def.name.id.to_string(),
            (Some(class), Some(parent))
                if self.semantic.scopes[parent].parent == Some(MODULE_SCOPE) =>
            {
                format!("{}.{}", class.name.id, function.def.name.id)
            }
            _ => return,
        };
        let parameters = &function.def.parameters;
        let mut watched = Vec::new();
        let named = (parameters.posonlyargs.iter().chain(&parameters.args))
            .map(|p| (&p.parameter, ParamKind::Positional))
            .chain(
                parameters
                    .kwonlyargs
                    .iter()
                    .map(|p| (&p.parameter, ParamKind::KeywordOnly)),
            );
        // `*args` and `**kwargs` last: a position beyond the named ones binds there.
        let rest = (parameters.vararg.iter().map(|p| (&**p, ParamKind::Rest))).chain(
            parameters
                .kwarg
                .iter()
                .map(|p| (&**p, ParamKind::RestKeywords)),
        );
        for (p, kind) in named.chain(rest) {
            let name = p.name.id.as_str();
            let watch = self.watch(name);
            if matches!(kind, ParamKind::Rest | ParamKind::RestKeywords) {
                self.rest_parameters.insert(watch);
            }
            watched.push((name, kind, watch));
        }
        self.parameters.push((qualname, watched));
    }

    /// The call the expression on top of the stack is an argument of
    /// (directly, or inside a list or tuple), as a summary can answer it.
    pub fn call_site(&mut self) -> Option<CallSite> {
        let site = self.call_site_at(self.exprs.len());
        self.with_carriers(site, self.exprs.len())
    }

    /// Follows the value a path is put into when no call takes it
    /// (`expected = ["-i", p]`), and the name a call's result is bound to
    /// (`url = c.get_url(p)`): their uses decide.
    fn with_carriers(&mut self, site: Option<CallSite>, depth: usize) -> Option<CallSite> {
        let Some(mut site) = site else {
            if let Some(external) = self.external_site(depth) {
                return Some(external);
            }
            let value = match self.container_at(depth) {
                Some(container) => self.carrier(container),
                None => None,
            }
            .or_else(|| self.added_to(depth));
            let value = value?;
            return Some(CallSite::to(Target::Value(value)));
        };
        if site.result == Some(UseKind::Derived)
            && let Some(top) = self.exprs.get(depth.wrapping_sub(1))
        {
            site.result_of = self.carrier(top.range());
        }
        Some(site)
    }

    /// Ex) args.extend(["-i", str(p)]), args.append(p) as a statement: the
    /// list `args` holds the path from there on; its uses decide. Not when
    /// `args` is itself a path watched already (its uses stay its own).
    fn added_to(&mut self, depth: usize) -> Option<WatchId> {
        let Some(Stmt::Expr(stmt)) = self.current_stmt() else {
            return None;
        };
        let call = self.call_taking(depth)?;
        if call.range() != stmt.value.range() {
            return None;
        }
        let Expr::Attribute(attr) = call.func.as_ref() else {
            return None;
        };
        let Expr::Name(name) = attr.value.as_ref() else {
            return None;
        };
        if !matches!(
            attr.attr.id.as_str(),
            "append" | "extend" | "insert" | "add"
        ) {
            return None;
        }
        let id = name.id.as_str();
        let owner = self.semantic.owner(self.scope, id)?;
        let latest = self
            .watched_names
            .get(id)
            .and_then(|ids| ids.iter().rev().find(|&&w| self.watches[w].scope == owner))
            .copied();
        match latest {
            Some(watch) if self.is_carrier(watch) => Some(watch),
            Some(_) => None,
            None if owner == self.scope => {
                let watch = self.watch_derived(id, None);
                self.carriers.insert(name.start(), watch);
                Some(watch)
            }
            None => None,
        }
    }

    /// Ex) subprocess.Popen([*args, command]): the path reaches a function
    /// outside the package, which a test may have patched.
    fn external_site(&self, depth: usize) -> Option<CallSite> {
        let call = self.call_taking(depth)?;
        let qualified = self.semantic.qualified_name(self.scope, &call.func)?;
        if qualified.first() == Some(&"builtins") {
            return None;
        }
        let patched: Vec<String> = self.patched_here().cloned().collect();
        Some(CallSite {
            patched,
            ..CallSite::to(Target::External(qualified.join(".")))
        })
    }

    /// The call whose argument holds the path at `depth`: the path itself, a
    /// path derived from it (`str(p)`), or a display holding either
    /// (`["-i", str(p)]`, `[*args, c]`).
    fn call_taking(&self, depth: usize) -> Option<&'a ruff_python_ast::ExprCall> {
        let exprs = &self.exprs[..depth.min(self.exprs.len())];
        let top = path_use::derived_top(&self.semantic, self.scope, exprs, false)?;
        let mut at = exprs.iter().rposition(|e| std::ptr::eq(*e, top))?;
        while at > 0
            && matches!(
                exprs[at - 1],
                Expr::List(_) | Expr::Tuple(_) | Expr::Set(_) | Expr::Starred(_)
            )
        {
            at -= 1;
        }
        let Expr::Call(call) = exprs.get(at.checked_sub(1)?)? else {
            return None;
        };
        let held = exprs[at].range();
        call.arguments
            .args
            .iter()
            .any(|a| a.range() == held)
            .then_some(call)
    }

    /// The outermost list, tuple, set or dict display around the
    /// expression at `depth` (`exprs[depth - 1]`), if it is in one.
    fn container_at(&self, depth: usize) -> Option<TextRange> {
        let exprs = &self.exprs[..depth.min(self.exprs.len())];
        let mut i = exprs.len().checked_sub(1)?;
        while i > 0
            && matches!(
                exprs[i - 1],
                Expr::List(_) | Expr::Tuple(_) | Expr::Set(_) | Expr::Dict(_)
            )
        {
            i -= 1;
        }
        (i + 1 < exprs.len()).then(|| exprs[i].range())
    }

    fn call_site_at(&self, depth: usize) -> Option<CallSite> {
        // Ex) Target("/tmp/out_%d" % n), helper(str(p)): the argument is
        // another form of the same path.
        let site = self.argument_site(depth).or_else(|| {
            let exprs = &self.exprs[..depth.min(self.exprs.len())];
            let top = path_use::derived_top(&self.semantic, self.scope, exprs, true)?;
            let at = exprs.iter().rposition(|e| std::ptr::eq(*e, top))?;
            (at + 1 < exprs.len())
                .then(|| self.argument_site(at + 1))
                .flatten()
        });
        // Summary mode: `return "at %s" % p` — the caller decides; not
        // `return open(p[0])`, where the path meets unknown code first.
        let returned = |value: &Expr| {
            let exprs = &self.exprs[..depth.min(self.exprs.len())];
            path_use::derived_top(&self.semantic, self.scope, exprs, false)
                .is_some_and(|top| top.range() == value.range())
        };
        if site.is_none()
            && self.summarize
            && matches!(self.current_stmt(), Some(Stmt::Return(r)) if r.value.as_deref().is_some_and(returned))
        {
            return Some(CallSite::to(Target::ReturnValue));
        }
        site
    }

    fn argument_site(&self, depth: usize) -> Option<CallSite> {
        let exprs = &self.exprs[..depth.min(self.exprs.len())];
        if self.stored_on_mock(exprs) {
            return Some(CallSite::to(Target::Inert));
        }
        let n = exprs.len();
        let mut argument = exprs.get(n.checked_sub(1)?)?;
        let mut parent = exprs.get(n.checked_sub(2)?)?;
        // Ex) inner(*args) in a summary: where `args`'s elements land.
        let spread = matches!(parent, Expr::Starred(_));
        if matches!(parent, Expr::List(_) | Expr::Tuple(_) | Expr::Starred(_)) {
            argument = parent;
            parent = exprs.get(n.checked_sub(3)?)?;
        }
        let Expr::Call(call) = parent else {
            return None;
        };
        let range = argument.range();
        let arguments = &call.arguments;
        let arg = if let Some(i) = arguments.args.iter().position(|a| a.range() == range) {
            // A `*rest` before it shifts the positions.
            if arguments.args[..i].iter().any(Expr::is_starred_expr) {
                return None;
            }
            if spread {
                Arg::Spread(i)
            } else {
                Arg::Positional(i)
            }
        } else {
            let keyword = arguments
                .keywords
                .iter()
                .find(|k| k.value.range() == range)?;
            match &keyword.arg {
                Some(name) => Arg::Keyword(name.id.to_string()),
                // Ex) inner(**kwargs)
                None => Arg::SpreadKeywords,
            }
        };
        // Ex) self.assertRaises(SystemExit, parse, ["-f", p]): parse(["-f", p]).
        if let Expr::Attribute(attr) = call.func.as_ref()
            && let Some(index) = path_use::callable_index(attr.attr.id.as_str())
        {
            let arg = match arg {
                Arg::Positional(i) if i > index => Arg::Positional(i - index - 1),
                Arg::Keyword(name) => Arg::Keyword(name),
                _ => return None,
            };
            let (target, bound) = self.callee(arguments.args.get(index)?)?;
            add_target(&mut self.site_targets.borrow_mut(), &target);
            return Some(CallSite {
                target,
                arg,
                bound,
                // assertRaises(exc, f, ...) returns None.
                result: Some(UseKind::Neutral),
                result_of: None,
                result_only_printed: false,
                stmt: None,
                patched: self.patched_here().cloned().collect(),
                functions: Vec::new(),
            });
        }
        let (target, bound) = self
            .callee(&call.func)
            .or_else(|| self.parameter_called(&call.func))?;
        add_target(&mut self.site_targets.borrow_mut(), &target);
        // How the call's own result is used, for a callee that returns it.
        let at = exprs.iter().rposition(|e| std::ptr::eq(*e, *parent))?;
        let result = path_use::classify(
            &self.semantic,
            self.scope,
            &exprs[..=at],
            self.current_stmt(),
            self.source,
        );
        let stmt = match self.current_stmt() {
            Some(Stmt::Expr(own)) if own.value.range() == call.range() => Some(own.range),
            _ => None,
        };
        // Ex) repr(Config(p)), not Config(p).load(): no method of it is called.
        // Not `super().__init__(p)`: that object lives on.
        let result_only_printed = matches!(result, UseKind::Neutral | UseKind::NameOnly)
            && !matches!(call.func.as_ref(), Expr::Attribute(a) if a.attr.id.as_str() == "__init__")
            && !at
                .checked_sub(1)
                .is_some_and(|up| matches!(exprs[up], Expr::Attribute(_)));
        Some(CallSite {
            target,
            arg,
            bound,
            result: Some(result),
            result_of: None,
            result_only_printed,
            stmt,
            patched: self.patched_here().cloned().collect(),
            functions: self.functions_passed(call),
        })
    }

    /// Summary mode: `func(*args)` where `func` is a parameter of the
    /// function being summarized; the caller says which function it is.
    /// Outside summary mode, a parameter whose default names a function
    /// (`def temp_dir(remover=shutil.rmtree)`) calls that function: the
    /// default is the function's own contract, and a caller passing
    /// another one takes the path on with it.
    fn parameter_called(&self, func: &Expr) -> Option<(Target, bool)> {
        let Expr::Name(name) = func else {
            return None;
        };
        let function = self.function?;
        let id = name.id.as_str();
        let parameter = function
            .def
            .parameters
            .iter_non_variadic_params()
            .find(|p| p.parameter.name.id.as_str() == id)?;
        self.semantic.only_binding(self.scope, id)?;
        if self.summarize {
            return Some((Target::Parameter(id.to_string()), false));
        }
        Some((self.function_target(parameter.default.as_deref()?)?, false))
    }

    /// The arguments of `call` that name a function (`os.remove`, a helper
    /// of the module): what a callee may call through its parameter.
    fn functions_passed(&self, call: &'a ruff_python_ast::ExprCall) -> Vec<(Arg, Target)> {
        let named = |expr: &'a Expr| self.function_target(expr);
        let arguments = &call.arguments;
        let positional = arguments
            .args
            .iter()
            .take_while(|a| !a.is_starred_expr())
            .enumerate()
            .filter_map(|(i, a)| Some((Arg::Positional(i), named(a)?)));
        let keywords = arguments.keywords.iter().filter_map(|k| {
            Some((
                Arg::Keyword(k.arg.as_ref()?.id.to_string()),
                named(&k.value)?,
            ))
        });
        positional.chain(keywords).collect()
    }

    /// The function an expression names (`os.remove`, a helper of the
    /// module), as a summary target.
    fn function_target(&self, expr: &'a Expr) -> Option<Target> {
        if !matches!(expr, Expr::Name(_) | Expr::Attribute(_)) {
            return None;
        }
        if let Some(qualified) = self.semantic.qualified_name(self.scope, expr)
            && !matches!(qualified.first(), Some(&"builtins") | None)
        {
            return Some(Target::External(qualified.join(".")));
        }
        let (target, _) = self.callee(expr)?;
        add_target(&mut self.site_targets.borrow_mut(), &target);
        Some(target)
    }

    /// The call a use of kind `kind` hands the path to, when a summary may
    /// say more: an unknown callee, or any callee a mock or `mock.patch`
    /// replaces (`os.remove` patched in a test removes nothing).
    pub fn handoff(&mut self, kind: UseKind) -> Option<CallSite> {
        self.handoff_at(kind, self.exprs.len())
    }

    /// [`Checker::handoff`] for the expression at `depth` of the stack
    /// (`exprs[depth - 1]`), below the one being visited.
    pub fn handoff_at(&mut self, kind: UseKind, depth: usize) -> Option<CallSite> {
        let site = self.call_site_at(depth);
        if kind != UseKind::Unknown {
            return site.filter(|site| site.target == Target::Inert);
        }
        self.with_carriers(site, depth)
    }

    /// Ex) `fake.stdout.return_value = ["/tmp/x"]` on a `MagicMock`: the
    /// value only ever reaches the mock.
    fn stored_on_mock(&self, exprs: &[&'a Expr]) -> bool {
        let (Some(Stmt::Assign(assign)), Some(top)) = (self.current_stmt(), exprs.last()) else {
            return false;
        };
        assign.value.range().contains_range(top.range())
            && assign.targets.iter().all(|target| {
                let mut root = target;
                while let Expr::Attribute(ruff_python_ast::ExprAttribute { value, .. })
                | Expr::Subscript(ruff_python_ast::ExprSubscript { value, .. }) = root
                {
                    root = value;
                }
                !std::ptr::eq(root, target)
                    && matches!(root, Expr::Name(name)
                        if self.semantic.owner(self.scope, name.id.as_str())
                            .is_some_and(|owner| self.mocks.contains(&(owner, name.id.as_str()))))
            })
    }

    /// The function a call expression calls, as a summary target.
    fn callee(&self, func: &'a Expr) -> Option<(Target, bool)> {
        // Ex) Vendor().run_command(p): a method of the object just made.
        if let Expr::Attribute(attr) = func
            && let Expr::Call(made) = attr.value.as_ref()
        {
            let method = attr.attr.id.as_str();
            return match self.callee(&made.func)? {
                (Target::Local(init), true) => {
                    let class = init.strip_suffix(".__init__")?;
                    Some((Target::Local(format!("{class}.{method}")), true))
                }
                (Target::File(file, class), false) => {
                    Some((Target::File(file, format!("{class}.{method}")), true))
                }
                _ => None,
            };
        }
        let mut root = func;
        while let Expr::Attribute(attr) = root {
            root = &attr.value;
        }
        let Expr::Name(root) = root else {
            return None;
        };
        let root_name = root.id.as_str();
        if let Some(owner) = self.semantic.owner(self.scope, root_name)
            && self.mocks.contains(&(owner, root_name))
        {
            return Some((Target::Inert, false));
        }
        let qualified = self.semantic.qualified_name(self.scope, func);
        if let Some(qualified) = &qualified {
            let dotted = qualified.join(".");
            if self.patched_here().any(|p| *p == dotted) {
                return Some((Target::Inert, false));
            }
        }
        match func {
            // Ex) helper(p), Config(p) for a module-level def or class.
            Expr::Name(name) => {
                let id = name.id.as_str();
                if let Some(&is_class) = self.module_defs.get(id)
                    && self.semantic.owner(self.scope, id) == Some(MODULE_SCOPE)
                    && self.semantic.scopes[MODULE_SCOPE]
                        .bindings
                        .get(id)
                        .is_some_and(|b| b.len() == 1)
                {
                    return Some(if is_class {
                        (Target::Local(format!("{id}.__init__")), true)
                    } else {
                        (Target::Local(id.to_string()), false)
                    });
                }
                let owner = self.semantic.owner(self.scope, id)?;
                let bindings = self.semantic.scopes[owner].bindings.get(id)?;
                let [binding] = bindings.as_slice() else {
                    return None;
                };
                let (level, module, member) = binding.kind.imported_from()?;
                let file = crate::package::module_file(self.path?, level, module)?;
                Some((Target::File(file, member.to_string()), false))
            }
            Expr::Attribute(attr) => {
                // Ex) c = Client(); c.get_url(p) / self.client.remove(p).
                if let Some((file, class)) = self.instance_class(&attr.value) {
                    let method = format!("{class}.{}", attr.attr.id);
                    return Some(match file {
                        Some(file) => (Target::File(file.clone(), method), true),
                        None => (Target::Local(method), true),
                    });
                }
                // Ex) self.helper(p) in a method of a module-level class.
                if root_name == "self"
                    && let Some(function) = self.function
                    && let Some(class) = function.class
                    && matches!(attr.value.as_ref(), Expr::Name(_))
                {
                    return Some((
                        Target::Local(format!("{}.{}", class.name.id, attr.attr.id)),
                        true,
                    ));
                }
                let path = self.path?;
                // Ex) from . import util; util.helper(p)
                if let Expr::Name(module) = attr.value.as_ref()
                    && let Some(owner) = self.semantic.owner(self.scope, module.id.as_str())
                    && let Some(binding) = self.semantic.only_binding(owner, module.id.as_str())
                    && let BindingKind::RelativeImport {
                        level,
                        module: None,
                        member,
                    } = binding.kind
                {
                    let file = crate::package::module_file(path, level, member)?;
                    return Some((Target::File(file, attr.attr.id.to_string()), false));
                }
                // Ex) import pkg.util; pkg.util.helper(p): the longest module.
                let qualified = qualified?;
                (1..qualified.len()).rev().find_map(|split| {
                    let module = qualified[..split].join(".");
                    let file = crate::package::module_file(path, 0, &module)?;
                    Some((Target::File(file, qualified[split..].join(".")), false))
                })
            }
            _ => None,
        }
    }

    /// The key [`Checker::instances`] knows an object by: `scope:name` for a
    /// variable bound once, `Class.field` for `self.field` in a method.
    fn instance_key(&self, object: &Expr) -> Option<String> {
        match object {
            Expr::Name(name) => {
                let id = name.id.as_str();
                let owner = self.semantic.owner(self.scope, id)?;
                let bindings = self.semantic.scopes[owner].bindings.get(id)?;
                (bindings.len() == 1).then(|| format!("{owner}:{id}"))
            }
            Expr::Attribute(attr) if matches!(attr.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self") =>
            {
                let class = self.method_class()?;
                Some(format!("{}.{}", class.name.id, attr.attr.id))
            }
            // Ex) Target.fs for a module-level class of this file.
            Expr::Attribute(attr) => {
                let Expr::Name(class) = attr.value.as_ref() else {
                    return None;
                };
                let id = class.id.as_str();
                (self.module_defs.get(id) == Some(&true)
                    && self.semantic.owner(self.scope, id) == Some(MODULE_SCOPE)
                    && self.semantic.only_binding(MODULE_SCOPE, id).is_some())
                .then(|| format!("{id}.{}", attr.attr.id))
            }
            _ => None,
        }
    }

    /// The class of an object made by a constructor call this file sees.
    fn instance_class(&self, object: &Expr) -> Option<&(Option<std::path::PathBuf>, String)> {
        self.instances.get(&self.instance_key(object)?)
    }

    /// Remembers the class of `target = Class(...)`.
    fn note_instance(&mut self, value: &'a Expr, target: &'a Expr) {
        let Expr::Call(call) = value else {
            return;
        };
        let class = match self.callee(&call.func) {
            Some((Target::Local(name), _)) => match name.strip_suffix(".__init__") {
                Some(class) => (None, class.to_string()),
                None => return,
            },
            Some((Target::File(file, name), _)) => (Some(file), name),
            _ => return,
        };
        // Ex) class Target: fs = MemoryFS() — also `self.fs` in its methods
        // and `Target.fs` anywhere.
        if let Expr::Name(name) = target
            && self.semantic.scopes[self.scope].kind == ScopeKind::Class
            && self.semantic.scopes[self.scope].parent == Some(MODULE_SCOPE)
            && let Some(owner) = self.classes.last()
        {
            self.instances
                .insert(format!("{}.{}", owner.name.id, name.id), class.clone());
        }
        // Bound before the name is: the key needs the binding.
        let key = match target {
            Expr::Name(name) => format!("{}:{}", self.scope, name.id),
            _ => match self.instance_key(target) {
                Some(key) => key,
                None => return,
            },
        };
        self.instances.insert(key, class);
    }

    /// Whether the function of `scope` (or one around it) patches anything
    /// while it runs.
    pub fn patches_code(&self, scope: ScopeId) -> bool {
        let mut current = Some(scope);
        while let Some(id) = current {
            if self.patching.contains(&id) {
                return true;
            }
            current = self.semantic.scopes[id].parent;
        }
        false
    }

    /// The names patched in the enclosing function scopes, and by the
    /// `setUp` of the enclosing class.
    fn patched_here(&self) -> impl Iterator<Item = &String> {
        let mut scopes = Vec::new();
        let mut scope = Some(self.scope);
        while let Some(id) = scope {
            scopes.push(id);
            scope = self.semantic.scopes[id].parent;
        }
        scopes
            .into_iter()
            .filter_map(|id| self.patched.get(&id))
            .flatten()
    }

    /// Remembers what `mock` makes: a mock object bound to a name, a name
    /// patched for the function (`patch("pkg.mod.f")`, `patch.object(X, "m")`).
    fn note_mocks(&mut self, value: &'a Expr, target: Option<&'a Expr>) {
        let Expr::Call(call) = value else {
            return;
        };
        let qualified = self.semantic.qualified_name(self.scope, &call.func);
        let Some(qualified) = qualified else {
            // Ex) mocker.patch("pkg.mod.f")
            if let Expr::Attribute(attr) = call.func.as_ref()
                && matches!(attr.value.as_ref(), Expr::Name(n) if n.id.as_str() == "mocker")
            {
                self.patching.insert(self.function_scope());
                self.note_patch(call, attr.attr.id.as_str(), target);
            }
            return;
        };
        // Ex) unittest.mock.patch, mock.patch, or a test suite's own
        // re-export of it (salt's `tests.support.mock.patch`).
        let Some(at) = qualified.iter().position(|segment| *segment == "mock") else {
            return;
        };
        let rest = &qualified[at + 1..];
        if rest.first() == Some(&"patch") {
            self.patching.insert(self.function_scope());
        }
        match rest {
            ["Mock" | "MagicMock" | "NonCallableMock" | "AsyncMock" | "create_autospec"] => {
                if let Some(Expr::Name(name)) = target {
                    self.mocks.insert((self.scope, name.id.as_str()));
                }
            }
            ["patch"] => self.note_patch(call, "patch", target),
            ["patch", "object"] => self.note_patch(call, "object", target),
            _ => {}
        }
    }

    fn note_patch(
        &mut self,
        call: &'a ruff_python_ast::ExprCall,
        how: &str,
        target: Option<&'a Expr>,
    ) {
        let Some(patched) = self.patch_name(self.scope, call, how) else {
            return;
        };
        let scope = self.function_scope();
        self.patched.entry(scope).or_default().push(patched);
        if let Some(Expr::Name(name)) = target {
            self.mocks.insert((self.scope, name.id.as_str()));
        }
    }

    /// What `patch("pkg.mod.f")` (`how`: "patch") or `patch.object(X, "m")`
    /// ("object") patches, as a dotted name.
    fn patch_name(
        &self,
        scope: ScopeId,
        call: &'a ruff_python_ast::ExprCall,
        how: &str,
    ) -> Option<String> {
        let args = &call.arguments.args;
        Some(match how {
            "patch" => match args.first() {
                Some(Expr::StringLiteral(s)) => s.value.to_str().to_string(),
                _ => return None,
            },
            "object" => match (args.first(), args.get(1)) {
                (Some(object), Some(Expr::StringLiteral(s))) => {
                    let q = self.semantic.qualified_name(scope, object)?;
                    format!("{}.{}", q.join("."), s.value.to_str())
                }
                _ => return None,
            },
            _ => return None,
        })
    }

    /// Ex) `pkg.client.subprocess.Popen = DummyPopen` or
    /// `patch("pkg.os.remove").start()` in `setUp`: patched for every test
    /// of the class (recorded on the class's scope).
    fn note_set_up_patches(&mut self, class_scope: ScopeId, class: &'a StmtClassDef) {
        struct Patches<'c, 'a> {
            checker: &'c Checker<'a>,
            scope: ScopeId,
            names: Vec<String>,
        }
        impl<'a> Visitor<'a> for Patches<'_, 'a> {
            fn visit_stmt(&mut self, stmt: &'a Stmt) {
                if let Stmt::Assign(assign) = stmt
                    && let [target @ Expr::Attribute(_)] = assign.targets.as_slice()
                    && let Some(q) = self.checker.semantic.qualified_name(self.scope, target)
                    && q.len() >= 2
                    && q.first() != Some(&"builtins")
                {
                    self.names.push(q.join("."));
                }
                visitor::walk_stmt(self, stmt);
            }
            fn visit_expr(&mut self, expr: &'a Expr) {
                if let Expr::Call(call) = expr
                    && let Some(q) = self.checker.semantic.qualified_name(self.scope, &call.func)
                    && let Some(at) = q.iter().position(|s| *s == "mock")
                {
                    let how = match &q[at + 1..] {
                        ["patch"] => Some("patch"),
                        ["patch", "object"] => Some("object"),
                        _ => None,
                    };
                    if let Some(name) =
                        how.and_then(|how| self.checker.patch_name(self.scope, call, how))
                    {
                        self.names.push(name);
                    }
                }
                visitor::walk_expr(self, expr);
            }
        }
        let mut patches = Patches {
            checker: self,
            scope: class_scope,
            names: Vec::new(),
        };
        for stmt in &class.body {
            if let Stmt::FunctionDef(def) = stmt
                && SET_UP_METHODS.contains(&def.name.id.as_str())
            {
                patches.visit_body(&def.body);
            }
        }
        let names = patches.names;
        if !names.is_empty() {
            self.patched.entry(class_scope).or_default().extend(names);
        }
    }

    /// The innermost function scope around the current one (the module if none).
    fn function_scope(&self) -> ScopeId {
        let mut scope = self.scope;
        while self.semantic.scopes[scope].kind != ScopeKind::Function {
            match self.semantic.scopes[scope].parent {
                Some(parent) => scope = parent,
                None => break,
            }
        }
        scope
    }

    /// Replaces the unknown uses whose call a summary knows by what the
    /// summary says (one use per kind).
    fn resolve_call_sites(&mut self) {
        for id in 0..self.watches.len() {
            // A value holding a path: asked only when a path's use needs it.
            if self.is_carrier(id) {
                continue;
            }
            let mut i = 0;
            while i < self.watches[id].uses.len() {
                let use_ = &self.watches[id].uses[i];
                let resolved = match (&use_.kind, &use_.site) {
                    (UseKind::Unknown, Some(site)) => self.resolve_site(site),
                    _ => None,
                };
                let Some(kinds) = resolved else {
                    i += 1;
                    continue;
                };
                let template = self.watches[id].uses[i].clone();
                // Ex) remove(p) as a statement: the path is removed there.
                let at = template.site.as_ref().and_then(|site| site.stmt);
                let uses = &mut self.watches[id].uses;
                uses.splice(
                    i..=i,
                    kinds.iter().map(|&kind| PathUse {
                        kind: match kind {
                            UseKind::Remove { stmt: None } => UseKind::Remove { stmt: at },
                            kind => kind,
                        },
                        site: None,
                        ..template.clone()
                    }),
                );
                i += kinds.len().max(1);
            }
        }
    }

    /// Visits the module and runs every enabled transform.
    pub fn run(mut self) -> Vec<Diagnostic> {
        self.transforms = Rule::ALL
            .iter()
            .filter(|rule| self.rules.contains(**rule))
            .map(|rule| rule.new_transform())
            .collect();
        self.walk();
        self.resolve_call_sites();
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
            shape: Shape::Same,
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
                    let kind = match (&import.module, module) {
                        (_, Some(module)) => BindingKind::FromImport { module, member },
                        (relative, None) => BindingKind::RelativeImport {
                            level: import.level,
                            module: relative.as_ref().map(|m| m.id.as_str()),
                            member,
                        },
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
        if self.scope == MODULE_SCOPE {
            self.module_defs.insert(function.name.id.as_str(), false);
        }
        let scope = self.semantic.push_scope(ScopeKind::Function, self.scope);
        self.function_scopes.insert(function.start(), scope);
        let outer = std::mem::replace(&mut self.scope, scope);
        self.bind_parameters(&function.parameters);
        for decorator in &function.decorator_list {
            // Ex) @mock.patch("pkg.mod.f"): patched for the function's body.
            self.note_mocks(&decorator.expression, None);
        }
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
        if self.scope == MODULE_SCOPE {
            self.module_defs.insert(class.name.id.as_str(), true);
            if self.summarize {
                let bases = class
                    .bases()
                    .iter()
                    .filter(|b| matches!(b, Expr::Name(_) | Expr::Attribute(_)))
                    .map(|b| self.source[b.range()].to_string())
                    .collect();
                self.class_bases.insert(class.name.id.to_string(), bases);
            }
        }
        let scope = self.semantic.push_scope(ScopeKind::Class, self.scope);
        let outer = std::mem::replace(&mut self.scope, scope);
        let blocks = std::mem::take(&mut self.blocks);
        self.classes.push(class);
        self.note_set_up_patches(scope, class);
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

    /// Ex) Config(logfile=p); ...; log = process.config.logfile: `log` is
    /// followed as a [`ReadBack`].
    fn note_read_back(&mut self, value: &'a Expr, target: &'a Expr) {
        let (Expr::Attribute(attr), Expr::Name(name)) = (value, target) else {
            return;
        };
        let attribute = attr.attr.id.as_str();
        if self.summarize || !self.passed_keywords.contains(&(self.scope, attribute)) {
            return;
        }
        let watch = self.watch(name.id.as_str());
        self.read_back.push(ReadBack {
            scope: self.scope,
            attribute,
            bound: name.start(),
            watch,
        });
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
        let kind = self.classify_here();
        // Ex) kwargs.get("path"), args[0]: an element taken out of `*args`
        // or `**kwargs` is used where tempsafe does not follow it.
        let n = self.exprs.len();
        let kind = if self.rest_parameters.contains(&id)
            && n >= 2
            && matches!(self.exprs[n - 2], Expr::Attribute(_) | Expr::Subscript(_))
        {
            UseKind::Unknown
        } else {
            kind
        };
        let kind = if self.is_carrier(id) {
            self.carrier_use(kind)
        } else {
            kind
        };
        let blocks = if nested {
            Vec::new()
        } else {
            self.blocks.clone()
        };
        // Ex) self.path = abspath(path) in a summary: the field holds the
        // same path. (A transform judges a value stored on `self` itself.)
        let stored = if self.summarize {
            path_use::derived_top(&self.semantic, self.scope, &self.exprs, true)
                .map_or(range, Ranged::range)
        } else {
            range
        };
        let site = self.handoff(kind).or_else(|| {
            (kind == UseKind::Unknown)
                .then(|| self.field_store(stored))
                .flatten()
        });
        let attribute = self.exprs.len().checked_sub(2).is_some_and(
            |up| matches!(self.exprs[up], Expr::Attribute(a) if a.value.range() == range),
        );
        self.watches[id].uses.push(PathUse {
            range,
            kind,
            nested,
            blocks,
            site,
            attribute,
        });
        // Follow the new name too.
        let bound = match self.current_stmt() {
            Some(Stmt::Assign(assign)) => match assign.targets.as_slice() {
                [Expr::Name(target)] => Some(target),
                _ => None,
            },
            // Ex) tmp: Final[Path] = Path(name)
            Some(Stmt::AnnAssign(assign)) if assign.value.is_some() => match assign.target.as_ref()
            {
                Expr::Name(target) => Some(target),
                _ => None,
            },
            _ => None,
        };
        if kind == UseKind::Derived
            && let Some(target) = bound
        {
            self.derived_targets.insert(target.start(), id);
            let shape =
                path_use::derived_shape(&self.semantic, self.scope, &self.exprs, self.source);
            let child = self.watch_derived(target.id.as_str(), Some(id));
            self.watches[child].shape = shape;
        }
    }

    /// Every use of `id` and of the names derived from it, in source order,
    /// each with how the name used relates to `id` (`q = os.path.join(p,
    /// "x")`: a use of `q` is inside `p`).
    pub fn uses_with_shape(&self, id: WatchId) -> Vec<(&PathUse, Shape)> {
        let mut ids = vec![(id, Shape::Same)];
        let mut i = 0;
        while i < ids.len() {
            let (parent, shape) = ids[i];
            ids.extend(self.watches[parent].children.iter().map(|&child| {
                let own = self.watches[child].shape;
                (child, shape.then(own))
            }));
            i += 1;
        }
        let mut uses: Vec<(&PathUse, Shape)> = ids
            .iter()
            .flat_map(|&(i, shape)| self.watches[i].uses.iter().map(move |u| (u, shape)))
            .collect();
        uses.sort_by_key(|(u, _)| u.range.start());
        uses
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

/// How a class gets its `__init__` from its fields ([`Checker::record_class`]).
#[derive(Clone, Copy)]
struct Record {
    /// An attrs class: `x = attr.ib()` is a field, `_x` is set by `x=`.
    attrs: bool,
    /// Annotated class attributes (`x: str`) are fields.
    annotated: bool,
    /// The fields bind by position too (no other base adds fields first).
    by_position: bool,
}

/// One parameter of a generated `__init__`.
struct RecordField {
    parameter: String,
    /// The field it sets; `None` for a dataclass `InitVar`.
    stored: Option<String>,
    by_position: bool,
}

/// The parameters of a record class's generated `__init__`, in order. Not
/// `ClassVar`s, not fields left out of `__init__`; after a `_: KW_ONLY`
/// marker, keywords only.
fn record_fields(class: &StmtClassDef, record: Record) -> Vec<RecordField> {
    let call_name = |expr: &Expr| -> Option<String> {
        let Expr::Call(call) = expr else {
            return None;
        };
        let name = match call.func.as_ref() {
            Expr::Name(name) => name.id.to_string(),
            Expr::Attribute(attr) => attr.attr.id.to_string(),
            _ => return None,
        };
        Some(name)
    };
    let attrs_field = |value: Option<&Expr>| {
        matches!(
            value.and_then(call_name).as_deref(),
            Some("ib" | "attrib" | "field")
        )
    };
    let left_out = |value: Option<&Expr>| {
        let Some(Expr::Call(call)) = value else {
            return false;
        };
        call.arguments.keywords.iter().any(|k| {
            k.arg.as_ref().is_some_and(|a| a.id.as_str() == "init")
                && matches!(k.value, Expr::BooleanLiteral(ref b) if !b.value)
        })
    };
    let mut fields = Vec::new();
    let mut by_position = record.by_position;
    for stmt in &class.body {
        let mut stored = true;
        let (name, value) = match stmt {
            // Ex) name: bytes = attr.ib(converter=...) under a plain @attr.s
            Stmt::AnnAssign(assign)
                if record.annotated || record.attrs && attrs_field(assign.value.as_deref()) =>
            {
                let annotation = ruff_python_ast::helpers::map_subscript(&assign.annotation);
                let head = match annotation {
                    Expr::Name(name) => name.id.as_str(),
                    Expr::Attribute(attr) => attr.attr.id.as_str(),
                    _ => "",
                };
                match head {
                    "ClassVar" => continue,
                    "KW_ONLY" => {
                        by_position = false;
                        continue;
                    }
                    "InitVar" => stored = false,
                    _ => {}
                }
                let Expr::Name(name) = assign.target.as_ref() else {
                    continue;
                };
                (name.id.as_str(), assign.value.as_deref())
            }
            Stmt::Assign(assign) if record.attrs && attrs_field(Some(&assign.value)) => {
                let [Expr::Name(name)] = assign.targets.as_slice() else {
                    continue;
                };
                (name.id.as_str(), Some(&*assign.value))
            }
            _ => continue,
        };
        if left_out(value) {
            continue;
        }
        let parameter = if record.attrs {
            name.trim_start_matches('_')
        } else {
            name
        };
        fields.push(RecordField {
            parameter: parameter.to_string(),
            stored: stored.then(|| name.to_string()),
            by_position,
        });
    }
    fields
}

/// Adds what the local summaries must visit for `target` to `wanted`.
fn add_target(wanted: &mut HashSet<String>, target: &Target) {
    match target {
        Target::Local(name) => {
            wanted.insert(name.clone());
            // A constructor, and a method that a base class may define.
            wanted.insert(format!("{name}.__init__"));
            if let Some((_, method)) = name.rsplit_once('.') {
                wanted.insert(format!(".{method}"));
            }
        }
        Target::Field(name) => {
            if let Some((class, _)) = name.split_once('.') {
                wanted.insert(format!("{class}.*"));
            }
        }
        Target::File(..)
        | Target::Inert
        | Target::ReturnValue
        | Target::Value(_)
        | Target::External(_)
        | Target::Parameter(_) => {}
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
                if let [target] = assign.targets.as_slice() {
                    self.note_mocks(&assign.value, Some(target));
                    self.note_instance(&assign.value, target);
                    self.note_read_back(&assign.value, target);
                } else {
                    self.note_mocks(&assign.value, None);
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
                    self.note_mocks(&item.context_expr, item.optional_vars.as_deref());
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
            Stmt::Expr(expr) => {
                // Ex) mocker.patch("pkg.mod.f")
                self.note_mocks(&expr.value, None);
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.stmts.pop();
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.exprs.push(expr);
        // Ex) Config(logfile=p): for a `ReadBack` of `.logfile` later on.
        if let Expr::Call(call) = expr
            && !self.summarize
        {
            for keyword in &call.arguments.keywords {
                if let Some(arg) = &keyword.arg {
                    self.passed_keywords.insert((self.scope, arg.id.as_str()));
                }
            }
        }
        match expr {
            Expr::Attribute(attr)
                if self.summarize
                    && attr.ctx == ExprContext::Load
                    && matches!(attr.value.as_ref(), Expr::Name(n) if n.id.as_str() == "self") =>
            {
                self.record_field_use(attr);
            }
            Expr::Name(name) => {
                let id = name.id.as_str();
                match name.ctx {
                    ExprContext::Store => self.bind(id, BindingKind::Other, name.range),
                    ExprContext::Load => {
                        // Ex) register(self) in __init__: anything may run.
                        if self.summarize
                            && id == "self"
                            && let Some(class) = self.text_method_class()
                            && !self.exprs.len().checked_sub(2).is_some_and(|up| {
                                matches!(self.exprs[up], Expr::Attribute(a) if a.value.range() == name.range)
                            })
                        {
                            self.opaque_classes.insert(class.name.id.as_str());
                        }
                        if self.semantic.owner(self.scope, id).is_none() {
                            self.semantic.unresolved.insert(id);
                        }
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
