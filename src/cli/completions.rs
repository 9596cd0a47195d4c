//! `completions`: a shell's completion script.

use crate::cli::{self, Cli};
use crate::{Outcome, Status};
use mokuhyo::locale::{self};

/// `mokuhyo completions`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    pub(crate) shell: clap_complete::Shell,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args { shell } = args;
    completions(shell)
}

pub(crate) fn completions(shell: clap_complete::Shell) -> Outcome {
    use clap::CommandFactory;
    // Into memory first: clap_complete panics when it cannot write.
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut cli::localized(Cli::command(), locale::current(), ""),
        "mokuhyo",
        &mut script,
    );
    mokuhyo::console::write_stdout_bytes(&script)?;
    Ok(Status::Done)
}
