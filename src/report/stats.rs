//! `formlos stats`: how often, which agencies, since when, in which formats — counts of
//! findings by rule family, by sender, by month and by format, as tables, CSV or JSON.
//! Built while the archive is read; memory grows with the number of distinct keys only.

use std::collections::BTreeMap;
use std::io::Write;

use comfy_table::{Cell, CellAlignment};

use super::summary::table;
use serde::Serialize;

use super::Finding;
use super::group::{document_of, finding_date};
use crate::i18n::{Lang, t};

/// Findings and documents under one key.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Count {
    pub findings: usize,
    pub documents: usize,
    /// Of the findings, how many are the document's own statement (`direct`).
    pub direct: usize,
    #[serde(skip)]
    last_document: String,
}

/// The four tables.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub by_family: BTreeMap<String, Count>,
    pub by_sender: BTreeMap<String, Count>,
    pub by_month: BTreeMap<String, Count>,
    pub by_format: BTreeMap<String, Count>,
}

/// The key for an unknown sender or month.
const UNKNOWN: &str = "?";

/// Who sent a finding's document: the agency named in it, else the domain of the
/// e-mail's sender, else unknown.
pub fn sender_of(finding: &Finding) -> String {
    if let Some(agency) = finding.location.get("agency").and_then(|v| v.as_str()) {
        return agency.to_string();
    }
    finding
        .location
        .get("from")
        .and_then(|v| v.as_str())
        .and_then(|from| from.rsplit_once('@'))
        .map(|(_, domain)| domain.trim_end_matches('>').trim().to_lowercase())
        .unwrap_or_else(|| UNKNOWN.to_string())
}

impl Stats {
    /// Counts a finding found in a file of `format`.
    pub fn add(&mut self, finding: &Finding, format: &str) {
        let document = document_of(finding);
        let month = finding_date(finding)
            .and_then(|date| date.get(..7).map(str::to_string))
            .unwrap_or_else(|| UNKNOWN.to_string());
        let keys = [
            (&mut self.by_family, finding.family.to_string()),
            (&mut self.by_sender, sender_of(finding)),
            (&mut self.by_month, month),
            (&mut self.by_format, format.to_string()),
        ];
        for (table, key) in keys {
            let count = table.entry(key).or_default();
            count.findings += 1;
            if finding.context == crate::engine::Context::Direct {
                count.direct += 1;
            }
            if count.last_document != document {
                count.documents += 1;
                count.last_document.clone_from(&document);
            }
        }
    }

    fn tables(&self, lang: Lang) -> [(&'static str, &'static str, &BTreeMap<String, Count>); 4] {
        [
            (
                "family",
                t(lang, "Regelfamilie", "Rule family"),
                &self.by_family,
            ),
            ("sender", t(lang, "Absender", "Sender"), &self.by_sender),
            ("month", t(lang, "Monat", "Month"), &self.by_month),
            ("format", t(lang, "Format", "Format"), &self.by_format),
        ]
    }

    pub fn print_tables(&self, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
        for (_, heading, rows) in self.tables(lang) {
            let mut table = table(vec![
                heading,
                t(lang, "Befunde", "Findings"),
                t(lang, "davon direkt", "direct"),
                t(lang, "Dokumente", "Documents"),
            ]);
            for (key, count) in rows {
                table.add_row(vec![
                    Cell::new(key),
                    Cell::new(count.findings).set_alignment(CellAlignment::Right),
                    Cell::new(count.direct).set_alignment(CellAlignment::Right),
                    Cell::new(count.documents).set_alignment(CellAlignment::Right),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        Ok(())
    }

    /// One CSV for all tables: `table,key,findings,direct,documents`.
    pub fn print_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(["table", "key", "findings", "direct", "documents"])?;
        for (name, _, rows) in self.tables(Lang::En) {
            for (key, count) in rows {
                writer.write_record([
                    name.to_string(),
                    key.clone(),
                    count.findings.to_string(),
                    count.direct.to_string(),
                    count.documents.to_string(),
                ])?;
            }
        }
        writer.flush()
    }

    pub fn print_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }
}
