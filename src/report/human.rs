//! Human output: each finding as a diagnostic with the source line and the offending part
//! underlined (annotate-snippets, the renderer rustc and cargo use), then summary tables.

use std::io::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{FileStatus, Finding, RunReport};
use crate::engine::{Context, Cue};
use crate::i18n::{Lang, t};
use crate::rules::Severity;

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub lang: Lang,
    pub color: bool,
}

fn level(severity: Severity, lang: Lang) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
    .with_name(Some(severity.label(lang)))
}

fn context_note(context: Context, lang: Lang) -> Option<&'static str> {
    match context {
        Context::Direct => None,
        Context::Quoted => Some(t(
            lang,
            "Die Stelle ist zitiert; das Dokument trifft die Aussage nicht selbst.",
            "The passage is quoted; the document does not make the statement itself.",
        )),
        Context::Reported => Some(t(
            lang,
            "Die Stelle wird berichtet, erfragt oder bestritten; das Dokument trifft die Aussage nicht selbst.",
            "The passage is reported, asked about or denied; the document does not make the statement itself.",
        )),
    }
}

/// Describes a context cue for a person.
fn describe_cue(cue: &Cue, lang: Lang) -> String {
    match (cue, lang) {
        (Cue::None, Lang::De) => "keine Zitat- oder Berichtsmerkmale".into(),
        (Cue::None, Lang::En) => "no quotation or report markers".into(),
        (Cue::ReplyLine, Lang::De) => "Antwortzeile mit >".into(),
        (Cue::ReplyLine, Lang::En) => "reply line marked with >".into(),
        (Cue::ForwardedMessage, Lang::De) => "weitergeleitete oder ursprüngliche Nachricht".into(),
        (Cue::ForwardedMessage, Lang::En) => "forwarded or original message".into(),
        (Cue::Question, Lang::De) => "Frage".into(),
        (Cue::Question, Lang::En) => "question".into(),
        (Cue::Denial(text), Lang::De) => format!("Verneinung „{text}“"),
        (Cue::Denial(text), Lang::En) => format!("denial \"{text}\""),
        (Cue::Quotation, Lang::De) => "in Anführungszeichen".into(),
        (Cue::Quotation, Lang::En) => "in quotation marks".into(),
        (Cue::SubjunctiveI(form), Lang::De) => format!("Konjunktiv I „{form}“"),
        (Cue::SubjunctiveI(form), Lang::En) => format!("subjunctive I \"{form}\""),
        (Cue::Saying(verb, marker), Lang::De) => format!("Verb des Sagens „{verb}“ mit „{marker}“"),
        (Cue::Saying(verb, marker), Lang::En) => {
            format!("verb of saying \"{verb}\" with \"{marker}\"")
        }
        (Cue::ThirdPartyNarrative(text), Lang::De) => {
            format!("Erzählung eines Dritten über Behörden „{text}“")
        }
        (Cue::ThirdPartyNarrative(text), Lang::En) => {
            format!("a third party's account of agencies \"{text}\"")
        }
        (Cue::ReportingDocument, Lang::De) => {
            "Bericht über Dritte (Pressetext), nicht in der ersten Person".into()
        }
        (Cue::ReportingDocument, Lang::En) => {
            "report about others (press text), not in the first person".into()
        }
    }
}

