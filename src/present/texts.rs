//! The legal prose of reports and replies, read from the YAML files under `texts/`
//! (built into the binary): what each rule's findings mean in plain words, what the
//! reply says about them, the agencies and when applications to them take effect, the
//! court decisions, and the paragraphs of the report and of the three kinds of reply.
//!
//! The texts are data so that a lawyer can review them without reading Rust; their
//! grounding in the legal briefs is checked by reading, their shape by the tests here.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::i18n::{Lang, Localized};

/// Every text of `texts/`, parsed once.
pub fn texts() -> &'static Texts {
    static TEXTS: LazyLock<Texts> = LazyLock::new(Texts::builtin);
    &TEXTS
}

/// The texts of reports and replies.
#[derive(Debug)]
pub struct Texts {
    pub findings: BTreeMap<String, FindingTexts>,
    pub decisions: BTreeMap<String, Decision>,
    pub agencies: Agencies,
    pub report: ReportTexts,
    pub reply: ReplyTexts,
}

/// What the report and the reply say about one rule's findings (texts/findings.yaml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingTexts {
    pub concerns: Concern,
    pub decisions: Vec<String>,
    pub plain: Localized,
    pub reply: Localized,
    pub confirm: Localized,
}

/// What a restriction takes away, which decides what the reply asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Concern {
    /// An application or documents may have been turned away: the reply states that the
    /// application stands and when it takes effect.
    Application,
    /// A way of contact was closed.
    Contact,
    /// Who may speak for the person or come along.
    Person,
}

/// A court decision as cited (texts/decisions.yaml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub court: String,
    pub date: String,
    pub holding: Localized,
}

impl Decision {
    /// „BSG, 11.07.2019, B 14 AS 51/18 R“.
    pub fn citation(&self, file_number: &str) -> String {
        format!("{}, {}, {file_number}", self.court, self.date)
    }
}

/// The agencies formlos recognises, and the general texts for any other.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agencies {
    /// The rules' norm for one benefit that an agency's `formless` sentence replaces;
    /// read by the engine ([`crate::engine::agency`]), like each kind's `match` and
    /// `norms`.
    #[serde(rename = "replaces")]
    _replaces: IgnoredAny,
    pub agencies: Vec<AgencyTexts>,
    pub general: GeneralAgency,
}

/// One kind of agency (texts/agencies.yaml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyTexts {
    pub kind: String,
    /// Recognising the kind and its benefit norms are the engine's
    /// ([`crate::engine::agency`]).
    #[serde(default, rename = "norms")]
    _norms: IgnoredAny,
    #[serde(rename = "match")]
    _pattern: IgnoredAny,
    pub name: Localized,
    pub benefit: Localized,
    pub formless: Localized,
    pub effect: Localized,
    #[serde(default)]
    pub caution: Option<Localized>,
}

/// The texts used when no agency is recognised.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneralAgency {
    pub name: Localized,
    pub benefit: Localized,
    pub formless: Localized,
    pub effect: Localized,
}

/// The paragraphs about an agency that a report or reply uses: the recognised kind's
/// or the general ones.
#[derive(Debug, Clone, Copy)]
pub struct AgencyView<'t> {
    pub kind: Option<&'t str>,
    pub name: &'t Localized,
    pub benefit: &'t Localized,
    pub formless: &'t Localized,
    pub effect: &'t Localized,
    pub caution: Option<&'t Localized>,
}

impl Agencies {
    /// The texts for an agency kind (`None` or an unknown kind: the general texts).
    pub fn view(&self, kind: Option<&str>) -> AgencyView<'_> {
        match kind.and_then(|kind| self.agencies.iter().find(|a| a.kind == kind)) {
            Some(agency) => AgencyView {
                kind: Some(&agency.kind),
                name: &agency.name,
                benefit: &agency.benefit,
                formless: &agency.formless,
                effect: &agency.effect,
                caution: agency.caution.as_ref(),
            },
            None => AgencyView {
                kind: None,
                name: &self.general.name,
                benefit: &self.general.benefit,
                formless: &self.general.formless,
                effect: &self.general.effect,
                caution: None,
            },
        }
    }
}

/// A text in the singular and the plural.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counted {
    pub one: Localized,
    pub other: Localized,
}

impl Counted {
    /// The text for `count`, with `{count}` filled in.
    pub fn get(&self, count: usize, lang: Lang) -> String {
        let text = if count == 1 { &self.one } else { &self.other };
        text.get(lang).replace("{count}", &count.to_string())
    }
}

/// The report's prose (texts/letters.yaml, `report`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTexts {
    pub restricting: Counted,
    pub none: Localized,
    pub error: Localized,
    pub warning: Localized,
    pub quoted: Localized,
    pub scope: Localized,
    pub disclaimer: Localized,
    pub advice_centre: Localized,
}

