//! Checking an extracted document: every unit through the engine, then the project's
//! settings (per-file ignores, severity overrides) and the document's own suppressions.

use std::sync::Arc;

use super::UNIT_SEPARATOR;
use super::finding::{finding, meta_finding};
use super::options::CheckOptions;
use super::place::Place;
use crate::budget::{Deadline, OverBudget};
use crate::config::select::known_rules;
use crate::config::suppress::{self, Directive, Policy};
use crate::engine::agency::agency_kinds;
use crate::engine::letterhead;
use crate::engine::offsets::LineIndex;
use crate::engine::{Hit, check_text_within};
use crate::extract;
use crate::report::Finding;
use crate::rules::{RuleKey, RuleSet};

/// The findings of a document and how many inline suppressions hid.
pub(super) struct Checked {
    pub findings: Vec<Finding>,
    pub suppressed: usize,
}

/// Checks every unit of an extracted document, then applies the project's settings:
/// per-file ignores, severity overrides and the document's own suppressions. Gives up
/// once `deadline` has passed.
pub(super) fn check_document(
    path: &str,
    document: &extract::Document,
    rules: &RuleSet,
    options: CheckOptions<'_>,
    deadline: Deadline,
) -> Result<Checked, OverBudget> {
    // Evidence may stand anywhere in the document: the letterhead in a Word header, the
    // address on page 1 of a PDF, the sender of an e-mail.
    let mut evidence = document.evidence.clone();
    if document.units.len() > 1 {
        for unit in &document.units {
            evidence.push('\n');
            evidence.push_str(&unit.text);
        }
    }
    let settings = options.settings;
    let mut checked = Checked {
        findings: Vec::new(),
        suppressed: 0,
    };
    let mut file_wide: Vec<Directive> = Vec::new();
    let mut unit_directives: Vec<Vec<Directive>> = Vec::with_capacity(document.units.len());
    for unit in &document.units {
        let (wide, own): (Vec<Directive>, Vec<Directive>) =
            suppress::directives(unit.source(), &unit.comments)
                .into_iter()
                .partition(|d| d.kind == suppress::Kind::File);
        file_wide.extend(wide);
        unit_directives.push(own);
    }
    let mut line_indexes: Vec<Option<LineIndex>> = vec![None; document.units.len()];
    // Where each unit starts in the file's checked text (units joined by blank lines).
    let text_bases = document.units.iter().scan(0, |next, unit| {
        let base = *next;
        *next += unit.text.len() + UNIT_SEPARATOR.len();
        Some(base)
    });
    for (((unit, directives), lines), text_base) in document
        .units
        .iter()
        .zip(&mut unit_directives)
        .zip(&mut line_indexes)
        .zip(text_bases)
    {
        let without_directives = suppress::mask_directive_lines(&unit.text);
        let text = settings.mask_placeholders(&without_directives);
        let hits: Vec<Hit> = check_text_within(rules, &text, &evidence, deadline, options.explain)?
            .into_iter()
            .filter(|hit| hit.confidence >= options.min_confidence)
            .filter(|hit| !settings.ignored_in(path, rules.rules[hit.rule].key()))
            .collect();
        if hits.is_empty() && directives.is_empty() && file_wide.is_empty() {
            continue;
        }
        let place = Place::new(path, document.format, unit, lines);
        // Each hit is dropped once it is a finding: on keyword-dense text there are tens
        // of thousands, and both together would double the memory.
        let mut findings: Vec<Finding> = hits
            .into_iter()
            .map(|hit| {
                let mut finding = finding(&place, &hit, &text, rules, options);
                finding.text_span =
                    Some(hit.sentence.start + text_base..hit.sentence.end + text_base);
                finding
            })
            .collect();
        checked.suppressed += suppress::apply(directives, &mut findings, unit.line_base);
        checked.suppressed += suppress::apply(&mut file_wide, &mut findings, unit.line_base);
        findings
            .iter_mut()
            .for_each(|finding| count_lines_from_page(unit, finding));
        if unit.location.contains_key(extract::ALTERNATIVE) {
            // The HTML read beside a plain text that says something else: what both say
            // is reported once, from the plain text.
            findings.retain(|finding| {
                !checked
                    .findings
                    .iter()
                    .any(|seen| seen.rule == finding.rule && seen.text == finding.text)
            });
        }
        if checked.findings.is_empty() {
            checked.findings = findings;
        } else {
            checked.findings.extend(findings);
        }
    }
    if !checked.findings.is_empty() {
        describe_letter(document, &evidence, &mut checked.findings);
    }
    // Problems of directives are known only once every unit was checked.
    let known = known_rules(rules);
    let enabled = |rule: RuleKey<'_>| settings.enables(rule);
    let policy = Policy {
        require_reason: settings.require_reason,
        known: &known,
        enabled: &enabled,
    };
    for (index, directives) in unit_directives.iter().enumerate() {
        let file_wide_here: &[Directive] = if index == 0 { &file_wide } else { &[] };
        let problems = suppress::problems(directives, policy)
            .into_iter()
            .chain(suppress::problems(file_wide_here, policy));
        for (directive, problem) in problems {
            if !settings.enables(problem.rule().key()) {
                continue;
            }
            let unit = &document.units[index];
            let place = Place::new(path, document.format, unit, &mut line_indexes[index]);
            let mut finding = meta_finding(&place, directive, &problem, options.lang);
            count_lines_from_page(unit, &mut finding);
            checked.findings.push(finding);
        }
    }
    Ok(checked)
}

