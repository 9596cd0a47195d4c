//! What a build did, as data: the files written and removed, the problems in the sheets, and
//! what else went wrong or was warned about, each a value with its arguments. Words only in
//! the `Display`s here.

use super::Error;
use crate::output::Clash;
use crate::pdf::render::Diagnostic;
use crate::sheet::model::{Problem, Severity};
use crate::t;
use std::fmt;
use std::path::PathBuf;

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// How many wards were read soundly enough to build.
    pub wards: usize,
    /// Every file written, in order.
    pub written: Vec<PathBuf>,
    /// Problems in the input (errors and warnings).
    pub problems: Vec<Problem>,
    /// Everything else that went wrong: a template error, a file that could not be written.
    pub failures: Vec<Failure>,
    /// What typst warned about while compiling, and sheets over one page.
    pub warnings: Vec<Warning>,
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

    /// The failures in words, one each.
    pub fn failure_lines(&self) -> Vec<String> {
        self.failures.iter().map(|f| f.to_string()).collect()
    }

    /// The warnings in words, one each.
    pub fn warning_lines(&self) -> Vec<String> {
        self.warnings.iter().map(|w| w.to_string()).collect()
    }
}

/// What went wrong in a build, besides problems in the sheets.
#[derive(Debug)]
pub enum Failure {
    /// `--division NAME` names no division.
    NoSuchDivision { name: String },
    /// Two sources would write one path: nothing was written.
    Clash(Clash),
    /// A ward could not be built or its volume written (its folder, its fiscal year).
    Ward { dir: PathBuf, error: Error },
    /// An output folder could not be made.
    Folder(Error),
    /// A division's sheet failed (its template, or writing it).
    Sheet { file: PathBuf, error: Error },
    /// A volume was written without some divisions, marked 未完成 (incomplete).
    Incomplete {
        volume: PathBuf,
        missing: Vec<String>,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NoSuchDivision { name } => {
                f.write_str(&t!("failure-no-such-division", name = name.as_str()))
            }
            Failure::Clash(clash) => write!(f, "{clash}"),
            Failure::Ward { dir, error } => write!(f, "{}: {error}", dir.display()),
            Failure::Folder(error) => write!(f, "{error}"),
            Failure::Sheet { file, error } => write!(f, "{}: {error}", file.display()),
            Failure::Incomplete { volume, missing } => f.write_str(&t!(
                "failure-incomplete",
                volume = volume.display().to_string(),
                missing = missing.join(", ")
            )),
        }
    }
}

/// What a build warns about.
#[derive(Debug, Clone)]
pub enum Warning {
    /// typst warned while compiling the PDF at `pdf`.
    Template {
        pdf: PathBuf,
        diagnostic: Diagnostic,
    },
    /// A sheet set smaller than the form's text size to fit on one page.
    SetSmaller {
        file: PathBuf,
        division: String,
        size: f64,
    },
    /// A sheet does not fit on one page even at the smallest text size.
    Overflow {
        file: PathBuf,
        division: String,
        pages: usize,
        breaks_at: BreakAt,
    },
}

/// Where a sheet over one page breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakAt {
    /// Before goal `.1`, or inside goal `.0` before it.
    Between(i64, i64),
    Goal(i64),
    /// No goal's place is known.
    Sheet,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Template { pdf, diagnostic } => write!(f, "{}: {diagnostic}", pdf.display()),
            Warning::SetSmaller {
                file,
                division,
                size,
            } => f.write_str(&t!(
                "warning-set-smaller",
                file = file.display().to_string(),
                division = division.as_str(),
                size = *size,
                normal = crate::pdf::render::SHEET_SIZES[0]
            )),
            Warning::Overflow {
                file,
                division,
                pages,
                breaks_at,
            } => {
                let over = match *breaks_at {
                    BreakAt::Between(before, no) => t!("break-between", before = before, no = no),
                    BreakAt::Goal(no) => t!("break-goal", no = no),
                    BreakAt::Sheet => t!("break-sheet"),
                };
                f.write_str(&t!(
                    "warning-overflow",
                    file = file.display().to_string(),
                    division = division.as_str(),
                    pages = *pages,
                    at = over
                ))
            }
        }
    }
}