/// The `--explain` notes of a finding.
fn explanation_notes(finding: &Finding, lang: Lang) -> Vec<String> {
    let Some(explanation) = &finding.explanation else {
        return Vec::new();
    };
    let elements: Vec<&str> = explanation
        .matched
        .iter()
        .map(|m| m.element.as_str())
        .collect();
    let within = explanation.within.map_or(String::new(), |w| {
        format!(" (≤ {w} {})", t(lang, "Wörter", "words"))
    });
    let matched: Vec<String> = explanation
        .matched
        .iter()
        .map(|m| format!("„{}“ ← {}", m.text, m.element))
        .collect();
    let mut notes = vec![
        format!(
            "{} {}: {}{within}",
            t(lang, "Muster", "pattern"),
            explanation.pattern,
            elements.join(" + ")
        ),
        format!("{}: {}", t(lang, "Treffer", "matched"), matched.join("; ")),
        format!(
            "{}: {} – {}",
            t(lang, "Kontext", "context"),
            finding.context.label(lang),
            describe_cue(&explanation.context_cue, lang)
        ),
    ];
    if let Some(evidence) = &explanation.evidence {
        let shown = evidence
            .as_deref()
            .unwrap_or(t(lang, "keiner gefunden", "none found"));
        notes.push(format!("{}: {shown}", t(lang, "Beleg", "evidence")));
    }
    notes.push(format!(
        "{}: {:.2}",
        t(lang, "Sicherheit", "confidence"),
        finding.confidence
    ));
    notes
}

/// Whether the finding's lines are paragraphs (Word, OpenDocument): such a document has
/// no lines, so the excerpt is shown without line numbers and the place says "Absatz".
fn in_paragraphs(finding: &Finding) -> bool {
    finding
        .location
        .get("line_is")
        .is_some_and(|v| v == "paragraph")
}

/// What a part of a Word or OpenDocument file is, for a person.
fn office_part(part: &str, lang: Lang) -> Option<&'static str> {
    let name = part.rsplit('/').next().unwrap_or(part);
    let (de, en) = if name.starts_with("header") {
        ("Kopfzeile", "header")
    } else if name.starts_with("footer") {
        ("Fußzeile", "footer")
    } else if name.starts_with("footnotes") {
        ("Fußnoten", "footnotes")
    } else if name.starts_with("endnotes") {
        ("Endnoten", "endnotes")
    } else if name == "styles.xml" {
        ("Kopf- oder Fußzeile", "header or footer")
    } else {
        return None;
    };
    Some(t(lang, de, en))
}

/// Where in a multi-part file the finding is: the mbox message with its date and
/// subject, the attachment, the e-mail part, the Word paragraph, the page.
fn place_note(finding: &Finding, lang: Lang) -> Option<String> {
    let location = &finding.location;
    let text = |key: &str| location.get(key).and_then(|v| v.as_str());
    let number = |key: &str| location.get(key).and_then(|v| v.as_u64());
    let mut places: Vec<String> = Vec::new();
    if let Some(message) = number("message") {
        let mut place = format!("{} {message}", t(lang, "Nachricht", "message"));
        if let Some(date) = text("date") {
            place.push_str(&format!(
                " {} {}",
                t(lang, "vom", "of"),
                date.get(..10).unwrap_or(date)
            ));
        }
        if let Some(subject) = text("subject") {
            place.push_str(&format!(", {} „{subject}“", t(lang, "Betreff", "subject")));
        }
        places.push(place);
    }
    if let Some(attachment) = number("attachment") {
        let mut place = format!("{} {attachment}", t(lang, "Anhang", "attachment"));
        if let Some(name) = text("attachment_name") {
            place.push_str(&format!(" ({name})"));
        }
        places.push(place);
    }
    if in_paragraphs(finding) {
        let mut place = format!(
            "{}, {} {}, {} {}",
            finding.path,
            t(lang, "Absatz", "paragraph"),
            finding.line,
            t(lang, "Zeichen", "character"),
            finding.column
        );
        if let Some(label) = text("part").and_then(|part| office_part(part, lang)) {
            place.push_str(&format!(" ({label})"));
        }
        places.push(place);
    } else if let Some(part) = location.get("part") {
        let part = part
            .as_str()
            .map_or_else(|| part.to_string(), str::to_string);
        let content_type = text("content_type").unwrap_or("");
        let in_part = location.get("line_in").is_some_and(|v| v == "part");
        let lines = match (in_part, lang) {
            (true, Lang::De) => "; Zeilen im dekodierten Teil",
            (true, Lang::En) => "; lines within the decoded part",
            (false, _) => "",
        };
        places.push(
            format!(
                "{} {part} {content_type}{lines}",
                t(lang, "E-Mail-Teil", "e-mail part")
            )
            .replace("  ", " ")
            .trim_end()
            .to_string(),
        );
    }
    if let Some(page) = number("page") {
        let lines = match (in_paragraphs(finding), lang) {
            (true, _) => "",
            (false, Lang::De) => "; Zeilen ab Seitenanfang",
            (false, Lang::En) => "; lines from the top of the page",
        };
        places.push(format!("{} {page}{lines}", t(lang, "Seite", "page")));
    }
    if let Some(confidence) = finding
        .location
        .get("ocr")
        .and_then(|ocr| ocr.get("confidence"))
        .and_then(serde_json::Value::as_f64)
    {
        places.push(format!(
            "{} {:.0} %",
            t(
                lang,
                "Text aus Texterkennung (OCR), erkannt mit Sicherheit",
                "text from OCR, recognized with confidence"
            ),
            confidence * 100.0
        ));
    }
    (!places.is_empty()).then(|| places.join("; "))
}

