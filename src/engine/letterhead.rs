//! What a letter says about itself: the agency that wrote it and its date. Used to count
//! findings per agency and month in archives (`formlos stats`, `--group`), where a letter
//! may have no e-mail header to tell.

use std::sync::LazyLock;

use regex::Regex;

use crate::builtin_regex::built_in;

static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"\b(Jobcenter|Agentur für Arbeit|Sozialamt|Sozialbehörde|Grundsicherungsamt|Amt für Soziales|Landratsamt|Bezirksamt|Familienkasse|Deutsche Rentenversicherung|Kreisverwaltung|Stadtverwaltung|Ausländerbehörde|Wohngeldstelle)(?:[ \t]+(?:(?:der|des|im|in)[ \t]+)?([A-ZÄÖÜ][\p{L}\-]+(?:[ \t]+[A-ZÄÖÜ][\p{L}\-]+)?))?",
    )
});

/// Capitalized words after an agency's name that are not its place.
const NOT_A_PLACE: [&str; 16] = [
    "Sie",
    "Ihre",
    "Ihr",
    "Ihnen",
    "Wir",
    "Der",
    "Die",
    "Das",
    "Bitte",
    "Mit",
    "Antrag",
    "Anträge",
    "Leistungen",
    "Kontakt",
    "Postfach",
    "E-Mail",
];

/// The agency named in the text, e.g. `Jobcenter Musterstadt`: the first name with a
/// place, else the first bare name (`Jobcenter`).
pub fn agency(text: &str) -> Option<String> {
    let mut bare = None;
    for captures in AGENCY.captures_iter(text) {
        let Some(kind) = captures.get(1).map(|m| m.as_str()) else {
            continue;
        };
        let place: Vec<&str> = captures
            .get(2)
            .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .take_while(|word| !NOT_A_PLACE.contains(word))
            .collect();
        if !place.is_empty() {
            return Some(format!("{kind} {}", place.join(" ")));
        }
        bare.get_or_insert_with(|| kind.to_string());
    }
    bare
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b|\b(\d{1,2})\.\s+(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s+(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b",
    )
});

static SALUTATION: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"^\s*(?:Sehr geehrte|Guten Tag|Hallo |Liebe)"));

/// Whether `text` begins with a salutation ("Sehr geehrte …", "Guten Tag …", "Hallo …",
/// "Liebe …").
pub fn is_salutation(text: &str) -> bool {
    SALUTATION.is_match(text)
}

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// The letter's date as `YYYY-MM-DD`: the last date in its head (before the salutation,
/// within the first 30 lines), leaving out dates of birth.
pub fn letter_date(text: &str) -> Option<String> {
    let mut found = None;
    for line in text.lines().take(30) {
        if SALUTATION.is_match(line) {
            break;
        }
        let lowered = line.to_lowercase();
        if lowered.contains("geb") || lowered.contains("frist") || lowered.contains("bis zum") {
            continue;
        }
        for captures in DATE.captures_iter(line) {
            let number = |i: usize| captures.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let (day, month, year) = if captures.get(1).is_some() {
                (number(1), number(2), number(3))
            } else if captures.get(4).is_some() {
                let month = captures
                    .get(5)
                    .and_then(|m| MONTHS.iter().position(|name| *name == m.as_str()))
                    .map(|index| index as u32 + 1);
                (number(4), month, number(6))
            } else {
                (number(9), number(8), number(7))
            };
            if let (Some(day), Some(month), Some(year)) = (day, month, year)
                && (1..=31).contains(&day)
                && (1..=12).contains(&month)
                && (1990..=2100).contains(&year)
            {
                found = Some(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_with_and_without_place() {
        assert_eq!(
            agency("Jobcenter Musterstadt · Postfach 1").as_deref(),
            Some("Jobcenter Musterstadt")
        );
        assert_eq!(
            agency("Ihr Jobcenter Bad Salzungen\n").as_deref(),
            Some("Jobcenter Bad Salzungen")
        );
        assert_eq!(
            agency("das Jobcenter Sie bittet").as_deref(),
            Some("Jobcenter")
        );
        assert_eq!(
            agency("Faxe an das Jobcenter werden nicht bearbeitet.\nIhr Jobcenter Oststadt")
                .as_deref(),
            Some("Jobcenter Oststadt")
        );
        assert_eq!(
            agency("Agentur für Arbeit Köln").as_deref(),
            Some("Agentur für Arbeit Köln")
        );
        assert_eq!(agency("kein Amt"), None);
    }

    #[test]
    fn letter_date_is_the_head_date_not_a_birth_date_or_deadline() {
        let letter = "Jobcenter Musterstadt\nHerrn Max Muster, geb. 01.02.1980\nMusterstadt, 12. März 2024\nBitte bis zum 30.04.2024 antworten.\nSehr geehrter Herr Muster,\nam 01.05.2024 …";
        assert_eq!(letter_date(letter).as_deref(), Some("2024-03-12"));
        assert_eq!(
            letter_date("Datum: 2023-11-05\n").as_deref(),
            Some("2023-11-05")
        );
        assert_eq!(letter_date("Sehr geehrte Frau X,\n12.03.2024"), None);
    }
}
