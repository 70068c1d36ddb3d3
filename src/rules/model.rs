//! The rule file format, as deserialized from YAML. See docs/rules.md for the reference.

use serde::{Deserialize, Serialize};

use crate::i18n::Localized;

/// One rule file: a family of rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Kebab-case family name, e.g. `email-refused`.
    pub family: String,
    pub rules: Vec<RuleSpec>,
}

/// The shared vocabulary file (`rules/vocabulary.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyFile {
    /// Named lists of regex alternatives, referred to in patterns as `{name}`.
    pub vocabulary: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The name shown to people (the human output, tables, `rules explain`).
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (de, en) = match self {
            Severity::Error => ("Fehler", "error"),
            Severity::Warning => ("Warnung", "warning"),
            Severity::Info => ("Hinweis", "info"),
        };
        crate::i18n::t(lang, de, en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable id: `FL` followed by digits.
    pub id: String,
    /// Stable kebab-case name.
    pub name: String,
    pub title: Localized,
    pub severity: Severity,
    /// The norms the rule rests on, each with a link to the statute text.
    pub law: Vec<Norm>,
    /// One-line message shown with each finding.
    pub message: Localized,
    /// Why the statement is unlawful, in plain words.
    pub explanation: Localized,
    /// A lawful wording the agency can use instead.
    pub rewording: Localized,
    /// A German sentence that can replace any sentence this rule reports, word for word:
    /// offered as an automatic fix (`formlos fix`, SARIF `fixes`). Only for rules whose
    /// findings one sentence can always put right; absent otherwise.
    #[serde(default)]
    pub replacement: Option<String>,
    /// What a person who received the statement can do.
    pub advice: Localized,
    pub patterns: Vec<PatternSpec>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionSpec>,
    /// Rules that take precedence: when one of them reports the same sentence, this rule's
    /// finding there is dropped. It marks the border between two rules once, where an
    /// exception would have to restate the other rule's patterns (and miss the sentences
    /// that rule does not report after all).
    #[serde(default)]
    pub yields_to: Vec<String>,
    /// How the severity depends on what the document shows (optional).
    #[serde(default)]
    pub evidence: Option<EvidenceSpec>,
    /// How reliable a direct, tight match of this rule is (0–1); see docs/rules.md.
    #[serde(default = "default_confidence")]
    pub confidence: f64,
    pub examples: Examples,
}

fn default_confidence() -> f64 {
    0.9
}

/// Evidence in the document that makes a finding weigh more: e.g. an e-mail address of
/// the agency, which opens electronic access (§ 36a Abs. 1 SGB I, BSG B 7 AS 10/22 R).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSpec {
    /// Searched in the whole document (outside quoted parts).
    pub pattern: String,
    /// Matches of `pattern` that also match this do not count (e.g. private mail hosts).
    #[serde(default)]
    pub exclude: Option<String>,
    /// The severity when no evidence is found; the rule's severity applies otherwise.
    pub otherwise: Severity,
    /// Added to the message when evidence is found; `{evidence}` is replaced by it.
    pub present: Localized,
    /// Added to the message when no evidence is found.
    pub absent: Localized,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    /// Exact citation, e.g. "§ 9 SGB X".
    pub norm: String,
    pub url: String,
}

/// A sentence matches when every regex in `all` matches it, and the matches lie within
/// `within` words of each other (the whole sentence when absent).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    pub all: Vec<String>,
    #[serde(default)]
    pub within: Option<usize>,
    /// Regexes that must all match the sentence before, in the same paragraph: for
    /// sentences that refer back with a pronoun ("Ihre Mail ist angekommen. Sie wird
    /// aber nicht bearbeitet.").
    #[serde(default)]
    pub previous: Vec<String>,
}

/// Where an exception is looked for, relative to the matched sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Sentence,
    /// The sentence and the one before it in the same paragraph.
    Previous,
    Paragraph,
    Document,
}

/// A finding is dropped when `pattern` matches in `scope`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionSpec {
    pub pattern: String,
    #[serde(default)]
    pub scope: Scope,
    /// The exception counts only in sentences where this does not match: "another way
    /// is named in the paragraph" must not be a way the paragraph closes ("Der
    /// Briefkasten steht nicht mehr zur Verfügung"). Not with `document` scope.
    #[serde(default)]
    pub unless: Option<String>,
    /// Why this is lawful: shown by `rules explain`, so in German and English; a plain
    /// string (older rule files) is shown in both languages.
    #[serde(default)]
    pub why: Option<Why>,
}

/// The reason of an exception: `{de: …, en: …}` or one text for both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Why {
    Localized(Localized),
    Plain(String),
}

impl Why {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match self {
            Why::Localized(text) => text.get(lang),
            Why::Plain(text) => text,
        }
    }
}

impl Scope {
    /// Where the exception is looked for, for people.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (de, en) = match self {
            Scope::Sentence => ("im Satz", "in the sentence"),
            Scope::Previous => (
                "im Satz oder im Satz davor",
                "in the sentence or the one before",
            ),
            Scope::Paragraph => ("im Absatz", "in the paragraph"),
            Scope::Document => ("im Dokument", "in the document"),
        };
        crate::i18n::t(lang, de, en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts in which the rule must report a direct finding.
    #[serde(rename = "match")]
    pub must_match: Vec<String>,
    /// Texts in which the rule must not report a direct finding.
    #[serde(rename = "no_match")]
    pub must_not_match: Vec<String>,
}
