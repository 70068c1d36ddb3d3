//! Plain text in any encoding a letter arrives in: UTF-8 (with or without BOM),
//! UTF-16 with BOM, and legacy single-byte encodings (Windows-1252, ISO-8859-15) found by
//! a maintained detector. Line and column numbers refer to the decoded text, which is
//! what an editor shows.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_8859_15, WINDOWS_1252};

use super::ExtractError;

/// Decoded text and the name of the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes bytes to text. NUL bytes outside UTF-16 mark a binary file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ExtractError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        if had_errors && encoding != encoding_rs::UTF_8 {
            return Err(ExtractError::Binary);
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if bytes.contains(&0) {
        return Err(ExtractError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: encoding_rs::UTF_8.name(),
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(Some(b"de"), Utf8Detection::Allow);
    // chardetng never proposes ISO-8859-15; its Euro sign (0xA4) reads as "¤" in
    // Windows-1252. A "¤" next to a digit is a Euro amount.
    if encoding == WINDOWS_1252 && euro_as_currency_sign(bytes) {
        encoding = ISO_8859_15;
    }
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(ExtractError::NotText(encoding.name()));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

fn euro_as_currency_sign(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|pair| match pair {
        [0xA4, next] => next.is_ascii_digit() || *next == b' ',
        [previous, 0xA4] => previous.is_ascii_digit(),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFHallo").map(|d| d.text),
            Ok("Hallo".into())
        );
        assert_eq!(decode("Größe".as_bytes()).map(|d| d.encoding), Ok("UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Fax geht".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&bytes),
            Ok(Decoded {
                text: "Fax geht".into(),
                encoding: "UTF-16LE"
            })
        );
    }

    #[test]
    fn windows_1252_and_iso_8859_15() {
        let cp1252 =
            b"Anfragen per E-Mail werden nicht mehr ber\xfccksichtigt. \x84Gr\xfc\xdfe\x93";
        let decoded = decode(cp1252);
        assert_eq!(
            decoded,
            Ok(Decoded {
                text: "Anfragen per E-Mail werden nicht mehr berücksichtigt. „Grüße“".into(),
                encoding: "windows-1252"
            })
        );
        let latin9 = b"Geb\xfchr: 20 \xa4 f\xfcr die Kopie";
        assert_eq!(
            decode(latin9).map(|d| (d.text, d.encoding)),
            Ok(("Gebühr: 20 € für die Kopie".into(), "ISO-8859-15"))
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(decode(b"a\0b"), Err(ExtractError::Binary));
    }
}
