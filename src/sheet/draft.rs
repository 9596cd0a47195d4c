//! A division as the browser edits it: the keys of its TOML file as JSON, read leniently from
//! the file (a value of the wrong type comes as its TOML text, to be corrected in the form) and
//! written back into the same document with `toml_edit`, so that comments, blank lines,
//! indentation and keys the form does not show (`approval`) stay as they were.
//!
//! The draft names no field of the sheet: besides what gives it its shape (the division's
//! `order`, `department` and `division`, each item's `id`, its `text` or `name` and its items
//! below), an item's values are kept by their keys as the field table ([`FIELDS`]) has them.
//! What the browser sends is checked against that table ([`checked`]): a key it does not know,
//! or a value of another kind, is refused, as the typed members refuse theirs.

use super::fields::{self, FIELDS, Field, Kind, Level, Phase};
use super::identity::ID;
use super::model;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};
use unicode_width::UnicodeWidthStr;

/// An item's values besides its members, by their keys in the file, as JSON (a text as a
/// string, lines as an array of strings, a number as a number or null).
pub type Values = BTreeMap<String, Json>;

/// A division file's keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Json")]
pub struct Draft {
    /// `None` when the file has no whole number there (the form then asks for one).
    pub order: Option<i64>,
    pub department: String,
    pub division: String,
    #[serde(flatten)]
    pub values: Values,
    pub goals: Vec<DraftGoal>,
}

/// [`Draft`] as read once what was sent is [`checked`].
#[derive(Deserialize)]
struct Unchecked {
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    department: String,
    #[serde(default)]
    division: String,
    #[serde(flatten)]
    values: Values,
    #[serde(default)]
    goals: Vec<DraftGoal>,
}

// The items below are read as they come: a draft reads them only once they are checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftGoal {
    /// Who the item is through moves, inserts and deletes ([`super::identity`]): in the
    /// browser's JSON and the history, never in the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(flatten)]
    pub values: Values,
    #[serde(default)]
    pub actions: Vec<DraftAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftAction {
    /// Who the item is through moves, inserts and deletes ([`super::identity`]): in the
    /// browser's JSON and the history, never in the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(flatten)]
    pub values: Values,
    #[serde(default)]
    pub indicators: Vec<DraftIndicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftIndicator {
    /// Who the item is through moves, inserts and deletes ([`super::identity`]): in the
    /// browser's JSON and the history, never in the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(flatten)]
    pub values: Values,
}

/// What does not fit the field table in a draft as sent: data, put in serde's words only when
/// shown (the 422 of a save says them through `Whole`).
#[derive(Debug)]
pub enum Misfit {
    /// An item that is not a JSON object.
    NotAnObject(Json),
    /// An item's `id` that is not a string.
    IdNotText(Json),
    /// A key no field of the item's level has.
    UnknownKey(String),
    /// A value of another kind than its field's.
    WrongKind { key: String, value: Json },
    /// What serde refused once the keys fit.
    Shape(serde_json::Error),
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Misfit::NotAnObject(item) => write!(f, "invalid type: {item}, expected a map"),
            Misfit::IdNotText(value) => {
                write!(f, "invalid type: {value}, expected a string for `{ID}`")
            }
            Misfit::UnknownKey(key) => write!(f, "unknown field `{key}`"),
            Misfit::WrongKind { key, value } => {
                write!(f, "invalid type: {value}, wrong kind for `{key}`")
            }
            Misfit::Shape(err) => err.fmt(f),
        }
    }
}

impl TryFrom<Json> for Draft {
    type Error = Misfit;

    /// A draft as sent (or stored), [`checked`] and filled in.
    fn try_from(mut sent: Json) -> Result<Draft, Misfit> {
        checked(FIELDS, Level::Division, &mut sent)?;
        let read: Unchecked = serde_json::from_value(sent).map_err(Misfit::Shape)?;
        Ok(Draft::from(read))
    }
}

