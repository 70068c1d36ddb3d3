//! OCR: scans and phone photos of letters made by LibreOffice (scripts/make_scans.py)
//! must find what the letters' text finds, lawful letters must stay quiet, and a
//! missing Tesseract, `--ocr never` and the OCR cache must behave as documented.
//!
//! The tests that start Tesseract are `#[ignore]`d (run them with
//! `cargo test -- --include-ignored`, as .ci/run does); under CI=true a missing tool
//! fails them, elsewhere they say that they were skipped.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{check_json, formlos, in_ci, output, repo_path, rule_ids, rules_and_pages, which};

const TESSERACT_PACKAGES: &str = "tesseract-ocr tesseract-ocr-deu tesseract-ocr-osd";
const INSTALL: &str = "sudo apt-get install tesseract-ocr tesseract-ocr-deu tesseract-ocr-osd";

/// The time budget per file (`--file-timeout`) of every test that starts Tesseract. The
/// default of 60 s is meant for the release build; CI runs the debug build, whose
/// pre-processing is slower, with the OCR tests side by side on two cores.
const OCR_TIMEOUT: &str = "900";

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// Whether the OCR tools are here: in CI they must be, elsewhere a missing one skips
/// the test, saying so.
fn ocr_tools() -> bool {
    for tool in ["tesseract", "pdftoppm"] {
        if which(tool).is_none() {
            assert!(
                !in_ci(),
                "CI=true but {tool} is missing; .ci/run installs {TESSERACT_PACKAGES} poppler-utils"
            );
            eprintln!("SKIPPED: {tool} is missing (install: {INSTALL} poppler-utils)");
            return false;
        }
    }
    true
}

/// The scans written by scripts/make_scans.py, made once per test run.
fn scans() -> Option<&'static Path> {
    static SCANS: OnceLock<Option<PathBuf>> = OnceLock::new();
    SCANS
        .get_or_init(|| {
            common::generated(
                "make_scans.py",
                &[],
                repo_path("target/scans"),
                "apt-get install libreoffice-writer-nogui poppler-utils; pip install pillow numpy opencv-python-headless",
            )
        })
        .as_deref()
}

/// The rules (with context) found in each file, by file name.
fn rules_by_file(json: &serde_json::Value) -> BTreeMap<String, Vec<(String, String)>> {
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for file in json["files"].as_array().into_iter().flatten() {
        let name = file_name(file["path"].as_str().unwrap_or_default());
        assert_eq!(file["status"], "ok", "{name}: {}", file["error"]);
        found.entry(name).or_default();
    }
    for finding in json["findings"].as_array().into_iter().flatten() {
        found
            .entry(file_name(finding["path"].as_str().unwrap_or_default()))
            .or_default()
            .push((
                finding["rule"].as_str().unwrap_or_default().to_string(),
                finding["context"].as_str().unwrap_or_default().to_string(),
            ));
    }
    for rules in found.values_mut() {
        rules.sort();
    }
    found
}

