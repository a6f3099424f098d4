//! Function summaries: what a function does to a path passed to it, in
//! [`UseKind`] terms, following calls further into the package (bounded
//! depth, cycles cut). A path handed to a function with a known summary
//! gets the summary's uses instead of "unknown".
//!
//! Summaries of the module being checked come from its own text; those of
//! other modules of the package from their files, each parsed at most once
//! per run and shared by the worker threads.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use ruff_python_ast::Expr;

use crate::module_parts::ModuleParts;
use crate::path_use::{DirCreation, UseKind};
use crate::semantic::{ScopeId, Semantic};

/// How deep calls are followed.
pub(crate) const MAX_DEPTH: usize = 4;

/// How many modules' texts and summaries are kept at once.
const MAX_CACHED_MODULES: usize = 256;

/// Files larger than this are not read for summaries.
const MAX_FILE_SIZE: u64 = 2 << 20;

/// The function a path is handed to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A function or method of the module being checked (`f`, `Class.m`).
    Local(String),
    /// A function or method of another module of the package.
    File(PathBuf, String),
    /// A mock, a patched name, or a function known to do nothing with paths.
    Inert,
    /// In a summary: the parameter (or a string built from it) is returned;
    /// the caller's use of the call's result decides.
    ReturnValue,
    /// `self.<field>` of a class of the module being checked (`Class.field`):
    /// a path stored there gets the uses of the field in the class's methods.
    Field(String),
    /// A value of the module being checked that holds the path (`expected =
    /// ["-i", p]`): the uses of the name it is bound to decide, by
    /// [`crate::checker::Checker`] (watch index). Never in a summary.
    Value(usize),
    /// A function outside the package (`subprocess.Popen`), by qualified
    /// name: unknown, unless the test making the call patches it or the
    /// path's position alone says what it does (`os.remove`).
    External(String),
    /// In a summary: the function the caller passes as this parameter
    /// (`def retry(func, *args): func(*args)`), from [`CallSite::functions`].
    Parameter(String),
}

/// Which parameter the path is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    Positional(usize),
    Keyword(String),
    /// `inner(a, *args)`: a `*args` parameter spread from this position on;
    /// where its elements land depends on the caller's argument.
    Spread(usize),
    /// `inner(**kwargs)`: a `**kwargs` parameter spread into keywords.
    SpreadKeywords,
}

/// How a parameter takes its argument.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParamKind {
    /// By position or by keyword.
    #[default]
    Positional,
    KeywordOnly,
    /// `*args`: the positional arguments after the named ones.
    Rest,
    /// `**kwargs`: the keyword arguments no other parameter takes.
    RestKeywords,
}

/// Which element of a `*args` or `**kwargs` parameter the path is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    Index(usize),
    Key(String),
}

/// One call a path is handed to, as a summary can answer it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallSite {
    pub target: Target,
    pub arg: Arg,
    /// Called through an instance or a constructor: the first parameter
    /// (`self`) is already bound.
    pub bound: bool,
    /// How the caller uses the call's result (`print(describe(p))`).
    pub result: Option<UseKind>,
    /// The call's result is bound to a name whose uses decide `result`
    /// (`url = c.get_url(p)`): its watch index in the module being checked.
    /// Replaced by `result` before a summary is kept.
    pub result_of: Option<usize>,
    /// The result is only printed, formatted or compared where it is made
    /// (`repr(Config(p))`), no attribute of it used: of an object made
    /// there, only the methods printing it runs are.
    pub result_only_printed: bool,
    /// The caller's statement when the call is a statement of its own: a
    /// removal the callee makes happens there.
    pub stmt: Option<ruff_text_size::TextRange>,
    /// The names patched where the call is made (`mock.patch("pkg.os.remove")`,
    /// `pkg.subprocess.Popen = DummyPopen` in `setUp`): code the callee
    /// reaches through them does not run.
    pub patched: Vec<String>,
    /// The arguments that name functions (`retry(os.remove, p)`): what the
    /// callee calls through a [`Target::Parameter`].
    pub functions: Vec<(Arg, Target)>,
}

impl CallSite {
    /// A site that names only where the path goes: no parameter, result or
    /// statement of its own to say more.
    pub fn to(target: Target) -> Self {
        CallSite {
            target,
            arg: Arg::Positional(0),
            bound: false,
            result: None,
            result_of: None,
            result_only_printed: false,
            stmt: None,
            patched: Vec::new(),
            functions: Vec::new(),
        }
    }
}

