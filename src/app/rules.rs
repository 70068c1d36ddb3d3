//! `formlos rules list | explain | test | triggers`.

use std::io::Write;

use comfy_table::Table;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use serde::Serialize;

use super::exit::EXIT_ERROR;
use crate::cli::ListFormat;
use crate::engine::examples::example_failures;
use crate::i18n::{Lang, t};
use crate::rules::RuleSet;

#[derive(Serialize)]
struct ListedRule<'a> {
    id: &'a str,
    name: &'a str,
    severity: &'a str,
    family: &'a str,
    title: &'a str,
}

pub(super) fn list(rules: &RuleSet, format: ListFormat, lang: Lang) -> std::io::Result<u8> {
    let listed: Vec<ListedRule> = rules
        .rules
        .iter()
        .map(|rule| ListedRule {
            id: &rule.spec.id,
            name: &rule.spec.name,
            severity: rule.spec.severity.as_str(),
            family: &rule.family,
            title: rule.spec.title.get(lang),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &listed)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            let mut table = Table::new();
            table.load_style(UTF8_FULL_CONDENSED).set_header(vec![
                "ID",
                "Name",
                t(lang, "Familie", "family"),
                t(lang, "Schwere", "severity"),
                t(lang, "Titel", "title"),
            ]);
            for rule in &listed {
                table.add_row(vec![
                    rule.id,
                    rule.name,
                    rule.family,
                    rule.severity,
                    rule.title,
                ]);
            }
            writeln!(out, "{table}")?;
        }
    }
    Ok(0)
}

/// `formlos rules explain ID`: everything a reader needs about a rule in their language;
/// the regular expressions only with `verbose`, for rule authors.
pub(super) fn explain(rules: &RuleSet, id: &str, verbose: bool, lang: Lang) -> std::io::Result<u8> {
    let Some(rule) = rules.find(id) else {
        eprintln!(
            "formlos: {} {id:?}; {}",
            t(lang, "unbekannte Regel", "unknown rule"),
            t(
                lang,
                "`formlos rules list` zeigt alle Regeln",
                "`formlos rules list` shows all rules"
            )
        );
        return Ok(EXIT_ERROR);
    };
    let spec = &rule.spec;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} {}: {}", spec.id, spec.name, spec.title.get(lang))?;
    writeln!(
        out,
        "{}: {}   {}: {}   {}: {}\n",
        t(lang, "Familie", "family"),
        rule.family,
        t(lang, "Schwere", "severity"),
        spec.severity.label(lang),
        t(lang, "Datei", "file"),
        rule.source_name
    )?;
    writeln!(out, "{}:", t(lang, "Rechtsgrundlage", "Legal basis"))?;
    for norm in &spec.law {
        writeln!(out, "  - {} <{}>", norm.norm, norm.url)?;
    }
    let sections = [
        (t(lang, "Meldung", "Message"), spec.message.get(lang)),
        (t(lang, "Warum", "Why"), spec.explanation.get(lang)),
        (
            t(
                lang,
                "Rechtmäßige Formulierung (für Behörden)",
                "Lawful wording (for agencies)",
            ),
            spec.rewording.get(lang),
        ),
        (
            t(lang, "Was Betroffene tun können", "What recipients can do"),
            spec.advice.get(lang),
        ),
    ];
    for (heading, body) in sections {
        writeln!(out, "\n{heading}:\n  {}", body.trim().replace('\n', "\n  "))?;
    }
    if verbose {
        writeln!(out, "\n{}:", t(lang, "Muster", "Patterns"))?;
        for pattern in &spec.patterns {
            let within = pattern.within.map_or(String::new(), |w| {
                format!(" (≤ {w} {})", t(lang, "Wörter", "words"))
            });
            writeln!(out, "  - {}{within}", pattern.all.join(" + "))?;
        }
    }
    if !spec.exceptions.is_empty() {
        writeln!(
            out,
            "\n{}:",
            t(
                lang,
                "Ausnahmen (dann wird nichts gemeldet)",
                "Exceptions (nothing is reported then)"
            )
        )?;
        let mut unexplained = 0;
        for exception in &spec.exceptions {
            let why = exception.why.as_ref().map(|w| w.get(lang));
            let scope = exception.scope.label(lang);
            match (verbose, why) {
                (true, _) => writeln!(
                    out,
                    "  - {}[{scope}: {}]",
                    why.map_or(String::new(), |w| format!("{w} ")),
                    exception.pattern
                )?,
                (false, Some(why)) => writeln!(out, "  - {why}")?,
                (false, None) => unexplained += 1,
            }
        }
        if unexplained > 0 {
            writeln!(
                out,
                "  {} {unexplained} {}",
                t(lang, "und", "and"),
                t(
                    lang,
                    "weitere ohne Begründung (siehe --verbose)",
                    "more without a reason (see --verbose)"
                )
            )?;
        }
    }
    writeln!(
        out,
        "\n{}:",
        t(
            lang,
            "Beispiele, die gefunden werden",
            "Examples that match"
        )
    )?;
    for example in &spec.examples.must_match {
        writeln!(out, "  + {example}")?;
    }
    writeln!(
        out,
        "\n{}:",
        t(
            lang,
            "Beispiele, die nicht gefunden werden (rechtmäßig)",
            "Examples that do not match (lawful)"
        )
    )?;
    for example in &spec.examples.must_not_match {
        writeln!(out, "  - {example}")?;
    }
    if !verbose {
        writeln!(
            out,
            "\n{} formlos rules explain {} --verbose",
            t(
                lang,
                "Muster und reguläre Ausdrücke (für Regelautoren):",
                "Patterns and regular expressions (for rule authors):"
            ),
            spec.id
        )?;
    }
    Ok(0)
}

