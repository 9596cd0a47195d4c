//! `import`: a table (xlsx, csv or json; one row per indicator) into division files, through
//! [`table`](crate::table). The files written are then read back like any others, so that the
//! problems of what was imported (a goal without an action, say) are told at once.

use crate::error::Error;
use crate::model::{self, Problem};
use crate::output::{Claims, Staged, division_file, safe_component};
use crate::scaffold;
use crate::table::{self, ImportedWard, RowFault, Unplaced};
use std::collections::BTreeSet;
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
    /// Whether nothing was written because of what is in `unplaced`.
    pub refused: bool,
    /// Columns of the table that were not read (their headings are none mokuhyo knows).
    pub unknown: Vec<table::UnknownColumn>,
    /// Formula cells saved without a value, read as empty.
    pub unvalued: Vec<table::UnvaluedFormula>,
}

/// Reads `file` and writes its divisions into the ward folder `out`; for a table of several
/// wards (its 区 or 年度 columns differ), into a folder per ward under `out`. Existing division
/// files are replaced only with `force`; an existing `ward.toml` is never touched, and one is
/// written, from the table's 区 and 年度, where there is none.
///
/// All or nothing: when a row cannot be placed, a file exists (without `force`), a ward has no
/// `ward.toml` to be had, or two wards or divisions would be written to one file, nothing is
/// written and every reason is in `unplaced`. Otherwise every file is written to a temporary
/// file first and renamed into place only when all are.
pub fn import(file: &Path, out: &Path, force: bool) -> Result<Imported, Error> {
    let table = table::read(file)?;
    let (wards, unplaced) = table::group(&table.rows);
    let mut done = Imported {
        unplaced,
        unknown: table.unknown,
        unvalued: table.unvalued,
        ..Default::default()
    };
    if wards.is_empty() && done.unplaced.is_empty() {
        return Err(Error::NoRows {
            path: file.to_path_buf(),
        });
    }
    if wards.is_empty() {
        // No row could be placed (a 年度 no one can read, …): each is told.
        done.refused = true;
        return Ok(done);
    }
    // What is checked (a file there or not, what `--force` would lose) still holds when the
    // files are written: no other program writes in these wards meanwhile. A ward folder not
    // there yet has nothing to check.
    let dirs: Vec<PathBuf> = (wards.iter())
        .map(|ward| ward_dir(out, ward, wards.len() > 1))
        .filter(|dir| dir.is_dir())
        .collect();
    let _held = crate::lock::wards(dirs.iter().map(PathBuf::as_path))?;
    let (plan, advice) = plan(&wards, out, force, &mut done);
    if !done.unplaced.is_empty() {
        done.refused = true;
        return Ok(done);
    }
    done.unplaced.extend(advice);
    let mut staged = Staged::default();
    for dir in plan.iter().filter_map(|(path, _)| path.parent()) {
        std::fs::create_dir_all(dir).map_err(|err| Error::create_folder(dir, err))?;
    }
    for (path, text) in &plan {
        staged
            .add(path, text.as_bytes())
            .map_err(|err| Error::write(path, err))?;
    }
    done.written = staged
        .commit()
        .map_err(|(path, err)| Error::write(path, err))?;
    // Read back what was written, as `check` would.
    let dirs: BTreeSet<&Path> = done.written.iter().filter_map(|p| p.parent()).collect();
    for dir in dirs {
        if dir.join(model::WARD_FILE).exists() {
            let (_, problems) = model::load_ward(dir);
            done.problems.extend(
                problems
                    .into_iter()
                    .filter(|p| done.written.contains(&p.file)),
            );
        }
    }
    Ok(done)
}

