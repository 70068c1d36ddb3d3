//! The keyword prefilter: which patterns can possibly match a document, and which
//! pattern elements a sentence can possibly match.
//!
//! Most letters name a channel somewhere ("E-Mail: …" in the letterhead) and say "nicht"
//! somewhere else; few say both in one sentence. Every pattern element is reduced to the
//! literal words each of its matches contains, derived automatically from the regex (rule
//! authors keep no keyword lists), and all of them are found in one pass of an
//! Aho-Corasick automaton over the normalized document. A pattern stays a candidate only
//! where keywords of all its elements lie close enough together: within its `within`
//! window, inside one paragraph, after a keyword of each `previous` element. Only then is
//! the document split into sentences and are the rules' regexes run. The prefilter may
//! say yes too often, never too rarely: the regexes decide.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::ast::{Ast, ClassSet, ClassSetItem, RepetitionKind, RepetitionRange};

/// Sets of lowercased literals such that every match of `ast` contains a literal of
/// each set ("nicht", then one of "bearbeitet", "beantwortet" …). A run of literal
/// characters in a concatenation is one set; an alternation is one set when each of
/// its branches has one (the union of each branch's rarest set); classes, assertions
/// and optional parts give none. Works on the syntax tree: translating the expanded
/// vocabulary's Unicode classes would cost milliseconds at every start.
fn required_sets(ast: &Ast) -> Vec<Vec<String>> {
    match ast {
        Ast::Group(group) => required_sets(&group.ast),
        Ast::Repetition(repetition) => {
            let at_least_once = match &repetition.op.kind {
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
                RepetitionKind::OneOrMore => true,
                RepetitionKind::Range(
                    RepetitionRange::Exactly(min)
                    | RepetitionRange::AtLeast(min)
                    | RepetitionRange::Bounded(min, _),
                ) => *min >= 1,
            };
            if at_least_once {
                required_sets(&repetition.ast)
            } else {
                Vec::new()
            }
        }
        Ast::Concat(concat) => {
            let mut sets = Vec::new();
            // The spellings of the current run of literal characters.
            let mut words = vec![String::new()];
            let flush = |words: &mut Vec<String>, sets: &mut Vec<Vec<String>>| {
                if words.iter().all(|word| word.chars().count() >= 2) {
                    let mut set: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    set.sort();
                    set.dedup();
                    sets.push(set);
                }
                *words = vec![String::new()];
            };
            for part in &concat.asts {
                match letter_choices(part) {
                    Some(choices) if words.len() * choices.len() <= MAX_SPELLINGS => {
                        words = words
                            .iter()
                            .flat_map(|word| {
                                choices.iter().map(move |choice| {
                                    let mut spelled = word.clone();
                                    spelled.extend(*choice);
                                    spelled
                                })
                            })
                            .collect();
                    }
                    _ => {
                        flush(&mut words, &mut sets);
                        sets.extend(required_sets(part));
                    }
                }
            }
            flush(&mut words, &mut sets);
            sets
        }
        Ast::Alternation(alternation) => {
            let mut union = Vec::new();
            for branch in &alternation.asts {
                match rarest(required_sets(branch)) {
                    Some(set) => union.extend(set),
                    None => return Vec::new(),
                }
            }
            union.sort();
            union.dedup();
            vec![union]
        }
        _ => Vec::new(),
    }
}

/// Three-letter keywords that are rare enough in letters to be worth searching: each
/// stands for a channel or a restriction on its own.
const RARE_SHORT_WORDS: [&str; 4] = ["fax", "app", "sms", "nur"];

/// Spellings one run of literal characters may expand into (`antr[aä]g`, `e-?mail`).
const MAX_SPELLINGS: usize = 16;

/// Letters a class may hold to be expanded into spellings (`[aä]`, `[Ee]`).
const MAX_CLASS_LETTERS: usize = 4;

