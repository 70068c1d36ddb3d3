//! The commands that change a user's files, and only on request: `formlos fix` and
//! `formlos check --add-suppressions`. The changes are planned in [`crate::fix`].

use std::io::Write;

use super::exit::EXIT_ERROR;
use super::setup::discover_inputs;
use crate::cli::FixArgs;
use crate::config::{Config, Settings};
use crate::i18n::{Lang, t};
use crate::pipeline::{CheckOptions, check};
use crate::report::{RunReport, print_file_errors};
use crate::rules::{RuleSet, Severity};

/// Tells which files could not be changed and why.
fn print_refusals(refusals: &[crate::fix::Refusal], lang: Lang) {
    for refusal in refusals {
        eprintln!(
            "formlos: {}: {}: {}",
            t(lang, "nicht geändert", "not changed"),
            refusal.path,
            refusal.reason
        );
    }
}

/// `--add-suppressions`: a suppression comment above every line with findings.
pub(super) fn add_suppressions(report: &RunReport, lang: Lang) -> u8 {
    let reason = t(lang, "TODO: Begründung eintragen", "TODO: give the reason");
    let (edits, refused) = crate::fix::plan_suppressions(report, reason, lang);
    print_refusals(&refused, lang);
    let mut failed = false;
    for edit in &edits {
        match edit.write() {
            Ok(()) => match lang {
                Lang::De => eprintln!(
                    "formlos: {}: {} Unterdrückung(en) eingefügt",
                    edit.path, edit.count
                ),
                Lang::En => eprintln!(
                    "formlos: {}: {} suppression(s) added",
                    edit.path, edit.count
                ),
            },
            Err(error) => {
                eprintln!("formlos: {}: {error}", edit.path);
                failed = true;
            }
        }
    }
    if failed || report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else {
        u8::from(!refused.is_empty())
    }
}

pub(super) fn run_fix(
    args: &FixArgs,
    config: &Config,
    settings: &Settings,
    rules: &RuleSet,
    lang: Lang,
) -> std::io::Result<u8> {
    let discovery = match discover_inputs(&args.input, config, lang) {
        Ok(discovery) => discovery,
        Err(code) => return Ok(code),
    };
    let options = CheckOptions {
        settings,
        lang,
        fail_on: Severity::Info,
        min_confidence: args
            .input
            .min_confidence
            .or(config.file.min_confidence)
            .unwrap_or(0.0),
        file_timeout: super::setup::file_timeout(&args.input),
        explain: false,
        keep_text: false,
        keep_findings: true,
        progress: None,
    };
    let report = check(discovery, rules, options);
    print_file_errors(&report, lang, false, &mut std::io::stderr())?;
    let (edits, refused) = crate::fix::plan_fixes(&report, lang);
    print_refusals(&refused, lang);
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for edit in &edits {
        if args.write {
            if let Err(error) = edit.write() {
                eprintln!("formlos: {}: {error}", edit.path);
                failed = true;
                continue;
            }
            match lang {
                Lang::De => eprintln!("formlos: {}: {} Satz/Sätze ersetzt", edit.path, edit.count),
                Lang::En => eprintln!(
                    "formlos: {}: {} sentence(s) replaced",
                    edit.path, edit.count
                ),
            }
        } else {
            write!(out, "{}", edit.diff())?;
        }
    }
    if edits.is_empty() {
        eprintln!(
            "formlos: {}",
            t(
                lang,
                "nichts automatisch zu ersetzen",
                "nothing to replace automatically"
            )
        );
    }
    let fixable = report.findings.iter().filter(|f| f.fix.is_some()).count();
    Ok(if failed || report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else if !args.write && fixable > 0 {
        // Like `cargo fmt --check`: a diff means there is something to fix.
        1
    } else {
        0
    })
}
