//! `new`: a division file ready to fill in, with the five goal slots of the sheet and a short
//! Japanese comment on every key; and the ward's `ward.toml` when the ward folder is new. Each
//! file starts with a `#:schema` line, so editors with a TOML language server (Even Better
//! TOML, taplo) check and complete the keys as staff type.

use super::Error;
use crate::output::{division_file, write_atomic};
use crate::sheet::model;
use std::path::{Component, Path, PathBuf};

/// What to scaffold.
pub struct NewDivision {
    /// The ward's folder (made, with its `ward.toml`, when it does not exist).
    pub ward_dir: PathBuf,
    /// 課: the division's name.
    pub division: String,
    /// 部: the department; the ward's name when not given.
    pub department: Option<String>,
    /// Its place in the volume; after the last division when not given.
    pub order: Option<u32>,
    /// For a new ward: its name and fiscal year, read from the folder's name when not given
    /// and it says them unambiguously (`西区-r7`, `東区_2025`).
    pub ward: Option<String>,
    pub fiscal_year: Option<i32>,
    /// Where the JSON Schemas are, or are to be written when no `schema` folder is found
    /// above the ward folder.
    pub schema_dir: PathBuf,
}

/// The files written.
pub struct Scaffolded {
    pub files: Vec<PathBuf>,
    /// What was read from the folder's name for a new ward: its name and fiscal year.
    pub guessed: Guessed,
}

/// A new ward's name and fiscal year as its folder's name gives them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Guessed {
    pub ward: Option<String>,
    pub fiscal_year: Option<i32>,
}

impl Guessed {
    /// Reads a folder's name: its parts (split at `-`, `_` and spaces) that are a fiscal year
    /// (`r7`, `2025`, `令和7年度`) give the year when they agree; the others give the ward's
    /// name when they are Japanese (`nishi` could be 西区 or 西地区: not guessed).
    pub fn from_folder(name: &str) -> Self {
        let parts: Vec<&str> = name
            .split(['-', '_', ' ', '　'])
            .filter(|p| !p.is_empty())
            .collect();
        let (mut years, mut rest) = (Vec::new(), Vec::new());
        for part in parts {
            match crate::sheet::era::parse_fiscal_year(part) {
                Some(year) => years.push(year),
                None => rest.push(part),
            }
        }
        years.dedup();
        let ward = rest.concat();
        let japanese = !ward.is_empty() && rest.iter().all(|p| !p.is_ascii());
        Guessed {
            ward: japanese.then_some(ward),
            fiscal_year: match years.as_slice() {
                [year] => Some(*year),
                _ => None,
            },
        }
    }
}

/// The name of the schema files in a schema folder.
pub const WARD_SCHEMA: &str = "ward.schema.json";
pub const DIVISION_SCHEMA: &str = "division.schema.json";

/// Writes both JSON Schemas into `dir`.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|err| Error::create_folder(dir, err))?;
    let mut written = Vec::new();
    for (name, schema) in [
        (WARD_SCHEMA, model::ward_schema()),
        (DIVISION_SCHEMA, model::division_schema()),
    ] {
        let path = dir.join(name);
        let mut text = serde_json::to_string_pretty(&schema)?;
        text.push('\n');
        write_atomic(&path, text.as_bytes()).map_err(|err| Error::write(&path, err))?;
        written.push(path);
    }
    Ok(written)
}

