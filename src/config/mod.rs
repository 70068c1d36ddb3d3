//! Project configuration (`formlos.yaml`), rule selection, inline suppressions and
//! baselines: what an agency's repository says about how formlos checks it.

pub mod baseline;
pub mod select;
pub mod suppress;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use regex::Regex;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::rules::RuleKey;
use crate::rules::{RuleError, RuleSet, RuleSource, Severity, yaml_error};
use select::{Selection, known_rules, selects, unknown};

/// File names formlos looks for, in this order, in the current folder and its parents.
pub const CONFIG_NAMES: [&str; 2] = ["formlos.yaml", ".formlos.yaml"];

/// A commented starter file, written by `formlos init`.
/// The commented formlos.yaml that `formlos init` writes, with comments in `lang`.
pub fn starter(lang: Lang) -> &'static str {
    match lang {
        Lang::De => include_str!("starter.de.yaml"),
        Lang::En => include_str!("starter.en.yaml"),
    }
}

/// Where the configuration format is documented, for error messages.
const CONFIG_FORMAT_HINT: &str =
    "see README.md, section Configuration (formlos init writes a commented example)";

/// Mail-merge placeholder syntaxes hidden from the rules unless a project sets its own:
/// Jinja/Twig/Handlebars `{{ }}`, `{% %}`, `{# #}`, shell-style `${ }`, Word's merge
/// fields `«Feld»` (without spaces, so that «quoted speech» is still read) and `[[ ]]`.
pub const DEFAULT_PLACEHOLDERS: [&str; 6] = [
    r"\{\{.*?\}\}",
    r"\{%.*?%\}",
    r"\{#.*?#\}",
    r"\$\{[^}\n]*\}",
    r"«[^«»\s]{1,60}»",
    r"\[\[[^\]\n]*\]\]",
];

/// The keys of `formlos.yaml`; every one optional. snake_case spellings are accepted too.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default, alias = "per_file_ignores")]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Extra rule folders, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    #[serde(default, alias = "fail_on")]
    pub fail_on: Option<Severity>,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub placeholders: Option<Vec<String>>,
    #[serde(default, alias = "min_confidence")]
    pub min_confidence: Option<f64>,
    #[serde(default, alias = "require_reason")]
    pub require_reason: Option<bool>,
    /// A baseline file, relative to the configuration file.
    #[serde(default)]
    pub baseline: Option<PathBuf>,
}

/// A configuration file as read: its keys, its folder and its text (for positions).
#[derive(Debug, Default)]
pub struct Config {
    pub file: ConfigFile,
    /// The file it came from; none when no file was found.
    pub path: Option<PathBuf>,
    text: String,
}

/// The configuration file that applies to `start`: the first of [`CONFIG_NAMES`] in it
/// or its nearest parent.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

impl Config {
    /// Reads `path`; errors name file, line and column.
    pub fn read(path: &Path) -> Result<Self, RuleError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| RuleError {
            file: name.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the configuration: {error}"),
        })?;
        let source = RuleSource {
            name,
            text,
            builtin: false,
        };
        // An empty file (or one with only comments) is an empty configuration.
        let file = if source
            .text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            ConfigFile::default()
        } else {
            serde_yaml::from_str(&source.text)
                .map_err(|error| yaml_error(&source, &error, CONFIG_FORMAT_HINT))?
        };
        Ok(Self {
            file,
            path: Some(path.to_path_buf()),
            text: source.text,
        })
    }

    /// A path written in the file, relative to the file's folder.
    pub fn resolve(&self, relative: &Path) -> PathBuf {
        match self.path.as_deref().and_then(Path::parent) {
            Some(dir) if relative.is_relative() => dir.join(relative),
            _ => relative.to_path_buf(),
        }
    }

    /// An error at the first occurrence of `needle` in the file.
    pub fn error_at(&self, needle: &str, message: String) -> RuleError {
        let source = RuleSource {
            name: self
                .path
                .as_deref()
                .map_or_else(|| "formlos.yaml".to_string(), |p| p.display().to_string()),
            text: self.text.clone(),
            builtin: false,
        };
        RuleError::at(&source, needle, message)
    }
}

/// Settings that shape findings, resolved from flags and the configuration file.
#[derive(Debug, Default)]
pub struct Settings {
    pub selection: Selection,
    /// Severity overrides: selector and severity, later entries winning.
    pub severity: Vec<(String, Severity)>,
    pub per_file_ignores: Vec<(GlobMatcher, Vec<String>)>,
    pub placeholders: Vec<Regex>,
    pub require_reason: bool,
}

/// The selection-related values before they are checked against the rules.
#[derive(Debug, Default)]
pub struct Choices {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    pub placeholders: Vec<String>,
    pub require_reason: bool,
}

