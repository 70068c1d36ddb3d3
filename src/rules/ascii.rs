//! A fast path for German text: umlauts and ß are two bytes in UTF-8, and so are their
//! spellings `ae`, `oe`, `ue`, `ss`. A sentence whose only non-ASCII letters are these
//! can be spelled in ASCII with every byte offset unchanged, and each regex rewritten to
//! match that spelling. On ASCII text the regex crate's DFA handles Unicode word
//! boundaries; on German text it has to fall back to a backtracking engine many times
//! slower. Matches are checked to fall on character boundaries of the original text; a
//! sentence with other non-ASCII characters uses the original regexes.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

/// The two-byte letters and their two-byte ASCII spellings.
const SPELLINGS: [(char, &str); 7] = [
    ('ä', "ae"),
    ('ö', "oe"),
    ('ü', "ue"),
    ('Ä', "Ae"),
    ('Ö', "Oe"),
    ('Ü', "Ue"),
    ('ß', "ss"),
];

fn spelling(c: char) -> Option<&'static str> {
    SPELLINGS
        .iter()
        .find(|(letter, _)| *letter == c)
        .map(|(_, ascii)| *ascii)
}

/// The text spelled in ASCII with the same byte offsets, or `None` when it holds other
/// non-ASCII characters.
pub fn ascii_spelling(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    ascii_spelling_into(text, &mut out).then_some(out)
}

/// Like [`ascii_spelling`], into a buffer used again for every sentence; returns
/// whether `text` has such a spelling (`out` then holds it).
pub fn ascii_spelling_into(text: &str, out: &mut String) -> bool {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        return true;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(ascii) = spelling(c) {
            out.push_str(ascii);
        } else {
            return false;
        }
    }
    true
}

/// Texts from this length on are worth spelling whole so that regexes' ASCII variants
/// can rule out matches in them: in its slow engine a regex would search them for longer
/// than spelling them and compiling the variant take.
const WHOLE_TEXT_FROM_BYTES: usize = 64 << 10;

/// The spelling of a whole text that is long and not ASCII already (on ASCII text the
/// regexes' own DFA is fast), if it has one.
pub fn long_text_spelling(text: &str) -> Option<String> {
    if text.len() < WHOLE_TEXT_FROM_BYTES || text.is_ascii() {
        return None;
    }
    ascii_spelling(text)
}

/// Whether `spelled`, the ASCII spelling of a text, is one of [`long_text_spelling`].
pub fn is_long(spelled: &str) -> bool {
    spelled.len() >= WHOLE_TEXT_FROM_BYTES
}

/// The pattern rewritten for ASCII-spelled text, or `None` when it cannot be parsed.
/// The pattern is read case-insensitively, as all rule regexes; the rewritten one has
/// every case variant spelled out and is compiled case-sensitively, so that the parts a
/// pattern marks case-sensitive (`(?-i:…)`) stay so and no class is case-folded twice
/// (folding the huge negated classes such as `[^\s,;:]` again took most of the time
/// compiling a variant).
pub fn ascii_pattern(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    Some(rewrite(&hir).to_string())
}

fn rewrite(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(literal) => {
            let text = String::from_utf8_lossy(&literal.0);
            let spelled: String = text
                .chars()
                .map(|c| spelling(c).map_or_else(|| c.to_string(), str::to_string))
                .collect();
            Hir::literal(spelled.into_bytes())
        }
        HirKind::Class(Class::Unicode(class)) => rewrite_class(class),
        HirKind::Repetition(repetition) => {
            let mut repetition = repetition.clone();
            repetition.sub = Box::new(rewrite(&repetition.sub));
            Hir::repetition(repetition)
        }
        HirKind::Capture(capture) => {
            let mut capture = capture.clone();
            capture.sub = Box::new(rewrite(&capture.sub));
            Hir::capture(capture)
        }
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(rewrite).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(rewrite).collect()),
        HirKind::Look(look) => Hir::look(ascii_look(*look)),
        _ => hir.clone(),
    }
}