pub fn new_division(request: &NewDivision) -> Result<Scaffolded, Error> {
    let division = request.division.trim();
    if division.is_empty() {
        return Err(Error::EmptyDivisionName);
    }
    let mut files = Vec::new();
    let ward_dir = &request.ward_dir;
    let ward_file = ward_dir.join(model::WARD_FILE);
    // A new ward's name and year, asked for before anything is written.
    let mut guessed = Guessed::default();
    let fresh = match ward_file.is_file() {
        true => None,
        false => Some(new_ward(request, &mut guessed)?),
    };
    if fresh.is_some() {
        std::fs::create_dir_all(ward_dir).map_err(|err| Error::create_folder(ward_dir, err))?;
    }
    // The orders and names taken are read and the new file written with no other program
    // writing in the ward meanwhile: no two divisions get one place.
    let _held = crate::lock::ward(ward_dir)?;
    let schema_dir = find_schema_dir(ward_dir).unwrap_or_else(|| request.schema_dir.clone());
    if !schema_dir.join(DIVISION_SCHEMA).is_file() {
        files.extend(write_schemas(&schema_dir)?);
    }

    let ward_name = match fresh {
        None => match model::load_ward(ward_dir) {
            (Some(ward), _) => ward.name,
            (None, problems) => {
                let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
                return Err(Error::WardUnreadable {
                    path: ward_file,
                    first,
                });
            }
        },
        Some((name, fiscal_year)) => {
            let text = ward_text(
                &name,
                fiscal_year,
                Some(&schema_ref(ward_dir, &schema_dir, WARD_SCHEMA)),
            );
            write_new(&ward_file, &text)?;
            files.push(ward_file.clone());
            name
        }
    };

    // The divisions already there, sound or not (a blank one `new` wrote before): their
    // orders and names.
    let (ward, _) = model::load_ward(ward_dir);
    let (sound, failed) = ward.map(|w| (w.divisions, w.failed)).unwrap_or_default();
    let mut taken: Vec<(Option<u32>, Option<String>)> = (sound.into_iter())
        .map(|d| (Some(d.order), Some(d.name)))
        .collect();
    taken.extend(failed.iter().map(|file| model::written_place(file)));
    // 地域課 and ｢地域課 ｣ are one name to the people reading the volume.
    if taken.iter().any(|(_, name)| {
        name.as_deref()
            .is_some_and(|name| model::same_division_name(name, division))
    }) {
        return Err(Error::DivisionExists {
            ward: ward_dir.clone(),
            name: division.to_string(),
        });
    }
    let last = taken.iter().filter_map(|(order, _)| *order).max();
    let order = request.order.unwrap_or(last.unwrap_or(0) + 1);
    let department = request.department.clone().unwrap_or(ward_name);
    let path = ward_dir.join(division_file(order, division, "toml"));
    let text = model::write::blank_division_file(
        order,
        &department,
        division,
        &schema_ref(ward_dir, &schema_dir, DIVISION_SCHEMA),
    );
    write_new(&path, &text)?;
    files.push(path);
    Ok(Scaffolded { files, guessed })
}

/// A ward folder to make with its `ward.toml` alone (the browser's 「新しい区」): the
/// divisions come one by one after it.
pub struct NewWard {
    /// The folder to make: it must not exist.
    pub ward_dir: PathBuf,
    pub ward: String,
    pub fiscal_year: i32,
    /// 作成日; 1 April of the fiscal year when not given.
    pub created: Option<chrono::NaiveDate>,
    /// Where the JSON Schemas are written when no `schema` folder is found above the ward.
    pub schema_dir: PathBuf,
}

/// Makes a new ward folder with its `ward.toml`, as `new` does for a new ward: the files
/// written (the schemas too, when there were none).
pub fn new_ward_folder(request: &NewWard) -> Result<Vec<PathBuf>, Error> {
    let ward_dir = &request.ward_dir;
    if request.ward.trim().is_empty() {
        return Err(Error::AskWard {
            folder: ward_dir.clone(),
        });
    }
    crate::sheet::era::fiscal_year_label(request.fiscal_year)?;
    if ward_dir.exists() {
        let path = ward_dir.clone();
        return Err(Error::Exists { path });
    }
    std::fs::create_dir_all(ward_dir).map_err(|err| Error::create_folder(ward_dir, err))?;
    let _held = crate::lock::ward(ward_dir)?;
    let mut files = Vec::new();
    let schema_dir = find_schema_dir(ward_dir).unwrap_or_else(|| request.schema_dir.clone());
    if !schema_dir.join(DIVISION_SCHEMA).is_file() {
        files.extend(write_schemas(&schema_dir)?);
    }
    let schema = schema_ref(ward_dir, &schema_dir, WARD_SCHEMA);
    let dates = WardDates {
        created: request.created,
        evaluated: None,
    };
    let text = ward_text_dated(
        request.ward.trim(),
        request.fiscal_year,
        Some(&schema),
        dates,
    );
    let ward_file = ward_dir.join(model::WARD_FILE);
    write_new(&ward_file, &text)?;
    files.push(ward_file);
    Ok(files)
}

