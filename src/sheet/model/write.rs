//! The file format, written: `ward.toml` and division files as `new` scaffolds them (a comment
//! on every key, in Japanese) and as `import` writes them (the data alone). Built with
//! `toml_edit`, so every value is valid TOML whatever it holds, and comments are part of the
//! document rather than pasted around it.

use super::{Division, FORM_ROWS};
use crate::sheet::draft::Draft;
use crate::sheet::fields::{self, FIELDS, Field, Kind, Level, Phase};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};
use unicode_width::UnicodeWidthStr;

/// The column trailing comments start at (wider keys push theirs further).
const COMMENT_COLUMN: usize = 28;

/// A new `ward.toml`, with a `#:schema` line when there is a schema to name, and the keys
/// filled in at year end commented out.
pub fn ward_file(ward: &str, fiscal_year: i32, schema: Option<&str>) -> String {
    ward_file_dated(ward, fiscal_year, schema, (None, None))
}

/// [`ward_file`] with its 作成日 and 評価日 when they are known (from a form's cover): 評価日
/// then a key, not a line to fill in later.
pub fn ward_file_dated(
    ward: &str,
    fiscal_year: i32,
    schema: Option<&str>,
    (created, evaluated): (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
) -> String {
    let label = crate::sheet::era::fiscal_year_label(fiscal_year).unwrap_or_default();
    let mut doc = DocumentMut::new();
    let mut header = schema
        .map(|reference| format!("#:schema {reference}\n"))
        .unwrap_or_default();
    header.push_str(
        "# 区（または局）の共通情報。同じフォルダーの他の .toml ファイルが各課のシートです。\n",
    );
    doc.decor_mut().set_prefix(header);
    let table = doc.as_table_mut();
    put(table, "", "ward", ward.into(), "区名（局名）");
    let year = i64::from(fiscal_year);
    put(
        table,
        "",
        "fiscal_year",
        year.into(),
        &format!("年度（西暦、4月〜翌3月）: {label}"),
    );
    let created = match created {
        Some(day) => date_of(day),
        None => date(fiscal_year, 4, 1),
    };
    put(table, "", "created", created, "作成日（シートの作成日）");
    let approval = commented(
        "",
        "approval = [\"区長\", \"副区長\", \"課長\"]",
        "承認印の欄（左が上位）。要らなければこのまま",
    );
    match evaluated {
        Some(day) => {
            put(table, "", "evaluated", date_of(day), "評価日");
            append_lines(table, "evaluated", &[approval]);
        }
        None => {
            let later = commented(
                "",
                &format!("evaluated = {}-04-30", fiscal_year + 1),
                "評価日（年度末の評価後に # を外して記入）",
            );
            append_lines(table, "created", &[later, approval]);
        }
    }
    doc.to_string()
}

/// A new division file with [`FORM_ROWS`] blank goal slots, a comment on every key. Slots left
/// blank are not goals: the division fills in as many as it has.
pub fn blank_division_file(order: u32, department: &str, name: &str, schema: &str) -> String {
    blank_division_file_of(FIELDS, order, department, name, schema)
}

/// [`blank_division_file`] as `fields` describe the file: each plan field's line with its
/// comment ([`fields::comment`]), each evaluation field's line commented out (filled in at
/// year end), one item of each level below a goal.
pub fn blank_division_file_of(
    fields: &[Field],
    order: u32,
    department: &str,
    name: &str,
    schema: &str,
) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "#:schema {schema}\n\
         # {name}の組織目標管理シート。\"\" の間に記入します。改行するときは前後を ''' で囲みます。\n\
         # 目標は5つまで。使わない [[goals]] は空のままで構いません（シートに出ません）。\n"
    ));
    let given = |field: &Field| match field.kind {
        Kind::Order => Value::from(i64::from(order)),
        _ if field.key == fields::DEPARTMENT => department.into(),
        _ if field.key == fields::DIVISION => name.into(),
        _ => blank(field),
    };
    let table = doc.as_table_mut();
    let later = fill(fields, table, Level::Division, "", given);
    let last = fields::of(fields, Level::Division).filter(|f| written_blank(f));
    if let Some(last) = last.last() {
        append_lines(table, last.key, &later);
    }
    for items in fields::of(fields, Level::Division) {
        let Kind::Items(level) = items.kind else {
            continue;
        };
        let mut slots = ArrayOfTables::new();
        for no in 1..=FORM_ROWS {
            let mut slot = blank_item(fields, level, 0, items.key);
            slot.decor_mut().set_suffix(format!("   # No. {no}"));
            slots.push(slot);
        }
        table.insert(items.key, Item::ArrayOfTables(slots));
    }
    doc.to_string()
}

/// Whether a blank file has the field's line (its plan's values, not the settings).
fn written_blank(field: &Field) -> bool {
    field.phase == Phase::Plan && !matches!(field.kind, Kind::Items(_))
}

