//! `--format junit`: JUnit XML, which most CI systems show as test results. One test
//! case per file; each finding that reaches `--fail-on` is a `<failure>` (so that the
//! test results agree with the exit code), findings below it are listed in the case's
//! `<system-out>`, an unreadable file is an `<error>`, a skipped file `<skipped>`.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{FileStatus, Finding, RunReport};
use crate::i18n::{Lang, t};

pub fn print_junit(report: &RunReport, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    let s = &report.summary;
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let tests = report.files.len().to_string();
    let fails = |finding: &Finding| finding.severity >= s.fail_on;
    let failures = report
        .files
        .iter()
        .filter(|file| {
            report
                .findings
                .iter()
                .any(|finding| *finding.path == *file.path && fails(finding))
        })
        .count()
        .to_string();
    let errors = s.files_with_errors.to_string();
    let skipped = s.files_skipped.to_string();
    let counts = [
        ("tests", tests.as_str()),
        ("failures", failures.as_str()),
        ("errors", errors.as_str()),
        ("skipped", skipped.as_str()),
    ];
    writer.write_event(Event::Start(
        BytesStart::new("testsuites")
            .with_attributes([("name", "formlos")].into_iter().chain(counts)),
    ))?;
    writer.write_event(Event::Start(
        BytesStart::new("testsuite")
            .with_attributes([("name", "formlos")].into_iter().chain(counts)),
    ))?;
    let mut by_path: std::collections::HashMap<&str, Vec<&Finding>> = Default::default();
    for finding in &report.findings {
        by_path.entry(&finding.path).or_default().push(finding);
    }
    for file in &report.files {
        let findings = by_path.remove(file.path.as_str()).unwrap_or_default();
        let case = BytesStart::new("testcase")
            .with_attributes([("name", file.path.as_str()), ("classname", "formlos")]);
        if findings.is_empty() && file.status == FileStatus::Ok {
            writer.write_event(Event::Empty(case))?;
            continue;
        }
        writer.write_event(Event::Start(case))?;
        let (failing, below): (Vec<&Finding>, Vec<&Finding>) =
            findings.into_iter().partition(|finding| fails(finding));
        for finding in failing {
            let message = format!("{} {}: {}", finding.rule, finding.name, finding.message);
            writer.write_event(Event::Start(BytesStart::new("failure").with_attributes([
                ("message", message.as_str()),
                ("type", finding.rule.as_ref()),
            ])))?;
            writer.write_event(Event::Text(BytesText::new(&describe(finding, lang))))?;
            writer.write_event(Event::End(BytesEnd::new("failure")))?;
        }
        if !below.is_empty() {
            let heading = match lang {
                Lang::De => format!(
                    "Befunde unter --fail-on {} (kein Fehlschlag):",
                    s.fail_on.as_str()
                ),
                Lang::En => format!(
                    "Findings below --fail-on {} (not failures):",
                    s.fail_on.as_str()
                ),
            };
            let listed: Vec<String> = below
                .iter()
                .map(|finding| {
                    format!(
                        "{} {}: {}\n{}",
                        finding.rule,
                        finding.name,
                        finding.message,
                        describe(finding, lang)
                    )
                })
                .collect();
            let text = format!("{heading}\n\n{}", listed.join("\n\n"));
            writer.write_event(Event::Start(BytesStart::new("system-out")))?;
            writer.write_event(Event::Text(BytesText::new(&text)))?;
            writer.write_event(Event::End(BytesEnd::new("system-out")))?;
        }
        let reason = file.error.as_deref().unwrap_or_default();
        match file.status {
            FileStatus::Error => {
                writer.write_event(Event::Empty(
                    BytesStart::new("error").with_attributes([("message", reason)]),
                ))?;
            }
            FileStatus::Skipped => {
                writer.write_event(Event::Empty(
                    BytesStart::new("skipped").with_attributes([("message", reason)]),
                ))?;
            }
            FileStatus::Ok => {}
        }
        writer.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("testsuite")))?;
    writer.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writeln!(writer.into_inner())
}

/// Where a finding is and what it says, for a failure's body or the case's output.
fn describe(finding: &Finding, lang: Lang) -> String {
    format!(
        "{}:{}:{}: {} [{}]\n„{}“\n{}: {}",
        finding.path,
        finding.line,
        finding.column,
        finding.severity.as_str(),
        finding.context.as_str(),
        finding.text,
        t(lang, "Norm", "Law"),
        finding.law.join(", ")
    )
}
