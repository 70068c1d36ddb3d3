//! `--format sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub code
//! scanning, GitLab, Azure DevOps). Every rule is described in the tool driver with its
//! norms; results carry regions, fingerprints and, where a rule has a lawful
//! replacement, `fixes`. Columns count Unicode code points (`columnKind`), as formlos
//! does everywhere.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::{FileStatus, Finding, RenderContext, RunReport};
use crate::i18n::{Lang, t};
use crate::rules::meta::{META_FAMILY, META_RULES};
use crate::rules::{Rule, Severity, compare_ids};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id that relative paths are resolved against: the folder formlos ran in.
const SOURCE_ROOT: &str = "SRCROOT";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF messages are sentences: they end with a full stop (SARIF2001).
fn sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    }
}

/// `email-not-processed` -> `EmailNotProcessed`: SARIF's friendly rule names are Pascal
/// identifiers (SARIF2012).
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// Percent-encodes a path for a URI: everything but unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char);
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The artifact location of a reported path: relative to the source root, or a file URI.
fn artifact_location(path: &str) -> Value {
    let relative = path.strip_prefix("./").unwrap_or(path);
    if Path::new(relative).is_absolute() {
        json!({ "uri": format!("file://{}", encode_path(relative)) })
    } else {
        json!({ "uri": encode_path(relative), "uriBaseId": SOURCE_ROOT })
    }
}

fn rule_descriptor(rule: &Rule, lang: Lang) -> Value {
    let spec = &rule.spec;
    let norms: Vec<String> = spec
        .law
        .iter()
        .map(|norm| format!("{} ({})", norm.norm, norm.url))
        .collect();
    let norms_markdown: Vec<String> = spec
        .law
        .iter()
        .map(|norm| format!("[{}]({})", norm.norm, norm.url))
        .collect();
    let (law, instead) = (
        t(lang, "Rechtsgrundlage", "Law"),
        t(lang, "Stattdessen", "Instead"),
    );
    let explanation = sentence(spec.explanation.get(lang));
    let rewording = spec
        .rewording
        .get(lang)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    json!({
        "id": spec.id,
        "name": pascal(&spec.name),
        "shortDescription": { "text": sentence(spec.title.get(lang)) },
        "fullDescription": { "text": explanation },
        "help": {
            "text": format!("{explanation} {instead}: {rewording} {law}: {}.", norms.join("; ")),
            "markdown": format!("{explanation}\n\n**{instead}:** {rewording}\n\n**{law}:** {}", norms_markdown.join(", ")),
        },
        "helpUri": spec.law.first().map(|norm| norm.url.clone()),
        "defaultConfiguration": { "level": level(spec.severity) },
        "properties": {
            "family": rule.family,
            "law": spec.law.iter().map(|n| n.norm.clone()).collect::<Vec<_>>(),
            "tags": ["sgb", rule.family.as_str()],
        },
    })
}

fn meta_descriptors(lang: Lang) -> impl Iterator<Item = Value> {
    META_RULES.iter().map(move |meta| {
        json!({
            "id": meta.id,
            "name": pascal(meta.name),
            "shortDescription": { "text": sentence(meta.title(lang)) },
            "fullDescription": { "text": sentence(meta.help(lang)) },
            "help": { "text": sentence(meta.help(lang)) },
            "defaultConfiguration": { "level": "warning" },
            "properties": { "family": META_FAMILY },
        })
    })
}

fn region(line: usize, column: usize, end_line: usize, end_column: usize) -> Value {
    json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn result(finding: &Finding, rule_index: Option<usize>, lang: Lang) -> Value {
    let mut region = region(
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
    );
    let excerpt = &finding.excerpt;
    if let Some(snippet) = excerpt.text().get(excerpt.span()) {
        region["snippet"] = json!({ "text": snippet });
    }
    let context_lines = excerpt.text().lines().count().max(1);
    let context_region = json!({
        "startLine": excerpt.first_line,
        "endLine": excerpt.first_line + context_lines - 1,
        "snippet": { "text": excerpt.text() },
    });
    let mut result = json!({
        "ruleId": &*finding.rule,
        "level": level(finding.severity),
        "message": { "text": sentence(&format!("{} „{}“", finding.message, finding.text)) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&finding.path),
                "region": region,
                "contextRegion": context_region,
            }
        }],
        "partialFingerprints": { "formlos/v1": finding.fingerprint },
        "properties": {
            "context": finding.context.as_str(),
            "confidence": finding.confidence,
            "text": &*finding.text,
            "law": &*finding.law,
            "location": finding.location,
        },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if let Some(fix) = &finding.fix {
        result["fixes"] = json!([{
            "description": { "text": t(lang, "Satz durch die rechtmäßige Formulierung der Regel ersetzen.", "Replace the sentence with the rule's lawful wording.") },
            "artifactChanges": [{
                "artifactLocation": artifact_location(&finding.path),
                "replacements": [{
                    "deletedRegion": region_of_fix(fix),
                    "insertedContent": { "text": &*fix.replacement },
                }],
            }],
        }]);
    }
    result
}

fn region_of_fix(fix: &super::Fix) -> Value {
    region(fix.line, fix.column, fix.end_line, fix.end_column)
}

/// The folder formlos runs in, as a file URI ending in `/`.
fn source_root() -> Option<String> {
    let dir = std::env::current_dir().ok()?;
    let mut uri = format!("file://{}", encode_path(&dir.to_string_lossy()));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

pub fn print_sarif(
    report: &RunReport,
    context: RenderContext<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = context.lang;
    let mut rules: Vec<Value> = context
        .rules
        .rules
        .iter()
        .map(|rule| rule_descriptor(rule, lang))
        .chain(meta_descriptors(lang))
        .collect();
    rules.sort_by(|a, b| {
        compare_ids(
            a["id"].as_str().unwrap_or(""),
            b["id"].as_str().unwrap_or(""),
        )
    });
    let index_of = |id: &str| rules.iter().position(|rule| rule["id"] == id);
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| result(finding, index_of(&finding.rule), lang))
        .collect();
    let notifications: Vec<Value> = report
        .files
        .iter()
        .filter(|file| file.status == FileStatus::Error)
        .map(|file| {
            json!({
                "level": "error",
                "message": { "text": sentence(&format!("{}: {}", file.path, file.error.as_deref().unwrap_or_default())) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&file.path) } }],
            })
        })
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "formlos",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                "rules": rules,
            }
        },
        "invocations": [{
            "executionSuccessful": notifications.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = source_root() {
        run["originalUriBaseIds"] = json!({ SOURCE_ROOT: { "uri": root } });
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_paths_and_sentences() {
        assert_eq!(pascal("email-not-processed"), "EmailNotProcessed");
        assert_eq!(
            encode_path("vorlagen/Brief Ä.txt"),
            "vorlagen/Brief%20%C3%84.txt"
        );
        assert_eq!(sentence("Kein Punkt"), "Kein Punkt.");
        assert_eq!(sentence("Mit Punkt."), "Mit Punkt.");
    }
}
