//! Japanese era (元号) dates and fiscal years (年度).
//!
//! The sheet prints dates in the abbreviated official style (`R5.4.1`) and the fiscal year in
//! full (`令和５年度`, full-width digits, `元` for the first year). A fiscal year runs from 1 April
//! to 31 March (地方自治法 第208条).

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// One era of the modern calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    /// 令和, 平成, …
    pub name: &'static str,
    /// R, H, … as used in abbreviated dates.
    pub letter: char,
    /// First day of the era this tool prints (Gregorian).
    pub start: (i32, u32, u32),
    /// The calendar year counted as the era's first (元年).
    pub first_year: i32,
}

/// The eras since the calendar became Gregorian, newest first.
/// 明治 (元年 = 1868) is printed from 1873-01-01 (明治6年), the first day of the Gregorian
/// calendar in Japan: earlier dates would need the lunisolar calendar.
const ERAS: [Era; 5] = [
    Era {
        name: "令和",
        letter: 'R',
        start: (2019, 5, 1),
        first_year: 2019,
    },
    Era {
        name: "平成",
        letter: 'H',
        start: (1989, 1, 8),
        first_year: 1989,
    },
    Era {
        name: "昭和",
        letter: 'S',
        start: (1926, 12, 25),
        first_year: 1926,
    },
    Era {
        name: "大正",
        letter: 'T',
        start: (1912, 7, 30),
        first_year: 1912,
    },
    Era {
        name: "明治",
        letter: 'M',
        start: (1873, 1, 1),
        first_year: 1868,
    },
];

/// A date or year that no era of [`ERAS`] covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideEras(pub String);

impl fmt::Display for OutsideEras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!("error-outside-eras", what = self.0.as_str()))
    }
}

impl std::error::Error for OutsideEras {}

impl Era {
    fn start_date(&self) -> NaiveDate {
        let (y, m, d) = self.start;
        NaiveDate::from_ymd_opt(y, m, d).expect("era start dates are valid")
    }
}

/// A date seen in its era: 令和5年4月1日 is `EraDate { era: 令和, year: 5, month: 4, day: 1 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EraDate {
    pub era: Era,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The era a date falls in.
pub fn era_date(date: NaiveDate) -> Result<EraDate, OutsideEras> {
    let era = ERAS
        .iter()
        .find(|era| date >= era.start_date())
        .ok_or_else(|| OutsideEras(date.to_string()))?;
    Ok(EraDate {
        era: *era,
        year: date.year() - era.first_year + 1,
        month: date.month(),
        day: date.day(),
    })
}

/// `R5.4.1`: the abbreviated form used in the sheet's 作成日 and 評価日 (half-width digits; the
/// first year of an era is written 1, as in `R1.5.1`).
pub fn short_date(date: NaiveDate) -> Result<String, OutsideEras> {
    let d = era_date(date)?;
    Ok(format!("{}{}.{}.{}", d.era.letter, d.year, d.month, d.day))
}

/// `令和５年４月１日`: the long form, for the volume's cover, in full-width digits as the
/// fiscal year beside it (`令和５年度`), 元年 for the first year.
pub fn long_date(date: NaiveDate) -> Result<String, OutsideEras> {
    let d = era_date(date)?;
    let (month, day) = (d.month as i32, d.day as i32);
    Ok(format!(
        "{}{}年{}月{}日",
        d.era.name,
        era_year_fullwidth(d.year),
        fullwidth(month),
        fullwidth(day)
    ))
}

/// The era name and year of a fiscal year (年度), given by the calendar year it starts in.
///
/// A fiscal year takes the era year of the calendar year it starts in, named as that calendar
/// year is named once its era is known: 2019年度 (2019-04-01 … 2020-03-31) is 令和元年度, though
/// it began under 平成; 1988年度 is 昭和63年度 and 1989年度 平成元年度. That is the era in force on
/// 31 December of the starting year.
pub fn fiscal_year_era(fiscal_year: i32) -> Result<(Era, i32), OutsideEras> {
    let last_day = NaiveDate::from_ymd_opt(fiscal_year, 12, 31)
        .ok_or_else(|| OutsideEras(crate::t!("error-fiscal-year", year = fiscal_year)))?;
    let d = era_date(last_day)
        .map_err(|_| OutsideEras(crate::t!("error-fiscal-year", year = fiscal_year)))?;
    Ok((d.era, d.year))
}

/// `令和５年度`: the fiscal year as printed in the header (full-width digits, 元 for year 1).
pub fn fiscal_year_label(fiscal_year: i32) -> Result<String, OutsideEras> {
    let (era, year) = fiscal_year_era(fiscal_year)?;
    Ok(format!("{}{}年度", era.name, era_year_fullwidth(year)))
}

/// `Ｒ５`: the short fiscal-year prefix of the column heads Ｒ５目標 / Ｒ５結果 (full-width).
pub fn fiscal_year_prefix(fiscal_year: i32) -> Result<String, OutsideEras> {
    let (era, year) = fiscal_year_era(fiscal_year)?;
    let letter = char::from_u32(era.letter as u32 - 'A' as u32 + 'Ａ' as u32)
        .expect("era letters are ASCII capitals");
    Ok(format!("{letter}{}", era_year_fullwidth(year)))
}

/// The fiscal year a date falls in: April–December count to their own calendar year,
/// January–March to the year before.
pub fn fiscal_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// `元` for the first year, full-width digits otherwise: 元, ５, １０.
fn era_year_fullwidth(year: i32) -> String {
    if year == 1 {
        return "元".to_string();
    }
    fullwidth(year)
}

