//! The German texts of the command line: every command's description and every
//! argument's help, keyed by where they are (see [`keys`]), and clap's own words.

use clap::{Arg, Command};

/// Headings and words clap writes itself, in English, and their German, with as many
/// words (a space may be a line break where clap wrapped the help; it stays one).
const CLAP_WORDS: [(&str, &str); 9] = [
    ("Usage:", "Aufruf:"),
    ("[default: ", "[Standard: "),
    ("[possible values: ", "[mögliche Werte: "),
    ("Possible values:", "Mögliche Werte:"),
    ("[aliases: ", "[auch: "),
    ("[alias: ", "[auch: "),
    ("[OPTIONS]", "[OPTIONEN]"),
    ("[COMMAND]", "[BEFEHL]"),
    ("<COMMAND>", "<BEFEHL>"),
];

/// Replaces the words clap writes itself (headings, `[default: …]`) by German ones.
pub(super) fn clap_words(text: &str) -> String {
    CLAP_WORDS.iter().fold(text.to_string(), |text, (en, de)| {
        let english: Vec<String> = en.split(' ').map(regex::escape).collect();
        let german: Vec<&str> = de.split(' ').collect();
        let Ok(pattern) = regex::Regex::new(&english.join(r"(\s+)")) else {
            return text;
        };
        pattern
            .replace_all(&text, |caps: &regex::Captures<'_>| {
                let mut out = String::new();
                for (index, word) in german.iter().enumerate() {
                    out.push_str(word);
                    if let Some(space) = caps.get(index + 1) {
                        out.push_str(space.as_str());
                    }
                }
                out
            })
            .into_owned()
    })
}

/// Placeholders for values, as shown in help and errors, in German.
const VALUE_NAMES: [(&str, &str); 10] = [
    ("FILE", "DATEI"),
    ("DIR", "ORDNER"),
    ("PATH", "PFAD"),
    ("RULES", "REGELN"),
    ("GLOB", "MUSTER"),
    ("RATIO", "ANTEIL"),
    ("DAYS", "TAGE"),
    ("RULE=LEVEL", "REGEL=STUFE"),
    ("GLOB=RULES", "MUSTER=REGELN"),
    ("FORMAT=FILE", "FORMAT=DATEI"),
];

fn german_value_names(arg: Arg) -> Arg {
    let names: Vec<clap::builder::Str> = arg
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .map(|name| {
            VALUE_NAMES
                .iter()
                .find(|(en, _)| *en == name.as_str())
                .map_or_else(|| name.clone(), |(_, de)| (*de).into())
        })
        .collect();
    if names.is_empty() {
        arg
    } else {
        arg.value_names(names)
    }
}

/// The help template with the German usage heading (clap's default template otherwise).
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nAufruf: {usage}\n\n{all-args}{after-help}";

/// Where a command's description is found in [`TEXTS`]: its path of subcommand names
/// (`check`, `rules list`; `formlos` for the top). The `help` command's entries
/// (`help check`, `rules help list`) describe the command they show help for.
fn command_key(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').filter(|w| !w.is_empty()).collect();
    match words.iter().position(|w| *w == "help") {
        // `help`, `help help`, `rules help`: the help command itself.
        Some(at) if words[at + 1..].iter().all(|w| *w == "help") => "help".to_string(),
        // `help check`, `rules help list`: the command it shows.
        Some(at) => [&words[..at], &words[at + 1..]].concat().join(" "),
        None if words.is_empty() => "formlos".to_string(),
        None => words.join(" "),
    }
}

/// Where an argument's help is looked for in [`TEXTS`], most specific first: after its
/// command's path (`check --format`), then alone (`--select`, shared by the commands that
/// take the input options, and the global options); positional arguments by their id in
/// angle brackets (`check <paths>`, `<paths>`).
fn arg_keys(path: &str, arg: &Arg) -> Option<[String; 2]> {
    let id = arg.get_id().as_str();
    if matches!(id, "help" | "version") {
        return None;
    }
    let name = match arg.get_long() {
        Some(long) => format!("--{long}"),
        None => format!("<{id}>"),
    };
    Some([format!("{path} {name}"), name])
}

/// The German text for the first of `keys` that has one, and that key.
fn lookup(keys: &[String]) -> Option<(&'static str, &'static str)> {
    keys.iter()
        .find_map(|key| TEXTS.iter().find(|(k, _)| k == key).copied())
}

fn text(key: &str) -> Option<&'static str> {
    lookup(&[key.to_string()]).map(|(_, text)| text)
}

