//! The interface in the users' language: help, usage errors, manual pages and `init`
//! comments are German by default and English with `--lang en` or an English locale.

mod common;

use common::{formlos, require_tool};

/// stdout, stderr and exit code of `formlos ARGS` with the locale variables `env`.
fn run(args: &[&str], env: &[(&str, &str)]) -> (String, String, i32) {
    let output = formlos()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn help_is_german_by_default_and_english_on_request() {
    let (german, _, code) = run(&["check", "-h"], &[]);
    assert_eq!(code, 0);
    assert!(
        german.starts_with(
            "Schreiben, Bescheide und Vorlagen prüfen (Dateien, Ordner oder - für die Standardeingabe)\n\nAufruf: formlos check [OPTIONEN] [PFAD]...\n\nArgumente:\n"
        ),
        "{german}"
    );
    assert!(german.contains("\nOptionen:\n"), "{german}");
    assert!(german.contains("      --files-from <DATEI>"), "{german}");
    assert!(german.contains("[Standard: human]"), "{german}");
    assert!(german.contains("  -h, --help"), "{german}");
    assert!(
        german.contains("Hilfe anzeigen (mit --help ausführlicher)"),
        "{german}"
    );
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "[default:",
        "Print help",
        "Check only",
    ] {
        assert!(!german.contains(english), "{english:?} in\n{german}");
    }
    let (top, _, _) = run(&["--help"], &[("LANG", "de_DE.UTF-8")]);
    assert!(top.contains("\nBefehle:\n  check "), "{top}");
    assert!(
        top.contains("[Standard: auto] [mögliche Werte:"),
        "clap's wrapped words are German too: {top}"
    );
    let (long, _, _) = run(&["check", "--help"], &[]);
    assert!(
        !long.contains("Diagnostics with source excerpts"),
        "the formats are described in German: {long}"
    );

    for (args, env) in [
        (vec!["--lang", "en", "check", "-h"], vec![]),
        (vec!["check", "-h"], vec![("LANG", "en_GB.UTF-8")]),
        (
            vec!["check", "-h"],
            vec![("LANG", "de_DE.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
        ),
    ] {
        let (english, _, code) = run(&args, &env);
        assert_eq!(code, 0);
        assert!(
            english.starts_with(
                "Check letters, notices and templates (files, folders, or - for stdin)\n\nUsage: formlos check [OPTIONS] [PATH]...\n"
            ),
            "{args:?} {env:?}: {english}"
        );
    }
    let (version, _, code) = run(&["--version"], &[]);
    assert_eq!(
        (version, code),
        (format!("formlos {}\n", env!("CARGO_PKG_VERSION")), 0)
    );
    let (german, _, _) = run(&["--lang", "de", "check", "-h"], &[("LANG", "en_US.UTF-8")]);
    assert!(
        german.contains("Aufruf: formlos check"),
        "--lang wins: {german}"
    );
}

#[test]
fn usage_errors_are_german_by_default_and_english_on_request() {
    let (_, german, code) = run(&["check", "--bogus"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        german,
        "Fehler: unbekannte Angabe „--bogus“\n\nAufruf: formlos check [OPTIONEN] [PFAD]...\n\nMehr dazu mit „--help“.\n"
    );
    let (_, german, code) = run(&["chek"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        german,
        "Fehler: unbekannter Befehl „chek“\n\n  Tipp: Meinten Sie den Befehl „check“?\n\nAufruf: formlos [OPTIONEN] <BEFEHL>\n\nMehr dazu mit „--help“.\n"
    );
    let (_, german, _) = run(&["check", "--fail-on", "fatal"], &[]);
    assert_eq!(
        german,
        "Fehler: ungültiger Wert „fatal“ für „--fail-on <FAIL_ON>“\n  Mögliche Werte: error, warning, info\n\nMehr dazu mit „--help“.\n"
    );
    let (_, german, _) = run(&["check", "--shard", "9/8"], &[]);
    assert_eq!(
        german,
        "Fehler: ungültiger Wert „9/8“ für „--shard <K/N>“: erwartet K/N mit 1 ≤ K ≤ N, z. B. 3/8\n\nMehr dazu mit „--help“.\n"
    );
    let (_, german, _) = run(&["check", "--baseline", "a", "--write-baseline", "b"], &[]);
    assert!(
        german.starts_with(
            "Fehler: „--baseline <DATEI>“ kann nicht zusammen mit „--write-baseline <DATEI>“ verwendet werden"
        ),
        "{german}"
    );

    let (_, english, code) = run(&["check", "--bogus"], &[("LANG", "en_US.UTF-8")]);
    assert_eq!(code, 2);
    assert!(
        english.starts_with("error: unexpected argument '--bogus' found"),
        "{english}"
    );
    let (_, english, _) = run(&["--lang", "en", "check", "--shard", "9/8"], &[]);
    assert!(
        english.starts_with(
            "error: invalid value '9/8' for '--shard <K/N>': expected K/N with 1 ≤ K ≤ N, e.g. 3/8"
        ),
        "{english}"
    );
}

/// The pages of `formlos man --dir`: the main page and one per command (not clap's `help`).
const PAGES: [&str; 16] = [
    "formlos.1",
    "formlos-check.1",
    "formlos-completions.1",
    "formlos-eval.1",
    "formlos-fix.1",
    "formlos-init.1",
    "formlos-man.1",
    "formlos-reply.1",
    "formlos-report.1",
    "formlos-rules.1",
    "formlos-rules-explain.1",
    "formlos-rules-list.1",
    "formlos-rules-test.1",
    "formlos-rules-triggers.1",
    "formlos-stats.1",
    "formlos-text.1",
];

/// The manual pages in `dir`, sorted.
fn pages_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn man_writes_a_german_page_per_command_and_says_how_to_install_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("man");
    let (stdout, stderr, code) = run(&["man", "--dir", &target.to_string_lossy()], &[]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let mut expected: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    expected.sort();
    assert_eq!(pages_in(&target), expected);
    assert!(
        stderr.starts_with(&format!(
            "formlos: 16 Handbuchseiten in {} geschrieben.\nAnsehen ohne Installation: man -l {}\n",
            target.display(),
            target.join("formlos-check.1").display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("/usr/local/share/man/man1/"), "{stderr}");
    let check = std::fs::read_to_string(target.join("formlos-check.1")).unwrap_or_default();
    assert!(
        check.starts_with(".ie \\n(.g .ds Aq \\(aq") || check.contains(".TH formlos-check 1"),
        "{check}"
    );
    assert!(check.contains(".TH formlos-check 1"), "{check}");
    for section in [
        ".SH BEZEICHNUNG",
        ".SH \"ÜBERSICHT\"",
        ".SH BESCHREIBUNG",
        ".SH OPTIONEN",
    ] {
        assert!(check.contains(section), "{section} in {check}");
    }
    assert!(
        check.contains("Schreiben, Bescheide und Vorlagen prüfen"),
        "{check}"
    );
    assert!(check.contains("\\-\\-fail\\-on"), "{check}");
    let rules = std::fs::read_to_string(target.join("formlos-rules.1")).unwrap_or_default();
    assert!(rules.contains(".SH BEFEHLE"), "{rules}");

    let english = dir.path().join("en");
    let (_, stderr, code) = run(
        &["--lang", "en", "man", "--dir", &english.to_string_lossy()],
        &[],
    );
    assert_eq!(code, 0);
    assert!(
        stderr.starts_with("formlos: wrote 16 manual pages to "),
        "{stderr}"
    );
    let check = std::fs::read_to_string(english.join("formlos-check.1")).unwrap_or_default();
    assert!(
        check.contains(".SH NAME") && check.contains("Check letters, notices"),
        "{check}"
    );

    let (main, _, code) = run(&["man"], &[]);
    assert_eq!(code, 0);
    assert!(
        main.contains(".TH formlos 1") && main.contains(".SH BEFEHLE"),
        "{main}"
    );
}

/// Every page renders with groff without a warning, and `man -l` shows it (a real
/// groff; ignored in plain `cargo test`, run by CI with `--include-ignored`).
#[test]
#[ignore = "runs groff and man (groff-base, man-db); CI runs it with --include-ignored"]
fn man_pages_render_with_groff_and_man() {
    let groff = require_tool("groff", "groff-base");
    let man = require_tool("man", "man-db");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_, stderr, code) = run(&["man", "--dir", &dir.path().to_string_lossy()], &[]);
    assert_eq!(code, 0, "{stderr}");
    for page in PAGES {
        let path = dir.path().join(page);
        let output = std::process::Command::new(&groff)
            .args(["-man", "-Tutf8", "-ww", "-K", "utf8", "-P", "-cbou"])
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&output.stdout);
        let warnings = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && warnings.is_empty(),
            "{page}: {warnings}"
        );
        assert!(
            text.contains("BEZEICHNUNG") && text.contains("BESCHREIBUNG"),
            "{page}: {text}"
        );
    }
    let output = std::process::Command::new(&man)
        .arg("-l")
        .arg(dir.path().join("formlos-check.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("BEZEICHNUNG\n       formlos-check ")
            && text.contains("Schreiben, Bescheide und Vorlagen prüfen")
            && text.contains("\nOPTIONEN\n"),
        "{text}"
    );
    assert!(text.contains("--fail-on"), "{text}");
}

#[test]
fn init_comments_are_german_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let german = dir.path().join("de");
    let english = dir.path().join("en");
    for (folder, args) in [
        (&german, vec!["init"]),
        (&english, vec!["--lang", "en", "init"]),
    ] {
        std::fs::create_dir(folder).unwrap_or_else(|e| panic!("{e}"));
        formlos().current_dir(folder).args(args).assert().code(0);
    }
    let read = |folder: &std::path::Path| {
        std::fs::read_to_string(folder.join("formlos.yaml")).unwrap_or_default()
    };
    let (german, english) = (read(&german), read(&english));
    assert!(
        german.contains(
            "# Exit-Code 1 ab dieser Schwere: error, warning oder info.\nfail-on: warning\n"
        ),
        "{german}"
    );
    assert!(german.contains("\nlang: de\n"), "{german}");
    assert!(
        english.contains(
            "# Exit code 1 from this severity on: error, warning or info.\nfail-on: warning\n"
        ),
        "{english}"
    );
    assert!(english.contains("\nlang: en\n"), "{english}");
}
