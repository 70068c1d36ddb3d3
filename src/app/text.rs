//! `formlos text`: the text of each input as the checks read it.

use std::io::Write;

use rayon::prelude::*;

use super::exit::EXIT_ERROR;
use super::setup::discover_inputs;
use crate::cli::{TextArgs, TextFormat};
use crate::config::{Config, Settings};
use crate::i18n::{Lang, t};
use crate::reading::{self, FileText};

/// Prints every input's text (human or JSON); exit 2 when an input could not be read
/// (the others are still printed).
pub(super) fn run_text(
    args: &TextArgs,
    config: &Config,
    settings: &Settings,
    lang: Lang,
) -> std::io::Result<u8> {
    let discovery = match discover_inputs(&args.input, config, lang) {
        Ok(discovery) => discovery,
        Err(code) => return Ok(code),
    };
    let mut files: Vec<FileText> = discovery
        .targets
        .par_iter()
        .map(|target| reading::read(target, settings, lang))
        .collect();
    files.extend(discovery.problems.iter().map(|problem| FileText {
        path: problem.path.clone(),
        format: None,
        encoding: None,
        status: "error",
        error: Some(problem.issue.describe(lang)),
        units: Vec::new(),
        evidence: String::new(),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let failed = files.iter().filter(|file| file.status == "error").count();
    for file in files.iter().filter(|file| file.status == "error") {
        eprintln!(
            "formlos: {}: {}: {}",
            t(lang, "Fehler", "error"),
            file.path,
            file.error.as_deref().unwrap_or_default()
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        TextFormat::Text => reading::print_human(&files, lang, &mut out)?,
        TextFormat::Json => reading::print_json(&files, &mut out)?,
    }
    out.flush()?;
    Ok(if failed > 0 { EXIT_ERROR } else { 0 })
}
