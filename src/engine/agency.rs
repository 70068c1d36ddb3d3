//! The legal domain of a letter: which kind of agency wrote it, and so which benefit law
//! applies (a Sozialamt's letter is answered with SGB XII, not with the Jobcenter's
//! § 37 SGB II).
//!
//! The kinds, the expressions that recognise them and their norms are data in
//! texts/agencies.yaml, beside the prose the report and the reply say about each kind
//! ([`crate::present`] reads that prose). Only what checking needs is read here, once,
//! so that `formlos check` does not parse the report's texts.

use std::sync::LazyLock;

use serde::Deserialize;

use super::spelled::SpelledRegex;
use crate::rules::ascii::long_text_spelling;

/// The agency kinds of texts/agencies.yaml, parsed on first use.
pub fn agency_kinds() -> &'static AgencyKinds {
    static KINDS: LazyLock<AgencyKinds> = LazyLock::new(AgencyKinds::builtin);
    &KINDS
}

/// Lines of a letter's text counted as its head (letterhead, addresses, date), before
/// the salutation at the latest.
const HEAD_LINES: usize = 40;

/// The kinds of agency formlos recognises.
#[derive(Debug)]
pub struct AgencyKinds {
    /// The rules' norm for one benefit (`§ 37 SGB II`) that a kind's norms stand in for.
    pub replaces: String,
    kinds: Vec<AgencyKind>,
}

/// One kind of agency: its key, how it is recognised and its benefit norms.
#[derive(Debug)]
struct AgencyKind {
    kind: String,
    norms: Vec<String>,
    regex: SpelledRegex,
}

/// The part of texts/agencies.yaml that checking reads; the prose is the report's and
/// is checked there (`present::texts`, which denies unknown fields).
#[derive(Deserialize)]
struct KindsFile {
    replaces: String,
    agencies: Vec<KindEntry>,
}

#[derive(Deserialize)]
struct KindEntry {
    kind: String,
    #[serde(default)]
    norms: Vec<String>,
    #[serde(rename = "match")]
    pattern: String,
}

impl AgencyKinds {
    fn builtin() -> Self {
        // texts/agencies.yaml is part of formlos and covered by its tests, so a failure
        // is a bug in formlos, never in user input.
        let file: KindsFile = serde_yaml::from_str(include_str!("../../texts/agencies.yaml"))
            .unwrap_or_else(|error| panic!("texts/agencies.yaml: {error}"));
        Self {
            replaces: file.replaces,
            kinds: file
                .agencies
                .into_iter()
                .map(|entry| AgencyKind {
                    regex: SpelledRegex::new(&format!("(?i){}", entry.pattern)),
                    kind: entry.kind,
                    norms: entry.norms,
                })
                .collect(),
        }
    }

    /// The kind of agency a name or text belongs to: the first whose expression matches.
    pub fn recognise(&self, text: &str) -> Option<&str> {
        self.recognise_spelled(text, None)
    }

    /// Like [`AgencyKinds::recognise`]; `spelled` is the ASCII spelling of a long `text`,
    /// if it has one, so that kinds it rules out need no search of the whole text in the
    /// regex's slow engine ([`SpelledRegex`]).
    fn recognise_spelled(&self, text: &str, spelled: Option<&str>) -> Option<&str> {
        self.kinds
            .iter()
            .find(|kind| kind.regex.is_match_in(text, spelled))
            .map(|kind| kind.kind.as_str())
    }

    /// The kind of agency that wrote a letter: told by the agency's `name` (its
    /// letterhead or an e-mail's sender) when that says it, else by the agencies and
    /// benefits the letter's head names, else by those its whole `text` names (a town
    /// hall that sends a Bürgergeld applicant to the Jobcenter: SGB II).
    pub fn kind_of_letter(&self, name: Option<&str>, text: &str) -> Option<&str> {
        name.and_then(|name| self.recognise(name))
            .or_else(|| self.recognise(&head(text)))
            .or_else(|| self.recognise_spelled(text, long_text_spelling(text).as_deref()))
    }

