//! `formlos report` and `check --format html`: the page itself (self-contained, escaped,
//! every finding marked and explained), and the page in a real browser: headless
//! Chromium prints it to PDF and takes screenshots (kept in target/report-browser/ for
//! a person to look at); every finding's sentence must be in the PDF's text, the pages
//! must be A4 with page numbers, the style must pass the page's own
//! Content-Security-Policy, and the page must make no network request. The browser tests
//! are `#[ignore]`d, like the SARIF validators: `cargo test` lists them as ignored, and
//! `cargo test -- --include-ignored` (as .ci/run runs it, after installing Chromium and
//! poppler) runs them and fails when the tools are missing.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{check_json, formlos, in_ci, repo_path, require_tool, which};

fn document(name: &str) -> String {
    repo_path(&format!("fixtures/documents/{name}"))
        .to_string_lossy()
        .into_owned()
}

/// Letters for the browser: one of each kind of trouble, a PDF, quoted statements.
const LETTERS: [&str; 6] = [
    "letter-form-condition.txt",
    "auto-reply-portal-only.txt",
    "advocacy-letter.txt",
    "letter-two-pages.pdf",
    "notice-appointment-gate.txt",
    "letter-phone-application.txt",
];

/// Whitespace folded to single spaces, without hyphens: the browser may break a line
/// after the hyphen of „E-Mail“, and pdftotext joins such words without it.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "")
        .replace('-', "")
}