/// Renders one finding with its excerpt of the source.
fn render(finding: &Finding, options: HumanOptions) -> String {
    let excerpt = &finding.excerpt;
    let id = format!("{} {}", finding.rule, finding.name);
    let lang = options.lang;
    let mut notes = Vec::new();
    if let Some(place) = place_note(finding, lang) {
        notes.push(Level::NOTE.no_name().message(place));
    }
    if !finding.law.is_empty() {
        let law = format!(
            "{}: {}",
            t(lang, "Rechtsgrundlage", "legal basis"),
            finding.law.join(", ")
        );
        notes.push(Level::NOTE.no_name().message(law));
    }
    notes.extend(
        explanation_notes(finding, lang)
            .into_iter()
            .map(|note| Level::NOTE.no_name().message(note)),
    );
    if let Some(note) = context_note(finding.context, lang) {
        notes.push(Level::NOTE.no_name().message(note));
    }
    if let Some(fix) = &finding.fix {
        let suggestion = format!(
            "{} „{}“ (formlos fix)",
            t(lang, "Vorschlag:", "suggestion:"),
            fix.replacement
        );
        notes.push(Level::HELP.no_name().message(suggestion));
    }
    if let Some(refused) = &finding.fix_refused {
        notes.push(Level::NOTE.no_name().message(refused.clone()));
    }
    let help = if finding.law.is_empty() {
        t(
            lang,
            "Unterdrückungen: formlos-disable-next-line REGEL -- Begründung (README, Abschnitt Unterdrückungen)",
            "suppressions: formlos-disable-next-line RULE -- reason (README, section Suppressions)",
        )
        .to_string()
    } else {
        format!(
            "{} formlos rules explain {}",
            t(
                lang,
                "Erklärung und Formulierungsvorschlag:",
                "explanation and lawful wording:"
            ),
            finding.rule
        )
    };
    notes.push(Level::HELP.no_name().message(help));
    let report = [Group::with_title(
        level(finding.severity, options.lang)
            .primary_title(finding.message.as_ref())
            .id(id),
    )
    .element(if in_paragraphs(finding) {
        // A paragraph number is no line: the place note names the paragraph instead.
        Snippet::source(excerpt.text())
            .line_numbering(false)
            .annotation(AnnotationKind::Primary.span(excerpt.span()))
    } else {
        Snippet::source(excerpt.text())
            .line_start(excerpt.first_line)
            .path(finding.path.as_ref())
            .annotation(AnnotationKind::Primary.span(excerpt.span()))
    })
    .elements(notes)];
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&report)
}