/// The characters a part of a concatenation stands for, if it is a literal, a small
/// class of literals (`[aä]`) or an optional literal (`-?`, `None` for its absence).
fn letter_choices(ast: &Ast) -> Option<Vec<Option<char>>> {
    match ast {
        Ast::Literal(literal) => Some(vec![Some(literal.c)]),
        Ast::ClassBracketed(class) if !class.negated => {
            let ClassSet::Item(item) = &class.kind else {
                return None;
            };
            let items = match item {
                ClassSetItem::Union(union) => union.items.iter().collect(),
                single => vec![single],
            };
            items
                .into_iter()
                .map(|item| match item {
                    ClassSetItem::Literal(literal) => Some(Some(literal.c)),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .filter(|choices| choices.len() <= MAX_CLASS_LETTERS)
        }
        Ast::Repetition(repetition) if matches!(repetition.op.kind, RepetitionKind::ZeroOrOne) => {
            match repetition.ast.as_ref() {
                Ast::Literal(literal) => Some(vec![None, Some(literal.c)]),
                _ => None,
            }
        }
        _ => None,
    }
}

/// How rare a set's literals are in German text: longer words are rarer ("zuständig"
/// rather than "un"), fewer alternatives are rarer.
fn rarity(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let length = |word: &String| match word.chars().count() {
        3 if RARE_SHORT_WORDS.contains(&word.as_str()) => MIN_KEYWORD_CHARS,
        length => length,
    };
    let shortest = set.iter().map(length).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

fn rarest(sets: Vec<Vec<String>>) -> Option<Vec<String>> {
    sets.into_iter().max_by_key(|set| rarity(set))
}

/// Sets searched per element at most: each one more narrows the candidates, and costs
/// hits to sort.
const MAX_SETS: usize = 3;

/// Letters a set's shortest keyword needs for the set to be searched at all.
const MIN_KEYWORD_CHARS: usize = 4;

/// The keyword sets of an element regex, rarest first: every match contains a literal
/// of each set. Empty when the regex has none (it is then always possible).
fn keyword_sets(pattern: &str) -> Vec<Vec<String>> {
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return Vec::new();
    };
    let mut sets = required_sets(&ast);
    sets.sort_by_key(|set| std::cmp::Reverse(rarity(set)));
    sets.dedup();
    // Short words ("sie", "ist", "ort") occur in every line, and finding them costs more
    // than it saves: an element with only such sets is treated as always possible.
    let strong = sets
        .iter()
        .take_while(|set| rarity(set).0 >= MIN_KEYWORD_CHARS)
        .count();
    sets.truncate(strong.min(MAX_SETS));
    sets
}

/// A pattern as the keyword search sees it: anchors and word boundaries dropped (it may
/// say yes too often, never too rarely).
pub(crate) fn trigger_of(pattern: &str) -> String {
    let unanchored = pattern.strip_prefix('^').unwrap_or(pattern);
    let unanchored = unanchored.strip_suffix('$').unwrap_or(unanchored);
    unanchored.replace(r"\b", "")
}

/// Non-ASCII letters a keyword may have before it is cheaper to treat the element as
/// having no keywords (each one doubles the spellings searched).
const MAX_NON_ASCII_LETTERS: u32 = 4;

/// Every spelling of a lowercased keyword that the case-insensitive rules match, as far
/// as ASCII case folding in the automaton does not cover it: each non-ASCII letter in
/// lower and upper case ("anträg", "antrÄg"). `None` if there would be too many. (The
/// regexes' Unicode case folding also maps the Kelvin sign to "k" and the long s to
/// "s"; letters do not use them, so they are not searched for.)
fn case_variants(keyword: &str) -> Option<Vec<String>> {
    let cased: Vec<(char, Option<char>)> = keyword
        .chars()
        .map(|c| {
            let upper = match c {
                'ß' => Some('ẞ'),
                c if !c.is_ascii() => {
                    let mut upper = c.to_uppercase();
                    match (upper.next(), upper.next()) {
                        (Some(u), None) if u != c => Some(u),
                        _ => None,
                    }
                }
                _ => None,
            };
            (c, upper)
        })
        .collect();
    let letters = cased.iter().filter(|(_, upper)| upper.is_some()).count() as u32;
    if letters > MAX_NON_ASCII_LETTERS {
        return None;
    }
    Some(
        (0..1usize << letters)
            .map(|choice| {
                let mut bit = 0;
                cased
                    .iter()
                    .map(|&(lower, upper)| match upper {
                        Some(upper) => {
                            let use_upper = choice >> bit & 1 == 1;
                            bit += 1;
                            if use_upper { upper } else { lower }
                        }
                        None => lower,
                    })
                    .collect()
            })
            .collect(),
    )
}

/// The automaton for keyword spellings: ASCII case folded, overlapping matches.
fn keyword_automaton(keywords: &[String], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(keywords)
        .ok()
}

/// A keyword found in a text: its byte range and the keyword set ("needle") it belongs
/// to. An element has up to [`MAX_SETS`] needles, all of which its matches contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeywordHit {
    /// Byte offsets, 32 bits wide: a document with keywords everywhere has tens of
    /// millions of hits (texts are far below 4 GiB; see [`fits_offsets`]).
    pub start: u32,
    pub end: u32,
    pub needle: u32,
    /// Words that start inside the keyword after its first byte ("zur verfügung": 1).
    pub inner_words: u32,
}

/// Whether the offsets of `text` fit the 32 bits of [`KeywordHit`]; longer texts are not
/// prefiltered.
pub fn fits_offsets(text: &str) -> bool {
    u32::try_from(text.len()).is_ok()
}

/// Bytes searched with the quick-to-build automaton before the faster one is built:
/// building the DFA costs a few milliseconds, which a single letter should not wait for,
/// and it repays them after a few megabytes.
const DFA_AFTER_BYTES: usize = 4 << 20;

/// Finds the keywords of all pattern elements in one pass.
#[derive(Debug)]
pub(crate) struct ElementFilter {
    /// For each element, its keyword sets, rarest first (see [`keyword_sets`]).
    element_sets: Vec<Vec<Vec<String>>>,
    /// The keyword spellings, for building the faster automaton when it is due.
    keywords: Vec<String>,
    /// ASCII-case-insensitive; non-ASCII letters are searched in both cases. Quick to
    /// build (a contiguous NFA).
    automaton: Option<AhoCorasick>,
    /// The same as a DFA, built once [`DFA_AFTER_BYTES`] have been searched.
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
    /// For each keyword spelling, the needle it belongs to.
    keyword_needle: Vec<u32>,
    /// For each keyword spelling, the words starting inside it (see [`KeywordHit`]).
    keyword_inner_words: Vec<u32>,
    /// For each element, its needles; none for an element that is always possible.
    element_needles: Vec<Vec<usize>>,
    needles: usize,
    /// Whether no keyword contains a line break, so that a text can be searched in
    /// pieces cut at blank lines without losing a hit ([`open_patterns`]).
    cuttable: bool,
}

impl ElementFilter {
    /// `elements` are the distinct expanded regexes, indexed by element id. Their keyword
    /// sets are derived in parallel: parsing the expanded vocabulary takes milliseconds at
    /// every start of formlos.
    pub fn new(elements: &[String]) -> Self {
        use rayon::prelude::*;
        let element_sets: Vec<Vec<Vec<String>>> = elements
            .par_iter()
            .map(|pattern| keyword_sets(&trigger_of(pattern)))
            .collect();
        let mut keywords = Vec::new();
        let mut keyword_needle = Vec::new();
        let mut element_needles = vec![Vec::new(); elements.len()];
        let mut needles = 0;
        // Elements that need the same words share a needle: their hits are found once.
        let mut needle_of_set: std::collections::HashMap<Vec<String>, usize> =
            std::collections::HashMap::new();
        for (id, sets) in element_sets.iter().enumerate() {
            for set in sets {
                if let Some(&needle) = needle_of_set.get(set) {
                    if !element_needles[id].contains(&needle) {
                        element_needles[id].push(needle);
                    }
                    continue;
                }
                let Some(spellings) = set
                    .iter()
                    .map(|word| case_variants(word))
                    .collect::<Option<Vec<_>>>()
                    .map(|variants| variants.concat())
                else {
                    continue;
                };
                let needle = u32::try_from(needles).unwrap_or(u32::MAX);
                keyword_needle.extend(std::iter::repeat_n(needle, spellings.len()));
                keywords.extend(spellings);
                element_needles[id].push(needles);
                needle_of_set.insert(set.clone(), needles);
                needles += 1;
            }
        }
        let automaton = keyword_automaton(&keywords, AhoCorasickKind::ContiguousNFA);
        if automaton.is_none() {
            // Cannot happen for valid UTF-8 literals; every element is possible then.
            element_needles.iter_mut().for_each(Vec::clear);
        }
        let keyword_inner_words = keywords
            .iter()
            .map(|keyword| {
                let bytes = keyword.as_bytes();
                let first_is_space = bytes.first().is_some_and(|&byte| is_space(byte));
                let inner = word_starts(bytes.get(1..).unwrap_or_default(), first_is_space);
                u32::try_from(inner).unwrap_or(u32::MAX)
            })
            .collect();
        let cuttable = !keywords.iter().any(|keyword| keyword.contains('\n'));
        Self {
            element_sets,
            keywords,
            automaton,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            keyword_needle,
            keyword_inner_words,
            element_needles,
            needles,
            cuttable,
        }
    }

    /// The number of needles, the ids of [`KeywordHit::needle`].
    pub fn needles(&self) -> usize {
        self.needles
    }

    /// The number of elements.
    pub fn elements(&self) -> usize {
        self.element_needles.len()
    }

    /// The rarest keyword set of an element, if it has one.
    pub fn rarest_set(&self, element: usize) -> Option<&[String]> {
        self.element_sets[element].first().map(Vec::as_slice)
    }

    /// The needles of an element: none when it cannot be ruled out by keywords.
    pub fn needles_of(&self, element: usize) -> &[usize] {
        &self.element_needles[element]
    }

    /// Where element keywords occur in `text`, sorted by start.
    #[cfg(test)]
    pub fn hits(&self, text: &str) -> Vec<KeywordHit> {
        self.hits_in(text, 0..text.len())
    }

    /// Where element keywords occur in `range` of `text`, sorted by start; offsets are
    /// into `text`.
    fn hits_in(&self, text: &str, range: std::ops::Range<usize>) -> Vec<KeywordHit> {
        let searched = self.searched.fetch_add(range.len(), Ordering::Relaxed);
        let fast = (searched >= DFA_AFTER_BYTES)
            .then(|| {
                self.dfa
                    .get_or_init(|| keyword_automaton(&self.keywords, AhoCorasickKind::DFA))
                    .as_ref()
            })
            .flatten();
        let Some(automaton) = fast.or(self.automaton.as_ref()) else {
            return Vec::new();
        };
        let base = range.start;
        let mut hits: Vec<KeywordHit> = automaton
            .find_overlapping_iter(&text[range])
            .map(|found| KeywordHit {
                // The caller checked `fits_offsets`.
                start: (base + found.start()) as u32,
                end: (base + found.end()) as u32,
                needle: self.keyword_needle[found.pattern().as_usize()],
                inner_words: self.keyword_inner_words[found.pattern().as_usize()],
            })
            .collect();
        // The automaton reports matches by their end: nearly sorted by start already.
        hits.sort();
        hits.dedup();
        hits
    }

    /// Marks in `found` (by needle) the needles that occur in `text`, a short text such
    /// as a sentence: the needles of the hits of the whole text that lie inside it
    /// ([`ElementFilter::needles_within`]), without collecting and sorting the hits.
    /// Returns whether there was any.
    pub fn needles_in(&self, text: &str, found: &mut Vec<bool>) -> bool {
        found.clear();
        found.resize(self.needles, false);
        let mut any = false;
        // Both automata find the same keywords; the faster one once it is built.
        let automaton = self.dfa.get().and_then(Option::as_ref);
        if let Some(automaton) = automaton.or(self.automaton.as_ref()) {
            for hit in automaton.find_overlapping_iter(text) {
                found[self.keyword_needle[hit.pattern().as_usize()] as usize] = true;
                any = true;
            }
        }
        any
    }

    /// Marks in `found` (by needle) the needles whose hits lie inside `range` of the
    /// text whose hits (sorted by start) are given; returns whether there was any.
    pub fn needles_within(
        &self,
        hits: &[KeywordHit],
        range: std::ops::Range<usize>,
        found: &mut Vec<bool>,
    ) -> bool {
        found.clear();
        found.resize(self.needles, false);
        let first = hits.partition_point(|hit| (hit.start as usize) < range.start);
        let mut any = false;
        for hit in hits[first..]
            .iter()
            .take_while(|hit| (hit.start as usize) < range.end)
        {
            if hit.end as usize <= range.end {
                found[hit.needle as usize] = true;
                any = true;
            }
        }
        any
    }

    /// Whether all `elements` can possibly match a text part with the needles `found`
    /// (from [`ElementFilter::needles_in`] or [`ElementFilter::needles_within`]): all
    /// their needles occur there.
    pub fn possible(&self, elements: &[usize], found: &[bool]) -> bool {
        elements.iter().all(|&element| {
            self.element_needles[element]
                .iter()
                .all(|&needle| found.get(needle).copied().unwrap_or(false))
        })
    }
}

/// What the document gate needs to know of a pattern.
#[derive(Debug, Clone)]
pub(crate) struct PatternGate {
    pub rule: usize,
    pub pattern: usize,
    /// Needles of the elements that must match the same sentence, without repeats.
    pub required: Vec<usize>,
    /// Needles of the elements that must match the sentence before, in the same paragraph.
    pub previous: Vec<usize>,
    /// The pattern's word window.
    pub within: Option<usize>,
}

/// A keyword hit placed in its document: paragraph and word numbers.
#[derive(Debug, Clone, Copy, Default)]
struct Placed {
    start: u32,
    end: u32,
    /// Index of the paragraph (blocks between blank lines).
    block: u32,
    /// Number of word starts at or before the hit's first and last byte.
    first_word: u32,
    last_word: u32,
    /// Whether the hit starts on a word character (counts as a word of its own).
    starts_word: bool,
}

/// Whitespace in normalized text is only ever a space or a line break.
fn is_space(byte: u8) -> bool {
    byte == b' ' || byte == b'\n'
}

/// Bytes set to `0x80` where `word` has a byte equal to `byte`, else `0`. Exact (no
/// borrow runs into the next byte, unlike the shorter "has zero byte" trick).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let zero_where_equal = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    !(((zero_where_equal & LOW7) + LOW7) | zero_where_equal) & !LOW7
}

