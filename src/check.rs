//! Checking inputs in parallel: read -> extract -> engine -> findings with positions.

use std::io::Read;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Settings;
use crate::config::baseline::fingerprint;
use crate::config::select::{RuleKey, known_rules};
use crate::config::suppress::{self, Directive, MetaRule, Policy, Problem};
use crate::engine::letterhead;
use crate::engine::offsets::LineIndex;
use crate::engine::{Context, Hit, check_text_with_evidence};
use crate::extract::mbox::MboxMessages;
use crate::extract::{self, ExtractError, Format, guarded};
use crate::i18n::Lang;
use crate::input::{Discovery, InputIssue, Target};
use crate::progress::Progress;
use crate::report::{
    Excerpt, Explanation, FileReport, FileStatus, Finding, Fix, MatchedElement, RunReport,
    SharedLines, Tally,
};
use crate::rules::{RuleSet, Severity};

/// Settings of one check run.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions<'a> {
    /// Selection, severity overrides, per-file ignores, placeholders, suppressions.
    pub settings: &'a Settings,
    pub lang: Lang,
    pub fail_on: Severity,
    /// Findings below this confidence are dropped.
    pub min_confidence: f64,
    /// Attach an [`Explanation`] to every finding.
    pub explain: bool,
    /// Keep each file's checked text in its report (for `formlos eval`).
    pub keep_text: bool,
    /// Keep the findings in the report. Streaming outputs (JSON Lines, CSV, groups,
    /// statistics) take them from the hook instead, so that memory stays flat however
    /// large the archive.
    pub keep_findings: bool,
    /// Where reading progress is shown, if anywhere.
    pub progress: Option<&'a Progress>,
}

/// Called with each file's findings in path order, as soon as the file and every file
/// before it are done (for an mbox archive: batch by batch while it is read): where
/// baselines filter, redaction rewrites and streaming formats write. The findings left
/// in the vector are what the file is counted with.
pub type FileHook<'h> = dyn FnMut(&FileReport, &mut Vec<Finding>) + 'h;

/// Checks every discovered target; files are processed in parallel and reported in
/// path order so that output is the same on every run.
pub fn check(discovery: Discovery, rules: &RuleSet, options: CheckOptions<'_>) -> RunReport {
    check_streaming(discovery, rules, options, &mut |_, _| {})
}

/// An input in the order of the report: a target to check or a problem found on the way.
enum Item {
    Target(Target),
    Problem(crate::input::Problem),
}

impl Item {
    /// An mbox archive: read on the thread that reports, in parallel batches of
    /// messages, so that its findings are passed on while it is read.
    fn mbox(&self) -> Option<&std::path::Path> {
        match self {
            Item::Target(Target::File {
                path,
                format: Format::Mbox,
                ..
            }) => Some(path),
            _ => None,
        }
    }
}

/// The findings collected for the report and the counts of all findings.
struct Collected<'h, 'f> {
    hook: &'h mut FileHook<'f>,
    keep: bool,
    findings: Vec<Finding>,
    tally: Tally,
}

impl Collected<'_, '_> {
    /// Passes findings of `file` through the hook, counts and (maybe) keeps them;
    /// returns how many are left.
    fn take(&mut self, file: &FileReport, mut findings: Vec<Finding>) -> usize {
        (self.hook)(file, &mut findings);
        findings.iter().for_each(|finding| self.tally.add(finding));
        let left = findings.len();
        if self.keep {
            self.findings.extend(findings);
        }
        left
    }
}

