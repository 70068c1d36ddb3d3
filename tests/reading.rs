//! Reading the letters people hold: page furniture and page breaks, paragraphs in every
//! format, mail alternatives, `formlos text`, places in the output, content sniffing,
//! PDF form fields, and archives split over machines (`--files-from`, `--shard`).

mod common;

use std::io::Write;
use std::path::Path;

use common::{check_json, formlos, repo_path};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path.to_string_lossy().into_owned()
}

fn stdout_of(args: &[&str]) -> (i32, String) {
    let output = formlos()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// (rule, line, page, sentence) of every finding.
fn findings(json: &serde_json::Value) -> Vec<(String, u64, Option<u64>, String)> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["location"]["page"].as_u64(),
                f["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// A letter as pdftotext writes it: a form feed between pages, the footer and page
/// number on every page, and the violation running on to page two.
const PAGED: &str = "Jobcenter Musterstadt\n\nAnfragen per E-Mail werden ab dem\nJobcenter Musterstadt · info@jobcenter-ge.de\nSeite 1 von 2\n\u{c}1. Oktober nicht mehr bearbeitet.\nJobcenter Musterstadt · info@jobcenter-ge.de\nSeite 2 von 2\n";

#[test]
fn a_sentence_across_a_page_break_is_found_on_the_page_it_starts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "brief.txt", PAGED.as_bytes());
    let (code, json) = check_json(&[&path], None);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [(
            "FL101".to_string(),
            3,
            Some(1),
            "Anfragen per E-Mail werden ab dem 1. Oktober nicht mehr bearbeitet.".to_string()
        )]
    );
}

#[test]
fn text_shows_units_paragraphs_pages_and_the_furniture_left_out() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "brief.txt", PAGED.as_bytes());
    let (code, human) = stdout_of(&["text", &path]);
    assert_eq!(code, 0);
    assert_eq!(
        human,
        format!(
            "=== {path} [text] ===\n--- Einheit 1 ---\n[Absatz 1 · Zeile 1 · Seite 1]\nJobcenter Musterstadt\n\n[Absatz 2 · Zeile 3 · Seite 1–2]\nAnfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet.\n\n--- außerhalb des Textflusses, nur als Beleg (Kopf- und Fußzeilen, Seitenzahlen, Absender) ---\nJobcenter Musterstadt · info@jobcenter-ge.de\nSeite 1 von 2\nJobcenter Musterstadt · info@jobcenter-ge.de\nSeite 2 von 2\n\n"
        )
    );
    let (code, json) = stdout_of(&["text", "--format", "json", &path]);
    assert_eq!(code, 0);
    let json: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let paragraph = &json["files"][0]["units"][0]["paragraphs"][1];
    assert_eq!(paragraph["pages"], serde_json::json!([1, 2]));
    assert_eq!(paragraph["line"], 3);
    assert_eq!(
        paragraph["sentences"][0]["text"],
        "Anfragen per E-Mail werden ab dem\n1. Oktober nicht mehr bearbeitet."
    );
    assert_eq!(
        json["files"][0]["units"][0]["ocr_confidence"],
        serde_json::Value::Null
    );
    let (code, _) = stdout_of(&["text", "fehlt.txt"]);
    assert_eq!(code, 2);
}

/// A Word file written by hand: a two-column letterhead table with the agency's e-mail
/// address, then the body.
fn letterhead_docx(path: &Path) {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Jobcenter Musterstadt</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>E-Mail: info@jobcenter-ge.de</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>Sehr geehrte Frau Muster,</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Bitte beachten Sie Folgendes. </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Anhänge werden grundsätzlich nicht geöffnet.</w:t></w:r></w:p></w:body></w:document>"#;
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", body),
    ] {
        zip.start_file(name, options)
            .unwrap_or_else(|e| panic!("{e}"));
        zip.write_all(data.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn an_address_in_a_word_letterhead_does_not_excuse_the_body_and_places_say_absatz() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("brief.docx");
    letterhead_docx(&path);
    let path = path.to_string_lossy().into_owned();
    let (_, json) = check_json(&[&path], None);
    assert_eq!(
        findings(&json),
        [(
            "FL901".to_string(),
            4,
            None,
            "Anhänge werden grundsätzlich nicht geöffnet.".to_string()
        )]
    );
    let location = &json["findings"][0]["location"];
    assert_eq!(location["paragraph"], 4);
    assert_eq!(location["line_is"], "paragraph");
    let (_, human) = stdout_of(&["check", "--color", "never", &path]);
    assert!(
        human.contains(&format!("= {path}, Absatz 4, Zeichen 31\n")),
        "{human}"
    );
    assert!(!human.contains("E-Mail-Teil"), "{human}");
    assert!(!human.contains(&format!("{path}:4:")), "{human}");
}

#[test]
fn mbox_findings_name_message_date_and_subject() {
    let mbox = repo_path("fixtures/renditions/jobcenter-email.mbox");
    let (_, human) = stdout_of(&["check", "--color", "never", &mbox.to_string_lossy()]);
    assert!(
        human.contains("= Nachricht 1 vom 2026-09-21, Betreff „Ihre Nachricht vom 3. März“; E-Mail-Teil 1 text/plain; Zeilen im dekodierten Teil\n"),
        "{human}"
    );
}

#[test]
fn a_text_file_called_pdf_is_read_as_text() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(
        dir.path(),
        "brief.pdf",
        "Sehr geehrte Frau Muster,\n\nFaxe werden ab dem 1. Januar nicht mehr angenommen.\n"
            .as_bytes(),
    );
    let (code, json) = check_json(&[&path], None);
    assert_eq!(code, 1);
    assert_eq!(json["files"][0]["format"], "text");
    assert_eq!(json["files"][0]["status"], "ok");
    assert_eq!(
        findings(&json),
        [(
            "FL601".to_string(),
            3,
            None,
            "Faxe werden ab dem 1. Januar nicht mehr angenommen.".to_string()
        )]
    );
}

