//! Presentation for the person who got the letter: the self-contained HTML report
//! (`formlos report`, `check --format html`) and the reply to the agency (`formlos
//! reply`) as text, Markdown and Word.
//!
//! Everything here turns a check result into strings or bytes and touches neither files,
//! the clock nor processes, so that the browser page can call it compiled to
//! WebAssembly. The legal prose comes from `texts/` ([`texts`]).

pub mod date;
pub mod html;
pub mod letterhead;
pub mod reply;
pub mod texts;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub use date::Date;
pub use letterhead::Letterhead;

use crate::engine::Context;
use crate::i18n::Lang;
use crate::report::{FileStatus, Finding, RunReport};
use crate::rules::RuleSet;

/// One checked letter: its text, its findings and what its head says about it.
#[derive(Debug, Clone)]
pub struct Letter<'a> {
    /// The path as reported.
    pub path: &'a str,
    /// The checked text, when it was kept.
    pub text: Option<&'a str>,
    /// Its findings: the letter's own statements first, then quoted and reported ones,
    /// each in the order they stand in the letter.
    pub findings: Vec<&'a Finding>,
    pub letterhead: Letterhead,
}

impl<'a> Letter<'a> {
    /// A letter from its text and findings (in any order).
    pub fn new(path: &'a str, text: Option<&'a str>, mut findings: Vec<&'a Finding>) -> Self {
        findings.sort_by_key(|f| (f.context != Context::Direct, f.line, f.column));
        let sender = findings
            .iter()
            .find_map(|f| f.location.get("from").and_then(|v| v.as_str()))
            .and_then(crate::engine::letterhead::agency);
        let letterhead =
            Letterhead::read(text.unwrap_or_default()).with_agency_name(sender.as_deref());
        Self {
            path,
            text,
            findings,
            letterhead,
        }
    }

    /// The letter's own statements (not quoted or reported ones).
    pub fn direct(&self) -> impl Iterator<Item = &'a Finding> + '_ {
        self.findings
            .iter()
            .copied()
            .filter(|f| f.context == Context::Direct)
    }
}

/// A file that could not be checked, for the report's list of them.
#[derive(Debug, Clone, Copy)]
pub struct Unchecked<'a> {
    pub path: &'a str,
    pub reason: &'a str,
}

/// The letters of a run (files that were read, in path order) and the files that could
/// not be checked.
pub fn letters_of(report: &RunReport) -> (Vec<Letter<'_>>, Vec<Unchecked<'_>>) {
    let mut by_path: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in &report.findings {
        by_path.entry(&finding.path).or_default().push(finding);
    }
    let mut letters = Vec::new();
    let mut unchecked = Vec::new();
    for file in &report.files {
        match file.status {
            FileStatus::Ok => letters.push(Letter::new(
                &file.path,
                file.text.as_deref(),
                by_path.remove(file.path.as_str()).unwrap_or_default(),
            )),
            FileStatus::Error => unchecked.push(Unchecked {
                path: &file.path,
                reason: file.error.as_deref().unwrap_or_default(),
            }),
            FileStatus::Skipped => {}
        }
    }
    (letters, unchecked)
}

/// Who made a report and when: shown in its footer and the file note.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// formlos' version.
    pub version: String,
    /// The day of the check.
    pub date: Date,
    /// The rule pack, as [`rule_pack_label`] describes it.
    pub rule_pack: String,
}

impl Provenance {
    /// This formlos, today, with `rules`. Only front ends call this (it reads the clock).
    pub fn today(rules: &RuleSet, lang: Lang) -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            date: Date::today(),
            rule_pack: rule_pack_label(rules, lang),
        }
    }
}

/// The rule pack in a few words: how many rules, and a checksum of what they match, so
/// that two reports made with different rules can be told apart.
pub fn rule_pack_label(rules: &RuleSet, lang: Lang) -> String {
    let mut hasher = Sha256::new();
    for rule in &rules.rules {
        let spec = &rule.spec;
        hasher.update(spec.id.as_bytes());
        hasher.update(rule.family.as_bytes());
        hasher.update(spec.severity.as_str().as_bytes());
        for norm in &spec.law {
            hasher.update(norm.norm.as_bytes());
        }
        for pattern in &spec.patterns {
            for element in pattern.all.iter().chain(&pattern.previous) {
                hasher.update(element.as_bytes());
            }
            hasher.update(pattern.within.unwrap_or(0).to_le_bytes());
        }
        for exception in &spec.exceptions {
            hasher.update(exception.pattern.as_bytes());
        }
        hasher.update([0]);
    }
    let digest: String = hasher
        .finalize()
        .iter()
        .take(4)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    match lang {
        Lang::De => format!("{} Regeln, Prüfsumme {digest}", rules.rules.len()),
        Lang::En => format!("{} rules, checksum {digest}", rules.rules.len()),
    }
}
