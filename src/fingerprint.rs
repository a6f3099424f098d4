//! Fingerprints of findings that survive unrelated edits: SARIF's
//! `partialFingerprints` and the baseline use them. A finding is known by
//! its code, its file, the text of its line without indentation, and how
//! many findings with that same code and text come before it in the file,
//! never by its line number.

use std::collections::HashMap;

/// FNV-1a, 64 bits: stable across platforms and releases, unlike std's hasher.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.iter().chain(&[0u8]) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Hands out fingerprints for the findings of one file, in source order.
pub struct Fingerprinter<'a> {
    path: &'a str,
    seen: HashMap<(String, String), usize>,
}

impl<'a> Fingerprinter<'a> {
    /// `path` is the file relative to the repository (or as displayed).
    pub fn new(path: &'a str) -> Self {
        Self {
            path,
            seen: HashMap::new(),
        }
    }

    /// The fingerprint of the next finding with `code` on a line reading
    /// `line` (indentation and line ending do not count).
    pub fn next(&mut self, code: &str, line: &str) -> String {
        let text = line.trim().to_string();
        let occurrence = self
            .seen
            .entry((code.to_string(), text.clone()))
            .or_default();
        let n = occurrence.to_string();
        *occurrence += 1;
        let hash = fnv1a(&[
            code.as_bytes(),
            self.path.as_bytes(),
            text.as_bytes(),
            n.as_bytes(),
        ]);
        format!("{hash:016x}")
    }
}

/// The text of the line that holds byte `offset`.
pub fn line_at(source: &str, offset: usize) -> &str {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    &source[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_line_text_same_fingerprint_wherever_it_moves() {
        let mut a = Fingerprinter::new("m.py");
        let mut b = Fingerprinter::new("m.py");
        let first = a.next("TMP001", "    x = tempfile.mktemp()\n");
        assert_eq!(first, b.next("TMP001", "x = tempfile.mktemp()"));
        // A second identical line is another finding.
        assert_ne!(first, a.next("TMP001", "x = tempfile.mktemp()"));
        assert_ne!(
            first,
            Fingerprinter::new("n.py").next("TMP001", "x = tempfile.mktemp()")
        );
        assert_eq!(line_at("a\nbc\nd", 3), "bc");
    }
}
