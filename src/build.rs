//! `build`: every ward's division sheets and volume, written under the output folder.
//!
//! Layout of the output: `OUT/<ward folder>/01_地域課.pdf`, … one per division, named by
//! `order` and division, and `OUT/<ward folder>/東区_令和５年度_組織目標管理シート.pdf`, the
//! volume. A division that fails is reported and skipped, the others are still written, and
//! the build fails. The ward's volume is still written, with every good division, and marked
//! 未完成 (incomplete) on its cover and contents, which list the files left out and why: so
//! no volume silently lacks a division, and no stale volume of an earlier build is left behind.
//!
//! Every PDF of every ward is one job, and the jobs run in parallel on all cores (rayon; at
//! most `jobs` at once), largest first: the volumes, then the sheets. A volume is compiled
//! while its ward's sheets are, on the likely guess that they all render; in the rare case
//! that one does not, the volume is compiled again without it once the sheets are done. The
//! renderer (fonts, templates) is shared by all jobs; typst's memo cache is evicted as the
//! jobs go, so memory stays flat however many divisions a city has.

use crate::data::{Edition, Missing, SheetData, VolumeData};
use crate::model::Division;
use crate::model::{self, Checks, Problem, Severity, Ward};
use crate::output::{safe_component, write_atomic};
use crate::render::{PdfSettings, Rendered, Renderer};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct BuildOptions {
    pub sheets: PathBuf,
    pub out: PathBuf,
    /// Build only these divisions (by name); no volume is written then.
    pub only: Vec<String>,
    pub pdf: PdfSettings,
    /// Characters no font can draw are errors (the division is not built), not warnings.
    pub strict: bool,
    /// How many PDFs to compile at once; all cores when `None`.
    pub jobs: Option<usize>,
}

