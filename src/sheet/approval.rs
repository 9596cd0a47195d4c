//! Submission and approval (提出・承認・差戻し) of a division's sheet, per edition (the April
//! plan, the year-end or interim evaluation), kept in SQLite in the ward's folder
//! (`.mokuhyo-approvals.sqlite`, WAL mode). In the core because `serve` records the flow,
//! `build` prints the seals of approved sheets and `status` shows the board.
//!
//! The record is a list of events (submit, withdraw, approve, return), each with who, when,
//! which version of the file (its ETag, the hash of its bytes) and, for a return, its comment;
//! a division's [`Status`] is the fold of its events. Approvals go through the stamp boxes
//! from the last (the most junior) to the first; an approval holds for the version approved
//! only: when the file changes afterwards the status says so ([`Status::changed`]) and the
//! sheet has to be submitted and approved again.

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;
use std::path::Path;

/// The record's file name, in the ward's folder.
pub const FILE: &str = ".mokuhyo-approvals.sqlite";

/// Which edition of the sheets the flow is for: the ward's `evaluated` date decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    Plan,
    Evaluation,
    Interim,
}

impl Edition {
    /// The edition a ward with these dates is at now.
    pub fn of(evaluated: Option<NaiveDate>, interim: bool) -> Self {
        match (evaluated, interim) {
            (None, _) => Edition::Plan,
            (Some(_), true) => Edition::Interim,
            (Some(_), false) => Edition::Evaluation,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Edition::Plan => "plan",
            Edition::Evaluation => "evaluation",
            Edition::Interim => "interim",
        }
    }
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Submit,
    Withdraw,
    Approve,
    Return,
}

impl Action {
    fn key(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::Approve => "approve",
            Action::Return => "return",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        [Self::Submit, Self::Withdraw, Self::Approve, Self::Return]
            .into_iter()
            .find(|a| a.key() == key)
    }
}

/// One step of the flow, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub action: Action,
    /// The stamp box approved (its title), for an approval.
    pub step: String,
    /// The account.
    pub who: String,
    /// The name printed in the seal: the account's full name, or else its name.
    pub name: String,
    /// `2026-04-10T09:30:12+09:00`
    pub at: String,
    /// The version of the file the step was taken on.
    pub etag: String,
    /// A return's reason.
    pub comment: String,
}

/// Where a division's sheet is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// 作成中
    Draft,
    /// 提出済, approved up to some step
    Submitted,
    /// 差戻し: back to 作成中, with a comment
    Returned,
    /// 承認済: every stamp box
    Approved,
}

/// One stamp put: the box's title, who and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stamp {
    pub step: String,
    pub who: String,
    pub name: String,
    pub at: String,
}

/// A division's place in the flow of one edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub stage: Stage,
    /// The stamps of the round under way (submitted or approved), from the last box on.
    pub stamps: Vec<Stamp>,
    /// The box that approves next, while submitted.
    pub next: Option<String>,
    /// The last step: who (the name shown), and when.
    pub by: String,
    pub at: String,
    /// The version submitted (and approved).
    pub etag: String,
    /// The last return's comment, while returned.
    pub comment: String,
    /// The file is no longer the version submitted or approved: it needs approval again.
    pub changed: bool,
}

impl Status {
    /// The status of a division whose record has `events` (oldest first), with the stamp boxes
    /// `titles` (most senior first), its file now at `etag` (`None`: unreadable).
    pub fn of(events: &[Event], titles: &[String], etag: Option<&str>) -> Self {
        let mut status = Status {
            stage: Stage::Draft,
            stamps: Vec::new(),
            next: None,
            by: String::new(),
            at: String::new(),
            etag: String::new(),
            comment: String::new(),
            changed: false,
        };
        for event in events {
            status.follow(event, titles);
        }
        status.next = match status.stage {
            Stage::Submitted => titles
                .len()
                .checked_sub(status.stamps.len() + 1)
                .map(|i| titles[i].clone()),
            _ => None,
        };
        status.changed = matches!(status.stage, Stage::Submitted | Stage::Approved)
            && etag != Some(status.etag.as_str());
        status
    }

