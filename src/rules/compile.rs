//! Turning rule specs into compiled regexes: vocabulary references are expanded, every
//! regex is compiled once per run, and the keyword prefilter lets a document skip every
//! pattern whose words it does not contain close enough together.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

use crate::builtin_regex::built_in;

use super::model::{RuleSpec, Scope};
use super::prefilter::{ElementFilter, Openings, PatternGate, open_patterns, trigger_of};
use super::source::{RuleError, RuleSource};

/// A rule as read from a file, before compiling.
pub(crate) struct LoadedRule {
    pub family: String,
    pub spec: RuleSpec,
    /// Index into the list of sources, for error positions.
    pub source: usize,
}

/// A compiled rule, ready to match.
#[derive(Debug)]
pub struct Rule {
    pub family: String,
    /// The file the rule came from, for `rules explain`.
    pub source_name: String,
    pub spec: RuleSpec,
    pub patterns: Vec<CompiledPattern>,
    pub exceptions: Vec<Exception>,
    pub evidence: Option<Evidence>,
}

/// The compiled `evidence` of a rule.
#[derive(Debug)]
pub struct Evidence {
    pub pattern: Arc<LazyRegex>,
    pub exclude: Option<Arc<LazyRegex>>,
}

impl Evidence {
    /// The first piece of evidence in `text`, if any; `spelled` is the ASCII spelling of
    /// a long `text`, if it has one, to rule evidence out quickly ([`LazyRegex::ruled_out`]).
    pub fn find<'t>(&self, text: &'t str, spelled: Option<&str>) -> Option<&'t str> {
        if self.pattern.ruled_out(spelled) {
            return None;
        }
        self.pattern
            .get()
            .find_iter(text)
            .map(|m| &text[m.range()])
            .find(|found| {
                self.exclude
                    .as_ref()
                    .is_none_or(|exclude| !exclude.is_match(found))
            })
    }
}

/// A regex validated at load time and compiled on first use.
///
/// Compiling the Unicode-aware, case-insensitive vocabulary costs about a millisecond
/// per element; a run that checks one letter only needs the few rules its words can
/// trigger. Identical expansions are shared, so each is compiled at most once.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<meta::Regex>,
    /// The variant for ASCII-spelled text (see [`super::ascii`]); compiled once the
    /// regex has been used often enough to repay it, so one letter stays fast.
    ascii: OnceLock<Option<Regex>>,
    uses: AtomicUsize,
}

/// Uses of a regex after which its ASCII variant is compiled.
const ASCII_AFTER_USES: usize = 200;

impl LazyRegex {
    /// The regex as written after vocabulary expansion.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn get(&self) -> &meta::Regex {
        self.compiled.get_or_init(|| {
            // The syntax was validated when the rules were loaded; only the size limit
            // could still fail. A regex that never matches keeps the run going.
            build_regex(&self.pattern).unwrap_or_else(never_matching)
        })
    }

    /// The ranges of all matches in `sentence`; `spelled` is the sentence spelled in
    /// ASCII with the same offsets ([`super::ascii::ascii_spelling`]), if it has one.
    pub fn find_ranges(&self, sentence: &str, spelled: Option<&str>) -> Vec<Range<usize>> {
        if let Some(ranges) = self.ascii_ranges(sentence, spelled) {
            return ranges;
        }
        self.get().find_iter(sentence).map(|m| m.range()).collect()
    }

    /// The matches of the ASCII variant in `spelled`, if it is due and they all fall on
    /// character boundaries of `text`; `None` when the original regex must decide.
    fn ascii_ranges(&self, text: &str, spelled: Option<&str>) -> Option<Vec<Range<usize>>> {
        let uses = self.uses.fetch_add(1, Ordering::Relaxed);
        let spelled = spelled.filter(|_| uses >= ASCII_AFTER_USES)?;
        let ascii = self
            .ascii
            .get_or_init(|| ascii_variant(&self.pattern))
            .as_ref()?;
        let ranges: Vec<Range<usize>> = ascii.find_iter(spelled).map(|m| m.range()).collect();
        ranges
            .iter()
            .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
            .then_some(ranges)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_match(text)
    }

    /// Whether the ASCII variant rules out any match in a text whose ASCII spelling is
    /// `spelled` (a long text: the variant is compiled at once). The variant finds every
    /// match of the regex at the same offsets, and maybe more, so this is exact; on a
    /// German document the regex itself would search in its slow engine.
    pub fn ruled_out(&self, spelled: Option<&str>) -> bool {
        spelled.is_some_and(|spelled| {
            self.ascii
                .get_or_init(|| ascii_variant(&self.pattern))
                .as_ref()
                .is_some_and(|variant| !variant.is_match(spelled))
        })
    }

    /// Like [`LazyRegex::is_match`], with the ASCII spelling of `text` as in
    /// [`LazyRegex::find_ranges`]: on German text the original regex runs in a slow
    /// engine, and exceptions are tested at every hit.
    pub fn is_match_in(&self, text: &str, spelled: Option<&str>) -> bool {
        match self.ascii_ranges(text, spelled) {
            Some(ranges) => !ranges.is_empty(),
            None => self.is_match(text),
        }
    }
}

