//! Summary tables (comfy-table): findings per rule and per file.

use std::collections::BTreeMap;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use super::RunReport;
use crate::i18n::{Lang, t};
use crate::rules::compare_ids;

/// A table in formlos' style with `header`.
pub(super) fn table(header: Vec<&str>) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    table
}

/// Two tables: findings per rule (with severity counts), findings per file.
pub fn summary_tables(report: &RunReport, lang: Lang) -> String {
    #[derive(Default)]
    struct Counts {
        name: String,
        error: usize,
        warning: usize,
        info: usize,
    }
    let mut per_rule: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut per_file: BTreeMap<&str, Counts> = BTreeMap::new();
    for finding in &report.findings {
        for (key, map) in [
            (finding.rule.as_ref(), &mut per_rule),
            (finding.path.as_ref(), &mut per_file),
        ] {
            let counts = map.entry(key).or_default();
            counts.name = finding.name.to_string();
            match finding.severity {
                crate::rules::Severity::Error => counts.error += 1,
                crate::rules::Severity::Warning => counts.warning += 1,
                crate::rules::Severity::Info => counts.info += 1,
            }
        }
    }
    let severity_headers = [
        t(lang, "Fehler", "errors"),
        t(lang, "Warnungen", "warnings"),
        t(lang, "Hinweise", "info"),
    ];
    let mut rules = table(
        [t(lang, "Regel", "rule"), t(lang, "Name", "name")]
            .into_iter()
            .chain(severity_headers)
            .collect(),
    );
    let mut per_rule: Vec<(&str, Counts)> = per_rule.into_iter().collect();
    per_rule.sort_by(|(a, _), (b, _)| compare_ids(a, b));
    for (id, counts) in &per_rule {
        rules.add_row(vec![
            id.to_string(),
            counts.name.clone(),
            counts.error.to_string(),
            counts.warning.to_string(),
            counts.info.to_string(),
        ]);
    }
    let mut files = table(
        [t(lang, "Datei", "file")]
            .into_iter()
            .chain(severity_headers)
            .collect(),
    );
    for (path, counts) in &per_file {
        files.add_row(vec![
            path.to_string(),
            counts.error.to_string(),
            counts.warning.to_string(),
            counts.info.to_string(),
        ]);
    }
    for table in [&mut rules, &mut files] {
        let columns = table.column_count();
        for index in columns.saturating_sub(3)..columns {
            if let Some(column) = table.column_mut(index) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    format!("{rules}\n{files}")
}
