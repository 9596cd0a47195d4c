//! `next-year`: next fiscal year's ward from this one. Every division keeps its goals, actions,
//! indicators, plan references and targets (unless cleared); the year's evaluation (評価日,
//! ratings, results, status, next steps) is left out; `ward.toml` gets the next 年度 and a new
//! 作成日. The files are edited with `toml_edit`, so comments, the order of keys and the
//! `#:schema` line stay as they were (the comments naming the year follow it).

use super::Error;
use crate::output::Staged;
use crate::sheet::era;
use crate::sheet::fields::{self, FIELDS, Field, Kind, Level, Phase};
use crate::sheet::model;
use crate::sheet::scaffold;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item, Value};

/// What to make, and from what.
pub struct NextYear {
    /// This year's ward folder.
    pub from: PathBuf,
    /// The new ward folder: it must not exist.
    pub to: PathBuf,
    /// The new 作成日; 1 April of the new fiscal year when not given.
    pub created: Option<NaiveDate>,
    /// Empty every indicator's target too.
    pub clear_targets: bool,
}

/// The files written, in order.
pub fn next_year(request: &NextYear) -> Result<Vec<PathBuf>, Error> {
    if request.to.exists() {
        return Err(Error::Exists {
            path: request.to.clone(),
        });
    }
    if inside(&request.to, &request.from) {
        return Err(Error::InsideWard {
            ward: request.from.clone(),
            out: request.to.clone(),
        });
    }
    // This year's files as one state, none of them being saved meanwhile.
    let _reading = crate::lock::ward_for_reading(&request.from);
    let (ward, problems) = model::load_ward(&request.from);
    let errors = problems
        .iter()
        .filter(|p| p.severity == model::Severity::Error);
    let ward = match (ward, errors.count()) {
        (Some(ward), 0) => ward,
        (_, errors) => {
            return Err(Error::NotSound {
                path: request.from.clone(),
                errors,
            });
        }
    };
    let year = ward.fiscal_year + 1;
    let created = match request.created {
        Some(date) => date,
        None => NaiveDate::from_ymd_opt(year, 4, 1).expect("1 April is a date"),
    };
    let mut staged = Staged::default();
    let _writing = new_folder(&request.to)?;
    let ward_path = request.from.join(model::WARD_FILE);
    let text = read(&ward_path)?;
    let ward_text = next_ward_file(&text, (ward.fiscal_year, year), created, &request.to)
        .ok_or_else(|| Error::NotSound {
            path: ward_path.clone(),
            errors: 1,
        })?;
    let to = request.to.join(model::WARD_FILE);
    staged
        .add(&to, ward_text.as_bytes())
        .map_err(|err| Error::write(&to, err))?;
    for division in &ward.divisions {
        let text = read(&division.file)?;
        let next =
            next_division_file(&text, request.clear_targets, &request.to).ok_or_else(|| {
                Error::NotSound {
                    path: division.file.clone(),
                    errors: 1,
                }
            })?;
        let name = division.file.file_name().unwrap_or_default();
        let to = request.to.join(name);
        staged
            .add(&to, next.as_bytes())
            .map_err(|err| Error::write(&to, err))?;
    }
    staged
        .commit()
        .map_err(|(path, err)| Error::write(path, err))
}

/// Whether the folder `to` (not there yet) would be inside the folder `from`, or be it:
/// each compared by its real place, as far as it exists (`out/../w/x`, a link).
fn inside(to: &Path, from: &Path) -> bool {
    let Ok(from) = from.canonicalize() else {
        return false;
    };
    let absolute = std::path::absolute(to).unwrap_or_else(|_| to.to_path_buf());
    // The nearest folder of `to` that exists, in its real place, and the rest after it.
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(mut real) = at.canonicalize() {
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        real.pop();
                    }
                    std::path::Component::Normal(name) => real.push(name),
                    _ => {}
                }
            }
            return real.starts_with(&from);
        }
        let Some(parent) = at.parent() else {
            return false;
        };
        rest.extend(at.components().next_back());
        at = parent;
    }
}

