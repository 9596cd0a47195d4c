//! `build`: every ward's division sheets and volume, written under the output folder.
//!
//! Layout of the output: `OUT/<ward folder>/01_地域課.pdf`, … one per division, named by
//! `order` and division, and `OUT/<ward folder>/東区_令和５年度_組織目標管理シート.pdf`, the
//! volume. A division that fails is reported and skipped, the others are still written, and
//! the build fails. The ward's volume is still written, with every good division, and marked
//! 未完成 (incomplete) on its cover and contents, which list the files left out and why: so
//! no volume silently lacks a division, and no stale volume of an earlier build is left behind.
//!
//! Each ward's volume is laid out once, and the sheets are cut out of it: a ward's first job
//! compiles its volume on the likely guess that every sheet fits on one page at full size;
//! then its export and one job per sheet follow. A sheet on one page of the volume is that
//! page, without the volume's page number, exported as a document of its own (byte for byte
//! what `sheet.typ` gives: tested); only a sheet that does not fit is compiled on its own, at
//! the largest text size at which it fits (typst's page count decides), and then the volume is
//! compiled again with that size. A volume that fails (a division's data breaks the template)
//! leaves every sheet to be compiled on its own, which tells the failing ones; the volume is
//! compiled again without them. With a `sheet.typ` or `volume.typ` of the user's, nothing is
//! cut: each sheet is compiled on its own.
//!
//! The jobs run on one thread more than there are cores (or `jobs`), ward by ward: a ward's jobs
//! are taken before the next ward is started, and the last of them writes its volume, so
//! only the wards in progress are held in memory. The renderer (fonts, templates) is shared
//! by all jobs; typst's memo cache is evicted as the jobs go, so memory stays flat however
//! many divisions a city has.

use super::Error;
use crate::output::{Claims, write_atomic};
use crate::pdf::data::{Missing, SheetData};
use crate::pdf::render::{Rendered, Renderer, SHEET_SIZES, SheetPages, cut_sheet, sheet_pages};
use crate::pdf::schedule;
use crate::sheet::model::{self, Checks, Ward};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use typst_layout::PagedDocument;

pub use super::fit::fit_sheet;
use super::fit::{about, breaks_at, compile};
pub use super::plan::{
    BuildOptions, division_file_name, pdf_ending, volume_file_name, ward_out_dir,
};
use super::plan::{MISSING_LINES, Target, WardPlan, edition_of_name, missing_file};
pub use crate::pdf::report::{BreakAt, BuildReport, Failure, Warning};

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
    if options.jobs.is_some() {
        // typst's own parallel parts (rayon's global pool) get no more threads than the jobs;
        // the pool is made once per process, by the first build that asks.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads(options.jobs))
            .build_global();
    }
    let covers = |c: char| renderer.fonts().covers(c);
    let checks = Checks {
        covers: Some(&covers),
        strict: options.strict,
    };
    let mut loaded = model::load_tree_with(&options.sheets, &checks);
    if let Some(root) = &options.within {
        keep_within(&mut loaded, root);
    }
    if options.no_stamps {
        for ward in &mut loaded.wards {
            ward.approval.clear();
            for division in &mut ward.divisions {
                division.approval = None;
            }
        }
    }
    let mut report = BuildReport {
        problems: std::mem::take(&mut loaded.problems),
        wards: loaded.wards.len(),
        ..Default::default()
    };
    for name in &options.only {
        if loaded.find_division(name).is_none() {
            let name = name.clone();
            report.failures.push(Failure::NoSuchDivision { name });
        }
    }
    let Some(plans) = plan_wards(&loaded.wards, options, &mut report) else {
        return report;
    };
    let wards = WardBuilds::new(renderer, options, plans, progress);
    progress.start(wards.files());
    schedule::run(&wards, threads(options.jobs));
    wards.report_into(&mut report);
    report
}

