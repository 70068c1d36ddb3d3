//! Normalization of extracted text before matching.
//!
//! Letters reach us with decomposed umlauts (macOS, some PDFs), soft hyphens, words split
//! across line ends ("Kommuni-\nkation"), typographic quotes and dashes, non-breaking
//! spaces and e-mail quote markers. Rules are written once against a clean form of the
//! text; every change is recorded in an [`OffsetMap`] so that findings still point at the
//! original line and column.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::offsets::{MappedText, OffsetMap};

/// Text ready for sentence splitting and matching.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text: NFC, single spaces, `\n` for a line break, `\n\n` between
    /// paragraphs, `"` and `'` for all quotation marks, `-` for all dashes.
    pub text: String,
    /// Maps offsets in `text` to offsets in the text that was normalized.
    pub map: OffsetMap,
    /// Ranges of `text` that came from lines marked as quoted (`> ` in e-mail replies).
    pub quoted_lines: Vec<Range<usize>>,
}

/// Normalizes `input`; see the module documentation for what changes.
pub fn normalize(input: &str) -> Normalized {
    match is_nfc_quick(input.chars()) {
        IsNormalized::Yes => fold(input),
        _ => {
            let (composed, compose_map) = compose_nfc(input);
            let mut folded = fold(&composed);
            folded.map = folded.map.then(&compose_map);
            folded
        }
    }
}

/// Composes each base character with its combining marks ("u\u{308}" -> "ü").
fn compose_nfc(input: &str) -> (String, OffsetMap) {
    let mut out = MappedText::with_capacity(input.len());
    let mut chars = input.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if canonical_combining_class(next) == 0 {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        let cluster = &input[start..end];
        if cluster.len() == c.len_utf8() {
            out.push(cluster, start);
        } else {
            let composed: String = cluster.nfc().collect();
            out.push(&composed, start);
        }
    }
    out.finish()
}

/// How a single character is rewritten.
enum Rewrite {
    Keep,
    Drop,
    Space,
    Newline,
    Replace(&'static str),
}

fn rewrite(c: char) -> Rewrite {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Rewrite::Drop
        }
        '\n' | '\u{000C}' | '\u{2028}' | '\u{2029}' => Rewrite::Newline,
        '\r' => Rewrite::Drop,
        '\u{201E}' | '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => Rewrite::Replace("\""),
        '\u{201A}' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2039}' | '\u{203A}'
        | '\u{2032}' | '`' | '\u{00B4}' => Rewrite::Replace("'"),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Rewrite::Replace("-"),
        '\u{FB00}' => Rewrite::Replace("ff"),
        '\u{FB01}' => Rewrite::Replace("fi"),
        '\u{FB02}' => Rewrite::Replace("fl"),
        '\u{FB03}' => Rewrite::Replace("ffi"),
        '\u{FB04}' => Rewrite::Replace("ffl"),
        '\u{FB05}' | '\u{FB06}' => Rewrite::Replace("st"),
        c if c.is_whitespace() || c.is_control() => Rewrite::Space,
        _ => Rewrite::Keep,
    }
}

/// Words after a line-end hyphen that mark an elided compound part ("Ein- und Ausgang").
const KEEP_HYPHEN_BEFORE: [&str; 5] = ["und", "oder", "bzw", "sowie", "bis"];

