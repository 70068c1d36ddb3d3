//! The CI formats on the template repository fixtures/templates: SARIF (validated by the
//! official schema and Microsoft's SARIF Multitool), JUnit, CSV, GitHub, GitLab, JSON
//! Lines and Markdown, each parsed and compared with the JSON contract.

mod common;

use std::path::PathBuf;
use std::process::Command as Process;

use common::{formlos, repo_path};

/// Findings of fixtures/templates: (path, rule, line, column, end line, end column).
const EXPECTED: [(&str, &str, u64, u64, u64, u64); 8] = [
    ("templates/antwort.txt", "FL101", 4, 1, 4, 32),
    ("templates/bescheid.docx", "FL601", 3, 1, 3, 29),
    ("templates/eingang.txt.j2", "FL401", 4, 1, 4, 41),
    ("templates/hinweise.md", "FL101", 7, 13, 7, 43),
    ("templates/rueckruf.txt.hbs", "FL901", 4, 21, 4, 50),
    ("templates/seite.html", "FL601", 5, 4, 5, 37),
    ("templates/seite.html", "FL001", 6, 6, 6, 37),
    ("templates/seite.html", "FL002", 6, 6, 6, 37),
];

/// Runs `formlos check templates` in fixtures/ with `args`; returns exit code and stdout.
fn run(args: &[&str]) -> (i32, String) {
    let output = formlos()
        .current_dir(repo_path("fixtures"))
        .args(["check", "templates", "--isolated"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn json_findings() -> Vec<serde_json::Value> {
    let (code, out) = run(&["--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(json["summary"]["suppressed"], 7);
    json["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn json_lists_the_expected_findings_and_suppressions() {
    let found: Vec<(String, String, u64, u64, u64, u64)> = json_findings()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["end_line"].as_u64().unwrap_or(0),
                f["end_column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: Vec<_> = EXPECTED
        .iter()
        .map(|(p, r, l, c, el, ec)| (p.to_string(), r.to_string(), *l, *c, *el, *ec))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn jsonl_is_one_finding_per_line_equal_to_the_json_contract() {
    let (code, out) = run(&["--format", "jsonl"]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_default())
        .collect();
    assert_eq!(lines, json_findings());
}

#[test]
fn csv_has_the_documented_columns_and_a_row_per_finding() {
    let (code, out) = run(&["--format", "csv"]);
    assert_eq!(code, 1);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default();
    assert_eq!(header, formlos::report::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), EXPECTED.len());
    for (row, (path, rule, line, column, ..)) in rows.iter().zip(EXPECTED) {
        assert_eq!(&row[0], path);
        assert_eq!(&row[1], line.to_string());
        assert_eq!(&row[2], column.to_string());
        assert_eq!(&row[5], rule);
    }
    assert_eq!(&rows[0][11], "E-Mails werden nicht bearbeitet.");
    assert_eq!(
        &rows[0][13],
        "§ 9 SGB X; § 36a Abs. 1 SGB I; § 20 Abs. 3 SGB X; § 37 SGB II"
    );
}

#[test]
fn github_annotations_are_workflow_commands_most_severe_first() {
    let (code, out) = run(&["--format", "github"]);
    assert_eq!(code, 1);
    let pattern = regex::Regex::new(
        r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(FL\d+) [a-z-]+::[^\n]+$",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), EXPECTED.len());
    let first = pattern
        .captures(lines[0])
        .unwrap_or_else(|| panic!("{}", lines[0]));
    assert_eq!(
        (&first[1], &first[2], &first[3], &first[7]),
        ("error", "templates/eingang.txt.j2", "4", "FL401")
    );
    for line in &lines {
        let captures = pattern
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert!(
            EXPECTED.iter().any(|(path, rule, l, c, el, ec)| {
                &captures[2] == *path
                    && &captures[7] == *rule
                    && [&captures[3], &captures[4], &captures[5], &captures[6]]
                        == [l.to_string(), c.to_string(), el.to_string(), ec.to_string()]
                            .each_ref()
                            .map(String::as_str)
            }),
            "{line}"
        );
    }
    assert!(lines[0].contains("%0A„Anträge können nur mit Formular gestellt werden.“"));
}

#[test]
fn junit_has_a_test_case_per_file_and_a_failure_per_finding() {
    let (code, out) = run(&["--format", "junit"]);
    assert_eq!(code, 1);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures) = (Vec::new(), Vec::new());
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    "testcase" => cases.push(attr("name")),
                    "failure" => failures.push(attr("type")),
                    _ => {}
                }
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Err(error) => panic!("invalid XML: {error}"),
            _ => {}
        }
    }
    assert_eq!(
        cases,
        [
            "templates/antwort.txt",
            "templates/bescheid.docx",
            "templates/eingang.txt.j2",
            "templates/hinweise.md",
            "templates/rueckruf.txt.hbs",
            "templates/seite.html"
        ]
    );
    let rules: Vec<&str> = EXPECTED.iter().map(|e| e.1).collect();
    assert_eq!(failures, rules);
}

/// The `failures` count and the `<failure>` rule ids of a JUnit report.
fn junit_failures(xml: &str) -> (String, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut count, mut failures) = (String::new(), Vec::new());
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    "testsuite" => count = attr("failures"),
                    "failure" => failures.push(attr("type")),
                    _ => {}
                }
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Err(error) => panic!("invalid XML: {error}"),
            _ => {}
        }
    }
    (count, failures)
}