/// Leaves out of `loaded` the wards and division files, and their problems, whose real place
/// is not under `root` (itself with its links resolved).
fn keep_within(loaded: &mut model::Loaded, root: &Path) {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let inside =
        |path: &Path| std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(&root));
    loaded.wards.retain(|ward| inside(&ward.dir));
    for ward in &mut loaded.wards {
        ward.divisions.retain(|division| inside(&division.file));
        ward.failed.retain(|file| inside(file));
    }
    loaded.problems.retain(|problem| inside(&problem.file));
}

/// The plans of the wards to build, their output folders made; `None`, with the failures
/// reported, when two sources would write one path (then nothing is written).
fn plan_wards<'a>(
    wards: &'a [Ward],
    options: &BuildOptions,
    report: &mut BuildReport,
) -> Option<Vec<WardPlan<'a>>> {
    let mut plans: Vec<WardPlan> = wards
        .iter()
        .filter_map(|ward| WardPlan::new(ward, options, report))
        .collect();
    // Every output path once, and none of them an input: checked before anything is written.
    let clashes = claim_outputs(&plans, wards, volumes_of(options));
    if !clashes.is_empty() {
        report.failures.extend(clashes);
        return None;
    }
    plans.retain(|plan| match std::fs::create_dir_all(&plan.dir) {
        Ok(()) => true,
        Err(err) => {
            let error = Error::create_folder(&plan.dir, err);
            report.failures.push(Failure::Folder(error));
            false
        }
    });
    Some(plans)
}

/// Whether the build writes the wards' volumes: not when only some divisions are built.
fn volumes_of(options: &BuildOptions) -> bool {
    options.only.is_empty()
}

/// The clashes among the paths the plans would write (two sheets, a sheet and a volume, two
/// wards whose folder names make one output folder), and any output path that is one of the
/// input files: each as a failure naming both sources.
fn claim_outputs(plans: &[WardPlan], wards: &[Ward], volumes: bool) -> Vec<Failure> {
    let mut claims = Claims::default();
    let absolute = |path: &Path| {
        std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    for ward in wards {
        let sources = ward.divisions.iter().map(|d| &d.file).chain(&ward.failed);
        for file in sources.chain(std::iter::once(&ward.dir.join(model::WARD_FILE))) {
            let source = crate::t!("clash-input-file", path = file.display().to_string());
            claims.claim(&absolute(file), source);
        }
    }
    for plan in plans {
        let dir = absolute(&plan.dir);
        let source = crate::t!(
            "clash-ward-folder",
            path = plan.ward.dir.display().to_string()
        );
        claims.claim(&dir, source);
        for &d in &plan.divisions {
            let division = &plan.ward.divisions[d];
            let name = division_file_name(division.order, &division.name, &plan.edition);
            claims.claim(&dir.join(name), division.file.display().to_string());
        }
        if volumes {
            let source = crate::t!("clash-volume", path = plan.ward.dir.display().to_string());
            claims.claim(&dir.join(volume_file_name(&plan.edition)), source);
        }
    }
    let clashes = claims.clashes().iter().cloned();
    clashes.map(Failure::Clash).collect()
}

/// Every ward's build, as the scheduler runs it. Ward by ward: the volume is laid out first,
/// on the guess that every sheet fits on one page at full size, and each sheet that does is
/// cut out of it (a PDF export, no layout of its own); the others, and all sheets when the
/// volume fails, are compiled on their own. The last job of a ward to end writes its volume
/// (compiled again in the rare case the guess was wrong).
struct WardBuilds<'a> {
    renderer: &'a Renderer,
    options: &'a BuildOptions,
    plans: Vec<WardPlan<'a>>,
    /// Per ward, its jobs as they end.
    states: Vec<Mutex<WardState>>,
    progress: &'a dyn Progress,
    /// Documents finished, to evict typst's memo cache every few of them.
    finished: AtomicUsize,
}

