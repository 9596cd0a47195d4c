//! The sheets as one flat table, one row per indicator, the way divisions fill them in Excel:
//! `export` writes a ward (or a city) as CSV, xlsx or JSON; `import` reads such a table back
//! into division files, rows of the same goal or action grouped by their shared cells.
//!
//! A row repeats its division's and goal's cells (部, 課, No., 組織目標, …); a row may also
//! leave them empty, as merged cells come out of Excel, and then continues the row above.

use super::Error;
use crate::sheet::model::{Action, Division, Goal, Indicator, Ward};
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

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

    /// The column's header, as export writes it.
    pub fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// The headers, in [`Column::ALL`] order.
pub const COLUMNS: [&str; 18] = [
    "区",
    "年度",
    "順",
    "部",
    "課",
    "施策指標",
    "No.",
    "組織目標",
    "位置づけ",
    "取組名称",
    "概要",
    "取組指標",
    "目標",
    "結果",
    "評価",
    "目標達成状況",
    "今後の方針",
    "承認印",
];

/// Headers as Excel sheets often spell them, and the column they mean.
const ALIASES: [(&str, Column); 9] = [
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
    fn is_blank(&self) -> bool {
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
/// action, or an action without an indicator, still has its row.
pub fn rows(wards: &[Ward]) -> Vec<Row> {
    let mut rows = Vec::new();
    for ward in wards {
        for division in &ward.divisions {
            for (i, goal) in division.goals.iter().enumerate() {
                let base = |action: Option<&Action>, indicator: Option<&Indicator>| -> Row {
                    let mut row = Row::default();
                    row[Column::Ward] = ward.name.clone();
                    row[Column::Year] = ward.fiscal_year.to_string();
                    row[Column::Order] = division.order.to_string();
                    row[Column::Department] = division.department.clone();
                    row[Column::Division] = division.name.clone();
                    row[Column::Policy] = division.policy_indicators.join("\n");
                    if let Some(approval) = &division.approval {
                        row[Column::Approval] = approval.join("、");
                    }
                    row[Column::No] = (i + 1).to_string();
                    row[Column::Goal] = goal.text.clone();
                    row[Column::PlanRef] = goal.plan_ref.clone();
                    row[Column::Rating] = goal.rating.clone();
                    row[Column::Status] = goal.status.clone();
                    row[Column::NextSteps] = goal.next_steps.clone();
                    if let Some(action) = action {
                        row[Column::Action] = action.name.clone();
                        row[Column::Summary] = action.summary.clone();
                    }
                    if let Some(indicator) = indicator {
                        row[Column::Indicator] = indicator.name.clone();
                        row[Column::Target] = indicator.target.clone();
                        row[Column::Result] = indicator.result.clone();
                    }
                    row
                };
                if goal.actions.is_empty() {
                    rows.push(base(None, None));
                }
                for action in &goal.actions {
                    if action.indicators.is_empty() {
                        rows.push(base(Some(action), None));
                    }
                    for indicator in &action.indicators {
                        rows.push(base(Some(action), Some(indicator)));
                    }
                }
            }
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Writing.

/// The characters a spreadsheet takes as the start of a formula when it opens a CSV.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as it is safe to open in Excel: one that starts like a formula (`=HYPERLINK(…)`)
/// gets a `'` in front, as OWASP recommends for CSV, so it is shown as the text it is.
/// [`read_csv`] takes the `'` away again.
fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as [`inert_cell`] wrote it, without the `'` it put in front.
fn live_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// CSV as Excel opens it: UTF-8 with a byte order mark, CRLF line ends, every cell quoted
/// where it needs to be, and no cell that Excel would take for a formula.
pub fn to_csv(rows: &[Row]) -> Result<Vec<u8>, Error> {
    csv_of(&COLUMNS, rows.iter().map(|row| row.cells().as_slice()))
}

/// A CSV for Excel: UTF-8 with a BOM, CRLF line ends, and cells that would start a formula
/// made inert.
pub(crate) fn csv_of<'a>(
    headings: &[&str],
    rows: impl Iterator<Item = &'a [String]>,
) -> Result<Vec<u8>, Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(headings).map_err(Error::CsvWrite)?;
    for row in rows {
        let cells = row.iter().map(|cell| inert_cell(cell).into_owned());
        writer.write_record(cells).map_err(Error::CsvWrite)?;
    }
    writer
        .into_inner()
        .map_err(|err| Error::CsvWrite(err.into_error().into()))
}

/// An xlsx workbook with one worksheet, 組織目標, its header row bold and frozen, filtered.
pub fn to_xlsx(rows: &[Row]) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = Error::XlsxWrite;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("組織目標").map_err(fail)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, column) in Column::ALL.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, column.name(), &bold)
            .map_err(fail)?;
        let width = match column {
            Column::Goal
            | Column::Summary
            | Column::Status
            | Column::NextSteps
            | Column::Policy => 40.0,
            Column::Action | Column::Indicator => 24.0,
            _ => 10.0,
        };
        sheet.set_column_width(c as u16, width).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.cells().iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string_with_format(r as u32 + 1, c as u16, cell, &wrap)
                    .map_err(fail)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    sheet
        .autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)
        .map_err(fail)?;
    workbook.save_to_buffer().map_err(fail)
}

