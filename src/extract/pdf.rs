//! PDF: the text layer, read from the position of each character.
//!
//! pdf-extract interprets the content streams and hands over every character with its
//! place ([`super::pdf_lines`] rebuilds lines, columns and paragraphs from them); it
//! panics on damaged files by design, so it runs inside `catch_unwind`, and lopdf's
//! page texts are the fallback. The pages are one unit, so that a sentence running on
//! to the next page is one sentence, with headers, footers and page numbers left out
//! ([`super::layout`]); findings carry the page they start on, and lines count from the
//! top of that page. Values filled into form fields are a unit of their own. A PDF
//! without a text layer (a scan) is reported as such.

use serde_json::Value;

use super::layout;
#[cfg(feature = "ocr")]
use super::ocr_lines::OcrWord;
use super::pdf_lines::{self, PositionedText};
use super::{Document, ExtractError, Format, Unit, guarded};
use crate::budget::Deadline;

/// Runs `work` on a thread of its own and waits for it until `deadline` (the file's
/// time budget). pdf-extract can spend minutes on some files and cannot be interrupted,
/// so unlike the other readers it cannot look at the deadline itself; past it the file
/// is reported and the run goes on (the thread is left to finish on its own). The
/// waiting thread keeps running other rayon jobs meanwhile: lopdf parallelises with
/// rayon's pool, and a rayon worker that merely blocked here could starve the very work
/// it waits for.
#[cfg(feature = "native")]
fn within_budget<T: Send + 'static>(
    deadline: Deadline,
    work: impl FnOnce() -> Result<T, ExtractError> + Send + 'static,
) -> Result<T, ExtractError> {
    use std::sync::mpsc::{self, TryRecvError};
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("formlos-pdf".into())
        .spawn(move || {
            let _ = sender.send(work());
        })
        .map_err(|_| ExtractError::Crashed)?;
    loop {
        match receiver.try_recv() {
            Ok(result) => return result,
            Err(TryRecvError::Disconnected) => return Err(ExtractError::Crashed),
            Err(TryRecvError::Empty) if deadline.check().is_err() => {
                return Err(ExtractError::TooSlow(deadline.budget().as_secs()));
            }
            Err(TryRecvError::Empty) => {
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            }
        }
    }
}

/// What a PDF holds: its text layer, the values of its form fields, and which pages draw
/// a picture (only those can be scans).
struct Read {
    text: PositionedText,
    fields: String,
    pictures: Vec<bool>,
}

/// Which pages draw an image or form XObject.
fn pages_with_pictures(document: &lopdf::Document) -> Vec<bool> {
    document
        .get_pages()
        .values()
        .map(|&page| {
            let Ok((own, inherited)) = document.get_page_resources(page) else {
                return false;
            };
            own.into_iter()
                .chain(
                    inherited
                        .iter()
                        .filter_map(|&id| document.get_dictionary(id).ok()),
                )
                .any(|resources| {
                    resources
                        .get(b"XObject")
                        .and_then(|x| document.dereference(x))
                        .and_then(|(_, x)| x.as_dict())
                        .is_ok_and(|x| !x.is_empty())
                })
        })
        .collect()
}

/// In the browser there are neither threads nor a clock to wait with: the work runs
/// directly, and a letter that takes too long is stopped by closing the page.
#[cfg(not(feature = "native"))]
fn within_budget<T>(
    _deadline: Deadline,
    work: impl FnOnce() -> Result<T, ExtractError>,
) -> Result<T, ExtractError> {
    work()
}

