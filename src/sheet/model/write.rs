//! The file format, written: `ward.toml` and division files as `new` scaffolds them (a comment
//! on every key, in Japanese) and as `import` writes them (the data alone). Built with
//! `toml_edit`, so every value is valid TOML whatever it holds, and comments are part of the
//! document rather than pasted around it.

use super::{Division, FORM_ROWS, Goal};
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
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "#:schema {schema}\n\
         # {name}の組織目標管理シート。\"\" の間に記入します。改行は \\n と書きます。\n\
         # 目標は5つまで。使わない [[goals]] は空のままで構いません（シートに出ません）。\n"
    ));
    let table = doc.as_table_mut();
    let order = i64::from(order);
    put(
        table,
        "",
        "order",
        order.into(),
        "冊子の中での順番（1, 2, 3, …）",
    );
    put(table, "", "department", department.into(), "組織名（部）");
    put(
        table,
        "",
        "division",
        name.into(),
        "組織名（準部・課・機関名）",
    );
    let none = Value::Array(Array::new());
    put(
        table,
        "",
        "policy_indicators",
        none,
        "関連する施策の指標: [\"・…の割合\", \"・…の数\"]",
    );
    let mut goals = ArrayOfTables::new();
    for no in 1..=FORM_ROWS {
        goals.push(blank_goal(no));
    }
    table.insert("goals", Item::ArrayOfTables(goals));
    doc.to_string()
}

/// One blank goal slot, No. `no`, with one action and one indicator.
fn blank_goal(no: usize) -> Table {
    let mut goal = Table::new();
    goal.decor_mut().set_suffix(format!("   # No. {no}"));
    put(&mut goal, "", "text", "".into(), "組織目標");
    put(
        &mut goal,
        "",
        "plan_ref",
        "".into(),
        "総合計画（実施計画）上の位置づけ: 行財3-2-③",
    );
    let mut action = Table::new();
    let later = [
        commented("", "rating = \"\"", "評価: ○ / △ / ×（年度末に記入）"),
        commented("", "status = \"\"", "目標達成状況（年度末に記入）"),
        commented("", "next_steps = \"\"", "今後の方針（年度末に記入）"),
    ];
    action
        .decor_mut()
        .set_prefix(format!("{}  ", later.concat()));
    action
        .decor_mut()
        .set_suffix(padding("  [[goals.actions]]") + "# 主な取組（取組ごとに繰り返す）");
    put(&mut action, "  ", "name", "".into(), "取組名称（事業名）");
    put(&mut action, "  ", "summary", "".into(), "概要");
    let mut indicator = Table::new();
    indicator.decor_mut().set_prefix("    ");
    indicator.decor_mut().set_suffix(
        padding("    [[goals.actions.indicators]]") + "# 取組指標（指標ごとに繰り返す）",
    );
    put(&mut indicator, "    ", "name", "".into(), "指標名");
    put(&mut indicator, "    ", "target", "".into(), "目標: 6地区");
    let result = [commented("    ", "result = \"\"", "結果（年度末に記入）")];
    append_lines(&mut indicator, "target", &result);
    action.insert("indicators", one_table(indicator));
    goal.insert("actions", one_table(action));
    goal
}

/// A division's file as `import` writes it: the data, indented by table, without comments.
pub fn division_file(division: &Division) -> String {
    let mut doc = DocumentMut::new();
    let table = doc.as_table_mut();
    table.insert("order", Item::Value(i64::from(division.order).into()));
    table.insert(
        "department",
        Item::Value(division.department.as_str().into()),
    );
    table.insert("division", Item::Value(division.name.as_str().into()));
    if !division.policy_indicators.is_empty() {
        table.insert("policy_indicators", list(&division.policy_indicators));
    }
    if let Some(approval) = &division.approval {
        table.insert("approval", list(approval));
    }
    let mut goals = ArrayOfTables::new();
    for goal in &division.goals {
        goals.push(goal_table(goal));
    }
    if !goals.is_empty() {
        table.insert("goals", Item::ArrayOfTables(goals));
    }
    doc.to_string()
}

/// A goal's table, with its actions and their indicators; empty optional values left out.
fn goal_table(goal: &Goal) -> Table {
    let mut table = Table::new();
    table.insert("text", Item::Value(goal.text.as_str().into()));
    for (key, value) in [
        ("plan_ref", &goal.plan_ref),
        ("rating", &goal.rating),
        ("status", &goal.status),
        ("next_steps", &goal.next_steps),
    ] {
        if !value.is_empty() {
            table.insert(key, Item::Value(value.as_str().into()));
        }
    }
    let mut actions = ArrayOfTables::new();
    for action in &goal.actions {
        let mut action_table = indented(Table::new(), "  ");
        insert_indented(&mut action_table, "  ", "name", &action.name);
        if !action.summary.is_empty() {
            insert_indented(&mut action_table, "  ", "summary", &action.summary);
        }
        let mut indicators = ArrayOfTables::new();
        for indicator in &action.indicators {
            let mut row = indented(Table::new(), "    ");
            insert_indented(&mut row, "    ", "name", &indicator.name);
            insert_indented(&mut row, "    ", "target", &indicator.target);
            if !indicator.result.is_empty() {
                insert_indented(&mut row, "    ", "result", &indicator.result);
            }
            indicators.push(row);
        }
        if !indicators.is_empty() {
            action_table.insert("indicators", Item::ArrayOfTables(indicators));
        }
        actions.push(action_table);
    }
    if !actions.is_empty() {
        table.insert("actions", Item::ArrayOfTables(actions));
    }
    table
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
fn insert_indented(table: &mut Table, indent: &str, key: &str, value: &str) {
    table.insert(key, Item::Value(value.into()));
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
    use crate::sheet::model::{Action, Indicator};

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
