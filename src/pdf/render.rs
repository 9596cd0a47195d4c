//! Data → typst → PDF bytes.
//!
//! A [`Renderer`] holds what every document shares (the standard library, the fonts, the parsed
//! templates); [`Renderer::pdf`] compiles one template with one document's data and exports it.

use super::Error;
pub use super::diagnostic::Diagnostic;
use crate::pdf::fonts::FontSet;
use crate::pdf::world::{SheetWorld, Templates, template_file};
use crate::sheet::model::line_column;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoString;
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Label, Selector, Smart, StyleChain, Value};
use typst::introspection::{Introspector, MetadataElem, Tag};
use typst::layout::{Frame, FrameItem};
use typst::model::{Document, DocumentInfo};
use typst::pdf::{ArtifactElem, ArtifactKind};
use typst::utils::LazyHash;
use typst::utils::PicoStr;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Where fonts and templates come from.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Folders searched for more fonts, after the embedded ones.
    pub font_paths: Vec<PathBuf>,
    /// A folder whose `.typ` files replace or add to the embedded templates.
    pub templates: Option<PathBuf>,
    /// How long one document may take to compile ([`DEFAULT_TIMEOUT`] when `None`).
    pub timeout: Option<Duration>,
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
    pub fn new(standards: &[PdfStandard], tagged: bool) -> Result<Self, Error> {
        let standards = PdfStandards::new(standards).map_err(|err| Error::PdfStandards {
            message: err.message().to_string(),
            hints: err.hints().iter().map(|h| h.to_string()).collect(),
        })?;
        Ok(Self { standards, tagged })
    }
}

/// A PDF standard by its typst name (`a-2b`, `ua-1`, …).
pub fn parse_standard(name: &str) -> Result<PdfStandard, Error> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|_| {
        Error::UnknownStandard {
            name: name.to_string(),
        }
    })
}

/// The text sizes a sheet may be set at, in pt, largest first: 8 pt down to 6 pt in steps of
/// 0.25 pt. The same as `body-size` and `min-size` in `templates/form.typ`.
pub const SHEET_SIZES: [f64; 9] = [8.0, 7.75, 7.5, 7.25, 7.0, 6.75, 6.5, 6.25, 6.0];

/// A document exported to PDF.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Where a document of more than one page breaks: the goals of the form by the page they
    /// start on (No., page from 1). Empty for a document of one page.
    pub goal_pages: Vec<(i64, usize)>,
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

/// A sheet as laid out in a volume: the division's `order`, its pages (index of the first,
/// how many) and the PDF metadata of its own file. The form marks where each sheet starts
/// with `metadata((order:, info:))` labelled `<mokuhyo-sheet>`.
pub struct SheetPages {
    pub order: u32,
    pub first: usize,
    pub count: usize,
    pub info: DocumentInfo,
}

/// The sheets of a compiled volume, in page order: each runs from its marker's page to the
/// page before the next marker (the last, to the volume's end). Markers that cannot be read
/// are left out, and so are their sheets: they are compiled on their own then.
pub fn sheet_pages(volume: &PagedDocument) -> Vec<SheetPages> {
    let Some(label) = Label::new(PicoStr::intern("mokuhyo-sheet")) else {
        return Vec::new();
    };
    let introspector = volume.introspector();
    let mut found: Vec<(usize, Option<(u32, DocumentInfo)>)> = introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let page = introspector.page(content.location()?)?.get() - 1;
            let value = &content.to_packed::<MetadataElem>()?.value;
            Some((page, sheet_marker(value, volume.info())))
        })
        .collect();
    found.sort_by_key(|(page, _)| *page);
    let starts: Vec<usize> = found.iter().map(|(page, _)| *page).collect();
    found
        .into_iter()
        .enumerate()
        .filter_map(|(i, (first, marker))| {
            let (order, info) = marker?;
            let end = starts.get(i + 1).copied().unwrap_or(volume.pages().len());
            Some(SheetPages {
                order,
                first,
                count: end.saturating_sub(first),
                info,
            })
        })
        .collect()
}

