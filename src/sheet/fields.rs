//! The sheet's fields, described once: for each key of `ward.toml` and of a division's file its
//! level, kind, Japanese label, the flat table's heading and the form workbook's column,
//! whether it is part of the April plan or of the year-end evaluation, whether it is required,
//! and its limits.
//!
//! The rest is derived from [`FIELDS`], each derivation a function of a `&[Field]` (so that a
//! test can hand it a table with one field more): the shape check ([`super::model`]'s
//! `shape.rs`), the comments `new` writes, the browser's form ([`form_description`]), the flat
//! table's and the form workbook's columns ([`flat_columns`], [`form_columns`]), import's "never
//! less" comparison ([`lost`]), next-year's clearing ([`evaluation_keys`]), the comparison of
//! two drafts field by field ([`differences`]), and the readings of an item as JSON with the
//! file's keys: what the typed model takes as written ([`texts`]), a blank slot ([`blank`],
//! [`without_blank_items`]) and the year-end evaluation ([`evaluated`]). The typed model
//! (`Ward`, `Division`, `Goal`, …) stays: this table describes it, it does not replace it.
//!
//! To add a field: one entry here, its member in the typed model (`model/mod.rs`) and in the
//! file's serde struct (`model/files.rs`), and its cell in `templates/form.typ`. The flat
//! table's columns are this table's (export writes the field and import reads it back), and
//! the browser's `Draft` keeps its value by its key, held to this table. A field with a form
//! workbook column needs its heading in the workbook's header rows (`exchange/form/write.rs`)
//! for import to find it there.

use serde::Serialize;
use serde_json::Value;

/// Where a field is: `ward.toml`, or a division's file, one of its goals, actions or
/// indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ward,
    Division,
    Goal,
    Action,
    Indicator,
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "of")]
pub enum Kind {
    /// A text, on one line or several.
    Text,
    /// A text on one line (a name, a figure).
    Line,
    /// Lines of text, an array of strings: `["…", "…"]`.
    Lines,
    /// ○, △ or × (or empty: not rated yet).
    Rating,
    /// A plain date, `2023-04-01`.
    Date,
    /// A whole number.
    Number,
    /// The division's place in its ward's volume (1, 2, 3, …).
    Order,
    /// `true` or `false`.
    Flag,
    /// The titles of approval stamp boxes.
    Stamps,
    /// An array of tables, each an item of the level below (`[[goals]]`).
    Items(Level),
}

/// When a field is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// The April plan (and what names the sheet).
    Plan,
    /// The year-end evaluation: `next-year` clears it, `new` writes it commented out.
    Evaluation,
    /// A setting that is not part of the sheet's text (the division's own stamp boxes): neither
    /// in the browser's form nor in the file `new` writes.
    Setting,
}

/// A column of the flat table: its place (left to right) and heading.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Flat {
    pub at: usize,
    pub heading: &'static str,
    /// In characters, as export's xlsx sets it.
    pub width: f64,
}

/// A column of the form workbook's goal table: its place (left to right) and width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FormCell {
    pub at: usize,
    /// In characters, in proportion to the printed sheet's.
    pub width: f64,
}

/// One key of the sheet's files.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Field {
    pub key: &'static str,
    pub level: Level,
    #[serde(flatten)]
    pub kind: Kind,
    /// What it is, in the sheet's Japanese words: 今後の方針.
    pub label: &'static str,
    /// An example or the choices, after the label in the comment `new` writes: `: 6地区`.
    pub example: &'static str,
    /// What it is, as the file format's schema describes it (`組織目標の本文`): the words the
    /// shape check and the slips' "a key in Japanese" know it by. A test checks them against
    /// the schema schemars derives from the typed structs.
    pub about: &'static str,
    /// The browser's words for it (a `web-` message, without `web-`).
    pub words: &'static str,
    pub phase: Phase,
    /// A file without it is refused (the shape check's missing key).
    pub required: bool,
    /// The most items (lines, stamp boxes, goals, …) it may have.
    pub most: Option<usize>,
    /// A figure of the year (the target): `next-year --clear-targets` empties it.
    pub yearly: bool,
    /// Its column of the flat table, when it has one.
    #[serde(skip)]
    pub flat: Option<Flat>,
    /// Its column of the form workbook's goal table, when it has one.
    #[serde(skip)]
    pub form: Option<FormCell>,
}