/// The files an import would write (path, text), in order, and what to tell about them (a
/// ward folder left without `ward.toml`); what stands in the way of writing goes to
/// `done.unplaced`.
fn plan(
    wards: &[ImportedWard],
    out: &Path,
    force: bool,
    done: &mut Imported,
) -> (Vec<(PathBuf, String)>, Vec<Unplaced>) {
    let mut files = Vec::new();
    let mut claims = Claims::default();
    let mut advice = Vec::new();
    let several = wards.len() > 1;
    // What stands in the way, told once every ward is planned.
    let mut notes: Vec<RowFault> = Vec::new();
    let mut note = |reason: RowFault| notes.push(reason);
    for ward in wards {
        let label = label(ward);
        let dir = ward_dir(out, ward, several);
        claims.claim(&dir, format!("区 {label}"));
        let ward_file = dir.join(model::WARD_FILE);
        if !ward_file.exists() {
            match ward.fiscal_year {
                Some(year) if !ward.ward.is_empty() => {
                    let schema = scaffold::schema_for(&dir, scaffold::WARD_SCHEMA);
                    let text = scaffold::ward_text(&ward.ward, year, schema.as_deref());
                    files.push((ward_file.clone(), text));
                }
                // The divisions can be written all the same; the folder is not a ward yet.
                _ => advice.push(about_file(RowFault::NoWardFile { dir: dir.clone() })),
            }
        }
        // A division without 部 is of the ward itself, as `new` writes it: 組織名（部）東区.
        let ward_name = Some(ward.ward.clone())
            .filter(|name| !name.trim().is_empty())
            .or_else(|| model::load_ward(&dir).0.map(|w| w.name));
        // The divisions the folder holds now, sound ones: `--force` must not replace them with
        // less.
        let current = match force {
            true => model::load_ward(&dir).0,
            false => None,
        };
        for division in &ward.divisions {
            done.divisions += 1;
            let mut division = division.clone();
            if division.department.trim().is_empty() {
                division.department = ward_name.clone().unwrap_or_default();
            }
            let path = dir.join(division_file(division.order, &division.name, "toml"));
            claims.claim(&path, format!("{label} {}", division.name));
            if path.exists() && !force {
                note(RowFault::FileExists { path });
                continue;
            }
            let old = (current.iter().flat_map(|w| &w.divisions)).find(|d| d.file == path);
            if let Some(key) = old.and_then(|old| lost(old, &division)) {
                note(RowFault::WouldLose { path, key });
                continue;
            }
            let text = model::write::division_file(&division);
            if text.len() as u64 > model::MAX_FILE_BYTES {
                note(RowFault::TooLarge {
                    path,
                    mib: text.len() >> 20,
                    max_mib: model::MAX_FILE_BYTES >> 20,
                    division: division.name.clone(),
                });
                continue;
            }
            files.push((path, text));
        }
    }
    notes.extend(claims.clashes().iter().cloned().map(RowFault::Clash));
    if !done.unplaced.is_empty() || !notes.is_empty() {
        notes.push(RowFault::NothingWritten);
    }
    done.unplaced.extend(notes.into_iter().map(about_file));
    (files, advice)
}

/// A ward of the table as its rows name it: `東区_2025`.
fn label(ward: &ImportedWard) -> String {
    match ward.fiscal_year {
        Some(year) => format!("{}_{year}", ward.ward),
        None => ward.ward.clone(),
    }
}

/// The folder a ward of the table is written to: `out`, or for a table of `several` wards a
/// folder of its own under it.
fn ward_dir(out: &Path, ward: &ImportedWard, several: bool) -> PathBuf {
    match several {
        true => out.join(safe_component(&label(ward))),
        false => out.to_path_buf(),
    }
}

/// The first thing `old` has that `new` has not (a goal, action or indicator, or a text that
/// would be emptied), as a key path: `goals[2].actions[1].indicators[3]`, `goals[1].rating`.
fn lost(old: &model::Division, new: &model::Division) -> Option<String> {
    let texts = |key: String, pairs: &[(&str, &str, &str)]| {
        (pairs.iter())
            .find(|(_, before, after)| !before.trim().is_empty() && after.trim().is_empty())
            .map(|(name, _, _)| format!("{key}.{name}"))
    };
    if old.policy_indicators.len() > new.policy_indicators.len() {
        return Some("policy_indicators".to_string());
    }
    for (g, before) in old.goals.iter().enumerate() {
        let key = format!("goals[{}]", g + 1);
        let Some(after) = new.goals.get(g) else {
            return Some(key);
        };
        let goal_texts = [
            ("text", before.text.as_str(), after.text.as_str()),
            ("plan_ref", &before.plan_ref, &after.plan_ref),
            ("rating", &before.rating, &after.rating),
            ("status", &before.status, &after.status),
            ("next_steps", &before.next_steps, &after.next_steps),
        ];
        if let Some(key) = texts(key.clone(), &goal_texts) {
            return Some(key);
        }
        for (a, before) in before.actions.iter().enumerate() {
            let key = format!("{key}.actions[{}]", a + 1);
            let Some(after) = after.actions.get(a) else {
                return Some(key);
            };
            let action_texts = [
                ("name", before.name.as_str(), after.name.as_str()),
                ("summary", &before.summary, &after.summary),
            ];
            if let Some(key) = texts(key.clone(), &action_texts) {
                return Some(key);
            }
            for (i, before) in before.indicators.iter().enumerate() {
                let key = format!("{key}.indicators[{}]", i + 1);
                let Some(after) = after.indicators.get(i) else {
                    return Some(key);
                };
                let indicator_texts = [
                    ("name", before.name.as_str(), after.name.as_str()),
                    ("target", &before.target, &after.target),
                    ("result", &before.result, &after.result),
                ];
                if let Some(key) = texts(key.clone(), &indicator_texts) {
                    return Some(key);
                }
            }
        }
    }
    None
}

/// A reason about a file the import would write, not about a row.
fn about_file(reason: RowFault) -> Unplaced {
    Unplaced {
        sheet: String::new(),
        line: 0,
        reason,
    }
}
