//! Baselines: the findings a team has accepted for now, so that only new ones fail CI.
//!
//! A finding is identified by a fingerprint of its rule, its sentence (normalized) and
//! its path — not its line, so that text moving up or down does not resurrect it. The
//! baseline counts fingerprints: if a sentence is baselined once and a second copy
//! appears in the same file, the copy is new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::report::Finding;

/// Version of the baseline file format.
const BASELINE_VERSION: u32 = 1;

/// The stable identity of a finding: hex digits of SHA-256 over rule id, the sentence
/// lower-cased with whitespace folded, and the path with `/` separators.
pub fn fingerprint(rule: &str, sentence: &str, path: &str) -> String {
    // Each word lower-cased on its own, joined by single spaces; ASCII words without
    // allocating (keyword-dense text has a finding in every sentence).
    let mut folded = String::with_capacity(sentence.len());
    for (index, word) in sentence.split_whitespace().enumerate() {
        if index > 0 {
            folded.push(' ');
        }
        if word.is_ascii() {
            folded.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            folded.push_str(&word.to_lowercase());
        }
    }
    let mut hasher = Sha256::new();
    for part in [rule, &folded, &portable_path(path)] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(32);
    for &byte in hasher.finalize().iter().take(16) {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

/// A path as recorded in baselines: `/` separators, no leading `./`.
fn portable_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}

/// One baselined finding. Rule, path and text are there for people reading the file in
/// a review; only the fingerprint counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    rule: String,
    path: String,
    text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// Accepted findings, counted by fingerprint.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: BTreeMap<String, usize>,
}

impl Baseline {
    /// Reads a baseline written by `--write-baseline`.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "line {} column {}: {e}; write it anew with --write-baseline",
                e.line(),
                e.column()
            )
        })?;
        if file.version != BASELINE_VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {BASELINE_VERSION}); write it anew with --write-baseline",
                file.version
            ));
        }
        let mut remaining = BTreeMap::new();
        for entry in file.findings {
            *remaining.entry(entry.fingerprint).or_insert(0) += 1;
        }
        Ok(Self { remaining })
    }

    /// Whether `finding` is accepted; each baselined occurrence accepts one finding.
    pub fn absorbs(&mut self, finding: &Finding) -> bool {
        match self.remaining.get_mut(&finding.fingerprint) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
}

/// Writes `findings` as a baseline, atomically (a half-written baseline would let
/// findings through). Native build only: the browser page writes no files.
#[cfg(feature = "native")]
pub fn write(path: &Path, findings: &[Finding]) -> std::io::Result<()> {
    let file = BaselineFile {
        version: BASELINE_VERSION,
        findings: findings
            .iter()
            .map(|finding| Entry {
                fingerprint: finding.fingerprint.clone(),
                rule: finding.rule.to_string(),
                path: portable_path(&finding.path),
                text: finding.text.to_string(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    json.push('\n');
    crate::atomic::write_atomically(path, json.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_case_spacing_and_path_spelling() {
        let a = fingerprint(
            "FL101",
            "E-Mails werden  nicht\nbearbeitet.",
            "./vorlagen/a.txt",
        );
        let b = fingerprint(
            "FL101",
            "e-mails werden nicht bearbeitet.",
            "vorlagen/a.txt",
        );
        assert_eq!(a, b);
        assert_eq!(a.len(), 32);
        assert_ne!(
            a,
            fingerprint(
                "FL102",
                "e-mails werden nicht bearbeitet.",
                "vorlagen/a.txt"
            )
        );
        assert_ne!(
            a,
            fingerprint(
                "FL101",
                "e-mails werden nicht bearbeitet.",
                "vorlagen/b.txt"
            )
        );
    }
}
