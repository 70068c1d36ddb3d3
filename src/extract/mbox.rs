//! mbox archives (mboxo and mboxrd), split into messages while reading, so that an
//! archive of many gigabytes is never held in memory whole.
//!
//! A message starts at a line beginning with `From ` at the start of the file or after
//! an empty line. Lines quoted as `>From ` (mboxrd, `>>From ` …) lose one `>`.

use std::io::{self, BufRead};

/// One message of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MboxMessage {
    /// 1-based position in the archive.
    pub index: usize,
    /// Line of the archive on which the message's headers start (after the `From ` line).
    pub first_line: usize,
    pub bytes: Vec<u8>,
}

/// Messages of an mbox archive, read line by line.
pub struct MboxMessages<R> {
    reader: R,
    line: Vec<u8>,
    /// Lines read so far.
    line_number: usize,
    /// The `From ` line of the next message has been read.
    at_separator: bool,
    previous_blank: bool,
    index: usize,
    done: bool,
}

impl<R: BufRead> MboxMessages<R> {
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            line: Vec::new(),
            line_number: 0,
            at_separator: false,
            previous_blank: true,
            index: 0,
            done: false,
        }
    }

    /// Reads the next line into `self.line`; false at the end.
    fn read_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        let read = self.reader.read_until(b'\n', &mut self.line)?;
        if read > 0 {
            self.line_number += 1;
        }
        Ok(read > 0)
    }

    /// `From sender Www Mmm dd hh:mm:ss yyyy` after an empty line (or at the start): a
    /// body line that merely begins with "From " is not a separator.
    fn is_separator(&self) -> bool {
        const WEEKDAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
        let Some(rest) = self.line.strip_prefix(b"From ") else {
            return false;
        };
        let mut fields = rest.split(|b| *b == b' ').filter(|field| !field.is_empty());
        let has_weekday = fields.nth(1).is_some_and(|day| WEEKDAYS.contains(&day));
        self.previous_blank && has_weekday
    }
}

/// Undoes mboxrd quoting: `>From ` -> `From `, `>>From ` -> `>From `.
fn unquote(line: &[u8]) -> &[u8] {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    if quotes > 0 && line[quotes..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

impl<R: BufRead> Iterator for MboxMessages<R> {
    type Item = io::Result<MboxMessage>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Find the first separator (text before it is not a message).
        while !self.at_separator {
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
            self.at_separator = self.is_separator();
            self.previous_blank = self.line.iter().all(u8::is_ascii_whitespace);
        }
        self.at_separator = false;
        self.index += 1;
        let first_line = self.line_number + 1;
        let mut bytes = Vec::new();
        self.previous_blank = false;
        loop {
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
            if self.is_separator() {
                self.at_separator = true;
                break;
            }
            self.previous_blank = self.line.iter().all(u8::is_ascii_whitespace);
            bytes.extend_from_slice(unquote(&self.line));
        }
        Some(Ok(MboxMessage {
            index: self.index,
            first_line,
            bytes,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_messages_and_unquotes_from_lines() {
        let archive = b"From a@b Mon Jan 1 00:00:00 2026\nSubject: eins\n\nText\n>From here\n\nFrom c@d Tue Jan 2 00:00:00 2026\nSubject: zwei\n\nFrom the start this is body text.\n";
        let messages: Vec<MboxMessage> = MboxMessages::new(&archive[..])
            .filter_map(Result::ok)
            .collect();
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].first_line, 2);
        assert_eq!(messages[0].bytes, b"Subject: eins\n\nText\nFrom here\n\n");
        assert_eq!(messages[1].index, 2);
        assert_eq!(messages[1].first_line, 8);
        assert!(
            messages[1]
                .bytes
                .ends_with(b"From the start this is body text.\n")
        );
    }

    #[test]
    fn text_without_separator_has_no_messages() {
        assert_eq!(MboxMessages::new(&b"no mbox here\n"[..]).count(), 0);
    }
}
