//! What to check: files and stdin, and why an input is not checked. Walking folders
//! ([`walk`]) needs a file system and is part of the native build only.

use std::path::PathBuf;

use crate::extract::{ExtractError, Format};
use crate::i18n::{Lang, t};

#[cfg(feature = "native")]
pub mod walk;
#[cfg(feature = "native")]
pub use walk::{Discovery, PathFilter, discover, shard_of};

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin,
    /// A file and the format to read it in; `walked` when found in a folder rather than
    /// named on the command line.
    File {
        path: PathBuf,
        format: Format,
        walked: bool,
    },
}

impl Target {
    /// The path as shown in reports; stdin is `<stdin>`.
    pub fn display(&self) -> String {
        match self {
            Target::Stdin => STDIN_NAME.to_string(),
            Target::File { path, .. } => path.display().to_string(),
        }
    }
}

pub const STDIN_NAME: &str = "<stdin>";

/// An input that is not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub issue: InputIssue,
}

/// An error of the operating system: its kind, which picks the sentence a person reads,
/// and the system's own English text, kept for JSON (`files[].error_detail`) and
/// `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoProblem {
    pub kind: std::io::ErrorKind,
    pub text: String,
}

impl From<&std::io::Error> for IoProblem {
    fn from(error: &std::io::Error) -> Self {
        Self {
            kind: error.kind(),
            text: error.to_string(),
        }
    }
}

impl IoProblem {
    /// What happened and what to do, in `lang`.
    pub fn sentence(&self, lang: Lang) -> &'static str {
        use std::io::ErrorKind;
        let (de, en) = match self.kind {
            ErrorKind::NotFound => (
                "Datei oder Ordner nicht gefunden; bitte Pfad und Schreibweise prüfen",
                "file or folder not found; check the path and its spelling",
            ),
            ErrorKind::PermissionDenied => (
                "keine Berechtigung zum Lesen; bitte die Zugriffsrechte prüfen (z. B. mit `ls -l`) oder die Datei in einen eigenen Ordner kopieren",
                "no permission to read it; check the access rights (e.g. with `ls -l`) or copy the file to a folder of your own",
            ),
            ErrorKind::IsADirectory => (
                "ist ein Ordner, keine Datei; einen Ordner prüft formlos, wenn er als Pfad angegeben ist",
                "is a folder, not a file; formlos checks a folder when it is given as a path",
            ),
            ErrorKind::NotADirectory => (
                "ein Teil des Pfads ist kein Ordner; bitte den Pfad prüfen",
                "part of the path is not a folder; check the path",
            ),
            ErrorKind::InvalidFilename => (
                "ungültiger Dateiname (zu lang oder mit unzulässigen Zeichen)",
                "invalid file name (too long or with characters that are not allowed)",
            ),
            ErrorKind::UnexpectedEof | ErrorKind::InvalidData => (
                "die Datei ist unvollständig oder beschädigt; bitte die Originaldatei prüfen",
                "the file is incomplete or damaged; check the original file",
            ),
            ErrorKind::OutOfMemory => (
                "nicht genug Arbeitsspeicher; bitte die Datei einzeln prüfen",
                "not enough memory; check the file on its own",
            ),
            _ => (
                "das Betriebssystem meldet einen Lesefehler; bitte Datei und Datenträger prüfen (die Meldung steht in --format json unter error_detail)",
                "the operating system reports a read error; check the file and the disk (its message is in --format json under error_detail)",
            ),
        };
        t(lang, de, en)
    }
}

/// Why an input is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputIssue {
    /// The path does not exist or cannot be opened.
    Open(IoProblem),
    /// Part of a folder cannot be walked: permissions, a symlink loop.
    Walk(IoProblem),
    /// The file cannot be read.
    Read(IoProblem),
    /// The file has no bytes at all: nothing to check, and for a PDF or Word file a sign
    /// of a failed download or copy. An error when named, skipped in a folder.
    Empty { named: bool },
    /// The file's bytes cannot be turned into text.
    Extract(ExtractError),
    /// Found while walking a folder, in a format formlos does not read.
    Unsupported,
    /// Found while walking a folder: binary content behind a text extension.
    BinaryInFolder,
    /// Found while walking a folder: an image in which OCR found no text (a logo, a
    /// photo that is no letter, a damaged picture).
    ImageWithoutTextInFolder,
    /// Reading and checking the file took longer than its time budget (`--file-timeout`);
    /// what it found so far is dropped.
    OverBudget { seconds: u64, bytes: u64 },
}

impl InputIssue {
    /// Whether this makes the run fail with exit code 2. Unsupported files met while
    /// walking a folder are skipped on purpose and only noted.
    pub fn is_error(&self) -> bool {
        !matches!(
            self,
            InputIssue::Unsupported
                | InputIssue::BinaryInFolder
                | InputIssue::Empty { named: false }
                | InputIssue::ImageWithoutTextInFolder
        )
    }

