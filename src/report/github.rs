//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's lines. Most severe first, because GitHub shows
//! only a limited number of annotations per step.

use std::io::Write;

use super::{Finding, RunReport};
use crate::rules::Severity;

/// Escapes a message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn print_github(report: &RunReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mut findings: Vec<&Finding> = report.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for finding in findings {
        let title = format!("{} {}", finding.rule, finding.name);
        let law = if finding.law.is_empty() {
            String::new()
        } else {
            format!(" ({})", finding.law.join(", "))
        };
        let message = format!("{}{law}\n„{}“", finding.message, finding.text);
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(finding.severity),
            escape_property(&finding.path),
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
            escape_property(&title),
            escape_data(&message),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators_and_data_escapes_newlines() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a:b,c%\r\n"), "a:b,c%25%0D%0A");
    }
}
