//! `build`: every PDF of every ward, with a progress bar on a terminal.

use crate::cli::{Input, ResourceArgs, Target};
use crate::{Outcome, Status, shown};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mokuhyo::pdf::build::{BuildOptions, BuildReport, Progress, build};
use mokuhyo::pdf::render::parse_standard;
use mokuhyo::pdf::render::{PdfSettings, Renderer, Resources};
use mokuhyo::sheet::model::Severity;
use mokuhyo::{errln, outln, t};
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

/// `mokuhyo build`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub(crate) input: Input,
    #[command(flatten)]
    pub(crate) target: Target,
    /// A PDF standard to conform to: a-2b, a-2u, ua-1, … (repeat to combine).
    #[arg(long = "pdf-standard", value_name = "NAME", value_parser = parse_standard)]
    pub(crate) pdf_standards: Vec<typst_pdf::PdfStandard>,
    /// Leave out the tags (structure for screen readers): smaller files.
    #[arg(long)]
    pub(crate) untagged: bool,
    /// Characters no font can draw are errors (their division is not built), not warnings.
    #[arg(long)]
    pub(crate) strict: bool,
    /// How many PDFs to compile at once (default: one more than there are cores; at most 64).
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) jobs: Option<usize>,
    #[command(flatten)]
    pub(crate) resources: ResourceArgs,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let Args {
        input,
        target,
        pdf_standards,
        untagged,
        strict,
        jobs,
        resources,
    } = args;
    build_command(
        input,
        target,
        &pdf_standards,
        untagged,
        strict,
        jobs,
        resources,
    )
}

pub(crate) fn build_command(
    input: Input,
    target: Target,
    pdf_standards: &[typst_pdf::PdfStandard],
    untagged: bool,
    strict: bool,
    jobs: Option<usize>,
    resources: ResourceArgs,
) -> Outcome {
    let pdf = PdfSettings::new(pdf_standards, !untagged)?;
    let renderer = Renderer::new(&Resources::from(resources))?;
    let options = BuildOptions {
        sheets: input.sheets,
        out: target.out,
        only: target.divisions,
        pdf,
        strict,
        jobs,
        no_stamps: target.no_stamps,
        draft_mark: !target.no_draft_mark,
        within: None,
    };
    let bar = Bar::new();
    let report = build(&renderer, &options, &bar);
    bar.finish();
    for path in &report.written {
        outln!("{}", t!("wrote", path = shown(path)));
    }
    for path in &report.removed {
        outln!("{}", t!("removed-stale", path = shown(path)));
    }
    print_problems(&report);
    if report.failed() {
        errln!("{}", t!("build-failed", written = report.written.len()));
    }
    let errors = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error);
    let errors = errors.count() + report.failures.len();
    let problem_warnings = report.problems.len() - (errors - report.failures.len());
    errln!(
        "{}",
        t!(
            "build-summary",
            wards = report.wards,
            pdfs = report.written.len(),
            errors = errors,
            warnings = problem_warnings + report.warnings.len()
        )
    );
    Ok(Status::problems_if(report.failed()))
}
/// What went wrong in a build, and what typst warned about, on stderr.
pub(crate) fn print_problems(report: &BuildReport) {
    for problem in &report.problems {
        errln!("{problem}");
    }
    for warning in &report.warnings {
        errln!("{}: {warning}", t!("severity-warning"));
    }
    for failure in &report.failures {
        errln!("{}: {failure}", t!("severity-error"));
    }
}
/// A progress bar on stderr for builds that take more than about a second; nothing when
/// stderr is not a terminal (a log file, a pipe, CI).
pub(crate) struct Bar {
    bar: ProgressBar,
    started: Instant,
    terminal: bool,
}
impl Bar {
    /// Shown once a build has taken this long.
    const DELAY: Duration = Duration::from_secs(1);

    fn new() -> Self {
        let bar = ProgressBar::hidden();
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} PDF  {elapsed_precise}  {wide_msg}")
        {
            bar.set_style(style);
        }
        Self {
            bar,
            started: Instant::now(),
            // The bar draws file names as UTF-8: not on a terminal in another encoding.
            terminal: std::io::stderr().is_terminal()
                && mokuhyo::console::encoding() == encoding_rs::UTF_8,
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
impl Progress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn wrote(&self, path: &Path) {
        if self.terminal && self.bar.is_hidden() && self.started.elapsed() >= Self::DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if let Some(name) = path.file_name() {
            self.bar.set_message(name.to_string_lossy().into_owned());
        }
        self.bar.inc(1);
    }
}