/// Like [`check`], passing each file through `hook` while later files are still being
/// checked, so that output can be streamed.
pub fn check_streaming(
    discovery: Discovery,
    rules: &RuleSet,
    options: CheckOptions<'_>,
    hook: &mut FileHook<'_>,
) -> RunReport {
    let mut items: Vec<(String, Item)> = discovery
        .targets
        .into_iter()
        .map(|target| (target.display(), Item::Target(target)))
        .chain(
            discovery
                .problems
                .into_iter()
                .map(|problem| (problem.path.clone(), Item::Problem(problem))),
        )
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files = Vec::with_capacity(items.len());
    let mut collected = Collected {
        hook,
        keep: options.keep_findings,
        findings: Vec::new(),
        tally: Tally::default(),
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    let items = &items;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            items
                .par_iter()
                .enumerate()
                .for_each_with(sender, |sender, (index, (path, item))| {
                    let result = match item {
                        _ if item.mbox().is_some() => None,
                        Item::Target(target) => Some(check_target(target, rules, options)),
                        Item::Problem(problem) => Some((
                            problem_report(path.clone(), None, &problem.issue, options.lang),
                            Vec::new(),
                        )),
                    };
                    // The receiver lives until every sender is gone.
                    let _ = sender.send((index, result));
                });
        });
        // Results arrive in any order; they are passed on in path order.
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for (index, result) in receiver {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&next) {
                let file = match (result, items[next].1.mbox()) {
                    (Some((mut file, findings)), _) => {
                        file.findings = collected.take(&file, findings);
                        file
                    }
                    (None, Some(mbox)) => {
                        check_mbox(items[next].0.clone(), mbox, rules, options, &mut collected)
                    }
                    (None, None) => continue,
                };
                if let Some(progress) = options.progress {
                    progress.file_done();
                }
                files.push(file);
                next += 1;
            }
        }
    });
    RunReport::from_tally(collected.findings, files, collected.tally, options.fail_on)
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
        suppressed: 0,
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
    options: CheckOptions<'_>,
) -> (FileReport, Vec<Finding>) {
    let path = target.display();
    let (bytes, format) = match read_target(target) {
        Ok(read) => {
            if let Some(progress) = options.progress {
                progress.advance(read.0.len() as u64);
            }
            read
        }
        Err(issue) => return (problem_report(path, None, &issue, options.lang), Vec::new()),
    };
    // A bug or a library panic on hostile input costs this file, not the run.
    let checked = guarded(|| {
        extract::extract(format, &bytes).map(|document| {
            let checked = check_document(&path, &document, rules, options);
            (document, checked)
        })
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
        report.text = Some(Arc::from(text.join(UNIT_SEPARATOR)));
    }
    (report, findings)
}

/// What stands between two units in a file's checked text ([`FileReport::text`]).
const UNIT_SEPARATOR: &str = "\n\n";

/// Messages of an mbox archive checked together, in parallel.
const MBOX_BATCH: usize = 256;

/// Checks an mbox archive while reading it: messages in parallel batches, findings
/// handed on batch by batch, so that neither the archive's size nor its number of
/// findings decides the memory needed. Lines of verbatim parts count in the archive.
fn check_mbox(
    path: String,
    file: &std::path::Path,
    rules: &RuleSet,
    options: CheckOptions<'_>,
    collected: &mut Collected<'_, '_>,
) -> FileReport {
    let reader = match std::fs::File::open(file) {
        Ok(reader) => std::io::BufReader::new(reader),
        Err(error) => {
            let issue = InputIssue::Read(error.to_string());
            return problem_report(path, None, &issue, options.lang);
        }
    };
    let mut report = file_report(path.clone(), Some(Format::Mbox), FileStatus::Ok, None);
    let (mut messages, mut unreadable) = (0usize, 0usize);
    let mut read_error = None;
    let mut batches = MboxMessages::new(reader).peekable();
    while batches.peek().is_some() {
        let mut batch = Vec::with_capacity(MBOX_BATCH);
        for message in batches.by_ref().take(MBOX_BATCH) {
            match message {
                Ok(message) => batch.push(message),
                Err(error) => {
                    read_error = Some(error.to_string());
                    break;
                }
            }
        }
        messages += batch.len();
        let outcomes: Vec<Option<Checked>> = batch
            .par_iter()
            .map(|message| {
                if let Some(progress) = options.progress {
                    progress.advance(message.bytes.len() as u64);
                    progress.message_done();
                }
                guarded(|| {
                    extract::extract(Format::Email, &message.bytes)
                        .map(|document| check_document(&path, &document, rules, options))
                })
                .and_then(Result::ok)
            })
            .collect();
        let mut findings = Vec::new();
        for (message, outcome) in batch.iter().zip(outcomes) {
            let Some(outcome) = outcome else {
                unreadable += 1;
                continue;
            };
            report.suppressed += outcome.suppressed;
            for mut finding in outcome.findings {
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
    } else if unreadable > 0 {
        report.error = Some(match options.lang {
            Lang::De => format!("{unreadable} von {messages} Nachrichten nicht lesbar"),
            Lang::En => format!("{unreadable} of {messages} messages unreadable"),
        });
    }
    report
}

/// The findings of a document and how many inline suppressions hid.
struct Checked {
    findings: Vec<Finding>,
    suppressed: usize,
}

/// Checks every unit of an extracted document, then applies the project's settings:
/// per-file ignores, severity overrides and the document's own suppressions.
fn check_document(
    path: &str,
    document: &extract::Document,
    rules: &RuleSet,
    options: CheckOptions<'_>,
) -> Checked {
    // Evidence may stand anywhere in the document: the letterhead in a Word header, the
    // address on page 1 of a PDF, the sender of an e-mail.
    let mut evidence = document.evidence.clone();
    if document.units.len() > 1 {
        for unit in &document.units {
            evidence.push('\n');
            evidence.push_str(&unit.text);
        }
    }
    let settings = options.settings;
    let mut checked = Checked {
        findings: Vec::new(),
        suppressed: 0,
    };
    let mut file_wide: Vec<Directive> = Vec::new();
    let mut unit_directives: Vec<Vec<Directive>> = Vec::with_capacity(document.units.len());
    for unit in &document.units {
        let (wide, own): (Vec<Directive>, Vec<Directive>) =
            suppress::directives(unit.source(), &unit.comments)
                .into_iter()
                .partition(|d| d.kind == suppress::Kind::File);
        file_wide.extend(wide);
        unit_directives.push(own);
    }
    let mut line_indexes: Vec<Option<LineIndex>> = vec![None; document.units.len()];
    // Where each unit starts in the file's checked text (units joined by blank lines).
    let text_bases = document.units.iter().scan(0, |next, unit| {
        let base = *next;
        *next += unit.text.len() + UNIT_SEPARATOR.len();
        Some(base)
    });
    for (((unit, directives), lines), text_base) in document
        .units
        .iter()
        .zip(&mut unit_directives)
        .zip(&mut line_indexes)
        .zip(text_bases)
    {
        let without_directives = suppress::mask_directive_lines(&unit.text);
        let text = settings.mask_placeholders(&without_directives);
        let hits: Vec<Hit> = check_text_with_evidence(rules, &text, &evidence)
            .into_iter()
            .filter(|hit| hit.confidence >= options.min_confidence)
            .filter(|hit| !settings.ignored_in(path, rule_key(rules, hit.rule)))
            .collect();
        if hits.is_empty() && directives.is_empty() && file_wide.is_empty() {
            continue;
        }
        let place = Place::new(path, document.format, unit, lines);
        let mut findings: Vec<Finding> = hits
            .iter()
            .map(|hit| {
                let mut finding = finding(&place, hit, rules, options);
                finding.text_span =
                    Some(hit.sentence.start + text_base..hit.sentence.end + text_base);
                finding
            })
            .collect();
        checked.suppressed += suppress::apply(directives, &mut findings, unit.line_base);
        checked.suppressed += suppress::apply(&mut file_wide, &mut findings, unit.line_base);
        checked.findings.extend(findings);
    }
    if !checked.findings.is_empty() {
        describe_letter(document, &evidence, &mut checked.findings);
    }
    // Problems of directives are known only once every unit was checked.
    let known = known_rules(rules);
    let enabled = |rule: RuleKey<'_>| settings.enables(rule);
    let policy = Policy {
        require_reason: settings.require_reason,
        known: &known,
        enabled: &enabled,
    };
    for (index, directives) in unit_directives.iter().enumerate() {
        let file_wide_here: &[Directive] = if index == 0 { &file_wide } else { &[] };
        let problems = suppress::problems(directives, policy)
            .into_iter()
            .chain(suppress::problems(file_wide_here, policy));
        for (directive, problem) in problems {
            if !settings.enables(problem.rule().key()) {
                continue;
            }
            let unit = &document.units[index];
            let place = Place::new(path, document.format, unit, &mut line_indexes[index]);
            checked
                .findings
                .push(meta_finding(&place, directive, &problem, options.lang));
        }
    }
    checked
}

/// Adds what the letter says about itself to each finding's location: the agency named
/// in it (`agency`) and its date (`letter_date`), for statistics over archives.
fn describe_letter(document: &extract::Document, evidence: &str, findings: &mut [Finding]) {
    let text = match document.units.as_slice() {
        [only] => only.text.as_str(),
        _ => evidence,
    };
    let named = letterhead::agency(text);
    let date = letterhead::letter_date(text);
    for finding in findings.iter_mut() {
        // An e-mail's sender name ("Jobcenter Oststadt <…>") names the agency best.
        let sender = finding
            .location
            .get("from")
            .and_then(|from| from.as_str())
            .and_then(letterhead::agency)
            .filter(|agency| agency.contains(' '));
        if let Some(agency) = sender.or_else(|| named.clone()) {
            finding
                .location
                .insert("agency".to_string(), serde_json::Value::from(agency));
        }
        if let Some(date) = &date {
            finding.location.insert(
                "letter_date".to_string(),
                serde_json::Value::from(date.clone()),
            );
        }
    }
}

/// The key a selector is compared with, for the rule at `index`.
fn rule_key(rules: &RuleSet, index: usize) -> RuleKey<'_> {
    let rule = &rules.rules[index];
    RuleKey {
        id: &rule.spec.id,
        name: &rule.spec.name,
        family: &rule.family,
    }
}

/// Where findings of one unit are: file, format, unit and its source with line index.
struct Place<'p> {
    path: &'p str,
    format: Format,
    unit: &'p extract::Unit,
    source: &'p str,
    lines: &'p LineIndex,
    /// The lines of the last excerpt, shared with the next finding on the same lines.
    shared: SharedLines,
}

impl<'p> Place<'p> {
    /// The place of findings in `unit`; its line index is made on first use.
    fn new(
        path: &'p str,
        format: Format,
        unit: &'p extract::Unit,
        lines: &'p mut Option<LineIndex>,
    ) -> Self {
        let source = unit.source();
        Self {
            path,
            format,
            unit,
            source,
            lines: lines.get_or_insert_with(|| LineIndex::new(source)),
            shared: SharedLines::default(),
        }
    }

    /// The excerpt of the lines `line..=end_line` (unit-relative) marking `span`.
    fn excerpt(&self, line: usize, end_line: usize, span: std::ops::Range<usize>) -> Excerpt {
        Excerpt::of(
            self.source,
            self.lines,
            (line, end_line),
            span,
            self.unit.line_base,
            &self.shared,
        )
    }

    /// Line and column (1-based, as reported) of a byte offset of the source.
    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.position(self.source, offset);
        (line + self.unit.line_base, column)
    }

    /// The location map of a finding at `line` (unit-relative) and `span`.
    fn location(
        &self,
        line: usize,
        span: &std::ops::Range<usize>,
    ) -> std::collections::BTreeMap<String, serde_json::Value> {
        let mut location = self.unit.location.clone();
        if let Some(page) = self.unit.page_of_line(line) {
            location.insert("page".to_string(), serde_json::Value::from(page));
        }
        location.insert("offset".to_string(), serde_json::Value::from(span.start));
        location.insert("length".to_string(), serde_json::Value::from(span.len()));
        location
    }
}

