//! Matching compiled rules against the sentences of one text.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use super::context::{self, Context, Cue, Surroundings};
use super::normalize::{Normalized, normalize};
use super::offsets::floor_char_boundary;
use super::sentences::{Sentence, split, split_blocks};
use crate::budget::{Deadline, OverBudget};
use crate::rules::ascii::{ascii_spelling_into, long_text_spelling};
use crate::rules::{
    CompiledPattern, ElementFilter, Exception, LazyRegex, Rule, RuleSet, Scope, fits_offsets,
};

/// One rule matching one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the rule in the [`RuleSet`].
    pub rule: usize,
    /// Index of the pattern of the rule that matched.
    pub pattern: usize,
    /// The offending part, as byte offsets into the checked text.
    pub span: Range<usize>,
    /// The whole sentence, as byte offsets into the checked text.
    pub sentence: Range<usize>,
    /// The sentence as it reads after normalization (single spaces, one line); shared by
    /// the hits of one sentence.
    pub sentence_text: Arc<str>,
    pub context: Context,
    /// Why the context was chosen.
    pub cue: Cue,
    /// Each pattern element as written in the rule, with the text it matched; empty
    /// when the caller did not ask for it ([`check_text_within`]).
    pub matched: Vec<(Arc<str>, String)>,
    /// For rules with `evidence`: what the document shows, if anything.
    pub evidence: Option<String>,
    /// How sure the finding is, 0–1 (see [`confidence`]).
    pub confidence: f64,
}

/// Confidence of a hit: the rule's own reliability, lowered when the matched parts lie
/// far apart in the sentence, when the context had to be inferred, and when evidence the
/// rule looks for is missing. Deterministic, so that `--min-confidence` is reproducible.
pub fn confidence(
    rule: &Rule,
    pattern: &CompiledPattern,
    span_words: usize,
    context: Context,
    evidence_missing: bool,
) -> f64 {
    let window = pattern.within.unwrap_or(24).max(1);
    let spread = span_words.saturating_sub(6) as f64 / window.saturating_sub(6).max(1) as f64;
    let proximity = 1.0 - 0.15 * spread.min(1.0);
    let context_factor = match context {
        Context::Direct => 1.0,
        Context::Quoted => 0.9,
        Context::Reported => 0.8,
    };
    let evidence_factor = if evidence_missing { 0.9 } else { 1.0 };
    let value = rule.spec.confidence * proximity * context_factor * evidence_factor;
    (value * 100.0).round() / 100.0
}

/// Checks `text` against every rule and returns the hits ordered by position.
pub fn check_text(rules: &RuleSet, text: &str) -> Vec<Hit> {
    check_text_with_evidence(rules, text, "")
}

/// Like [`check_text`], with `extra_evidence`: text outside `text` in which rules may
/// find evidence (an e-mail's sender addresses).
pub fn check_text_with_evidence(rules: &RuleSet, text: &str, extra_evidence: &str) -> Vec<Hit> {
    check_filtered(
        rules,
        text,
        extra_evidence,
        Filtering::Keywords,
        (Deadline::NONE, true),
    )
    .unwrap_or_default()
}

/// Like [`check_text_with_evidence`], giving up once `deadline` has passed (its hits
/// so far are dropped: a file is reported whole or not at all). [`Hit::matched`] is
/// filled only with `matched` (for `--explain`): on keyword-dense text, where nearly
/// every sentence has hits, those strings took a third of the hits' memory.
pub fn check_text_within(
    rules: &RuleSet,
    text: &str,
    extra_evidence: &str,
    deadline: Deadline,
    matched: bool,
) -> Result<Vec<Hit>, OverBudget> {
    check_filtered(
        rules,
        text,
        extra_evidence,
        Filtering::Keywords,
        (deadline, matched),
    )
}

/// Whether the keyword prefilter decides which patterns run where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filtering {
    Keywords,
    /// Every pattern on every sentence: what the prefilter must never differ from, and
    /// what a text too long for its 32-bit offsets gets.
    Exhaustive,
}

