//! `formlos check`.

use super::edit::add_suppressions;
use super::exit::EXIT_ERROR;
use super::output::{check_sink, print_check, write_outputs};
use super::setup::{discover_inputs, file_timeout, min_confidence};
use super::streaming::{RunSettings, run_pipeline};
use crate::cli::CheckArgs;
use crate::config::baseline::Baseline;
use crate::config::{Config, Settings};
use crate::i18n::{Lang, t};
use crate::report::{OutputFormat, RenderContext, RunReport, print_file_errors};
use crate::rules::{RuleSet, Severity};

pub(super) fn run_check(
    args: &CheckArgs,
    config: &Config,
    settings: &Settings,
    rules: &RuleSet,
    lang: Lang,
    color: bool,
) -> std::io::Result<u8> {
    let discovery = match discover_inputs(&args.input, config, lang) {
        Ok(discovery) => discovery,
        Err(code) => return Ok(code),
    };
    let fail_on = args
        .fail_on
        .map(Severity::from)
        .or(config.file.fail_on)
        .unwrap_or(Severity::Warning);
    let baseline_path = match (&args.baseline, &config.file.baseline) {
        _ if args.write_baseline.is_some() => None,
        (Some(path), _) => Some(path.clone()),
        (None, Some(path)) => Some(config.resolve(path)),
        (None, None) => None,
    };
    let mut baseline = match baseline_path.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(error) => {
            let path = baseline_path.unwrap_or_default();
            eprintln!(
                "formlos: {}: {}: {error}",
                t(lang, "Baseline nicht lesbar", "cannot read baseline"),
                path.display()
            );
            return Ok(EXIT_ERROR);
        }
    };
    let Some(mut sink) = check_sink(args, lang)? else {
        return Ok(EXIT_ERROR);
    };
    let run = RunSettings {
        fail_on,
        explain: args.explain,
        redact: args.redact,
        quiet: args.quiet,
        baseline: baseline.as_mut(),
        keep_text: args.format == OutputFormat::Html
            || args
                .output
                .iter()
                .any(|(format, _)| *format == OutputFormat::Html),
    };
    let report = run_pipeline(
        discovery,
        rules,
        settings,
        (
            lang,
            min_confidence(&args.input, config),
            file_timeout(&args.input),
        ),
        run,
        &mut sink,
    )?;
    print_file_errors(&report, lang, args.explain, &mut std::io::stderr())?;
    if let Some(path) = &args.write_baseline {
        return Ok(write_baseline(path, &report, lang));
    }
    if args.add_suppressions {
        return Ok(add_suppressions(&report, lang));
    }
    let context = RenderContext {
        lang,
        color,
        rules,
        redact: args.redact,
    };
    print_check(args.format, &sink, &report, context)?;
    if !write_outputs(args, &report, context) {
        return Ok(EXIT_ERROR);
    }
    Ok(report.summary.exit_code)
}

/// `--write-baseline`: records every finding, so that later runs report only new ones.
fn write_baseline(path: &std::path::Path, report: &RunReport, lang: Lang) -> u8 {
    if let Err(error) = crate::config::baseline::write(path, &report.findings) {
        eprintln!("formlos: {}: {error}", path.display());
        return EXIT_ERROR;
    }
    let count = report.findings.len();
    match lang {
        Lang::De => eprintln!(
            "formlos: {count} Befund(e) in der Baseline {} festgehalten",
            path.display()
        ),
        Lang::En => eprintln!(
            "formlos: {count} finding(s) recorded in the baseline {}",
            path.display()
        ),
    }
    if report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else {
        0
    }
}