/// A finding of formlos itself about an inline suppression.
fn meta_finding(
    place: &Place<'_>,
    directive: &Directive,
    problem: &Problem,
    lang: Lang,
) -> Finding {
    let rule: &MetaRule = problem.rule();
    let span =
        directive.span.start.min(place.source.len())..directive.span.end.min(place.source.len());
    let (line, column) = place.lines.position(place.source, span.start);
    let (end_line, end_column) = place.lines.position(place.source, span.end);
    let text = place.source[span.clone()].trim().to_string();
    Finding {
        path: place.path.to_string(),
        rule: rule.id.to_string(),
        name: rule.name.to_string(),
        family: suppress::META_FAMILY.to_string(),
        severity: Severity::Warning,
        line: line + place.unit.line_base,
        column,
        end_line: end_line + place.unit.line_base,
        end_column,
        fingerprint: fingerprint(rule.id, &text, place.path),
        text,
        message: problem.message(lang),
        law: Vec::new(),
        context: Context::Direct,
        confidence: 1.0,
        location: place.location(line, &span),
        fix: None,
        explanation: None,
        excerpt: place.excerpt(line, end_line, span),
        text_span: None,
    }
}

/// Formats whose files `formlos fix` may rewrite: the text stands in them as written.
const FIXABLE_FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// The rule's replacement for the hit's sentence, when the sentence stands in the file
/// as plain text (no markup or entity inside it) so that it can be swapped word for word.
fn sentence_fix(place: &Place<'_>, hit: &Hit, replacement: &str) -> Option<Fix> {
    if !FIXABLE_FORMATS.contains(&place.format) || place.unit.line_base != 0 {
        return None;
    }
    let source = place.source;
    let start = place
        .unit
        .to_source
        .map(hit.sentence.start)
        .min(source.len());
    let end = place
        .unit
        .to_source
        .map(hit.sentence.end)
        .clamp(start, source.len());
    let original = source.get(start..end)?;
    let extracted = place.unit.text.get(hit.sentence.clone())?;
    let folded = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded(original) != folded(extracted) {
        return None;
    }
    let start = start + (original.len() - original.trim_start().len());
    let end = end - (original.len() - original.trim_end().len());
    let (line, column) = place.position(start);
    let (end_line, end_column) = place.position(end);
    Some(Fix {
        line,
        column,
        end_line,
        end_column,
        offset: start,
        length: end - start,
        original: source[start..end].to_string(),
        replacement: replacement.trim().to_string(),
    })
}