/// `command` (built) and its subcommands with German descriptions, help and headings.
pub(super) fn translate(command: Command, path: &str) -> Command {
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Befehle")
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "Argumente"
            } else {
                "Optionen"
            };
            let arg = german_value_names(super::builtin_help(arg.help_heading(heading)));
            // Values described in English (`--format`'s) are described in the German text.
            let described = arg
                .get_possible_values()
                .iter()
                .any(|v| v.get_help().is_some());
            let arg = arg.hide_possible_values(described);
            match arg_keys(path, &arg).and_then(|keys| lookup(&keys)) {
                Some((_, help)) => arg.help(help).long_help(None::<&str>),
                None => arg,
            }
        });
    if let Some(about) = text(&command_key(path)) {
        command = command.about(about).long_about(None::<&str>);
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |sub| translate(sub, &sub_path));
    }
    command
}

/// Every command and argument of `command`: the English text and the key of the German
/// one (`None` when there is none).
#[cfg(test)]
pub(super) fn coverage(
    command: &Command,
    path: &str,
    out: &mut Vec<(String, String, Option<&'static str>)>,
) {
    let english =
        |text: Option<&clap::builder::StyledStr>| text.map(ToString::to_string).unwrap_or_default();
    let key = command_key(path);
    let found = lookup(std::slice::from_ref(&key)).map(|(k, _)| k);
    out.push((key, english(command.get_about()), found));
    for arg in command.get_arguments() {
        if let Some(keys) = arg_keys(path, arg) {
            let found = lookup(&keys).map(|(k, _)| k);
            out.push((keys[0].clone(), english(arg.get_help()), found));
        }
    }
    for sub in command.get_subcommands() {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        coverage(sub, &sub_path, out);
    }
}

/// The German texts, by [`command_key`] and [`arg_keys`].
pub(super) const TEXTS: &[(&str, &str)] = &[
    // Commands.
    (
        "formlos",
        "Findet in Schreiben, Bescheiden und Vorlagen von Behörden Aussagen, die den formlosen Kontakt mit einem Sozialleistungsträger unrechtmäßig einschränken (§ 9 SGB X, § 37 SGB II)",
    ),
    (
        "check",
        "Schreiben, Bescheide und Vorlagen prüfen (Dateien, Ordner oder - für die Standardeingabe)",
    ),
    ("rules", "Regeln auflisten, erklären und testen"),
    ("rules list", "Alle Regeln auflisten"),
    (
        "rules explain",
        "Alles zu einer Regel: Normen, Erklärung, rechtmäßige Formulierung, Rat, Beispiele",
    ),
    (
        "rules triggers",
        "Ausgeben, wonach der Vorfilter der Regeln sucht, ein regulärer Ausdruck je Zeile (z. B. für `rg -i -f`; von scripts/bench.py genutzt)",
    ),
    (
        "rules test",
        "Die Beispiele jeder Regel prüfen; Exit-Code 1, wenn eines scheitert",
    ),
    (
        "eval",
        "Die Regeln an einem markierten Korpus messen (ein Ordner mit labels.yaml)",
    ),
    (
        "stats",
        "Befunde nach Regelfamilie, Absender, Monat und Format zählen (für Archive)",
    ),
    (
        "text",
        "Den Text von Dateien so ausgeben, wie die Prüfung ihn liest: Einheiten, Absätze, Seiten und Zeilen markiert (`--format json` für dasselbe als Daten)",
    ),
    (
        "fix",
        "Gemeldete Sätze durch die rechtmäßige Formulierung der Regel ersetzen (nur Text, Markdown und HTML); zeigt einen Diff oder schreibt die Dateien",
    ),
    (
        "report",
        "Einen eigenständigen HTML-Bericht für die Person schreiben, die das Schreiben bekommen hat: was jeder Befund bedeutet, was sie tun kann, Normen und Entscheidungen (deutscher Alias: bericht)",
    ),
    (
        "reply",
        "Aus den Befunden eine Antwort an die Behörde entwerfen: Text, Markdown oder Word (DOCX) (deutscher Alias: antwort)",
    ),
    (
        "init",
        "Eine kommentierte formlos.yaml in den aktuellen Ordner schreiben",
    ),
    (
        "completions",
        "Ein Skript für die Vervollständigung in der Shell ausgeben (bash, zsh, fish, powershell, elvish)",
    ),
    (
        "man",
        "Die Handbuchseiten (roff) schreiben: ohne --dir die Hauptseite auf die Standardausgabe, mit --dir eine Seite je Befehl in den Ordner",
    ),
    (
        "help",
        "Diese Hilfe oder die Hilfe zu einem Befehl anzeigen",
    ),
    // Global options.
    (
        "--lang",
        "Sprache von Meldungen, Erklärungen und Hilfe: de oder en [Standard: de, `lang` in formlos.yaml; Hilfe und Aufruffehler englisch auch bei englischer Spracheinstellung (LANG=en…)]",
    ),
    (
        "--config",
        "Einstellungen aus dieser Datei lesen statt aus der formlos.yaml (oder .formlos.yaml) im aktuellen Ordner oder darüber",
    ),
    (
        "--isolated",
        "Keine Konfigurationsdatei lesen; nur Optionen und Standardwerte",
    ),
    (
        "--rules",
        "Die Regeldateien (*.yaml) in diesem Ordner hinzufügen; eine Regel mit der Kennung einer eingebauten ersetzt diese",
    ),
    (
        "--no-default-rules",
        "Nur die Regeln aus --rules verwenden, nicht die eingebauten",
    ),
    (
        "--color",
        "Wann Farben verwendet werden: auto (im Terminal, außer NO_COLOR ist gesetzt), always (immer), never (nie)",
    ),
    // Input options (check, stats, text, fix, report, reply).
    (
        "<paths>",
        "Zu prüfende Dateien oder Ordner; `-` liest die Standardeingabe (Vorgabe, wenn etwas hineingeleitet wird). Ordner werden mit allen Unterordnern durchsucht",
    ),
    (
        "--files-from",
        "Auch die in DATEI genannten Pfade prüfen (`-` für die Standardeingabe), getrennt durch NUL-Bytes (`find -print0`) oder, ohne NUL, durch Zeilenumbrüche",
    ),
    (
        "--shard",
        "Nur Teil K von N prüfen (`--shard 2/8`): Dateien werden nach einem Hash ihres Pfads verteilt, sodass N Läufe auf N Rechnern jede Datei genau einmal prüfen",
    ),
    (
        "--include",
        "In Ordnern nur Dateien prüfen, auf die dieses Muster passt (wiederholbar), z. B. `*.html`; ersetzt `include` der formlos.yaml",
    ),
    (
        "--exclude",
        "In Ordnern Dateien und Ordner überspringen, auf die dieses Muster passt (wiederholbar), z. B. `archiv/**`; ergänzt `exclude` der formlos.yaml",
    ),
    (
        "--select",
        "Nur diese Regeln anwenden: Kennungen (FL101), Präfixe (FL1), Namen, Familien oder ALL (durch Komma getrennt, wiederholbar); ersetzt `select` der formlos.yaml",
    ),
    (
        "--ignore",
        "Diese Regeln nicht anwenden (durch Komma getrennt, wiederholbar); ergänzt `ignore`",
    ),
    (
        "--severity",
        "Schwere einer Regel oder Familie, z. B. `FL302=error` (error, warning oder info; wiederholbar)",
    ),
    (
        "--per-file-ignores",
        "Regeln, die für Dateien nach einem Muster nicht gelten, z. B. `zitate/**=FL101,FL102` (wiederholbar); ergänzt `per-file-ignores`",
    ),
    (
        "--placeholder",
        "Muster (regulärer Ausdruck) eines Serienbrief-Platzhalters, der vor den Regeln verborgen wird (wiederholbar); ersetzt die Vorgaben und `placeholders`",
    ),
    (
        "--min-confidence",
        "Befunde mit geringerer Sicherheit (0–1) weglassen [Standard: 0]",
    ),
    (
        "--file-timeout",
        "Sekunden, die Lesen und Prüfen einer Datei dauern dürfen; eine Datei, die länger braucht, wird als Fehler gemeldet (zu aufwendig zu prüfen), und der Lauf geht weiter [Standard: 60]",
    ),
    (
        "--ocr",
        "Scans und Fotos mit Texterkennung (Tesseract) lesen: auto (Bilder und PDF-Seiten, die Scans sind), always (jede PDF-Seite), never",
    ),
    (
        "--ocr-cache",
        "Ergebnisse der Texterkennung in DIR aufbewahren (nur für den Eigentümer lesbar), nach dem SHA-256 der Datei, damit ein zweiter Lauf schnell ist. Standardmäßig aus: Briefe enthalten Sozialdaten. Läufe mit --redact lesen den Speicher, schreiben aber nie hinein",
    ),
    // check.
    (
        "check --format",
        "Ausgabeformat auf der Standardausgabe: human (Befunde mit Textauszug, dann Übersicht), json, jsonl (ein Befund je Zeile), sarif, junit, github, gitlab, csv, markdown, html (der Bericht von `formlos report`)",
    ),
    (
        "check --output",
        "Zusätzlich ein Format in eine Datei schreiben, z. B. `sarif=formlos.sarif` (wiederholbar)",
    ),
    (
        "--fail-on",
        "Exit-Code 1, wenn ein Befund mindestens diese Schwere hat: error, warning oder info [Standard: warning]",
    ),
    (
        "--explain",
        "Zu jedem Befund zeigen, welches Muster, welche Begriffe und welche Hinweise auf den Kontext gegriffen haben",
    ),
    (
        "--baseline",
        "Nur Befunde melden, die nicht in dieser Baseline-Datei stehen",
    ),
    (
        "--write-baseline",
        "Die jetzigen Befunde als Baseline in DATEI festhalten (Exit-Code 0, außer eine Eingabe konnte nicht geprüft werden)",
    ),
    (
        "--add-suppressions",
        "Über jedem Befund einen Kommentar `formlos-disable-next-line` in der Kommentarschreibweise der Vorlagensprache einfügen, mit einer Begründung zum Ausfüllen",
    ),
    (
        "--require-reason",
        "Ob Unterdrückungen im Text eine Begründung nach `--` brauchen [Standard: true]",
    ),
    (
        "--group",
        "Jeden Wortlaut einmal zeigen, mit Kontext, Schwere, Anzahl, Zahl der Dokumente und erstem und letztem Datum (Formate human, json, csv)",
    ),
    (
        "check --redact",
        "Personenbezogene Daten (private E-Mail-Adressen, Telefonnummern, IBAN, BG- und Kundennummern, Namen, Anschriften, Geburtsdaten) in jeder Ausgabe ersetzen",
    ),
    (
        "check --quiet",
        "Keinen Fortschrittsbalken zeigen (er erscheint nur, wenn die Fehlerausgabe ein Terminal ist)",
    ),
    // rules.
    ("rules list --format", "Ausgabe als Tabelle oder JSON"),
    (
        "<id>",
        "Kennung (FL101) oder Name (email-not-processed) der Regel",
    ),
    (
        "--verbose",
        "Auch die Muster und die regulären Ausdrücke der Ausnahmen zeigen (für Regelautoren)",
    ),
    (
        "rules test <dir>",
        "Ein Ordner mit Regeldateien, die getestet werden (wie bei --rules zu den eingebauten hinzugefügt)",
    ),
    // eval.
    ("eval <dir>", "Der Korpusordner: Dokumente und labels.yaml"),
    ("eval --format", "Ausgabe als Tabelle oder JSON"),
    (
        "--min-recall",
        "Exit-Code 1, wenn die Trefferquote insgesamt darunter liegt",
    ),
    (
        "--min-precision",
        "Exit-Code 1, wenn die Präzision insgesamt darunter liegt",
    ),
    (
        "--min-context-accuracy",
        "Exit-Code 1, wenn der Anteil richtig erkannter Kontexte darunter liegt",
    ),
    // stats, text, fix.
    (
        "stats --format",
        "Tabellen, oder alle Tabellen als ein CSV oder JSON",
    ),
    (
        "stats --redact",
        "Personenbezogene Daten in den Tabellen ersetzen (Absender, die Privatpersonen sind)",
    ),
    ("stats --quiet", "Keinen Fortschrittsbalken zeigen"),
    (
        "text --format",
        "Text mit Markierungen, oder dasselbe als JSON",
    ),
    (
        "--diff",
        "Die Änderungen als Unified Diff ausgeben (Vorgabe)",
    ),
    (
        "--write",
        "Die Änderungen in die Dateien schreiben (atomar)",
    ),
    // report and reply.
    (
        "report --output",
        "Einen Bericht für alle Schreiben in DATEI schreiben (`-` für die Standardausgabe). Ohne diese Option bekommt jedes Schreiben einen eigenen Bericht im aktuellen Ordner: NAME-bericht.html (NAME-report.html mit --lang en)",
    ),
    (
        "report --redact",
        "Personenbezogene Daten (Namen, Anschriften, Nummern, private E-Mail-Adressen) im Text des Schreibens, in den Sätzen und bei den Aktenzeichen ersetzen",
    ),
    (
        "--to",
        "Für wen die Antwort ist: agency (die Behörde), supervisor (die Aufsichtsbehörde, als Dienstaufsichtsbeschwerde) oder file (Aktenvermerk für die Beratungsstelle)",
    ),
    (
        "--name",
        "Name des Absenders [Standard: ein markierter Platzhalter]",
    ),
    (
        "--address",
        "Anschrift des Absenders, Zeilen durch Kommas getrennt [Standard: ein markierter Platzhalter]",
    ),
    (
        "--reference",
        "Kunden- oder BG-Nummer des Absenders [Standard: die aus dem Schreiben, sonst ein Platzhalter]",
    ),
    (
        "--deadline",
        "Tage, die die Behörde für die schriftliche Bestätigung bekommt",
    ),
    (
        "reply --format",
        "Ausgabeformat [Standard: nach der Endung von --output, sonst Text]",
    ),
    (
        "reply --output",
        "Die Antwort in DATEI schreiben statt auf die Standardausgabe",
    ),
    // init, completions, man.
    ("--force", "Eine vorhandene formlos.yaml überschreiben"),
    (
        "<shell>",
        "Die Shell: bash, zsh, fish, powershell oder elvish",
    ),
    (
        "--dir",
        "Eine Handbuchseite je Befehl in diesen Ordner schreiben (formlos.1, formlos-check.1, formlos-rules-list.1 …)",
    ),
];