fn check_filtered(
    rules: &RuleSet,
    text: &str,
    extra_evidence: &str,
    filtering: Filtering,
    (deadline, with_matched): (Deadline, bool),
) -> Result<Vec<Hit>, OverBudget> {
    deadline.check()?;
    let normalized = normalize(text);
    let filtering = if fits_offsets(&normalized.text) {
        filtering
    } else {
        Filtering::Exhaustive
    };
    let keywords = rules.element_filter();
    // One pass of the keyword automaton; most documents end here, and the rest are
    // looked at only with the patterns whose keywords lie close enough together.
    let openings = match filtering {
        Filtering::Keywords => rules.candidates(&normalized.text),
        Filtering::Exhaustive => crate::rules::Openings {
            patterns: rules.enabled_patterns(),
            blocks: None,
            hits: None,
        },
    };
    if openings.patterns.is_empty() {
        return Ok(Vec::new());
    }
    deadline.check()?;
    let filtered = filtering == Filtering::Keywords;
    let candidates = openings.patterns;
    let segmentation = match &openings.blocks {
        Some(blocks) => split_blocks(&normalized.text, |block| {
            blocks.binary_search(&block).is_ok()
        }),
        None => split(&normalized.text),
    };
    let cues: OnceCell<DocumentCues> = OnceCell::new();
    // Made at the first search of the whole document (long documents only).
    let whole_spelling: OnceCell<Option<String>> = OnceCell::new();
    let whole_spelled = || {
        whole_spelling
            .get_or_init(|| long_text_spelling(&normalized.text))
            .as_deref()
    };
    let sentences = &segmentation.sentences;
    let mut hits = Vec::new();
    let mut evidence_by_rule: Vec<Option<Option<String>>> = vec![None; rules.rules.len()];
    let mut found = ElementMatches::default();
    let mut exceptions = ExceptionCache::new(rules);
    let mut spellings = Spellings::default();
    // The text the patterns read: mentions of a way that a sentence is not about
    // ("wie telefonisch besprochen") blanked out, at the same offsets. Exceptions and the
    // context read the text as it is.
    let blanked = rules
        .aside()
        .and_then(|aside| blank_asides(&normalized.text, aside, whole_spelled()));
    let pattern_text = blanked.as_deref().unwrap_or(&normalized.text);
    // Spellings of the blanked text; without asides the patterns share `spellings`, so a
    // sentence is spelled once.
    let mut blanked_spellings = blanked.as_ref().map(|_| Spellings::default());
    let mut needles = Vec::new();
    let keywordless = rules.has_keywordless_patterns();
    let element_count = keywords.elements();
    for (index, sentence) in sentences.iter().enumerate() {
        let sentence_text = &normalized.text[sentence.range.clone()];
        let previous_text = index
            .checked_sub(1)
            .map(|i| &sentences[i])
            .filter(|previous| previous.paragraph == sentence.paragraph)
            .map(|previous| &pattern_text[previous.range.clone()]);
        // The rule last decided for this sentence, matched or excepted: its other patterns
        // would be decided the same way.
        let mut decided_rule: Option<usize> = None;
        // The rules that matched this sentence and were excepted: they decided it lawful.
        let mut excepted_rules: Vec<usize> = Vec::new();
        let sentence_hits = hits.len();
        // The sentence as it reads, made at its first hit and shared by its hits.
        let mut folded: Option<Arc<str>> = None;
        let any_keyword = filtered
            && match &openings.hits {
                Some(hits) => keywords.needles_within(hits, sentence.range.clone(), &mut needles),
                None => keywords.needles_in(sentence_text, &mut needles),
            };
        if filtered && !any_keyword && !keywordless {
            continue;
        }
        deadline.check()?;
        found.reset(element_count);
        for &(rule_index, pattern_index) in &candidates {
            if decided_rule == Some(rule_index) {
                continue;
            }
            let rule = &rules.rules[rule_index];
            let pattern = &rule.patterns[pattern_index];
            if filtered && !keywords.possible(&pattern.element_ids, &needles) {
                continue;
            }
            let Some((local, element_ranges)) = match_pattern(
                pattern,
                (index, &pattern_text[sentence.range.clone()]),
                previous_text,
                blanked_spellings.as_mut().unwrap_or(&mut spellings),
                &mut found,
            ) else {
                continue;
            };
            decided_rule = Some(rule_index);
            if exceptions.applies(
                (rule_index, rule),
                filtered.then(|| rules.exception_filter()),
                (&normalized.text, whole_spelled),
                (sentences, index),
                &segmentation.paragraphs,
                &mut spellings,
            ) {
                excepted_rules.push(rule_index);
                continue;
            }
            let cues = cues.get_or_init(|| DocumentCues::of(&normalized.text, whole_spelled()));
            let around = Surroundings {
                quoted_lines: &normalized.quoted_lines,
                quotations: &cues.quotations,
                forwarded_from: cues.forwarded_from,
                report: cues.report,
            };
            // Evidence depends on the rule and the document only: searched once per rule.
            let evidence = evidence_by_rule[rule_index]
                .get_or_insert_with(|| {
                    rule.evidence.as_ref().and_then(|evidence| {
                        let own_end = around.forwarded_from.min(normalized.text.len());
                        let own_part = &normalized.text[..own_end];
                        let own_spelled =
                            whole_spelled().and_then(|spelled| spelled.get(..own_end));
                        evidence
                            .find(own_part, own_spelled)
                            .or_else(|| evidence.find(extra_evidence, None))
                            .map(str::to_string)
                    })
                })
                .clone();
            let span = sentence.range.start + local.start..sentence.range.start + local.end;
            let judgement = context::classify(
                &normalized.text,
                sentence.range.clone(),
                span.clone(),
                around,
                spellings.of(index, sentence_text),
            );
            let span_words = sentence_text[local.clone()].split_whitespace().count();
            let evidence_missing = rule.evidence.is_some() && evidence.is_none();
            let matched = if with_matched {
                pattern
                    .element_sources
                    .iter()
                    .zip(element_ranges)
                    .map(|(source, range)| (Arc::clone(source), sentence_text[range].to_string()))
                    .collect()
            } else {
                Vec::new()
            };
            hits.push(Hit {
                rule: rule_index,
                pattern: pattern_index,
                span: map_range(&normalized, text, span),
                sentence: map_range(&normalized, text, sentence.range.clone()),
                sentence_text: Arc::clone(folded.get_or_insert_with(|| {
                    Arc::from(
                        sentence_text
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                })),
                context: judgement.context,
                cue: judgement.cue,
                matched,
                evidence,
                confidence: confidence(
                    rule,
                    pattern,
                    span_words,
                    judgement.context,
                    evidence_missing,
                ),
            });
        }
        yield_to_precedent_rules(rules, &mut hits, sentence_hits, &excepted_rules);
    }
    // Unstable: a stable sort would take a buffer of half the hits, on keyword-dense text
    // tens of megabytes. The hits of one rule in one sentence are one (a decided rule is
    // not tried again), so the key decides the order as the stable sort did; the rest of
    // it keeps the order hits were made in, to be sure.
    hits.sort_unstable_by_key(|h| (h.span.start, h.rule, h.sentence.start, h.pattern));
    Ok(hits)
}

/// `text` with every match of the aside regex blanked out, or `None` when it has none.
/// Each character becomes a blank of its own length in bytes — a space, or a punctuation
/// mark of two, three or four bytes — so offsets and character boundaries stay those of
/// `text`, and a pattern's match can be cut from `text` at the same offsets. `spelled`
/// is the ASCII spelling of a long `text`, if it has one.
fn blank_asides(text: &str, aside: &LazyRegex, spelled: Option<&str>) -> Option<String> {
    let ranges = aside.find_ranges(text, spelled);
    if ranges.is_empty() {
        return None;
    }
    let mut blanked = String::with_capacity(text.len());
    let mut last = 0;
    for range in ranges {
        blanked.push_str(&text[last..range.start]);
        blanked.extend(text[range.clone()].chars().map(|c| match c.len_utf8() {
            1 => ' ',
            2 => '\u{B7}',
            3 => '\u{2027}',
            _ => '\u{1D100}',
        }));
        last = range.end;
    }
    blanked.push_str(&text[last..]);
    Some(blanked)
}

/// Drops each hit of one sentence (`hits[from..]`) whose rule `yields_to` a rule that
/// decided the same sentence: reported it, or matched it and found it lawful by one of
/// its exceptions (`excepted`). The rule it yields to is the one that speaks about what
/// the sentence is about, so its judgement stands either way — an e-mail refusal excused
/// as a temporary outage is not reported again as a refused submission.
fn yield_to_precedent_rules(rules: &RuleSet, hits: &mut Vec<Hit>, from: usize, excepted: &[usize]) {
    if !rules.has_precedents() || hits.len() == from {
        return;
    }
    let decided: Vec<usize> = hits[from..]
        .iter()
        .map(|hit| hit.rule)
        .chain(excepted.iter().copied())
        .collect();
    let mut index = from;
    while index < hits.len() {
        let precedents = rules.precedents(hits[index].rule);
        if decided.iter().any(|rule| precedents.contains(rule)) {
            hits.remove(index);
        } else {
            index += 1;
        }
    }
}

/// What classifying a hit's context needs of the whole document. Worked out at the
/// first hit only: most documents that reach the sentence loop have none.
struct DocumentCues {
    quotations: Vec<Range<usize>>,
    forwarded_from: usize,
    report: bool,
}

impl DocumentCues {
    /// `spelled` is the ASCII spelling of a long `text`, if it has one.
    fn of(text: &str, spelled: Option<&str>) -> Self {
        Self {
            quotations: context::quotations(text),
            forwarded_from: context::forwarded_from(text),
            report: context::is_report(text, spelled),
        }
    }
}

/// The span within `sentence` where all elements of `pattern` match close enough, and
/// the range each element matched.
fn match_pattern(
    pattern: &CompiledPattern,
    (index, sentence): (usize, &str),
    previous: Option<&str>,
    spellings: &mut Spellings,
    found: &mut ElementMatches,
) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    if !pattern.previous.is_empty() {
        let previous = previous?;
        let spelled = spellings.of(index.checked_sub(1)?, previous);
        if !pattern
            .previous
            .iter()
            .all(|regex| regex.is_match_in(previous, spelled))
        {
            return None;
        }
    }
    // An element already known to have no match in the sentence decides at once.
    if pattern
        .element_ids
        .iter()
        .any(|&id| found.get(id).is_some_and(Vec::is_empty))
    {
        return None;
    }
    for (element, &id) in pattern.elements.iter().zip(&pattern.element_ids) {
        if found.get(id).is_none() {
            let spelled = spellings.of(index, sentence);
            found.of(id, || element.find_ranges(sentence, spelled));
        }
        let matches = found.of(id, Vec::new);
        if matches.is_empty() {
            return None;
        }
    }
    let per_element: Vec<&Vec<Range<usize>>> = pattern
        .element_ids
        .iter()
        .filter_map(|&id| found.get(id))
        .collect();
    let (first, rest) = per_element.split_first()?;
    first.iter().find_map(|anchor| {
        let mut span = anchor.clone();
        let mut chosen = vec![anchor.clone()];
        for candidates in rest {
            let nearest = nearest(candidates, anchor)?;
            span.start = span.start.min(nearest.start);
            span.end = span.end.max(nearest.end);
            chosen.push(nearest.clone());
        }
        let fits = pattern.within.is_none_or(|words| {
            sentence[span.clone()]
                .split_whitespace()
                .take(words + 1)
                .count()
                <= words
        });
        fits.then_some((span, chosen))
    })
}