/// `12` → `１２`.
fn fullwidth(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

/// A fiscal year as people write it: `2024`, `2024年度`, `2024年`, `FY2024`, `令和6年度`,
/// `令和６年度`, `令和元年度`, `R6`, `r6年度`, `H30`; `None` when it is none of these, or before
/// 明治 or after 9999.
pub fn parse_fiscal_year(text: &str) -> Option<i32> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = (text.nfkc())
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let rest = folded
        .strip_suffix("年度")
        .or_else(|| folded.strip_suffix('年'));
    let rest = rest.unwrap_or(&folded);
    let rest = rest.strip_prefix("FY").unwrap_or(rest);
    let rest = rest.strip_suffix(".0").unwrap_or(rest);
    let year = match rest.parse::<i32>() {
        Ok(year) => year,
        Err(_) => {
            let (era, number) = ERAS.iter().find_map(|era| {
                let letter = era.letter.to_string();
                let number =
                    (rest.strip_prefix(era.name)).or_else(|| rest.strip_prefix(&letter))?;
                Some((era, number))
            })?;
            let n = match number {
                "元" => 1,
                n => n.parse::<i32>().ok().filter(|n| *n >= 1)?,
            };
            era.first_year - 1 + n
        }
    };
    (1868..=9999).contains(&year).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fiscal_year_is_read_as_people_write_it() {
        for text in [
            "2024",
            "2024年度",
            "2024年",
            "２０２４年度",
            "FY2024",
            "fy 2024",
            "令和6年度",
            "令和６年度",
            "令和6年",
            "R6",
            "r6",
            "R6年度",
            "Ｒ６",
            " 令和 6 年度 ",
            "2024.0",
        ] {
            assert_eq!(parse_fiscal_year(text), Some(2024), "{text}");
        }
        assert_eq!(parse_fiscal_year("令和元年度"), Some(2019));
        assert_eq!(parse_fiscal_year("H30"), Some(2018));
        assert_eq!(parse_fiscal_year("平成31年度"), Some(2019));
        assert_eq!(parse_fiscal_year("昭和64年"), Some(1989));
        for text in [
            "",
            "令和",
            "R0",
            "令和-1年度",
            "来年度",
            "1600",
            "20245",
            "2024/4/1",
        ] {
            assert_eq!(parse_fiscal_year(text), None, "{text}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn short_dates_of_the_seed() {
        assert_eq!(short_date(d(2023, 4, 1)).unwrap(), "R5.4.1");
        assert_eq!(short_date(d(2024, 4, 30)).unwrap(), "R6.4.30");
    }

    #[test]
    fn heisei_to_reiwa_change() {
        assert_eq!(short_date(d(2019, 4, 30)).unwrap(), "H31.4.30");
        assert_eq!(short_date(d(2019, 5, 1)).unwrap(), "R1.5.1");
        let last = era_date(d(2019, 4, 30)).unwrap();
        assert_eq!((last.era.name, last.year), ("平成", 31));
        let first = era_date(d(2019, 5, 1)).unwrap();
        assert_eq!((first.era.name, first.year), ("令和", 1));
    }

    #[test]
    fn other_era_changes() {
        assert_eq!(short_date(d(1989, 1, 7)).unwrap(), "S64.1.7");
        assert_eq!(short_date(d(1989, 1, 8)).unwrap(), "H1.1.8");
        assert_eq!(short_date(d(1926, 12, 24)).unwrap(), "T15.12.24");
        assert_eq!(short_date(d(1926, 12, 25)).unwrap(), "S1.12.25");
        assert_eq!(short_date(d(1912, 7, 29)).unwrap(), "M45.7.29");
        assert_eq!(short_date(d(1912, 7, 30)).unwrap(), "T1.7.30");
        assert_eq!(short_date(d(1873, 1, 1)).unwrap(), "M6.1.1");
    }

    #[test]
    fn long_dates() {
        assert_eq!(long_date(d(2023, 4, 1)).unwrap(), "令和５年４月１日");
        assert_eq!(long_date(d(2019, 5, 1)).unwrap(), "令和元年５月１日");
        assert_eq!(long_date(d(2019, 4, 30)).unwrap(), "平成３１年４月３０日");
    }

    #[test]
    fn fiscal_year_labels() {
        assert_eq!(fiscal_year_label(2023).unwrap(), "令和５年度");
        assert_eq!(fiscal_year_label(2019).unwrap(), "令和元年度");
        assert_eq!(fiscal_year_label(2018).unwrap(), "平成３０年度");
        assert_eq!(fiscal_year_label(1989).unwrap(), "平成元年度");
        assert_eq!(fiscal_year_label(1988).unwrap(), "昭和６３年度");
        assert_eq!(fiscal_year_label(2028).unwrap(), "令和１０年度");
        assert_eq!(fiscal_year_prefix(2023).unwrap(), "Ｒ５");
        assert_eq!(fiscal_year_prefix(2019).unwrap(), "Ｒ元");
        assert_eq!(fiscal_year_prefix(2018).unwrap(), "Ｈ３０");
    }

    #[test]
    fn fiscal_year_boundaries() {
        assert_eq!(fiscal_year_of(d(2023, 4, 1)), 2023);
        assert_eq!(fiscal_year_of(d(2024, 3, 31)), 2023);
        assert_eq!(fiscal_year_of(d(2024, 4, 1)), 2024);
        // 2019-04-30 (平成31年) and 2019-05-01 (令和元年) are one fiscal year: 令和元年度.
        assert_eq!(
            fiscal_year_of(d(2019, 4, 30)),
            fiscal_year_of(d(2019, 5, 1))
        );
    }

    #[test]
    fn dates_before_the_eras_are_refused() {
        assert!(short_date(d(1872, 12, 31)).is_err());
        assert!(fiscal_year_label(1800).is_err());
        assert!(fiscal_year_label(i32::MAX).is_err());
    }
}
