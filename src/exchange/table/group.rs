//! The rows of a table grouped into wards, divisions, goals, actions and indicators: a row
//! continues the one above where it leaves its cells empty; a goal's cells are its first row's.

use super::columns::{Column, ReadRow, Row, values_of};
use super::fault::{RowFault, Unplaced};
use crate::sheet::fields::{self, FIELDS, Field, Kind, Level};
use crate::sheet::model::{Action, Division, Goal, Indicator, texts_of};
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// One ward read from a table: its name and fiscal year when the table gives them, and its
/// divisions in order.
#[derive(Debug, Default)]
pub struct ImportedWard {
    pub ward: String,
    pub fiscal_year: Option<i32>,
    pub divisions: Vec<Division>,
    /// Where each of `divisions` was read from, in the same order.
    pub sources: Vec<Source>,
}

/// Where a division was read from: its worksheet (empty for CSV and JSON), and the name the
/// form's cover gives it when its worksheet names it otherwise (it was renamed there).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Source {
    pub sheet: String,
    pub former: Option<String>,
}

/// Groups rows into wards, divisions, goals, actions and indicators. A row whose 区, 部, 課 or
/// No. is empty continues the row above; a goal's cells (組織目標, 位置づけ, 評価, …) are those of
/// its first row, and a later row of the same No. that says otherwise is not placed. Rows that
/// cannot be placed are returned with the reason.
pub fn group(rows: &[ReadRow]) -> (Vec<ImportedWard>, Vec<Unplaced>) {
    let mut grouping = Grouping::default();
    let mut unplaced = Vec::new();
    // Worksheets found to be a second of one division: told once, their rows not read.
    let mut copies: Vec<&str> = Vec::new();
    for row in rows.iter().filter(|row| !row.cells.is_blank()) {
        if copies.contains(&row.sheet.as_str()) {
            continue;
        }
        if let Err(reason) = grouping.place(row) {
            if matches!(
                reason,
                RowFault::TwoSheets { .. } | RowFault::NoDivisionCell { .. }
            ) {
                copies.push(&row.sheet);
            }
            unplaced.push(Unplaced {
                sheet: row.sheet.clone(),
                line: row.line,
                reason,
            });
        }
    }
    (grouping.wards, unplaced)
}

/// The wards grouped so far, and what the next row may continue.
#[derive(Default)]
struct Grouping {
    wards: Vec<ImportedWard>,
    /// Where each division is: (ward index, division index), by (区, 部, 課).
    divisions: HashMap<(String, String, String), (usize, usize)>,
    /// The cells carried down from the row above, as they were understood.
    above: Row,
    /// The line each goal's cells came from, by (ward, division, goal).
    goal_lines: HashMap<(usize, usize, usize), usize>,
    /// The worksheet each division is read from, by (区, 年度, 課 as compared).
    sheets: HashMap<(String, Option<i32>, String), String>,
}

/// A row's cells with those it continues from the row above filled in.
struct Carried {
    ward: String,
    department: String,
    division: String,
    /// The division and its ward are those of the row above.
    same_division: bool,
    no: usize,
    year: String,
    fiscal_year: Option<i32>,
    /// The division's own cells (施策指標, 順, 承認印, …: its fields' columns), continued only on
    /// the rows of the same division.
    own: Row,
}

/// The goal's own cells, by column, with their fields: those of the field table's goal level
/// that have a column of the flat table, in the table's order.
static GOAL_COLUMNS: LazyLock<Vec<(Column, &'static Field)>> = LazyLock::new(|| {
    (fields::of(FIELDS, Level::Goal))
        .filter_map(|field| Some((Column::at(field.flat?.at)?, field)))
        .collect()
});

/// The division's columns: those of the field table's division level.
static DIVISION_COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    (fields::of(FIELDS, Level::Division))
        .filter_map(|field| Column::at(field.flat?.at))
        .collect()
});

