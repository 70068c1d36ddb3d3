//! Pre-processing of a page image before Tesseract reads it: the page found in a
//! photo, perspective and skew undone, uneven light evened out, big photos reduced.
//!
//! Tesseract reads a straight, evenly lit page well and a phone photo poorly: on a page
//! turned by a few degrees its line finder breaks lines into pieces, and on a page
//! photographed at an angle the lines converge. So every page image goes through one
//! projective map before Tesseract sees it:
//!
//! - **The page in a photo.** A photo shows the paper, bright, on a darker table. Each
//!   edge of the paper is the first step from dark to bright seen from that side of the
//!   image, row by row or column by column; a line fitted through those steps (outliers
//!   dropped) is the edge, and the four edges meet in the page's corners. The
//!   quadrilateral is mapped onto a rectangle, which undoes the perspective. The map
//!   from four corners is a closed formula (Heckbert's square-to-quad projection), so no
//!   image-processing crate is needed for it: imageproc's `Projection` would bring
//!   nalgebra, rand and font crates into the build for that formula.
//! - **Size.** Tesseract scales every text line to the 36 pixels high its LSTM model
//!   reads, so pixels beyond that cost time in its layout analysis and gain nothing: a
//!   page finer than [`OCR_DPI`] (170 dpi across an A4 page) is reduced to that, where
//!   a line of 11-point print is still about 36 pixels high.
//! - **Skew.** The angle at which the dark pixels, projected onto the vertical, fall
//!   into the sharpest rows (the classic projection-profile method).
//! - **Light.** Each pixel is divided by the brightness of the paper around it (the
//!   local maximum, smoothed), so that the paper is white everywhere, in the dark corner
//!   of a photo as in a faint scan, and Tesseract's fast global (Otsu) threshold
//!   separates ink from paper.
//!
//! Every measurement is made on a reduced copy of about 700 pixels across; the
//! full-size page is sampled once, through the composed map, with the light corrected in
//! the same pass. Turning pages that lie on their side is left to Tesseract's
//! orientation detection (see [`super::ocr`]), and the composed map takes word boxes
//! back onto the original image.

use image::GrayImage;

/// A page ready for Tesseract.
pub struct Prepared {
    pub page: GrayImage,
    /// Maps a point of `page` onto the original image.
    pub to_original: Projection,
    /// The resolution of `page` (what Tesseract's pixels are converted to points with).
    pub dpi: f64,
}

/// A projective map of the plane, as a 3×3 matrix in row order: a point (x, y) goes to
/// ((m0 x + m1 y + m2) / w, (m3 x + m4 y + m5) / w) with w = m6 x + m7 y + m8.
/// Rotations, scaling and perspective are all such maps, so that a chain of them is
/// one matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection(pub [f64; 9]);

impl Projection {
    pub const IDENTITY: Projection = Projection([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let m = &self.0;
        let w = m[6] * x + m[7] * y + m[8];
        let w = if w.abs() < 1e-12 { 1e-12 } else { w };
        (
            (m[0] * x + m[1] * y + m[2]) / w,
            (m[3] * x + m[4] * y + m[5]) / w,
        )
    }

    /// The map that applies `first`, then `self`.
    fn after(&self, first: &Projection) -> Projection {
        let (a, b) = (&self.0, &first.0);
        Projection(std::array::from_fn(|i| {
            let (row, column) = (i / 3, i % 3);
            (0..3).map(|k| a[row * 3 + k] * b[k * 3 + column]).sum()
        }))
    }

    fn scaling(x: f64, y: f64) -> Projection {
        Projection([x, 0.0, 0.0, 0.0, y, 0.0, 0.0, 0.0, 1.0])
    }

    fn translation(x: f64, y: f64) -> Projection {
        Projection([1.0, 0.0, x, 0.0, 1.0, y, 0.0, 0.0, 1.0])
    }

    /// Turning by `angle` (radians) about (`cx`, `cy`).
    fn rotation(angle: f64, cx: f64, cy: f64) -> Projection {
        let (sin, cos) = angle.sin_cos();
        Projection([
            cos,
            -sin,
            cx - cx * cos + cy * sin,
            sin,
            cos,
            cy - cx * sin - cy * cos,
            0.0,
            0.0,
            1.0,
        ])
    }

    /// The map of the unit square onto the quadrilateral `quad` (its corners top left,
    /// top right, bottom right, bottom left): Heckbert's closed formula. `None` when the
    /// quadrilateral is degenerate.
    fn square_to(quad: [(f64, f64); 4]) -> Option<Projection> {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = quad;
        let (sx, sy) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3);
        let (dx1, dx2, dy1, dy2) = (x1 - x2, x3 - x2, y1 - y2, y3 - y2);
        let den = dx1 * dy2 - dx2 * dy1;
        if den.abs() < 1e-9 {
            return None;
        }
        let g = (sx * dy2 - dx2 * sy) / den;
        let h = (dx1 * sy - sx * dy1) / den;
        Some(Projection([
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
            1.0,
        ]))
    }

