//! Output files: safe names and atomic writes.
//!
//! A name comes from the data (a division's name), so it is made safe for Windows and Unix
//! whatever the data says; a PDF is written to a temporary file beside its target and renamed
//! into place only when complete, so a failed or killed build never leaves a truncated PDF nor
//! replaces a good one.

use std::io::{self, Write};
use std::path::Path;

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The most characters of data a file name keeps (well under 255 bytes in UTF-8).
const MAX_CHARS: usize = 60;

/// A single path component made from `name`: no separators, no characters Windows forbids,
/// no control characters, no leading or trailing dots or spaces, not a reserved device name,
/// never empty, `.` or `..`.
pub fn safe_component(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(MAX_CHARS)
        .collect();
    let trimmed = mapped.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut safe = if trimmed.is_empty() {
        "_".to_string()
    } else {
        trimmed.to_string()
    };
    let stem = safe.split('.').next().unwrap_or("").trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        safe.insert(0, '_');
    }
    safe
}

/// A division's file name, `01_地域課.toml` or `01_地域課.pdf`: its order (at least two
/// digits), its name and `extension`, made safe.
pub fn division_file(order: u32, division: &str, extension: &str) -> String {
    safe_component(&format!("{order:02}_{division}.{extension}"))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over `path`. On any error the temporary file is removed and `path` is as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mokuhyo-").suffix(".tmp");
    // A temporary file is private (0600) by default; the PDF is an ordinary document.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|err| err.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_data_are_safe_components() {
        assert_eq!(safe_component("地域課"), "地域課");
        assert_eq!(safe_component("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_component(".."), "_");
        assert_eq!(safe_component(" . "), "_");
        assert_eq!(safe_component(""), "_");
        assert_eq!(safe_component("a\\b:c*d?e\"f<g>h|i"), "a_b_c_d_e_f_g_h_i");
        assert_eq!(safe_component("tab\there\n"), "tab_here_");
        assert_eq!(safe_component("CON"), "_CON");
        assert_eq!(safe_component("nul.txt"), "_nul.txt");
        assert_eq!(safe_component("com1 "), "_com1");
        assert_eq!(safe_component("課."), "課");
        assert_eq!(safe_component(&"長".repeat(300)).chars().count(), MAX_CHARS);
    }

    #[test]
    fn atomic_write_replaces_whole_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // A write that cannot complete (the target is a folder) leaves nothing behind.
        let blocked = dir.path().join("blocked.pdf");
        std::fs::create_dir(&blocked).unwrap();
        assert!(write_atomic(&blocked, b"x").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
