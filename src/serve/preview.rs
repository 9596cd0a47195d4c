//! The work behind the endpoints, done on blocking threads: a draft checked and its page laid
//! out as SVG, a save, a PDF. Problems stay typed until [`ProblemView`] puts them in words for
//! the page.

use super::App;
use super::sheets::{DivisionFile, WardDir};
use crate::locale::Lang;
use crate::pdf::build::{BuildOptions, BuildReport, fit_sheet};
use crate::pdf::data::{Edition, SheetData};
use crate::sheet::draft::{self, Draft};
use crate::sheet::model::{self, Checks, Problem, Severity, WARD_FILE};
use crate::sheet::problem::Kind;
use serde::Serialize;
use std::path::{Path, PathBuf};
use toml_edit::DocumentMut;

/// A problem as the page shows it: beside the field whose `key` it names, in the sheet's
/// words ([`super::sheet_words`]).
#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub severity: Severity,
    /// `goals[2].actions[1].name`; empty for the file as a whole.
    pub key: String,
    /// Where that is, in the form's labels: 組織目標 2 › 主な取組 1 › 取組名称（事業名）.
    pub place: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl ProblemView {
    pub fn of(problem: &Problem, lang: Lang) -> Self {
        let words = super::sheet_words::page_words(problem, lang);
        Self {
            severity: problem.severity,
            key: words.key,
            place: words.place,
            line: problem.at.map(|a| a.line),
            column: problem.at.map(|a| a.column),
            message: words.message,
        }
    }
}

/// A TOML file as read for a form: its keys (a division's [`Draft`], or a ward's settings), its
/// version, and its document, to write changed keys into.
pub struct Read<D = Draft> {
    pub draft: D,
    pub etag: String,
    pub path: PathBuf,
    document: DocumentMut,
    /// The file's line ends are CRLF (kept so when written back).
    crlf: bool,
}

impl<D> Read<D> {
    /// The text the file gets with `write` done to its document, with its own line ends.
    pub fn text_with(&self, write: impl FnOnce(&mut DocumentMut)) -> String {
        let mut document = self.document.clone();
        write(&mut document);
        let text = document.to_string();
        if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    }
}

/// Reads a division file for the form; `Err` with the problems when it is not readable TOML.
pub fn read(path: &Path) -> Result<Read, Vec<Problem>> {
    read_as(path, draft::read)
}

/// Reads a TOML file of a ward folder for a form, its keys taken by `keys`.
pub fn read_as<D>(path: &Path, keys: fn(&DocumentMut) -> D) -> Result<Read<D>, Vec<Problem>> {
    // Read as the model reads: not what is not a file, or too large; decoded.
    let mut problems = Vec::new();
    let Some((bytes, text)) = model::read_file(path, &mut problems) else {
        return Err(problems);
    };
    match text.parse::<DocumentMut>() {
        Ok(document) => Ok(Read {
            draft: keys(&document),
            etag: draft::etag(&bytes),
            path: path.to_path_buf(),
            document,
            crlf: bytes.windows(2).any(|w| w == b"\r\n"),
        }),
        Err(_) => {
            // The model says where and what, in the sheet's words.
            let dir = path.parent().unwrap_or(Path::new("."));
            let (_, problems) = model::load_ward(dir);
            Err(problems.into_iter().filter(|p| p.file == path).collect())
        }
    }
}

/// Brings the history up to the division file as it is on disk (see [`History::catch_up`]).
/// Called with the division's lock held.
///
/// [`History::catch_up`]: super::history::History::catch_up
pub fn catch_up(app: &App, ward: &WardDir, file: &DivisionFile) {
    if let Ok(read) = read(&file.path) {
        catch_up_with(app, ward, &read);
    }
}

/// [`catch_up`] with the file already read: a division's, or `ward.toml`.
pub fn catch_up_with<D: Serialize>(app: &App, ward: &WardDir, read: &Read<D>) {
    let name = read.path.file_name().unwrap_or_default().to_string_lossy();
    // Kept with the ids of its items (given from the version before when it has none).
    let data = app
        .history
        .identified((&ward.folder, &name), &read.etag, &read.draft);
    let seen = super::history::Seen {
        ward: &ward.folder,
        file: &name,
        etag: &read.etag,
        data: &data,
        modified: super::history::modified(&read.path),
    };
    // The history follows the files; a failure here loses no sheet, and is caught up next time.
    let _ = app.history.catch_up(&seen);
}