/// The ASCII form of a word boundary: on ASCII text it holds where the Unicode one
/// does, and the lazy DFA needs no Unicode tables for it. `\B` keeps its Unicode form
/// (its ASCII form could match inside a character and is refused in UTF-8 mode).
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// A class without the two-byte letters, or'ed with the spellings of those it held.
fn rewrite_class(class: &ClassUnicode) -> Hir {
    let held: Vec<&str> = SPELLINGS
        .iter()
        .filter(|(letter, _)| {
            class
                .ranges()
                .iter()
                .any(|range| range.start() <= *letter && *letter <= range.end())
        })
        .map(|(_, ascii)| *ascii)
        .collect();
    // Spelled text is ASCII: what a class holds beyond ASCII can never match there,
    // and leaving it out keeps the DFA's alphabet small (a case-folded `s` holds `ſ`,
    // a negated class all of Unicode), so that its lazily built states take a quarter
    // of the memory on keyword-dense text.
    let mut rest = class.clone();
    rest.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
    if held.is_empty() {
        return Hir::class(Class::Unicode(rest));
    }
    let mut alternatives = vec![Hir::class(Class::Unicode(rest))];
    let mut spelled: Vec<&str> = held;
    spelled.sort_unstable();
    spelled.dedup();
    alternatives.extend(
        spelled
            .into_iter()
            .map(|ascii| Hir::literal(ascii.as_bytes())),
    );
    Hir::alternation(alternatives)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(pattern: &str, text: &str) -> Option<(usize, usize)> {
        let regex = crate::rules::ascii_variant(pattern)?;
        let spelled = ascii_spelling(text)?;
        regex.find(&spelled).map(|m| (m.start(), m.end()))
    }

    #[test]
    fn offsets_stay_and_umlauts_match_their_spelling() {
        let text = "Anträge werden für Sie nicht übermittelt, Straße";
        assert_eq!(ascii_spelling(text).map(|s| s.len()), Some(text.len()));
        assert_eq!(finds(r"\bantr[äa]ge?\b", text), Some((0, 8)));
        let fuer = text.find("für").unwrap_or(0);
        assert_eq!(finds(r"\bfür\b", text), Some((fuer, fuer + 4)));
        assert_eq!(
            finds(r"\bÜBERMITTEL\w*", text),
            Some((
                text.find("übermittelt").unwrap_or(0),
                text.find(",").unwrap_or(0)
            ))
        );
        assert_eq!(
            finds(r"stra(?:ß|ss)e", text),
            Some((text.len() - 7, text.len()))
        );
        assert_eq!(ascii_spelling("Zoë"), None);
    }

    #[test]
    fn variants_leave_out_what_ascii_text_cannot_hold() {
        // A case-folded `s` holds `ſ`, a negated class all of Unicode; `\b` needs no
        // Unicode tables on ASCII text.
        let pattern = ascii_pattern(r"\bs[^\s,;:]*\b").unwrap_or_default();
        assert!(pattern.is_ascii(), "{pattern}");
        assert!(pattern.starts_with(r"(?:(?-u:\b)[Ss]"), "{pattern}");
        assert_eq!(finds(r"\bs[^\s,;:]*\b", "Er sagt: Straße!"), Some((3, 7)));
        assert_eq!(finds(r"\bstra(?:ß|ss)e\b", "zur Straße."), Some((4, 11)));
        assert_eq!(finds(r"\bstraße\b", "Straßenbahn"), None);
    }

    #[test]
    fn case_sensitive_parts_stay_case_sensitive() {
        let lower_case_word = r"\b(?-i:[a-zäöüß])\w*";
        assert_eq!(finds(lower_case_word, "Ärger"), None);
        assert_eq!(finds(lower_case_word, "ärger"), Some((0, 6)));
        assert_eq!(finds(r"\bÄrger", "ÄRGER"), Some((0, 6)));
    }
}