pub(super) fn test(rules: &RuleSet, lang: Lang) -> std::io::Result<u8> {
    let mut out = std::io::stdout().lock();
    let mut failed_rules = 0;
    let mut examples = 0;
    for (index, rule) in rules.rules.iter().enumerate() {
        let spec = &rule.spec;
        examples += spec.examples.must_match.len() + spec.examples.must_not_match.len();
        let failures = example_failures(rules, index);
        if failures.is_empty() {
            writeln!(out, "ok   {} {}", spec.id, spec.name)?;
            continue;
        }
        failed_rules += 1;
        writeln!(out, "FAIL {} {} ({})", spec.id, spec.name, rule.source_name)?;
        for failure in failures {
            match failure.matched {
                None => writeln!(
                    out,
                    "     {}: {:?}",
                    t(
                        lang,
                        "muss gefunden werden, wurde nicht gefunden",
                        "must match, did not"
                    ),
                    failure.example
                )?,
                Some(matched) => writeln!(
                    out,
                    "     {}: {:?}\n     {}: {matched:?}",
                    t(
                        lang,
                        "darf nicht gefunden werden, wurde gefunden",
                        "must not match, did"
                    ),
                    failure.example,
                    t(lang, "gefunden", "matched")
                )?,
            }
        }
    }
    writeln!(
        out,
        "\n{} {}, {failed_rules} {} ({examples} {})",
        rules.rules.len() - failed_rules,
        t(lang, "bestanden", "passed"),
        t(lang, "fehlgeschlagen", "failed"),
        t(lang, "Beispiele", "examples")
    )?;
    Ok(u8::from(failed_rules > 0))
}

/// `formlos rules triggers`: the trigger patterns of the loaded rules, one a line.
pub(super) fn triggers(rules: &RuleSet) -> std::io::Result<u8> {
    let mut out = std::io::stdout().lock();
    rules
        .trigger_patterns()
        .iter()
        .try_for_each(|pattern| writeln!(out, "{pattern}"))?;
    Ok(0)
}