/// The text a draft gives the division's file.
pub fn text_of(read: &Read, draft: &Draft) -> String {
    read.text_with(|document| draft::apply(document, draft))
}

/// [`text_of`], the file's items matched to the draft's by their ids (`current`, the file's
/// keys as the history holds them): moved, their comments go with them.
pub fn text_identified(read: &Read, draft: &Draft, current: &serde_json::Value) -> String {
    read.text_with(|document| draft::apply_identified(document, draft, current))
}

/// The page of a division as a draft would print it.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// The first page as SVG; `None` while the draft has errors (nothing to lay out).
    pub svg: Option<String>,
    /// The page's text in reading order, for screen readers (the SVG draws glyphs as shapes).
    pub text: String,
    pub pages: usize,
    /// The text size the sheet is set at to fit one page (8 pt normally).
    pub size: Option<f64>,
    pub problems: Vec<ProblemView>,
}

/// The problems of the division's file and of `ward.toml`, as saved.
pub fn check(app: &App, ward: &WardDir, file: &DivisionFile, lang: Lang) -> Vec<ProblemView> {
    checked(app, ward, file, None, lang).1
}

/// The problems of a ward's `ward.toml`, as saved.
pub fn check_ward(app: &App, ward: &WardDir, lang: Lang) -> Vec<ProblemView> {
    let ward_file = ward.dir.join(WARD_FILE);
    let (_, problems) = load(app, ward, None);
    (problems.iter())
        .filter(|p| p.file == ward_file)
        .map(|p| ProblemView::of(p, lang))
        .collect()
}

/// The ward as it would be with `text` in the division's file (as it is with `None`), and the
/// problems of that file and of `ward.toml`.
fn checked(
    app: &App,
    ward: &WardDir,
    file: &DivisionFile,
    text: Option<&str>,
    lang: Lang,
) -> (Option<model::Ward>, Vec<ProblemView>) {
    let name = file.path.file_name().unwrap_or_default();
    let (loaded, problems) = load(app, ward, text.map(|t| (name, t)));
    let ward_file = ward.dir.join(WARD_FILE);
    let shared = orders_shared(&problems, &file.path);
    let problems = (problems.iter())
        .filter(|p| p.file == file.path || p.file == ward_file)
        .chain(&shared)
        .map(|p| ProblemView::of(p, lang))
        .collect();
    (loaded, problems)
}

/// The `order` of the file at `path` given by another file too. The load tells it on the
/// file read later (which loses its place in the volume); the page of the one saved with it
/// must say it as well, or the person who took the place never hears of it.
fn orders_shared(problems: &[Problem], path: &Path) -> Vec<Problem> {
    let taken_from = |problem: &Problem| match &problem.kind {
        Kind::OrderTaken {
            order,
            by,
            line,
            column,
        } if by == path && problem.file != path => Some(Problem {
            at: Some(model::Position {
                line: *line,
                column: *column,
            }),
            key: "order".into(),
            ..Problem::whole_file(
                path,
                Kind::OrderTaken {
                    order: *order,
                    by: problem.file.clone(),
                    line: problem.at.map_or(0, |at| at.line),
                    column: problem.at.map_or(0, |at| at.column),
                },
            )
            .warning()
        }),
        _ => None,
    };
    problems.iter().filter_map(taken_from).collect()
}

/// The ward read and checked as the pages show it (a character the fonts lack is a problem),
/// with one file's text given by `draft` instead of read from the disk.
fn load(
    app: &App,
    ward: &WardDir,
    draft: Option<(&std::ffi::OsStr, &str)>,
) -> (Option<model::Ward>, Vec<Problem>) {
    let covers = |c: char| app.renderer.fonts().covers(c);
    let checks = Checks {
        covers: Some(&covers),
        strict: false,
    };
    model::load_ward_drafted(&ward.dir, &checks, draft)
}

