//! The shape of the sheet files: which keys each table may have, which of them are required,
//! and what type each value is.
//!
//! The parsed TOML is checked against it before serde reads it into the model, so that one run
//! reports every unknown key (with a "did you mean" for near misses such as `goal` for `goals`),
//! every value of the wrong type and every missing key of a file, each at its own line and
//! column; serde alone stops at the first. The shape is not written out a second time: it is
//! derived from the sheet's field table ([`crate::sheet::fields`]: each key, in order, its
//! kind, whether it is required, and its words for the slips' "a key in Japanese"). A test
//! reads the same shape from the serde structs of `files.rs` and the JSON Schemas schemars
//! derives from them (their keys, types, required keys and descriptions), so the table and
//! the typed structs cannot drift apart.

#[cfg(test)]
use super::files::{ActionFile, DivisionFile, GoalFile, IndicatorFile, WardFile};
use crate::sheet::fields::{self, FIELDS, Level};
use crate::sheet::problem::{self, Expected, FormatKind, Found, Report};
#[cfg(test)]
use serde::Deserialize;
#[cfg(test)]
use serde_json::Value;
use std::ops::Range;
use std::sync::LazyLock;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What a value must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    Integer,
    /// `true` or `false`.
    Flag,
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
    /// What the key is, in the sheet's Japanese words (its schema description): 組織名（部）.
    pub about: &'static str,
}

/// `ward.toml`'s keys.
pub fn ward() -> &'static [Field] {
    static WARD: LazyLock<&'static [Field]> = LazyLock::new(|| of_table(FIELDS, Level::Ward));
    *WARD
}

/// A division file's keys, its `[[goals]]`' and theirs.
pub fn division() -> &'static [Field] {
    static DIVISION: LazyLock<&'static [Field]> =
        LazyLock::new(|| of_table(FIELDS, Level::Division));
    *DIVISION
}

