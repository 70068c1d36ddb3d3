//! Undoing typical OCR confusions in recognized text before the engine reads it.
//!
//! Tesseract reads a small `l` as `I`, `1` or `|`, `m` as `rn`, `ß` as `B`, and loses
//! the dots of umlauts on blurred photos: "ausschlieBlich", "E-Mai1", "Terrnin",
//! "personlich". The rules are written for correct German, so these words would slip
//! through. The corrections run only on text that came from OCR — a letter's own text
//! layer or a text file is never touched, so they cannot cause a false alarm there —
//! and only where the result is certain: a character that cannot stand inside a German
//! word (an `I`, `1`, `|` or `B` between small letters), or a misreading of a word from
//! [`LEXICON`] (words the rules look for) that is not itself a German word. Every change
//! is recorded in an [`OffsetMap`], so findings still point at the recognized text.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::engine::offsets::{MappedText, OffsetMap};

/// Words the rules look for that OCR misreads into non-words. Words whose misreading is
/// a word of its own ("würden"/"wurden", "zählt"/"zahlt", "hält"/"halt") are left out.
const LEXICON: &[&str] = &[
    "Anträge",
    "Anträgen",
    "Anhänge",
    "ausschließlich",
    "Auskünfte",
    "Behörde",
    "Bürgergeld",
    "dürfen",
    "für",
    "Gespräch",
    "grundsätzlich",
    "können",
    "künftig",
    "Mail",
    "möglich",
    "Möglichkeit",
    "mündlich",
    "mündliche",
    "müssen",
    "nehmen",
    "nimmt",
    "persönlich",
    "persönliche",
    "persönlichen",
    "Termin",
    "Terminvereinbarung",
    "Rückmeldung",
    "schließlich",
    "selbstverständlich",
    "später",
    "über",
    "übermitteln",
    "unzulässig",
    "vollständig",
    "vollständige",
    "zulässig",
    "zurück",
    "zurückgewiesen",
    "zusätzlich",
    "zuständig",
    "Zustimmung",
    "Empfang",
];

/// Misreadings (lower case) and the word they stand for.
static MISREADINGS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &word in LEXICON {
        let lower = word.to_lowercase();
        let undotted: String = lower
            .chars()
            .map(|c| match c {
                'ä' => 'a',
                'ö' => 'o',
                'ü' => 'u',
                c => c,
            })
            .collect();
        let mut variants = vec![undotted.clone()];
        for (index, _) in lower.match_indices('m') {
            variants.push(format!("{}rn{}", &lower[..index], &lower[index + 1..]));
        }
        if undotted.contains('ß') {
            variants.push(undotted.replace('ß', "b"));
        }
        for variant in variants {
            if variant != lower {
                map.insert(variant, word);
            }
        }
    }
    map
});

/// Text with OCR confusions undone in the words for which `recognized(offset)` holds
/// (a text layer beside scanned pages stays as it is), and the map back to `text`.
pub fn correct(text: &str, recognized: impl Fn(usize) -> bool) -> (String, OffsetMap) {
    let mut out = MappedText::with_capacity(text.len() + 16);
    let mut rest = 0;
    for (start, token) in tokens(text) {
        out.push(&text[rest..start], rest);
        let fixed = if recognized(start) {
            correct_word(token)
        } else {
            token.to_string()
        };
        if fixed == token {
            out.push(token, start);
        } else {
            // Character by character where lengths allow, so that spans stay exact.
            let same_shape = fixed.chars().count() == token.chars().count();
            if same_shape {
                for ((offset, _), new) in token.char_indices().zip(fixed.chars()) {
                    out.push_char(new, start + offset);
                }
            } else {
                out.push(&fixed, start);
            }
        }
        rest = start + token.len();
    }
    out.push(&text[rest..], rest);
    out.finish()
}

/// Runs of letters, digits and `|` (what OCR may have made of a letter).
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '|';
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = text.len();
        while let Some(&(index, c)) = chars.peek() {
            if !is_word(c) {
                end = index;
                break;
            }
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

/// One word with its confusions undone.
fn correct_word(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    let lower = |i: usize| chars.get(i).is_some_and(|c| c.is_lowercase());
    let confusable = |c: char| matches!(c, 'I' | '1' | '|');
    let mut fixed = String::with_capacity(token.len() + 1);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if confusable(c) {
            // A run of them ("so11en") is a run of small l's between small letters, or
            // at the end of a word of small letters ("E-Mai1").
            let end = (i..chars.len())
                .find(|&j| !confusable(chars[j]))
                .unwrap_or(chars.len());
            let after_letters = i >= 2 && lower(i - 1) && lower(i - 2);
            let inside = i >= 1 && lower(i - 1) && lower(end);
            let at_end = end == chars.len() && after_letters && !chars[i..end].contains(&'I');
            for &original in &chars[i..end] {
                fixed.push(if inside || at_end { 'l' } else { original });
            }
            i = end;
            continue;
        }
        let sharp = c == 'B' && i >= 2 && lower(i - 1) && lower(i - 2) && lower(i + 1);
        fixed.push(if sharp { 'ß' } else { c });
        i += 1;
    }
    match MISREADINGS.get(&fixed.to_lowercase()) {
        Some(word) => {
            let mut word_chars = word.chars();
            match (fixed.chars().next(), word_chars.next()) {
                (Some(first), Some(letter)) if first.is_uppercase() => {
                    letter.to_uppercase().chain(word_chars).collect()
                }
                (_, Some(letter)) => letter.to_lowercase().chain(word_chars).collect(),
                _ => fixed,
            }
        }
        None => fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusions_are_undone_and_positions_kept() {
        let ocr = "Antrage werden ausschlieBlich per E-Mai1 oder nach Terrnin mit |hnen personlich so11en.";
        let (text, map) = correct(ocr, |_| true);
        assert_eq!(
            text,
            "Anträge werden ausschließlich per E-Mail oder nach Termin mit |hnen persönlich sollen."
        );
        let at = text.find("Termin").unwrap_or_default();
        assert_eq!(&ocr[map.map(at)..map.map(at) + 7], "Terrnin");
        let mail = text.find("Mail").unwrap_or_default();
        assert_eq!(map.map(mail + 3), ocr.find("Mai1").unwrap_or_default() + 3);
    }

    #[test]
    fn correct_german_is_left_alone() {
        for clean in [
            "Ich würde gern, wurden Sie gefragt, zahlt er? Halt, Kern und Wärme: die GmbH, IBAN DE12 3456, Anlage 1, 2026, BG-Nr. 123A45.",
            "Das Jobcenter nimmt Anträge über das Portal, per Fax oder E-Mail entgegen.",
            "ABC-Schützen, USB-Stick, iPhone und eBay: 100 % für Sie.",
        ] {
            assert_eq!(correct(clean, |_| true).0, clean);
        }
        let layer = "Antrage nur per E-Mai1.";
        assert_eq!(
            correct(layer, |offset| offset > 8).0,
            "Antrage nur per E-Mail."
        );
    }
}