#[test]
fn junit_failures_follow_fail_on_like_the_exit_code() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("zitat.txt"),
        "Sie schrieben uns, im Brief des Amtes stehe: „E-Mails werden nicht bearbeitet.“\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let junit = |fail_on: &str| {
        let output = formlos()
            .current_dir(dir.path())
            .args(["check", "zitat.txt", "--isolated", "--format", "junit"])
            .args(["--fail-on", fail_on])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    // A quoted restriction is info: below the default --fail-on warning, exit 0, and no
    // failure either; the finding is still listed in the test case's output.
    let (code, xml) = junit("warning");
    assert_eq!(code, Some(0));
    assert_eq!(junit_failures(&xml), ("0".to_string(), vec![]));
    assert!(
        xml.contains("<system-out>Befunde unter --fail-on warning (kein Fehlschlag):\n\nFL101 email-not-processed:"),
        "{xml}"
    );
    let (code, xml) = junit("info");
    assert_eq!(code, Some(1));
    assert_eq!(
        junit_failures(&xml),
        ("1".to_string(), vec!["FL101".to_string()])
    );
    assert!(!xml.contains("<system-out>"));
}

#[test]
fn gitlab_code_quality_and_markdown_summary() {
    let (_, out) = run(&["--format", "gitlab"]);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(issues.len(), EXPECTED.len());
    assert_eq!(issues[2]["check_name"], "FL401");
    assert_eq!(issues[2]["severity"], "major");
    assert_eq!(issues[2]["location"]["path"], "templates/eingang.txt.j2");
    assert_eq!(issues[2]["location"]["lines"]["begin"], 4);
    assert_eq!(issues[2]["fingerprint"].as_str().map(str::len), Some(32));
    let (_, out) = run(&["--format", "markdown"]);
    assert!(out.starts_with("## formlos\n\n**8 Befund(e)**"), "{out}");
    assert!(out.contains("| `templates/eingang.txt.j2:4` | error FL401 | Anträge können nur mit Formular gestellt werden. |"));
    assert!(out.contains("_7 durch Kommentare unterdrückt._"));
}

#[test]
fn output_writes_several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sarif = dir.path().join("formlos.sarif");
    let junit = dir.path().join("formlos.xml");
    let (code, out) = run(&[
        "--format",
        "github",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("junit={}", junit.display()),
    ]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), EXPECTED.len());
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sarif).unwrap_or_default()).unwrap_or_default();
    assert_eq!(log["version"], "2.1.0");
    assert!(
        std::fs::read_to_string(&junit)
            .unwrap_or_default()
            .contains("<testsuites")
    );
    formlos()
        .args(["check", "--isolated", "-", "--output", "yaml=x"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ungültiger Wert „yaml=x“ für „--output <FORMAT=DATEI>“: unbekanntes Format \"yaml\"; möglich sind human, json,",
        ));
}

/// The SARIF log of the templates.
fn sarif() -> serde_json::Value {
    let (code, out) = run(&["--format", "sarif"]);
    assert_eq!(code, 1);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("SARIF is not JSON: {e}"))
}

