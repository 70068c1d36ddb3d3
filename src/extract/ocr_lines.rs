//! From Tesseract's words to the page text the engine reads.
//!
//! Tesseract's TSV output gives every recognized word with its box, its confidence and
//! the block, paragraph and line Tesseract put it in. On a photo held slightly askew
//! those lines slope, and a sloping line stands, box for box, beside the lines above and
//! below it; paragraphs that Tesseract found on a tilted photo fall apart as well. So the
//! lines are straightened first: the words' bottom edges of each Tesseract line give its
//! slope (a long line its own, which follows a photo's perspective; a short one the
//! page's typical slope), and every word gets the baseline its line has at the left
//! edge of the page. The straightened words are then laid out exactly like the
//! characters of a PDF's text layer ([`super::pdf_lines`]): lines from baselines,
//! columns from wide gaps, paragraphs from gaps and short lines, so that page furniture
//! and sentences across page breaks work as they do for PDFs ([`super::layout`]).

use std::ops::Range;

#[cfg(feature = "ocr")]
use super::pdf_lines::{Glyph, PositionedText, laid_out};

/// Where a recognized word stands on its page image, in pixels from the top-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordBox {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

#[cfg(feature = "ocr")]
/// One word Tesseract recognized.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Tesseract's (block, paragraph, line) numbers: which line the word belongs to.
    line: (u32, u32, u32),
    pub bounds: WordBox,
    /// 0–1.
    pub confidence: f64,
    pub text: String,
}

#[cfg(feature = "ocr")]
/// The words of one page image and its size in pixels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub words: Vec<Word>,
    /// Converts the image's pixels into the points the layout's measures are made for
    /// (72 / the page's dpi).
    pub points_per_pixel: f64,
}

/// A recognized word placed in the text the findings point into.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    /// Byte range in the unit's source text.
    pub range: Range<usize>,
    /// 1-based page of the document.
    pub page: u64,
    pub bounds: WordBox,
    /// 0–1.
    pub confidence: f64,
}

#[cfg(feature = "ocr")]
/// The pages of Tesseract's TSV output (`tesseract IMAGE - tsv`); a multi-page TIFF has
/// one page per image. Rows that are not words, and malformed rows, are skipped.
pub fn parse_tsv(tsv: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for row in tsv.lines().skip(1) {
        let fields: Vec<&str> = row.splitn(12, '\t').collect();
        let [
            level,
            _page,
            block,
            paragraph,
            line,
            _word,
            left,
            top,
            width,
            height,
            conf,
        ] = fields[..fields.len().min(11)]
        else {
            continue;
        };
        let number = |field: &str| field.trim().parse::<u32>().ok();
        let (Some(level), Some(left), Some(top), Some(width), Some(height)) = (
            number(level),
            number(left),
            number(top),
            number(width),
            number(height),
        ) else {
            continue;
        };
        let bounds = WordBox {
            left,
            top,
            width,
            height,
        };
        if level == 1 {
            pages.push(Page {
                width,
                height,
                words: Vec::new(),
                points_per_pixel: 72.0 / 300.0,
            });
            continue;
        }
        let text = fields.get(11).map_or("", |t| t.trim());
        let (Some(page), Some(ids), Ok(confidence)) = (
            pages.last_mut(),
            number(block).zip(number(paragraph)).zip(number(line)),
            conf.trim().parse::<f64>(),
        ) else {
            continue;
        };
        if level == 5 && !text.is_empty() && confidence >= 0.0 {
            page.words.push(Word {
                line: (ids.0.0, ids.0.1, ids.1),
                bounds,
                confidence: (confidence / 100.0).clamp(0.0, 1.0),
                text: text.to_string(),
            });
        }
    }
    pages
}

#[cfg(feature = "ocr")]
/// A line of words Tesseract found, with the slope of its bottom edge.
struct Fitted<'w> {
    words: Vec<&'w Word>,
    /// Pixels down per pixel to the right.
    slope: f64,
    /// The bottom edge at x = 0, for `slope`.
    intercept: f64,
}

