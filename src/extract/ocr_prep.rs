//! Pre-processing of a page image before Tesseract reads it: contrast and skew.
//!
//! Tesseract reads a straight, well-contrasted page well and a phone photo poorly: on
//! a page turned by a few degrees its line finder breaks lines into pieces, cuts words
//! apart and mixes the pieces of neighbouring lines. So the page is straightened first.
//! The skew is the angle at which the dark pixels, projected onto the vertical, fall
//! into the sharpest rows (the classic projection-profile method), searched on a
//! reduced copy; "dark" is measured against the neighbourhood, so that the uneven light
//! of a photo and the table around the paper do not count. The grey levels are then
//! stretched to the full range (a greyish photo, a faint scan), and the page is rotated
//! with bilinear interpolation. Binarisation is left to Tesseract's adaptive (Sauvola)
//! thresholding, which copes with uneven light; turning pages that lie on their side is
//! left to its orientation detection.

use image::GrayImage;

/// A page ready for Tesseract, and how it was turned.
pub struct Prepared {
    /// The straightened page as a binary PGM (which Tesseract reads).
    pub pgm: Vec<u8>,
    pub turn: Turn,
}

/// The rotation applied to a page, to map word boxes back onto the original image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    /// Radians; positive when the text rose to the left (sloped down to the right).
    pub angle: f64,
    pub width: u32,
    pub height: u32,
}

/// Skews below this (radians, about 0.3°) are left alone: Tesseract copes, and turning
/// costs sharpness.
const MIN_SKEW: f64 = 0.005;

/// The widest skew searched (radians, about 8°).
const MAX_SKEW: f64 = 0.14;

/// Decodes the image in `bytes` and prepares it; `None` when it cannot be decoded here
/// (Tesseract then reads the original).
pub fn prepare(bytes: &[u8]) -> Option<Prepared> {
    let mut page = image::load_from_memory(bytes).ok()?.into_luma8();
    stretch(&mut page);
    let angle = skew(&page);
    let turn = Turn {
        angle,
        width: page.width(),
        height: page.height(),
    };
    if angle.abs() >= MIN_SKEW {
        page = rotate(&page, angle);
    }
    Some(Prepared {
        pgm: pgm(&page),
        turn,
    })
}

/// Stretches the grey levels so that the darkest 0.1 % (ink; a letter's page is mostly
/// paper) become black and the paper, the brightest 5 %, white. A page without that
/// much contrast (blank, or noise only) is left alone: stretching would only make the
/// noise louder.
fn stretch(page: &mut GrayImage) {
    let mut histogram = [0usize; 256];
    for pixel in page.pixels() {
        histogram[usize::from(pixel.0[0])] += 1;
    }
    let total: usize = histogram.iter().sum();
    let level_per_mille = |share: usize| {
        let mut seen = 0;
        histogram
            .iter()
            .position(|&count| {
                seen += count;
                seen * 1000 >= total * share
            })
            .unwrap_or(0) as f64
    };
    let (low, high) = (level_per_mille(1), level_per_mille(950));
    if high - low < 64.0 {
        return;
    }
    for pixel in page.pixels_mut() {
        let value = (f64::from(pixel.0[0]) - low) * 255.0 / (high - low);
        pixel.0[0] = value.clamp(0.0, 255.0) as u8;
    }
}

