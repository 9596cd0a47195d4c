//! `next-year`: next fiscal year's ward from a sound one.

use crate::{Outcome, Status, shown};
use mokuhyo::sheet::model::{self, Severity};
use mokuhyo::{errln, outln, t};

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
