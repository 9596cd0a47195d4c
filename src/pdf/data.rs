//! What a template receives: the checked model with the values the sheet prints worked out
//! (era dates, the fiscal year's label, the column heads), serialized to JSON at `/data.json`.
//! `mokuhyo data` prints it, so a template can be written against it in any Typst editor.

use crate::sheet::approval::{self, Stage, Status};
use crate::sheet::era;
use crate::sheet::model::{Division, FORM_ROWS, Ward};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A date for `datetime(year:, month:, day:)` in the template (the PDF's metadata).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl From<NaiveDate> for DateParts {
    fn from(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

/// The ward-wide values every sheet of a ward prints.
#[derive(Debug, Clone, Serialize)]
pub struct Edition {
    /// 東区
    pub ward: String,
    /// 令和５年度
    pub fiscal_year: String,
    /// Ｒ５, as in the column heads Ｒ５目標 / Ｒ５結果.
    pub year_prefix: String,
    /// 作成日: R5.4.1
    pub created: String,
    /// 評価日: R6.4.30, or empty before the evaluation.
    pub evaluated: String,
    /// Whether the evaluation is an interim one (中間評価), made before the year ends.
    pub interim: bool,
    /// The edition, for the volume's cover: `令和５年４月１日 作成`, or `令和７年４月３０日 評価`
    /// once the evaluation is in.
    pub edition: String,
    /// The date of this edition (評価日 once set, else 作成日), for the PDF's metadata.
    pub date: DateParts,
    /// Where each division is in the flow of approval, by name: `None` when the ward has no
    /// record (nobody has submitted a sheet of it), and then nothing of it is printed.
    #[serde(skip)]
    pub approvals: Option<Vec<(String, Status)>>,
    /// A sheet not approved prints 「案」 (unless `build --no-draft-mark`).
    #[serde(skip)]
    pub draft_mark: bool,
    /// `stamps = "paper"`: the stamp boxes print empty.
    #[serde(skip)]
    pub paper_stamps: bool,
}

impl Edition {
    /// The values of a checked ward. The model has checked the dates and year already; a
    /// value outside the eras here is a bug, reported as an error all the same.
    pub fn of(ward: &Ward) -> Result<Self, era::OutsideEras> {
        Ok(Self {
            ward: ward.name.clone(),
            fiscal_year: era::fiscal_year_label(ward.fiscal_year)?,
            year_prefix: era::fiscal_year_prefix(ward.fiscal_year)?,
            created: era::short_date(ward.created)?,
            evaluated: ward
                .evaluated
                .map(era::short_date)
                .transpose()?
                .unwrap_or_default(),
            interim: ward.interim && ward.evaluated.is_some(),
            edition: match ward.evaluated {
                Some(date) if ward.interim => format!("{} 中間評価", era::long_date(date)?),
                Some(date) => format!("{} 評価", era::long_date(date)?),
                None => format!("{} 作成", era::long_date(ward.created)?),
            },
            date: ward.evaluated.unwrap_or(ward.created).into(),
            approvals: None,
            draft_mark: true,
            paper_stamps: ward.paper_stamps,
        })
    }

    /// With where each division of `ward` is in the flow of approval, from its record.
    pub fn with_approvals(mut self, ward: &Ward) -> Result<Self, crate::sheet::Error> {
        self.approvals = approval::ward_statuses(ward)?;
        Ok(self)
    }

    fn status(&self, division: &str) -> Option<&Status> {
        let all = self.approvals.as_ref()?;
        all.iter()
            .find(|(name, _)| name == division)
            .map(|(_, s)| s)
    }

    /// Whether this is the evaluated edition (評価日 set), printed after the year's end.
    pub fn is_evaluated(&self) -> bool {
        !self.evaluated.is_empty()
    }
}

/// One division's sheet: `/data.json` of `sheet.typ`.
#[derive(Debug, Clone, Serialize)]
pub struct SheetData<'a> {
    #[serde(flatten)]
    pub edition: &'a Edition,
    /// The division as the typed model serialises it, with the file's keys (`order`,
    /// `division`, `goals`, …): the template names the fields, this does not.
    #[serde(flatten)]
    pub division: &'a Division,
    /// Titles of the approval stamp boxes, most senior first; empty for none.
    pub approval: &'a [String],
    /// The goals the table numbers at least, blank ones added: the form's No. 1–5.
    pub rows: usize,
    /// The electronic seal in each stamp box (in the order of `approval`), `null` where no
    /// approval holds for the file as it is.
    pub seals: Vec<Option<Seal>>,
    /// Print a small 「案」: the ward's sheets go through approval and this one is not approved.
    pub draft: bool,
    /// Where the sheet is in the flow, for the contents: 承認済, 提出済（課長承認済）, …; empty
    /// when the ward's sheets do not go through approval.
    pub state: String,
    /// The text size in pt, once the build has found the largest at which the sheet fits
    /// ([`crate::pdf::render::SHEET_SIZES`]); `None` (null) lets the template measure for itself.
    pub size: Option<f64>,
}

/// An approval printed in its stamp box, as a 日付印: the box's title, the date, the name.
#[derive(Debug, Clone, Serialize)]
pub struct Seal {
    pub title: String,
    /// R7.4.10
    pub date: String,
    /// 山田太郎
    pub name: String,
}

/// The state in the sheet's words: 作成中, 提出済（課長承認済）, 差戻し, 承認済, 承認後に変更.
pub fn stage_words(status: &Status) -> String {
    match status.stage {
        Stage::Approved if status.changed => "承認後に変更（要再提出）".into(),
        Stage::Submitted if status.changed => "提出後に変更（要再提出）".into(),
        Stage::Draft => "作成中".into(),
        Stage::Returned => "差戻し".into(),
        Stage::Approved => "承認済".into(),
        Stage::Submitted => match status.stamps.last() {
            Some(stamp) => format!("提出済（{}承認済）", stamp.step),
            None => "提出済".into(),
        },
    }
}

fn seals(edition: &Edition, titles: &[String], status: Option<&Status>) -> Vec<Option<Seal>> {
    let seal = |title: &String| {
        let stamp = status?.stamp(title)?;
        let date = approval::date_of(&stamp.at).and_then(|d| era::short_date(d).ok())?;
        Some(Seal {
            title: title.clone(),
            date,
            name: stamp.name.clone(),
        })
    };
    match edition.paper_stamps {
        true => titles.iter().map(|_| None).collect(),
        false => titles.iter().map(seal).collect(),
    }
}

impl<'a> SheetData<'a> {
    pub fn new(edition: &'a Edition, ward: &'a Ward, division: &'a Division) -> Self {
        let approval = division.approval.as_deref().unwrap_or(&ward.approval);
        let status = edition.status(&division.name);
        let approved = status.is_some_and(|s| s.stage == Stage::Approved && !s.changed);
        Self {
            seals: seals(edition, approval, status),
            draft: edition.draft_mark && status.is_some() && !approved,
            state: status.map(stage_words).unwrap_or_default(),
            approval,
            edition,
            division,
            rows: FORM_ROWS,
            size: None,
        }
    }
}

/// A ward's volume: `/data.json` of `volume.typ`.
#[derive(Debug, Clone, Serialize)]
pub struct VolumeData<'a> {
    #[serde(flatten)]
    pub edition: &'a Edition,
    pub sheets: Vec<SheetData<'a>>,
    /// Division files left out because they have errors: the volume is then marked 未完成
    /// (incomplete) on its cover and contents, and lists them.
    pub missing: Vec<Missing>,
}

