//! Reading a sheet file's text, whatever editor on the office PC saved it.
//!
//! - UTF-8, with or without a BOM (メモ帳 writes one), is read as it is.
//! - UTF-16 with a BOM (メモ帳's "Unicode") is decoded.
//! - Shift_JIS / CP932 (メモ帳's "ANSI" on Japanese Windows, Excel's CSV) is decoded when every
//!   byte decodes and the text has none of the half-width katakana that other encodings (EUC-JP,
//!   Latin-1) turn into when misread as Shift_JIS; the reader is warned, so the file can be
//!   saved as UTF-8. Anything else is refused with a message that says so: a guess that could
//!   print mojibake in a PDF is never made.
//!
//! Line ends are normalised to LF (CRLF and a lone CR), so line and column numbers are those
//! any editor shows.

use encoding_rs::{SHIFT_JIS, UTF_16BE, UTF_16LE};

/// The text of a file, and how it was encoded when it was not UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `Some("Shift_JIS (CP932)")` when the file was not UTF-8.
    pub encoding: Option<&'static str>,
}

/// Why a file's bytes could not be read as text: the byte offset in the raw file where decoding
/// failed, and the advice to give.
#[derive(Debug, PartialEq, Eq)]
pub struct Undecodable {
    /// The text up to the first byte that is not UTF-8 (for the line and column).
    pub valid_prefix: String,
    pub message: String,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    for (bom, encoding, name) in [
        (b"\xFF\xFE", UTF_16LE, "UTF-16LE"),
        (b"\xFE\xFF", UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(Undecodable {
                    valid_prefix: String::new(),
                    message: format!("the file starts like {name} but is not: save it as UTF-8"),
                });
            }
            return Ok(Decoded {
                text: normalize_line_ends(&text),
                encoding: Some(name),
            });
        }
    }
    match utf8(bytes) {
        Ok(decoded) => Ok(decoded),
        Err(undecodable) => {
            let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
            let half_width_kana = text.chars().any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c));
            if had_errors || half_width_kana {
                Err(undecodable)
            } else {
                Ok(Decoded {
                    text: normalize_line_ends(&text),
                    encoding: Some("Shift_JIS (CP932)"),
                })
            }
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: normalize_line_ends(text),
            encoding: None,
        }),
        Err(err) => Err(Undecodable {
            valid_prefix: String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned(),
            message: "the file is neither UTF-8 nor Shift_JIS text, so its characters cannot be \
                      read without guessing: save it as UTF-8 \
                      (メモ帳: 名前を付けて保存 → 文字コード UTF-8)"
                .to_string(),
        }),
    }
}

fn normalize_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_bom_and_crlf_reads_as_plain_text() {
        let decoded = decode("\u{FEFF}a = \"東区\"\r\nb = 1\r".as_bytes()).unwrap();
        assert_eq!(decoded.text, "a = \"東区\"\nb = 1\n");
        assert_eq!(decoded.encoding, None);
    }

    #[test]
    fn shift_jis_is_decoded_and_said_so() {
        // division = "総務課" in Shift_JIS, with CRLF.
        let mut bytes = b"division = \"".to_vec();
        bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB]);
        bytes.extend_from_slice(b"\"\r\n");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "division = \"総務課\"\n");
        assert_eq!(decoded.encoding, Some("Shift_JIS (CP932)"));
        // CP932's own characters: ① (0x8740) and the NEC kanji 髙 (0xFBFC).
        let decoded = decode(&[0x87, 0x40, 0xFB, 0xFC]).unwrap();
        assert_eq!(decoded.text, "①髙");
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "課 = 1".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "課 = 1");
    }

    #[test]
    fn what_could_be_mojibake_is_refused() {
        // "総務課" in EUC-JP: valid Shift_JIS bytes too, but as half-width katakana.
        let euc = [0xC1, 0xED, 0xCC, 0xB3, 0xB2, 0xDD];
        let err = decode(&euc).unwrap_err();
        assert!(err.message.contains("UTF-8"), "{}", err.message);
        // Bytes that are no text at all.
        let mut bytes = b"a = 1\nb = ".to_vec();
        bytes.extend_from_slice(&[0x80, 0xFF, 0xFE]);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err.valid_prefix, "a = 1\nb = ");
    }
}
