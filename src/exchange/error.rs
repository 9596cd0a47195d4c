//! What can stop an export or an import, as data: a table or workbook that cannot be read
//! (its format, its size, a cell beyond the last column, a password), one that cannot be
//! written; and the core's errors met on the way ([`Error::Sheet`]). Words in one exhaustive
//! `match` ([`Error::message`]).

use crate::output::shown;
use crate::t;
use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    NotAFile {
        path: PathBuf,
    },
    UnknownTableFormat {
        path: PathBuf,
    },
    TableTooLarge {
        path: PathBuf,
        mib: u64,
        max_mib: u64,
    },
    TableEncoding {
        path: PathBuf,
        kind: Box<crate::sheet::problem::Kind>,
    },
    CsvRead(csv::Error),
    CsvWrite(csv::Error),
    XlsxWrite(rust_xlsxwriter::XlsxError),
    JsonRows(serde_json::Error),
    Workbook {
        path: PathBuf,
        source: calamine::Error,
    },
    /// A workbook saved with a password (encrypted): it cannot be read.
    WorkbookPassword {
        path: PathBuf,
    },
    /// A file named as a workbook that is none (a CSV renamed .xlsx, an empty or truncated
    /// file): no zip or OLE container to open.
    NotAWorkbook {
        path: PathBuf,
    },
    /// What went wrong reading one worksheet: calamine's error, or a limit of ours.
    Worksheet {
        path: PathBuf,
        sheet: String,
        source: Box<Error>,
    },
    Spreadsheet(calamine::Error),
    Unpacked {
        path: PathBuf,
        mib: u64,
        max_mib: u64,
    },
    CellBeyond {
        cell: String,
        last: String,
        columns: u32,
    },
    TooManyCells {
        max: usize,
    },
    NoHeader,
    NoHeaderInWorkbook {
        path: PathBuf,
    },
    NoRows {
        path: PathBuf,
    },
    /// The core's error, met on the way.
    Sheet(crate::sheet::Error),
}

impl Error {
    pub fn write(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Sheet(crate::sheet::Error::write(path, source))
    }

    pub fn read(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Sheet(crate::sheet::Error::read(path, source))
    }

    pub fn create_folder(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Sheet(crate::sheet::Error::create_folder(path, source))
    }

    /// The error in the chosen language's words: one arm for each error, no other way.
    pub fn message(&self) -> String {
        match self {
            Error::NotAFile { path: p } => t!("error-not-a-file", path = shown(p)),
            Error::UnknownTableFormat { path: p } => {
                t!("error-unknown-table-format", path = shown(p))
            }
            Error::TableTooLarge {
                path: p,
                mib,
                max_mib,
            } => t!(
                "error-table-too-large",
                path = shown(p),
                mib = *mib,
                max_mib = *max_mib
            ),
            Error::TableEncoding { path: p, kind } => format!("{}: {kind}", shown(p)),
            Error::CsvRead(error) => t!("error-csv-read", reason = error.to_string()),
            Error::CsvWrite(error) => t!("error-csv-write", reason = error.to_string()),
            Error::XlsxWrite(error) => t!("error-xlsx-write", reason = error.to_string()),
            Error::JsonRows(error) => t!("error-json-rows", reason = error.to_string()),
            Error::Workbook { path: p, source } => {
                t!(
                    "error-workbook",
                    path = shown(p),
                    reason = source.to_string()
                )
            }
            Error::WorkbookPassword { path: p } => t!("error-workbook-password", path = shown(p)),
            Error::NotAWorkbook { path: p } => t!("error-not-a-workbook", path = shown(p)),
            Error::Worksheet {
                path: p,
                sheet,
                source,
            } => t!(
                "error-worksheet",
                path = shown(p),
                sheet = sheet.as_str(),
                reason = source.to_string()
            ),
            Error::Spreadsheet(error) => error.to_string(),
            Error::Unpacked {
                path: p,
                mib,
                max_mib,
            } => t!(
                "error-unpacked",
                path = shown(p),
                mib = *mib,
                max_mib = *max_mib
            ),
            Error::CellBeyond {
                cell,
                last,
                columns,
            } => t!(
                "error-cell-beyond",
                cell = cell.as_str(),
                last = last.as_str(),
                columns = *columns
            ),
            Error::TooManyCells { max } => t!("error-too-many-cells", max = *max),
            Error::NoHeader => t!("error-no-header"),
            Error::NoHeaderInWorkbook { path: p } => {
                t!("error-no-header-in-workbook", path = shown(p))
            }
            Error::NoRows { path: p } => t!("error-no-rows", path = shown(p)),
            Error::Sheet(error) => error.message(),
        }
    }

