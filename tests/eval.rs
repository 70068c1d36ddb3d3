//! The evaluation corpus as a quality gate: `formlos eval fixtures/corpus` must keep
//! recall ≥ 0.97, precision ≥ 0.99 and context accuracy ≥ 0.95 (the bar of issue 11), and
//! every label must point at a sentence that exists. The corpus holds the blind batches
//! b1-b10 (written by helpers who never saw the rules).

mod common;

use common::{formlos, repo_path};

#[test]
fn corpus_meets_the_quality_bar() {
    let corpus = repo_path("fixtures/corpus");
    let output = formlos()
        .args(["eval", "--format", "json"])
        .arg(&corpus)
        .args([
            "--min-recall",
            "0.97",
            "--min-precision",
            "0.99",
            "--min-context-accuracy",
            "0.95",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run formlos: {e}"));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("no JSON from eval: {e}"));
    assert_eq!(
        output.status.code(),
        Some(0),
        "below the bar: {:#}",
        report["overall"]
    );
    assert!(report["documents"].as_u64().unwrap_or(0) >= 879);
    assert_eq!(report["unmatched_labels"], serde_json::json!([]));
    assert_eq!(
        report["tuning_corpus"], true,
        "the built-in corpus is the one the rules were tuned on"
    );
    assert!(report["overall"]["recall"].as_f64().unwrap_or(0.0) >= 0.97);
    assert!(report["overall"]["precision"].as_f64().unwrap_or(0.0) >= 0.99);
}

#[test]
fn corpus_has_enough_lawful_documents() {
    let labels =
        formlos::eval::read_labels(&repo_path("fixtures/corpus")).unwrap_or_else(|e| panic!("{e}"));
    let without_direct_restriction = labels
        .documents
        .values()
        .filter(|document| {
            !document.sentences.iter().any(|s| {
                s.label == formlos::eval::Label::Violation
                    && s.context == formlos::engine::Context::Direct
            })
        })
        .count();
    assert!(
        without_direct_restriction >= 60,
        "{without_direct_restriction} lawful documents"
    );
}

#[test]
fn eval_fails_below_the_requested_bar_and_reports_label_errors() {
    let dir = std::env::temp_dir().join(format!("formlos-eval-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("a.txt"),
        "Faxe werden nicht mehr angenommen.\nDas ist ein Satz.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("labels.yaml"),
        "documents:\n  a.txt:\n    sentences:\n      - {text: 'Das ist ein Satz.', label: violation, families: [email-refused]}\n      - {text: 'Gibt es nicht.', label: lawful}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = formlos()
        .args(["eval", "--format", "json"])
        .arg(&dir)
        .args(["--min-recall", "0.5"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["overall"]["true_positives"], 0);
    assert_eq!(report["overall"]["false_negatives"], 1);
    assert_eq!(
        report["overall"]["false_positives"], 1,
        "the fax sentence is unlabelled, so a false alarm"
    );
    assert_eq!(report["false_alarms"][0]["rule"], "FL601");
    assert_eq!(report["misses"][0]["text"], "Das ist ein Satz.");
    assert_eq!(
        report["unmatched_labels"],
        serde_json::json!(["a.txt: Gibt es nicht."])
    );
}

/// A perfect score on the corpus the rules were tuned on is not a field result; the
/// output says which kind of corpus it measured, in German and English.
#[test]
fn eval_says_whether_the_corpus_is_the_tuning_corpus() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("a.txt"),
        "Faxe werden nicht mehr angenommen.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let labels = "documents:\n  a.txt:\n    sentences:\n      - {text: 'Faxe werden nicht mehr angenommen.', label: violation, families: [fax-refused]}\n";
    let run = |labels: &str, lang: &str| {
        std::fs::write(dir.path().join("labels.yaml"), labels).unwrap_or_else(|e| panic!("{e}"));
        let output = formlos()
            .args(["--lang", lang, "eval"])
            .arg(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let tuning = format!("tuning: true\n{labels}");
    let german = run(&tuning, "de");
    assert!(
        german.starts_with("Abstimmungskorpus: Die Regeln wurden an diesen Dokumenten entwickelt."),
        "{german}"
    );
    let english = run(&tuning, "en");
    assert!(
        english.starts_with("Tuning corpus: the rules were developed on these documents."),
        "{english}"
    );
    let field = run(labels, "de");
    assert!(field.starts_with("Korpus ohne `tuning: true`"), "{field}");
}

#[test]
fn eval_scores_each_batch_folder_on_its_own() {
    let dir = std::env::temp_dir().join(format!("formlos-eval-batches-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for batch in ["x1", "x2"] {
        std::fs::create_dir_all(dir.join(batch)).unwrap_or_else(|e| panic!("{e}"));
    }
    let write = |path: &str, text: &str| {
        std::fs::write(dir.join(path), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write("x1/a.txt", "Faxe werden nicht mehr angenommen.\n");
    write(
        "x2/b.txt",
        "Faxe werden nicht mehr angenommen.\nDas ist ein Satz.\n",
    );
    write(
        "labels.yaml",
        "documents:\n  a.txt:\n    sentences:\n      - {text: 'Faxe werden nicht mehr angenommen.', label: violation, families: [fax-refused]}\n  b.txt:\n    sentences:\n      - {text: 'Das ist ein Satz.', label: violation, families: [fax-refused]}\n",
    );
    let output = formlos()
        .args(["eval", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let batches = &report["batches"];
    assert_eq!(batches[0]["name"], "x1");
    assert_eq!(batches[0]["documents"], 1);
    assert_eq!(batches[0]["overall"]["recall"], 1.0);
    assert_eq!(batches[0]["overall"]["precision"], 1.0);
    assert_eq!(batches[1]["name"], "x2");
    assert_eq!(batches[1]["overall"]["recall"], 0.0);
    assert_eq!(batches[1]["overall"]["false_positives"], 1);
    assert_eq!(report["overall"]["true_positives"], 1);

    let table = formlos()
        .arg("eval")
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("Stapel"), "{text}");
    assert!(
        text.lines()
            .any(|line| line.contains("x2") && line.contains("0.000")),
        "{text}"
    );
}