/// Makes the new ward folder, which must not exist (two runs at once: one makes it, the other
/// is told it exists), and holds it until its files are in place.
fn new_folder(to: &Path) -> Result<crate::lock::Held, Error> {
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|err| Error::create_folder(parent, err))?;
    }
    match std::fs::create_dir(to) {
        Ok(()) => Ok(crate::lock::ward(to)?),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Exists {
            path: to.to_path_buf(),
        }),
        Err(err) => Err(Error::create_folder(to, err)),
    }
}

fn read(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|err| Error::read(path, err))?;
    Ok(crate::sheet::encoding::decode(&bytes)
        .map(|decoded| decoded.text)
        .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned()))
}

/// `ward.toml` for the next year: `fiscal_year` and `created` new (their comments' era labels
/// with them), `evaluated` and `interim` left out, the `#:schema` line pointing from the new folder.
fn next_ward_file(
    text: &str,
    (old, new): (i32, i32),
    created: NaiveDate,
    to: &Path,
) -> Option<String> {
    let mut document: DocumentMut = text.parse().ok()?;
    let old_created = (document.get("created").and_then(Item::as_value))
        .and_then(Value::as_datetime)
        .map(|d| d.to_string());
    set_keeping_comment(
        &mut document,
        "fiscal_year",
        Value::from(i64::from(new)),
        &[(
            era::fiscal_year_label(old).ok()?,
            era::fiscal_year_label(new).ok()?,
        )],
    );
    use chrono::Datelike;
    let date = toml_edit::Date {
        year: u16::try_from(created.year()).ok()?,
        month: u8::try_from(created.month()).ok()?,
        day: u8::try_from(created.day()).ok()?,
    };
    let datetime = toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    };
    let old_short = old_created
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .and_then(|d| era::short_date(d).ok());
    let labels: Vec<(String, String)> = match (old_short, era::short_date(created).ok()) {
        (Some(before), Some(after)) => vec![(before, after)],
        _ => Vec::new(),
    };
    set_keeping_comment(&mut document, "created", Value::from(datetime), &labels);
    let hint = evaluated_hint(&document);
    // Next year's evaluation is still to come, interim or not.
    clear(FIELDS, document.as_table_mut(), Level::Ward, false);
    if let Some((hint, next)) = hint {
        put_line(&mut document, &hint, next.as_deref());
    }
    Some(with_schema(
        &document.to_string(),
        to,
        scaffold::WARD_SCHEMA,
    ))
}

/// The line `new` writes for the 評価日, to fill in at the year's end (`# evaluated =
/// 2026-04-30    # 評価日…`), when this year's file has it filled in: its date a year later
/// (and the era label of its note with it), with the key that follows it, to stand above.
/// A file with only the comment line keeps it as it is.
fn evaluated_hint(document: &DocumentMut) -> Option<(String, Option<String>)> {
    let value = document.get("evaluated").and_then(Item::as_value)?;
    let note = value
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or("");
    let written = value.clone().decorated("", "").to_string();
    let date = NaiveDate::parse_from_str(written.trim(), "%Y-%m-%d").ok();
    let next = date.and_then(|d| d.checked_add_months(chrono::Months::new(12)));
    let (line_date, note) = match (date, next) {
        (Some(date), Some(next)) => {
            let labels = era::short_date(date).ok().zip(era::short_date(next).ok());
            let note = labels.map_or(note.to_string(), |(old, new)| note.replace(&old, &new));
            (next.format("%Y-%m-%d").to_string(), note)
        }
        _ => (written, note.to_string()),
    };
    let keys: Vec<&str> = document.iter().map(|(key, _)| key).collect();
    let after = keys
        .iter()
        .position(|key| *key == "evaluated")
        .map(|i| i + 1);
    let next_key = after.and_then(|i| keys.get(i)).map(|key| key.to_string());
    Some((format!("# evaluated = {line_date}{note}\n"), next_key))
}