impl BuildOptions {
    /// Every division and volume of `sheets` into `out`, as tagged PDF.
    pub fn new(sheets: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Self {
            sheets: sheets.into(),
            out: out.into(),
            only: Vec::new(),
            pdf: PdfSettings::default(),
            strict: false,
            jobs: None,
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Every file written, in order.
    pub written: Vec<PathBuf>,
    /// Problems in the input (errors and warnings).
    pub problems: Vec<Problem>,
    /// Everything else that went wrong: a template error, a file that could not be written.
    pub failures: Vec<String>,
    /// Warnings from typst while compiling.
    pub warnings: Vec<String>,
}

impl BuildReport {
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// The folder a ward's PDFs go to: named after its folder in `sheets/`.
pub fn ward_out_dir(out: &Path, ward: &Ward) -> PathBuf {
    let name = std::fs::canonicalize(&ward.dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| ward.ward.clone());
    out.join(safe_component(&name))
}

/// `01_地域課.pdf`: the order (at least two digits) and the division's name.
pub fn division_file_name(order: u32, division: &str) -> String {
    safe_component(&format!("{order:02}_{division}.pdf"))
}

/// `東区_令和５年度_組織目標管理シート.pdf`.
pub fn volume_file_name(edition: &Edition) -> String {
    safe_component(&format!(
        "{}_{}_組織目標管理シート.pdf",
        edition.ward, edition.fiscal_year
    ))
}

/// Told how a build goes, from any of its threads.
pub trait Progress: Sync {
    /// The build will write `total` PDFs.
    fn start(&self, _total: usize) {}
    /// One PDF is written.
    fn wrote(&self, _path: &Path) {}
}

/// No progress to tell.
impl Progress for () {}

/// Builds every ward under `options.sheets`; `progress` is told of each PDF as it is written.
/// The report lists them in ward and volume order, whatever order they were finished in.
pub fn build(renderer: &Renderer, options: &BuildOptions, progress: &dyn Progress) -> BuildReport {
    let covers = |c: char| renderer.fonts().covers(c);
    let checks = Checks {
        covers: Some(&covers),
        strict: options.strict,
    };
    let loaded = model::load_tree_with(&options.sheets, &checks);
    let mut report = BuildReport {
        problems: loaded.problems,
        ..Default::default()
    };
    for name in &options.only {
        let found = loaded
            .wards
            .iter()
            .any(|w| w.divisions.iter().any(|d| &d.division == name));
        if !found {
            report
                .failures
                .push(format!("--division {name}: no division of that name"));
        }
    }

    let plans: Vec<WardPlan> = loaded
        .wards
        .iter()
        .filter_map(|ward| WardPlan::new(ward, options, &mut report))
        .collect();
    let mut jobs: Vec<Job> = Vec::new();
    if options.only.is_empty() {
        jobs.extend((0..plans.len()).map(Job::Volume));
    }
    for (w, plan) in plans.iter().enumerate() {
        jobs.extend(
            plan.divisions
                .iter()
                .map(|&division| Job::Sheet(w, division)),
        );
    }
    // Largest first, so that no core is left with a long job at the end.
    jobs.sort_by_key(|job| std::cmp::Reverse(job.weight(&plans)));
    progress.start(jobs.len());

    let finished = AtomicUsize::new(0);
    let run = |job: &Job| {
        let outcome = job.run(renderer, options, &plans, progress);
        // Drop what typst memoized for documents long done, every few documents.
        if finished.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(EVICT_AGE);
        }
        outcome
    };
    let outcomes: Vec<Outcome> = match options.jobs {
        None => jobs.par_iter().map(run).collect(),
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(|| jobs.par_iter().map(run).collect()),
            Err(err) => {
                report.failures.push(format!("--jobs {n}: {err}"));
                return report;
            }
        },
    };

    // The report, in order: per ward its sheets, then its volume.
    let mut volumes: Vec<Option<Outcome>> = plans.iter().map(|_| None).collect();
    let mut sheets: Vec<Vec<(usize, Outcome)>> = plans.iter().map(|_| Vec::new()).collect();
    for (job, outcome) in jobs.iter().zip(outcomes) {
        match *job {
            Job::Volume(w) => volumes[w] = Some(outcome),
            Job::Sheet(w, d) => sheets[w].push((d, outcome)),
        }
    }
    for ((plan, mut sheets), volume) in plans.iter().zip(sheets).zip(volumes) {
        sheets.sort_by_key(|(d, _)| plan.ward.divisions[*d].order);
        let mut render_failures = Vec::new();
        for (d, outcome) in sheets {
            let division = &plan.ward.divisions[d];
            match outcome {
                Outcome::Written(rendered, warnings) => {
                    report.warnings.extend(warnings);
                    if let Some(note) = overflow_note(&rendered) {
                        report.warnings.push(format!(
                            "{}: {} {note}",
                            division.file.display(),
                            division.division
                        ));
                    }
                    report.written.push(plan.sheet_path(division));
                }
                Outcome::Failed(err) => {
                    report
                        .failures
                        .push(format!("{}: {err}", division.file.display()));
                    let mut entry = missing_file(&division.file, &[]);
                    entry.problems = err.lines().take(MISSING_LINES).map(String::from).collect();
                    render_failures.push(entry);
                }
                Outcome::Compiled(..) => unreachable!("sheets are written as they are compiled"),
            }
        }
        if let Some(volume) = volume {
            finish_volume(
                renderer,
                options,
                plan,
                volume,
                render_failures,
                &mut report,
                progress,
            );
        }
    }
    report
}

/// How often (in documents finished) and how hard typst's memo cache is evicted: results
/// not used in the last `EVICT_AGE` evictions go.
const EVICT_EVERY: usize = 8;
const EVICT_AGE: usize = 2;

/// What one ward's build needs: its edition, its output folder and the divisions selected.
struct WardPlan<'a> {
    ward: &'a Ward,
    edition: Edition,
    dir: PathBuf,
    /// Indices into `ward.divisions`.
    divisions: Vec<usize>,
    /// The files left out of the volume because they have errors.
    missing: Vec<Missing>,
}

