//! Extraction: from the bytes of one input to a [`Document`] whose text the engine checks.
//!
//! Each format lives in its own file and returns the same `Document`; adding a format
//! touches its file and the match in [`Format::of_path`] / [`extract`].

mod email;
mod guard;
mod html;
pub mod layout;
mod markdown;
pub mod mbox;
pub mod ocr;
#[cfg(feature = "ocr")]
mod ocr_fix;
mod ocr_lines;
#[cfg(feature = "ocr")]
mod ocr_prep;
mod office;
mod pdf;
mod pdf_lines;
mod plain;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

pub use email::ALTERNATIVE;
pub use guard::guarded;
pub use ocr_lines::{OcrWord, WordBox};

use crate::engine::offsets::OffsetMap;
use crate::i18n::Lang;

/// Formats formlos reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Email,
    Pdf,
    Docx,
    Odt,
    Mbox,
    /// PNG, JPEG, TIFF or WebP: a scan or a photo, read by OCR.
    Image,
}

impl Format {
    /// Every format, for tools that go through all of them (the fuzz targets). Images
    /// are left out: reading one starts Tesseract, which the fuzzers do not test.
    pub const ALL: [Format; 8] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Email,
        Format::Mbox,
        Format::Pdf,
        Format::Docx,
        Format::Odt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Email => "email",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Mbox => "mbox",
            Format::Image => "image",
        }
    }

    /// The format of a file by its first bytes, for files whose name does not tell: a PDF
    /// or an e-mail saved without extension, an mbox named `.txt`.
    pub fn sniff(head: &[u8]) -> Option<Format> {
        let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        let lower = trimmed
            .get(..trimmed.len().min(512))
            .unwrap_or("")
            .to_ascii_lowercase();
        if head.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        if head.starts_with(b"\x89PNG\r\n\x1a\n")
            || head.starts_with(b"\xff\xd8\xff")
            || head.starts_with(b"II*\0")
            || head.starts_with(b"MM\0*")
            || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        {
            return Some(Format::Image);
        }
        if head.starts_with(b"PK\x03\x04") {
            return if text.contains("word/") {
                Some(Format::Docx)
            } else if text.contains("opendocument.text") || text.contains("content.xml") {
                Some(Format::Odt)
            } else {
                None
            };
        }
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Some(Format::Html);
        }
        if trimmed.starts_with("From ")
            && trimmed
                .lines()
                .next()
                .is_some_and(|l| l.split(' ').count() >= 7)
        {
            return Some(Format::Mbox);
        }
        let header = |line: &str| {
            let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
            matches!(
                name.as_str(),
                "from"
                    | "to"
                    | "subject"
                    | "date"
                    | "received"
                    | "return-path"
                    | "message-id"
                    | "mime-version"
                    | "content-type"
            )
        };
        let headers = trimmed
            .lines()
            .take_while(|l| !l.is_empty())
            .filter(|l| header(l))
            .count();
        (headers >= 2).then_some(Format::Email)
    }

    /// The format to read `bytes` in, given the one the file's name promises: a file
    /// whose content contradicts its extension (a text file called `.pdf`, a PDF saved
    /// as `.txt`) is read by its content.
    pub fn confirmed(self, bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(1024)];
        match self {
            Format::Pdf if memchr::memmem::find(head, b"%PDF-").is_some() => self,
            Format::Docx | Format::Odt if bytes.starts_with(b"PK\x03\x04") => self,
            Format::Image if Format::sniff(bytes) == Some(Format::Image) => self,
            Format::Pdf | Format::Docx | Format::Odt | Format::Image => {
                Format::sniff(bytes).unwrap_or(Format::Text)
            }
            Format::Mbox => self,
            _ => match Format::sniff(bytes) {
                Some(binary @ (Format::Pdf | Format::Docx | Format::Odt | Format::Image)) => binary,
                _ => self,
            },
        }
    }

    /// The format of a path by its extension; `None` for formats formlos does not read.
    /// Files without an extension are read as plain text.
    pub fn of_path(path: &Path) -> Option<Format> {
        let Some(extension) = path.extension() else {
            return Some(Format::Text);
        };
        match extension.to_string_lossy().to_lowercase().as_str() {
            "txt" | "text" | "asc" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "eml" => Some(Format::Email),
            "pdf" => Some(Format::Pdf),
            "docx" | "docm" | "dotx" => Some(Format::Docx),
            "odt" | "ott" => Some(Format::Odt),
            "mbox" | "mbx" => Some(Format::Mbox),
            "png" | "jpg" | "jpeg" | "tif" | "tiff" | "webp" => Some(Format::Image),
            // Template languages: the format of what they render, told by an inner
            // extension (`antwort.html.j2`), else plain text.
            "tpl" | "tmpl" | "j2" | "jinja" | "jinja2" | "twig" | "njk" | "hbs" | "handlebars"
            | "mustache" | "tex" => {
                let inner = path.file_stem().map(Path::new).and_then(Path::extension);
                Some(
                    match inner.map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
                        Some("html" | "htm") => Format::Html,
                        Some("md" | "markdown") => Format::Markdown,
                        _ => Format::Text,
                    },
                )
            }
            _ => None,
        }
    }
}