/// Adds what the letter says about itself to each finding's location: the agency named
/// in it (`agency`) and its date (`letter_date`), for statistics over archives.
fn describe_letter(document: &extract::Document, evidence: &str, findings: &mut [Finding]) {
    let text = match document.units.as_slice() {
        [only] => only.text.as_str(),
        _ => evidence,
    };
    let named = letterhead::agency(text);
    let date = letterhead::letter_date(text);
    let kinds = agency_kinds();
    // The agencies the head and the whole text name are looked for once per document,
    // and only when a finding has no agency name that tells its kind (a hostile file can
    // hold thousands of findings).
    let kind_in_text = std::cell::OnceCell::new();
    // The law of each rule (by id) for each kind of agency, made once and shared.
    type Law<'k> = (Arc<str>, &'k str, Arc<[String]>);
    let mut laws: Vec<Law<'_>> = Vec::new();
    for finding in findings.iter_mut() {
        // An e-mail's sender name ("Jobcenter Oststadt <…>") names the agency best.
        let sender = finding
            .location
            .get("from")
            .and_then(|from| from.as_str())
            .and_then(letterhead::agency)
            .filter(|agency| agency.contains(' '));
        let agency = sender.or_else(|| named.clone());
        // Whose law applies: told by the agency's name, else by the agencies and benefits
        // the letter names (as the report and the reply tell it).
        let kind = agency
            .as_deref()
            .and_then(|name| kinds.recognise(name))
            .or_else(|| *kind_in_text.get_or_init(|| kinds.kind_of_letter(None, text)));
        if let Some(kind) = kind {
            let known = laws
                .iter()
                .find(|(rule, known_kind, _)| *rule == finding.rule && *known_kind == kind);
            finding.law = match known {
                Some((_, _, law)) => Arc::clone(law),
                None => {
                    let law: Arc<[String]> = kinds.law_for(kind, &finding.law).into();
                    laws.push((Arc::clone(&finding.rule), kind, Arc::clone(&law)));
                    law
                }
            };
            finding
                .location
                .insert("agency_kind", serde_json::Value::from(kind));
        }
        if let Some(agency) = agency {
            finding
                .location
                .insert("agency", serde_json::Value::from(agency));
        }
        if let Some(date) = &date {
            finding
                .location
                .insert("letter_date", serde_json::Value::from(date.clone()));
        }
    }
}

/// Lines of a PDF count from the top of the page the finding starts on (suppressions
/// are matched before, on the unit's own lines).
fn count_lines_from_page(unit: &extract::Unit, finding: &mut Finding) {
    let before = unit.lines_before_page(finding.line);
    finding.line -= before;
    finding.end_line -= before;
    finding.excerpt.first_line -= before;
}