impl Settings {
    /// Checks every selector and glob against the loaded rules; an error names the
    /// place in the configuration file (or the flag) that is wrong.
    pub fn new(choices: Choices, rules: &RuleSet, config: &Config) -> Result<Self, Vec<RuleError>> {
        let known = known_rules(rules);
        let mut errors = Vec::new();
        let selectors = choices
            .select
            .iter()
            .chain(&choices.ignore)
            .chain(choices.severity.iter().map(|(s, _)| s))
            .chain(choices.per_file_ignores.iter().flat_map(|(_, rules)| rules));
        for selector in selectors {
            if unknown([selector], &known).is_some() {
                errors.push(config.error_at(
                    selector,
                    format!("{selector:?} selects no rule; use an id (FL101), a prefix (FL1), a name, a family or ALL (formlos rules list)"),
                ));
            }
        }
        let mut per_file_ignores = Vec::new();
        for (glob, rules) in &choices.per_file_ignores {
            match Glob::new(glob) {
                Ok(glob) => per_file_ignores.push((glob.compile_matcher(), rules.clone())),
                Err(error) => errors.push(config.error_at(glob, format!("invalid glob: {error}"))),
            }
        }
        let mut placeholders = Vec::new();
        for pattern in &choices.placeholders {
            match Regex::new(pattern) {
                Ok(regex) => placeholders.push(regex),
                Err(error) => errors.push(config.error_at(
                    pattern,
                    format!(
                        "invalid placeholder pattern: {}",
                        error.to_string().lines().last().unwrap_or_default()
                    ),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            selection: Selection {
                select: choices.select,
                ignore: choices.ignore,
            },
            severity: choices.severity,
            per_file_ignores,
            placeholders,
            require_reason: choices.require_reason,
        })
    }

    /// Whether the rule runs.
    pub fn enables(&self, rule: RuleKey<'_>) -> bool {
        self.selection.enables(rule)
    }

    /// The severity a project gives a rule, if it overrides the rule's own.
    pub fn severity_of(&self, rule: RuleKey<'_>) -> Option<Severity> {
        self.severity
            .iter()
            .rev()
            .find(|(selector, _)| selects(selector, rule))
            .map(|(_, severity)| *severity)
    }

    /// Whether a per-file ignore drops this rule's findings in `path`.
    pub fn ignored_in(&self, path: &str, rule: RuleKey<'_>) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.per_file_ignores.iter().any(|(glob, rules)| {
            glob.is_match(path) && rules.iter().any(|selector| selects(selector, rule))
        })
    }

    /// The text with every placeholder replaced by underscores of the same length, so
    /// that offsets stay valid and the field names are not read as words.
    pub fn mask_placeholders<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let mut masked: Option<String> = None;
        for regex in &self.placeholders {
            let current = masked.as_deref().unwrap_or(text);
            if !regex.is_match(current) {
                continue;
            }
            let mut next = String::with_capacity(current.len());
            let mut last = 0;
            for found in regex.find_iter(current) {
                next.push_str(&current[last..found.start()]);
                next.extend(std::iter::repeat_n('_', found.len()));
                last = found.end();
            }
            next.push_str(&current[last..]);
            masked = Some(next);
        }
        masked.map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(placeholders: &[&str]) -> Settings {
        Settings {
            placeholders: placeholders
                .iter()
                .map(|p| Regex::new(p).unwrap_or_else(|_| crate::builtin_regex::built_in("x")))
                .collect(),
            ..Settings::default()
        }
    }

    #[test]
    fn placeholders_are_masked_keeping_offsets() {
        let s = settings(&DEFAULT_PLACEHOLDERS);
        let text = "Hallo «Vorname», E-Mails an {{ email }} werden nicht bearbeitet. «Zitat mit Leerzeichen»";
        let masked = s.mask_placeholders(text);
        assert_eq!(masked.len(), text.len());
        assert!(
            !masked.contains("Vorname") && !masked.contains("email"),
            "{masked}"
        );
        assert!(masked.contains("E-Mails an ") && masked.contains("«Zitat mit Leerzeichen»"));
        assert!(matches!(
            s.mask_placeholders("kein Feld"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn starter_files_parse_and_differ_only_in_comments_and_language() {
        let settings = |lang| -> Vec<&str> {
            starter(lang)
                .lines()
                .filter(|line| !line.starts_with('#') && !line.starts_with("lang:"))
                .collect()
        };
        assert_eq!(settings(Lang::De), settings(Lang::En));
        for lang in [Lang::De, Lang::En] {
            let parsed: ConfigFile =
                serde_yaml::from_str(starter(lang)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(parsed.lang, Some(lang));
        }
    }
}