/// The plan fields of `level` put into `table` with `value`, each with its comment; returns
/// the evaluation fields' lines, commented out, for the caller to place.
fn fill(
    fields: &[Field],
    table: &mut Table,
    level: Level,
    indent: &str,
    value: impl Fn(&Field) -> Value,
) -> Vec<String> {
    let mut later = Vec::new();
    for field in fields::of(fields, level) {
        if written_blank(field) {
            put(
                table,
                indent,
                field.key,
                value(field),
                &fields::comment(field),
            );
        } else if field.phase == Phase::Evaluation {
            let line = format!("{} = {}", field.key, blank(field).decorated("", ""));
            later.push(commented(indent, &line, &fields::comment(field)));
        }
    }
    later
}

/// A blank item of `level` (`[[goals]]`, at `path`) at `depth` below the division, with one
/// blank item of each level below it. The evaluation's lines come before the first item below,
/// or after the item's last line.
fn blank_item(fields: &[Field], level: Level, depth: usize, path: &str) -> Table {
    let indent = "  ".repeat(depth);
    let mut table = Table::new();
    let later = fill(fields, &mut table, level, &indent, blank);
    let below = fields::of(fields, level).find(|f| matches!(f.kind, Kind::Items(_)));
    match below {
        Some(
            items @ Field {
                kind: Kind::Items(next),
                ..
            },
        ) => {
            let path = format!("{path}.{}", items.key);
            let inner = "  ".repeat(depth + 1);
            let mut item = blank_item(fields, *next, depth + 1, &path);
            let header = format!("{inner}[[{path}]]");
            let comment = fields::comment(items);
            item.decor_mut()
                .set_prefix(format!("{}{inner}", later.concat()));
            item.decor_mut()
                .set_suffix(padding(&header) + "# " + &comment);
            table.insert(items.key, one_table(item));
        }
        _ => {
            let last = fields::of(fields, level).filter(|f| written_blank(f));
            if let Some(last) = last.last() {
                append_lines(&mut table, last.key, &later);
            }
        }
    }
    table
}

/// A field's value in a blank file.
fn blank(field: &Field) -> Value {
    match field.kind {
        Kind::Lines | Kind::Stamps => Value::Array(Array::new()),
        _ => "".into(),
    }
}

/// A division's file as `import` writes it: the data, indented by table, without comments.
pub fn division_file(division: &Division) -> String {
    division_file_of(FIELDS, division)
}

/// [`division_file`] as `fields` describe the file: a required field always, any other only
/// when it has something to say; the division's own stamp boxes when it has them.
pub fn division_file_of(fields: &[Field], division: &Division) -> String {
    let draft = serde_json::to_value(Draft::from(division)).unwrap_or_default();
    let mut doc = DocumentMut::new();
    let table = doc.as_table_mut();
    data(fields, table, Level::Division, &draft, "");
    // The division's own stamp boxes: a setting, not in the draft. (A table's values are
    // written before its arrays of tables, so they come before the goals.)
    let setting = fields::of(fields, Level::Division).find(|f| f.phase == Phase::Setting);
    if let (Some(field), Some(approval)) = (setting, &division.approval) {
        table.insert(field.key, list(approval));
    }
    doc.to_string()
}

/// The values of one item (`data`, a draft's JSON object) of `level` into `table`, indented by
/// `indent`: the required ones always, the others when not empty, the items below in turn.
fn data(fields: &[Field], table: &mut Table, level: Level, item: &serde_json::Value, indent: &str) {
    use serde_json::Value as Json;
    for field in fields::of(fields, level) {
        let value = &item[field.key];
        match (field.kind, value) {
            (Kind::Items(below), Json::Array(items)) if !items.is_empty() => {
                let inner = format!("{indent}  ");
                let inner = if level == Level::Division { "" } else { &inner };
                let mut tables = ArrayOfTables::new();
                for item in items {
                    let mut item_table = indented(Table::new(), inner);
                    data(fields, &mut item_table, below, item, inner);
                    tables.push(item_table);
                }
                table.insert(field.key, Item::ArrayOfTables(tables));
            }
            (Kind::Lines, Json::Array(lines)) if !lines.is_empty() => {
                let lines: Vec<String> = (lines.iter())
                    .map(|l| l.as_str().unwrap_or_default().to_string())
                    .collect();
                table.insert(field.key, list(&lines));
            }
            (Kind::Order | Kind::Number, Json::Number(n)) => {
                let n = n.as_i64().unwrap_or_default();
                insert_indented(table, indent, field.key, Value::from(n));
            }
            (_, Json::String(text)) if field.required || !text.is_empty() => {
                insert_indented(table, indent, field.key, Value::from(text.as_str()));
            }
            _ => {}
        }
    }
}

