//! `schema`: the JSON Schemas of the file format.

use crate::{Outcome, Status, shown};
use mokuhyo::{outln, t};
use std::path::{Path, PathBuf};

/// `mokuhyo schema`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write ward.schema.json and division.schema.json into.
    #[arg(long, default_value = "schema")]
    pub(crate) out: PathBuf,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args { out } = args;
    schema(&out)
}

pub(crate) fn schema(out: &Path) -> Outcome {
    for file in mokuhyo::sheet::scaffold::write_schemas(out)? {
        outln!("{}", t!("wrote", path = shown(&file)));
    }
    Ok(Status::Done)
}
