//! How a rule is named in selectors: by id, name or family.

use super::compile::Rule;

/// What a selector is compared with.
#[derive(Debug, Clone, Copy)]
pub struct RuleKey<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub family: &'a str,
}

impl Rule {
    /// The key selectors are compared with.
    pub fn key(&self) -> RuleKey<'_> {
        RuleKey {
            id: &self.spec.id,
            name: &self.spec.name,
            family: &self.family,
        }
    }
}
