//! `new`: a division file to fill in, and `ward.toml` for a new ward.

use crate::{Outcome, Status, shown};
use mokuhyo::{errln, outln, t};
use std::path::PathBuf;

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