/// The text layer with line geometry (pdf-extract's characters and their places), or
/// lopdf's page texts, without geometry, when pdf-extract fails or panics.
fn read_pages(bytes: &[u8]) -> Result<Read, ExtractError> {
    let mut document = guarded(|| lopdf::Document::load_mem(bytes))
        .ok_or_else(|| ExtractError::Malformed("PDF".into()))?
        .map_err(|e| ExtractError::Malformed(format!("PDF: {e}")))?;
    // Many PDFs are encrypted with an empty user password only to restrict printing.
    if document.is_encrypted() && guarded(|| document.decrypt("")).is_none_or(|r| r.is_err()) {
        return Err(ExtractError::Encrypted);
    }
    let fields = form_field_values(&document);
    let pictures = guarded(|| pages_with_pictures(&document)).unwrap_or_default();
    if let Some(Ok(text)) = guarded(|| pdf_lines::positioned_text(&document)) {
        return Ok(Read {
            text,
            fields,
            pictures,
        });
    }
    let numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    let pages: Vec<String> = numbers
        .iter()
        .map(|&number| {
            guarded(|| document.extract_text(&[number]))
                .and_then(Result::ok)
                .unwrap_or_default()
        })
        .collect();
    let source = pages.join("\u{c}");
    let plain = layout::plain_text_pages(&source);
    Ok(Read {
        text: PositionedText {
            pages: plain.pages,
            page_starts: plain.page_starts,
            source,
        },
        fields,
        pictures,
    })
}

/// The values filled into the PDF's form fields (AcroForm), one per line: a form's
/// answers are not drawn into the page's text, so they would be missed otherwise.
fn form_field_values(document: &lopdf::Document) -> String {
    let mut values = String::new();
    let fields = document
        .catalog()
        .and_then(|catalog| document.get_dict_in_dict(catalog, b"AcroForm"))
        .and_then(|form| form.get(b"Fields"))
        .and_then(|fields| document.dereference(fields))
        .and_then(|(_, fields)| fields.as_array());
    let mut pending: Vec<&lopdf::Object> = fields.map(|f| f.iter().collect()).unwrap_or_default();
    let mut visited = 0usize;
    while let Some(field) = pending.pop() {
        visited += 1;
        if visited > MAX_FORM_FIELDS {
            break;
        }
        let Ok((_, lopdf::Object::Dictionary(field))) = document.dereference(field) else {
            continue;
        };
        if let Ok(kids) = field
            .get(b"Kids")
            .and_then(|kids| document.dereference(kids))
            .and_then(|(_, kids)| kids.as_array())
        {
            pending.extend(kids.iter().rev());
        }
        let value = field
            .get(b"V")
            .and_then(|value| document.dereference(value))
            .and_then(|(_, value)| lopdf::decode_text_string(value));
        if let Ok(value) = value
            && !value.trim().is_empty()
        {
            values.push_str(value.trim());
            values.push_str("\n\n");
        }
    }
    values
}

/// More form fields than this are not a letter's form (and may be a loop of references).
const MAX_FORM_FIELDS: usize = 10_000;

/// Replaces the pages in `recognized` (by index) with their OCR text, and moves the
/// recognized words to their place in the joined source.
#[cfg(feature = "ocr")]
fn splice(
    text: PositionedText,
    recognized: std::collections::BTreeMap<usize, (PositionedText, Vec<OcrWord>)>,
) -> (PositionedText, Vec<OcrWord>) {
    let mut joined = PositionedText {
        source: String::with_capacity(text.source.len()),
        pages: Vec::with_capacity(text.pages.len()),
        page_starts: Vec::with_capacity(text.pages.len()),
    };
    let mut words = Vec::new();
    let page_count = text.pages.len();
    for (index, lines) in text.pages.into_iter().enumerate() {
        let start = text.page_starts.get(index).copied().unwrap_or(0);
        let end = text
            .page_starts
            .get(index + 1)
            .copied()
            .unwrap_or(text.source.len());
        let (page_source, page_lines, page_words, from) = match recognized.get(&index) {
            Some((ocr, ocr_words)) => (
                ocr.source.as_str(),
                ocr.pages.first().cloned().unwrap_or_default(),
                ocr_words.as_slice(),
                0,
            ),
            None => (
                text.source.get(start..end).unwrap_or(""),
                lines,
                &[][..],
                start,
            ),
        };
        let base = joined.source.len();
        joined.page_starts.push(base);
        joined.source.push_str(page_source);
        if index + 1 < page_count && !joined.source.ends_with('\n') {
            joined.source.push('\n');
        }
        let shift =
            |range: std::ops::Range<usize>| range.start - from + base..range.end - from + base;
        joined.pages.push(
            page_lines
                .into_iter()
                .map(|mut line| {
                    line.range = shift(line.range);
                    line
                })
                .collect(),
        );
        words.extend(page_words.iter().map(|word| OcrWord {
            range: shift(word.range.clone()),
            page: index as u64 + 1,
            ..word.clone()
        }));
    }
    (joined, words)
}

