//! E-mail (.eml): the subject and every text part, decoded by mail-parser (RFC 2047
//! headers, quoted-printable, base64, any declared charset, nested multiparts).
//!
//! Each text part is a unit. A text/html part is converted to visible text when the
//! message has no text/plain alternative, when the plain part is only a stub or much
//! shorter, and in addition to the plain part when the two say different things. Attached
//! messages are read too. A part stored verbatim in the file (7bit/8bit) reports lines
//! of the .eml file; an encoded part reports lines within its decoded text, with the
//! part number in `location`.

use std::collections::BTreeMap;

use mail_parser::{Encoding, Message, MessageParser, MessagePart, MimeHeaders, PartType};
use serde_json::Value;

use super::{Document, ExtractError, Format, Unit, html};

/// A plain-text alternative this short is a stub ("Bitte HTML aktivieren", "This
/// message is best viewed in an HTML-capable client …").
const STUB_CHARS: usize = 120;

/// How deep attached messages are followed.
const MAX_NESTING: usize = 8;

pub fn extract(bytes: &[u8]) -> Result<Document, ExtractError> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|message| !message.parts.is_empty())
        .ok_or_else(|| {
            ExtractError::Malformed(
                "keine lesbare E-Mail-Struktur / no readable e-mail structure".into(),
            )
        })?;
    let mut units = Vec::new();
    message_units(&message, bytes, &BTreeMap::new(), 0, &mut units);
    let senders = [message.from(), message.reply_to(), message.sender()];
    let evidence = senders
        .into_iter()
        .flatten()
        .flat_map(|address| address.iter())
        .filter_map(|addr| addr.address())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Document {
        format: Format::Email,
        encoding: "UTF-8",
        units,
        evidence,
    })
}

/// Header facts of a message, attached to every finding in it.
fn message_location(
    message: &Message<'_>,
    outer: &BTreeMap<String, Value>,
) -> BTreeMap<String, Value> {
    let mut location = outer.clone();
    if let Some(from) = message.from().and_then(|from| from.first()) {
        let address = from.address().unwrap_or_default();
        let shown = match from.name() {
            Some(name) => format!("{name} <{address}>"),
            None => address.to_string(),
        };
        location.insert("from".into(), Value::from(shown));
    }
    if let Some(date) = message.date() {
        location.insert("date".into(), Value::from(date.to_rfc3339()));
    }
    if let Some(subject) = message.subject() {
        location.insert("subject".into(), Value::from(subject));
    }
    location
}

fn message_units(
    message: &Message<'_>,
    raw: &[u8],
    outer: &BTreeMap<String, Value>,
    depth: usize,
    units: &mut Vec<Unit>,
) {
    let location = message_location(message, outer);
    if let Some(subject) = message.subject() {
        let mut unit = Unit::plain(subject.to_string());
        unit.location = location.clone();
        unit.location.insert("part".into(), Value::from("subject"));
        units.push(unit);
    }
    for (index, mut unit) in body_units(message, raw).into_iter().enumerate() {
        unit.location.extend(location.clone());
        unit.location.insert("part".into(), Value::from(index + 1));
        units.push(unit);
    }
    if depth >= MAX_NESTING {
        return;
    }
    for (index, attachment) in message.attachments().enumerate() {
        let mut attached_location = location.clone();
        attached_location.insert("attachment".into(), Value::from(index + 1));
        if let Some(name) = attachment.attachment_name() {
            attached_location.insert("attachment_name".into(), Value::from(name));
        }
        match &attachment.body {
            PartType::Message(nested) => {
                message_units(
                    nested,
                    nested.raw_message(),
                    &attached_location,
                    depth + 1,
                    units,
                );
            }
            PartType::Text(_) | PartType::Html(_) => {
                if let Some(mut unit) = part_unit(attachment, raw) {
                    unit.line_base = 0;
                    unit.location.extend(attached_location);
                    units.push(unit);
                }
            }
            PartType::Binary(_) | PartType::InlineBinary(_) => {
                attached_file_units(attachment, &attached_location, units);
            }
            _ => {}
        }
    }
}