/// JSON: an array of objects keyed by the column names.
pub fn to_json(rows: &[Row]) -> Result<Vec<u8>, Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|row| {
            COLUMNS
                .iter()
                .zip(row.cells())
                .map(|(name, cell)| (name.to_string(), serde_json::Value::String(cell.clone())))
                .collect()
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&objects)?;
    bytes.push(b'\n');
    Ok(bytes)
}

// ---------------------------------------------------------------------------------------------
// Reading.

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

/// What a table file holds: its rows, and the columns whose headings are none mokuhyo knows
/// (they are not read, and import says so).
#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<ReadRow>,
    pub unknown: Vec<UnknownColumn>,
    /// Formula cells saved without the value Excel would show: read as empty.
    pub unvalued: Vec<UnvaluedFormula>,
    /// A form workbook's cover (empty for any other table).
    pub cover: crate::exchange::form::Cover,
    /// The 作成日 and 評価日 of a form's division worksheets.
    pub dates: Vec<crate::exchange::form::SheetDate>,
}

/// A formula cell of a workbook saved without its value (`H5` of `Sheet1`).
#[derive(Debug, Clone, PartialEq)]
pub struct UnvaluedFormula {
    pub sheet: String,
    pub cell: String,
}

/// A column of a table that is not read: its worksheet (empty for CSV), letter and heading.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownColumn {
    pub sheet: String,
    pub column: String,
    pub heading: String,
}

/// A row that could not be placed, or a file an import would not write, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// `Sheet1` for a workbook's worksheet, empty for CSV.
    pub sheet: String,
    /// The row's number; 0 when it is about a file, not a row.
    pub line: usize,
    pub reason: RowFault,
}

