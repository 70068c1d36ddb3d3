//! Languages of user-facing text. German is the default because the people who read
//! formlos' findings are German claimants, counsellors and agency staff.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "native", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

/// A text given in German and English, as written in rule files.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub de: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// Picks the German or English variant of a fixed interface string.
pub fn t(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// The language of the interface for this process, set once the command line is read
/// (see `crate::interface`).
static INTERFACE: OnceLock<Lang> = OnceLock::new();

/// Records the interface language; the first call wins.
pub fn set_interface_lang(lang: Lang) {
    let _ = INTERFACE.set(lang);
}

/// The language of help and usage errors, also for value errors raised while the command
/// line is parsed (`--shard 9/8`), which have no other way to learn it.
pub fn interface_lang() -> Lang {
    INTERFACE.get().copied().unwrap_or_default()
}

/// [`t`] in the interface language.
pub fn say(de: &'static str, en: &'static str) -> &'static str {
    t(interface_lang(), de, en)
}
