//! Checking inputs in parallel: read -> extract -> engine -> findings with positions.

use std::io::Read;
use std::sync::Arc;

use rayon::prelude::*;

use crate::engine::offsets::LineIndex;
use crate::engine::{Context, Hit, check_text_with_evidence};
use crate::extract::mbox::MboxMessages;
use crate::extract::{self, ExtractError, Format, guarded};
use crate::i18n::Lang;
use crate::input::{Discovery, InputIssue, Target};
use crate::report::{
    Excerpt, Explanation, FileReport, FileStatus, Finding, MatchedElement, RunReport,
};
use crate::rules::{RuleSet, Severity};

/// Settings of one check run.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    pub lang: Lang,
    pub fail_on: Severity,
    /// Findings below this confidence are dropped.
    pub min_confidence: f64,
    /// Attach an [`Explanation`] to every finding.
    pub explain: bool,
    /// Keep each file's checked text in its report (for `formlos eval`).
    pub keep_text: bool,
}

/// Checks every discovered target; files are processed in parallel and reported in
/// path order so that output is the same on every run.
pub fn check(discovery: Discovery, rules: &RuleSet, options: CheckOptions) -> RunReport {
    let mut results: Vec<(FileReport, Vec<Finding>)> = discovery
        .targets
        .par_iter()
        .map(|target| check_target(target, rules, options))
        .collect();
    results.extend(discovery.problems.into_iter().map(|problem| {
        (
            problem_report(problem.path, None, &problem.issue, options.lang),
            Vec::new(),
        )
    }));
    results.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut files = Vec::with_capacity(results.len());
    let mut findings = Vec::new();
    for (file, file_findings) in results {
        files.push(file);
        findings.extend(file_findings);
    }
    RunReport::new(findings, files, options.fail_on)
}

fn file_report(
    path: String,
    format: Option<Format>,
    status: FileStatus,
    error: Option<String>,
) -> FileReport {
    FileReport {
        path,
        format: format.map(|f| f.as_str().to_string()),
        encoding: None,
        messages: None,
        status,
        error,
        findings: 0,
        text: None,
    }
}

fn problem_report(
    path: String,
    format: Option<Format>,
    issue: &InputIssue,
    lang: Lang,
) -> FileReport {
    let status = if issue.is_error() {
        FileStatus::Error
    } else {
        FileStatus::Skipped
    };
    file_report(path, format, status, Some(issue.describe(lang)))
}

/// Largest input read: larger files are refused with a clear message instead of
/// exhausting memory (archives such as mbox are streamed, not read whole).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

