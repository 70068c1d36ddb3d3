//! Runs the binary over fixtures/documents and compares every finding with
//! fixtures/expected.yaml: rule, line, column and context, nothing more, nothing less.

mod common;

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    documents: BTreeMap<String, Document>,
}

#[derive(Deserialize)]
struct Document {
    kind: String,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    findings: Vec<Finding>,
}

#[derive(Deserialize)]
struct Finding {
    rule: String,
    line: u64,
    column: u64,
    context: String,
}

fn expected() -> Expected {
    let text = std::fs::read_to_string(common::repo_path("fixtures/expected.yaml"))
        .unwrap_or_else(|e| panic!("fixtures/expected.yaml: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("fixtures/expected.yaml: {e}"))
}

#[test]
fn every_fixture_yields_exactly_the_expected_findings() {
    let expected = expected();
    let dir = common::repo_path("fixtures/documents");
    let dir_arg = dir.to_string_lossy().into_owned();
    let (code, json) = common::check_json(&[&dir_arg], None);
    assert_eq!(code, 1, "the fixtures contain violations");

    let mut actual: BTreeMap<String, Vec<common::FindingKey>> = BTreeMap::new();
    for file in json["files"].as_array().into_iter().flatten() {
        let path = file["path"].as_str().unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        assert_eq!(
            file["status"], "ok",
            "{name} was not checked: {}",
            file["error"]
        );
        actual.entry(name).or_default();
    }
    for finding in json["findings"].as_array().into_iter().flatten() {
        let path = finding["path"].as_str().unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        actual
            .entry(name)
            .or_default()
            .push(common::finding_key(finding));
    }

    let documents: Vec<&String> = expected.documents.keys().collect();
    let checked: Vec<&String> = actual.keys().collect();
    assert_eq!(
        documents, checked,
        "fixtures/expected.yaml must list every document"
    );
    for (name, document) in &expected.documents {
        let want: Vec<common::FindingKey> = document
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.line, f.column, f.context.clone()))
            .collect();
        assert_eq!(actual[name], want, "findings of {name}");
        let has_direct = want.iter().any(|f| f.3 == "direct");
        assert_eq!(document.kind == "lawful", !has_direct, "kind of {name}");
    }
}

#[test]
fn the_fixture_set_is_large_and_at_least_a_third_lawful() {
    let expected = expected();
    let total = expected.documents.len();
    let lawful = expected
        .documents
        .values()
        .filter(|d| d.kind == "lawful")
        .count();
    assert!(total >= 30, "{total} fixture documents");
    assert!(lawful * 3 >= total, "{lawful} of {total} lawful");
}
