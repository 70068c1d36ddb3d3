//! Runs a parsed command line: loads rules, dispatches commands, decides the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::CommandFactory;

use crate::check::{CheckOptions, check, check_streaming};
use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, EvalArgs, FixArgs, GlobalArgs, InputArgs, ListFormat,
    OutputFormat, RulesCommand, StatsArgs, StatsFormat,
};
use crate::config::baseline::Baseline;
use crate::config::select::RuleKey;
use crate::config::{CONFIG_NAMES, Choices, Config, DEFAULT_PLACEHOLDERS, STARTER, Settings};
use crate::eval::{evaluate, print_eval, read_labels};
use crate::i18n::{Lang, t};
use crate::input::{Discovery, PathFilter, discover};
use crate::progress::Progress;
use crate::redact::redact_finding;
use crate::report::group::Groups;
use crate::report::stats::Stats;
use crate::report::{
    CSV_COLUMNS, FileReport, Finding, RenderContext, RunReport, csv_record, print_file_errors,
    render, write_jsonl,
};
use crate::rule_commands;
use crate::rules::Severity;
use crate::rules::{RuleSet, builtin_sources, load, sources_from_dir};

/// Exit code for an error (unreadable input, invalid rules or configuration).
pub const EXIT_ERROR: u8 = 2;

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let Cli { global, command } = cli;
    let early_lang = global.lang.unwrap_or_default();
    // Commands that need neither configuration nor rules.
    let command = match command {
        Command::Init { force } => return run_init(force, early_lang),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "formlos", &mut std::io::stdout());
            return 0;
        }
        Command::Man => {
            return finish(
                clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()),
                early_lang,
            );
        }
        command => command,
    };
    let config = match load_config(&global) {
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
    let mut rules = match load_rules(&global, &rule_dirs, lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let color = use_color(global.color);
    let result = match command {
        Command::Check(args) => {
            let settings =
                match settings(&args.input, args.require_reason, &config, &mut rules, lang) {
                    Ok(settings) => settings,
                    Err(code) => return code,
                };
            run_check(&args, &config, &settings, &rules, lang, color)
        }
        Command::Stats(args) => {
            let settings = match settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            run_stats(&args, &config, &settings, &rules, lang)
        }
        Command::Fix(args) => {
            let settings = match settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            run_fix(&args, &config, &settings, &rules, lang)
        }
        Command::Report(args) => {
            let settings = match settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            crate::letter_commands::run_report(&args, &config, &settings, &rules, lang)
        }
        Command::Reply(args) => {
            let settings = match settings(&args.input, None, &config, &mut rules, lang) {
                Ok(settings) => settings,
                Err(code) => return code,
            };
            crate::letter_commands::run_reply(&args, &config, &settings, &rules, lang)
        }
        Command::Rules(RulesCommand::List { format }) => rule_commands::list(&rules, format, lang),
        Command::Rules(RulesCommand::Explain { id }) => rule_commands::explain(&rules, &id, lang),
        Command::Rules(RulesCommand::Test { .. }) => rule_commands::test(&rules, lang),
        Command::Rules(RulesCommand::Triggers) => {
            let mut out = std::io::stdout().lock();
            rules
                .trigger_patterns()
                .iter()
                .try_for_each(|pattern| writeln!(out, "{pattern}"))
                .map(|()| 0)
        }
        Command::Eval(args) => run_eval(&args, &rules, lang),
        Command::Init { .. } | Command::Completions { .. } | Command::Man => Ok(0),
    };
    match result {
        Ok(code) => code,
        Err(error) => finish::<()>(Err(error), lang),
    }
}

/// The exit code for an output result: broken pipes are normal (`| head`), other
/// write errors are errors.
fn finish<T>(result: std::io::Result<T>, lang: Lang) -> u8 {
    match result {
        Ok(_) => 0,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "Ausgabe fehlgeschlagen", "cannot write output")
            );
            EXIT_ERROR
        }
    }
}

/// The configuration file named with `--config`, else the one found from the current
/// folder upwards, else none (`--isolated` or nothing found).
fn load_config(global: &GlobalArgs) -> Result<Config, crate::rules::RuleError> {
    if global.isolated {
        return Ok(Config::default());
    }
    let path = match &global.config {
        Some(path) => Some(path.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|dir| crate::config::find(&dir)),
    };
    match path {
        Some(path) => Config::read(&path),
        None => Ok(Config::default()),
    }
}

