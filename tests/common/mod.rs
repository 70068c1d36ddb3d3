//! Helpers shared by the integration tests: run the built binary.
//!
//! Each test crate compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `formlos` binary with a clean environment for colours and language (an English
/// locale would make help and usage errors English).
pub fn formlos() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("formlos");
    for variable in ["NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(variable);
    }
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

/// The rule ids of a JSON report's findings, in output order.
pub fn rule_ids(json: &serde_json::Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Each finding's rule and the page it starts on (0 when it names none).
pub fn rules_and_pages(json: &serde_json::Value) -> Vec<(String, u64)> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["location"]["page"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The output of a `formlos` command (see [`formlos`]), which must start.
pub fn output(command: &mut Command) -> std::process::Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"))
}

/// Runs a fixture generator, `python3 scripts/SCRIPT ARGS… OUT`, which skips its work
/// when OUT is up to date and exits 3 when a tool it needs is missing: then the calling
/// test fails under CI and is skipped elsewhere, saying so with `install`.
pub fn generated(script: &str, args: &[&str], out: PathBuf, install: &str) -> Option<PathBuf> {
    let run = std::process::Command::new("python3")
        .arg(repo_path(&format!("scripts/{script}")))
        .args(args)
        .arg(&out)
        .output();
    let (code, stderr) = match run {
        Ok(output) => (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ),
        Err(error) => (3, format!("missing: python3 ({error})")),
    };
    match code {
        0 => Some(out),
        3 if !in_ci() => {
            eprintln!("SKIPPED {script}: {} (install: {install})", stderr.trim());
            None
        }
        _ => panic!("{script} failed ({code}): {stderr}"),
    }
}

/// Whether the tests run in CI (`CI=true`, as CI services and .ci/run set it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// A program on the PATH, if installed.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// A program the `#[ignore]`d tool tests need: they fail without it (run them with
/// `cargo test -- --include-ignored`, as .ci/run does).
pub fn require_tool(name: &str, package: &str) -> PathBuf {
    which(name).unwrap_or_else(|| {
        panic!("{name} is missing: apt-get install {package} (.ci/run does this)")
    })
}
