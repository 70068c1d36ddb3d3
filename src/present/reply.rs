//! The reply to the agency (`formlos reply`, `antwort`): a letter that quotes each
//! unlawful statement, states the legal position with norms and decisions, asks for a
//! written confirmation within a deadline, states that a turned-away application stands
//! and when it takes effect, and asks for a receipt. Or the same as a complaint to the
//! supervising authority, or as a note for the counsellor's file.
//!
//! [`compose`] builds the reply as blocks of text in which what formlos does not know is
//! a marked placeholder; [`Reply::to_text`], [`Reply::to_markdown`] and
//! [`Reply::to_docx`] write it. Every sentence comes from `texts/`.

use std::sync::LazyLock;

use regex::Regex;

use super::texts::{Concern, FindingTexts, LetterTexts, Texts, fill, texts};
use super::{Date, Letter};
use crate::builtin_regex::built_in;
use crate::i18n::{Lang, Localized, t};
use crate::report::Finding;
use crate::rules::RuleSet;

/// Who the reply is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Recipient {
    /// A letter to the agency that wrote.
    #[default]
    Agency,
    /// A complaint to the supervising authority (Dienstaufsichtsbeschwerde).
    Supervisor,
    /// A note for the counsellor's records.
    File,
}

/// The sender's details, where given; placeholders otherwise.
#[derive(Debug, Clone, Default)]
pub struct Sender {
    pub name: Option<String>,
    /// The postal address, lines separated by line breaks or commas.
    pub address: Option<String>,
    /// The sender's reference at the agency (Kundennummer, BG-Nummer).
    pub reference: Option<String>,
}

/// How a reply is composed.
#[derive(Debug, Clone)]
pub struct ReplyOptions {
    pub lang: Lang,
    pub to: Recipient,
    pub sender: Sender,
    /// The day the reply is written.
    pub today: Date,
    /// Days the agency has to confirm.
    pub deadline_days: u32,
}

/// A piece of a line: text, or a placeholder for the counsellor to fill in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    /// What to fill in („Ihr Name“); written in square brackets, highlighted in Word.
    Placeholder(String),
}

/// A line of text made of spans.
pub type Line = Vec<Span>;

/// A block of the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// An address block (sender or recipient), one line each.
    Address(Vec<Line>),
    /// Place and date, set to the right.
    Dated(Line),
    /// The subject lines, in bold.
    Subject(Vec<Line>),
    /// A heading (the file note's title).
    Heading(Line),
    Paragraph(Line),
    /// A quoted statement of the agency: its number, the words that introduce it, and
    /// the sentence.
    Quote {
        number: usize,
        intro: String,
        sentence: String,
    },
}

/// A composed reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub blocks: Vec<Block>,
}

/// A value for a template variable: known, or a placeholder with its label.
#[derive(Debug, Clone)]
enum Value {
    Known(String),
    Missing(String),
}

impl Value {
    fn or_placeholder(known: Option<String>, label: &Localized, lang: Lang) -> Self {
        match known {
            Some(value) if !value.trim().is_empty() => Value::Known(value),
            _ => Value::Missing(label.get(lang).to_string()),
        }
    }
}

/// Fills a template's `{name}` variables, turning missing values into placeholders.
fn line(template: &str, values: &[(&str, &Value)]) -> Line {
    let mut spans = Vec::new();
    let mut rest = template.trim();
    let mut pending = String::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            break;
        };
        let name = &rest[open + 1..close];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => {
                pending.push_str(&rest[..open]);
                match value {
                    Value::Known(text) => pending.push_str(text),
                    Value::Missing(label) => {
                        if !pending.is_empty() {
                            spans.push(Span::Text(std::mem::take(&mut pending)));
                        }
                        spans.push(Span::Placeholder(label.clone()));
                    }
                }
            }
            None => pending.push_str(&rest[..=close]),
        }
        rest = &rest[close + 1..];
    }
    pending.push_str(rest);
    if !pending.is_empty() {
        spans.push(Span::Text(pending));
    }
    spans
}

fn plain(text: impl Into<String>) -> Line {
    vec![Span::Text(text.into())]
}

