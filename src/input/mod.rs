//! What to check: files and stdin, and why an input is not checked. Walking folders
//! ([`walk`]) needs a file system and is part of the native build only.

use std::path::PathBuf;

use crate::extract::{ExtractError, Format};
use crate::i18n::Lang;

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

/// Why an input is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputIssue {
    /// The path does not exist or cannot be opened (the system's reason).
    Open(String),
    /// Part of a folder cannot be walked: permissions, a symlink loop.
    Walk(String),
    /// The file cannot be read.
    Read(String),
    /// The file's bytes cannot be turned into text.
    Extract(ExtractError),
    /// Found while walking a folder, in a format formlos does not read.
    Unsupported,
    /// Found while walking a folder: binary content behind a text extension.
    BinaryInFolder,
}

impl InputIssue {
    /// Whether this makes the run fail with exit code 2. Unsupported files met while
    /// walking a folder are skipped on purpose and only noted.
    pub fn is_error(&self) -> bool {
        !matches!(self, InputIssue::Unsupported | InputIssue::BinaryInFolder)
    }

    /// The reason and what to do, for a person.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputIssue::Open(e), Lang::De) => {
                format!("kann nicht geöffnet werden: {e}; bitte den Pfad prüfen")
            }
            (InputIssue::Open(e), Lang::En) => format!("cannot open: {e}; check the path"),
            (InputIssue::Walk(e), Lang::De) => {
                format!("Teil des Ordners nicht lesbar: {e}; bitte Zugriffsrechte prüfen")
            }
            (InputIssue::Walk(e), Lang::En) => {
                format!("cannot read this part of the folder: {e}; check permissions")
            }
            (InputIssue::Read(e), Lang::De) => {
                format!(
                    "kann nicht gelesen werden: {e}; bitte prüfen, ob die Datei existiert und lesbar ist"
                )
            }
            (InputIssue::Read(e), Lang::En) => {
                format!("cannot read: {e}; check that the file exists and is readable")
            }
            (InputIssue::Extract(e), lang) => e.describe(lang),
            (InputIssue::Unsupported, Lang::De) => {
                "Format nicht unterstützt; formlos liest Text-, Markdown- und HTML-Dateien".into()
            }
            (InputIssue::BinaryInFolder, Lang::De) => {
                "Binärdatei übersprungen (enthält NUL-Bytes)".into()
            }
            (InputIssue::BinaryInFolder, Lang::En) => {
                "binary file skipped (contains NUL bytes)".into()
            }
            (InputIssue::Unsupported, Lang::En) => {
                "format not supported; formlos reads plain text, Markdown and HTML".into()
            }
        }
    }
}
