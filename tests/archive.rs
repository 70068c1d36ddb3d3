//! Journalists' archives: a folder of e-mails and an mbox built at test time from
//! letters with personal data. Checks grouped wordings, statistics per agency, month and
//! format, the CSV/JSON Lines columns for mail and PDF, redaction in every output, the
//! progress bar only on a terminal, and that formlos links no network client.

mod common;

use std::path::Path;

use common::{formlos, repo_path};

/// A letter of `agency` dated `date` (day, month, year) to a person, with personal data
/// all over it and `restriction` in the middle.
fn letter(agency: &str, date: (u32, u32, u32), person: &str, restriction: &str) -> String {
    let (day, month, year) = date;
    format!(
        "{agency}\nPostfach 10 20 30 · 45127 Musterstadt · Tel. 0201 / 123 45-0\n\n\
         Frau {person}\nLindenstraße 12\n45127 Musterstadt\n\n\
         Musterstadt, {day:02}.{month:02}.{year}\n\n\
         BG-Nummer: 12345BG1234567\nKundennummer: 123D456789\n\n\
         Sehr geehrte Frau {person},\n\n\
         wir haben Ihre Nachricht von {}.privat@web.de erhalten (geb. 01.02.1980, IBAN DE89 3704 0044 0532 0130 00).\n\
         {restriction}\n\
         Rückfragen unter 0201 987654.\n\n\
         Mit freundlichen Grüßen\nIhr {agency}\n",
        person.to_lowercase()
    )
}

/// An e-mail from the agency with the letter as its body.
fn mail(from: &str, address: &str, date: &str, body: &str) -> String {
    format!(
        "From: {from} <{address}>\nTo: Olga Petrenko <olga.petrenko@gmx.de>\nSubject: Ihr Antrag, Frau Petrenko\nDate: {date}\n\
         MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}"
    )
}

const EMAIL_REFUSAL: &str = "Anträge per E-Mail werden nicht bearbeitet.";
const FAX_REFUSAL: &str = "Faxe werden nicht mehr angenommen.";

/// Personal data that must not appear in redacted output.
const PERSONAL: [&str; 10] = [
    "Petrenko",
    "petrenko.privat@web.de",
    "olga.petrenko@gmx.de",
    "12345BG1234567",
    "123D456789",
    "01.02.1980",
    "DE89 3704",
    "Lindenstraße 12",
    "0201 987654",
    "123 45-0",
];

