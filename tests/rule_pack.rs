//! The built-in rule pack as a whole: coverage of the legal brief's rule families,
//! enough examples per rule, every example passing, and the brief's lawful look-alikes
//! and example violations checked against all rules at once.

use formlos::engine::examples::example_failures;
use formlos::engine::{Context, check_text};
use formlos::rules::{RuleSet, builtin_sources, load};

fn pack() -> RuleSet {
    load(&[builtin_sources()]).unwrap_or_else(|errors| panic!("built-in rules invalid: {errors:?}"))
}

/// Rule ids with a direct finding in `text`.
fn direct_rules(rules: &RuleSet, text: &str) -> Vec<String> {
    check_text(rules, text)
        .into_iter()
        .filter(|hit| hit.context == Context::Direct)
        .map(|hit| rules.rules[hit.rule].spec.id.clone())
        .collect()
}

#[test]
fn every_family_of_the_legal_brief_has_a_rule() {
    let rules = pack();
    let mut families: Vec<&str> = rules.rules.iter().map(|r| r.family.as_str()).collect();
    families.sort_unstable();
    families.dedup();
    assert_eq!(
        families,
        [
            "appointment-gate",
            "attachments-refused",
            "channel-exclusivity",
            "companion-excluded",
            "email-refused",
            "fax-refused",
            "form-required",
            "not-responsible",
            "oral-application-refused",
            "receipt-refused",
            "representative-refused",
            "wrong-statement-of-law",
        ]
    );
}

#[test]
fn every_rule_has_four_examples_each_way_and_complete_texts() {
    for rule in &pack().rules {
        let spec = &rule.spec;
        assert!(
            spec.examples.must_match.len() >= 4,
            "{} has too few match examples",
            spec.id
        );
        assert!(
            spec.examples.must_not_match.len() >= 4,
            "{} has too few no_match examples",
            spec.id
        );
        for text in [
            &spec.title,
            &spec.message,
            &spec.explanation,
            &spec.rewording,
            &spec.advice,
        ] {
            assert!(
                !text.de.trim().is_empty() && !text.en.trim().is_empty(),
                "{} lacks a text",
                spec.id
            );
        }
        assert!(
            spec.law
                .iter()
                .all(|n| n.url.starts_with("https://www.gesetze-im-internet.de/")),
            "{} links a statute outside gesetze-im-internet.de",
            spec.id
        );
    }
}

