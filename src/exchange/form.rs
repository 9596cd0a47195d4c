//! The sheet as an Excel workbook laid out like the printed form, both ways: a worksheet per
//! division (the title, the header block, the two-level table header with the year's own
//! labels, one row per indicator with the goal and action cells merged over their rows, the
//! legend) and a cover worksheet (はじめに) with what to do and where each worksheet belongs;
//! and such a worksheet read back as the rows of the flat table ([`crate::exchange::table`]), so that
//! import groups it as it groups any table.

use super::Error;
use crate::exchange::table::{Column, ReadRow, Row};
use crate::locale::Lang;
use crate::sheet::era;
use crate::sheet::model::{Division, FORM_ROWS, Goal, Loaded, Problem, Severity, Ward};
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

/// The cover worksheet's name.
pub const COVER: &str = "はじめに";

/// The font of the printed sheet.
const FONT: &str = "BIZ UDゴシック";

/// The goal table's columns, left to right, as the printed sheet has them.
const TABLE: [Column; 11] = [
    Column::No,
    Column::Goal,
    Column::Indicator,
    Column::Target,
    Column::Result,
    Column::PlanRef,
    Column::Action,
    Column::Summary,
    Column::Rating,
    Column::Status,
    Column::NextSteps,
];

/// Column widths (in characters), in proportion to the PDF's.
const WIDTHS: [f64; 11] = [
    4.5, 30.0, 17.0, 13.0, 13.0, 16.0, 19.0, 28.0, 5.5, 19.0, 19.0,
];

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
    let filled = |texts: &[&str]| texts.iter().any(|t| !t.trim().is_empty());
    let goals = (draft.goals.into_iter())
        .map(|goal| Goal {
            actions: (goal.actions.into_iter())
                .map(|action| crate::sheet::model::Action {
                    indicators: (action.indicators.into_iter())
                        .filter(|i| filled(&[&i.name, &i.target, &i.result]))
                        .map(|i| crate::sheet::model::Indicator {
                            name: i.name,
                            target: i.target,
                            result: i.result,
                        })
                        .collect(),
                    name: action.name,
                    summary: action.summary,
                })
                .filter(|a| filled(&[&a.name, &a.summary]) || !a.indicators.is_empty())
                .collect(),
            text: goal.text,
            plan_ref: goal.plan_ref,
            rating: goal.rating,
            status: goal.status,
            next_steps: goal.next_steps,
        })
        .filter(|g| {
            let texts = [&g.text, &g.plan_ref, &g.rating, &g.status, &g.next_steps];
            filled(&texts.map(String::as_str)) || !g.actions.is_empty()
        })
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
        policy_indicators: draft.policy_indicators,
        approval,
        goals,
    })
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
    for (i, goal) in division.goals.iter().enumerate() {
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
    let policy = division.policy_indicators.join("\n");
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
/// their rows; gives the row after them.
fn goal_rows(
    sheet: &mut Worksheet,
    row: u32,
    (no, goal): (usize, &Goal),
    formats: &Formats,
    heights: &mut Heights,
) -> Result<u32, Error> {
    let action_rows = |indicators: usize| indicators.max(1) as u32;
    let rows: u32 = goal
        .actions
        .iter()
        .map(|a| action_rows(a.indicators.len()))
        .sum();
    let last = row + rows.max(1) - 1;
    let (input, centered) = (&formats.input, &formats.centered);
    let goal_cells = [
        (0, no.to_string(), centered),
        (1, goal.text.clone(), input),
        (5, goal.plan_ref.clone(), input),
        (8, goal.rating.clone(), centered),
        (9, goal.status.clone(), input),
        (10, goal.next_steps.clone(), input),
    ];
    for (column, text, format) in goal_cells {
        merge_or_write(sheet, (row, last), (column, column), &text, format)?;
        heights.cell(row, last, width(column, column), &text);
    }
    let mut at = row;
    for action in &goal.actions {
        let end = at + action_rows(action.indicators.len()) - 1;
        for (column, text) in [(6, &action.name), (7, &action.summary)] {
            merge_or_write(sheet, (at, end), (column, column), text, input)?;
            heights.cell(at, end, width(column, column), text);
        }
        for (i, indicator) in action.indicators.iter().enumerate() {
            let r = at + i as u32;
            let cells = [
                (2, &indicator.name),
                (3, &indicator.target),
                (4, &indicator.result),
            ];
            for (column, text) in cells {
                sheet.write_string_with_format(r, column, text, input)?;
                heights.cell(r, r, width(column, column), text);
            }
        }
        if action.indicators.is_empty() {
            for column in 2..5 {
                sheet.write_blank(at, column, input)?;
            }
        }
        at = end + 1;
    }
    if goal.actions.is_empty() {
        for column in [2, 3, 4, 6, 7] {
            sheet.write_blank(row, column, input)?;
        }
    }
    Ok(last + 1)
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

/// Whether the cells of a worksheet (its lines: row number and cells from column A) are a form
/// sheet: a row with No. and 組織目標, and under it one with 取組指標.
pub fn is_form(lines: &[(usize, Vec<String>)]) -> bool {
    header_at(lines).is_some()
}

/// Where a form sheet's two-level table header is (the index of its first row in `lines`).
fn header_at(lines: &[(usize, Vec<String>)]) -> Option<usize> {
    let has = |cells: &[String], text: &str| cells.iter().any(|c| heading(c) == text);
    lines.windows(2).position(|pair| {
        let (top, below) = (&pair[0].1, &pair[1].1);
        has(top, "No.") && has(top, "組織目標") && has(below, "取組指標")
    })
}

/// A heading cell as compared: without blanks and line breaks, half-width.
pub(crate) fn heading(cell: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    cell.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// What the cover says about each worksheet (where it belongs), and the ward's dates.
#[derive(Debug, Default, Clone)]
pub struct Cover {
    pub sheets: Vec<Listed>,
    /// 区 and 年度 as the cover has them above its list.
    pub ward: Option<CoverCell>,
    pub fiscal_year: Option<CoverCell>,
    /// 作成日 and 評価日 as the cover has them, for a workbook of one ward.
    pub created: Option<CoverCell>,
    pub evaluated: Option<CoverCell>,
}

/// A cell of the cover: its text and where it is (`C10`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CoverCell {
    pub text: String,
    pub cell: String,
}

/// One worksheet of the cover's list.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Listed {
    pub sheet: String,
    pub ward: String,
    pub fiscal_year: String,
    pub order: String,
    pub division: String,
    pub department: String,
    pub approval: String,
}

impl Cover {
    /// The cover's list, from its lines; `None` when the lines are no cover.
    pub fn read(lines: &[(usize, Vec<String>)]) -> Option<Cover> {
        let (at, headings) = lines.iter().enumerate().find_map(|(i, (_, cells))| {
            let headings: Vec<String> = cells.iter().map(|c| heading(c)).collect();
            let listed = headings.first().is_some_and(|h| h == "シート")
                && headings.iter().any(|h| h == "課");
            listed.then_some((i, headings))
        })?;
        let index = |name: &str| headings.iter().position(|h| h.starts_with(name));
        let cell = |cells: &[String], name: &str| {
            index(name)
                .and_then(|i| cells.get(i))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let sheets = (lines[at + 1..].iter())
            .map(|(_, cells)| Listed {
                sheet: cell(cells, "シート"),
                ward: cell(cells, "区"),
                fiscal_year: cell(cells, "年度"),
                order: cell(cells, "順"),
                division: cell(cells, "課"),
                department: cell(cells, "部"),
                approval: cell(cells, "承認印"),
            })
            // The list ends at its first empty row: the files' problems may follow.
            .take_while(|listed| !listed.sheet.is_empty())
            .collect();
        let date = |label: &str| ward_cell(&lines[..at], label);
        Some(Cover {
            sheets,
            ward: date("区"),
            fiscal_year: date("年度"),
            created: date("作成日"),
            evaluated: date("評価日"),
        })
    }

    /// The cover's row for a worksheet: the one naming the division its 課 cell names, wherever
    /// the worksheet is (tabs are renamed, swapped and copied); else the one listing the
    /// worksheet by its name. With the division the cover lists for it, when its 課 cell names
    /// another: the division was renamed in its worksheet.
    pub fn listing(
        &self,
        sheet: &str,
        (department, named): (&str, &str),
    ) -> (Option<&Listed>, Option<String>) {
        let named = heading(named);
        let naming: Vec<&Listed> = (self.sheets.iter())
            .filter(|l| !named.is_empty() && heading(&l.division) == named)
            .collect();
        // In a city's workbook several wards have a division of that name: the worksheet's own
        // row, else the one of its 部.
        let by_division = (naming.iter())
            .find(|l| l.sheet == sheet.trim())
            .or_else(|| (naming.iter()).find(|l| heading(&l.department) == heading(department)))
            .or(naming.first());
        if let Some(listed) = by_division {
            return (Some(*listed), None);
        }
        let by_sheet = self.sheets.iter().find(|l| l.sheet == sheet.trim());
        let former = by_sheet
            .filter(|l| !named.is_empty() && !l.division.trim().is_empty())
            .map(|l| l.division.clone());
        (by_sheet, former)
    }
}

/// The value under the cover's ward label `label` (作成日, 評価日), when it has one.
fn ward_cell(lines: &[(usize, Vec<String>)], label: &str) -> Option<CoverCell> {
    let (i, column) = lines.iter().enumerate().find_map(|(i, (_, cells))| {
        let column = cells.iter().position(|c| heading(c) == label)?;
        Some((i, column))
    })?;
    let (line, cells) = lines.get(i + 1)?;
    let text = cells.get(column).map(|c| c.trim().to_string())?;
    (!text.is_empty()).then(|| CoverCell {
        text,
        cell: format!(
            "{}{line}",
            crate::exchange::table::column_name(column as u32)
        ),
    })
}

/// A date of a division's worksheet (its 作成日 or 評価日, which are the ward's).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SheetDate {
    pub sheet: String,
    pub label: String,
    pub cell: CoverCell,
}

/// The 作成日 and 評価日 a form worksheet gives above its table: each the first filled cell
/// right of its label.
pub fn sheet_dates(sheet: &str, lines: &[(usize, Vec<String>)]) -> Vec<SheetDate> {
    let Some(header) = header_at(lines) else {
        return Vec::new();
    };
    let mut dates = Vec::new();
    for (line, cells) in &lines[..header] {
        for (i, cell) in cells.iter().enumerate() {
            let label = heading(cell);
            if label != "作成日" && label != "評価日" {
                continue;
            }
            let value = (cells.iter().enumerate().skip(i + 1))
                .take_while(|(_, c)| !is_label(c))
                .find(|(_, c)| !c.trim().is_empty());
            if let Some((column, text)) = value {
                let cell = CoverCell {
                    text: text.trim().to_string(),
                    cell: format!(
                        "{}{line}",
                        crate::exchange::table::column_name(column as u32)
                    ),
                };
                let sheet = sheet.to_string();
                dates.push(SheetDate { sheet, label, cell });
            }
        }
    }
    dates
}

/// A date as a clerk writes it in a cell: `2024-05-07`, `2024/5/7`, `2024年5月7日`, and in the
/// Japanese eras `令和6年5月7日`, `R6.5.7` (full-width digits too).
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let eras = [
        ("令和", 2018),
        ("R", 2018),
        ("r", 2018),
        ("平成", 1988),
        ("H", 1988),
        ("h", 1988),
    ];
    let (offset, rest) = eras
        .iter()
        .find_map(|(name, offset)| Some((*offset, folded.strip_prefix(name)?)))
        .unwrap_or((0, folded.as_str()));
    let rest = rest.replace("元年", "1年").replace("元.", "1.");
    let parts: Vec<&str> = rest
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let year: i32 = year.parse().ok()?;
    let year = if offset > 0 { year + offset } else { year };
    chrono::NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

/// A form worksheet's rows as rows of the flat table: a row per indicator, with the division's
/// header (and the cover's 区, 年度 and 順) on each. An empty goal slot (only its No.) is no
/// row. `None` when the worksheet is no form.
pub fn rows(sheet: &str, lines: &[(usize, Vec<String>)], cover: &Cover) -> Option<Vec<ReadRow>> {
    let header = header_at(lines)?;
    let mut division = Row::default();
    read_header_block(&lines[..header], &mut division);
    let named = (
        division[Column::Department].as_str(),
        division[Column::Division].as_str(),
    );
    let (listed, former) = cover.listing(sheet, named);
    if let Some(listed) = listed {
        division[Column::Ward] = listed.ward.clone();
        division[Column::Order] = listed.order.clone();
        if division[Column::Approval].trim().is_empty() {
            division[Column::Approval] = listed.approval.clone();
        }
        if !listed.fiscal_year.is_empty() {
            division[Column::Year] = listed.fiscal_year.clone();
        }
        if division[Column::Division].trim().is_empty() {
            division[Column::Division] = listed.division.clone();
        }
    }
    // An empty 課 cell names no division: its rows are not of the worksheet above.
    let division_cell = match division[Column::Division].trim().is_empty() {
        true => Some(division_cell(&lines[..header])),
        false => None,
    };
    let columns = table_columns(&lines[header].1, &lines[header + 1].1);
    let mut rows = Vec::new();
    for (line, cells) in &lines[header + 2..] {
        let first = cells.first().map(|c| c.trim()).unwrap_or_default();
        if first.starts_with('○') && first.contains('：') {
            break; // The legend: the table ends above it.
        }
        let mut row = division.clone();
        for (cell, column) in cells.iter().zip(&columns) {
            if let Some(column) = column {
                row[*column] = cell.replace("\r\n", "\n");
            }
        }
        let filled = TABLE.iter().filter(|c| !row[**c].trim().is_empty()).count();
        let only_no = filled == 1 && !row[Column::No].trim().is_empty();
        if filled == 0 || only_no {
            continue;
        }
        rows.push(ReadRow {
            cells: row,
            sheet: sheet.to_string(),
            line: *line,
            form: true,
            former: former.clone(),
            division_cell: division_cell.clone(),
        });
    }
    Some(rows)
}

/// Where the 課 of a form worksheet is written: right of its label, which spans two columns
/// (`C5` as `export` lays it out).
fn division_cell(lines: &[(usize, Vec<String>)]) -> String {
    let label = lines.iter().find_map(|(line, cells)| {
        let at = (cells.iter()).position(|c| heading(c) == "組織名(準部・課・機関名)")?;
        Some((*line, at))
    });
    let (line, column) = label.unwrap_or((5, 0));
    format!(
        "{}{line}",
        crate::exchange::table::column_name(column as u32 + 2)
    )
}

/// The column each cell of the table's two header rows heads: the top row's own (No., 組織目標,
/// 評価, …) and, under 指標 and 主な取組, the lower row's.
fn table_columns(top: &[String], below: &[String]) -> Vec<Option<Column>> {
    let width = top.len().max(below.len());
    (0..width)
        .map(|i| {
            let lower = below.get(i).map(|c| heading(c)).unwrap_or_default();
            let upper = top.get(i).map(|c| heading(c)).unwrap_or_default();
            column_of(&lower).or_else(|| column_of(&upper))
        })
        .collect()
}

/// The column a printed heading names: `Ｒ５目標` and `目標`, `総合計画(実施計画)上の位置づけ`, ….
pub fn column_of(heading: &str) -> Option<Column> {
    Some(match heading {
        "No." | "No" | "NO." | "NO" => Column::No,
        "組織目標" => Column::Goal,
        "取組指標" | "指標名" => Column::Indicator,
        "評価" => Column::Rating,
        "目標達成状況" => Column::Status,
        "今後の方針" => Column::NextSteps,
        "概要" => Column::Summary,
        h if h.starts_with("取組名称") => Column::Action,
        h if h.ends_with("位置づけ") => Column::PlanRef,
        h if h.ends_with("目標") && h.len() <= "令和10年度目標".len() => Column::Target,
        h if h.ends_with("結果") && h.len() <= "令和10年度結果".len() => Column::Result,
        _ => return None,
    })
}

/// Whether a cell of the header block is one of its labels.
fn is_label(cell: &str) -> bool {
    matches!(
        heading(cell).as_str(),
        "年度" | "作成日" | "評価日" | "組織名(部)" | "組織名(準部・課・機関名)" | "承認印"
    ) || heading(cell).contains("政策指標")
}

/// The division's 部, 課 and policy indicators, and the 年度, from the rows above the table: each
/// the first filled cell right of its label.
fn read_header_block(lines: &[(usize, Vec<String>)], row: &mut Row) {
    for (_, cells) in lines {
        for (i, cell) in cells.iter().enumerate() {
            let column = match heading(cell).as_str() {
                "年度" => Column::Year,
                "組織名(部)" => Column::Department,
                "組織名(準部・課・機関名)" => Column::Division,
                "承認印" => Column::Approval,
                h if h.contains("政策指標") => Column::Policy,
                _ => continue,
            };
            // Its value: the first filled cell before the next label.
            let value = (cells[i + 1..].iter())
                .take_while(|c| !is_label(c))
                .find(|c| !c.trim().is_empty());
            if let Some(value) = value {
                row[column] = value.trim_end().to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_as_clerks_write_it() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 7);
        for text in [
            "2024-05-07",
            "2024/5/7",
            "２０２４／５／７",
            "2024年5月7日",
            "令和6年5月7日",
            "R6.5.7",
        ] {
            assert_eq!(parse_date(text), day, "{text}");
        }
        let first = chrono::NaiveDate::from_ymd_opt(2019, 5, 1);
        assert_eq!(parse_date("令和元年5月1日"), first);
        for text in ["年度末", "2024-02-30", "2024/5", ""] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    fn listed(sheet: &str, department: &str, division: &str) -> Listed {
        Listed {
            sheet: sheet.into(),
            department: department.into(),
            division: division.into(),
            ..Listed::default()
        }
    }

    #[test]
    fn a_worksheet_is_matched_to_the_cover_by_the_division_it_names() {
        let cover = Cover {
            sheets: vec![
                listed("総務課", "東区", "総務課"),
                listed("地域課", "東区", "地域課"),
                listed("総務課(2)", "西区", "総務課"),
            ],
            ..Cover::default()
        };
        // Tabs swapped: the row of the division named, not of the tab.
        let (row, former) = cover.listing("総務課", ("東区", "地域課"));
        assert_eq!(row.unwrap().sheet, "地域課");
        assert_eq!(former, None);
        // Two wards' 総務課: the worksheet's own row, else its 部's.
        assert_eq!(
            cover.listing("総務課(2)", ("", "総務課")).0.unwrap().sheet,
            "総務課(2)"
        );
        assert_eq!(
            cover.listing("写し", ("西区", "総務課")).0.unwrap().sheet,
            "総務課(2)"
        );
        // The 課 cell renamed: the tab's row, with the name it had.
        let (row, former) = cover.listing("地域課", ("東区", "地域活動課"));
        assert_eq!(row.unwrap().sheet, "地域課");
        assert_eq!(former.as_deref(), Some("地域課"));
        // A worksheet the cover does not know.
        assert_eq!(cover.listing("新しい課", ("東区", "広報課")), (None, None));
    }
}
