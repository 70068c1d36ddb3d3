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
