//! Getting a module or one of its members into reach of a fix: reuse an
//! existing import when one is visible, else add one in the file's style,
//! once: a standard-library module in order among the file's leading
//! standard-library imports (as isort sorts them), else after the
//! docstring, `__future__` imports and the import block.

use ruff_diagnostics::Edit;
use ruff_python_ast::{Stmt, helpers::is_docstring_stmt};
use ruff_python_codegen::Stylist;
use ruff_python_importer::Insertion;
use ruff_python_parser::Parsed;
use ruff_source_file::LineRanges;
use ruff_text_size::Ranged;

use crate::reason::NoFix;
use crate::semantic::{ScopeId, Semantic};

/// Resolves the names a fix needs to refer to.
pub struct Importer<'c, 'a> {
    pub semantic: &'c Semantic<'a>,
    pub parsed: &'a Parsed<ruff_python_ast::ModModule>,
    pub source: &'a str,
    pub stylist: &'c Stylist<'a>,
}

/// A reference to an imported name: the text to write, plus the edit that
/// adds the import if it is not there yet.
#[derive(Debug, Clone)]
pub struct ImportedName {
    pub text: String,
    pub edit: Option<Edit>,
}

impl<'c, 'a> Importer<'c, 'a> {
    /// How to write `module` (e.g. `os`) from `scope`.
    pub fn module(&self, scope: ScopeId, module: &str) -> Result<ImportedName, NoFix> {
        if let Some(alias) = self.semantic.module_alias(scope, module) {
            return Ok(ImportedName {
                text: alias.to_string(),
                edit: None,
            });
        }
        if !self.semantic.is_free(scope, module) {
            return Err(NoFix::NameTaken {
                name: module.to_string(),
            });
        }
        if self.names_unbound(module) {
            return Err(NoFix::NameUsedUnimported {
                name: module.to_string(),
            });
        }
        Ok(ImportedName {
            text: module.to_string(),
            edit: Some(
                self.among_stdlib_imports(module)
                    .unwrap_or_else(|| self.add_statement(&format!("import {module}"))),
            ),
        })
    }

    /// Whether the file uses `name` where nothing in it binds it (the fix's
    /// scope had it free): an import added for a fix would give those uses
    /// a new meaning. A name bound in some scope (a parameter, a local
    /// import) is taken to be used there.
    fn names_unbound(&self, name: &str) -> bool {
        // Ex) def f(): os.chmod(p, m) with `os` never imported, while
        // another function has a parameter `os`: f's `os` is unresolved.
        if self.semantic.unresolved.contains(name) {
            return true;
        }
        if self
            .semantic
            .scopes
            .iter()
            .any(|scope| scope.bindings.contains_key(name))
        {
            return false;
        }
        // Names in import statements (`from os import close`) are not uses.
        use ruff_python_ast::token::TokenKind;
        let mut in_import = false;
        self.parsed.tokens().iter().any(|t| {
            match t.kind() {
                TokenKind::Import | TokenKind::From => in_import = true,
                TokenKind::Newline => in_import = false,
                TokenKind::Name => return !in_import && &self.source[t.range()] == name,
                _ => {}
            }
            false
        })
    }

    /// How to write `module.member` (e.g. `tempfile.mkstemp`) from `scope`:
    /// a visible `from module import member`, a visible `import module`, a
    /// member added to an existing `from module import …`, or a new
    /// `import module`.
    pub fn member(
        &self,
        scope: ScopeId,
        module: &str,
        member: &str,
    ) -> Result<ImportedName, NoFix> {
        if let Some(alias) = self.semantic.member_alias(scope, module, member) {
            return Ok(ImportedName {
                text: alias.to_string(),
                edit: None,
            });
        }
        if let Some(alias) = self.semantic.module_alias(scope, module) {
            return Ok(ImportedName {
                text: format!("{alias}.{member}"),
                edit: None,
            });
        }
        if self.semantic.is_free(scope, member)
            && !self.names_unbound(member)
            && let Some(edit) = self.extend_from_import(module, member)
        {
            return Ok(ImportedName {
                text: member.to_string(),
                edit: Some(edit),
            });
        }
        let module = self.module(scope, module)?;
        Ok(ImportedName {
            text: format!("{}.{member}", module.text),
            edit: module.edit,
        })
    }