/// A regex that never matches: one of no patterns.
fn never_matching() -> meta::Regex {
    static NEVER: LazyLock<meta::Regex> = LazyLock::new(|| {
        meta::Regex::new_many::<&str>(&[]).unwrap_or_else(|e| panic!("a regex of no patterns: {e}"))
    });
    NEVER.clone()
}

#[derive(Debug)]
pub struct CompiledPattern {
    /// Every element must match the sentence.
    pub elements: Vec<Arc<LazyRegex>>,
    /// The elements as written in the rule file, for `--explain`-style output.
    pub element_sources: Vec<Arc<str>>,
    pub within: Option<usize>,
    /// Must all match the previous sentence of the same paragraph.
    pub previous: Vec<Arc<LazyRegex>>,
    /// Each element's id in the rule set's [`ElementFilter`].
    pub element_ids: Vec<usize>,
}

#[derive(Debug)]
pub struct Exception {
    pub regex: Arc<LazyRegex>,
    pub scope: Scope,
    /// A sentence where this matches does not count for the exception (`unless`).
    pub unless: Option<Arc<LazyRegex>>,
    /// The exception's id in the rule set's exception keywords
    /// ([`RuleSet::exception_filter`]); rules that share an exception share its id.
    pub id: usize,
}

/// The keywords of the rules' exceptions, found in a sentence in one pass, so that the
/// regexes of exceptions whose words a sentence lacks need not run: on keyword-dense text
/// every sentence has hits, and each hit's rule tests all of its exceptions.
#[derive(Debug)]
struct ExceptionKeywords {
    /// The distinct exception regexes, by id.
    patterns: Vec<String>,
    /// Built when the first exception is tested: deriving the keywords takes a few
    /// milliseconds, but compiling an exception regex takes one or two, and the filter
    /// spares a letter with a hit compiling the exceptions whose words it lacks (most
    /// of them). A letter without a hit never needs it.
    filter: OnceLock<ElementFilter>,
}

/// All rules of a run, compiled, with the prefilter.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Finds the keywords of every pattern element in one pass over a document.
    element_filter: ElementFilter,
    exception_keywords: ExceptionKeywords,
    /// Every pattern's elements, for the document gate.
    gates: Vec<PatternGate>,
    /// The keywords of every pattern's first element, as regexes (`rules triggers`).
    trigger_patterns: Vec<String>,
    /// Whether some pattern has no keywords at all and must be tried on every sentence.
    keywordless_patterns: bool,
    /// Rules switched off by the project's selection (`select`/`ignore`), by index.
    disabled: Vec<bool>,
    /// By rule index: the rules it yields to (`yields_to`, resolved once at load).
    precedents: Vec<Vec<usize>>,
    /// Whether some rule yields to another (else no sentence's hits need comparing).
    any_precedents: bool,
    /// The vocabulary term [`ASIDE_TERM`], if the vocabulary has it.
    aside: Option<Arc<LazyRegex>>,
}

