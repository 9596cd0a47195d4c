//! `export`: the sheets as a flat table, a form workbook or the summary.

use super::Input;
use crate::cli::Format;
use crate::{AfterProblems, Outcome, Status, report_problems, shown};
use mokuhyo::sheet::model::{self};
use mokuhyo::{errln, t};
use std::path::{Path, PathBuf};

/// `mokuhyo export`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
    #[arg(long, value_enum, default_value = "csv")]
    pub(crate) format: Format,
    /// The file to write; standard output when not given (csv and json only).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Only this division (by 課 name); repeat for more.
    #[arg(long = "division", value_name = "NAME")]
    pub(crate) divisions: Vec<String>,
    /// Replace the file `--out` names when it exists already.
    #[arg(long)]
    pub(crate) force: bool,
    /// With --format form: the forms with empty goal rows, for divisions to fill in.
    #[arg(long)]
    pub(crate) blank: bool,
    /// The evaluation summary instead (per division ○ △ × 未評価 and 達成率, each ward's total
    /// and the city's): csv, xlsx or json.
    #[arg(long)]
    pub(crate) summary: bool,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        input,
        format,
        out,
        divisions,
        force,
        blank,
        summary,
    } = args;
    let only = Only {
        divisions,
        blank,
        summary,
    };
    export(&input.sheets, format, out.as_deref(), &only, force)
}

/// What of the sheets `export` writes: only the divisions named (all when none is), and for
/// the form, blank goal rows.
pub(crate) struct Only {
    pub(crate) divisions: Vec<String>,
    pub(crate) blank: bool,
    /// The evaluation summary instead of the sheets.
    pub(crate) summary: bool,
}
pub(crate) fn export(
    sheets: &Path,
    format: Format,
    out: Option<&Path>,
    only: &Only,
    force: bool,
) -> Outcome {
    let divisions = &only.divisions;
    if let Some(path) = out.filter(|path| path.exists() && !force) {
        return Err(t!("export-exists", path = shown(path)).into());
    }
    let loaded = model::load_tree(sheets);
    report_problems(&loaded);
    if loaded.wards.is_empty() {
        return Err(AfterProblems(t!("no-ward-to-export")).into());
    }
    // The form has a worksheet for every division whose file can be read at all, its problems
    // on the cover; the tables only the sound ones.
    let (every, notes) = match matches!(format, Format::Form) && !only.summary {
        true => mokuhyo::exchange::form::every_division(&loaded),
        false => (loaded.wards.clone(), Vec::new()),
    };
    let named = |name: &String| {
        every
            .iter()
            .any(|w| w.divisions.iter().any(|d| &d.name == name))
    };
    if let Some(name) = divisions.iter().find(|n| !named(n)) {
        return Err(t!("failure-no-such-division", name = name.as_str()).into());
    }
    let wards = only_divisions(&every, divisions);
    let (bytes, (count_id, count)) = export_bytes(&wards, format, only, &notes)?;
    match out {
        Some(path) => {
            mokuhyo::output::write_atomic(path, &bytes)
                .map_err(|err| mokuhyo::sheet::Error::write(path, err))?;
            errln!("{}", t!(count_id, path = shown(path), count = count));
        }
        None if matches!(format, Format::Xlsx | Format::Form) => {
            return Err(t!("xlsx-needs-out").into());
        }
        None => {
            mokuhyo::console::write_stdout_bytes(&bytes)?;
        }
    }
    // Errors in files that are in the form are on its cover: only others left something out.
    let in_form = |p: &&model::Problem| notes.iter().any(|n| n.file == p.file);
    let left_out = loaded.errors().any(|p| !in_form(&p));
    if left_out {
        errln!("{}: {}", t!("error-prefix"), t!("left-out-of-table"));
    }
    Ok(Status::problems_if(left_out))
}
/// What `export` writes, and what to say of it: a message id and how many rows (or worksheets
/// of a form) it has.
pub(crate) fn export_bytes(
    wards: &[model::Ward],
    format: Format,
    only: &Only,
    notes: &[model::Problem],
) -> Result<(Vec<u8>, (&'static str, usize)), mokuhyo::exchange::Error> {
    use mokuhyo::exchange::{form, summary, table};
    if only.summary {
        let rows = summary::rows(wards);
        let bytes = match format {
            Format::Csv => summary::to_csv(&rows),
            Format::Xlsx | Format::Form => summary::to_xlsx(&rows),
            Format::Json => summary::to_json(&rows),
        }?;
        return Ok((bytes, ("wrote-rows", rows.len())));
    }
    if let Format::Form = format {
        let sheets = wards.iter().map(|w| w.divisions.len()).sum();
        let bytes = form::to_form_noted(wards, only.blank, notes)?;
        return Ok((bytes, ("wrote-sheets", sheets)));
    }
    let rows = table::rows(wards);
    let bytes = match format {
        Format::Csv => table::to_csv(&rows),
        Format::Json => table::to_json(&rows),
        Format::Xlsx | Format::Form => table::to_xlsx(&rows),
    }?;
    Ok((bytes, ("wrote-rows", rows.len())))
}
/// The wards with only the divisions named (all when none is), and only wards that keep one.
pub(crate) fn only_divisions(wards: &[model::Ward], names: &[String]) -> Vec<model::Ward> {
    if names.is_empty() {
        return wards.to_vec();
    }
    (wards.iter())
        .map(|ward| model::Ward {
            divisions: (ward.divisions.iter())
                .filter(|d| names.contains(&d.name))
                .cloned()
                .collect(),
            ..ward.clone()
        })
        .filter(|ward| !ward.divisions.is_empty())
        .collect()
}