/// A ward's jobs as they end: how many are still to run, and what those done did; once all
/// are, what the ward's build did.
#[derive(Default)]
struct WardState {
    /// The ward's jobs not done yet.
    pending: usize,
    volume: Option<VolumeOutcome>,
    /// Each sheet's outcome, by index into `ward.divisions`.
    sheets: Vec<(usize, SheetOutcome)>,
    report: Option<WardReport>,
}

/// What one ward's build did.
#[derive(Default)]
struct WardReport {
    written: Vec<PathBuf>,
    failures: Vec<Failure>,
    warnings: Vec<Warning>,
    /// How many sheets were cut out of the volume.
    cut: usize,
}

impl<'a> WardBuilds<'a> {
    fn new(
        renderer: &'a Renderer,
        options: &'a BuildOptions,
        plans: Vec<WardPlan<'a>>,
        progress: &'a dyn Progress,
    ) -> Self {
        let states = plans.iter().map(|_| Mutex::default()).collect();
        Self {
            renderer,
            options,
            plans,
            states,
            progress,
            finished: AtomicUsize::new(0),
        }
    }

    fn volumes(&self) -> bool {
        volumes_of(self.options)
    }

    /// How many PDFs the build will write.
    fn files(&self) -> usize {
        let volume = usize::from(self.volumes());
        self.plans.iter().map(|p| p.divisions.len() + volume).sum()
    }

    /// Each ward's report, in ward order, into `report`; stale files of earlier builds removed
    /// from the folders of wards built whole.
    fn report_into(self, report: &mut BuildReport) {
        let volumes = self.volumes();
        for (plan, state) in self.plans.iter().zip(self.states) {
            let state = state.into_inner().unwrap_or_else(|e| e.into_inner());
            let Some(ward) = state.report else { continue };
            let whole = volumes && ward.failures.is_empty() && plan.missing.is_empty();
            let ending = pdf_ending(&plan.edition);
            let ours = |name: &str| edition_of_name(name) == ending;
            let removed = crate::pdf::tidy::tidy(&plan.dir, &ward.written, whole, &ours);
            report.removed.extend(removed);
            report.written.extend(ward.written);
            report.failures.extend(ward.failures);
            report.warnings.extend(ward.warnings);
            report.cut += ward.cut;
        }
    }

    /// Records what a job of ward `ward` did, and the jobs it led to; the ward's last job
    /// finishes the ward.
    fn record(&self, ward: usize, finished: Finished, then: usize) {
        let done = {
            let mut state = lock(&self.states[ward]);
            state.pending += then;
            match finished {
                Finished::LaidOut => {}
                Finished::Sheet { division, outcome } => state.sheets.push((division, outcome)),
                Finished::Volume(outcome) => state.volume = Some(outcome),
            }
            state.pending -= 1;
            (state.pending == 0).then(|| std::mem::take(&mut *state))
        };
        if let Some(state) = done {
            let plan = &self.plans[ward];
            let report = finish_ward(self.renderer, self.options, plan, state, self.progress);
            lock(&self.states[ward]).report = Some(report);
        }
    }
}

impl schedule::Work for WardBuilds<'_> {
    type Job = Job;

    fn wards(&self) -> usize {
        self.plans.len()
    }

    fn start(&self, ward: usize) -> Vec<Job> {
        let jobs = if self.volumes() {
            vec![Job::LayOut { ward }]
        } else {
            compile_jobs(&self.plans[ward], ward)
        };
        lock(&self.states[ward]).pending = jobs.len();
        jobs
    }

    fn run(&self, job: Job) -> Vec<Job> {
        let ward = job.ward();
        let (finished, then) = job.run(
            self.renderer,
            self.options,
            &self.plans[ward],
            self.progress,
        );
        self.record(ward, finished, then.len());
        // Drop what typst memoized for documents long done, every few documents.
        if self.finished.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(EVICT_AGE);
        }
        then
    }
}

