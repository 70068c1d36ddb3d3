//! Inline suppressions: `formlos-disable-next-line FL101 -- reason` and its relatives,
//! written in whatever comment syntax a template uses (`<!-- -->`, `{# #}`,
//! `{{!-- --}}`, `#`, `//`, `%`, a Word comment). The directive is found by its keyword,
//! so the comment syntax does not matter; closing delimiters are stripped from the reason.
//!
//! Forms:
//! - `formlos-disable-next-line [RULES] -- reason`: the next line with text
//! - `formlos-disable-line [RULES] -- reason`: its own line (a trailing comment)
//! - `formlos-disable [RULES] -- reason` … `formlos-enable [RULES]`: the lines between
//! - `formlos-disable-file [RULES] -- reason`: the whole file
//!
//! RULES are selectors (ids, prefixes, names, families), separated by commas or spaces;
//! none means every rule. In a Word comment, a directive covers the commented text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::select::selects;
use crate::builtin_regex::built_in;
use crate::extract::Comment;
use crate::i18n::Lang;
use crate::report::Finding;
use crate::rules::RuleKey;
use crate::rules::meta::{INVALID_SUPPRESSION, MetaRule, UNUSED_SUPPRESSION};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Line,
    Disable,
    Enable,
    File,
}

/// One directive found in a unit.
#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: Kind,
    /// Selectors; empty means every rule.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// Where the directive stands, as byte offsets into the unit's source.
    pub span: Range<usize>,
    /// The lines (1-based, in the unit) whose findings it suppresses.
    covers: (usize, usize),
    used: bool,
}

impl Directive {
    fn suppresses(&self, finding: &Finding, line_base: usize) -> bool {
        let (first, last) = (
            finding.line.saturating_sub(line_base),
            finding.end_line.saturating_sub(line_base),
        );
        self.kind != Kind::Enable
            && first <= self.covers.1
            && last >= self.covers.0
            && self.selects(finding_key(finding))
    }

    fn selects(&self, rule: RuleKey<'_>) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|s| selects(s, rule))
    }
}

fn finding_key(finding: &Finding) -> RuleKey<'_> {
    RuleKey {
        id: &finding.rule,
        name: &finding.name,
        family: &finding.family,
    }
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"formlos-(disable-next-line|disable-line|disable-file|disable|enable)(?:[ \t]+([^\r\n]*))?",
    )
});

/// Comment closers stripped from the end of a directive.
const CLOSERS: [&str; 7] = ["-->", "--}}", "}}", "#}", "%}", "*/", "-%}"];

/// The text without trailing comment closers (`-->`, `#}` …).
fn strip_closers(mut text: &str) -> &str {
    text = text.trim_end();
    while let Some(closer) = CLOSERS.iter().find(|closer| text.ends_with(*closer)) {
        text = text[..text.len() - closer.len()].trim_end();
    }
    text
}

/// Whether `text` mentions the directive keyword at all: checked for every document, so
/// with a SIMD substring search.
fn has_directive_keyword(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"formlos-").is_some()
}

/// The text with every directive comment blanked out (same length, so offsets stay
/// valid): in plain-text templates the comment is part of the text and must not run into
/// the sentences around it. The comment runs from its opener (`#`, `//`, `<!--` …, the
/// token before the keyword) to the end of the line; text before it is kept, so that a
/// `formlos-disable-line` comment after a sentence leaves the sentence to be checked.
pub fn mask_directive_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_directive_keyword(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut masked = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        match DIRECTIVE.find(content) {
            Some(found) => {
                let before = content[..found.start()].trim_end();
                let token_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                let token = &before[token_start..];
                let start = if !token.is_empty() && !token.chars().any(char::is_alphanumeric) {
                    token_start
                } else {
                    found.start()
                };
                masked.push_str(&content[..start]);
                masked.extend(std::iter::repeat_n(' ', content.len() - start));
                masked.push_str(&line[content.len()..]);
            }
            None => masked.push_str(line),
        }
    }
    std::borrow::Cow::Owned(masked)
}

fn parse(kind: &str, tail: &str) -> (Kind, Vec<String>, Option<String>) {
    let kind = match kind {
        "disable-next-line" => Kind::NextLine,
        "disable-line" => Kind::Line,
        "disable-file" => Kind::File,
        "disable" => Kind::Disable,
        _ => Kind::Enable,
    };
    let tail = strip_closers(tail.trim());
    let (rules, reason) = match tail.split_once("--") {
        Some((rules, reason)) => (rules, Some(reason.trim())),
        None => (tail, None),
    };
    let rules = rules
        .split([',', ' ', '\t'])
        .filter(|rule| !rule.is_empty())
        .map(str::to_string)
        .collect();
    let reason = reason.filter(|r| !r.is_empty()).map(str::to_string);
    (kind, rules, reason)
}

