//! Files nested deeper than CPython accepts. The parser, the visitor and
//! dropping the tree all recurse once per level, so a generated file with
//! 30,000 nested lists or a 30,000-term `+` chain would overflow the stack
//! and abort the whole run. CPython refuses such files too; they get an
//! error of their own before anything recurses that deep.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ModModule, Stmt};
use ruff_python_parser::Mode;
use ruff_python_parser::lexer::lex;

/// CPython's tokenizer refuses more nested brackets than this.
pub const MAX_BRACKETS: usize = 200;

/// About where CPython's compiler gives up on nested statements and
/// expressions (`RecursionError` in 3.11 near 3,000 levels).
pub const MAX_DEPTH: usize = 3_000;

/// Whether brackets nest deeper than CPython allows. A byte count bounds
/// the real depth from above (brackets in strings and comments count too),
/// so only a file over the limit is lexed to count exactly.
pub fn too_many_brackets(source: &str) -> bool {
    if bracket_bound(source.as_bytes()) <= MAX_BRACKETS {
        return false;
    }
    let mut lexer = lex(source, Mode::Module);
    let mut depth = 0usize;
    loop {
        match lexer.next_token() {
            TokenKind::EndOfFile => return false,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return true;
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
}

/// The deepest nesting of bracket bytes, never below zero. Every file
/// that is parsed goes through this, so it is one table look-up per byte
/// without branches the CPU must guess.
fn bracket_bound(bytes: &[u8]) -> usize {
    const STEP: [i8; 256] = {
        let mut step = [0i8; 256];
        step[b'(' as usize] = 1;
        step[b'[' as usize] = 1;
        step[b'{' as usize] = 1;
        step[b')' as usize] = -1;
        step[b']' as usize] = -1;
        step[b'}' as usize] = -1;
        step
    };
    let (mut depth, mut deepest) = (0isize, 0isize);
    for &b in bytes {
        depth = (depth + STEP[b as usize] as isize).max(0);
        deepest = deepest.max(depth);
    }
    deepest as usize
}

/// Whether statements and expressions nest deeper than [`MAX_DEPTH`]. The
/// walk itself never goes deeper than that.
pub fn too_deep(module: &ModModule) -> bool {
    let mut walk = DepthWalk::default();
    walk.visit_body(&module.body);
    walk.exceeded
}

#[derive(Default)]
struct DepthWalk {
    depth: usize,
    exceeded: bool,
}

impl DepthWalk {
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.exceeded = true;
        }
        !self.exceeded
    }
}

impl<'a> Visitor<'a> for DepthWalk {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.enter() {
            visitor::walk_stmt(self, stmt);
        }
        self.depth -= 1;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.enter() {
            visitor::walk_expr(self, expr);
        }
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_bound_never_goes_below_zero() {
        assert_eq!(bracket_bound(b"x = ([{}])"), 3);
        assert_eq!(bracket_bound(b")))]]} ((x)"), 2);
        assert_eq!(bracket_bound(b"no brackets"), 0);
    }

    #[test]
    fn brackets_counted_as_cpython_does() {
        let nested = |n: usize| format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(!too_many_brackets(&nested(MAX_BRACKETS)));
        assert!(too_many_brackets(&nested(MAX_BRACKETS + 1)));
        // Brackets in a string do not nest.
        assert!(!too_many_brackets(&format!("x = '{}'\n", "(".repeat(1000))));
    }

    #[test]
    fn depth_of_a_long_chain() {
        // As the CLI's workers do: a stack for MAX_DEPTH levels.
        let run = std::thread::Builder::new().stack_size(256 << 20).spawn(|| {
            let chain = |n: usize| format!("x = {}\n", vec!["a"; n].join(" + "));
            let parse = |s: &str| ruff_python_parser::parse_module(s).unwrap();
            assert!(!too_deep(parse(&chain(1_000)).syntax()));
            let deep = parse(&chain(MAX_DEPTH + 10));
            assert!(too_deep(deep.syntax()));
            std::mem::forget(deep);
        });
        run.unwrap().join().unwrap();
    }
}
