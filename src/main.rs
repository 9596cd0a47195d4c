//! The command line: `mokuhyo build`, `mokuhyo check`, `mokuhyo data`.

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mokuhyo::build::{BuildOptions, Progress, build};
use mokuhyo::data::{Edition, SheetData, VolumeData};
use mokuhyo::fonts::FontSet;
use mokuhyo::model::{self, Checks, Loaded, Severity};
use mokuhyo::render::{PdfSettings, Renderer, Resources, parse_standard};
use std::io::IsTerminal;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(
    name = "mokuhyo",
    version,
    about = "組織目標管理シートを TOML から PDF に (organization goal sheets, TOML to PDF)",
    after_help = "Examples:\n  mokuhyo build                      # sheets/ → output/\n  mokuhyo build --division 地域課      # one division only\n  mokuhyo check --sheets sheets/higashi-r5"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes every division's PDF and each ward's volume.
    Build {
        #[command(flatten)]
        input: Input,
        /// Where the PDFs go: OUT/<ward folder>/…
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Only this division (by 課 name); repeat for more. No volume is written then.
        #[arg(long = "division", value_name = "NAME")]
        divisions: Vec<String>,
        /// A PDF standard to conform to: a-2b, a-2u, ua-1, … (repeat to combine).
        #[arg(long = "pdf-standard", value_name = "NAME", value_parser = parse_standard)]
        pdf_standards: Vec<typst_pdf::PdfStandard>,
        /// Leave out the tags (structure for screen readers): smaller files.
        #[arg(long)]
        untagged: bool,
        /// Characters no font can draw are errors (their division is not built), not warnings.
        #[arg(long)]
        strict: bool,
        /// How many PDFs to compile at once (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        #[command(flatten)]
        resources: ResourceArgs,
    },
    /// Checks every file and prints every problem; exits 1 if there is an error.
    Check {
        #[command(flatten)]
        input: Input,
        /// Characters no font can draw are errors, not warnings.
        #[arg(long)]
        strict: bool,
        /// A folder of more fonts (as for build): characters they have are not reported.
        #[arg(long = "font-path", value_name = "DIR")]
        font_paths: Vec<PathBuf>,
    },
    /// Prints the JSON a template receives (for writing templates, or the stock typst CLI).
    Data {
        #[command(flatten)]
        input: Input,
        /// One division's sheet data instead of the ward's volume data.
        #[arg(long, value_name = "NAME")]
        division: Option<String>,
    },
}

#[derive(Args)]
struct Input {
    /// The sheets: a folder of ward folders, or one ward folder (with ward.toml).
    #[arg(long, default_value = "sheets")]
    sheets: PathBuf,
}

#[derive(Args)]
struct ResourceArgs {
    /// A folder of more fonts (searched after the embedded ones); repeat for more.
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
    /// A folder of templates that replace the embedded ones by file name (sheet.typ, …).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            input,
            out,
            divisions,
            pdf_standards,
            untagged,
            strict,
            jobs,
            resources,
        } => {
            let resources = Resources {
                font_paths: resources.font_paths,
                templates: resources.templates,
            };
            let pdf = match PdfSettings::new(&pdf_standards, !untagged) {
                Ok(pdf) => pdf,
                Err(err) => {
                    eprintln!("error: {err}");
                    return ExitCode::FAILURE;
                }
            };
            let renderer = match Renderer::new(&resources) {
                Ok(renderer) => renderer,
                Err(err) => {
                    eprintln!("error: {err}");
                    return ExitCode::FAILURE;
                }
            };
            let options = BuildOptions {
                sheets: input.sheets,
                out,
                only: divisions,
                pdf,
                strict,
                jobs,
            };
            if let Some(jobs) = jobs {
                // typst's own parallel parts (rayon) get no more threads than that either.
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs)
                    .build_global();
            }
            let bar = Bar::new();
            let report = build(&renderer, &options, &bar);
            bar.finish();
            for path in &report.written {
                println!("wrote {}", path.display());
            }
            for problem in &report.problems {
                eprintln!("{problem}");
            }
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            for failure in &report.failures {
                eprintln!("error: {failure}");
            }
            if report.failed() {
                eprintln!("build failed: {} file(s) written", report.written.len());
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check {
            input,
            strict,
            font_paths,
        } => {
            let fonts = match FontSet::load(&font_paths) {
                Ok(fonts) => fonts,
                Err(err) => {
                    eprintln!("error: {err}");
                    return ExitCode::FAILURE;
                }
            };
            let covers = |c: char| fonts.covers(c);
            let checks = Checks {
                covers: Some(&covers),
                strict,
            };
            let loaded = model::load_tree_with(&input.sheets, &checks);
            report_problems(&loaded);
            let divisions: usize = loaded.wards.iter().map(|w| w.divisions.len()).sum();
            let errors = loaded.errors().count();
            let warnings = loaded.problems.len() - errors;
            eprintln!(
                "checked {} ward(s), {divisions} sound division(s): {errors} error(s), {warnings} warning(s)",
                loaded.wards.len()
            );
            if errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Data { input, division } => {
            let loaded = model::load_tree(&input.sheets);
            report_problems(&loaded);
            match data_json(&loaded, division.as_deref()) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn report_problems(loaded: &Loaded) {
    let mut problems: Vec<_> = loaded.problems.iter().collect();
    problems.sort_by_key(|p| p.severity == Severity::Warning);
    for problem in problems {
        eprintln!("{problem}");
    }
}

fn data_json(loaded: &Loaded, division: Option<&str>) -> Result<String, String> {
    match division {
        Some(name) => {
            for ward in &loaded.wards {
                if let Some(d) = ward.divisions.iter().find(|d| d.division == name) {
                    let edition = Edition::of(ward).map_err(|e| e.to_string())?;
                    return json(&SheetData::new(&edition, ward, d));
                }
            }
            Err(format!("no sound division named {name}"))
        }
        None => match loaded.wards.as_slice() {
            [ward] => {
                let edition = Edition::of(ward).map_err(|e| e.to_string())?;
                json(&VolumeData::new(&edition, ward))
            }
            [] => Err("no sound ward".to_string()),
            _ => Err("more than one ward: point --sheets at one ward folder".to_string()),
        },
    }
}

fn json(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

/// A progress bar on stderr for builds that take more than about a second; nothing when
/// stderr is not a terminal (a log file, a pipe, CI).
struct Bar {
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
            terminal: std::io::stderr().is_terminal(),
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
