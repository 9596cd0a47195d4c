//! What can stop a PDF, as data: fonts, templates (typst's own diagnostics, each naming the
//! user's template file, line and column), the PDF standards, `watch`; and the core's errors
//! met on the way ([`Error::Sheet`]). Words in one exhaustive `match` ([`Error::message`]).

use super::diagnostic::Diagnostic;
use crate::locale::io_reason;
use crate::output::shown;
use crate::t;
use std::fmt;
use std::io;
use std::path::PathBuf;

/// The names `--pdf-standard` accepts, as typst spells them.
pub const PDF_STANDARDS: [&str; 17] = [
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

#[derive(Debug)]
pub enum Error {
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
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    WatcherStopped,
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
            Error::NoFontFolder { path: p } => t!("error-no-font-folder", path = shown(p)),
            Error::Font { path: p, source } => {
                t!("error-font", path = shown(p), reason = io_reason(source))
            }
            Error::TemplatesFolder { path: p, source } => {
                t!(
                    "error-templates-folder",
                    path = shown(p),
                    reason = io_reason(source)
                )
            }
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
                    reason = io_reason(source)
                )
            }
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
                names = PDF_STANDARDS.join(", ")
            ),
            Error::Export { messages } => (messages.iter())
                .map(|m| t!("error-export", message = m.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            Error::Watch { path: p, source } => {
                t!("error-watch", path = shown(p), reason = source.to_string())
            }
            Error::WatcherStopped => t!("error-watcher-stopped"),
            Error::Sheet(error) => error.message(),
        }
    }

    /// Whether the error is a problem found in the input (a table, a workbook, a ward with
    /// errors): the command ran and says so with exit status 1. Otherwise it could not run (a
    /// file it cannot read or write, an option, the system): exit status 2.
    pub fn found_in_input(&self) -> bool {
        match self {
            Error::NoFontFolder { .. }
            | Error::Font { .. }
            | Error::TemplatesFolder { .. }
            | Error::TemplateOutside { .. }
            | Error::NoTemplate { .. }
            | Error::Template { .. }
            | Error::TimedOut { .. }
            | Error::Panicked { .. }
            | Error::Thread { .. }
            | Error::PdfStandards { .. }
            | Error::UnknownStandard { .. }
            | Error::Export { .. }
            | Error::Watch { .. }
            | Error::WatcherStopped => false,
            Error::Sheet(error) => error.found_in_input(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Font { source, .. }
            | Error::TemplatesFolder { source, .. }
            | Error::Thread { source, .. } => Some(source),
            Error::Watch { source, .. } => Some(source),
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

impl From<crate::sheet::era::OutsideEras> for Error {
    fn from(error: crate::sheet::era::OutsideEras) -> Self {
        Error::Sheet(error.into())
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
        let diagnostic = Diagnostic {
            file: Some(PathBuf::from("templates/sheet.typ")),
            line: 3,
            column: 5,
            message: "unknown variable: x".into(),
            hints: vec!["hint".into()],
        };
        vec![
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
            Error::PdfStandards {
                message: "m".into(),
                hints: vec!["h".into()],
            },
            Error::UnknownStandard { name: "x".into() },
            Error::Export {
                messages: vec!["m".into()],
            },
            Error::Watch {
                path: path(),
                source: notify::Error::generic("g"),
            },
            Error::WatcherStopped,
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
            if !matches!(error, Error::Template { .. }) {
                assert_ne!(ja, en, "{error:?}");
            }
        }
    }
}
