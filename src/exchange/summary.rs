//! The evaluation summary as a table, for pasting into a council report: per division the goals
//! rated ○ / △ / × and not yet rated, and the 達成率 (○ ÷ the goals rated); each ward's total,
//! and the city's when there are several wards. The same figures as the volume's 評価集計 page.

use super::Error;
use crate::sheet::model::{Division, Ward};

/// The table's headings.
pub const HEADINGS: [&str; 11] = [
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
];

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

    /// ○ ÷ the goals rated, as the volume prints it (`66.7%`); `—` when none is rated.
    pub fn rate(&self) -> String {
        let rated = self.achieved + self.partly + self.missed;
        if rated == 0 {
            return "—".to_string();
        }
        let percent = (self.achieved as f64 / rated as f64 * 1000.0).round() / 10.0;
        format!("{percent:.1}%")
    }
}

/// The rows of the summary: each division, each ward's total, and the city's when there are
/// several wards.
pub fn rows(wards: &[Ward]) -> Vec<[String; 11]> {
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

fn row(place: [String; 5], tally: Tally) -> [String; 11] {
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
    ]
}

/// The summary as CSV (UTF-8 with a BOM, for Excel; a name that would start a formula made
/// inert, as in every CSV mokuhyo writes).
pub fn to_csv(rows: &[[String; 11]]) -> Result<Vec<u8>, Error> {
    crate::exchange::table::csv_of(&HEADINGS, rows.iter().map(|row| row.as_slice()))
}

/// The summary as a workbook of one worksheet, 評価集計; the counts as numbers.
pub fn to_xlsx(rows: &[[String; 11]]) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("評価集計")?;
    let bold = Format::new().set_bold();
    for (c, heading) in HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *heading, &bold)?;
        let width = if c == 3 || c == 4 { 24.0 } else { 10.0 };
        sheet.set_column_width(c as u16, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(number) if (5..10).contains(&c) => sheet.write_number(r, c as u16, number)?,
                _ => sheet.write_string(r, c as u16, cell)?,
            };
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The summary as JSON: an object per row, keyed by heading.
pub fn to_json(rows: &[[String; 11]]) -> Result<Vec<u8>, Error> {
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
    fn the_rate_is_achieved_over_rated() {
        let tally = |achieved, partly, missed, unrated| Tally {
            achieved,
            partly,
            missed,
            unrated,
        };
        assert_eq!(tally(2, 1, 0, 0).rate(), "66.7%");
        assert_eq!(tally(1, 1, 1, 5).rate(), "33.3%");
        assert_eq!(tally(5, 3, 1, 0).rate(), "55.6%");
        assert_eq!(tally(0, 0, 0, 4).rate(), "—");
        assert_eq!(tally(3, 0, 0, 0).rate(), "100.0%");
    }

    #[test]
    fn a_name_that_would_start_a_formula_is_inert_in_the_csv() {
        let mut row: [String; 11] = Default::default();
        row[4] = "=HYPERLINK(\"http://x\")".into();
        let csv = String::from_utf8(to_csv(&[row]).unwrap()).unwrap();
        assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    }
}