/// Norm citations in a text („§ 36a Abs. 1 SGB I“, „§ 13 SGB X“), in order.
pub fn norms_in(text: &str) -> Vec<String> {
    static NORM: LazyLock<Regex> = LazyLock::new(|| {
        built_in(
            r"§\s\d+[a-z]?(?:\sAbs\.\s\d+[a-z]?)?(?:\sSatz\s\d+)?(?:\sNr\.\s\d+)?\s(?:SGB\s(?:XII|XI|IX|VIII|VII|VI|IV|V|III|II|I|X)\b|SGG|WoGG|BAföG|EStG|AO|BKGG|BEEG|UVG|VwGO|VwVfG|BGB)",
        )
    });
    NORM.find_iter(text)
        .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The norms the reply cites for a finding of a rule with `law`, written to `agency`:
/// the rule's norms, with the norm of one benefit (§ 37 SGB II) replaced by what the
/// agency's sentence on the form of applications cites.
pub fn expected_norms(law: &[String], agency_kind: Option<&str>, lang: Lang) -> Vec<String> {
    let agencies = &texts().agencies;
    let replaces = &crate::engine::agency::agency_kinds().replaces;
    let mut norms: Vec<String> = Vec::new();
    for norm in law {
        let replacement = if norm == replaces {
            norms_in(agencies.view(agency_kind).formless.get(lang))
        } else {
            vec![norm.clone()]
        };
        for norm in replacement {
            if !norms.contains(&norm) {
                norms.push(norm);
            }
        }
    }
    norms
}

/// A finding's legal position for the reply, from texts/findings.yaml.
fn position(
    finding_texts: &FindingTexts,
    letter: &Letter<'_>,
    texts: &Texts,
    lang: Lang,
) -> String {
    let agency = texts.agencies.view(letter.letterhead.kind.as_deref());
    let email_access = match &letter.letterhead.email {
        Some(address) => fill(
            texts.reply.email_access.known.get(lang),
            &[("address", address)],
        ),
        None => texts.reply.email_access.unknown.get(lang).to_string(),
    };
    fill(
        finding_texts.reply.get(lang).trim(),
        &[
            ("formless", agency.formless.get(lang).trim()),
            ("email_access", email_access.trim()),
        ],
    )
}

/// "a, b und c".
fn join_list(items: &[&str], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t(lang, "und", "and")),
    }
}

