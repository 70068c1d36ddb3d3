//! `formlos eval DIR`: measures the rules against a labelled corpus.
//!
//! `DIR/labels.yaml` marks, per document, every sentence that makes a restriction
//! (`violation`, with its families and whether the document says it itself, quotes it
//! or reports it) and every lawful look-alike. Every other sentence counts as lawful.
//! The report gives precision, recall and F1 per rule family and overall, the share of
//! detected restrictions whose context was right, and lists every miss and false alarm.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::Context;
use crate::engine::normalize::normalize;
use crate::report::{Finding, RunReport};

mod print;

pub use print::print_eval;

/// The file in a corpus folder that holds the labels.
pub const LABELS_FILE: &str = "labels.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// The rules were tuned on this corpus (`tuning: true`): its figures show that the
    /// rules still do what they were made to do, not how they fare on unseen letters, and
    /// the output says so.
    #[serde(default)]
    pub tuning: bool,
    pub documents: BTreeMap<String, LabelledDocument>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledDocument {
    /// Where the document or its wording comes from.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub sentences: Vec<LabelledSentence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Violation,
    Lawful,
    /// A sentence its writer could not decide (a blind batch's `b`): findings on it are
    /// neither right nor wrong, and it is not counted as a restriction.
    Borderline,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledSentence {
    /// The sentence (or a distinctive part of it) as it appears in the document.
    pub text: String,
    pub label: Label,
    /// Rule families of a violation (usually one).
    #[serde(default)]
    pub families: Vec<String>,
    /// Who makes the statement; `direct` when absent.
    #[serde(default = "direct")]
    pub context: Context,
    #[serde(default)]
    pub source: Option<String>,
}

fn direct() -> Context {
    Context::Direct
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn from_counts(true_positives: usize, false_positives: usize, false_negatives: usize) -> Self {
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                1.0
            } else {
                part as f64 / whole as f64
            }
        };
        let precision = ratio(true_positives, true_positives + false_positives);
        let recall = ratio(true_positives, true_positives + false_negatives);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            true_positives,
            false_positives,
            false_negatives,
            precision,
            recall,
            f1,
        }
    }
}

/// A labelled restriction that no direct finding of its family covers.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub document: String,
    pub text: String,
    pub families: Vec<String>,
    pub context: Context,
    /// Findings on the sentence, when they had another family or context.
    pub found: Vec<String>,
}

/// A direct finding on a sentence that is not a labelled direct restriction of its family.
#[derive(Debug, Clone, Serialize)]
pub struct FalseAlarm {
    pub document: String,
    pub line: usize,
    pub rule: String,
    pub family: String,
    pub text: String,
    /// The label of the sentence, when it has one.
    pub labelled: Option<Label>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Copied from `tuning` in labels.yaml: the figures are on the corpus the rules were
    /// tuned on, not a field result.
    pub tuning_corpus: bool,
    pub documents: usize,
    pub labelled_violations: usize,
    pub labelled_lawful: usize,
    /// Sentence level: is a direct restriction reported at all (any family)?
    pub overall: Score,
    pub by_family: BTreeMap<String, Score>,
    /// Of the labelled restrictions (any context) that got a finding, the share whose
    /// finding had the labelled context.
    pub context_accuracy: f64,
    pub misses: Vec<Miss>,
    pub false_alarms: Vec<FalseAlarm>,
    /// Labelled sentences that could not be found in their document (label errors).
    pub unmatched_labels: Vec<String>,
    /// The figures per batch (the sub-folder a document lives in), when the corpus has
    /// more than one: blind batches are judged one by one, so that a batch's untuned
    /// figure can be compared with its tuned one.
    pub batches: Vec<BatchScore>,
}

/// The sentence-level figures of the documents of one folder of the corpus.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BatchScore {
    /// The folder's name (the corpus folder's own name for its top-level documents).
    pub name: String,
    pub documents: usize,
    pub labelled_violations: usize,
    pub overall: Score,
    pub context_accuracy: f64,
}

