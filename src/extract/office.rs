//! Word (.docx) and OpenDocument (.odt) files: zip archives of XML.
//!
//! Word splits a sentence into runs at every formatting change; the runs of a paragraph
//! are joined. Each paragraph (also in table cells and text boxes) is a paragraph of its
//! own for the engine, so that an exception found in the letterhead does not reach a
//! sentence of the body; in the source that findings point into, each paragraph is one
//! line, so a finding's line is its paragraph number within the part (`location.part`:
//! the document body, a header, a footer, the footnotes; ODT headers and footers live in
//! `styles.xml`). Field codes and deleted text are not read; comments are not text, but are
//! kept with the lines they are anchored to (they may carry suppressions). Archives are opened
//! with limits on entry count, size and compression ratio, so a zip bomb is refused.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;
use zip::ZipArchive;

use super::{Comment, Document, ExtractError, Format, Unit};
use crate::engine::offsets::MappedText;

/// More entries than this is not an office document.
const MAX_ENTRIES: usize = 10_000;
/// Largest XML part read, uncompressed.
const MAX_PART_BYTES: u64 = 64 << 20;
/// A part this much larger than its compressed size is a zip bomb.
const MAX_RATIO: u64 = 200;

/// How a format marks up text.
struct Dialect {
    /// Elements whose text content is document text.
    text: &'static [&'static str],
    /// Elements that end a paragraph (a line of the unit).
    paragraph: &'static [&'static str],
    /// Empty elements that stand for a character.
    characters: &'static [(&'static str, &'static str)],
    /// Elements whose whole content is skipped.
    skipped: &'static [&'static str],
    /// Empty elements that mark the start of a new page.
    page_breaks: &'static [&'static str],
    /// Elements holding a comment's own text inline (ODF annotations); Word keeps
    /// comments in a part of their own and marks only their anchors in the text.
    inline_comment: Option<&'static str>,
}

const WORD: Dialect = Dialect {
    text: &["w:t"],
    paragraph: &["w:p"],
    characters: &[
        ("w:tab", "\t"),
        ("w:br", "\n"),
        ("w:cr", "\n"),
        ("w:noBreakHyphen", "-"),
        ("w:softHyphen", "\u{ad}"),
    ],
    skipped: &["w:del", "w:instrText", "w:delText"],
    page_breaks: &["w:lastRenderedPageBreak"],
    inline_comment: None,
};

const OPEN_DOCUMENT: Dialect = Dialect {
    text: &["text:p", "text:h", "text:span", "text:a", "text:list-item"],
    paragraph: &["text:p", "text:h"],
    characters: &[
        ("text:tab", "\t"),
        ("text:line-break", "\n"),
        ("text:s", " "),
    ],
    skipped: &["text:tracked-changes", "text:note-citation"],
    page_breaks: &["text:soft-page-break"],
    inline_comment: Some("office:annotation"),
};

pub fn extract(format: Format, bytes: &[u8]) -> Result<Document, ExtractError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::Malformed(format!("zip: {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ExtractError::TooLarge(format!(
            "{} zip entries",
            archive.len()
        )));
    }
    let (dialect, parts) = match format {
        Format::Docx => (&WORD, word_parts(&archive)),
        _ => (
            &OPEN_DOCUMENT,
            vec!["content.xml".to_string(), "styles.xml".to_string()],
        ),
    };
    let word_comments = match format {
        Format::Docx => {
            let xml = read_part(&mut archive, "word/comments.xml")?;
            comment_texts(&xml)
                .map_err(|e| ExtractError::Malformed(format!("word/comments.xml: {e}")))?
        }
        _ => Vec::new(),
    };
    let mut units = Vec::new();
    for name in parts {
        let xml = read_part(&mut archive, &name)?;
        let part = text_of(&xml, dialect, &word_comments)
            .map_err(|e| ExtractError::Malformed(format!("{name}: {e}")))?;
        if part.source.trim().is_empty() {
            continue;
        }
        let mut unit = Unit::derived(part.text, part.to_source, part.source);
        unit.line_pages = part.line_pages;
        unit.comments = part.comments;
        unit.location.insert("part".into(), Value::from(name));
        unit.location
            .insert("line_is".into(), Value::from("paragraph"));
        units.push(unit);
    }
    let has_body = entry_names(&archive).any(|n| n == "word/document.xml" || n == "content.xml");
    if units.is_empty() && !has_body {
        return Err(ExtractError::Malformed(
            "no document body in the archive".into(),
        ));
    }
    Ok(Document {
        format,
        encoding: "UTF-8",
        units,
        evidence: String::new(),
    })
}

