//! The flat table's columns, one row per indicator: each column's heading and width as the
//! field table gives them ([`crate::sheet::fields`]), a row's cells by column, and the rows of
//! every ward, division, goal, action and indicator.

use crate::sheet::fields::{self, FIELDS, Field, Kind, Level, Phase};
use crate::sheet::model::Ward;
use serde_json::Value as Json;
use std::sync::LazyLock;

/// A column of the flat table: its place, left to right. The columns are the field table's
/// flat headings ([`fields::flat_columns`], their places without a gap) with the goal's No. in
/// its place: a field added to the table is a column of its own, exported and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Column(usize);

impl Column {
    /// The goal's No.: its place in the division, not a field of the table.
    pub const NO: Column = Column(NO_COLUMN.0);
    /// The columns import reads for what they say of a row's place (its ward, year, division,
    /// action, indicator), found in the field table by their headings when this compiles.
    pub const WARD: Column = Column::headed("区");
    pub const YEAR: Column = Column::headed("年度");
    pub const ORDER: Column = Column::headed("順");
    pub const DEPARTMENT: Column = Column::headed("部");
    pub const DIVISION: Column = Column::headed("課");
    pub const POLICY: Column = Column::headed("施策指標");
    pub const GOAL: Column = Column::headed("組織目標");
    pub const ACTION: Column = Column::headed("取組名称");
    pub const SUMMARY: Column = Column::headed("概要");
    /// The division's own approval stamp boxes (承認印の欄), when it has its own: `区長、副区長、課長`.
    pub const APPROVAL: Column = Column::headed("承認印");

    /// The column of the field table's entry headed `heading`: a field that has left the table
    /// (or renamed its heading) is an error when this compiles, not a column of no place.
    const fn headed(heading: &str) -> Column {
        let mut i = 0;
        while i < FIELDS.len() {
            if let Some(flat) = FIELDS[i].flat
                && same_text(flat.heading, heading)
            {
                return Column(flat.at);
            }
            i += 1;
        }
        panic!("no field of the table has this flat heading")
    }

    /// The column at place `at` (left to right), if there is one.
    pub fn at(at: usize) -> Option<Column> {
        (at < COLUMNS.len()).then_some(Column(at))
    }

    /// The column at place `at` of a table as some fields describe it (a copy's may have more).
    pub(crate) const fn place(at: usize) -> Column {
        Column(at)
    }

    /// The column whose heading export writes as `heading`.
    pub fn named(heading: &str) -> Option<Column> {
        COLUMNS.iter().position(|h| *h == heading).map(Column)
    }

    /// Every column, in the order export writes them. Import finds them by name, in any order;
    /// only 課, No. and 組織目標 are required. 承認印 is the division's own stamp boxes, when it
    /// has them (the ward's are in its `ward.toml`, as its dates are).
    pub fn all() -> impl Iterator<Item = Column> {
        (0..COLUMNS.len()).map(Column)
    }

    /// The column's header, as export writes it.
    pub fn name(self) -> &'static str {
        COLUMNS.get(self.0).copied().unwrap_or_default()
    }
}

/// Whether two texts are the same, as a `const fn` can compare them.
const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The headers, in column order: the field table's flat headings ([`fields::flat_columns`])
/// with the goal's No. in its place.
pub static COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| headings_of(FIELDS));

/// The goal's No.: its place in the division, not a field of the table.
const NO_COLUMN: (usize, &str, f64) = (6, "No.", 10.0);

/// The flat table's headings as `fields` describe its columns, left to right.
pub fn headings_of(fields: &[Field]) -> Vec<&'static str> {
    flat_of(fields)
        .into_iter()
        .map(|(heading, _)| heading)
        .collect()
}

/// The flat table's columns, left to right: each heading and its width in characters.
pub fn flat_of(fields: &[Field]) -> Vec<(&'static str, f64)> {
    let mut columns: Vec<(usize, &'static str, f64)> = (fields::flat_columns(fields).iter())
        .map(|(_, c)| (c.at, c.heading, c.width))
        .collect();
    columns.push(NO_COLUMN);
    columns.sort_by_key(|(at, _, _)| *at);
    (columns.into_iter())
        .map(|(_, heading, width)| (heading, width))
        .collect()
}

/// Headers as Excel sheets often spell them, and the column they mean.
pub(crate) const ALIASES: [(&str, Column); 9] = [
    ("区名", Column::WARD),
    ("組織名(部)", Column::DEPARTMENT),
    ("組織名(準部・課・機関名)", Column::DIVISION),
    ("課名", Column::DIVISION),
    ("NO", Column::NO),
    ("番号", Column::NO),
    ("取組名称(事業名)", Column::ACTION),
    ("主な取組", Column::ACTION),
    ("取組指標名", Column::headed("取組指標")),
];

/// One row of the table: a cell per [`Column`], read and written by column. A column the row
/// has no cell for reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    cells: Vec<String>,
}

