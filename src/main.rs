//! `mokuhyo`: one function per command, each calling the library and printing what it returns.
//! The exit status is decided once, in `main`, from what the command says: done, or problems
//! found (status 1), or an error that stopped it (status 1, with the error).

mod cli;

use cli::{Cli, Command, Format, Input, ResourceArgs, Target};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mokuhyo::locale::{self, Lang};
use mokuhyo::pdf::build::{BuildOptions, BuildReport, Progress, build};
use mokuhyo::pdf::data::{Edition, SheetData, VolumeData};
use mokuhyo::pdf::fonts::FontSet;
use mokuhyo::pdf::render::{PdfSettings, Renderer, Resources};
use mokuhyo::sheet::model::{self, Checks, Loaded, Severity};
use mokuhyo::{errln, outln, t};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

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
/// [`mokuhyo::error::Error`], or the command line's own words).
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
    let found_in_input = match error.downcast_ref::<mokuhyo::error::Error>() {
        Some(error) => error.found_in_input(),
        None => error.is::<AfterProblems>(),
    };
    if found_in_input {
        PROBLEMS_FOUND
    } else {
        COULD_NOT_RUN
    }
}

/// The sheets folder a command reads can be listed: a missing one is said in our words and
/// stops the command before it starts, rather than as a problem of the sheets.
fn sheets_folder_readable(sheets: &Path) -> Result<(), mokuhyo::error::Error> {
    match std::fs::read_dir(sheets) {
        Ok(_) => Ok(()),
        Err(source) => Err(mokuhyo::error::Error::SheetsFolder {
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
        Command::Build {
            input,
            target,
            pdf_standards,
            untagged,
            strict,
            jobs,
            resources,
        } => build_command(
            input,
            target,
            &pdf_standards,
            untagged,
            strict,
            jobs,
            resources,
        ),
        Command::Check {
            input,
            strict,
            font_paths,
        } => check(&input.sheets, strict, &font_paths),
        Command::Data { input, division } => data(&input.sheets, division.as_deref()),
        Command::New {
            ward_dir,
            division,
            department,
            order,
            ward,
            fiscal_year,
        } => new_division(ward_dir, division, department, order, ward, fiscal_year),
        Command::Import { file, out, force } => import(&file, &out, force),
        Command::Export {
            input,
            format,
            out,
            divisions,
            force,
            blank,
            summary,
        } => {
            let only = Only {
                divisions,
                blank,
                summary,
            };
            export(&input.sheets, format, out.as_deref(), &only, force)
        }
        Command::Schema { out } => schema(&out),
        Command::NextYear {
            ward_dir,
            out,
            created,
            clear_targets,
        } => next_year(mokuhyo::sheet::next_year::NextYear {
            from: ward_dir,
            to: out,
            created,
            clear_targets,
        }),
        Command::Watch {
            input,
            target,
            resources,
        } => watch(input, target, resources),
        Command::Serve {
            input,
            out,
            listen,
            hosts,
            log,
            open,
            users,
            tls_cert,
            tls_key,
            resources,
        } => serve(
            input,
            out,
            (listen, hosts, log),
            open,
            (users, tls_cert.zip(tls_key)),
            resources,
        ),
        Command::User { action } => user(action),
        Command::Completions { shell } => completions(shell),
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

fn build_command(
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

fn check(sheets: &Path, strict: bool, font_paths: &[PathBuf]) -> Outcome {
    let fonts = FontSet::load(font_paths)?;
    let covers = |c: char| fonts.covers(c);
    let checks = Checks {
        covers: Some(&covers),
        strict,
    };
    let loaded = model::load_tree_with(sheets, &checks);
    report_problems(&loaded);
    let divisions: usize = loaded.wards.iter().map(|w| w.divisions.len()).sum();
    let errors = loaded.errors().count();
    let warnings = loaded.problems.len() - errors;
    errln!(
        "{}",
        t!(
            "check-summary",
            wards = loaded.wards.len(),
            divisions = divisions,
            errors = errors,
            warnings = warnings
        )
    );
    Ok(Status::problems_if(errors > 0))
}

/// Prints the JSON a template receives: one division's sheet, or the one ward's volume.
fn data(sheets: &Path, division: Option<&str>) -> Outcome {
    let loaded = model::load_tree(sheets);
    report_problems(&loaded);
    let json = match division {
        Some(name) => {
            let (ward, division) = loaded
                .find_division(name)
                .ok_or_else(|| t!("no-sound-division", name = name))?;
            let edition = Edition::of(ward)?;
            json(&SheetData::new(&edition, ward, division))?
        }
        None => match loaded.wards.as_slice() {
            [ward] => {
                let edition = Edition::of(ward)?;
                json(&VolumeData::new(&edition, ward))?
            }
            [] => return Err(AfterProblems(t!("no-sound-ward")).into()),
            _ => return Err(t!("more-than-one-ward").into()),
        },
    };
    outln!("{json}");
    Ok(Status::Done)
}

fn json(value: &impl serde::Serialize) -> serde_json::Result<String> {
    serde_json::to_string_pretty(value)
}

fn new_division(
    ward_dir: PathBuf,
    division: String,
    department: Option<String>,
    order: Option<u32>,
    ward: Option<String>,
    fiscal_year: Option<i32>,
) -> Outcome {
    let request = mokuhyo::sheet::scaffold::NewDivision {
        ward_dir,
        division,
        department,
        order,
        ward,
        fiscal_year,
        schema_dir: PathBuf::from("schema"),
    };
    let done = mokuhyo::sheet::scaffold::new_division(&request)?;
    if let Some(name) = &done.guessed.ward {
        errln!("{}", t!("new-guessed-ward", name = name.as_str()));
    }
    if let Some(year) = done.guessed.fiscal_year {
        let label = mokuhyo::sheet::era::fiscal_year_label(year).unwrap_or_default();
        errln!("{}", t!("new-guessed-year", year = year, label = label));
    }
    for file in done.files {
        outln!("{}", t!("wrote", path = shown(&file)));
    }
    Ok(Status::Done)
}

fn import(file: &Path, out: &Path, force: bool) -> Outcome {
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
    for unplaced in &done.unplaced {
        errln!("{}: {unplaced}", file.display());
    }
    for problem in &done.problems {
        errln!("{problem}");
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
                rows = rows,
                files = files,
                errors = errors
            )
        );
    }
    Ok(Status::problems_if(!done.unplaced.is_empty() || errors > 0))
}

/// What of the sheets `export` writes: only the divisions named (all when none is), and for
/// the form, blank goal rows.
struct Only {
    divisions: Vec<String>,
    blank: bool,
    /// The evaluation summary instead of the sheets.
    summary: bool,
}

fn export(sheets: &Path, format: Format, out: Option<&Path>, only: &Only, force: bool) -> Outcome {
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
                .map_err(|err| mokuhyo::error::Error::write(path, err))?;
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
fn export_bytes(
    wards: &[model::Ward],
    format: Format,
    only: &Only,
    notes: &[model::Problem],
) -> Result<(Vec<u8>, (&'static str, usize)), mokuhyo::error::Error> {
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
fn only_divisions(wards: &[model::Ward], names: &[String]) -> Vec<model::Ward> {
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

fn next_year(request: mokuhyo::sheet::next_year::NextYear) -> Outcome {
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

fn schema(out: &Path) -> Outcome {
    for file in mokuhyo::sheet::scaffold::write_schemas(out)? {
        outln!("{}", t!("wrote", path = shown(&file)));
    }
    Ok(Status::Done)
}

fn watch(input: Input, target: Target, resources: ResourceArgs) -> Outcome {
    let resources = Resources::from(resources);
    let mut options = BuildOptions::new(input.sheets, target.out);
    options.only = target.divisions;
    options.no_stamps = target.no_stamps;
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

fn serve(
    input: Input,
    out: PathBuf,
    (listen, mut hosts, log): (cli::Listen, Vec<String>, Option<PathBuf>),
    open: bool,
    (users, tls): (Option<PathBuf>, Option<(PathBuf, PathBuf)>),
    resources: ResourceArgs,
) -> Outcome {
    let clear_text = tls.is_none() && !listen.addr.ip().is_loopback();
    // The name listened on is one the server is reached by.
    hosts.extend(listen.name);
    let options = mokuhyo::serve::ServeOptions {
        sheets: input.sheets,
        out,
        listen: listen.addr,
        lang: locale::current(),
        users,
        tls,
        hosts,
        log,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    let server = mokuhyo::serve::start(&options, &Resources::from(resources))?;
    if clear_text {
        errln!("{}: {}", t!("severity-warning"), t!("serve-clear-text"));
    }
    let url = server.url();
    outln!("{}", t!("serve-listening", url = url.as_str()));
    if open {
        open_browser(&url);
    }
    server.wait();
    errln!("{}", t!("serve-stopped"));
    Ok(Status::Done)
}

/// Opens `url` in the system's browser; if that fails, the printed address is there to open.
fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

fn user(action: cli::UserAction) -> Outcome {
    use cli::UserAction;
    use mokuhyo::serve::users::{Access, Lockouts, Users, check_divisions};
    // Each change: the file read, changed and written back whole holding its lock, and said.
    let change = |path: &std::path::Path,
                  done: &str,
                  name: &str,
                  edit: &dyn Fn(&mut Users) -> Result<(), mokuhyo::error::Error>|
     -> Outcome {
        Users::change(path, edit)?;
        outln!("{}", t!(done, name = shown_text(name), path = shown(path)));
        Ok(Status::Done)
    };
    match action {
        UserAction::Add {
            file,
            name,
            divisions,
            all,
            password_stdin,
            input,
            force,
        } => {
            if !all && !force {
                check_divisions(&input.sheets, &divisions)?;
            }
            let password = password(password_stdin)?;
            let access = if all {
                Access::All
            } else {
                Access::Divisions(divisions)
            };
            let add = |users: &mut Users| users.add(&name, &password, access.clone());
            change(&file.users, "user-added", &name, &add)
        }
        UserAction::Remove { file, name } => change(&file.users, "user-removed", &name, &|users| {
            users.remove(&name)
        }),
        UserAction::Passwd {
            file,
            name,
            password_stdin,
        } => {
            // Asked for only for an account that is there.
            if Users::load(&file.users)?.find(&name).is_none() {
                return Err(mokuhyo::error::Error::NoSuchUser { name }.into());
            }
            let password = password(password_stdin)?;
            let set = |users: &mut Users| users.set_password(&name, &password);
            change(&file.users, "user-password-set", &name, &set)
        }
        UserAction::List { file } => {
            let (users, warnings) = Users::read(&file.users)?;
            for warning in warnings {
                errln!("{warning}");
            }
            if users.users.is_empty() {
                outln!("{}", t!("user-none", path = shown(&file.users)));
            }
            for user in &users.users {
                let access = match user.access() {
                    Access::All => t!("user-all"),
                    Access::Divisions(divisions) => shown_text(&divisions.join("、")),
                };
                outln!("{}\t{access}", shown_text(&user.name));
            }
            Ok(Status::Done)
        }
        UserAction::Unlock { file, name } => {
            let done = match Lockouts::unlock(&file.users, &name)? {
                true => "user-unlocked",
                false => "user-not-locked",
            };
            outln!(
                "{}",
                t!(done, name = shown_text(&name), path = shown(&file.users))
            );
            Ok(Status::Done)
        }
    }
}

/// A new password: a line of standard input, or typed twice without echo.
fn password(from_stdin: bool) -> Result<String, mokuhyo::error::Error> {
    use mokuhyo::error::Error;
    let no_password = |err: std::io::Error| Error::NoPassword {
        reason: mokuhyo::error::io(&err),
    };
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(no_password)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    // The question in the terminal's encoding; the answer read from the terminal unseen.
    let ask = |id: &str| {
        mokuhyo::console::write_stderr(&t!(id));
        rpassword::read_password().map_err(no_password)
    };
    let first = ask("user-password")?;
    let second = ask("user-password-again")?;
    if first != second {
        return Err(Error::PasswordsDiffer);
    }
    Ok(first)
}

fn completions(shell: clap_complete::Shell) -> Outcome {
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

/// What went wrong in a build, and what typst warned about, on stderr.
fn print_problems(report: &BuildReport) {
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