/// One pass that rewrites characters, folds whitespace, joins hyphenated line breaks and
/// removes quote markers at line starts.
fn fold(input: &str) -> Normalized {
    let mut out = MappedText::with_capacity(input.len());
    let mut quoted_lines = Vec::new();
    let mut pending_space: Option<usize> = None;
    let mut pending_newlines = 0usize;
    let mut at_line_start = true;
    let mut quoted_line_start: Option<usize> = None;
    let mut i = 0;
    let bytes = input.as_bytes();
    while i < input.len() {
        // Fast path: a run of printable ASCII that is kept as it is (most of a letter)
        // is copied in one piece once pending spaces and line breaks are written.
        if pending_space.is_none() && pending_newlines == 0 && !at_line_start {
            let run = plain_run(&bytes[i..]);
            if run > 0 {
                out.push(&input[i..i + run], i);
                i += run;
                continue;
            }
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        let width = c.len_utf8();

        if at_line_start {
            if let Some(marker_len) = quote_marker_len(&input[i..]) {
                quoted_line_start.get_or_insert(out.text().len());
                i += marker_len;
                at_line_start = false;
                continue;
            }
            if !matches!(c, ' ' | '\t') {
                at_line_start = false;
            }
        }

        if c == '-'
            && let Some(skip) = hyphen_break(input, i)
        {
            match skip {
                HyphenBreak::Join(next) => {
                    i = next;
                    continue;
                }
                HyphenBreak::KeepHyphen(next) => {
                    out.push("-", i);
                    i = next;
                    continue;
                }
                HyphenBreak::KeepHyphenAndSpace(next) => {
                    out.push("-", i);
                    pending_space = Some(i + 1);
                    i = next;
                    continue;
                }
            }
        }

        match rewrite(c) {
            Rewrite::Drop => {}
            Rewrite::Space => {
                pending_space.get_or_insert(i);
            }
            Rewrite::Newline => {
                pending_newlines += 1;
                pending_space = None;
                at_line_start = true;
                if let Some(start) = quoted_line_start.take() {
                    quoted_lines.push(start..out.text().len());
                }
            }
            rewrite => {
                if pending_newlines > 0 {
                    if !out.text().is_empty() {
                        let breaks = if pending_newlines > 1 { "\n\n" } else { "\n" };
                        out.push(breaks, i.saturating_sub(1));
                    }
                    pending_newlines = 0;
                    pending_space = None;
                    if quoted_line_start.is_some() {
                        quoted_line_start = Some(out.text().len());
                    }
                } else if let Some(space_at) = pending_space.take()
                    && !out.text().is_empty()
                {
                    out.push(" ", space_at);
                }
                match rewrite {
                    Rewrite::Replace(piece) => out.push(piece, i),
                    _ => out.push(&input[i..i + width], i),
                }
            }
        }
        i += width;
    }
    if let Some(start) = quoted_line_start {
        quoted_lines.push(start..out.text().len());
    }
    let (text, map) = out.finish();
    Normalized {
        text,
        map,
        quoted_lines,
    }
}

/// Printable ASCII that normalization keeps as it is: not a backquote (a quotation
/// mark) and not a hyphen (which may end a line).
fn is_plain(byte: u8) -> bool {
    byte.is_ascii_graphic() && byte != b'-' && byte != b'`'
}

/// The length of the run at the start of `bytes` that normalization copies unchanged:
/// plain bytes, and single spaces and hyphens between them (a hyphen followed by a
/// letter cannot end a line, a single space between words stays one space).
fn plain_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    while let Some(&byte) = bytes.get(run) {
        let kept = is_plain(byte)
            || (run > 0
                && (byte == b' ' || byte == b'-')
                && bytes.get(run + 1).copied().is_some_and(is_plain)
                && (byte == b'-' || is_plain(bytes[run - 1])));
        if !kept {
            break;
        }
        run += 1;
    }
    run
}

/// Length of an e-mail quote marker ("> ", ">> ", "> > ") at the start of a line.
fn quote_marker_len(line: &str) -> Option<usize> {
    if !line.trim_start_matches([' ', '\t']).starts_with('>') {
        return None;
    }
    Some(line.len() - line.trim_start_matches([' ', '\t', '>']).len())
}

enum HyphenBreak {
    /// "Kommuni-\nkation": drop hyphen and break; continue at the offset.
    Join(usize),
    /// "E-\nMail": keep the hyphen, drop the break.
    KeepHyphen(usize),
    /// "Ein-\nund Ausgang": keep the hyphen and a space.
    KeepHyphenAndSpace(usize),
}

