//! The command line: `mokuhyo build`, `check`, `data`, `new`, `import`, `export`, `schema`,
//! `watch`, `completions`.

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mokuhyo::build::{BuildOptions, BuildReport, Progress, build};
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
    after_help = "Examples:\n  mokuhyo build                                  # sheets/ → output/\n  mokuhyo build --division 地域課                  # one division only\n  mokuhyo check --sheets sheets/higashi-r5\n  mokuhyo new sheets/nishi-r7 企画課               # a division file to fill in\n  mokuhyo import 西区.xlsx --out sheets/nishi-r7    # Excel → division files\n  mokuhyo export --format xlsx --out 東区.xlsx      # every sheet as one table\n  mokuhyo watch                                  # rebuild on every save"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes every division's PDF and each ward's volume.
    #[command(
        after_help = "Examples:\n  mokuhyo build                                   # sheets/ → output/\n  mokuhyo build --sheets sheets/higashi-r5 --division 地域課\n  mokuhyo build --pdf-standard a-2b --out archive  # PDF/A for the archive\n  mokuhyo build --font-path gaiji-fonts           # a folder of fonts for rare characters"
    )]
    Build {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        target: Target,
        /// A PDF standard to conform to: a-2b, a-2u, ua-1, … (repeat to combine).
        #[arg(long = "pdf-standard", value_name = "NAME", value_parser = parse_standard)]
        pdf_standards: Vec<typst_pdf::PdfStandard>,
        /// Leave out the tags (structure for screen readers): smaller files.
        #[arg(long)]
        untagged: bool,
        /// Characters no font can draw are errors (their division is not built), not warnings.
        #[arg(long)]
        strict: bool,
        /// How many PDFs to compile at once (default: one more than there are cores; at most 64).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        #[command(flatten)]
        resources: ResourceArgs,
    },
    /// Checks every file and prints every problem; exits 1 if there is an error.
    #[command(
        after_help = "Examples:\n  mokuhyo check\n  mokuhyo check --sheets sheets/higashi-r5 --strict   # characters no font has are errors"
    )]
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
    #[command(
        after_help = "Examples:\n  mokuhyo data --sheets sheets/higashi-r5 > volume.json\n  mokuhyo data --sheets sheets/higashi-r5 --division 地域課 > data.json\n  typst compile --root . --font-path fonts --input data=/data.json templates/sheet.typ"
    )]
    Data {
        #[command(flatten)]
        input: Input,
        /// One division's sheet data instead of the ward's volume data.
        #[arg(long, value_name = "NAME")]
        division: Option<String>,
    },
    /// Writes a division file to fill in (five goal slots, a comment on every key), and the
    /// ward's ward.toml when the ward folder is new.
    #[command(
        after_help = "Examples:\n  mokuhyo new sheets/higashi-r5 広報課\n  mokuhyo new sheets/nishi-r7 企画課 --ward 西区 --fiscal-year 2025"
    )]
    New {
        /// The ward's folder (made when it does not exist).
        ward_dir: PathBuf,
        /// The division's name (課).
        division: String,
        /// The department (部); the ward's name when not given.
        #[arg(long)]
        department: Option<String>,
        /// Its place in the volume; after the last division when not given.
        #[arg(long)]
        order: Option<u32>,
        /// For a new ward folder: the ward's name (the folder's name when not given).
        #[arg(long)]
        ward: Option<String>,
        /// For a new ward folder: the fiscal year (西暦); this fiscal year when not given.
        #[arg(long, value_name = "YEAR")]
        fiscal_year: Option<i32>,
    },
    /// Reads a table (xlsx or csv, one row per indicator) into division files.
    #[command(
        after_help = "The table has a header row naming its columns, in any order:\n  区 年度 順 部 課 施策指標 No. 組織目標 位置づけ 取組名称 概要 取組指標 目標 結果 評価 目標達成状況 今後の方針\n(課, No. and 組織目標 are required). Rows of the same 課 and No. are one goal; an empty cell\ncontinues the row above, as merged cells come out of Excel.\n\nExamples:\n  mokuhyo import 東区.xlsx --out sheets/higashi-r5\n  mokuhyo import city.csv --out sheets            # several 区: a folder per ward"
    )]
    Import {
        /// The table: .xlsx (.xlsm, .xls, .ods), .csv (UTF-8 or Shift_JIS) or .json.
        file: PathBuf,
        /// The ward folder to write into; for a table of several wards, the folder of ward folders.
        #[arg(long)]
        out: PathBuf,
        /// Replace division files that exist already.
        #[arg(long)]
        force: bool,
    },
    /// Writes every sheet of the ward (or city) as one flat table, one row per indicator.
    #[command(
        after_help = "Examples:\n  mokuhyo export --format xlsx --out 東区.xlsx\n  mokuhyo export --sheets sheets --format csv --out city.csv   # CSV is UTF-8 with BOM for Excel\n  mokuhyo export --format json                               # to stdout"
    )]
    Export {
        #[command(flatten)]
        input: Input,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// The file to write; standard output when not given (csv and json only).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes the JSON Schemas of ward.toml and of division files (for editors' TOML support).
    #[command(
        after_help = "Examples:\n  mokuhyo schema                 # schema/ward.schema.json, schema/division.schema.json\n  mokuhyo schema --out ../schema"
    )]
    Schema {
        /// The folder to write ward.schema.json and division.schema.json into.
        #[arg(long, default_value = "schema")]
        out: PathBuf,
    },
    /// Builds, then rebuilds what changed whenever a sheet or template is saved.
    #[command(
        after_help = "Examples:\n  mokuhyo watch\n  mokuhyo watch --sheets sheets/higashi-r5 --templates my-templates"
    )]
    Watch {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        resources: ResourceArgs,
    },
    /// Prints a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  mokuhyo completions bash > ~/.local/share/bash-completion/completions/mokuhyo\n  mokuhyo completions powershell >> $PROFILE"
    )]
    Completions { shell: clap_complete::Shell },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Xlsx,
    Json,
}