/// Puts `line` above the key `next` (at the end when there is none, or it is a table).
fn put_line(document: &mut DocumentMut, line: &str, next: Option<&str>) {
    let is_value =
        |document: &DocumentMut, key: &str| document.get(key).is_some_and(Item::is_value);
    match next.filter(|key| is_value(document, key)) {
        Some(key) => {
            if let Some(mut key) = document.as_table_mut().key_mut(key) {
                let decor = key.leaf_decor_mut();
                let prefix = decor.prefix().and_then(|p| p.as_str()).unwrap_or("");
                let prefix = format!("{line}{prefix}");
                decor.set_prefix(prefix);
            }
        }
        None => {
            let trailing = document.trailing().as_str().unwrap_or("").to_string();
            document.set_trailing(format!("{line}{trailing}"));
        }
    }
}

/// A division's file for the next year: the year-end evaluation's keys left out at every level
/// (each goal's rating, status and next steps, each indicator's result: the fields of
/// [`Phase::Evaluation`]); the year's figures (the targets) emptied with `clear_targets`.
fn next_division_file(text: &str, clear_targets: bool, to: &Path) -> Option<String> {
    let mut document: DocumentMut = text.parse().ok()?;
    let top = document.as_table_mut();
    clear(FIELDS, top, Level::Division, clear_targets);
    Some(with_schema(
        &document.to_string(),
        to,
        scaffold::DIVISION_SCHEMA,
    ))
}

/// Takes the evaluation's keys out of `table` (an item of `level`) and of every item below it;
/// with `clear_yearly`, the year's figures emptied.
pub(crate) fn clear(
    fields: &[Field],
    table: &mut toml_edit::Table,
    level: Level,
    clear_yearly: bool,
) {
    for field in fields::of(fields, level) {
        match field.kind {
            Kind::Items(below) => {
                let items = table.get_mut(field.key);
                let items = items.and_then(Item::as_array_of_tables_mut);
                for item in items.into_iter().flat_map(|items| items.iter_mut()) {
                    clear(fields, item, below, clear_yearly);
                }
            }
            _ if field.phase == Phase::Evaluation => {
                table.remove(field.key);
            }
            _ if field.yearly && clear_yearly => {
                if let Some(value) = table.get_mut(field.key) {
                    *value = toml_edit::value("");
                }
            }
            _ => {}
        }
    }
}

/// Sets `key` to `value`, keeping the comment after it, with each old label in the comment
/// (`令和５年度`) replaced by its new one.
fn set_keeping_comment(
    document: &mut DocumentMut,
    key: &str,
    mut value: Value,
    labels: &[(String, String)],
) {
    let Some(old) = document.get_mut(key).and_then(Item::as_value_mut) else {
        return;
    };
    let prefix = old
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .map(str::to_string);
    let suffix = old.decor().suffix().and_then(|s| s.as_str()).map(|suffix| {
        labels
            .iter()
            .fold(suffix.to_string(), |text, (before, after)| {
                text.replace(before, after)
            })
    });
    let decor = value.decor_mut();
    if let Some(prefix) = prefix {
        decor.set_prefix(prefix);
    }
    if let Some(suffix) = suffix {
        decor.set_suffix(suffix);
    }
    *old = value;
}

/// The text with its `#:schema` line (when it has one) pointing from the folder `to`.
fn with_schema(text: &str, to: &Path, name: &str) -> String {
    match (
        text.strip_prefix("#:schema "),
        scaffold::schema_for(to, name),
    ) {
        (Some(rest), Some(reference)) => {
            let rest = rest.split_once('\n').map_or("", |(_, rest)| rest);
            format!("#:schema {reference}\n{rest}")
        }
        _ => text.to_string(),
    }
}
