//! Where the findings of one unit stand in the file.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::engine::offsets::LineIndex;
use crate::extract::{self, Format};
use crate::report::{Excerpt, Location, SharedLines};

/// Where findings of one unit are: file, format, unit and its source with line index.
pub(super) struct Place<'p> {
    pub path: &'p str,
    pub format: Format,
    pub unit: &'p extract::Unit,
    pub source: &'p str,
    pub lines: &'p LineIndex,
    /// The lines of the last excerpt, shared with the next finding on the same lines.
    shared: SharedLines,
    /// Strings shared by the unit's findings.
    pub strings: std::cell::RefCell<SharedStrings>,
}

/// The strings findings of one unit share instead of holding copies: on keyword-dense
/// text every sentence has a finding or two, and copies of the path, the rule's
/// message and law and the sentence took most of the memory.
pub(super) struct SharedStrings {
    pub path: Arc<str>,
    /// By rule index: the rule's own strings, made at its first finding.
    pub rules: HashMap<usize, RuleStrings>,
    /// The last finding's sentence (as a range of the checked text) and its text.
    pub sentence: Option<(Range<usize>, Arc<str>)>,
    /// The last fix's original (as a range of the source) and its text.
    pub original: Option<(Range<usize>, Arc<str>)>,
}

/// The strings of a rule that its findings share.
pub(super) struct RuleStrings {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub family: Arc<str>,
    pub law: Arc<[String]>,
    pub replacement: Option<Arc<str>>,
    /// The last message made, with what it was made of: the evidence note's case (none;
    /// evidence absent; evidence found) — the rest depends on the rule and the language.
    pub message: Option<(Option<Option<String>>, Arc<str>)>,
}

impl SharedStrings {
    /// The original of a fix (`text`, at `range` of the source), shared with the last
    /// fix's if that was the same; it is the sentence's own text when they read the same.
    pub fn original(&mut self, range: Range<usize>, text: &str) -> Arc<str> {
        if let Some((_, sentence)) = &self.sentence
            && **sentence == *text
        {
            return Arc::clone(sentence);
        }
        shared(&mut self.original, range, || text.to_string())
    }
}

/// The string remembered in `last` for `range`, else `make`'s, remembered.
fn shared(
    last: &mut Option<(Range<usize>, Arc<str>)>,
    range: Range<usize>,
    make: impl FnOnce() -> String,
) -> Arc<str> {
    match last {
        Some((held, text)) if *held == range => Arc::clone(text),
        _ => {
            let text: Arc<str> = Arc::from(make());
            *last = Some((range, Arc::clone(&text)));
            text
        }
    }
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
            strings: std::cell::RefCell::new(SharedStrings {
                path: Arc::from(path),
                rules: HashMap::new(),
                sentence: None,
                original: None,
            }),
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
    pub fn location(&self, line: usize, span: &std::ops::Range<usize>) -> Location {
        let mut location = Location::with_capacity(&self.unit.location, 2);
        if location.get("line_is").is_some_and(|v| v == "paragraph") {
            location.insert("paragraph", serde_json::Value::from(line));
        }
        if let Some(page) = self.unit.page_of_line(line) {
            location.insert("page", serde_json::Value::from(page));
        }
        location.insert("offset", serde_json::Value::from(span.start));
        location.insert("length", serde_json::Value::from(span.len()));
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
                "ocr",
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
