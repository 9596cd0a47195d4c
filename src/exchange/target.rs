//! Which file of a ward folder a division an import brings goes to: the one that names it,
//! the one of its former name when it was renamed in its worksheet (by its former name, or by
//! its 順 when its tab was renamed too), or a new one.

use crate::exchange::form;
use crate::exchange::table::{self, ImportedWard, RowFault};
use crate::output::division_file;
use crate::sheet::model::{self, Division};
use std::path::{Path, PathBuf};

/// A division file of a ward folder, and the order and name it gives (read as far as its
/// syntax allows: also from a file with errors).
pub(super) struct OnDisk {
    path: PathBuf,
    order: Option<u32>,
    name: Option<String>,
}

/// The division files of `dir`.
pub(super) fn on_disk(dir: &Path) -> Vec<OnDisk> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let listing = model::list_sheet_files(entries.filter_map(|e| e.ok().map(|e| e.path())));
    (listing.files.into_iter())
        .map(|path| {
            let (order, name) = model::written_place(&path);
            OnDisk { path, order, name }
        })
        .collect()
}

/// Where a division goes.
pub(super) enum Target {
    /// The file that names it.
    Existing(PathBuf),
    /// A new file.
    New(PathBuf),
    /// The file of the name its worksheet had, under its new name.
    Renamed { from: PathBuf, to: PathBuf },
}

impl Target {
    pub(super) fn path(&self) -> &Path {
        match self {
            Target::Existing(path) | Target::New(path) => path,
            Target::Renamed { to, .. } => to,
        }
    }
}

/// A division's name as compared: full-width and half-width alike, without blanks.
pub(super) fn same_name(a: &str, b: &str) -> bool {
    form::heading(a) == form::heading(b)
}

/// The file a division goes to: the one that names it, whatever its file name (so that a
/// changed 順 or a renamed tab never makes a second file of one division); for a division
/// renamed in its worksheet, the file of its former name, renamed; else a new file.
pub(super) fn target(
    dir: &Path,
    division: &Division,
    source: &table::Source,
    ward: &ImportedWard,
    disk: &[OnDisk],
) -> Result<Target, RowFault> {
    let naming = |name: &str| -> Vec<&OnDisk> {
        (disk.iter())
            .filter(|file| file.name.as_deref().is_some_and(|n| same_name(n, name)))
            .collect()
    };
    let new_path = dir.join(division_file(division.order, &division.name, "toml"));
    match naming(&division.name).as_slice() {
        [one] => return Ok(Target::Existing(one.path.clone())),
        [first, second, ..] => {
            return Err(RowFault::TwoFiles {
                division: division.name.clone(),
                first: first.path.clone(),
                second: second.path.clone(),
            });
        }
        [] => {}
    }
    // Renamed in its worksheet: the former name is no other worksheet's division.
    let former = (source.former.as_deref())
        .filter(|former| !ward.divisions.iter().any(|d| same_name(&d.name, former)));
    if let Some([old]) = former.map(naming).as_deref() {
        return Ok(Target::Renamed {
            from: old.path.clone(),
            to: new_path,
        });
    }
    renamed_by_order(division, ward, disk, new_path)
}

/// A division no file names, whose 順 is that of a file whose division no worksheet names: the
/// division renamed in its worksheet, its tab too (so the cover no longer tells its former
/// name). Unclear when several files or worksheets could be the pair; else a new file.
fn renamed_by_order(
    division: &Division,
    ward: &ImportedWard,
    disk: &[OnDisk],
    new_path: PathBuf,
) -> Result<Target, RowFault> {
    let named = |name: &str| ward.divisions.iter().any(|d| same_name(&d.name, name));
    let on_disk = |name: &str| {
        disk.iter()
            .any(|f| f.name.as_deref().is_some_and(|n| same_name(n, name)))
    };
    let files: Vec<&OnDisk> = (disk.iter())
        .filter(|file| file.order == Some(division.order))
        .filter(|file| !file.name.as_deref().is_some_and(named))
        .collect();
    let sheets: Vec<&Division> = (ward.divisions.iter())
        .filter(|d| d.order == division.order && !on_disk(&d.name))
        .collect();
    match files.as_slice() {
        [] => Ok(Target::New(new_path)),
        [old] if sheets.len() == 1 => Ok(Target::Renamed {
            from: old.path.clone(),
            to: new_path,
        }),
        _ => {
            let files = files.iter().map(|f| shown(&f.path));
            let sheets = (sheets.iter())
                .filter(|d| !same_name(&d.name, &division.name))
                .map(|d| d.name.clone());
            Err(RowFault::RenameUnclear {
                division: division.name.clone(),
                order: division.order,
                others: files.chain(sheets).collect(),
            })
        }
    }
}

/// A path as told to the clerk.
fn shown(path: &Path) -> String {
    crate::output::visible(&path.display().to_string())
}
