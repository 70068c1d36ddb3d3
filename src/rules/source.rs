//! Rule and configuration files as text, and errors that point into them.

use std::fmt;
use std::path::Path;

/// The file name that holds shared vocabulary instead of rules.
const VOCABULARY_FILE_STEM: &str = "vocabulary";

/// A rule file's name (as shown in errors) and its text.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
    /// Part of the built-in pack: its regexes are checked by formlos' own tests, so
    /// they are not parsed again at every start (a single letter is checked faster).
    pub builtin: bool,
}

impl RuleSource {
    pub(crate) fn is_vocabulary(&self) -> bool {
        Path::new(&self.name)
            .file_stem()
            .is_some_and(|stem| stem == VOCABULARY_FILE_STEM)
    }
}

/// An error in a rule or configuration file, with a position a person can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for RuleError {}

impl RuleError {
    pub(crate) fn at(source: &RuleSource, needle: &str, message: String) -> Self {
        let (line, column) = locate(&source.text, needle);
        Self {
            file: source.name.clone(),
            line,
            column,
            message,
        }
    }
}

/// 1-based line and column of the first occurrence of `needle`, or 1:1.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = (!needle.is_empty()).then(|| text.find(needle)).flatten() else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A YAML error at its position; `hint` says where the format is documented.
pub(crate) fn yaml_error(source: &RuleSource, error: &serde_yaml::Error, hint: &str) -> RuleError {
    let (line, column) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = error.to_string();
    // serde_yaml appends " at line L column C"; the position is already in front.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    RuleError {
        file: source.name.clone(),
        line,
        column,
        message: format!("{message}; {hint}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_line_and_column() {
        assert_eq!(locate("a: 1\nb: xyz\n", "xyz"), (2, 4));
        assert_eq!(locate("a", "missing"), (1, 1));
    }
}