    /// The map of a page of `width` × `height` turned by `quarters` quarter turns
    /// clockwise back onto the page before the turn.
    pub fn quarter_turns(quarters: u32, width: u32, height: u32) -> Projection {
        let (w, h) = (f64::from(width), f64::from(height));
        match quarters % 4 {
            1 => Projection([0.0, 1.0, 0.0, -1.0, 0.0, h, 0.0, 0.0, 1.0]),
            2 => Projection([-1.0, 0.0, w, 0.0, -1.0, h, 0.0, 0.0, 1.0]),
            3 => Projection([0.0, -1.0, w, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
            _ => Projection::IDENTITY,
        }
    }

    /// `self` followed by `then`.
    pub fn then(&self, then: &Projection) -> Projection {
        then.after(self)
    }

    /// The box (left, top, width, height) on the original image around a box of the
    /// prepared page.
    pub fn bounding_box(&self, left: u32, top: u32, width: u32, height: u32) -> [u32; 4] {
        let (l, t) = (f64::from(left), f64::from(top));
        let (r, b) = (l + f64::from(width), t + f64::from(height));
        let corners = [(l, t), (r, t), (l, b), (r, b)].map(|(x, y)| self.apply(x, y));
        let min = |f: fn(&(f64, f64)) -> f64| corners.iter().map(f).fold(f64::INFINITY, f64::min);
        let max = |f: fn(&(f64, f64)) -> f64| corners.iter().map(f).fold(0.0, f64::max);
        let (min_x, min_y) = (min(|c| c.0).max(0.0), min(|c| c.1).max(0.0));
        let (max_x, max_y) = (max(|c| c.0), max(|c| c.1));
        [
            min_x.round() as u32,
            min_y.round() as u32,
            (max_x - min_x).max(0.0).round() as u32,
            (max_y - min_y).max(0.0).round() as u32,
        ]
    }
}

/// The width of an A4 page (DIN 5008 letters) in inches: a page found in a photo is
/// taken to be that wide.
const A4_WIDTH_INCHES: f64 = 8.27;

/// The resolution images are taken to have when nothing tells otherwise.
#[cfg(test)]
const DPI: f64 = 300.0;

/// The resolution pages are handed to Tesseract at, taking a page to be A4 wide. Its
/// LSTM model reads each text line scaled to 36 pixels high, which a line of 11-point
/// print (ascenders to descenders) has at about 170–200 dpi; finer pixels only cost
/// time in Tesseract's layout analysis (measured on the scans of tests/ocr.rs: a
/// 15–25 % less of Tesseract's time than at 200–300 dpi, with the same words recognized;
/// at 120 dpi words begin to go).
pub const OCR_DPI: f64 = 170.0;

/// A page is reduced only when it is finer than [`OCR_DPI`] by more than this factor:
/// below, reducing would cost sharpness for little speed.
const REDUCE_ABOVE: f64 = 1.15;

/// Skews below this (radians, about 0.3°) are left alone: Tesseract copes.
const MIN_SKEW: f64 = 0.005;

/// The widest skew searched (radians, about 8°).
const MAX_SKEW: f64 = 0.14;

/// The reduced copies measurements are made on are about this many pixels across.
const SMALL_WIDTH: u32 = 700;

/// The decoded pages of an image file in greyscale, upright as their orientation tag
/// says: every page of a TIFF, the one picture of the other formats. `None` when it
/// cannot be decoded here (Tesseract then reads the file as it is).
pub fn decode(bytes: &[u8]) -> Option<Vec<GrayImage>> {
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return tiff_pages(bytes);
    }
    use image::ImageDecoder;
    let mut decoder = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    // A phone stores a photo as its sensor saw it, often sideways, and says in the
    // EXIF Orientation tag how to turn it for display; a missing or unreadable tag
    // leaves the picture as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let grey = image::DynamicImage::from_decoder(decoder)
        .ok()?
        .into_luma8();
    Some(vec![upright(grey, orientation)])
}

/// `page` turned and flipped as its orientation tag says (the image crate's reading of
/// the EXIF or TIFF Orientation values 1–8), before any other preparation: the word
/// boxes then refer to the picture as every viewer shows it.
fn upright(page: GrayImage, orientation: image::metadata::Orientation) -> GrayImage {
    if orientation == image::metadata::Orientation::NoTransforms {
        return page;
    }
    let mut image = image::DynamicImage::ImageLuma8(page);
    image.apply_orientation(orientation);
    image.into_luma8()
}

/// The most pages of a TIFF that are read: more is not a letter.
const MAX_TIFF_PAGES: usize = 200;

/// The pages of a TIFF: greyscale, bilevel (fax, CCITT G4), RGB and RGBA pages.
fn tiff_pages(bytes: &[u8]) -> Option<Vec<GrayImage>> {
    use tiff::ColorType;
    use tiff::decoder::{Decoder, DecodingResult};
    let mut decoder = Decoder::new(std::io::Cursor::new(bytes)).ok()?;
    let mut pages = Vec::new();
    loop {
        let (width, height) = decoder.dimensions().ok()?;
        let colour = decoder.colortype().ok()?;
        let pixels = (width as usize).checked_mul(height as usize)?;
        let grey: Vec<u8> = match (colour, decoder.read_image().ok()?) {
            (ColorType::Gray(8), DecodingResult::U8(data)) => data,
            (ColorType::Gray(16), DecodingResult::U16(data)) => {
                data.iter().map(|v| (v >> 8) as u8).collect()
            }
            (ColorType::Gray(1), DecodingResult::U8(data)) => {
                let row = (width as usize).div_ceil(8);
                (0..pixels)
                    .map(|i| {
                        let (x, y) = (i % width as usize, i / width as usize);
                        let byte = data.get(y * row + x / 8).copied().unwrap_or(0xff);
                        if byte & (0x80 >> (x % 8)) != 0 {
                            255
                        } else {
                            0
                        }
                    })
                    .collect()
            }
            (ColorType::RGB(8), DecodingResult::U8(data)) => {
                data.chunks_exact(3).map(luma).collect()
            }
            (ColorType::RGBA(8), DecodingResult::U8(data)) => {
                data.chunks_exact(4).map(luma).collect()
            }
            _ => return None,
        };
        // A scanner may store a page turned too (the TIFF Orientation tag, 1–8, as in
        // EXIF); the image crate says what each value means.
        let orientation = decoder
            .get_tag_u32(tiff::tags::Tag::Orientation)
            .ok()
            .and_then(|value| u8::try_from(value).ok())
            .and_then(image::metadata::Orientation::from_exif)
            .unwrap_or(image::metadata::Orientation::NoTransforms);
        pages.push(upright(
            GrayImage::from_raw(width, height, grey)?,
            orientation,
        ));
        if !decoder.more_images() || pages.len() >= MAX_TIFF_PAGES {
            return Some(pages);
        }
        decoder.next_image().ok()?;
    }
}

/// The brightness of an RGB(A) pixel (ITU-R BT.601 weights, as the image crate uses).
fn luma(pixel: &[u8]) -> u8 {
    let [r, g, b] = [0, 1, 2].map(|i| u32::from(pixel.get(i).copied().unwrap_or(0)));
    ((r * 299 + g * 587 + b * 114) / 1000) as u8
}

/// A reduced copy of an image, for measuring: each pixel the mean of `step` × `step`
/// pixels of the original.
struct Small {
    width: usize,
    height: usize,
    pixels: Vec<f64>,
    /// Original pixels per pixel of the copy.
    step: u32,
}

impl Small {
    fn of(page: &GrayImage, step: u32) -> Small {
        let step = step.max(1);
        let (width, height) = (
            (page.width() / step).max(1) as usize,
            (page.height() / step).max(1) as usize,
        );
        let raw = page.as_raw();
        let full_width = page.width() as usize;
        let mut pixels = vec![0.0; width * height];
        let s = step as usize;
        for (y, row) in pixels.chunks_exact_mut(width).enumerate() {
            for dy in 0..s {
                let start = (y * s + dy) * full_width;
                let Some(line) = raw.get(start..start + width * s) else {
                    continue;
                };
                for (x, sum) in row.iter_mut().enumerate() {
                    *sum += line[x * s..x * s + s]
                        .iter()
                        .map(|&v| f64::from(v))
                        .sum::<f64>();
                }
            }
        }
        let area = (s * s) as f64;
        pixels.iter_mut().for_each(|v| *v /= area);
        Small {
            width,
            height,
            pixels,
            step,
        }
    }