/// A goal made from its cells (in [`GOAL_COLUMNS`] order), without actions yet; a rating
/// without the blanks around it.
fn goal_of(values: &[String]) -> Goal {
    let mut keys = serde_json::Map::new();
    for ((_, field), value) in GOAL_COLUMNS.iter().zip(values) {
        let value = match field.kind {
            Kind::Rating => value.trim().to_string(),
            _ => value.clone(),
        };
        keys.insert(field.key.to_string(), value.into());
    }
    texts_of(Level::Goal, &keys)
}

/// A goal's own cells, in [`GOAL_COLUMNS`] order.
fn goal_cells(goal: &Goal) -> Vec<String> {
    let keys = serde_json::to_value(goal).unwrap_or_default();
    (GOAL_COLUMNS.iter())
        .map(|(_, field)| fields::shown(&keys[field.key]))
        .collect()
}

/// A row of the division's own cells, each as `own` gives it.
fn own_cells(own: impl Fn(Column) -> String) -> Row {
    let mut cells = Row::default();
    for &column in DIVISION_COLUMNS.iter() {
        cells[column] = own(column);
    }
    cells
}

impl Grouping {
    /// Places one row: its division, goal, action and indicator.
    fn place(&mut self, row: &ReadRow) -> Result<(), RowFault> {
        let cells = &row.cells;
        if let Some(cell) = row.division_cell.clone() {
            return Err(RowFault::NoDivisionCell { cell });
        }
        let carried = self.carry(cells)?;
        self.one_sheet(&carried, &row.sheet)?;
        let (w, d) = self.division(&carried, row);
        let goal_values = self.goal(w, d, &carried, cells, row.line)?;
        let goal = &mut self.wards[w].divisions[d].goals[carried.no - 1];
        add_action(goal, cells, row.form)?;
        self.remember(cells, carried, goal_values);
        Ok(())
    }

    /// The cells of the row, continued from the row above where it leaves them empty.
    fn carry(&self, cells: &Row) -> Result<Carried, RowFault> {
        let above = &self.above;
        let carried = |column: Column| -> String {
            if cells[column].trim().is_empty() {
                above[column].clone()
            } else {
                cells[column].clone()
            }
        };
        let ward = carried(Column::WARD).trim().to_string();
        let department = carried(Column::DEPARTMENT).trim().to_string();
        let division = carried(Column::DIVISION).trim().to_string();
        if division.is_empty() {
            return Err(RowFault::NoDivision);
        }
        let same_division = ward == above[Column::WARD].trim()
            && department == above[Column::DEPARTMENT].trim()
            && division == above[Column::DIVISION].trim();
        let no_text = if cells[Column::NO].trim().is_empty() && same_division {
            above[Column::NO].clone()
        } else {
            cells[Column::NO].clone()
        };
        let no = match parse_number(&no_text) {
            Some(no) if (1..=99).contains(&no) => no as usize,
            _ if no_text.trim().is_empty() => return Err(RowFault::NoNumber { division }),
            _ => {
                let text = no_text.trim().to_string();
                return Err(RowFault::BadNumber { text });
            }
        };
        let year = carried(Column::YEAR);
        let fiscal_year = if year.trim().is_empty() {
            None
        } else {
            let text = year.trim().to_string();
            Some(crate::sheet::era::parse_fiscal_year(&year).ok_or(RowFault::BadYear { text })?)
        };
        // The division's own cells continue only on the rows of the same division.
        let own = |column: Column| {
            if cells[Column::DIVISION].trim().is_empty() {
                carried(column)
            } else {
                cells[column].clone()
            }
        };
        Ok(Carried {
            ward,
            department,
            division,
            same_division,
            no,
            year,
            fiscal_year,
            own: own_cells(own),
        })
    }

