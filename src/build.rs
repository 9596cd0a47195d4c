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

use crate::data::{Edition, Missing, SheetData, VolumeData};
use crate::model::Division;
use crate::model::{self, Checks, Problem, Severity, Ward};
use crate::output::{Claims, division_file, safe_component, safe_file_name, write_atomic};
use crate::render::{
    PdfSettings, Rendered, Renderer, SHEET_SIZES, STACK_SIZE, SheetPages, cut_sheet, sheet_pages,
};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use typst_layout::PagedDocument;

#[derive(Clone)]
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
    /// How many of the sheets written were cut out of their ward's volume as laid out, rather
    /// than laid out on their own.
    pub cut: usize,
    /// Files of earlier builds removed as stale (a division renamed or re-ordered), and
    /// temporary files of killed builds.
    pub removed: Vec<PathBuf>,
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
        .unwrap_or_else(|| ward.name.clone());
    out.join(safe_component(&name))
}

/// `01_地域課.pdf`: the order (at least two digits) and the division's name.
pub fn division_file_name(order: u32, division: &str) -> String {
    division_file(order, division, "pdf")
}

/// `東区_令和５年度_組織目標管理シート.pdf`.
pub fn volume_file_name(edition: &Edition) -> String {
    safe_file_name(
        &format!(
            "{}_{}_組織目標管理シート",
            edition.ward, edition.fiscal_year
        ),
        "pdf",
    )
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
    let mut report = BuildReport {
        problems: std::mem::take(&mut loaded.problems),
        ..Default::default()
    };
    for name in &options.only {
        if loaded.find_division(name).is_none() {
            report
                .failures
                .push(format!("--division {name}: no division of that name"));
        }
    }

    let mut plans: Vec<WardPlan> = loaded
        .wards
        .iter()
        .filter_map(|ward| WardPlan::new(ward, options, &mut report))
        .collect();
    // Every output path once, and none of them an input: checked before anything is written.
    let clashes = claim_outputs(&plans, &loaded.wards, volumes_of(options));
    if !clashes.is_empty() {
        report.failures.extend(clashes);
        return report;
    }
    plans.retain(|plan| match std::fs::create_dir_all(&plan.dir) {
        Ok(()) => true,
        Err(err) => {
            report
                .failures
                .push(format!("cannot create {}: {err}", plan.dir.display()));
            false
        }
    });
    // Ward by ward: its volume is laid out first, on the guess that every sheet fits on one
    // page at full size, and each sheet that does is cut out of it (a PDF export, no layout
    // of its own); the others, and all sheets when the volume fails, are compiled on their
    // own. A ward's jobs are all taken before the next ward is started, so only about as
    // many wards as there are threads are held in memory at once. The last job of a ward to
    // end writes its volume (compiled again in the rare case the guess was wrong).
    let volumes = volumes_of(options);
    let states: Vec<Mutex<WardState>> = plans
        .iter()
        .map(|plan| {
            Mutex::new(WardState {
                // The jobs the ward starts with; those they lead to are added as they come.
                pending: if volumes { 1 } else { plan.divisions.len() },
                ..Default::default()
            })
        })
        .collect();
    progress.start(
        plans
            .iter()
            .map(|plan| plan.divisions.len() + usize::from(volumes))
            .sum(),
    );
    let queue = Mutex::new(Queue::default());
    let changed = Condvar::new();
    let finished = AtomicUsize::new(0);

    let next_job = || -> Option<Job> {
        let mut queue = lock(&queue);
        loop {
            if let Some(job) = queue.ready.pop_front() {
                queue.running += 1;
                return Some(job);
            }
            if queue.next_ward < plans.len() {
                let w = queue.next_ward;
                queue.next_ward += 1;
                if volumes {
                    queue.running += 1;
                    return Some(Job::Volume(w));
                }
                queue.ready.extend(plans[w].sheets(w));
                continue;
            }
            if queue.running == 0 {
                // Nothing to do, and nothing running that could make more: done.
                return None;
            }
            queue = changed.wait(queue).unwrap_or_else(|e| e.into_inner());
        }
    };
    let run = |job: Job| {
        let w = job.ward();
        let Done { outcome, then } = job.run(renderer, options, &plans, &states[w], progress);
        // The jobs this one leads to come first, before another ward is started; they are
        // the ward's to wait for before this one is counted done.
        if !then.is_empty() {
            lock(&states[w]).pending += then.len();
            let mut queue = lock(&queue);
            for next in then.into_iter().rev() {
                queue.ready.push_front(next);
            }
            changed.notify_all();
        }
        let done = {
            let mut state = lock(&states[w]);
            match (job, outcome) {
                (Job::Cut(_, d), Some(outcome)) => {
                    state.cut += usize::from(matches!(outcome, Outcome::Written(..)));
                    state.sheets.push((d, outcome))
                }
                (Job::Sheet(_, d, _), Some(outcome)) => state.sheets.push((d, outcome)),
                // The volume failed (then it has no export) or is exported.
                (Job::Volume(_) | Job::ExportVolume(_), Some(outcome)) => {
                    state.volume = Some(outcome)
                }
                (_, None) => {}
            }
            state.pending -= 1;
            (state.pending == 0).then(|| std::mem::take(&mut *state))
        };
        if let Some(state) = done {
            let finished = finish_ward(renderer, options, &plans[w], state, progress);
            lock(&states[w]).report = Some(finished);
        }
        // Drop what typst memoized for documents long done, every few documents.
        if finished.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(EVICT_AGE);
        }
        lock(&queue).running -= 1;
        changed.notify_all();
    };
    let work = || {
        while let Some(job) = next_job() {
            run(job);
        }
    };

    // Our own threads, each taking the next job when done with one. Not rayon's: typst runs
    // parts of each compile on rayon's pool, and a rayon thread waiting for them takes up
    // other jobs meanwhile, nesting compile within compile on its stack (and in memory).
    // One more than there are cores: a thread waiting for typst's parallel parts of its
    // compile (page runs on rayon's pool) leaves a core to another's export or layout
    // (measured: about 175 % → 185 % of 2 cores busy on a city, 3–4 % less wall time).
    let threads = threads(options.jobs);
    std::thread::scope(|scope| {
        for i in 1..threads {
            let spawned = std::thread::Builder::new()
                .name(format!("mokuhyo-{i}"))
                // typst recurses deeply (nested tables, long texts), as on a main thread.
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, work);
            if spawned.is_err() {
                break; // Fewer threads, then; this one works too.
            }
        }
        work();
    });

    // The report, in ward order: per ward its sheets, then its volume.
    for (plan, state) in plans.iter().zip(states) {
        let state = state.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(ward) = state.report {
            // A whole ward built without a failure: its earlier builds' stale PDFs can go.
            let whole = volumes && ward.failures.is_empty() && plan.missing.is_empty();
            report
                .removed
                .extend(crate::tidy::tidy(&plan.dir, &ward.written, whole));
            report.written.extend(ward.written);
            report.failures.extend(ward.failures);
            report.warnings.extend(ward.warnings);
            report.cut += ward.cut;
        }
    }
    report
}

