//! Running the check pipeline for a command: each file's findings pass the baseline,
//! redaction and the output sink while later files are still being checked.

use std::io::IsTerminal;

use super::output::Sink;
use crate::config::Settings;
use crate::config::baseline::Baseline;
use crate::i18n::Lang;
use crate::input::Discovery;
use crate::pipeline::{CheckOptions, check_streaming};
use crate::progress::Progress;
use crate::redact::redact_finding;
use crate::report::RunReport;
use crate::rules::{RuleSet, Severity};

/// How a run treats findings before they reach the sink.
pub(super) struct RunSettings<'a> {
    pub fail_on: Severity,
    pub explain: bool,
    pub redact: bool,
    pub quiet: bool,
    pub baseline: Option<&'a mut Baseline>,
    /// Keep each file's text (for the HTML report).
    pub keep_text: bool,
}

/// A progress bar for the targets when stderr is a terminal and not `--quiet`.
fn progress_for(discovery: &Discovery, quiet: bool, lang: Lang) -> Option<Progress> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let sizes = discovery.targets.iter().map(|target| match target {
        crate::input::Target::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
        crate::input::Target::Stdin => 0,
    });
    Some(Progress::new(sizes.sum(), discovery.targets.len(), lang))
}

/// Checks the inputs and passes every file's findings through the baseline, redaction
/// and the sink while later files are still being checked.
pub(super) fn run_pipeline(
    discovery: Discovery,
    rules: &RuleSet,
    settings: &Settings,
    (lang, min_confidence, file_timeout): (Lang, f64, std::time::Duration),
    run: RunSettings<'_>,
    sink: &mut Sink,
) -> std::io::Result<RunReport> {
    let progress = progress_for(&discovery, run.quiet, lang);
    let options = CheckOptions {
        settings,
        lang,
        fail_on: run.fail_on,
        min_confidence,
        file_timeout,
        explain: run.explain,
        keep_text: run.keep_text,
        keep_findings: sink.keeps_findings(),
        progress: progress.as_ref(),
    };
    let mut baseline = run.baseline;
    let mut baselined = 0;
    let mut sink_error: Option<std::io::Error> = None;
    let mut report = check_streaming(discovery, rules, options, &mut |file, findings| {
        if let Some(baseline) = baseline.as_deref_mut() {
            let before = findings.len();
            findings.retain(|finding| !baseline.absorbs(finding));
            baselined += before - findings.len();
        }
        if run.redact {
            findings.iter_mut().for_each(redact_finding);
        }
        if sink_error.is_none() {
            sink_error = sink.take(file, findings).err();
        }
    });
    if let Some(progress) = &progress {
        progress.finish();
    }
    if let Some(error) = sink_error {
        return Err(error);
    }
    report.summary.baselined = baselined;
    Ok(report)
}