/// A division file that could not be made into a sheet, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// The file's name: `05_保護課.toml`.
    pub file: String,
    /// What is wrong with it, one line each (`8:10: …`), as `check` says it.
    pub problems: Vec<String>,
}

impl<'a> VolumeData<'a> {
    /// Every division of the ward.
    pub fn new(edition: &'a Edition, ward: &'a Ward) -> Self {
        Self::partial(edition, ward, |_| true, Vec::new())
    }

    /// The divisions `keep` keeps, marked incomplete with `missing` when that is not empty.
    pub fn partial(
        edition: &'a Edition,
        ward: &'a Ward,
        keep: impl Fn(&Division) -> bool,
        missing: Vec<Missing>,
    ) -> Self {
        Self {
            edition,
            sheets: ward
                .divisions
                .iter()
                .filter(|d| keep(d))
                .map(|d| SheetData::new(edition, ward, d))
                .collect(),
            missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stage_words;
    use crate::locale::{Lang, text_in};
    use crate::sheet::approval::{Action, Event, Status};

    /// The volume's contents name a changed sheet's state in the words of the board and of
    /// `mokuhyo status`.
    #[test]
    fn a_change_after_approval_is_worded_as_the_board_words_it() {
        let event = |action, step: &str| Event {
            action,
            step: step.into(),
            who: "kacho".into(),
            name: "山田太郎".into(),
            at: "2025-05-07T10:00:00+09:00".into(),
            etag: "v1".into(),
            comment: String::new(),
        };
        let titles = ["課長".to_string()];
        let submitted = [event(Action::Submit, "")];
        let approved = [event(Action::Submit, ""), event(Action::Approve, "課長")];
        for (events, id) in [
            (&submitted[..], "web-stage-submitted-changed"),
            (&approved[..], "web-stage-changed"),
        ] {
            let status = Status::of(events, &titles, Some("v2"));
            assert_eq!(stage_words(&status), text_in(Lang::Ja, id, &[]));
        }
    }
}