/// A field with no flat column, no form cell, no limit: what the entries below start from.
const fn field(level: Level, key: &'static str, kind: Kind, label: &'static str) -> Field {
    Field {
        key,
        level,
        kind,
        label,
        example: "",
        about: "",
        words: "",
        phase: Phase::Plan,
        required: false,
        most: None,
        yearly: false,
        flat: None,
        form: None,
    }
}

const fn flat(at: usize, heading: &'static str, width: f64) -> Option<Flat> {
    Some(Flat { at, heading, width })
}

const fn form(at: usize, width: f64) -> Option<FormCell> {
    Some(FormCell { at, width })
}

use Kind::*;
use Level::{Action as A, Division as D, Goal as G, Indicator as I, Ward as W};

/// Every field of the sheet's files, each level's in the order of its file's serde struct
/// (the order messages list keys in). The goal number (No.) is the goal's place, not a field.
pub const FIELDS: &[Field] = &[
    // ward.toml
    Field {
        required: true,
        flat: flat(0, "区", 10.0),
        about: "区名（または局名）",
        ..field(W, "ward", Line, "区名（または局名）")
    },
    Field {
        required: true,
        flat: flat(1, "年度", 10.0),
        about: "年度（西暦、4月〜翌3月）",
        ..field(W, "fiscal_year", Number, "年度（西暦、4月〜翌3月）")
    },
    Field {
        required: true,
        about: "作成日",
        ..field(W, "created", Date, "作成日")
    },
    Field {
        phase: Phase::Evaluation,
        about: "評価日（年度末の評価後に記入）",
        ..field(W, "evaluated", Date, "評価日")
    },
    Field {
        phase: Phase::Evaluation,
        about: "中間評価なら true（年度末より前の評価日を警告しない。PDF は「_中間評価」）",
        ..field(W, "interim", Flag, "中間評価")
    },
    Field {
        phase: Phase::Setting,
        most: Some(MAX_STAMPS),
        about: "承認印の欄（左が上位）",
        ..field(W, "approval", Stamps, "承認印の欄")
    },
    Field {
        phase: Phase::Setting,
        about: "承認印の欄に電子印を印刷しないなら \"paper\"（紙に押印）",
        ..field(W, "stamps", Line, "承認印の押し方")
    },
    Field {
        phase: Phase::Setting,
        about: "提出期限",
        ..field(W, "deadline", Date, "提出期限")
    },
    // A division's file.
    Field {
        required: true,
        words: "order",
        flat: flat(2, "順", 10.0),
        about: "冊子の中での順番（1, 2, 3, …）",
        ..field(D, "order", Order, "冊子の中での順番（1, 2, 3, …）")
    },
    Field {
        required: true,
        words: "department",
        flat: flat(3, "部", 10.0),
        about: "組織名（部）",
        ..field(D, DEPARTMENT, Line, "組織名（部）")
    },
    Field {
        required: true,
        words: "division",
        flat: flat(4, "課", 10.0),
        about: "組織名（準部・課・機関名）",
        ..field(D, DIVISION, Line, "組織名（準部・課・機関名）")
    },
    Field {
        example: ": [\"・…の割合\", \"・…の数\"]",
        words: "policy-indicators",
        most: Some(MAX_ITEMS),
        flat: flat(5, "施策指標", 40.0),
        about: "関連する施策の指標（1行に1つ）",
        ..field(D, "policy_indicators", Lines, "関連する施策の指標")
    },
    Field {
        phase: Phase::Setting,
        most: Some(MAX_STAMPS),
        flat: flat(17, "承認印", 10.0),
        about: "この課だけの承認印の欄（区の設定の代わり）",
        ..field(D, "approval", Stamps, "この課だけの承認印の欄")
    },
    // Required by the file's schema (so that editors ask for it), but its absence is told by
    // the sheet's rules in plain words ("this division has no goal"), not by the shape check.
    Field {
        most: Some(MAX_ITEMS),
        about: "組織目標（No. 1〜5）",
        ..field(D, "goals", Items(G), "組織目標")
    },
    // A goal.
    Field {
        required: true,
        words: "goal-text",
        flat: flat(7, "組織目標", 40.0),
        form: form(1, 30.0),
        about: "組織目標の本文",
        ..field(G, "text", Text, "組織目標")
    },
    Field {
        example: ": 行財3-2-③",
        words: "plan-ref",
        flat: flat(8, "位置づけ", 10.0),
        form: form(5, 16.0),
        about: "総合計画（実施計画）上の位置づけ",
        ..field(G, "plan_ref", Text, "総合計画（実施計画）上の位置づけ")
    },
    Field {
        example: ": ○ / △ / ×",
        words: "rating",
        phase: Phase::Evaluation,
        flat: flat(14, "評価", 10.0),
        form: form(8, 5.5),
        about: "評価",
        ..field(G, "rating", Rating, "評価")
    },
    Field {
        words: "status",
        phase: Phase::Evaluation,
        flat: flat(15, "目標達成状況", 40.0),
        form: form(9, 19.0),
        about: "目標達成状況（年度末の評価後に記入）",
        ..field(G, "status", Text, "目標達成状況")
    },
    Field {
        words: "next-steps",
        phase: Phase::Evaluation,
        flat: flat(16, "今後の方針", 40.0),
        form: form(10, 19.0),
        about: "今後の方針（年度末の評価後に記入）",
        ..field(G, "next_steps", Text, "今後の方針")
    },
    Field {
        most: Some(MAX_ITEMS),
        example: "（取組ごとに繰り返す）",
        about: "主な取組",
        ..field(G, "actions", Items(A), "主な取組")
    },
    // An action.
    Field {
        required: true,
        words: "action-name",
        flat: flat(9, "取組名称", 24.0),
        form: form(6, 19.0),
        about: "取組名称（事業名）",
        ..field(A, "name", Line, "取組名称（事業名）")
    },
    Field {
        words: "summary",
        flat: flat(10, "概要", 40.0),
        form: form(7, 28.0),
        about: "概要",
        ..field(A, "summary", Text, "概要")
    },
    Field {
        most: Some(MAX_ITEMS),
        example: "（指標ごとに繰り返す）",
        about: "取組指標",
        ..field(A, "indicators", Items(I), "取組指標")
    },
    // An indicator.
    Field {
        required: true,
        words: "indicator-name",
        flat: flat(11, "取組指標", 24.0),
        form: form(2, 17.0),
        about: "指標名",
        ..field(I, "name", Line, "指標名")
    },
    Field {
        required: true,
        example: ": 6地区",
        words: "target",
        yearly: true,
        flat: flat(12, "目標", 10.0),
        form: form(3, 13.0),
        about: "目標（Ｒ５目標の欄）",
        ..field(I, "target", Line, "目標")
    },
    Field {
        words: "result",
        phase: Phase::Evaluation,
        flat: flat(13, "結果", 10.0),
        form: form(4, 13.0),
        about: "結果（Ｒ５結果の欄、評価後に記入）",
        ..field(I, "result", Line, "結果")
    },
];

