//! The board of a ward: where each division's sheet is in the flow of submission and approval
//! ([`super::approval`]) in the edition under way, who took the last step and when, which are
//! overdue by `ward.toml`'s `deadline` (提出期限), and how many are at each stage. `serve`
//! answers it as JSON and shows it on the ward list; `mokuhyo status` prints it.

use super::approval::{self, Edition, Stage, Status, Store};
use super::model::{self, Ward};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One ward's board.
#[derive(Debug, Clone, Serialize)]
pub struct Board {
    /// The ward's folder name: `higashi-r5`.
    pub folder: String,
    /// 東区
    pub ward: String,
    pub edition: Edition,
    /// 提出期限, when `ward.toml` gives one.
    pub deadline: Option<NaiveDate>,
    /// The stamp boxes, most senior first.
    pub titles: Vec<String>,
    pub divisions: Vec<Row>,
    pub counts: Counts,
}

/// One division on the board.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    pub order: u32,
    /// Its file's name: `01_地域課.toml`.
    pub file: String,
    #[serde(skip)]
    pub path: PathBuf,
    #[serde(flatten)]
    pub status: Status,
    /// Past the deadline and not submitted.
    pub overdue: bool,
}

/// How many divisions are at each stage (a sheet changed after it was submitted or approved
/// counts as 作成中: it has to be submitted again).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub draft: usize,
    pub submitted: usize,
    pub returned: usize,
    pub approved: usize,
    pub overdue: usize,
}

/// The stage as the board counts it.
pub fn shown_stage(status: &Status) -> Stage {
    match status.stage {
        Stage::Submitted | Stage::Approved if status.changed => Stage::Draft,
        stage => stage,
    }
}

/// The board of the ward in `dir` on `today`: `None` when its `ward.toml` cannot be read
/// (`check` says why).
pub fn board(dir: &Path, today: NaiveDate) -> Result<Option<Board>, super::Error> {
    let (Some(ward), _) = model::load_ward(dir) else {
        return Ok(None);
    };
    of_ward(&ward, today).map(Some)
}

/// The board of a ward as read.
pub fn of_ward(ward: &Ward, today: NaiveDate) -> Result<Board, super::Error> {
    let failed = approval::failed(&ward.dir);
    let store = Store::existing(&ward.dir).map_err(&failed)?;
    let edition = Edition::of(ward.evaluated, ward.interim);
    let mut counts = Counts::default();
    let mut divisions = Vec::new();
    for division in &ward.divisions {
        let events = match &store {
            Some(store) => store.events(&division.name, edition).map_err(&failed)?,
            None => Vec::new(),
        };
        let titles = division.approval.as_deref().unwrap_or(&ward.approval);
        let etag = approval::etag_of(&division.file);
        let status = Status::of(&events, titles, etag.as_deref());
        let stage = shown_stage(&status);
        let overdue = ward.deadline.is_some_and(|d| today > d)
            && matches!(stage, Stage::Draft | Stage::Returned);
        match stage {
            Stage::Draft => counts.draft += 1,
            Stage::Submitted => counts.submitted += 1,
            Stage::Returned => counts.returned += 1,
            Stage::Approved => counts.approved += 1,
        }
        counts.overdue += usize::from(overdue);
        divisions.push(Row {
            name: division.name.clone(),
            order: division.order,
            file: (division.file.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: division.file.clone(),
            status,
            overdue,
        });
    }
    Ok(Board {
        folder: (ward.dir.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ward: ward.name.clone(),
        edition,
        deadline: ward.deadline,
        titles: ward.approval.clone(),
        divisions,
        counts,
    })
}
