//! `--group`: the same wording sent to thousands is one row — each distinct sentence per
//! rule with how often it was found, in how many documents, and the first and last date.
//! Findings are added while the archive is read and then dropped, so memory grows with
//! the number of distinct wordings, not with the archive.
//!
//! A wording is counted per rule, context and severity: the same sentence quoted in a
//! counsellor's note and sent by an agency are different rows, so that a quotation or a
//! report never looks like a restriction.

use std::collections::HashMap;
use std::io::Write;

use comfy_table::{Cell, CellAlignment};

use super::summary::table;
use serde::Serialize;

use super::Finding;
use crate::engine::Context;
use crate::i18n::{Lang, t};
use crate::rules::{Severity, compare_ids};

/// One wording and where it was seen.
#[derive(Debug, Clone, Serialize)]
pub struct Wording {
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    /// Whether the documents say it themselves (`direct`), quote it or report it.
    pub context: Context,
    pub count: usize,
    pub documents: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The sentence as first seen.
    pub text: String,
    /// The first document it was seen in.
    pub example: String,
    #[serde(skip)]
    last_document: String,
}

/// The day of a finding: the e-mail's Date header, else the letter's own date.
pub fn finding_date(finding: &Finding) -> Option<String> {
    ["date", "letter_date"].iter().find_map(|key| {
        finding
            .location
            .get(key)
            .and_then(|value| value.as_str())
            .and_then(|date| date.get(..10))
            .map(str::to_string)
    })
}

/// Which document a finding is in: the file, and the message within an mbox.
pub fn document_of(finding: &Finding) -> String {
    match finding.location.get("message") {
        Some(message) => format!("{}#{message}", finding.path),
        None => finding.path.to_string(),
    }
}

/// Distinct wordings, counted.
#[derive(Debug, Default)]
pub struct Groups {
    wordings: HashMap<(String, Context, Severity, String), Wording>,
}

impl Groups {
    pub fn add(&mut self, finding: &Finding) {
        let key: Vec<String> = finding
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let wording = self
            .wordings
            .entry((
                finding.rule.to_string(),
                finding.context,
                finding.severity,
                key.join(" "),
            ))
            .or_insert_with(|| Wording {
                rule: finding.rule.to_string(),
                name: finding.name.to_string(),
                severity: finding.severity,
                context: finding.context,
                count: 0,
                documents: 0,
                first_date: None,
                last_date: None,
                text: finding.text.to_string(),
                example: document_of(finding),
                last_document: String::new(),
            });
        wording.count += 1;
        let document = document_of(finding);
        if document != wording.last_document {
            wording.documents += 1;
            wording.last_document = document;
        }
        if let Some(date) = finding_date(finding) {
            if wording
                .first_date
                .as_ref()
                .is_none_or(|first| date < *first)
            {
                wording.first_date = Some(date.clone());
            }
            if wording.last_date.as_ref().is_none_or(|last| date > *last) {
                wording.last_date = Some(date);
            }
        }
    }

    /// The wordings, most frequent first.
    pub fn sorted(&self) -> Vec<&Wording> {
        let mut wordings: Vec<&Wording> = self.wordings.values().collect();
        wordings.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| compare_ids(&a.rule, &b.rule))
                .then_with(|| a.context.cmp(&b.context))
                .then_with(|| b.severity.cmp(&a.severity))
                .then_with(|| a.text.cmp(&b.text))
        });
        wordings
    }

    pub fn print_table(&self, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
        let mut table = table(vec![
            t(lang, "Anzahl", "Count"),
            t(lang, "Dokumente", "Documents"),
            t(lang, "Regel", "Rule"),
            t(lang, "Schwere", "Severity"),
            t(lang, "Kontext", "Context"),
            t(lang, "Zeitraum", "Period"),
            t(lang, "Wortlaut", "Wording"),
        ]);
        for wording in self.sorted() {
            let period = match (&wording.first_date, &wording.last_date) {
                (Some(first), Some(last)) if first == last => first.clone(),
                (Some(first), Some(last)) => format!("{first} – {last}"),
                _ => String::new(),
            };
            table.add_row(vec![
                Cell::new(wording.count).set_alignment(CellAlignment::Right),
                Cell::new(wording.documents).set_alignment(CellAlignment::Right),
                Cell::new(&wording.rule),
                Cell::new(wording.severity.label(lang)),
                Cell::new(wording.context.label(lang)),
                Cell::new(period),
                Cell::new(&wording.text),
            ]);
        }
        writeln!(out, "{table}")?;
        writeln!(
            out,
            "{} {}",
            self.wordings.len(),
            t(lang, "verschiedene Wortlaute.", "distinct wordings.")
        )
    }

    pub fn print_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.sorted())?;
        writeln!(out)
    }

    pub fn print_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record([
            "count",
            "documents",
            "rule",
            "name",
            "first_date",
            "last_date",
            "text",
            "example",
            "severity",
            "context",
        ])?;
        for w in self.sorted() {
            writer.write_record([
                w.count.to_string(),
                w.documents.to_string(),
                w.rule.to_string(),
                w.name.to_string(),
                w.first_date.clone().unwrap_or_default(),
                w.last_date.clone().unwrap_or_default(),
                w.text.to_string(),
                w.example.clone(),
                w.severity.as_str().to_string(),
                w.context.as_str().to_string(),
            ])?;
        }
        writer.flush()
    }
}