/// A one-page PDF whose form field holds the restriction: written object by object
/// with a correct cross-reference table.
fn form_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [5 0 R] >>",
        "<< /Length 44 >>\nstream\nBT /F1 11 Tf 56 780 Td (Antwortbogen) Tj ET\nendstream",
        "<< /FT /Tx /T (Bemerkung) /V (Faxe werden ab dem 1. Januar nicht mehr angenommen.) /Subtype /Widget /Rect [56 700 500 720] /P 3 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

#[test]
fn pdf_form_field_values_are_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "antwort.pdf", &form_pdf());
    let (code, json) = check_json(&[&path], None);
    assert_eq!(code, 1, "{json}");
    assert_eq!(
        findings(&json),
        [(
            "FL601".to_string(),
            1,
            None,
            "Faxe werden ab dem 1. Januar nicht mehr angenommen.".to_string()
        )]
    );
    assert_eq!(json["findings"][0]["location"]["part"], "form_fields");
}

fn mail(plain: &str, html: &str) -> String {
    format!(
        "From: Jobcenter <info@jobcenter-ge.de>\nSubject: Ihre Anfrage\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n--b\nContent-Type: text/html; charset=utf-8\n\n<html><body>{html}</body></html>\n--b--\n"
    )
}

#[test]
fn mail_alternatives_stub_and_different_texts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let html = "<p>Sehr geehrte Frau Muster,</p><p>vielen Dank für Ihre Nachricht. Faxe werden ab dem 1. Januar nicht mehr angenommen.</p><p>Mit freundlichen Grüßen</p>";
    let stub = write(
        dir.path(),
        "stub.eml",
        mail(
            "Diese Nachricht enthält HTML. Bitte öffnen Sie sie in einem Programm, das HTML anzeigt.",
            html,
        )
        .as_bytes(),
    );
    let (_, json) = check_json(&[&stub], None);
    let rules: Vec<String> = findings(&json).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["FL601"]);
    assert_eq!(json["findings"][0]["location"]["content_type"], "text/html");
    let different = write(
        dir.path(),
        "different.eml",
        mail(
            "Sehr geehrte Frau Muster,\n\nvielen Dank für Ihre Nachricht. Faxe werden ab dem 1. Januar nicht mehr angenommen. Anfragen per E-Mail werden nicht mehr bearbeitet.\n\nMit freundlichen Grüßen",
            html,
        )
        .as_bytes(),
    );
    let (_, json) = check_json(&[&different], None);
    let found: Vec<(String, String)> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["location"]["content_type"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("FL601".to_string(), "text/plain".to_string()),
            ("FL101".to_string(), "text/plain".to_string())
        ]
    );
}

#[test]
fn files_from_lists_and_shards_split_an_archive_exactly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<String> = (1..=9)
        .map(|n| {
            write(
                dir.path(),
                &format!("brief {n}.txt"),
                format!(
                    "Schreiben {n}.\n\nFaxe werden ab dem {n}. Januar nicht mehr angenommen.\n"
                )
                .as_bytes(),
            )
        })
        .collect();
    let nul_list = write(dir.path(), "liste0", paths.join("\0").as_bytes());
    let line_list = write(
        dir.path(),
        "liste.txt",
        (paths.join("\n") + "\n").as_bytes(),
    );
    let lines = |args: &[&str]| -> Vec<String> {
        let (_, out) = stdout_of(args);
        let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let all = lines(&["check", "--format", "jsonl", "--files-from", &nul_list]);
    assert_eq!(all.len(), 9);
    assert_eq!(
        lines(&["check", "--format", "jsonl", "--files-from", &line_list]),
        all
    );
    let mut concatenated = Vec::new();
    for share in 1..=3 {
        let shard = format!("{share}/3");
        let part = lines(&[
            "check",
            "--format",
            "jsonl",
            "--files-from",
            &line_list,
            "--shard",
            &shard,
        ]);
        concatenated.extend(part);
    }
    concatenated.sort();
    assert_eq!(concatenated, all);
    let (code, _) = stdout_of(&["check", "--shard", "4/3", &paths[0]]);
    assert_eq!(code, 2);
}

/// A forum post in Markdown that quotes the agency's letter in a block quote: the quoted
/// sentence is the agency's, not the writer's, and keeps its position in the file.
#[test]
fn markdown_block_quotes_are_quoted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let post = "**Forum** · Krankengeld\n\nGestern kam ein Brief, da steht drin:\n\n> Telefonische Anträge können wir leider nicht annehmen.\n\nDarf die Kasse das?\n";
    let path = write(dir.path(), "post.md", post.as_bytes());
    let (code, json) = check_json(&[&path], None);
    assert_eq!(code, 0, "a quoted finding is info only");
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "FL301");
    assert_eq!(finding["context"], "quoted");
    assert_eq!(finding["line"], 5);
    assert_eq!(finding["column"], 3);
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(1));
}
