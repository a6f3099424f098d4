//! Suppression comments: `# noqa`, `# noqa: TMP001,S306`, `# nosec`,
//! `# nosec B306`, the CSP-D504 seed's `# ignore` / `# ignore: CSP-D504`
//! and Ruff's `# ruff: ignore[S306]` (codes or names), on the flagged line
//! or on the comment lines directly above its statement; Ruff's
//! `# ruff: file-ignore[...]` for the whole file and `# ruff: disable[...]`
//! up to the matching `# ruff: enable[...]`. A Ruff directive needs codes:
//! a blanket `# ruff: noqa` silences Ruff, not this tool.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::transforms::Rule;

/// The comments of one file, for suppression look-ups.
pub struct Suppressions<'a> {
    source: &'a str,
    /// Comment ranges in source order.
    comments: Vec<TextRange>,
    /// `# ruff: file-ignore[...]`, `# ruff: disable[...]` and
    /// `# ruff: enable[...]` comments, in source order.
    ruff_scopes: Vec<(RuffScope, TextSize, &'a str)>,
}

/// What a Ruff directive with a scope does from where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuffScope {
    File,
    Disable,
    Enable,
}

impl<'a> Suppressions<'a> {
    pub fn new(source: &'a str, tokens: &Tokens) -> Self {
        let comments: Vec<TextRange> = tokens
            .iter()
            .filter(|t| t.kind() == TokenKind::Comment)
            .map(Ranged::range)
            .collect();
        let ruff_scopes = comments
            .iter()
            .filter_map(|range| {
                let (scope, codes) = ruff_directive(&source[*range])
                    .and_then(|(directive, codes)| Some((ruff_scope(directive)?, codes)))?;
                Some((scope, range.start(), codes))
            })
            .collect();
        Self {
            source,
            comments,
            ruff_scopes,
        }
    }

    /// Whether `rule` is off at `offset` by a Ruff file or range directive.
    fn off_by_ruff_scope(&self, rule: Rule, offset: TextSize) -> bool {
        let mut disabled = false;
        for (scope, at, codes) in &self.ruff_scopes {
            if !names(codes, rule) {
                continue;
            }
            match scope {
                RuffScope::File => return true,
                RuffScope::Disable if *at <= offset => disabled = true,
                RuffScope::Enable if *at <= offset => disabled = false,
                _ => {}
            }
        }
        disabled
    }

    /// Whether a finding of `rule` at `offset`, in the statement starting at
    /// `stmt_start`, is suppressed.
    pub fn is_suppressed(&self, rule: Rule, offset: TextSize, stmt_start: TextSize) -> bool {
        if !self.ruff_scopes.is_empty() && self.off_by_ruff_scope(rule, offset) {
            return true;
        }
        // The flagged line, and the first line of its statement.
        for at in [offset, stmt_start] {
            let line = TextRange::new(self.source.line_start(at), self.source.line_end(at));
            if self.comments_in(line).any(|c| suppresses(c, rule)) {
                return true;
            }
        }
        // Comment lines directly above the statement. The first line starts
        // after a BOM, if there is one.
        let file_start = TextSize::of(if self.source.starts_with('\u{feff}') {
            "\u{feff}"
        } else {
            ""
        });
        let mut line_start = self.source.line_start(stmt_start);
        while line_start > file_start {
            let before = &self.source[..line_start.to_usize()];
            let prev_end = TextSize::of(
                before
                    .strip_suffix("\r\n")
                    .or_else(|| before.strip_suffix(['\n', '\r']))
                    .unwrap_or(before),
            );
            let prev_start = self.source.line_start(prev_end);
            let text = self.source[TextRange::new(prev_start, prev_end)].trim();
            if !text.starts_with('#') {
                break;
            }
            let comment_start = prev_start
                + TextSize::try_from(self.source[prev_start.to_usize()..].find('#').unwrap_or(0))
                    .unwrap_or_default();
            let Some(comment) = self.comments.iter().find(|c| c.start() == comment_start) else {
                break; // a `#` inside a multi-line string
            };
            if suppresses(&self.source[*comment], rule) {
                return true;
            }
            line_start = prev_start;
        }
        false
    }

    fn comments_in(&self, line: TextRange) -> impl Iterator<Item = &'a str> + '_ {
        let first = self.comments.partition_point(|c| c.start() < line.start());
        self.comments[first..]
            .iter()
            .take_while(move |c| c.start() < line.end())
            .map(|c| &self.source[*c])
    }
}

