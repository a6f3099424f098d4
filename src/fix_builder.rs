//! Building one fix: the names it needs (imports reused or added), its
//! edits, the imports it leaves unused, then `finish` with its safety and
//! title. Every transform builds its fixes this way; the engine settles the
//! import removals of the fixes applied in a round, once, in one place.

use ruff_diagnostics::{Applicability, Edit, Fix};

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::edits::fix_from;
use crate::importer::{ImportedName, Importer};
use crate::reason::{NoFix, UnsafeBecause};
use crate::semantic::ScopeId;

/// Whether a fix keeps what the program does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Safety {
    Safe,
    Unsafe(UnsafeBecause),
}

/// `from module import member [as name]` that a fix stops using: removed
/// when the fixes applied in a round take away its last use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRemoval {
    pub module: &'static str,
    pub member: &'static str,
    /// The name the import binds (`member`, or its `as` name).
    pub name: String,
}

/// A finished fix, ready to go on a [`Diagnostic`].
#[derive(Debug, Clone)]
pub struct BuiltFix {
    pub fix: Fix,
    pub title: String,
    pub unsafe_because: Option<UnsafeBecause>,
    pub import_removals: Vec<ImportRemoval>,
}

/// Collects the edits of one fix.
pub struct FixBuilder<'c, 'a> {
    importer: Importer<'c, 'a>,
    scope: ScopeId,
    edits: Vec<Edit>,
    imports: Vec<Edit>,
    removals: Vec<ImportRemoval>,
}

impl<'c, 'a> FixBuilder<'c, 'a> {
    /// A fix for code in `scope`.
    pub fn new(checker: &'c Checker<'a>, scope: ScopeId) -> Self {
        Self {
            importer: Importer {
                semantic: &checker.semantic,
                parsed: checker.parsed,
                source: checker.source,
                stylist: &checker.stylist,
            },
            scope,
            edits: Vec::new(),
            imports: Vec::new(),
            removals: Vec::new(),
        }
    }

    /// How to write `module` here; the import is added if it is missing.
    pub fn module(&mut self, module: &str) -> Result<String, NoFix> {
        let ImportedName { text, edit } = self.importer.module(self.scope, module)?;
        self.imports.extend(edit);
        Ok(text)
    }

    /// How to write `module.member` here; an import is added if needed.
    pub fn member(&mut self, module: &str, member: &str) -> Result<String, NoFix> {
        let ImportedName { text, edit } = self.importer.member(self.scope, module, member)?;
        self.imports.extend(edit);
        Ok(text)
    }

    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    pub fn extend(&mut self, edits: impl IntoIterator<Item = Edit>) {
        self.edits.extend(edits);
    }

    /// The fix replaces a use of `name`, bound by `from module import
    /// member`: drop the import once nothing else uses it.
    pub fn remove_import_if_unused(
        &mut self,
        module: &'static str,
        member: &'static str,
        name: &str,
    ) {
        self.removals.push(ImportRemoval {
            module,
            member,
            name: name.to_string(),
        });
    }

    /// The fix, with its safety and what it does.
    pub fn finish(self, safety: Safety, title: impl Into<String>) -> Result<BuiltFix, NoFix> {
        let applicability = match safety {
            Safety::Safe => Applicability::Safe,
            Safety::Unsafe(_) => Applicability::Unsafe,
        };
        let mut edits = self.edits;
        edits.extend(self.imports);
        let fix = fix_from(edits, applicability).ok_or(NoFix::NothingToChange)?;
        Ok(BuiltFix {
            fix,
            title: title.into(),
            unsafe_because: match safety {
                Safety::Safe => None,
                Safety::Unsafe(reason) => Some(reason),
            },
            import_removals: self.removals,
        })
    }
}

impl Diagnostic {
    /// Records what building the fix gave: the fix, or why there is none.
    pub fn set_fix(&mut self, built: Result<BuiltFix, NoFix>) {
        match built {
            Ok(built) => {
                self.fix = Some(built.fix);
                self.fix_title = Some(built.title);
                self.unsafe_because = built.unsafe_because;
                self.import_removals = built.import_removals;
                self.no_fix = None;
            }
            Err(reason) => self.drop_fix(reason),
        }
    }

    /// Takes the fix away, saying why.
    pub fn drop_fix(&mut self, reason: NoFix) {
        self.fix = None;
        self.fix_title = None;
        self.unsafe_because = None;
        self.import_removals.clear();
        self.no_fix = Some(reason);
    }
}
