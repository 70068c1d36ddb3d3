//! The text of PDF pages from the position of every character, as pdftotext reads it.
//!
//! Producers write text very differently: word processors a line or a word per text
//! object, justified with stretched spaces; generator libraries one text object per line
//! with double spaces; letterheads in two columns side by side. The characters' places
//! are what they share, so lines are rebuilt from baselines, split into segments where a
//! wide gap separates two columns, segments stacked into column blocks, and paragraphs
//! found from the gaps between lines and from lines that end short of the column. The
//! result is a page text (one segment per line, a blank line between paragraphs) with
//! the geometry of each line, which [`super::layout`] turns into the engine's text.

use std::ops::Range;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::layout::{Geometry, Line};

/// One character (or ligature) where the PDF draws it, or one word where OCR found it.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub x: f64,
    pub baseline: f64,
    /// Advance width in points.
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// Collects the characters of every page (pdf-extract calls it while it interprets
/// the content streams).
#[derive(Debug, Default)]
struct Collector {
    pages: Vec<(f64, Vec<Glyph>)>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages
            .push(((media_box.ury - media_box.lly).abs(), Vec::new()));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // As pdf-extract's own text output: the font size scaled by the text matrix.
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        if let Some((height, glyphs)) = self.pages.last_mut()
            && size.is_finite()
            && trm.m31.is_finite()
            && trm.m32.is_finite()
        {
            glyphs.push(Glyph {
                x: trm.m31,
                baseline: *height - trm.m32,
                width: width * size,
                size: size.max(1.0),
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A stretch of a line between wide gaps: one column's part of the line.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    text: String,
    left: f64,
    right: f64,
    baseline: f64,
    size: f64,
    first_word: f64,
}

/// A gap wider than this many font sizes separates two columns.
const COLUMN_GAP: f64 = 2.5;
/// A gap wider than this many font sizes separates two words.
const WORD_GAP: f64 = 0.15;
/// Lines further apart than this many font sizes belong to different blocks.
const BLOCK_GAP: f64 = 2.6;

/// The pages of a PDF as text with line geometry: the page texts joined into one source,
/// the lines of each page, and where each page starts in the source.
pub struct PositionedText {
    pub source: String,
    pub pages: Vec<Vec<Line>>,
    pub page_starts: Vec<usize>,
}

/// Reads the characters of every page of `document`.
pub fn positioned_text(document: &lopdf::Document) -> Result<PositionedText, OutputError> {
    let mut collector = Collector::default();
    pdf_extract::output_doc(document, &mut collector)?;
    Ok(laid_out(collector.pages))
}

/// The text of pages given as their height and the glyphs on them (the characters of a
/// PDF's text layer, or the words OCR recognized on a scanned page).
pub(super) fn laid_out(pages: Vec<(f64, Vec<Glyph>)>) -> PositionedText {
    let mut text = PositionedText {
        source: String::new(),
        pages: Vec::new(),
        page_starts: Vec::new(),
    };
    for (height, glyphs) in pages {
        text.page_starts.push(text.source.len());
        let lines = page_lines(&mut text.source, height, segments(glyphs));
        text.pages.push(lines);
    }
    text
}

/// Groups characters into lines by baseline and each line into segments at wide gaps.
fn segments(mut glyphs: Vec<Glyph>) -> Vec<Segment> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row) if (glyph.baseline - row[0].baseline).abs() <= row[0].size * 0.5 => {
                row.push(glyph)
            }
            _ => rows.push(vec![glyph]),
        }
    }
    let mut segments = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut current: Option<Segment> = None;
        let mut cursor = f64::NEG_INFINITY;
        let mut pending_space = false;
        let mut last: Option<(f64, String)> = None;
        for glyph in row {
            // Bold faked by drawing a character twice, slightly shifted.
            if last.as_ref().is_some_and(|(x, text)| {
                *text == glyph.text && (glyph.x - x).abs() < glyph.size * 0.1
            }) {
                continue;
            }
            last = Some((glyph.x, glyph.text.clone()));
            let gap = glyph.x - cursor;
            if gap > glyph.size * COLUMN_GAP
                && let Some(done) = current.take()
            {
                segments.push(done);
                pending_space = false;
            }
            cursor = cursor.max(glyph.x + glyph.width);
            if glyph.text.trim().is_empty() {
                pending_space = true;
                continue;
            }
            let segment = current.get_or_insert_with(|| Segment {
                text: String::new(),
                left: glyph.x,
                right: glyph.x,
                baseline: glyph.baseline,
                size: glyph.size,
                first_word: 0.0,
            });
            if !segment.text.is_empty() && (pending_space || gap > glyph.size * WORD_GAP) {
                if segment.first_word == 0.0 {
                    segment.first_word = segment.right - segment.left;
                }
                segment.text.push(' ');
            }
            pending_space = false;
            segment.text.push_str(&glyph.text);
            segment.right = segment.right.max(glyph.x + glyph.width);
            segment.size = segment.size.max(glyph.size);
        }
        segments.extend(current);
    }
    for segment in &mut segments {
        if segment.first_word == 0.0 {
            segment.first_word = segment.right - segment.left;
        }
    }
    segments
}

