//! Helpers shared by the integration tests: run the built binary.

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
    let output = command.output().unwrap_or_else(|e| panic!("cannot run formlos: {e}"));
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("formlos printed no JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap_or(-1), json)
}

/// (rule, line, column, context) of every finding.
pub fn finding_keys(json: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    json["findings"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or_default().to_string(),
                        f["line"].as_u64().unwrap_or_default(),
                        f["column"].as_u64().unwrap_or_default(),
                        f["context"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