#[test]
fn every_rule_example_passes() {
    let rules = pack();
    let failures: Vec<_> = (0..rules.rules.len())
        .flat_map(|i| example_failures(&rules, i))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The lawful look-alikes of shared/legal-brief.md and shared/real-wording.md: no rule
/// may report a direct finding on any of them.
const LAWFUL_LOOKALIKES: &[&str] = &[
    "Wir empfehlen, Unterlagen über das Portal zu senden; selbstverständlich erreichen Sie uns auch per E-Mail oder Post.",
    "Ein Widerspruch per einfacher E-Mail ist nicht formwirksam (§ 84 SGG).",
    "Bitte beachten Sie, dass unverschlüsselte E-Mails nicht sicher sind.",
    "Sie können uns jederzeit per E-Mail schreiben.",
    "Dieses Postfach wird nicht überwacht; bitte schreiben Sie an kontakt@jobcenter-musterstadt.de.",
    "Das Jobcenter teilte mit, E-Mails würden nicht mehr bearbeitet.",
    "Bescheide erhalten Sie wahlweise ausschließlich online.",
    "Leistungen erhält nur, wer einen Antrag stellt.",
    "Formlose Anträge wirken nur fristwahrend.",
    "Erst dann können wir Ihren Antrag bewilligen.",
    "Am Freitag sind wir nicht erreichbar.",
    "Bescheide versenden wir ausschließlich per Post.",
    "Die App ist ausschließlich für Android und iOS verfügbar.",
    "Bitte verwenden Sie für Veränderungen den Vordruck, der für diese Mitteilungen vorgesehen ist.",
    "Wenn Sie nicht mitwirken, können die Leistungen nach § 66 SGB I versagt werden.",
    "Ist eine Kommunikation per E-Mail nicht mehr möglich?",
    "Es trifft nicht zu, dass E-Mails nicht bearbeitet werden.",
    "Bitte erscheinen Sie persönlich am 12. März um 9 Uhr in Zimmer 204.",
    "Ihr Beistand muss sich auf Verlangen ausweisen.",
    "Bitte weisen Sie Ihre Vollmacht schriftlich nach.",
    "Ihre Anrufe werden an unser Servicecenter weitergeleitet.",
    "Die Vorsprachen werden grundsätzlich in der deutschen Sprache geführt.",
    "Elterngeld wird nur auf schriftlichen Antrag gezahlt.",
    "Die Meldung zur Arbeitslosigkeit muss persönlich erfolgen.",
    "Es ist aber unzulässig, die Entgegennahme/ Niederschrift eines ausdrücklich gewollten Wiederspruchs zu verweigern.",
    "Persönliches Vorsprechen beim Berater ist derzeit nicht mehr nötig: Ein Antrag auf Arbeitslosengeld oder andere Unterlagen können mit der Post oder per E-Mail geschickt werden.",
    "Es entstehen Ihnen keine Nachteile, wenn Sie nicht persönlich vorsprechen.",
    "Der Zugang erfolgt eingeschränkt zu folgenden Bedingungen:",
    "Die Übertragung einer E-Mail in unser elektronisches Aktensystem dauert in der Regel 1-2 Arbeitstage.",
    "Eine weitere Bewilligung kann nur nach rechtzeitiger Abgabe des Folgeantrages erfolgen.",
    "Sie können Ihren Antrag auch telefonisch unter 0561-929990 (Mo.-Fr. 08:00 – 18:00 Uhr) stellen.",
    "Telefonisch ist die Agentur für Arbeit Hamburg aber weiterhin erreichbar.",
    "Sie können Briefe und Dokumente weiterhin in Papierform an das Jobcenter senden.",
];

#[test]
fn lawful_lookalikes_yield_no_direct_finding() {
    let rules = pack();
    let flagged: Vec<(&str, Vec<String>)> = LAWFUL_LOOKALIKES
        .iter()
        .map(|text| (*text, direct_rules(&rules, text)))
        .filter(|(_, found)| !found.is_empty())
        .collect();
    assert!(flagged.is_empty(), "lawful sentences flagged: {flagged:#?}");
}

/// One violation per rule family, worded differently from the rules' own examples.
const VIOLATIONS: &[(&str, &str)] = &[
    ("Auf E-Mails reagieren wir ab November nicht mehr.", "FL101"),
    (
        "Anträge und Nachweise nehmen wir ausschließlich digital über die BundID entgegen.",
        "FL201",
    ),
    ("Fernmündlich gestellte Anträge sind ungültig.", "FL301"),
    (
        "Ohne unterschriebenes Antragsformular wird Ihr Antrag nicht angenommen.",
        "FL401",
    ),
    (
        "Eingereichte Schreiben ohne Kundennummer gelten als nicht zugegangen.",
        "FL501",
    ),
    ("Telefaxe nehmen wir nicht mehr entgegen.", "FL601"),
    (
        "Auskünfte an Bevollmächtigte erteilen wir grundsätzlich nicht.",
        "FL701",
    ),
    (
        "Die Abgabe eines Antrags ist lediglich nach Terminvereinbarung möglich.",
        "FL801",
    ),
    ("Dateianhänge werden ungeöffnet gelöscht.", "FL901"),
    ("Ein formloser Antrag per E-Mail ist unwirksam.", "FL1001"),
    (
        "Da wir nicht zuständig sind, nehmen wir Ihren Antrag nicht entgegen.",
        "FL1101",
    ),
    ("Eine Begleitperson ist beim Termin unerwünscht.", "FL1201"),
];

#[test]
fn differently_worded_violations_of_every_family_are_found() {
    let rules = pack();
    let missed: Vec<(&str, &str, Vec<String>)> = VIOLATIONS
        .iter()
        .map(|(text, rule)| (*text, *rule, direct_rules(&rules, text)))
        .filter(|(_, rule, found)| !found.iter().any(|f| f == rule))
        .collect();
    assert!(missed.is_empty(), "violations missed: {missed:#?}");
}

/// Non-comment lines of a file under fixtures/sentences/.
fn sentences(file: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sentences")
        .join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_written_violation_sentence_is_found() {
    let rules = pack();
    let lines = sentences("violations.txt");
    assert!(lines.len() >= 50, "{} sentences", lines.len());
    let missed: Vec<&String> = lines
        .iter()
        .filter(|line| direct_rules(&rules, line).is_empty())
        .collect();
    assert!(missed.is_empty(), "violations missed: {missed:#?}");
}

#[test]
fn no_written_lawful_sentence_is_flagged() {
    let rules = pack();
    let lines = sentences("lawful.txt");
    assert!(lines.len() >= 50, "{} sentences", lines.len());
    let flagged: Vec<(&String, Vec<String>)> = lines
        .iter()
        .map(|line| (line, direct_rules(&rules, line)))
        .filter(|(_, found)| !found.is_empty())
        .collect();
    assert!(flagged.is_empty(), "lawful sentences flagged: {flagged:#?}");
}