/// The vocabulary term for mentions of a way of contact that the sentence is not about:
/// the medium of an earlier conversation ("wie telefonisch besprochen", "nach Ihrem
/// Anruf"). Patterns do not see its matches; exceptions and the context do.
pub const ASIDE_TERM: &str = "aside_mention";

impl RuleSet {
    /// The keyword prefilter's search: [`ElementFilter::hits`] of a normalized text and
    /// which needles a sentence holds.
    pub(crate) fn element_filter(&self) -> &ElementFilter {
        &self.element_filter
    }

    /// The keyword filter of the exceptions (by [`Exception::id`]), for a sentence whose
    /// exceptions are about to be tested.
    pub(crate) fn exception_filter(&self) -> &ElementFilter {
        let keywords = &self.exception_keywords;
        keywords
            .filter
            .get_or_init(|| ElementFilter::new(&keywords.patterns))
    }

    /// For a whole normalized document: the (rule, pattern) pairs of enabled rules that
    /// can possibly match, and in which blocks.
    pub fn candidates(&self, text: &str) -> Openings {
        let enabled = self.gates.iter().filter(|gate| !self.disabled[gate.rule]);
        open_patterns(enabled, text, &self.element_filter)
    }

    /// Every (rule, pattern) pair of the enabled rules, sorted.
    pub(crate) fn enabled_patterns(&self) -> Vec<(usize, usize)> {
        self.gates
            .iter()
            .filter(|gate| !self.disabled[gate.rule])
            .map(|gate| (gate.rule, gate.pattern))
            .collect()
    }

    /// Switches off the rules for which `enabled` is false; they stay listed (for
    /// `rules list` and SARIF) but never match.
    pub fn disable_unless(&mut self, enabled: impl Fn(&Rule) -> bool) {
        self.disabled = self.rules.iter().map(|rule| !enabled(rule)).collect();
    }

    /// The rules (by index) that rule `rule` yields to: a hit of one of them in the same
    /// sentence drops its hit.
    pub fn precedents(&self, rule: usize) -> &[usize] {
        &self.precedents[rule]
    }

    /// Whether some rule yields to another.
    pub fn has_precedents(&self) -> bool {
        self.any_precedents
    }

    /// The regex of the vocabulary term [`ASIDE_TERM`], if the vocabulary has it.
    pub(crate) fn aside(&self) -> Option<&LazyRegex> {
        self.aside.as_deref()
    }

    /// Whether some pattern has no keywords at all and must be tried on every sentence.
    pub fn has_keywordless_patterns(&self) -> bool {
        self.keywordless_patterns
    }

    /// What the rule pack's prefilter looks for first: the keywords of every pattern's
    /// first element (escaped), and the first elements without keywords, as regexes
    /// matched case-insensitively.
    pub fn trigger_patterns(&self) -> &[String] {
        &self.trigger_patterns
    }

    /// Whether the rule at `index` runs.
    pub fn is_enabled(&self, index: usize) -> bool {
        !self.disabled[index]
    }

    pub fn find(&self, id_or_name: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.spec.id.eq_ignore_ascii_case(id_or_name) || r.spec.name == id_or_name)
    }
}

/// Whether following `yields_to` from rule `start` comes back to it: rules that yield to
/// each other would silence each other on every sentence both decide.
fn yields_in_circle(start: &str, yields: &HashMap<&str, &[String]>) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut next: Vec<&str> = yields
        .get(start)
        .map(|ids| ids.iter().map(String::as_str).collect())
        .unwrap_or_default();
    while let Some(id) = next.pop() {
        if id == start {
            return true;
        }
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        if let Some(ids) = yields.get(id) {
            next.extend(ids.iter().map(String::as_str));
        }
    }
    false
}

