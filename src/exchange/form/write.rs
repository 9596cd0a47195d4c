//! The form workbook written: the cover (はじめに) with what to do and where each worksheet
//! belongs, and a worksheet per division laid out like the printed sheet, each field in its
//! column of the field table.

use super::read::heading;
use crate::exchange::Error;
use crate::locale::Lang;
use crate::sheet::draft::Draft;
use crate::sheet::era;
use crate::sheet::fields::{self, FIELDS, Field, Kind, Level};
use crate::sheet::model::{Division, FORM_ROWS, Goal, Loaded, Problem, Severity, Ward};
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};
use serde_json::Value as Json;
use std::sync::LazyLock;

/// The cover worksheet's name.
pub const COVER: &str = "はじめに";

/// The font of the printed sheet.
const FONT: &str = "BIZ UDゴシック";

/// The goal's No.: its place in the division, not a field.
const NO_WIDTH: f64 = 4.5;

/// The goal table's columns' widths in characters, in proportion to the PDF's.
static WIDTHS: LazyLock<Vec<f64>> = LazyLock::new(|| columns_of(FIELDS));

/// The widths of the goal table's columns as `fields` place them: the No.'s and each field's.
pub fn columns_of(fields: &[Field]) -> Vec<f64> {
    let cells = fields::form_columns(fields).into_iter();
    std::iter::once(NO_WIDTH)
        .chain(cells.map(|(_, cell)| cell.width))
        .collect()
}

/// The row the two-level table header starts on (0-based), below the title and header block.
const HEADER_ROW: u32 = 6;

/// The cover's rows: the ward's (区, 年度, 作成日, 評価日) and then one per worksheet.
const COVER_WARD_ROW: u32 = 8;
const COVER_SHEETS_ROW: u32 = 11;

/// The headings of the cover's list of worksheets: where each belongs.
const COVER_HEADINGS: [&str; 8] = [
    "シート",
    "区",
    "年度",
    "順",
    "課",
    "部",
    "承認印（課の独自のもの）",
    "ファイル",
];

/// The ratings the 評価 cells offer.
const RATINGS: [&str; 3] = ["○", "△", "×"];

/// The cell formats of the form.
struct Formats {
    title: Format,
    label: Format,
    /// A value the division does not type (the ward's year and dates).
    fixed: Format,
    input: Format,
    centered: Format,
    /// A line of text outside the table, not wrapped (it runs on to the right).
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(9)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let boxed = base.clone().set_border(FormatBorder::Thin);
        Self {
            title: Format::new()
                .set_font_name(FONT)
                .set_font_size(14)
                .set_bold(),
            label: boxed
                .clone()
                .set_bold()
                .set_background_color("#E6E6E6")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            fixed: boxed.clone().set_align(FormatAlign::VerticalCenter),
            input: boxed.clone().set_unlocked(),
            centered: boxed.set_unlocked().set_align(FormatAlign::Center),
            note: Format::new().set_font_name(FONT).set_font_size(10),
        }
    }
}

/// The form workbook of `wards`: the cover, then a worksheet per division, in order. With
/// `blank`, each worksheet has the division's header but empty goal rows (five slots), for the
/// division to fill in.
pub fn to_form(wards: &[Ward], blank: bool) -> Result<Vec<u8>, Error> {
    to_form_noted(wards, blank, &[])
}

