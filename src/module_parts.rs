//! Another module of the package, summarized one top-level definition at a
//! time: a summary is asked for one function or class, and big modules
//! (thousands of lines of salt states) hold hundreds. Parsing and
//! summarizing a whole module for one of them was most of the cost of
//! following paths across the package.
//!
//! A scan of the text (strings, comments, brackets and line continuations
//! skipped) splits the module into its top-level statements. The part for
//! a name is parsed from the module's imports, a stub for each other
//! top-level definition (so that calls to them still resolve, to their own
//! parts) and the definition itself. A module the scan cannot split, and a
//! part that does not parse, fall back to the whole module.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::summary::ModuleSummaries;

/// A module split into its top-level definitions, with each part's
/// summaries made when first asked for.
pub struct ModuleParts {
    path: PathBuf,
    text: String,
    /// The import statements, and `try`/`if` blocks holding imports.
    header: String,
    /// Each top-level `def`/`class` bound once, with its decorators.
    definitions: HashMap<String, (Range<usize>, bool)>,
    /// Names bound more than once at the top level, or by a statement the
    /// parts leave out: asking for them gets no summary.
    ambiguous: HashSet<String>,
    /// `name = module.function` at the top level: the name and the dotted
    /// text it is bound to.
    aliases: HashMap<String, String>,
    /// The parts made so far, by name (`""`: imports only). A part is made
    /// once: a worker asking for one another worker is making waits for it.
    parts: Mutex<HashMap<String, Arc<Part>>>,
    /// The whole module, when the split did not hold.
    whole: Mutex<Option<Option<Arc<ModuleSummaries>>>>,
}

/// One part's summaries, made by the first worker that asks for them.
type Part = OnceLock<Option<Arc<ModuleSummaries>>>;

impl ModuleParts {
    pub fn new(path: &Path, text: String) -> Self {
        let mut parts = Self {
            path: path.to_path_buf(),
            header: String::new(),
            definitions: HashMap::default(),
            ambiguous: HashSet::default(),
            aliases: HashMap::default(),
            parts: Mutex::default(),
            whole: Mutex::default(),
            text,
        };
        if let Some(statements) = top_level_statements(&parts.text) {
            parts.index(&statements);
        } else {
            // Nothing to split by: every name asks the whole module.
            parts.ambiguous.insert(String::new());
        }
        parts
    }

    fn index(&mut self, statements: &[Range<usize>]) {
        let mut seen: HashMap<String, usize> = HashMap::default();
        let mut header = String::new();
        let mut pending_decorators: Option<usize> = None;
        for range in statements {
            let text = &self.text[range.clone()];
            let first = first_word(text);
            match first {
                "@" => {
                    pending_decorators.get_or_insert(range.start);
                }
                "def" | "async" | "class" => {
                    let start = pending_decorators.take().unwrap_or(range.start);
                    let is_class = first == "class";
                    let rest = text.trim_start_matches("async").trim_start();
                    let rest = rest
                        .strip_prefix("def")
                        .or_else(|| rest.strip_prefix("class"))
                        .unwrap_or("")
                        .trim_start();
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if name.is_empty() {
                        continue;
                    }
                    *seen.entry(name.clone()).or_default() += 1;
                    self.definitions.insert(name, (start..range.end, is_class));
                }
                "import" | "from" => {
                    header.push_str(text.trim_end());
                    header.push('\n');
                    for name in imported_names(text) {
                        *seen.entry(name).or_default() += 1;
                    }
                }
                "try" | "if" if text.contains("import") => {
                    // Ex) try: import json / except ImportError: json = None
                    header.push_str(text.trim_end());
                    header.push('\n');
                    for name in assigned_names(text) {
                        self.ambiguous.insert(name);
                    }
                }
                // A docstring or another bare string: binds nothing.
                "" | "r" | "b" | "f" | "u" | "rb" | "br" | "fr" | "rf" => {}
                _ if let Some((name, dotted)) = plain_alias(text) => {
                    *seen.entry(name.to_string()).or_default() += 1;
                    self.aliases.insert(name.to_string(), dotted.to_string());
                }
                _ => {
                    // Assignments and other statements are left out: a
                    // definition whose name they bind too is not trusted.
                    for name in assigned_names(text) {
                        self.ambiguous.insert(name);
                    }
                }
            }
        }
        for (name, count) in seen {
            if count > 1 {
                self.ambiguous.insert(name);
            }
        }
        self.header = header;
    }

    /// What `name = os.remove` at the top level binds `name` to, as a
    /// qualified name (`os.remove`), through the module's imports. `None`
    /// when the name is bound elsewhere in the module too.
    pub fn alias(&self, name: &str) -> Option<String> {
        if self.ambiguous.contains(name) || self.ambiguous.contains("") {
            return None;
        }
        let dotted = self.aliases.get(name)?;
        let (head, rest) = dotted.split_once('.')?;
        let module = self.header.lines().find_map(|line| import_of(line, head))?;
        Some(format!("{module}.{rest}"))
    }

