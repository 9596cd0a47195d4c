//! Why a row of a table cannot be placed, or a file an import would not write: data, in words
//! only where shown.

use super::columns::Column;
use std::path::Path;

/// A row that could not be placed, or a file an import would not write, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// `Sheet1` for a workbook's worksheet, empty for CSV.
    pub sheet: String,
    /// The row's number; 0 when it is about a file, not a row.
    pub line: usize,
    pub reason: RowFault,
}

/// Why a row cannot be placed, or a file not written.
#[derive(Debug, Clone, PartialEq)]
pub enum RowFault {
    /// No 課, and none above.
    NoDivision,
    /// No No., and none above in the same division.
    NoNumber {
        division: String,
    },
    BadNumber {
        text: String,
    },
    BadYear {
        text: String,
    },
    /// No. `no` before No. `next` of the division.
    NumberGap {
        no: usize,
        next: usize,
        division: String,
    },
    /// A goal's cell that differs from the goal's first row.
    GoalDiffers {
        column: Column,
        first: usize,
        no: usize,
        division: String,
    },
    IndicatorWithoutAction,
    /// A required cell left empty on the first row of goal No. `no`.
    EmptyCell {
        column: Column,
        no: usize,
        division: String,
    },
    /// An action's cell that differs on a later row of the same action.
    ActionDiffers {
        column: Column,
        action: String,
    },
    /// A division's file exists already (and `--force` was not given).
    FileExists {
        path: std::path::PathBuf,
    },
    /// A ward folder without `ward.toml`, and no 区 and 年度 to write one from.
    NoWardFile {
        dir: std::path::PathBuf,
    },
    /// Two wards or divisions of the table would be written to one file.
    Clash(crate::output::Clash),
    /// A division whose file would be too large to read back (a cell far too long).
    TooLarge {
        path: std::path::PathBuf,
        mib: usize,
        max_mib: u64,
        division: String,
    },
    /// Said last when anything above stopped the import.
    NothingWritten,
    /// `--force` would replace a division's file with less than it holds: `key` is the first
    /// thing the file has and the table not.
    WouldLose {
        path: std::path::PathBuf,
        key: String,
    },
    /// Two worksheets name one division (a copy kept as a draft, shown or hidden).
    TwoSheets {
        division: String,
        first: String,
        second: String,
    },
    /// A division renamed in its worksheet (its 課 cell): its file `from` becomes `to`, only
    /// with `--force`.
    Renamed {
        from: std::path::PathBuf,
        to: std::path::PathBuf,
        former: String,
        division: String,
    },
    /// The file a division would be written to names another division.
    FileOfAnother {
        path: std::path::PathBuf,
        division: String,
        other: String,
    },
    /// Two files of the folder name the division already: which one to write is not known.
    TwoFiles {
        division: String,
        first: std::path::PathBuf,
        second: std::path::PathBuf,
    },
    /// A date of the form's cover that is no date.
    BadDate {
        text: String,
        cell: String,
    },
    /// A division file that cannot be read as a sound division (a syntax error a clerk left,
    /// say): what it holds cannot be judged, so it is never replaced, not even with `--force`.
    /// `problem` is its first error (of `ward.toml` when that is what stands in the way).
    Unsound {
        path: std::path::PathBuf,
        problem: Option<Box<crate::sheet::model::Problem>>,
    },
    /// Where a division file would be written is no file: a folder, or a link to nothing.
    NotAFile {
        path: std::path::PathBuf,
    },
    /// A worksheet's new division could be the rename of more than one (by its 順): `others`
    /// are the candidates, files or worksheets.
    RenameUnclear {
        division: String,
        order: u32,
        others: Vec<String>,
    },
    /// The workbook is of another ward or year than the folder's `ward.toml`; `place` is where
    /// the workbook says so (a cell of the cover, a worksheet).
    OtherWard {
        path: std::path::PathBuf,
        place: String,
        table: String,
        folder: String,
    },
    /// A form worksheet whose 課 cell is empty, and no row of the cover names it.
    NoDivisionCell {
        cell: String,
    },
    /// The ward as the import would leave it has `count` errors its files did not have (a
    /// second file of one 順, …): told above, and nothing written.
    NewErrors {
        count: usize,
    },
}

impl std::fmt::Display for RowFault {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.words())
    }
}