#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd), poppler-utils, LibreOffice and Pillow/numpy/opencv; run with --include-ignored (.ci/run does)"]
fn scans_and_photos_find_what_their_text_finds() {
    if !ocr_tools() {
        return;
    }
    let Some(dir) = scans() else {
        return;
    };
    let (_, json) = check_json(
        &[
            &dir.to_string_lossy(),
            "--exclude",
            "stamp",
            // The turned pages have tests of their own.
            "--exclude",
            "turned",
            "--file-timeout",
            OCR_TIMEOUT,
        ],
        None,
    );
    let found = rules_by_file(&json);
    // 3 two-page letters as 200 dpi scans (one also as a two-page TIFF), 8 one-page
    // letters as 300 dpi PNGs and phone photos, each beside its text.
    assert_eq!(found.len(), 3 * 2 + 1 + 8 * 3, "{:?}", found.keys());
    let (mut expected_total, mut matched_total) = (0, 0);
    for (name, rules) in &found {
        let Some((letter, kind)) = name.split_once('.') else {
            continue;
        };
        if kind == "txt" {
            continue;
        }
        let expected = &found[&format!("{letter}.txt")];
        let mut unmatched = expected.clone();
        let matched = rules
            .iter()
            .filter(|rule| match unmatched.iter().position(|e| e == *rule) {
                Some(index) => {
                    unmatched.remove(index);
                    true
                }
                None => false,
            })
            .count();
        expected_total += expected.len();
        matched_total += matched;
        let direct = |rules: &[(String, String)]| rules.iter().filter(|r| r.1 == "direct").count();
        if letter.starts_with("lawful") {
            assert!(
                direct(rules) <= direct(expected),
                "{name}: false alarms {rules:?} (text: {expected:?})"
            );
        }
        eprintln!("{name}: {rules:?} (text: {expected:?})");
    }
    let share = matched_total as f64 / expected_total as f64;
    eprintln!(
        "OCR found {matched_total} of {expected_total} findings of the text ({:.1} %)",
        share * 100.0
    );
    assert!(share >= 0.95, "{matched_total} of {expected_total}");
    // Exact rules on named letters of every kind of scan.
    let rules = |name: &str| -> Vec<&str> { found[name].iter().map(|r| r.0.as_str()).collect() };
    assert_eq!(
        rules("libreoffice-540-0.scan200.pdf"),
        ["FL101", "FL201", "FL901"]
    );
    assert_eq!(
        rules("auto-reply-portal-only.photo.jpg"),
        ["FL101", "FL201"]
    );
    assert_eq!(rules("email-attachments-refused.scan300.png"), ["FL901"]);
    assert_eq!(
        rules("libreoffice-540-3.scan.tif"),
        rules("libreoffice-540-3.txt")
    );
    assert_eq!(rules("lawful-elterngeld.photo.jpg"), Vec::<&str>::new());
    // Findings from OCR carry the page, the words' boxes and a confidence that
    // includes the recognition's.
    for finding in json["findings"].as_array().into_iter().flatten() {
        let name = file_name(finding["path"].as_str().unwrap_or_default());
        if name.ends_with(".txt") {
            assert!(finding["location"].get("ocr").is_none(), "{name}");
            continue;
        }
        let location = &finding["location"];
        assert!(location["page"].as_u64().is_some(), "{name}: {location}");
        let ocr = &location["ocr"];
        let confidence = ocr["confidence"].as_f64().unwrap_or(0.0);
        assert!(confidence > 0.5 && confidence <= 1.0, "{name}: {ocr}");
        let words = ocr["words"].as_array().cloned().unwrap_or_default();
        assert!(!words.is_empty(), "{name}: {ocr}");
        for word in &words {
            for key in ["page", "left", "top", "width", "height", "confidence"] {
                assert!(word[key].is_number(), "{name}: {word}");
            }
        }
        assert!(
            finding["confidence"].as_f64().unwrap_or(1.0) < 1.0,
            "{name}: {finding}"
        );
    }
    // The two-page scans: the violation runs across the page break, and is found on
    // the page it starts on.
    let pages: Vec<u64> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| file_name(f["path"].as_str().unwrap_or_default()).ends_with(".scan200.pdf"))
        .filter_map(|f| f["location"]["page"].as_u64())
        .collect();
    assert!(pages.contains(&1) && pages.contains(&2), "{pages:?}");

    // The person reading the output is told that the text came from OCR.
    let photo = dir.join("auto-reply-portal-only.photo.jpg");
    for (lang, says) in [
        ("de", "Text aus Texterkennung (OCR)"),
        ("en", "text from OCR"),
    ] {
        let output = output(
            formlos()
                .args(["check", "--file-timeout", OCR_TIMEOUT, "--lang", lang])
                .arg(&photo),
        );
        let human = String::from_utf8_lossy(&output.stdout);
        assert!(human.contains(says), "{lang}: {human}");
    }
    // `formlos text` marks the unit with its OCR confidence.
    let output = output(
        formlos()
            .args(["text", "--file-timeout", OCR_TIMEOUT])
            .arg(&photo),
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        regex::Regex::new(r"--- Einheit 1 · OCR \d+ % ---")
            .is_ok_and(|marker| marker.is_match(&text)),
        "{text}"
    );
    assert!(text.contains("ausschließlich"), "{text}");
}

/// The rules found in `turned/NAME.KIND` of the scans and in `NAME.txt`, and the
/// findings of the turned page.
fn turned_page_and_text(
    dir: &Path,
    name: &str,
    kind: &str,
) -> (Vec<String>, Vec<String>, serde_json::Value) {
    let page = dir.join("turned").join(format!("{name}.{kind}"));
    let text = dir.join(format!("{name}.txt"));
    let (_, json) = check_json(
        &["--file-timeout", OCR_TIMEOUT, &page.to_string_lossy()],
        None,
    );
    assert_eq!(json["files"][0]["status"], "ok", "{json}");
    let (_, text_json) = check_json(&[&text.to_string_lossy()], None);
    (rule_ids(&json), rule_ids(&text_json), json)
}