/// The number of word starts (a byte that is not a space right after one that is) in
/// `bytes`, where `previous_space` tells whether the byte before them is a space (or
/// there is none). Eight bytes at a time: the gate counts words across every document.
fn word_starts(bytes: &[u8], mut previous_space: bool) -> usize {
    let mut count = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let spaces = bytes_equal(word, b' ') | bytes_equal(word, b'\n');
        let before = (spaces << 8) | if previous_space { 0x80 } else { 0 };
        count += (before & !spaces & 0x8080_8080_8080_8080).count_ones() as usize;
        previous_space = spaces >> 63 == 1;
    }
    for &byte in chunks.remainder() {
        let space = is_space(byte);
        count += usize::from(!space && previous_space);
        previous_space = space;
    }
    count
}

/// Places every hit (sorted by start) of a piece of `text` that starts at `from.0`
/// after `from.1` blank lines: its paragraph and word numbers. Word numbers count from
/// the piece's start (only their differences within a paragraph matter); paragraph
/// numbers count from the text's start, as `blank_lines` (every blank line of the
/// text) do. Returns them grouped by needle, each group in text order, with the start
/// of each group (`groups[n]..groups[n + 1]` for needle `n`).
fn place(
    text: &str,
    hits: &[KeywordHit],
    needles: usize,
    blank_lines: &[usize],
    from: (usize, usize),
) -> (Vec<Placed>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut groups = vec![0usize; needles + 1];
    hits.iter()
        .for_each(|hit| groups[hit.needle as usize + 1] += 1);
    for needle in 0..needles {
        groups[needle + 1] += groups[needle];
    }
    let mut next = groups.clone();
    let mut placed = vec![Placed::default(); hits.len()];
    let (mut words, mut counted_to, mut block) = (0usize, from.0, from.1);
    for hit in hits {
        let start = hit.start as usize;
        let through = (start + 1).min(bytes.len()).max(counted_to);
        let previous_space = counted_to == 0 || is_space(bytes[counted_to - 1]);
        words += word_starts(&bytes[counted_to..through], previous_space);
        counted_to = through;
        while blank_lines.get(block).is_some_and(|&at| at < start) {
            block += 1;
        }
        // Word and block numbers are below the text's length, which fits 32 bits.
        placed[next[hit.needle as usize]] = Placed {
            start: hit.start,
            end: hit.end,
            block: block as u32,
            first_word: words as u32,
            last_word: words as u32 + hit.inner_words,
            starts_word: bytes.get(start).is_some_and(|&b| !is_space(b)),
        };
        next[hit.needle as usize] += 1;
    }
    (placed, groups)
}