/// Why a row cannot be placed, or a file not written.
#[derive(Debug, Clone, PartialEq)]
pub enum RowFault {
    /// No 課, and none above.
    NoDivision,
    /// No No., and none above in the same division.
    NoNumber {
        division: String,
    },
    BadNumber {
        text: String,
    },
    BadYear {
        text: String,
    },
    /// No. `no` before No. `next` of the division.
    NumberGap {
        no: usize,
        next: usize,
        division: String,
    },
    /// A goal's cell that differs from the goal's first row.
    GoalDiffers {
        column: Column,
        first: usize,
        no: usize,
        division: String,
    },
    IndicatorWithoutAction,
    /// A required cell left empty on the first row of goal No. `no`.
    EmptyCell {
        column: Column,
        no: usize,
        division: String,
    },
    /// An action's cell that differs on a later row of the same action.
    ActionDiffers {
        column: Column,
        action: String,
    },
    /// A division's file exists already (and `--force` was not given).
    FileExists {
        path: std::path::PathBuf,
    },
    /// A ward folder without `ward.toml`, and no 区 and 年度 to write one from.
    NoWardFile {
        dir: std::path::PathBuf,
    },
    /// Two wards or divisions of the table would be written to one file.
    Clash(crate::output::Clash),
    /// A division whose file would be too large to read back (a cell far too long).
    TooLarge {
        path: std::path::PathBuf,
        mib: usize,
        max_mib: u64,
        division: String,
    },
    /// Said last when anything above stopped the import.
    NothingWritten,
    /// `--force` would replace a division's file with less than it holds: `key` is the first
    /// thing the file has and the table not.
    WouldLose {
        path: std::path::PathBuf,
        key: String,
    },
    /// Two worksheets name one division (a copy kept as a draft, shown or hidden).
    TwoSheets {
        division: String,
        first: String,
        second: String,
    },
    /// A division renamed in its worksheet (its 課 cell): its file `from` becomes `to`, only
    /// with `--force`.
    Renamed {
        from: std::path::PathBuf,
        to: std::path::PathBuf,
        former: String,
        division: String,
    },
    /// The file a division would be written to names another division.
    FileOfAnother {
        path: std::path::PathBuf,
        division: String,
        other: String,
    },
    /// Two files of the folder name the division already: which one to write is not known.
    TwoFiles {
        division: String,
        first: std::path::PathBuf,
        second: std::path::PathBuf,
    },
    /// A date of the form's cover that is no date.
    BadDate {
        text: String,
        cell: String,
    },
    /// A division file that cannot be read as a sound division (a syntax error a clerk left,
    /// say): what it holds cannot be judged, so it is never replaced, not even with `--force`.
    /// `problem` is its first error (of `ward.toml` when that is what stands in the way).
    Unsound {
        path: std::path::PathBuf,
        problem: Option<Box<crate::sheet::model::Problem>>,
    },
    /// Where a division file would be written is no file: a folder, or a link to nothing.
    NotAFile {
        path: std::path::PathBuf,
    },
    /// A worksheet's new division could be the rename of more than one (by its 順): `others`
    /// are the candidates, files or worksheets.
    RenameUnclear {
        division: String,
        order: u32,
        others: Vec<String>,
    },
    /// The workbook is of another ward or year than the folder's `ward.toml`; `place` is where
    /// the workbook says so (a cell of the cover, a worksheet).
    OtherWard {
        path: std::path::PathBuf,
        place: String,
        table: String,
        folder: String,
    },
    /// A form worksheet whose 課 cell is empty, and no row of the cover names it.
    NoDivisionCell {
        cell: String,
    },
    /// The ward as the import would leave it has `count` errors its files did not have (a
    /// second file of one 順, …): told above, and nothing written.
    NewErrors {
        count: usize,
    },
}

impl std::fmt::Display for RowFault {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        use crate::t;
        let shown = |path: &Path| crate::output::visible(&path.display().to_string());
        let text = match self {
            RowFault::NoDivision => t!("row-no-division"),
            RowFault::NoNumber { division } => t!("row-no-number", division = division.as_str()),
            RowFault::BadNumber { text } => t!("row-bad-number", text = text.as_str()),
            RowFault::BadYear { text } => t!("row-bad-year", text = text.as_str()),
            RowFault::NumberGap { no, next, division } => t!(
                "row-number-gap",
                no = *no,
                next = *next,
                division = division.as_str()
            ),
            RowFault::GoalDiffers {
                column,
                first,
                no,
                division,
            } => t!(
                "row-goal-differs",
                column = column.name(),
                first = *first,
                no = *no,
                division = division.as_str()
            ),
            RowFault::IndicatorWithoutAction => t!("row-indicator-without-action"),
            RowFault::EmptyCell {
                column,
                no,
                division,
            } => t!(
                "row-empty-cell",
                column = column.name(),
                no = *no,
                division = division.as_str()
            ),
            RowFault::ActionDiffers { column, action } => t!(
                "row-action-differs",
                column = column.name(),
                action = action.as_str()
            ),
            RowFault::FileExists { path } => t!("row-file-exists", path = shown(path)),
            RowFault::NoWardFile { dir } => t!("row-no-ward-file", path = shown(dir)),
            RowFault::Clash(clash) => clash.to_string(),
            RowFault::TooLarge {
                path,
                mib,
                max_mib,
                division,
            } => t!(
                "row-too-large",
                path = shown(path),
                mib = *mib,
                max_mib = *max_mib,
                division = division.as_str()
            ),
            RowFault::NothingWritten => t!("row-nothing-written"),
            RowFault::WouldLose { path, key } => {
                t!("row-would-lose", path = shown(path), key = key.as_str())
            }
            RowFault::TwoSheets {
                division,
                first,
                second,
            } => t!(
                "row-two-sheets",
                division = division.as_str(),
                first = first.as_str(),
                second = second.as_str()
            ),
            RowFault::Renamed {
                from,
                to,
                former,
                division,
            } => t!(
                "row-renamed",
                from = shown(from),
                to = shown(to),
                former = former.as_str(),
                division = division.as_str()
            ),
            RowFault::FileOfAnother {
                path,
                division,
                other,
            } => t!(
                "row-file-of-another",
                path = shown(path),
                division = division.as_str(),
                other = other.as_str()
            ),
            RowFault::TwoFiles {
                division,
                first,
                second,
            } => t!(
                "row-two-files",
                division = division.as_str(),
                first = shown(first),
                second = shown(second)
            ),
            RowFault::BadDate { text, cell } => {
                t!("row-bad-date", text = text.as_str(), cell = cell.as_str())
            }
            RowFault::Unsound { path, problem } => {
                let line = problem.as_ref().and_then(|p| p.at).map_or(0, |at| at.line);
                let words = problem.as_ref().map(|p| p.message()).unwrap_or_default();
                let file = problem
                    .as_ref()
                    .map_or(path.as_path(), |p| p.file.as_path());
                t!(
                    "row-unsound",
                    path = shown(path),
                    file = shown(file),
                    line = line,
                    problem = words
                )
            }
            RowFault::NotAFile { path } => t!("row-not-a-file", path = shown(path)),
            RowFault::RenameUnclear {
                division,
                order,
                others,
            } => t!(
                "row-rename-unclear",
                division = division.as_str(),
                order = *order,
                others = others.join("、")
            ),
            RowFault::OtherWard {
                path,
                place,
                table,
                folder,
            } => t!(
                "row-other-ward",
                path = shown(path),
                place = place.as_str(),
                table = table.as_str(),
                folder = folder.as_str()
            ),
            RowFault::NoDivisionCell { cell } => t!("row-no-division-cell", cell = cell.as_str()),
            RowFault::NewErrors { count } => t!("row-new-errors", count = *count),
        };
        f.write_str(&text)
    }
}