/// The text of one input, ready for the engine: one or more units (a plain file is one
/// unit; an e-mail has its subject and each text part as units of their own).
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// The character encoding the file was read in (reported in `files[].encoding`).
    pub encoding: &'static str,
    pub units: Vec<Unit>,
    /// Text outside the units that still counts as evidence for rules (e.g. the From and
    /// Reply-To addresses of an e-mail: an auto-reply's sender address is published).
    pub evidence: String,
}

/// A stretch of text checked on its own, with the means to point back at its source.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// The text to check (markup removed, transfer encodings undone).
    pub text: String,
    /// Maps offsets in `text` to offsets in [`Unit::source`].
    pub to_source: OffsetMap,
    /// The text that line and column numbers refer to, when it differs from `text`.
    source: Option<String>,
    /// Lines of the file before the unit's first line: non-zero when the unit is stored
    /// verbatim inside a larger file (the body of a 7bit/8bit e-mail part), so that lines
    /// count in the file as a person opens it.
    pub line_base: usize,
    /// Where the unit sits, copied into each finding's `location` (e.g. `part`).
    pub location: BTreeMap<String, serde_json::Value>,
    /// Pages by line, where the format records them (Word's page breaks): `(first line,
    /// page)` in line order; empty when unknown.
    pub line_pages: Vec<(usize, u64)>,
    /// Lines are reported counting from the first line of the page the finding starts
    /// on (PDF), not from the unit's first line.
    pub lines_per_page: bool,
    /// Mean confidence (0–1) of the recognized words when the unit's text came from OCR;
    /// `None` for a text layer or a text file. Shown by `formlos text`.
    pub ocr_confidence: Option<f64>,
    /// The words OCR recognized, ordered by their place in [`Unit::source`]: findings
    /// carry the boxes and confidences of the words they cover.
    pub ocr_words: Vec<OcrWord>,
    /// Reviewer comments attached to the text (Word comments, ODF annotations): not part
    /// of the text, but where templates carry `formlos-disable` directives.
    pub comments: Vec<Comment>,
}

/// A comment anchored to lines of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    /// First and last line (1-based, in the unit) of the commented text.
    pub lines: (usize, usize),
}

impl Unit {
    /// The page of a 1-based line, when the format records pages.
    pub fn page_of_line(&self, line: usize) -> Option<u64> {
        let index = self.line_pages.partition_point(|&(first, _)| first <= line);
        index.checked_sub(1).map(|i| self.line_pages[i].1)
    }

    /// How many lines to take off a unit line so that it counts from the top of the
    /// page `line` is on; 0 unless [`Unit::lines_per_page`].
    pub fn lines_before_page(&self, line: usize) -> usize {
        if !self.lines_per_page {
            return 0;
        }
        let index = self.line_pages.partition_point(|&(first, _)| first <= line);
        index
            .checked_sub(1)
            .map_or(0, |i| self.line_pages[i].0.saturating_sub(1))
    }
}

impl Unit {
    /// A unit whose text is its own source.
    pub fn plain(text: String) -> Self {
        Self {
            text,
            ..Self::default()
        }
    }

    /// A unit whose `text` was derived from `source` through `to_source`.
    pub fn derived(text: String, to_source: OffsetMap, source: String) -> Self {
        Self {
            text,
            to_source,
            source: Some(source),
            ..Self::default()
        }
    }

