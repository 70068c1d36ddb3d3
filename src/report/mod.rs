//! Findings and run results, and the output formats that print them.
//!
//! [`RunReport`] is the JSON contract of docs/json.md; the other formats render it.

mod csv;
mod github;
mod gitlab;
pub mod group;
mod human;
mod json;
mod junit;
mod location;
mod markdown;
mod sarif;
pub mod stats;
mod summary;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::{Context, Cue};
use crate::rules::{RuleId, Severity};

pub use human::{HumanOptions, print_file_errors, print_human};
pub use json::print_json;
pub use location::Location;
pub use markdown::print_markdown;
pub use summary::summary_tables;

/// The output formats of `formlos check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "native", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// Diagnostics with source excerpts, then summary tables.
    Human,
    /// One JSON object (the contract of docs/json.md).
    Json,
    /// One finding per line as JSON, written as files are checked.
    Jsonl,
    /// SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps).
    Sarif,
    /// JUnit XML: a test case per file, a failure per finding.
    Junit,
    /// GitHub Actions workflow commands (annotations in pull requests).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
    /// One row per finding (column order in README.md).
    Csv,
    /// A summary for a pull-request comment.
    Markdown,
    /// The self-contained HTML report of `formlos report`, for every file of the run.
    Html,
}

/// What the formats need besides the report.
#[derive(Clone, Copy)]
pub struct RenderContext<'a> {
    pub lang: crate::i18n::Lang,
    pub color: bool,
    /// Every rule, for formats that describe the rules (SARIF).
    pub rules: &'a crate::rules::RuleSet,
    /// Personal data is replaced (`--redact`); the HTML report redacts the letters'
    /// texts too.
    pub redact: bool,
}

/// Writes the report in `format`.
pub fn render(
    format: OutputFormat,
    report: &RunReport,
    context: RenderContext<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Human => print_human(
            report,
            HumanOptions {
                lang: context.lang,
                color: context.color,
            },
            out,
        ),
        OutputFormat::Json => print_json(report, out),
        OutputFormat::Jsonl => report
            .findings
            .iter()
            .try_for_each(|finding| write_jsonl(finding, out)),
        OutputFormat::Sarif => sarif::print_sarif(report, context, out),
        OutputFormat::Junit => junit::print_junit(report, context.lang, out),
        OutputFormat::Github => github::print_github(report, out),
        OutputFormat::Gitlab => gitlab::print_gitlab(report, out),
        OutputFormat::Csv => csv::print_csv(report, out),
        OutputFormat::Markdown => markdown::print_markdown(report, context.lang, out),
        // The HTML report is made by the presentation module, which builds on this one;
        // the front end writes it (app/output.rs).
        OutputFormat::Html => Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "the HTML report is written by the presentation module",
        )),
    }
}

/// One finding as a line of JSON (the `findings[]` object of the JSON contract).
pub fn write_jsonl(finding: &Finding, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, finding)?;
    writeln!(out)
}

pub use self::csv::{CSV_COLUMNS, csv_record};

/// Version of the JSON contract; bumped only when a field is renamed or removed.
pub const JSON_VERSION: u32 = 1;

/// One statement found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The file's path as reported; the rule's id, name and family, shared with the
    /// other findings of the file (keyword-dense text has one in every sentence).
    #[serde(serialize_with = "shared_str")]
    pub path: Arc<str>,
    #[serde(serialize_with = "shared_str")]
    pub rule: Arc<str>,
    /// The rule's kebab-case name.
    #[serde(serialize_with = "shared_str")]
    pub name: Arc<str>,
    #[serde(serialize_with = "shared_str")]
    pub family: Arc<str>,
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// Exclusive: the column just after the last character of the offending part.
    pub end_column: usize,
    /// The sentence as it reads (whitespace folded); shared by the findings of one
    /// sentence.
    #[serde(serialize_with = "shared_str")]
    pub text: Arc<str>,
    /// Shared by the findings of a rule with the same evidence.
    #[serde(serialize_with = "shared_str")]
    pub message: Arc<str>,
    #[serde(serialize_with = "shared_list")]
    pub law: Arc<[String]>,
    pub context: Context,
    /// How sure formlos is, 0–1 (see docs/json.md).
    pub confidence: f64,
    /// Format-specific position details (e.g. byte offsets; message, part, page later).
    pub location: Location,
    /// Identifies the finding across runs: rule, normalized sentence and path, not
    /// the line (baselines and SARIF `partialFingerprints` use it).
    pub fingerprint: String,
    /// A lawful sentence that can replace the reported one, where the rule has one and
    /// the sentence stands in the file as plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Box<Fix>>,
    /// Why the rule's replacement is not offered for this sentence (a placeholder or
    /// markup inside it would be lost); shown instead of a fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_refused: Option<String>,
    /// Why the rule fired; only with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Box<Explanation>>,
    /// The source lines around the offending part, for rendering (not serialized).
    #[serde(skip)]
    pub excerpt: Excerpt,
    /// The reported sentence as byte offsets into the file's checked text (its units'
    /// texts joined by blank lines, kept as [`FileReport::text`]): where the HTML report
    /// marks it in the letter. Not serialized.
    #[serde(skip)]
    pub text_span: Option<std::ops::Range<usize>>,
}

