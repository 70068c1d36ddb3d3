//! The browser page (web/dist, built by scripts/build-web.sh) in a real browser: headless
//! Chromium driven through WebDriver (Selenium and chromium-driver, tests/web_page.py)
//! checks a PDF, a Word file, an e-mail and a pasted text, and the findings it shows must
//! be the CLI's JSON findings for the same file: rule, sentence, context and severity; a
//! picture gets the note that the page reads text only.
//! The page may request nothing but its own files (Chromium's performance log); the
//! first result of a one-page letter must show within 300 ms of choosing it, and the
//! compressed WebAssembly must stay under 6 MB (both printed). Screenshots at desktop
//! and phone width are kept in target/web-browser/ for a person to look at.
//!
//! The test is `#[ignore]`d like the other browser tests: `cargo test -- --include-ignored`
//! runs it (.ci/run does, after building the page); it fails when a tool or the built
//! page is missing. It does not build the page itself: cargo holds the build directory
//! while tests run.

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{check_json, repo_path, require_tool};

/// The one-page letter checked first (its time is the page's time to a first result),
/// then a Word file and an e-mail.
const LETTERS: [&str; 3] = [
    "fixtures/renditions/jobcenter-email.pdf",
    "fixtures/documents/letter-runs.docx",
    "fixtures/documents/auto-reply-qp-latin1.eml",
];

/// Pasted into the page's text field.
const PASTED: &str = "fixtures/documents/letter-form-condition.txt";

/// What a finding is compared by.
type Shown = (String, String, String, String);

fn key(finding: &serde_json::Value, sentence: &str) -> Shown {
    let field = |name: &str| finding[name].as_str().unwrap_or_default().to_string();
    (
        field("rule"),
        field("severity"),
        field("context"),
        finding[sentence].as_str().unwrap_or_default().to_string(),
    )
}

/// The CLI's findings (`check --format json`), sorted.
fn cli_findings(args: &[&str], stdin: Option<&str>) -> Vec<Shown> {
    let (_, json) = check_json(args, stdin);
    let mut findings: Vec<Shown> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|finding| key(finding, "text"))
        .collect();
    findings.sort();
    findings
}

/// The findings the page showed for `input`, sorted.
fn page_findings(result: &serde_json::Value, input: &str) -> Vec<Shown> {
    let mut findings: Vec<Shown> = result["shown"][input]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("the page showed nothing for {input}: {result}"))
        .iter()
        .map(|finding| key(finding, "sentence"))
        .collect();
    findings.sort();
    findings
}

/// The page as built must be the page in web/: a stale web/dist would test old code.
fn assert_built_from_sources(dist: &Path) {
    for (built, source) in [
        ("index.html", "web/index.html"),
        ("app.js", "web/app.js"),
        ("app.css", "web/app.css"),
        ("report.css", "src/present/report.css"),
    ] {
        let read = |path: &Path| {
            std::fs::read(path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; build the page with scripts/build-web.sh",
                    path.display()
                )
            })
        };
        assert!(
            read(&dist.join(built)) == read(&repo_path(source)),
            "web/dist/{built} differs from {source}: rebuild with scripts/build-web.sh"
        );
    }
}

#[test]
#[ignore = "needs chromium, chromium-driver, Python selenium and web/dist (scripts/build-web.sh); run with --include-ignored (.ci/run does)"]
fn the_page_shows_the_clis_findings_without_a_request_beyond_its_files() {
    require_tool("chromium", "chromium");
    require_tool("chromedriver", "chromium-driver");
    let python = require_tool("python3", "python3");
    let dist = repo_path("web/dist");
    assert_built_from_sources(&dist);
    let out = repo_path("target/web-browser");
    let mut driver = Process::new(python);
    driver
        .arg(repo_path("tests/web_page.py"))
        .arg(&dist)
        .arg(&out)
        .args(LETTERS.map(repo_path))
        .arg("--paste")
        .arg(repo_path(PASTED))
        .arg("--image")
        .arg(repo_path("docs/report.png"));
    let output = driver
        .output()
        .unwrap_or_else(|e| panic!("cannot run tests/web_page.py: {e}"));
    assert!(
        output.status.success(),
        "tests/web_page.py failed (pip install selenium; .ci/run does):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON from tests/web_page.py ({e})"));

    for letter in LETTERS {
        let path = repo_path(letter).to_string_lossy().into_owned();
        let expected = cli_findings(&[&path], None);
        assert!(!expected.is_empty(), "{letter} has findings to compare");
        assert_eq!(page_findings(&result, &path), expected, "{letter}");
    }
    let pasted =
        std::fs::read_to_string(repo_path(PASTED)).unwrap_or_else(|e| panic!("{PASTED}: {e}"));
    let expected = cli_findings(&["-"], Some(&pasted));
    assert!(!expected.is_empty());
    assert_eq!(page_findings(&result, "paste"), expected, "pasted text");

    // A photo or scan: the page says that it reads text only, and what to do instead.
    let note = result["image_note"].as_str().unwrap_or_default();
    assert!(note.contains("report.png"), "{note}");
    assert!(note.contains("Diese Seite liest nur Text"), "{note}");
    assert!(note.contains("fragen Sie Ihre Beratungsstelle"), "{note}");

    // The report and, for letters with a statement to object to, the reply.
    let downloads: Vec<&str> = result["downloads"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str())
        .collect();
    assert_eq!(
        downloads,
        [
            "formlos-bericht.html",
            "antwort-eingefügter-Text.docx",
            "antwort-eingefügter-Text.txt"
        ]
    );

    // Every request of the page, and every request over the network at all, is for one
    // of the page's files (Chromium's own pages ask for chrome:// resources meanwhile).
    let base = result["base"].as_str().unwrap_or_default();
    let own = [
        "index.html",
        "favicon.svg",
        "report.css",
        "app.css",
        "formlos-wasm.js",
        "formlos.js",
        "app.js",
    ];
    let mut seen = Vec::new();
    for request in result["requests"].as_array().into_iter().flatten() {
        let url = request["url"].as_str().unwrap_or_default();
        let document = request["document"].as_str().unwrap_or_default();
        let networked = ["http:", "https:", "ws:", "wss:", "ftp:"]
            .iter()
            .any(|s| url.starts_with(s));
        if !document.starts_with(base) && !networked {
            continue;
        }
        let file = url.strip_prefix(base).unwrap_or_else(|| {
            panic!("{document} requested {url}, beyond the page's own files at {base}")
        });
        assert!(own.contains(&file), "unexpected request {url}");
        seen.push(file);
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(
        seen.len(),
        own.len(),
        "the log saw the page's own files: {seen:?}"
    );

    let first = result["shown"][repo_path(LETTERS[0]).to_string_lossy().as_ref()]["millis"]
        .as_f64()
        .unwrap_or(f64::MAX);
    let gzip = result["wasm_gzip_bytes"].as_u64().unwrap_or(u64::MAX);
    println!(
        "web page: first result of a one-page letter in {first:.0} ms; wasm {} KiB, gzip -9 {} KiB; screenshots in {}",
        result["wasm_bytes"].as_u64().unwrap_or_default() / 1024,
        gzip / 1024,
        out.display()
    );
    assert!(first < 300.0, "first result after {first} ms");
    assert!(gzip < 6 << 20, "compressed wasm {gzip} bytes");
    for shot in ["desktop.png", "phone.png"] {
        let size = std::fs::metadata(out.join(shot)).map_or(0, |m| m.len());
        assert!(size > 10_000, "{shot}: {size} bytes");
    }
}
