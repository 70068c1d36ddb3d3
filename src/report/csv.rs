//! `--format csv`: one row per finding, for spreadsheets and journalists' analyses.
//! The column order is stable (README.md lists it); new columns are only appended.

use std::io::Write;

use super::{Finding, RunReport};

/// The columns, in order.
pub const CSV_COLUMNS: [&str; 22] = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "name",
    "family",
    "severity",
    "context",
    "confidence",
    "text",
    "message",
    "law",
    "message_index",
    "from",
    "date",
    "subject",
    "part",
    "page",
    "attachment",
    "fingerprint",
];

/// A location value as text: strings as they are, numbers in decimal, absent empty.
fn location_field(finding: &Finding, key: &str) -> String {
    match finding.location.get(key) {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The fields of one finding, in [`CSV_COLUMNS`] order.
pub fn csv_record(finding: &Finding) -> [String; 22] {
    [
        finding.path.to_string(),
        finding.line.to_string(),
        finding.column.to_string(),
        finding.end_line.to_string(),
        finding.end_column.to_string(),
        finding.rule.to_string(),
        finding.name.to_string(),
        finding.family.to_string(),
        finding.severity.as_str().to_string(),
        finding.context.as_str().to_string(),
        format!("{:.2}", finding.confidence),
        finding.text.to_string(),
        finding.message.to_string(),
        finding.law.join("; "),
        location_field(finding, "message"),
        location_field(finding, "from"),
        location_field(finding, "date"),
        location_field(finding, "subject"),
        location_field(finding, "part"),
        location_field(finding, "page"),
        location_field(finding, "attachment_name"),
        finding.fingerprint.clone(),
    ]
}

pub fn print_csv(report: &RunReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    for finding in &report.findings {
        writer.write_record(csv_record(finding))?;
    }
    writer.flush()
}