impl RowFault {
    /// The fault in words: a row's here, the others' by group in [`RowFault::file_words`],
    /// [`RowFault::division_words`] and [`RowFault::ward_words`]. Each match names every
    /// variant (no catch-all), so a new one is a compile error until it has its words; each
    /// group sends the others back here, and this sends each to its group.
    fn words(&self) -> String {
        use crate::t;
        match self {
            RowFault::NoDivision => t!("row-no-division"),
            RowFault::NoNumber { division } => t!("row-no-number", division = division.as_str()),
            RowFault::BadNumber { text } => t!("row-bad-number", text = text.as_str()),
            RowFault::BadYear { text } => t!("row-bad-year", text = text.as_str()),
            RowFault::NumberGap { no, next, division } => t!(
                "row-number-gap",
                no = *no,
                next = *next,
                division = division.as_str()
            ),
            RowFault::GoalDiffers {
                column,
                first,
                no,
                division,
            } => t!(
                "row-goal-differs",
                column = column.name(),
                first = *first,
                no = *no,
                division = division.as_str()
            ),
            RowFault::IndicatorWithoutAction => t!("row-indicator-without-action"),
            RowFault::EmptyCell {
                column,
                no,
                division,
            } => t!(
                "row-empty-cell",
                column = column.name(),
                no = *no,
                division = division.as_str()
            ),
            RowFault::ActionDiffers { column, action } => t!(
                "row-action-differs",
                column = column.name(),
                action = action.as_str()
            ),
            RowFault::FileExists { .. }
            | RowFault::Clash(_)
            | RowFault::TooLarge { .. }
            | RowFault::NothingWritten
            | RowFault::WouldLose { .. }
            | RowFault::Unsound { .. }
            | RowFault::NotAFile { .. }
            | RowFault::NewErrors { .. } => self.file_words(),
            RowFault::TwoSheets { .. }
            | RowFault::Renamed { .. }
            | RowFault::FileOfAnother { .. }
            | RowFault::TwoFiles { .. }
            | RowFault::RenameUnclear { .. } => self.division_words(),
            RowFault::NoWardFile { .. }
            | RowFault::OtherWard { .. }
            | RowFault::BadDate { .. }
            | RowFault::NoDivisionCell { .. } => self.ward_words(),
        }
    }

    /// The words of a fault about a file the import would write (or would not): there, too
    /// large, less than it holds, unsound, no file; and the import's own last words.
    fn file_words(&self) -> String {
        use crate::t;
        match self {
            RowFault::FileExists { path } => t!("row-file-exists", path = shown(path)),
            RowFault::Clash(clash) => clash.to_string(),
            RowFault::TooLarge {
                path,
                mib,
                max_mib,
                division,
            } => t!(
                "row-too-large",
                path = shown(path),
                mib = *mib,
                max_mib = *max_mib,
                division = division.as_str()
            ),
            RowFault::NothingWritten => t!("row-nothing-written"),
            RowFault::WouldLose { path, key } => {
                t!("row-would-lose", path = shown(path), key = key.as_str())
            }
            RowFault::Unsound { path, problem } => {
                let line = problem.as_ref().and_then(|p| p.at).map_or(0, |at| at.line);
                let words = problem.as_ref().map(|p| p.message()).unwrap_or_default();
                let file = problem
                    .as_ref()
                    .map_or(path.as_path(), |p| p.file.as_path());
                t!(
                    "row-unsound",
                    path = shown(path),
                    file = shown(file),
                    line = line,
                    problem = words
                )
            }
            RowFault::NotAFile { path } => t!("row-not-a-file", path = shown(path)),
            RowFault::NewErrors { count } => t!("row-new-errors", count = *count),
            RowFault::NoDivision
            | RowFault::NoNumber { .. }
            | RowFault::BadNumber { .. }
            | RowFault::BadYear { .. }
            | RowFault::NumberGap { .. }
            | RowFault::GoalDiffers { .. }
            | RowFault::IndicatorWithoutAction
            | RowFault::EmptyCell { .. }
            | RowFault::ActionDiffers { .. }
            | RowFault::TwoSheets { .. }
            | RowFault::Renamed { .. }
            | RowFault::FileOfAnother { .. }
            | RowFault::TwoFiles { .. }
            | RowFault::RenameUnclear { .. }
            | RowFault::NoWardFile { .. }
            | RowFault::OtherWard { .. }
            | RowFault::BadDate { .. }
            | RowFault::NoDivisionCell { .. } => self.words(),
        }
    }

