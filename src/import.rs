//! `import`: a table (xlsx, csv or json; one row per indicator) into division files, through
//! [`table`](crate::table). The files written are then read back like any others, so that the
//! problems of what was imported (a goal without an action, say) are told at once.

use crate::model::{self, Problem};
use crate::output::{division_file, safe_component, write_atomic};
use crate::scaffold;
use crate::table::{self, Unplaced};
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// How many divisions the table held.
    pub divisions: usize,
    /// Rows that could not be placed, and division files not written (they exist).
    pub unplaced: Vec<Unplaced>,
    /// Problems in the files written, as `check` reports them.
    pub problems: Vec<Problem>,
}

/// Reads `file` and writes its divisions into the ward folder `out`; for a table of several
/// wards (its 区 or 年度 columns differ), into a folder per ward under `out`. Existing division
/// files are replaced only with `force`; an existing `ward.toml` is never touched, and one is
/// written, from the table's 区 and 年度, where there is none.
pub fn import(file: &Path, out: &Path, force: bool) -> Result<Imported, String> {
    let rows = table::read(file)?;
    let (wards, unplaced) = table::group(&rows);
    let mut done = Imported {
        unplaced,
        ..Default::default()
    };
    if wards.is_empty() {
        return Err(format!(
            "{}: the table has no row to import",
            file.display()
        ));
    }
    let several = wards.len() > 1;
    for ward in &wards {
        let dir = if several {
            let name = match ward.fiscal_year {
                Some(year) => format!("{}_{year}", ward.ward),
                None => ward.ward.clone(),
            };
            out.join(safe_component(&name))
        } else {
            out.to_path_buf()
        };
        std::fs::create_dir_all(&dir)
            .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
        let ward_file = dir.join(model::WARD_FILE);
        if !ward_file.exists() {
            match ward.fiscal_year {
                Some(year) if !ward.ward.is_empty() => {
                    let schema = scaffold::schema_for(&dir, scaffold::WARD_SCHEMA);
                    write(
                        &ward_file,
                        &scaffold::ward_text(&ward.ward, year, schema.as_deref()),
                    )?;
                    done.written.push(ward_file.clone());
                }
                _ => done.unplaced.push(Unplaced {
                    sheet: String::new(),
                    line: 0,
                    message: format!(
                        "{} has no ward.toml and the table has no 区 and 年度 to write one from: \
                         write it (mokuhyo new makes one)",
                        dir.display()
                    ),
                }),
            }
        }
        // A division without 部 is of the ward itself, as `new` writes it: 組織名（部）東区.
        let ward_name = Some(ward.ward.clone())
            .filter(|name| !name.trim().is_empty())
            .or_else(|| model::load_ward(&dir).0.map(|w| w.ward));
        for division in &ward.divisions {
            done.divisions += 1;
            let mut division = division.clone();
            if division.department.trim().is_empty() {
                division.department = ward_name.clone().unwrap_or_default();
            }
            let path = dir.join(division_file(division.order, &division.division, "toml"));
            if path.exists() && !force {
                done.unplaced.push(Unplaced {
                    sheet: String::new(),
                    line: 0,
                    message: format!(
                        "{} exists already and is left as it is (--force replaces it)",
                        path.display()
                    ),
                });
                continue;
            }
            write(&path, &table::division_toml(&division))?;
            done.written.push(path);
        }
        // Read back what was written, as `check` would.
        if ward_file.exists() {
            let (_, problems) = model::load_ward(&dir);
            done.problems.extend(
                problems
                    .into_iter()
                    .filter(|p| done.written.contains(&p.file)),
            );
        }
    }
    Ok(done)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    write_atomic(path, text.as_bytes())
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}
