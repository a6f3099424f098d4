//! Adopting tempsafe step by step: `--write-baseline FILE` records the
//! findings of today by fingerprint, `--baseline FILE` then reports and
//! fixes only findings that are not in it. Fingerprints (see
//! [`crate::fingerprint`]) do not depend on line numbers, so unrelated
//! edits that move a finding do not make it new.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use ruff_text_size::Ranged;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::fingerprint::{Fingerprinter, line_at};

/// A finding as the baseline file records it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub fingerprint: String,
    /// Where it was when recorded (for people; not used to match).
    pub line: usize,
}

/// The baseline file: per file (relative to the repository root), its
/// findings.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub files: BTreeMap<String, Vec<Entry>>,
}

/// The fingerprints of `diagnostics` (in source order) in `source`.
pub fn fingerprints(source: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    // The file is the baseline's key: the fingerprint leaves it out.
    let mut fingerprinter = Fingerprinter::new("");
    diagnostics
        .iter()
        .map(|d| fingerprinter.next(d.rule.code(), line_at(source, d.start().to_usize())))
        .collect()
}

/// Drops the findings whose fingerprints are `known` (in the baseline).
pub fn drop_known(source: &str, diagnostics: &mut Vec<Diagnostic>, known: &HashSet<String>) {
    let prints = fingerprints(source, diagnostics);
    let mut keep = prints.iter().map(|p| !known.contains(p));
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a tempsafe baseline: {e}", path.display()))
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).unwrap_or_default() + "\n";
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The known fingerprints of one file (its repository-relative path).
    pub fn known(&self, file: &str) -> Option<Arc<HashSet<String>>> {
        let entries = self.files.get(file)?;
        Some(Arc::new(
            entries.iter().map(|e| e.fingerprint.clone()).collect(),
        ))
    }
}