/// The angle (radians) by which the text lines of `page` slope down to the right.
fn skew(page: &GrayImage) -> f64 {
    // A reduced copy about 700 pixels wide is plenty to see the lines.
    let step = (page.width() / 700).max(1);
    let (width, height) = (page.width() / step, page.height() / step);
    if width < 32 || height < 32 {
        return 0.0;
    }
    let small: Vec<f64> = (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .map(|(x, y)| f64::from(page.get_pixel(x * step, y * step).0[0]))
        .collect();
    let (w, h) = (width as usize, height as usize);
    // Sums over rectangles, for the mean brightness around each pixel.
    let mut integral = vec![0.0; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0.0;
        for x in 0..w {
            row += small[y * w + x];
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let radius = 12usize;
    let mut ink: Vec<(f64, f64)> = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(h));
            let sum = integral[y1 * (w + 1) + x1]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0]
                + integral[y0 * (w + 1) + x0];
            let mean = sum / ((x1 - x0) * (y1 - y0)) as f64;
            if small[y * w + x] < mean * 0.8 {
                ink.push((x as f64, y as f64));
            }
        }
    }
    if ink.len() < 50 {
        return 0.0;
    }
    let sharpness = |angle: f64| {
        let (sin, cos) = angle.sin_cos();
        let offset = w as f64 * sin.abs() + 1.0;
        let mut rows = vec![0u32; h + w + 2];
        for &(x, y) in &ink {
            let row = (y * cos - x * sin + offset).max(0.0) as usize;
            if let Some(count) = rows.get_mut(row) {
                *count += 1;
            }
        }
        rows.iter()
            .map(|&c| f64::from(c) * f64::from(c))
            .sum::<f64>()
    };
    let best_of = |from: f64, to: f64, by: f64| {
        let steps = ((to - from) / by).round() as i32;
        (0..=steps)
            .map(|i| from + f64::from(i) * by)
            .map(|angle| (angle, sharpness(angle)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(0.0, |(angle, _)| angle)
    };
    let coarse = best_of(-MAX_SKEW, MAX_SKEW, 0.004);
    best_of(coarse - 0.004, coarse + 0.004, 0.0005)
}

/// Where a point of the straightened page (`x`, `y`) was on the original page.
fn original_point(turn: Turn, x: f64, y: f64) -> (f64, f64) {
    let (sin, cos) = turn.angle.sin_cos();
    let (cx, cy) = (f64::from(turn.width) / 2.0, f64::from(turn.height) / 2.0);
    let (dx, dy) = (x - cx, y - cy);
    (cx + dx * cos - dy * sin, cy + dx * sin + dy * cos)
}

/// `page` turned by `-angle` about its centre, so that lines sloping by `angle` run
/// level; what comes in from outside the page is white.
fn rotate(page: &GrayImage, angle: f64) -> GrayImage {
    let turn = Turn {
        angle,
        width: page.width(),
        height: page.height(),
    };
    let (width, height) = (page.width(), page.height());
    let sample = |x: f64, y: f64| -> f64 {
        if x < 0.0 || y < 0.0 || x >= f64::from(width - 1) || y >= f64::from(height - 1) {
            return 255.0;
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let at = |dx: u32, dy: u32| f64::from(page.get_pixel(x0 as u32 + dx, y0 as u32 + dy).0[0]);
        (at(0, 0) * (1.0 - fx) + at(1, 0) * fx) * (1.0 - fy)
            + (at(0, 1) * (1.0 - fx) + at(1, 1) * fx) * fy
    };
    GrayImage::from_fn(width, height, |x, y| {
        let (sx, sy) = original_point(turn, f64::from(x), f64::from(y));
        image::Luma([sample(sx, sy).round().clamp(0.0, 255.0) as u8])
    })
}

/// The box on the original page around a box of the straightened page.
pub fn original_box(turn: Turn, left: u32, top: u32, width: u32, height: u32) -> [u32; 4] {
    if turn.angle.abs() < MIN_SKEW {
        return [left, top, width, height];
    }
    let (l, t) = (f64::from(left), f64::from(top));
    let (r, b) = (l + f64::from(width), t + f64::from(height));
    let corners = [(l, t), (r, t), (l, b), (r, b)].map(|(x, y)| original_point(turn, x, y));
    let min_x = corners
        .iter()
        .map(|c| c.0)
        .fold(f64::INFINITY, f64::min)
        .max(0.0);
    let min_y = corners
        .iter()
        .map(|c| c.1)
        .fold(f64::INFINITY, f64::min)
        .max(0.0);
    let max_x = corners.iter().map(|c| c.0).fold(0.0, f64::max);
    let max_y = corners.iter().map(|c| c.1).fold(0.0, f64::max);
    [
        min_x.round() as u32,
        min_y.round() as u32,
        (max_x - min_x).round() as u32,
        (max_y - min_y).round() as u32,
    ]
}

/// A binary PGM of `page`.
fn pgm(page: &GrayImage) -> Vec<u8> {
    let mut bytes = format!("P5\n{} {}\n255\n", page.width(), page.height()).into_bytes();
    bytes.extend_from_slice(page.as_raw());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page with dark horizontal bars (lines of text), turned by `angle`.
    fn lined_page(angle: f64) -> GrayImage {
        let straight = GrayImage::from_fn(1200, 1600, |x, y| {
            let in_line = (200..1400).contains(&y) && y % 60 < 22 && (150..1050).contains(&x);
            // Words: gaps every 90 pixels.
            image::Luma([if in_line && x % 90 < 70 { 30 } else { 235 }])
        });
        rotate(&straight, -angle)
    }

    #[test]
    fn the_skew_of_a_turned_page_is_found_and_undone() {
        for angle in [0.0, 0.03, -0.05] {
            let page = lined_page(angle);
            let found = skew(&page);
            assert!((found - angle).abs() < 0.003, "{angle}: found {found}");
        }
        let turn = Turn {
            angle: 0.05,
            width: 1200,
            height: 1600,
        };
        // The centre stays where it is; a box elsewhere moves with the turn.
        assert_eq!(original_box(turn, 590, 790, 20, 20), [590, 790, 21, 21]);
        assert_ne!(original_box(turn, 100, 100, 20, 20)[0], 100);
    }

    #[test]
    fn contrast_is_stretched_and_pgm_written() {
        let mut page = GrayImage::from_fn(100, 100, |x, _| {
            image::Luma([if x < 50 { 90 } else { 170 }])
        });
        stretch(&mut page);
        assert_eq!(page.get_pixel(0, 0).0[0], 0);
        assert_eq!(page.get_pixel(99, 0).0[0], 255);
        let bytes = pgm(&page);
        assert!(bytes.starts_with(b"P5\n100 100\n255\n"));
        assert_eq!(bytes.len(), 15 + 100 * 100);
    }
}
