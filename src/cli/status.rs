//! `status`: each ward's board of submission and approval (提出・承認), as `serve`'s ward
//! page shows it, on the terminal.

use super::Input;
use crate::{Outcome, Status, shown_text};
use mokuhyo::sheet::approval::Stage;
use mokuhyo::sheet::board::{self, Board, Row, shown_stage};
use mokuhyo::sheet::model;
use mokuhyo::{errln, outln, t};

/// `mokuhyo status`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
}

/// Runs the command: the board of every ward; a ward whose `ward.toml` has errors is named.
pub(crate) fn run(args: Args) -> Outcome {
    let today = chrono::Local::now().date_naive();
    let wards = model::find_wards(&args.input.sheets).map_err(|p| p.to_string())?;
    for dir in wards {
        match board::board(&dir, today)? {
            Some(board) => print(&board),
            None => {
                let folder = dir.file_name().unwrap_or_default().to_string_lossy();
                errln!(
                    "{}",
                    t!("status-ward-unreadable", folder = shown_text(&folder))
                );
            }
        }
    }
    Ok(Status::Done)
}

fn print(board: &Board) {
    let (ward, folder) = (shown_text(&board.ward), shown_text(&board.folder));
    outln!("{}", t!("status-ward", ward = ward, folder = folder));
    if let Some(deadline) = board.deadline {
        outln!("{}", t!("status-deadline", deadline = deadline.to_string()));
    }
    for row in &board.divisions {
        print_row(row);
    }
    let c = &board.counts;
    let counts = t!(
        "status-counts",
        draft = c.draft,
        submitted = c.submitted,
        returned = c.returned,
        approved = c.approved,
        overdue = c.overdue
    );
    outln!("{counts}\n");
}

fn print_row(row: &Row) {
    let status = &row.status;
    let stage = stage_words(status);
    let when = status.at.get(..16).unwrap_or(&status.at).replace('T', " ");
    let overdue = if row.overdue {
        t!("status-overdue")
    } else {
        String::new()
    };
    let errors = if row.errors {
        t!("status-errors")
    } else {
        String::new()
    };
    outln!(
        "{:>3}  {}\t{stage}\t{}\t{when}\t{overdue}{errors}",
        row.order,
        shown_text(&row.name),
        shown_text(&status.by),
    );
    if status.stage == Stage::Returned {
        // A comment of several lines: each line as itself, the later ones indented under the
        // first, rather than the line breaks shown as characters.
        let mut lines = status.comment.lines().map(shown_text);
        let first = lines.next().unwrap_or_default();
        outln!("       {}", t!("status-comment", comment = first));
        for line in lines {
            outln!("         {line}");
        }
    }
}

/// The stage in the catalogue's words: 作成中, 提出済（課長承認済）, 差戻し, 承認済, 承認後に変更.
pub(crate) fn stage_words(status: &mokuhyo::sheet::approval::Status) -> String {
    match status.stage {
        Stage::Approved if status.changed => return t!("web-stage-changed"),
        Stage::Submitted if status.changed => return t!("web-stage-submitted-changed"),
        _ => {}
    }
    match shown_stage(status) {
        Stage::Draft => t!("web-stage-draft"),
        Stage::Returned => t!("web-stage-returned"),
        Stage::Approved => t!("web-stage-approved"),
        Stage::Submitted => match status.stamps.last() {
            Some(stamp) => t!("web-stage-submitted-step", step = shown_text(&stamp.step)),
            None => t!("web-stage-submitted"),
        },
    }
}