/// A folder with three e-mails of two agencies and an mbox with two messages.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    std::fs::create_dir_all(root.join("mails")).unwrap_or_else(|e| panic!("{e}"));
    let musterstadt = (
        "Jobcenter Musterstadt",
        "jobcenter-musterstadt@jobcenter-ge.de",
    );
    let mails = [
        (
            "mails/a.eml",
            musterstadt,
            "Mon, 3 Mar 2025 09:00:00 +0100",
            (3, 3, 2025),
            EMAIL_REFUSAL,
        ),
        (
            "mails/b.eml",
            musterstadt,
            "Tue, 15 Apr 2025 09:00:00 +0200",
            (15, 4, 2025),
            EMAIL_REFUSAL,
        ),
        (
            "mails/c.eml",
            ("Sozialamt Neustadt", "sozialamt@neustadt.de"),
            "Wed, 16 Apr 2025 10:00:00 +0200",
            (16, 4, 2025),
            FAX_REFUSAL,
        ),
    ];
    for (path, (agency, address), date, day, restriction) in mails {
        let body = letter(agency, day, "Petrenko", restriction);
        std::fs::write(root.join(path), mail(agency, address, date, &body))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut mbox = String::new();
    for (date, day) in [
        ("Thu, 2 Jan 2025 08:00:00 +0100", (2, 1, 2025)),
        ("Fri, 9 May 2025 08:00:00 +0200", (9, 5, 2025)),
    ] {
        let body = letter(musterstadt.0, day, "Petrenko", EMAIL_REFUSAL);
        mbox.push_str("From MAILER-DAEMON Thu Jan  1 00:00:00 2025\n");
        mbox.push_str(&mail(musterstadt.0, musterstadt.1, date, &body));
        mbox.push('\n');
    }
    std::fs::write(root.join("archiv.mbox"), mbox).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = formlos()
        .current_dir(dir)
        .args(args)
        .arg("--isolated")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn grouped_wordings_count_documents_and_dates() {
    let dir = archive();
    let (code, out, _) = run(dir.path(), &["check", ".", "--group", "--format", "json"]);
    assert_eq!(code, 1);
    let groups: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_default();
    let summary: Vec<(String, u64, u64, String, String)> = groups
        .iter()
        .map(|g| {
            (
                g["rule"].as_str().unwrap_or_default().to_string(),
                g["count"].as_u64().unwrap_or(0),
                g["documents"].as_u64().unwrap_or(0),
                g["first_date"].as_str().unwrap_or_default().to_string(),
                g["last_date"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "FL101".to_string(),
                4,
                4,
                "2025-01-02".to_string(),
                "2025-05-09".to_string()
            ),
            (
                "FL601".to_string(),
                1,
                1,
                "2025-04-16".to_string(),
                "2025-04-16".to_string()
            ),
        ]
    );
    assert_eq!(groups[0]["text"], EMAIL_REFUSAL);
    let (_, table, _) = run(dir.path(), &["check", ".", "--group"]);
    assert!(table.contains("2025-01-02 – 2025-05-09"), "{table}");
    assert!(table.contains("2 verschiedene Wortlaute."), "{table}");
}

#[test]
fn statistics_by_family_sender_month_and_format() {
    let dir = archive();
    let (code, out, _) = run(dir.path(), &["stats", ".", "--format", "json"]);
    assert_eq!(code, 0);
    let stats: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let counts = |table: &str| -> Vec<(String, u64, u64)> {
        stats[table]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(key, c)| {
                (
                    key.clone(),
                    c["findings"].as_u64().unwrap_or(0),
                    c["documents"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let owned = |rows: &[(&str, u64, u64)]| -> Vec<(String, u64, u64)> {
        rows.iter()
            .map(|(k, f, d)| (k.to_string(), *f, *d))
            .collect()
    };
    assert_eq!(
        counts("by_family"),
        owned(&[("email-refused", 4, 4), ("fax-refused", 1, 1)])
    );
    assert_eq!(
        counts("by_sender"),
        owned(&[
            ("Jobcenter Musterstadt", 4, 4),
            ("Sozialamt Neustadt", 1, 1)
        ])
    );
    assert_eq!(
        counts("by_month"),
        owned(&[
            ("2025-01", 1, 1),
            ("2025-03", 1, 1),
            ("2025-04", 2, 2),
            ("2025-05", 1, 1)
        ])
    );
    assert_eq!(
        counts("by_format"),
        owned(&[("email", 3, 3), ("mbox", 2, 2)])
    );
    let (_, csv_out, _) = run(dir.path(), &["stats", ".", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 2 + 2 + 4 + 2);
    assert_eq!(&rows[2][0], "sender");
    assert_eq!(&rows[2][1], "Jobcenter Musterstadt");
    let (_, tables, _) = run(dir.path(), &["stats", "."]);
    assert!(tables.contains("Absender") && tables.contains("Monat") && tables.contains("2025-04"));
}

#[test]
fn csv_and_jsonl_name_message_sender_date_subject_and_page() {
    let dir = archive();
    let (_, out, _) = run(dir.path(), &["check", "archiv.mbox", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().cloned().unwrap_or_default();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][column("message_index")], "2");
    assert_eq!(
        &rows[1][column("from")],
        "Jobcenter Musterstadt <jobcenter-musterstadt@jobcenter-ge.de>"
    );
    assert_eq!(&rows[1][column("date")], "2025-05-09T08:00:00+02:00");
    assert_eq!(&rows[1][column("subject")], "Ihr Antrag, Frau Petrenko");
    let pdf = repo_path("fixtures/documents/letter-two-pages.pdf");
    let (_, out, _) = run(
        dir.path(),
        &["check", &pdf.to_string_lossy(), "--format", "jsonl"],
    );
    let pages: Vec<u64> = out
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap_or_default()["location"]["page"]
                .as_u64()
                .unwrap_or(0)
        })
        .collect();
    assert_eq!(pages, [1, 2]);
}

#[test]
fn redaction_removes_personal_data_from_every_output() {
    let dir = archive();
    let outputs = [
        vec!["check", ".", "--redact"],
        vec!["check", ".", "--redact", "--format", "csv"],
        vec!["check", ".", "--redact", "--format", "json", "--explain"],
        vec!["check", ".", "--redact", "--format", "jsonl"],
        vec!["check", ".", "--redact", "--format", "sarif"],
        vec!["check", ".", "--redact", "--group"],
        vec!["stats", ".", "--redact", "--format", "csv"],
    ];
    for args in outputs {
        let (_, out, _) = run(dir.path(), &args);
        for datum in PERSONAL {
            assert!(
                !out.contains(datum),
                "{datum} in output of {args:?}:\n{out}"
            );
        }
        if args[0] == "check" {
            assert!(out.contains(EMAIL_REFUSAL), "{args:?}");
        }
    }
    // Without --redact the data is there (the test above can fail).
    let (_, out, _) = run(dir.path(), &["check", ".", "--format", "csv"]);
    assert!(out.contains("olga.petrenko@gmx.de") || out.contains("Petrenko"));
    let (_, human, _) = run(dir.path(), &["check", "mails/a.eml", "--redact"]);
    assert!(
        human.contains("jobcenter-musterstadt@jobcenter-ge.de"),
        "agency addresses stay"
    );
}

#[test]
fn progress_only_on_a_terminal_and_never_with_quiet() {
    let dir = archive();
    let (_, _, stderr) = run(dir.path(), &["check", ".", "--format", "jsonl"]);
    assert_eq!(stderr, "");
    let binary = assert_cmd::cargo::cargo_bin!("formlos");
    let script = |extra: &str| {
        let command = format!(
            "{} check . --isolated --format jsonl {extra} > /dev/null",
            binary.display()
        );
        let output = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .env("TERM", "xterm")
            .output()
            .unwrap_or_else(|e| panic!("script(1): {e}"));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let terminal = script("");
    assert!(
        terminal.contains("Dateien"),
        "no progress on a terminal: {terminal:?}"
    );
    assert!(!script("--quiet").contains("Dateien"));
}

#[test]
fn no_network_client_is_linked() {
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--locked",
            "--offline",
        ])
        .current_dir(repo_path(""))
        .output()
        .unwrap_or_else(|e| panic!("cargo tree: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert!(
        crates.contains(&"regex"),
        "cargo tree printed no crates: {tree}"
    );
    const NETWORK: [&str; 14] = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "h2",
        "tokio",
        "async-std",
        "native-tls",
        "rustls",
        "openssl",
        "socket2",
    ];
    let linked: Vec<&&str> = NETWORK
        .iter()
        .filter(|name| crates.contains(name))
        .collect();
    assert!(linked.is_empty(), "network crates linked: {linked:?}");
}

#[test]
fn redacted_excerpts_underline_only_what_is_left_of_the_restriction() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("brief.txt"),
        "Sehr geehrte Frau Müller-Lüdenscheidt, E-Mails an max.muster@web.de werden nicht bearbeitet.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (_, out, _) = run(
        dir.path(),
        &["check", "brief.txt", "--redact", "--color", "never"],
    );
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|line| line.starts_with("1 | "))
        .unwrap_or_else(|| panic!("no excerpt:\n{out}"));
    assert_eq!(
        lines[source],
        "1 | Sehr geehrte Frau [Name], E-Mails an [E-Mail] werden nicht bearbeitet."
    );
    // The underline starts at the restriction and ends where it ends in the redacted
    // line, not after as many characters as the original had.
    let underline = lines[source + 1];
    let start = lines[source].find("E-Mails").unwrap_or_default();
    let end = lines[source].find(" bearbeitet").unwrap_or_default() + " bearbeitet".len();
    assert_eq!(
        underline,
        format!("  |{}{}", " ".repeat(start - 3), "^".repeat(end - start))
    );
}

/// `--group` keeps quoted, reported and denied sentences apart from the agency's own
/// restriction, and names context and severity in the table, JSON and CSV, so that a
/// quotation never looks like a restriction.
#[test]
fn grouped_wordings_show_context_and_severity() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = [
        (
            "a.txt",
            "Jobcenter Musterstadt\n\nSehr geehrte Frau Muster,\n\nAnträge per E-Mail werden nicht bearbeitet.\n",
        ),
        (
            "b.txt",
            "Notiz der Beratungsstelle\n\nDas Jobcenter schrieb: „Anträge per E-Mail werden nicht bearbeitet.“\n",
        ),
        (
            "c.txt",
            "Es stimmt nicht, dass Anträge per E-Mail nicht bearbeitet werden.\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let (_, json, _) = run(dir.path(), &["check", ".", "--group", "--format", "json"]);
    let groups: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap_or_default();
    let rows: Vec<(&str, &str, &str, &str)> = groups
        .iter()
        .map(|g| {
            (
                g["rule"].as_str().unwrap_or_default(),
                g["severity"].as_str().unwrap_or_default(),
                g["context"].as_str().unwrap_or_default(),
                g["example"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("FL101", "warning", "direct", "./a.txt"),
            ("FL101", "info", "quoted", "./b.txt"),
            ("FL101", "info", "reported", "./c.txt"),
        ]
    );
    let (_, csv, _) = run(dir.path(), &["check", ".", "--group", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "count,documents,rule,name,first_date,last_date,text,example,severity,context"
    );
    assert!(
        lines[1].ends_with(",./a.txt,warning,direct"),
        "{}",
        lines[1]
    );
    let (_, table, _) = run(dir.path(), &["check", ".", "--group", "--color", "never"]);
    assert!(table.contains("┆ Schwere ┆ Kontext "), "{table}");
    assert!(table.contains("┆ FL101 ┆ Warnung ┆ direkt    ┆"), "{table}");
    assert!(table.contains("┆ FL101 ┆ Hinweis ┆ zitiert   ┆"), "{table}");
    assert!(table.contains("┆ FL101 ┆ Hinweis ┆ berichtet ┆"), "{table}");
    let (_, english, _) = run(
        dir.path(),
        &["--lang", "en", "check", ".", "--group", "--color", "never"],
    );
    assert!(
        english.contains("┆ FL101 ┆ info     ┆ quoted   ┆"),
        "{english}"
    );
}
