//! The sheets as one flat table, one row per indicator, the way divisions fill them in Excel:
//! `export` writes a ward (or a city) as CSV, xlsx or JSON; `import` reads such a table back
//! into division files, rows of the same goal or action grouped by their shared cells.
//!
//! A row repeats its division's and goal's cells (部, 課, No., 組織目標, …); a row may also
//! leave them empty, as merged cells come out of Excel, and then continues the row above.

use crate::error::Error;
use crate::model::{Action, Division, Goal, Indicator, Ward};
use crate::scaffold::quote;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The columns, in the order export writes them. Import finds them by name, in any order;
/// only 課, No. and 組織目標 are required. 承認印 is the division's own stamp boxes, when it
/// has them (the ward's are in its `ward.toml`, as its dates are).
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

const WARD: usize = 0;
const YEAR: usize = 1;
const ORDER: usize = 2;
const DEPARTMENT: usize = 3;
const DIVISION: usize = 4;
const POLICY: usize = 5;
const NO: usize = 6;
const GOAL: usize = 7;
const PLAN_REF: usize = 8;
const ACTION: usize = 9;
const SUMMARY: usize = 10;
const INDICATOR: usize = 11;
const TARGET: usize = 12;
const RESULT: usize = 13;
const RATING: usize = 14;
const STATUS: usize = 15;
const NEXT_STEPS: usize = 16;
/// The division's own approval stamp boxes (承認印の欄), when it has its own: `区長、副区長、課長`.
const APPROVAL: usize = 17;

/// Headers as Excel sheets often spell them, and the column they mean.
const ALIASES: [(&str, usize); 9] = [
    ("区名", WARD),
    ("組織名(部)", DEPARTMENT),
    ("組織名(準部・課・機関名)", DIVISION),
    ("課名", DIVISION),
    ("NO", NO),
    ("番号", NO),
    ("取組名称(事業名)", ACTION),
    ("主な取組", ACTION),
    ("取組指標名", INDICATOR),
];

/// One row of the table: the cells in [`COLUMNS`] order.
pub type Row = [String; 18];

/// The rows of every ward, division, goal, action and indicator, in order. A goal without an
/// action, or an action without an indicator, still has its row.
pub fn rows(wards: &[Ward]) -> Vec<Row> {
    let mut rows = Vec::new();
    for ward in wards {
        for division in &ward.divisions {
            for (i, goal) in division.goals.iter().enumerate() {
                let base = |action: Option<&Action>, indicator: Option<&Indicator>| -> Row {
                    let mut row: Row = Default::default();
                    row[WARD] = ward.name.clone();
                    row[YEAR] = ward.fiscal_year.to_string();
                    row[ORDER] = division.order.to_string();
                    row[DEPARTMENT] = division.department.clone();
                    row[DIVISION] = division.name.clone();
                    row[POLICY] = division.policy_indicators.join("\n");
                    if let Some(approval) = &division.approval {
                        row[APPROVAL] = approval.join("、");
                    }
                    row[NO] = (i + 1).to_string();
                    row[GOAL] = goal.text.clone();
                    row[PLAN_REF] = goal.plan_ref.clone();
                    row[RATING] = goal.rating.clone();
                    row[STATUS] = goal.status.clone();
                    row[NEXT_STEPS] = goal.next_steps.clone();
                    if let Some(action) = action {
                        row[ACTION] = action.name.clone();
                        row[SUMMARY] = action.summary.clone();
                    }
                    if let Some(indicator) = indicator {
                        row[INDICATOR] = indicator.name.clone();
                        row[TARGET] = indicator.target.clone();
                        row[RESULT] = indicator.result.clone();
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
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |err: csv::Error| Error::CsvWrite(err.to_string());
    writer.write_record(COLUMNS).map_err(fail)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| inert_cell(cell).into_owned()))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|err| Error::CsvWrite(err.to_string()))
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
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &bold)
            .map_err(fail)?;
        let width = match c {
            GOAL | SUMMARY | STATUS | NEXT_STEPS | POLICY => 40.0,
            ACTION | INDICATOR => 24.0,
            _ => 10.0,
        };
        sheet.set_column_width(c as u16, width).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
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
                .zip(row)
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
}

/// A row that could not be placed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    pub sheet: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Unplaced {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if self.line == 0 {
            // Not about a row: about a file the import would write.
            write!(f, "{}", self.message)
        } else if self.sheet.is_empty() {
            write!(f, "row {}: {}", self.line, self.message)
        } else {
            write!(
                f,
                "sheet {} row {}: {}",
                self.sheet, self.line, self.message
            )
        }
    }
}

