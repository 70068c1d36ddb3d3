//! Markdown: the text of paragraphs, headings, list items and tables, without markup.
//!
//! Markup is replaced by spaces (and table cell separators by line breaks) byte for byte,
//! so every offset in the result is the same offset in the Markdown source and findings
//! point at the right line and column without an offset map.

/// Returns `source` with code, comments, HTML tags, link targets and markup characters
/// blanked out. Mail-merge placeholders ({{ x }}, ${x}, «x», [[x]], %x%) stay as words.
pub fn strip(source: &str) -> String {
    let mut out: Vec<u8> = source.as_bytes().to_vec();
    let mut in_fence: Option<&str> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let range = offset..offset + line.len();
        offset += line.len();
        let trimmed = line.trim_start();
        let fence = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f));
        match (in_fence, fence) {
            (None, Some(f)) => {
                in_fence = Some(f);
                blank(&mut out, range);
                continue;
            }
            (Some(open), Some(f)) if open == f => {
                in_fence = None;
                blank(&mut out, range);
                continue;
            }
            (Some(_), _) => {
                blank(&mut out, range);
                continue;
            }
            _ => {}
        }
        strip_line(source, range, &mut out);
    }
    blank_between(source, &mut out, "<!--", "-->");
    // Only ASCII bytes were replaced by ASCII bytes, so the result stays valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Replaces every byte of `range` except line ends by a space (keeps UTF-8 valid because
/// whole characters are replaced).
fn blank(out: &mut [u8], range: std::ops::Range<usize>) {
    for byte in &mut out[range] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
}

fn blank_between(source: &str, out: &mut [u8], open: &str, close: &str) {
    let mut from = 0;
    while let Some(start) = source[from..].find(open).map(|i| from + i) {
        let end = source[start..]
            .find(close)
            .map_or(source.len(), |i| start + i + close.len());
        blank(out, start..end);
        from = end;
    }
}

fn strip_line(source: &str, range: std::ops::Range<usize>, out: &mut [u8]) {
    let line = &source[range.clone()];
    let start = range.start;
    let indent = line.len() - line.trim_start().len();
    let body = &line[indent..];

    // Heading markers go. Block-quote markers stay: the normalizer strips them like the
    // reply markers of an e-mail and marks the lines as quoted, because a `>` in a forum
    // post or a blog is almost always someone else's letter being quoted.
    let marker_len = if body.starts_with('#') {
        body.len() - body.trim_start_matches('#').len()
    } else {
        0
    };
    blank(out, start + indent..start + indent + marker_len);

    // Tables: a separator row disappears, cell bars end sentences like line breaks.
    let is_table_row = body.trim_end().starts_with('|') || body.matches('|').count() >= 2;
    if is_table_row {
        let is_separator = body
            .trim()
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if is_separator {
            blank(out, range);
            return;
        }
        for (i, c) in line.char_indices() {
            if c == '|' {
                out[start + i] = b'\n';
            }
        }
    }

    let bytes = line.as_bytes();
    let mut i = indent + marker_len;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let close = line[i + 1..].find('`').map(|j| i + 1 + j);
                let end = close.map_or(i + 1, |c| c + 1);
                blank(out, start + i..start + end);
                i = end;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                let end = link_end(line, i + 1).unwrap_or(i + 1);
                blank(out, start + i..start + end);
                i = end.max(i + 1);
            }
            b'[' if bytes.get(i + 1) != Some(&b'[') => {
                if let Some(end) = link_end(line, i) {
                    let text_end = line[i..].find("](").map_or(i, |j| i + j);
                    out[start + i] = b' ';
                    blank(out, start + text_end..start + end);
                    i = end;
                } else {
                    i += 1;
                }
            }
            b'<' => {
                let is_tag = bytes
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/');
                match line[i..].find('>').filter(|_| is_tag) {
                    Some(j) => {
                        blank(out, start + i..start + i + j + 1);
                        i += j + 1;
                    }
                    None => i += 1,
                }
            }
            b'*' | b'_' | b'~' if is_emphasis_marker(bytes, i) => {
                out[start + i] = b' ';
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// End (exclusive) of an inline link `[text](target)` starting at `open`.
fn link_end(line: &str, open: usize) -> Option<usize> {
    let close = line[open..].find("](")? + open;
    let target_end = line[close + 2..].find(')')? + close + 2;
    Some(target_end + 1)
}

/// Emphasis markers touch a word on one side only; `snake_case` keeps its underscore.
fn is_emphasis_marker(bytes: &[u8], i: usize) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    let before = word(i.checked_sub(1).and_then(|j| bytes.get(j)));
    let after = word(bytes.get(i + 1));
    let is_list_bullet = bytes[i] == b'*'
        && bytes.get(i + 1) == Some(&b' ')
        && bytes[..i].iter().all(|b| *b == b' ');
    !(is_list_bullet || before && after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_offsets_and_removes_markup() {
        let source = "# Kontakt\n\nE-Mails werden **nicht** mehr [bearbeitet](https://x.de).\n\n```\nnur Code\n```\n";
        let text = strip(source);
        assert_eq!(text.len(), source.len());
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Kontakt",
                "E-Mails",
                "werden",
                "nicht",
                "mehr",
                "bearbeitet",
                "."
            ]
        );
        assert_eq!(text.find("bearbeitet"), source.find("bearbeitet"));
        assert!(!text.contains("nur Code"));
        assert!(text.starts_with("  Kontakt"));
    }

    #[test]
    fn tables_and_placeholders() {
        let text = strip("| Kanal | Hinweis |\n|---|---|\n| E-Mail | {{ anrede }} |\n");
        assert!(text.contains("\n E-Mail \n {{ anrede }} \n"));
        assert!(!text.contains("---"));
    }
}