/// The reply to `letter`, or `None` when the letter has no statement of its own to
/// object to (quoted and reported statements are not the agency's).
pub fn compose(letter: &Letter<'_>, rules: &RuleSet, options: &ReplyOptions) -> Option<Reply> {
    let findings: Vec<&Finding> = letter.direct().collect();
    if findings.is_empty() {
        return None;
    }
    let texts = texts();
    let lang = options.lang;
    let reply = &texts.reply;
    let labels = &reply.placeholders;
    let head = &letter.letterhead;
    let agency_view = texts.agencies.view(head.kind.as_deref());
    let agency = Value::or_placeholder(head.agency.clone(), &labels.agency, lang);
    let letter_date =
        Value::or_placeholder(head.date.map(|d| d.to_string()), &labels.letter_date, lang);
    let deadline = Value::Known(
        options
            .today
            .plus_days(i64::from(options.deadline_days))
            .to_string(),
    );
    let today = Value::Known(options.today.to_string());
    let benefit = Value::or_placeholder(
        Some(agency_view.benefit.get(lang).to_string()),
        &labels.benefit,
        lang,
    );
    let submission = Value::Missing(labels.submission.get(lang).to_string());
    let effect = Value::Known(agency_view.effect.get(lang).trim().to_string());
    let mut blocks = Vec::new();

    let sender_lines = sender_block(&options.sender, letter, texts, lang);
    let place = options.sender.address.as_deref().and_then(place_of).map_or(
        Value::Missing(labels.place.get(lang).to_string()),
        Value::Known,
    );
    let dated = line("{place}, {today}", &[("place", &place), ("today", &today)]);
    let finding_texts = |finding: &Finding| texts.findings.get(&*finding.rule);
    let applications = findings
        .iter()
        .any(|f| finding_texts(f).is_some_and(|t| t.concerns == Concern::Application));

    match options.to {
        Recipient::Agency | Recipient::Supervisor => {
            let (paragraphs, intro): (&LetterTexts, &Localized) = match options.to {
                Recipient::Agency => (&reply.agency, &reply.quote.agency),
                _ => (&reply.supervisor, &reply.quote.supervisor),
            };
            blocks.push(Block::Address(sender_lines));
            blocks.push(Block::Address(match options.to {
                Recipient::Agency => recipient_block(letter, &agency, texts, lang),
                _ => vec![vec![Span::Placeholder(
                    labels.supervisor.get(lang).to_string(),
                )]],
            }));
            blocks.push(Block::Dated(dated));
            let values = [
                ("agency", &agency),
                ("letter_date", &letter_date),
                ("deadline", &deadline),
                ("benefit", &benefit),
                ("submission", &submission),
                ("effect", &effect),
            ];
            let mut subject = Vec::new();
            if options.to == Recipient::Agency {
                let mut first = line(
                    t(
                        lang,
                        "Ihr Schreiben vom {letter_date}",
                        "Your letter of {letter_date}",
                    ),
                    &values,
                );
                for reference in &head.references {
                    first.push(Span::Text(format!(
                        " · {} {}",
                        reference.label, reference.value
                    )));
                }
                subject.push(first);
            }
            subject.push(line(paragraphs.subject.get(lang), &values));
            blocks.push(Block::Subject(subject));
            blocks.push(Block::Paragraph(plain(paragraphs.salutation.get(lang))));
            blocks.push(Block::Paragraph(line(
                paragraphs.opening.get(lang),
                &values,
            )));
            push_findings(&mut blocks, &findings, letter, intro.get(lang), texts, lang);
            let confirms: Vec<&str> = unique(
                findings
                    .iter()
                    .filter_map(|f| finding_texts(f).map(|t| t.confirm.get(lang).trim())),
            );
            let confirm = Value::Known(join_list(&confirms, lang));
            let mut request_values = values.to_vec();
            request_values.push(("confirm", &confirm));
            blocks.push(Block::Paragraph(line(
                paragraphs.request.get(lang),
                &request_values,
            )));
            if applications {
                blocks.push(Block::Paragraph(line(
                    paragraphs.application.get(lang),
                    &values,
                )));
            }
            blocks.push(Block::Paragraph(plain(paragraphs.receipt.get(lang))));
            let name = Value::or_placeholder(options.sender.name.clone(), &labels.name, lang);
            blocks.push(Block::Address(vec![
                plain(paragraphs.closing.get(lang)),
                Vec::new(),
                line("{name}", &[("name", &name)]),
            ]));
        }
        Recipient::File => {
            let note = &reply.file;
            let values = [
                ("agency", &agency),
                ("letter_date", &letter_date),
                ("deadline", &deadline),
                ("today", &today),
                ("effect", &effect),
            ];
            blocks.push(Block::Heading(line(note.title.get(lang), &values)));
            let client = Value::or_placeholder(options.sender.name.clone(), &labels.client, lang);
            let mut facts = vec![line(
                &format!("{} {{client}}", note.client.get(lang)),
                &[("client", &client)],
            )];
            let references: Vec<String> = head
                .references
                .iter()
                .map(|r| format!("{} {}", r.label, r.value))
                .chain(options.sender.reference.clone())
                .collect();
            if !references.is_empty() {
                facts.push(plain(format!(
                    "{} {}",
                    note.references.get(lang),
                    references.join(" · ")
                )));
            }
            facts.push(line(note.checked.get(lang), &values));
            blocks.push(Block::Address(facts));
            let count = Value::Known(findings.len().to_string());
            blocks.push(Block::Paragraph(line(
                note.findings.get(lang),
                &[("count", &count)],
            )));
            for (index, finding) in findings.iter().enumerate() {
                let title = rules
                    .find(&finding.rule)
                    .map_or(finding.name.as_ref(), |r| r.spec.title.get(lang));
                blocks.push(Block::Quote {
                    number: index + 1,
                    intro: format!(
                        "{} {} ({})",
                        reply.quote.file.get(lang),
                        title,
                        finding.rule
                    ),
                    sentence: finding.text.to_string(),
                });
                let law: Vec<String> = expected_norms(&finding.law, head.kind.as_deref(), lang);
                blocks.push(Block::Paragraph(plain(format!(
                    "{} {}",
                    note.law.get(lang),
                    law.join(", ")
                ))));
                if let Some(finding_texts) = finding_texts(finding) {
                    blocks.push(Block::Paragraph(plain(position(
                        finding_texts,
                        letter,
                        texts,
                        lang,
                    ))));
                }
                if let Some(rule) = rules.find(&finding.rule) {
                    blocks.push(Block::Paragraph(plain(format!(
                        "{} {}",
                        note.advice.get(lang),
                        rule.spec
                            .advice
                            .get(lang)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    ))));
                }
            }
            if applications {
                blocks.push(Block::Paragraph(line(note.application.get(lang), &values)));
            }
            if let Some(caution) = agency_view.caution {
                blocks.push(Block::Paragraph(plain(caution.get(lang).trim())));
            }
            blocks.push(Block::Paragraph(plain(
                note.objection.get(lang).trim().to_string(),
            )));
            blocks.push(Block::Paragraph(line(note.next.get(lang), &values)));
        }
    }
    Some(Reply { blocks })
}