impl From<Unchecked> for Draft {
    fn from(read: Unchecked) -> Draft {
        Draft {
            order: read.order,
            department: read.department,
            division: read.division,
            values: read.values,
            goals: read.goals,
        }
    }
}

/// `item`, of `level`, held to what `fields` say it has, at every depth: a key none of them
/// has (nor an item's `id`) and a value of another kind are refused ([`Misfit`]); a key left
/// out is added blank (an empty text, no lines, no number, no items).
pub fn checked(fields: &[Field], level: Level, item: &mut Json) -> Result<(), Misfit> {
    let Json::Object(keys) = item else {
        return Err(Misfit::NotAnObject(item.clone()));
    };
    let editable = || fields::of(fields, level).filter(|f| f.phase != Phase::Setting);
    for (key, value) in keys.iter_mut() {
        if key == ID && level != Level::Division {
            if !value.is_string() {
                return Err(Misfit::IdNotText(value.clone()));
            }
            continue;
        }
        let Some(field) = editable().find(|f| f.key == key) else {
            return Err(Misfit::UnknownKey(key.clone()));
        };
        let fits = match field.kind {
            Kind::Order | Kind::Number => value.is_null() || value.is_i64(),
            Kind::Lines | Kind::Stamps => {
                (value.as_array()).is_some_and(|lines| lines.iter().all(Json::is_string))
            }
            Kind::Items(below) => match value.as_array_mut() {
                Some(items) => {
                    for item in items {
                        checked(fields, below, item)?;
                    }
                    true
                }
                None => false,
            },
            _ => value.is_string(),
        };
        if !fits {
            return Err(Misfit::WrongKind {
                key: key.clone(),
                value: value.clone(),
            });
        }
    }
    for field in editable() {
        let blank = match field.kind {
            Kind::Order | Kind::Number => Json::Null,
            Kind::Lines | Kind::Stamps | Kind::Items(_) => Json::Array(Vec::new()),
            _ => Json::from(""),
        };
        keys.entry(field.key).or_insert(blank);
    }
    Ok(())
}

/// An item of `level` with nothing in it, every value blank.
fn blank<T: DeserializeOwned>(level: Level) -> T {
    let mut item = Json::Object(serde_json::Map::new());
    let _ = checked(FIELDS, level, &mut item);
    serde_json::from_value(item).expect("a blank item reads as its type")
}

impl Default for Draft {
    fn default() -> Draft {
        Draft::from(blank::<Unchecked>(Level::Division))
    }
}

impl Default for DraftGoal {
    fn default() -> DraftGoal {
        blank(Level::Goal)
    }
}

impl Default for DraftAction {
    fn default() -> DraftAction {
        blank(Level::Action)
    }
}

impl Default for DraftIndicator {
    fn default() -> DraftIndicator {
        blank(Level::Indicator)
    }
}

/// The version of a file's bytes, as an HTTP entity tag (quoted).
pub fn etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// The division a file's document holds, as far as it can be read.
pub fn read(document: &DocumentMut) -> Draft {
    let keys = read_item(FIELDS, document.as_table(), Level::Division);
    serde_json::from_value(Json::Object(keys)).unwrap_or_default()
}

/// The keys of an item of `level` (a division, goal, action or indicator) as `fields` describe
/// them, as JSON: a text as its text (any other value as its TOML text), lines as an array, a
/// number as a number (or null), the items below in turn.
pub fn read_item(fields: &[Field], table: &Table, level: Level) -> serde_json::Map<String, Json> {
    let mut keys = serde_json::Map::new();
    for field in fields::of(fields, level).filter(|f| f.phase != Phase::Setting) {
        let value = match field.kind {
            Kind::Order | Kind::Number => (table.get(field.key))
                .and_then(Item::as_value)
                .and_then(Value::as_integer)
                .map_or(Json::Null, Json::from),
            Kind::Lines | Kind::Stamps => Json::from(texts(table, field.key)),
            Kind::Items(below) => (tables(table, field.key))
                .map(|item| Json::Object(read_item(fields, item, below)))
                .collect(),
            _ => Json::from(text(table, field.key)),
        };
        keys.insert(field.key.to_string(), value);
    }
    keys
}

