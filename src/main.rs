//! `mokuhyo`: the command line is parsed ([`cli`], a module per command, each calling the
//! library and printing what it returns), and the exit status decided once, in `main`, as
//! ripgrep's: 0 done, 1 problems found in the input, 2 could not run (an error that stopped it,
//! said in the user's language).

mod cli;

use cli::Command;
use mokuhyo::locale::{self, Lang};
use mokuhyo::sheet::model::{Loaded, Severity};
use mokuhyo::{errln, t};
use std::path::Path;
use std::process::ExitCode;

/// How a command ended, when nothing stopped it.
enum Status {
    /// All is well.
    Done,
    /// Problems were found and told: exit status 1.
    Problems,
}

impl Status {
    fn problems_if(found: bool) -> Self {
        if found {
            Status::Problems
        } else {
            Status::Done
        }
    }
}

/// What a command gives back: how it ended, or the error that stopped it (the library's
/// wings' errors, [`mokuhyo::sheet::Error`] and the others, or the command line's own words).
type Outcome = Result<Status, Box<dyn std::error::Error>>;

/// The exit status when problems were found in the input (and told), as ripgrep's 1 for "no
/// match": the command ran.
const PROBLEMS_FOUND: u8 = 1;
/// The exit status when the command could not run: a missing folder, an unreadable file, a bad
/// option (clap's usage errors are 2 too).
const COULD_NOT_RUN: u8 = 2;

/// An error that is the end of problems found in the input and already told (no sound ward
/// to give): exit status 1, not 2.
#[derive(Debug)]
struct AfterProblems(String);

impl std::fmt::Display for AfterProblems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AfterProblems {}

/// The exit status of an error that stopped a command.
fn exit_status(error: &(dyn std::error::Error + 'static)) -> u8 {
    use mokuhyo::{exchange, pdf, serve, sheet};
    let found_in_input = if let Some(error) = error.downcast_ref::<sheet::Error>() {
        error.found_in_input()
    } else if let Some(error) = error.downcast_ref::<pdf::Error>() {
        error.found_in_input()
    } else if let Some(error) = error.downcast_ref::<exchange::Error>() {
        error.found_in_input()
    } else if let Some(error) = error.downcast_ref::<serve::Error>() {
        error.found_in_input()
    } else {
        error.is::<AfterProblems>()
    };
    if found_in_input {
        PROBLEMS_FOUND
    } else {
        COULD_NOT_RUN
    }
}

/// The sheets folder a command reads can be listed: a missing one is said in our words and
/// stops the command before it starts, rather than as a problem of the sheets.
fn sheets_folder_readable(sheets: &Path) -> Result<(), mokuhyo::sheet::Error> {
    match std::fs::read_dir(sheets) {
        Ok(_) => Ok(()),
        Err(source) => Err(mokuhyo::sheet::Error::SheetsFolder {
            path: sheets.to_path_buf(),
            source,
        }),
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::asked_lang(&args).unwrap_or_else(Lang::detect);
    locale::choose(lang);
    let command = cli::parse(args, lang).command;
    if let Some(Err(error)) = command.sheets().map(sheets_folder_readable) {
        errln!("{}: {error}", t!("error-prefix"));
        return ExitCode::from(COULD_NOT_RUN);
    }
    let outcome = match command {
        Command::Build(args) => cli::build::run(args),
        Command::Check(args) => cli::check::run(args),
        Command::Status(args) => cli::status::run(args),
        Command::Data(args) => cli::data::run(args),
        Command::New(args) => cli::new::run(args),
        Command::Import(args) => cli::import::run(args),
        Command::Export(args) => cli::export::run(args),
        Command::NextYear(args) => cli::next_year::run(args),
        Command::Schema(args) => cli::schema::run(args),
        Command::Watch(args) => cli::watch::run(args),
        Command::Serve(args) => cli::serve::run(args),
        Command::User(args) => cli::user::run(args),
        Command::Completions(args) => cli::completions::run(args),
    };
    match outcome {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::Problems) => ExitCode::from(PROBLEMS_FOUND),
        Err(err) => {
            errln!("{}: {err}", t!("error-prefix"));
            ExitCode::from(exit_status(err.as_ref()))
        }
    }
}

/// The problems of the files read, errors first, on stderr.
fn report_problems(loaded: &Loaded) {
    let mut problems: Vec<_> = loaded.problems.iter().collect();
    problems.sort_by_key(|p| p.severity == Severity::Warning);
    for problem in problems {
        errln!("{problem}");
    }
}

/// A path as it is shown: invisible characters as `<U+…>`.
fn shown(path: &Path) -> String {
    mokuhyo::output::visible(&path.display().to_string())
}

/// A name as it is shown: invisible characters as `<U+…>`.
fn shown_text(text: &str) -> String {
    mokuhyo::output::visible(text)
}