    fn at(&self, x: usize, y: usize) -> f64 {
        self.pixels[y * self.width + x]
    }

    /// Bilinear sample at (`x`, `y`) in the copy's pixels; `outside` beyond its edge.
    fn sample(&self, x: f64, y: f64, outside: f64) -> f64 {
        bilinear(&self.pixels, self.width, self.height, x, y).unwrap_or(outside)
    }
}

/// Bilinear interpolation in a row-major grid of `width` × `height` values at (`x`, `y`)
/// (pixel centres at whole numbers); `None` outside it.
fn bilinear<T: Copy + Into<f64>>(
    values: &[T],
    width: usize,
    height: usize,
    x: f64,
    y: f64,
) -> Option<f64> {
    if !(x >= 0.0 && y >= 0.0) {
        return None;
    }
    let (x0, y0) = (x as usize, y as usize);
    if x0 + 1 >= width || y0 + 1 >= height {
        return None;
    }
    let (fx, fy) = (x - x0 as f64, y - y0 as f64);
    let at = |dx: usize, dy: usize| -> f64 { values[(y0 + dy) * width + x0 + dx].into() };
    Some(
        (at(0, 0) * (1.0 - fx) + at(1, 0) * fx) * (1.0 - fy)
            + (at(0, 1) * (1.0 - fx) + at(1, 1) * fx) * fy,
    )
}

/// Prepares one page image of resolution `dpi` (as far as known): page found,
/// perspective, size and skew undone, light evened out. A straight, evenly lit page
/// (a clean scan) is passed on as it is.
pub fn prepare(page: &GrayImage, dpi: f64) -> Prepared {
    let (width, height) = (page.width(), page.height());
    let step = ((width.min(height) + SMALL_WIDTH / 2) / SMALL_WIDTH).max(1);
    let small = Small::of(page, step);
    if small.width < 32 || small.height < 32 {
        return Prepared {
            page: page.clone(),
            to_original: Projection::IDENTITY,
            dpi,
        };
    }
    // Original pixels of the pixel centres of the small copy.
    let s = f64::from(step);
    let from_small =
        Projection::scaling(s, s).then(&Projection::translation(0.5 * s - 0.5, 0.5 * s - 0.5));
    let (map, out_width, out_height, dpi) = match find_page(&small) {
        Some(quad) => {
            let corners = quad.map(|(x, y)| from_small.apply(x, y));
            let length = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
            let page_width =
                (length(corners[0], corners[1]) + length(corners[3], corners[2])) / 2.0;
            let page_height =
                (length(corners[0], corners[3]) + length(corners[1], corners[2])) / 2.0;
            let scale = (OCR_DPI * A4_WIDTH_INCHES / page_width).min(1.0);
            let (w, h) = (
                (page_width * scale).round().max(1.0),
                (page_height * scale).round().max(1.0),
            );
            // A little inside the edges, where the paper's shadow lies.
            let inset = w * 0.004;
            match Projection::square_to(corners) {
                Some(square) => (
                    Projection::translation(inset, inset)
                        .then(&Projection::scaling(1.0 / w, 1.0 / h))
                        .then(&square),
                    (w - 2.0 * inset) as u32,
                    (h - 2.0 * inset) as u32,
                    w / A4_WIDTH_INCHES,
                ),
                None => unscaled(width, height, dpi),
            }
        }
        None => unscaled(width, height, dpi),
    };
    if out_width < 32 || out_height < 32 {
        return Prepared {
            page: page.clone(),
            to_original: Projection::IDENTITY,
            dpi,
        };
    }
    // The page as it will come out, reduced, to measure its skew.
    let k = f64::from(((out_width.min(out_height) + SMALL_WIDTH / 2) / SMALL_WIDTH).max(1));
    let small_out = |map: &Projection| {
        let to_small = from_small_inverse(step);
        let (w, h) = (
            (f64::from(out_width) / k) as usize,
            (f64::from(out_height) / k) as usize,
        );
        let pixels = (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f64, (i / w) as f64);
                let (ox, oy) = map.apply((x + 0.5) * k - 0.5, (y + 0.5) * k - 0.5);
                let (sx, sy) = to_small.apply(ox, oy);
                small.sample(sx, sy, 255.0)
            })
            .collect::<Vec<f64>>();
        Small {
            width: w,
            height: h,
            pixels,
            step: k as u32,
        }
    };
    let angle = skew(&small_out(&map));
    let map = if angle.abs() >= MIN_SKEW {
        Projection::rotation(
            angle,
            f64::from(out_width) / 2.0,
            f64::from(out_height) / 2.0,
        )
        .then(&map)
    } else {
        map
    };
    let light = paper_brightness(&small_out(&map), dpi);
    if map == Projection::IDENTITY && evenly_lit(&light) {
        return Prepared {
            page: page.clone(),
            to_original: map,
            dpi,
        };
    }
    Prepared {
        page: render(page, &map, out_width, out_height, &light),
        to_original: map,
        dpi,
    }
}