fn finding(place: &Place<'_>, hit: &Hit, rules: &RuleSet, options: CheckOptions<'_>) -> Finding {
    let rule = &rules.rules[hit.rule];
    let lang = options.lang;
    let source = place.source;
    let start = place.unit.to_source.map(hit.span.start).min(source.len());
    let end = place
        .unit
        .to_source
        .map(hit.span.end)
        .clamp(start, source.len());
    let (line, column) = place.lines.position(source, start);
    let (end_line, end_column) = place.lines.position(source, end);
    let excerpt = place.excerpt(line, end_line, start..end);
    let evidence = rule.spec.evidence.as_ref();
    let key = rule_key(rules, hit.rule);
    let severity = match (hit.context, evidence) {
        (Context::Quoted | Context::Reported, _) => Severity::Info,
        (Context::Direct, _) if options.settings.severity_of(key).is_some() => options
            .settings
            .severity_of(key)
            .unwrap_or(rule.spec.severity),
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
    let fix = match (&rule.spec.replacement, hit.context) {
        (Some(replacement), Context::Direct) => sentence_fix(place, hit, replacement),
        _ => None,
    };
    Finding {
        path: place.path.to_string(),
        rule: rule.spec.id.clone(),
        name: rule.spec.name.clone(),
        family: rule.family.clone(),
        severity,
        line: line + place.unit.line_base,
        column,
        end_line: end_line + place.unit.line_base,
        end_column,
        fingerprint: fingerprint(&rule.spec.id, &hit.sentence_text, place.path),
        text: hit.sentence_text.clone(),
        message,
        law: rule.spec.law.iter().map(|n| n.norm.clone()).collect(),
        context: hit.context,
        confidence: hit.confidence,
        location: place.location(line, &(start..end)),
        fix,
        explanation,
        excerpt,
        text_span: None,
    }
}
