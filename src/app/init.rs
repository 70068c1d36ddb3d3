//! Commands that need neither configuration nor rules: `init`, `completions`, `man`.

use std::io::Write;
use std::path::Path;

use super::exit::EXIT_ERROR;
use crate::config::{CONFIG_NAMES, starter};
use crate::i18n::{Lang, t};
use crate::interface;

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
    match crate::atomic::write_atomically(path, starter(lang).as_bytes()) {
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

/// `formlos completions SHELL`: the descriptions in the interface language.
pub(super) fn completions(shell: clap_complete::Shell, lang: Lang) -> u8 {
    let mut command = interface::command(lang);
    clap_complete::generate(shell, &mut command, "formlos", &mut std::io::stdout());
    0
}

/// `formlos man [--dir DIR]`: the main page on stdout, or a page for every command
/// (without clap's `help` command) in DIR, followed by how to read and install them.
pub(super) fn man(dir: Option<&Path>, lang: Lang) -> std::io::Result<()> {
    let command = interface::command(lang);
    let Some(dir) = dir else {
        return std::io::stdout().write_all(page(&command, lang)?.as_bytes());
    };
    std::fs::create_dir_all(dir)?;
    let mut pages = Vec::new();
    collect_pages(&command, &mut pages);
    for command in &pages {
        let name = clap_mangen::Man::new(command.clone()).get_filename();
        crate::atomic::write_atomically(&dir.join(name), page(command, lang)?.as_bytes())?;
    }
    let shown = dir.join("formlos-check.1");
    let (dir, shown) = (dir.display(), shown.display());
    let count = pages.len();
    eprintln!(
        "{}",
        match lang {
            Lang::De => format!(
                "formlos: {count} Handbuchseiten in {dir} geschrieben.\n\
                 Ansehen ohne Installation: man -l {shown}\n\
                 Für alle Benutzer installieren: sudo cp {dir}/*.1 /usr/local/share/man/man1/ && sudo mandb\n\
                 Nur für Sie: mkdir -p ~/.local/share/man/man1 && cp {dir}/*.1 ~/.local/share/man/man1/ \
                 (danach `man formlos-check`; sonst MANPATH=~/.local/share/man: setzen)"
            ),
            Lang::En => format!(
                "formlos: wrote {count} manual pages to {dir}.\n\
                 Read without installing: man -l {shown}\n\
                 Install for all users: sudo cp {dir}/*.1 /usr/local/share/man/man1/ && sudo mandb\n\
                 Just for you: mkdir -p ~/.local/share/man/man1 && cp {dir}/*.1 ~/.local/share/man/man1/ \
                 (then `man formlos-check`; otherwise set MANPATH=~/.local/share/man:)"
            ),
        }
    );
    Ok(())
}

/// `command` and its subcommands, depth first, without clap's `help` command.
fn collect_pages(command: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(command.clone());
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        collect_pages(sub, pages);
    }
}

/// One manual page in roff, with German section names when `lang` is German.
fn page(command: &clap::Command, lang: Lang) -> std::io::Result<String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut roff)?;
    let roff = String::from_utf8_lossy(&roff).into_owned();
    Ok(match lang {
        Lang::En => roff,
        Lang::De => interface::german_man(&roff),
    })
}