/// The keys of an item of `level` as the field table `fields` has them: each key in order, its
/// kind, whether it is required, its words (the table's `about`, or its label). Made once per
/// process; the few fields are kept for its life.
pub fn of_table(fields: &'static [fields::Field], level: Level) -> &'static [Field] {
    let shape: Vec<Field> = fields::of(fields, level)
        .map(|field| {
            let kind = match field.kind {
                fields::Kind::Text | fields::Kind::Line | fields::Kind::Rating => Kind::Text,
                fields::Kind::Lines | fields::Kind::Stamps => Kind::Texts,
                fields::Kind::Date => Kind::Date,
                fields::Kind::Number | fields::Kind::Order => Kind::Integer,
                fields::Kind::Flag => Kind::Flag,
                fields::Kind::Items(below) => Kind::Tables(of_table(fields, below)),
            };
            let about = match field.about {
                "" => field.label,
                about => about,
            };
            Field {
                key: field.key,
                kind,
                required: field.required,
                about,
            }
        })
        .collect();
    Box::leak(shape.into_boxed_slice())
}

/// Keys the schema marks required (so that editors ask for them) whose absence the sheet's
/// rules report in plain words instead ("this division has no goal").
#[cfg(test)]
const TOLD_BY_THE_RULES: [&str; 1] = ["goals"];

/// The keys of the serde struct `T`, in the order it declares them (the order messages list
/// them in), each with the kind of value its JSON Schema (`schema`, inside `root`) gives it.
/// Made once per process; the few fields are kept for its life. Only the tests read the shape
/// this way, to check the field table against the typed structs.
#[cfg(test)]
fn describe<T: for<'de> Deserialize<'de>>(schema: &Value, root: &Value) -> &'static [Field] {
    let required: Vec<&str> = (schema["required"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    let fields: Vec<Field> = serde_fields::<T>()
        .iter()
        .map(|&key| Field {
            key,
            kind: kind_of(&schema["properties"][key], root),
            required: required.contains(&key) && !TOLD_BY_THE_RULES.contains(&key),
            about: about(&schema["properties"][key]),
        })
        .collect();
    Box::leak(fields.into_boxed_slice())
}

/// A property's description without its example: `組織名（部）: 東区` → `組織名（部）`.
#[cfg(test)]
fn about(property: &Value) -> &'static str {
    let description = property["description"].as_str().unwrap_or_default();
    let about = description.split(": ").next().unwrap_or_default().trim();
    Box::leak(about.to_string().into_boxed_str())
}

/// The kind of value a property of a JSON Schema describes.
#[cfg(test)]
fn kind_of(property: &Value, root: &Value) -> Kind {
    let types: Vec<&str> = match &property["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let format = property["format"].as_str();
    match types.iter().find(|t| **t != "null").copied() {
        Some("string") if format == Some("date") => Kind::Date,
        Some("integer") => Kind::Integer,
        Some("boolean") => Kind::Flag,
        Some("array") => match property["items"]["$ref"].as_str() {
            Some(reference) => Kind::Tables(tables(reference, root)),
            None => Kind::Texts,
        },
        _ => Kind::Text,
    }
}

/// The keys of an array of tables, by its schema definition (`#/$defs/GoalFile`).
#[cfg(test)]
fn tables(reference: &str, root: &Value) -> &'static [Field] {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    let definition = &root["$defs"][name];
    match name {
        "GoalFile" => describe::<GoalFile>(definition, root),
        "ActionFile" => describe::<ActionFile>(definition, root),
        "IndicatorFile" => describe::<IndicatorFile>(definition, root),
        other => unreachable!("the file format has no table {other}"),
    }
}

/// The field names serde's derive gives a struct, in its order: its `deserialize_struct` is
/// asked for them, by a deserializer that only listens.
#[cfg(test)]
pub(super) fn serde_fields<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor, value};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, value::Error> {
            Err(value::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, value::Error> {
            *self.0 = fields;
            Err(value::Error::custom("listened"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

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
            let missing = problem::Kind::Format(FormatKind::MissingKey {
                key: field.key.to_string(),
                table: (!path.is_empty()).then(|| table_name(path)),
                expected: expected(field.kind),
            });
            report.error(header.clone(), &join(path, field.key), missing);
        }
    }
}

/// Leaves in `table` only what `check` finds sound (known keys with values of their kind, all
/// the way down), so that the rest of the file can be read and checked by the sheet's rules.
/// A missing text is read as empty, so that the rest of its table can be checked; the paths of
/// those are added to `placeholders` (the missing key, or its broken line, is told already).
pub(crate) fn prune(
    table: &mut DeTable,
    fields: &[Field],
    path: &str,
    placeholders: &mut Vec<String>,
) {
    let mut unsound = Vec::new();
    for (key, value) in table.iter_mut() {
        let name: &str = key.get_ref();
        let sound = match fields.iter().find(|f| f.key == name) {
            Some(field) => {
                prune_value(value.get_mut(), field.kind, &join(path, name), placeholders)
            }
            None => false,
        };
        if !sound {
            unsound.push(name.to_string());
        }
    }
    for key in unsound {
        table.remove(key.as_str());
    }
    for field in fields
        .iter()
        .filter(|f| f.required && matches!(f.kind, Kind::Text))
    {
        if !table.contains_key(field.key) {
            placeholders.push(join(path, field.key));
            let key = Spanned::new(0..0, std::borrow::Cow::Borrowed(field.key));
            let empty = Spanned::new(0..0, DeValue::String(std::borrow::Cow::Borrowed("")));
            table.insert(key, empty);
        }
    }
}

/// Whether `value` is of `kind` (what is unsound inside it taken out).
fn prune_value(
    value: &mut DeValue,
    kind: Kind,
    key_path: &str,
    placeholders: &mut Vec<String>,
) -> bool {
    match (kind, value) {
        (Kind::Text, DeValue::String(_)) | (Kind::Integer, DeValue::Integer(_)) => true,
        (Kind::Date, DeValue::Datetime(_)) | (Kind::Flag, DeValue::Boolean(_)) => true,
        (Kind::Texts, DeValue::Array(items)) => {
            (items.iter()).all(|item| matches!(item.get_ref(), DeValue::String(_)))
        }
        (Kind::Tables(fields), DeValue::Array(items)) => {
            for (i, item) in items.iter_mut().enumerate() {
                let item_path = format!("{key_path}[{}]", i + 1);
                match item.get_mut() {
                    DeValue::Table(table) => prune(table, fields, &item_path, placeholders),
                    _ => return false,
                }
            }
            true
        }
        _ => false,
    }
}

/// The fields of the table a `[[…]]` or `[…]` header names (`goals.actions`), under `root`.
pub(crate) fn fields_at(root: &'static [Field], header: &str) -> Option<&'static [Field]> {
    let mut fields = root;
    for name in header.split('.').filter(|n| !n.is_empty()) {
        match fields.iter().find(|f| f.key == name.trim())?.kind {
            Kind::Tables(inner) => fields = inner,
            _ => return None,
        }
    }
    Some(fields)
}

fn check_value(report: &mut Report, value: &Spanned<DeValue>, kind: Kind, key_path: &str) {
    let found = value.get_ref();
    let fits = match (kind, found) {
        (Kind::Text, DeValue::String(_)) | (Kind::Integer, DeValue::Integer(_)) => true,
        (Kind::Date, DeValue::Datetime(_)) | (Kind::Flag, DeValue::Boolean(_)) => true,
        (Kind::Texts, DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_value(report, item, Kind::Text, &format!("{key_path}[{}]", i + 1));
            }
            true
        }
        // Past the limit of goals, actions or indicators the sheet's rules say so once:
        // 30,000 goals are not checked, nor their problems told, one by one.
        (Kind::Tables(_), DeValue::Array(items)) if items.len() > fields::MAX_ITEMS => true,
        (Kind::Tables(fields), DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{key_path}[{}]", i + 1);
                match item.get_ref() {
                    DeValue::Table(table) => check(report, table, item.span(), fields, &item_path),
                    other => report.error(
                        item.span(),
                        &item_path,
                        problem::Kind::Format(FormatKind::NotATable {
                            found: self::found(other),
                        }),
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
            report.error(
                value.span(),
                key_path,
                problem::Kind::Format(FormatKind::OneTable { table }),
            );
            return;
        }
        let unquoted = match (kind, found) {
            (Kind::Date, DeValue::String(s)) => Some(s.to_string()),
            (Kind::Integer, DeValue::String(s)) if s.trim().parse::<i64>().is_ok() => {
                Some(s.trim().to_string())
            }
            (Kind::Flag, DeValue::String(s)) if matches!(s.trim(), "true" | "false") => {
                Some(s.trim().to_string())
            }
            _ => None,
        };
        let wrong = problem::Kind::Format(FormatKind::WrongType {
            found: self::found(found),
            expected: expected(kind),
            unquoted,
        });
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
    problem::Kind::Format(FormatKind::UnknownKey {
        key: name.to_string(),
        table: (!path.is_empty()).then(|| table_name(path)),
        suggestion: nearest(name, fields.iter().map(|f| f.key)).map(str::to_string),
        keys: fields.iter().map(|f| f.key.to_string()).collect(),
    })
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
        Kind::Flag => Expected::Flag,
        Kind::Date => Expected::Date,
        Kind::Texts => Expected::Texts,
        Kind::Tables(_) => Expected::Tables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape as the serde structs and their schemas give it, field by field.
    fn from_serde(shape: &[Field]) -> Vec<(String, String, bool, String)> {
        (shape.iter())
            .map(|f| {
                let kind = match f.kind {
                    Kind::Tables(inner) => format!("{:?}", from_serde(inner)),
                    kind => format!("{kind:?}"),
                };
                (f.key.to_string(), kind, f.required, f.about.to_string())
            })
            .collect()
    }

    #[test]
    fn a_field_added_to_the_table_is_checked() {
        let fields = crate::sheet::fields::tests::with_risks();
        let shape = of_table(fields, Level::Division);
        let goals = shape.iter().find(|f| f.key == "goals").unwrap();
        let Kind::Tables(goal) = goals.kind else {
            panic!("goals is an array of tables");
        };
        let keys: Vec<_> = goal.iter().map(|f| (f.key, f.about)).collect();
        assert_eq!(keys[5], ("risks", "想定されるリスク"), "{keys:?}");
        // A file with it passes the shape check; without the table's entry, it would not.
        let text = "[[goals]]\ntext = \"目標\"\nrisks = \"人手\"\n";
        let table = DeTable::parse(text).unwrap();
        let path = std::path::Path::new("x.toml");
        let mut report = Report::new(path, text);
        check(&mut report, table.get_ref(), 0..0, shape, "");
        let unknown = |r: &Report| r.problems.iter().any(|p| p.key.contains("risks"));
        assert!(!unknown(&report), "{:?}", report.problems);
        let mut report = Report::new(path, text);
        check(&mut report, table.get_ref(), 0..0, division(), "");
        assert!(unknown(&report), "{:?}", report.problems);
    }

    #[test]
    fn the_field_table_is_the_shape_of_the_typed_structs() {
        let schema = super::super::division_schema();
        let typed = describe::<DivisionFile>(&schema, &schema);
        assert_eq!(from_serde(division()), from_serde(typed));
        let schema = super::super::ward_schema();
        let typed = describe::<WardFile>(&schema, &schema);
        assert_eq!(from_serde(ward()), from_serde(typed));
    }

    #[test]
    fn near_misses_find_their_key() {
        let keys = || division().iter().map(|f| f.key);
        assert_eq!(nearest("goal", keys()), Some("goals"));
        assert_eq!(nearest("Division", keys()), Some("division"));
        assert_eq!(nearest("oder", keys()), Some("order"));
        assert_eq!(
            nearest("policy-indicators", keys()),
            Some("policy_indicators")
        );
        assert_eq!(nearest("年度", keys()), None);
        assert_eq!(nearest("colour", keys()), None);
        let goal = match division().iter().find(|f| f.key == "goals").unwrap().kind {
            Kind::Tables(fields) => fields,
            other => panic!("goals is {other:?}"),
        };
        let keys = goal.iter().map(|f| f.key);
        assert_eq!(nearest("plan-ref", keys), Some("plan_ref"));
    }

    #[test]
    fn the_shape_is_read_from_the_file_format() {
        let shape = |fields: &[Field]| -> Vec<(&str, String, bool)> {
            let kind = |kind: &Kind| match kind {
                Kind::Tables(fields) => format!("tables of {}", fields.len()),
                other => format!("{other:?}"),
            };
            fields
                .iter()
                .map(|f| (f.key, kind(&f.kind), f.required))
                .collect()
        };
        let s = |key, kind: &str, required| (key, kind.to_string(), required);
        assert_eq!(
            shape(ward()),
            [
                s("ward", "Text", true),
                s("fiscal_year", "Integer", true),
                s("created", "Date", true),
                s("evaluated", "Date", false),
                s("interim", "Flag", false),
                s("approval", "Texts", false),
                s("stamps", "Text", false),
                s("deadline", "Date", false),
            ]
        );
        // `goals` is required by the schema, for editors; its absence is told by the rules.
        assert_eq!(
            shape(division()),
            [
                s("order", "Integer", true),
                s("department", "Text", true),
                s("division", "Text", true),
                s("policy_indicators", "Texts", false),
                s("approval", "Texts", false),
                s("goals", "tables of 6", false),
            ]
        );
        let goal = match division()[5].kind {
            Kind::Tables(fields) => fields,
            _ => unreachable!(),
        };
        assert_eq!(
            shape(goal)[..2],
            [s("text", "Text", true), s("plan_ref", "Text", false)]
        );
        let indicator = match goal[5].kind {
            Kind::Tables(action) => match action[2].kind {
                Kind::Tables(indicator) => indicator,
                _ => unreachable!(),
            },
            _ => unreachable!(),
        };
        assert_eq!(
            shape(indicator),
            [
                s("name", "Text", true),
                s("target", "Text", true),
                s("result", "Text", false),
            ]
        );
    }

    #[test]
    fn table_names_drop_the_indices() {
        assert_eq!(table_name("goals[2].actions[1]"), "goals.actions");
    }
}