    fn follow(&mut self, event: &Event, titles: &[String]) {
        self.by = event.name.clone();
        self.at = event.at.clone();
        match event.action {
            Action::Submit => {
                self.stage = Stage::Submitted;
                self.etag = event.etag.clone();
                self.comment.clear();
                self.stamps.clear();
            }
            Action::Withdraw => {
                self.stage = Stage::Draft;
                self.stamps.clear();
            }
            Action::Return => {
                self.stage = Stage::Returned;
                self.comment = event.comment.clone();
                self.stamps.clear();
            }
            Action::Approve => self.stamps.push(Stamp {
                step: event.step.clone(),
                who: event.who.clone(),
                name: event.name.clone(),
                at: event.at.clone(),
            }),
        }
        if self.stage == Stage::Submitted && self.stamps.len() >= titles.len() {
            self.stage = Stage::Approved;
        }
    }

    /// Whether a save may change the file: not while it waits for approval.
    pub fn locked(&self) -> bool {
        self.stage == Stage::Submitted
    }

    /// The stamp put in the box `title`, when this round has it and the file is still the
    /// version approved.
    pub fn stamp(&self, title: &str) -> Option<&Stamp> {
        (!self.changed)
            .then(|| self.stamps.iter().find(|s| s.step == title))
            .flatten()
    }

    /// Whether `action` may be taken now (with the box `title` for an approval); why not.
    pub fn allows(&self, action: Action, title: &str) -> Result<(), Refusal> {
        use Stage::*;
        match (action, self.stage) {
            (Action::Submit, Draft | Returned) => Ok(()),
            (Action::Submit, Submitted | Approved) if self.changed => Ok(()),
            (Action::Submit, _) => Err(Refusal::AlreadySubmitted),
            (Action::Withdraw, Submitted) if self.stamps.is_empty() => Ok(()),
            (Action::Withdraw, Submitted | Approved) => Err(Refusal::AlreadyApproved),
            (Action::Approve, Submitted | Approved) if self.changed => Err(Refusal::Changed),
            (Action::Approve, Approved) => Err(Refusal::Complete),
            (Action::Approve, Submitted) => match &self.next {
                Some(next) if next == title => Ok(()),
                Some(next) => Err(Refusal::NotNext {
                    title: title.to_string(),
                    next: next.clone(),
                }),
                None => Err(Refusal::NotSubmitted),
            },
            // A return stands in for an approval: once every box has approved, there is
            // nothing left to return (a change afterwards asks for a new submission).
            (Action::Return, Submitted) => Ok(()),
            (Action::Return, Approved) => Err(Refusal::CompleteNoReturn),
            _ => Err(Refusal::NotSubmitted),
        }
    }
}

/// Why a step cannot be taken now.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Submitted already (and not changed since).
    AlreadySubmitted,
    /// Not submitted: nothing to withdraw, approve or return.
    NotSubmitted,
    /// Someone approved already: it can only be returned.
    AlreadyApproved,
    /// The file changed after it was submitted: it must be submitted again.
    Changed,
    /// Every box has approved: nothing left to approve.
    Complete,
    /// Every box has approved: it can no longer be returned.
    CompleteNoReturn,
    /// Another box approves next.
    NotNext { title: String, next: String },
}

impl Refusal {
    /// Its message id and arguments.
    pub fn words(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Refusal::AlreadySubmitted => ("approval-already-submitted", Vec::new()),
            Refusal::NotSubmitted => ("approval-not-submitted", Vec::new()),
            Refusal::AlreadyApproved => ("approval-already-approved", Vec::new()),
            Refusal::Changed => ("approval-changed", Vec::new()),
            Refusal::Complete => ("approval-complete", Vec::new()),
            Refusal::CompleteNoReturn => ("approval-complete-no-return", Vec::new()),
            Refusal::NotNext { title, next } => (
                "approval-not-next",
                vec![("title", title.clone()), ("next", next.clone())],
            ),
        }
    }
}

/// The record of one ward's folder.
pub struct Store {
    connection: Connection,
}