/// The text layer, with the pages that have none (or all pages, `--ocr always`)
/// recognized by OCR.
#[cfg(feature = "ocr")]
fn with_ocr(
    bytes: &[u8],
    text: PositionedText,
    pictures: &[bool],
) -> Result<(Unit, String), ExtractError> {
    let recognized = super::ocr::recognize_pdf_pages(bytes, &text, pictures)?;
    if recognized.is_empty() {
        return Ok(text_layer_unit(text));
    }
    let (text, words) = splice(text, recognized);
    Ok(super::ocr::unit_from(text, words))
}

#[cfg(not(feature = "ocr"))]
fn with_ocr(
    _bytes: &[u8],
    text: PositionedText,
    _pictures: &[bool],
) -> Result<(Unit, String), ExtractError> {
    Ok(text_layer_unit(text))
}

/// The unit of a text layer, and its page furniture.
fn text_layer_unit(text: PositionedText) -> (Unit, String) {
    let flowed = layout::flow(&text.source, &text.pages, &text.page_starts);
    let mut unit = Unit::derived(flowed.text, flowed.to_source, text.source);
    unit.line_pages = flowed.line_pages;
    unit.lines_per_page = true;
    (unit, flowed.furniture)
}

pub fn extract(bytes: &[u8], deadline: Deadline) -> Result<Document, ExtractError> {
    let owned = bytes.to_vec();
    let Read {
        text,
        fields,
        pictures,
    } = within_budget(deadline, move || read_pages(&owned))?;
    let (unit, furniture) = with_ocr(bytes, text, &pictures)?;
    let mut units = Vec::new();
    if !unit.text.trim().is_empty() {
        units.push(unit);
    } else if fields.is_empty() {
        return Err(if unit.ocr_words.is_empty() && !ocr_may_run() {
            ExtractError::NoTextLayer
        } else {
            ExtractError::NothingRecognized
        });
    }
    if !fields.is_empty() {
        let mut unit = Unit::plain(fields);
        unit.location
            .insert("part".into(), Value::from("form_fields"));
        unit.location
            .insert("line_in".into(), Value::from("form_fields"));
        units.push(unit);
    }
    Ok(Document {
        format: Format::Pdf,
        encoding: "PDF",
        units,
        evidence: furniture,
    })
}

/// Whether a PDF's pages without text were given to OCR.
fn ocr_may_run() -> bool {
    cfg!(feature = "ocr") && super::ocr::settings().mode != super::ocr::OcrMode::Never
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn slow_work_is_cut_off_at_the_budget() {
        let slow = within_budget(Deadline::after(Duration::from_millis(50)), || {
            std::thread::sleep(Duration::from_secs(2));
            Ok(())
        });
        assert_eq!(slow, Err(ExtractError::TooSlow(0)));
        let ample = Deadline::after(Duration::from_secs(5));
        assert_eq!(within_budget(ample, || Ok(3)), Ok(3));
    }

    #[test]
    fn damaged_pdfs_are_errors_not_panics() {
        for bytes in [&b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF"[..], b"%PDF-", b""] {
            assert!(extract(bytes, Deadline::NONE).is_err());
        }
    }
}