/// Each quoted statement once, then the legal position of every finding on it.
fn push_findings(
    blocks: &mut Vec<Block>,
    findings: &[&Finding],
    letter: &Letter<'_>,
    intro: &str,
    texts: &Texts,
    lang: Lang,
) {
    let mut number = 0;
    let mut last_sentence: Option<&str> = None;
    for finding in findings {
        if last_sentence != Some(finding.text.as_ref()) {
            number += 1;
            blocks.push(Block::Quote {
                number,
                intro: intro.to_string(),
                sentence: finding.text.to_string(),
            });
            last_sentence = Some(&finding.text);
        }
        if let Some(finding_texts) = texts.findings.get(&*finding.rule) {
            blocks.push(Block::Paragraph(plain(position(
                finding_texts,
                letter,
                texts,
                lang,
            ))));
        } else {
            blocks.push(Block::Paragraph(plain(finding.message.to_string())));
        }
    }
}

/// Distinct items, in first-seen order.
fn unique<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// The lines of an address given on the command line („Weg 1, 12345 Ort“ or lines).
fn address_lines(address: &str) -> Vec<String> {
    address
        .split(['\n', ','])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// The place of an address: the words after the postcode on its last line.
fn place_of(address: &str) -> Option<String> {
    let last = address_lines(address).pop()?;
    let (postcode, place) = last.split_once(' ')?;
    (postcode.chars().all(|c| c.is_ascii_digit()) && !place.trim().is_empty())
        .then(|| place.trim().to_string())
}

fn sender_block(sender: &Sender, letter: &Letter<'_>, texts: &Texts, lang: Lang) -> Vec<Line> {
    let labels = &texts.reply.placeholders;
    let mut lines = vec![match &sender.name {
        Some(name) => plain(name.clone()),
        None => vec![Span::Placeholder(labels.name.get(lang).to_string())],
    }];
    match &sender.address {
        Some(address) => lines.extend(address_lines(address).into_iter().map(plain)),
        None => lines.push(vec![Span::Placeholder(
            labels.address.get(lang).to_string(),
        )]),
    }
    let reference = sender.reference.clone().or_else(|| {
        letter
            .letterhead
            .references
            .first()
            .map(|r| format!("{}: {}", r.label, r.value))
    });
    lines.push(match reference {
        Some(reference) => plain(reference),
        None => vec![Span::Placeholder(labels.reference.get(lang).to_string())],
    });
    lines
}

fn recipient_block(letter: &Letter<'_>, agency: &Value, texts: &Texts, lang: Lang) -> Vec<Line> {
    let labels = &texts.reply.placeholders;
    let mut lines = vec![line("{agency}", &[("agency", agency)])];
    if letter.letterhead.address.is_empty() {
        lines.push(vec![Span::Placeholder(
            labels.agency_address.get(lang).to_string(),
        )]);
    } else {
        lines.extend(letter.letterhead.address.iter().cloned().map(plain));
    }
    lines
}

impl Reply {
    /// Every placeholder label, in order.
    pub fn placeholders(&self) -> Vec<&str> {
        self.lines()
            .flat_map(|line| line.iter())
            .filter_map(|span| match span {
                Span::Placeholder(label) => Some(label.as_str()),
                Span::Text(_) => None,
            })
            .collect()
    }

    fn lines(&self) -> impl Iterator<Item = &Line> {
        self.blocks.iter().flat_map(|block| match block {
            Block::Address(lines) | Block::Subject(lines) => lines.iter().collect::<Vec<_>>(),
            Block::Dated(line) | Block::Heading(line) | Block::Paragraph(line) => vec![line],
            Block::Quote { .. } => Vec::new(),
        })
    }

    /// Plain text, one paragraph per line, blocks separated by blank lines.
    pub fn to_text(&self) -> String {
        self.write(Flavour::Text)
    }

    /// Markdown: subject in bold, quotes as block quotes, placeholders in bold brackets.
    pub fn to_markdown(&self) -> String {
        self.write(Flavour::Markdown)
    }

    fn write(&self, flavour: Flavour) -> String {
        let render = |line: &Line| -> String {
            line.iter()
                .map(|span| match (span, flavour) {
                    (Span::Text(text), Flavour::Text) => text.clone(),
                    (Span::Text(text), Flavour::Markdown) => markdown_escape(text),
                    (Span::Placeholder(label), Flavour::Text) => format!("[{label}]"),
                    (Span::Placeholder(label), Flavour::Markdown) => {
                        format!("**\\[{}\\]**", markdown_escape(label))
                    }
                })
                .collect()
        };
        let hard_break = match flavour {
            Flavour::Text => "\n",
            Flavour::Markdown => "  \n",
        };
        let mut parts: Vec<String> = Vec::new();
        for block in &self.blocks {
            parts.push(match (block, flavour) {
                (Block::Address(lines), _) => lines
                    .iter()
                    .map(&render)
                    .collect::<Vec<_>>()
                    .join(hard_break),
                (Block::Dated(line), _) => render(line),
                (Block::Subject(lines), Flavour::Text) => {
                    lines.iter().map(&render).collect::<Vec<_>>().join("\n")
                }
                (Block::Subject(lines), Flavour::Markdown) => lines
                    .iter()
                    .map(|l| format!("**{}**", render(l)))
                    .collect::<Vec<_>>()
                    .join(hard_break),
                (Block::Heading(line), Flavour::Text) => {
                    let text = render(line);
                    let underline = "=".repeat(text.chars().count());
                    format!("{text}\n{underline}")
                }
                (Block::Heading(line), Flavour::Markdown) => format!("# {}", render(line)),
                (Block::Paragraph(line), _) => render(line),
                (
                    Block::Quote {
                        number,
                        intro,
                        sentence,
                    },
                    Flavour::Text,
                ) => format!("{number}. {intro}\n   „{sentence}“"),
                (
                    Block::Quote {
                        number,
                        intro,
                        sentence,
                    },
                    Flavour::Markdown,
                ) => format!(
                    "{number}\\. {}\n\n> „{}“",
                    markdown_escape(intro),
                    markdown_escape(sentence)
                ),
            });
        }
        let mut out = parts.join("\n\n");
        out.push('\n');
        out
    }

    /// An editable Word document (DOCX): A4, placeholders highlighted in yellow.
    pub fn to_docx(&self) -> Result<Vec<u8>, String> {
        use docx_rs::{
            AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts,
        };
        let runs = |paragraph: Paragraph, line: &Line, bold: bool| -> Paragraph {
            line.iter().fold(paragraph, |paragraph, span| {
                let run = match span {
                    Span::Text(text) => Run::new().add_text(text),
                    Span::Placeholder(label) => Run::new()
                        .add_text(format!("[{label}]"))
                        .highlight("yellow"),
                };
                paragraph.add_run(if bold { run.bold() } else { run })
            })
        };
        let spaced = || Paragraph::new().line_spacing(LineSpacing::new().after(200));
        let mut document = Docx::new()
            .page_size(11_906, 16_838)
            .page_margin(
                PageMargin::new()
                    .top(1_134)
                    .bottom(1_134)
                    .left(1_418)
                    .right(1_134),
            )
            .default_fonts(
                RunFonts::new()
                    .ascii("Liberation Sans")
                    .hi_ansi("Liberation Sans")
                    .cs("Liberation Sans"),
            )
            .default_size(22);
        for block in &self.blocks {
            let paragraph = match block {
                Block::Address(lines) | Block::Subject(lines) => {
                    let bold = matches!(block, Block::Subject(_));
                    let mut paragraph = spaced();
                    for (index, line) in lines.iter().enumerate() {
                        if index > 0 {
                            paragraph =
                                paragraph.add_run(Run::new().add_break(BreakType::TextWrapping));
                        }
                        paragraph = runs(paragraph, line, bold);
                    }
                    paragraph
                }
                Block::Dated(line) => runs(spaced().align(AlignmentType::Right), line, false),
                Block::Heading(line) => runs(spaced().size(30), line, true),
                Block::Paragraph(line) => runs(spaced(), line, false),
                Block::Quote {
                    number,
                    intro,
                    sentence,
                } => {
                    document = document.add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(format!("{number}. {intro}")).bold()),
                    );
                    spaced()
                        .indent(Some(567), None, None, None)
                        .add_run(Run::new().add_text(format!("„{sentence}“")).italic())
                }
            };
            document = document.add_paragraph(paragraph);
        }
        let mut bytes = std::io::Cursor::new(Vec::new());
        document
            .build()
            .pack(&mut bytes)
            .map_err(|error| error.to_string())?;
        Ok(bytes.into_inner())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Text,
    Markdown,
}