/// The reply's prose (texts/letters.yaml, `reply`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyTexts {
    pub placeholders: Placeholders,
    pub email_access: EmailAccess,
    pub quote: QuoteIntros,
    pub agency: LetterTexts,
    pub supervisor: LetterTexts,
    pub file: FileNoteTexts,
}

/// Labels of the marked placeholders the counsellor fills in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    pub name: Localized,
    pub address: Localized,
    pub place: Localized,
    pub agency: Localized,
    pub agency_address: Localized,
    pub letter_date: Localized,
    pub supervisor: Localized,
    pub submission: Localized,
    pub benefit: Localized,
    pub client: Localized,
    pub reference: Localized,
}

/// The sentence on opened e-mail access, with or without the agency's address.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailAccess {
    pub known: Localized,
    pub unknown: Localized,
}

/// How a quoted statement is introduced in each kind of reply.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteIntros {
    pub agency: Localized,
    pub supervisor: Localized,
    pub file: Localized,
}

/// The paragraphs of a letter (to the agency or its supervisor).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterTexts {
    pub subject: Localized,
    pub salutation: Localized,
    pub opening: Localized,
    pub request: Localized,
    pub application: Localized,
    pub receipt: Localized,
    pub closing: Localized,
}

/// The paragraphs of the counsellor's file note.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileNoteTexts {
    pub title: Localized,
    pub checked: Localized,
    pub client: Localized,
    pub references: Localized,
    pub findings: Localized,
    pub law: Localized,
    pub advice: Localized,
    pub application: Localized,
    pub objection: Localized,
    pub next: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingsFile {
    rules: BTreeMap<String, FindingTexts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionsFile {
    decisions: BTreeMap<String, Decision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LettersFile {
    report: ReportTexts,
    reply: ReplyTexts,
}

/// Parses a built-in text file. The files are part of formlos and covered by its tests,
/// so a failure is a bug in formlos, never in user input.
fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    serde_yaml::from_str(text).unwrap_or_else(|error| panic!("texts/{name}: {error}"))
}

impl Texts {
    fn builtin() -> Self {
        let findings: FindingsFile =
            parse("findings.yaml", include_str!("../../texts/findings.yaml"));
        let decisions: DecisionsFile =
            parse("decisions.yaml", include_str!("../../texts/decisions.yaml"));
        let letters: LettersFile = parse("letters.yaml", include_str!("../../texts/letters.yaml"));
        let agencies: Agencies = parse("agencies.yaml", include_str!("../../texts/agencies.yaml"));
        Self {
            findings: findings.rules,
            decisions: decisions.decisions,
            agencies,
            report: letters.report,
            reply: letters.reply,
        }
    }
}

/// Fills `{name}` variables of a template from `values`; a variable without a value is
/// left as it is (the callers' tests make sure none is left).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{builtin_sources, load};

    #[test]
    fn every_builtin_rule_has_texts_and_every_text_a_rule() {
        let rules = load(&[builtin_sources()]).unwrap_or_else(|e| panic!("{e:?}"));
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.spec.id.as_str()).collect();
        let texts = texts();
        for id in &ids {
            assert!(
                texts.findings.contains_key(*id),
                "texts/findings.yaml lacks {id}"
            );
        }
        for id in texts.findings.keys() {
            assert!(
                ids.contains(&id.as_str()),
                "texts/findings.yaml: no rule {id}"
            );
        }
    }

    #[test]
    fn every_cited_decision_is_in_the_catalogue_and_cited_as_there() {
        let texts = texts();
        for (rule, finding) in &texts.findings {
            for key in &finding.decisions {
                let decision = texts
                    .decisions
                    .get(key)
                    .unwrap_or_else(|| panic!("{rule}: unknown decision {key}"));
                let _ = decision.citation(key);
            }
            // A decision cited in the reply text is cited with court and date as in
            // the catalogue.
            for text in [&finding.reply.de, &finding.reply.en] {
                for (key, decision) in &texts.decisions {
                    if text.contains(key.as_str()) {
                        assert!(
                            text.contains(&decision.citation(key)),
                            "{rule}: {key} not cited as {}",
                            decision.citation(key)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_agency_kind_has_texts() {
        let agencies = &texts().agencies;
        assert_eq!(agencies.view(None).kind, None);
        assert_eq!(agencies.view(Some("sozialamt")).kind, Some("sozialamt"));
        assert_eq!(agencies.view(Some("stadtbibliothek")).kind, None);
        for agency in &agencies.agencies {
            assert!(crate::engine::agency::agency_kinds().knows(&agency.kind));
        }
    }

    #[test]
    fn fill_replaces_named_variables() {
        assert_eq!(fill("{a} und {b}", &[("a", "x"), ("b", "y")]), "x und y");
        assert_eq!(fill("{a}", &[]), "{a}");
    }
}