/// The map, size and resolution of a page of resolution `dpi` that is only reduced
/// (when finer than [`OCR_DPI`]), not cut out. Its resolution is told by its pixels
/// (its shorter side taken as an A4 page's width), since an image's own resolution is
/// rarely known: a page that shows less than an A4 page's width is then reduced less,
/// never more.
fn unscaled(width: u32, height: u32, dpi: f64) -> (Projection, u32, u32, f64) {
    let page_dpi = f64::from(width.min(height)) / A4_WIDTH_INCHES;
    if page_dpi <= OCR_DPI * REDUCE_ABOVE {
        return (Projection::IDENTITY, width, height, dpi);
    }
    let scale = OCR_DPI / page_dpi;
    (
        Projection::scaling(1.0 / scale, 1.0 / scale),
        (f64::from(width) * scale).round() as u32,
        (f64::from(height) * scale).round() as u32,
        OCR_DPI,
    )
}

/// From original pixels to the pixels of a copy reduced by `step`.
fn from_small_inverse(step: u32) -> Projection {
    let s = f64::from(step);
    Projection::translation(-(0.5 * s - 0.5), -(0.5 * s - 0.5))
        .then(&Projection::scaling(1.0 / s, 1.0 / s))
}

/// The corners of the paper (top left, top right, bottom right, bottom left, in the
/// copy's pixels) when `small` shows a page against a darker background on all four
/// sides; `None` for a scan or a photo that shows only paper.
fn find_page(small: &Small) -> Option<[(f64, f64); 4]> {
    let (w, h) = (small.width, small.height);
    // The paper's brightness: the bright end of the middle of the image.
    let mut middle: Vec<f64> = (h / 4..3 * h / 4)
        .flat_map(|y| (w / 4..3 * w / 4).map(move |x| (x, y)))
        .map(|(x, y)| small.at(x, y))
        .collect();
    middle.sort_by(f64::total_cmp);
    let paper = middle.get(middle.len() * 9 / 10).copied()?;
    // Each side: scan lines from the border inwards for the first step up to the paper.
    let scan = |along: usize, across: usize, pixel: &dyn Fn(usize, usize) -> f64| {
        let mut points = Vec::new();
        for i in along / 10..along * 9 / 10 {
            let background = (0..3).map(|j| pixel(i, j)).sum::<f64>() / 3.0;
            // Too little contrast: the paper reaches the border here.
            if paper - background < 40.0 {
                continue;
            }
            let threshold = (paper + background) / 2.0;
            // A step, not a slow rise of the light: dark just before it.
            let dark = background + 0.3 * (paper - background);
            let edge = (1..across / 3).find(|&j| {
                (0..4).all(|d| pixel(i, j + d) > threshold)
                    && pixel(i, j - 1) <= threshold
                    && pixel(i, j.saturating_sub(4)) < dark
            });
            if let Some(j) = edge {
                let (before, after) = (pixel(i, j - 1), pixel(i, j));
                let fraction = (threshold - before) / (after - before).max(1e-9);
                points.push((i as f64, (j - 1) as f64 + fraction));
            }
        }
        if points.len() * 10 < along * 4 {
            return None;
        }
        fit_line(&points, along)
    };
    // Each line as `across = a · along + b`.
    let left = scan(h, w, &|y, x| small.at(x, y))?;
    let right = scan(h, w, &|y, x| small.at(w - 1 - x, y))?;
    let top = scan(w, h, &|x, y| small.at(x, y))?;
    let bottom = scan(w, h, &|x, y| small.at(x, h - 1 - y))?;
    let (wf, hf) = ((w - 1) as f64, (h - 1) as f64);
    // In image coordinates: x = a y + b for the sides, y = a x + b for top and bottom.
    let left = (left.0, left.1);
    let right = (-right.0, wf - right.1);
    let top = (top.0, top.1);
    let bottom = (-bottom.0, hf - bottom.1);
    let corner = |side: (f64, f64), edge: (f64, f64)| {
        let den = 1.0 - side.0 * edge.0;
        (den.abs() > 1e-6).then(|| {
            let x = (side.0 * edge.1 + side.1) / den;
            (x, edge.0 * x + edge.1)
        })
    };
    let quad = [
        corner(left, top)?,
        corner(right, top)?,
        corner(right, bottom)?,
        corner(left, bottom)?,
    ];
    plausible(&quad, w, h).then_some(quad)
}

/// A line `across = a · along + b` through `points` (along, across), fitted by least
/// squares twice more without the points far off the previous fit (text or a shadow
/// behind the edge); `None` when too few points stay.
fn fit_line(points: &[(f64, f64)], along: usize) -> Option<(f64, f64)> {
    let fit = |points: &[&(f64, f64)]| {
        let n = points.len() as f64;
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
        let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
        let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
        (sxx > 0.0).then(|| (sxy / sxx, mean_y - sxy / sxx * mean_x))
    };
    let mut kept: Vec<&(f64, f64)> = points.iter().collect();
    let mut line = fit(&kept)?;
    for tolerance in [6.0, 2.0] {
        kept = points
            .iter()
            .filter(|p| (p.1 - (line.0 * p.0 + line.1)).abs() <= tolerance)
            .collect();
        if kept.len() * 10 < along * 3 {
            return None;
        }
        line = fit(&kept)?;
    }
    Some(line)
}

