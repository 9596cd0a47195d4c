//! What mokuhyo writes to the terminal, in the terminal's encoding. Most terminals are UTF-8,
//! but an old Unix terminal set to `ja_JP.eucJP` or `ja_JP.SJIS`, and Windows' console on code
//! page 932, show UTF-8 Japanese as mojibake: there the messages are encoded as the terminal
//! reads them (a character the encoding lacks becomes `&#…;`, as `encoding_rs` writes it).
//!
//! The binary prints with [`outln!`](crate::outln) and [`errln!`](crate::errln); the server's
//! log writes its lines with [`write_stderr`].

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_8};
use std::io::Write;
use std::sync::OnceLock;

/// The terminal's encoding, found once.
pub fn encoding() -> &'static Encoding {
    static FOUND: OnceLock<&'static Encoding> = OnceLock::new();
    FOUND.get_or_init(|| windows_console().unwrap_or_else(|| of_locale(locale_ctype().as_deref())))
}

/// The locale that decides the character set: `LC_ALL`, `LC_CTYPE`, `LANG`, the first set
/// (as POSIX orders them).
fn locale_ctype() -> Option<String> {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
}

/// The encoding a locale name says (`ja_JP.eucJP`, `ja_JP.SJIS`, `ja_JP.UTF-8`); UTF-8 for
/// any other, and without one.
pub fn of_locale(locale: Option<&str>) -> &'static Encoding {
    let Some(codeset) = locale.and_then(|l| l.split_once('.')).map(|(_, c)| c) else {
        return UTF_8;
    };
    let codeset: String = (codeset.split('@').next().unwrap_or_default().chars())
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match codeset.as_str() {
        "eucjp" | "ujis" => EUC_JP,
        "sjis" | "shiftjis" | "cp932" | "windows31j" | "pck" => SHIFT_JIS,
        _ => UTF_8,
    }
}

/// Windows' console on code page 932 (Japanese) reads Shift_JIS.
#[cfg(windows)]
fn windows_console() -> Option<&'static Encoding> {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleOutputCP() -> u32;
    }
    // SAFETY: takes nothing and only reads the console's state.
    let page = unsafe { GetConsoleOutputCP() };
    (page == 932).then_some(SHIFT_JIS)
}

#[cfg(not(windows))]
fn windows_console() -> Option<&'static Encoding> {
    None
}

/// `text` as the terminal reads it.
pub fn encoded(text: &str) -> std::borrow::Cow<'_, [u8]> {
    let (bytes, _, _) = encoding().encode(text);
    bytes
}

/// Writes `text` to stdout in the terminal's encoding. A reader that has gone ends the
/// program quietly ([`write_stdout_bytes`]); any other failure loses the text and stops nothing.
pub fn write_stdout(text: &str) {
    let _ = write_stdout_bytes(&encoded(text));
}

/// Writes `bytes` to stdout as they are (a table, JSON, a script). When the reader has gone
/// (`mokuhyo data … | head`), the program ends here, quietly and with status 0, as `cat` and
/// ripgrep do: there is no one left to tell anything, and nothing more to give them. Rust
/// ignores `SIGPIPE`, so without this the write would fail and be reported as an error, or
/// panic in `println!`.
pub fn write_stdout_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = out.write_all(bytes).and_then(|()| out.flush());
    match written {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        written => written,
    }
}

/// Writes `text` to stderr in the terminal's encoding.
pub fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(&encoded(text));
}

/// `println!`, in the terminal's encoding.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::console::write_stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!`, in the terminal's encoding.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::console::write_stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_says_the_terminals_encoding() {
        assert_eq!(of_locale(Some("ja_JP.eucJP")), EUC_JP);
        assert_eq!(of_locale(Some("ja_JP.EUC-JP")), EUC_JP);
        assert_eq!(of_locale(Some("ja_JP.ujis")), EUC_JP);
        assert_eq!(of_locale(Some("ja_JP.SJIS")), SHIFT_JIS);
        assert_eq!(of_locale(Some("ja_JP.Shift_JIS")), SHIFT_JIS);
        assert_eq!(of_locale(Some("ja_JP.UTF-8")), UTF_8);
        assert_eq!(of_locale(Some("ja_JP.utf8@cjknarrow")), UTF_8);
        assert_eq!(of_locale(Some("C")), UTF_8);
        assert_eq!(of_locale(None), UTF_8);
    }
}