    /// The summaries holding what `head` (a top-level function or class of
    /// the module, or a name it imports) defines.
    pub fn part(&self, head: &str) -> Option<Arc<ModuleSummaries>> {
        if self.ambiguous.contains("") {
            return self.whole();
        }
        if self.ambiguous.contains(head) {
            return None;
        }
        let key = if self.definitions.contains_key(head) {
            head
        } else {
            ""
        };
        let cell = self
            .parts
            .lock()
            .ok()?
            .entry(key.to_string())
            .or_default()
            .clone();
        cell.get_or_init(|| self.make_part(key).or_else(|| self.whole()))
            .clone()
    }

    fn make_part(&self, key: &str) -> Option<Arc<ModuleSummaries>> {
        let mut source = self.header.clone();
        for (name, (_, is_class)) in &self.definitions {
            if name == key || self.ambiguous.contains(name) {
                continue;
            }
            // A stub binds the name, so that a call to it resolves here and
            // is then answered by the stub's own part.
            if *is_class {
                source.push_str(&format!("class {name}: pass\n"));
            } else {
                source.push_str(&format!("def {name}(*args, **kwargs): pass\n"));
            }
        }
        if let Some((range, _)) = self.definitions.get(key) {
            source.push_str(&self.text[range.clone()]);
            source.push('\n');
        }
        let mut summaries = crate::engine::summarize_source(&source, &self.path)?;
        // Only the part's own definition speaks for itself.
        let own = |qualname: &str| qualname.split('.').next() == Some(key);
        summaries.functions.retain(|name, _| own(name));
        summaries.fields.retain(|name, _| own(name));
        summaries.bases.retain(|name, _| own(name));
        summaries.class_instances.retain(|name, _| own(name));
        Some(Arc::new(summaries))
    }

    fn whole(&self) -> Option<Arc<ModuleSummaries>> {
        let mut whole = self.whole.lock().ok()?;
        if let Some(known) = whole.as_ref() {
            return known.clone();
        }
        let made = crate::engine::summarize_source(&self.text, &self.path).map(Arc::new);
        *whole = Some(made.clone());
        made
    }
}