/// Whitespace-folded normalized text, for comparing labels with findings.
fn comparable(text: &str) -> String {
    normalize(text)
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads `DIR/labels.yaml`.
pub fn read_labels(dir: &Path) -> Result<Labels, String> {
    let path = dir.join(LABELS_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_yaml::from_str(&text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        format!("{}:{line}:{column}: {e}", path.display())
    })
}

/// Scores the findings of `report` (a check of the corpus folder) against `labels`,
/// overall and, when the documents live in more than one folder, per folder.
pub fn evaluate(labels: &Labels, report: &RunReport) -> EvalReport {
    let mut evaluation = score_documents(labels, report);
    let batch_of: BTreeMap<&str, &str> = report
        .files
        .iter()
        .map(|file| (document_name(&file.path), batch_name(&file.path)))
        .collect();
    let mut batches: BTreeMap<&str, Labels> = BTreeMap::new();
    for (name, document) in &labels.documents {
        let batch = batch_of.get(name.as_str()).copied().unwrap_or("-");
        batches
            .entry(batch)
            .or_insert_with(|| Labels {
                tuning: labels.tuning,
                documents: BTreeMap::new(),
            })
            .documents
            .insert(name.clone(), document.clone());
    }
    if batches.len() > 1 {
        evaluation.batches = batches
            .into_iter()
            .map(|(name, batch_labels)| {
                let scored = score_documents(&batch_labels, report);
                BatchScore {
                    name: name.to_string(),
                    documents: scored.documents,
                    labelled_violations: scored.labelled_violations,
                    overall: scored.overall,
                    context_accuracy: scored.context_accuracy,
                }
            })
            .collect();
    }
    evaluation
}

/// The batch a file belongs to: the name of the folder it lives in.
fn batch_name(path: &str) -> &str {
    Path::new(path)
        .parent()
        .and_then(|parent| parent.file_name())
        .and_then(|name| name.to_str())
        .unwrap_or("-")
}

/// Scores the labelled documents in `labels` against the findings of `report` (which
/// may cover more documents; the others are ignored).
fn score_documents(labels: &Labels, report: &RunReport) -> EvalReport {
    let mut findings_by_document: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in &report.findings {
        let name = document_name(&finding.path);
        findings_by_document.entry(name).or_default().push(finding);
    }
    let document_texts: BTreeMap<&str, String> = report
        .files
        .iter()
        .filter(|file| labels.documents.contains_key(document_name(&file.path)))
        .filter_map(|file| Some((document_name(&file.path), comparable(file.text.as_deref()?))))
        .collect();

    let mut families: BTreeSet<String> = BTreeSet::new();
    let mut family_counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut overall_tp, mut overall_fp, mut overall_fn) = (0, 0, 0);
    let (mut context_right, mut context_total) = (0, 0);
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    let mut unmatched_labels = Vec::new();
    let mut labelled_violations = 0;
    let mut labelled_lawful = 0;

    for (name, document) in &labels.documents {
        let findings = findings_by_document
            .get(name.as_str())
            .cloned()
            .unwrap_or_default();
        let finding_texts: Vec<String> = findings.iter().map(|f| comparable(&f.text)).collect();
        let covers = |label: &str, index: usize| {
            let found = &finding_texts[index];
            found.contains(label) || label.contains(found.as_str())
        };
        let label_texts: Vec<String> = document
            .sentences
            .iter()
            .map(|s| comparable(&s.text))
            .collect();
        let mut explained = vec![false; findings.len()];
        for (sentence, label_text) in document.sentences.iter().zip(&label_texts) {
            if !document_texts
                .get(name.as_str())
                .is_some_and(|text| text.contains(label_text.as_str()))
            {
                unmatched_labels.push(format!("{name}: {}", sentence.text));
            }
            let covering: Vec<usize> = (0..findings.len())
                .filter(|&i| covers(label_text, i))
                .collect();
            match sentence.label {
                Label::Borderline => {
                    for &i in &covering {
                        explained[i] = true;
                    }
                    continue;
                }
                Label::Lawful => labelled_lawful += 1,
                Label::Violation => {
                    labelled_violations += 1;
                    families.extend(sentence.families.iter().cloned());
                    if !covering.is_empty() {
                        context_total += 1;
                        if covering
                            .iter()
                            .any(|&i| findings[i].context == sentence.context)
                        {
                            context_right += 1;
                        }
                    }
                }
            }
            let is_direct_violation =
                sentence.label == Label::Violation && sentence.context == Context::Direct;
            if !is_direct_violation {
                // Non-direct findings on quoted, reported or lawful sentences are right.
                for &i in &covering {
                    if findings[i].context != Context::Direct {
                        explained[i] = true;
                    }
                }
                continue;
            }
            let direct: Vec<usize> = covering
                .iter()
                .copied()
                .filter(|&i| findings[i].context == Context::Direct)
                .collect();
            if direct.is_empty() {
                overall_fn += 1;
            } else {
                overall_tp += 1;
            }
            for family in &sentence.families {
                let counts = family_counts.entry(family.clone()).or_default();
                let hit = direct.iter().any(|&i| *findings[i].family == **family);
                if hit {
                    counts.0 += 1;
                } else {
                    counts.2 += 1;
                }
            }
            let family_hit = direct
                .iter()
                .any(|&i| sentence.families.contains(&findings[i].family.to_string()));
            if !family_hit {
                misses.push(Miss {
                    document: name.clone(),
                    text: sentence.text.clone(),
                    families: sentence.families.clone(),
                    context: sentence.context,
                    found: covering
                        .iter()
                        .map(|&i| {
                            format!("{} ({})", findings[i].rule, findings[i].context.as_str())
                        })
                        .collect(),
                });
            }
            for &i in &direct {
                if sentence.families.contains(&findings[i].family.to_string()) {
                    explained[i] = true;
                }
            }
        }
        // Every direct finding not explained by a labelled direct restriction of its
        // family is a false alarm; findings in other contexts on unlabelled sentences too.
        let mut counted_sentences: BTreeSet<String> = BTreeSet::new();
        for (i, finding) in findings.iter().enumerate() {
            if explained[i] {
                continue;
            }
            let labelled_sentence = document
                .sentences
                .iter()
                .zip(&label_texts)
                .find(|(_, label_text)| covers(label_text, i))
                .map(|(sentence, _)| sentence);
            let labelled = labelled_sentence.map(|s| s.label);
            if finding.context != Context::Direct && labelled.is_some() {
                continue;
            }
            families.insert(finding.family.to_string());
            family_counts
                .entry(finding.family.to_string())
                .or_default()
                .1 += 1;
            // A direct restriction found by a rule of another family still counts as
            // found at sentence level; anything else direct is a false alarm there.
            let is_direct_violation = labelled_sentence
                .is_some_and(|s| s.label == Label::Violation && s.context == Context::Direct);
            if finding.context == Context::Direct
                && !is_direct_violation
                && counted_sentences.insert(finding_texts[i].clone())
            {
                overall_fp += 1;
            }
            false_alarms.push(FalseAlarm {
                document: name.clone(),
                line: finding.line,
                rule: finding.rule.to_string(),
                family: finding.family.to_string(),
                text: finding.text.to_string(),
                labelled,
            });
        }
    }

    let by_family = families
        .into_iter()
        .map(|family| {
            let (tp, fp, fn_) = family_counts.get(&family).copied().unwrap_or_default();
            (family, Score::from_counts(tp, fp, fn_))
        })
        .collect();
    EvalReport {
        tuning_corpus: labels.tuning,
        documents: labels.documents.len(),
        labelled_violations,
        labelled_lawful,
        overall: Score::from_counts(overall_tp, overall_fp, overall_fn),
        by_family,
        context_accuracy: if context_total == 0 {
            1.0
        } else {
            context_right as f64 / context_total as f64
        },
        misses,
        false_alarms,
        unmatched_labels,
        batches: Vec::new(),
    }
}

/// The file name a finding or file report refers to, relative to the corpus folder.
fn document_name(path: &str) -> &str {
    Path::new(path)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(path)
}
