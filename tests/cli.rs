//! End-to-end behaviour of the binary: exit codes, errors that name file and position,
//! options, and the human output.

mod common;

use common::{check_json, finding_keys, formlos, repo_path, rules_and_pages};
use predicates::prelude::*;

const UNLAWFUL: &str =
    "Sehr geehrte Frau Muster,\n\nE-Mails werden ab sofort nicht mehr bearbeitet.\n";
const LAWFUL: &str = "Sie können uns jederzeit per E-Mail, Post oder Telefon erreichen.\n";

#[test]
fn lawful_text_on_stdin_exits_0() {
    let (code, json) = check_json(&["-"], Some(LAWFUL));
    assert_eq!(code, 0);
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(json["summary"]["exit_code"], 0);
}

#[test]
fn unlawful_sentence_on_stdin_exits_1_with_exact_position() {
    let (code, json) = check_json(&["-"], Some(UNLAWFUL));
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&json),
        [("FL101".to_string(), 3, 1, "direct".to_string())]
    );
    let finding = &json["findings"][0];
    assert_eq!(finding["path"], "<stdin>");
    assert_eq!(
        finding["severity"], "warning",
        "no agency e-mail address in sight"
    );
    assert_eq!(finding["end_line"], 3);
    assert_eq!(finding["end_column"], 47);
    assert_eq!(
        finding["text"],
        "E-Mails werden ab sofort nicht mehr bearbeitet."
    );
    assert_eq!(finding["law"][0], "§ 9 SGB X");
    assert_eq!(json["version"], 1);
}

#[test]
fn an_agency_address_in_the_letter_makes_an_email_refusal_an_error() {
    let letter = "Jobcenter Musterstadt\nE-Mail: jobcenter-musterstadt@jobcenter-ge.de\n\nE-Mails werden ab sofort nicht mehr bearbeitet.\n";
    let (code, json) = check_json(&["-"], Some(letter));
    assert_eq!(code, 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("(jobcenter-musterstadt@jobcenter-ge.de)")
                && m.contains("B 7 AS 10/22 R")),
        "{finding}"
    );
    let private =
        "Von: Maria <maria.muster@gmx.de>\n\nE-Mails werden ab sofort nicht mehr bearbeitet.\n";
    let (_, json) = check_json(&["-"], Some(private));
    assert_eq!(
        json["findings"][0]["severity"], "warning",
        "a private address is no evidence"
    );
    assert!(
        json["findings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("keine E-Mail-Adresse der Behörde"))
    );
}

#[test]
fn explain_names_pattern_matches_context_cue_and_evidence() {
    let (_, json) = check_json(&["--explain", "-"], Some(UNLAWFUL));
    assert_eq!(
        json["findings"][0]["explanation"],
        serde_json::json!({
            "pattern": 1,
            "within": 14,
            "matched": [
                {"element": "{email}", "text": "E-Mails"},
                {"element": "{not_processed}", "text": "nicht mehr bearbeitet"}
            ],
            "context_cue": {"cue": "none"},
            "evidence": null
        })
    );
    let (_, json) = check_json(
        &["--explain", "-"],
        Some("Das Amt erklärte, E-Mails würden nicht bearbeitet.\n"),
    );
    assert_eq!(
        json["findings"][0]["explanation"]["context_cue"],
        serde_json::json!({"cue": "saying", "text": ["erklärte", "würden"]})
    );
    let (_, plain) = check_json(&["-"], Some(UNLAWFUL));
    assert!(
        plain["findings"][0].get("explanation").is_none(),
        "only with --explain"
    );
    formlos()
        .args(["check", "--explain", "--color", "never", "-"])
        .write_stdin(UNLAWFUL)
        .assert()
        .stdout(
            predicate::str::contains("Muster 1: {email} + {not_processed} (≤ 14 Wörter)")
                .and(predicate::str::contains(
                    "Kontext: direkt – keine Zitat- oder Berichtsmerkmale",
                ))
                .and(predicate::str::contains("Beleg: keiner gefunden")),
        );
}