impl From<&model::Division> for Draft {
    /// A checked division as the browser's form has it: the model serialises with the file's
    /// keys.
    fn from(division: &model::Division) -> Draft {
        serde_json::to_value(division)
            .ok()
            .and_then(|keys| Draft::try_from(keys).ok())
            .unwrap_or_default()
    }
}

impl From<DraftGoal> for model::Goal {
    /// A goal of the form as the checked model has it (its texts as they are).
    fn from(goal: DraftGoal) -> model::Goal {
        model::texts_of(Level::Goal, &goal)
    }
}

impl Draft {
    /// The draft without the goals, actions and indicators left wholly blank (the slots `new`
    /// writes): an item stays when one of its own values or an item below it is filled in.
    pub fn without_blank_items(&self) -> Draft {
        let mut keys = serde_json::to_value(self).unwrap_or_default();
        filled(FIELDS, Level::Division, &mut keys);
        serde_json::from_value(keys).unwrap_or_default()
    }
}

/// Whether `item`, of `level`, has anything filled in, its blank items below taken away.
fn filled(fields: &[Field], level: Level, item: &mut Json) -> bool {
    let mut any = false;
    for field in fields::of(fields, level).filter(|f| f.phase != Phase::Setting) {
        match (field.kind, item.get_mut(field.key)) {
            (Kind::Items(below), Some(Json::Array(items))) => {
                items.retain_mut(|item| filled(fields, below, item));
                any |= !items.is_empty();
            }
            (_, Some(value)) => any |= !fields::shown(value).trim().is_empty(),
            (_, None) => {}
        }
    }
    any
}

/// A text value; any other value as its TOML text, so the form shows what is there.
pub(crate) fn text(table: &Table, key: &str) -> String {
    match table.get(key) {
        Some(Item::Value(Value::String(s))) => s.value().clone(),
        Some(Item::Value(value)) => value.clone().decorated("", "").to_string(),
        _ => String::new(),
    }
}

pub(crate) fn texts(table: &Table, key: &str) -> Vec<String> {
    match table.get(key).and_then(Item::as_array) {
        Some(array) => array
            .iter()
            .map(|v| match v.as_str() {
                Some(s) => s.to_string(),
                None => v.clone().decorated("", "").to_string(),
            })
            .collect(),
        None => Vec::new(),
    }
}

fn tables<'a>(table: &'a Table, key: &str) -> impl Iterator<Item = &'a Table> {
    table
        .get(key)
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(ArrayOfTables::iter)
}

/// Writes `draft` into `document`: each value replaced where it is, keeping the comments and
/// spacing around it; keys added only where the draft has something to say, in place of their
/// commented-out lines when the file has them ([`uncomment`]); goals, actions and indicators
/// added or taken away at the end of their lists.
///
/// [`uncomment`]: super::uncomment
pub fn apply(document: &mut DocumentMut, draft: &Draft) {
    let before = super::uncomment::Before::of(document);
    let draft = serde_json::to_value(draft).unwrap_or_default();
    let top = document.as_table_mut();
    apply_item(FIELDS, top, Level::Division, &draft, "");
    super::uncomment::keep_hints(document, &before);
    super::uncomment::settle(document, &before);
}

/// [`apply`] to the file whose keys with their items' ids are `current`: the goals', actions'
/// and indicators' tables first put in the draft's order by who they are ([`rearrange`]), so
/// that the comments and hints of each go with it.
///
/// [`rearrange`]: super::rearrange
pub fn apply_identified(document: &mut DocumentMut, draft: &Draft, current: &Json) {
    let data = serde_json::to_value(draft).unwrap_or_default();
    super::rearrange::rearrange(FIELDS, document, current, &data);
    apply(document, draft);
}

