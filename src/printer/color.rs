//! Whether to colour, decided as Rust's own tools do (anstyle-query):
//! `NO_COLOR` turns colour off only when set and not empty, `CLICOLOR_FORCE`
//! or `FORCE_COLOR` turn it on without a terminal, otherwise a terminal
//! that supports colour gets it. And the colours of a diff.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};

/// `FORCE_COLOR` (the Node and Python convention): set, not empty, and not
/// `0` or `false`.
fn force_color() -> bool {
    std::env::var_os("FORCE_COLOR").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Whether `auto` colour is on for results written to stdout, or to a
/// file (`-o FILE`: never a terminal).
pub(crate) fn auto_for_results(to_file: bool) -> bool {
    auto(!to_file && std::io::stdout().is_terminal())
}

/// Whether `auto` colour is on for an output that `is_terminal` or not.
fn auto(is_terminal: bool) -> bool {
    if anstyle_query::no_color() {
        return false;
    }
    if anstyle_query::clicolor_force() || force_color() {
        return true;
    }
    if anstyle_query::clicolor() == Some(false) {
        return false;
    }
    is_terminal && (anstyle_query::term_supports_color() || anstyle_query::is_ci())
}

/// A unified diff with its headers bold, hunk heads cyan, removed lines red
/// and added lines green.
pub(super) fn diff(text: &str) -> String {
    let bold = Style::new().bold();
    let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        let style = if line.starts_with("--- ") || line.starts_with("+++ ") {
            bold
        } else if line.starts_with("@@") {
            cyan
        } else if line.starts_with('-') {
            red
        } else if line.starts_with('+') {
            green
        } else {
            Style::new()
        };
        let body = line.trim_end_matches(['\n', '\r']);
        let end = &line[body.len()..];
        if style == Style::new() {
            out.push_str(line);
        } else {
            out.push_str(&format!(
                "{}{body}{}{end}",
                style.render(),
                style.render_reset()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_colours_keep_the_text() {
        let text = "--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-a\r\n+b\n";
        let coloured = diff(text);
        assert!(
            coloured.contains("\u{1b}[31m-a\u{1b}[0m\r\n"),
            "{coloured:?}"
        );
        assert!(coloured.contains("\u{1b}[32m+b\u{1b}[0m\n"), "{coloured:?}");
        let plain: String = coloured
            .replace("\u{1b}[0m", "")
            .replace("\u{1b}[1m", "")
            .replace("\u{1b}[31m", "")
            .replace("\u{1b}[32m", "")
            .replace("\u{1b}[36m", "");
        assert_eq!(plain, text);
    }
}
