//! German-aware sentence splitting on normalized text.
//!
//! A period is not always a sentence end in German agency prose: "Abs.", "Nr.", "z. B.",
//! "ggf.", ordinal dates ("1. Oktober") and "§ 9 SGB X. ist" continue the sentence.
//! Headings, list items and letter parts often have no period at all, so line structure
//! ends sentences too.

use std::ops::Range;

/// A sentence: its byte range in the normalized text and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

/// Abbreviations (lowercase, without the period) after which a period does not end a
/// sentence. Single letters are handled separately ("z. B.", "u. a.", initials).
const ABBREVIATIONS: &[&str] = &[
    "abs", "nr", "bzw", "ggf", "vgl", "tel", "str", "ca", "dr", "prof", "hr", "fr", "frl", "evtl",
    "inkl", "zzgl", "bspw", "sog", "gem", "lt", "geb", "az", "aktz", "kd", "kdnr", "bg", "zb",
    "ua", "uvm", "usf", "mo", "di", "mi", "do", "sa", "so", "jan", "feb", "mär", "apr", "jun",
    "jul", "aug", "sep", "sept", "okt", "nov", "dez", "ziff", "buchst", "lit", "art", "anm", "bd",
    "hrsg", "jh", "max", "min", "mind", "nachm", "vorm", "orig", "st", "std", "tsd", "mio", "mrd",
    "v", "vs", "bzgl", "zzt", "z.t", "d.h", "i.d.r", "u.a", "z.b", "o.g", "u.u", "i.v", "i.a",
    "i.s.d", "rn", "rz", "ff", "aufl", "pkt",
];

/// Sentences and the paragraphs they belong to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub sentences: Vec<Sentence>,
    /// Byte ranges of paragraphs: blocks between blank lines, and each list item on its
    /// own (a bulleted notice lists separate statements). `Sentence::paragraph` indexes
    /// this list.
    pub paragraphs: Vec<Range<usize>>,
}

/// Words a sentence is checked in at most. A "sentence" of thousands of words (text
/// without punctuation, a hostile file) is checked in windows of this many words, so
/// that its cost and the size of its findings grow with its length, not with its
/// square. German sentences, even in agency prose, stay far below it.
pub const MAX_SENTENCE_WORDS: usize = 400;

impl Segmentation {
    fn push_sentence(&mut self, text: &str, range: Range<usize>) {
        let slice = &text[range.clone()];
        let trimmed_start = slice.len() - slice.trim_start().len();
        let trimmed_end = slice.trim_end().len();
        if trimmed_end <= trimmed_start {
            return;
        }
        let mut start = range.start + trimmed_start;
        let end = range.start + trimmed_end;
        while let Some(cut) = window_end(&text.as_bytes()[start..end], MAX_SENTENCE_WORDS) {
            self.push_trimmed(start..start + cut.0);
            start += cut.1;
        }
        self.push_trimmed(start..end);
    }

    fn push_trimmed(&mut self, range: Range<usize>) {
        self.sentences.push(Sentence {
            range,
            paragraph: self.paragraphs.len(),
        });
    }

    fn close_paragraph(&mut self, range: Range<usize>) {
        self.paragraphs.push(range);
    }
}

/// Splits normalized text into sentences and paragraphs.
pub fn split(text: &str) -> Segmentation {
    split_blocks(text, |_| true)
}

/// Like [`split`], but only the blocks between blank lines (numbered from 0) for which
/// `wanted` is true: a sentence never crosses a blank line, so these sentences are the
/// same as in the whole text's segmentation.
pub fn split_blocks(text: &str, wanted: impl Fn(usize) -> bool) -> Segmentation {
    let mut segmentation = Segmentation::default();
    let mut block_start = 0;
    // The blank lines as `str::split("\n\n")` finds them, with a SIMD search.
    let blank_lines = memchr::memmem::find_iter(text.as_bytes(), b"\n\n");
    for (index, block_end) in blank_lines.chain([text.len()]).enumerate() {
        if wanted(index) {
            split_block(text, block_start..block_end, &mut segmentation);
        }
        block_start = block_end + 2;
    }
    segmentation
}

