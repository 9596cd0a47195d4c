//! `schema`: the JSON Schemas of the file format.

use crate::{Outcome, Status, shown};
use mokuhyo::{outln, t};
use std::path::Path;

pub(crate) fn schema(out: &Path) -> Outcome {
    for file in mokuhyo::sheet::scaffold::write_schemas(out)? {
        outln!("{}", t!("wrote", path = shown(&file)));
    }
    Ok(Status::Done)
}
