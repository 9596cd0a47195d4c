//! What a build is asked ([`BuildOptions`]) and what it plans from it: where a ward's PDFs
//! go and what they are called (an edition's ending, so editions never overwrite each other),
//! and each ward's plan ([`WardPlan`]: its edition, folder, divisions and the files left out),
//! with the PDFs to write ([`Target`]). [`super::build`] runs the plans.

use super::Error;
use crate::output::{safe_component, safe_file_name_ending};
use crate::pdf::data::{Edition, Missing, VolumeData};
use crate::pdf::render::{PdfSettings, SHEET_SIZES};
use crate::pdf::report::{BuildReport, Failure};
use crate::sheet::model::{Division, Problem, Severity, Ward};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

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
    /// Leave out the approval stamp boxes (a volume for the council, not for approval).
    pub no_stamps: bool,
    /// A sheet not yet approved prints a small 「案」 (when its ward's sheets go through
    /// approval: see [`crate::sheet::approval`]).
    pub draft_mark: bool,
    /// Build only the ward folders whose real place (links resolved) is under this folder, as
    /// `serve` finds them: a ward folder linked from outside its sheets folder is not built.
    pub within: Option<PathBuf>,
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
            no_stamps: false,
            draft_mark: true,
            within: None,
        }
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

/// How a PDF's file name ends: `.pdf` for the April edition, `_評価.pdf` for the evaluated one
/// and `_中間評価.pdf` for an interim evaluation, so that no edition built into the folder of
/// another overwrites it.
pub fn pdf_ending(edition: &Edition) -> &'static str {
    match (edition.is_evaluated(), edition.interim) {
        (false, _) => APRIL_ENDING,
        (true, false) => EVALUATED_ENDING,
        (true, true) => INTERIM_ENDING,
    }
}

const APRIL_ENDING: &str = ".pdf";
const EVALUATED_ENDING: &str = "_評価.pdf";
const INTERIM_ENDING: &str = "_中間評価.pdf";

/// The ending of a PDF's name as [`pdf_ending`] gives it: which edition the file is of.
pub(super) fn edition_of_name(name: &str) -> &'static str {
    [EVALUATED_ENDING, INTERIM_ENDING]
        .into_iter()
        .find(|ending| name.ends_with(ending))
        .unwrap_or(APRIL_ENDING)
}

/// `01_地域課.pdf` (`01_地域課_評価.pdf` evaluated): the order (at least two digits) and the
/// division's name.
pub fn division_file_name(order: u32, division: &str, edition: &Edition) -> String {
    safe_file_name_ending(&format!("{order:02}_{division}"), pdf_ending(edition))
}

/// `東区_令和５年度_組織目標管理シート.pdf` (`…_評価.pdf` evaluated).
pub fn volume_file_name(edition: &Edition) -> String {
    let stem = format!(
        "{}_{}_組織目標管理シート",
        edition.ward, edition.fiscal_year
    );
    safe_file_name_ending(&stem, pdf_ending(edition))
}

/// What one ward's build needs: its edition, its output folder and the divisions selected.
pub(super) struct WardPlan<'a> {
    pub(super) ward: &'a Ward,
    pub(super) edition: Edition,
    pub(super) dir: PathBuf,
    /// Indices into `ward.divisions`.
    pub(super) divisions: Vec<usize>,
    /// The files left out of the volume because they have errors.
    pub(super) missing: Vec<Missing>,
}

impl<'a> WardPlan<'a> {
    /// The plan for `ward`, or `None` (with the failure reported) when it has nothing to build.
    pub(super) fn new(
        ward: &'a Ward,
        options: &BuildOptions,
        report: &mut BuildReport,
    ) -> Option<Self> {
        let edition = Edition::of(ward).map_err(Error::from).and_then(|edition| {
            let edition = edition.with_approvals(ward).map_err(Error::Sheet)?;
            Ok(Edition {
                draft_mark: options.draft_mark,
                ..edition
            })
        });
        let edition = match edition {
            Ok(edition) => edition,
            Err(error) => {
                let dir = ward.dir.clone();
                report.failures.push(Failure::Ward { dir, error });
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

    pub(super) fn date(&self) -> chrono::NaiveDate {
        self.ward.evaluated.unwrap_or(self.ward.created)
    }

    pub(super) fn sheet_path(&self, division: &Division) -> PathBuf {
        self.dir.join(division_file_name(
            division.order,
            &division.name,
            &self.edition,
        ))
    }

    pub(super) fn sheet_target(&self, division: &Division) -> Target {
        Target {
            template: "sheet.typ",
            ident: format!(
                "mokuhyo/{}/{}/{}",
                self.ward.name, self.ward.fiscal_year, division.name
            ),
            path: self.sheet_path(division),
        }
    }

    pub(super) fn volume_target(&self) -> Target {
        Target {
            template: "volume.typ",
            ident: format!("mokuhyo/{}/{}", self.ward.name, self.ward.fiscal_year),
            path: self.dir.join(volume_file_name(&self.edition)),
        }
    }

    /// The volume's data: every division but those `excluded` (by order), listing the files
    /// `missing` from it, each sheet at its size in `sizes` (by order; full size when not there).
    pub(super) fn volume_data(
        &self,
        missing: Vec<Missing>,
        excluded: &HashSet<u32>,
        sizes: &HashMap<u32, f64>,
    ) -> VolumeData<'_> {
        let mut data = VolumeData::partial(
            &self.edition,
            self.ward,
            |d| !excluded.contains(&d.order),
            missing,
        );
        for sheet in &mut data.sheets {
            sheet.size = Some(
                sizes
                    .get(&sheet.division.order)
                    .copied()
                    .unwrap_or(SHEET_SIZES[0]),
            );
        }
        data
    }
}

/// How many lines of problems a volume lists for each file it leaves out.
pub(super) const MISSING_LINES: usize = 5;

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file left out of a volume, with its errors among `problems` (`8:10: message`).
pub(super) fn missing_file(file: &Path, problems: &[Problem]) -> Missing {
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
                let at = match p.at {
                    Some(at) => format!("{}:{}: ", at.line, at.column),
                    None => String::new(),
                };
                // The volume is a Japanese document, whatever the terminal's language.
                let words = p.kind.words(crate::locale::Lang::Ja);
                format!("{at}{key}{words}")
            })
            .collect(),
    }
}

/// One PDF to write: its template, its stable identifier (the PDF's /ID) and its path.
pub(super) struct Target {
    pub(super) template: &'static str,
    pub(super) ident: String,
    pub(super) path: PathBuf,
}