#[cfg(feature = "ocr")]
/// Least-squares line through the words' bottom-left and bottom-right corners.
fn fit(words: &[&Word]) -> Option<(f64, f64)> {
    let points: Vec<(f64, f64)> = words
        .iter()
        .flat_map(|w| {
            let b = w.bounds;
            let bottom = f64::from(b.top + b.height);
            [
                (f64::from(b.left), bottom),
                (f64::from(b.left + b.width), bottom),
            ]
        })
        .collect();
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    (sxx > 0.0).then(|| {
        let slope = sxy / sxx;
        (slope, mean_y - slope * mean_x)
    })
}

#[cfg(feature = "ocr")]
/// The words of `page` grouped into Tesseract's lines, each straightened by its own
/// slope when it is long enough to tell, else by the page's median slope.
fn fitted_lines(page: &Page) -> Vec<Fitted<'_>> {
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in &page.words {
        match lines.last_mut() {
            Some(line) if line[0].line == word.line => line.push(word),
            _ => lines.push(vec![word]),
        }
    }
    let long = |words: &[&Word]| {
        let left = words.iter().map(|w| w.bounds.left).min().unwrap_or(0);
        let right = words
            .iter()
            .map(|w| w.bounds.left + w.bounds.width)
            .max()
            .unwrap_or(0);
        words.len() >= 4 && (right - left) * 3 >= page.width
    };
    let mut slopes: Vec<f64> = lines
        .iter()
        .filter(|words| long(words))
        .filter_map(|words| fit(words).map(|(slope, _)| slope))
        .collect();
    slopes.sort_by(f64::total_cmp);
    let page_slope = slopes.get(slopes.len() / 2).copied().unwrap_or(0.0);
    lines
        .into_iter()
        .map(|words| {
            let own = fit(&words).filter(|_| long(&words));
            let slope = own.map_or(page_slope, |(slope, _)| slope);
            // The bottom edge through the words' mean bottom, at the line's slope.
            let count = words.len() as f64;
            let mean_x = words
                .iter()
                .map(|w| f64::from(w.bounds.left) + f64::from(w.bounds.width) / 2.0)
                .sum::<f64>()
                / count;
            let mean_bottom = words
                .iter()
                .map(|w| f64::from(w.bounds.top + w.bounds.height))
                .sum::<f64>()
                / count;
            Fitted {
                words,
                slope,
                intercept: mean_bottom - slope * mean_x,
            }
        })
        .collect()
}

#[cfg(feature = "ocr")]
/// The typical height of a word on the page (its font size, in pixels).
fn word_height(page: &Page) -> f64 {
    let mut heights: Vec<u32> = page.words.iter().map(|w| w.bounds.height).collect();
    heights.sort_unstable();
    heights
        .get(heights.len() / 2)
        .map_or(12.0, |&h| f64::from(h.max(1)))
}

