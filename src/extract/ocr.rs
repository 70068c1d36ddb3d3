//! OCR: the text of scans and phone photos, through the `tesseract` program.
//!
//! Most letters that reach an advice centre are on paper, so images (PNG, JPEG, TIFF
//! with any number of pages, WebP) and PDF pages without a usable text layer are read
//! with Tesseract 5 and its German model. formlos starts the `tesseract` program rather
//! than binding libtesseract: the program's TSV output has every word with its box and
//! confidence, building formlos needs no C library or headers, a crash of Tesseract on
//! a hostile image costs that file and not the run, and a missing program is an error
//! of that file that names the install command while the other files are checked.
//! PDF pages are rasterised by pdftoppm (poppler-utils) at [`OCR_DPI`], the resolution
//! Tesseract is given every page at.
//!
//! Each page is decoded here (every page of a TIFF), turned upright as its EXIF or
//! TIFF orientation tag says, and prepared ([`super::ocr_prep`]): the paper found in a
//! photo and its perspective undone, finer pages reduced to [`OCR_DPI`], the skew
//! undone, the uneven light of a photo evened out.
//! Tesseract then reads the page once, with its automatic page segmentation and the
//! fast global threshold, the pages of one file in one process (its model loaded
//! once); only a page that reads poorly is checked for lying on its side or upside
//! down (the osd model) and read again upright. Lines and paragraphs are rebuilt from
//! the word boxes ([`super::ocr_lines`]) and typical confusions undone
//! ([`super::ocr_fix`]).
//!
//! Recognition is slow next to everything else formlos does, so an opt-in cache
//! (`--ocr-cache DIR`) keeps Tesseract's output keyed by the SHA-256 of the file: a
//! second run over an archive reads it instead. It is off by default because letters
//! hold Sozialdaten; its folder is created readable by the owner only (0700), each
//! entry too (0600), and runs with `--redact` never write to it.

use std::path::PathBuf;
use std::sync::RwLock;

/// When to recognize text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "native", derive(clap::ValueEnum))]
pub enum OcrMode {
    /// Images, and PDF pages without a usable text layer.
    #[default]
    Auto,
    /// Every page of a PDF too, even with a text layer.
    Always,
    /// Never: an image is an error, a PDF is read from its text layer only.
    Never,
}

/// How OCR runs in this process.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OcrSettings {
    pub mode: OcrMode,
    /// Where recognized pages are kept between runs, if anywhere.
    pub cache: Option<PathBuf>,
    /// Whether new entries may be written into the cache (not under `--redact`).
    pub write_cache: bool,
}

/// The settings of the run. Extraction is called with a format and bytes from many
/// places (the check pipeline, `formlos text`, mail attachments); the OCR settings are
/// the same for all files of a run, so they are set once here rather than threaded
/// through every caller.
static SETTINGS: RwLock<OcrSettings> = RwLock::new(OcrSettings {
    mode: OcrMode::Auto,
    cache: None,
    write_cache: false,
});

/// Sets how OCR runs from now on (the command line does this before reading files).
pub fn configure(settings: OcrSettings) {
    if let Ok(mut current) = SETTINGS.write() {
        *current = settings;
    }
}

/// How OCR runs now.
pub fn settings() -> OcrSettings {
    SETTINGS
        .read()
        .map(|settings| settings.clone())
        .unwrap_or_default()
}

/// The Debian packages OCR needs, as the command that installs them.
pub const INSTALL_TESSERACT: &str =
    "sudo apt-get install tesseract-ocr tesseract-ocr-deu tesseract-ocr-osd";

/// The command that installs pdftoppm, which rasterises scanned PDF pages.
pub const INSTALL_PDFTOPPM: &str = "sudo apt-get install poppler-utils";

/// Resolution images are assumed to have when nothing tells otherwise.
pub const DPI: u32 = 300;

#[cfg(feature = "ocr")]
pub use super::ocr_prep::OCR_DPI;