#[test]
fn min_confidence_drops_weaker_findings() {
    let reported = "Das Jobcenter teilte mit, E-Mails würden nicht mehr bearbeitet.\n";
    let (_, json) = check_json(&["-"], Some(reported));
    let confidence = json["findings"][0]["confidence"].as_f64().unwrap_or(1.0);
    assert!(
        confidence < 0.8,
        "reported speech is less certain: {confidence}"
    );
    let (code, json) = check_json(&["--min-confidence", "0.7", "-"], Some(reported));
    assert_eq!(
        (code, json["findings"].as_array().map(Vec::len)),
        (0, Some(0))
    );
    let (_, json) = check_json(&["--min-confidence", "0.7", "-"], Some(UNLAWFUL));
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(1));
}

#[test]
fn missing_file_exits_2_and_the_other_inputs_are_still_checked() {
    let dir = tempdir();
    let letter = dir.join("brief.txt");
    std::fs::write(&letter, UNLAWFUL).unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.join("fehlt.txt");
    let (code, json) = check_json(
        &[&missing.to_string_lossy(), &letter.to_string_lossy()],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(
        finding_keys(&json).len(),
        1,
        "the readable letter is still checked"
    );
    let files = json["files"].as_array().cloned().unwrap_or_default();
    let missing_report = files
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with("fehlt.txt")))
        .unwrap_or_else(|| panic!("missing file not reported: {files:?}"));
    assert_eq!(missing_report["status"], "error");
    assert!(missing_report["error"].as_str().is_some_and(
        |e| e == "Datei oder Ordner nicht gefunden; bitte Pfad und Schreibweise prüfen"
    ));
}

#[test]
fn binary_file_is_reported_with_path_and_reason() {
    let dir = tempdir();
    let binary = dir.join("bild.txt");
    std::fs::write(&binary, b"\x89PNG\0\0\0").unwrap_or_else(|e| panic!("{e}"));
    formlos()
        .args(["check", &binary.to_string_lossy()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bild.txt").and(predicate::str::contains("Binärdatei")));
}

#[test]
fn walking_a_folder_skips_unsupported_formats_without_failing() {
    let dir = tempdir();
    std::fs::write(dir.join("brief.md"), LAWFUL).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("bild.gif"), b"GIF89a\0").unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join(".git/HEAD"), UNLAWFUL).unwrap_or_else(|e| panic!("{e}"));
    let (code, json) = check_json(&[&dir.to_string_lossy()], None);
    assert_eq!(code, 0, "{json}");
    let statuses: Vec<(String, String)> = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default().to_string();
            (name, f["status"].as_str().unwrap_or_default().to_string())
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("bild.gif".to_string(), "skipped".to_string()),
            ("brief.md".to_string(), "ok".to_string())
        ]
    );
}