/// [`to_form`] with the problems of the divisions' files listed on the cover (a division just
/// made by `new`, or one with an error, gets its worksheet all the same).
pub fn to_form_noted(wards: &[Ward], blank: bool, notes: &[Problem]) -> Result<Vec<u8>, Error> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let mut names: Vec<(&Ward, &Division, String)> = Vec::new();
    for ward in wards {
        for division in &ward.divisions {
            let taken: Vec<&str> = names.iter().map(|(_, _, name)| name.as_str()).collect();
            let name = sheet_name(&division.name, &taken);
            names.push((ward, division, name));
        }
    }
    if let Some(ward) = wards.first() {
        let listed: Vec<_> = names.iter().map(|(w, d, n)| (*w, *d, n.as_str())).collect();
        let one_ward = wards.len() == 1;
        let sheet = workbook.add_worksheet();
        cover(sheet, (ward, one_ward), &listed, &formats)?;
        cover_notes(sheet, &listed, notes, &formats)?;
    }
    for (ward, division, name) in &names {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let empty = Division {
            goals: Vec::new(),
            ..(*division).clone()
        };
        let shown = if blank { &empty } else { *division };
        division_sheet(sheet, ward, shown, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A worksheet name for a division: at most 31 characters, none of `[]:*?/\`, and not the name
/// of another worksheet (Excel compares them without case).
fn sheet_name(division: &str, taken: &[&str]) -> String {
    let clean: String = (division.chars())
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let clean = match clean.trim() {
        "" => "課".to_string(),
        name if name == COVER => format!("{name}_"),
        name => name.to_string(),
    };
    let is_taken = |name: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let mut name = clean.clone();
    let mut n = 2;
    while is_taken(&name) {
        name = format!("{clean}({n})");
        n += 1;
    }
    name
}

/// The cover: what to do, in Japanese, and where each worksheet belongs (so that the workbook
/// imports back to the ward and the places it came from).
fn cover(
    sheet: &mut Worksheet,
    (ward, one_ward): (&Ward, bool),
    divisions: &[(&Ward, &Division, &str)],
    formats: &Formats,
) -> Result<(), Error> {
    sheet.set_name(COVER)?;
    for (column, width) in [24.0, 16.0, 10.0, 6.0, 24.0, 20.0, 24.0, 30.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(column as u16, *width)?;
    }
    let title = format!(
        "{} 組織目標管理シート（記入用）",
        fiscal_year_label(ward.fiscal_year)
    );
    sheet.write_string_with_format(0, 0, &title, &formats.title)?;
    let lines = [
        "各課のシートに、組織目標・主な取組・取組指標を記入してください（灰色の欄は見出しです）。",
        "指標や取組を増やすときは、その組織目標の行の中（結合されたセルの最後の行の上）に行を挿入し、取組指標・目標を書きます。",
        "新しい取組は、挿入した行の「取組名称（事業名）」に名前を書きます。空いている No. の行には新しい組織目標を書けます。",
        "評価は ○（達成）・△（一部未達成）・×（未達成）から選びます。年度末に結果・評価・目標達成状況・今後の方針を記入します。",
        "シート名とこの表は変えないでください。取り込みのときに、どの区・課のシートかをここで確かめます。",
    ];
    for (i, line) in lines.iter().enumerate() {
        sheet.write_string_with_format(2 + i as u32, 0, *line, &formats.note)?;
    }
    let ward_cells = [
        ("区", ward.name.clone()),
        ("年度", ward.fiscal_year.to_string()),
        ("作成日", ward.created.to_string()),
        (
            "評価日",
            ward.evaluated.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    // The ward's dates, for a workbook of one ward; each worksheet's 区 and 年度 are in the list.
    for (i, (label, value)) in ward_cells.iter().enumerate().filter(|_| one_ward) {
        let column = i as u16;
        sheet.write_string_with_format(COVER_WARD_ROW, column, *label, &formats.label)?;
        sheet.write_string_with_format(COVER_WARD_ROW + 1, column, value, &formats.fixed)?;
    }
    for (i, heading) in COVER_HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(COVER_SHEETS_ROW, i as u16, *heading, &formats.label)?;
    }
    for (i, (ward, division, name)) in divisions.iter().enumerate() {
        let row = COVER_SHEETS_ROW + 1 + i as u32;
        let approval = division.approval.as_ref().map(|a| a.join("、"));
        let file = division
            .file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned());
        let cells = [
            name.to_string(),
            ward.name.clone(),
            ward.fiscal_year.to_string(),
            division.order.to_string(),
            division.name.clone(),
            division.department.clone(),
            approval.unwrap_or_default(),
            file.unwrap_or_default(),
        ];
        for (column, value) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, column as u16, value, &formats.fixed)?;
        }
    }
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The problems of the divisions' files, below the cover's list (a blank row between, where
/// reading the list stops): each worksheet's, to mend before the form comes back.
fn cover_notes(
    sheet: &mut Worksheet,
    divisions: &[(&Ward, &Division, &str)],
    notes: &[Problem],
    formats: &Formats,
) -> Result<(), Error> {
    let mut row = COVER_SHEETS_ROW + divisions.len() as u32 + 2;
    let mut heading = true;
    for (_, division, name) in divisions {
        for problem in notes.iter().filter(|p| p.file == division.file) {
            if heading {
                let text = "ファイルの問題（記入の前に確かめてください）";
                sheet.write_string_with_format(row, 0, text, &formats.label)?;
                row += 1;
                heading = false;
            }
            let level = match problem.severity {
                Severity::Error => "エラー",
                Severity::Warning => "警告",
            };
            let place = match (problem.at, problem.key.is_empty()) {
                (Some(at), _) => format!("{} 行目", at.line),
                (None, false) => format!("`{}`", problem.key),
                (None, true) => String::new(),
            };
            let words = problem.kind.words(Lang::Ja);
            let text = format!("{level}：{place} {words}");
            sheet.write_string_with_format(row, 0, *name, &formats.fixed)?;
            sheet.write_string_with_format(row, 1, text.trim(), &formats.note)?;
            row += 1;
        }
    }
    Ok(())
}

/// The divisions of `loaded`'s wards for the form: the sound ones and, so that the form can be
/// sent out on the first day, each file that has an error but whose name and order can be
/// read (a blank one `new` wrote), as far as it can be read; with the problems of those files.
pub fn every_division(loaded: &Loaded) -> (Vec<Ward>, Vec<Problem>) {
    let mut notes = Vec::new();
    let wards = (loaded.wards.iter())
        .map(|ward| {
            let mut ward = ward.clone();
            for file in &ward.failed {
                let taken = |d: &Division| heading(&d.name);
                let names: Vec<String> = ward.divisions.iter().map(taken).collect();
                let Some(division) = as_far_as_read(file, &ward.name) else {
                    continue;
                };
                if names.contains(&heading(&division.name)) {
                    continue; // Another file's division: one worksheet per division.
                }
                notes.extend(loaded.problems.iter().filter(|p| &p.file == file).cloned());
                ward.divisions.push(division);
            }
            ward.divisions.sort_by_key(|d| d.order);
            ward
        })
        .collect();
    (wards, notes)
}

/// A division file with an error, read as the browser's form reads it: `None` when it has no
/// order or name. Goals, actions and indicators left wholly blank (the slots `new` writes) are
/// not there; the form has blank rows for them.
fn as_far_as_read(file: &std::path::Path, ward: &str) -> Option<Division> {
    let bytes = std::fs::read(file).ok()?;
    let text = crate::sheet::encoding::decode(&bytes).ok()?.text;
    let document: toml_edit::DocumentMut = text.parse().ok()?;
    let draft = crate::sheet::draft::read(&document);
    let order = u32::try_from(draft.order?).ok().filter(|&o| o >= 1)?;
    let name = draft.division.trim().to_string();
    if name.is_empty() {
        return None;
    }
    let goals = (draft.without_blank_items().goals.into_iter())
        .map(Goal::from)
        .collect();
    let approval = (document.get("approval").and_then(toml_edit::Item::as_array)).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect()
    });
    let department = match draft.department.trim() {
        "" => ward.to_string(),
        department => department.to_string(),
    };
    Some(Division {
        file: file.to_path_buf(),
        order,
        department,
        name,
        approval,
        goals,
        ..crate::sheet::model::texts_of(Level::Division, &draft)
    })
}

/// The division's lines (施策指標), one a line, in the header's cell for them: the fields of the
/// division that are lines, as the field table says.
fn division_lines(division: &Division) -> String {
    let keys = serde_json::to_value(division).unwrap_or_default();
    (fields::of(FIELDS, Level::Division).filter(|f| f.kind == Kind::Lines))
        .map(|f| fields::shown(&keys[f.key]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One division's worksheet, laid out like the printed sheet.
fn division_sheet(
    sheet: &mut Worksheet,
    ward: &Ward,
    division: &Division,
    formats: &Formats,
) -> Result<(), Error> {
    for (column, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    let year = fiscal_year_label(ward.fiscal_year);
    let title = format!("{year} 組織目標管理シート");
    sheet.merge_range(0, 0, 0, 10, &title, &formats.title)?;
    sheet.set_row_height(0, 22)?;
    if let Some(approval) = &division.approval {
        // The division's own stamp boxes (the ward's are in its ward.toml).
        sheet.write_string_with_format(1, 8, "承認印", &formats.label)?;
        sheet.merge_range(1, 9, 1, 10, &approval.join("、"), &formats.fixed)?;
    }
    let mut heights = Heights::default();
    header_block(sheet, (ward, division), &year, formats, &mut heights)?;
    table_header(sheet, ward, formats)?;
    let mut row = HEADER_ROW + 2;
    let draft = serde_json::to_value(Draft::from(division)).unwrap_or_default();
    let goals = fields::items_of(FIELDS, Level::Goal).map_or("", |f| f.key);
    for (i, goal) in draft[goals].as_array().into_iter().flatten().enumerate() {
        row = goal_rows(sheet, row, (i + 1, goal), formats, &mut heights)?;
    }
    heights.apply(sheet)?;
    let used = row - (HEADER_ROW + 2);
    let slots = (FORM_ROWS as u32).saturating_sub(used).max(1);
    for slot in 0..slots {
        let no = division.goals.len() + 1 + slot as usize;
        sheet.write_string_with_format(row, 0, no.to_string(), &formats.centered)?;
        for column in 1..11u16 {
            let format = if column == 8 {
                &formats.centered
            } else {
                &formats.input
            };
            sheet.write_blank(row, column, format)?;
        }
        row += 1;
    }
    let ratings = DataValidation::new().allow_list_strings(&RATINGS)?;
    sheet.add_data_validation(HEADER_ROW + 2, 8, row - 1, 8, &ratings)?;
    sheet.write_string_with_format(
        row + 1,
        0,
        "○：達成　△：一部未達成　×：未達成",
        &formats.note,
    )?;
    page_setup(sheet)?;
    Ok(())
}

/// 年度, 作成日, 評価日, 組織名 and the related policy indicators.
fn header_block(
    sheet: &mut Worksheet,
    (ward, division): (&Ward, &Division),
    year: &str,
    formats: &Formats,
    heights: &mut Heights,
) -> Result<(), Error> {
    let date = |d: chrono::NaiveDate| era::short_date(d).unwrap_or_else(|_| d.to_string());
    let (label, fixed, input) = (&formats.label, &formats.fixed, &formats.input);
    let evaluated = ward.evaluated.map(date).unwrap_or_default();
    let policy = division_lines(division);
    let cells: [(u32, u32, u16, u16, &str, &Format); 12] = [
        (2, 2, 0, 1, "年度", label),
        (2, 2, 2, 3, year, fixed),
        (2, 2, 4, 4, "作成日", label),
        (2, 2, 5, 5, &date(ward.created), fixed),
        (3, 3, 0, 1, "組織名（部）", label),
        (3, 3, 2, 3, &division.department, input),
        (3, 3, 4, 4, "評価日", label),
        (3, 3, 5, 5, &evaluated, fixed),
        (4, 4, 0, 1, "組織名（準部・課・機関名）", label),
        (4, 4, 2, 5, &division.name, input),
        (
            2,
            4,
            6,
            7,
            "（参考）関連する総合計画における政策指標",
            label,
        ),
        (2, 4, 8, 10, &policy, input),
    ];
    for (first, last, left, right, text, format) in cells {
        merge_or_write(sheet, (first, last), (left, right), text, format)?;
        heights.cell(first, last, width(left, right), text);
    }
    Ok(())
}

/// The two header rows of the goal table, with the year's own labels (Ｒ５目標, Ｒ５結果).
fn table_header(sheet: &mut Worksheet, ward: &Ward, formats: &Formats) -> Result<(), Error> {
    let prefix = era::fiscal_year_prefix(ward.fiscal_year).unwrap_or_default();
    let label = &formats.label;
    let (top, below) = (HEADER_ROW, HEADER_ROW + 1);
    sheet.set_row_height(top, 15)?;
    sheet.set_row_height(below, 27)?;
    for (column, text) in [
        (0, "No."),
        (1, "組織目標"),
        (8, "評価"),
        (9, "目標達成状況"),
        (10, "今後の方針"),
    ] {
        sheet.merge_range(top, column, below, column, text, label)?;
    }
    sheet.merge_range(top, 2, top, 4, "指標", label)?;
    sheet.merge_range(top, 5, top, 7, "主な取組（事業）", label)?;
    let lower = [
        "取組指標".to_string(),
        format!("{prefix}目標"),
        format!("{prefix}結果"),
        "総合計画（実施計画）上の位置づけ".to_string(),
        "取組名称（事業名）".to_string(),
        "概要".to_string(),
    ];
    for (i, text) in lower.iter().enumerate() {
        sheet.write_string_with_format(below, 2 + i as u16, text, label)?;
    }
    Ok(())
}

/// A goal's rows from `row` on, one per indicator, its own cells and each action's merged over
/// their rows, each field in its column of the field table; gives the row after them.
fn goal_rows(
    sheet: &mut Worksheet,
    row: u32,
    (no, goal): (usize, &Json),
    formats: &Formats,
    heights: &mut Heights,
) -> Result<u32, Error> {
    let items = |item: &Json, level: Level| -> Vec<Json> {
        let key = fields::items_of(FIELDS, level).map_or("", |f| f.key);
        item[key].as_array().cloned().unwrap_or_default()
    };
    let actions = items(goal, Level::Action);
    let action_rows = |action: &Json| items(action, Level::Indicator).len().max(1) as u32;
    let rows: u32 = actions.iter().map(action_rows).sum();
    let last = row + rows.max(1) - 1;
    let text = no.to_string();
    merge_or_write(sheet, (row, last), (0, 0), &text, &formats.centered)?;
    heights.cell(row, last, width(0, 0), &text);
    let mut cells = Cells {
        sheet,
        formats,
        heights,
    };
    cells.merged(Level::Goal, goal, (row, last))?;
    let mut at = row;
    for action in &actions {
        let end = at + action_rows(action) - 1;
        cells.merged(Level::Action, action, (at, end))?;
        let indicators = items(action, Level::Indicator);
        for (i, indicator) in indicators.iter().enumerate() {
            let r = at + i as u32;
            cells.merged(Level::Indicator, indicator, (r, r))?;
        }
        if indicators.is_empty() {
            cells.blank(&[Level::Indicator], at)?;
        }
        at = end + 1;
    }
    if actions.is_empty() {
        cells.blank(&[Level::Action, Level::Indicator], row)?;
    }
    Ok(last + 1)
}

/// A worksheet's goal table being written: each item's cells in their columns.
struct Cells<'a> {
    sheet: &'a mut Worksheet,
    formats: &'a Formats,
    heights: &'a mut Heights,
}

impl<'a> Cells<'a> {
    /// The cells of `item`, of `level`, each merged over `rows`.
    fn merged(&mut self, level: Level, item: &Json, rows: (u32, u32)) -> Result<(), Error> {
        for (column, field) in form_fields(level) {
            let text = item[field.key].as_str().unwrap_or_default();
            let format = self.format(field);
            merge_or_write(self.sheet, rows, (column, column), text, format)?;
            let (first, last) = rows;
            (self.heights).cell(first, last, width(column, column), text);
        }
        Ok(())
    }

    /// The cells of the `levels`' fields on `row`, blank: an action without indicators, a
    /// goal without actions.
    fn blank(&mut self, levels: &[Level], row: u32) -> Result<(), Error> {
        for (column, field) in levels.iter().flat_map(|level| form_fields(*level)) {
            let format = self.format(field);
            self.sheet.write_blank(row, column, format)?;
        }
        Ok(())
    }

    /// A rating is centred; any other cell is for text.
    fn format(&self, field: &Field) -> &'a Format {
        match field.kind {
            Kind::Rating => &self.formats.centered,
            _ => &self.formats.input,
        }
    }
}

/// The fields of `level` in the form's goal table, each with its column.
fn form_fields(level: Level) -> impl Iterator<Item = (u16, &'static Field)> {
    (fields::form_columns(FIELDS).into_iter())
        .filter(move |(field, _)| field.level == level)
        .map(|(field, cell)| (cell.at as u16, field))
}

/// The width of columns `left..=right`, in Excel's units (characters of its default font).
fn width(left: u16, right: u16) -> f64 {
    WIDTHS[left as usize..=right as usize].iter().sum()
}

/// The row heights that show every line of the text in the cells: Excel and LibreOffice do not
/// grow a row for wrapped text in merged cells, and the goal's text is merged over its rows.
#[derive(Default)]
struct Heights(std::collections::BTreeMap<u32, f64>);

impl Heights {
    /// A line of 9-point text, in points.
    const LINE: f64 = 12.0;

    /// `text` in a cell `width` wide over rows `first..=last`: each row takes its share.
    fn cell(&mut self, first: u32, last: u32, width: f64, text: &str) {
        use unicode_width::UnicodeWidthStr;
        // A column of width w holds about 1.2 w half-width characters of 9-point text.
        let room = (width * 1.2).max(1.0);
        let lines: f64 = (text.split('\n'))
            .map(|line| (line.width() as f64 / room).ceil().max(1.0))
            .sum();
        let share = (lines * Self::LINE + 4.0) / f64::from(last - first + 1);
        for row in first..=last {
            let height = self.0.entry(row).or_insert(0.0);
            *height = height.max(share);
        }
    }

    fn apply(&self, sheet: &mut Worksheet) -> Result<(), Error> {
        for (row, height) in &self.0 {
            sheet.set_row_height(*row, height.max(16.0))?;
        }
        Ok(())
    }
}

/// A cell over rows `first..=last` and columns `left..=right`: merged when more than one.
fn merge_or_write(
    sheet: &mut Worksheet,
    (first, last): (u32, u32),
    (left, right): (u16, u16),
    text: &str,
    format: &Format,
) -> Result<(), Error> {
    if (first, left) == (last, right) {
        sheet.write_string_with_format(first, left, text, format)?;
    } else {
        sheet.merge_range(first, left, last, right, text, format)?;
    }
    Ok(())
}

/// Prints as the sheet: landscape A4, one page wide, the table's header on every page, margins
/// like the PDF's; protected without a password, so that only the input cells take typing, but
/// rows can be inserted and deleted.
fn page_setup(sheet: &mut Worksheet) -> Result<(), Error> {
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.4, 0.4, 0.4, 0.4, 0.2, 0.2);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW + 1)?;
    let options = ProtectionOptions {
        insert_rows: true,
        delete_rows: true,
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    Ok(())
}

fn fiscal_year_label(year: i32) -> String {
    era::fiscal_year_label(year).unwrap_or_else(|_| format!("{year}年度"))
}

#[cfg(test)]
mod tests {
    /// A field added to a copy of the field table (`with_risks`, one of the derived places
    /// `sheet/fields/tests.rs` follows) gets its column in the form workbook's goal table:
    /// the No.'s and eleven fields'.
    #[test]
    fn a_field_added_to_the_table_gets_its_column() {
        let fields = crate::sheet::fields::tests::with_risks();
        assert_eq!(super::columns_of(fields).len(), 12);
        assert_eq!(super::columns_of(crate::sheet::fields::FIELDS).len(), 11);
    }
}
