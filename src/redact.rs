//! `--redact`: personal data replaced in everything formlos prints, so that journalists
//! and advocacy groups can share findings without exposing the people who received the
//! letters. Agencies are not people: their e-mail domains and names stay.
//!
//! Replaced: e-mail addresses of private persons, phone and fax numbers, IBANs,
//! BG-Nummer / Kundennummer / Aktenzeichen, dates of birth, street addresses and postal
//! codes with places, and names after salutations and titles („Frau Müller“, „Herrn Dr.
//! Max Mustermann“). The restriction sentence stays readable.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::builtin_regex::built_in;
use crate::report::Finding;

/// Each pattern and what replaces it, applied in this order.
static RULES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // IBAN (German and other), with or without groups of four.
        (r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b", "[IBAN]"),
        // BG-Nummer (e.g. 12345BG1234567), Kundennummer, Aktenzeichen with their value.
        (r"\b\d{5}\s?BG\s?\d{7}\b", "[BG-Nummer]"),
        (
            r"(?i)\b(BG-?(?:Nummer|Nr\.?)|Bedarfsgemeinschafts(?:nummer|-Nr\.?)|Kunden-?(?:nummer|nr\.?)|Kd\.?-?Nr\.?|Aktenzeichen|Az\.|Zeichen|Geschäftszeichen|Versicherungsnummer|Steuer-?ID)(\s*:?\s*)[A-Z0-9][A-Z0-9./\- ]{2,24}[A-Z0-9]",
            "$1$2[Nummer]",
        ),
        // Dates of birth.
        (
            r"(?i)\b(geb\.|geboren(?:\s+am)?|Geburtsdatum:?)(\s*)\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}",
            "$1$2[Geburtsdatum]",
        ),
        // Phone and fax numbers: +49 or a leading 0, at least seven digits.
        (r"(?:\+\s?49|\b0)(?:[\s/\-()]*\d){6,}", "[Telefon]"),
        // Street and house number; postal code and place.
        (
            r"\b[A-ZÄÖÜ][\p{L}\-]*(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad)\s+\d+\s?[a-z]?\b",
            "[Adresse]",
        ),
        (r"\b\d{5}\s+[A-ZÄÖÜ][\p{L}\-]+(?:\s(?:an der|am|im|bei)\s[A-ZÄÖÜ][\p{L}\-]+)?", "[PLZ Ort]"),
        // Names after salutations and titles.
        (
            r"\b(Frau|Herrn?|Fräulein)(\s+)(?:(?:Dr\.|Prof\.|Dipl\.-\w+\.?)\s+)*(?:[A-ZÄÖÜ][\p{L}'\-]+)(?:\s+[A-ZÄÖÜ][\p{L}'\-]+)?",
            "$1$2[Name]",
        ),
        (r"(?i)\b(liebe[rs]?|hallo)(\s+)[A-ZÄÖÜ][\p{L}'\-]+", "$1$2[Name]"),
    ]
    .into_iter()
    .map(|(pattern, replacement)| (built_in(pattern), replacement))
    .collect()
});

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"));

/// Domains of public bodies: their addresses are published, not personal.
static AGENCY_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?i)(?:^|\.)(?:jobcenter[\w\-]*|arbeitsagentur|[\w\-]*(?:stadt|kreis|landkreis|amt|sozial|gemeinde|bezirk|rentenversicherung|familienkasse|bund|land)[\w\-]*)\.[a-z]{2,}$|\.(?:bund|nrw|bayern|berlin|hamburg|bremen|sachsen|hessen|niedersachsen|thueringen|brandenburg|saarland)\.de$|\.gov$",
    )
});

/// Whether an e-mail domain belongs to a public body.
pub fn is_agency_domain(domain: &str) -> bool {
    AGENCY_DOMAIN.is_match(domain)
}

/// The text with personal data replaced.
pub fn redact(text: &str) -> String {
    let mut text = EMAIL
        .replace_all(text, |captures: &Captures<'_>| {
            let domain = captures.get(1).map_or("", |m| m.as_str());
            if is_agency_domain(domain) {
                captures[0].to_string()
            } else {
                "[E-Mail]".to_string()
            }
        })
        .into_owned();
    for (pattern, replacement) in RULES.iter() {
        if pattern.is_match(&text) {
            text = pattern.replace_all(&text, *replacement).into_owned();
        }
    }
    text
}

/// Location fields that may carry personal data.
const PERSONAL_LOCATION_KEYS: [&str; 3] = ["from", "subject", "attachment_name"];

/// Redacts a finding in place: sentence, message, excerpt and the personal fields of its
/// location (an e-mail's sender, subject, attachment name).
pub fn redact_finding(finding: &mut Finding) {
    finding.text = redact(&finding.text).into();
    finding.message = redact(&finding.message).into();
    finding.excerpt = finding.excerpt.map_text(redact);
    for key in PERSONAL_LOCATION_KEYS {
        if let Some(serde_json::Value::String(value)) = finding.location.get_mut(key) {
            *value = redact(value);
        }
    }
    if let Some(fix) = finding.fix.as_mut() {
        fix.original = redact(&fix.original).into();
    }
    if let Some(explanation) = finding.explanation.as_mut() {
        for element in &mut explanation.matched {
            element.text = redact(&element.text);
        }
        if let Some(Some(evidence)) = explanation.evidence.as_mut() {
            *evidence = redact(evidence);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_goes_agency_data_stays() {
        let cases = [
            (
                "Sehr geehrte Frau Müller-Lüdenscheidt,",
                "Sehr geehrte Frau [Name],",
            ),
            ("Herrn Dr. Max Mustermann", "Herrn [Name]"),
            (
                "Hallo Kevin, E-Mails werden nicht bearbeitet.",
                "Hallo [Name], E-Mails werden nicht bearbeitet.",
            ),
            ("Ihre Mail an max.muster@web.de", "Ihre Mail an [E-Mail]"),
            (
                "Schreiben Sie an jobcenter-musterstadt@jobcenter-ge.de",
                "Schreiben Sie an jobcenter-musterstadt@jobcenter-ge.de",
            ),
            (
                "Tel. 0201 / 123 45-67, Fax +49 (201) 1234568",
                "Tel. [Telefon], Fax [Telefon]",
            ),
            ("IBAN DE89 3704 0044 0532 0130 00", "IBAN [IBAN]"),
            ("BG-Nummer: 12345BG1234567", "BG-Nummer: [BG-Nummer]"),
            ("Kundennummer 123D456789", "Kundennummer [Nummer]"),
            ("geb. 01.02.1980", "geb. [Geburtsdatum]"),
            ("Musterstraße 12a, 45127 Essen", "[Adresse], [PLZ Ort]"),
        ];
        for (text, expected) in cases {
            assert_eq!(redact(text), expected, "{text}");
        }
        assert_eq!(
            redact("Anträge per E-Mail werden ab dem 1. Oktober 2024 nicht mehr bearbeitet."),
            "Anträge per E-Mail werden ab dem 1. Oktober 2024 nicht mehr bearbeitet."
        );
        assert_eq!(
            redact("Fristen: bis zum 30.04.2024; Betrag 1.234,56 €"),
            "Fristen: bis zum 30.04.2024; Betrag 1.234,56 €"
        );
    }
}