/// Resolves flags and configuration into [`Settings`] and switches off unselected rules.
fn settings(
    input: &InputArgs,
    require_reason: Option<bool>,
    config: &Config,
    rules: &mut RuleSet,
    lang: Lang,
) -> Result<Settings, u8> {
    let file = &config.file;
    let pick = |flag: &Vec<String>, configured: &Vec<String>| {
        if flag.is_empty() {
            configured.clone()
        } else {
            flag.clone()
        }
    };
    let mut per_file_ignores: Vec<(String, Vec<String>)> = file
        .per_file_ignores
        .iter()
        .map(|(glob, rules)| (glob.clone(), rules.clone()))
        .collect();
    per_file_ignores.extend(input.per_file_ignores.iter().cloned());
    let default_placeholders = || DEFAULT_PLACEHOLDERS.iter().map(|p| p.to_string()).collect();
    let choices = Choices {
        select: pick(&input.select, &file.select),
        ignore: file.ignore.iter().chain(&input.ignore).cloned().collect(),
        severity: file
            .severity
            .iter()
            .map(|(rule, severity)| (rule.clone(), *severity))
            .chain(input.severity.iter().cloned())
            .collect(),
        per_file_ignores,
        placeholders: if input.placeholder.is_empty() {
            file.placeholders
                .clone()
                .unwrap_or_else(default_placeholders)
        } else {
            input.placeholder.clone()
        },
        require_reason: require_reason.or(file.require_reason).unwrap_or(true),
    };
    match Settings::new(choices, rules, config) {
        Ok(settings) => {
            rules.disable_unless(|rule| {
                settings.enables(RuleKey {
                    id: &rule.spec.id,
                    name: &rule.spec.name,
                    family: &rule.family,
                })
            });
            Ok(settings)
        }
        Err(errors) => {
            let heading = t(lang, "ungültige Einstellung", "invalid setting");
            for error in errors {
                eprintln!("formlos: {heading}: {error}");
            }
            Err(EXIT_ERROR)
        }
    }
}

fn run_init(force: bool, lang: Lang) -> u8 {
    let path = std::path::Path::new(CONFIG_NAMES[0]);
    if path.exists() && !force {
        eprintln!(
            "formlos: {}",
            t(
                lang,
                "formlos.yaml gibt es hier schon; --force überschreibt sie",
                "formlos.yaml already exists here; --force overwrites it"
            )
        );
        return EXIT_ERROR;
    }
    match crate::fix::write_atomically(path, STARTER.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "formlos: {}",
                t(
                    lang,
                    "formlos.yaml geschrieben; die Kommentare erklären jede Einstellung",
                    "wrote formlos.yaml; its comments explain every setting"
                )
            );
            0
        }
        Err(error) => {
            eprintln!("formlos: formlos.yaml: {error}");
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

/// Loads the built-in pack (unless disabled) and every extra rule folder; on an error
/// prints each problem with file:line:column and returns exit code 2.
fn load_rules(global: &GlobalArgs, dirs: &[PathBuf], lang: Lang) -> Result<RuleSet, u8> {
    let mut sets = Vec::new();
    if !global.no_default_rules {
        sets.push(builtin_sources());
    }
    let mut problems = Vec::new();
    for dir in dirs {
        match sources_from_dir(dir) {
            Ok(sources) => sets.push(sources),
            Err(error) => problems.push(error),
        }
    }
    if problems.is_empty() && sets.iter().all(Vec::is_empty) {
        eprintln!(
            "formlos: {}",
            t(
                lang,
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
    let heading = t(lang, "ungültige Regeldatei", "invalid rule file");
    for problem in problems {
        eprintln!("formlos: {heading}: {problem}");
    }
    Err(EXIT_ERROR)
}

/// The inputs of `check` and `fix`: paths (stdin when piped) and folder filters; an
/// error message when there is nothing to check or a glob is invalid.
pub(crate) fn discover_inputs(
    input: &InputArgs,
    config: &Config,
    lang: Lang,
) -> Result<Discovery, u8> {
    let mut paths = input.paths.clone();
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
            return Err(EXIT_ERROR);
        }
        paths.push("-".to_string());
    }
    let include = if input.include.is_empty() {
        &config.file.include
    } else {
        &input.include
    };
    let exclude: Vec<String> = config
        .file
        .exclude
        .iter()
        .chain(&input.exclude)
        .cloned()
        .collect();
    match PathFilter::new(include, &exclude) {
        Ok(filter) => Ok(discover(&paths, &filter)),
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "ungültiges Muster", "invalid glob")
            );
            Err(EXIT_ERROR)
        }
    }
}

/// Writes each `--output FORMAT=FILE`; a file that cannot be written is an error.
fn write_outputs(args: &CheckArgs, report: &RunReport, context: RenderContext<'_>) -> bool {
    let mut ok = true;
    for (format, path) in &args.output {
        let written = std::fs::File::create(path).and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            render(*format, report, context, &mut out)?;
            out.flush()
        });
        if let Err(error) = written {
            eprintln!("formlos: {}: {error}", path.display());
            ok = false;
        }
    }
    ok
}

/// With `--format github` inside GitHub Actions, the Markdown summary goes to the job
/// summary page as well (annotations beyond GitHub's limit are not lost).
fn write_github_summary(report: &RunReport, lang: Lang) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path);
    if let Ok(mut file) = file {
        let mut summary = Vec::new();
        if crate::report::print_markdown(report, lang, &mut summary).is_ok() {
            let _ = file.write_all(&summary);
        }
    }
}

