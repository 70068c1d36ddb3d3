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