/// The most goals, actions, indicators or lines of a list (the model's `MAX_ITEMS`; a test
/// checks they agree). Said here so that the field table depends on nothing of the sheet.
pub const MAX_ITEMS: usize = 100;

/// The most approval stamp boxes (the model's `MAX_STAMPS`).
pub const MAX_STAMPS: usize = 8;

/// The keys of the division's names, which `new` fills in from its arguments.
pub const DEPARTMENT: &str = "department";
pub const DIVISION: &str = "division";

/// The fields of one level, in their order.
pub fn of(fields: &[Field], level: Level) -> impl Iterator<Item = &Field> {
    fields.iter().filter(move |f| f.level == level)
}

/// The field of `level` with `key`.
pub fn find<'a>(fields: &'a [Field], level: Level, key: &str) -> Option<&'a Field> {
    of(fields, level).find(|f| f.key == key)
}

/// The field of a level whose items are of `level` (`goals` for [`Level::Goal`]).
pub fn items_of(fields: &[Field], level: Level) -> Option<&Field> {
    fields.iter().find(|f| f.kind == Items(level))
}

/// The keys `next-year` clears at `level`: the year-end evaluation's.
pub fn evaluation_keys(fields: &[Field], level: Level) -> Vec<&'static str> {
    (of(fields, level).filter(|f| f.phase == Phase::Evaluation))
        .map(|f| f.key)
        .collect()
}