    /// Whether `kind` is one of the kinds (the report's texts must name only these).
    #[cfg(test)]
    pub fn knows(&self, kind: &str) -> bool {
        self.kinds.iter().any(|known| known.kind == kind)
    }

    /// A finding's legal basis for a letter from an agency of `kind`: the rules' benefit
    /// norm (`§ 37 SGB II`) gives way to the norms of that agency's benefits, so that a
    /// Sozialamt's letter is not answered with the law of the Jobcenter. Unchanged when
    /// the kind is unknown.
    pub fn law_for(&self, kind: &str, law: &[String]) -> Vec<String> {
        let Some(agency) = self.kinds.iter().find(|agency| agency.kind == kind) else {
            return law.to_vec();
        };
        let mut adapted = Vec::with_capacity(law.len() + agency.norms.len());
        for norm in law {
            let replacement: &[String] = if *norm == self.replaces {
                &agency.norms
            } else {
                std::slice::from_ref(norm)
            };
            for norm in replacement {
                if !adapted.contains(norm) {
                    adapted.push(norm.clone());
                }
            }
        }
        adapted
    }
}

/// A letter's head: its first lines, up to the salutation.
fn head(text: &str) -> String {
    head_lines(text).collect::<Vec<_>>().join("\n")
}

/// The lines of a letter's head, up to the salutation.
pub fn head_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .take(HEAD_LINES)
        .take_while(|line| !super::letterhead::is_salutation(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_findings_law_follows_the_agency() {
        let kinds = agency_kinds();
        let law: Vec<String> = ["§ 9 SGB X", "§ 37 SGB II", "§ 16 Abs. 1 SGB I"]
            .iter()
            .map(|norm| norm.to_string())
            .collect();
        assert_eq!(
            kinds.law_for("sozialamt", &law),
            [
                "§ 9 SGB X",
                "§ 18 Abs. 1 SGB XII",
                "§ 44 Abs. 1 SGB XII",
                "§ 16 Abs. 1 SGB I"
            ]
        );
        assert_eq!(kinds.law_for("jobcenter", &law), law);
        assert_eq!(
            kinds.law_for("familienkasse", &law),
            ["§ 9 SGB X", "§ 16 Abs. 1 SGB I"]
        );
        assert_eq!(kinds.law_for("stadtbibliothek", &law), law);
    }

    #[test]
    fn agencies_are_recognised_by_name_and_domain() {
        let kinds = agency_kinds();
        assert_eq!(
            kinds.recognise("Jobcenter Landkreis Beispielkreis"),
            Some("jobcenter")
        );
        assert_eq!(kinds.recognise("info@jobcenter-ge.de"), Some("jobcenter"));
        assert_eq!(kinds.recognise("Sozialamt Musterstadt"), Some("sozialamt"));
        assert_eq!(
            kinds.recognise("Agentur für Arbeit Köln"),
            Some("arbeitsagentur")
        );
        assert_eq!(kinds.recognise("Stadtbibliothek"), None);
        assert!(kinds.knows("sozialamt"));
        assert!(!kinds.knows("stadtbibliothek"));
    }

    #[test]
    fn a_letter_is_told_by_its_name_then_its_head_then_its_text() {
        let kinds = agency_kinds();
        let letter = "Stadt Musterstadt\nWohngeldstelle\n\nSehr geehrte Frau A,\n\nbitte wenden Sie sich wegen Bürgergeld an das Jobcenter.";
        assert_eq!(
            kinds.kind_of_letter(Some("Sozialamt Musterstadt"), letter),
            Some("sozialamt")
        );
        assert_eq!(kinds.kind_of_letter(None, letter), Some("wohngeldstelle"));
        assert_eq!(
            kinds.kind_of_letter(
                Some("Stadt Musterstadt"),
                "Bitte wenden Sie sich an das Jobcenter."
            ),
            Some("jobcenter")
        );
        assert_eq!(kinds.kind_of_letter(None, "Stadtbibliothek"), None);
    }
}