/// The values of an item of `level` (`data`, as [`read_item`] gives them) written into `table`
/// as `fields` describe them: a required key always, another only when it has something to
/// say; the items below in their arrays of tables, whose headers are indented by `indent`
/// (the division's goals not at all, each level below two spaces more).
pub fn apply_item(fields: &[Field], table: &mut Table, level: Level, data: &Json, indent: &str) {
    for field in fields::of(fields, level).filter(|f| f.phase != Phase::Setting) {
        let value = &data[field.key];
        match field.kind {
            Kind::Order | Kind::Number => {
                if let Some(number) = value.as_i64() {
                    set(table, field.key, Value::from(number), true);
                }
            }
            Kind::Lines | Kind::Stamps => {
                let lines: Vec<&str> = (value.as_array().into_iter().flatten())
                    .filter_map(Json::as_str)
                    .collect();
                let wanted = !lines.is_empty();
                let list: Array = lines.into_iter().collect();
                set(table, field.key, Value::Array(list), wanted);
            }
            Kind::Items(below) => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                let inner = match level {
                    Level::Division => String::new(),
                    _ => format!("{indent}  "),
                };
                set_tables(table, field.key, items, &inner, |table, item, indent| {
                    apply_item(fields, table, below, item, indent);
                });
            }
            _ => {
                let text = value.as_str().unwrap_or_default();
                set_text(table, field.key, text, field.required);
            }
        }
    }
}

fn set_text(table: &mut Table, key: &str, text: &str, required: bool) {
    set(table, key, Value::from(text), required || !text.is_empty());
}

/// `key = value` in `table`: an existing value replaced with its decoration (the comment after
/// it) kept; a new key added, indented as the table's first key, only when `wanted`. An
/// existing key is kept even when emptied: the comments above it stay with it.
pub(crate) fn set(table: &mut Table, key: &str, value: Value, wanted: bool) {
    let usual = notes_column(table);
    let start = value_start(table, key);
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        if same(old, &value) {
            return;
        }
        let decor = old.decor().clone();
        let before = written(old);
        *old = value;
        *old.decor_mut() = decor;
        let usual = usual.and_then(|u| u.checked_sub(start));
        realign(old, &before, usual);
        return;
    }
    if !wanted {
        return;
    }
    let indent = table
        .iter()
        .next()
        .and_then(|(first, _)| table.key(first))
        .and_then(|k| k.leaf_decor().prefix().and_then(|p| p.as_str()))
        .map(|p| p.rsplit('\n').next().unwrap_or("").to_string())
        .unwrap_or_default();
    table.insert(key, Item::Value(value));
    if let Some(mut written) = table.key_mut(key) {
        written.leaf_decor_mut().set_prefix(indent);
    }
}

/// A value as the file shows it, without the spaces and comment around it.
fn written(value: &Value) -> String {
    value.clone().decorated("", "").to_string()
}

/// The column the value of `key` starts at in `table`: after its indentation and `key = `.
fn value_start(table: &Table, key: &str) -> usize {
    let indent = (table.key(key))
        .and_then(|k| k.leaf_decor().prefix().and_then(|p| p.as_str()))
        .map_or(0, |p| p.rsplit('\n').next().unwrap_or("").width());
    indent + key.width() + 3
}

/// The column most of the notes after a table's values start at (`new` writes them at one
/// column), when some value has one on its line.
fn notes_column(table: &Table) -> Option<usize> {
    let mut columns: Vec<usize> = (table.iter())
        .filter_map(|(key, item)| {
            let value = item.as_value()?;
            let suffix = value.decor().suffix().and_then(|s| s.as_str())?;
            let note = suffix.trim_start_matches(' ');
            let shown = written(value);
            (note.starts_with('#') && !shown.contains('\n'))
                .then(|| value_start(table, key) + shown.width() + suffix.len() - note.len())
        })
        .collect();
    columns.sort_unstable();
    // The most common column; the leftmost of equally common ones.
    let count = |c: &usize| columns.iter().filter(|x| *x == c).count();
    columns
        .iter()
        .copied()
        .max_by_key(|c| (count(c), std::cmp::Reverse(*c)))
}

