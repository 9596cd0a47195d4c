//! The evaluation summary as a table, for pasting into a council report: per division the goals
//! rated ○ / △ / × and not yet rated, and the 達成率 (○ ÷ every goal: a goal not rated is not
//! achieved), with 未評価 beside it when a goal is not rated; each ward's total, and the city's
//! when there are several wards. The same figures as the volume's 評価集計 page.

use super::Error;
use crate::sheet::model::{Division, Ward};

/// The table's headings.
pub const HEADINGS: [&str; COLUMNS] = [
    "区",
    "年度",
    "No.",
    "組織名（部）",
    "組織名（準部・課・機関名）",
    "○ 達成",
    "△ 一部未達成",
    "× 未達成",
    "未評価",
    "計",
    "達成率",
    "備考",
];

/// The table's columns.
pub const COLUMNS: usize = 12;

/// A row of the table, as text.
pub type Row = [String; COLUMNS];

/// The columns that are whole numbers (No. and the counts) and the 達成率's.
const NUMBERS: [usize; 6] = [2, 5, 6, 7, 8, 9];
const RATE: usize = 10;

/// The goals of a division (or ward, or city) by rating.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub achieved: usize,
    pub partly: usize,
    pub missed: usize,
    pub unrated: usize,
}

impl Tally {
    pub fn of(division: &Division) -> Self {
        let mut tally = Tally::default();
        for goal in &division.goals {
            match goal.rating.as_str() {
                "○" => tally.achieved += 1,
                "△" => tally.partly += 1,
                "×" => tally.missed += 1,
                _ => tally.unrated += 1,
            }
        }
        tally
    }

    fn add(self, other: Tally) -> Tally {
        Tally {
            achieved: self.achieved + other.achieved,
            partly: self.partly + other.partly,
            missed: self.missed + other.missed,
            unrated: self.unrated + other.unrated,
        }
    }

    pub fn total(&self) -> usize {
        self.achieved + self.partly + self.missed + self.unrated
    }

    /// The goals rated ○, △ or ×.
    pub fn rated(&self) -> usize {
        self.achieved + self.partly + self.missed
    }

    /// ○ ÷ every goal (one ○ and one goal not rated is 50%), as a fraction; `None` while no
    /// goal is rated (nothing evaluated yet).
    pub fn ratio(&self) -> Option<f64> {
        (self.rated() > 0).then(|| self.achieved as f64 / self.total() as f64)
    }

    /// The 達成率 as the volume prints it (`66.7%`); `—` while no goal is rated.
    pub fn rate(&self) -> String {
        match self.ratio() {
            Some(ratio) => format!("{:.1}%", (ratio * 1000.0).round() / 10.0),
            None => "—".to_string(),
        }
    }

    /// 未評価 beside the 達成率 when some goals are rated and some are not: the rate counts
    /// those as not achieved.
    pub fn note(&self) -> String {
        let partial = self.rated() > 0 && self.unrated > 0;
        if partial {
            "未評価".into()
        } else {
            String::new()
        }
    }
}

/// The rows of the summary: each division, each ward's total, and the city's when there are
/// several wards.
pub fn rows(wards: &[Ward]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut city = Tally::default();
    for ward in wards {
        let label = crate::sheet::era::fiscal_year_label(ward.fiscal_year).unwrap_or_default();
        let mut total = Tally::default();
        for (i, division) in ward.divisions.iter().enumerate() {
            let tally = Tally::of(division);
            total = total.add(tally);
            let place = [
                ward.name.clone(),
                label.clone(),
                (i + 1).to_string(),
                division.department.clone(),
                division.name.clone(),
            ];
            rows.push(row(place, tally));
        }
        city = city.add(total);
        let place = [
            ward.name.clone(),
            label,
            String::new(),
            String::new(),
            "合計".into(),
        ];
        rows.push(row(place, total));
    }
    if wards.len() > 1 {
        let place = [
            "全区".into(),
            String::new(),
            String::new(),
            String::new(),
            "合計".into(),
        ];
        rows.push(row(place, city));
    }
    rows
}

fn row(place: [String; 5], tally: Tally) -> Row {
    let [ward, year, no, department, division] = place;
    [
        ward,
        year,
        no,
        department,
        division,
        tally.achieved.to_string(),
        tally.partly.to_string(),
        tally.missed.to_string(),
        tally.unrated.to_string(),
        tally.total().to_string(),
        tally.rate(),
        tally.note(),
    ]
}

/// The summary as CSV (UTF-8 with a BOM, for Excel; a name that would start a formula made
/// inert, as in every CSV mokuhyo writes).
pub fn to_csv(rows: &[Row]) -> Result<Vec<u8>, Error> {
    crate::exchange::table::csv_of(&HEADINGS, rows.iter().map(|row| row.as_slice()))
}

/// The summary as a workbook of one worksheet, 評価集計: No. and the counts as numbers, the
/// 達成率 as a number shown as a percentage, so that Excel can add and compare them.
pub fn to_xlsx(rows: &[Row]) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("評価集計")?;
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    for (c, heading) in HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *heading, &bold)?;
        let width = if c == 3 || c == 4 { 24.0 } else { 10.0 };
        sheet.set_column_width(c as u16, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let rate = (c == RATE).then(|| exact_rate(row)).flatten();
            match (cell.parse::<f64>(), rate) {
                (Ok(number), _) if NUMBERS.contains(&c) => sheet.write_number(r, col, number)?,
                (_, Some(rate)) => sheet.write_number_with_format(r, col, rate, &percent)?,
                _ => sheet.write_string(r, col, cell)?,
            };
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The 達成率 of a row as a fraction, unrounded (○ ÷ 計), when it has one (not `—`).
fn exact_rate(row: &Row) -> Option<f64> {
    let achieved: f64 = row[5].parse().ok()?;
    let total: f64 = row[9].parse().ok()?;
    (row[RATE].ends_with('%') && total > 0.0).then(|| achieved / total)
}

/// The summary as JSON: an object per row, keyed by heading.
pub fn to_json(rows: &[Row]) -> Result<Vec<u8>, Error> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|row| {
            (HEADINGS.iter().zip(row))
                .map(|(heading, cell)| (heading.to_string(), cell.clone().into()))
                .collect()
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&objects)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_achieved_over_every_goal() {
        let tally = |achieved, partly, missed, unrated| Tally {
            achieved,
            partly,
            missed,
            unrated,
        };
        assert_eq!(tally(2, 1, 0, 0).rate(), "66.7%");
        assert_eq!(tally(5, 3, 1, 0).rate(), "55.6%");
        assert_eq!(tally(0, 0, 0, 4).rate(), "—");
        assert_eq!(tally(3, 0, 0, 0).rate(), "100.0%");
        // Over every goal: a goal not rated is not achieved, and 未評価 is said beside it.
        assert_eq!(tally(1, 0, 0, 1).rate(), "50.0%");
        assert_eq!(tally(1, 1, 1, 5).rate(), "12.5%");
        assert_eq!(tally(1, 0, 0, 1).note(), "未評価");
        assert_eq!(tally(1, 0, 0, 0).note(), "");
        assert_eq!(tally(0, 0, 0, 4).note(), "");
    }

    #[test]
    fn a_name_that_would_start_a_formula_is_inert_in_the_csv() {
        let mut row: Row = Default::default();
        row[4] = "=HYPERLINK(\"http://x\")".into();
        let csv = String::from_utf8(to_csv(&[row]).unwrap()).unwrap();
        assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    }
}
