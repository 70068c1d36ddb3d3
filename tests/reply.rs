//! `formlos reply` / `antwort`: for one letter of each rule family, the reply quotes each
//! of the letter's own restricting sentences exactly as found, cites exactly the rule's
//! norms (the benefit norm as the agency's own), and leaves every unknown detail as a
//! marked placeholder. The Word version is opened in LibreOffice by an `#[ignore]`d test
//! (run with `cargo test -- --include-ignored`, as .ci/run does after installing it).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command as Process;

use common::{check_json, formlos, in_ci, repo_path, require_tool, which};

/// One letter per rule family, and the norms that stand for § 37 SGB II (the rules'
/// norm of Bürgergeld) in a reply to that letter's agency.
const LETTERS: [(&str, &[&str]); 12] = [
    ("auto-reply-mail-not-processed.txt", &["§ 37 SGB II"]),
    ("faq-portal-only.md", &["§ 9 SGB X"]),
    (
        "letter-phone-application.txt",
        &["§ 18 Abs. 1 SGB XII", "§ 44 Abs. 1 SGB XII"],
    ),
    ("letter-form-condition.txt", &["§ 37 SGB II"]),
    ("notice-receipt-refused.txt", &["§ 9 SGB X"]),
    ("notice-fax-shutdown.txt", &["§ 9 SGB X"]),
    ("letter-representative.txt", &["§ 37 SGB II"]),
    ("notice-appointment-gate.txt", &["§ 9 SGB X"]),
    ("email-attachments-refused.txt", &["§ 37 SGB II"]),
    ("letter-wrong-law.txt", &["§ 37 SGB II"]),
    // The town hall sends a Bürgergeld applicant to the Jobcenter: SGB II applies.
    ("letter-not-responsible.txt", &["§ 37 SGB II"]),
    ("invitation-companion.txt", &["§ 9 SGB X"]),
];

fn document(name: &str) -> String {
    repo_path(&format!("fixtures/documents/{name}"))
        .to_string_lossy()
        .into_owned()
}