#[derive(Args)]
struct Input {
    /// The sheets: a folder of ward folders, or one ward folder (with ward.toml).
    #[arg(long, default_value = "sheets")]
    sheets: PathBuf,
}

/// What `build` and `watch` write, and where.
#[derive(Args)]
struct Target {
    /// Where the PDFs go: OUT/<ward folder>/…
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Only this division (by 課 name); repeat for more. No volume is written then.
    #[arg(long = "division", value_name = "NAME")]
    divisions: Vec<String>,
}

#[derive(Args)]
struct ResourceArgs {
    /// A folder of more fonts (searched after the embedded ones); repeat for more.
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
    /// A folder of templates that replace the embedded ones by file name (sheet.typ, …).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// How many seconds one PDF may take to compile before it is given up (a template that
    /// loops without end).
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    timeout: Duration,
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 86_400.0 => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(format!(
            "`{text}` is not a number of seconds from 0 to 86400"
        )),
    }
}

impl From<ResourceArgs> for Resources {
    fn from(args: ResourceArgs) -> Self {
        Resources {
            font_paths: args.font_paths,
            templates: args.templates,
            timeout: Some(args.timeout),
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            input,
            target,
            pdf_standards,
            untagged,
            strict,
            jobs,
            resources,
        } => {
            let resources = Resources::from(resources);
            let pdf = match PdfSettings::new(&pdf_standards, !untagged) {
                Ok(pdf) => pdf,
                Err(err) => return fail(err),
            };
            let renderer = match Renderer::new(&resources) {
                Ok(renderer) => renderer,
                Err(err) => return fail(err),
            };
            let options = BuildOptions {
                sheets: input.sheets,
                out: target.out,
                only: target.divisions,
                pdf,
                strict,
                jobs,
            };
            if jobs.is_some() {
                // typst's own parallel parts (rayon) get no more threads than that either.
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(mokuhyo::build::threads(jobs))
                    .build_global();
            }
            let bar = Bar::new();
            let report = build(&renderer, &options, &bar);
            bar.finish();
            for path in &report.written {
                println!("wrote {}", path.display());
            }
            for path in &report.removed {
                println!("removed {} (stale: from an earlier build)", path.display());
            }
            print_problems(&report);
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
                Err(err) => return fail(err),
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
        Command::New {
            ward_dir,
            division,
            department,
            order,
            ward,
            fiscal_year,
        } => new_division(ward_dir, division, department, order, ward, fiscal_year),
        Command::Import { file, out, force } => import(&file, &out, force),
        Command::Export { input, format, out } => export(&input.sheets, format, out.as_deref()),
        Command::Schema { out } => match mokuhyo::scaffold::write_schemas(&out) {
            Ok(files) => {
                for file in files {
                    println!("wrote {}", file.display());
                }
                ExitCode::SUCCESS
            }
            Err(err) => fail(err),
        },
        Command::Watch {
            input,
            target,
            resources,
        } => {
            let resources = Resources::from(resources);
            let mut options = BuildOptions::new(input.sheets, target.out);
            options.only = target.divisions;
            eprintln!(
                "watching {}: the PDFs are rebuilt whenever a file is saved (Ctrl+C to stop)",
                options.sheets.display()
            );
            let report = |report: &BuildReport, took: Duration| {
                print_problems(report);
                println!(
                    "[{}] built {} PDF(s) in {:.2} s{}",
                    chrono::Local::now().format("%H:%M:%S"),
                    report.written.len(),
                    took.as_secs_f64(),
                    if report.failed() { ", with errors" } else { "" }
                );
            };
            match mokuhyo::watch::watch(&resources, &options, &report) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => fail(err),
            }
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "mokuhyo",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Data { input, division } => {
            let loaded = model::load_tree(&input.sheets);
            report_problems(&loaded);
            match data_json(&loaded, division.as_deref()) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(err) => fail(err),
            }
        }
    }
}

