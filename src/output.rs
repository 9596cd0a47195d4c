//! Output files: safe names, one source per name, and atomic writes.
//!
//! A name comes from the data (a division's name), so it is made safe for Windows and Unix
//! whatever the data says; a file is written to a temporary file beside its target and renamed
//! into place only when complete, so a failed or killed run never leaves a truncated file nor
//! replaces a good one. Two sources that would give one output name ([`Claims`]) are refused
//! before anything is written: the last writer never wins silently.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The most characters of data a name keeps before its extension: short enough for Windows'
/// 260-character paths, readable in Explorer.
const MAX_CHARS: usize = 60;

/// The most bytes a file name may have on the usual file systems (ext4, NTFS in UTF-16 units
/// is more lenient).
const MAX_BYTES: usize = 255;

/// The prefix and suffix of the temporary files this program writes, so that a later run can
/// tell its own leftovers (of a killed run) from anyone else's files.
pub const TEMP_PREFIX: &str = ".mokuhyo-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Characters that show nothing but change how text is shown or compared: bidirectional
/// overrides and isolates (U+202E turns `fdp.exe` around), zero-width spaces and joiners, the
/// soft hyphen, the BOM. They are kept out of file names; [`visible`] shows them in messages.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// The invisible characters of `text` by their code points, each once (`U+200B、U+202E`):
/// how a clerk is told which to delete. Empty when it has none.
pub fn invisible_points(text: &str) -> String {
    let mut points: Vec<String> = vec![];
    for c in text.chars().filter(|c| is_invisible(*c)) {
        let point = format!("U+{:04X}", c as u32);
        if !points.contains(&point) {
            points.push(point);
        }
    }
    points.join("、")
}

/// A path as it is shown in messages: invisible characters as `<U+…>` ([`visible`]).
pub fn shown(path: &Path) -> String {
    visible(&path.display().to_string())
}

/// `text` with every invisible or control character written out as `<U+202E>`, for a
/// terminal or a message: what is there is seen, and nothing reorders the line.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) || (c.is_control() && c != '\t') {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A single path component made from `name` (a folder): no separators, no characters Windows
/// forbids, no control or invisible characters, no leading or trailing dots or spaces, not a
/// reserved device name, never empty, `.` or `..`, at most [`MAX_CHARS`] characters.
pub fn safe_component(name: &str) -> String {
    let mut safe = safe_stem(name);
    safe.truncate(byte_boundary(&safe, MAX_BYTES));
    safe
}

/// A file name made from `stem` and `extension`: the stem made safe as [`safe_component`]
/// makes a folder's name, and cut to fit, the extension always kept whole.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    safe_file_name_ending(stem, &format!(".{extension}"))
}

/// A file name made from `stem` and `ending` (`.pdf`, `_評価.pdf`): the stem made safe and cut
/// to fit, the ending always kept whole, so a long name never loses what tells files apart.
pub fn safe_file_name_ending(stem: &str, ending: &str) -> String {
    let mut safe = safe_stem(stem);
    let room = MAX_BYTES.saturating_sub(ending.len());
    safe.truncate(byte_boundary(&safe, room));
    // Cutting may leave a trailing dot or space, which Windows drops.
    let kept = safe.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if kept.is_empty() { "_" } else { kept };
    format!("{stem}{ending}")
}

fn safe_stem(name: &str) -> String {
    let mapped: String = name
        .chars()
        .filter(|&c| !is_invisible(c))
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
    let device = safe.split('.').next().unwrap_or("").trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        safe.insert(0, '_');
    }
    safe
}

/// The largest char boundary of `text` at or below `max` bytes.
fn byte_boundary(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A division's file name, `01_地域課.toml` or `01_地域課.pdf`: its order (at least two
/// digits), its name and `extension`, made safe.
pub fn division_file(order: u32, division: &str, extension: &str) -> String {
    safe_file_name(&format!("{order:02}_{division}"), extension)
}

/// The output paths a run will write, each with the source it comes from, so that two
/// sources giving one path are found before anything is written. Paths are compared as the
/// file systems of office PCs compare them: Windows and macOS ignore case, macOS normalises
/// Unicode.
#[derive(Debug, Default)]
pub struct Claims {
    taken: HashMap<String, (PathBuf, String)>,
    clashes: Vec<Clash>,
}

/// Two sources that would be written to one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub path: PathBuf,
    pub first: String,
    pub second: String,
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::t!(
            "error-clash",
            path = visible(&self.path.display().to_string()),
            first = visible(&self.first),
            second = visible(&self.second),
            max = MAX_CHARS
        ))
    }
}