/// Decides what to do with a hyphen at `at` if a line break follows it.
fn hyphen_break(input: &str, at: usize) -> Option<HyphenBreak> {
    let before = input[..at].chars().next_back()?;
    if !before.is_alphabetic() {
        return None;
    }
    let rest = &input[at + 1..];
    let after_spaces = rest.trim_start_matches([' ', '\t', '\r']);
    let after_break = after_spaces.strip_prefix('\n')?;
    let next_word_start = after_break.trim_start_matches([' ', '\t']);
    let next_at = input.len() - next_word_start.len();
    let next = next_word_start.chars().next()?;
    if !next.is_alphabetic() {
        return None;
    }
    let next_word: String = next_word_start
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    if in_address(input, at, next_at) {
        // "jobcenter-\nmusterstadt@jobcenter-ge.de": the hyphen belongs to the address.
        return Some(HyphenBreak::KeepHyphen(next_at));
    }
    if KEEP_HYPHEN_BEFORE.contains(&next_word.to_lowercase().as_str()) {
        Some(HyphenBreak::KeepHyphenAndSpace(next_at))
    } else if next.is_uppercase() {
        Some(HyphenBreak::KeepHyphen(next_at))
    } else {
        Some(HyphenBreak::Join(next_at))
    }
}

/// Whether the hyphen at `at`, continued at `next_at` after a line break, is part of an
/// e-mail address or a web address (the words around it hold `@`, `www.` or `://`).
fn in_address(input: &str, at: usize, next_at: usize) -> bool {
    let before_start = input[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let after_end = input[next_at..]
        .find(char::is_whitespace)
        .map_or(input.len(), |i| next_at + i);
    [&input[before_start..at], &input[next_at..after_end]]
        .iter()
        .any(|part| part.contains('@') || part.contains("www.") || part.contains("://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin_of<'a>(input: &'a str, normalized: &Normalized, needle: &str) -> &'a str {
        let at = normalized.text.find(needle).unwrap_or(usize::MAX);
        &input[normalized.map.map(at)..]
    }

    #[test]
    fn joins_hyphenated_words_and_keeps_offsets() {
        let input = "Die Kommuni-\n   kation per E-\nMail ist nicht mehr möglich.";
        let n = normalize(input);
        assert_eq!(
            n.text,
            "Die Kommunikation per E-Mail ist nicht mehr möglich."
        );
        assert!(origin_of(input, &n, "kation").starts_with("kation per"));
        assert!(origin_of(input, &n, "Mail ist").starts_with("Mail ist"));
    }

    #[test]
    fn keeps_the_hyphen_of_an_address_broken_at_a_line_end() {
        let text = "E-Mail: jobcenter-\nmusterstadt@jobcenter-ge.de und Kommuni-\nkation";
        assert_eq!(
            normalize(text).text,
            "E-Mail: jobcenter-musterstadt@jobcenter-ge.de und Kommunikation"
        );
    }

    #[test]
    fn keeps_hyphen_of_elided_compounds() {
        let n = normalize("Ein-\nund Ausgang");
        assert_eq!(n.text, "Ein- und Ausgang");
    }

    #[test]
    fn composes_decomposed_umlauts_and_drops_soft_hyphens() {
        let input = "Anfragen per E-Mail werden nicht mehr beantwortet und nicht mehr be\u{00AD}arbeitet. Ku\u{308}ndigung";
        let n = normalize(input);
        assert!(n.text.ends_with("bearbeitet. Kündigung"));
        assert!(origin_of(input, &n, "ndigung").starts_with("ndigung"));
    }

    #[test]
    fn folds_whitespace_and_quotes() {
        let n = normalize("  „E-Mails\u{00A0}werden   nicht bearbeitet“ –\tsagt er\r\n\r\n\r\nNeu");
        assert_eq!(
            n.text,
            "\"E-Mails werden nicht bearbeitet\" - sagt er\n\nNeu"
        );
    }

    #[test]
    fn strips_reply_markers_and_records_quoted_lines() {
        let input = "Antwort\n> E-Mails werden nicht\n> bearbeitet.\nGruß";
        let n = normalize(input);
        assert_eq!(n.text, "Antwort\nE-Mails werden nicht\nbearbeitet.\nGruß");
        let quoted: Vec<&str> = n.quoted_lines.iter().map(|r| &n.text[r.clone()]).collect();
        assert_eq!(quoted, ["E-Mails werden nicht", "bearbeitet."]);
    }
}