impl std::fmt::Display for Unplaced {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        use crate::t;
        let reason = self.reason.to_string();
        let text = if self.line == 0 {
            // Not about a row: about a file the import would write.
            reason
        } else if self.sheet.is_empty() {
            t!("row-at", line = self.line, reason = reason)
        } else {
            t!(
                "row-at-sheet",
                sheet = self.sheet.as_str(),
                line = self.line,
                reason = reason
            )
        };
        f.write_str(&text)
    }
}

/// The most bytes of a table file that are read: a city's table is a few MiB.
const MAX_TABLE_BYTES: u64 = 64 << 20;

/// Reads the rows of a CSV, xlsx (or xlsm, xls, ods) or JSON file, by its extension.
pub fn read(path: &Path) -> Result<Table, Error> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            let path = path.to_path_buf();
            return Err(Error::NotAFile { path });
        }
        if meta.len() > MAX_TABLE_BYTES {
            return Err(Error::TableTooLarge {
                path: path.to_path_buf(),
                mib: meta.len() >> 20,
                max_mib: MAX_TABLE_BYTES >> 20,
            });
        }
    }
    match extension.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|err| Error::read(path, err))?;
            let decoded =
                crate::sheet::encoding::decode(&bytes).map_err(|err| Error::TableEncoding {
                    path: path.to_path_buf(),
                    kind: Box::new(err.kind),
                })?;
            read_csv(&decoded.text)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        "json" => {
            let text = std::fs::read_to_string(path).map_err(|err| Error::read(path, err))?;
            read_json(&text)
        }
        _ => Err(Error::UnknownTableFormat {
            path: path.to_path_buf(),
        }),
    }
}

/// The rows of a CSV text, from its header line on.
pub fn read_csv(text: &str) -> Result<Table, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(Error::CsvRead)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells = record.iter().map(|c| live_cell(c).to_string()).collect();
        lines.push((line, cells));
    }
    place_columns(String::new(), lines)
}

/// The most a table's columns and cells may number, and the most a workbook may unpack to:
/// far more than any sheet has, small enough that a hostile file cannot take the memory.
const MAX_COLUMNS: u32 = 256;
const MAX_CELLS: usize = 2_000_000;
const MAX_UNPACKED: u64 = 512 << 20;