/// Names of the archive's entries (unreadable names left out).
fn entry_names<'a>(archive: &'a ZipArchive<Cursor<&[u8]>>) -> impl Iterator<Item = String> + 'a {
    archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
}

/// The body first, then headers, footers, footnotes and endnotes, in name order.
fn word_parts(archive: &ZipArchive<Cursor<&[u8]>>) -> Vec<String> {
    let mut extra: Vec<String> = entry_names(archive)
        .filter(|name| {
            let name = name.strip_prefix("word/").unwrap_or("");
            (name.starts_with("header")
                || name.starts_with("footer")
                || name == "footnotes.xml"
                || name == "endnotes.xml")
                && name.ends_with(".xml")
                && !name.contains('/')
        })
        .collect();
    extra.sort();
    std::iter::once("word/document.xml".to_string())
        .chain(extra)
        .collect()
}

/// Reads one part within the limits against zip bombs.
fn read_part(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, ExtractError> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(String::new()),
        Err(e) => return Err(ExtractError::Malformed(format!("{name}: {e}"))),
    };
    let size = entry.size();
    let compressed = entry.compressed_size().max(1);
    if size > MAX_PART_BYTES || (size > 1 << 20 && size / compressed > MAX_RATIO) {
        return Err(ExtractError::TooLarge(format!(
            "{name}: {size} bytes unpacked from {compressed}"
        )));
    }
    let mut xml = String::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| ExtractError::Malformed(format!("{name}: {e}")))?;
    if xml.len() as u64 > MAX_PART_BYTES {
        return Err(ExtractError::TooLarge(format!(
            "{name}: more than {MAX_PART_BYTES} bytes"
        )));
    }
    Ok(xml)
}

/// The text of an XML part and what belongs to its lines.
#[derive(Debug, Default)]
struct PartText {
    /// The text the engine reads: paragraphs separated by blank lines, line breaks
    /// within a paragraph (`w:br`) as line breaks.
    text: String,
    /// Maps offsets of `text` to `source`.
    to_source: crate::engine::offsets::OffsetMap,
    /// One line per paragraph (a line break within it shown as a space): what a
    /// finding's line and column count in.
    source: String,
    /// The page each line starts on when the document records page breaks (`(first
    /// line, page)`; empty otherwise).
    line_pages: Vec<(usize, u64)>,
    comments: Vec<Comment>,
}

