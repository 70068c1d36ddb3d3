//! What the engine reads (`formlos text`): the text of every unit of a document after
//! extraction, hidden directive lines and placeholders, and normalization, split into
//! the paragraphs and sentences the rules see, with the page and line each paragraph
//! starts on. For a counsellor who wonders what was read, and for bug reports.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::config::Settings;
use crate::config::suppress;
use crate::engine::normalize::normalize;
use crate::engine::offsets::LineIndex;
use crate::engine::sentences::split;
use crate::extract::mbox::MboxMessages;
use crate::extract::{self, Document, Format, Unit, guarded};
use crate::i18n::{Lang, t};
use crate::input::{InputIssue, Target};
use crate::pipeline::read_target;

/// The text of one input as the engine reads it.
#[derive(Debug, Clone, Serialize)]
pub struct FileText {
    pub path: String,
    pub format: Option<&'static str>,
    pub encoding: Option<&'static str>,
    /// `ok` or `error`.
    pub status: &'static str,
    pub error: Option<String>,
    pub units: Vec<UnitText>,
    /// Text outside the flow that still counts as evidence for the rules: headers,
    /// footers and page numbers left out of a page's text, an e-mail's sender addresses.
    pub evidence: String,
}

/// One unit: a stretch of text checked on its own.
#[derive(Debug, Clone, Serialize)]
pub struct UnitText {
    /// 1-based, in the order the units are checked.
    pub unit: usize,
    /// Where the unit sits (`part`, `message`, `subject` …), as in findings.
    pub location: BTreeMap<String, serde_json::Value>,
    /// Mean OCR confidence (0–1) of the unit's words when its text came from OCR;
    /// null for a text layer or a text file.
    pub ocr_confidence: Option<f64>,
    pub paragraphs: Vec<ParagraphText>,
}

/// A paragraph as the engine sees it: exceptions with `scope: paragraph` look this far.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphText {
    /// 1-based within the unit.
    pub paragraph: usize,
    /// The line it starts on, counted as findings count (from the top of the page in a
    /// PDF, the paragraph of a Word part).
    pub line: usize,
    /// First and last page, where the format records pages.
    pub pages: Option<[u64; 2]>,
    /// The normalized text: single spaces, hyphenated words joined.
    pub text: String,
    pub sentences: Vec<SentenceText>,
}

/// A sentence as the rules match it.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceText {
    pub text: String,
    /// First and last page, where the format records pages: a sentence running on to
    /// the next page has two.
    pub pages: Option<[u64; 2]>,
}

/// The units of `document` as the engine reads them with `settings`' placeholders.
pub fn units_of(document: &Document, settings: &Settings) -> Vec<UnitText> {
    document
        .units
        .iter()
        .enumerate()
        .map(|(index, unit)| UnitText {
            unit: index + 1,
            location: unit.location.clone(),
            ocr_confidence: unit.ocr_confidence,
            paragraphs: paragraphs_of(unit, settings),
        })
        .collect()
}