/// Whether a quadrilateral found in a `w` × `h` copy can be a page: convex, within the
/// image, covering a good part of it, opposite sides of similar length.
fn plausible(quad: &[(f64, f64); 4], w: usize, h: usize) -> bool {
    let (wf, hf) = (w as f64, h as f64);
    let inside = quad
        .iter()
        .all(|&(x, y)| x > -0.05 * wf && x < 1.05 * wf && y > -0.05 * hf && y < 1.05 * hf);
    let cross = |i: usize| {
        let (a, b, c) = (quad[i], quad[(i + 1) % 4], quad[(i + 2) % 4]);
        (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0)
    };
    let convex = (0..4).all(|i| cross(i) > 0.0);
    let area = (0..4)
        .map(|i| quad[i].0 * quad[(i + 1) % 4].1 - quad[(i + 1) % 4].0 * quad[i].1)
        .sum::<f64>()
        / 2.0;
    let length = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
    let similar = |a: f64, b: f64| a.min(b) / a.max(b) > 0.6;
    inside
        && convex
        && area > 0.25 * wf * hf
        && similar(length(quad[0], quad[1]), length(quad[3], quad[2]))
        && similar(length(quad[0], quad[3]), length(quad[1], quad[2]))
}

/// The brightness of the paper around each pixel of `small` (the reduced prepared
/// page): the brightest value within about 2 mm, which steps over the strokes of
/// letters, then smoothed.
fn paper_brightness(small: &Small, dpi: f64) -> Small {
    let radius = ((0.08 * dpi / f64::from(small.step)).round() as usize).max(2);
    let (w, h) = (small.width, small.height);
    let brightest = along_columns(
        &along_rows(&small.pixels, w, radius, max_within),
        w,
        radius,
        max_within,
    );
    let smoothed = along_columns(
        &along_rows(&brightest, w, radius, mean_within),
        w,
        radius,
        mean_within,
    );
    Small {
        width: w,
        height: h,
        pixels: smoothed,
        step: small.step,
    }
}

/// `window` applied to every row of a row-major grid `width` wide.
fn along_rows(
    values: &[f64],
    width: usize,
    radius: usize,
    window: fn(&[f64], usize, &mut [f64]),
) -> Vec<f64> {
    let mut out = vec![0.0; values.len()];
    for (row, out_row) in values.chunks_exact(width).zip(out.chunks_exact_mut(width)) {
        window(row, radius, out_row);
    }
    out
}

/// `window` applied to every column of a row-major grid `width` wide (each column
/// copied out, so the window runs over contiguous values).
fn along_columns(
    values: &[f64],
    width: usize,
    radius: usize,
    window: fn(&[f64], usize, &mut [f64]),
) -> Vec<f64> {
    let height = values.len() / width.max(1);
    let mut out = vec![0.0; values.len()];
    let (mut column, mut result) = (vec![0.0; height], vec![0.0; height]);
    for x in 0..width {
        for (y, value) in column.iter_mut().enumerate() {
            *value = values[y * width + x];
        }
        window(&column, radius, &mut result);
        for (y, value) in result.iter().enumerate() {
            out[y * width + x] = *value;
        }
    }
    out
}

