//! Plain text: UTF-8, with or without byte order mark.

use super::ExtractError;

/// Decodes UTF-8, dropping a byte order mark. NUL bytes mark a binary file.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, ExtractError> {
    if bytes.contains(&0) {
        return Err(ExtractError::Binary);
    }
    // Editors do not show the byte order mark, so columns are counted without it.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| ExtractError::NotUtf8(e.utf8_error().valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_rejects_binary_and_invalid_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFHallo".to_vec()), Ok("Hallo".into()));
        assert_eq!(decode(b"a\0b".to_vec()), Err(ExtractError::Binary));
        assert_eq!(
            decode(b"Gr\xF6\xDFe".to_vec()),
            Err(ExtractError::NotUtf8(2))
        );
    }
}
