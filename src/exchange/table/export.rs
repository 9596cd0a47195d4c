//! The flat table written: CSV as Excel opens it, an xlsx workbook, JSON.

use super::columns::{COLUMNS, Row, flat_of};
use crate::exchange::Error;
use crate::sheet::fields::FIELDS;
use std::sync::LazyLock;

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
pub(crate) fn live_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// CSV as Excel opens it: UTF-8 with a byte order mark, CRLF line ends, every cell quoted
/// where it needs to be, and no cell that Excel would take for a formula.
pub fn to_csv(rows: &[Row]) -> Result<Vec<u8>, Error> {
    csv_of(&COLUMNS, rows.iter().map(|row| row.cells()))
}

/// A CSV for Excel: UTF-8 with a BOM, CRLF line ends, and cells that would start a formula
/// made inert.
pub fn csv_of<'a>(
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

/// The columns' headings and widths in characters, left to right, as the field table gives them.
static FLAT: LazyLock<Vec<(&'static str, f64)>> = LazyLock::new(|| flat_of(FIELDS));

/// An xlsx workbook with one worksheet, 組織目標, its header row bold and frozen, filtered.
pub fn to_xlsx(rows: &[Row]) -> Result<Vec<u8>, Error> {
    xlsx_of(&FLAT, rows)
}

/// [`to_xlsx`] of the columns `columns` (each heading and width, as [`flat_of`] gives them).
pub fn xlsx_of(columns: &[(&str, f64)], rows: &[Row]) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = Error::XlsxWrite;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("組織目標").map_err(fail)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, &(heading, width)) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, heading, &bold)
            .map_err(fail)?;
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
        .autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)
        .map_err(fail)?;
    workbook.save_to_buffer().map_err(fail)
}

/// JSON: an array of objects keyed by the column names.
pub fn to_json(rows: &[Row]) -> Result<Vec<u8>, Error> {
    json_of(&COLUMNS, rows)
}

/// [`to_json`] with the headings `headings`, left to right.
pub fn json_of(headings: &[&str], rows: &[Row]) -> Result<Vec<u8>, Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|row| {
            headings
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