static VOCABULARY_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"\{([A-Za-z_][A-Za-z0-9_]*)\}"));
static RULE_ID: LazyLock<Regex> = LazyLock::new(|| built_in(r"^FL\d{3,}$"));
static KEBAB: LazyLock<Regex> = LazyLock::new(|| built_in(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"));

/// Bytes of lazily built DFA states kept per regex (and thread). The regex crate's
/// default, 2 MiB, is too small for the expanded vocabularies on text where every
/// word is a keyword: the cache was cleared and rebuilt at nearly every match, most of
/// the time spent on such text. The cache grows only as far as a text needs it.
const LAZY_DFA_CACHE: usize = 16 << 20;

/// Case-insensitive, Unicode-aware; large enough for expanded vocabularies. Built
/// without the literal prefilter the regex crate would extract (and without capture
/// groups, which no caller asks for): on the sentences the keyword prefilter lets
/// through it saves little, while extracting it, and the reverse automata that come
/// with it, took a third of compiling a rule regex, which one letter waits for.
fn build_regex(pattern: &str) -> Option<meta::Regex> {
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(LAZY_DFA_CACHE)
                .auto_prefilter(false)
                .which_captures(WhichCaptures::Implicit),
        )
        .syntax(syntax::Config::new().case_insensitive(true))
        .build(&latin_word_classes(pattern))
        .ok()
}

/// Large enough for expanded vocabularies.
fn build_sized(pattern: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .size_limit(64 << 20)
        .dfa_size_limit(LAZY_DFA_CACHE)
        .build()
}

/// The regex for text spelled in ASCII ([`super::ascii`]), or `None` when the pattern
/// cannot be rewritten. Its `\w` is narrowed to Latin script first, as in the rules'
/// own regexes: on ASCII text the narrowed and the Unicode class match the same
/// characters, and the narrow one compiles many times faster (on keyword-dense text
/// every element's variant is compiled).
pub(crate) fn ascii_variant(pattern: &str) -> Option<Regex> {
    super::ascii::ascii_pattern(&latin_word_classes(pattern))
        .and_then(|variant| build_sized(&variant, false).ok())
}

/// The letters rules are written for: ASCII and the Latin supplements (ä, ö, ü, ß, é,
/// ł, ş …).
const LATIN_WORD: &str = r"0-9A-Za-z_\u{C0}-\u{24F}";

/// `\w` and `\W` narrowed to Latin script, and "any character" written as `[\s\S]`
/// turned into `(?s:.)`. Unicode's `\w` spans every script and makes each vocabulary
/// regex take milliseconds to compile; German letters are Latin, and a match that runs
/// into another script ends there, which is what a word boundary means for the rules.
/// `[\s\S]` and `(?s:.)` match the same (every character), but case-insensitive
/// compiling folds the case of each of the class's 1.1 million characters, about 15 ms
/// per occurrence; a dot is not case-folded. Escaped backslashes (`\\w`) are left alone.
fn latin_word_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.char_indices().peekable();
    // Nesting of bracketed classes, and whether a `]` would be the first item of the
    // innermost one (and so a literal `]`).
    let mut depth = 0usize;
    let mut class_start = false;
    while let Some((at, c)) = chars.next() {
        let first_in_class = std::mem::take(&mut class_start);
        match c {
            '\\' => match chars.next().map(|(_, escaped)| escaped) {
                Some('w') => out.push_str(&format!("[{LATIN_WORD}]")),
                Some('W') => out.push_str(&format!("[^{LATIN_WORD}]")),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if depth == 0
                && ANY_CHARACTER
                    .iter()
                    .any(|any| pattern[at..].starts_with(any)) =>
            {
                out.push_str("(?s:.)");
                // The class's five remaining characters.
                chars.nth(4);
            }
            '[' => {
                out.push(c);
                depth += 1;
                class_start = true;
                if chars.peek().is_some_and(|&(_, next)| next == '^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if depth > 0 && !first_in_class => {
                out.push(c);
                depth -= 1;
            }
            _ => out.push(c),
        }
    }
    out
}

/// Classes of every character, as rules write them.
const ANY_CHARACTER: [&str; 2] = [r"[\s\S]", r"[\S\s]"];

/// Checks the syntax of a pattern without compiling it (fast).
fn validate_syntax(pattern: &str) -> Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .map(drop)
        .map_err(|e| {
            let text = e.to_string();
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or(&text);
            format!("invalid regular expression ({})", last.trim())
        })
}

/// Shares one [`LazyRegex`] per distinct expanded pattern.
#[derive(Default)]
struct RegexCache {
    by_pattern: HashMap<String, Arc<LazyRegex>>,
    /// Parse each new pattern to report syntax errors (not needed for the built-in
    /// pack, which the test suite checks).
    validate: bool,
}

impl RegexCache {
    fn get(&mut self, expanded: String) -> Result<Arc<LazyRegex>, String> {
        if let Some(existing) = self.by_pattern.get(&expanded) {
            return Ok(existing.clone());
        }
        if self.validate {
            validate_syntax(&expanded)?;
        }
        let lazy = Arc::new(LazyRegex {
            pattern: expanded.clone(),
            compiled: OnceLock::new(),
            ascii: OnceLock::new(),
            uses: AtomicUsize::new(0),
        });
        self.by_pattern.insert(expanded, lazy.clone());
        Ok(lazy)
    }
}

/// Expands `{name}` references recursively into non-capturing groups.
struct Expander<'a> {
    vocabulary: &'a BTreeMap<String, (Vec<String>, usize)>,
    cache: BTreeMap<String, String>,
}

