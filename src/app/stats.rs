//! `formlos stats`.

use super::exit::EXIT_ERROR;
use super::output::Sink;
use super::setup::{discover_inputs, file_timeout, min_confidence};
use super::streaming::{RunSettings, run_pipeline};
use crate::cli::{StatsArgs, StatsFormat};
use crate::config::{Config, Settings};
use crate::i18n::Lang;
use crate::report::print_file_errors;
use crate::report::stats::Stats;
use crate::rules::{RuleSet, Severity};
use std::io::Write;

pub(super) fn run_stats(
    args: &StatsArgs,
    config: &Config,
    settings: &Settings,
    rules: &RuleSet,
    lang: Lang,
) -> std::io::Result<u8> {
    let discovery = match discover_inputs(&args.input, config, lang) {
        Ok(discovery) => discovery,
        Err(code) => return Ok(code),
    };
    let mut sink = Sink::Stats(Stats::default());
    let run = RunSettings {
        fail_on: Severity::Info,
        explain: false,
        redact: args.redact,
        quiet: args.quiet,
        baseline: None,
        keep_text: false,
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
    print_file_errors(&report, lang, false, &mut std::io::stderr())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Sink::Stats(stats) = &sink {
        match args.format {
            StatsFormat::Table => stats.print_tables(lang, &mut out)?,
            StatsFormat::Csv => stats.print_csv(&mut out)?,
            StatsFormat::Json => stats.print_json(&mut out)?,
        }
    }
    out.flush()?;
    Ok(if report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else {
        0
    })
}