/// Escapes the characters that would turn text into Markdown markup.
fn markdown_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_turn_missing_values_into_placeholders() {
        let known = Value::Known("14.10.2026".into());
        let missing = Value::Missing("Ihr Name".into());
        assert_eq!(
            line(
                "vom {date}, {name}.",
                &[("date", &known), ("name", &missing)]
            ),
            vec![
                Span::Text("vom 14.10.2026, ".into()),
                Span::Placeholder("Ihr Name".into()),
                Span::Text(".".into())
            ]
        );
        assert_eq!(line("{unknown}", &[]), vec![Span::Text("{unknown}".into())]);
    }

    #[test]
    fn norms_are_found_as_cited() {
        assert_eq!(
            norms_in("(§ 9 SGB X; § 36a Abs. 1 SGB I) und § 44 Abs. 2 SGB XII, § 84 Abs. 1 SGG"),
            [
                "§ 9 SGB X",
                "§ 36a Abs. 1 SGB I",
                "§ 44 Abs. 2 SGB XII",
                "§ 84 Abs. 1 SGG"
            ]
        );
        let law: Vec<String> = ["§ 9 SGB X", "§ 37 SGB II"].map(String::from).to_vec();
        assert_eq!(expected_norms(&law, Some("jobcenter"), Lang::De), law);
        assert_eq!(
            expected_norms(&law, Some("sozialamt"), Lang::De),
            ["§ 9 SGB X", "§ 18 Abs. 1 SGB XII", "§ 44 Abs. 1 SGB XII"]
        );
        assert_eq!(expected_norms(&law, None, Lang::De), ["§ 9 SGB X"]);
    }

    #[test]
    fn addresses_and_places() {
        assert_eq!(
            address_lines("Weg 1, 12345 Musterstadt"),
            ["Weg 1", "12345 Musterstadt"]
        );
        assert_eq!(
            place_of("Weg 1\n12345 Bad Musterstadt").as_deref(),
            Some("Bad Musterstadt")
        );
        assert_eq!(place_of("irgendwo"), None);
        assert_eq!(join_list(&["a", "b", "c"], Lang::De), "a, b und c");
    }
}
