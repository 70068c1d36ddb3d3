//! formlos' own diagnostics (about inline suppressions). They are not legal rules, which
//! are YAML data, but they are selected, listed and reported like rules.

use super::key::RuleKey;
use crate::i18n::{Lang, t};

/// A diagnostic of formlos itself (not a legal rule; those are YAML data).
#[derive(Debug, Clone, Copy)]
pub struct MetaRule {
    pub id: &'static str,
    pub name: &'static str,
    pub title: (&'static str, &'static str),
    pub help: (&'static str, &'static str),
}

impl MetaRule {
    pub fn key(&self) -> RuleKey<'static> {
        RuleKey {
            id: self.id,
            name: self.name,
            family: META_FAMILY,
        }
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        t(lang, self.title.0, self.title.1)
    }

    pub fn help(&self, lang: Lang) -> &'static str {
        t(lang, self.help.0, self.help.1)
    }
}

/// The family of formlos' own diagnostics.
pub const META_FAMILY: &str = "suppressions";

pub const INVALID_SUPPRESSION: MetaRule = MetaRule {
    id: "FL001",
    name: "invalid-suppression",
    title: (
        "Unterdrückung ohne Begründung oder mit unbekannter Regel",
        "Suppression without a reason or with an unknown rule",
    ),
    help: (
        "Jede Unterdrückung braucht eine Begründung nach „--“, damit später nachvollziehbar ist, warum die Stelle rechtmäßig ist, z. B. „formlos-disable-next-line FL101 -- Zitat aus dem Urteil“. Regeln werden mit Kennung (FL101), Name oder Familie genannt.",
        "Every suppression needs a reason after \"--\", so that reviewers can see why the passage is lawful, e.g. \"formlos-disable-next-line FL101 -- quoting the judgment\". Rules are named by id (FL101), name or family.",
    ),
};

pub const UNUSED_SUPPRESSION: MetaRule = MetaRule {
    id: "FL002",
    name: "unused-suppression",
    title: (
        "Unterdrückung ohne Wirkung",
        "Suppression that suppresses nothing",
    ),
    help: (
        "An dieser Stelle meldet formlos nichts mehr, was die Unterdrückung verbergen müsste – etwa weil der Text geändert wurde. Entfernen Sie den Kommentar, damit er künftige Befunde nicht verdeckt.",
        "formlos no longer reports anything here that the suppression would hide, for example because the text was changed. Remove the comment so that it does not hide future findings.",
    ),
};

pub const META_RULES: [MetaRule; 2] = [INVALID_SUPPRESSION, UNUSED_SUPPRESSION];