/// The directives in a unit's source and in the comments attached to it.
pub fn directives(source: &str, comments: &[Comment]) -> Vec<Directive> {
    let mut found = Vec::new();
    if has_directive_keyword(source) {
        let lines: Vec<(usize, &str)> = line_starts(source);
        for (index, &(start, line)) in lines.iter().enumerate() {
            for captures in DIRECTIVE.captures_iter(line) {
                let (Some(whole), Some(kind)) = (captures.get(0), captures.get(1)) else {
                    continue;
                };
                let tail = captures.get(2).map_or("", |m| m.as_str());
                let (kind, rules, reason) = parse(kind.as_str(), tail);
                let number = index + 1;
                let covers = match kind {
                    Kind::NextLine => {
                        let next = lines[index + 1..]
                            .iter()
                            .position(|(_, text)| {
                                !text.trim().is_empty() && !DIRECTIVE.is_match(text)
                            })
                            .map_or(usize::MAX, |offset| number + 1 + offset);
                        (next, next)
                    }
                    Kind::Line => (number, number),
                    Kind::Disable => (number + 1, usize::MAX),
                    Kind::Enable => (number, number),
                    Kind::File => (1, usize::MAX),
                };
                let shown = strip_closers(whole.as_str()).len();
                found.push(Directive {
                    kind,
                    rules,
                    reason,
                    span: start + whole.start()..start + whole.start() + shown,
                    covers,
                    used: false,
                });
            }
        }
        close_ranges(&mut found);
    }
    let lines = line_starts(source);
    for comment in comments {
        for captures in DIRECTIVE.captures_iter(&comment.text) {
            let Some(kind) = captures.get(1) else {
                continue;
            };
            let tail = captures.get(2).map_or("", |m| m.as_str());
            let (kind, rules, reason) = parse(kind.as_str(), tail);
            let covers = match kind {
                Kind::File => (1, usize::MAX),
                _ => comment.lines,
            };
            let span = lines
                .get(comment.lines.0.saturating_sub(1))
                .map_or(0..0, |&(start, text)| start..start + text.len());
            found.push(Directive {
                kind,
                rules,
                reason,
                span,
                covers,
                used: false,
            });
        }
    }
    found
}

/// Lines with their byte offsets.
fn line_starts(source: &str) -> Vec<(usize, &str)> {
    let mut start = 0;
    source
        .split('\n')
        .map(|line| {
            let here = start;
            start += line.len() + 1;
            (here, line.strip_suffix('\r').unwrap_or(line))
        })
        .collect()
}

/// Ends each `disable` at the first later `enable` that names one of its rules (or all).
fn close_ranges(directives: &mut [Directive]) {
    let enables: Vec<(usize, Vec<String>)> = directives
        .iter()
        .filter(|d| d.kind == Kind::Enable)
        .map(|d| (d.covers.0, d.rules.clone()))
        .collect();
    for directive in directives.iter_mut().filter(|d| d.kind == Kind::Disable) {
        let start = directive.covers.0;
        let end = enables.iter().find(|(line, rules)| {
            *line >= start
                && (rules.is_empty()
                    || directive.rules.is_empty()
                    || rules.iter().any(|rule| directive.rules.contains(rule)))
        });
        if let Some((line, _)) = end {
            directive.covers.1 = line.saturating_sub(1);
        }
    }
}

/// Removes the findings that a directive suppresses; returns how many.
pub fn apply(directives: &mut [Directive], findings: &mut Vec<Finding>, line_base: usize) -> usize {
    let before = findings.len();
    findings.retain(|finding| {
        let suppressing = directives
            .iter_mut()
            .filter(|directive| directive.suppresses(finding, line_base))
            .fold(false, |_, directive| {
                directive.used = true;
                true
            });
        !suppressing
    });
    before - findings.len()
}

/// What is wrong with a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingReason,
    UnknownRule(String),
    /// It suppressed nothing.
    Unused,
}

impl Problem {
    pub fn rule(&self) -> &'static MetaRule {
        match self {
            Problem::Unused => &UNUSED_SUPPRESSION,
            _ => &INVALID_SUPPRESSION,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::MissingReason, Lang::De) => "Unterdrückung ohne Begründung; bitte nach „--“ angeben, warum die Stelle rechtmäßig ist.".into(),
            (Problem::MissingReason, Lang::En) => "Suppression without a reason; say after \"--\" why the passage is lawful.".into(),
            (Problem::UnknownRule(rule), Lang::De) => format!("Unterdrückung nennt die unbekannte Regel „{rule}“; formlos rules list zeigt alle Regeln."),
            (Problem::UnknownRule(rule), Lang::En) => format!("Suppression names the unknown rule \"{rule}\"; formlos rules list shows all rules."),
            (Problem::Unused, Lang::De) => "Unterdrückung ohne Wirkung: hier wird nichts (mehr) gemeldet; bitte entfernen.".into(),
            (Problem::Unused, Lang::En) => "Unused suppression: nothing is reported here (any more); remove it.".into(),
        }
    }
}