/// The direct and quoted findings' sentences of `paths`, from `check --format json`.
fn sentences(paths: &[String]) -> Vec<String> {
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (_, json) = check_json(&args, None);
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// `formlos report` with `args` in `dir`; returns the exit code.
fn report(dir: &Path, args: &[&str]) -> i32 {
    formlos()
        .current_dir(dir)
        .arg("report")
        .args(args)
        .output()
        .map(|o| o.status.code().unwrap_or(-1))
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn one_report_per_letter_with_every_finding_marked_and_explained() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let letters = [
        document("letter-form-condition.txt"),
        document("advocacy-letter.txt"),
    ];
    assert_eq!(report(dir.path(), &[&letters[0], &letters[1]]), 0);
    let page = read(&dir.path().join("letter-form-condition-bericht.html"));
    assert!(dir.path().join("advocacy-letter-bericht.html").is_file());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"));
    for forbidden in ["<script", "src=", "<link", "@import", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    assert!(
        page.contains("<h1>Schreiben von Jobcenter Landkreis Beispielkreis vom 14.10.2026</h1>")
    );
    assert!(page.contains("In diesem Schreiben steht eine Aussage, die Ihre Rechte einschränkt."));
    assert!(page.contains("<dt>BG-Nummer</dt><dd>12345BG0001234</dd>"));
    assert!(page.contains("Am Markt 4<br>54321 Beispielstadt"));
    // The sentence is marked where it stands, numbered, and explained.
    assert!(page.contains("<mark class=\"error\" id=\"stelle-1-1\"><a class=\"num\" href=\"#befund-1-1\">1</a>Bitte beachten\nSie: Ihr Antrag gilt erst als gestellt, wenn das unterschriebene Antragsformular bei"));
    for heading in [
        "Was das bedeutet",
        "Rechtliche Begründung",
        "Rechtsgrundlagen",
        "Gerichtsentscheidungen",
        "Was Sie jetzt tun können",
        "So hätte die Behörde es rechtmäßig schreiben können",
    ] {
        assert!(page.contains(&format!("<h4>{heading}</h4>")), "{heading}");
    }
    assert!(page.contains("<a href=\"https://www.gesetze-im-internet.de/sgb_1/__60.html\" rel=\"noreferrer\">§ 60 Abs. 2 SGB I</a>"));
    assert!(page.contains("<cite>BSG, 18.08.2005, B 7a/7 AL 66/04 R</cite>"));
    assert!(page.contains("Rechtsdienstleistungsgesetz"));
    assert!(page.contains(&format!(
        "Geprüft mit formlos {}",
        env!("CARGO_PKG_VERSION")
    )));
    // Quoted statements stand apart, explained as quotations.
    let quoted = read(&dir.path().join("advocacy-letter-bericht.html"));
    assert!(quoted.contains("<h2>Zitierte und wiedergegebene Aussagen</h2>"));
    assert!(quoted.contains("<span class=\"badge info\">zitiert</span>"));
    assert!(quoted.contains("keine Aussage gefunden, die Ihre Rechte einschränkt"));
    assert!(
        !quoted.contains("Schreiben von Jobcenter"),
        "the addressee is not the sender"
    );
}

#[test]
fn one_page_for_a_run_english_and_redacted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("fehlt.txt").to_string_lossy().into_owned();
    let letter = document("letter-form-condition.txt");
    let code = formlos()
        .args([
            "--lang", "en", "report", "--redact", "-o", "all.html", &letter, &missing,
        ])
        .current_dir(dir.path())
        .output()
        .map(|o| o.status.code().unwrap_or(-1))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        code, 2,
        "an unreadable input is an error, the report is still written"
    );
    let page = read(&dir.path().join("all.html"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("What you can do now"));
    assert!(page.contains("<h2>Not checked</h2>"));
    assert!(page.contains("fehlt.txt"));
    assert!(
        !page.contains("12345BG0001234"),
        "reference numbers are redacted"
    );
    assert!(!page.contains("Mustermann"), "names are redacted");
    assert!(
        page.contains("Jobcenter Landkreis Beispielkreis"),
        "agencies stay"
    );

    // check --format html makes the same page for a whole run.
    let output = formlos()
        .args(["check", "--format", "html"])
        .arg(document("letter-form-condition.txt"))
        .arg(document("notice-fax-shutdown.txt"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains("2 Schreiben geprüft; 2 Aussage(n), die Rechte einschränken."));
    assert!(page.contains("id=\"brief-1\"") && page.contains("id=\"brief-2\""));
    assert!(page.contains("Ab dem 1. Januar werden Faxe nicht mehr angenommen."));
}

/// What Chromium is run with: no sandbox (containers), no GPU, none of its own
/// background traffic, a fresh profile.
fn chromium(profile: &Path) -> Process {
    let mut command = Process::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-features=NetworkTimeServiceQuerying",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The URLs that a page (not the browser itself) asked for, from a Chromium net log.
fn page_requests(net_log: &Path) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_str(&read(net_log))
        .unwrap_or_else(|e| panic!("{}: {e}", net_log.display()));
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    assert!(start_job.is_some(), "net log without event types");
    log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|event| event["type"].as_u64() == start_job)
        // The browser's own requests (updates, sign-in) have no origin; a page's
        // requests carry the page's origin (`null` for a file).
        .filter(|event| event["params"]["initiator"] != "not an origin")
        .filter_map(|event| event["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// Prints `page` to PDF with a net log; returns Chromium's log output.
fn print_to_pdf(page: &Path, pdf: &Path, net_log: &Path, profile: &Path) -> String {
    let output = chromium(profile)
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run chromium: {e}"));
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn screenshot(page: &Path, png: &Path, width: u32, profile: &Path) {
    let output = chromium(profile)
        .arg(format!("--window-size={width},2200"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run chromium: {e}"));
    assert!(
        png.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `pdfinfo`'s page count and the sizes of all pages.
fn pdf_pages(pdf: &Path) -> (usize, BTreeSet<String>) {
    let output = Process::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    let pages = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let sizes = info
        .lines()
        .filter(|line| line.starts_with("Page") && line.contains("size:"))
        .map(|line| {
            line.split("size:")
                .nth(1)
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .collect();
    (pages, sizes)
}

fn pdf_text(pdf: &Path) -> String {
    let output = Process::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The Debian packages the browser tests need.
const BROWSER_PACKAGES: &str = "chromium poppler-utils";

/// In CI the browser and the PDF tools are part of the test suite.
#[test]
fn browser_and_pdf_tools_are_installed_in_ci() {
    for tool in ["chromium", "pdftotext", "pdfinfo"] {
        assert!(
            !in_ci() || which(tool).is_some(),
            "CI=true but {tool} is missing; .ci/run installs it"
        );
    }
}

#[test]
#[ignore = "needs chromium and poppler-utils; run with --include-ignored (.ci/run does)"]
fn reports_print_on_a4_in_chromium_with_every_sentence_and_no_network() {
    require_tool("chromium", BROWSER_PACKAGES);
    require_tool("pdftotext", BROWSER_PACKAGES);
    require_tool("pdfinfo", BROWSER_PACKAGES);
    let out = repo_path("target/report-browser");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    let profiles = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<String> = LETTERS.iter().map(|name| document(name)).collect();
    assert_eq!(
        report(&out, &paths.iter().map(String::as_str).collect::<Vec<_>>()),
        0
    );
    let mut pages: Vec<(PathBuf, Vec<String>)> = LETTERS
        .iter()
        .zip(&paths)
        .map(|(name, path)| {
            let stem = Path::new(name)
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy();
            (
                out.join(format!("{stem}-bericht.html")),
                sentences(std::slice::from_ref(path)),
            )
        })
        .collect();
    // All letters on one page, each letter from a new sheet.
    let mut all = vec!["-o", "alle-bericht.html"];
    all.extend(paths.iter().map(String::as_str));
    assert_eq!(report(&out, &all), 0);
    pages.push((out.join("alle-bericht.html"), sentences(&paths)));
    for (index, (page, expected)) in pages.iter().enumerate() {
        let stem = page
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let pdf = out.join(format!("{stem}.pdf"));
        let net_log = out.join(format!("{stem}.netlog.json"));
        let log = print_to_pdf(
            page,
            &pdf,
            &net_log,
            &profiles.path().join(format!("p{index}")),
        );
        assert!(
            !log.contains("Content Security Policy"),
            "{stem}: the page breaks its own policy: {log}"
        );
        assert_eq!(
            page_requests(&net_log),
            Vec::<String>::new(),
            "{stem}: network"
        );
        let (count, sizes) = pdf_pages(&pdf);
        let letters = if stem.starts_with("alle") {
            LETTERS.len()
        } else {
            1
        };
        assert!(
            (1..=letters * 2 + expected.len() * 2).contains(&count),
            "{stem}: {count} pages for {} findings",
            expected.len()
        );
        assert_eq!(sizes.len(), 1, "{stem}: one page size, {sizes:?}");
        assert!(
            sizes.iter().all(|s| s.ends_with("(A4)")),
            "{stem}: {sizes:?}"
        );
        let text = folded(&pdf_text(&pdf));
        assert!(
            text.contains(&format!("Seite 1 von {count}")),
            "{stem}: page numbers"
        );
        for sentence in expected {
            assert!(
                text.contains(&folded(sentence)),
                "{stem}: the PDF lacks the finding's sentence {sentence:?}"
            );
        }
        screenshot(
            page,
            &out.join(format!("{stem}-desktop.png")),
            1280,
            &profiles.path().join(format!("s{index}")),
        );
    }
    screenshot(
        &pages[0].0,
        &out.join("letter-form-condition-phone.png"),
        390,
        &profiles.path().join("phone"),
    );
    eprintln!("screenshots and PDFs in {}", out.display());
}

#[test]
#[ignore = "needs chromium; run with --include-ignored (.ci/run does)"]
fn the_network_check_sees_a_page_that_loads_something() {
    require_tool("chromium", BROWSER_PACKAGES);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = dir.path().join("leak.html");
    // Port 9 on this machine (discard): the request is made and fails, nothing leaves.
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>x</title><p>x</p><img src=\"http://127.0.0.1:9/pixel.png\">",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let net_log = dir.path().join("net.json");
    print_to_pdf(
        &page,
        &dir.path().join("leak.pdf"),
        &net_log,
        &dir.path().join("profile"),
    );
    assert_eq!(page_requests(&net_log), ["http://127.0.0.1:9/pixel.png"]);
}