#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd), LibreOffice and Pillow/numpy/opencv; run with --include-ignored (.ci/run does)"]
fn a_phone_photo_stored_sideways_with_exif_orientation_finds_what_its_text_finds() {
    if !ocr_tools() {
        return;
    }
    let Some(dir) = scans() else {
        return;
    };
    // Stored a quarter turn counter-clockwise with EXIF Orientation 6, as a phone held
    // upright writes it: read upright, it finds the rules of its text.
    let (photo, text, json) =
        turned_page_and_text(dir, "auto-reply-portal-only", "photo-exif6.jpg");
    assert_eq!(text, ["FL101", "FL201"]);
    assert_eq!(photo, text, "{json}");
    // The word boxes are on the picture as it is shown, upright: nearly all of them
    // wider than high (on the stored pixels they would stand on end).
    let boxes: Vec<(u64, u64)> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|finding| {
            finding["location"]["ocr"]["words"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|word| {
            (
                word["width"].as_u64().unwrap_or(0),
                word["height"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let lying = boxes
        .iter()
        .filter(|(width, height)| width > height)
        .count();
    assert!(
        !boxes.is_empty() && lying * 4 >= boxes.len() * 3,
        "{boxes:?}"
    );
}

#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd), LibreOffice and Pillow/numpy/opencv; run with --include-ignored (.ci/run does)"]
fn a_scan_of_a_page_lying_on_its_side_is_turned_upright_and_finds_what_its_text_finds() {
    if !ocr_tools() {
        return;
    }
    let Some(dir) = scans() else {
        return;
    };
    // No tag says that the page lies on its side: Tesseract's orientation detection
    // (the osd model) finds it, and the page is read again upright.
    let (scan, text, json) =
        turned_page_and_text(dir, "email-attachments-refused", "scan300-sideways.png");
    assert_eq!(text, ["FL901"]);
    assert_eq!(scan, text, "{json}");
}

#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd) and poppler-utils; run with --include-ignored (.ci/run does)"]
fn ocr_always_reads_a_text_pdf_from_its_pixels() {
    if !ocr_tools() {
        return;
    }
    let letter = repo_path("fixtures/documents/letter-two-pages.pdf");
    let (code, json) = check_json(
        &[
            "--ocr",
            "always",
            "--file-timeout",
            OCR_TIMEOUT,
            &letter.to_string_lossy(),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(
        rules_and_pages(&json),
        [("FL101".to_string(), 1), ("FL201".to_string(), 2)]
    );
    for finding in json["findings"].as_array().into_iter().flatten() {
        assert!(finding["location"]["ocr"].is_object(), "{finding}");
    }
}

/// A mail with `attachments` (file name, content type, bytes), base64-encoded.
fn mail_with(attachments: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    use base64::Engine;
    let mut mail = String::from(
        "From: Beratungsstelle <rat@example.org>\nTo: team@example.org\nSubject: Post von Frau Beispiel\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"grenze\"\n\n--grenze\nContent-Type: text/plain; charset=utf-8\n\nAnbei die Briefe, die Frau Beispiel mitgebracht hat.\n",
    );
    for (name, content_type, bytes) in attachments {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        mail.push_str(&format!(
            "--grenze\nContent-Type: {content_type}\nContent-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n"
        ));
        for line in encoded.as_bytes().chunks(76) {
            mail.push_str(&String::from_utf8_lossy(line));
            mail.push('\n');
        }
    }
    mail.push_str("--grenze--\n");
    mail.into_bytes()
}

#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd), poppler-utils, LibreOffice and Pillow/numpy/opencv; run with --include-ignored (.ci/run does)"]
fn scans_and_photos_attached_to_a_mail_are_read_unless_ocr_is_off() {
    if !ocr_tools() {
        return;
    }
    let Some(dir) = scans() else {
        return;
    };
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mail = work.path().join("post.eml");
    std::fs::write(
        &mail,
        mail_with(&[
            (
                "foto.jpg",
                "image/jpeg",
                read("auto-reply-portal-only.photo.jpg"),
            ),
            (
                "bescheid.pdf",
                "application/pdf",
                read("libreoffice-540-0.scan200.pdf"),
            ),
            // A logo is not a page: it is not recognized.
            ("logo.png", "image/png", BLANK_PNG.to_vec()),
        ]),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mail = mail.to_string_lossy();
    let (code, json) = check_json(&["--file-timeout", OCR_TIMEOUT, &mail], None);
    assert_eq!(code, 1, "{json}");
    let found: Vec<(u64, String, String, bool)> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let location = &f["location"];
            (
                location["attachment"].as_u64().unwrap_or(0),
                location["attachment_name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                location["ocr"].is_object(),
            )
        })
        .collect();
    let expected = |attachment: u64, name: &str, rules: &[&str]| {
        rules
            .iter()
            .map(|rule| (attachment, name.to_string(), rule.to_string(), true))
            .collect::<Vec<_>>()
    };
    let mut wanted = expected(1, "foto.jpg", &["FL101", "FL201"]);
    wanted.extend(expected(2, "bescheid.pdf", &["FL101", "FL201", "FL901"]));
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(sorted, wanted, "{json}");
    // With OCR switched off the attachments stay unread, and the mail is still checked.
    let (code, json) = check_json(&["--ocr", "never", &mail], None);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["files"][0]["status"], "ok");
    assert!(rule_ids(&json).is_empty(), "{json}");
}

/// A file's permission bits.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(unix)]
#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd), LibreOffice and Pillow/numpy/opencv; run with --include-ignored (.ci/run does)"]
fn the_ocr_cache_is_private_serves_a_second_run_and_is_not_written_under_redact() {
    if !ocr_tools() {
        return;
    }
    let Some(dir) = scans() else {
        return;
    };
    let scan = dir.join("email-attachments-refused.scan300.png");
    let scan = scan.to_string_lossy();
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cache = work.path().join("cache");
    let cache_arg = cache.to_string_lossy();
    let rules = rule_ids;
    let (code, first) = check_json(
        &[
            "--file-timeout",
            OCR_TIMEOUT,
            "--ocr-cache",
            &cache_arg,
            &scan,
        ],
        None,
    );
    assert_eq!((code, rules(&first)), (1, vec!["FL901".to_string()]));
    assert_eq!(mode(&cache), 0o700);
    let entries: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|entry| entry.path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(mode(&entries[0]), 0o600);
    // A second run reads the cache: it needs no Tesseract.
    let empty = work.path().join("no-programs");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    let output = output(formlos().env("PATH", &empty).args([
        "check",
        "--format",
        "json",
        "--ocr-cache",
        &cache_arg,
        &scan,
    ]));
    let second: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rules(&second), rules(&first));
    assert_eq!(
        second["findings"][0]["location"],
        first["findings"][0]["location"]
    );
    // With --redact nothing is written.
    let redacted = work.path().join("redacted");
    let redacted_arg = redacted.to_string_lossy();
    let (code, json) = check_json(
        &[
            "--file-timeout",
            OCR_TIMEOUT,
            "--redact",
            "--ocr-cache",
            &redacted_arg,
            &scan,
        ],
        None,
    );
    assert_eq!((code, rules(&json)), (1, vec!["FL901".to_string()]));
    let written = std::fs::read_dir(&redacted)
        .map(|entries| entries.count())
        .unwrap_or(0);
    assert_eq!(written, 0);
}

/// The eight bytes every PNG starts with, and a little more: enough to be taken for
/// an image, not enough to be decoded.
const PNG_HEAD: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[test]
fn a_missing_tesseract_is_an_error_of_that_file_with_the_install_command() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let photo = work.path().join("brief.jpg");
    std::fs::write(&photo, PNG_HEAD).unwrap_or_else(|e| panic!("{e}"));
    let letter = work.path().join("brief.txt");
    std::fs::write(
        &letter,
        "Anfragen per E-Mail werden ab dem 1. Oktober nicht mehr bearbeitet.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let scan = repo_path("fixtures/broken/scan-without-text.pdf");
    let empty = work.path().join("no-programs");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    let output = output(
        formlos()
            .env("PATH", &empty)
            .args(["check", "--format", "json"])
            .arg(work.path().join("brief.jpg"))
            .arg(&letter)
            .arg(&scan),
    );
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let files: BTreeMap<String, (String, String)> = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|file| {
            (
                file_name(file["path"].as_str().unwrap_or_default()),
                (
                    file["status"].as_str().unwrap_or_default().to_string(),
                    file["error"].as_str().unwrap_or_default().to_string(),
                ),
            )
        })
        .collect();
    let (status, error) = &files["brief.jpg"];
    assert_eq!(status, "error");
    assert!(
        error.contains("tesseract") && error.contains(&format!("`{INSTALL}`")),
        "{error}"
    );
    let (status, error) = &files["scan-without-text.pdf"];
    assert_eq!(status, "error");
    assert!(
        error.contains("`sudo apt-get install poppler-utils`"),
        "{error}"
    );
    // The run went on: the text letter was checked.
    assert_eq!(files["brief.txt"].0, "ok");
    assert_eq!(json["findings"][0]["rule"], "FL101");
}

#[test]
fn ocr_never_leaves_images_and_scans_unread() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let photo = work.path().join("foto.png");
    std::fs::write(&photo, PNG_HEAD).unwrap_or_else(|e| panic!("{e}"));
    let scan = repo_path("fixtures/broken/scan-without-text.pdf");
    for (lang, image_says, scan_says) in [
        ("de", "Texterkennung ausgeschaltet", "ocrmypdf"),
        ("en", "OCR is switched off", "ocrmypdf"),
    ] {
        let output = output(
            formlos()
                .args(["check", "--ocr", "never", "--lang", lang])
                .arg(&photo)
                .arg(&scan),
        );
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let line = |file: &str| {
            stderr
                .lines()
                .find(|line| line.contains(file))
                .unwrap_or_default()
                .to_string()
        };
        assert!(line("foto.png").contains(image_says), "{stderr}");
        assert!(
            line("scan-without-text.pdf").contains(scan_says),
            "{stderr}"
        );
    }
    // `formlos text` says the same.
    let output = output(formlos().args(["text", "--ocr", "never"]).arg(&photo));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("[image]") && text.contains("Texterkennung ausgeschaltet"),
        "{text}"
    );
}

/// A white 64×64 PNG: a picture without text.
const BLANK_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x40\x00\x00\x00\x40\x08\x00\x00\x00\x00\x8f\x02\x2e\x02\x00\x00\x00\x2b\x49\x44\x41\x54\x78\xda\xed\xcc\x31\x11\x00\x00\x08\x04\xa0\xd7\xfe\x9d\x35\x84\x9b\x07\x01\xa8\xc9\x4d\x47\x20\x10\x08\x04\x02\x81\x40\x20\x10\x08\x04\x02\xc1\xf3\x60\x01\x50\x2d\x01\x7f\x38\x9f\x3e\xdb\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

#[test]
#[ignore = "needs tesseract (tesseract-ocr, -deu, -osd); run with --include-ignored (.ci/run does)"]
fn a_picture_without_text_is_skipped_in_a_folder_and_an_error_when_named() {
    if !ocr_tools() {
        return;
    }
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let logo = work.path().join("logo.png");
    std::fs::write(&logo, BLANK_PNG).unwrap_or_else(|e| panic!("{e}"));
    let (code, json) = check_json(
        &[
            "--file-timeout",
            OCR_TIMEOUT,
            &work.path().to_string_lossy(),
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(json["files"][0]["status"], "skipped");
    let (code, json) = check_json(
        &["--file-timeout", OCR_TIMEOUT, &logo.to_string_lossy()],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(json["files"][0]["status"], "error");
    assert!(
        json["files"][0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("fand keinen Text")),
        "{}",
        json["files"][0]
    );
}

/// In CI the OCR tools are part of the test suite.
#[test]
fn ocr_tools_are_installed_in_ci() {
    for tool in ["tesseract", "pdftoppm"] {
        assert!(
            !in_ci() || which(tool).is_some(),
            "CI=true but {tool} is missing; .ci/run installs {TESSERACT_PACKAGES} poppler-utils"
        );
    }
    if in_ci() {
        let output = std::process::Command::new("tesseract")
            .arg("--list-langs")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let langs = String::from_utf8_lossy(&output.stdout);
        assert!(
            langs.lines().any(|l| l == "deu") && langs.lines().any(|l| l == "osd"),
            "{langs}"
        );
    }
}
