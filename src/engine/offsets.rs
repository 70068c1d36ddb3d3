//! Offset maps: every transformation of text (decoding, extraction, normalization)
//! records where each output byte came from, so that a finding in the transformed text
//! can be reported at the line and column a person sees in the original file.

use std::cell::Cell;

/// A monotonic map from byte offsets in a derived text to byte offsets in its origin.
///
/// Stored as runs: each entry `(derived, origin)` starts a stretch in which both texts
/// advance together byte for byte. Replacements of different length and deletions simply
/// start a new run, so a position inside a replaced piece maps to the piece's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    runs: Vec<(usize, usize)>,
}

impl Default for OffsetMap {
    fn default() -> Self {
        Self::identity()
    }
}

impl OffsetMap {
    /// The map of a text that is its own origin.
    pub fn identity() -> Self {
        Self { runs: vec![(0, 0)] }
    }

    /// Maps a derived offset to its origin offset.
    pub fn map(&self, derived: usize) -> usize {
        let index = self.runs.partition_point(|&(d, _)| d <= derived);
        let (d, o) = self.runs[index.saturating_sub(1)];
        o + derived.saturating_sub(d)
    }

    /// The map `derived -> origin` of two steps: `self` maps derived to middle offsets,
    /// `inner` maps middle to origin offsets.
    pub fn then(&self, inner: &OffsetMap) -> OffsetMap {
        let mut runs: Vec<(usize, usize)> = Vec::with_capacity(self.runs.len() + inner.runs.len());
        for (i, &(derived, middle)) in self.runs.iter().enumerate() {
            let middle_end = self
                .runs
                .get(i + 1)
                .map_or(usize::MAX, |&(next, _)| middle + (next - derived));
            runs.push((derived, inner.map(middle)));
            let first_inner = inner.runs.partition_point(|&(m, _)| m <= middle);
            for &(m, origin) in inner.runs[first_inner..]
                .iter()
                .take_while(|&&(m, _)| m < middle_end)
            {
                runs.push((derived + (m - middle), origin));
            }
        }
        runs.dedup_by_key(|run| run.0);
        OffsetMap { runs }
    }
}

/// Builds a derived text together with its [`OffsetMap`].
#[derive(Debug, Default)]
pub struct MappedText {
    text: String,
    runs: Vec<(usize, usize)>,
}

impl MappedText {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            runs: Vec::new(),
        }
    }

    /// Appends `piece`, which stands for the origin text starting at `origin`.
    pub fn push(&mut self, piece: &str, origin: usize) {
        if piece.is_empty() {
            return;
        }
        let derived = self.text.len();
        let continues = self
            .runs
            .last()
            .is_some_and(|&(d, o)| derived - d == origin.wrapping_sub(o));
        if !continues {
            self.runs.push((derived, origin));
        }
        self.text.push_str(piece);
    }

    pub fn push_char(&mut self, c: char, origin: usize) {
        let mut buf = [0u8; 4];
        self.push(c.encode_utf8(&mut buf), origin);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn finish(mut self) -> (String, OffsetMap) {
        if self.runs.first().is_none_or(|&(d, _)| d != 0) {
            self.runs.insert(0, (0, 0));
        }
        (self.text, OffsetMap { runs: self.runs })
    }
}

/// Converts byte offsets of a source text into 1-based line and character column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The last position computed (offset, line, column): findings come in text order,
    /// so counting on from there keeps a document whose text is one long line linear.
    last: Cell<(usize, usize, usize)>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(source));
        Self {
            line_starts,
            last: Cell::new((0, 1, 1)),
        }
    }

    /// 1-based (line, column); columns count characters, not bytes, so umlauts count once.
    pub fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, column_there) = if last_line == line && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (self.line_starts[line - 1], 1)
        };
        let column = column_there + source[from..offset].chars().count();
        self.last.set((offset, line, column));
        (line, column)
    }

    /// Byte range of the 1-based line `line`, without its line ending.
    pub fn line_range(&self, source: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(source.len(), |&next| next - 1);
        let end = if end > start && source.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line - 1]
    }
}

fn memchr_newlines(source: &str) -> impl Iterator<Item = usize> + '_ {
    source
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The largest char boundary at or below `index`.
pub fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let map = OffsetMap::identity();
        assert_eq!(map.map(0), 0);
        assert_eq!(map.map(17), 17);
    }

    #[test]
    fn deletion_and_replacement_start_new_runs() {
        // origin: "a\u{ad}b„c" -> derived "ab\"c"
        let origin = "a\u{ad}b\u{201e}c";
        let mut out = MappedText::default();
        out.push("a", 0);
        out.push("b", 3); // soft hyphen (2 bytes) dropped
        out.push("\"", 4); // „ is 3 bytes
        out.push("c", 7);
        let (text, map) = out.finish();
        assert_eq!(text, "ab\"c");
        assert_eq!(map.map(0), 0);
        assert_eq!(map.map(1), 3);
        assert_eq!(map.map(2), 4);
        assert_eq!(map.map(3), 7);
        assert_eq!(&origin[map.map(3)..], "c");
    }

    #[test]
    fn composed_maps_equal_mapping_twice() {
        let mut first = MappedText::default(); // origin "xxab-cd" -> "abcd"
        first.push("ab", 2);
        first.push("cd", 5);
        let (_, inner) = first.finish();
        let mut second = MappedText::default(); // "abcd" -> "bd"
        second.push("b", 1);
        second.push("d", 3);
        let (_, outer) = second.finish();
        let composed = outer.then(&inner);
        for derived in 0..2 {
            assert_eq!(composed.map(derived), inner.map(outer.map(derived)));
        }
        assert_eq!(composed.map(1), 6);
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let source = "Zeile eins\nÄrger über E-Mail\r\nletzte";
        let index = LineIndex::new(source);
        let offset = source.find("E-Mail").unwrap_or_default();
        assert_eq!(index.position(source, offset), (2, 12));
        assert_eq!(&source[index.line_range(source, 2)], "Ärger über E-Mail");
        assert_eq!(index.position(source, source.len()), (3, 7));
        // Backwards after forwards, and again forwards: the cursor never changes results.
        assert_eq!(index.position(source, offset), (2, 12));
        assert_eq!(index.position(source, 0), (1, 1));
        assert_eq!(index.position(source, offset + 3), (2, 15));
    }
}
