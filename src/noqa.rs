//! `--add-noqa[=REASON]`: marks every finding left with `# noqa: CODE`
//! (and the reason) at the end of its line, so that a code base can adopt
//! tempsafe now and fix the rest later. Idempotent: a marked finding is
//! suppressed, so a second run finds nothing to mark.

use std::collections::BTreeMap;

use ruff_text_size::Ranged;

use crate::diagnostic::Diagnostic;

/// Where a directive goes: the end of the flagged line, or (when that
/// line ends inside a string or continues with a backslash) a comment line
/// of its own directly above the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    EndOf(usize),
    Above(usize),
}

/// The source with a `# noqa` for each of `diagnostics` (None when there
/// are none), and how many codes were added.
pub fn add_noqa(
    source: &str,
    diagnostics: &[Diagnostic],
    reason: Option<&str>,
) -> (Option<String>, usize) {
    let parsed =
        ruff_python_parser::parse_unchecked_source(source, ruff_python_ast::PySourceType::Python);
    let tokens = parsed.tokens();
    let inside_token = |offset: usize| {
        tokens
            .iter()
            .any(|t| t.start().to_usize() < offset && t.end().to_usize() > offset)
    };
    let mut places: BTreeMap<Place, Vec<&'static str>> = BTreeMap::new();
    for d in diagnostics {
        let start = d.start().to_usize();
        let end = source[start..]
            .find(['\n', '\r'])
            .map_or(source.len(), |i| start + i);
        let place = if source[..end].trim_end().ends_with('\\') || inside_token(end) {
            let stmt = d.stmt_start.to_usize();
            Place::Above(source[..stmt].rfind(['\n', '\r']).map_or(0, |i| i + 1))
        } else {
            Place::EndOf(end)
        };
        let codes = places.entry(place).or_default();
        if !codes.contains(&d.rule.code()) {
            codes.push(d.rule.code());
        }
    }
    if places.is_empty() {
        return (None, 0);
    }
    // A `#` would end the directive early.
    let reason = reason
        .map(|r| r.replace(['#', '\n', '\r'], " ").trim().to_string())
        .filter(|r| !r.is_empty());
    let directive = |codes: &[&str]| {
        let mut text = format!("# noqa: {}", codes.join(", "));
        if let Some(reason) = &reason {
            text.push_str(&format!(" -- {reason}"));
        }
        text
    };
    let newline = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut added = 0;
    for (place, codes) in &places {
        added += codes.len();
        match *place {
            Place::EndOf(end) => {
                let line_start = source[..end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
                let trimmed = source[line_start..end].trim_end().len() + line_start;
                edits.push((trimmed, end, format!("  {}", directive(codes))));
            }
            Place::Above(line_start) => {
                let line = &source[line_start..];
                let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
                edits.push((
                    line_start,
                    line_start,
                    format!("{indent}{}{newline}", directive(codes)),
                ));
            }
        }
    }
    edits.sort();
    let mut out = String::with_capacity(source.len() + edits.len() * 24);
    let mut from = 0;
    for (start, end, text) in edits {
        if start < from {
            continue;
        }
        out.push_str(&source[from..start]);
        out.push_str(&text);
        from = end;
    }
    out.push_str(&source[from..]);
    (Some(out), added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Settings, check_source};

    fn noqa(source: &str, reason: Option<&str>) -> String {
        let findings = check_source(source, &Settings::default()).unwrap();
        add_noqa(source, &findings, reason)
            .0
            .unwrap_or_else(|| source.to_string())
    }

    #[test]
    fn marks_each_line_once_keeps_comments_and_strings_intact() {
        let source =
            "import tempfile\nx = tempfile.mktemp()   # old\ny = open(\"\"\"/tmp/a\nb\"\"\")\n";
        let once = noqa(source, Some("legacy # tool"));
        assert_eq!(
            once,
            "import tempfile\nx = tempfile.mktemp()   # old  # noqa: TMP001 -- legacy   tool\n# noqa: TMP002 -- legacy   tool\ny = open(\"\"\"/tmp/a\nb\"\"\")\n"
        );
        assert!(
            check_source(&once, &Settings::default())
                .unwrap()
                .is_empty()
        );
        assert_eq!(noqa(&once, Some("legacy")), once);
    }
}
