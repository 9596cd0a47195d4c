//! `data`: the JSON a template receives.

use crate::{AfterProblems, Outcome, Status, report_problems};
use mokuhyo::pdf::data::{Edition, SheetData, VolumeData};
use mokuhyo::sheet::model::{self};
use mokuhyo::{outln, t};
use std::path::Path;

/// Prints the JSON a template receives: one division's sheet, or the one ward's volume.
pub(crate) fn data(sheets: &Path, division: Option<&str>) -> Outcome {
    let loaded = model::load_tree(sheets);
    report_problems(&loaded);
    let json = match division {
        Some(name) => {
            let (ward, division) = loaded
                .find_division(name)
                .ok_or_else(|| t!("no-sound-division", name = name))?;
            let edition = Edition::of(ward)?;
            json(&SheetData::new(&edition, ward, division))?
        }
        None => match loaded.wards.as_slice() {
            [ward] => {
                let edition = Edition::of(ward)?;
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
