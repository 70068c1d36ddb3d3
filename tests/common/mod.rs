//! Helpers shared by the integration tests: run the built binary.
//!
//! Each test crate compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `formlos` binary with a clean environment for colours.
pub fn formlos() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("formlos");
    command.env_remove("NO_COLOR");
    command
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Runs `formlos check --format json` with `args` and returns exit code and JSON.
pub fn check_json(args: &[&str], stdin: Option<&str>) -> (i32, serde_json::Value) {
    let mut command = formlos();
    command.args(["check", "--format", "json"]).args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"));
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "formlos printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().unwrap_or(-1), json)
}

/// What a finding is compared by: rule, line, column, context.
pub type FindingKey = (String, u64, u64, String);

pub fn finding_key(finding: &serde_json::Value) -> FindingKey {
    (
        finding["rule"].as_str().unwrap_or_default().to_string(),
        finding["line"].as_u64().unwrap_or_default(),
        finding["column"].as_u64().unwrap_or_default(),
        finding["context"].as_str().unwrap_or_default().to_string(),
    )
}

/// The key of every finding, in output order.
pub fn finding_keys(json: &serde_json::Value) -> Vec<FindingKey> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(finding_key)
        .collect()
}

/// A program on the PATH; `None` (with a note) when it is missing outside CI. In CI
/// (CI=true) a missing tool fails the test: .ci/run installs them.
pub fn tool(name: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is missing; .ci/run installs it (libreoffice-writer-nogui, poppler-utils)"
        );
        eprintln!("{name} not installed (see .ci/run); skipping what needs it");
    }
    found
}
