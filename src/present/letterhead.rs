//! What a letter's head says about the letter, for the report and the reply: the agency
//! that wrote it and what kind of agency it is, its postal address, the letter's date,
//! the reference numbers, and the agency's own e-mail address.
//!
//! A small, self-contained reader of the letterhead on top of the engine's agency and
//! date finder ([`crate::engine::letterhead`]) and the engine's agency kinds
//! ([`crate::engine::agency`]), so that the report and `formlos check` tell the same
//! agency.

use std::sync::LazyLock;

use regex::Regex;

use super::date::Date;
use crate::builtin_regex::built_in;
use crate::engine::agency::{self, agency_kinds};
use crate::engine::letterhead;

/// What the head of a letter says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    /// The agency as named in the letter („Jobcenter Landkreis Beispielkreis“).
    pub agency: Option<String>,
    /// Its kind, a key of texts/agencies.yaml („jobcenter“): whose law applies. Told
    /// by the agency's name, else by the agencies and benefits the letter names (a town
    /// hall that sends a Bürgergeld applicant to the Jobcenter: SGB II).
    pub kind: Option<String>,
    /// The agency's postal address below or beside its name, line by line.
    pub address: Vec<String>,
    /// The letter's date.
    pub date: Option<Date>,
    /// Reference numbers: BG-Nummer, Kundennummer, Aktenzeichen …
    pub references: Vec<Reference>,
    /// An e-mail address of the agency given in the letter.
    pub email: Option<String>,
}

/// A reference number with its label as printed („BG-Nummer“, „12345BG0001234“).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub label: String,
    pub value: String,
}

static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| built_in(r"^\s*(?:An|To)\s"));

static STREET: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"^(?:\p{Lu}[\p{L}.\-]*\s+)*\p{Lu}[\p{L}.\-]*\s+\d{1,4}\s?[a-zA-Z]?(?:\s?[-–]\s?\d{1,4})?$",
    )
});

static POST_BOX: LazyLock<Regex> = LazyLock::new(|| built_in(r"^Postfach\s+\d[\d ]*$"));

static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"^(?:D-)?\d{5}\s+\p{Lu}[\p{L}.\- ]*[\p{L}.)]$"));

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?i)\b(BG-Nummer|BG-Nr\.?|Nummer der Bedarfsgemeinschaft|Kundennummer|Kunden-Nr\.?|Aktenzeichen|Az\.|Geschäftszeichen|Unser Zeichen|Versicherungsnummer|Kindergeldnummer)[ \t]*:?[ \t]*([A-Za-z0-9][A-Za-z0-9./\-]*(?:[ ][A-Za-z0-9./\-]+){0,3})",
    )
});

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"));

impl Letterhead {
    /// Reads the head of a letter's text.
    pub fn read(text: &str) -> Self {
        let head: Vec<&str> = agency::head_lines(text).collect();
        // The agency that wrote: not one the letter is addressed to („An das Jobcenter …“),
        // as in a counsellor's letter to an agency.
        let sender_lines: Vec<&str> = text
            .lines()
            .filter(|line| !ADDRESSEE.is_match(line))
            .collect();
        let sender_head: Vec<&str> = head
            .iter()
            .copied()
            .filter(|line| !ADDRESSEE.is_match(line))
            .collect();
        let agency = letterhead::agency(&sender_head.join("\n"))
            .or_else(|| letterhead::agency(&sender_lines.join("\n")));
        let kind = agency_kinds()
            .kind_of_letter(agency.as_deref(), text)
            .map(str::to_string);
        let address = agency
            .as_deref()
            .map(|name| address_after(&head, name))
            .unwrap_or_default();
        let email = EMAIL
            .captures_iter(text)
            .find(|captures| {
                captures
                    .get(1)
                    .is_some_and(|domain| crate::redact::is_agency_domain(domain.as_str()))
            })
            .and_then(|captures| captures.get(0))
            .map(|m| m.as_str().trim_end_matches('.').to_string());
        Self {
            agency,
            kind,
            address,
            date: letter_date(&head),
            references: references(&head),
            email,
        }
    }

    /// Uses `name` as the agency when it names one better (the agency in an e-mail's
    /// sender, „Jobcenter Oststadt <…>“).
    pub fn with_agency_name(mut self, name: Option<&str>) -> Self {
        if let Some(name) = name.filter(|name| name.contains(' ')) {
            if self.kind.is_none() {
                self.kind = agency_kinds().recognise(name).map(str::to_string);
            }
            self.agency = Some(name.to_string());
        }
        self
    }