/// Bytes of text whose keyword hits are held at once: on text where every word is a
/// keyword there is about one hit per byte, and a hit with its placement takes 40
/// bytes, so a whole document's hits would take 40 times its size. The gate decides
/// paragraph by paragraph, so the text is searched in pieces cut at blank lines.
const GATE_PIECE_BYTES: usize = 1 << 18;

/// The pieces of a text of `len` bytes with `blank_lines` that the gate searches one by
/// one, each with the number of blank lines before it: each ends at the first line
/// break of a blank line (no keyword holds a line break, so none spans two pieces), or
/// at the end of the text.
fn pieces(
    len: usize,
    blank_lines: &[usize],
    cuttable: bool,
) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < len {
        let end = if cuttable {
            let after = blank_lines.partition_point(|&at| at < start + GATE_PIECE_BYTES);
            blank_lines.get(after).map_or(len, |&at| at + 1)
        } else {
            len
        };
        pieces.push((start..end, blank_lines.partition_point(|&at| at < start)));
        start = end;
    }
    pieces
}

/// What the document gate lets through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Openings {
    /// The (rule, pattern) pairs that can possibly match, sorted.
    pub patterns: Vec<(usize, usize)>,
    /// The blocks between blank lines (numbered from 0) where they can, sorted; `None`
    /// when any block can (a pattern without keywords).
    pub blocks: Option<Vec<usize>>,
    /// The keyword hits of the whole text, sorted, when it was searched in one piece (as
    /// most letters are): a sentence's needles are looked up in them rather than
    /// searched for again ([`ElementFilter::needles_within`]).
    pub hits: Option<Vec<KeywordHit>>,
}