impl Expander<'_> {
    fn expand(&mut self, pattern: &str, stack: &mut Vec<String>) -> Result<String, String> {
        let mut out = String::with_capacity(pattern.len());
        let mut last = 0;
        for caps in VOCABULARY_REFERENCE.captures_iter(pattern) {
            let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            // `\p{L}` and `\P{L}` are Unicode classes, not vocabulary references.
            if pattern[..whole.start()].ends_with("\\p")
                || pattern[..whole.start()].ends_with("\\P")
            {
                continue;
            }
            out.push_str(&pattern[last..whole.start()]);
            out.push_str(&self.term(name.as_str(), stack)?);
            last = whole.end();
        }
        out.push_str(&pattern[last..]);
        Ok(out)
    }

    fn term(&mut self, name: &str, stack: &mut Vec<String>) -> Result<String, String> {
        if let Some(done) = self.cache.get(name) {
            return Ok(done.clone());
        }
        if stack.iter().any(|n| n == name) {
            return Err(format!(
                "vocabulary term {{{name}}} refers to itself ({} -> {name}); break the cycle",
                stack.join(" -> ")
            ));
        }
        let Some((alternatives, _)) = self.vocabulary.get(name) else {
            return Err(format!(
                "unknown vocabulary term {{{name}}}; define it in rules/vocabulary.yaml or fix the spelling"
            ));
        };
        stack.push(name.to_string());
        let mut parts = Vec::with_capacity(alternatives.len());
        for alternative in alternatives {
            parts.push(self.expand(alternative, stack)?);
        }
        stack.pop();
        let group = format!("(?:{})", parts.join("|"));
        self.cache.insert(name.to_string(), group.clone());
        Ok(group)
    }
}