fn paragraphs_of(unit: &Unit, settings: &Settings) -> Vec<ParagraphText> {
    let without_directives = suppress::mask_directive_lines(&unit.text);
    let text = settings.mask_placeholders(&without_directives);
    let normalized = normalize(&text);
    let segmentation = split(&normalized.text);
    let source = unit.source();
    let lines = LineIndex::new(source);
    let source_line = |offset: usize| {
        let in_unit = normalized.map.map(offset);
        lines.position(source, unit.to_source.map(in_unit)).0
    };
    let pages_of = |range: &std::ops::Range<usize>| {
        let first = source_line(range.start);
        let last = source_line(range.end.saturating_sub(1).max(range.start));
        let pages = unit
            .page_of_line(first)
            .zip(unit.page_of_line(last))
            .map(|(a, b)| [a, b]);
        (first, pages)
    };
    segmentation
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, range)| !normalized.text[(*range).clone()].trim().is_empty())
        .map(|(index, range)| {
            let (first, pages) = pages_of(range);
            ParagraphText {
                paragraph: index + 1,
                line: first + unit.line_base - unit.lines_before_page(first),
                pages,
                text: normalized.text[range.clone()].trim().to_string(),
                sentences: segmentation
                    .sentences
                    .iter()
                    .filter(|sentence| sentence.paragraph == index)
                    .map(|sentence| SentenceText {
                        text: normalized.text[sentence.range.clone()].to_string(),
                        pages: pages_of(&sentence.range).1,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// An mbox message's index and the archive line its headers start on.
type MessagePlace = (usize, usize);
type Extracted = Result<Document, extract::ExtractError>;

/// Reads one input; an mbox archive message by message (each message's units carry
/// `message` in their location).
pub fn read(target: &Target, settings: &Settings, lang: Lang) -> FileText {
    let path = target.display();
    let failed = |format: Option<Format>, issue: InputIssue| FileText {
        path: path.clone(),
        format: format.map(Format::as_str),
        encoding: None,
        status: "error",
        error: Some(issue.describe(lang)),
        units: Vec::new(),
        evidence: String::new(),
    };
    let (bytes, format) = match read_target(target) {
        Ok((bytes, format)) => {
            let format = format.confirmed(&bytes);
            (bytes, format)
        }
        Err(issue) => return failed(None, issue),
    };
    let documents: Vec<(Option<MessagePlace>, Extracted)> = if format == Format::Mbox {
        MboxMessages::new(bytes.as_slice())
            .map_while(Result::ok)
            .map(|message| {
                let document = guarded(|| extract::extract(Format::Email, &message.bytes))
                    .unwrap_or(Err(extract::ExtractError::Crashed));
                (Some((message.index, message.first_line)), document)
            })
            .collect()
    } else {
        let document = guarded(|| extract::extract(format, &bytes))
            .unwrap_or(Err(extract::ExtractError::Crashed));
        vec![(None, document)]
    };
    let mut file = FileText {
        path: path.clone(),
        format: Some(format.as_str()),
        encoding: None,
        status: "ok",
        error: None,
        units: Vec::new(),
        evidence: String::new(),
    };
    for (message, document) in documents {
        let document = match document {
            Ok(document) => document,
            Err(error) => return failed(Some(format), InputIssue::Extract(error)),
        };
        file.encoding = Some(document.encoding);
        let first = file.units.len();
        for mut unit in units_of(&document, settings) {
            unit.unit += first;
            if let Some((index, first_line)) = message {
                unit.location
                    .insert("message".into(), serde_json::Value::from(index));
                // As in findings: lines of a part stored verbatim count in the archive.
                if !unit.location.contains_key("line_in") {
                    for paragraph in &mut unit.paragraphs {
                        paragraph.line += first_line - 1;
                    }
                }
            }
            file.units.push(unit);
        }
        if !document.evidence.trim().is_empty() {
            file.evidence.push_str(document.evidence.trim());
            file.evidence.push('\n');
        }
    }
    file
}

/// The human form: each unit and paragraph under a marker line in brackets, so that
/// what was read together and where it stands can be seen at a glance.
pub fn print_human(files: &[FileText], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for file in files {
        writeln!(
            out,
            "=== {} [{}] ===",
            file.path,
            file.format.unwrap_or("?")
        )?;
        if let Some(error) = &file.error {
            writeln!(out, "[{}: {error}]\n", t(lang, "Fehler", "error"))?;
            continue;
        }
        for unit in &file.units {
            let mut marker = format!("--- {} {}", t(lang, "Einheit", "unit"), unit.unit);
            let described: Vec<String> = ["message", "part", "content_type", "attachment_name"]
                .iter()
                .filter_map(|key| {
                    let value = unit.location.get(*key)?;
                    let value = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string);
                    Some(format!("{key}={value}"))
                })
                .collect();
            if !described.is_empty() {
                marker.push_str(&format!(" ({})", described.join(", ")));
            }
            if let Some(confidence) = unit.ocr_confidence {
                marker.push_str(&format!(" · OCR {:.0} %", confidence * 100.0));
            }
            writeln!(out, "{marker} ---")?;
            for paragraph in &unit.paragraphs {
                let mut place = format!(
                    "{} {} · {} {}",
                    t(lang, "Absatz", "paragraph"),
                    paragraph.paragraph,
                    t(lang, "Zeile", "line"),
                    paragraph.line
                );
                if let Some([first, last]) = paragraph.pages {
                    let pages = if first == last {
                        first.to_string()
                    } else {
                        format!("{first}–{last}")
                    };
                    place.push_str(&format!(" · {} {pages}", t(lang, "Seite", "page")));
                }
                writeln!(out, "[{place}]\n{}\n", paragraph.text)?;
            }
        }
        if !file.evidence.is_empty() {
            writeln!(
                out,
                "--- {} ---\n{}",
                t(
                    lang,
                    "außerhalb des Textflusses, nur als Beleg (Kopf- und Fußzeilen, Seitenzahlen, Absender)",
                    "outside the text flow, evidence only (headers, footers, page numbers, senders)"
                ),
                file.evidence
            )?;
        }
    }
    Ok(())
}

/// The JSON form: `{"version": 1, "files": [...]}`, the same as the human form as data.
pub fn print_json(files: &[FileText], out: &mut dyn Write) -> std::io::Result<()> {
    let json = serde_json::json!({ "version": 1, "files": files });
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
