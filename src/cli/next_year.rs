//! `next-year`: next fiscal year's ward from a sound one.

use super::parse_date;
use crate::{Outcome, Status, shown};
use mokuhyo::sheet::model::{self, Severity};
use mokuhyo::{errln, outln, t};
use std::path::PathBuf;

/// `mokuhyo next-year`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// This year's ward folder.
    pub(crate) ward_dir: PathBuf,
    /// The new ward folder (it must not exist).
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// The new 作成日 (YYYY-MM-DD); 1 April of the new fiscal year when not given.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) created: Option<chrono::NaiveDate>,
    /// Empty every indicator's target (目標) too.
    #[arg(long)]
    pub(crate) clear_targets: bool,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        ward_dir,
        out,
        created,
        clear_targets,
    } = args;
    next_year(mokuhyo::sheet::next_year::NextYear {
        from: ward_dir,
        to: out,
        created,
        clear_targets,
    })
}

pub(crate) fn next_year(request: mokuhyo::sheet::next_year::NextYear) -> Outcome {
    for file in mokuhyo::sheet::next_year::next_year(&request)? {
        outln!("{}", t!("wrote", path = shown(&file)));
    }
    // What was written is checked as `check` would.
    let (_, problems) = model::load_ward(&request.to);
    for problem in &problems {
        errln!("{problem}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    Ok(Status::problems_if(errors > 0))
}