#[cfg(feature = "ocr")]
pub use run::{image, recognize_pdf_pages, unit_from};

/// Whether an image attached to a mail could be a page worth recognizing: not when its
/// shorter side has fewer than 400 pixels (an A4 page at 50 dpi has 413), which makes it
/// a logo or a signature picture whose recognition would only cost time.
#[cfg(feature = "ocr")]
pub fn could_be_a_page(bytes: &[u8]) -> bool {
    ::image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_dimensions().ok())
        .is_none_or(|(width, height)| width.min(height) >= 400)
}

/// Without OCR no image is read.
#[cfg(not(feature = "ocr"))]
pub fn could_be_a_page(_bytes: &[u8]) -> bool {
    false
}

#[cfg(feature = "ocr")]
mod run {
    use std::collections::BTreeMap;
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    use image::GrayImage;
    use serde::{Deserialize, Serialize};
    use sha2::Digest;

    use super::super::layout;
    use super::super::ocr_fix::correct;
    use super::super::ocr_lines::{OcrWord, lay_out, parse_tsv};
    use super::super::ocr_prep::{Projection, decode, pgm, prepare};
    use super::super::pdf_lines::PositionedText;
    use super::super::{Document, ExtractError, Format, Unit};
    use super::{DPI, INSTALL_PDFTOPPM, INSTALL_TESSERACT, OCR_DPI, OcrMode, settings};

    /// What the cache key depends on besides the file: a change of how Tesseract is run
    /// or of the pre-processing must not reuse old output.
    const CACHE_VERSION: &str =
        "formlos-ocr-4 deu psm3 osd-when-poor otsu page perspective exif-orientation 170dpi";

    /// How Tesseract reads a page: fully automatic page segmentation without orientation
    /// detection (`--psm 3`; orientation costs 0.5–0.7 s a page and is asked for only
    /// when a page reads poorly, see [`recognize_page`]), the global (Otsu) threshold,
    /// which the pre-processing's evened-out light makes enough, and no search for
    /// white-on-black text.
    const TESSERACT_ARGS: [&str; 7] = [
        "-l",
        "deu",
        "--psm",
        "3",
        "-c",
        "tessedit_do_invert=0",
        "tsv",
    ];