/// The lock of `mutex`, even if a thread panicked holding it (the data is still sound: each
/// change under these locks is a single step).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A ward's volume laid out, with typst's warnings, and the sheets in it that are on one page
/// each, by order: those are cut out of it.
struct LaidOut {
    document: PagedDocument,
    warnings: Vec<Warning>,
    sheets: HashMap<u32, SheetPages>,
}

/// One job of a ward: `ward` indexes the plans, `division` the ward's divisions.
enum Job {
    /// Lay out the ward's volume.
    LayOut { ward: usize },
    /// Export the volume as laid out.
    ExportVolume { ward: usize, volume: Arc<LaidOut> },
    /// Cut a division's sheet out of the volume as laid out.
    Cut {
        ward: usize,
        division: usize,
        volume: Arc<LaidOut>,
    },
    /// Compile a division's sheet on its own, at the largest size from this index into
    /// [`SHEET_SIZES`] on at which it fits.
    Compile {
        ward: usize,
        division: usize,
        largest: usize,
    },
}

/// What a job did.
enum Finished {
    /// The volume is laid out: its export and its sheets are the jobs that follow.
    LaidOut,
    Sheet {
        division: usize,
        outcome: SheetOutcome,
    },
    Volume(VolumeOutcome),
}

/// A sheet is written as soon as it is compiled, with the text size it was set at.
enum SheetOutcome {
    Written {
        rendered: Rendered,
        warnings: Vec<Warning>,
        size: f64,
        /// Cut out of the volume rather than laid out on its own.
        cut: bool,
    },
    Failed(Error),
}

/// A volume is exported as laid out, and written once its ward's sheets are known to have
/// rendered (compiled again when one did not, or was set smaller).
enum VolumeOutcome {
    Exported {
        rendered: Rendered,
        warnings: Vec<Warning>,
    },
    /// Laid out or exported in vain: it is compiled again at the end, without the sheets that
    /// fail on their own, and what fails then is told.
    Failed,
}

impl Job {
    fn ward(&self) -> usize {
        match self {
            Job::LayOut { ward }
            | Job::ExportVolume { ward, .. }
            | Job::Cut { ward, .. }
            | Job::Compile { ward, .. } => *ward,
        }
    }

    /// Runs the job: what it did, and the jobs it leads to.
    fn run(
        self,
        renderer: &Renderer,
        options: &BuildOptions,
        plan: &WardPlan,
        progress: &dyn Progress,
    ) -> (Finished, Vec<Job>) {
        match self {
            Job::LayOut { ward } => lay_out(renderer, plan, ward),
            Job::ExportVolume { volume, .. } => {
                let target = plan.volume_target();
                let outcome = match renderer.export(&volume.document, &target.ident, &options.pdf) {
                    Ok(rendered) => VolumeOutcome::Exported {
                        rendered,
                        warnings: volume.warnings.clone(),
                    },
                    Err(_) => VolumeOutcome::Failed,
                };
                (Finished::Volume(outcome), Vec::new())
            }
            Job::Cut {
                division, volume, ..
            } => {
                let sheet = &plan.ward.divisions[division];
                let document = cut_sheet(&volume.document, &volume.sheets[&sheet.order]);
                drop(volume);
                let target = plan.sheet_target(sheet);
                let exported = written(renderer, options, &target, &document, progress);
                let outcome = SheetOutcome::of(exported, Vec::new(), SHEET_SIZES[0], true);
                (Finished::Sheet { division, outcome }, Vec::new())
            }
            Job::Compile {
                division, largest, ..
            } => {
                let sheet = &plan.ward.divisions[division];
                let target = plan.sheet_target(sheet);
                let mut data = SheetData::new(&plan.edition, plan.ward, sheet);
                let outcome = match fit_sheet(renderer, &mut data, plan.date(), largest) {
                    Ok((document, warnings, size)) => {
                        let exported = written(renderer, options, &target, &document, progress);
                        let warnings = about(&target.path, warnings);
                        SheetOutcome::of(exported, warnings, size, false)
                    }
                    Err(err) => SheetOutcome::Failed(err),
                };
                (Finished::Sheet { division, outcome }, Vec::new())
            }
        }
    }
}