/// What a function does with one of its parameters.
#[derive(Debug, Clone, Default)]
pub struct ParamSummary {
    pub name: String,
    pub kind: ParamKind,
    /// Each use, with the call it was handed to when that is unknown.
    pub uses: Vec<(UseKind, Option<CallSite>)>,
}

/// The summaries of one module's functions and methods, by qualified name.
#[derive(Debug, Default)]
pub struct ModuleSummaries {
    pub functions: HashMap<String, Vec<ParamSummary>>,
    /// Each `self.<field>` read in a class's methods (`Class.field`): what
    /// the reads do with the path stored there. A field-name approximation:
    /// every instance of the class shares it, subclasses are not followed.
    pub fields: HashMap<String, Vec<(UseKind, Option<CallSite>)>>,
    /// The reads of [`ModuleSummaries::fields`] in the methods printing or
    /// comparing an object runs (`__repr__`, `__eq__`, ...): all that
    /// happens to a field of an object that is only printed or compared.
    pub text_fields: HashMap<String, Vec<(UseKind, Option<CallSite>)>>,
    /// Names the module imports from elsewhere (`from .command import
    /// QuoteString`): level, module and member, for names it re-exports.
    pub imports: HashMap<String, (u32, String, String)>,
    /// The module's file, for its relative imports.
    pub path: Option<PathBuf>,
    /// The bases of each module-level class, as written (`Base`, `mod.Base`).
    pub bases: HashMap<String, Vec<String>>,
    /// The class of the object a field holds (`Class.field`: `fs =
    /// MemoryFS()` in the class body, `self.fs = MemoryFS()` in a method),
    /// with its module when that is another one.
    pub class_instances: HashMap<String, (Option<PathBuf>, String)>,
}

/// How many modules were parsed only for their summaries (for the bench).
pub static MODULES_PARSED: AtomicUsize = AtomicUsize::new(0);

/// Keyed by the path's bytes: hashing a `Path` parses its components. Each
/// entry is filled once: a thread asking for a module another thread is
/// reading waits for it rather than parse the module a second time.
type Cache = Mutex<HashMap<std::ffi::OsString, Arc<OnceLock<Option<Arc<ModuleParts>>>>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// Another module of the package, read once per run; its parts are
/// summarized when asked for.
pub(crate) fn module(path: &Path) -> Option<Arc<ModuleParts>> {
    let entry = {
        let mut cache = cache().lock().ok()?;
        let key = path.as_os_str();
        // A run over many repositories would keep every module it ever
        // summarized (about 80 KB each): past the bound, start again. A
        // module asked for later is read again, with the same summary.
        if cache.len() >= MAX_CACHED_MODULES && !cache.contains_key(key) {
            cache.clear();
        }
        cache.entry(key.to_owned()).or_default().clone()
    };
    entry
        .get_or_init(|| read_module(path).map(Arc::new))
        .clone()
}

/// The function a name imported from another module of the package is
/// bound to there by a plain alias (`remove = os.remove` in a compat
/// module), as a dotted name: the call is the aliased function's.
pub(crate) fn package_alias(semantic: &Semantic, scope: ScopeId, func: &Expr) -> Option<String> {
    let Expr::Name(name) = func else {
        return None;
    };
    let owner = semantic.owner(scope, name.id.as_str())?;
    let binding = semantic.only_binding(owner, name.id.as_str())?;
    let (level, from, member) = binding.kind.imported_from()?;
    let file = crate::package::module_file(semantic.path?, level, from)?;
    module(&file)?.alias(member)
}

fn read_module(path: &Path) -> Option<ModuleParts> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_FILE_SIZE {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    MODULES_PARSED.fetch_add(1, Ordering::Relaxed);
    Some(ModuleParts::new(path, text))
}

/// Answers call sites against the summaries: of the module being checked
/// (`local`) and, through the cache, of the package's other modules.
pub struct Resolver<'s> {
    pub local: &'s ModuleSummaries,
    /// What the caller patches ([`CallSite::patched`]).
    pub patched: &'s [String],
}