impl<'a> WardPlan<'a> {
    /// The plan for `ward`, or `None` (with the failure reported) when it has nothing to build.
    fn new(ward: &'a Ward, options: &BuildOptions, report: &mut BuildReport) -> Option<Self> {
        let edition = match Edition::of(ward) {
            Ok(edition) => edition,
            Err(err) => {
                report
                    .failures
                    .push(format!("{}: {err}", ward.dir.display()));
                return None;
            }
        };
        let selected = |d: &Division| options.only.is_empty() || options.only.contains(&d.division);
        let divisions: Vec<usize> = (0..ward.divisions.len())
            .filter(|&i| selected(&ward.divisions[i]))
            .collect();
        if divisions.is_empty() && !options.only.is_empty() {
            return None;
        }
        let dir = ward_out_dir(&options.out, ward);
        if let Err(err) = std::fs::create_dir_all(&dir) {
            report
                .failures
                .push(format!("cannot create {}: {err}", dir.display()));
            return None;
        }
        let missing = ward
            .failed
            .iter()
            .map(|file| missing_file(file, &report.problems))
            .collect();
        Some(Self {
            ward,
            edition,
            dir,
            divisions,
            missing,
        })
    }

    fn date(&self) -> chrono::NaiveDate {
        self.ward.evaluated.unwrap_or(self.ward.created)
    }

    fn sheet_path(&self, division: &Division) -> PathBuf {
        self.dir
            .join(division_file_name(division.order, &division.division))
    }

    fn sheet_target(&self, division: &Division) -> Target {
        Target {
            template: "sheet.typ",
            ident: format!(
                "mokuhyo/{}/{}/{}",
                self.ward.ward, self.ward.fiscal_year, division.division
            ),
            path: self.sheet_path(division),
        }
    }

    fn volume_target(&self) -> Target {
        Target {
            template: "volume.typ",
            ident: format!("mokuhyo/{}/{}", self.ward.ward, self.ward.fiscal_year),
            path: self.dir.join(volume_file_name(&self.edition)),
        }
    }

    /// The volume's data: every division but those in `left_out` (file names), marked with
    /// the files missing.
    fn volume_data(&self, missing: Vec<Missing>) -> VolumeData<'_> {
        let left_out: Vec<String> = missing.iter().map(|m| m.file.clone()).collect();
        VolumeData::partial(
            &self.edition,
            self.ward,
            move |d| !left_out.contains(&file_name(&d.file)),
            missing,
        )
    }
}

/// One PDF to make: a ward's volume, or a division's sheet (ward, division index).
#[derive(Clone, Copy)]
enum Job {
    Volume(usize),
    Sheet(usize, usize),
}

/// What a job did. A sheet is written as soon as it is compiled; a volume is compiled and
/// written only once its ward's sheets are known to have rendered.
enum Outcome {
    Written(Rendered, Vec<String>),
    Compiled(Rendered, Vec<String>),
    Failed(String),
}

impl Job {
    /// Roughly how long the job takes: a volume as long as all its sheets.
    fn weight(&self, plans: &[WardPlan]) -> usize {
        match *self {
            Job::Volume(w) => plans[w].ward.divisions.len() + 2,
            Job::Sheet(..) => 1,
        }
    }

    fn run(
        &self,
        renderer: &Renderer,
        options: &BuildOptions,
        plans: &[WardPlan],
        progress: &dyn Progress,
    ) -> Outcome {
        match *self {
            Job::Volume(w) => {
                let plan = &plans[w];
                let data = plan.volume_data(plan.missing.clone());
                match compile(renderer, options, &plan.volume_target(), &data, plan.date()) {
                    Ok((rendered, warnings)) => Outcome::Compiled(rendered, warnings),
                    Err(err) => Outcome::Failed(err),
                }
            }
            Job::Sheet(w, d) => {
                let plan = &plans[w];
                let division = &plan.ward.divisions[d];
                let target = plan.sheet_target(division);
                let data = SheetData::new(&plan.edition, plan.ward, division);
                let written = compile(renderer, options, &target, &data, plan.date()).and_then(
                    |(mut rendered, warnings)| {
                        write(&target.path, &rendered.pdf)?;
                        rendered.pdf = Vec::new();
                        progress.wrote(&target.path);
                        Ok(Outcome::Written(rendered, warnings))
                    },
                );
                written.unwrap_or_else(Outcome::Failed)
            }
        }
    }
}

