//! Checking an mbox archive while it is read.

use rayon::prelude::*;

use super::collect::Collected;
use super::document::{Checked, check_document};
use super::file_report::{file_report, problem_report};
use super::options::CheckOptions;
use crate::budget::{Deadline, OverBudget};
use crate::extract::mbox::MboxMessages;
use crate::extract::{self, Format, guarded};
use crate::i18n::Lang;
use crate::input::{InputIssue, IoProblem};
use crate::report::{FileReport, FileStatus};
use crate::rules::RuleSet;

/// Messages of an mbox archive checked together, in parallel.
const MBOX_BATCH: usize = 256;

/// Checks an mbox archive while reading it: messages in parallel batches, findings
/// handed on batch by batch, so that neither the archive's size nor its number of
/// findings decides the memory needed. Lines of verbatim parts count in the archive.
pub(super) fn check_mbox(
    path: String,
    file: &std::path::Path,
    rules: &RuleSet,
    options: CheckOptions<'_>,
    collected: &mut Collected<'_, '_>,
) -> FileReport {
    let reader = match std::fs::File::open(file) {
        Ok(reader) => std::io::BufReader::new(reader),
        Err(error) => {
            let issue = InputIssue::Read(IoProblem::from(&error));
            return problem_report(path, None, &issue, options.lang);
        }
    };
    let mut report = file_report(path.clone(), Some(Format::Mbox), FileStatus::Ok, None);
    let (mut messages, mut unreadable) = (0usize, 0usize);
    let mut read_error = None;
    // The first message over its time budget: number and size.
    let mut too_costly: Option<(usize, usize)> = None;
    let mut batches = MboxMessages::new(reader).peekable();
    while batches.peek().is_some() {
        let mut batch = Vec::with_capacity(MBOX_BATCH);
        for message in batches.by_ref().take(MBOX_BATCH) {
            match message {
                Ok(message) => batch.push(message),
                Err(error) => {
                    read_error = Some(IoProblem::from(&error));
                    break;
                }
            }
        }
        messages += batch.len();
        // The time budget holds for each message: an archive is as long as it is.
        let outcomes: Vec<Option<Result<Checked, OverBudget>>> = batch
            .par_iter()
            .map(|message| {
                if let Some(progress) = options.progress {
                    progress.advance(message.bytes.len() as u64);
                    progress.message_done();
                }
                let deadline = Deadline::after(options.file_timeout);
                guarded(|| {
                    extract::extract(Format::Email, &message.bytes)
                        .map(|document| check_document(&path, &document, rules, options, deadline))
                })
                .and_then(Result::ok)
            })
            .collect();
        let mut findings = Vec::new();
        for (message, outcome) in batch.iter().zip(outcomes) {
            let outcome = match outcome {
                Some(Ok(outcome)) => outcome,
                Some(Err(_)) => {
                    too_costly.get_or_insert((message.index, message.bytes.len()));
                    continue;
                }
                None => {
                    unreadable += 1;
                    continue;
                }
            };
            report.suppressed += outcome.suppressed;
            for mut finding in outcome.findings {
                finding
                    .location
                    .insert("message", serde_json::Value::from(message.index));
                if !finding.location.contains_key("line_in") {
                    let base = message.first_line - 1;
                    finding.line += base;
                    finding.end_line += base;
                    finding.excerpt.first_line += base;
                }
                findings.push(finding);
            }
        }
        report.findings += collected.take(&report, findings);
        if read_error.is_some() {
            break;
        }
    }
    report.messages = Some(messages);
    if let Some(error) = read_error {
        let issue = InputIssue::Read(error);
        let failed = problem_report(path, Some(Format::Mbox), &issue, options.lang);
        report.status = failed.status;
        report.error = failed.error;
        report.error_detail = failed.error_detail;
    } else if let Some((index, bytes)) = too_costly {
        let issue = InputIssue::OverBudget {
            seconds: options.file_timeout.as_secs(),
            bytes: bytes as u64,
        };
        report.status = FileStatus::Error;
        report.error = Some(match options.lang {
            Lang::De => format!("Nachricht {index}: {}", issue.describe(options.lang)),
            Lang::En => format!("message {index}: {}", issue.describe(options.lang)),
        });
    } else if unreadable > 0 {
        report.error = Some(match options.lang {
            Lang::De => format!("{unreadable} von {messages} Nachrichten nicht lesbar"),
            Lang::En => format!("{unreadable} of {messages} messages unreadable"),
        });
    }
    report
}
