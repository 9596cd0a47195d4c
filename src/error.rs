//! What can stop a command, as data: the library's one error type. Problems with the sheets
//! themselves are [`Problem`](crate::sheet::problem::Problem)s and do not stop anything; these are the
//! rest — a folder that cannot be written, a template that fails, a table that cannot be read.
//! The words are the messages `error-*` of the catalogues (`locales/*.ftl`), chosen in
//! [`Error::message`].

use crate::pdf::render::Diagnostic;
use crate::t;
use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    // --- Files and folders.
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
    NotAFile {
        path: PathBuf,
    },

    // --- Fonts and templates.
    NoFontFolder {
        path: PathBuf,
    },
    Font {
        path: PathBuf,
        source: io::Error,
    },
    TemplatesFolder {
        path: PathBuf,
        source: io::Error,
    },
    TemplateOutside {
        path: PathBuf,
        target: PathBuf,
    },
    NoTemplate {
        name: String,
    },
    /// typst's errors, each with its template, place and hints.
    Template {
        diagnostics: Vec<Diagnostic>,
    },
    TimedOut {
        template: String,
        seconds: f64,
    },
    Panicked {
        template: String,
    },
    Thread {
        template: String,
        source: io::Error,
    },
    Era(crate::sheet::era::OutsideEras),
    Serialize(serde_json::Error),

    // --- PDF.
    PdfStandards {
        message: String,
        hints: Vec<String>,
    },
    UnknownStandard {
        name: String,
    },
    Export {
        messages: Vec<String>,
    },

    // --- Tables (import and export).
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

    // --- new.
    EmptyDivisionName,
    WardUnreadable {
        path: PathBuf,
        first: String,
    },
    DivisionExists {
        ward: PathBuf,
        name: String,
    },

    // --- new.
    /// A new ward folder whose name says no ward: `--ward` is needed.
    AskWard {
        folder: PathBuf,
    },
    /// A new ward folder whose name says no fiscal year: `--fiscal-year` is needed.
    AskFiscalYear {
        folder: PathBuf,
    },

    // --- serve.
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
    /// A ward folder's lock ([`crate::lock`]) cannot be taken: the folder cannot be written.
    Lock {
        path: PathBuf,
        source: io::Error,
    },

    // --- user.
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

    /// The certificate or key of `--tls-cert`/`--tls-key` cannot be used.
    Tls {
        cert: PathBuf,
        key: PathBuf,
        reason: String,
    },

    // --- serve's history.
    History {
        path: PathBuf,
        reason: String,
    },

    // --- next-year.
    /// A ward (or one of its files) with errors: next year is made from a sound one.
    NotSound {
        path: PathBuf,
        errors: usize,
    },

    // --- watch.
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    WatcherStopped,
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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. }
            | Error::Write { source, .. }
            | Error::CreateFolder { source, .. }
            | Error::Font { source, .. }
            | Error::TemplatesFolder { source, .. }
            | Error::Thread { source, .. } => Some(source),
            Error::Workbook { source, .. } => Some(source),
            Error::Worksheet { source, .. } => Some(source.as_ref()),
            Error::Watch { source, .. } => Some(source),
            Error::Era(error) => Some(error),
            Error::Serialize(error) | Error::JsonRows(error) => Some(error),
            Error::CsvRead(error) | Error::CsvWrite(error) => Some(error),
            Error::XlsxWrite(error) => Some(error),
            Error::Spreadsheet(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl Error {
    /// The error in the chosen language's words.
    pub fn message(&self) -> String {
        self.files()
            .or_else(|| self.templates())
            .or_else(|| self.tables())
            .or_else(|| self.commands())
            .expect("every error has its message")
    }

    fn files(&self) -> Option<String> {
        Some(match self {
            Error::Read { path: p, source } => {
                t!("error-read", path = shown(p), reason = io(source))
            }
            Error::Write { path: p, source } => {
                t!("error-write", path = shown(p), reason = io(source))
            }
            Error::CreateFolder { path: p, source } => {
                t!("error-create-folder", path = shown(p), reason = io(source))
            }
            Error::Exists { path: p } => t!("error-exists", path = shown(p)),
            Error::NotAFile { path: p } => t!("error-not-a-file", path = shown(p)),
            Error::NoFontFolder { path: p } => t!("error-no-font-folder", path = shown(p)),
            Error::Font { path: p, source } => {
                t!("error-font", path = shown(p), reason = io(source))
            }
            Error::TemplatesFolder { path: p, source } => {
                t!(
                    "error-templates-folder",
                    path = shown(p),
                    reason = io(source)
                )
            }
            _ => return None,
        })
    }

    fn templates(&self) -> Option<String> {
        Some(match self {
            Error::TemplateOutside { path: p, target } => {
                t!(
                    "error-template-outside",
                    path = shown(p),
                    target = shown(target)
                )
            }
            Error::NoTemplate { name } => t!("error-no-template", name = name.as_str()),
            Error::Template { diagnostics } => {
                let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
                lines.join("\n")
            }
            Error::TimedOut { template, seconds } => {
                t!(
                    "error-timed-out",
                    template = template.as_str(),
                    seconds = *seconds
                )
            }
            Error::Panicked { template } => t!("error-panicked", template = template.as_str()),
            Error::Thread { template, source } => {
                t!(
                    "error-thread",
                    template = template.as_str(),
                    reason = io(source)
                )
            }
            Error::Era(error) => error.to_string(),
            Error::Serialize(error) => t!("error-serialize", reason = error.to_string()),
            Error::PdfStandards { message, hints } => {
                let mut text = t!("error-pdf-standards", message = message.as_str());
                for hint in hints {
                    text.push(' ');
                    text.push_str(&t!("error-hint", hint = hint.as_str()));
                }
                text
            }
            Error::UnknownStandard { name } => t!(
                "error-unknown-standard",
                name = name.as_str(),
                names = crate::pdf::render::PDF_STANDARDS.join(", ")
            ),
            Error::Export { messages } => (messages.iter())
                .map(|m| t!("error-export", message = m.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => return None,
        })
    }

    fn tables(&self) -> Option<String> {
        Some(match self {
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
            _ => return None,
        })
    }

    fn commands(&self) -> Option<String> {
        Some(match self {
            Error::EmptyDivisionName => t!("error-empty-division-name"),
            Error::WardUnreadable { path: p, first } => {
                t!(
                    "error-ward-unreadable",
                    path = shown(p),
                    first = first.as_str()
                )
            }
            Error::DivisionExists { ward, name } => {
                t!(
                    "error-division-exists",
                    ward = shown(ward),
                    name = name.as_str()
                )
            }
            Error::Watch { path: p, source } => {
                t!("error-watch", path = shown(p), reason = source.to_string())
            }
            Error::WatcherStopped => t!("error-watcher-stopped"),
            Error::AskWard { folder } => t!("error-ask-ward", folder = shown(folder)),
            Error::AskFiscalYear { folder } => {
                t!("error-ask-fiscal-year", folder = shown(folder))
            }
            Error::NotSound { path: p, errors } => {
                t!("error-not-sound", path = shown(p), errors = *errors)
            }
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
            Error::Tls { cert, key, reason } => t!(
                "error-tls",
                cert = shown(cert),
                key = shown(key),
                reason = reason.as_str()
            ),
            Error::History { path: p, reason } => {
                t!("error-history", path = shown(p), reason = reason.as_str())
            }
            Error::ServeNotLoopback { addr } => {
                t!("error-serve-not-loopback", addr = addr.as_str())
            }
            Error::ServeListen { addr, source } => match privileged_port(addr, source) {
                Some(port) => t!("error-serve-privileged-port", port = port),
                None => t!(
                    "error-serve-listen",
                    addr = addr.as_str(),
                    reason = io(source)
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
            Error::Lock { path: p, source } => {
                t!("error-lock", path = shown(p), reason = io(source))
            }
            _ => return None,
        })
    }
}

/// A path as it is shown: invisible characters as `<U+…>`.
fn shown(path: &std::path::Path) -> String {
    crate::output::visible(&path.display().to_string())
}

/// The system's reason, in the chosen language for the reasons a clerk meets.
/// The port of `addr` when listening on it was refused because only an administrator may
/// listen below 1024 (Unix): a permission, but not a file's.
fn privileged_port(addr: &str, error: &io::Error) -> Option<u16> {
    let port: u16 = addr.rsplit_once(':')?.1.parse().ok()?;
    (error.kind() == io::ErrorKind::PermissionDenied && port != 0 && port < 1024).then_some(port)
}

pub fn io(error: &io::Error) -> String {
    let id = match error.kind() {
        io::ErrorKind::NotFound => "io-not-found",
        io::ErrorKind::PermissionDenied => "io-permission-denied",
        io::ErrorKind::AlreadyExists => "io-already-exists",
        io::ErrorKind::StorageFull => "io-storage-full",
        io::ErrorKind::ReadOnlyFilesystem => "io-read-only",
        io::ErrorKind::AddrInUse => "io-address-in-use",
        io::ErrorKind::AddrNotAvailable => "io-address-not-available",
        _ => return error.to_string(),
    };
    t!(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Lang};

    /// Each error's place in [`every_error`]: an error added to [`Error`] fails to compile here
    /// until it has one, and the test fails until it has its example.
    fn index(error: &Error) -> usize {
        match error {
            Error::Read { .. } => 0,
            Error::Write { .. } => 1,
            Error::CreateFolder { .. } => 2,
            Error::Exists { .. } => 3,
            Error::NotAFile { .. } => 4,
            Error::NoFontFolder { .. } => 5,
            Error::Font { .. } => 6,
            Error::TemplatesFolder { .. } => 7,
            Error::TemplateOutside { .. } => 8,
            Error::NoTemplate { .. } => 9,
            Error::Template { .. } => 10,
            Error::TimedOut { .. } => 11,
            Error::Panicked { .. } => 12,
            Error::Thread { .. } => 13,
            Error::Era(_) => 14,
            Error::Serialize(_) => 15,
            Error::PdfStandards { .. } => 16,
            Error::UnknownStandard { .. } => 17,
            Error::Export { .. } => 18,
            Error::UnknownTableFormat { .. } => 19,
            Error::TableTooLarge { .. } => 20,
            Error::TableEncoding { .. } => 21,
            Error::CsvRead(_) => 22,
            Error::CsvWrite(_) => 23,
            Error::XlsxWrite(_) => 24,
            Error::JsonRows(_) => 25,
            Error::Workbook { .. } => 26,
            Error::Worksheet { .. } => 27,
            Error::Spreadsheet(_) => 28,
            Error::Unpacked { .. } => 29,
            Error::CellBeyond { .. } => 30,
            Error::TooManyCells { .. } => 31,
            Error::NoHeader => 32,
            Error::NoHeaderInWorkbook { .. } => 33,
            Error::NoRows { .. } => 34,
            Error::EmptyDivisionName => 35,
            Error::WardUnreadable { .. } => 36,
            Error::DivisionExists { .. } => 37,
            Error::Watch { .. } => 38,
            Error::WatcherStopped => 39,
            Error::NotSound { .. } => 40,
            Error::AskWard { .. } => 41,
            Error::AskFiscalYear { .. } => 42,
            Error::ServeNotLoopback { .. } => 43,
            Error::ServeListen { .. } => 44,
            Error::UsersFile { .. } => 45,
            Error::BadUserName { .. } => 46,
            Error::UserExists { .. } => 47,
            Error::NoSuchUser { .. } => 48,
            Error::PasswordTooShort { .. } => 49,
            Error::PasswordsDiffer => 50,
            Error::NoPassword { .. } => 51,
            Error::Random { .. } => 52,
            Error::History { .. } => 53,
            Error::Tls { .. } => 54,
            Error::UnknownDivision { .. } => 55,
            Error::WorkbookPassword { .. } => 56,
            Error::ServeRunning {
                serving: Some(_), ..
            } => 57,
            Error::ServeRunning { serving: None, .. } => 58,
            Error::Lock { .. } => 59,
            Error::NotAWorkbook { .. } => 60,
        }
    }

    fn every_error() -> Vec<Error> {
        let path = || PathBuf::from("sheets/東区/01.toml");
        let denied = || io::Error::from(io::ErrorKind::PermissionDenied);
        let json = || serde_json::from_str::<u8>("x").unwrap_err();
        let diagnostic = Diagnostic {
            file: Some(PathBuf::from("templates/sheet.typ")),
            line: 3,
            column: 5,
            message: "unknown variable: x".into(),
            hints: vec!["hint".into()],
        };
        vec![
            Error::read(path(), denied()),
            Error::write(path(), denied()),
            Error::create_folder(path(), denied()),
            Error::Exists { path: path() },
            Error::NotAFile { path: path() },
            Error::NoFontFolder { path: path() },
            Error::Font {
                path: path(),
                source: denied(),
            },
            Error::TemplatesFolder {
                path: path(),
                source: denied(),
            },
            Error::TemplateOutside {
                path: path(),
                target: path(),
            },
            Error::NoTemplate {
                name: "sheet.typ".into(),
            },
            Error::Template {
                diagnostics: vec![diagnostic],
            },
            Error::TimedOut {
                template: "sheet.typ".into(),
                seconds: 1.5,
            },
            Error::Panicked {
                template: "sheet.typ".into(),
            },
            Error::Thread {
                template: "sheet.typ".into(),
                source: denied(),
            },
            Error::Era(crate::sheet::era::OutsideEras("1800-01-01".into())),
            Error::Serialize(json()),
            Error::PdfStandards {
                message: "m".into(),
                hints: vec!["h".into()],
            },
            Error::UnknownStandard { name: "x".into() },
            Error::Export {
                messages: vec!["m".into()],
            },
            Error::UnknownTableFormat { path: path() },
            Error::TableTooLarge {
                path: path(),
                mib: 65,
                max_mib: 64,
            },
            Error::TableEncoding {
                path: path(),
                kind: Box::new(crate::sheet::problem::Kind::NotText),
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
            Error::EmptyDivisionName,
            Error::WardUnreadable {
                path: path(),
                first: "x".into(),
            },
            Error::DivisionExists {
                ward: path(),
                name: "地域課".into(),
            },
            Error::Watch {
                path: path(),
                source: notify::Error::generic("g"),
            },
            Error::WatcherStopped,
            Error::NotSound {
                path: path(),
                errors: 2,
            },
            Error::AskWard { folder: path() },
            Error::AskFiscalYear { folder: path() },
            Error::ServeNotLoopback {
                addr: "0.0.0.0:8080".into(),
            },
            Error::ServeListen {
                addr: "127.0.0.1:8080".into(),
                source: io::Error::from(io::ErrorKind::AddrInUse),
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
            Error::History {
                path: path(),
                reason: "x".into(),
            },
            Error::Tls {
                cert: path(),
                key: path(),
                reason: "x".into(),
            },
            Error::ServeRunning {
                folder: path(),
                serving: Some((1234, "http://127.0.0.1:8080/".into())),
            },
            Error::ServeRunning {
                folder: path(),
                serving: None,
            },
            Error::Lock {
                path: path(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
        ]
    }

    #[test]
    fn every_error_has_its_words_in_both_languages() {
        let errors = every_error();
        let mut indices: Vec<usize> = errors.iter().map(index).collect();
        indices.sort();
        indices.dedup();
        assert_eq!(
            indices,
            (0..=60).collect::<Vec<_>>(),
            "one example of each error"
        );
        for error in &errors {
            let ja = locale::with(Lang::Ja, || error.to_string());
            let en = locale::with(Lang::En, || error.to_string());
            assert!(
                !ja.contains("error-") && !en.contains("error-"),
                "{error:?}"
            );
            if !matches!(error, Error::Template { .. } | Error::Spreadsheet(_)) {
                // typst's and calamine's own words are the same in both.
                assert_ne!(ja, en, "{error:?}");
            }
        }
    }

    #[test]
    fn the_reasons_a_clerk_meets_are_in_japanese() {
        let error = Error::write(
            "output/東区.pdf",
            io::Error::from(io::ErrorKind::PermissionDenied),
        );
        assert_eq!(
            locale::with(Lang::Ja, || error.to_string()),
            "output/東区.pdf に書き込めません：アクセスが拒否されました（他のプログラムで開いているか、読み取り専用の可能性があります）"
        );
    }
}
