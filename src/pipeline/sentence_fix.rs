//! The lawful rewording of a reported sentence, for `formlos fix`.

use super::place::Place;
use crate::engine::Hit;
use crate::extract::Format;
use crate::report::Fix;

/// Formats whose files `formlos fix` may rewrite: the text stands in them as written.
const FIXABLE_FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// The rule's replacement for the hit's sentence, when the sentence stands in the file
/// as plain text (no markup or entity inside it) so that it can be swapped word for word.
pub(super) fn sentence_fix(place: &Place<'_>, hit: &Hit, replacement: &str) -> Option<Fix> {
    if !FIXABLE_FORMATS.contains(&place.format) || place.unit.line_base != 0 {
        return None;
    }
    let source = place.source;
    let start = place
        .unit
        .to_source
        .map(hit.sentence.start)
        .min(source.len());
    let end = place
        .unit
        .to_source
        .map(hit.sentence.end)
        .clamp(start, source.len());
    let original = source.get(start..end)?;
    let extracted = place.unit.text.get(hit.sentence.clone())?;
    let folded = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded(original) != folded(extracted) {
        return None;
    }
    let start = start + (original.len() - original.trim_start().len());
    let end = end - (original.len() - original.trim_end().len());
    let (line, column) = place.position(start);
    let (end_line, end_column) = place.position(end);
    Some(Fix {
        line,
        column,
        end_line,
        end_column,
        offset: start,
        length: end - start,
        original: source[start..end].to_string(),
        replacement: replacement.trim().to_string(),
    })
}
