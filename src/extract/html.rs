//! HTML: the visible text, with findings pointing at line and column in the HTML source.
//!
//! lol_html (a streaming parser) reports each text chunk with its byte range in the
//! source. Text inside script, style, head, template and noscript is left out, comments
//! are never text, block elements end paragraphs, inline elements (b, span, a) do not,
//! and entities are decoded one by one so that every byte of the result maps back.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk};
use lol_html::{HtmlRewriter, Settings, doc_text, element, end_tag};

use super::ExtractError;
use crate::engine::offsets::{MappedText, OffsetMap};

/// Elements whose content is not shown.
const HIDDEN: &[&str] = &[
    "script", "style", "head", "template", "noscript", "title", "svg", "object",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "hr",
    "body",
    "html",
    "center",
];

/// What the parser saw, in document order.
enum Event {
    /// Raw text (entities not yet decoded) and its byte range in the source.
    Text(String, Range<usize>),
    /// A paragraph boundary at a source offset.
    Block(usize),
    /// A line break (`<br>`) at a source offset.
    LineBreak(usize),
    /// The start or end of a table cell (`td`, `th`) at a source offset.
    Cell(usize),
}

/// Table cells of one row are read as one paragraph, "Telefon | keine Anträge", so that
/// a row keeps its channel with what it says about it; the bar does not end a sentence.
const CELL_SEPARATOR: &str = " | ";

/// A row with more words than this is a layout table (a letter set in columns): its
/// cells are paragraphs of their own, as blocks are.
const ROW_WORDS: usize = 40;

#[derive(Default)]
struct State {
    events: Vec<Event>,
    hidden_depth: usize,
}

/// Extracts the visible text of `source` and a map from it back to `source`.
pub fn extract(source: &str) -> Result<(String, OffsetMap), ExtractError> {
    let state = Rc::new(RefCell::new(State::default()));
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element<'_, '_>| {
            let name = el.tag_name().to_ascii_lowercase();
            let at = el.source_location().bytes().start;
            let is_hidden = HIDDEN.contains(&name.as_str());
            let is_cell = name == "td" || name == "th";
            let is_block = BLOCKS.contains(&name.as_str());
            {
                let mut state = state.borrow_mut();
                if name == "br" {
                    state.events.push(Event::LineBreak(at));
                } else if is_block {
                    state.events.push(Event::Block(at));
                } else if is_cell {
                    state.events.push(Event::Cell(at));
                }
                if is_hidden {
                    state.hidden_depth += 1;
                }
            }
            if (is_hidden || is_block || is_cell)
                && el.can_have_content()
                && let Some(handlers) = el.end_tag_handlers()
            {
                let state = Rc::clone(&state);
                handlers.push(end_tag!(move |end| {
                    let mut state = state.borrow_mut();
                    if is_hidden {
                        state.hidden_depth = state.hidden_depth.saturating_sub(1);
                    }
                    let at = end.source_location().bytes().start;
                    if is_block {
                        state.events.push(Event::Block(at));
                    } else if is_cell {
                        state.events.push(Event::Cell(at));
                    }
                    Ok(())
                }));
            }
            Ok(())
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |chunk: &mut TextChunk<'_>| {
            let mut state = state.borrow_mut();
            let text = chunk.as_str();
            if state.hidden_depth == 0 && !text.is_empty() {
                state.events.push(Event::Text(
                    text.to_string(),
                    chunk.source_location().bytes(),
                ));
            }
            Ok(())
        }
    };
    let settings = Settings::new()
        .append_element_content_handler(element!("*", on_element))
        .append_document_content_handler(doc_text!(on_text));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(source.as_bytes())
        .and_then(|()| rewriter.end())
        .map_err(|e| ExtractError::Malformed(e.to_string()))?;
    let events = std::mem::take(&mut state.borrow_mut().events);
    Ok(assemble(&events))
}

