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
    /// 提出期限, when `ward.toml` gives one for the edition under way ([`deadline_of`]).
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
    /// Its file has errors (`check` says which): listed all the same, in the state recorded.
    pub errors: bool,
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

impl Counts {
    fn add(&mut self, stage: Stage, overdue: bool) {
        match stage {
            Stage::Draft => self.draft += 1,
            Stage::Submitted => self.submitted += 1,
            Stage::Returned => self.returned += 1,
            Stage::Approved => self.approved += 1,
        }
        self.overdue += usize::from(overdue);
    }
}

/// The ward's `deadline` when it is one for the edition under way: the evaluation (and the
/// interim) starts at `evaluated`, so a deadline before that date was the April plan's and
/// does not count for it (the ward sets a later one for the evaluation).
pub fn deadline_of(ward: &Ward, edition: Edition) -> Option<NaiveDate> {
    let start = match edition {
        Edition::Plan => None,
        Edition::Evaluation | Edition::Interim => ward.evaluated,
    };
    ward.deadline
        .filter(|d| start.is_none_or(|start| *d >= start))
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
    let deadline = deadline_of(ward, edition);
    let mut counts = Counts::default();
    let mut divisions = Vec::new();
    // The sound divisions, then those whose file has errors, by the place and name they
    // write (or the file's stem): a board that leaves a division out miscounts the ward.
    let sound = (ward.divisions.iter()).map(|d| {
        (
            d.name.clone(),
            d.order,
            &d.file,
            d.approval.as_deref(),
            false,
        )
    });
    let broken = (ward.failed.iter()).map(|file| {
        let (order, name) = model::written_place(file);
        let name = (name.filter(|n| !n.trim().is_empty())).unwrap_or_else(|| {
            file.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into()
        });
        (name, order.unwrap_or(0), file, None, true)
    });
    for (name, order, file, titles, errors) in sound.chain(broken) {
        let events = match &store {
            Some(store) => store.events(&name, edition).map_err(&failed)?,
            None => Vec::new(),
        };
        let titles = titles.unwrap_or(&ward.approval);
        let etag = approval::etag_of(file);
        let status = Status::of(&events, titles, etag.as_deref());
        let stage = shown_stage(&status);
        let overdue =
            deadline.is_some_and(|d| today > d) && matches!(stage, Stage::Draft | Stage::Returned);
        counts.add(stage, overdue);
        divisions.push(Row {
            name,
            order,
            file: (file.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: file.clone(),
            status,
            overdue,
            errors,
        });
    }
    Ok(Board {
        folder: (ward.dir.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ward: ward.name.clone(),
        edition,
        deadline,
        titles: ward.approval.clone(),
        divisions,
        counts,
    })
}