/// Checks the ward as it would be with `text` in the division's file, and lays the division's
/// page out when it is sound.
pub fn preview(
    app: &App,
    ward: &WardDir,
    file: &DivisionFile,
    text: Option<&str>,
    lang: Lang,
) -> Preview {
    let (loaded, problems) = checked(app, ward, file, text, lang);
    let mut preview = Preview {
        svg: None,
        text: String::new(),
        pages: 0,
        size: None,
        problems,
    };
    let Some(ward) = loaded else {
        return preview;
    };
    let Some(division) = ward.divisions.iter().find(|d| d.file == file.path) else {
        return preview;
    };
    let Ok(edition) = Edition::of(&ward) else {
        return preview;
    };
    // The seals and 「案」 as the PDF prints them (without, if the record cannot be read).
    let edition = edition.clone().with_approvals(&ward).unwrap_or(edition);
    let mut data = SheetData::new(&edition, &ward, division);
    let date = ward.evaluated.unwrap_or(ward.created);
    match fit_sheet(&app.renderer, &mut data, date, 0) {
        Ok((document, _, size)) => {
            if let Some(page) = document.pages().first() {
                let options = typst_svg::SvgOptions::default();
                preview.svg = Some(typst_svg::svg(page, &options));
                preview.text = page_text(&page.frame);
            }
            preview.pages = document.pages().len();
            preview.size = Some(size);
        }
        Err(err) => preview.problems.push(ProblemView {
            severity: Severity::Error,
            key: String::new(),
            place: String::new(),
            line: None,
            column: None,
            message: crate::locale::with(lang, || err.to_string()),
        }),
    }
    // Keep what the next keystroke will reuse, let the rest go.
    typst::comemo::evict(10);
    preview
}

/// The text of a laid-out page in the order it was laid out (a table cell by cell), a line
/// break wherever the next piece does not follow on the same line.
fn page_text(frame: &typst::layout::Frame) -> String {
    let mut pieces: Vec<(f64, f64, String)> = Vec::new();
    collect_text(frame, typst::layout::Point::zero(), &mut pieces);
    let mut text = String::new();
    let mut last: Option<(f64, f64)> = None;
    for (x, y, piece) in pieces {
        if last.is_some_and(|(last_x, last_y)| (y - last_y).abs() > 1.0 || x < last_x) {
            text.push('\n');
        }
        text.push_str(&piece);
        last = Some((x, y));
    }
    text
}

fn collect_text(
    frame: &typst::layout::Frame,
    origin: typst::layout::Point,
    pieces: &mut Vec<(f64, f64, String)>,
) {
    use typst::layout::FrameItem;
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, at, pieces),
            FrameItem::Text(text) => {
                pieces.push((at.x.to_pt(), at.y.to_pt(), text.text.to_string()));
            }
            _ => {}
        }
    }
}

/// Why no PDF came.
pub enum NoPdf {
    /// The build wrote nothing: its report says why (its errors, its failures).
    Refused(Box<BuildReport>),
    /// The temporary folder could not be made, or the PDF could not be read back.
    Io(super::Error),
}

/// A PDF built into a folder of its own: the division's (`only`), or the ward's volume.
/// `?stamps=0` of a PDF's URL: the approval stamp boxes left out, as `build --no-stamps`
/// does (any other value, or none, keeps them).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Stamps {
    #[serde(default)]
    pub stamps: Option<String>,
}

impl Stamps {
    pub fn left_out(&self) -> bool {
        matches!(self.stamps.as_deref(), Some("0" | "false" | "no"))
    }
}

pub fn pdf(
    app: &App,
    ward: &WardDir,
    only: Option<&str>,
    stamps: Stamps,
) -> Result<(PathBuf, Vec<u8>), NoPdf> {
    let out = tempfile::tempdir()
        .map_err(|err| NoPdf::Io(super::Error::write(std::env::temp_dir(), err)))?;
    let mut options = BuildOptions::new(&ward.dir, out.path());
    options.only = only.map(|n| vec![n.to_string()]).unwrap_or_default();
    // `build --no-stamps`: the copy for the council, without the approval stamp boxes.
    options.no_stamps = stamps.left_out();
    let report = crate::pdf::build::build(&app.renderer, &options, &());
    // A division alone is the one file written; a ward's volume is written last.
    let Some(path) = report.written.last() else {
        return Err(NoPdf::Refused(Box::new(report)));
    };
    match std::fs::read(path) {
        Ok(bytes) => Ok((path.clone(), bytes)),
        Err(source) => Err(NoPdf::Io(super::Error::read(path.clone(), source))),
    }
}