    /// Whether the error is a problem found in the input (a table, a workbook, a ward with
    /// errors): the command ran and says so with exit status 1. Otherwise it could not run (a
    /// file it cannot read or write, an option, the system): exit status 2.
    pub fn found_in_input(&self) -> bool {
        match self {
            Error::TableTooLarge { .. }
            | Error::TableEncoding { .. }
            | Error::CsvRead(_)
            | Error::JsonRows(_)
            | Error::Workbook { .. }
            | Error::WorkbookPassword { .. }
            | Error::NotAWorkbook { .. }
            | Error::Spreadsheet(_)
            | Error::Unpacked { .. }
            | Error::CellBeyond { .. }
            | Error::TooManyCells { .. }
            | Error::NoHeader
            | Error::NoHeaderInWorkbook { .. }
            | Error::NoRows { .. } => true,
            Error::Worksheet { source, .. } => source.found_in_input(),
            Error::NotAFile { .. }
            | Error::UnknownTableFormat { .. }
            | Error::CsvWrite(_)
            | Error::XlsxWrite(_) => false,
            Error::Sheet(error) => error.found_in_input(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Workbook { source, .. } => Some(source),
            Error::Worksheet { source, .. } => Some(source.as_ref()),
            Error::JsonRows(error) => Some(error),
            Error::CsvRead(error) | Error::CsvWrite(error) => Some(error),
            Error::XlsxWrite(error) => Some(error),
            Error::Spreadsheet(error) => Some(error),
            Error::Sheet(error) => error.source(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl From<crate::sheet::Error> for Error {
    fn from(error: crate::sheet::Error) -> Self {
        Error::Sheet(error)
    }
}

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        Error::XlsxWrite(error)
    }
}

impl From<calamine::Error> for Error {
    fn from(error: calamine::Error) -> Self {
        Error::Spreadsheet(error)
    }
}

impl From<crate::sheet::era::OutsideEras> for Error {
    fn from(error: crate::sheet::era::OutsideEras) -> Self {
        Error::Sheet(error.into())
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::Sheet(error.into())
    }
}

impl From<crate::lock::Failed> for Error {
    fn from(error: crate::lock::Failed) -> Self {
        Error::Sheet(error.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Lang};
    use crate::sheet::problem::{FileKind, Kind};

    /// An example of each error. The words come from one exhaustive `match`, so every error has
    /// them; this checks that they are found in both catalogues and differ by language.
    fn examples() -> Vec<Error> {
        let path = || PathBuf::from("sheets/東区/01.toml");
        let denied = || io::Error::from(io::ErrorKind::PermissionDenied);
        let json = || serde_json::from_str::<u8>("x").unwrap_err();
        vec![
            Error::NotAFile { path: path() },
            Error::UnknownTableFormat { path: path() },
            Error::TableTooLarge {
                path: path(),
                mib: 65,
                max_mib: 64,
            },
            Error::TableEncoding {
                path: path(),
                kind: Box::new(Kind::Files(FileKind::NotText)),
            },
            Error::CsvRead(csv::Error::from(denied())),
            Error::CsvWrite(csv::Error::from(denied())),
            Error::XlsxWrite(rust_xlsxwriter::XlsxError::ParameterError("p".into())),
            Error::JsonRows(json()),
            Error::Workbook {
                path: path(),
                source: calamine::Error::Msg("m"),
            },
            Error::WorkbookPassword { path: path() },
            Error::NotAWorkbook { path: path() },
            Error::Worksheet {
                path: path(),
                sheet: "Sheet1".into(),
                source: Box::new(Error::NoHeader),
            },
            Error::Spreadsheet(calamine::Error::Msg("m")),
            Error::Unpacked {
                path: path(),
                mib: 600,
                max_mib: 512,
            },
            Error::CellBeyond {
                cell: "IW1".into(),
                last: "IV".into(),
                columns: 256,
            },
            Error::TooManyCells { max: 10 },
            Error::NoHeader,
            Error::NoHeaderInWorkbook { path: path() },
            Error::NoRows { path: path() },
        ]
    }

    #[test]
    fn every_error_has_its_words_in_both_languages() {
        for error in &examples() {
            let ja = locale::with(Lang::Ja, || error.to_string());
            let en = locale::with(Lang::En, || error.to_string());
            assert!(
                !ja.contains("error-") && !en.contains("error-"),
                "{error:?}"
            );
            if !matches!(error, Error::Spreadsheet(_)) {
                assert_ne!(ja, en, "{error:?}");
            }
        }
    }
}
