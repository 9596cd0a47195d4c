//! `watch`: build, then build again on every change.

use crate::cli::build::print_problems;
use crate::cli::{Input, ResourceArgs, Target};
use crate::{Outcome, Status, shown};
use mokuhyo::pdf::build::{BuildOptions, BuildReport};
use mokuhyo::pdf::render::Resources;
use mokuhyo::{errln, outln, t};
use std::time::Duration;

/// `mokuhyo watch`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
    #[command(flatten)]
    pub(crate) target: Target,
    #[command(flatten)]
    pub(crate) resources: ResourceArgs,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        input,
        target,
        resources,
    } = args;
    watch(input, target, resources)
}

pub(crate) fn watch(input: Input, target: Target, resources: ResourceArgs) -> Outcome {
    let resources = Resources::from(resources);
    let mut options = BuildOptions::new(input.sheets, target.out);
    options.only = target.divisions;
    options.no_stamps = target.no_stamps;
    options.draft_mark = !target.no_draft_mark;
    errln!("{}", t!("watching", path = shown(&options.sheets)));
    let report = |report: &BuildReport, took: Duration| {
        print_problems(report);
        let line = t!(
            "watch-built",
            time = chrono::Local::now().format("%H:%M:%S").to_string(),
            pdfs = report.written.len(),
            seconds = format!("{:.2}", took.as_secs_f64()),
            failed = if report.failed() { "yes" } else { "no" }
        );
        outln!("{line}");
    };
    mokuhyo::pdf::watch::watch(&resources, &options, &report)?;
    Ok(Status::Done)
}