    /// The text that findings' lines and columns point into.
    pub fn source(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// The recognized words that a range of [`Unit::source`] covers (none unless the
    /// text came from OCR).
    pub fn ocr_words_in(&self, span: std::ops::Range<usize>) -> &[OcrWord] {
        let first = self
            .ocr_words
            .partition_point(|w| w.range.end <= span.start);
        let end = self.ocr_words.partition_point(|w| w.range.start < span.end);
        self.ocr_words.get(first..end.max(first)).unwrap_or(&[])
    }
}

/// Why an input could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The bytes contain NUL: not a text file.
    Binary,
    /// The bytes are not text in the detected encoding.
    NotText(&'static str),
    /// The parser of the format gave up (the reason it gave).
    Malformed(String),
    /// A PDF without a text layer: a scan.
    NoTextLayer,
    /// A password-protected file.
    Encrypted,
    /// Over a size limit (a zip bomb, a huge part): what was too large.
    TooLarge(String),
    /// Reading the file hit an internal error (a bug in formlos or a library).
    Crashed,
    /// Reading took longer than the time budget (seconds).
    TooSlow(u64),
    /// OCR needs a program or model that is not installed: which, and the command that
    /// installs it.
    OcrMissing {
        what: &'static str,
        install: &'static str,
    },
    /// Tesseract or pdftoppm failed (their reason).
    OcrFailed(String),
    /// An image, but OCR is switched off (`--ocr never`) or not built in.
    OcrOff,
    /// OCR found no text on the pages.
    NothingRecognized,
}

impl ExtractError {
    /// The reason and what to do, for a person.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExtractError::Binary, Lang::De) => {
                "Binärdatei (enthält NUL-Bytes), kein lesbarer Text; als Text liest formlos nur Dateien ohne NUL-Bytes".into()
            }
            (ExtractError::Binary, Lang::En) => {
                "binary file (contains NUL bytes), no readable text; formlos reads as text only files without NUL bytes".into()
            }
            (ExtractError::NotText(encoding), Lang::De) => format!(
                "kein lesbarer Text (als {encoding} erkannt); bitte als UTF-8 speichern, z. B. mit `iconv -t utf-8`"
            ),
            (ExtractError::NotText(encoding), Lang::En) => format!(
                "not readable text (detected as {encoding}); save the file as UTF-8, e.g. with `iconv -t utf-8`"
            ),
            // The parser's own (English) reason is kept as `error_detail` in JSON and
            // shown with --explain.
            (ExtractError::Malformed(_), Lang::De) => {
                "Die Datei ist beschädigt oder unvollständig und lässt sich nicht öffnen; bitte die Originaldatei prüfen oder sie im Programm, mit dem sie erstellt wurde, neu speichern".into()
            }
            (ExtractError::Malformed(_), Lang::En) => {
                "the file is damaged or incomplete and cannot be opened; check the original file or save it again in the program that made it".into()
            }
            (ExtractError::NoTextLayer, Lang::De) => {
                "PDF ohne Textebene (eingescannt?) und Texterkennung ausgeschaltet; ohne `--ocr never` prüfen oder vorher Texterkennung ausführen, z. B. `ocrmypdf eingang.pdf ausgang.pdf`".into()
            }
            (ExtractError::NoTextLayer, Lang::En) => {
                "PDF without a text layer (a scan?) and OCR switched off; check without `--ocr never`, or run OCR first, e.g. `ocrmypdf in.pdf out.pdf`".into()
            }
            (ExtractError::OcrMissing { what, install }, Lang::De) => format!(
                "Texterkennung (OCR) nicht möglich: {what} ist nicht installiert; installieren mit `{install}`"
            ),
            (ExtractError::OcrMissing { what, install }, Lang::En) => format!(
                "OCR not possible: {what} is not installed; install it with `{install}`"
            ),
            (ExtractError::OcrFailed(reason), Lang::De) => format!(
                "Texterkennung (OCR) fehlgeschlagen ({reason}); bitte das Bild prüfen oder neu scannen"
            ),
            (ExtractError::OcrFailed(reason), Lang::En) => {
                format!("OCR failed ({reason}); check the image or scan it again")
            }
            (ExtractError::OcrOff, Lang::De) => {
                "Bild (Scan oder Foto), aber Texterkennung ausgeschaltet; ohne `--ocr never` prüfen (formlos mit dem Feature `ocr` gebaut)".into()
            }
            (ExtractError::OcrOff, Lang::En) => {
                "an image (scan or photo), but OCR is switched off; check without `--ocr never` (formlos built with the `ocr` feature)".into()
            }
            (ExtractError::NothingRecognized, Lang::De) => {
                "Texterkennung (OCR) fand keinen Text; bitte schärfer, gerader und heller fotografieren oder mit 300 dpi scannen".into()
            }
            (ExtractError::NothingRecognized, Lang::En) => {
                "OCR found no text; take a sharper, straighter, brighter photo or scan at 300 dpi".into()
            }
            (ExtractError::Encrypted, Lang::De) => {
                "Datei ist passwortgeschützt; bitte eine ungeschützte Fassung prüfen".into()
            }
            (ExtractError::Encrypted, Lang::En) => {
                "the file is password-protected; check an unprotected copy".into()
            }
            (ExtractError::TooLarge(what), Lang::De) => {
                format!("Datei überschreitet die Größengrenzen ({what}); möglicherweise ein Zip-Bomben-Angriff, wird nicht entpackt")
            }
            (ExtractError::TooLarge(what), Lang::En) => {
                format!("the file exceeds the size limits ({what}); possibly a zip bomb, not unpacked")
            }
            (ExtractError::Crashed, Lang::De) => {
                "interner Fehler beim Lesen dieser Datei; die anderen Dateien wurden geprüft – bitte melden Sie den Fehler mit der Datei".into()
            }
            (ExtractError::TooSlow(seconds), Lang::De) => format!(
                "Lesen dauerte länger als {seconds} s und wurde abgebrochen; die Datei bitte einzeln prüfen oder vorher in Text umwandeln (z. B. `pdftotext`)"
            ),
            (ExtractError::TooSlow(seconds), Lang::En) => format!(
                "reading took longer than {seconds} s and was stopped; check the file on its own or convert it to text first (e.g. `pdftotext`)"
            ),
            (ExtractError::Crashed, Lang::En) => {
                "internal error while reading this file; the other files were checked – please report it with the file".into()
            }
        }
    }
}

