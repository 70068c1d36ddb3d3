//! The same letters in every format (fixtures/renditions/, made by
//! scripts/make_renditions.py): each rendition must yield the same rules on the same
//! sentences as the plain-text letter, and say where in its format the finding is.

mod common;

use std::collections::BTreeMap;

use common::{check_json, repo_path};

#[derive(Default)]
struct Rendition {
    /// (rule, context, sentence) of every finding.
    findings: Vec<(String, String, String)>,
    locations: Vec<serde_json::Value>,
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

#[test]
fn every_rendition_finds_what_the_text_finds() {
    let dir = repo_path("fixtures/renditions");
    let (_, json) = check_json(&[&dir.to_string_lossy()], None);
    let mut renditions: BTreeMap<String, Rendition> = BTreeMap::new();
    for file in json["files"].as_array().into_iter().flatten() {
        let name = file_name(file["path"].as_str().unwrap_or_default());
        assert_eq!(file["status"], "ok", "{name}: {}", file["error"]);
        renditions.entry(name).or_default();
    }
    for finding in json["findings"].as_array().into_iter().flatten() {
        let rendition = renditions
            .entry(file_name(finding["path"].as_str().unwrap_or_default()))
            .or_default();
        rendition.findings.push((
            finding["rule"].as_str().unwrap_or_default().to_string(),
            finding["context"].as_str().unwrap_or_default().to_string(),
            finding["text"].as_str().unwrap_or_default().to_string(),
        ));
        rendition.locations.push(finding["location"].clone());
    }
    assert_eq!(
        renditions.len(),
        20,
        "{:?}",
        renditions.keys().collect::<Vec<_>>()
    );
    for (name, rendition) in &renditions {
        let letter = name.split(['.', '-']).take(2).collect::<Vec<_>>().join("-");
        let expected = &renditions[&format!("{letter}.txt")].findings;
        assert!(expected.len() >= 2, "{letter} has findings");
        assert_eq!(&rendition.findings, expected, "{name}");
        let extension = name.rsplit('.').next().unwrap_or_default();
        for location in &rendition.locations {
            let has = |key: &str| location.get(key).is_some();
            match extension {
                "pdf" => assert_eq!(location["page"], 1, "{name}"),
                "eml" => assert!(
                    has("part") && has("from") && has("subject"),
                    "{name}: {location}"
                ),
                "mbox" => assert!(has("message") && has("part"), "{name}: {location}"),
                "docx" | "odt" => {
                    assert_eq!(location["line_is"], "paragraph", "{name}: {location}")
                }
                _ => assert!(has("offset"), "{name}: {location}"),
            }
        }
    }
}

/// Runs `scripts/make_renditions.py --produced DIR`. Without LibreOffice, pandoc or
/// fpdf2 the test fails under CI and is skipped, saying so, elsewhere.
fn produced_letters() -> Option<std::path::PathBuf> {
    common::generated(
        "make_renditions.py",
        &["--produced"],
        repo_path("target/renditions-produced"),
        "apt-get install libreoffice-writer-nogui pandoc; pip install fpdf2",
    )
}

#[test]
fn letters_made_by_libreoffice_pandoc_and_fpdf2_find_what_their_text_finds() {
    let Some(dir) = produced_letters() else {
        return;
    };
    let (_, json) = check_json(&[&dir.to_string_lossy(), "--exclude", "stamp"], None);
    let mut renditions: BTreeMap<String, Rendition> = BTreeMap::new();
    for file in json["files"].as_array().into_iter().flatten() {
        let name = file_name(file["path"].as_str().unwrap_or_default());
        assert_eq!(file["status"], "ok", "{name}: {}", file["error"]);
        renditions.entry(name).or_default();
    }
    for finding in json["findings"].as_array().into_iter().flatten() {
        let rendition = renditions
            .entry(file_name(finding["path"].as_str().unwrap_or_default()))
            .or_default();
        rendition.findings.push((
            finding["rule"].as_str().unwrap_or_default().to_string(),
            finding["context"].as_str().unwrap_or_default().to_string(),
            finding["text"].as_str().unwrap_or_default().to_string(),
        ));
        rendition.locations.push(finding["location"].clone());
    }
    // 7 LibreOffice letters in 4 formats, 5 pandoc letters in 5, 5 fpdf2 letters in 1,
    // each beside its plain text.
    assert_eq!(renditions.len(), 7 * 5 + 5 * 6 + 5 * 2);
    for (name, rendition) in &renditions {
        let letter = name.split('.').next().unwrap_or_default();
        let mut expected = renditions[&format!("{letter}.txt")].findings.clone();
        let rules: Vec<&str> = expected.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(rules, ["FL101", "FL201", "FL901"], "{letter}.txt");
        let mut found = rendition.findings.clone();
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "{name}");
        for location in &rendition.locations {
            match name.rsplit('.').next().unwrap_or_default() {
                "pdf" => assert!(location["page"].as_u64().is_some(), "{name}: {location}"),
                "docx" | "odt" => assert!(
                    location["paragraph"].as_u64().is_some(),
                    "{name}: {location}"
                ),
                _ => {}
            }
        }
    }
    // The violations really run across the page break, at different words.
    let mut across: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let output = common::formlos()
            .args(["text", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let sentences = text["files"][0]["units"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|unit| unit["paragraphs"].as_array().into_iter().flatten())
            .flat_map(|paragraph| paragraph["sentences"].as_array().into_iter().flatten());
        for sentence in sentences {
            let pages = &sentence["pages"];
            let words = sentence["text"].as_str().unwrap_or_default();
            if pages[0] != pages[1]
                && (words.starts_with("Anfragen per E-Mail") || words.starts_with("Unterlagen"))
            {
                across.push(file_name(&path.to_string_lossy()));
            }
        }
    }
    for producer in ["libreoffice", "pandoc", "fpdf"] {
        let count = across
            .iter()
            .filter(|name| name.starts_with(producer))
            .count();
        assert!(count >= 3, "{producer}: {across:?}");
    }
}
