//! The package model: which file of the code base an import names, seen
//! from a file. Files are found on demand (a few `stat` calls), so a module
//! is only ever read when a finding leads into it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap as HashMap;

/// How far up from a file a package root is looked for.
const MAX_LEVELS: usize = 6;

/// The file of `module` (dotted, e.g. `pkg.sub.m`) imported from `from`:
/// `level` leading dots for a relative import. A package is its
/// `__init__.py`.
pub fn module_file(from: &Path, level: u32, module: &str) -> Option<PathBuf> {
    // Asked once per call site: remembered per directory, so a package's
    // files are looked for once (keys are bytes: hashing a `Path` parses it).
    type Key = (OsString, u32, String);
    static FOUND: OnceLock<Mutex<HashMap<Key, Option<PathBuf>>>> = OnceLock::new();
    let dir = from.parent()?;
    let key = (dir.as_os_str().to_owned(), level, module.to_string());
    let found = FOUND.get_or_init(Mutex::default);
    if let Some(known) = found.lock().ok()?.get(&key) {
        return known.clone();
    }
    let file = look_up(dir, level, module);
    found.lock().ok()?.insert(key, file.clone());
    file
}

fn look_up(dir: &Path, level: u32, module: &str) -> Option<PathBuf> {
    if level > 0 {
        let mut base = dir.to_path_buf();
        for _ in 1..level {
            base = base.parent()?.to_path_buf();
        }
        return find_in(&base, module);
    }
    roots(dir).iter().find_map(|root| find_in(root, module))
}

/// Where absolute imports may start, nearest first: the directory above
/// the file's top package (flat layout), then every directory above the
/// file and their `src/` (src layout, tests beside the package).
fn roots(dir: &Path) -> Vec<PathBuf> {
    let mut top = dir;
    while top.join("__init__.py").is_file() {
        match top.parent() {
            Some(parent) => top = parent,
            None => break,
        }
    }
    let mut roots = vec![top.to_path_buf()];
    for ancestor in dir.ancestors().take(MAX_LEVELS) {
        for root in [ancestor.to_path_buf(), ancestor.join("src")] {
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
    }
    roots
}

fn find_in(base: &Path, module: &str) -> Option<PathBuf> {
    if module.is_empty() {
        let init = base.join("__init__.py");
        return init.is_file().then_some(init);
    }
    let mut path = base.to_path_buf();
    for part in module.split('.') {
        if part.is_empty() || part.contains(['/', '\\']) {
            return None;
        }
        path.push(part);
    }
    let file = path.with_extension("py");
    if file.is_file() {
        return Some(file);
    }
    let init = path.join("__init__.py");
    init.is_file().then_some(init)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_relative_and_src_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "flat/pkg/__init__.py",
            "flat/pkg/util.py",
            "flat/pkg/sub/__init__.py",
            "flat/pkg/sub/mod.py",
            "layout/src/lib/__init__.py",
            "layout/src/lib/core.py",
            "layout/tests/test_core.py",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let from = root.join("flat/pkg/sub/mod.py");
        assert_eq!(
            module_file(&from, 0, "pkg.util"),
            Some(root.join("flat/pkg/util.py"))
        );
        assert_eq!(
            module_file(&from, 2, "util"),
            Some(root.join("flat/pkg/util.py"))
        );
        assert_eq!(
            module_file(&from, 1, ""),
            Some(root.join("flat/pkg/sub/__init__.py"))
        );
        assert_eq!(
            module_file(&root.join("layout/tests/test_core.py"), 0, "lib.core"),
            Some(root.join("layout/src/lib/core.py"))
        );
        assert_eq!(module_file(&from, 0, "pkg.missing"), None);
    }
}