impl Resolver<'_> {
    /// What handing a path to `site` does to it; `None` when unknown.
    pub fn kinds(&self, site: &CallSite) -> Option<Vec<UseKind>> {
        self.kinds_at(site, None, 0, &mut Vec::new())
    }

    /// `module`: where the site was found (`None`: the module being checked).
    fn kinds_at(
        &self,
        site: &CallSite,
        module: Option<&Arc<ModuleParts>>,
        depth: usize,
        visiting: &mut Vec<(usize, String, Arg)>,
    ) -> Option<Vec<UseKind>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (callee, qualname, field) = match &site.target {
            Target::Inert => return Some(vec![UseKind::Neutral]),
            // Decided by the checker, which knows the value's uses.
            Target::Value(_) => return None,
            Target::ReturnValue => return Some(vec![returned(site.result, true)]),
            Target::External(name) => {
                if is_patched(self.patched, name) {
                    return Some(vec![UseKind::Neutral]);
                }
                return crate::path_use::by_position(name, &site.arg).map(|kind| vec![kind]);
            }
            // Substituted by the caller's site below; alone, not known.
            Target::Parameter(_) => return None,
            Target::Local(name) => (module.cloned(), name, false),
            Target::File(path, name) => (Some(crate::summary::module(path)?), name, false),
            Target::Field(name) => (module.cloned(), name, true),
        };
        // Ex) `Class.method`: the part of the module that defines `Class`.
        let head = qualname.split('.').next().unwrap_or(qualname);
        let part = match &callee {
            Some(parts) => Some(parts.part(head)?),
            None => None,
        };
        let summaries: &ModuleSummaries = part.as_deref().unwrap_or(self.local);
        let key = (
            callee.as_ref().map_or(0, |m| Arc::as_ptr(m) as usize),
            qualname.clone(),
            site.arg.clone(),
        );
        // Recursion: what the cycle does beyond this is not known.
        if visiting.contains(&key) {
            return None;
        }
        let mut constructed = false;
        // The callee's parameters, for functions the caller passes in.
        let mut parameters: Option<(&[ParamSummary], bool)> = None;
        let (uses, element) = if field && site.result_only_printed {
            // An object only printed or compared: its text methods run.
            match summaries.text_fields.get(qualname) {
                Some(uses) => (uses, None),
                None => return Some(vec![UseKind::Neutral]),
            }
        } else if field {
            (summaries.fields.get(qualname)?, None)
        } else if let Some(params) = summaries.functions.get(qualname) {
            let (param, element) = bind(params, site)?;
            constructed = qualname.ends_with(".__init__");
            parameters = Some((params, site.bound));
            (&param.uses, element)
        } else if let Some(init) = summaries.functions.get(&format!("{qualname}.__init__")) {
            // Ex) Config(p) for `from pkg import Config`: its __init__.
            let site = CallSite {
                bound: true,
                ..site.clone()
            };
            let (param, element) = bind(init, &site)?;
            constructed = true;
            parameters = Some((init, true));
            (&param.uses, element)
        } else if let Some((field, method)) = qualname.rsplit_once('.')
            && let Some((file, class)) = summaries.class_instances.get(field)
        {
            // Ex) Target.fs.get_data(p), `fs = MemoryFS()` in Target's body.
            let method = format!("{class}.{method}");
            let site = CallSite {
                target: match file {
                    Some(file) => Target::File(file.clone(), method),
                    None => Target::Local(method),
                },
                bound: true,
                ..site.clone()
            };
            return self.kinds_at(&site, callee.as_ref(), depth + 1, visiting);
        } else if let Some((class, method)) = qualname.split_once('.')
            && let Some(bases) = summaries.bases.get(class)
        {
            // Ex) SSHGitClient(...).get_url(p), get_url defined by a base class.
            return bases.iter().find_map(|base| {
                let site = CallSite {
                    target: Target::Local(format!("{base}.{method}")),
                    ..site.clone()
                };
                self.kinds_at(&site, callee.as_ref(), depth + 1, visiting)
            });
        } else {
            // Ex) `from pkg.api import QuoteString`, which pkg/api/__init__.py
            // imports from `.command`: follow the re-export.
            let (head, rest) = qualname.split_once('.').unwrap_or((qualname, ""));
            let (level, module, member) = summaries.imports.get(head)?;
            let file = crate::package::module_file(summaries.path.as_deref()?, *level, module)?;
            let name = if rest.is_empty() {
                member.clone()
            } else {
                format!("{member}.{rest}")
            };
            let site = CallSite {
                target: Target::File(file, name),
                ..site.clone()
            };
            return self.kinds_at(&site, callee.as_ref(), depth + 1, visiting);
        };
        visiting.push(key);
        let mut kinds = Vec::new();
        for (kind, inner) in uses {
            // Ex) def wrapper(*args): inner(*args) — the element's own site.
            let spread = match (&element, inner) {
                (Some(element), Some(inner)) if inner.target != Target::ReturnValue => {
                    match forwarded(inner, element) {
                        Some(site) => Some(site),
                        None => {
                            kinds.push(UseKind::Unknown);
                            continue;
                        }
                    }
                }
                _ => None,
            };
            // Ex) def retry(func, *args): func(*args), called as
            // retry(os.remove, p): the call is to `os.remove`.
            let passed = match spread.as_ref().or(inner.as_ref()) {
                Some(
                    at @ CallSite {
                        target: Target::Parameter(name),
                        ..
                    },
                ) => match parameters
                    .and_then(|(params, bound)| passed_function(params, bound, name, site))
                {
                    Some(target) => Some(CallSite {
                        target,
                        functions: Vec::new(),
                        ..at.clone()
                    }),
                    None => {
                        kinds.push(UseKind::Unknown);
                        continue;
                    }
                },
                _ => None,
            };
            let spread = passed.or(spread);
            // Ex) def f(p): return describe(p) — the caller's use of f's result.
            let composed = inner
                .as_ref()
                .filter(|inner| inner.result == Some(UseKind::Returned))
                .map(|inner| CallSite {
                    result: site.result,
                    ..spread.clone().unwrap_or_else(|| inner.clone())
                });
            let inner = composed.as_ref().or(spread.as_ref()).or(inner.as_ref());
            match (kind, inner) {
                // Ex) def f(*args): return args — a tuple holding the path.
                (UseKind::Returned, _) if element.is_some() => {
                    kinds.push(returned(site.result, true))
                }
                // Ex) def helper(p): return p — the caller's use of the result.
                (UseKind::Returned, _) => kinds.push(returned(site.result, false)),
                (UseKind::Unknown, Some(inner)) if inner.target == Target::ReturnValue => {
                    kinds.push(returned(site.result, true));
                }
                (UseKind::Unknown, Some(inner)) => {
                    // Ex) repr(Config(p)), Config storing `p` on a field.
                    let printed = (constructed
                        && site.result_only_printed
                        && matches!(inner.target, Target::Field(_)))
                    .then(|| CallSite {
                        // What a text method returns is printed or compared.
                        result: Some(UseKind::Neutral),
                        result_only_printed: true,
                        ..inner.clone()
                    });
                    let inner = printed.as_ref().unwrap_or(inner);
                    let inner_kinds = self
                        .kinds_at(inner, callee.as_ref(), depth + 1, visiting)
                        .unwrap_or_else(|| vec![UseKind::Unknown]);
                    // Ex) self.store = Store(d), Store storing `d` on a field
                    // its methods write under: they run whenever they are
                    // called, after this function too when the object
                    // outlives it, so what they do happens at unknown times.
                    let outlives = matches!(inner.target, Target::Field(_))
                        && matches!(
                            site.result,
                            Some(UseKind::Unknown | UseKind::Returned | UseKind::Derived)
                        )
                        && inner_kinds.iter().any(|k| k.reaches_file_system());
                    kinds.extend(inner_kinds);
                    if outlives {
                        kinds.push(UseKind::Unknown);
                    }
                }
                _ => kinds.push(portable(*kind)),
            }
        }
        visiting.pop();
        Some(finish(kinds))
    }
}