/// The matches of each pattern element in the current sentence, found once: elements
/// such as `{email}` are shared by many rules.
#[derive(Debug, Default)]
struct ElementMatches {
    by_element: Vec<Option<Vec<Range<usize>>>>,
}

impl ElementMatches {
    /// Forgets the matches of the previous sentence.
    fn reset(&mut self, elements: usize) {
        self.by_element.clear();
        self.by_element.resize(elements, None);
    }

    fn of(&mut self, id: usize, find: impl FnOnce() -> Vec<Range<usize>>) -> &Vec<Range<usize>> {
        self.by_element[id].get_or_insert_with(find)
    }

    fn get(&self, id: usize) -> Option<&Vec<Range<usize>>> {
        self.by_element.get(id).and_then(Option::as_ref)
    }
}

/// The candidate closest to `anchor`. Regex matches come sorted and non-overlapping, so
/// the closest one is next to where the anchor would be inserted: a binary search keeps
/// long sentences with many matches fast.
fn nearest<'c>(candidates: &'c [Range<usize>], anchor: &Range<usize>) -> Option<&'c Range<usize>> {
    let at = candidates.partition_point(|c| c.start < anchor.start);
    let before = at.checked_sub(1).and_then(|i| candidates.get(i));
    let after = candidates.get(at);
    match (before, after) {
        (Some(b), Some(a)) => Some(if distance(anchor, a) < distance(anchor, b) {
            a
        } else {
            b
        }),
        (one, other) => one.or(other),
    }
}

fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if b.start >= a.end {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Whether an exception of a rule applies to a sentence, remembering the answers of
/// paragraph- and document-wide exceptions: a text with a hit in every sentence would
/// otherwise search its paragraph, or the whole document, again at every hit. Answers
/// for the current sentence are remembered too: rules share exceptions (`{temporary}`).
struct ExceptionCache {
    /// For each rule and exception: the paragraph last looked at (any, for document
    /// scope) and whether the exception matched there.
    known: Vec<Vec<Option<(usize, bool)>>>,
    /// The sentence `in_sentence` and `needles` hold answers for.
    sentence: usize,
    /// Exceptions (by id) and whether they match that sentence.
    in_sentence: Vec<(usize, bool)>,
    /// The exception keywords in that sentence, once the filter is there.
    needles: Option<Vec<bool>>,
}

impl ExceptionCache {
    fn new(rules: &RuleSet) -> Self {
        Self {
            known: rules
                .rules
                .iter()
                .map(|rule| vec![None; rule.exceptions.len()])
                .collect(),
            sentence: usize::MAX,
            in_sentence: Vec::new(),
            needles: None,
        }
    }

    /// `keywords` rules out exceptions whose keywords the sentence lacks
    /// ([`RuleSet::exception_filter`]; none when every exception is tried);
    /// `whole_spelled` gives the ASCII spelling of a long `text`, if it has one.
    fn applies<'s>(
        &mut self,
        (rule_index, rule): (usize, &Rule),
        keywords: Option<&ElementFilter>,
        (text, whole_spelled): (&str, impl Fn() -> Option<&'s str>),
        (sentences, index): (&[Sentence], usize),
        paragraphs: &[Range<usize>],
        spellings: &mut Spellings,
    ) -> bool {
        let sentence = &sentences[index];
        let known = &mut self.known[rule_index];
        if self.sentence != index {
            self.sentence = index;
            self.in_sentence.clear();
            self.needles = None;
        }
        if let (Some(keywords), None) = (keywords, &self.needles) {
            let mut found = Vec::new();
            keywords.needles_in(&text[sentence.range.clone()], &mut found);
            self.needles = Some(found);
        }
        let (remembered_here, needles) = (&mut self.in_sentence, &self.needles);
        // The exception holds in sentence `at`: its pattern matches there (remembered
        // for the current sentence by the pattern's id, which rules share), and its
        // `unless` does not.
        let mut holds_in = |exception: &Exception, at: usize| {
            let here = at == index;
            let range = sentences[at].range.clone();
            let remembered = remembered_here
                .iter()
                .find(|(seen, _)| here && *seen == exception.id)
                .map(|&(_, answer)| answer);
            let matches = remembered.unwrap_or_else(|| {
                let possible = match (keywords, needles) {
                    (Some(keywords), Some(needles)) if here => {
                        keywords.possible(&[exception.id], needles)
                    }
                    _ => true,
                };
                let answer = possible
                    && exception
                        .regex
                        .is_match_in(&text[range.clone()], spellings.of(at, &text[range.clone()]));
                if here {
                    remembered_here.push((exception.id, answer));
                }
                answer
            });
            matches
                && exception.unless.as_ref().is_none_or(|unless| {
                    !unless.is_match_in(&text[range.clone()], spellings.of(at, &text[range]))
                })
        };
        rule.exceptions
            .iter()
            .zip(known.iter_mut())
            .any(|(exception, known)| match exception.scope {
                Scope::Sentence => holds_in(exception, index),
                Scope::Previous => {
                    holds_in(exception, index)
                        || index
                            .checked_sub(1)
                            .filter(|&previous| sentences[previous].paragraph == sentence.paragraph)
                            .is_some_and(|previous| holds_in(exception, previous))
                }
                // Sentence by sentence, so that `unless` can leave some out; the
                // paragraph's sentences stand together in `sentences`.
                Scope::Paragraph if exception.unless.is_some() => {
                    remembered(known, sentence.paragraph, || {
                        let first = sentences[..index]
                            .iter()
                            .rposition(|other| other.paragraph != sentence.paragraph)
                            .map_or(0, |before| before + 1);
                        (first..sentences.len())
                            .take_while(|&at| sentences[at].paragraph == sentence.paragraph)
                            .any(|at| holds_in(exception, at))
                    })
                }
                Scope::Paragraph => remembered(known, sentence.paragraph, || {
                    paragraphs.get(sentence.paragraph).is_some_and(|p| {
                        let paragraph = &text[p.clone()];
                        let spelled = crate::rules::ascii::ascii_spelling(paragraph);
                        exception.regex.is_match_in(paragraph, spelled.as_deref())
                    })
                }),
                Scope::Document => remembered(known, 0, || {
                    !exception.regex.ruled_out(whole_spelled()) && exception.regex.is_match(text)
                }),
            })
    }
}

/// The ASCII spellings ([`ascii_spelling_into`]) of the current and the previous
/// sentence, made when first needed, in two buffers used again for every sentence.
#[derive(Debug, Default)]
struct Spellings {
    /// By sentence index modulo 2: which sentence the slot holds, whether it has a
    /// spelling, and the spelling.
    slots: [Option<(usize, bool)>; 2],
    buffers: [String; 2],
}

impl Spellings {
    /// The spelling of sentence `index`, whose text is `text`.
    fn of(&mut self, index: usize, text: &str) -> Option<&str> {
        let slot = index % 2;
        let spelled = match self.slots[slot] {
            Some((held, spelled)) if held == index => spelled,
            _ => {
                let spelled = ascii_spelling_into(text, &mut self.buffers[slot]);
                self.slots[slot] = Some((index, spelled));
                spelled
            }
        };
        spelled.then_some(self.buffers[slot].as_str())
    }
}

/// The answer remembered for `key`, or `decide`'s, remembered.
fn remembered(
    known: &mut Option<(usize, bool)>,
    key: usize,
    decide: impl FnOnce() -> bool,
) -> bool {
    match *known {
        Some((seen, answer)) if seen == key => answer,
        _ => {
            let answer = decide();
            *known = Some((key, answer));
            answer
        }
    }
}

/// Maps a range of normalized text to a range of the text that was normalized.
fn map_range(normalized: &Normalized, original: &str, range: Range<usize>) -> Range<usize> {
    let start = normalized.map.map(range.start).min(original.len());
    if range.end <= range.start {
        return start..start;
    }
    let last = floor_char_boundary(&normalized.text, range.end - 1);
    let last_origin = floor_char_boundary(original, normalized.map.map(last).min(original.len()));
    let width = original[last_origin..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    start..(last_origin + width).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
    }

    /// The sentences of a file in `fixtures/sentences`, one per line.
    fn sentence_lines(name: &str) -> Vec<String> {
        std::fs::read_to_string(fixtures().join("sentences").join(name))
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(str::to_string)
            .collect()
    }

    /// Every text of the fixtures: documents, corpus and templates as they are; the
    /// sentence lists line by line, as one line and as one text, and each violation between two lawful
    /// sentences (keywords of one pattern across sentence and paragraph borders).
    fn fixture_texts() -> Vec<String> {
        let mut texts = Vec::new();
        for folder in ["documents", "corpus", "templates"] {
            for entry in walkdir::WalkDir::new(fixtures().join(folder))
                .into_iter()
                .flatten()
            {
                let is_text = entry.path().extension().is_some_and(|extension| {
                    ["txt", "md", "html", "eml", "j2", "hbs", "mbox"]
                        .iter()
                        .any(|known| extension == *known)
                });
                if let (true, Ok(text)) = (is_text, std::fs::read_to_string(entry.path())) {
                    texts.push(text);
                }
            }
        }
        let (lawful, violations) = (
            sentence_lines("lawful.txt"),
            sentence_lines("violations.txt"),
        );
        for list in [&lawful, &violations] {
            texts.extend(list.iter().cloned());
            texts.push(list.join(" "));
            texts.push(list.join("\n"));
        }
        for (index, violation) in violations.iter().enumerate() {
            let before = &lawful[index % lawful.len().max(1)];
            let after = &lawful[(index * 7 + 3) % lawful.len().max(1)];
            texts.push(format!("{before} {violation} {after}"));
            texts.push(format!("{after}\n\n{violation}\n{before}"));
        }
        texts
    }

    #[test]
    fn the_keyword_prefilter_never_loses_a_finding() {
        let rules = crate::rules::load(&[crate::rules::builtin_sources()])
            .unwrap_or_else(|errors| panic!("built-in pack: {errors:?}"));
        let texts = fixture_texts();
        assert!(texts.len() > 400, "only {} fixture texts", texts.len());
        let mut findings = 0;
        for text in &texts {
            let check = |filtering| {
                check_filtered(&rules, text, "", filtering, (Deadline::NONE, true))
                    .unwrap_or_else(|over| panic!("no deadline, yet {over:?}"))
            };
            let filtered = check(Filtering::Keywords);
            let exhaustive = check(Filtering::Exhaustive);
            assert_eq!(filtered, exhaustive, "in {text:?}");
            findings += filtered.len();
        }
        assert!(findings > 300, "only {findings} findings");
    }

    fn builtin_rules() -> RuleSet {
        crate::rules::load(&[crate::rules::builtin_sources()])
            .unwrap_or_else(|errors| panic!("built-in pack: {errors:?}"))
    }

    #[test]
    fn a_restriction_in_a_sentence_of_thousands_of_words_is_found_in_its_window() {
        let rules = builtin_rules();
        let filler: Vec<String> = (0..1000).map(|n| format!("wort{n}")).collect();
        let restriction = "E-Mails werden nicht bearbeitet";
        let text = format!(
            "{} {restriction} {}",
            filler[..600].join(" "),
            filler[600..].join(" ")
        );
        let hits = check_text(&rules, &text);
        let ids: Vec<&str> = hits
            .iter()
            .map(|hit| rules.rules[hit.rule].spec.id.as_str())
            .collect();
        assert_eq!(ids, ["FL101"]);
        // The window runs from the 401st word (wort400) for 400 words.
        let start = text.find("wort400 ").unwrap_or_default();
        assert_eq!(hits[0].sentence.start, start);
        assert_eq!(
            hits[0].sentence_text.split(' ').count(),
            crate::engine::sentences::MAX_SENTENCE_WORDS
        );
        assert_eq!(&text[hits[0].span.clone()], restriction);
    }

    #[test]
    fn a_passed_deadline_stops_the_check_and_none_never_does() {
        let rules = builtin_rules();
        let text = "E-Mails werden nicht bearbeitet.";
        assert_eq!(check_text(&rules, text).len(), 1);
        let passed = Deadline::after(std::time::Duration::ZERO);
        assert_eq!(
            check_text_within(&rules, text, "", passed, true),
            Err(OverBudget {
                budget: std::time::Duration::ZERO
            })
        );
        let ample = Deadline::after(std::time::Duration::from_secs(3600));
        assert_eq!(
            check_text_within(&rules, text, "", ample, true),
            Ok(check_text(&rules, text))
        );
    }
}
