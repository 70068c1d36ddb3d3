//! The report line of a file: checked, skipped or failed.

use crate::extract::Format;
use crate::i18n::Lang;
use crate::input::InputIssue;
use crate::report::{FileReport, FileStatus};

pub(super) fn file_report(
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
        error_detail: None,
        findings: 0,
        suppressed: 0,
        text: None,
    }
}

pub(super) fn problem_report(
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
    let mut report = file_report(path, format, status, Some(issue.describe(lang)));
    report.error_detail = issue.detail();
    report
}