/// Settings that decide which directives are problems.
#[derive(Clone, Copy)]
pub struct Policy<'a> {
    pub require_reason: bool,
    /// Every rule formlos knows.
    pub known: &'a [RuleKey<'a>],
    /// Whether a rule runs at all (a suppression of a rule that does not run is not
    /// unused: it may be needed when the rule is selected again).
    pub enabled: &'a dyn Fn(RuleKey<'_>) -> bool,
}

/// The problems of directives after [`apply`]: missing reasons, unknown rules, unused.
pub fn problems<'d>(
    directives: &'d [Directive],
    policy: Policy<'_>,
) -> Vec<(&'d Directive, Problem)> {
    let mut found = Vec::new();
    for directive in directives.iter().filter(|d| d.kind != Kind::Enable) {
        if let Some(unknown) = directive
            .rules
            .iter()
            .find(|s| !policy.known.iter().any(|rule| selects(s, *rule)))
        {
            found.push((directive, Problem::UnknownRule(unknown.clone())));
            continue;
        }
        if policy.require_reason && directive.reason.is_none() {
            found.push((directive, Problem::MissingReason));
        }
        let runs = policy
            .known
            .iter()
            .any(|rule| directive.selects(*rule) && (policy.enabled)(*rule));
        if !directive.used && runs {
            found.push((directive, Problem::Unused));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parsed = (Kind, Vec<String>, Option<String>, (usize, usize));

    fn kinds(source: &str) -> Vec<Parsed> {
        directives(source, &[])
            .into_iter()
            .map(|d| (d.kind, d.rules, d.reason, d.covers))
            .collect()
    }

    #[test]
    fn comment_syntaxes_and_reasons() {
        let cases = [
            (
                "<!-- formlos-disable-next-line FL101 -- Zitat -->\nx",
                vec!["FL101"],
                Some("Zitat"),
            ),
            (
                "{# formlos-disable-next-line FL101, FL102 -- Urteil #}\nx",
                vec!["FL101", "FL102"],
                Some("Urteil"),
            ),
            (
                "{{!-- formlos-disable-next-line email-refused -- Grund --}}\nx",
                vec!["email-refused"],
                Some("Grund"),
            ),
            (
                "# formlos-disable-next-line FL101 -- a -- b\nx",
                vec!["FL101"],
                Some("a -- b"),
            ),
            ("// formlos-disable-next-line FL101\nx", vec!["FL101"], None),
            (
                "% formlos-disable-next-line -- alle Regeln\nx",
                vec![],
                Some("alle Regeln"),
            ),
        ];
        for (source, rules, reason) in cases {
            let found = kinds(source);
            assert_eq!(found.len(), 1, "{source}");
            assert_eq!(found[0].0, Kind::NextLine);
            assert_eq!(found[0].1, rules, "{source}");
            assert_eq!(found[0].2.as_deref(), reason, "{source}");
            assert_eq!(found[0].3, (2, 2), "{source}");
        }
    }

    #[test]
    fn next_line_skips_blank_and_directive_lines_and_ranges_close() {
        let source = "# formlos-disable-next-line FL101 -- a\n\n# formlos-disable-next-line FL201 -- b\nText\n# formlos-disable FL3 -- c\nx\ny\n# formlos-enable FL3\nz";
        let found = kinds(source);
        assert_eq!(found[0].3, (4, 4));
        assert_eq!(found[1].3, (4, 4));
        assert_eq!((found[2].0, found[2].3), (Kind::Disable, (6, 7)));
        assert_eq!(found[3].0, Kind::Enable);
    }

    #[test]
    fn directive_lines_are_blanked_keeping_offsets() {
        let text = "Satz eins.\n# formlos-disable-next-line FL601 -- Grund\nFaxe.\n";
        let masked = mask_directive_lines(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.starts_with("Satz eins.\n  "));
        assert!(masked.ends_with(" \nFaxe.\n"));
        assert!(!masked.contains("formlos"));
        let trailing = "Faxe werden nicht angenommen. // formlos-disable-line FL601 -- Grund";
        assert_eq!(
            mask_directive_lines(trailing).trim_end(),
            "Faxe werden nicht angenommen."
        );
    }

    #[test]
    fn word_comments_cover_their_anchor() {
        let comments = [Comment {
            text: "formlos-disable-next-line FL101 -- Zitat".into(),
            lines: (3, 4),
        }];
        let found = directives("a\nb\nc\nd\n", &comments);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].covers, (3, 4));
        assert_eq!(found[0].span, 4..5);
    }
}
