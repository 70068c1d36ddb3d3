//! Commands that need neither configuration nor rules: `init`, `completions`, `man`.

use clap::CommandFactory;

use super::exit::EXIT_ERROR;
use crate::cli::Cli;
use crate::config::CONFIG_NAMES;
use crate::config::STARTER;
use crate::i18n::{Lang, t};

/// `formlos init`: writes a commented formlos.yaml.
pub(super) fn run_init(force: bool, lang: Lang) -> u8 {
    let path = std::path::Path::new(CONFIG_NAMES[0]);
    if path.exists() && !force {
        eprintln!(
            "formlos: {}",
            t(
                lang,
                "formlos.yaml gibt es hier schon; --force überschreibt sie",
                "formlos.yaml already exists here; --force overwrites it"
            )
        );
        return EXIT_ERROR;
    }
    match crate::atomic::write_atomically(path, STARTER.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "formlos: {}",
                t(
                    lang,
                    "formlos.yaml geschrieben; die Kommentare erklären jede Einstellung",
                    "wrote formlos.yaml; its comments explain every setting"
                )
            );
            0
        }
        Err(error) => {
            eprintln!("formlos: formlos.yaml: {error}");
            EXIT_ERROR
        }
    }
}

/// `formlos completions SHELL`.
pub(super) fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "formlos", &mut std::io::stdout());
    0
}

/// `formlos man`: the man page, on stdout.
pub(super) fn man() -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())
}
