//! `data`: the JSON a template receives.

use super::Input;
use crate::{AfterProblems, Outcome, Status, report_problems};
use mokuhyo::pdf::data::{Edition, SheetData, VolumeData};
use mokuhyo::sheet::model::{self};
use mokuhyo::{outln, t};
use std::path::Path;

/// `mokuhyo data`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
    /// One division's sheet data instead of the ward's volume data.
    #[arg(long, value_name = "NAME")]
    pub(crate) division: Option<String>,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args { input, division } = args;
    data(&input.sheets, division.as_deref())
}

/// Prints the JSON a template receives: one division's sheet, or the one ward's volume.
pub(crate) fn data(sheets: &Path, division: Option<&str>) -> Outcome {
    let loaded = model::load_tree(sheets);
    report_problems(&loaded);
    let json = match division {
        Some(name) => {
            let (ward, division) = loaded
                .find_division(name)
                .ok_or_else(|| t!("no-sound-division", name = name))?;
            let edition = Edition::of(ward)?.with_approvals(ward)?;
            json(&SheetData::new(&edition, ward, division))?
        }
        None => match loaded.wards.as_slice() {
            [ward] => {
                let edition = Edition::of(ward)?.with_approvals(ward)?;
                json(&VolumeData::new(&edition, ward))?
            }
            [] => return Err(AfterProblems(t!("no-sound-ward")).into()),
            _ => return Err(t!("more-than-one-ward").into()),
        },
    };
    outln!("{json}");
    Ok(Status::Done)
}
pub(crate) fn json(value: &impl serde::Serialize) -> serde_json::Result<String> {
    serde_json::to_string_pretty(value)
}
