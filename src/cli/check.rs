//! `check`: every problem of every file, and a summary line.

use super::Input;
use crate::{Outcome, Status, report_problems};
use mokuhyo::pdf::fonts::FontSet;
use mokuhyo::sheet::model::{self, Checks};
use mokuhyo::{errln, t};
use std::path::{Path, PathBuf};

/// `mokuhyo check`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
    /// Characters no font can draw are errors, not warnings.
    #[arg(long)]
    pub(crate) strict: bool,
    /// A folder of more fonts (as for build): characters they have are not reported.
    #[arg(long = "font-path", value_name = "DIR")]
    pub(crate) font_paths: Vec<PathBuf>,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        input,
        strict,
        font_paths,
    } = args;
    check(&input.sheets, strict, &font_paths)
}

pub(crate) fn check(sheets: &Path, strict: bool, font_paths: &[PathBuf]) -> Outcome {
    let fonts = FontSet::load(font_paths)?;
    let covers = |c: char| fonts.covers(c);
    let checks = Checks {
        covers: Some(&covers),
        strict,
    };
    let loaded = model::load_tree_with(sheets, &checks);
    report_problems(&loaded);
    // Every division file read, also those left out of their ward for an error.
    let divisions: usize = (loaded.wards.iter())
        .map(|w| w.divisions.len() + w.failed.len())
        .sum();
    let errors = loaded.errors().count();
    let warnings = loaded.problems.len() - errors;
    errln!(
        "{}",
        t!(
            "check-summary",
            wards = loaded.wards.len(),
            divisions = divisions,
            errors = errors,
            warnings = warnings
        )
    );
    Ok(Status::problems_if(errors > 0))
}
