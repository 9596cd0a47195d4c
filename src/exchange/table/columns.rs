//! The flat table's columns, one row per indicator: each column's heading and width as the
//! field table gives them ([`crate::sheet::fields`]), a row's cells by column, and the rows of
//! every ward, division, goal, action and indicator.

use crate::sheet::draft::Draft;
use crate::sheet::fields::{self, FIELDS, Field, Level, Phase};
use crate::sheet::model::Ward;
use serde_json::Value as Json;
use std::sync::LazyLock;

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Ward,
    Year,
    Order,
    Department,
    Division,
    Policy,
    No,
    Goal,
    PlanRef,
    Action,
    Summary,
    Indicator,
    Target,
    Result,
    Rating,
    Status,
    NextSteps,
    /// The division's own approval stamp boxes (承認印の欄), when it has its own: `区長、副区長、課長`.
    Approval,
}

impl Column {
    /// Every column, in the order export writes them. Import finds them by name, in any order;
    /// only 課, No. and 組織目標 are required. 承認印 is the division's own stamp boxes, when it
    /// has them (the ward's are in its `ward.toml`, as its dates are).
    pub const ALL: [Column; 18] = [
        Column::Ward,
        Column::Year,
        Column::Order,
        Column::Department,
        Column::Division,
        Column::Policy,
        Column::No,
        Column::Goal,
        Column::PlanRef,
        Column::Action,
        Column::Summary,
        Column::Indicator,
        Column::Target,
        Column::Result,
        Column::Rating,
        Column::Status,
        Column::NextSteps,
        Column::Approval,
    ];

    /// The column at place `at` (left to right), if there is one.
    pub fn at(at: usize) -> Option<Column> {
        Column::ALL.get(at).copied()
    }

    /// The column's header, as export writes it.
    pub fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// The headers, in [`Column::ALL`] order: the field table's flat headings
/// ([`fields::flat_columns`]) with the goal's No. in its place.
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
pub(crate) fn flat_of(fields: &[Field]) -> Vec<(&'static str, f64)> {
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
    ("区名", Column::Ward),
    ("組織名(部)", Column::Department),
    ("組織名(準部・課・機関名)", Column::Division),
    ("課名", Column::Division),
    ("NO", Column::No),
    ("番号", Column::No),
    ("取組名称(事業名)", Column::Action),
    ("主な取組", Column::Action),
    ("取組指標名", Column::Indicator),
];

/// One row of the table: a cell per [`Column`], read and written by column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    cells: [String; 18],
}

impl Row {
    /// The cells, in [`Column::ALL`] order.
    pub fn cells(&self) -> &[String; 18] {
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
        &self.cells[column as usize]
    }
}

impl std::ops::IndexMut<Column> for Row {
    fn index_mut(&mut self, column: Column) -> &mut String {
        &mut self.cells[column as usize]
    }
}

/// The rows of every ward, division, goal, action and indicator, in order. A goal without an
/// action, or an action without an indicator, still has its row. Each field's value goes to
/// its column of the field table.
pub fn rows(wards: &[Ward]) -> Vec<Row> {
    let mut rows = Vec::new();
    for ward in wards {
        for division in &ward.divisions {
            let mut base = Row::default();
            base[Column::Ward] = ward.name.clone();
            base[Column::Year] = ward.fiscal_year.to_string();
            if let Some(approval) = &division.approval {
                base[Column::Approval] = approval.join("、");
            }
            let draft = serde_json::to_value(Draft::from(division)).unwrap_or_default();
            base.fill(Level::Division, &draft);
            for (i, goal) in items(&draft, Level::Goal).iter().enumerate() {
                let mut row = base.clone();
                row[Column::No] = (i + 1).to_string();
                row.fill(Level::Goal, goal);
                goal_rows(&row, goal, &mut rows);
            }
        }
    }
    rows
}

/// The rows of a goal (its cells in `row`): one per indicator of each action.
fn goal_rows(row: &Row, goal: &Json, rows: &mut Vec<Row>) {
    let actions = items(goal, Level::Action);
    if actions.is_empty() {
        rows.push(row.clone());
    }
    for action in &actions {
        let mut row = row.clone();
        row.fill(Level::Action, action);
        let indicators = items(action, Level::Indicator);
        if indicators.is_empty() {
            rows.push(row.clone());
        }
        for indicator in &indicators {
            let mut row = row.clone();
            row.fill(Level::Indicator, indicator);
            rows.push(row);
        }
    }
}

/// The items of `level` below `item` (a draft's JSON).
fn items(item: &Json, level: Level) -> Vec<Json> {
    let key = fields::items_of(FIELDS, level).map_or("", |f| f.key);
    item[key].as_array().cloned().unwrap_or_default()
}

impl Row {
    /// The values of `item`, of `level`, each in its column.
    fn fill(&mut self, level: Level, item: &Json) {
        for (field, flat) in fields::flat_columns(FIELDS) {
            // A setting (the division's own stamp boxes) is not in the draft: set by the caller.
            let drafted = field.level == level && field.phase != Phase::Setting;
            if drafted && let Some(cell) = self.cells.get_mut(flat.at) {
                *cell = fields::shown(&item[field.key]);
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
    /// A field added to a copy of the field table (`with_risks`, one of the derived places
    /// `sheet/fields/tests.rs` follows) gets its heading, last, in the flat table.
    #[test]
    fn a_field_added_to_the_table_gets_its_column() {
        let fields = crate::sheet::fields::tests::with_risks();
        assert_eq!(super::headings_of(fields).last().copied(), Some("リスク"));
    }
}
