//! typst's messages about a template as data: the template's file as the user knows it, the
//! place and the hints. A leaf: [`super::render`] makes them, the errors and the build report
//! carry them.

use serde::Serialize;
use std::path::PathBuf;

/// One of typst's messages about a template: the template's file as the user knows it (their
/// own in `--templates DIR`, or `templates/…` for a built-in one), the line and column, and the
/// hints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: Option<PathBuf>,
    /// 1-based; 0 when typst gives no place.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hints: Vec<String>,
}

impl std::fmt::Display for Diagnostic {
    /// `templates/form.typ:12:5: message (hint: …)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if self.line > 0 {
                write!(f, ":{}:{}", self.line, self.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        for hint in &self.hints {
            write!(f, " {}", crate::t!("error-hint", hint = hint.as_str()))?;
        }
        Ok(())
    }
}
