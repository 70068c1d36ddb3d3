//! Changing files on request: lawful rewordings (`formlos fix`) and suppression comments
//! (`formlos check --add-suppressions`). Nothing here runs unless a user asks for it.
//! Files are replaced atomically (see [`crate::atomic`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::atomic::write_atomically;
use crate::extract::Format;
use crate::i18n::{Lang, t};
use crate::input::STDIN_NAME;
use crate::report::{Finding, Fix, RunReport};

/// A change to one file, planned but not yet made.
#[derive(Debug)]
pub struct Edit {
    pub path: String,
    /// The file's text (after a byte-order mark, which is kept).
    pub original: String,
    pub changed: String,
    /// How many fixes or suppressions the change makes.
    pub count: usize,
    bom: bool,
}

impl Edit {
    /// A unified diff of the change, with `a/` and `b/` paths like git's.
    pub fn diff(&self) -> String {
        similar::TextDiff::from_lines(&self.original, &self.changed)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", self.path), &format!("b/{}", self.path))
            .to_string()
    }

    /// Writes the change (atomically).
    pub fn write(&self) -> std::io::Result<()> {
        let mut bytes = Vec::with_capacity(self.changed.len() + 3);
        if self.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(self.changed.as_bytes());
        write_atomically(Path::new(&self.path), &bytes)
    }
}

/// Why a file cannot be changed.
#[derive(Debug)]
pub struct Refusal {
    pub path: String,
    pub reason: String,
}

/// Formats formlos edits: the text stands in the file as written.
const EDITABLE_FORMATS: [&str; 3] = ["text", "markdown", "html"];

/// Reads a file for editing: UTF-8 with or without a byte-order mark.
fn read_editable(path: &str, lang: Lang) -> Result<(String, bool), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (true, body),
        None => (false, &bytes[..]),
    };
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        t(
            lang,
            "nicht in UTF-8 gespeichert; formlos ändert nur UTF-8-Dateien",
            "not UTF-8; formlos changes only UTF-8 files",
        )
        .to_string()
    })?;
    Ok((text, bom))
}

/// A file formlos may edit: its path, its findings, its text and whether it had a BOM.
struct Editable<'r> {
    path: &'r str,
    findings: Vec<&'r Finding>,
    text: String,
    bom: bool,
}

/// The findings of a report grouped by file and read for editing, for files formlos may
/// edit; the others are refused with the reason.
fn editable_files(
    report: &RunReport,
    wanted: impl Fn(&Finding) -> bool,
    lang: Lang,
) -> (Vec<Editable<'_>>, Vec<Refusal>) {
    let mut by_path: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in report.findings.iter().filter(|f| wanted(f)) {
        by_path.entry(&finding.path).or_default().push(finding);
    }
    let mut refused = Vec::new();
    let mut files = Vec::new();
    for (path, findings) in by_path {
        let format = report
            .files
            .iter()
            .find(|file| file.path == path)
            .and_then(|file| file.format.as_deref());
        let editable = format.is_some_and(|f| EDITABLE_FORMATS.contains(&f)) && path != STDIN_NAME;
        let read = match (editable, lang) {
            (true, _) => read_editable(path, lang),
            (false, Lang::De) => Err(format!(
                "{} Befund(e) bleiben: formlos ändert nur Text-, Markdown-, HTML- und Vorlagendateien",
                findings.len()
            )),
            (false, Lang::En) => Err(format!(
                "{} finding(s) left: formlos changes only plain text, Markdown, HTML and template files",
                findings.len()
            )),
        };
        match read {
            Ok((text, bom)) => files.push(Editable {
                path,
                findings,
                text,
                bom,
            }),
            Err(reason) => refused.push(Refusal {
                path: path.to_string(),
                reason,
            }),
        }
    }
    (files, refused)
}

/// Plans replacing every fixable sentence with its rule's lawful wording. A sentence
/// whose text changed since the check, or that overlaps another fix, is left alone.
/// A sentence whose fix was refused (a placeholder or markup inside it) is named with
/// the reason.
pub fn plan_fixes(report: &RunReport, lang: Lang) -> (Vec<Edit>, Vec<Refusal>) {
    let (files, mut refused) = editable_files(report, |f| f.fix.is_some(), lang);
    refused.extend(report.findings.iter().filter_map(|finding| {
        Some(Refusal {
            path: format!("{}:{}:{}", finding.path, finding.line, finding.column),
            reason: finding.fix_refused.clone()?,
        })
    }));
    let mut edits = Vec::new();
    for Editable {
        path,
        findings,
        mut text,
        bom,
    } in files
    {
        let original = text.clone();
        let mut fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_deref()).collect();
        fixes.sort_by_key(|fix| std::cmp::Reverse(fix.offset));
        fixes.dedup_by_key(|fix| fix.offset);
        let mut count = 0;
        let mut limit = usize::MAX;
        for fix in fixes {
            let end = fix.offset + fix.length;
            if end > limit || text.get(fix.offset..end) != Some(fix.original.as_ref()) {
                continue;
            }
            text.replace_range(fix.offset..end, &fix.replacement);
            limit = fix.offset;
            count += 1;
        }
        if count > 0 {
            edits.push(Edit {
                path: path.to_string(),
                original,
                changed: text,
                count,
                bom,
            });
        }
    }
    (edits, refused)
}

