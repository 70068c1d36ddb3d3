//! Changing files on request: lawful rewordings (`formlos fix`) and suppression comments
//! (`formlos check --add-suppressions`). Nothing here runs unless a user asks for it.
//! Files are replaced atomically (see [`crate::atomic`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::atomic::write_atomically;
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
fn read_editable(path: &str) -> Result<(String, bool), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (true, body),
        None => (false, &bytes[..]),
    };
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| "not UTF-8; formlos changes only UTF-8 files".to_string())?;
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
        let read = match editable {
            true => read_editable(path),
            false => Err(format!(
                "{} finding(s) left: formlos changes only plain text, Markdown and HTML files",
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
pub fn plan_fixes(report: &RunReport) -> (Vec<Edit>, Vec<Refusal>) {
    let (files, mut refused) = editable_files(report, |f| f.fix.is_some());
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
        let mut fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
        fixes.sort_by_key(|fix| std::cmp::Reverse(fix.offset));
        fixes.dedup_by_key(|fix| fix.offset);
        let mut count = 0;
        let mut limit = usize::MAX;
        for fix in fixes {
            let end = fix.offset + fix.length;
            if end > limit || text.get(fix.offset..end) != Some(fix.original.as_str()) {
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

/// The comment that carries a directive in a file of this kind, by extension.
fn comment_for(path: &str, directive: &str) -> String {
    let extension = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" | "xhtml" | "xml" | "md" | "markdown" => format!("<!-- {directive} -->"),
        "j2" | "jinja" | "jinja2" | "twig" | "njk" => format!("{{# {directive} #}}"),
        "hbs" | "handlebars" | "mustache" => format!("{{{{!-- {directive} --}}}}"),
        "tex" => format!("% {directive}"),
        _ => format!("# {directive}"),
    }
}

/// Plans a `formlos-disable-next-line` comment above every line with findings, naming
/// its rules and a reason to be filled in. formlos' own diagnostics are left out.
pub fn plan_suppressions(report: &RunReport, reason: &str) -> (Vec<Edit>, Vec<Refusal>) {
    let (files, refused) = editable_files(report, |f| !f.rule.starts_with("FL0"));
    let mut edits = Vec::new();
    for Editable {
        path,
        findings,
        text,
        bom,
    } in files
    {
        let mut rules_by_line: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for finding in &findings {
            let rules = rules_by_line.entry(finding.line).or_default();
            if !rules.contains(&finding.rule.as_str()) {
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
            lines.insert(
                line - 1,
                format!("{indent}{}{newline}", comment_for(path, &directive)),
            );
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
        assert_eq!(
            comment_for("a.html", d),
            "<!-- formlos-disable-next-line FL101 -- x -->"
        );
        assert_eq!(
            comment_for("a.j2", d),
            "{# formlos-disable-next-line FL101 -- x #}"
        );
        assert_eq!(
            comment_for("a.hbs", d),
            "{{!-- formlos-disable-next-line FL101 -- x --}}"
        );
        assert_eq!(
            comment_for("a.tex", d),
            "% formlos-disable-next-line FL101 -- x"
        );
        assert_eq!(
            comment_for("a.txt", d),
            "# formlos-disable-next-line FL101 -- x"
        );
    }
}
