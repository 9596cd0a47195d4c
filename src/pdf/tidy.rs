//! Stale output: the PDFs an earlier build wrote that this one did not (a division renamed or
//! re-ordered leaves `01_旧名.pdf` beside `03_新名.pdf`), and the temporary files of a build
//! that was killed.
//!
//! Each output folder holds a manifest of the files the builds wrote into it, each with its
//! size and modification time as written. Only a file still exactly as the manifest says is
//! ever removed: a PDF someone else put there, or replaced, or edited, stays. Files are removed
//! only after a build of the whole ward that succeeded, so a division that failed keeps its
//! last good PDF.

use crate::output::{TEMP_PREFIX, remove_stale_temps, write_atomic_unsynced};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// The manifest's name in an output folder.
pub const MANIFEST: &str = ".mokuhyo-manifest.json";

/// How old a temporary file of ours must be to be taken for a killed build's: a build writes
/// and renames each of its files within seconds.
pub const TEMP_AGE: Duration = Duration::from_secs(10 * 60);

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    files: Vec<Entry>,
}

/// A file as it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    name: String,
    size: u64,
    /// Nanoseconds since 1970, as the file system keeps them.
    modified: u128,
}

impl Entry {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Self {
            name: path.file_name()?.to_string_lossy().into_owned(),
            size: meta.len(),
            modified: modified.as_nanos(),
        })
    }
}

/// Records the files written into `dir` by a build, and when `whole` (a build of the whole
/// ward, without failures), removes the files of earlier builds that this one did not write,
/// where they are unchanged since. Also removes the temporary files of killed builds. Returns
/// the files removed. Only files whose names are `ours` (of the edition built) are ever
/// removed: the April edition's PDFs stay when the evaluated edition is built beside them.
pub fn tidy(
    dir: &Path,
    written: &[PathBuf],
    whole: bool,
    ours: &dyn Fn(&str) -> bool,
) -> Vec<PathBuf> {
    let mut removed = remove_stale_temps(dir, TEMP_AGE);
    let old: Manifest = std::fs::read(dir.join(MANIFEST))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let mut files: Vec<Entry> = written.iter().filter_map(|p| Entry::of(p)).collect();
    for entry in old.files {
        if files.iter().any(|e| e.name == entry.name) || !safe_name(&entry.name) {
            continue;
        }
        let path = dir.join(&entry.name);
        let unchanged = Entry::of(&path).is_some_and(|now| now == entry);
        if whole && unchanged && ours(&entry.name) {
            if std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        } else if unchanged {
            files.push(entry);
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    if let Ok(bytes) = serde_json::to_vec_pretty(&Manifest { files }) {
        // The manifest only saves work later: a folder it cannot be written to loses nothing.
        let _ = write_atomic_unsynced(&dir.join(MANIFEST), &bytes);
    }
    removed
}

/// A name from a manifest that names a PDF in the folder itself, nothing else: a manifest
/// edited by hand cannot make a build remove `../x` or a sheet's TOML.
fn safe_name(name: &str) -> bool {
    Path::new(name).file_name().is_some_and(|n| n == name)
        && name.to_lowercase().ends_with(".pdf")
        && !name.starts_with(TEMP_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: &str) -> bool {
        true
    }

    #[test]
    fn only_unchanged_files_of_earlier_builds_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        for name in ["01_a.pdf", "02_b.pdf", "03_c.pdf"] {
            std::fs::write(path(name), name).unwrap();
        }
        tidy(
            dir.path(),
            &[path("01_a.pdf"), path("02_b.pdf")],
            true,
            &all,
        );
        // 02_b is renamed to 04_b; 01_a was replaced by someone since; 03_c was never ours.
        std::fs::write(path("04_b.pdf"), "b").unwrap();
        std::fs::write(path("01_a.pdf"), "someone else's, longer").unwrap();
        let removed = tidy(dir.path(), &[path("04_b.pdf")], true, &all);
        assert_eq!(removed, vec![path("02_b.pdf")]);
        assert!(path("01_a.pdf").exists() && path("03_c.pdf").exists());
        // A build that failed removes nothing, but remembers what it wrote.
        std::fs::write(path("05_d.pdf"), "d").unwrap();
        tidy(dir.path(), &[path("05_d.pdf")], false, &all);
        assert!(path("04_b.pdf").exists());
        let removed = tidy(dir.path(), &[path("05_d.pdf")], true, &all);
        assert_eq!(removed, vec![path("04_b.pdf")]);
    }

    #[test]
    fn files_not_ours_stay_and_stay_listed() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        let april = |name: &str| !name.ends_with("_評価.pdf");
        let evaluated = |name: &str| name.ends_with("_評価.pdf");
        std::fs::write(path("01_a.pdf"), "a").unwrap();
        tidy(dir.path(), &[path("01_a.pdf")], true, &april);
        std::fs::write(path("01_a_評価.pdf"), "a, evaluated").unwrap();
        let removed = tidy(dir.path(), &[path("01_a_評価.pdf")], true, &evaluated);
        assert!(removed.is_empty() && path("01_a.pdf").exists());
        // Still listed: the April edition's next build, renamed, tidies it.
        std::fs::write(path("02_a.pdf"), "a").unwrap();
        let removed = tidy(dir.path(), &[path("02_a.pdf")], true, &april);
        assert_eq!(removed, vec![path("01_a.pdf")]);
        assert!(path("01_a_評価.pdf").exists());
    }

    #[test]
    fn a_manifest_names_nothing_outside_its_folder() {
        assert!(safe_name("01_地域課.pdf"));
        assert!(!safe_name("../01.pdf"));
        assert!(!safe_name("01_地域課.toml"));
        assert!(!safe_name("/etc/x.pdf"));
    }
}