/// The summary names each skipped file with its own reason: an image is a format formlos
/// does not read (the note lists every format it does read), a binary file named `.txt`
/// is binary, not "format not supported".
#[test]
fn skipped_files_are_named_with_their_reason() {
    let dir = tempdir();
    std::fs::write(dir.join("brief.md"), LAWFUL).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("bild.gif"), b"GIF89a\0").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("daten.txt"), b"ab\0cd\0\0ef").unwrap_or_else(|e| panic!("{e}"));
    let run = |lang: &str| {
        let output = formlos()
            .current_dir(&dir)
            .args(["--lang", lang, "check", ".", "--color", "never"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let german = run("de");
    assert_eq!(
        german.lines().collect::<Vec<_>>(),
        [
            "übersprungen: ./bild.gif: Format nicht unterstützt; formlos liest Text (.txt), Markdown (.md), HTML (.html), E-Mail (.eml), Mail-Archive (.mbox), PDF, Word (.docx), OpenDocument (.odt), Scans und Fotos (.png, .jpg, .tif, .webp; mit OCR) und Vorlagen (.hbs, .j2, .twig, .tpl, .tex …)",
            "übersprungen: ./daten.txt: Binärdatei trotz Textendung (enthält NUL-Bytes), kein lesbarer Text",
            "0 Befund(e): 0 Fehler, 0 Warnung(en), 0 Hinweis(e) in 0 von 1 geprüften Datei(en). 2 Datei(en) übersprungen (siehe oben).",
        ]
    );
    let english = run("en");
    assert!(
        english.contains("skipped: ./daten.txt: binary file despite its text extension (contains NUL bytes), no readable text\n"),
        "{english}"
    );
    assert!(
        english.contains("format not supported; formlos reads plain text (.txt), Markdown (.md), HTML (.html), e-mail (.eml), mail archives (.mbox), PDF, Word (.docx), OpenDocument (.odt), scans and photos (.png, .jpg, .tif, .webp; with OCR) and templates"),
        "{english}"
    );
}

#[test]
fn include_and_exclude_globs_select_walked_files() {
    let dir = repo_path("fixtures/documents");
    let dir = dir.to_string_lossy();
    let names = |args: &[&str]| -> Vec<String> {
        let (_, json) = check_json(args, None);
        let mut names: Vec<String> = json["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["path"].as_str()?.rsplit('/').next().map(str::to_string))
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&["--include", "*.html", "--include", "*.odt", &dir]),
        ["notice-fax.odt", "webpage-portal-only.html"]
    );
    let without = names(&["--exclude", "lawful-*", "--exclude", "*.eml", &dir]);
    assert!(!without.is_empty());
    assert!(
        without
            .iter()
            .all(|n| !n.starts_with("lawful-") && !n.ends_with(".eml")),
        "{without:?}"
    );
    let explicit = repo_path("fixtures/documents/lawful-elterngeld.txt");
    assert_eq!(
        names(&["--exclude", "lawful-*", &explicit.to_string_lossy()]),
        ["lawful-elterngeld.txt"],
        "named files are always checked"
    );
    formlos()
        .args(["check", "--include", "[", &dir])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ungültiges Muster"));
}

#[test]
fn files_without_extension_are_read_by_their_content() {
    let dir = tempdir();
    std::fs::write(
        dir.join("nachricht"),
        "From: Jobcenter <jobcenter-musterstadt@jobcenter-ge.de>\nSubject: Antwort\n\nFaxe werden nicht mehr angenommen.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let pdf = std::fs::read(repo_path("fixtures/documents/letter-two-pages.pdf"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("scan0001"), pdf).unwrap_or_else(|e| panic!("{e}"));
    let (_, json) = check_json(&[&dir.to_string_lossy()], None);
    let formats: Vec<(String, String)> = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            (
                path.rsplit('/').next().unwrap_or_default().to_string(),
                f["format"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        formats,
        [
            ("nachricht".to_string(), "email".to_string()),
            ("scan0001".to_string(), "pdf".to_string())
        ]
    );
}

#[test]
fn fail_on_controls_the_exit_code() {
    let fax = "Faxe werden nicht mehr angenommen.\n";
    assert_eq!(
        check_json(&["-"], Some(fax)).0,
        1,
        "a warning fails at the default level"
    );
    assert_eq!(check_json(&["--fail-on", "error", "-"], Some(fax)).0, 0);
    let reported = "Das Jobcenter teilte mit, E-Mails würden nicht mehr bearbeitet.\n";
    let (code, json) = check_json(&["-"], Some(reported));
    assert_eq!(code, 0, "reported speech does not fail by default");
    assert_eq!(
        finding_keys(&json),
        [("FL101".to_string(), 1, 27, "reported".to_string())]
    );
    assert_eq!(json["findings"][0]["severity"], "info");
    assert_eq!(check_json(&["--fail-on", "info", "-"], Some(reported)).0, 1);
}

#[test]
fn hyphenated_and_wrapped_sentence_points_into_the_original_lines() {
    let path = repo_path("fixtures/documents/letter-wrapped-hyphenated.txt");
    let (code, json) = check_json(&[&path.to_string_lossy()], None);
    assert_eq!(code, 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "FL101");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(5), Some(61))
    );
    // "beantworten" ends on the next source line, after the joined "errei-\n   chen".
    assert_eq!(
        (finding["end_line"].as_u64(), finding["end_column"].as_u64()),
        (Some(6), Some(47))
    );
}

#[test]
fn pdf_findings_name_their_page_and_scans_ask_for_ocr() {
    let letter = repo_path("fixtures/documents/letter-two-pages.pdf");
    let (code, json) = check_json(&[&letter.to_string_lossy()], None);
    assert_eq!(code, 1);
    assert_eq!(
        rules_and_pages(&json),
        [("FL101".to_string(), 1), ("FL201".to_string(), 2)]
    );
    // With OCR switched off; tests/ocr.rs reads scans.
    let scan = repo_path("fixtures/broken/scan-without-text.pdf");
    formlos()
        .args(["check", "--ocr", "never", &scan.to_string_lossy()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("scan-without-text.pdf")
                .and(predicate::str::contains("ocrmypdf")),
        );
}

#[test]
fn legacy_encodings_are_detected_and_reported() {
    for (file, encoding) in [
        ("letter-form-condition-cp1252.txt", "windows-1252"),
        ("notice-fax-shutdown-utf16.txt", "UTF-16LE"),
        ("letter-crlf-bom.txt", "UTF-8"),
    ] {
        let path = repo_path(&format!("fixtures/documents/{file}"));
        let (code, json) = check_json(&[&path.to_string_lossy()], None);
        assert_eq!(code, 1, "{file}");
        assert_eq!(json["files"][0]["encoding"], encoding, "{file}");
    }
}

#[test]
fn human_output_shows_position_snippet_norms_and_summary_table() {
    formlos()
        .args(["check", "--color", "never", "-"])
        .write_stdin(UNLAWFUL)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Warnung[FL101 email-not-processed]")
                .and(predicate::str::contains("--> <stdin>:3:1"))
                .and(predicate::str::contains(
                    "3 | E-Mails werden ab sofort nicht mehr bearbeitet.",
                ))
                .and(predicate::str::contains("^^^^"))
                .and(predicate::str::contains("Rechtsgrundlage: § 9 SGB X"))
                .and(predicate::str::contains(
                    "│ FL101 ┆ email-not-processed ┆      0 ┆         1 ┆",
                ))
                .and(predicate::str::contains(
                    "1 Befund(e): 0 Fehler, 1 Warnung(en)",
                ))
                .and(predicate::str::contains("\u{1b}[").not()),
        );
}

#[test]
fn english_output_on_request() {
    formlos()
        .args(["--lang", "en", "check", "-"])
        .write_stdin(UNLAWFUL)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains(
                "warning[FL101 email-not-processed]: The statement declares e-mails",
            )
            .and(predicate::str::contains(
                "1 finding(s): 0 error(s), 1 warning(s)",
            )),
        );
}

#[test]
fn rules_test_passes_and_lists_every_rule() {
    formlos().args(["rules", "test"]).assert().code(0).stdout(
        predicate::str::contains("ok   FL101 email-not-processed")
            .and(predicate::str::contains(" bestanden, 0 fehlgeschlagen (")),
    );
}

#[test]
fn rules_list_json_names_id_name_severity_family_title() {
    let output = formlos()
        .args(["rules", "list", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    let rules: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rules[0],
        serde_json::json!({
            "id": "FL101",
            "name": "email-not-processed",
            "severity": "error",
            "family": "email-refused",
            "title": "E-Mails werden nicht bearbeitet oder nicht angenommen"
        })
    );
}

#[test]
fn rules_explain_shows_norm_links_rewording_and_examples() {
    formlos()
        .args(["rules", "explain", "FL201"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(
                "§ 9 SGB X <https://www.gesetze-im-internet.de/sgb_10/__9.html>",
            )
            .and(predicate::str::contains("Rechtmäßige Formulierung"))
            .and(predicate::str::contains("Was Betroffene tun können"))
            .and(predicate::str::contains(
                "- Bescheide versenden wir ausschließlich per Post.",
            )),
        );
    formlos()
        .args(["rules", "explain", "FL999"])
        .assert()
        .code(2);
}

/// `rules explain` speaks the reader's language: German severity and exception reasons,
/// no regular expressions unless `--verbose` asks for them (rule authors).
#[test]
fn rules_explain_is_german_and_shows_patterns_only_when_verbose() {
    let run = |args: &[&str]| {
        let output = formlos()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let german = run(&["rules", "explain", "FL601"]);
    assert!(
        german
            .contains("Familie: fax-refused   Schwere: Warnung   Datei: rules/fax-refused.yaml\n"),
        "{german}"
    );
    assert!(
        german.contains("Ausnahmen (dann wird nichts gemeldet):\n  - Die Leserin hat keine Möglichkeit, einen Weg zu nutzen – ein Rat, keine Ablehnung.\n"),
        "{german}"
    );
    assert!(
        german.contains("  - Das Fax wird als offen bestätigt.\n"),
        "{german}"
    );
    for raw in ["\\b", "{fax}", "Muster:\n", "[im Satz"] {
        assert!(!german.contains(raw), "{raw:?} without --verbose: {german}");
    }
    assert!(
        german.ends_with("formlos rules explain FL601 --verbose\n"),
        "{german}"
    );

    let verbose = run(&["rules", "explain", "FL601", "--verbose"]);
    assert!(
        verbose.contains("Muster:\n  - {fax} + {not_processed} (≤ 16 Wörter)\n"),
        "{verbose}"
    );
    assert!(
        verbose.contains(
            "  - Das Fax wird als offen bestätigt. [im Satz: \\b(?:auch|weiterhin|ebenfalls)"
        ),
        "{verbose}"
    );

    let english = run(&["--lang", "en", "rules", "explain", "FL601"]);
    assert!(english.contains("severity: warning"), "{english}");
    assert!(english.contains("  - Fax confirmed open.\n"), "{english}");
}

/// A rule directory with one rule file; returns the folder.
fn rule_dir(rule_file: &str) -> std::path::PathBuf {
    let dir = tempdir();
    std::fs::write(dir.join("custom.yaml"), rule_file).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// `formlos rules list` with the rule file `rule_file` exits 2 and says `message`.
fn rules_list_refuses(rule_file: &str, message: &str) {
    formlos()
        .args([
            "--rules",
            &rule_dir(rule_file).to_string_lossy(),
            "rules",
            "list",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

const CUSTOM_RULE: &str = r#"family: custom
rules:
  - id: FL9001
    name: no-pigeons
    title: {de: Keine Brieftauben, en: No carrier pigeons}
    severity: warning
    law:
      - {norm: § 9 SGB X, url: "https://www.gesetze-im-internet.de/sgb_10/__9.html"}
    message: {de: Brieftauben sind erlaubt., en: Pigeons are allowed.}
    explanation: {de: Formlos., en: Formless.}
    rewording: {de: Tauben willkommen., en: Pigeons welcome.}
    advice: {de: Schicken Sie die Taube., en: Send the pigeon.}
    patterns:
      - all: ['\bbrieftaube\w*', '{not_processed}']
    examples:
      match: ["Brieftauben werden nicht angenommen."]
      no_match: ["Brieftauben sind willkommen."]
"#;

#[test]
fn custom_rules_from_a_folder_use_the_shared_vocabulary() {
    let dir = rule_dir(CUSTOM_RULE);
    let (code, json) = check_json(
        &["--rules", &dir.to_string_lossy(), "-"],
        Some("Brieftauben werden bei uns nicht mehr angenommen.\n"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&json),
        [("FL9001".to_string(), 1, 1, "direct".to_string())]
    );
}

#[test]
fn an_exception_unless_leaves_out_the_sentences_that_close_the_way_it_names() {
    // The exception "the letterbox is named in the paragraph" does not count where the
    // letterbox is itself refused.
    let rule = CUSTOM_RULE.replace(
        "    examples:",
        "    exceptions:\n      - pattern: '\\bbriefkasten\\w*'\n        scope: paragraph\n        unless: '{refused}'\n    examples:",
    );
    let dir = rule_dir(&rule);
    let text = "Der Briefkasten steht nicht mehr zur Verfügung. Brieftauben werden nicht angenommen.\n\n\
Der Briefkasten steht offen. Brieftauben werden nicht angenommen.\n";
    let (code, json) = check_json(&["--rules", &dir.to_string_lossy(), "-"], Some(text));
    assert_eq!(code, 1);
    let pigeons: Vec<_> = finding_keys(&json)
        .into_iter()
        .filter(|(rule, ..)| rule == "FL9001")
        .collect();
    assert_eq!(
        pigeons,
        [("FL9001".to_string(), 1, 49, "direct".to_string())]
    );
    // `unless` needs a scope smaller than the document.
    let document_wide = rule.replace("scope: paragraph", "scope: document");
    rules_list_refuses(
        &document_wide,
        "`unless` needs sentence, previous or paragraph scope",
    );
}

/// Two pigeon rules: FL9002 (pigeons "only" refused) yields to FL9001, which excuses a
/// refusal for today only.
fn pigeon_rules_yielding(second_yields_to: &str, first_yields_to: &str) -> String {
    let first = CUSTOM_RULE.replace(
        "    patterns:",
        &format!(
            "{first_yields_to}    patterns:"
        ),
    ).replace(
        "    examples:",
        "    exceptions:\n      - pattern: '\\bheute\\b'\n        why: Nur heute.\n    examples:",
    ).replace(
        "      no_match: [\"Brieftauben sind willkommen.\"]",
        "      no_match: [\"Brieftauben sind willkommen.\", \"Brieftauben werden heute nicht angenommen.\"]",
    );
    let second = CUSTOM_RULE[CUSTOM_RULE.find("  - id").unwrap_or(0)..]
        .replace("FL9001", "FL9002")
        .replace("name: no-pigeons", "name: pigeons-refused")
        .replace("    patterns:", &format!("{second_yields_to}    patterns:"))
        .replace(
            "'{not_processed}'",
            "'{not_processed}|\\bverboten\\b'",
        )
        .replace(
            "      match: [\"Brieftauben werden nicht angenommen.\"]",
            "      match: [\"Brieftauben sind verboten.\"]",
        )
        .replace(
            "      no_match: [\"Brieftauben sind willkommen.\"]",
            "      no_match: [\"Brieftauben sind willkommen.\", \"Brieftauben werden nicht angenommen.\", \"Brieftauben werden heute nicht angenommen.\"]",
        );
    format!("{first}{second}")
}

#[test]
fn a_rule_yields_to_one_that_found_the_sentence_lawful() {
    let rules = pigeon_rules_yielding("    yields_to: [FL9001]\n", "");
    let dir = rule_dir(&rules);
    // FL9001 reports the refusal, FL9002 yields to it.
    let (code, json) = check_json(
        &["--rules", &dir.to_string_lossy(), "-"],
        Some("Brieftauben werden nicht angenommen.\n"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&json),
        [("FL9001".to_string(), 1, 1, "direct".to_string())]
    );
    // FL9001 matches and excuses it for today: FL9002 does not report it instead.
    let (code, json) = check_json(
        &["--rules", &dir.to_string_lossy(), "-"],
        Some("Brieftauben werden heute nicht angenommen.\n"),
    );
    assert_eq!(code, 0);
    assert_eq!(finding_keys(&json), []);
    // Without yields_to, FL9002 reports both.
    let dir = rule_dir(&pigeon_rules_yielding("", ""));
    let (_, json) = check_json(
        &["--rules", &dir.to_string_lossy(), "-"],
        Some("Brieftauben werden heute nicht angenommen.\n"),
    );
    assert_eq!(
        finding_keys(&json),
        [("FL9002".to_string(), 1, 1, "direct".to_string())]
    );
}

#[test]
fn rules_that_yield_to_each_other_are_an_error() {
    rules_list_refuses(
        &pigeon_rules_yielding("    yields_to: [FL9001]\n", "    yields_to: [FL9002]\n"),
        "rule FL9001: yields_to leads back to the rule itself",
    );
}

#[test]
fn no_default_rules_needs_a_rule_folder() {
    formlos()
        .args(["--no-default-rules", "check", "-"])
        .write_stdin(UNLAWFUL)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("keine Regeln geladen"));
}

#[test]
fn invalid_yaml_names_file_line_and_column() {
    let broken = CUSTOM_RULE.replace("    severity: warning", "    severity: fatal");
    rules_list_refuses(
        &broken,
        "custom.yaml:6:15: rules[0].severity: unknown variant `fatal`",
    );
}

#[test]
fn unknown_field_and_bad_regex_are_located() {
    let unknown = CUSTOM_RULE.replace(
        "    severity: warning",
        "    severity: warning\n    severty: error",
    );
    rules_list_refuses(
        &unknown,
        "custom.yaml:7:5: rules[0]: unknown field `severty`",
    );
    let bad_regex = CUSTOM_RULE.replace(r"'\bbrieftaube\w*'", r"'(brieftaube'");
    rules_list_refuses(
        &bad_regex,
        "custom.yaml:14:16: rule FL9001: invalid regular expression",
    );
}

#[test]
fn duplicate_ids_and_missing_examples_are_errors() {
    let twice = format!(
        "{CUSTOM_RULE}{}",
        &CUSTOM_RULE[CUSTOM_RULE.find("  - id").unwrap_or(0)..]
    )
    .replacen("name: no-pigeons", "name: other-name", 2)
    .replacen("name: other-name", "name: no-pigeons", 1);
    formlos()
        .args([
            "--rules",
            &rule_dir(&twice).to_string_lossy(),
            "rules",
            "list",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("duplicate rule id FL9001"));
    let no_examples = CUSTOM_RULE.replace(
        "      no_match: [\"Brieftauben sind willkommen.\"]",
        "      no_match: []",
    );
    formlos()
        .args([
            "--rules",
            &rule_dir(&no_examples).to_string_lossy(),
            "rules",
            "list",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("custom.yaml:3:")
                .and(predicate::str::contains("needs examples")),
        );
}

#[test]
fn rules_test_reports_a_failing_example_and_exits_1() {
    let failing = CUSTOM_RULE.replace(
        "Brieftauben sind willkommen.",
        "Brieftauben werden nicht gelesen.",
    );
    formlos()
        .args(["rules", "test", &rule_dir(&failing).to_string_lossy()])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL FL9001 no-pigeons")
                .and(predicate::str::contains(
                    "darf nicht gefunden werden, wurde gefunden",
                ))
                .and(predicate::str::contains("Brieftauben werden nicht gelesen")),
        );
}

/// A fresh folder under the target directory (no extra crate needed).
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "formlos-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// The number of a rule id (FL1001 → 1001), for checking numeric order.
fn id_number(id: &str) -> u32 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// Rules are ordered by number (FL101 before FL1001), not as text, in `rules list`, in
/// the summary table and `summary.by_rule` of a check, and in SARIF's rules array.
#[test]
fn rules_are_ordered_by_number_everywhere() {
    let output = formlos()
        .args(["rules", "list", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let listed: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<u32> = listed
        .as_array()
        .into_iter()
        .flatten()
        .map(|rule| id_number(rule["id"].as_str().unwrap_or("")))
        .collect();
    assert!(ids.len() > 20 && ids.contains(&1001), "{ids:?}");
    assert!(ids.is_sorted(), "{ids:?}");
    let table = formlos()
        .args(["rules", "list"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.find("FL101 ") < table.find("FL1001 "), "{table}");

    let letter = "Ein Antrag per E-Mail ist rechtlich nicht wirksam.\n\nE-Mails werden ab sofort nicht mehr bearbeitet.\n";
    let check = |format: &str| {
        let output = formlos()
            .args(["check", "--color", "never", "--format", format, "-"])
            .write_stdin(letter)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let human = check("human");
    let row = |id: &str| human.find(&format!("│ {id} "));
    assert!(
        row("FL101").is_some() && row("FL101") < row("FL1001"),
        "{human}"
    );
    let json = check("json");
    let by_rule = json.find("\"by_rule\"").unwrap_or_else(|| panic!("{json}"));
    let after = &json[by_rule..];
    assert!(
        after.find("\"FL101\"") < after.find("\"FL1001\""),
        "{after}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&check("sarif")).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<u32> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|rule| id_number(rule["id"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(ids.first(), Some(&1), "formlos' own FL001 first: {ids:?}");
    assert!(ids.is_sorted(), "{ids:?}");
    for result in sarif["runs"][0]["results"].as_array().into_iter().flatten() {
        let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(
            sarif["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            result["ruleId"]
        );
    }
}

/// System and library errors are German sentences that say what to do; the original
/// English text is in JSON (`error_detail`) and shown with `--explain`. A 0-byte file is
/// called empty, not damaged.
#[test]
fn system_and_library_errors_are_german_with_the_original_in_json_and_explain() {
    let dir = tempdir();
    std::fs::write(dir.join("kaputt.docx"), b"PK\x03\x04kaputt").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("leer.pdf"), b"").unwrap_or_else(|e| panic!("{e}"));
    let names = ["kaputt.docx", "leer.pdf", "fehlt.txt"];
    let output = formlos()
        .current_dir(&dir)
        .args(["check", "--format", "json"])
        .args(names)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let files: Vec<(&str, &str, &str, &str)> = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default(),
                f["status"].as_str().unwrap_or_default(),
                f["error"].as_str().unwrap_or_default(),
                f["error_detail"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            (
                "fehlt.txt",
                "error",
                "Datei oder Ordner nicht gefunden; bitte Pfad und Schreibweise prüfen",
                "No such file or directory (os error 2)"
            ),
            (
                "kaputt.docx",
                "error",
                "Die Datei ist beschädigt oder unvollständig und lässt sich nicht öffnen; bitte die Originaldatei prüfen oder sie im Programm, mit dem sie erstellt wurde, neu speichern",
                "zip: invalid Zip archive: Could not find EOCD"
            ),
            (
                "leer.pdf",
                "error",
                "Die Datei ist leer (0 Byte); vielleicht wurde sie nicht vollständig gespeichert oder heruntergeladen – bitte die Originaldatei prüfen",
                ""
            ),
        ]
    );
    let human = formlos()
        .current_dir(&dir)
        .args(["check", "--explain"])
        .args(names)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(
        stderr.contains("formlos: Fehler: fehlt.txt: Datei oder Ordner nicht gefunden; bitte Pfad und Schreibweise prüfen\n  Originalmeldung: No such file or directory (os error 2)\n"),
        "{stderr}"
    );
    let plain = formlos()
        .current_dir(&dir)
        .arg("check")
        .args(names)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(
        !stderr.contains("os error") && !stderr.contains("EOCD"),
        "no English without --explain: {stderr}"
    );
    let english = formlos()
        .current_dir(&dir)
        .args(["--lang", "en", "check", "fehlt.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        String::from_utf8_lossy(&english.stderr),
        "formlos: error: fehlt.txt: file or folder not found; check the path and its spelling\n"
    );
}

/// A finding's legal basis follows the agency that wrote the letter: a Sozialamt's letter
/// cites the SGB XII where the rules cite § 37 SGB II for the Jobcenter, an unknown sender
/// keeps the rules' norms.
#[test]
fn the_legal_basis_follows_the_agency() {
    let law_of = |letter: &str| {
        let (code, json) = check_json(&["-"], Some(letter));
        assert_eq!(code, 1, "{json}");
        let finding = &json["findings"][0];
        (
            finding["law"].clone(),
            finding["location"]["agency_kind"].clone(),
        )
    };
    let (law, kind) = law_of(
        "Stadt Musterstadt – Sozialamt\n\nSehr geehrte Frau Beispiel,\n\nAnträge auf Grundsicherung nehmen wir nur persönlich im Bürgerbüro entgegen.\n",
    );
    assert_eq!(kind, "sozialamt");
    assert_eq!(
        law,
        serde_json::json!([
            "§ 9 SGB X",
            "§ 18 Abs. 1 SGB XII",
            "§ 44 Abs. 1 SGB XII",
            "§ 16 Abs. 1 SGB I",
            "§ 17 Abs. 1 SGB I"
        ])
    );
    let (law, kind) = law_of(
        "Jobcenter Musterstadt\n\nSehr geehrte Frau Beispiel,\n\nAnträge nehmen wir nur persönlich im Bürgerbüro entgegen.\n",
    );
    assert_eq!(kind, "jobcenter");
    assert_eq!(law[1], "§ 37 SGB II");
    let (law, kind) = law_of("Anträge nehmen wir nur persönlich im Bürgerbüro entgegen.\n");
    assert_eq!(kind, serde_json::Value::Null);
    assert_eq!(law[1], "§ 37 SGB II");
}