/// The rows of every worksheet of a workbook that has a header row. Cells are read one by one
/// as the file lists them (xlsx, xlsb), so a stray cell far away (XFD1048576) costs one cell,
/// not a grid up to it.
fn read_workbook(path: &Path) -> Result<Table, Error> {
    use calamine::{Reader, open_workbook_auto};
    check_unpacked_size(path)?;
    let mut workbook = open_workbook_auto(path).map_err(|source| not_opened(path, source))?;
    // How an xlsx's cells display, read once for all its worksheets.
    let mut parts = crate::exchange::numfmt::XlsxParts::open(path);
    let mut sheets = Vec::new();
    let mut unvalued = Vec::new();
    for name in workbook.sheet_names() {
        let cells =
            read_sheet(&mut workbook, parts.as_mut(), &name).map_err(|err| Error::Worksheet {
                path: path.to_path_buf(),
                sheet: name.clone(),
                source: Box::new(err),
            })?;
        for &(row, column) in &cells.unvalued {
            let cell = format!("{}{}", column_name(column), row + 1);
            unvalued.push(UnvaluedFormula {
                sheet: name.clone(),
                cell,
            });
        }
        sheets.push((name, cells.into_lines()));
    }
    // A form workbook's cover says which ward and year its worksheets are of.
    let cover = (sheets.iter())
        .find_map(|(_, lines)| crate::exchange::form::Cover::read(lines))
        .unwrap_or_default();
    let mut table = Table {
        unvalued,
        cover: cover.clone(),
        ..Table::default()
    };
    let mut found = false;
    for (name, lines) in sheets {
        if let Some(form_rows) = crate::exchange::form::rows(&name, &lines, &cover) {
            found = true;
            (table.dates).extend(crate::exchange::form::sheet_dates(&name, &lines));
            table.rows.extend(form_rows);
            continue;
        }
        match place_columns(name, lines) {
            Ok(sheet) => {
                found = true;
                table.rows.extend(sheet.rows);
                table.unknown.extend(sheet.unknown);
            }
            Err(_) => continue, // A sheet without the table (notes, a cover): not ours.
        }
    }
    if !found {
        return Err(Error::NoHeaderInWorkbook {
            path: path.to_path_buf(),
        });
    }
    Ok(table)
}

/// Whether calamine could not open a workbook because it has a password (is encrypted).
/// Why a workbook could not be opened, in words a clerk can act on: a password; no workbook
/// at all (a CSV or a text renamed .xlsx, an empty or truncated file); else calamine's reason.
fn not_opened(path: &Path, source: calamine::Error) -> Error {
    use calamine::{Error as E, OdsError, XlsError, XlsbError, XlsxError};
    let path = path.to_path_buf();
    if is_password(&source) || is_encrypted_package(&path) {
        return Error::WorkbookPassword { path };
    }
    match source {
        E::Xlsx(XlsxError::Zip(_))
        | E::Xlsb(XlsbError::Zip(_))
        | E::Ods(OdsError::Zip(_))
        | E::Xls(XlsError::Cfb(_))
        | E::Msg(_) => Error::NotAWorkbook { path },
        source => Error::Workbook { path, source },
    }
}

/// Whether the file is a workbook Excel encrypted with a password (an OLE file holding an
/// `EncryptedPackage`), whatever its name says (`.xls`, where calamine looks for a BIFF
/// workbook in it and finds none).
fn is_encrypted_package(path: &Path) -> bool {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.starts_with(&OLE) && bytes.windows(name.len()).any(|w| w == name.as_slice())
}

fn is_password(error: &calamine::Error) -> bool {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    matches!(
        error,
        Error::Xlsx(XlsxError::Password)
            | Error::Xls(XlsError::Password)
            | Error::Xlsb(XlsbError::Password)
            | Error::Ods(OdsError::Password)
    )
}

/// One worksheet's filled cells: xlsx and xlsb cell by cell as the file lists them, the
/// others through calamine's grid. An xlsx's numbers are taken as their number formats show
/// them (80.5%, 1,200人, 令和7年3月31日), as the division saw what it typed.
fn read_sheet(
    workbook: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    parts: Option<&mut crate::exchange::numfmt::XlsxParts>,
    name: &str,
) -> Result<SparseSheet, Error> {
    use calamine::{DataRef, Reader, Sheets};
    let mut cells = SparseSheet::default();
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let dates = parts.as_ref().map(|parts| parts.dates).unwrap_or_default();
            let parts = parts.map(|parts| parts.sheet(name)).unwrap_or_default();
            let formats = parts.formats;
            cells.unvalued = parts.unvalued;
            let mut reader = xlsx
                .worksheet_cells_reader(name)
                .map_err(calamine::Error::from)?;
            while let Some(cell) = reader.next_cell().map_err(calamine::Error::from)? {
                let at = cell.get_position();
                let number = match cell.get_value() {
                    DataRef::Float(f) => Some(*f),
                    DataRef::Int(i) => Some(*i as f64),
                    DataRef::DateTime(d) => Some(d.as_f64()),
                    _ => None,
                };
                match (number, formats.get(&at)) {
                    (Some(number), Some(format)) => {
                        let shown = crate::exchange::numfmt::display_in(number, format, dates);
                        cells.add(at, &calamine::Data::String(shown))?;
                    }
                    _ => cells.add_ref(at, cell.get_value())?,
                }
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb
                .worksheet_cells_reader(name)
                .map_err(calamine::Error::from)?;
            while let Some(cell) = reader.next_cell().map_err(calamine::Error::from)? {
                cells.add_ref(cell.get_position(), cell.get_value())?;
            }
        }
        other => {
            let range = other.worksheet_range(name)?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (row, column, data) in range.used_cells() {
                cells.add((top + row as u32, left + column as u32), data)?;
            }
        }
    }
    Ok(cells)
}