/// A sheet marker's order and document metadata, or `None` when it is not of the form's
/// making (a template of the user's may differ).
fn sheet_marker(value: &Value, volume: &DocumentInfo) -> Option<(u32, DocumentInfo)> {
    let Value::Dict(marker) = value else {
        return None;
    };
    let order = marker.get("order").ok()?.clone().cast::<u32>().ok()?;
    let Value::Dict(info) = marker.get("info").ok()? else {
        return None;
    };
    let text = |key: &str| info.get(key).ok()?.clone().cast::<EcoString>().ok();
    let texts = |key: &str| -> Option<Vec<EcoString>> {
        let value = info.get(key).ok()?.clone();
        match value {
            Value::Str(s) => Some(vec![s.into()]),
            other => other.cast::<Vec<EcoString>>().ok(),
        }
    };
    let date = info.get("date").ok()?.clone().cast::<Datetime>().ok()?;
    Some((
        order,
        DocumentInfo {
            title: Some(text("title")?),
            author: texts("author")?,
            description: Some(text("description")?),
            keywords: texts("keywords")?,
            date: Smart::Custom(Some(date)),
            locale: volume.locale,
        },
    ))
}

/// The sheet's own document, cut out of the volume: its pages as laid out there, without the
/// volume's page numbers (the footer) and unnumbered, with its own metadata. The same as
/// the sheet compiled on its own, without laying it out again.
pub fn cut_sheet(volume: &PagedDocument, sheet: &SheetPages) -> PagedDocument {
    let pages: EcoVec<Page> = volume.pages()[sheet.first..sheet.first + sheet.count]
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut page = page.clone();
            remove_footer(&mut page.frame);
            page.numbering = None;
            page.number = i as u64 + 1;
            page
        })
        .collect();
    PagedDocument::new(pages, sheet.info.clone())
}

/// Takes the page footer (what typst marks as a footer artifact) out of a page's frame: its
/// items between its start and end tags, where typst placed them in the page's frame, or the
/// group holding them.
fn remove_footer(frame: &mut Frame) {
    // The footer's start tag, and the location its end tag names.
    let footer = |item: &FrameItem| match item {
        FrameItem::Tag(Tag::Start(content, _)) => content
            .to_packed::<ArtifactElem>()
            .filter(|a| a.kind.get(StyleChain::default()) == ArtifactKind::Footer)
            .and_then(|_| content.location()),
        _ => None,
    };
    let items: Vec<&FrameItem> = frame.items().map(|(_, item)| item).collect();
    let start = items
        .iter()
        .enumerate()
        .find_map(|(i, item)| Some((i, footer(item)?)));
    if let Some((start, location)) = start {
        let end = items[start..]
            .iter()
            .position(|item| matches!(item, FrameItem::Tag(Tag::End(l, ..)) if *l == location))
            .map_or(items.len() - 1, |n| start + n);
        let mut index = 0;
        frame.retain(|_| {
            let keep = index < start || index > end;
            index += 1;
            keep
        });
        return;
    }
    frame.retain(|item| match item {
        FrameItem::Group(group) => !group.frame.items().any(|(_, item)| footer(item).is_some()),
        _ => true,
    });
}

pub struct Renderer {
    shared: Arc<Shared>,
    /// See [`Renderer::sheets_cut_from_volume`].
    cut_from_volume: bool,
    /// How long one document may take to compile before it is given up with an error that
    /// names its template. typst cannot be interrupted: the compile given up goes on, on a
    /// thread of its own, until it ends or the process does; the build goes on without it.
    timeout: Duration,
}

/// What every document's compile reads, shared with the threads compiles run on.
struct Shared {
    library: LazyHash<Library>,
    fonts: FontSet,
    templates: Templates,
}

/// How long a document may take to compile by default: a sheet takes well under a second, so
/// only a template that loops without end (or a runaway recursion) meets it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The stack of a thread that compiles: a main thread's (8 MiB) is what typst is made for;
/// threads get 2 MiB by default, too little for the deepest documents. Reserved, not used,
/// memory.
pub const STACK_SIZE: usize = 16 << 20;

impl Renderer {
    pub fn new(resources: &Resources) -> Result<Self, Error> {
        let templates = Templates::load(resources.templates.as_deref())?;
        Ok(Self {
            cut_from_volume: templates.is_embedded("sheet.typ")
                && templates.is_embedded("volume.typ"),
            shared: Arc::new(Shared {
                library: LazyHash::new(Library::default()),
                fonts: FontSet::load(&resources.font_paths)?,
                templates,
            }),
            timeout: resources.timeout.unwrap_or(DEFAULT_TIMEOUT),
        })
    }

