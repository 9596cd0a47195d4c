//! From the names in a URL to the files they mean: a ward by its folder's name, a division by
//! the name its file gives (`division = "地域課"`). Names are only ever compared with what the
//! sheets folder holds, never joined into a path, and a file whose real place (links
//! resolved) is outside the sheets folder is not there: `..`, an encoded `/` or a symlink out
//! finds nothing.

use crate::sheet::model;
use std::path::{Path, PathBuf};

/// A ward folder under the sheets folder.
#[derive(Debug, Clone)]
pub struct WardDir {
    /// The folder's name, as URLs give it: `higashi-r5`.
    pub folder: String,
    pub dir: PathBuf,
}

/// A division's file in a ward folder, with the name and place it gives itself (also when it
/// has errors).
#[derive(Debug, Clone)]
pub struct DivisionFile {
    pub path: PathBuf,
    /// The `division` written in it, or the file's stem when none can be read.
    pub name: String,
    pub order: Option<u32>,
}

impl DivisionFile {
    /// Its name in its ward folder: `01_地域課.toml`.
    pub fn file_name(&self) -> String {
        let name = self.path.file_name().unwrap_or_default();
        name.to_string_lossy().into_owned()
    }
}

/// Every ward folder under `root` (`root` itself when it is one).
pub fn wards(root: &Path) -> Vec<WardDir> {
    let dirs = model::find_wards(root).unwrap_or_default();
    dirs.into_iter()
        .filter(|dir| inside(root, dir))
        .filter_map(|dir| {
            let folder = dir.file_name()?.to_string_lossy().into_owned();
            Some(WardDir { folder, dir })
        })
        .collect()
}

/// The ward folder named `folder`.
pub fn ward(root: &Path, folder: &str) -> Option<WardDir> {
    wards(root).into_iter().find(|w| w.folder == folder)
}

/// The division files of a ward folder, in file name order.
pub fn division_files(root: &Path, ward: &WardDir) -> Vec<DivisionFile> {
    let Ok(entries) = std::fs::read_dir(&ward.dir) else {
        return Vec::new();
    };
    let paths = entries.filter_map(|e| e.ok().map(|e| e.path()));
    let listing = model::list_sheet_files(paths);
    (listing.files.into_iter())
        .filter(|path| inside(root, path))
        .map(|path| {
            let (order, name) = model::written_place(&path);
            let name = shown_name(name.as_deref(), &path);
            DivisionFile { path, name, order }
        })
        .collect()
}

/// The name a division is found by: the `division` its file gives, or, when it gives none,
/// the file's name without `.toml`.
pub fn shown_name(written: Option<&str>, path: &Path) -> String {
    match written.filter(|name| !name.trim().is_empty()) {
        Some(name) => name.to_string(),
        None => path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
    }
}

/// The file of the division named `name` in `ward` (the first, when two files give one name).
pub fn division(root: &Path, ward: &WardDir, name: &str) -> Option<DivisionFile> {
    let files = division_files(root, ward);
    let exact = files.iter().position(|d| d.name == name);
    // Else by the ward's comparison of names (widths, spaces, invisible characters aside), when
    // it finds one only: a link made before a slip in the name was put right keeps working.
    let mut alike = (files.iter().enumerate())
        .filter(|(_, d)| model::same_division_name(&d.name, name))
        .map(|(i, _)| i);
    let found = exact.or_else(|| alike.next().filter(|_| alike.next().is_none()))?;
    files.into_iter().nth(found)
}

/// Whether `path`, links resolved, is under `root` (itself resolved).
fn inside(root: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_find_only_what_is_inside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let ward_dir = root.join("w");
        std::fs::create_dir(&ward_dir).unwrap();
        std::fs::write(ward_dir.join("ward.toml"), "ward = \"区\"\n").unwrap();
        std::fs::write(ward_dir.join("01.toml"), "division = \"地域課\"\n").unwrap();
        std::fs::write(ward_dir.join("02.toml"), "order = = 2\n").unwrap();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("03.toml");
        std::fs::write(&secret, "division = \"外\"\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret, ward_dir.join("03.toml")).unwrap();

        assert!(ward(&root, "..").is_none() && ward(&root, "w/..").is_none());
        let w = ward(&root, "w").unwrap();
        let names: Vec<String> = division_files(&root, &w)
            .into_iter()
            .map(|d| d.name)
            .collect();
        assert_eq!(
            names,
            ["地域課", "02"],
            "a file with errors by its stem, no link out"
        );
        assert!(division(&root, &w, "外").is_none());
        assert!(division(&root, &w, "../w/01").is_none());
        assert_eq!(
            division(&root, &w, "地域課").unwrap().path,
            ward_dir.join("01.toml")
        );
    }
}
