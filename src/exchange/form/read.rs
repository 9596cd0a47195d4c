//! A form worksheet read back: its cover (which ward, year and division each worksheet is of)
//! and its table, as rows of the flat table ([`crate::exchange::table`]) that import groups as
//! it groups any table.

use crate::exchange::table::columns::{Column, ReadRow, Row};
use crate::sheet::fields::{self, FIELDS};
use std::sync::LazyLock;

/// The goal table's columns, left to right, as the printed sheet has them: the No. and then
/// each field's ([`fields::form_columns`]), as the flat table's columns.
static TABLE: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let fields = fields::form_columns(FIELDS).into_iter();
    let fields = fields.filter_map(|(field, _)| Column::at(field.flat?.at));
    std::iter::once(Column::NO).chain(fields).collect()
});

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
pub fn heading(cell: &str) -> String {
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

    /// The one ward the cover is of: the 区 every row of its list gives, or else its 区 cell.
    pub fn only_ward(&self) -> Option<String> {
        let mut wards = (self.sheets.iter())
            .map(|listed| listed.ward.trim())
            .filter(|ward| !ward.is_empty());
        match wards.next() {
            Some(first) if wards.all(|ward| ward == first) => Some(first.to_string()),
            Some(_) => None,
            None => (self.ward.as_ref())
                .map(|cell| cell.text.trim().to_string())
                .filter(|ward| !ward.is_empty()),
        }
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
            crate::exchange::table::columns::column_name(column as u32)
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
                        crate::exchange::table::columns::column_name(column as u32)
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
/// Japanese eras `令和6年5月7日`, `R6.5.7` (full-width digits too); and as a date cell of another
/// number format shows it: with a time of midnight (`2024-04-30 0:00:00`, openpyxl's default),
/// American (`4/30/2024`) or as its serial number under General (`45412`).
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text.nfkc().collect();
    let folded = without_midnight(folded.trim());
    if let Some(day) = serial_date(folded).or_else(|| american_date(folded)) {
        return Some(day);
    }
    let folded: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
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

/// `text` without a time of midnight after its date (`2024-04-30 0:00:00` → `2024-04-30`): a
/// date cell of a date-and-time format shows one.
fn without_midnight(text: &str) -> &str {
    match text.rsplit_once(char::is_whitespace) {
        Some((date, time)) if time.contains(':') && time.chars().all(|c| c == '0' || c == ':') => {
            date.trim_end()
        }
        _ => text,
    }
}

/// `4/30/2024`: month, day and a year of four digits, as an American date format shows it.
fn american_date(text: &str) -> Option<chrono::NaiveDate> {
    let parts: Vec<&str> = text.split('/').collect();
    let [month, day, year] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str, most: usize| {
        (!p.is_empty() && p.len() <= most && p.chars().all(|c| c.is_ascii_digit())).then_some(())
    };
    digits(month, 2)?;
    digits(day, 2)?;
    (year.len() == 4).then_some(())?;
    chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A date cell under General shows its serial number, the days since 1899-12-30 (Excel's 1900
/// system). Only five digits (1927 to 2173): `2024` alone is a year, no date.
fn serial_date(text: &str) -> Option<chrono::NaiveDate> {
    if text.len() != 5 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let serial: i64 = text.parse().ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    Some(epoch + chrono::Duration::days(serial))
}

/// A form worksheet's rows as rows of the flat table: a row per indicator, with the division's
/// header (and the cover's 区, 年度 and 順) on each. An empty goal slot (only its No.) is no
/// row. `None` when the worksheet is no form.
pub fn rows(sheet: &str, lines: &[(usize, Vec<String>)], cover: &Cover) -> Option<Vec<ReadRow>> {
    let header = header_at(lines)?;
    let mut division = Row::default();
    read_header_block(&lines[..header], &mut division);
    let named = (
        division[Column::DEPARTMENT].as_str(),
        division[Column::DIVISION].as_str(),
    );
    let (listed, former) = cover.listing(sheet, named);
    if let Some(listed) = listed {
        division[Column::WARD] = listed.ward.clone();
        division[Column::ORDER] = listed.order.clone();
        if division[Column::APPROVAL].trim().is_empty() {
            division[Column::APPROVAL] = listed.approval.clone();
        }
        if !listed.fiscal_year.is_empty() {
            division[Column::YEAR] = listed.fiscal_year.clone();
        }
        if division[Column::DIVISION].trim().is_empty() {
            division[Column::DIVISION] = listed.division.clone();
        }
    } else if let Some(ward) = cover.only_ward() {
        // A worksheet the cover does not list (its tab and 課 renamed): of the workbook's one
        // ward, not of a ward of no name.
        division[Column::WARD] = ward;
    }
    // An empty 課 cell names no division: its rows are not of the worksheet above.
    let division_cell = match division[Column::DIVISION].trim().is_empty() {
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
        let only_no = filled == 1 && !row[Column::NO].trim().is_empty();
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
        crate::exchange::table::columns::column_name(column as u32 + 2)
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

/// The column a printed heading names: `Ｒ５目標` and `目標`, `総合計画(実施計画)上の位置づけ`, …,
/// and any field of the goal table by its flat table's heading (`組織目標`, `評価`, …).
pub fn column_of(heading: &str) -> Option<Column> {
    let flat = match heading {
        "No." | "No" | "NO." | "NO" => return Some(Column::NO),
        "指標名" => "取組指標",
        h if PRINTED.iter().any(|(_, flat)| *flat == h) => h,
        h if h.starts_with("取組名称") => "取組名称",
        h if h.ends_with("位置づけ") => "位置づけ",
        h if h.ends_with("目標") && h.len() <= "令和10年度目標".len() => "目標",
        h if h.ends_with("結果") && h.len() <= "令和10年度結果".len() => "結果",
        _ => return None,
    };
    PRINTED
        .iter()
        .find(|(_, f)| *f == flat)
        .map(|&(column, _)| column)
}

/// The goal table's columns (each field's with a form cell) and their flat table's headings.
static PRINTED: LazyLock<Vec<(Column, &'static str)>> = LazyLock::new(|| {
    (fields::form_columns(FIELDS).into_iter())
        .filter_map(|(field, _)| Some((Column::at(field.flat?.at)?, field.flat?.heading)))
        .collect()
});

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
                "年度" => Column::YEAR,
                "組織名(部)" => Column::DEPARTMENT,
                "組織名(準部・課・機関名)" => Column::DIVISION,
                "承認印" => Column::APPROVAL,
                h if h.contains("政策指標") => Column::POLICY,
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
        let april = chrono::NaiveDate::from_ymd_opt(2024, 4, 30);
        for shown in ["2024-04-30 0:00:00", "2024/4/30 0:00", "4/30/2024", "45412"] {
            assert_eq!(parse_date(shown), april, "{shown}");
        }
        assert_eq!(parse_date("2024-04-30 9:15:00"), None);
        let first = chrono::NaiveDate::from_ymd_opt(2019, 5, 1);
        assert_eq!(parse_date("令和元年5月1日"), first);
        for text in ["年度末", "2024-02-30", "2024/5", "2024", ""] {
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