/// The patterns of `gates` that can possibly match `text`, and where; `filter` finds
/// the keywords. The text is searched piece by piece (see [`GATE_PIECE_BYTES`]): a
/// pattern with keywords opens only in paragraphs that hold all of them, and no
/// paragraph spans two pieces.
pub(crate) fn open_patterns<'g>(
    gates: impl IntoIterator<Item = &'g PatternGate>,
    text: &str,
    filter: &ElementFilter,
) -> Openings {
    let gates: Vec<&PatternGate> = gates.into_iter().collect();
    let needles = filter.needles();
    // Blank lines found as `str::split("\n\n")` finds them: without overlap.
    let blank_lines: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), b"\n\n").collect();
    let mut present = vec![false; needles];
    let mut opened = vec![false; gates.len()];
    let mut blocks = Some(Vec::new());
    let mut here = Vec::new();
    let pieces = pieces(text.len(), &blank_lines, filter.cuttable);
    let whole = pieces.len() == 1;
    let mut kept = None;
    for (piece, blanks_before) in pieces {
        let hits = filter.hits_in(text, piece.clone());
        here.clear();
        here.resize(needles, false);
        hits.iter().for_each(|hit| here[hit.needle as usize] = true);
        present
            .iter_mut()
            .zip(&here)
            .for_each(|(seen, now)| *seen |= now);
        let plausible: Vec<usize> = (0..gates.len())
            .filter(|&index| {
                let gate = gates[index];
                !gate.required.is_empty()
                    && gate.required.iter().chain(&gate.previous).all(|&n| here[n])
            })
            .collect();
        if plausible.is_empty() {
            if whole {
                kept = Some(hits);
            }
            continue;
        }
        let (placed, groups) = place(
            text,
            &hits,
            needles,
            &blank_lines,
            (piece.start, blanks_before),
        );
        if whole {
            kept = Some(hits);
        } else {
            drop(hits);
        }
        let of = |needle: usize| &placed[groups[needle]..groups[needle + 1]];
        for index in plausible {
            // A gate with required needles gives its blocks.
            let found = gate_blocks(gates[index], &of).unwrap_or_default();
            if !found.is_empty() {
                opened[index] = true;
                if let Some(blocks) = &mut blocks {
                    blocks.extend(found);
                }
            }
        }
    }
    // A pattern without keywords of its own may match in any block, once the keywords
    // of its `previous` elements occur somewhere.
    for (index, gate) in gates.iter().enumerate() {
        if gate.required.is_empty() && gate.previous.iter().all(|&n| present[n]) {
            opened[index] = true;
            blocks = None;
        }
    }
    let mut patterns: Vec<(usize, usize)> = gates
        .iter()
        .zip(&opened)
        .filter(|(_, opened)| **opened)
        .map(|(gate, _)| (gate.rule, gate.pattern))
        .collect();
    if patterns.is_empty() {
        return Openings::default();
    }
    patterns.sort_unstable();
    if let Some(blocks) = &mut blocks {
        blocks.sort_unstable();
        blocks.dedup();
    }
    Openings {
        patterns,
        blocks,
        hits: kept,
    }
}

