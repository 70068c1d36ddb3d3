//! Where the findings of one unit stand in the file.

use crate::engine::offsets::LineIndex;
use crate::extract::{self, Format};
use crate::report::{Excerpt, SharedLines};

/// Where findings of one unit are: file, format, unit and its source with line index.
pub(super) struct Place<'p> {
    pub path: &'p str,
    pub format: Format,
    pub unit: &'p extract::Unit,
    pub source: &'p str,
    pub lines: &'p LineIndex,
    /// The lines of the last excerpt, shared with the next finding on the same lines.
    shared: SharedLines,
}

impl<'p> Place<'p> {
    /// The place of findings in `unit`; its line index is made on first use.
    pub fn new(
        path: &'p str,
        format: Format,
        unit: &'p extract::Unit,
        lines: &'p mut Option<LineIndex>,
    ) -> Self {
        let source = unit.source();
        Self {
            path,
            format,
            unit,
            source,
            lines: lines.get_or_insert_with(|| LineIndex::new(source)),
            shared: SharedLines::default(),
        }
    }

    /// The excerpt of the lines `line..=end_line` (unit-relative) marking `span`.
    pub fn excerpt(&self, line: usize, end_line: usize, span: std::ops::Range<usize>) -> Excerpt {
        Excerpt::of(
            self.source,
            self.lines,
            (line, end_line),
            span,
            self.unit.line_base,
            &self.shared,
        )
    }

    /// Line and column (1-based, as reported) of a byte offset of the source.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.position(self.source, offset);
        (line + self.unit.line_base, column)
    }

    /// The location map of a finding at `line` (unit-relative) and `span`.
    pub fn location(
        &self,
        line: usize,
        span: &std::ops::Range<usize>,
    ) -> std::collections::BTreeMap<String, serde_json::Value> {
        let mut location = self.unit.location.clone();
        if location.get("line_is").is_some_and(|v| v == "paragraph") {
            location.insert("paragraph".to_string(), serde_json::Value::from(line));
        }
        if let Some(page) = self.unit.page_of_line(line) {
            location.insert("page".to_string(), serde_json::Value::from(page));
        }
        location.insert("offset".to_string(), serde_json::Value::from(span.start));
        location.insert("length".to_string(), serde_json::Value::from(span.len()));
        let words = self.unit.ocr_words_in(span.clone());
        if let Some(confidence) = ocr_confidence(words) {
            let boxes: Vec<serde_json::Value> = words
                .iter()
                .map(|word| {
                    serde_json::json!({
                        "page": word.page,
                        "left": word.bounds.left,
                        "top": word.bounds.top,
                        "width": word.bounds.width,
                        "height": word.bounds.height,
                        "confidence": round(word.confidence),
                    })
                })
                .collect();
            location.insert(
                "ocr".to_string(),
                serde_json::json!({ "confidence": round(confidence), "words": boxes }),
            );
        }
        location
    }
}

/// The mean confidence of recognized words, weighted by their length; `None` when the
/// text did not come from OCR.
pub(super) fn ocr_confidence(words: &[crate::extract::OcrWord]) -> Option<f64> {
    let letters: usize = words.iter().map(|w| w.range.len()).sum();
    (letters > 0).then(|| {
        words
            .iter()
            .map(|w| w.confidence * w.range.len() as f64)
            .sum::<f64>()
            / letters as f64
    })
}

/// Two decimals, as confidences are reported.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
