//! ## Source: string literals
//! String and f-string paths under `/tmp`, `/var/tmp` and `/dev/shm` (plus
//! `tmp-dirs` from the configuration): `"/tmp/cfg.json"`,
//! `f"/tmp/job_{n}.log"`, the template of `"/tmp/job_%d.log" % n` and of
//! `"/tmp/job_{}.log".format(n)`, the `"/tmp"` of
//! `os.path.join("/tmp", …)` and of `Path("/tmp") / …`. `"/tmpfoo"` is not a
//! temporary path, nor is a docstring; an f-string must name something
//! under the directory (`f"/tmp/{name}"`, not `f"/tmp{suffix}"`). Raw,
//! byte, escaped, multi-line and implicitly concatenated strings are
//! reported without a fix.

use ruff_diagnostics::Edit;
use ruff_python_ast::{Expr, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::checker::Checker;
use crate::transforms::hardcoded_tmp_path::{
    Base, Found, PathSource, PathSourceInfo, PredictablePath, Rewrite,
};

pub(crate) const SOURCE: PathSourceInfo = PathSourceInfo {
    needles: &["{tmp}"],
    file: include_str!("tmp_path_literal.rs"),
};

pub(crate) fn new<'a>() -> Box<dyn PathSource<'a> + 'a> {
    Box::new(Literals)
}

/// Finds the literals; it keeps no state.
struct Literals;

impl<'a> PathSource<'a> for Literals {
    fn string(&mut self, checker: &Checker<'a>, expr: &'a Expr) -> Option<Found> {
        let literal = parse_literal(checker, expr)?;
        // Ex) a docstring or a bare string statement.
        if let Some(Stmt::Expr(s)) = checker.current_stmt()
            && s.value.range() == expr.range()
        {
            return None;
        }
        let formatted = match (checker.parent_expr(), checker.exprs.iter().rev().nth(2)) {
            (Some(Expr::BinOp(op)), _)
                if op.op == Operator::Mod && op.left.range() == expr.range() =>
            {
                Some(op.range)
            }
            (Some(Expr::Attribute(attr)), Some(Expr::Call(call)))
                if attr.attr.id.as_str() == "format" && call.func.range() == attr.range =>
            {
                Some(call.range())
            }
            _ => None,
        };
        let head = &literal.head;
        let shown = if literal.is_fstring {
            format!("{head}…")
        } else {
            head.clone()
        };
        let written = head.trim_end_matches('/');
        let path = PredictablePath {
            range: expr.range(),
            claims: Vec::new(),
            shown,
            rest: literal.rest().to_string(),
            dynamic: literal.is_fstring,
            first_component: literal.first_component().map(str::to_string),
            written: (!written.is_empty()).then(|| written.to_string()),
            rewrite: literal.parts.is_some().then(|| {
                Box::new(Rewritten {
                    literal: literal.clone(),
                    range: expr.range(),
                    formatted,
                }) as Box<dyn Rewrite>
            }),
        };
        Some(Found { up: 0, path })
    }
}

/// A temporary path literal, as written.
#[derive(Debug, Clone)]
struct Literal {
    /// `f"` or `"` (prefix and opening quote), the text between the quotes,
    /// the closing quote. `None` when the literal is too complex to rewrite
    /// (escapes, implicit concatenation, raw or byte strings).
    parts: Option<(String, String, String)>,
    /// The value up to the first interpolation (all of it for plain strings).
    head: String,
    is_fstring: bool,
    /// Length of the temporary directory (`/tmp`) at the start of `head`.
    tmp_dir_len: usize,
}

impl Literal {
    /// What follows `/tmp/` (empty for `/tmp` itself).
    fn rest(&self) -> &str {
        self.head[self.tmp_dir_len..].trim_start_matches('/')
    }

    /// The first path component under the temporary directory, when static.
    fn first_component(&self) -> Option<&str> {
        let rest = self.rest();
        let end = rest.find('/');
        match end {
            Some(end) => Some(&rest[..end]),
            None if !self.is_fstring || self.parts.as_ref().is_some_and(|p| !p.1.contains('{')) => {
                Some(rest)
            }
            None => None,
        }
        .filter(|c| !c.is_empty())
    }
}