/// The comment `new` writes after a field's line: its label, its example, and for the
/// evaluation's fields when they are filled in.
pub fn comment(field: &Field) -> String {
    let later = match field.phase {
        Phase::Evaluation => "（年度末に記入）",
        _ => "",
    };
    format!("{}{}{later}", field.label, field.example)
}

/// The flat table's columns of the fields, left to right (the goal's No. is not a field:
/// [`crate::exchange`] puts it in its place).
pub fn flat_columns(fields: &[Field]) -> Vec<(&Field, Flat)> {
    let mut columns: Vec<_> = (fields.iter())
        .filter_map(|f| f.flat.map(|flat| (f, flat)))
        .collect();
    columns.sort_by_key(|(_, flat)| flat.at);
    columns
}

/// The form workbook's goal-table columns of the fields, left to right (after the No.).
pub fn form_columns(fields: &[Field]) -> Vec<(&Field, FormCell)> {
    let mut columns: Vec<_> = (fields.iter())
        .filter_map(|f| f.form.map(|cell| (f, cell)))
        .collect();
    columns.sort_by_key(|(_, cell)| cell.at);
    columns
}

/// The fields of a division's file as the browser's form shows them, for `app.js`: per level
/// (division, goal, action, indicator) its fields in order, each with its key, kind, words and
/// phase. The script builds the form from it and names no field itself.
pub fn form_description(fields: &[Field]) -> Value {
    let level = |level: Level| -> Value {
        (of(fields, level).filter(|f| f.phase != Phase::Setting))
            .map(|f| serde_json::to_value(f).unwrap_or_default())
            .collect()
    };
    serde_json::json!({
        "division": level(Level::Division),
        "goal": level(Level::Goal),
        "action": level(Level::Action),
        "indicator": level(Level::Indicator),
    })
}

/// One field of two drafts (the browser's `Draft`, or anything that serialises to a
/// division's keys) that differs, or an item (goal, action, indicator) only one has.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<'a> {
    /// The item at `key` (`goals[2]`) is in the draft before only (`before`) or after only.
    Item {
        key: String,
        level: Level,
        before: bool,
    },
    /// The value at `key` (`goals[1].rating`): lines joined by line ends, numbers as written,
    /// an absent value empty.
    Value {
        key: String,
        field: &'a Field,
        before: String,
        after: String,
    },
}

/// What differs between two drafts of a division, field by field as `fields` describe them,
/// in the file's order: a division's fields, then each goal's, its actions' and their
/// indicators'. An item one draft has and the other not is told, then each of its values.
pub fn differences<'a>(
    fields: &'a [Field],
    before: &impl Serialize,
    after: &impl Serialize,
) -> Vec<Change<'a>> {
    let before = serde_json::to_value(before).unwrap_or_default();
    let after = serde_json::to_value(after).unwrap_or_default();
    differences_of(fields, &before, &after)
}

/// [`differences`] of two divisions' keys as JSON (a draft's, or as
/// [`super::draft::read_item`] reads them from a file).
pub fn differences_of<'a>(fields: &'a [Field], before: &Value, after: &Value) -> Vec<Change<'a>> {
    let mut changes = Vec::new();
    compare(fields, Level::Division, before, after, "", &mut changes);
    changes
}

/// The changes of one item (`before` and `after` objects, or null where it is missing).
fn compare<'a>(
    fields: &'a [Field],
    level: Level,
    before: &Value,
    after: &Value,
    key: &str,
    changes: &mut Vec<Change<'a>>,
) {
    for field in of(fields, level).filter(|f| f.phase != Phase::Setting) {
        let at = match key {
            "" => field.key.to_string(),
            _ => format!("{key}.{}", field.key),
        };
        let (old, new) = (&before[field.key], &after[field.key]);
        if let Items(below) = field.kind {
            let none = Vec::new();
            let olds = old.as_array().unwrap_or(&none);
            let news = new.as_array().unwrap_or(&none);
            for i in 0..olds.len().max(news.len()) {
                let item = format!("{at}[{}]", i + 1);
                let (old, new) = (olds.get(i), news.get(i));
                if old.is_some() != new.is_some() {
                    let before = old.is_some();
                    let (key, level) = (item.clone(), below);
                    changes.push(Change::Item { key, level, before });
                }
                let null = Value::Null;
                let (old, new) = (old.unwrap_or(&null), new.unwrap_or(&null));
                compare(fields, below, old, new, &item, changes);
            }
            continue;
        }
        let (before, after) = (shown(old), shown(new));
        if before != after {
            changes.push(Change::Value {
                key: at,
                field,
                before,
                after,
            });
        }
    }
}

