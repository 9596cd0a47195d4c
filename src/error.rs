//! What can stop a command, as data: the library's one error type. Problems with the sheets
//! themselves are [`Problem`](crate::problem::Problem)s and do not stop anything; these are the
//! rest — a folder that cannot be written, a template that fails, a table that cannot be read.
//! The words are the `#[error]` lines here, and only here.

use crate::render::Diagnostic;
use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    // --- Files and folders.
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot create {}: {source}", path.display())]
    CreateFolder { path: PathBuf, source: io::Error },
    #[error("{} already exists: it is left as it is", path.display())]
    Exists { path: PathBuf },
    #[error("{}: not a file", path.display())]
    NotAFile { path: PathBuf },

    // --- Fonts and templates.
    #[error("--font-path {}: no such folder", path.display())]
    NoFontFolder { path: PathBuf },
    #[error("cannot read the font {}: {source}", path.display())]
    Font { path: PathBuf, source: io::Error },
    #[error("--templates {}: {source}", path.display())]
    TemplatesFolder { path: PathBuf, source: io::Error },
    #[error(
        "{}: a link to {}, outside the templates folder: templates may read only the files inside it",
        path.display(),
        target.display()
    )]
    TemplateOutside { path: PathBuf, target: PathBuf },
    #[error("no template `{name}`")]
    NoTemplate { name: String },
    /// typst's errors, each with its template, place and hints.
    #[error("{}", join(diagnostics))]
    Template { diagnostics: Vec<Diagnostic> },
    #[error(
        "templates/{template}: given up after {seconds} s: the template loops or grows without end \
         (mend it; --timeout sets the limit)"
    )]
    TimedOut { template: String, seconds: f64 },
    #[error("templates/{template}: the compile stopped without a result (typst panicked)")]
    Panicked { template: String },
    #[error("cannot start a thread to compile {template}: {source}")]
    Thread { template: String, source: io::Error },
    #[error("{0}")]
    Era(#[from] crate::era::OutsideEras),
    #[error("cannot serialize the data: {0}")]
    Serialize(#[from] serde_json::Error),

    // --- PDF.
    #[error("--pdf-standard: {message}{}", hints.iter().map(|h| format!(" (hint: {h})")).collect::<String>())]
    PdfStandards { message: String, hints: Vec<String> },
    #[error("unknown PDF standard `{name}`: use one of {}", crate::render::PDF_STANDARDS.join(", "))]
    UnknownStandard { name: String },
    #[error("{}", messages.iter().map(|m| format!("PDF export: {m}")).collect::<Vec<_>>().join("\n"))]
    Export { messages: Vec<String> },

    // --- Tables (import and export).
    #[error("{}: not a table mokuhyo reads: give a .xlsx, .csv or .json file", path.display())]
    UnknownTableFormat { path: PathBuf },
    #[error(
        "{}: {mib} MiB is far more than a table of sheets (at most {max_mib} MiB is read)",
        path.display()
    )]
    TableTooLarge {
        path: PathBuf,
        mib: u64,
        max_mib: u64,
    },
    #[error("{}: {kind}", path.display())]
    TableEncoding {
        path: PathBuf,
        kind: Box<crate::problem::Kind>,
    },
    #[error("the CSV cannot be read: {0}")]
    CsvRead(csv::Error),
    #[error("cannot write the CSV: {0}")]
    CsvWrite(csv::Error),
    #[error("cannot write the workbook: {0}")]
    XlsxWrite(#[from] rust_xlsxwriter::XlsxError),
    #[error("the JSON is not an array of rows: {0}")]
    JsonRows(serde_json::Error),
    #[error("cannot open the workbook {}: {source}", path.display())]
    Workbook {
        path: PathBuf,
        source: calamine::Error,
    },
    /// What went wrong reading one worksheet: calamine's error, or a limit of ours.
    #[error("{}: sheet {sheet}: {source}", path.display())]
    Worksheet {
        path: PathBuf,
        sheet: String,
        source: Box<Error>,
    },
    #[error("{0}")]
    Spreadsheet(#[from] calamine::Error),
    #[error(
        "{}: the workbook unpacks to {mib} MiB, more than the {max_mib} MiB a sheet's table could \
         need: it is refused (save the table alone in a new workbook)",
        path.display()
    )]
    Unpacked {
        path: PathBuf,
        mib: u64,
        max_mib: u64,
    },
    #[error(
        "cell {cell} is beyond column {last}: the table must fit in {columns} columns; delete what \
         is there"
    )]
    CellBeyond {
        cell: String,
        last: String,
        columns: u32,
    },
    #[error("more than {max} cells filled in: this is no sheet's table")]
    TooManyCells { max: usize },
    #[error("no header row with the columns 課, No. and 組織目標")]
    NoHeader,
    #[error("{}: no worksheet has a header row with the columns 課, No. and 組織目標", path.display())]
    NoHeaderInWorkbook { path: PathBuf },
    #[error("{}: the table has no row to import", path.display())]
    NoRows { path: PathBuf },

    // --- new.
    #[error("the division's name (課) is empty")]
    EmptyDivisionName,
    #[error("{} cannot be read, so no division is added to it: {first}", path.display())]
    WardUnreadable { path: PathBuf, first: String },
    #[error("{} already has a division {name}", ward.display())]
    DivisionExists { ward: PathBuf, name: String },

    // --- watch.
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("the file watcher stopped")]
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

fn join(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    lines.join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