/// Refuses a workbook (a zip archive) whose parts unpack to more than [`MAX_UNPACKED`]: a
/// "zip bomb" of a few kilobytes could otherwise fill the memory.
fn check_unpacked_size(path: &Path) -> Result<(), Error> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(()); // Opening the workbook says why.
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(()); // Not a zip archive (.xls): calamine reads it or says why.
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_UNPACKED {
        return Err(Error::Unpacked {
            path: path.to_path_buf(),
            mib: total >> 20,
            max_mib: MAX_UNPACKED >> 20,
        });
    }
    Ok(())
}

/// A worksheet's non-empty cells, by row: only the rows and cells that are there.
#[derive(Default)]
struct SparseSheet {
    rows: std::collections::BTreeMap<u32, Vec<(u32, String)>>,
    cells: usize,
    /// Formula cells saved without a value: read as empty, and told.
    unvalued: Vec<(u32, u32)>,
}

impl SparseSheet {
    fn add(&mut self, (row, column): (u32, u32), data: &calamine::Data) -> Result<(), Error> {
        let text = cell_text(data);
        if text.is_empty() {
            return Ok(());
        }
        if column >= MAX_COLUMNS {
            return Err(Error::CellBeyond {
                cell: format!("{}{}", column_name(column), row + 1),
                last: column_name(MAX_COLUMNS - 1),
                columns: MAX_COLUMNS,
            });
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(Error::TooManyCells { max: MAX_CELLS });
        }
        self.rows.entry(row).or_default().push((column, text));
        Ok(())
    }

    /// [`SparseSheet::add`] for a cell as the cell readers give it.
    fn add_ref(&mut self, at: (u32, u32), data: &calamine::DataRef) -> Result<(), Error> {
        self.add(at, &calamine::Data::from(data.clone()))
    }

    /// Each row's number as the spreadsheet shows it, and its cells from column A.
    fn into_lines(self) -> Vec<(usize, Vec<String>)> {
        self.rows
            .into_iter()
            .map(|(row, cells)| {
                let width = cells
                    .iter()
                    .map(|(c, _)| *c as usize + 1)
                    .max()
                    .unwrap_or(0);
                let mut line = vec![String::new(); width];
                for (column, text) in cells {
                    line[column as usize] = text;
                }
                (row as usize + 1, line)
            })
            .collect()
    }
}

/// A cell's value as text.
fn cell_text(data: &calamine::Data) -> String {
    use calamine::Data;
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => crate::exchange::numfmt::general(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A column's letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_name(mut column: u32) -> String {
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

/// The rows of a JSON array of objects keyed by column name (what `export --format json` writes).
fn read_json(text: &str) -> Result<Table, Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(Error::JsonRows)?;
    let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut lines = vec![(1, header.clone())];
    for (i, object) in objects.iter().enumerate() {
        let cells = header
            .iter()
            .map(|name| match object.get(name) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            })
            .collect();
        lines.push((i + 2, cells));
    }
    place_columns(String::new(), lines)
}

/// A header cell as compared: NFKC (full-width letters and brackets folded), no spaces, upper
/// case, without a trailing full stop.
fn header_key(cell: &str) -> String {
    let folded = crate::exchange::form::heading(cell).to_uppercase();
    folded.trim_end_matches('.').to_string()
}

