//! `import`: a flat table or form workbook back into the TOML files.

use crate::{Outcome, Status, shown};
use mokuhyo::sheet::model::Severity;
use mokuhyo::{errln, outln, t};
use std::path::{Path, PathBuf};

/// `mokuhyo import`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// The table: .xlsx (.xlsm, .xls, .ods), .csv (UTF-8 or Shift_JIS) or .json.
    pub(crate) file: PathBuf,
    /// The ward folder to write into; for a table of several wards, the folder of ward folders.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Replace division files that exist already.
    #[arg(long)]
    pub(crate) force: bool,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args { file, out, force } = args;
    import(&file, &out, force)
}

pub(crate) fn import(file: &Path, out: &Path, force: bool) -> Outcome {
    let done = mokuhyo::exchange::import::import(file, out, force)?;
    for (from, to) in &done.renamed {
        outln!(
            "{}",
            t!("import-renamed", from = shown(from), to = shown(to))
        );
    }
    for path in &done.written {
        outln!("{}", t!("wrote", path = shown(path)));
    }
    for path in &done.unchanged {
        outln!("{}", t!("import-unchanged", path = shown(path)));
    }
    for column in &done.unknown {
        let words = t!(
            "column-not-read",
            sheet = Some(column.sheet.as_str())
                .filter(|s| !s.is_empty())
                .unwrap_or("none"),
            column = column.column.as_str(),
            heading = column.heading.as_str()
        );
        errln!("{}: {}: {words}", shown(file), t!("severity-warning"));
    }
    for formula in &done.unvalued {
        let words = t!(
            "formula-without-value",
            sheet = formula.sheet.as_str(),
            cell = formula.cell.as_str()
        );
        errln!("{}: {}: {words}", shown(file), t!("severity-warning"));
    }
    for date in &done.ignored {
        let words = t!(
            "import-date-ignored",
            place = date.place.as_str(),
            label = date.label.as_str(),
            text = date.text.as_str()
        );
        errln!("{}: {}: {words}", shown(file), t!("severity-warning"));
    }
    // The problems first: when the import would bring them in, the reasons below tell so.
    for problem in &done.problems {
        errln!("{problem}");
    }
    for unplaced in &done.unplaced {
        errln!("{}: {unplaced}", file.display());
    }
    let errors = done
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    // Notes about files (line 0) are not rows of the table.
    let rows = done.unplaced.iter().filter(|u| u.line > 0).count();
    let files = done.unplaced.len() - rows;
    if done.refused {
        let others = files.saturating_sub(1);
        errln!("{}", t!("import-refused", rows = rows, others = others));
    } else {
        errln!(
            "{}",
            t!(
                "import-done",
                divisions = done.divisions,
                written = done.written.len(),
                unchanged = done.unchanged.len(),
                rows = rows,
                files = files,
                errors = errors
            )
        );
    }
    Ok(Status::problems_if(!done.unplaced.is_empty() || errors > 0))
}