/// `key = value` in `table`, indented by `indent`, with `comment` after it at the comment column.
fn put(table: &mut Table, indent: &str, key: &str, value: Value, comment: &str) {
    let line = format!("{indent}{key} = {}", value.clone().decorated("", ""));
    let mut value = value.decorated(" ", "");
    value
        .decor_mut()
        .set_suffix(padding(&line) + "# " + comment);
    table.insert(key, Item::Value(value));
    if let Some(mut written) = table.key_mut(key) {
        written.leaf_decor_mut().set_prefix(indent);
    }
}

/// A key written into `table`, indented.
fn insert_indented(table: &mut Table, indent: &str, key: &str, value: Value) {
    table.insert(key, Item::Value(value));
    if let Some(mut written) = table.key_mut(key) {
        written.leaf_decor_mut().set_prefix(indent);
    }
}

/// A table whose `[[…]]` header is indented.
fn indented(mut table: Table, indent: &str) -> Table {
    table.decor_mut().set_prefix(indent);
    table
}

/// A line that is a key commented out, with its own comment: filled in at year end.
fn commented(indent: &str, line: &str, comment: &str) -> String {
    let line = format!("{indent}# {line}");
    format!("{line}{}# {comment}\n", padding(&line))
}

/// Lines of comments after the value of `key` (the last key of its table).
fn append_lines(table: &mut Table, key: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    if let Some(Item::Value(value)) = table.get_mut(key) {
        let suffix = value
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or("");
        let suffix = format!("{suffix}\n{}", lines.concat().trim_end_matches('\n'));
        value.decor_mut().set_suffix(suffix);
    }
}

/// The blanks from the end of `line` to the comment column (at least two).
fn padding(line: &str) -> String {
    " ".repeat(COMMENT_COLUMN.saturating_sub(line.width()).max(2))
}

/// A date value, `2023-04-01`.
fn date(year: i32, month: u8, day: u8) -> Value {
    let date = toml_edit::Date {
        year: year.clamp(0, 9999) as u16,
        month,
        day,
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A date value of a calendar day.
fn date_of(day: chrono::NaiveDate) -> Value {
    use chrono::Datelike;
    date(day.year(), day.month() as u8, day.day() as u8)
}

/// An array of strings on one line.
fn list(items: &[String]) -> Item {
    let array: Array = items.iter().map(String::as_str).collect();
    Item::Value(Value::Array(array))
}

/// An array of tables holding one table.
fn one_table(table: Table) -> Item {
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    Item::ArrayOfTables(tables)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::model::{Action, Goal, Indicator};

    #[test]
    fn any_text_is_written_as_valid_toml_and_reads_back() {
        let strange = "\"quotes\" \\ back\nline '''triple''' \u{7} #not a comment";
        let division = Division {
            file: Default::default(),
            order: 3,
            department: strange.into(),
            name: "課".into(),
            policy_indicators: vec![strange.into(), "・二".into()],
            approval: Some(vec!["区長".into()]),
            goals: vec![Goal {
                text: strange.into(),
                plan_ref: String::new(),
                rating: "○".into(),
                status: String::new(),
                next_steps: String::new(),
                actions: vec![Action {
                    name: "取組".into(),
                    summary: strange.into(),
                    indicators: vec![Indicator {
                        name: "指標".into(),
                        target: "10件".into(),
                        result: strange.into(),
                    }],
                }],
            }],
        };
        let text = division_file(&division);
        let back: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(back["department"].as_str(), Some(strange));
        let goal = &back["goals"][0];
        assert_eq!(goal["text"].as_str(), Some(strange));
        assert!(goal.get("plan_ref").is_none(), "empty values are left out");
        let indicator = &goal["actions"][0]["indicators"][0];
        assert_eq!(indicator["result"].as_str(), Some(strange));
        assert!(text.contains("\n  [[goals.actions]]\n  name = "), "{text}");
        assert!(
            text.contains("\n    [[goals.actions.indicators]]\n"),
            "{text}"
        );
    }

    #[test]
    fn a_blank_division_has_its_slots_and_a_comment_on_every_key() {
        let text = blank_division_file(2, "西区", "企画課", "../schema/division.schema.json");
        let back: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(back["goals"].as_array().unwrap().len(), FORM_ROWS);
        assert_eq!(back["division"].as_str(), Some("企画課"));
        assert!(
            text.starts_with("#:schema ../schema/division.schema.json\n"),
            "{text}"
        );
        for line in text.lines().filter(|l| l.contains(" = ")) {
            assert!(line.contains("# "), "no comment: {line}");
        }
        assert!(text.contains("[[goals]]   # No. 5"), "{text}");
        assert!(text.contains("  # rating = \"\"") || text.contains("# rating = \"\""));
        let ward = ward_file("西区", 2025, None);
        let back: toml::Table = toml::from_str(&ward).unwrap();
        assert_eq!(back["fiscal_year"].as_integer(), Some(2025));
        assert!(ward.contains("# evaluated = 2026-04-30"), "{ward}");
    }
}