/// A new ward's name and fiscal year: as given, else as its folder's name says them.
fn new_ward(request: &NewDivision, guessed: &mut Guessed) -> Result<(String, i32), Error> {
    let from_folder = Guessed::from_folder(&folder_name(&request.ward_dir));
    let folder = request.ward_dir.clone();
    let name = match &request.ward {
        Some(name) => name.clone(),
        None => {
            guessed.ward = from_folder.ward.clone();
            from_folder.ward.ok_or(Error::AskWard {
                folder: folder.clone(),
            })?
        }
    };
    let fiscal_year = match request.fiscal_year {
        Some(year) => year,
        None => {
            guessed.fiscal_year = from_folder.fiscal_year;
            (from_folder.fiscal_year).ok_or(Error::AskFiscalYear { folder })?
        }
    };
    Ok((name, fiscal_year))
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if path.exists() {
        let path = path.to_path_buf();
        return Err(Error::Exists { path });
    }
    write_atomic(path, text.as_bytes()).map_err(|err| Error::write(path, err))
}

fn folder_name(dir: &Path) -> String {
    std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "区".to_string())
}

/// What a `#:schema` line in `ward_dir` names for the schema `name` (`ward.schema.json`, …),
/// when a `schema` folder is in it or above it.
pub fn schema_for(ward_dir: &Path, name: &str) -> Option<String> {
    find_schema_dir(ward_dir).map(|dir| schema_ref(ward_dir, &dir, name))
}

/// A `schema` folder with the division schema in it, in `dir` or a folder above it.
fn find_schema_dir(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).ok()?;
    start
        .ancestors()
        .map(|a| a.join("schema"))
        .find(|s| s.join(DIVISION_SCHEMA).is_file())
}

/// The `#:schema` path of `name` in `schema_dir`, relative to a file in `ward_dir`, with `/`.
fn schema_ref(ward_dir: &Path, schema_dir: &Path, name: &str) -> String {
    let (Ok(from), Ok(to)) = (
        std::path::absolute(ward_dir),
        std::path::absolute(schema_dir),
    ) else {
        return schema_dir.join(name).to_string_lossy().replace('\\', "/");
    };
    let from: Vec<Component> = from
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let to: Vec<Component> = to
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Another drive: the absolute path.
        return schema_dir.join(name).to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.push(name.to_string());
    parts.join("/")
}

/// A new `ward.toml`, with a `#:schema` line when there is a `schema` to name.
pub fn ward_text(ward: &str, fiscal_year: i32, schema: Option<&str>) -> String {
    model::write::ward_file(ward, fiscal_year, schema)
}

/// The dates a new `ward.toml` is given, when they are known (from a form's cover); else
/// 1 April of the year, and no 評価日.
#[derive(Debug, Default, Clone, Copy)]
pub struct WardDates {
    pub created: Option<chrono::NaiveDate>,
    pub evaluated: Option<chrono::NaiveDate>,
}

/// [`ward_text`] with the dates known.
pub fn ward_text_dated(
    ward: &str,
    fiscal_year: i32,
    schema: Option<&str>,
    dates: WardDates,
) -> String {
    model::write::ward_file_dated(ward, fiscal_year, schema, (dates.created, dates.evaluated))
}