/// Whether the build writes the wards' volumes: not when only some divisions are built.
fn volumes_of(options: &BuildOptions) -> bool {
    options.only.is_empty()
}

/// The clashes among the paths the plans would write (two sheets, a sheet and a volume, two
/// wards whose folder names make one output folder), and any output path that is one of the
/// input files: each as a failure naming both sources.
fn claim_outputs(plans: &[WardPlan], wards: &[Ward], volumes: bool) -> Vec<String> {
    let mut claims = Claims::default();
    let absolute = |path: &Path| {
        std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    for ward in wards {
        let sources = ward.divisions.iter().map(|d| &d.file).chain(&ward.failed);
        for file in sources.chain(std::iter::once(&ward.dir.join(model::WARD_FILE))) {
            let source = format!("the input file {}", file.display());
            claims.claim(&absolute(file), source);
        }
    }
    for plan in plans {
        let dir = absolute(&plan.dir);
        let source = format!("the ward folder {}", plan.ward.dir.display());
        claims.claim(&dir, source);
        for &d in &plan.divisions {
            let division = &plan.ward.divisions[d];
            let name = division_file_name(division.order, &division.name);
            claims.claim(&dir.join(name), division.file.display().to_string());
        }
        if volumes {
            let source = format!("the volume of {}", plan.ward.dir.display());
            claims.claim(&dir.join(volume_file_name(&plan.edition)), source);
        }
    }
    claims.clashes().iter().map(|c| c.to_string()).collect()
}

/// The lock of `mutex`, even if a thread panicked holding it (the data is still sound: each
/// change under these locks is a single step).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The jobs handed out to the threads.
#[derive(Default)]
struct Queue {
    /// The sheets of the wards started, to take before starting another.
    ready: VecDeque<Job>,
    /// The next ward to start.
    next_ward: usize,
    /// How many jobs are running: while any is, more sheets may become ready.
    running: usize,
}

/// A ward's jobs as they end: how many are still to run, and what those done did; once all
/// are, what the ward's build did.
#[derive(Default)]
struct WardState {
    /// The ward's jobs not done yet.
    pending: usize,
    /// The volume as laid out, while its export and the sheets cut out of it are to run.
    laid_out: Option<Arc<LaidOut>>,
    volume: Option<Outcome>,
    sheets: Vec<(usize, Outcome)>,
    /// How many sheets were cut out of the volume.
    cut: usize,
    report: Option<BuildReport>,
}

/// A ward's volume laid out, with typst's warnings, and the sheets in it that are on one page
/// each, by order: those are cut out of it.
struct LaidOut {
    document: PagedDocument,
    warnings: Vec<String>,
    sheets: HashMap<u32, SheetPages>,
}

/// Once all of a ward's jobs are done: its sheets reported in order, its volume written.
fn finish_ward(
    renderer: &Renderer,
    options: &BuildOptions,
    plan: &WardPlan,
    state: WardState,
    progress: &dyn Progress,
) -> BuildReport {
    let mut report = BuildReport {
        cut: state.cut,
        ..Default::default()
    };
    let mut sheets = state.sheets;
    sheets.sort_by_key(|(d, _)| plan.ward.divisions[*d].order);
    let mut render_failures = Vec::new();
    let mut sizes = HashMap::new();
    for (d, outcome) in sheets {
        let division = &plan.ward.divisions[d];
        match outcome {
            Outcome::Written(rendered, warnings, size) => {
                sizes.insert(division.order, size);
                report.warnings.extend(warnings);
                if let Some(note) = overflow_note(&rendered) {
                    report.warnings.push(format!(
                        "{}: {} {note}",
                        division.file.display(),
                        division.name
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
    if let Some(volume) = state.volume {
        write_volume(
            renderer,
            options,
            plan,
            volume,
            render_failures,
            &sizes,
            &mut report,
            progress,
        );
    }
    report
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
        let selected = |d: &Division| options.only.is_empty() || options.only.contains(&d.name);
        let divisions: Vec<usize> = (0..ward.divisions.len())
            .filter(|&i| selected(&ward.divisions[i]))
            .collect();
        // Nothing selected, or a ward without any division file (reported by the model): no
        // folder, no volume of no sheet. A ward whose files all fail still gets its volume,
        // marked 未完成 with the files left out.
        if divisions.is_empty() && (!options.only.is_empty() || ward.failed.is_empty()) {
            return None;
        }
        let dir = ward_out_dir(&options.out, ward);
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
            .join(division_file_name(division.order, &division.name))
    }

    fn sheet_target(&self, division: &Division) -> Target {
        Target {
            template: "sheet.typ",
            ident: format!(
                "mokuhyo/{}/{}/{}",
                self.ward.name, self.ward.fiscal_year, division.name
            ),
            path: self.sheet_path(division),
        }
    }

    fn volume_target(&self) -> Target {
        Target {
            template: "volume.typ",
            ident: format!("mokuhyo/{}/{}", self.ward.name, self.ward.fiscal_year),
            path: self.dir.join(volume_file_name(&self.edition)),
        }
    }

    /// The volume's data: every division but those of `missing`, which it lists, each sheet
    /// at its size in `sizes` (by order; full size when not there).
    fn volume_data(&self, missing: Vec<Missing>, sizes: &HashMap<u32, f64>) -> VolumeData<'_> {
        let left_out: Vec<String> = missing.iter().map(|m| m.file.clone()).collect();
        let mut data = VolumeData::partial(
            &self.edition,
            self.ward,
            move |d| !left_out.contains(&file_name(&d.file)),
            missing,
        );
        for sheet in &mut data.sheets {
            sheet.size = Some(sizes.get(&sheet.order).copied().unwrap_or(SHEET_SIZES[0]));
        }
        data
    }
}

/// One job of a ward (index into the plans).
#[derive(Clone, Copy)]
enum Job {
    /// Lay out the volume.
    Volume(usize),
    /// Export the volume laid out.
    ExportVolume(usize),
    /// Cut a division's sheet (index into `ward.divisions`) out of the volume laid out.
    Cut(usize, usize),
    /// Compile a division's sheet on its own, at the largest size from this index into
    /// [`SHEET_SIZES`] at which it fits.
    Sheet(usize, usize, usize),
}

/// What a job did (nothing yet, for a volume laid out), and the jobs it leads to.
struct Done {
    outcome: Option<Outcome>,
    then: Vec<Job>,
}

impl From<Outcome> for Done {
    fn from(outcome: Outcome) -> Self {
        Done {
            outcome: Some(outcome),
            then: Vec::new(),
        }
    }
}

/// What a job did. A sheet is written as soon as it is compiled, with the text size it was
/// set at; a volume is written once its ward's sheets are known to have rendered.
enum Outcome {
    Written(Rendered, Vec<String>, f64),
    Compiled(Rendered, Vec<String>),
    Failed(String),
}

impl WardPlan<'_> {
    /// The jobs of the ward's sheets, each compiled on its own; `w` is the ward's index.
    fn sheets(&self, w: usize) -> impl Iterator<Item = Job> + '_ {
        self.divisions.iter().map(move |&d| Job::Sheet(w, d, 0))
    }
}

impl Job {
    /// The ward (index into the plans) the job is part of.
    fn ward(&self) -> usize {
        match *self {
            Job::Volume(w) | Job::ExportVolume(w) | Job::Cut(w, _) | Job::Sheet(w, ..) => w,
        }
    }

    fn run(
        &self,
        renderer: &Renderer,
        options: &BuildOptions,
        plans: &[WardPlan],
        state: &Mutex<WardState>,
        progress: &dyn Progress,
    ) -> Done {
        match *self {
            Job::Volume(w) => {
                let plan = &plans[w];
                let data = plan.volume_data(plan.missing.clone(), &HashMap::new());
                let target = plan.volume_target();
                match renderer.compile(target.template, &data, plan.date()) {
                    Ok((document, warnings)) => {
                        let sheets: HashMap<u32, SheetPages> = if renderer.sheets_cut_from_volume()
                        {
                            sheet_pages(&document)
                                .into_iter()
                                .map(|sheet| (sheet.order, sheet))
                                .collect()
                        } else {
                            HashMap::new()
                        };
                        let mut then = vec![Job::ExportVolume(w)];
                        then.extend(plan.divisions.iter().map(|&d| {
                            let order = plan.ward.divisions[d].order;
                            match sheets.get(&order).map(|sheet| sheet.count) {
                                Some(1) => Job::Cut(w, d),
                                // Over a page at full size: only smaller sizes are tried.
                                Some(pages) if pages > 1 => Job::Sheet(w, d, 1),
                                _ => Job::Sheet(w, d, 0),
                            }
                        }));
                        lock(state).laid_out = Some(Arc::new(LaidOut {
                            document,
                            warnings: about(&target.path, warnings),
                            sheets,
                        }));
                        Done {
                            outcome: None,
                            then,
                        }
                    }
                    // Each sheet compiled on its own tells which fail; the volume is
                    // compiled again without them.
                    Err(err) => Done {
                        outcome: Some(Outcome::Failed(err)),
                        then: plan.sheets(w).collect(),
                    },
                }
            }
            Job::ExportVolume(w) => {
                let laid_out = lock(state).laid_out.clone().expect("laid out before");
                let target = plans[w].volume_target();
                match renderer.export(&laid_out.document, &target.ident, &options.pdf) {
                    Ok(rendered) => Outcome::Compiled(rendered, laid_out.warnings.clone()).into(),
                    Err(err) => Outcome::Failed(err).into(),
                }
            }
            Job::Cut(w, d) => {
                let plan = &plans[w];
                let division = &plan.ward.divisions[d];
                let target = plan.sheet_target(division);
                let laid_out = lock(state).laid_out.clone().expect("laid out before");
                let sheet = &laid_out.sheets[&division.order];
                let document = cut_sheet(&laid_out.document, sheet);
                drop(laid_out);
                written(
                    renderer,
                    options,
                    &target,
                    &document,
                    Vec::new(),
                    SHEET_SIZES[0],
                    progress,
                )
                .into()
            }
            Job::Sheet(w, d, largest) => {
                let plan = &plans[w];
                let division = &plan.ward.divisions[d];
                let target = plan.sheet_target(division);
                let mut data = SheetData::new(&plan.edition, plan.ward, division);
                match fit_sheet(renderer, &mut data, plan.date(), largest) {
                    Ok((document, warnings, size)) => {
                        let warnings = about(&target.path, warnings);
                        written(
                            renderer, options, &target, &document, warnings, size, progress,
                        )
                        .into()
                    }
                    Err(err) => Outcome::Failed(err).into(),
                }
            }
        }
    }
}

/// Exports a sheet, set at `size`, and writes it.
fn written(
    renderer: &Renderer,
    options: &BuildOptions,
    target: &Target,
    document: &PagedDocument,
    warnings: Vec<String>,
    size: f64,
    progress: &dyn Progress,
) -> Outcome {
    let exported = renderer
        .export(document, &target.ident, &options.pdf)
        .and_then(|mut rendered| {
            write(&target.path, &rendered.pdf)?;
            rendered.pdf = Vec::new();
            Ok(rendered)
        });
    match exported {
        Ok(rendered) => {
            progress.wrote(&target.path);
            Outcome::Written(rendered, warnings, size)
        }
        Err(err) => Outcome::Failed(err),
    }
}

/// Writes a ward's volume: as compiled, or compiled again with the sheets at the sizes they
/// were set at and without those that failed to render (`render_failures`), marked
/// incomplete then.
#[allow(clippy::too_many_arguments)]
fn write_volume(
    renderer: &Renderer,
    options: &BuildOptions,
    plan: &WardPlan,
    volume: Outcome,
    render_failures: Vec<Missing>,
    sizes: &HashMap<u32, f64>,
    report: &mut BuildReport,
    progress: &dyn Progress,
) {
    let target = plan.volume_target();
    let mut missing = plan.missing.clone();
    missing.extend(render_failures);
    let as_guessed =
        missing.len() == plan.missing.len() && sizes.values().all(|&size| size == SHEET_SIZES[0]);
    let compiled = match volume {
        Outcome::Compiled(rendered, warnings) if as_guessed => Ok((rendered, warnings)),
        // A sheet is smaller than full size, or failed to render: the volume is compiled
        // again, with the sizes found and without the failing sheet.
        _ => compile(
            renderer,
            options,
            &target,
            &plan.volume_data(missing.clone(), sizes),
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
    let (rendered, warnings) =
        renderer.pdf(target.template, data, date, &target.ident, &options.pdf)?;
    Ok((rendered, about(&target.path, warnings)))
}

/// Warnings about the file at `path`.
fn about(path: &Path, warnings: Vec<String>) -> Vec<String> {
    warnings
        .into_iter()
        .map(|w| format!("{}: {w}", path.display()))
        .collect()
}

/// Compiles a sheet at the largest of [`SHEET_SIZES`] from index `largest` on at which it fits
/// on one page (typst's page count says: smaller text never takes more pages), found by
/// bisection; at the smallest, over more pages, when none fits. Most sheets take one compile;
/// `largest` skips the sizes already known not to fit.
pub fn fit_sheet(
    renderer: &Renderer,
    data: &mut SheetData,
    date: chrono::NaiveDate,
    largest: usize,
) -> Result<(PagedDocument, Vec<String>, f64), String> {
    let mut compile_at = |i: usize| {
        data.size = Some(SHEET_SIZES[i]);
        renderer
            .compile("sheet.typ", &*data, date)
            .map(|(document, warnings)| (document, warnings, SHEET_SIZES[i]))
    };
    let (mut lo, mut hi) = (largest.min(SHEET_SIZES.len() - 1), SHEET_SIZES.len() - 1);
    if lo == 0 {
        let first = compile_at(0)?;
        if first.0.pages().len() <= 1 {
            return Ok(first);
        }
        lo = 1;
    }
    // The answer is the first index in lo..=hi that fits; hi = the smallest size, taken
    // whether it fits or not.
    let mut best = None;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let attempt = compile_at(mid)?;
        if attempt.0.pages().len() <= 1 {
            best = Some(attempt);
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    match best {
        Some(found) if found.2 == SHEET_SIZES[lo] => Ok(found),
        _ => compile_at(lo),
    }
}

fn write(path: &Path, pdf: &[u8]) -> Result<(), String> {
    write_atomic(path, pdf).map_err(|err| format!("cannot write {}: {err}", path.display()))
}
