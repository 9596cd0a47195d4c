//! What can stop work on the sheets themselves, as data: a file or folder that cannot be read
//! or written, a ward folder held by another program, what `new` and `next-year` refuse. The
//! problems *in* the sheets are [`Problem`](super::problem::Problem)s and stop nothing. The
//! words are the messages `error-*` of the catalogues, chosen in one exhaustive `match`
//! ([`Error::message`]): an error without words does not compile.

use crate::locale::io_reason;
use crate::output::shown;
use crate::t;
use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    Serialize(serde_json::Error),
    Read {
        path: PathBuf,
        source: io::Error,
    },
    Write {
        path: PathBuf,
        source: io::Error,
    },
    CreateFolder {
        path: PathBuf,
        source: io::Error,
    },
    Exists {
        path: PathBuf,
    },
    /// The `--sheets` folder cannot be listed (it is not there, not a folder, not ours).
    SheetsFolder {
        path: PathBuf,
        source: io::Error,
    },
    /// A ward folder's lock ([`crate::lock`]) cannot be taken: the folder cannot be written.
    Lock {
        path: PathBuf,
        source: io::Error,
    },
    Era(crate::sheet::era::OutsideEras),
    EmptyDivisionName,
    WardUnreadable {
        path: PathBuf,
        first: String,
    },
    DivisionExists {
        ward: PathBuf,
        name: String,
    },
    /// A new ward folder whose name says no ward: `--ward` is needed.
    AskWard {
        folder: PathBuf,
    },
    /// A new ward folder whose name says no fiscal year: `--fiscal-year` is needed.
    AskFiscalYear {
        folder: PathBuf,
    },
    /// `next-year --out` inside this year's ward folder: the new ward would be nested in it,
    /// where `build` and `check` do not read it.
    InsideWard {
        ward: PathBuf,
        out: PathBuf,
    },
    /// A ward (or one of its files) with errors: next year is made from a sound one.
    NotSound {
        path: PathBuf,
        errors: usize,
    },
    /// The record of submissions and approvals (`.mokuhyo-approvals.sqlite`) cannot be read
    /// or written: SQLite's reason.
    Approvals {
        path: PathBuf,
        reason: String,
    },
}

impl Error {
    pub fn write(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    pub fn read(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    pub fn create_folder(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::CreateFolder {
            path: path.into(),
            source,
        }
    }

    /// The error in the chosen language's words: one arm for each error, no other way.
    pub fn message(&self) -> String {
        match self {
            Error::Serialize(error) => t!("error-serialize", reason = error.to_string()),
            Error::Read { path: p, source } => {
                t!("error-read", path = shown(p), reason = io_reason(source))
            }
            Error::Write { path: p, source } => {
                t!("error-write", path = shown(p), reason = io_reason(source))
            }
            Error::CreateFolder { path: p, source } => {
                t!(
                    "error-create-folder",
                    path = shown(p),
                    reason = io_reason(source)
                )
            }
            Error::Exists { path: p } => t!("error-exists", path = shown(p)),
            Error::SheetsFolder { path: p, source } => {
                t!(
                    "error-sheets-folder",
                    path = shown(p),
                    reason = io_reason(source)
                )
            }
            Error::Lock { path: p, source } => {
                t!("error-lock", path = shown(p), reason = io_reason(source))
            }
            Error::Era(error) => error.to_string(),
            Error::EmptyDivisionName => t!("error-empty-division-name"),
            Error::WardUnreadable { path: p, first } => {
                t!(
                    "error-ward-unreadable",
                    path = shown(p),
                    first = first.as_str()
                )
            }
            Error::Approvals { path: p, reason } => {
                t!("error-approvals", path = shown(p), reason = reason.as_str())
            }
            Error::DivisionExists { ward, name } => {
                t!(
                    "error-division-exists",
                    ward = shown(ward),
                    name = name.as_str()
                )
            }
            Error::AskWard { folder } => t!("error-ask-ward", folder = shown(folder)),
            Error::AskFiscalYear { folder } => {
                t!("error-ask-fiscal-year", folder = shown(folder))
            }
            Error::NotSound { path: p, errors } => {
                t!("error-not-sound", path = shown(p), errors = *errors)
            }
            Error::InsideWard { ward, out } => {
                t!("error-inside-ward", ward = shown(ward), out = shown(out))
            }
        }
    }

    /// Whether the error is a problem found in the input (a table, a workbook, a ward with
    /// errors): the command ran and says so with exit status 1. Otherwise it could not run (a
    /// file it cannot read or write, an option, the system): exit status 2.
    pub fn found_in_input(&self) -> bool {
        match self {
            Error::Era(_) | Error::WardUnreadable { .. } | Error::NotSound { .. } => true,
            Error::Serialize(_)
            | Error::Read { .. }
            | Error::Write { .. }
            | Error::CreateFolder { .. }
            | Error::Exists { .. }
            | Error::SheetsFolder { .. }
            | Error::Lock { .. }
            | Error::EmptyDivisionName
            | Error::DivisionExists { .. }
            | Error::AskWard { .. }
            | Error::AskFiscalYear { .. }
            | Error::InsideWard { .. }
            | Error::Approvals { .. } => false,
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. }
            | Error::Write { source, .. }
            | Error::CreateFolder { source, .. }
            | Error::SheetsFolder { source, .. }
            | Error::Lock { source, .. } => Some(source),
            Error::Era(error) => Some(error),
            Error::Serialize(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl From<crate::sheet::era::OutsideEras> for Error {
    fn from(error: crate::sheet::era::OutsideEras) -> Self {
        Error::Era(error)
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::Serialize(error)
    }
}

impl From<crate::lock::Failed> for Error {
    fn from(failed: crate::lock::Failed) -> Self {
        Error::Lock {
            path: failed.path,
            source: failed.source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Lang};

    /// An example of each error. The words come from one exhaustive `match`, so every error has
    /// them; this checks that they are found in both catalogues and differ by language.
    fn examples() -> Vec<Error> {
        let path = || PathBuf::from("sheets/東区/01.toml");
        let denied = || io::Error::from(io::ErrorKind::PermissionDenied);
        let json = || serde_json::from_str::<u8>("x").unwrap_err();
        vec![
            Error::Serialize(json()),
            Error::read(path(), denied()),
            Error::write(path(), denied()),
            Error::create_folder(path(), denied()),
            Error::Exists { path: path() },
            Error::SheetsFolder {
                path: path(),
                source: io::Error::from(io::ErrorKind::NotFound),
            },
            Error::Lock {
                path: path(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            Error::Era(crate::sheet::era::OutsideEras("1800-01-01".into())),
            Error::EmptyDivisionName,
            Error::WardUnreadable {
                path: path(),
                first: "x".into(),
            },
            Error::DivisionExists {
                ward: path(),
                name: "地域課".into(),
            },
            Error::AskWard { folder: path() },
            Error::AskFiscalYear { folder: path() },
            Error::NotSound {
                path: path(),
                errors: 2,
            },
            Error::InsideWard {
                ward: path(),
                out: path(),
            },
            Error::Approvals {
                path: path(),
                reason: "database is locked".into(),
            },
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
            {
                assert_ne!(ja, en, "{error:?}");
            }
        }
    }
}