/// Whether one comment suppresses `rule`. A comment may hold several
/// directives (`# type: ignore  # noqa: S306`).
fn suppresses(comment: &str, rule: Rule) -> bool {
    if let Some(("ignore", codes)) = ruff_directive(comment) {
        return names(codes, rule);
    }
    comment.split('#').any(|part| {
        let part = part.trim();
        let lower = part.to_ascii_lowercase();
        for directive in ["noqa", "nosec", "ignore"] {
            let Some(rest) = lower.strip_prefix(directive) else {
                continue;
            };
            let rest = &part[part.len() - rest.len()..];
            let codes = match rest.trim_start().strip_prefix(':') {
                Some(codes) => codes,
                // `# noqa`, `# nosec` alone: everything. `# nosec B306`: codes.
                None if rest.trim().is_empty() => return true,
                None if directive == "nosec" && rest.starts_with(char::is_whitespace) => rest,
                None => continue,
            };
            let mut listed = codes
                .split([',', ' ', '\t'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .peekable();
            if listed.peek().is_none() {
                return true;
            }
            if listed.any(|code| rule.is_named(code)) {
                return true;
            }
        }
        false
    })
}

/// A Ruff directive with codes in a comment (`# ruff: ignore[S306, E501]`):
/// its name and the text between the brackets.
fn ruff_directive(comment: &str) -> Option<(&str, &str)> {
    comment.split('#').find_map(|part| {
        let rest = part.trim().strip_prefix("ruff:")?.trim_start();
        let (directive, rest) = rest.split_once('[')?;
        let (codes, _) = rest.split_once(']')?;
        Some((directive.trim_end(), codes))
    })
}

fn ruff_scope(directive: &str) -> Option<RuffScope> {
    match directive {
        "file-ignore" => Some(RuffScope::File),
        "disable" => Some(RuffScope::Disable),
        "enable" => Some(RuffScope::Enable),
        _ => None,
    }
}

/// Whether a comma-separated list of codes or names names `rule`.
fn names(codes: &str, rule: Rule) -> bool {
    codes.split(',').any(|code| {
        let code = code.trim();
        !code.is_empty() && rule.is_named(code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suppressed(source: &str) -> bool {
        let parsed = ruff_python_parser::parse_module(source).unwrap();
        let at = TextSize::try_from(source.find("x =").unwrap()).unwrap();
        Suppressions::new(source, parsed.tokens()).is_suppressed(Rule::MktempCall, at, at)
    }

    #[test]
    fn comment_lines_above_in_every_line_ending_and_after_a_bom() {
        for source in [
            "# noqa: S306\nx = 1\n",
            "# noqa: S306\r\n# another\r\nx = 1\r\n",
            "# noqa: S306\rx = 1\r",
            "\u{feff}# noqa: S306\nx = 1\n",
        ] {
            assert!(suppressed(source), "{source:?}");
        }
        for source in [
            "\u{feff}x = 1\n",
            "\u{feff}# header\nx = 1\n",
            "y = 2\r\nx = 1\r\n",
        ] {
            assert!(!suppressed(source), "{source:?}");
        }
    }

    #[test]
    fn directives() {
        let rule = Rule::MktempCall;
        for yes in [
            "# noqa",
            "# noqa: TMP001",
            "# NOQA:S306",
            "# noqa: E501, S306",
            "# nosec",
            "# nosec B306",
            "# nosec: B306",
            "# ignore",
            "# ignore: CSP-D504",
            "# type: ignore # noqa: TMP001",
            "# ruff: ignore[S306]",
            "# ruff: ignore[unused-import, suspicious-mktemp-usage]",
            "# ruff:ignore[mktemp-call]",
        ] {
            assert!(suppresses(yes, rule), "{yes}");
        }
        for no in [
            "# noqa: E501",
            "# nosec B108",
            "# ignore the result",
            "# type: ignore",
            "# ignore: S108",
            "# noqa: TMP",
            "# noqanything",
            "# ruff: ignore[hardcoded-temp-file]",
            "# ruff: ignore[]",
            "# ruff: ignore",
            "# ruff: file-ignore[S306]",
        ] {
            assert!(!suppresses(no, rule), "{no}");
        }
    }

    fn suppressed_at(source: &str, marker: &str) -> bool {
        let parsed = ruff_python_parser::parse_module(source).unwrap();
        let at = TextSize::try_from(source.find(marker).unwrap()).unwrap();
        Suppressions::new(source, parsed.tokens()).is_suppressed(Rule::MktempCall, at, at)
    }

    /// Ruff's file-level and range suppressions, by code or by name.
    #[test]
    fn ruff_file_ignore_and_disabled_ranges() {
        let file = "import os\n# ruff: file-ignore[S306]\nx = 1\n";
        assert!(suppressed_at(file, "x ="));
        let named = "x = 1\n# ruff: file-ignore[suspicious-mktemp-usage, E501]\n";
        assert!(suppressed_at(named, "x ="));
        let other = "# ruff: file-ignore[hardcoded-temp-file]\nx = 1\n";
        assert!(!suppressed_at(other, "x ="));
        let range = "a = 1\n# ruff: disable[S306]\nb = 2\n# ruff: enable[S306]\nc = 3\n";
        assert!(!suppressed_at(range, "a ="));
        assert!(suppressed_at(range, "b ="));
        assert!(!suppressed_at(range, "c ="));
        let open_ended = "# ruff: disable[TMP001]\nb = 2\n";
        assert!(suppressed_at(open_ended, "b ="));
    }
}