/// Whether `name` (`subprocess.Popen`) is one of `patched`, named as the
/// caller reaches it (`dulwich.client.subprocess.Popen`).
pub fn is_patched(patched: &[String], name: &str) -> bool {
    patched
        .iter()
        .any(|p| p == name || p.strip_suffix(name).is_some_and(|head| head.ends_with('.')))
}

/// The parameter an argument binds to, and for a `*args` or `**kwargs`
/// parameter which of its elements the argument is.
fn bind<'p>(
    params: &'p [ParamSummary],
    site: &CallSite,
) -> Option<(&'p ParamSummary, Option<Element>)> {
    let rest = |kind| params.iter().find(|p| p.kind == kind);
    match &site.arg {
        Arg::Positional(i) => {
            let i = i + usize::from(site.bound);
            let named = params
                .iter()
                .filter(|p| p.kind == ParamKind::Positional)
                .count();
            if i < named {
                return Some((&params[i], None));
            }
            Some((rest(ParamKind::Rest)?, Some(Element::Index(i - named))))
        }
        Arg::Keyword(name) => match params.iter().find(|p| &p.name == name) {
            Some(p) if matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly) => {
                Some((p, None))
            }
            Some(_) => None,
            None => Some((
                rest(ParamKind::RestKeywords)?,
                Some(Element::Key(name.clone())),
            )),
        },
        // A spread of the caller's own `*args`: resolved by the caller.
        Arg::Spread(_) | Arg::SpreadKeywords => None,
    }
}

