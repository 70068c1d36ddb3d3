//! What the commands need, from flags and formlos.yaml: configuration, rules, the
//! resolved settings, colour and the inputs to check.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::exit::EXIT_ERROR;
use crate::cli::{ColorChoice, GlobalArgs, InputArgs};
use crate::config::{Choices, Config, DEFAULT_PLACEHOLDERS, Settings};
use crate::i18n::{Lang, t};
use crate::input::{Discovery, PathFilter, discover};
use crate::rules::{RuleSet, builtin_sources, load, sources_from_dir};

/// The configuration file named with `--config`, else the one found from the current
/// folder upwards, else none (`--isolated` or nothing found).
pub(super) fn load_config(global: &GlobalArgs) -> Result<Config, crate::rules::RuleError> {
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
pub(super) fn settings(
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
            rules.disable_unless(|rule| settings.enables(rule.key()));
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

pub(super) fn use_color(choice: ColorChoice) -> bool {
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
pub(super) fn load_rules(global: &GlobalArgs, dirs: &[PathBuf], lang: Lang) -> Result<RuleSet, u8> {
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

/// The inputs of `check`, `stats`, `fix` and `text`: paths and lists of paths (stdin
/// when piped and nothing is named), folder filters and the shard; an error message
/// when there is nothing to check, a list cannot be read or a glob is invalid.
pub(super) fn discover_inputs(
    input: &InputArgs,
    config: &Config,
    lang: Lang,
) -> Result<Discovery, u8> {
    let input = &input.paths;
    let mut paths = input.paths.clone();
    if let Some(list) = &input.files_from {
        match read_path_list(list) {
            Ok(listed) => paths.extend(listed),
            Err(error) => {
                eprintln!(
                    "formlos: {}: {list}: {error}",
                    t(
                        lang,
                        "Pfadliste nicht lesbar",
                        "cannot read the list of paths"
                    )
                );
                return Err(EXIT_ERROR);
            }
        }
    } else if paths.is_empty() {
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
        Ok(filter) => {
            let mut discovery = discover(&paths, &filter);
            if let Some((share, shares)) = input.shard {
                discovery.keep_shard(share, shares);
            }
            Ok(discovery)
        }
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "ungültiges Muster", "invalid glob")
            );
            Err(EXIT_ERROR)
        }
    }
}

/// The paths listed in a file or on stdin (`-`): separated by NUL bytes when there are
/// any (`find -print0`, paths with line breaks), else one per line.
fn read_path_list(list: &str) -> std::io::Result<Vec<String>> {
    let mut bytes = Vec::new();
    if list == "-" {
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)?;
    } else {
        bytes = std::fs::read(list)?;
    }
    let separator = if bytes.contains(&0) { 0 } else { b'\n' };
    Ok(bytes
        .split(|&b| b == separator)
        .map(|path| {
            String::from_utf8_lossy(path)
                .trim_end_matches('\r')
                .to_string()
        })
        .filter(|path| !path.is_empty())
        .collect())
}

/// The lowest confidence reported: flag, else formlos.yaml, else everything.
/// The time budget of each file (`--file-timeout`).
pub(super) fn file_timeout(input: &InputArgs) -> std::time::Duration {
    std::time::Duration::from_secs(input.file_timeout)
}

pub(super) fn min_confidence(input: &InputArgs, config: &Config) -> f64 {
    input
        .min_confidence
        .or(config.file.min_confidence)
        .unwrap_or(0.0)
}