/// Lays out a ward's volume; then its export, and per sheet a cut out of it (on one page at
/// full size) or a compile of its own. When the volume fails, each sheet compiled on its own
/// tells which fail; the volume is compiled again without them.
fn lay_out(renderer: &Renderer, plan: &WardPlan, ward: usize) -> (Finished, Vec<Job>) {
    let data = plan.volume_data(plan.missing.clone(), &HashSet::new(), &HashMap::new());
    let target = plan.volume_target();
    let (document, warnings) = match renderer.compile(target.template, &data, plan.date()) {
        Ok(compiled) => compiled,
        // What failed is told when the volume is compiled again, the failing sheets known.
        Err(_) => {
            return (
                Finished::Volume(VolumeOutcome::Failed),
                compile_jobs(plan, ward),
            );
        }
    };
    let sheets: HashMap<u32, SheetPages> = if renderer.sheets_cut_from_volume() {
        let pages = sheet_pages(&document).into_iter();
        pages.map(|sheet| (sheet.order, sheet)).collect()
    } else {
        HashMap::new()
    };
    let volume = Arc::new(LaidOut {
        document,
        warnings: about(&target.path, warnings),
        sheets,
    });
    let mut then = vec![Job::ExportVolume {
        ward,
        volume: Arc::clone(&volume),
    }];
    for &division in &plan.divisions {
        let order = plan.ward.divisions[division].order;
        then.push(match volume.sheets.get(&order).map(|sheet| sheet.count) {
            Some(1) => Job::Cut {
                ward,
                division,
                volume: Arc::clone(&volume),
            },
            // Over a page at full size: only smaller sizes are tried.
            Some(pages) if pages > 1 => Job::Compile {
                ward,
                division,
                largest: 1,
            },
            _ => Job::Compile {
                ward,
                division,
                largest: 0,
            },
        });
    }
    (Finished::LaidOut, then)
}

impl SheetOutcome {
    /// A sheet's outcome: as exported and written, with the warnings of its compile, the size
    /// it was set at and whether it was cut out of the volume.
    fn of(written: Result<Rendered, Error>, warnings: Vec<Warning>, size: f64, cut: bool) -> Self {
        match written {
            Ok(rendered) => SheetOutcome::Written {
                rendered,
                warnings,
                size,
                cut,
            },
            Err(err) => SheetOutcome::Failed(err),
        }
    }
}

/// Exports a sheet and writes it.
fn written(
    renderer: &Renderer,
    options: &BuildOptions,
    target: &Target,
    document: &PagedDocument,
    progress: &dyn Progress,
) -> Result<Rendered, Error> {
    let exported = renderer
        .export(document, &target.ident, &options.pdf)
        .and_then(|mut rendered| {
            write(&target.path, &rendered.pdf)?;
            rendered.pdf = Vec::new();
            Ok(rendered)
        });
    if exported.is_ok() {
        progress.wrote(&target.path);
    }
    exported
}