/// Builds the text: entities decoded, whitespace inside text kept as spaces (HTML shows a
/// source line break as a space), block boundaries as blank lines, the cells of a short
/// table row joined by [`CELL_SEPARATOR`].
fn assemble(events: &[Event]) -> (String, OffsetMap) {
    let mut out = MappedText::default();
    // Events between two block boundaries: a table row's cells, when they hold no
    // block of their own.
    for stretch in events.split_inclusive(|event| matches!(event, Event::Block(_))) {
        let words: usize = stretch
            .iter()
            .map(|event| match event {
                Event::Text(raw, _) => raw.split_whitespace().count(),
                _ => 0,
            })
            .sum();
        let joins_cells = words <= ROW_WORDS;
        // Whether a cell with text came before in this row, and whether the current
        // cell has text yet: the separator goes between cells that have text.
        let (mut cell_before, mut cell_has_text) = (false, false);
        for event in stretch {
            match event {
                Event::Text(raw, range) => {
                    if joins_cells && !cell_has_text && !raw.trim().is_empty() {
                        if cell_before {
                            out.push(CELL_SEPARATOR, range.start);
                        }
                        cell_has_text = true;
                    }
                    push_decoded(&mut out, raw, range.start);
                }
                Event::Block(at) => out.push("\n\n", *at),
                Event::LineBreak(at) => out.push("\n", *at),
                Event::Cell(at) if joins_cells => {
                    cell_before |= cell_has_text;
                    cell_has_text = false;
                    out.push(" ", *at);
                }
                Event::Cell(at) => out.push("\n\n", *at),
            }
        }
    }
    out.finish()
}

fn push_decoded(out: &mut MappedText, raw: &str, origin: usize) {
    let mut rest = raw;
    let mut offset = origin;
    while let Some(amp) = rest.find('&') {
        push_plain(out, &rest[..amp], offset);
        let after = &rest[amp..];
        let entity_len = after
            .char_indices()
            .take(32)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i + 1)
            .filter(|&len| len > 2);
        match entity_len {
            Some(len) => {
                let decoded = html_escape::decode_html_entities(&after[..len]);
                let decoded = if decoded == "\u{a0}" {
                    " "
                } else {
                    decoded.as_ref()
                };
                out.push(decoded, offset + amp);
                rest = &after[len..];
                offset += amp + len;
            }
            None => {
                out.push("&", offset + amp);
                rest = &after[1..];
                offset += amp + 1;
            }
        }
    }
    push_plain(out, rest, offset);
}

/// Pushes text with line breaks and tabs turned into spaces, byte for byte.
fn push_plain(out: &mut MappedText, text: &str, origin: usize) {
    if text.contains(['\n', '\r', '\t']) {
        out.push(&text.replace(['\n', '\r', '\t'], " "), origin);
    } else {
        out.push(text, origin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(html: &str) -> String {
        extract(html)
            .map(|(text, _)| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    #[test]
    fn keeps_visible_text_and_maps_back() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\n<p>E-Mails werden <b>nicht</b> mehr\n bear&shy;beitet&nbsp;&ndash; danke.</p><script>var x = 'E-Mails';</script><!-- nicht sichtbar --></body></html>";
        assert_eq!(
            visible(html),
            "E-Mails werden nicht mehr bear\u{ad}beitet – danke."
        );
        let (text, map) = extract(html).unwrap_or_default();
        let at = text.find("mehr").unwrap_or(0);
        assert!(html[map.map(at)..].starts_with("mehr"));
        let dash = text.find('–').unwrap_or(0);
        assert!(html[map.map(dash)..].starts_with("&ndash;"));
    }

    #[test]
    fn blocks_separate_paragraphs_inline_elements_do_not() {
        let (text, _) =
            extract("<ul><li>Erstens</li><li>Zwei<span>tens</span></li></ul><p>A<br>B</p>")
                .unwrap_or_default();
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(paragraphs, ["Erstens", "Zweitens", "A\nB"]);
    }

    fn paragraphs(html: &str) -> Vec<String> {
        let (text, _) = extract(html).unwrap_or_default();
        text.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }

    #[test]
    fn a_table_row_is_one_paragraph_its_cells_apart() {
        let html = "<table><tr><th>Kanal</th><th>Hinweis</th></tr>\n<tr><td>Telefon</td><td></td><td>keine <b>Anträge</b></td></tr><tr><td><p>Erster Absatz.</p></td><td>Zweite Zelle</td></tr></table>";
        assert_eq!(
            paragraphs(html),
            [
                "Kanal | Hinweis",
                "Telefon | keine Anträge",
                "Erster Absatz.",
                "Zweite Zelle"
            ]
        );
        let (text, map) = extract(html).unwrap_or_default();
        let at = text.find("keine").unwrap_or(0);
        assert!(html[map.map(at)..].starts_with("keine <b>"));
    }

    #[test]
    fn the_cells_of_a_layout_table_stay_paragraphs() {
        let long = "Wort ".repeat(30);
        let html = format!("<table><tr><td>{long}Ende</td><td>{long}Schluss</td></tr></table>");
        let found = paragraphs(&html);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].ends_with("Ende") && found[1].ends_with("Schluss"));
    }
}