/// The blocks in which some hit of the rarest required needle has, for every other
/// required needle, a hit in the same paragraph within the word window, and a hit of
/// every `previous` needle earlier in the same paragraph; `None` (every block) for a
/// pattern without keywords. Every match of the pattern has such hits (each element's
/// match contains a keyword of each of its needles), so this never rules out a match.
fn gate_blocks<'p>(gate: &PatternGate, of: &impl Fn(usize) -> &'p [Placed]) -> Option<Vec<usize>> {
    let &anchor_needle = gate
        .required
        .iter()
        .min_by_key(|&&needle| of(needle).len())?;
    let mut blocks: Vec<usize> = Vec::new();
    for anchor in of(anchor_needle) {
        if blocks.last() == Some(&(anchor.block as usize)) {
            continue;
        }
        let opens = gate
            .required
            .iter()
            .filter(|&&needle| needle != anchor_needle)
            .all(|&needle| has_partner(anchor, of(needle), gate.within))
            && gate.previous.iter().all(|&needle| {
                let hits = of(needle);
                let first = hits.partition_point(|hit| hit.block < anchor.block);
                hits.get(first)
                    .is_some_and(|hit| hit.block == anchor.block && hit.start < anchor.end)
            });
        if opens {
            blocks.push(anchor.block as usize);
        }
    }
    Some(blocks)
}