/// Writes a ward's volume: as compiled, or compiled again without the sheets that failed to
/// render (`render_failures`), marked incomplete.
fn finish_volume(
    renderer: &Renderer,
    options: &BuildOptions,
    plan: &WardPlan,
    volume: Outcome,
    render_failures: Vec<Missing>,
    report: &mut BuildReport,
    progress: &dyn Progress,
) {
    let target = plan.volume_target();
    let mut missing = plan.missing.clone();
    missing.extend(render_failures);
    let compiled = match volume {
        Outcome::Compiled(rendered, warnings) if missing.len() == plan.missing.len() => {
            Ok((rendered, warnings))
        }
        // A sheet failed to render: the volume is compiled again, without it.
        _ => compile(
            renderer,
            options,
            &target,
            &plan.volume_data(missing.clone()),
            plan.date(),
        ),
    };
    let written = compiled.and_then(|(rendered, warnings)| {
        write(&target.path, &rendered.pdf)?;
        Ok(warnings)
    });
    match written {
        Ok(warnings) => {
            report.warnings.extend(warnings);
            report.written.push(target.path.clone());
            progress.wrote(&target.path);
            if !missing.is_empty() {
                let files: Vec<&str> = missing.iter().map(|m| m.file.as_str()).collect();
                report.failures.push(format!(
                    "{}: written marked 未完成 (incomplete), without {}",
                    target.path.display(),
                    files.join(", ")
                ));
            }
        }
        Err(err) => report
            .failures
            .push(format!("{}: {err}", plan.ward.dir.display())),
    }
}

/// How many lines of problems a volume lists for each file it leaves out.
const MISSING_LINES: usize = 5;

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file left out of a volume, with its errors among `problems` (`8:10: message`).
fn missing_file(file: &Path, problems: &[Problem]) -> Missing {
    Missing {
        file: file_name(file),
        problems: problems
            .iter()
            .filter(|p| p.severity == Severity::Error && p.file == file)
            .take(MISSING_LINES)
            .map(|p| {
                let key = if p.key.is_empty() {
                    String::new()
                } else {
                    format!("`{}`: ", p.key)
                };
                format!("{}:{}: {key}{}", p.line, p.column, p.message)
            })
            .collect(),
    }
}

/// What to tell when a sheet does not fit on one page even at the smallest text size.
fn overflow_note(rendered: &Rendered) -> Option<String> {
    if rendered.pages <= 1 {
        return None;
    }
    let over = match rendered.goal_pages.iter().find(|(_, page)| *page > 1) {
        // The break falls before this goal, or inside the one before it.
        Some((no, _)) if *no > 1 => format!("goals No. {} and No. {no}", no - 1),
        Some((no, _)) => format!("goal No. {no}"),
        None => match rendered.goal_pages.last() {
            Some((no, _)) => format!("goal No. {no}"),
            None => "the sheet".to_string(),
        },
    };
    Some(format!(
        "does not fit on one page even at the smallest text size: it continues on {} pages, \
         breaking at {over}; shorten the text there",
        rendered.pages
    ))
}

/// One PDF to write: its template, its stable identifier (the PDF's /ID) and its path.
struct Target {
    template: &'static str,
    ident: String,
    path: PathBuf,
}

/// Compiles a target to PDF bytes; typst's warnings come with the path they are about.
fn compile(
    renderer: &Renderer,
    options: &BuildOptions,
    target: &Target,
    data: &impl serde::Serialize,
    date: chrono::NaiveDate,
) -> Result<(Rendered, Vec<String>), String> {
    let rendered = renderer.pdf(target.template, data, date, &target.ident, &options.pdf)?;
    let warnings = rendered
        .warnings
        .iter()
        .map(|w| format!("{}: {w}", target.path.display()))
        .collect();
    Ok((rendered, warnings))
}

fn write(path: &Path, pdf: &[u8]) -> Result<(), String> {
    write_atomic(path, pdf).map_err(|err| format!("cannot write {}: {err}", path.display()))
}
