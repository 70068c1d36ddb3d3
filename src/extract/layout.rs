//! Page layout: from the lines of a document's pages to the text the engine reads.
//!
//! Printed letters have page furniture — a footer with the agency's address, a header,
//! "Seite 2 von 3" — that stands between the two halves of a sentence running on to the
//! next page, and paragraphs that only the layout separates: a gap above a line, an
//! indent, a short line that ends a sentence. This module decides, for lines given as
//! ranges of a source text (the page text of a PDF built from line geometry, or a
//! plain-text file whose pages are separated by form feeds), which lines are furniture,
//! where paragraphs start and where a paragraph runs on across a page break, and writes
//! the text with blank lines between paragraphs and an [`OffsetMap`] back to the source.
//! Furniture is left out of the text but kept for the rules' evidence (an agency's
//! e-mail address in the footer still counts).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::builtin_regex::built_in;
use crate::engine::offsets::{MappedText, OffsetMap};

/// Where a line stands on its page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub left: f64,
    pub right: f64,
    pub baseline: f64,
    /// Font size.
    pub size: f64,
    /// Width of the line's first word, to tell whether it would have fitted on the line
    /// before (then that line was ended on purpose, otherwise the text wrapped).
    pub first_word: f64,
    /// The right edge of the column the line belongs to.
    pub column_right: f64,
    /// Height of the page.
    pub page_height: f64,
}

/// A line of a page: a range of the source and what is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub range: Range<usize>,
    pub geometry: Option<Geometry>,
    /// The line starts a paragraph: a blank line or a gap above it, or the line before
    /// ended a paragraph.
    pub starts_paragraph: bool,
}

/// The text of laid-out pages, ready for the engine.
#[derive(Debug, Clone, Default)]
pub struct Flowed {
    /// Body lines, paragraphs separated by blank lines.
    pub text: String,
    /// Maps offsets of `text` to the source.
    pub to_source: OffsetMap,
    /// The furniture left out of `text`, one line each: evidence for the rules.
    pub furniture: String,
    /// `(first source line, page)` of each page, 1-based.
    pub line_pages: Vec<(usize, u64)>,
}

/// Page numbers as letters print them: "Seite 2 von 3", "- 2 -", "2/3", "Page 2".
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?i)^[\s\-–—]*(?:(?:seite|blatt|page|s\.)\s*)?\d{1,4}(?:\s*(?:von|/|of|aus)\s*\d{1,4})?[\s\-–—]*$",
    )
});

/// How many lines at the top and bottom of a page without geometry may be furniture.
const EDGE_LINES: usize = 4;

/// Share of the page height at the top and bottom where headers and footers stand.
const EDGE_SHARE: f64 = 0.16;

/// The text of a line: its range of the source, trimmed.
fn line_text<'s>(source: &'s str, line: &Line) -> &'s str {
    source.get(line.range.clone()).unwrap_or("").trim()
}

/// Lines repeated at the same edge of several pages, with digits masked ("Seite 1 von
/// 3" and "Seite 2 von 3" are the same furniture) and only letters and digits
/// compared: OCR reads the separators of a footer („Musterstadt · Musterstraße 1“) as
/// `·`, `-`, `:` or `+` from page to page.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

/// Whether a line stands where a header or footer can: near the top or bottom edge.
fn at_edge(page: &[Line], index: usize) -> bool {
    match page[index].geometry {
        Some(geometry) => {
            let share = geometry.baseline / geometry.page_height.max(1.0);
            !(EDGE_SHARE..=1.0 - EDGE_SHARE).contains(&share)
        }
        None => index < EDGE_LINES || index + EDGE_LINES >= page.len(),
    }
}

