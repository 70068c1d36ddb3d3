//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), shown in
//! merge requests when uploaded as `artifacts:reports:codequality`.

use std::io::Write;

use serde::Serialize;

use super::RunReport;
use crate::rules::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn print_gitlab(report: &RunReport, out: &mut dyn Write) -> std::io::Result<()> {
    let issues: Vec<Issue<'_>> = report
        .findings
        .iter()
        .map(|finding| Issue {
            description: format!("{} {}: {}", finding.rule, finding.message, finding.text),
            check_name: &finding.rule,
            fingerprint: &finding.fingerprint,
            severity: severity(finding.severity),
            location: Location {
                path: finding.path.strip_prefix("./").unwrap_or(&finding.path),
                lines: Lines {
                    begin: finding.line,
                    end: finding.end_line,
                },
            },
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