/// The units of a message's body. With both a plain and an HTML alternative, the plain
/// text is read when it says what the HTML says; the HTML alone when the plain part is
/// a stub ("Bitte HTML aktivieren") or much shorter; both when they carry different
/// text (the HTML unit is marked `alternative: "html"`, and a finding it shares with
/// the plain text is reported once).
fn body_units(message: &Message<'_>, raw: &[u8]) -> Vec<Unit> {
    let plain: Vec<Unit> = message
        .text_bodies()
        .filter_map(|part| part_unit(part, raw))
        .collect();
    let plain_is_html = message
        .text_bodies()
        .any(|part| matches!(part.body, PartType::Html(_)));
    let html: Vec<Unit> = message
        .html_bodies()
        .filter(|part| matches!(part.body, PartType::Html(_)))
        .filter_map(|part| part_unit(part, raw))
        .collect();
    if html.is_empty() || plain_is_html {
        return plain;
    }
    let chars = |units: &[Unit]| -> usize {
        units
            .iter()
            .map(|unit| unit.text.trim().chars().count())
            .sum()
    };
    let (plain_chars, html_chars) = (chars(&plain), chars(&html));
    if plain_chars < STUB_CHARS || plain_chars * 2 < html_chars {
        return html;
    }
    let words = |units: &[Unit]| -> Vec<String> {
        units
            .iter()
            .flat_map(|unit| unit.text.split(|c: char| !c.is_alphanumeric()))
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    if words(&plain) == words(&html) {
        return plain;
    }
    plain
        .into_iter()
        .chain(html.into_iter().map(|mut unit| {
            unit.location
                .insert(ALTERNATIVE.into(), Value::from("html"));
            unit
        }))
        .collect()
}

/// Location key of a body unit read in addition to the plain text: its findings count
/// only where the plain text does not have them.
pub const ALTERNATIVE: &str = "alternative";

/// Units of an attached PDF, Word, OpenDocument or HTML file, or of an attached scan or
/// photo (PNG, JPEG, TIFF, WebP), read by the same readers as files on disk: a scanned
/// PDF or an image is recognized by OCR unless it is switched off (`--ocr never`, or a
/// build without OCR), and then left unread like any attachment formlos cannot read.
/// Lines count within the attachment's own text.
fn attached_file_units(
    attachment: &MessagePart<'_>,
    location: &BTreeMap<String, Value>,
    units: &mut Vec<Unit>,
) {
    let bytes = attachment.contents();
    let by_name = attachment
        .attachment_name()
        .and_then(|name| Format::of_path(std::path::Path::new(name)));
    let format = by_name
        .map(|format| format.confirmed(bytes))
        .or_else(|| Format::sniff(bytes));
    let Some(format @ (Format::Pdf | Format::Docx | Format::Odt | Format::Html | Format::Image)) =
        format
    else {
        return;
    };
    // A logo or a signature picture is not a letter; recognizing it would only cost time.
    if format == Format::Image && !super::ocr::could_be_a_page(bytes) {
        return;
    }
    let Ok(document) = super::extract(format, bytes) else {
        return;
    };
    for mut unit in document.units {
        unit.line_base = 0;
        unit.location.extend(location.clone());
        unit.location
            .insert("line_in".into(), Value::from("attachment"));
        units.push(unit);
    }
}

/// A unit for a text or HTML part; lines count in the raw file when the part is stored
/// verbatim there.
fn part_unit(part: &MessagePart<'_>, raw: &[u8]) -> Option<Unit> {
    let (content_type, mut unit) = match &part.body {
        PartType::Text(text) => ("text/plain", Unit::plain(text.to_string())),
        PartType::Html(source) => {
            let (visible, to_source) = html::extract(source).ok()?;
            (
                "text/html",
                Unit::derived(visible, to_source, source.to_string()),
            )
        }
        _ => return None,
    };
    let body = raw.get(part.offset_body as usize..part.offset_end as usize);
    let verbatim = part.encoding == Encoding::None
        && body.is_some_and(|body| body.starts_with(unit.source().as_bytes()));
    if verbatim {
        unit.line_base = raw[..part.offset_body as usize]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
    } else {
        unit.location.insert("line_in".into(), Value::from("part"));
    }
    unit.location
        .insert("content_type".into(), Value::from(content_type));
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_latin1_body_and_encoded_subject() {
        let raw = b"From: Jobcenter <jobcenter@jobcenter-ge.de>\r\nSubject: =?ISO-8859-1?Q?Ihre_Anfrage_=FCber_E-Mail?=\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nAnfragen per E-Mail werden nicht mehr ber=FCcksichtigt.\r\n";
        let document = extract(raw).unwrap_or_else(|e| panic!("{e:?}"));
        let texts: Vec<&str> = document.units.iter().map(|u| u.text.trim_end()).collect();
        assert_eq!(
            texts,
            [
                "Ihre Anfrage über E-Mail",
                "Anfragen per E-Mail werden nicht mehr berücksichtigt."
            ]
        );
        assert_eq!(document.units[1].location["line_in"], "part");
        assert_eq!(
            document.units[1].location["from"],
            "Jobcenter <jobcenter@jobcenter-ge.de>"
        );
    }

    #[test]
    fn verbatim_parts_count_lines_in_the_file() {
        let raw = b"From: a@b.de\nSubject: Test\nContent-Type: text/plain; charset=utf-8\n\nErste Zeile.\nFaxe werden nicht mehr angenommen.\n";
        let document = extract(raw).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(document.units[1].line_base, 4);
        assert!(!document.units[1].location.contains_key("line_in"));
    }

    #[test]
    fn html_only_messages_are_read_as_visible_text() {
        let raw = b"Subject: x\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHTML aktivieren.\n--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\nPHA+RS1NYWlscyB3ZXJkZW4gPGI+bmljaHQ8L2I+IGJlYXJiZWl0ZXQuPC9wPg==\n--b--\n";
        let document = extract(raw).unwrap_or_else(|e| panic!("{e:?}"));
        let body = &document.units[1];
        assert_eq!(body.text.trim(), "E-Mails werden nicht bearbeitet.");
        assert_eq!(body.location["content_type"], "text/html");
    }

    fn alternative(plain: &str, html: &str) -> Document {
        let raw = format!(
            "Subject: x\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n--b\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b--\n"
        );
        extract(raw.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn a_stub_or_much_shorter_plain_part_gives_way_to_the_html() {
        let html = "<p>Sehr geehrte Frau Muster, vielen Dank für Ihre Nachricht. E-Mails werden ab dem 1. Oktober nicht mehr bearbeitet. Bitte nutzen Sie das Portal.</p>";
        let stub = "Diese Nachricht enthält HTML. Bitte öffnen Sie sie in einem Programm, das HTML anzeigen kann.";
        let document = alternative(stub, html);
        let bodies: Vec<&str> = document.units[1..]
            .iter()
            .map(|u| u.location["content_type"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(bodies, ["text/html"]);
        let short = alternative(
            "Sehr geehrte Frau Muster, vielen Dank für Ihre Nachricht.",
            html,
        );
        assert_eq!(short.units[1].location["content_type"], "text/html");
        assert_eq!(short.units.len(), 2);
    }

    #[test]
    fn different_alternatives_are_both_read_and_equal_ones_once() {
        let plain = "Sehr geehrte Frau Muster, vielen Dank für Ihre Nachricht. Faxe werden nicht mehr angenommen. Wir melden uns bald. Mit freundlichen Grüßen";
        let same = alternative(plain, &format!("<p>{plain}</p>"));
        assert_eq!(same.units.len(), 2);
        let different = alternative(
            plain,
            "<p>Sehr geehrte Frau Muster, vielen Dank für Ihre Nachricht. E-Mails werden nicht mehr bearbeitet. Wir melden uns bald. Mit freundlichen Grüßen</p>",
        );
        assert_eq!(different.units.len(), 3);
        assert_eq!(different.units[2].location[ALTERNATIVE], "html");
    }

    #[test]
    fn attached_documents_are_read() {
        // base64 of "<p>Faxe werden nicht mehr angenommen.</p>"
        let html = "PHA+RmF4ZSB3ZXJkZW4gbmljaHQgbWVociBhbmdlbm9tbWVuLjwvcD4=";
        let raw = format!(
            "Subject: Anlage\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSiehe Anlage.\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"hinweis.html\"\nContent-Transfer-Encoding: base64\n\n{html}\n--b--\n"
        );
        let document = extract(raw.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        let attached = document
            .units
            .iter()
            .find(|u| {
                u.location
                    .get("attachment_name")
                    .is_some_and(|n| n == "hinweis.html")
            })
            .unwrap_or_else(|| panic!("no attachment unit: {:?}", document.units));
        assert_eq!(attached.text.trim(), "Faxe werden nicht mehr angenommen.");
        assert_eq!(attached.location["line_in"], "attachment");
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        assert!(extract(b"").is_err());
    }
}