    /// The letterhead without personal data (`--redact`): reference numbers go, the
    /// agency's name, address and e-mail address stay (they are a public body's).
    pub fn redacted(&self) -> Self {
        Self {
            references: self
                .references
                .iter()
                .map(|reference| Reference {
                    label: reference.label.clone(),
                    value: "[Nummer]".to_string(),
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// The letter's date: the engine's head date, leaving out the dates of the letters it
/// answers („Ihr Schreiben vom 2. Oktober 2026“).
fn letter_date(head: &[&str]) -> Option<Date> {
    let own: Vec<&str> = head
        .iter()
        .copied()
        .filter(|line| !line.contains(" vom "))
        .collect();
    letterhead::letter_date(&own.join("\n")).and_then(|iso| Date::parse_iso(&iso))
}

/// The postal address on the agency's line and the lines below it: street or post box,
/// then postcode and place.
fn address_after(head: &[&str], agency: &str) -> Vec<String> {
    let Some(start) = head.iter().position(|line| line.contains(agency)) else {
        return Vec::new();
    };
    let mut address = Vec::new();
    for (offset, line) in head[start..].iter().take(4).enumerate() {
        if offset > 0 && line.trim().is_empty() {
            break;
        }
        let rest = if offset == 0 {
            line.split_once(agency).map_or("", |(_, rest)| rest)
        } else {
            line
        };
        for segment in rest.split(['·', '|', ',', ';', '•']) {
            let segment = segment.trim();
            if STREET.is_match(segment) || POST_BOX.is_match(segment) {
                if address.is_empty() {
                    address.push(segment.to_string());
                }
            } else if POSTCODE.is_match(segment) {
                address.push(segment.to_string());
                return address;
            }
        }
    }
    // Without postcode and place, a street alone is no address to write to.
    Vec::new()
}

/// Reference numbers in the head, each label once.
fn references(head: &[&str]) -> Vec<Reference> {
    let mut found: Vec<Reference> = Vec::new();
    for line in head {
        for captures in REFERENCE.captures_iter(line) {
            let (Some(label), Some(value)) = (captures.get(1), captures.get(2)) else {
                continue;
            };
            let value = value.as_str().trim().trim_end_matches('.');
            let known = found
                .iter()
                .any(|r| r.label.eq_ignore_ascii_case(label.as_str()));
            if value.chars().any(|c| c.is_ascii_digit()) && !known {
                found.push(Reference {
                    label: label.as_str().to_string(),
                    value: value.to_string(),
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "Jobcenter Landkreis Beispielkreis\nAm Markt 4, 54321 Beispielstadt\nTelefon 0123 456-0 · E-Mail: jobcenter-beispielkreis@jobcenter-ge.de\n\nBeispielstadt, 14.10.2026\nBG-Nummer: 12345BG0001234\n\nIhr Schreiben vom 2. Oktober 2026\n\nSehr geehrter Herr Mustermann,\nAktenzeichen: 999 steht nicht im Kopf.\n";

    #[test]
    fn reads_agency_kind_address_date_references_and_email() {
        let head = Letterhead::read(LETTER);
        assert_eq!(
            head.agency.as_deref(),
            Some("Jobcenter Landkreis Beispielkreis")
        );
        assert_eq!(head.kind.as_deref(), Some("jobcenter"));
        assert_eq!(head.address, ["Am Markt 4", "54321 Beispielstadt"]);
        assert_eq!(
            head.date.map(|d| d.to_string()).as_deref(),
            Some("14.10.2026")
        );
        assert_eq!(
            head.references,
            [Reference {
                label: "BG-Nummer".into(),
                value: "12345BG0001234".into()
            }]
        );
        assert_eq!(
            head.email.as_deref(),
            Some("jobcenter-beispielkreis@jobcenter-ge.de")
        );
        let redacted = head.redacted();
        assert_eq!(redacted.references[0].value, "[Nummer]");
        assert_eq!(redacted.address, head.address);
    }

    #[test]
    fn sender_line_with_separators_and_unknown_agencies() {
        let head = Letterhead::read(
            "Sozialamt Musterstadt · Rathausplatz 1 · 12345 Musterstadt\nHerrn Max Muster\nWeg 3\n12345 Musterstadt\n",
        );
        assert_eq!(head.kind.as_deref(), Some("sozialamt"));
        assert_eq!(head.address, ["Rathausplatz 1", "12345 Musterstadt"]);
        let none = Letterhead::read("Hallo,\nE-Mails lesen wir nicht.\nGruß an max@web.de");
        let addressed = Letterhead::read(
            "Beratung e.V.\nAn das Jobcenter Musterstadt\n\nSehr geehrte Damen und Herren,",
        );
        assert_eq!(addressed.agency, None);
        assert_eq!(none.agency, None);
        assert_eq!(none.kind, None);
        assert!(none.address.is_empty());
        assert_eq!(none.email, None);
        let named = none.with_agency_name(Some("Jobcenter Oststadt"));
        assert_eq!(named.agency.as_deref(), Some("Jobcenter Oststadt"));
        assert_eq!(named.kind.as_deref(), Some("jobcenter"));
    }
}
