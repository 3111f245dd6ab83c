//! A file's bytes as text: UTF-8 (with or without a byte order mark), or
//! else Windows-1252 (what Word and Notepad on a council's PCs write when
//! they do not write UTF-8), said so in the report; refused when it is
//! empty, too large, or not text at all.

use super::ImportError;

/// The largest file read: a plan's text is well under a megabyte (the
/// seeds are 30–120 KB), so this leaves room and refuses a disc image.
pub const MAX_BYTES: u64 = 20 << 20;

/// The text and how it was read ("UTF-8", "Windows-1252 …").
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_BYTES,
        });
    }
    // A NUL or a run of other control characters is a binary file, not
    // text in an unexpected encoding.
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(ImportError::NotText { at: at as u64 });
    }
    let controls = bytes
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 100 > bytes.len().max(1) {
        let at = bytes
            .iter()
            .position(|b| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
            .unwrap_or(0);
        return Err(ImportError::NotText { at: at as u64 });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_owned(), "UTF-8"),
        Err(_) => {
            let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (
                t.into_owned(),
                "Windows-1252 (the file is not UTF-8; check its accented letters, £ and quotes)",
            )
        }
    };
    // One kind of line ending, and no form feeds (page breaks of a text
    // copied out of a PDF).
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{c}'], "\n");
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_windows_1252_are_read_and_binary_refused() {
        let d = decode("\u{feff}£5 – “quoted”\r\nnext".as_bytes()).unwrap();
        assert_eq!(d.text, "£5 – “quoted”\nnext");
        assert_eq!(d.encoding, "UTF-8");
        let d = decode(b"\xA35 \x96 \x93quoted\x94").unwrap();
        assert_eq!(d.text, "£5 – “quoted”");
        assert!(d.encoding.starts_with("Windows-1252"));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x01"),
            Err(ImportError::NotText { at: 4 })
        ));
        assert!(matches!(decode(b" \n\t\r\n"), Err(ImportError::Empty)));
        assert!(matches!(
            decode(&vec![b'a'; (MAX_BYTES + 1) as usize]),
            Err(ImportError::TooLarge { .. })
        ));
    }
}