/// Extracts the document of `bytes` read in `format`, within the default time budget.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Document, ExtractError> {
    let deadline = crate::budget::Deadline::after(crate::budget::DEFAULT_FILE_TIMEOUT);
    extract_within(format, bytes, deadline)
}

/// Like [`extract`], for a file whose time budget ends at `deadline`: the readers that
/// can run long (PDF) stop there with [`ExtractError::TooSlow`].
pub fn extract_within(
    format: Format,
    bytes: &[u8],
    deadline: crate::budget::Deadline,
) -> Result<Document, ExtractError> {
    match format {
        Format::Email | Format::Mbox => return email::extract(bytes),
        Format::Pdf => return pdf::extract(bytes, deadline),
        Format::Docx | Format::Odt => return office::extract(format, bytes),
        #[cfg(feature = "ocr")]
        Format::Image => return ocr::image(bytes),
        #[cfg(not(feature = "ocr"))]
        Format::Image => return Err(ExtractError::OcrOff),
        _ => {}
    }
    let plain::Decoded { text, encoding } = plain::decode(bytes)?;
    let (unit, evidence) = text_unit(format, text)?;
    Ok(Document {
        format,
        encoding,
        units: vec![unit],
        evidence,
    })
}

/// One unit from decoded text in a text-like format (plain text, Markdown, HTML), and
/// the page furniture left out of it (evidence for the rules).
fn text_unit(format: Format, text: String) -> Result<(Unit, String), ExtractError> {
    Ok(match format {
        Format::Markdown => {
            let stripped = markdown::strip(&text);
            (
                Unit::derived(stripped, OffsetMap::identity(), text),
                String::new(),
            )
        }
        Format::Html => {
            let (visible, to_source) = html::extract(&text)?;
            (Unit::derived(visible, to_source, text), String::new())
        }
        _ => {
            let plain = layout::plain_text_pages(&text);
            if !plain.needs_flow {
                return Ok((Unit::plain(text), String::new()));
            }
            let flowed = layout::flow(&text, &plain.pages, &plain.page_starts);
            let mut unit = Unit::derived(flowed.text, flowed.to_source, text);
            if flowed.line_pages.len() > 1 {
                unit.line_pages = flowed.line_pages;
            }
            (unit, flowed.furniture)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_recognizes_formats_by_content() {
        assert_eq!(Format::sniff(b"%PDF-1.4\n..."), Some(Format::Pdf));
        assert_eq!(
            Format::sniff(b"From: Jobcenter <a@b.de>\nSubject: x\n\nText"),
            Some(Format::Email)
        );
        assert_eq!(
            Format::sniff(b"From a@b Mon Jan  1 00:00:00 2026\nSubject: x\n"),
            Some(Format::Mbox)
        );
        assert_eq!(
            Format::sniff(b"<!DOCTYPE html><p>x</p>"),
            Some(Format::Html)
        );
        assert_eq!(
            Format::sniff(b"PK\x03\x04....word/document.xml"),
            Some(Format::Docx)
        );
        assert_eq!(
            Format::sniff(b"Sehr geehrte Frau Muster,\nFrom: ist hier kein Kopf"),
            None
        );
    }

    #[test]
    fn content_that_contradicts_the_extension_wins() {
        assert_eq!(
            Format::Pdf.confirmed(b"Faxe werden nicht angenommen."),
            Format::Text
        );
        assert_eq!(Format::Pdf.confirmed(b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(
            Format::Docx.confirmed(b"<!DOCTYPE html><p>x</p>"),
            Format::Html
        );
        assert_eq!(Format::Text.confirmed(b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(
            Format::Text.confirmed(b"From: a@b.de\nSubject: x\n\nText"),
            Format::Text
        );
        assert_eq!(Format::Mbox.confirmed(b"Text"), Format::Mbox);
    }
}
