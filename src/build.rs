//! `build`: every ward's division sheets and volume, written under the output folder.
//!
//! Layout of the output: `OUT/<ward folder>/01_地域課.pdf`, … one per division, named by
//! `order` and division, and `OUT/<ward folder>/東区_令和５年度_組織目標管理シート.pdf`, the
//! volume. A division that fails is reported and skipped, the others are still written, and
//! the build fails. The ward's volume is still written, with every good division, and marked
//! 未完成 (incomplete) on its cover and contents, which list the files left out and why: so
//! no volume silently lacks a division, and no stale volume of an earlier build is left behind.

use crate::data::{Edition, Missing, SheetData, VolumeData};
use crate::model::{self, Checks, Problem, Severity, Ward};
use crate::output::{safe_component, write_atomic};
use crate::render::{PdfSettings, Rendered, Renderer};
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub sheets: PathBuf,
    pub out: PathBuf,
    /// Build only these divisions (by name); no volume is written then.
    pub only: Vec<String>,
    pub pdf: PdfSettings,
    /// Characters no font can draw are errors (the division is not built), not warnings.
    pub strict: bool,
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

/// Builds every ward under `options.sheets`. `progress` is told of each file as it is written.
pub fn build(
    renderer: &Renderer,
    options: &BuildOptions,
    progress: &mut dyn FnMut(&Path),
) -> BuildReport {
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

    for ward in &loaded.wards {
        build_ward(renderer, options, ward, &mut report, progress);
    }
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
    report
}

fn build_ward(
    renderer: &Renderer,
    options: &BuildOptions,
    ward: &Ward,
    report: &mut BuildReport,
    progress: &mut dyn FnMut(&Path),
) {
    let edition = match Edition::of(ward) {
        Ok(edition) => edition,
        Err(err) => {
            report
                .failures
                .push(format!("{}: {err}", ward.dir.display()));
            return;
        }
    };
    let selected = |name: &String| options.only.is_empty() || options.only.contains(name);
    if !ward.divisions.iter().any(|d| selected(&d.division)) {
        return;
    }
    let dir = ward_out_dir(&options.out, ward);
    if let Err(err) = std::fs::create_dir_all(&dir) {
        report
            .failures
            .push(format!("cannot create {}: {err}", dir.display()));
        return;
    }
    let date = ward.evaluated.unwrap_or(ward.created);

    // The files left out of the volume: those with errors, then those that fail to render.
    let mut missing: Vec<Missing> = ward
        .failed
        .iter()
        .map(|file| missing_file(file, &report.problems))
        .collect();
    for division in &ward.divisions {
        if !selected(&division.division) {
            continue;
        }
        let target = Target {
            template: "sheet.typ",
            ident: format!(
                "mokuhyo/{}/{}/{}",
                ward.ward, ward.fiscal_year, division.division
            ),
            path: dir.join(division_file_name(division.order, &division.division)),
        };
        let data = SheetData::new(&edition, ward, division);
        match write_pdf(renderer, options, &target, &data, date, report) {
            Ok(rendered) => {
                if let Some(note) = overflow_note(&rendered) {
                    report.warnings.push(format!(
                        "{}: {} {note}",
                        division.file.display(),
                        division.division
                    ));
                }
                progress(&target.path)
            }
            Err(err) => {
                report
                    .failures
                    .push(format!("{}: {err}", division.file.display()));
                let mut entry = missing_file(&division.file, &[]);
                entry.problems = err.lines().take(MISSING_LINES).map(String::from).collect();
                missing.push(entry);
            }
        }
    }

    if !options.only.is_empty() {
        return;
    }
    let path = dir.join(volume_file_name(&edition));
    let left_out: Vec<String> = missing.iter().map(|m| m.file.clone()).collect();
    let target = Target {
        template: "volume.typ",
        ident: format!("mokuhyo/{}/{}", ward.ward, ward.fiscal_year),
        path,
    };
    let data = VolumeData::partial(
        &edition,
        ward,
        |d| !left_out.contains(&file_name(&d.file)),
        missing,
    );
    match write_pdf(renderer, options, &target, &data, date, report) {
        Ok(_) => {
            if !left_out.is_empty() {
                report.failures.push(format!(
                    "{}: written marked 未完成 (incomplete), without {}",
                    target.path.display(),
                    left_out.join(", ")
                ));
            }
            progress(&target.path)
        }
        Err(err) => report
            .failures
            .push(format!("{}: {err}", ward.dir.display())),
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

fn write_pdf(
    renderer: &Renderer,
    options: &BuildOptions,
    target: &Target,
    data: &impl serde::Serialize,
    date: chrono::NaiveDate,
    report: &mut BuildReport,
) -> Result<Rendered, String> {
    let path = &target.path;
    let rendered = renderer.pdf(target.template, data, date, &target.ident, &options.pdf)?;
    report.warnings.extend(
        rendered
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", path.display())),
    );
    write_atomic(path, &rendered.pdf)
        .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    report.written.push(path.to_path_buf());
    Ok(rendered)
}