/// Prints the findings, direct ones first, then quoted and reported ones in their own
/// group, then the summary tables.
pub fn print_human(
    report: &RunReport,
    options: HumanOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (direct, indirect): (Vec<&Finding>, Vec<&Finding>) = report
        .findings
        .iter()
        .partition(|f| f.context == Context::Direct);
    for finding in &direct {
        writeln!(out, "{}\n", render(finding, options))?;
    }
    if !indirect.is_empty() {
        writeln!(
            out,
            "{}\n",
            t(
                options.lang,
                "== Zitiert oder berichtet (nicht die Aussage des Dokuments selbst) ==",
                "== Quoted or reported (not the document's own statement) =="
            )
        )?;
        for finding in &indirect {
            writeln!(out, "{}\n", render(finding, options))?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(out, "{}", super::summary_tables(report, options.lang))?;
    }
    print_skipped(report, options.lang, out)?;
    writeln!(out, "{}", summary_line(report, options.lang))
}

/// How many skipped files are named one by one; an archive can hold thousands of
/// images, and `--format json` lists them all.
const SKIPPED_SHOWN: usize = 20;

/// Names the skipped files and why each was skipped (an unsupported format, or binary
/// content behind a text name), so that the summary's count can be checked.
fn print_skipped(report: &RunReport, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let skipped: Vec<_> = report
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Skipped)
        .collect();
    for file in skipped.iter().take(SKIPPED_SHOWN) {
        writeln!(
            out,
            "{}: {}: {}",
            t(lang, "übersprungen", "skipped"),
            file.path,
            file.error.as_deref().unwrap_or_default()
        )?;
    }
    if skipped.len() > SKIPPED_SHOWN {
        writeln!(
            out,
            "{} {} {}",
            t(lang, "… und", "… and"),
            skipped.len() - SKIPPED_SHOWN,
            t(
                lang,
                "weitere (alle mit --format json)",
                "more (all with --format json)"
            )
        )?;
    }
    Ok(())
}

/// One sentence that says what the run found.
fn summary_line(report: &RunReport, lang: Lang) -> String {
    let s = &report.summary;
    let count = |severity: &str| s.by_severity.get(severity).copied().unwrap_or(0);
    let (findings, with_findings, checked) = (s.findings, s.files_with_findings, s.files_checked);
    let (errors, warnings, infos) = (count("error"), count("warning"), count("info"));
    let mut line = match lang {
        Lang::De => format!(
            "{findings} Befund(e): {errors} Fehler, {warnings} Warnung(en), {infos} Hinweis(e) in {with_findings} von {checked} geprüften Datei(en)."
        ),
        Lang::En => format!(
            "{findings} finding(s): {errors} error(s), {warnings} warning(s), {infos} info in {with_findings} of {checked} checked file(s)."
        ),
    };
    let notes = [
        (
            s.files_skipped,
            "Datei(en) übersprungen (siehe oben).",
            "file(s) skipped (see above).",
        ),
        (
            s.files_with_errors,
            "Eingabe(n) konnten nicht geprüft werden (siehe oben).",
            "input(s) could not be checked (see above).",
        ),
        (
            s.suppressed,
            "Befund(e) durch Kommentare unterdrückt.",
            "finding(s) suppressed by comments.",
        ),
        (
            s.baselined,
            "Befund(e) in der Baseline nicht gezeigt.",
            "finding(s) in the baseline not shown.",
        ),
    ];
    for (count, de, en) in notes {
        if count > 0 {
            line.push_str(&format!(" {count} {}", t(lang, de, en)));
        }
    }
    line
}

/// Prints inputs that could not be checked, to stderr; with `explain`, also the system's
/// or library's own message behind each reason.
pub fn print_file_errors(
    report: &RunReport,
    lang: Lang,
    explain: bool,
    err: &mut impl Write,
) -> std::io::Result<()> {
    for file in report
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Error)
    {
        let reason = file.error.as_deref().unwrap_or_default();
        writeln!(
            err,
            "formlos: {}: {}: {reason}",
            t(lang, "Fehler", "error"),
            file.path
        )?;
        if let Some(detail) = file.error_detail.as_deref().filter(|_| explain) {
            writeln!(
                err,
                "  {}: {detail}",
                t(lang, "Originalmeldung", "original message")
            )?;
        }
    }
    Ok(())
}
