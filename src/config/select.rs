//! Rule selectors, as in ruff: a rule id (`FL101`), an id prefix (`FL1` selects FL101,
//! FL102, FL1001 …), a rule name (`email-not-processed`), a family (`email-refused`) or
//! `ALL`. Used by `select`/`ignore`, severity overrides, per-file ignores and suppressions.

use crate::rules::meta::META_RULES;
use crate::rules::{RuleKey, RuleSet};

/// Whether `selector` selects the rule.
pub fn selects(selector: &str, rule: RuleKey<'_>) -> bool {
    let selector = selector.trim();
    if selector.eq_ignore_ascii_case("all") {
        return true;
    }
    let upper = selector.to_ascii_uppercase();
    let is_id_prefix = upper.len() >= 2
        && upper.starts_with("FL")
        && upper[2..].bytes().all(|b| b.is_ascii_digit());
    (is_id_prefix && rule.id.to_ascii_uppercase().starts_with(&upper))
        || selector == rule.name
        || selector == rule.family
}

/// The keys of every rule formlos knows: the loaded rules and its own diagnostics.
pub fn known_rules(rules: &RuleSet) -> Vec<RuleKey<'_>> {
    rules
        .rules
        .iter()
        .map(|rule| rule.key())
        .chain(META_RULES.iter().map(|meta| meta.key()))
        .collect()
}

/// Checks that every selector selects at least one rule; returns the first that does
/// not, so that a typo does not silently select nothing.
pub fn unknown<'s>(
    selectors: impl IntoIterator<Item = &'s String>,
    known: &[RuleKey<'_>],
) -> Option<&'s String> {
    selectors
        .into_iter()
        .find(|selector| !known.iter().any(|rule| selects(selector, *rule)))
}

/// Which rules run: those selected (all when nothing is selected) and not ignored.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn enables(&self, rule: RuleKey<'_>) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| selects(s, rule)))
            && !self.ignore.iter().any(|s| selects(s, rule))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: RuleKey<'static> = RuleKey {
        id: "FL101",
        name: "email-not-processed",
        family: "email-refused",
    };

    #[test]
    fn ids_prefixes_names_families_and_all() {
        for selector in [
            "FL101",
            "fl101",
            "FL1",
            "FL",
            "email-not-processed",
            "email-refused",
            "ALL",
        ] {
            assert!(selects(selector, RULE), "{selector}");
        }
        for selector in ["FL102", "FL2", "email", "FL10x", "F"] {
            assert!(!selects(selector, RULE), "{selector}");
        }
    }

    #[test]
    fn ignore_wins_over_select() {
        let selection = Selection {
            select: vec!["FL1".into()],
            ignore: vec!["email-not-processed".into()],
        };
        assert!(!selection.enables(RULE));
        assert!(Selection::default().enables(RULE));
    }
}
