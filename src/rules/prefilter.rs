//! The document-level prefilter: which patterns can possibly match a document.
//!
//! Most documents an archive holds never mention a channel together with a restriction.
//! Each pattern's first element (its "trigger") is reduced to the literal words it can
//! start with, derived automatically from the regex (rule authors keep no keyword lists),
//! and all of them are searched in one pass of an Aho-Corasick automaton over the
//! lowercased document. Triggers without a finite set of literals fall back to their
//! regex. The prefilter may say yes too often, never too rarely: the rules' own regexes
//! decide per sentence.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use super::compile::LazyRegex;

/// A trigger and the (rule, pattern) pairs it opens.
#[derive(Debug)]
pub(crate) struct Trigger {
    pub regex: Arc<LazyRegex>,
    pub opens: Vec<(usize, usize)>,
}

#[derive(Debug)]
pub(crate) struct Prefilter {
    triggers: Vec<Trigger>,
    /// Lowercased literal prefixes of all triggers that have a finite set of them.
    keywords: Option<AhoCorasick>,
    /// For each keyword, the trigger it belongs to.
    keyword_trigger: Vec<usize>,
    /// Triggers that must be tested with their regex.
    regex_triggers: Vec<usize>,
    /// What the prefilter looks for, as regexes: the keywords (escaped) and the triggers
    /// without keywords. `formlos rules triggers` prints them (for benchmarks).
    search_patterns: Vec<String>,
}

/// Removes what a match may start with before its first literal: classes (`\w*`,
/// `[aä]`), repetitions of them and assertions (`\b`, `^`). What remains at the front is
/// a substring every match contains, which is all a substring search needs.
fn strip_leading(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Concat(parts) => {
            let skippable = |part: &Hir| {
                matches!(
                    part.kind(),
                    HirKind::Class(_) | HirKind::Look(_) | HirKind::Empty
                ) || matches!(part.kind(), HirKind::Repetition(r) if !matches!(r.sub.kind(), HirKind::Literal(_) | HirKind::Concat(_) | HirKind::Alternation(_) | HirKind::Capture(_)))
            };
            let rest: Vec<Hir> = parts
                .iter()
                .skip_while(|part| skippable(part))
                .cloned()
                .collect();
            match rest.split_first() {
                Some((first, tail)) => {
                    let mut stripped = vec![strip_leading(first)];
                    stripped.extend(tail.iter().cloned());
                    Hir::concat(stripped)
                }
                None => Hir::empty(),
            }
        }
        HirKind::Alternation(alternatives) => {
            Hir::alternation(alternatives.iter().map(strip_leading).collect())
        }
        HirKind::Capture(capture) => strip_leading(&capture.sub),
        HirKind::Class(_) | HirKind::Look(_) => Hir::empty(),
        _ => hir.clone(),
    }
}

/// Lowercased literals of which every match of `pattern` contains one, or `None` when
/// the pattern has no finite set of them of at least two characters.
fn literal_prefixes(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(pattern)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(12)
        .limit_total(400);
    let seq = extractor.extract(&strip_leading(&hir));
    let literals = seq.literals()?;
    let words: Vec<String> = literals
        .iter()
        .map(|literal| String::from_utf8_lossy(literal.as_bytes()).to_lowercase())
        .collect();
    (!words.is_empty() && words.iter().all(|w| w.chars().count() >= 2)).then_some(words)
}

impl Prefilter {
    /// `triggers[i].0` is the trigger's expanded regex source.
    pub fn new(triggers: Vec<(String, Trigger)>, known: &mut Keywords) -> Self {
        let mut keywords = Vec::new();
        let mut keyword_trigger = Vec::new();
        let mut regex_triggers = Vec::new();
        for (index, (source, _)) in triggers.iter().enumerate() {
            match known.of(source) {
                Some(words) => {
                    keyword_trigger.extend(std::iter::repeat_n(index, words.len()));
                    keywords.extend(words);
                }
                None => regex_triggers.push(index),
            }
        }
        let automaton = keyword_automaton(&keywords);
        if automaton.is_none() {
            // Cannot happen for valid UTF-8 literals; test every trigger by regex then.
            regex_triggers = (0..triggers.len()).collect();
        }
        let mut search_patterns: Vec<String> =
            keywords.iter().map(|word| regex::escape(word)).collect();
        search_patterns.sort();
        search_patterns.dedup();
        search_patterns.extend(regex_triggers.iter().map(|&i| triggers[i].0.clone()));
        Self {
            triggers: triggers.into_iter().map(|(_, trigger)| trigger).collect(),
            keywords: automaton,
            keyword_trigger,
            regex_triggers,
            search_patterns,
        }
    }

    /// The prefilter's keywords and keyword-less triggers, as regexes.
    pub fn search_patterns(&self) -> &[String] {
        &self.search_patterns
    }

