//! Checking one file's bytes: extraction, the engine, the file's report line.

use std::borrow::Cow;
use std::sync::Arc;

use super::document::{Checked, check_document};
use super::file_report::{file_report, problem_report};
use super::options::CheckOptions;
use crate::budget::Deadline;
use crate::extract::{self, ExtractError, Format, guarded};
use crate::input::InputIssue;
use crate::report::{FileReport, FileStatus, Finding};
use crate::rules::RuleSet;

/// Largest input read: larger files are refused with a clear message instead of
/// exhausting memory (archives such as mbox are streamed, not read whole).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Checks the bytes of the file reported as `path`, in the format its name promises
/// (`walked`: found in a folder rather than named). A file whose content contradicts
/// its name is read by its content. Bytes given owned are dropped once the text is
/// extracted: a long text is not held twice while it is checked.
pub fn check_bytes(
    path: String,
    (bytes, format): (Cow<'_, [u8]>, Format),
    walked: bool,
    rules: &RuleSet,
    options: CheckOptions<'_>,
) -> (FileReport, Vec<Finding>) {
    let format = format.confirmed(&bytes);
    let size = bytes.len() as u64;
    let deadline = Deadline::after(options.file_timeout);
    // A bug or a library panic on hostile input costs this file, not the run.
    let checked = guarded(|| {
        let document = extract::extract_within(format, &bytes, deadline)?;
        drop(bytes);
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
            let issue = match error {
                ExtractError::Binary if walked => InputIssue::BinaryInFolder,
                ExtractError::NothingRecognized | ExtractError::OcrFailed(_)
                    if walked && format == Format::Image =>
                {
                    InputIssue::ImageWithoutTextInFolder
                }
                ExtractError::TooSlow(seconds) => InputIssue::OverBudget {
                    seconds,
                    bytes: size,
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
