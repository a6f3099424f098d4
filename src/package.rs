//! The package model: which file of the code base an import names, seen
//! from a file. Files are found on demand from directory listings read
//! once each, so a module is only ever read when a finding leads into it.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How far up from a file a package root is looked for.
const MAX_LEVELS: usize = 6;

/// The file of `module` (dotted, e.g. `pkg.sub.m`) imported from `from`:
/// `level` leading dots for a relative import. A package is its
/// `__init__.py`.
pub fn module_file(from: &Path, level: u32, module: &str) -> Option<PathBuf> {
    // Asked for every call to an imported name: remembered per directory
    // and module (keys are bytes: hashing a `Path` parses it), and looked
    // up without building a key.
    // The key is the module as the import spells it (`..util`).
    type Found = HashMap<OsString, HashMap<String, Option<PathBuf>>>;
    static FOUND: OnceLock<Mutex<Found>> = OnceLock::new();
    let dir = from.parent()?;
    let found = FOUND.get_or_init(Mutex::default);
    let relative;
    let key = if level == 0 {
        module
    } else {
        relative = format!("{}{module}", ".".repeat(level as usize));
        &relative
    };
    if let Some(known) = found
        .lock()
        .ok()?
        .get(dir.as_os_str())
        .and_then(|d| d.get(key))
    {
        return known.clone();
    }
    let file = look_up(dir, level, module);
    found
        .lock()
        .ok()?
        .entry(dir.as_os_str().to_owned())
        .or_default()
        .insert(key.to_string(), file.clone());
    file
}

fn look_up(dir: &Path, level: u32, module: &str) -> Option<PathBuf> {
    if level > 0 {
        let mut base = dir;
        for _ in 1..level {
            base = base.parent()?;
        }
        return find_in(base, module);
    }
    roots(dir).iter().find_map(|root| find_in(root, module))
}

/// Where absolute imports may start, nearest first: the directory above
/// the file's top package (flat layout), then every directory above the
/// file and their `src/` (src layout, tests beside the package).
fn roots(dir: &Path) -> Vec<PathBuf> {
    let mut top = dir;
    while has_init(top) {
        match top.parent() {
            Some(parent) => top = parent,
            None => break,
        }
    }
    let mut roots = vec![top.to_path_buf()];
    for ancestor in dir.ancestors().take(MAX_LEVELS) {
        if ancestor != top {
            roots.push(ancestor.to_path_buf());
        }
        let src = ancestor.join("src");
        if listing(ancestor).dirs.contains(OsStr::new("src")) && src != top {
            roots.push(src);
        }
    }
    roots
}

const INIT: &str = "__init__.py";

fn has_init(dir: &Path) -> bool {
    listing(dir).files.contains(OsStr::new(INIT))
}

/// `module` under `base`, one directory listing per package level; a
/// name that is not there (`os`, `unittest`) costs one look-up in the
/// listing of `base`, no system call.
fn find_in(base: &Path, module: &str) -> Option<PathBuf> {
    if module.is_empty() {
        return has_init(base).then(|| base.join(INIT));
    }
    let mut dir = base.to_path_buf();
    let mut parts = module.split('.').peekable();
    while let Some(part) = parts.next() {
        if part.is_empty() || part.contains(['/', '\\']) {
            return None;
        }
        let here = listing(&dir);
        if parts.peek().is_none() {
            let file = format!("{part}.py");
            if here.files.contains(OsStr::new(&file)) {
                return Some(dir.join(file));
            }
        }
        if !here.dirs.contains(OsStr::new(part)) {
            return None;
        }
        dir.push(part);
    }
    has_init(&dir).then(|| dir.join(INIT))
}

/// The `.py` files and the subdirectories of a directory.
#[derive(Default)]
struct Listing {
    files: HashSet<OsString>,
    dirs: HashSet<OsString>,
}

/// The listing of `dir`, read once per run (empty when it cannot be
/// read). A `stat` per guessed file was a tenth of a run: most guesses are
/// standard modules under a dozen roots.
fn listing(dir: &Path) -> Arc<Listing> {
    static LISTINGS: OnceLock<Mutex<HashMap<OsString, Arc<Listing>>>> = OnceLock::new();
    let listings = LISTINGS.get_or_init(Mutex::default);
    if let Some(known) = listings
        .lock()
        .ok()
        .and_then(|l| l.get(dir.as_os_str()).cloned())
    {
        return known;
    }
    let mut listing = Listing::default();
    // The parent of a relative `tests` is the empty path: the current
    // directory.
    let readable = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    for entry in std::fs::read_dir(readable).into_iter().flatten().flatten() {
        let Ok(mut kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            match std::fs::metadata(entry.path()) {
                Ok(target) => kind = target.file_type(),
                Err(_) => continue,
            }
        }
        let name = entry.file_name();
        if kind.is_dir() {
            listing.dirs.insert(name);
        } else if kind.is_file() && name.as_encoded_bytes().ends_with(b".py") {
            // Only `.py` files can be imported: data directories stay small.
            listing.files.insert(name);
        }
    }
    let listing = Arc::new(listing);
    if let Ok(mut listings) = listings.lock() {
        listings.insert(dir.as_os_str().to_owned(), listing.clone());
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Empty files at `files` under `root`, with their directories.
    fn touch(root: &Path, files: &[&str]) {
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
    }

    #[test]
    fn absolute_relative_and_src_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(
            root,
            &[
                "flat/pkg/__init__.py",
                "flat/pkg/util.py",
                "flat/pkg/sub/__init__.py",
                "flat/pkg/sub/mod.py",
                "layout/src/lib/__init__.py",
                "layout/src/lib/core.py",
                "layout/tests/test_core.py",
            ],
        );
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
        assert_eq!(module_file(&from, 0, "os"), None);
    }

    #[test]
    fn linked_modules_and_packages_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(
            root,
            &["real/helper.py", "real/inner/__init__.py", "app/main.py"],
        );
        std::os::unix::fs::symlink(root.join("real/helper.py"), root.join("app/helper.py"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("real/inner"), root.join("app/inner")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere.py"), root.join("app/broken.py")).unwrap();
        let from = root.join("app/main.py");
        assert_eq!(
            module_file(&from, 1, "helper"),
            Some(root.join("app/helper.py"))
        );
        assert_eq!(
            module_file(&from, 1, "inner"),
            Some(root.join("app/inner/__init__.py"))
        );
        assert_eq!(module_file(&from, 1, "broken"), None);
    }
}