/// Finds the header row (the first that names 課, No. and 組織目標) among `lines` (each its
/// line number and cells) and returns the rows below it, their cells by column.
fn place_columns(sheet: String, lines: Vec<(usize, Vec<String>)>) -> Result<Table, Error> {
    let known: HashMap<String, Column> = Column::ALL
        .iter()
        .map(|&column| (header_key(column.name()), column))
        .chain(
            ALIASES
                .iter()
                .map(|&(name, column)| (header_key(name), column)),
        )
        .collect();
    // A heading as export writes it, as Excel sheets often spell it, or as the sheet prints it.
    let column = |cell: &str| {
        let printed = crate::exchange::form::heading(cell);
        (known.get(&header_key(cell)).copied())
            .or_else(|| crate::exchange::form::column_of(&printed))
    };
    let header_at = lines.iter().position(|(_, cells)| {
        let found: Vec<Column> = cells.iter().filter_map(|c| column(c)).collect();
        [Column::Division, Column::No, Column::Goal]
            .iter()
            .all(|c| found.contains(c))
    });
    let Some(header_at) = header_at else {
        return Err(Error::NoHeader);
    };
    let columns: Vec<Option<Column>> = lines[header_at].1.iter().map(|c| column(c)).collect();
    let unknown = (lines[header_at].1.iter().zip(&columns).enumerate())
        .filter(|(_, (heading, column))| column.is_none() && !heading.trim().is_empty())
        .map(|(i, (heading, _))| UnknownColumn {
            sheet: sheet.clone(),
            column: column_name(i as u32),
            heading: heading.clone(),
        })
        .collect();
    let rows = lines[header_at + 1..]
        .iter()
        .map(|(line, cells)| {
            let mut row = Row::default();
            for (cell, column) in cells.iter().zip(&columns) {
                if let Some(column) = column {
                    row[*column] = cell.replace("\r\n", "\n");
                }
            }
            ReadRow {
                cells: row,
                sheet: sheet.clone(),
                line: *line,
                form: false,
                former: None,
                division_cell: None,
            }
        })
        .collect();
    Ok(Table {
        rows,
        unknown,
        ..Table::default()
    })
}

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
    policy: String,
    order: String,
    approval: String,
}

