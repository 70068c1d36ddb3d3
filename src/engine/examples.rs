//! A rule's own examples, checked with the engine (`formlos rules test` and the tests).

use super::{Context, check_text};
use crate::rules::{Rule, RuleSet};

/// A failed example of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub example: String,
    /// For an example that must not match: what matched.
    pub matched: Option<String>,
}

/// Runs the examples of one rule: each `match` example must yield a direct finding of
/// the rule, no `no_match` example may.
pub fn example_failures(rules: &RuleSet, index: usize) -> Vec<ExampleFailure> {
    let rule: &Rule = &rules.rules[index];
    let direct_hit = |text: &str| {
        check_text(rules, text)
            .into_iter()
            .find(|hit| hit.rule == index && hit.context == Context::Direct)
            .map(|hit| text[hit.span].to_string())
    };
    let mut failures = Vec::new();
    for example in &rule.spec.examples.must_match {
        if direct_hit(example).is_none() {
            failures.push(ExampleFailure {
                rule: rule.spec.id.clone(),
                example: example.clone(),
                matched: None,
            });
        }
    }
    for example in &rule.spec.examples.must_not_match {
        if let Some(matched) = direct_hit(example) {
            failures.push(ExampleFailure {
                rule: rule.spec.id.clone(),
                example: example.clone(),
                matched: Some(matched),
            });
        }
    }
    failures
}