/// Whether `hits` (sorted by start) has one in the anchor's paragraph such that both
/// together span at most `within` words.
fn has_partner(anchor: &Placed, hits: &[Placed], within: Option<usize>) -> bool {
    let reach = within.map_or(u32::MAX, |words| u32::try_from(words).unwrap_or(u32::MAX));
    let first = hits.partition_point(|hit| {
        hit.block < anchor.block
            || (hit.block == anchor.block
                && hit.first_word.saturating_add(reach) < anchor.first_word)
    });
    hits[first..]
        .iter()
        .take_while(|hit| {
            hit.block == anchor.block && hit.first_word <= anchor.last_word.saturating_add(reach)
        })
        .any(|hit| {
            if within.is_none() {
                return true;
            }
            let (first, last) = if hit.start < anchor.start {
                (hit, anchor)
            } else {
                (anchor, hit)
            };
            let last_word = first.last_word.max(last.last_word);
            last_word - first.first_word + u32::from(first.starts_word) <= reach
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_sets_are_lowercased_alternatives() {
        assert_eq!(
            keyword_sets(r"(?:e-?mail\w*|Fax\w*)"),
            [["e-mail", "email", "fax"]]
        );
        assert_eq!(
            keyword_sets(r"\b(?:datei)?anh[aä]ng\w*"),
            [["anhang", "anhäng"]]
        );
    }

    #[test]
    fn every_literal_part_of_a_sequence_is_a_set_rarest_first() {
        assert_eq!(
            keyword_sets(r"\bnicht\s+(?:mehr\s+)?(?:bearbeitet|beantwortet)\b"),
            [vec!["beantwortet", "bearbeitet"], vec!["nicht"]]
        );
    }

    #[test]
    fn weak_sets_are_dropped_when_there_are_strong_ones() {
        let sets = keyword_sets(
            r"\b(?:werden|wird)\s+(?:[^\s,;:]+\s+){0,4}?(?:zurückgesandt|zurückgewiesen)\b",
        );
        assert_eq!(
            sets,
            [
                vec!["zurückgesandt", "zurückgewiesen"],
                vec!["werden", "wird"]
            ]
        );
        assert_eq!(
            keyword_sets(r"\b(?:nicht|un)\s*zuständig\w*"),
            [["zuständig"]]
        );
        assert!(keyword_sets(r"\b(?:an|ab|sie)\b").is_empty());
        assert_eq!(keyword_sets(r"\bnur\s+per\s+fax"), [["nur"], ["fax"]]);
    }

    #[test]
    fn optional_parts_and_classes_give_no_keywords() {
        assert!(keyword_sets(r"(?:ab|x?)").is_empty());
        assert!(keyword_sets(r"\w*a\w*").is_empty());
        assert!(keyword_sets(r"\b(?:bitte\s+)?\d+").is_empty());
    }

    #[test]
    fn non_ascii_letters_are_searched_in_both_cases() {
        let mut spellings = case_variants("anträge").unwrap_or_default();
        spellings.sort();
        assert_eq!(spellings, ["antrÄge", "anträge"]);
        assert_eq!(case_variants("straße").map(|v| v.len()), Some(2));
        assert_eq!(case_variants("äöüäöü"), None);
    }

    fn filter() -> ElementFilter {
        let elements = [
            r"\be-?mail\w*".to_string(),
            r"\bnicht\s+bearbeit\w*".to_string(),
        ];
        ElementFilter::new(&elements)
    }

    fn gate(within: Option<usize>) -> PatternGate {
        PatternGate {
            rule: 0,
            pattern: 0,
            required: vec![0, 1, 2],
            previous: Vec::new(),
            within,
        }
    }

    fn opens(text: &str, gate: &PatternGate) -> bool {
        !open_patterns([gate], text, &filter()).patterns.is_empty()
    }

    #[test]
    fn words_are_counted_eight_bytes_at_a_time_as_one_by_one() {
        let texts = [
            "",
            "ein",
            " Ihre E-Mail wird\nnicht bearbeitet. Sie! ",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "Anträge\n\nwerden  nicht angenommen!!",
        ];
        for text in texts {
            for cut in 0..=text.len() {
                let bytes = &text.as_bytes()[cut..];
                let previous = cut == 0 || is_space(text.as_bytes()[cut - 1]);
                let mut expected = 0;
                let mut space = previous;
                for &byte in bytes {
                    expected += usize::from(!is_space(byte) && space);
                    space = is_space(byte);
                }
                assert_eq!(
                    word_starts(bytes, previous),
                    expected,
                    "{text:?} from {cut}"
                );
            }
        }
    }

    #[test]
    fn the_dfa_finds_what_the_quick_automaton_finds() {
        let elements = [
            r"\be-?mail\w*".to_string(),
            r"\bnicht\s+(?:mehr\s+)?(?:bearbeit\w*|beantwort\w*)".to_string(),
            r"\bantr[aä]g\w*".to_string(),
            r"\bausschließlich\b".to_string(),
        ];
        let filter = ElementFilter::new(&elements);
        let text = "ANTRÄGE per E-Mail werden ausschliesslich und AUSSCHLIEßLICH \
                    nicht mehr bearbeitet; Anträge, e-mails, EMAIL, nicht beantwortet."
            .repeat(3);
        let quick = filter.hits(&text);
        assert!(quick.len() >= 20, "{quick:?}");
        let dfa = keyword_automaton(&filter.keywords, AhoCorasickKind::DFA);
        let mut from_dfa: Vec<(usize, usize, usize)> = dfa
            .map(|dfa| {
                dfa.find_overlapping_iter(&text)
                    .map(|m| {
                        (
                            m.start(),
                            m.end(),
                            filter.keyword_needle[m.pattern().as_usize()] as usize,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        from_dfa.sort();
        from_dfa.dedup();
        let from_quick: Vec<(usize, usize, usize)> = quick
            .iter()
            .map(|h| (h.start as usize, h.end as usize, h.needle as usize))
            .collect();
        assert_eq!(from_quick, from_dfa);
    }

    #[test]
    fn keywords_are_found_in_any_case_without_lowercasing() {
        let hits = filter().hits("E-MAIL wird NICHT BEARBEITET zur Verfügung");
        let found: Vec<(usize, usize, usize)> = hits
            .iter()
            .map(|hit| (hit.start as usize, hit.end as usize, hit.needle as usize))
            .collect();
        assert_eq!(found, [(0, 6, 0), (12, 17, 2), (18, 26, 1)]);
        let spaced = ElementFilter::new(&[
            r"\bzur\s?verfügung\b".to_string(),
            r"\bzur verfügung\b".to_string(),
        ]);
        let inner: Vec<u32> = spaced
            .hits("Steht nicht mehr zur Verfügung.")
            .iter()
            .map(|hit| hit.inner_words)
            .collect();
        // "zur Verfügung" starts before "Verfügung".
        assert_eq!(inner, [1, 0]);
    }

    #[test]
    fn the_gate_needs_all_elements_within_the_window_of_one_paragraph() {
        let close = "Ihre E-Mail wird nicht bearbeitet.";
        assert!(opens(close, &gate(Some(5))));
        // The keywords "e-mail", "nicht", "bearbeit" span four words: "E-Mail wird nicht
        // bearbeit(et)".
        assert!(!opens(close, &gate(Some(3))));
        assert!(opens(close, &gate(Some(4))));
        let apart = "Ihre E-Mail haben wir erhalten.\n\nDer Antrag wird nicht bearbeitet.";
        assert!(!opens(apart, &gate(None)));
        assert!(opens(&apart.replace("\n\n", " "), &gate(None)));
        assert!(!opens("Ihre E-Mail ist angekommen.", &gate(None)));
    }

    #[test]
    fn a_long_text_is_gated_piece_by_piece_as_it_is_whole() {
        let mut filter = filter();
        let gates: Vec<PatternGate> = [
            (vec![0, 1, 2], vec![], Some(5)),
            (vec![0, 1, 2], vec![], None),
            (vec![1, 2], vec![0], None),
            (vec![], vec![0], None),
        ]
        .into_iter()
        .enumerate()
        .map(|(pattern, (required, previous, within))| PatternGate {
            pattern,
            required,
            previous,
            within,
            ..gate(None)
        })
        .collect();
        let paragraphs = [
            "Ihre E-Mail wird nicht bearbeitet.",
            "Sie schrieben eine E-Mail. Sie wird nicht bearbeitet.",
            "Ihre E-Mail kam an.\n\nSie wird nicht bearbeitet.",
            "Ein Antrag per Post,\nnicht per E-Mail,\n\n\nwird bearbeitet.",
            "Nichts davon.",
        ];
        let mut text = String::new();
        let mut at = 0;
        while text.len() < 3 * GATE_PIECE_BYTES {
            text.push_str(paragraphs[at * 7 % paragraphs.len()]);
            text.push_str(if at % 3 == 0 { "\n\n" } else { " " });
            at += 1;
        }
        let blank_lines: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), b"\n\n").collect();
        assert!(pieces(text.len(), &blank_lines, true).len() >= 3);
        let cut = open_patterns(&gates, &text, &filter);
        filter.cuttable = false;
        let whole = open_patterns(&gates, &text, &filter);
        assert_eq!(
            (&cut.patterns, &cut.blocks),
            (&whole.patterns, &whole.blocks)
        );
        // The hits of a text searched whole are kept for the sentences, not of pieces.
        assert_eq!(cut.hits, None);
        assert_eq!(
            whole.hits.map(|hits| hits.len()),
            Some(filter.hits(&text).len())
        );
        assert_eq!(cut.patterns.len(), gates.len());
        // The pattern without keywords of its own opens every block.
        assert_eq!(cut.blocks, None);
        let with_keywords = &gates[..3];
        let whole = open_patterns(with_keywords, &text, &filter);
        filter.cuttable = true;
        let cut = open_patterns(with_keywords, &text, &filter);
        assert_eq!(
            (&cut.patterns, &cut.blocks),
            (&whole.patterns, &whole.blocks)
        );
        assert!(
            cut.blocks
                .as_ref()
                .is_some_and(|blocks| blocks.len() > 1000)
        );
    }

    #[test]
    fn previous_elements_must_come_earlier_in_the_paragraph() {
        let previous = PatternGate {
            required: vec![1, 2],
            previous: vec![0],
            ..gate(None)
        };
        assert!(opens(
            "Sie schrieben eine E-Mail. Sie wird nicht bearbeitet.",
            &previous
        ));
        assert!(!opens(
            "Sie wird nicht bearbeitet. Ihre E-Mail kam an.",
            &previous
        ));
        assert!(!opens(
            "Ihre E-Mail kam an.\n\nSie wird nicht bearbeitet.",
            &previous
        ));
    }
}