/// The goal's own cells, by column.
const GOAL_COLUMNS: [Column; 5] = [
    Column::Goal,
    Column::PlanRef,
    Column::Rating,
    Column::Status,
    Column::NextSteps,
];

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
        let ward = carried(Column::Ward).trim().to_string();
        let department = carried(Column::Department).trim().to_string();
        let division = carried(Column::Division).trim().to_string();
        if division.is_empty() {
            return Err(RowFault::NoDivision);
        }
        let same_division = ward == above[Column::Ward].trim()
            && department == above[Column::Department].trim()
            && division == above[Column::Division].trim();
        let no_text = if cells[Column::No].trim().is_empty() && same_division {
            above[Column::No].clone()
        } else {
            cells[Column::No].clone()
        };
        let no = match parse_number(&no_text) {
            Some(no) if (1..=99).contains(&no) => no as usize,
            _ if no_text.trim().is_empty() => return Err(RowFault::NoNumber { division }),
            _ => {
                let text = no_text.trim().to_string();
                return Err(RowFault::BadNumber { text });
            }
        };
        let year = carried(Column::Year);
        let fiscal_year = if year.trim().is_empty() {
            None
        } else {
            let text = year.trim().to_string();
            Some(crate::sheet::era::parse_fiscal_year(&year).ok_or(RowFault::BadYear { text })?)
        };
        // The division's own cells continue only on the rows of the same division.
        let own = |column: Column| {
            if cells[Column::Division].trim().is_empty() {
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
            policy: own(Column::Policy),
            order: own(Column::Order),
            approval: own(Column::Approval),
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
        let order = parse_number(&carried.order)
            .and_then(|o| u32::try_from(o).ok())
            .filter(|&o| o >= 1)
            .unwrap_or(divisions.len() as u32 + 1);
        divisions.push(Division {
            file: Default::default(),
            order,
            department: carried.department.clone(),
            name: carried.division.clone(),
            policy_indicators: lines_of(&carried.policy),
            approval: stamp_titles(&carried.approval),
            goals: Vec::new(),
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
    ) -> Result<[String; 5], RowFault> {
        let (no, g) = (carried.no, carried.no - 1);
        let division = &mut self.wards[w].divisions[d];
        if g > division.goals.len() {
            return Err(RowFault::NumberGap {
                no,
                next: division.goals.len() + 1,
                division: carried.division.clone(),
            });
        }
        let continuing = carried.same_division && cells[Column::No].trim().is_empty();
        let values = GOAL_COLUMNS.map(|column| {
            if continuing && cells[column].trim().is_empty() {
                self.above[column].clone()
            } else {
                cells[column].clone()
            }
        });
        if g == division.goals.len() {
            let [text, plan_ref, rating, status, next_steps] = values.clone();
            if text.trim().is_empty() {
                // A goal's first row without its 組織目標: a required cell left empty.
                return Err(RowFault::EmptyCell {
                    column: Column::Goal,
                    no,
                    division: carried.division.clone(),
                });
            }
            division.goals.push(Goal {
                text,
                plan_ref,
                rating: rating.trim().to_string(),
                status,
                next_steps,
                actions: Vec::new(),
            });
            self.goal_lines.insert((w, d, g), line);
            return Ok(values);
        }
        let goal = &division.goals[g];
        let first_values = [
            &goal.text,
            &goal.plan_ref,
            &goal.rating,
            &goal.status,
            &goal.next_steps,
        ];
        for (i, value) in values.iter().enumerate() {
            let new = value.trim();
            if !new.is_empty() && new != first_values[i].trim() {
                let first = self.goal_lines.get(&(w, d, g)).copied().unwrap_or(0);
                return Err(RowFault::GoalDiffers {
                    column: GOAL_COLUMNS[i],
                    first,
                    no,
                    division: carried.division.clone(),
                });
            }
        }
        Ok(values)
    }

    /// What the next row may carry down from this one.
    fn remember(&mut self, cells: &Row, carried: Carried, goal_values: [String; 5]) {
        let mut above = cells.clone();
        above[Column::Ward] = carried.ward;
        above[Column::Department] = carried.department;
        above[Column::Division] = carried.division;
        above[Column::Year] = carried.year;
        above[Column::No] = carried.no.to_string();
        for (column, value) in GOAL_COLUMNS.into_iter().zip(goal_values) {
            above[column] = value;
        }
        above[Column::Policy] = carried.policy;
        above[Column::Order] = carried.order;
        above[Column::Approval] = carried.approval;
        self.above = above;
    }
}

/// The row's action and indicator: a new name starts an action; an empty name continues the one
/// above.
fn add_action(goal: &mut Goal, cells: &Row, form: bool) -> Result<(), RowFault> {
    let (name, summary) = (
        cells[Column::Action].clone(),
        cells[Column::Summary].clone(),
    );
    if form && !name.trim().is_empty() {
        goal.actions.push(Action {
            name,
            summary,
            indicators: Vec::new(),
        });
        add_indicator(goal, cells);
        return Ok(());
    }
    let indicator = [Column::Indicator, Column::Target, Column::Result];
    let has_indicator = indicator.iter().any(|&c| !cells[c].trim().is_empty());
    // A 概要 that differs on a later row of the same action was changed in one row only: told,
    // not taken for another action.
    if let Some(last) = goal.actions.last() {
        let same_action = name.trim().is_empty() || name == last.name;
        let changed = !summary.trim().is_empty() && summary != last.summary;
        if same_action && changed {
            return Err(RowFault::ActionDiffers {
                column: Column::Summary,
                action: last.name.clone(),
            });
        }
    }
    let continues_action = name.trim().is_empty()
        && (summary.trim().is_empty() || goal.actions.last().is_some_and(|a| a.summary == summary));
    if continues_action {
        if has_indicator && goal.actions.is_empty() {
            return Err(RowFault::IndicatorWithoutAction);
        }
    } else {
        let same = goal
            .actions
            .last()
            .is_some_and(|a| a.name == name && (summary.trim().is_empty() || a.summary == summary));
        if !same {
            goal.actions.push(Action {
                name,
                summary,
                indicators: Vec::new(),
            });
        }
    }
    add_indicator(goal, cells);
    Ok(())
}

/// The row's indicator, when it has one, to the goal's last action.
fn add_indicator(goal: &mut Goal, cells: &Row) {
    let indicator = [Column::Indicator, Column::Target, Column::Result];
    let has_indicator = indicator.iter().any(|&c| !cells[c].trim().is_empty());
    if has_indicator && let Some(action) = goal.actions.last_mut() {
        action.indicators.push(Indicator {
            name: cells[Column::Indicator].clone(),
            target: cells[Column::Target].clone(),
            result: cells[Column::Result].clone(),
        });
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

/// The lines of a cell, without empty ones.
fn lines_of(cell: &str) -> Vec<String> {
    cell.lines()
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Division files.