fn read_target(target: &Target) -> Result<(Vec<u8>, Format), InputIssue> {
    let too_large = || {
        InputIssue::Extract(ExtractError::TooLarge(format!(
            "more than {} MiB",
            MAX_FILE_BYTES >> 20
        )))
    };
    let read_error = |error: std::io::Error| InputIssue::Read(error.to_string());
    let (reader, format): (Box<dyn Read>, Format) = match target {
        Target::Stdin => (Box::new(std::io::stdin()), Format::Text),
        Target::File { path, format, .. } => {
            let file = std::fs::File::open(path).map_err(read_error)?;
            if file.metadata().map_err(read_error)?.len() > MAX_FILE_BYTES {
                return Err(too_large());
            }
            (Box::new(file), *format)
        }
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok((bytes, format))
}

fn check_target(
    target: &Target,
    rules: &RuleSet,
    options: CheckOptions,
) -> (FileReport, Vec<Finding>) {
    let path = target.display();
    if let Target::File {
        path: file,
        format: Format::Mbox,
        ..
    } = target
    {
        return check_mbox(path, file, rules, options);
    }
    let (bytes, format) = match read_target(target) {
        Ok(read) => read,
        Err(issue) => return (problem_report(path, None, &issue, options.lang), Vec::new()),
    };
    // A bug or a library panic on hostile input costs this file, not the run.
    let checked = guarded(|| {
        extract::extract(format, &bytes).map(|document| {
            let findings = check_document(&path, &document, rules, options);
            (document, findings)
        })
    });
    let (document, findings) = match checked {
        Some(Ok(checked)) => checked,
        Some(Err(error)) => {
            let walked = matches!(target, Target::File { walked: true, .. });
            let issue = match error {
                ExtractError::Binary if walked => InputIssue::BinaryInFolder,
                error => InputIssue::Extract(error),
            };
            return (
                problem_report(path, Some(format), &issue, options.lang),
                Vec::new(),
            );
        }
        None => {
            let issue = InputIssue::Extract(ExtractError::Crashed);
            return (
                problem_report(path, Some(format), &issue, options.lang),
                Vec::new(),
            );
        }
    };
    let mut report = file_report(path, Some(format), FileStatus::Ok, None);
    report.encoding = Some(document.encoding.to_string());
    report.findings = findings.len();
    if options.keep_text {
        let text: Vec<&str> = document
            .units
            .iter()
            .map(|unit| unit.text.as_str())
            .collect();
        report.text = Some(Arc::from(text.join("\n\n")));
    }
    (report, findings)
}

/// Checks an mbox archive message by message while reading it, so that its size does
/// not matter. Lines of verbatim parts count in the archive.
fn check_mbox(
    path: String,
    file: &std::path::Path,
    rules: &RuleSet,
    options: CheckOptions,
) -> (FileReport, Vec<Finding>) {
    let reader = match std::fs::File::open(file) {
        Ok(reader) => std::io::BufReader::new(reader),
        Err(error) => {
            let issue = InputIssue::Read(error.to_string());
            return (problem_report(path, None, &issue, options.lang), Vec::new());
        }
    };
    let mut findings = Vec::new();
    let (mut messages, mut unreadable) = (0usize, 0usize);
    for message in MboxMessages::new(reader) {
        let message = match message {
            Ok(message) => message,
            Err(error) => {
                let issue = InputIssue::Read(error.to_string());
                return (
                    problem_report(path, Some(Format::Mbox), &issue, options.lang),
                    findings,
                );
            }
        };
        messages += 1;
        let checked = guarded(|| {
            extract::extract(Format::Email, &message.bytes)
                .map(|document| check_document(&path, &document, rules, options))
        });
        let Some(Ok(message_findings)) = checked else {
            unreadable += 1;
            continue;
        };
        for mut finding in message_findings {
            finding
                .location
                .insert("message".into(), serde_json::Value::from(message.index));
            if !finding.location.contains_key("line_in") {
                let base = message.first_line - 1;
                finding.line += base;
                finding.end_line += base;
                finding.excerpt.first_line += base;
            }
            findings.push(finding);
        }
    }
    let mut report = file_report(path, Some(Format::Mbox), FileStatus::Ok, None);
    report.messages = Some(messages);
    report.findings = findings.len();
    if unreadable > 0 {
        report.error = Some(match options.lang {
            crate::i18n::Lang::De => {
                format!("{unreadable} von {messages} Nachrichten nicht lesbar")
            }
            crate::i18n::Lang::En => format!("{unreadable} of {messages} messages unreadable"),
        });
    }
    (report, findings)
}

/// Checks every unit of an extracted document.
fn check_document(
    path: &str,
    document: &extract::Document,
    rules: &RuleSet,
    options: CheckOptions,
) -> Vec<Finding> {
    // Evidence may stand anywhere in the document: the letterhead in a Word header, the
    // address on page 1 of a PDF, the sender of an e-mail.
    let mut evidence = document.evidence.clone();
    if document.units.len() > 1 {
        for unit in &document.units {
            evidence.push('\n');
            evidence.push_str(&unit.text);
        }
    }
    let mut findings = Vec::new();
    for unit in &document.units {
        let hits: Vec<Hit> = check_text_with_evidence(rules, &unit.text, &evidence)
            .into_iter()
            .filter(|hit| hit.confidence >= options.min_confidence)
            .collect();
        if hits.is_empty() {
            continue;
        }
        let source: Arc<str> = Arc::from(unit.source());
        let lines = LineIndex::new(&source);
        findings.extend(
            hits.iter()
                .map(|hit| finding(path, hit, rules, unit, &source, &lines, options)),
        );
    }
    findings
}

fn finding(
    path: &str,
    hit: &Hit,
    rules: &RuleSet,
    unit: &extract::Unit,
    source: &Arc<str>,
    lines: &LineIndex,
    options: CheckOptions,
) -> Finding {
    let rule = &rules.rules[hit.rule];
    let lang = options.lang;
    let start = unit.to_source.map(hit.span.start).min(source.len());
    let end = unit.to_source.map(hit.span.end).clamp(start, source.len());
    let (line, column) = lines.position(source, start);
    let (end_line, end_column) = lines.position(source, end);
    let excerpt = Excerpt::of(source, lines, line, end_line, start..end, unit.line_base);
    let evidence = rule.spec.evidence.as_ref();
    let severity = match (hit.context, evidence) {
        (Context::Quoted | Context::Reported, _) => Severity::Info,
        (Context::Direct, Some(spec)) if hit.evidence.is_none() => spec.otherwise,
        (Context::Direct, _) => rule.spec.severity,
    };
    let mut message = rule.spec.message.get(lang).to_string();
    if let Some(spec) = evidence
        && hit.context == Context::Direct
    {
        let note = match &hit.evidence {
            Some(found) => spec.present.get(lang).replace("{evidence}", found),
            None => spec.absent.get(lang).to_string(),
        };
        message.push(' ');
        message.push_str(note.trim());
    }
    let explanation = options.explain.then(|| Explanation {
        pattern: hit.pattern + 1,
        within: rule.patterns[hit.pattern].within,
        matched: hit
            .matched
            .iter()
            .map(|(element, text)| MatchedElement {
                element: element.clone(),
                text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            })
            .collect(),
        context_cue: hit.cue.clone(),
        evidence: rule.evidence.as_ref().map(|_| hit.evidence.clone()),
    });
    let mut location = unit.location.clone();
    if let Some(page) = unit.page_of_line(line) {
        location.insert("page".to_string(), serde_json::Value::from(page));
    }
    location.insert("offset".to_string(), serde_json::Value::from(start));
    location.insert("length".to_string(), serde_json::Value::from(end - start));
    Finding {
        path: path.to_string(),
        rule: rule.spec.id.clone(),
        name: rule.spec.name.clone(),
        family: rule.family.clone(),
        severity,
        line: line + unit.line_base,
        column,
        end_line: end_line + unit.line_base,
        end_column,
        text: hit.sentence_text.clone(),
        message,
        law: rule.spec.law.iter().map(|n| n.norm.clone()).collect(),
        context: hit.context,
        confidence: hit.confidence,
        location,
        explanation,
        excerpt,
    }
}
