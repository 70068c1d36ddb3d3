//! PDF: the text layer, page by page.
//!
//! pdf-extract gives the best text (runs joined by position) but panics on damaged files
//! by design, so it runs inside `catch_unwind`; lopdf, which it is built on, is the
//! fallback. Each page is a unit with its page number in `location`; lines and columns
//! count within the page's text. A PDF without a text layer (a scan) is reported as such.

use std::sync::mpsc::{self, TryRecvError};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Document, ExtractError, Format, Unit, guarded};

/// How long reading one PDF may take. pdf-extract can spend minutes on some files and
/// cannot be interrupted, so it runs on its own thread; past the budget the file is
/// reported and the run goes on (the thread is left to finish on its own).
pub const TIME_BUDGET: Duration = Duration::from_secs(60);

/// Runs `work` on a thread of its own and waits at most `budget` for it. The waiting
/// thread keeps running other rayon jobs meanwhile: lopdf parallelises with rayon's pool,
/// and a rayon worker that merely blocked here could starve the very work it waits for.
fn within_budget<T: Send + 'static>(
    budget: Duration,
    work: impl FnOnce() -> Result<T, ExtractError> + Send + 'static,
) -> Result<T, ExtractError> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("formlos-pdf".into())
        .spawn(move || {
            let _ = sender.send(work());
        })
        .map_err(|_| ExtractError::Crashed)?;
    let deadline = Instant::now() + budget;
    loop {
        match receiver.try_recv() {
            Ok(result) => return result,
            Err(TryRecvError::Disconnected) => return Err(ExtractError::Crashed),
            Err(TryRecvError::Empty) if Instant::now() >= deadline => {
                return Err(ExtractError::TooSlow(budget.as_secs()));
            }
            Err(TryRecvError::Empty) => {
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
        }
    }
}

/// Page texts by pdf-extract, or by lopdf when pdf-extract fails or panics.
fn page_texts(bytes: &[u8]) -> Result<Vec<String>, ExtractError> {
    if let Some(Ok(pages)) = guarded(|| pdf_extract::extract_text_from_mem_by_pages(bytes)) {
        return Ok(pages);
    }
    let document = guarded(|| lopdf::Document::load_mem(bytes))
        .ok_or_else(|| ExtractError::Malformed("PDF".into()))?
        .map_err(|e| ExtractError::Malformed(format!("PDF: {e}")))?;
    if document.is_encrypted() {
        return Err(ExtractError::Encrypted);
    }
    let numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    Ok(numbers
        .iter()
        .map(|&number| {
            guarded(|| document.extract_text(&[number]))
                .and_then(Result::ok)
                .unwrap_or_default()
        })
        .collect())
}

pub fn extract(bytes: &[u8]) -> Result<Document, ExtractError> {
    let owned = bytes.to_vec();
    let pages = within_budget(TIME_BUDGET, move || page_texts(&owned))?;
    if pages.iter().all(|page| page.trim().is_empty()) {
        return Err(ExtractError::NoTextLayer);
    }
    let units = pages
        .into_iter()
        .enumerate()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(index, text)| {
            // Extractors start pages with blank lines; line 1 is the first line of text.
            let first_text_line =
                text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
            let line_start = text[..first_text_line].rfind('\n').map_or(0, |i| i + 1);
            let mut unit = Unit::plain(text[line_start..].to_string());
            unit.location.insert("page".into(), Value::from(index + 1));
            unit
        })
        .collect();
    Ok(Document {
        format: Format::Pdf,
        encoding: "PDF",
        units,
        evidence: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_work_is_cut_off_at_the_budget() {
        let slow = within_budget(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(2));
            Ok(())
        });
        assert_eq!(slow, Err(ExtractError::TooSlow(0)));
        assert_eq!(within_budget(Duration::from_secs(5), || Ok(3)), Ok(3));
    }

    #[test]
    fn damaged_pdfs_are_errors_not_panics() {
        for bytes in [&b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF"[..], b"%PDF-", b""] {
            assert!(extract(bytes).is_err());
        }
    }
}