/// Replacing the reported sentence with the rule's lawful wording.
#[derive(Debug, Clone, Serialize)]
pub struct Fix {
    /// The sentence's place in the file (1-based, end column exclusive).
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The sentence as byte offsets into the decoded file.
    pub offset: usize,
    pub length: usize,
    /// The sentence as it stands in the file, checked again before writing.
    #[serde(serialize_with = "shared_str")]
    pub original: Arc<str>,
    /// The rule's lawful wording, shared by its findings.
    #[serde(serialize_with = "shared_str")]
    pub replacement: Arc<str>,
}

/// Serializes a shared string as the string.
fn shared_str<S: serde::Serializer>(value: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value)
}

/// Serializes a shared list of strings as the list.
fn shared_list<S: serde::Serializer>(
    value: &Arc<[String]>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(value.iter())
}

/// The source lines a finding covers, with the offending part marked. Only these lines
/// are kept (not the whole document), so that an archive's findings take little memory;
/// findings on the same lines share one copy (a long one-line file with thousands of
/// findings keeps its line once).
#[derive(Debug, Clone, Default)]
pub struct Excerpt {
    text: std::sync::Arc<str>,
    /// Line number of the first line, as reported.
    pub first_line: usize,
    /// The offending part, as byte offsets into the text.
    span: std::ops::Range<usize>,
}

/// The lines of the last excerpt made for a unit, to share with the next finding.
pub type SharedLines = std::cell::RefCell<Option<(std::ops::Range<usize>, std::sync::Arc<str>)>>;

impl Excerpt {
    /// The lines `line..=end_line` of `source` (numbered from 1, before `line_base` is
    /// added) and `span`, a byte range of `source`.
    pub fn of(
        source: &str,
        lines: &crate::engine::offsets::LineIndex,
        (line, end_line): (usize, usize),
        span: std::ops::Range<usize>,
        line_base: usize,
        shared: &SharedLines,
    ) -> Self {
        let start = lines.line_start(line);
        let end = lines.line_range(source, end_line).end.max(span.end);
        let mut last = shared.borrow_mut();
        let text = match last.as_ref() {
            Some((range, text)) if *range == (start..end) => std::sync::Arc::clone(text),
            _ => {
                let text: std::sync::Arc<str> = std::sync::Arc::from(&source[start..end]);
                *last = Some((start..end, std::sync::Arc::clone(&text)));
                text
            }
        };
        Self {
            text,
            first_line: line + line_base,
            span: span.start - start..span.end - start,
        }
    }

    /// The source lines.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The offending part, as byte offsets into [`Excerpt::text`].
    pub fn span(&self) -> std::ops::Range<usize> {
        self.span.clone()
    }

    /// The excerpt with `redact` applied to the text before, in and after the offending
    /// part, so that the mark stays on what remains of it.
    pub fn map_text(&self, redact: impl Fn(&str) -> String) -> Self {
        let text = &self.text;
        let before = redact(&text[..self.span.start]);
        let inside = redact(&text[self.span.clone()]);
        let after = redact(&text[self.span.end..]);
        Self {
            text: std::sync::Arc::from(format!("{before}{inside}{after}")),
            first_line: self.first_line,
            span: before.len()..before.len() + inside.len(),
        }
    }
}

