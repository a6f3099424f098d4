//! Small questions about the syntax tree that transforms share.

use ruff_python_ast::{ExceptHandler, ModModule, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// The statement bodies directly inside `stmt`.
pub fn bodies(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::FunctionDef(s) => vec![&s.body],
        Stmt::ClassDef(s) => vec![&s.body],
        Stmt::If(s) => std::iter::once(&s.body[..])
            .chain(s.elif_else_clauses.iter().map(|c| &c.body[..]))
            .collect(),
        Stmt::For(s) => vec![&s.body, &s.orelse],
        Stmt::While(s) => vec![&s.body, &s.orelse],
        Stmt::With(s) => vec![&s.body],
        Stmt::Try(s) => std::iter::once(&s.body[..])
            .chain(
                s.handlers
                    .iter()
                    .map(|ExceptHandler::ExceptHandler(h)| &h.body[..]),
            )
            .chain([&s.orelse[..], &s.finalbody[..]])
            .collect(),
        Stmt::Match(s) => s.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}

/// The block (statement list) that holds the statement with exactly `range`.
pub fn enclosing_body(module: &ModModule, range: TextRange) -> Option<&[Stmt]> {
    let mut body: &[Stmt] = &module.body;
    loop {
        if body.iter().any(|s| s.range() == range) {
            return Some(body);
        }
        let outer = body.iter().find(|s| s.range().contains_range(range))?;
        body = bodies(outer)
            .into_iter()
            .find(|b| b.iter().any(|s| s.range().contains_range(range)))?;
    }
}

/// Whether removing the statement at `range` would leave its block empty.
pub fn is_only_statement_in_block(module: &ModModule, range: TextRange) -> bool {
    enclosing_body(module, range).is_none_or(|body| body.len() == 1)
}
