//! Built-in regexes with a quick answer on German text: a variant for the text's ASCII
//! spelling rules out most searches before the slow Unicode regex runs.

use crate::builtin_regex::built_in;

/// A built-in regex with a quick answer on German text.
///
/// On text with umlauts the regex crate cannot decide Unicode word boundaries with its
/// DFA and falls back to engines many times slower; on keyword-dense text, classifying
/// the context of every hit that way took most of the time. The regex's variant for the
/// text's ASCII spelling ([`crate::rules::ascii`]) finds every match of the regex, at
/// the same offsets, and may find more (where the text itself spells "ae"). So when the
/// variant finds nothing, the regex finds nothing either; otherwise the regex decides.
/// The answers are the regex's own.
#[derive(Debug)]
pub(crate) struct SpelledRegex {
    regex: regex::Regex,
    /// Compiled when first due: after [`VARIANT_AFTER_USES`] searches, or at once for a
    /// long text. `None` when the pattern has no variant: the regex always decides.
    variant: std::sync::OnceLock<Option<regex::Regex>>,
    uses: std::sync::atomic::AtomicUsize,
}

/// Searches of short texts after which the variant is compiled: the few sentences of one
/// letter are searched faster by the regex alone than the variant compiles.
const VARIANT_AFTER_USES: usize = 200;

impl SpelledRegex {
    /// A built-in pattern (see [`built_in`]), compiled at once; its variant when due.
    pub(crate) fn new(pattern: &str) -> Self {
        Self {
            regex: built_in(pattern),
            variant: std::sync::OnceLock::new(),
            uses: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Whether the variant rules out a match in a text whose ASCII spelling (with the
    /// same offsets) is `spelled`, if it has one.
    fn ruled_out(&self, spelled: Option<&str>) -> bool {
        let Some(spelled) = spelled else {
            return false;
        };
        let uses = self.uses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if uses < VARIANT_AFTER_USES && !crate::rules::ascii::is_long(spelled) {
            return false;
        }
        self.variant
            .get_or_init(|| crate::rules::ascii_variant(self.regex.as_str()))
            .as_ref()
            .is_some_and(|variant| !variant.is_match(spelled))
    }

    /// The regex's first match in `text`; `spelled` as in [`SpelledRegex::ruled_out`].
    pub(crate) fn find_in<'t>(
        &self,
        text: &'t str,
        spelled: Option<&str>,
    ) -> Option<regex::Match<'t>> {
        if self.ruled_out(spelled) {
            return None;
        }
        self.regex.find(text)
    }

    /// Whether the regex matches `text`; `spelled` as in [`SpelledRegex::ruled_out`].
    pub(crate) fn is_match_in(&self, text: &str, spelled: Option<&str>) -> bool {
        !self.ruled_out(spelled) && self.regex.is_match(text)
    }

    /// Every match of the regex in `text`; `spelled` as in [`SpelledRegex::ruled_out`].
    pub(crate) fn find_iter_in<'r, 't>(
        &'r self,
        text: &'t str,
        spelled: Option<&str>,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'r, 't> {
        (!self.ruled_out(spelled))
            .then(|| self.regex.find_iter(text))
            .into_iter()
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::SpelledRegex;

    /// The variant only ever rules out what the regex would not find: on long texts
    /// (variant at once) with line anchors, word boundaries after umlauts and `ß`.
    #[test]
    fn the_variant_never_rules_out_a_match() {
        let markers = SpelledRegex::new(
            r"(?im)^[ \t]*(?:sehr\s+geehrte|hallo\b)|mit\s+freundlichen\s+grüßen|\bhieß\s+es\b",
        );
        let filler = "Über die Straße gehen Müller und Jäger. ".repeat(2000);
        for (tail, expected) in [
            ("\nSehr geehrte Frau Öztürk,", true),
            ("\n  Hallo Jürgen", true),
            ("Mit freundlichen Grüßen", true),
            ("Zugleich hieß es, nichts", true),
            ("Zugleich hießen sie", false),
            ("nicht am Zeilenanfang: sehr geehrte", false),
            ("Hallöchen", false),
        ] {
            let text = format!("{filler}{tail}");
            let spelled = crate::rules::ascii::long_text_spelling(&text);
            assert!(spelled.is_some(), "a long German text has a spelling");
            assert_eq!(
                markers.is_match_in(&text, spelled.as_deref()),
                expected,
                "{tail}"
            );
            assert_eq!(
                markers.find_iter_in(&text, spelled.as_deref()).count(),
                markers.regex.find_iter(&text).count(),
                "{tail}"
            );
        }
    }
}