/// The literal's text, if its value is a path under a temporary directory.
fn parse_literal(checker: &Checker, expr: &Expr) -> Option<Literal> {
    let text = &checker.source[expr.range()];
    let (head, is_fstring, concatenated) = match expr {
        // Most strings are not paths: check before copying anything.
        Expr::StringLiteral(s) if checker.settings.tmp_dir_of(s.value.to_str()).is_none() => {
            return None;
        }
        Expr::StringLiteral(s) => (
            s.value.to_str().to_string(),
            false,
            s.value.is_implicit_concatenated(),
        ),
        Expr::FString(_) => {
            let prefix_len = text.find(['"', '\'']).unwrap_or(0);
            let quote = if text[prefix_len..].starts_with("\"\"\"")
                || text[prefix_len..].starts_with("'''")
            {
                3
            } else {
                1
            };
            let body = text.get(prefix_len + quote..)?;
            let head = &body[..body.find(['{', '"', '\'']).unwrap_or(body.len())];
            (head.to_string(), true, false)
        }
        _ => return None,
    };
    let tmp_dir_len = checker.settings.tmp_dir_of(&head)?.len();
    // An f-string must name something under the directory: f"/tmp/{x}".
    if is_fstring && head.len() == tmp_dir_len {
        return None;
    }
    let parts = if concatenated {
        None
    } else {
        split_literal(text, is_fstring)
    };
    Some(Literal {
        parts,
        head,
        is_fstring,
        tmp_dir_len,
    })
}

/// Splits a simple literal into prefix+quote, body and quote.
fn split_literal(text: &str, is_fstring: bool) -> Option<(String, String, String)> {
    let prefix_len = text.find(['"', '\''])?;
    let prefix = &text[..prefix_len];
    let prefix_ok = if is_fstring {
        prefix.eq_ignore_ascii_case("f")
    } else {
        prefix.is_empty() || prefix.eq_ignore_ascii_case("u")
    };
    let rest = &text[prefix_len..];
    let quote = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        &rest[..3]
    } else {
        &rest[..1]
    };
    let body = rest.get(quote.len()..rest.len().checked_sub(quote.len())?)?;
    if !prefix_ok || body.contains('\\') || body.contains(['\n', '\r']) {
        return None;
    }
    Some((
        format!("{prefix}{quote}"),
        body.to_string(),
        quote.to_string(),
    ))
}

/// How a simple literal is rewritten.
#[derive(Debug)]
struct Rewritten {
    literal: Literal,
    range: TextRange,
    /// The `"…%d…" % n` or `"…{}…".format(n)` expression the literal is the
    /// template of.
    formatted: Option<TextRange>,
}

impl Rewritten {
    /// What follows the directory the base stands for, and whether the
    /// literal names that directory itself; `None` when the literal is not
    /// under it.
    fn rest_on<'b>(&'b self, base: &Base) -> Option<(&'b str, bool)> {
        let literal = &self.literal;
        let (_, body, _) = literal.parts.as_ref()?;
        let after_tmp = &body[literal.tmp_dir_len..];
        let rest = after_tmp.trim_start_matches('/');
        let trailing_slash = after_tmp.starts_with('/') && rest.is_empty();
        let rest = match base {
            Base::File(_) | Base::TmpPath | Base::Directory(_) => rest,
            Base::Root { root, .. } => rest.strip_prefix(root.as_str())?.trim_start_matches('/'),
        };
        Some((rest, rest.is_empty() && !trailing_slash))
    }
}

impl Rewrite for Rewritten {
    fn needs_os(&self, base: &Base) -> bool {
        if matches!(base, Base::File(_) | Base::TmpPath) {
            return false;
        }
        let Some((_, whole)) = self.rest_on(base) else {
            return false;
        };
        !self.literal.is_fstring && !whole
    }

    fn rewrite(&self, base: &Base, os: &str, source: &str, _follow: bool) -> Option<Edit> {
        let literal = &self.literal;
        let (open, _, close) = literal.parts.as_ref()?;
        let quote = close.as_str();
        let (rest, whole) = self.rest_on(base)?;
        let var = match base {
            Base::File(var) => {
                return Some(Edit::range_replacement(
                    var.clone(),
                    self.formatted.unwrap_or(self.range),
                ));
            }
            Base::TmpPath => "tmp_path",
            Base::Directory(var) | Base::Root { var, .. } => var.as_str(),
        };
        // Ex) "/tmp/job_%d.log" % n -> os.path.join(d, "job_%d.log" % n): the
        // directory's own name is never formatted.
        let (range, tail) = match self.formatted {
            Some(range) if !literal.is_fstring && !whole => {
                (range, &source[TextRange::new(self.range.end(), range.end())])
            }
            _ => (self.range, ""),
        };
        let text = match (literal.is_fstring, base, whole) {
            (_, Base::TmpPath, true) => "str(tmp_path)".to_string(),
            (false, Base::TmpPath, false) if tail.is_empty() => {
                format!("str(tmp_path / {quote}{rest}{quote})")
            }
            (false, Base::TmpPath, false) => {
                format!("str(tmp_path / ({quote}{rest}{quote}{tail}))")
            }
            (_, _, true) => var.to_string(),
            (false, _, false) => format!("{os}.path.join({var}, {quote}{rest}{quote}{tail})"),
            (true, _, false) => format!("{open}{{{var}}}/{rest}{close}"),
        };
        Some(Edit::range_replacement(text, range))
    }
}