/// What went wrong in a build, and what typst warned about, on stderr.
fn print_problems(report: &BuildReport) {
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
}

fn fail(err: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {err}");
    ExitCode::FAILURE
}

fn new_division(
    ward_dir: PathBuf,
    division: String,
    department: Option<String>,
    order: Option<u32>,
    ward: Option<String>,
    fiscal_year: Option<i32>,
) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let request = mokuhyo::scaffold::NewDivision {
        ward_dir,
        division,
        department,
        order,
        ward,
        fiscal_year: fiscal_year.unwrap_or_else(|| mokuhyo::era::fiscal_year_of(today)),
        schema_dir: PathBuf::from("schema"),
    };
    match mokuhyo::scaffold::new_division(&request) {
        Ok(done) => {
            for file in done.files {
                println!("wrote {}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(err) => fail(err),
    }
}

fn import(file: &Path, out: &Path, force: bool) -> ExitCode {
    match mokuhyo::import::import(file, out, force) {
        Ok(done) => {
            for path in &done.written {
                println!("wrote {}", path.display());
            }
            for unplaced in &done.unplaced {
                eprintln!("{}: {unplaced}", file.display());
            }
            for problem in &done.problems {
                eprintln!("{problem}");
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
                eprintln!(
                    "imported nothing: {rows} row(s) not placed, {} other problem(s); no file was written",
                    files.saturating_sub(1)
                );
            } else {
                eprintln!(
                    "imported {} division(s); {rows} row(s) not placed; {}{errors} error(s) in the files written",
                    done.divisions,
                    if files > 0 {
                        format!("{files} file(s) not written; ")
                    } else {
                        String::new()
                    }
                );
            }
            if done.unplaced.is_empty() && errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(err) => fail(err),
    }
}

fn export(sheets: &Path, format: Format, out: Option<&Path>) -> ExitCode {
    let loaded = model::load_tree(sheets);
    report_problems(&loaded);
    if loaded.wards.is_empty() {
        return fail("no sound ward to export");
    }
    let rows = mokuhyo::table::rows(&loaded.wards);
    let bytes = match format {
        Format::Csv => mokuhyo::table::to_csv(&rows),
        Format::Xlsx => mokuhyo::table::to_xlsx(&rows),
        Format::Json => mokuhyo::table::to_json(&rows),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(err) => return fail(err),
    };
    match out {
        Some(path) => {
            if let Err(err) = mokuhyo::output::write_atomic(path, &bytes) {
                return fail(format!("cannot write {}: {err}", path.display()));
            }
            eprintln!("wrote {} ({} rows)", path.display(), rows.len());
        }
        None if matches!(format, Format::Xlsx) => {
            return fail("an xlsx workbook is not printed: give --out FILE.xlsx");
        }
        None => {
            use std::io::Write;
            if let Err(err) = std::io::stdout().write_all(&bytes) {
                return fail(err);
            }
        }
    }
    if loaded.has_errors() {
        eprintln!("error: files with errors were left out of the table");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
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
                if let Some(d) = ward.divisions.iter().find(|d| d.name == name) {
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
