//! The board: every ward and division with its state at a glance, for the planning section
//! (`GET /api/wards`, and the ward page built from the same figures): not started, errors,
//! the evaluation under way, done; the goals written and rated; who saved last, and when.

use super::App;
use super::preview;
use super::sheets::{self, WardDir};
use crate::sheet::model::{self, Problem, Severity};
use crate::sheet::problem::{Kind, RuleKind};
use serde::Serialize;
use std::path::Path;

/// Where a division is in the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// No goal written yet: the placeholder `new` writes (its only error is that).
    NotStarted,
    /// Errors: the sheet cannot be printed as it is.
    Errors,
    /// The ward is evaluated, and some goals are not rated yet.
    InProgress,
    /// Written without errors; in an evaluated ward, every goal rated.
    Done,
}

impl Stage {
    fn of(errors: &[&Problem], goals: usize, rated: usize, evaluated: bool) -> Stage {
        let placeholder = errors
            .iter()
            .all(|p| p.kind == Kind::Rule(RuleKind::NoGoalYet));
        if goals == 0 && placeholder {
            Stage::NotStarted
        } else if !errors.is_empty() {
            Stage::Errors
        } else if evaluated && rated < goals {
            Stage::InProgress
        } else {
            Stage::Done
        }
    }
}

/// One division in the ward list.
#[derive(Debug, Serialize)]
pub struct DivisionSummary {
    pub name: String,
    pub order: Option<u32>,
    pub file: String,
    pub state: Stage,
    pub errors: usize,
    pub warnings: usize,
    /// Goals with their 組織目標 written.
    pub goals: usize,
    /// Goals rated ○, △ or ×.
    pub rated: usize,
    /// When the file was last saved, `2026-04-10 09:30`.
    pub saved: String,
    /// Who saved it through the server; `None` when it was saved outside the browser (an
    /// editor, `import`, `new`).
    pub saved_by: Option<String>,
    /// Where it is in the flow of submission and approval; `None` for a file with errors.
    pub approval: Option<crate::sheet::approval::Status>,
    /// Past the ward's deadline (提出期限) and not submitted.
    pub overdue: bool,
}

/// How many divisions of a ward are in each state.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub not_started: usize,
    pub errors: usize,
    pub in_progress: usize,
    pub done: usize,
}

impl Counts {
    fn of(divisions: &[DivisionSummary]) -> Counts {
        let count = |state| divisions.iter().filter(|d| d.state == state).count();
        Counts {
            not_started: count(Stage::NotStarted),
            errors: count(Stage::Errors),
            in_progress: count(Stage::InProgress),
            done: count(Stage::Done),
        }
    }
}

/// One ward in the ward list.
#[derive(Debug, Serialize)]
pub struct WardSummary {
    pub folder: String,
    pub name: String,
    /// 令和５年度, when `ward.toml` says.
    pub fiscal_year: String,
    /// Problems of `ward.toml` itself.
    pub errors: usize,
    pub warnings: usize,
    pub evaluated: bool,
    /// The divisions in each state.
    pub counts: Counts,
    /// The year is closed: read-only for division accounts ([`super::setup`]).
    pub closed: bool,
    pub divisions: Vec<DivisionSummary>,
}

/// Every ward with its divisions and their state.
/// Closed years come after the open ones, each in the order of their folders.
pub fn summaries(app: &App) -> Vec<WardSummary> {
    let mut wards: Vec<WardSummary> = sheets::wards(&app.root)
        .into_iter()
        .map(|ward| summary(app, ward))
        .collect();
    wards.sort_by_key(|ward| ward.closed);
    wards
}