#[cfg(feature = "ocr")]
/// The pages laid out as text, and where each word ended up in it.
pub fn lay_out(pages: &[Page]) -> (PositionedText, Vec<OcrWord>) {
    let mut glyph_pages = Vec::with_capacity(pages.len());
    // Each word's place in the glyphs: (page index, baseline, x) to find it again.
    let mut placed: Vec<Vec<(f64, f64, &Word)>> = Vec::with_capacity(pages.len());
    for page in pages {
        let scale = page.points_per_pixel;
        let size = word_height(page) * 0.85 * scale;
        let mut glyphs = Vec::with_capacity(page.words.len());
        let mut words = Vec::with_capacity(page.words.len());
        for line in fitted_lines(page) {
            let baseline = line.intercept * scale;
            for word in line.words {
                let b = word.bounds;
                // Straightened: x moves with the rotation as y does.
                let x = (f64::from(b.left) + line.slope * f64::from(b.top + b.height)) * scale;
                glyphs.push(Glyph {
                    x,
                    baseline,
                    width: f64::from(b.width) * scale,
                    size,
                    text: word.text.clone(),
                });
                words.push((baseline, x, word));
            }
        }
        glyph_pages.push((f64::from(page.height) * scale, glyphs));
        placed.push(words);
    }
    let text = laid_out(glyph_pages);
    let mut found = Vec::new();
    for (index, (lines, words)) in text.pages.iter().zip(&mut placed).enumerate() {
        for line in lines {
            let Some(geometry) = line.geometry else {
                continue;
            };
            let mut here: Vec<&(f64, f64, &Word)> = words
                .iter()
                .filter(|(baseline, x, _)| {
                    (baseline - geometry.baseline).abs() <= geometry.size * 0.5
                        && *x >= geometry.left - 0.5
                        && *x <= geometry.right + 0.5
                })
                .collect();
            here.sort_by(|a, b| a.1.total_cmp(&b.1));
            let mut cursor = line.range.start;
            for (_, _, word) in here {
                let Some(at) = text.source[cursor..line.range.end].find(word.text.as_str()) else {
                    continue;
                };
                let start = cursor + at;
                cursor = start + word.text.len();
                found.push(OcrWord {
                    range: start..cursor,
                    page: index as u64 + 1,
                    bounds: word.bounds,
                    confidence: word.confidence,
                });
            }
        }
    }
    found.sort_by_key(|word| word.range.start);
    found.dedup_by_key(|word| word.range.start);
    (text, found)
}

#[cfg(all(test, feature = "ocr"))]
mod tests {
    use super::*;

    /// A TSV row of a word.
    fn word(line: u32, left: u32, top: u32, text: &str) -> String {
        let width = text.chars().count() as u32 * 20;
        format!("5\t1\t1\t1\t{line}\t1\t{left}\t{top}\t{width}\t40\t95.0\t{text}\n")
    }

    fn tsv(words: &[String]) -> String {
        let mut tsv = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n",
        );
        for word in words {
            tsv.push_str(word);
        }
        tsv
    }

    #[test]
    fn a_tilted_page_keeps_its_lines_and_paragraphs() {
        // Three lines of a paragraph, each sloping down by 3 px per 100 px (1.7°), so
        // that the end of a line stands lower than the start of the next one.
        let lines = [
            ["Anfragen", "per", "E-Mail", "werden", "ab", "dem"],
            ["1.", "Oktober", "nicht", "mehr", "bearbeitet,", "auch"],
            ["keine", "Faxe", "und", "keine", "Briefe", "mehr."],
        ];
        let mut rows = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let mut left = 200;
            for text in line {
                let top = 400 + n as u32 * 55 + left * 3 / 100;
                rows.push(word(n as u32 + 1, left, top, text));
                left += text.chars().count() as u32 * 20 + 15;
            }
        }
        let pages = parse_tsv(&tsv(&rows));
        assert_eq!(pages[0].words.len(), 18);
        assert_eq!(pages[0].words[0].confidence, 0.95);
        let (text, words) = lay_out(&pages);
        assert_eq!(
            text.source,
            "Anfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet, auch\nkeine Faxe und keine Briefe mehr.\n"
        );
        let starts: Vec<bool> = text.pages[0].iter().map(|l| l.starts_paragraph).collect();
        assert_eq!(starts, [true, false, false]);
        assert_eq!(words.len(), 18);
        assert_eq!(&text.source[words[2].range.clone()], "E-Mail");
        assert_eq!(words[2].bounds.left, 450);
    }

    #[test]
    fn malformed_rows_are_skipped() {
        let pages = parse_tsv(
            "header\n1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n5\tx\n5\t1\t1\t1\t1\t1\t1\t1\t1\t1\tnan?\tWort\n",
        );
        assert_eq!(pages.len(), 1);
        assert!(pages[0].words.is_empty());
    }
}