impl Store {
    /// The record of the ward in `dir`, made when it is not there yet.
    pub fn open(dir: &Path) -> rusqlite::Result<Self> {
        let path = dir.join(FILE);
        // Made private before SQLite makes it: it says who approved what.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(false).mode(0o600);
            let _ = options.open(&path);
        }
        let connection = Connection::open(&path)?;
        connection.busy_timeout(std::time::Duration::from_secs(10))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS events (
                 id INTEGER PRIMARY KEY,
                 division TEXT NOT NULL,
                 edition TEXT NOT NULL,
                 action TEXT NOT NULL,
                 step TEXT NOT NULL DEFAULT '',
                 who TEXT NOT NULL,
                 name TEXT NOT NULL,
                 at TEXT NOT NULL,
                 etag TEXT NOT NULL,
                 comment TEXT NOT NULL DEFAULT ''
             );
             CREATE INDEX IF NOT EXISTS events_by_division ON events (division, edition, id);",
        )?;
        Ok(Self { connection })
    }

    /// The record of the ward in `dir` to read, `None` when the ward has none (nobody has
    /// submitted a sheet of it): nothing is made.
    pub fn existing(dir: &Path) -> rusqlite::Result<Option<Self>> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(&path, flags)?;
        connection.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Some(Self { connection }))
    }

    /// The events of a division in one edition, oldest first.
    pub fn events(&self, division: &str, edition: Edition) -> rusqlite::Result<Vec<Event>> {
        let mut statement = self.connection.prepare(
            "SELECT action, step, who, name, at, etag, comment FROM events
             WHERE division = ?1 AND edition = ?2 ORDER BY id",
        )?;
        let rows = statement.query_map(params![division, edition.key()], |row| {
            let action: String = row.get(0)?;
            Ok(Action::from_key(&action).map(|action| Event {
                action,
                step: row.get(1).unwrap_or_default(),
                who: row.get(2).unwrap_or_default(),
                name: row.get(3).unwrap_or_default(),
                at: row.get(4).unwrap_or_default(),
                etag: row.get(5).unwrap_or_default(),
                comment: row.get(6).unwrap_or_default(),
            }))
        })?;
        // An action this version does not know (a newer mokuhyo's) is left out.
        rows.filter_map(Result::transpose).collect()
    }

    /// Records `event` for a division in one edition.
    pub fn record(&self, division: &str, edition: Edition, event: &Event) -> rusqlite::Result<()> {
        self.connection.execute(
            "INSERT INTO events (division, edition, action, step, who, name, at, etag, comment)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                division,
                edition.key(),
                event.action.key(),
                event.step,
                event.who,
                event.name,
                event.at,
                event.etag,
                event.comment
            ],
        )?;
        Ok(())
    }
}

/// The version of a division's file now (`None`: it cannot be read).
pub fn etag_of(file: &Path) -> Option<String> {
    std::fs::read(file).ok().map(|b| super::draft::etag(&b))
}

/// The time now, as events record it.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The date of a recorded time (`2026-04-10T09:30:12+09:00`).
pub fn date_of(at: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.date_naive())
}

/// The error of the record of the ward in `dir`.
pub fn failed(dir: &Path) -> impl Fn(rusqlite::Error) -> super::Error + '_ {
    move |err| super::Error::Approvals {
        path: dir.join(FILE),
        reason: err.to_string(),
    }
}

