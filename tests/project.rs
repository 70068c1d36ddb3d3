//! A template repository's own settings: formlos.yaml (discovery, precedence, errors),
//! `--add-suppressions`, baselines, `formlos fix`, `formlos init`, completions, man.

mod common;

use std::path::Path;

use common::{formlos, repo_path, rule_ids as rules_of};

/// A copy of fixtures/templates in a temporary folder, with `templates/` inside it.
fn template_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("templates");
    std::fs::create_dir(&target).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(repo_path("fixtures/templates"))
        .into_iter()
        .flatten()
        .flatten()
    {
        std::fs::copy(entry.path(), target.join(entry.file_name()))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// `formlos check ARGS --format json` in `dir`: exit code and the JSON.
fn check_in(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let output = formlos()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code().unwrap_or(-1), json)
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn configuration_is_found_in_parent_folders_and_flags_win() {
    let repo = template_repo();
    write(
        &repo.path().join("formlos.yaml"),
        "ignore: [FL0]\nselect: [email-refused, FL4]\nseverity:\n  FL101: error\nfail-on: error\n",
    );
    let inner = repo.path().join("templates");
    // Found from a subfolder: only e-mail and form rules, FL101 raised to error.
    let (code, json) = check_in(&inner, &["."]);
    assert_eq!(rules_of(&json), ["FL101", "FL401", "FL101"]);
    assert_eq!(json["findings"][0]["severity"], "error");
    assert_eq!(code, 1);
    // Flags win: --select replaces the file's selection, --fail-on overrides it.
    let (code, json) = check_in(&inner, &[".", "--select", "FL6", "--fail-on", "error"]);
    assert_eq!(rules_of(&json), ["FL601", "FL601"]);
    assert_eq!(code, 0);
    // --ignore adds to the file's ignore list.
    let (_, json) = check_in(&inner, &[".", "--ignore", "FL101"]);
    assert_eq!(rules_of(&json), ["FL401"]);
    // --isolated reads no file; .formlos.yaml is found as well; --config names one.
    let (_, json) = check_in(&inner, &[".", "--isolated"]);
    assert_eq!(rules_of(&json).len(), 8);
    std::fs::rename(
        repo.path().join("formlos.yaml"),
        repo.path().join(".formlos.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (_, json) = check_in(&inner, &["."]);
    assert_eq!(rules_of(&json), ["FL101", "FL401", "FL101"]);
    let other = repo.path().join("other.yaml");
    write(
        &other,
        "select: [fax-refused]\nper-file-ignores:\n  \"*.docx\": [FL601]\n",
    );
    let (_, json) = check_in(&inner, &[".", "--config", &other.to_string_lossy()]);
    assert_eq!(rules_of(&json), ["FL601"]);
    assert_eq!(json["findings"][0]["path"], "./seite.html");
}

#[test]
fn configuration_errors_name_file_line_and_column() {
    let repo = template_repo();
    write(
        &repo.path().join("formlos.yaml"),
        "select: [FL1]\nfail_on: error\nexclud: []\n",
    );
    formlos()
        .current_dir(repo.path())
        .args(["check", "templates"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "formlos.yaml:3:1: unknown field `exclud`",
        ));
    write(
        &repo.path().join("formlos.yaml"),
        "select:\n  - FL101\n  - email-refusd\n",
    );
    formlos()
        .current_dir(repo.path())
        .args(["check", "templates"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "formlos.yaml:3:5: \"email-refusd\" selects no rule",
        ));
    formlos()
        .current_dir(repo.path())
        .args(["check", "templates", "--isolated", "--select", "FL9x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("\"FL9x\" selects no rule"));
}

#[test]
fn placeholders_are_hidden_from_the_rules() {
    let repo = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(
        &repo.path().join("brief.txt"),
        "Ihr Antrag: {{ antraege_per_email_werden_nicht_bearbeitet }}.\n",
    );
    let (code, json) = check_in(repo.path(), &["brief.txt", "--isolated"]);
    assert_eq!((code, rules_of(&json).len()), (0, 0));
    // Without placeholder patterns, the field name is read as words.
    write(
        &repo.path().join("brief.txt"),
        "Hinweis: [[Anträge per E-Mail werden nicht bearbeitet.]]\n",
    );
    let (_, json) = check_in(repo.path(), &["brief.txt", "--isolated"]);
    assert!(rules_of(&json).is_empty());
    let (_, json) = check_in(
        repo.path(),
        &["brief.txt", "--isolated", "--placeholder", "«[^»]*»"],
    );
    assert_eq!(rules_of(&json), ["FL101"]);
}

#[test]
fn add_suppressions_use_the_template_languages_comment_and_leave_plain_text_alone() {
    let repo = template_repo();
    let output = formlos()
        .current_dir(repo.path())
        .args([
            "check",
            "templates",
            "--isolated",
            "--ignore",
            "FL0",
            "--add-suppressions",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    // The Word document cannot be edited, and a plain text file has no comment that
    // stays out of the letter: their findings are left, exit 1.
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("formlos: nicht geändert: templates/bescheid.docx: 1 Befund(e) bleiben: formlos ändert nur Text-, Markdown-, HTML- und Vorlagendateien\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("formlos: nicht geändert: templates/antwort.txt: 1 Befund(e) bleiben: In einer reinen Textdatei gibt es keinen Kommentar – eine Unterdrückungszeile stünde im Brief."),
        "{stderr}"
    );
    let text =
        std::fs::read_to_string(repo.path().join("templates/antwort.txt")).unwrap_or_default();
    assert_eq!(
        text,
        std::fs::read_to_string(repo_path("fixtures/templates/antwort.txt")).unwrap_or_default()
    );
    // Every other template gets its own language's comment.
    let read = |name: &str| {
        std::fs::read_to_string(repo.path().join("templates").join(name)).unwrap_or_default()
    };
    assert!(read("seite.html").contains(
        "<!-- formlos-disable-next-line FL601 -- TODO: Begründung eintragen -->\n<p>Faxe"
    ));
    assert!(read("hinweise.md").contains(
        "\n<!-- formlos-disable-next-line FL101 -- TODO: Begründung eintragen -->\nAnträge per E-Mail werden nicht bearbeitet.\n"
    ));
    assert!(
        read("eingang.txt.j2").contains(
            "{# formlos-disable-next-line FL401 -- TODO: Begründung eintragen #}\nAnträge"
        )
    );
    assert!(read("rueckruf.txt.hbs").contains(
        "{{!-- formlos-disable-next-line FL901 -- TODO: Begründung eintragen --}}\nGuten Tag {{name}}"
    ));
    // formlos reads the comments it wrote: only the untouched files still report.
    let (_, json) = check_in(repo.path(), &["templates", "--isolated"]);
    let left: Vec<(String, String)> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let expected = [
        ("templates/antwort.txt", "FL101"),
        ("templates/bescheid.docx", "FL601"),
        ("templates/seite.html", "FL001"),
        ("templates/seite.html", "FL002"),
    ];
    assert_eq!(
        left,
        expected.map(|(path, rule)| (path.to_string(), rule.to_string()))
    );
}

#[test]
fn baseline_survives_moved_lines_and_catches_new_findings() {
    let repo = template_repo();
    let baseline = repo.path().join("formlos-baseline.json");
    formlos()
        .current_dir(repo.path())
        .args(["check", "templates", "--isolated", "--write-baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("8 Befund(e) in der Baseline"));
    let (code, json) = check_in(
        repo.path(),
        &[
            "templates",
            "--isolated",
            "--baseline",
            "formlos-baseline.json",
        ],
    );
    assert_eq!((code, rules_of(&json).len()), (0, 0));
    assert_eq!(json["summary"]["baselined"], 8);
    // Moving the text down by three lines does not resurrect the findings.
    let letter = repo.path().join("templates/antwort.txt");
    let text = std::fs::read_to_string(&letter).unwrap_or_default();
    write(&letter, &format!("Betreff\n\n\n{text}"));
    let (code, _) = check_in(
        repo.path(),
        &[
            "templates",
            "--isolated",
            "--baseline",
            "formlos-baseline.json",
        ],
    );
    assert_eq!(code, 0);
    // A new sentence, and a second copy of a baselined one, are reported.
    write(
        &letter,
        &format!("{text}\nAnträge per Fax sind nicht möglich.\nE-Mails werden nicht bearbeitet.\n"),
    );
    let (code, json) = check_in(
        repo.path(),
        &[
            "templates",
            "--isolated",
            "--baseline",
            "formlos-baseline.json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(rules_of(&json), ["FL601", "FL101"]);
    assert_eq!(json["findings"][1]["line"], 12);
    assert_eq!(json["summary"]["baselined"], 8);
    // The same baseline from formlos.yaml.
    write(
        &repo.path().join("formlos.yaml"),
        "baseline: formlos-baseline.json\n",
    );
    let (_, json) = check_in(&repo.path().join("templates"), &["."]);
    assert_eq!(
        json["summary"]["baselined"], 0,
        "paths differ from the baseline's: ./antwort.txt"
    );
    let (code, _) = check_in(repo.path(), &["templates"]);
    assert_eq!(code, 1);
    write(&baseline, "{ not json");
    formlos()
        .current_dir(repo.path())
        .args(["check", "templates"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "formlos-baseline.json: line 1 column 3",
        ));
}

#[test]
fn fix_prints_a_diff_and_writes_only_when_asked() {
    let repo = template_repo();
    let before = std::fs::read(repo.path().join("templates/antwort.txt")).unwrap_or_default();
    let output = formlos()
        .current_dir(repo.path())
        .args(["fix", "templates/antwort.txt", "--isolated"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "--- a/templates/antwort.txt\n+++ b/templates/antwort.txt\n@@ -1,7 +1,7 @@\n Sehr geehrte/r {{ anrede }},\n \n vielen Dank für Ihre Nachricht.\n-E-Mails werden nicht bearbeitet.\n+Nachrichten und Anträge per E-Mail nehmen wir an und bearbeiten sie wie Briefe.\n # formlos-disable-next-line FL601 -- Hinweis des Rechtsamts vom 2. Mai, wird ersetzt\n Faxe werden nicht angenommen.\n \n"
    );
    assert_eq!(
        std::fs::read(repo.path().join("templates/antwort.txt")).unwrap_or_default(),
        before
    );
    formlos()
        .current_dir(repo.path())
        .args(["fix", "templates", "--isolated", "--write"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains(
            "templates/seite.html: 1 Satz/Sätze ersetzt",
        ));
    let (_, json) = check_in(repo.path(), &["templates", "--isolated"]);
    assert_eq!(rules_of(&json), ["FL601", "FL001", "FL002"]);
}

#[test]
fn fix_keeps_the_greeting_and_refuses_to_delete_a_placeholder() {
    let repo = template_repo();
    let letter = repo.path().join("templates/rueckruf.txt.hbs");
    let before = std::fs::read_to_string(&letter).unwrap_or_default();
    formlos()
        .current_dir(repo.path())
        .args(["fix", "templates/rueckruf.txt.hbs", "--isolated", "--write"])
        .assert()
        .code(0);
    let after = std::fs::read_to_string(&letter).unwrap_or_default();
    assert_eq!(
        after,
        before.replace(
            "Guten Tag {{name}}, Anhänge werden nicht geöffnet.",
            "Guten Tag {{name}}, Unterlagen können Sie auch als Anhang einer E-Mail senden."
        )
    );
    assert_ne!(after, before);
    // A placeholder inside the restriction itself: no fix, a note instead.
    let inside = repo.path().join("templates/weiterleitung.txt");
    write(
        &inside,
        "Anträge per E-Mail an {{ email }} werden nicht bearbeitet.\n",
    );
    let output = formlos()
        .current_dir(repo.path())
        .args([
            "fix",
            "templates/weiterleitung.txt",
            "--isolated",
            "--write",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "formlos: nicht geändert: templates/weiterleitung.txt:1:13: kein automatischer Ersatz: im Satz steht der Platzhalter „{{ email }}“, den der Ersatz löschen würde; bitte von Hand umformulieren\nformlos: nichts automatisch zu ersetzen\n"
    );
    assert_eq!(
        std::fs::read_to_string(&inside).unwrap_or_default(),
        "Anträge per E-Mail an {{ email }} werden nicht bearbeitet.\n"
    );
    let (_, json) = check_in(repo.path(), &["templates/weiterleitung.txt", "--isolated"]);
    assert!(json["findings"][0]["fix"].is_null());
    assert!(
        json["findings"][0]["fix_refused"]
            .as_str()
            .is_some_and(|note| note.contains("{{ email }}"))
    );
}

#[test]
fn init_completions_and_man() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    formlos()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    let written = std::fs::read_to_string(dir.path().join("formlos.yaml")).unwrap_or_default();
    assert!(written.contains("fail-on: warning"));
    formlos()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2);
    write(
        &dir.path().join("brief.txt"),
        "Faxe werden nicht angenommen.\n",
    );
    let (code, json) = check_in(dir.path(), &["brief.txt"]);
    assert_eq!((code, rules_of(&json)), (1, vec!["FL601".to_string()]));
    formlos()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("_formlos()"));
    formlos()
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicates::str::contains(".TH formlos"));
}

/// The README's pre-commit example names the tag of this version (`v` + Cargo.toml's
/// version), and CHANGELOG.md has a dated section for it, so a release is tagged and
/// documented together and the example points at a tag that exists.
#[test]
fn pre_commit_example_names_this_versions_tag_and_changelog_section() {
    let version = env!("CARGO_PKG_VERSION");
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap_or_default();
    let revs: Vec<&str> = readme
        .lines()
        .filter_map(|line| line.trim().strip_prefix("rev: "))
        .collect();
    assert_eq!(revs, vec![format!("v{version}")]);
    let changelog = std::fs::read_to_string(repo_path("CHANGELOG.md")).unwrap_or_default();
    let heading = format!("## [{version}] — ");
    let section = changelog
        .lines()
        .find_map(|line| line.strip_prefix(heading.as_str()))
        .unwrap_or_else(|| panic!("CHANGELOG.md has no section {heading}…"));
    let date = regex::Regex::new(r"^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(date.is_match(section), "the section's date: {section:?}");
    assert!(
        changelog.find("## [Unreleased]") < changelog.find(heading.as_str()),
        "Unreleased stays on top"
    );
}

/// The pre-commit hook passes exactly the files formlos reads: every extension it reads
/// (and none it does not) matches the hook's `files` pattern.
#[test]
fn pre_commit_hook_files_are_the_formats_formlos_reads() {
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(repo_path(".pre-commit-hooks.yaml")).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("formlos"));
    assert_eq!(hook["entry"].as_str(), Some("formlos check"));
    let files =
        regex::Regex::new(hook["files"].as_str().unwrap_or("^$")).unwrap_or_else(|e| panic!("{e}"));
    let candidates = [
        "txt",
        "text",
        "asc",
        "md",
        "markdown",
        "mdown",
        "mkd",
        "html",
        "htm",
        "xhtml",
        "eml",
        "pdf",
        "docx",
        "docm",
        "dotx",
        "odt",
        "ott",
        "mbox",
        "mbx",
        "tpl",
        "tmpl",
        "j2",
        "jinja",
        "jinja2",
        "twig",
        "njk",
        "hbs",
        "handlebars",
        "mustache",
        "tex",
        "png",
        "doc",
        "rs",
        "yaml",
        "json",
        "xlsx",
        "jpg",
        "jpeg",
        "tif",
        "tiff",
        "webp",
        "gif",
    ];
    for extension in candidates {
        let name = format!("vorlagen/brief.{extension}");
        let read = formlos::extract::Format::of_path(Path::new(&name)).is_some();
        assert_eq!(files.is_match(&name), read, "{name}");
    }
}
