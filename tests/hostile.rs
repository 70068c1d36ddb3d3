//! A folder of hostile files, made at test time: every file gets a status, the run
//! finishes with exit code 2, and no panic reaches the user.

mod common;

use std::io::Write;
use std::path::Path;

use common::{formlos, repo_path};

fn pseudo_random(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn zip_bomb() -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("word/document.xml", options)
        .unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..8 {
        writer
            .write_all(&vec![b' '; 1 << 20])
            .unwrap_or_else(|e| panic!("{e}"));
    }
    writer.finish().unwrap_or_else(|e| panic!("{e}"));
    buffer.into_inner()
}

fn nested_email(depth: usize) -> Vec<u8> {
    let mut message = String::from(
        "Subject: tief\nContent-Type: text/plain\n\nE-Mails werden nicht mehr bearbeitet.\n",
    );
    for level in 0..depth {
        message = format!(
            "Subject: Ebene {level}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b{level}\"\n\n--b{level}\nContent-Type: message/rfc822\n\n{message}\n--b{level}--\n"
        );
    }
    message.into_bytes()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn hostile_files_get_a_status_and_never_crash_the_run() {
    let dir = std::env::temp_dir().join(format!("formlos-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ordner.txt")).unwrap_or_else(|e| panic!("{e}"));
    write(
        &dir.join("ordner.txt"),
        "drin.txt",
        b"Faxe werden nicht mehr angenommen.\n",
    );
    let pdf = std::fs::read(repo_path("fixtures/documents/letter-two-pages.pdf"))
        .unwrap_or_else(|e| panic!("{e}"));
    write(&dir, "abgeschnitten.pdf", &pdf[..pdf.len() / 3]);
    write(&dir, "zufall.txt", &pseudo_random(7, 50_000));
    let mut high = pseudo_random(11, 20_000);
    high.iter_mut().for_each(|b| *b |= 0x80);
    write(&dir, "ungueltig-utf8.txt", &high);
    write(&dir, "kaputt.docx", b"PK\x03\x04 das ist kein Archiv");
    write(&dir, "bombe.docx", &zip_bomb());
    write(
        &dir,
        "zufall.eml",
        &pseudo_random(13, 30_000)
            .into_iter()
            .map(|b| b & 0x7f)
            .filter(|&b| b != 0)
            .collect::<Vec<_>>(),
    );
    write(&dir, "tief.eml", &nested_email(400));
    write(
        &dir,
        "lange-zeile.txt",
        "E-Mails werden nicht mehr bearbeitet und "
            .repeat(25_000)
            .as_bytes(),
    );
    write(
        &dir,
        "viele-saetze.txt",
        "E-Mails werden nicht mehr bearbeitet. "
            .repeat(3_000)
            .as_bytes(),
    );
    write(&dir, "leer.txt", b"");

    let output = formlos()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "a panic reached the user: {stderr}"
    );
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let statuses: Vec<(String, String)> = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            let name = Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            (name, f["status"].as_str().unwrap_or_default().to_string())
        })
        .collect();
    let status = |name: &str| {
        statuses
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.as_str())
    };
    assert_eq!(status("abgeschnitten.pdf"), Some("error"));
    assert_eq!(
        status("zufall.txt"),
        Some("skipped"),
        "NUL bytes: binary, skipped while walking"
    );
    assert_eq!(
        status("ungueltig-utf8.txt"),
        Some("ok"),
        "read as a legacy encoding"
    );
    assert_eq!(status("kaputt.docx"), Some("error"));
    assert_eq!(status("bombe.docx"), Some("error"));
    assert!(status("zufall.eml").is_some());
    assert_eq!(status("tief.eml"), Some("ok"));
    assert_eq!(status("lange-zeile.txt"), Some("ok"));
    assert_eq!(status("viele-saetze.txt"), Some("ok"));
    assert_eq!(
        status("leer.txt"),
        Some("skipped"),
        "an empty file has nothing to check, and says so"
    );
    assert_eq!(
        status("drin.txt"),
        Some("ok"),
        "a folder named like a file is walked"
    );
    let bomb = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("bombe.docx"))
        })
        .cloned()
        .unwrap_or_default();
    assert!(
        bomb["error"]
            .as_str()
            .is_some_and(|e| e.contains("Zip-Bomben")),
        "{bomb}"
    );
    let many = report["findings"].as_array().map(|f| {
        f.iter()
            .filter(|f| {
                f["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with("viele-saetze.txt"))
            })
            .count()
    });
    assert_eq!(many, Some(3_000));
}

/// Text in which every word is a trigger word, in sentences of 24 words: the most
/// costly text to check there is. About `bytes` long, whole sentences.
fn keyword_dense(bytes: usize) -> String {
    const WORDS: [&str; 12] = [
        "E-Mail",
        "nicht",
        "bearbeitet",
        "nur",
        "Antrag",
        "Portal",
        "ausschließlich",
        "Telefon",
        "Fax",
        "Termin",
        "Formular",
        "persönlich",
    ];
    let mut text = String::with_capacity(bytes + 256);
    let mut n = 0usize;
    while text.len() < bytes {
        for word in 0..24 {
            n = n.wrapping_mul(7).wrapping_add(word + 3) % 1009;
            text.push_str(WORDS[n % WORDS.len()]);
            text.push(if word == 23 { '.' } else { ' ' });
        }
        text.push(' ');
    }
    text
}

#[test]
fn a_file_over_its_time_budget_is_an_error_and_the_run_goes_on() {
    let dir = std::env::temp_dir().join(format!("formlos-budget-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    write(&dir, "dicht.txt", keyword_dense(2_000_000).as_bytes());
    write(&dir, "brief.txt", b"Faxe werden nicht mehr angenommen.\n");
    for (lang, message) in [
        (
            "de",
            "zu aufwendig zu prüfen: nach 1 s abgebrochen (2,0 MB), Funde verworfen; \
             bitte die Datei aufteilen oder mit `--file-timeout` mehr Zeit geben",
        ),
        (
            "en",
            "too costly to check: stopped after 1 s (2.0 MB), findings dropped; \
             split the file or allow more time with `--file-timeout`",
        ),
    ] {
        let started = std::time::Instant::now();
        let output = formlos()
            .args([
                "check",
                "--isolated",
                "--format",
                "json",
                "--file-timeout",
                "1",
            ])
            .args(["--lang", lang])
            .arg(&dir)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the budget did not stop the check: {:?}",
            started.elapsed()
        );
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        let report: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
        let files: Vec<(String, String, String)> = report["files"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                let name = Path::new(f["path"].as_str().unwrap_or_default())
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = |key: &str| f[key].as_str().unwrap_or_default().to_string();
                (name, text("status"), text("error"))
            })
            .collect();
        assert_eq!(
            files,
            [
                ("brief.txt".into(), "ok".into(), String::new()),
                ("dicht.txt".into(), "error".into(), message.to_string()),
            ]
        );
        let rules: Vec<(&str, &str)> = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["path"].as_str().unwrap_or_default(),
                    f["rule"].as_str().unwrap_or_default(),
                )
            })
            .map(|(path, rule)| (path.rsplit('/').next().unwrap_or_default(), rule))
            .collect();
        assert_eq!(rules, [("brief.txt", "FL601")], "partial findings dropped");
        assert!(stderr.contains(message), "{stderr}");
    }
}