    /// The words of a fault about which file a division goes to: two worksheets or two files
    /// of one division, a file of another, a division renamed (or maybe renamed).
    fn division_words(&self) -> String {
        use crate::t;
        match self {
            RowFault::TwoSheets {
                division,
                first,
                second,
            } => t!(
                "row-two-sheets",
                division = division.as_str(),
                first = first.as_str(),
                second = second.as_str()
            ),
            RowFault::Renamed {
                from,
                to,
                former,
                division,
            } => t!(
                "row-renamed",
                from = shown(from),
                to = shown(to),
                former = former.as_str(),
                division = division.as_str()
            ),
            RowFault::FileOfAnother {
                path,
                division,
                other,
            } => t!(
                "row-file-of-another",
                path = shown(path),
                division = division.as_str(),
                other = other.as_str()
            ),
            RowFault::TwoFiles {
                division,
                first,
                second,
            } => t!(
                "row-two-files",
                division = division.as_str(),
                first = shown(first),
                second = shown(second)
            ),
            RowFault::RenameUnclear {
                division,
                order,
                others,
            } => t!(
                "row-rename-unclear",
                division = division.as_str(),
                order = *order,
                others = others.join("、")
            ),
            RowFault::NoDivision
            | RowFault::NoNumber { .. }
            | RowFault::BadNumber { .. }
            | RowFault::BadYear { .. }
            | RowFault::NumberGap { .. }
            | RowFault::GoalDiffers { .. }
            | RowFault::IndicatorWithoutAction
            | RowFault::EmptyCell { .. }
            | RowFault::ActionDiffers { .. }
            | RowFault::FileExists { .. }
            | RowFault::Clash(_)
            | RowFault::TooLarge { .. }
            | RowFault::NothingWritten
            | RowFault::WouldLose { .. }
            | RowFault::Unsound { .. }
            | RowFault::NotAFile { .. }
            | RowFault::NewErrors { .. }
            | RowFault::NoWardFile { .. }
            | RowFault::OtherWard { .. }
            | RowFault::BadDate { .. }
            | RowFault::NoDivisionCell { .. } => self.words(),
        }
    }

    /// The words of a fault about the ward and the form's cover: no `ward.toml` to be had,
    /// another ward or year, a cover's date or a worksheet's 課 cell.
    fn ward_words(&self) -> String {
        use crate::t;
        match self {
            RowFault::NoWardFile { dir } => t!("row-no-ward-file", path = shown(dir)),
            RowFault::OtherWard {
                path,
                place,
                table,
                folder,
            } => t!(
                "row-other-ward",
                path = shown(path),
                place = place.as_str(),
                table = table.as_str(),
                folder = folder.as_str()
            ),
            RowFault::BadDate { text, cell } => {
                t!("row-bad-date", text = text.as_str(), cell = cell.as_str())
            }
            RowFault::NoDivisionCell { cell } => t!("row-no-division-cell", cell = cell.as_str()),
            RowFault::NoDivision
            | RowFault::NoNumber { .. }
            | RowFault::BadNumber { .. }
            | RowFault::BadYear { .. }
            | RowFault::NumberGap { .. }
            | RowFault::GoalDiffers { .. }
            | RowFault::IndicatorWithoutAction
            | RowFault::EmptyCell { .. }
            | RowFault::ActionDiffers { .. }
            | RowFault::FileExists { .. }
            | RowFault::Clash(_)
            | RowFault::TooLarge { .. }
            | RowFault::NothingWritten
            | RowFault::WouldLose { .. }
            | RowFault::Unsound { .. }
            | RowFault::NotAFile { .. }
            | RowFault::NewErrors { .. }
            | RowFault::TwoSheets { .. }
            | RowFault::Renamed { .. }
            | RowFault::FileOfAnother { .. }
            | RowFault::TwoFiles { .. }
            | RowFault::RenameUnclear { .. } => self.words(),
        }
    }
}

/// A path as told to the clerk.
fn shown(path: &Path) -> String {
    crate::output::visible(&path.display().to_string())
}

impl std::fmt::Display for Unplaced {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        use crate::t;
        let reason = self.reason.to_string();
        let text = if self.line == 0 {
            // Not about a row: about a file the import would write.
            reason
        } else if self.sheet.is_empty() {
            t!("row-at", line = self.line, reason = reason)
        } else {
            t!(
                "row-at-sheet",
                sheet = self.sheet.as_str(),
                line = self.line,
                reason = reason
            )
        };
        f.write_str(&text)
    }
}
