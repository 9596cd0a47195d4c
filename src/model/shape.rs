//! The shape of the sheet files: which keys each table may have, which of them are required,
//! and what type each value is.
//!
//! The parsed TOML is checked against it before serde reads it into the model, so that one run
//! reports every unknown key (with a "did you mean" for near misses such as `goal` for `goals`),
//! every value of the wrong type and every missing key of a file, each at its own line and
//! column; serde alone stops at the first. A test in `model` keeps these lists and the serde
//! structs in step.

use crate::problem::{self, Expected, Found, Report};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What a value must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    Integer,
    /// A plain date, `2023-04-01`.
    Date,
    /// An array of strings, `["…", "…"]`.
    Texts,
    /// An array of tables, `[[goals]]`, each of this shape.
    Tables(&'static [Field]),
}

/// One key of a table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn required(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: true,
    }
}

const fn optional(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: false,
    }
}

/// `ward.toml`.
pub const WARD: &[Field] = &[
    required("ward", Kind::Text),
    required("fiscal_year", Kind::Integer),
    required("created", Kind::Date),
    optional("evaluated", Kind::Date),
    optional("approval", Kind::Texts),
];

/// A division's file.
pub const DIVISION: &[Field] = &[
    required("order", Kind::Integer),
    required("department", Kind::Text),
    required("division", Kind::Text),
    optional("policy_indicators", Kind::Texts),
    optional("approval", Kind::Texts),
    // Required, but its absence is reported by the model in plain words ("no goal").
    optional("goals", Kind::Tables(GOAL)),
];

/// `[[goals]]`.
pub const GOAL: &[Field] = &[
    required("text", Kind::Text),
    optional("plan_ref", Kind::Text),
    optional("rating", Kind::Text),
    optional("status", Kind::Text),
    optional("next_steps", Kind::Text),
    optional("actions", Kind::Tables(ACTION)),
];

/// `[[goals.actions]]`.
pub const ACTION: &[Field] = &[
    required("name", Kind::Text),
    optional("summary", Kind::Text),
    optional("indicators", Kind::Tables(INDICATOR)),
];

/// `[[goals.actions.indicators]]`.
pub const INDICATOR: &[Field] = &[
    required("name", Kind::Text),
    required("target", Kind::Text),
    optional("result", Kind::Text),
];

/// Checks `table` (at key path `path`, "" for the file itself) against `fields`, reporting
/// every problem. `header` is where the table starts, for a missing key.
pub(crate) fn check(
    report: &mut Report,
    table: &DeTable,
    header: Range<usize>,
    fields: &[Field],
    path: &str,
) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let key_path = join(path, name);
        match fields.iter().find(|f| f.key == name) {
            Some(field) => check_value(report, value, field.kind, &key_path),
            None => report.error(key.span(), &key_path, unknown_key(name, fields, path)),
        }
    }
    for field in fields.iter().filter(|f| f.required) {
        if !table.keys().any(|k| k.get_ref() == field.key) {
            let missing = problem::Kind::MissingKey {
                key: field.key.to_string(),
                table: (!path.is_empty()).then(|| table_name(path)),
                expected: expected(field.kind),
            };
            report.error(header.clone(), &join(path, field.key), missing);
        }
    }
}

fn check_value(report: &mut Report, value: &Spanned<DeValue>, kind: Kind, key_path: &str) {
    let found = value.get_ref();
    let fits = match (kind, found) {
        (Kind::Text, DeValue::String(_)) | (Kind::Integer, DeValue::Integer(_)) => true,
        (Kind::Date, DeValue::Datetime(_)) => true,
        (Kind::Texts, DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_value(report, item, Kind::Text, &format!("{key_path}[{}]", i + 1));
            }
            true
        }
        (Kind::Tables(fields), DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{key_path}[{}]", i + 1);
                match item.get_ref() {
                    DeValue::Table(table) => check(report, table, item.span(), fields, &item_path),
                    other => report.error(
                        item.span(),
                        &item_path,
                        problem::Kind::NotATable {
                            found: self::found(other),
                        },
                    ),
                }
            }
            true
        }
        _ => false,
    };
    if !fits {
        if let (Kind::Tables(_), DeValue::Table(_)) = (kind, found) {
            let table = table_name(key_path);
            report.error(value.span(), key_path, problem::Kind::OneTable { table });
            return;
        }
        let unquoted = match (kind, found) {
            (Kind::Date, DeValue::String(s)) => Some(s.to_string()),
            (Kind::Integer, DeValue::String(s)) if s.trim().parse::<i64>().is_ok() => {
                Some(s.trim().to_string())
            }
            _ => None,
        };
        let wrong = problem::Kind::WrongType {
            found: self::found(found),
            expected: expected(kind),
            unquoted,
        };
        report.error(value.span(), key_path, wrong);
    }
}

/// `goals[2].actions[1]` + `name` → `goals[2].actions[1].name`.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `goals[2].actions[1]` → `goals.actions`: the table's name as written in a `[[…]]` header.
fn table_name(path: &str) -> String {
    path.split('.')
        .map(|part| part.split('[').next().unwrap_or(part))
        .collect::<Vec<_>>()
        .join(".")
}

fn unknown_key(name: &str, fields: &[Field], path: &str) -> problem::Kind {
    problem::Kind::UnknownKey {
        key: name.to_string(),
        table: (!path.is_empty()).then(|| table_name(path)),
        suggestion: nearest(name, fields.iter().map(|f| f.key)).map(str::to_string),
        keys: fields.iter().map(|f| f.key.to_string()).collect(),
    }
}

/// The known key a misspelt one most likely means: `goal` → `goals`, `plan-ref` → `plan_ref`,
/// `Division` → `division`. None when nothing is close.
pub fn nearest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase().replace('-', "_");
    known
        .map(|k| (strsim::damerau_levenshtein(&name, k), k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// What a value is, as a problem tells it.
fn found(value: &DeValue) -> Found {
    match value {
        DeValue::String(_) => Found::String,
        DeValue::Integer(_) => Found::Integer,
        DeValue::Float(_) => Found::Float,
        DeValue::Boolean(_) => Found::Boolean,
        DeValue::Datetime(_) => Found::Date,
        DeValue::Array(_) => Found::Array,
        DeValue::Table(_) => Found::Table,
    }
}

/// What a value must be, as a problem tells it.
fn expected(kind: Kind) -> Expected {
    match kind {
        Kind::Text => Expected::Text,
        Kind::Integer => Expected::Integer,
        Kind::Date => Expected::Date,
        Kind::Texts => Expected::Texts,
        Kind::Tables(_) => Expected::Tables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_find_their_key() {
        let keys = || DIVISION.iter().map(|f| f.key);
        assert_eq!(nearest("goal", keys()), Some("goals"));
        assert_eq!(nearest("Division", keys()), Some("division"));
        assert_eq!(nearest("oder", keys()), Some("order"));
        assert_eq!(
            nearest("policy-indicators", keys()),
            Some("policy_indicators")
        );
        assert_eq!(nearest("年度", keys()), None);
        assert_eq!(nearest("colour", keys()), None);
        let keys = GOAL.iter().map(|f| f.key);
        assert_eq!(nearest("plan-ref", keys), Some("plan_ref"));
    }

    #[test]
    fn table_names_drop_the_indices() {
        assert_eq!(table_name("goals[2].actions[1]"), "goals.actions");
    }
}