/// The function a caller's `site` passes as the parameter `name`.
fn passed_function(
    params: &[ParamSummary],
    bound: bool,
    name: &str,
    site: &CallSite,
) -> Option<Target> {
    let index = params.iter().position(|p| p.name == name)?;
    let position = index.checked_sub(usize::from(bound))?;
    site.functions.iter().find_map(|(arg, target)| {
        let this = match arg {
            Arg::Positional(i) => *i == position && params[index].kind == ParamKind::Positional,
            Arg::Keyword(keyword) => keyword == name,
            _ => false,
        };
        this.then(|| target.clone())
    })
}

/// The site an element of a `*args`/`**kwargs` parameter reaches when the
/// parameter is spread into another call (`inner(*args)`); `None` for any
/// other use of the parameter (an element taken out, the tuple handed on).
fn forwarded(inner: &CallSite, element: &Element) -> Option<CallSite> {
    let arg = match (&inner.arg, element) {
        (Arg::Spread(at), Element::Index(i)) => Arg::Positional(at + i),
        (Arg::SpreadKeywords, Element::Key(name)) => Arg::Keyword(name.clone()),
        _ => return None,
    };
    Some(CallSite {
        arg,
        ..inner.clone()
    })
}

/// A use as seen from a caller: statements of the callee cannot be edited
/// from there, and a parameter returned or handed on is unknown to it.
fn portable(kind: UseKind) -> UseKind {
    match kind {
        UseKind::Remove { .. } => UseKind::Remove { stmt: None },
        UseKind::CreateDir(dir) => UseKind::CreateDir(DirCreation { stmt: None, ..dir }),
        UseKind::Returned | UseKind::Derived => UseKind::Unknown,
        kind => kind,
    }
}

/// What a returned parameter means to the caller: what it does with the
/// result. A string built from the parameter (`"at %s" % p`) is only
/// followed while the caller treats it as text.
fn returned(result: Option<UseKind>, derived: bool) -> UseKind {
    match result {
        Some(kind @ (UseKind::Neutral | UseKind::NameOnly)) => kind,
        Some(kind) if !derived => portable(kind),
        _ => UseKind::Unknown,
    }
}

/// An unused parameter is not touched; the rest deduplicated.
fn finish(mut kinds: Vec<UseKind>) -> Vec<UseKind> {
    if kinds.is_empty() {
        return vec![UseKind::Neutral];
    }
    let mut seen = Vec::new();
    kinds.retain(|k| {
        if seen.contains(k) {
            false
        } else {
            seen.push(*k);
            true
        }
    });
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_read_again_after_the_cache_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..MAX_CACHED_MODULES + 10)
            .map(|i| {
                let path = dir.path().join(format!("m{i}.py"));
                std::fs::write(&path, "import os\n\n\ndef drop(p):\n    os.remove(p)\n").unwrap();
                path
            })
            .collect();
        let first = module(&paths[0]).unwrap();
        for path in &paths[1..] {
            module(path).unwrap();
        }
        // Past the bound the cache started again: the same module is read
        // anew, and says the same.
        let again = module(&paths[0]).unwrap();
        assert!(!Arc::ptr_eq(&first, &again));
        let uses = |parts: &ModuleParts| {
            let part = parts.part("drop").unwrap();
            format!("{:?}", part.functions.get("drop").map(|p| &p[0].uses))
        };
        assert_eq!(uses(&first), uses(&again));
        assert!(uses(&again).contains("Remove"), "{}", uses(&again));
    }
}