/// What happens to each file's findings while the run goes on.
pub(crate) enum Sink {
    /// Kept for formats written at the end.
    Keep,
    /// Written as JSON Lines at once.
    Jsonl,
    /// Written as CSV rows at once.
    Csv(Box<csv::Writer<std::io::Stdout>>),
    /// Counted as distinct wordings (`--group`).
    Group(Groups),
    /// Counted in statistics tables (`formlos stats`).
    Stats(Stats),
}

impl Sink {
    fn keeps_findings(&self) -> bool {
        matches!(self, Sink::Keep)
    }

    /// Takes one file's findings.
    fn take(&mut self, file: &FileReport, findings: &[Finding]) -> std::io::Result<()> {
        match self {
            Sink::Keep => Ok(()),
            Sink::Jsonl => {
                let mut out = std::io::stdout().lock();
                findings
                    .iter()
                    .try_for_each(|finding| write_jsonl(finding, &mut out))?;
                out.flush()
            }
            Sink::Csv(writer) => {
                for finding in findings {
                    writer.write_record(csv_record(finding))?;
                }
                writer.flush()
            }
            Sink::Group(groups) => {
                findings.iter().for_each(|finding| groups.add(finding));
                Ok(())
            }
            Sink::Stats(stats) => {
                let format = file.format.as_deref().unwrap_or("?");
                findings
                    .iter()
                    .for_each(|finding| stats.add(finding, format));
                Ok(())
            }
        }
    }
}

/// How a run treats findings before they reach the sink.
pub(crate) struct RunSettings<'a> {
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
pub(crate) fn run_pipeline(
    discovery: Discovery,
    rules: &RuleSet,
    settings: &Settings,
    (lang, min_confidence): (Lang, f64),
    run: RunSettings<'_>,
    sink: &mut Sink,
) -> std::io::Result<RunReport> {
    let progress = progress_for(&discovery, run.quiet, lang);
    let options = CheckOptions {
        settings,
        lang,
        fail_on: run.fail_on,
        min_confidence,
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

pub(crate) fn min_confidence(input: &InputArgs, config: &Config) -> f64 {
    input
        .min_confidence
        .or(config.file.min_confidence)
        .unwrap_or(0.0)
}

fn run_check(
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
    let whole_report_needed =
        !args.output.is_empty() || args.write_baseline.is_some() || args.add_suppressions;
    let mut sink = match args.format {
        _ if args.group => {
            if !matches!(
                args.format,
                OutputFormat::Human | OutputFormat::Json | OutputFormat::Csv
            ) {
                eprintln!(
                    "formlos: {}",
                    t(
                        lang,
                        "--group gibt es als human, json und csv",
                        "--group comes as human, json and csv"
                    )
                );
                return Ok(EXIT_ERROR);
            }
            Sink::Group(Groups::default())
        }
        OutputFormat::Jsonl if !whole_report_needed => Sink::Jsonl,
        OutputFormat::Csv if !whole_report_needed => {
            let mut writer = csv::Writer::from_writer(std::io::stdout());
            writer.write_record(CSV_COLUMNS)?;
            Sink::Csv(Box::new(writer))
        }
        _ => Sink::Keep,
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
        (lang, min_confidence(&args.input, config)),
        run,
        &mut sink,
    )?;
    print_file_errors(&report, lang, &mut std::io::stderr())?;
    if let Some(path) = &args.write_baseline {
        return Ok(write_baseline(path, &report, lang));
    }
    if args.add_suppressions {
        return Ok(add_suppressions(&report, lang));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let context = RenderContext {
        lang,
        color,
        rules,
        redact: args.redact,
    };
    match &sink {
        Sink::Keep => render(args.format, &report, context, &mut out)?,
        Sink::Group(groups) => match args.format {
            OutputFormat::Json => groups.print_json(&mut out)?,
            OutputFormat::Csv => groups.print_csv(&mut out)?,
            _ => groups.print_table(lang, &mut out)?,
        },
        Sink::Jsonl | Sink::Csv(_) | Sink::Stats(_) => {}
    }
    out.flush()?;
    if args.format == OutputFormat::Github {
        write_github_summary(&report, lang);
    }
    if !write_outputs(args, &report, context) {
        return Ok(EXIT_ERROR);
    }
    Ok(report.summary.exit_code)
}

fn run_stats(
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
        (lang, min_confidence(&args.input, config)),
        run,
        &mut sink,
    )?;
    print_file_errors(&report, lang, &mut std::io::stderr())?;
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

fn add_suppressions(report: &RunReport, lang: Lang) -> u8 {
    let reason = t(lang, "TODO: Begründung eintragen", "TODO: give the reason");
    let (edits, refused) = crate::fix::plan_suppressions(report, reason);
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

fn run_fix(
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
        explain: false,
        keep_text: false,
        keep_findings: true,
        progress: None,
    };
    let report = check(discovery, rules, options);
    print_file_errors(&report, lang, &mut std::io::stderr())?;
    let (edits, refused) = crate::fix::plan_fixes(&report);
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
    let settings = Settings::default();
    let options = CheckOptions {
        settings: &settings,
        lang,
        fail_on: Severity::Info,
        min_confidence: 0.0,
        explain: false,
        keep_text: true,
        keep_findings: true,
        progress: None,
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