/// Each value of `out` the maximum of `values` within `radius` of it (cut at the
/// ends), by the van Herk/Gil–Werman method: maxima running forward and backward
/// through blocks of the window's length, so each value costs three comparisons
/// whatever the radius. A window cut short by an end is taken as it is.
fn max_within(values: &[f64], radius: usize, out: &mut [f64]) {
    let n = values.len();
    let block = 2 * radius + 1;
    let mut forward = values.to_vec();
    let mut backward = values.to_vec();
    for i in 1..n {
        if i % block != 0 {
            forward[i] = forward[i].max(forward[i - 1]);
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        if (i + 1) % block != 0 {
            backward[i] = backward[i].max(backward[i + 1]);
        }
    }
    for (i, result) in out.iter_mut().enumerate() {
        let (first, last) = (i.saturating_sub(radius), (i + radius).min(n - 1));
        *result = if last - first + 1 < block {
            values[first..=last]
                .iter()
                .copied()
                .fold(f64::MIN, f64::max)
        } else {
            backward[first].max(forward[last])
        };
    }
}

/// Each value of `out` the mean of `values` within `radius` of it (cut at the ends),
/// from running sums.
fn mean_within(values: &[f64], radius: usize, out: &mut [f64]) {
    let mut sums = Vec::with_capacity(values.len() + 1);
    sums.push(0.0);
    let mut total = 0.0;
    for value in values {
        total += value;
        sums.push(total);
    }
    let n = values.len();
    for (i, result) in out.iter_mut().enumerate() {
        let (first, end) = (i.saturating_sub(radius), (i + radius + 1).min(n));
        *result = (sums[end] - sums[first]) / (end - first) as f64;
    }
}

/// Whether the paper is about equally bright everywhere (a scan): then evening out
/// the light would change nothing Tesseract's threshold does not cope with.
fn evenly_lit(light: &Small) -> bool {
    let mut levels = light.pixels.clone();
    levels.sort_by(f64::total_cmp);
    let at = |share: usize| {
        levels
            .get(levels.len() * share / 100)
            .copied()
            .unwrap_or(0.0)
    };
    at(2) >= at(98) * 0.9
}

/// The prepared page: each pixel sampled from `page` through `map`, divided by the
/// paper's brightness there (`light`, a reduced copy of the result).
fn render(page: &GrayImage, map: &Projection, width: u32, height: u32, light: &Small) -> GrayImage {
    // Reducing by more than half with bilinear sampling would skip pixels: reduce by a
    // whole factor first, by averaging.
    let (x1, _) = map.apply(1.0, 0.0);
    let (x0, _) = map.apply(0.0, 0.0);
    let factor = (x1 - x0).abs();
    let reduced;
    let by = factor.floor().max(1.0);
    let (source, map) = if by >= 2.0 {
        let by = by as u32;
        let small = Small::of(page, by);
        reduced = small.pixels.iter().map(|&v| v as u8).collect::<Vec<u8>>();
        (
            (reduced.as_slice(), small.width, small.height),
            map.then(&from_small_inverse(by)),
        )
    } else {
        (
            (
                page.as_raw().as_slice(),
                page.width() as usize,
                page.height() as usize,
            ),
            *map,
        )
    };
    // What is left of the reduction (under 2): bilinear sampling at one point per
    // pixel would skip some of the source's pixels, so each pixel is then the mean of
    // four samples spread over its footprint.
    let offsets: &[(f64, f64)] = if factor / by > 1.2 {
        &[(-0.25, -0.25), (0.25, -0.25), (-0.25, 0.25), (0.25, 0.25)]
    } else {
        &[(0.0, 0.0)]
    };
    let spread = offsets.len() > 1;
    // A map without perspective (a scan's rotation and reduction) needs no division
    // per pixel; dividing by its constant 1 would give the same values.
    let m = map.0;
    let perspective = m[6] != 0.0 || m[7] != 0.0 || m[8] != 1.0;
    let sample = |x: f64, y: f64| {
        let (sx, sy) = if perspective {
            map.apply(x, y)
        } else {
            (m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5])
        };
        bilinear(source.0, source.1, source.2, sx, sy).unwrap_or(255.0)
    };
    let k = f64::from(light.step);
    let (lw, lh) = (light.width, light.height);
    // Where each column of the page falls between the light map's columns: the same
    // on every row, so worked out once.
    let light_columns: Vec<(usize, usize, f64)> = (0..width)
        .map(|x| {
            let lx = ((f64::from(x) + 0.5) / k - 0.5).clamp(0.0, (lw - 1) as f64);
            let x0 = lx as usize;
            (x0, (x0 + 1).min(lw - 1), lx.fract())
        })
        .collect();
    let mut out = GrayImage::new(width, height);
    let mut paper_row = vec![0.0; lw];
    for (y, row) in out.rows_mut().enumerate() {
        // The paper's brightness along this row, interpolated between the light map's
        // rows once; along the row, between its columns.
        let ly = ((y as f64 + 0.5) / k - 0.5).clamp(0.0, (lh - 1) as f64);
        let (y0, fy) = (ly as usize, ly.fract());
        let y1 = (y0 + 1).min(lh - 1);
        for (x, paper) in paper_row.iter_mut().enumerate() {
            *paper = light.at(x, y0) * (1.0 - fy) + light.at(x, y1) * fy;
        }
        let fy = y as f64;
        for ((x, pixel), &(x0, x1, f)) in row.enumerate().zip(&light_columns) {
            let fx = x as f64;
            let value = if spread {
                offsets
                    .iter()
                    .map(|(dx, dy)| sample(fx + dx, fy + dy))
                    .sum::<f64>()
                    / offsets.len() as f64
            } else {
                sample(fx, fy)
            };
            let paper = paper_row[x0] * (1.0 - f) + paper_row[x1] * f;
            pixel.0[0] = (value * 255.0 / paper.max(1.0)).clamp(0.0, 255.0) as u8;
        }
    }
    out
}

