//! Reading rule and vocabulary files, with errors that name file, line and column.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use super::compile::{LoadedRule, RuleSet, compile};
use super::model::{RuleFile, VocabularyFile};
use super::source::{RuleError, RuleSource, yaml_error};

/// The rule pack shipped with formlos, embedded at build time (see build.rs).
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Where the rule format is documented, for error messages.
const RULE_FORMAT_HINT: &str = "see docs/rules.md for the rule format";

/// The built-in rule pack.
pub fn builtin_sources() -> Vec<RuleSource> {
    BUILTIN
        .iter()
        .map(|(name, text)| RuleSource {
            name: (*name).to_string(),
            text: (*text).to_string(),
            builtin: true,
        })
        .collect()
}

/// Every `.yaml`/`.yml` file below `dir`, sorted by path.
pub fn sources_from_dir(dir: &Path) -> Result<Vec<RuleSource>, RuleError> {
    let error = |message: String| RuleError {
        file: dir.display().to_string(),
        line: 1,
        column: 1,
        message,
    };
    if !dir.is_dir() {
        return Err(error(
            "is not a directory of rule files; pass a folder that holds .yaml rule files".into(),
        ));
    }
    let mut sources = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| error(format!("cannot read the rule folder: {e}")))?;
        let path = entry.path();
        let is_yaml = path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml");
        if !entry.file_type().is_file() || !is_yaml {
            continue;
        }
        let text = std::fs::read_to_string(path).map_err(|e| RuleError {
            file: path.display().to_string(),
            line: 1,
            column: 1,
            message: format!("cannot read the rule file: {e}"),
        })?;
        sources.push(RuleSource {
            name: path.display().to_string(),
            text,
            builtin: false,
        });
    }
    Ok(sources)
}

/// Parses and compiles rule sources. Later sources override earlier ones: a rule with an
/// id already defined by an earlier *set* replaces it, vocabulary entries are replaced by
/// name. Within one set, a duplicate id or name is an error.
pub fn load(sets: &[Vec<RuleSource>]) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut vocabulary: BTreeMap<String, (Vec<String>, usize)> = BTreeMap::new();
    let mut rules: Vec<LoadedRule> = Vec::new();
    let mut sources: Vec<RuleSource> = Vec::new();
    for set in sets {
        let mut ids_in_set: BTreeMap<String, String> = BTreeMap::new();
        let mut names_in_set: BTreeMap<String, String> = BTreeMap::new();
        for source in set {
            let source_index = sources.len();
            sources.push(source.clone());
            if source.is_vocabulary() {
                match serde_yaml::from_str::<VocabularyFile>(&source.text) {
                    Ok(file) => {
                        for (name, alternatives) in file.vocabulary {
                            vocabulary.insert(name, (alternatives, source_index));
                        }
                    }
                    Err(e) => errors.push(yaml_error(source, &e, RULE_FORMAT_HINT)),
                }
                continue;
            }
            let file = match serde_yaml::from_str::<RuleFile>(&source.text) {
                Ok(file) => file,
                Err(e) => {
                    errors.push(yaml_error(source, &e, RULE_FORMAT_HINT));
                    continue;
                }
            };
            for spec in file.rules {
                let duplicate = [
                    ("id", &spec.id, &mut ids_in_set),
                    ("name", &spec.name, &mut names_in_set),
                ]
                .into_iter()
                .find_map(|(key, value, seen)| {
                    let other = seen.insert(value.clone(), source.name.clone())?;
                    Some(RuleError::at(
                        source,
                        &format!("{key}: {value}"),
                        format!("duplicate rule {key} {value} (also in {other}); give each rule its own {key}"),
                    ))
                });
                if let Some(error) = duplicate {
                    errors.push(error);
                    continue;
                }
                rules.retain(|r| r.spec.id != spec.id);
                rules.push(LoadedRule {
                    family: file.family.clone(),
                    spec,
                    source: source_index,
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // A user's rule file may override built-in vocabulary: then everything is checked.
    let validate = sources.iter().any(|source| !source.builtin);
    compile(rules, vocabulary, &sources, validate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_passes_the_syntax_check_skipped_at_run_time() {
        let checked: Vec<RuleSource> = builtin_sources()
            .into_iter()
            .map(|source| RuleSource {
                builtin: false,
                ..source
            })
            .collect();
        assert!(load(&[checked]).is_ok());
    }
}