    /// Adds `member` to the first top-level `from module import …` (the
    /// file's own style for that module).
    fn extend_from_import(&self, module: &str, member: &str) -> Option<Edit> {
        let stmt = self.parsed.syntax().body.iter().find(|stmt| {
            matches!(stmt, Stmt::ImportFrom(import)
                if import.level == 0
                    && import.module.as_ref().is_some_and(|m| m.id.as_str() == module)
                    && import.names.iter().all(|a| a.name.id.as_str() != "*"))
        })?;
        Insertion::existing_import(stmt, self.parsed.tokens()).map(|i| i.into_edit(member))
    }

    /// An edit adding `import {module}` (a standard-library module) where
    /// isort and Ruff would put it: among the file's leading standard-library
    /// imports, before the first plain import that sorts after it, else
    /// after the last plain one, else before the first `from` import.
    /// `None` when the file has no such group on lines of their own.
    fn among_stdlib_imports(&self, module: &str) -> Option<Edit> {
        let body = &self.parsed.syntax().body;
        let start = usize::from(body.first().is_some_and(is_docstring_stmt));
        let imports = body[start..]
            .iter()
            .take_while(|s| matches!(s, Stmt::Import(_) | Stmt::ImportFrom(_)));

        // The group: the first run of standard-library imports.
        let group: Vec<(&Stmt, bool, &str)> = imports
            .skip_while(|s| stdlib_module(s).is_none())
            .map_while(|s| stdlib_module(s).map(|(plain, name)| (s, plain, name)))
            .collect();
        if group.is_empty() || !group.iter().all(|(s, ..)| stands_alone(self.source, *s)) {
            return None;
        }
        let statement = format!("import {module}");
        let before = |stmt: &Stmt| {
            let at = self.source.line_start(stmt.start());
            Edit::insertion(
                format!("{statement}{}", self.stylist.line_ending().as_str()),
                at,
            )
        };
        let plain: Vec<&(&Stmt, bool, &str)> = group.iter().filter(|(_, p, _)| *p).collect();
        if let Some((stmt, ..)) = plain.iter().find(|(_, _, name)| *name > module) {
            return Some(before(stmt));
        }
        match plain.last() {
            Some((stmt, ..)) => Some(
                Insertion::end_of_statement(stmt, self.source, self.stylist).into_edit(&statement),
            ),
            None => Some(before(group[0].0)),
        }
    }

    /// An edit adding one statement after the leading docstring, `__future__`
    /// imports and import block.
    fn add_statement(&self, statement: &str) -> Edit {
        let body = &self.parsed.syntax().body;
        let mut last_import = None;
        for (i, stmt) in body.iter().enumerate() {
            match stmt {
                Stmt::Import(_) | Stmt::ImportFrom(_) => last_import = Some(stmt),
                _ if i == 0 && is_docstring_stmt(stmt) => {}
                _ => break,
            }
        }
        let insertion = match last_import {
            Some(stmt) => Insertion::end_of_statement(stmt, self.source, self.stylist),
            None => Insertion::start_of_file(body, self.source, self.stylist, None),
        };
        insertion.into_edit(statement)
    }
}

/// The module of a plain `import os` (`true`) or `from os import path`
/// (`false`), when it is of the standard library.
fn stdlib_module(stmt: &Stmt) -> Option<(bool, &str)> {
    let (plain, name) = match stmt {
        Stmt::Import(import) => match import.names.as_slice() {
            [alias] => (true, alias.name.id.as_str()),
            _ => return None,
        },
        Stmt::ImportFrom(import) if import.level == 0 => {
            (false, import.module.as_ref()?.id.as_str())
        }
        _ => return None,
    };
    (crate::stdlib_modules::is_stdlib(name) && name != "__future__").then_some((plain, name))
}

/// Whether a top-level statement is fully on its own line(s): only
/// whitespace before it and nothing but whitespace or a comment after it.
pub fn stands_alone(source: &str, stmt: &impl Ranged) -> bool {
    let start = stmt.start().to_usize();
    let end = stmt.end().to_usize();
    let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before_ok = source[line_start..start]
        .chars()
        .all(|c| c == ' ' || c == '\t');
    let rest = &source[end..];
    let line_rest = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let after = line_rest.trim_start_matches([' ', '\t']);
    before_ok && (after.is_empty() || after.starts_with('#'))
}