#[test]
fn sarif_describes_rules_results_fingerprints_and_fixes() {
    let log = sarif();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), 24 + 2);
    let fl101 = rules
        .iter()
        .find(|r| r["id"] == "FL101")
        .cloned()
        .unwrap_or_default();
    assert_eq!(fl101["name"], "EmailNotProcessed");
    assert_eq!(
        fl101["helpUri"],
        "https://www.gesetze-im-internet.de/sgb_10/__9.html"
    );
    assert!(
        fl101["help"]["text"]
            .as_str()
            .unwrap_or_default()
            .contains("§ 9 SGB X")
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), EXPECTED.len());
    let first = &results[0];
    assert_eq!(first["ruleId"], "FL101");
    assert_eq!(
        rules[first["ruleIndex"].as_u64().unwrap_or(99) as usize]["id"],
        "FL101"
    );
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "templates/antwort.txt");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "SRCROOT");
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["endColumn"], 32);
    assert_eq!(
        first["partialFingerprints"]["formlos/v1"]
            .as_str()
            .map(str::len),
        Some(32)
    );
    let replacement = &first["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 4);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 33);
    assert_eq!(
        replacement["insertedContent"]["text"],
        "Nachrichten und Anträge per E-Mail nehmen wir an und bearbeiten sie wie Briefe."
    );
    // Word documents are not rewritten, so they offer no fix.
    assert!(results[1]["fixes"].is_null());
}

/// Where .ci/run installs the SARIF Multitool (npm @microsoft/sarif-multitool-linux),
/// which also ships the official sarif-2.1.0 schema; FORMLOS_SARIF_TOOLS overrides.
fn sarif_tools_dir() -> PathBuf {
    std::env::var_os("FORMLOS_SARIF_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            repo_path("target/sarif-tools/node_modules/@microsoft/sarif-multitool-linux")
        })
}

fn sarif_tools_installed(dir: &std::path::Path) -> bool {
    dir.join("Sarif.Multitool").is_file() && dir.join("sarif-2.1.0.json").is_file()
}

/// Whether the tests run in CI (`CI=true`, as CI services and .ci/run set it).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// The SARIF validators. The two tests that need them are `#[ignore]`d, so that a plain
/// `cargo test` lists them as ignored instead of passing without validating anything;
/// run explicitly (`cargo test -- --include-ignored`, as .ci/run does), they fail when
/// the validators are missing.
fn sarif_tools() -> PathBuf {
    let dir = sarif_tools_dir();
    assert!(
        sarif_tools_installed(&dir),
        "SARIF Multitool missing in {}: npm install --prefix target/sarif-tools @microsoft/sarif-multitool-linux@5.7.0 (.ci/run does this)",
        dir.display()
    );
    dir
}

/// In CI the validators are part of the test suite: a CI run without them fails here,
/// even when the validating tests are not asked for.
#[test]
fn sarif_validators_are_installed_in_ci() {
    let dir = sarif_tools_dir();
    assert!(
        !in_ci() || sarif_tools_installed(&dir),
        "CI=true but the SARIF Multitool is missing in {}; .ci/run installs it",
        dir.display()
    );
}

#[test]
#[ignore = "needs the SARIF Multitool in target/sarif-tools; run with --include-ignored (.ci/run does)"]
fn sarif_validates_against_the_official_schema() {
    let tools = sarif_tools();
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tools.join("sarif-2.1.0.json")).unwrap_or_default())
            .unwrap_or_else(|e| panic!("schema: {e}"));
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    let log = sarif();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a broken log, so the check above can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

/// Runs `Sarif.Multitool validate` on a log; returns the rule ids and levels it reports
/// at the levels error and warning.
fn multitool_results(tools: &std::path::Path, log: &serde_json::Value) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("formlos.sarif");
    let report = dir.path().join("validation.sarif");
    std::fs::write(&input, serde_json::to_vec_pretty(log).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let status = Process::new(tools.join("Sarif.Multitool"))
        .arg("validate")
        .arg(&input)
        .arg("--output")
        .arg(&report)
        .args(["--level", "Error;Warning"])
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .status()
        .unwrap_or_else(|e| panic!("cannot run the SARIF Multitool: {e}"));
    assert!(status.success(), "SARIF Multitool failed: {status}");
    let validation: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap_or_default()).unwrap_or_default();
    validation["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or_default().to_string(),
                r["level"].as_str().unwrap_or("warning").to_string(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs the SARIF Multitool in target/sarif-tools; run with --include-ignored (.ci/run does)"]
fn sarif_passes_the_multitool_without_errors_or_warnings() {
    let tools = sarif_tools();
    let log = sarif();
    assert_eq!(multitool_results(&tools, &log), []);
    // A region that starts at line 0 is reported, so the check above can fail.
    let mut broken = log;
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(!multitool_results(&tools, &broken).is_empty());
}
