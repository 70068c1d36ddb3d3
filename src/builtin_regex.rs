//! Regexes written into formlos itself (not rule data).

/// Compiles a regex written into formlos itself. Such a pattern is fixed at build time
/// and covered by the tests, so a failure is a bug in formlos, never in user input.
pub(crate) fn built_in(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

/// A built-in regex for single sentences, with a quick answer on German text.
///
/// On text with umlauts the regex crate cannot decide Unicode word boundaries with its
/// DFA and falls back to engines many times slower; on keyword-dense text, classifying
/// the context of every hit that way took most of the time. The regex's variant for the
/// sentence's ASCII spelling ([`crate::rules::ascii`]) finds every match of the regex,
/// at the same offsets, and may find more (where the text itself spells "ae"). So when
/// the variant finds nothing, the regex finds nothing either; otherwise the regex
/// decides. The answers are the regex's own.
pub(crate) struct SentenceRegex {
    regex: regex::Regex,
    /// `None` when the pattern has no ASCII variant: the regex always decides.
    spelled: Option<regex::Regex>,
}

impl SentenceRegex {
    /// Compiles a built-in pattern (see [`built_in`]) and its ASCII variant.
    pub(crate) fn new(pattern: &str) -> Self {
        Self {
            regex: built_in(pattern),
            spelled: crate::rules::ascii_variant(pattern),
        }
    }

    /// Whether the variant rules out a match in `text`, whose ASCII spelling (with the
    /// same offsets) is `spelled`, if it has one.
    fn ruled_out(&self, spelled: Option<&str>) -> bool {
        match (&self.spelled, spelled) {
            (Some(variant), Some(spelled)) => !variant.is_match(spelled),
            _ => false,
        }
    }

    /// The regex's first match in `text`; `spelled` as in [`SentenceRegex::ruled_out`].
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

    /// Whether the regex matches `text`; `spelled` as in [`SentenceRegex::ruled_out`].
    pub(crate) fn is_match_in(&self, text: &str, spelled: Option<&str>) -> bool {
        !self.ruled_out(spelled) && self.regex.is_match(text)
    }

    /// Every match of the regex in `text`; `spelled` as in [`SentenceRegex::ruled_out`].
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
