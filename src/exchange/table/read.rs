//! A table file read: CSV, JSON and workbooks cell by cell (an xlsx's numbers as its number
//! formats show them, a form workbook's worksheets through [`crate::exchange::form`]), each
//! row's cells placed in their columns by the headings; unknown columns named.

use super::columns::{ALIASES, Column, ReadRow, Row, column_name, headings_of};
use super::export::live_cell;
use crate::exchange::Error;
use crate::sheet::fields::{FIELDS, Field};
use std::collections::HashMap;
use std::path::Path;

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

/// The most bytes of a table file that are read: a city's table is a few MiB.
const MAX_TABLE_BYTES: u64 = 64 << 20;

/// Reads the rows of a CSV, xlsx (or xlsm, xls, ods) or JSON file, by its extension.
pub fn read(path: &Path) -> Result<Table, Error> {
    read_of(FIELDS, path)
}

/// [`read`] with the flat table's columns as `fields` describe them.
pub fn read_of(fields: &[Field], path: &Path) -> Result<Table, Error> {
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
            read_csv_of(fields, &decoded.text)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(fields, path),
        "json" => {
            let text = std::fs::read_to_string(path).map_err(|err| Error::read(path, err))?;
            read_json(fields, &text)
        }
        _ => Err(Error::UnknownTableFormat {
            path: path.to_path_buf(),
        }),
    }
}

/// The rows of a CSV text, from its header line on.
pub fn read_csv(text: &str) -> Result<Table, Error> {
    read_csv_of(FIELDS, text)
}

/// [`read_csv`] with the flat table's columns as `fields` describe them.
pub fn read_csv_of(fields: &[Field], text: &str) -> Result<Table, Error> {
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
    place_columns(fields, String::new(), lines)
}

/// The most a table's columns and cells may number, and the most a workbook may unpack to:
/// far more than any sheet has, small enough that a hostile file cannot take the memory.
const MAX_COLUMNS: u32 = 256;
const MAX_CELLS: usize = 2_000_000;
const MAX_UNPACKED: u64 = 512 << 20;

/// The rows of every worksheet of a workbook that has a header row. Cells are read one by one
/// as the file lists them (xlsx, xlsb), so a stray cell far away (XFD1048576) costs one cell,
/// not a grid up to it.
fn read_workbook(fields: &[Field], path: &Path) -> Result<Table, Error> {
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
        match place_columns(fields, name, lines) {
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

/// Whether calamine could not open a workbook because it has a password (is encrypted).
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

/// The rows of a JSON array of objects keyed by column name (what `export --format json` writes).
fn read_json(fields: &[Field], text: &str) -> Result<Table, Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(Error::JsonRows)?;
    let header: Vec<String> = (headings_of(fields).iter())
        .map(|c| c.to_string())
        .collect();
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
    place_columns(fields, String::new(), lines)
}

/// A header cell as compared: NFKC (full-width letters and brackets folded), no spaces, upper
/// case, without a trailing full stop.
fn header_key(cell: &str) -> String {
    let folded = crate::exchange::form::heading(cell).to_uppercase();
    folded.trim_end_matches('.').to_string()
}

/// Finds the header row (the first that names 課, No. and 組織目標) among `lines` (each its
/// line number and cells) and returns the rows below it, their cells by column.
fn place_columns(
    fields: &[Field],
    sheet: String,
    lines: Vec<(usize, Vec<String>)>,
) -> Result<Table, Error> {
    let known: HashMap<String, Column> = (headings_of(fields).into_iter().enumerate())
        .map(|(at, heading)| (header_key(heading), Column::place(at)))
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
        [Column::DIVISION, Column::NO, Column::GOAL]
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
