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

/// Whether a `return` in `body` (not in a function or class defined there)
/// may leave it early.
pub fn contains_return(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::Return(_) => true,
        Stmt::FunctionDef(_) | Stmt::ClassDef(_) => false,
        _ => bodies(stmt).into_iter().any(contains_return),
    })
}

/// The statement of `body` that contains `range`. Statements are in source
/// order: a binary search, so a module of 100,000 statements costs no more
/// than a few comparisons per lookup.
fn containing(body: &[Stmt], range: TextRange) -> Option<&Stmt> {
    let i = body.partition_point(|s| s.end() < range.end());
    body.get(i).filter(|s| s.range().contains_range(range))
}

/// The block (statement list) that holds the statement with exactly `range`.
pub fn enclosing_body(module: &ModModule, range: TextRange) -> Option<&[Stmt]> {
    let mut body: &[Stmt] = &module.body;
    loop {
        let outer = containing(body, range)?;
        if outer.range() == range {
            return Some(body);
        }
        body = bodies(outer)
            .into_iter()
            .find(|b| containing(b, range).is_some())?;
    }
}

/// The compound statement whose block holds the statement with exactly
/// `range` (`None` at module level).
pub fn parent_statement(module: &ModModule, range: TextRange) -> Option<&Stmt> {
    let mut body: &[Stmt] = &module.body;
    let mut parent = None;
    loop {
        let outer = containing(body, range)?;
        if outer.range() == range {
            return parent;
        }
        parent = Some(outer);
        body = bodies(outer)
            .into_iter()
            .find(|b| containing(b, range).is_some())?;
    }
}

/// Whether removing the statement at `range` would leave its block empty.
pub fn is_only_statement_in_block(module: &ModModule, range: TextRange) -> bool {
    enclosing_body(module, range).is_none_or(|body| body.len() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enclosing_body_finds_nested_blocks() {
        let source = "a = 1\ndef f():\n    b = 2\n    if b:\n        c = 3\n    else:\n        try:\n            d = 4\n        except E:\n            e = 5\nz = 6\n";
        let parsed = ruff_python_parser::parse_module(source).unwrap();
        let module = parsed.syntax();
        let range_of = |text: &str| {
            let start = source.find(text).unwrap();
            TextRange::new((start as u32).into(), ((start + text.len()) as u32).into())
        };
        let first_of = |range| {
            let body = enclosing_body(module, range).unwrap();
            &source[body[0].range()]
        };
        assert!(first_of(range_of("a = 1")).starts_with("a = 1"));
        assert_eq!(first_of(range_of("z = 6")), "a = 1");
        assert_eq!(first_of(range_of("b = 2")), "b = 2");
        assert_eq!(first_of(range_of("c = 3")), "c = 3");
        assert_eq!(first_of(range_of("d = 4")), "d = 4");
        assert_eq!(first_of(range_of("e = 5")), "e = 5");
        // Not a statement's exact range: no block.
        assert!(enclosing_body(module, range_of("b = ")).is_none());
        assert!(!is_only_statement_in_block(module, range_of("b = 2")));
        assert!(is_only_statement_in_block(module, range_of("e = 5")));
        let parent = |text| parent_statement(module, range_of(text)).map(|s| &source[s.range()]);
        assert!(parent("c = 3").unwrap().starts_with("if b:"));
        assert!(parent("b = 2").unwrap().starts_with("def f():"));
        assert_eq!(parent("a = 1"), None);
    }
}