/// The comment syntax of a file's template language, by its extensions: one the
/// rendered letter never shows. Plain text has none: any line written into it would
/// be printed in the letter.
fn comment_for(path: &str, directive: &str) -> Option<String> {
    let path = Path::new(path);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "j2" | "jinja" | "jinja2" | "twig" | "njk" => Some(format!("{{# {directive} #}}")),
        "hbs" | "handlebars" | "mustache" => Some(format!("{{{{!-- {directive} --}}}}")),
        "tex" => Some(format!("% {directive}")),
        // HTML and Markdown, also inside a template of an unknown language
        // (`antwort.html.tpl`): a comment the browser or renderer hides.
        _ => match Format::of_path(path) {
            Some(Format::Html | Format::Markdown) => Some(format!("<!-- {directive} -->")),
            _ => None,
        },
    }
}

/// Why a file without a comment syntax gets no suppressions, and what to do instead.
fn no_comment_syntax(count: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "{count} Befund(e) bleiben: In einer reinen Textdatei gibt es keinen Kommentar – eine Unterdrückungszeile stünde im Brief. Schreiben Sie die Unterdrückung von Hand in der Kommentarsyntax Ihres Vorlagensystems, geben Sie der Datei die Endung ihrer Vorlagensprache (.hbs, .j2, .html …) oder nehmen Sie die Befunde in eine Baseline auf (--write-baseline)"
        ),
        Lang::En => format!(
            "{count} finding(s) left: a plain text file has no comments, so a suppression line would be printed in the letter. Write the suppression by hand in your template system's comment syntax, give the file its template language's extension (.hbs, .j2, .html …) or record the findings in a baseline (--write-baseline)"
        ),
    }
}

/// Plans a `formlos-disable-next-line` comment above every line with findings, naming
/// its rules and a reason to be filled in, in the comment syntax of the file's template
/// language; a file without one (plain text) is refused. formlos' own diagnostics are
/// left out.
pub fn plan_suppressions(
    report: &RunReport,
    reason: &str,
    lang: Lang,
) -> (Vec<Edit>, Vec<Refusal>) {
    let (files, mut refused) = editable_files(report, |f| !f.rule.starts_with("FL0"), lang);
    let mut edits = Vec::new();
    for Editable {
        path,
        findings,
        text,
        bom,
    } in files
    {
        if comment_for(path, "").is_none() {
            refused.push(Refusal {
                path: path.to_string(),
                reason: no_comment_syntax(findings.len(), lang),
            });
            continue;
        }
        let mut rules_by_line: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for finding in &findings {
            let rules = rules_by_line.entry(finding.line).or_default();
            if !rules.contains(&finding.rule.as_ref()) {
                rules.push(&finding.rule);
            }
        }
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        for (line, rules) in rules_by_line.iter().rev() {
            let Some(target) = lines.get(line - 1) else {
                continue;
            };
            let indent: String = target
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let directive = format!("formlos-disable-next-line {} -- {reason}", rules.join(", "));
            let Some(comment) = comment_for(path, &directive) else {
                continue;
            };
            lines.insert(line - 1, format!("{indent}{comment}{newline}"));
        }
        edits.push(Edit {
            path: path.to_string(),
            changed: lines.concat(),
            original: text,
            count: rules_by_line.len(),
            bom,
        });
    }
    (edits, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_follow_the_template_language() {
        let d = "formlos-disable-next-line FL101 -- x";
        let cases = [
            ("a.html", "<!-- formlos-disable-next-line FL101 -- x -->"),
            ("a.md", "<!-- formlos-disable-next-line FL101 -- x -->"),
            (
                "a.html.tpl",
                "<!-- formlos-disable-next-line FL101 -- x -->",
            ),
            ("a.txt.j2", "{# formlos-disable-next-line FL101 -- x #}"),
            ("a.twig", "{# formlos-disable-next-line FL101 -- x #}"),
            ("a.njk", "{# formlos-disable-next-line FL101 -- x #}"),
            (
                "a.txt.hbs",
                "{{!-- formlos-disable-next-line FL101 -- x --}}",
            ),
            (
                "a.mustache",
                "{{!-- formlos-disable-next-line FL101 -- x --}}",
            ),
            ("a.tex", "% formlos-disable-next-line FL101 -- x"),
        ];
        for (path, comment) in cases {
            assert_eq!(comment_for(path, d).as_deref(), Some(comment), "{path}");
        }
    }

    #[test]
    fn plain_text_has_no_comment_syntax() {
        for path in ["a.txt", "a.text", "brief", "a.tpl", "a.txt.tmpl"] {
            assert_eq!(comment_for(path, "x"), None, "{path}");
        }
    }
}
