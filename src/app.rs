//! Runs a parsed command line: loads rules, dispatches commands, decides the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::check::{CheckOptions, check};
use crate::cli::{
    CheckArgs, CheckFormat, Cli, ColorChoice, Command, EvalArgs, GlobalArgs, ListFormat,
    RulesCommand,
};
use crate::eval::{evaluate, print_eval, read_labels};
use crate::i18n::{Lang, t};
use crate::input::{PathFilter, discover};
use crate::report::{HumanOptions, print_file_errors, print_human, print_json};
use crate::rule_commands;
use crate::rules::Severity;
use crate::rules::{RuleSet, builtin_sources, load, sources_from_dir};

/// Exit code for an error (unreadable input, invalid rules or configuration).
pub const EXIT_ERROR: u8 = 2;

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let Cli { global, command } = cli;
    let extra_dir = match &command {
        Command::Rules(RulesCommand::Test { dir }) => dir.clone(),
        _ => None,
    };
    let rules = match load_rules(&global, extra_dir) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let color = use_color(global.color);
    let result = match command {
        Command::Check(args) => run_check(&args, &rules, global.lang, color),
        Command::Rules(RulesCommand::List { format }) => {
            rule_commands::list(&rules, format, global.lang)
        }
        Command::Rules(RulesCommand::Explain { id }) => {
            rule_commands::explain(&rules, &id, global.lang)
        }
        Command::Rules(RulesCommand::Test { .. }) => rule_commands::test(&rules, global.lang),
        Command::Eval(args) => run_eval(&args, &rules, global.lang),
    };
    match result {
        Ok(code) => code,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(global.lang, "Ausgabe fehlgeschlagen", "cannot write output")
            );
            EXIT_ERROR
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Loads the built-in pack (unless disabled) and every `--rules` folder; on an error
/// prints each problem with file:line:column and returns exit code 2.
fn load_rules(global: &GlobalArgs, extra_dir: Option<PathBuf>) -> Result<RuleSet, u8> {
    let mut sets = Vec::new();
    if !global.no_default_rules {
        sets.push(builtin_sources());
    }
    let mut problems = Vec::new();
    for dir in global.rules.iter().cloned().chain(extra_dir) {
        match sources_from_dir(&dir) {
            Ok(sources) => sets.push(sources),
            Err(error) => problems.push(error),
        }
    }
    if problems.is_empty() && sets.iter().all(Vec::is_empty) {
        eprintln!(
            "formlos: {}",
            t(
                global.lang,
                "keine Regeln geladen; --no-default-rules braucht mindestens ein --rules VERZEICHNIS mit Regeldateien",
                "no rules loaded; --no-default-rules needs at least one --rules DIR with rule files"
            )
        );
        return Err(EXIT_ERROR);
    }
    if problems.is_empty() {
        match load(&sets) {
            Ok(rules) => return Ok(rules),
            Err(errors) => problems = errors,
        }
    }
    let heading = t(global.lang, "ungültige Regeldatei", "invalid rule file");
    for problem in problems {
        eprintln!("formlos: {heading}: {problem}");
    }
    Err(EXIT_ERROR)
}

fn run_check(args: &CheckArgs, rules: &RuleSet, lang: Lang, color: bool) -> std::io::Result<u8> {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            eprintln!(
                "formlos: {}",
                t(
                    lang,
                    "nichts zu prüfen; nennen Sie eine Datei oder einen Ordner (formlos check brief.txt) oder leiten Sie Text ein (… | formlos check)",
                    "nothing to check; name a file or folder (formlos check letter.txt) or pipe text in (… | formlos check)"
                )
            );
            return Ok(EXIT_ERROR);
        }
        paths.push("-".to_string());
    }
    let filter = match PathFilter::new(&args.include, &args.exclude) {
        Ok(filter) => filter,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "ungültiges Muster", "invalid glob")
            );
            return Ok(EXIT_ERROR);
        }
    };
    let discovery = discover(&paths, &filter);
    let options = CheckOptions {
        lang,
        fail_on: args.fail_on.into(),
        min_confidence: args.min_confidence,
        explain: args.explain,
        keep_text: false,
    };
    let report = check(discovery, rules, options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        CheckFormat::Human => {
            print_file_errors(&report, lang, &mut std::io::stderr())?;
            print_human(&report, HumanOptions { lang, color }, &mut out)?;
        }
        CheckFormat::Json => {
            print_file_errors(&report, lang, &mut std::io::stderr())?;
            print_json(&report, &mut out)?;
        }
    }
    out.flush()?;
    Ok(report.summary.exit_code)
}

fn run_eval(args: &EvalArgs, rules: &RuleSet, lang: Lang) -> std::io::Result<u8> {
    let labels = match read_labels(&args.dir) {
        Ok(labels) => labels,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "Markierungen nicht lesbar", "cannot read labels")
            );
            return Ok(EXIT_ERROR);
        }
    };
    let dir = args.dir.to_string_lossy().into_owned();
    let options = CheckOptions {
        lang,
        fail_on: Severity::Info,
        min_confidence: 0.0,
        explain: false,
        keep_text: true,
    };
    let report = check(discover(&[dir], &PathFilter::default()), rules, options);
    print_file_errors(&report, lang, &mut std::io::stderr())?;
    let evaluation = evaluate(&labels, &report);
    let mut out = std::io::stdout().lock();
    print_eval(&evaluation, args.format == ListFormat::Json, lang, &mut out)?;
    let below = |minimum: Option<f64>, value: f64| minimum.is_some_and(|m| value < m);
    let failed = below(args.min_recall, evaluation.overall.recall)
        || below(args.min_precision, evaluation.overall.precision)
        || below(args.min_context_accuracy, evaluation.context_accuracy);
    Ok(if report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else {
        u8::from(failed)
    })
}
