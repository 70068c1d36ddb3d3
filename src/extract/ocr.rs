//! OCR: the text of scans and phone photos, through the `tesseract` program.
//!
//! Most letters that reach an advice centre are on paper, so images (PNG, JPEG, TIFF
//! with any number of pages, WebP) and PDF pages without a usable text layer are read
//! with Tesseract 5 and its German model. formlos starts the `tesseract` program rather
//! than binding libtesseract: the program's TSV output has every word with its box and
//! confidence, building formlos needs no C library or headers, a crash of Tesseract on
//! a hostile image costs that file and not the run, and a missing program is an error
//! of that file that names the install command while the other files are checked.
//! PDF pages are rasterised by pdftoppm (poppler-utils) at [`DPI`].
//!
//! Pre-processing is Tesseract's own, measured on generated scans and phone photos
//! (scripts/make_scans.py, tests/ocr.rs): page segmentation with orientation detection
//! (`--psm 1`, the osd model) turns pages that lie on their side, its line finder
//! follows skewed lines, and adaptive (Sauvola) binarisation evens out the uneven light
//! of a photo and its low contrast. Lines and paragraphs are rebuilt from the word boxes
//! ([`super::ocr_lines`]) and typical confusions undone ([`super::ocr_fix`]).
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

/// Resolution PDF pages are rasterised at, and images are assumed to have: Tesseract
/// reads letter-sized print best at 300 dpi.
pub const DPI: u32 = 300;

#[cfg(feature = "ocr")]
pub use run::{image, recognize_pdf_pages, unit_from};

#[cfg(feature = "ocr")]
mod run {
    use std::collections::BTreeMap;
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    use sha2::Digest;

    use super::super::layout;
    use super::super::ocr_fix::correct;
    use super::super::ocr_lines::{OcrWord, lay_out, parse_tsv};
    use super::super::ocr_prep::{Turn, original_box, prepare};
    use super::super::pdf_lines::PositionedText;
    use super::super::{Document, ExtractError, Format, Unit};
    use super::{DPI, INSTALL_PDFTOPPM, INSTALL_TESSERACT, OcrMode, settings};

    /// What the cache key depends on besides the file: a change of how Tesseract is run
    /// must not reuse old output.
    const CACHE_VERSION: &str = "formlos-ocr-2 deu psm1 sauvola 300dpi deskew";

    /// The arguments after the image and the output.
    const TESSERACT_ARGS: [&str; 9] = [
        "-l",
        "deu",
        "--psm",
        "1",
        "-c",
        "tessedit_do_invert=0",
        "-c",
        "thresholding_method=2",
        "tsv",
    ];

    fn points_per_pixel() -> f64 {
        72.0 / f64::from(DPI)
    }