/// Marks headers, footers and page numbers: lines at a page's edge that are a page
/// number, or that recur at the edges of at least two pages.
pub fn furniture(source: &str, pages: &[Vec<Line>]) -> Vec<Vec<bool>> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages {
        let mut seen = std::collections::HashSet::new();
        for index in (0..page.len()).filter(|&i| at_edge(page, i)) {
            let key = furniture_key(line_text(source, &page[index]));
            if !key.is_empty() && seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    pages
        .iter()
        .map(|page| {
            (0..page.len())
                .map(|index| {
                    if !at_edge(page, index) {
                        return false;
                    }
                    let text = line_text(source, &page[index]);
                    PAGE_NUMBER.is_match(text)
                        || (pages.len() > 1
                            && counts.get(&furniture_key(text)).copied().unwrap_or(0) >= 2)
                })
                .collect()
        })
        .collect()
}

/// Whether a line ends its paragraph: it ends a sentence and leaves room on the line
/// (a full line ending with a period may still continue its paragraph), or, without
/// geometry, it is so short that it was ended on purpose (a letterhead or address line)
/// and does not lead on to the next one (a comma, a hyphen).
fn ends_paragraph(
    text: &str,
    geometry: Option<Geometry>,
    next: Option<Geometry>,
    width: usize,
) -> bool {
    let terminal = text.ends_with(['.', '!', '?', ':']);
    match (geometry, next) {
        (Some(line), Some(next)) => terminal && !wrapped(line, next),
        _ => {
            let length = text.chars().count() * 100;
            (terminal && length < width * 85)
                || (!text.ends_with([',', ';', '-', '(', '/', '&']) && length < width * 60)
        }
    }
}

/// Whether the text wrapped from `line` to `next`: the next line's first word would not
/// have fitted into the room left on the line.
fn wrapped(line: Geometry, next: Geometry) -> bool {
    let room = line.column_right - line.right;
    room < next.first_word + line.size * 0.6
}

/// The lines of all pages as the engine reads them: furniture left out, paragraphs
/// separated by blank lines, a paragraph that runs on to the next page joined to its
/// start. Lines of a paragraph that wrapped by geometry are joined with a space, so that
/// the engine does not take a break of a justified line for the end of a sentence.
pub fn flow(source: &str, pages: &[Vec<Line>], page_starts: &[usize]) -> Flowed {
    let furniture_flags = furniture(source, pages);
    let mut out = MappedText::with_capacity(source.len());
    let mut furniture_text = String::new();
    let mut line_pages = Vec::with_capacity(pages.len());
    let width = pages
        .iter()
        .flatten()
        .map(|line| line_text(source, line).chars().count())
        .max()
        .unwrap_or(0);
    let mut previous: Option<(&str, Option<Geometry>, usize)> = None;
    for (page_index, (page, flags)) in pages.iter().zip(&furniture_flags).enumerate() {
        let first_line = page_starts.get(page_index).map_or(0, |&start| {
            source[..start.min(source.len())].matches('\n').count()
        });
        line_pages.push((first_line + 1, page_index as u64 + 1));
        let mut first_on_page = true;
        for (line, &is_furniture) in page.iter().zip(flags) {
            let text = line_text(source, line);
            if text.is_empty() {
                continue;
            }
            if is_furniture {
                furniture_text.push_str(text);
                furniture_text.push('\n');
                continue;
            }
            let start = line.range.start
                + (source[line.range.clone()].len()
                    - source[line.range.clone()].trim_start().len());
            if let Some((before, geometry, end)) = previous {
                let new_paragraph = if first_on_page {
                    ends_paragraph(before, geometry, line.geometry, width)
                } else {
                    line.starts_paragraph
                };
                let separator = match (geometry, line.geometry) {
                    _ if new_paragraph => "\n\n",
                    (Some(above), Some(below))
                        if !before.ends_with('-') && wrapped(above, below) =>
                    {
                        " "
                    }
                    _ => "\n",
                };
                out.push(separator, end);
            }
            out.push(text, start);
            previous = Some((text, line.geometry, start + text.len()));
            first_on_page = false;
        }
    }
    let (text, to_source) = out.finish();
    Flowed {
        text,
        to_source,
        furniture: furniture_text,
        line_pages,
    }
}

/// Plain text as pages of lines.
#[derive(Debug, Clone, Default)]
pub struct PlainPages {
    pub pages: Vec<Vec<Line>>,
    /// Offset of each page in the source.
    pub page_starts: Vec<usize>,
    /// The text has several pages or paragraphs only layout tells: it must be flowed;
    /// otherwise it is read as it is.
    pub needs_flow: bool,
}

/// Plain text as pages of lines: pages split at form feeds (pdftotext writes one per
/// page), a line after a blank line starts a paragraph, and in text without any blank
/// line paragraphs start where indentation and line length say.
pub fn plain_text_pages(source: &str) -> PlainPages {
    // Most letters: one page with blank lines between paragraphs, read as they are.
    let inner = source.trim();
    if !inner.contains('\u{c}') && (inner.contains("\n\n") || inner.contains("\r\n\r\n")) {
        return PlainPages::default();
    }
    let has_pages = source
        .trim_end_matches(['\u{c}', '\n', '\r', ' '])
        .contains('\u{c}');
    let mut pages: Vec<Vec<Line>> = Vec::new();
    let mut page_starts = Vec::new();
    let mut page_start = 0;
    let mut any_blank_line = false;
    for page_text in source.split('\u{c}') {
        let mut lines = Vec::new();
        let mut after_blank = true;
        let mut offset = page_start;
        for raw in page_text.split('\n') {
            let range = offset..offset + raw.trim_end_matches('\r').len();
            offset += raw.len() + 1;
            if raw.trim().is_empty() {
                after_blank = true;
                continue;
            }
            any_blank_line |= after_blank && !lines.is_empty();
            lines.push(Line {
                range,
                geometry: None,
                starts_paragraph: after_blank,
            });
            after_blank = false;
        }
        page_starts.push(page_start);
        pages.push(lines);
        page_start += page_text.len() + 1;
    }
    let inferred = !any_blank_line && infer_paragraphs(source, pages.iter_mut().flatten());
    PlainPages {
        pages,
        page_starts,
        needs_flow: has_pages || inferred,
    }
}

/// Lines longer than this are whole paragraphs (a word processor's "save as text").
const UNWRAPPED_WIDTH: usize = 110;

/// Paragraph starts in text without blank lines, from indentation and line length:
/// after a line that ends a sentence well short of the text's width, at a line indented
/// more than the one before, and at every line of text whose lines are paragraphs.
/// Returns whether it found any.
fn infer_paragraphs<'l>(source: &str, lines: impl Iterator<Item = &'l mut Line>) -> bool {
    let mut lines: Vec<&mut Line> = lines.collect();
    if lines.len() < 3 {
        return false;
    }
    let widths: Vec<usize> = lines
        .iter()
        .map(|line| source[line.range.clone()].trim_end().chars().count())
        .collect();
    let mut sorted = widths.clone();
    sorted.sort_unstable();
    let width = sorted[sorted.len() * 9 / 10];
    let indent = |line: &Line| {
        let raw = &source[line.range.clone()];
        raw.len() - raw.trim_start_matches([' ', '\t']).len()
    };
    let mut found = false;
    for index in 1..lines.len() {
        let before = source[lines[index - 1].range.clone()].trim();
        let starts = if width > UNWRAPPED_WIDTH {
            true
        } else {
            let indented = indent(lines[index]) > indent(lines[index - 1]);
            indented || ends_paragraph(before, None, None, width)
        };
        if starts && !lines[index].starts_paragraph {
            lines[index].starts_paragraph = true;
            found = true;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow_plain(source: &str) -> Flowed {
        let plain = plain_text_pages(source);
        assert!(plain.needs_flow, "{source}");
        flow(source, &plain.pages, &plain.page_starts)
    }

    #[test]
    fn footers_and_page_numbers_leave_the_flow_and_a_paragraph_runs_on() {
        // The second footer as OCR may read it: another separator.
        let source = "Sehr geehrte Frau Muster,\n\nAnfragen per E-Mail werden ab dem\nJobcenter Musterstadt · info@jobcenter-ge.de\nSeite 1 von 2\n\u{c}1. Oktober nicht mehr bearbeitet.\nJobcenter Musterstadt - info@jobcenter-ge.de\nSeite 2 von 2\n";
        let flowed = flow_plain(source);
        assert_eq!(
            flowed.text,
            "Sehr geehrte Frau Muster,\n\nAnfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet."
        );
        assert!(flowed.furniture.contains("info@jobcenter-ge.de"));
        let at = flowed.text.find("1. Oktober").unwrap_or_default();
        assert_eq!(&source[flowed.to_source.map(at)..][..10], "1. Oktober");
        assert_eq!(flowed.line_pages, [(1, 1), (6, 2)]);
    }

    #[test]
    fn a_page_that_ends_a_paragraph_starts_a_new_one() {
        let source = "Eine lange Zeile, die den Satzspiegel füllt und weitergeht bis\nhier. Erster Absatz endet.\nFußzeile der Behörde\n\u{c}Zweiter Absatz beginnt.\nFußzeile der Behörde\n";
        assert_eq!(
            flow_plain(source).text,
            "Eine lange Zeile, die den Satzspiegel füllt und weitergeht bis\nhier. Erster Absatz endet.\n\nZweiter Absatz beginnt."
        );
    }

    #[test]
    fn text_without_blank_lines_gets_paragraphs_from_length_and_indent() {
        let source = "Jobcenter Musterstadt\nE-Mail: info@jobcenter-ge.de\nSehr geehrte Frau Muster, wir haben Ihre Nachricht erhalten und\nbeantworten sie gern. Dieses Postfach wird nicht überwacht.\n    Mit freundlichen Grüßen\n";
        let flowed = flow_plain(source);
        assert_eq!(
            flowed.text,
            "Jobcenter Musterstadt\n\nE-Mail: info@jobcenter-ge.de\n\nSehr geehrte Frau Muster, wir haben Ihre Nachricht erhalten und\nbeantworten sie gern. Dieses Postfach wird nicht überwacht.\n\nMit freundlichen Grüßen"
        );
        let saved_as_text = format!(
            "Jobcenter Musterstadt, E-Mail: info@jobcenter-ge.de\n{}\n{}\n",
            "Sehr geehrte Frau Muster, wir haben Ihre Nachricht vom 3. März erhalten und beantworten sie gern, soweit es uns möglich ist.",
            "Dieses Postfach wird nicht überwacht, bitte antworten Sie nicht auf diese Nachricht und nutzen Sie stattdessen das Portal."
        );
        assert_eq!(flow_plain(&saved_as_text).text.matches("\n\n").count(), 2);
    }

    #[test]
    fn text_with_blank_lines_and_no_pages_is_left_alone() {
        assert!(!plain_text_pages("Absatz eins.\n\nAbsatz zwei.\nund mehr.\n").needs_flow);
        assert!(!plain_text_pages("Eine Zeile.").needs_flow);
    }

    #[test]
    fn wrapped_geometry_lines_are_joined_with_a_space() {
        let geometry = |right: f64, first_word: f64| Geometry {
            left: 50.0,
            right,
            baseline: 400.0,
            size: 11.0,
            first_word,
            column_right: 540.0,
            page_height: 842.0,
        };
        let source = "Anfragen per E-Mail werden ab dem\nOktober nicht mehr bearbeitet.\nDanke.";
        let line = |range: Range<usize>, geometry: Geometry, starts_paragraph| Line {
            range,
            geometry: Some(geometry),
            starts_paragraph,
        };
        let pages = vec![vec![
            line(0..33, geometry(520.0, 40.0), true),
            line(34..64, geometry(300.0, 30.0), false),
            line(65..71, geometry(100.0, 30.0), true),
        ]];
        assert_eq!(
            flow(source, &pages, &[0]).text,
            "Anfragen per E-Mail werden ab dem Oktober nicht mehr bearbeitet.\n\nDanke."
        );
    }
}
