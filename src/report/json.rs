//! `--format json`: the run as one JSON object (docs/json.md).

use std::io::Write;

use super::RunReport;

pub fn print_json(report: &RunReport, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