fn summary(app: &App, ward: WardDir) -> WardSummary {
    let (loaded, problems) = model::load_ward(&ward.dir);
    let of_file = |file: &Path, severity: Severity| -> Vec<&Problem> {
        let of_file = problems.iter().filter(|p| p.file == file);
        of_file.filter(|p| p.severity == severity).collect()
    };
    let evaluated = loaded.as_ref().is_some_and(|w| w.evaluated.is_some());
    // A history that cannot be read leaves only the files' times: no names.
    let latest = app.history.latest_by_file(&ward.folder).unwrap_or_default();
    let ward_file = ward.dir.join(model::WARD_FILE);
    let today = chrono::Local::now().date_naive();
    let board = (loaded.as_ref()).and_then(|w| crate::sheet::board::of_ward(w, today).ok());
    let divisions: Vec<DivisionSummary> = sheets::division_files(&app.root, &ward)
        .into_iter()
        .map(|file| {
            let (goals, rated) = goal_counts(loaded.as_ref(), &file.path);
            let errors = of_file(&file.path, Severity::Error);
            let (saved, saved_by) = last_saved(&file.path, latest.get(&file.file_name()));
            let row =
                (board.as_ref()).and_then(|b| b.divisions.iter().find(|r| r.path == file.path));
            DivisionSummary {
                approval: row.map(|r| r.status.clone()),
                overdue: row.is_some_and(|r| r.overdue),
                order: file.order,
                file: file.file_name(),
                state: Stage::of(&errors, goals, rated, evaluated),
                errors: errors.len(),
                warnings: of_file(&file.path, Severity::Warning).len(),
                goals,
                rated,
                saved,
                saved_by,
                name: file.name,
            }
        })
        .collect();
    WardSummary {
        name: loaded
            .as_ref()
            .map_or(ward.folder.clone(), |w| w.name.clone()),
        fiscal_year: (loaded.as_ref())
            .and_then(|w| crate::sheet::era::fiscal_year_label(w.fiscal_year).ok())
            .unwrap_or_default(),
        evaluated,
        errors: of_file(&ward_file, Severity::Error).len(),
        warnings: of_file(&ward_file, Severity::Warning).len(),
        closed: super::setup::is_closed(&ward.dir),
        folder: ward.folder,
        counts: Counts::of(&divisions),
        divisions,
    }
}

/// The goals written and rated in a division's file: from the ward as read, or, for a file
/// with errors (left out of it), from the file's keys as far as they can be read.
fn goal_counts(ward: Option<&model::Ward>, path: &Path) -> (usize, usize) {
    let sound = ward.and_then(|w| w.divisions.iter().find(|d| d.file == path));
    let (texts, ratings): (Vec<String>, Vec<String>) = match sound {
        Some(division) => (division.goals.iter())
            .map(|g| (g.text.clone(), g.rating.clone()))
            .unzip(),
        None => (preview::read(path)
            .map(|r| r.draft.goals)
            .unwrap_or_default()
            .into_iter())
        .map(model::Goal::from)
        .map(|g| (g.text, g.rating))
        .unzip(),
    };
    let written = |texts: &[String]| texts.iter().filter(|t| !t.trim().is_empty()).count();
    (written(&texts), written(&ratings))
}

/// When the file was last saved (`2026-04-10 09:30`) and by whom: the history's newest
/// version, unless the file was written after it (an editor, `import`, not yet seen by the
/// server); then the file's time, by nobody known.
fn last_saved(path: &Path, latest: Option<&(Option<String>, String)>) -> (String, Option<String>) {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let modified = modified.map(chrono::DateTime::<chrono::Local>::from);
    let shown = |time: chrono::DateTime<chrono::Local>| time.format("%Y-%m-%d %H:%M").to_string();
    let recorded = latest.and_then(|(by, at)| {
        let at = chrono::DateTime::parse_from_rfc3339(at).ok()?;
        Some((by.clone(), at.with_timezone(&chrono::Local)))
    });
    // A save's time is taken just before its file is written, to the second.
    let slack = chrono::TimeDelta::seconds(5);
    match (recorded, modified) {
        (Some((by, at)), Some(file)) if file <= at + slack => (shown(at), by),
        (Some((by, at)), None) => (shown(at), by),
        (_, Some(file)) => (shown(file), None),
        (None, None) => (String::new(), None),
    }
}