    /// The original English text of the system or library, where the German sentence of
    /// [`describe`](Self::describe) replaces one.
    pub fn detail(&self) -> Option<String> {
        match self {
            InputIssue::Open(problem) | InputIssue::Walk(problem) | InputIssue::Read(problem) => {
                Some(problem.text.clone())
            }
            InputIssue::Extract(ExtractError::Malformed(reason)) => Some(reason.clone()),
            _ => None,
        }
    }

    /// The reason and what to do, for a person.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputIssue::Open(problem) | InputIssue::Read(problem), lang) => {
                problem.sentence(lang).to_string()
            }
            (InputIssue::Walk(problem), Lang::De) => {
                format!("Teil des Ordners nicht lesbar: {}", problem.sentence(lang))
            }
            (InputIssue::Walk(problem), Lang::En) => {
                format!("cannot read this part of the folder: {}", problem.sentence(lang))
            }
            (InputIssue::Empty { .. }, Lang::De) => {
                "Die Datei ist leer (0 Byte); vielleicht wurde sie nicht vollständig gespeichert oder heruntergeladen – bitte die Originaldatei prüfen".into()
            }
            (InputIssue::Empty { .. }, Lang::En) => {
                "the file is empty (0 bytes); perhaps it was not completely saved or downloaded – check the original file".into()
            }
            (InputIssue::Extract(e), lang) => e.describe(lang),
            (InputIssue::Unsupported, Lang::De) => {
                format!(
                    "Format nicht unterstützt; formlos liest {}",
                    readable_formats(lang)
                )
            }
            (InputIssue::BinaryInFolder, Lang::De) => {
                "Binärdatei trotz Textendung (enthält NUL-Bytes), kein lesbarer Text".into()
            }
            (InputIssue::BinaryInFolder, Lang::En) => {
                "binary file despite its text extension (contains NUL bytes), no readable text"
                    .into()
            }
            (InputIssue::ImageWithoutTextInFolder, Lang::De) => {
                "Bild ohne erkennbaren Text übersprungen".into()
            }
            (InputIssue::ImageWithoutTextInFolder, Lang::En) => {
                "image without recognizable text skipped".into()
            }
            (InputIssue::Unsupported, Lang::En) => {
                format!(
                    "format not supported; formlos reads {}",
                    readable_formats(lang)
                )
            }
            (InputIssue::OverBudget { seconds, bytes }, Lang::De) => format!(
                "zu aufwendig zu prüfen: nach {seconds} s abgebrochen ({}), Funde verworfen; bitte die Datei aufteilen oder mit `--file-timeout` mehr Zeit geben",
                megabytes(*bytes, lang)
            ),
            (InputIssue::OverBudget { seconds, bytes }, Lang::En) => format!(
                "too costly to check: stopped after {seconds} s ({}), findings dropped; split the file or allow more time with `--file-timeout`",
                megabytes(*bytes, lang)
            ),
        }
    }
}

/// A file size for a person, in megabytes with one decimal ("8,0 MB" in German).
fn megabytes(bytes: u64, lang: Lang) -> String {
    let size = format!("{:.1} MB", bytes as f64 / 1e6);
    match lang {
        Lang::De => size.replace('.', ","),
        Lang::En => size,
    }
}

/// The formats formlos reads, for people: every [`Format`] (the match is exhaustive, so
/// a new format cannot be left out of the note) and the template languages read as text.
pub fn readable_formats(lang: Lang) -> String {
    // `Format::ALL` leaves images out (the fuzz targets use it); they are read too.
    let names: Vec<&str> = Format::ALL
        .iter()
        .chain(std::iter::once(&Format::Image))
        .map(|format| match format {
            Format::Text => t(lang, "Text (.txt)", "plain text (.txt)"),
            Format::Markdown => "Markdown (.md)",
            Format::Html => "HTML (.html)",
            Format::Email => t(lang, "E-Mail (.eml)", "e-mail (.eml)"),
            Format::Mbox => t(lang, "Mail-Archive (.mbox)", "mail archives (.mbox)"),
            Format::Pdf => "PDF",
            Format::Docx => "Word (.docx)",
            Format::Odt => "OpenDocument (.odt)",
            Format::Image => t(
                lang,
                "Scans und Fotos (.png, .jpg, .tif, .webp; mit OCR)",
                "scans and photos (.png, .jpg, .tif, .webp; with OCR)",
            ),
        })
        .collect();
    format!(
        "{} {}",
        names.join(", "),
        t(
            lang,
            "und Vorlagen (.hbs, .j2, .twig, .tpl, .tex …)",
            "and templates (.hbs, .j2, .twig, .tpl, .tex …)"
        )
    )
}
