//! `new`: a division file to fill in, and `ward.toml` for a new ward.

use crate::{Outcome, Status, shown};
use mokuhyo::{errln, outln, t};
use std::path::PathBuf;

/// `mokuhyo new`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// The ward's folder (made when it does not exist).
    pub(crate) ward_dir: PathBuf,
    /// The division's name (課).
    pub(crate) division: String,
    /// The department (部); the ward's name when not given.
    #[arg(long)]
    pub(crate) department: Option<String>,
    /// Its place in the volume; after the last division when not given.
    #[arg(long)]
    pub(crate) order: Option<u32>,
    /// For a new ward folder: the ward's name (the folder's name when not given).
    #[arg(long)]
    pub(crate) ward: Option<String>,
    /// For a new ward folder: the fiscal year (西暦); this fiscal year when not given.
    #[arg(long, value_name = "YEAR")]
    pub(crate) fiscal_year: Option<i32>,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        ward_dir,
        division,
        department,
        order,
        ward,
        fiscal_year,
    } = args;
    new_division(ward_dir, division, department, order, ward, fiscal_year)
}

pub(crate) fn new_division(
    ward_dir: PathBuf,
    division: String,
    department: Option<String>,
    order: Option<u32>,
    ward: Option<String>,
    fiscal_year: Option<i32>,
) -> Outcome {
    let request = mokuhyo::sheet::scaffold::NewDivision {
        ward_dir,
        division,
        department,
        order,
        ward,
        fiscal_year,
        schema_dir: PathBuf::from("schema"),
    };
    let done = mokuhyo::sheet::scaffold::new_division(&request)?;
    if let Some(name) = &done.guessed.ward {
        errln!("{}", t!("new-guessed-ward", name = name.as_str()));
    }
    if let Some(year) = done.guessed.fiscal_year {
        let label = mokuhyo::sheet::era::fiscal_year_label(year).unwrap_or_default();
        errln!("{}", t!("new-guessed-year", year = year, label = label));
    }
    for file in done.files {
        outln!("{}", t!("wrote", path = shown(&file)));
    }
    Ok(Status::Done)
}