    /// Runs `tesseract IMAGE stdout … tsv` on one thread (files are already read in
    /// parallel) and returns its TSV.
    fn tesseract(image: &Path) -> Result<String, ExtractError> {
        let output = Command::new("tesseract")
            .arg(image)
            .arg("stdout")
            .args(TESSERACT_ARGS)
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
                what: "tesseract-ocr-deu",
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
            Some(page) => format!("{digest}-p{page}.tsv"),
            None => format!("{digest}.tsv"),
        };
        Some(dir.join(name))
    }

    /// What Tesseract made of a page image: its TSV, and how the page was turned
    /// before (none when it was read as it is).
    struct Recognized {
        turn: Option<Turn>,
        tsv: String,
    }

    impl Recognized {
        /// The cache entry: a first line with the turn, then the TSV.
        fn to_entry(&self) -> String {
            let turn = self.turn.map_or("-".to_string(), |turn| {
                format!("{} {} {}", turn.angle, turn.width, turn.height)
            });
            format!("{turn}\n{}", self.tsv)
        }

        fn from_entry(entry: &str) -> Option<Recognized> {
            let (first, tsv) = entry.split_once('\n')?;
            let turn = match first.split(' ').collect::<Vec<_>>()[..] {
                ["-"] => None,
                [angle, width, height] => Some(Turn {
                    angle: angle.parse().ok()?,
                    width: width.parse().ok()?,
                    height: height.parse().ok()?,
                }),
                _ => return None,
            };
            Some(Recognized {
                turn,
                tsv: tsv.to_string(),
            })
        }

        /// The words laid out as pages of text, their boxes on the original image.
        fn lay_out(&self) -> (PositionedText, Vec<OcrWord>) {
            let (text, mut words) = lay_out(&parse_tsv(&self.tsv), points_per_pixel());
            if let Some(turn) = self.turn {
                for word in &mut words {
                    let b = word.bounds;
                    let [left, top, width, height] =
                        original_box(turn, b.left, b.top, b.width, b.height);
                    word.bounds = super::super::WordBox {
                        left,
                        top,
                        width,
                        height,
                    };
                }
            }
            (text, words)
        }
    }

    /// Recognizes an image: straightened and contrast-stretched when it can be decoded
    /// here, else (a multi-page TIFF) as it is.
    fn recognize(bytes: &[u8]) -> Result<Recognized, ExtractError> {
        let dir = temporary_dir()?;
        let prepared = prepare(bytes);
        let path = dir.path().join(if prepared.is_some() {
            "page.pgm"
        } else {
            "image"
        });
        let write = |content: &[u8]| {
            std::fs::write(&path, content)
                .map_err(|error| ExtractError::OcrFailed(error.to_string()))
        };
        match &prepared {
            Some(page) => write(&page.pgm)?,
            None => write(bytes)?,
        }
        Ok(Recognized {
            turn: prepared.map(|page| page.turn),
            tsv: tesseract(&path)?,
        })
    }

    /// Tesseract's output for `bytes` (page `page` of a PDF), from the cache when it has
    /// it, else from `recognize`, kept in the cache when writing is allowed.
    fn cached(
        bytes: &[u8],
        page: Option<usize>,
        recognize: impl FnOnce() -> Result<Recognized, ExtractError>,
    ) -> Result<Recognized, ExtractError> {
        let entry = cache_entry(bytes, page);
        if let Some(recognized) = entry
            .as_ref()
            .and_then(|e| std::fs::read_to_string(e).ok())
            .and_then(|text| Recognized::from_entry(&text))
        {
            return Ok(recognized);
        }
        let recognized = recognize()?;
        if let Some(entry) = entry
            && settings().write_cache
        {
            // A cache that cannot be written costs speed, not the result.
            let _ = store(&entry, &recognized.to_entry());
        }
        Ok(recognized)
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
        let (text, words) = cached(bytes, None, || recognize(bytes))?.lay_out();
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

    /// Rasterises page `page` (1-based) of the PDF at `pdf` and recognizes it.
    fn recognize_pdf_page(pdf: &Path, page: usize) -> Result<Recognized, ExtractError> {
        let dir = temporary_dir()?;
        let prefix = dir.path().join("page");
        let number = page.to_string();
        let output = Command::new("pdftoppm")
            .args(["-r", &DPI.to_string(), "-gray", "-singlefile"])
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
        let image = std::fs::read(prefix.with_extension("pgm"))
            .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
        recognize(&image)
    }

    /// The pages of a PDF whose text layer is replaced by OCR: in `auto` mode those that
    /// draw a picture (`pictures`, by page index) and have fewer than [`USABLE_TEXT`]
    /// letters, in `always` mode all; none in `never` mode. Each is recognized and laid
    /// out on its own.
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
        if wanted.is_empty() {
            return Ok(pages);
        }
        let mut file: Option<tempfile::NamedTempFile> = None;
        for index in wanted {
            let recognized = cached(bytes, Some(index + 1), || {
                if file.is_none() {
                    let mut pdf = tempfile::NamedTempFile::new()
                        .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
                    pdf.write_all(bytes)
                        .map_err(|error| ExtractError::OcrFailed(error.to_string()))?;
                    file = Some(pdf);
                }
                let path = file
                    .as_ref()
                    .map(|f| f.path().to_path_buf())
                    .unwrap_or_default();
                recognize_pdf_page(&path, index + 1)
            })?;
            pages.insert(index, recognized.lay_out());
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
}
