//! Extraction: from the bytes of one input to a [`Document`] whose text the engine checks.
//!
//! Each format lives in its own file and returns the same `Document`; adding a format
//! touches its file and the match in [`Format::of_path`] / [`extract`].

mod html;
mod markdown;
mod plain;

use std::path::Path;

use serde::Serialize;

use crate::engine::offsets::OffsetMap;
use crate::i18n::Lang;

/// Formats formlos reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format of a path by its extension; `None` for formats formlos does not read.
    /// Files without an extension are read as plain text.
    pub fn of_path(path: &Path) -> Option<Format> {
        let Some(extension) = path.extension() else {
            return Some(Format::Text);
        };
        match extension.to_string_lossy().to_lowercase().as_str() {
            "txt" | "text" | "asc" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// The text of one input, ready for the engine.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// The text to check (markup removed).
    pub text: String,
    /// Maps offsets in `text` to offsets in [`Document::source`].
    pub to_source: OffsetMap,
    /// The text that line and column numbers refer to, when it differs from `text`.
    source: Option<String>,
    /// The character encoding the file was read in (reported in `files[].encoding`).
    pub encoding: &'static str,
}

impl Document {
    /// The text that findings' lines and columns point into: the file as a person opens it.
    pub fn source(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }
}

/// Why an input could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The bytes contain NUL: not a text file.
    Binary,
    /// The bytes are not text in the detected encoding.
    NotText(&'static str),
    /// The parser of the format gave up (the reason it gave).
    Malformed(String),
}

impl ExtractError {
    /// The reason and what to do, for a person.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExtractError::Binary, Lang::De) => {
                "Binärdatei (enthält NUL-Bytes); formlos liest Text- und Markdown-Dateien".into()
            }
            (ExtractError::Binary, Lang::En) => {
                "binary file (contains NUL bytes); formlos reads text and Markdown files".into()
            }
            (ExtractError::NotText(encoding), Lang::De) => format!(
                "kein lesbarer Text (als {encoding} erkannt); bitte als UTF-8 speichern, z. B. mit `iconv -t utf-8`"
            ),
            (ExtractError::NotText(encoding), Lang::En) => format!(
                "not readable text (detected as {encoding}); save the file as UTF-8, e.g. with `iconv -t utf-8`"
            ),
            (ExtractError::Malformed(reason), Lang::De) => {
                format!(
                    "Datei ist beschädigt oder unvollständig ({reason}); bitte die Originaldatei prüfen"
                )
            }
            (ExtractError::Malformed(reason), Lang::En) => {
                format!("the file is damaged or incomplete ({reason}); check the original file")
            }
        }
    }
}

/// Extracts the document of `bytes` read in `format`.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Document, ExtractError> {
    let plain::Decoded { text, encoding } = plain::decode(bytes)?;
    Ok(match format {
        Format::Text => Document {
            format,
            text,
            to_source: OffsetMap::identity(),
            source: None,
            encoding,
        },
        Format::Markdown => {
            let stripped = markdown::strip(&text);
            Document {
                format,
                text: stripped,
                to_source: OffsetMap::identity(),
                source: Some(text),
                encoding,
            }
        }
        Format::Html => {
            let (visible, to_source) = html::extract(&text)?;
            Document {
                format,
                text: visible,
                to_source,
                source: Some(text),
                encoding,
            }
        }
    })
}