    /// Runs `tesseract IMAGE stdout ARGS…` on one thread (files are already read in
    /// parallel) and returns what it printed.
    fn tesseract(image: &Path, args: &[&str]) -> Result<String, ExtractError> {
        let output = Command::new("tesseract")
            .arg(image)
            .arg("stdout")
            .args(args)
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .output()
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => ExtractError::OcrMissing {
                    what: "tesseract",
                    install: INSTALL_TESSERACT,
                },
                _ => ExtractError::OcrFailed(error.to_string()),
            })?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("Failed loading language") || stderr.contains("Error opening data file")
        {
            return Err(ExtractError::OcrMissing {
                what: if args.contains(&"deu") {
                    "tesseract-ocr-deu"
                } else {
                    "tesseract-ocr-osd"
                },
                install: INSTALL_TESSERACT,
            });
        }
        if !output.status.success() {
            let reason = stderr
                .lines()
                .rfind(|line| !line.trim().is_empty())
                .unwrap_or("tesseract failed");
            return Err(ExtractError::OcrFailed(reason.trim().to_string()));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The cache entry of `bytes` (a page of it, for PDFs), when a cache is set.
    fn cache_entry(bytes: &[u8], page: Option<usize>) -> Option<PathBuf> {
        let dir = settings().cache?;
        let mut hash = sha2::Sha256::new();
        hash.update(CACHE_VERSION.as_bytes());
        hash.update([0]);
        hash.update(bytes);
        let digest: String = hash
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let name = match page {
            Some(page) => format!("{digest}-p{page}.json"),
            None => format!("{digest}.json"),
        };
        Some(dir.join(name))
    }

    /// What Tesseract made of one page image (or, for a TIFF that could not be decoded
    /// here, of all its pages).
    #[derive(Serialize, Deserialize)]
    struct RecognizedPage {
        /// The map from the image Tesseract read onto the original image.
        to_original: [f64; 9],
        /// The resolution of the image Tesseract read.
        dpi: f64,
        tsv: String,
    }

    /// What Tesseract made of an image: its pages. This is what the cache keeps.
    #[derive(Serialize, Deserialize)]
    struct Recognized {
        pages: Vec<RecognizedPage>,
    }

    impl Recognized {
        /// The words laid out as pages of text, their boxes on the original image.
        fn lay_out(&self) -> (PositionedText, Vec<OcrWord>) {
            let mut pages = Vec::new();
            let mut maps = Vec::new();
            for recognized in &self.pages {
                for mut page in parse_tsv(&recognized.tsv) {
                    page.points_per_pixel = 72.0 / recognized.dpi.max(1.0);
                    pages.push(page);
                    maps.push(Projection(recognized.to_original));
                }
            }
            let (text, mut words) = lay_out(&pages);
            for word in &mut words {
                let Some(map) = maps.get((word.page as usize).saturating_sub(1)) else {
                    continue;
                };
                let b = word.bounds;
                let [left, top, width, height] = map.bounding_box(b.left, b.top, b.width, b.height);
                word.bounds = super::super::WordBox {
                    left,
                    top,
                    width,
                    height,
                };
            }
            (text, words)
        }
    }

    /// Recognizes an image file: every page decoded, prepared ([`prepare`]) and read on
    /// its own; a file that cannot be decoded here (a TIFF in a compression the tiff
    /// crate lacks) is given to Tesseract as it is.
    /// `dpi` is the resolution of the image as far as it is known.
    fn recognize(bytes: &[u8], dpi: u32) -> Result<Recognized, ExtractError> {
        let dir = temporary_dir()?;
        let Some(images) = decode(bytes) else {
            let path = dir.path().join("image");
            std::fs::write(&path, bytes)
                .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
            return Ok(Recognized {
                pages: vec![RecognizedPage {
                    to_original: Projection::IDENTITY.0,
                    dpi: f64::from(dpi),
                    tsv: tesseract(&path, &TESSERACT_ARGS)?,
                }],
            });
        };
        let mut pages = Vec::with_capacity(images.len());
        for chunk in images.chunks(PAGES_PER_TESSERACT) {
            let written = chunk
                .iter()
                .enumerate()
                .map(|(n, image)| write_prepared(image, f64::from(dpi), dir.path(), n))
                .collect::<Result<Vec<_>, _>>()?;
            pages.extend(read_pages(&written, dir.path())?);
        }
        Ok(Recognized { pages })
    }

    /// The most pages one Tesseract process reads: its start (loading the model,
    /// about 0.1 s) is paid once for them, while the prepared pages waiting for it in
    /// the temporary folder stay few.
    const PAGES_PER_TESSERACT: usize = 16;

    /// A page prepared and written where Tesseract reads it.
    struct WrittenPage {
        path: PathBuf,
        /// The map from the written page onto the original image.
        to_original: Projection,
        dpi: f64,
    }

    /// Prepares `image` (resolution `dpi`, as far as known; see [`prepare`]) and writes
    /// it into `dir` as page `n`.
    fn write_prepared(
        image: &GrayImage,
        dpi: f64,
        dir: &Path,
        n: usize,
    ) -> Result<WrittenPage, ExtractError> {
        let prepared = prepare(image, dpi);
        let path = dir.join(format!("page-{n}.pgm"));
        std::fs::write(&path, pgm(&prepared.page))
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
        Ok(WrittenPage {
            path,
            to_original: prepared.to_original,
            dpi: prepared.dpi,
        })
    }

    /// Recognizes written pages with one Tesseract process: several are named in a
    /// list file, which Tesseract reads page after page with the model loaded once, and
    /// its TSV is split at each page's first row. Each page that reads poorly then gets
    /// its second look ([`look_again_if_poor`]).
    fn read_pages(pages: &[WrittenPage], dir: &Path) -> Result<Vec<RecognizedPage>, ExtractError> {
        let tsvs = match pages {
            [page] => vec![tesseract(&page.path, &TESSERACT_ARGS)?],
            _ => {
                let list = dir.join("pages.txt");
                let names: String = pages
                    .iter()
                    .map(|page| format!("{}\n", page.path.display()))
                    .collect();
                std::fs::write(&list, names)
                    .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
                let split = split_pages(&tesseract(&list, &TESSERACT_ARGS)?);
                if split.len() == pages.len() {
                    split
                } else {
                    // Tesseract skipped a page it could not read: read each on its own,
                    // so that the failing one says why.
                    pages
                        .iter()
                        .map(|page| tesseract(&page.path, &TESSERACT_ARGS))
                        .collect::<Result<_, _>>()?
                }
            }
        };
        pages
            .iter()
            .zip(tsvs)
            .map(|(page, tsv)| look_again_if_poor(page, tsv, dir))
            .collect()
    }

    /// The TSV of several pages split into one TSV per page, each with the header row:
    /// a page begins with its row of level 1.
    fn split_pages(tsv: &str) -> Vec<String> {
        let mut lines = tsv.lines();
        let header = lines.next().unwrap_or("");
        let mut pages: Vec<String> = Vec::new();
        for line in lines {
            if line.starts_with("1\t") {
                pages.push(format!("{header}\n"));
            }
            if let Some(page) = pages.last_mut() {
                page.push_str(line);
                page.push('\n');
            }
        }
        pages
    }

    /// A page reads poorly when fewer than this share of its letters are recognized
    /// with confidence: then it may lie on its side or upside down.
    const POOR_CONFIDENCE: f64 = 0.6;

    /// The mean confidence of the words of a TSV, weighted by their letters; 0 without
    /// words.
    fn confidence(tsv: &str) -> f64 {
        let words: Vec<_> = parse_tsv(tsv).into_iter().flat_map(|p| p.words).collect();
        let letters: usize = words.iter().map(|w| w.text.chars().count()).sum();
        if letters == 0 {
            return 0.0;
        }
        words
            .iter()
            .map(|w| w.confidence * w.text.chars().count() as f64)
            .sum::<f64>()
            / letters as f64
    }

    /// Tesseract's reading `tsv` of a written page, or a better one: when it reads
    /// poorly, Tesseract's orientation detection (`--psm 0`) is asked whether the page
    /// is turned; a turned page is turned upright and read again, and the better
    /// reading kept. Straight pages, nearly all, are read once.
    fn look_again_if_poor(
        page: &WrittenPage,
        tsv: String,
        dir: &Path,
    ) -> Result<RecognizedPage, ExtractError> {
        let first = RecognizedPage {
            to_original: page.to_original.0,
            dpi: page.dpi,
            tsv,
        };
        let first_confidence = confidence(&first.tsv);
        let sideways = on_its_side(&first.tsv);
        if first_confidence >= POOR_CONFIDENCE && !sideways {
            return Ok(first);
        }
        // A missing osd model or a page with too little text to tell: keep the reading.
        let Some(quarters) = tesseract(&page.path, &["--psm", "0"])
            .ok()
            .and_then(|osd| quarter_turns(&osd))
            .filter(|&quarters| quarters != 0)
        else {
            return Ok(first);
        };
        let Some(prepared) = std::fs::read(&page.path)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .and_then(|mut pages| pages.pop())
        else {
            return Ok(first);
        };
        let turned = match quarters {
            1 => image::imageops::rotate90(&prepared),
            2 => image::imageops::rotate180(&prepared),
            _ => image::imageops::rotate270(&prepared),
        };
        let path = dir.join("turned.pgm");
        std::fs::write(&path, pgm(&turned))
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
        let tsv = tesseract(&path, &TESSERACT_ARGS)?;
        let better = (sideways && !on_its_side(&tsv)) || confidence(&tsv) > first_confidence;
        if !better {
            return Ok(first);
        }
        let back = Projection::quarter_turns(quarters, prepared.width(), prepared.height());
        Ok(RecognizedPage {
            to_original: back.then(&page.to_original).0,
            dpi: page.dpi,
            tsv,
        })
    }

    /// Whether Tesseract read the lines of a page running down it: it reads a page
    /// lying on its side well, but its word boxes then stand on end, and lines cannot
    /// be rebuilt from them. Most words of four letters or more are taller than wide.
    fn on_its_side(tsv: &str) -> bool {
        let words: Vec<_> = parse_tsv(tsv)
            .into_iter()
            .flat_map(|page| page.words)
            .filter(|word| word.text.chars().count() >= 4)
            .collect();
        let standing = words
            .iter()
            .filter(|word| word.bounds.height > word.bounds.width)
            .count();
        standing * 2 > words.len()
    }

    /// The quarter turns clockwise that make a page upright, from Tesseract's
    /// orientation report (`Rotate: 90` means 90° clockwise).
    fn quarter_turns(osd: &str) -> Option<u32> {
        let degrees: u32 = osd
            .lines()
            .find_map(|line| line.strip_prefix("Rotate:"))?
            .trim()
            .parse()
            .ok()?;
        Some(degrees / 90 % 4)
    }

    /// Tesseract's output for `bytes` (page `page` of a PDF), from the cache when it has
    /// it, else from `recognize`, kept in the cache when writing is allowed.
    fn cached(
        bytes: &[u8],
        page: Option<usize>,
        recognize: impl FnOnce() -> Result<Recognized, ExtractError>,
    ) -> Result<Recognized, ExtractError> {
        if let Some(recognized) = from_cache(bytes, page) {
            return Ok(recognized);
        }
        let recognized = recognize()?;
        keep_in_cache(bytes, page, &recognized);
        Ok(recognized)
    }

    /// What the cache holds for `bytes` (page `page` of a PDF), if a cache is set and
    /// has it.
    fn from_cache(bytes: &[u8], page: Option<usize>) -> Option<Recognized> {
        let entry = cache_entry(bytes, page)?;
        let text = std::fs::read(entry).ok()?;
        serde_json::from_slice::<Recognized>(&text).ok()
    }

    /// Keeps `recognized` in the cache, when one is set and writing is allowed.
    fn keep_in_cache(bytes: &[u8], page: Option<usize>, recognized: &Recognized) {
        if let Some(entry) = cache_entry(bytes, page)
            && settings().write_cache
        {
            // A cache that cannot be written costs speed, not the result.
            if let Ok(json) = serde_json::to_string(recognized) {
                let _ = store(&entry, &json);
            }
        }
    }

    /// Writes a cache entry readable by the owner only, in a folder only the owner can
    /// open.
    fn store(entry: &Path, tsv: &str) -> std::io::Result<()> {
        let Some(dir) = entry.parent() else {
            return Ok(());
        };
        if !dir.is_dir() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir)?;
        }
        // A temporary file is created 0600 and renamed into place.
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        file.write_all(tsv.as_bytes())?;
        file.persist(entry).map_err(|error| error.error)?;
        Ok(())
    }

    fn temporary_dir() -> Result<tempfile::TempDir, ExtractError> {
        tempfile::Builder::new()
            .prefix("formlos-ocr")
            .tempdir()
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))
    }

    /// The text of an image file: every page of it recognized.
    pub fn image(bytes: &[u8]) -> Result<Document, ExtractError> {
        if settings().mode == OcrMode::Never {
            return Err(ExtractError::OcrOff);
        }
        let (text, words) = cached(bytes, None, || recognize(bytes, DPI))?.lay_out();
        if words.is_empty() {
            return Err(ExtractError::NothingRecognized);
        }
        let (unit, furniture) = unit_from(text, words);
        Ok(Document {
            format: Format::Image,
            encoding: "OCR",
            units: vec![unit],
            evidence: furniture,
        })
    }

    /// Rasterises page `page` (1-based) of the PDF at `pdf` into `dir` and decodes it.
    /// The page is rasterised at [`OCR_DPI`] whatever the resolution of the scan on it:
    /// pdftoppm averages a finer scan's pixels down, which costs less than rasterising
    /// it at its own resolution and reducing it afterwards, and a coarser scan is
    /// interpolated up.
    fn rasterise(pdf: &Path, page: usize, dir: &Path) -> Result<GrayImage, ExtractError> {
        let prefix = dir.join("raster");
        let number = page.to_string();
        let dpi = OCR_DPI.round() as u32;
        let output = Command::new("pdftoppm")
            .args(["-r", &dpi.to_string(), "-gray", "-singlefile"])
            .args(["-f", &number, "-l", &number])
            .arg(pdf)
            .arg(&prefix)
            .stdin(Stdio::null())
            .output()
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => ExtractError::OcrMissing {
                    what: "pdftoppm",
                    install: INSTALL_PDFTOPPM,
                },
                _ => ExtractError::OcrFailed(error.to_string()),
            })?;
        if !output.status.success() {
            return Err(ExtractError::OcrFailed(
                String::from_utf8_lossy(&output.stderr).trim().to_string(),
            ));
        }
        let bytes = std::fs::read(prefix.with_extension("pgm"))
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
        decode(&bytes)
            .and_then(|mut pages| pages.pop())
            .ok_or_else(|| ExtractError::OcrFailed(format!("pdftoppm wrote no page {page}")))
    }

    /// Recognizes pages `pages` (1-based) of the PDF at `pdf` with one Tesseract
    /// process: each rasterised, prepared and written in turn (one page image in memory
    /// at a time), then read together ([`read_pages`]).
    fn recognize_pdf_pages_at(
        pdf: &Path,
        pages: &[usize],
    ) -> Result<Vec<Recognized>, ExtractError> {
        let dir = temporary_dir()?;
        let dpi = f64::from(OCR_DPI.round() as u32);
        let written = pages
            .iter()
            .enumerate()
            .map(|(n, &page)| {
                let image = rasterise(pdf, page, dir.path())?;
                write_prepared(&image, dpi, dir.path(), n)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(read_pages(&written, dir.path())?
            .into_iter()
            .map(|page| Recognized { pages: vec![page] })
            .collect())
    }

    /// The pages of a PDF whose text layer is replaced by OCR: in `auto` mode those that
    /// draw a picture (`pictures`, by page index) and have fewer than [`USABLE_TEXT`]
    /// letters, in `always` mode all; none in `never` mode. Those not in the cache are
    /// recognized [`PAGES_PER_TESSERACT`] at a time, and each is laid out on its own.
    pub fn recognize_pdf_pages(
        bytes: &[u8],
        text: &PositionedText,
        pictures: &[bool],
    ) -> Result<BTreeMap<usize, (PositionedText, Vec<OcrWord>)>, ExtractError> {
        let mode = settings().mode;
        let wanted: Vec<usize> = (0..text.pages.len())
            .filter(|&index| match mode {
                OcrMode::Never => false,
                OcrMode::Always => true,
                OcrMode::Auto => {
                    pictures.get(index).copied().unwrap_or(false)
                        && letters_on_page(text, index) < USABLE_TEXT
                }
            })
            .collect();
        let mut pages = BTreeMap::new();
        let mut missing = Vec::new();
        for index in wanted {
            match from_cache(bytes, Some(index + 1)) {
                Some(recognized) => {
                    pages.insert(index, recognized.lay_out());
                }
                None => missing.push(index + 1),
            }
        }
        if missing.is_empty() {
            return Ok(pages);
        }
        let mut pdf = tempfile::NamedTempFile::new()
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
        pdf.write_all(bytes)
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
        for chunk in missing.chunks(PAGES_PER_TESSERACT) {
            let recognized = recognize_pdf_pages_at(pdf.path(), chunk)?;
            for (&page, recognized) in chunk.iter().zip(recognized) {
                keep_in_cache(bytes, Some(page), &recognized);
                pages.insert(page - 1, recognized.lay_out());
            }
        }
        Ok(pages)
    }

    /// A page with fewer letters than this in its text layer has no usable one: a scan,
    /// perhaps with a stamped page number or a file name printed on it.
    const USABLE_TEXT: usize = 40;

    fn letters_on_page(text: &PositionedText, index: usize) -> usize {
        text.pages[index]
            .iter()
            .map(|line| {
                text.source
                    .get(line.range.clone())
                    .unwrap_or("")
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
            })
            .sum()
    }

    /// The unit of laid-out pages some of whose words came from OCR: page furniture
    /// left out, paragraphs flowed across pages, OCR confusions undone; and the
    /// furniture (evidence for the rules).
    pub fn unit_from(text: PositionedText, words: Vec<OcrWord>) -> (Unit, String) {
        let flowed = layout::flow(&text.source, &text.pages, &text.page_starts);
        let recognized = |offset: usize| {
            let source = flowed.to_source.map(offset);
            let index = words.partition_point(|w| w.range.end <= source);
            words.get(index).is_some_and(|w| w.range.contains(&source))
        };
        let (corrected, to_flowed) = correct(&flowed.text, recognized);
        let mut unit = Unit::derived(corrected, to_flowed.then(&flowed.to_source), text.source);
        unit.line_pages = flowed.line_pages;
        unit.lines_per_page = true;
        let letters: usize = words.iter().map(|w| w.range.len()).sum();
        if letters > 0 {
            let weighted: f64 = words
                .iter()
                .map(|w| w.confidence * w.range.len() as f64)
                .sum();
            unit.ocr_confidence = Some(weighted / letters as f64);
        }
        unit.ocr_words = words;
        (unit, flowed.furniture)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_page_read_on_its_side_and_the_turn_that_makes_it_upright() {
            let header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n1\t1\t0\t0\t0\t0\t0\t0\t3508\t2480\t-1\t\n";
            let word = |width: u32, height: u32, text: &str| {
                format!("5\t1\t1\t1\t1\t1\t100\t100\t{width}\t{height}\t95\t{text}\n")
            };
            let standing = format!(
                "{header}{}{}",
                word(30, 160, "Anfragen"),
                word(30, 90, "per")
            );
            let lying = format!(
                "{header}{}{}",
                word(160, 30, "Anfragen"),
                word(30, 40, "per")
            );
            assert!(on_its_side(&standing));
            assert!(!on_its_side(&lying));
            assert!(!on_its_side(header));
            assert_eq!(
                quarter_turns("Page number: 0\nOrientation in degrees: 90\nRotate: 270\n"),
                Some(3)
            );
            assert_eq!(quarter_turns("Too few characters"), None);
        }

        #[test]
        fn the_tsv_of_several_pages_is_split_at_each_page_row() {
            let header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
            let page = |n: u32| format!("1\t{n}\t0\t0\t0\t0\t0\t0\t1406\t1989\t-1\t\n");
            let word =
                |n: u32, text: &str| format!("5\t{n}\t1\t1\t1\t1\t100\t100\t80\t30\t95\t{text}\n");
            let tsv = format!(
                "{header}\n{}{}{}{}",
                page(1),
                word(1, "Anfragen"),
                page(2),
                word(2, "E-Mail")
            );
            let pages = split_pages(&tsv);
            assert_eq!(pages.len(), 2);
            assert_eq!(
                pages[0],
                format!("{header}\n{}{}", page(1), word(1, "Anfragen"))
            );
            assert_eq!(
                pages[1],
                format!("{header}\n{}{}", page(2), word(2, "E-Mail"))
            );
            assert_eq!(parse_tsv(&pages[1])[0].words[0].text, "E-Mail");
            assert!(split_pages(header).is_empty());
        }
    }
}