/// The cell of a column a row does not reach.
static NO_CELL: String = String::new();

impl Row {
    /// A row of `width` empty cells (as many as the table has columns).
    pub fn blank(width: usize) -> Row {
        Row {
            cells: vec![String::new(); width],
        }
    }

    /// The cells, in column order.
    pub fn cells(&self) -> &[String] {
        &self.cells
    }

    /// Whether every cell is empty or blank.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

impl std::ops::Index<Column> for Row {
    type Output = String;
    fn index(&self, column: Column) -> &String {
        self.cells.get(column.0).unwrap_or(&NO_CELL)
    }
}

impl std::ops::IndexMut<Column> for Row {
    fn index_mut(&mut self, column: Column) -> &mut String {
        if column.0 >= self.cells.len() {
            self.cells.resize(column.0 + 1, String::new());
        }
        &mut self.cells[column.0]
    }
}

/// The values of a row's cells of the fields of `level` (those that have a column), by key,
/// as `fields` describe them: what import makes an item of. Lines are the cell's lines without
/// empty ones, a rating without the blanks around it.
pub fn values_of(fields: &[Field], level: Level, row: &Row) -> serde_json::Map<String, Json> {
    (fields::flat_columns(fields).into_iter())
        .filter(|(field, _)| field.level == level)
        .map(|(field, flat)| {
            let cell = &row[Column(flat.at)];
            let value = match field.kind {
                Kind::Lines => (cell.lines().filter(|l| !l.trim().is_empty()))
                    .map(Json::from)
                    .collect(),
                Kind::Rating => cell.trim().into(),
                _ => cell.as_str().into(),
            };
            (field.key.to_string(), value)
        })
        .collect()
}

/// The rows of every ward, division, goal, action and indicator, in order. A goal without an
/// action, or an action without an indicator, still has its row. Each field's value goes to
/// its column of the field table.
pub fn rows(wards: &[Ward]) -> Vec<Row> {
    let mut rows = Vec::new();
    for ward in wards {
        for division in &ward.divisions {
            let mut base = Row::blank(COLUMNS.len());
            base[Column::WARD] = ward.name.clone();
            base[Column::YEAR] = ward.fiscal_year.to_string();
            if let Some(approval) = &division.approval {
                base[Column::APPROVAL] = approval.join("、");
            }
            // The typed model serialises with the file's keys, as the field table names them.
            let keys = serde_json::to_value(division).unwrap_or_default();
            rows.extend(division_rows(FIELDS, &base, &keys));
        }
    }
    rows
}

/// The rows of a division (its keys as JSON, a draft's), as `fields` describe the columns: its
/// ward's cells (and the settings) from `base`, then the division's, each goal's and its No.,
/// each action's and indicator's.
pub fn division_rows(fields: &[Field], base: &Row, draft: &Json) -> Vec<Row> {
    let mut base = base.clone();
    let width = flat_of(fields).len().max(base.cells.len());
    base.cells.resize(width, String::new());
    base.fill(fields, Level::Division, draft);
    let mut rows = Vec::new();
    for (i, goal) in items(fields, draft, Level::Goal).iter().enumerate() {
        let mut row = base.clone();
        row[Column::NO] = (i + 1).to_string();
        row.fill(fields, Level::Goal, goal);
        goal_rows(fields, &row, goal, &mut rows);
    }
    rows
}

/// The rows of a goal (its cells in `row`): one per indicator of each action.
fn goal_rows(fields: &[Field], row: &Row, goal: &Json, rows: &mut Vec<Row>) {
    let actions = items(fields, goal, Level::Action);
    if actions.is_empty() {
        rows.push(row.clone());
    }
    for action in &actions {
        let mut row = row.clone();
        row.fill(fields, Level::Action, action);
        let indicators = items(fields, action, Level::Indicator);
        if indicators.is_empty() {
            rows.push(row.clone());
        }
        for indicator in &indicators {
            let mut row = row.clone();
            row.fill(fields, Level::Indicator, indicator);
            rows.push(row);
        }
    }
}

/// The items of `level` below `item` (a draft's JSON).
fn items(fields: &[Field], item: &Json, level: Level) -> Vec<Json> {
    let key = fields::items_of(fields, level).map_or("", |f| f.key);
    item[key].as_array().cloned().unwrap_or_default()
}

impl Row {
    /// The values of `item`, of `level`, each in its column.
    fn fill(&mut self, fields: &[Field], level: Level, item: &Json) {
        for (field, flat) in fields::flat_columns(fields) {
            // A setting (the division's own stamp boxes) is not in the draft: set by the caller.
            if field.level == level && field.phase != Phase::Setting {
                self[Column(flat.at)] = fields::shown(&item[field.key]);
            }
        }
    }
}

/// A row as read: its cells by column (missing columns empty), and where it is.
#[derive(Debug, Clone)]
pub struct ReadRow {
    pub cells: Row,
    /// `Sheet1` for a workbook's worksheet, empty for CSV.
    pub sheet: String,
    /// The row's number as the spreadsheet shows it (1 = the first line).
    pub line: usize,
    /// Whether the row is of a form sheet, where a cell merged over rows is given only on its
    /// first: a filled 取組名称 there always starts an action, even one named as the one above.
    pub form: bool,
    /// The division the form's cover lists for this worksheet, when its 課 cell names another:
    /// the division was renamed in its worksheet.
    pub former: Option<String>,
    /// A form worksheet's 課 cell (`C5`) when it is empty: its rows are of no division (not
    /// of the worksheet above).
    pub division_cell: Option<String>,
}

/// A column's letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::table::export::{csv_of, json_of, xlsx_of};
    use crate::exchange::table::read::read_of;