/// The angle (radians) by which the text lines of `small` (a reduced page) slope down
/// to the right.
fn skew(small: &Small) -> f64 {
    let (w, h) = (small.width, small.height);
    if w < 32 || h < 32 {
        return 0.0;
    }
    // Sums over rectangles, for the mean brightness around each pixel.
    let mut integral = vec![0.0; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0.0;
        for x in 0..w {
            row += small.at(x, y);
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
            if small.at(x, y) < mean * 0.8 {
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

/// A binary PGM of `page` (which Tesseract reads without decoding work).
pub fn pgm(page: &GrayImage) -> Vec<u8> {
    let mut bytes = format!("P5\n{} {}\n255\n", page.width(), page.height()).into_bytes();
    bytes.extend_from_slice(page.as_raw());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page with dark horizontal bars (lines of text).
    fn lined_page() -> GrayImage {
        GrayImage::from_fn(1200, 1600, |x, y| {
            let in_line = (200..1400).contains(&y) && y % 60 < 22 && (150..1050).contains(&x);
            // Words: gaps every 90 pixels.
            image::Luma([if in_line && x % 90 < 70 { 30 } else { 235 }])
        })
    }

    /// `page` seen through `map` (from the new image's pixels to `page`'s), on a
    /// background of `background`.
    fn warped(page: &GrayImage, map: &Projection, w: u32, h: u32, background: u8) -> GrayImage {
        GrayImage::from_fn(w, h, |x, y| {
            let (sx, sy) = map.apply(f64::from(x), f64::from(y));
            let value = bilinear(
                page.as_raw(),
                page.width() as usize,
                page.height() as usize,
                sx,
                sy,
            );
            image::Luma([value.map_or(background, |v| v as u8)])
        })
    }

    #[test]
    fn the_skew_of_a_turned_page_is_found_and_undone() {
        let page = lined_page();
        for angle in [0.0, 0.03, -0.05] {
            // Each pixel of the turned page from the straight page, turned back.
            let turned = warped(
                &page,
                &Projection::rotation(-angle, 600.0, 800.0),
                1200,
                1600,
                235,
            );
            let found = skew(&Small::of(&turned, 2));
            assert!((found - angle).abs() < 0.003, "{angle}: found {found}");
            let prepared = prepare(&turned, DPI);
            // The centre stays where it is; a point elsewhere moves with the turn.
            let (cx, cy) = prepared.to_original.apply(600.0, 800.0);
            assert!((cx - 600.0).abs() < 1.0 && (cy - 800.0).abs() < 1.0);
            if angle != 0.0 {
                let (x, _) = prepared.to_original.apply(100.0, 100.0);
                assert!((x - 100.0).abs() > 2.0, "{angle}: {x}");
            }
        }
    }

    #[test]
    fn a_photographed_page_is_cut_out_and_its_perspective_undone() {
        let page = lined_page();
        // The page on a darker table, the top edge narrower than the bottom (the phone
        // held below the page), a little turned.
        let quad = [
            (260.0, 180.0),
            (1240.0, 230.0),
            (1380.0, 1700.0),
            (150.0, 1660.0),
        ];
        let to_page = Projection::square_to(quad)
            .map(|square| {
                // Inverse of page → quad: solve by mapping the quad to the unit square.
                invert(&Projection::scaling(1.0 / 1200.0, 1.0 / 1600.0).then(&square))
            })
            .unwrap_or(Projection::IDENTITY);
        let photo = warped(&page, &to_page, 1500, 1900, 90);
        let prepared = prepare(&photo, DPI);
        // The corners of the prepared page are the page's corners in the photo.
        let (w, h) = (
            f64::from(prepared.page.width()),
            f64::from(prepared.page.height()),
        );
        for ((x, y), expected) in [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)].iter().zip(quad) {
            let (ox, oy) = prepared.to_original.apply(*x, *y);
            assert!(
                (ox - expected.0).abs() < 15.0 && (oy - expected.1).abs() < 15.0,
                "({ox}, {oy}) for {expected:?}"
            );
        }
        // The lines run level again: a row through the middle of a line is dark across
        // the line's length, a row between lines white.
        let row = |y: u32| -> Vec<u8> {
            (0..prepared.page.width())
                .map(|x| prepared.page.get_pixel(x, y).0[0])
                .collect()
        };
        let scale = h / 1600.0;
        let dark = |values: &[u8]| values.iter().filter(|&&v| v < 128).count();
        // Bars at 780–801 and 840–861 of the page.
        let through = (786..797)
            .map(|y| dark(&row((f64::from(y) * scale) as u32)))
            .max()
            .unwrap_or(0);
        assert!(
            through * 10 > prepared.page.width() as usize * 4,
            "{through}"
        );
        let between = (814..826)
            .map(|y| dark(&row((f64::from(y) * scale) as u32)))
            .max()
            .unwrap_or(0);
        assert!(between * 100 < prepared.page.width() as usize, "{between}");
        // A scan without a table around it is not cut.
        assert!(find_page(&Small::of(&page, 2)).is_none());
    }

    /// The inverse of a projective map (the adjugate of its matrix).
    fn invert(map: &Projection) -> Projection {
        let m = &map.0;
        Projection([
            m[4] * m[8] - m[5] * m[7],
            m[2] * m[7] - m[1] * m[8],
            m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8],
            m[0] * m[8] - m[2] * m[6],
            m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6],
            m[1] * m[6] - m[0] * m[7],
            m[0] * m[4] - m[1] * m[3],
        ])
    }

    #[test]
    fn uneven_light_is_evened_out_and_pgm_written() {
        // Paper from bright on the left to dim on the right, with a dark bar.
        let page = GrayImage::from_fn(800, 800, |x, y| {
            let paper = 240.0 - f64::from(x) * 0.15;
            let ink = (300..330).contains(&y) && (100..700).contains(&x);
            image::Luma([if ink {
                (paper * 0.3) as u8
            } else {
                paper as u8
            }])
        });
        let prepared = prepare(&page, DPI);
        assert_eq!(prepared.to_original, Projection::IDENTITY);
        let at = |x, y| prepared.page.get_pixel(x, y).0[0];
        assert!(
            at(50, 600) > 245 && at(750, 600) > 245,
            "{} {}",
            at(50, 600),
            at(750, 600)
        );
        assert!(at(150, 315) < 100 && at(650, 315) < 100);
        let bytes = pgm(&prepared.page);
        assert!(bytes.starts_with(b"P5\n800 800\n255\n"));
        assert_eq!(bytes.len(), 15 + 800 * 800);
    }

    #[test]
    fn running_maxima_and_means_are_those_of_each_window() {
        let values: Vec<f64> = (0..53).map(|i| f64::from((i * 37 + 11) % 29)).collect();
        for radius in [1, 2, 5, 30] {
            let (mut maxima, mut means) = (vec![0.0; values.len()], vec![0.0; values.len()]);
            max_within(&values, radius, &mut maxima);
            mean_within(&values, radius, &mut means);
            for i in 0..values.len() {
                let window = &values[i.saturating_sub(radius)..(i + radius + 1).min(values.len())];
                assert_eq!(maxima[i], window.iter().copied().fold(0.0, f64::max));
                let mean = window.iter().sum::<f64>() / window.len() as f64;
                assert!((means[i] - mean).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn quarter_turns_map_back_onto_the_page() {
        // A 100 × 200 page turned clockwise is 200 × 100; its top left corner was the
        // page's bottom left.
        let map = Projection::quarter_turns(1, 100, 200);
        assert_eq!(map.apply(0.0, 0.0), (0.0, 200.0));
        assert_eq!(
            Projection::quarter_turns(2, 100, 200).apply(0.0, 0.0),
            (100.0, 200.0)
        );
        assert_eq!(
            Projection::quarter_turns(3, 100, 200).apply(0.0, 0.0),
            (100.0, 0.0)
        );
        assert_eq!(
            Projection::scaling(2.0, 2.0).bounding_box(10, 10, 5, 5),
            [20, 20, 10, 10]
        );
    }

    #[test]
    fn a_page_finer_than_the_ocr_resolution_is_reduced_to_it() {
        // 1700 pixels across an A4 page: about 206 dpi. Dark bars 20 pixels high (lines
        // of text) every 60 pixels, on paper of one brightness.
        let page = GrayImage::from_fn(1700, 1800, |x, y| {
            let ink = (100..1700).contains(&y) && y % 60 < 20 && (100..1600).contains(&x);
            image::Luma([if ink { 20 } else { 240 }])
        });
        let prepared = prepare(&page, DPI);
        assert!((prepared.dpi - OCR_DPI).abs() < 1e-9, "{}", prepared.dpi);
        let scale = OCR_DPI * A4_WIDTH_INCHES / 1700.0;
        assert_eq!(
            prepared.page.width(),
            (1700.0 * scale).round() as u32,
            "{scale}"
        );
        // The corners map back onto the page's corners.
        let (w, h) = (
            f64::from(prepared.page.width()),
            f64::from(prepared.page.height()),
        );
        let (x, y) = prepared.to_original.apply(w, h);
        assert!(
            (x - 1700.0).abs() < 2.0 && (y - 1800.0).abs() < 2.0,
            "{x} {y}"
        );
        // A bar stays dark along its middle, the paper between bars white.
        let at = |x: f64, y: f64| {
            prepared
                .page
                .get_pixel((x * scale) as u32, (y * scale) as u32)
                .0[0]
        };
        assert!(at(800.0, 610.0) < 100, "{}", at(800.0, 610.0));
        assert!(at(800.0, 650.0) > 200, "{}", at(800.0, 650.0));
        // A page that is not finer than that by more than 15 % is left as it is.
        let coarse = GrayImage::from_pixel(1600, 1700, image::Luma([240]));
        let prepared = prepare(&coarse, DPI);
        assert_eq!(prepared.page.dimensions(), (1600, 1700));
        assert_eq!(prepared.to_original, Projection::IDENTITY);
    }

    /// A JPEG of `page` whose EXIF block carries the Orientation tag `orientation`.
    fn jpeg_with_orientation(page: &GrayImage, orientation: u16) -> Vec<u8> {
        use image::ImageEncoder;
        // A little-endian TIFF header and one IFD entry: tag 0x0112 (Orientation),
        // type SHORT, one value; no further IFD.
        let mut exif = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
        exif.extend_from_slice(&orientation.to_le_bytes());
        exif.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        let mut bytes = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 95);
        encoder
            .set_exif_metadata(exif)
            .unwrap_or_else(|e| panic!("{e}"));
        encoder
            .write_image(
                page.as_raw(),
                page.width(),
                page.height(),
                image::ExtendedColorType::L8,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        bytes
    }

    #[test]
    fn a_phone_photo_stored_sideways_is_turned_as_its_exif_orientation_says() {
        // Stored 64 wide and 32 high, dark in its left quarter and white elsewhere.
        let stored = GrayImage::from_fn(64, 32, |x, _| image::Luma([if x < 16 { 0 } else { 255 }]));
        let dark = |page: &GrayImage, x: u32, y: u32| page.get_pixel(x, y).0[0] < 64;
        // (tag, size shown, a pixel that must be dark, one that must be white)
        for (orientation, size, ink, paper) in [
            (1, (64, 32), (4, 16), (60, 16)),
            // Turned half round: the dark stripe is on the right.
            (3, (64, 32), (60, 16), (4, 16)),
            // 6: turn 90° clockwise to view (the phone held upright); the stored left
            // edge becomes the top.
            (6, (32, 64), (16, 4), (16, 60)),
            // 8: turn 90° counter-clockwise; the stored left edge becomes the bottom.
            (8, (32, 64), (16, 60), (16, 4)),
        ] {
            let jpeg = jpeg_with_orientation(&stored, orientation);
            let pages = decode(&jpeg).unwrap_or_else(|| panic!("{orientation}: not decoded"));
            let [page] = pages.as_slice() else {
                panic!("{orientation}: {} pages", pages.len())
            };
            assert_eq!(page.dimensions(), size, "orientation {orientation}");
            assert!(
                dark(page, ink.0, ink.1),
                "orientation {orientation}: {ink:?}"
            );
            assert!(
                !dark(page, paper.0, paper.1),
                "orientation {orientation}: {paper:?}"
            );
        }
        // A TIFF page says the same with its own Orientation tag.
        let mut tiff = std::io::Cursor::new(Vec::new());
        let mut encoder =
            tiff::encoder::TiffEncoder::new(&mut tiff).unwrap_or_else(|e| panic!("{e}"));
        let mut image = encoder
            .new_image::<tiff::encoder::colortype::Gray8>(64, 32)
            .unwrap_or_else(|e| panic!("{e}"));
        image
            .encoder()
            .write_tag(tiff::tags::Tag::Orientation, 8u16)
            .unwrap_or_else(|e| panic!("{e}"));
        image
            .write_data(stored.as_raw())
            .unwrap_or_else(|e| panic!("{e}"));
        let pages = decode(tiff.get_ref()).unwrap_or_default();
        let [page] = pages.as_slice() else {
            panic!("TIFF: {} pages", pages.len())
        };
        assert_eq!(page.dimensions(), (32, 64));
        assert!(dark(page, 16, 60) && !dark(page, 16, 4));
        // Without an EXIF block the picture stays as stored.
        let mut plain = Vec::new();
        image::DynamicImage::ImageLuma8(stored.clone())
            .write_to(
                &mut std::io::Cursor::new(&mut plain),
                image::ImageFormat::Jpeg,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let pages = decode(&plain).unwrap_or_default();
        assert_eq!(pages.first().map(GrayImage::dimensions), Some((64, 32)));
    }

    #[test]
    fn undecodable_images_and_tiff_pages() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0").is_none());
        assert!(decode(b"II*\0garbage").is_none());
    }
}
