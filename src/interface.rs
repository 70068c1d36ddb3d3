//! The command-line interface in the user's language: help texts, headings and usage
//! errors in German by default (the users are German counsellors), in English with
//! `--lang en` or an English locale (`LC_ALL`, `LC_MESSAGES` or `LANG` starting with
//! `en`). The clap definitions in [`crate::cli`] carry the English texts; this module
//! puts the German ones over them, and a test makes sure that every argument and command
//! has one.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::i18n::{Lang, set_interface_lang};

mod german;

/// The interface language for these arguments and this environment: `--lang` wins, then
/// an English locale, else German.
pub fn detect_lang(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("en") => return Lang::En,
            Some("de") => return Lang::De,
            _ => {}
        }
    }
    // The first locale variable that is set decides, as in POSIX.
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| env(name).filter(|value| !value.is_empty()));
    if locale.is_some_and(|l| l.starts_with("en")) {
        Lang::En
    } else {
        Lang::De
    }
}

/// The clap command in `lang`, built (global options copied into the subcommands).
pub fn command(lang: Lang) -> Command {
    let mut command = Cli::command();
    command.build();
    match lang {
        Lang::En => command,
        Lang::De => german::translate(command, ""),
    }
}

/// Parses the process's command line. Help and version are printed and the process
/// exits 0; a usage error is printed in the interface language and the process exits 2.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = detect_lang(&args, |name| std::env::var(name).ok());
    set_interface_lang(lang);
    let parsed = command(lang)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let (text, code) = render_error(&error, lang);
            if code == 0 {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            std::process::exit(code);
        }
    }
}

/// The text of a clap error (or of help and version, which clap reports as errors) in
/// `lang`, and the exit code.
pub fn render_error(error: &clap::Error, lang: Lang) -> (String, i32) {
    let rendered = error.render().to_string();
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let code = if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            };
            let mut text = match lang {
                Lang::En => rendered,
                Lang::De => german::clap_words(&rendered),
            };
            // clap's version text has no line break of its own.
            if !text.ends_with('\n') {
                text.push('\n');
            }
            (text, code)
        }
        _ => match lang {
            Lang::En => (rendered, 2),
            Lang::De => (german_error(error), 2),
        },
    }
}

/// A string from the error's context.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(value) => Some(value.clone()),
        ContextValue::Strings(values) => Some(values.join(", ")),
        ContextValue::StyledStr(value) => Some(value.to_string()),
        ContextValue::StyledStrs(values) => Some(
            values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A usage error in German: what is wrong, a suggestion where clap has one, the usage
/// line and where to read more.
fn german_error(error: &clap::Error) -> String {
    let get = |kind| context(error, kind).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut text = String::from("Fehler: ");
    text += &match error.kind() {
        ErrorKind::UnknownArgument => format!("unbekannte Angabe „{arg}“"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "unbekannter Befehl „{}“",
                get(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("„{arg}“ braucht einen Wert, es wurde keiner angegeben")
        }
        ErrorKind::InvalidValue => format!("ungültiger Wert „{value}“ für „{arg}“"),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|source| format!(": {source}"))
                .unwrap_or_default();
            format!("ungültiger Wert „{value}“ für „{arg}“{reason}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("diese Angaben fehlen: {arg}")
        }
        ErrorKind::MissingSubcommand => "ein Befehl fehlt".to_string(),
        ErrorKind::ArgumentConflict => match context(error, ContextKind::PriorArg) {
            Some(prior) if prior != arg => {
                format!("„{arg}“ kann nicht zusammen mit „{prior}“ verwendet werden")
            }
            _ => format!("„{arg}“ darf nur einmal angegeben werden"),
        },
        ErrorKind::NoEquals => format!("„{arg}“ braucht den Wert nach einem Gleichheitszeichen"),
        ErrorKind::TooManyValues => format!("zu viele Werte für „{arg}“: „{value}“"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("falsche Anzahl von Werten für „{arg}“")
        }
        ErrorKind::InvalidUtf8 => "eine Angabe ist kein gültiges UTF-8".to_string(),
        _ => error
            .kind()
            .as_str()
            .unwrap_or("ungültiger Aufruf")
            .to_string(),
    };
    let suggestions = [
        (ContextKind::SuggestedArg, "Meinten Sie"),
        (ContextKind::SuggestedSubcommand, "Meinten Sie den Befehl"),
        (ContextKind::SuggestedValue, "Meinten Sie den Wert"),
    ];
    for (kind, question) in suggestions {
        if let Some(suggested) = context(error, kind) {
            text += &format!("\n\n  Tipp: {question} „{suggested}“?");
        }
    }
    if let Some(valid) = context(error, ContextKind::ValidValue) {
        text += &format!("\n  Mögliche Werte: {valid}");
    }
    if let Some(usage) = context(error, ContextKind::Usage) {
        text += &format!("\n\n{}", german::clap_words(usage.trim_end()));
    }
    text += "\n\nMehr dazu mit „--help“.\n";
    text
}

/// The `--help` and `--version` flags and the `help` command in German: clap adds them
/// with English texts while building.
fn builtin_help(arg: Arg) -> Arg {
    match (arg.get_id().as_str(), arg.get_action()) {
        ("help", ArgAction::Help | ArgAction::HelpShort) => {
            arg.help("Hilfe anzeigen (mit --help ausführlicher)")
        }
        ("help", ArgAction::HelpLong) => arg.help("Ausführliche Hilfe anzeigen"),
        ("version", ArgAction::Version) => arg.help("Version anzeigen"),
        _ => arg,
    }
}

/// A manual page (roff from clap_mangen) with German section names and clap's words.
pub fn german_man(roff: &str) -> String {
    let sections = [
        (".SH NAME", ".SH BEZEICHNUNG"),
        (".SH SYNOPSIS", ".SH \"ÜBERSICHT\""),
        (".SH DESCRIPTION", ".SH BESCHREIBUNG"),
        (".SH OPTIONS", ".SH OPTIONEN"),
        // clap_mangen names the section after the help's heading of the commands.
        (".SH Befehle", ".SH BEFEHLE"),
        (".SH VERSION", ".SH VERSION"),
    ];
    let roff = sections
        .iter()
        .fold(roff.to_string(), |roff, (en, de)| roff.replace(en, de));
    german::clap_words(&roff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_a_german_text_and_every_text_is_used() {
        let mut coverage = Vec::new();
        german::coverage(&command(Lang::En), "", &mut coverage);
        let missing: Vec<String> = coverage
            .iter()
            .filter(|(_, _, found)| found.is_none())
            .map(|(key, english, _)| format!("    ({key:?}, {english:?}),"))
            .collect();
        assert!(
            missing.is_empty(),
            "no German text for:\n{}",
            missing.join("\n")
        );
        let unused: Vec<&str> = german::TEXTS
            .iter()
            .map(|(key, _)| *key)
            .filter(|key| !coverage.iter().any(|(_, _, found)| found == &Some(*key)))
            .collect();
        assert!(unused.is_empty(), "German texts for nothing: {unused:?}");
    }
}
