//! Data → typst → PDF bytes.
//!
//! A [`Renderer`] holds what every document shares (the standard library, the fonts, the parsed
//! templates); [`Renderer::pdf`] compiles one template with one document's data and exports it.

use crate::fonts::FontSet;
use crate::model::line_column;
use crate::world::{SheetWorld, Templates, template_file};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::path::PathBuf;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Label, Selector, Smart};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::LazyHash;
use typst::utils::PicoStr;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Where fonts and templates come from.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Folders searched for more fonts, after the embedded ones.
    pub font_paths: Vec<PathBuf>,
    /// A folder whose `.typ` files replace or add to the embedded templates.
    pub templates: Option<PathBuf>,
}

/// How PDFs are written.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// Standards to conform to (PDF/A, PDF/UA, a PDF version), checked for compatibility when
    /// the settings are made; typst checks each document against them on export.
    standards: PdfStandards,
    /// Tagged PDF (structure for screen readers and accessibility checks): on by default.
    tagged: bool,
}

impl Default for PdfSettings {
    fn default() -> Self {
        Self {
            standards: PdfStandards::default(),
            tagged: true,
        }
    }
}

impl PdfSettings {
    /// Settings for `standards`; an error if they cannot be combined (two PDF/A levels, two
    /// PDF versions), so a build fails before it compiles anything.
    pub fn new(standards: &[PdfStandard], tagged: bool) -> Result<Self, String> {
        let standards = PdfStandards::new(standards).map_err(|err| {
            let hints: String = err
                .hints()
                .iter()
                .map(|h| format!(" (hint: {h})"))
                .collect();
            format!("--pdf-standard: {}{hints}", err.message())
        })?;
        Ok(Self { standards, tagged })
    }
}

/// The names `--pdf-standard` accepts, as typst spells them.
pub const PDF_STANDARDS: [&str; 17] = [
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

/// A PDF standard by its typst name (`a-2b`, `ua-1`, …).
pub fn parse_standard(name: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|_| {
        format!(
            "unknown PDF standard `{name}`: use one of {}",
            PDF_STANDARDS.join(", ")
        )
    })
}

/// The text sizes a sheet may be set at, in pt, largest first: 8 pt down to 6 pt in steps of
/// 0.25 pt. The same as `body-size` and `min-size` in `templates/form.typ`.
pub const SHEET_SIZES: [f64; 9] = [8.0, 7.75, 7.5, 7.25, 7.0, 6.75, 6.5, 6.25, 6.0];

/// A compiled document and what typst warned about on the way.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The goals of the form by the page they start on: (No., page from 1).
    pub goal_pages: Vec<(i64, usize)>,
    pub warnings: Vec<String>,
}

/// Where each goal of a compiled form starts: the template marks each goal's No. cell with
/// `metadata(no)` labelled `<mokuhyo-goal>`.
pub fn goal_pages(document: &PagedDocument) -> Vec<(i64, usize)> {
    let Some(label) = Label::new(PicoStr::intern("mokuhyo-goal")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let no = content
                .to_packed::<MetadataElem>()?
                .value
                .clone()
                .cast::<i64>()
                .ok()?;
            let page = introspector.page(content.location()?)?.get();
            Some((no, page))
        })
        .collect()
}

pub struct Renderer {
    library: LazyHash<Library>,
    fonts: FontSet,
    templates: Templates,
}

impl Renderer {
    pub fn new(resources: &Resources) -> Result<Self, String> {
        Ok(Self {
            library: LazyHash::new(Library::default()),
            fonts: FontSet::load(&resources.font_paths)?,
            templates: Templates::load(resources.templates.as_deref())?,
        })
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Compiles `template` (a file name under `/templates/`) with `data` at `/data.json`.
    /// `date` is what `datetime.today()` answers in the template: the edition's date.
    pub fn compile(
        &self,
        template: &str,
        data: &impl Serialize,
        date: NaiveDate,
    ) -> Result<(PagedDocument, Vec<String>), String> {
        let main = template_file(template);
        let json =
            serde_json::to_vec(data).map_err(|err| format!("cannot serialize the data: {err}"))?;
        let world = SheetWorld {
            library: &self.library,
            fonts: &self.fonts,
            templates: &self.templates,
            main,
            data: Bytes::new(json),
            today: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8),
        };
        if world.source(main).is_err() {
            return Err(format!("no template `{template}`"));
        }
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let warnings = warnings.iter().map(|w| describe(&world, w)).collect();
        match output {
            Ok(document) => Ok((document, warnings)),
            Err(errors) => Err(errors
                .iter()
                .map(|e| describe(&world, e))
                .collect::<Vec<_>>()
                .join("\n")),
        }
    }

    /// Compiles and exports to PDF. `ident` names the document stably across builds (it makes
    /// the PDF's /ID, so rebuilding the same input gives the same bytes).
    pub fn pdf(
        &self,
        template: &str,
        data: &impl Serialize,
        date: NaiveDate,
        ident: &str,
        settings: &PdfSettings,
    ) -> Result<Rendered, String> {
        let (document, warnings) = self.compile(template, data, date)?;
        self.export(&document, warnings, ident, settings)
    }

    /// Exports a compiled document to PDF.
    pub fn export(
        &self,
        document: &PagedDocument,
        warnings: Vec<String>,
        ident: &str,
        settings: &PdfSettings,
    ) -> Result<Rendered, String> {
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some(format!(
                "mokuhyo {} (typst 0.15)",
                env!("CARGO_PKG_VERSION")
            ))),
            timestamp: None,
            page_ranges: None,
            standards: settings.standards.clone(),
            tagged: settings.tagged,
            pretty: false,
        };
        let pdf = typst_pdf::pdf(document, &options).map_err(|errors| {
            errors
                .iter()
                .map(|e| format!("PDF export: {}", e.message))
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        Ok(Rendered {
            pdf,
            pages: document.pages().len(),
            goal_pages: goal_pages(document),
            warnings,
        })
    }
}

/// A typst diagnostic as `templates/form.typ:12:5: message (hint: …)`.
fn describe(world: &SheetWorld, diag: &SourceDiagnostic) -> String {
    let mut out = String::new();
    if let Some(id) = diag.span.id() {
        let path = id.vpath().get_without_slash().to_string();
        match (world.range(diag.span), world.source(id)) {
            (Some(range), Ok(source)) => {
                let (line, column) = line_column(source.text(), range.start);
                out.push_str(&format!("{path}:{line}:{column}: "));
            }
            _ => out.push_str(&format!("{path}: ")),
        }
    }
    out.push_str(&diag.message);
    // typst-cli's own options mean nothing here.
    for hint in diag.hints.iter().filter(|h| !h.v.contains("--root")) {
        out.push_str(&format!(" (hint: {})", hint.v));
    }
    out
}