/// Once all of a ward's jobs are done: its sheets reported in order, its volume written.
fn finish_ward(
    renderer: &Renderer,
    options: &BuildOptions,
    plan: &WardPlan,
    state: WardState,
    progress: &dyn Progress,
) -> WardReport {
    let mut report = WardReport::default();
    let mut sheets = state.sheets;
    sheets.sort_by_key(|(d, _)| plan.ward.divisions[*d].order);
    let mut failed = Vec::new();
    let mut excluded = HashSet::new();
    let mut sizes = HashMap::new();
    for (d, outcome) in sheets {
        let division = &plan.ward.divisions[d];
        match outcome {
            SheetOutcome::Written {
                rendered,
                warnings,
                size,
                cut,
            } => {
                sizes.insert(division.order, size);
                report.cut += usize::from(cut);
                report.warnings.extend(warnings);
                if let Some(breaks_at) = breaks_at(&rendered) {
                    report.warnings.push(Warning::Overflow {
                        file: division.file.clone(),
                        division: division.name.clone(),
                        pages: rendered.pages,
                        breaks_at,
                    });
                } else if size < SHEET_SIZES[0] {
                    // The volume then mixes text sizes: said, so that no one is surprised.
                    report.warnings.push(Warning::SetSmaller {
                        file: division.file.clone(),
                        division: division.name.clone(),
                        size,
                    });
                }
                report.written.push(plan.sheet_path(division));
            }
            SheetOutcome::Failed(error) => {
                let mut entry = missing_file(&division.file, &[]);
                let text = error.to_string();
                entry.problems = text.lines().take(MISSING_LINES).map(String::from).collect();
                failed.push(entry);
                excluded.insert(division.order);
                let file = division.file.clone();
                report.failures.push(Failure::Sheet { file, error });
            }
        }
    }
    if let Some(volume) = state.volume {
        let left_out = LeftOut { failed, excluded };
        write_volume(
            renderer,
            options,
            plan,
            volume,
            left_out,
            &sizes,
            &mut report,
            progress,
        );
    }
    report
}

/// The sheets that failed to render, left out of a volume: each listed in it, by file, and
/// excluded by order.
struct LeftOut {
    failed: Vec<Missing>,
    excluded: HashSet<u32>,
}

/// Writes a ward's volume: as exported, or compiled again with the sheets at the sizes they
/// were set at and without those that failed to render, marked incomplete then.
#[allow(clippy::too_many_arguments)]
fn write_volume(
    renderer: &Renderer,
    options: &BuildOptions,
    plan: &WardPlan,
    volume: VolumeOutcome,
    left_out: LeftOut,
    sizes: &HashMap<u32, f64>,
    report: &mut WardReport,
    progress: &dyn Progress,
) {
    let target = plan.volume_target();
    let mut missing = plan.missing.clone();
    missing.extend(left_out.failed);
    let as_guessed =
        missing.len() == plan.missing.len() && sizes.values().all(|&size| size == SHEET_SIZES[0]);
    let compiled = match volume {
        VolumeOutcome::Exported { rendered, warnings } if as_guessed => Ok((rendered, warnings)),
        // A sheet is smaller than full size, or failed to render, or the volume failed: it is
        // compiled again, with the sizes found and without the failing sheets.
        _ => {
            let data = plan.volume_data(missing.clone(), &left_out.excluded, sizes);
            compile(renderer, options, &target, &data, plan.date())
        }
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
                report.failures.push(Failure::Incomplete {
                    volume: target.path.clone(),
                    missing: files.iter().map(|f| f.to_string()).collect(),
                });
            }
        }
        Err(error) => report.failures.push(Failure::Ward {
            dir: plan.ward.dir.clone(),
            error,
        }),
    }
}

/// The most threads a build starts, whatever `--jobs` says: more only wait for the cores (and
/// each reserves a stack).
pub const MAX_THREADS: usize = 64;

/// How many threads compile at once: `jobs`, or one more than there are cores, at most
/// [`MAX_THREADS`].
pub fn threads(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()) + 1)
        .clamp(1, MAX_THREADS)
}

/// How often (in documents finished) and how hard typst's memo cache is evicted: results
/// not used in the last `EVICT_AGE` evictions go.
const EVICT_EVERY: usize = 8;
const EVICT_AGE: usize = 2;

fn write(path: &Path, pdf: &[u8]) -> Result<(), Error> {
    write_atomic(path, pdf).map_err(|err| Error::write(path, err))
}

/// The jobs of the ward's sheets, each compiled on its own; `ward` is the ward's index.
fn compile_jobs(plan: &WardPlan, ward: usize) -> Vec<Job> {
    plan.divisions
        .iter()
        .map(|&division| Job::Compile {
            ward,
            division,
            largest: 0,
        })
        .collect()
}