/// Norm citations in a text, as the rules write them.
fn norms(text: &str) -> BTreeSet<String> {
    let norm = regex::Regex::new(
        r"§\s\d+[a-z]?(?:\sAbs\.\s\d+[a-z]?)?\s(?:SGB\s(?:XII|XI|IX|VIII|VII|VI|IV|V|III|II|I|X)\b|SGG|WoGG|EStG|AO|BKGG)",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    norm.find_iter(text)
        .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The reply as text with `args` (after the letter).
fn reply(letter: &str, args: &[&str]) -> (i32, String, String) {
    let output = formlos()
        .arg("reply")
        .arg(letter)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The labels of the marked placeholders, from texts/letters.yaml.
fn placeholder_labels(lang: &str) -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(repo_path("texts/letters.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    yaml["reply"]["placeholders"]
        .as_mapping()
        .into_iter()
        .flatten()
        .filter_map(|(_, labels)| labels[lang].as_str().map(str::to_string))
        .collect()
}

/// Every `[…]` in the text, and whether any template variable `{…}` is left.
fn assert_placeholders_marked(text: &str, lang: &str) -> Vec<String> {
    assert!(
        !text.contains('{') && !text.contains('}'),
        "a template variable is left:\n{text}"
    );
    let labels = placeholder_labels(lang);
    let bracketed = regex::Regex::new(r"\[([^\[\]]+)\]").unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<String> = bracketed
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect();
    for label in &found {
        assert!(labels.contains(label), "unknown placeholder [{label}]");
    }
    found
}

#[test]
fn a_reply_for_each_family_quotes_the_findings_and_cites_the_rules_norms() {
    let families: BTreeSet<String> = formlos()
        .args(["rules", "list", "--format", "json"])
        .output()
        .ok()
        .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
        .and_then(|rules| rules.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|rule| rule["family"].as_str().map(str::to_string))
        .collect();
    let mut covered = BTreeSet::new();
    let quote =
        regex::Regex::new(r"^(\d+)\. Sie schreiben:\n   „(.*)“$").unwrap_or_else(|e| panic!("{e}"));
    for (name, benefit_norms) in LETTERS {
        let path = document(name);
        let (_, json) = check_json(&[&path], None);
        let findings: Vec<&serde_json::Value> = json["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["context"] == "direct")
            .collect();
        assert!(!findings.is_empty(), "{name}: no direct finding");
        // The norms each sentence's findings must cite.
        let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for finding in &findings {
            covered.insert(finding["family"].as_str().unwrap_or_default().to_string());
            let entry = expected
                .entry(finding["text"].as_str().unwrap_or_default().to_string())
                .or_default();
            for norm in finding["law"].as_array().into_iter().flatten() {
                let norm = norm.as_str().unwrap_or_default();
                if norm == "§ 37 SGB II" {
                    entry.extend(benefit_norms.iter().map(|n| n.to_string()));
                } else {
                    entry.insert(norm.to_string());
                }
            }
        }
        let (code, text, stderr) = reply(&path, &[]);
        assert_eq!(code, 0, "{name}: {stderr}");
        // Blocks: each quote, then the legal position until the next quote or request.
        let blocks: Vec<&str> = text.split("\n\n").collect();
        let mut cited: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for block in &blocks {
            if let Some(captures) = quote.captures(block) {
                current = Some(captures[2].to_string());
                cited.entry(captures[2].to_string()).or_default();
            } else if block.starts_with("Bitte bestätigen") {
                current = None;
            } else if let Some(sentence) = &current {
                cited
                    .entry(sentence.clone())
                    .or_default()
                    .extend(norms(block));
            }
        }
        assert_eq!(
            cited.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{name}: the quoted sentences are the findings' texts"
        );
        assert_eq!(
            cited, expected,
            "{name}: the norms cited are the rules' norms"
        );
        if benefit_norms != ["§ 37 SGB II"] {
            assert!(
                !text.contains("SGB II"),
                "{name}: SGB II cited to another agency"
            );
        }
        assert!(text.contains("Bitte bestätigen Sie mir bis zum"), "{name}");
        assert!(text.contains("den Eingang dieses Schreibens"), "{name}");
        let found = assert_placeholders_marked(&text, "de");
        assert!(found.contains(&"Ihr Name".to_string()), "{name}");
    }
    assert_eq!(covered, families, "one letter of each rule family");
}

#[test]
fn reply_uses_the_letterhead_and_the_senders_details() {
    let path = document("letter-form-condition.txt");
    let (code, text, _) = reply(
        &path,
        &[
            "--name",
            "Max Mustermann",
            "--address",
            "Musterweg 3, 54321 Beispielstadt",
            "--deadline",
            "21",
        ],
    );
    assert_eq!(code, 0);
    assert!(text.starts_with(
        "Max Mustermann\nMusterweg 3\n54321 Beispielstadt\nBG-Nummer: 12345BG0001234\n\nJobcenter Landkreis Beispielkreis\nAm Markt 4\n54321 Beispielstadt\n\nBeispielstadt, "
    ), "{text}");
    assert!(text.contains("Ihr Schreiben vom 14.10.2026 · BG-Nummer 12345BG0001234"));
    assert!(text.contains("in Ihrem Schreiben vom 14.10.2026 stehen Aussagen"));
    // The application stands and takes effect from the first of the month.
    assert!(text.contains("Vorsorglich stelle ich den Antrag auf Bürgergeld hiermit erneut."));
    assert!(text.contains("§ 37 Abs. 2 SGB II"));
    let found = assert_placeholders_marked(&text, "de");
    assert_eq!(
        found,
        [
            "wann und wie Sie den Antrag gestellt oder die Unterlagen eingereicht haben, z. B. „am 2. Oktober per E-Mail“"
        ],
        "only what formlos cannot know is left"
    );
    assert!(
        text.trim_end()
            .ends_with("Mit freundlichen Grüßen\n\nMax Mustermann")
    );
}

#[test]
fn supervisor_and_file_variants_markdown_and_english() {
    let path = document("letter-form-condition.txt");
    let (code, text, _) = reply(&path, &["--to", "supervisor"]);
    assert_eq!(code, 0);
    assert!(text.contains("[Aufsichtsbehörde – Name und Anschrift]"));
    assert!(text.contains(
        "Dienstaufsichtsbeschwerde gegen Jobcenter Landkreis Beispielkreis wegen des Schreibens vom 14.10.2026"
    ));
    assert!(
        text.contains("Dort heißt es:\n   „Bitte beachten Sie: Ihr Antrag gilt erst als gestellt")
    );
    assert_placeholders_marked(&text, "de");

    let (code, note, _) = reply(&path, &["--to", "file", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        note.starts_with(
            "# Aktennotiz: Schreiben von Jobcenter Landkreis Beispielkreis vom 14.10.2026"
        ),
        "{note}"
    );
    assert!(
        note.contains(
            "Rechtsgrundlage: § 37 SGB II, § 9 SGB X, § 60 Abs. 2 SGB I, § 20 Abs. 3 SGB X"
        )
    );
    assert!(note.contains("> „Bitte beachten Sie: Ihr Antrag gilt erst als gestellt"));
    assert!(note.contains("§ 84 Abs. 1 SGG"));
    assert!(note.contains("**\\[Name der ratsuchenden Person\\]**"));

    let (code, english, _) = formlos()
        .args(["--lang", "en", "reply"])
        .arg(&path)
        .output()
        .map(|o| {
            (
                o.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&o.stdout).into_owned(),
                (),
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0);
    assert!(english.contains("1. You write:\n   „Bitte beachten Sie"));
    assert!(english.contains("[your name]"));
    assert_placeholders_marked(&english, "en");
}

#[test]
fn a_letter_without_own_restrictions_gets_no_reply() {
    let (code, text, stderr) = reply(&document("advocacy-letter.txt"), &[]);
    assert_eq!(code, 1);
    assert!(text.is_empty());
    assert!(stderr.contains("nichts zu beanstanden"), "{stderr}");
    let (code, _, stderr) = formlos()
        .args(["antwort", "does-not-exist.txt"])
        .output()
        .map(|o| {
            (
                o.status.code().unwrap_or(-1),
                (),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 2, "{stderr}");
    let two = [
        document("letter-form-condition.txt"),
        document("letter-wrong-law.txt"),
    ];
    let (code, _, stderr) = formlos()
        .arg("reply")
        .args(&two)
        .output()
        .map(|o| {
            (
                o.status.code().unwrap_or(-1),
                (),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 2);
    assert!(stderr.contains("genau einem Schreiben"), "{stderr}");
}

/// The text of the parts of a DOCX.
fn docx_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"));
    let mut archive = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{e}"));
    let mut entry = archive
        .by_name("word/document.xml")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut entry, &mut xml).unwrap_or_else(|e| panic!("{e}"));
    xml
}

/// The reply of auto-reply-portal-only.txt as DOCX in `dir`.
fn docx_reply(dir: &Path) -> std::path::PathBuf {
    let docx = dir.join("antwort.docx");
    formlos()
        .args(["reply", &document("auto-reply-portal-only.txt"), "-o"])
        .arg(&docx)
        .assert()
        .code(0);
    docx
}

#[test]
fn docx_reply_highlights_every_placeholder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let xml = docx_xml(&docx_reply(dir.path()));
    assert!(xml.contains("Eine Kommunikation per E-Mail ist jedoch nicht mehr möglich."));
    let runs = regex::Regex::new(r"(?s)<w:r>(.*?)</w:r>").unwrap_or_else(|e| panic!("{e}"));
    let mut placeholders = 0;
    for run in runs.captures_iter(&xml) {
        if run[1].contains(">[") {
            placeholders += 1;
            assert!(
                run[1].contains("w:highlight"),
                "unmarked placeholder: {}",
                &run[1]
            );
        }
    }
    assert!(placeholders >= 3, "name, address, date place …");
}

/// In CI, LibreOffice and poppler are part of the test suite.
#[test]
fn libreoffice_is_installed_in_ci() {
    for tool in ["soffice", "pdftotext"] {
        assert!(
            !in_ci() || which(tool).is_some(),
            "CI=true but {tool} is missing; .ci/run installs it"
        );
    }
}

#[test]
#[ignore = "needs libreoffice-writer-nogui and poppler-utils; run with --include-ignored (.ci/run does)"]
fn docx_reply_opens_in_libreoffice() {
    let soffice = require_tool("soffice", "libreoffice-writer-nogui");
    let pdftotext = require_tool("pdftotext", "poppler-utils");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let docx = docx_reply(dir.path());
    let profile = dir.path().join("profile");
    for target in ["txt:Text", "pdf"] {
        let status = Process::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&docx)
            .status()
            .unwrap_or_else(|e| panic!("cannot run LibreOffice: {e}"));
        assert!(
            status.success(),
            "LibreOffice could not convert to {target}"
        );
    }
    let text = std::fs::read_to_string(dir.path().join("antwort.txt"))
        .unwrap_or_else(|e| panic!("LibreOffice wrote no text: {e}"));
    for expected in [
        "[Ihr Name]",
        "Jobcenter Musterstadt",
        "1. Sie schreiben:",
        "„Eine Kommunikation per E-Mail ist jedoch nicht mehr möglich.“",
        "„Bitte nutzen Sie für Ihre Unterlagen ausschließlich Jobcenter.Digital oder werfen Sie diese in unseren Hausbriefkasten ein.“",
        "(§ 36a Abs. 1 SGB I; BSG, 27.09.2023, B 7 AS 10/22 R)",
        "§ 37 Abs. 2 SGB II",
        "Bitte bestätigen Sie mir auch den Eingang dieses Schreibens.",
        "Mit freundlichen Grüßen",
    ] {
        assert!(
            text.contains(expected),
            "LibreOffice text lacks {expected:?}:\n{text}"
        );
    }
    let pdf = dir.path().join("antwort.pdf");
    let output = Process::new(pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let pdf_text = String::from_utf8_lossy(&output.stdout);
    assert!(pdf_text.contains("Sie schreiben:"), "{pdf_text}");
}