    /// The (rule, pattern) pairs that can possibly match `text`, sorted.
    pub fn candidates(&self, text: &str) -> Vec<(usize, usize)> {
        let mut hit = vec![false; self.triggers.len()];
        if let Some(keywords) = &self.keywords {
            let lowered = text.to_lowercase();
            for found in keywords.find_overlapping_iter(&lowered) {
                hit[self.keyword_trigger[found.pattern().as_usize()]] = true;
            }
        }
        for &index in &self.regex_triggers {
            if !hit[index] && self.triggers[index].regex.is_match(text) {
                hit[index] = true;
            }
        }
        let mut candidates: Vec<(usize, usize)> = self
            .triggers
            .iter()
            .zip(hit)
            .filter(|(_, hit)| *hit)
            .flat_map(|(trigger, _)| trigger.opens.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates
    }
}

/// A pattern as the keyword search sees it: anchors and word boundaries dropped (it may
/// say yes too often, never too rarely).
pub(crate) fn trigger_of(pattern: &str) -> String {
    let unanchored = pattern.strip_prefix('^').unwrap_or(pattern);
    let unanchored = unanchored.strip_suffix('$').unwrap_or(unanchored);
    unanchored.replace(r"\b", "")
}

/// Keywords of triggers, derived once per distinct trigger (deriving them parses the
/// regex, which for an expanded vocabulary takes a while).
#[derive(Debug, Default)]
pub(crate) struct Keywords {
    by_trigger: std::collections::HashMap<String, Option<Vec<String>>>,
}

impl Keywords {
    fn of(&mut self, trigger: &str) -> Option<Vec<String>> {
        self.by_trigger
            .entry(trigger.to_string())
            .or_insert_with(|| literal_prefixes(trigger))
            .clone()
    }
}

/// One automaton for lowercased keywords, found overlapping (a DFA: it is built once
/// and runs over every document); none if it cannot be built.
fn keyword_automaton(keywords: &[String]) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(keywords)
        .ok()
}

/// The sentence-level prefilter: which pattern elements can possibly match a sentence.
///
/// A letter that passes the document prefilter usually names several channels, so most
/// rules are candidates; without this filter every candidate pattern's regexes would run
/// on every sentence, and Unicode word boundaries make those regexes slow on German text.
/// Each element is reduced to literal words that every match contains (as for the
/// document prefilter); one Aho-Corasick pass over the lowercased sentence tells which
/// elements are possible. Elements without such words are always possible.
#[derive(Debug)]
pub(crate) struct ElementFilter {
    automaton: Option<AhoCorasick>,
    /// For each keyword, the element it belongs to.
    keyword_element: Vec<usize>,
    /// Elements that have no keywords and are therefore always possible.
    always: Vec<bool>,
}

impl ElementFilter {
    /// `elements` are the expanded regexes, indexed by element id.
    pub fn new(elements: &[String], known: &mut Keywords) -> Self {
        let mut keywords = Vec::new();
        let mut keyword_element = Vec::new();
        let mut always = vec![false; elements.len()];
        for (id, pattern) in elements.iter().enumerate() {
            match known.of(&trigger_of(pattern)) {
                Some(words) => {
                    keyword_element.extend(std::iter::repeat_n(id, words.len()));
                    keywords.extend(words);
                }
                None => always[id] = true,
            }
        }
        let automaton = keyword_automaton(&keywords);
        if automaton.is_none() {
            always = vec![true; elements.len()];
        }
        Self {
            automaton,
            keyword_element,
            always,
        }
    }

    /// Where element keywords occur in `lowered` (a lowercased text): `(start, end,
    /// element id)` sorted by start.
    pub fn hits(&self, lowered: &str) -> Vec<(usize, usize, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut hits: Vec<(usize, usize, usize)> = automaton
            .find_overlapping_iter(lowered)
            .map(|found| {
                let element = self.keyword_element[found.pattern().as_usize()];
                (found.start(), found.end(), element)
            })
            .collect();
        hits.sort_unstable();
        hits
    }

    /// By element id: whether the element can possibly match the part `range` of the
    /// text whose [`ElementFilter::hits`] are given.
    pub fn possible_within(
        &self,
        hits: &[(usize, usize, usize)],
        range: std::ops::Range<usize>,
    ) -> Vec<bool> {
        let mut possible = self.always.clone();
        let first = hits.partition_point(|&(start, _, _)| start < range.start);
        for &(_, end, element) in hits[first..]
            .iter()
            .take_while(|&&(start, _, _)| start < range.end)
        {
            if end <= range.end {
                possible[element] = true;
            }
        }
        possible
    }

    /// By element id: whether the element can possibly match `sentence`.
    pub fn possible(&self, sentence: &str) -> Vec<bool> {
        let mut possible = self.always.clone();
        if let Some(automaton) = &self.automaton {
            let lowered = sentence.to_lowercase();
            for found in automaton.find_overlapping_iter(&lowered) {
                possible[self.keyword_element[found.pattern().as_usize()]] = true;
            }
        }
        possible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_prefixes_are_lowercased_alternatives() {
        let mut words = literal_prefixes(r"(?:e-?mail\w*|Fax\w*)").unwrap_or_default();
        words.sort();
        assert_eq!(words, ["e-mail", "email", "fax"]);
    }

    #[test]
    fn leading_classes_and_assertions_are_skipped() {
        assert_eq!(
            literal_prefixes(r"\b\w*portal\w*"),
            Some(vec!["portal".to_string()])
        );
        let mut words = literal_prefixes(r"^\W*(?:sie|diese\s+\w+)\s+wird").unwrap_or_default();
        words.sort();
        assert_eq!(words, ["diese", "sie"]);
    }

    #[test]
    fn optional_or_one_letter_triggers_have_no_keywords() {
        assert_eq!(literal_prefixes(r"(?:ab|x?)"), None);
        assert_eq!(literal_prefixes(r"\w*a"), None);
    }
}
