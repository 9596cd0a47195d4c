//! Reading a sheet file's text, whatever editor on the office PC saved it.
//!
//! - UTF-8, with or without a BOM (メモ帳 writes one), is read as it is.
//! - UTF-16 with a BOM (メモ帳's "Unicode") is decoded.
//! - Shift_JIS / CP932 (メモ帳's "ANSI" on Japanese Windows, Excel's CSV) is decoded when every
//!   byte decodes, half-width katakana included, unless the same bytes are sound EUC-JP as well
//!   and the Shift_JIS reading has half-width katakana (what EUC-JP kanji turn into when misread);
//!   the reader is warned, so the file can be saved as UTF-8. Anything else is refused with the
//!   place of the first bad byte: a guess that could print mojibake in a PDF is never made.
//!
//! Line ends are normalised to LF (CRLF and a lone CR), so line and column numbers are those
//! any editor shows.

use crate::sheet::problem::FileKind;
use crate::sheet::problem::Kind;
use encoding_rs::{DecoderResult, EUC_JP, Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE};

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
    /// The text before the first bad byte (for the line and column).
    pub valid_prefix: String,
    pub kind: Kind,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, Box<Undecodable>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    for (bom, encoding, name) in [
        (b"\xFF\xFE", UTF_16LE, "UTF-16LE"),
        (b"\xFE\xFF", UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return strictly(encoding, rest)
                .map(|text| Decoded {
                    text,
                    encoding: Some(name),
                })
                .map_err(|Before(valid_prefix)| {
                    Box::new(Undecodable {
                        valid_prefix,
                        kind: Kind::Files(FileKind::BrokenUtf16 {
                            encoding: name.to_string(),
                        }),
                    })
                });
        }
    }
    let not_utf8 = match utf8(bytes) {
        Ok(decoded) => return Ok(decoded),
        Err(undecodable) => undecodable,
    };
    match strictly(SHIFT_JIS, bytes) {
        Ok(text) if !ambiguous(&text, bytes) => Ok(Decoded {
            text,
            encoding: Some("Shift_JIS (CP932)"),
        }),
        Ok(_) => Err(not_utf8),
        // Where the file stops being Shift_JIS, if it got further as Shift_JIS than as UTF-8:
        // the place of the bad byte in a Shift_JIS file.
        Err(Before(prefix)) if prefix.len() > not_utf8.valid_prefix.len() && japanese(&prefix) => {
            Err(Box::new(Undecodable {
                valid_prefix: prefix,
                kind: Kind::Files(FileKind::BadShiftJisByte),
            }))
        }
        Err(_) => Err(not_utf8),
    }
}

/// The text decoded before the first byte that is not of an encoding.
struct Before(String);

/// `bytes` decoded as `encoding` when every byte is of it; else the text before the first
/// byte that is not.
fn strictly(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, Before> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX / 2);
    let mut text = String::with_capacity(room);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(normalize_line_ends(&text)),
        // The string was sized for every outcome; a full output cannot happen.
        DecoderResult::Malformed(..) | DecoderResult::OutputFull => {
            Err(Before(normalize_line_ends(&text)))
        }
    }
}

/// Whether text read as Shift_JIS has Japanese in it (kana, kanji, full-width forms): then the
/// file is Shift_JIS, and its bad byte is where Shift_JIS stops, not where UTF-8 does.
fn japanese(text: &str) -> bool {
    text.chars().any(|c| c >= '\u{3000}')
}

/// Whether Shift_JIS text could as well be EUC-JP misread: it has half-width katakana (what
/// EUC-JP's kanji turn into when read as Shift_JIS) and the same bytes are sound EUC-JP too.
/// Real Shift_JIS text with half-width katakana (ﾃﾞｼﾞﾀﾙ) almost always has hiragana or kanji
/// too, whose bytes EUC-JP cannot read, so it is not ambiguous.
fn ambiguous(text: &str, bytes: &[u8]) -> bool {
    let half_width_kana = text.chars().any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c));
    half_width_kana && strictly(EUC_JP, bytes).is_ok()
}

fn utf8(bytes: &[u8]) -> Result<Decoded, Box<Undecodable>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: normalize_line_ends(text),
            encoding: None,
        }),
        Err(err) => Err(Box::new(Undecodable {
            valid_prefix: String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned(),
            kind: Kind::Files(FileKind::NotText),
        })),
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
    fn shift_jis_with_half_width_katakana_is_read() {
        // division = "総務課ﾃﾞｼﾞﾀﾙ推進" in CP932.
        let mut bytes = b"division = \"".to_vec();
        bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB]);
        bytes.extend_from_slice(&[0xC3, 0xDE, 0xBC, 0xDE, 0xC0, 0xD9]);
        bytes.extend_from_slice(&[0x90, 0x84, 0x90, 0x69]);
        bytes.extend_from_slice(b"\"\r\n");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "division = \"総務課ﾃﾞｼﾞﾀﾙ推進\"\n");
    }

    #[test]
    fn a_bad_byte_in_shift_jis_is_found_where_it_is() {
        // Line 2 is good Shift_JIS; line 3 has 0xFF after two kanji.
        let mut bytes = b"a = 1\nb = \"".to_vec();
        bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1]);
        bytes.extend_from_slice(b"\"\nc = \"");
        bytes.extend_from_slice(&[0x91, 0x8D, 0x96, 0xB1, 0xFF]);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err.valid_prefix, "a = 1\nb = \"総務\"\nc = \"総務");
    }

    #[test]
    fn a_lone_surrogate_in_utf16_is_found_where_it_is() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "a = 1\nb = \"課".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&(b'x' as u16).to_le_bytes());
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err.valid_prefix, "a = 1\nb = \"課");
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
        assert!(err.kind.to_string().contains("UTF-8"), "{:?}", err.kind);
        // Bytes that are no text at all.
        let mut bytes = b"a = 1\nb = ".to_vec();
        bytes.extend_from_slice(&[0x80, 0xFF, 0xFE]);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err.valid_prefix, "a = 1\nb = ");
    }
}
