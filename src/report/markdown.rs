//! `--format markdown`: a short summary for a pull-request or merge-request comment.

use std::io::Write;

use super::{FileStatus, RunReport};
use crate::i18n::{Lang, t};

/// Table cells: pipes escaped, line breaks folded.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// Findings listed in the table at most; the rest are counted.
const MAX_ROWS: usize = 50;

pub fn print_markdown(report: &RunReport, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let s = &report.summary;
    let count = |severity: &str| s.by_severity.get(severity).copied().unwrap_or(0);
    writeln!(out, "## formlos")?;
    writeln!(out)?;
    if s.findings == 0 {
        writeln!(
            out,
            "{}",
            t(
                lang,
                "✅ Keine Einschränkung des formlosen Kontakts gefunden.",
                "✅ No restriction of formless contact found."
            )
        )?;
    } else {
        let line = match lang {
            Lang::De => format!(
                "**{} Befund(e)** – {} Fehler, {} Warnung(en), {} Hinweis(e) in {} von {} Datei(en).",
                s.findings,
                count("error"),
                count("warning"),
                count("info"),
                s.files_with_findings,
                s.files_checked
            ),
            Lang::En => format!(
                "**{} finding(s)** – {} error(s), {} warning(s), {} info in {} of {} file(s).",
                s.findings,
                count("error"),
                count("warning"),
                count("info"),
                s.files_with_findings,
                s.files_checked
            ),
        };
        writeln!(out, "{line}")?;
        writeln!(out)?;
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            t(lang, "Stelle", "Location"),
            t(lang, "Regel", "Rule"),
            t(lang, "Satz", "Sentence"),
            t(lang, "Norm", "Law")
        )?;
        writeln!(out, "|---|---|---|---|")?;
        for finding in report.findings.iter().take(MAX_ROWS) {
            writeln!(
                out,
                "| `{}:{}` | {} {} | {} | {} |",
                cell(&finding.path),
                finding.line,
                finding.severity.as_str(),
                finding.rule,
                cell(&finding.text),
                cell(&finding.law.join(", "))
            )?;
        }
        if report.findings.len() > MAX_ROWS {
            writeln!(out)?;
            writeln!(
                out,
                "… {} {}",
                report.findings.len() - MAX_ROWS,
                t(lang, "weitere Befunde.", "more findings.")
            )?;
        }
    }
    let notes = [
        (
            s.suppressed,
            "durch Kommentare unterdrückt",
            "suppressed by comments",
        ),
        (s.baselined, "in der Baseline", "in the baseline"),
    ];
    for (number, de, en) in notes {
        if number > 0 {
            writeln!(out)?;
            writeln!(out, "_{number} {}._", t(lang, de, en))?;
        }
    }
    let broken: Vec<&str> = report
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Error)
        .map(|f| f.path.as_str())
        .collect();
    if !broken.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "⚠️ {}: {}",
            t(lang, "Nicht prüfbar", "Could not be checked"),
            broken
                .iter()
                .map(|p| format!("`{}`", cell(p)))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}
