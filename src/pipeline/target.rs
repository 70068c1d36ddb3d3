//! Reading and checking one file (or stdin).

use std::io::Read;
use std::sync::Arc;

use super::document::{Checked, check_document};
use super::file_report::{file_report, problem_report};
use super::options::CheckOptions;
use crate::budget::Deadline;
use crate::extract::{self, ExtractError, Format, guarded};
use crate::input::{InputIssue, Target};
use crate::report::{FileReport, FileStatus, Finding};
use crate::rules::RuleSet;

/// Largest input read: larger files are refused with a clear message instead of
/// exhausting memory (archives such as mbox are streamed, not read whole).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The bytes of a file (or stdin) and the format its name promises, within the size
/// limit.
pub(crate) fn read_target(target: &Target) -> Result<(Vec<u8>, Format), InputIssue> {
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

pub(super) fn check_target(
    target: &Target,
    rules: &RuleSet,
    options: CheckOptions<'_>,
) -> (FileReport, Vec<Finding>) {
    let path = target.display();
    let deadline = Deadline::after(options.file_timeout);
    let (bytes, format) = match read_target(target) {
        Ok((bytes, format)) => {
            if let Some(progress) = options.progress {
                progress.advance(bytes.len() as u64);
            }
            let format = format.confirmed(&bytes);
            (bytes, format)
        }
        Err(issue) => return (problem_report(path, None, &issue, options.lang), Vec::new()),
    };
    // A bug or a library panic on hostile input costs this file, not the run.
    let checked = guarded(|| {
        let document = extract::extract_within(format, &bytes, deadline)?;
        deadline
            .check()
            .and_then(|()| check_document(&path, &document, rules, options, deadline))
            .map(|checked| (document, checked))
            .map_err(|_| ExtractError::TooSlow(options.file_timeout.as_secs()))
    });
    let (
        document,
        Checked {
            findings,
            suppressed,
        },
    ) = match checked {
        Some(Ok(checked)) => checked,
        Some(Err(error)) => {
            let walked = matches!(target, Target::File { walked: true, .. });
            let issue = match error {
                ExtractError::Binary if walked => InputIssue::BinaryInFolder,
                ExtractError::TooSlow(seconds) => InputIssue::OverBudget {
                    seconds,
                    bytes: bytes.len() as u64,
                },
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
    report.suppressed = suppressed;
    if options.keep_text {
        let text: Vec<&str> = document
            .units
            .iter()
            .map(|unit| unit.text.as_str())
            .collect();
        report.text = Some(Arc::from(text.join(super::UNIT_SEPARATOR)));
    }
    (report, findings)
}