/// Why a finding was made: the pattern, what each part matched, the context cue and
/// the evidence the rule looked for.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// 1-based number of the rule's pattern that matched.
    pub pattern: usize,
    pub within: Option<usize>,
    pub matched: Vec<MatchedElement>,
    pub context_cue: Cue,
    /// For rules with evidence: what the document shows (null: nothing found).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Option<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchedElement {
    /// The pattern element as written in the rule, e.g. `{email}`.
    pub element: String,
    pub text: String,
}

/// Whether a file was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Ok,
    Skipped,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    /// The format the file was read as, or null when it was not read.
    pub format: Option<String>,
    /// The character encoding the file was read in, or null when it was not read.
    pub encoding: Option<String>,
    /// For mbox archives: how many messages were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<usize>,
    pub status: FileStatus,
    /// Why the file was skipped or could not be checked.
    pub error: Option<String>,
    /// The operating system's or library's own (English) message behind `error`, which
    /// is written for people; absent when formlos has no other words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_detail: Option<String>,
    pub findings: usize,
    /// Findings hidden by inline suppressions in this file.
    pub suppressed: usize,
    /// The checked text, kept only when asked for (`formlos eval`); not serialized.
    #[serde(skip)]
    pub text: Option<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_checked: usize,
    pub files_skipped: usize,
    pub files_with_errors: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    /// Findings hidden by inline suppressions.
    pub suppressed: usize,
    /// Findings left out because the baseline (`--baseline`) accepts them.
    pub baselined: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub by_context: BTreeMap<String, usize>,
    pub by_rule: BTreeMap<RuleId, usize>,
    pub fail_on: Severity,
    pub exit_code: u8,
}

/// Counts of findings, kept while checking so that findings need not be kept.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub findings: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub by_context: BTreeMap<String, usize>,
    pub by_rule: BTreeMap<RuleId, usize>,
    pub most_severe: Option<Severity>,
}

impl Tally {
    pub fn add(&mut self, finding: &Finding) {
        self.findings += 1;
        *self
            .by_severity
            .entry(finding.severity.as_str().to_string())
            .or_insert(0) += 1;
        *self
            .by_context
            .entry(finding.context.as_str().to_string())
            .or_insert(0) += 1;
        *self
            .by_rule
            .entry(RuleId(finding.rule.to_string()))
            .or_insert(0) += 1;
        self.most_severe = self.most_severe.max(Some(finding.severity));
    }
}

/// Everything a run found, in the JSON contract's shape.
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl RunReport {
    /// Assembles a report and decides the exit code: 2 if any input could not be
    /// checked, else 1 if a finding reaches `fail_on`, else 0.
    pub fn new(findings: Vec<Finding>, files: Vec<FileReport>, fail_on: Severity) -> Self {
        let mut tally = Tally::default();
        findings.iter().for_each(|finding| tally.add(finding));
        Self::from_tally(findings, files, tally, fail_on)
    }

    /// Assembles a report from counts made while checking: `findings` may be fewer
    /// than were counted (or none) when a streaming format already wrote them.
    pub fn from_tally(
        findings: Vec<Finding>,
        files: Vec<FileReport>,
        tally: Tally,
        fail_on: Severity,
    ) -> Self {
        let count = |status| files.iter().filter(|f| f.status == status).count();
        let failing = tally
            .most_severe
            .is_some_and(|severity| severity >= fail_on);
        let exit_code = if count(FileStatus::Error) > 0 {
            2
        } else if failing {
            1
        } else {
            0
        };
        let summary = Summary {
            files: files.len(),
            files_checked: count(FileStatus::Ok),
            files_skipped: count(FileStatus::Skipped),
            files_with_errors: count(FileStatus::Error),
            files_with_findings: files.iter().filter(|f| f.findings > 0).count(),
            findings: tally.findings,
            suppressed: files.iter().map(|f| f.suppressed).sum(),
            baselined: 0,
            by_severity: tally.by_severity,
            by_context: tally.by_context,
            by_rule: tally.by_rule,
            fail_on,
            exit_code,
        };
        Self {
            version: JSON_VERSION,
            findings,
            files,
            summary,
        }
    }
}