impl Claims {
    /// Claims `path` for `source` (a file or folder, as the user would name it); a clash is
    /// kept when another source claimed the same path already.
    pub fn claim(&mut self, path: &Path, source: impl Into<String>) {
        let source = source.into();
        let key: String = path
            .to_string_lossy()
            .nfc()
            .flat_map(char::to_lowercase)
            .collect();
        match self.taken.get(&key) {
            Some((_, first)) if *first != source => self.clashes.push(Clash {
                path: path.to_path_buf(),
                first: first.clone(),
                second: source,
            }),
            Some(_) => {}
            None => {
                self.taken.insert(key, (path.to_path_buf(), source));
            }
        }
    }

    pub fn clashes(&self) -> &[Clash] {
        &self.clashes
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over `path`. On any error the temporary file is removed and `path` is as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file = temp_beside(path, bytes)?;
    file.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// [`write_atomic`] without waiting for the disk: whole or not at all, but it may be lost in a
/// power cut. For files whose loss costs nothing but some work later (the build's manifest).
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = temp_file(path)?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// [`write_atomic`] for a file only its owner may read (0600 on unix), such as the users file:
/// the temporary file has that mode before it is renamed into place, so the file is never
/// readable by others, not even for a moment.
pub fn write_atomic_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// `bytes` in a temporary file in `path`'s folder, flushed to disk.
fn temp_beside(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut file = temp_file(path)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// An empty temporary file of ours in `path`'s folder.
fn temp_file(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the output is an ordinary document.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    builder.tempfile_in(dir)
}

/// Files written as one: each goes to a temporary file beside its target first, and only when
/// all are written are they renamed into place. A run that fails half-way leaves every target
/// as it was.
#[derive(Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl Staged {
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.files
            .push((temp_beside(path, bytes)?, path.to_path_buf()));
        Ok(())
    }

    /// Renames every file into place; the paths written, in the order they were added.
    pub fn commit(self) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
        let mut written = Vec::new();
        for (file, path) in self.files {
            file.persist(&path)
                .map_err(|err| (path.clone(), err.error))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Removes the temporary files of this program's (by their name) left in `dir` by a run that
/// was killed: those not touched for `age`, so a run still writing keeps its own.
pub fn remove_stale_temps(dir: &Path, age: std::time::Duration) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = std::time::SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|elapsed| elapsed >= age);
        if meta.is_file() && old && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
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
        assert_eq!(safe_component("東\u{202E}区\u{200B}"), "東区");
    }

    #[test]
    fn a_long_name_keeps_its_extension() {
        let name = division_file(1, &"長".repeat(300), "toml");
        assert!(name.ends_with(".toml"), "{name}");
        assert_eq!(name.chars().count(), MAX_CHARS + ".toml".len());
        let name = safe_file_name(&"a".repeat(1000), "pdf");
        assert_eq!(name.len(), MAX_CHARS + ".pdf".len());
        // Cut to end in a dot, which Windows drops: the dot goes, the extension stays.
        let stem = format!("{}.abc", "x".repeat(MAX_CHARS - 1));
        assert_eq!(
            safe_file_name(&stem, "pdf"),
            format!("{}.pdf", "x".repeat(MAX_CHARS - 1))
        );
        // Wide characters: within 255 bytes whatever the script.
        let name = safe_file_name(&"𠮷".repeat(100), "pdf");
        assert!(name.len() <= MAX_BYTES && name.ends_with(".pdf"), "{name}");
    }

    #[test]
    fn two_sources_of_one_path_clash() {
        let mut claims = Claims::default();
        claims.claim(Path::new("out/Higashi/01_a.pdf"), "a.toml");
        claims.claim(Path::new("out/higashi/01_A.pdf"), "b.toml");
        claims.claim(Path::new("out/higashi/02_a.pdf"), "c.toml");
        claims.claim(Path::new("out/higashi/02_a.pdf"), "c.toml");
        assert_eq!(claims.clashes().len(), 1);
        let text = claims.clashes()[0].to_string();
        assert!(text.contains("a.toml") && text.contains("b.toml"), "{text}");
    }

    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(
            visible("a\u{202E}b\u{200B}c\n"),
            "a<U+202E>b<U+200B>c<U+000A>"
        );
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
