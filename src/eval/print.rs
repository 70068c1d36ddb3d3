//! Printing an [`EvalReport`]: tables for people, one JSON object for tools.

use std::io::Write;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, Table};

use super::{EvalReport, Score};
use crate::i18n::{Lang, t};

fn score_row(name: &str, score: &Score) -> Vec<String> {
    vec![
        name.to_string(),
        format!("{:.3}", score.precision),
        format!("{:.3}", score.recall),
        format!("{:.3}", score.f1),
        score.true_positives.to_string(),
        score.false_positives.to_string(),
        score.false_negatives.to_string(),
    ]
}

/// Says whose figures these are: on the tuning corpus a perfect score is expected and
/// says little about the next letter.
fn corpus_kind(tuning: bool, lang: Lang) -> &'static str {
    if tuning {
        t(
            lang,
            "Abstimmungskorpus: Die Regeln wurden an diesen Dokumenten entwickelt. Die Zahlen zeigen, dass sie noch tun, wofür sie gemacht sind – nicht, wie gut sie unbekannte Schreiben erkennen (dazu docs/eval.md).",
            "Tuning corpus: the rules were developed on these documents. The figures show that they still do what they were made for, not how well they find unseen letters (see docs/eval.md).",
        )
    } else {
        t(
            lang,
            "Korpus ohne `tuning: true`: wenn die Regeln nicht an diesen Dokumenten entwickelt wurden, ist das ein Ergebnis für unbekannte Schreiben.",
            "Corpus without `tuning: true`: if the rules were not developed on these documents, this is a result for unseen letters.",
        )
    }
}

/// Right-aligns the columns that hold figures.
fn align_numbers_right(table: &mut Table, columns: std::ops::Range<usize>) {
    for index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

pub fn print_eval(
    report: &EvalReport,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, report)?;
        return writeln!(out);
    }
    writeln!(out, "{}\n", corpus_kind(report.tuning_corpus, lang))?;
    writeln!(
        out,
        "{}: {}   {}: {}   {}: {}\n",
        t(lang, "Dokumente", "documents"),
        report.documents,
        t(lang, "markierte Einschränkungen", "labelled restrictions"),
        report.labelled_violations,
        t(
            lang,
            "markierte rechtmäßige Sätze",
            "labelled lawful sentences"
        ),
        report.labelled_lawful
    )?;
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header(vec![
        t(lang, "Familie", "family"),
        t(lang, "Präzision", "precision"),
        t(lang, "Trefferquote", "recall"),
        "F1",
        t(lang, "richtig", "TP"),
        t(lang, "Fehlalarm", "FP"),
        t(lang, "verpasst", "FN"),
    ]);
    for (family, score) in &report.by_family {
        table.add_row(score_row(family, score));
    }
    table.add_row(score_row(
        t(lang, "GESAMT (Sätze)", "OVERALL (sentences)"),
        &report.overall,
    ));
    align_numbers_right(&mut table, 1..7);
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}: {:.3}\n",
        t(
            lang,
            "Kontext richtig (direkt/zitiert/berichtet)",
            "context accuracy (direct/quoted/reported)"
        ),
        report.context_accuracy
    )?;
    if !report.batches.is_empty() {
        let mut batches = Table::new();
        batches.load_style(UTF8_FULL_CONDENSED).set_header(vec![
            t(lang, "Stapel", "batch"),
            t(lang, "Dokumente", "documents"),
            t(lang, "Einschränkungen", "restrictions"),
            t(lang, "Präzision", "precision"),
            t(lang, "Trefferquote", "recall"),
            t(lang, "Kontext", "context"),
        ]);
        for batch in &report.batches {
            batches.add_row(vec![
                batch.name.clone(),
                batch.documents.to_string(),
                batch.labelled_violations.to_string(),
                format!("{:.3}", batch.overall.precision),
                format!("{:.3}", batch.overall.recall),
                format!("{:.3}", batch.context_accuracy),
            ]);
        }
        align_numbers_right(&mut batches, 1..6);
        writeln!(out, "{batches}\n")?;
    }
    if !report.misses.is_empty() {
        writeln!(
            out,
            "{} ({}):",
            t(lang, "Verpasst", "Missed"),
            report.misses.len()
        )?;
        for miss in &report.misses {
            let found = if miss.found.is_empty() {
                String::new()
            } else {
                format!(
                    "  [{}: {}]",
                    t(lang, "gefunden", "found"),
                    miss.found.join(", ")
                )
            };
            writeln!(
                out,
                "  {} [{} {}] {}{found}",
                miss.document,
                miss.families.join("+"),
                miss.context.as_str(),
                miss.text
            )?;
        }
        writeln!(out)?;
    }
    if !report.false_alarms.is_empty() {
        writeln!(
            out,
            "{} ({}):",
            t(lang, "Fehlalarme", "False alarms"),
            report.false_alarms.len()
        )?;
        for alarm in &report.false_alarms {
            writeln!(
                out,
                "  {}:{} {} {}",
                alarm.document, alarm.line, alarm.rule, alarm.text
            )?;
        }
        writeln!(out)?;
    }
    if !report.unmatched_labels.is_empty() {
        writeln!(
            out,
            "{} ({}):",
            t(
                lang,
                "Markierungen ohne passenden Satz im Dokument",
                "Labels not found in their document"
            ),
            report.unmatched_labels.len()
        )?;
        for label in &report.unmatched_labels {
            writeln!(out, "  {label}")?;
        }
    }
    Ok(())
}