    /// A division is read from one worksheet: a second that names it is a copy (a draft kept
    /// in the workbook, shown or hidden), and its rows would be merged in twice.
    fn one_sheet(&mut self, carried: &Carried, sheet: &str) -> Result<(), RowFault> {
        let key = (
            carried.ward.clone(),
            carried.fiscal_year,
            crate::exchange::form::heading(&carried.division),
        );
        match self.sheets.get(&key) {
            Some(first) if first != sheet => Err(RowFault::TwoSheets {
                division: carried.division.clone(),
                first: first.clone(),
                second: sheet.to_string(),
            }),
            Some(_) => Ok(()),
            None => {
                self.sheets.insert(key, sheet.to_string());
                Ok(())
            }
        }
    }

    /// The division the row is of (ward index, division index), made on its first row.
    fn division(&mut self, carried: &Carried, row: &ReadRow) -> (usize, usize) {
        let ward = &carried.ward;
        let w = match (self.wards.iter())
            .position(|w| w.ward == *ward && w.fiscal_year == carried.fiscal_year)
        {
            Some(w) => w,
            None => {
                self.wards.push(ImportedWard {
                    ward: ward.clone(),
                    fiscal_year: carried.fiscal_year,
                    ..ImportedWard::default()
                });
                self.wards.len() - 1
            }
        };
        let key = (
            ward.clone(),
            carried.department.clone(),
            carried.division.clone(),
        );
        if let Some(&at) = self.divisions.get(&key) {
            return at;
        }
        let divisions = &mut self.wards[w].divisions;
        let order = parse_number(&carried.own[Column::ORDER])
            .and_then(|o| u32::try_from(o).ok())
            .filter(|&o| o >= 1)
            .unwrap_or(divisions.len() as u32 + 1);
        // The division's values taken as written (施策指標, …), from their columns.
        let values = values_of(FIELDS, Level::Division, &carried.own);
        divisions.push(Division {
            file: Default::default(),
            order,
            department: carried.department.clone(),
            name: carried.division.clone(),
            approval: stamp_titles(&carried.own[Column::APPROVAL]),
            goals: Vec::new(),
            ..texts_of(Level::Division, &values)
        });
        self.wards[w].sources.push(Source {
            sheet: row.sheet.clone(),
            former: row.former.clone(),
        });
        let at = (w, self.wards[w].divisions.len() - 1);
        self.divisions.insert(key, at);
        at
    }

    /// The row's goal, made on its first row; a later row of it may leave its cells empty or
    /// repeat them, but may not say otherwise. Returns the goal's cells as this row has them.
    fn goal(
        &mut self,
        w: usize,
        d: usize,
        carried: &Carried,
        cells: &Row,
        line: usize,
    ) -> Result<Vec<String>, RowFault> {
        let (no, g) = (carried.no, carried.no - 1);
        let division = &mut self.wards[w].divisions[d];
        if g > division.goals.len() {
            return Err(RowFault::NumberGap {
                no,
                next: division.goals.len() + 1,
                division: carried.division.clone(),
            });
        }
        let continuing = carried.same_division && cells[Column::NO].trim().is_empty();
        let values: Vec<String> = (GOAL_COLUMNS.iter())
            .map(|&(column, _)| {
                if continuing && cells[column].trim().is_empty() {
                    self.above[column].clone()
                } else {
                    cells[column].clone()
                }
            })
            .collect();
        if g == division.goals.len() {
            let empty = (GOAL_COLUMNS.iter().zip(&values))
                .find(|((_, field), value)| field.required && value.trim().is_empty());
            if let Some(((column, _), _)) = empty {
                // A goal's first row without its 組織目標: a required cell left empty.
                return Err(RowFault::EmptyCell {
                    column: *column,
                    no,
                    division: carried.division.clone(),
                });
            }
            division.goals.push(goal_of(&values));
            self.goal_lines.insert((w, d, g), line);
            return Ok(values);
        }
        let first_values = goal_cells(&division.goals[g]);
        for (i, value) in values.iter().enumerate() {
            let new = value.trim();
            if !new.is_empty() && new != first_values[i].trim() {
                let first = self.goal_lines.get(&(w, d, g)).copied().unwrap_or(0);
                return Err(RowFault::GoalDiffers {
                    column: GOAL_COLUMNS[i].0,
                    first,
                    no,
                    division: carried.division.clone(),
                });
            }
        }
        Ok(values)
    }

