//! The lawful rewording of a reported sentence, for `formlos fix`.
//!
//! A fix replaces one span of the file and nothing else: the sentence with the
//! restriction, or only its last clauses when it begins with a salutation or a clause
//! with a placeholder ("Guten Tag {{name}}, Anhänge werden nicht geöffnet." keeps
//! "Guten Tag {{name}}, "). A placeholder or markup left inside that span would be lost
//! with the old wording, so then the fix is refused with a note instead.

use std::ops::Range;

use super::place::Place;
use crate::engine::Hit;
use crate::engine::letterhead::is_salutation;
use crate::extract::Format;
use crate::i18n::Lang;
use crate::report::Fix;

/// Formats whose files `formlos fix` may rewrite: the text stands in them as written.
const FIXABLE_FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// Where one clause of a sentence ends and the next may begin.
const CLAUSE_BREAKS: [char; 3] = [',', ';', ':'];

/// The rule's replacement for the hit's sentence (or its last clauses); `None` where
/// formlos never edits (a PDF, a Word file, an e-mail), `Some(Err(note))` where the
/// span holds a placeholder or markup that the replacement would delete.
///
/// `checked` is the unit's text as the engine saw it: placeholders masked, so that
/// where it differs from the unit's text a placeholder stands.
pub(super) fn sentence_fix(
    place: &Place<'_>,
    hit: &Hit,
    checked: &str,
    replacement: &std::sync::Arc<str>,
    lang: Lang,
) -> Option<Result<Fix, String>> {
    if !FIXABLE_FORMATS.contains(&place.format) || place.unit.line_base != 0 {
        return None;
    }
    let text = place.unit.text.as_str();
    let sentence = hit.sentence.start.min(text.len())..hit.sentence.end.min(text.len());
    let span = kept_lead(text, checked, sentence.clone(), hit.span.start)
        .map_or(sentence.clone(), |lead_end| lead_end..sentence.end);
    if let Some(placeholder) = placeholder_in(text, checked, span.clone()) {
        return Some(Err(match lang {
            Lang::De => format!(
                "kein automatischer Ersatz: im Satz steht der Platzhalter „{placeholder}“, den der Ersatz löschen würde; bitte von Hand umformulieren"
            ),
            Lang::En => format!(
                "no automatic replacement: the sentence holds the placeholder \"{placeholder}\", which the replacement would delete; reword it by hand"
            ),
        }));
    }
    let source = place.source;
    let start = place.unit.to_source.map(span.start).min(source.len());
    let end = place
        .unit
        .to_source
        .map(span.end)
        .clamp(start, source.len());
    let original = source.get(start..end)?;
    let extracted = text.get(span)?;
    // Whether both read the same with whitespace folded (words never hold whitespace).
    if !original.split_whitespace().eq(extracted.split_whitespace()) {
        return Some(Err(
            crate::i18n::t(
                lang,
                "kein automatischer Ersatz: im Satz stehen Auszeichnungen (HTML, Markdown oder Zeichenreferenzen), die der Ersatz löschen würde; bitte von Hand umformulieren",
                "no automatic replacement: the sentence holds markup (HTML, Markdown or character references) that the replacement would delete; reword it by hand",
            )
            .to_string(),
        ));
    }
    let start = start + (original.len() - original.trim_start().len());
    let end = end - (original.len() - original.trim_end().len());
    let (line, column) = place.position(start);
    let (end_line, end_column) = place.position(end);
    Some(Ok(Fix {
        line,
        column,
        end_line,
        end_column,
        offset: start,
        length: end - start,
        original: place
            .strings
            .borrow_mut()
            .original(start..end, &source[start..end]),
        replacement: std::sync::Arc::clone(replacement),
    }))
}

/// Where the kept beginning of a sentence ends: after the last clause break before the
/// restriction, when what comes before it is a salutation or holds a placeholder
/// (those belong to the letter, not to the restriction). `None` keeps nothing.
fn kept_lead(
    text: &str,
    checked: &str,
    sentence: Range<usize>,
    restriction: usize,
) -> Option<usize> {
    let before = checked.get(sentence.start..restriction.clamp(sentence.start, sentence.end))?;
    let break_at = sentence.start + before.rfind(CLAUSE_BREAKS)?;
    let lead = sentence.start..break_at + 1;
    let keep = is_salutation(text.get(lead.clone())?)
        || placeholder_in(text, checked, lead.clone()).is_some();
    if !keep {
        return None;
    }
    let rest = text.get(lead.end..sentence.end)?;
    Some(lead.end + (rest.len() - rest.trim_start().len()))
}

/// The first placeholder in `span`: where the checked text differs from the text.
fn placeholder_in(text: &str, checked: &str, span: Range<usize>) -> Option<String> {
    let (original, masked) = (text.get(span.clone())?, checked.get(span)?);
    let first = original
        .bytes()
        .zip(masked.bytes())
        .position(|(a, b)| a != b)?;
    let length = original[first..]
        .bytes()
        .zip(masked[first..].bytes())
        .take_while(|(a, b)| a != b)
        .count();
    // Masking replaces whole characters, so the differing bytes end on a boundary; the
    // fallback only guards against a text that changed under the mask.
    Some(
        original
            .get(first..first + length)
            .unwrap_or(&original[first..])
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_salutation_with_a_placeholder_is_kept() {
        let text = "Guten Tag {{name}}, Anhänge werden nicht geöffnet.";
        let checked = "Guten Tag ________, Anhänge werden nicht geöffnet.";
        let restriction = text.find("Anhänge").unwrap_or_default();
        let lead = kept_lead(text, checked, 0..text.len(), restriction);
        assert_eq!(lead, Some(restriction));
        assert_eq!(
            placeholder_in(text, checked, 0..text.len()).as_deref(),
            Some("{{name}}")
        );
        assert_eq!(placeholder_in(text, checked, restriction..text.len()), None);
    }

    #[test]
    fn a_subordinate_clause_is_replaced_with_its_main_clause() {
        let text = "Wir bitten um Verständnis, dass Anhänge nicht geöffnet werden.";
        let restriction = text.find("Anhänge").unwrap_or_default();
        assert_eq!(kept_lead(text, text, 0..text.len(), restriction), None);
    }
}