/// The first word of a statement (`def`, `class`, `import`), or `@`.
fn first_word(text: &str) -> &str {
    if text.starts_with('@') {
        return "@";
    }
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// `import a.b as c, d` / `from x import (y as z, w)`: the names bound.
fn imported_names(text: &str) -> Vec<String> {
    let body = match text.split_once(" import ") {
        Some((_, names)) if text.starts_with("from") => names,
        _ => text.strip_prefix("import").unwrap_or(""),
    };
    body.split(',')
        .map(|item| {
            let item = item.trim_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
            let item = item.split('#').next().unwrap_or("").trim();
            let bound = item.rsplit(" as ").next().unwrap_or(item).trim();
            bound.split('.').next().unwrap_or("").to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// `name = a.b.c` on one line (a trailing comment allowed): the name and
/// the dotted text.
fn plain_alias(text: &str) -> Option<(&str, &str)> {
    let line = text.split('#').next()?.trim_end();
    if line.contains('\n') {
        return None;
    }
    let (name, value) = line.split_once('=')?;
    let (name, value) = (name.trim(), value.trim());
    let word = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && w.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    (word(name) && value.contains('.') && value.split('.').all(word)).then_some((name, value))
}

/// The module `head` names after the import statement `line`, if it binds
/// it: `import os`, `import os.path` (`os`), `import a.b as head`, `from
/// a import b as head` (`a.b`). Relative imports are not followed.
fn import_of(line: &str, head: &str) -> Option<String> {
    // An import inside `try:`/`if` may be one of several for the name.
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let line = line.split('#').next()?.trim();
    if let Some(rest) = line.strip_prefix("import ") {
        return rest.split(',').find_map(|item| {
            let item = item.trim();
            match item.split_once(" as ") {
                Some((module, bound)) => (bound.trim() == head).then(|| module.trim().to_string()),
                None => (item.split('.').next() == Some(head)).then(|| head.to_string()),
            }
        });
    }
    let rest = line.strip_prefix("from ")?;
    let (module, names) = rest.split_once(" import ")?;
    let module = module.trim();
    if module.starts_with('.') {
        return None;
    }
    names
        .trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
        .split(',')
        .find_map(|item| {
            let item = item.trim();
            let (member, bound) = item.split_once(" as ").unwrap_or((item, item));
            (bound.trim() == head).then(|| format!("{module}.{}", member.trim()))
        })
}

/// Names a statement binds at the top level by assignment, roughly: every
/// identifier before an `=` on a line that starts at column 0, and the
/// names of defs and classes nested in `try`/`if` blocks. Erring toward
/// more names only makes more definitions untrusted.
fn assigned_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        for keyword in ["def ", "class ", "async def "] {
            if let Some(rest) = line.strip_prefix(keyword) {
                names.push(identifier(rest));
            }
        }
        if let Some((before, _)) = line.split_once('=')
            && !before.contains(['(', '[', '\'', '"'])
            && !line[before.len()..].starts_with("==")
        {
            names.extend(
                before
                    .split([',', ':', ' ', '*'])
                    .map(identifier)
                    .filter(|n| !n.is_empty()),
            );
        }
        if let Some(rest) = line.strip_prefix("global ") {
            names.extend(rest.split(',').map(|n| identifier(n.trim())));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The byte ranges of the module's top-level statements, or `None` when the
/// text does not split cleanly (an unterminated string or bracket).
/// Statements start at column 0 outside strings, comments, brackets and
/// backslash continuations; a statement runs to the next one.
fn top_level_statements(text: &str) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    let mut continued = false;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start {
            line_start = false;
            let top = depth == 0 && !continued;
            continued = false;
            if top && !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'#' | b'\x0c') {
                starts.push(i);
            }
        }
        match b {
            b'\n' => line_start = true,
            b'\r' => line_start = bytes.get(i + 1) != Some(&b'\n'),
            b'#' => {
                while i + 1 < bytes.len() && !matches!(bytes[i + 1], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'\\' => {
                // A continuation: the next line belongs to this statement.
                if matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) {
                    continued = true;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.checked_sub(1)?,
            b'\'' | b'"' => {
                i = string_end(bytes, i)?;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return None;
    }
    // `else:`, `elif`, `except` and `finally` at column 0 go on the
    // statement they continue.
    starts.retain(|&start| {
        !matches!(
            first_word(&text[start..]),
            "else" | "elif" | "except" | "finally"
        )
    });
    let mut statements = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        statements.push(start..end);
    }
    Some(statements)
}

/// The byte after the string literal whose opening quote is at `at`. The
/// prefix letters (`r`, `b`, `f`) were scanned as code: only `r` matters,
/// and a raw string still cannot end in an odd backslash before its quote,
/// so skipping escapes is right for it too.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let quote = bytes[at];
    let triple = bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote);
    let mut i = if triple { at + 3 } else { at + 1 };
    if !triple && bytes.get(at + 1) == Some(&quote) {
        // An empty string: '' or "".
        return Some(at + 2);
    }
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => {
                if !triple {
                    return Some(i + 1);
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return Some(i + 3);
                }
                i += 1;
            }
            b'\n' | b'\r' if !triple => return None,
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_through_the_imports() {
        let text = "import os\nimport shutil as sh\nfrom os import path as p\ntry:\n    import simplejson as json\nexcept ImportError:\n    import json\n\nremove = os.remove  # compat\nrmtree = sh.rmtree\nexists = p.exists\nloads = json.loads\nrename = os.rename\nrename = os.replace\nnot_alias = os.remove(1)\n";
        let parts = ModuleParts::new(Path::new("compat.py"), text.to_string());
        assert_eq!(parts.alias("remove").as_deref(), Some("os.remove"));
        assert_eq!(parts.alias("rmtree").as_deref(), Some("shutil.rmtree"));
        assert_eq!(parts.alias("exists").as_deref(), Some("os.path.exists"));
        // Imported one of two ways, or bound twice: not known.
        assert_eq!(parts.alias("loads"), None);
        assert_eq!(parts.alias("rename"), None);
        assert_eq!(parts.alias("not_alias"), None);
    }

    fn starts(text: &str) -> Vec<&str> {
        top_level_statements(text)
            .unwrap()
            .into_iter()
            .map(|r| first_word(&text[r]))
            .collect()
    }

    #[test]
    fn statements_start_at_column_zero_outside_strings_and_brackets() {
        let text = "import os\n\
                    def f(a,\n\
                    b):\n    \"\"\"\nclass NotHere:\n\"\"\"\n    return a\n\
                    x = [\n1,\n]\n\
                    y = 1 + \\\n2\n\
                    # comment\n\
                    try:\n    import json\nexcept ImportError:\n    json = None\n\
                    @dec\nclass C:\n    s = 'it''s'\n";
        assert_eq!(
            starts(text),
            ["import", "def", "x", "y", "try", "@", "class"]
        );
    }

    #[test]
    fn an_unterminated_string_does_not_split() {
        assert!(top_level_statements("x = '''\ndef f(): pass\n").is_none());
        assert!(top_level_statements("x = (1,\n").is_none());
    }

    #[test]
    fn a_part_holds_its_definition_and_resolves_siblings() {
        let text = "import os\n\ndef helper(p):\n    os.remove(p)\n\n\
                    def outer(p):\n    helper(p)\n\n\
                    CONST = 1\n\ndef CONST():\n    pass\n";
        let parts = ModuleParts::new(Path::new("/nonexistent/m.py"), text.to_string());
        let outer = parts.part("outer").unwrap();
        assert!(outer.functions.contains_key("outer"));
        assert!(!outer.functions.contains_key("helper"));
        let helper = parts.part("helper").unwrap();
        assert!(helper.functions.contains_key("helper"));
        // Bound twice at the top level: not trusted.
        assert!(parts.part("CONST").is_none());
    }
}