    /// What the next row may carry down from this one.
    fn remember(&mut self, cells: &Row, carried: Carried, goal_values: Vec<String>) {
        let mut above = cells.clone();
        // The division's own cells first: its names below are those carried (and trimmed).
        for &column in DIVISION_COLUMNS.iter() {
            above[column] = carried.own[column].clone();
        }
        above[Column::WARD] = carried.ward;
        above[Column::DEPARTMENT] = carried.department;
        above[Column::DIVISION] = carried.division;
        above[Column::YEAR] = carried.year;
        above[Column::NO] = carried.no.to_string();
        for (&(column, _), value) in GOAL_COLUMNS.iter().zip(goal_values) {
            above[column] = value;
        }
        self.above = above;
    }
}

/// The row's action and indicator: a new name starts an action; an empty name continues the one
/// above.
fn add_action(goal: &mut Goal, cells: &Row, form: bool) -> Result<(), RowFault> {
    let (name, summary) = (
        cells[Column::ACTION].clone(),
        cells[Column::SUMMARY].clone(),
    );
    if form && !name.trim().is_empty() {
        goal.actions.push(action_of(cells));
        add_indicator(goal, cells);
        return Ok(());
    }
    let indicated = has_indicator(cells);
    // A 概要 that differs on a later row of the same action was changed in one row only: told,
    // not taken for another action.
    if let Some(last) = goal.actions.last() {
        let same_action = name.trim().is_empty() || name == last.name;
        let changed = !summary.trim().is_empty() && summary != last.summary;
        if same_action && changed {
            return Err(RowFault::ActionDiffers {
                column: Column::SUMMARY,
                action: last.name.clone(),
            });
        }
    }
    let continues_action = name.trim().is_empty()
        && (summary.trim().is_empty() || goal.actions.last().is_some_and(|a| a.summary == summary));
    if continues_action {
        if indicated && goal.actions.is_empty() {
            return Err(RowFault::IndicatorWithoutAction);
        }
    } else {
        let same = goal
            .actions
            .last()
            .is_some_and(|a| a.name == name && (summary.trim().is_empty() || a.summary == summary));
        if !same {
            goal.actions.push(action_of(cells));
        }
    }
    add_indicator(goal, cells);
    Ok(())
}

/// The action of a row: its cells of the action's fields (取組名称, 概要, …), without
/// indicators yet.
fn action_of(cells: &Row) -> Action {
    texts_of(Level::Action, &values_of(FIELDS, Level::Action, cells))
}

/// Whether a row has an indicator: a cell of an indicator's field (取組指標, 目標, 結果, …).
fn has_indicator(cells: &Row) -> bool {
    (values_of(FIELDS, Level::Indicator, cells).values())
        .any(|value| !fields::shown(value).trim().is_empty())
}

/// The row's indicator, when it has one, to the goal's last action.
fn add_indicator(goal: &mut Goal, cells: &Row) {
    if has_indicator(cells)
        && let Some(action) = goal.actions.last_mut()
    {
        let indicator: Indicator = texts_of(
            Level::Indicator,
            &values_of(FIELDS, Level::Indicator, cells),
        );
        action.indicators.push(indicator);
    }
}

/// The titles of the stamp boxes in a 承認印 cell (`区長、副区長、課長`), or `None` when empty.
fn stamp_titles(cell: &str) -> Option<Vec<String>> {
    (!cell.trim().is_empty()).then(|| {
        cell.split(['、', ',', '，', '\n'])
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect()
    })
}

/// A whole number, in half- or full-width digits (`3`, `３`, `3.0` as Excel gives it).
fn parse_number(text: &str) -> Option<i64> {
    let folded: String = text.nfkc().collect();
    let folded = folded.trim();
    let folded = folded.strip_suffix(".0").unwrap_or(folded);
    folded.parse().ok()
}
