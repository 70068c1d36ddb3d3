//! Turning an engine hit (or a problem with a suppression) into a finding with
//! positions, severity, message and explanation.

use std::sync::Arc;

use super::options::CheckOptions;
use super::place::{Place, RuleStrings, ocr_confidence};
use super::sentence_fix::sentence_fix;
use crate::config::baseline::fingerprint;
use crate::config::suppress::{Directive, Problem};
use crate::engine::{Context, Hit};
use crate::i18n::Lang;
use crate::report::{Explanation, Finding, MatchedElement};
use crate::rules::meta::{META_FAMILY, MetaRule};
use crate::rules::{RuleSet, Severity};

/// A finding of formlos itself about an inline suppression.
pub(super) fn meta_finding(
    place: &Place<'_>,
    directive: &Directive,
    problem: &Problem,
    lang: Lang,
) -> Finding {
    let rule: &MetaRule = problem.rule();
    let span =
        directive.span.start.min(place.source.len())..directive.span.end.min(place.source.len());
    let (line, column) = place.lines.position(place.source, span.start);
    let (end_line, end_column) = place.lines.position(place.source, span.end);
    let text = place.source[span.clone()].trim().to_string();
    Finding {
        path: Arc::clone(&place.strings.borrow().path),
        rule: Arc::from(rule.id),
        name: Arc::from(rule.name),
        family: Arc::from(META_FAMILY),
        severity: Severity::Warning,
        line: line + place.unit.line_base,
        column,
        end_line: end_line + place.unit.line_base,
        end_column,
        fingerprint: fingerprint(rule.id, &text, place.path),
        text: Arc::from(text),
        message: Arc::from(problem.message(lang)),
        law: Arc::from([]),
        context: Context::Direct,
        confidence: 1.0,
        location: place.location(line, &span),
        fix: None,
        fix_refused: None,
        explanation: None,
        excerpt: place.excerpt(line, end_line, span),
        text_span: None,
    }
}

/// The finding of `hit`, placed in the file.
///
/// `checked` is the unit's text as the engine saw it (placeholders masked).
pub(super) fn finding(
    place: &Place<'_>,
    hit: &Hit,
    checked: &str,
    rules: &RuleSet,
    options: CheckOptions<'_>,
) -> Finding {
    let rule = &rules.rules[hit.rule];
    let lang = options.lang;
    let source = place.source;
    let start = place.unit.to_source.map(hit.span.start).min(source.len());
    let end = place
        .unit
        .to_source
        .map(hit.span.end)
        .clamp(start, source.len());
    let (line, column) = place.lines.position(source, start);
    let (end_line, end_column) = place.lines.position(source, end);
    let excerpt = place.excerpt(line, end_line, start..end);
    let evidence = rule.spec.evidence.as_ref();
    let key = rule.key();
    let severity = match (hit.context, evidence) {
        (Context::Quoted | Context::Reported, _) => Severity::Info,
        (Context::Direct, _) if options.settings.severity_of(key).is_some() => options
            .settings
            .severity_of(key)
            .unwrap_or(rule.spec.severity),
        (Context::Direct, Some(spec)) if hit.evidence.is_none() => spec.otherwise,
        (Context::Direct, _) => rule.spec.severity,
    };
    // The evidence note's case, which with the rule decides the message.
    let note_case = evidence
        .filter(|_| hit.context == Context::Direct)
        .map(|_| hit.evidence.clone());
    let mut strings = place.strings.borrow_mut();
    let shared = strings
        .rules
        .entry(hit.rule)
        .or_insert_with(|| RuleStrings {
            id: Arc::from(rule.spec.id.as_str()),
            name: Arc::from(rule.spec.name.as_str()),
            family: Arc::from(rule.family.as_str()),
            law: rule.spec.law.iter().map(|n| n.norm.clone()).collect(),
            replacement: rule
                .spec
                .replacement
                .as_ref()
                .map(|replacement| Arc::from(replacement.trim())),
            message: None,
        });
    let message = match &shared.message {
        Some((case, message)) if *case == note_case => Arc::clone(message),
        _ => {
            let mut message = rule.spec.message.get(lang).to_string();
            if let Some(spec) = evidence
                && hit.context == Context::Direct
            {
                let note = match &hit.evidence {
                    Some(found) => spec.present.get(lang).replace("{evidence}", found),
                    None => spec.absent.get(lang).to_string(),
                };
                message.push(' ');
                message.push_str(note.trim());
            }
            let message: Arc<str> = Arc::from(message);
            shared.message = Some((note_case, Arc::clone(&message)));
            message
        }
    };
    let (id, name, family, law) = (
        Arc::clone(&shared.id),
        Arc::clone(&shared.name),
        Arc::clone(&shared.family),
        Arc::clone(&shared.law),
    );
    let replacement = shared.replacement.clone();
    let path = Arc::clone(&strings.path);
    strings.sentence = Some((hit.sentence.clone(), Arc::clone(&hit.sentence_text)));
    let text = Arc::clone(&hit.sentence_text);
    drop(strings);
    let explanation = options.explain.then(|| {
        Box::new(Explanation {
            pattern: hit.pattern + 1,
            within: rule.patterns[hit.pattern].within,
            matched: hit
                .matched
                .iter()
                .map(|(element, text)| MatchedElement {
                    element: element.to_string(),
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                })
                .collect(),
            context_cue: hit.cue.clone(),
            evidence: rule.evidence.as_ref().map(|_| hit.evidence.clone()),
        })
    });
    let (fix, fix_refused) = match (&replacement, hit.context) {
        (Some(replacement), Context::Direct) => {
            match sentence_fix(place, hit, checked, replacement, lang) {
                Some(Ok(fix)) => (Some(Box::new(fix)), None),
                Some(Err(note)) => (None, Some(note)),
                None => (None, None),
            }
        }
        _ => (None, None),
    };
    Finding {
        path,
        rule: id,
        name,
        family,
        severity,
        line: line + place.unit.line_base,
        column,
        end_line: end_line + place.unit.line_base,
        end_column,
        fingerprint: fingerprint(&rule.spec.id, &hit.sentence_text, place.path),
        text,
        message,
        law,
        context: hit.context,
        // A finding in recognized text is as sure as the words it stands on.
        confidence: ocr_confidence(place.unit.ocr_words_in(start..end))
            .map_or(hit.confidence, |ocr| {
                (hit.confidence * ocr * 100.0).round() / 100.0
            }),
        location: place.location(line, &(start..end)),
        fix,
        fix_refused,
        explanation,
        excerpt,
        text_span: None,
    }
}