fn split_block(text: &str, range: Range<usize>, segmentation: &mut Segmentation) {
    let block = &text[range.clone()];
    let width = block
        .split('\n')
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    let bytes = text.as_bytes();
    let mut start = range.start;
    let mut paragraph_start = range.start;
    let mut i = range.start;
    while i < range.end {
        let boundary = match bytes[i] {
            b'.' | b'!' | b'?' => terminator_end(&text[..range.end], i),
            b'\n' => line_break_ends_sentence(&text[..range.end], i, width).then_some(i),
            _ => None,
        };
        if let Some(end) = boundary {
            segmentation.push_sentence(text, start..end);
            if bytes[i] == b'\n' && starts_with_list_marker(&text[i + 1..range.end]) {
                segmentation.close_paragraph(paragraph_start..i);
                paragraph_start = i + 1;
            }
            start = end;
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    segmentation.push_sentence(text, start..range.end);
    segmentation.close_paragraph(paragraph_start..range.end);
}

/// Where a trimmed sentence longer than `words` words is cut: the end of its first
/// `words` words and the start of the next word (byte offsets); `None` when it is not
/// longer.
fn window_end(sentence: &[u8], words: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    let mut last_end = 0;
    let mut previous_space = true;
    for (at, byte) in sentence.iter().enumerate() {
        let space = byte.is_ascii_whitespace();
        if !space && previous_space {
            if seen == words {
                return Some((last_end, at));
            }
            seen += 1;
        }
        if space && !previous_space {
            last_end = at;
        }
        previous_space = space;
    }
    None
}

/// If the terminator at `at` ends a sentence, the offset just after it (and after any
/// closing quotes or brackets).
fn terminator_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = at + 1;
    while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
        end += 1;
    }
    while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
        end += 1;
    }
    let rest = &text[end..];
    if rest.is_empty() {
        return Some(end);
    }
    if !rest.starts_with([' ', '\n']) {
        return None;
    }
    // A new sentence starts with a capital, a digit, a quotation mark, a list dash, an
    // arrow of a note or a check box ("… 1 Monat!). → Antrag heute …", "[ ] Ich …");
    // "zum ... (jeweils anderen) Amt" and "X. ist" continue the sentence.
    let next = rest.trim_start().chars().next()?;
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(
            next,
            '"' | '\''
                | '-'
                | '•'
                | '*'
                | '→'
                | '⇒'
                | '➔'
                | '►'
                | '▶'
                | '▸'
                | '✓'
                | '✔'
                | '☐'
                | '☑'
                | '☒'
                | '['
        ))
    {
        return None;
    }
    if bytes[at] == b'.' && end == at + 1 && is_abbreviation_or_ordinal(&text[..at]) {
        return None;
    }
    Some(end)
}

/// Whether the word just before a period makes the period part of the sentence.
fn is_abbreviation_or_ordinal(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\'' | '/'))
        .map_or(0, |i| i + 1);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.len() <= 2;
    }
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && lower.chars().all(|c| c.is_alphabetic() || c == '.'))
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether a single line break at `at` ends a sentence. Wrapped prose fills its lines,
/// so a break after which the next word would still have fitted (within the paragraph's
/// widest line) was made on purpose: a heading, a letter part, an address line.
fn line_break_ends_sentence(text: &str, at: usize, width: usize) -> bool {
    let next_line = &text[at + 1..];
    if starts_with_list_marker(next_line) {
        return true;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..at].trim();
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    if matches!(last, ',' | ';' | '-' | '(' | '/' | '&') || ends_with_connector(line) {
        return false;
    }
    let next_upper = next_line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"');
    if !next_upper {
        return false;
    }
    let next_word = next_line.split(' ').next().unwrap_or("").chars().count();
    last == ':' || line.chars().count() + 1 + next_word <= width
}

fn ends_with_connector(line: &str) -> bool {
    let last_word = line.rsplit(' ').next().unwrap_or("").to_lowercase();
    matches!(
        last_word.as_str(),
        "und"
            | "oder"
            | "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "des"
            | "ein"
            | "eine"
            | "einen"
            | "einem"
            | "einer"
            | "zu"
            | "zum"
            | "zur"
            | "mit"
            | "per"
            | "über"
            | "für"
            | "an"
            | "auf"
            | "bei"
            | "von"
            | "im"
            | "in"
            | "nicht"
            | "dass"
            | "wir"
            | "sie"
            | "ist"
            | "sind"
            | "werden"
            | "wird"
            | "bzw."
            | "sowie"
            | "als"
    )
}

fn starts_with_list_marker(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '▪' | '◦' | '–') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() || c.is_ascii_lowercase() => {
            let marker: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let after = &line[marker.len()..];
            (marker.len() <= 2 && (after.starts_with(". ") || after.starts_with(") ")))
                && (c.is_ascii_digit() || after.starts_with(") "))
                && !(after.starts_with(". ") && starts_with_month(&after[2..]))
        }
        _ => false,
    }
}