pub(crate) fn compile(
    loaded: Vec<LoadedRule>,
    vocabulary: BTreeMap<String, (Vec<String>, usize)>,
    sources: &[RuleSource],
    check_syntax: bool,
) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut cache = RegexCache {
        validate: check_syntax,
        ..RegexCache::default()
    };
    let mut expander = Expander {
        vocabulary: &vocabulary,
        cache: BTreeMap::new(),
    };
    for (name, (alternatives, source)) in &vocabulary {
        for alternative in alternatives {
            let checked = expander
                .expand(alternative, &mut vec![name.clone()])
                .and_then(|expanded| match check_syntax {
                    true => validate_syntax(&expanded),
                    false => Ok(()),
                });
            if let Err(message) = checked {
                errors.push(RuleError::at(
                    &sources[*source],
                    alternative,
                    format!("in vocabulary term {name}: {message}"),
                ));
            }
        }
    }

    let known_ids: std::collections::HashSet<String> =
        loaded.iter().map(|rule| rule.spec.id.clone()).collect();
    let yields: HashMap<&str, &[String]> = loaded
        .iter()
        .map(|rule| (rule.spec.id.as_str(), rule.spec.yields_to.as_slice()))
        .collect();
    for rule in &loaded {
        if yields_in_circle(&rule.spec.id, &yields) {
            errors.push(RuleError::at(
                &sources[rule.source],
                &format!("id: {}", rule.spec.id),
                format!(
                    "rule {}: yields_to leads back to the rule itself, so neither would report the sentence",
                    rule.spec.id
                ),
            ));
        }
    }
    let mut rules = Vec::with_capacity(loaded.len());
    for LoadedRule {
        family,
        spec,
        source,
    } in loaded
    {
        let source = &sources[source];
        let before = errors.len();
        validate(&family, &spec, source, &mut errors);
        for precedent in &spec.yields_to {
            if !known_ids.contains(precedent) || *precedent == spec.id {
                errors.push(RuleError::at(
                    source,
                    &format!("id: {}", spec.id),
                    format!(
                        "rule {}: yields_to names {precedent:?}, which is not another loaded rule",
                        spec.id
                    ),
                ));
            }
        }
        let mut compile_one =
            |pattern: &str, errors: &mut Vec<RuleError>| -> Option<Arc<LazyRegex>> {
                let compiled = expander
                    .expand(pattern, &mut Vec::new())
                    .and_then(|expanded| cache.get(expanded));
                match compiled {
                    Ok(regex) => Some(regex),
                    Err(message) => {
                        errors.push(RuleError::at(
                            source,
                            pattern,
                            format!("rule {}: {message}", spec.id),
                        ));
                        None
                    }
                }
            };
        let mut patterns = Vec::new();
        for pattern in &spec.patterns {
            let elements: Vec<Arc<LazyRegex>> = pattern
                .all
                .iter()
                .filter_map(|element| compile_one(element, &mut errors))
                .collect();
            let previous = pattern
                .previous
                .iter()
                .filter_map(|element| compile_one(element, &mut errors))
                .collect();
            patterns.push(CompiledPattern {
                element_ids: Vec::new(),
                elements,
                element_sources: pattern
                    .all
                    .iter()
                    .map(|source| Arc::from(source.as_str()))
                    .collect(),
                within: pattern.within,
                previous,
            });
        }
        let exceptions = spec
            .exceptions
            .iter()
            .filter_map(|exception| {
                let unless = exception.unless.as_ref().map(|unless| {
                    if exception.scope == Scope::Document {
                        errors.push(RuleError::at(
                            source,
                            unless,
                            format!(
                                "rule {}: `unless` needs sentence, previous or paragraph scope",
                                spec.id
                            ),
                        ));
                    }
                    compile_one(unless, &mut errors)
                });
                let unless = match unless {
                    Some(None) => return None,
                    Some(Some(regex)) => Some(regex),
                    None => None,
                };
                compile_one(&exception.pattern, &mut errors).map(|regex| Exception {
                    regex,
                    scope: exception.scope,
                    unless,
                    id: 0,
                })
            })
            .collect();
        let evidence = spec.evidence.as_ref().and_then(|evidence| {
            let pattern = compile_one(&evidence.pattern, &mut errors)?;
            let exclude = match &evidence.exclude {
                Some(exclude) => Some(compile_one(exclude, &mut errors)?),
                None => None,
            };
            Some(Evidence { pattern, exclude })
        });
        if errors.len() == before {
            rules.push(Rule {
                family,
                source_name: source.name.clone(),
                spec,
                patterns,
                exceptions,
                evidence,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    rules.sort_by(|a, b| super::compare_ids(&a.spec.id, &b.spec.id));

    // Elements shared by several patterns get one id and are looked for once; the
    // regexes a pattern needs in the previous sentence are elements too, for the gate.
    let mut element_ids: HashMap<String, usize> = HashMap::new();
    let mut element_patterns: Vec<String> = Vec::new();
    let mut id_of = |regex: &LazyRegex| {
        let source = regex.pattern().to_string();
        *element_ids.entry(source.clone()).or_insert_with(|| {
            element_patterns.push(source);
            element_patterns.len() - 1
        })
    };
    let mut previous_ids = Vec::new();
    for rule in &mut rules {
        for pattern in &mut rule.patterns {
            pattern.element_ids = pattern.elements.iter().map(|e| id_of(e)).collect();
            previous_ids.push(
                pattern
                    .previous
                    .iter()
                    .map(|e| id_of(e))
                    .collect::<Vec<_>>(),
            );
        }
    }
    let element_filter = ElementFilter::new(&element_patterns);
    let mut exception_ids: HashMap<String, usize> = HashMap::new();
    let mut exception_patterns: Vec<String> = Vec::new();
    for exception in rules.iter_mut().flat_map(|rule| &mut rule.exceptions) {
        let source = exception.regex.pattern().to_string();
        exception.id = *exception_ids.entry(source.clone()).or_insert_with(|| {
            exception_patterns.push(source);
            exception_patterns.len() - 1
        });
    }
    let needles_of = |ids: &[usize]| {
        let mut needles: Vec<usize> = ids
            .iter()
            .flat_map(|&id| element_filter.needles_of(id).iter().copied())
            .collect();
        needles.sort_unstable();
        needles.dedup();
        needles
    };
    let mut gates = Vec::new();
    let mut trigger_patterns = Vec::new();
    let mut previous_ids = previous_ids.into_iter();
    for (rule_index, rule) in rules.iter().enumerate() {
        for (pattern_index, pattern) in rule.patterns.iter().enumerate() {
            gates.push(PatternGate {
                rule: rule_index,
                pattern: pattern_index,
                required: needles_of(&pattern.element_ids),
                previous: needles_of(&previous_ids.next().unwrap_or_default()),
                within: pattern.within,
            });
            if let (Some(first), Some(&id)) =
                (pattern.elements.first(), pattern.element_ids.first())
            {
                match element_filter.rarest_set(id) {
                    Some(words) => trigger_patterns.extend(words.iter().map(|w| regex::escape(w))),
                    None => trigger_patterns.push(trigger_of(first.pattern())),
                }
            }
        }
    }
    trigger_patterns.sort();
    trigger_patterns.dedup();
    let precedents: Vec<Vec<usize>> = rules
        .iter()
        .map(|rule| {
            rules
                .iter()
                .enumerate()
                .filter(|(_, other)| rule.spec.yields_to.contains(&other.spec.id))
                .map(|(index, _)| index)
                .collect()
        })
        .collect();
    // The vocabulary's terms were checked above, so the term expands and parses.
    let aside = vocabulary
        .contains_key(ASIDE_TERM)
        .then(|| {
            expander
                .expand(&format!("{{{ASIDE_TERM}}}"), &mut Vec::new())
                .and_then(|expanded| cache.get(expanded))
                .ok()
        })
        .flatten();
    Ok(RuleSet {
        aside,
        any_precedents: precedents.iter().any(|p| !p.is_empty()),
        precedents,
        keywordless_patterns: gates.iter().any(|gate| gate.required.is_empty()),
        disabled: vec![false; rules.len()],
        element_filter,
        exception_keywords: ExceptionKeywords {
            patterns: exception_patterns,
            filter: OnceLock::new(),
        },
        gates,
        trigger_patterns,
        rules,
    })
}

fn validate(family: &str, spec: &RuleSpec, source: &RuleSource, errors: &mut Vec<RuleError>) {
    let mut fail =
        |needle: &str, message: String| errors.push(RuleError::at(source, needle, message));
    let id_line = format!("id: {}", spec.id);
    if !KEBAB.is_match(family) {
        fail(
            "family:",
            format!("family {family:?} must be kebab-case, e.g. email-refused"),
        );
    }
    if !RULE_ID.is_match(&spec.id) {
        fail(
            &id_line,
            format!(
                "rule id {:?} must be FL followed by at least three digits, e.g. FL101",
                spec.id
            ),
        );
    }
    if spec.id.starts_with("FL0") {
        fail(
            &id_line,
            format!(
                "rule id {} is reserved: FL0xx are formlos' own diagnostics (suppressions); use FL101 or higher",
                spec.id
            ),
        );
    }
    if !KEBAB.is_match(&spec.name) {
        fail(
            &format!("name: {}", spec.name),
            format!(
                "rule name {:?} must be kebab-case, e.g. email-not-processed",
                spec.name
            ),
        );
    }
    if spec.law.is_empty() {
        fail(
            &id_line,
            format!(
                "rule {} names no norm; add at least one entry under law:",
                spec.id
            ),
        );
    }
    for norm in &spec.law {
        if !norm.url.starts_with("https://") {
            fail(
                &norm.url,
                format!(
                    "rule {}: the link for {} must be an https:// address of the statute text",
                    spec.id, norm.norm
                ),
            );
        }
    }
    if spec.patterns.is_empty() || spec.patterns.iter().any(|p| p.all.is_empty()) {
        fail(
            &id_line,
            format!(
                "rule {} needs at least one pattern, each with at least one entry under all:",
                spec.id
            ),
        );
    }
    if !(0.0..=1.0).contains(&spec.confidence) {
        fail(
            &id_line,
            format!("rule {}: confidence must lie between 0 and 1", spec.id),
        );
    }
    if let Some(replacement) = &spec.replacement {
        let trimmed = replacement.trim();
        if trimmed.is_empty() || !trimmed.ends_with(['.', '!']) || trimmed.contains('\n') {
            fail(
                "replacement:",
                format!(
                    "rule {}: replacement must be one complete sentence on one line, ending with a full stop",
                    spec.id
                ),
            );
        }
    }
    if spec.examples.must_match.is_empty() || spec.examples.must_not_match.is_empty() {
        fail(
            &id_line,
            format!(
                "rule {} needs examples that must match and examples that must not match (examples: match: / no_match:)",
                spec.id
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::ascii::ascii_spelling;
    use crate::rules::{builtin_sources, load};

    #[test]
    fn ascii_variants_find_what_the_original_regexes_find() {
        let rules = load(&[builtin_sources()]).unwrap_or_else(|e| panic!("{e:?}"));
        let sentences = [
            include_str!("../../fixtures/sentences/violations.txt"),
            include_str!("../../fixtures/sentences/lawful.txt"),
        ]
        .concat();
        let mut compared = 0;
        let mut elements: Vec<&std::sync::Arc<super::LazyRegex>> = rules
            .rules
            .iter()
            .flat_map(|r| &r.patterns)
            .flat_map(|p| &p.elements)
            .collect();
        elements.sort_by(|a, b| a.pattern().cmp(b.pattern()));
        elements.dedup_by(|a, b| a.pattern() == b.pattern());
        for element in elements {
            let ascii = super::ascii_variant(element.pattern())
                .unwrap_or_else(|| panic!("no ASCII variant of {}", element.pattern()));
            for line in sentences
                .lines()
                .filter(|l| !l.is_ascii() && !l.starts_with('#'))
            {
                let Some(spelled) = ascii_spelling(line) else {
                    continue;
                };
                let fast: Vec<_> = ascii.find_iter(&spelled).map(|m| m.range()).collect();
                let slow: Vec<_> = element.get().find_iter(line).map(|m| m.range()).collect();
                if fast
                    .iter()
                    .all(|r| line.is_char_boundary(r.start) && line.is_char_boundary(r.end))
                {
                    assert_eq!(fast, slow, "{} on {line}", element.pattern());
                    compared += 1;
                }
            }
        }
        assert!(compared > 3_000, "{compared}");
    }

    use super::latin_word_classes;

    #[test]
    fn word_classes_are_narrowed_to_latin_script() {
        assert_eq!(
            latin_word_classes(r"\bbearbeit\w*"),
            r"\bbearbeit[0-9A-Za-z_\u{C0}-\u{24F}]*"
        );
        assert_eq!(
            latin_word_classes(r"[\W\s]\\w"),
            r"[[^0-9A-Za-z_\u{C0}-\u{24F}]\s]\\w"
        );
        assert_eq!(
            latin_word_classes(r"a[\s\S]*b[^[\s\S]][]\s\S][\S\s]"),
            r"a(?s:.)*b[^[\s\S]][]\s\S](?s:.)"
        );
        let regex = super::build_regex(r"^\w+$").unwrap_or_else(|| panic!("no regex"));
        assert!(regex.is_match("Übermittlungsstraße"));
        assert!(!regex.is_match("Почта"));
    }
}
