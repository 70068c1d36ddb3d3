//! Runs a parsed command line: loads configuration and rules, dispatches the command,
//! decides the exit code.
//!
//! One module per command ([`check`], [`stats`], [`edit`] for `fix` and
//! `--add-suppressions`, [`eval`], [`rules`], [`init`], [`text`], [`letter`] for `report`
//! and `reply`); [`setup`] turns flags and
//! formlos.yaml into what the commands need, [`streaming`] runs the check pipeline with
//! baseline and redaction, [`output`] picks and writes the output format.

mod check;
mod edit;
mod eval;
pub mod exit;
mod init;
mod letter;
mod output;
mod rules;
mod setup;
mod stats;
mod streaming;
mod text;

use std::path::PathBuf;

use crate::cli::{Cli, Command, FixArgs, ReplyArgs, RulesCommand, TextArgs};
use crate::i18n::t;
use exit::{EXIT_ERROR, finish};

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let Cli { global, command } = cli;
    let early_lang = global.lang.unwrap_or_default();
    // Commands that need neither configuration nor rules; they are part of the interface,
    // so an English locale makes them English like the help.
    let interface = global.lang.unwrap_or_else(crate::i18n::interface_lang);
    let command = match command {
        Command::Init { force } => return init::run_init(force, interface),
        Command::Completions { shell } => return init::completions(shell, interface),
        Command::Man { dir } => return finish(init::man(dir.as_deref(), interface), interface),
        command => command,
    };
    let config = match setup::load_config(&global) {
        Ok(config) => config,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(
                    early_lang,
                    "ungültige Konfiguration",
                    "invalid configuration"
                )
            );
            return EXIT_ERROR;
        }
    };
    let lang = global.lang.or(config.file.lang).unwrap_or_default();
    let reading = match &command {
        Command::Check(args) => Some((&args.input, args.redact)),
        Command::Stats(args) => Some((&args.input, args.redact)),
        Command::Report(args) => Some((&args.input, args.redact)),
        Command::Fix(FixArgs { input, .. })
        | Command::Text(TextArgs { input, .. })
        | Command::Reply(ReplyArgs { input, .. }) => Some((input, false)),
        _ => None,
    };
    if let Some((input, redact)) = reading {
        crate::extract::ocr::configure(crate::extract::ocr::OcrSettings {
            mode: input.ocr,
            cache: input.ocr_cache.clone(),
            write_cache: !redact,
        });
    }
    let extra_dir = match &command {
        Command::Rules(RulesCommand::Test { dir }) => dir.clone(),
        _ => None,
    };
    let rule_dirs: Vec<PathBuf> = global
        .rules
        .iter()
        .cloned()
        .chain(config.file.rules.iter().map(|dir| config.resolve(dir)))
        .chain(extra_dir)
        .collect();
    let mut rules = match setup::load_rules(&global, &rule_dirs, lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let color = setup::use_color(global.color);
    let result = match command {
        Command::Check(args) => {
            let settings = match setup::settings(
                &args.input,
                args.require_reason,
                &config,
                &mut rules,
                lang,
            ) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            check::run_check(&args, &config, &settings, &rules, lang, color)
        }
        Command::Stats(args) => {
            let settings = match setup::settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            stats::run_stats(&args, &config, &settings, &rules, lang)
        }
        Command::Fix(args) => {
            let settings = match setup::settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            edit::run_fix(&args, &config, &settings, &rules, lang)
        }
        Command::Text(args) => {
            let settings = match setup::settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            text::run_text(&args, &config, &settings, lang)
        }
        Command::Report(args) => {
            let settings = match setup::settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            letter::run_report(&args, &config, &settings, &rules, lang)
        }
        Command::Reply(args) => {
            let settings = match setup::settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            letter::run_reply(&args, &config, &settings, &rules, lang)
        }
        Command::Rules(RulesCommand::List { format }) => rules::list(&rules, format, lang),
        Command::Rules(RulesCommand::Explain { id, verbose }) => {
            rules::explain(&rules, &id, verbose, lang)
        }
        Command::Rules(RulesCommand::Test { .. }) => rules::test(&rules, lang),
        Command::Rules(RulesCommand::Triggers) => rules::triggers(&rules),
        Command::Eval(args) => eval::run_eval(&args, &rules, lang),
        Command::Init { .. } | Command::Completions { .. } | Command::Man { .. } => Ok(0),
    };
    // The process ends once the command has run; freeing the compiled rules piece by
    // piece (tens of thousands of allocations) would only delay the exit, by about as
    // long as checking a short letter takes.
    std::mem::forget(rules);
    match result {
        Ok(code) => code,
        Err(error) => finish::<()>(Err(error), lang),
    }
}