/// Whether text starts with a month's name: "1. Oktober" wrapped to the start of a line
/// is a date, not the first item of a numbered list.
fn starts_with_month(text: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ];
    let word: String = text
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    word.len() >= 3 && MONTHS.iter().any(|month| month.starts_with(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_wrapped_to_a_line_start_is_no_list_item() {
        let text =
            "Anfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet.\n1. Punkt eins";
        let segmentation = split(text);
        assert_eq!(
            texts(text),
            [
                "Anfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet.",
                "1. Punkt eins"
            ]
        );
        assert_eq!(segmentation.paragraphs.len(), 2);
    }

    fn texts(input: &str) -> Vec<&str> {
        split(input)
            .sentences
            .into_iter()
            .map(|s| &input[s.range])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let input = "Nach § 36a Abs. 1 SGB I bzw. Nr. 3 gilt z. B. Folgendes u. a. für Sie. Ggf. melden Sie sich.";
        assert_eq!(
            texts(input),
            [
                "Nach § 36a Abs. 1 SGB I bzw. Nr. 3 gilt z. B. Folgendes u. a. für Sie.",
                "Ggf. melden Sie sich."
            ]
        );
    }

    #[test]
    fn arrows_and_check_boxes_after_a_period_start_a_sentence() {
        let input = "Das verschiebt das Antragsdatum (höchstens 1 Monat!). → Antrag heute unterschrieben. [ ] Ich stimme zu. ☐ Ich nicht.";
        assert_eq!(
            texts(input),
            [
                "Das verschiebt das Antragsdatum (höchstens 1 Monat!).",
                "→ Antrag heute unterschrieben.",
                "[ ] Ich stimme zu.",
                "☐ Ich nicht."
            ]
        );
    }

    #[test]
    fn ordinal_dates_and_lowercase_continuations_stay_inside() {
        let input = "Ab dem 1. Oktober werden E-Mails nicht mehr bearbeitet. Nach § 9 SGB X. ist das Verfahren formlos. Danach nicht.";
        assert_eq!(
            texts(input),
            [
                "Ab dem 1. Oktober werden E-Mails nicht mehr bearbeitet.",
                "Nach § 9 SGB X. ist das Verfahren formlos.",
                "Danach nicht."
            ]
        );
    }

    #[test]
    fn headings_list_items_and_paragraphs_end_sentences() {
        let input = "Kontakt\nE-Mails werden nicht gelesen\n\nSie erreichen uns:\n- per Post\n- per Telefon\nMit freundlichen Grüßen\nIhr Jobcenter";
        assert_eq!(
            texts(input),
            [
                "Kontakt",
                "E-Mails werden nicht gelesen",
                "Sie erreichen uns:",
                "- per Post",
                "- per Telefon",
                "Mit freundlichen Grüßen\nIhr Jobcenter"
            ]
        );
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        let input = "Wir teilen Ihnen mit, dass Anfragen, die uns per E-Mail erreichen,\nkünftig nicht mehr beantwortet werden. Danke.";
        assert_eq!(
            texts(input),
            [
                "Wir teilen Ihnen mit, dass Anfragen, die uns per E-Mail erreichen,\nkünftig nicht mehr beantwortet werden.",
                "Danke."
            ]
        );
    }

    #[test]
    fn ellipsis_before_a_bracket_continues_the_sentence() {
        let input = "Da müssen Sie zum ... (jeweils anderen) Amt gehen. Danke.";
        assert_eq!(
            texts(input),
            [
                "Da müssen Sie zum ... (jeweils anderen) Amt gehen.",
                "Danke."
            ]
        );
    }

    #[test]
    fn questions_and_quotes_end_sentences() {
        let input = "Ist das so? \"Ja.\" Gut!";
        assert_eq!(texts(input), ["Ist das so?", "\"Ja.\"", "Gut!"]);
    }

    #[test]
    fn a_sentence_of_thousands_of_words_is_cut_into_windows() {
        let words: Vec<String> = (0..1000).map(|n| format!("Wort{n}")).collect();
        let text = format!("Kurz. {}\n\nEnde.", words.join(" "));
        let segmentation = split(&text);
        let parts: Vec<&str> = segmentation
            .sentences
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect();
        assert_eq!(
            parts.len(),
            5,
            "{:?}",
            parts.iter().map(|p| p.len()).collect::<Vec<_>>()
        );
        assert_eq!(parts[0], "Kurz.");
        assert_eq!(parts[1], words[..400].join(" "));
        assert_eq!(parts[2], words[400..800].join(" "));
        assert_eq!(parts[3], words[800..].join(" "));
        assert_eq!(parts[4], "Ende.");
        let paragraphs: Vec<usize> = segmentation.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 0, 0, 0, 1]);
        // Exactly the limit stays one sentence.
        let limit = words[..MAX_SENTENCE_WORDS].join(" ");
        assert_eq!(texts(&limit), [limit.as_str()]);
    }

    #[test]
    fn paragraphs_are_numbered() {
        let segmentation = split("Eins. Zwei.\n\nDrei.");
        let paragraphs: Vec<usize> = segmentation.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 0, 1]);
        assert_eq!(segmentation.paragraphs, [0..11, 13..18]);
    }

    #[test]
    fn list_items_are_paragraphs_of_their_own() {
        let input = "Hinweise:\n- Erstens gilt das.\n- Zweitens.";
        let segmentation = split(input);
        let paragraphs: Vec<&str> = segmentation
            .paragraphs
            .iter()
            .map(|r| &input[r.clone()])
            .collect();
        assert_eq!(
            paragraphs,
            ["Hinweise:", "- Erstens gilt das.", "- Zweitens."]
        );
        let of_sentences: Vec<usize> = segmentation.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(of_sentences, [0, 1, 2]);
    }
}