/// The texts of Word's comments (word/comments.xml), by comment id.
fn comment_texts(xml: &str) -> Result<Vec<(String, String)>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut comments: Vec<(String, String)> = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(start) if start.name().as_ref() == "w:comment" => {
                comments.push((attribute(&start, "w:id"), String::new()));
            }
            Event::Start(start) if start.name().as_ref() == "w:t" => in_text = true,
            Event::End(end) if end.name().as_ref() == "w:t" => in_text = false,
            Event::End(end) if end.name().as_ref() == "w:p" => {
                if let Some((_, text)) = comments.last_mut() {
                    text.push('\n');
                }
            }
            Event::Text(text) if in_text => {
                if let Some((_, comment)) = comments.last_mut() {
                    comment.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) if in_text => {
                if let Some((_, comment)) = comments.last_mut() {
                    comment.push_str(&resolve_reference(&reference.into_inner()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(comments)
}

/// The value of an attribute, empty when absent.
fn attribute(element: &quick_xml::events::BytesStart, name: &str) -> String {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

/// The text of an XML part, one line per paragraph. `word_comments` are Word's comment
/// texts by id; their anchors in the part give the lines they cover.
fn text_of(
    xml: &str,
    dialect: &Dialect,
    word_comments: &[(String, String)],
) -> Result<PartText, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = Flow::default();
    let mut line_pages: Vec<(usize, u64)> = Vec::new();
    let mut page = 1u64;
    let mut text_depth = 0usize;
    let mut skip_depth = 0usize;
    // Word: comment id -> first line of its anchor; ODF: the annotation being read.
    let mut open_anchors: Vec<(String, usize)> = Vec::new();
    let mut comments: Vec<Comment> = Vec::new();
    let mut placed: Vec<String> = Vec::new();
    let mut inline_comment: Option<(usize, String, usize)> = None;
    loop {
        let event = reader.read_event()?;
        if let Some((depth, text, line)) = inline_comment.as_mut() {
            match &event {
                Event::Start(_) => *depth += 1,
                Event::End(end) => {
                    *depth -= 1;
                    if *depth == 0 {
                        comments.push(Comment {
                            text: std::mem::take(text),
                            lines: (*line, *line),
                        });
                        inline_comment = None;
                    } else if dialect.paragraph.contains(&end.name().as_ref()) {
                        text.push('\n');
                    }
                }
                Event::Text(content) => text.push_str(&content.xml10_content()),
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(start)
                if skip_depth == 0
                    && dialect
                        .inline_comment
                        .is_some_and(|element| start.name().as_ref() == element) =>
            {
                inline_comment = Some((1, String::new(), out.line()));
            }
            Event::Start(start) => {
                let name = start.name();
                let name = name.as_ref();
                if dialect.skipped.contains(&name) || skip_depth > 0 {
                    skip_depth += 1;
                } else if dialect.text.contains(&name) {
                    text_depth += 1;
                }
            }
            Event::End(end) => {
                let name = end.name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if dialect.text.contains(&name) {
                    text_depth = text_depth.saturating_sub(1);
                }
                if dialect.paragraph.contains(&name) {
                    out.end_paragraph();
                }
            }
            Event::Empty(empty)
                if skip_depth == 0
                    && matches!(
                        empty.name().as_ref(),
                        "w:commentRangeStart" | "w:commentRangeEnd" | "w:commentReference"
                    ) =>
            {
                let id = attribute(&empty, "w:id");
                let line = out.line();
                if empty.name().as_ref() == "w:commentRangeStart" {
                    open_anchors.push((id, line));
                    continue;
                }
                // The range ends; a reference without a range marks the spot itself.
                let first = match open_anchors.iter().position(|(open, _)| *open == id) {
                    Some(index) => open_anchors.remove(index).1,
                    None if !placed.contains(&id) => line,
                    None => continue,
                };
                if let Some((_, text)) = word_comments.iter().find(|(key, _)| *key == id) {
                    comments.push(Comment {
                        text: text.clone(),
                        lines: (first, line),
                    });
                }
                placed.push(id);
            }
            Event::Empty(empty) if skip_depth == 0 => {
                let name = empty.name();
                let name = name.as_ref();
                let explicit_page = name == "w:br"
                    && empty
                        .try_get_attribute("w:type")
                        .ok()
                        .flatten()
                        .is_some_and(|kind| kind.value.as_ref() == "page");
                if dialect.page_breaks.contains(&name) || explicit_page {
                    page += 1;
                    if line_pages.is_empty() {
                        line_pages.push((1, 1));
                    }
                    line_pages.push((out.line(), page));
                }
                if let Some((_, character)) = dialect
                    .characters
                    .iter()
                    .find(|(element, _)| *element == name)
                {
                    out.push_character(character);
                } else if dialect.paragraph.contains(&name) {
                    out.end_paragraph();
                }
            }
            Event::Text(text) if text_depth > 0 && skip_depth == 0 => {
                out.push_str(&text.xml10_content())
            }
            Event::CData(data) if text_depth > 0 && skip_depth == 0 => {
                out.push_str(&data.into_inner());
            }
            Event::GeneralRef(reference) if text_depth > 0 && skip_depth == 0 => {
                out.push_str(&resolve_reference(&reference.into_inner()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (text, to_source, source) = out.finish();
    Ok(PartText {
        text,
        to_source,
        source,
        line_pages,
        comments,
    })
}

/// The two texts of a part built side by side: the engine's text with blank lines
/// between paragraphs, and the source with one line per paragraph.
#[derive(Debug, Default)]
struct Flow {
    text: MappedText,
    source: String,
    /// Line of the source being written (1-based, the paragraph's number).
    line: usize,
}

impl Flow {
    fn line(&self) -> usize {
        self.line + 1
    }

    fn push_str(&mut self, piece: &str) {
        self.text.push(piece, self.source.len());
        self.source.push_str(piece);
    }

    /// A character element: a line break stays one in the text but is a space in the
    /// source, so that each paragraph remains one source line.
    fn push_character(&mut self, character: &str) {
        if character == "\n" {
            self.text.push("\n", self.source.len());
            self.source.push(' ');
        } else {
            self.push_str(character);
        }
    }

    fn end_paragraph(&mut self) {
        self.text.push("\n\n", self.source.len());
        self.source.push('\n');
        self.line += 1;
    }

    fn finish(self) -> (String, crate::engine::offsets::OffsetMap, String) {
        let (text, map) = self.text.finish();
        (text, map, self.source)
    }
}

/// The text of `&name;`: the five predefined entities and character references.
fn resolve_reference(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code = name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>));
            code.and_then(Result::ok)
                .and_then(char::from_u32)
                .map_or_else(String::new, String::from)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_are_joined_and_field_codes_skipped() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>E-Mails werden </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>nicht</w:t></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r><w:r><w:t xml:space="preserve"> mehr bear&amp;beitet.</w:t></w:r></w:p><w:p><w:r><w:t>Zwei</w:t><w:tab/><w:t>Drei</w:t></w:r></w:p></w:body></w:document>"#;
        let part = text_of(xml, &WORD, &[]).unwrap_or_default();
        assert_eq!(
            part.text,
            "E-Mails werden nicht mehr bear&beitet.\n\nZwei\tDrei\n\n"
        );
        assert_eq!(
            part.source,
            "E-Mails werden nicht mehr bear&beitet.\nZwei\tDrei\n"
        );
    }

    #[test]
    fn odt_paragraphs_spaces_and_annotations() {
        let xml = r#"<office:document-content><office:body><office:text><text:p>Faxe<text:s/>werden <text:span>nicht</text:span> angenommen.<office:annotation><text:p>Kommentar</text:p></office:annotation></text:p><text:h>Titel</text:h></office:text></office:body></office:document-content>"#;
        assert_eq!(
            text_of(xml, &OPEN_DOCUMENT, &[]).unwrap_or_default().text,
            "Faxe werden nicht angenommen.\n\nTitel\n\n"
        );
    }

    #[test]
    fn word_page_breaks_give_pages_of_lines() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>Seite eins</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>Seite zwei</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/><w:t>Seite drei</w:t></w:r></w:p></w:body></w:document>"#;
        let part = text_of(xml, &WORD, &[]).unwrap_or_default();
        let unit = Unit {
            line_pages: part.line_pages,
            ..Unit::plain(part.text)
        };
        let pages: Vec<Option<u64>> = (1..=3).map(|line| unit.page_of_line(line)).collect();
        assert_eq!(pages, [Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn table_cells_and_line_breaks_keep_one_source_line_per_paragraph() {
        let xml = r#"<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Jobcenter</w:t><w:br/><w:t>E-Mail: a@b.de</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Datum</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>Text.</w:t></w:r></w:p></w:body></w:document>"#;
        let part = text_of(xml, &WORD, &[]).unwrap_or_default();
        assert_eq!(part.text, "Jobcenter\nE-Mail: a@b.de\n\nDatum\n\nText.\n\n");
        assert_eq!(part.source, "Jobcenter E-Mail: a@b.de\nDatum\nText.\n");
        let datum = part.text.find("Datum").unwrap_or_default();
        assert_eq!(
            part.to_source.map(datum),
            part.source.find("Datum").unwrap_or(1)
        );
        let text = part.text.find("Text.").unwrap_or_default();
        assert_eq!(
            part.to_source.map(text),
            part.source.find("Text.").unwrap_or(1)
        );
    }

    #[test]
    fn not_a_zip_is_malformed() {
        assert!(extract(Format::Docx, b"PK\x03\x04 broken").is_err());
        assert!(extract(Format::Odt, b"").is_err());
    }
}
