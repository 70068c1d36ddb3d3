//! The HTML report: one self-contained page for one or more letters, for the person who
//! got them and their counsellor. Inline CSS under a strict Content-Security-Policy (the
//! page loads nothing), print CSS for A4 with page numbers, readable on a phone.
//!
//! Per letter: a summary in plain words, the letterhead, the letter's text with every
//! finding marked and numbered where it stands, and per finding the sentence, a plain
//! explanation with the legal reasoning below it, the norms (linked) and court
//! decisions, what the reader can do now and what the agency could have written.
//! Quoted and reported statements come last, apart. A footer says who checked what when.

use std::fmt::Write as _;
use std::ops::Range;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::texts::{Concern, Texts, texts};
use super::{Letter, Provenance, Unchecked};
use crate::engine::Context;
use crate::i18n::{Lang, t};
use crate::report::Finding;
use crate::rules::{RuleSet, Severity};

/// How a report is rendered.
#[derive(Debug, Clone)]
pub struct HtmlOptions {
    pub lang: Lang,
    /// Replace personal data in the letter's text, the sentences and the letterhead.
    pub redact: bool,
    pub provenance: Provenance,
}

/// The report for `letters` (and the files that could not be checked) as one page.
pub fn render(
    letters: &[Letter<'_>],
    unchecked: &[Unchecked<'_>],
    rules: &RuleSet,
    options: &HtmlOptions,
) -> String {
    let lang = options.lang;
    let style = style(lang);
    let title = match letters {
        [only] => format!(
            "{} – {}",
            t(lang, "Prüfbericht", "Check report"),
            file_name(only.path)
        ),
        _ => t(lang, "Prüfbericht", "Check report").to_string(),
    };
    let mut html = String::with_capacity(32 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"formlos {version}\">\n\
         <title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n",
        lang = t(lang, "de", "en"),
        csp = content_security_policy(&style),
        version = attr(&options.provenance.version),
        title = text(&title),
    );
    html.push_str(&render_main(letters, unchecked, rules, options));
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// What the report's `<main>` holds, for a page that has its own head (the browser page
/// shows it under its own Content-Security-Policy and links `report.css`).
pub fn render_main(
    letters: &[Letter<'_>],
    unchecked: &[Unchecked<'_>],
    rules: &RuleSet,
    options: &HtmlOptions,
) -> String {
    let page = Page {
        rules,
        texts: texts(),
        options,
    };
    let mut html = String::with_capacity(32 * 1024);
    if letters.len() + unchecked.len() > 1 {
        page.overview(&mut html, letters, unchecked);
    }
    for (index, letter) in letters.iter().enumerate() {
        page.letter(&mut html, index + 1, letter, letters.len() > 1);
    }
    if !unchecked.is_empty() {
        page.unchecked(&mut html, unchecked);
    }
    page.footer(&mut html);
    html
}

/// The policy of the page: nothing may load, run or be sent; only the page's own style
/// element applies (by its hash).
pub fn content_security_policy(style: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'none'; font-src 'none'; \
         connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

struct Page<'p> {
    rules: &'p RuleSet,
    texts: &'static Texts,
    options: &'p HtmlOptions,
}

/// Escapes text for HTML element content.
fn text(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_text(value)
}

/// Escapes text for a double-quoted attribute.
fn attr(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(value)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn severity_class(severity: Severity) -> &'static str {
    severity.as_str()
}

/// The numbers of a letter's findings: its own statements first, then quoted ones.
fn numbered<'a>(letter: &Letter<'a>) -> Vec<(usize, &'a Finding)> {
    letter
        .findings
        .iter()
        .enumerate()
        .map(|(index, finding)| (index + 1, *finding))
        .collect()
}

impl Page<'_> {
    fn lang(&self) -> Lang {
        self.options.lang
    }

    /// The text with personal data replaced when asked.
    fn shown<'t>(&self, value: &'t str) -> std::borrow::Cow<'t, str> {
        if self.options.redact {
            std::borrow::Cow::Owned(crate::redact::redact(value))
        } else {
            std::borrow::Cow::Borrowed(value)
        }
    }

    fn severity_word(&self, severity: Severity) -> &'static str {
        let lang = self.lang();
        match severity {
            Severity::Error => t(lang, "schwerwiegend", "serious"),
            Severity::Warning => t(lang, "bedenklich", "questionable"),
            Severity::Info => t(lang, "Hinweis", "note"),
        }
    }

    fn context_word(&self, context: Context) -> &'static str {
        let lang = self.lang();
        match context {
            Context::Direct => t(lang, "eigene Aussage", "own statement"),
            Context::Quoted => t(lang, "zitiert", "quoted"),
            Context::Reported => t(lang, "wiedergegeben", "reported"),
        }
    }

    fn overview(&self, html: &mut String, letters: &[Letter<'_>], unchecked: &[Unchecked<'_>]) {
        let lang = self.lang();
        let direct: usize = letters.iter().map(|l| l.direct().count()).sum();
        let _ = write!(
            html,
            "<header class=\"overview\">\n<p class=\"kicker\">formlos</p>\n<h1>{}</h1>\n<p class=\"lead\">{}</p>\n<ol class=\"toc\">\n",
            t(lang, "Prüfbericht", "Check report"),
            text(&match lang {
                Lang::De => format!(
                    "{} Schreiben geprüft; {} Aussage(n), die Rechte einschränken.",
                    letters.len(),
                    direct
                ),
                Lang::En => format!(
                    "{} letter(s) checked; {} statement(s) that restrict rights.",
                    letters.len(),
                    direct
                ),
            })
        );
        for (index, letter) in letters.iter().enumerate() {
            let count = letter.direct().count();
            let _ = writeln!(
                html,
                "<li><a href=\"#brief-{index}\">{name}</a> – {count}</li>",
                index = index + 1,
                name = text(letter.path),
                count = text(&match lang {
                    Lang::De => format!("{count} Aussage(n)"),
                    Lang::En => format!("{count} statement(s)"),
                }),
            );
        }
        for file in unchecked {
            let _ = writeln!(
                html,
                "<li><a href=\"#nicht-geprueft\">{}</a> – {}</li>",
                text(file.path),
                t(lang, "nicht geprüft", "not checked")
            );
        }
        html.push_str("</ol>\n</header>\n");
    }

    fn letter(&self, html: &mut String, index: usize, letter: &Letter<'_>, several: bool) {
        let lang = self.lang();
        let head = if self.options.redact {
            letter.letterhead.redacted()
        } else {
            letter.letterhead.clone()
        };
        let heading = match (&head.agency, head.date) {
            (Some(agency), Some(date)) => match lang {
                Lang::De => format!("Schreiben von {agency} vom {date}"),
                Lang::En => format!("Letter from {agency} of {date}"),
            },
            (Some(agency), None) => match lang {
                Lang::De => format!("Schreiben von {agency}"),
                Lang::En => format!("Letter from {agency}"),
            },
            (None, _) => file_name(letter.path).to_string(),
        };
        let class = if several { "letter several" } else { "letter" };
        let _ = write!(
            html,
            "<article class=\"{class}\" id=\"brief-{index}\">\n<header>\n<p class=\"kicker\">{kicker}</p>\n<h1>{heading}</h1>\n<p class=\"file\">{file_label}: {path}</p>\n",
            kicker = t(lang, "Prüfbericht", "Check report"),
            heading = text(&heading),
            file_label = t(lang, "Datei", "File"),
            path = text(letter.path),
        );
        self.summary(html, letter);
        self.letterhead(html, &head);
        html.push_str("</header>\n");
        let numbers = numbered(letter);
        self.letter_text(html, index, letter, &numbers);
        let (direct, other): (Vec<_>, Vec<_>) = numbers
            .iter()
            .partition(|(_, finding)| finding.context == Context::Direct);
        if !direct.is_empty() {
            let _ = write!(
                html,
                "<section class=\"findings\">\n<h2>{}</h2>\n",
                t(
                    lang,
                    "Was an diesen Aussagen nicht stimmt",
                    "What is wrong with these statements"
                )
            );
            for (number, finding) in &direct {
                self.finding(html, index, *number, finding, letter);
            }
            html.push_str("</section>\n");
        }
        if !other.is_empty() {
            let _ = write!(
                html,
                "<section class=\"findings quoted\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                t(
                    lang,
                    "Zitierte und wiedergegebene Aussagen",
                    "Quoted and reported statements"
                ),
                text(self.texts.report.quoted.get(lang).trim())
            );
            for (number, finding) in &other {
                self.quoted(html, index, *number, finding);
            }
            html.push_str("</section>\n");
        }
        html.push_str("</article>\n");
    }

    fn summary(&self, html: &mut String, letter: &Letter<'_>) {
        let lang = self.lang();
        let report = &self.texts.report;
        let direct: Vec<&Finding> = letter.direct().collect();
        let worst = direct.iter().map(|f| f.severity).max();
        let class = worst.map_or("none", severity_class);
        let _ = writeln!(html, "<div class=\"summary {class}\">");
        if direct.is_empty() {
            let _ = writeln!(
                html,
                "<p class=\"lead\">{}</p>",
                text(report.none.get(lang).trim())
            );
        } else {
            let _ = writeln!(
                html,
                "<p class=\"lead\">{}</p>\n<ul class=\"levels\">",
                text(&report.restricting.get(direct.len(), lang))
            );
            for (severity, meaning) in [
                (Severity::Error, &report.error),
                (Severity::Warning, &report.warning),
            ] {
                let count = direct.iter().filter(|f| f.severity == severity).count();
                if count > 0 {
                    let _ = writeln!(
                        html,
                        "<li><span class=\"badge {class}\">{count} × {word}</span> {meaning}</li>",
                        class = severity_class(severity),
                        word = self.severity_word(severity),
                        meaning = text(meaning.get(lang).trim()),
                    );
                }
            }
            html.push_str("</ul>\n");
        }
        let others = letter.findings.len() - direct.len();
        if others > 0 {
            let _ = writeln!(
                html,
                "<p>{}</p>",
                text(&match lang {
                    Lang::De => format!(
                        "Außerdem gibt der Text {others} Aussage(n) nur wieder; sie stehen am Ende."
                    ),
                    Lang::En => format!(
                        "The text also quotes or reports {others} statement(s); they are listed at the end."
                    ),
                })
            );
        }
        let _ = writeln!(
            html,
            "<p class=\"scope\">{}</p>\n</div>",
            text(report.scope.get(lang).trim())
        );
    }

    fn letterhead(&self, html: &mut String, head: &super::Letterhead) {
        let lang = self.lang();
        let unknown = t(lang, "nicht erkannt", "not recognised");
        let agency_view = self.texts.agencies.view(head.kind.as_deref());
        html.push_str("<dl class=\"letterhead\">\n");
        let row = |html: &mut String, label: &str, value: &str| {
            let _ = writeln!(
                html,
                "<div><dt>{}</dt><dd>{}</dd></div>",
                text(label),
                value
            );
        };
        row(
            html,
            t(lang, "Absender", "Sender"),
            &text(head.agency.as_deref().unwrap_or(unknown)),
        );
        // The kind of agency, when its name says it (a town hall whose letter is about
        // Bürgergeld is not a Jobcenter, though SGB II applies).
        let named_kind = head
            .agency
            .as_deref()
            .and_then(|name| crate::engine::agency::agency_kinds().recognise(name));
        if named_kind.is_some() && named_kind == agency_view.kind {
            row(
                html,
                t(lang, "Art der Behörde", "Kind of agency"),
                &text(agency_view.name.get(lang)),
            );
        }
        if !head.address.is_empty() {
            let lines: Vec<String> = head.address.iter().map(|l| text(l).into_owned()).collect();
            row(html, t(lang, "Anschrift", "Address"), &lines.join("<br>"));
        }
        row(
            html,
            t(lang, "Datum des Schreibens", "Date of the letter"),
            &text(
                &head
                    .date
                    .map_or_else(|| unknown.to_string(), |d| d.to_string()),
            ),
        );
        for reference in &head.references {
            row(html, &reference.label, &text(&reference.value));
        }
        if let Some(email) = &head.email {
            row(
                html,
                t(lang, "E-Mail der Behörde", "Agency's e-mail"),
                &text(email),
            );
        }
        html.push_str("</dl>\n");
        if let Some(caution) = agency_view.caution {
            let _ = writeln!(
                html,
                "<p class=\"caution\">{}</p>",
                text(caution.get(lang).trim())
            );
        }
    }

    /// The letter's text with each finding's sentence marked and numbered.
    fn letter_text(
        &self,
        html: &mut String,
        index: usize,
        letter: &Letter<'_>,
        numbers: &[(usize, &Finding)],
    ) {
        let lang = self.lang();
        let Some(source) = letter.text else {
            return;
        };
        let _ = write!(
            html,
            "<section class=\"text\">\n<h2>{}</h2>\n<div class=\"letter-text\">",
            t(lang, "Das Schreiben", "The letter")
        );
        let mut at = 0;
        for mark in marks(source, numbers) {
            html.push_str(&text(&self.shown(&source[at..mark.range.start])));
            let first = mark.numbers[0];
            let quoted = if mark.direct { "" } else { " quoted" };
            let _ = write!(
                html,
                "<mark class=\"{class}{quoted}\" id=\"stelle-{index}-{first}\">",
                class = severity_class(mark.severity)
            );
            for number in &mark.numbers {
                let _ = write!(
                    html,
                    "<a class=\"num\" href=\"#befund-{index}-{number}\">{number}</a>"
                );
            }
            html.push_str(&text(&self.shown(&source[mark.range.clone()])));
            html.push_str("</mark>");
            at = mark.range.end;
        }
        html.push_str(&text(&self.shown(&source[at..])));
        html.push_str("</div>\n</section>\n");
    }

    fn finding(
        &self,
        html: &mut String,
        index: usize,
        number: usize,
        finding: &Finding,
        letter: &Letter<'_>,
    ) {
        let lang = self.lang();
        let rule = self.rules.find(&finding.rule);
        let texts = self.texts.findings.get(&*finding.rule);
        let title = rule.map_or(finding.name.as_ref(), |r| r.spec.title.get(lang));
        let _ = write!(
            html,
            "<section class=\"finding {class}\" id=\"befund-{index}-{number}\"{data}>\n<h3><span class=\"num\">{number}</span> {title} <span class=\"badge {class}\">{word}</span></h3>\n<blockquote>„{sentence}“</blockquote>\n<p class=\"where\">{where_} · <a href=\"#stelle-{index}-{number}\">{show}</a> · {id}</p>\n",
            class = severity_class(finding.severity),
            data = data(finding),
            title = text(title),
            word = self.severity_word(finding.severity),
            sentence = text(&self.shown(&finding.text)),
            where_ = text(&place(finding, lang)),
            show = t(lang, "im Schreiben zeigen", "show in the letter"),
            id = text(&format!("{} {}", finding.rule, finding.name)),
        );
        let subheading = |html: &mut String, de: &'static str, en: &'static str| {
            let _ = writeln!(html, "<h4>{}</h4>", t(lang, de, en));
        };
        let paragraph = |html: &mut String, value: &str| {
            let _ = writeln!(html, "<p>{}</p>", text(value.trim()));
        };
        subheading(html, "Was das bedeutet", "What this means");
        match texts {
            Some(texts) => paragraph(html, texts.plain.get(lang)),
            None => paragraph(html, &finding.message),
        }
        if let Some(rule) = rule {
            html.push_str("<div class=\"legal\">\n");
            subheading(html, "Rechtliche Begründung", "Legal reasoning");
            paragraph(html, &self.shown(&finding.message));
            paragraph(html, rule.spec.explanation.get(lang));
            subheading(html, "Rechtsgrundlagen", "Legal basis");
            html.push_str("<ul class=\"norms\">\n");
            for norm in &rule.spec.law {
                let _ = writeln!(
                    html,
                    "<li><a href=\"{}\" rel=\"noreferrer\">{}</a></li>",
                    attr(&norm.url),
                    text(&norm.norm)
                );
            }
            html.push_str("</ul>\n");
            let decisions: Vec<String> = texts
                .map(|texts| {
                    texts
                        .decisions
                        .iter()
                        .filter_map(|key| {
                            let decision = self.texts.decisions.get(key)?;
                            Some(format!(
                                "<li><cite>{}</cite>: {}</li>",
                                text(&decision.citation(key)),
                                text(decision.holding.get(lang))
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !decisions.is_empty() {
                subheading(html, "Gerichtsentscheidungen", "Court decisions");
                let _ = writeln!(
                    html,
                    "<ul class=\"decisions\">\n{}\n</ul>",
                    decisions.join("\n")
                );
            }
            html.push_str("</div>\n");
            subheading(html, "Was Sie jetzt tun können", "What you can do now");
            paragraph(html, rule.spec.advice.get(lang));
            if texts.is_some_and(|texts| texts.concerns == Concern::Application) {
                let agency = self.texts.agencies.view(letter.letterhead.kind.as_deref());
                let _ = writeln!(
                    html,
                    "<p><strong>{}</strong> {}</p>",
                    t(
                        lang,
                        "Wann Ihr Antrag wirkt:",
                        "When your application takes effect:"
                    ),
                    text(agency.effect.get(lang).trim())
                );
            }
            subheading(
                html,
                "So hätte die Behörde es rechtmäßig schreiben können",
                "What the agency could lawfully have written",
            );
            let _ = writeln!(
                html,
                "<blockquote class=\"lawful\">{}</blockquote>",
                text(rule.spec.rewording.get(lang).trim())
            );
        }
        html.push_str("</section>\n");
    }

    fn quoted(&self, html: &mut String, index: usize, number: usize, finding: &Finding) {
        let lang = self.lang();
        let rule = self.rules.find(&finding.rule);
        let title = rule.map_or(finding.name.as_ref(), |r| r.spec.title.get(lang));
        let _ = write!(
            html,
            "<section class=\"finding info\" id=\"befund-{index}-{number}\"{data}>\n<h3><span class=\"num\">{number}</span> {title} <span class=\"badge info\">{context}</span></h3>\n<blockquote>„{sentence}“</blockquote>\n<p class=\"where\">{where_} · <a href=\"#stelle-{index}-{number}\">{show}</a> · {id}</p>\n",
            data = data(finding),
            title = text(title),
            context = self.context_word(finding.context),
            sentence = text(&self.shown(&finding.text)),
            where_ = text(&place(finding, lang)),
            show = t(lang, "im Schreiben zeigen", "show in the letter"),
            id = text(&format!("{} {}", finding.rule, finding.name)),
        );
        if let Some(texts) = self.texts.findings.get(&*finding.rule) {
            let _ = writeln!(html, "<p>{}</p>", text(texts.plain.get(lang).trim()));
        }
        html.push_str("</section>\n");
    }

    fn unchecked(&self, html: &mut String, unchecked: &[Unchecked<'_>]) {
        let lang = self.lang();
        let _ = write!(
            html,
            "<section class=\"unchecked\" id=\"nicht-geprueft\">\n<h2>{}</h2>\n<ul>\n",
            t(lang, "Nicht geprüft", "Not checked")
        );
        for file in unchecked {
            let _ = writeln!(
                html,
                "<li><strong>{}</strong>: {}</li>",
                text(file.path),
                text(file.reason)
            );
        }
        html.push_str("</ul>\n</section>\n");
    }

    fn footer(&self, html: &mut String) {
        let lang = self.lang();
        let report = &self.texts.report;
        let provenance = &self.options.provenance;
        let checked = match lang {
            Lang::De => format!(
                "Geprüft mit formlos {} am {} mit dem Regelwerk {}.",
                provenance.version, provenance.date, provenance.rule_pack
            ),
            Lang::En => format!(
                "Checked with formlos {} on {} with the rule pack {}.",
                provenance.version, provenance.date, provenance.rule_pack
            ),
        };
        let _ = write!(
            html,
            "<footer>\n<p>{}</p>\n<p><strong>{}</strong></p>\n<p>{}</p>\n</footer>\n",
            text(&checked),
            text(report.disclaimer.get(lang).trim()),
            text(report.advice_centre.get(lang).trim()),
        );
    }
}

/// The finding's rule, severity and context as in the JSON findings, for programs that
/// read the page (the browser page's test compares them with the CLI's JSON).
fn data(finding: &Finding) -> String {
    format!(
        " data-rule=\"{}\" data-severity=\"{}\" data-context=\"{}\"",
        attr(&finding.rule),
        finding.severity.as_str(),
        finding.context.as_str()
    )
}

/// Where a finding is, in words: page and line.
fn place(finding: &Finding, lang: Lang) -> String {
    let page = finding.location.get("page").and_then(|v| v.as_u64());
    match (page, lang) {
        (Some(page), Lang::De) => format!("Seite {page}, Zeile {}", finding.line),
        (Some(page), Lang::En) => format!("page {page}, line {}", finding.line),
        (None, Lang::De) => format!("Zeile {}, Spalte {}", finding.line, finding.column),
        (None, Lang::En) => format!("line {}, column {}", finding.line, finding.column),
    }
}

/// A marked stretch of the letter: one sentence with the numbers of its findings.
struct Mark {
    range: Range<usize>,
    numbers: Vec<usize>,
    severity: Severity,
    /// At least one finding on it is the letter's own statement.
    direct: bool,
}

/// The marks of the numbered findings in `source`, in order and without overlaps (a
/// sentence with two findings is one mark with two numbers).
fn marks(source: &str, numbers: &[(usize, &Finding)]) -> Vec<Mark> {
    let mut spans: Vec<(Range<usize>, usize, &Finding)> = numbers
        .iter()
        .filter_map(|(number, finding)| {
            let span = finding.text_span.clone()?;
            let fits = span.start < span.end
                && span.end <= source.len()
                && source.is_char_boundary(span.start)
                && source.is_char_boundary(span.end);
            fits.then_some((span, *number, *finding))
        })
        .collect();
    spans.sort_by_key(|(span, number, _)| (span.start, span.end, *number));
    let mut marks: Vec<Mark> = Vec::new();
    for (span, number, finding) in spans {
        let direct = finding.context == Context::Direct;
        if let Some(last) = marks.last_mut() {
            if last.range == span {
                last.numbers.push(number);
                last.severity = last.severity.max(finding.severity);
                last.direct |= direct;
                continue;
            }
            if span.start < last.range.end {
                // Overlapping sentences: the later one is marked from where the
                // earlier one ends.
                if span.end <= last.range.end {
                    last.numbers.push(number);
                    continue;
                }
                let start = (last.range.end..span.end)
                    .find(|&i| source.is_char_boundary(i))
                    .unwrap_or(span.end);
                marks.push(Mark {
                    range: start..span.end,
                    numbers: vec![number],
                    severity: finding.severity,
                    direct,
                });
                continue;
            }
        }
        marks.push(Mark {
            range: span,
            numbers: vec![number],
            severity: finding.severity,
            direct,
        });
    }
    marks
}

/// The report's style (`report.css`, shared with the browser page), and the page
/// numbers of the printed report in its language.
fn style(lang: Lang) -> String {
    let (page, of) = (t(lang, "Seite", "Page"), t(lang, "von", "of"));
    format!(
        "{}@page {{ size: A4; margin: 16mm 15mm 18mm 15mm;\n  @bottom-right {{ content: \"{page} \" counter(page) \" {of} \" counter(pages); font: 9pt \"DejaVu Sans\", sans-serif; color: #555; }} }}\n",
        STYLE
    )
}

/// The report's style without the page numbers; `scripts/build-web.sh` copies it for the
/// browser page.
pub const STYLE: &str = include_str!("report.css");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::Date;
    use crate::rules::{builtin_sources, load};

    fn finding(rule: &str, span: Range<usize>, context: Context, severity: Severity) -> Finding {
        Finding {
            path: "brief.txt".into(),
            rule: rule.into(),
            name: "name".into(),
            family: "family".into(),
            severity,
            line: 1,
            column: span.start + 1,
            end_line: 1,
            end_column: span.end + 1,
            text: "E-Mails werden nicht bearbeitet.".into(),
            message: "Nachricht".into(),
            law: Vec::new().into(),
            context,
            confidence: 0.9,
            location: Default::default(),
            fingerprint: String::new(),
            fix: None,
            fix_refused: None,
            explanation: None,
            excerpt: Default::default(),
            text_span: Some(span),
        }
    }

    #[test]
    fn marks_merge_equal_sentences_and_clip_overlaps() {
        let source = "Erster Satz. Zweiter Satz. Dritter Satz.";
        let a = finding("FL101", 0..12, Context::Direct, Severity::Warning);
        let b = finding("FL201", 0..12, Context::Direct, Severity::Error);
        let c = finding("FL301", 6..26, Context::Quoted, Severity::Info);
        let d = finding("FL401", 100..120, Context::Direct, Severity::Error);
        let numbered = [(1, &a), (2, &b), (3, &c), (4, &d)];
        let marks = marks(source, &numbered);
        assert_eq!(marks.len(), 2);
        assert_eq!(marks[0].range, 0..12);
        assert_eq!(marks[0].numbers, [1, 2]);
        assert_eq!(marks[0].severity, Severity::Error);
        assert_eq!(marks[1].range, 12..26);
        assert!(!marks[1].direct);
    }

    #[test]
    fn page_is_escaped_self_contained_and_states_its_policy() {
        let rules = load(&[builtin_sources()]).unwrap_or_else(|e| panic!("{e:?}"));
        let source =
            "Jobcenter Musterstadt\n<script>alert(1)</script>\nE-Mails werden nicht bearbeitet.";
        let start = source.find("E-Mails").unwrap_or_default();
        let found = finding(
            "FL101",
            start..source.len(),
            Context::Direct,
            Severity::Error,
        );
        let letter = Letter::new("brief.txt", Some(source), vec![&found]);
        let options = HtmlOptions {
            lang: Lang::De,
            redact: false,
            provenance: Provenance {
                version: "0.1.0".into(),
                date: Date {
                    year: 2026,
                    month: 12,
                    day: 1,
                },
                rule_pack: "17 Regeln".into(),
            },
        };
        let html = render(&[letter], &[], &rules, &options);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script"));
        let style_start = html.find("<style>").unwrap_or_default() + "<style>".len();
        let style_end = html.find("</style>").unwrap_or_default();
        let csp = content_security_policy(&html[style_start..style_end]);
        assert!(html.contains(&csp), "the policy hashes the style as served");
        assert!(csp.starts_with("default-src 'none'"));
        for attribute in ["src=", "@import", "url("] {
            assert!(!html.contains(attribute), "{attribute}");
        }
        assert!(html.contains("id=\"stelle-1-1\""));
        assert!(html.contains("href=\"#befund-1-1\""));
        assert!(html.contains("Geprüft mit formlos 0.1.0 am 01.12.2026"));
        assert!(html.contains("Rechtsdienstleistungsgesetz"));
        assert!(html.contains("https://www.gesetze-im-internet.de/sgb_10/__9.html"));
        assert!(html.contains("BSG, 11.07.2019, B 14 AS 51/18 R"));
        assert!(html.contains("Was Sie jetzt tun können"));
        assert!(
            html.contains("§ 37 Abs. 2 SGB II"),
            "the Jobcenter's effect"
        );
    }
}