/// Stacks segments into column blocks, orders them for reading, finds paragraphs, and
/// writes the page's text into `source`.
fn page_lines(source: &mut String, height: f64, segments: Vec<Segment>) -> Vec<Line> {
    let mut blocks: Vec<Vec<Segment>> = Vec::new();
    for segment in segments {
        let continues = blocks
            .iter()
            .enumerate()
            .filter_map(|(index, block)| {
                let above = block.last()?;
                let left = block.iter().map(|s| s.left).fold(f64::INFINITY, f64::min);
                let right = block.iter().map(|s| s.right).fold(0.0, f64::max);
                let drop = segment.baseline - above.baseline;
                let size = segment.size.max(above.size);
                let aligned = (segment.left - left).abs() <= 2.0 * size
                    || (segment.left >= left - size && segment.right <= right + size);
                (drop > 0.5 * size && drop <= BLOCK_GAP * size && aligned).then_some((index, drop))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(index, _)| index);
        match continues {
            Some(index) => blocks[index].push(segment),
            None => blocks.push(vec![segment]),
        }
    }
    let spacing = typical_spacing(&blocks);
    // A block ends at a gap wider than the line spacing, so that a column beside it
    // (the right half of a letterhead) is read before the paragraphs below both.
    let mut blocks: Vec<Vec<Segment>> = blocks
        .into_iter()
        .flat_map(|block| {
            let mut parts: Vec<Vec<Segment>> = Vec::new();
            for segment in block {
                match parts.last_mut() {
                    Some(part)
                        if part.last().is_some_and(|above| {
                            segment.baseline - above.baseline <= wide_gap(spacing)
                        }) =>
                    {
                        part.push(segment)
                    }
                    _ => parts.push(vec![segment]),
                }
            }
            parts
        })
        .collect();
    // Top to bottom; blocks that start on the same line (two columns) left to right.
    blocks.sort_by(|a, b| a[0].baseline.total_cmp(&b[0].baseline));
    let mut row_start = 0;
    for index in 1..=blocks.len() {
        let same_row = blocks.get(index).is_some_and(|block| {
            let first = &blocks[row_start][0];
            block[0].baseline - first.baseline <= first.size * 0.5
        });
        if !same_row {
            blocks[row_start..index].sort_by(|a, b| a[0].left.total_cmp(&b[0].left));
            row_start = index;
        }
    }
    let all: Vec<(f64, f64)> = blocks.iter().flatten().map(|s| (s.left, s.right)).collect();
    let mut lines = Vec::new();
    for block in &blocks {
        let left = block.iter().map(|s| s.left).fold(f64::INFINITY, f64::min);
        let column_right = all
            .iter()
            .filter(|(l, _)| (l - left).abs() <= 3.0 * block[0].size)
            .map(|&(_, r)| r)
            .fold(0.0, f64::max);
        let mut previous: Option<(&Segment, Geometry)> = None;
        for segment in block {
            let geometry = Geometry {
                left: segment.left,
                right: segment.right,
                baseline: segment.baseline,
                size: segment.size,
                first_word: segment.first_word,
                column_right,
                page_height: height,
            };
            // A gap above the line (or a new block) is a blank line of the page text, as
            // a person sees it; a line after one that ended short of the column starts a
            // paragraph without one.
            let (gap, ended) = match previous {
                None => (true, false),
                Some((above, above_geometry)) => {
                    let drop = segment.baseline - above.baseline;
                    let ended = above.text.ends_with(['.', '!', '?', ':'])
                        && above_geometry.column_right - above.right
                            >= segment.first_word + segment.size * 0.6;
                    (drop > wide_gap(spacing), ended)
                }
            };
            if gap && !lines.is_empty() {
                source.push('\n');
            }
            let starts_paragraph = gap || ended;
            let range = push_line(source, &segment.text);
            lines.push(Line {
                range,
                geometry: Some(geometry),
                starts_paragraph,
            });
            previous = Some((segment, geometry));
        }
    }
    lines
}

/// A drop between baselines wider than this separates paragraphs.
fn wide_gap(spacing: f64) -> f64 {
    spacing * 1.25 + 0.5
}

fn push_line(source: &mut String, text: &str) -> Range<usize> {
    let start = source.len();
    source.push_str(text);
    let range = start..source.len();
    source.push('\n');
    range
}

/// The most common distance between the baselines of consecutive lines of a block: the
/// page's line spacing.
fn typical_spacing(blocks: &[Vec<Segment>]) -> f64 {
    let mut drops: Vec<f64> = blocks
        .iter()
        .flat_map(|block| {
            block
                .windows(2)
                .map(|pair| pair[1].baseline - pair[0].baseline)
        })
        .filter(|drop| *drop > 0.0)
        .collect();
    if drops.is_empty() {
        return blocks
            .iter()
            .flatten()
            .map(|s| s.size * 1.2)
            .fold(12.0, f64::max);
    }
    drops.sort_by(f64::total_cmp);
    drops[drops.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f64, baseline: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 6.0,
                baseline,
                width: 6.0,
                size: 11.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn two_columns_become_two_blocks_and_double_spaces_one() {
        let mut all = glyphs("Jobcenter Musterstadt", 50.0, 100.0);
        all.extend(glyphs("Telefon 0123", 400.0, 100.0));
        all.extend(glyphs("info@jobcenter-ge.de", 400.0, 113.0));
        all.extend(glyphs("Anfragen  per E-Mail werden ab dem", 50.0, 200.0));
        all.extend(glyphs("1. Oktober nicht mehr bearbeitet.", 50.0, 213.0));
        let mut source = String::new();
        let lines = page_lines(&mut source, 842.0, segments(all));
        assert_eq!(
            source,
            "Jobcenter Musterstadt\n\nTelefon 0123\ninfo@jobcenter-ge.de\n\nAnfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet.\n"
        );
        let starts: Vec<bool> = lines.iter().map(|l| l.starts_paragraph).collect();
        assert_eq!(starts, [true, true, false, true, false]);
    }
}