    pub fn fonts(&self) -> &FontSet {
        &self.shared.fonts
    }

    /// Whether a sheet cut out of the volume ([`cut_sheet`]) is the sheet `sheet.typ` makes:
    /// so with the shipped templates. A user's `sheet.typ` or `volume.typ` may make them differ
    /// (another header, other margins), and the sheets are compiled on their own then. A
    /// user's `form.typ` changes both alike.
    pub fn sheets_cut_from_volume(&self) -> bool {
        self.cut_from_volume
    }

    /// Compiles `template` (a file name under `/templates/`) with `data` at `/data.json`.
    /// `date` is what `datetime.today()` answers in the template: the edition's date. A
    /// compile that takes longer than the timeout is given up.
    pub fn compile(
        &self,
        template: &str,
        data: &impl Serialize,
        date: NaiveDate,
    ) -> Result<(PagedDocument, Vec<Diagnostic>), Error> {
        let json = serde_json::to_vec(data)?;
        let shared = Arc::clone(&self.shared);
        let name = template.to_string();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(format!("typst {template}"))
            .stack_size(STACK_SIZE)
            .spawn(move || {
                let _ = sender.send(shared.compile(&name, Bytes::new(json), date));
            })
            .map_err(|source| Error::Thread {
                template: template.to_string(),
                source,
            })?;
        match receiver.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(Error::TimedOut {
                template: template.to_string(),
                seconds: self.timeout.as_secs_f64(),
            }),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(Error::Panicked {
                template: template.to_string(),
            }),
        }
    }

    /// Compiles and exports to PDF; also what typst warned about. `ident` names the document
    /// stably across builds (it makes the PDF's /ID, so rebuilding the same input gives the
    /// same bytes).
    pub fn pdf(
        &self,
        template: &str,
        data: &impl Serialize,
        date: NaiveDate,
        ident: &str,
        settings: &PdfSettings,
    ) -> Result<(Rendered, Vec<Diagnostic>), Error> {
        let (document, warnings) = self.compile(template, data, date)?;
        Ok((self.export(&document, ident, settings)?, warnings))
    }

    /// Exports a compiled document to PDF (`ident` as for [`Renderer::pdf`]).
    pub fn export(
        &self,
        document: &PagedDocument,
        ident: &str,
        settings: &PdfSettings,
    ) -> Result<Rendered, Error> {
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
        let pdf = typst_pdf::pdf(document, &options).map_err(|errors| Error::Export {
            messages: errors.iter().map(|e| e.message.to_string()).collect(),
        })?;
        let pages = document.pages().len();
        Ok(Rendered {
            pdf,
            pages,
            goal_pages: if pages > 1 {
                goal_pages(document)
            } else {
                Vec::new()
            },
        })
    }
}

impl Shared {
    fn compile(
        &self,
        template: &str,
        data: Bytes,
        date: NaiveDate,
    ) -> Result<(PagedDocument, Vec<Diagnostic>), Error> {
        let main = template_file(template);
        let world = SheetWorld {
            library: &self.library,
            fonts: &self.fonts,
            templates: &self.templates,
            main,
            data,
            today: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8),
        };
        if world.source(main).is_err() {
            return Err(Error::NoTemplate {
                name: template.to_string(),
            });
        }
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let warnings = warnings.iter().map(|w| describe(&world, w)).collect();
        match output {
            Ok(document) => Ok((document, warnings)),
            Err(errors) => Err(Error::Template {
                diagnostics: errors.iter().map(|e| describe(&world, e)).collect(),
            }),
        }
    }
}

/// A typst diagnostic, placed in the template's file as the user knows it.
fn describe(world: &SheetWorld, diag: &SourceDiagnostic) -> Diagnostic {
    let mut diagnostic = Diagnostic {
        file: None,
        line: 0,
        column: 0,
        message: diag.message.to_string(),
        // typst-cli's own options mean nothing here.
        hints: (diag.hints.iter())
            .filter(|h| !h.v.contains("--root"))
            .map(|h| h.v.to_string())
            .collect(),
    };
    if let Some(id) = diag.span.id() {
        diagnostic.file = Some(world.templates.shown_path(id));
        if let (Some(range), Ok(source)) = (world.range(diag.span), world.source(id)) {
            (diagnostic.line, diagnostic.column) = line_column(source.text(), range.start);
        }
    }
    diagnostic
}