/// Keeps the comment after a replaced value in the column it was in (at least two spaces
/// after the value), as long as both values are one line. A note a long value had pushed
/// right goes back to the table's column of notes (`usual`, from the value's start) when the
/// value is shorter now.
fn realign(value: &mut Value, before: &str, usual: Option<usize>) {
    let Some(suffix) = value.decor().suffix().and_then(|s| s.as_str()) else {
        return;
    };
    let note = suffix.trim_start_matches(' ');
    let spaces = suffix.len() - note.len();
    let now = written(value);
    if !note.starts_with('#') || before.contains('\n') || now.contains('\n') {
        return;
    }
    let mut column = before.width() + spaces;
    // Pushed right: the value reached past the column, its note two spaces after it.
    if let Some(usual) = usual.filter(|u| column > *u && spaces <= 2) {
        column = usual.max(now.width() + 2);
    }
    let padding = column.saturating_sub(now.width()).max(spaces.min(2));
    let suffix = format!("{}{note}", " ".repeat(padding));
    value.decor_mut().set_suffix(suffix);
}

/// Whether a value already says what `new` says: left alone then, so an unchanged value keeps
/// how it was written (`'''…'''`, `"…"`, escapes).
fn same(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| same(x, y))
        }
        _ => false,
    }
}

/// The array of tables `key` made as long as `items`, each table filled by `fill` (with the
/// indentation of the tables' `[[…]]` headers); removed when there are no items.
fn set_tables<T>(
    table: &mut Table,
    key: &str,
    items: &[T],
    indent: &str,
    fill: impl Fn(&mut Table, &T, &str),
) {
    if items.is_empty() {
        table.remove(key);
        return;
    }
    if !matches!(table.get(key), Some(Item::ArrayOfTables(_))) {
        table.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(tables) = table.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    while tables.len() > items.len() {
        tables.remove(tables.len() - 1);
    }
    for (i, item) in items.iter().enumerate() {
        // A table `rearrange` left without values for an item the file did not have is new too.
        let new = tables
            .get(i)
            .is_none_or(|t| t.iter().all(|(_, v)| !v.is_value()));
        if i == tables.len() {
            let mut table = Table::new();
            table.decor_mut().set_prefix(format!("\n{indent}"));
            tables.push(table);
        }
        if let Some(table) = tables.get_mut(i) {
            fill(table, item, indent);
            if new {
                // Its keys indented as its header is, like the tables the file had; not the
                // key of a table within it, which is a part of that table's `[[…]]` header.
                let names: Vec<String> = (table.iter())
                    .filter(|(_, item)| item.is_value())
                    .map(|(k, _)| k.to_string())
                    .collect();
                for name in names {
                    if let Some(mut key) = table.key_mut(&name) {
                        key.leaf_decor_mut().set_prefix(indent);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(values: &mut Values, key: &str, text: &str) {
        values.insert(key.into(), text.into());
    }

    const FILE: &str = r#"#:schema ../schema/division.schema.json
# 地域課のシート
order = 1                   # 冊子の中での順番
department = "東区"          # 組織名（部）
division = "地域課"
approval = ["区長", "課長"]

[[goals]]
text = '''一行目
二行目'''
# rating = "○"               # 評価（年度末に記入）
  [[goals.actions]]
  name = "取組"            # 取組名称
    [[goals.actions.indicators]]
    name = "指標"
    target = "10件"

[[goals]]
text = "二つ目"
"#;

    fn document() -> DocumentMut {
        FILE.parse().unwrap()
    }

    #[test]
    fn an_unchanged_draft_writes_the_file_back_as_it_was() {
        let mut document = document();
        let draft = read(&document);
        assert_eq!(draft.goals.len(), 2);
        assert_eq!(draft.goals[0].text, "一行目\n二行目");
        assert_eq!(
            draft.goals[0].actions[0].indicators[0].values["target"],
            "10件"
        );
        apply(&mut document, &draft);
        assert_eq!(document.to_string(), FILE);
    }

    #[test]
    fn edits_keep_the_comments_and_land_in_their_own_tables() {
        let mut document = document();
        let mut draft = read(&document);
        draft.department = "東区役所".into();
        put(&mut draft.goals[0].values, "rating", "○");
        put(
            &mut draft.goals[0].actions[0].indicators[0].values,
            "result",
            "12件",
        );
        let mut indicator = DraftIndicator {
            name: "新しい指標".into(),
            ..DraftIndicator::default()
        };
        put(&mut indicator.values, "target", "5回");
        let mut action = DraftAction {
            name: "新しい取組".into(),
            indicators: vec![indicator],
            ..DraftAction::default()
        };
        let summary = "#set page(width: 1cm) $x$ \"引用\" '''";
        put(&mut action.values, "summary", summary);
        draft.goals[0].actions.push(action);
        draft.goals.pop();
        apply(&mut document, &draft);
        let text = document.to_string();
        for kept in [
            "# 地域課のシート",
            "department = \"東区役所\"      # 組織名（部）",
            "rating = \"○\"                 # 評価（年度末に記入）",
            "  name = \"取組\"            # 取組名称",
            "approval = [\"区長\", \"課長\"]",
        ] {
            assert!(text.contains(kept), "{kept} not in\n{text}");
        }
        assert!(!text.contains("二つ目"), "{text}");
        assert!(
            text.contains("\n  name = \"新しい取組\"\n"),
            "indented: {text}"
        );
        assert!(
            text.contains("\n    target = \"5回\"\n"),
            "indented: {text}"
        );
        // The new action's indicator's header, indented as the file's are, not inside `[[…]]`.
        assert_eq!(
            text.matches("\n    [[goals.actions.indicators]]\n").count(),
            2,
            "headers as `new` writes them: {text}"
        );
        // Read back, the new action is the first goal's second, with its indicator.
        let back = read(&text.parse().unwrap());
        assert_eq!(back, draft, "{text}");
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let goals = parsed["goals"].as_array().unwrap();
        assert_eq!(goals.len(), 1);
        assert_eq!(goals[0]["actions"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn emptied_keys_stay_with_their_comments_and_new_empty_ones_are_not_added() {
        let mut document = document();
        let mut draft = read(&document);
        put(
            &mut draft.goals[0].actions[0].indicators[0].values,
            "target",
            "",
        );
        put(&mut draft.goals[1].values, "plan_ref", "");
        apply(&mut document, &draft);
        let text = document.to_string();
        assert!(text.contains("    target = \"\"\n"), "{text}");
        assert!(!text.contains("plan_ref"), "{text}");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_shown_as_written() {
        let document: DocumentMut = "order = \"one\"\ndivision = 3\n".parse().unwrap();
        let draft = read(&document);
        assert_eq!(draft.order, None);
        assert_eq!(draft.division, "3");
    }

    #[test]
    fn the_keys_new_leaves_commented_are_filled_in_where_they_stand() {
        let file = crate::sheet::model::write::blank_division_file(1, "西区", "企画課", "s.json");
        let mut document: DocumentMut = file.parse().unwrap();
        let mut draft = read(&document);
        draft.goals[0].text = "目標".into();
        put(&mut draft.goals[0].values, "rating", "○");
        put(&mut draft.goals[0].values, "next_steps", "続ける");
        put(
            &mut draft.goals[0].actions[0].indicators[0].values,
            "result",
            "12件",
        );
        put(&mut draft.goals[1].values, "status", "二つ目の状況");
        apply(&mut document, &draft);
        let text = document.to_string();
        assert_eq!(read(&text.parse().unwrap()), draft, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let first = |start: &str| lines.iter().position(|l| l.trim_start().starts_with(start));
        // A value replaced keeps its note in its column.
        assert!(
            lines.contains(&"text = \"目標\"               # 組織目標"),
            "{text}"
        );
        let plan_ref = first("plan_ref").unwrap();
        assert_eq!(
            &lines[plan_ref + 1..plan_ref + 4],
            [
                "rating = \"○\"                # 評価: ○ / △ / ×（年度末に記入）",
                "# status = \"\"               # 目標達成状況（年度末に記入）",
                "next_steps = \"続ける\"       # 今後の方針（年度末に記入）",
            ],
            "{text}"
        );
        assert!(
            text.contains("\n    target = \"\"             # 目標: 6地区\n    result = \"12件\"         # 結果（年度末に記入）\n"),
            "{text}"
        );
        let second = lines
            .iter()
            .position(|l| l.starts_with("[[goals]]   # No. 2"))
            .unwrap();
        let status = lines[second..]
            .iter()
            .position(|l| l.starts_with("status = "))
            .unwrap();
        assert!(
            lines[second + status].ends_with("# 目標達成状況（年度末に記入）"),
            "{text}"
        );
        assert!(lines[second + status - 1].starts_with("# rating"), "{text}");
        assert_eq!(
            text.matches("# rating = \"\"").count(),
            4,
            "the other goals' stay"
        );
    }

    #[test]
    fn a_hint_stays_beside_its_own_key_when_an_item_is_added_after_it() {
        let file = crate::sheet::model::write::blank_division_file(1, "西区", "企画課", "s.json");
        let mut document: DocumentMut = file.parse().unwrap();
        let mut draft = read(&document);
        let added = |name: &str| {
            let mut indicator = DraftIndicator {
                name: name.into(),
                ..DraftIndicator::default()
            };
            put(&mut indicator.values, "target", "5件");
            indicator
        };
        draft.goals[0].actions[0].indicators.push(added("二つ目"));
        put(
            &mut draft.goals[1].actions[0].indicators[0].values,
            "result",
            "3件",
        );
        draft.goals[1].actions[0].indicators.push(added("二つ目"));
        let last = draft.goals.len() - 1;
        draft.goals[last].actions[0].indicators.push(added("最後"));
        apply(&mut document, &draft);
        let text = document.to_string();
        assert_eq!(read(&text.parse().unwrap()), draft, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let after_target: Vec<&str> = (lines.iter().enumerate())
            .filter(|(_, l)| l.ends_with("# 目標: 6地区"))
            .map(|(i, _)| lines[i + 1].trim_start())
            .collect();
        assert_eq!(after_target.len(), 5, "{text}");
        assert!(after_target[0].starts_with("# result = \"\""), "{text}");
        assert_eq!(
            after_target[1],
            "result = \"3件\"          # 結果（年度末に記入）"
        );
        assert!(
            after_target[2..]
                .iter()
                .all(|l| l.starts_with("# result = \"\"")),
            "{text}"
        );
        // The added indicators have no hint of another's below them.
        for (i, line) in lines.iter().enumerate() {
            if line.trim_start() == "target = \"5件\"" {
                let next = lines.get(i + 1).map_or("", |l| l.trim_start());
                assert!(!next.starts_with('#'), "{text}");
            }
        }
    }

    #[test]
    fn a_note_pushed_right_by_a_long_value_comes_back_to_its_column() {
        let long = "長い".repeat(50);
        let file = format!(
            "[[goals]]\ntext = \"{long}\"  # 組織目標\nplan_ref = \"\"               # 位置づけ\n\
             status = \"\"                 # 状況\n"
        );
        let mut document: DocumentMut = file.parse().unwrap();
        let mut draft = read(&document);
        draft.goals[0].text = "短い".into();
        apply(&mut document, &draft);
        let text = document.to_string();
        let line = text.lines().find(|l| l.starts_with("text")).unwrap();
        let at = line.find('#').unwrap();
        assert_eq!(
            line[..at].width(),
            28,
            "in the column of the others: {text}"
        );
        // A value that grows pushes its note, and back again.
        draft.goals[0].text = long.clone();
        apply(&mut document, &draft);
        let again = document.to_string();
        assert!(
            again.contains(&format!("text = \"{long}\"  # 組織目標")),
            "{again}"
        );
    }

    #[test]
    fn what_is_sent_is_held_to_the_field_table() {
        let sent = |goal: Json| Draft::try_from(serde_json::json!({ "goals": [goal] }));
        let unknown = sent(serde_json::json!({ "text": "目標", "colour": "赤" }));
        let unknown = unknown.unwrap_err().to_string();
        assert!(unknown.starts_with("unknown field `colour`"), "{unknown}");
        let wrong = sent(serde_json::json!({ "rating": 5 }))
            .unwrap_err()
            .to_string();
        assert!(wrong.starts_with("invalid type"), "{wrong}");
        let nested = serde_json::json!({ "actions": [{ "indicators": [{ "target": [] }] }] });
        assert!(sent(nested).is_err(), "at every depth");
        assert!(
            sent(serde_json::json!({ "approval": [] })).is_err(),
            "a setting"
        );
        // What is left out is there blank, as the browser gets it: every key of the table.
        let read = sent(serde_json::json!({ "id": "g1", "rating": "○" })).unwrap();
        let keys = serde_json::to_value(&read).unwrap();
        let goal = &keys["goals"][0];
        assert_eq!(
            (&goal["id"], &goal["rating"]),
            (&Json::from("g1"), &Json::from("○"))
        );
        for (json, level) in [(&keys, Level::Division), (goal, Level::Goal)] {
            for field in fields::of(FIELDS, level).filter(|f| f.phase != Phase::Setting) {
                assert!(json.get(field.key).is_some(), "{} in {json}", field.key);
            }
        }
        assert_eq!(
            Draft::default(),
            Draft::try_from(serde_json::json!({})).unwrap()
        );
        assert_eq!(keys["policy_indicators"], serde_json::json!([]));
        assert_eq!(keys["order"], Json::Null);
    }

    #[test]
    fn a_division_of_the_model_goes_through_its_draft_and_back() {
        let division = model::Division {
            order: 3,
            name: "地域課".into(),
            policy_indicators: vec!["・一".into()],
            goals: vec![model::Goal {
                text: "目標".into(),
                next_steps: "続ける".into(),
                actions: vec![model::Action {
                    summary: "概要".into(),
                    indicators: vec![model::Indicator {
                        result: "12件".into(),
                        ..model::Indicator::default()
                    }],
                    ..model::Action::default()
                }],
                ..model::Goal::default()
            }],
            ..model::Division::default()
        };
        let draft = Draft::from(&division);
        assert_eq!(draft.order, Some(3));
        assert_eq!(
            draft.values["policy_indicators"],
            serde_json::json!(["・一"])
        );
        let goal = &draft.goals[0];
        assert_eq!(goal.values["next_steps"], "続ける");
        assert_eq!(goal.actions[0].values["summary"], "概要");
        assert_eq!(goal.actions[0].indicators[0].values["result"], "12件");
        let back = model::Goal::from(goal.clone());
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&division.goals[0]).unwrap()
        );
    }

    #[test]
    fn an_etag_changes_with_any_byte() {
        assert_eq!(etag(b"a"), etag(b"a"));
        assert_ne!(etag(b"a"), etag(b"b"));
        assert!(etag(b"").starts_with('"') && etag(b"").ends_with('"'));
    }
}
