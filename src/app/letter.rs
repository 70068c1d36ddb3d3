//! `formlos report` and `formlos reply`: check letters with the ordinary pipeline, then
//! hand the result to the presentation ([`crate::present`]) and write what it makes.
//! This is the only code of the two commands that reads the clock or writes files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::exit::EXIT_ERROR;
use super::output::Sink;
use super::setup::{discover_inputs, file_timeout, min_confidence};
use super::streaming::{RunSettings, run_pipeline};
use crate::cli::{ReplyArgs, ReplyFormat, ReplyTo, ReportArgs};
use crate::config::{Config, Settings};
use crate::i18n::{Lang, t};
use crate::present::html::{HtmlOptions, render};
use crate::present::reply::{Recipient, ReplyOptions, Sender, compose};
use crate::present::{Date, Letter, Provenance, letters_of};
use crate::report::{RunReport, print_file_errors};
use crate::rules::{RuleSet, Severity};

/// Checks the inputs keeping their texts, so that the report can show them.
fn check_letters(
    input: &crate::cli::InputArgs,
    config: &Config,
    settings: &Settings,
    rules: &RuleSet,
    (lang, redact): (Lang, bool),
) -> std::io::Result<Result<RunReport, u8>> {
    let discovery = match discover_inputs(input, config, lang) {
        Ok(discovery) => discovery,
        Err(code) => return Ok(Err(code)),
    };
    let run = RunSettings {
        fail_on: Severity::Info,
        explain: false,
        redact,
        quiet: true,
        baseline: None,
        keep_text: true,
    };
    let report = run_pipeline(
        discovery,
        rules,
        settings,
        (lang, min_confidence(input, config), file_timeout(input)),
        run,
        &mut Sink::Keep,
    )?;
    print_file_errors(&report, lang, false, &mut std::io::stderr())?;
    Ok(Ok(report))
}

/// Writes `bytes` to `path` (`-`: stdout); tells where on stderr.
fn deliver(path: &Path, bytes: &[u8], lang: Lang) -> bool {
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        return out.write_all(bytes).and_then(|()| out.flush()).is_ok();
    }
    match crate::atomic::write_atomically(path, bytes) {
        Ok(()) => {
            eprintln!(
                "formlos: {} {}",
                t(lang, "geschrieben:", "written:"),
                path.display()
            );
            true
        }
        Err(error) => {
            eprintln!("formlos: {}: {error}", path.display());
            false
        }
    }
}

/// `NAME-bericht.html` in the current folder for a letter's path, numbered when two
/// letters have the same name.
fn report_path(letter: &str, lang: Lang, taken: &mut Vec<PathBuf>) -> PathBuf {
    let stem = Path::new(letter)
        .file_stem()
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let stem = if letter == "-" || stem.is_empty() {
        "stdin".to_string()
    } else {
        stem
    };
    let suffix = t(lang, "bericht", "report");
    let mut path = PathBuf::from(format!("{stem}-{suffix}.html"));
    let mut number = 2;
    while taken.contains(&path) {
        path = PathBuf::from(format!("{stem}-{suffix}-{number}.html"));
        number += 1;
    }
    taken.push(path.clone());
    path
}

/// `formlos report`: one HTML report per letter, or one for all with `--output`.
pub(super) fn run_report(
    args: &ReportArgs,
    config: &Config,
    settings: &Settings,
    rules: &RuleSet,
    lang: Lang,
) -> std::io::Result<u8> {
    let report = match check_letters(&args.input, config, settings, rules, (lang, args.redact))? {
        Ok(report) => report,
        Err(code) => return Ok(code),
    };
    let options = HtmlOptions {
        lang,
        redact: args.redact,
        provenance: Provenance::today(rules, lang),
    };
    let (letters, unchecked) = letters_of(&report);
    let mut written = true;
    match &args.output {
        Some(path) => {
            let page = render(&letters, &unchecked, rules, &options);
            written &= deliver(path, page.as_bytes(), lang);
        }
        None => {
            let mut taken = Vec::new();
            for letter in &letters {
                let page = render(std::slice::from_ref(letter), &[], rules, &options);
                let path = report_path(letter.path, lang, &mut taken);
                written &= deliver(&path, page.as_bytes(), lang);
            }
        }
    }
    Ok(if !written || report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else {
        0
    })
}

/// The reply's format: as asked, else by the output file's extension, else text.
fn reply_format(args: &ReplyArgs) -> ReplyFormat {
    let by_extension = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .map(|ext| ext.to_string_lossy().to_lowercase());
    args.format.unwrap_or(match by_extension.as_deref() {
        Some("docx") => ReplyFormat::Docx,
        Some("md" | "markdown") => ReplyFormat::Markdown,
        _ => ReplyFormat::Text,
    })
}

/// `formlos reply`: a reply to the one letter given. Exit 0 when written, 1 when the
/// letter has no statement of its own to object to, 2 on an error.
pub(super) fn run_reply(
    args: &ReplyArgs,
    config: &Config,
    settings: &Settings,
    rules: &RuleSet,
    lang: Lang,
) -> std::io::Result<u8> {
    let format = reply_format(args);
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    if format == ReplyFormat::Docx && to_terminal {
        eprintln!(
            "formlos: {}",
            t(
                lang,
                "ein Word-Dokument gehört in eine Datei: geben Sie -o antwort.docx an",
                "a Word document belongs in a file: give -o reply.docx"
            )
        );
        return Ok(EXIT_ERROR);
    }
    let report = match check_letters(&args.input, config, settings, rules, (lang, false))? {
        Ok(report) => report,
        Err(code) => return Ok(code),
    };
    let (letters, _) = letters_of(&report);
    let letter: &Letter<'_> = match (letters.as_slice(), report.files.len()) {
        ([letter], 1) => letter,
        _ if report.summary.files_with_errors > 0 => return Ok(EXIT_ERROR),
        _ => {
            eprintln!(
                "formlos: {}",
                t(
                    lang,
                    "eine Antwort gehört zu genau einem Schreiben: nennen Sie eine Datei (formlos reply brief.pdf)",
                    "a reply answers exactly one letter: name one file (formlos reply letter.pdf)"
                )
            );
            return Ok(EXIT_ERROR);
        }
    };
    let options = ReplyOptions {
        lang,
        to: match args.to {
            ReplyTo::Agency => Recipient::Agency,
            ReplyTo::Supervisor => Recipient::Supervisor,
            ReplyTo::File => Recipient::File,
        },
        sender: Sender {
            name: args.name.clone(),
            address: args.address.clone(),
            reference: args.reference.clone(),
        },
        today: Date::today(),
        deadline_days: args.deadline,
    };
    let Some(reply) = compose(letter, rules, &options) else {
        eprintln!(
            "formlos: {}: {}",
            letter.path,
            t(
                lang,
                "keine eigene Aussage des Schreibens, die Rechte einschränkt; es gibt nichts zu beanstanden, keine Antwort geschrieben",
                "no statement of the letter's own that restricts rights; nothing to object to, no reply written"
            )
        );
        return Ok(1);
    };
    let bytes = match format {
        ReplyFormat::Text => reply.to_text().into_bytes(),
        ReplyFormat::Markdown => reply.to_markdown().into_bytes(),
        ReplyFormat::Docx => match reply.to_docx() {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("formlos: DOCX: {error}");
                return Ok(EXIT_ERROR);
            }
        },
    };
    let path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    Ok(if deliver(&path, &bytes, lang) {
        0
    } else {
        EXIT_ERROR
    })
}