/// The most bytes of a table file that are read: a city's table is a few MiB.
const MAX_TABLE_BYTES: u64 = 64 << 20;

/// Reads the rows of a CSV, xlsx (or xlsm, xls, ods) or JSON file, by its extension.
pub fn read(path: &Path) -> Result<Vec<ReadRow>, Error> {
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
            let decoded = crate::encoding::decode(&bytes).map_err(|err| Error::TableEncoding {
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
pub fn read_csv(text: &str) -> Result<Vec<ReadRow>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| Error::CsvRead(err.to_string()))?;
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
fn read_workbook(path: &Path) -> Result<Vec<ReadRow>, Error> {
    use calamine::{Reader, Sheets, open_workbook_auto};
    check_unpacked_size(path)?;
    let mut workbook = open_workbook_auto(path).map_err(|err| Error::Workbook {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    let mut rows = Vec::new();
    let mut found = false;
    for name in workbook.sheet_names() {
        let fail = |err: &dyn std::fmt::Display| Error::Worksheet {
            path: path.to_path_buf(),
            sheet: name.clone(),
            message: err.to_string(),
        };
        let mut cells = SparseSheet::default();
        match &mut workbook {
            Sheets::Xlsx(xlsx) => {
                let mut reader = xlsx.worksheet_cells_reader(&name).map_err(|e| fail(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| fail(&e))? {
                    let data = calamine::Data::from(cell.get_value().clone());
                    cells
                        .add(cell.get_position(), &data)
                        .map_err(|e| fail(&e))?;
                }
            }
            Sheets::Xlsb(xlsb) => {
                let mut reader = xlsb.worksheet_cells_reader(&name).map_err(|e| fail(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| fail(&e))? {
                    let data = calamine::Data::from(cell.get_value().clone());
                    cells
                        .add(cell.get_position(), &data)
                        .map_err(|e| fail(&e))?;
                }
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| fail(&e))?;
                for (row, column, data) in range.used_cells() {
                    let (top, left) = range.start().unwrap_or((0, 0));
                    let at = (top + row as u32, left + column as u32);
                    cells.add(at, data).map_err(|e| fail(&e))?;
                }
            }
        }
        match place_columns(name.clone(), cells.into_lines()) {
            Ok(sheet_rows) => {
                found = true;
                rows.extend(sheet_rows);
            }
            Err(_) => continue, // A sheet without the table (notes, a cover): not ours.
        }
    }
    if !found {
        return Err(Error::NoHeaderInWorkbook {
            path: path.to_path_buf(),
        });
    }
    Ok(rows)
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
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A column's letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
fn column_name(mut column: u32) -> String {
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
fn read_json(text: &str) -> Result<Vec<ReadRow>, Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(|err| Error::JsonRows(err.to_string()))?;
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
    let folded: String = cell
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    folded.trim_end_matches('.').to_string()
}

/// Finds the header row (the first that names 課, No. and 組織目標) among `lines` (each its
/// line number and cells) and returns the rows below it, their cells by column.
fn place_columns(sheet: String, lines: Vec<(usize, Vec<String>)>) -> Result<Vec<ReadRow>, Error> {
    let known: HashMap<String, usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, name)| (header_key(name), i))
        .chain(ALIASES.iter().map(|(name, i)| (header_key(name), *i)))
        .collect();
    let header_at = lines.iter().position(|(_, cells)| {
        let found: Vec<usize> = cells
            .iter()
            .filter_map(|c| known.get(&header_key(c)).copied())
            .collect();
        [DIVISION, NO, GOAL].iter().all(|c| found.contains(c))
    });
    let Some(header_at) = header_at else {
        return Err(Error::NoHeader);
    };
    let columns: Vec<Option<usize>> = lines[header_at]
        .1
        .iter()
        .map(|c| known.get(&header_key(c)).copied())
        .collect();
    Ok(lines[header_at + 1..]
        .iter()
        .map(|(line, cells)| {
            let mut row: Row = Default::default();
            for (cell, column) in cells.iter().zip(&columns) {
                if let Some(column) = column {
                    row[*column] = cell.replace("\r\n", "\n");
                }
            }
            ReadRow {
                cells: row,
                sheet: sheet.clone(),
                line: *line,
            }
        })
        .collect())
}

/// One ward read from a table: its name and fiscal year when the table gives them, and its
/// divisions in order.
#[derive(Debug, Default)]
pub struct ImportedWard {
    pub ward: String,
    pub fiscal_year: Option<i32>,
    pub divisions: Vec<Division>,
}

/// Groups rows into wards, divisions, goals, actions and indicators. A row whose 区, 部, 課 or
/// No. is empty continues the row above; a goal's cells (組織目標, 位置づけ, 評価, …) are taken
/// from its first row that has them, and a later row of the same No. that says otherwise is not
/// placed. Rows that cannot be placed are returned with the reason.
pub fn group(rows: &[ReadRow]) -> (Vec<ImportedWard>, Vec<Unplaced>) {
    let mut wards: Vec<ImportedWard> = Vec::new();
    let mut unplaced = Vec::new();
    // Where each division is: (ward index, division index), by (区, 部, 課).
    let mut divisions: HashMap<(String, String, String), (usize, usize)> = HashMap::new();
    // The cells carried down from the row above.
    let mut above: Row = Default::default();
    // The line each goal's cells came from: (ward, division, goal) → line.
    let mut goal_lines: HashMap<(usize, usize, usize), usize> = HashMap::new();
    let mut last_no: HashMap<(usize, usize), usize> = HashMap::new();

    for row in rows {
        let cells = &row.cells;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut fail = |message: String| {
            unplaced.push(Unplaced {
                sheet: row.sheet.clone(),
                line: row.line,
                message,
            })
        };
        let carried = |i: usize| -> String {
            if cells[i].trim().is_empty() {
                above[i].clone()
            } else {
                cells[i].clone()
            }
        };
        let ward_name = carried(WARD).trim().to_string();
        let department = carried(DEPARTMENT).trim().to_string();
        let division_name = carried(DIVISION).trim().to_string();
        if division_name.is_empty() {
            fail("no 課: the row names no division, and there is none above it".into());
            continue;
        }
        let same_division = ward_name == above[WARD].trim()
            && department == above[DEPARTMENT].trim()
            && division_name == above[DIVISION].trim();
        let no_text = if cells[NO].trim().is_empty() && same_division {
            above[NO].clone()
        } else {
            cells[NO].clone()
        };
        let no = match parse_number(&no_text) {
            Some(no) if (1..=99).contains(&no) => no as usize,
            _ if no_text.trim().is_empty() => {
                fail(format!(
                    "no No.: which goal of {division_name} the row is of is not said"
                ));
                continue;
            }
            _ => {
                fail(format!(
                    "No. `{}` is not a goal number (1, 2, …)",
                    no_text.trim()
                ));
                continue;
            }
        };
        let year = carried(YEAR);
        // The division's own cells continue only on the rows of the same division.
        let (policy, order_cell, approval) = if cells[DIVISION].trim().is_empty() {
            (carried(POLICY), carried(ORDER), carried(APPROVAL))
        } else {
            (
                cells[POLICY].clone(),
                cells[ORDER].clone(),
                cells[APPROVAL].clone(),
            )
        };
        let fiscal_year = if year.trim().is_empty() {
            None
        } else {
            match parse_year(&year) {
                Some(y) => Some(y),
                None => {
                    fail(format!(
                        "年度 `{}` is not a fiscal year (2024, or 令和6年度)",
                        year.trim()
                    ));
                    continue;
                }
            }
        };

        // The ward, then the division.
        let w = match wards
            .iter()
            .position(|w| w.ward == ward_name && w.fiscal_year == fiscal_year)
        {
            Some(w) => w,
            None => {
                wards.push(ImportedWard {
                    ward: ward_name.clone(),
                    fiscal_year,
                    divisions: Vec::new(),
                });
                wards.len() - 1
            }
        };
        let key = (ward_name.clone(), department.clone(), division_name.clone());
        let (w, d) = match divisions.get(&key) {
            Some(&at) => at,
            None => {
                let order = parse_number(&order_cell)
                    .and_then(|o| u32::try_from(o).ok())
                    .filter(|&o| o >= 1)
                    .unwrap_or(wards[w].divisions.len() as u32 + 1);
                wards[w].divisions.push(Division {
                    file: Default::default(),
                    order,
                    department: department.clone(),
                    name: division_name.clone(),
                    policy_indicators: lines_of(&policy),
                    approval: (!approval.trim().is_empty()).then(|| {
                        approval
                            .split(['、', ',', '，', '\n'])
                            .map(|name| name.trim().to_string())
                            .filter(|name| !name.is_empty())
                            .collect()
                    }),
                    goals: Vec::new(),
                });
                let at = (w, wards[w].divisions.len() - 1);
                divisions.insert(key, at);
                at
            }
        };
        let division = &mut wards[w].divisions[d];

        // The goal: rows of the same No. share it; its cells come from its first row.
        let g = no - 1;
        if g > division.goals.len() {
            fail(format!(
                "No. {no} comes before No. {} of {division_name}: goals are numbered from 1 without gaps",
                division.goals.len() + 1
            ));
            continue;
        }
        let continuing = same_division && cells[NO].trim().is_empty();
        let goal_cells = |i: usize| -> String {
            if continuing && cells[i].trim().is_empty() {
                above[i].clone()
            } else {
                cells[i].clone()
            }
        };
        let goal_values = [
            (GOAL, goal_cells(GOAL)),
            (PLAN_REF, goal_cells(PLAN_REF)),
            (RATING, goal_cells(RATING)),
            (STATUS, goal_cells(STATUS)),
            (NEXT_STEPS, goal_cells(NEXT_STEPS)),
        ];
        if g == division.goals.len() {
            division.goals.push(Goal {
                text: goal_values[0].1.clone(),
                plan_ref: goal_values[1].1.clone(),
                rating: goal_values[2].1.trim().to_string(),
                status: goal_values[3].1.clone(),
                next_steps: goal_values[4].1.clone(),
                actions: Vec::new(),
            });
            goal_lines.insert((w, d, g), row.line);
        } else {
            let goal = &division.goals[g];
            let existing = [
                &goal.text,
                &goal.plan_ref,
                &goal.rating,
                &goal.status,
                &goal.next_steps,
            ];
            let differs = goal_values
                .iter()
                .zip(existing)
                .find(|((_, new), old)| !new.trim().is_empty() && new.trim() != old.trim());
            if let Some(((column, _), _)) = differs {
                let first = goal_lines.get(&(w, d, g)).copied().unwrap_or(0);
                fail(format!(
                    "{} differs from that of row {first}, the first row of No. {no} of {division_name}",
                    COLUMNS[*column]
                ));
                continue;
            }
            // Cells the first row left empty are filled from later rows.
            let goal = &mut division.goals[g];
            for (column, value) in &goal_values {
                let slot = match *column {
                    GOAL => &mut goal.text,
                    PLAN_REF => &mut goal.plan_ref,
                    RATING => &mut goal.rating,
                    STATUS => &mut goal.status,
                    _ => &mut goal.next_steps,
                };
                if slot.trim().is_empty() && !value.trim().is_empty() {
                    *slot = value.clone();
                }
            }
        }
        last_no.insert((w, d), g);

        // The action: a new name starts one; an empty name continues the one above.
        let goal = &mut wards[w].divisions[d].goals[g];
        let (name, summary) = (cells[ACTION].clone(), cells[SUMMARY].clone());
        let indicator = [&cells[INDICATOR], &cells[TARGET], &cells[RESULT]];
        let has_indicator = indicator.iter().any(|c| !c.trim().is_empty());
        let continues_action = name.trim().is_empty()
            && (summary.trim().is_empty()
                || goal.actions.last().is_some_and(|a| a.summary == summary));
        if continues_action {
            if has_indicator && goal.actions.is_empty() {
                fail("an indicator without an action (取組名称) in the goal".into());
                continue;
            }
        } else {
            let same = goal.actions.last().is_some_and(|a| {
                a.name == name && (summary.trim().is_empty() || a.summary == summary)
            });
            if !same {
                goal.actions.push(Action {
                    name,
                    summary,
                    indicators: Vec::new(),
                });
            }
        }
        if has_indicator && let Some(action) = goal.actions.last_mut() {
            action.indicators.push(Indicator {
                name: cells[INDICATOR].clone(),
                target: cells[TARGET].clone(),
                result: cells[RESULT].clone(),
            });
        }

        // What the next row may carry down.
        above = cells.clone();
        above[WARD] = ward_name;
        above[DEPARTMENT] = department;
        above[DIVISION] = division_name;
        above[YEAR] = year;
        above[NO] = no.to_string();
        for (column, value) in goal_values {
            above[column] = value;
        }
        above[POLICY] = policy;
        above[ORDER] = order_cell;
        above[APPROVAL] = approval;
    }
    (wards, unplaced)
}

/// A whole number, in half- or full-width digits (`3`, `３`, `3.0` as Excel gives it).
fn parse_number(text: &str) -> Option<i64> {
    let folded: String = text.nfkc().collect();
    let folded = folded.trim();
    let folded = folded.strip_suffix(".0").unwrap_or(folded);
    folded.parse().ok()
}

/// A fiscal year: `2024`, or `令和6年度` / `令和６年度` / `R6`.
fn parse_year(text: &str) -> Option<i32> {
    let folded: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    if let Some(year) = parse_number(&folded) {
        return i32::try_from(year)
            .ok()
            .filter(|y| (1868..=9999).contains(y));
    }
    let rest = folded.strip_suffix("年度").unwrap_or(&folded);
    for (names, start) in [
        (["令和", "R"], 2018),
        (["平成", "H"], 1988),
        (["昭和", "S"], 1925),
    ] {
        for name in names {
            if let Some(n) = rest.strip_prefix(name) {
                let n = if n == "元" {
                    1
                } else {
                    n.parse::<i32>().ok()?
                };
                return (n >= 1).then_some(start + n);
            }
        }
    }
    None
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

/// A division as its TOML file, laid out as the shipped examples are.
pub fn division_toml(division: &Division) -> String {
    let mut out = String::new();
    out.push_str(&format!("order = {}\n", division.order));
    out.push_str(&format!("department = {}\n", quote(&division.department)));
    out.push_str(&format!("division = {}\n", quote(&division.name)));
    if !division.policy_indicators.is_empty() {
        let list: Vec<String> = division
            .policy_indicators
            .iter()
            .map(|p| quote(p))
            .collect();
        out.push_str(&format!("policy_indicators = [{}]\n", list.join(", ")));
    }
    if let Some(approval) = &division.approval {
        let list: Vec<String> = approval.iter().map(|p| quote(p)).collect();
        out.push_str(&format!("approval = [{}]\n", list.join(", ")));
    }
    for goal in &division.goals {
        out.push_str(&format!("\n[[goals]]\ntext = {}\n", quote(&goal.text)));
        for (key, value) in [
            ("plan_ref", &goal.plan_ref),
            ("rating", &goal.rating),
            ("status", &goal.status),
            ("next_steps", &goal.next_steps),
        ] {
            if !value.is_empty() {
                out.push_str(&format!("{key} = {}\n", quote(value)));
            }
        }
        for action in &goal.actions {
            out.push_str(&format!(
                "  [[goals.actions]]\n  name = {}\n",
                quote(&action.name)
            ));
            if !action.summary.is_empty() {
                out.push_str(&format!("  summary = {}\n", quote(&action.summary)));
            }
            for indicator in &action.indicators {
                out.push_str(&format!(
                    "    [[goals.actions.indicators]]\n    name = {}\n    target = {}\n",
                    quote(&indicator.name),
                    quote(&indicator.target)
                ));
                if !indicator.result.is_empty() {
                    out.push_str(&format!("    result = {}\n", quote(&indicator.result)));
                }
            }
        }
    }
    out
}