    /// A division's keys (a draft's, as JSON) with a goal's risks: its rows of the flat table
    /// as `fields` describe it.
    fn rows_with_risks(fields: &[Field]) -> Vec<Row> {
        let division = serde_json::json!({
            "order": 2, "department": "東部", "division": "地域課",
            "goals": [{
                "text": "目標", "risks": "人手", "rating": "○",
                "actions": [{"name": "見守り", "indicators": [{"name": "訪問", "target": "6地区"}]}],
            }],
        });
        let mut base = Row::default();
        base[Column::WARD] = "東区".into();
        base[Column::YEAR] = "2024".into();
        division_rows(fields, &base, &division)
    }

    /// A field added to a copy of the field table (`with_risks`, one of the derived places
    /// `sheet/fields/tests.rs` follows) gets its heading, last, in the flat table; its value
    /// goes out in its column as CSV, JSON and xlsx, and import reads it back from each into
    /// the goal's keys. The table without it does not read that column.
    #[test]
    fn a_field_added_to_the_table_gets_its_column() {
        let fields = crate::sheet::fields::tests::with_risks();
        assert_eq!(super::headings_of(fields).last().copied(), Some("リスク"));
        let headings = headings_of(fields);
        let rows = rows_with_risks(fields);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells().len(), headings.len());
        assert_eq!(rows[0].cells().last().map(String::as_str), Some("人手"));
        let files = [
            (
                "t.csv",
                csv_of(&headings, rows.iter().map(Row::cells)).unwrap(),
            ),
            ("t.json", json_of(&headings, &rows).unwrap()),
            ("t.xlsx", xlsx_of(&flat_of(fields), &rows).unwrap()),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let table = read_of(fields, &path).unwrap();
            assert!(table.unknown.is_empty(), "{name}: {:?}", table.unknown);
            assert_eq!(table.rows.len(), 1, "{name}");
            let goal = values_of(fields, Level::Goal, &table.rows[0].cells);
            assert_eq!(goal["risks"], "人手", "{name}: {goal:?}");
            assert_eq!(goal["text"], "目標", "{name}");
            assert_eq!(goal["rating"], "○", "{name}");
            let indicator = values_of(fields, Level::Indicator, &table.rows[0].cells);
            assert_eq!(indicator["target"], "6地区", "{name}");
            let without = read_of(FIELDS, &path).unwrap();
            let cells = without.rows[0].cells.cells();
            assert!(!cells.iter().any(|c| c == "人手"), "{name}: {cells:?}");
            assert!(cells.iter().any(|c| c == "目標"), "{name}: {cells:?}");
        }
    }
}