/// A draft's value as one text: lines joined, a number as written, nothing as empty.
pub fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(lines) => (lines.iter().map(shown)).collect::<Vec<_>>().join("\n"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The items at `value` (a JSON array of objects), none when it is not an array.
fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// Whether an item (a JSON object with the file's keys: a file's struct, a draft, the typed
/// model, serialised) holds nothing: every field of `level` empty, and its items too. A slot
/// `new` writes is such an item.
pub fn blank(fields: &[Field], level: Level, item: &Value) -> bool {
    (of(fields, level).filter(|f| f.phase != Phase::Setting)).all(|field| match field.kind {
        Items(below) => (items(&item[field.key]).iter()).all(|i| blank(fields, below, i)),
        _ => shown(&item[field.key]).trim().is_empty(),
    })
}

/// Whether anything of the year-end evaluation is written in an item or in its items.
pub fn evaluated(fields: &[Field], level: Level, item: &Value) -> bool {
    of(fields, level).any(|field| match field.kind {
        Items(below) => (items(&item[field.key]).iter()).any(|i| evaluated(fields, below, i)),
        _ => field.phase == Phase::Evaluation && !shown(&item[field.key]).trim().is_empty(),
    })
}

/// Leaves out of an item the items in it that hold nothing ([`blank`]), from the bottom up.
pub fn without_blank_items(fields: &[Field], level: Level, item: &mut Value) {
    for field in of(fields, level) {
        let Items(below) = field.kind else { continue };
        if let Some(list) = item.get_mut(field.key).and_then(Value::as_array_mut) {
            for each in list.iter_mut() {
                without_blank_items(fields, below, each);
            }
            list.retain(|each| !blank(fields, below, each));
        }
    }
}

/// An item's values that are taken as they are written (texts, lines, ratings), and its
/// items' likewise, without the rest (numbers, dates, flags, stamps: what is checked before it
/// is taken) nor an absent value: what the typed model reads, its other members at their
/// defaults (`model::texts_of`).
pub fn texts(fields: &[Field], level: Level, item: &Value) -> Value {
    let mut kept_values = serde_json::Map::new();
    for field in of(fields, level) {
        let value = &item[field.key];
        let kept = match field.kind {
            Text | Line | Rating if value.is_string() => value.clone(),
            Lines => (items(value).iter().filter(|line| line.is_string()))
                .cloned()
                .collect(),
            Items(below) => (items(value).iter())
                .map(|each| texts(fields, below, each))
                .collect(),
            _ => continue,
        };
        kept_values.insert(field.key.to_string(), kept);
    }
    Value::Object(kept_values)
}

/// The first thing `before` has that `after` has not, as a key path (`goals[2]`,
/// `goals[1].rating`, `policy_indicators`): an item, a text emptied, or fewer lines. `None`
/// when `after` holds at least what `before` does (import's "never less").
pub fn lost(fields: &[Field], before: &impl Serialize, after: &impl Serialize) -> Option<String> {
    let lines = |text: &str| text.lines().filter(|l| !l.trim().is_empty()).count();
    differences(fields, before, after)
        .into_iter()
        .find_map(|change| match change {
            Change::Item {
                key, before: true, ..
            } => Some(key),
            Change::Value {
                key,
                field,
                before,
                after,
            } => {
                // The division's own one-line values (its names) say where it goes: import
                // places and renames it by them, they are not content it could lose.
                let name = field.level == Level::Division && field.kind == Line;
                let less = match field.kind {
                    Lines | Stamps => lines(&before) > lines(&after),
                    Text | Line | Rating if !name => {
                        !before.trim().is_empty() && after.trim().is_empty()
                    }
                    _ => false,
                };
                less.then_some(key)
            }
            Change::Item { .. } => None,
        })
}

#[cfg(test)]
pub(crate) mod tests;
