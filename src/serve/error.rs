//! What can stop `serve` and `mokuhyo user`, as data: the address, TLS, another server on
//! the folder, the users file and its accounts, the history; and the errors of the core and
//! of the PDFs met on the way. Words in one exhaustive `match` ([`Error::message`]).

use crate::locale::io_reason;
use crate::output::shown;
use crate::t;
use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// An address other than loopback, and no accounts to sign in with.
    ServeNotLoopback {
        addr: String,
    },
    /// The address cannot be listened on (in use, not this machine's, no permission).
    ServeListen {
        addr: String,
        source: io::Error,
    },
    /// Another `serve` has the sheets folder: its process id and address, when it said them.
    ServeRunning {
        folder: PathBuf,
        serving: Option<(u32, String)>,
    },
    /// The users file is not what `mokuhyo user` writes.
    UsersFile {
        path: PathBuf,
        reason: String,
    },
    BadUserName {
        name: String,
    },
    UserExists {
        name: String,
    },
    NoSuchUser {
        name: String,
    },
    PasswordTooShort {
        min: usize,
    },
    /// The two passwords typed differ.
    PasswordsDiffer,
    /// No password could be read (stdin closed, no terminal).
    NoPassword {
        reason: String,
    },
    /// The system gave no randomness, or hashing failed.
    Random {
        reason: String,
    },
    /// `user add --division` names a division no ward under the sheets folder has.
    UnknownDivision {
        name: String,
        sheets: PathBuf,
        /// The name a ward has that looks like it (other width, spaces, invisible characters).
        suggestion: Option<String>,
    },
    /// `user add --title` names a stamp box no ward under the sheets folder has (`titles`:
    /// the boxes they have).
    UnknownTitle {
        title: String,
        sheets: PathBuf,
        titles: Vec<String>,
    },
    /// A full name too long for the seal to print legibly.
    FullNameTooLong {
        name: String,
        limit: usize,
    },
    /// An account given the right to approve without the stamp box it approves in.
    ApproveWithoutTitle {
        name: String,
    },
    /// The certificate or key of `--tls-cert`/`--tls-key` cannot be used.
    Tls {
        cert: PathBuf,
        key: PathBuf,
        reason: super::tls::TlsFault,
    },
    History {
        path: PathBuf,
        reason: String,
    },
    /// The core's error, met on the way.
    Sheet(crate::sheet::Error),
    /// The PDFs's error, met on the way.
    Pdf(crate::pdf::Error),
    /// An import's or export's error, met on the way.
    Exchange(Box<crate::exchange::Error>),
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
            Error::ServeNotLoopback { addr } => {
                t!("error-serve-not-loopback", addr = addr.as_str())
            }
            Error::ServeListen { addr, source } => match privileged_port(addr, source) {
                Some(port) => t!("error-serve-privileged-port", port = port),
                None => t!(
                    "error-serve-listen",
                    addr = addr.as_str(),
                    reason = io_reason(source)
                ),
            },
            Error::ServeRunning {
                folder,
                serving: Some((pid, url)),
            } => t!(
                "error-serve-running",
                folder = shown(folder),
                pid = pid.to_string(),
                url = url.as_str()
            ),
            Error::ServeRunning {
                folder,
                serving: None,
            } => t!("error-serve-running-unknown", folder = shown(folder)),
            Error::UsersFile { path: p, reason } => {
                t!(
                    "error-users-file",
                    path = shown(p),
                    reason = reason.as_str()
                )
            }
            Error::BadUserName { name } => {
                t!("error-bad-user-name", name = crate::output::visible(name))
            }
            Error::UserExists { name } => {
                t!("error-user-exists", name = crate::output::visible(name))
            }
            Error::NoSuchUser { name } => {
                t!("error-no-such-user", name = crate::output::visible(name))
            }
            Error::PasswordTooShort { min } => t!("error-password-too-short", min = *min),
            Error::PasswordsDiffer => t!("error-passwords-differ"),
            Error::NoPassword { reason } => t!("error-no-password", reason = reason.as_str()),
            Error::Random { reason } => t!("error-random", reason = reason.as_str()),
            Error::UnknownDivision { .. }
            | Error::UnknownTitle { .. }
            | Error::FullNameTooLong { .. } => self.account_message(),
            Error::ApproveWithoutTitle { name } => t!(
                "error-approve-without-title",
                name = crate::output::visible(name)
            ),
            Error::Tls { cert, key, reason } => t!(
                "error-tls",
                cert = shown(cert),
                key = shown(key),
                reason = reason.message()
            ),
            Error::History { path: p, reason } => {
                t!("error-history", path = shown(p), reason = reason.as_str())
            }
            Error::Sheet(error) => error.message(),
            Error::Pdf(error) => error.message(),
            Error::Exchange(error) => error.message(),
        }
    }

    /// The words of an account's option that the sheets do not bear out (`user add`).
    fn account_message(&self) -> String {
        match self {
            Error::UnknownDivision {
                name,
                sheets,
                suggestion,
            } => {
                let (name, sheets) = (crate::output::visible(name), shown(sheets));
                match suggestion {
                    Some(like) => t!(
                        "error-unknown-division-like",
                        name = name,
                        like = crate::output::visible(like),
                        sheets = sheets
                    ),
                    None => t!("error-unknown-division", name = name, sheets = sheets),
                }
            }
            Error::UnknownTitle {
                title,
                sheets,
                titles,
            } => {
                let titles: Vec<String> = (titles.iter())
                    .map(|t| format!("「{}」", crate::output::visible(t)))
                    .collect();
                t!(
                    "error-unknown-title",
                    title = crate::output::visible(title),
                    sheets = shown(sheets),
                    titles = titles.join("、")
                )
            }
            Error::FullNameTooLong { name, limit } => t!(
                "error-full-name-too-long",
                name = crate::output::visible(name),
                length = name.chars().count(),
                limit = *limit
            ),
            _ => String::new(),
        }
    }

    /// Whether the error is a problem found in the input (a table, a workbook, a ward with
    /// errors): the command ran and says so with exit status 1. Otherwise it could not run (a
    /// file it cannot read or write, an option, the system): exit status 2.
    pub fn found_in_input(&self) -> bool {
        match self {
            Error::ServeNotLoopback { .. }
            | Error::ServeListen { .. }
            | Error::ServeRunning { .. }
            | Error::UsersFile { .. }
            | Error::BadUserName { .. }
            | Error::UserExists { .. }
            | Error::NoSuchUser { .. }
            | Error::PasswordTooShort { .. }
            | Error::PasswordsDiffer
            | Error::NoPassword { .. }
            | Error::Random { .. }
            | Error::UnknownDivision { .. }
            | Error::UnknownTitle { .. }
            | Error::FullNameTooLong { .. }
            | Error::ApproveWithoutTitle { .. }
            | Error::Tls { .. }
            | Error::History { .. } => false,
            Error::Sheet(error) => error.found_in_input(),
            Error::Pdf(error) => error.found_in_input(),
            Error::Exchange(error) => error.found_in_input(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::ServeListen { source, .. } => Some(source),
            Error::Sheet(error) => error.source(),
            Error::Pdf(error) => error.source(),
            Error::Exchange(error) => error.source(),
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

impl From<crate::pdf::Error> for Error {
    fn from(error: crate::pdf::Error) -> Self {
        Error::Pdf(error)
    }
}

impl From<crate::lock::Failed> for Error {
    fn from(error: crate::lock::Failed) -> Self {
        Error::Sheet(error.into())
    }
}

impl From<crate::exchange::Error> for Error {
    fn from(error: crate::exchange::Error) -> Self {
        match error {
            crate::exchange::Error::Sheet(error) => Error::Sheet(error),
            other => Error::Exchange(Box::new(other)),
        }
    }
}

/// The port of `addr` when listening on it was refused because only an administrator may
/// listen below 1024 (Unix): a permission, but not a file's.
fn privileged_port(addr: &str, error: &io::Error) -> Option<u16> {
    let port: u16 = addr.rsplit_once(':')?.1.parse().ok()?;
    (error.kind() == io::ErrorKind::PermissionDenied && port != 0 && port < 1024).then_some(port)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Lang};

    /// An example of each error. The words come from one exhaustive `match`, so every error has
    /// them; this checks that they are found in both catalogues and differ by language.
    fn examples() -> Vec<Error> {
        let path = || PathBuf::from("sheets/東区/01.toml");
        vec![
            Error::ServeNotLoopback {
                addr: "0.0.0.0:8080".into(),
            },
            Error::ServeListen {
                addr: "127.0.0.1:8080".into(),
                source: io::Error::from(io::ErrorKind::AddrInUse),
            },
            Error::ServeRunning {
                folder: path(),
                serving: Some((1234, "http://127.0.0.1:8080/".into())),
            },
            Error::ServeRunning {
                folder: path(),
                serving: None,
            },
            Error::UsersFile {
                path: path(),
                reason: "x".into(),
            },
            Error::BadUserName { name: "a:b".into() },
            Error::UserExists {
                name: "chiiki".into(),
            },
            Error::NoSuchUser {
                name: "chiiki".into(),
            },
            Error::PasswordTooShort { min: 8 },
            Error::PasswordsDiffer,
            Error::NoPassword { reason: "x".into() },
            Error::Random { reason: "x".into() },
            Error::UnknownDivision {
                name: "地域課\u{202E}".into(),
                sheets: path(),
                suggestion: Some("地域課".into()),
            },
            Error::UnknownTitle {
                title: "部長".into(),
                sheets: path(),
                titles: vec!["区長".into(), "課長".into()],
            },
            Error::FullNameTooLong {
                name: "山".repeat(20),
                limit: 16,
            },
            Error::ApproveWithoutTitle {
                name: "kacho".into(),
            },
            Error::Tls {
                cert: path(),
                key: path(),
                reason: super::super::tls::TlsFault::NoKey { file: path() },
            },
            Error::History {
                path: path(),
                reason: "x".into(),
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