/// The status of every sound division of a ward, by name, when the ward has a record.
pub fn ward_statuses(
    ward: &super::model::Ward,
) -> Result<Option<Vec<(String, Status)>>, super::Error> {
    let failed = failed(&ward.dir);
    let Some(store) = Store::existing(&ward.dir).map_err(&failed)? else {
        return Ok(None);
    };
    let edition = Edition::of(ward.evaluated, ward.interim);
    let mut statuses = Vec::new();
    for division in &ward.divisions {
        let events = store.events(&division.name, edition).map_err(&failed)?;
        let titles = division.approval.as_deref().unwrap_or(&ward.approval);
        let etag = etag_of(&division.file);
        statuses.push((
            division.name.clone(),
            Status::of(&events, titles, etag.as_deref()),
        ));
    }
    Ok(Some(statuses))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: Action, step: &str, etag: &str) -> Event {
        Event {
            action,
            step: step.into(),
            who: "yamada".into(),
            name: "山田太郎".into(),
            at: "2026-04-10T09:30:12+09:00".into(),
            etag: etag.into(),
            comment: String::new(),
        }
    }

    #[test]
    fn approvals_go_from_the_last_box_to_the_first_and_hold_for_the_version_approved() {
        let titles = ["区長".to_string(), "課長".to_string()];
        let submitted = [event(Action::Submit, "", "v1")];
        let status = Status::of(&submitted, &titles, Some("v1"));
        assert_eq!(
            (status.stage, status.next.as_deref()),
            (Stage::Submitted, Some("課長"))
        );
        assert!(status.locked());
        assert_eq!(
            status.allows(Action::Approve, "区長"),
            Err(Refusal::NotNext {
                title: "区長".into(),
                next: "課長".into()
            })
        );
        let all = [
            submitted[0].clone(),
            event(Action::Approve, "課長", "v1"),
            event(Action::Approve, "区長", "v1"),
        ];
        let approved = Status::of(&all, &titles, Some("v1"));
        assert_eq!(approved.stage, Stage::Approved);
        assert!(approved.stamp("区長").is_some() && !approved.locked());
        let changed = Status::of(&all, &titles, Some("v2"));
        assert!(changed.changed && changed.stamp("区長").is_none());
        assert_eq!(changed.allows(Action::Submit, ""), Ok(()));
        assert_eq!(
            approved.allows(Action::Submit, ""),
            Err(Refusal::AlreadySubmitted)
        );
    }

    #[test]
    fn a_fully_approved_sheet_can_neither_be_returned_nor_approved_again() {
        let titles = ["区長".to_string(), "課長".to_string()];
        let once = [
            event(Action::Submit, "", "v1"),
            event(Action::Approve, "課長", "v1"),
        ];
        let halfway = Status::of(&once, &titles, Some("v1"));
        assert_eq!(halfway.allows(Action::Return, "区長"), Ok(()));
        let all = [
            once[0].clone(),
            once[1].clone(),
            event(Action::Approve, "区長", "v1"),
        ];
        let approved = Status::of(&all, &titles, Some("v1"));
        assert_eq!(
            approved.allows(Action::Return, "課長"),
            Err(Refusal::CompleteNoReturn)
        );
        assert_eq!(
            approved.allows(Action::Approve, "区長"),
            Err(Refusal::Complete)
        );
        let changed = Status::of(&all, &titles, Some("v2"));
        assert_eq!(
            changed.allows(Action::Approve, "区長"),
            Err(Refusal::Changed)
        );
    }

    #[test]
    fn a_return_goes_back_to_draft_with_its_comment_and_withdrawal_only_before_approval() {
        let titles = ["区長".to_string(), "課長".to_string()];
        let mut returned = event(Action::Return, "", "v1");
        returned.comment = "指標を見直してください".into();
        let events = [event(Action::Submit, "", "v1"), returned];
        let status = Status::of(&events, &titles, Some("v1"));
        assert_eq!(status.stage, Stage::Returned);
        assert_eq!(status.comment, "指標を見直してください");
        assert!(!status.locked());
        let once = [
            event(Action::Submit, "", "v1"),
            event(Action::Approve, "課長", "v1"),
        ];
        let status = Status::of(&once, &titles, Some("v1"));
        assert_eq!(
            status.allows(Action::Withdraw, ""),
            Err(Refusal::AlreadyApproved)
        );
        let store_dir = tempfile::tempdir().unwrap();
        let store = Store::open(store_dir.path()).unwrap();
        for e in &events {
            store.record("地域課", Edition::Plan, e).unwrap();
        }
        assert_eq!(store.events("地域課", Edition::Plan).unwrap(), events);
        assert!(
            store
                .events("地域課", Edition::Evaluation)
                .unwrap()
                .is_empty()
        );
    }
}
